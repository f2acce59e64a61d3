import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stateFromMarkdown } from '../../app/content/render.server.ts';
import { listAuditEvents } from '../../app/models/audit.server.ts';
import { createDocument, getDocument } from '../../app/models/document.server.ts';
import * as editionModel from '../../app/models/edition.server.ts';
import { latestEdition, listEditionSummaries, slugify } from '../../app/models/edition.server.ts';
import { applyMove, listTransitions, positionTable, recordPosition, WorkflowConflictError } from '../../app/models/workflow.server.ts';
import { setPersonActive } from '../../app/models/person.server.ts';
import type { Tlp } from '../../db/schema.ts';
import { databaseIsEmpty, seedDemo, seedReferenceData } from '../../db/seeds/demo.server.ts';
import { GUIDELINES_SLUG, GUIDELINES_TITLE } from '../../db/seeds/review-demo.server.ts';
import { documentAudience, moveDocument, publishDocument, type WorkflowServices } from '../../app/services/document-workflow.server.ts';
import { createLogger } from '../../app/utils/logger.server.ts';
import { makeInstitution, makePerson, unique, type TestPerson } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/**
 * The workflow model and its orchestration on both databases: moves with
 * their automatic version, transition and audit; publication and edition
 * numbering; the CLEAR-only rule; immutability; positions; notifications;
 * and the review demo data.
 */

