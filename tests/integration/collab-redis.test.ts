import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderPlainText } from '../../app/content/render.server.ts';
import { parseRedisUrl } from '../../app/collab/redis-relay.server.ts';
import { loadMergedState } from '../../app/models/document-state.server.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { destroyAllCollabClients, docFromState, openCollab, signInCookie, typeIntoFirstParagraph, waitFor, type CollabClient } from '../support/collab-client.ts';
import { unique } from '../support/factories.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

describe('REDIS_URL', () => {
  test('reads host, port, credentials, database number and TLS', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379')).toEqual({ host: '127.0.0.1', port: 6379, options: {} });
    expect(parseRedisUrl('rediss://user:p%40ss@cache.example:6380/2')).toEqual({
      host: 'cache.example',
      port: 6380,
      options: { username: 'user', password: 'p@ss', db: 2, tls: {} },
    });
    expect(() => parseRedisUrl('http://cache.example')).toThrow(/redis:\/\//);
    expect(() => parseRedisUrl('redis://cache.example/zero')).toThrow(/database number/);
  });
});

/**
 * Two portal instances on one PostgreSQL database, relaying through Redis: a
 * person on each instance edits the same document and sees the other live.
 * Runs where CI runs it: with TEST_DATABASE_URL and REDIS_URL set.
 */
const REDIS_URL = process.env.REDIS_URL?.trim();
const twoInstances = process.env.TEST_DATABASE_URL && REDIS_URL ? ['postgres + redis'] : [];

describe.each(twoInstances)('two instances sharing live editing through %s', () => {
  let database: TestDatabase;
  let first: Portal;
  let second: Portal;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase('postgres', { migrate: false });
    // The first instance migrates and seeds; the second finds the database ready.
    first = await startPortal(portalEnv(database, { REDIS_URL: REDIS_URL! }));
    second = await startPortal(portalEnv(database, { REDIS_URL: REDIS_URL!, SEED_DEMO: 'false' }));
  });

  afterAll(async () => {
    destroyAllCollabClients();
    await first?.close();
    await second?.close();
    await database?.cleanup();
  });

  test('an edit made through one instance reaches a client of the other, and is stored once', async () => {
    const strategy = await database.db.selectFrom('document').select('id').where('type', '=', 'strategy').executeTakeFirstOrThrow();
    const [memberCookie, secretariatCookie] = await Promise.all([
      signInCookie(first.url, 'member@demo.example', DEMO_PASSWORD),
      signInCookie(second.url, 'secretariat@demo.example', DEMO_PASSWORD),
    ]);
    const onFirst = await openCollab({ baseURL: first.url, cookie: memberCookie, documentName: strategy.id });
    const onSecond = await openCollab({ baseURL: second.url, cookie: secretariatCookie, documentName: strategy.id });
    clients.push(onFirst, onSecond);

    const fromFirst = `relayed-${unique()}`;
    typeIntoFirstParagraph(onFirst.doc, fromFirst);
    await onFirst.acknowledged();
    await waitFor(() => renderPlainText(onSecond.doc).includes(fromFirst), 'the edit to reach the other instance', 10_000);

    const fromSecond = `answered-${unique()}`;
    typeIntoFirstParagraph(onSecond.doc, fromSecond);
    await onSecond.acknowledged();
    await waitFor(() => renderPlainText(onFirst.doc).includes(fromSecond), 'the reply to come back', 10_000);

    const stored = renderPlainText(docFromState(await loadMergedState(database.db, strategy.id)));
    expect(stored).toContain(fromFirst);
    expect(stored).toContain(fromSecond);
    // Each instance appends only what its own clients sent: one row per edit, not two.
    const rows = await database.db.selectFrom('documentUpdate').select('data').where('documentId', '=', strategy.id).execute();
    const withFirst = rows.filter((row) => Buffer.from(row.data).includes(Buffer.from(fromFirst)));
    expect(withFirst).toHaveLength(1);
  });
});
