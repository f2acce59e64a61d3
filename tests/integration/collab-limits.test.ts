import crypto from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { renderPlainText } from '../../app/content/render.server.ts';
import { countPendingUpdates, loadDocumentState, loadMergedState } from '../../app/models/document-state.server.ts';
import type { Db } from '../../db/client.server.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { destroyAllCollabClients, docFromState, openCollab, RawCollabSocket, rawSocket, signInCookie, sleep, socketOutcome, SYNC, syncMessage, waitFor, type CollabClient } from '../support/collab-client.ts';
import { serverConnectionUsers, storedBytes, collectGarbage, BH_TELECOM, STRATEGY_TITLE, useCollabPortal } from '../support/collab-portal.ts';
import { unique } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';

/**
 * Live co-drafting end to end: malformed and oversized messages, and the per-person connection cap.
 * Real HocuspocusProvider clients over real WebSockets against the real
 * portal (startPortal, in-process), signed in through the real /login form,
 * on every dialect; the shared setting is tests/support/collab-portal.ts.
 * Needs build/index.js.
 */

describe.each(dialects)('message limits over /collab on %s', (dialect) => {
  const live = useCollabPortal(dialect);
  let portal: Portal;
  let db: Db;
  const { cookies, ids, institution, newDocument, open } = live;
  beforeAll(() => {
    ({ portal, db } = live);
  });

  describe('malformed and oversized messages', () => {
    async function scene() {
      const { id } = await newDocument({ institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] });
      const good = await open('member', id);
      const earlier = `earlier-${unique()}`;
      good.doc.getText('probe').insert(0, earlier);
      await good.acknowledged();
      return { id, good, earlier };
    }

    async function expectUnharmed(id: string, good: CollabClient, earlier: string, rowsBefore: number) {
      // The normal provider is still connected and syncing.
      expect(good.closes).toEqual([]);
      const later = `later-${unique()}`;
      good.doc.getText('probe').insert(0, later);
      await good.acknowledged();
      const fresh = await open('private', id);
      expect(fresh.doc.getText('probe').toString()).toContain(later);
      expect(fresh.doc.getText('probe').toString()).toContain(earlier);
      // Stored state loads and holds everything; only the one good update was added.
      const { updates } = await loadDocumentState(db, id);
      for (const update of updates) expect(() => Y.decodeUpdate(update)).not.toThrow();
      expect(await countPendingUpdates(db, id)).toBeLessThanOrEqual(rowsBefore + 1);
      const stored = docFromState(await loadMergedState(db, id)).getText('probe').toString();
      expect(stored).toContain(earlier);
      expect(stored).toContain(later);
      const merged = await loadMergedState(db, id);
      expect(() => renderPlainText(docFromState(merged))).not.toThrow();
    }

    test('garbage bytes close that socket only', async () => {
      const { id, good, earlier } = await scene();
      const rowsBefore = await countPendingUpdates(db, id);
      const raw = await RawCollabSocket.open(portal.url, { cookie: cookies.private });
      expect(await raw.authenticate(id)).toBe('read-write');
      // A document name that claims to be 4 GiB long.
      raw.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]));
      await waitFor(() => raw.closed, 'the garbage socket to close');
      await expectUnharmed(id, good, earlier, rowsBefore);
    });

    test('a well-formed sync update carrying an undecodable Yjs update ends that connection, stores nothing', async () => {
      const { id, good, earlier } = await scene();
      const rowsBefore = await countPendingUpdates(db, id);
      const raw = await RawCollabSocket.open(portal.url, { cookie: cookies.private });
      expect(await raw.authenticate(id)).toBe('read-write');
      const garbage = new Uint8Array([1, 1, 5, 0, 4, 0, 0xff, 0xff, 0x7f]);
      expect(() => Y.decodeUpdate(garbage)).toThrow();
      raw.send(syncMessage(id, SYNC.update, garbage));
      await waitFor(() => raw.connectionEnded(id), 'the server to end that connection');
      expect(serverConnectionUsers(portal, id)).toEqual([ids.member]);
      // Nothing that socket sends for the document afterwards is applied.
      const after = new Y.Doc();
      after.getText('probe').insert(0, 'sent-after-reset');
      raw.send(syncMessage(id, SYNC.update, Y.encodeStateAsUpdate(after)));
      // A pong comes back only after the server has read every frame sent before the ping.
      await new Promise<void>((resolve) => {
        raw.ws.once('pong', () => resolve());
        raw.ws.once('close', () => resolve());
        raw.ws.ping();
      });
      // Then a later edit of the good client is acknowledged and a fresh client loads: had the update
      // read before them been accepted, it would be in the good client and in the stored state by now.
      await expectUnharmed(id, good, earlier, rowsBefore);
      expect(good.doc.getText('probe').toString()).not.toContain('sent-after-reset');
      raw.close();
      expect((await storedBytes(db, id)).includes('sent-after-reset')).toBe(false);
    });

    test('a valid sync update from a random client id is applied and stored like any other', async () => {
      // Control for the test above: the raw protocol is right, so the refusal was about the bytes.
      const { id, good } = await scene();
      const raw = await RawCollabSocket.open(portal.url, { cookie: cookies.private });
      expect(await raw.authenticate(id)).toBe('read-write');
      const other = new Y.Doc();
      other.getText('raw').insert(0, 'raw-protocol-edit');
      raw.send(syncMessage(id, SYNC.update, Y.encodeStateAsUpdate(other)));
      await waitFor(() => raw.messages.some((m) => m.type === 8 && m.detail === 1), 'the acknowledgement');
      await waitFor(() => good.doc.getText('raw').toString() === 'raw-protocol-edit', 'the other client to receive it');
      expect(docFromState(await loadMergedState(db, id)).getText('raw').toString()).toBe('raw-protocol-edit');
      raw.close();
    });

    test('a socket cannot make the server hoard messages for a document it never authenticated', async () => {
      // Hocuspocus queues every message for a document until that document's authentication
      // succeeds, with no limit; a signed-in socket that never authenticates can fill the memory.
      const { id } = await newDocument({ institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] });
      const gc = collectGarbage();
      const baseline = gc();
      const raw = await RawCollabSocket.open(portal.url, { cookie: cookies.private });
      const payload = crypto.randomBytes(1024 * 1024);
      const MESSAGES = 48;
      for (let i = 0; i < MESSAGES && !raw.closed; i++) raw.send(syncMessage(id, SYNC.update, payload));
      // A pong comes back only after the server has read every frame sent before the ping.
      if (!raw.closed) {
        await new Promise<void>((resolve) => {
          raw.ws.once('pong', () => resolve());
          raw.ws.once('close', () => resolve());
          raw.ws.ping();
        });
      }
      await sleep(100);
      const held = gc() - baseline;
      const stillOpen = raw.closed === null;
      raw.close();
      await sleep(100);
      const afterClose = gc() - baseline;
      const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
      expect(
        !stillOpen || held < 16 * 1024 * 1024,
        `the server held ${mib(held)} MiB for one open socket that never authenticated (${mib(afterClose)} MiB once it closed)`,
      ).toBe(true);
    });

    test('a message over 2 MiB closes that socket (1009) and stores nothing', async () => {
      const { id, good, earlier } = await scene();
      const rowsBefore = await countPendingUpdates(db, id);
      const raw = await RawCollabSocket.open(portal.url, { cookie: cookies.private });
      expect(await raw.authenticate(id)).toBe('read-write');
      const big = new Y.Doc();
      big.getText('probe').insert(0, `huge-${crypto.randomBytes(1_600_000).toString('base64')}`);
      const message = syncMessage(id, SYNC.update, Y.encodeStateAsUpdate(big));
      expect(message.length).toBeGreaterThan(2 * 1024 * 1024);
      raw.send(message);
      await waitFor(() => raw.closed, 'the oversized socket to close');
      expect(raw.closed?.code).toBe(1009);
      await expectUnharmed(id, good, earlier, rowsBefore);
      expect((await storedBytes(db, id)).includes('huge-')).toBe(false);
    });
  });
});

