/**
 * Serbian Latin ↔ Cyrillic transliteration, for generating the `sr-Cyrl`
 * interface from `sr-Latn` (app/locales/sr-Cyrl.ts). A leaf helper.
 *
 * The two scripts map letter for letter, except three Latin digraphs that are
 * one Cyrillic letter each: lj → љ, nj → њ, dž → џ. Rules, in order:
 *
 * 1. Left as they are, whole: i18next placeholders `{{…}}` and `$t(…)`,
 *    HTML-like tags `<…>`, URLs, e-mail addresses, domain names, file
 *    extensions (`.csv`), key combinations (`Ctrl+Alt+M`) and code
 *    identifiers with an underscore (`in_progress`).
 * 2. A word stays Latin when it is foreign:
 *    - it has a letter Serbian Latin does not use (q, w, x, y, é…): Word, Excel,
 *      Markdown, XLSX;
 *    - it is in FOREIGN_WORDS (names without such a letter: JavaScript, Hocuspocus…);
 *    - it is an acronym: two or more capitals (OSCE, CSIRT, TLP, CBM, CSV, PDF,
 *      URL, ID, IT, ICT, UTF), or capitals inside the word (GitHub, PostgreSQL).
 *      A word in capitals with č ć đ š ž, LJ or NJ is Serbian (LJUBAV, DŽEP);
 *      other Serbian words in capitals (SAVJET) would stay Latin, so messages
 *      write words in normal case and leave capitals to CSS.
 *    Acronyms that are Serbian words, or that Serbian writes in Cyrillic, are in
 *    CYRILLIC_ACRONYMS and are transliterated: BiH → БиХ, EU → ЕУ, IKT → ИКТ,
 *    MB → МБ, GGGG-MM-DD → ГГГГ-ММ-ДД.
 * 3. Everything else is Serbian. Where d+ž, n+j or l+j meet across a prefix
 *    (nad|živjeti, pod|župan, od|žaliti, in|jekcija, kon|junkcija), they are two
 *    letters, not a digraph (NOT_DIGRAPHS, matched at the start of a word).
 *
 * Cyrillic → Latin has no ambiguity: љ њ џ become lj nj dž, and LJ NJ DŽ in a
 * word written in capitals. So Latin → Cyrillic → Latin gives back the original
 * text, except for the single-letter digraph code points (ǉ ǌ ǆ), which come
 * back as two letters, and a capital digraph written "LJ" inside a word that is
 * not all capitals.
 */

const LATIN: Record<string, string> = {
  a: 'а', b: 'б', c: 'ц', č: 'ч', ć: 'ћ', d: 'д', đ: 'ђ', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и', j: 'ј', k: 'к',
  l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', š: 'ш', t: 'т', u: 'у', v: 'в', z: 'з', ž: 'ж',
};
const DIGRAPHS: Record<string, string> = { lj: 'љ', nj: 'њ', dž: 'џ' };
const LIGATURES: Record<string, string> = { ǉ: 'lj', ǈ: 'Lj', Ǉ: 'LJ', ǌ: 'nj', ǋ: 'Nj', Ǌ: 'NJ', ǆ: 'dž', ǅ: 'Dž', Ǆ: 'DŽ' };

const CYRILLIC: Record<string, string> = {};
for (const [lat, cyr] of Object.entries({ ...LATIN, ...DIGRAPHS })) CYRILLIC[cyr] = lat;

/** Foreign names that would otherwise pass for Serbian words. Exact, case-sensitive. */
export const FOREIGN_WORDS: ReadonlySet<string> = new Set([
  'Hocuspocus', 'Lexical', 'Word', 'Excel', 'Markdown', 'GitHub', 'JavaScript', 'Atom', 'Remix', 'Chrome',
  'Chromium', 'Firefox', 'Safari', 'Edge', 'LibreOffice', 'Mac', 'Cmd', 'Ctrl', 'Alt', 'Shift', 'Enter',
  'Escape', 'Esc', 'Tab', 'Linux', 'Windows', 'Node',
]);

/** Acronyms written in capitals that Serbian Cyrillic text also writes in Cyrillic. */
export const CYRILLIC_ACRONYMS: ReadonlySet<string> = new Set([
  'BiH', 'FBiH', 'RS', 'BD', 'EU', 'IPA', 'IKT', 'KM', 'PDV', 'MUP', 'OEBS', 'UN', 'NVO',
  'KB', 'MB', 'GB', 'GGGG', 'MM', 'DD',
]);

/**
 * Where a prefix meets a stem, d+ž, n+j and l+j are two letters. `|` marks the
 * boundary; an entry matches the start of a word in any case (Nadživjeti,
 * nadživio, injekcije…).
 */
export const NOT_DIGRAPHS: readonly string[] = [
  'nad|živ', 'nad|žnj', 'nad|žanj', 'nad|žup', 'pod|žup', 'pod|žanr', 'pod|žnj', 'pod|živ', 'od|žal',
  'od|živ', 'pred|žet', 'in|jek', 'kon|junk', 'kon|jug', 'van|jezi', 'izvan|jezi',
];

