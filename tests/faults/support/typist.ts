import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { collabUrl, MESSAGE, SYNC, waitFor } from '../../support/collab-client.ts';

/**
 * A person typing through a real HocuspocusProvider, with an exact record of
 * which edits the server has acknowledged.
 *
 * The provider's own `unsyncedChanges` counter is reset on every reconnect
 * while acknowledgements of messages queued before it are still on their way,
 * so after a reconnect it can reach 0 with edits unacknowledged. Here each
 * physical socket counts the changes it sent (sync step 2 and updates) and the
 * SyncStatus(applied) answers it received. When the two are equal on the
 * current socket, after that socket's sync step 2, the server has stored
 * everything this client typed so far: the step 2 carried every edit made
 * before it (the diff against the server's state vector), and each later edit
 * went out as an update on the same socket.
 */

interface SocketLedger {
  ws: WebSocket;
  sent: number;
  applied: number;
  stepTwoSent: boolean;
}

/** Close reasons after which retrying is pointless (app/editor/close-reasons.ts). */
const REFUSALS = new Set(['unauthorized', 'forbidden', 'access-revoked', 'too-many-connections', 'too-many-documents']);

export class Typist {
  readonly doc = new Y.Doc();
  readonly provider: HocuspocusProvider;
  readonly socket: HocuspocusProviderWebsocket;
  /** Every token this client typed, in order. */
  readonly typed: string[] = [];
  /** typed[0 .. acknowledgedCount) are acknowledged, i.e. stored by the server. */
  acknowledgedCount = 0;
  /** Doc-level Close messages and socket closes seen. */
  closes = 0;
  readonly closeReasons = new Map<string, number>();
  /** Set when the server refused this client for good (then nothing will be acknowledged). */
  refusal: string | null = null;
  private ledger: SocketLedger | null = null;

