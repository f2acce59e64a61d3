import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { DEMO, en, invitePerson, signIn } from './support.ts';

/**
 * WCAG 2.2 AA on every page (issue #12 §5): axe-core on each page the route
 * files define, as the public, a member and the secretariat, in English and in
 * Serbian Cyrillic; plus what axe does not check: the focus ring's contrast
 * against the ground it is drawn on, and the exports' headings, header cells
 * and TLP label.
 *
 * The page list comes from app/routes: a new route file fails the first test
 * until it is given its addresses below (or a reason it has no HTML page).
 */

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LANGUAGES = ['sr-Cyrl', 'en'] as const;
const ROLES = ['anonymous', 'member', 'secretariat'] as const;
type Role = (typeof ROLES)[number];

const STRATEGY_PLAN = 'Joint Action Plan 2026–2028';
const GUIDELINES = 'Guidelines for a Strategic Cybersecurity Framework';
const GUIDELINES_SLUG = 'guidelines-for-a-strategic-cybersecurity-framework';

/** Demo records that pages with ids are opened on, read from the secretariat's own lists. */
interface DemoIds {
  /** The Joint Action Plan: in consultation, with positions; and one comment thread added here. */
  plan: string;
  /** The published Guidelines: two saved versions. */
  guidelines: string;
  action: string;
  /** A TLP:CLEAR item, as linked from /progress. */
  publicItem: string;
  institution: string;
  person: string;
  inviteToken: string;
}

type Addresses = (ids: DemoIds) => string[];

/**
 * Every route pattern (as derived from its file name) and the addresses it is
 * checked at, or `noPage`: why the route answers no HTML page.
 */
const ROUTES: Record<string, Addresses | { noPage: string }> = {
  '/': () => ['/'],
  '/*': () => ['/no-such-page'],
  '/account': () => ['/account'],
  '/actions': () => ['/actions'],
  '/actions/$id': (ids) => [`/actions/${ids.action}`],
  '/actions/$id/edit': (ids) => [`/actions/${ids.action}/edit`],
  '/actions/$id/evidence/$evidenceId': { noPage: 'evidence file download' },
  '/actions/import': () => ['/actions/import'],
  '/actions/import/template.csv': { noPage: 'CSV file' },
  '/actions/import/template.xlsx': { noPage: 'XLSX file' },
  '/actions/new': () => ['/actions/new'],
  '/actions/timeline': () => ['/actions/timeline'],
  '/actions.csv': { noPage: 'CSV file' },
  '/actions.xlsx': { noPage: 'XLSX file' },
  '/api/auth/*': { noPage: 'better-auth JSON API' },
  '/audit': () => ['/audit'],
  '/audit.csv': { noPage: 'CSV file' },
  '/cbms': () => ['/cbms'],
  '/cbms/$number': () => ['/cbms/1'],
  '/cbms/$number/edit': () => ['/cbms/1/edit'],
  '/cbms/osce-export': () => ['/cbms/osce-export'],
  '/cbms/osce-export.csv': { noPage: 'CSV file' },
  '/cbms/osce-export.md': { noPage: 'Markdown file' },
  '/dashboard': () => ['/dashboard'],
  '/documents': () => ['/documents'],
  '/documents/$id': (ids) => [`/documents/${ids.plan}`],
  '/documents/$id/comments': { noPage: 'JSON for the comment panel of the document page, which is checked with a thread open' },
  '/documents/$id/consultation': (ids) => [`/documents/${ids.plan}/consultation`, `/documents/${ids.plan}/consultation?sector=private`],
  '/documents/$id/consultation.docx': { noPage: 'Word file' },
  '/documents/$id/consultation.html': { noPage: 'HTML file download' },
  '/documents/$id/consultation.xlsx': { noPage: 'XLSX file' },
  '/documents/$id/suggestions': { noPage: 'JSON for the suggestion panel of the document page, which is checked with the demo plan\'s suggestions' },
  '/documents/$id/compare': (ids) => [`/documents/${ids.guidelines}/compare?from=1&to=2`],
  '/documents/$id/export': (ids) => [`/documents/${ids.plan}/export?format=print`, `/documents/${ids.plan}/export?format=html`],
  '/documents/$id/language-versions': { noPage: 'form posts from the document page; a GET redirects back to it' },
  '/documents/$id/settings': (ids) => [`/documents/${ids.plan}/settings`],
  '/documents/$id/versions': (ids) => [`/documents/${ids.guidelines}/versions`],
  '/documents/$id/versions/$number': (ids) => [`/documents/${ids.guidelines}/versions/1`],
  '/documents/$id/workflow': (ids) => [`/documents/${ids.plan}/workflow`, `/documents/${ids.guidelines}/workflow`],
  '/documents/new': () => ['/documents/new'],
  '/institutions': () => ['/institutions'],
  '/institutions/$id': (ids) => [`/institutions/${ids.institution}`],
  '/institutions/$id/edit': (ids) => [`/institutions/${ids.institution}/edit`],
  '/institutions/new': () => ['/institutions/new'],
  '/invite/$token': (ids) => [`/invite/${ids.inviteToken}`, '/invite/no-such-token'],
  '/language': { noPage: 'form post that redirects back' },
  '/login': () => ['/login'],
  '/logout': { noPage: 'form post that redirects' },
  '/notifications': () => ['/notifications'],
  '/people': () => ['/people'],
  '/people/$id': (ids) => [`/people/${ids.person}`],
  '/people/invite': () => ['/people/invite'],
  '/progress': () => ['/progress', '/progress?cbm=14&status=in_progress'],
  '/progress.atom': { noPage: 'Atom feed' },
  '/progress.csv': { noPage: 'CSV file' },
  '/progress/items/$id': (ids) => [`/progress/items/${ids.publicItem}`, '/progress/items/no-such-item'],
  '/publications': () => ['/publications'],
  '/publications.atom': { noPage: 'Atom feed' },
  '/publications/$slug': () => [`/publications/${GUIDELINES_SLUG}`, '/publications/no-such-publication'],
  '/publications/$slug/v/$edition': () => [`/publications/${GUIDELINES_SLUG}/v/1.0`],
  '/publications/$slug/v/$edition/$file': () => [`/publications/${GUIDELINES_SLUG}/v/1.0/download.html`],
  '/publications/$slug/v/$edition/consultation': () => [`/publications/${GUIDELINES_SLUG}/v/1.0/consultation`],
  '/publications/$slug/v/$edition/changes': () => [`/publications/${GUIDELINES_SLUG}/v/1.0/changes`],
  '/reports/progress': () => ['/reports/progress'],
  '/reports/progress.html': () => ['/reports/progress.html'],
  '/reports/progress.md': { noPage: 'Markdown file' },
  '/robots.txt': { noPage: 'text file' },
  '/settings': () => ['/settings'],
  '/sitemap.xml': { noPage: 'XML sitemap' },
  '/tracker': () => ['/tracker'],
};

