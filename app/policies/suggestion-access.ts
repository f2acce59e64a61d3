import { accessAtLeast, canManageDocument, documentAccess } from './document-access.ts';
import type { CommentDocumentContext } from './comment-access.ts';
import { can, type Actor } from './permissions.ts';

/**
 * Who may propose and who may decide suggestions (docs/suggestions.md). Pure.
 * Suggestions are read by whoever may read the comments: the document's
 * readers, never the public.
 */

/**
 * Proposing a change: "can suggest" or more (editors and the secretariat may
 * suggest too), on a text that is not archived.
 */
export function maySuggest(actor: Actor | null, doc: CommentDocumentContext): boolean {
  if (!actor || doc.status === 'archived') return false;
  return accessAtLeast(documentAccess(actor, doc), 'suggest');
}

/**
 * Re-anchoring an outdated suggestion to the passage as it reads now: its
 * author while they may still suggest, or whoever may decide it.
 */
export function mayReanchorSuggestion(actor: Actor | null, doc: CommentDocumentContext, suggestion: { createdById: string }): boolean {
  if (!actor) return false;
  return (actor.id === suggestion.createdById && maySuggest(actor, doc)) || mayDecideSuggestion(actor, doc);
}

/**
 * Accepting or rejecting: whoever manages the document (the owner
 * institution's editors and the secretariat), on a text that is not archived.
 */
export function mayDecideSuggestion(actor: Actor | null, doc: CommentDocumentContext): boolean {
  if (!actor || doc.status === 'archived') return false;
  return can(actor, 'suggestion:decide') && canManageDocument(actor, doc);
}
