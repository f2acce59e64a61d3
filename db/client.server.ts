import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database as Schema } from './schema.ts';
import { foldForSearch } from '../app/utils/search-text.ts';

export type Db = Kysely<Schema>;
export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** Human-readable location without credentials, for logs. */
  describe: string;
}

export interface DatabaseOptions {
  /** unset: data/portal.sqlite; `file:PATH`: SQLite at PATH; `postgres://...`: PostgreSQL. */
  url?: string;
  /** PostgreSQL only: the schema to use (tests run each file in a fresh schema). */
  searchPath?: string;
  poolSize?: number;
  /** Told about errors on idle pooled PostgreSQL connections (they are replaced on the next query). */
  onIdleError?: (error: Error) => void;
}

export function createDatabase(options: DatabaseOptions = {}): DatabaseHandle {
  const url = options.url?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      options: options.searchPath ? `-c search_path=${options.searchPath}` : undefined,
    });
    // An idle client whose connection the server ends (restart, idle timeout, failover) is
    // dropped from the pool and replaced on the next query. Without a listener, the pool's
    // 'error' event would crash the whole process.
    pool.on('error', (error) => options.onIdleError?.(error));
    const parsed = new URL(url);
    return {
      db: new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }),
      dialect: 'postgres',
      describe: `postgres://${parsed.host}${parsed.pathname}`,
    };
  }
  const file = url ? url.replace(/^file:/, '') : path.join('data', 'portal.sqlite');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // SQLite's own lower() folds only ASCII; names here are Bosnian, Croatian and Serbian (Š, Č, Cyrillic).
  sqlite.function('lower', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value) as string | null);
  // Search folding (app/utils/search-text.ts); PostgreSQL has the same function in SQL (db/migrations/2026-12-06-01-languages.ts).
  sqlite.function('portal_fold', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? foldForSearch(value) : value) as string | null);
  return {
    db: new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }),
    dialect: 'sqlite',
    describe: `sqlite:${file}`,
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * kysely prepares every query anew, and on a 5 ms list query preparing is a
 * measurable share (docs/performance.md). Reuse prepared statements by SQL
 * text. A statement still being iterated (a streamed query) is busy, so a busy
 * one is never handed out: a fresh one is.
 */
function withStatementCache(sqlite: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      const cached = cache.get(sqlText);
      if (cached && !cached.busy) {
        // Re-insert: a Map iterates oldest first, so the least recently used goes first.
        cache.delete(sqlText);
        cache.set(sqlText, cached);
        return cached;
      }
      const statement = sqlite.prepare(sqlText);
      if (!cached) {
        cache.set(sqlText, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}

/** Which database a kysely instance talks to (for the few queries that differ). */
export function dialectOf(db: Kysely<Schema>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
