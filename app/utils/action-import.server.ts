import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { normaliseHeader } from './action-columns.ts';

/** Largest file the import accepts. */
export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;
/** More rows than this is not a plan but a mistake; it is refused before validation. */
export const MAX_IMPORT_ROWS = 5_000;

/** One data row as text, by normalised header, with its row number as a spreadsheet shows it. */
export interface RawRow {
  row: number;
  cells: Record<string, string>;
}

export interface ParsedFile {
  headers: string[];
  rows: RawRow[];
}

export type ParseResult = { ok: true; file: ParsedFile } | { ok: false; error: ParseError };

export type ParseError = 'trackerData.import.fileType' | 'trackerData.import.fileUnreadable' | 'trackerData.import.fileEmpty' | 'trackerData.import.tooManyRows';

/** Reads an uploaded CSV or XLSX file into rows of text. Never throws for a bad file. */
export async function parseImportFile(name: string, bytes: Uint8Array): Promise<ParseResult> {
  const lower = name.toLowerCase();
  let table: { row: number; values: string[] }[];
  try {
    if (lower.endsWith('.csv') || lower.endsWith('.txt')) table = csvTable(bytes);
    else if (lower.endsWith('.xlsx')) table = await xlsxTable(bytes);
    else return { ok: false, error: 'trackerData.import.fileType' };
  } catch {
    return { ok: false, error: 'trackerData.import.fileUnreadable' };
  }
  const [header, ...data] = table.filter((line) => line.values.some((v) => v !== ''));
  if (!header || data.length === 0) return { ok: false, error: 'trackerData.import.fileEmpty' };
  if (data.length > MAX_IMPORT_ROWS) return { ok: false, error: 'trackerData.import.tooManyRows' };
  const headers = header.values.map(normaliseHeader);
  const rows = data.map((line) => {
    const cells: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (h) cells[h] = unquoteFormula(line.values[i] ?? '');
    });
    return { row: line.row, cells };
  });
  return { ok: true, file: { headers, rows } };
}

/**
 * CSV as Excel writes it: UTF-8 with or without a BOM, comma-separated, or
 * semicolon-separated where the regional settings use a decimal comma (as in
 * Bosnia and Herzegovina). The header line decides which.
 */
function csvTable(bytes: Uint8Array): { row: number; values: string[] }[] {
  const text = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  // A spreadsheet's row number is the record's position, even when a cell spans lines.
  return records.map((values, index) => ({ row: index + 1, values }));
}

async function xlsxTable(bytes: Uint8Array): Promise<{ row: number; values: string[] }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: { row: number; values: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column++) values.push(cellText(row.getCell(column).value));
    table.push({ row: rowNumber, values });
  });
  return table;
}

/** The apostrophe the export puts before text that looks like a formula is not part of the text. */
function unquoteFormula(text: string): string {
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

/** Any cell value exceljs can return, as the text a person sees (dates as YYYY-MM-DD). */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join('').trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
  }
  return '';
}
