import { hashPassword } from 'better-auth/crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import en from '../../app/locales/en.ts';
import { listAuditEvents } from '../../app/models/audit.server.ts';
import { createDocument, getDocument } from '../../app/models/document.server.ts';
import { latestEdition } from '../../app/models/edition.server.ts';
import { listInstitutionOptions } from '../../app/models/institution.server.ts';
import { listTransitions } from '../../app/models/workflow.server.ts';
import { stateFromMarkdown } from '../../app/content/render.server.ts';
import type { Tlp } from '../../db/schema.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { makePerson, unique } from '../support/factories.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/**
 * The workflow page and the audit log over real HTTP: every move, publication
 * and position refused or allowed by role, exactly as a browser without
 * JavaScript posts them. Needs the Remix server build.
 */

const MCT = 'Ministry of Communications and Transport of Bosnia and Herzegovina';

describe.each(dialects)('workflow over HTTP on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  let ownerEditorEmail: string;
  const browsers = new Map<string, TestBrowser>();

  async function as(email: string): Promise<TestBrowser> {
    const known = browsers.get(email);
    if (known) return known;
    const browser = new TestBrowser(portal.url);
    const response = await browser.post('/login', { email, password: DEMO_PASSWORD, redirectTo: '/dashboard' });
    expect(response.status, `sign-in of ${email}`).toBe(302);
    browsers.set(email, browser);
    return browser;
  }

  async function institutionId(name: string): Promise<string> {
    const found = (await listInstitutionOptions(database.db)).find((i) => i.name === name);
    if (!found) throw new Error(`no institution ${name}`);
    return found.id;
  }

  /** A document owned by the secretariat's ministry, with the Ministry of Security editing and BH Telecom commenting. */
  async function newDocument(tlp: Tlp) {
    const creator = (await database.db.selectFrom('user').select('id').where('email', '=', 'secretariat@demo.example').executeTakeFirstOrThrow()).id;
    return createDocument(
      database.db,
      creator,
      { title: `HTTP workflow ${unique()}`, type: 'position_paper', language: 'en', summary: '', ownerInstitutionId: await institutionId(MCT), tlp },
      {
        institutions: [
          { institutionId: await institutionId('Ministry of Security of Bosnia and Herzegovina'), access: 'edit' },
          { institutionId: await institutionId('BH Telecom'), access: 'comment' },
          { institutionId: await institutionId('OSCE Mission to Bosnia and Herzegovina'), access: 'comment' },
        ],
        people: [],
      },
      stateFromMarkdown('# Position\n\nText under review.'),
    );
  }

  const path = (id: string) => `/documents/${id}/workflow`;

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database));
    // An editor from the owner institution who is not the secretariat.
    const editor = await makePerson(database.db, { institutionId: await institutionId(MCT), role: 'member', passwordHash: await hashPassword(DEMO_PASSWORD) });
    ownerEditorEmail = editor.email;
  });

  afterAll(async () => {
    await portal?.close();
    await database?.cleanup();
  });

  test('the public is sent to sign in; a reader outside a RED document gets 404 for the page and the form', async () => {
    const doc = await newDocument('GREEN');
    const anonymous = new TestBrowser(portal.url);
    expect((await anonymous.get(path(doc.id))).headers.get('location')).toMatch(/^\/login\?redirectTo=/);
    const post = await anonymous.post(path(doc.id), { intent: 'move', to: 'consultation' });
    expect(post.status).toBe(302);
    expect(post.headers.get('location')).toMatch(/^\/login/);
    const red = await newDocument('RED');
    const academic = await as('academic@demo.example');
    expect((await academic.get(path(red.id))).status).toBe(404);
    expect((await academic.post(path(red.id), { intent: 'move', to: 'consultation' })).status).toBe(404);
    expect((await getDocument(database.db, doc.id))?.status).toBe('draft');
  });

  test('only the secretariat or an owner-institution editor moves a document; others get 403 and nothing changes', async () => {
    const doc = await newDocument('GREEN');
    for (const email of ['member@demo.example', 'private@demo.example', 'academic@demo.example', 'observer@demo.example']) {
      const response = await (await as(email)).post(path(doc.id), { intent: 'move', to: 'consultation', note: 'forged' });
      expect(response.status, email).toBe(403);
    }
    expect((await getDocument(database.db, doc.id))?.status).toBe('draft');
    expect(await listTransitions(database.db, doc.id)).toHaveLength(0);

    const moved = await (await as(ownerEditorEmail)).post(path(doc.id), { intent: 'move', to: 'consultation', note: 'Comments by Friday' });
    expect(moved.status).toBe(302);
    expect(moved.headers.get('location')).toBe(`${path(doc.id)}?notice=moved`);
    expect(await getDocument(database.db, doc.id)).toMatchObject({ status: 'consultation', consultationRound: 1 });

    const back = await (await as('secretariat@demo.example')).post(path(doc.id), { intent: 'move', to: 'draft' });
    expect(back.status).toBe(302);
    const history = await listTransitions(database.db, doc.id);
    expect(history.map((m) => [m.fromStatus, m.toStatus])).toEqual([
      ['consultation', 'draft'],
      ['draft', 'consultation'],
    ]);
    // The page lists each move with the person who made it.
    const page = await (await as('member@demo.example')).get(path(doc.id));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Comments by Friday');
    expect(html).toContain('Dario Marić');
    expect(html).not.toContain(`name="intent" value="move"`);
  });

  test('a move the workflow does not allow answers 400 with the reason next to the field', async () => {
    const doc = await newDocument('GREEN');
    const secretariat = await as('secretariat@demo.example');
    for (const to of ['archived', 'draft', 'published', 'nonsense']) {
      const response = await secretariat.post(path(doc.id), { intent: 'move', to });
      expect(response.status, to).toBe(400);
      const html = await response.text();
      expect(html).toContain(to === 'nonsense' ? en.errors.invalidChoice : en.workflow.errors.moveNotAllowed);
    }
    expect((await getDocument(database.db, doc.id))?.status).toBe('draft');
  });

  test('positions: participating members record theirs during consultation only; each reader sees their own, the secretariat all', async () => {
    const doc = await newDocument('GREEN');
    const privateMember = await as('private@demo.example');
    const position = { intent: 'position', position: 'endorse_with_reservations', statement: 'Operators need until 2027.' };
    expect((await privateMember.post(path(doc.id), position)).status).toBe(403);
    await (await as('secretariat@demo.example')).post(path(doc.id), { intent: 'move', to: 'consultation' });

    expect((await (await as('academic@demo.example')).post(path(doc.id), position)).status).toBe(403);
    expect((await (await as('observer@demo.example')).post(path(doc.id), position)).status).toBe(403);
    const missing = await privateMember.post(path(doc.id), { intent: 'position', position: 'maybe', statement: '' });
    expect(missing.status).toBe(400);
    const recorded = await privateMember.post(path(doc.id), position);
    expect(recorded.status).toBe(302);
    expect((await (await as('member@demo.example')).post(path(doc.id), { intent: 'position', position: 'endorse', statement: 'The Ministry agrees.' })).status).toBe(302);

    const own = await (await privateMember.get(path(doc.id))).text();
    expect(own).toContain('Operators need until 2027.');
    expect(own).not.toContain('The Ministry agrees.');
    const all = await (await (await as('secretariat@demo.example')).get(path(doc.id))).text();
    expect(all).toContain('Operators need until 2027.');
    expect(all).toContain('The Ministry agrees.');
    expect(all).toContain(en.sectors.private);
    const audit = await listAuditEvents(database.db, { documentId: doc.id, action: 'document.position-recorded' });
    expect(audit).toHaveLength(2);
  });

  test('publishing: CLEAR-only, a deliberate reclassification otherwise; refused for others; not from archived', async () => {
    const doc = await newDocument('GREEN');
    const publish = { intent: 'publish', bump: 'major', changelog: 'First edition' };
    expect((await (await as('member@demo.example')).post(path(doc.id), publish)).status).toBe(403);
    const secretariat = await as('secretariat@demo.example');
    const noChangelog = await secretariat.post(path(doc.id), { ...publish, changelog: ' ', reclassify: '1', reason: 'Agreed' });
    expect(noChangelog.status).toBe(400);
    const unconfirmed = await secretariat.post(path(doc.id), { ...publish, reason: 'Agreed' });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain(en.workflow.errors.confirmReclassification);
    const noReason = await secretariat.post(path(doc.id), { ...publish, reclassify: '1', reason: '' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain(en.workflow.errors.reasonRequired);
    expect(await getDocument(database.db, doc.id)).toMatchObject({ status: 'draft', tlp: 'GREEN' });
    expect(await latestEdition(database.db, doc.id)).toBeUndefined();

    const published = await secretariat.post(path(doc.id), { ...publish, reclassify: '1', reason: 'Agreed for publication at the plenary' });
    expect(published.status).toBe(302);
    expect(await getDocument(database.db, doc.id)).toMatchObject({ status: 'published', tlp: 'CLEAR' });
    expect(await latestEdition(database.db, doc.id)).toMatchObject({ major: 1, minor: 0, changelog: 'First edition' });
    const actions = (await listAuditEvents(database.db, { documentId: doc.id })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['document.reclassify', 'document.published', 'document.moved']));
    const notified = await database.db.selectFrom('notification').select('recipientId').where('kind', '=', 'publication').where('link', '=', path(doc.id)).execute();
    expect(notified.length).toBeGreaterThan(0);

    expect((await secretariat.post(path(doc.id), { intent: 'move', to: 'archived' })).status).toBe(302);
    const fromArchive = await secretariat.post(path(doc.id), { intent: 'publish', bump: 'minor', changelog: 'x' });
    expect(fromArchive.status).toBe(400);
    expect(await fromArchive.text()).toContain(en.workflow.errors.publishNotAllowed);
  });

  test('the audit log and its CSV are the secretariat’s, filtered by document', async () => {
    const doc = await newDocument('CLEAR');
    const secretariat = await as('secretariat@demo.example');
    await secretariat.post(path(doc.id), { intent: 'move', to: 'consultation', note: 'Open for comments' });
    expect((await (await as('member@demo.example')).get('/audit')).status).toBe(403);
    expect((await (await as('member@demo.example')).get('/audit.csv')).status).toBe(403);

    const page = await secretariat.get(`/audit?document=${doc.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(en.workflow.audit.actions.document_moved);
    expect(html).toContain(doc.title);

    const csv = await secretariat.get(`/audit.csv?document=${doc.id}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
    expect(lines[0]).toBe('Time,Person,E-mail,action,Action,entityType,entityId,Concerns,Details');
    // Only this document's events: created and moved, newest first.
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',document.moved,Document moved,document,');
    expect(lines[1]).toContain('Dario Marić');
    expect(lines[2]).toContain(',document.create,');
  });
});
