/**
 * The interface languages: BiH's three official languages, Serbian in both
 * of its scripts, and English for the international partners. A leaf module,
 * so formatting, negotiation and the schema can share the list without
 * importing the message files (app/i18n.ts). Adding a language starts here
 * (docs/languages.md).
 */
export const SUPPORTED_LANGUAGES = ['bs', 'hr', 'sr-Latn', 'sr-Cyrl', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

/** Missing keys fall back to English, the reference language (app/locales/en.ts). */
export const FALLBACK_LANGUAGE: Language = 'en';

/** Names of the languages in their own language and script, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  bs: 'Bosanski',
  hr: 'Hrvatski',
  'sr-Latn': 'Srpski',
  'sr-Cyrl': 'Српски',
  en: 'English',
};

/**
 * BCP 47 tags for Intl (dates, numbers, currency). Server and browser must
 * render the same text, or hydration breaks, so each tag is one whose ICU data
 * Node 20 and Chromium both carry and agree on (checked: docs/languages.md).
 * Bosnian uses the Serbian (Latin) data for BiH: the same month names
 * ("januar"), and, unlike bs-BA, present in Chromium. hr-BA has the Croatian
 * month names (siječanj) and calls the currency KM, as in BiH.
 */
export const LANGUAGE_LOCALES: Record<Language, string> = {
  bs: 'sr-Latn-BA',
  hr: 'hr-BA',
  'sr-Latn': 'sr-Latn-BA',
  'sr-Cyrl': 'sr-Cyrl-BA',
  en: 'en-GB',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}
