import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { TLP_LABELS, type Role, type Tlp } from '../../db/schema.ts';
import { listAuditEvents } from '../../app/models/audit.server.ts';
import { createDocument, getDocumentAccessContext, listParticipants, updateDocumentSearchText, updateDocumentSettings } from '../../app/models/document.server.ts';
import { listDocuments } from '../../app/services/scoped-reads.server.ts';
import { appendDocumentUpdate, compactDocument, countPendingUpdates, loadDocumentState, loadMergedState } from '../../app/models/document-state.server.ts';
import { mayRead } from '../../app/policies/document-access.ts';
import type { Actor } from '../../app/policies/permissions.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { makeInstitution, makePerson, unique } from '../support/factories.ts';

function textState(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

function textOf(state: Uint8Array | null): string {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc.getText('body').toString();
}

describe.each(dialects)('documents on %s', (dialect) => {
  let database: TestDatabase;
  let owner: string;
  let partner: string;
  let outsider: string;
  let authorId: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    owner = (await makeInstitution(database.db)).id;
    partner = (await makeInstitution(database.db)).id;
    outsider = (await makeInstitution(database.db)).id;
    authorId = (await makePerson(database.db, { institutionId: owner, role: 'member' })).id;
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  async function newDocument(tlp: Tlp, extra: { people?: { userId: string; access: 'edit' | 'comment' | 'view' }[]; title?: string } = {}) {
    return createDocument(
      database.db,
      authorId,
      { title: extra.title ?? `Doc ${unique()}`, type: 'strategy', language: 'bs', summary: '', ownerInstitutionId: owner, tlp },
      { institutions: [{ institutionId: partner, access: 'comment' }, { institutionId: owner, access: 'comment' }], people: extra.people ?? [] },
      textState('hello'),
      'hello',
    );
  }

  test('creating a document writes it, its participants, its first state and an audit event together', async () => {
    const doc = await newDocument('AMBER');
    expect(doc.status).toBe('draft');
    const participants = await listParticipants(database.db, doc.id);
    // The owner institution is never listed as a participant of its own document.
    expect(participants.institutions.map((p) => p.institutionId)).toEqual([partner]);
    expect(textOf(await loadMergedState(database.db, doc.id))).toBe('hello');
    const audit = await listAuditEvents(database.db, { entityType: 'document', entityId: doc.id });
    expect(audit.map((a) => a.action)).toEqual(['document.create']);
  });

  test('lists show exactly the documents the TLP rules let each person read', async () => {
    const named = await makePerson(database.db, { institutionId: outsider, role: 'member' });
    const docs = [];
    for (const tlp of TLP_LABELS) docs.push(await newDocument(tlp, { people: tlp === 'RED' ? [{ userId: named.id, access: 'view' }] : [] }));
    const actors: Actor[] = [];
    for (const [role, institutionId] of [
      ['member', owner],
      ['member', partner],
      ['member', outsider],
      ['observer', outsider],
      ['secretariat', outsider],
      ['admin', outsider],
    ] as [Role, string][]) {
      const person = await makePerson(database.db, { institutionId, role });
      actors.push({ id: person.id, role, institutionId });
    }
    actors.push({ id: named.id, role: 'member', institutionId: outsider });
    for (const actor of actors) {
      const listed = new Set((await listDocuments(database.db, actor)).map((d) => d.id));
      for (const doc of docs) {
        const context = await getDocumentAccessContext(database.db, doc.id);
        expect(listed.has(doc.id), `${actor.role}@${actor.institutionId === owner ? 'owner' : actor.institutionId === partner ? 'partner' : 'outsider'} on TLP:${doc.tlp}`).toBe(mayRead(actor, context!));
      }
    }
  });

  test('search finds words of the title and of the text, by prefix, and treats query syntax as text', async () => {
    const doc = await newDocument('GREEN', { title: `Kritična infrastruktura ${unique()}` });
    await updateDocumentSearchText(database.db, doc.id, 'Operatori ključnih usluga prijavljuju incidente');
    const member: Actor = { id: authorId, role: 'member', institutionId: owner };
    expect((await listDocuments(database.db, member, { query: 'ključnih' })).map((d) => d.id)).toContain(doc.id);
    expect((await listDocuments(database.db, member, { query: 'prijavlj' })).map((d) => d.id)).toContain(doc.id);
    expect((await listDocuments(database.db, member, { query: 'Kritična' })).map((d) => d.id)).toContain(doc.id);
    expect((await listDocuments(database.db, member, { query: 'nothing-like-this-anywhere' })).map((d) => d.id)).not.toContain(doc.id);
    // FTS5 and tsquery operators in user input must not break the query.
    await expect(listDocuments(database.db, member, { query: '"incid* OR NEAR( & | !' })).resolves.toBeInstanceOf(Array);
  });

  test('filters by type, status and institution', async () => {
    const member: Actor = { id: authorId, role: 'member', institutionId: owner };
    const doc = await newDocument('GREEN');
    expect((await listDocuments(database.db, member, { type: 'strategy' })).map((d) => d.id)).toContain(doc.id);
    expect((await listDocuments(database.db, member, { type: 'minutes' })).map((d) => d.id)).not.toContain(doc.id);
    expect((await listDocuments(database.db, member, { status: 'draft' })).map((d) => d.id)).toContain(doc.id);
    expect((await listDocuments(database.db, member, { status: 'published' })).map((d) => d.id)).not.toContain(doc.id);
    expect((await listDocuments(database.db, member, { institutionId: partner })).map((d) => d.id)).toContain(doc.id);
    expect((await listDocuments(database.db, member, { institutionId: outsider })).map((d) => d.id)).not.toContain(doc.id);
  });

  test('a reclassification is recorded in the audit log', async () => {
    const doc = await newDocument('AMBER');
    await updateDocumentSettings(
      database.db,
      authorId,
      doc.id,
      { title: doc.title, type: doc.type, language: doc.language, summary: '', ownerInstitutionId: owner, tlp: 'RED' },
      { institutions: [], people: [] },
    );
    const audit = await listAuditEvents(database.db, { entityType: 'document', entityId: doc.id });
    const reclassify = audit.find((a) => a.action === 'document.reclassify');
    expect(reclassify).toBeDefined();
    expect(JSON.parse(reclassify!.details)).toEqual({ from: 'AMBER', to: 'RED' });
    expect((await listParticipants(database.db, doc.id)).institutions).toEqual([]);
  });

  test('compaction folds the tail into the snapshot and loses no update appended meanwhile', async () => {
    const doc = await newDocument('GREEN');
    const writer = new Y.Doc();
    Y.applyUpdate(writer, (await loadMergedState(database.db, doc.id))!);
    const pending: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => pending.push(update));
    const text = writer.getText('body');
    const appends: Promise<void>[] = [];
    const compactions: Promise<unknown>[] = [];
    for (let i = 0; i < 300; i++) {
      text.insert(text.length, String(i % 10));
      appends.push(appendDocumentUpdate(database.db, doc.id, pending.shift()!));
      if (i % 25 === 0) compactions.push(compactDocument(database.db, doc.id));
    }
    await Promise.all([...appends, ...compactions]);
    await compactDocument(database.db, doc.id);
    expect(await countPendingUpdates(database.db, doc.id)).toBe(0);
    const stored = await loadDocumentState(database.db, doc.id);
    expect(stored.updates).toHaveLength(0);
    expect(textOf(stored.snapshot)).toBe(text.toString());
    expect(text.toString()).toHaveLength('hello'.length + 300);
  });

  test('an undecodable stored update is left out; the document stays readable', async () => {
    const doc = await newDocument('GREEN');
    await appendDocumentUpdate(database.db, doc.id, new Uint8Array([255, 255, 255, 1, 2, 3]));
    const writer = new Y.Doc();
    Y.applyUpdate(writer, (await loadMergedState(database.db, doc.id))!);
    let update: Uint8Array | null = null;
    writer.on('update', (u: Uint8Array) => (update = u));
    writer.getText('body').insert(5, ' world');
    await appendDocumentUpdate(database.db, doc.id, update!);
    const result = await compactDocument(database.db, doc.id);
    expect(result).toEqual({ merged: 2, dropped: 1 });
    expect(textOf(await loadMergedState(database.db, doc.id))).toBe('hello world');
  });
});