/** The URL pattern of a Remix flat-route file name: `documents_.$id.versions._index.tsx` is `/documents/$id/versions`. */
function routePattern(fileName: string): string {
  const base = fileName.replace(/\.tsx?$/, '');
  const segments: string[] = [];
  let current = '';
  let escaped = false;
  for (const char of base) {
    if (char === '[') escaped = true;
    else if (char === ']') escaped = false;
    else if (char === '.' && !escaped) {
      segments.push(current);
      current = '';
    } else current += char;
  }
  segments.push(current);
  const path = segments
    .filter((segment) => segment !== '_index')
    .map((segment) => (segment === '$' ? '*' : segment.replace(/_$/, '')))
    .join('/');
  return `/${path}`;
}

/** The exports (standalone HTML files): their own checks, and they are served inline so the browser shows them. */
function isExport(path: string): boolean {
  const url = new URL(path, 'http://portal');
  return url.pathname.endsWith('.html') || (url.pathname.endsWith('/export') && url.searchParams.has('format'));
}

function withLanguage(path: string, lng: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}lng=${lng}`;
}

interface FocusProblem {
  element: string;
  ring: string;
  ground: string;
  ratio: number | null;
}

/**
 * Focuses every focusable element by keyboard modality and measures its ring
 * against the ground it is drawn on: the ring sits outside the element
 * (outline-offset), so the ground is the first opaque background of its
 * ancestors. A ring below 3:1 (WCAG 1.4.11), or no ring at all, is a problem.
 */
async function focusRingProblems(page: Page): Promise<FocusProblem[]> {
  // A first Tab puts Chromium in keyboard modality: programmatic focus then matches :focus-visible, as a Tab would.
  await page.keyboard.press('Tab');
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba | null => {
      const match = value.match(/rgba?\(([^)]+)\)/);
      if (!match) return null;
      const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const contrast = (x: Rgba, y: Rgba) => {
      const [a, b] = [luminance(x), luminance(y)].sort((m, n) => n - m);
      return (a + 0.05) / (b + 0.05);
    };
    const groundOf = (element: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let node = element.parentElement; node; node = node.parentElement) {
        const colour = parse(getComputedStyle(node).backgroundColor);
        if (colour && colour[3] > 0) {
          layers.push(colour);
          if (colour[3] === 1) break;
        }
      }
      // The canvas behind everything is white.
      return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} "${(element.textContent ?? '').trim().slice(0, 40) || element.getAttribute('aria-label') || element.getAttribute('name') || ''}"`;
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
    const problems: { element: string; ring: string; ground: string; ratio: number | null }[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (element.matches(':disabled') || element.getClientRects().length === 0) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden') continue;
      element.focus();
      if (document.activeElement !== element) continue;
      const focused = getComputedStyle(element);
      const ring = parse(focused.outlineColor);
      const ground = groundOf(element);
      const hasRing = element.matches(':focus-visible') && focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) >= 2;
      const ratio = hasRing && ring ? contrast(over(ring, ground), ground) : null;
      if (ratio === null || ratio < 3) {
        problems.push({ element: describe(element), ring: focused.outlineColor, ground: `rgb(${ground.slice(0, 3).map(Math.round).join(', ')})`, ratio: ratio === null ? null : Math.round(ratio * 100) / 100 });
      }
    }
    (document.activeElement as HTMLElement | null)?.blur();
    return problems;
  });
}

