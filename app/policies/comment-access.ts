import type { DocumentStatus } from '../../db/schema.ts';
import { accessAtLeast, documentAccess, participates, type DocumentAccessContext } from './document-access.ts';
import { can, isCoordinator, type Actor } from './permissions.ts';

/**
 * Who may read, write, resolve and reopen a document's comment threads. Pure.
 * Comments are never public and follow the document's TLP label: whoever may
 * not read the document may not read its comments either.
 */
export interface CommentDocumentContext extends DocumentAccessContext {
  status: DocumentStatus;
}

/** Threads and comments: everyone who may read the document, and nobody else. */
export function mayReadComments(actor: Actor | null, doc: CommentDocumentContext): boolean {
  return actor !== null && documentAccess(actor, doc) !== 'none';
}

/**
 * Opening a thread or replying: 'comment' access or more ('suggest' includes it). During consultation
 * every member of a participating institution who may read the text comments,
 * whatever access their institution was given; observers only when the
 * document names them with comment access. An archived text takes no comments.
 */
export function mayComment(actor: Actor | null, doc: CommentDocumentContext): boolean {
  if (!actor || doc.status === 'archived') return false;
  const access = documentAccess(actor, doc);
  if (accessAtLeast(access, 'comment')) return true;
  return access === 'view' && doc.status === 'consultation' && actor.role !== 'observer' && participates(actor, doc);
}

/** Resolving and reopening: the thread's author, the document's editors, or the secretariat (who may read it). */
export function mayResolveThread(actor: Actor | null, doc: CommentDocumentContext, thread: { createdById: string }): boolean {
  if (!actor || !mayReadComments(actor, doc)) return false;
  return actor.id === thread.createdById || isCoordinator(actor) || documentAccess(actor, doc) === 'edit';
}

export interface CommentState {
  authorId: string;
  deletedAt: string | null;
  hiddenAt: string | null;
}

/**
 * Editing or deleting a comment: its author only, while they may still
 * comment on the document, and not once it was deleted or hidden (a hidden
 * comment must not be reworded under the secretariat's note).
 */
export function mayChangeOwnComment(actor: Actor | null, doc: CommentDocumentContext, comment: CommentState): boolean {
  return actor !== null && actor.id === comment.authorId && comment.deletedAt === null && comment.hiddenAt === null && mayComment(actor, doc);
}

/** Hiding a comment, with a reason: the secretariat (and admins) who may read the document. */
export function mayHideComment(actor: Actor | null, doc: CommentDocumentContext, comment: CommentState): boolean {
  return actor !== null && can(actor, 'comment:hide') && mayReadComments(actor, doc) && comment.deletedAt === null && comment.hiddenAt === null;
}

/** The text of a hidden comment: still shown to its author and to those who may hide comments, to no one else. */
export function maySeeHiddenComment(actor: Actor | null, comment: { authorId: string }): boolean {
  return actor !== null && (actor.id === comment.authorId || can(actor, 'comment:hide'));
}
