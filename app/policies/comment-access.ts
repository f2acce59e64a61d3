import type { DocumentStatus } from '../../db/schema.ts';
import { documentAccess, participates, type DocumentAccessContext } from './document-access.ts';
import { isCoordinator, type Actor } from './permissions.ts';

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
 * Opening a thread or replying: 'comment' access or more. During consultation
 * every member of a participating institution who may read the text comments,
 * whatever access their institution was given; observers only when the
 * document names them with comment access. An archived text takes no comments.
 */
export function mayComment(actor: Actor | null, doc: CommentDocumentContext): boolean {
  if (!actor || doc.status === 'archived') return false;
  const access = documentAccess(actor, doc);
  if (access === 'comment' || access === 'edit') return true;
  return access === 'view' && doc.status === 'consultation' && actor.role !== 'observer' && participates(actor, doc);
}

/** Resolving and reopening: the thread's author, the document's editors, or the secretariat (who may read it). */
export function mayResolveThread(actor: Actor | null, doc: CommentDocumentContext, thread: { createdById: string }): boolean {
  if (!actor || !mayReadComments(actor, doc)) return false;
  return actor.id === thread.createdById || isCoordinator(actor) || documentAccess(actor, doc) === 'edit';
}
