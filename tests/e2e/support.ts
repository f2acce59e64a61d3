import { expect, type Browser, type Locator, type Page, type Response } from '@playwright/test';
import en, { type Messages } from '../../app/locales/en.ts';
import { E2E_PASSWORD } from '../../playwright.config.ts';

/**
 * Shared steps for the end-to-end suite. Every test drives the production
 * build through the UI, finding controls by their role and label: if a label
 * goes missing, the tests that need it fail.
 */

export { en, E2E_PASSWORD, type Messages };

export type RoleKey = keyof typeof en.roles;

/** The demo accounts seeded into the fresh e2e database (db/seeds/demo.server.ts). */
export const DEMO = {
  admin: { email: 'admin@demo.example', name: 'Amra Hodžić', role: 'admin', institution: 'Ministry of Communications and Transport of Bosnia and Herzegovina' },
  secretariat: { email: 'secretariat@demo.example', name: 'Dario Marić', role: 'secretariat', institution: 'Ministry of Communications and Transport of Bosnia and Herzegovina' },
  member: { email: 'member@demo.example', name: 'Lejla Kovačević', role: 'member', institution: 'Ministry of Security of Bosnia and Herzegovina' },
  private: { email: 'private@demo.example', name: 'Nikola Petrović', role: 'member', institution: 'BH Telecom' },
  academic: { email: 'academic@demo.example', name: 'Selma Begić', role: 'member', institution: 'University of Sarajevo' },
  civil: { email: 'civil@demo.example', name: 'Jasmin Mehić', role: 'member', institution: 'e-Transformacija association' },
  observer: { email: 'observer@demo.example', name: 'Ana Novak', role: 'observer', institution: 'OSCE Mission to Bosnia and Herzegovina' },
} as const satisfies Record<string, { email: string; name: string; role: RoleKey; institution: string }>;

export type DemoAccount = (typeof DEMO)[keyof typeof DEMO];

/** A suffix that keeps names and e-mail addresses unique across tests and runs. */
export function uniqueSuffix(): string {
  return `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A form control by its visible label. Required fields add "(required)" to the
 * label, or a condition such as "(required for public institutions)"; the
 * match allows either suffix and nothing else (no prefix matches: "Name" must
 * not find "Name in the local language").
 */
export function field(scope: Page | Locator, label: string, messages: Messages = en): Locator {
  const markers = [messages.common.required, messages.institutions.levelRequiredWhen].map(escapeRegExp).join('|');
  return scope.getByLabel(new RegExp(`^${escapeRegExp(label)}\\s*(\\((${markers})\\))?$`));
}

/** Chooses a document's TLP label, a radio in the document form. */
export async function chooseTlp(scope: Page | Locator, tlp: keyof Messages['tlp']['who']): Promise<void> {
  await scope.getByRole('radio', { name: en.tlp[tlp], exact: true }).check();
}

/**
 * Matches the response to a form post to `path`, with or without JavaScript
 * (Remix single fetch posts to `<path>.data`).
 */
export function isFormPost(path: string) {
  return (response: Response): boolean => {
    const { pathname } = new URL(response.url());
    return response.request().method() === 'POST' && (pathname === path || pathname === `${path}.data`);
  };
}

/** The main navigation bar (only shown to signed-in people). */
export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: en.nav.main });
}

/** Signs in through the login form and waits until the page shows a signed-in person. */
export async function signIn(page: Page, email: string, password: string = E2E_PASSWORD): Promise<void> {
  await page.goto('/login');
  await field(page, en.login.email).fill(email);
  await field(page, en.login.password).fill(password);
  await page.getByRole('button', { name: en.login.submit, exact: true }).click();
  // The header's sign-out button is there only for a signed-in person.
  await expect(page.getByRole('banner').getByRole('button', { name: en.nav.signOut })).toBeVisible();
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
}

/** Selects a phrase in the document editor the way a mouse drag would. */
export async function selectInEditor(page: Page, phrase: string): Promise<void> {
  await page.getByRole('textbox', { name: /^Text of/ }).evaluate((root, text) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const index = node.textContent?.indexOf(text) ?? -1;
      if (index < 0) continue;
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + text.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${text}" not found in the editor`);
  }, phrase);
}

/**
 * Signs out through the header button and waits for the signed-out login page,
 * so that the next navigation does not race the sign-out request.
 */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: en.nav.signOut }).click();
  await expect(page).toHaveURL(/\/login\?notice=signed-out$/);
}

/**
 * Asserts that an error is shown next to a field and tied to it: the control is
 * marked invalid, its aria-describedby points at the element with the message,
 * and that element sits in the same field group as the control.
 */
export async function expectFieldError(control: Locator, message: string): Promise<void> {
  await expect(control).toHaveAttribute('aria-invalid', 'true');
  await expect(control).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
  const describedBy = (await control.getAttribute('aria-describedby')) ?? '';
  const ids = describedBy.split(/\s+/).filter(Boolean);
  expect(ids.length, 'aria-describedby names at least one element').toBeGreaterThan(0);
  const page = control.page();
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  expect(texts.map((text) => text?.trim())).toContain(message);
  // "Next to the field": the message is inside the control's own field group.
  await expect(control.locator('xpath=..').getByText(message, { exact: true })).toBeVisible();
}

export interface Invitation {
  email: string;
  name: string;
  link: string;
}

/**
 * Invites a new person as the signed-in page's user (secretariat or admin) and
 * returns the one-time link shown on the page.
 */
export async function invitePerson(
  page: Page,
  options: { role?: RoleKey; institutionLabel?: string; name?: string } = {},
): Promise<Invitation> {
  const suffix = uniqueSuffix();
  const email = `invitee-${suffix}@e2e.example`;
  const name = options.name ?? `Invitee ${suffix}`;
  await page.goto('/people/invite');
  await expect(page.getByRole('heading', { level: 1, name: en.people.inviteTitle })).toBeVisible();
  await field(page, en.common.email).fill(email);
  await field(page, en.people.inviteName).fill(name);
  await field(page, en.common.institution).selectOption({ label: options.institutionLabel ?? 'University of Sarajevo (UNSA)' });
  await field(page, en.common.role).selectOption({ label: en.roles[options.role ?? 'member'] });
  await page.getByRole('button', { name: en.people.inviteSubmit }).click();
  const linkField = page.getByTestId('invitation-link');
  await expect(linkField).toBeVisible();
  await expect(page.getByRole('heading', { name: en.people.linkTitle.replace('{{email}}', email) })).toBeVisible();
  const link = await linkField.inputValue();
  expect(link).toMatch(/\/invite\/[^/]+$/);
  return { email, name, link };
}

/** Fills in and submits the accept-invitation form on the current page. */
export async function fillAcceptForm(page: Page, values: { name: string; password: string; confirm?: string }): Promise<void> {
  await field(page, en.invite.name).fill(values.name);
  await field(page, en.invite.password).fill(values.password);
  await field(page, en.invite.confirm).fill(values.confirm ?? values.password);
  await page.getByRole('button', { name: en.invite.submit }).click();
}

/**
 * Accepts an invitation in a new, empty browser context (as the invitee would,
 * on their own computer) and returns the signed-in page.
 */
export async function acceptInvitation(browser: Browser, invitation: Invitation, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(invitation.link);
  await expect(page.getByRole('heading', { level: 1, name: en.invite.title })).toBeVisible();
  await expect(field(page, en.invite.email)).toHaveValue(invitation.email);
  await fillAcceptForm(page, { name: invitation.name, password });
  await expect(page).toHaveURL(/\/dashboard\?notice=welcome$/);
  return page;
}
