import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stateFromMarkdown } from '../../app/content/render.server.ts';
import { recordAudit } from '../../app/models/audit.server.ts';
import { createDocument } from '../../app/models/document.server.ts';
import { insertNotifications } from '../../app/models/notification.server.ts';
import { applyMove, recordPosition } from '../../app/models/workflow.server.ts';
import type { Actor } from '../../app/policies/permissions.ts';
import { coordinatorHome, homePage, memberHome, observerHome, VISIT_GAP_MS } from '../../app/services/home-page.server.ts';
import { MoveSchema } from '../../app/schemas/workflow.ts';
import { shiftDate, todayInSarajevo } from '../../app/utils/action-dates.ts';
import { addDays, nowIso } from '../../app/utils/time.ts';
import type { Tlp } from '../../db/schema.ts';
import { DEMO_ACCOUNTS, seedDemo, seedReferenceData } from '../../db/seeds/demo.server.ts';
import { POSITION_PAPER_TITLE } from '../../db/seeds/review-demo.server.ts';
import { insertActionItem, makeActionPlan } from '../support/action-items.ts';
import { makeInstitution, makePerson, type TestPerson } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

const actorOf = (person: TestPerson): Actor => ({ id: person.id, role: person.role, institutionId: person.institutionId });

describe.each(dialects)('the home page per role on %s', (dialect) => {
  let database: TestDatabase;
  const today = todayInSarajevo();
  const ids: Record<string, string> = {};
  let instA: string;
  let instB: string;
  let instC: string;
  let memberA: Actor;
  let memberB: Actor;
  let secretariat: Actor;
  let observer: Actor;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const { db } = database;
    await seedReferenceData(db);
    instA = (await makeInstitution(db, { name: 'Institution A' })).id;
    instB = (await makeInstitution(db, { name: 'Institution B' })).id;
    instC = (await makeInstitution(db, { name: 'Institution C' })).id;
    const sec = await makePerson(db, { institutionId: instC, role: 'secretariat' });
    secretariat = actorOf(sec);
    memberA = actorOf(await makePerson(db, { institutionId: instA, role: 'member' }));
    memberB = actorOf(await makePerson(db, { institutionId: instB, role: 'member' }));
    observer = actorOf(await makePerson(db, { institutionId: instC, role: 'observer' }));

    const planId = await makeActionPlan(db, instC, sec.id);
    const recent = `${shiftDate(today, -3)}T09:00:00.000Z`;
    const item = (code: string, fields: Partial<Parameters<typeof insertActionItem>[1]>) =>
      insertActionItem(db, { planId, code, title: `Item ${code}`, createdById: sec.id, ownerInstitutionId: instA, status: 'in_progress', lastUpdateAt: recent, updatedAt: recent, ...fields });
    ids.aOverdue = await item('A.1', { dueDate: shiftDate(today, -10) });
    ids.aDue = await item('A.2', { dueDate: shiftDate(today, 5) });
    ids.aQuiet = await item('A.3', { dueDate: shiftDate(today, 200), lastUpdateAt: `${shiftDate(today, -100)}T09:00:00.000Z` });
    ids.aLater = await item('A.4', { dueDate: shiftDate(today, 90) });
    ids.aDone = await item('A.5', { dueDate: shiftDate(today, -20), status: 'completed' });
    ids.bOverdue = await item('B.1', { ownerInstitutionId: instB, supporterIds: [instA], dueDate: shiftDate(today, -4) });
    ids.bRed = await item('B.2', { ownerInstitutionId: instB, supporterIds: [instA], dueDate: shiftDate(today, -6), tlp: 'RED' });

    const document = (title: string, tlp: Tlp) =>
      createDocument(
        db,
        sec.id,
        { title, type: 'position_paper', language: 'en', summary: '', ownerInstitutionId: instC, tlp },
        {
          institutions: [
            { institutionId: instA, access: 'comment' },
            { institutionId: instB, access: 'comment' },
          ],
          people: [],
        },
        stateFromMarkdown('# A proposal'),
        'A proposal',
      );
    const open = async (title: string, tlp: Tlp, deadline: string | null) => {
      const doc = await document(title, tlp);
      await applyMove(db, { documentId: doc.id, from: 'draft', to: 'consultation', note: '', actorId: sec.id, versionId: null, deadline });
      return doc.id;
    };
    ids.later = await open('Consultation closing later', 'GREEN', shiftDate(today, 20));
    ids.sooner = await open('Consultation closing sooner', 'GREEN', shiftDate(today, 7));
    ids.undated = await open('Consultation without a deadline', 'CLEAR', null);
    // Institution A takes part, but a RED document is read by the people it names only.
    ids.red = await open('Red consultation', 'RED', shiftDate(today, 3));
    ids.draft = (await document('Still a draft', 'GREEN')).id;
    // B has answered on "sooner"; A has answered on "undated".
    await recordPosition(db, { documentId: ids.sooner, institutionId: instB, round: 1, position: 'endorse', statement: 'Yes.', actorId: memberB.id });
    await recordPosition(db, { documentId: ids.undated, institutionId: instA, round: 1, position: 'object', statement: 'No.', actorId: memberA.id });

    // Activity by others on an item A may not read, and on one it may.
    await recordAudit(db, { actorId: memberB.id, action: 'action-item.progress', entityType: 'actionItem', entityId: ids.bRed, details: {} });
    await recordAudit(db, { actorId: memberB.id, action: 'action-item.progress', entityType: 'actionItem', entityId: ids.bOverdue, details: {} });

    await insertNotifications(db, [
      { recipientId: memberA.id, kind: 'mention', params: { actor: 'B', document: 'Consultation closing later' }, link: `/documents/${ids.later}#thread-x`, actorId: memberB.id },
      { recipientId: memberA.id, kind: 'workflow_move', params: { actor: 'C', document: 'Consultation closing later', status: 'consultation' }, link: `/documents/${ids.later}/workflow`, actorId: sec.id },
    ]);
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  test('a member sees the institution’s overdue, due-soon and quiet items, and no other institution’s', async () => {
    const home = await memberHome(database.db, memberA, { today });
    expect(home.items.overdue.rows.map((r) => r.id)).toEqual([ids.aOverdue]);
    expect(home.items.overdue.rows[0].overdue).toBe(true);
    expect(home.items.dueSoon.rows.map((r) => r.id)).toEqual([ids.aDue]);
    expect(home.items.quiet.rows.map((r) => r.id)).toEqual([ids.aQuiet]);
    const shown = [...home.items.overdue.rows, ...home.items.dueSoon.rows, ...home.items.quiet.rows].map((r) => r.id);
    // B's items are supported by A, one of them RED: neither is A's to update, and the RED one A may not even read.
    expect(shown).not.toContain(ids.bOverdue);
    expect(shown).not.toContain(ids.bRed);
    expect(shown).not.toContain(ids.aDone);

    const other = await memberHome(database.db, memberB, { today });
    // The owner reads its own RED item; the earlier due date comes first.
    expect(other.items.overdue.rows.map((r) => r.id)).toEqual([ids.bRed, ids.bOverdue]);
  });

  test('documents awaiting the institution’s position, nearest deadline first, without unreadable or answered ones', async () => {
    const a = await memberHome(database.db, memberA, { today });
    expect(a.awaiting.map((d) => [d.title, d.deadline])).toEqual([
      ['Consultation closing sooner', shiftDate(today, 7)],
      ['Consultation closing later', shiftDate(today, 20)],
    ]);
    const b = await memberHome(database.db, memberB, { today });
    expect(b.awaiting.map((d) => [d.title, d.deadline])).toEqual([
      ['Consultation closing later', shiftDate(today, 20)],
      ['Consultation without a deadline', null],
    ]);
    // Observers record no positions, so their home page has no such list.
    expect(await homePage(database.db, observer)).not.toHaveProperty('awaiting');
  });

  test('comments and mentions waiting: unread conversation notifications only', async () => {
    const home = await memberHome(database.db, memberA, { today });
    expect(home.conversations.map((n) => n.kind)).toEqual(['mention']);
    expect(home.unread).toBe(2);
  });

  test('what changed leaves out events on items the reader may not read and the reader’s own acts', async () => {
    const a = await memberHome(database.db, memberA, { today });
    const entries = a.changes.map((c) => c.link);
    expect(entries).toContain(`/actions/${ids.bOverdue}`);
    expect(entries).not.toContain(`/actions/${ids.bRed}`);
    expect(entries).toContain(`/documents/${ids.later}/workflow`);
    expect(entries).not.toContain(`/documents/${ids.red}/workflow`);
    // B's own progress reports are not news to B.
    const b = await memberHome(database.db, memberB, { today });
    expect(b.changes.map((c) => c.link)).not.toContain(`/actions/${ids.bOverdue}`);
    const seen = await observerHome(database.db, observer);
    expect(seen.changes.map((c) => c.link)).toContain(`/actions/${ids.bOverdue}`);
    expect(seen.changes.map((c) => c.link)).not.toContain(`/actions/${ids.bRed}`);
  });

  test('the last visit is the one before the current visit, so a reload does not empty it', async () => {
    const person = actorOf(await makePerson(database.db, { institutionId: instA, role: 'member' }));
    const first = nowIso();
    expect((await observerHome(database.db, person, { now: first })).lastVisit).toBeNull();
    const reload = addDays(first, (VISIT_GAP_MS / 2) / 86_400_000);
    expect((await observerHome(database.db, person, { now: reload })).lastVisit).toBeNull();
    const nextDay = addDays(reload, 1);
    expect((await observerHome(database.db, person, { now: nextDay })).lastVisit).toBe(reload);
    expect((await observerHome(database.db, person, { now: addDays(nextDay, 0.001) })).lastVisit).toBe(reload);
  });

  test('the secretariat sees the tracker figures, each consultation’s missing institutions and the pending invitations', async () => {
    const home = await coordinatorHome(database.db, secretariat, { today });
    // A, B and B's RED item are overdue; the secretariat does not read a RED item of another institution.
    expect(home.summary.overdue).toBe(2);
    expect(home.summary.dueSoon).toBe(1);
    const missing = Object.fromEntries(home.consultations.map((c) => [c.title, c.missing.map((m) => m.name)]));
    expect(missing).toEqual({
      'Consultation closing sooner': ['Institution A', 'Institution C'],
      'Consultation closing later': ['Institution A', 'Institution B', 'Institution C'],
      'Consultation without a deadline': ['Institution B', 'Institution C'],
    });
    expect(home.consultations.map((c) => c.participants)).toEqual([3, 3, 3]);
    expect(home.invitations.total).toBe(0);
    expect(home.week.map((c) => c.link)).toContain(`/actions/${ids.bOverdue}`);
    expect(home.week.map((c) => c.link)).not.toContain(`/actions/${ids.bRed}`);
  });
});

