import crypto from 'node:crypto';
import type { Db } from '../../db/client.server.ts';
import type { ThreadStatus } from '../../db/schema.ts';
import { nowIso } from '../utils/time.ts';
import { recordAudit } from './audit.server.ts';

/** Comment threads anchored in a document's text, and their replies. */

export interface ThreadFilter {
  status?: ThreadStatus;
  authorId?: string;
  institutionId?: string;
}

export interface NewThread {
  /** Chosen by the browser: it is also the id of the mark in the text. */
  id: string;
  documentId: string;
  quote: string;
  authorId: string;
  institutionId: string;
  body: string;
}

/**
 * Opens a thread with its first comment in one transaction. The caller marks
 * the text first (see documents_.$id.comments.tsx): a mark without a thread
 * shows nothing, a thread without its mark would be "text removed" at once.
 */
export async function createThread(db: Db, thread: NewThread): Promise<{ threadId: string; commentId: string }> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    await trx
      .insertInto('commentThread')
      .values({
        id: thread.id,
        documentId: thread.documentId,
        quote: thread.quote,
        status: 'open',
        createdById: thread.authorId,
        institutionId: thread.institutionId,
        resolvedById: null,
        resolvedAt: null,
        anchorRemovedAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const commentId = await insertComment(trx, thread.id, thread.authorId, thread.body, now);
    // Comment text stays out of the audit log: it carries the document's TLP.
    await recordAudit(trx, { actorId: thread.authorId, action: 'comment.thread-opened', entityType: 'document', entityId: thread.documentId, details: { threadId: thread.id } });
    return { threadId: thread.id, commentId };
  });
}

async function insertComment(trx: Db, threadId: string, authorId: string, body: string, now: string): Promise<string> {
  const id = crypto.randomUUID();
  await trx.insertInto('comment').values({ id, threadId, authorId, body, createdAt: now, editedAt: null }).execute();
  return id;
}

/** Adds a reply; returns its id. */
export async function addReply(db: Db, input: { threadId: string; authorId: string; body: string }): Promise<string> {
  return db.transaction().execute(async (trx) => {
    // Replies are listed by time: never stamp one at or before the comment it answers,
    // even within the same millisecond.
    const last = await trx
      .selectFrom('comment')
      .select('createdAt')
      .where('threadId', '=', input.threadId)
      .orderBy('createdAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    let now = nowIso();
    if (last && now <= last.createdAt) now = new Date(Date.parse(last.createdAt) + 1).toISOString();
    const id = await insertComment(trx, input.threadId, input.authorId, input.body, now);
    await trx.updateTable('commentThread').set({ updatedAt: now }).where('id', '=', input.threadId).execute();
    return id;
  });
}

/** Resolves or reopens a thread (a no-op when it already has that status), with an audit event. */
export async function setThreadStatus(db: Db, input: { threadId: string; actorId: string; status: ThreadStatus }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const resolved = input.status === 'resolved';
    const result = await trx
      .updateTable('commentThread')
      .set({ status: input.status, resolvedById: resolved ? input.actorId : null, resolvedAt: resolved ? now : null, updatedAt: now })
      .where('id', '=', input.threadId)
      .where('status', '!=', input.status)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    const thread = await trx.selectFrom('commentThread').select('documentId').where('id', '=', input.threadId).executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorId: input.actorId,
      action: resolved ? 'comment.thread-resolved' : 'comment.thread-reopened',
      entityType: 'document',
      entityId: thread.documentId,
      details: { threadId: input.threadId },
    });
    return true;
  });
}

/** One thread, without its comments, or undefined. */
export async function getThread(db: Db, threadId: string) {
  return db.selectFrom('commentThread').selectAll().where('id', '=', threadId).executeTakeFirst();
}

export interface ThreadComment {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hiddenAt: string | null;
  hiddenReason: string | null;
}

/** A document's threads (newest activity first) with their comments in order, names included. */
export async function listThreads(db: Db, documentId: string, filter: ThreadFilter = {}) {
  let query = db
    .selectFrom('commentThread')
    .innerJoin('user as author', 'author.id', 'commentThread.createdById')
    .innerJoin('institution', 'institution.id', 'commentThread.institutionId')
    .leftJoin('user as resolver', 'resolver.id', 'commentThread.resolvedById')
    .select([
      'commentThread.id',
      'commentThread.quote',
      'commentThread.status',
      'commentThread.createdById',
      'commentThread.institutionId',
      'commentThread.resolvedAt',
      'commentThread.anchorRemovedAt',
      'commentThread.createdAt',
      'commentThread.updatedAt',
      'author.name as authorName',
      'institution.name as institutionName',
      'resolver.name as resolverName',
    ])
    .where('commentThread.documentId', '=', documentId);
  if (filter.status) query = query.where('commentThread.status', '=', filter.status);
  if (filter.authorId) query = query.where('commentThread.createdById', '=', filter.authorId);
  if (filter.institutionId) query = query.where('commentThread.institutionId', '=', filter.institutionId);
  const threads = await query.orderBy('commentThread.updatedAt', 'desc').orderBy('commentThread.id').execute();
  if (threads.length === 0) return [];
  const comments = await db
    .selectFrom('comment')
    .innerJoin('commentThread', 'commentThread.id', 'comment.threadId')
    .innerJoin('user', 'user.id', 'comment.authorId')
    .select([
      'comment.id',
      'comment.threadId',
      'comment.authorId',
      'user.name as authorName',
      'comment.body',
      'comment.createdAt',
      'comment.editedAt',
      'comment.deletedAt',
      'comment.hiddenAt',
      'comment.hiddenReason',
    ])
    .where('commentThread.documentId', '=', documentId)
    .orderBy('comment.createdAt')
    .orderBy('comment.id')
    .execute();
  const byThread = new Map<string, ThreadComment[]>();
  for (const { threadId, ...comment } of comments) {
    const list = byThread.get(threadId) ?? [];
    list.push(comment);
    byThread.set(threadId, list);
  }
  return threads.map((thread) => ({ ...thread, comments: byThread.get(thread.id) ?? [] }));
}

