import { sql } from 'kysely';
import type { Db } from './client.server.ts';

/** A round trip to the database, for /healthz. */
export async function checkDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
