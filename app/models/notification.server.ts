import crypto from 'node:crypto';
import type { Db } from '../../db/client.server.ts';
import type { NotificationKind } from '../../db/schema.ts';
import { nowIso } from '../utils/time.ts';

export interface NotificationInput {
  recipientId: string;
  kind: NotificationKind;
  /** Interpolation values for the message `notifications.kinds.<kind>`. */
  params: Record<string, string | number>;
  /** Path inside the portal, e.g. /documents/<id>#thread-<id>. */
  link: string;
  actorId?: string | null;
  /** When set, the same (recipient, key) is stored only once: reminders rely on it. */
  dedupeKey?: string | null;
}

export interface StoredNotification {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  params: Record<string, string | number>;
  link: string;
  actorName: string | null;
  readAt: string | null;
  createdAt: string;
}

/**
 * Stores notifications, skipping any whose dedupe key the recipient already
 * has. Returns the ids actually inserted, so the caller e-mails only those.
 * Actors are never notified of their own acts.
 */
export async function insertNotifications(db: Db, inputs: NotificationInput[]): Promise<string[]> {
  const inserted: string[] = [];
  const createdAt = nowIso();
  for (const input of inputs) {
    if (input.actorId && input.actorId === input.recipientId) continue;
    const id = crypto.randomUUID();
    const result = await db
      .insertInto('notification')
      .values({
        id,
        recipientId: input.recipientId,
        kind: input.kind,
        params: JSON.stringify(input.params),
        link: input.link,
        actorId: input.actorId ?? null,
        dedupeKey: input.dedupeKey ?? null,
        readAt: null,
        emailedAt: null,
        createdAt,
      })
      .onConflict((oc) => oc.columns(['recipientId', 'dedupeKey']).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) > 0) inserted.push(id);
  }
  return inserted;
}

export async function listNotifications(
  db: Db,
  recipientId: string,
  options: { unreadOnly?: boolean; kinds?: readonly NotificationKind[]; limit?: number; offset?: number } = {},
): Promise<StoredNotification[]> {
  let query = db
    .selectFrom('notification')
    .leftJoin('user as actor', 'actor.id', 'notification.actorId')
    .select([
      'notification.id',
      'notification.recipientId',
      'notification.kind',
      'notification.params',
      'notification.link',
      'notification.readAt',
      'notification.createdAt',
      'actor.name as actorName',
    ])
    .where('notification.recipientId', '=', recipientId);
  if (options.unreadOnly) query = query.where('notification.readAt', 'is', null);
  if (options.kinds) query = query.where('notification.kind', 'in', options.kinds);
  const rows = await query
    .orderBy('notification.createdAt', 'desc')
    .orderBy('notification.id')
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0)
    .execute();
  return rows.map((row) => ({ ...row, params: JSON.parse(row.params) as Record<string, string | number> }));
}

export async function countUnread(db: Db, recipientId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('recipientId', '=', recipientId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks the given notifications (or all of them) read; only the recipient's own. */
export async function markRead(db: Db, recipientId: string, ids: string[] | 'all'): Promise<void> {
  let query = db.updateTable('notification').set({ readAt: nowIso() }).where('recipientId', '=', recipientId).where('readAt', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return;
    query = query.where('id', 'in', ids);
  }
  await query.execute();
}

/** Marks one of the recipient's notifications read and returns where it points, or null if it is not theirs. */
export async function openNotification(db: Db, recipientId: string, id: string): Promise<string | null> {
  const row = await db.selectFrom('notification').select('link').where('id', '=', id).where('recipientId', '=', recipientId).executeTakeFirst();
  if (!row) return null;
  await markRead(db, recipientId, [id]);
  return row.link;
}

export async function markEmailed(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('notification').set({ emailedAt: nowIso() }).where('id', 'in', ids).execute();
}

/** Notifications stored but not yet e-mailed, with what the e-mail needs. */
export async function notificationsToEmail(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('notification')
    .innerJoin('user', 'user.id', 'notification.recipientId')
    .select(['notification.id', 'notification.kind', 'notification.params', 'notification.link', 'user.email', 'user.name', 'user.deactivatedAt'])
    .where('notification.id', 'in', ids)
    .where('notification.emailedAt', 'is', null)
    .execute();
  return rows
    .filter((row) => row.deactivatedAt === null)
    .map((row) => ({ ...row, params: JSON.parse(row.params) as Record<string, string | number> }));
}
