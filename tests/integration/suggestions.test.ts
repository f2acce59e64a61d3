import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { CollabServer } from '../../app/collab/collab-server.server.ts';
import { anchorTexts } from '../../app/content/comment-anchors.server.ts';
import { renderPlainText, stateFromMarkdown } from '../../app/content/render.server.ts';
import { listAuditEvents } from '../../app/models/audit.server.ts';
import { getThread } from '../../app/models/comment.server.ts';
import { loadMergedState } from '../../app/models/document-state.server.ts';
import { createDocument, type Participants } from '../../app/models/document.server.ts';
import { listPeople } from '../../app/models/person.server.ts';
import { getSuggestion, listSuggestions } from '../../app/models/suggestion.server.ts';
import { WorkflowConflictError } from '../../app/models/workflow.server.ts';
import { publishDocument } from '../../app/services/document-workflow.server.ts';
import type { Db } from '../../db/client.server.ts';
import type { Tlp } from '../../db/schema.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { destroyAllCollabClients, docFromState, openCollab, sleep, typeIntoFirstParagraph, waitFor } from '../support/collab-client.ts';
import { unique } from '../support/factories.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/**
 * Suggestions end to end on a real portal (docs/suggestions.md): who may
 * propose and decide, the read-only socket of someone who may only suggest,
 * accepting (whole, in part, many at once) as a server-side forward edit with
 * a version, rejecting, refusing an outdated accept without any change, and
 * publishing blocked while one is pending. Needs the Remix build.
 */

const WHO = ['member', 'private', 'civil', 'academic', 'observer', 'secretariat'] as const;
type Who = (typeof WHO)[number];

const TEXT = 'The ministry shall publish the plan within thirty days of adoption.';

interface PanelSuggestion {
  id: string;
  quote: string;
  proposedText: string;
  rationale: string | null;
  status: string;
  outdated: boolean;
  authorName: string;
  institutionName: string;
  institutionSector: string;
  decisionReason: string | null;
  appliedText: string | null;
  threadId: string | null;
  canReanchor: boolean;
}

