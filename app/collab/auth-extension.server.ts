import type { Extension } from '@hocuspocus/server';
import type { Db } from '../../db/client.server.ts';
import { CLOSE_REASONS } from './close-reasons.ts';
import { currentDocumentAccess } from './access.server.ts';
import { getPerson } from '../models/person.server.ts';

async function getPersonDisplay(db: Db, userId: string) {
  const person = await getPerson(db, userId);
  return { name: person?.name ?? '', institution: person?.institutionName ?? '' };
}

/** What the upgrade handler learned about the socket, shared by every document it opens. */
export interface SocketContext {
  userId: string;
  openDocuments: Set<string>;
  /** Who the socket may say it is in presence announcements (set on authentication). */
  person?: { name: string; institution: string };
}

/**
 * Decides, per document, whether a signed-in socket may open it, and whether
 * read-only: the same permission rules as the HTTP routes.
 */
export function authExtension({ db, maxDocumentsPerConnection }: { db: Db; maxDocumentsPerConnection: number }): Extension {
  return {
    extensionName: 'portal-auth',
    async onAuthenticate({ context, documentName, connectionConfig }) {
      const socket = (context as { socket?: SocketContext }).socket;
      if (!socket) throw CLOSE_REASONS.unauthorized;
      if (!socket.openDocuments.has(documentName) && socket.openDocuments.size >= maxDocumentsPerConnection) {
        throw CLOSE_REASONS.tooManyDocuments;
      }
      const { actor, access } = await currentDocumentAccess(db, socket.userId, documentName);
      if (!actor) throw CLOSE_REASONS.unauthorized;
      socket.person ??= await getPersonDisplay(db, socket.userId);
      if (access === 'none') throw CLOSE_REASONS.forbidden;
      // Hocuspocus then refuses (and never stores) this connection's updates.
      connectionConfig.readOnly = access !== 'edit';
      socket.openDocuments.add(documentName);
      return { access };
    },
    async onDisconnect({ context, documentName }) {
      (context as { socket?: SocketContext }).socket?.openDocuments.delete(documentName);
    },
  };
}