const PROTECTED = new RegExp(
  [
    String.raw`\{\{[^}]*\}\}`, // i18next placeholder
    String.raw`\$t\([^)]*\)`, // i18next nesting
    String.raw`<\/?[A-Za-z0-9][^<>]*>`, // HTML-like tag
    String.raw`\b(?:https?|ftp):\/\/[^\s<>"'„“”]*`, // URL
    String.raw`\bwww\.[^\s<>"'„“”]+`,
    String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`, // e-mail address
    String.raw`\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|net|int|eu|ba|rs|hr|io|gov|edu)\b`, // domain
    String.raw`(?<![\p{L}\p{N}.])\.[A-Za-z][A-Za-z0-9]{1,4}\b`, // file extension
    String.raw`\b(?:Ctrl|Alt|Shift|Cmd|Meta|Option)(?:\+[\p{L}\p{N}]+)+`, // key combination
    String.raw`\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b`, // code identifier
  ].join('|'),
  'gu',
);

const SERBIAN_LATIN_WORD = /^[a-pr-vzčćđšž]+$/iu;
const SERBIAN_ONLY = /[čćđšž]|lj|nj/iu;

function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isForeign(word: string): boolean {
  if (CYRILLIC_ACRONYMS.has(word)) return false;
  if (FOREIGN_WORDS.has(word) || !SERBIAN_LATIN_WORD.test(word)) return true;
  const chars = [...word];
  // Acronym, unless a letter or digraph only Serbian uses shows it is a Serbian word in capitals.
  if (chars.length >= 2 && chars.every((ch) => isUpper(ch))) return !SERBIAN_ONLY.test(word);
  return chars.slice(1).some((ch, i) => isUpper(ch) && !isUpper(chars[i])); // GitHub, PostgreSQL
}

/** The index of the first letter after a prefix that must not join into a digraph, or -1. */
const PREFIX_BOUNDARIES = NOT_DIGRAPHS.map((entry) => ({ stem: entry.replace('|', ''), boundary: entry.indexOf('|') }));

function prefixBoundary(word: string): number {
  const lower = word.toLowerCase();
  return PREFIX_BOUNDARIES.find(({ stem }) => lower.startsWith(stem))?.boundary ?? -1;
}

function wordToCyrillic(word: string): string {
  if (isForeign(word)) return word;
  const chars = [...word];
  const boundary = prefixBoundary(word);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const pair = (ch + (chars[i + 1] ?? '')).toLowerCase();
    if (DIGRAPHS[pair] && i + 1 !== boundary) {
      const cyr = DIGRAPHS[pair];
      out += isUpper(ch) ? cyr.toUpperCase() : cyr;
      i++;
      continue;
    }
    const cyr = LATIN[ch.toLowerCase()];
    out += cyr === undefined ? ch : isUpper(ch) ? cyr.toUpperCase() : cyr;
  }
  return out;
}

function mapUnprotected(text: string, map: (plain: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(PROTECTED)) {
    out += map(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + map(text.slice(last));
}

/** Serbian Latin to Cyrillic, leaving placeholders, URLs, acronyms and foreign names as they are. */
export function latinToCyrillic(text: string): string {
  return mapUnprotected(text, (plain) =>
    plain
      .replace(/[ǄǅǆǇǈǉǊǋǌ]/gu, (ch) => LIGATURES[ch])
      .replace(/\p{L}+/gu, wordToCyrillic),
  );
}

/** Serbian Cyrillic to Latin; Latin text in between is left as it is. */
export function cyrillicToLatin(text: string): string {
  return mapUnprotected(text, (plain) => {
    const chars = [...plain];
    return chars
      .map((ch, i) => {
        const lat = CYRILLIC[ch.toLowerCase()];
        if (lat === undefined) return ch;
        if (!isUpper(ch)) return lat;
        if (lat.length === 1) return lat.toUpperCase();
        // Љ Њ Џ: LJ in a word in capitals, Lj otherwise.
        const next = chars[i + 1];
        const capitals = /\p{L}/u.test(next ?? '') ? isUpper(next) : isUpper(chars[i - 1]);
        return capitals ? lat.toUpperCase() : lat[0].toUpperCase() + lat.slice(1);
      })
      .join('');
  });
}

type Transliterated<T> = T extends string ? string : { [K in keyof T]: Transliterated<T[K]> };

function transliterateValue(value: unknown): unknown {
  if (typeof value === 'string') return latinToCyrillic(value);
  if (Array.isArray(value)) return value.map(transliterateValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, transliterateValue(v)]));
  }
  return value;
}

/** Transliterates every string of a nested messages object to Cyrillic; keys stay as they are. */
export function transliterateMessages<T>(messages: T): Transliterated<T> {
  return transliterateValue(messages) as Transliterated<T>;
}
