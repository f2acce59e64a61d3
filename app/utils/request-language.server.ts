import { createCookie } from '@remix-run/node';
import { FALLBACK_LANGUAGE, type Language } from './languages.ts';
import { languageFromTag, negotiateLanguage } from './negotiate-language.ts';

/** Remembers the language a visitor picked, for a year. Not secret, so unsigned. */
export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** The language a `?lng=` parameter asks for (any case, `sr` is `sr-Latn`), or null. */
export function languageFromSearchParams(request: Request): Language | null {
  const value = new URL(request.url).searchParams.get('lng');
  return value ? languageFromTag(value) : null;
}

/** The language the `lng` cookie remembers, or null. */
export async function languageFromCookie(request: Request): Promise<Language | null> {
  const value: unknown = await languageCookie.parse(request.headers.get('Cookie'));
  return typeof value === 'string' ? languageFromTag(value) : null;
}

/**
 * The language of a request: `?lng=`, then the `lng` cookie (set when someone
 * chooses, and at sign-in from their profile), then `Accept-Language`, then
 * English, the language of the international partners (docs/languages.md).
 */
export async function resolveLanguage(request: Request): Promise<Language> {
  return languageFromSearchParams(request) ?? (await languageFromCookie(request)) ?? negotiateLanguage(request.headers.get('Accept-Language')) ?? FALLBACK_LANGUAGE;
}

/**
 * The `Set-Cookie` value that remembers a `?lng=` choice, or null when the URL
 * names no language or the cookie already holds it. One click on a language
 * link is the whole choice: the page that answers it also remembers it.
 */
export async function rememberChosenLanguage(request: Request): Promise<string | null> {
  const chosen = languageFromSearchParams(request);
  if (!chosen || chosen === (await languageFromCookie(request))) return null;
  return languageCookie.serialize(chosen);
}
