import crypto from 'node:crypto';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { Db } from '../../db/client.server.ts';
import { anchorUpdate } from '../../app/content/comment-anchors.server.ts';
import { stateFromMarkdown } from '../../app/content/render.server.ts';
import { addReply, changeComment, createThread, setThreadStatus } from '../../app/models/comment.server.ts';
import { createDocument, getDocument } from '../../app/models/document.server.ts';
import { listPeople } from '../../app/models/person.server.ts';
import { createSuggestion, decideSuggestion } from '../../app/models/suggestion.server.ts';
import { mentionToken } from '../../app/utils/mentions.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { findAll, openDocx, runText } from '../support/docx-reader.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { createDraft, publishCurrentText } from '../support/publications.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/**
 * The Word export over HTTP on the real portal (issue 11 §3): a reader of the
 * working text gets its open comments as Word comments and its pending
 * suggestions as tracked changes; a public edition's .docx has neither.
 * Read back with JSZip, fast-xml-parser and mammoth.
 */

const TEXT = ['# Plan', '', 'The quick brown fox jumps over the lazy dog.', '', 'A second paragraph to resolve.', '', 'A hidden remark sits here.'].join('\n');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function mark(state: Uint8Array, id: string, block: number, from: number, to: number, quote: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  Y.applyUpdate(doc, anchorUpdate(state, { threadId: id, start: { block: [block], offset: from }, end: { block: [block], offset: to }, quote }));
  return Y.encodeStateAsUpdate(doc);
}

interface Marks {
  open: string;
  resolved: string;
  hidden: string;
  pending: string;
  rejected: string;
}

function markedText(): { state: Uint8Array; ids: Marks } {
  const ids: Marks = { open: crypto.randomUUID(), resolved: crypto.randomUUID(), hidden: crypto.randomUUID(), pending: crypto.randomUUID(), rejected: crypto.randomUUID() };
  let state = stateFromMarkdown(TEXT);
  state = mark(state, ids.open, 1, 4, 15, 'quick brown');
  state = mark(state, ids.rejected, 1, 16, 19, 'fox');
  state = mark(state, ids.pending, 1, 35, 39, 'lazy');
  state = mark(state, ids.resolved, 2, 2, 18, 'second paragraph');
  state = mark(state, ids.hidden, 3, 2, 15, 'hidden remark');
  return { state, ids };
}

