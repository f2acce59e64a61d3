import { LANGUAGE_LOCALES, isLanguage } from '../i18n.ts';

/** One time zone for everyone, so server and browser render the same text. */
export const TIME_ZONE = 'Europe/Sarajevo';

function locale(language: string): string {
  return isLanguage(language) ? LANGUAGE_LOCALES[language] : LANGUAGE_LOCALES.en;
}

// Building an Intl.DateTimeFormat costs far more than formatting with one; a table of 50 rows formats 100 dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, style: 'date' | 'dateTime'): Intl.DateTimeFormat {
  const key = `${locale(language)}|${style}`;
  let cached = formatters.get(key);
  if (!cached) {
    const options: Intl.DateTimeFormatOptions =
      style === 'date' ? { dateStyle: 'long', timeZone: TIME_ZONE } : { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE };
    cached = new Intl.DateTimeFormat(locale(language), options);
    formatters.set(key, cached);
  }
  return cached;
}

export function formatDate(iso: string, language: string): string {
  return formatter(language, 'date').format(new Date(iso));
}

export function formatDateTime(iso: string, language: string): string {
  return formatter(language, 'dateTime').format(new Date(iso));
}
