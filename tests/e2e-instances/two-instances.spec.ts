import crypto from 'node:crypto';
import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { INSTANCES } from '../../playwright.instances.config.ts';
import { chooseTlp, DEMO, en, field, signIn, uniqueSuffix } from '../e2e/support.ts';

/**
 * Two portal instances (playwright.instances.config.ts) on one PostgreSQL and
 * one Redis, each driven by its own browser: what a person does on one
 * instance must work for someone whose requests land on the other. The
 * reminder job is not driven from here: it has no UI or HTTP trigger, and
 * tests/integration/two-instances.test.ts starts it on both instances at once.
 */

const [FIRST, SECOND] = INSTANCES;
const MINISTRY = 'Ministry of Security of Bosnia and Herzegovina';
const PLAN = 'Joint Action Plan 2026–2028';
// Live edits cross from one instance to the other through Redis: allow for a busy host, not for a slow portal.
const RELAY_TIMEOUT = 15_000;

/** A browser of its own, signed in on `instance`, whose relative links stay on that instance. */
async function personOn(browser: Browser, instance: string, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: instance });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** The same path on the other instance (a load balancer may send any request to either). */
function on(instance: string, url: string): string {
  const { pathname, search } = new URL(url);
  return `${instance}${pathname}${search}`;
}

function editorOf(page: Page) {
  return page.getByRole('textbox', { name: /^Text of/ });
}

async function waitForSaved(page: Page) {
  await expect(page.getByText(en.editor.status.saved, { exact: true })).toBeVisible({ timeout: RELAY_TIMEOUT });
}

test.afterEach(async ({ browser }) => {
  await Promise.all(browser.contexts().map((context) => context.close()));
});

test('a person on each instance co-edits one document, and each instance then serves both edits', async ({ browser }) => {
  const member = await personOn(browser, FIRST, DEMO.member.email);
  const title = `Draft across instances ${uniqueSuffix()}`;
  await member.goto('/documents/new');
  await member.getByLabel(en.documents.titleField).fill(title);
  await chooseTlp(member, 'GREEN');
  await member.getByLabel(en.documents.editInstitutions).selectOption({ label: 'BH Telecom (BHT)' });
  await member.getByRole('button', { name: en.documents.create }).click();
  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
  expect(member.url().startsWith(`${FIRST}/`)).toBe(true);

  const partner = await personOn(browser, SECOND, DEMO.private.email);
  await partner.goto(on(SECOND, member.url()));
  await waitForSaved(member);
  await waitForSaved(partner);

  const fromFirst = `Proposal typed on the first instance ${uniqueSuffix()}`;
  await editorOf(member).click();
  await member.keyboard.type(fromFirst);
  await expect(editorOf(partner)).toContainText(fromFirst, { timeout: RELAY_TIMEOUT });

  const fromSecond = `Comment typed on the second instance ${uniqueSuffix()}`;
  await editorOf(partner).click();
  await partner.keyboard.press('Control+End');
  await partner.keyboard.press('Enter');
  await partner.keyboard.type(fromSecond);
  await expect(editorOf(member)).toContainText(fromSecond, { timeout: RELAY_TIMEOUT });
  // Presence crosses too: each sees the other listed.
  await expect(member.getByText(DEMO.private.name, { exact: true }).first()).toBeVisible();
  await expect(partner.getByText(DEMO.member.name, { exact: true }).first()).toBeVisible();

  // Each person now opens the document on the instance they did not write on: the text comes from the shared database.
  await waitForSaved(member);
  await waitForSaved(partner);
  const url = member.url();
  await Promise.all([member.goto(on(SECOND, url)), partner.goto(on(FIRST, url))]);
  for (const page of [member, partner]) {
    await expect(editorOf(page)).toContainText(fromFirst);
    await expect(editorOf(page)).toContainText(fromSecond);
  }
});

