import { sql } from 'kysely';
import type { Db } from '../../db/client.server.ts';
import type { ActionStatus } from '../../db/schema.ts';

/**
 * The SQL behind the reminder job (app/services/reminders.server.ts): open items
 * that are due soon, overdue or stale, and who should hear about them.
 */

export interface ReminderItem {
  id: string;
  code: string;
  title: string;
  status: ActionStatus;
  dueDate: string | null;
  lastUpdateAt: string;
  ownerInstitutionId: string;
}

/**
 * Open items (not completed or cancelled) due on or before `dueBy`, or last
 * updated before `staleBefore`, a page at a time in id order.
 */
export async function listReminderCandidates(db: Db, options: { dueBy: string; staleBefore: string; after: string | null; limit: number }): Promise<ReminderItem[]> {
  let query = db
    .selectFrom('actionItem')
    .select(['id', 'code', 'title', 'status', 'dueDate', 'lastUpdateAt', 'ownerInstitutionId'])
    .where('status', 'not in', ['completed', 'cancelled'])
    .where((eb) => eb.or([eb('dueDate', '<=', options.dueBy), eb('lastUpdateAt', '<', options.staleBefore)]));
  if (options.after !== null) query = query.where('id', '>', options.after);
  return query.orderBy('id').limit(options.limit).execute();
}

/** Active members (role member) of each institution: the people who update its items. */
export async function listOwnerMembers(db: Db, institutionIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (institutionIds.length === 0) return map;
  const rows = await db
    .selectFrom('user')
    .select(['id', 'institutionId'])
    .where('institutionId', 'in', institutionIds)
    .where('role', '=', 'member')
    .where('deactivatedAt', 'is', null)
    .orderBy(sql`lower(name)`)
    .execute();
  for (const row of rows) map.set(row.institutionId, [...(map.get(row.institutionId) ?? []), row.id]);
  return map;
}
