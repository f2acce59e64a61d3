import type { Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Db } from '../../db/client.server.ts';
import { compactDocument, loadDocumentState, replaceDocumentSnapshot, type TailRowId } from '../models/document-state.server.ts';
import type { Logger } from '../utils/logger.server.ts';
import { createUpdateWriter } from './update-writer.server.ts';
import { readDocumentChange } from './yjs-message.server.ts';

export interface PersistenceOptions {
  db: Db;
  logger: Logger;
  /** Compact once this many updates have been stored for a document since the last compaction. */
  compactEvery?: number;
  /** Compact a document once nobody has changed it for this long (ms). */
  idleCompactMs?: number;
  /**
   * Compact from the live document (the default). Off when other instances edit the same
   * documents (Redis relay): then this copy may lack their updates, and compaction merges the rows.
   */
  liveCompaction?: boolean;
  /** Called (debounced by the caller) when a document's text changed. */
  onContentChange?: (documentName: string, document: Y.Doc) => void;
}

/** What the extension knows about one loaded document. */
interface LiveState {
  document: Y.Doc;
  /** Tail rows this process stored whose updates the live document holds. */
  merged: TailRowId[];
  /** Rows being stored, or stored but not yet applied by Hocuspocus. */
  unsettled: number;
  /** Stored since the last compaction (rows of this process, and the tail found at load). */
  sinceCompaction: number;
  idle: NodeJS.Timeout | null;
}

/**
 * Durability: Hocuspocus acknowledges an update as soon as it is applied in
 * memory, and its store hook runs later, debounced. So every update is
 * appended to the database here, in `beforeHandleMessage`, which Hocuspocus
 * awaits before it applies the message and sends the acknowledgement. An
 * acknowledged edit is therefore always on disk. The appends of one turn of
 * the event loop share one transaction (group commit, decision 020).
 *
 * Compaction takes the live document's state (it holds every row it applied)
 * as the new snapshot and deletes exactly those rows, when the document has
 * been idle for a moment, after every `compactEvery` updates, and before it is
 * unloaded. No rows are read back and nothing is merged on the event loop.
 */
