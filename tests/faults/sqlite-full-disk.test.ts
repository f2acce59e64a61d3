import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadMergedState } from '../../app/models/document-state.server.ts';
import { createDatabase } from '../../db/client.server.ts';
import { docFromState, signInCookie, waitFor } from '../support/collab-client.ts';
import { STRATEGY_TITLE } from './support/fault-settings.ts';
import { DEMO_PASSWORD, freePort, killAllChildren, portalProcessEnv, startPortalProcess, type PortalProcess } from './support/server-process.ts';
import { tokensOf, Typist } from './support/typist.ts';

/**
 * SQLite on a disk that fills up: the portal's data folder is a small tmpfs.
 * Once it is full, an edit is logged as not stored and never acknowledged;
 * when space is freed the same edit is stored and acknowledged, and the
 * document carries on. (A read-only chmod would not do: a running SQLite keeps
 * its open file descriptors, and root ignores file modes.)
 */

const mount = fs.mkdtempSync(path.join(os.tmpdir(), 'ppp-faults-full-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', mount]).status === 0;
if (!mounted) console.warn('[faults] cannot mount a tmpfs here (not root?): the full-disk case is skipped');

afterAll(() => {
  killAllChildren();
  if (mounted) spawnSync('umount', ['-l', mount]);
  fs.rmSync(mount, { recursive: true, force: true });
});

describe.runIf(mounted || process.env.CI)('SQLite on a full disk', () => {
  let portal: PortalProcess | undefined;
  let writer: Typist | undefined;

  afterAll(async () => {
    writer?.destroy();
    await portal?.kill();
  });

  test('a clear error, no acknowledgement, and recovery once space is back', async () => {
    const url = `file:${path.join(mount, 'portal.sqlite')}`;
    portal = await startPortalProcess(portalProcessEnv(url, mount, await freePort()));
    const reader = createDatabase({ url, poolSize: 1 }).db;
    try {
      const documentId = (await reader.selectFrom('document').select('id').where('title', '=', STRATEGY_TITLE).executeTakeFirstOrThrow()).id;
      writer = new Typist('full', portal.baseURL, documentId, await signInCookie(portal.baseURL, 'member@demo.example', DEMO_PASSWORD));
      writer.type('before-full', 0);
      await writer.settled();

      // Fill what is left of the disk.
      const filler = path.join(mount, 'filler');
      const chunk = Buffer.alloc(1024 * 1024, 1);
      const fd = fs.openSync(filler, 'w');
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        fs.closeSync(fd);
      }
      // The WAL may still have room in pages it already holds: large edits outgrow it.
      const big = 'x'.repeat(256 * 1024);
      let attempt = 0;
      await waitFor(
        () => {
          if (/an update could not be stored/.test(portal!.output())) return true;
          if (writer!.acknowledgedCount === writer!.typed.length) writer!.type(`fill-${attempt++}-${big}`, 0);
          return false;
        },
        'the portal to report an update it could not store',
        60_000,
        50,
      );
      const log = portal.output();
      expect(log).toMatch(/an update could not be stored/);
      expect(log).toMatch(/SQLITE_FULL|disk is full/i);
      const unstored = writer.typed.slice(writer.acknowledgedCount);
      expect(unstored.length).toBeGreaterThan(0);
      expect(portal.alive()).toBe(true);

      writer.type('typed-while-full', 0);
      const closes = writer.closes;
      await waitFor(() => writer!.closes > closes, 'the portal to refuse storing again', 30_000);
      expect(writer.acknowledged()).not.toContain('typed-while-full');

      fs.rmSync(filler);
      await writer.settled(60_000);
      writer.type('after-full', 0);
      await writer.settled();
      const stored = tokensOf(docFromState(await loadMergedState(reader, documentId)));
      for (const token of ['before-full', 'typed-while-full', 'after-full', ...unstored]) expect(stored.has(token), token.slice(0, 30)).toBe(true);
      expect(portal.alive()).toBe(true);
    } finally {
      await reader.destroy();
    }
  });
});
