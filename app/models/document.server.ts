import crypto from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/client.server.ts';
import { dialectOf } from '../../db/client.server.ts';
import type { Database, DocumentAccessLevel, DocumentLanguage, DocumentRow, DocumentStatus, DocumentType, Tlp } from '../../db/schema.ts';
import type { DocumentAccessContext, DocumentReadScope } from '../policies/document-access.ts';
import { foldForSearch, searchWords } from '../utils/search-text.ts';
import { nowIso } from '../utils/time.ts';
import { recordAudit } from './audit.server.ts';
import { insertInitialSnapshot } from './document-state.server.ts';
import { inTransaction } from './transaction.server.ts';

export interface DocumentFields {
  title: string;
  type: DocumentType;
  language: DocumentLanguage;
  summary: string;
  ownerInstitutionId: string;
  tlp: Tlp;
}

/** Only the document's own columns, whatever else the caller's object carries. */
function documentColumns(fields: DocumentFields) {
  const { title, type, language, summary, ownerInstitutionId, tlp } = fields;
  return { title: title.trim(), type, language, summary: summary.trim(), ownerInstitutionId, tlp };
}

export interface Participants {
  institutions: { institutionId: string; access: Exclude<DocumentAccessLevel, 'view'> }[];
  people: { userId: string; access: DocumentAccessLevel }[];
}

/** Creates a document with its participants and its first Yjs state, all or nothing. */
export async function createDocument(
  db: Db,
  actorId: string,
  fields: DocumentFields,
  participants: Participants,
  initialState: Uint8Array,
  searchBody = '',
): Promise<DocumentRow> {
  // Inside the caller's transaction when there is one: a language version is created with its family link.
  return inTransaction(db, async (trx) => {
    const now = nowIso();
    const row = await trx
      .insertInto('document')
      .values({ id: crypto.randomUUID(), ...documentColumns(fields), status: 'draft', createdById: actorId, createdAt: now, updatedAt: now, contentUpdatedAt: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeParticipants(trx, row.id, fields.ownerInstitutionId, participants);
    await insertInitialSnapshot(trx, row.id, initialState);
    await trx.insertInto('documentSearch').values({ documentId: row.id, title: foldForSearch(row.title), body: foldForSearch(searchBody) }).execute();
    await recordAudit(trx, { actorId, action: 'document.create', entityType: 'document', entityId: row.id, details: { title: row.title, tlp: row.tlp } });
    return row;
  });
}

async function writeParticipants(trx: Db, documentId: string, ownerInstitutionId: string, participants: Participants): Promise<void> {
  await trx.deleteFrom('documentInstitution').where('documentId', '=', documentId).execute();
  await trx.deleteFrom('documentPerson').where('documentId', '=', documentId).execute();
  // The owner institution always edits; it is not listed twice.
  const institutions = uniqueBy(participants.institutions.filter((i) => i.institutionId !== ownerInstitutionId), (i) => i.institutionId);
  const people = uniqueBy(participants.people, (p) => p.userId);
  if (institutions.length) await trx.insertInto('documentInstitution').values(institutions.map((i) => ({ documentId, ...i }))).execute();
  if (people.length) await trx.insertInto('documentPerson').values(people.map((p) => ({ documentId, ...p }))).execute();
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) seen.set(key(item), item);
  return [...seen.values()];
}

/** Title, classification and participants; a reclassification is audited as such. */
export async function updateDocumentSettings(db: Db, actorId: string, id: string, fields: DocumentFields, participants: Participants): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('document').select(['tlp', 'title']).where('id', '=', id).executeTakeFirstOrThrow();
    await trx.updateTable('document').set({ ...documentColumns(fields), updatedAt: nowIso() }).where('id', '=', id).execute();
    await writeParticipants(trx, id, fields.ownerInstitutionId, participants);
    await trx.updateTable('documentSearch').set({ title: foldForSearch(fields.title.trim()) }).where('documentId', '=', id).execute();
    await recordAudit(trx, { actorId, action: 'document.update', entityType: 'document', entityId: id, details: { participants } });
    if (before.tlp !== fields.tlp) {
      await recordAudit(trx, { actorId, action: 'document.reclassify', entityType: 'document', entityId: id, details: { from: before.tlp, to: fields.tlp } });
    }
  });
}

