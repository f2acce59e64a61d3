import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, en, field, signIn, uniqueSuffix } from './support.ts';

/**
 * An action item from creation to its first progress update, through the UI:
 * the secretariat files it, the owner ministry reports on it, and a member of
 * another institution can neither see the update form nor forge an update.
 */

const MINISTRY = 'Ministry of Security of Bosnia and Herzegovina';

async function newPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test('the secretariat files an item on CBM 14 and 15; the ministry reports progress; another institution cannot', async ({ browser }) => {
  const title = `Public-private incident information sharing ${uniqueSuffix()}`;
  const code = `E.${Date.now() % 100000}`;

  // 1. The secretariat creates the item, owned by the Ministry of Security, CBM 14 primary.
  const secretariat = await newPage(browser, DEMO.secretariat.email);
  await secretariat.goto('/actions/new');
  await expect(secretariat.getByRole('heading', { level: 1, name: en.actions.form.newTitle })).toBeVisible();
  await field(secretariat, en.actions.fields.code).fill(code);
  await field(secretariat, en.actions.fields.title).fill(title);
  await field(secretariat, en.actions.fields.description).fill('A trusted channel between operators of essential services and the CERT.');
  const cbms = secretariat.getByRole('group', { name: new RegExp(en.actions.form.cbmsLegend) });
  await cbms.getByRole('checkbox', { name: /^CBM 14:/ }).check();
  await cbms.getByRole('checkbox', { name: /^CBM 15:/ }).check();
  await cbms.getByRole('radio', { name: 'Primary: CBM 14' }).check();
  await field(secretariat, en.actions.fields.ownerInstitutionId).selectOption({ label: `${MINISTRY} (MSB)` });
  await field(secretariat, en.actions.fields.supporterIds).selectOption({ label: 'BH Telecom (BHT)' });
  await field(secretariat, en.actions.fields.dueDate).fill('2027-06-30');
  await secretariat.getByRole('textbox', { name: /^Name \(Indicator 1\)$/ }).fill('Operators connected');
  await secretariat.getByRole('textbox', { name: /^Target \(Indicator 1\)$/ }).fill('12');
  await secretariat.getByRole('button', { name: en.actions.form.create }).click();

  await expect(secretariat.getByRole('heading', { level: 1, name: new RegExp(title) })).toBeVisible();
  await expect(secretariat.getByRole('status')).toHaveText(en.actions.notices.created);
  const itemUrl = secretariat.url().replace(/\?.*$/, '');
  const itemCbms = secretariat.getByTestId('item-cbms');
  await expect(itemCbms.getByRole('listitem')).toHaveCount(2);
  await expect(itemCbms.getByRole('listitem').filter({ hasText: 'CBM 14:' })).toContainText(en.actions.item.primary);
  await expect(itemCbms.getByRole('listitem').filter({ hasText: 'CBM 15:' })).not.toContainText(en.actions.item.primary);
  await expect(itemCbms.getByRole('link', { name: /^CBM 14:/ })).toHaveAttribute('href', '/cbms/14');
  await expect(secretariat.getByRole('link', { name: MINISTRY })).toBeVisible();

  // 2. A member of the ministry posts a progress update with a link as evidence.
  const member = await newPage(browser, DEMO.member.email);
  await member.goto(itemUrl);
  const updateForm = member.getByRole('region', { name: en.actions.update.title });
  await expect(updateForm).toBeVisible();
  await field(updateForm, en.actions.update.body).fill('Memorandum of understanding signed with three operators.');
  await field(updateForm, en.actions.update.status).selectOption({ label: en.actions.statuses.in_progress });
  await field(updateForm, en.actions.update.progress).fill('30');
  await field(updateForm, 'Operators connected (—)').fill('3');
  await field(updateForm, 'Link 1').fill('https://example.org/mou-signed');
  await updateForm.getByRole('button', { name: en.actions.update.submit }).click();

  await expect(member.getByRole('status')).toHaveText(en.actions.notices.updated);
  const timeline = member.getByTestId('timeline');
  await expect(timeline).toContainText('Memorandum of understanding signed with three operators.');
  await expect(timeline).toContainText(`${DEMO.member.name}, ${MINISTRY}`);
  await expect(timeline).toContainText('Status: Not started → In progress');
  await expect(timeline.getByRole('link', { name: 'https://example.org/mou-signed' })).toBeVisible();
  await expect(member.getByTestId('item-status')).toHaveText(en.actions.statuses.in_progress);
  await expect(member.getByRole('progressbar')).toHaveAttribute('value', '30');
  await expect(member.getByTestId('history')).toContainText('Indicator “Operators connected”');

  // 3. A member of BH Telecom (a supporter) reads it, but has no update form and no edit link.
  const other = await newPage(browser, DEMO.private.email);
  await other.goto(itemUrl);
  await expect(other.getByRole('heading', { level: 1, name: new RegExp(title) })).toBeVisible();
  await expect(other.getByRole('region', { name: en.actions.update.title })).toHaveCount(0);
  await expect(other.getByRole('link', { name: en.actions.item.edit })).toHaveCount(0);
  // A forged update, posted with the member's own session (and the portal's own Origin, as a browser would), is refused by the server.
  const forged = await other.request.post(itemUrl, {
    headers: { origin: new URL(other.url()).origin },
    form: { intent: 'update', date: '2026-11-23', body: 'Forged', status: 'completed', progress: '100', evidenceUrl: 'https://example.org/x' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect((await other.request.get(`${itemUrl}/edit`, { maxRedirects: 0 })).status()).toBe(403);
  await other.reload();
  await expect(other.getByTestId('timeline')).not.toContainText('Forged');
  await expect(other.getByTestId('item-status')).toHaveText(en.actions.statuses.in_progress);
});

test('completing an item needs evidence; an uploaded file is then listed and downloads', async ({ browser }) => {
  // The secretariat also posts progress; it files a fresh item so this test stands alone.
  const page = await newPage(browser, DEMO.secretariat.email);
  await page.goto('/actions/new');
  const title = `Cyber exercise for operators ${uniqueSuffix()}`;
  await field(page, en.actions.fields.code).fill(`X.${Date.now() % 100000}`);
  await field(page, en.actions.fields.title).fill(title);
  await page.getByRole('checkbox', { name: /^CBM 8:/ }).check();
  await field(page, en.actions.fields.ownerInstitutionId).selectOption({ label: `${MINISTRY} (MSB)` });
  await page.getByRole('button', { name: en.actions.form.create }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(title) })).toBeVisible();

  const form = page.getByRole('region', { name: en.actions.update.title });
  await field(form, en.actions.update.body).fill('Exercise held; after-action report attached.');
  await field(form, en.actions.update.status).selectOption({ label: en.actions.statuses.completed });
  await field(form, en.actions.update.progress).fill('100');
  await form.getByRole('button', { name: en.actions.update.submit }).click();
  await expect(field(form, en.actions.update.status)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText(en.actions.errors.completedNeedsEvidence)).toBeVisible();
  // What was typed is still there.
  await expect(field(form, en.actions.update.body)).toHaveValue('Exercise held; after-action report attached.');

  await form.getByLabel(en.actions.update.files).setInputFiles({ name: 'after-action report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 report') });
  await form.getByRole('button', { name: en.actions.update.submit }).click();
  await expect(page.getByRole('status')).toHaveText(en.actions.notices.updated);
  await expect(page.getByTestId('item-status')).toHaveText(en.actions.statuses.completed);
  const download = page.getByTestId('timeline').getByRole('link', { name: /^Download after-action report\.pdf/ });
  await expect(download).toBeVisible();
  const response = await page.request.get((await download.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-disposition']).toContain('attachment;');
  expect(await response.text()).toBe('%PDF-1.4 report');
});

test('the item form shows errors next to the fields and keeps what was typed', async ({ browser }) => {
  const page = await newPage(browser, DEMO.secretariat.email);
  await page.goto('/actions/new');
  await field(page, en.actions.fields.title).fill('Item without CBMs');
  await field(page, en.actions.fields.progress).fill('150');
  await page.getByRole('button', { name: en.actions.form.create }).click();
  await expect(page.getByRole('alert').filter({ hasText: en.errors.formHasErrors })).toBeVisible();
  await expect(page.getByText(en.actions.errors.invalidProgress)).toBeVisible();
  await expect(field(page, en.actions.fields.progress)).toHaveAttribute('aria-invalid', 'true');
  await expect(field(page, en.actions.fields.title)).toHaveValue('Item without CBMs');
});
