import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/client.server.ts';
import { iterateActionItems, listDocuments, listPublicProgress } from './scoped-reads.server.ts';
import { institutionNamesIn } from '../models/institution.server.ts';
import type { Actor } from '../policies/permissions.ts';
import { ACTION_COLUMNS, COLUMN_HEADERS, joinList, type ActionRow, type ColumnHeader } from '../utils/action-columns.ts';
import type { ActionFilters } from '../schemas/action-filters.ts';
import { spreadsheetCell } from '../utils/spreadsheet-cell.ts';
import { MACHINE_FORMAT, type SpreadsheetFormat } from '../schemas/export-format.ts';
import { CHOICE_COLUMNS, choiceLabel, columnLabels, type ChoiceColumn } from './action-column-labels.server.ts';

/**
 * CSV and XLSX files of action items, written while the rows are read a page
 * at a time (see `iterateActionItems`), so 10,000 items never sit in memory
 * at once. The columns are ACTION_COLUMNS, so the import reads them back.
 *
 * Rows are built with machine values; a `SpreadsheetFormat` then writes the
 * headers and the choice values (status, priority, funding source) in the
 * reader's language, or leaves them as machine names (`MACHINE_FORMAT`).
 * The import reads either (app/services/action-column-labels.server.ts).
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExportableItem {
  code: string;
  title: string;
  description: string;
  sectionRef: string | null;
  pillarCode: string | null;
  cbms: number[];
  primaryCbm: number;
  ownerName: string;
  supporters: { name: string }[];
  status: string;
  priority: string;
  startDate: string | null;
  dueDate: string | null;
  progress: number;
  budgetAmount: number | null;
  budgetCurrency: string | null;
  fundingSource: string | null;
  tlp: string;
  tags: string[];
}

function exportRow(item: ExportableItem, planTitle: string): ActionRow {
  return {
    code: item.code,
    title: item.title,
    description: item.description,
    plan: planTitle,
    section_ref: item.sectionRef,
    pillar: item.pillarCode,
    cbms: joinList(item.cbms),
    primary_cbm: item.primaryCbm,
    owner: item.ownerName,
    supporters: joinList(item.supporters.map((s) => s.name)),
    status: item.status,
    priority: item.priority,
    start_date: item.startDate,
    due_date: item.dueDate,
    progress: item.progress,
    budget_amount: item.budgetAmount,
    budget_currency: item.budgetCurrency,
    funding_source: item.fundingSource,
    tlp: item.tlp,
    tags: joinList(item.tags),
  };
}

/** The import template's one example row. */
export function exampleRow(): ActionRow {
  return Object.fromEntries(ACTION_COLUMNS.map((c) => [c.header, c.example])) as ActionRow;
}

/** The header row in the format's language, or the machine names. */
function headerRow(format: SpreadsheetFormat, headers: readonly ColumnHeader[] = COLUMN_HEADERS): string[] {
  if (!format.language) return [...headers];
  const labels = columnLabels(format.language);
  return headers.map((h) => labels[h]);
}

/** A row's values as the format writes them: choice values in the reader's language, amounts with a decimal comma beside a `;`. */
function formatRow<R extends Partial<ActionRow>>(row: R, format: SpreadsheetFormat): R {
  if (!format.language && format.delimiter === ',') return row;
  const out: Partial<ActionRow> = { ...row };
  if (format.language) {
    for (const column of Object.keys(CHOICE_COLUMNS) as ChoiceColumn[]) {
      const value = row[column];
      if (typeof value === 'string' && value !== '') out[column] = choiceLabel(format.language, column, value);
    }
  }
  // Where Excel splits on `;`, it reads "125000.75" as text: its decimal separator is the comma.
  if (format.delimiter === ';' && typeof row.budget_amount === 'number') out.budget_amount = String(row.budget_amount).replace('.', ',');
  return out as R;
}

function csvLines(rows: Partial<ActionRow>[], format: SpreadsheetFormat, headers: readonly ColumnHeader[]): string {
  return stringify(
    rows.map((row) => {
      const formatted = formatRow(row, format);
      return headers.map((h) => spreadsheetCell(formatted[h]));
    }),
    { record_delimiter: '\r\n', delimiter: format.delimiter },
  );
}

/**
 * UTF-8 CSV with a BOM, so Excel shows the diacritics (č, ć, đ, š, ž)
 * correctly. No `sep=;` line: Excel ignores the BOM of a file that starts with
 * one, and other programs read it as a row. `headers` chooses the columns
 * (the public CSV writes fewer), in ACTION_COLUMNS order.
 */