describe.each(dialects)('workflow on %s', (dialect) => {
  let database: TestDatabase;
  let services: WorkflowServices;
  let owner: string;
  let partner: string;
  let observerInstitution: string;
  let secretariat: TestPerson;
  let ownerEditor: TestPerson;
  let partnerMember: TestPerson;
  let observer: TestPerson;
  let outsider: TestPerson;
  let named: TestPerson;
  let gone: TestPerson;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    services = {
      db: database.db,
      logger: createLogger('silent'),
      baseURL: 'http://localhost',
      mailer: { delivers: false, async send() {} },
      collab: null,
    };
    owner = (await makeInstitution(database.db, { sector: 'public' })).id;
    partner = (await makeInstitution(database.db, { sector: 'private' })).id;
    observerInstitution = (await makeInstitution(database.db, { sector: 'international' })).id;
    const elsewhere = (await makeInstitution(database.db, { sector: 'academic' })).id;
    secretariat = await makePerson(database.db, { role: 'secretariat', institutionId: elsewhere });
    ownerEditor = await makePerson(database.db, { role: 'member', institutionId: owner });
    partnerMember = await makePerson(database.db, { role: 'member', institutionId: partner });
    observer = await makePerson(database.db, { role: 'observer', institutionId: observerInstitution });
    outsider = await makePerson(database.db, { role: 'member', institutionId: elsewhere });
    named = await makePerson(database.db, { role: 'member', institutionId: elsewhere });
    gone = await makePerson(database.db, { role: 'member', institutionId: partner });
    await setPersonActive(database.db, secretariat.id, gone.id, false);
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  async function newDocument(tlp: Tlp = 'CLEAR', title = `Framework ${unique()}`) {
    return createDocument(
      database.db,
      ownerEditor.id,
      { title, type: 'guidelines', language: 'en', summary: 'A summary.', ownerInstitutionId: owner, tlp },
      {
        institutions: [
          { institutionId: partner, access: 'comment' },
          { institutionId: observerInstitution, access: 'comment' },
        ],
        people: [{ userId: named.id, access: 'view' }],
      },
      stateFromMarkdown('# Heading\n\nThe agreed text.'),
      'Heading The agreed text.',
    );
  }

  const ref = (doc: { id: string; title: string }, status: 'draft' | 'consultation' | 'published' | 'archived') => ({ id: doc.id, title: doc.title, status });
  const actor = (person: TestPerson) => ({ id: person.id, name: person.name });

  async function notificationsFor(documentId: string, kind: string) {
    return database.db.selectFrom('notification').selectAll().where('kind', '=', kind as 'workflow_move').where('link', '=', `/documents/${documentId}/workflow`).execute();
  }

  test('a move saves a version, records the transition, audits it and starts a consultation round, in one go', async () => {
    const doc = await newDocument();
    await moveDocument(services, { document: ref(doc, 'draft'), to: 'consultation', note: 'Comments please', actor: actor(ownerEditor) });
    const after = await getDocument(database.db, doc.id);
    expect(after?.status).toBe('consultation');
    expect(after?.consultationRound).toBe(1);
    const [move] = await listTransitions(database.db, doc.id);
    expect(move).toMatchObject({ fromStatus: 'draft', toStatus: 'consultation', note: 'Comments please', actorName: ownerEditor.name, versionNumber: 1 });
    const version = await database.db.selectFrom('documentVersion').select(['kind', 'name', 'html', 'createdById']).where('documentId', '=', doc.id).executeTakeFirstOrThrow();
    expect(version).toMatchObject({ kind: 'workflow', name: 'Moved to consultation', createdById: ownerEditor.id });
    expect(version.html).toContain('The agreed text.');
    const audit = await listAuditEvents(database.db, { entityType: 'document', entityId: doc.id });
    expect(audit.map((a) => a.action)).toContain('document.moved');
    expect(JSON.parse(audit.find((a) => a.action === 'document.moved')!.details)).toMatchObject({ from: 'draft', to: 'consultation' });

    // Back to drafting and into consultation again: a new round, whose positions start afresh.
    await moveDocument(services, { document: ref(doc, 'consultation'), to: 'draft', note: '', actor: actor(secretariat) });
    await moveDocument(services, { document: ref(doc, 'draft'), to: 'consultation', note: '', actor: actor(secretariat) });
    expect((await getDocument(database.db, doc.id))?.consultationRound).toBe(2);
    expect(await listTransitions(database.db, doc.id)).toHaveLength(3);
  });

  test('everyone taking part is notified of a move, except the mover, outsiders and deactivated people', async () => {
    const doc = await newDocument('GREEN');
    const audience = await documentAudience(database.db, doc.id);
    expect(new Set(audience)).toEqual(new Set([ownerEditor.id, partnerMember.id, observer.id, named.id]));
    expect(audience).not.toContain(outsider.id);
    expect(audience).not.toContain(gone.id);
    await moveDocument(services, { document: ref(doc, 'draft'), to: 'consultation', note: '', actor: actor(ownerEditor) });
    const sent = await notificationsFor(doc.id, 'workflow_move');
    expect(new Set(sent.map((n) => n.recipientId))).toEqual(new Set([partnerMember.id, observer.id, named.id]));
    expect(JSON.parse(sent[0].params)).toEqual({ actor: ownerEditor.name, document: doc.title, status: 'consultation' });
  });

  test('a RED document notifies only the people named on it', async () => {
    const doc = await newDocument('RED');
    expect(await documentAudience(database.db, doc.id)).toEqual([named.id]);
  });

  test('a move from a status the document no longer has is refused and changes nothing', async () => {
    const doc = await newDocument();
    await expect(applyMove(database.db, { documentId: doc.id, from: 'consultation', to: 'draft', note: '', actorId: secretariat.id, versionId: null })).rejects.toBeInstanceOf(
      WorkflowConflictError,
    );
    // The version saved for a refused move is rolled back with it.
    await expect(moveDocument(services, { document: ref(doc, 'published'), to: 'archived', note: '', actor: actor(secretariat) })).rejects.toBeInstanceOf(WorkflowConflictError);
    expect((await getDocument(database.db, doc.id))?.status).toBe('draft');
    expect(await listTransitions(database.db, doc.id)).toHaveLength(0);
    const versions = await database.db.selectFrom('documentVersion').select('id').where('documentId', '=', doc.id).execute();
    expect(versions).toHaveLength(0);
  });

  test('publishing stores edition 1.0 with the version’s HTML and Markdown, fixes the slug and notifies participants', async () => {
    const doc = await newDocument('CLEAR', `Smjernice za okvir čćđšž ${unique()}`);
    const edition = await publishDocument(services, { document: ref(doc, 'draft'), bump: 'minor', changelog: ' First edition ', reclassification: null, actor: actor(secretariat) });
    expect(edition).toMatchObject({ major: 1, minor: 0, title: doc.title, summary: 'A summary.', type: 'guidelines', language: 'en', changelog: 'First edition' });
    expect(edition.html).toContain('<h1');
    expect(edition.html).toContain('The agreed text.');
    expect(edition.markdown).toContain('# Heading');
    expect(JSON.parse(edition.participants)).toHaveLength(3);
    const version = await database.db.selectFrom('documentVersion').select(['html', 'kind', 'name']).where('id', '=', edition.versionId).executeTakeFirstOrThrow();
    expect(version).toMatchObject({ html: edition.html, kind: 'workflow', name: 'Published' });
    const after = await getDocument(database.db, doc.id);
    expect(after?.status).toBe('published');
    expect(after?.slug).toMatch(/^smjernice-za-okvir-ccdjsz-[0-9a-f]{8}$/);
    const audit = (await listAuditEvents(database.db, { entityType: 'document', entityId: doc.id })).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['document.published', 'document.moved']));
    const sent = await notificationsFor(doc.id, 'publication');
    expect(sent.length).toBe(4);
    expect(JSON.parse(sent[0].params)).toEqual({ actor: secretariat.name, document: doc.title, edition: '1.0' });
  });

  test('edition numbers: minor → 1.1, major → 2.0, minor → 2.1; the slug never changes', async () => {
    const doc = await newDocument();
    await publishDocument(services, { document: ref(doc, 'draft'), bump: 'major', changelog: 'one', reclassification: null, actor: actor(ownerEditor) });
    const { slug } = (await getDocument(database.db, doc.id))!;
    await publishDocument(services, { document: ref(doc, 'published'), bump: 'minor', changelog: 'typos', reclassification: null, actor: actor(ownerEditor) });
    await database.db.updateTable('document').set({ title: 'A completely new title' }).where('id', '=', doc.id).execute();
    await moveDocument(services, { document: ref(doc, 'published'), to: 'consultation', note: '', actor: actor(ownerEditor) });
    await publishDocument(services, { document: ref(doc, 'consultation'), bump: 'major', changelog: 'rework', reclassification: null, actor: actor(ownerEditor) });
    await publishDocument(services, { document: ref(doc, 'published'), bump: 'minor', changelog: 'fix', reclassification: null, actor: actor(ownerEditor) });
    const editions = await listEditionSummaries(database.db, doc.id);
    expect(editions.map((e) => `${e.major}.${e.minor}`)).toEqual(['2.1', '2.0', '1.1', '1.0']);
    expect(editions[0].title).toBe('A completely new title');
    expect(editions[3].title).toBe(doc.title);
    expect((await getDocument(database.db, doc.id))?.slug).toBe(slug);
  });

  test('two documents with the same title get distinct slugs', async () => {
    const title = `Same title ${unique()}`;
    const first = await newDocument('CLEAR', title);
    const second = await newDocument('CLEAR', title);
    await publishDocument(services, { document: ref(first, 'draft'), bump: 'major', changelog: 'x', reclassification: null, actor: actor(secretariat) });
    await publishDocument(services, { document: ref(second, 'draft'), bump: 'major', changelog: 'x', reclassification: null, actor: actor(secretariat) });
    const base = slugify(title);
    expect((await getDocument(database.db, first.id))?.slug).toBe(base);
    expect((await getDocument(database.db, second.id))?.slug).toBe(`${base}-2`);
  });

  test('only TLP:CLEAR is published: anything else needs a confirmed reclassification with a reason, audited as such', async () => {
    const doc = await newDocument('AMBER');
    for (const reclassification of [null, { confirmed: false, reason: 'agreed' }, { confirmed: true, reason: ' ' }]) {
      await expect(publishDocument(services, { document: ref(doc, 'draft'), bump: 'major', changelog: 'x', reclassification, actor: actor(secretariat) })).rejects.toBeInstanceOf(
        WorkflowConflictError,
      );
    }
    const refused = await getDocument(database.db, doc.id);
    expect(refused).toMatchObject({ tlp: 'AMBER', status: 'draft', slug: null });
    expect(await latestEdition(database.db, doc.id)).toBeUndefined();
    expect(await database.db.selectFrom('documentVersion').select('id').where('documentId', '=', doc.id).execute()).toHaveLength(0);

    await publishDocument(services, {
      document: ref(doc, 'draft'),
      bump: 'major',
      changelog: 'x',
      reclassification: { confirmed: true, reason: 'Agreed for publication at the plenary' },
      actor: actor(secretariat),
    });
    expect(await getDocument(database.db, doc.id)).toMatchObject({ tlp: 'CLEAR', status: 'published' });
    const reclassified = (await listAuditEvents(database.db, { entityType: 'document', entityId: doc.id })).find((a) => a.action === 'document.reclassify');
    expect(JSON.parse(reclassified!.details)).toMatchObject({ from: 'AMBER', to: 'CLEAR', reason: 'Agreed for publication at the plenary', forPublication: true });
  });

  test('editions are immutable: the database refuses any UPDATE, and the model offers none', async () => {
    const doc = await newDocument();
    const edition = await publishDocument(services, { document: ref(doc, 'draft'), bump: 'major', changelog: 'x', reclassification: null, actor: actor(secretariat) });
    await expect(database.db.updateTable('documentEdition').set({ html: '<p>forged</p>' }).where('id', '=', edition.id).execute()).rejects.toThrow(/immutable/);
    await expect(sql`update "documentEdition" set "changelog" = 'forged'`.execute(database.db)).rejects.toThrow(/immutable/);
    expect((await latestEdition(database.db, doc.id))?.html).toBe(edition.html);
    expect(Object.keys(editionModel).filter((name) => /update|edit(?!ion)|set|change/i.test(name))).toEqual([]);
    // Editing goes on after publication; the edition does not follow the document.
    await database.db.updateTable('document').set({ title: 'Changed later', summary: 'Changed later' }).where('id', '=', doc.id).execute();
    expect(await latestEdition(database.db, doc.id)).toMatchObject({ title: doc.title, summary: 'A summary.' });
  });

  test('positions: one per institution and round, replaced when recorded again, audited, in the table by sector', async () => {
    const doc = await newDocument('GREEN');
    await moveDocument(services, { document: ref(doc, 'draft'), to: 'consultation', note: '', actor: actor(secretariat) });
    await recordPosition(database.db, { documentId: doc.id, institutionId: partner, round: 1, position: 'object', statement: 'No.', actorId: partnerMember.id });
    await recordPosition(database.db, { documentId: doc.id, institutionId: partner, round: 1, position: 'endorse_with_reservations', statement: ' Yes, but. ', actorId: partnerMember.id });
    // A partner member comments; the owner institution neither comments nor takes a position.
    const now = new Date().toISOString();
    await database.db
      .insertInto('commentThread')
      .values({ id: `t-${unique()}`, documentId: doc.id, quote: 'text', status: 'open', createdById: observer.id, institutionId: observerInstitution, createdAt: now, updatedAt: now })
      .execute();
    const table = await positionTable(database.db, doc.id, 1);
    expect(table.map((row) => [row.institutionId, row.sector, row.isOwner, row.commented, row.position])).toEqual([
      [owner, 'public', true, false, null],
      [partner, 'private', false, false, 'endorse_with_reservations'],
      [observerInstitution, 'international', false, true, null],
    ]);
    expect(table[1]).toMatchObject({ statement: 'Yes, but.', recordedByName: partnerMember.name });
    expect(await positionTable(database.db, doc.id, 2)).toSatisfy((rows: { position: unknown }[]) => rows.every((row) => row.position === null));
    const audit = (await listAuditEvents(database.db, { entityType: 'document', entityId: doc.id })).filter((a) => a.action === 'document.position-recorded');
    expect(audit).toHaveLength(2);
  });

  test('the review demo: a published Guidelines edition 1.0 and the action plan in consultation with two positions', async () => {
    const demo = await createTestDatabase(dialect);
    try {
      await seedReferenceData(demo.db);
      expect(await databaseIsEmpty(demo.db)).toBe(true);
      await seedDemo(demo.db, { password: 'demo-password-for-tests' });
      const guidelines = await demo.db.selectFrom('document').selectAll().where('title', '=', GUIDELINES_TITLE).executeTakeFirstOrThrow();
      expect(guidelines).toMatchObject({ tlp: 'CLEAR', status: 'published', slug: GUIDELINES_SLUG, type: 'guidelines', language: 'en' });
      const edition = await latestEdition(demo.db, guidelines.id);
      expect(edition).toMatchObject({ major: 1, minor: 0 });
      expect(edition!.html).toContain('Objective I');
      expect(edition!.markdown.split(/\s+/).length).toBeGreaterThan(1500);
      const plan = await demo.db.selectFrom('document').selectAll().where('title', '=', 'Joint Action Plan 2026–2028').executeTakeFirstOrThrow();
      expect(plan).toMatchObject({ status: 'consultation', consultationRound: 1 });
      const positions = (await positionTable(demo.db, plan.id, 1)).filter((row) => row.position !== null);
      expect(positions.map((row) => row.position).sort()).toEqual(['endorse', 'endorse_with_reservations']);
      // seedDemo seeds only an empty database, so running it again changes nothing.
      expect(await seedDemo(demo.db)).toBeNull();
      expect(await listEditionSummaries(demo.db, guidelines.id)).toHaveLength(1);
    } finally {
      await demo.cleanup();
    }
  });
});
