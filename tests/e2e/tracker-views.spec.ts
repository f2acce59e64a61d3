import { expect, test } from '@playwright/test';
import { DEMO, en, mainNav, signIn, signOut } from './support.ts';

/**
 * The tracker's read side on the demo action plan (db/seeds/data/action-items.json):
 * the filtered list, the CBM matrix, the timeline, the secretariat dashboard
 * and the public progress page.
 */

const views = en.trackerViews;

/** Demo items by classification, as the seed labels them. */
const CLEAR_TITLE = 'National cyber-security awareness month every October';
const AMBER_TITLES = ['Identify operators of essential services in energy, banking, health and digital infrastructure', 'National cyber-crisis management plan'];
const STRICT_TITLE = 'Resilience plan for the electricity transmission control systems';

test('a member filters /actions by CBM 14; the URL carries the filter and a reload keeps it', async ({ page }) => {
  await signIn(page, DEMO.member.email);
  await page.goto('/actions');
  await expect(page.getByRole('heading', { level: 1, name: views.title })).toBeVisible();
  const search = page.getByRole('search', { name: views.filters.legend });
  // "1–46 of 46": the rows shown and the total (trackerViews.rangeOf).
  const summary = page.getByText(/^[\d,]+–[\d,]+ of [\d,]+$/);
  const unfiltered = await summary.innerText();
  await search.getByLabel(views.filters.cbm, { exact: true }).selectOption('14');
  await search.getByRole('button', { name: views.filters.apply }).click();
  await expect(page).toHaveURL(/[?&]cbm=14(&|$)/);
  // The new list has arrived once its count has changed.
  await expect(summary).not.toHaveText(unfiltered);

  const table = page.locator('#action-items');
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(3);
  // Every row lists CBM 14 among its CBMs (column 4).
  for (let i = 0; i < count; i++) await expect(rows.nth(i).locator('td').nth(2)).toHaveText(/(^|\D)14(\D|$)/);

  await page.reload();
  await expect(page).toHaveURL(/[?&]cbm=14(&|$)/);
  await expect(search.getByLabel(views.filters.cbm, { exact: true })).toHaveValue('14');
  await expect(rows).toHaveCount(count);
  await expect(page.getByRole('link', { name: views.exportCsv })).toHaveAttribute('href', /^\/actions\.csv\?cbm=14/);

  // Sorting by due date is a link that keeps the filter and announces the order.
  await table.getByRole('link', { name: views.columns.due }).click();
  await expect(page).toHaveURL(/cbm=14.*sort=due/);
  await expect(table.getByRole('columnheader', { name: views.columns.due })).toHaveAttribute('aria-sort', 'ascending');
  // The member never sees items classified beyond what their institution may read.
  await expect(page.getByText(STRICT_TITLE)).toHaveCount(0);
});

test('the CBM matrix shows counts per status, flags CBMs without items, and links to each CBM', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  await page.goto('/cbms');
  const matrix = page.locator('#cbm-matrix');
  await expect(matrix.getByRole('columnheader', { name: views.status.in_progress })).toBeVisible();
  await expect(matrix.locator('tbody tr')).toHaveCount(16);
  const row14 = matrix.locator('#cbm-row-14');
  // Total column: at least one item implements CBM 14 in the demo plan.
  const total = Number(await row14.locator('td').nth(6).innerText());
  expect(total).toBeGreaterThan(5);
  const flagged = await matrix.locator('tbody tr', { hasText: views.coverage.noItems }).count();
  const zeroRows = await matrix.locator('tbody tr').evaluateAll((trs) => trs.filter((tr) => tr.querySelectorAll('td')[6]?.textContent?.trim() === '0').length);
  expect(flagged).toBe(zeroRows);

  await row14.getByRole('link', { name: 'CBM 14', exact: true }).click();
  await expect(page).toHaveURL(/\/cbms\/14$/);
  await expect(page.getByRole('heading', { name: views.coverage.itemsTitle })).toBeVisible();
  await expect(page.locator('table tbody tr')).toHaveCount(total);
});

test('the timeline draws bars, a today line and marks overdue items in words', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  await page.goto('/actions/timeline?group=cbm');
  const chart = page.locator('svg#timeline-chart');
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute('role', 'img');
  expect(await chart.locator('g.timeline-bar').count()).toBeGreaterThan(10);
  await expect(chart.locator('#timeline-today line')).toHaveCount(1);
  // The demo plan has overdue items: hatched bars that also say so in words.
  expect(await chart.locator('g.timeline-bar.overdue').count()).toBeGreaterThan(0);
  await expect(chart.locator('g.timeline-bar.overdue').first()).toContainText(views.overdue);
  await expect(page.getByLabel(views.filters.group)).toHaveValue('cbm');
  // The table alternative carries the same items.
  await page.getByText(views.timelineView.tableSummary).click();
  await expect(page.locator('#timeline-table tbody tr')).toHaveCount(await chart.locator('g.timeline-bar').count());
});

test('the dashboard is the secretariat’s: a member gets 403', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  await mainNav(page).getByRole('link', { name: views.navTracker }).click();
  await expect(page).toHaveURL(/\/tracker$/);
  await expect(page.getByRole('heading', { level: 1, name: views.dashboard.title })).toBeVisible();
  await expect(page.getByRole('img', { name: views.dashboard.byStatusTitle })).toBeVisible();
  await expect(page.locator('[data-stat="total"] dd')).toHaveText(/^\d+$/);
  await signOut(page);

  await signIn(page, DEMO.member.email);
  await expect(mainNav(page).getByRole('link', { name: views.navTracker })).toHaveCount(0);
  const response = await page.goto('/tracker');
  expect(response?.status()).toBe(403);
});

test('an anonymous visitor on /progress sees only CLEAR items', async ({ page }) => {
  const response = await page.goto('/progress');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: views.progress.title })).toBeVisible();
  await expect(page.locator('#public-items')).toContainText(CLEAR_TITLE);
  for (const title of [...AMBER_TITLES, STRICT_TITLE]) await expect(page.getByText(title)).toHaveCount(0);
  await expect(page.getByRole('img', { name: views.progress.byCbm })).toBeVisible();
  // Reached from the landing page.
  await page.goto('/');
  await page.getByRole('link', { name: views.progress.landingLink }).click();
  await expect(page).toHaveURL(/\/progress$/);
});

test('counts say how many items are hidden: the member’s list and matrix, and the public page', async ({ page }) => {
  const hiddenLine = page.getByTestId('hidden-items');
  const hiddenOf = async () => Number((await hiddenLine.textContent())?.match(/\d+/)?.[0]);

  await page.goto('/progress');
  await expect(hiddenLine).toHaveText(/^\d+ more action items? in the tracker (is|are) not public because of (its|their) classification\.$/);
  const notPublic = await hiddenOf();
  expect(notPublic).toBeGreaterThan(0);

  await signIn(page, DEMO.member.email);
  await page.goto('/actions');
  await expect(hiddenLine).toHaveText(/not shown to you because of (its|their) classification/);
  const hidden = await hiddenOf();
  // The member reads their institution's AMBER items, which the public does not.
  expect(hidden).toBeGreaterThan(0);
  expect(hidden).toBeLessThan(notPublic);
  await page.goto('/cbms');
  expect(await hiddenOf()).toBe(hidden);
});
