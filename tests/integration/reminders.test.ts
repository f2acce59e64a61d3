import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runReminders } from '../../app/services/reminders.server.ts';
import { createLogger } from '../../app/utils/logger.server.ts';
import type { Mail, Mailer } from '../../app/utils/mailer.server.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { makeInstitution, makePerson } from '../support/factories.ts';
import { itemInput, makeItem, makePlan, prepareTracker } from '../support/tracker-data.ts';

const TODAY = '2026-11-23';

/** A real in-memory transport: it keeps what would have been sent. */
function capturingMailer(): Mailer & { sent: Mail[] } {
  const sent: Mail[] = [];
  return {
    delivers: true,
    sent,
    async send(mail) {
      sent.push(mail);
    },
  };
}

describe.each(dialects)('reminders on %s', (dialect) => {
  let database: TestDatabase;
  let owner: string;
  let members: { id: string; email: string }[];
  let observerEmail: string;
  let otherMemberEmail: string;
  let plan: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await prepareTracker(database.db);
    const { db } = database;
    owner = (await makeInstitution(db)).id;
    const other = (await makeInstitution(db)).id;
    members = [await makePerson(db, { institutionId: owner, role: 'member' }), await makePerson(db, { institutionId: owner, role: 'member' })];
    observerEmail = (await makePerson(db, { institutionId: owner, role: 'observer' })).email;
    const gone = await makePerson(db, { institutionId: owner, role: 'member' });
    await db.updateTable('user').set({ deactivatedAt: '2026-01-01T00:00:00.000Z' }).where('id', '=', gone.id).execute();
    otherMemberEmail = (await makePerson(db, { institutionId: other, role: 'member' })).email;
    const secretariat = await makePerson(db, { institutionId: other, role: 'secretariat' });
    plan = await makePlan(db, secretariat.id, other);
    const make = async (key: string, fields: Parameters<typeof itemInput>[2]) => {
      ids[key] = await makeItem(db, secretariat.id, itemInput(plan, owner, { code: key, title: `Item ${key}`, ...fields }));
    };
    await make('due-in-10', { dueDate: '2026-12-03' });
    await make('due-in-14', { dueDate: '2026-12-07' });
    await make('due-in-15', { dueDate: '2026-12-08' });
    await make('overdue', { dueDate: '2026-11-20' });
    await make('done-late', { dueDate: '2026-11-01', status: 'cancelled' });
    await make('stale', { dueDate: null });
    await make('fresh', { dueDate: null });
    await db.updateTable('actionItem').set({ lastUpdateAt: '2026-09-01T08:00:00.000Z' }).where('id', '=', ids.stale).execute();
    await db.updateTable('actionItem').set({ lastUpdateAt: '2026-09-30T08:00:00.000Z' }).where('id', '=', ids.fresh).execute();
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  async function stored() {
    return database.db
      .selectFrom('notification')
      .select(['recipientId', 'kind', 'dedupeKey', 'params', 'link', 'emailedAt'])
      .orderBy('dedupeKey')
      .orderBy('recipientId')
      .execute();
  }

  test('owner-institution members get each reminder once, in the portal and by e-mail, however often the job runs', async () => {
    const mailer = capturingMailer();
    const services = { db: database.db, mailer, logger: createLogger('silent'), baseURL: 'https://portal.example' };

    const first = await runReminders(services, TODAY);
    const afterFirst = await stored();
    // due-in-10, due-in-14 (due soon), overdue, stale: four reminders for each of the two active members.
    expect(first).toEqual({ stored: 8, items: 4 });
    expect(afterFirst).toHaveLength(8);
    expect(new Set(afterFirst.map((n) => n.recipientId))).toEqual(new Set(members.map((m) => m.id)));
    expect([...new Set(afterFirst.map((n) => n.dedupeKey))].sort()).toEqual(
      [
        `due-soon:${ids['due-in-10']}:2026-12-03`,
        `due-soon:${ids['due-in-14']}:2026-12-07`,
        `overdue:${ids.overdue}:2026-11-20`,
        `stale:${ids.stale}:2026-09-01T08:00:00.000Z`,
      ].sort(),
    );
    const stale = afterFirst.find((n) => n.kind === 'reminder_stale')!;
    expect(JSON.parse(stale.params)).toEqual({ code: 'stale', item: 'Item stale', days: 83 });
    expect(stale.link).toBe(`/actions/${ids.stale}`);
    expect(afterFirst.every((n) => n.emailedAt !== null)).toBe(true);
    expect(mailer.sent).toHaveLength(8);
    expect(mailer.sent.map((m) => m.to)).not.toContain(observerEmail);
    expect(mailer.sent.map((m) => m.to)).not.toContain(otherMemberEmail);
    const overdueMail = mailer.sent.find((m) => m.subject.includes('Item overdue'))!;
    expect(overdueMail.subject).toContain('is overdue since 20 November 2026');
    expect(overdueMail.text).toContain(`https://portal.example/actions/${ids.overdue}`);

    const second = await runReminders(services, TODAY);
    expect(second.stored).toBe(0);
    expect(await stored()).toEqual(afterFirst);
    expect(mailer.sent).toHaveLength(8);
  });

  test('a new due date is a new reminder; the next day adds only what became due', async () => {
    const mailer = capturingMailer();
    const services = { db: database.db, mailer, logger: createLogger('silent'), baseURL: 'https://portal.example' };
    await database.db.updateTable('actionItem').set({ dueDate: '2026-12-01' }).where('id', '=', ids['due-in-10']).execute();
    // The next day: due-in-15 is now 14 days away; the moved item earns a reminder for its new date.
    const run = await runReminders(services, '2026-11-24');
    expect(run.stored).toBe(4);
    const keys = mailer.sent.length;
    expect(keys).toBe(4);
    const rows = await stored();
    expect(rows.filter((n) => n.dedupeKey === `due-soon:${ids['due-in-10']}:2026-12-01`)).toHaveLength(2);
    expect(rows.filter((n) => n.dedupeKey === `due-soon:${ids['due-in-15']}:2026-12-08`)).toHaveLength(2);
    expect(rows.some((n) => n.dedupeKey?.includes(ids['done-late']) || n.dedupeKey?.includes(ids.fresh))).toBe(false);
  });

  test('without SMTP the reminders are stored but not e-mailed', async () => {
    const sent: Mail[] = [];
    const mailer: Mailer = { delivers: false, async send(mail) { sent.push(mail); } };
    await database.db.updateTable('actionItem').set({ dueDate: '2026-11-25' }).where('id', '=', ids.fresh).execute();
    const run = await runReminders({ db: database.db, mailer, logger: createLogger('silent'), baseURL: 'https://portal.example' }, '2026-11-24');
    expect(run.stored).toBe(2);
    expect(sent).toHaveLength(0);
    const rows = (await stored()).filter((n) => n.dedupeKey === `due-soon:${ids.fresh}:2026-11-25`);
    expect(rows.map((n) => n.emailedAt)).toEqual([null, null]);
  });
});
