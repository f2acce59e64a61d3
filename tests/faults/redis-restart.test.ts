import { afterAll, describe, expect, onTestFailed, test } from 'vitest';
import { loadMergedState } from '../../app/models/document-state.server.ts';
import { docFromState, signInCookie, waitFor } from '../support/collab-client.ts';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database.ts';
import { DEMO_STRATEGY_TITLE_BS } from '../../db/seeds/demo.server.ts';
import { STRATEGY_TITLE } from './support/fault-settings.ts';
import { DEMO_PASSWORD, freePort, killAllChildren, portalProcessEnv, startPortalProcess, throwawayRedis, type PortalProcess } from './support/server-process.ts';
import { converged, seededRandom, startTyping, tokensOf, Typist } from './support/typist.ts';

/**
 * Two portal instances on one PostgreSQL database relay live editing through
 * a Redis of this test's own, which is killed and started again while both
 * keep editing. Each instance keeps serving its own clients while Redis is
 * away; once it is back, every client on both converges.
 */

if (!TEST_DATABASE_URL) {
  if (process.env.CI) throw new Error('CI is set but TEST_DATABASE_URL is not: the Redis fault case needs PostgreSQL');
  console.warn('[faults] TEST_DATABASE_URL is not set: the Redis restart case (two instances on PostgreSQL) is skipped');
}

afterAll(() => killAllChildren());

describe.runIf(TEST_DATABASE_URL)('a Redis restart between two instances', () => {
  let database: TestDatabase | undefined;
  const portals: PortalProcess[] = [];
  const typists: Typist[] = [];

  afterAll(async () => {
    for (const typist of typists) typist.destroy();
    for (const portal of portals) await portal.kill();
    await database?.cleanup();
  });

  test('each instance edits on alone, and all converge once Redis is back', async () => {
    onTestFailed(() => {
      for (const typist of typists) console.error(typist.state());
      portals.forEach((portal, i) => console.error(`instance ${i}:\n${portal.output().slice(-4000)}`));
    });
    database = await createTestDatabase('postgres', { migrate: false });
    const redis = await throwawayRedis();
    await redis.start();
    // Warnings too: the relay logs a message it could not publish (redis-relay.server.ts).
    const shared = { REDIS_URL: redis.url, BETTER_AUTH_SECRET: 'fault-suite-secret-fault-suite-secret-0123', LOG_LEVEL: 'warn' };
    portals.push(await startPortalProcess(portalProcessEnv(database.url, database.dir, await freePort(), shared)));
    portals.push(await startPortalProcess(portalProcessEnv(database.url, database.dir, await freePort(), { ...shared, SEED_DEMO: 'false' })));
    const documentId = (await database.db.selectFrom('document').select('id').where('title', '=', STRATEGY_TITLE).executeTakeFirstOrThrow()).id;
    const cookies = await Promise.all(['member', 'private'].map((who) => signInCookie(portals[0].baseURL, `${who}@demo.example`, DEMO_PASSWORD)));
    for (let i = 0; i < 4; i++) typists.push(new Typist(`r${i}`, portals[i % 2].baseURL, documentId, cookies[Math.floor(i / 2)]));
    await Promise.all(typists.map((t) => t.settled()));
    const onFirst = typists.filter((_, i) => i % 2 === 0);
    const onSecond = typists.filter((_, i) => i % 2 === 1);
    const random = seededRandom(Date.now() % 1_000_000);

    let typing = startTyping(typists, random);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await redis.stop();
    try {
      // Without Redis, each instance still serves its own clients: a marker reaches the other client there.
      for (const [here, there] of [onFirst, onSecond]) {
        here.type(`alone-${here.name}`, 0);
        await here.settled();
        await waitFor(() => tokensOf(there.doc).has(`alone-${here.name}`), `${there.name} to see ${here.name}'s edit on the same instance`, 20_000);
      }
      // A document nobody has open on an instance still opens there without Redis, and takes edits.
      const other = (await database.db.selectFrom('document').select('id').where('title', '=', DEMO_STRATEGY_TITLE_BS).executeTakeFirstOrThrow()).id;
      const newcomer = new Typist('newcomer', portals[1].baseURL, other, cookies[0]);
      typists.push(newcomer);
      newcomer.type('opened-without-redis', 0);
      await newcomer.settled();
      typists.pop();
      newcomer.destroy();
      // Away for longer than ioredis holds commands (20 reconnect attempts, about 10 s): it then rejects
      // every publish it held, which once killed both instances (an unhandled rejection in onChange).
      await waitFor(() => portals.every((p) => /a message was not published/.test(p.output()) || !p.alive()), 'both instances to give up the publishes Redis missed', 60_000, 100);
      expect(portals.map((p) => p.alive()), 'instances alive after ioredis gave up on Redis').toEqual([true, true]);
      // Edits are still acknowledged on both after that.
      for (const typist of [onFirst[0], onSecond[0]]) {
        typist.type(`after-give-up-${typist.name}`, 0);
        await typist.settled();
      }
    } finally {
      await typing.stop();
    }
    expect(portals.every((p) => p.alive())).toBe(true);

    await redis.start();
    // Relayed changes are pulled on the next change (each change publishes a sync step 1): keep typing briefly.
    typing = startTyping(typists, random, { cutConnections: false });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await typing.stop();
    await converged(typists, 90_000);
    const everything = new Set(typists.flatMap((t) => t.typed));
    for (const typist of typists) expect(tokensOf(typist.doc)).toEqual(everything);
    expect(tokensOf(docFromState(await loadMergedState(database.db, documentId)))).toEqual(everything);
  });
});
