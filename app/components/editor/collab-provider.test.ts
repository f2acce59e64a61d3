import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hocuspocus } from '@hocuspocus/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { CLOSE_REASONS } from '../../editor/close-reasons.ts';
import { CollabProvider, refusalFrom, type DeviceStore, type DeviceStoreEvents } from './collab-provider.client.ts';

// A real Hocuspocus 3.4.4 server, so that the adapter is checked against the
// messages the provider really receives (not against what its docs say).
let hocuspocus: Hocuspocus;
let httpServer: HttpServer;
let url: string;
let connects = 0;
// A second endpoint that refuses every socket the way a connection limit would.
let refusingServer: WebSocketServer;
let refusingUrl: string;

const providers: CollabProvider[] = [];

// Node's `ws` throws when a socket that is still connecting is closed and no
// 'error' listener is left; browsers only fire events. Behave like a browser.
class BrowserLikeWebSocket extends WebSocket {
  constructor(address: string) {
    super(address);
    this.on('error', () => {});
  }
}

function makeProvider(name: string, base = url, stallTimeoutMs?: number): CollabProvider {
  const provider = new CollabProvider({ url: base, name, doc: new Y.Doc(), WebSocketPolyfill: BrowserLikeWebSocket, stallTimeoutMs });
  providers.push(provider);
  return provider;
}

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  hocuspocus = new Hocuspocus({
    quiet: true,
    async onConnect() {
      connects++;
    },
    async onAuthenticate({ documentName, connectionConfig }) {
      if (documentName.startsWith('forbidden')) throw CLOSE_REASONS.forbidden;
      if (documentName.startsWith('unauthorized')) throw CLOSE_REASONS.unauthorized;
      if (documentName.startsWith('readonly')) connectionConfig.readOnly = true;
    },
  });
  const wss = new WebSocketServer({ noServer: true });
  httpServer = createServer();
  httpServer.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => hocuspocus.handleConnection(ws, request));
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}/collab`;

  refusingServer = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  refusingServer.on('connection', (ws) => {
    connects++;
    ws.close(CLOSE_REASONS.tooManyConnections.code, CLOSE_REASONS.tooManyConnections.reason);
  });
  await new Promise<void>((resolve) => refusingServer.once('listening', resolve));
  refusingUrl = `ws://127.0.0.1:${(refusingServer.address() as AddressInfo).port}/collab`;
});

afterEach(() => {
  while (providers.length) providers.pop()!.destroy();
});

afterAll(async () => {
  hocuspocus.closeConnections();
  refusingServer.close();
  await new Promise((resolve) => httpServer.close(resolve));
});

describe('refusalFrom', () => {
  it('maps the server’s reasons, Hocuspocus defaults and close codes', () => {
    expect(refusalFrom('access-revoked', 1000)).toBe('access-revoked');
    expect(refusalFrom('too-many-documents', 4429)).toBe('too-many-documents');
    expect(refusalFrom('permission-denied')).toBe('forbidden');
    expect(refusalFrom('', 4401)).toBe('unauthorized');
    expect(refusalFrom('', 1009)).toBe('message-too-big');
    expect(refusalFrom('', 1006)).toBeNull();
    expect(refusalFrom('Server closed the connection', 1000)).toBeNull();
  });
});

