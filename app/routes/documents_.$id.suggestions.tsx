import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { AnchorError } from '../content/comment-anchors.server.ts';
import { addReply, createThread, getThread } from '../models/comment.server.ts';
import { getSuggestion, listSuggestions, setSuggestionThread } from '../models/suggestion.server.ts';
import { mayComment, mayReadComments, type CommentDocumentContext } from '../policies/comment-access.ts';
import { mayDecideSuggestion, mayReanchorSuggestion, maySuggest } from '../policies/suggestion-access.ts';
import { parseForm, type FieldErrors } from '../schemas/parse-form.ts';
import { CreateSuggestionSchema, DecideAllSchema, DecideSuggestionSchema, ReanchorSuggestionSchema, SuggestionReplySchema } from '../schemas/suggestion.ts';
import { i18nServer } from '../locales/i18n.server.ts';
import { requireDocumentAccess } from '../services/document-access.server.ts';
import { decideSuggestions, proposeSuggestion, reanchorSuggestion, suggestionPanelData, SuggestionDecisionError } from '../services/suggestions.server.ts';
import { forbidden, notFound } from '../services/session.server.ts';

/**
 * The suggestions of a document: the loader answers the side panel with JSON;
 * the action proposes, accepts (whole or in part), rejects, decides many at
 * once, re-anchors an outdated one and starts a reply thread. A browser without JavaScript posts the same
 * forms and is sent back to the suggestion.
 */

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/** The signed-in reader and the document; 404 for anyone who may not read it (suggestions are never public). */
async function requireSuggestionReader(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const access = await requireDocumentAccess(args, 'view');
  const doc: CommentDocumentContext & { document: { id: string } } = { ...access.accessContext, status: access.document.status };
  if (!mayReadComments(access.user, doc)) throw notFound();
  return { ...access, doc };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, doc } = await requireSuggestionReader(args);
  return Response.json(await suggestionPanelData(args.context.services, user, doc), { headers: NO_STORE });
}

function wantsJson(request: Request): boolean {
  return request.headers.get('x-requested-with') === 'fetch';
}

