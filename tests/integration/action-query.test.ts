import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TLP_LABELS, type Role } from '../../db/schema.ts';
import { seedReferenceData } from '../../db/seeds/demo.server.ts';
import {
  cbmCoverage,
  iterateActionItems,
  listInstitutionItems,
  listPublicProgress,
  pillarCoverage,
  queryActionItemPage,
  queryActionItems,
  trackerSummary,
} from '../../app/services/scoped-reads.server.ts';
import { mayReadItem } from '../../app/policies/action-item-access.ts';
import type { Actor } from '../../app/policies/permissions.ts';
import { actionFilters, filtersToSearchParams, parseActionFilters, type ActionFilters } from '../../app/schemas/action-filters.ts';
import { isDueSoon, isOverdue } from '../../app/utils/action-dates.ts';
import { insertActionItem, makeActionPlan } from '../support/action-items.ts';
import { makeInstitution, makePerson } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { TestBrowser } from '../support/browser.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { startPortal, type Portal } from '../../server/portal.ts';

const TODAY = '2026-06-15';

describe('action filters in the URL', () => {
  test('parse every filter, keep repeated statuses and drop what is malformed', () => {
    const filters = parseActionFilters(
      new URLSearchParams(
        'cbm=14&pillar=A&owner=inst-1&sector=private&status=in_progress&status=bogus&status=delayed&priority=high&overdue=1&dueSoon=1&stale=1&funding=eu_ipa&q=%20cert%20&tag=ppp&plan=p-1&sort=due&dir=desc&page=3',
      ),
    );
    expect(filters).toEqual({
      cbm: 14,
      pillar: 'A',
      owner: 'inst-1',
      sector: 'private',
      status: ['in_progress', 'delayed'],
      priority: 'high',
      overdue: true,
      dueSoon: true,
      stale: true,
      funding: 'eu_ipa',
      q: 'cert',
      tag: 'ppp',
      plan: 'p-1',
      sort: 'due',
      dir: 'desc',
      page: 3,
      cols: [],
    });
    const bad = parseActionFilters(new URLSearchParams('cbm=17&sector=pirates&priority=urgent&funding=x&sort=x&dir=up&page=-2&overdue=yes'));
    expect(bad).toEqual(actionFilters());
  });

  test('filtersToSearchParams writes only what narrows, and reads back the same filters', () => {
    const filters = actionFilters({ cbm: 14, status: ['in_progress', 'delayed'], overdue: true, q: 'cert', page: 1 });
    const params = filtersToSearchParams(filters);
    expect(params.toString()).toBe('cbm=14&status=in_progress&status=delayed&overdue=1&q=cert');
    expect(parseActionFilters(params)).toEqual({ ...filters, page: undefined });
    expect(filtersToSearchParams(filters, { sort: 'due', page: 2 }).toString()).toBe('cbm=14&status=in_progress&status=delayed&overdue=1&q=cert&sort=due&page=2');
  });

  test('overdue and due soon count calendar days in Sarajevo and ignore closed items', () => {
    expect(isOverdue({ status: 'in_progress', dueDate: '2026-06-14' }, TODAY)).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueDate: TODAY }, TODAY)).toBe(false);
    expect(isOverdue({ status: 'completed', dueDate: '2026-01-01' }, TODAY)).toBe(false);
    expect(isOverdue({ status: 'delayed', dueDate: null }, TODAY)).toBe(false);
    expect(isDueSoon({ status: 'on_hold', dueDate: '2026-07-15' }, TODAY)).toBe(true);
    expect(isDueSoon({ status: 'on_hold', dueDate: '2026-07-16' }, TODAY)).toBe(false);
    expect(isDueSoon({ status: 'cancelled', dueDate: TODAY }, TODAY)).toBe(false);
  });
});

