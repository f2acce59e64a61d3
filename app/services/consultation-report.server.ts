import type { Db } from '../../db/client.server.ts';
import type { Sector, SuggestionStatus, ThreadDecision } from '../../db/schema.ts';
import {
  consultationWindows,
  decideThread,
  freezeReport,
  getFrozenReport,
  hiddenCommentIds,
  listReportThreads,
  reportNamesPeople,
  setReportNamesPeople,
  threadDocumentId,
  type ConsultationWindow,
  type ReportComment,
} from '../models/consultation-report.server.ts';
import { institutionNamesIn } from '../models/institution.server.ts';
import { listSuggestions } from '../models/suggestion.server.ts';
import { mayDecideConsultation, mayNamePeopleInReport, type ReportDocumentContext } from '../policies/consultation-report.ts';
import type { Actor } from '../policies/permissions.ts';
import { REPORT_DECISIONS, type ReportDecision, type ReportQuery } from '../schemas/consultation-report.ts';
import { mentionsAsText, mentionsWithoutNames } from '../utils/mentions.ts';
import { currentAnchorTexts } from './comment-anchors.server.ts';
import type { LiveDocuments } from './live-documents.ts';
import { forbidden, notFound } from './session.server.ts';

/**
 * The consultation report (docs/consultation-report.md): one row for every
 * comment thread and every suggestion opened while the document was in
 * consultation, with its decision and the resulting text. Built from the
 * live tables for the members' page and its files, and frozen as JSON with
 * a public edition of a TLP:CLEAR document.
 */


export interface ReportEntry {
  id: string;
  /** Null when the report names no people. */
  authorName: string | null;
  /** The words, mentions as plain text; null when hidden or deleted (their words never reach a report). */
  body: string | null;
  state: 'shown' | 'hidden' | 'deleted';
  createdAt: string;
}

export interface ReportRow {
  id: string;
  kind: 'comment' | 'suggestion';
  round: number;
  createdAt: string;
  quote: string;
  institutionId: string;
  institutionName: string;
  sector: Sector;
  authorName: string | null;
  /** The first comment and the replies in order (for a suggestion: the replies to it). */
  comments: ReportEntry[];
  proposal: { text: string; rationale: string | null } | null;
  decision: ReportDecision;
  decisionReason: string | null;
  decidedAt: string | null;
  deciderName: string | null;
  /** What the passage reads as a result; `removed` when the commented text is gone, `unchanged` for a rejected suggestion. */
  result: { state: 'text'; text: string } | { state: 'removed' | 'unchanged' | 'pending' };
}

export type ReportFilter = ReportQuery;

interface BuildOptions {
  /** Keep people's names (authors, deciders, mentions); off, a row names only its institution and sector. */
  namesPeople: boolean;
  /**
   * The reader's language, for institution names (English where an institution has none).
   * Absent when the report is frozen for an edition: the public copy keeps the English names.
   */
  language?: string;
}

type ReportServices = { db: Db; collab?: Pick<LiveDocuments, 'hocuspocus'> | null };

/** The window a row was made in; both ends count as inside (a comment posted in the millisecond of the move belongs to the consultation). */
function windowOf(windows: ConsultationWindow[], createdAt: string): ConsultationWindow | undefined {
  return windows.find((w) => createdAt >= w.start && (w.end === null || createdAt <= w.end));
}

function entries(comments: ReportComment[], namesPeople: boolean): ReportEntry[] {
  return comments.map((comment) => {
    const state = comment.deletedAt !== null ? 'deleted' : comment.hiddenAt !== null ? 'hidden' : 'shown';
    const body = state === 'shown' ? (namesPeople ? mentionsAsText(comment.body) : mentionsWithoutNames(comment.body)) : null;
    return { id: comment.id, authorName: namesPeople ? comment.authorName : null, body, state, createdAt: comment.createdAt };
  });
}

function suggestionDecision(status: SuggestionStatus): ReportDecision {
  return status;
}

