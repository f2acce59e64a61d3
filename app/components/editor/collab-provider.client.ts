import { HocuspocusProviderWebsocket, WebSocketStatus, type HocuspocusProvider } from '@hocuspocus/provider';
import type { Provider, ProviderAwareness } from '@lexical/yjs';
import type * as Y from 'yjs';
import { CLOSE_REASONS, type CloseReason } from '../../editor/close-reasons.ts';
import { nextPendingChanges, NO_PENDING_CHANGES, pendingCount, type PendingChanges, type PendingEvent } from './device-copy.ts';
import { OwnPresenceProvider } from './own-presence-provider.ts';

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
  /** The document is here: the server's copy arrived at least once, or a copy kept on this device was restored. */
  loaded: boolean;
  /** Updates sent (or queued) that the server has not acknowledged yet. */
  unsyncedChanges: number;
  /** Something was changed in this tab since the server last acknowledged everything. */
  hasLocalEdits: boolean;
  /** The server opened the document read-only for this connection. */
  serverReadOnly: boolean;
  refusal: Refusal | null;
  /** Changes made on this device (in this tab, or kept from an earlier visit) that the server has not acknowledged. */
  keptChanges: number;
  /** The document and those changes are written to this device, so they survive closing the tab. */
  keptOnDevice: boolean;
}

/** What a device store tells the provider. */
export interface DeviceStoreEvents {
  /** The copy on the device has been applied to the document; it held `pending` unacknowledged changes. */
  restored(pending: number): void;
  /** Nothing is (or will any longer be) written to the device: storage refused, or the copy was deleted. */
  unavailable(): void;
}

/** Where a document is kept on the device between visits (IndexedDB in the browser; a fake in tests). */
export interface DeviceStore {
  /** Starts loading the copy and writing every update; called once the editor connects. */
  open(events: DeviceStoreEvents): void;
  /** Whether a Yjs transaction came from the store (a restored update, not a new change). */
  isOrigin(origin: unknown): boolean;
  savePending(count: number): void;
  close(): Promise<void>;
  /** Closes the store and deletes the copy. */
  discard(): Promise<void>;
}

export interface CollabProviderOptions {
  url: string;
  name: string;
  doc: Y.Doc;
  /** Only for tests in Node. */
  WebSocketPolyfill?: unknown;
  /** How long acknowledgements may stall, with changes pending, before the socket is replaced. */
  stallTimeoutMs?: number;
  /** Keeps the document on this device (only where `mayKeepOnDevice` allows); without it, changes live in the tab. */
  deviceStore?: DeviceStore;
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
    keptChanges: 0,
    keptOnDevice: false,
  };
  private pending: PendingChanges = NO_PENDING_CHANGES;
  private deviceStore: DeviceStore | null;
  private readonly listeners = new Set<Listener>();
  private readonly syncCallbacks = new Map<SyncCallback, (data: { state: boolean }) => void>();
  private readonly stallTimeoutMs: number;
  private stallTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  constructor(options: CollabProviderOptions) {
    this.doc = options.doc;
    this.stallTimeoutMs = options.stallTimeoutMs ?? 20_000;
    this.deviceStore = options.deviceStore ?? null;
    if (this.deviceStore) this.snapshot = { ...this.snapshot, keptOnDevice: true };
    // Without a device copy there is nothing to restore: the count starts with this tab.
    else this.pending = nextPendingChanges(this.pending, { type: 'restored', stored: 0 });
    this.socket = new HocuspocusProviderWebsocket({
      url: options.url,
      autoConnect: false,
      // Come back quickly after a short outage; never wait more than 10 s between attempts.
      maxDelay: 10_000,
      // Runs before the socket's own close handler, which would schedule a reconnect.
      onClose: this.onSocketClose,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    this.hocuspocus = new OwnPresenceProvider({
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
    // Loaded while connecting (and after the editor's binding observes the document, so it shows what arrives).
    this.deviceStore?.open({ restored: this.onDeviceRestored, unavailable: this.onDeviceUnavailable });
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
    void this.deviceStore?.close();
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
    // Hocuspocus reaches 0 only on an acknowledgement (a reconnect restarts it at 1 for the handshake).
    if (number === 0) this.countPending({ type: 'all-acknowledged' });
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
    // Read-only now: nothing kept here can ever be stored, and readers keep no copy.
    if (scope === 'readonly') this.discardDeviceCopy();
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
    // Updates applied from the server carry the provider as origin, restored ones the device store;
    // everything else was made here.
    if (origin === this.hocuspocus || this.deviceStore?.isOrigin(origin)) return;
    this.countPending({ type: 'local-change' });
    if (!this.snapshot.hasLocalEdits) this.update({ hasLocalEdits: true });
  };

  private onDeviceRestored = (stored: number) => {
    this.countPending({ type: 'restored', stored });
    // Something was kept here: the text can be shown, and edited, before (or without) the server.
    if (this.doc.store.clients.size > 0) this.update({ loaded: true });
  };

  private onDeviceUnavailable = () => {
    this.deviceStore = null;
    this.update({ keptOnDevice: false });
    this.countPending({ type: 'restored', stored: 0 });
  };

  private countPending(event: PendingEvent): void {
    const before = this.pending;
    this.pending = nextPendingChanges(before, event);
    if (this.pending === before) return;
    const count = pendingCount(this.pending);
    if (this.pending.ready && this.deviceStore) this.deviceStore.savePending(count);
    this.update({ keptChanges: count });
  }

  private discardDeviceCopy(): void {
    const store = this.deviceStore;
    if (!store) return;
    this.deviceStore = null;
    this.update({ keptOnDevice: false });
    store.discard().catch((error: unknown) => console.error(error));
  }

  private onBrowserOnline = () => {
    // The retry back-off may be several seconds long; the network is back now.
    if (this.snapshot.phase !== 'connected' && !this.snapshot.refusal && this.socket.shouldConnect) {
      void this.socket.connect();
    }
  };

  private refuse(refusal: Refusal): void {
    this.clearStallTimer();
    this.update({ refusal });
    // No longer allowed to change (or read) the document: its copy must not stay on the device.
    if (READ_ONLY_REFUSALS.has(refusal)) this.discardDeviceCopy();
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
