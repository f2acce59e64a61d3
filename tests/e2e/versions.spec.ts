import { expect, test, type Browser, type Page } from '@playwright/test';
import { chooseTlp, DEMO, en, field, signIn, uniqueSuffix } from './support.ts';

/**
 * Versions in the browser: name a version, edit, compare (the insertion is
 * marked), restore (the editor, and a second editor open at the same time,
 * show the old text again).
 */

async function newPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

function editorOf(page: Page) {
  return page.getByRole('textbox', { name: /^Text of/ });
}

async function waitForSaved(page: Page) {
  await expect(page.getByText(en.editor.status.saved, { exact: true })).toBeVisible({ timeout: 10_000 });
}

test('name a version, edit, compare, restore', async ({ browser }) => {
  const member = await newPage(browser, DEMO.member.email);
  const title = `Versioned draft ${uniqueSuffix()}`;
  await member.goto('/documents/new');
  await member.getByLabel(en.documents.titleField).fill(title);
  await chooseTlp(member, 'GREEN');
  await member.getByRole('button', { name: en.documents.create }).click();
  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const documentUrl = member.url().replace(/\?.*$/, '');
  const documentPath = new URL(documentUrl).pathname;

  await waitForSaved(member);
  await editorOf(member).click();
  await member.keyboard.type('Original agreed wording of the framework.');
  await waitForSaved(member);

  // Name a version.
  await member.getByRole('link', { name: en.versions.title, exact: true }).click();
  await expect(member).toHaveURL(`${documentUrl}/versions`);
  const versionName = 'Text agreed at the 12 March meeting';
  await field(member, en.versions.save.name).fill(versionName);
  await member.getByRole('button', { name: en.versions.save.submit }).click();
  await expect(member.getByRole('status')).toHaveText(en.versions.notices['version-saved']);
  const table = member.getByRole('table', { name: en.versions.listCaption });
  await expect(table.getByRole('rowheader', { name: versionName })).toBeVisible();
  await expect(table.getByRole('row', { name: new RegExp(versionName) })).toContainText(DEMO.member.name);

  // Edit.
  await member.goto(documentUrl);
  await waitForSaved(member);
  await editorOf(member).click();
  await member.keyboard.press('Control+End');
  await member.keyboard.type(' It adds a new commitment.');
  await waitForSaved(member);

  // A second person has the document open while the text is restored.
  const partner = await newPage(browser, DEMO.secretariat.email);
  await partner.goto(documentUrl);
  await expect(editorOf(partner)).toContainText('It adds a new commitment.', { timeout: 10_000 });

  // Compare the named version with the current text.
  await member.goto(`${documentPath}/versions`);
  const from = field(member, en.versions.compare.from);
  const namedValue = await from.locator('option', { hasText: versionName }).getAttribute('value');
  expect(namedValue).toMatch(/^\d+$/);
  await from.selectOption(namedValue ?? '');
  await field(member, en.versions.compare.to).selectOption('current');
  await member.getByRole('button', { name: en.versions.compare.submit }).click();
  await expect(member).toHaveURL(/\/compare\?from=\d+&to=current$/);
  const inserted = member.locator('ins', { hasText: 'new commitment' });
  await expect(inserted).toBeVisible();
  await expect(inserted).toContainText(en.versions.diff.inserted);
  await expect(inserted).toHaveCSS('text-decoration-line', 'underline');
  await expect(member.getByText(/^1 section changed, \+5\/−0 words$/)).toBeVisible();
  await expect(member.getByText(en.versions.diff.legendInserted)).toBeVisible();

  // Restore the named version.
  await member.getByRole('link', { name: en.versions.backToVersions }).click();
  await member.getByRole('table', { name: en.versions.listCaption }).getByRole('link', { name: versionName }).click();
  await expect(member.getByRole('article')).toContainText('Original agreed wording of the framework.');
  await expect(member.getByRole('article')).not.toContainText('new commitment');
  await member.getByRole('button', { name: en.versions.version.restoreSubmit }).click();
  await expect(member.getByRole('status')).toHaveText(en.versions.notices['version-restored']);
  await expect(member.getByRole('table', { name: en.versions.listCaption }).getByRole('rowheader', { name: `Restored: ${versionName}` })).toBeVisible();

  // The person who kept the document open sees the old text without reloading.
  await expect(editorOf(partner)).not.toContainText('new commitment', { timeout: 10_000 });
  await expect(editorOf(partner)).toContainText('Original agreed wording of the framework.');

  // And the editor shows it after opening the document again.
  await member.goto(documentUrl);
  await waitForSaved(member);
  await expect(editorOf(member)).toContainText('Original agreed wording of the framework.');
  await expect(editorOf(member)).not.toContainText('new commitment');

  // The partner can go on writing on top of the restored text.
  await editorOf(partner).click();
  await partner.keyboard.press('Control+End');
  await partner.keyboard.type(' Agreed again.');
  await expect(editorOf(member)).toContainText('Agreed again.', { timeout: 10_000 });
});
