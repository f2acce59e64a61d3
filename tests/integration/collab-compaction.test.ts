import { beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import * as Y from 'yjs';
import { appendDocumentUpdate, compactDocument, countPendingUpdates, loadMergedState } from '../../app/models/document-state.server.ts';
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
      if (dialect === 'postgres') {
        // Pin the interleaving: the tail is locked (so the load's tail query waits) until a compaction,
        // committed in that same transaction exactly as compactDocument does it, has folded the tail
        // into the snapshot; the load's snapshot query is not held up.
        const compacting = database.db.transaction().execute(async (trx) => {
          await sql`lock table "documentUpdate" in access exclusive mode`.execute(trx);
          await waitFor(
            async () => {
              const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%documentUpdate%'`.execute(database.db);
              return rows[0].n > 0;
            },
            'the load to wait for the tail',
          );
          const snapshot = await trx.selectFrom('documentSnapshot').select('state').where('documentId', '=', id).forUpdate().executeTakeFirstOrThrow();
          const rows = await trx.selectFrom('documentUpdate').select(['id', 'data']).where('documentId', '=', id).orderBy('id').execute();
          const merged = Y.mergeUpdates([new Uint8Array(snapshot.state), ...rows.map((r) => new Uint8Array(r.data))]);
          await trx.updateTable('documentSnapshot').set({ state: Buffer.from(merged), stateVector: Buffer.from(Y.encodeStateVectorFromUpdate(merged)) }).where('documentId', '=', id).execute();
          await trx.deleteFrom('documentUpdate').where('id', 'in', rows.map((r) => r.id)).execute();
        });
        const client = await open('member', id);
        await compacting;
        expect(client.doc.getArray<number>('n').length, 'edits the loading client got (snapshot read before the compaction, tail read after it)').toBe(20);
      } else {
        // One SQLite connection serialises every query of the portal: a load and a compaction cannot interleave.
        const [client] = await Promise.all([open('member', id), compactDocument(db, id)]);
        expect(client.doc.getArray<number>('n').length).toBe(20);
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
          await sleep(300);
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
