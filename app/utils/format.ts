import { LANGUAGE_LOCALES, isLanguage } from '../i18n.ts';

/** One time zone for everyone, so server and browser render the same text. */
export const TIME_ZONE = 'Europe/Sarajevo';

function locale(language: string): string {
  return isLanguage(language) ? LANGUAGE_LOCALES[language] : LANGUAGE_LOCALES.en;
}

export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'long', timeZone: TIME_ZONE }).format(new Date(iso));
}

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(new Date(iso));
}
