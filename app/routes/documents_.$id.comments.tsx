import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { AnchorError } from '../content/comment-anchors.server.ts';
import { placeAnchor } from '../services/comment-anchors.server.ts';
import { addReply, changeComment, createThread, getComment, getThread, setThreadStatus } from '../models/comment.server.ts';
import { mayChangeOwnComment, mayComment, mayHideComment, mayReadComments, mayResolveThread, type CommentDocumentContext } from '../policies/comment-access.ts';
import { CreateThreadSchema, DeleteCommentSchema, EditCommentSchema, HideCommentSchema, ReplySchema, ThreadStatusSchema, threadFilterFrom } from '../schemas/comment.ts';
import { commentNotifications, commentPanelData } from '../services/comments.server.ts';
import { requireDocumentAccess } from '../services/document-access.server.ts';
import { parseForm, type FieldErrors } from '../schemas/parse-form.ts';
import { i18nServer } from '../locales/i18n.server.ts';
import { notify } from '../services/notify.server.ts';
import { forbidden, notFound } from '../services/session.server.ts';

/**
 * The comment threads of a document: the loader answers the side panel with
 * JSON, the action opens, answers, resolves and reopens threads, and edits,
 * deletes and hides comments. A browser
 * without JavaScript posts the same forms and is sent back to the thread.
 */

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/** The signed-in reader and the document; 404 for anyone who may not read it (comments are never public). */
async function requireCommentReader(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const access = await requireDocumentAccess(args, 'view');
  const doc: CommentDocumentContext & { document: { id: string } } = { ...access.accessContext, status: access.document.status };
  if (!mayReadComments(access.user, doc)) throw notFound();
  return { ...access, doc };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, doc } = await requireCommentReader(args);
  const filter = threadFilterFrom(new URL(args.request.url).searchParams);
  return Response.json(await commentPanelData(args.context.services, user, doc, filter), { headers: NO_STORE });
}

function wantsJson(request: Request): boolean {
  return request.headers.get('x-requested-with') === 'fetch';
}

/** A refusal the browser can show: JSON for the panel's fetch (X-Requested-With: fetch), a short translated page without JavaScript. */
async function refuse(request: Request, status: number, errors: FieldErrors): Promise<Response> {
  if (wantsJson(request)) return Response.json({ ok: false, errors }, { status, headers: NO_STORE });
  const t = await i18nServer.getFixedT(request);
  const messages = Object.values(errors).map((key) => t(key ?? 'errors.unexpected'));
  return new Response(`${t('comments.errors.notSaved')}\n\n${messages.join('\n')}\n`, { status, headers: { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8' } });
}

function done(request: Request, documentId: string, threadId: string): Response {
  if (wantsJson(request)) return Response.json({ ok: true, threadId }, { headers: NO_STORE });
  return redirect(`/documents/${documentId}#thread-${threadId}`);
}

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  const { services } = context;
  const { user, document, doc } = await requireCommentReader(args);
  const form = await request.formData();
  const intent = form.get('intent');

  if (intent === 'resolve' || intent === 'reopen') {
    const parsed = parseForm(ThreadStatusSchema, form);
    if (!parsed.ok) return refuse(request, 400, parsed.errors);
    const thread = await getThread(services.db, parsed.data.threadId);
    if (!thread || thread.documentId !== document.id) throw notFound();
    if (!mayResolveThread(user, doc, thread)) throw forbidden();
    await setThreadStatus(services.db, { threadId: thread.id, actorId: user.id, status: intent === 'resolve' ? 'resolved' : 'open' });
    return done(request, document.id, thread.id);
  }

  if (intent === 'edit' || intent === 'delete' || intent === 'hide') {
    const parsed = intent === 'edit' ? parseForm(EditCommentSchema, form) : intent === 'delete' ? parseForm(DeleteCommentSchema, form) : parseForm(HideCommentSchema, form);
    if (!parsed.ok) return refuse(request, 400, parsed.errors);
    const comment = await getComment(services.db, parsed.data.commentId);
    if (!comment || comment.documentId !== document.id) throw notFound();
    const allowed = parsed.data.intent === 'hide' ? mayHideComment(user, doc, comment) : mayChangeOwnComment(user, doc, comment);
    if (!allowed) throw forbidden();
    const data = parsed.data;
    const changed = await changeComment(
      services.db,
      data.intent === 'edit'
        ? { kind: 'edit', commentId: comment.id, actorId: user.id, body: data.body }
        : data.intent === 'hide'
          ? { kind: 'hide', commentId: comment.id, actorId: user.id, reason: data.reason }
          : { kind: 'delete', commentId: comment.id, actorId: user.id },
    );
    if (!changed) return refuse(request, 409, { commentId: 'comments.errors.commentChanged' });
    return done(request, document.id, comment.threadId);
  }

  if (intent !== 'create' && intent !== 'reply') return refuse(request, 400, { intent: 'errors.invalidChoice' });
  if (!mayComment(user, doc)) throw forbidden();

  if (intent === 'reply') {
    const parsed = parseForm(ReplySchema, form);
    if (!parsed.ok) return refuse(request, 400, parsed.errors);
    const thread = await getThread(services.db, parsed.data.threadId);
    if (!thread || thread.documentId !== document.id) throw notFound();
    await addReply(services.db, { threadId: thread.id, authorId: user.id, body: parsed.data.body });
    await notifyAfterCommit(services, { threadId: thread.id, body: parsed.data.body, isReply: true, document, author: user });
    return done(request, document.id, thread.id);
  }

  const parsed = parseForm(CreateThreadSchema, form);
  if (!parsed.ok) return refuse(request, 400, parsed.errors);
  const { threadId, quote, anchor, body } = parsed.data;
  if (await getThread(services.db, threadId)) return refuse(request, 409, { threadId: 'comments.errors.duplicate' });
  try {
    // The mark goes into the text first: the live document cannot take part in a database transaction.
    await placeAnchor(services.collab, services.db, document.id, { threadId, start: anchor.start, end: anchor.end, quote });
  } catch (error) {
    if (error instanceof AnchorError) return refuse(request, 409, { quote: 'comments.errors.textChanged' });
    throw error;
  }
  await createThread(services.db, { id: threadId, documentId: document.id, quote: quote.trim().slice(0, 1000), authorId: user.id, institutionId: user.institutionId, body });
  await notifyAfterCommit(services, { threadId, body, isReply: false, document, author: user });
  return done(request, document.id, threadId);
}

/** Mentions and replies reach the people concerned once the comment is stored. */
async function notifyAfterCommit(
  services: ActionFunctionArgs['context']['services'],
  input: { threadId: string; body: string; isReply: boolean; document: { id: string; title: string }; author: { id: string; name: string } },
) {
  const inputs = await commentNotifications(services.db, {
    threadId: input.threadId,
    body: input.body,
    isReply: input.isReply,
    documentId: input.document.id,
    documentTitle: input.document.title,
    authorId: input.author.id,
    authorName: input.author.name,
  });
  if (inputs.length > 0) await notify(services, inputs);
}
