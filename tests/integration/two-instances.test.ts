import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderPlainText } from '../../app/content/render.server.ts';
import { runRemindersOnce } from '../../app/services/reminders.server.ts';
import type { Mail, Mailer } from '../../app/utils/mailer.server.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { destroyAllCollabClients, openCollab, signInCookie, typeIntoFirstParagraph, waitFor } from '../support/collab-client.ts';
import { unique } from '../support/factories.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import institutionSeeds from '../../db/seeds/data/institutions.json' with { type: 'json' };

/**
 * Two portal instances behind one imaginary load balancer: one PostgreSQL
 * database, one Redis, and nothing else in common: each has its own DATA_DIR,
 * so anything kept on one instance's disk would be missing on the other
 * (docs/several-instances.md). Runs where CI runs it: with TEST_DATABASE_URL
 * and REDIS_URL set.
 */
const REDIS_URL = process.env.REDIS_URL?.trim();
const twoInstances = process.env.TEST_DATABASE_URL && REDIS_URL ? ['postgres + redis'] : [];

const MINISTRY_OF_SECURITY = 'Ministry of Security of Bosnia and Herzegovina';

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

describe.each(twoInstances)('two instances sharing everything through %s', () => {
  let database: TestDatabase;
  let secondDir: string;
  let first: Portal;
  let second: Portal;

  /** A browser signed in on `signInOn`, its session cookie then used on `portal` too. */
  async function browserOn(portal: Portal, email: string, signInOn: Portal = portal): Promise<TestBrowser> {
    const signIn = new TestBrowser(signInOn.url);
    expect((await signIn.post('/login', { email, password: DEMO_PASSWORD, redirectTo: '/dashboard' })).status, `sign-in of ${email}`).toBe(302);
    const browser = new TestBrowser(portal.url);
    for (const [name, value] of signIn.cookies) browser.cookies.set(name, value);
    return browser;
  }

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase('postgres', { migrate: false });
    secondDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppp-second-'));
    // As in a real deployment, the instances share the secret, the database and Redis: never a folder.
    const shared = { REDIS_URL: REDIS_URL!, BETTER_AUTH_SECRET: crypto.randomBytes(32).toString('base64url') };
    // Both start at once on an empty database, with the same settings, as replicas of one deployment do.
    [first, second] = await Promise.all([startPortal(portalEnv(database, shared)), startPortal(portalEnv(database, { ...shared, DATA_DIR: secondDir }))]);
  });

  afterAll(async () => {
    destroyAllCollabClients();
    await first?.close();
    await second?.close();
    await database?.cleanup();
    if (secondDir) fs.rmSync(secondDir, { recursive: true, force: true });
  });

  test('instances that start together migrate and seed the database once', async () => {
    const count = async (table: 'institution' | 'cbm' | 'pillar' | 'document') =>
      Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('institution')).toBe(institutionSeeds.length);
    expect(await count('cbm')).toBe(16);
    expect(await count('pillar')).toBe(9);
    const accounts = await database.db.selectFrom('user').select('email').where('email', '=', 'member@demo.example').execute();
    expect(accounts).toHaveLength(1);
    // Seeded twice, every demo document would be there twice under its title.
    const titles = (await database.db.selectFrom('document').select('title').execute()).map((d) => d.title);
    expect(titles.length).toBeGreaterThan(0);
    expect(new Set(titles).size).toBe(titles.length);
  });

  test('a person on each instance co-edit one document and see each other live', async () => {
    const strategy = await database.db.selectFrom('document').select('id').where('type', '=', 'strategy').executeTakeFirstOrThrow();
    const [memberCookie, privateCookie] = await Promise.all([
      signInCookie(first.url, 'member@demo.example', DEMO_PASSWORD),
      signInCookie(second.url, 'private@demo.example', DEMO_PASSWORD),
    ]);
    const onFirst = await openCollab({ baseURL: first.url, cookie: memberCookie, documentName: strategy.id });
    const onSecond = await openCollab({ baseURL: second.url, cookie: privateCookie, documentName: strategy.id });
    const fromFirst = `first-${unique()}`;
    const fromSecond = `second-${unique()}`;
    typeIntoFirstParagraph(onFirst.doc, fromFirst);
    typeIntoFirstParagraph(onSecond.doc, fromSecond);
    await Promise.all([onFirst.acknowledged(), onSecond.acknowledged()]);
    for (const client of [onFirst, onSecond]) {
      await waitFor(() => renderPlainText(client.doc).includes(fromFirst) && renderPlainText(client.doc).includes(fromSecond), 'both edits on both clients', 10_000);
    }
    expect(renderPlainText(onFirst.doc)).toBe(renderPlainText(onSecond.doc));
  });

  test('evidence uploaded through one instance downloads from the other', async () => {
    const ministry = await database.db.selectFrom('institution').select('id').where('name', '=', MINISTRY_OF_SECURITY).executeTakeFirstOrThrow();
    const item = await database.db
      .selectFrom('actionItem')
      .select('id')
      .where('ownerInstitutionId', '=', ministry.id)
      .where('status', 'not in', ['completed', 'cancelled'])
      .orderBy('code')
      .executeTakeFirstOrThrow();
    // Over a megabyte of random bytes: several chunks, nothing compressible.
    const content = crypto.randomBytes(1_300_000);
    const form = new FormData();
    for (const [key, value] of Object.entries({ intent: 'update', date: '2026-11-20', body: 'Report of the joint exercise.', status: 'in_progress', progress: '50' })) form.append(key, value);
    form.append('evidenceFile', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), 'Izvještaj.pdf');
    const uploader = await browserOn(first, 'member@demo.example');
    expect((await uploader.request(`/actions/${item.id}`, { method: 'POST', body: form })).status).toBe(302);
    const evidence = await database.db.selectFrom('actionEvidence').select(['id', 'sha256']).where('itemId', '=', item.id).where('kind', '=', 'file').executeTakeFirstOrThrow();

    const reader = await browserOn(second, 'member@demo.example');
    const download = await reader.get(`/actions/${item.id}/evidence/${evidence.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-length')).toBe(String(content.length));
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.equals(content)).toBe(true);
    expect(evidence.sha256).toBe(crypto.createHash('sha256').update(content).digest('hex'));
    // Neither instance wrote it to its own disk.
    expect(fs.existsSync(path.join(database.dir, 'evidence'))).toBe(false);
    expect(fs.existsSync(path.join(secondDir, 'evidence'))).toBe(false);
  });

  test('an import previewed on one instance is confirmed on the other', async () => {
    const plan = await database.db.selectFrom('document').select('id').where('type', '=', 'action_plan').orderBy('createdAt').executeTakeFirstOrThrow();
    const code = `Z.${crypto.randomInt(1_000_000)}`;
    const csv = `code,title,cbms,owner,status,priority,tlp\r\n${code},Imported across instances,14,${MINISTRY_OF_SECURITY},not_started,low,GREEN\r\n`;
    const form = new FormData();
    form.append('planId', plan.id);
    form.append('file', new File([csv], 'plan.csv', { type: 'text/csv' }));
    const onFirst = await browserOn(first, 'secretariat@demo.example');
    const preview = await onFirst.request('/actions/import', { method: 'POST', body: form });
    expect(preview.status).toBe(200);
    const pendingId = /name="pendingId" value="([^"]+)"/.exec(await preview.text())?.[1];
    expect(pendingId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await database.db.selectFrom('actionItem').select('id').where('code', '=', code).execute()).toEqual([]);

    const onSecond = await browserOn(second, 'secretariat@demo.example');
    const confirm = await onSecond.post('/actions/import', { pendingId: pendingId! });
    expect(confirm.status).toBe(302);
    expect(confirm.headers.get('location')).toContain('notice=actions-imported');
    const imported = await database.db.selectFrom('actionItem').select(['title', 'planId']).where('code', '=', code).execute();
    expect(imported).toEqual([{ title: 'Imported across instances', planId: plan.id }]);
    // The preview is used up: confirming it again, on either instance, finds nothing.
    expect((await onFirst.post('/actions/import', { pendingId: pendingId! })).status).toBe(410);
  });

  test('the reminder job, started on both instances at once, sends each reminder once', async () => {
    // Far enough ahead that many demo items are overdue or stale.
    const today = '2030-06-01';
    const mailers = [capturingMailer(), capturingMailer()];
    const runs = await Promise.all(
      [first, second].map((portal, index) => runRemindersOnce({ db: portal.services.db, mailer: mailers[index], logger: portal.services.logger, baseURL: portal.services.baseURL }, today)),
    );
    const reminders = await database.db
      .selectFrom('notification')
      .select(['recipientId', 'dedupeKey', 'emailedAt'])
      .where('kind', 'in', ['reminder_overdue', 'reminder_due_soon', 'reminder_stale'])
      .execute();
    expect(reminders.length).toBeGreaterThan(0);
    const stored = runs.reduce((sum, run) => sum + (run?.stored ?? 0), 0);
    expect(stored).toBe(reminders.length);
    // One instance did the work; the other stepped aside (or, had it started later, found nothing new).
    expect(runs.filter((run) => run !== null && run.stored > 0)).toHaveLength(1);
    const mails = mailers.flatMap((m) => m.sent);
    expect(mails).toHaveLength(reminders.length);
    expect(new Set(mails.map((m) => `${m.to}\n${m.subject}\n${m.text}`)).size).toBe(mails.length);
    expect(reminders.every((r) => r.emailedAt !== null)).toBe(true);

    // Started again on both: nothing new is stored or sent.
    const again = await Promise.all([first, second].map((portal, index) => runRemindersOnce({ ...portal.services, mailer: mailers[index] }, today)));
    expect(again.map((run) => run?.stored ?? 0)).toEqual([0, 0]);
    expect(mailers.flatMap((m) => m.sent)).toHaveLength(reminders.length);
  });
});
