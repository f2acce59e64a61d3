import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countUnread, insertNotifications, listNotifications, markRead, openNotification } from '../../app/models/notification.server.ts';
import { listPeople } from '../../app/models/person.server.ts';
import { createLogger } from '../../app/utils/logger.server.ts';
import type { Mail, Mailer } from '../../app/utils/mailer.server.ts';
import { notify } from '../../app/services/notify.server.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { makePerson } from '../support/factories.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/** A real Mailer that keeps what it sends: the SMTP transport is the only thing replaced. */
function capturingMailer(delivers = true): Mailer & { sent: Mail[] } {
  const sent: Mail[] = [];
  return {
    delivers,
    sent,
    async send(mail) {
      sent.push(mail);
    },
  };
}

describe.each(dialects)('notifications on %s', (dialect) => {
  let database: TestDatabase;
  const logger = createLogger('silent');

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  test('a dedupe key stores the same reminder once per recipient, and actors are not told of their own acts', async () => {
    const [alice, bob] = [await makePerson(database.db), await makePerson(database.db)];
    const reminder = { kind: 'reminder_overdue' as const, params: { code: '1.1', item: 'CSIRT', due: '2026-01-01' }, link: '/actions/x', dedupeKey: 'overdue:x:2026-01-01' };
    const first = await insertNotifications(database.db, [{ ...reminder, recipientId: alice.id }, { ...reminder, recipientId: bob.id }]);
    const second = await insertNotifications(database.db, [{ ...reminder, recipientId: alice.id }]);
    expect(first).toHaveLength(2);
    expect(second).toEqual([]);
    const self = await insertNotifications(database.db, [{ recipientId: alice.id, actorId: alice.id, kind: 'mention', params: {}, link: '/' }]);
    expect(self).toEqual([]);
    expect(await countUnread(database.db, alice.id)).toBe(1);
  });

  test('reading is scoped to the recipient', async () => {
    const [alice, bob] = [await makePerson(database.db), await makePerson(database.db)];
    const [id] = await insertNotifications(database.db, [{ recipientId: alice.id, kind: 'mention', params: { actor: 'X', document: 'D' }, link: '/documents/d' }]);
    await markRead(database.db, bob.id, [id]);
    expect(await countUnread(database.db, alice.id)).toBe(1);
    expect(await openNotification(database.db, bob.id, id)).toBeNull();
    expect(await openNotification(database.db, alice.id, id)).toBe('/documents/d');
    expect(await countUnread(database.db, alice.id)).toBe(0);
    const [row] = await listNotifications(database.db, alice.id);
    expect(row.readAt).not.toBeNull();
    expect(row.params).toEqual({ actor: 'X', document: 'D' });
  });

  test('notify e-mails new notifications once, in every interface language, and only when SMTP delivers', async () => {
    const alice = await makePerson(database.db);
    const mailer = capturingMailer();
    const input = { recipientId: alice.id, kind: 'reminder_due_soon' as const, params: { code: '2.3', item: 'Exercise', due: '2026-12-07' }, link: '/actions/y', dedupeKey: 'due-soon:y' };
    await notify({ db: database.db, mailer, logger, baseURL: 'http://portal.test' }, [input]);
    await notify({ db: database.db, mailer, logger, baseURL: 'http://portal.test' }, [input]);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0].to).toBe(alice.email);
    expect(mailer.sent[0].text).toContain('Action 2.3 “Exercise” is due on 7 December 2026');
    expect(mailer.sent[0].text).toContain('Rok za aktivnost 2.3');
    expect(mailer.sent[0].text).toContain('http://portal.test/actions/y');
    const [stored] = await database.db.selectFrom('notification').select('emailedAt').where('recipientId', '=', alice.id).execute();
    expect(stored.emailedAt).not.toBeNull();

    const quiet = capturingMailer(false);
    await notify({ db: database.db, mailer: quiet, logger, baseURL: 'http://portal.test' }, [{ ...input, dedupeKey: 'due-soon:z' }]);
    expect(quiet.sent).toEqual([]);
    expect(await countUnread(database.db, alice.id)).toBe(2);
  });
});

describe.each(dialects)('the notification centre over HTTP on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database));
  });

  afterAll(async () => {
    await portal?.close();
    await database?.cleanup();
  });

  async function signedIn(email: string) {
    const browser = new TestBrowser(portal.url);
    expect((await browser.post('/login', { email, password: DEMO_PASSWORD, redirectTo: '/dashboard' })).status).toBe(302);
    const person = (await listPeople(database.db, {})).find((p) => p.email === email)!;
    return { browser, person };
  }

  test('lists, counts in the header, opens and marks all read', async () => {
    const { browser, person } = await signedIn('member@demo.example');
    const other = (await listPeople(database.db, {})).find((p) => p.email === 'private@demo.example')!;
    const [first] = await insertNotifications(database.db, [
      { recipientId: person.id, kind: 'workflow_move', params: { actor: 'Dario Marić', document: 'Strategy', status: 'consultation' }, link: '/documents/abc' },
    ]);
    await insertNotifications(database.db, [{ recipientId: person.id, kind: 'mention', params: { actor: 'Selma Begić', document: 'Plan' }, link: '/documents/def' }]);
    const [foreign] = await insertNotifications(database.db, [{ recipientId: other.id, kind: 'mention', params: { actor: 'A', document: 'B' }, link: '/documents/x' }]);

    const page = await (await browser.get('/notifications')).text();
    expect(page).toContain('Dario Marić moved “Strategy” to Consultation');
    expect(page).toContain('Selma Begić mentioned you in “Plan”');
    expect(page).toContain('Notifications, 2 unread');

    const opened = await browser.post('/notifications', { intent: 'open', id: first });
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe('/documents/abc');
    expect(await countUnread(database.db, person.id)).toBe(1);

    expect((await browser.post('/notifications', { intent: 'open', id: foreign })).status).toBe(404);
    expect((await browser.post('/notifications', { intent: 'open', id: 'not-a-uuid' })).status).toBe(400);

    expect((await browser.post('/notifications', { intent: 'read-all' })).status).toBe(302);
    expect(await countUnread(database.db, person.id)).toBe(0);
    expect(await countUnread(database.db, other.id)).toBe(1);
    const unreadOnly = await (await browser.get('/notifications?show=unread')).text();
    expect(unreadOnly).toContain('You have no notifications.');
  });

  test('the public is sent to sign in', async () => {
    const response = await new TestBrowser(portal.url).get('/notifications');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toContain('/login');
  });
});
