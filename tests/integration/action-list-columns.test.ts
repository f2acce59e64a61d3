import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedReferenceData } from '../../db/seeds/demo.server.ts';
import { countHiddenItems, countNonPublicItems, listPublicProgress, queryActionItems } from '../../app/services/scoped-reads.server.ts';
import type { Actor } from '../../app/policies/permissions.ts';
import { actionFilters, filtersForQuery, filtersToSearchParams, parseActionFilters } from '../../app/schemas/action-filters.ts';
import { insertActionItem, makeActionPlan } from '../support/action-items.ts';
import { makeInstitution, makePerson } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

describe('the /actions columns and owner=mine in the URL', () => {
  test('cols reads a comma list and repeated checkboxes, keeps the fixed order, drops unknown names and writes one short parameter', () => {
    expect(parseActionFilters(new URLSearchParams('cols=updated,owner,bogus')).cols).toEqual(['owner', 'updated']);
    expect(parseActionFilters(new URLSearchParams('cols=due&cols=status')).cols).toEqual(['status', 'due']);
    expect(parseActionFilters(new URLSearchParams('')).cols).toEqual([]);
    expect(filtersToSearchParams(actionFilters({ cols: ['owner', 'due'], cbm: 3 })).toString()).toBe('cbm=3&cols=owner%2Cdue');
  });

  test('owner=mine becomes the reader’s institution, or matches nothing for someone without one; the columns never reach the query', () => {
    const filters = parseActionFilters(new URLSearchParams('owner=mine&cols=owner'));
    expect(filtersForQuery(filters, 'inst-7')).toMatchObject({ owner: 'inst-7', cols: [] });
    expect(filtersForQuery(filters, null).owner).toBe('mine');
    expect(filtersForQuery(actionFilters({ owner: 'inst-2' }), 'inst-7').owner).toBe('inst-2');
  });
});

describe.each(dialects)('hidden items and owner=mine on %s', (dialect) => {
  let database: TestDatabase;
  let member: Actor;
  let secretariat: Actor;
  let own: string;
  let other: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const { db } = database;
    await seedReferenceData(db);
    own = (await makeInstitution(db, { sector: 'public' })).id;
    other = (await makeInstitution(db, { sector: 'private' })).id;
    const sec = await makePerson(db, { institutionId: other, role: 'secretariat' });
    secretariat = { id: sec.id, role: 'secretariat', institutionId: other };
    const mem = await makePerson(db, { institutionId: own, role: 'member' });
    member = { id: mem.id, role: 'member', institutionId: own };
    const planId = await makeActionPlan(db, own, sec.id);
    const base = { planId, createdById: sec.id };
    await insertActionItem(db, { ...base, code: '1.1', ownerInstitutionId: own, tlp: 'RED' });
    await insertActionItem(db, { ...base, code: '1.2', ownerInstitutionId: other, tlp: 'CLEAR' });
    // Another institution's AMBER and RED items: the member may read neither; the secretariat reads AMBER, and RED only of its own.
    await insertActionItem(db, { ...base, code: '1.3', ownerInstitutionId: other, tlp: 'AMBER' });
    await insertActionItem(db, { ...base, code: '1.4', ownerInstitutionId: other, tlp: 'AMBER+STRICT', cbms: [3, 14] });
    await insertActionItem(db, { ...base, code: '1.5', ownerInstitutionId: own, tlp: 'AMBER+STRICT' });
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  test('the hidden count and the readable count add up to every item, for each reader', async () => {
    const { db } = database;
    const all = Number((await db.selectFrom('actionItem').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
    for (const [reader, hidden] of [
      [member, 2],
      [secretariat, 2],
    ] as const) {
      const shown = await queryActionItems(db, reader, actionFilters());
      expect(await countHiddenItems(db, reader)).toBe(hidden);
      expect(shown.total + hidden).toBe(all);
    }
  });

  test('the hidden count ignores the filters, so a search cannot probe hidden items', async () => {
    const { db } = database;
    const before = await countHiddenItems(db, member);
    expect(before).toBe(2);
    const narrowed = await queryActionItems(db, member, actionFilters({ q: 'nothing-matches-this' }));
    expect(narrowed.total).toBe(0);
    expect(await countHiddenItems(db, member)).toBe(before);
  });

  test('under one CBM or one owner, the hidden count completes that page’s count', async () => {
    const { db } = database;
    const onCbm = async (cbm: number) =>
      Number((await db.selectFrom('actionItemCbm').select((eb) => eb.fn.countAll<number | string>().as('n')).where('cbmNumber', '=', cbm).executeTakeFirstOrThrow()).n);
    for (const cbm of [3, 14]) {
      const shown = await queryActionItems(db, member, actionFilters({ cbm }));
      const hidden = await countHiddenItems(db, member, { cbm });
      expect(hidden).toBeGreaterThan(0);
      expect(shown.total + hidden).toBe(await onCbm(cbm));
    }
    expect(await countHiddenItems(db, member, { ownerInstitutionId: other })).toBe(2);
    expect(await countHiddenItems(db, member, { ownerInstitutionId: own })).toBe(0);
  });

  test('the public count and the not-public count add up to every item, whatever the filters', async () => {
    const { db } = database;
    const all = Number((await db.selectFrom('actionItem').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
    const shown = await listPublicProgress(db, actionFilters(), { limit: 50, offset: 0 });
    expect(shown.total).toBe(1);
    expect(await countNonPublicItems(db)).toBe(all - shown.total);
  });

  test('owner=mine lists the reader’s institution’s items', async () => {
    const { db } = database;
    const mine = await queryActionItems(db, member, filtersForQuery(parseActionFilters(new URLSearchParams('owner=mine')), member.institutionId));
    expect(mine.rows.map((r) => r.code).sort()).toEqual(['1.1', '1.5']);
    expect(mine.rows.every((r) => r.ownerInstitutionId === own)).toBe(true);
  });
});
