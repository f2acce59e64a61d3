import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { CollabServer } from '../../app/collab/collab-server.server.ts';
import { renderPlainText, stateFromMarkdown } from '../../app/content/render.server.ts';
import { listAuditEvents } from '../../app/models/audit.server.ts';
import { createDocument, type DocumentFields } from '../../app/models/document.server.ts';
import { loadMergedState } from '../../app/models/document-state.server.ts';
import { listPeople } from '../../app/models/person.server.ts';
import { listVersions } from '../../app/models/version.server.ts';
import { createAutoVersioner, restoreVersion, saveVersion, VersionNotFoundError } from '../../app/services/document-versions.server.ts';
import { createLogger } from '../../app/utils/logger.server.ts';
import type { Db } from '../../db/client.server.ts';
import type { Tlp } from '../../db/schema.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { destroyAllCollabClients, docFromState, openCollab, signInCookie, sleep, typeIntoFirstParagraph, waitFor } from '../support/collab-client.ts';
import { unique } from '../support/factories.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/**
 * Versions end to end on every dialect: saving (numbering, the live text),
 * restoring through the real collaboration server with real provider
 * clients connected, automatic versions, and the HTTP pages. Needs the
 * Remix build (REMIX_BUILD_DIR) for the portal.
 */

const WHO = ['member', 'secretariat', 'observer'] as const;
type Who = (typeof WHO)[number];
const MINISTRY_OF_SECURITY = 'Ministry of Security of Bosnia and Herzegovina';