export type ThreadWithComments = Awaited<ReturnType<typeof listThreads>>[number];

/** Who has opened a document's threads: the authors and institutions the panel filters by. */
export async function listThreadAuthors(db: Db, documentId: string) {
  const [authors, institutions] = await Promise.all([
    db
      .selectFrom('commentThread')
      .innerJoin('user', 'user.id', 'commentThread.createdById')
      .select(['user.id', 'user.name'])
      .distinct()
      .where('commentThread.documentId', '=', documentId)
      .execute(),
    db
      .selectFrom('commentThread')
      .innerJoin('institution', 'institution.id', 'commentThread.institutionId')
      .select(['institution.id', 'institution.name'])
      .distinct()
      .where('commentThread.documentId', '=', documentId)
      .execute(),
  ]);
  // Sorted here: PostgreSQL refuses ORDER BY lower(name) on a SELECT DISTINCT of name.
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return { authors: authors.sort(byName), institutions: institutions.sort(byName) };
}

/** Everyone who has written in a thread. */
export async function threadParticipantIds(db: Db, threadId: string): Promise<string[]> {
  const rows = await db.selectFrom('comment').select('authorId').distinct().where('threadId', '=', threadId).execute();
  return rows.map((row) => row.authorId);
}

/**
 * Records which threads lost their text: `present` holds the mark ids found in
 * the document now. A thread whose text came back (undo, a restored version)
 * loses the flag again.
 */
export async function syncAnchorRemoval(db: Db, documentId: string, present: ReadonlySet<string>): Promise<void> {
  const threads = await db.selectFrom('commentThread').select(['id', 'anchorRemovedAt']).where('documentId', '=', documentId).execute();
  const removed = threads.filter((t) => t.anchorRemovedAt === null && !present.has(t.id)).map((t) => t.id);
  const restored = threads.filter((t) => t.anchorRemovedAt !== null && present.has(t.id)).map((t) => t.id);
  if (removed.length === 0 && restored.length === 0) return;
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    if (removed.length > 0) await trx.updateTable('commentThread').set({ anchorRemovedAt: now }).where('id', 'in', removed).where('anchorRemovedAt', 'is', null).execute();
    if (restored.length > 0) await trx.updateTable('commentThread').set({ anchorRemovedAt: null }).where('id', 'in', restored).execute();
  });
}

/** One comment with the document it belongs to, or undefined. */
export async function getComment(db: Db, commentId: string) {
  return db
    .selectFrom('comment')
    .innerJoin('commentThread', 'commentThread.id', 'comment.threadId')
    .select(['comment.id', 'comment.threadId', 'comment.authorId', 'comment.body', 'comment.deletedAt', 'comment.hiddenAt', 'commentThread.documentId'])
    .where('comment.id', '=', commentId)
    .executeTakeFirst();
}

type CommentChange = { commentId: string; actorId: string } & ({ kind: 'edit'; body: string } | { kind: 'delete' } | { kind: 'hide'; reason: string });

const CHANGE_AUDIT = { edit: 'comment.edited', delete: 'comment.deleted', hide: 'comment.hidden' } as const;

/**
 * Edits, deletes or hides a comment in one transaction, with an audit event.
 * An edit or a deletion keeps the earlier wording in commentRevision; the
 * audit log names the comment, never its text (it carries the document's
 * TLP). False when the comment is gone, deleted, or (for an edit or a
 * deletion) hidden meanwhile.
 */
export async function changeComment(db: Db, change: CommentChange): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const comment = await trx
      .selectFrom('comment')
      .innerJoin('commentThread', 'commentThread.id', 'comment.threadId')
      .select(['comment.body', 'comment.threadId', 'comment.hiddenAt', 'commentThread.documentId'])
      .where('comment.id', '=', change.commentId)
      .where('comment.deletedAt', 'is', null)
      .executeTakeFirst();
    if (!comment || (change.kind !== 'hide' && comment.hiddenAt !== null)) return false;
    const now = nowIso();
    if (change.kind === 'hide') {
      await trx.updateTable('comment').set({ hiddenAt: now, hiddenById: change.actorId, hiddenReason: change.reason }).where('id', '=', change.commentId).execute();
    } else {
      await trx.insertInto('commentRevision').values({ id: crypto.randomUUID(), commentId: change.commentId, body: comment.body, replacedById: change.actorId, replacedAt: now }).execute();
      const set = change.kind === 'edit' ? { body: change.body, editedAt: now } : { body: '', deletedAt: now };
      await trx.updateTable('comment').set(set).where('id', '=', change.commentId).execute();
    }
    await recordAudit(trx, {
      actorId: change.actorId,
      action: CHANGE_AUDIT[change.kind],
      entityType: 'document',
      entityId: comment.documentId,
      details: { threadId: comment.threadId, commentId: change.commentId },
    });
    return true;
  });
}

/** Earlier wordings of a comment, oldest first. */
export async function listCommentRevisions(db: Db, commentId: string) {
  return db.selectFrom('commentRevision').select(['body', 'replacedById', 'replacedAt']).where('commentId', '=', commentId).orderBy('replacedAt').orderBy('id').execute();
}
