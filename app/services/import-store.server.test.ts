import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { deletePendingImport, loadPendingImport, PENDING_IMPORT_TTL_MS, savePendingImport } from './import-store.server.ts';

describe('pending imports between preview and confirmation', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppp-import-'));
  const pending = { userId: 'u1', planId: 'p1', fileName: 'plan.csv', headers: ['code'], rows: [{ row: 2, cells: { code: '1.1' } }] };

  afterAll(() => {
    vi.useRealTimers();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('only the uploader gets the rows back, by an id that names nothing else', async () => {
    const id = await savePendingImport(dir, pending);
    expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await loadPendingImport(dir, id, 'u1')).toMatchObject(pending);
    expect(await loadPendingImport(dir, id, 'someone-else')).toBeNull();
    expect(await loadPendingImport(dir, '../../etc/passwd', 'u1')).toBeNull();
    expect(await loadPendingImport(dir, 'A'.repeat(32), 'u1')).toBeNull();
    await deletePendingImport(dir, id);
    expect(await loadPendingImport(dir, id, 'u1')).toBeNull();
  });

  test('a pending import expires after an hour', async () => {
    const id = await savePendingImport(dir, pending);
    vi.useFakeTimers({ now: Date.now() + PENDING_IMPORT_TTL_MS + 1_000, toFake: ['Date'] });
    expect(await loadPendingImport(dir, id, 'u1')).toBeNull();
    vi.useRealTimers();
  });
});
