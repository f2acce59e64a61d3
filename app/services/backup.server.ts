import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { evidenceDir } from './evidence-storage.server.ts';
import { copyDatabase, databaseCopyName, existingTables, loadDatabase, locateDatabase, type DatabaseContents } from '../../db/backup.server.ts';

/**
 * `npm run backup` / `npm run restore`: a backup is a folder holding a copy
 * of the database, every evidence file still stored on disk (older
 * installations keep them in EVIDENCE_DIR) and manifest.json, which lists
 * each file with its size and SHA-256 and the row count of every table. A
 * restore checks all of it before it writes anything, and writes only into
 * an empty database. See docs/deploy.md.
 */

export const MANIFEST_FILE = 'manifest.json';
const EVIDENCE_FOLDER = 'evidence';

const FileEntry = z.object({
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'must be a plain file name'),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
type FileEntry = z.infer<typeof FileEntry>;

const Manifest = z.object({
  format: z.literal('ppp-portal-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
  database: FileEntry,
  tables: z.record(z.string(), z.number().int().nonnegative()),
  migrations: z.array(z.string()),
  evidence: z.array(FileEntry),
  /** Evidence files the database names but the folder lacked when the backup was taken. */
  missingEvidence: z.array(z.string()),
});
export type Manifest = z.infer<typeof Manifest>;

/** A restore that would overwrite data, or a backup that is not intact: nothing was written. */
export class RestoreRefusedError extends Error {}

/**
 * The variables the two commands read, with the portal's defaults
 * (app/utils/env.server.ts). Not the whole environment: a backup from cron
 * needs no auth secret.
 */
const BackupEnv = z.object({
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('data'),
  EVIDENCE_DIR: z.string().optional(),
});

export function backupLocations(source: NodeJS.ProcessEnv): { databaseUrl: string; evidenceDir: string } {
  const env = BackupEnv.parse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== '')));
  return {
    databaseUrl: env.DATABASE_URL ?? `file:${path.join(env.DATA_DIR, 'portal.sqlite')}`,
    evidenceDir: evidenceDir(env),
  };
}

async function describeFile(file: string): Promise<FileEntry> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return { name: path.basename(file), bytes: fs.statSync(file).size, sha256: hash.digest('hex') };
}

/** The regular files directly inside a folder (none when it does not exist). */
function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

export interface BackupResult {
  dir: string;
  manifest: Manifest;
}

/**
 * Writes a backup folder at `out` (which must not exist yet). The database is
 * copied first, at one point in time, and the evidence folder after it: a
 * file is written before the row naming it, so every file the copy names is
 * already on disk. It is assembled under a temporary name, so a folder at
 * `out` is always a complete backup.
 */
