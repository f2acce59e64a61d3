import { runExclusively } from '../models/job-lock.server.ts';
import type { NotificationInput } from '../models/notification.server.ts';
import { listOwnerMembers, listReminderCandidates, type ReminderItem } from '../models/reminder.server.ts';
import { STALE_DAYS, shiftDate } from '../utils/action-dates.ts';
import { daysBetween } from '../utils/calendar.ts';
import { notify, type NotifyServices } from './notify.server.ts';

/** Days before the due date when owners are first reminded. */
export const DUE_SOON_REMINDER_DAYS = 14;
/** How often the server runs the job. */
export const REMINDER_INTERVAL_MS = 60 * 60 * 1000;

const BATCH = 500;

export interface ReminderRun {
  /** Notifications newly stored (a repeated run stores none for the same day). */
  stored: number;
  items: number;
}

/** The reminders one item earns today, each with the key that makes it unique per recipient. */
export function remindersFor(item: ReminderItem, today: string): Omit<NotificationInput, 'recipientId'>[] {
  const base = { code: item.code, item: item.title };
  const link = `/actions/${item.id}`;
  const out: Omit<NotificationInput, 'recipientId'>[] = [];
  if (item.dueDate !== null && item.dueDate < today) {
    out.push({ kind: 'reminder_overdue', params: { ...base, due: item.dueDate }, link, dedupeKey: `overdue:${item.id}:${item.dueDate}` });
  } else if (item.dueDate !== null && item.dueDate <= shiftDate(today, DUE_SOON_REMINDER_DAYS)) {
    out.push({ kind: 'reminder_due_soon', params: { ...base, due: item.dueDate }, link, dedupeKey: `due-soon:${item.id}:${item.dueDate}` });
  }
  if (item.lastUpdateAt < shiftDate(today, -STALE_DAYS)) {
    out.push({
      kind: 'reminder_stale',
      params: { ...base, days: daysBetween(item.lastUpdateAt, today) },
      link,
      dedupeKey: `stale:${item.id}:${item.lastUpdateAt}`,
    });
  }
  return out;
}

/**
 * Tells the active members of each open item's owner institution when the item
 * is due within 14 days, overdue, or without an update for 60 days. Safe to
 * run any number of times: each reminder carries a dedupe key (a new due date
 * or a new update makes a new key), the notification table stores a key once
 * per person, and only newly stored reminders are e-mailed.
 */
export async function runReminders(services: NotifyServices, today: string): Promise<ReminderRun> {
  let stored = 0;
  let items = 0;
  let after: string | null = null;
  for (;;) {
    const batch = await listReminderCandidates(services.db, {
      dueBy: shiftDate(today, DUE_SOON_REMINDER_DAYS),
      staleBefore: shiftDate(today, -STALE_DAYS),
      after,
      limit: BATCH,
    });
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    const members = await listOwnerMembers(services.db, [...new Set(batch.map((i) => i.ownerInstitutionId))]);
    const inputs: NotificationInput[] = [];
    for (const item of batch) {
      const reminders = remindersFor(item, today);
      if (reminders.length > 0) items++;
      for (const recipientId of members.get(item.ownerInstitutionId) ?? []) {
        for (const reminder of reminders) inputs.push({ ...reminder, recipientId, actorId: null });
      }
    }
    stored += (await notify(services, inputs)).length;
    if (batch.length < BATCH) break;
  }
  return { stored, items };
}

/**
 * The scheduled form of runReminders: every instance starts the job, and only
 * one at a time runs it (a PostgreSQL advisory lock, app/models/job-lock.server.ts).
 * Null when another instance is running it right now; its run covers this one.
 */
export async function runRemindersOnce(services: NotifyServices, today: string): Promise<ReminderRun | null> {
  const outcome = await runExclusively(services.db, 'reminders', () => runReminders(services, today));
  return outcome.ran ? outcome.value : null;
}
