/**
 * Suggestions on a document: placing one (its mark goes into the text like a
 * comment anchor), deciding them (the text changes on the server, as a forward
 * edit everyone sees live), and what the side panel shows. See
 * docs/decisions/022-suggestions.md.
 */
import * as Y from 'yjs';
import type { SuggestionStatus } from '../../db/schema.ts';
import { AnchorError, anchorUpdate } from '../content/comment-anchors.server.ts';
import { renderHtml, renderPlainText } from '../content/render.server.ts';
import { comparableText, resolveSuggestions } from '../content/suggestions.server.ts';
import type { TextPoint } from '../editor/text-points.ts';
import { appendDocumentUpdate } from '../models/document-state.server.ts';
import { updateDocumentSearchText } from '../models/document.server.ts';
import { createSuggestion, decideSuggestion, getSuggestion, listSuggestions, moveSuggestionAnchor, syncSuggestionAnchors, type SuggestionFilter } from '../models/suggestion.server.ts';
import { insertVersion } from '../models/version.server.ts';
import type { CommentDocumentContext } from '../policies/comment-access.ts';
import type { Actor } from '../policies/permissions.ts';
import { mayDecideSuggestion, mayReanchorSuggestion, maySuggest } from '../policies/suggestion-access.ts';
import { currentAnchorTexts, placeAnchor } from './comment-anchors.server.ts';
import { countWords } from './document-versions.server.ts';
import type { PortalServices } from './portal-services.server.ts';

type Services = Pick<PortalServices, 'db' | 'collab'>;

/** Why a decision was refused; nothing was changed. */
export class SuggestionDecisionError extends Error {
  constructor(readonly code: 'outdated' | 'decided' | 'not-found') {
    super(`suggestion decision refused: ${code}`);
    this.name = 'SuggestionDecisionError';
  }
}

export interface NewSuggestionRequest {
  id: string;
  documentId: string;
  author: Actor;
  start: TextPoint;
  end: TextPoint;
  quote: string;
  proposedText: string;
  rationale: string | null;
}

/**
 * Marks the passage, then stores the row. Throws AnchorError (the text moved
 * meanwhile) before anything is stored.
 */
export async function proposeSuggestion(services: Services, request: NewSuggestionRequest): Promise<void> {
  await placeAnchor(services.collab, services.db, request.documentId, { threadId: request.id, start: request.start, end: request.end, quote: request.quote });
  await createSuggestion(services.db, {
    id: request.id,
    documentId: request.documentId,
    createdById: request.author.id,
    institutionId: request.author.institutionId,
    quote: request.quote,
    proposedText: request.proposedText,
    rationale: request.rationale,
  });
}

export type DecisionStatus = Exclude<SuggestionStatus, 'pending'>;

export interface DecisionRequest {
  id: string;
  status: DecisionStatus;
  /** Accepted in part: the decider's wording; otherwise ignored. */
  text?: string;
  reason?: string | null;
}

export interface DecisionOutcome {
  decided: string[];
  /** Accepts skipped because someone else changed the passage (bulk only; a single one throws). */
  outdated: string[];
  /** The version saved when something was accepted. */
  versionNumber: number | null;
}

const deciding = new Map<string, Promise<unknown>>();

/**
 * Decides suggestions of one document, atomically: the text changes (on a
 * private copy of the live document), then one transaction records the
 * decisions, the update and, if anything was accepted, a version of kind
 * 'suggestion' naming the decider; only then is the update applied to the
 * live document. With one suggestion, an outdated passage or a decision
 * already taken throws SuggestionDecisionError and changes nothing; with
 * several, outdated accepts are skipped and reported.
 */
export async function decideSuggestions(services: Services, input: { documentId: string; actorId: string; decisions: DecisionRequest[] }): Promise<DecisionOutcome> {
  // Two decisions computed from the same live text would both apply: one after the other, per document.
  const previous = deciding.get(input.documentId) ?? Promise.resolve();
  const task = previous.catch(() => {}).then(() => decideNow(services, input));
  const settled = task.catch(() => {});
  deciding.set(input.documentId, settled);
  void settled.then(() => {
    if (deciding.get(input.documentId) === settled) deciding.delete(input.documentId);
  });
  return task;
}

