import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACTION_STATUSES, SECTORS } from '../../db/schema.ts';
import { seedDemo, seedReferenceData } from '../../db/seeds/demo.server.ts';
import { DEMO_PLAN_TITLE } from '../../db/seeds/tracker-demo.server.ts';
import { trackerSummary } from '../../app/services/scoped-reads.server.ts';
import { shiftDate, todayInSarajevo } from '../../app/utils/action-dates.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

describe.each(dialects)('demo action items on %s', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await seedReferenceData(database.db);
    await seedDemo(database.db, { password: 'demo-password-for-tests' });
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  test('about 40 items in the demo plan, spread over statuses, sectors and CBMs, with CBM 14 well represented', async () => {
    const { db } = database;
    const items = await db
      .selectFrom('actionItem')
      .innerJoin('document', 'document.id', 'actionItem.planId')
      .innerJoin('institution', 'institution.id', 'actionItem.ownerInstitutionId')
      .select(['actionItem.id', 'actionItem.status', 'actionItem.tlp', 'institution.sector', 'institution.name', 'document.title'])
      .execute();
    expect(items.length).toBeGreaterThanOrEqual(38);
    expect(new Set(items.map((i) => i.title))).toEqual(new Set([DEMO_PLAN_TITLE]));
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(ACTION_STATUSES));
    expect(new Set(items.map((i) => i.sector))).toEqual(new Set(SECTORS));
    expect(items.filter((i) => i.name === 'Ministry of Security of Bosnia and Herzegovina').length).toBeGreaterThanOrEqual(5);
    expect(items.filter((i) => i.tlp === 'AMBER').length).toBeGreaterThan(2);
    expect(items.filter((i) => i.tlp === 'CLEAR' || i.tlp === 'GREEN').length).toBeGreaterThan(items.length / 2);
    const cbm14 = await db.selectFrom('actionItemCbm').select('itemId').where('cbmNumber', '=', 14).execute();
    expect(cbm14.length).toBeGreaterThanOrEqual(10);
    const multi = await db.selectFrom('actionItemCbm').select('itemId').select((eb) => eb.fn.countAll<number | string>().as('n')).groupBy('itemId').execute();
    expect(multi.filter((m) => Number(m.n) >= 2).length).toBeGreaterThan(10);
  });

  test('whenever it is seeded, some items are overdue, some due soon and a few stale', async () => {
    const admin = await database.db.selectFrom('user').select(['id', 'role', 'institutionId']).where('email', '=', 'admin@demo.example').executeTakeFirstOrThrow();
    const summary = await trackerSummary(database.db, admin, { today: todayInSarajevo() });
    expect(summary.overdue).toBeGreaterThanOrEqual(3);
    expect(summary.dueSoon).toBeGreaterThanOrEqual(3);
    expect(summary.stale).toBeGreaterThanOrEqual(2);
    // A week later the overdue items are still overdue: the dates moved with the seeding day.
    const later = await trackerSummary(database.db, admin, { today: shiftDate(todayInSarajevo(), 7) });
    expect(later.overdue).toBeGreaterThanOrEqual(summary.overdue);
  });

  test('completed items carry evidence; updates are written by the owner institution where it has a demo account', async () => {
    const { db } = database;
    const completed = await db.selectFrom('actionItem').select('id').where('status', '=', 'completed').execute();
    for (const { id } of completed) {
      expect(await db.selectFrom('actionEvidence').select('id').where('itemId', '=', id).executeTakeFirst()).toBeDefined();
    }
    const updates = await db
      .selectFrom('actionUpdate')
      .innerJoin('actionItem', 'actionItem.id', 'actionUpdate.itemId')
      .innerJoin('user', 'user.id', 'actionUpdate.authorId')
      .select(['actionItem.ownerInstitutionId', 'actionUpdate.institutionId', 'user.email', 'actionUpdate.date', 'actionUpdate.createdAt'])
      .execute();
    expect(updates.length).toBeGreaterThan(50);
    const ministryUpdates = updates.filter((u) => u.email === 'member@demo.example');
    expect(ministryUpdates.length).toBeGreaterThan(5);
    expect(ministryUpdates.every((u) => u.ownerInstitutionId === u.institutionId)).toBe(true);
    expect(updates.every((u) => u.createdAt.startsWith(u.date))).toBe(true);
  });
});
