import { describe, expect, test } from 'vitest';
import { resources } from '../../app/i18n.ts';
import { LANGUAGE_LOCALES, SUPPORTED_LANGUAGES, type Language } from '../../app/utils/languages.ts';

/**
 * Every locale has every key of the reference (app/locales/en.ts), the same
 * placeholders in each message, and every plural form its language needs
 * (CLDR's categories, as Intl.PluralRules gives them). The TypeScript type of
 * each locale checks keys at compile time; this also checks what types cannot.
 */

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}|\$t\(([^)]*)\)/g)].map((m) => m[1] ?? `$t(${m[2]})`).sort();
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

const messages = new Map<Language, Map<string, string>>(
  SUPPORTED_LANGUAGES.filter((lng) => lng in resources).map((lng) => [lng, flatten((resources as Record<string, { translation: Tree }>)[lng].translation)]),
);
const reference = messages.get('en')!;

describe('locales', () => {
  test('every interface language has a message file', () => {
    expect(SUPPORTED_LANGUAGES.filter((lng) => !messages.has(lng))).toEqual([]);
  });

  describe.each(SUPPORTED_LANGUAGES.filter((lng) => lng !== 'en'))('%s', (lng) => {
    const own = messages.get(lng) ?? new Map<string, string>();

    test('has every key of en.ts and no other', () => {
      expect([...reference.keys()].filter((key) => !own.has(key)), 'missing').toEqual([]);
      expect([...own.keys()].filter((key) => !reference.has(key)), 'unknown').toEqual([]);
    });

    test('keeps every placeholder of each message', () => {
      const differing = [...reference]
        .filter(([key]) => own.has(key))
        .filter(([key, english]) => placeholders(english).join() !== placeholders(own.get(key)!).join())
        .map(([key, english]) => `${key}: ${placeholders(english).join()} ≠ ${placeholders(own.get(key)!).join()}`);
      expect(differing).toEqual([]);
    });

    test('has every plural form the language needs', () => {
      const categories = new Intl.PluralRules(LANGUAGE_LOCALES[lng]).resolvedOptions().pluralCategories;
      const bases = new Set([...own.keys()].filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')));
      const missing = [...bases].flatMap((base) => categories.filter((c) => !own.has(`${base}_${c}`)).map((c) => `${base}_${c}`));
      expect(missing).toEqual([]);
      expect(bases.size, 'plural keys were found at all').toBeGreaterThan(10);
    });

    test('no message is empty', () => {
      expect([...own].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
    });
  });

  test('English has the plural forms English needs', () => {
    const bases = new Set([...reference.keys()].filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')));
    const missing = [...bases].flatMap((base) => ['one', 'other'].filter((c) => !reference.has(`${base}_${c}`)).map((c) => `${base}_${c}`));
    expect(missing).toEqual([]);
  });
});
