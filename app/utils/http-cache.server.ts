import crypto from 'node:crypto';
import type { HeadersFunction } from '@remix-run/node';
import { resolveLanguage } from './request-language.server.ts';

/**
 * HTTP caching for the public site (docs/public-site.md).
 *
 * The ETag is computed from what the page is made of (the stored edition
 * content, the interface language and who is asking), never from the rendered
 * bytes: those carry a fresh CSP nonce on every response. So the loader can
 * compare it with If-None-Match and answer 304 before anything is rendered.
 */

/** Bump when the public page templates change, so caches do not keep the old markup. */
const TEMPLATE_VERSION = '1';

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=([^;]*)/;

export type CachePolicy = 'immutable' | 'revalidate';

/** The session token of the request, if any: a page shown to a member names them in the header. */
function sessionToken(request: Request): string | null {
  return SESSION_COOKIE.exec(request.headers.get('cookie') ?? '')?.[1] || null;
}

/** A strong validator for a response built from `parts`. */
export function entityTag(parts: readonly string[]): string {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return `"${hash.digest('base64url').slice(0, 32)}"`;
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  // If-None-Match uses the weak comparison: W/"x" matches "x".
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

/**
 * Cache headers for a public response. Anonymous visitors get a shared cache
 * policy; a request with a session gets `private`, and an ETag that differs
 * per session, so one member's page is never served to another person.
 * Throws a bodiless 304 when the client already holds this representation.
 */
export async function publicCacheHeaders(request: Request, parts: readonly string[], policy: CachePolicy): Promise<Headers> {
  const locale = await resolveLanguage(request);
  const token = sessionToken(request);
  const audience = token ? `session:${crypto.createHash('sha256').update(token).digest('base64url')}` : 'public';
  const etag = entityTag([TEMPLATE_VERSION, locale, audience, ...parts]);
  const scope = token ? 'private' : 'public';
  const headers = new Headers({
    ETag: etag,
    'Cache-Control': policy === 'immutable' && !token ? `${scope}, max-age=31536000, immutable` : `${scope}, max-age=0, must-revalidate`,
    // The language comes from the cookie or Accept-Language; the session from the cookie.
    Vary: 'Cookie, Accept-Language',
  });
  if (request.method === 'GET' || request.method === 'HEAD') {
    if (matches(request.headers.get('if-none-match'), etag)) throw new Response(null, { status: 304, headers });
  }
  return headers;
}

/**
 * The `headers` export of a cached route: the loader's cache headers, or those
 * of the 304 it threw (Remix then answers without rendering a body).
 */
export const cachedRouteHeaders: HeadersFunction = ({ loaderHeaders, errorHeaders }) => {
  const source = errorHeaders ?? loaderHeaders;
  const headers = new Headers();
  for (const name of ['ETag', 'Cache-Control', 'Vary']) {
    const value = source.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
};
