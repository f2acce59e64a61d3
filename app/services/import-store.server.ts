import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RawRow } from './action-import.server.ts';

/**
 * Between the preview and "Confirm import", the parsed file waits in a
 * temporary file under DATA_DIR/imports, named by a random id and readable
 * only by the person who uploaded it, for one hour. The browser holds only
 * the id, so nothing it sends back can change the rows (decision 017 explains
 * why not a signed hidden field).
 */

export const PENDING_IMPORT_TTL_MS = 60 * 60 * 1000;

export interface PendingImport {
  userId: string;
  planId: string;
  fileName: string;
  headers: string[];
  rows: RawRow[];
  createdAt: number;
}

const ID = /^[A-Za-z0-9_-]{32}$/;

function folder(dataDir: string): string {
  return path.join(dataDir, 'imports');
}

/** Keeps the parsed rows for the confirmation step; returns the id for the form. */
export async function savePendingImport(dataDir: string, pending: Omit<PendingImport, 'createdAt'>): Promise<string> {
  await fs.mkdir(folder(dataDir), { recursive: true, mode: 0o700 });
  await removeExpired(dataDir);
  const id = crypto.randomBytes(24).toString('base64url');
  await fs.writeFile(path.join(folder(dataDir), `${id}.json`), JSON.stringify({ ...pending, createdAt: Date.now() }), { mode: 0o600 });
  return id;
}

/** The pending import with this id, if it exists, is not expired and belongs to this person. */
export async function loadPendingImport(dataDir: string, id: string, userId: string): Promise<PendingImport | null> {
  if (!ID.test(id)) return null;
  try {
    const pending = JSON.parse(await fs.readFile(path.join(folder(dataDir), `${id}.json`), 'utf8')) as PendingImport;
    if (pending.userId !== userId || Date.now() - pending.createdAt > PENDING_IMPORT_TTL_MS) return null;
    return pending;
  } catch {
    return null;
  }
}

export async function deletePendingImport(dataDir: string, id: string): Promise<void> {
  if (!ID.test(id)) return;
  await fs.rm(path.join(folder(dataDir), `${id}.json`), { force: true });
}

async function removeExpired(dataDir: string): Promise<void> {
  const names = await fs.readdir(folder(dataDir)).catch(() => [] as string[]);
  const cutoff = Date.now() - PENDING_IMPORT_TTL_MS;
  for (const name of names) {
    const file = path.join(folder(dataDir), name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && stat.mtimeMs < cutoff) await fs.rm(file, { force: true });
  }
}
