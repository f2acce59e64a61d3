import { createCookie } from '@remix-run/node';
import { RemixI18Next } from 'remix-i18next/server';
import { FALLBACK_LANGUAGE, i18nConfig, SUPPORTED_LANGUAGES } from '../i18n.ts';

/** Remembers the language a visitor picked, for a year. Not secret, so unsigned. */
export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: FALLBACK_LANGUAGE,
    cookie: languageCookie,
  },
  i18next: i18nConfig,
});
