import { expect, test, type Page } from '@playwright/test';
import bs from '../../app/locales/bs.ts';
import hr from '../../app/locales/hr.ts';
import type { Messages } from '../../app/locales/en.ts';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES, type Language } from '../../app/utils/languages.ts';
import { DEMO, E2E_PASSWORD, en, field, mainNav, signIn } from './support.ts';

/** The switcher: a navigation landmark named in the current language, one link per language. */
function switcher(page: Page, current: Messages) {
  return page.getByRole('banner').getByRole('navigation', { name: current.language.label, exact: true });
}

/** One click on a language's name, written in that language. */
async function chooseLanguage(page: Page, current: Messages, language: Language) {
  await switcher(page, current).getByRole('link', { name: LANGUAGE_NAMES[language], exact: true }).click();
}

test('one click on a language link turns the page Bosnian, remembers it, and switches back', async ({ page }) => {
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

  // Five links, each named in its own language and script, each marked with its language.
  const links = switcher(page, en).getByRole('link');
  await expect(links).toHaveText(SUPPORTED_LANGUAGES.map((lng) => LANGUAGE_NAMES[lng]));
  for (const lng of SUPPORTED_LANGUAGES) {
    const link = switcher(page, en).getByRole('link', { name: LANGUAGE_NAMES[lng], exact: true });
    await expect(link).toHaveAttribute('lang', lng);
    await expect(link).toHaveAttribute('hreflang', lng);
  }
  await expect(switcher(page, en).getByRole('link', { name: 'English', exact: true })).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('banner').getByRole('button')).toHaveCount(0);

  await chooseLanguage(page, en, 'bs');
  await expect(page).toHaveURL(/\/\?lng=bs$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'bs');
  await expect(page.getByRole('heading', { level: 2, name: bs.landing.whatTitle })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: en.landing.whatTitle })).toHaveCount(0);
  await expect(page.getByRole('banner').getByRole('link', { name: bs.nav.signIn, exact: true })).toBeVisible();
  await expect(switcher(page, bs).getByRole('link', { name: 'Bosanski', exact: true })).toHaveAttribute('aria-current', 'true');
  await expect(switcher(page, bs).getByRole('link', { name: 'English', exact: true })).not.toHaveAttribute('aria-current', /.*/);

  // Remembered without the parameter, after a reload and on another page.
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'bs');
  await expect(page.getByRole('heading', { level: 2, name: bs.landing.whatTitle })).toBeVisible();

  await page.getByRole('banner').getByRole('link', { name: bs.nav.signIn, exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'bs');
  await expect(page.getByRole('heading', { level: 1, name: bs.login.title })).toBeVisible();
  await expect(field(page, bs.login.email, bs)).toBeVisible();
  await expect(page.getByRole('button', { name: bs.login.submit, exact: true })).toBeVisible();

  // Croatian and Serbian Cyrillic, on the same page.
  await chooseLanguage(page, bs, 'hr');
  await expect(page).toHaveURL(/\/login\?lng=hr$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'hr');
  await expect(page.getByRole('heading', { level: 1, name: hr.login.title })).toBeVisible();
  await chooseLanguage(page, hr, 'sr-Cyrl');
  await expect(page).toHaveURL(/\/login\?lng=sr-Cyrl$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sr-Cyrl');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Српски', exact: true })).toHaveAttribute('aria-current', 'true');

  // And back to English.
  await page.getByRole('banner').getByRole('link', { name: 'English', exact: true }).click();
  await expect(page).toHaveURL(/\/login\?lng=en$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: en.login.title })).toBeVisible();
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(field(page, en.login.email)).toBeVisible();
});

test('a language link keeps the rest of the address', async ({ page }) => {
  await page.goto('/publications?type=guidelines');
  await chooseLanguage(page, en, 'bs');
  await expect(page).toHaveURL(/\/publications\?type=guidelines&lng=bs$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'bs');
  await expect(page.locator('link[rel="alternate"][hreflang]')).toHaveCount(SUPPORTED_LANGUAGES.length + 1);
  await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute('href', /\/publications\?type=guidelines$/);
});

test('a new visitor gets the language their browser asks for', async ({ browser }) => {
  // Playwright sends the context's locale as Accept-Language.
  const context = await browser.newContext({ locale: 'hr-HR' });
  const page = await context.newPage();
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'hr');
  await expect(page.getByRole('heading', { level: 1, name: hr.login.title })).toBeVisible();
  await context.close();
});

test('a signed-in member sees the members’ area in Bosnian, and gets it back at the next sign-in', async ({ page, browser }) => {
  expect(bs.nav.institutions).not.toBe(en.nav.institutions);
  expect(bs.roles.member).not.toBe(en.roles.member);

  await signIn(page, DEMO.member.email);
  await chooseLanguage(page, en, 'bs');
  await expect(page).toHaveURL(/\/dashboard\?lng=bs$/);
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

  // Another browser, no cookie: the profile remembers the choice.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto('/login');
  await expect(second.locator('html')).toHaveAttribute('lang', 'en');
  await field(second, en.login.email).fill(DEMO.member.email);
  await field(second, en.login.password).fill(E2E_PASSWORD);
  await second.getByRole('button', { name: en.login.submit, exact: true }).click();
  await expect(second.locator('html')).toHaveAttribute('lang', 'bs');
  await expect(second.getByTestId('dashboard-role')).toHaveText(bs.roles.member);
  await other.close();

  // Back to English, so the other tests' member signs in in English.
  await chooseLanguage(page, bs, 'en');
  await expect(page).toHaveURL(/\/institutions\?lng=en$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(mainNav(page).getByRole('link', { name: en.nav.institutions, exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: en.institutions.title })).toBeVisible();
});
