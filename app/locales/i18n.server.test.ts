import { describe, expect, test } from 'vitest';
import { i18nServer } from './i18n.server.ts';
import { languageCookie, rememberChosenLanguage, resolveLanguage } from '../utils/request-language.server.ts';

function request(url: string, headers: Record<string, string> = {}) {
  return new Request(new URL(url, 'http://portal.test'), { headers });
}

describe('the language of a request', () => {
  test('?lng= first, then the cookie, then Accept-Language, then English', async () => {
    const cookie = (await languageCookie.serialize('hr')).split(';')[0];
    expect(await resolveLanguage(request('/?lng=sr-Cyrl', { cookie, 'accept-language': 'bs' }))).toBe('sr-Cyrl');
    expect(await resolveLanguage(request('/?lng=xx', { cookie, 'accept-language': 'bs' }))).toBe('hr');
    expect(await resolveLanguage(request('/', { 'accept-language': 'de, sr-Cyrl-BA;q=0.5' }))).toBe('sr-Cyrl');
    expect(await resolveLanguage(request('/', { 'accept-language': 'de, fr' }))).toBe('en');
    expect(await resolveLanguage(request('/'))).toBe('en');
  });

  test('remix-i18next hands our choice on unchanged', async () => {
    for (const lng of ['bs', 'hr', 'sr-Latn', 'sr-Cyrl', 'en']) {
      expect(await i18nServer.getLocale(request(`/?lng=${lng}`))).toBe(lng);
    }
  });

  test('a ?lng= choice is remembered in the cookie, once', async () => {
    const set = await rememberChosenLanguage(request('/login?lng=sr-cyrl'));
    expect(set).toMatch(/^lng=/);
    expect(await languageCookie.parse(set)).toBe('sr-Cyrl');
    const cookie = set!.split(';')[0];
    expect(await rememberChosenLanguage(request('/login?lng=sr-Cyrl', { cookie }))).toBeNull();
    expect(await rememberChosenLanguage(request('/login'))).toBeNull();
    expect(await rememberChosenLanguage(request('/login?lng=de'))).toBeNull();
  });
});
