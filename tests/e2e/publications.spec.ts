import { expect, test, type Page } from '@playwright/test';
import { DEMO, en, field, signIn, uniqueSuffix } from './support.ts';

/**
 * The public reading site in a browser with JavaScript switched off, the way
 * many readers, crawlers and printers see it. The secretariat first publishes
 * a second edition of the demo Guidelines (edit, then publish a minor edition)
 * in a normal browser; then an anonymous reader goes through the latest
 * edition, the earlier one and what changed.
 */

const GUIDELINES = 'Guidelines for a Strategic Cybersecurity Framework';
const SLUG = 'guidelines-for-a-strategic-cybersecurity-framework';
const STRATEGY = 'Cybersecurity Strategy of Bosnia and Herzegovina (working draft)';
const p = en.publications;
const w = en.workflow;

function editorOf(page: Page) {
  return page.getByRole('textbox', { name: /^Text of/ });
}

test('an anonymous reader without JavaScript reads the latest edition, an earlier edition and what changed', async ({ browser }) => {
  const added = `Added for the second edition ${uniqueSuffix()}`;

  // The secretariat adds a paragraph and publishes edition 1.1.
  const staff = await browser.newContext();
  const secretariat = await staff.newPage();
  await signIn(secretariat, DEMO.secretariat.email);
  await secretariat.goto('/documents');
  await secretariat.getByRole('link', { name: GUIDELINES }).click();
  // Typing before the editor has synced with the server would be lost.
  await expect(secretariat.getByText(en.editor.status.saved, { exact: true })).toBeVisible({ timeout: 10_000 });
  await editorOf(secretariat).click();
  await secretariat.keyboard.press('Control+End');
  await secretariat.keyboard.press('Enter');
  await secretariat.keyboard.type(added);
  await expect(secretariat.getByText(en.editor.status.saved, { exact: true })).toBeVisible({ timeout: 10_000 });
  // "Saved" may still describe the text before the last keystrokes: reload until the server's copy has them.
  await expect(async () => {
    await secretariat.reload();
    await expect(editorOf(secretariat)).toContainText(added, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await secretariat.getByRole('link', { name: w.link, exact: true }).click();
  const publishForm = secretariat.getByRole('region', { name: w.publishTitle });
  await publishForm.getByRole('radio', { name: w.bumpMinor.replace('{{edition}}', '1.1') }).check();
  await field(publishForm, w.changelog).fill('A paragraph was added.');
  await publishForm.getByRole('button', { name: w.publish }).click();
  await expect(secretariat.getByRole('status')).toHaveText(w.notices.published);
  await staff.close();

  const reader = await browser.newContext({ javaScriptEnabled: false });
  const page = await reader.newPage();
  await page.goto('/');
  await page.getByRole('region', { name: p.latestTitle }).getByRole('link', { name: GUIDELINES }).click();
  await expect(page).toHaveURL(new RegExp(`/publications/${SLUG}$`));

  // The latest edition, rendered on the server: number, contents, text, participants, editions.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(GUIDELINES);
  await expect(page.getByTestId('edition-line')).toContainText('Edition 1.1 of');
  const article = page.getByRole('article', { name: GUIDELINES });
  await expect(article).toContainText(added);
  await expect(article).toHaveAttribute('lang', 'en');
  const contents = page.getByRole('navigation', { name: p.contents });
  await contents.getByRole('link', { name: 'Introduction', exact: true }).click();
  await expect(page).toHaveURL(/#introduction$/);
  await expect(page.getByRole('region', { name: p.participants })).toContainText(DEMO.private.institution);
  const editions = page.getByRole('table', { name: p.editionsCaption });
  await expect(editions.getByRole('row')).toHaveCount(3);
  await expect(editions.getByRole('row').nth(1)).toContainText('A paragraph was added.');
  // No person is named anywhere on the public page.
  for (const account of Object.values(DEMO)) await expect(page.getByText(account.name)).toHaveCount(0);

  // The earlier edition is still there, unchanged.
  await editions.getByRole('link', { name: p.edition.replace('{{number}}', '1.0') }).click();
  await expect(page).toHaveURL(new RegExp(`/publications/${SLUG}/v/1\\.0$`));
  await expect(page.getByTestId('edition-line')).toContainText('Edition 1.0 of');
  await expect(page.getByRole('article', { name: GUIDELINES })).not.toContainText(added);
  await expect(page.getByText(p.firstEdition)).toBeVisible();
  await page.getByRole('link', { name: p.latestEdition, exact: true }).click();

  // What changed: the new paragraph as an insertion, marked in text, not by colour alone.
  await page.getByRole('link', { name: p.whatChanged }).click();
  await expect(page).toHaveURL(new RegExp(`/publications/${SLUG}/v/1\\.1/changes$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.changesTitle.replace('{{number}}', '1.1'));
  const insertion = page.locator('ins', { hasText: added });
  await expect(insertion).toHaveCount(1);
  await expect(insertion).toContainText(en.versions.diff.inserted);

  // The Markdown download is a file.
  await page.goto(`/publications/${SLUG}/v/1.1`);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: p.downloadMarkdown }).click();
  expect((await download).suggestedFilename()).toBe('Guidelines-for-a-Strategic-Cybersecurity-Framework-1-1.md');
  await reader.close();
});

test('an anonymous browser gets 404 for an unpublished or AMBER document', async ({ browser }) => {
  // The AMBER strategy draft's id, as a member sees it.
  const staff = await browser.newContext();
  const member = await staff.newPage();
  await signIn(member, DEMO.secretariat.email);
  await member.goto('/documents');
  const href = await member.getByRole('link', { name: STRATEGY }).getAttribute('href');
  expect(href).toMatch(/^\/documents\/[0-9a-f-]{36}$/);
  await staff.close();

  const reader = await browser.newContext({ javaScriptEnabled: false });
  const page = await reader.newPage();
  for (const path of ['/publications/cybersecurity-strategy-of-bosnia-and-herzegovina-working-draft', '/publications/joint-action-plan-2026-2028', `/publications/${SLUG}/v/7.0`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.errorPages.title404);
  }
  await page.goto('/publications');
  await expect(page.getByRole('link', { name: STRATEGY })).toHaveCount(0);
  await expect(page.getByRole('link', { name: GUIDELINES })).toBeVisible();

  // The members' page of the AMBER draft asks for a sign-in and shows nothing of it.
  await page.goto(href!);
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await expect(page.getByText(STRATEGY)).toHaveCount(0);
  await reader.close();
});

test('with JavaScript on, the public pages load no script and log no error, also when served from the page cache', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/publications');
  await page.getByRole('link', { name: GUIDELINES }).click();
  await expect(page).toHaveURL(new RegExp(`/publications/${SLUG}$`));
  await expect(page.getByRole('article', { name: GUIDELINES })).toContainText('Introduction');
  await page.getByRole('link', { name: p.edition.replace('{{number}}', '1.0') }).first().click();
  await expect(page).toHaveURL(new RegExp(`/publications/${SLUG}/v/1\\.0$`));
  await expect(page.getByTestId('edition-line')).toContainText('Edition 1.0 of');
  // Loaded in full twice: the second copy comes from the cache. Reading pages need no JavaScript,
  // so none is sent (app/utils/static-page.ts).
  for (let i = 0; i < 2; i++) {
    await page.goto(`/publications/${SLUG}/v/1.0`);
    await expect(page.getByRole('article', { name: GUIDELINES })).toContainText('Introduction');
    await expect(page.locator('script')).toHaveCount(0);
  }
  expect(errors).toEqual([]);
});
