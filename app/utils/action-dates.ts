import type { ActionStatus } from '../../db/schema.ts';
import { TIME_ZONE } from './format.ts';

/**
 * The tracker's calendar rules: when an item is overdue, due soon or stale.
 * Pure, so the views, the SQL filters (app/models/action-query.server.ts), the
 * reminders and the exports all use the same definitions (docs/tracker-views.md).
 */

export const DUE_SOON_DAYS = 30;
export const STALE_DAYS = 60;

/** Statuses for which an item can no longer be late or stale. */
export const CLOSED_STATUSES: readonly ActionStatus[] = ['completed', 'cancelled'];

// en-CA formats dates as YYYY-MM-DD; built once, as building a formatter costs far more than using it.
const SARAJEVO_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date (YYYY-MM-DD) in Sarajevo: due dates are calendar days there, so "overdue" turns at local midnight. */
export function todayInSarajevo(now: Date = new Date()): string {
  return SARAJEVO_DATE.format(now);
}

/** A calendar date (YYYY-MM-DD) plus or minus some days. */
export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface DatedItem {
  status: ActionStatus;
  dueDate: string | null;
}

export function isOpen(status: ActionStatus): boolean {
  return !CLOSED_STATUSES.includes(status);
}

/** Past its due date and still open. The SQL in action-query.server.ts is the same rule. */
export function isOverdue(item: DatedItem, today: string): boolean {
  return item.dueDate !== null && item.dueDate < today && isOpen(item.status);
}

/** Open and due between today and today + 30 days, both included. */
export function isDueSoon(item: DatedItem, today: string): boolean {
  return item.dueDate !== null && item.dueDate >= today && item.dueDate <= shiftDate(today, DUE_SOON_DAYS) && isOpen(item.status);
}