async function decideNow(services: Services, input: { documentId: string; actorId: string; decisions: DecisionRequest[] }): Promise<DecisionOutcome> {
  const { db, collab } = services;
  const single = input.decisions.length === 1;
  const rows = new Map<string, NonNullable<Awaited<ReturnType<typeof getSuggestion>>>>();
  for (const decision of input.decisions) {
    const row = await getSuggestion(db, decision.id);
    if (!row || row.documentId !== input.documentId) throw new SuggestionDecisionError('not-found');
    if (row.status !== 'pending') {
      if (single) throw new SuggestionDecisionError('decided');
      continue;
    }
    rows.set(row.id, row);
  }
  const wanted = input.decisions.filter((decision) => rows.has(decision.id));
  const appliedText = (decision: DecisionRequest) => {
    const row = rows.get(decision.id)!;
    return decision.status === 'accepted_in_part' ? (decision.text ?? row.proposedText) : row.proposedText;
  };
  const connection = await collab.hocuspocus.openDirectConnection(input.documentId, {});
  try {
    const live = connection.document;
    if (!live) throw new SuggestionDecisionError('not-found');
    const resolved = resolveSuggestions(
      Y.encodeStateAsUpdate(live),
      wanted.map((decision) => ({ id: decision.id, quote: rows.get(decision.id)!.quote, text: decision.status === 'rejected' ? null : appliedText(decision) })),
    );
    if (single && resolved.outdated.length > 0) throw new SuggestionDecisionError('outdated');
    const done = wanted.filter((decision) => resolved.done.includes(decision.id));
    if (done.length === 0) return { decided: [], outdated: resolved.outdated, versionNumber: null };
    const accepted = done.filter((decision) => decision.status !== 'rejected');
    const text = accepted.length > 0 ? renderPlainText(resolved.state) : null;
    const versionNumber = await db.transaction().execute(async (trx) => {
      for (const decision of done) {
        const ok = await decideSuggestion(trx, {
          suggestionId: decision.id,
          actorId: input.actorId,
          status: decision.status,
          reason: decision.reason?.trim() || null,
          appliedText: decision.status === 'rejected' ? null : appliedText(decision),
        });
        // Someone decided it a moment ago: roll everything back, the text included (it was not applied yet).
        if (!ok) throw new SuggestionDecisionError('decided');
      }
      await appendDocumentUpdate(trx, input.documentId, resolved.update);
      if (accepted.length === 0 || text === null) return null;
      const institutions = await trx
        .selectFrom('institution')
        .select('name')
        .where('id', 'in', [...new Set(accepted.map((decision) => rows.get(decision.id)!.institutionId))])
        .orderBy('name')
        .execute();
      const saved = await insertVersion(trx, {
        documentId: input.documentId,
        kind: 'suggestion',
        name: institutions.map((row) => row.name).join(', ').slice(0, 200),
        state: resolved.state,
        html: renderHtml(resolved.state),
        wordCount: countWords(text),
        createdById: input.actorId,
      });
      return saved.number;
    });
    await connection.transact((document) => Y.applyUpdate(document, resolved.update, DECISION_ORIGIN));
    if (text !== null) await updateDocumentSearchText(db, input.documentId, text);
    return { decided: done.map((decision) => decision.id), outdated: resolved.outdated, versionNumber };
  } finally {
    await connection.disconnect();
  }
}

/**
 * Moves a pending suggestion's mark to another passage (its old text was
 * changed by someone else): the old marks go and the new ones come in one
 * update, and the quote becomes the passage as it reads now. Throws
 * AnchorError when the new passage moved meanwhile, SuggestionDecisionError
 * when the suggestion was decided; nothing changes then.
 */
