import { afterAll, describe, expect, test } from 'vitest';
import { loadMergedState } from '../../app/models/document-state.server.ts';
import { docFromState, signInCookie } from '../support/collab-client.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { DEMO_PASSWORD, freePort, killAllChildren, portalProcessEnv, startPortalProcess, type PortalProcess } from './support/server-process.ts';
import { converged, seededRandom, startTyping, tokensOf, Typist } from './support/typist.ts';
import { faultDialects, STRATEGY_TITLE, TYPING_MS } from './support/fault-settings.ts';

/**
 * Six people type into one document while their connections are cut at
 * random and the server is SIGKILLed and restarted three times. After each
 * kill the database holds every edit acknowledged before it; at the end all
 * six converge on one state holding every edit, acknowledged or not.
 */

afterAll(() => killAllChildren());

describe.each(faultDialects())('disconnects and crashes on %s', (dialect) => {
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
    let portal: PortalProcess = await startPortalProcess(env);
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
        const stored = tokensOf(docFromState(await loadMergedState(database.db, documentId)));
        lost.push(...acknowledged.filter((token) => !stored.has(token)));
        acknowledgedAtKills += acknowledged.length;
        portal = await startPortalProcess(env);
      }
      await new Promise((resolve) => setTimeout(resolve, TYPING_MS / (kills + 1)));
    } finally {
      await typing.stop();
    }
    expect(lost, `acknowledged edits missing from the database after a SIGKILL (seed ${seed})`).toEqual([]);
    expect(acknowledgedAtKills).toBeGreaterThan(100);

    await converged(typists);
    const everything = new Set(typists.flatMap((t) => t.typed));
    for (const typist of typists) expect(tokensOf(typist.doc)).toEqual(everything);
    const final = docFromState(await loadMergedState(database.db, documentId));
    expect(tokensOf(final)).toEqual(everything);
    expect(final.getText('typing').toString()).toBe(typists[0].doc.getText('typing').toString());
    expect(portal.alive()).toBe(true);
    console.info(`[faults] ${dialect}: ${everything.size} edits, ${acknowledgedAtKills} acknowledged at the 3 kills, ${typists.reduce((n, t) => n + t.closes, 0)} closes ${JSON.stringify(Object.fromEntries(typists.flatMap((t) => [...t.closeReasons])))} (seed ${seed})`);
  });
});
