import type { Db } from '../../db/client.server.ts';
import type { Sector, ThreadDecision } from '../../db/schema.ts';
import { nowIso } from '../utils/time.ts';
import { recordAudit } from './audit.server.ts';

/**
 * The SQL of the consultation report (docs/consultation-report.md): the
 * consultation windows from the recorded workflow moves, the threads with the
 * sector of their institution and their decision, the decisions themselves,
 * the names setting, and the report frozen with a public edition. Which rows
 * go into a report and how they read is app/services/consultation-report.server.ts.
 */

/** From the move into consultation to the move out of it; `end` null while it lasts. */
export interface ConsultationWindow {
  round: number;
  start: string;
  end: string | null;
}

/** The document's consultation windows, oldest first, read from its recorded moves. */
export async function consultationWindows(db: Db, documentId: string): Promise<ConsultationWindow[]> {
  const moves = await db
    .selectFrom('documentTransition')
    .select(['fromStatus', 'toStatus', 'createdAt'])
    .where('documentId', '=', documentId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const windows: ConsultationWindow[] = [];
  let open: ConsultationWindow | null = null;
  for (const move of moves) {
    if (move.toStatus === 'consultation' && !open) {
      open = { round: windows.length + 1, start: move.createdAt, end: null };
      windows.push(open);
    } else if (move.fromStatus === 'consultation' && open) {
      open.end = move.createdAt;
      open = null;
    }
  }
  return windows;
}

export interface ReportComment {
  id: string;
  authorName: string;
  body: string;
  createdAt: string;
  deletedAt: string | null;
  hiddenAt: string | null;
  hiddenReason: string | null;
}

/** A document's threads, oldest first, with institution, sector, decision and every comment in order. */
export async function listReportThreads(db: Db, documentId: string) {
  const threads = await db
    .selectFrom('commentThread')
    .innerJoin('user as author', 'author.id', 'commentThread.createdById')
    .innerJoin('institution', 'institution.id', 'commentThread.institutionId')
    .leftJoin('user as decider', 'decider.id', 'commentThread.decidedById')
    .select([
      'commentThread.id',
      'commentThread.quote',
      'commentThread.institutionId',
      'commentThread.createdAt',
      'commentThread.decision',
      'commentThread.decisionReason',
      'commentThread.decidedAt',
      'author.name as authorName',
      'institution.name as institutionName',
      'institution.sector as institutionSector',
      'decider.name as deciderName',
    ])
    .where('commentThread.documentId', '=', documentId)
    .orderBy('commentThread.createdAt')
    .orderBy('commentThread.id')
    .execute();
  if (threads.length === 0) return [];
  const comments = await db
    .selectFrom('comment')
    .innerJoin('commentThread', 'commentThread.id', 'comment.threadId')
    .innerJoin('user', 'user.id', 'comment.authorId')
    .select(['comment.id', 'comment.threadId', 'user.name as authorName', 'comment.body', 'comment.createdAt', 'comment.deletedAt', 'comment.hiddenAt', 'comment.hiddenReason'])
    .where('commentThread.documentId', '=', documentId)
    .orderBy('comment.createdAt')
    .orderBy('comment.id')
    .execute();
  const byThread = new Map<string, ReportComment[]>();
  for (const { threadId, ...comment } of comments) {
    const list = byThread.get(threadId) ?? [];
    list.push(comment);
    byThread.set(threadId, list);
  }
  return threads.map((thread) => ({ ...thread, institutionSector: thread.institutionSector as Sector, comments: byThread.get(thread.id) ?? [] }));
}

export type ReportThread = Awaited<ReturnType<typeof listReportThreads>>[number];

/** A thread's document, for checking a decision against the right document. */
export async function threadDocumentId(db: Db, threadId: string): Promise<string | undefined> {
  const row = await db.selectFrom('commentThread').select('documentId').where('id', '=', threadId).executeTakeFirst();
  return row?.documentId;
}

export interface ThreadDecisionInput {
  threadId: string;
  documentId: string;
  actorId: string;
  decision: ThreadDecision;
  reason: string;
}

/**
 * Records (or replaces) the decision on a thread of the document, with an
 * audit event naming the decision but not the reason (it may quote the
 * comment, which carries the document's TLP). False when the thread is not
 * the document's.
 */
export async function decideThread(db: Db, input: ThreadDecisionInput): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const result = await trx
      .updateTable('commentThread')
      .set({ decision: input.decision, decisionReason: input.reason, decidedById: input.actorId, decidedAt: now })
      .where('id', '=', input.threadId)
      .where('documentId', '=', input.documentId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordAudit(trx, {
      actorId: input.actorId,
      action: 'consultation.thread-decided',
      entityType: 'document',
      entityId: input.documentId,
      details: { threadId: input.threadId, decision: input.decision },
    });
    return true;
  });
}

/** Turns people's names in the published report on or off, with an audit event. */
export async function setReportNamesPeople(db: Db, input: { documentId: string; actorId: string; on: boolean }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('document')
      .set({ reportNamesPeople: input.on ? 1 : 0 })
      .where('id', '=', input.documentId)
      .execute();
    await recordAudit(trx, { actorId: input.actorId, action: 'consultation.names-setting', entityType: 'document', entityId: input.documentId, details: { namesPeople: input.on } });
  });
}

/** Whether the document's published report names people. */
export async function reportNamesPeople(db: Db, documentId: string): Promise<boolean> {
  const row = await db.selectFrom('document').select('reportNamesPeople').where('id', '=', documentId).executeTakeFirst();
  return Number(row?.reportNamesPeople ?? 0) === 1;
}

/** Stores the report of an edition; call it in the transaction that publishes the edition. */
export async function freezeReport(trx: Db, input: { editionId: string; documentId: string; rows: unknown[]; namesPeople: boolean }): Promise<void> {
  await trx
    .insertInto('consultationReport')
    .values({ editionId: input.editionId, documentId: input.documentId, rows: JSON.stringify(input.rows), namesPeople: input.namesPeople ? 1 : 0, createdAt: nowIso() })
    .execute();
}

/** The report frozen with an edition, as stored, or undefined. */
export async function getFrozenReport(db: Db, editionId: string) {
  const row = await db.selectFrom('consultationReport').select(['rows', 'namesPeople', 'createdAt']).where('editionId', '=', editionId).executeTakeFirst();
  if (!row) return undefined;
  return { rows: JSON.parse(row.rows) as unknown[], namesPeople: Number(row.namesPeople) === 1, createdAt: row.createdAt };
}

/** Does the edition have a frozen report? (For the link on the public edition page.) */
export async function hasFrozenReport(db: Db, editionId: string): Promise<boolean> {
  const row = await db.selectFrom('consultationReport').select('editionId').where('editionId', '=', editionId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Of the given comments, those hidden by the secretariat now: a comment hidden
 * after publication is shown as hidden in the frozen report too, the only way
 * a frozen report's reading changes.
 */
export async function hiddenCommentIds(db: Db, commentIds: string[]): Promise<Set<string>> {
  if (commentIds.length === 0) return new Set();
  const rows = await db.selectFrom('comment').select('id').where('id', 'in', commentIds).where('hiddenAt', 'is not', null).execute();
  return new Set(rows.map((row) => row.id));
}
