import { expect, test } from '@playwright/test';
import { DEMO, acceptInvitation, en, invitePerson, mainNav, signIn } from './support.ts';

test('an invitation goes from the secretariat to a working account, once', async ({ page, browser }) => {
  await signIn(page, DEMO.secretariat.email);
  const invitation = await invitePerson(page, { role: 'observer', institutionLabel: 'BH Telecom (BHT)' });
  // No SMTP in the e2e server: the page says so and leaves the link to copy.
  await expect(page.getByText(en.people.linkNotMailed)).toBeVisible();

  // Until it is accepted, the invitation is pending in the people list.
  await page.goto('/people');
  const pending = page.getByRole('region', { name: en.people.pendingTitle });
  await expect(pending.getByText(invitation.email)).toBeVisible();
  await expect(page.getByRole('cell', { name: invitation.email, exact: true })).toHaveCount(0);

  const invitee = await acceptInvitation(browser, invitation, 'correct horse battery staple');
  await expect(invitee.getByRole('status').filter({ hasText: en.notices.welcome })).toBeVisible();
  await expect(invitee.getByTestId('dashboard-role')).toHaveText(en.roles.observer);
  await expect(invitee.getByRole('main').getByRole('link', { name: 'BH Telecom', exact: true })).toBeVisible();
  await expect(mainNav(invitee).getByRole('link', { name: en.nav.people, exact: true })).toHaveCount(0);

  // The secretariat now sees an active person instead of a pending invitation.
  await page.reload();
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: invitation.email, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell', { name: invitation.name, exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: en.roles.observer, exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: en.common.active, exact: true })).toBeVisible();
  await expect(pending.getByText(invitation.email)).toHaveCount(0);

  // A used link does not work again, for anyone.
  const response = await page.goto(invitation.link);
  expect(response?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1, name: en.invite.invalidTitle })).toBeVisible();
  await expect(page.getByRole('button', { name: en.invite.submit })).toHaveCount(0);

  await invitee.goto(invitation.link);
  await expect(invitee.getByRole('heading', { level: 1, name: en.invite.invalidTitle })).toBeVisible();
  await invitee.context().close();
});

test('an unknown invitation link shows that it does not work', async ({ page }) => {
  const response = await page.goto('/invite/not-a-real-token');
  expect(response?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1, name: en.invite.invalidTitle })).toBeVisible();
  await expect(page.getByText(en.invite.invalidText)).toBeVisible();
});
