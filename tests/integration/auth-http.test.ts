import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../db/client.server.ts';
import { listSessionsForUser } from '../../app/models/account-session.server.ts';
import { listInstitutionOptions } from '../../app/models/institution.server.ts';
import { createInvitation } from '../../app/models/invitation.server.ts';
import { getPerson, listPeople, setPersonActive } from '../../app/models/person.server.ts';
import en from '../../app/locales/en.ts';
import { EnvError, parseEnv } from '../../app/utils/env.server.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { findSetCookie, TestBrowser } from '../support/browser.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';

/**
 * The real server, in-process, on a fresh database per dialect: requests go
 * through Express, Remix and better-auth exactly as in production.
 * Needs the Remix server build (npx remix build).
 */

const SESSION_COOKIE = 'better-auth.session_token';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function signIn(browser: TestBrowser, email: string, password = DEMO_PASSWORD, redirectTo = '/dashboard'): Promise<Response> {
  return browser.post('/login', { email, password, redirectTo });
}

async function personByEmail(db: Db, email: string) {
  const person = (await listPeople(db, { includeDeactivated: true })).find((p) => p.email === email);
  if (!person) throw new Error(`no person ${email}`);
  return person;
}

describe.each(dialects)('sign-in over HTTP on %s', (dialect) => {
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

  test('GET /healthz answers 200 {"status":"ok"}', async () => {
    const response = await fetch(new URL('/healthz', portal.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('the dashboard sends the public to the sign-in page, and back afterwards', async () => {
    const response = await new TestBrowser(portal.url).get('/dashboard');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login?redirectTo=%2Fdashboard');
  });

  test('signing in with the right password sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const browser = new TestBrowser(portal.url);
    const response = await signIn(browser, 'admin@demo.example');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/dashboard');

    const cookie = findSetCookie(response, SESSION_COOKIE);
    expect(cookie, 'session cookie').toBeDefined();
    expect(cookie!.value).not.toBe('');
    expect(cookie!.attributes).toHaveProperty('httponly');
    expect(cookie!.attributes.samesite?.toLowerCase()).toBe('lax');
    expect(cookie!.attributes.path).toBe('/');

    const dashboard = await browser.get('/dashboard');
    expect(dashboard.status).toBe(200);
    const html = await dashboard.text();
    expect(html).toMatch(new RegExp(`data-testid="dashboard-role"[^>]*>${en.roles.admin}<`));
    expect(html).toContain('Amra Hodžić');

    const admin = await personByEmail(database.db, 'admin@demo.example');
    const sessions = await listSessionsForUser(database.db, admin.id);
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    for (const session of sessions) {
      expect(session.createdAt).toMatch(ISO);
      expect(session.expiresAt).toMatch(ISO);
    }
  });

  test('a form posted from another site is refused before it is read', async () => {
    const browser = new TestBrowser(portal.url);
    const response = await browser.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ email: 'admin@demo.example', password: DEMO_PASSWORD }).toString(),
    });
    expect(response.status).toBe(403);
    expect(findSetCookie(response, SESSION_COOKIE)).toBeUndefined();
    const sameSite = await browser.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(portal.url).origin },
      body: new URLSearchParams({ email: 'admin@demo.example', password: DEMO_PASSWORD }).toString(),
    });
    expect(sameSite.status).toBe(302);
  });

  test('a wrong password answers 401 with the translated error, and no session', async () => {
    const browser = new TestBrowser(portal.url);
    const response = await signIn(browser, 'member@demo.example', 'not-the-password');
    expect(response.status).toBe(401);
    expect(findSetCookie(response, SESSION_COOKIE)).toBeUndefined();
    const html = await response.text();
    expect(html).toContain(en.errors.invalidCredentials);
    expect(html).not.toContain('not-the-password');
    expect(html).toContain('member@demo.example');
    expect((await browser.get('/dashboard')).status).toBe(302);
  });

  test('an unknown account answers exactly like a wrong password', async () => {
    const response = await signIn(new TestBrowser(portal.url), 'nobody@demo.example', 'not-the-password');
    expect(response.status).toBe(401);
    expect(await response.text()).toContain(en.errors.invalidCredentials);
  });

  test('an empty form answers 400 with errors next to the fields', async () => {
    const response = await new TestBrowser(portal.url).post('/login', { email: '', password: '' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(en.errors.required);
  });

  test.each([
    ['/institutions', '/institutions'],
    ['', '/dashboard'],
    ['//evil.example', '/dashboard'],
    ['https://evil.example/x', '/dashboard'],
  ])('after signing in, redirectTo %j leads to %s', async (redirectTo, location) => {
    const response = await signIn(new TestBrowser(portal.url), 'observer@demo.example', DEMO_PASSWORD, redirectTo);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(location);
  });

  test('redirectTo can never send a signed-in person to another site', async () => {
    const response = await signIn(new TestBrowser(portal.url), 'observer@demo.example', DEMO_PASSWORD, '/\t/evil.example');
    expect(response.status).toBe(302);
    const target = new URL(response.headers.get('location')!, portal.url);
    expect(target.origin).toBe(new URL(portal.url).origin);
  });

  test('signing out deletes the session, and the old cookie no longer works', async () => {
    const browser = new TestBrowser(portal.url);
    expect((await signIn(browser, 'private@demo.example')).status).toBe(302);
    const person = await personByEmail(database.db, 'private@demo.example');
    expect(await listSessionsForUser(database.db, person.id)).toHaveLength(1);
    const stolen = new TestBrowser(portal.url);
    for (const [name, value] of browser.cookies) stolen.cookies.set(name, value);

    const response = await browser.post('/logout');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login?notice=signed-out');
    expect(await listSessionsForUser(database.db, person.id)).toHaveLength(0);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);

    for (const client of [browser, stolen]) {
      const dashboard = await client.get('/dashboard');
      expect(dashboard.status).toBe(302);
      expect(dashboard.headers.get('location')).toBe('/login?redirectTo=%2Fdashboard');
    }
  });

  test('a deactivated person is signed out at once and cannot sign in again', async () => {
    const browser = new TestBrowser(portal.url);
    expect((await signIn(browser, 'civil@demo.example')).status).toBe(302);
    expect((await browser.get('/dashboard')).status).toBe(200);

    const admin = await personByEmail(database.db, 'admin@demo.example');
    const civil = await personByEmail(database.db, 'civil@demo.example');
    await setPersonActive(database.db, admin.id, civil.id, false);

    expect((await browser.get('/dashboard')).status).toBe(302);
    const again = await signIn(new TestBrowser(portal.url), 'civil@demo.example');
    expect(again.status).toBe(401);
    expect(findSetCookie(again, SESSION_COOKIE)).toBeUndefined();
    expect(await listSessionsForUser(database.db, civil.id)).toHaveLength(0);
  });

  describe('invitations', () => {
    test('the secretariat invites, the invitee joins once through the link', async () => {
      const secretariat = new TestBrowser(portal.url);
      expect((await signIn(secretariat, 'secretariat@demo.example')).status).toBe(302);
      const institution = (await listInstitutionOptions(database.db)).find((i) => i.name === 'BH Telecom')!;
      const email = `invitee-${dialect}@test.example`;

      const invited = await secretariat.post('/people/invite', { email, name: 'Ivana Invitee', institutionId: institution.id, role: 'member' });
      expect(invited.status).toBe(200);
      const page = await invited.text();
      const baseURL = portal.services.baseURL;
      expect(baseURL).toMatch(/^http:\/\/localhost:\d+$/);
      const link = page.match(new RegExp(`${baseURL.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/invite/([A-Za-z0-9_-]+)`));
      expect(link, 'invitation link in the page').not.toBeNull();
      const invitePath = `/invite/${link![1]}`;

      const invitee = new TestBrowser(portal.url);
      const form = await invitee.get(invitePath);
      expect(form.status).toBe(200);
      expect(await form.text()).toContain('name="password"');

      const joined = await invitee.post(invitePath, { name: 'Ivana Invitee', password: 'a-long-enough-password', confirm: 'a-long-enough-password' });
      expect(joined.status).toBe(302);
      expect(joined.headers.get('location')).toBe('/dashboard?notice=welcome');
      expect(findSetCookie(joined, SESSION_COOKIE)?.value).toBeTruthy();

      const dashboard = await invitee.get('/dashboard');
      expect(dashboard.status).toBe(200);
      expect(await dashboard.text()).toMatch(new RegExp(`data-testid="dashboard-role"[^>]*>${en.roles.member}<`));

      const person = await personByEmail(database.db, email);
      expect(await getPerson(database.db, person.id)).toMatchObject({ name: 'Ivana Invitee', role: 'member', institutionId: institution.id });

      const reused = await new TestBrowser(portal.url).get(invitePath);
      expect(reused.status).toBe(410);
      expect(await reused.text()).toContain(en.invite.invalidTitle);
    });

    test('a rejected join form never sends the passwords back to the browser', async () => {
      const secretariat = await personByEmail(database.db, 'secretariat@demo.example');
      const institution = (await listInstitutionOptions(database.db))[0];
      const { token } = await createInvitation(database.db, {
        email: `echo-${dialect}@test.example`,
        institutionId: institution.id,
        role: 'observer',
        invitedById: secretariat.id,
      });
      const response = await new TestBrowser(portal.url).post(`/invite/${token}`, {
        name: 'Echo Test',
        password: 'first-secret-passphrase',
        confirm: 'second-secret-passphrase',
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(en.errors.passwordsDiffer);
      expect(html).not.toContain('first-secret-passphrase');
      expect(html).not.toContain('second-secret-passphrase');
    });

    test('a member may not invite anyone', async () => {
      const member = new TestBrowser(portal.url);
      expect((await signIn(member, 'member@demo.example')).status).toBe(302);
      const institution = (await listInstitutionOptions(database.db))[0];
      const response = await member.post('/people/invite', {
        email: `not-allowed-${dialect}@test.example`,
        institutionId: institution.id,
        role: 'member',
      });
      expect(response.status).toBe(403);
      expect((await listPeople(database.db)).map((p) => p.email)).not.toContain(`not-allowed-${dialect}@test.example`);
    });
  });
});

describe.each(dialects)('sign-in rate limit on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database, { SIGN_IN_RATE_LIMIT: '3' }));
  });

  afterAll(async () => {
    await portal?.close();
    await database?.cleanup();
  });

  test('the 4th attempt within a minute answers 429, even with the right password', async () => {
    const browser = new TestBrowser(portal.url);
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await signIn(browser, 'member@demo.example', `wrong-password-${attempt}`)).status).toBe(401);
    }
    const fourth = await signIn(browser, 'member@demo.example', 'wrong-password-4');
    expect(fourth.status).toBe(429);
    expect(await fourth.text()).toContain(en.errors.tooManyAttempts);

    const right = await signIn(browser, 'member@demo.example');
    expect(right.status).toBe(429);
    expect(findSetCookie(right, SESSION_COOKIE)).toBeUndefined();
  });
});

describe('start-up configuration', () => {
  test('production refuses to start without BETTER_AUTH_SECRET', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(EnvError);
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/BETTER_AUTH_SECRET/);
  });

  test('production refuses a short BETTER_AUTH_SECRET', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', BETTER_AUTH_SECRET: 'too-short' })).toThrow(/BETTER_AUTH_SECRET/);
  });

  test('production starts with a long enough secret', () => {
    const env = parseEnv({ NODE_ENV: 'production', BETTER_AUTH_SECRET: 'x'.repeat(32) });
    expect(env).toMatchObject({ NODE_ENV: 'production', PORT: 3000, SIGN_IN_RATE_LIMIT: 10, TRUST_PROXY: false });
  });

  test('startPortal itself fails in production without a secret', async () => {
    await expect(startPortal({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: 'file::memory:' })).rejects.toThrow(EnvError);
  });
});
