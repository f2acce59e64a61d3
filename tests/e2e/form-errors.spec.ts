import { expect, test } from '@playwright/test';
import { DEMO, en, expectFieldError, field, fillAcceptForm, invitePerson, isFormPost, signIn, uniqueSuffix } from './support.ts';

test('creating an institution with no name and a javascript: website shows each error at its field', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  await page.goto('/institutions/new');
  await field(page, en.common.sector).selectOption({ label: en.sectors.public });
  await field(page, en.common.level).selectOption({ label: en.levels.state });
  await field(page, en.institutions.website).fill('javascript:alert(1)');
  await field(page, en.institutions.contactEmail).fill('not-an-address');

  const [response] = await Promise.all([
    page.waitForResponse(isFormPost('/institutions/new')),
    page.getByRole('button', { name: en.common.save }).click(),
  ]);
  expect(response.status()).toBe(400);

  await expect(page).toHaveURL(/\/institutions\/new$/);
  await expect(page.getByRole('alert').filter({ hasText: en.errors.formHasErrors })).toBeVisible();
  await expectFieldError(field(page, en.common.name), en.errors.required);
  await expectFieldError(field(page, en.institutions.website), en.errors.invalidUrl);
  await expectFieldError(field(page, en.institutions.contactEmail), en.errors.invalidEmail);
  // What was typed is kept, and fields without errors are not marked.
  await expect(field(page, en.institutions.website)).toHaveValue('javascript:alert(1)');
  await expect(field(page, en.common.sector)).toHaveValue('public');
  await expect(field(page, en.common.sector)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(field(page, en.institutions.acronym)).not.toHaveAttribute('aria-invalid', 'true');

  // Nothing was created.
  await page.goto('/institutions?q=javascript');
  await expect(page.getByText(en.institutions.none)).toBeVisible();
});

test('the level of government is asked of public institutions only, and the form says so before submitting', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  await page.goto('/institutions/new');
  // Before anything is submitted: required fields carry the marker and the attribute; the level names its condition.
  await expect(field(page, en.common.name)).toHaveAccessibleName(`${en.common.name} (${en.common.required})`);
  await expect(field(page, en.common.name)).toHaveAttribute('required', '');
  await expect(field(page, en.common.sector)).toHaveAttribute('required', '');
  await expect(field(page, en.institutions.acronym)).toHaveAccessibleName(en.institutions.acronym);
  const level = field(page, en.common.level);
  await expect(level).toHaveAccessibleName(`${en.common.level} (${en.institutions.levelRequiredWhen})`);
  await expect(level).not.toHaveAttribute('required');
  // With JavaScript the marker follows the sector: a public institution must name its level.
  await field(page, en.common.sector).selectOption({ label: en.sectors.public });
  await expect(level).toHaveAccessibleName(`${en.common.level} (${en.common.required})`);

  const publicName = `E2E Public Agency ${uniqueSuffix()}`;
  await field(page, en.common.name).fill(publicName);
  const [refused] = await Promise.all([page.waitForResponse(isFormPost('/institutions/new')), page.getByRole('button', { name: en.common.save }).click()]);
  expect(refused.status()).toBe(400);
  await expectFieldError(field(page, en.common.level), en.institutions.levelRequiredPublic);
  await expect(field(page, en.common.name)).toHaveValue(publicName);
  await expect(field(page, en.common.name)).not.toHaveAttribute('aria-invalid', 'true');

  // The same form, now for a company: no level, and it is saved.
  const company = `E2E Systems d.o.o. ${uniqueSuffix()}`;
  await field(page, en.common.name).fill(company);
  await field(page, en.common.sector).selectOption({ label: en.sectors.private });
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page).toHaveURL(/\/institutions\/[^/]+\?notice=institution-created$/);
  await expect(page.getByRole('heading', { level: 1, name: company })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: new RegExp(`^${en.institutions.noLevel}$`) })).toBeVisible();
});

