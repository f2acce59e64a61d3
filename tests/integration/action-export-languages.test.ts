import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { getActionItemInput } from '../../app/models/action-item.server.ts';
import { setInstitutionNames } from '../../app/models/institution.server.ts';
import { loadImportReference } from '../../app/models/tracker-data.server.ts';
import type { Actor } from '../../app/policies/permissions.ts';
import { actionFilters } from '../../app/schemas/action-filters.ts';
import { MACHINE_FORMAT, parseSpreadsheetFormat, type SpreadsheetFormat } from '../../app/schemas/export-format.ts';
import { ambiguousSpellings, choiceFor, headerFor } from '../../app/services/action-column-labels.server.ts';
import { csvStream, exportRows, xlsxStream } from '../../app/services/action-export.server.ts';
import { parseImportFile } from '../../app/services/action-import.server.ts';
import { validateImportRows } from '../../app/services/action-import-validate.server.ts';
import { COLUMN_HEADERS } from '../../app/utils/action-columns.ts';
import { SUPPORTED_LANGUAGES, type Language } from '../../app/utils/languages.ts';
import { makeInstitution, makePerson } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { itemInput, makeItem, makePlan, prepareTracker, readAll } from '../support/tracker-data.ts';

describe('spreadsheet headers and values in the five languages', () => {
  test('every language names every column and choice, and no spelling means two things', () => {
    expect(ambiguousSpellings()).toEqual([]);
    expect(headerFor('Napredak (%)')).toBe('progress');
    expect(headerFor('НАПРЕДАК (%)')).toBe('progress');
    expect(headerFor('Izvor financiranja')).toBe('funding_source');
    expect(headerFor('Извор финансирања')).toBe('funding_source');
    expect(headerFor('Due date')).toBe('due_date');
    expect(headerFor('due-date')).toBe('due_date');
    expect(headerFor('Rok')).toBe('due_date');
    expect(headerFor('Colour')).toBeUndefined();
    expect(choiceFor('status', 'U toku')).toBe('in_progress');
    expect(choiceFor('status', 'IN-PROGRESS')).toBe('in_progress');
    expect(choiceFor('status', 'Završeno')).toBe('completed');
    expect(choiceFor('priority', 'Visok')).toBe('high');
    expect(choiceFor('funding_source', 'Proračun BiH')).toBe('national_budget');
    expect(choiceFor('status', 'Nije')).toBeUndefined();
  });

  test('the format follows the reader: `;` for bs, hr and sr, `,` for English, English codes on request', () => {
    const format = (query: string, language: Language) => parseSpreadsheetFormat(new URLSearchParams(query), language);
    expect(format('', 'bs')).toEqual({ language: 'bs', delimiter: ';' });
    expect(format('', 'sr-Cyrl')).toEqual({ language: 'sr-Cyrl', delimiter: ';' });
    expect(format('', 'en')).toEqual({ language: 'en', delimiter: ',' });
    expect(format('sep=comma', 'hr')).toEqual({ language: 'hr', delimiter: ',' });
    expect(format('sep=semicolon', 'en')).toEqual({ language: 'en', delimiter: ';' });
    expect(format('format=machine', 'bs')).toEqual(MACHINE_FORMAT);
    // Anything else in the address is ignored, as with the filters.
    expect(format('format=pdf&sep=tab', 'hr')).toEqual({ language: 'hr', delimiter: ';' });
  });
});

