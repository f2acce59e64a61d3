import type { Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Db } from '../../db/client.server.ts';
import { appendDocumentUpdate, compactDocument, loadDocumentState } from '../models/document-state.server.ts';
import type { Logger } from '../utils/logger.server.ts';
import { readDocumentChange } from './yjs-message.server.ts';

export interface PersistenceOptions {
  db: Db;
  logger: Logger;
  /** Compact once this many updates have been stored for a document since the last compaction. */
  compactEvery?: number;
  /** Called (debounced by the caller) when a document's text changed. */
  onContentChange?: (documentName: string, document: Y.Doc) => void;
}

/**
 * Durability: Hocuspocus acknowledges an update as soon as it is applied in
 * memory, and its store hook runs later, debounced. So every update is
 * appended to the database here, in `beforeHandleMessage`, which Hocuspocus
 * awaits before it applies the message and sends the acknowledgement. An
 * acknowledged edit is therefore always on disk. Compaction folds the tail
 * into the snapshot so that loading costs the same after 100 or 100,000 edits.
 */
export function persistenceExtension({ db, logger, compactEvery = 500, onContentChange }: PersistenceOptions): Extension & {
  compactNow(documentName: string): Promise<void>;
} {
  const sinceCompaction = new Map<string, number>();
  const compacting = new Map<string, Promise<void>>();

  function compactNow(documentName: string): Promise<void> {
    const running = compacting.get(documentName);
    if (running) return running;
    sinceCompaction.set(documentName, 0);
    const task = compactDocument(db, documentName)
      .then(({ merged, dropped }) => {
        if (dropped > 0) logger.error({ documentName, dropped }, 'undecodable updates left out of a document during compaction');
        logger.debug({ documentName, merged }, 'document compacted');
      })
      .catch((error) => logger.error({ err: error, documentName }, 'compaction failed; updates stay in the tail'))
      .finally(() => compacting.delete(documentName));
    compacting.set(documentName, task);
    return task;
  }

  return {
    extensionName: 'portal-persistence',
    compactNow,

    async onLoadDocument({ documentName, document }) {
      const { snapshot, updates } = await loadDocumentState(db, documentName);
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
      if (updates.length >= compactEvery) void compactNow(documentName);
    },

    async beforeHandleMessage({ connection, document, documentName, update: message }) {
      if (connection.readOnly) return;
      const change = readDocumentChange(message);
      if (!change) return;
      // Throws on a malformed update: the connection is closed before anything is stored or applied.
      Y.decodeUpdate(change.update);
      // A client's sync step 2 on (re)connect repeats what the server mostly has; store only news.
      if (change.kind === 'sync-step-2' && Y.snapshotContainsUpdate(Y.snapshot(document), change.update)) return;
      await appendDocumentUpdate(db, documentName, change.update);
      const count = (sinceCompaction.get(documentName) ?? 0) + 1;
      sinceCompaction.set(documentName, count);
      if (count >= compactEvery) void compactNow(documentName);
      onContentChange?.(documentName, document);
    },

    async afterUnloadDocument({ documentName }) {
      // Not awaited: Hocuspocus does not unload a newer copy of the document until this hook returns.
      void compactNow(documentName);
      sinceCompaction.delete(documentName);
    },
  };
}
