import { RemixI18Next } from 'remix-i18next/server';
import { FALLBACK_LANGUAGE, i18nConfig, SUPPORTED_LANGUAGES } from '../i18n.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: FALLBACK_LANGUAGE,
    // Our own rules only: remix-i18next's matching reads `sr-Cyrl-BA` as Latin.
    order: ['custom'],
    findLocale: resolveLanguage,
  },
  i18next: i18nConfig,
});
