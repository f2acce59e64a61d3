import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/client.server.ts';
import { blobIdsPresent, deleteBlobs, deleteStaleBlobs, getBlob } from '../models/blob.server.ts';
import type { RawRow } from './action-import.server.ts';
import { readBlobBytes, sliced, writeBlob } from './blob-stream.server.ts';

/**
 * Between the preview and "Confirm import", the parsed file waits in the
 * database (a blob of kind 'import'), named by a random id and readable only
 * by the person who uploaded it, for one hour. Any instance can confirm it.
 * The browser holds only the id, so nothing it sends back can change the rows
 * (decision 017 explains why not a signed hidden field).
 */

export const PENDING_IMPORT_TTL_MS = 60 * 60 * 1000;
/** Evidence or chunks no committed change points at are removed after a day. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

export interface PendingImport {
  userId: string;
  planId: string;
  fileName: string;
  headers: string[];
  rows: RawRow[];
  createdAt: number;
}

const ID = /^[A-Za-z0-9_-]{32}$/;

/** Keeps the parsed rows for the confirmation step; returns the id for the form. */
export async function savePendingImport(db: Db, pending: Omit<PendingImport, 'createdAt'>): Promise<string> {
  await removeStaleUploads(db);
  const id = crypto.randomBytes(24).toString('base64url');
  await storePending(db, id, { ...pending, createdAt: Date.now() });
  return id;
}

async function storePending(db: Db, id: string, pending: PendingImport): Promise<void> {
  const bytes = Buffer.from(JSON.stringify(pending), 'utf8');
  await writeBlob(db, { id, kind: 'import', ownerId: pending.userId }, sliced(bytes), Number.POSITIVE_INFINITY);
}

/** The pending import with this id, if it exists, is not expired and belongs to this person. */
export async function loadPendingImport(db: Db, id: string, userId: string): Promise<PendingImport | null> {
  if (!ID.test(id)) return null;
  const blob = await getBlob(db, 'import', id);
  if (!blob || blob.ownerId !== userId) return null;
  try {
    const pending = JSON.parse((await readBlobBytes(db, blob)).toString('utf8')) as PendingImport;
    if (pending.userId !== userId || Date.now() - pending.createdAt > PENDING_IMPORT_TTL_MS) return null;
    return pending;
  } catch {
    return null;
  }
}

export async function deletePendingImport(db: Db, id: string): Promise<void> {
  if (!ID.test(id)) return;
  await deleteBlobs(db, 'import', [id]);
}

/** Expired previews, and uploads that were never completed or never referenced. */
export async function removeStaleUploads(db: Db, now = Date.now()): Promise<number> {
  return deleteStaleBlobs(db, {
    importsBefore: new Date(now - PENDING_IMPORT_TTL_MS).toISOString(),
    abandonedBefore: new Date(now - ABANDONED_AFTER_MS).toISOString(),
  });
}

/**
 * Moves previews that an install from before the move to the database left in
 * DATA_DIR/imports into the database under the same ids (so a preview open in
 * a browser across the upgrade can still be confirmed), and removes the files.
 */
export async function movePendingImportsFromDisk(db: Db, dataDir: string): Promise<number> {
  const folder = path.join(dataDir, 'imports');
  const names = (await fs.readdir(folder).catch(() => [] as string[])).filter((name) => ID.test(name.replace(/\.json$/, '')) && name.endsWith('.json'));
  const ids = names.map((name) => name.replace(/\.json$/, ''));
  const present = await blobIdsPresent(db, ids);
  let moved = 0;
  for (const id of ids) {
    const file = path.join(folder, `${id}.json`);
    if (!present.has(id)) {
      try {
        const pending = JSON.parse(await fs.readFile(file, 'utf8')) as PendingImport;
        if (Date.now() - pending.createdAt <= PENDING_IMPORT_TTL_MS && typeof pending.userId === 'string') {
          await storePending(db, id, pending);
          moved++;
        }
      } catch {
        // An unreadable preview is worth nothing: the person uploads the file again.
      }
    }
    await fs.rm(file, { force: true });
  }
  return moved;
}
