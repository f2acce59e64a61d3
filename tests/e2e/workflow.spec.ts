import { expect, test } from '@playwright/test';
import { DEMO, en, field, signIn, signOut } from './support.ts';

/**
 * The drafting workflow in a real browser: the secretariat moves the AMBER
 * strategy draft to consultation, records its ministry's position, and then
 * publishes it, which needs a deliberate reclassification to TLP:CLEAR.
 */

const STRATEGY = 'Cybersecurity Strategy of Bosnia and Herzegovina (working draft)';
const w = en.workflow;

test('move a document to consultation, record a position, then publish edition 1.0', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  await page.goto('/documents');
  await page.getByRole('link', { name: STRATEGY }).click();
  await page.getByRole('link', { name: w.link, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.pageTitle.replace('{{title}}', STRATEGY));
  await expect(page.getByText(w.noEditions)).toBeVisible();

  // Into consultation, with a note for the history.
  const moveForm = page.getByRole('region', { name: w.moveTitle });
  await moveForm.getByRole('radio', { name: w.moveLabels.consultation }).check();
  await field(moveForm, w.note).fill('Open for comments until the plenary.');
  await moveForm.getByRole('button', { name: w.move, exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(w.notices.moved);
  await expect(page.getByText(en.documentStatuses.consultation, { exact: true })).toBeVisible();
  await expect(page.getByText(w.round.replace('{{round}}', '1'), { exact: true })).toBeVisible();

  // The secretariat's ministry takes part, so it records its position.
  const positionForm = page.getByRole('region', { name: w.positionFormTitle });
  await positionForm.getByRole('radio', { name: w.positions.endorse, exact: true }).check();
  await field(positionForm, w.statement).fill('The Ministry endorses the draft.');
  await positionForm.getByRole('button', { name: w.recordPosition }).click();
  await expect(page.getByRole('status')).toHaveText(w.notices.position);
  const positions = page.getByRole('table', { name: w.positionsCaption.replace('{{round}}', '1') });
  const ownRow = positions.getByRole('row', { name: new RegExp(DEMO.secretariat.institution) });
  await expect(ownRow).toContainText(w.positions.endorse);
  await expect(ownRow).toContainText('The Ministry endorses the draft.');

  // Publishing an AMBER document without confirming the reclassification is refused, next to the checkbox.
  const publishForm = page.getByRole('region', { name: w.publishTitle });
  await expect(publishForm.getByText(w.reclassifyWarning.replace('{{tlp}}', 'AMBER'))).toBeVisible();
  await field(publishForm, w.changelog).fill('First edition after consultation.');
  await field(publishForm, w.reclassifyReason).fill('Agreed for publication at the plenary.');
  await publishForm.getByRole('button', { name: w.publish }).click();
  const confirm = page.getByRole('checkbox', { name: w.reclassifyConfirm.replace('{{tlp}}', 'AMBER') });
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');
  await expect(confirm).toHaveAccessibleDescription(w.errors.confirmReclassification);
  await expect(page.getByRole('table', { name: w.editionsTitle })).toHaveCount(0);

  await confirm.check();
  await page.getByRole('region', { name: w.publishTitle }).getByRole('button', { name: w.publish }).click();
  await expect(page.getByRole('status')).toHaveText(w.notices.published);
  await expect(page.getByText('TLP:CLEAR')).toBeVisible();

  const editions = page.getByRole('table', { name: w.editionsTitle });
  await expect(editions.getByRole('row')).toHaveCount(2);
  await expect(editions.getByRole('rowheader')).toHaveText('1.0');
  await expect(editions).toContainText('First edition after consultation.');

  const history = page.getByRole('table', { name: w.historyTitle });
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history.getByRole('row').nth(1)).toContainText(`${en.documentStatuses.consultation} → ${en.documentStatuses.published}`);
  await expect(history.getByRole('row').nth(2)).toContainText(`${en.documentStatuses.draft} → ${en.documentStatuses.consultation}`);
  await expect(history).toContainText(DEMO.secretariat.name);
  await expect(history).toContainText('Open for comments until the plenary.');

  // The document page shows the new status.
  await page.getByRole('link', { name: w.backToDocument }).click();
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(STRATEGY);
  await expect(page.getByText(en.documentStatuses.published, { exact: true })).toBeVisible();
});

test('the audit log shows the publication to the secretariat and is closed to members', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  await page.getByRole('navigation', { name: en.nav.main }).getByRole('link', { name: w.audit.navLabel }).click();
  await page.getByLabel(w.audit.action, { exact: true }).selectOption({ label: w.audit.actions.document_published });
  await page.getByRole('button', { name: w.audit.apply }).click();
  const table = page.getByRole('table', { name: w.audit.caption });
  await expect(table).toContainText('Guidelines for a Strategic Cybersecurity Framework');
  await expect(table.getByRole('row').nth(1)).toContainText(w.audit.actions.document_published);

  await signOut(page);
  await signIn(page, DEMO.member.email);
  await expect(page.getByRole('navigation', { name: en.nav.main }).getByRole('link', { name: w.audit.navLabel })).toHaveCount(0);
  const response = await page.goto('/audit');
  expect(response?.status()).toBe(403);
});
