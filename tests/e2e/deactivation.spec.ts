import { expect, test } from '@playwright/test';
import { DEMO, acceptInvitation, en, field, invitePerson, signIn } from './support.ts';

test('a deactivated person is signed out of their open session and cannot sign in again', async ({ page, browser }) => {
  const password = 'a long password for e2e';
  await signIn(page, DEMO.secretariat.email);
  const invitation = await invitePerson(page, { role: 'member' });
  const invitee = await acceptInvitation(browser, invitation, password);
  await expect(invitee.getByTestId('dashboard-role')).toHaveText(en.roles.member);

  // The secretariat finds the person in the list and deactivates them on their page.
  await page.goto('/people');
  await page.getByRole('link', { name: `${en.people.manage}: ${invitation.name}` }).click();
  await expect(page).toHaveURL(/\/people\/[^/?]+$/);
  await expect(page.getByRole('heading', { level: 1, name: en.people.editTitle.replace('{{name}}', invitation.name) })).toBeVisible();
  await page.getByRole('button', { name: en.people.deactivate, exact: true }).click();
  await expect(page).toHaveURL(/\/people\?notice=person-deactivated$/);
  await expect(page.getByRole('status').filter({ hasText: en.notices['person-deactivated'] })).toBeVisible();
  // Hidden from the default list, shown as deactivated when asked for.
  await expect(page.getByRole('cell', { name: invitation.email, exact: true })).toHaveCount(0);
  await page.getByLabel(en.people.showDeactivated).check();
  await page.getByRole('button', { name: en.common.filter, exact: true }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: invitation.email, exact: true }) });
  await expect(row.getByRole('cell', { name: en.common.deactivated, exact: true })).toBeVisible();

  // The invitee's open session is gone at the next navigation.
  await invitee.goto('/institutions');
  await expect(invitee).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('redirectTo') === '/institutions');
  await invitee.goto('/dashboard');
  await expect(invitee).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);

  // And the old password no longer opens a session.
  await field(invitee, en.login.email).fill(invitation.email);
  await field(invitee, en.login.password).fill(password);
  await invitee.getByRole('button', { name: en.login.submit, exact: true }).click();
  await expect(field(invitee, en.login.password)).toHaveAttribute('aria-invalid', 'true');
  await expect(invitee).toHaveURL(/\/login/);
  await expect(invitee.getByRole('navigation', { name: en.nav.main })).toHaveCount(0);
  await invitee.context().close();
});

test('a member cannot manage people, even by address', async ({ page }) => {
  await signIn(page, DEMO.member.email);
  await page.goto('/dashboard');
  await page.getByRole('main').getByRole('link', { name: DEMO.member.institution, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: DEMO.member.institution })).toBeVisible();
  // Members see colleagues' names, but not as links to manage them.
  await expect(page.getByRole('region', { name: en.institutions.membersTitle }).getByText(DEMO.member.name)).toBeVisible();
  await expect(page.getByRole('link', { name: DEMO.member.name, exact: true })).toHaveCount(0);
  const response = await page.goto('/people/any-id');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: en.errorPages.title403 })).toBeVisible();
});
