import AxeBuilder from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { en, field } from './support.ts';

/**
 * The public progress page as an anonymous reader with JavaScript off
 * (issue 13 §10): filter by CBM and status with the GET form, follow a row to
 * the item's public page, and download the CSV of the same filter.
 */
test.use({ javaScriptEnabled: false });

const views = en.trackerViews;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe runs as a script in the page, which a context without JavaScript
 * refuses: the same address is checked in a second context with it on. These
 * pages send no scripts of their own (handle = staticPage), so both contexts
 * get the same document.
 */
async function expectNoAxeViolations(browser: Browser, page: Page) {
  const context = await browser.newContext({ javaScriptEnabled: true, baseURL: page.url() });
  try {
    const checked = await context.newPage();
    await checked.goto(page.url());
    const result = await new AxeBuilder({ page: checked }).withTags(AXE_TAGS).options({ resultTypes: ['violations'] }).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), `axe on ${page.url()}`).toEqual([]);
  } finally {
    await context.close();
  }
}

test('filter by CBM and status, open an item, and download the filtered CSV, without JavaScript', async ({ browser, page }) => {
  await page.goto('/progress');
  expect(await page.evaluate(() => typeof (window as unknown as Record<string, unknown>).__remixContext)).toBe('undefined');
  await expect(page.getByRole('heading', { level: 1, name: views.progress.title })).toBeVisible();
  await expect(page.getByText(views.progress.chartsAll)).toBeVisible();
  await expectNoAxeViolations(browser, page);
  const rows = page.locator('#public-items tbody tr');
  const allRows = await rows.count();
  expect(allRows).toBeGreaterThan(3);

  await field(page, views.filters.cbm).selectOption({ label: en.cbms.cbm.replace('{{number}}', '14') });
  await page.getByRole('checkbox', { name: views.status.in_progress, exact: true }).check();
  await page.getByRole('button', { name: views.filters.apply }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/progress' && url.searchParams.get('cbm') === '14' && url.searchParams.getAll('status').join() === 'in_progress');
  await expect(field(page, views.filters.cbm)).toHaveValue('14');
  await expect(page.getByRole('checkbox', { name: views.status.in_progress, exact: true })).toBeChecked();
  await expect(page.getByText(views.progress.chartsFiltered)).toBeVisible();
  const filtered = await rows.count();
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(allRows);
  for (const status of await page.locator('#public-items tbody tr td:nth-child(4)').allTextContents()) expect(status).toBe(views.status.in_progress);
  await expectNoAxeViolations(browser, page);

  // The CSV link carries the filter, and the file has the same rows.
  const csvLink = page.getByRole('link', { name: views.progress.downloadCsv, exact: true });
  const href = (await csvLink.getAttribute('href'))!;
  const csvUrl = new URL(href, page.url());
  expect(csvUrl.pathname).toBe('/progress.csv');
  expect(csvUrl.searchParams.get('cbm')).toBe('14');
  expect(csvUrl.searchParams.getAll('status')).toEqual(['in_progress']);
  const csv = await page.request.get(csvUrl.href, { headers: { 'accept-language': 'en' } });
  expect(csv.status()).toBe(200);
  const records = parse((await csv.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
  expect(records).toHaveLength(filtered);
  for (const record of records) {
    expect(record[en.trackerData.exportColumns.status]).toBe(en.actions.statuses.in_progress);
    expect(record[en.trackerData.exportColumns.cbms].split(';')).toContain('14');
  }

  // A row leads to the item's public page.
  const firstCode = (await page.locator('#public-items tbody tr th').first().textContent())!.trim();
  await page.locator('#public-items tbody tr').first().getByRole('link', { name: firstCode, exact: true }).click();
  await expect(page).toHaveURL(/\/progress\/items\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(firstCode);
  const facts = page.getByRole('region', { name: views.progress.itemFacts });
  await expect(facts.getByRole('link', { name: /^CBM 14/ })).toBeVisible();
  await expect(facts.getByText(views.status.in_progress, { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: views.progress.updates })).toBeVisible();
  await expectNoAxeViolations(browser, page);

  // Its CBM link is the list filtered by that CBM.
  await facts.getByRole('link', { name: /^CBM 14/ }).click();
  await expect(page).toHaveURL(/\/progress\?cbm=14$/);
});

test('an item that is not public is a 404 with the way back to the list', async ({ browser, page }) => {
  const response = await page.goto('/progress/items/no-such-item');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: en.errorPages.title404 })).toBeVisible();
  await expectNoAxeViolations(browser, page);
  await page.getByRole('link', { name: views.progress.allItems }).click();
  await expect(page).toHaveURL(/\/progress$/);
});
