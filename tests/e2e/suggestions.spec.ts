import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { chooseTlp, DEMO, en, field, selectInEditor, signIn, uniqueSuffix } from './support.ts';

/**
 * Suggestions in three browsers on the real server (docs/suggestions.md): the
 * Ministry of Security drafts a text and names e-Transformacija's member with
 * "can suggest"; he proposes a replacement by typing over a selection, a
 * deletion with the Delete key and two more with the toolbar button; BH
 * Telecom's member sees them arrive live; the ministry's editor accepts one,
 * accepts one in part and rejects one, and cannot publish while the fourth
 * is pending.
 */

const TEXT = 'The ministry shall publish the plan within thirty days of adoption.';
const s = en.suggestions;

async function newPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

function editorOf(page: Page) {
  return page.getByRole('textbox', { name: /^Text of/ });
}

function panelOf(page: Page) {
  return page.getByRole('region', { name: s.panelTitle });
}


async function submitComposer(page: Page, proposal: string | null, rationale = ''): Promise<void> {
  const form = page.getByRole('form', { name: s.newSuggestion });
  await expect(form).toBeVisible();
  const box = form.getByRole('textbox', { name: s.proposedText });
  if (proposal !== null) await box.fill(proposal);
  if (rationale) await form.getByRole('textbox', { name: s.rationale }).fill(rationale);
  await form.getByRole('button', { name: s.submit, exact: true }).click();
  await expect(form).toBeHidden();
}

