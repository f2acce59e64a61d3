import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditFilterOptions } from '../../app/models/audit.server.ts';
import { createDocument } from '../../app/models/document.server.ts';
import { stateFromMarkdown } from '../../app/content/render.server.ts';
import { countAuditEvents, dayStart, listAuditEvents, parseAuditFilter, summariseDetails } from '../../app/services/audit-log.server.ts';
import { deleteActionItem } from '../../app/models/action-item.server.ts';
import { makeInstitution, makePerson, type TestPerson } from '../support/factories.ts';
import { itemInput, makeItem, makePlan, prepareTracker } from '../support/tracker-data.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/** The audit log's filters in SQL, on both databases, and the helpers the page and CSV share. */

describe('audit filter helpers', () => {
  test('a day starts at local midnight in Sarajevo, in winter and in summer', () => {
    expect(dayStart('2026-01-15')).toBe('2026-01-14T23:00:00.000Z');
    expect(dayStart('2026-07-15')).toBe('2026-07-14T22:00:00.000Z');
    // The days the clocks change.
    expect(dayStart('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(dayStart('2026-10-25')).toBe('2026-10-24T22:00:00.000Z');
  });

  test('the query string becomes a filter for its viewer; "to" includes the whole day; junk is ignored', () => {
    const viewer = { id: 'u1', role: 'secretariat', institutionId: 'i1' } as const;
    const { filter, page } = parseAuditFilter(new URL('http://x/audit?document=d1&person=&action=document.moved&from=2026-07-01&to=2026-07-31&page=3'), viewer);
    expect(filter).toEqual({ readableBy: viewer, documentId: 'd1', actorId: undefined, action: 'document.moved', since: '2026-06-30T22:00:00.000Z', before: '2026-07-31T22:00:00.000Z' });
    expect(page).toBe(3);
    const junk = parseAuditFilter(new URL('http://x/audit?action=DROP%20TABLE&from=yesterday&to=2026-02-31&page=-1'), viewer);
    expect(junk.filter).toEqual({ readableBy: viewer, documentId: undefined, actorId: undefined, action: undefined, since: undefined, before: undefined });
    expect(junk.page).toBe(1);
  });

  test('details are summarised in one short line', () => {
    expect(summariseDetails('{"from":"AMBER","to":"CLEAR","reason":"ok","ids":[1,2],"more":{"a":1}}')).toBe('from: AMBER; to: CLEAR; reason: ok; ids: [2]; more: {…}');
    expect(summariseDetails('not json')).toBe('');
    expect(summariseDetails(JSON.stringify({ text: 'x'.repeat(500) }))).toHaveLength(200);
  });
});

describe.each(dialects)('audit log on %s', (dialect) => {
  let database: TestDatabase;
  let alice: TestPerson;
  let bob: TestPerson;
  let docA: string;
  let docB: string;

  async function event(actorId: string | null, action: string, entityType: string, entityId: string, createdAt: string) {
    await database.db
      .insertInto('auditEvent')
      .values({ id: crypto.randomUUID(), actorId, action, entityType, entityId, details: JSON.stringify({ n: createdAt }), createdAt })
      .execute();
  }

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const institution = (await makeInstitution(database.db)).id;
    alice = await makePerson(database.db, { institutionId: institution, role: 'secretariat', name: 'Alice Audit' });
    bob = await makePerson(database.db, { institutionId: institution, role: 'member', name: 'Bob Audit' });
    const make = (title: string) =>
      createDocument(database.db, alice.id, { title, type: 'other', language: 'en', summary: '', ownerInstitutionId: institution, tlp: 'GREEN' }, { institutions: [], people: [] }, stateFromMarkdown('x'));
    docA = (await make('Audit doc A')).id;
    docB = (await make('Audit doc B')).id;
    await event(alice.id, 'document.moved', 'document', docA, '2026-03-01T10:00:00.000Z');
    await event(bob.id, 'document.position-recorded', 'document', docA, '2026-03-02T10:00:00.000Z');
    await event(alice.id, 'document.published', 'document', docB, '2026-03-03T10:00:00.000Z');
    await event(alice.id, 'person.assign', 'person', bob.id, '2026-03-03T22:30:00.000Z');
    await event(null, 'settings.update', 'settings', 'portal', '2026-03-04T09:00:00.000Z');
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  const inMarch = { since: '2026-03-01T00:00:00.000Z', before: '2026-04-01T00:00:00.000Z' };

  test('filters by document, person, action and date range, newest first, with names and titles', async () => {
    const byDocument = await listAuditEvents(database.db, { ...inMarch, documentId: docA });
    expect(byDocument.map((e) => [e.action, e.actorName, e.documentTitle])).toEqual([
      ['document.position-recorded', 'Bob Audit', 'Audit doc A'],
      ['document.moved', 'Alice Audit', 'Audit doc A'],
    ]);
    expect((await listAuditEvents(database.db, { ...inMarch, actorId: alice.id })).map((e) => e.action)).toEqual(['person.assign', 'document.published', 'document.moved']);
    expect((await listAuditEvents(database.db, { ...inMarch, action: 'document.published' })).map((e) => e.entityId)).toEqual([docB]);
    // 3 March in Sarajevo ends at 22:59:59 UTC; the person.assign at 22:30 UTC is on 3 March locally too.
    const { filter } = parseAuditFilter(new URL('http://x/audit?from=2026-03-03&to=2026-03-03'), { id: alice.id, role: 'secretariat', institutionId: alice.institutionId });
    expect((await listAuditEvents(database.db, filter)).map((e) => e.action)).toEqual(['person.assign', 'document.published']);
    expect(await countAuditEvents(database.db, filter)).toBe(2);
    expect(await countAuditEvents(database.db, { ...inMarch, documentId: docA, actorId: bob.id })).toBe(1);
  });

  test('pages through the events with limit and offset, and counts them all', async () => {
    const first = await listAuditEvents(database.db, { ...inMarch, limit: 2 });
    const second = await listAuditEvents(database.db, { ...inMarch, limit: 2, offset: 2 });
    const third = await listAuditEvents(database.db, { ...inMarch, limit: 2, offset: 4 });
    expect([...first, ...second, ...third].map((e) => e.createdAt)).toEqual([
      '2026-03-04T09:00:00.000Z',
      '2026-03-03T22:30:00.000Z',
      '2026-03-03T10:00:00.000Z',
      '2026-03-02T10:00:00.000Z',
      '2026-03-01T10:00:00.000Z',
    ]);
    expect(await countAuditEvents(database.db, inMarch)).toBe(5);
  });

  test('the filter offers the actions and people that occur in the log', async () => {
    const options = await auditFilterOptions(database.db);
    expect(options.actions).toEqual(expect.arrayContaining(['document.moved', 'document.published', 'person.assign', 'settings.update', 'document.create']));
    expect(options.people.map((p) => p.name)).toEqual(['Alice Audit', 'Bob Audit']);
  });

  test('a viewer sees only the events of documents and items they may read; a deleted item keeps its event without details', async () => {
    await prepareTracker(database.db);
    const elsewhere = (await makeInstitution(database.db)).id;
    const owner = await makePerson(database.db, { institutionId: elsewhere, role: 'member' });
    const secretariat = { id: alice.id, role: 'secretariat' as const, institutionId: alice.institutionId };
    // RED is for named people only: the owner is named, the secretariat is not.
    const make = (title: string, tlp: 'RED' | 'AMBER+STRICT' | 'AMBER') =>
      createDocument(
        database.db,
        owner.id,
        { title, type: 'other', language: 'en', summary: '', ownerInstitutionId: elsewhere, tlp },
        { institutions: [], people: [{ userId: owner.id, access: 'edit' }] },
        stateFromMarkdown('x'),
      );
    const red = await make('Secret RED incident plan', 'RED');
    const strict = await make('Secret STRICT exercise', 'AMBER+STRICT');
    const amber = await make('Shared AMBER roadmap', 'AMBER');
    await event(owner.id, 'document.version-saved', 'document', red.id, '2026-05-01T10:00:00.000Z');
    const plan = await makePlan(database.db, owner.id, elsewhere);
    const redItem = await makeItem(database.db, owner.id, itemInput(plan, elsewhere, { code: 'R.1', title: 'Secret RED item', tlp: 'RED' }));
    const amberItem = await makeItem(database.db, owner.id, itemInput(plan, elsewhere, { code: 'A.1', title: 'Shared AMBER item', tlp: 'AMBER' }));
    const doomed = await makeItem(database.db, owner.id, itemInput(plan, elsewhere, { code: 'D.1', title: 'Secret deleted item', tlp: 'RED' }));
    await deleteActionItem(database.db, doomed, owner.id);

    const unfiltered = await listAuditEvents(database.db, { limit: 1000 });
    const seen = await listAuditEvents(database.db, { readableBy: secretariat, limit: 1000 });
    // The rule has something to remove: the unfiltered log does hold the secrets.
    expect(JSON.stringify(unfiltered)).toContain('Secret RED incident plan');
    expect(JSON.stringify(unfiltered)).toContain('Secret deleted item');
    const text = JSON.stringify(seen);
    for (const secret of ['Secret RED incident plan', 'Secret STRICT exercise', 'Secret RED item', 'Secret deleted item', 'R.1', 'D.1']) expect(text).not.toContain(secret);
    const ids = new Set(seen.map((e) => e.entityId));
    expect([red.id, strict.id, redItem].filter((id) => ids.has(id))).toEqual([]);
    expect(ids.has(amber.id)).toBe(true);
    expect(ids.has(amberItem)).toBe(true);
    expect(seen.find((e) => e.entityId === doomed)).toMatchObject({ action: 'action-item.delete', details: '{}' });
    // The count and a filter on an unreadable document agree with the list.
    expect(await countAuditEvents(database.db, { readableBy: secretariat })).toBe(seen.length);
    expect(await listAuditEvents(database.db, { readableBy: secretariat, documentId: red.id })).toEqual([]);
    // The person named on the RED document may read it, so its events are theirs to see.
    const ownerView = await listAuditEvents(database.db, { readableBy: { id: owner.id, role: 'member', institutionId: elsewhere }, documentId: red.id });
    expect(ownerView.map((e) => e.action)).toEqual(['document.create', 'document.version-saved']);
  });
});