/** Every row of the document's report, in the order they were made. */
export async function buildReportRows(services: ReportServices, documentId: string, options: BuildOptions): Promise<ReportRow[]> {
  const { db } = services;
  const [windows, threads, suggestions, anchors] = await Promise.all([
    consultationWindows(db, documentId),
    listReportThreads(db, documentId),
    listSuggestions(db, documentId),
    currentAnchorTexts(services.collab, db, documentId),
  ]);
  if (windows.length === 0) return [];
  // A suggestion's reply thread belongs to the suggestion's row, not to a row of its own.
  const replyThreads = new Map(suggestions.filter((s) => s.threadId !== null).map((s) => [s.threadId as string, s.id]));
  const repliesBySuggestion = new Map(threads.filter((t) => replyThreads.has(t.id)).map((t) => [replyThreads.get(t.id) as string, t.comments]));
  const names = options.namesPeople;
  const rows: ReportRow[] = [];
  for (const thread of threads) {
    const window = windowOf(windows, thread.createdAt);
    if (!window || replyThreads.has(thread.id)) continue;
    const current = anchors.get(thread.id);
    rows.push({
      id: thread.id,
      kind: 'comment',
      round: window.round,
      createdAt: thread.createdAt,
      quote: thread.quote,
      institutionId: thread.institutionId,
      institutionName: thread.institutionName,
      sector: thread.institutionSector,
      authorName: names ? thread.authorName : null,
      comments: entries(thread.comments, names),
      proposal: null,
      decision: (thread.decision as ThreadDecision | null) ?? 'pending',
      decisionReason: thread.decisionReason,
      decidedAt: thread.decidedAt,
      deciderName: names ? thread.deciderName : null,
      result: current === undefined ? { state: 'removed' } : { state: 'text', text: current },
    });
  }
  for (const suggestion of suggestions) {
    const window = windowOf(windows, suggestion.createdAt);
    if (!window) continue;
    const decision = suggestionDecision(suggestion.status);
    rows.push({
      id: suggestion.id,
      kind: 'suggestion',
      round: window.round,
      createdAt: suggestion.createdAt,
      quote: suggestion.quote,
      institutionId: suggestion.institutionId,
      institutionName: suggestion.institutionName,
      sector: suggestion.institutionSector as Sector,
      authorName: names ? suggestion.authorName : null,
      comments: entries(repliesBySuggestion.get(suggestion.id) ?? [], names),
      proposal: { text: suggestion.proposedText, rationale: suggestion.rationale },
      decision,
      decisionReason: suggestion.decisionReason,
      decidedAt: suggestion.decidedAt,
      deciderName: names ? suggestion.deciderName : null,
      result:
        decision === 'pending'
          ? { state: 'pending' }
          : decision === 'rejected'
            ? { state: 'unchanged' }
            : { state: 'text', text: suggestion.appliedText ?? suggestion.proposedText },
    });
  }
  const local = options.language ? await institutionNamesIn(db, options.language) : new Map<string, string>();
  return rows
    .map((row) => ({ ...row, institutionName: local.get(row.institutionId) ?? row.institutionName }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** The rows a filter keeps. */
export function filterRows(rows: ReportRow[], filter: ReportFilter): ReportRow[] {
  return rows.filter(
    (row) =>
      (!filter.institution || row.institutionId === filter.institution) &&
      (!filter.sector || row.sector === filter.sector) &&
      (!filter.decision || row.decision === filter.decision),
  );
}

/** The institutions and sectors the rows come from, for the filter's choices. */
export function filterChoices(rows: ReportRow[]) {
  const institutions = new Map(rows.map((row) => [row.institutionId, row.institutionName]));
  return {
    institutions: [...institutions].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    sectors: [...new Set(rows.map((row) => row.sector))],
  };
}

/** How many rows have each decision. */
export function decisionCounts(rows: ReportRow[]): Record<ReportDecision, number> {
  const counts = Object.fromEntries(REPORT_DECISIONS.map((d) => [d, 0])) as Record<ReportDecision, number>;
  for (const row of rows) counts[row.decision] += 1;
  return counts;
}

/**
 * Records the decision on one of the document's threads: refused (403) unless
 * the policy allows it, 404 when the thread is another document's.
 */
export async function recordThreadDecision(
  db: Db,
  actor: Actor,
  doc: ReportDocumentContext & { id: string },
  input: { threadId: string; decision: ThreadDecision; reason: string },
): Promise<void> {
  if (!mayDecideConsultation(actor, doc)) throw forbidden();
  if ((await threadDocumentId(db, input.threadId)) !== doc.id) throw notFound();
  const done = await decideThread(db, { ...input, documentId: doc.id, actorId: actor.id });
  if (!done) throw notFound();
}

/** Turns people's names in the report published with the next edition on or off. */
export async function changeReportNames(db: Db, actor: Actor, doc: ReportDocumentContext & { id: string }, on: boolean): Promise<void> {
  if (!mayNamePeopleInReport(actor, doc)) throw forbidden();
  await setReportNamesPeople(db, { documentId: doc.id, actorId: actor.id, on });
}

/**
 * Freezes the report with an edition, in the publishing transaction: only for
 * a document that was TLP:CLEAR before it was published (a reclassified
 * document's comments were written under its old label, so they stay
 * internal) and that has been in consultation.
 */
export async function freezeReportForEdition(
  services: ReportServices,
  input: { documentId: string; editionId: string; wasClear: boolean },
): Promise<void> {
  if (!input.wasClear) return;
  if ((await consultationWindows(services.db, input.documentId)).length === 0) return;
  const namesPeople = await reportNamesPeople(services.db, input.documentId);
  const rows = await buildReportRows(services, input.documentId, { namesPeople });
  await freezeReport(services.db, { editionId: input.editionId, documentId: input.documentId, rows, namesPeople });
}

/**
 * The report frozen with a public edition, or undefined. A comment the
 * secretariat hid after publication reads as hidden here too.
 */
export async function publishedReport(db: Db, editionId: string): Promise<{ rows: ReportRow[]; namesPeople: boolean; hiddenSince: string[] } | undefined> {
  const frozen = await getFrozenReport(db, editionId);
  if (!frozen) return undefined;
  const rows = frozen.rows as ReportRow[];
  const shownIds = rows.flatMap((row) => row.comments.filter((c) => c.state === 'shown').map((c) => c.id));
  const hidden = await hiddenCommentIds(db, shownIds);
  const withHidden = rows.map((row) => ({
    ...row,
    comments: row.comments.map((c) => (hidden.has(c.id) ? { ...c, body: null, state: 'hidden' as const } : c)),
  }));
  return { rows: withHidden, namesPeople: frozen.namesPeople, hiddenSince: [...hidden].sort() };
}