describe.each(dialects)('action item queries on %s', (dialect) => {
  let database: TestDatabase;
  let instA: string;
  let instB: string;
  let instC: string;
  let secretariat: Actor;
  let memberA: Actor;
  let planId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const { db } = database;
    await seedReferenceData(db);
    instA = (await makeInstitution(db, { sector: 'public' })).id;
    instB = (await makeInstitution(db, { sector: 'private' })).id;
    instC = (await makeInstitution(db, { sector: 'academic' })).id;
    const sec = await makePerson(db, { institutionId: instC, role: 'secretariat' });
    secretariat = { id: sec.id, role: 'secretariat', institutionId: instC };
    const mem = await makePerson(db, { institutionId: instA, role: 'member' });
    memberA = { id: mem.id, role: 'member', institutionId: instA };
    planId = await makeActionPlan(db, instA, sec.id);
    const recent = '2026-06-10T08:00:00.000Z';
    const base = { planId, createdById: sec.id, lastUpdateAt: recent, updatedAt: recent };
    ids.i1 = await insertActionItem(db, {
      ...base,
      code: '1.1',
      title: 'Nacionalni CERT i saradnja',
      cbms: [14, 3],
      pillarCode: 'A',
      ownerInstitutionId: instA,
      status: 'in_progress',
      priority: 'high',
      startDate: '2026-01-01',
      dueDate: '2026-06-01',
      progress: 40,
      fundingSource: 'eu_ipa',
      tags: ['cert'],
      tlp: 'CLEAR',
    });
    ids.i2 = await insertActionItem(db, {
      ...base,
      code: '1.2',
      title: 'Public-private partnership forum',
      cbms: [14],
      pillarCode: 'B',
      ownerInstitutionId: instB,
      status: 'completed',
      priority: 'medium',
      dueDate: '2026-05-01',
      progress: 100,
      fundingSource: 'osce',
      tags: ['ppp'],
      tlp: 'CLEAR',
    });
    ids.i3 = await insertActionItem(db, {
      ...base,
      code: '2.1',
      title: 'Šifriranje ČVOROVA',
      description: 'Zaštita kritične infrastrukture',
      cbms: [15],
      pillarCode: 'A',
      ownerInstitutionId: instB,
      supporterIds: [instA],
      status: 'not_started',
      priority: 'low',
      dueDate: '2026-07-01',
      progress: 0,
      fundingSource: 'national_budget',
      lastUpdateAt: '2026-03-01T10:00:00.000Z',
      tlp: 'GREEN',
    });
    ids.i4 = await insertActionItem(db, {
      ...base,
      code: '2.2',
      title: 'Awareness 100% campaign',
      cbms: [8],
      ownerInstitutionId: instA,
      status: 'cancelled',
      priority: 'medium',
      dueDate: '2026-01-01',
      progress: 10,
      lastUpdateAt: '2026-01-01T10:00:00.000Z',
      tlp: 'AMBER',
    });
    ids.i5 = await insertActionItem(db, {
      ...base,
      code: '10.1',
      title: 'Research network',
      cbms: [14, 15],
      ownerInstitutionId: instC,
      status: 'delayed',
      priority: 'medium',
      progress: 20,
      fundingSource: 'other_donor',
      tlp: 'GREEN',
    });
    ids.i6 = await insertActionItem(db, {
      ...base,
      code: '3.1',
      title: 'Incident reporting rules',
      cbms: [3],
      pillarCode: 'B',
      ownerInstitutionId: instC,
      status: 'completed',
      priority: 'high',
      startDate: '2025-10-01',
      dueDate: '2026-02-01',
      progress: 100,
      updatedAt: '2026-03-05T09:00:00.000Z',
      tlp: 'CLEAR',
    });
    ids.i7 = await insertActionItem(db, { ...base, code: '9.9', title: 'Classified exercise', cbms: [14], ownerInstitutionId: instA, status: 'in_progress', tlp: 'RED' });
    // i2 was completed on 20 April, before its due date (1 May); i6 has no such update, so its last change (5 March) counts, after 1 February.
    await db
      .insertInto('actionUpdate')
      .values({
        id: crypto.randomUUID(),
        itemId: ids.i2,
        authorId: sec.id,
        institutionId: instB,
        date: '2026-04-20',
        body: 'Done',
        statusFrom: 'in_progress',
        statusTo: 'completed',
        progressFrom: 80,
        progressTo: 100,
        createdAt: '2026-04-20T10:00:00.000Z',
      })
      .execute();
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  const codes = async (filters: Partial<ActionFilters>, actor: Actor = secretariat) =>
    (await queryActionItems(database.db, actor, actionFilters({ plan: planId, ...filters }), { today: TODAY })).rows.map((r) => r.code);

  test('each filter narrows the list in SQL', async () => {
    expect(await codes({})).toEqual(['1.1', '1.2', '10.1', '2.1', '2.2', '3.1']);
    expect(await codes({ cbm: 14 })).toEqual(['1.1', '1.2', '10.1']);
    expect(await codes({ cbm: 3 })).toEqual(['1.1', '3.1']);
    expect(await codes({ pillar: 'A' })).toEqual(['1.1', '2.1']);
    expect(await codes({ owner: instA })).toEqual(['1.1', '2.2']);
    expect(await codes({ sector: 'private' })).toEqual(['1.2', '2.1']);
    expect(await codes({ status: ['in_progress', 'delayed'] })).toEqual(['1.1', '10.1']);
    expect(await codes({ priority: 'high' })).toEqual(['1.1', '3.1']);
    expect(await codes({ overdue: true })).toEqual(['1.1']);
    expect(await codes({ dueSoon: true })).toEqual(['2.1']);
    expect(await codes({ stale: true })).toEqual(['2.1']);
    expect(await codes({ funding: 'eu_ipa' })).toEqual(['1.1']);
    expect(await codes({ funding: 'other_donor' })).toEqual(['10.1']);
    expect(await codes({ tag: 'ppp' })).toEqual(['1.2']);
    expect(await codes({ cbm: 14, status: ['in_progress'] })).toEqual(['1.1']);
    expect(await codes({ cbm: 14, sector: 'private', funding: 'osce' })).toEqual(['1.2']);
    expect(await codes({ plan: 'no-such-plan' })).toEqual([]);
  });

  test('text search ignores case and Bosnian diacritics, and treats % literally', async () => {
    expect(await codes({ q: 'sifriranje' })).toEqual(['2.1']);
    expect(await codes({ q: 'ČVOROVA' })).toEqual(['2.1']);
    expect(await codes({ q: 'cvorova' })).toEqual(['2.1']);
    expect(await codes({ q: 'zastita kriticne' })).toEqual(['2.1']);
    expect(await codes({ q: 'PARTNERSHIP forum' })).toEqual(['1.2']);
    expect(await codes({ q: 'partnership incident' })).toEqual([]);
    expect(await codes({ q: '100%' })).toEqual(['2.2']);
    expect(await codes({ q: '0%' })).toEqual(['2.2']);
    expect(await codes({ q: '1.1' })).toEqual(['1.1']);
  });

  test('rows carry owner, CBMs, pillar and an overdue flag that matches the overdue filter', async () => {
    const { rows, total } = await queryActionItems(database.db, secretariat, actionFilters({ plan: planId }), { today: TODAY });
    expect(total).toBe(6);
    const i1 = rows.find((r) => r.code === '1.1')!;
    expect(i1).toMatchObject({ primaryCbm: 14, cbms: [3, 14], pillarCode: 'A', ownerInstitutionId: instA, ownerSector: 'public', status: 'in_progress', progress: 40, overdue: true });
    expect(typeof i1.pillarName).toBe('string');
    for (const row of rows) {
      expect(row.overdue, row.code).toBe(row.code === '1.1');
      expect(isDueSoon(row, TODAY), row.code).toBe(row.code === '2.1');
    }
  });

  test('sorting by every column, with ties broken by code and dates missing last', async () => {
    expect(await codes({ sort: 'code', dir: 'desc' })).toEqual(['3.1', '2.2', '2.1', '10.1', '1.2', '1.1']);
    expect(await codes({ sort: 'due' })).toEqual(['2.2', '3.1', '1.2', '1.1', '2.1', '10.1']);
    expect(await codes({ sort: 'due', dir: 'desc' })).toEqual(['2.1', '1.1', '1.2', '3.1', '2.2', '10.1']);
    expect(await codes({ sort: 'status' })).toEqual(['2.1', '1.1', '1.2', '3.1', '10.1', '2.2']);
    expect(await codes({ sort: 'priority' })).toEqual(['1.1', '3.1', '1.2', '10.1', '2.2', '2.1']);
    expect(await codes({ sort: 'progress', dir: 'desc' })).toEqual(['1.2', '3.1', '1.1', '10.1', '2.2', '2.1']);
    expect(await codes({ sort: 'updated' })).toEqual(['1.1', '1.2', '10.1', '2.1', '2.2', '3.1']);
    expect(await codes({ sort: 'updated', dir: 'asc' })).toEqual(['3.1', '1.1', '1.2', '10.1', '2.1', '2.2']);
    const byOwner = await queryActionItems(database.db, secretariat, actionFilters({ plan: planId, sort: 'owner' }), { today: TODAY });
    const names = byOwner.rows.map((r) => r.ownerName.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  test('pages by a cursor on the sort key and id, forwards and back, for every sort, direction and page size', async () => {
    const sorts = ['code', 'due', 'status', 'priority', 'progress', 'updated', 'owner'] as const;
    for (const sort of sorts) {
      for (const dir of ['asc', 'desc'] as const) {
        // Page sizes that put a page boundary at every row, so some page spans the items with and without a due date.
        for (const pageSize of [1, 2, 4]) {
          const filters = actionFilters({ plan: planId, sort, dir });
          const all = (await queryActionItems(database.db, secretariat, filters, { today: TODAY })).rows.map((r) => r.code);
          const forwards: string[] = [];
          const starts: number[] = [];
          let page = await queryActionItemPage(database.db, secretariat, filters, { today: TODAY, pageSize });
          expect(page.previous).toBeNull();
          for (;;) {
            forwards.push(...page.rows.map((r) => r.code));
            starts.push(page.start);
            expect(page.total).toBe(6);
            if (!page.next) break;
            // Through the URL, as the page's links go.
            const next = parseActionFilters(filtersToSearchParams(filters, { cursor: page.next }));
            page = await queryActionItemPage(database.db, secretariat, next, { today: TODAY, pageSize });
          }
          const expectedStarts = Array.from({ length: Math.ceil(6 / pageSize) }, (_, i) => i * pageSize);
          expect({ sort, dir, pageSize, codes: forwards, starts }).toEqual({ sort, dir, pageSize, codes: all, starts: expectedStarts });
          const lastStart = page.start;
          const backwards: string[][] = [];
          while (page.previous) {
            page = await queryActionItemPage(database.db, secretariat, { ...filters, cursor: page.previous }, { today: TODAY, pageSize });
            backwards.unshift(page.rows.map((r) => r.code));
          }
          expect({ sort, dir, pageSize, codes: backwards.flat() }).toEqual({ sort, dir, pageSize, codes: all.slice(0, lastStart) });
          expect(page.start).toBe(0);
        }
      }
    }
  });

  test('a cursor that is forged, of another sort or past the end opens the first page', async () => {
    const filters = actionFilters({ plan: planId, sort: 'due' });
    const first = await queryActionItemPage(database.db, secretariat, filters, { today: TODAY, pageSize: 2 });
    const firstCodes = first.rows.map((r) => r.code);
    const other = { ...first.next!, s: 'owner-asc' };
    const wrongShape = { ...first.next!, k: [1, 2, 3, 4] };
    const pastTheEnd = { d: 'after' as const, s: 'due-asc', k: [1, null, '99.9', 'zzz'], o: 5000 };
    for (const cursor of [other, wrongShape, pastTheEnd]) {
      const page = await queryActionItemPage(database.db, secretariat, { ...filters, cursor }, { today: TODAY, pageSize: 2 });
      expect(page.rows.map((r) => r.code)).toEqual(firstCodes);
      expect(page.start).toBe(0);
    }
    for (const text of ['not-base64!', btoa('{"d":"after"}'), btoa('[1,2]'), 'x'.repeat(3000)]) {
      expect(parseActionFilters(new URLSearchParams({ cursor: text })).cursor).toBeUndefined();
    }
    const page = await queryActionItemPage(database.db, secretariat, filters, { today: TODAY });
    expect(page).toMatchObject({ total: 6, pageSize: 50, start: 0, next: null, previous: null });
    expect(page.rows).toHaveLength(6);
  });

  test('queryActionItems still reads from an offset, with the total', async () => {
    const page = await queryActionItems(database.db, secretariat, actionFilters({ plan: planId }), { today: TODAY, limit: 2, offset: 2 });
    expect(page.total).toBe(6);
    expect(page.rows.map((r) => r.code)).toEqual(['10.1', '2.1']);
  });

  test('iterateActionItems yields every matching row in batches, with export details', async () => {
    const seen = [];
    for await (const row of iterateActionItems(database.db, secretariat, actionFilters({ plan: planId }), { today: TODAY, batchSize: 4 })) seen.push(row);
    expect(seen.map((r) => r.code)).toEqual(['1.1', '1.2', '10.1', '2.1', '2.2', '3.1']);
    const i3 = seen.find((r) => r.code === '2.1')!;
    expect(i3.description).toBe('Zaštita kritične infrastrukture');
    expect(i3.supporters.map((s) => s.id)).toEqual([instA]);
    expect(seen.find((r) => r.code === '1.1')!.tags).toEqual(['cert']);
  });

  test('the CBM matrix counts items by CBM and status, with overdue counts, readable items only', async () => {
    const matrix = await cbmCoverage(database.db, secretariat, { today: TODAY });
    expect([...matrix.keys()]).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(matrix.get(14)).toMatchObject({ total: 3, completed: 1, percentCompleted: 33, overdue: 1 });
    expect(matrix.get(14)!.counts).toMatchObject({ in_progress: 1, completed: 1, delayed: 1, not_started: 0 });
    expect(matrix.get(3)).toMatchObject({ total: 2, completed: 1, percentCompleted: 50, overdue: 1 });
    expect(matrix.get(15)).toMatchObject({ total: 2, completed: 0, percentCompleted: 0, overdue: 0 });
    expect(matrix.get(8)).toMatchObject({ total: 1, overdue: 0 });
    expect(matrix.get(1)).toMatchObject({ total: 0, percentCompleted: null });
    // The RED item is its owner's alone.
    expect((await cbmCoverage(database.db, memberA, { today: TODAY })).get(14)!.total).toBe(4);
    const publicMatrix = await cbmCoverage(database.db, 'public', { today: TODAY });
    expect(publicMatrix.get(14)!.total).toBe(2);
    expect(publicMatrix.get(15)!.total).toBe(0);
  });

  test('coverage by pillar, items without a pillar under ""', async () => {
    const pillars = await pillarCoverage(database.db, secretariat, { today: TODAY });
    expect(pillars.get('A')).toMatchObject({ total: 2, overdue: 1, completed: 0 });
    expect(pillars.get('B')).toMatchObject({ total: 2, completed: 2, percentCompleted: 100 });
    expect(pillars.get('')).toMatchObject({ total: 2 });
    expect(pillars.get('I')).toMatchObject({ total: 0 });
  });

  test('dashboard numbers: totals, overdue, due soon, stale and on-time rates', async () => {
    const summary = await trackerSummary(database.db, secretariat, { today: TODAY });
    expect(summary).toEqual({
      byStatus: { not_started: 1, in_progress: 1, completed: 2, delayed: 1, on_hold: 0, cancelled: 1 },
      total: 6,
      open: 3,
      overdue: 1,
      dueSoon: 1,
      stale: 1,
      openOnTrack: 2,
      completedWithDueDate: 2,
      completedOnTime: 1,
    });
  });

  test('the institution view lists owned and supported items, overdue first', async () => {
    const rows = await listInstitutionItems(database.db, secretariat, instA, { today: TODAY });
    expect(rows.map((r) => [r.code, r.role, r.overdue])).toEqual([
      ['1.1', 'owner', true],
      ['2.2', 'owner', false],
      ['2.1', 'supporter', false],
    ]);
    // Its own members also see its RED item.
    expect((await listInstitutionItems(database.db, memberA, instA, { today: TODAY })).map((r) => r.code)).toContain('9.9');
  });

  test('public items are the TLP:CLEAR ones only', async () => {
    const { rows, total } = await listPublicProgress(database.db, actionFilters(), { limit: 100, offset: 0, today: TODAY });
    expect(total).toBe(3);
    expect(rows.map((r) => r.code)).toEqual(['1.1', '1.2', '3.1']);
    expect(Object.keys(rows[0]).sort()).toEqual(['cbms', 'code', 'dueDate', 'id', 'overdue', 'ownerAcronym', 'ownerInstitutionId', 'ownerName', 'pillarCode', 'primaryCbm', 'progress', 'status', 'title']);
  });

  // Last: it adds items of its own, which the whole-tracker numbers above do not expect.
  test('by due date, pages cross from the dated items to the undated ones and back, with a CBM filter', async () => {
    const { db } = database;
    const plan = await makeActionPlan(db, instA, secretariat.id);
    const dues = ['2026-03-01', null, '2026-01-01', null, '2026-03-01', null, '2026-02-01'];
    for (const [i, dueDate] of dues.entries()) {
      await insertActionItem(db, { planId: plan, code: `D.${i}`, ownerInstitutionId: instA, createdById: secretariat.id, dueDate, cbms: [i % 2 === 0 ? 4 : 5, 7] });
    }
    for (const dir of ['asc', 'desc'] as const) {
      for (const extra of [{}, { cbm: 7 }]) {
        const filters = actionFilters({ plan, sort: 'due', dir, ...extra });
        const all = (await queryActionItems(db, secretariat, filters, { today: TODAY })).rows.map((r) => r.code);
        // Undated last both ways, code order among equal dates.
        expect(all.slice(-3)).toEqual(['D.1', 'D.3', 'D.5']);
        for (const pageSize of [1, 2, 3]) {
          const pages: string[][] = [];
          let page = await queryActionItemPage(db, secretariat, filters, { today: TODAY, pageSize });
          pages.push(page.rows.map((r) => r.code));
          while (page.next) {
            page = await queryActionItemPage(db, secretariat, { ...filters, cursor: page.next }, { today: TODAY, pageSize });
            pages.push(page.rows.map((r) => r.code));
          }
          expect({ dir, extra, pageSize, codes: pages.flat() }).toEqual({ dir, extra, pageSize, codes: all });
          for (let i = pages.length - 2; i >= 0; i--) {
            page = await queryActionItemPage(db, secretariat, { ...filters, cursor: page.previous! }, { today: TODAY, pageSize });
            expect({ dir, pageSize, i, codes: page.rows.map((r) => r.code) }).toEqual({ dir, pageSize, i, codes: pages[i] });
          }
          expect(page.previous).toBeNull();
        }
      }
    }
  });
});

describe.each(dialects)('action item readability on %s: SQL == policy', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await seedReferenceData(database.db);
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  test('lists and aggregates show exactly the items mayReadItem allows', async () => {
    const { db } = database;
    const owner = (await makeInstitution(db)).id;
    const supporter = (await makeInstitution(db)).id;
    const outsider = (await makeInstitution(db)).id;
    const author = await makePerson(db, { institutionId: outsider, role: 'secretariat' });
    const planId = await makeActionPlan(db, owner, author.id);
    const items: { id: string; tlp: (typeof TLP_LABELS)[number]; ownerInstitutionId: string; supporterIds: string[] }[] = [];
    for (const tlp of TLP_LABELS) {
      for (const [itemOwner, supporters] of [
        [owner, [supporter]],
        [supporter, []],
        [outsider, [owner, supporter]],
      ] as [string, string[]][]) {
        const id = await insertActionItem(db, { planId, ownerInstitutionId: itemOwner, supporterIds: supporters, tlp, createdById: author.id, cbms: [14, 2], dueDate: '2026-01-01', status: 'in_progress' });
        items.push({ id, tlp, ownerInstitutionId: itemOwner, supporterIds: supporters });
      }
    }
    const actors: Actor[] = [];
    for (const role of ['admin', 'secretariat', 'member', 'observer'] as Role[]) {
      for (const institutionId of [owner, supporter, outsider]) {
        const person = await makePerson(db, { institutionId, role });
        actors.push({ id: person.id, role, institutionId });
      }
    }
    for (const actor of actors) {
      const label = `${actor.role}@${actor.institutionId === owner ? 'owner' : actor.institutionId === supporter ? 'supporter' : 'outsider'}`;
      const listed = new Set((await queryActionItems(db, actor, actionFilters({ plan: planId }), { today: TODAY })).rows.map((r) => r.id));
      const expected = items.filter((item) => mayReadItem(actor, item));
      for (const item of items) expect(listed.has(item.id), `${label} on TLP:${item.tlp}`).toBe(mayReadItem(actor, item));
      const matrix = await cbmCoverage(db, actor, { today: TODAY });
      expect(matrix.get(14)!.total, label).toBe(expected.length);
      expect(matrix.get(14)!.overdue, label).toBe(expected.length);
      expect((await trackerSummary(db, actor, { today: TODAY })).total, label).toBe(expected.length);
      const involved = expected.filter((i) => i.ownerInstitutionId === owner || i.supporterIds.includes(owner));
      expect((await listInstitutionItems(db, actor, owner, { today: TODAY })).length, label).toBe(involved.length);
    }
    // The public sees CLEAR only, and nothing AMBER or above.
    const publicMatrix = await cbmCoverage(db, 'public', { today: TODAY });
    expect(publicMatrix.get(14)!.total).toBe(items.filter((i) => i.tlp === 'CLEAR').length);
  });
});

describe.each(dialects)('tracker pages over HTTP on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  const titles = { clear: `Public CERT roadmap ${crypto.randomUUID()}`, green: `Members-only drill ${crypto.randomUUID()}`, amber: `Amber exercise ${crypto.randomUUID()}`, red: `Red plan ${crypto.randomUUID()}` };
  const notes = `Internal note ${crypto.randomUUID()}`;
  let memberInstitutionId: string;

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database));
    const { db } = portal.services;
    const member = await db.selectFrom('user').select(['id', 'institutionId']).where('email', '=', 'member@demo.example').executeTakeFirstOrThrow();
    const secretariat = await db.selectFrom('user').select(['id', 'institutionId']).where('email', '=', 'secretariat@demo.example').executeTakeFirstOrThrow();
    memberInstitutionId = member.institutionId;
    const other = (await makeInstitution(db)).id;
    const planId = await makeActionPlan(db, secretariat.institutionId, secretariat.id);
    const base = { planId, createdById: secretariat.id, cbms: [14], dueDate: '2020-01-01', status: 'in_progress' as const };
    const clearId = await insertActionItem(db, { ...base, code: 'H.1', title: titles.clear, description: 'Public description', ownerInstitutionId: member.institutionId, tlp: 'CLEAR' });
    await insertActionItem(db, { ...base, code: 'H.2', title: titles.green, ownerInstitutionId: member.institutionId, tlp: 'GREEN' });
    await insertActionItem(db, { ...base, code: 'H.3', title: titles.amber, ownerInstitutionId: other, tlp: 'AMBER' });
    await insertActionItem(db, { ...base, code: 'H.4', title: titles.red, ownerInstitutionId: member.institutionId, tlp: 'RED' });
    await db
      .insertInto('actionUpdate')
      .values({ id: crypto.randomUUID(), itemId: clearId, authorId: member.id, institutionId: member.institutionId, date: '2026-01-01', body: notes, statusFrom: null, statusTo: null, progressFrom: null, progressTo: null, createdAt: new Date().toISOString() })
      .execute();
  });

  afterAll(async () => {
    await portal?.close();
    await database?.cleanup();
  });

  async function signedIn(email: string): Promise<TestBrowser> {
    const browser = new TestBrowser(portal.url);
    const response = await browser.post('/login', { email, password: DEMO_PASSWORD, redirectTo: '/dashboard' });
    expect(response.status).toBe(302);
    return browser;
  }

  test('anonymous /progress shows the CLEAR item, and no other item, description or note', async () => {
    const response = await new TestBrowser(portal.url).get('/progress');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(titles.clear);
    for (const hidden of [titles.green, titles.amber, titles.red, notes, 'Public description']) expect(html).not.toContain(hidden);
    expect(html).toContain('role="img"');
  });

  test('the member pages need a session, and the dashboard the secretariat', async () => {
    const anonymous = new TestBrowser(portal.url);
    for (const path of ['/actions', '/actions/timeline', '/tracker']) {
      const response = await anonymous.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get('location'), path).toMatch(/^\/login\?redirectTo=/);
    }
    const member = await signedIn('member@demo.example');
    expect((await member.get('/tracker')).status).toBe(403);
    const secretariat = await signedIn('secretariat@demo.example');
    const dashboard = await secretariat.get('/tracker');
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('aria-labelledby="chart-status-title chart-status-desc"');
  });

  test('/actions filters by CBM from the URL and shows only what the person may read', async () => {
    const member = await signedIn('member@demo.example');
    const html = await (await member.get('/actions?cbm=14&q=H.')).text();
    expect(html).toContain(titles.clear);
    expect(html).toContain(titles.green);
    expect(html).toContain(titles.red);
    expect(html).not.toContain(titles.amber);
    expect(html).toContain('aria-sort="ascending"');
    expect(html).toContain('href="/actions.csv?cbm=14&amp;q=H.');
    const secretariat = await signedIn('secretariat@demo.example');
    const forSecretariat = await (await secretariat.get('/actions?cbm=14&q=H.&sort=due')).text();
    expect(forSecretariat).toContain(titles.amber);
    expect(forSecretariat).not.toContain(titles.red);
    expect((await secretariat.get('/actions?cbm=99&status=nonsense&page=abc')).status).toBe(200);
    expect((await secretariat.get('/actions?sort=due&cursor=eyJkIjoiYWZ0ZXIi')).status).toBe(200);
    expect((await secretariat.get(`/actions?cursor=${'%FF'.repeat(20)}`)).status).toBe(200);
  });

  test('/actions pages by plain links: 50 rows, "51–55 of 55", next and previous, and a stale cursor opens the first page', async () => {
    const { db } = portal.services;
    const secretariat = await db.selectFrom('user').select(['id', 'institutionId']).where('email', '=', 'secretariat@demo.example').executeTakeFirstOrThrow();
    const planId = await makeActionPlan(db, secretariat.institutionId, secretariat.id);
    for (let i = 1; i <= 55; i++) {
      await insertActionItem(db, { planId, code: `P.${String(i).padStart(2, '0')}`, ownerInstitutionId: secretariat.institutionId, createdById: secretariat.id, tlp: 'GREEN' });
    }
    const browser = await signedIn('secretariat@demo.example');
    const rowsOf = (html: string) => [...html.matchAll(/>(P\.\d\d)</g)].map((m) => m[1]);
    const linkOf = (html: string, rel: 'next' | 'prev') => {
      const tag = [...html.matchAll(/<a [^>]*>/g)].map((m) => m[0]).find((a) => a.includes(`rel="${rel}"`));
      return tag ? /href="([^"]+)"/.exec(tag)![1].replace(/&amp;/g, '&') : undefined;
    };
    const first = await (await browser.get(`/actions?plan=${planId}`)).text();
    expect(first).toContain('1–50 of 55');
    expect(new Set(rowsOf(first)).size).toBe(50);
    expect(linkOf(first, 'prev')).toBeUndefined();
    const nextHref = linkOf(first, 'next');
    expect(nextHref).toMatch(new RegExp(`^/actions\\?plan=${planId}&cursor=[\\w-]+$`));
    const second = await (await browser.get(nextHref!)).text();
    expect(second).toContain('51–55 of 55');
    expect([...new Set(rowsOf(second))]).toEqual(['P.51', 'P.52', 'P.53', 'P.54', 'P.55']);
    expect(linkOf(second, 'next')).toBeUndefined();
    const back = await (await browser.get(linkOf(second, 'prev')!)).text();
    expect(back).toContain('1–50 of 55');
    expect(rowsOf(back)).toEqual(rowsOf(first));
    // A cursor whose rows are gone (the items deleted since) or made up shows the first page, not an error.
    const stale = nextHref!.replace(/cursor=[\w-]+/, `cursor=${Buffer.from(JSON.stringify({ d: 'after', s: 'code-asc', k: ['zz', 'zz'], o: 50 })).toString('base64url')}`);
    const forged = nextHref!.replace(/cursor=[\w-]+/, 'cursor=AAAA');
    for (const href of [stale, forged]) {
      const response = await browser.get(href);
      expect(response.status, href).toBe(200);
      const html = await response.text();
      expect(html, href).toContain('1–50 of 55');
      expect(rowsOf(html), href).toEqual(rowsOf(first));
    }
  });

  test('the timeline, the CBM matrix, a CBM page and the institution view render for a member', async () => {
    const member = await signedIn('member@demo.example');
    const timeline = await member.get('/actions/timeline?group=cbm&q=H.');
    expect(timeline.status).toBe(200);
    const svg = await timeline.text();
    expect(svg).toContain('id="timeline-today"');
    expect(svg).toContain('timeline-bar overdue');
    const matrix = await (await member.get('/cbms')).text();
    expect(matrix).toContain('id="cbm-matrix"');
    expect(matrix).toContain('href="/cbms/14"');
    const cbm = await (await member.get('/cbms/14')).text();
    expect(cbm).toContain(titles.clear);
    expect(cbm).not.toContain(titles.amber);
    const institution = await (await member.get(`/institutions/${memberInstitutionId}`)).text();
    expect(institution).toContain('id="institution-items"');
    expect(institution).toContain(titles.red);
  });
});
