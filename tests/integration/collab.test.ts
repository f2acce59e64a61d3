import crypto from 'node:crypto';
import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import * as Y from 'yjs';
import type { CollabServer } from '../../app/collab/collab-server.server.ts';
import { renderPlainText, stateFromMarkdown } from '../../app/collab/render.server.ts';
import {
  appendDocumentUpdate,
  compactDocument,
  countPendingUpdates,
  loadDocumentState,
  loadMergedState,
} from '../../app/models/document-state.server.ts';
import { createDocument, listDocuments, updateDocumentSettings, type DocumentFields, type Participants } from '../../app/models/document.server.ts';
import { getPersonActor, listPeople, setPersonActive } from '../../app/models/person.server.ts';
import type { Db } from '../../db/client.server.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import {
  authMessage,
  destroyAllCollabClients,
  docFromState,
  openCollab,
  RawCollabSocket,
  rawSocket,
  signInCookie,
  sleep,
  socketOutcome,
  SYNC,
  syncMessage,
  typeIntoFirstParagraph,
  waitFor,
  type CollabClient,
} from '../support/collab-client.ts';
import { unique } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';

/**
 * Live co-drafting end to end: real HocuspocusProvider clients over real
 * WebSockets against the real portal (startPortal, in-process), signed in
 * through the real /login form, on every dialect. Needs build/index.js.
 */

const STRATEGY_TITLE = 'Cybersecurity Strategy of Bosnia and Herzegovina (working draft)';
const EMAILS = ['member', 'private', 'observer', 'academic', 'civil', 'secretariat'] as const;
type Who = (typeof EMAILS)[number];

function collabOf(portal: Portal): CollabServer {
  return portal.services.collab as CollabServer;
}

/** The user ids of the connections the server holds for a document right now. */
function serverConnectionUsers(portal: Portal, documentId: string): string[] {
  const document = collabOf(portal).hocuspocus.documents.get(documentId);
  if (!document) return [];
  return document.getConnections().map((c) => (c.context as { socket?: { userId: string } }).socket?.userId ?? '?');
}

function serverDoc(portal: Portal, documentId: string): Y.Doc | undefined {
  return collabOf(portal).hocuspocus.documents.get(documentId);
}

/** Every byte stored for a document (snapshot and tail), to prove a marker never reached the database. */
async function storedBytes(db: Db, documentId: string): Promise<Buffer> {
  const { snapshot, updates } = await loadDocumentState(db, documentId);
  return Buffer.concat([snapshot ?? new Uint8Array(), ...updates].map((u) => Buffer.from(u)));
}

/**
 * better-sqlite3 answers synchronously, so a loop of awaited queries never lets timers or
 * sockets run; background loops yield explicitly.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Forces a full garbage collection and returns the bytes held in ArrayBuffers (Buffers) afterwards. */
function collectGarbage(): () => number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
    return process.memoryUsage().arrayBuffers;
  };
}

function sortedStateVector(doc: Y.Doc): [number, number][] {
  return [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]);
}

