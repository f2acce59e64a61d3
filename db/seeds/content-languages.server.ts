import type { Db } from '../client.server.ts';
import { insertMissingCbmTranslations } from '../../app/models/cbm.server.ts';
import { latinToCyrillic } from '../../app/utils/transliterate.ts';
import cbmTranslations from './data/cbm-translations.json' with { type: 'json' };
import institutionNames from './data/institution-names.json' with { type: 'json' };

/**
 * Content in the reader's language (docs/languages.md, "Content"): the
 * translations live in db/seeds/data as JSON a translator can edit, and are
 * loaded into the database, where an admin's later corrections are kept.
 * Serbian Cyrillic is never written by hand: it is transliterated from the
 * Serbian Latin text, as the interface messages are.
 */

type CbmText = { number: number; title: string; text: string };

export function cbmTranslationRows(): { cbmNumber: number; language: string; title: string; text: string }[] {
  const byLanguage = cbmTranslations as unknown as Record<'bs' | 'hr' | 'sr-Latn', CbmText[]>;
  const rows = (['bs', 'hr', 'sr-Latn'] as const).flatMap((language) =>
    byLanguage[language].map((cbm) => ({ cbmNumber: cbm.number, language, title: cbm.title, text: cbm.text })),
  );
  const cyrillic = byLanguage['sr-Latn'].map((cbm) => ({
    cbmNumber: cbm.number,
    language: 'sr-Cyrl',
    title: latinToCyrillic(cbm.title),
    text: latinToCyrillic(cbm.text),
  }));
  return [...rows, ...cyrillic];
}

/** Runs on every start: an installation that predates the translations gets them, and none is overwritten. */
export async function seedCbmTranslations(db: Db): Promise<number> {
  return insertMissingCbmTranslations(db, cbmTranslationRows());
}

/** The demo institution's names by language, with Serbian Cyrillic added from the Latin; undefined for one not listed. */
export function demoInstitutionNames(englishName: string): Record<string, string> | undefined {
  const names = (institutionNames as unknown as Record<string, Record<string, string>>)[englishName];
  if (!names) return undefined;
  return { ...names, 'sr-Cyrl': names['sr-Cyrl'] ?? latinToCyrillic(names['sr-Latn']) };
}
