import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { seedReferenceData } from '../../db/seeds/demo.server.ts';
import { postProgressUpdate } from '../../app/models/action-update.server.ts';
import { setInstitutionNames } from '../../app/models/institution.server.ts';
import { publicSubset } from '../../app/models/public-progress.server.ts';
import { cbmCoverage, getPublicItem, listPublicItemUpdates, listPublicOwners, listPublicProgress, listPublicUpdateFeed, pillarCoverage } from '../../app/services/scoped-reads.server.ts';
import { actionFilters, type ActionFilters } from '../../app/schemas/action-filters.ts';
import { asActionFilters, parsePublicProgressFilters } from '../../app/schemas/public-progress-filters.ts';
import { insertActionItem, makeActionPlan } from '../support/action-items.ts';
import { makeInstitution, makePerson } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { TestBrowser } from '../support/browser.ts';
import { portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { startPortal, type Portal } from '../../server/portal.ts';

const TODAY = '2026-06-15';
const SECRET_NOTE = `Internal note ${crypto.randomUUID()}`;
const SECRET_DESCRIPTION = 'zebracrossing';

test('the public filters keep only what the public is shown', () => {
  const filters = parsePublicProgressFilters(new URLSearchParams('cbm=14&pillar=A&owner=x&sector=private&status=completed&status=bogus&q=cert&priority=high&funding=osce&tag=t&overdue=1&plan=p&page=2'));
  expect(filters).toEqual({ cbm: 14, pillar: 'A', owner: 'x', sector: 'private', status: ['completed'], q: 'cert', page: 2 });
  const full = asActionFilters(filters);
  expect([full.priority, full.funding, full.tag, full.plan, full.overdue]).toEqual([undefined, undefined, undefined, undefined, false]);
});

describe.each(dialects)('public progress reads on %s', (dialect) => {
  let database: TestDatabase;
  const ids: Record<string, string> = {};
  const inst: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const { db } = database;
    await seedReferenceData(db);
    inst.ministry = (await makeInstitution(db, { name: 'Ministry of Security', acronym: 'MS' })).id;
    await setInstitutionNames(db, inst.ministry, { bs: 'Ministarstvo sigurnosti' });
    inst.telecom = (await makeInstitution(db, { name: 'Telecom Operator', sector: 'private' })).id;
    inst.hidden = (await makeInstitution(db, { name: 'Owner of green items only' })).id;
    const author = await makePerson(db, { role: 'secretariat', institutionId: inst.ministry });
    const planId = await makeActionPlan(db, inst.ministry, author.id);
    const base = { planId, createdById: author.id };
    ids.p11 = await insertActionItem(db, { ...base, code: '1.1', title: 'National CSIRT', description: SECRET_DESCRIPTION, cbms: [14, 3], pillarCode: 'A', ownerInstitutionId: inst.ministry, status: 'in_progress', progress: 40, dueDate: '2026-01-01', tlp: 'CLEAR' });
    ids.p21 = await insertActionItem(db, { ...base, code: '2.1', title: 'Operator exercises', cbms: [8], pillarCode: 'D', ownerInstitutionId: inst.telecom, status: 'completed', progress: 100, tlp: 'CLEAR' });
    ids.p31 = await insertActionItem(db, { ...base, code: '3.1', title: 'Roadmap for CERT cooperation', cbms: [14], ownerInstitutionId: inst.telecom, status: 'delayed', tlp: 'CLEAR' });
    ids.g12 = await insertActionItem(db, { ...base, code: '1.2', title: 'Members-only drill', cbms: [14], ownerInstitutionId: inst.hidden, status: 'in_progress', tlp: 'GREEN' });
    ids.r13 = await insertActionItem(db, { ...base, code: '1.3', title: 'Red plan', cbms: [14], ownerInstitutionId: inst.ministry, status: 'in_progress', tlp: 'RED' });
    const update = { authorId: author.id, institutionId: inst.ministry, indicators: {}, evidence: [] };
    await postProgressUpdate(db, { ...update, itemId: ids.p11, date: '2026-05-01', body: SECRET_NOTE, status: 'delayed', progress: 50 });
    await postProgressUpdate(db, { ...update, itemId: ids.p11, date: '2026-05-02', body: `${SECRET_NOTE} (note only)`, status: 'delayed', progress: 50 });
    await postProgressUpdate(db, { ...update, itemId: ids.g12, date: '2026-05-03', body: SECRET_NOTE, status: 'completed', progress: 100, evidence: [{ kind: 'link', url: 'https://example.org/e', description: '' }] });
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  async function codes(partial: Partial<ActionFilters>): Promise<string[]> {
    return (await listPublicProgress(database.db, actionFilters(partial), { limit: 100, offset: 0, today: TODAY })).rows.map((r) => r.code);
  }

  test('every filter narrows the CLEAR items, and nothing else is listed', async () => {
    expect(await codes({})).toEqual(['1.1', '2.1', '3.1']);
    expect(await codes({ cbm: 14 })).toEqual(['1.1', '3.1']);
    expect(await codes({ pillar: 'A' })).toEqual(['1.1']);
    expect(await codes({ owner: inst.telecom })).toEqual(['2.1', '3.1']);
    expect(await codes({ owner: inst.hidden })).toEqual([]);
    expect(await codes({ sector: 'private' })).toEqual(['2.1', '3.1']);
    expect(await codes({ status: ['delayed'] })).toEqual(['1.1', '3.1']);
    expect(await codes({ cbm: 14, status: ['delayed'], sector: 'private' })).toEqual(['3.1']);
    expect(await codes({ q: 'cert' })).toEqual(['3.1']);
    expect(await codes({ q: '2.1' })).toEqual(['2.1']);
  });

  test('the search does not look into descriptions, and rows carry only public columns', async () => {
    expect(await codes({ q: SECRET_DESCRIPTION })).toEqual([]);
    const { rows, total } = await listPublicProgress(database.db, actionFilters({ cbm: 14 }), { limit: 1, offset: 0, today: TODAY, language: 'bs' });
    expect(total).toBe(2);
    expect(rows[0]).toMatchObject({ code: '1.1', ownerName: 'Ministarstvo sigurnosti', ownerAcronym: 'MS', cbms: [3, 14], overdue: true, status: 'delayed', progress: 50 });
    expect(Object.keys(rows[0]).sort()).toEqual(['cbms', 'code', 'dueDate', 'id', 'overdue', 'ownerAcronym', 'ownerInstitutionId', 'ownerName', 'pillarCode', 'primaryCbm', 'progress', 'status', 'title']);
  });

  test('the bars count the filtered items', async () => {
    const all = await cbmCoverage(database.db, 'public', { today: TODAY });
    expect([all.get(14)!.total, all.get(8)!.total, all.get(3)!.total]).toEqual([2, 1, 1]);
    const cbm14 = await cbmCoverage(database.db, 'public', { today: TODAY, only: publicSubset(actionFilters({ cbm: 14, sector: 'private' })) });
    expect([cbm14.get(14)!.total, cbm14.get(8)!.total, cbm14.get(3)!.total]).toEqual([1, 0, 0]);
    const pillars = await pillarCoverage(database.db, 'public', { today: TODAY, only: publicSubset(actionFilters({ status: ['completed'] })) });
    expect([pillars.get('D')!.completed, pillars.get('A')!.total]).toEqual([1, 0]);
    // A description word matches nothing for the public, so the bars are empty rather than counting a hidden match.
    const byWord = await cbmCoverage(database.db, 'public', { today: TODAY, only: publicSubset(actionFilters({ q: SECRET_DESCRIPTION })) });
    expect(byWord.get(14)!.total).toBe(0);
  });

  test('owners, items and updates are the public ones only, without notes', async () => {
    expect((await listPublicOwners(database.db, 'bs')).map((o) => o.name)).toEqual(['Ministarstvo sigurnosti', 'Telecom Operator']);
    const item = await getPublicItem(database.db, ids.p11, 'en');
    expect(item).toMatchObject({ code: '1.1', ownerName: 'Ministry of Security', pillarCode: 'A', cbms: [3, 14] });
    expect(JSON.stringify(item)).not.toContain(SECRET_DESCRIPTION);
    expect(await getPublicItem(database.db, ids.g12)).toBeUndefined();
    expect(await getPublicItem(database.db, ids.r13)).toBeUndefined();
    expect(await getPublicItem(database.db, crypto.randomUUID())).toBeUndefined();

    const updates = await listPublicItemUpdates(database.db, ids.p11);
    // The note-only update changed nothing public, so it is not listed.
    expect(updates).toEqual([expect.objectContaining({ date: '2026-05-01', statusFrom: 'in_progress', statusTo: 'delayed', progressFrom: 40, progressTo: 50 })]);
    expect(Object.keys(updates[0]).sort()).toEqual(['createdAt', 'date', 'id', 'itemId', 'progressFrom', 'progressTo', 'statusFrom', 'statusTo']);
    expect(await listPublicItemUpdates(database.db, ids.g12)).toEqual([]);
    const feed = await listPublicUpdateFeed(database.db, 50);
    expect(feed.map((u) => u.code)).toEqual(['1.1']);
    expect(JSON.stringify(feed)).not.toContain(SECRET_NOTE);
  });

  test('an item reclassified above CLEAR leaves every public read at once', async () => {
    const { db } = database;
    const id = await insertActionItem(db, { planId: (await db.selectFrom('actionItem').select('planId').where('id', '=', ids.p11).executeTakeFirstOrThrow()).planId, createdById: (await makePerson(db)).id, code: '9.1', ownerInstitutionId: inst.ministry, tlp: 'CLEAR' });
    await postProgressUpdate(db, { itemId: id, authorId: (await makePerson(db, { institutionId: inst.ministry })).id, institutionId: inst.ministry, date: '2026-06-01', body: 'x', status: 'in_progress', progress: 10, indicators: {}, evidence: [] });
    expect(await codes({ q: '9.1' })).toEqual(['9.1']);
    expect((await listPublicUpdateFeed(db, 50)).map((u) => u.code)).toContain('9.1');
    await db.updateTable('actionItem').set({ tlp: 'GREEN' }).where('id', '=', id).execute();
    expect(await codes({ q: '9.1' })).toEqual([]);
    expect(await getPublicItem(db, id)).toBeUndefined();
    expect((await listPublicUpdateFeed(db, 50)).map((u) => u.code)).not.toContain('9.1');
    expect((await listPublicOwners(db)).map((o) => o.id)).not.toContain(inst.hidden);
  });
});

describe.each(dialects)('public progress pages over HTTP on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  const run = crypto.randomUUID().slice(0, 8);
  const titles = { clear: `Public roadmap ${run}`, other: `Public awareness ${run}`, green: `Members-only drill ${run}`, red: `Red plan ${run}` };
  const ids: Record<string, string> = {};
  let ownerId: string;

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database));
    const { db } = portal.services;
    const member = await db.selectFrom('user').select(['id', 'institutionId']).where('email', '=', 'member@demo.example').executeTakeFirstOrThrow();
    const secretariat = await db.selectFrom('user').select(['id', 'institutionId']).where('email', '=', 'secretariat@demo.example').executeTakeFirstOrThrow();
    ownerId = member.institutionId;
    const planId = await makeActionPlan(db, secretariat.institutionId, secretariat.id);
    const base = { planId, createdById: secretariat.id, ownerInstitutionId: member.institutionId };
    ids.clear = await insertActionItem(db, { ...base, code: `Z${run}.1`, title: titles.clear, description: SECRET_DESCRIPTION, cbms: [14], status: 'in_progress', progress: 20, tlp: 'CLEAR' });
    ids.other = await insertActionItem(db, { ...base, code: `Z${run}.2`, title: titles.other, cbms: [3], status: 'in_progress', tlp: 'CLEAR' });
    ids.green = await insertActionItem(db, { ...base, code: `Z${run}.3`, title: titles.green, cbms: [14], status: 'in_progress', tlp: 'GREEN' });
    ids.red = await insertActionItem(db, { ...base, code: `Z${run}.4`, title: titles.red, cbms: [14], status: 'in_progress', tlp: 'RED' });
    const update = { authorId: member.id, institutionId: member.institutionId, indicators: {}, evidence: [] };
    await postProgressUpdate(portal.services.db, { ...update, itemId: ids.clear, date: '2026-05-01', body: SECRET_NOTE, status: 'delayed', progress: 30 });
    await postProgressUpdate(portal.services.db, { ...update, itemId: ids.green, date: '2026-05-01', body: SECRET_NOTE, status: 'delayed', progress: 30 });
  });

  afterAll(async () => {
    await portal?.close();
    await database?.cleanup();
  });

  const hidden = () => [titles.green, titles.red, SECRET_NOTE, SECRET_DESCRIPTION, 'Lejla Kovačević'];

  test('the filtered page lists the CLEAR match only, links it, and keeps the filter in pagination and the CSV link', async () => {
    const response = await new TestBrowser(portal.url).get(`/progress?cbm=14&status=delayed&q=Z${run}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    const html = await response.text();
    expect(html).toContain(titles.clear);
    expect(html).not.toContain(titles.other);
    for (const text of hidden()) expect(html).not.toContain(text);
    expect(html).toContain(`href="/progress/items/${ids.clear}"`);
    expect(html).toContain(`href="/progress.csv?cbm=14&amp;status=delayed&amp;q=Z${run}"`);
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" href="/progress.atom"/>');
    expect(html).toMatch(/<link rel="alternate" hrefLang="bs" href="[^"]*\/progress\?cbm=14&amp;status=delayed&amp;q=Z[^"]*lng=bs"\/>/);
    // The form shows the public fields only, with the choices made.
    expect(html).toContain('<option value="14" selected="">');
    expect(html).not.toContain('name="priority"');
    expect(html).not.toContain('name="overdue"');
  });

  test('the ETag follows the content: a 304 while nothing changes, a new page after a status change', async () => {
    const browser = new TestBrowser(portal.url);
    const path = `/progress?q=Z${run}`;
    const first = await browser.get(path);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await browser.request(path, { method: 'GET', headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const otherFilter = await browser.request(`/progress?q=Z${run}&cbm=3`, { method: 'GET', headers: { 'if-none-match': etag } });
    expect(otherFilter.status).toBe(200);
    const member = await portal.services.db.selectFrom('user').select(['id', 'institutionId']).where('email', '=', 'member@demo.example').executeTakeFirstOrThrow();
    await postProgressUpdate(portal.services.db, { itemId: ids.other, authorId: member.id, institutionId: member.institutionId, date: '2026-06-01', body: 'x', status: 'completed', progress: 100, indicators: {}, evidence: [{ kind: 'link', url: 'https://example.org/done', description: '' }] });
    const changed = await browser.request(path, { method: 'GET', headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  test('an item page shows the public fields and changes, never the note; other items are a 404', async () => {
    const browser = new TestBrowser(portal.url);
    const page = await browser.get(`/progress/items/${ids.clear}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(titles.clear);
    expect(html).toContain('Status In progress → Delayed, progress 20\u00a0% → 30\u00a0%');
    expect(html).toContain('(MSB)');
    for (const text of hidden()) expect(html).not.toContain(text);
    for (const id of [ids.green, ids.red, crypto.randomUUID(), 'not-an-id']) {
      const missing = await browser.get(`/progress/items/${id}`);
      expect(missing.status, id).toBe(404);
      const text = await missing.text();
      expect(text).toContain('href="/progress"');
      expect(text).not.toContain(titles.green);
    }
  });

  test('the CSV has the filter, localised headers and the CLEAR items only', async () => {
    const browser = new TestBrowser(portal.url);
    const response = await browser.get(`/progress.csv?q=Z${run}&lng=bs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await response.text();
    for (const secret of hidden()) expect(text).not.toContain(secret);
    const rows = parse(text.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(rows[0]).toEqual(['Šifra', 'Naziv', 'Stub', 'Mjere (CBM)', 'Primarna mjera (CBM)', 'Nosilac', 'Status', 'Rok', 'Napredak (%)']);
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual([titles.other, titles.clear].sort());
    expect(rows.find((r) => r[1] === titles.clear)![6]).toBe('Kasni');
    expect(rows.find((r) => r[1] === titles.clear)![5]).toBe('Ministarstvo sigurnosti BiH');
    const machine = parse((await (await browser.get(`/progress.csv?q=Z${run}&cbm=14&format=machine`)).text()).replace(/^\uFEFF/, '')) as string[][];
    expect(machine).toEqual([
      ['code', 'title', 'pillar', 'cbms', 'primary_cbm', 'owner', 'status', 'due_date', 'progress'],
      [`Z${run}.1`, titles.clear, '', '14', '14', 'Ministry of Security of Bosnia and Herzegovina', 'delayed', '', '30'],
    ]);
  });

  test('the sitemap lists the public item pages only', async () => {
    const xml = await (await new TestBrowser(portal.url).get('/sitemap.xml')).text();
    expect(xml).toContain(`/progress/items/${ids.clear}</loc>`);
    expect(xml).not.toContain(ids.green);
    expect(xml).not.toContain(ids.red);
  });

  test('pagination keeps the filter', async () => {
    const { db } = portal.services;
    const secretariat = await db.selectFrom('user').select(['id', 'institutionId']).where('email', '=', 'secretariat@demo.example').executeTakeFirstOrThrow();
    const planId = await makeActionPlan(db, secretariat.institutionId, secretariat.id);
    // One more than a page (100) of public items under one search word.
    for (let i = 0; i < 101; i++) {
      await insertActionItem(db, { planId, createdById: secretariat.id, ownerInstitutionId: ownerId, code: `P${run}.${String(i).padStart(3, '0')}`, cbms: [5], status: 'not_started', tlp: 'CLEAR' });
    }
    const browser = new TestBrowser(portal.url);
    const first = await (await browser.get(`/progress?q=P${run}&cbm=5`)).text();
    expect(first).toContain(`href="/progress?cbm=5&amp;q=P${run}&amp;page=2"`);
    expect(first).toContain(`P${run}.099`);
    expect(first).not.toContain(`P${run}.100`);
    const second = await (await browser.get(`/progress?cbm=5&q=P${run}&page=2`)).text();
    expect(second).toContain(`P${run}.100`);
    expect(second).not.toContain(`P${run}.099`);
    expect(second).toContain(`href="/progress?cbm=5&amp;q=P${run}"`);
  });

  test('the Atom feed lists the public changes without notes, and links the item page', async () => {
    const response = await new TestBrowser(portal.url).get('/progress.atom');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await response.text();
    expect(xml).toContain(`<title>Z${run}.1 ${titles.clear}: status In progress → Delayed, progress 20\u00a0% → 30\u00a0%</title>`);
    expect(xml).toContain(`/progress/items/${ids.clear}"/>`);
    for (const text of hidden()) expect(xml).not.toContain(text);
    expect(xml).not.toContain(ids.green);
    expect(ownerId).toBeTruthy();
  });
});
