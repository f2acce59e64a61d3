import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { postProgressUpdate } from '../../app/models/action-update.server.ts';
import { listCbms } from '../../app/models/cbm.server.ts';
import { osceExport } from '../../app/services/scoped-reads.server.ts';
import type { Actor } from '../../app/policies/permissions.ts';
import { i18nServer } from '../../app/locales/i18n.server.ts';
import { OSCE_CSV_HEADERS, osceCsv, osceMarkdown, type OsceCbm } from '../../app/services/osce-export.server.ts';
import { buildProgressReport, parseReportQuery, progressReportMarkdown } from '../../app/services/progress-report.server.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { makeInstitution, makePerson } from '../support/factories.ts';
import { itemInput, makeItem, makePlan, prepareTracker } from '../support/tracker-data.ts';

const BASE = 'https://portal.example';

describe.each(dialects)('OSCE export and progress report on %s', (dialect) => {
  let database: TestDatabase;
  let secretariat: Actor;
  let outsider: Actor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await prepareTracker(database.db);
    const { db } = database;
    const ministry = (await makeInstitution(db, { name: 'Ministry of Security' })).id;
    const telecom = (await makeInstitution(db, { name: 'BH Telecom', sector: 'private' })).id;
    const other = (await makeInstitution(db, { name: 'Elsewhere' })).id;
    const coordinator = await makePerson(db, { role: 'secretariat', institutionId: ministry });
    const member = await makePerson(db, { role: 'member', institutionId: ministry, name: 'Lejla Kovačević' });
    secretariat = { id: coordinator.id, role: 'secretariat', institutionId: ministry };
    outsider = { id: (await makePerson(db, { role: 'member', institutionId: other })).id, role: 'member', institutionId: other };
    const plan = await makePlan(db, coordinator.id, ministry);
    ids.csirt = await makeItem(db, coordinator.id, itemInput(plan, ministry, { code: '1.1', title: 'National CSIRT [phase 1]', cbms: [14, 8], primaryCbm: 8, pillarCode: 'D', dueDate: '2026-06-30', tlp: 'GREEN' }));
    ids.ppp = await makeItem(db, coordinator.id, itemInput(plan, telecom, { code: '2.1', title: 'PPP information sharing', cbms: [14], primaryCbm: 14, pillarCode: 'I', dueDate: '2026-03-31', tlp: 'AMBER' }));
    ids.late = await makeItem(db, coordinator.id, itemInput(plan, ministry, { code: '3.1', title: 'Critical infrastructure list', cbms: [15], primaryCbm: 15, pillarCode: 'B', dueDate: '2026-05-01' }));
    await postProgressUpdate(db, {
      itemId: ids.csirt,
      authorId: member.id,
      institutionId: ministry,
      date: '2026-05-20',
      body: 'CSIRT staff hired and trained.',
      status: 'completed',
      progress: 100,
      indicators: {},
      evidence: [
        { kind: 'link', url: 'https://example.org/csirt-decision', description: 'Council of Ministers decision' },
        { kind: 'file', fileName: 'certificate.pdf', storedName: 'abc123', mimeType: 'application/pdf', sizeBytes: 10, sha256: '0'.repeat(64), description: '' },
      ],
    });
    await postProgressUpdate(db, { itemId: ids.late, authorId: member.id, institutionId: ministry, date: '2026-04-10', body: 'Draft list sent to entities.', status: 'delayed', progress: 30, indicators: {}, evidence: [] });
    await postProgressUpdate(db, { itemId: ids.late, authorId: member.id, institutionId: ministry, date: '2025-12-01', body: 'Before the range.', status: 'delayed', progress: 20, indicators: {}, evidence: [] });
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  async function cbmsFor(actor: Actor): Promise<OsceCbm[]> {
    const [rows, byCbm] = await Promise.all([listCbms(database.db), osceExport(database.db, actor)]);
    return rows.map((c) => ({ number: c.number, title: c.title, items: byCbm.get(c.number) ?? [] }));
  }

  test('the OSCE export lists, per CBM, the readable items with status, owner, TLP and evidence', async () => {
    const cbms = await cbmsFor(secretariat);
    expect(cbms).toHaveLength(16);
    expect(cbms[13].items.map((i) => [i.code, i.primary])).toEqual([
      ['2.1', true],
      ['1.1', false],
    ]);
    expect(cbms[7].items.map((i) => i.code)).toEqual(['1.1']);
    const t = await i18nServer.getFixedT('en');
    const md = osceMarkdown(cbms, { t, language: 'en', baseURL: BASE, group: 'Neretva Group', generatedAt: '2026-11-23T10:00:00.000Z' });
    expect(md).toContain('## CBM 14: ');
    expect(md).toContain(`- **TLP:GREEN** [1.1 National CSIRT \\[phase 1\\]](${BASE}/actions/${ids.csirt})`);
    expect(md).toContain('Status: Completed · Owner institution: Ministry of Security · Due: 30 June 2026 · Progress: 100 %');
    // Evidence added by one update shares its timestamp, so its order is not part of the contract.
    expect(md).toContain('[Council of Ministers decision](https://example.org/csirt-decision)');
    expect(md).toMatch(new RegExp(`\\[certificate\\.pdf\\]\\(${BASE}/actions/${ids.csirt}/evidence/[0-9a-f-]+\\) \\(file\\)`));
    expect(md).toContain('- **TLP:AMBER** [2.1 PPP information sharing]');
    expect(md).toContain('No action item implements this measure yet.');

    const rows = parse(osceCsv(cbms, BASE), { bom: true }) as string[][];
    expect(rows[0]).toEqual([...OSCE_CSV_HEADERS]);
    const csirt14 = rows.find((r) => r[0] === '14' && r[3] === '1.1')!;
    expect(csirt14.slice(2, 10)).toEqual(['no', '1.1', 'National CSIRT [phase 1]', 'GREEN', 'completed', 'Ministry of Security', '2026-06-30', '100']);
    expect(csirt14[10]).toContain('Council of Ministers decision <https://example.org/csirt-decision>');
    expect(csirt14[10]).toContain(`certificate.pdf <${BASE}/actions/${ids.csirt}/evidence/`);
  });

  test('an outsider does not see the AMBER item in the OSCE export', async () => {
    const cbms = await cbmsFor(outsider);
    expect(cbms[13].items.map((i) => i.code)).toEqual(['1.1']);
  });

  test('the progress report counts by CBM and pillar, lists completed, overdue and the notes of the range', async () => {
    const query = parseReportQuery(new URLSearchParams({ from: '2026-01-01', to: '2026-06-30' }), '2026-11-23');
    expect(query).toEqual({ from: '2026-01-01', to: '2026-06-30', group: 'cbm', valid: true });
    const report = await buildProgressReport(database.db, secretariat, { ...query, today: '2026-11-23' });
    const cbm14 = report.groups.find((g) => g.key === '14')!;
    expect(cbm14.coverage.total).toBe(2);
    expect(cbm14.coverage.counts.completed).toBe(1);
    expect(report.completed.map((i) => [i.code, i.completedOn])).toEqual([['1.1', '2026-05-20']]);
    // Overdue on the range's last day: 2.1 (due 31 March) and 3.1 (due 1 May); 1.1 is completed.
    expect(report.overdue.map((i) => [i.code, i.ownerName])).toEqual([
      ['2.1', 'BH Telecom'],
      ['3.1', 'Ministry of Security'],
    ]);
    expect(report.notes.map((n) => n.body)).toEqual(['CSIRT staff hired and trained.', 'Draft list sent to entities.']);
    expect(report.tlp).toBe('AMBER');

    const byPillar = await buildProgressReport(database.db, secretariat, { ...query, group: 'pillar', today: '2026-11-23' });
    expect(byPillar.groups.find((g) => g.key === 'I')!.coverage.total).toBe(1);
    const pillarMd = progressReportMarkdown(byPillar, { t: await i18nServer.getFixedT('en'), language: 'en' });
    expect(pillarMd).toContain('- **2.1** PPP information sharing (TLP:AMBER; I): BH Telecom');

    const md = progressReportMarkdown(report, { t: await i18nServer.getFixedT('bs'), language: 'bs' });
    expect(md.startsWith('**TLP:AMBER**')).toBe(true);
    expect(md).toContain('## Završeno u periodu');
    expect(md).toContain('- **1.1** National CSIRT \\[phase 1\\] (TLP:GREEN; CBM 8, CBM 14): Ministry of Security');
    expect(md).toContain('Lejla Kovačević, Ministry of Security: CSIRT staff hired and trained.');
    expect(md).not.toContain('Before the range.');
  });

  test('a reversed or malformed range is refused', () => {
    expect(parseReportQuery(new URLSearchParams({ from: '2026-07-01', to: '2026-06-30' }), '2026-11-23').valid).toBe(false);
    expect(parseReportQuery(new URLSearchParams({ from: '2026-02-30' }), '2026-11-23').valid).toBe(false);
    expect(parseReportQuery(new URLSearchParams(), '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-11-23', group: 'cbm', valid: true });
  });
});
