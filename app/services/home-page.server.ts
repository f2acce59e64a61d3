import type { Db } from '../../db/client.server.ts';
import type { NotificationKind } from '../../db/schema.ts';
import * as home from '../models/home.server.ts';
import { getDocumentAccessContext } from '../models/document.server.ts';
import { listPendingInvitations } from '../models/invitation.server.ts';
import { countUnread, listNotifications } from '../models/notification.server.ts';
import { percent } from '../models/action-query.server.ts';
import { itemReadScope } from '../policies/action-item-access.ts';
import { documentReadScope } from '../policies/document-access.ts';
import { isCoordinator, type Actor } from '../policies/permissions.ts';
import { canRecordPosition } from '../policies/workflow.ts';
import { actionFilters } from '../schemas/action-filters.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { addDays, nowIso } from '../utils/time.ts';
import { queryActionItems, trackerSummary } from './scoped-reads.server.ts';

/**
 * What each role's home page (/dashboard) shows, gathered in one place
 * (docs/roles.md). Everything about documents and action items goes through
 * the scoped reads, so an entry the reader may not read never appears.
 */

/** Opening the home page again within this time is the same visit. */
export const VISIT_GAP_MS = 30 * 60 * 1000;
/** With no earlier visit, "what changed" looks back this many days. */
const FIRST_VISIT_DAYS = 14;
const LIST_LENGTH = 5;

/** The notifications that wait for a person's reply: comments addressed to them. */
const CONVERSATION_KINDS: readonly NotificationKind[] = ['mention', 'comment_reply'];

export type HomeKind = 'member' | 'coordinator' | 'observer';

/** Which home page a role gets: the secretariat's for those who run the group, a reader's for observers. */
export function homeKind(actor: Actor): HomeKind {
  if (isCoordinator(actor)) return 'coordinator';
  return actor.role === 'observer' ? 'observer' : 'member';
}

export interface HomeOptions {
  /** ISO timestamp; tests pass a fixed one. */
  now?: string;
  /** Europe/Sarajevo calendar date; tests pass a fixed one. */
  today?: string;
  /** The reader's language, for institution names. */
  language?: string;
}

/**
 * The latest event of each document or item, newest first: a burst of
 * changes to one item reads as one entry with the number of other events.
 */
async function changesSince(db: Db, actor: Actor, since: string, limit: number) {
  const rows = await home.listRecentActivity(db, { documents: documentReadScope(actor), items: itemReadScope(actor) }, { since, excludeActorId: actor.id, limit: limit * 5 });
  const entries = new Map<string, { id: string; action: string; createdAt: string; actorName: string | null; title: string; link: string; more: number }>();
  for (const row of rows) {
    const key = `${row.entityType}:${row.entityId}`;
    const seen = entries.get(key);
    if (seen) {
      seen.more += 1;
      continue;
    }
    if (entries.size === limit) continue;
    entries.set(key, {
      id: row.id,
      action: row.action,
      createdAt: row.createdAt,
      actorName: row.actorName,
      title: row.entityType === 'document' ? (row.documentTitle ?? '') : `${row.itemCode ?? ''} ${row.itemTitle ?? ''}`.trim(),
      link: activityLink(row),
      more: 0,
    });
  }
  return [...entries.values()];
}

/** Where an event is acted on: the workflow for moves and positions, otherwise the document or item itself. */
function activityLink(row: home.ActivityRow): string {
  if (row.entityType === 'actionItem') return `/actions/${row.entityId}`;
  if (row.action === 'document.moved' || row.action === 'document.position-recorded' || row.action === 'document.published') return `/documents/${row.entityId}/workflow`;
  return `/documents/${row.entityId}`;
}

/** The last visit, recorded now; "what changed" starts there, or two weeks back on a first visit. */
async function visit(db: Db, actor: Actor, now: string) {
  const lastVisit = await home.recordHomeVisit(db, actor.id, now, VISIT_GAP_MS);
  return { lastVisit, since: lastVisit ?? addDays(now, -FIRST_VISIT_DAYS) };
}

