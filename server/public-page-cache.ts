import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import crypto from 'node:crypto';
import type http from 'node:http';
import type express from 'express';
import { publicEditionFingerprint } from '../app/models/publication.server.ts';
import { i18nServer } from '../app/locales/i18n.server.ts';
import type { PortalServices } from '../app/services/portal-services.server.ts';

/**
 * A cache of rendered public publication pages, in front of Remix
 * (docs/decisions/018-public-page-cache.md).
 *
 * Only anonymous GETs without a query string of `/publications/<slug>` and
 * `/publications/<slug>/v/<edition>` are cached, keyed by path and language.
 * Every hit first asks the database whether the slug's public editions are
 * still exactly those the page was rendered with (one indexed query), so a
 * new edition or a reclassification takes effect on the next request.
 *
 * A rendered page carries the request's CSP nonce and request id. A hit
 * swaps in the current request's values, so every response still has its own
 * nonce, matching its Content-Security-Policy header.
 */

const CACHEABLE = /^\/publications\/([a-z0-9-]{1,100})(?:\/v\/(\d{1,6}\.\d{1,6}))?$/;
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=/;
const MAX_ENTRIES = 500;
const MAX_BYTES = 64 * 1024 * 1024;
const KEPT_HEADERS = ['content-type', 'etag', 'cache-control', 'vary'];

interface Entry {
  body: string;
  bytes: number;
  nonce: string;
  requestId: string;
  fingerprint: string;
  headers: [string, string][];
  etag: string | null;
  /**
   * The security headers the portal's middleware set on the response that was
   * rendered (helmet's, among them the CSP), for the fast path. Null when the
   * page uses its nonce or request id: such a page must go through the
   * middleware for fresh ones.
   */
  replay: [string, string][] | null;
}

/** Headers of a response that belong to that one response, never replayed. */
const OWN_HEADERS = new Set(['x-request-id', 'set-cookie', 'content-length', 'transfer-encoding', 'connection', 'date']);

