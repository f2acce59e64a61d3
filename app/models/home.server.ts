import { sql } from 'kysely';
import type { Db } from '../../db/client.server.ts';
import type { Tlp } from '../../db/schema.ts';
import type { DocumentReadScope } from '../policies/document-access.ts';
import { visibleIn, type AuditReadScope } from './audit.server.ts';
import { institutionTakesPart, readableBy } from './document.server.ts';
import { institutionNameIn } from './institution.server.ts';
import { inTransaction } from './transaction.server.ts';

/**
 * The SQL of the home page per role (app/services/home-page.server.ts):
 * the last visit, documents in consultation and their missing positions, and
 * the recent activity. Every read of documents and items is scoped by the
 * same readable-by rules as the lists.
 */

/**
 * Records that the person opened the home page at `now` and returns when
 * their previous visit was (null on the first one). Opening it again within
 * `gapMs` counts as the same visit, so a reload does not empty "what changed".
 */
export async function recordHomeVisit(db: Db, userId: string, now: string, gapMs: number): Promise<string | null> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('user').select(['homeSeenAt', 'homeLastVisitAt']).where('id', '=', userId).executeTakeFirst();
    if (!row) return null;
    const newVisit = row.homeSeenAt === null || Date.parse(now) - Date.parse(row.homeSeenAt) > gapMs;
    const lastVisit = newVisit ? row.homeSeenAt : row.homeLastVisitAt;
    await trx.updateTable('user').set({ homeSeenAt: now, homeLastVisitAt: lastVisit }).where('id', '=', userId).execute();
    return lastVisit;
  });
}

export interface ConsultationRow {
  id: string;
  title: string;
  tlp: Tlp;
  round: number;
  /** YYYY-MM-DD, or null when no deadline was set. */
  deadline: string | null;
  ownerName: string;
}

/** `language`: institution names in the reader's language, else English. */
function consultations(db: Db, scope: DocumentReadScope, language: string | undefined) {
  return db
    .selectFrom('document')
    .innerJoin('institution as owner', 'owner.id', 'document.ownerInstitutionId')
    .select(['document.id', 'document.title', 'document.tlp', 'document.consultationRound as round', 'document.consultationDeadline as deadline'])
    .select(institutionNameIn(language, 'owner.id', 'owner.name').as('ownerName'))
    .where('document.status', '=', 'consultation')
    .where(readableBy(scope))
    // The nearest deadline first; documents without one after those with one.
    .orderBy(sql`case when "document"."consultationDeadline" is null then 1 else 0 end`)
    .orderBy('document.consultationDeadline')
    .orderBy('document.title');
}

/**
 * Documents in consultation, readable in `scope`, in which the institution
 * takes part and has not yet recorded its position for the current round.
 */
export async function listAwaitingPosition(db: Db, scope: DocumentReadScope, institutionId: string, language?: string, limit = 20): Promise<ConsultationRow[]> {
  return consultations(db, scope, language)
    .where(institutionTakesPart(institutionId))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('documentPosition')
            .select('documentPosition.documentId')
            .whereRef('documentPosition.documentId', '=', 'document.id')
            .whereRef('documentPosition.round', '=', 'document.consultationRound')
            .where('documentPosition.institutionId', '=', institutionId),
        ),
      ),
    )
    .limit(limit)
    .execute();
}

export interface ConsultationWithMissing extends ConsultationRow {
  participants: number;
  /** The participating institutions (owner included) without a position in this round, by name. */
  missing: { id: string; name: string }[];
}

/** Documents in consultation readable in `scope`, each with the participating institutions whose position is missing. */
export async function listMissingPositions(db: Db, scope: DocumentReadScope, language?: string, limit = 20): Promise<ConsultationWithMissing[]> {
  const documents = await consultations(db, scope, language).limit(limit).execute();
  if (documents.length === 0) return [];
  const ids = documents.map((d) => d.id);
  const [owners, partners, positions] = await Promise.all([
    db
      .selectFrom('document')
      .innerJoin('institution', 'institution.id', 'document.ownerInstitutionId')
      .select(['document.id as documentId', 'institution.id'])
      .select(institutionNameIn(language, 'institution.id', 'institution.name').as('name'))
      .where('document.id', 'in', ids)
      .execute(),
    db
      .selectFrom('documentInstitution')
      .innerJoin('institution', 'institution.id', 'documentInstitution.institutionId')
      .select(['documentInstitution.documentId', 'institution.id'])
      .select(institutionNameIn(language, 'institution.id', 'institution.name').as('name'))
      .where('documentInstitution.documentId', 'in', ids)
      .execute(),
    db
      .selectFrom('documentPosition')
      .innerJoin('document', 'document.id', 'documentPosition.documentId')
      .select(['documentPosition.documentId', 'documentPosition.institutionId'])
      .where('documentPosition.documentId', 'in', ids)
      .whereRef('documentPosition.round', '=', 'document.consultationRound')
      .execute(),
  ]);
  const recorded = new Set(positions.map((p) => `${p.documentId}|${p.institutionId}`));
  return documents.map((document) => {
    const participants = [...owners, ...partners].filter((p) => p.documentId === document.id);
    return {
      ...document,
      round: Number(document.round),
      participants: participants.length,
      missing: participants
        .filter((p) => !recorded.has(`${document.id}|${p.id}`))
        .map(({ id, name }) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
}

export interface ActivityRow {
  id: string;
  action: string;
  entityType: 'document' | 'actionItem';
  entityId: string;
  createdAt: string;
  actorName: string | null;
  /** The document's title, or the item's code and title. */
  documentTitle: string | null;
  itemCode: string | null;
  itemTitle: string | null;
}

/**
 * What happened to documents and action items the viewer may read, newest
 * first, since `since`, leaving out the viewer's own acts. Events of deleted
 * items are left out: there is nothing left to open.
 */
export async function listRecentActivity(db: Db, scope: AuditReadScope, options: { since: string; excludeActorId?: string; limit?: number }): Promise<ActivityRow[]> {
  let query = db
    .selectFrom('auditEvent')
    .leftJoin('user', 'user.id', 'auditEvent.actorId')
    .leftJoin('document', (join) => join.onRef('document.id', '=', 'auditEvent.entityId').on('auditEvent.entityType', '=', 'document'))
    .leftJoin('actionItem', (join) => join.onRef('actionItem.id', '=', 'auditEvent.entityId').on('auditEvent.entityType', '=', 'actionItem'))
    .select([
      'auditEvent.id',
      'auditEvent.action',
      'auditEvent.entityType',
      'auditEvent.entityId',
      'auditEvent.createdAt',
      'user.name as actorName',
      'document.title as documentTitle',
      'actionItem.code as itemCode',
      'actionItem.title as itemTitle',
    ])
    .where(visibleIn(scope))
    .where((eb) => eb.or([eb('document.id', 'is not', null), eb('actionItem.id', 'is not', null)]))
    .where('auditEvent.createdAt', '>=', options.since);
  if (options.excludeActorId) {
    const me = options.excludeActorId;
    query = query.where((eb) => eb.or([eb('auditEvent.actorId', 'is', null), eb('auditEvent.actorId', '!=', me)]));
  }
  const rows = await query
    .orderBy('auditEvent.createdAt', 'desc')
    .orderBy('auditEvent.id')
    .limit(options.limit ?? 10)
    .execute();
  return rows.map((row) => ({ ...row, entityType: row.entityType as ActivityRow['entityType'] }));
}
