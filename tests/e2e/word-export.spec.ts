import crypto from 'node:crypto';
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { findAll, openDocx, runText } from '../support/docx-reader.ts';
import { DEMO, en, selectInEditor, signIn, signOut } from './support.ts';

/**
 * Issue 11 §3 in the browser: the document page's export menu offers Word,
 * and the file that arrives carries a comment made a moment earlier as a
 * Word comment and a pending suggestion as a tracked change; a public
 * edition's Word download has the text and nothing of the discussion.
 */

const STRATEGY = 'Cybersecurity Strategy of Bosnia and Herzegovina (working draft)';
const PHRASE = 'multi-factor authentication for administrators';
const GUIDELINES_EDITION = '/publications/guidelines-for-a-strategic-cybersecurity-framework/v/1.0';


test('the export menu offers Word, and the download carries the text and a new comment', async ({ page }) => {
  await signIn(page, DEMO.member.email);
  await page.goto('/documents');
  await page.getByRole('link', { name: STRATEGY }).click();
  await expect(page.getByRole('textbox', { name: /^Text of/ })).toContainText(PHRASE, { timeout: 10_000 });

  const remark = `Which administrators, exactly? ${Date.now()}`;
  await selectInEditor(page, PHRASE);
  await page.getByRole('button', { name: en.comments.addComment, exact: true }).click();
  const form = page.getByRole('form', { name: en.comments.newThread });
  await form.getByRole('textbox', { name: en.comments.firstComment }).fill(remark);
  await form.getByRole('button', { name: en.comments.post }).click();
  await expect(page.getByRole('region', { name: en.comments.panelTitle }).getByTestId('comment-thread').filter({ hasText: remark })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: en.wordExport.menuLabel, exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Cybersecurity-Strategy-of-Bosnia-and-Herzegovina-working-draft.docx');
  const docx = await openDocx(fs.readFileSync(await file.path()));
  const body = (await docx.part('word/document.xml'))!;
  const paragraphs = findAll(body, 'w:p');
  expect(paragraphs.some((p) => runText(p) === STRATEGY && findAll(p, 'w:pStyle')[0]?.attributes['w:val'] === 'Title')).toBe(true);
  expect(paragraphs.some((p) => runText(p) === 'A. Harmonised legislation' && findAll(p, 'w:pStyle')[0]?.attributes['w:val'] === 'Heading2')).toBe(true);
  const comment = findAll((await docx.part('word/comments.xml'))!, 'w:comment').find((c) => runText(c) === remark);
  expect(comment?.attributes['w:author']).toBe(`${DEMO.member.name} (${DEMO.member.institution})`);
  // The comment's range wraps the selected words.
  const id = comment!.attributes['w:id'];
  const paragraph = paragraphs.find((p) => runText(p).includes(PHRASE))!;
  const inside: string[] = [];
  let open = false;
  for (const child of paragraph.children) {
    if (child.name === 'w:commentRangeStart' && child.attributes['w:id'] === id) open = true;
    else if (child.name === 'w:commentRangeEnd' && child.attributes['w:id'] === id) open = false;
    else if (open) inside.push(runText(child));
  }
  expect(inside.join('')).toBe(PHRASE);
});

test('the .docx export carries a pending suggestion as a tracked change', async ({ page, baseURL }) => {
  const passage = 'a password reused';
  await signIn(page, DEMO.member.email);
  await page.goto('/documents');
  await page.getByRole('link', { name: STRATEGY }).click();
  const editor = page.getByRole('textbox', { name: /^Text of/ });
  await expect(editor).toContainText(passage, { timeout: 10_000 });
  // Where the passage is, as the editor sends a selection: the block's index and the offset in its text.
  const at = await editor.evaluate((root, text) => {
    const blocks = Array.from(root.children);
    const block = blocks.findIndex((element) => element.textContent?.includes(text));
    return { block, offset: blocks[block].textContent!.indexOf(text) };
  }, passage);
  // The suggestion goes in through the same endpoint as the suggesting mode's (docs/suggestions.md).
  const suggestionsPath = `/documents/${new URL(page.url()).pathname.split('/')[2]}/suggestions`;
  const suggestionId = crypto.randomUUID();
  const proposed = await page.request.post(suggestionsPath, {
    headers: { origin: new URL(baseURL!).origin },
    form: {
      intent: 'create',
      suggestionId,
      quote: passage,
      anchor: JSON.stringify({ start: { block: [at.block], offset: at.offset }, end: { block: [at.block], offset: at.offset + passage.length } }),
      proposedText: 'one password used everywhere',
      rationale: 'More exact.',
    },
    maxRedirects: 0,
  });
  expect(proposed.status()).toBe(302);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: en.wordExport.menuLabel, exact: true }).click();
  const docx = await openDocx(fs.readFileSync(await (await download).path()));
  const body = (await docx.part('word/document.xml'))!;
  const author = `${DEMO.member.name} (${DEMO.member.institution})`;
  const deletion = findAll(body, 'w:del').find((change) => runText(change) === passage);
  const insertion = findAll(body, 'w:ins').find((change) => runText(change) === 'one password used everywhere');
  expect(deletion?.attributes['w:author']).toBe(author);
  expect(insertion?.attributes['w:author']).toBe(author);
  expect(insertion?.attributes['w:date']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(findAll((await docx.part('word/comments.xml'))!, 'w:comment').some((c) => runText(c).includes('More exact.'))).toBe(true);

  // The secretariat rejects it, so that the strategy can still be published by the workflow spec.
  await signOut(page);
  await signIn(page, DEMO.secretariat.email);
  const rejected = await page.request.post(suggestionsPath, {
    headers: { origin: new URL(baseURL!).origin },
    form: { intent: 'reject', suggestionId, reason: 'Kept as drafted.' },
    maxRedirects: 0,
  });
  expect(rejected.status()).toBe(302);
  const after = await page.request.get(`${suggestionsPath.replace(/\/suggestions$/, '')}/export?format=docx`);
  const afterBody = (await (await openDocx(await after.body())).part('word/document.xml'))!;
  expect(findAll(afterBody, 'w:del').some((change) => runText(change) === passage)).toBe(false);
});

test('a public edition offers a Word file without comments or suggestions', async ({ page }) => {
  await page.goto(GUIDELINES_EDITION);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: en.wordExport.editionDownload }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Guidelines-for-a-Strategic-Cybersecurity-Framework-1-0.docx');
  const docx = await openDocx(fs.readFileSync(await file.path()));
  const xml = (await docx.raw('word/document.xml'))!;
  expect(xml).toContain('Guidelines for a Strategic Cybersecurity Framework');
  expect(xml).not.toMatch(/<w:(ins|del|commentRangeStart)\b/);
  expect(await docx.raw('docProps/core.xml')).toContain('TLP:CLEAR');
});