/** The owner institution's open items that are overdue, due within 30 days, or quiet (no update in 60 days). */
async function institutionItems(db: Db, actor: Actor, today: string) {
  const list = (filters: Parameters<typeof actionFilters>[0]) =>
    queryActionItems(db, actor, actionFilters({ owner: actor.institutionId, ...filters }), { today, limit: LIST_LENGTH }).then(({ total, rows }) => ({
      total,
      rows: rows.map((r) => ({ id: r.id, code: r.code, title: r.title, status: r.status, dueDate: r.dueDate, lastUpdateAt: r.lastUpdateAt, overdue: r.overdue, tlp: r.tlp })),
    }));
  const [overdue, dueSoon, quiet] = await Promise.all([
    list({ overdue: true, sort: 'due' }),
    list({ dueSoon: true, sort: 'due' }),
    list({ stale: true, sort: 'updated', dir: 'asc' }),
  ]);
  return { overdue, dueSoon, quiet };
}

/**
 * Consultations waiting for the institution's position: the SQL narrows them
 * to readable documents the institution takes part in, and the workflow
 * policy decides, document by document, whether this person may record it.
 */
async function awaitingPosition(db: Db, actor: Actor, language: string | undefined) {
  const rows = await home.listAwaitingPosition(db, documentReadScope(actor), actor.institutionId, language);
  const contexts = await Promise.all(rows.map((row) => getDocumentAccessContext(db, row.id)));
  return rows.filter((_, i) => {
    const context = contexts[i];
    return context !== undefined && canRecordPosition(actor, { ...context, status: context.document.status });
  });
}

async function waitingConversations(db: Db, actor: Actor) {
  const rows = await listNotifications(db, actor.id, { unreadOnly: true, kinds: CONVERSATION_KINDS, limit: LIST_LENGTH });
  return rows.map(({ id, kind, params, createdAt, actorName }) => ({ id, kind, params, createdAt, actorName }));
}

export async function memberHome(db: Db, actor: Actor, options: HomeOptions = {}) {
  const now = options.now ?? nowIso();
  const today = options.today ?? todayInSarajevo(new Date(now));
  const { lastVisit, since } = await visit(db, actor, now);
  const [items, awaiting, conversations, unread, changes] = await Promise.all([
    institutionItems(db, actor, today),
    awaitingPosition(db, actor, options.language),
    waitingConversations(db, actor),
    countUnread(db, actor.id),
    changesSince(db, actor, since, 10),
  ]);
  return { kind: 'member' as const, items, awaiting, conversations, unread, changes, lastVisit, since };
}

export async function coordinatorHome(db: Db, actor: Actor, options: HomeOptions = {}) {
  const now = options.now ?? nowIso();
  const today = options.today ?? todayInSarajevo(new Date(now));
  const { lastVisit } = await visit(db, actor, now);
  const weekStart = addDays(now, -7);
  const [summary, consultations, invitations, week] = await Promise.all([
    trackerSummary(db, actor, { today }),
    home.listMissingPositions(db, documentReadScope(actor), options.language),
    listPendingInvitations(db, options.language),
    changesSince(db, actor, weekStart, 12),
  ]);
  return {
    kind: 'coordinator' as const,
    summary: {
      total: summary.total,
      open: summary.open,
      overdue: summary.overdue,
      dueSoon: summary.dueSoon,
      stale: summary.stale,
      onTrackPercent: percent(summary.openOnTrack, summary.open),
      onTimePercent: percent(summary.completedOnTime, summary.completedWithDueDate),
    },
    consultations: consultations.filter((c) => c.missing.length > 0),
    invitations: {
      total: invitations.length,
      rows: invitations.slice(0, LIST_LENGTH).map(({ id, email, name, role, institutionName, expiresAt }) => ({ id, email, name, role, institutionName, expiresAt })),
    },
    week,
    weekStart,
    lastVisit,
  };
}

export async function observerHome(db: Db, actor: Actor, options: HomeOptions = {}) {
  const now = options.now ?? nowIso();
  const { lastVisit, since } = await visit(db, actor, now);
  return { kind: 'observer' as const, changes: await changesSince(db, actor, since, 15), lastVisit, since };
}

/** The home page of this person's role; opening it records the visit. */
export async function homePage(db: Db, actor: Actor, options: HomeOptions = {}) {
  switch (homeKind(actor)) {
    case 'coordinator':
      return coordinatorHome(db, actor, options);
    case 'observer':
      return observerHome(db, actor, options);
    case 'member':
      return memberHome(db, actor, options);
  }
}

export type MemberHome = Awaited<ReturnType<typeof memberHome>>;
export type CoordinatorHome = Awaited<ReturnType<typeof coordinatorHome>>;
export type ObserverHome = Awaited<ReturnType<typeof observerHome>>;
export type ActivityEntry = MemberHome['changes'][number];
