import { expect, test, type Route } from '@playwright/test';
import { DEMO, en, signIn } from './support.ts';

/**
 * Issue 13, point 7: with JavaScript the filter form navigates on the client
 * and the old list stays on screen until the new one has loaded. The export
 * links must already follow the filters being loaded, or a quick click
 * exports the old rows.
 */
test('while a filtered /actions is loading, the export links already carry the new filters', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  await page.goto('/actions');
  const csv = page.getByTestId('export-csv');
  await expect(csv).toHaveAttribute('href', '/actions.csv');

  // Hold the new list's data until the links have been checked.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let requested: () => void = () => {};
  const requestSeen = new Promise<void>((resolve) => (requested = resolve));
  await page.route(/\/actions\.data/, async (route: Route) => {
    requested();
    await held;
    await route.continue();
  });

  const search = page.getByRole('search', { name: en.trackerViews.filters.legend });
  await search.getByLabel(en.trackerViews.filters.cbm, { exact: true }).selectOption('14');
  await search.getByRole('button', { name: en.trackerViews.filters.apply }).click();
  await requestSeen;
  // The old list is still shown (its count has not changed yet), but the links point at CBM 14.
  await expect(csv).toHaveAttribute('href', /^\/actions\.csv\?cbm=14$/);
  release();
  await expect(page).toHaveURL(/[?&]cbm=14(&|$)/);
  await expect(csv).toHaveAttribute('href', /^\/actions\.csv\?cbm=14$/);
});