describe.each(dialects)('suggestions on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  let db: Db;
  const browsers = {} as Record<Who, TestBrowser>;
  const ids = {} as Record<Who, string>;
  const institutions = {} as Record<Who, string>;

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database));
    db = portal.services.db;
    const people = await listPeople(db);
    for (const who of WHO) {
      const person = people.find((p) => p.email === `${who}@demo.example`);
      if (!person) throw new Error(`demo person ${who} missing`);
      ids[who] = person.id;
      institutions[who] = person.institutionId;
      browsers[who] = new TestBrowser(portal.url);
      const response = await browsers[who].post('/login', { email: person.email, password: DEMO_PASSWORD, redirectTo: '/dashboard' });
      expect(response.status).toBe(302);
    }
  });

  afterEach(() => destroyAllCollabClients());

  afterAll(async () => {
    destroyAllCollabClients();
    await portal?.close();
    await database?.cleanup();
  });

  /**
   * A document of the Ministry of Security (member@ owns it): BH Telecom edits,
   * e-Transformacija may suggest, the OSCE comments; the University is outside.
   */
  async function newDocument(tlp: Tlp = 'AMBER', markdown = TEXT): Promise<string> {
    const state = stateFromMarkdown(markdown);
    const participants: Participants = {
      institutions: [
        { institutionId: institutions.private, access: 'edit' },
        { institutionId: institutions.civil, access: 'suggest' },
        { institutionId: institutions.observer, access: 'comment' },
      ],
      people: [],
    };
    const row = await createDocument(
      db,
      ids.secretariat,
      { title: `Suggestions test ${unique()}`, type: 'strategy', language: 'en', summary: '', ownerInstitutionId: institutions.member, tlp },
      participants,
      state,
      renderPlainText(state),
    );
    return row.id;
  }

  const anchorFields = (quote: string, text = TEXT) => {
    const start = text.indexOf(quote);
    if (start < 0) throw new Error(`"${quote}" is not in the text`);
    return { anchor: JSON.stringify({ start: { block: [0], offset: start }, end: { block: [0], offset: start + quote.length } }), quote };
  };

  async function postJson(who: Who, path: string, fields: Record<string, string>) {
    return browsers[who].request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-requested-with': 'fetch' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  async function suggest(who: Who, documentId: string, quote: string, proposedText: string, rationale = ''): Promise<string> {
    const suggestionId = crypto.randomUUID();
    const response = await postJson(who, `/documents/${documentId}/suggestions`, { intent: 'create', suggestionId, proposedText, rationale, ...anchorFields(quote) });
    expect(response.status, await response.clone().text()).toBe(200);
    return suggestionId;
  }

  async function panel(who: Who, documentId: string): Promise<{ suggestions: PanelSuggestion[]; canSuggest: boolean; canDecide: boolean }> {
    const response = await browsers[who].request(`/documents/${documentId}/suggestions`, { method: 'GET', headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    return response.json();
  }

  async function storedText(documentId: string): Promise<string> {
    return renderPlainText((await loadMergedState(db, documentId))!);
  }

  async function storedMarks(documentId: string): Promise<Map<string, string>> {
    return anchorTexts(docFromState(await loadMergedState(db, documentId)));
  }

  const cookie = (who: Who) => [...browsers[who].cookies].map(([name, value]) => `${name}=${value}`).join('; ');

  test('a "can suggest" socket is read-only: its direct text update changes nothing, live or stored', async () => {
    const documentId = await newDocument();
    const suggester = await openCollab({ baseURL: portal.url, documentName: documentId, cookie: cookie('civil') });
    expect(suggester.scope).toBe('readonly');
    const editor = await openCollab({ baseURL: portal.url, documentName: documentId, cookie: cookie('member') });

    // A modified client writes straight into the shared text.
    typeIntoFirstParagraph(suggester.doc, 'INJECTED BY A SUGGESTER');
    await waitFor(() => suggester.syncStatuses.includes(false), 'the server to refuse the update');
    await sleep(200);
    const live = (portal.services.collab as CollabServer).hocuspocus.documents.get(documentId)!;
    expect(renderPlainText(live)).toBe(TEXT);
    expect(renderPlainText(editor.doc)).toBe(TEXT);
    expect(await storedText(documentId)).toBe(TEXT);
    // The same person proposes the change through the server instead.
    const suggestionId = await suggest('civil', documentId, 'thirty days', 'fifteen days');
    await waitFor(() => anchorTexts(editor.doc).get(suggestionId) === 'thirty days', 'the editor to receive the mark live');
    expect(renderPlainText(editor.doc)).toBe(TEXT);
  });

  test('creating: the mark goes into the text, the panel shows author, institution and sector; the text itself is unchanged', async () => {
    const documentId = await newDocument();
    const suggestionId = await suggest('civil', documentId, 'thirty days', 'fifteen days', 'Faster publication.');
    expect((await storedMarks(documentId)).get(suggestionId)).toBe('thirty days');
    expect(await storedText(documentId)).toBe(TEXT);
    const seen = await panel('private', documentId);
    expect(seen.suggestions).toHaveLength(1);
    expect(seen.suggestions[0]).toMatchObject({
      id: suggestionId,
      quote: 'thirty days',
      proposedText: 'fifteen days',
      rationale: 'Faster publication.',
      status: 'pending',
      outdated: false,
      institutionSector: 'civil_society',
    });
    expect(seen.suggestions[0].authorName).toBeTruthy();
    const events = await listAuditEvents(db, { entityType: 'document', entityId: documentId });
    expect(events.map((e) => e.action)).toContain('suggestion.created');
    // The proposal stays out of the audit log, as comment text does.
    expect(events.map((e) => e.details).join(' ')).not.toContain('fifteen');
    // A plain form post (no JavaScript) works too, and returns to the suggestion.
    const plain = crypto.randomUUID();
    const response = await browsers.civil.post(`/documents/${documentId}/suggestions`, { intent: 'create', suggestionId: plain, proposedText: '', ...anchorFields('the plan') });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/documents/${documentId}#suggestion-${plain}`);
  });

  test('who may suggest and decide: the matrix of the demo roles', async () => {
    const documentId = await newDocument();
    const path = `/documents/${documentId}/suggestions`;
    // Observers (comment access here) may not suggest; outsiders to AMBER do not see the document.
    const observerTry = await postJson('observer', path, { intent: 'create', suggestionId: crypto.randomUUID(), proposedText: 'x', ...anchorFields('ministry') });
    expect(observerTry.status).toBe(403);
    const outsiderTry = await postJson('academic', path, { intent: 'create', suggestionId: crypto.randomUUID(), proposedText: 'x', ...anchorFields('ministry') });
    expect(outsiderTry.status).toBe(404);
    // Editors (partner and owner) and the secretariat may suggest as well.
    const fromPartner = await suggest('private', documentId, 'ministry', 'Ministry of Security');
    await suggest('secretariat', documentId, 'publish', 'adopt');
    const suggestionId = await suggest('civil', documentId, 'thirty days', 'fifteen days');

    expect((await panel('civil', documentId)).canDecide).toBe(false);
    expect((await panel('private', documentId)).canDecide).toBe(false);
    expect((await panel('member', documentId)).canDecide).toBe(true);
    expect((await panel('secretariat', documentId)).canDecide).toBe(true);
    expect((await panel('observer', documentId)).canSuggest).toBe(false);
    expect((await panel('civil', documentId)).canSuggest).toBe(true);
    // The suggester and a partner with edit rights may not decide; the owner's editor and the secretariat may.
    for (const who of ['civil', 'private', 'observer'] as const) {
      expect((await postJson(who, path, { intent: 'accept', suggestionId })).status).toBe(403);
      expect((await postJson(who, path, { intent: 'reject_all' })).status).toBe(403);
    }
    expect((await postJson('academic', path, { intent: 'accept', suggestionId })).status).toBe(404);
    expect((await getSuggestion(db, suggestionId))?.status).toBe('pending');
    expect((await postJson('secretariat', path, { intent: 'reject', suggestionId: fromPartner })).status).toBe(200);
    // The public is sent to sign in.
    const anonymous = await new TestBrowser(portal.url).get(path);
    expect(anonymous.status).toBe(302);
  });

  test('accepting applies the change on the server: live clients see it, the mark goes, a version names the decider', async () => {
    const documentId = await newDocument();
    const watcher = await openCollab({ baseURL: portal.url, documentName: documentId, cookie: cookie('private') });
    const suggestionId = await suggest('civil', documentId, 'thirty days', 'fifteen days');
    await waitFor(() => anchorTexts(watcher.doc).has(suggestionId), 'the mark to arrive');

    const response = await postJson('member', `/documents/${documentId}/suggestions`, { intent: 'accept', suggestionId });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { versionNumber: number };
    const expected = TEXT.replace('thirty days', 'fifteen days');
    await waitFor(() => renderPlainText(watcher.doc) === expected, 'the watcher to see the accepted text');
    expect(anchorTexts(watcher.doc).has(suggestionId)).toBe(false);
    expect(await storedText(documentId)).toBe(expected);
    expect((await storedMarks(documentId)).has(suggestionId)).toBe(false);

    const row = await getSuggestion(db, suggestionId);
    expect(row).toMatchObject({ status: 'accepted', decidedById: ids.member, appliedText: 'fifteen days' });
    const version = await db.selectFrom('documentVersion').selectAll().where('documentId', '=', documentId).where('number', '=', result.versionNumber).executeTakeFirstOrThrow();
    expect(version).toMatchObject({ kind: 'suggestion', createdById: ids.member });
    expect(version.html).toContain('fifteen days');
    const actions = (await listAuditEvents(db, { entityType: 'document', entityId: documentId })).map((e) => e.action);
    expect(actions).toContain('suggestion.accepted');
    // Deciding twice is refused, and changes nothing more.
    expect((await postJson('member', `/documents/${documentId}/suggestions`, { intent: 'reject', suggestionId })).status).toBe(409);
    expect(await storedText(documentId)).toBe(expected);
  });

  test('accepting in part applies the decider\'s wording; rejecting keeps the text and records the reason; a deletion removes the passage', async () => {
    const documentId = await newDocument();
    const path = `/documents/${documentId}/suggestions`;
    const partly = await suggest('civil', documentId, 'thirty days', 'fifteen days');
    const rejected = await suggest('civil', documentId, 'The ministry', 'Each ministry');
    const deletion = await suggest('private', documentId, ' of adoption', '');

    expect((await postJson('secretariat', path, { intent: 'accept_in_part', suggestionId: partly, text: 'twenty days' })).status).toBe(200);
    expect((await postJson('member', path, { intent: 'reject', suggestionId: rejected, reason: 'The plan has one owner.' })).status).toBe(200);
    expect((await postJson('member', path, { intent: 'accept', suggestionId: deletion })).status).toBe(200);

    expect(await storedText(documentId)).toBe('The ministry shall publish the plan within twenty days.');
    expect(await getSuggestion(db, partly)).toMatchObject({ status: 'accepted_in_part', appliedText: 'twenty days', decidedById: ids.secretariat });
    expect(await getSuggestion(db, rejected)).toMatchObject({ status: 'rejected', appliedText: null, decisionReason: 'The plan has one owner.' });
    expect(await getSuggestion(db, deletion)).toMatchObject({ status: 'accepted', appliedText: '' });
    // No mark is left in the text, and every decision stays on record.
    expect([...(await storedMarks(documentId)).keys()]).toEqual([]);
    expect((await panel('civil', documentId)).suggestions.map((s) => s.status).sort()).toEqual(['accepted', 'accepted_in_part', 'rejected']);
    const actions = (await listAuditEvents(db, { entityType: 'document', entityId: documentId })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['suggestion.accepted-in-part', 'suggestion.rejected', 'suggestion.accepted']));
  });

  test('an outdated suggestion: accepting is refused with a clear message and changes nothing; it can still be rejected', async () => {
    const documentId = await newDocument();
    const suggestionId = await suggest('civil', documentId, 'thirty days', 'fifteen days');
    const editor = await openCollab({ baseURL: portal.url, documentName: documentId, cookie: cookie('private') });
    await waitFor(() => anchorTexts(editor.doc).has(suggestionId), 'the mark to arrive');
    // Someone else edits inside the marked passage.
    const paragraph = (editor.doc.get('root', Y.XmlText).toDelta() as { insert: Y.XmlText }[])[0].insert;
    const mark = (paragraph.toDelta() as { insert: unknown }[]).map((part) => part.insert).find((insert): insert is Y.XmlText => insert instanceof Y.XmlText && insert.getAttribute('__type') === 'mark')!;
    const run = (mark.toDelta() as { insert: unknown }[]).findIndex((part) => typeof part.insert === 'string');
    mark.insert(run + 'thirty'.length, ' calendar');
    await editor.acknowledged();
    const changed = TEXT.replace('thirty days', 'thirty calendar days');
    await waitFor(async () => (await storedText(documentId)) === changed, 'the edit to be stored');
    const versionsBefore = await db.selectFrom('documentVersion').select('id').where('documentId', '=', documentId).execute();
    const updatesBefore = await db.selectFrom('documentUpdate').select('id').where('documentId', '=', documentId).execute();

    const response = await postJson('member', `/documents/${documentId}/suggestions`, { intent: 'accept', suggestionId });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ ok: false, errors: { suggestionId: 'suggestions.errors.outdated' } });
    // Nothing changed: text, row, versions, update log.
    expect(await storedText(documentId)).toBe(changed);
    expect(renderPlainText(editor.doc)).toBe(changed);
    expect((await getSuggestion(db, suggestionId))?.status).toBe('pending');
    expect(await db.selectFrom('documentVersion').select('id').where('documentId', '=', documentId).execute()).toHaveLength(versionsBefore.length);
    expect(await db.selectFrom('documentUpdate').select('id').where('documentId', '=', documentId).execute()).toHaveLength(updatesBefore.length);
    // Without JavaScript the refusal is a translated page.
    const plain = await browsers.member.post(`/documents/${documentId}/suggestions`, { intent: 'accept', suggestionId });
    expect(plain.status).toBe(409);
    expect(await plain.text()).toContain('changed by someone else');

    const seen = (await panel('civil', documentId)).suggestions[0];
    expect(seen.outdated).toBe(true);
    expect((await postJson('member', `/documents/${documentId}/suggestions`, { intent: 'reject', suggestionId, reason: 'Overtaken.' })).status).toBe(200);
    expect(await getSuggestion(db, suggestionId)).toMatchObject({ status: 'rejected', decisionReason: 'Overtaken.' });
    await waitFor(() => !anchorTexts(editor.doc).has(suggestionId), 'the mark to leave the live text');
    expect(renderPlainText(editor.doc)).toBe(changed);
  });

  test('re-anchoring: the author moves an outdated suggestion to the passage as it reads now, and it can be accepted again', async () => {
    const documentId = await newDocument();
    const path = `/documents/${documentId}/suggestions`;
    const suggestionId = await suggest('civil', documentId, 'thirty days', 'fifteen days');
    const editor = await openCollab({ baseURL: portal.url, documentName: documentId, cookie: cookie('private') });
    await waitFor(() => anchorTexts(editor.doc).has(suggestionId), 'the mark to arrive');
    const paragraph = (editor.doc.get('root', Y.XmlText).toDelta() as { insert: Y.XmlText }[])[0].insert;
    const mark = (paragraph.toDelta() as { insert: unknown }[]).map((part) => part.insert).find((insert): insert is Y.XmlText => insert instanceof Y.XmlText && insert.getAttribute('__type') === 'mark')!;
    const run = (mark.toDelta() as { insert: unknown }[]).findIndex((part) => typeof part.insert === 'string');
    mark.insert(run + 'thirty'.length, ' calendar');
    await editor.acknowledged();
    const changed = TEXT.replace('thirty days', 'thirty calendar days');
    await waitFor(async () => (await storedText(documentId)) === changed, 'the edit to be stored');
    expect((await panel('civil', documentId)).suggestions[0]).toMatchObject({ outdated: true, canReanchor: true });
    expect((await panel('private', documentId)).suggestions[0]).toMatchObject({ canReanchor: false });

    const fields = { intent: 'reanchor', suggestionId, ...anchorFields('thirty calendar days', changed) };
    // A partner who neither made nor may decide it may not move it.
    expect((await postJson('private', path, fields)).status).toBe(403);
    expect((await postJson('civil', path, fields)).status).toBe(200);
    await waitFor(() => anchorTexts(editor.doc).get(suggestionId) === 'thirty calendar days', 'the moved mark to arrive live');
    expect((await storedMarks(documentId)).get(suggestionId)).toBe('thirty calendar days');
    expect((await panel('civil', documentId)).suggestions[0]).toMatchObject({ outdated: false, quote: 'thirty calendar days', canReanchor: false });
    expect(await storedText(documentId)).toBe(changed);

    expect((await postJson('member', path, { intent: 'accept', suggestionId })).status).toBe(200);
    expect(await storedText(documentId)).toBe(TEXT.replace('thirty days', 'fifteen days'));
    // A decided suggestion cannot be moved.
    const late = await postJson('civil', path, { ...fields, ...anchorFields('fifteen days', TEXT.replace('thirty days', 'fifteen days')) });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ errors: { suggestionId: 'suggestions.errors.decided' } });
    const actions = (await listAuditEvents(db, { entityType: 'document', entityId: documentId })).map((e) => e.action);
    expect(actions).toContain('suggestion.re-anchored');
  });

  test("accept all of one institution's suggestions, then reject all the rest; a reply thread shares the suggestion's mark", async () => {
    const documentId = await newDocument();
    const path = `/documents/${documentId}/suggestions`;
    const civilOne = await suggest('civil', documentId, 'The ministry', 'The Ministry of Security');
    const civilTwo = await suggest('civil', documentId, 'thirty days', 'fifteen days');
    const partner = await suggest('private', documentId, 'publish', 'adopt and publish');

    const reply = await postJson('member', path, { intent: 'reply', suggestionId: partner, body: 'Why adopt first?' });
    expect(reply.status).toBe(200);
    expect((await getThread(db, partner))?.quote).toBe('publish');
    expect((await getSuggestion(db, partner))?.threadId).toBe(partner);

    const some = await postJson('member', path, { intent: 'accept_all', institutionId: institutions.civil });
    expect(some.status).toBe(200);
    expect(((await some.json()) as { decided: string[] }).decided.sort()).toEqual([civilOne, civilTwo].sort());
    expect(await storedText(documentId)).toBe('The Ministry of Security shall publish the plan within fifteen days of adoption.');
    expect((await getSuggestion(db, partner))?.status).toBe('pending');
    // One version for the whole batch.
    expect(await db.selectFrom('documentVersion').select('id').where('documentId', '=', documentId).where('kind', '=', 'suggestion').execute()).toHaveLength(1);

    expect((await postJson('member', path, { intent: 'reject_all', reason: 'Out of scope.' })).status).toBe(200);
    expect(await getSuggestion(db, partner)).toMatchObject({ status: 'rejected', decisionReason: 'Out of scope.' });
    expect(await listSuggestions(db, documentId, { status: ['pending'] })).toEqual([]);
  });

  test('the demo: the Joint Action Plan carries suggestions from three sectors, some decided and some pending, and e-Transformacija may suggest', async () => {
    const plan = await db.selectFrom('document').select(['id', 'status']).where('title', '=', 'Joint Action Plan 2026–2028').executeTakeFirstOrThrow();
    expect(plan.status).toBe('consultation');
    const seen = await panel('civil', plan.id);
    expect(seen.canSuggest).toBe(true);
    expect(seen.canDecide).toBe(false);
    expect(seen.suggestions).toHaveLength(5);
    expect(new Set(seen.suggestions.map((s) => s.institutionSector))).toEqual(new Set(['public', 'private', 'civil_society']));
    expect(seen.suggestions.map((s) => s.status).sort()).toEqual(['accepted', 'accepted_in_part', 'pending', 'pending', 'rejected']);
    expect(seen.suggestions.filter((s) => s.status === 'pending').every((s) => !s.outdated)).toBe(true);
    const text = await storedText(plan.id);
    expect(text).toContain('at least one week before each working-group meeting');
    expect(text).toContain('Which body coordinates the cyber crisis response plan (objective H)?');
    expect(text).not.toContain('quarterly press release');
    const marks = await storedMarks(plan.id);
    for (const s of seen.suggestions) expect(marks.has(s.id)).toBe(s.status === 'pending');
    // Only the two pending ones show on the workflow page, which keeps the plan from being published.
    const workflow = await (await browsers.secretariat.get(`/documents/${plan.id}/workflow`)).text();
    expect(workflow.match(/#suggestion-/g)).toHaveLength(2);
  });

  test('a document cannot be published while a suggestion is pending; the workflow page lists it with a link', async () => {
    const documentId = await newDocument('CLEAR');
    const suggestionId = await suggest('civil', documentId, 'thirty days', 'fifteen days');
    const page = await browsers.member.get(`/documents/${documentId}/workflow`);
    const html = await page.text();
    expect(html).toContain(`href="/documents/${documentId}#suggestion-${suggestionId}"`);
    expect(html).toContain('data-testid="pending-suggestions"');

    const refused = await browsers.member.post(`/documents/${documentId}/workflow`, { intent: 'publish', bump: 'major', changelog: 'First edition' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Suggestions are still waiting for a decision');
    expect(await db.selectFrom('documentEdition').select('id').where('documentId', '=', documentId).execute()).toEqual([]);
    // The service refuses too, inside its transaction, whatever the route checked.
    const document = await db.selectFrom('document').select(['id', 'title', 'status']).where('id', '=', documentId).executeTakeFirstOrThrow();
    await expect(
      publishDocument(portal.services, { document, bump: 'major', changelog: 'x', reclassification: null, actor: { id: ids.member, name: 'Member' } }),
    ).rejects.toBeInstanceOf(WorkflowConflictError);
    expect(await db.selectFrom('documentVersion').select('id').where('documentId', '=', documentId).where('kind', '=', 'workflow').execute()).toEqual([]);
  });
});
