import { expect, test } from '@playwright/test';
import { DEMO, E2E_PASSWORD, en, field, mainNav, signIn, type DemoAccount } from './support.ts';

/** Pages only some roles may open, with the heading each one shows; the rest of the roles get the 403 page. */
const PAGES = {
  '/people': en.people.title,
  '/people/invite': en.people.inviteTitle,
  '/institutions/new': en.institutions.createTitle,
  '/settings': en.settings.title,
  '/cbms/1/edit': en.cbms.editTitle.replace('{{number}}', '1'),
} as const;
type GuardedPage = keyof typeof PAGES;

const ALLOWED: Record<DemoAccount['role'], { nav: string[]; pages: GuardedPage[] }> = {
  admin: {
    nav: [en.nav.dashboard, en.nav.institutions, en.nav.cbms, en.nav.people, en.nav.settings],
    pages: ['/people', '/people/invite', '/institutions/new', '/settings', '/cbms/1/edit'],
  },
  secretariat: {
    nav: [en.nav.dashboard, en.nav.institutions, en.nav.cbms, en.nav.people],
    pages: ['/people', '/people/invite', '/institutions/new'],
  },
  member: { nav: [en.nav.dashboard, en.nav.institutions, en.nav.cbms], pages: [] },
  observer: { nav: [en.nav.dashboard, en.nav.institutions, en.nav.cbms], pages: [] },
};

const ALL_NAV = [en.nav.dashboard, en.nav.institutions, en.nav.cbms, en.nav.people, en.nav.settings];

test.describe('each demo role sees what it may, and no more', () => {
  for (const [key, account] of Object.entries(DEMO)) {
    test(`${key} (${account.role})`, async ({ page }) => {
      const allowed = ALLOWED[account.role];
      await signIn(page, account.email);
      await expect(page).toHaveURL(/\/dashboard$/);

      await expect(page.getByRole('heading', { level: 1, name: en.dashboard.welcome.replace('{{name}}', account.name) })).toBeVisible();
      await expect(page.getByTestId('dashboard-role')).toHaveText(en.roles[account.role]);
      await expect(page.getByRole('main').getByRole('link', { name: account.institution, exact: true })).toBeVisible();

      const nav = mainNav(page);
      await expect(nav).toBeVisible();
      for (const label of allowed.nav) {
        await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
      }
      for (const label of ALL_NAV.filter((l) => !allowed.nav.includes(l))) {
        await expect(nav.getByRole('link', { name: label, exact: true })).toHaveCount(0);
      }

      // Only those who may create institutions get the button for it.
      await nav.getByRole('link', { name: en.nav.institutions, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: en.institutions.title })).toBeVisible();
      await expect(page.getByRole('link', { name: en.institutions.new })).toHaveCount(allowed.pages.includes('/institutions/new') ? 1 : 0);
      await expect(page.getByLabel(en.institutions.showArchived)).toHaveCount(allowed.pages.includes('/institutions/new') ? 1 : 0);

      for (const [path, heading] of Object.entries(PAGES) as [GuardedPage, string][]) {
        const response = await page.goto(path);
        if (allowed.pages.includes(path)) {
          expect(response?.status(), `${path} for ${key}`).toBe(200);
          await expect(page.getByRole('heading', { level: 1, name: heading }), `${path} for ${key}`).toBeVisible();
        } else {
          expect(response?.status(), `${path} for ${key}`).toBe(403);
          await expect(page.getByRole('heading', { level: 1, name: en.errorPages.title403 })).toBeVisible();
          await expect(page.getByText(en.errorPages.text403)).toBeVisible();
          await expect(page.getByRole('link', { name: en.errorPages.goDashboard })).toHaveAttribute('href', '/dashboard');
        }
      }
    });
  }

  test('secretariat opens People and the new-institution form from the UI', async ({ page }) => {
    await signIn(page, DEMO.secretariat.email);
    await mainNav(page).getByRole('link', { name: en.nav.people, exact: true }).click();
    await expect(page).toHaveURL(/\/people$/);
    await expect(page.getByRole('heading', { level: 1, name: en.people.title })).toBeVisible();
    await expect(page.getByRole('cell', { name: DEMO.member.email, exact: true })).toBeVisible();

    await mainNav(page).getByRole('link', { name: en.nav.institutions, exact: true }).click();
    await page.getByRole('link', { name: en.institutions.new }).click();
    await expect(page).toHaveURL(/\/institutions\/new$/);
    await expect(page.getByRole('heading', { level: 1, name: en.institutions.createTitle })).toBeVisible();
    await expect(field(page, en.common.name)).toBeEditable();
  });

  test('admin opens Settings from the navigation', async ({ page }) => {
    await signIn(page, DEMO.admin.email);
    await mainNav(page).getByRole('link', { name: en.nav.settings, exact: true }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole('heading', { level: 1, name: en.settings.title })).toBeVisible();
    await expect(field(page, en.settings.groupName)).toHaveValue('Neretva Group');
  });
});

test.describe('anonymous visitors', () => {
  test('are sent from /dashboard to /login, and back after signing in', async ({ page }) => {
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
    await expect(page.getByRole('heading', { level: 1, name: en.login.title })).toBeVisible();
    await expect(mainNav(page)).toHaveCount(0);

    await field(page, en.login.email).fill(DEMO.observer.email);
    await field(page, en.login.password).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: en.login.submit, exact: true }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId('dashboard-role')).toHaveText(en.roles.observer);
  });

  test('are sent to /login from every members-only page', async ({ page }) => {
    for (const path of ['/institutions', '/people', '/settings', '/account', '/institutions/new']) {
      await page.goto(path);
      await expect(page, path).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('redirectTo') === path);
      await expect(page.getByRole('heading', { level: 1, name: en.login.title })).toBeVisible();
    }
  });
});
