import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, en, signIn } from './support.ts';

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

/** Selects a phrase in the editor the way a mouse drag would. */
async function selectInEditor(page: Page, phrase: string): Promise<void> {
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
  await expect(box).toHaveValue(/@\[Dario Marić\]\(user:[^)]+\) $/);
  await form.getByRole('button', { name: en.comments.post }).click();
  await expect(form).toBeHidden();

  const memberThread = panelOf(member).getByTestId('comment-thread').filter({ hasText: PHRASE });
  await expect(memberThread).toBeVisible();
  await expect(memberThread).toContainText('Should this list the objectives by name?');
  await expect(memberThread).toContainText(`@${DEMO.secretariat.name}`);
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
