import { currentAnchorTexts } from './comment-anchors.server.ts';
import { listThreadAuthors, listThreads, syncAnchorRemoval, threadParticipantIds, type ThreadFilter } from '../models/comment.server.ts';
import { getDocumentAccessContext } from '../models/document.server.ts';
import type { NotificationInput } from '../models/notification.server.ts';
import { listPeople } from '../models/person.server.ts';
import { mayChangeOwnComment, mayComment, mayHideComment, mayReadComments, mayResolveThread, maySeeHiddenComment, type CommentDocumentContext } from '../policies/comment-access.ts';
import type { Actor } from '../policies/permissions.ts';
import { mentionedIds } from '../utils/mentions.ts';
import type { PortalServices } from './portal-services.server.ts';

/**
 * The threads of a document as the panel shows them. The "text removed" flag
 * is brought up to date from the document as it is now (the live copy when
 * someone has it open) every time the list is read.
 */
async function threadsWithAnchors(services: Pick<PortalServices, 'db' | 'collab'>, documentId: string, filter: ThreadFilter = {}) {
  const anchors = await currentAnchorTexts(services.collab, services.db, documentId);
  await syncAnchorRemoval(services.db, documentId, new Set(anchors.keys()));
  return listThreads(services.db, documentId, filter);
}

/** Active people who may read the document: the only ones a comment may mention or notify. */
async function documentReaders(db: PortalServices['db'], documentId: string) {
  const [context, people] = await Promise.all([getDocumentAccessContext(db, documentId), listPeople(db)]);
  if (!context) return [];
  const doc = { ...context, status: context.document.status };
  return people
    .filter((person) => mayReadComments({ id: person.id, role: person.role, institutionId: person.institutionId }, doc))
    .map((person) => ({ id: person.id, name: person.name, institutionName: person.institutionName }));
}

/**
 * Who hears about a new comment: everyone it mentions ('mention'), and on a
 * reply everyone who wrote in the thread before ('comment_reply'). Only
 * readers of the document, never the author.
 */
export async function commentNotifications(
  db: PortalServices['db'],
  input: { documentId: string; documentTitle: string; threadId: string; authorId: string; authorName: string; body: string; isReply: boolean },
): Promise<NotificationInput[]> {
  const readers = new Set((await documentReaders(db, input.documentId)).map((p) => p.id));
  const link = `/documents/${input.documentId}#thread-${input.threadId}`;
  const params = { actor: input.authorName, document: input.documentTitle };
  const mentioned = mentionedIds(input.body).filter((id) => readers.has(id) && id !== input.authorId);
  const notifications: NotificationInput[] = mentioned.map((recipientId) => ({ recipientId, kind: 'mention', params, link, actorId: input.authorId }));
  if (input.isReply) {
    for (const recipientId of await threadParticipantIds(db, input.threadId)) {
      if (recipientId === input.authorId || !readers.has(recipientId) || mentioned.includes(recipientId)) continue;
      notifications.push({ recipientId, kind: 'comment_reply', params, link, actorId: input.authorId });
    }
  }
  return notifications;
}

/** Everything the comment panel shows, for the document page and the panel's own refreshes. */
export async function commentPanelData(
  services: Pick<PortalServices, 'db' | 'collab'>,
  user: Actor,
  doc: CommentDocumentContext & { document: { id: string } },
  filter: ThreadFilter = {},
) {
  const documentId = doc.document.id;
  const canComment = mayComment(user, doc);
  const [threads, participants, mentionable] = await Promise.all([
    threadsWithAnchors(services, documentId, filter),
    listThreadAuthors(services.db, documentId),
    // The list of readers is only for writing mentions: those who cannot write do not get it.
    canComment ? documentReaders(services.db, documentId) : [],
  ]);
  return {
    threads: threads.map((thread) => ({
      ...thread,
      canResolve: mayResolveThread(user, doc, thread),
      comments: thread.comments.map((comment) => ({
        ...comment,
        // A hidden comment's words reach only its author and the secretariat; everyone else sees the reason.
        body: comment.hiddenAt !== null && !maySeeHiddenComment(user, comment) ? '' : comment.body,
        canChange: mayChangeOwnComment(user, doc, comment),
        canHide: mayHideComment(user, doc, comment),
      })),
    })),
    ...participants,
    mentionable,
    canComment,
    filter,
  };
}

export type CommentPanelData = Awaited<ReturnType<typeof commentPanelData>>;
