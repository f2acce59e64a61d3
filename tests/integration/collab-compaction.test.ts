import { beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { appendDocumentUpdate, compactDocument, countPendingUpdates, loadDocumentStateHooks, loadMergedState } from '../../app/models/document-state.server.ts';
import type { Db } from '../../db/client.server.ts';
import type { Portal } from '../../server/portal.ts';
import { destroyAllCollabClients, docFromState, sleep, waitFor, type CollabClient } from '../support/collab-client.ts';
import { collabOf, yieldToEventLoop, BH_TELECOM, useCollabPortal } from '../support/collab-portal.ts';
import { dialects, type TestDatabase } from '../support/test-database.ts';

/**
 * Live co-drafting end to end: compaction of the update log while people type and load.
 * Real HocuspocusProvider clients over real WebSockets against the real
 * portal (startPortal, in-process), signed in through the real /login form,
 * on every dialect; the shared setting is tests/support/collab-portal.ts.
 * Needs build/index.js.
 */

describe.each(dialects)('compaction of live edits over /collab on %s', (dialect) => {
  const live = useCollabPortal(dialect);
  let database: TestDatabase;
  let portal: Portal;
  let db: Db;
  const { institution, newDocument, open } = live;
  beforeAll(() => {
    ({ database, portal, db } = live);
  });

  describe('compaction under concurrent edits', () => {
    test('two clients typing 200 updates each while the tail is compacted over and over lose nothing', async () => {
      const { id } = await newDocument({ institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] });
      const a = await open('member', id);
      const b = await open('private', id);
      const PER_CLIENT = 200;

      let typing = true;
      let directCompactions = 0;
      const compactor = (async () => {
        while (typing) {
          await compactDocument(db, id);
          directCompactions++;
          await sleep(2);
        }
      })();
      const type = async (client: CollabClient, tag: string) => {
        const items = client.doc.getArray<string>('items');
        const text = client.doc.getText('typed');
        for (let i = 0; i < PER_CLIENT; i++) {
          client.doc.transact(() => {
            items.push([`${tag}-${i}`]);
            // At a random token boundary, so that tokens are never split.
            const content = text.toString();
            const boundaries = [0, ...[...content.matchAll(/;/g)].map((m) => m.index + 1)];
            text.insert(boundaries[Math.floor(Math.random() * boundaries.length)], `${tag}${i};`);
          });
          if (i % 5 === 4) await sleep(1);
        }
      };
      await Promise.all([type(a, 'A'), type(b, 'B')]);
      await Promise.all([a.acknowledged(20_000), b.acknowledged(20_000)]);
      typing = false;
      await compactor;
      expect(directCompactions).toBeGreaterThanOrEqual(2);

      const expected = new Set([...Array.from({ length: PER_CLIENT }, (_, i) => `A-${i}`), ...Array.from({ length: PER_CLIENT }, (_, i) => `B-${i}`)]);
      const check = (doc: Y.Doc, what: string) => {
        const items = doc.getArray<string>('items').toArray();
        expect(new Set(items), what).toEqual(expected);
        expect(items.length, what).toBe(2 * PER_CLIENT);
        const typed = doc.getText('typed').toString();
        for (let i = 0; i < PER_CLIENT; i++) {
          expect(typed.includes(`A${i};`) && typed.includes(`B${i};`), `${what}: typed ${i}`).toBe(true);
        }
      };
      check(docFromState(await loadMergedState(db, id)), 'stored state');
      await compactDocument(db, id);
      expect(await countPendingUpdates(db, id)).toBe(0);
      check(docFromState(await loadMergedState(db, id)), 'stored state after a final compaction');
      await waitFor(() => a.doc.getArray('items').length === 2 * PER_CLIENT && b.doc.getArray('items').length === 2 * PER_CLIENT, 'both clients to converge');
      const fresh = await open('secretariat', id);
      check(fresh.doc, 'a fresh client');

      // And after the document was unloaded (last client gone) and loaded again from the database.
      destroyAllCollabClients();
      await waitFor(() => !collabOf(portal).hocuspocus.documents.has(id), 'the document to unload');
      const reloaded = await open('member', id);
      check(reloaded.doc, 'a client after reload');
    });

    test('appends racing compactions directly on the models lose nothing', async () => {
      const { id } = await newDocument({ institutions: [], people: [] });
      const writer = new Y.Doc();
      const updates: Uint8Array[] = [];
      writer.on('update', (update: Uint8Array) => updates.push(update));
      const COUNT = 300;
      let appending = true;
      const compactors = [0, 1].map(async () => {
        while (appending) {
          await compactDocument(db, id);
          await yieldToEventLoop();
        }
      });
      for (let i = 0; i < COUNT; i++) {
        writer.getArray<number>('n').push([i]);
        await appendDocumentUpdate(db, id, updates[i]);
      }
      appending = false;
      await Promise.all(compactors);
      const stored = docFromState(await loadMergedState(db, id)).getArray<number>('n').toArray();
      expect(stored).toEqual(Array.from({ length: COUNT }, (_, i) => i));
    });

    test('a document loaded while it is being compacted contains every update stored before the load', async () => {
      const { id } = await newDocument({ institutions: [], people: [] });
      const writer = new Y.Doc();
      const updates: Uint8Array[] = [];
      writer.on('update', (update: Uint8Array) => updates.push(update));
      let stored = 0;
      let running = true;
      const misses: string[] = [];
      const compactor = (async () => {
        while (running) {
          await compactDocument(db, id);
          await yieldToEventLoop();
        }
      })();
      const loader = (async () => {
        while (running) {
          await yieldToEventLoop();
          const mustContain = stored;
          const state = await loadMergedState(db, id);
          const seen = docFromState(state).getArray<number>('n').length;
          if (seen < mustContain) misses.push(`loaded ${seen} of ${mustContain} stored updates`);
        }
      })();
      for (let i = 0; i < 400; i++) {
        writer.getArray<number>('n').push([i]);
        await appendDocumentUpdate(db, id, updates[i]);
        stored = i + 1;
      }
      running = false;
      await Promise.all([compactor, loader]);
      expect(misses, `loadDocumentState read the snapshot and the tail in two separate queries: ${misses.slice(0, 3).join('; ')}`).toEqual([]);
    });

    test('a client whose load overlaps a compaction sees every stored edit', async () => {
      // What a page reload does: the last client leaves (unload → compaction) and a new one loads at once.
      const { id } = await newDocument({ institutions: [], people: [] });
      const writer = new Y.Doc();
      const updates: Uint8Array[] = [];
      writer.on('update', (update: Uint8Array) => updates.push(update));
      for (let i = 0; i < 20; i++) {
        writer.getArray<number>('n').push([i]);
        await appendDocumentUpdate(db, id, updates[i]);
      }
      // Pin the interleaving with a barrier in the load itself: the load has read the tail, and
      // before it reads the snapshot a whole compaction (the real one, on the test's own connection)
      // folds that tail into the snapshot and deletes it. Reading the other way round would miss all 20.
      let tailRead!: () => void;
      const loadHasReadTail = new Promise<void>((resolve) => (tailRead = resolve));
      let compacted!: () => void;
      const compactionCommitted = new Promise<void>((resolve) => (compacted = resolve));
      loadDocumentStateHooks.betweenReads = async (documentId) => {
        if (documentId !== id) return;
        tailRead();
        await compactionCommitted;
      };
      try {
        const loading = open('member', id);
        await Promise.race([
          loadHasReadTail,
          loading.then(() => {
            throw new Error('the client loaded the document without loadDocumentState reaching the barrier');
          }),
        ]);
        expect(await compactDocument(database.db, id), 'the compaction between the two reads of the load').toEqual({ merged: 20, dropped: 0 });
        expect(await countPendingUpdates(database.db, id)).toBe(0);
        compacted();
        const client = await loading;
        expect(client.doc.getArray<number>('n').length, 'edits the loading client got (tail read before the compaction, snapshot after it)').toBe(20);
      } finally {
        loadDocumentStateHooks.betweenReads = null;
        compacted();
      }
      expect(docFromState(await loadMergedState(db, id)).getArray<number>('n').length).toBe(20);
    });

    test('the document is unloaded when its last client leaves, even while the previous unload is still compacting', async () => {
      const { id } = await newDocument({ institutions: [], people: [] });
      const first = await open('member', id);
      first.doc.getText('probe').insert(0, 'first ');
      await first.acknowledged();

      // Hold the snapshot row so that the compaction of the coming unload has to wait.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = db.transaction().execute(async (trx) => {
        if (dialect === 'postgres') await trx.selectFrom('documentSnapshot').select('documentId').where('documentId', '=', id).forUpdate().execute();
        locked();
        await held;
      });
      await isLocked;
      try {
        first.destroy();
        await waitFor(() => !collabOf(portal).hocuspocus.documents.has(id), 'the first unload to begin');
        if (dialect === 'postgres') {
          // A second visit comes and goes while the first unload waits for the lock.
          const second = await open('secretariat', id);
          expect(second.doc.getText('probe').toString()).toBe('first ');
          second.destroy();
          // Its leave reached the server while the lock is still held: the unload it triggers overlaps the first.
          await waitFor(() => (collabOf(portal).hocuspocus.documents.get(id)?.getConnectionsCount() ?? 0) === 0, 'the server to see the second visit leave');
        }
      } finally {
        release();
        await holder;
      }
      await waitFor(() => !collabOf(portal).hocuspocus.documents.has(id), 'the document to be unloaded after its last client left', 3_000).catch(() => {
        throw new Error('the document stayed loaded with no client: Hocuspocus skipped its unload because the previous unload of the same name was still running (afterUnloadDocument compaction)');
      });
    });
  });
});
