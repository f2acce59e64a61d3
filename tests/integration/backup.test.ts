import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { renderHtml } from '../../app/content/render.server.ts';
import { createThread, listThreads } from '../../app/models/comment.server.ts';
import { postProgressUpdate } from '../../app/models/action-update.server.ts';
import { appendDocumentUpdate, countPendingUpdates, loadMergedState } from '../../app/models/document-state.server.ts';
import { listEditionSummaries } from '../../app/models/edition.server.ts';
import { existingTables, locateDatabase } from '../../db/backup.server.ts';
import type { Db } from '../../db/client.server.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { signInCookie, typeIntoFirstParagraph, waitFor } from '../support/collab-client.ts';
import { MINISTRY_OF_SECURITY, serverDoc, useCollabPortal } from '../support/collab-portal.ts';
import { unique } from '../support/factories.ts';
import { DEMO_PASSWORD, portalEnv } from '../support/portal-env.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/**
 * `npm run backup` and `npm run restore`, run as the real commands against a
 * real portal seeded with the demo: live edits still in the update tail, a
 * comment thread, an uploaded evidence file and the demo's editions are
 * backed up while the portal runs, restored into an empty database, and found
 * again by a second portal started on the copy. Needs the Remix build.
 */

/** Each test starts the two commands as processes (tsx compiles them on start): more than the default 30 s on a loaded machine. */
const COMMAND_TEST_TIMEOUT_MS = 90_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runScript(script: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join('scripts', `${script}.ts`), ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The environment naming a test database and its evidence folder, for the two commands. */
function locations(database: TestDatabase): Record<string, string> {
  return { DATABASE_URL: database.url, DATA_DIR: database.dir, EVIDENCE_DIR: path.join(database.dir, 'evidence') };
}

function cookieJar(browser: TestBrowser, cookie: string): TestBrowser {
  for (const pair of cookie.split('; ')) {
    const at = pair.indexOf('=');
    browser.cookies.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return browser;
}

describe.each(dialects)('backup and restore on %s', (dialect) => {
  // Compaction far away, so the edits below stay stored as separate Yjs updates.
  const live = useCollabPortal(dialect, { COLLAB_REVALIDATE_MS: '300', COLLAB_COMPACT_EVERY: '10000' });
  let db: Db;
  let backupDir: string;
  let target: TestDatabase | undefined;
  let restoredPortal: Portal | undefined;
  const word = `backupword${unique()}`;
  const tailWord = `tailword${unique()}`;
  const commentBody = `Please keep this sentence ${unique()} in the restored copy.`;
  const evidenceBytes = crypto.randomBytes(300_000);
  const legacyBytes = Buffer.from(`Minutes of the working group ${unique()}\n`);
  let itemId: string;
  let legacyName: string;
  let expected: { html: string; pendingUpdates: number; threads: string[][]; editions: unknown[]; guidelinesId: string };

  beforeAll(async () => {
    db = live.db;
    backupDir = path.join(live.database.dir, 'backups', 'one');
  });

  afterAll(async () => {
    await restoredPortal?.close();
    await target?.cleanup();
  });

  test('a running portal with live edits, a comment, evidence and editions is backed up', async () => {
    const { strategyId, ids, cookies, portal } = live;
    const editor = await live.open('member', strategyId);
    typeIntoFirstParagraph(editor.doc, word);
    await editor.acknowledged();
    await waitFor(async () => renderHtml((await loadMergedState(db, strategyId))!).includes(word), 'the edit to be stored');
    editor.destroy();
    // The server merges the tail into the snapshot when the document unloads; an edit stored
    // after that (as another instance would append it) stays in the tail for the backup.
    await waitFor(() => !serverDoc(portal, strategyId), 'the strategy to be unloaded');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await loadMergedState(db, strategyId))!);
    const before = Y.encodeStateVector(doc);
    typeIntoFirstParagraph(doc, tailWord);
    await appendDocumentUpdate(db, strategyId, Y.encodeStateAsUpdate(doc, before));

    const member = await db.selectFrom('user').select('institutionId').where('id', '=', ids.member).executeTakeFirstOrThrow();
    await createThread(db, { id: `thread-${unique()}`, documentId: strategyId, quote: 'strategy', authorId: ids.member, institutionId: member.institutionId, body: commentBody });

    const item = await db
      .selectFrom('actionItem')
      .select(['id', 'status', 'progress'])
      .where('ownerInstitutionId', '=', live.institution(MINISTRY_OF_SECURITY))
      .where('status', '=', 'in_progress')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    itemId = item.id;
    const form = new FormData();
    const fields = { intent: 'update', date: '2026-11-20', body: 'Exercise report attached.', status: item.status, progress: String(item.progress), evidenceDescription: 'Exercise report' };
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('evidenceFile', new Blob([new Uint8Array(evidenceBytes)], { type: 'application/pdf' }), 'Izvještaj.pdf');
    const upload = await cookieJar(new TestBrowser(portal.url), cookies.member).request(`/actions/${item.id}`, { method: 'POST', body: form });
    expect(upload.status).toBe(302);

    // An older installation's evidence: a file in EVIDENCE_DIR that is not in the database yet.
    legacyName = crypto.randomBytes(16).toString('hex');
    fs.mkdirSync(path.join(live.database.dir, 'evidence'), { recursive: true });
    fs.writeFileSync(path.join(live.database.dir, 'evidence', legacyName), legacyBytes);
    await postProgressUpdate(db, {
      itemId: item.id,
      authorId: ids.member,
      institutionId: member.institutionId,
      date: '2026-11-21',
      body: 'Minutes from before the upgrade.',
      status: item.status,
      progress: item.progress,
      indicators: {},
      evidence: [{ kind: 'file', fileName: 'minutes.txt', storedName: legacyName, mimeType: 'text/plain', sizeBytes: legacyBytes.length, sha256: crypto.createHash('sha256').update(legacyBytes).digest('hex'), description: '' }],
    });

    const guidelines = await db.selectFrom('document').select('id').where('slug', 'is not', null).executeTakeFirstOrThrow();
    expected = {
      html: renderHtml((await loadMergedState(db, strategyId))!),
      pendingUpdates: await countPendingUpdates(db, strategyId),
      threads: (await listThreads(db, strategyId)).map((t) => t.comments.map((c) => c.body)),
      editions: await listEditionSummaries(db, guidelines.id),
      guidelinesId: guidelines.id,
    };
    // What the copy must hold: unmerged live edits, the new comment, at least one edition.
    expect(expected.pendingUpdates).toBeGreaterThan(0);
    expect(expected.threads.flat()).toContain(commentBody);
    expect(expected.editions.length).toBeGreaterThan(0);

    // Online: the portal keeps serving while the backup runs.
    const run = await runScript('backup', ['--out', backupDir], locations(live.database));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Backup written to ${backupDir}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'ppp-portal-backup', version: 1, dialect, missingEvidence: [] });
    expect(manifest.evidence.map((e: { name: string }) => e.name)).toContain(legacyName);
    expect(manifest.tables.comment).toBeGreaterThan(0);
    expect(manifest.tables.documentUpdate).toBe(Number((await db.selectFrom('documentUpdate').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
    expect(fs.existsSync(`${backupDir}.partial-${process.pid}`)).toBe(false);
    expect((await fetch(`${portal.url}/healthz`)).status).toBe(200);
  }, COMMAND_TEST_TIMEOUT_MS);

  test('a restore into a database that has data is refused and changes nothing', async () => {
    const before = await existingTables(locateDatabase(live.database.url));
    const comments = (await listThreads(db, live.strategyId)).length;
    const run = await runScript('restore', ['--from', backupDir], locations(live.database));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Restore refused, nothing was written');
    expect(run.stderr).toContain('is not empty');
    expect(await existingTables(locateDatabase(live.database.url))).toEqual(before);
    expect((await listThreads(db, live.strategyId)).length).toBe(comments);
  }, COMMAND_TEST_TIMEOUT_MS);

  test('a damaged backup is refused before anything is written', async () => {
    target = await createTestDatabase(dialect, { migrate: false });
    // The test's own connection must not hold the file a restore replaces.
    await target.db.destroy();
    const damaged = path.join(live.database.dir, 'backups', 'damaged');
    fs.cpSync(backupDir, damaged, { recursive: true });
    const file = path.join(damaged, dialect === 'sqlite' ? 'database.sqlite' : 'database.pgdump');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const run = await runScript('restore', ['--from', damaged], locations(target));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('does not match its checksum');
    expect(await existingTables(locateDatabase(target.url))).toEqual([]);
  }, COMMAND_TEST_TIMEOUT_MS);

  test('restored into an empty database, a new portal shows every edit, comment, evidence file and edition', async () => {
    if (!target) throw new Error('the previous test creates the empty target database');
    const run = await runScript('restore', ['--from', backupDir], locations(target));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('every count as in the manifest');

    restoredPortal = await startPortal(portalEnv(target, { EVIDENCE_DIR: path.join(target.dir, 'evidence') }));
    const copy = restoredPortal.services.db;
    expect(renderHtml((await loadMergedState(copy, live.strategyId))!)).toBe(expected.html);
    expect(renderHtml((await loadMergedState(copy, live.strategyId))!)).toContain(word);
    expect(renderHtml((await loadMergedState(copy, live.strategyId))!)).toContain(tailWord);
    expect(await countPendingUpdates(copy, live.strategyId)).toBe(expected.pendingUpdates);
    expect((await listThreads(copy, live.strategyId)).map((t) => t.comments.map((c) => c.body))).toEqual(expected.threads);
    expect(await listEditionSummaries(copy, expected.guidelinesId)).toEqual(expected.editions);

    // The evidence comes back through the portal itself, for a member signed in with the restored password.
    const files = await copy.selectFrom('actionEvidence').select(['id', 'storedName']).where('itemId', '=', itemId).where('kind', '=', 'file').execute();
    expect(files).toHaveLength(2);
    const cookie = await signInCookie(restoredPortal.url, 'member@demo.example', DEMO_PASSWORD);
    const downloaded = new Map<string, Buffer>();
    for (const file of files) {
      const download = await fetch(`${restoredPortal.url}/actions/${itemId}/evidence/${file.id}`, { headers: { cookie } });
      expect(download.status).toBe(200);
      downloaded.set(file.storedName === legacyName ? 'legacy' : 'upload', Buffer.from(await download.arrayBuffer()));
    }
    expect(downloaded.get('upload')?.equals(evidenceBytes)).toBe(true);
    expect(downloaded.get('legacy')?.equals(legacyBytes)).toBe(true);

    // The public still finds the published edition.
    const publication = await copy.selectFrom('document').select('slug').where('id', '=', expected.guidelinesId).executeTakeFirstOrThrow();
    expect((await fetch(`${restoredPortal.url}/publications/${publication.slug}`)).status).toBe(200);
  }, COMMAND_TEST_TIMEOUT_MS);
});
