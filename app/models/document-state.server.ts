import * as Y from 'yjs';
import type { Db } from '../../db/client.server.ts';
import { dialectOf } from '../../db/client.server.ts';
import { nowIso } from '../utils/time.ts';

/**
 * The durable Yjs state of a document: one snapshot (every update merged so
 * far) plus an append-only tail of updates not yet merged into it.
 */

export async function appendDocumentUpdate(db: Db, documentId: string, data: Uint8Array): Promise<void> {
  await db.insertInto('documentUpdate').values({ documentId, data: Buffer.from(data), createdAt: nowIso() }).execute();
}

/** A tail row's id: a number on SQLite, a string (bigserial) on PostgreSQL. */
export type TailRowId = number | string;

export interface StoredUpdate {
  documentId: string;
  data: Uint8Array;
}

/**
 * Group commit: many documents' updates in one transaction and one INSERT per
 * chunk. Returns the ids given to the rows, by document.
 */
export async function appendDocumentUpdates(db: Db, rows: StoredUpdate[]): Promise<Map<string, TailRowId[]>> {
  const ids = new Map<string, TailRowId[]>();
  if (rows.length === 0) return ids;
  const createdAt = nowIso();
  const values = rows.map((row) => ({ documentId: row.documentId, data: Buffer.from(row.data), createdAt }));
  const insert = async (trx: Db) => {
    // 3 parameters a row: well inside the bound-parameter limits of both databases.
    for (let i = 0; i < values.length; i += 1000) {
      const stored = await trx.insertInto('documentUpdate').values(values.slice(i, i + 1000)).returning(['id', 'documentId']).execute();
      for (const row of stored) {
        const list = ids.get(row.documentId);
        if (list) list.push(row.id);
        else ids.set(row.documentId, [row.id]);
      }
    }
  };
  // One row needs no explicit transaction: the INSERT is its own.
  if (rows.length === 1) await insert(db);
  else await db.transaction().execute(insert);
  return ids;
}

/**
 * Compaction from the live document: its encoded state becomes the snapshot,
 * and exactly the tail rows `mergedIds` (whose updates that state is known to
 * contain) are deleted. Refused (returns false, nothing changed) when the
 * stored snapshot has clocks the live state lacks, i.e. someone else merged
 * updates this copy has not seen: the caller then merges from the rows.
 */
export async function replaceDocumentSnapshot(db: Db, documentId: string, state: Uint8Array, stateVector: Uint8Array, mergedIds: TailRowId[]): Promise<boolean> {
  const postgres = dialectOf(db) === 'postgres';
  return db.transaction().execute(async (trx) => {
    let snapshotQuery = trx.selectFrom('documentSnapshot').select('stateVector').where('documentId', '=', documentId);
    if (postgres) snapshotQuery = snapshotQuery.forUpdate();
    const stored = await snapshotQuery.executeTakeFirst();
    if (!stored) return false;
    const live = Y.decodeStateVector(stateVector);
    for (const [client, clock] of Y.decodeStateVector(new Uint8Array(stored.stateVector))) {
      if ((live.get(client) ?? 0) < clock) return false;
    }
    await trx
      .updateTable('documentSnapshot')
      .set({ state: Buffer.from(state), stateVector: Buffer.from(stateVector), updatedAt: nowIso() })
      .where('documentId', '=', documentId)
      .execute();
    for (let i = 0; i < mergedIds.length; i += 5000) {
      await trx.deleteFrom('documentUpdate').where('documentId', '=', documentId).where('id', 'in', mergedIds.slice(i, i + 5000)).execute();
    }
    return true;
  });
}

export interface StoredState {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** The tail rows' ids, in the order of `updates`. */
  ids: TailRowId[];
}

/**
 * Test seam, null outside tests: awaited by loadDocumentState between its two reads, so a test
 * can commit a compaction exactly there (the one interleaving that would lose edits if the reads
 * came in the other order) with a barrier instead of hoping the timing produces it.
 */
export const loadDocumentStateHooks: { betweenReads: ((documentId: string) => Promise<void>) | null } = { betweenReads: null };

