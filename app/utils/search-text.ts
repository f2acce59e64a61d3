/**
 * Search text folding: what is indexed and what is asked are both folded, so
 * `bezbjednost`, `безбједност` and `BEZBJEDNOST` are one word, `kriticna`
 * finds `kritična`, and `Djurdjevic`, `Durdevic` and `Đurđević` find each other.
 *
 * Lower case; Serbian Cyrillic to Latin; accents off (č ć → c, š → s, ž → z,
 * and any other combining mark); đ → d; dj → d. PostgreSQL has the same rules
 * as `portal_fold(text)` (db/migrations/2026-12-06-01-languages.ts), SQLite
 * calls this function (db/client.server.ts), and a test checks that both give
 * the same text (tests/integration/search-folding.test.ts).
 */

// Cyrillic to Latin for search only: one direction, without the exceptions the
// interface transliteration (app/utils/transliterate.ts) needs for Latin to
// Cyrillic, and small enough to copy, frozen, into a migration.
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'đ', е: 'e', ж: 'ž', з: 'z', и: 'i', ј: 'j', к: 'k', л: 'l', љ: 'lj', м: 'm',
  н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'ć', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'č', џ: 'dž', ш: 'š',
};

function cyrillicToLatin(lowerCase: string): string {
  let latin = '';
  for (const ch of lowerCase) latin += CYRILLIC[ch] ?? ch;
  return latin;
}

export function foldForSearch(text: string): string {
  return cyrillicToLatin(text.toLowerCase())
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/dj/g, 'd');
}

/** The words of a query, folded and reduced to letters and digits so no query syntax gets through. */
export function searchWords(query: string, max = 8): string[] {
  return (foldForSearch(query).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, max);
}
