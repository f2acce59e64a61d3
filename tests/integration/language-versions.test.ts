import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import en from '../../app/locales/en.ts';
import { renderPlainText, stateFromMarkdown } from '../../app/content/render.server.ts';
import { loadMergedState } from '../../app/models/document-state.server.ts';
import { listAuditEvents } from '../../app/models/audit.server.ts';
import { getDocument, getDocumentAccessContext, updateDocumentSettings } from '../../app/models/document.server.ts';
import { listInstitutionOptions } from '../../app/models/institution.server.ts';
import { getTranslationSync } from '../../app/models/language-family.server.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { unique } from '../support/factories.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { appendEdit, createDraft, publishCurrentText } from '../support/publications.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { DEMO_STRATEGY_TITLE_BS } from '../../db/seeds/demo.server.ts';
import { GUIDELINES_SLUG } from '../../db/seeds/review-demo.server.ts';

/**
 * Language versions over real HTTP (docs/decisions/021-language-versions.md):
 * creating one, the family on the document page and who sees which member,
 * "source changed since" and marking up to date, and a family on the public
 * site and in the Atom feed. Needs the Remix server build.
 */

const MCT = 'Ministry of Communications and Transport of Bosnia and Herzegovina';

function escapeAttr(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe.each(dialects)('language versions on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  let secretariatId: string;
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

  /** Creates a language version through the form, as a browser without JavaScript posts it; answers the new document's id. */
  async function createVersion(email: string, documentId: string, language: string): Promise<string> {
    const response = await (await as(email)).post(`/documents/${documentId}/language-versions`, { intent: 'create', language });
    expect(response.status).toBe(302);
    const match = /^\/documents\/([^/?]+)\?notice=language-version-created$/.exec(response.headers.get('location') ?? '');
    if (!match) throw new Error(`unexpected redirect ${response.headers.get('location')}`);
    return match[1];
  }

  async function page(email: string, documentId: string): Promise<string> {
    const response = await (await as(email)).get(`/documents/${documentId}`);
    expect(response.status).toBe(200);
    return response.text();
  }

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database));
    secretariatId = (await database.db.selectFrom('user').select('id').where('email', '=', 'secretariat@demo.example').executeTakeFirstOrThrow()).id;
  });

  afterAll(async () => {
    await portal?.close();
    await database?.cleanup();
  });

  test('the demo: the Guidelines are published in four languages, and the two strategy drafts are one family', async () => {
    const anonymous = new TestBrowser(portal.url);
    const guidelines = await (await anonymous.get(`/publications/${GUIDELINES_SLUG}`)).text();
    for (const language of ['bs', 'hr', 'sr-Cyrl']) expect(guidelines).toMatch(new RegExp(`<link[^>]*rel="alternate"[^>]*hrefLang="${language}"[^>]*href="[^"]*/publications/`));
    // One alternate per language: the editions, not the interface-language variants of this page.
    const alternates = [...guidelines.matchAll(/<link[^>]*rel="alternate"[^>]*hrefLang="([^"]+)"[^>]*href="([^"]+)"/g)].map((m) => [m[1], m[2]] as const);
    expect(alternates.map(([language]) => language).sort()).toEqual(['bs', 'en', 'hr', 'sr-Cyrl']);
    const cyrillicSlug = alternates.find(([language]) => language === 'sr-Cyrl')?.[1].split('/publications/')[1];
    expect(cyrillicSlug).toBe('smjernice-za-strateski-okvir-sajber-bezbjednosti');
    const cyrillic = await (await anonymous.get(`/publications/${cyrillicSlug}`)).text();
    expect(cyrillic).toMatch(/<h1[^>]*lang="sr-Cyrl"[^>]*>Смјернице за стратешки оквир сајбер безбједности<\/h1>/);
    expect(cyrillic).toContain('Мреже и информациони системи');

    const strategy = await database.db.selectFrom('document').select(['id', 'familyId', 'language']).where('type', '=', 'strategy').execute();
    const english = strategy.find((d) => d.language === 'en')!;
    expect(strategy.map((d) => d.familyId)).toEqual([english.id, english.id]);
    expect(await page('secretariat@demo.example', english.id)).toContain(`<span lang="bs">${DEMO_STRATEGY_TITLE_BS}</span>`);
  });

  test('a language version copies owner, participants, TLP, type and text, and the family is listed on both pages', async () => {
    const source = await createDraft(database.db, {
      actorId: secretariatId,
      ownerInstitutionId: await institutionId(MCT),
      state: stateFromMarkdown('# Incident reporting\n\nEvery operator reports within 24 hours.'),
      tlp: 'AMBER',
      type: 'position_paper',
      participantIds: [await institutionId('BH Telecom')],
    });
    const versionId = await createVersion('secretariat@demo.example', source.id, 'hr');

    const original = (await getDocumentAccessContext(database.db, source.id))!;
    const version = (await getDocumentAccessContext(database.db, versionId))!;
    expect(version.document).toMatchObject({ language: 'hr', tlp: 'AMBER', type: 'position_paper', ownerInstitutionId: original.ownerInstitutionId, familyId: source.id, status: 'draft' });
    expect(original.document.familyId).toBe(source.id);
    expect(version.institutions).toEqual(original.institutions);
    expect(await getTranslationSync(database.db, source.id)).toBeUndefined();
    expect((await getTranslationSync(database.db, versionId))?.sourceHtml).toContain('Every operator reports within 24 hours.');
    const audit = await listAuditEvents(database.db, { action: 'document.language-version-created' });
    expect(audit.some((event) => event.entityId === versionId)).toBe(true);

    // The starting text is the source's, to be translated by hand.
    expect(renderPlainText((await loadMergedState(database.db, versionId))!)).toContain('Every operator reports within 24 hours.');
    const versionPage = await page('secretariat@demo.example', versionId);
    expect(versionPage).toMatch(new RegExp(`<a[^>]*href="/documents/${source.id}"[^>]*hrefLang="en"|<a[^>]*hrefLang="en"[^>]*href="/documents/${source.id}"`, 'i'));
    expect(versionPage).toMatch(/aria-current="page"[^>]*>Croatian/);
    const sourcePage = await page('secretariat@demo.example', source.id);
    expect(sourcePage).toMatch(new RegExp(`href="/documents/${versionId}"`));
    expect(sourcePage).toMatch(/<span lang="hr">/);
    // Croatian is taken now: the form offers neither it nor the source's English.
    expect(sourcePage).not.toMatch(/<option value="hr"/);
    expect(sourcePage).not.toMatch(/<option value="en"/);
    expect(sourcePage).toMatch(/<option value="bs"/);

    // A second Croatian version is refused, from either member.
    expect((await (await as('secretariat@demo.example')).post(`/documents/${versionId}/language-versions`, { intent: 'create', language: 'hr' })).status).toBe(409);
  });

  test('only people who may edit create a version, and each reader sees only the members they may read', async () => {
    const ownerId = await institutionId(MCT);
    const telecomId = await institutionId('BH Telecom');
    const source = await createDraft(database.db, { actorId: secretariatId, ownerInstitutionId: ownerId, state: stateFromMarkdown('Shared text.'), tlp: 'AMBER', participantIds: [telecomId] });
    // BH Telecom comments: it reads the document but may not add a version; the observer, not involved, does not even see it.
    expect((await (await as('private@demo.example')).post(`/documents/${source.id}/language-versions`, { intent: 'create', language: 'bs' })).status).toBe(403);
    expect((await (await as('observer@demo.example')).post(`/documents/${source.id}/language-versions`, { intent: 'create', language: 'bs' })).status).toBe(404);
    expect(await page('private@demo.example', source.id)).not.toContain('name="language"');

    const versionId = await createVersion('secretariat@demo.example', source.id, 'bs');
    const version = (await getDocument(database.db, versionId))!;
    // The Bosnian version no longer has BH Telecom: its people must not see it in the family.
    await updateDocumentSettings(database.db, secretariatId, versionId, { ...version }, { institutions: [], people: [] });

    expect(await page('secretariat@demo.example', source.id)).toContain(`href="/documents/${versionId}"`);
    const telecomView = await page('private@demo.example', source.id);
    expect(telecomView).not.toContain(versionId);
    expect((await (await as('private@demo.example')).get(`/documents/${versionId}`)).status).toBe(404);
  });

  test('"source changed since" appears after the source is edited and clears when marked up to date', async () => {
    const source = await createDraft(database.db, { actorId: secretariatId, ownerInstitutionId: await institutionId(MCT), state: stateFromMarkdown('Original wording of the rule.'), tlp: 'GREEN' });
    const versionId = await createVersion('secretariat@demo.example', source.id, 'sr-Cyrl');
    const changedLine = en.languageVersions.sourceChanged.split('{{')[0];
    expect(await page('secretariat@demo.example', versionId)).not.toContain(changedLine);

    await appendEdit(database.db, source.id, stateFromMarkdown(`Added sentence ${unique()}.`));
    const stale = await page('secretariat@demo.example', versionId);
    expect(stale).toContain(changedLine);
    // The word diff of the source since the version was last brought up to date.
    expect(stale).toMatch(/<ins[^>]*>(?:(?!<\/ins>)[\s\S])*Added sentence/);
    expect(stale).toContain('name="intent" value="mark-up-to-date"');
    // The source itself has no such line.
    expect(await page('secretariat@demo.example', source.id)).not.toContain(changedLine);

    // A reader who may not edit sees the line but not the button, and may not post it.
    const memberView = await page('member@demo.example', versionId);
    expect(memberView).toContain(changedLine);
    expect(memberView).not.toContain('value="mark-up-to-date"');
    expect((await (await as('member@demo.example')).post(`/documents/${versionId}/language-versions`, { intent: 'mark-up-to-date' })).status).toBe(403);

    const marked = await (await as('secretariat@demo.example')).post(`/documents/${versionId}/language-versions`, { intent: 'mark-up-to-date' });
    expect(marked.status).toBe(302);
    expect(marked.headers.get('location')).toBe(`/documents/${versionId}?notice=language-version-synced`);
    const fresh = await (await (await as('secretariat@demo.example')).get(marked.headers.get('location')!)).text();
    expect(fresh).not.toContain(changedLine);
    expect(fresh).toContain(en.notices['language-version-synced']);
  });

  test('a published family offers each language on the publication page with hreflang, and in the feed with xml:lang', async () => {
    const title = `Family publication ${unique()}`;
    const source = await createDraft(database.db, { actorId: secretariatId, ownerInstitutionId: await institutionId(MCT), state: stateFromMarkdown('# Scope\n\nThe English text.'), title });
    await publishCurrentText(database.db, { documentId: source.id, actorId: secretariatId, bump: 'major', changelog: 'First English edition' });
    const versionId = await createVersion('secretariat@demo.example', source.id, 'hr');
    const sourceSlug = (await getDocument(database.db, source.id))!.slug!;
    const anonymous = new TestBrowser(portal.url);

    // Before the Croatian edition the page offers no other language (and this render is cached).
    const before = await (await anonymous.get(`/publications/${sourceSlug}`)).text();
    expect(before).not.toContain(en.languageVersions.otherLanguages);

    await appendEdit(database.db, versionId, stateFromMarkdown('Hrvatski tekst.'));
    await database.db.updateTable('document').set({ title: `Obiteljska publikacija ${unique()}` }).where('id', '=', versionId).execute();
    await publishCurrentText(database.db, { documentId: versionId, actorId: secretariatId, bump: 'major', changelog: 'Prvo hrvatsko izdanje' });
    const versionSlug = (await getDocument(database.db, versionId))!.slug!;
    expect(versionSlug).not.toBe(sourceSlug);

    const sourcePage = await (await anonymous.get(`/publications/${sourceSlug}`)).text();
    expect(sourcePage).toContain(en.languageVersions.otherLanguages);
    expect(sourcePage).toMatch(new RegExp(`<link[^>]*rel="alternate"[^>]*hrefLang="hr"[^>]*href="[^"]*/publications/${escapeAttr(versionSlug)}"`, 'i'));
    expect(sourcePage).toMatch(new RegExp(`<link[^>]*rel="alternate"[^>]*hrefLang="en"[^>]*href="[^"]*/publications/${escapeAttr(sourceSlug)}"`, 'i'));
    expect(sourcePage).toMatch(new RegExp(`<a[^>]*href="/publications/${escapeAttr(versionSlug)}"`));
    const versionPage = await (await anonymous.get(`/publications/${versionSlug}`)).text();
    expect(versionPage).toMatch(new RegExp(`<a[^>]*href="/publications/${escapeAttr(sourceSlug)}"`));
    expect(versionPage).toMatch(/<h1[^>]*lang="hr"/);
    // Each edition keeps its own number and "what changed".
    expect(versionPage).toContain('Prvo hrvatsko izdanje');
    expect(versionPage).not.toContain('First English edition');

    const feed = await (await anonymous.get('/publications.atom')).text();
    const entries = feed.split('<entry').slice(1);
    const hrEntry = entries.find((entry) => entry.includes(`/publications/${versionSlug}`));
    const enEntry = entries.find((entry) => entry.includes(`/publications/${sourceSlug}`));
    expect(hrEntry).toMatch(/^ xml:lang="hr">/);
    expect(hrEntry).toMatch(/hreflang="hr"/);
    expect(enEntry).toMatch(/^ xml:lang="en">/);
  });
});
