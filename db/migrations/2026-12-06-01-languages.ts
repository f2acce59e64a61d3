import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file must never import application code.

/*
 * Five interface and document languages, and search that ignores diacritics
 * and script (docs/languages.md):
 * - `user.language`: the interface language a person chose;
 * - documents and editions tagged `sr` become `sr-Latn` (only the tag; an
 *   edition's text is never touched);
 * - `portal_fold(text)`: the search folding of app/utils/search-text.ts in
 *   SQL, for PostgreSQL (SQLite gets the JavaScript function itself from
 *   db/client.server.ts); the documents' tsvector is built through it;
 * - the stored search text of existing documents is folded as new text is.
 */

/** Serbian Cyrillic to Latin, letter by letter (the digraphs љ њ џ are single letters). */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'đ', е: 'e', ж: 'ž', з: 'z', и: 'i', ј: 'j', к: 'k', л: 'l', љ: 'lj', м: 'm',
  н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'ć', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'č', џ: 'dž', ш: 'š',
};

/** The folding as it was when this migration was written. */
function fold(text: string): string {
  let latin = '';
  for (const ch of text.toLowerCase()) latin += CYRILLIC[ch] ?? ch;
  return latin.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/dj/g, 'd');
}

// The same in SQL: digraph letters first, then one letter for one, then accents off, lower case, dj as d.
const CYR_FROM = 'абвгдђежзијклмнопрстћуфхцчшАБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШ';
const CYR_TO = 'abvgddezzijklmnoprstcufhccsabvgddezzijklmnoprstcufhccs';

async function createFoldFunction(db: Kysely<any>): Promise<void> {
  const available = await sql<{ name: string }>`select name from pg_available_extensions where name = 'unaccent'`.execute(db);
  let unaccent: string | null = null;
  if (available.rows.length > 0) {
    try {
      await sql`create extension if not exists unaccent`.execute(db);
      const where = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'unaccent'`.execute(db);
      unaccent = where.rows[0]?.schema ?? null;
    } catch {
      // Without the right to create it, fold the letters of BiH's languages by hand (below).
      unaccent = null;
    }
  }
  const digraphs = (inner: string) =>
    [['љ', 'lj'], ['Љ', 'lj'], ['њ', 'nj'], ['Њ', 'nj'], ['џ', 'dz'], ['Џ', 'dz']].reduce((expr, [from, to]) => `replace(${expr}, '${from}', '${to}')`, inner);
  const letters = `translate(${digraphs('$1')}, '${CYR_FROM}', '${CYR_TO}')`;
  // unaccent is only STABLE; naming its dictionary makes the call safe to declare IMMUTABLE (as its documentation shows).
  const accentsOff = unaccent
    ? `"${unaccent}".unaccent('"${unaccent}".unaccent'::regdictionary, ${letters})`
    : `translate(${letters}, 'čćšžđČĆŠŽĐ', 'ccszdCCSZD')`;
  await sql
    .raw(
      `create or replace function portal_fold(text) returns text language sql immutable strict parallel safe as $$ select replace(lower(${accentsOff}), 'dj', 'd') $$`,
    )
    .execute(db);
}

async function setEditionLanguage(db: Kysely<any>, pg: boolean, from: string, to: string): Promise<void> {
  // Editions are immutable (db/migrations/2026-11-23-04-review.ts); only their language tag changes, with the guard lifted for it.
  if (pg) {
    await sql`alter table "documentEdition" disable trigger "documentEdition_no_update"`.execute(db);
    await db.updateTable('documentEdition').set({ language: to }).where('language', '=', from).execute();
    await sql`alter table "documentEdition" enable trigger "documentEdition_no_update"`.execute(db);
  } else {
    await sql`drop trigger "documentEdition_no_update"`.execute(db);
    await db.updateTable('documentEdition').set({ language: to }).where('language', '=', from).execute();
    await sql`create trigger "documentEdition_no_update" before update on "documentEdition"
      begin select raise(abort, 'documentEdition is immutable'); end`.execute(db);
  }
}

async function setSearchTsv(db: Kysely<any>, expression: string): Promise<void> {
  await sql`drop index if exists "documentSearch_tsv_idx"`.execute(db);
  await db.schema.alterTable('documentSearch').dropColumn('tsv').execute();
  await db.schema
    .alterTable('documentSearch')
    .addColumn('tsv', sql.raw(`tsvector generated always as (to_tsvector('simple', ${expression})) stored`))
    .execute();
  await sql`create index "documentSearch_tsv_idx" on "documentSearch" using gin ("tsv")`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema.alterTable('user').addColumn('language', 'text').execute();

  await db.updateTable('document').set({ language: 'sr-Latn' }).where('language', '=', 'sr').execute();
  await setEditionLanguage(db, pg, 'sr', 'sr-Latn');

  if (pg) {
    await createFoldFunction(db);
    await setSearchTsv(db, `portal_fold(title || ' ' || body)`);
  }

  const rows = await db.selectFrom('documentSearch').select(['documentId', 'title', 'body']).execute();
  for (const row of rows as { documentId: string; title: string; body: string }[]) {
    await db.updateTable('documentSearch').set({ title: fold(row.title), body: fold(row.body) }).where('documentId', '=', row.documentId).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // The folded search text stays folded: it is refreshed from the documents as they are edited.
  if (pg) {
    await setSearchTsv(db, `title || ' ' || body`);
    await sql`drop function if exists portal_fold(text)`.execute(db);
  }
  await db.updateTable('document').set({ language: 'sr' }).where('language', 'in', ['sr-Latn', 'sr-Cyrl']).execute();
  await setEditionLanguage(db, pg, 'sr-Latn', 'sr');
  await setEditionLanguage(db, pg, 'sr-Cyrl', 'sr');
  await db.schema.alterTable('user').dropColumn('language').execute();
}
