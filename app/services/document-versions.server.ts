import * as Y from 'yjs';
import type { Db } from '../../db/client.server.ts';
import type { VersionKind } from '../../db/schema.ts';
import type { LiveDocuments } from './live-documents.ts';
import { renderHtml, renderPlainText } from '../content/render.server.ts';
import { replaceContent } from '../content/replace-content.server.ts';
import { recordAudit } from '../models/audit.server.ts';
import { appendDocumentUpdate, loadMergedState } from '../models/document-state.server.ts';
import { updateDocumentSearchText } from '../models/document.server.ts';
import { inTransaction } from '../models/transaction.server.ts';
import { getVersionState, insertVersion, latestVersionTime } from '../models/version.server.ts';
import type { Logger } from '../utils/logger.server.ts';

/**
 * Saving and restoring versions of a document's text. A version is the FULL
 * encoded Yjs state plus its rendered HTML (docs/decisions/012-versions-as-full-states.md).
 */

export interface VersionServices {
  db: Db;
  /** The live collaboration server; absent (seeds, scripts) means "read the database". */
  collab?: Pick<LiveDocuments, 'hocuspocus'> | null;
}

export interface SavedVersion {
  id: string;
  number: number;
  html: string;
  state: Uint8Array;
}

export class VersionNotFoundError extends Error {
  constructor() {
    super('version not found');
    this.name = 'VersionNotFoundError';
  }
}

/** The text as it is right now: the live Y.Doc when the document is open, otherwise the stored state. */
export async function currentState(services: VersionServices, documentId: string): Promise<Uint8Array> {
  const live = services.collab?.hocuspocus.documents.get(documentId);
  if (live && !live.isLoading) return Y.encodeStateAsUpdate(live);
  const stored = await loadMergedState(services.db, documentId);
  if (!stored) throw new Error(`document ${documentId} has no stored state`);
  return stored;
}

