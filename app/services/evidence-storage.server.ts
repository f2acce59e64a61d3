import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { UploadHandler } from '@remix-run/node';
import type { Db } from '../../db/client.server.ts';
import { deleteBlobs, getBlob, listEvidenceWithoutBlob } from '../models/blob.server.ts';
import { runExclusively } from '../models/job-lock.server.ts';
import type { Env } from '../utils/env.server.ts';
import { BLOB_CHUNK_BYTES, blobReadableStream, writeBlob } from './blob-stream.server.ts';

/** The largest evidence file accepted (the limit). */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
/** Files per progress update. */
export const MAX_EVIDENCE_FILES = 5;
/**
 * A file over the limit is read to its end (not stored) so the form can be
 * shown again with a field error; past this many bytes the request is cut off.
 */
const MAX_DRAIN_BYTES = 5 * MAX_EVIDENCE_BYTES;

export class EvidenceRequestTooLargeError extends Error {}

/**
 * Where installs before the move to the database kept evidence files:
 * EVIDENCE_DIR, or `evidence` inside DATA_DIR. Read only to copy them in at
 * start-up (copyEvidenceFilesFromDisk).
 */
export function evidenceDir(env: Pick<Env, 'DATA_DIR' | 'EVIDENCE_DIR'>): string {
  return path.resolve(env.EVIDENCE_DIR ?? path.join(env.DATA_DIR, 'evidence'));
}

export interface StoredUpload {
  fileName: string;
  storedName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
}

/** A stored name is ours (32 hex digits), never the user's, so no path can be smuggled in. */
const STORED_NAME = /^[0-9a-f]{32}$/;

export function evidencePath(dir: string, storedName: string): string {
  if (!STORED_NAME.test(storedName)) throw new Error('invalid stored evidence name');
  return path.join(dir, storedName);
}

/** A file name safe to show and to send back: no folders, no control characters, not too long. */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '_').replace(/^\.+/, '').trim();
  return (cleaned || 'evidence').slice(-150);
}

/**
 * An upload handler that streams the `field` file parts of a multipart form
 * into the database (blob table, in chunks) under random names, hashing them
 * on the way, so every instance can serve them. The results live here, on the
 * server, never in the form data, so a forged text field cannot point at a
 * file. Call `removeAll()` if the change that should reference the files fails.
 */
export function createEvidenceUploads(db: Db, field = 'evidenceFile', limits = { maxBytes: MAX_EVIDENCE_BYTES, maxFiles: MAX_EVIDENCE_FILES }) {
  const uploads: StoredUpload[] = [];
  const rejected: { fileName: string; reason: 'tooLarge' | 'tooMany' }[] = [];

  async function drain(iterator: AsyncIterator<Uint8Array>, alreadyRead = 0): Promise<void> {
    let size = alreadyRead;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      size += next.value.byteLength;
      if (size > MAX_DRAIN_BYTES) throw new EvidenceRequestTooLargeError();
    }
  }

  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    if (name !== field) return undefined;
    const iterator = data[Symbol.asyncIterator]();
    // A file input left empty still sends a part with an empty name.
    if (!filename) {
      await drain(iterator);
      return '';
    }
    const fileName = safeFileName(filename);
    if (uploads.length >= limits.maxFiles) {
      rejected.push({ fileName, reason: 'tooMany' });
      await drain(iterator);
      return '';
    }
    const storedName = crypto.randomBytes(16).toString('hex');
    const written = await writeBlob(db, { id: storedName, kind: 'evidence', ownerId: null }, iterator, limits.maxBytes);
    if (!written.stored) {
      rejected.push({ fileName, reason: 'tooLarge' });
      await drain(iterator, written.readBytes);
      return '';
    }
    uploads.push({ fileName, storedName, mimeType: contentType || 'application/octet-stream', sizeBytes: written.sizeBytes, sha256: written.sha256 });
    return '';
  };

  return {
    handler,
    uploads,
    rejected,
    /** Deletes every file this request stored. */
    async removeAll(): Promise<void> {
      await removeEvidenceFiles(
        db,
        uploads.map((u) => u.storedName),
      );
    },
  };
}

export async function removeEvidenceFiles(db: Db, storedNames: string[]): Promise<void> {
  await deleteBlobs(db, 'evidence', storedNames.filter((name) => STORED_NAME.test(name)));
}

/** A stored evidence file as a stream read from the database chunk by chunk; null if it is not there. */
export async function openEvidenceFile(db: Db, storedName: string): Promise<{ sizeBytes: number; body: ReadableStream<Uint8Array> } | null> {
  if (!STORED_NAME.test(storedName)) return null;
  const blob = await getBlob(db, 'evidence', storedName);
  if (!blob) return null;
  return { sizeBytes: blob.sizeBytes, body: blobReadableStream(db, blob) };
}

/**
 * Copies evidence files that an install from before the move to the database
 * kept in `dir` into the database, under the same stored names, so nothing is
 * lost on upgrade. Runs at every start-up and does nothing once all are in;
 * the files on disk are left alone (delete the folder once this reports 0 missing).
 * Instances starting together take turns (an advisory lock): one that finds
 * another copying skips, and copies what is left at its next start-up.
 */
export async function copyEvidenceFilesFromDisk(db: Db, dir: string): Promise<{ copied: number; missing: number }> {
  const outcome = await runExclusively(db, 'copy-evidence-from-disk', () => copyMissing(db, dir));
  return outcome.ran ? outcome.value : { copied: 0, missing: 0 };
}

async function copyMissing(db: Db, dir: string): Promise<{ copied: number; missing: number }> {
  let copied = 0;
  let missing = 0;
  for (const storedName of await listEvidenceWithoutBlob(db)) {
    let file: string;
    try {
      file = evidencePath(dir, storedName);
      await fs.promises.access(file, fs.constants.R_OK);
    } catch {
      missing++;
      continue;
    }
    const stream = fs.createReadStream(file, { highWaterMark: BLOB_CHUNK_BYTES });
    try {
      // Files of older installs were checked against the limit when they were uploaded.
      await writeBlob(db, { id: storedName, kind: 'evidence', ownerId: null }, stream[Symbol.asyncIterator](), Number.POSITIVE_INFINITY);
      copied++;
    } finally {
      stream.destroy();
    }
  }
  return { copied, missing };
}

/** Types a browser may be told about; anything else is sent as plain bytes. */
const DOWNLOAD_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
]);

export function downloadType(mimeType: string | null): string {
  const type = (mimeType ?? '').toLowerCase().split(';')[0].trim();
  return DOWNLOAD_TYPES.has(type) ? type : 'application/octet-stream';
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form. */
export function attachmentDisposition(fileName: string): string {
  const safe = safeFileName(fileName);
  // "Izvještaj.pdf" → "Izvjestaj.pdf": accents dropped, anything else outside ASCII replaced.
  const ascii = safe
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\;]/g, '_');
  // RFC 5987 attr-chars exclude ' ( ) *, which encodeURIComponent leaves alone.
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