/** What an export must have besides axe's rules: one h1, header cells in every table, a readable TLP label. */
async function exportProblems(page: Page): Promise<{ problems: string[]; tables: number }> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const h1 = document.querySelectorAll('h1').length;
    if (h1 !== 1) problems.push(`${h1} h1 elements`);
    const tables = Array.from(document.querySelectorAll('table'));
    for (const [i, table] of tables.entries()) {
      if (table.querySelectorAll('th').length === 0) problems.push(`table ${i + 1} has no <th>`);
    }
    const label = document.querySelector('.tlp');
    if (!label) problems.push('no TLP label');
    else {
      const channels = (value: string) => (value.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const luminance = (rgb: number[]) => {
        const [r, g, b] = rgb.map((c) => {
          const s = c / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const style = getComputedStyle(label);
      const [a, b] = [luminance(channels(style.color)), luminance(channels(style.backgroundColor))].sort((m, n) => n - m);
      const ratio = (a + 0.05) / (b + 0.05);
      // The label is small bold text: 4.5:1 (WCAG 1.4.3).
      if (ratio < 4.5) problems.push(`TLP label ${label.textContent} at ${ratio.toFixed(2)}:1`);
    }
    return { problems, tables: tables.length };
  });
}

/** Serves the exports inline (they are attachments), so the page can be opened and checked. */
async function showAttachmentsInline(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => isExport(url.pathname + url.search),
    async (route) => {
      // A redirect (to the sign-in page) goes back to the browser as it is, which follows it.
      const response = await route.fetch({ maxRedirects: 0 });
      const headers = { ...response.headers() };
      delete headers['content-disposition'];
      await route.fulfill({ response, headers });
    },
  );
}

async function hrefOf(page: Page, name: string): Promise<string> {
  const href = await page.getByRole('link', { name, exact: true }).first().getAttribute('href');
  expect(href, `link "${name}"`).toBeTruthy();
  return href!;
}

/** The first link on the page whose address has the given shape, as the id it carries. */
async function firstIdIn(page: Page, pattern: RegExp): Promise<string> {
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  const id = hrefs.map((href) => href.match(pattern)?.[1]).find(Boolean);
  expect(id, `a link matching ${pattern}`).toBeTruthy();
  return id!;
}

