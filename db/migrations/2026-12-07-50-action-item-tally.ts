import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code.

/**
 * Item counts kept beside the items, so the CBM matrix and the dashboard add
 * up a few hundred rows instead of reading every item (docs/decisions/026).
 * `cbmNumber` 0 counts each item once, under its pillar ('' for none); 1–16
 * count the items implementing that CBM, with pillarCode ''.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('actionItemTally')
    .addColumn('cbmNumber', 'integer', (c) => c.notNull())
    .addColumn('pillarCode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('tlp', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('actionItemTally_pk', ['cbmNumber', 'pillarCode', 'status', 'tlp'])
    .execute();
  // Open items with a due date by the month they are due, for overdue counts that do not read every overdue item.
  await db.schema
    .createTable('actionItemDueTally')
    .addColumn('cbmNumber', 'integer', (c) => c.notNull())
    .addColumn('pillarCode', 'text', (c) => c.notNull())
    .addColumn('tlp', 'text', (c) => c.notNull())
    .addColumn('dueMonth', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('actionItemDueTally_pk', ['cbmNumber', 'pillarCode', 'tlp', 'dueMonth'])
    .execute();

  // The default order of /actions (code, then id): the first page, and each page after a cursor, read in index order and stop after 51 rows.
  await db.schema.createIndex('actionItem_code_id_idx').on('actionItem').columns(['code', 'id']).execute();

  await sql`
    insert into "actionItemTally" ("cbmNumber", "pillarCode", "status", "tlp", "items")
    select 0, coalesce("pillarCode", ''), "status", "tlp", count(*) from "actionItem" group by coalesce("pillarCode", ''), "status", "tlp"
    union all
    select c."cbmNumber", '', i."status", i."tlp", count(*) from "actionItemCbm" c inner join "actionItem" i on i."id" = c."itemId" group by c."cbmNumber", i."status", i."tlp"
  `.execute(db);
  await sql`
    insert into "actionItemDueTally" ("cbmNumber", "pillarCode", "tlp", "dueMonth", "items")
    select 0, coalesce("pillarCode", ''), "tlp", substr("dueDate", 1, 7), count(*) from "actionItem"
      where "dueDate" is not null and "status" not in ('completed', 'cancelled')
      group by coalesce("pillarCode", ''), "tlp", substr("dueDate", 1, 7)
    union all
    select c."cbmNumber", '', i."tlp", substr(i."dueDate", 1, 7), count(*) from "actionItemCbm" c inner join "actionItem" i on i."id" = c."itemId"
      where i."dueDate" is not null and i."status" not in ('completed', 'cancelled')
      group by c."cbmNumber", i."tlp", substr(i."dueDate", 1, 7)
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('actionItem_code_id_idx').execute();
  await db.schema.dropTable('actionItemDueTally').execute();
  await db.schema.dropTable('actionItemTally').execute();
}
