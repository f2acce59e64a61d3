import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code.

/*
 * Language versions of a document (docs/decisions/021-language-versions.md):
 * - `document.familyId`: the id of the family's source document, on the
 *   source itself and on every language version; null for a document that
 *   has none;
 * - `documentTranslation`: one row per language version: when it was last
 *   brought up to date with the source (`sourceSyncedAt`) and the source's
 *   rendered text at that moment (`sourceHtml`, the "before" of the diff a
 *   translator sees). Kept out of `document` so that document rows stay small.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('document').addColumn('familyId', 'text').execute();
  await db.schema.createIndex('document_family_idx').on('document').column('familyId').execute();
  await db.schema
    .createTable('documentTranslation')
    .addColumn('documentId', 'text', (col) => col.primaryKey().references('document.id').onDelete('cascade'))
    .addColumn('sourceSyncedAt', 'text', (col) => col.notNull())
    .addColumn('sourceHtml', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('documentTranslation').execute();
  await db.schema.dropIndex('document_family_idx').execute();
  await db.schema.alterTable('document').dropColumn('familyId').execute();
}
