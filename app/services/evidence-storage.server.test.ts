import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postProgressUpdate } from '../models/action-update.server.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../../tests/support/test-database.ts';
import { makeInstitution, makePerson } from '../../tests/support/factories.ts';
import { itemInput, makeItem, makePlan, prepareTracker } from '../../tests/support/tracker-data.ts';
import { BLOB_CHUNK_BYTES } from './blob-stream.server.ts';
import {
  attachmentDisposition,
  copyEvidenceFilesFromDisk,
  createEvidenceUploads,
  downloadType,
  evidenceDir,
  evidencePath,
  openEvidenceFile,
  removeEvidenceFiles,
  safeFileName,
} from './evidence-storage.server.ts';

async function* chunks(...parts: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield part;
}

/** `count` parts of `size` random bytes each, as a multipart parser hands them over. */
function randomParts(count: number, size: number): Buffer[] {
  return Array.from({ length: count }, () => crypto.randomBytes(size));
}

function part(name: string, filename: string | undefined, data: AsyncIterable<Uint8Array>, contentType = 'application/pdf') {
  return { name, filename, contentType, data };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('evidence names and downloads', () => {
  test('the folder of older installs is EVIDENCE_DIR, or evidence/ inside DATA_DIR', () => {
    expect(evidenceDir({ DATA_DIR: '/srv/portal', EVIDENCE_DIR: undefined })).toBe(path.resolve('/srv/portal/evidence'));
    expect(evidenceDir({ DATA_DIR: '/srv/portal', EVIDENCE_DIR: '/mnt/evidence' })).toBe(path.resolve('/mnt/evidence'));
  });

  test('names are cleaned of folders and control characters; stored names are ours only', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\Izvještaj.pdf')).toBe('Izvještaj.pdf');
    expect(safeFileName('a"b\u0000c.txt')).toBe('a_b_c.txt');
    expect(safeFileName('...')).toBe('evidence');
    expect(() => evidencePath('/tmp', '../secret')).toThrow();
  });

  test('downloads are attachments with a safe ASCII name and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Izvještaj "final".pdf')).toBe(`attachment; filename="Izvjestaj _final_.pdf"; filename*=UTF-8''${encodeURIComponent('Izvještaj _final_.pdf')}`);
    expect(attachmentDisposition("O'Brien (draft).txt")).toBe(`attachment; filename="O'Brien (draft).txt"; filename*=UTF-8''O%27Brien%20%28draft%29.txt`);
    expect(downloadType('application/pdf')).toBe('application/pdf');
    expect(downloadType('text/html')).toBe('application/octet-stream');
    expect(downloadType('image/svg+xml')).toBe('application/octet-stream');
    expect(downloadType(null)).toBe('application/octet-stream');
  });
});

