import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createUpdateWriter } from '../../app/collab/update-writer.server.ts';
import { createDocument } from '../../app/models/document.server.ts';
import { appendDocumentUpdates, countPendingUpdates, loadDocumentState, loadMergedState, replaceDocumentSnapshot } from '../../app/models/document-state.server.ts';
import { makeInstitution, makePerson } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/** Group commit and compaction from the live document (docs/decisions/020). */

function initialState(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, 'start ');
  return Y.encodeStateAsUpdate(doc);
}

/** A document that types `count` characters, one update each. */
function typing(state: Uint8Array, count: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) doc.getText('body').insert(doc.getText('body').length, String.fromCharCode(97 + (i % 26)));
  return { doc, updates };
}

const textOf = (state: Uint8Array | null) => {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc.getText('body').toString();
};

describe.each(dialects)('collaboration storage on %s', (dialect) => {
  let database: TestDatabase;
  let owner: string;
  let authorId: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    owner = (await makeInstitution(database.db)).id;
    authorId = (await makePerson(database.db, { institutionId: owner, role: 'member' })).id;
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  let counter = 0;
  async function newDocument(state = initialState()) {
    const fields = { title: `Storage ${++counter}`, type: 'strategy' as const, language: 'en' as const, summary: '', ownerInstitutionId: owner, tlp: 'GREEN' as const };
    return (await createDocument(database.db, authorId, fields, { institutions: [], people: [] }, state)).id;
  }

  test('one batch stores the updates of several documents and gives each its ids', async () => {
    const [a, b] = [await newDocument(), await newDocument()];
    const edits = typing(initialState(), 3).updates;
    const ids = await appendDocumentUpdates(database.db, [
      { documentId: a, data: edits[0] },
      { documentId: b, data: edits[1] },
      { documentId: a, data: edits[2] },
    ]);
    expect(ids.get(a)).toHaveLength(2);
    expect(ids.get(b)).toHaveLength(1);
    expect(await countPendingUpdates(database.db, a)).toBe(2);
    expect(await countPendingUpdates(database.db, b)).toBe(1);
  });

  test('appends made in one turn share a commit, and each is answered only once its row is stored', async () => {
    // Both documents start from the same state the typing builds on, or its updates would wait for missing parents.
    const state = initialState();
    const [a, b] = [await newDocument(state), await newDocument(state)];
    const writer = createUpdateWriter(database.db);
    const forA = typing(state, 30);
    const forB = typing(state, 20);
    const answers = [...forA.updates.map((u) => writer.append(a, u)), ...forB.updates.map((u) => writer.append(b, u))];
    const ids = await Promise.all(answers);
    expect(new Set(ids.map(String)).size).toBe(50);
    expect(textOf(await loadMergedState(database.db, a))).toBe(forA.doc.getText('body').toString());
    expect(textOf(await loadMergedState(database.db, b))).toBe(forB.doc.getText('body').toString());
  });

  test('an append to a document that does not exist fails its whole batch, and stores none of it', async () => {
    const a = await newDocument();
    const writer = createUpdateWriter(database.db);
    const [update] = typing(initialState(), 1).updates;
    const results = await Promise.allSettled([writer.append(a, update), writer.append('no-such-document', update)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await countPendingUpdates(database.db, a)).toBe(0);
  });

  test('compaction from the live state replaces the snapshot and deletes exactly the rows it covers', async () => {
    const state = initialState();
    const id = await newDocument(state);
    const { doc, updates } = typing(state, 10);
    await appendDocumentUpdates(database.db, updates.map((data) => ({ documentId: id, data })));
    const { ids } = await loadDocumentState(database.db, id);
    // A row stored by someone else meanwhile (a restore, say) is not among those merged.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    let late: Uint8Array | null = null;
    other.on('update', (update: Uint8Array) => (late = update));
    other.getText('body').insert(0, 'late ');
    await appendDocumentUpdates(database.db, [{ documentId: id, data: late! }]);

    expect(await replaceDocumentSnapshot(database.db, id, Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc), ids)).toBe(true);
    expect(await countPendingUpdates(database.db, id)).toBe(1);
    expect(textOf(await loadMergedState(database.db, id))).toBe(`late ${doc.getText('body').toString()}`);
  });

  test('compaction from a live state that lacks what the stored snapshot has is refused and changes nothing', async () => {
    const state = initialState();
    const id = await newDocument(state);
    const ahead = typing(state, 5);
    // Someone else compacted updates this copy never saw into the snapshot.
    const merged = Y.encodeStateAsUpdate(ahead.doc);
    await replaceDocumentSnapshot(database.db, id, merged, Y.encodeStateVector(ahead.doc), []);
    const behind = new Y.Doc();
    Y.applyUpdate(behind, state);
    behind.getText('body').insert(0, 'x');
    expect(await replaceDocumentSnapshot(database.db, id, Y.encodeStateAsUpdate(behind), Y.encodeStateVector(behind), [])).toBe(false);
    expect(textOf(await loadMergedState(database.db, id))).toBe(ahead.doc.getText('body').toString());
  });
});