export function persistenceExtension({
  db,
  logger,
  compactEvery = 500,
  idleCompactMs = 2_000,
  liveCompaction = true,
  onContentChange,
}: PersistenceOptions): Extension & {
  compactNow(documentName: string): Promise<void>;
  /** Resolves once every update appended so far is committed (tests, shutdown). */
  drain(): Promise<void>;
} {
  const writer = createUpdateWriter(db);
  const live = new Map<string, LiveState>();
  const compacting = new Map<string, Promise<void>>();

  /** The slow path: merge the stored rows (document not loaded here, or not the only copy). */
  function compactFromRows(documentName: string): Promise<void> {
    return compactDocument(db, documentName).then(({ merged, dropped }) => {
      if (dropped > 0) logger.error({ documentName, dropped }, 'undecodable updates left out of a document during compaction');
      logger.debug({ documentName, merged }, 'document compacted from its rows');
    });
  }

  /** Waits (briefly) until every stored row of this document has been applied: only then does the state hold them all. */
  async function settled(state: LiveState, timeoutMs = 5_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (state.unsettled > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return state.unsettled === 0;
  }

  /** Synchronously: the live state and the rows it covers, handed over to the write. */
  function capture(state: LiveState) {
    if (state.merged.length === 0) return null;
    const taken = { ids: state.merged, counted: state.sinceCompaction, state: Y.encodeStateAsUpdate(state.document), vector: Y.encodeStateVector(state.document) };
    state.merged = [];
    state.sinceCompaction = 0;
    return taken;
  }

  async function writeCapture(documentName: string, state: LiveState, taken: NonNullable<ReturnType<typeof capture>>): Promise<void> {
    let replaced = false;
    try {
      replaced = await replaceDocumentSnapshot(db, documentName, taken.state, taken.vector, taken.ids);
    } finally {
      if (!replaced) {
        // Nothing was deleted: these rows stay ours to merge next time.
        state.merged = taken.ids.concat(state.merged);
        state.sinceCompaction += taken.counted;
      }
    }
    if (replaced) logger.debug({ documentName, merged: taken.ids.length }, 'document compacted from memory');
    else await compactFromRows(documentName);
  }

  async function compactLive(documentName: string, state: LiveState): Promise<void> {
    if (!(await settled(state))) return;
    const taken = capture(state);
    if (taken) await writeCapture(documentName, state, taken);
  }

  function compactNow(documentName: string): Promise<void> {
    const running = compacting.get(documentName);
    if (running) return running;
    const state = live.get(documentName);
    if (state?.idle) clearTimeout(state.idle);
    const task = (state && liveCompaction ? compactLive(documentName, state) : compactFromRows(documentName))
      .catch((error) => logger.error({ err: error, documentName }, 'compaction failed; updates stay in the tail'))
      .finally(() => compacting.delete(documentName));
    compacting.set(documentName, task);
    return task;
  }

  function scheduleIdleCompaction(documentName: string, state: LiveState): void {
    if (state.idle) state.idle.refresh();
    else {
      state.idle = setTimeout(() => {
        state.idle = null;
        void compactNow(documentName);
      }, idleCompactMs);
      state.idle.unref();
    }
  }

  return {
    extensionName: 'portal-persistence',
    compactNow,
    drain: () => writer.drain(),

    async onLoadDocument({ documentName, document }) {
      const { snapshot, updates, ids } = await loadDocumentState(db, documentName);
      if (!snapshot) throw new Error(`document ${documentName} has no stored state`);
      Y.transact(document, () => {
        Y.applyUpdate(document, snapshot);
        for (const update of updates) {
          try {
            Y.applyUpdate(document, update);
          } catch (error) {
            logger.error({ err: error, documentName }, 'a stored update could not be applied; skipped');
          }
        }
      });
      // The tail found at load is in the live document now: the next compaction folds it in too.
      const state: LiveState = { document, merged: [...ids], unsettled: 0, sinceCompaction: updates.length, idle: null };
      live.set(documentName, state);
      if (updates.length >= compactEvery) void compactNow(documentName);
      else if (updates.length > 0) scheduleIdleCompaction(documentName, state);
    },

    async beforeHandleMessage({ connection, document, documentName, update: message }) {
      if (connection.readOnly) return;
      const change = readDocumentChange(message);
      if (!change) return;
      // Throws on a malformed update: the connection is closed before anything is stored or applied.
      Y.decodeUpdate(change.update);
      // A client's sync step 2 on (re)connect repeats what the server mostly has; store only news.
      if (change.kind === 'sync-step-2' && Y.snapshotContainsUpdate(Y.snapshot(document), change.update)) return;
      const state = live.get(documentName);
      if (state) state.unsettled++;
      let id: TailRowId;
      try {
        id = await writer.append(documentName, change.update);
      } catch (error) {
        if (state) state.unsettled--;
        // Hocuspocus only prints this to stderr; the operator needs it in the log (a full disk, a database restart).
        logger.error({ err: error, documentName }, 'an update could not be stored: not acknowledged, the client will send it again');
        throw error;
      }
      if (state) {
        // Hocuspocus applies the message in the microtasks after this hook resolves; by the
        // next macrotask the update is in the live document, and the row may be compacted away.
        setImmediate(() => {
          state.merged.push(id);
          state.unsettled--;
        });
        state.sinceCompaction++;
        if (state.sinceCompaction >= compactEvery) void compactNow(documentName);
        else scheduleIdleCompaction(documentName, state);
      }
      onContentChange?.(documentName, document);
    },

    async beforeUnloadDocument({ documentName }) {
      // While the document is still in memory its state is the cheapest snapshot there is. Only the
      // capture is awaited, never the database: a locked snapshot row must not keep the document loaded.
      const state = live.get(documentName);
      if (!state || !liveCompaction || compacting.has(documentName)) return;
      if (state.idle) clearTimeout(state.idle);
      if (!(await settled(state, 1_000))) return;
      const taken = capture(state);
      if (!taken) return;
      const task = writeCapture(documentName, state, taken)
        .catch((error) => logger.error({ err: error, documentName }, 'compaction failed; updates stay in the tail'))
        .finally(() => compacting.delete(documentName));
      compacting.set(documentName, task);
    },

    async afterUnloadDocument({ documentName }) {
      const state = live.get(documentName);
      // A newer copy may have been loaded meanwhile; only the destroyed one is forgotten.
      if (state && !(state.document as Y.Doc & { isDestroyed?: boolean }).isDestroyed) return;
      if (state?.idle) clearTimeout(state.idle);
      live.delete(documentName);
      // Rows this copy stored but could not fold in (a failed compaction) are merged from the database.
      // Not awaited: Hocuspocus does not unload a newer copy of the document until this hook returns.
      if (state && (state.merged.length > 0 || state.unsettled > 0 || !liveCompaction)) void compactNow(documentName);
    },
  };
}