export function countWords(text: string): number {
  return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

async function storeVersion(
  db: Db,
  state: Uint8Array,
  input: { documentId: string; kind: VersionKind; name: string | null; createdById: string | null },
): Promise<SavedVersion> {
  // Render before the transaction: it is CPU work that must not hold a lock.
  const html = renderHtml(state);
  const wordCount = countWords(renderPlainText(state));
  return inTransaction(db, async (trx) => {
    const { id, number } = await insertVersion(trx, { ...input, state, html, wordCount });
    if (input.kind === 'named') {
      await recordAudit(trx, {
        actorId: input.createdById,
        action: 'document.version-saved',
        entityType: 'document',
        entityId: input.documentId,
        details: { versionId: id, number, name: input.name },
      });
    }
    return { id, number, html, state };
  });
}

/**
 * Saves the CURRENT text of a document as a new version. `services.db` may be
 * a transaction: the version is then written inside it.
 */
export async function saveVersion(
  services: VersionServices,
  input: { documentId: string; kind: VersionKind; name: string | null; createdById: string | null },
): Promise<SavedVersion> {
  const state = await currentState(services, input.documentId);
  return storeVersion(services.db, state, input);
}

/**
 * Restores a version as a NEW change: the live document (loaded if nobody has
 * it open) gets an update that turns its content into the version's content,
 * so every connected editor sees it at once and the history keeps everything.
 * The update is stored before it is applied, like any acknowledged edit; a
 * version of kind 'restore' and an audit event are written in the same
 * transaction. Throws VersionNotFoundError for a version of another document.
 */
export async function restoreVersion(
  services: VersionServices & { collab: Pick<LiveDocuments, 'hocuspocus'> },
  input: { documentId: string; versionId: string; actorId: string },
): Promise<{ id: string; number: number; restoredNumber: number }> {
  // Two restores computed from the same live text would each insert their blocks: run them one after the other.
  const previous = restoring.get(input.documentId) ?? Promise.resolve();
  const task = previous.catch(() => {}).then(() => restoreNow(services, input));
  const settled = task.catch(() => {});
  restoring.set(input.documentId, settled);
  void settled.then(() => {
    if (restoring.get(input.documentId) === settled) restoring.delete(input.documentId);
  });
  return task;
}

const restoring = new Map<string, Promise<unknown>>();

async function restoreNow(
  services: VersionServices & { collab: Pick<LiveDocuments, 'hocuspocus'> },
  input: { documentId: string; versionId: string; actorId: string },
): Promise<{ id: string; number: number; restoredNumber: number }> {
  const { db, collab } = services;
  const restored = await getVersionState(db, input.documentId, input.versionId);
  if (!restored) throw new VersionNotFoundError();
  // A direct connection keeps the document loaded (and loads it if needed) until we are done.
  const connection = await collab.hocuspocus.openDirectConnection(input.documentId, { restoreBy: input.actorId });
  try {
    const live = connection.document;
    if (!live) throw new Error('direct connection closed');
    const { update, state } = replaceContent(Y.encodeStateAsUpdate(live), restored.state);
    const html = renderHtml(state);
    const text = renderPlainText(state);
    const wordCount = countWords(text);
    const version = await db.transaction().execute(async (trx) => {
      // Stored first, as the persistence extension does for a client's edit: applied means durable.
      await appendDocumentUpdate(trx, input.documentId, update);
      const saved = await insertVersion(trx, {
        documentId: input.documentId,
        kind: 'restore',
        name: restored.name ?? `#${restored.number}`,
        state,
        html,
        wordCount,
        createdById: input.actorId,
      });
      await recordAudit(trx, {
        actorId: input.actorId,
        action: 'document.version-restored',
        entityType: 'document',
        entityId: input.documentId,
        details: { versionId: restored.id, number: restored.number, newVersionId: saved.id, newNumber: saved.number },
      });
      return saved;
    });
    await connection.transact((document) => Y.applyUpdate(document, update, RESTORE_ORIGIN));
    // The search index and "content updated" time follow client edits through the collaboration server; a restore updates them itself.
    await updateDocumentSearchText(db, input.documentId, text);
    return { id: version.id, number: version.number, restoredNumber: restored.number };
  } finally {
    await connection.disconnect();
  }
}

/** The Yjs transaction origin of a restore (Hocuspocus broadcasts it like any update). */
const RESTORE_ORIGIN = { source: 'version-restore' };

/**
 * Saves an 'auto' version at most once per `everyMs` while a document is being
 * edited. Call `edited` after each applied edit; it never blocks the caller
 * and logs its own errors. The last save time is cached per document, so
 * most edits cost no query at all.
 */
export function createAutoVersioner({ db, logger, everyMs }: { db: Db; logger: Logger; everyMs: number }) {
  const latest = new Map<string, number>();
  const running = new Set<string>();

  async function check(documentName: string, document: Y.Doc): Promise<void> {
    // Another kind of version (named, workflow, restore) also counts as "saved recently".
    const stored = await latestVersionTime(db, documentName);
    const storedAt = stored ? Date.parse(stored) : 0;
    if (Date.now() - storedAt < everyMs) {
      latest.set(documentName, storedAt);
      return;
    }
    await storeVersion(db, Y.encodeStateAsUpdate(document), { documentId: documentName, kind: 'auto', name: null, createdById: null });
    latest.set(documentName, Date.now());
  }

  return {
    edited(documentName: string, document: Y.Doc): void {
      const known = latest.get(documentName);
      if (running.has(documentName) || (known !== undefined && Date.now() - known < everyMs)) return;
      running.add(documentName);
      check(documentName, document)
        .catch((error) => logger.error({ err: error, documentName }, 'automatic version failed'))
        .finally(() => running.delete(documentName));
    },
    /** Resolves when no check is running (for tests and shutdown). */
    async idle(): Promise<void> {
      while (running.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}

export type AutoVersioner = ReturnType<typeof createAutoVersioner>;
