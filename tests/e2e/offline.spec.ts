import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEVICE_COPY_PREFIX } from '../../app/components/editor/device-copy.ts';
import { chooseTlp, DEMO, en, isFormPost, signIn, signOut, uniqueSuffix } from './support.ts';

/**
 * Editing without a connection, across closing the page: the document and the
 * unsent changes are kept in IndexedDB (decision 025). The portal's pages are
 * rendered by the server, so "reopening offline" here means what a browser can
 * honestly do: the page itself loads, but the collaboration socket cannot
 * connect (a captive portal, a proxy that drops WebSockets, a server that is
 * restarting, or the network coming back after the page was requested).
 */

/** The collaboration socket of every page in a context, with a switch that cuts it as a dead network would. */
async function cuttableSocket(context: BrowserContext) {
  const state = { online: true };
  const open: { close(): Promise<void> }[] = [];
  await context.routeWebSocket(/\/collab$/, (ws) => {
    if (!state.online) return void ws.close({ code: 1006, reason: 'offline' });
    ws.connectToServer();
    open.push(ws);
  });
  return {
    async goOffline() {
      state.online = false;
      // Chromium's offline emulation leaves open WebSockets alone: drop them by hand.
      await context.setOffline(true);
      await Promise.all(open.splice(0).map((ws) => ws.close()));
    },
    /** The page loads over HTTP again, the socket stays refused. */
    async httpOnly() {
      await context.setOffline(false);
    },
    goOnline() {
      state.online = true;
    },
  };
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

function editorOf(page: Page) {
  return page.getByRole('textbox', { name: /^Text of/ });
}

function saveStatus(page: Page) {
  return page.getByTestId('save-status');
}

async function waitForSaved(page: Page) {
  await expect(saveStatus(page)).toHaveText(en.editor.status.saved, { timeout: 15_000 });
}

function countedStatus(message: string): RegExp {
  const [before, after] = message.split('{{count}}');
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(before ?? '')}(\\d+)${escape(after ?? '')}$`);
}

const KEPT = countedStatus(en.editor.status.offlineKept_other);
const KEPT_ONE = countedStatus(en.editor.status.offlineKept_one);
const IN_TAB = countedStatus(en.editor.status.offlineInTab_other);

async function keptCount(page: Page): Promise<number> {
  const text = (await saveStatus(page).textContent())?.trim() ?? '';
  const match = KEPT.exec(text) ?? KEPT_ONE.exec(text);
  if (!match) throw new Error(`Not a "kept on this device" status: ${text}`);
  return Number(match[1]);
}

/** The portal's device copies in this browser profile (IndexedDB database names). */
async function deviceCopies(page: Page): Promise<string[]> {
  return page.evaluate(async (prefix) => {
    const databases = await indexedDB.databases();
    return databases.map((d) => d.name ?? '').filter((name) => name.startsWith(prefix));
  }, DEVICE_COPY_PREFIX);
}

/** What the device copy says is still unacknowledged (read straight from IndexedDB, not from the page's state). */
async function storedPendingCount(page: Page, databaseName: string): Promise<unknown> {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const read = db.transaction('custom', 'readonly').objectStore('custom').get('pendingChanges');
          read.onsuccess = () => {
            db.close();
            resolve(read.result);
          };
          read.onerror = () => reject(read.error);
        };
      }),
    databaseName,
  );
}

async function createDocument(page: Page, title: string, tlp: 'GREEN' | 'AMBER' | 'AMBER+STRICT'): Promise<string> {
  await page.goto('/documents/new');
  await page.getByLabel(en.documents.titleField).fill(title);
  await chooseTlp(page, tlp);
  await page.getByLabel(en.documents.editInstitutions).selectOption({ label: 'BH Telecom (BHT)' });
  await page.getByRole('button', { name: en.documents.create }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return page.url().replace(/\?.*$/, '');
}

test('an AMBER draft typed offline survives closing the page, syncs when back, and is gone after signing out', async ({ browser }) => {
  // Three sign-ins, and a reconnect that waits out the provider's back-off (up to 10 s) like a real one.
  test.setTimeout(90_000);
  const first = await signedIn(browser, DEMO.member.email);
  const context = first.context();
  const socket = await cuttableSocket(context);
  const url = await createDocument(first, `Offline AMBER ${uniqueSuffix()}`, 'AMBER');
  const documentId = url.split('/').pop() ?? '';
  await waitForSaved(first);
  const [copy] = await deviceCopies(first);
  expect(copy, 'the editor keeps a copy for its editor').toBeDefined();
  expect(copy?.endsWith(`:${documentId}`)).toBe(true);

  await socket.goOffline();
  await expect(saveStatus(first)).toHaveText(en.editor.status.offline, { timeout: 15_000 });
  await editorOf(first).click();
  await first.keyboard.press('Control+End');
  await first.keyboard.type('Written on the train.');
  await expect(saveStatus(first)).toHaveText(KEPT);
  const typed = await keptCount(first);
  expect(typed).toBeGreaterThan(0);
  // A person closes the lid a moment after typing; the test waits for the copy to hold the count.
  await expect.poll(() => storedPendingCount(first, copy ?? '')).toBe(typed);
  await first.close();

  // Reopened: the page comes over HTTP, the socket is still refused.
  await socket.httpOnly();
  const reopened = await context.newPage();
  await reopened.goto(url);
  await expect(editorOf(reopened)).toContainText('Written on the train.');
  await expect(saveStatus(reopened)).toHaveText(KEPT);
  expect(await keptCount(reopened)).toBe(typed);
  // Still editable without the server, and still counting.
  await editorOf(reopened).click();
  await reopened.keyboard.press('Control+End');
  await reopened.keyboard.type(' Still offline.');
  await expect.poll(() => keptCount(reopened)).toBeGreaterThan(typed);

  socket.goOnline();
  await expect(saveStatus(reopened)).toHaveText(en.editor.status.saved, { timeout: 30_000 });
  await expect.poll(() => storedPendingCount(reopened, copy ?? '')).toBe(0);

  // The server has it: another person in another browser reads it.
  const partner = await signedIn(browser, DEMO.private.email);
  await partner.goto(url);
  await expect(editorOf(partner)).toContainText('Written on the train. Still offline.');

  // Signing out deletes the copies before the session ends: checked at the moment the sign-out is sent.
  let copiesWhenSigningOut: string[] | null = null;
  await reopened.route(/\/logout(\.data)?(\?.*)?$/, async (route) => {
    copiesWhenSigningOut = await deviceCopies(reopened);
    await route.continue();
  });
  const posted = reopened.waitForResponse(isFormPost('/logout'));
  await signOut(reopened);
  await posted;
  expect(copiesWhenSigningOut).toEqual([]);
  expect(await deviceCopies(reopened)).toEqual([]);
});

test('readers keep nothing on the device, and neither does anyone for AMBER+STRICT', async ({ browser }) => {
  test.setTimeout(60_000);
  const member = await signedIn(browser, DEMO.member.email);
  const greenUrl = await createDocument(member, `Observed offline ${uniqueSuffix()}`, 'GREEN');
  await waitForSaved(member);
  expect(await deviceCopies(member)).toHaveLength(1);

  const observer = await signedIn(browser, DEMO.observer.email);
  await observer.goto(greenUrl);
  await expect(saveStatus(observer)).toHaveText(en.editor.status.live, { timeout: 15_000 });
  await editorOf(member).click();
  await member.keyboard.type('Read along.');
  await expect(editorOf(observer)).toContainText('Read along.');
  expect(await deviceCopies(observer)).toEqual([]);

  // AMBER+STRICT: the editor edits offline, but the changes live in the tab only, and it says so.
  const socket = await cuttableSocket(member.context());
  const strictUrl = await createDocument(member, `Strict offline ${uniqueSuffix()}`, 'AMBER+STRICT');
  await waitForSaved(member);
  const strictId = strictUrl.split('/').pop() ?? '';
  expect((await deviceCopies(member)).filter((name) => name.endsWith(`:${strictId}`))).toEqual([]);
  await socket.goOffline();
  await expect(saveStatus(member)).toHaveText(en.editor.status.offline, { timeout: 15_000 });
  await editorOf(member).click();
  await member.keyboard.type('Not for this disk.');
  await expect(saveStatus(member)).toHaveText(IN_TAB);
  expect((await deviceCopies(member)).filter((name) => name.endsWith(`:${strictId}`))).toEqual([]);
  socket.goOnline();
  await socket.httpOnly();
  await waitForSaved(member);
});

test('a session that ended without signing out: the login page deletes the copies, even one open in another tab', async ({ browser }) => {
  const editing = await signedIn(browser, DEMO.member.email);
  const errors: string[] = [];
  editing.on('pageerror', (error) => errors.push(error.message));
  const url = await createDocument(editing, `Forgotten session ${uniqueSuffix()}`, 'GREEN');
  await waitForSaved(editing);
  await editorOf(editing).click();
  await editing.keyboard.type('Left open.');
  await waitForSaved(editing);
  const copies = await deviceCopies(editing);
  expect(copies).toHaveLength(1);

  // The session is ended elsewhere (from /account on another computer, or it expired).
  await editing.context().clearCookies();
  const other = await editing.context().newPage();
  await other.goto(url);
  await expect(other).toHaveURL(/\/login\?/);
  await expect.poll(() => deviceCopies(other)).toEqual([]);
  // Chromium stops listing a database as soon as its deletion is asked for; it is really gone only
  // once every tab has closed it. A deletion asked now would be blocked if the editing tab held it.
  const outcome = await other.evaluate(
    (name) =>
      new Promise<string>((resolve) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = () => resolve('deleted');
        request.onblocked = () => resolve('blocked');
        request.onerror = () => resolve('error');
      }),
    copies[0] ?? '',
  );
  expect(outcome).toBe('deleted');
  // The tab that still shows the document let go of its copy: more typing there neither fails on the
  // closed database nor writes a new one.
  await editing.keyboard.type(' More.');
  await waitForSaved(editing);
  expect(await deviceCopies(editing)).toEqual([]);
  expect(errors).toEqual([]);
});