/** Reads the demo ids from the secretariat's pages, and opens one comment thread so the panel has one to show. */
async function demoIds(page: Page): Promise<DemoIds> {
  await page.goto('/documents?lng=en');
  const plan = (await hrefOf(page, STRATEGY_PLAN)).split('/').pop()!;
  const guidelines = (await hrefOf(page, GUIDELINES)).split('/').pop()!;
  await page.goto('/actions?lng=en');
  const action = await firstIdIn(page, /^\/actions\/([0-9a-f-]{36})$/);
  await page.goto('/progress?lng=en');
  const publicItem = await firstIdIn(page, /^\/progress\/items\/([0-9a-f-]{36})$/);
  await page.goto('/institutions?lng=en');
  const institution = await firstIdIn(page, /^\/institutions\/([0-9a-f-]{36})$/);
  await page.goto('/people?lng=en');
  const person = await firstIdIn(page, /^\/people\/([0-9a-f-]{36})$/);
  const invitation = await invitePerson(page, { name: 'Axe Invitee' });
  const inviteToken = invitation.link.split('/').pop()!;
  // The plan's first block is its "Purpose" heading: a thread on that word.
  const thread = await page.request.post(`/documents/${plan}/comments`, {
    form: {
      intent: 'create',
      threadId: randomUUID(),
      quote: 'Purpose',
      anchor: JSON.stringify({ start: { block: [0], offset: 0 }, end: { block: [0], offset: 7 } }),
      body: 'Should the purpose name the 2026–2028 period? @Lejla',
    },
    headers: { origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(thread.status(), 'the comment thread is created').toBeLessThan(400);
  return { plan, guidelines, action, publicItem, institution, person, inviteToken };
}

const contexts = new Map<Role, { context: BrowserContext; page: Page }>();
let ids: DemoIds;

test.beforeAll(async ({ browser }) => {
  // Three sign-ins, five lists and an invitation.
  test.setTimeout(120_000);
  for (const role of ROLES) {
    const context = await browser.newContext();
    await showAttachmentsInline(context);
    const page = await context.newPage();
    if (role !== 'anonymous') await signIn(page, DEMO[role].email);
    contexts.set(role, { context, page });
  }
  ids = await demoIds(contexts.get('secretariat')!.page);
});

test.afterAll(async () => {
  for (const [role, { context, page }] of contexts) {
    // A language link is remembered in the profile: the demo people go back to English for the other specs.
    if (role !== 'anonymous') await page.goto('/dashboard?lng=en');
    await context.close();
  }
});

test('every route file is a page checked below, or says why it has none', () => {
  const files = fs.readdirSync('app/routes').filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name));
  const patterns = files.map(routePattern).sort();
  expect(patterns).toEqual(Object.keys(ROUTES).sort());
});

for (const role of ROLES) {
  for (const lng of LANGUAGES) {
    test(`no WCAG 2.2 AA failure, and a visible focus ring, on every page: ${role}, ${lng}`, async () => {
      test.setTimeout(480_000);
      const { page } = contexts.get(role)!;
      const seenRedirects = new Set<string>();
      let checked = 0;
      let exportTables = 0;
      for (const [pattern, addresses] of Object.entries(ROUTES)) {
        if (!(addresses instanceof Function)) continue;
        for (const path of addresses(ids)) {
          const response = await page.goto(withLanguage(path, lng));
          const status = response?.status() ?? 0;
          const landed = new URL(page.url());
          // The public is sent to the sign-in page from every members' page: that page is checked once.
          if (landed.pathname !== new URL(path, landed).pathname) {
            const key = `${status} ${landed.pathname}`;
            if (seenRedirects.has(key)) continue;
            seenRedirects.add(key);
          }
          const where = `${path} (${pattern}, ${status})`;
          // A file route that refuses this role answers its status as plain text, not a page: nothing for axe.
          if (isExport(path) && !(response?.headers()['content-type'] ?? '').startsWith('text/html')) {
            expect(status, `the refusal of ${where}`).toBeGreaterThanOrEqual(400);
            continue;
          }
          if (status === 200 && /^\/documents\/[0-9a-f-]{36}$/.test(landed.pathname)) {
            // The editor and the comment panel render in the browser.
            await page.getByTestId('collaborative-editor').waitFor();
          }
          expect(await page.title(), `the title of ${where}`).not.toBe('');
          // resultTypes: only violations are detailed, which makes axe several times faster.
          const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).options({ resultTypes: ['violations'] }).analyze();
          const violations = result.violations.map(
            (violation) => `${violation.id} ×${violation.nodes.length}: ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ')}`,
          );
          expect.soft(violations, `axe violations on ${where}`).toEqual([]);
          // Colours and rings do not change with the language: checked once, in English.
          if (lng === 'en') {
            const rings = (await focusRingProblems(page)).map((p) => `${p.element} ring ${p.ring} on ${p.ground}: ${p.ratio ?? 'none'}`);
            expect.soft(rings, `focus rings below 3:1 on ${where}`).toEqual([]);
          }
          if (isExport(path) && status === 200) {
            const found = await exportProblems(page);
            exportTables += found.tables;
            expect.soft(found.problems, `export problems of ${where}`).toEqual([]);
          }
          checked++;
        }
      }
      console.info(`${role}, ${lng}: ${checked} pages checked`);
      if (role !== 'anonymous') expect(exportTables, 'the exports checked include tables').toBeGreaterThan(0);
    });
  }
}

test('a signed-in person is not offered "Sign in" on a 404 page, and every error page has its title', async () => {
  const { page } = contexts.get('member')!;
  const response = await page.goto('/no-such-page?lng=en');
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle(`${en.errorPages.title404} · Neretva Group`);
  await expect(page.getByRole('link', { name: en.nav.signIn })).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('link', { name: en.errorPages.goDashboard })).toHaveAttribute('href', '/dashboard');
  const forbidden = await page.goto('/people?lng=en');
  expect(forbidden?.status()).toBe(403);
  await expect(page).toHaveTitle(`${en.errorPages.title403} · Neretva Group`);
});