describe.each(dialects)('connection limits on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  let cookie: string;
  let documentId: string;

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database, { COLLAB_MAX_CONNECTIONS_PER_USER: '2' }));
    cookie = await signInCookie(portal.url, 'member@demo.example', DEMO_PASSWORD);
    documentId = (await portal.services.db.selectFrom('document').select('id').where('title', '=', STRATEGY_TITLE).executeTakeFirstOrThrow()).id;
  });

  afterAll(async () => {
    destroyAllCollabClients();
    await portal?.close();
    await database?.cleanup();
  });

  test('the third socket of one person is closed at once with 4429 "too-many-connections"; a closed one frees its place', async () => {
    const first = await openCollab({ baseURL: portal.url, documentName: documentId, cookie });
    const second = await openCollab({ baseURL: portal.url, documentName: documentId, cookie });
    expect(await socketOutcome(portal.url, { cookie })).toEqual({ kind: 'closed', code: 4429, reason: 'too-many-connections' });
    // Another person is not affected by this one's cap.
    const other = await rawSocket(portal.url, { cookie: await signInCookie(portal.url, 'private@demo.example', DEMO_PASSWORD) });
    expect(other.ok).toBe(true);
    if (other.ok) other.ws.terminate();

    first.destroy();
    const third = await waitFor(async () => {
      const attempt = await socketOutcome(portal.url, { cookie }, undefined, 200);
      if (attempt.kind === 'closed') return null;
      return attempt;
    }, 'a place to be freed');
    expect(third.kind).toBe('open');
    if (third.kind === 'open') third.ws.terminate();
    expect(second.provider.isSynced).toBe(true);
    second.destroy();
  });

  test('upgrades abandoned by the client before they complete do not use up the person’s places', async () => {
    // A tab closed or reloaded while its socket is still being accepted (the session lookup is async).
    const before = await waitFor(async () => {
      const attempt = await socketOutcome(portal.url, { cookie }, undefined, 200);
      return attempt.kind === 'open' ? attempt : null;
    }, 'a free place before the test');
    before.ws.close();
    await waitFor(() => before.ws.readyState === before.ws.CLOSED, 'the baseline socket to close');
    await sleep(100);
    const { host } = new URL(portal.url);
    for (let i = 0; i < 10; i++) {
      await new Promise<void>((resolve, reject) => {
        const tcp = net.connect({ host: '127.0.0.1', port: Number(new URL(portal.url).port) }, () => {
          tcp.write(
            [
              'GET /collab HTTP/1.1',
              `Host: ${host}`,
              'Upgrade: websocket',
              'Connection: Upgrade',
              `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}`,
              'Sec-WebSocket-Version: 13',
              `Cookie: ${cookie}`,
              '',
              '',
            ].join('\r\n'),
            () => {
              tcp.resetAndDestroy();
              resolve();
            },
          );
        });
        tcp.on('error', reject);
      });
    }
    await sleep(300);
    const outcome = await socketOutcome(portal.url, { cookie });
    if (outcome.kind === 'open') outcome.ws.terminate();
    expect(outcome, 'a fresh socket after ten abandoned upgrades (the cap is 2)').toMatchObject({ kind: 'open' });
  });
});
