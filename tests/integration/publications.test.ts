import crypto from 'node:crypto';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../db/client.server.ts';
import { DEMO_ACCOUNTS } from '../../db/seeds/demo.server.ts';
import { GUIDELINES_SLUG } from '../../db/seeds/review-demo.server.ts';
import { renderHtml, stateFromHtml, stateFromMarkdown } from '../../app/content/render.server.ts';
import { XSS_CORPUS } from '../../app/content/xss-corpus.server.ts';
import { createThread } from '../../app/models/comment.server.ts';
import { loadMergedState } from '../../app/models/document-state.server.ts';
import { getDocument, updateDocumentSettings } from '../../app/models/document.server.ts';
import { listDocuments } from '../../app/services/scoped-reads.server.ts';
import { slugify } from '../../app/models/edition.server.ts';
import { listInstitutionOptions } from '../../app/models/institution.server.ts';
import { listPeople } from '../../app/models/person.server.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { appendEdit, createDraft, publishCurrentText } from '../support/publications.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/**
 * The public site through a real portal (Express, Remix, the demo data), as
 * an anonymous visitor: what it shows, what it must never show, and its
 * caching. Needs the Remix server build.
 */

// Markup that tries to run script, load something or restyle the page, as Markdown and as HTML.
const HOSTILE_MARKDOWN = [
  '## Hostile heading <img src=x onerror=alert(1)>',
  '',
  '<script>alert("md")</script>',
  '',
  '[script link](javascript:alert(1)) and [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) and [fine link](https://example.org/ok)',
  '',
  '<p style="position:fixed;top:0" onclick="alert(1)">styled html in markdown</p>',
].join('\n');
// The safe part goes first: some corpus entries (an unclosed <math>, <xmp>) swallow what follows them.
const HOSTILE_HTML = `<h2>Second hostile part</h2><p>Leading <a href="https://example.org/safe">safe link</a></p>${XSS_CORPUS.join('\n')}`;

