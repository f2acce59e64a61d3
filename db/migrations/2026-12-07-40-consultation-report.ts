import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file must never import application code.

/*
 * The consultation report (issue 11 §2, docs/decisions/023-consultation-report.md):
 * - a comment thread gets a decision ('accepted' | 'rejected' | 'noted'),
 *   with its reason and who took it when;
 * - a document says whether its published report names people (default off);
 * - `consultationReport` holds the report frozen with a public edition,
 *   immutable in the database like the edition itself.
 */

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('commentThread').addColumn('decision', 'text').execute();
  await db.schema.alterTable('commentThread').addColumn('decisionReason', 'text').execute();
  await db.schema.alterTable('commentThread').addColumn('decidedById', 'text', (c) => c.references('user.id')).execute();
  await db.schema.alterTable('commentThread').addColumn('decidedAt', 'text').execute();
  await db.schema.alterTable('document').addColumn('reportNamesPeople', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('consultationReport')
    .addColumn('editionId', 'text', (c) => c.primaryKey().references('documentEdition.id').onDelete('cascade'))
    .addColumn('documentId', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
    /** JSON array of rows, already without people's names unless `namesPeople`. */
    .addColumn('rows', 'text', (c) => c.notNull())
    .addColumn('namesPeople', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();
  if (pg) {
    await sql`create function "consultationReport_immutable"() returns trigger language plpgsql as $$
      begin raise exception 'consultationReport is immutable'; end $$`.execute(db);
    await sql`create trigger "consultationReport_no_update" before update on "consultationReport"
      for each row execute function "consultationReport_immutable"()`.execute(db);
  } else {
    await sql`create trigger "consultationReport_no_update" before update on "consultationReport"
      begin select raise(abort, 'consultationReport is immutable'); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql`drop trigger if exists "consultationReport_no_update"${sql.raw(pg ? ' on "consultationReport"' : '')}`.execute(db);
  if (pg) await sql`drop function if exists "consultationReport_immutable"()`.execute(db);
  await db.schema.dropTable('consultationReport').execute();
  await db.schema.alterTable('document').dropColumn('reportNamesPeople').execute();
  for (const column of ['decidedAt', 'decidedById', 'decisionReason', 'decision']) {
    await db.schema.alterTable('commentThread').dropColumn(column).execute();
  }
}
