/**
 * Finding an institution by what someone typed in a spreadsheet: exact match
 * on the name, local name or acronym, ignoring case and diacritics, and the
 * closest names when nothing matches ("did you mean …").
 */

export interface NamedEntry {
  id: string;
  name: string;
  acronym: string | null;
  localName: string | null;
}

/** Lower case, no diacritics (đ counts as d), single spaces, no punctuation. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function trigrams(text: string): Set<string> {
  const padded = `  ${text} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

/** Dice coefficient of the two texts' trigrams: 1 for equal texts, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared++;
  return (2 * shared) / (x.size + y.size);
}

function spellings(entry: NamedEntry): string[] {
  return [entry.name, entry.localName, entry.acronym].filter((v): v is string => Boolean(v)).map(foldName);
}

/** An index over the entries for repeated look-ups during one import. */
export function nameIndex<T extends NamedEntry>(entries: readonly T[]) {
  const exact = new Map<string, T>();
  for (const entry of entries) {
    for (const spelling of spellings(entry)) if (!exact.has(spelling)) exact.set(spelling, entry);
  }
  const folded = entries.map((entry) => ({ entry, spellings: spellings(entry) }));
  return {
    find(text: string): T | undefined {
      return exact.get(foldName(text));
    },
    /** Up to `limit` names, best first, that resemble the text enough to be worth suggesting. */
    closest(text: string, limit = 3): string[] {
      const query = foldName(text);
      if (!query) return [];
      return folded
        .map(({ entry, spellings: names }) => ({
          name: entry.name,
          score: Math.max(...names.map((n) => (n.includes(query) || query.includes(n) ? Math.max(0.5, similarity(query, n)) : similarity(query, n)))),
        }))
        .filter((c) => c.score >= 0.3)
        .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
        .slice(0, limit)
        .map((c) => c.name);
    },
  };
}
