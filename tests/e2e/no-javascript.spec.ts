import { expect, test, type Page } from '@playwright/test';
import { DEMO, en, expectFieldError, field, signIn, uniqueSuffix } from './support.ts';

// Every page is a plain HTML form at heart: these tests run with JavaScript off.
test.use({ javaScriptEnabled: false });

/** Proves the page's own scripts did not run: Remix's inline script sets this global when JavaScript is on. */
async function expectNoScriptRan(page: Page) {
  expect(await page.evaluate(() => typeof (window as unknown as Record<string, unknown>).__remixContext)).toBe('undefined');
}

test('signing in and filtering institutions work without JavaScript', async ({ page }) => {
  await signIn(page, DEMO.observer.email);
  await expectNoScriptRan(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('dashboard-role')).toHaveText(en.roles.observer);

  await page.getByRole('navigation', { name: en.nav.main }).getByRole('link', { name: en.nav.institutions, exact: true }).click();
  await expect(page).toHaveURL(/\/institutions$/);
  const rows = page.getByRole('table').getByRole('row');
  const allRows = await rows.count();
  expect(allRows).toBeGreaterThan(10);

  // Filter by sector and text: a GET form, so the filter ends up in the address.
  await field(page, en.institutions.filterSector).selectOption({ label: en.sectors.academic });
  await page.getByRole('button', { name: en.common.filter, exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/institutions' && url.searchParams.get('sector') === 'academic');
  await expect(page.getByRole('link', { name: 'University of Sarajevo', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'BH Telecom', exact: true })).toHaveCount(0);
  await expect(field(page, en.institutions.filterSector)).toHaveValue('academic');
  const academicRows = await rows.count();
  expect(academicRows).toBeLessThan(allRows);

  await field(page, en.institutions.filterQuery).fill('unsa');
  await page.getByRole('button', { name: en.common.filter, exact: true }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === 'unsa' && url.searchParams.get('sector') === 'academic');
  await expect(page.getByText(en.institutions.count_one.replace('{{count}}', '1'), { exact: true })).toBeVisible();
  await expect(page.getByRole('table').getByRole('link')).toHaveText(['University of Sarajevo']);

  // "Clear filters" is a plain link back to the full list.
  await page.getByRole('link', { name: en.common.clear }).click();
  await expect(page).toHaveURL(/\/institutions$/);
  await expect(rows).toHaveCount(allRows);
});

test('form errors are shown at their field without JavaScript', async ({ page }) => {
  await page.goto('/login');
  await expectNoScriptRan(page);
  await field(page, en.login.email).fill(DEMO.member.email);
  await field(page, en.login.password).fill('not-the-password');
  await page.getByRole('button', { name: en.login.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expectFieldError(field(page, en.login.password), en.errors.invalidCredentials);
});

test('the server asks a public institution for its level without JavaScript; a university needs none', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  await page.goto('/institutions/new');
  await expectNoScriptRan(page);
  const level = field(page, en.common.level);
  await expect(level).toHaveAccessibleName(`${en.common.level} (${en.institutions.levelRequiredWhen})`);
  const name = `No-JS Agency ${uniqueSuffix()}`;
  await field(page, en.common.name).fill(name);
  await field(page, en.common.sector).selectOption({ label: en.sectors.public });
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page).toHaveURL(/\/institutions\/new$/);
  await expectFieldError(field(page, en.common.level), en.institutions.levelRequiredPublic);
  // Shown again by the server for the public sector chosen: now plainly required.
  await expect(field(page, en.common.level)).toHaveAccessibleName(`${en.common.level} (${en.common.required})`);

  await field(page, en.common.sector).selectOption({ label: en.sectors.academic });
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page).toHaveURL(/\/institutions\/[^/]+\?notice=institution-created$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});

test('the language switcher works without JavaScript', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('navigation', { name: en.language.label, exact: true }).getByRole('link', { name: 'Bosanski', exact: true }).click();
  await expect(page).toHaveURL(/\/login\?lng=bs$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'bs');
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'bs');
});

test('signing out works without JavaScript', async ({ page }) => {
  await signIn(page, DEMO.member.email);
  await page.getByRole('button', { name: en.nav.signOut }).click();
  await expect(page).toHaveURL(/\/login\?notice=signed-out$/);
  await expect(page.getByRole('status').filter({ hasText: en.notices['signed-out'] })).toBeVisible();
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
});
