// `npm run backup [-- --out FOLDER]`: a consistent copy of the database named by
// DATABASE_URL (SQLite's online backup, or pg_dump) and of every evidence file
// in EVIDENCE_DIR, with manifest.json (sizes, SHA-256, row counts). The portal
// may keep running. See docs/deploy.md.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupLocations, createBackup } from '../app/services/backup.server.ts';

try {
  const { values } = parseArgs({ options: { out: { type: 'string' } }, strict: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = values.out ?? path.join('backups', `portal-${stamp}`);
  const { databaseUrl, evidenceDir } = backupLocations(process.env);
  const started = Date.now();
  const { dir, manifest } = await createBackup({ databaseUrl, evidenceDir, out });
  const rows = Object.values(manifest.tables).reduce((sum, n) => sum + n, 0);
  console.log(
    `Backup written to ${dir} in ${Date.now() - started} ms: ${manifest.dialect} database (${manifest.database.bytes} bytes, ${Object.keys(manifest.tables).length} tables, ${rows} rows), ${manifest.evidence.length} evidence files from ${evidenceDir}.`,
  );
  if (manifest.missingEvidence.length > 0) {
    console.warn(`Warning: the database names ${manifest.missingEvidence.length} evidence files that ${evidenceDir} does not hold: ${manifest.missingEvidence.join(', ')}`);
  }
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
