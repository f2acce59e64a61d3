import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code.

/*
 * Content in the reader's language (issue 12 §2, docs/languages.md):
 * - `cbmTranslation`: a CBM's title and summary in a language other than
 *   English. The `cbm` row keeps the official English text; these rows are
 *   translations for reading, filled from db/seeds/data/cbm-translations.json
 *   by `seedReferenceData` on every start, so existing installations get them.
 * - `institutionName`: an institution's name in one language. The English
 *   `institution.name` stays the name every list falls back to.
 * Serbian Cyrillic is stored too (transliterated when written), so SQL can
 * sort and search the name a reader sees.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cbmTranslation')
    .addColumn('cbmNumber', 'integer', (c) => c.notNull().references('cbm.number').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cbmTranslation_pk', ['cbmNumber', 'language'])
    .execute();
  await db.schema
    .createTable('institutionName')
    .addColumn('institutionId', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('institutionName_pk', ['institutionId', 'language'])
    .execute();
  // Lists look names up by language.
  await db.schema.createIndex('institutionName_language_idx').on('institutionName').columns(['language', 'institutionId']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('institutionName').execute();
  await db.schema.dropTable('cbmTranslation').execute();
}
