import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { loadMergedState } from '../../app/models/document-state.server.ts';
import { destroyAllCollabClients, docFromState, openCollab, signInCookie, waitFor, type CollabClient } from '../support/collab-client.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { requireServerBuild } from '../support/portal-env.ts';

/**
 * "Acknowledged means stored": the real server runs as a child process
 * (`node --import tsx server.ts`), a real provider edits, and the process is
 * killed with SIGKILL the moment the provider sees the acknowledgement, so no
 * shutdown hook, unload or debounced store can run. A fresh client on a
 * restarted server, and the database itself, must still have every edit.
 */

const DEMO_PASSWORD = 'correct-horse-battery';

/**
 * Every test here starts Node processes that compile server.ts with tsx and migrate and seed a
 * database: seconds on an idle machine, far more on a loaded CI host. These limits are about the
 * host, not about the code under test; every wait inside is for an event, never for a time.
 */
const PROCESS_START_MS = 240_000;
const HOST_BOUND_TEST_MS = 600_000;
/** A client's first sync or acknowledgement, which on a fresh process includes loading the document. */
const CLIENT_WAIT_MS = 120_000;
const STRATEGY_TITLE = 'Cybersecurity Strategy of Bosnia and Herzegovina (working draft)';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Every child started by this file, so that none outlives it whatever fails. */
const children = new Set<ChildProcess>();

function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

