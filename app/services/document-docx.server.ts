import type { TFunction } from 'i18next';
import type { DocumentRow } from '../../db/schema.ts';
import { documentDocxFile, type DocxSuggestion, type DocxThread } from '../content/docx-export.server.ts';
import { exportFileName } from '../content/document-export.server.ts';
import { stateFromHtml } from '../content/render.server.ts';
import { listThreads, type ThreadWithComments } from '../models/comment.server.ts';
import { loadMergedState } from '../models/document-state.server.ts';
import { getInstitution } from '../models/institution.server.ts';
import { listSuggestions } from '../models/suggestion.server.ts';
import { mayReadComments, type CommentDocumentContext } from '../policies/comment-access.ts';
import type { Actor } from '../policies/permissions.ts';
import { formatDateTime } from '../utils/format.ts';
import { mentionsAsText } from '../utils/mentions.ts';
import type { PortalServices } from './portal-services.server.ts';
import { notFound } from './session.server.ts';

/**
 * The Word exports (docs/word-export.md): the working text for its readers,
 * with open comment threads as Word comments and pending suggestions as
 * tracked changes; and a public edition, which has neither.
 */

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface DocxFile {
  body: Buffer;
  fileName: string;
}

/**
 * A comment as the file shows it. Hidden and deleted comments are their
 * placeholder for every reader: a file travels further than the page, so the
 * hidden words stay out of it even for the secretariat.
 */
function commentText(comment: ThreadWithComments['comments'][number], t: TFunction): string {
  if (comment.deletedAt !== null) return t('comments.deleted');
  if (comment.hiddenAt !== null) return t('comments.hiddenBy', { reason: comment.hiddenReason ?? '' });
  return mentionsAsText(comment.body);
}

function threadComments(thread: ThreadWithComments, t: TFunction): DocxThread {
  return thread.comments.map((comment, index) => ({
    // The panel names the institution with a thread's first comment; so does the file.
    author: index === 0 ? `${comment.authorName} (${thread.institutionName})` : comment.authorName,
    date: comment.createdAt,
    text: commentText(comment, t),
  }));
}

/** The working text as .docx for `user`, who may read it (requireDocumentAccess 'view'). */
export async function documentDocx(
  services: Pick<PortalServices, 'db'>,
  input: { user: Actor; document: DocumentRow; accessContext: Omit<CommentDocumentContext, 'status'>; t: TFunction; locale: string },
): Promise<DocxFile> {
  const { db } = services;
  const { document, t } = input;
  const state = await loadMergedState(db, document.id);
  if (!state) throw notFound();
  const comments = new Map<string, DocxThread>();
  const suggestions = new Map<string, DocxSuggestion>();
  // Comments and suggestions have the reading rule of comments; checked here too, not only by the route.
  if (mayReadComments(input.user, { ...input.accessContext, status: document.status })) {
    const [threads, pending] = await Promise.all([listThreads(db, document.id, { status: 'open' }), listSuggestions(db, document.id, { status: ['pending'] })]);
    const byId = new Map(threads.map((thread) => [thread.id, thread]));
    const replyThreads = new Set(pending.map((suggestion) => suggestion.threadId).filter((id): id is string => id !== null));
    for (const thread of threads) {
      if (!replyThreads.has(thread.id) && thread.comments.length > 0) comments.set(thread.id, threadComments(thread, t));
    }
    for (const suggestion of pending) {
      const author = `${suggestion.authorName} (${suggestion.institutionName})`;
      suggestions.set(suggestion.id, { author, date: suggestion.createdAt, proposedText: suggestion.proposedText });
      // Word's tracked changes have no room for a reason or replies: a comment on the same range carries them.
      const replies = suggestion.threadId ? (byId.get(suggestion.threadId)?.comments ?? []) : [];
      if (suggestion.rationale || replies.length > 0) {
        const opening = { author, date: suggestion.createdAt, text: suggestion.rationale ? t('wordExport.rationale', { rationale: suggestion.rationale }) : t('wordExport.proposal') };
        comments.set(suggestion.id, [opening, ...replies.map((reply) => ({ author: reply.authorName, date: reply.createdAt, text: commentText(reply, t) }))]);
      }
    }
  }
  const owner = await getInstitution(db, document.ownerInstitutionId);
  const body = await documentDocxFile({
    state,
    title: document.title,
    tlp: document.tlp,
    language: document.language,
    summary: document.summary,
    note: t('wordExport.exportedOn', { date: formatDateTime(new Date().toISOString(), input.locale) }),
    creator: owner?.name,
    comments,
    suggestions,
  });
  return { body, fileName: exportFileName(document.title, 'docx') };
}

/** A public edition as .docx: its published text only, no comments and no suggestions. */
export async function editionDocx(edition: { title: string; language: DocumentRow['language']; summary: string; html: string }, note: string): Promise<Buffer> {
  // The edition's stored HTML is what was published; reading it back keeps the file to exactly that.
  return documentDocxFile({ state: stateFromHtml(edition.html), title: edition.title, tlp: 'CLEAR', language: edition.language, summary: edition.summary, note });
}
