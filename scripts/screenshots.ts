// `npm run screenshots`: every page, for every role, at 390, 1280 and 1920 px,
// into screenshots/ (git-ignored), for a person to look at before a change
// lands. Starts its own portal from the production build on a fresh SQLite
// database with the demo working group, and drives Debian's Chromium.
//
//   npm run build && npm run screenshots                 # everything
//   npm run screenshots -- --only=/actions,/dashboard    # some pages
//   npm run screenshots -- --widths=390 --roles=member   # fewer shots
//   npm run screenshots -- --lng=sr-Cyrl                 # another language
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { startPortal } from '../server/portal.ts';

const PASSWORD = 'screenshots-demo-password';
const ROLES = { anonymous: null, member: 'member@demo.example', secretariat: 'secretariat@demo.example', admin: 'admin@demo.example', observer: 'observer@demo.example' } as const;
type Role = keyof typeof ROLES;

function option(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

const widths = (option('widths') ?? '390,1280,1920').split(',').map(Number);
const roles = (option('roles')?.split(',') ?? Object.keys(ROLES)) as Role[];
const only = option('only')?.split(',');
const language = option('lng');
const outDir = path.resolve(option('out') ?? 'screenshots');

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-screenshots-'));
const portal = await startPortal({
  ...process.env,
  DATABASE_URL: `file:${path.join(dataDir, 'portal.sqlite')}`,
  DATA_DIR: dataDir,
  PORT: '0',
  HOST: '127.0.0.1',
  SEED_DEMO: 'true',
  DEMO_PASSWORD: PASSWORD,
  LOG_LEVEL: 'warn',
  SIGN_IN_RATE_LIMIT: '1000',
  REDIS_URL: '',
  SMTP_URL: '',
  PUBLIC_URL: '',
});

/** One page of each kind, with the demo's ids filled in. */
async function pageList(): Promise<string[]> {
  const db = portal.services.db;
  const document = await db.selectFrom('document').select('id').where('type', '<>', 'action_plan').orderBy('createdAt').executeTakeFirstOrThrow();
  const item = await db.selectFrom('actionItem').select('id').where('tlp', '=', 'CLEAR').orderBy('code').executeTakeFirstOrThrow();
  const institution = await db.selectFrom('institution').select('id').orderBy('name').executeTakeFirstOrThrow();
  const person = await db.selectFrom('user').select('id').orderBy('email').executeTakeFirstOrThrow();
  // The Joint Action Plan in consultation: suggestions, positions and its consultation report.
  const plan = await db.selectFrom('document').select('id').where('type', '=', 'action_plan').where('status', '=', 'consultation').orderBy('createdAt').executeTakeFirst();
  const edition = await db.selectFrom('documentEdition').innerJoin('document', 'document.id', 'documentEdition.documentId').select(['document.slug', 'documentEdition.major', 'documentEdition.minor']).executeTakeFirst();
  const pages = [
    '/',
    '/login',
    '/progress',
    '/progress?cbm=14&status=in_progress',
    `/progress/items/${item.id}`,
    '/publications',
    '/dashboard',
    '/account',
    '/notifications',
    '/documents',
    '/documents/new',
    `/documents/${document.id}`,
    `/documents/${document.id}/settings`,
    `/documents/${document.id}/workflow`,
    `/documents/${document.id}/versions`,
    `/documents/${document.id}/export?format=html`,
    '/actions',
    '/actions/timeline',
    '/actions/new',
    '/actions/import',
    `/actions/${item.id}`,
    `/actions/${item.id}/edit`,
    '/tracker',
    '/cbms',
    '/cbms/14',
    '/cbms/osce-export',
    '/reports/progress',
    '/institutions',
    '/institutions/new',
    `/institutions/${institution.id}`,
    '/people',
    '/people/invite',
    `/people/${person.id}`,
    '/audit',
    '/settings',
    '/no-such-page',
  ];
  if (plan) pages.push(`/documents/${plan.id}`, `/documents/${plan.id}/workflow`, `/documents/${plan.id}/consultation`);
  if (edition?.slug) pages.push(`/publications/${edition.slug}`, `/publications/${edition.slug}/v/${edition.major}.${edition.minor}`, `/publications/${edition.slug}/v/${edition.major}.${edition.minor}/changes`, `/publications/${edition.slug}/v/${edition.major}.${edition.minor}/consultation`);
  return only ? pages.filter((p) => only.some((o) => p === o || p.startsWith(`${o}/`) || p.startsWith(`${o}?`))) : pages;
}

async function signedInContext(browser: Browser, email: string | null): Promise<BrowserContext> {
  const context = await browser.newContext();
  if (!email) return context;
  const page = await context.newPage();
  await page.goto(new URL('/login', portal.url).href);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.locator('form[method="post"] button[type="submit"]').first().click()]);
  await page.close();
  return context;
}

function fileName(role: Role, width: number, pagePath: string): string {
  const slug = pagePath.replace(/^\//, '').replace(/[^a-zA-Z0-9.-]+/g, '_') || 'home';
  return path.join(outDir, role, `${slug}.${width}.png`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let count = 0;
try {
  const pages = await pageList();
  for (const role of roles) {
    const context = await signedInContext(browser, ROLES[role]);
    const page = await context.newPage();
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      for (const pagePath of pages) {
        const url = new URL(pagePath, portal.url);
        if (language) url.searchParams.set('lng', language);
        try {
          await page.goto(url.href, { waitUntil: 'networkidle' });
        } catch (error) {
          // An export served as an attachment is a download, not a page to look at.
          if (error instanceof Error && error.message.includes('Download is starting')) continue;
          throw error;
        }
        const file = fileName(role, width, pagePath);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        await page.screenshot({ path: file, fullPage: true });
        count++;
      }
    }
    await context.close();
  }
  console.log(`${count} screenshots in ${path.relative(process.cwd(), outDir)}/`);
} finally {
  await browser.close();
  await portal.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