/** A refusal the browser can show: JSON for the panel's fetch, a short translated page without JavaScript. */
async function refuse(request: Request, status: number, errors: FieldErrors): Promise<Response> {
  if (wantsJson(request)) return Response.json({ ok: false, errors }, { status, headers: NO_STORE });
  const t = await i18nServer.getFixedT(request);
  const messages = Object.values(errors).map((key) => t(key ?? 'errors.unexpected'));
  return new Response(`${t('suggestions.errors.notSaved')}\n\n${messages.join('\n')}\n`, { status, headers: { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8' } });
}

function done(request: Request, documentId: string, suggestionId: string | null, extra: Record<string, unknown> = {}): Response {
  if (wantsJson(request)) return Response.json({ ok: true, suggestionId, ...extra }, { headers: NO_STORE });
  return redirect(`/documents/${documentId}${suggestionId ? `#suggestion-${suggestionId}` : '#suggestions'}`);
}

const DECISION_ERRORS = {
  outdated: 'suggestions.errors.outdated',
  decided: 'suggestions.errors.decided',
  'not-found': 'suggestions.errors.notFound',
} as const;

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  const { services } = context;
  const { user, document, doc } = await requireSuggestionReader(args);
  const form = await request.formData();
  const intent = form.get('intent');

  if (intent === 'create') {
    if (!maySuggest(user, doc)) throw forbidden();
    const parsed = parseForm(CreateSuggestionSchema, form);
    if (!parsed.ok) return refuse(request, 400, parsed.errors);
    const { suggestionId, quote, anchor, proposedText, rationale } = parsed.data;
    if (await getSuggestion(services.db, suggestionId)) return refuse(request, 409, { suggestionId: 'suggestions.errors.duplicate' });
    try {
      // The mark goes into the text first: the live document cannot take part in a database transaction.
      await proposeSuggestion(services, { id: suggestionId, documentId: document.id, author: user, start: anchor.start, end: anchor.end, quote, proposedText, rationale });
    } catch (error) {
      if (error instanceof AnchorError) return refuse(request, 409, { quote: 'suggestions.errors.textChanged' });
      throw error;
    }
    return done(request, document.id, suggestionId);
  }

  if (intent === 'accept' || intent === 'accept_in_part' || intent === 'reject') {
    if (!mayDecideSuggestion(user, doc)) throw forbidden();
    const parsed = parseForm(DecideSuggestionSchema, form);
    if (!parsed.ok) return refuse(request, 400, parsed.errors);
    const { suggestionId, text, reason } = parsed.data;
    const status = parsed.data.intent === 'accept' ? 'accepted' : parsed.data.intent === 'accept_in_part' ? 'accepted_in_part' : 'rejected';
    if (status === 'accepted_in_part' && text === undefined) return refuse(request, 400, { text: 'suggestions.errors.textRequired' });
    try {
      const outcome = await decideSuggestions(services, { documentId: document.id, actorId: user.id, decisions: [{ id: suggestionId, status, text, reason }] });
      return done(request, document.id, suggestionId, { versionNumber: outcome.versionNumber });
    } catch (error) {
      if (error instanceof SuggestionDecisionError) return refuse(request, error.code === 'not-found' ? 404 : 409, { suggestionId: DECISION_ERRORS[error.code] });
      throw error;
    }
  }

  if (intent === 'accept_all' || intent === 'reject_all') {
    if (!mayDecideSuggestion(user, doc)) throw forbidden();
    const parsed = parseForm(DecideAllSchema, form);
    if (!parsed.ok) return refuse(request, 400, parsed.errors);
    const pending = await listSuggestions(services.db, document.id, { status: ['pending'], institutionId: parsed.data.institutionId ?? undefined });
    const status = parsed.data.intent === 'accept_all' ? 'accepted' : 'rejected';
    const outcome = await decideSuggestions(services, {
      documentId: document.id,
      actorId: user.id,
      decisions: pending.map((row) => ({ id: row.id, status, reason: parsed.data.reason })),
    });
    return done(request, document.id, null, { decided: outcome.decided, outdated: outcome.outdated, versionNumber: outcome.versionNumber });
  }

  if (intent === 'reanchor') {
    const parsed = parseForm(ReanchorSuggestionSchema, form);
    if (!parsed.ok) return refuse(request, 400, parsed.errors);
    const suggestion = await getSuggestion(services.db, parsed.data.suggestionId);
    if (!suggestion || suggestion.documentId !== document.id) throw notFound();
    if (!mayReanchorSuggestion(user, doc, suggestion)) throw forbidden();
    const { anchor, quote } = parsed.data;
    try {
      await reanchorSuggestion(services, { documentId: document.id, suggestionId: suggestion.id, actorId: user.id, start: anchor.start, end: anchor.end, quote });
    } catch (error) {
      if (error instanceof AnchorError) return refuse(request, 409, { quote: 'suggestions.errors.textChanged' });
      if (error instanceof SuggestionDecisionError) return refuse(request, error.code === 'not-found' ? 404 : 409, { suggestionId: DECISION_ERRORS[error.code] });
      throw error;
    }
    return done(request, document.id, suggestion.id);
  }

  if (intent === 'reply') {
    if (!mayComment(user, doc)) throw forbidden();
    const parsed = parseForm(SuggestionReplySchema, form);
    if (!parsed.ok) return refuse(request, 400, parsed.errors);
    const suggestion = await getSuggestion(services.db, parsed.data.suggestionId);
    if (!suggestion || suggestion.documentId !== document.id) throw notFound();
    // The reply thread shares the suggestion's id, and so its mark in the text.
    const thread = await getThread(services.db, suggestion.id);
    if (thread) await addReply(services.db, { threadId: thread.id, authorId: user.id, body: parsed.data.body });
    else {
      await createThread(services.db, { id: suggestion.id, documentId: document.id, quote: suggestion.quote.slice(0, 1000), authorId: user.id, institutionId: user.institutionId, body: parsed.data.body });
      await setSuggestionThread(services.db, suggestion.id, suggestion.id);
    }
    return done(request, document.id, suggestion.id, { threadId: suggestion.id });
  }

  return refuse(request, 400, { intent: 'errors.invalidChoice' });
}