const DROPPED_ELEMENTS = ['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'IMG', 'FORM', 'INPUT', 'BUTTON', 'META', 'LINK', 'BASE', 'TEMPLATE'];

function articleOf(page: string): string {
  const match = /<article id="article"[^>]*>([\s\S]*?)<\/article>/.exec(page);
  if (!match) throw new Error('no article in the page');
  return match[1];
}

/** Parses the served article and checks every element and attribute in it. */
function expectInertArticle(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/<[^>]*\sstyle\s*=/i);
  expect(html).not.toMatch(/<[^>]*(?:javascript|vbscript|data):/i);
  const window = new Window();
  try {
    const container = window.document.createElement('div');
    container.innerHTML = html;
    const elements = Array.from(container.querySelectorAll('*'));
    expect(elements.length).toBeGreaterThan(0);
    for (const element of elements) {
      expect(DROPPED_ELEMENTS).not.toContain(element.tagName);
      for (const attribute of Array.from(element.attributes)) {
        expect(['href', 'rel', 'id', 'colspan', 'rowspan']).toContain(attribute.name);
        if (attribute.name === 'href') expect(attribute.value).toMatch(/^(https?:\/\/|mailto:|#|\/)/);
      }
    }
  } finally {
    void window.happyDOM.close();
  }
}

describe.each(dialects)('the public site on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  let db: Db;
  let anonymous: TestBrowser;
  let secretariatId: string;
  let ownerId: string;
  let partnerId: string;
  let hostile: { id: string; title: string; slug: string };

  const institutionId = async (name: string) => {
    const found = (await listInstitutionOptions(db)).find((i) => i.name === name);
    if (!found) throw new Error(`no institution ${name}`);
    return found.id;
  };

  async function slugOf(documentId: string): Promise<string> {
    const doc = await getDocument(db, documentId);
    if (!doc?.slug) throw new Error('document has no slug');
    return doc.slug;
  }

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database));
    db = portal.services.db;
    anonymous = new TestBrowser(portal.url);
    const people = await listPeople(db, { includeDeactivated: true });
    secretariatId = people.find((p) => p.email === 'secretariat@demo.example')!.id;
    ownerId = await institutionId('Ministry of Communications and Transport of Bosnia and Herzegovina');
    partnerId = await institutionId('BH Telecom');

    const state = stateFromMarkdown(HOSTILE_MARKDOWN);
    const draft = await createDraft(db, { actorId: secretariatId, ownerInstitutionId: ownerId, state, participantIds: [partnerId], title: `Hostile <b>&</b> "title" ${crypto.randomUUID().slice(0, 6)}` });
    // The HTML corpus goes in as a second, concurrent insertion into the same text.
    await appendEdit(db, draft.id, stateFromHtml(HOSTILE_HTML));
    await publishCurrentText(db, { documentId: draft.id, actorId: secretariatId, bump: 'major', changelog: 'First <script>alert(1)</script> edition' });
    hostile = { ...draft, slug: await slugOf(draft.id) };
  });

  afterAll(async () => {
    await portal?.close();
    await database?.cleanup();
  });

  test('the demo publication reads without an account: title, edition, contents, participants, editions', async () => {
    const response = await anonymous.get(`/publications/${GUIDELINES_SLUG}`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Guidelines for a Strategic Cybersecurity Framework');
    expect(page).toContain('Edition 1.0 of');
    // Every heading of the article has an id, and the contents link to exactly those ids.
    const article = articleOf(page);
    const headingIds = [...article.matchAll(/<h[2-4] id="([^"]+)">/g)].map((m) => m[1]);
    // The page has one h1, its title: the text's headings sit below it.
    expect(page.match(/<h1[ >]/g)).toHaveLength(1);
    expect(article).not.toMatch(/<h1[ >]/);
    expect(headingIds.length).toBeGreaterThan(3);
    expect(new Set(headingIds).size).toBe(headingIds.length);
    const toc = /<nav id="toc"[\s\S]*?<\/nav>/.exec(page)![0];
    expect([...toc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])).toEqual(headingIds);
    expect(page).toMatch(/<article id="article" lang="en"/);
    expect(page).toContain('BH Telecom');
    expect(page).toContain(`href="/publications/${GUIDELINES_SLUG}/v/1.0"`);
    expect(page).toContain(`href="/publications/${GUIDELINES_SLUG}/v/1.0/download.html"`);
    expect(page).toContain(`href="/publications/${GUIDELINES_SLUG}/v/1.0/download.md"`);
    // The only names are institutions: no person, not even the one who published.
    for (const account of DEMO_ACCOUNTS) expect(page).not.toContain(account.name);
  });

  test('Open Graph and meta tags describe the edition with absolute addresses', async () => {
    const page = await (await anonymous.get(`/publications/${GUIDELINES_SLUG}`)).text();
    const url = `${new URL(`/publications/${GUIDELINES_SLUG}`, portal.services.baseURL).href}`;
    expect(page).toContain(`<link rel="canonical" href="${url}"/>`);
    expect(page).toContain(`<meta property="og:url" content="${url}"/>`);
    expect(page).toContain('<meta property="og:type" content="article"/>');
    expect(page).toContain('<meta property="og:site_name" content="Neretva Group"/>');
    expect(page).toMatch(/<meta property="article:published_time" content="\d{4}-\d{2}-\d{2}T[^"]+Z"\/>/);
    expect(page).toMatch(/<meta name="description" content="Nine objectives/);
    expect(page).toMatch(/<title>Guidelines for a Strategic Cybersecurity Framework · Neretva Group<\/title>/);
  });

  test('script, event handlers, javascript: and data: links and styles come out inert on the public page', async () => {
    const response = await anonymous.get(`/publications/${hostile.slug}`);
    expect(response.status).toBe(200);
    const page = await response.text();
    const article = articleOf(page);
    // The harmless parts survive, so the check is not passing on an empty article.
    expect(article).toContain('href="https://example.org/ok"');
    expect(article).toContain('href="https://example.org/safe"');
    expect(article).toContain('Second hostile part');
    expectInertArticle(article);
    // The title and the changelog are text everywhere they appear.
    expect(page).not.toContain('<b>&</b>');
    expect(page).toContain('Hostile &lt;b&gt;&amp;&lt;/b&gt; &quot;title&quot;');
    expect(page).not.toContain('<script>alert(1)</script>');
    // Not even the internal id of the document, anywhere public.
    for (const path of [`/publications/${hostile.slug}`, `/publications/${hostile.slug}/v/1.0`, '/publications', '/', '/publications.atom', '/sitemap.xml']) {
      expect(await (await anonymous.get(path)).text(), path).not.toContain(hostile.id);
    }
    // The edition page and the HTML download are the same stored HTML, and just as inert.
    expectInertArticle(articleOf(await (await anonymous.get(`/publications/${hostile.slug}/v/1.0`)).text()));
    const download = await (await anonymous.get(`/publications/${hostile.slug}/v/1.0/download.html`)).text();
    const main = /<main>([\s\S]*)<\/main>/.exec(download)![1];
    expect(main).not.toMatch(/<script|<[^>]*\son[a-z]+\s*=|<[^>]*\sstyle\s*=|<[^>]*(?:javascript|data):/i);
  });

  test('the list shows the latest edition of each publication, newest first, and filters by type and language', async () => {
    const page = await (await anonymous.get('/publications')).text();
    expect(page).toContain(`href="/publications/${GUIDELINES_SLUG}"`);
    expect(page).toContain(`href="/publications/${hostile.slug}"`);
    // Newest first: the hostile document was published after the demo.
    expect(page.indexOf(`/publications/${hostile.slug}"`)).toBeLessThan(page.indexOf(`/publications/${GUIDELINES_SLUG}"`));
    const strategies = await (await anonymous.get('/publications?type=strategy')).text();
    expect(strategies).not.toContain(`href="/publications/${GUIDELINES_SLUG}"`);
    expect(strategies).toContain('No publications match these filters.');
    const guidelines = await (await anonymous.get('/publications?type=guidelines&language=en')).text();
    expect(guidelines).toContain(`href="/publications/${GUIDELINES_SLUG}"`);
    const bosnian = await (await anonymous.get('/publications?language=bs')).text();
    expect(bosnian).not.toContain(`href="/publications/${GUIDELINES_SLUG}"`);
    // A crafted filter value is ignored, not an error.
    expect((await anonymous.get('/publications?type=%3Cscript%3E')).status).toBe(200);
    const landing = await (await anonymous.get('/')).text();
    expect(landing).toContain(`href="/publications/${GUIDELINES_SLUG}"`);
  });

  test('a later edition keeps every earlier one readable, with a diff; later unpublished edits and comments never appear', async () => {
    const draft = await createDraft(db, { actorId: secretariatId, ownerInstitutionId: ownerId, state: stateFromMarkdown('# Plan\n\nThe first agreed text.\n\n## Measures\n\nMeasure one.') });
    await publishCurrentText(db, { documentId: draft.id, actorId: secretariatId, bump: 'major', changelog: 'First edition.' });
    await appendEdit(db, draft.id, stateFromMarkdown('Second edition paragraph.'));
    await publishCurrentText(db, { documentId: draft.id, actorId: secretariatId, bump: 'minor', changelog: 'Added a paragraph.' });
    const slug = await slugOf(draft.id);

    // Edits after the last publication, and a comment thread, stay in the members' area.
    await appendEdit(db, draft.id, stateFromMarkdown('UNPUBLISHED-DRAFT-TEXT'));
    expect(renderHtml((await loadMergedState(db, draft.id))!)).toContain('UNPUBLISHED-DRAFT-TEXT');
    await createThread(db, { id: crypto.randomUUID(), documentId: draft.id, quote: 'first agreed', authorId: secretariatId, institutionId: ownerId, body: 'SECRET-COMMENT-BODY' });

    const latest = await (await anonymous.get(`/publications/${slug}`)).text();
    expect(latest).toContain('Edition 1.1 of');
    expect(articleOf(latest)).toContain('Second edition paragraph.');
    expect(latest).toContain(`href="/publications/${slug}/v/1.0"`);
    expect(latest).toContain(`href="/publications/${slug}/v/1.1"`);
    expect(latest).toContain(`href="/publications/${slug}/v/1.1/changes"`);

    const first = await anonymous.get(`/publications/${slug}/v/1.0`);
    expect(first.status).toBe(200);
    const firstPage = await first.text();
    expect(articleOf(firstPage)).not.toContain('Second edition paragraph.');
    expect(firstPage).toContain('This is the first edition.');
    expect((await anonymous.get(`/publications/${slug}/v/1.0/changes`)).status).toBe(404);

    const changes = await anonymous.get(`/publications/${slug}/v/1.1/changes`);
    expect(changes.status).toBe(200);
    const diff = await changes.text();
    expect(diff).toMatch(/<ins[^>]*>(?:(?!<\/ins>)[\s\S])*Second edition paragraph\.(?:(?!<\/ins>)[\s\S])*<\/ins>/);
    expect(diff).toContain('Differences between edition 1.0 and edition 1.1.');

    const markdown = await anonymous.get(`/publications/${slug}/v/1.1/download.md`);
    expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(markdown.headers.get('content-disposition')).toMatch(/^attachment; filename=".+-1-1\.md"$/);
    expect(await markdown.text()).toContain('Second edition paragraph.');

    for (const path of [`/publications/${slug}`, `/publications/${slug}/v/1.0`, `/publications/${slug}/v/1.1`, `/publications/${slug}/v/1.1/changes`, `/publications/${slug}/v/1.1/download.md`, `/publications/${slug}/v/1.1/download.html`, '/publications', '/publications.atom', '/sitemap.xml']) {
      const body = await (await anonymous.get(path)).text();
      expect(body, path).not.toContain('UNPUBLISHED-DRAFT-TEXT');
      expect(body, path).not.toContain('SECRET-COMMENT-BODY');
    }
  });

  test('the public gets 404 for unpublished, AMBER and unknown documents and editions', async () => {
    const people = await listPeople(db, { includeDeactivated: true });
    const admin = people.find((p) => p.email === 'admin@demo.example')!;
    // A CLEAR draft that never had an edition, under the address it would get.
    const draft = await createDraft(db, { actorId: secretariatId, ownerInstitutionId: ownerId, state: stateFromMarkdown('NEVER-PUBLISHED') });
    expect((await anonymous.get(`/publications/${slugify(draft.title)}`)).status).toBe(404);
    // The demo's AMBER draft: no public page, and its members' page asks for a sign-in.
    const amber = (await listDocuments(db, { id: admin.id, role: 'admin', institutionId: admin.institutionId })).find((d) => d.tlp === 'AMBER')!;
    expect(amber).toBeDefined();
    expect((await anonymous.get(`/publications/${slugify(amber.title)}`)).status).toBe(404);
    const members = await anonymous.get(`/documents/${amber.id}`);
    expect(members.status).toBe(302);
    expect(members.headers.get('location')).toMatch(/^\/login\?redirectTo=/);

    // A published document reclassified afterwards disappears from every public page at once.
    const published = await createDraft(db, { actorId: secretariatId, ownerInstitutionId: ownerId, state: stateFromMarkdown('RECLASSIFIED-TEXT') });
    await publishCurrentText(db, { documentId: published.id, actorId: secretariatId, bump: 'major', changelog: 'First.' });
    const slug = await slugOf(published.id);
    // Twice each, so the rendered-page cache holds them.
    for (const path of [`/publications/${slug}`, `/publications/${slug}/v/1.0`, `/publications/${slug}`, `/publications/${slug}/v/1.0`]) {
      expect((await anonymous.get(path)).status, path).toBe(200);
    }
    const doc = (await getDocument(db, published.id))!;
    await updateDocumentSettings(db, admin.id, published.id, { ...doc, tlp: 'AMBER' }, { institutions: [], people: [] });
    for (const path of [`/publications/${slug}`, `/publications/${slug}/v/1.0`, `/publications/${slug}/v/1.0/download.md`, `/publications/${slug}/v/1.0/download.html`]) {
      const response = await anonymous.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('RECLASSIFIED-TEXT');
    }
    for (const path of ['/publications', '/publications.atom', '/sitemap.xml']) {
      expect(await (await anonymous.get(path)).text(), path).not.toContain(slug);
    }

    for (const path of [`/publications/${GUIDELINES_SLUG}/v/9.9`, `/publications/${GUIDELINES_SLUG}/v/1.0.0`, `/publications/${GUIDELINES_SLUG}/v/01.0`, `/publications/${GUIDELINES_SLUG}/v/1.0/download.exe`, '/publications/no-such-thing']) {
      expect((await anonymous.get(path)).status, path).toBe(404);
    }
  });

  test('ETags: 304 without a body when unchanged; editions immutable, the latest page revalidates; locale and session vary', async () => {
    const latestPath = `/publications/${GUIDELINES_SLUG}`;
    const first = await anonymous.get(latestPath);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(first.headers.get('vary')).toBe('Cookie, Accept-Language');
    expect((await anonymous.get(latestPath)).headers.get('etag')).toBe(etag);

    const revalidated = await anonymous.request(latestPath, { method: 'GET', headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(revalidated.headers.get('etag')).toBe(etag);
    const stale = await anonymous.request(latestPath, { method: 'GET', headers: { 'if-none-match': '"something-else"' } });
    expect(stale.status).toBe(200);

    const edition = await anonymous.get(`${latestPath}/v/1.0`);
    expect(edition.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const editionTag = edition.headers.get('etag')!;
    expect(editionTag).not.toBe(etag);
    expect((await anonymous.request(`${latestPath}/v/1.0`, { method: 'GET', headers: { 'if-none-match': `W/${editionTag}, "x"` } })).status).toBe(304);

    const download = await anonymous.get(`${latestPath}/v/1.0/download.html`);
    expect(download.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="Guidelines-for-a-Strategic-Cybersecurity-Framework-1-0\.html"$/);
    expect((await anonymous.request(`${latestPath}/v/1.0/download.html`, { method: 'GET', headers: { 'if-none-match': download.headers.get('etag')! } })).status).toBe(304);

    // Another language is another representation.
    const bosnian = await fetch(new URL(latestPath, portal.url), { headers: { 'accept-language': 'bs' } });
    expect(bosnian.headers.get('etag')).not.toBe(etag);
    expect(await bosnian.text()).toContain('Izdanje 1.0 od');

    // A signed-in member's page names them: private, and never the anonymous validator.
    const member = new TestBrowser(portal.url);
    expect((await member.post('/login', { email: 'member@demo.example', password: DEMO_PASSWORD, redirectTo: '/dashboard' })).status).toBe(302);
    const signedIn = await member.get(latestPath);
    expect(signedIn.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
    expect(signedIn.headers.get('etag')).not.toBe(etag);
    expect(await signedIn.text()).toContain('Lejla Kovačević');
    expect((await member.request(latestPath, { method: 'GET', headers: { 'if-none-match': etag } })).status).toBe(200);
    const memberEdition = await member.get(`${latestPath}/v/1.0`);
    expect(memberEdition.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
  });

  test('a page served from the rendered-page cache has no script, its own request id, the security headers, and follows new editions', async () => {
    const draft = await createDraft(db, { actorId: secretariatId, ownerInstitutionId: ownerId, state: stateFromMarkdown('CACHED-FIRST-TEXT') });
    await publishCurrentText(db, { documentId: draft.id, actorId: secretariatId, bump: 'major', changelog: 'First.' });
    const slug = await slugOf(draft.id);
    const requestIds = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const response = await anonymous.get(`/publications/${slug}`);
      const page = await response.text();
      expect(response.status).toBe(200);
      expect(articleOf(page)).toContain('CACHED-FIRST-TEXT');
      // Reading pages send no JavaScript, so a replayed CSP nonce authorises nothing.
      expect(page).not.toMatch(/<script/i);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      requestIds.add(response.headers.get('x-request-id')!);
    }
    expect(requestIds.size).toBe(3);
    // A new edition shows on the next request: the cached latest page is not served any more.
    await appendEdit(db, draft.id, stateFromMarkdown('CACHED-SECOND-TEXT'));
    await publishCurrentText(db, { documentId: draft.id, actorId: secretariatId, bump: 'minor', changelog: 'Second.' });
    const latest = await (await anonymous.get(`/publications/${slug}`)).text();
    expect(latest).toContain('Edition 1.1 of');
    expect(articleOf(latest)).toContain('CACHED-SECOND-TEXT');
    // In Bosnian, the cache keeps a page of its own.
    const bosnian = await fetch(new URL(`/publications/${slug}/v/1.0`, portal.url), { headers: { 'accept-language': 'bs' } });
    expect(await bosnian.text()).toContain('Izdanje 1.0 od');
    expect(await (await anonymous.get(`/publications/${slug}/v/1.0`)).text()).toContain('Edition 1.0 of');
  });

  test('the Atom feed lists every edition with escaped text and the required elements', async () => {
    const response = await anonymous.get('/publications.atom');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await response.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    const window = new Window();
    try {
      const feed = new window.DOMParser().parseFromString(xml, 'application/xml');
      expect(feed.querySelector('parsererror')).toBeNull();
      for (const name of ['id', 'title', 'updated', 'author']) expect(feed.querySelector(`feed > ${name}`), name).not.toBeNull();
      const entries = Array.from(feed.querySelectorAll('entry'));
      expect(entries.length).toBeGreaterThanOrEqual(2);
      for (const entry of entries) {
        expect(entry.querySelector('id')?.textContent).toMatch(/^tag:[^,]+,\d{4}-\d{2}-\d{2}:edition:/);
        expect(entry.querySelector('updated')?.textContent).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        expect(entry.querySelector('link')?.getAttribute('href')).toMatch(/^http:\/\/localhost:\d+\/publications\/[a-z0-9-]+\/v\/\d+\.\d+$/);
      }
      const hostileEntry = entries.find((e) => e.querySelector('title')?.textContent?.startsWith('Hostile'));
      expect(hostileEntry?.querySelector('title')?.textContent).toMatch(/^Hostile <b>&<\/b> "title" .+, edition 1\.0$/);
    } finally {
      void window.happyDOM.close();
    }
    expect(xml).toContain('Hostile &lt;b&gt;&amp;&lt;/b&gt; &quot;title&quot;');
    expect(xml).toContain('First &lt;script&gt;alert(1)&lt;/script&gt; edition');
    expect(xml).toContain(`/publications/${GUIDELINES_SLUG}/v/1.0"`);
  });

  test('sitemap.xml lists the public pages, and robots.txt points at it', async () => {
    const response = await anonymous.get('/sitemap.xml');
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await response.text();
    const locations = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    expect(locations).toEqual(expect.arrayContaining(['/', '/publications', '/progress', `/publications/${GUIDELINES_SLUG}`, `/publications/${GUIDELINES_SLUG}/v/1.0`, `/publications/${hostile.slug}`]));
    expect(locations.some((path) => path.startsWith('/documents'))).toBe(false);
    const robots = await (await anonymous.get('/robots.txt')).text();
    expect(robots).toContain(`Sitemap: ${new URL('/sitemap.xml', portal.services.baseURL).href}`);
  });
});
