import { TIME_ZONE } from './format.ts';

/** Today's date (YYYY-MM-DD) in Sarajevo: "overdue" turns at local midnight, not at UTC midnight. */
export function sarajevoToday(now: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Overdue: the due date has passed and the item is neither completed nor cancelled. */
export function isOverdue(item: { dueDate: string | null; status: string }, today: string): boolean {
  return item.dueDate !== null && item.dueDate < today && item.status !== 'completed' && item.status !== 'cancelled';
}
