import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file must never import application code.

/*
 * An institution's government level (state, entity, district…) is required
 * only for public-sector institutions (issue 13 §4): a university or a
 * company may have none, so `institution.level` may be null. The rule itself
 * lives in the form schema; the database only allows the empty value.
 */

const COLUMNS = '"id", "name", "localName", "acronym", "sector", "level", "website", "contactEmail", "description", "archivedAt", "createdAt", "updatedAt"';

/**
 * SQLite cannot drop NOT NULL in place: the table is rebuilt as its
 * documentation describes (foreign keys off, copy, drop, rename, check).
 * With foreign keys on, dropping the old table would cascade to every
 * institution's names and fail on its people.
 */
async function rebuildSqlite(db: Kysely<any>, level: 'text' | 'text not null', levelValue: string): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql
        .raw(
          `create table "institution_rebuilt" ("id" text primary key, "name" text not null, "localName" text, "acronym" text, "sector" text not null, "level" ${level}, "website" text, "contactEmail" text, "description" text, "archivedAt" text, "createdAt" text not null, "updatedAt" text not null)`,
        )
        .execute(trx);
      await sql
        .raw(`insert into "institution_rebuilt" (${COLUMNS}) select "id", "name", "localName", "acronym", "sector", ${levelValue}, "website", "contactEmail", "description", "archivedAt", "createdAt", "updatedAt" from "institution"`)
        .execute(trx);
      await sql`drop table "institution"`.execute(trx);
      await sql`alter table "institution_rebuilt" rename to "institution"`.execute(trx);
      await trx.schema.createIndex('institution_name_idx').on('institution').column('name').unique().execute();
      await trx.schema.createIndex('institution_sector_level_idx').on('institution').columns(['sector', 'level']).execute();
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`institution rebuild broke ${broken.rows.length} foreign keys`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table "institution" alter column "level" drop not null`.execute(db);
  } else {
    await rebuildSqlite(db, 'text', '"level"');
  }
}

/** Back to a required level: an institution without one is recorded at state level, the level most of the group's members have. */
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`update "institution" set "level" = 'state' where "level" is null`.execute(db);
    await sql`alter table "institution" alter column "level" set not null`.execute(db);
  } else {
    await rebuildSqlite(db, 'text not null', `coalesce("level", 'state')`);
  }
}