interface PortalProcess {
  child: ChildProcess;
  baseURL: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function startPortalProcess(database: TestDatabase, port: number): Promise<PortalProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: path.resolve('.'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DATA_DIR: database.dir,
      DEMO_PASSWORD,
      SEED_DEMO: 'true',
      NODE_ENV: 'test',
      // 'portal listening' on stdout is the event that start-up waits for.
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      PUBLIC_URL: '',
      TRUST_PROXY: '',
      SMTP_URL: '',
      SIGN_IN_RATE_LIMIT: '1000',
      // Compaction must not be what makes edits durable: keep the whole tail.
      COLLAB_COMPACT_EVERY: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseURL = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the portal did not say it was listening within ${PROCESS_START_MS / 1000} s:\n${output}`));
    }, PROCESS_START_MS);
    const onData = () => {
      if (!output.includes('"msg":"portal listening"')) return;
      finish();
      resolve();
    };
    const onExit = () => {
      finish();
      reject(new Error(`the portal exited during start-up (${child.exitCode ?? child.signalCode}):\n${output}`));
    };
    const finish = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    // Registered after the collecting listener above, so `output` already holds the chunk.
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
  const health = await fetch(`${baseURL}/healthz`);
  if (health.status !== 200) throw new Error(`the portal is listening but /healthz answered ${health.status}:\n${output}`);
  return { child, baseURL, output: () => output, exited };
}

/** Kills the portal with SIGKILL in the same tick as the provider learns its changes were acknowledged. */
function killOnAcknowledgement(client: CollabClient, portal: PortalProcess): Promise<void> {
  return new Promise((resolve) => {
    const onChange = ({ number }: { number: number }) => {
      if (number !== 0) return;
      client.provider.off('unsyncedChanges', onChange);
      portal.child.kill('SIGKILL');
      resolve();
    };
    client.provider.on('unsyncedChanges', onChange);
  });
}

describe.each(dialects)('acknowledged edits survive SIGKILL on %s', (dialect) => {
  let database: TestDatabase;
  let port: number;
  let portal: PortalProcess | null = null;
  let documentId: string;

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    port = await freePort();
  });

  afterEach(() => destroyAllCollabClients());

  afterAll(async () => {
    destroyAllCollabClients();
    await stop();
    killAll();
    await database?.cleanup();
  });

  async function stop(): Promise<void> {
    if (portal && portal.child.exitCode === null && portal.child.signalCode === null) {
      portal.child.kill('SIGKILL');
      await portal.exited;
    }
  }

  /** (Re)starts the portal on the same database and port; one sign-in per start. */
  async function start(): Promise<{ cookie: string }> {
    await stop();
    portal = await startPortalProcess(database, port);
    documentId ??= (await database.db.selectFrom('document').select('id').where('title', '=', STRATEGY_TITLE).executeTakeFirstOrThrow()).id;
    return { cookie: await signInCookie(portal.baseURL, 'member@demo.example', DEMO_PASSWORD) };
  }

  async function crash(client: CollabClient, edit: () => void): Promise<void> {
    const killed = killOnAcknowledgement(client, portal!);
    edit();
    expect(client.provider.unsyncedChanges).toBeGreaterThan(0);
    await killed;
    expect(await portal!.exited).toBeNull();
    expect(portal!.child.signalCode).toBe('SIGKILL');
    // The old client must not bring the edits back by reconnecting to the restarted server.
    client.destroy();
  }

  test('one edit, killed at its acknowledgement, is there after a restart', { timeout: HOST_BOUND_TEST_MS }, async () => {
    const { cookie } = await start();
    const writer = await openCollab({ baseURL: portal!.baseURL, documentName: documentId, cookie, timeoutMs: CLIENT_WAIT_MS });
    await writer.acknowledged(CLIENT_WAIT_MS);
    const marker = `durable-single-${dialect}`;
    await crash(writer, () => writer.doc.getText('durable').insert(0, marker));

    const stored = docFromState(await loadMergedState(database.db, documentId));
    expect(stored.getText('durable').toString()).toBe(marker);

    const { cookie: again } = await start();
    const reader = await openCollab({ baseURL: portal!.baseURL, documentName: documentId, cookie: again, timeoutMs: CLIENT_WAIT_MS });
    expect(reader.doc.getText('durable').toString()).toBe(marker);
  });

  test('a burst of 50 edits, killed at the last acknowledgement, is there in full after a restart', { timeout: HOST_BOUND_TEST_MS }, async () => {
    // Carry on with the portal the previous test restarted (each start costs seconds).
    const running = portal && portal.child.exitCode === null && portal.child.signalCode === null;
    const { cookie } = running ? { cookie: await signInCookie(portal!.baseURL, 'member@demo.example', DEMO_PASSWORD) } : await start();
    const writer = await openCollab({ baseURL: portal!.baseURL, documentName: documentId, cookie, timeoutMs: CLIENT_WAIT_MS });
    await writer.acknowledged(CLIENT_WAIT_MS);
    const before = writer.doc.getText('durable').toString();
    const BURST = 50;
    await crash(writer, () => {
      const items = writer.doc.getArray<string>('burst');
      const text = writer.doc.getText('durable');
      // 50 separate changes, so 50 separate update messages.
      for (let i = 0; i < BURST; i++) {
        if (i % 2 === 0) items.push([`edit-${i}`]);
        else text.insert(text.length, ` edit-${i}`);
      }
    });
    const expectedItems = Array.from({ length: BURST / 2 }, (_, k) => `edit-${2 * k}`);
    const expectedText = before + Array.from({ length: BURST / 2 }, (_, k) => ` edit-${2 * k + 1}`).join('');

    const stored = docFromState(await loadMergedState(database.db, documentId));
    expect(stored.getArray<string>('burst').toArray()).toEqual(expectedItems);
    expect(stored.getText('durable').toString()).toBe(expectedText);

    const { cookie: again } = await start();
    const reader = await openCollab({ baseURL: portal!.baseURL, documentName: documentId, cookie: again, timeoutMs: CLIENT_WAIT_MS });
    expect(reader.doc.getArray<string>('burst').toArray()).toEqual(expectedItems);
    expect(reader.doc.getText('durable').toString()).toBe(expectedText);

    // Two clients bursting at once; killed in the tick the last of both acknowledgements arrives.
    const other = await openCollab({ baseURL: portal!.baseURL, documentName: documentId, cookie: await signInCookie(portal!.baseURL, 'private@demo.example', DEMO_PASSWORD), timeoutMs: CLIENT_WAIT_MS });
    const killed = new Promise<void>((resolve) => {
      const check = () => {
        if (reader.provider.unsyncedChanges !== 0 || other.provider.unsyncedChanges !== 0) return;
        reader.provider.off('unsyncedChanges', check);
        other.provider.off('unsyncedChanges', check);
        portal!.child.kill('SIGKILL');
        resolve();
      };
      reader.provider.on('unsyncedChanges', check);
      other.provider.on('unsyncedChanges', check);
    });
    for (let i = 0; i < BURST; i++) {
      reader.doc.getArray<string>('pair').push([`r-${i}`]);
      other.doc.getArray<string>('pair').push([`o-${i}`]);
    }
    await killed;
    await portal!.exited;
    reader.destroy();
    other.destroy();
    const pair = new Set(docFromState(await loadMergedState(database.db, documentId)).getArray<string>('pair').toArray());
    for (let i = 0; i < BURST; i++) {
      expect(pair.has(`r-${i}`) && pair.has(`o-${i}`), `pair edit ${i}`).toBe(true);
    }
    expect(pair.size).toBe(2 * BURST);
  });
});

/** PostgreSQL only: what happens when the database drops the portal's connections (restart, failover, admin). */
describe.each(dialects.filter((d) => d === 'postgres'))('the portal process on %s', (dialect) => {
  let database: TestDatabase;
  let portal: PortalProcess | null = null;

  beforeAll(async () => {
    database = await createTestDatabase(dialect, { migrate: false });
  });

  afterAll(async () => {
    destroyAllCollabClients();
    if (portal && portal.child.exitCode === null && portal.child.signalCode === null) {
      portal.child.kill('SIGKILL');
      await portal.exited;
    }
    killAll();
    await database?.cleanup();
  });

  test('survives PostgreSQL terminating its idle connections, and keeps serving edits', { timeout: HOST_BOUND_TEST_MS }, async () => {
    portal = await startPortalProcess(database, await freePort());
    const cookie = await signInCookie(portal.baseURL, 'member@demo.example', DEMO_PASSWORD);
    // Several requests at once leave several idle connections in the portal's pool.
    await Promise.all(Array.from({ length: 5 }, () => fetch(`${portal!.baseURL}/healthz`)));

    // This file's own pool (database.db) has not connected yet: only the portal's sessions are ended.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    let documentId: string;
    try {
      documentId = (await admin.query<{ id: string }>('SELECT id FROM document WHERE title = $1', [STRATEGY_TITLE])).rows[0].id;
      const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      expect(rows.length).toBeGreaterThan(0);
      const pids = rows.map((r) => r.pid);
      await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
      // Once the backends are gone, their goodbyes (FATAL, then EOF) are in the portal's sockets.
      await waitFor(
        async () => (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1::int[])', [pids])).rows[0].n === 0,
        'the terminated sessions to end',
        30_000,
      );
    } finally {
      await admin.end();
    }
    // A health check answered after those goodbyes means the portal's event loop has handled them.
    await waitFor(
      async () => portal!.child.exitCode !== null || portal!.child.signalCode !== null || (await fetch(`${portal!.baseURL}/healthz`).catch(() => null))?.status === 200,
      '/healthz to answer 200 again',
      30_000,
    );
    const alive = portal.child.exitCode === null && portal.child.signalCode === null;
    const crash = portal.output().split('\n').filter((line) => /error|throw|Uncaught|^\s+at /i.test(line)).slice(0, 8).join('\n');
    expect(alive, `the portal process died (exit ${portal.child.exitCode}):\n${crash}`).toBe(true);
    const client = await openCollab({ baseURL: portal.baseURL, documentName: documentId, cookie, timeoutMs: CLIENT_WAIT_MS });
    client.doc.getText('after-terminate').insert(0, 'still-durable');
    await client.acknowledged(CLIENT_WAIT_MS);
    expect(docFromState(await loadMergedState(database.db, documentId)).getText('after-terminate').toString()).toBe('still-durable');
  });
});
