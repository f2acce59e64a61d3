import { FALLBACK_LANGUAGE, LANGUAGE_LOCALES, isLanguage } from './languages.ts';

/**
 * The one place dates, numbers and amounts are formatted for a reader. Every
 * language's Intl tag is in LANGUAGE_LOCALES: in bs, hr and sr dates read
 * `d. MMMM yyyy.` ("15. siječnja 2026.", "15. јануар 2026."), decimals take a
 * comma and thousands a dot, and the convertible mark shows as KM (КМ).
 */

/** One time zone for everyone, so server and browser render the same text. */
export const TIME_ZONE = 'Europe/Sarajevo';

/** The currency of Bosnia and Herzegovina, the default for amounts. */
export const DEFAULT_CURRENCY = 'BAM';

export function intlLocale(language: string): string {
  return LANGUAGE_LOCALES[isLanguage(language) ? language : FALLBACK_LANGUAGE];
}

// Building an Intl formatter costs far more than formatting with one; a table of 50 rows formats 100 dates.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, build: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}

const DATE_STYLES = {
  date: { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE },
  dateTime: { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE },
  // Calendar months (the timeline's axis) are dates without a time: read in UTC, never shifted.
  month: { month: 'long', year: 'numeric', timeZone: 'UTC' },
  shortMonth: { month: 'short', year: 'numeric', timeZone: 'UTC' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

function dateFormatter(language: string, style: keyof typeof DATE_STYLES): Intl.DateTimeFormat {
  const locale = intlLocale(language);
  return cached(`${locale}|${style}`, () => new Intl.DateTimeFormat(locale, DATE_STYLES[style]));
}

/** "15. siječnja 2026." (hr), "15. januar 2026." (bs, sr-Latn), "15 January 2026" (en). */
export function formatDate(iso: string, language: string): string {
  return dateFormatter(language, 'date').format(new Date(iso));
}

export function formatDateTime(iso: string, language: string): string {
  return dateFormatter(language, 'dateTime').format(new Date(iso));
}

/** A calendar month from a YYYY-MM-DD date: "siječanj 2026." (hr), "јануар 2026." (sr-Cyrl). */
export function formatMonth(date: string, language: string, width: 'long' | 'short' = 'long'): string {
  return dateFormatter(language, width === 'long' ? 'month' : 'shortMonth').format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}

function numberFormatter(language: string, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = intlLocale(language);
  return cached(`${locale}|${key}`, () => new Intl.NumberFormat(locale, options));
}

/** "1.234,5" in bs, hr and sr; an em dash when there is no value. */
export function formatNumber(value: number | null, language: string): string {
  return value === null ? '—' : numberFormatter(language, 'number', { maximumFractionDigits: 2 }).format(value);
}

/**
 * An amount with its currency, BAM when none is given: "1.234,50 KM",
 * "1.234,50 КМ", "BAM 1,234.50". An unknown currency code is written after the number.
 */
export function formatAmount(amount: number, currency: string | null, language: string): string {
  const code = (currency ?? DEFAULT_CURRENCY).toUpperCase();
  try {
    return numberFormatter(language, `currency:${code}`, { style: 'currency', currency: code }).format(amount);
  } catch {
    return `${formatNumber(amount, language)} ${code}`;
  }
}

export function formatBytes(bytes: number | null, language: string): string {
  if (bytes === null) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${numberFormatter(language, unit === 0 ? 'bytes0' : 'bytes1', { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