export interface PublicPageCache {
  /** Express middleware; use it before the Remix handler. */
  middleware: express.RequestHandler;
  /**
   * Serves a cache hit straight from the HTTP server, before Express: the
   * middleware chain (request id, logging, helmet) is most of what a hit
   * costs. Only a replayable page whose editions are unchanged qualifies;
   * otherwise it resolves false and the request takes the normal way.
   */
  serveHit(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean>;
}

export interface PublicPageCacheOptions {
  services: PortalServices;
  getBuild: () => ServerBuild;
  mode: 'development' | 'production';
}

function etagMatches(ifNoneMatch: string | undefined, etag: string | null): boolean {
  if (!ifNoneMatch || !etag) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

export function publicPageCache({ services, getBuild, mode }: PublicPageCacheOptions): PublicPageCache {
  const entries = new Map<string, Entry>();
  // The language of a request depends only on these two headers; resolving it
  // is worth remembering for the few combinations browsers send.
  const locales = new Map<string, Promise<string>>();

  function localeOf(url: URL, cookie: string | undefined, acceptLanguage: string | undefined): Promise<string> {
    const key = `${cookie ?? ''}\u0000${acceptLanguage ?? ''}`;
    let locale = locales.get(key);
    if (!locale) {
      const headers = new Headers();
      if (cookie) headers.set('cookie', cookie);
      if (acceptLanguage) headers.set('accept-language', acceptLanguage);
      locale = i18nServer.getLocale(new Request(url, { headers }));
      if (locales.size >= 1_000) locales.clear();
      locales.set(key, locale);
    }
    return locale;
  }
  let totalBytes = 0;
  const handlers = new WeakMap<ServerBuild, ReturnType<typeof createRequestHandler>>();
  const pending = new Map<string, Promise<Rendered>>();

  function remove(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    totalBytes -= entry.bytes;
  }

  function store(key: string, entry: Entry): void {
    remove(key);
    entries.set(key, entry);
    totalBytes += entry.bytes;
    // Oldest first: a Map iterates in insertion order, and a hit re-inserts.
    while (entries.size > MAX_ENTRIES || totalBytes > MAX_BYTES) remove(entries.keys().next().value as string);
  }

  function send(req: express.Request, res: express.Response, entry: Entry, status = 200): void {
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    if (status === 200 && etagMatches(req.headers['if-none-match'], entry.etag)) {
      res.removeHeader('content-type');
      res.status(304).end();
      return;
    }
    const nonce: string = res.locals.cspNonce;
    const requestId: string = res.locals.requestId;
    res.status(status).end(entry.body.replaceAll(entry.nonce, nonce).replaceAll(entry.requestId, requestId));
  }

  /** A rendered page; only a 200 without cookies is kept, but waiting requests share any result. */
  type Rendered = { entry: Entry; status: number };

  /** Renders a page through Remix; a 200 without cookies is kept, anything else is passed on as it is. */
  async function render(
    request: Request,
    key: string,
    fingerprint: string,
    nonce: string,
    requestId: string,
    replay: [string, string][],
  ): Promise<Rendered> {
    const build = getBuild();
    let handler = handlers.get(build);
    if (!handler) {
      handler = createRequestHandler(build, mode);
      handlers.set(build, handler);
    }
    // Rendered without If-None-Match, so the cache always gets a full page.
    const response = await handler(request, { services, requestId, cspNonce: nonce });
    const body = await response.text();
    const keep = response.status === 200 && !response.headers.has('set-cookie');
    const entry: Entry = {
      body,
      bytes: body.length * 2,
      nonce,
      requestId,
      fingerprint,
      // A kept page keeps only what describes it; a one-off answer keeps everything but its framing.
      headers: [...response.headers].filter(([name]) => (keep ? KEPT_HEADERS.includes(name) : name !== 'content-length' && name !== 'transfer-encoding')),
      etag: response.headers.get('etag'),
      replay: body.includes(nonce) || body.includes(requestId) ? null : replay,
    };
    if (keep) store(key, entry);
    return { entry, status: response.status };
  }

  async function serveHit(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    if (mode === 'development' || req.method !== 'GET') return false;
    const path = req.url ?? '';
    const match = path.includes('?') ? null : CACHEABLE.exec(path);
    if (!match || SESSION_COOKIE.test(req.headers.cookie ?? '')) return false;
    const locale = await localeOf(new URL(path, services.baseURL), req.headers.cookie, req.headers['accept-language']);
    const cached = entries.get(`${path}\u0000${locale}`);
    if (!cached?.replay) return false;
    // The same check as the middleware: a new edition or a reclassification shows at once.
    if ((await publicEditionFingerprint(services.db, match[1])) !== cached.fingerprint) return false;
    for (const [name, value] of cached.replay) res.setHeader(name, value);
    for (const [name, value] of cached.headers) res.setHeader(name, value);
    res.setHeader('X-Request-Id', crypto.randomUUID());
    if (etagMatches(req.headers['if-none-match'], cached.etag)) {
      res.removeHeader('content-type');
      res.statusCode = 304;
      res.end();
    } else {
      res.statusCode = 200;
      res.end(cached.body);
    }
    services.logger.info({ req: { method: 'GET', url: path }, res: { statusCode: res.statusCode } }, 'public page from cache');
    return true;
  }

  const middleware: express.RequestHandler = async (req, res, next) => {
    // In development the build changes under us; render every time.
    if (mode === 'development') return next();
    const match = req.method === 'GET' ? CACHEABLE.exec(req.path) : null;
    if (!match || req.originalUrl.includes('?') || SESSION_COOKIE.test(req.headers.cookie ?? '')) return next();
    try {
      const url = new URL(req.originalUrl, services.baseURL);
      const headers = new Headers();
      for (const name of ['accept', 'accept-language', 'cookie', 'user-agent']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers.set(name, value);
      }
      const request = new Request(url, { headers });
      const [locale, fingerprint] = await Promise.all([
        localeOf(url, req.headers.cookie, req.headers['accept-language']),
        publicEditionFingerprint(services.db, match[1]),
      ]);
      // Not public: Remix answers (404) and nothing is kept.
      if (fingerprint === '') return next();
      const key = `${req.path}\u0000${locale}`;
      const cached = entries.get(key);
      if (cached && cached.fingerprint === fingerprint) {
        entries.delete(key);
        entries.set(key, cached);
        send(req, res, cached);
        return;
      }

      // Concurrent misses for one page share a single render.
      let rendering = pending.get(key);
      if (!rendering) {
        const replay = Object.entries(res.getHeaders())
          .filter(([name]) => !OWN_HEADERS.has(name))
          .map(([name, value]) => [name, String(value)] as [string, string]);
        rendering = render(request, key, fingerprint, res.locals.cspNonce, res.locals.requestId, replay).finally(() => pending.delete(key));
        pending.set(key, rendering);
      }
      const { entry, status } = await rendering;
      send(req, res, entry, status);
    } catch (error) {
      next(error);
    }
  };

  return { middleware, serveHit };
}