describe.each(dialects)('versions on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  let db: Db;
  const cookies = {} as Record<Who, string>;
  const ids = {} as Record<Who, string>;
  const names = {} as Record<Who, string>;
  let ministryId: string;

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database));
    db = portal.services.db;
    const people = await listPeople(db, { includeDeactivated: true });
    for (const who of WHO) {
      const person = people.find((p) => p.email === `${who}@demo.example`);
      if (!person) throw new Error(`demo person ${who} missing`);
      ids[who] = person.id;
      names[who] = person.name;
      if (who === 'member') ministryId = person.institutionId;
    }
    expect(people.find((p) => p.id === ids.member)?.institutionName).toBe(MINISTRY_OF_SECURITY);
    await Promise.all(WHO.map(async (who) => (cookies[who] = await signInCookie(portal.url, `${who}@demo.example`, DEMO_PASSWORD))));
  });

  afterEach(() => destroyAllCollabClients());

  afterAll(async () => {
    destroyAllCollabClients();
    await portal?.close();
    await database?.cleanup();
  });

  const services = () => ({ db, collab: portal.services.collab as CollabServer });

  /** A fresh document owned by the Ministry of Security, where member@ edits as owner. */
  async function newDocument(markdown: string, tlp: Tlp = 'GREEN'): Promise<string> {
    const fields: DocumentFields = { title: `Versions ${unique()}`, type: 'strategy', language: 'en', summary: '', ownerInstitutionId: ministryId, tlp };
    const state = stateFromMarkdown(markdown);
    const row = await createDocument(db, ids.secretariat, fields, { institutions: [], people: [] }, state, renderPlainText(state));
    return row.id;
  }

  const open = (who: Who, documentName: string) => openCollab({ baseURL: portal.url, documentName, cookie: cookies[who] });

  async function browserFor(who: Who): Promise<TestBrowser> {
    const browser = new TestBrowser(portal.url);
    const response = await browser.post('/login', { email: `${who}@demo.example`, password: DEMO_PASSWORD, redirectTo: '/dashboard' });
    expect(response.status).toBe(302);
    return browser;
  }

  test('versions are numbered per document, capture the live text, and list newest first with their author', async () => {
    const first = await newDocument('# Scope\n\nFirst agreed text.');
    const other = await newDocument('Another document.');

    const v1 = await saveVersion(services(), { documentId: first, kind: 'named', name: 'Text agreed at the 12 March meeting', createdById: ids.member });
    expect(v1.number).toBe(1);
    expect(v1.html).toContain('First agreed text.');
    expect(renderPlainText(v1.state)).toContain('First agreed text.');

    // An edit made in the editor is in the next version, whether or not the database was compacted.
    const editor = await open('member', first);
    typeIntoFirstParagraph(editor.doc, 'live-edit-marker');
    await editor.acknowledged();
    const v2 = await saveVersion(services(), { documentId: first, kind: 'named', name: 'After the edit', createdById: ids.member });
    expect(v2.number).toBe(2);
    expect(v2.html).toContain('live-edit-marker');

    expect((await saveVersion(services(), { documentId: other, kind: 'workflow', name: 'Moved to consultation', createdById: ids.secretariat })).number).toBe(1);

    // Inside a caller's transaction (a workflow move): written with it, and gone if it rolls back.
    await expect(
      db.transaction().execute(async (trx) => {
        const inside = await saveVersion({ db: trx, collab: portal.services.collab }, { documentId: other, kind: 'workflow', name: 'Rolled back', createdById: ids.secretariat });
        expect(inside.number).toBe(2);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await listVersions(db, other)).map((v) => v.name)).toEqual(['Moved to consultation']);

    // Saves at the same moment never collide on a number.
    const concurrent = await Promise.all(
      [1, 2, 3].map((n) => saveVersion(services(), { documentId: first, kind: 'named', name: `Concurrent ${n}`, createdById: ids.member })),
    );
    expect(concurrent.map((v) => v.number).sort()).toEqual([3, 4, 5]);

    const listed = await listVersions(db, first);
    expect(listed.map((v) => v.number)).toEqual([5, 4, 3, 2, 1]);
    expect(listed[4]).toMatchObject({ name: 'Text agreed at the 12 March meeting', kind: 'named', authorName: names.member });
    expect(listed[4].wordCount).toBe(4);
    const audit = await listAuditEvents(db, { entityType: 'document', entityId: first });
    expect(audit.filter((e) => e.action === 'document.version-saved')).toHaveLength(5);
  });

  test('restoring reaches every connected editor live, keeps the whole history, and is stored', async () => {
    const documentId = await newDocument('# Roles\n\nThe national CSIRT coordinates incident response.\n\n- Ministry of Security\n- CERT RS');
    const agreed = await saveVersion(services(), { documentId, kind: 'named', name: 'Agreed', createdById: ids.member });

    const owner = await open('member', documentId);
    const coordinator = await open('secretariat', documentId);
    typeIntoFirstParagraph(owner.doc, 'unwanted-change');
    await owner.acknowledged();
    await waitFor(() => renderPlainText(coordinator.doc).includes('unwanted-change'), 'the second editor to see the unwanted change');

    const restored = await restoreVersion(services(), { documentId, versionId: agreed.id, actorId: ids.member });
    expect(restored.restoredNumber).toBe(1);
    expect(restored.number).toBe(2);

    // Both connected editors get the old text as a new change, without reconnecting.
    for (const client of [owner, coordinator]) {
      await waitFor(() => !renderPlainText(client.doc).includes('unwanted-change'), `${client.name}: the restored text`);
      expect(renderPlainText(client.doc)).toBe(renderPlainText(agreed.state));
    }
    expect(owner.closes).toEqual([]);

    // Nothing in the history was replaced: the restore is one more version.
    const listed = await listVersions(db, documentId);
    expect(listed.map((v) => [v.number, v.kind, v.name])).toEqual([
      [2, 'restore', 'Agreed'],
      [1, 'named', 'Agreed'],
    ]);
    const audit = await listAuditEvents(db, { entityType: 'document', entityId: documentId });
    const event = audit.find((e) => e.action === 'document.version-restored');
    expect(event?.actorName).toBe(names.member);
    expect(JSON.parse(event?.details ?? '{}')).toMatchObject({ versionId: agreed.id, number: 1, newNumber: 2 });

    // Stored at once: the database holds the restored text, not the unwanted change.
    expect(renderPlainText(docFromState(await loadMergedState(db, documentId)))).toBe(renderPlainText(agreed.state));

    // Editing goes on normally on top of the restore.
    typeIntoFirstParagraph(coordinator.doc, 'after-restore');
    await coordinator.acknowledged();
    await waitFor(() => renderPlainText(owner.doc).includes('after-restore'), 'the owner to see the edit after the restore');

    // Everyone leaves; the document is unloaded and read back from the database.
    owner.destroy();
    coordinator.destroy();
    const collab = portal.services.collab as CollabServer;
    await waitFor(() => !collab.hocuspocus.documents.has(documentId), 'the document to unload');
    const again = await open('observer', documentId);
    const text = renderPlainText(again.doc);
    expect(text).toContain('after-restore');
    expect(text).not.toContain('unwanted-change');
    expect(text).toContain('The national CSIRT coordinates incident response.');
  });

  test('restoring a version nobody has open loads the document, and refuses a version of another document', async () => {
    const documentId = await newDocument('Original words.');
    const original = await saveVersion(services(), { documentId, kind: 'named', name: 'Original', createdById: ids.member });
    const editor = await open('member', documentId);
    typeIntoFirstParagraph(editor.doc, 'extra');
    await editor.acknowledged();
    editor.destroy();
    const collab = portal.services.collab as CollabServer;
    await waitFor(() => !collab.hocuspocus.documents.has(documentId), 'the document to unload');

    await restoreVersion(services(), { documentId, versionId: original.id, actorId: ids.member });
    expect(renderPlainText(docFromState(await loadMergedState(db, documentId)))).toBe('Original words.');

    // Two restores at once: each starts from what the other left, so the text is exactly the later one's.
    const editorAgain = await open('member', documentId);
    typeIntoFirstParagraph(editorAgain.doc, 'second');
    await editorAgain.acknowledged();
    const second = await saveVersion(services(), { documentId, kind: 'named', name: 'Second', createdById: ids.member });
    await Promise.all([
      restoreVersion(services(), { documentId, versionId: original.id, actorId: ids.member }),
      restoreVersion(services(), { documentId, versionId: second.id, actorId: ids.secretariat }),
    ]);
    await waitFor(() => renderPlainText(editorAgain.doc) === 'Original words. second', 'the later restore to win, without doubled text');
    expect(renderPlainText(docFromState(await loadMergedState(db, documentId)))).toBe('Original words. second');

    const elsewhere = await newDocument('Elsewhere.');
    await expect(restoreVersion(services(), { documentId: elsewhere, versionId: original.id, actorId: ids.member })).rejects.toBeInstanceOf(VersionNotFoundError);
  });

  test('editing saves an automatic version at most once per interval', async () => {
    // Wired into the collaboration server (one hour by default): the first edit of a document without versions saves one.
    const documentId = await newDocument('Auto text.');
    const editor = await open('member', documentId);
    typeIntoFirstParagraph(editor.doc, 'first-edit');
    await editor.acknowledged();
    await waitFor(async () => (await listVersions(db, documentId)).length === 1, 'an automatic version');
    typeIntoFirstParagraph(editor.doc, 'second-edit');
    await editor.acknowledged();
    await sleep(300);
    const versions = await listVersions(db, documentId);
    expect(versions.map((v) => [v.kind, v.authorName])).toEqual([['auto', null]]);

    // The interval itself, with a short one.
    const other = await newDocument('Interval text.');
    const versioner = createAutoVersioner({ db, logger: createLogger('silent'), everyMs: 400 });
    const doc = docFromState(await loadMergedState(db, other));
    versioner.edited(other, doc);
    versioner.edited(other, doc);
    await versioner.idle();
    versioner.edited(other, doc);
    await versioner.idle();
    expect(await listVersions(db, other)).toHaveLength(1);
    await sleep(450);
    typeIntoFirstParagraph(doc, 'later');
    versioner.edited(other, doc);
    await versioner.idle();
    const later = await listVersions(db, other);
    expect(later.map((v) => v.number)).toEqual([2, 1]);
    // A named version just saved also counts as recent.
    await sleep(450);
    await saveVersion({ db }, { documentId: other, kind: 'named', name: 'Fresh', createdById: ids.member });
    versioner.edited(other, doc);
    await versioner.idle();
    expect((await listVersions(db, other)).map((v) => v.kind)).toEqual(['named', 'auto', 'auto']);
  });

  test('the pages: readers see versions and diffs, only editors save or restore, others get 404', async () => {
    const documentId = await newDocument('# Purpose\n\nThe strategy sets goals.');
    const member = await browserFor('member');
    const observer = await browserFor('observer');

    const empty = await member.request(`/documents/${documentId}/versions`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('This field is required.');
    const tooLong = await member.post(`/documents/${documentId}/versions`, { name: 'x'.repeat(201) });
    expect(tooLong.status).toBe(400);

    const saved = await member.post(`/documents/${documentId}/versions`, { name: 'First <b>reading</b>' });
    expect(saved.status).toBe(302);
    expect(saved.headers.get('location')).toBe(`/documents/${documentId}/versions?notice=version-saved`);

    const list = await observer.get(`/documents/${documentId}/versions`);
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain('First &lt;b&gt;reading&lt;/b&gt;');
    expect(listHtml).toContain(names.member);
    expect(listHtml).not.toContain('Save a named version');

    expect((await observer.post(`/documents/${documentId}/versions`, { name: 'Observer try' })).status).toBe(403);
    expect((await observer.post(`/documents/${documentId}/versions/1`)).status).toBe(403);

    const page = await observer.get(`/documents/${documentId}/versions/1`);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('<h1>Purpose</h1><p>The strategy sets goals.</p>');
    expect(pageHtml).not.toContain('Restore this version');
    expect((await observer.get(`/documents/${documentId}/versions/9`)).status).toBe(404);
    expect((await observer.get(`/documents/${documentId}/versions/abc`)).status).toBe(404);

    // Change the live text, then compare version 1 with it.
    const editor = await open('member', documentId);
    typeIntoFirstParagraph(editor.doc, 'and measures');
    await editor.acknowledged();
    const compare = await observer.get(`/documents/${documentId}/compare?from=1&to=current`);
    expect(compare.status).toBe(200);
    const compareHtml = await compare.text();
    expect(compareHtml).toMatch(/<ins[^>]*><span class="sr-only">Inserted:(<!-- -->)? <\/span> and measures<\/ins>/);
    expect(compareHtml).toContain('1 section changed, +2/−0 words');
    expect((await observer.get(`/documents/${documentId}/compare?from=x&to=current`)).status).toBe(400);
    expect((await observer.get(`/documents/${documentId}/compare?from=1&to=7`)).status).toBe(404);

    // Restore through the page: a redirect to the list, and the editor gets the old text.
    const restore = await member.post(`/documents/${documentId}/versions/1`);
    expect(restore.status).toBe(302);
    expect(restore.headers.get('location')).toBe(`/documents/${documentId}/versions?notice=version-restored`);
    await waitFor(() => !renderPlainText(editor.doc).includes('and measures'), 'the editor to get the restored text');

    // A document the reader may not see does not exist for them.
    const secret = await newDocument('Confidential.', 'RED');
    for (const path of [`/documents/${secret}/versions`, `/documents/${secret}/versions/1`, `/documents/${secret}/compare?from=1&to=current`]) {
      expect((await observer.get(path)).status).toBe(404);
    }
    expect((await member.post(`/documents/${secret}/versions`, { name: 'x' })).status).toBe(404);
  });

  test('the document loaded from the database and the live one give the same current state for a version', async () => {
    const documentId = await newDocument('Same either way.');
    const fromDatabase = await saveVersion({ db }, { documentId, kind: 'auto', name: null, createdById: null });
    const editor = await open('member', documentId);
    const fromLive = await saveVersion(services(), { documentId, kind: 'auto', name: null, createdById: null });
    expect(fromLive.html).toBe(fromDatabase.html);
    const live = new Y.Doc();
    Y.applyUpdate(live, fromLive.state);
    expect(renderPlainText(live)).toBe(renderPlainText(editor.doc));
  });
});