  constructor(
    readonly name: string,
    baseURL: string,
    documentName: string,
    cookie: string,
  ) {
    const onOpen = (ledger: SocketLedger) => (this.ledger = ledger);
    const noteSent = (ledger: SocketLedger, data: Uint8Array) => this.noteSent(ledger, data);
    const noteReceived = (ledger: SocketLedger, data: Uint8Array) => this.noteReceived(ledger, data);
    class LedgerWebSocket extends WebSocket {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols ?? [], { headers: { cookie } });
        this.on('error', () => {});
        const ledger: SocketLedger = { ws: this, sent: 0, applied: 0, stepTwoSent: false };
        onOpen(ledger);
        const send = this.send.bind(this) as (data: unknown, ...rest: unknown[]) => void;
        (this as { send: unknown }).send = (data: unknown, ...rest: unknown[]) => {
          noteSent(ledger, data as Uint8Array);
          send(data, ...rest);
        };
        this.on('message', (data: Buffer) => noteReceived(ledger, new Uint8Array(data)));
      }
    }
    this.socket = new HocuspocusProviderWebsocket({
      url: collabUrl(baseURL),
      WebSocketPolyfill: LedgerWebSocket,
      delay: 50,
      factor: 1,
      maxDelay: 300,
      minDelay: 50,
      jitter: false,
    });
    this.provider = new HocuspocusProvider({ websocketProvider: this.socket, name: documentName, document: this.doc, token: 'cookie-session' });
    this.provider.on('close', ({ event }: { event: { code: number; reason: string } }) => {
      this.closes++;
      const key = `${event.code}:${event.reason}`;
      this.closeReasons.set(key, (this.closeReasons.get(key) ?? 0) + 1);
      if (REFUSALS.has(String(event.reason))) {
        this.refusal = String(event.reason);
        return;
      }
      // As the portal's editor does: a document closed for another reason (its update could not
      // be stored, say) while the socket stays open gets a fresh socket, which syncs everything again.
      if (this.socket.webSocket?.readyState === WebSocket.OPEN) this.socket.webSocket.close();
    });
    this.provider.attach();
  }

  private noteSent(ledger: SocketLedger, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MESSAGE.sync) return;
    const syncType = decoding.readVarUint(decoder);
    if (syncType === SYNC.step2) ledger.stepTwoSent = true;
    if (syncType === SYNC.step2 || syncType === SYNC.update) ledger.sent++;
  }

  private noteReceived(ledger: SocketLedger, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MESSAGE.syncStatus) return;
    if (decoding.readVarInt(decoder) !== 1) return;
    ledger.applied++;
    // Only while the socket is open: once it is closing, the provider queues new edits instead of
    // sending them, and a late answer must not count those as acknowledged.
    if (ledger === this.ledger && ledger.ws.readyState === WebSocket.OPEN && ledger.stepTwoSent && ledger.applied === ledger.sent) this.acknowledgedCount = this.typed.length;
  }

  /** One edit, one Yjs transaction, one update message: a token in the shared list and in the shared text. */
  type(token: string, at: number): void {
    this.doc.transact(() => {
      this.doc.getArray<string>('typed').push([token]);
      const text = this.doc.getText('typing');
      text.insert(Math.min(at, text.length), `${token} `);
    });
    this.typed.push(token);
  }

  acknowledged(): string[] {
    return this.typed.slice(0, this.acknowledgedCount);
  }

  /** Cuts the network under the client (no close handshake); the provider reconnects on its own. */
  cut(): void {
    (this.socket.webSocket as unknown as WebSocket | null)?.terminate();
  }

  /** Where this client stands, for a failure message. */
  state(): string {
    const ledger = this.ledger;
    const socket = ledger ? ['connecting', 'open', 'closing', 'closed'][ledger.ws.readyState] : 'none';
    return `${this.name}: synced ${this.provider.isSynced}, socket ${socket}, sent ${ledger?.sent} applied ${ledger?.applied} step2 ${ledger?.stepTwoSent}, acknowledged ${this.acknowledgedCount}/${this.typed.length}, closes ${JSON.stringify(Object.fromEntries(this.closeReasons))}`;
  }

  /** Waits until the server has acknowledged everything typed here. */
  async settled(timeoutMs = 30_000): Promise<void> {
    await waitFor(() => {
      if (this.refusal) throw new Error(`${this.name} was refused: ${this.refusal}`);
      return this.provider.isSynced && this.acknowledgedCount === this.typed.length;
    }, `${this.name}: acknowledgement of all ${this.typed.length} edits`, timeoutMs, 10).catch((error: Error) => {
      throw new Error(`${error.message} (${this.state()})`);
    });
  }

  destroy(): void {
    this.provider.destroy();
    this.socket.destroy();
  }
}

/** The tokens a Yjs state holds in its shared list. */
export function tokensOf(doc: Y.Doc): Set<string> {
  return new Set(doc.getArray<string>('typed').toArray());
}

/** Waits until every typist has everything acknowledged and all hold the same document. */
export async function converged(typists: Typist[], timeoutMs = 60_000): Promise<void> {
  await Promise.all(typists.map((t) => t.settled(timeoutMs)));
  const everything = new Set(typists.flatMap((t) => t.typed));
  await waitFor(
    () => typists.every((t) => tokensOf(t.doc).size === everything.size && t.doc.getText('typing').toString() === typists[0].doc.getText('typing').toString()),
    `all ${typists.length} clients to hold the same ${everything.size} edits`,
    timeoutMs,
    20,
  );
}

/** A small seeded PRNG (mulberry32): a failing run can be repeated with the seed it prints. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Keeps every typist typing (an edit every 40–160 ms each) and cuts a random
 * connection every 200–900 ms, until stop() is called.
 */
export function startTyping(typists: Typist[], random: () => number, options: { cutConnections?: boolean } = {}): { stop(): Promise<void> } {
  let running = true;
  const loops = typists.map(async (typist) => {
    let i = 0;
    while (running) {
      typist.type(`${typist.name}-${i++}`, Math.floor(random() * 2_000));
      await new Promise((resolve) => setTimeout(resolve, 40 + random() * 120));
    }
  });
  const cutter = (async () => {
    while (running && options.cutConnections !== false) {
      await new Promise((resolve) => setTimeout(resolve, 200 + random() * 700));
      if (running) typists[Math.floor(random() * typists.length)].cut();
    }
  })();
  return {
    async stop() {
      running = false;
      await Promise.all([...loops, cutter]);
    },
  };
}
