import { hashPassword } from 'better-auth/crypto';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import en from '../../app/locales/en.ts';
import { listAuditEvents } from '../../app/models/audit.server.ts';
import { addReply, changeComment, createThread } from '../../app/models/comment.server.ts';
import { createDocument } from '../../app/models/document.server.ts';
import { listInstitutionOptions } from '../../app/models/institution.server.ts';
import { createSuggestion, decideSuggestion, setSuggestionThread } from '../../app/models/suggestion.server.ts';
import { applyMove } from '../../app/models/workflow.server.ts';
import { stateFromMarkdown } from '../../app/content/render.server.ts';
import { buildReportRows } from '../../app/services/consultation-report.server.ts';
import { publishDocument } from '../../app/services/document-workflow.server.ts';
import { mentionToken } from '../../app/utils/mentions.ts';
import type { Tlp } from '../../db/schema.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { makePerson, unique } from '../support/factories.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/**
 * The consultation report (docs/consultation-report.md) on a real portal:
 * which rows it holds, its filters, decisions with their permission checks
 * and audit, the three files read back with readers the project did not
 * write, hidden words kept out of every output, and the report frozen with
 * a public edition. Needs the Remix server build.
 */

const MCT = 'Ministry of Communications and Transport of Bosnia and Herzegovina';
const MSB = 'Ministry of Security of Bosnia and Herzegovina';
const BHT = 'BH Telecom';
const OSCE = 'OSCE Mission to Bosnia and Herzegovina';

