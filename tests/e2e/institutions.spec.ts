import { expect, test, type Page } from '@playwright/test';
import { DEMO, en, field, signIn, uniqueSuffix } from './support.ts';

function institutionLink(page: Page, name: string) {
  return page.getByRole('table').getByRole('link', { name, exact: true });
}

/** Shows the institutions list, filtered by name so the check does not depend on paging or other tests. */
async function listInstitutions(page: Page, query: string, options: { includeArchived: boolean }) {
  await page.goto('/institutions');
  await field(page, en.institutions.filterQuery).fill(query);
  await page.getByLabel(en.institutions.showArchived).setChecked(options.includeArchived);
  await page.getByRole('button', { name: en.common.filter, exact: true }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === query);
}

test('secretariat creates, edits, archives and restores an institution', async ({ page, browser }) => {
  const name = `E2E Cyber Institute ${uniqueSuffix()}`;
  await signIn(page, DEMO.secretariat.email);

  // Create.
  await page.goto('/institutions/new');
  await field(page, en.common.name).fill(name);
  await field(page, en.common.sector).selectOption({ label: en.sectors.academic });
  await field(page, en.common.level).selectOption({ label: en.levels.entity });
  await field(page, en.institutions.website).fill('https://e2e.example.org');
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page).toHaveURL(/\/institutions\/[^/]+\?notice=institution-created$/);
  await expect(page.getByRole('status').filter({ hasText: en.notices['institution-created'] })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText(en.sectors.academic, { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'https://e2e.example.org' })).toBeVisible();
  const detailPath = new URL(page.url()).pathname;

  await page.goto('/institutions');
  await expect(institutionLink(page, name)).toHaveAttribute('href', detailPath);

  // Edit.
  await page.goto(detailPath);
  await page.getByRole('link', { name: en.common.edit, exact: true }).click();
  await expect(page).toHaveURL(`${detailPath}/edit`);
  await expect(page.getByRole('heading', { level: 1, name: en.institutions.editTitle.replace('{{name}}', name) })).toBeVisible();
  await expect(field(page, en.common.name)).toHaveValue(name);
  await field(page, en.institutions.acronym).fill('E2ECI');
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page).toHaveURL(`${detailPath}?notice=institution-updated`);
  await expect(page.getByRole('status').filter({ hasText: en.notices['institution-updated'] })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^E2ECI$/ })).toBeVisible();

  // The list finds it by its new acronym.
  await listInstitutions(page, 'E2ECI', { includeArchived: false });
  await expect(institutionLink(page, name)).toBeVisible();

  // Archive.
  await page.goto(`${detailPath}/edit`);
  await page.getByRole('button', { name: en.institutions.archive }).click();
  await expect(page).toHaveURL(`${detailPath}?notice=institution-archived`);
  await expect(page.getByRole('status').filter({ hasText: en.notices['institution-archived'] })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: en.institutions.archivedNotice })).toBeVisible();

  await listInstitutions(page, name, { includeArchived: false });
  await expect(page.getByText(en.institutions.none)).toBeVisible();
  await expect(institutionLink(page, name)).toHaveCount(0);
  await page.goto('/institutions');
  await expect(page.getByRole('table')).toBeVisible();
  await expect(institutionLink(page, name)).toHaveCount(0);

  await listInstitutions(page, name, { includeArchived: true });
  await expect(institutionLink(page, name)).toBeVisible();
  const archivedRow = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(archivedRow.getByText(en.common.archived, { exact: true })).toBeVisible();

  // A member neither finds it (the "archived" parameter is ignored for them) nor opens it by its address.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signIn(member, DEMO.member.email);
  await member.goto(`/institutions?q=${encodeURIComponent(name)}&archived=1`);
  await expect(member.getByText(en.institutions.none)).toBeVisible();
  const response = await member.goto(detailPath);
  expect(response?.status()).toBe(404);
  await expect(member.getByRole('heading', { level: 1, name: en.errorPages.title404 })).toBeVisible();
  await memberContext.close();

  // An archived institution is not offered when inviting.
  await page.goto('/people/invite');
  await expect(field(page, en.common.institution).getByRole('option', { name: `${name} (E2ECI)` })).toHaveCount(0);

  // Restore.
  await page.goto(`${detailPath}/edit`);
  await page.getByRole('button', { name: en.institutions.restore }).click();
  await expect(page).toHaveURL(`${detailPath}?notice=institution-restored`);
  await expect(page.getByRole('status').filter({ hasText: en.notices['institution-restored'] })).toBeVisible();
  await expect(page.getByText(en.institutions.archivedNotice)).toHaveCount(0);

  await listInstitutions(page, name, { includeArchived: false });
  await expect(institutionLink(page, name)).toBeVisible();
  await expect(page.getByText(en.institutions.count_one.replace('{{count}}', '1'))).toBeVisible();
});
