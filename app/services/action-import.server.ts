import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { normaliseHeader } from '../utils/action-columns.ts';
import { unquoteSpreadsheetCell } from '../utils/spreadsheet-cell.ts';
import { headerFor } from './action-column-labels.server.ts';

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

/** Columns past this one are ignored: a plan has about twenty, and a wide sheet must not cost memory. */
const MAX_IMPORT_COLUMNS = 100;
/** Rows read between two pauses that let the server answer other requests (see `yieldToEventLoop`). */
export const IMPORT_YIELD_EVERY_ROWS = 200;

type Line = { row: number; values: string[] };

class TooManyRows extends Error {}

/** Lets timers, sockets and other requests run: an import never holds the event loop for long. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Collects the non-empty lines of a file as they are read, pausing every few
 * hundred, and stops as soon as there are more than MAX_IMPORT_ROWS data rows
 * (plus the header), without reading the rest.
 */
class LineCollector {
  readonly lines: Line[] = [];
  private read = 0;

  async add(row: number, values: string[]): Promise<void> {
    if (++this.read % IMPORT_YIELD_EVERY_ROWS === 0) await yieldToEventLoop();
    if (!values.some((v) => v !== '')) return;
    this.lines.push({ row, values });
    if (this.lines.length > MAX_IMPORT_ROWS + 1) throw new TooManyRows();
  }
}

/**
 * Reads an uploaded CSV or XLSX file into rows of text. Never throws for a bad
 * file. Both formats are read as a stream, a few hundred rows at a time with a
 * pause in between, and reading stops at the row limit, so even a large file
 * keeps the server responsive (bench/import.bench.ts measures the lag).
 */
export async function parseImportFile(name: string, bytes: Uint8Array): Promise<ParseResult> {
  const lower = name.toLowerCase();
  const collector = new LineCollector();
  try {
    if (lower.endsWith('.csv') || lower.endsWith('.txt')) await readCsv(bytes, collector);
    else if (lower.endsWith('.xlsx')) await readXlsx(bytes, collector);
    else return { ok: false, error: 'trackerData.import.fileType' };
  } catch (error) {
    if (error instanceof TooManyRows) return { ok: false, error: 'trackerData.import.tooManyRows' };
    return { ok: false, error: 'trackerData.import.fileUnreadable' };
  }
  const [header, ...data] = collector.lines;
  if (!header || data.length === 0) return { ok: false, error: 'trackerData.import.fileEmpty' };
  // Headers in any of the five languages, or the machine names, become the machine names.
  const headers = header.values.map((h) => headerFor(h) ?? normaliseHeader(h));
  const rows = data.map((line) => {
    const cells: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (h) cells[h] = unquoteSpreadsheetCell(line.values[i] ?? '');
    });
    return { row: line.row, cells };
  });
  return { ok: true, file: { headers, rows } };
}

/** The file in slices, so the parser works through it a slice at a time instead of in one go. */
function slices(bytes: Uint8Array, size = 64 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < bytes.length; offset += size) yield Buffer.from(bytes.buffer, bytes.byteOffset + offset, Math.min(size, bytes.length - offset));
    })(),
  );
}

/**
 * CSV as Excel writes it: UTF-8 with or without a BOM, comma-separated, or
 * semicolon-separated where the regional settings use a decimal comma (as in
 * Bosnia and Herzegovina). The header line decides which.
 */
async function readCsv(bytes: Uint8Array, collector: LineCollector): Promise<void> {
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64 * 1024)).toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = start.slice(0, start.search(/\r?\n|$/));
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const parser = slices(bytes).pipe(parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, trim: true }));
  let index = 0;
  try {
    // A spreadsheet's row number is the record's position, even when a cell spans lines.
    for await (const record of parser as AsyncIterable<string[]>) await collector.add(++index, record.slice(0, MAX_IMPORT_COLUMNS));
  } finally {
    parser.destroy();
  }
}

/** The first worksheet, read with ExcelJS's streaming reader: rows arrive as the file is unzipped. */
async function readXlsx(bytes: Uint8Array, collector: LineCollector): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(slices(bytes), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell dates from numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const cells = row.values as ExcelJS.CellValue[];
      const values: string[] = [];
      for (let column = 1; column < Math.min(cells.length, MAX_IMPORT_COLUMNS + 1); column++) values.push(cellText(cells[column]));
      await collector.add(row.number, values);
    }
    // Only the first worksheet is the plan.
    return;
  }
}

/** Any cell value exceljs can return, as the text a person sees (dates as YYYY-MM-DD). */
function cellText(value: ExcelJS.CellValue | undefined): string {
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