describe('CollabProvider against Hocuspocus 3.4.4', () => {
  it('does not connect until connect(), then reports sync, saving and saved', async () => {
    const provider = makeProvider('doc-1');
    const syncs: boolean[] = [];
    provider.on('sync', (isSynced: boolean) => syncs.push(isSynced));
    const before = connects;
    await sleep(200);
    expect(connects).toBe(before);
    expect(provider.getSnapshot().phase).toBe('connecting');

    void provider.connect();
    await waitFor(() => provider.getSnapshot().loaded);
    expect(syncs).toContain(true);
    expect(provider.getSnapshot()).toMatchObject({ phase: 'connected', serverReadOnly: false, refusal: null });

    const seen: number[] = [];
    provider.subscribe(() => seen.push(provider.getSnapshot().unsyncedChanges));
    provider.doc.getText('t').insert(0, 'hello');
    expect(provider.getSnapshot().hasLocalEdits).toBe(true);
    await waitFor(() => provider.getSnapshot().unsyncedChanges === 0);
    expect(seen.some((n) => n > 0)).toBe(true);
    expect(provider.getSnapshot().hasLocalEdits).toBe(false);
    expect(hocuspocus.documents.get('doc-1')?.getText('t').toString()).toBe('hello');
  });

  it('keeps edits made offline and syncs them after reconnecting', async () => {
    const provider = makeProvider('doc-2');
    void provider.connect();
    await waitFor(() => provider.getSnapshot().loaded);
    // Drop the connection from the server side, as a network failure would.
    hocuspocus.documents.get('doc-2')!.getConnections()[0].webSocket.terminate();
    await waitFor(() => provider.getSnapshot().phase === 'offline');
    provider.doc.getText('t').insert(0, 'offline edit');
    expect(provider.getSnapshot().hasLocalEdits).toBe(true);
    await waitFor(() => provider.getSnapshot().phase === 'connected', 8_000);
    await waitFor(() => provider.getSnapshot().unsyncedChanges === 0 && !provider.getSnapshot().hasLocalEdits);
    expect(hocuspocus.documents.get('doc-2')?.getText('t').toString()).toBe('offline edit');
  });

  it('reports a refused document and stops retrying', async () => {
    const provider = makeProvider('forbidden-1');
    void provider.connect();
    await waitFor(() => provider.getSnapshot().refusal !== null);
    expect(provider.getSnapshot().refusal).toBe('forbidden');
    expect(provider.getSnapshot().loaded).toBe(false);
    const after = connects;
    await sleep(2_500);
    expect(connects).toBe(after);
    expect(provider.getSnapshot().phase).toBe('offline');
  });

  it('reports unauthorized, and connects again on retry()', async () => {
    const provider = makeProvider('unauthorized-1');
    void provider.connect();
    await waitFor(() => provider.getSnapshot().refusal === 'unauthorized');
    const after = connects;
    provider.retry();
    await waitFor(() => connects > after);
    await waitFor(() => provider.getSnapshot().refusal === 'unauthorized');
  });

  it('reports access removed while connected (a CLOSE message on an open socket)', async () => {
    const provider = makeProvider('doc-3');
    void provider.connect();
    await waitFor(() => provider.getSnapshot().loaded);
    hocuspocus.documents.get('doc-3')!.getConnections()[0].close(CLOSE_REASONS.accessRevoked);
    await waitFor(() => provider.getSnapshot().refusal === 'access-revoked');
    const after = connects;
    await sleep(2_500);
    expect(connects).toBe(after);
  });

  it('reports a socket closed with a refusal code and does not reconnect', async () => {
    const provider = makeProvider('doc-4', refusingUrl);
    void provider.connect();
    await waitFor(() => provider.getSnapshot().refusal !== null);
    expect(provider.getSnapshot().refusal).toBe('too-many-connections');
    const after = connects;
    await sleep(2_500);
    expect(connects).toBe(after);
  });

  it('knows a read-only connection', async () => {
    const provider = makeProvider('readonly-1');
    void provider.connect();
    await waitFor(() => provider.getSnapshot().loaded);
    expect(provider.getSnapshot().serverReadOnly).toBe(true);
    await waitFor(() => provider.getSnapshot().unsyncedChanges === 0);
  });

  it('replaces a socket whose acknowledgements stall', async () => {
    const provider = makeProvider('doc-5', url, 300);
    void provider.connect();
    await waitFor(() => provider.getSnapshot().loaded);
    // From now on the server applies nothing and acknowledges nothing, as if it hung.
    const connection = hocuspocus.documents.get('doc-5')!.getConnections()[0];
    connection.beforeHandleMessage(() => new Promise(() => {}));
    const before = connects;
    provider.doc.getText('t').insert(0, 'stuck');
    await waitFor(() => connects > before, 5_000);
    await waitFor(() => provider.getSnapshot().unsyncedChanges === 0 && provider.getSnapshot().phase === 'connected', 8_000);
    expect(hocuspocus.documents.get('doc-5')?.getText('t').toString()).toBe('stuck');
  });

  it('survives disconnect() and connect() again (React StrictMode runs effects twice)', async () => {
    const provider = makeProvider('doc-6');
    void provider.connect();
    provider.disconnect();
    void provider.connect();
    await waitFor(() => provider.getSnapshot().loaded && provider.getSnapshot().phase === 'connected');
  });
});

/** Stands in for IndexedDB: holds one earlier visit's state and count, applied with its own origin as y-indexeddb does. */
class FakeDeviceStore implements DeviceStore {
  readonly saved: number[] = [];
  opened = 0;
  closed = false;
  discarded = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly kept: { text?: string; pending: number },
  ) {}

  open(events: DeviceStoreEvents): void {
    this.opened++;
    queueMicrotask(() => {
      if (this.kept.text) {
        const earlier = new Y.Doc();
        earlier.getText('t').insert(0, this.kept.text);
        Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(earlier), this);
      }
      events.restored(this.kept.pending);
    });
  }

  isOrigin(origin: unknown): boolean {
    return origin === this;
  }

  savePending(count: number): void {
    this.saved.push(count);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  async discard(): Promise<void> {
    this.closed = true;
    this.discarded = true;
  }
}

