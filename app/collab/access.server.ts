import type { Db } from '../../db/client.server.ts';
import { getDocumentAccessContext } from '../models/document.server.ts';
import { getPersonActor } from '../models/person.server.ts';
import { documentAccess, type DocumentAccess } from '../policies/document-access.ts';
import type { Actor } from '../policies/permissions.ts';

export interface CurrentAccess {
  actor: Actor | null;
  access: DocumentAccess;
}

/** The access a person has to a document right now, read fresh from the database. */
export async function currentDocumentAccess(db: Db, userId: string, documentId: string): Promise<CurrentAccess> {
  return accessSweep(db)(userId, documentId);
}

/**
 * The same answer for many (person, document) pairs at one moment, each
 * person and each document read once: the revalidation of every open socket
 * would otherwise read a person again for every document they have open.
 */
export function accessSweep(db: Db): (userId: string, documentId: string) => Promise<CurrentAccess> {
  const actors = new Map<string, ReturnType<typeof getPersonActor>>();
  const contexts = new Map<string, ReturnType<typeof getDocumentAccessContext>>();
  return async (userId, documentId) => {
    let actorRead = actors.get(userId);
    if (!actorRead) actors.set(userId, (actorRead = getPersonActor(db, userId)));
    let contextRead = contexts.get(documentId);
    if (!contextRead) contexts.set(documentId, (contextRead = getDocumentAccessContext(db, documentId)));
    const [actor, context] = await Promise.all([actorRead, contextRead]);
    if (!actor || !context) return { actor, access: 'none' };
    return { actor, access: documentAccess(actor, context) };
  };
}