test('a "can suggest" member proposes, a second member sees it live, the owner decides, and publishing waits', async ({ browser }) => {
  test.setTimeout(120_000);
  // The owner institution's editor drafts the text and names the suggester.
  const owner = await newPage(browser, DEMO.member.email);
  await owner.goto('/documents/new');
  const title = `Suggestions draft ${uniqueSuffix()}`;
  await owner.getByLabel(en.documents.titleField).fill(title);
  await chooseTlp(owner, 'GREEN');
  await owner.getByLabel(s.suggestPeople).selectOption({ label: `${DEMO.civil.name} — ${DEMO.civil.institution}` });
  await owner.getByRole('button', { name: en.documents.create }).click();
  await expect(owner.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const url = owner.url().replace(/[?#].*$/, '');
  await expect(owner.getByText(en.editor.status.saved, { exact: true })).toBeVisible({ timeout: 10_000 });
  await editorOf(owner).click();
  await owner.keyboard.type(TEXT);
  await expect(owner.getByText(en.editor.status.saved, { exact: true })).toBeVisible({ timeout: 10_000 });
  // Into consultation, so that what follows goes into the consultation report.
  await owner.goto(`${url}/workflow`);
  const moveForm = owner.getByRole('region', { name: en.workflow.moveTitle });
  await moveForm.getByRole('radio', { name: en.workflow.moveLabels.consultation }).check();
  await moveForm.getByRole('button', { name: en.workflow.move, exact: true }).click();
  await expect(owner.getByRole('status')).toHaveText(en.workflow.notices.moved);
  await owner.goto(url);
  await expect(editorOf(owner)).toContainText(TEXT, { timeout: 10_000 });

  const suggester = await newPage(browser, DEMO.civil.email);
  await suggester.goto(url);
  await expect(editorOf(suggester)).toContainText(TEXT, { timeout: 10_000 });
  await expect(suggester.getByTestId('suggesting-always')).toHaveText(s.modeAlways);
  const watcher = await newPage(browser, DEMO.private.email);
  await watcher.goto(url);
  await expect(editorOf(watcher)).toContainText(TEXT, { timeout: 10_000 });

  // Typing over a selection proposes a replacement; the text itself does not change.
  await selectInEditor(suggester, 'thirty days');
  await suggester.keyboard.press('f');
  const composer = suggester.getByRole('form', { name: s.newSuggestion });
  await expect(composer).toContainText('thirty days');
  await expect(composer.getByRole('textbox', { name: s.proposedText })).toHaveValue('f');
  await composer.getByRole('textbox', { name: s.proposedText }).pressSequentially('ifteen days');
  const sentAt = Date.now();
  await submitComposer(suggester, null, 'Faster publication.');
  await expect(editorOf(suggester)).toContainText(TEXT);

  // The second member sees it within a second or so: struck through in the text, with the proposal after it, and in the panel.
  const watcherPanel = panelOf(watcher);
  await expect(watcherPanel.getByTestId('suggestion').filter({ hasText: 'fifteen days' })).toBeVisible({ timeout: 2_500 });
  test.info().annotations.push({ type: 'seen by the second member after (ms)', description: String(Date.now() - sentAt) });
  const mark = editorOf(watcher).locator('mark[data-suggestion-id]');
  await expect(mark).toHaveText('thirty days');
  await expect(mark).toHaveAttribute('data-proposed', s.inTextInsert.replace('{{text}}', 'fifteen days'));
  await expect(mark).toHaveCSS('text-decoration-line', 'line-through');
  // The proposal is drawn after the passage by CSS, from the attribute: never part of the shared text.
  expect(await mark.evaluate((element) => getComputedStyle(element, '::after').content)).toBe(`"${s.inTextInsert.replace('{{text}}', 'fifteen days')}"`);
  await expect(watcherPanel.getByTestId('suggestion').first()).toContainText(DEMO.civil.name);
  await expect(watcherPanel.getByTestId('suggestion').first()).toContainText(en.sectors.civil_society);

  // The Delete key on a selection proposes a deletion.
  await selectInEditor(suggester, ' of adoption');
  await suggester.keyboard.press('Delete');
  await submitComposer(suggester, null);
  await expect(watcherPanel.getByTestId('suggestion').filter({ hasText: s.deletion })).toBeVisible({ timeout: 2_500 });

  // Two more through the button.
  for (const [phrase, proposal] of [
    ['The ministry', 'Each ministry'],
    ['publish', 'adopt and publish'],
  ]) {
    await selectInEditor(suggester, phrase);
    await suggester.getByTestId('add-suggestion').click();
    await submitComposer(suggester, proposal);
  }
  await expect(panelOf(suggester).getByTestId('suggestion-count')).toHaveText(s.pendingCount_other.replace('{{count}}', '4'));

  // The suggester may not decide; the panel passes axe.
  await expect(panelOf(suggester).getByTestId('suggestion-accept')).toHaveCount(0);
  const axe = await new AxeBuilder({ page: watcher }).include('[data-testid="suggestion-panel"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  // The owner's editor decides: accept, accept in part, reject with a reason.
  const ownerPanel = panelOf(owner);
  const card = (text: string) => ownerPanel.getByTestId('suggestion').filter({ hasText: text });
  await expect(card('fifteen days')).toBeVisible({ timeout: 6_000 });
  await card('fifteen days').getByTestId('suggestion-accept').click();
  await expect(editorOf(watcher)).toContainText('within fifteen days', { timeout: 5_000 });
  await expect(card('fifteen days').getByTestId('suggestion-status')).toHaveText(s.status.accepted);

  await card('Each ministry').getByText(s.acceptInPart, { exact: true }).click();
  await card('Each ministry').getByTestId('suggestion-part-text').fill('Every ministry');
  await card('Each ministry').getByTestId('suggestion-accept-part').click();
  await expect(editorOf(watcher)).toContainText('Every ministry shall publish the plan within fifteen days of adoption.', { timeout: 5_000 });
  await expect(card('Each ministry').getByTestId('suggestion-status')).toHaveText(s.status.accepted_in_part);

  const deletion = card(s.deletion);
  await deletion.getByText(s.reject, { exact: true }).click();
  await deletion.getByTestId('suggestion-reject-reason').fill('The date of adoption is the reference.');
  await deletion.getByTestId('suggestion-reject').click();
  await expect(deletion.getByTestId('suggestion-status')).toHaveText(s.status.rejected);
  await expect(deletion).toContainText('The date of adoption is the reference.');
  await expect(editorOf(watcher)).toContainText('within fifteen days of adoption.');
  // Decided suggestions leave the text: only the pending one is still marked.
  await expect(editorOf(watcher).locator('mark[data-suggestion-id]')).toHaveCount(1, { timeout: 5_000 });

  // An editor in suggesting mode does not change the text either: typing opens the composer.
  const toggle = owner.getByTestId('suggesting-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await editorOf(owner).click();
  await selectInEditor(owner, 'plan');
  await owner.keyboard.press('x');
  const ownerComposer = owner.getByRole('form', { name: s.newSuggestion });
  await expect(ownerComposer.getByRole('textbox', { name: s.proposedText })).toHaveValue('x');
  await owner.keyboard.press('Escape');
  await expect(ownerComposer).toBeHidden();
  await expect(editorOf(watcher)).toContainText('Every ministry shall publish the plan within');
  await toggle.click();

  // One is still pending: the workflow page lists it, and publishing is refused.
  await owner.goto(`${url}/workflow`);
  const pending = owner.getByTestId('pending-suggestions');
  await expect(pending.getByRole('link')).toHaveCount(1);
  await expect(pending.getByRole('link')).toContainText('publish');
  const publishForm = owner.getByRole('region', { name: en.workflow.publishTitle });
  await field(publishForm, en.workflow.changelog).fill('First edition.');
  await publishForm.getByRole('checkbox').check();
  await field(publishForm, en.workflow.reclassifyReason).fill('Agreed at the plenary.');
  await publishForm.getByRole('button', { name: en.workflow.publish }).click();
  await expect(owner.getByText(s.errors.pendingBeforePublish).first()).toBeVisible();
  await pending.getByRole('link').click();
  await expect(owner.locator('[data-testid="suggestion"][data-status="pending"]')).toHaveCount(1);

  // The owner's editor rewrites the marked word: the suggestion becomes outdated, and is re-anchored to the new wording.
  await expect(owner.getByText(en.editor.status.saved, { exact: true })).toBeVisible({ timeout: 10_000 });
  await editorOf(owner).click();
  await selectInEditor(owner, 'publish');
  await owner.keyboard.type('release');
  await expect(editorOf(watcher)).toContainText('Every ministry shall release the plan', { timeout: 5_000 });
  const last = panelOf(owner).locator('[data-testid="suggestion"][data-status="pending"]');
  await expect(last.getByTestId('suggestion-outdated')).toBeVisible({ timeout: 8_000 });
  await expect(last.getByTestId('suggestion-accept')).toHaveCount(0);
  await selectInEditor(owner, 'release');
  await last.getByTestId('suggestion-reanchor').click();
  await expect(last.getByTestId('suggestion-outdated')).toHaveCount(0, { timeout: 5_000 });
  await expect(last.getByTestId('suggestion-quote')).toHaveText('release');
  await expect(editorOf(watcher).locator('mark[data-suggestion-id]')).toHaveText('release', { timeout: 5_000 });

  // The consultation report lists every suggestion with its decision and the resulting text.
  await owner.goto(`${url}/consultation`);
  const report = owner.getByTestId('consultation-report');
  const reportRow = (text: string) => report.getByRole('row').filter({ hasText: text });
  const c = en.consultation;
  await expect(reportRow('fifteen days')).toContainText(c.decisions.accepted);
  await expect(reportRow('fifteen days')).toContainText('Faster publication.');
  await expect(reportRow('Each ministry')).toContainText(c.decisions.accepted_in_part);
  await expect(reportRow('Each ministry')).toContainText('Every ministry');
  await expect(reportRow(c.proposesDeletion)).toContainText(c.decisions.rejected);
  await expect(reportRow(c.proposesDeletion)).toContainText('The date of adoption is the reference.');
  await expect(reportRow('adopt and publish')).toContainText(c.decisions.pending);
  await expect(report.locator('tbody tr')).toHaveCount(4);
});
