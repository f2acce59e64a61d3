import type { Extension } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import type { Db } from '../../db/client.server.ts';
import { CLOSE_REASONS } from '../editor/close-reasons.ts';
import { currentDocumentAccess } from './access.server.ts';
import { getPerson } from '../models/person.server.ts';

async function getPersonDisplay(db: Db, userId: string) {
  const person = await getPerson(db, userId);
  return { name: person?.name ?? '', institution: person?.institutionName ?? '' };
}

// Hocuspocus message types 5 (Stateless, to the server's hooks) and 6 (BroadcastStateless, relayed to every connection).
const MESSAGE_STATELESS = 5;
const MESSAGE_BROADCAST_STATELESS = 6;
/** Largest stateless message a connection may send; the portal's own editor sends none. */
export const MAX_STATELESS_BYTES = 16 * 1024;
const STATELESS_REFUSED = { code: 1008, reason: 'stateless-refused' };
const STATELESS_TOO_LARGE = { code: 1009, reason: 'stateless-too-large' };

/** Whether a raw Hocuspocus message is a stateless one. Throws on a malformed message, which closes only that connection. */
function statelessMessage(message: Uint8Array): boolean {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  return type === MESSAGE_STATELESS || type === MESSAGE_BROADCAST_STATELESS;
}

/** What the upgrade handler learned about the socket, shared by every document it opens. */
export interface SocketContext {
  userId: string;
  /** The better-auth session the socket was opened with: signing out closes it. */
  sessionId: string;
  /** Set when the session ended or the person was deactivated: the socket may do nothing more. */
  revoked?: boolean;
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
      if (!socket || socket.revoked) throw CLOSE_REASONS.unauthorized;
      const reopening = socket.openDocuments.has(documentName);
      if (!reopening && socket.openDocuments.size >= maxDocumentsPerConnection) {
        throw CLOSE_REASONS.tooManyDocuments;
      }
      // Take the place before the first await: Auth messages sent back to back
      // would otherwise all pass the check above before any of them is counted.
      socket.openDocuments.add(documentName);
      try {
        const { actor, access } = await currentDocumentAccess(db, socket.userId, documentName);
        if (!actor) throw CLOSE_REASONS.unauthorized;
        socket.person ??= await getPersonDisplay(db, socket.userId);
        if (access === 'none') throw CLOSE_REASONS.forbidden;
        // Hocuspocus then refuses (and never stores) this connection's updates.
        connectionConfig.readOnly = access !== 'edit';
        return { access };
      } catch (refusal) {
        if (!reopening) socket.openDocuments.delete(documentName);
        throw refusal;
      }
    },
    async beforeHandleMessage({ context, connection, update }) {
      // Runs before the persistence extension: a revoked socket's update is neither stored nor applied.
      if ((context as { socket?: SocketContext }).socket?.revoked) throw CLOSE_REASONS.unauthorized;
      const stateless = statelessMessage(update);
      if (!stateless) return;
      // Only editors may address the others through stateless messages, and only briefly.
      if (connection.readOnly) throw STATELESS_REFUSED;
      if (update.length > MAX_STATELESS_BYTES) throw STATELESS_TOO_LARGE;
    },
    async onDisconnect({ context, documentName }) {
      (context as { socket?: SocketContext }).socket?.openDocuments.delete(documentName);
    },
  };
}
