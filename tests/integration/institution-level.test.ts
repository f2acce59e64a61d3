import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrateDownToZero, migrateToLatest } from '../../db/migrator.server.ts';
import { migrations } from '../../db/migrations/index.ts';
import { createInstitution, getInstitution, updateInstitution } from '../../app/models/institution.server.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/**
 * Issue 13 §4: an institution outside the public sector may have no level of
 * government. The migration that allows it keeps every institution, its names
 * in other languages and its people (SQLite rebuilds the table to do it).
 */

const MIGRATION = '2026-12-07-04-institution-level-optional';

describe.each(dialects)('an optional institution level on %s', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(dialect, { migrate: false });
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  test('the migration keeps existing institutions with their names and people, and then allows no level', async () => {
    const { db } = database;
    const names = Object.keys(migrations);
    const before = names[names.indexOf(MIGRATION) - 1];
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const result = await migrator.migrateTo(before);
    if (result.error) throw result.error;

    const now = new Date().toISOString();
    await db
      .insertInto('institution')
      .values({ id: 'inst-old', name: 'University of Sarajevo', localName: null, acronym: 'UNSA', sector: 'academic', level: 'state', website: null, contactEmail: null, description: null, archivedAt: null, createdAt: now, updatedAt: now })
      .execute();
    await db.insertInto('institutionName').values({ institutionId: 'inst-old', language: 'bs', name: 'Univerzitet u Sarajevu' }).execute();
    await db
      .insertInto('user')
      .values({ id: 'user-old', name: 'Selma', email: 'selma@unsa.example', emailVerified: dialect === 'postgres' ? (true as never) : (1 as never), role: 'member', institutionId: 'inst-old', createdAt: now as never, updatedAt: now as never })
      .execute();

    await migrateToLatest(db);
    expect(await getInstitution(db, 'inst-old')).toMatchObject({ name: 'University of Sarajevo', acronym: 'UNSA', sector: 'academic', level: 'state' });
    expect(await db.selectFrom('institutionName').select('name').where('institutionId', '=', 'inst-old').execute()).toEqual([{ name: 'Univerzitet u Sarajevu' }]);
    expect(await db.selectFrom('user').select('institutionId').where('id', '=', 'user-old').executeTakeFirst()).toEqual({ institutionId: 'inst-old' });

    // A university may drop its level; a company may be created without one.
    await updateInstitution(db, 'user-old', 'inst-old', { name: 'University of Sarajevo', sector: 'academic', level: undefined });
    expect((await getInstitution(db, 'inst-old'))?.level).toBeNull();
    const company = await createInstitution(db, null, { name: 'Level-less Ltd', sector: 'private' });
    expect((await getInstitution(db, company.id))?.level).toBeNull();
    // The table still enforces the unique name and the foreign keys.
    await expect(createInstitution(db, null, { name: 'Level-less Ltd', sector: 'private' })).rejects.toThrow();
    await expect(db.insertInto('institutionName').values({ institutionId: 'no-such-institution', language: 'hr', name: 'x' }).execute()).rejects.toThrow();
  });

  test('rolling back gives institutions without a level the state level', async () => {
    const { db } = database;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const names = Object.keys(migrations);
    const result = await migrator.migrateTo(names[names.indexOf(MIGRATION) - 1]);
    if (result.error) throw result.error;
    const levels = await db.selectFrom('institution').select(['name', 'level']).orderBy('name').execute();
    expect(levels).toEqual([
      { name: 'Level-less Ltd', level: 'state' },
      { name: 'University of Sarajevo', level: 'state' },
    ]);
    await migrateDownToZero(db);
  });
});
