import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listPeople } from '../../app/models/person.server.ts';
import { SUPPORTED_LANGUAGES } from '../../app/utils/languages.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { findSetCookie, TestBrowser } from '../support/browser.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';

/** The real server: a language link, the cookie it sets, the profile, sign-in on another device, Accept-Language. */

function htmlLang(html: string): string | undefined {
  return /<html lang="([^"]+)"/.exec(html)?.[1];
}

describe.each(dialects)('interface language over HTTP on %s', (dialect) => {
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

  test('a ?lng= link renders the page in that language and remembers it in a cookie', async () => {
    const browser = new TestBrowser(portal.url);
    const response = await browser.get('/login?lng=sr-Cyrl');
    expect(response.status).toBe(200);
    expect(htmlLang(await response.text())).toBe('sr-Cyrl');
    const cookie = findSetCookie(response, 'lng');
    expect(cookie?.attributes).toMatchObject({ path: '/', samesite: 'Lax', httponly: '' });
    // Remembered on the next page, with no parameter (TestBrowser sends Accept-Language: en).
    const next = await browser.get('/');
    expect(htmlLang(await next.text())).toBe('sr-Cyrl');
    expect(findSetCookie(next, 'lng')).toBeUndefined();
  });

  test('the switcher is five links on the current address, the current one marked', async () => {
    const html = await (await new TestBrowser(portal.url).get('/publications?type=strategy&lng=hr')).text();
    expect(htmlLang(html)).toBe('hr');
    for (const lng of SUPPORTED_LANGUAGES) {
      const link = new RegExp(`<a href="/publications\\?type=strategy&amp;lng=${lng}" lang="${lng}" hrefLang="${lng}"( aria-current="true")?`, 'i').exec(html);
      expect(link, lng).not.toBeNull();
      expect(Boolean(link?.[1]), `${lng} current`).toBe(lng === 'hr');
    }
    expect(html).not.toContain('action="/language"');
  });

  test('public pages list their alternates with hreflang, and x-default', async () => {
    const html = await (await new TestBrowser(portal.url).get('/publications?type=strategy&lng=bs')).text();
    // Absolute addresses on PUBLIC_URL (here http://localhost:<port>).
    const base = `http://localhost:${new URL(portal.url).port}`;
    for (const lng of SUPPORTED_LANGUAGES) {
      expect(html).toContain(`<link rel="alternate" hrefLang="${lng}" href="${base}/publications?type=strategy&amp;lng=${lng}"/>`);
    }
    expect(html).toContain(`<link rel="alternate" hrefLang="x-default" href="${base}/publications?type=strategy"/>`);
  });

  test('Accept-Language chooses for a new visitor; Cyrillic Serbian stays Cyrillic, bare Serbian is Latin', async () => {
    const lang = async (acceptLanguage: string) =>
      htmlLang(await (await fetch(new URL('/login', portal.url), { headers: { 'accept-language': acceptLanguage } })).text());
    expect(await lang('sr-Cyrl-BA,sr;q=0.9')).toBe('sr-Cyrl');
    expect(await lang('sr,en;q=0.5')).toBe('sr-Latn');
    expect(await lang('de-DE,de;q=0.9,hr;q=0.8')).toBe('hr');
    expect(await lang('de-DE,fr;q=0.8')).toBe('en');
  });

  test('a signed-in choice is kept in the profile and comes back at sign-in on another device', async () => {
    const email = 'civil@demo.example';
    const laptop = new TestBrowser(portal.url);
    expect((await laptop.post('/login', { email, password: DEMO_PASSWORD, redirectTo: '/dashboard' })).status).toBe(302);
    expect(htmlLang(await (await laptop.get('/dashboard?lng=hr')).text())).toBe('hr');
    const person = (await listPeople(database.db)).find((p) => p.email === email)!;
    const row = await database.db.selectFrom('user').select('language').where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row.language).toBe('hr');

    // A new device without any cookie: the sign-in answer sets the language from the profile.
    const phone = new TestBrowser(portal.url);
    const signIn = await phone.post('/login', { email, password: DEMO_PASSWORD, redirectTo: '/dashboard' });
    expect(signIn.status).toBe(302);
    expect(findSetCookie(signIn, 'lng')).toBeDefined();
    expect(htmlLang(await (await phone.get('/dashboard')).text())).toBe('hr');
  });
});