test('evidence uploaded through the first instance downloads byte for byte from the second', async ({ browser }) => {
  const secretariat = await personOn(browser, FIRST, DEMO.secretariat.email);
  await secretariat.goto('/actions/new');
  const title = `Exercise across instances ${uniqueSuffix()}`;
  await field(secretariat, en.actions.fields.code).fill(`I.${Date.now() % 100000}`);
  await field(secretariat, en.actions.fields.title).fill(title);
  await secretariat.getByRole('checkbox', { name: /^CBM 8:/ }).check();
  await field(secretariat, en.actions.fields.ownerInstitutionId).selectOption({ label: `${MINISTRY} (MSB)` });
  await secretariat.getByRole('button', { name: en.actions.form.create }).click();
  await expect(secretariat.getByRole('heading', { level: 1, name: new RegExp(title) })).toBeVisible();

  // Over a megabyte of random bytes: stored in several chunks, nothing a transfer could compress or guess.
  const content = crypto.randomBytes(1_300_000);
  const fileName = `after-action report ${uniqueSuffix()}.pdf`;
  const form = secretariat.getByRole('region', { name: en.actions.update.title });
  await field(form, en.actions.update.body).fill('Exercise held; the report is attached.');
  await field(form, en.actions.update.status).selectOption({ label: en.actions.statuses.in_progress });
  await field(form, en.actions.update.progress).fill('50');
  await form.getByLabel(en.actions.update.files).setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: content });
  await form.getByRole('button', { name: en.actions.update.submit }).click();
  await expect(secretariat.getByRole('status')).toHaveText(en.actions.notices.updated);

  // A member of the owning ministry, whose browser talks to the second instance only.
  const member = await personOn(browser, SECOND, DEMO.member.email);
  await member.goto(on(SECOND, secretariat.url()));
  const link = member.getByTestId('timeline').getByRole('link', { name: new RegExp(`^Download ${fileName.replace('.', '\\.')}`) });
  await expect(link).toBeVisible();
  const downloading = member.waitForEvent('download');
  await link.click();
  const download = await downloading;
  expect(download.url().startsWith(`${SECOND}/`)).toBe(true);
  expect(download.suggestedFilename()).toBe(fileName);
  const bytes = fs.readFileSync(await download.path());
  expect(bytes.length).toBe(content.length);
  expect(bytes.equals(content)).toBe(true);
});

test('an import previewed on the first instance is confirmed on the second', async ({ browser }) => {
  const secretariat = await personOn(browser, FIRST, DEMO.secretariat.email);
  const tag = uniqueSuffix();
  const code = `I${tag.slice(-6)}`;
  const titles = [`Imported on one instance ${tag}`, `Confirmed on the other ${tag}`];
  const csv = ['code,title,cbms,owner,status,priority,tlp', ...titles.map((t, i) => `${code}.${i + 1},${t},14,${MINISTRY},not_started,low,GREEN`)].join('\r\n');

  await secretariat.goto('/actions/import');
  await secretariat.getByLabel(en.trackerData.import.plan).selectOption({ label: PLAN });
  await secretariat.getByLabel(en.trackerData.import.file).setInputFiles({ name: 'across.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\r\n`) });
  await secretariat.getByRole('button', { name: en.trackerData.import.preview }).click();
  await expect(secretariat.getByRole('heading', { name: en.trackerData.import.readyTitle_other.replace('{{count}}', '2') })).toBeVisible();

  // The same person, in a second browser that talks to the second instance only, finds nothing imported yet.
  const elsewhere = await personOn(browser, SECOND, DEMO.secretariat.email);
  const search = `/actions?q=${encodeURIComponent(tag)}`;
  await elsewhere.goto(search);
  await expect(elsewhere.getByText(en.trackerViews.none)).toBeVisible();

  // The load balancer sends the click on "Confirm import" to the second instance: the page's own request,
  // with its session cookie, answered by the instance that never saw the file.
  const confirmedBy: string[] = [];
  await secretariat.route(
    (url) => url.pathname === '/actions/import' || url.pathname === '/actions/import.data',
    async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      const response = await route.fetch({ url: on(SECOND, request.url()), headers: { ...request.headers(), origin: SECOND } });
      confirmedBy.push(new URL(response.url()).origin);
      await route.fulfill({ response });
    },
  );
  await secretariat.getByRole('button', { name: en.trackerData.import.confirm }).click();
  await expect(secretariat).toHaveURL(/\/actions\?plan=[^&]+&notice=actions-imported$/);
  await expect(secretariat.getByRole('status').filter({ hasText: en.notices['actions-imported'] })).toBeVisible();
  expect(confirmedBy).toEqual([SECOND]);

  await elsewhere.goto(search);
  for (const title of titles) await expect(elsewhere.getByRole('link', { name: title })).toBeVisible();
});
