import { sql } from 'kysely';
import { dialectOf, type Db } from '../../db/client.server.ts';

/**
 * Runs `job` only if no other instance is running the job of the same name.
 * PostgreSQL: a session advisory lock, held on one pooled connection for the
 * job's duration; it is released when the job ends, or by the server if that
 * connection or the whole instance dies. SQLite: one instance only is
 * supported (docs/several-instances.md), so the job simply runs.
 * Returns `{ ran: false }` when another instance holds the lock.
 */
export async function runExclusively<T>(db: Db, name: string, job: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  if (dialectOf(db) === 'sqlite') return { ran: true, value: await job() };
  return db.connection().execute(async (connection) => {
    const key = `ppp-portal:${name}`;
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(hashtext(${key})) as locked`.execute(connection);
    if (!rows[0]?.locked) return { ran: false } as const;
    try {
      return { ran: true, value: await job() } as const;
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(connection);
    }
  });
}

/**
 * Runs `job` once no other instance is running the job of the same name,
 * waiting for it if one is. For start-up work that every instance must see
 * done before it serves (seeding), where stepping aside would let an instance
 * serve an empty database. PostgreSQL: a blocking session advisory lock;
 * SQLite: one instance, so the job simply runs.
 */
export async function runSerially<T>(db: Db, name: string, job: () => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'sqlite') return job();
  return db.connection().execute(async (connection) => {
    const key = `ppp-portal:${name}`;
    await sql`select pg_advisory_lock(hashtext(${key}))`.execute(connection);
    try {
      return await job();
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(connection);
    }
  });
}
