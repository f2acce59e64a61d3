import type { Db } from '../../db/client.server.ts';
import { getDocumentAccessContext } from '../models/document.server.ts';
import { getPersonActor } from '../models/person.server.ts';
import { documentAccess, type DocumentAccess } from '../policies/document-access.ts';
import type { Actor } from '../policies/permissions.ts';

/** The access a person has to a document right now, read fresh from the database. */
export async function currentDocumentAccess(db: Db, userId: string, documentId: string): Promise<{ actor: Actor | null; access: DocumentAccess }> {
  const [actor, context] = await Promise.all([getPersonActor(db, userId), getDocumentAccessContext(db, documentId)]);
  if (!actor || !context) return { actor, access: 'none' };
  return { actor, access: documentAccess(actor, context) };
}
