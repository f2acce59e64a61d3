import type { Db } from '../../db/client.server.ts';

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

/** A person's signed-in sessions, newest first, without their secret tokens. */
export async function listSessionsForUser(db: Db, userId: string) {
  const rows = await db
    .selectFrom('session')
    .select(['id', 'createdAt', 'updatedAt', 'expiresAt', 'ipAddress', 'userAgent'])
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .execute();
  const now = Date.now();
  return rows
    .filter((row) => new Date(row.expiresAt).getTime() > now)
    .map((row) => ({ ...row, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt), expiresAt: iso(row.expiresAt) }));
}

export async function findSessionIdByToken(db: Db, token: string): Promise<string | undefined> {
  const row = await db.selectFrom('session').select('id').where('token', '=', token).executeTakeFirst();
  return row?.id;
}

/** Revokes one of the person's own sessions; the user id in the where clause is the ownership check. */
export async function revokeSessionForUser(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const result = await db.deleteFrom('session').where('id', '=', sessionId).where('userId', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