describe.each(dialects)('the consultation report on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  let ownerEditor: { id: string; email: string; name: string };
  const ids = new Map<string, string>();
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

  const id = (key: string) => {
    const found = ids.get(key);
    if (!found) throw new Error(`no id for ${key}`);
    return found;
  };

  /**
   * A document owned by MCT with MSB editing and BH Telecom and the OSCE commenting, taken into
   * consultation and out again, with one thread before, three during and one after, and two
   * suggestions during (one accepted in part, one pending) and one after.
   */
  async function consulted(tlp: Tlp, options: { close?: boolean } = {}) {
    const db = database.db;
    const doc = await createDocument(
      db,
      id('secretariat@demo.example'),
      { title: `Consulted ${unique()}`, type: 'position_paper', language: 'en', summary: 'A paper for the report test.', ownerInstitutionId: id(MCT), tlp },
      {
        institutions: [
          { institutionId: id(MSB), access: 'edit' },
          { institutionId: id(BHT), access: 'comment' },
          { institutionId: id(OSCE), access: 'comment' },
        ],
        people: [],
      },
      stateFromMarkdown('# Paper\n\nOperators report incidents within 72 hours.'),
    );
    const thread = async (key: string, author: string, institution: string, body: string, quote = 'within 72 hours') => {
      const threadId = crypto.randomUUID();
      await createThread(db, { id: threadId, documentId: doc.id, quote, authorId: id(author), institutionId: id(institution), body });
      ids.set(`${doc.id}:${key}`, threadId);
      return threadId;
    };
    const before = await thread('before', 'private@demo.example', BHT, 'Written before the consultation.');
    await db.updateTable('commentThread').set({ createdAt: '2000-01-01T00:00:00.000Z' }).where('id', '=', before).execute();
    await applyMove(db, { documentId: doc.id, from: 'draft', to: 'consultation', note: '', actorId: id('secretariat@demo.example'), versionId: null });
    const privateThread = await thread('private', 'private@demo.example', BHT, `Seventy-two hours is short for operators, ${mentionToken({ id: id('member@demo.example'), name: 'Lejla Kovačević' })}.`);
    await addReply(db, { threadId: privateThread, authorId: id('member@demo.example'), body: 'The directive asks for 72 hours.' });
    await thread('public', 'member@demo.example', MSB, 'The Ministry agrees with the deadline.');
    await thread('formula', 'private@demo.example', BHT, '=HYPERLINK("http://evil.example","click")', '=1+2');
    const suggestion = (key: string, proposedText: string) => {
      const suggestionId = crypto.randomUUID();
      ids.set(`${doc.id}:${key}`, suggestionId);
      return createSuggestion(db, { id: suggestionId, documentId: doc.id, createdById: id('member@demo.example'), institutionId: id(MSB), quote: '72 hours', proposedText, rationale: 'Align with NIS2.' }).then(() => suggestionId);
    };
    const accepted = await suggestion('accepted', '24 hours for an early warning and 72 hours');
    await decideSuggestion(db, { suggestionId: accepted, actorId: id('secretariat@demo.example'), status: 'accepted_in_part', reason: 'Kept the early warning only.', appliedText: '24 hours for an early warning' });
    await suggestion('pending', '48 hours');
    // A reply to a suggestion lives in a thread linked to it: it belongs to the suggestion's row.
    const replyThread = await thread('suggestion-reply', 'private@demo.example', BHT, 'We support the early warning.', '72 hours');
    await setSuggestionThread(db, accepted, replyThread);
    if (options.close !== false) {
      await applyMove(db, { documentId: doc.id, from: 'consultation', to: 'draft', note: '', actorId: id('secretariat@demo.example'), versionId: null });
      const after = await thread('after', 'private@demo.example', BHT, 'Written after the consultation.');
      await db.updateTable('commentThread').set({ createdAt: '2999-01-01T00:00:00.000Z' }).where('id', '=', after).execute();
      const late = await suggestion('late', 'never');
      await db.updateTable('suggestion').set({ createdAt: '2999-01-01T00:00:00.000Z' }).where('id', '=', late).execute();
    }
    return doc;
  }

  async function decidePending(documentId: string) {
    for (const key of ['pending', 'late']) {
      const suggestionId = ids.get(`${documentId}:${key}`);
      if (suggestionId) await decideSuggestion(database.db, { suggestionId, actorId: id('secretariat@demo.example'), status: 'rejected', reason: 'Kept 72 hours.', appliedText: null });
    }
  }

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database));
    for (const option of await listInstitutionOptions(database.db)) ids.set(option.name, option.id);
    for (const row of await database.db.selectFrom('user').select(['id', 'email']).execute()) ids.set(row.email, row.id);
    const editor = await makePerson(database.db, { institutionId: id(MCT), role: 'member', passwordHash: await hashPassword(DEMO_PASSWORD) });
    ownerEditor = editor;
  });

  afterAll(async () => {
    await portal?.close();
    await database?.cleanup();
  });

  test('rows: every thread and suggestion made in the window, none outside it, with institution, sector, replies, decision and result', async () => {
    const doc = await consulted('GREEN');
    const rows = await buildReportRows(portal.services, doc.id, { namesPeople: true });
    const key = (k: string) => ids.get(`${doc.id}:${k}`);
    expect(rows.map((row) => row.id).sort()).toEqual([key('private'), key('public'), key('formula'), key('accepted'), key('pending')].sort());
    const privateRow = rows.find((row) => row.id === key('private'))!;
    expect(privateRow).toMatchObject({ kind: 'comment', round: 1, institutionName: BHT, sector: 'private', decision: 'pending', quote: 'within 72 hours' });
    expect(privateRow.comments.map((c) => c.body)).toEqual(['Seventy-two hours is short for operators, @Lejla Kovačević.', 'The directive asks for 72 hours.']);
    // The anchor was never placed in the text: the passage reads as removed.
    expect(privateRow.result).toEqual({ state: 'removed' });
    const acceptedRow = rows.find((row) => row.id === key('accepted'))!;
    expect(acceptedRow).toMatchObject({ kind: 'suggestion', sector: 'public', decision: 'accepted_in_part', decisionReason: 'Kept the early warning only.', result: { state: 'text', text: '24 hours for an early warning' } });
    expect(acceptedRow.proposal).toEqual({ text: '24 hours for an early warning and 72 hours', rationale: 'Align with NIS2.' });
    expect(acceptedRow.comments.map((c) => c.body)).toEqual(['We support the early warning.']);
    expect(rows.find((row) => row.id === key('pending'))).toMatchObject({ decision: 'pending', result: { state: 'pending' } });
    // Without names: no author, no decider, mentions without the name.
    const anonymous = await buildReportRows(portal.services, doc.id, { namesPeople: false });
    const text = JSON.stringify(anonymous);
    for (const name of ['Nikola Petrović', 'Lejla Kovačević', 'Dario Marić']) expect(text).not.toContain(name);
    expect(text).toContain('operators, @….');
  });

  test('the page: readers of the document see it, filters by institution, sector and decision live in the URL; no report without consultation, 404 for outsiders', async () => {
    const doc = await consulted('GREEN');
    const path = `/documents/${doc.id}/consultation`;
    const secretariat = await as('secretariat@demo.example');
    const all = await (await secretariat.get(path)).text();
    expect(all).toContain('Seventy-two hours is short');
    expect(all).toContain('The Ministry agrees');
    expect(all).not.toContain('Written before the consultation');
    expect(all).not.toContain('Written after the consultation');
    const privateOnly = await (await secretariat.get(`${path}?sector=private`)).text();
    expect(privateOnly).toContain('Seventy-two hours is short');
    expect(privateOnly).not.toContain('The Ministry agrees');
    expect(privateOnly).not.toContain('24 hours for an early warning');
    const byInstitution = await (await secretariat.get(`${path}?institution=${id(MSB)}`)).text();
    expect(byInstitution).toContain('The Ministry agrees');
    expect(byInstitution).not.toContain('Seventy-two hours is short');
    const decided = await (await secretariat.get(`${path}?decision=accepted_in_part`)).text();
    expect(decided).toContain('24 hours for an early warning');
    expect(decided).not.toContain('The Ministry agrees');
    // A participant reads it too, without the decision forms; the document page links it.
    const participant = await as('private@demo.example');
    const participantPage = await (await participant.get(path)).text();
    expect(participantPage).toContain('The Ministry agrees');
    expect(participantPage).not.toContain('name="intent" value="decide"');
    expect(all).toContain('name="intent" value="decide"');
    expect(await (await secretariat.get(`/documents/${doc.id}`)).text()).toContain(`href="${path}"`);
    // Never in consultation: no report.
    const fresh = await createDocument(database.db, id('secretariat@demo.example'), { title: `Fresh ${unique()}`, type: 'other', language: 'en', summary: '', ownerInstitutionId: id(MCT), tlp: 'GREEN' }, { institutions: [], people: [] }, stateFromMarkdown('Text.'));
    expect((await secretariat.get(`/documents/${fresh.id}/consultation`)).status).toBe(404);
    // Someone who may not read an AMBER+STRICT document gets 404 for the page and every file.
    const strict = await consulted('AMBER+STRICT');
    const academic = await as('academic@demo.example');
    for (const suffix of ['', '.docx', '.xlsx', '.html']) {
      expect((await academic.get(`/documents/${strict.id}/consultation${suffix}`)).status, suffix).toBe(404);
    }
    expect((await new TestBrowser(portal.url).get(path)).headers.get('location')).toMatch(/^\/login/);
  });

  test('decisions: the secretariat and owner editors record them, with audit; others get 403 and nothing changes; a rejection needs its reason', async () => {
    const doc = await consulted('GREEN');
    const path = `/documents/${doc.id}/consultation`;
    const threadId = ids.get(`${doc.id}:private`)!;
    const decision = async () => (await database.db.selectFrom('commentThread').select(['decision', 'decisionReason', 'decidedById']).where('id', '=', threadId).executeTakeFirstOrThrow());
    for (const email of ['private@demo.example', 'member@demo.example', 'observer@demo.example', 'academic@demo.example']) {
      const response = await (await as(email)).post(path, { intent: 'decide', threadId, decision: 'accepted', reason: 'forged' });
      expect(response.status, email).toBe(403);
    }
    expect(await decision()).toEqual({ decision: null, decisionReason: null, decidedById: null });
    const secretariat = await as('secretariat@demo.example');
    const refused = await secretariat.post(path, { intent: 'decide', threadId, decision: 'rejected', reason: '' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(en.consultation.errors.reasonRequired.replace(/:/g, ':'));
    const wrong = await secretariat.post(path, { intent: 'decide', threadId, decision: 'maybe', reason: '' });
    expect(wrong.status).toBe(400);
    const done = await secretariat.post(`${path}?sector=private`, { intent: 'decide', threadId, decision: 'rejected', reason: 'The directive sets 72 hours.' });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(`${path}?sector=private&notice=decided#row-${threadId}`);
    expect(await decision()).toEqual({ decision: 'rejected', decisionReason: 'The directive sets 72 hours.', decidedById: id('secretariat@demo.example') });
    const editor = await as(ownerEditor.email);
    expect((await editor.post(path, { intent: 'decide', threadId, decision: 'noted', reason: '' })).status).toBe(302);
    expect((await decision()).decision).toBe('noted');
    const audit = (await listAuditEvents(database.db, {})).filter((event) => event.action === 'consultation.thread-decided' && event.entityId === doc.id);
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0].details)).toMatchObject({ threadId });
    // A thread of another document cannot be decided through this one.
    const other = await consulted('GREEN');
    expect((await secretariat.post(path, { intent: 'decide', threadId: ids.get(`${other.id}:public`)!, decision: 'accepted', reason: '' })).status).toBe(404);
    const page = await (await secretariat.get(path)).text();
    expect(page).toContain(en.consultation.decisions.noted);
  });

  test('the files: a Word table, a workbook with the formula guard and a standalone page, with the rows; hidden words in none of them', async () => {
    const doc = await consulted('GREEN');
    const threadId = ids.get(`${doc.id}:public`)!;
    const secret = `SECRETWORD${unique()}`;
    const reply = await addReply(database.db, { threadId, authorId: id('member@demo.example'), body: `Please keep ${secret} out of it.` });
    await changeComment(database.db, { commentId: reply, actorId: id('secretariat@demo.example'), kind: 'hide', reason: 'Personal data' });
    const path = `/documents/${doc.id}/consultation`;
    const secretariat = await as('secretariat@demo.example');

    const docx = await secretariat.get(`${path}.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(await docx.arrayBuffer());
    const xml = await zip.file('word/document.xml')!.async('string');
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['w:tbl', 'w:tr', 'w:p', 'w:r', 'w:tc'].includes(name) }).parse(xml);
    const tables = parsed['w:document']['w:body']['w:tbl'];
    expect(tables).toHaveLength(1);
    // The header row and one row per report row.
    const reportRows = await buildReportRows(portal.services, doc.id, { namesPeople: true });
    expect(reportRows).toHaveLength(5);
    expect(tables[0]['w:tr']).toHaveLength(1 + reportRows.length);
    expect(xml).toContain('The Ministry agrees with the deadline.');
    expect(xml).toContain(en.consultation.hidden);
    expect(xml).not.toContain(secret);

    const xlsx = await secretariat.get(`${path}.xlsx?sector=private`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    // Private sector only: the two BH Telecom threads, under the header.
    expect(sheet.actualRowCount).toBe(3);
    expect(cells).toContain(`'=1+2`);
    expect(cells.some((c) => c.includes('=HYPERLINK('))).toBe(true);
    expect(cells.some((c) => c.startsWith('='))).toBe(false);
    const allXlsx = new ExcelJS.Workbook();
    await allXlsx.xlsx.load(await (await secretariat.get(`${path}.xlsx`)).arrayBuffer());
    const allCells: string[] = [];
    allXlsx.worksheets[0].eachRow((row) => row.eachCell((c) => allCells.push(String(c.value))));
    expect(allCells.join('\n')).not.toContain(secret);

    const html = await secretariat.get(`${path}.html`);
    expect(html.headers.get('content-disposition')).toMatch(/^attachment/);
    const page = await html.text();
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page).toContain('<table');
    expect(page).toContain('TLP:GREEN');
    expect(page).not.toContain(secret);
    expect(await (await secretariat.get(path)).text()).not.toContain(secret);
  });

  test('publication: a CLEAR document’s report is frozen with the edition, public without names unless turned on, immutable; none for a reclassified or unpublished one', async () => {
    const doc = await consulted('CLEAR');
    const secretariatId = id('secretariat@demo.example');
    const services = portal.services;
    const actor = { id: secretariatId, name: 'Dario Marić' };
    // Publishing is blocked while a suggestion is pending (docs/suggestions.md): decide them first.
    await decidePending(doc.id);
    const anonymous = new TestBrowser(portal.url);
    const slugOf = async () => (await database.db.selectFrom('document').select('slug').where('id', '=', doc.id).executeTakeFirstOrThrow()).slug;
    await publishDocument(services, { document: { id: doc.id, title: doc.title, status: 'draft' }, bump: 'major', changelog: 'First.', reclassification: null, actor });
    const slug = await slugOf();
    const publicPath = `/publications/${slug}/v/1.0/consultation`;
    const response = await anonymous.get(publicPath);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(BHT);
    expect(page).toContain(en.sectors.private);
    expect(page).toContain('Seventy-two hours is short for operators, @….');
    expect(page).toContain(en.consultation.decisions.rejected);
    for (const name of ['Nikola Petrović', 'Lejla Kovačević', 'Dario Marić']) expect(page).not.toContain(name);
    expect(page).not.toContain('<script');
    expect(await (await anonymous.get(`/publications/${slug}/v/1.0`)).text()).toContain(`href="${publicPath}"`);

    // Frozen: a decision taken afterwards does not change it, and the database refuses an update.
    const threadId = ids.get(`${doc.id}:public`)!;
    await (await as('secretariat@demo.example')).post(`/documents/${doc.id}/consultation`, { intent: 'decide', threadId, decision: 'accepted', reason: 'DECIDED-LATER' });
    expect(await (await anonymous.get(publicPath)).text()).not.toContain('DECIDED-LATER');
    await expect(database.db.updateTable('consultationReport').set({ rows: '[]' }).where('documentId', '=', doc.id).execute()).rejects.toThrow();

    // Names on (secretariat only), then the next edition's report names people; the first stays as it was.
    expect((await (await as('member@demo.example')).post(`/documents/${doc.id}/consultation`, { intent: 'names', namesPeople: '1' })).status).toBe(403);
    expect((await (await as('secretariat@demo.example')).post(`/documents/${doc.id}/consultation`, { intent: 'names', namesPeople: '1' })).status).toBe(302);
    await publishDocument(services, { document: { id: doc.id, title: doc.title, status: 'published' }, bump: 'minor', changelog: 'Second.', reclassification: null, actor });
    const named = await (await anonymous.get(`/publications/${slug}/v/1.1/consultation`)).text();
    expect(named).toContain('Nikola Petrović');
    expect(named).toContain('DECIDED-LATER');
    expect(await (await anonymous.get(publicPath)).text()).not.toContain('Nikola Petrović');

    // A comment hidden after publication reads as hidden in the frozen report too.
    const firstComment = await database.db.selectFrom('comment').select('id').where('threadId', '=', threadId).executeTakeFirstOrThrow();
    await changeComment(database.db, { commentId: firstComment.id, actorId: secretariatId, kind: 'hide', reason: 'Moderated' });
    const afterHiding = await (await anonymous.get(publicPath)).text();
    expect(afterHiding).not.toContain('The Ministry agrees with the deadline.');
    expect(afterHiding).toContain(en.consultation.hidden);

    // A GREEN document reclassified to publish it: no public report. Unknown editions: 404.
    const green = await consulted('GREEN');
    await decidePending(green.id);
    await publishDocument(services, { document: { id: green.id, title: green.title, status: 'draft' }, bump: 'major', changelog: 'First.', reclassification: { confirmed: true, reason: 'Agreed for publication.' }, actor });
    const greenSlug = (await database.db.selectFrom('document').select('slug').where('id', '=', green.id).executeTakeFirstOrThrow()).slug;
    expect((await anonymous.get(`/publications/${greenSlug}/v/1.0`)).status).toBe(200);
    expect((await anonymous.get(`/publications/${greenSlug}/v/1.0/consultation`)).status).toBe(404);
    expect((await anonymous.get(`/publications/${slug}/v/9.0/consultation`)).status).toBe(404);
    // A document reclassified away from CLEAR after publication leaves the public site, report included.
    await database.db.updateTable('document').set({ tlp: 'GREEN' }).where('id', '=', doc.id).execute();
    expect((await anonymous.get(publicPath)).status).toBe(404);
  });

  test('the demo: the Joint Action Plan in consultation has comments from three sectors, some decided, and its report link comes first', async () => {
    const plan = await database.db.selectFrom('document').select(['id', 'status']).where('title', '=', 'Joint Action Plan 2026–2028').executeTakeFirstOrThrow();
    expect(plan.status).toBe('consultation');
    const rows = (await buildReportRows(portal.services, plan.id, { namesPeople: true })).filter((row) => row.kind === 'comment');
    expect(new Set(rows.map((row) => row.sector))).toEqual(new Set(['public', 'private', 'international']));
    expect(rows.filter((row) => row.decision !== 'pending').length).toBeGreaterThanOrEqual(2);
    expect(rows.some((row) => row.decision === 'pending')).toBe(true);
    // Anchored in the text: the passage is still there.
    expect(rows.every((row) => row.result.state === 'text')).toBe(true);
    // Read in Bosnian, the institutions are named in Bosnian where they have a Bosnian name.
    const bosnian = new Map((await database.db.selectFrom('institutionName').select(['institutionId', 'name']).where('language', '=', 'bs').execute()).map((r) => [r.institutionId, r.name]));
    const inBosnian = await buildReportRows(portal.services, plan.id, { namesPeople: true, language: 'bs' });
    expect(inBosnian.some((row) => bosnian.has(row.institutionId))).toBe(true);
    for (const row of inBosnian) if (bosnian.has(row.institutionId)) expect(row.institutionName).toBe(bosnian.get(row.institutionId));
    // The Guidelines' edition 1.0 carries its frozen report: two decided comments, institutions and sectors only.
    const published = await new TestBrowser(portal.url).get('/publications/guidelines-for-a-strategic-cybersecurity-framework/v/1.0/consultation');
    expect(published.status).toBe(200);
    const report = await published.text();
    for (const text of ['University of Sarajevo', 'e-Transformacija association', en.sectors.academic, en.sectors.civil_society, en.consultation.decisions.accepted, en.consultation.decisions.noted]) expect(report).toContain(text);
    for (const name of ['Selma Begić', 'Jasmin Mehić', 'Dario Marić']) expect(report).not.toContain(name);
    const page = await (await as('academic@demo.example')).get(`/documents/${plan.id}`);
    const html = await page.text();
    const main = html.slice(html.indexOf('<main'));
    expect(main.indexOf('data-testid="consultation-report-link"')).toBeGreaterThan(0);
    expect(main.indexOf('data-testid="consultation-report-link"')).toBeLessThan(main.indexOf('<h1'));
  });
});
