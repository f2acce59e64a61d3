import { expect, test } from '@playwright/test';
import { POSITION_PAPER_TITLE } from '../../db/seeds/review-demo.server.ts';
import { DEMO, en, signIn } from './support.ts';

/**
 * Language versions in a real browser: the secretariat adds a Croatian
 * version of the position paper, lands on it, and switches between the two
 * members of the family with the switcher on the document page.
 */

const lv = en.languageVersions;

test('the secretariat creates a Croatian version and switches between the languages', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  await page.goto('/documents');
  await page.getByRole('link', { name: POSITION_PAPER_TITLE }).click();
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
  const sourceUrl = page.url();
  const family = page.getByRole('region', { name: lv.title });
  await expect(family.getByText(lv.none)).toBeVisible();

  await family.getByLabel(lv.createLabel).selectOption({ label: en.documentLanguages.hr });
  await family.getByRole('button', { name: lv.create }).click();
  await expect(page.getByRole('status').filter({ hasText: en.notices['language-version-created'] })).toBeVisible();
  await expect(page).not.toHaveURL(sourceUrl);
  await expect(page.getByText(en.documentLanguages.hr, { exact: true }).first()).toBeVisible();

  // On the Croatian version: Croatian is the current member, English a link to the source.
  const switcher = page.getByRole('region', { name: lv.title });
  await expect(switcher.locator('[aria-current="page"]')).toContainText(en.documentLanguages.hr);
  const toEnglish = switcher.getByRole('link', { name: new RegExp(`^${en.documentLanguages.en}:`) });
  await expect(toEnglish.locator('[lang="en"]')).toHaveText(POSITION_PAPER_TITLE);
  // Croatian is taken now, so it is no longer offered.
  await expect(switcher.getByLabel(lv.createLabel).locator('option', { hasText: en.documentLanguages.hr })).toHaveCount(0);

  await toEnglish.click();
  await expect(page).toHaveURL(sourceUrl);
  const back = page.getByRole('region', { name: lv.title });
  await expect(back.locator('[aria-current="page"]')).toContainText(en.documentLanguages.en);
  await back.getByRole('link', { name: new RegExp(`^${en.documentLanguages.hr}:`) }).click();
  await expect(page.getByRole('region', { name: lv.title }).locator('[aria-current="page"]')).toContainText(en.documentLanguages.hr);
});
