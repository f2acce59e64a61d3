import en from './locales/en.ts';
import bs from './locales/bs.ts';
import hr from './locales/hr.ts';
import srLatn from './locales/sr-Latn.ts';
import srCyrl from './locales/sr-Cyrl.ts';
import { FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES } from './utils/languages.ts';

export { FALLBACK_LANGUAGE, isLanguage, LANGUAGE_LOCALES, LANGUAGE_NAMES, SUPPORTED_LANGUAGES, type Language } from './utils/languages.ts';

export const resources = {
  en: { translation: en },
  bs: { translation: bs },
  hr: { translation: hr },
  'sr-Latn': { translation: srLatn },
  'sr-Cyrl': { translation: srCyrl },
};

export const i18nConfig = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
  resources,
};
