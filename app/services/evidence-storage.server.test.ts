import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { attachmentDisposition, createEvidenceUploads, downloadType, evidenceDir, evidencePath, safeFileName } from './evidence-storage.server.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppp-evidence-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function* chunks(...parts: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield part;
}

function part(name: string, filename: string | undefined, data: AsyncIterable<Uint8Array>, contentType = 'application/pdf') {
  return { name, filename, contentType, data };
}

describe('evidence storage', () => {
  test('the folder is EVIDENCE_DIR, or evidence/ inside DATA_DIR', () => {
    expect(evidenceDir({ DATA_DIR: '/srv/portal', EVIDENCE_DIR: undefined })).toBe(path.resolve('/srv/portal/evidence'));
    expect(evidenceDir({ DATA_DIR: '/srv/portal', EVIDENCE_DIR: '/mnt/evidence' })).toBe(path.resolve('/mnt/evidence'));
  });

  test('a file is streamed to a random name with its size and SHA-256', async () => {
    const dir = tempDir();
    const uploads = createEvidenceUploads(dir);
    const a = Buffer.from('first half ');
    const b = Buffer.from('second half');
    expect(await uploads.handler(part('evidenceFile', 'report.pdf', chunks(a, b)))).toBe('');
    expect(uploads.uploads).toHaveLength(1);
    const [stored] = uploads.uploads;
    expect(stored).toMatchObject({ fileName: 'report.pdf', mimeType: 'application/pdf', sizeBytes: a.length + b.length });
    expect(stored.sha256).toBe(crypto.createHash('sha256').update(Buffer.concat([a, b])).digest('hex'));
    expect(stored.storedName).toMatch(/^[0-9a-f]{32}$/);
    expect(fs.readFileSync(path.join(dir, stored.storedName))).toEqual(Buffer.concat([a, b]));
    await uploads.removeAll();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('a file over the limit is not kept and is reported', async () => {
    const dir = tempDir();
    const uploads = createEvidenceUploads(dir, 'evidenceFile', { maxBytes: 10, maxFiles: 5 });
    await uploads.handler(part('evidenceFile', 'big.bin', chunks(Buffer.alloc(6), Buffer.alloc(6), Buffer.alloc(6))));
    expect(uploads.uploads).toEqual([]);
    expect(uploads.rejected).toEqual([{ fileName: 'big.bin', reason: 'tooLarge' }]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('files past the limit of files are refused; empty file inputs and other fields are left alone', async () => {
    const dir = tempDir();
    const uploads = createEvidenceUploads(dir, 'evidenceFile', { maxBytes: 100, maxFiles: 1 });
    await uploads.handler(part('evidenceFile', 'one.txt', chunks(Buffer.from('1'))));
    await uploads.handler(part('evidenceFile', 'two.txt', chunks(Buffer.from('2'))));
    expect(await uploads.handler(part('evidenceFile', '', chunks()))).toBe('');
    expect(await uploads.handler(part('body', undefined, chunks(Buffer.from('text'))))).toBeUndefined();
    expect(uploads.uploads.map((u) => u.fileName)).toEqual(['one.txt']);
    expect(uploads.rejected).toEqual([{ fileName: 'two.txt', reason: 'tooMany' }]);
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