export function csvStream(
  rows: AsyncIterable<Partial<ActionRow>>,
  format: SpreadsheetFormat = MACHINE_FORMAT,
  headers: readonly ColumnHeader[] = COLUMN_HEADERS,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  async function* chunks() {
    yield encoder.encode(`\uFEFF${stringify([headerRow(format, headers)], { record_delimiter: '\r\n', delimiter: format.delimiter })}`);
    let batch: Partial<ActionRow>[] = [];
    for await (const row of rows) {
      batch.push(row);
      if (batch.length >= 200) {
        yield encoder.encode(csvLines(batch, format, headers));
        batch = [];
      }
    }
    if (batch.length > 0) yield encoder.encode(csvLines(batch, format, headers));
  }
  return Readable.toWeb(Readable.from(chunks())) as ReadableStream<Uint8Array>;
}

function asDate(value: string | number | null): Date | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
}

function cellValue(header: string, value: string | number | null): ExcelJS.CellValue {
  const column = ACTION_COLUMNS.find((c) => c.header === header);
  if (value === null || value === '') return null;
  if (column?.kind === 'date') return asDate(value) ?? value;
  if ((column?.kind === 'number' || column?.kind === 'integer') && value !== '' && !Number.isNaN(Number(value))) return Number(value);
  // A string cell is not a formula in the file, but becomes one when someone edits it in Excel.
  return spreadsheetCell(value);
}

/**
 * An XLSX workbook streamed as it is written: bold, frozen header row, column
 * widths, and real dates in the date columns.
 */
export function xlsxStream(
  rows: AsyncIterable<ActionRow>,
  sheetName: string,
  onError: (error: unknown) => void,
  format: SpreadsheetFormat = MACHINE_FORMAT,
): ReadableStream<Uint8Array> {
  // Real numbers in the workbook: Excel shows them with the reader's own decimal separator.
  const values: SpreadsheetFormat = { language: format.language, delimiter: ',' };
  const headers = headerRow(format);
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ACTION_COLUMNS.map((c, index) => ({
    header: headers[index],
    key: c.header,
    width: c.width,
    style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  (async () => {
    for await (const row of rows) {
      const formatted = formatRow(row, values);
      sheet.addRow(Object.fromEntries(COLUMN_HEADERS.map((h) => [h, cellValue(h, formatted[h])]))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => {
    onError(error);
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}

/** A small workbook in memory (the template, tests). */
export async function xlsxBuffer(rows: ActionRow[], sheetName: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const reader = xlsxStream(
    (async function* () {
      yield* rows;
    })(),
    sheetName,
    () => {},
  ).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** A file name safe in a Content-Disposition header. */
export function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\w.-]+/g, '-')}"`;
}

/**
 * Every item the actor may read under these filters, as export rows, a page
 * at a time. With a `language`, institutions are named in it (falling back
 * to English); the machine-readable file keeps the English names.
 */
export async function* exportRows(db: Db, actor: Actor, filters: ActionFilters, language: string | null = null): AsyncGenerator<ActionRow> {
  // Plan titles only for plans the actor may read: an item can be readable in a plan that is not.
  const plans = new Map((await listDocuments(db, actor, { type: 'action_plan', limit: 1000 })).map((d) => [d.id, d.title]));
  const names = language ? await institutionNamesIn(db, language) : new Map<string, string>();
  for await (const item of iterateActionItems(db, actor, filters)) {
    const localised = names.size === 0
      ? item
      : {
          ...item,
          ownerName: names.get(item.ownerInstitutionId) ?? item.ownerName,
          supporters: item.supporters.map((s) => ({ name: names.get(s.id) ?? s.name })),
        };
    yield exportRow(localised, plans.get(item.planId) ?? '');
  }
}

/** The columns of the public CSV (/progress.csv): what the public page shows, nothing more. */
export const PUBLIC_COLUMNS = ['code', 'title', 'pillar', 'cbms', 'primary_cbm', 'owner', 'status', 'due_date', 'progress'] as const satisfies readonly ColumnHeader[];

/**
 * The public items under the /progress filters, a page at a time, as CSV
 * rows of PUBLIC_COLUMNS. Owners are named in `language` (English for the
 * machine-readable file), as on the page.
 */
export async function* publicExportRows(db: Db, filters: ActionFilters, language: string | null = null): AsyncGenerator<Pick<ActionRow, (typeof PUBLIC_COLUMNS)[number]>> {
  const batchSize = 500;
  for (let offset = 0; ; offset += batchSize) {
    const { rows } = await listPublicProgress(db, filters, { limit: batchSize, offset, language: language ?? undefined });
    for (const item of rows) {
      yield {
        code: item.code,
        title: item.title,
        pillar: item.pillarCode,
        cbms: joinList(item.cbms),
        primary_cbm: item.primaryCbm,
        owner: item.ownerName,
        status: item.status,
        due_date: item.dueDate,
        progress: item.progress,
      };
    }
    if (rows.length < batchSize) return;
  }
}
