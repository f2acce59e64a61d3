import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { chooseTlp, DEMO, en, signIn, uniqueSuffix } from './support.ts';

/**
 * Live co-drafting in two browsers: the real server, real WebSockets, the real
 * Lexical editor. Each test makes its own document so tests stay independent.
 */

async function newPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

function editorOf(page: Page) {
  return page.getByRole('textbox', { name: /^Text of/ });
}

async function waitForSaved(page: Page) {
  await expect(page.getByText(en.editor.status.saved, { exact: true })).toBeVisible({ timeout: 10_000 });
}

/** Creates a document owned by the Ministry of Security; by default TLP:GREEN, and BH Telecom may edit. */
async function createDocument(page: Page, title: string, options: { file?: string; tlp?: 'GREEN' | 'AMBER+STRICT'; partner?: boolean } = {}): Promise<string> {
  await page.goto('/documents/new');
  await page.getByLabel(en.documents.titleField).fill(title);
  await chooseTlp(page, options.tlp ?? 'GREEN');
  if (options.partner ?? true) await page.getByLabel(en.documents.editInstitutions).selectOption({ label: 'BH Telecom (BHT)' });
  if (options.file) await page.getByLabel(en.documents.importFile).setInputFiles(options.file);
  await page.getByRole('button', { name: en.documents.create }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return page.url().replace(/\?.*$/, '');
}

test('two people write together: text and a labelled caret appear for the other', async ({ browser }) => {
  const member = await newPage(browser, DEMO.member.email);
  const url = await createDocument(member, `Shared draft ${uniqueSuffix()}`);
  const partner = await newPage(browser, DEMO.private.email);
  await partner.goto(url);
  await waitForSaved(member);
  await waitForSaved(partner);

  await editorOf(member).click();
  await member.keyboard.type('Proposal from the ministry');
  await expect(editorOf(partner)).toContainText('Proposal from the ministry', { timeout: 5_000 });

  await editorOf(partner).click();
  await partner.keyboard.press('Control+End');
  await partner.keyboard.press('Enter');
  await partner.keyboard.type('Comment from the operator');
  await expect(editorOf(member)).toContainText('Comment from the operator', { timeout: 5_000 });

  // The caret of the other person is labelled with their name, and both are listed as present.
  await expect(member.getByText(DEMO.private.name, { exact: true }).first()).toBeVisible();
  await expect(partner.getByText(DEMO.member.name, { exact: true }).first()).toBeVisible();

  // A reload shows the text: it came from the server, not from the page.
  await waitForSaved(partner);
  await partner.reload();
  await expect(editorOf(partner)).toContainText('Proposal from the ministry');
  await expect(editorOf(partner)).toContainText('Comment from the operator');
});

test('an observer reads along but cannot type', async ({ browser }) => {
  const member = await newPage(browser, DEMO.member.email);
  const url = await createDocument(member, `Observed draft ${uniqueSuffix()}`);
  const observer = await newPage(browser, DEMO.observer.email);
  await observer.goto(url);
  await expect(observer.getByText(en.editor.readOnly)).toBeVisible();
  await expect(editorOf(observer)).toHaveAttribute('contenteditable', 'false');

  await editorOf(member).click();
  await member.keyboard.type('Visible to observers');
  await expect(editorOf(observer)).toContainText('Visible to observers', { timeout: 5_000 });

  await editorOf(observer).click();
  await observer.keyboard.type('observer was here');
  await member.waitForTimeout(500);
  await expect(editorOf(member)).not.toContainText('observer was here');
  await expect(editorOf(observer)).not.toContainText('observer was here');
});

test('going offline keeps editing, and coming back merges both sides', async ({ browser }) => {
  const member = await newPage(browser, DEMO.member.email);
  // Chromium's offline emulation leaves open WebSockets alone, so the network cut is made on the socket itself:
  // while "offline", every live socket is dropped and every reconnection attempt refused.
  let online = true;
  const open: { close(): Promise<void> }[] = [];
  await member.routeWebSocket(/\/collab$/, (ws) => {
    if (!online) return void ws.close({ code: 1006, reason: 'offline' });
    ws.connectToServer();
    open.push(ws);
  });
  const url = await createDocument(member, `Offline draft ${uniqueSuffix()}`);
  const partner = await newPage(browser, DEMO.private.email);
  await partner.goto(url);
  await waitForSaved(partner);
  await waitForSaved(member);

  online = false;
  await member.context().setOffline(true);
  await Promise.all(open.splice(0).map((ws) => ws.close()));
  await expect(member.getByText(en.editor.status.offline, { exact: true })).toBeVisible({ timeout: 15_000 });
  await editorOf(member).click();
  await member.keyboard.type('Written while offline. ');
  await editorOf(partner).click();
  await partner.keyboard.press('Control+End');
  await partner.keyboard.type(' Written online meanwhile.');
  await expect(editorOf(member)).not.toContainText('Written online meanwhile');
  await expect(editorOf(partner)).not.toContainText('Written while offline');

  online = true;
  await member.context().setOffline(false);
  await expect(editorOf(member)).toContainText('Written online meanwhile', { timeout: 30_000 });
  await expect(editorOf(partner)).toContainText('Written while offline', { timeout: 30_000 });
  await waitForSaved(member);
});

test('a Markdown file imports into a new document and exports again', async ({ browser }) => {
  const member = await newPage(browser, DEMO.member.email);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppp-e2e-'));
  const file = path.join(dir, 'incident-reporting.md');
  fs.writeFileSync(
    file,
    ['## Incident reporting', '', 'Operators report **significant** incidents.', '', '- within 24 hours', '- to the competent CSIRT', '', '[NIS2](https://eur-lex.europa.eu/eli/dir/2022/2555/oj)', ''].join('\n'),
  );
  const url = await createDocument(member, `Imported ${uniqueSuffix()}`, { file });
  await expect(editorOf(member).getByRole('heading', { name: 'Incident reporting' })).toBeVisible();
  await expect(editorOf(member).getByRole('listitem').filter({ hasText: 'within 24 hours' })).toBeVisible();

  const download = member.waitForEvent('download');
  await member.goto(url);
  await member.getByRole('link', { name: en.documents.exportMarkdown }).click();
  const markdown = fs.readFileSync(await (await download).path(), 'utf8');
  expect(markdown).toContain('**TLP:GREEN**');
  expect(markdown).toContain('## Incident reporting');
  expect(markdown).toContain('**significant**');
  expect(markdown).toMatch(/- within 24 hours/);
  expect(markdown).toContain('[NIS2](https://eur-lex.europa.eu/eli/dir/2022/2555/oj)');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('TLP decides who may open a document: others get 404, commenters read only', async ({ browser }) => {
  const member = await newPage(browser, DEMO.member.email);
  const url = await createDocument(member, `Strict draft ${uniqueSuffix()}`, { tlp: 'AMBER+STRICT' });
  // BH Telecom takes part, the University of Sarajevo does not: it must not even learn the document exists.
  const outsider = await newPage(browser, DEMO.academic.email);
  const response = await outsider.goto(url);
  expect(response?.status()).toBe(404);
  await outsider.goto('/documents');
  await expect(outsider.getByRole('link', { name: /Strict draft/ })).toHaveCount(0);

  // e-Transformacija only comments on the demo strategy: it reads the live text but cannot change it.
  const civil = await newPage(browser, DEMO.civil.email);
  await civil.goto('/documents');
  await civil.getByRole('link', { name: /Cybersecurity Strategy/ }).click();
  await expect(editorOf(civil)).toContainText('Harmonised legislation');
  await expect(editorOf(civil)).toHaveAttribute('contenteditable', 'false');
});
