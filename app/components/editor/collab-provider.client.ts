import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import type { Provider, ProviderAwareness } from '@lexical/yjs';
import type * as Y from 'yjs';
import { CLOSE_REASONS, type CloseReason } from '../../editor/close-reasons.ts';

/**
 * Why the live connection stopped and will not come back by itself.
 * `message-too-big` is the WebSocket close code 1009 (one change larger than the server accepts);
 * `other` is a refusal whose reason this client does not know.
 */
// 'access-changed' is no refusal: the provider reconnects and learns its new rights.
export type Refusal = Exclude<CloseReason, 'access-changed'> | 'message-too-big' | 'other';

/** Refusals after which the editor must not accept more changes: they could never be saved. */
export const READ_ONLY_REFUSALS: ReadonlySet<Refusal> = new Set<Refusal>(['forbidden', 'access-revoked']);

export type ConnectionPhase = 'connecting' | 'connected' | 'offline';

/** What the editor shows about the connection. Replaced (never mutated) on every change. */
export interface CollabSnapshot {
  phase: ConnectionPhase;
  /** The server's copy of the document has arrived at least once. */
  loaded: boolean;
  /** Updates sent (or queued) that the server has not acknowledged yet. */
  unsyncedChanges: number;
  /** Something was changed in this tab since the server last acknowledged everything. */
  hasLocalEdits: boolean;
  /** The server opened the document read-only for this connection. */
  serverReadOnly: boolean;
  refusal: Refusal | null;
}

export interface CollabProviderOptions {
  url: string;
  name: string;
  doc: Y.Doc;
  /** Only for tests in Node. */
  WebSocketPolyfill?: unknown;
  /** How long acknowledgements may stall, with changes pending, before the socket is replaced. */
  stallTimeoutMs?: number;
}

const KNOWN_REASONS = new Map<string, Refusal>(
  (Object.values(CLOSE_REASONS).map(({ reason }) => reason).filter((reason) => reason !== CLOSE_REASONS.accessChanged.reason) as Refusal[]).map(
    (reason) => [reason, reason] as const,
  ),
);
// Hocuspocus' own defaults, used when a hook throws without a reason of ours.
KNOWN_REASONS.set('permission-denied', 'forbidden');
KNOWN_REASONS.set('Unauthorized', 'unauthorized');
KNOWN_REASONS.set('Forbidden', 'forbidden');

const CODE_REFUSALS = new Map<number, Refusal>([
  [1009, 'message-too-big'],
  [CLOSE_REASONS.unauthorized.code, 'unauthorized'],
  [CLOSE_REASONS.forbidden.code, 'forbidden'],
  [CLOSE_REASONS.tooManyConnections.code, 'too-many-connections'],
]);

/** The refusal a close event or failed authentication stands for; null for an ordinary disconnect. */
export function refusalFrom(reason: string | undefined, code?: number): Refusal | null {
  if (reason) {
    const known = KNOWN_REASONS.get(reason);
    if (known) return known;
  }
  if (code !== undefined) {
    const byCode = CODE_REFUSALS.get(code);
    if (byCode) return byCode;
  }
  return null;
}

type Listener = () => void;
type SyncCallback = (isSynced: boolean) => void;

/**
 * A HocuspocusProvider shaped as the `Provider` the Lexical CollaborationPlugin
 * expects. Hocuspocus 3.4 emits `synced`, never the `sync(isSynced)` event
 * Lexical listens to, and its `connect()` only works on a socket it manages,
 * so the socket is created here (without connecting) and `connect()` /
 * `disconnect()` drive it. It also keeps the connection state the editor
 * shows (a store for `useSyncExternalStore`), and stops reconnecting when the
 * server refuses the connection for a reason that retrying cannot fix.
 */
export class CollabProvider implements Provider {
  readonly hocuspocus: HocuspocusProvider;
  readonly socket: HocuspocusProviderWebsocket;
  readonly awareness: ProviderAwareness;
  readonly doc: Y.Doc;

  private snapshot: CollabSnapshot = {
    phase: 'connecting',
    loaded: false,
    unsyncedChanges: 0,
    hasLocalEdits: false,
    serverReadOnly: false,
    refusal: null,
  };
  private readonly listeners = new Set<Listener>();
  private readonly syncCallbacks = new Map<SyncCallback, (data: { state: boolean }) => void>();
  private readonly stallTimeoutMs: number;
  private stallTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  constructor(options: CollabProviderOptions) {
    this.doc = options.doc;
    this.stallTimeoutMs = options.stallTimeoutMs ?? 20_000;
    this.socket = new HocuspocusProviderWebsocket({
      url: options.url,
      autoConnect: false,
      // Come back quickly after a short outage; never wait more than 10 s between attempts.
      maxDelay: 10_000,
      // Runs before the socket's own close handler, which would schedule a reconnect.
      onClose: this.onSocketClose,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    this.hocuspocus = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: options.name,
      document: options.doc,
    });
    // y-protocols' Awareness is what Lexical's structural ProviderAwareness type describes.
    this.awareness = this.hocuspocus.awareness as unknown as ProviderAwareness;

    this.hocuspocus.on('status', this.onStatus);
    this.hocuspocus.on('synced', this.onSynced);
    this.hocuspocus.on('unsyncedChanges', this.onUnsyncedChanges);
    this.hocuspocus.on('authenticated', this.onAuthenticated);
    this.hocuspocus.on('authenticationFailed', this.onAuthenticationFailed);
    this.hocuspocus.on('close', this.onClose);
    this.doc.on('update', this.onDocUpdate);
    if (typeof window !== 'undefined') window.addEventListener('online', this.onBrowserOnline);
  }

  // --- Lexical's Provider interface -------------------------------------------

