import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadMergedState } from '../../app/models/document-state.server.ts';
import { createDatabase } from '../../db/client.server.ts';
import { docFromState, signInCookie, waitFor } from '../support/collab-client.ts';
import { STRATEGY_TITLE } from './support/fault-settings.ts';
import { DEMO_PASSWORD, freePort, healthy, killAllChildren, portalProcessEnv, startPortalProcess, startThrowawayPostgres, type PortalProcess, type ThrowawayPostgres } from './support/server-process.ts';
import { converged, seededRandom, startTyping, tokensOf, Typist } from './support/typist.ts';

/**
 * PostgreSQL restarted under a portal whose editors keep typing, on a cluster
 * of this test's own (the shared one on 5432 is never touched). The portal
 * stays up, its clients reconnect, nothing acknowledged is lost, and an edit
 * made while the database is down is not acknowledged until it is stored.
 */

afterAll(() => killAllChildren());

describe('a PostgreSQL restart during typing', () => {
  let cluster: ThrowawayPostgres | undefined;
  let portal: PortalProcess | undefined;
  const typists: Typist[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppp-faults-data-'));

  afterAll(async () => {
    for (const typist of typists) typist.destroy();
    await portal?.kill();
    cluster?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('the portal stays up, reconnects, and acknowledges only what it stored', async () => {
    cluster = await startThrowawayPostgres();
    portal = await startPortalProcess(portalProcessEnv(cluster.url, dataDir, await freePort(), { BETTER_AUTH_SECRET: 'fault-suite-secret-fault-suite-secret-0123' }));
    const { db } = createDatabase({ url: cluster.url, poolSize: 2 });
    try {
      const documentId = (await db.selectFrom('document').select('id').where('title', '=', STRATEGY_TITLE).executeTakeFirstOrThrow()).id;
      await db.destroy();
      const cookies = await Promise.all(['member', 'private'].map((who) => signInCookie(portal!.baseURL, `${who}@demo.example`, DEMO_PASSWORD)));
      for (let i = 0; i < 4; i++) typists.push(new Typist(`pg${i}`, portal.baseURL, documentId, cookies[i % 2]));
      await Promise.all(typists.map((t) => t.settled()));

      const typing = startTyping(typists, seededRandom(Date.now() % 1_000_000), { cutConnections: false });
      try {
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        cluster.restart('fast');
        await new Promise((resolve) => setTimeout(resolve, 3_000));
      } finally {
        await typing.stop();
      }
      await converged(typists);

      // Down for good while one person types: the edit must not be acknowledged.
      const [writer] = typists;
      const acknowledgedBefore = typists.flatMap((t) => t.acknowledged());
      cluster.stop('immediate');
      const closes = writer.closes;
      writer.type('typed-while-down', 0);
      await waitFor(() => writer.closes > closes, 'the portal to give up on storing the edit', 30_000);
      expect(writer.acknowledged()).not.toContain('typed-while-down');
      expect(portal.alive(), `the portal exited:\n${portal.output().slice(-3000)}`).toBe(true);
      cluster.start();
      await writer.settled(60_000);
      await converged(typists);

      const check = createDatabase({ url: cluster.url, poolSize: 2 }).db;
      try {
        const stored = tokensOf(docFromState(await loadMergedState(check, documentId)));
        expect(acknowledgedBefore.filter((token) => !stored.has(token))).toEqual([]);
        expect(stored.has('typed-while-down')).toBe(true);
        expect(stored).toEqual(new Set(typists.flatMap((t) => t.typed)));
      } finally {
        await check.destroy();
      }
      expect(portal.alive()).toBe(true);
      expect(await healthy(portal.baseURL)).toBe(true);
      expect(portal.output()).toMatch(/update could not be stored/);
    } finally {
      await db.destroy().catch(() => {});
    }
  });
});
