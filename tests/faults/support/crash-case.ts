import { afterAll, describe, expect, test } from 'vitest';
import type { Dialect } from '../../../db/client.server.ts';
import { loadMergedState } from '../../../app/models/document-state.server.ts';
import { docFromState, signInCookie } from '../../support/collab-client.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { DEMO_PASSWORD, freePort, killAllChildren, portalProcessEnv, startPortalProcess, type PortalProcess } from './server-process.ts';
import { converged, seededRandom, startTyping, tokensOf, Typist } from './typist.ts';
import { faultDialects, STRATEGY_TITLE, TYPING_MS } from './fault-settings.ts';

/**
 * The crash case (crashes-sqlite.test.ts, crashes-postgres.test.ts: one file a
 * dialect, so that the two run side by side). Six people type into one
 * document while their connections are cut at random and the server is
 * SIGKILLed and restarted three times. After each kill the database holds
 * every edit acknowledged before it; at the end all six converge on one state
 * holding every edit, acknowledged or not.
 */

export function crashCase(dialect: Dialect): void {
  afterAll(() => killAllChildren());
  describe.runIf(faultDialects().includes(dialect))(`disconnects and crashes on ${dialect}`, () => crashes(dialect));
}

function crashes(dialect: Dialect): void {
  let database: TestDatabase | undefined;
  const typists: Typist[] = [];

  afterAll(async () => {
    for (const typist of typists) typist.destroy();
    killAllChildren();
    await database?.cleanup();
  });

  test('6 clients, random cuts, 3 SIGKILLs: every acknowledged edit survives, all converge', async () => {
    database = await createTestDatabase(dialect, { migrate: false });
    const port = await freePort();
    const env = portalProcessEnv(database.url, database.dir, port, { COLLAB_COMPACT_EVERY: '50' });
    const began = Date.now();
    const timeline: string[] = [];
    const mark = (what: string) => timeline.push(`${what} ${((Date.now() - began) / 1000).toFixed(1)}s`);
    let portal: PortalProcess = await startPortalProcess(env);
    mark('up');
    const documentId = (await database.db.selectFrom('document').select('id').where('title', '=', STRATEGY_TITLE).executeTakeFirstOrThrow()).id;
    // The owner's member and the participating BH Telecom: both edit the strategy draft.
    const cookies = await Promise.all(['member', 'private'].map((who) => signInCookie(portal.baseURL, `${who}@demo.example`, DEMO_PASSWORD)));
    for (let i = 0; i < 6; i++) typists.push(new Typist(`c${i}`, portal.baseURL, documentId, cookies[i % 2]));
    await Promise.all(typists.map((t) => t.settled()));

    const seed = Date.now() % 1_000_000;
    const random = seededRandom(seed);
    const typing = startTyping(typists, random);
    const kills = 3;
    const lost: string[] = [];
    let acknowledgedAtKills = 0;
    try {
      for (let kill = 0; kill < kills; kill++) {
        await new Promise((resolve) => setTimeout(resolve, TYPING_MS / (kills + 1)));
        // In the same tick as the kill: what the clients have been told is stored.
        const acknowledged = typists.flatMap((t) => t.acknowledged());
        await portal.kill();
        mark(`kill ${kill + 1}`);
        const stored = tokensOf(docFromState(await loadMergedState(database.db, documentId)));
        lost.push(...acknowledged.filter((token) => !stored.has(token)));
        acknowledgedAtKills += acknowledged.length;
        portal = await startPortalProcess(env);
        mark('up');
      }
      await new Promise((resolve) => setTimeout(resolve, TYPING_MS / (kills + 1)));
    } finally {
      await typing.stop();
    }
    expect(lost, `acknowledged edits missing from the database after a SIGKILL (seed ${seed})`).toEqual([]);
    expect(acknowledgedAtKills).toBeGreaterThan(100);

    mark('typing stopped');
    await converged(typists);
    mark('converged');
    const everything = new Set(typists.flatMap((t) => t.typed));
    for (const typist of typists) expect(tokensOf(typist.doc)).toEqual(everything);
    const final = docFromState(await loadMergedState(database.db, documentId));
    expect(tokensOf(final)).toEqual(everything);
    expect(final.getText('typing').toString()).toBe(typists[0].doc.getText('typing').toString());
    expect(portal.alive()).toBe(true);
    console.info(`[faults] ${dialect}: ${everything.size} edits, ${acknowledgedAtKills} acknowledged at the 3 kills, ${typists.reduce((n, t) => n + t.closes, 0)} closes ${JSON.stringify(Object.fromEntries(typists.flatMap((t) => [...t.closeReasons])))} (seed ${seed}); ${timeline.join(', ')}`);
  });
}
