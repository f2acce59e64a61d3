import type { Db } from '../../db/client.server.ts';
import * as audit from '../models/audit.server.ts';
import { itemReadScope } from '../policies/action-item-access.ts';
import { documentReadScope } from '../policies/document-access.ts';
import type { Actor } from '../policies/permissions.ts';
import { listDocuments } from './scoped-reads.server.ts';
import { TIME_ZONE } from '../utils/format.ts';
import { AuditFilterSchema } from '../schemas/workflow.ts';

/**
 * What the audit page and its CSV export share: the filter from the query
 * string, day boundaries in the portal's time zone, and the documents whose
 * titles the viewer may see.
 */

export const AUDIT_PAGE_SIZE = 50;
/** The CSV holds at most this many events; narrow the filter for more. */
export const AUDIT_EXPORT_LIMIT = 20_000;

/** Milliseconds to add to UTC to get the wall-clock time in `timeZone` at `instant`. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar day (YYYY-MM-DD) begins in the portal's time zone, as an ISO string. */
export function dayStart(day: string, timeZone = TIME_ZONE): string {
  const [y, m, d] = day.split('-').map(Number);
  const midnightUtc = Date.UTC(y, m - 1, d);
  // Twice, so a day on which the offset changes still starts at local midnight.
  let instant = midnightUtc - zoneOffset(midnightUtc, timeZone);
  instant = midnightUtc - zoneOffset(instant, timeZone);
  return new Date(instant).toISOString();
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export interface AuditFilter extends Omit<audit.AuditFilter, 'visibleTo'> {
  /**
   * Only events this person may know of: events about a document or an action
   * item they may not read (the same SQL rule as every list) are left out.
   */
  readableBy?: Actor;
}

function modelFilter({ readableBy, ...filter }: AuditFilter): audit.AuditFilter {
  return readableBy ? { ...filter, visibleTo: { documents: documentReadScope(readableBy), items: itemReadScope(readableBy) } } : filter;
}

/** Audit events, newest first, limited to what `filter.readableBy` may know of. */
export function listAuditEvents(db: Db, filter: AuditFilter = {}) {
  return audit.listAuditEvents(db, modelFilter(filter));
}

export function countAuditEvents(db: Db, filter: AuditFilter = {}) {
  return audit.countAuditEvents(db, modelFilter(filter));
}

/** The filter of the audit page and its CSV, limited to the events `viewer` may know of (see `readableBy` in AuditFilter). */
export function parseAuditFilter(url: URL, viewer: Actor) {
  const input = AuditFilterSchema.parse(Object.fromEntries(url.searchParams));
  const filter: AuditFilter = {
    readableBy: viewer,
    documentId: input.document,
    actorId: input.person,
    action: input.action,
    since: input.from ? dayStart(input.from) : undefined,
    // "To" includes the whole of that day.
    before: input.to ? dayStart(nextDay(input.to)) : undefined,
  };
  return { input, filter, page: input.page ?? 1 };
}

/** Documents the viewer may read: their titles may be shown, the others stay "restricted". */
export async function readableDocuments(db: Db, actor: Actor) {
  return listDocuments(db, actor, { limit: 1000 });
}

/** A short, readable line from an event's JSON details. */
export function summariseDetails(details: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return '';
  }
  if (!parsed || typeof parsed !== 'object') return '';
  const parts = Object.entries(parsed as Record<string, unknown>).map(([key, value]) => {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return `${key}: ${String(value)}`;
    if (Array.isArray(value)) return `${key}: [${value.length}]`;
    return `${key}: {…}`;
  });
  const line = parts.join('; ');
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