describe.each(dialects)('live co-drafting over /collab on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  let db: Db;
  const cookies = {} as Record<Who, string>;
  const ids = {} as Record<Who, string>;
  const institutions = new Map<string, string>();
  let strategyId: string;

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database, { COLLAB_REVALIDATE_MS: '300', COLLAB_COMPACT_EVERY: '5' }));
    db = portal.services.db;
    const people = await listPeople(db, { includeDeactivated: true });
    for (const who of EMAILS) {
      const person = people.find((p) => p.email === `${who}@demo.example`);
      if (!person) throw new Error(`demo person ${who} missing`);
      ids[who] = person.id;
      institutions.set(person.institutionName, person.institutionId);
    }
    await Promise.all(EMAILS.map(async (who) => (cookies[who] = await signInCookie(portal.url, `${who}@demo.example`, DEMO_PASSWORD))));
    const strategy = await db.selectFrom('document').select('id').where('title', '=', STRATEGY_TITLE).executeTakeFirstOrThrow();
    strategyId = strategy.id;
  });

  afterEach(() => destroyAllCollabClients());

  afterAll(async () => {
    destroyAllCollabClients();
    await portal?.close();
    await database?.cleanup();
  });

  const institution = (name: string) => {
    const id = institutions.get(name);
    if (!id) throw new Error(`institution ${name} unknown`);
    return id;
  };
  const MINISTRY_OF_SECURITY = 'Ministry of Security of Bosnia and Herzegovina';
  const BH_TELECOM = 'BH Telecom';
  const E_TRANSFORMACIJA = 'e-Transformacija association';

  /** A fresh document owned by the Ministry of Security (member@ edits as owner). */
  async function newDocument(
    participants: Participants,
    fields: Partial<DocumentFields> = {},
    text = 'Opening paragraph of a collaboration test document.',
  ): Promise<{ id: string; fields: DocumentFields }> {
    const all: DocumentFields = {
      title: `Collab test ${unique()}`,
      type: 'strategy',
      language: 'en',
      summary: '',
      ownerInstitutionId: institution(MINISTRY_OF_SECURITY),
      tlp: 'AMBER',
      ...fields,
    };
    const state = stateFromMarkdown(text);
    const row = await createDocument(db, ids.secretariat, all, participants, state, renderPlainText(state));
    return { id: row.id, fields: all };
  }

  const open = (who: Who, documentName: string, options: { waitForSync?: boolean; doc?: Y.Doc } = {}) =>
    openCollab({ baseURL: portal.url, documentName, cookie: cookies[who], ...options });

  test('two editors converge: each edit reaches the other, and both end in the same state', async () => {
    const owner = await open('member', strategyId);
    const participant = await open('private', strategyId);
    expect(owner.scope).toBe('read-write');
    expect(participant.scope).toBe('read-write');
    // The server sent the seeded draft to both.
    expect(owner.doc.get('root', Y.XmlText).length).toBeGreaterThan(0);
    expect(owner.doc.get('root', Y.XmlText).toString()).toBe(participant.doc.get('root', Y.XmlText).toString());

    owner.doc.getText('probe').insert(0, 'owner-wrote ');
    participant.doc.getText('probe').insert(0, 'participant-wrote ');
    typeIntoFirstParagraph(owner.doc, 'converge-owner');
    typeIntoFirstParagraph(participant.doc, 'converge-participant');
    await Promise.all([owner.acknowledged(), participant.acknowledged()]);

    await waitFor(
      () => owner.doc.getText('probe').toString() === participant.doc.getText('probe').toString() && owner.doc.getText('probe').length > 20,
      'both editors to see both probe edits',
    );
    for (const client of [owner, participant]) {
      expect(client.doc.getText('probe').toString()).toContain('owner-wrote');
      expect(client.doc.getText('probe').toString()).toContain('participant-wrote');
    }
    await waitFor(() => JSON.stringify(sortedStateVector(owner.doc)) === JSON.stringify(sortedStateVector(participant.doc)), 'equal state vectors');
    expect(owner.doc.get('root', Y.XmlText).toJSON()).toEqual(participant.doc.get('root', Y.XmlText).toJSON());
    const text = renderPlainText(owner.doc);
    expect(text).toContain('converge-owner');
    expect(text).toContain('converge-participant');
    expect(renderPlainText(participant.doc)).toBe(text);

    // Acknowledged means stored: the database already holds both edits.
    const stored = docFromState(await loadMergedState(db, strategyId));
    expect(stored.getText('probe').toString()).toBe(owner.doc.getText('probe').toString());
    expect(renderPlainText(stored)).toBe(text);
  });

  test('an observer is read-only: its change is never applied nor stored, yet it receives edits', async () => {
    const editor = await open('member', strategyId);
    const observer = await open('observer', strategyId);
    expect(observer.scope).toBe('readonly');
    await observer.acknowledged();
    // Settle the tail so that any new row would show.
    await compactDocument(db, strategyId);
    await waitFor(async () => (await countPendingUpdates(db, strategyId)) === 0, 'an empty tail');
    const rowsBefore = await countPendingUpdates(db, strategyId);
    const marker = `observer-marker-${unique()}`;

    const refusedBefore = observer.syncStatuses.filter((s) => !s).length;
    observer.doc.getText('observer-probe').insert(0, marker);
    typeIntoFirstParagraph(observer.doc, marker);
    await waitFor(() => observer.syncStatuses.filter((s) => !s).length >= refusedBefore + 2, 'the server to refuse both observer updates');
    expect(observer.provider.unsyncedChanges).toBeGreaterThan(0);
    // The refusal is sent after the storage hook has run: nothing was appended.
    expect(await countPendingUpdates(db, strategyId)).toBe(rowsBefore);

    // An edit after the observer's: once the observer has it, the server has long handled the observer's messages.
    editor.doc.getText('probe').insert(0, 'after-observer ');
    await editor.acknowledged();
    await waitFor(() => observer.doc.getText('probe').toString().startsWith('after-observer '), 'the observer to receive the editor’s edit');

    expect(editor.doc.getText('observer-probe').toString()).toBe('');
    expect(renderPlainText(editor.doc)).not.toContain(marker);
    expect(serverDoc(portal, strategyId)?.getText('observer-probe').toString()).toBe('');
    expect((await storedBytes(db, strategyId)).includes(marker)).toBe(false);
    expect(renderPlainText(docFromState(await loadMergedState(db, strategyId)))).not.toContain(marker);

    // Reconnecting sends the observer's whole state as sync step 2: refused as well.
    observer.socket.disconnect();
    await waitFor(() => !observer.provider.isSynced, 'the observer to go offline');
    const refusedBeforeReconnect = observer.syncStatuses.filter((s) => !s).length;
    await observer.socket.connect();
    await waitFor(() => observer.provider.isSynced && observer.syncStatuses.filter((s) => !s).length > refusedBeforeReconnect, 'the observer’s step 2 to be refused');
    editor.doc.getText('probe').insert(0, 'after-reconnect ');
    await editor.acknowledged();
    await waitFor(() => observer.doc.getText('probe').toString().startsWith('after-reconnect '), 'the reconnected observer to receive edits');
    expect(editor.doc.getText('observer-probe').toString()).toBe('');
    expect(serverDoc(portal, strategyId)?.getText('observer-probe').toString()).toBe('');
    expect((await storedBytes(db, strategyId)).includes(marker)).toBe(false);
  });

  describe('refusals', () => {
    test('a member of an institution outside an AMBER+STRICT document gets authenticationFailed "forbidden", and no content', async () => {
      const { id } = await newDocument({ institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] }, { tlp: 'AMBER+STRICT' }, 'Strictly internal words.');
      const outsider = await open('academic', id, { waitForSync: false });
      await waitFor(() => outsider.authenticationFailures.length > 0, 'authenticationFailed');
      expect(outsider.authenticationFailures).toEqual(['forbidden']);
      await sleep(300);
      expect(outsider.provider.isSynced).toBe(false);
      expect(outsider.scope).toBeNull();
      expect(outsider.doc.get('root', Y.XmlText).length).toBe(0);
      expect(serverConnectionUsers(portal, id)).not.toContain(ids.academic);

      // The same person on a document their institution takes part in is let in: the refusal was about access.
      const allowed = await open('private', id);
      expect(allowed.scope).toBe('read-write');
    });

    test('a socket without a valid session is closed at once with 4401 "unauthorized", and a provider without one never syncs', async () => {
      // Accepted, then closed: a browser can read a close code, never the status of a refused upgrade.
      expect(await socketOutcome(portal.url, {})).toEqual({ kind: 'closed', code: 4401, reason: 'unauthorized' });
      expect(await socketOutcome(portal.url, { cookie: 'better-auth.session_token=forged.value' })).toEqual({ kind: 'closed', code: 4401, reason: 'unauthorized' });
      // Nothing it sends first is looked at.
      const eager = await rawSocket(portal.url, {});
      if (!eager.ok) throw new Error(`unexpected HTTP ${eager.status}`);
      const raw = new RawCollabSocket(eager.ws);
      raw.send(authMessage(strategyId));
      await waitFor(() => raw.closed, 'the anonymous socket to close');
      expect(raw.messages).toEqual([]);

      const anonymous = await openCollab({ baseURL: portal.url, documentName: strategyId, waitForSync: false });
      await waitFor(() => anonymous.closes.some((c) => c.code === 4401 && c.reason === 'unauthorized'), 'the close 4401 of the anonymous provider');
      await sleep(300);
      expect(anonymous.provider.isSynced).toBe(false);
      expect(anonymous.scope).toBeNull();
      expect(anonymous.doc.get('root', Y.XmlText).length).toBe(0);
    });

    test('a socket whose Origin is another host is refused with 403; the portal’s own origin is accepted', async () => {
      expect(await rawSocket(portal.url, { cookie: cookies.member, origin: 'http://evil.example' })).toEqual({ ok: false, status: 403 });
      expect(await rawSocket(portal.url, { cookie: cookies.member, origin: `http://evil.example:${new URL(portal.url).port}` })).toEqual({ ok: false, status: 403 });
      const same = await rawSocket(portal.url, { cookie: cookies.member, origin: new URL(portal.url).origin });
      expect(same.ok).toBe(true);
      if (same.ok) same.ws.terminate();
    });

    test('a path other than /collab is refused with 404', async () => {
      for (const other of ['/', '/collab/x', '/collabx', '/dashboard']) {
        expect(await rawSocket(portal.url, { cookie: cookies.member }, other), other).toEqual({ ok: false, status: 404 });
      }
      // A query string is still /collab.
      const withQuery = await rawSocket(portal.url, { cookie: cookies.member }, '/collab?x=1');
      expect(withQuery.ok).toBe(true);
      if (withQuery.ok) withQuery.ws.terminate();
    });
  });

  describe('permissions changed while connected (revalidated every 300 ms)', () => {
    const deadline = 3_000;

    async function editorsOn(documentId: string) {
      const owner = await open('member', documentId);
      const participant = await open('private', documentId);
      expect(participant.scope).toBe('read-write');
      return { owner, participant };
    }

    async function expectCutOff(cut: CollabClient, owner: CollabClient, documentId: string, userId: string) {
      const started = Date.now();
      await waitFor(() => cut.closes.some((c) => c.reason === 'access-revoked'), 'the close with reason access-revoked', deadline);
      expect(Date.now() - started).toBeLessThan(deadline);
      expect(cut.provider.isSynced).toBe(false);
      expect(serverConnectionUsers(portal, documentId)).not.toContain(userId);
      expect(serverConnectionUsers(portal, documentId)).toContain(ids.member);

      // They no longer receive edits ...
      const after = `after-revocation-${unique()}`;
      owner.doc.getText('probe').insert(0, after);
      await owner.acknowledged();
      const witness = await open('member', documentId);
      expect(witness.doc.getText('probe').toString()).toContain(after);
      await sleep(300);
      expect(cut.doc.getText('probe').toString()).not.toContain(after);
      // ... and what they still type goes nowhere.
      const late = `late-edit-${unique()}`;
      cut.doc.getText('probe').insert(0, late);
      await sleep(400);
      expect(serverDoc(portal, documentId)?.getText('probe').toString()).not.toContain(late);
      expect(witness.doc.getText('probe').toString()).not.toContain(late);
      expect((await storedBytes(db, documentId)).includes(late)).toBe(false);
    }

    test('an institution removed from the participants is disconnected within seconds', async () => {
      const { id, fields } = await newDocument({ institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] });
      const { owner, participant } = await editorsOn(id);
      participant.doc.getText('probe').insert(0, 'before-removal ');
      await participant.acknowledged();

      await updateDocumentSettings(db, ids.secretariat, id, fields, { institutions: [], people: [] });
      await expectCutOff(participant, owner, id, ids.private);
      // What they wrote while allowed stays.
      expect(docFromState(await loadMergedState(db, id)).getText('probe').toString()).toContain('before-removal');
    });

    test('a document reclassified RED (named people only) disconnects everyone else', async () => {
      const { id, fields } = await newDocument({ institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] });
      const { owner, participant } = await editorsOn(id);
      await updateDocumentSettings(db, ids.secretariat, id, { ...fields, tlp: 'RED' }, {
        institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }],
        people: [{ userId: ids.member, access: 'edit' }],
      });
      await expectCutOff(participant, owner, id, ids.private);
      expect(owner.closes).toEqual([]);
    });

    test('a participant downgraded to comment is sent back to reconnect ("access-changed") and is read-only from then on', async () => {
      const { id, fields } = await newDocument({ institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] });
      const { owner, participant } = await editorsOn(id);
      participant.doc.getText('probe').insert(0, 'while-editor ');
      await participant.acknowledged();
      const started = Date.now();
      await updateDocumentSettings(db, ids.secretariat, id, fields, { institutions: [{ institutionId: institution(BH_TELECOM), access: 'comment' }], people: [] });
      await waitFor(() => participant.closes.some((c) => c.reason === 'access-changed'), 'the close with reason access-changed', deadline);
      await waitFor(() => participant.scope === 'readonly' && participant.provider.isSynced, 'the reconnected participant to be read-only', deadline);
      expect(Date.now() - started).toBeLessThan(deadline);
      expect(participant.closes.map((c) => c.reason)).not.toContain('access-revoked');
      const connections = collabOf(portal).hocuspocus.documents.get(id)!.getConnections();
      const theirs = connections.filter((c) => (c.context as { socket?: { userId: string } }).socket?.userId === ids.private);
      expect(theirs.map((c) => c.readOnly)).toEqual([true]);

      const refused = participant.syncStatuses.filter((s) => !s).length;
      const marker = `downgraded-${unique()}`;
      participant.doc.getText('probe').insert(0, marker);
      await waitFor(() => participant.syncStatuses.filter((s) => !s).length > refused, 'the refusal of the downgraded edit');
      owner.doc.getText('probe').insert(0, 'owner-after-downgrade ');
      await owner.acknowledged();
      await waitFor(() => participant.doc.getText('probe').toString().includes('owner-after-downgrade'), 'the downgraded participant to keep receiving edits');
      expect(owner.doc.getText('probe').toString()).not.toContain(marker);
      expect(owner.doc.getText('probe').toString()).toContain('while-editor');
      expect((await storedBytes(db, id)).includes(marker)).toBe(false);

      // And back to edit: reconnected read-write, and new edits are stored again.
      await updateDocumentSettings(db, ids.secretariat, id, fields, { institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] });
      await waitFor(() => participant.closes.filter((c) => c.reason === 'access-changed').length >= 2, 'the second access-changed', deadline);
      await waitFor(() => participant.scope === 'read-write' && participant.provider.isSynced, 'the participant to be an editor again', deadline);
      participant.doc.getText('probe').insert(0, 'editor-again ');
      await participant.acknowledged();
      expect(docFromState(await loadMergedState(db, id)).getText('probe').toString()).toContain('editor-again');
    });

    test('a deactivated person is disconnected within seconds', async () => {
      const { id } = await newDocument({ institutions: [{ institutionId: institution(E_TRANSFORMACIJA), access: 'edit' }], people: [] });
      const owner = await open('member', id);
      const civil = await open('civil', id);
      expect(civil.scope).toBe('read-write');
      await setPersonActive(db, ids.secretariat, ids.civil, false);
      await expectCutOff(civil, owner, id, ids.civil);
      // The session is gone too: a new socket is closed at once.
      expect(await socketOutcome(portal.url, { cookie: cookies.civil })).toEqual({ kind: 'closed', code: 4401, reason: 'unauthorized' });
    });
  });

  test('an edit through a provider becomes searchable within seconds, only for people who may read the document', async () => {
    const { id } = await newDocument({ institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] }, { tlp: 'AMBER' });
    const word = `quokka${dialect}${unique()}`;
    const reader = (await getPersonActor(db, ids.private))!;
    const outsider = (await getPersonActor(db, ids.academic))!;
    expect(await listDocuments(db, reader, { query: word })).toEqual([]);

    const editor = await open('member', id);
    typeIntoFirstParagraph(editor.doc, word);
    await editor.acknowledged();
    const started = Date.now();
    await waitFor(async () => (await listDocuments(db, reader, { query: word })).length > 0, `search to find ${word}`, 8_000, 100);
    expect((await listDocuments(db, reader, { query: word })).map((d) => d.id)).toEqual([id]);
    expect(Date.now() - started).toBeLessThan(8_000);
    const owner = (await getPersonActor(db, ids.member))!;
    expect((await listDocuments(db, owner, { query: word })).map((d) => d.id)).toEqual([id]);
    expect(await listDocuments(db, outsider, { query: word })).toEqual([]);
    expect(await listDocuments(db, outsider, { query: word.slice(0, 12) })).toEqual([]);
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
      await sleep(300);
      expect(good.doc.getText('probe').toString()).not.toContain('sent-after-reset');
      raw.close();
      await expectUnharmed(id, good, earlier, rowsBefore);
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
