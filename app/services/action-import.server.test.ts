import { describe, expect, test } from 'vitest';
import { IMPORT_YIELD_EVERY_ROWS, MAX_IMPORT_ROWS, parseImportFile, type ParseResult } from './action-import.server.ts';
import { validateImportRows } from './action-import-validate.server.ts';
import { WIDE_HEADERS, wideCsv, wideXlsx } from '../../tests/support/import-files.ts';

/**
 * Issue 10, finding 1: a large sheet must neither freeze the server nor be
 * read past the row limit. Responsiveness is checked without a clock: a chain
 * of setImmediate callbacks, started with the import, counts how often the
 * event loop got round to other work before the import finished. (The lag in
 * milliseconds is measured in bench/import.bench.ts.)
 */

/** Runs `work` while counting event-loop turns given to others. */
async function countTurns<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work();
  running = false;
  return { result, turns };
}

const OWNER = 'Ministry of Security of Bosnia and Herzegovina';
/** The reader pauses at least once per IMPORT_YIELD_EVERY_ROWS rows it reads. */
const MIN_TURNS_AT_LIMIT = Math.floor((MAX_IMPORT_ROWS + 1) / IMPORT_YIELD_EVERY_ROWS);

describe('large import files', () => {
  test('a 10,000 × 20 XLSX sheet is refused at the row limit, and the server gets a turn every few hundred rows', async () => {
    const bytes = await wideXlsx(10_000, OWNER);
    const { result, turns } = await countTurns(() => parseImportFile('plan.xlsx', bytes));
    expect(result).toEqual<ParseResult>({ ok: false, error: 'trackerData.import.tooManyRows' });
    expect(turns).toBeGreaterThanOrEqual(MIN_TURNS_AT_LIMIT);
  }, 60_000);

  test('a 10,000 × 20 CSV file is refused at the row limit, without reading the rest', async () => {
    const valid = Buffer.from(wideCsv(10_000, OWNER)).toString('utf8');
    // A broken quote far past the limit: reading the whole file would call it unreadable.
    const lines = valid.split('\r\n');
    lines[9_000] = `"never closed,${lines[9_000]}`;
    const bytes = Buffer.from(lines.join('\r\n'), 'utf8');
    expect(await parseImportFile('plan.csv', Buffer.from(lines.slice(8_990).join('\r\n')))).toEqual({ ok: false, error: 'trackerData.import.fileUnreadable' });
    const { result, turns } = await countTurns(() => parseImportFile('plan.csv', bytes));
    expect(result).toEqual({ ok: false, error: 'trackerData.import.tooManyRows' });
    expect(turns).toBeGreaterThanOrEqual(MIN_TURNS_AT_LIMIT);
  });

  test('5,000 rows × 20 columns, the most a file may hold, are read and validated, yielding all along', async () => {
    for (const [name, bytes] of [
      ['plan.xlsx', await wideXlsx(MAX_IMPORT_ROWS, OWNER)],
      ['plan.csv', wideCsv(MAX_IMPORT_ROWS, OWNER)],
    ] as const) {
      const parsed = await countTurns(() => parseImportFile(name, bytes));
      if (!parsed.result.ok) throw new Error(`${name}: ${parsed.result.error}`);
      const { headers, rows } = parsed.result.file;
      expect(headers).toEqual(WIDE_HEADERS);
      expect(rows).toHaveLength(MAX_IMPORT_ROWS);
      expect(rows[MAX_IMPORT_ROWS - 1]).toMatchObject({ row: MAX_IMPORT_ROWS + 1, cells: { code: `9.${MAX_IMPORT_ROWS}`, due_date: '2026-12-31', owner: OWNER } });
      expect(parsed.turns).toBeGreaterThanOrEqual(MIN_TURNS_AT_LIMIT - 1);

      const reference = { institutions: [{ id: 'msb', name: OWNER, acronym: null, localName: null }], pillarCodes: [], existingCodes: [] };
      const validated = await countTurns(() => validateImportRows(headers, rows, reference, 'plan-1'));
      expect(validated.result.errors).toEqual([]);
      expect(validated.result.items).toHaveLength(MAX_IMPORT_ROWS);
      expect(validated.turns).toBeGreaterThanOrEqual(Math.floor(MAX_IMPORT_ROWS / IMPORT_YIELD_EVERY_ROWS));
    }
  }, 60_000);

  test('columns past the hundredth are ignored rather than held in memory', async () => {
    const header = [...WIDE_HEADERS, ...Array.from({ length: 200 }, (_, i) => `extra_${i}`)].join(',');
    const parsed = await parseImportFile('wide.csv', Buffer.from(`${header}\r\n${'x,'.repeat(250)}x\r\n`));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.file.headers).toHaveLength(100);
  });
});
