import { expect, test, type Page } from '@playwright/test';
import { chooseTlp, DEMO, en, signIn, uniqueSuffix } from './support.ts';

/**
 * The editor from the keyboard alone (WCAG 2.1.1, 2.4.7, 3.3.2): Alt+F10 to
 * the toolbar and Escape back with the selection kept, Tab that leaves the
 * text outside lists, visible help, and a focus ring of 3:1 in the header.
 */

function editorOf(page: Page) {
  return page.getByRole('textbox', { name: /^Text of/ });
}

async function newDocument(page: Page): Promise<void> {
  await signIn(page, DEMO.member.email);
  await page.goto('/documents/new');
  const title = `Keyboard draft ${uniqueSuffix()}`;
  await page.getByLabel(en.documents.titleField).fill(title);
  await chooseTlp(page, 'GREEN');
  await page.getByRole('button', { name: en.documents.create }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(en.editor.status.saved, { exact: true })).toBeVisible({ timeout: 10_000 });
}

test('Alt+F10 reaches the toolbar with the selection kept; Bold from the keyboard, Escape back to the text', async ({ page }) => {
  await newDocument(page);
  const editor = editorOf(page);
  await expect(page.getByTestId('editor-keyboard-help')).toBeVisible();
  await expect(page.getByTestId('editor-keyboard-help')).toHaveText(en.editor.keyboardHelp);

  await editor.click();
  await page.keyboard.type('Keep this word');
  // Select only once the text is drawn and stored: the editor redraws the caret when the server acknowledges.
  await expect(editor).toHaveText('Keep this word');
  await expect(page.getByText(en.editor.status.saved, { exact: true })).toBeVisible({ timeout: 10_000 });
  for (let i = 0; i < 'word'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('word');
  await page.keyboard.press('Alt+F10');
  const toolbar = page.getByRole('toolbar', { name: en.editor.toolbar.label });
  await expect(toolbar.getByRole('button', { name: en.editor.toolbar.paragraph })).toBeFocused();

  // From "Normal text" over the three headings to Bold.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  const bold = toolbar.getByRole('button', { name: en.editor.toolbar.bold });
  await expect(bold).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor.locator('strong, b, .font-bold')).toHaveText('word');
  await expect(bold).toHaveAttribute('aria-pressed', 'true');
  // The toolbar pattern: the focus stays on the button for the next one.
  await expect(bold).toBeFocused();

  // Escape goes back to the text with the same selection: typing replaces exactly the bold word.
  await page.keyboard.press('Escape');
  await expect(editor).toBeFocused();
  await page.keyboard.type('text');
  await expect(editor).toHaveText('Keep this text');

  // Escape in the text goes to the toolbar too, and back again.
  await page.keyboard.press('Escape');
  await expect(toolbar.getByRole('button', { name: en.editor.toolbar.bold })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(editor).toBeFocused();
});

test('Tab outside a list moves the focus on and leaves the text alone; inside a list it nests the item', async ({ page }) => {
  await newDocument(page);
  const editor = editorOf(page);
  await editor.click();
  // In a list, Tab nests the item and Shift+Tab takes it out again; the focus stays in the text.
  await page.keyboard.type('- first');
  await page.keyboard.press('Enter');
  await page.keyboard.type('second');
  await expect(editor.locator('li', { hasText: 'second' })).toHaveText('second');
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  await expect(editor.locator('ul ul li', { hasText: 'second' })).toHaveCount(1);
  await page.keyboard.press('Shift+Tab');
  await expect(editor.locator('ul ul')).toHaveCount(0);

  // Out of the list (Enter on an empty item), a selected sentence, then Tab: the focus moves on, the text stays.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('A sentence to keep');
  await expect(editor.locator('p', { hasText: 'A sentence to keep' })).toHaveText('A sentence to keep');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();
  await expect(editor.locator('p', { hasText: 'A sentence to keep' })).toHaveText('A sentence to keep');
  await expect(editor).toHaveText(/^first\s*second\s*A sentence to keep$/);
  await expect(editor.locator('[data-lexical-tab], span.editor-tab')).toHaveCount(0);
});

test('the sticky bar does not cover the line the caret is on, and the header focus ring is at least 3:1', async ({ page }) => {
  await newDocument(page);
  const editor = editorOf(page);
  await editor.click();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.type(`Line ${i + 1}`);
    await page.keyboard.press('Enter');
  }
  // Back to the first line from the end: the page scrolls it into view below the sticky bar, not behind it.
  await page.keyboard.press('Control+Home');
  const padding = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop));
  const bar = await page.getByRole('toolbar', { name: en.editor.toolbar.label }).evaluate((el) => el.closest('.sticky')!.getBoundingClientRect().height);
  expect(padding).toBeGreaterThanOrEqual(bar);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  const { caretTop, barBottom } = await page.evaluate(() => {
    const range = window.getSelection()!.getRangeAt(0);
    const caret = range.getClientRects()[0] ?? (range.startContainer as Element).getBoundingClientRect?.() ?? range.startContainer.parentElement!.getBoundingClientRect();
    const sticky = document.querySelector('[role="toolbar"]')!.closest('.sticky')!.getBoundingClientRect();
    return { caretTop: caret.top, barBottom: sticky.bottom };
  });
  expect(caretTop).toBeGreaterThanOrEqual(barBottom);

  // The header's focus ring against the header it is drawn on.
  await page.keyboard.press('Escape');
  const link = page.getByRole('banner').getByRole('link').first();
  await page.keyboard.press('Tab');
  await link.focus();
  const ratio = await link.evaluate((element) => {
    const rgb = (value: string) => (value.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (value: string) => {
      const [r, g, b] = rgb(value).map((c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ring = getComputedStyle(element).outlineColor;
    const style = getComputedStyle(element);
    if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) return 0;
    let ground = 'rgb(255, 255, 255)';
    for (let node = element.parentElement; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (!colour.startsWith('rgba(0, 0, 0, 0)') && colour !== 'transparent') {
        ground = colour;
        break;
      }
    }
    const [hi, lo] = [luminance(ring), luminance(ground)].sort((a, b) => b - a);
    return (hi + 0.05) / (lo + 0.05);
  });
  expect(ratio).toBeGreaterThanOrEqual(3);
});
