import { HocuspocusProviderWebsocket, type HocuspocusProvider } from '@hocuspocus/provider';
import { OwnPresenceProvider } from '../../app/components/editor/own-presence-provider.ts';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { TestBrowser } from './browser.ts';

/**
 * Real collaboration clients for integration tests: a HocuspocusProvider in
 * Node over `ws`, carrying the session cookie in the upgrade request exactly
 * as a browser does, plus a raw socket for speaking the protocol by hand.
 */

export const SESSION_COOKIE = 'better-auth.session_token';
export const COLLAB_PATH = '/collab';

// Hocuspocus message types (packages/common + provider MessageType) and y-protocols sync sub-types.
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, syncReply: 4, stateless: 5, broadcastStateless: 6, close: 7, syncStatus: 8 } as const;
export const SYNC = { step1: 0, step2: 1, update: 2 } as const;
export const AUTH = { token: 0, permissionDenied: 1, authenticated: 2 } as const;

/** Polls `condition` until it is truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(condition: () => T | Promise<T>, what: string, timeoutMs = 5_000, intervalMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** ws://host:port/collab for a portal's http:// URL. */
export function collabUrl(baseURL: string, path = COLLAB_PATH): string {
  const url = new URL(path, baseURL);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Signs in through the real /login form and returns the Cookie header value for the session. */
export async function signInCookie(baseURL: string, email: string, password: string): Promise<string> {
  const browser = new TestBrowser(baseURL);
  const response = await browser.post('/login', { email, password, redirectTo: '/dashboard' });
  if (response.status !== 302 || !browser.cookies.has(SESSION_COOKIE)) {
    throw new Error(`sign-in of ${email} failed: HTTP ${response.status}`);
  }
  return [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

/**
 * A `ws` WebSocket class that adds headers (Cookie, Origin) to the upgrade
 * request: the provider constructs its socket with `new Polyfill(url)`.
 */
export function webSocketWithHeaders(headers: Record<string, string>) {
  return class HeaderWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols ?? [], { headers });
      // Destroying a provider mid-handshake makes ws emit an error after the provider has removed
      // its listeners; without one of our own that would be an uncaught exception.
      this.on('error', () => {});
    }
  };
}

export interface CollabClient {
  name: string;
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** The scope the server granted ('read-write' or 'read-only'), once authenticated. */
  scope: string | null;
  authenticationFailures: string[];
  /** Close events, both socket closes and the server's per-document Close messages. */
  closes: { code: number; reason: string }[];
  /** Every SyncStatus the server sent: true = applied, false = refused. */
  syncStatuses: boolean[];
  /** Resolves once the server has acknowledged every change sent so far. */
  acknowledged(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

export interface OpenCollabOptions {
  baseURL: string;
  documentName: string;
  /** The Cookie header (from signInCookie); omit for an anonymous socket. */
  cookie?: string;
  headers?: Record<string, string>;
  doc?: Y.Doc;
  /** Wait for the first full sync (default true); rejects if authentication fails first. */
  waitForSync?: boolean;
  timeoutMs?: number;
  path?: string;
}

const open = new Set<CollabClient>();

/** Opens a provider over a real WebSocket and (by default) waits until it is synced. */
export async function openCollab(options: OpenCollabOptions): Promise<CollabClient> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  const doc = options.doc ?? new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: collabUrl(options.baseURL, options.path),
    WebSocketPolyfill: webSocketWithHeaders(headers),
    // Reconnect quickly (tests restart servers), never give up on our own.
    delay: 100,
    factor: 1,
    maxDelay: 500,
    minDelay: 50,
    jitter: false,
  });
  const provider = new OwnPresenceProvider({ websocketProvider: socket, name: options.documentName, document: doc, token: 'cookie-session' });
  const client: CollabClient = {
    name: options.documentName,
    doc,
    provider,
    socket,
    scope: null,
    authenticationFailures: [],
    closes: [],
    syncStatuses: [],
    async acknowledged(timeoutMs = 10_000) {
      await waitFor(() => provider.isSynced && provider.unsyncedChanges === 0, `server acknowledgement of every change to ${options.documentName}`, timeoutMs, 5);
    },
    destroy() {
      open.delete(client);
      provider.destroy();
      socket.destroy();
    },
  };
  provider.on('authenticated', ({ scope }: { scope: string }) => {
    client.scope = scope;
  });
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
    client.authenticationFailures.push(reason);
  });
  provider.on('close', ({ event }: { event: { code: number; reason: string } }) => {
    client.closes.push({ code: event.code, reason: String(event.reason ?? '') });
    // As the portal's editor does (collab-provider.client.ts): a document closed for a reason
    // that is no refusal, such as 'access-changed', gets a fresh socket, which authenticates anew.
    if (event.reason === 'access-changed' && socket.webSocket?.readyState === WebSocket.OPEN) socket.webSocket.close();
  });
  provider.on('message', ({ event }: { event: { data: ArrayBuffer } }) => {
    const decoder = decoding.createDecoder(new Uint8Array(event.data));
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) === MESSAGE.syncStatus) client.syncStatuses.push(decoding.readVarInt(decoder) === 1);
  });
  provider.attach();
  open.add(client);

  if (options.waitForSync ?? true) {
    try {
      await waitFor(
        () => {
          if (client.authenticationFailures.length > 0) throw new Error(`authentication failed: ${client.authenticationFailures.join(', ')}`);
          return provider.isSynced;
        },
        `first sync of ${options.documentName}`,
        options.timeoutMs ?? 10_000,
        5,
      );
    } catch (error) {
      client.destroy();
      throw error;
    }
  }
  return client;
}

/** Destroys every client still open (for afterAll / afterEach). */
export function destroyAllCollabClients(): void {
  for (const client of [...open]) client.destroy();
}

