import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const blob = pg ? 'bytea' : 'blob';

  await db.schema
    .createTable('document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ownerInstitutionId', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('tlp', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('createdById', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addColumn('contentUpdatedAt', 'text')
    .execute();
  await db.schema.createIndex('document_owner_idx').on('document').column('ownerInstitutionId').execute();
  await db.schema.createIndex('document_type_status_idx').on('document').columns(['type', 'status']).execute();
  await db.schema.createIndex('document_updatedAt_idx').on('document').column('updatedAt').execute();

  await db.schema
    .createTable('documentInstitution')
    .addColumn('documentId', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('institutionId', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('access', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('documentInstitution_pk', ['documentId', 'institutionId'])
    .execute();
  await db.schema.createIndex('documentInstitution_institution_idx').on('documentInstitution').column('institutionId').execute();

  await db.schema
    .createTable('documentPerson')
    .addColumn('documentId', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('access', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('documentPerson_pk', ['documentId', 'userId'])
    .execute();
  await db.schema.createIndex('documentPerson_user_idx').on('documentPerson').column('userId').execute();

  // Append-only log of Yjs updates: each acknowledged edit is a row before the client hears "saved".
  await db.schema
    .createTable('documentUpdate')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('documentId', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('data', sql.raw(blob), (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documentUpdate_document_idx').on('documentUpdate').columns(['documentId', 'id']).execute();

  // The compacted state: every update merged so far, so loading never replays the whole history.
  await db.schema
    .createTable('documentSnapshot')
    .addColumn('documentId', 'text', (c) => c.primaryKey().references('document.id').onDelete('cascade'))
    .addColumn('state', sql.raw(blob), (c) => c.notNull())
    .addColumn('stateVector', sql.raw(blob), (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .execute();

  if (pg) {
    await db.schema
      .createTable('documentSearch')
      .addColumn('documentId', 'text', (c) => c.primaryKey().references('document.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('tsv', sql`tsvector generated always as (to_tsvector('simple', title || ' ' || body)) stored`)
      .execute();
    await sql`create index "documentSearch_tsv_idx" on "documentSearch" using gin ("tsv")`.execute(db);
  } else {
    await sql`create virtual table "documentSearch" using fts5("documentId" unindexed, "title", "body", tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['documentSearch', 'documentSnapshot', 'documentUpdate', 'documentPerson', 'documentInstitution', 'document']) {
    await db.schema.dropTable(table).execute();
  }
}
