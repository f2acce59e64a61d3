/**
 * The one definition of an action item as a spreadsheet row: the CSV and XLSX
 * exports, the import template and the import parser all use this list, so a
 * file exported from the portal can always be imported again.
 *
 * Headers are stable English machine names; they are never translated, so a
 * file travels between people who use the portal in different languages.
 */

export type ColumnKind = 'text' | 'list' | 'number' | 'integer' | 'date';

export interface ActionColumn {
  header: string;
  kind: ColumnKind;
  /** Must be present and non-empty in every imported row. */
  required: boolean;
  /** Width in characters in the XLSX export. */
  width: number;
  /** Written by the export only; the import ignores it (the plan is chosen on the import form). */
  exportOnly?: boolean;
  /** What the template's example row shows. */
  example: string;
}

/** Separator of several values in one cell (CBMs, supporters, tags). */
export const LIST_SEPARATOR = ';';

export const ACTION_COLUMNS = [
  { header: 'code', kind: 'text', required: true, width: 10, example: '2.3' },
  { header: 'title', kind: 'text', required: true, width: 48, example: 'Establish a PPP information-sharing platform' },
  { header: 'description', kind: 'text', required: false, width: 60, example: 'A trusted platform where operators and CERTs share indicators of compromise.' },
  { header: 'plan', kind: 'text', required: false, width: 30, exportOnly: true, example: '' },
  { header: 'section_ref', kind: 'text', required: false, width: 16, example: '2. Partnership' },
  { header: 'pillar', kind: 'text', required: false, width: 8, example: 'I' },
  { header: 'cbms', kind: 'list', required: true, width: 10, example: '14;3' },
  { header: 'primary_cbm', kind: 'integer', required: false, width: 12, example: '14' },
  { header: 'owner', kind: 'text', required: true, width: 40, example: 'Ministry of Security of Bosnia and Herzegovina' },
  { header: 'supporters', kind: 'list', required: false, width: 40, example: 'BH Telecom;CSEC' },
  { header: 'status', kind: 'text', required: true, width: 14, example: 'in_progress' },
  { header: 'priority', kind: 'text', required: true, width: 10, example: 'high' },
  { header: 'start_date', kind: 'date', required: false, width: 12, example: '2026-01-15' },
  { header: 'due_date', kind: 'date', required: false, width: 12, example: '2026-12-31' },
  { header: 'progress', kind: 'integer', required: false, width: 10, example: '25' },
  { header: 'budget_amount', kind: 'number', required: false, width: 14, example: '50000' },
  { header: 'budget_currency', kind: 'text', required: false, width: 10, example: 'BAM' },
  { header: 'funding_source', kind: 'text', required: false, width: 16, example: 'eu_ipa' },
  { header: 'tlp', kind: 'text', required: true, width: 14, example: 'GREEN' },
  { header: 'tags', kind: 'list', required: false, width: 30, example: 'ppp;information-sharing' },
] as const satisfies readonly ActionColumn[];

export type ColumnHeader = (typeof ACTION_COLUMNS)[number]['header'];

export const COLUMN_HEADERS: ColumnHeader[] = ACTION_COLUMNS.map((c) => c.header);

export const IMPORT_COLUMNS = ACTION_COLUMNS.filter((c) => !('exportOnly' in c && c.exportOnly));

/** One item as spreadsheet cells, before any formatting for CSV or XLSX. */
export type ActionRow = Record<ColumnHeader, string | number | null>;

/** Joins several values into one cell. */
export function joinList(values: readonly (string | number)[]): string {
  return values.join(LIST_SEPARATOR);
}

/**
 * Splits one cell into its values. Only `;` separates: institution names may
 * contain commas. CBM numbers also accept commas and spaces (`numbers`).
 */
export function splitList(cell: string, numbers = false): string[] {
  return cell
    .split(numbers ? /[;,\s]+/ : /;/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A header as written by a person: case, spaces and hyphens do not matter. */
export function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[\s-]+/g, '_');
}
