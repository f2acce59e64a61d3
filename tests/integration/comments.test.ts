import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { anchorTexts } from '../../app/content/comment-anchors.server.ts';
import type { CollabServer } from '../../app/collab/collab-server.server.ts';
import { renderPlainText, stateFromMarkdown } from '../../app/content/render.server.ts';
import { listAuditEvents } from '../../app/models/audit.server.ts';
import { addReply, createThread, listCommentRevisions, listThreads, setThreadStatus } from '../../app/models/comment.server.ts';
import { loadMergedState } from '../../app/models/document-state.server.ts';
import { createDocument, type Participants } from '../../app/models/document.server.ts';
import { listNotifications } from '../../app/models/notification.server.ts';
import { listPeople } from '../../app/models/person.server.ts';
import { mentionToken } from '../../app/utils/mentions.ts';
import type { Db } from '../../db/client.server.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { destroyAllCollabClients, docFromState, openCollab, waitFor } from '../support/collab-client.ts';
import { unique } from '../support/factories.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/**
 * Anchored comment threads end to end: the model, the HTTP routes of a real
 * portal (signed in through the real /login form), anchors in the live Yjs
 * document edited by two real provider clients, and mention notifications.
 * Needs the Remix build (REMIX_BUILD_DIR).
 */

const WHO = ['member', 'private', 'civil', 'academic', 'observer', 'secretariat'] as const;
type Who = (typeof WHO)[number];

const TEXT = 'Opening paragraph with the anchored words inside it.';
const QUOTE = 'anchored words';

interface PanelThread {
  id: string;
  quote: string;
  status: string;
  anchorRemovedAt: string | null;
  institutionId: string;
  comments: { id: string; authorId: string; body: string; editedAt: string | null; deletedAt: string | null; hiddenAt: string | null; hiddenReason: string | null; canChange: boolean; canHide: boolean }[];
}

