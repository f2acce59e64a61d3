import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/** The pages and files of issue 12 §2 over the real server, in the reader's language. */
describe.each(dialects)('content in the reader language over HTTP on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  let secretariat: TestBrowser;

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database));
    secretariat = new TestBrowser(portal.url);
    expect((await secretariat.post('/login', { email: 'secretariat@demo.example', password: DEMO_PASSWORD, redirectTo: '/dashboard' })).status).toBe(302);
  });

  afterAll(async () => {
    await portal?.close();
    await database?.cleanup();
  });

  test('/cbms in Bosnian shows the translation, marked, and the official English text beside it', async () => {
    const html = await (await secretariat.get('/cbms?lng=bs')).text();
    expect(html).toContain('<span lang="bs">Saradnja nadležnih nacionalnih tijela</span>');
    expect(html).toContain('Službeni tekst na engleskom');
    expect(html).toMatch(/<p class="[^"]*" lang="en">Co-operation among competent national bodies<\/p>/);
    const english = await (await secretariat.get('/cbms?lng=en')).text();
    expect(english).toContain('<span lang="en">Co-operation among competent national bodies</span>');
    expect(english).not.toContain('Saradnja nadležnih');
  });

  test('/institutions in Serbian Cyrillic lists the Cyrillic names, and English where there is none', async () => {
    const html = await (await secretariat.get('/institutions?lng=sr-Cyrl')).text();
    expect(html).toContain('Министарство безбједности БиХ');
    expect(html).toMatch(/lang="en"[^>]*>NATO</);
    expect(html).not.toContain('>Ministry of Security of Bosnia and Herzegovina<');
  });

  test('/actions.csv follows the reader: Bosnian with `;`, or the machine file on request', async () => {
    // Buffer keeps the BOM that Response.text() drops.
    const file = async (path: string) => Buffer.from(await (await secretariat.get(path)).arrayBuffer()).toString('utf8');
    const bosnian = await file('/actions.csv?lng=bs');
    expect(bosnian.startsWith('\uFEFFŠifra;Naziv;Opis;Akcioni plan;')).toBe(true);
    expect(bosnian).toContain(';U toku;');
    expect(bosnian).toContain(';Ministarstvo sigurnosti BiH;');
    const machine = await file('/actions.csv?lng=bs&format=machine');
    expect(machine.startsWith('\uFEFFcode,title,description,plan,')).toBe(true);
    expect(machine).toContain(',in_progress,');
    expect(machine).not.toContain('Ministarstvo sigurnosti BiH');
  });

  test('/actions.xlsx in Croatian has Croatian headers and values', async () => {
    const response = await secretariat.get('/actions.xlsx?lng=hr');
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const header = workbook.worksheets[0].getRow(1).values as unknown[];
    expect(header.slice(1, 4)).toEqual(['Šifra', 'Naziv', 'Opis']);
    const statuses = new Set<unknown>();
    workbook.worksheets[0].getColumn(header.indexOf('Status')).eachCell((cell) => statuses.add(cell.value));
    expect(statuses.has('U tijeku')).toBe(true);
    expect(statuses.has('in_progress')).toBe(false);
  });
});
