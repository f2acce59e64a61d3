import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from '../../app/utils/action-columns.ts';

/**
 * Large import files as people make them, for the import tests and
 * bench/import.bench.ts: the 19 import columns plus "notes", so 20 columns,
 * and `rows` valid data rows owned by `owner`.
 */

export const WIDE_HEADERS = [...IMPORT_COLUMNS.map((c) => c.header), 'notes'];

function cells(index: number, owner: string): string[] {
  const values: Record<string, string> = {
    code: `9.${index}`,
    title: `Imported action ${index}`,
    description: `Description of action ${index}, long enough to look like a plan`,
    section_ref: '9. Imports',
    pillar: '',
    cbms: String((index % 16) + 1),
    primary_cbm: '',
    owner,
    supporters: '',
    status: 'not_started',
    priority: 'medium',
    start_date: '2026-01-15',
    due_date: '2026-12-31',
    progress: '0',
    budget_amount: '1000',
    budget_currency: 'BAM',
    funding_source: '',
    tlp: 'GREEN',
    tags: 'import',
    notes: `note ${index}`,
  };
  return WIDE_HEADERS.map((h) => values[h] ?? '');
}

/** An XLSX workbook written the way Excel writes one (shared strings, sheet before the string table). */
export async function wideXlsx(rows: number, owner: string): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  sheet.addRow(WIDE_HEADERS);
  for (let i = 1; i <= rows; i++) sheet.addRow(cells(i, owner));
  return Uint8Array.from(Buffer.from(await workbook.xlsx.writeBuffer({ useSharedStrings: true } as ExcelJS.XlsxWriteOptions)));
}

/** The same rows as UTF-8 CSV. */
export function wideCsv(rows: number, owner: string): Uint8Array<ArrayBuffer> {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [WIDE_HEADERS.join(',')];
  for (let i = 1; i <= rows; i++) lines.push(cells(i, owner).map(quote).join(','));
  return Uint8Array.from(Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'));
}