export async function getDocument(db: Db, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('document').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A document with what the permission rules need to decide access. */
export async function getDocumentAccessContext(db: Db, id: string): Promise<(DocumentAccessContext & { document: DocumentRow }) | undefined> {
  const document = await getDocument(db, id);
  if (!document) return undefined;
  const [institutions, people] = await Promise.all([
    db.selectFrom('documentInstitution').select(['institutionId', 'access']).where('documentId', '=', id).execute(),
    db.selectFrom('documentPerson').select(['userId', 'access']).where('documentId', '=', id).execute(),
  ]);
  return { document, tlp: document.tlp, ownerInstitutionId: document.ownerInstitutionId, institutions, people };
}

/** Participants with names, for the document page and its settings form. */
export async function listParticipants(db: Db, id: string) {
  const [institutions, people] = await Promise.all([
    db
      .selectFrom('documentInstitution')
      .innerJoin('institution', 'institution.id', 'documentInstitution.institutionId')
      .select(['documentInstitution.institutionId', 'documentInstitution.access', 'institution.name', 'institution.sector'])
      .where('documentInstitution.documentId', '=', id)
      .orderBy(sql`lower(institution.name)`)
      .execute(),
    db
      .selectFrom('documentPerson')
      .innerJoin('user', 'user.id', 'documentPerson.userId')
      .innerJoin('institution', 'institution.id', 'user.institutionId')
      .select(['documentPerson.userId', 'documentPerson.access', 'user.name', 'institution.name as institutionName'])
      .where('documentPerson.documentId', '=', id)
      .orderBy(sql`lower("user"."name")`)
      .execute(),
  ]);
  return { institutions, people };
}

/**
 * The scope `documentReadScope` (document-access.ts) computed, as SQL, so
 * lists and search never load documents a person may not see.
 */
export function readableBy(scope: DocumentReadScope) {
  return (eb: ExpressionBuilder<Database, 'document'>): Expression<SqlBool> => {
    const participatesExpr = eb.or([
      eb('document.ownerInstitutionId', '=', scope.institutionId),
      eb.exists(
        eb
          .selectFrom('documentInstitution')
          .select('documentInstitution.documentId')
          .whereRef('documentInstitution.documentId', '=', 'document.id')
          .where('documentInstitution.institutionId', '=', scope.institutionId),
      ),
    ]);
    const namedExpr = eb.exists(
      eb
        .selectFrom('documentPerson')
        .select('documentPerson.documentId')
        .whereRef('documentPerson.documentId', '=', 'document.id')
        .where('documentPerson.userId', '=', scope.userId),
    );
    const branches: Expression<SqlBool>[] = [];
    if (scope.everyone.length > 0) branches.push(eb('document.tlp', 'in', scope.everyone));
    if (scope.involved.length > 0) branches.push(eb.and([eb('document.tlp', 'in', scope.involved), eb.or([participatesExpr, namedExpr])]));
    if (scope.closest.length > 0) branches.push(eb.and([eb('document.tlp', 'in', scope.closest), namedExpr]));
    return eb.or(branches);
  };
}

export interface DocumentFilter {
  query?: string;
  type?: DocumentType;
  status?: DocumentStatus;
  institutionId?: string;
  limit?: number;
}

/** The documents an actor may read, newest first, filtered and searched in SQL. */
export async function listDocuments(db: Db, scope: DocumentReadScope, filter: DocumentFilter = {}) {
  let query = db
    .selectFrom('document')
    .innerJoin('institution as owner', 'owner.id', 'document.ownerInstitutionId')
    .select([
      'document.id',
      'document.title',
      'document.type',
      'document.language',
      'document.summary',
      'document.tlp',
      'document.status',
      'document.updatedAt',
      'document.contentUpdatedAt',
      'document.ownerInstitutionId',
      'owner.name as ownerName',
    ])
    .where(readableBy(scope));
  if (filter.type) query = query.where('document.type', '=', filter.type);
  if (filter.status) query = query.where('document.status', '=', filter.status);
  if (filter.institutionId) {
    query = query.where(institutionTakesPart(filter.institutionId));
  }
  // Indexed text and query are folded alike (app/utils/search-text.ts): diacritics and script do not matter.
  const terms = filter.query ? searchWords(filter.query) : [];
  if (terms.length > 0) {
    if (dialectOf(db) === 'postgres') {
      const tsquery = terms.map((t) => `${t}:*`).join(' & ');
      query = query.where('document.id', 'in', (eb) =>
        eb.selectFrom('documentSearch').select('documentSearch.documentId').where(sql<SqlBool>`"documentSearch"."tsv" @@ to_tsquery('simple', portal_fold(${tsquery}))`),
      );
    } else {
      const match = terms.map((t) => `"${t}"*`).join(' ');
      query = query.where('document.id', 'in', (eb) =>
        eb.selectFrom('documentSearch').select('documentSearch.documentId').where(sql<SqlBool>`"documentSearch" match ${match}`),
      );
    }
  }
  return query.orderBy('document.updatedAt', 'desc').limit(filter.limit ?? 200).execute();
}

/** Keeps full-text search in step with the text (called, debounced, as people type). */
export async function updateDocumentSearchText(db: Db, documentId: string, body: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    await trx.updateTable('documentSearch').set({ body: foldForSearch(body) }).where('documentId', '=', documentId).execute();
    await trx.updateTable('document').set({ contentUpdatedAt: now, updatedAt: now }).where('id', '=', documentId).execute();
  });
}

/** Is the institution the document's owner or one of its participants? */
export function institutionTakesPart(institutionId: string) {
  return (eb: ExpressionBuilder<Database, 'document'>) =>
    eb.or([
      eb('document.ownerInstitutionId', '=', institutionId),
      eb.exists(
        eb
          .selectFrom('documentInstitution')
          .select('documentInstitution.documentId')
          .whereRef('documentInstitution.documentId', '=', 'document.id')
          .where('documentInstitution.institutionId', '=', institutionId),
      ),
    ]);
}
