/**
 * Calendar dates (YYYY-MM-DD) typed by people or counted between. Today's date
 * in Sarajevo and date shifts are in action-filters.ts.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$/;

/** Whole days from `from` to `to` (both YYYY-MM-DD or ISO timestamps; only the date counts). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

function validDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * A date typed in a spreadsheet: YYYY-MM-DD, or DD.MM.YYYY as written in the
 * region. Returns YYYY-MM-DD, or null when it is not a real date (31.02.2026).
 */
export function parseCalendarDate(text: string): string | null {
  const value = text.trim();
  const iso = ISO_DATE.exec(value);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const local = LOCAL_DATE.exec(value);
  if (local) return validDate(Number(local[3]), Number(local[2]), Number(local[1]));
  return null;
}
