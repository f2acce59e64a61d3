import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { UploadHandler } from '@remix-run/node';
import type { Env } from '../utils/env.server.ts';

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

/** The evidence folder: EVIDENCE_DIR, or `evidence` inside DATA_DIR. */
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
 * into the evidence folder under random names, hashing them on the way. The
 * results live here, on the server, never in the form data, so a forged text
 * field cannot point at a file. Call `removeAll()` if the change that should
 * reference the files fails.
 */
export function createEvidenceUploads(dir: string, field = 'evidenceFile', limits = { maxBytes: MAX_EVIDENCE_BYTES, maxFiles: MAX_EVIDENCE_FILES }) {
  const uploads: StoredUpload[] = [];
  const rejected: { fileName: string; reason: 'tooLarge' | 'tooMany' }[] = [];

  async function drain(data: AsyncIterable<Uint8Array>, alreadyRead = 0): Promise<void> {
    let size = alreadyRead;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > MAX_DRAIN_BYTES) throw new EvidenceRequestTooLargeError();
    }
  }

  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    if (name !== field) return undefined;
    // A file input left empty still sends a part with an empty name.
    if (!filename) {
      await drain(data);
      return '';
    }
    const fileName = safeFileName(filename);
    if (uploads.length >= limits.maxFiles) {
      rejected.push({ fileName, reason: 'tooMany' });
      await drain(data);
      return '';
    }
    await fs.mkdir(dir, { recursive: true });
    const storedName = crypto.randomBytes(16).toString('hex');
    const target = evidencePath(dir, storedName);
    const hash = crypto.createHash('sha256');
    const handle = await fs.open(target, 'wx', 0o640);
    let size = 0;
    const iterator = data[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        size += next.value.byteLength;
        if (size > limits.maxBytes) {
          await handle.close();
          await fs.rm(target, { force: true });
          rejected.push({ fileName, reason: 'tooLarge' });
          await drain({ [Symbol.asyncIterator]: () => iterator }, size);
          return '';
        }
        hash.update(next.value);
        await handle.write(next.value);
      }
      await handle.close();
    } catch (error) {
      await handle.close().catch(() => {});
      await fs.rm(target, { force: true });
      throw error;
    }
    uploads.push({ fileName, storedName, mimeType: contentType || 'application/octet-stream', sizeBytes: size, sha256: hash.digest('hex') });
    return '';
  };

  return {
    handler,
    uploads,
    rejected,
    /** Deletes every file this request stored. */
    async removeAll(): Promise<void> {
      await removeEvidenceFiles(
        dir,
        uploads.map((u) => u.storedName),
      );
    },
  };
}

export async function removeEvidenceFiles(dir: string, storedNames: string[]): Promise<void> {
  await Promise.all(storedNames.map((name) => fs.rm(evidencePath(dir, name), { force: true })));
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