describe.each(dialects)('comment threads on %s', (dialect) => {
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
   * An AMBER document of the Ministry of Security (member@ owns it): BH Telecom
   * edits, e-Transformacija comments, the OSCE observer reads, and the
   * University of Sarajevo (academic@) is an outsider who may not even read it.
   */
  async function newDocument(extra: Partial<Participants> = {}, markdown = TEXT): Promise<string> {
    const state = stateFromMarkdown(markdown);
    const participants: Participants = {
      institutions: [
        { institutionId: institutions.private, access: 'edit' },
        { institutionId: institutions.civil, access: 'comment' },
        { institutionId: institutions.observer, access: 'comment' },
      ],
      people: [],
      ...extra,
    };
    const row = await createDocument(
      db,
      ids.secretariat,
      { title: `Comments test ${unique()}`, type: 'strategy', language: 'en', summary: '', ownerInstitutionId: institutions.member, tlp: 'AMBER' },
      participants,
      state,
      renderPlainText(state),
    );
    return row.id;
  }

  const anchorFields = (quote = QUOTE) => {
    const start = TEXT.indexOf(quote);
    return { anchor: JSON.stringify({ start: { block: [0], offset: start }, end: { block: [0], offset: start + quote.length } }), quote };
  };

  async function postJson(who: Who, documentId: string, fields: Record<string, string>) {
    const response = await browsers[who].request(`/documents/${documentId}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-requested-with': 'fetch' },
      body: new URLSearchParams(fields).toString(),
    });
    return response;
  }

  async function panel(who: Who, documentId: string, query = ''): Promise<{ threads: PanelThread[]; canComment: boolean; mentionable: { id: string }[] }> {
    const response = await browsers[who].request(`/documents/${documentId}/comments${query}`, { method: 'GET', headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    return response.json();
  }

  async function storedAnchors(documentId: string): Promise<Map<string, string>> {
    return anchorTexts(docFromState(await loadMergedState(db, documentId)));
  }

  test('the model opens, answers, resolves and reopens threads, filters them, and audits status changes', async () => {
    const documentId = await newDocument();
    const first = crypto.randomUUID();
    const second = crypto.randomUUID();
    await createThread(db, { id: first, documentId, quote: 'a', authorId: ids.member, institutionId: institutions.member, body: 'First' });
    await createThread(db, { id: second, documentId, quote: 'b', authorId: ids.civil, institutionId: institutions.civil, body: 'Second' });
    await addReply(db, { threadId: first, authorId: ids.private, body: 'Reply' });
    expect(await setThreadStatus(db, { threadId: first, actorId: ids.member, status: 'resolved' })).toBe(true);
    expect(await setThreadStatus(db, { threadId: first, actorId: ids.member, status: 'resolved' })).toBe(false);

    const all = await listThreads(db, documentId);
    expect(all.map((t) => t.id).sort()).toEqual([first, second].sort());
    const resolved = all.find((t) => t.id === first)!;
    expect(resolved.comments.map((c) => c.body)).toEqual(['First', 'Reply']);
    expect(resolved.resolverName).toBeTruthy();
    expect((await listThreads(db, documentId, { status: 'open' })).map((t) => t.id)).toEqual([second]);
    expect((await listThreads(db, documentId, { authorId: ids.member })).map((t) => t.id)).toEqual([first]);
    expect((await listThreads(db, documentId, { institutionId: institutions.civil })).map((t) => t.id)).toEqual([second]);

    expect(await setThreadStatus(db, { threadId: first, actorId: ids.secretariat, status: 'open' })).toBe(true);
    const events = await listAuditEvents(db, { entityType: 'document', entityId: documentId });
    const actions = events.map((e) => e.action);
    expect(actions.filter((a) => a === 'comment.thread-resolved')).toHaveLength(1);
    expect(actions.filter((a) => a === 'comment.thread-reopened')).toHaveLength(1);
    // Comment text never goes to the audit log.
    expect(events.map((e) => e.details).join(' ')).not.toContain('First');
  });

  test('a plain form post opens a thread, marks the text in the stored document and returns to the thread', async () => {
    const documentId = await newDocument();
    const threadId = crypto.randomUUID();
    const response = await browsers.member.post(`/documents/${documentId}/comments`, { intent: 'create', threadId, body: 'Please define this.', ...anchorFields() });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/documents/${documentId}#thread-${threadId}`);
    expect((await storedAnchors(documentId)).get(threadId)).toBe(QUOTE);
    // Published text knows nothing of it.
    expect(renderPlainText((await loadMergedState(db, documentId))!)).toBe(TEXT);

    const data = await panel('private', documentId);
    const thread = data.threads.find((t) => t.id === threadId)!;
    expect(thread).toMatchObject({ quote: QUOTE, status: 'open', anchorRemovedAt: null, institutionId: institutions.member });
    expect(thread.comments.map((c) => c.body)).toEqual(['Please define this.']);
    // The document page itself shows the thread without JavaScript, and a plain reply form works.
    const page = await browsers.private.get(`/documents/${documentId}`);
    expect(await page.text()).toContain(`id="thread-${threadId}"`);
    const reply = await browsers.private.post(`/documents/${documentId}/comments`, { intent: 'reply', threadId, body: 'Defined in section A.' });
    expect(reply.status).toBe(302);
    expect(reply.headers.get('location')).toBe(`/documents/${documentId}#thread-${threadId}`);
    expect((await panel('member', documentId)).threads[0].comments.map((c) => c.body)).toEqual(['Please define this.', 'Defined in section A.']);
  });

  test('who may read, write and resolve: observers, outsiders to AMBER and the public are refused', async () => {
    const documentId = await newDocument();
    const threadId = crypto.randomUUID();
    expect((await postJson('civil', documentId, { intent: 'create', threadId, body: 'From civil society', ...anchorFields() })).status).toBe(200);

    // The observer reads but may not comment: the document does not name them.
    const observerView = await panel('observer', documentId);
    expect(observerView.canComment).toBe(false);
    expect(observerView.threads.map((t) => t.id)).toEqual([threadId]);
    expect((await postJson('observer', documentId, { intent: 'reply', threadId, body: 'x' })).status).toBe(403);
    expect((await postJson('observer', documentId, { intent: 'create', threadId: crypto.randomUUID(), body: 'x', ...anchorFields('Opening') })).status).toBe(403);

    // Outside the AMBER circle the document and its comments do not exist.
    const outsider = await browsers.academic.request(`/documents/${documentId}/comments`, { method: 'GET', headers: { accept: 'application/json' } });
    expect(outsider.status).toBe(404);
    expect(await outsider.text()).not.toContain('From civil society');
    expect((await postJson('academic', documentId, { intent: 'reply', threadId, body: 'x' })).status).toBe(404);

    // The public is sent to sign in, for reading and for writing.
    const anonymous = new TestBrowser(portal.url);
    const anonymousRead = await anonymous.get(`/documents/${documentId}/comments`);
    expect(anonymousRead.status).toBe(302);
    expect(anonymousRead.headers.get('location')).toMatch(/^\/login/);
    expect((await anonymous.post(`/documents/${documentId}/comments`, { intent: 'reply', threadId, body: 'x' })).status).toBe(302);

    // Resolving someone else's thread needs edit access or the secretariat; the author may.
    expect((await postJson('observer', documentId, { intent: 'resolve', threadId })).status).toBe(403);
    expect((await postJson('private', documentId, { intent: 'resolve', threadId })).status).toBe(200);
    expect((await postJson('civil', documentId, { intent: 'reopen', threadId })).status).toBe(200);
    expect((await postJson('secretariat', documentId, { intent: 'resolve', threadId })).status).toBe(200);
    expect((await panel('member', documentId, '?status=resolved')).threads.map((t) => t.id)).toEqual([threadId]);
    expect((await panel('member', documentId, '?status=open')).threads).toEqual([]);

    // Once the document names the observer with comment access, they may comment.
    const named = await newDocument({ people: [{ userId: ids.observer, access: 'comment' }] });
    expect((await postJson('observer', named, { intent: 'create', threadId: crypto.randomUUID(), body: 'Observer note', ...anchorFields() })).status).toBe(200);
  });

  test('any selection shape is accepted: a triple click, across paragraphs, in a list, in a table, ending at the start of the next block', async () => {
    const markdown = `${TEXT}\n\nSecond paragraph.\n\n- item one\n- item two\n\n| Head | Other |\n| --- | --- |\n| cell a | cell b |`;
    const shapes = [
      // What a triple click gives (the end at offset 0 of the next block), as an older page sent it and as the editor sends it now.
      { name: 'triple click, raw', start: { block: [0], offset: 0 }, end: { block: [1], offset: 0 }, quote: `${TEXT}\n`, marked: TEXT },
      { name: 'triple click, normalised', start: { block: [0], offset: 0 }, end: { block: [0], offset: TEXT.length }, quote: TEXT, marked: TEXT },
      { name: 'across paragraphs', start: { block: [0], offset: TEXT.indexOf('inside') }, end: { block: [1], offset: 6 }, quote: 'inside it.\nSecond', marked: 'inside it.Second' },
      { name: 'a list item', start: { block: [2, 0], offset: 0 }, end: { block: [2, 1], offset: 0 }, quote: 'item one', marked: 'item one' },
      { name: 'a table cell', start: { block: [3, 1, 0, 0], offset: 0 }, end: { block: [3, 1, 1, 0], offset: 0 }, quote: 'cell a', marked: 'cell a' },
      { name: 'from the end of a block', start: { block: [1], offset: 'Second paragraph.'.length }, end: { block: [2, 0], offset: 4 }, quote: 'item', marked: 'item' },
    ];
    for (const shape of shapes) {
      const documentId = await newDocument({}, markdown);
      const threadId = crypto.randomUUID();
      const response = await postJson('civil', documentId, {
        intent: 'create',
        threadId,
        body: shape.name,
        quote: shape.quote,
        anchor: JSON.stringify({ start: shape.start, end: shape.end }),
      });
      expect({ shape: shape.name, status: response.status }).toEqual({ shape: shape.name, status: 200 });
      expect((await storedAnchors(documentId)).get(threadId)).toBe(shape.marked);
      expect((await panel('civil', documentId)).threads.map((t) => t.quote)).toEqual([shape.quote.trim()]);
    }
    // A real change is still refused: the quote is checked after normalising.
    const documentId = await newDocument({}, markdown);
    const changed = await postJson('civil', documentId, {
      intent: 'create',
      threadId: crypto.randomUUID(),
      body: 'x',
      quote: 'Second paragraph!',
      anchor: JSON.stringify({ start: { block: [1], offset: 0 }, end: { block: [2, 0], offset: 0 } }),
    });
    expect(changed.status).toBe(409);
  });

  test('the author edits and deletes their own comment, the secretariat hides one with a reason; earlier wordings are kept, the audit log names them', async () => {
    const documentId = await newDocument();
    const threadId = crypto.randomUUID();
    expect((await postJson('civil', documentId, { intent: 'create', threadId, body: 'First wording', ...anchorFields() })).status).toBe(200);
    expect((await postJson('private', documentId, { intent: 'reply', threadId, body: 'A reply from the operator' })).status).toBe(200);
    const [first, reply] = (await panel('civil', documentId)).threads[0].comments;
    expect(first).toMatchObject({ canChange: true, canHide: false });
    expect(reply).toMatchObject({ canChange: false });
    expect((await panel('secretariat', documentId)).threads[0].comments.map((c) => c.canHide)).toEqual([true, true]);

    // Only the author may edit or delete; nobody else, not even the secretariat.
    for (const who of ['private', 'secretariat', 'member'] as const) {
      expect((await postJson(who, documentId, { intent: 'edit', commentId: first.id, body: 'Not mine' })).status).toBe(403);
      expect((await postJson(who, documentId, { intent: 'delete', commentId: first.id })).status).toBe(403);
    }
    // Only the secretariat may hide, and with a reason.
    expect((await postJson('member', documentId, { intent: 'hide', commentId: reply.id, reason: 'x' })).status).toBe(403);
    const noReason = await postJson('secretariat', documentId, { intent: 'hide', commentId: reply.id, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).errors).toEqual({ reason: 'comments.errors.reasonRequired' });
    // A comment of another document is not found through this one.
    const other = await newDocument();
    expect((await postJson('civil', other, { intent: 'edit', commentId: first.id, body: 'x' })).status).toBe(404);

    // Without JavaScript the same forms post and return to the thread.
    const edited = await browsers.civil.post(`/documents/${documentId}/comments`, { intent: 'edit', commentId: first.id, body: 'Second wording' });
    expect(edited.status).toBe(302);
    expect(edited.headers.get('location')).toBe(`/documents/${documentId}#thread-${threadId}`);
    expect((await postJson('secretariat', documentId, { intent: 'hide', commentId: reply.id, reason: 'Off topic' })).status).toBe(200);

    const forMember = (await panel('member', documentId)).threads[0].comments;
    expect(forMember[0]).toMatchObject({ body: 'Second wording', deletedAt: null });
    expect(forMember[0].editedAt).not.toBeNull();
    // Others see the reason, not the words; the author and the secretariat still see them.
    expect(forMember[1]).toMatchObject({ body: '', hiddenReason: 'Off topic' });
    expect(forMember[1].hiddenAt).not.toBeNull();
    expect((await panel('private', documentId)).threads[0].comments[1].body).toBe('A reply from the operator');
    expect((await panel('secretariat', documentId)).threads[0].comments[1]).toMatchObject({ body: 'A reply from the operator', canHide: false });
    // A hidden comment cannot be reworded under the note.
    expect((await postJson('private', documentId, { intent: 'edit', commentId: reply.id, body: 'Sneaky' })).status).toBe(403);

    expect((await postJson('civil', documentId, { intent: 'delete', commentId: first.id })).status).toBe(200);
    expect((await panel('member', documentId)).threads[0].comments[0]).toMatchObject({ body: '', canChange: false });
    expect((await postJson('civil', documentId, { intent: 'edit', commentId: first.id, body: 'Back again' })).status).toBe(403);

    // The history: every earlier wording, in order.
    expect((await listCommentRevisions(db, first.id)).map((r) => r.body)).toEqual(['First wording', 'Second wording']);
    const events = await listAuditEvents(db, { entityType: 'document', entityId: documentId });
    const changes = events.filter((e) => ['comment.edited', 'comment.deleted', 'comment.hidden'].includes(e.action));
    expect(changes.map((e) => e.action).sort()).toEqual(['comment.deleted', 'comment.edited', 'comment.hidden']);
    const details = JSON.stringify(changes.map((e) => e.details));
    expect(details).toContain(first.id);
    expect(details).toContain(reply.id);
    // The words stay out of the audit log: they carry the document's TLP.
    expect(details).not.toMatch(/wording|operator|Off topic/);
  });

  test('bad input is refused with a clear 4xx, and nothing is stored', async () => {
    const documentId = await newDocument();
    const bad = await postJson('member', documentId, { intent: 'create', threadId: 'not-a-uuid', body: '', ...anchorFields() });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toMatchObject({ threadId: 'errors.invalidChoice', body: 'comments.errors.bodyRequired' });
    const changed = await postJson('member', documentId, { intent: 'create', threadId: crypto.randomUUID(), body: 'x', ...anchorFields(QUOTE), quote: 'something else' });
    expect(changed.status).toBe(409);
    expect((await changed.json()).errors).toEqual({ quote: 'comments.errors.textChanged' });
    const withoutJs = await browsers.member.post(`/documents/${documentId}/comments`, { intent: 'create', threadId: crypto.randomUUID(), body: 'x', quote: QUOTE, anchor: '{' });
    expect(withoutJs.status).toBe(400);
    expect(await withoutJs.text()).toContain('Select the text you want to comment on.');
    expect((await panel('member', documentId)).threads).toEqual([]);
    expect((await storedAnchors(documentId)).size).toBe(0);
  });

  test('an anchor follows its text while two clients edit around and inside it; deleting the text flags the thread, undo clears it', async () => {
    const documentId = await newDocument();
    const cookie = (who: Who) => [...browsers[who].cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const a = await openCollab({ baseURL: portal.url, documentName: documentId, cookie: cookie('member') });
    const b = await openCollab({ baseURL: portal.url, documentName: documentId, cookie: cookie('private') });
    expect([a.scope, b.scope]).toEqual(['read-write', 'read-write']);

    const threadId = crypto.randomUUID();
    expect((await postJson('civil', documentId, { intent: 'create', threadId, body: 'Anchored', ...anchorFields() })).status).toBe(200);
    // Both connected clients receive the mark live.
    await waitFor(() => anchorTexts(a.doc).get(threadId) === QUOTE && anchorTexts(b.doc).get(threadId) === QUOTE, 'both clients to receive the mark');

    // At the same time: A types before and inside the anchored text, B deletes words on both sides of it.
    const paragraphOf = (doc: Y.Doc) => (doc.get('root', Y.XmlText).toDelta() as { insert: Y.XmlText }[])[0].insert;
    const markOf = (paragraph: Y.XmlText) => {
      let index = 0;
      for (const part of paragraph.toDelta() as { insert: unknown }[]) {
        if (part.insert instanceof Y.XmlText && part.insert.getAttribute('__type') === 'mark') return { mark: part.insert, index };
        index += typeof part.insert === 'string' ? part.insert.length : 1;
      }
      throw new Error('no mark in the paragraph');
    };
    const pa = paragraphOf(a.doc);
    const { mark: markA } = markOf(pa);
    pa.insert(1, 'Very first. ');
    markA.insert(1 + 'anchored'.length, ' (inserted)');
    const pb = paragraphOf(b.doc);
    const { index: markIndex } = markOf(pb);
    // "the " just before the mark (the run is "Opening paragraph with the "), and " inside" just after it (map + " inside it.").
    pb.delete(markIndex - 'the '.length, 'the '.length);
    pb.delete(markIndex - 'the '.length + 2, ' inside'.length);
    await Promise.all([a.acknowledged(), b.acknowledged()]);
    const expected = 'Very first. Opening paragraph with anchored (inserted) words it.';
    await waitFor(() => renderPlainText(a.doc) === expected && renderPlainText(b.doc) === expected, 'both clients to converge');
    const live = (portal.services.collab as CollabServer).hocuspocus.documents.get(documentId)!;
    expect(anchorTexts(live).get(threadId)).toBe('anchored (inserted) words');
    expect((await storedAnchors(documentId)).get(threadId)).toBe('anchored (inserted) words');
    expect((await panel('member', documentId)).threads[0].anchorRemovedAt).toBeNull();

    // B deletes the whole anchored text: the thread stays, flagged "text removed".
    const undo = new Y.UndoManager(b.doc.get('root', Y.XmlText));
    const { index } = markOf(paragraphOf(b.doc));
    paragraphOf(b.doc).delete(index, 1);
    await b.acknowledged();
    await waitFor(() => !anchorTexts(a.doc).has(threadId), 'A to see the text gone');
    const removed = (await panel('member', documentId)).threads;
    expect(removed.map((t) => t.id)).toEqual([threadId]);
    expect(removed[0].anchorRemovedAt).not.toBeNull();

    // Undo brings the text, and the anchor, back.
    undo.undo();
    await b.acknowledged();
    await waitFor(() => anchorTexts(a.doc).get(threadId) === 'anchored (inserted) words', 'A to see the text back');
    expect((await panel('member', documentId)).threads[0].anchorRemovedAt).toBeNull();
  });

  test('mentions notify readers only; replies notify earlier participants', async () => {
    const documentId = await newDocument();
    const threadId = crypto.randomUUID();
    const people = await listPeople(db);
    const person = (who: Who) => people.find((p) => p.id === ids[who])!;
    const readers = (await panel('member', documentId)).mentionable.map((p) => p.id);
    expect(readers).toContain(ids.private);
    expect(readers).not.toContain(ids.academic);

    const before = async (who: Who) => (await listNotifications(db, ids[who])).length;
    const counts = { private: await before('private'), academic: await before('academic'), member: await before('member'), observer: await before('observer') };
    const body = `Could ${mentionToken(person('private'))} and ${mentionToken(person('academic'))} check this?`;
    expect((await postJson('member', documentId, { intent: 'create', threadId, body, ...anchorFields() })).status).toBe(200);

    const forPrivate = await listNotifications(db, ids.private);
    expect(forPrivate).toHaveLength(counts.private + 1);
    expect(forPrivate[0]).toMatchObject({ kind: 'mention', link: `/documents/${documentId}#thread-${threadId}` });
    expect(forPrivate[0].params).toMatchObject({ actor: person('member').name });
    // The outsider to this AMBER document hears nothing of it.
    expect(await listNotifications(db, ids.academic)).toHaveLength(counts.academic);

    expect((await postJson('civil', documentId, { intent: 'reply', threadId, body: `Agreed, ${mentionToken(person('observer'))}.` })).status).toBe(200);
    const forMember = await listNotifications(db, ids.member);
    expect(forMember).toHaveLength(counts.member + 1);
    expect(forMember[0].kind).toBe('comment_reply');
    const forObserver = await listNotifications(db, ids.observer);
    expect(forObserver).toHaveLength(counts.observer + 1);
    expect(forObserver[0].kind).toBe('mention');
    // private@ only took part by being mentioned: no reply notice.
    expect(await listNotifications(db, ids.private)).toHaveLength(counts.private + 1);
  });
});
