import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import type { DeviceStore, DeviceStoreEvents } from './collab-provider.client.ts';
import { deleteDatabase } from './device-copy-storage.client.ts';

// In y-indexeddb's own key-value store, next to the document's updates.
const PENDING_KEY = 'pendingChanges';

/**
 * One document's copy in IndexedDB (y-indexeddb): every Yjs update is written
 * as it happens, and the number of changes the server has not acknowledged
 * is kept beside it, so a page opened later (even without a connection) shows
 * the text and the count. Created by the editor only where `mayKeepOnDevice`
 * allows; the provider opens it when it starts connecting.
 */
export class IndexedDbDeviceStore implements DeviceStore {
  private persistence: IndexeddbPersistence | null = null;
  private closed = false;

  constructor(
    readonly name: string,
    private readonly doc: Y.Doc,
  ) {}

  open(events: DeviceStoreEvents): void {
    if (this.persistence || this.closed) return;
    if (typeof indexedDB === 'undefined') {
      this.closed = true;
      events.unavailable();
      return;
    }
    const persistence = new IndexeddbPersistence(this.name, this.doc);
    this.persistence = persistence;
    persistence._db.then(
      (db) => {
        // Someone signed out (here or in another tab) and the database is being deleted: let it go.
        db.addEventListener('versionchange', () => {
          void this.close();
          events.unavailable();
        });
      },
      (error: unknown) => {
        // Storage refused (private browsing, quota, a broken profile): keep editing in the tab.
        console.error(error);
        this.closed = true;
        events.unavailable();
      },
    );
    void Promise.all([persistence.get(PENDING_KEY), persistence.whenSynced]).then(
      ([stored]) => {
        if (!this.closed) events.restored(typeof stored === 'number' ? stored : 0);
      },
      (error: unknown) => console.error(error),
    );
  }

  isOrigin(origin: unknown): boolean {
    return origin !== null && origin === this.persistence;
  }

  savePending(count: number): void {
    if (!this.persistence || this.closed) return;
    this.persistence.set(PENDING_KEY, count).catch((error: unknown) => console.error(error));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.persistence?.destroy();
  }

  async discard(): Promise<void> {
    await this.close().catch((error: unknown) => console.error(error));
    await deleteDatabase(this.name);
  }
}
