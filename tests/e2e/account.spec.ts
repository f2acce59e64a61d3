import { expect, test } from '@playwright/test';
import { DEMO, E2E_PASSWORD, en, expectFieldError, field, signIn } from './support.ts';

test('a wrong current password is refused at its field, and the password still works', async ({ page }) => {
  await signIn(page, DEMO.academic.email);
  await page.getByRole('link', { name: new RegExp(en.nav.account) }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: en.account.title })).toBeVisible();

  const form = page.getByRole('region', { name: en.account.passwordTitle });
  await field(form, en.account.currentPassword).fill('this is not my password');
  await field(form, en.account.newPassword).fill('a brand new password 123');
  await field(form, en.account.confirmPassword).fill('a brand new password 123');
  await form.getByRole('button', { name: en.account.changePassword, exact: true }).click();

  await expectFieldError(field(form, en.account.currentPassword), en.errors.wrongPassword);
  await expect(form.getByRole('alert').filter({ hasText: en.errors.formHasErrors })).toBeVisible();
  await expect(field(form, en.account.newPassword)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(en.notices['password-changed'])).toHaveCount(0);

  // Nothing changed: the old password still signs in (in a second session).
  const other = await page.context().browser()!.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, DEMO.academic.email, E2E_PASSWORD);
  await expect(otherPage.getByTestId('dashboard-role')).toHaveText(en.roles.member);
  await other.close();
});

test('mismatched new passwords are refused at the confirmation field', async ({ page }) => {
  await signIn(page, DEMO.academic.email);
  await page.goto('/account');
  const form = page.getByRole('region', { name: en.account.passwordTitle });
  await field(form, en.account.currentPassword).fill(E2E_PASSWORD);
  await field(form, en.account.newPassword).fill('short');
  await field(form, en.account.confirmPassword).fill('different');
  await form.getByRole('button', { name: en.account.changePassword, exact: true }).click();
  await expectFieldError(field(form, en.account.newPassword), en.errors.passwordTooShort);
  await expectFieldError(field(form, en.account.confirmPassword), en.errors.passwordsDiffer);
});

test('the sessions list marks this session and can sign out another one', async ({ page, browser }) => {
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, DEMO.civil.email);
  await signIn(page, DEMO.civil.email);

  await page.goto('/account');
  const sessions = page.getByTestId('sessions');
  await expect(sessions.getByRole('listitem').first()).toBeVisible();
  const count = await sessions.getByRole('listitem').count();
  expect(count).toBeGreaterThanOrEqual(2);
  // Exactly one session is this one, and it has no sign-out button.
  await expect(sessions.getByText(en.account.thisSession, { exact: true })).toHaveCount(1);
  const current = sessions.getByRole('listitem').filter({ hasText: en.account.thisSession });
  await expect(current.getByRole('button')).toHaveCount(0);
  await expect(sessions.getByRole('button', { name: en.account.revoke })).toHaveCount(count - 1);

  // Sign out every other session; the other browser is then signed out.
  while ((await sessions.getByRole('button').count()) > 0) {
    const before = await sessions.getByRole('listitem').count();
    await sessions.getByRole('button').first().click();
    await expect(page.getByRole('status').filter({ hasText: en.notices['session-revoked'] })).toBeVisible();
    await expect(sessions.getByRole('listitem')).toHaveCount(before - 1);
  }
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  await expect(sessions.getByText(en.account.thisSession, { exact: true })).toHaveCount(1);

  await other.goto('/account');
  await expect(other).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: en.account.title })).toBeVisible();
  await otherContext.close();
});
