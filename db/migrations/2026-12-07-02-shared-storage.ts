import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file must never import application code.

/*
 * Files that every instance must see (docs/several-instances.md): evidence of
 * action items and import previews move from one instance's disk into the
 * database. A blob is a header row plus its bytes in numbered chunks, so an
 * upload is written and a download read one chunk at a time: neither ever
 * holds a whole file in memory. The header's `sizeBytes` stays null until the
 * last chunk is in, so a half-written blob is never served.
 *
 * Files already on disk are copied in at start-up (server/portal.ts), not
 * here: only the running portal knows EVIDENCE_DIR and DATA_DIR.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('blob')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'evidence' or 'import'.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ownerId', 'text')
    .addColumn('sizeBytes', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('blob_kind_createdAt_idx').on('blob').columns(['kind', 'createdAt']).execute();

  await db.schema
    .createTable('blobChunk')
    .addColumn('blobId', 'text', (c) => c.notNull().references('blob.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('blobChunk_pk', ['blobId', 'position'])
    .execute();

  if (pg) {
    // The chunks are already compressed or small; TOAST compression would only cost CPU.
    await sql`alter table "blobChunk" alter column "data" set storage external`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('blobChunk').execute();
  await db.schema.dropTable('blob').execute();
}
