import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { getActionItemInput } from '../../app/models/action-item.server.ts';
import { importActionItems, loadImportReference } from '../../app/models/tracker-data.server.ts';
import type { Actor } from '../../app/policies/permissions.ts';
import { COLUMN_HEADERS } from '../../app/utils/action-columns.ts';
import { csvStream, exampleRow, exportRows, xlsxBuffer, xlsxStream } from '../../app/services/action-export.server.ts';
import { actionFilters } from '../../app/schemas/action-filters.ts';
import { parseImportFile } from '../../app/services/action-import.server.ts';
import { validateImportRows, type ImportError } from '../../app/services/action-import-validate.server.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { makeInstitution, makePerson } from '../support/factories.ts';
import { countTracker, itemInput, makeItem, makePlan, prepareTracker, readAll } from '../support/tracker-data.ts';

const HEADER = 'code,title,description,pillar,cbms,primary_cbm,owner,supporters,status,priority,start_date,due_date,progress,budget_amount,budget_currency,funding_source,tlp,tags';

function csv(...lines: string[]): Uint8Array {
  return Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8');
}

function find(errors: ImportError[], row: number, column: string) {
  return errors.filter((e) => e.row === row && e.column === column);
}

describe.each(dialects)('action item import and export on %s', (dialect) => {
  let database: TestDatabase;
  let secretariat: Actor;
  let ministry: string;
  let telecom: string;
  let planA: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await prepareTracker(database.db);
    ministry = (await makeInstitution(database.db, { name: 'Ministry of Security of Bosnia and Herzegovina', acronym: 'MSB' })).id;
    telecom = (await makeInstitution(database.db, { name: 'BH Telecom', acronym: 'BHT', sector: 'private' })).id;
    await makeInstitution(database.db, { name: 'Agencija za zaštitu ličnih podataka', acronym: 'AZLP' });
    const person = await makePerson(database.db, { role: 'secretariat', institutionId: ministry });
    secretariat = { id: person.id, role: 'secretariat', institutionId: ministry };
    planA = await makePlan(database.db, person.id, ministry);
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  async function validate(planId: string, name: string, bytes: Uint8Array) {
    const parsed = await parseImportFile(name, bytes);
    if (!parsed.ok) throw new Error(parsed.error);
    const reference = await loadImportReference(database.db, planId);
    return validateImportRows(parsed.file.headers, parsed.file.rows, reference, planId);
  }

  test('a valid CSV (BOM, names, acronyms, DD.MM.YYYY dates) imports every row in one go', async () => {
    const plan = await makePlan(database.db, secretariat.id, ministry);
    const result = await validate(
      plan,
      'plan.csv',
      csv(
        '1.1,National CSIRT for institutions,"Set up, staff and certify",D,14;3,3,MSB,BH Telecom,in_progress,high,15.01.2026,2026-12-31,20,"50000,50",bam,eu_ipa,GREEN,csirt;Capacity',
        '1.2,Awareness campaign,,C,14,,ministry of security of bosnia and herzegovina,,not_started,low,,,,,,,CLEAR,',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.items.map((i) => i.row)).toEqual([2, 3]);
    const before = await countTracker(database.db, 'actionItem');
    await importActionItems(database.db, secretariat.id, plan, result.items.map((i) => i.input), 'plan.csv');
    expect(await countTracker(database.db, 'actionItem')).toBe(before + 2);
    const item = await database.db.selectFrom('actionItem').select('id').where('planId', '=', plan).where('code', '=', '1.1').executeTakeFirstOrThrow();
    const input = await getActionItemInput(database.db, item.id);
    expect(input).toMatchObject({
      title: 'National CSIRT for institutions',
      description: 'Set up, staff and certify',
      pillarCode: 'D',
      cbms: [3, 14],
      primaryCbm: 3,
      ownerInstitutionId: ministry,
      supporterIds: [telecom],
      status: 'in_progress',
      priority: 'high',
      startDate: '2026-01-15',
      dueDate: '2026-12-31',
      progress: 20,
      budgetAmount: 50000.5,
      budgetCurrency: 'BAM',
      fundingSource: 'eu_ipa',
      tlp: 'GREEN',
      tags: ['capacity', 'csirt'],
    });
    const change = await database.db.selectFrom('actionItemChange').select('source').where('itemId', '=', item.id).executeTakeFirstOrThrow();
    expect(change.source).toBe('import');
    const audit = await database.db.selectFrom('auditEvent').select(['details']).where('action', '=', 'action-item.import').where('entityId', '=', plan).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toEqual({ count: 2, fileName: 'plan.csv' });
  });

  test('every error kind is reported by row and column, and nothing is written', async () => {
    const existing = await makeItem(database.db, secretariat.id, itemInput(planA, ministry, { code: '9.9' }));
    expect(existing).toBeTruthy();
    const counts = async () => Promise.all((['actionItem', 'actionItemCbm', 'actionItemChange', 'auditEvent'] as const).map((t) => countTracker(database.db, t)));
    const before = await counts();
    const result = await validate(
      planA,
      'bad.csv',
      csv(
        '2.1,Unknown owner,,,14,,Ministry of Securty,,in_progress,high,,,,,,,GREEN,',
        '2.2,CBM zero,,,0,,MSB,,in_progress,high,,,,,,,GREEN,',
        '2.3,CBM seventeen,,,14;17,,MSB,,in_progress,high,,,,,,,GREEN,',
        '2.4,Bad date,,,14,,MSB,,in_progress,high,31.02.2026,2026-13-01,,,,,GREEN,',
        '2.1,Same code again,,,14,,MSB,,in_progress,high,,,,,,,GREEN,',
        '9.9,Code already in the plan,,,14,,MSB,,in_progress,high,,,,,,,GREEN,',
        '2.7,Unknown supporter,,,14,,MSB,Agencija za zastitu licnih podataka;Nobody Anywhere Ltd,in_progress,high,,,,,,,GREEN,',
      ),
    );
    expect(result.items).toEqual([]);
    const owner = find(result.errors, 2, 'owner');
    expect(owner).toHaveLength(1);
    expect(owner[0].message).toBe('trackerData.import.errors.unknownInstitutionSuggest');
    expect(String(owner[0].params?.suggestions).split('; ')[0]).toBe('Ministry of Security of Bosnia and Herzegovina');
    expect(find(result.errors, 3, 'cbms')).toEqual([{ row: 3, column: 'cbms', message: 'trackerData.import.errors.cbmOutOfRange', params: { value: '0' } }]);
    expect(find(result.errors, 4, 'cbms')).toEqual([{ row: 4, column: 'cbms', message: 'trackerData.import.errors.cbmOutOfRange', params: { value: '17' } }]);
    expect(find(result.errors, 5, 'start_date')[0]).toMatchObject({ message: 'trackerData.import.errors.badDate', params: { value: '31.02.2026' } });
    expect(find(result.errors, 5, 'due_date')[0]).toMatchObject({ message: 'trackerData.import.errors.badDate', params: { value: '2026-13-01' } });
    expect(find(result.errors, 6, 'code')).toEqual([{ row: 6, column: 'code', message: 'trackerData.import.errors.duplicateInFile', params: { code: '2.1', row: 2 } }]);
    expect(find(result.errors, 7, 'code')).toEqual([{ row: 7, column: 'code', message: 'trackerData.import.errors.duplicateInPlan', params: { code: '9.9' } }]);
    // Diacritics do not matter for a match; a name with no resemblance gets no suggestion.
    expect(find(result.errors, 8, 'supporters')).toEqual([
      { row: 8, column: 'supporters', message: 'trackerData.import.errors.unknownInstitution', params: { value: 'Nobody Anywhere Ltd' } },
    ]);
    expect(result.errors).toHaveLength(8);
    expect(await counts()).toEqual(before);
  });

  test('a missing required column is one error on the header row', async () => {
    const parsed = await parseImportFile('x.csv', Buffer.from('code,title\n1,A\n'));
    if (!parsed.ok) throw new Error(parsed.error);
    const result = await validateImportRows(parsed.file.headers, parsed.file.rows, await loadImportReference(database.db, planA), planA);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [1, 'cbms'],
      [1, 'owner'],
      [1, 'status'],
      [1, 'priority'],
      [1, 'tlp'],
    ]);
  });

  test('completing an item needs evidence, so an import cannot mark it completed', async () => {
    const result = await validate(planA, 'c.csv', csv('3.1,Done,,,14,,MSB,,completed,high,,,,,,,GREEN,'));
    expect(result.errors).toEqual([{ row: 2, column: 'status', message: 'trackerData.import.errors.completedNeedsEvidence', params: undefined }]);
  });

  test('the import is all or nothing: a failure in the transaction rolls back the rows already written', async () => {
    const plan = await makePlan(database.db, secretariat.id, ministry);
    const before = await Promise.all((['actionItem', 'actionItemChange', 'auditEvent'] as const).map((t) => countTracker(database.db, t)));
    // Two rows with one code pass no validation, but here they reach the model directly, as a race would.
    const inputs = [itemInput(plan, ministry, { code: '4.1' }), itemInput(plan, ministry, { code: '4.2' }), itemInput(plan, ministry, { code: '4.1' })];
    await expect(importActionItems(database.db, secretariat.id, plan, inputs, 'race.csv')).rejects.toThrow();
    expect(await Promise.all((['actionItem', 'actionItemChange', 'auditEvent'] as const).map((t) => countTracker(database.db, t)))).toEqual(before);
  });

  test('an XLSX file with real dates, numbers and rich text imports like the CSV', async () => {
    const plan = await makePlan(database.db, secretariat.id, ministry);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Items');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(['5.1', { richText: [{ text: 'Cyber ' }, { text: 'exercise', font: { bold: true } }] }, '', 'H', 14, 14, 'BHT', '', 'delayed', 'medium', new Date(Date.UTC(2026, 2, 1)), new Date(Date.UTC(2026, 5, 30)), 40, 12000, 'EUR', 'osce', 'AMBER', 'exercise']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await validate(plan, 'items.xlsx', bytes);
    expect(result.errors).toEqual([]);
    expect(result.items[0].input).toMatchObject({
      code: '5.1',
      title: 'Cyber exercise',
      pillarCode: 'H',
      cbms: [14],
      ownerInstitutionId: telecom,
      status: 'delayed',
      startDate: '2026-03-01',
      dueDate: '2026-06-30',
      progress: 40,
      budgetAmount: 12000,
      budgetCurrency: 'EUR',
      fundingSource: 'osce',
      tlp: 'AMBER',
      tags: ['exercise'],
    });
  });

  test('an unknown file type, an empty file and a broken XLSX are refused with a clear message', async () => {
    expect(await parseImportFile('plan.pdf', Buffer.from('%PDF'))).toEqual({ ok: false, error: 'trackerData.import.fileType' });
    expect(await parseImportFile('plan.csv', Buffer.from(`${HEADER}\n`))).toEqual({ ok: false, error: 'trackerData.import.fileEmpty' });
    expect(await parseImportFile('plan.xlsx', Buffer.from('not a zip'))).toEqual({ ok: false, error: 'trackerData.import.fileUnreadable' });
  });

  test('the templates carry every import column and an example row that names a real column set', async () => {
    const csvText = (await readAll(csvStream((async function* () { yield exampleRow(); })()))).toString('utf8');
    expect(csvText.startsWith('\uFEFF')).toBe(true);
    expect(csvText.split('\r\n')[0]).toBe(`\uFEFF${COLUMN_HEADERS.join(',')}`);
    const parsed = await parseImportFile('template.xlsx', await xlsxBuffer([exampleRow()], 'Actions'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.file.headers).toEqual(COLUMN_HEADERS);
    expect(parsed.file.rows[0].cells.code).toBe('2.3');
  });

  describe('export, then import into another plan', () => {
    let source: string;
    const codes = ['7.1', '7.2', '7.3'];

    beforeAll(async () => {
      source = await makePlan(database.db, secretariat.id, ministry, 'Source plan');
      await makeItem(
        database.db,
        secretariat.id,
        itemInput(source, ministry, {
          code: '7.1',
          title: 'Transpose NIS2 into state law, “one” step',
          description: 'Line one\nline two, with a comma; and a semicolon',
          sectionRef: '3.2',
          pillarCode: 'A',
          cbms: [14, 15, 3],
          primaryCbm: 15,
          supporterIds: [telecom],
          status: 'delayed',
          priority: 'high',
          startDate: '2026-01-01',
          dueDate: '2026-09-30',
          progress: 35,
          budgetAmount: 125000.75,
          budgetCurrency: 'BAM',
          fundingSource: 'national_budget',
          tlp: 'AMBER',
          tags: ['nis2', 'legislation'],
        }),
      );
      await makeItem(database.db, secretariat.id, itemInput(source, telecom, { code: '7.2', title: 'Šifrovanje i čuvanje podataka', cbms: [8], primaryCbm: 8, status: 'on_hold', priority: 'low' }));
      await makeItem(database.db, secretariat.id, itemInput(source, ministry, { code: '7.3', title: '=1+1 exercise, as typed', cbms: [14], primaryCbm: 14, status: 'not_started', tlp: 'CLEAR' }));
    });

    async function compare(target: string) {
      for (const code of codes) {
        const [a, b] = await Promise.all(
          [source, target].map(async (planId) => {
            const row = await database.db.selectFrom('actionItem').select('id').where('planId', '=', planId).where('code', '=', code).executeTakeFirstOrThrow();
            const input = await getActionItemInput(database.db, row.id);
            return { ...input, planId: undefined };
          }),
        );
        expect(b).toEqual(a);
      }
    }

    test('as CSV', async () => {
      const bytes = await readAll(csvStream(exportRows(database.db, secretariat, actionFilters({ plan: source }))));
      // A title that looks like a formula is kept as text in a spreadsheet.
      expect(bytes.toString('utf8')).toContain(`"'=1+1 exercise, as typed"`);
      const target = await makePlan(database.db, secretariat.id, ministry);
      const result = await validate(target, 'export.csv', bytes);
      expect(result.errors).toEqual([]);
      expect(result.items.map((i) => i.input.code)).toEqual(codes);
      await importActionItems(database.db, secretariat.id, target, result.items.map((i) => i.input), 'export.csv');
      await compare(target);
    });

    test('as XLSX, with a bold frozen header and real dates', async () => {
      const bytes = await readAll(xlsxStream(exportRows(database.db, secretariat, actionFilters({ plan: source })), 'Actions', (e) => { throw e; }));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const due = sheet.getRow(2).getCell(COLUMN_HEADERS.indexOf('due_date') + 1).value;
      expect(due).toBeInstanceOf(Date);
      const target = await makePlan(database.db, secretariat.id, ministry);
      const result = await validate(target, 'export.xlsx', bytes);
      expect(result.errors).toEqual([]);
      await importActionItems(database.db, secretariat.id, target, result.items.map((i) => i.input), 'export.xlsx');
      await compare(target);
    });

    test('the export holds only items the person may read', async () => {
      const outsider: Actor = { id: 'nobody', role: 'member', institutionId: (await makeInstitution(database.db)).id };
      const text = (await readAll(csvStream(exportRows(database.db, outsider, actionFilters({ plan: source }))))).toString('utf8');
      // 7.1 is AMBER: a member of an unrelated institution does not see it.
      expect(text).not.toContain('NIS2');
      expect(text).toContain('Šifrovanje i čuvanje podataka');
    });
  });
});
