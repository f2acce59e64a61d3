import type { Db } from '../../db/client.server.ts';
import type { DocumentLanguage } from '../../db/schema.ts';
import type { DocumentReadScope } from '../policies/document-access.ts';
import { nowIso } from '../utils/time.ts';
import { readableBy } from './document.server.ts';

/**
 * Language versions of a document (docs/decisions/021-language-versions.md).
 * A family is every document whose `familyId` is the source document's id;
 * the source carries its own id there too.
 */

export interface FamilyMember {
  id: string;
  title: string;
  language: DocumentLanguage;
  isSource: boolean;
}

/** The members of a family the scope may read, source first, then by language. */
export async function listFamilyMembers(db: Db, familyId: string, scope: DocumentReadScope): Promise<FamilyMember[]> {
  const rows = await db
    .selectFrom('document')
    .select(['document.id', 'document.title', 'document.language'])
    .where('document.familyId', '=', familyId)
    .where(readableBy(scope))
    .execute();
  return rows
    .map((row) => ({ ...row, isSource: row.id === familyId }))
    .sort((a, b) => Number(b.isSource) - Number(a.isSource) || a.language.localeCompare(b.language));
}

/** Every language in the family, readable or not: a second version in one language is refused. */
export async function familyLanguages(db: Db, familyId: string): Promise<DocumentLanguage[]> {
  const rows = await db.selectFrom('document').select('language').where('familyId', '=', familyId).execute();
  return rows.map((row) => row.language);
}

/** Makes a document the source of its family (a no-op when it already belongs to one). */
export async function startFamily(trx: Db, documentId: string): Promise<string> {
  await trx.updateTable('document').set({ familyId: documentId }).where('id', '=', documentId).where('familyId', 'is', null).execute();
  const row = await trx.selectFrom('document').select('familyId').where('id', '=', documentId).executeTakeFirstOrThrow();
  return row.familyId ?? documentId;
}

/** Joins a document to a family as a language version, up to date with the source's `sourceHtml`. */
export async function joinFamily(trx: Db, documentId: string, familyId: string, sourceHtml: string): Promise<void> {
  await trx.updateTable('document').set({ familyId }).where('id', '=', documentId).execute();
  await trx.insertInto('documentTranslation').values({ documentId, sourceSyncedAt: nowIso(), sourceHtml }).execute();
}

/** When a language version was last brought up to date, and the source's text then; undefined for a source. */
export async function getTranslationSync(db: Db, documentId: string) {
  return db.selectFrom('documentTranslation').select(['sourceSyncedAt', 'sourceHtml']).where('documentId', '=', documentId).executeTakeFirst();
}

/** Records that a language version is up to date with the source's `sourceHtml`. */
export async function markTranslationSynced(trx: Db, documentId: string, sourceHtml: string): Promise<string> {
  const now = nowIso();
  await trx.updateTable('documentTranslation').set({ sourceSyncedAt: now, sourceHtml }).where('documentId', '=', documentId).execute();
  return now;
}