export async function reanchorSuggestion(
  services: Services,
  input: { documentId: string; suggestionId: string; actorId: string; start: TextPoint; end: TextPoint; quote: string },
): Promise<void> {
  const previous = deciding.get(input.documentId) ?? Promise.resolve();
  const task = previous.catch(() => {}).then(() => reanchorNow(services, input));
  const settled = task.catch(() => {});
  deciding.set(input.documentId, settled);
  void settled.then(() => {
    if (deciding.get(input.documentId) === settled) deciding.delete(input.documentId);
  });
  return task;
}

async function reanchorNow(services: Services, input: { documentId: string; suggestionId: string; actorId: string; start: TextPoint; end: TextPoint; quote: string }) {
  const { db, collab } = services;
  const row = await getSuggestion(db, input.suggestionId);
  if (!row || row.documentId !== input.documentId) throw new SuggestionDecisionError('not-found');
  if (row.status !== 'pending') throw new SuggestionDecisionError('decided');
  const connection = await collab.hocuspocus.openDirectConnection(input.documentId, {});
  try {
    const live = connection.document;
    if (!live) throw new SuggestionDecisionError('not-found');
    const unmarked = resolveSuggestions(Y.encodeStateAsUpdate(live), [{ id: row.id, quote: row.quote, text: null }]);
    const marked = anchorUpdate(unmarked.state, { threadId: row.id, start: input.start, end: input.end, quote: input.quote });
    const update = Y.mergeUpdates([unmarked.update, marked]);
    await db.transaction().execute(async (trx) => {
      if (!(await moveSuggestionAnchor(trx, { suggestionId: row.id, actorId: input.actorId, quote: input.quote }))) throw new SuggestionDecisionError('decided');
      await appendDocumentUpdate(trx, input.documentId, update);
    });
    await connection.transact((document) => Y.applyUpdate(document, update, DECISION_ORIGIN));
  } finally {
    await connection.disconnect();
  }
}

/** The Yjs transaction origin of a decision (Hocuspocus broadcasts it like any update). */
const DECISION_ORIGIN = { source: 'suggestion-decision' };

/** A document's suggestions with "outdated" brought up to date from the text as it is now. */
export async function suggestionsWithAnchors(services: Services, documentId: string, filter: SuggestionFilter = {}) {
  const [anchors, pending] = await Promise.all([
    currentAnchorTexts(services.collab, services.db, documentId),
    listSuggestions(services.db, documentId, { status: ['pending'] }),
  ]);
  const intact = pending.filter((row) => {
    const marked = anchors.get(row.id);
    return marked !== undefined && comparableText(marked) === comparableText(row.quote);
  });
  await syncSuggestionAnchors(services.db, documentId, new Set(intact.map((row) => row.id)));
  return listSuggestions(services.db, documentId, filter);
}

/** Everything the suggestion panel shows, for the document page and the panel's own refreshes. */
export async function suggestionPanelData(services: Services, user: Actor, doc: CommentDocumentContext & { document: { id: string } }) {
  const suggestions = await suggestionsWithAnchors(services, doc.document.id);
  const canDecide = mayDecideSuggestion(user, doc);
  return {
    suggestions: suggestions.map((row) => ({
      id: row.id,
      quote: row.quote,
      proposedText: row.proposedText,
      rationale: row.rationale,
      status: row.status,
      outdated: row.status === 'pending' && row.anchorOutdatedAt !== null,
      authorName: row.authorName,
      institutionId: row.institutionId,
      institutionName: row.institutionName,
      institutionSector: row.institutionSector,
      createdAt: row.createdAt,
      decidedAt: row.decidedAt,
      deciderName: row.deciderName,
      decisionReason: row.decisionReason,
      appliedText: row.appliedText,
      threadId: row.threadId,
      canReanchor: row.status === 'pending' && row.anchorOutdatedAt !== null && mayReanchorSuggestion(user, doc, row),
    })),
    canSuggest: maySuggest(user, doc),
    canDecide,
  };
}

export type SuggestionPanelData = Awaited<ReturnType<typeof suggestionPanelData>>;

export { AnchorError };
