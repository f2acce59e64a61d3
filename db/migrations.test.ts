import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../tests/support/test-database.ts';
import type { Db } from './client.server.ts';
import { migrateDownToZero, migrateToLatest } from './migrator.server.ts';
import { migrations } from './migrations/index.ts';

const APP_TABLES = [
  'account',
  'actionComment',
  'actionEvidence',
  'actionIndicator',
  'actionItem',
  'actionItemCbm',
  'actionItemChange',
  'actionItemDueTally',
  'actionItemSupporter',
  'actionItemTag',
  'actionItemTally',
  'actionUpdate',
  'auditEvent',
  'blob',
  'blobChunk',
  'cbm',
  'cbmTranslation',
  'comment',
  'commentRevision',
  'commentThread',
  'consultationReport',
  'document',
  'documentEdition',
  'documentInstitution',
  'documentPerson',
  'documentPosition',
  'documentSearch',
  'documentSnapshot',
  'documentTransition',
  'documentTranslation',
  'documentUpdate',
  'documentVersion',
  'institution',
  'institutionName',
  'invitation',
  'notification',
  'pillar',
  'rateLimit',
  'session',
  'setting',
  'suggestion',
  'user',
  'verification',
];

/** Tables in the database, without the migrator's own bookkeeping. */
async function tables({ db, dialect }: { db: Db; dialect: TestDatabase['dialect'] }): Promise<string[]> {
  const names =
    dialect === 'postgres'
      ? (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
        ).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows;
  // SQLite's FTS5 keeps its index in shadow tables named after the virtual table.
  return names.map((r) => r.name).filter((name) => !name.startsWith('kysely_') && !name.startsWith('documentSearch_')).sort();
}

describe('migration names', () => {
  test('sort in the order they must run and carry an ISO date prefix', () => {
    const names = Object.keys(migrations);
    expect(names).toEqual([...names].sort());
    for (const name of names) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}-\d{2}-[a-z0-9-]+$/);
  });
});

describe.each(dialects)('migrations on %s', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(dialect, { migrate: false });
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  test('a fresh database has no tables', async () => {
    expect(await tables(database)).toEqual([]);
  });

  test('migrateToLatest creates every table', async () => {
    const applied = await migrateToLatest(database.db);
    expect(applied).toEqual(Object.keys(migrations).map((name) => `Up ${name}: Success`));
    expect(await tables(database)).toEqual(APP_TABLES);
  });

  test('migrateToLatest is a no-op when up to date', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
    expect(await tables(database)).toEqual(APP_TABLES);
  });

  test('migrateDownToZero drops every table', async () => {
    const reverted = await migrateDownToZero(database.db);
    expect(reverted).toEqual(
      Object.keys(migrations)
        .reverse()
        .map((name) => `Down ${name}: Success`),
    );
    expect(await tables(database)).toEqual([]);
  });

  test('migrating up again works and the schema accepts data', async () => {
    await migrateToLatest(database.db);
    expect(await tables(database)).toEqual(APP_TABLES);
    await database.db
      .insertInto('setting')
      .values({ key: 'k', value: 'v', updatedAt: new Date().toISOString() })
      .execute();
    const row = await database.db.selectFrom('setting').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ key: 'k', value: 'v' });
  });
});