describe.each(dialects)('the demo home pages on %s', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await seedReferenceData(database.db);
    await seedDemo(database.db, { password: 'demo-password-for-tests' });
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  const account = (email: string) => database.db.selectFrom('user').select(['id', 'role', 'institutionId']).where('email', '=', email).executeTakeFirstOrThrow();

  test('every member institution has something overdue, something due soon and a document awaiting its position', async () => {
    const members = DEMO_ACCOUNTS.filter((a) => a.role === 'member');
    expect(members.length).toBeGreaterThanOrEqual(4);
    for (const { email } of members) {
      const home = await memberHome(database.db, await account(email));
      expect(home.items.overdue.total, email).toBeGreaterThan(0);
      expect(home.items.dueSoon.total, email).toBeGreaterThan(0);
      expect(home.awaiting.length, email).toBeGreaterThan(0);
      expect(home.awaiting.every((d) => d.deadline !== null && d.deadline > todayInSarajevo()), email).toBe(true);
    }
  });

  test('the secretariat sees consultations with positions missing; the observer sees what changed', async () => {
    const secretariat = await coordinatorHome(database.db, await account('secretariat@demo.example'));
    expect(secretariat.consultations.map((c) => c.title)).toContain(POSITION_PAPER_TITLE);
    expect(secretariat.summary.overdue).toBeGreaterThan(0);
    const observer = await observerHome(database.db, await account('observer@demo.example'));
    expect(observer.changes.length).toBeGreaterThan(0);
  });

  test('institution names follow the reader’s language, and English where an institution has no local name', async () => {
    const { db } = database;
    const localNames = new Map((await db.selectFrom('institutionName').select(['institutionId', 'name']).where('language', '=', 'bs').execute()).map((r) => [r.institutionId, r.name]));
    const english = new Map((await db.selectFrom('institution').select(['id', 'name']).execute()).map((r) => [r.id, r.name]));
    const expected = (id: string) => localNames.get(id) ?? english.get(id);
    const secretariat = await coordinatorHome(db, await account('secretariat@demo.example'), { language: 'bs' });
    const missing = secretariat.consultations.flatMap((c) => c.missing);
    expect(missing.length).toBeGreaterThan(0);
    for (const institution of missing) expect(institution.name).toBe(expected(institution.id));
    expect(missing.some((institution) => localNames.has(institution.id)), 'the demo has a consultation missing a position of an institution with a Bosnian name').toBe(true);
    const inEnglish = await coordinatorHome(db, await account('secretariat@demo.example'), { language: 'en' });
    for (const institution of inEnglish.consultations.flatMap((c) => c.missing)) expect(institution.name).toBe(english.get(institution.id));
  });
});

describe('the deadline for positions on the move form', () => {
  test('is optional, must be a real calendar day, and empty means none', () => {
    expect(MoveSchema.parse({ intent: 'move', to: 'consultation', deadline: '2027-01-31' }).deadline).toBe('2027-01-31');
    expect(MoveSchema.parse({ intent: 'move', to: 'consultation', deadline: '' }).deadline).toBeNull();
    expect(MoveSchema.parse({ intent: 'move', to: 'consultation' }).deadline).toBeNull();
    const refused = MoveSchema.safeParse({ intent: 'move', to: 'consultation', deadline: '2027-02-31' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ['deadline'], message: 'workflow.errors.deadlineInvalid' });
  });
});