export async function createBackup(options: { databaseUrl: string; evidenceDir: string; out: string }): Promise<BackupResult> {
  const out = path.resolve(options.out);
  if (fs.existsSync(out)) throw new Error(`${out} already exists: choose a new folder for the backup`);
  const location = locateDatabase(options.databaseUrl);
  const partial = `${out}.partial-${process.pid}`;
  fs.mkdirSync(path.join(partial, EVIDENCE_FOLDER), { recursive: true });
  try {
    const copy = path.join(partial, databaseCopyName(location.dialect));
    const contents = await copyDatabase(location, copy);
    const evidence: FileEntry[] = [];
    for (const name of filesIn(options.evidenceDir)) {
      if (!FileEntry.shape.name.safeParse(name).success) throw new Error(`${path.join(options.evidenceDir, name)} is not an evidence file the portal stored: move it out of EVIDENCE_DIR`);
      const target = path.join(partial, EVIDENCE_FOLDER, name);
      try {
        fs.copyFileSync(path.join(options.evidenceDir, name), target, fs.constants.COPYFILE_EXCL);
      } catch (error) {
        // Deleted since the listing (its action item was removed): the database copy may still name it.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      evidence.push(await describeFile(target));
    }
    const copied = new Set(evidence.map((e) => e.name));
    const manifest: Manifest = {
      format: 'ppp-portal-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      dialect: location.dialect,
      database: await describeFile(copy),
      tables: contents.tables,
      migrations: contents.migrations,
      evidence,
      missingEvidence: contents.evidenceFiles.filter((name) => !copied.has(name)),
    };
    fs.writeFileSync(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.renameSync(partial, out);
    return { dir: out, manifest };
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/** Reads a backup's manifest and checks every file against it; throws RestoreRefusedError naming the first fault. */
export async function verifyBackup(dir: string): Promise<Manifest> {
  const manifestPath = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(manifestPath)) throw new RestoreRefusedError(`${dir} is not a portal backup: it has no ${MANIFEST_FILE}`);
  let manifest: Manifest;
  try {
    manifest = Manifest.parse(JSON.parse(fs.readFileSync(manifestPath, 'utf8')));
  } catch (error) {
    throw new RestoreRefusedError(`${manifestPath} is not a valid backup manifest: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (manifest.database.name !== databaseCopyName(manifest.dialect)) throw new RestoreRefusedError(`${manifestPath}: unexpected database file ${manifest.database.name}`);
  const expected = [
    { entry: manifest.database, file: path.join(dir, manifest.database.name) },
    ...manifest.evidence.map((entry) => ({ entry, file: path.join(dir, EVIDENCE_FOLDER, entry.name) })),
  ];
  for (const { entry, file } of expected) {
    if (!fs.existsSync(file)) throw new RestoreRefusedError(`the backup is incomplete: ${file} is missing`);
    const actual = await describeFile(file);
    if (actual.bytes !== entry.bytes || actual.sha256 !== entry.sha256) {
      throw new RestoreRefusedError(`the backup is damaged: ${file} does not match its checksum in ${MANIFEST_FILE}`);
    }
  }
  const listed = new Set(manifest.evidence.map((e) => e.name));
  const extra = filesIn(path.join(dir, EVIDENCE_FOLDER)).filter((name) => !listed.has(name));
  if (extra.length > 0) throw new RestoreRefusedError(`the backup has evidence files its manifest does not list: ${extra.join(', ')}`);
  return manifest;
}

export interface RestoreResult {
  manifest: Manifest;
  contents: DatabaseContents;
}

function differingTables(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...names].filter((name) => expected[name] !== actual[name]).map((name) => `${name}: ${expected[name] ?? 'absent'} in the backup, ${actual[name] ?? 'absent'} restored`);
}

/**
 * Restores a backup folder into an empty database and an empty evidence
 * folder, after checking every checksum. Refuses (RestoreRefusedError,
 * nothing written) a database that has any table, an evidence folder that
 * has any file, or a backup of the other dialect. The portal must be stopped.
 */
export async function restoreBackup(options: { from: string; databaseUrl: string; evidenceDir: string }): Promise<RestoreResult> {
  const from = path.resolve(options.from);
  const manifest = await verifyBackup(from);
  const location = locateDatabase(options.databaseUrl);
  if (location.dialect !== manifest.dialect) {
    throw new RestoreRefusedError(`this is a ${manifest.dialect} backup and DATABASE_URL names a ${location.dialect} database: restore it into ${manifest.dialect}`);
  }
  const tables = await existingTables(location);
  if (tables.length > 0) {
    const where = location.dialect === 'sqlite' ? location.file : 'the database named by DATABASE_URL';
    throw new RestoreRefusedError(
      `${where} is not empty (${tables.length} tables, e.g. ${tables.slice(0, 3).join(', ')}): a restore writes only into an empty database. Create a new one, or remove this one yourself if you are sure.`,
    );
  }
  const present = filesIn(options.evidenceDir);
  if (present.length > 0) {
    throw new RestoreRefusedError(`${options.evidenceDir} already holds ${present.length} files: a restore writes evidence only into an empty folder (set EVIDENCE_DIR to a new one).`);
  }

  // Evidence goes to a folder beside its destination first, and moves in only once the database is in.
  const staging = `${options.evidenceDir}.restoring-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    for (const entry of manifest.evidence) fs.copyFileSync(path.join(from, EVIDENCE_FOLDER, entry.name), path.join(staging, entry.name), fs.constants.COPYFILE_EXCL);
    const contents = await loadDatabase(location, path.join(from, manifest.database.name));
    const differences = differingTables(manifest.tables, contents.tables);
    if (differences.length > 0) throw new Error(`the restored database differs from the backup:\n  ${differences.join('\n  ')}`);
    if (manifest.evidence.length > 0) {
      // Only an empty folder (checked above) is replaced: rmdir refuses anything else.
      if (fs.existsSync(options.evidenceDir)) fs.rmdirSync(options.evidenceDir);
      fs.mkdirSync(path.dirname(options.evidenceDir), { recursive: true });
      fs.renameSync(staging, options.evidenceDir);
    }
    return { manifest, contents };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
