import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, type Db, type Dialect } from '../../db/client.server.ts';
import { migrateToLatest } from '../../db/migrator.server.ts';

/**
 * Every test file gets its own fresh database on every dialect: SQLite always,
 * PostgreSQL too when TEST_DATABASE_URL points at a server (CI sets it).
 * Nothing is shared between files, so files can run in parallel and a failing
 * test cannot leave rows behind for the next one.
 */

/** The PostgreSQL server the tests may create databases on, or undefined. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** The dialects this run covers, for `describe.each(dialects)('... on %s', ...)`. */
export function testDialects(): Dialect[] {
  return TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export const dialects = testDialects();

export interface TestDatabase {
  dialect: Dialect;
  db: Db;
  /** A DATABASE_URL for the same fresh database, e.g. to start a real portal on it. */
  url: string;
  /** A fresh temporary folder belonging to this database (DATA_DIR for a portal). */
  dir: string;
  /** Closes the connection pool, then deletes the database and the folder. */
  cleanup(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Run every migration before handing the database over (default true). */
  migrate?: boolean;
}

/** Creates an empty database that only the calling test file uses. */
export async function createTestDatabase(dialect: Dialect, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppp-test-'));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });

  let url: string;
  let dropDatabase: () => Promise<void> = async () => {};
  if (dialect === 'postgres') {
    if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set: PostgreSQL tests cannot run');
    const name = `t_${crypto.randomBytes(8).toString('hex')}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    const parsed = new URL(TEST_DATABASE_URL);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    dropDatabase = async () => {
      // pg's Pool.end() resolves once it has *asked* its clients to end, not when they have; a
      // forced drop that overtakes a goodbye makes that client emit an error its pool may not handle.
      await waitForNoConnections(name);
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
  } else {
    url = `file:${path.join(dir, 'portal.sqlite')}`;
  }

  const { db } = createDatabase({ url, poolSize: 4 });
  try {
    if (options.migrate ?? true) await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    await dropDatabase();
    removeDir();
    throw error;
  }

  let cleaned: Promise<void> | null = null;
  return {
    dialect,
    db,
    url,
    dir,
    cleanup() {
      cleaned ??= (async () => {
        await db.destroy();
        await dropDatabase();
        removeDir();
      })();
      return cleaned;
    },
  };
}

/** Runs one statement on the maintenance connection (CREATE/DROP DATABASE cannot run in a pool transaction). */
async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Waits (up to 3 s) until no session is connected to a database any more. */
async function waitForNoConnections(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ count: string }>('SELECT count(*) AS count FROM pg_stat_activity WHERE datname = $1', [name]);
      if (Number(rows[0].count) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await client.end();
  }
}

/** Counts the rows of a table, the same way on both dialects. */
export async function countRows(db: Db, table: 'user' | 'account' | 'session' | 'invitation' | 'auditEvent' | 'institution' | 'cbm' | 'setting'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
