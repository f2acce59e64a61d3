import { expect, test, type Page } from '@playwright/test';
import { POSITION_PAPER_TITLE } from '../../db/seeds/review-demo.server.ts';
import { DEMO, en, signIn } from './support.ts';

/**
 * Each role's home page (docs/roles.md) shows what the demo makes due for it,
 * and every entry is one click from acting on it. The demo's dates are
 * relative to the day of seeding, so these entries exist on any day.
 */

const h = en.home;

function section(page: Page, title: string) {
  return page.getByRole('region', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
}

test('a member opens an overdue item of their institution at its update form, in one click', async ({ page }) => {
  await signIn(page, DEMO.member.email);
  await expect(page).toHaveURL(/\/dashboard$/);
  const overdue = page.getByRole('group', { name: new RegExp(`^${h.overdue}`) });
  const entry = overdue.getByRole('link').first();
  await expect(entry).toBeVisible();
  const title = (await entry.textContent())!.trim();
  await entry.click();
  await expect(page).toHaveURL(/\/actions\/[^/#]+#update-title$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title.split(' ').slice(1).join(' '));
  await expect(page.getByRole('heading', { level: 2, name: en.actions.update.title })).toBeVisible();
});

test('a member opens a document awaiting their institution’s position at the position form, with its deadline shown', async ({ page }) => {
  await signIn(page, DEMO.academic.email);
  const awaiting = section(page, h.awaitingTitle);
  const entry = awaiting.getByRole('listitem').filter({ hasText: POSITION_PAPER_TITLE });
  await expect(entry).toContainText(h.deadline.replace(' {{date}}', ''));
  await entry.getByRole('link', { name: POSITION_PAPER_TITLE }).click();
  await expect(page).toHaveURL(/\/documents\/[^/]+\/workflow#position-title$/);
  await expect(page.getByRole('heading', { level: 2, name: en.workflow.positionFormTitle })).toBeVisible();
  await expect(page.getByTestId('consultation-deadline')).toBeVisible();
});

test('the secretariat opens a consultation with positions missing at its workflow page, in one click', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  await expect(section(page, h.figuresTitle).locator('[data-stat="overdue"] a')).toHaveText(/^[1-9]\d*$/);
  const consultations = section(page, h.consultationsTitle);
  const entry = consultations.getByRole('listitem').filter({ hasText: POSITION_PAPER_TITLE });
  // Nobody has answered on the demo position paper yet: the members' institutions are listed as missing.
  await expect(entry).toContainText(DEMO.academic.institution);
  await expect(entry).toContainText(DEMO.civil.institution);
  await entry.getByRole('link', { name: POSITION_PAPER_TITLE }).click();
  await expect(page).toHaveURL(/\/documents\/[^/]+\/workflow$/);
  await expect(page.getByRole('heading', { level: 1, name: en.workflow.pageTitle.replace('{{title}}', POSITION_PAPER_TITLE) })).toBeVisible();
});

test('an observer sees what changed and opens it in one click', async ({ page }) => {
  await signIn(page, DEMO.observer.email);
  const changes = section(page, h.changesTitle);
  const entry = changes.getByRole('listitem').first().getByRole('link');
  await expect(entry).toBeVisible();
  const title = (await entry.textContent())!.trim();
  await entry.click();
  await expect(page).toHaveURL(/\/(documents|actions)\/[^/]+/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title.replace(/^\S+\s/, ''));
  // Observers have nothing to record: no item lists, no positions to give.
  await page.goto('/dashboard');
  await expect(section(page, h.itemsTitle)).toHaveCount(0);
  await expect(section(page, h.awaitingTitle)).toHaveCount(0);
});