describe.each(dialects)('evidence stored in the database on %s', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  async function blobRows() {
    const blobs = await database.db.selectFrom('blob').select(['id', 'sizeBytes']).where('kind', '=', 'evidence').execute();
    const chunkRows = await database.db.selectFrom('blobChunk').select(['blobId', 'position', 'data']).orderBy('blobId').orderBy('position').execute();
    return { blobs, chunks: chunkRows };
  }

  test('a file is streamed in chunks under a random name with its size and SHA-256, and read back the same', async () => {
    const uploads = createEvidenceUploads(database.db);
    // 10 parts of 64 KiB plus an odd tail: three stored chunks, the last one short.
    const parts = [...randomParts(10, 64 * 1024), crypto.randomBytes(1234)];
    const whole = Buffer.concat(parts);
    expect(await uploads.handler(part('evidenceFile', 'report.pdf', chunks(...parts)))).toBe('');
    expect(uploads.uploads).toHaveLength(1);
    const [stored] = uploads.uploads;
    expect(stored).toMatchObject({ fileName: 'report.pdf', mimeType: 'application/pdf', sizeBytes: whole.length });
    expect(stored.sha256).toBe(crypto.createHash('sha256').update(whole).digest('hex'));
    expect(stored.storedName).toMatch(/^[0-9a-f]{32}$/);

    const rows = await blobRows();
    const mine = rows.chunks.filter((c) => c.blobId === stored.storedName);
    expect(mine.map((c) => c.position)).toEqual([0, 1, 2]);
    expect(mine.map((c) => c.data.byteLength)).toEqual([BLOB_CHUNK_BYTES, BLOB_CHUNK_BYTES, whole.length - 2 * BLOB_CHUNK_BYTES]);

    const file = await openEvidenceFile(database.db, stored.storedName);
    expect(file?.sizeBytes).toBe(whole.length);
    expect((await readAll(file!.body)).equals(whole)).toBe(true);

    await uploads.removeAll();
    expect(await openEvidenceFile(database.db, stored.storedName)).toBeNull();
    const after = await blobRows();
    expect(after.blobs.find((b) => b.id === stored.storedName)).toBeUndefined();
    expect(after.chunks.filter((c) => c.blobId === stored.storedName)).toEqual([]);
  });

  test('a file over the limit is not kept, even partly, and is reported', async () => {
    const before = await blobRows();
    const uploads = createEvidenceUploads(database.db, 'evidenceFile', { maxBytes: BLOB_CHUNK_BYTES + 10, maxFiles: 5 });
    await uploads.handler(part('evidenceFile', 'big.bin', chunks(...randomParts(6, 64 * 1024))));
    expect(uploads.uploads).toEqual([]);
    expect(uploads.rejected).toEqual([{ fileName: 'big.bin', reason: 'tooLarge' }]);
    expect(await blobRows()).toEqual(before);
  });

  test('files past the limit of files are refused; empty file inputs and other fields are left alone', async () => {
    const uploads = createEvidenceUploads(database.db, 'evidenceFile', { maxBytes: 100, maxFiles: 1 });
    await uploads.handler(part('evidenceFile', 'one.txt', chunks(Buffer.from('1'))));
    await uploads.handler(part('evidenceFile', 'two.txt', chunks(Buffer.from('2'))));
    expect(await uploads.handler(part('evidenceFile', '', chunks()))).toBe('');
    expect(await uploads.handler(part('body', undefined, chunks(Buffer.from('text'))))).toBeUndefined();
    expect(uploads.uploads.map((u) => u.fileName)).toEqual(['one.txt']);
    expect(uploads.rejected).toEqual([{ fileName: 'two.txt', reason: 'tooMany' }]);
    await uploads.removeAll();
  });

  test('an empty file is stored and read back as empty', async () => {
    const uploads = createEvidenceUploads(database.db);
    await uploads.handler(part('evidenceFile', 'empty.txt', chunks()));
    const [stored] = uploads.uploads;
    expect(stored.sizeBytes).toBe(0);
    const file = await openEvidenceFile(database.db, stored.storedName);
    expect(file?.sizeBytes).toBe(0);
    expect((await readAll(file!.body)).length).toBe(0);
    await removeEvidenceFiles(database.db, [stored.storedName]);
  });

  test('names that are not ours are never looked up', async () => {
    expect(await openEvidenceFile(database.db, '../../etc/passwd')).toBeNull();
    expect(await openEvidenceFile(database.db, 'a'.repeat(32))).toBeNull();
  });

  test('evidence files an older install kept on disk are copied in at start-up, once, under their names', async () => {
    const { db } = database;
    await prepareTracker(db);
    const institution = (await makeInstitution(db)).id;
    const member = await makePerson(db, { institutionId: institution, role: 'member' });
    const secretariat = await makePerson(db, { institutionId: institution, role: 'secretariat' });
    const plan = await makePlan(db, secretariat.id, institution);
    const itemId = await makeItem(db, secretariat.id, itemInput(plan, institution));
    const dir = path.join(database.dir, 'evidence');
    fs.mkdirSync(dir, { recursive: true });
    const onDisk = crypto.randomBytes(300 * 1024);
    const kept = crypto.randomBytes(16).toString('hex');
    const lost = crypto.randomBytes(16).toString('hex');
    fs.writeFileSync(path.join(dir, kept), onDisk);
    const file = (storedName: string, bytes: number) => ({ kind: 'file' as const, fileName: `${storedName}.pdf`, storedName, mimeType: 'application/pdf', sizeBytes: bytes, sha256: '0', description: '' });
    await postProgressUpdate(db, {
      itemId,
      authorId: member.id,
      institutionId: institution,
      date: '2026-11-20',
      body: 'Evidence from before the upgrade',
      status: 'in_progress',
      progress: 10,
      indicators: {},
      evidence: [file(kept, onDisk.length), file(lost, 10)],
    });

    expect(await copyEvidenceFilesFromDisk(db, dir)).toEqual({ copied: 1, missing: 1 });
    const copied = await openEvidenceFile(db, kept);
    expect((await readAll(copied!.body)).equals(onDisk)).toBe(true);
    // A second start-up copies nothing again; the one without a file stays reported.
    expect(await copyEvidenceFilesFromDisk(db, dir)).toEqual({ copied: 0, missing: 1 });
  });
});