test('the TLP choice explains each label in one line, defaults to AMBER and says only CLEAR is published', async ({ page, context }) => {
  await signIn(page, DEMO.secretariat.email);
  await page.goto('/documents/new');
  const group = page.getByRole('group', { name: new RegExp(`^${en.tlp.label.replace(/[()]/g, '\\$&')}`) });
  await expect(group).toHaveAccessibleDescription(en.tlp.help);
  for (const tlp of ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const) {
    await expect(group.getByRole('radio', { name: en.tlp[tlp], exact: true })).toHaveAccessibleDescription(en.tlp.who[tlp]);
  }
  await expect(group.getByRole('radio')).toHaveCount(5);
  await expect(group.getByRole('radio', { name: en.tlp.AMBER, exact: true })).toBeChecked();
  // The document's language follows the interface language: English here, Croatian once the portal is read in Croatian.
  await expect(page.locator('select[name="language"]')).toHaveValue('en');
  // A cookie rather than ?lng=: the link would also change the demo account's profile for the other specs.
  // Remix cookies hold base64 JSON (app/utils/request-language.server.ts).
  await context.addCookies([{ name: 'lng', value: encodeURIComponent(Buffer.from(JSON.stringify('hr')).toString('base64')), url: page.url() }]);
  await page.goto('/documents/new');
  await expect(page.locator('select[name="language"]')).toHaveValue('hr');
});

test('an institution name that is taken is refused at the name field', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  await page.goto('/institutions/new');
  await field(page, en.common.name).fill('bh telecom');
  await field(page, en.common.sector).selectOption({ label: en.sectors.private });
  await field(page, en.common.level).selectOption({ label: en.levels.state });
  await page.getByRole('button', { name: en.common.save }).click();
  await expectFieldError(field(page, en.common.name), en.errors.institutionNameTaken);
  await expect(field(page, en.common.name)).toHaveValue('bh telecom');
});

test('accepting an invitation with a short password shows the error at the password field', async ({ page, browser }) => {
  await signIn(page, DEMO.secretariat.email);
  const invitation = await invitePerson(page);

  const context = await browser.newContext();
  const invitee = await context.newPage();
  await invitee.goto(invitation.link);
  await fillAcceptForm(invitee, { name: invitation.name, password: 'too-short', confirm: 'something-else' });

  const password = field(invitee, en.invite.password);
  await expectFieldError(password, 'Use at least 12 characters.');
  await expect(password).toHaveAccessibleDescription(new RegExp(en.invite.passwordHelp));
  await expectFieldError(field(invitee, en.invite.confirm), en.errors.passwordsDiffer);
  await expect(field(invitee, en.invite.name)).toHaveValue(invitation.name);
  await expect(field(invitee, en.invite.name)).not.toHaveAttribute('aria-invalid', 'true');

  // The link still works after a failed attempt, and signs in with the fixed password.
  await fillAcceptForm(invitee, { name: invitation.name, password: 'a long enough password' });
  await expect(invitee).toHaveURL(/\/dashboard\?notice=welcome$/);
  await expect(invitee.getByTestId('dashboard-role')).toHaveText(en.roles.member);
  await context.close();
});

test('a wrong password on the login page shows the error and a 401', async ({ page }) => {
  const email = DEMO.member.email;
  await page.goto('/login');
  await field(page, en.login.email).fill(email);
  await field(page, en.login.password).fill(`wrong-password-${uniqueSuffix()}`);
  const [response] = await Promise.all([
    page.waitForResponse(isFormPost('/login')),
    page.getByRole('button', { name: en.login.submit, exact: true }).click(),
  ]);
  expect(response.status()).toBe(401);

  await expect(page).toHaveURL(/\/login$/);
  await expectFieldError(field(page, en.login.password), en.errors.invalidCredentials);
  await expect(page.getByRole('alert').filter({ hasText: en.errors.invalidCredentials })).toHaveCount(2);
  await expect(field(page, en.login.email)).toHaveValue(email);
  await expect(page.getByRole('navigation', { name: en.nav.main })).toHaveCount(0);
});

test('an invalid e-mail address on the login page is refused at the e-mail field', async ({ page }) => {
  await page.goto('/login');
  await field(page, en.login.email).fill('not-an-address');
  await field(page, en.login.password).fill('whatever-it-is');
  await page.getByRole('button', { name: en.login.submit, exact: true }).click();
  await expectFieldError(field(page, en.login.email), en.errors.invalidEmail);
  await expect(field(page, en.login.password)).not.toHaveAttribute('aria-invalid', 'true');
});
