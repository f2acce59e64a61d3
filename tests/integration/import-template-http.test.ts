import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PLAN_TITLE } from '../../db/seeds/tracker-demo.server.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { parseImportFile } from '../../app/services/action-import.server.ts';

/**
 * Issue 13 §3: the import template, downloaded from the running portal by the
 * secretariat or an admin, imports into the demo plan as it is, through the
 * same two-step form a browser without JavaScript posts.
 */

describe.each(dialects)('the import template over HTTP on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  let planId: string;

  async function signIn(email: string): Promise<TestBrowser> {
    const browser = new TestBrowser(portal.url);
    const response = await browser.post('/login', { email, password: DEMO_PASSWORD, redirectTo: '/dashboard' });
    expect(response.status, `sign-in of ${email}`).toBe(302);
    return browser;
  }

  async function planCodes(): Promise<string[]> {
    const rows = await database.db.selectFrom('actionItem').select('code').where('planId', '=', planId).execute();
    return rows.map((r) => r.code);
  }

  /** Downloads the template, previews it as the import form does, confirms it; answers the example's code. */
  async function importTemplate(browser: TestBrowser, extension: 'csv' | 'xlsx'): Promise<string> {
    const template = await browser.get(`/actions/import/template.${extension}`);
    expect(template.status).toBe(200);
    const bytes = new Uint8Array(await template.arrayBuffer());
    const parsed = await parseImportFile(`template.${extension}`, bytes);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.file.rows).toHaveLength(1);
    const code = parsed.file.rows[0].cells.code ?? '';

    const form = new FormData();
    form.set('planId', planId);
    form.set('file', new File([bytes], `action-items-template.${extension}`));
    const preview = await browser.request('/actions/import', { method: 'POST', body: form });
    const html = await preview.text();
    expect(html).not.toContain('data-testid="import-error"');
    expect(preview.status).toBe(200);
    const pendingId = /name="pendingId" value="([^"]+)"/.exec(html)?.[1];
    expect(pendingId, 'the preview offers to confirm').toBeTruthy();

    const confirmed = await browser.post('/actions/import', { pendingId: pendingId! });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get('location')).toBe(`/actions?plan=${encodeURIComponent(planId)}&notice=actions-imported`);
    return code;
  }

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database));
    planId = (await database.db.selectFrom('document').select('id').where('type', '=', 'action_plan').where('title', '=', DEMO_PLAN_TITLE).executeTakeFirstOrThrow()).id;
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
    await database?.cleanup();
  });

  test('the CSV and XLSX templates import into the demo plan as downloaded, each with a code the plan did not have', async () => {
    const before = await planCodes();
    // The collision of issue 13: the demo plan has 2.3, the old fixed example.
    expect(before).toContain('2.3');

    const csvCode = await importTemplate(await signIn('secretariat@demo.example'), 'csv');
    expect(before).not.toContain(csvCode);
    const afterCsv = await planCodes();
    expect(afterCsv).toHaveLength(before.length + 1);
    expect(afterCsv).toContain(csvCode);

    // The next download sees the item just imported and offers the code after it.
    const xlsxCode = await importTemplate(await signIn('admin@demo.example'), 'xlsx');
    expect(xlsxCode).not.toBe(csvCode);
    expect(afterCsv).not.toContain(xlsxCode);
    const afterXlsx = await planCodes();
    expect(afterXlsx).toHaveLength(before.length + 2);

    const imported = await database.db
      .selectFrom('actionItem')
      .innerJoin('institution', 'institution.id', 'actionItem.ownerInstitutionId')
      .select(['actionItem.code', 'actionItem.title', 'actionItem.pillarCode', 'institution.name as owner'])
      .where('actionItem.planId', '=', planId)
      .where('actionItem.code', 'in', [csvCode, xlsxCode])
      .orderBy('actionItem.code')
      .execute();
    expect(imported).toHaveLength(2);
    for (const item of imported) {
      expect(item).toMatchObject({ title: 'Establish a PPP information-sharing platform', pillarCode: 'I', owner: 'Ministry of Security of Bosnia and Herzegovina' });
    }
  });

  test('a member may not download the template', async () => {
    const response = await (await signIn('member@demo.example')).get('/actions/import/template.csv');
    expect(response.status).toBe(403);
  });
});
