import crypto from 'node:crypto';
import type { Db } from '../../db/client.server.ts';
import { completeBlob, deleteBlobs, insertBlobChunk, insertBlobHeader, readBlobChunk, type BlobHeader, type BlobKind } from '../models/blob.server.ts';

/**
 * Bytes per stored chunk. Large enough that a 20 MB file is 80 rows, small
 * enough that a write or read holds a fraction of a megabyte at a time.
 */
export const BLOB_CHUNK_BYTES = 256 * 1024;

export type BlobWrite = { stored: true; sizeBytes: number; sha256: string } | { stored: false; readBytes: number };

/**
 * Streams `source` into a new blob, one chunk at a time, hashing on the way.
 * Past `maxBytes` the partial blob is deleted and `{ stored: false }` returned;
 * the rest of `source` is left for the caller to drain. On any error the
 * partial blob is deleted too.
 */
export async function writeBlob(
  db: Db,
  blob: { id: string; kind: BlobKind; ownerId: string | null },
  source: AsyncIterator<Uint8Array>,
  maxBytes: number,
): Promise<BlobWrite> {
  // Outside the try: a header that could not be inserted (an id already taken) is not ours to delete.
  await insertBlobHeader(db, { ...blob, createdAt: new Date().toISOString() });
  const hash = crypto.createHash('sha256');
  let size = 0;
  let position = 0;
  let chunk = Buffer.allocUnsafe(BLOB_CHUNK_BYTES);
  let filled = 0;
  const flush = async () => {
    if (filled === 0) return;
    await insertBlobChunk(db, blob.id, position++, chunk.subarray(0, filled));
    // The insert may still reference the old buffer's memory, so the next chunk gets its own.
    chunk = Buffer.allocUnsafe(BLOB_CHUNK_BYTES);
    filled = 0;
  };
  try {
    for (;;) {
      const next = await source.next();
      if (next.done) break;
      const part = next.value;
      size += part.byteLength;
      if (size > maxBytes) {
        await deleteBlobs(db, blob.kind, [blob.id]);
        return { stored: false, readBytes: size };
      }
      hash.update(part);
      let offset = 0;
      while (offset < part.byteLength) {
        const take = Math.min(part.byteLength - offset, BLOB_CHUNK_BYTES - filled);
        chunk.set(part.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === BLOB_CHUNK_BYTES) await flush();
      }
    }
    await flush();
    const sha256 = hash.digest('hex');
    await completeBlob(db, blob.id, size, sha256);
    return { stored: true, sizeBytes: size, sha256 };
  } catch (error) {
    await deleteBlobs(db, blob.kind, [blob.id]).catch(() => {});
    throw error;
  }
}

/** A blob's bytes as a web stream that reads one chunk from the database per pull. */
export function blobReadableStream(db: Db, blob: BlobHeader): ReadableStream<Uint8Array> {
  let position = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (position >= blob.chunks) {
        controller.close();
        return;
      }
      const data = await readBlobChunk(db, blob.id, position++);
      // A blob deleted while it is being read (the evidence was removed) ends the download with an error.
      if (!data) controller.error(new Error('blob chunk missing'));
      else controller.enqueue(data);
    },
  });
}

/** A small blob's bytes in one piece (import previews, which are parsed whole anyway). */
export async function readBlobBytes(db: Db, blob: BlobHeader): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (let position = 0; position < blob.chunks; position++) {
    const data = await readBlobChunk(db, blob.id, position);
    if (!data) throw new Error('blob chunk missing');
    parts.push(data);
  }
  return Buffer.concat(parts);
}

/** An iterator over one buffer in slices, to store bytes already in memory with writeBlob. */
export function sliced(bytes: Uint8Array, size = BLOB_CHUNK_BYTES): AsyncIterator<Uint8Array> {
  let offset = 0;
  return {
    async next() {
      if (offset >= bytes.byteLength) return { done: true, value: undefined };
      const value = bytes.subarray(offset, offset + size);
      offset += size;
      return { done: false, value };
    },
  };
}
