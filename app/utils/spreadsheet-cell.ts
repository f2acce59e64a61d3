/**
 * The one guard against CSV/XLSX formula injection, used by every CSV and
 * XLSX file the portal writes (audit log, OSCE export, action items, import
 * templates). A spreadsheet runs a cell that starts with = + - @ (or their
 * full-width forms, which some locales convert), or with a tab, CR or LF
 * followed by one of them, as a formula. Such text gets a leading apostrophe:
 * Excel and LibreOffice then keep it as text, and the portal's import removes
 * it again (`unquoteSpreadsheetCell`). Numbers are left alone: -5 is a number,
 * not a formula.
 */

const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
const QUOTED_FORMULA = /^'[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** True for text a spreadsheet could run as a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** A value ready for a CSV or XLSX cell: formula-like text prefixed with an apostrophe; null becomes ''. */
export function spreadsheetCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return value;
  return looksLikeFormula(value) ? `'${value}` : value;
}

/** The text of a cell the portal wrote, without the apostrophe `spreadsheetCell` added. */
export function unquoteSpreadsheetCell(text: string): string {
  return QUOTED_FORMULA.test(text) ? text.slice(1) : text;
}