/** Snapshot plus every update still in the tail, in the order they were stored. */
export async function loadDocumentState(db: Db, documentId: string): Promise<StoredState> {
  // Tail first, snapshot second: a compaction committing in between then only means
  // updates seen twice (Yjs ignores repeats), never updates seen in neither.
  const updates = await db.selectFrom('documentUpdate').select(['id', 'data']).where('documentId', '=', documentId).orderBy('id').execute();
  if (loadDocumentStateHooks.betweenReads) await loadDocumentStateHooks.betweenReads(documentId);
  const snapshot = await db.selectFrom('documentSnapshot').select('state').where('documentId', '=', documentId).executeTakeFirst();
  return { snapshot: snapshot ? new Uint8Array(snapshot.state) : null, updates: updates.map((u) => new Uint8Array(u.data)), ids: updates.map((u) => u.id) };
}

/** The whole state as one update, for rendering and export. */
export async function loadMergedState(db: Db, documentId: string): Promise<Uint8Array | null> {
  const { snapshot, updates } = await loadDocumentState(db, documentId);
  if (!snapshot) return null;
  return mergeTolerantly([snapshot, ...updates]).merged;
}

export async function countPendingUpdates(db: Db, documentId: string): Promise<number> {
  const row = await db
    .selectFrom('documentUpdate')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('documentId', '=', documentId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Writes the first state of a new document (inside the transaction that creates it). */
export async function insertInitialSnapshot(db: Db, documentId: string, state: Uint8Array): Promise<void> {
  await db
    .insertInto('documentSnapshot')
    .values({ documentId, state: Buffer.from(state), stateVector: Buffer.from(Y.encodeStateVectorFromUpdate(state)), updatedAt: nowIso() })
    .execute();
}

/**
 * Merges the tail into the snapshot. Safe against concurrent appends and
 * concurrent compactions: it locks the snapshot row, and deletes exactly the
 * rows it merged (by id), so an update stored meanwhile stays in the tail.
 * Returns how many updates were merged.
 */
export async function compactDocument(db: Db, documentId: string): Promise<{ merged: number; dropped: number }> {
  const postgres = dialectOf(db) === 'postgres';
  return db.transaction().execute(async (trx) => {
    let snapshotQuery = trx.selectFrom('documentSnapshot').select('state').where('documentId', '=', documentId);
    if (postgres) snapshotQuery = snapshotQuery.forUpdate();
    const snapshot = await snapshotQuery.executeTakeFirst();
    if (!snapshot) return { merged: 0, dropped: 0 };
    const rows = await trx.selectFrom('documentUpdate').select(['id', 'data']).where('documentId', '=', documentId).orderBy('id').execute();
    if (rows.length === 0) return { merged: 0, dropped: 0 };
    const { merged, dropped } = mergeTolerantly([new Uint8Array(snapshot.state), ...rows.map((r) => new Uint8Array(r.data))]);
    await trx
      .updateTable('documentSnapshot')
      .set({ state: Buffer.from(merged), stateVector: Buffer.from(Y.encodeStateVectorFromUpdate(merged)), updatedAt: nowIso() })
      .where('documentId', '=', documentId)
      .execute();
    // Delete in chunks: PostgreSQL and SQLite both limit the number of bound parameters.
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 5000) {
      await trx.deleteFrom('documentUpdate').where('id', 'in', ids.slice(i, i + 5000)).execute();
    }
    return { merged: rows.length, dropped };
  });
}

/**
 * Merges updates; an update that cannot be decoded is left out (and counted)
 * instead of making the whole document unreadable.
 */
function mergeTolerantly(updates: Uint8Array[]): { merged: Uint8Array; dropped: number } {
  try {
    return { merged: encodeThroughDoc(Y.mergeUpdates(updates)), dropped: 0 };
  } catch {
    const valid = updates.filter((update) => {
      try {
        Y.decodeUpdate(update);
        return true;
      } catch {
        return false;
      }
    });
    return { merged: encodeThroughDoc(Y.mergeUpdates(valid)), dropped: updates.length - valid.length };
  }
}

/** A merged update keeps every item ever written; encoding a loaded document drops deleted text (gc). */
function encodeThroughDoc(update: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
