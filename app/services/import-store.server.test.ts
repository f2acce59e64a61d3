import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../tests/support/test-database.ts';
import { deletePendingImport, loadPendingImport, movePendingImportsFromDisk, PENDING_IMPORT_TTL_MS, removeStaleUploads, savePendingImport } from './import-store.server.ts';

describe.each(dialects)('pending imports between preview and confirmation on %s', (dialect) => {
  let database: TestDatabase;
  const pending = { userId: 'u1', planId: 'p1', fileName: 'plan.csv', headers: ['code'], rows: [{ row: 2, cells: { code: '1.1' } }] };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  test('only the uploader gets the rows back, by an id that names nothing else', async () => {
    const { db } = database;
    const id = await savePendingImport(db, pending);
    expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await loadPendingImport(db, id, 'u1')).toMatchObject(pending);
    expect(await loadPendingImport(db, id, 'someone-else')).toBeNull();
    expect(await loadPendingImport(db, '../../etc/passwd', 'u1')).toBeNull();
    expect(await loadPendingImport(db, 'A'.repeat(32), 'u1')).toBeNull();
    await deletePendingImport(db, id);
    expect(await loadPendingImport(db, id, 'u1')).toBeNull();
  });

  test('a large preview (5,000 rows × 20 columns) spans many chunks and comes back whole', async () => {
    const headers = Array.from({ length: 20 }, (_, i) => `column ${i}`);
    const rows = Array.from({ length: 5_000 }, (_, r) => ({ row: r + 2, cells: Object.fromEntries(headers.map((h, c) => [h, `Ćelija ${r}.${c} – šđčćž`])) }));
    const id = await savePendingImport(database.db, { ...pending, headers, rows });
    const chunks = await database.db.selectFrom('blobChunk').select('position').where('blobId', '=', id).execute();
    expect(chunks.length).toBeGreaterThan(5);
    const loaded = await loadPendingImport(database.db, id, 'u1');
    expect(loaded?.rows).toEqual(rows);
    await deletePendingImport(database.db, id);
  });

  test('a pending import expires after an hour, and is then removed', async () => {
    const id = await savePendingImport(database.db, pending);
    vi.useFakeTimers({ now: Date.now() + PENDING_IMPORT_TTL_MS + 1_000, toFake: ['Date'] });
    expect(await loadPendingImport(database.db, id, 'u1')).toBeNull();
    expect(await removeStaleUploads(database.db)).toBeGreaterThanOrEqual(1);
    vi.useRealTimers();
    const left = await database.db.selectFrom('blob').select('id').where('id', '=', id).execute();
    expect(left).toEqual([]);
  });

  test('previews an older install left in DATA_DIR/imports are moved in, so they can still be confirmed', async () => {
    const folder = path.join(database.dir, 'imports');
    fs.mkdirSync(folder, { recursive: true });
    const fresh = 'F'.repeat(32);
    const expired = 'E'.repeat(32);
    fs.writeFileSync(path.join(folder, `${fresh}.json`), JSON.stringify({ ...pending, createdAt: Date.now() }));
    fs.writeFileSync(path.join(folder, `${expired}.json`), JSON.stringify({ ...pending, createdAt: Date.now() - PENDING_IMPORT_TTL_MS - 1 }));
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not a preview');

    expect(await movePendingImportsFromDisk(database.db, database.dir)).toBe(1);
    expect(await loadPendingImport(database.db, fresh, 'u1')).toMatchObject(pending);
    expect(await loadPendingImport(database.db, expired, 'u1')).toBeNull();
    expect(fs.readdirSync(folder)).toEqual(['notes.txt']);
    expect(await movePendingImportsFromDisk(database.db, database.dir)).toBe(0);
  });
});
