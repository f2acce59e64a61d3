import type { Db } from '../../db/client.server.ts';
import { appendDocumentUpdates, type StoredUpdate, type TailRowId } from '../models/document-state.server.ts';

interface Waiting extends StoredUpdate {
  resolve(id: TailRowId): void;
  reject(error: unknown): void;
}

export interface UpdateWriter {
  /** Resolves with the row's id once the transaction holding it has committed; rejects if it did not. */
  append(documentId: string, data: Uint8Array): Promise<TailRowId>;
  /** Resolves when every update appended so far is committed (or failed). */
  drain(): Promise<void>;
}

/**
 * Group commit (decision 020): every update that arrives in one turn of the
 * event loop, for any document, is written in one transaction. While that
 * transaction runs (PostgreSQL), new updates queue for the next one, so there
 * is at most one commit in flight and each commit takes everything waiting.
 * A caller is answered only after its row has committed.
 */
export function createUpdateWriter(db: Db): UpdateWriter {
  let queue: Waiting[] = [];
  let scheduled = false;
  let inFlight: Promise<void> | null = null;

  async function write(batch: Waiting[]): Promise<void> {
    try {
      const ids = await appendDocumentUpdates(db, batch);
      // RETURNING gives ids by document; rows of one document are handed out in the order they were queued.
      const next = new Map<string, number>();
      for (const waiting of batch) {
        const list = ids.get(waiting.documentId) ?? [];
        const index = next.get(waiting.documentId) ?? 0;
        next.set(waiting.documentId, index + 1);
        const id = list[index];
        if (id === undefined) waiting.reject(new Error('the stored update was not returned'));
        else waiting.resolve(id);
      }
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }

  function flush(): void {
    scheduled = false;
    if (inFlight || queue.length === 0) return;
    const batch = queue;
    queue = [];
    inFlight = write(batch).finally(() => {
      inFlight = null;
      flush();
    });
  }

  return {
    append(documentId, data) {
      return new Promise<TailRowId>((resolve, reject) => {
        queue.push({ documentId, data, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          // After the I/O phase: every message read from the sockets in this turn joins the batch.
          setImmediate(flush);
        }
      });
    },
    async drain() {
      while (inFlight || queue.length > 0 || scheduled) await (inFlight ?? new Promise((resolve) => setImmediate(resolve)));
    },
  };
}
