import type { Db } from '../../db/client.server.ts';
import type { SuggestionStatus } from '../../db/schema.ts';
import { nowIso } from '../utils/time.ts';
import { recordAudit } from './audit.server.ts';

/**
 * Suggestions: proposed changes to a passage, anchored in the text by a mark
 * whose id is the suggestion id (docs/decisions/022-suggestions.md). The marks
 * are written by app/services/suggestions.server.ts; this module keeps the rows.
 */

export interface SuggestionFilter {
  status?: SuggestionStatus[];
  institutionId?: string;
}

export interface NewSuggestionInput {
  /** Chosen by the browser: it is also the id of the mark in the text. */
  id: string;
  documentId: string;
  createdById: string;
  institutionId: string;
  quote: string;
  proposedText: string;
  rationale: string | null;
}

/** Stores a suggestion whose mark is already in the text, with an audit event. */
export async function createSuggestion(db: Db, input: NewSuggestionInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    await trx
      .insertInto('suggestion')
      .values({
        ...input,
        status: 'pending',
        decidedById: null,
        decidedAt: null,
        decisionReason: null,
        appliedText: null,
        anchorOutdatedAt: null,
        threadId: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    // The proposal stays out of the audit log: it carries the document's TLP, as comments do.
    await recordAudit(trx, { actorId: input.createdById, action: 'suggestion.created', entityType: 'document', entityId: input.documentId, details: { suggestionId: input.id } });
  });
}

/** A document's suggestions, oldest first, with the author's name and the institution's name and sector. */
export async function listSuggestions(db: Db, documentId: string, filter: SuggestionFilter = {}) {
  let query = db
    .selectFrom('suggestion')
    .innerJoin('user as author', 'author.id', 'suggestion.createdById')
    .innerJoin('institution', 'institution.id', 'suggestion.institutionId')
    .leftJoin('user as decider', 'decider.id', 'suggestion.decidedById')
    .selectAll('suggestion')
    .select(['author.name as authorName', 'institution.name as institutionName', 'institution.sector as institutionSector', 'decider.name as deciderName'])
    .where('suggestion.documentId', '=', documentId);
  if (filter.status && filter.status.length > 0) query = query.where('suggestion.status', 'in', filter.status);
  if (filter.institutionId) query = query.where('suggestion.institutionId', '=', filter.institutionId);
  return query.orderBy('suggestion.createdAt').orderBy('suggestion.id').execute();
}

export type SuggestionWithNames = Awaited<ReturnType<typeof listSuggestions>>[number];

/** One suggestion, or undefined. */
export async function getSuggestion(db: Db, suggestionId: string) {
  return db.selectFrom('suggestion').selectAll().where('id', '=', suggestionId).executeTakeFirst();
}

/** How many suggestions of a document still wait for a decision. */
export async function countPendingSuggestions(db: Db, documentId: string): Promise<number> {
  const row = await db
    .selectFrom('suggestion')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
    .where('documentId', '=', documentId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface SuggestionDecision {
  suggestionId: string;
  actorId: string;
  status: Exclude<SuggestionStatus, 'pending'>;
  reason: string | null;
  appliedText: string | null;
}

/**
 * Records a decision on a pending suggestion, with an audit event, in the
 * caller's transaction if it passes one. False when it was decided already
 * (two deciders at once: the first one wins).
 */
export async function decideSuggestion(db: Db, decision: SuggestionDecision): Promise<boolean> {
  const now = nowIso();
  const result = await db
    .updateTable('suggestion')
    .set({
      status: decision.status,
      decidedById: decision.actorId,
      decidedAt: now,
      decisionReason: decision.reason,
      appliedText: decision.status === 'rejected' ? null : decision.appliedText,
      updatedAt: now,
    })
    .where('id', '=', decision.suggestionId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  const row = await db.selectFrom('suggestion').select('documentId').where('id', '=', decision.suggestionId).executeTakeFirstOrThrow();
  await recordAudit(db, {
    actorId: decision.actorId,
    action: `suggestion.${decision.status.replace(/_/g, '-')}`,
    entityType: 'document',
    entityId: row.documentId,
    details: { suggestionId: decision.suggestionId },
  });
  return true;
}

/**
 * A pending suggestion now anchored to another passage (re-anchored after its
 * text changed), with an audit event. False when it was decided meanwhile.
 */
export async function moveSuggestionAnchor(db: Db, input: { suggestionId: string; actorId: string; quote: string }): Promise<boolean> {
  const now = nowIso();
  const result = await db
    .updateTable('suggestion')
    .set({ quote: input.quote, anchorOutdatedAt: null, updatedAt: now })
    .where('id', '=', input.suggestionId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  const row = await db.selectFrom('suggestion').select('documentId').where('id', '=', input.suggestionId).executeTakeFirstOrThrow();
  await recordAudit(db, { actorId: input.actorId, action: 'suggestion.re-anchored', entityType: 'document', entityId: row.documentId, details: { suggestionId: input.suggestionId } });
  return true;
}

/** Links the reply thread once someone first replies to a suggestion. */
export async function setSuggestionThread(db: Db, suggestionId: string, threadId: string): Promise<void> {
  await db.updateTable('suggestion').set({ threadId, updatedAt: nowIso() }).where('id', '=', suggestionId).where('threadId', 'is', null).execute();
}

/**
 * Records which pending suggestions' passages were changed by someone else:
 * `intact` holds the ids whose marked text still reads as the quote. One that
 * reads so again (undo, a restored version) loses the flag.
 */
export async function syncSuggestionAnchors(db: Db, documentId: string, intact: ReadonlySet<string>): Promise<void> {
  const rows = await db.selectFrom('suggestion').select(['id', 'anchorOutdatedAt']).where('documentId', '=', documentId).where('status', '=', 'pending').execute();
  const outdated = rows.filter((row) => row.anchorOutdatedAt === null && !intact.has(row.id)).map((row) => row.id);
  const restored = rows.filter((row) => row.anchorOutdatedAt !== null && intact.has(row.id)).map((row) => row.id);
  if (outdated.length === 0 && restored.length === 0) return;
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    if (outdated.length > 0) await trx.updateTable('suggestion').set({ anchorOutdatedAt: now }).where('id', 'in', outdated).where('anchorOutdatedAt', 'is', null).execute();
    if (restored.length > 0) await trx.updateTable('suggestion').set({ anchorOutdatedAt: null }).where('id', 'in', restored).execute();
  });
}