function providerWithStore(name: string, kept: { text?: string; pending: number }, base = url) {
  const doc = new Y.Doc();
  const store = new FakeDeviceStore(doc, kept);
  const provider = new CollabProvider({ url: base, name, doc, WebSocketPolyfill: BrowserLikeWebSocket, deviceStore: store });
  providers.push(provider);
  return { provider, store };
}

describe('CollabProvider with a copy kept on the device', () => {
  // Nothing listens there: the socket fails as it does without a network.
  const unreachable = 'ws://127.0.0.1:9/collab';

  it('shows the kept text and count without the server, and counts on', async () => {
    const { provider, store } = providerWithStore('device-1', { text: 'kept here', pending: 3 }, unreachable);
    expect(provider.getSnapshot()).toMatchObject({ keptOnDevice: true, loaded: false, keptChanges: 0 });
    void provider.connect();
    await waitFor(() => provider.getSnapshot().loaded && provider.getSnapshot().phase === 'offline');
    expect(provider.doc.getText('t').toString()).toBe('kept here');
    // Restored changes are counted, but are not new edits of this tab.
    expect(provider.getSnapshot()).toMatchObject({ keptChanges: 3, hasLocalEdits: false });
    provider.doc.getText('t').insert(0, '> ');
    expect(provider.getSnapshot()).toMatchObject({ keptChanges: 4, hasLocalEdits: true });
    expect(store.saved.at(-1)).toBe(4);
    expect(store.opened).toBe(1);
    provider.destroy();
    expect(store.closed).toBe(true);
  });

  it('sends the kept changes on connecting and counts zero once the server acknowledged them', async () => {
    const { provider, store } = providerWithStore('device-2', { text: 'from yesterday', pending: 2 });
    void provider.connect();
    await waitFor(() => provider.getSnapshot().phase === 'connected' && provider.getSnapshot().keptChanges === 0 && store.saved.length > 0);
    expect(store.saved.at(-1)).toBe(0);
    expect(hocuspocus.documents.get('device-2')?.getText('t').toString()).toBe('from yesterday');
    expect(provider.getSnapshot().keptOnDevice).toBe(true);
  });

  it('a document with nothing kept waits for the server, as before', async () => {
    const { provider } = providerWithStore('device-3', { pending: 0 }, unreachable);
    void provider.connect();
    await waitFor(() => provider.getSnapshot().phase === 'offline');
    // The (empty) copy was read in a microtask after connect(), long before the socket failed.
    expect(provider.getSnapshot()).toMatchObject({ loaded: false, keptChanges: 0 });
  });

  it('discards the copy when the server opens the document read-only', async () => {
    const { provider, store } = providerWithStore('readonly-device', { text: 'cannot be stored', pending: 1 });
    void provider.connect();
    await waitFor(() => provider.getSnapshot().serverReadOnly);
    await waitFor(() => store.discarded);
    expect(provider.getSnapshot().keptOnDevice).toBe(false);
    expect(hocuspocus.documents.get('readonly-device')?.getText('t').toString()).toBe('');
  });

  it('discards the copy when access is refused', async () => {
    const { provider, store } = providerWithStore('forbidden-device', { text: 'no longer yours', pending: 1 });
    void provider.connect();
    await waitFor(() => provider.getSnapshot().refusal === 'forbidden');
    expect(store.discarded).toBe(true);
    expect(provider.getSnapshot().keptOnDevice).toBe(false);
  });

  it('keeps counting in the tab when the device store gives up', async () => {
    const doc = new Y.Doc();
    let events: DeviceStoreEvents | null = null;
    const store: DeviceStore = {
      open: (e) => {
        events = e;
      },
      isOrigin: () => false,
      savePending: () => {},
      close: async () => {},
      discard: async () => {},
    };
    const provider = new CollabProvider({ url: unreachable, name: 'device-4', doc, WebSocketPolyfill: BrowserLikeWebSocket, deviceStore: store });
    providers.push(provider);
    void provider.connect();
    doc.getText('t').insert(0, 'a');
    expect(provider.getSnapshot().keptChanges).toBe(1);
    events!.unavailable();
    expect(provider.getSnapshot()).toMatchObject({ keptOnDevice: false, keptChanges: 1 });
    doc.getText('t').insert(0, 'b');
    expect(provider.getSnapshot().keptChanges).toBe(2);
  });
});
