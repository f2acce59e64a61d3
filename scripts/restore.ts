// `npm run restore -- --from FOLDER`: restores a folder written by `npm run backup`
// into the EMPTY database named by DATABASE_URL and the empty EVIDENCE_DIR, after
// checking every file against the manifest. Refuses a database that has any
// table. Stop the portal first. See docs/deploy.md.
import { parseArgs } from 'node:util';
import { backupLocations, restoreBackup, RestoreRefusedError } from '../app/services/backup.server.ts';


try {
  const { values } = parseArgs({ options: { from: { type: 'string' } }, strict: true });
  if (!values.from) throw new RestoreRefusedError('say which backup to restore: npm run restore -- --from FOLDER');
  const { databaseUrl, evidenceDir } = backupLocations(process.env);
  const started = Date.now();
  const { manifest, contents } = await restoreBackup({ from: values.from, databaseUrl, evidenceDir });
  const rows = Object.values(contents.tables).reduce((sum, n) => sum + n, 0);
  console.log(
    `Restored the backup of ${manifest.createdAt} in ${Date.now() - started} ms: ${Object.keys(contents.tables).length} tables, ${rows} rows (every count as in the manifest), ${manifest.evidence.length} evidence files into ${evidenceDir}.`,
  );
} catch (error) {
  const refused = error instanceof RestoreRefusedError;
  console.error(`${refused ? 'Restore refused, nothing was written' : 'Restore failed'}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = refused ? 2 : 1;
}
