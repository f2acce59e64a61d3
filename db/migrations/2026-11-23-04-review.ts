import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const blob = pg ? 'bytea' : 'blob';

  // The public address of a document, fixed at its first publication.
  await db.schema.alterTable('document').addColumn('slug', 'text').execute();
  await db.schema.createIndex('document_slug_idx').on('document').column('slug').unique().execute();
  // Institution positions belong to one consultation round; a new round starts afresh.
  await db.schema.alterTable('document').addColumn('consultationRound', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // Versions keep the full encoded Yjs state, so history never depends on Yjs
  // garbage collection (docs/decisions/012-versions-as-full-states.md).
  await db.schema
    .createTable('documentVersion')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('documentId', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', sql.raw(blob), (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('wordCount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('createdById', 'text', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documentVersion_number_idx').on('documentVersion').columns(['documentId', 'number']).unique().execute();
  await db.schema.createIndex('documentVersion_created_idx').on('documentVersion').columns(['documentId', 'createdAt']).execute();

  await db.schema
    .createTable('commentThread')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('documentId', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('quote', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('createdById', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('institutionId', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('resolvedById', 'text', (c) => c.references('user.id'))
    .addColumn('resolvedAt', 'text')
    .addColumn('anchorRemovedAt', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('commentThread_document_idx').on('commentThread').columns(['documentId', 'status', 'createdAt']).execute();
  await db.schema.createIndex('commentThread_institution_idx').on('commentThread').columns(['documentId', 'institutionId']).execute();

  await db.schema
    .createTable('comment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('threadId', 'text', (c) => c.notNull().references('commentThread.id').onDelete('cascade'))
    .addColumn('authorId', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('editedAt', 'text')
    .execute();
  await db.schema.createIndex('comment_thread_idx').on('comment').columns(['threadId', 'createdAt']).execute();

  await db.schema
    .createTable('documentTransition')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('documentId', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('fromStatus', 'text', (c) => c.notNull())
    .addColumn('toStatus', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('versionId', 'text', (c) => c.references('documentVersion.id'))
    .addColumn('actorId', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documentTransition_document_idx').on('documentTransition').columns(['documentId', 'createdAt']).execute();

  await db.schema
    .createTable('documentPosition')
    .addColumn('documentId', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('institutionId', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('recordedById', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('documentPosition_pk', ['documentId', 'round', 'institutionId'])
    .execute();

  // An edition is immutable: its HTML and Markdown are stored as published.
  await db.schema
    .createTable('documentEdition')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('documentId', 'text', (c) => c.notNull().references('document.id').onDelete('restrict'))
    .addColumn('major', 'integer', (c) => c.notNull())
    .addColumn('minor', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('changelog', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('participants', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('versionId', 'text', (c) => c.notNull().references('documentVersion.id'))
    .addColumn('publishedById', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('publishedAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documentEdition_number_idx').on('documentEdition').columns(['documentId', 'major', 'minor']).unique().execute();
  await db.schema.createIndex('documentEdition_published_idx').on('documentEdition').column('publishedAt').execute();

  // Editions are immutable in the database itself, not only in the application's code.
  if (pg) {
    await sql`create function "documentEdition_immutable"() returns trigger language plpgsql as $$
      begin raise exception 'documentEdition is immutable'; end $$`.execute(db);
    await sql`create trigger "documentEdition_no_update" before update on "documentEdition"
      for each row execute function "documentEdition_immutable"()`.execute(db);
  } else {
    await sql`create trigger "documentEdition_no_update" before update on "documentEdition"
      begin select raise(abort, 'documentEdition is immutable'); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql`drop trigger if exists "documentEdition_no_update"${sql.raw(pg ? ' on "documentEdition"' : '')}`.execute(db);
  if (pg) await sql`drop function if exists "documentEdition_immutable"()`.execute(db);
  for (const table of ['documentEdition', 'documentPosition', 'documentTransition', 'comment', 'commentThread', 'documentVersion']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('document_slug_idx').execute();
  await db.schema.alterTable('document').dropColumn('consultationRound').execute();
  await db.schema.alterTable('document').dropColumn('slug').execute();
}