describe.each(dialects)('the Word export on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  let db: Db;
  let people: Record<'member' | 'private' | 'secretariat', { id: string; name: string; institutionId: string; institutionName: string }>;

  async function signedIn(email: string): Promise<TestBrowser> {
    const browser = new TestBrowser(portal.url);
    expect((await browser.post('/login', { email, password: DEMO_PASSWORD, redirectTo: '/dashboard' })).status).toBe(302);
    return browser;
  }

  /** Threads and suggestions on the marks: one of each kind the export must treat differently. */
  async function discuss(documentId: string, ids: Marks) {
    const { member, private: partner, secretariat } = people;
    await createThread(db, { id: ids.open, documentId, quote: 'quick brown', authorId: partner.id, institutionId: partner.institutionId, body: `Which fox, ${mentionToken(member)}?` });
    await addReply(db, { threadId: ids.open, authorId: member.id, body: 'The brown one.' });
    const deleted = await addReply(db, { threadId: ids.open, authorId: member.id, body: 'A second thought I took back.' });
    await changeComment(db, { commentId: deleted, actorId: member.id, kind: 'delete' });
    await createThread(db, { id: ids.resolved, documentId, quote: 'second paragraph', authorId: member.id, institutionId: member.institutionId, body: 'Settled already.' });
    await setThreadStatus(db, { threadId: ids.resolved, actorId: member.id, status: 'resolved' });
    const { commentId } = await createThread(db, { id: ids.hidden, documentId, quote: 'hidden remark', authorId: partner.id, institutionId: partner.institutionId, body: 'SECRET WORDS of an insult' });
    await changeComment(db, { commentId, actorId: secretariat.id, kind: 'hide', reason: 'Off topic' });
    await createSuggestion(db, { id: ids.pending, documentId, createdById: partner.id, institutionId: partner.institutionId, quote: 'lazy', proposedText: 'sleepy', rationale: 'Kinder to the dog.' });
    await createSuggestion(db, { id: ids.rejected, documentId, createdById: partner.id, institutionId: partner.institutionId, quote: 'fox', proposedText: 'wolf', rationale: null });
    await decideSuggestion(db, { suggestionId: ids.rejected, actorId: member.id, status: 'rejected', reason: 'No.', appliedText: null });
  }

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database));
    db = portal.services.db;
    const everyone = await listPeople(db, { includeDeactivated: true });
    const person = (email: string) => {
      const found = everyone.find((p) => p.email === email)!;
      return { id: found.id, name: found.name, institutionId: found.institutionId as string, institutionName: found.institutionName as string };
    };
    people = { member: person('member@demo.example'), private: person('private@demo.example'), secretariat: person('secretariat@demo.example') };
  });

  afterAll(async () => {
    await portal?.close();
    await database?.cleanup();
  });

  test('a member with access gets the working text with open threads as comments and the pending suggestion as a tracked change', async () => {
    const { state, ids } = markedText();
    const doc = await createDocument(
      db,
      people.member.id,
      { title: 'Plan for Word', type: 'other', language: 'hr', summary: 'A plan.', ownerInstitutionId: people.member.institutionId, tlp: 'AMBER' },
      { institutions: [{ institutionId: people.private.institutionId, access: 'comment' }], people: [] },
      state,
    );
    await discuss(doc.id, ids);

    const member = await signedIn('member@demo.example');
    const page = await (await member.get(`/documents/${doc.id}`)).text();
    expect(page).toContain(`href="/documents/${doc.id}/export?format=docx"`);

    const response = await member.get(`/documents/${doc.id}/export?format=docx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(DOCX);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="Plan-for-Word.docx"');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const buffer = Buffer.from(await response.arrayBuffer());
    const docx = await openDocx(buffer);
    const documentXml = (await docx.raw('word/document.xml'))!;
    const body = (await docx.part('word/document.xml'))!;

    // Comments: the open thread (with its reply and the deleted reply's placeholder) and the hidden one; not the resolved one.
    const comments = findAll((await docx.part('word/comments.xml'))!, 'w:comment');
    const described = comments.map((c) => [c.attributes['w:author'], findAll(c, 'w:p').map(runText).join('\n')]);
    expect(described).toEqual([
      [`${people.private.name} (${people.private.institutionName})`, `Which fox, @${people.member.name}?`],
      [people.member.name, 'The brown one.'],
      [people.member.name, 'Comment deleted by its author.'],
      [`${people.private.name} (${people.private.institutionName})`, 'Reason for the proposed change: Kinder to the dog.'],
      [`${people.private.name} (${people.private.institutionName})`, 'Hidden by the secretariat: Off topic'],
    ]);
    const commentsXml = (await docx.raw('word/comments.xml'))!;
    expect(commentsXml).not.toContain('SECRET WORDS');
    expect(commentsXml).not.toContain('Settled already');
    expect(commentsXml).not.toContain('second thought');
    expect(commentsXml).not.toContain('user:');
    expect(findAll(body, 'w:commentRangeStart')).toHaveLength(5);

    // The pending suggestion: "lazy" deleted and "sleepy" inserted, by its author; the rejected one is plain text.
    const [deletion] = findAll(body, 'w:del');
    const [insertion] = findAll(body, 'w:ins');
    expect(findAll(body, 'w:del')).toHaveLength(1);
    expect(runText(deletion)).toBe('lazy');
    expect(runText(insertion)).toBe('sleepy');
    for (const change of [deletion, insertion]) {
      expect(change.attributes['w:author']).toBe(`${people.private.name} (${people.private.institutionName})`);
      expect(change.attributes['w:date']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    }
    expect(documentXml).not.toContain('wolf');
    expect(documentXml).not.toContain(ids.open);
    expect((await mammoth.extractRawText({ buffer })).value).toContain('The quick brown fox jumps over the sleepy dog.');
    expect(findAll((await docx.part('word/styles.xml'))!, 'w:lang')[0].attributes['w:val']).toBe('hr-BA');
    expect(await docx.raw('docProps/core.xml')).toContain('TLP:AMBER');
  });

  test('a suggestion proposed over HTTP comes out of the export as a tracked change', async () => {
    const doc = await createDocument(
      db,
      people.member.id,
      { title: 'Suggested over HTTP', type: 'other', language: 'en', summary: '', ownerInstitutionId: people.member.institutionId, tlp: 'GREEN' },
      { institutions: [{ institutionId: people.private.institutionId, access: 'suggest' }], people: [] },
      stateFromMarkdown(TEXT),
    );
    const partner = await signedIn('private@demo.example');
    const suggestionId = crypto.randomUUID();
    const proposed = await partner.post(`/documents/${doc.id}/suggestions`, {
      intent: 'create',
      suggestionId,
      quote: 'lazy',
      anchor: JSON.stringify({ start: { block: [1], offset: 35 }, end: { block: [1], offset: 39 } }),
      proposedText: 'sleepy',
      rationale: 'Kinder to the dog.',
    });
    expect(proposed.status).toBe(302);
    const response = await partner.get(`/documents/${doc.id}/export?format=docx`);
    expect(response.status).toBe(200);
    const buffer = Buffer.from(await response.arrayBuffer());
    const body = (await (await openDocx(buffer)).part('word/document.xml'))!;
    const author = `${people.private.name} (${people.private.institutionName})`;
    expect(findAll(body, 'w:del').map((change) => [runText(change), change.attributes['w:author']])).toEqual([['lazy', author]]);
    expect(findAll(body, 'w:ins').map((change) => [runText(change), change.attributes['w:author']])).toEqual([['sleepy', author]]);
    expect((await mammoth.extractRawText({ buffer })).value).toContain('over the sleepy dog.');
  });

  test('an unknown format is a 400; the export of a missing document is a 404', async () => {
    const member = await signedIn('member@demo.example');
    const doc = await createDocument(
      db,
      people.member.id,
      { title: 'Format probe', type: 'other', language: 'en', summary: '', ownerInstitutionId: people.member.institutionId, tlp: 'GREEN' },
      { institutions: [], people: [] },
      stateFromMarkdown('Text.'),
    );
    expect((await member.get(`/documents/${doc.id}/export?format=doc`)).status).toBe(400);
    expect((await member.get(`/documents/${crypto.randomUUID()}/export?format=docx`)).status).toBe(404);
  });

  test('the public edition offers .docx: the published text only, no comments and no suggestions', async () => {
    const { state, ids } = markedText();
    const draft = await createDraft(db, { actorId: people.secretariat.id, ownerInstitutionId: people.member.institutionId, state, title: `Public plan ${crypto.randomUUID().slice(0, 6)}`, participantIds: [people.private.institutionId] });
    await publishCurrentText(db, { documentId: draft.id, actorId: people.secretariat.id, bump: 'major', changelog: 'First edition' });
    await discuss(draft.id, ids);
    const slug = (await getDocument(db, draft.id))!.slug!;

    const anonymous = new TestBrowser(portal.url);
    const page = await (await anonymous.get(`/publications/${slug}/v/1.0`)).text();
    expect(page).toContain(`href="/publications/${slug}/v/1.0/download.docx"`);
    const response = await anonymous.get(`/publications/${slug}/v/1.0/download.docx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(DOCX);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="Public-plan-[A-Za-z0-9-]+-1-0\.docx"$/);
    const buffer = Buffer.from(await response.arrayBuffer());
    const docx = await openDocx(buffer);
    const documentXml = (await docx.raw('word/document.xml'))!;
    expect(documentXml).not.toMatch(/<w:(ins|del|commentRangeStart|commentReference)\b/);
    expect(findAll((await docx.part('word/comments.xml')) ?? [], 'w:comment')).toHaveLength(0);
    for (const id of Object.values(ids)) expect(documentXml).not.toContain(id);
    const text = (await mammoth.extractRawText({ buffer })).value;
    expect(text).toContain('The quick brown fox jumps over the lazy dog.');
    expect(text).not.toMatch(/sleepy|Which fox|SECRET|Kinder/);
    expect(await docx.raw('docProps/core.xml')).toContain('TLP:CLEAR');
    // A signed-in member gets the same public file: still nothing of the discussion.
    const member = await signedIn('member@demo.example');
    const asMember = await (await member.get(`/publications/${slug}/v/1.0/download.docx`)).arrayBuffer();
    expect(await (await openDocx(asMember)).raw('word/document.xml')).not.toMatch(/<w:(ins|del|commentRangeStart)\b/);
  });
});
