import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Dialect } from './client.server.ts';

/**
 * Copying a whole database in and out, below kysely: SQLite's online backup
 * API and PostgreSQL's pg_dump / pg_restore. Used by `npm run backup` and
 * `npm run restore` (app/services/backup.server.ts); the portal may keep
 * running during a backup, never during a restore.
 */

/** Where a DATABASE_URL points. */
export type DatabaseLocation = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export function locateDatabase(url: string): DatabaseLocation {
  const trimmed = url.trim();
  if (/^postgres(ql)?:\/\//.test(trimmed)) return { dialect: 'postgres', url: trimmed };
  const file = trimmed.replace(/^file:/, '');
  if (file === ':memory:') throw new Error('an in-memory SQLite database cannot be backed up or restored');
  return { dialect: 'sqlite', file: path.resolve(file) };
}

/** What a database held at the moment of the copy: rows per table, and the evidence files its rows name. */
export interface DatabaseContents {
  tables: Record<string, number>;
  migrations: string[];
  /** Stored names of evidence rows whose bytes are not in the database, so must be files in EVIDENCE_DIR. */
  evidenceFiles: string[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables of the current schema, without the engine's own. */
const SQLITE_TABLES = "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name";
const POSTGRES_TABLES = "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name";

interface Query {
  all(sqlText: string): Promise<Record<string, unknown>[]>;
}

/**
 * Counts every table and lists the migrations and the on-disk evidence the
 * rows refer to. The columns are looked up, not assumed: the same code reads
 * backups made before and after evidence moved into the database.
 */
async function readContents(query: Query, tablesSql: string, columnsOf: (table: string) => Promise<string[]>): Promise<DatabaseContents> {
  const names = (await query.all(tablesSql)).map((row) => String(row.name));
  const tables: Record<string, number> = {};
  for (const name of names) {
    const [row] = await query.all(`select count(*) as count from ${quote(name)}`);
    tables[name] = Number(row.count);
  }
  const migrations = names.includes('kysely_migration') ? (await query.all('select name from kysely_migration order by name')).map((row) => String(row.name)) : [];
  let evidenceFiles: string[] = [];
  if (names.includes('actionEvidence') && (await columnsOf('actionEvidence')).includes('storedName')) {
    // Since 2026-12-07-02-shared-storage the bytes are a blob row under the stored name; only older rows need a file.
    const inDatabase = names.includes('blob') ? ' and not exists (select 1 from "blob" b where b."id" = e."storedName")' : '';
    const rows = await query.all(`select distinct e."storedName" as name from "actionEvidence" e where e."storedName" is not null${inDatabase} order by 1`);
    evidenceFiles = rows.map((row) => String(row.name));
  }
  return { tables, migrations, evidenceFiles };
}

function sqliteQuery(sqlite: Database.Database): Query {
  return { all: async (sqlText) => sqlite.prepare(sqlText).all() as Record<string, unknown>[] };
}

async function sqliteContents(sqlite: Database.Database): Promise<DatabaseContents> {
  return readContents(sqliteQuery(sqlite), SQLITE_TABLES, async (table) => (sqlite.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name));
}

function pgQuery(client: pg.Client): Query {
  return { all: async (sqlText) => (await client.query(sqlText)).rows as Record<string, unknown>[] };
}

async function postgresContents(client: pg.Client): Promise<DatabaseContents> {
  return readContents(pgQuery(client), POSTGRES_TABLES, async (table) => {
    const { rows } = await client.query<{ name: string }>('select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = $1', [table]);
    return rows.map((r) => r.name);
  });
}

/**
 * The connection string without its password, which goes to the client
 * tools through PGPASSWORD instead: a command line is readable by every
 * user of the machine (ps).
 */
const PG_PASSWORD_VARIABLE = 'PGPASSWORD';

function postgresToolEnv(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Taken from the operator's DATABASE_URL at run time; nothing is stored.
  const fromUrl = decodeURIComponent(parsed.password);
  if (fromUrl) {
    env[PG_PASSWORD_VARIABLE] = fromUrl;
    parsed.password = '';
  }
  return { url: parsed.toString(), env };
}

/** Runs a PostgreSQL client tool; rejects with its own error output. */
function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`${command} was not found: install the PostgreSQL client tools (Debian: apt-get install postgresql-client)`) : error),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}):\n${stderr.trim()}`))));
  });
}

/**
 * A consistent copy of the database into `target` (which must not exist),
 * taken while the portal keeps writing. SQLite: the online backup API, which
 * copies a single point in time even in WAL mode. PostgreSQL: pg_dump in the
 * custom format, reading the snapshot of a transaction that also counts the
 * rows, so the counts describe exactly what the dump holds.
 */
export async function copyDatabase(location: DatabaseLocation, target: string): Promise<DatabaseContents> {
  if (location.dialect === 'sqlite') {
    if (!fs.existsSync(location.file)) throw new Error(`no SQLite database at ${location.file}`);
    const source = new Database(location.file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(target);
    } finally {
      source.close();
    }
    const copy = new Database(target, { readonly: true, fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copied database failed its integrity check: ${String(check)}`);
      return await sqliteContents(copy);
    } finally {
      copy.close();
    }
  }

  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read, read only');
    const { rows } = await client.query<{ snapshot: string }>('select pg_export_snapshot() as snapshot');
    const contents = await postgresContents(client);
    const tool = postgresToolEnv(location.url);
    await runTool('pg_dump', ['--format=custom', `--snapshot=${rows[0].snapshot}`, `--file=${target}`, `--dbname=${tool.url}`], tool.env);
    await client.query('commit');
    return contents;
  } finally {
    await client.end();
  }
}

/** The tables already in a database, to refuse restoring over data. */
export async function existingTables(location: DatabaseLocation): Promise<string[]> {
  if (location.dialect === 'sqlite') {
    if (!fs.existsSync(location.file) || fs.statSync(location.file).size === 0) return [];
    const sqlite = new Database(location.file, { readonly: true, fileMustExist: true });
    try {
      return (sqlite.prepare(SQLITE_TABLES).all() as { name: string }[]).map((r) => r.name);
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>(POSTGRES_TABLES)).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

/**
 * Loads a copy made by copyDatabase into an empty database and returns what
 * it now holds. All or nothing: SQLite gets the whole file at once (written
 * beside it, then renamed), PostgreSQL one transaction that stops at the
 * first error.
 */
export async function loadDatabase(location: DatabaseLocation, copy: string): Promise<DatabaseContents> {
  if (location.dialect === 'sqlite') {
    fs.mkdirSync(path.dirname(location.file), { recursive: true });
    const partial = `${location.file}.restoring`;
    fs.copyFileSync(copy, partial);
    // An empty database may have left its journal behind; it must not be replayed onto the copy.
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${location.file}${suffix}`, { force: true });
    fs.renameSync(partial, location.file);
    const sqlite = new Database(location.file, { readonly: true, fileMustExist: true });
    try {
      return await sqliteContents(sqlite);
    } finally {
      sqlite.close();
    }
  }
  const tool = postgresToolEnv(location.url);
  // Owners and grants belong to the old server's roles; the restoring role owns everything.
  await runTool('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${tool.url}`, copy], tool.env);
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    return await postgresContents(client);
  } finally {
    await client.end();
  }
}

/** The file name of the database copy inside a backup, by dialect. */
export function databaseCopyName(dialect: Dialect): string {
  return dialect === 'sqlite' ? 'database.sqlite' : 'database.pgdump';
}
