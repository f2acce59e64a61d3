import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import type { Db } from '../../db/client.server.ts';
import { renderPlainText } from '../content/render.server.ts';
import { updateDocumentSearchText } from '../models/document.server.ts';
import type { Logger } from '../utils/logger.server.ts';
import type { SearchTextReply, SearchTextRequest } from './search-text-worker.server.ts';

export interface SearchRefreshOptions {
  db: Db;
  logger: Logger;
  /** Re-index this long after the last change... */
  debounceMs?: number;
  /** ...but never later than this after the first change not yet indexed, however long the typing goes on. */
  maxWaitMs?: number;
  /** States at least this large are rendered on a worker thread, not on the event loop. */
  workerFromBytes?: number;
}

export interface SearchRefresher {
  /** A document's text changed: re-index it after the debounce (or the maximum wait). */
  changed(documentName: string, document: Y.Doc): void;
  close(): Promise<void>;
}

interface Pending {
  document: Y.Doc;
  firstChange: number;
  timer: NodeJS.Timeout;
}

const WORKER_ENTRY = new URL('./search-text-worker.server.ts', import.meta.url).href;
const WORKER_BOOTSTRAP = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_ENTRY)}); })`;

/** One lazily started worker; if it cannot start, rendering falls back to the main thread. */
export function createRenderWorker(logger: Logger) {
  let worker: Worker | null = null;
  let failed = false;
  let nextId = 1;
  const waiting = new Map<number, { resolve(text: string): void; reject(error: Error): void }>();

  function start(): Worker | null {
    if (worker || failed) return worker;
    try {
      // A worker does not inherit tsx's loader, and `--import tsx` in its execArgv comes too late for a .ts
      // entry point (Node 20: "Unknown file extension .ts"), so a one-line bootstrap registers tsx first.
      worker = new Worker(WORKER_BOOTSTRAP, { eval: true });
    } catch (error) {
      failed = true;
      logger.warn({ err: error }, 'search re-index worker could not start; rendering on the main thread');
      return null;
    }
    worker.unref();
    worker.on('message', (reply: SearchTextReply) => {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      if ('text' in reply) entry.resolve(reply.text);
      else entry.reject(new Error(reply.error));
    });
    const fail = (error: Error) => {
      failed = true;
      worker = null;
      logger.warn({ err: error }, 'search re-index worker stopped; rendering on the main thread');
      for (const entry of waiting.values()) entry.reject(error);
      waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (worker) fail(new Error(`search re-index worker exited (${code})`));
    });
    return worker;
  }

  return {
    /** The text, rendered on the worker; null when there is no worker to render it. */
    render(state: Uint8Array): Promise<string> | null {
      const running = start();
      if (!running) return null;
      const id = nextId++;
      return new Promise<string>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        running.postMessage({ id, state } satisfies SearchTextRequest, [state.buffer as ArrayBuffer]);
      });
    },
    async close() {
      const running = worker;
      worker = null;
      for (const entry of waiting.values()) entry.reject(new Error('search re-index worker closed'));
      waiting.clear();
      await running?.terminate();
    },
  };
}

/**
 * Keeps full-text search in step with live documents. A plain debounce would
 * never fire for a document someone types in without a pause, so the wait is
 * capped. Large documents are rendered off the main thread, and one
 * document's re-indexes never overtake each other.
 */
export function createSearchRefresher({ db, logger, debounceMs = 2_000, maxWaitMs = 30_000, workerFromBytes = 16 * 1024 }: SearchRefreshOptions): SearchRefresher {
  const pending = new Map<string, Pending>();
  const running = new Map<string, Promise<void>>();
  const worker = createRenderWorker(logger);
  let closed = false;

  async function textOf(document: Y.Doc): Promise<string> {
    const state = Y.encodeStateAsUpdate(document);
    if (state.byteLength >= workerFromBytes) {
      const rendered = worker.render(state.slice());
      if (rendered) {
        try {
          return await rendered;
        } catch (error) {
          if (closed) throw error;
        }
      }
    }
    return renderPlainText(state);
  }

  function refresh(documentName: string): void {
    const entry = pending.get(documentName);
    if (!entry) return;
    pending.delete(documentName);
    const previous = running.get(documentName) ?? Promise.resolve();
    const task = previous
      .then(() => textOf(entry.document))
      .then((text) => (closed ? undefined : updateDocumentSearchText(db, documentName, text)))
      .catch((error) => {
        if (!closed) logger.error({ err: error, documentName }, 'search index update failed');
      })
      .finally(() => {
        if (running.get(documentName) === task) running.delete(documentName);
      });
    running.set(documentName, task);
  }

  return {
    changed(documentName, document) {
      if (closed) return;
      const now = Date.now();
      const entry = pending.get(documentName);
      const firstChange = entry?.firstChange ?? now;
      const delay = Math.max(0, Math.min(debounceMs, firstChange + maxWaitMs - now));
      if (entry) clearTimeout(entry.timer);
      const timer = setTimeout(() => refresh(documentName), delay);
      timer.unref();
      pending.set(documentName, { document, firstChange, timer });
    },
    async close() {
      closed = true;
      for (const entry of pending.values()) clearTimeout(entry.timer);
      pending.clear();
      await worker.close();
    },
  };
}
