import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, en, selectInEditor, signIn } from './support.ts';

/**
 * Anchored comments in two browsers on the demo AMBER strategy draft of the
 * Ministry of Security: a member comments on selected text and mentions the
 * secretariat, who sees the thread appear, finds its text, replies and
 * resolves it; the member sees it resolved without reloading.
 */

const STRATEGY = 'Cybersecurity Strategy of Bosnia and Herzegovina (working draft)';
const PHRASE = 'nine objectives';

async function openStrategy(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await page.goto('/documents');
  await page.getByRole('link', { name: STRATEGY }).click();
  await expect(page.getByRole('heading', { level: 1, name: STRATEGY })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Text of/ })).toContainText(PHRASE, { timeout: 10_000 });
  return page;
}


function panelOf(page: Page) {
  return page.getByRole('region', { name: en.comments.panelTitle });
}

test('a member comments on selected text, the secretariat replies and resolves the thread', async ({ browser }) => {
  const member = await openStrategy(browser, DEMO.member.email);
  const secretariat = await openStrategy(browser, DEMO.secretariat.email);

  // Nothing selected: nothing to comment on.
  const commentButton = member.getByRole('button', { name: en.comments.addComment, exact: true });
  await expect(commentButton).toBeDisabled();
  await selectInEditor(member, PHRASE);
  await expect(commentButton).toBeEnabled();
  await member.keyboard.press('Control+Alt+KeyM');

  const form = member.getByRole('form', { name: en.comments.newThread });
  await expect(form).toContainText(PHRASE);
  const box = form.getByRole('textbox', { name: en.comments.firstComment });
  await box.pressSequentially('Should this list the objectives by name? @Dar');
  await expect(member.getByRole('option', { name: new RegExp(DEMO.secretariat.name) })).toBeVisible();
  await box.press('Enter');
  // The box shows the name; the markup that says whom to notify travels in a hidden field.
  await expect(box).toHaveValue(`Should this list the objectives by name? @${DEMO.secretariat.name} `);
  await form.getByRole('button', { name: en.comments.post }).click();
  await expect(form).toBeHidden();

  const memberThread = panelOf(member).getByTestId('comment-thread').filter({ hasText: PHRASE });
  await expect(memberThread).toBeVisible();
  await expect(memberThread).toContainText('Should this list the objectives by name?');
  await expect(memberThread.getByTestId('mention')).toHaveText(`@${DEMO.secretariat.name}`);
  await expect(memberThread.getByTestId('comment-body')).toHaveText(`Should this list the objectives by name? @${DEMO.secretariat.name}`);
  // The author's Edit opens a box with the names, not the markup; the open form passes axe.
  await memberThread.getByText(en.comments.edit, { exact: true }).click();
  await expect(memberThread.getByRole('textbox', { name: en.comments.editComment })).toHaveValue(`Should this list the objectives by name? @${DEMO.secretariat.name}`);
  const axe = await new AxeBuilder({ page: member }).include('[data-testid="comment-panel"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  await memberThread.getByText(en.comments.edit, { exact: true }).click();
  // The commented text is highlighted in the editor.
  await expect(member.locator('mark', { hasText: PHRASE })).toBeVisible();

  // The secretariat's panel picks the thread up without a reload, and the mark arrives live.
  const secretariatThread = panelOf(secretariat).getByTestId('comment-thread').filter({ hasText: PHRASE });
  await expect(secretariatThread).toBeVisible({ timeout: 15_000 });
  const mark = secretariat.locator('mark', { hasText: PHRASE });
  await expect(mark).toBeVisible();
  await mark.click();
  // The secretariat may edit: the thread is opened beside the text, the caret stays in the text.
  await expect(secretariatThread).toHaveAttribute('aria-current', 'true');

  await secretariatThread.getByRole('textbox', { name: en.comments.reply }).fill('Yes, we will name them in the next round.');
  await secretariatThread.getByRole('button', { name: en.comments.postReply }).click();
  await expect(secretariatThread).toContainText('Yes, we will name them in the next round.');
  await secretariatThread.getByRole('button', { name: en.comments.resolve }).click();
  await expect(secretariatThread).toHaveAttribute('data-status', 'resolved');
  await expect(secretariatThread.getByRole('button', { name: en.comments.reopen })).toBeVisible();

  // The member sees the reply and the resolution on the next refresh.
  await expect(memberThread).toHaveAttribute('data-status', 'resolved', { timeout: 15_000 });
  await expect(memberThread).toContainText('Yes, we will name them in the next round.');
  await expect(memberThread).toContainText(DEMO.secretariat.name);

  // Filtering to open threads hides it; the filter works in the panel without a page load.
  await panelOf(member).getByLabel(en.comments.filterStatus).selectOption('open');
  await expect(memberThread).toBeHidden();
});

test('a commenter whose editor is read-only comments too: the server marks the text', async ({ browser }) => {
  const phrase = 'comments and proposals';
  const civil = await openStrategy(browser, DEMO.civil.email);
  await expect(civil.getByText(en.editor.readOnly)).toBeVisible();
  await expect(civil.getByRole('textbox', { name: /^Text of/ })).toHaveAttribute('contenteditable', 'false');
  await selectInEditor(civil, phrase);
  await civil.getByRole('button', { name: en.comments.addComment, exact: true }).click();
  const form = civil.getByRole('form', { name: en.comments.newThread });
  await form.getByRole('textbox', { name: en.comments.firstComment }).fill('Civil society asks for a public consultation too.');
  await form.getByRole('button', { name: en.comments.post }).click();
  const thread = panelOf(civil).getByTestId('comment-thread').filter({ hasText: phrase });
  await expect(thread).toBeVisible();
  await expect(thread).toBeFocused();
  await expect(thread).toContainText(DEMO.civil.institution);
  await expect(civil.locator('mark', { hasText: phrase })).toBeVisible();
  // Without edit access they may still resolve a thread they opened themselves.
  await expect(thread.getByRole('button', { name: en.comments.resolve })).toBeVisible();
});

test('a paragraph and a list item selected with a triple click can be commented on', async ({ browser }) => {
  const member = await openStrategy(browser, DEMO.member.email);
  const editor = member.getByRole('textbox', { name: /^Text of/ });
  const commentButton = member.getByRole('button', { name: en.comments.addComment, exact: true });
  const cases = [
    { target: editor.locator('p', { hasText: 'Laws on information security differ' }), text: 'Laws on information security differ', body: 'Which laws exactly?' },
    { target: editor.locator('li', { hasText: 'prepare a common set of definitions' }), text: 'prepare a common set of definitions', body: 'Who drafts them?' },
  ];
  for (const { target, text, body } of cases) {
    await target.click({ clickCount: 3 });
    await expect(commentButton).toBeEnabled();
    await commentButton.click();
    const form = member.getByRole('form', { name: en.comments.newThread });
    await expect(form).toContainText(text);
    await form.getByRole('textbox', { name: en.comments.firstComment }).fill(body);
    await form.getByRole('button', { name: en.comments.post }).click();
    // No false "changed by someone else": the thread is stored and its text marked.
    await expect(form).toBeHidden();
    await expect(member.getByText(en.comments.errors.textChanged)).toHaveCount(0);
    await expect(panelOf(member).getByTestId('comment-thread').filter({ hasText: body })).toContainText(text);
    await expect(member.locator('mark', { hasText: text })).toBeVisible();
  }
});

test('without JavaScript a thread is opened from its link, read, replied to, resolved, and an own comment edited', async ({ browser }) => {
  const phrase = 'Each section names the institutions';
  const member = await openStrategy(browser, DEMO.member.email);
  await selectInEditor(member, phrase);
  await member.getByRole('button', { name: en.comments.addComment, exact: true }).click();
  const form = member.getByRole('form', { name: en.comments.newThread });
  await form.getByRole('textbox', { name: en.comments.firstComment }).fill('Which institutions lead section D?');
  await form.getByRole('button', { name: en.comments.post }).click();
  const created = panelOf(member).getByTestId('comment-thread').filter({ hasText: 'Which institutions lead section D?' });
  await expect(created).toBeVisible();
  const threadId = (await created.getAttribute('id'))!.replace(/^thread-/, '');
  const documentPath = new URL(member.url()).pathname;

  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await signIn(plain, DEMO.secretariat.email);
  // The link a notification carries opens the page at the thread.
  await plain.goto(`${documentPath}#thread-${threadId}`);
  expect(await plain.evaluate(() => typeof (window as unknown as Record<string, unknown>).__remixContext)).toBe('undefined');
  const thread = plain.locator(`#thread-${threadId}`);
  await expect(thread).toBeVisible();
  await expect(thread).toContainText(phrase);
  await expect(thread).toContainText('Which institutions lead section D?');

  await thread.getByRole('textbox', { name: en.comments.reply }).fill('The ministries named at the end of it.');
  await thread.getByRole('button', { name: en.comments.postReply }).click();
  await expect(plain).toHaveURL(new RegExp(`${documentPath}#thread-${threadId}$`));
  await expect(plain.locator(`#thread-${threadId}`)).toContainText('The ministries named at the end of it.');

  await plain.locator(`#thread-${threadId}`).getByRole('button', { name: en.comments.resolve }).click();
  await expect(plain.locator(`#thread-${threadId}`)).toHaveAttribute('data-status', 'resolved');

  // The secretariat's own reply can be edited with a plain form too.
  const own = plain.locator(`#thread-${threadId} li`, { hasText: 'The ministries named at the end of it.' });
  await own.getByText(en.comments.edit, { exact: true }).click();
  await own.getByRole('textbox', { name: en.comments.editComment }).fill('The ministries named in section D.');
  await own.getByRole('button', { name: en.comments.save }).click();
  await expect(plain.locator(`#thread-${threadId}`)).toContainText('The ministries named in section D.');
  await expect(plain.locator(`#thread-${threadId}`)).toContainText(en.comments.edited);
  await context.close();
});

test('the secretariat hides a comment with a reason: others see the reason, not the words', async ({ browser }) => {
  const phrase = 'sets out how institutions';
  const civil = await openStrategy(browser, DEMO.civil.email);
  await selectInEditor(civil, phrase);
  await civil.getByRole('button', { name: en.comments.addComment, exact: true }).click();
  const form = civil.getByRole('form', { name: en.comments.newThread });
  await form.getByRole('textbox', { name: en.comments.firstComment }).fill('An off-topic remark to be hidden');
  await form.getByRole('button', { name: en.comments.post }).click();
  await expect(panelOf(civil).getByTestId('comment-thread').filter({ hasText: 'An off-topic remark to be hidden' })).toBeVisible();

  const secretariat = await openStrategy(browser, DEMO.secretariat.email);
  const thread = panelOf(secretariat).getByTestId('comment-thread').filter({ hasText: 'An off-topic remark to be hidden' });
  await thread.getByText(en.comments.hide, { exact: true }).click();
  await thread.getByLabel(en.comments.hideReason).fill('Not about this text');
  await thread.getByRole('button', { name: en.comments.hideConfirm }).click();
  const note = en.comments.hiddenBy.replace('{{reason}}', 'Not about this text');
  await expect(thread.getByTestId('comment-hidden')).toContainText(note);
  // The panel with the hidden comment and the controls passes axe (WCAG 2.2 AA).
  const axe = await new AxeBuilder({ page: secretariat }).include('[data-testid="comment-panel"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  const member = await openStrategy(browser, DEMO.member.email);
  const seen = panelOf(member).getByTestId('comment-thread').filter({ hasText: note });
  await expect(seen).toBeVisible();
  await expect(seen).not.toContainText('An off-topic remark to be hidden');
});