describe.each(dialects)('exports in the reader language, and their import, on %s', (dialect) => {
  let database: TestDatabase;
  let secretariat: Actor;
  let ministry: string;
  let telecom: string;
  let source: string;
  const codes = ['4.1', '4.2'];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await prepareTracker(database.db);
    ministry = (await makeInstitution(database.db, { name: 'Ministry of Security of Bosnia and Herzegovina', acronym: 'MSB' })).id;
    telecom = (await makeInstitution(database.db, { name: 'BH Telecom', sector: 'private' })).id;
    await setInstitutionNames(database.db, ministry, {
      bs: 'Ministarstvo sigurnosti BiH',
      hr: 'Ministarstvo sigurnosti BiH',
      'sr-Latn': 'Ministarstvo bezbjednosti BiH',
      'sr-Cyrl': 'Министарство безбједности БиХ',
    });
    const person = await makePerson(database.db, { role: 'secretariat', institutionId: ministry });
    secretariat = { id: person.id, role: 'secretariat', institutionId: ministry };
    source = await makePlan(database.db, person.id, ministry, 'Plan in languages');
    await makeItem(
      database.db,
      secretariat.id,
      itemInput(source, ministry, {
        code: '4.1',
        title: 'Uspostava CERT-a za institucije BiH',
        cbms: [8, 14],
        primaryCbm: 8,
        supporterIds: [telecom],
        status: 'in_progress',
        priority: 'high',
        budgetAmount: 125000.75,
        budgetCurrency: 'BAM',
        fundingSource: 'national_budget',
      }),
    );
    await makeItem(database.db, secretariat.id, itemInput(source, telecom, { code: '4.2', title: 'Vježba', cbms: [14], primaryCbm: 14, status: 'on_hold', priority: 'low', supporterIds: [ministry] }));
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  async function csvText(format: SpreadsheetFormat): Promise<string> {
    return (await readAll(csvStream(exportRows(database.db, secretariat, actionFilters({ plan: source }), format.language), format))).toString('utf8');
  }

  async function importInto(name: string, bytes: Uint8Array) {
    const parsed = await parseImportFile(name, bytes);
    if (!parsed.ok) throw new Error(parsed.error);
    const target = await makePlan(database.db, secretariat.id, ministry);
    const result = await validateImportRows(parsed.file.headers, parsed.file.rows, await loadImportReference(database.db, target), target);
    return { result, parsed: parsed.file };
  }

  async function expectSameItems(items: { input: Awaited<ReturnType<typeof getActionItemInput>> }[]) {
    for (const code of codes) {
      const row = await database.db.selectFrom('actionItem').select('id').where('planId', '=', source).where('code', '=', code).executeTakeFirstOrThrow();
      const original = await getActionItemInput(database.db, row.id);
      const imported = items.find((i) => i.input?.code === code)?.input;
      expect({ ...imported, planId: undefined }).toEqual({ ...original, planId: undefined });
    }
  }

  test('a Bosnian CSV: `;`, Bosnian headers, statuses and institution names, decimal comma', async () => {
    const text = await csvText({ language: 'bs', delimiter: ';' });
    const [header, first, second] = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header.split(';').slice(0, 3)).toEqual(['Šifra', 'Naziv', 'Opis']);
    expect(header).toContain('Izvor finansiranja');
    expect(first.startsWith('4.1;Uspostava CERT-a za institucije BiH;')).toBe(true);
    expect(first).toContain(';Ministarstvo sigurnosti BiH;BH Telecom;U toku;Visok;');
    expect(first).toContain(';125000,75;BAM;Budžet BiH;');
    expect(second).toContain(';BH Telecom;Ministarstvo sigurnosti BiH;Na čekanju;Nizak;');
    expect(text).not.toContain('in_progress');
  });

  test('the machine-readable CSV keeps the English codes, names and the comma', async () => {
    const text = await csvText(MACHINE_FORMAT);
    const [header, first] = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe(COLUMN_HEADERS.join(','));
    expect(first).toContain(',Ministry of Security of Bosnia and Herzegovina,BH Telecom,in_progress,high,');
    expect(first).toContain(',125000.75,BAM,national_budget,');
  });

  test.each(SUPPORTED_LANGUAGES)('a CSV exported in %s imports back into the same items', async (language) => {
    const format = parseSpreadsheetFormat(new URLSearchParams(), language);
    const { result, parsed } = await importInto('export.csv', Buffer.from(await csvText(format), 'utf8'));
    expect(parsed.headers.filter((h) => h !== 'plan')).toEqual(COLUMN_HEADERS.filter((h) => h !== 'plan'));
    expect(result.errors).toEqual([]);
    await expectSameItems(result.items);
  });

  test('a Serbian Cyrillic workbook has Cyrillic headers and values, real numbers, and imports back', async () => {
    const format: SpreadsheetFormat = { language: 'sr-Cyrl', delimiter: ';' };
    const bytes = await readAll(
      xlsxStream(exportRows(database.db, secretariat, actionFilters({ plan: source }), 'sr-Cyrl'), 'Actions', (e) => {
        throw e;
      }, format),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('Шифра');
    const cell = (name: string) => sheet.getRow(2).getCell(COLUMN_HEADERS.indexOf(name as (typeof COLUMN_HEADERS)[number]) + 1).value;
    expect(cell('owner')).toBe('Министарство безбједности БиХ');
    expect(cell('status')).toBe('У току');
    expect(cell('budget_amount')).toBe(125000.75);
    const { result } = await importInto('export.xlsx', bytes);
    expect(result.errors).toEqual([]);
    await expectSameItems(result.items);
  });

  test('a file a person wrote in Croatian, with Croatian values, is read as well', async () => {
    const lines = [
      'Šifra;Naziv;Mjere (CBM);Nositelj;Status;Prioritet;Izvor financiranja;Proračun;Valuta;TLP',
      '5.1;Nacionalna vježba;14;Ministarstvo sigurnosti BiH;U tijeku;Srednji;Proračun BiH;"10.000,50";BAM;GREEN',
    ];
    const { result } = await importInto('hr.csv', Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'));
    expect(result.errors).toEqual([]);
    expect(result.items[0].input).toMatchObject({ code: '5.1', ownerInstitutionId: ministry, status: 'in_progress', priority: 'medium', fundingSource: 'national_budget', budgetAmount: 10000.5 });
  });
});
