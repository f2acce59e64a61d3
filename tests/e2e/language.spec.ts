import { expect, test, type Page } from '@playwright/test';
import bs from '../../app/locales/bs.ts';
import type { Messages } from '../../app/locales/en.ts';
import { DEMO, en, field, mainNav, signIn } from './support.ts';

/** Picks a language in the header switcher, whose label is in the current language. */
async function chooseLanguage(page: Page, current: Messages, language: 'Bosanski' | 'English') {
  await page.getByLabel(current.language.label, { exact: true }).selectOption({ label: language });
  await page.getByRole('button', { name: current.language.change, exact: true }).click();
}

test('the language switcher turns the site Bosnian, remembers it, and switches back', async ({ page }) => {
  // The strings checked below must really be translated, or this test proves nothing.
  for (const [b, e] of [
    [bs.landing.whatTitle, en.landing.whatTitle],
    [bs.nav.signIn, en.nav.signIn],
    [bs.login.title, en.login.title],
    [bs.language.label, en.language.label],
  ]) {
    expect(b, 'translated in app/locales/bs.ts').not.toBe(e);
  }

  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 2, name: en.landing.whatTitle })).toBeVisible();

  await chooseLanguage(page, en, 'Bosanski');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'bs');
  await expect(page.getByRole('heading', { level: 2, name: bs.landing.whatTitle })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: en.landing.whatTitle })).toHaveCount(0);
  await expect(page.getByRole('banner').getByRole('link', { name: bs.nav.signIn, exact: true })).toBeVisible();
  await expect(page.getByLabel(bs.language.label, { exact: true })).toHaveValue('bs');

  // Remembered after a reload (server-rendered) and on another page.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'bs');
  await expect(page.getByRole('heading', { level: 2, name: bs.landing.whatTitle })).toBeVisible();

  await page.getByRole('banner').getByRole('link', { name: bs.nav.signIn, exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'bs');
  await expect(page.getByRole('heading', { level: 1, name: bs.login.title })).toBeVisible();
  await expect(field(page, bs.login.email, bs)).toBeVisible();
  await expect(page.getByRole('button', { name: bs.login.submit, exact: true })).toBeVisible();

  // And back to English, on the same page.
  await chooseLanguage(page, bs, 'English');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: en.login.title })).toBeVisible();
  await expect(field(page, en.login.email)).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: en.login.title })).toBeVisible();
});

test('a signed-in member sees the members’ area in Bosnian', async ({ page }) => {
  expect(bs.nav.institutions).not.toBe(en.nav.institutions);
  expect(bs.roles.member).not.toBe(en.roles.member);

  await signIn(page, DEMO.member.email);
  await chooseLanguage(page, en, 'Bosanski');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'bs');
  await expect(page.getByTestId('dashboard-role')).toHaveText(bs.roles.member);

  const nav = page.getByRole('navigation', { name: bs.nav.main });
  for (const label of [bs.nav.dashboard, bs.nav.institutions, bs.nav.cbms]) {
    await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
  }
  await expect(nav.getByRole('link', { name: en.nav.dashboard, exact: true })).toHaveCount(0);
  await nav.getByRole('link', { name: bs.nav.institutions, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: bs.institutions.title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'bs');

  await chooseLanguage(page, bs, 'English');
  await expect(page).toHaveURL(/\/institutions$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(mainNav(page).getByRole('link', { name: en.nav.institutions, exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: en.institutions.title })).toBeVisible();
});