  connect(): Promise<void> | void {
    if (this.destroyed || this.snapshot.refusal) return;
    // Not attached in the constructor: with a socket it does not manage, the provider waits for this.
    this.hocuspocus.attach();
    // Resolves once connected; the plugin disconnects after that when it unmounts.
    return this.socket.connect().then(() => undefined);
  }

  disconnect(): void {
    this.socket.disconnect();
  }

  on(type: 'sync' | 'status' | 'update' | 'reload', callback: (...args: any[]) => void): void {
    if (type === 'sync') {
      const forward = ({ state }: { state: boolean }) => (callback as SyncCallback)(state);
      this.syncCallbacks.set(callback as SyncCallback, forward);
      this.hocuspocus.on('synced', forward);
    } else if (type === 'status') {
      this.hocuspocus.on('status', callback);
    }
    // 'update' and 'reload' are never emitted: Hocuspocus does not swap documents.
  }

  off(type: 'sync' | 'status' | 'update' | 'reload', callback: (...args: any[]) => void): void {
    if (type === 'sync') {
      const forward = this.syncCallbacks.get(callback as SyncCallback);
      if (forward) this.hocuspocus.off('synced', forward);
      this.syncCallbacks.delete(callback as SyncCallback);
    } else if (type === 'status') {
      this.hocuspocus.off('status', callback);
    }
  }

  // --- State for the UI -------------------------------------------------------

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CollabSnapshot => this.snapshot;

  /** Tries again after a refusal (for example after signing in again in another tab). */
  retry(): void {
    if (this.destroyed) return;
    this.update({ refusal: null });
    void this.connect();
  }

  /** Stops everything: timers, listeners, the socket. The plugin only ever disconnects. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.clearStallTimer();
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onBrowserOnline);
    this.doc.off('update', this.onDocUpdate);
    this.hocuspocus.destroy();
    this.socket.destroy();
    this.listeners.clear();
  }

  private update(patch: Partial<CollabSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    const changed = (Object.keys(patch) as (keyof CollabSnapshot)[]).some((key) => next[key] !== this.snapshot[key]);
    if (!changed) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  private onStatus = ({ status }: { status: WebSocketStatus }) => {
    if (status === WebSocketStatus.Connected) {
      this.update({ phase: 'connected' });
    } else if (status === WebSocketStatus.Disconnected) {
      this.clearStallTimer();
      this.update({ phase: 'offline' });
    }
    // 'connecting' between retries keeps showing the previous phase (offline stays offline).
  };

  private onSynced = () => {
    this.update({ loaded: true });
  };

  private onUnsyncedChanges = ({ number }: { number: number }) => {
    const previous = this.snapshot.unsyncedChanges;
    this.update(number === 0 ? { unsyncedChanges: 0, hasLocalEdits: false } : { unsyncedChanges: number });
    if (number === 0) {
      this.clearStallTimer();
    } else if (number < previous || this.stallTimer === null) {
      // Progress (an acknowledgement) or the first pending change: (re)start the watch.
      this.startStallTimer();
    }
  };

  private onAuthenticated = ({ scope }: { scope: string }) => {
    this.update({ serverReadOnly: scope === 'readonly' });
  };

  private onAuthenticationFailed = ({ reason }: { reason: string }) => {
    this.refuse(refusalFrom(reason) ?? 'other');
  };

  /** The WebSocket itself closed (the server refused it, or the network went away). */
  private onSocketClose = ({ event }: { event: { code: number; reason: string } }) => {
    const refusal = refusalFrom(event.reason, event.code);
    if (refusal) this.refuse(refusal);
  };

  /** The document was closed: on a closed socket, or by a CLOSE message while the socket stays open. */
  private onClose = ({ event }: { event: { code: number; reason: string } }) => {
    const refusal = refusalFrom(event.reason, event.code);
    if (refusal) {
      this.refuse(refusal);
      return;
    }
    // The server closed this document for a reason we do not know but left the
    // socket open: replace the socket, which authenticates and syncs again.
    if (this.socket.webSocket && this.socket.webSocket.readyState === 1 && !this.destroyed) {
      this.socket.webSocket.close();
    }
  };

  private onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    // Updates applied from the server carry the provider as origin; everything else was made here.
    if (origin !== this.hocuspocus && !this.snapshot.hasLocalEdits) this.update({ hasLocalEdits: true });
  };

  private onBrowserOnline = () => {
    // The retry back-off may be several seconds long; the network is back now.
    if (this.snapshot.phase !== 'connected' && !this.snapshot.refusal && this.socket.shouldConnect) {
      void this.socket.connect();
    }
  };

  private refuse(refusal: Refusal): void {
    this.clearStallTimer();
    this.update({ refusal });
    // Retrying would only be refused again; the user decides when to try again.
    this.socket.disconnect();
  }

  private startStallTimer(): void {
    this.clearStallTimer();
    this.stallTimer = setTimeout(() => {
      this.stallTimer = null;
      // Connected, changes pending, and no acknowledgement for a long time: the
      // socket is half dead, or the server stopped accepting our changes (for
      // example access became read-only). A fresh socket syncs everything again
      // and authenticates anew, so the editor learns which it was.
      const { phase, unsyncedChanges, serverReadOnly } = this.snapshot;
      // A read-only connection never acknowledges new changes; reconnecting would not change that.
      if (phase === 'connected' && unsyncedChanges > 0 && !serverReadOnly && this.socket.webSocket) {
        this.socket.webSocket.close();
      }
    }, this.stallTimeoutMs);
  }

  private clearStallTimer(): void {
    if (this.stallTimer !== null) clearTimeout(this.stallTimer);
    this.stallTimer = null;
  }
}