// ---------------------------------------------------------------------------
// Raw sockets: the protocol by hand, for refusals and malformed input.

export type UpgradeResult = { ok: true; ws: WebSocket } | { ok: false; status: number };

export type SocketOutcome =
  | { kind: 'http'; status: number }
  | { kind: 'closed'; code: number; reason: string }
  | { kind: 'open'; ws: WebSocket };

/**
 * How the server treats a new socket: refused at the upgrade (an HTTP status),
 * accepted but closed at once (a close code and reason, which unlike a status a
 * browser can read), or still open after `settleMs`.
 */
export async function socketOutcome(baseURL: string, headers: Record<string, string>, path = COLLAB_PATH, settleMs = 400): Promise<SocketOutcome> {
  const result = await rawSocket(baseURL, headers, path);
  if (!result.ok) return { kind: 'http', status: result.status };
  const { ws } = result;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.removeAllListeners('close');
      resolve({ kind: 'open', ws });
    }, settleMs);
    ws.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ kind: 'closed', code, reason: reason.toString() });
    });
    if (ws.readyState === WebSocket.CLOSED) {
      clearTimeout(timer);
      resolve({ kind: 'closed', code: 1006, reason: '' });
    }
  });
}

/** Opens a raw socket; resolves with the socket, or with the HTTP status of a refused upgrade. */
export function rawSocket(baseURL: string, headers: Record<string, string>, path = COLLAB_PATH): Promise<UpgradeResult> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(collabUrl(baseURL, path), { headers });
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve({ ok: true, ws }));
    ws.once('unexpected-response', (_request, response) => {
      resolve({ ok: false, status: response.statusCode ?? 0 });
      response.resume();
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
    // Later errors (a reset after the test is done with the socket) must not become uncaught.
    ws.on('error', () => {});
  });
}

export function authMessage(documentName: string, token = 'cookie-session'): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, MESSAGE.auth);
  encoding.writeVarUint(encoder, AUTH.token);
  encoding.writeVarString(encoder, token);
  return encoding.toUint8Array(encoder);
}

export function syncMessage(documentName: string, syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, MESSAGE.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export interface RawMessage {
  documentName: string;
  type: number;
  /** Auth: the auth sub-type; SyncStatus: 1/0; Close: -1. */
  detail: number;
  /** Auth: scope or denial reason; Close: reason. */
  text?: string;
}

/** A raw socket that records what the server sends and how it ends. */
export class RawCollabSocket {
  readonly messages: RawMessage[] = [];
  closed: { code: number; reason: string } | null = null;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.messages.push(parseServerMessage(new Uint8Array(data))));
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
    ws.on('error', () => {});
  }

  static async open(baseURL: string, headers: Record<string, string>): Promise<RawCollabSocket> {
    const result = await rawSocket(baseURL, headers);
    if (!result.ok) throw new Error(`upgrade refused with HTTP ${result.status}`);
    return new RawCollabSocket(result.ws);
  }

  send(data: Uint8Array | Buffer): void {
    this.ws.send(data);
  }

  /** Authenticates for one document and waits for the answer; returns the scope. */
  async authenticate(documentName: string): Promise<string> {
    this.send(authMessage(documentName));
    const answer = await waitFor(
      () => this.messages.find((m) => m.documentName === documentName && m.type === MESSAGE.auth && m.detail !== AUTH.token),
      `auth answer for ${documentName}`,
    );
    if (answer.detail !== AUTH.authenticated) throw new Error(`permission denied: ${answer.text}`);
    return answer.text ?? '';
  }

  /** Whether the socket was closed, or the server ended this document's connection with a Close message. */
  connectionEnded(documentName: string): boolean {
    return this.closed !== null || this.messages.some((m) => m.documentName === documentName && m.type === MESSAGE.close);
  }

  close(): void {
    this.ws.terminate();
  }
}

export function parseServerMessage(data: Uint8Array): RawMessage {
  const decoder = decoding.createDecoder(data);
  const documentName = decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE.auth) {
    const detail = decoding.readVarUint(decoder);
    const text = detail === AUTH.token ? undefined : decoding.readVarString(decoder);
    return { documentName, type, detail, text };
  }
  if (type === MESSAGE.syncStatus) return { documentName, type, detail: decoding.readVarInt(decoder) };
  if (type === MESSAGE.close) return { documentName, type, detail: -1, text: decoding.readVarString(decoder) };
  if (type === MESSAGE.sync || type === MESSAGE.syncReply) return { documentName, type, detail: decoding.readVarUint(decoder) };
  return { documentName, type, detail: 0 };
}

// ---------------------------------------------------------------------------
// Documents

/** A Y.Doc holding a stored state (as loadMergedState returns it). */
export function docFromState(state: Uint8Array | null): Y.Doc {
  if (!state) throw new Error('no stored state');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/**
 * Types words into the first paragraph of a Lexical document (root XmlText →
 * paragraph XmlText → [text node map, "text"]), inside the existing text run,
 * exactly where a browser's Lexical binding would put them.
 */
export function typeIntoFirstParagraph(doc: Y.Doc, words: string): void {
  const root = doc.get('root', Y.XmlText);
  for (const block of root.toDelta() as { insert: unknown }[]) {
    if (!(block.insert instanceof Y.XmlText) || block.insert.getAttribute('__type') !== 'paragraph') continue;
    const paragraph = block.insert;
    const delta = paragraph.toDelta() as { insert: unknown }[];
    if (delta.length >= 2 && delta[0].insert instanceof Y.Map && typeof delta[1].insert === 'string') {
      paragraph.insert(1 + (delta[1].insert as string).length, ` ${words}`);
      return;
    }
  }
  throw new Error('the document has no paragraph with text');
}
