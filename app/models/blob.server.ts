import { sql } from 'kysely';
import type { Db } from '../../db/client.server.ts';
import type { BlobTable } from '../../db/schema.ts';

/**
 * Files kept in the database so every instance sees them (evidence, import
 * previews): a header row and numbered chunks. Written and read one chunk at a
 * time by app/services/blob-stream.server.ts.
 */

export type BlobKind = BlobTable['kind'];

export interface BlobHeader {
  id: string;
  kind: BlobKind;
  ownerId: string | null;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  chunks: number;
}

export async function insertBlobHeader(db: Db, blob: { id: string; kind: BlobKind; ownerId: string | null; createdAt: string }): Promise<void> {
  await db
    .insertInto('blob')
    .values({ ...blob, sizeBytes: null, sha256: null })
    .execute();
}

export async function insertBlobChunk(db: Db, blobId: string, position: number, data: Uint8Array): Promise<void> {
  await db.insertInto('blobChunk').values({ blobId, position, data }).execute();
}

/** Marks a blob complete: only now is it readable. */
export async function completeBlob(db: Db, id: string, sizeBytes: number, sha256: string): Promise<void> {
  await db.updateTable('blob').set({ sizeBytes, sha256 }).where('id', '=', id).execute();
}

/** A complete blob of this kind, with its number of chunks; null when missing or still being written. */
export async function getBlob(db: Db, kind: BlobKind, id: string): Promise<BlobHeader | null> {
  const row = await db
    .selectFrom('blob')
    .select(['id', 'kind', 'ownerId', 'sizeBytes', 'sha256', 'createdAt'])
    .select((eb) => eb.selectFrom('blobChunk').select((c) => c.fn.countAll<number | string>().as('n')).whereRef('blobChunk.blobId', '=', 'blob.id').as('chunks'))
    .where('id', '=', id)
    .where('kind', '=', kind)
    .where('sizeBytes', 'is not', null)
    .executeTakeFirst();
  if (!row || row.sizeBytes === null || row.sha256 === null) return null;
  return { ...row, sizeBytes: Number(row.sizeBytes), sha256: row.sha256, chunks: Number(row.chunks ?? 0) };
}

export async function readBlobChunk(db: Db, blobId: string, position: number): Promise<Uint8Array | null> {
  const row = await db.selectFrom('blobChunk').select('data').where('blobId', '=', blobId).where('position', '=', position).executeTakeFirst();
  return row ? new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) : null;
}

/** Deletes blobs (their chunks go with them). */
export async function deleteBlobs(db: Db, kind: BlobKind, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('blob').where('kind', '=', kind).where('id', 'in', ids).execute();
}

/** Whether a blob exists at all, complete or not (so a copy from disk is not made twice). */
export async function blobIdsPresent(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('blob').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Stored names of file evidence whose bytes are not in the database yet (installs from before the move). */
export async function listEvidenceWithoutBlob(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('actionEvidence')
    .select('storedName')
    .where('kind', '=', 'file')
    .where('storedName', 'is not', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('blob').select('blob.id').whereRef('blob.id', '=', 'actionEvidence.storedName'))))
    .orderBy('storedName')
    .execute();
  return rows.map((r) => r.storedName as string);
}

/**
 * Deletes what no one will read: import previews created before `importsBefore`,
 * and, created before `abandonedBefore`, blobs never completed (the writer
 * died) and evidence no progress update points at (the change that should have
 * referenced it never committed).
 */
export async function deleteStaleBlobs(db: Db, options: { importsBefore: string; abandonedBefore: string }): Promise<number> {
  const result = await db
    .deleteFrom('blob')
    .where((eb) =>
      eb.or([
        eb.and([eb('kind', '=', 'import'), eb('createdAt', '<', options.importsBefore)]),
        eb.and([eb('createdAt', '<', options.abandonedBefore), eb('sizeBytes', 'is', null)]),
        eb.and([
          eb('createdAt', '<', options.abandonedBefore),
          eb('kind', '=', 'evidence'),
          eb.not(eb.exists(eb.selectFrom('actionEvidence').select(sql`1`.as('one')).whereRef('actionEvidence.storedName', '=', 'blob.id'))),
        ]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows ?? 0n);
}
