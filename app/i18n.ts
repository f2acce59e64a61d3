import en from './locales/en.ts';
import bs from './locales/bs.ts';

export const SUPPORTED_LANGUAGES = ['en', 'bs'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = 'en';

/** Names of the languages in their own language, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', bs: 'Bosanski' };

/**
 * BCP 47 tags used for dates and numbers. Bosnian uses the Serbian (Latin) data
 * for Bosnia and Herzegovina: the same month names ("novembar"), and, unlike
 * bs-BA, present in the ICU data of both Node and Chromium, so server and
 * browser render the same text (a difference breaks hydration).
 */
export const LANGUAGE_LOCALES: Record<Language, string> = { en: 'en-GB', bs: 'sr-Latn-BA' };

export const resources = {
  en: { translation: en },
  bs: { translation: bs },
};

export const i18nConfig = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
  resources,
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}
