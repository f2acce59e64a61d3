import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, en, signIn, uniqueSuffix } from './support.ts';

/**
 * Tracker data in and out against the real server and the demo plan: an
 * import with a bad row writes nothing, a good one writes everything, the CSV
 * export follows the filters of /actions, and the reports open for those who
 * may see them.
 */

const PLAN = 'Joint Action Plan 2026–2028';
const HEADER = 'code,title,description,pillar,cbms,primary_cbm,owner,supporters,status,priority,start_date,due_date,progress,budget_amount,budget_currency,funding_source,tlp,tags';
// The list's line: "1–50 of 2,794" (app/locales/trackerViews.en.ts rangeOf), or "0 action items" when empty.
const countPattern = /^(?:[\d,]+–[\d,]+ of ([\d,]+)|([\d,]+) action items?)$/;

async function actionCount(page: Page): Promise<number> {
  await page.goto('/actions');
  const text = (await page.getByText(countPattern).first().textContent()) ?? '';
  const match = countPattern.exec(text.trim());
  return Number((match?.[1] ?? match?.[2] ?? '').replace(/,/g, ''));
}

async function upload(page: Page, name: string, lines: string[]) {
  await page.goto('/actions/import');
  await expect(page.getByRole('heading', { level: 1, name: en.trackerData.import.title })).toBeVisible();
  await page.getByLabel(en.trackerData.import.plan).selectOption({ label: PLAN });
  await page.getByLabel(en.trackerData.import.file).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`) });
  await page.getByRole('button', { name: en.trackerData.import.preview }).click();
}

test('an import with one bad row shows the row, column and problem, and writes nothing; the corrected file imports', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  const template = await page.request.get('/actions/import/template.csv');
  expect(template.status()).toBe(200);
  expect((await template.text()).split('\r\n')[0]).toBe(`\uFEFF${HEADER.replace('description,', 'description,plan,section_ref,')}`);
  const before = await actionCount(page);
  const tag = uniqueSuffix();
  // Codes are short (at most 20 characters); the titles carry the full unique suffix.
  const code = `E${tag.slice(-6)}`;
  const good = `${code}.1,Imported cyber drill ${tag},,H,14;15,14,MSB,BH Telecom,in_progress,high,2026-01-10,31.12.2027,10,5000,EUR,osce,GREEN,e2e`;
  const bad = `${code}.2,Imported bad row ${tag},,H,17,,Ministry of Security of Bosnia and Herzegovina,,not_started,low,,,,,,,GREEN,`;

  await upload(page, 'bad.csv', [good, bad]);
  const errors = page.getByTestId('import-error');
  await expect(errors).toHaveCount(1);
  await expect(errors.first().getByRole('rowheader')).toHaveText('3');
  await expect(errors.first().getByRole('cell').first()).toHaveText('cbms');
  await expect(errors.first().getByRole('cell').nth(1)).toHaveText(en.trackerData.import.errors.cbmOutOfRange.replace('{{value}}', '17'));
  await expect(page.getByRole('button', { name: en.trackerData.import.confirm })).toHaveCount(0);
  expect(await actionCount(page)).toBe(before);
  await page.goto(`/actions?q=${encodeURIComponent(`Imported cyber drill ${tag}`)}`);
  await expect(page.getByText(en.trackerViews.none)).toBeVisible();

  await upload(page, 'good.csv', [good, bad.replace(',17,', ',16,')]);
  await expect(page.getByRole('heading', { name: en.trackerData.import.readyTitle_other.replace('{{count}}', '2') })).toBeVisible();
  await page.getByRole('button', { name: en.trackerData.import.confirm }).click();
  await expect(page).toHaveURL(/\/actions\?plan=[^&]+&notice=actions-imported$/);
  await expect(page.getByRole('status').filter({ hasText: en.notices['actions-imported'] })).toBeVisible();
  expect(await actionCount(page)).toBe(before + 2);
  await page.goto(`/actions?q=${encodeURIComponent(`Imported cyber drill ${tag}`)}`);
  await expect(page.getByRole('link', { name: `Imported cyber drill ${tag}` })).toBeVisible();
});

test('the CSV export of /actions?cbm=14 holds the CBM 14 items and no others', async ({ page }) => {
  await signIn(page, DEMO.observer.email);
  await page.goto('/actions?cbm=14');
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('link', { name: en.trackerViews.exportCsv }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^actions-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  // In the reader's language (English here); `?format=machine` keeps the machine names.
  const labels = en.trackerData.exportColumns;
  expect(text.startsWith(`\uFEFF${[labels.code, labels.title, labels.description, labels.plan].join(',')}`)).toBe(true);
  expect(text).toContain('Public-private information-sharing platform (MISP) for operators and CERTs');
  expect(text).toContain(PLAN);
  // CBM 6 only, so not in this view.
  expect(text).not.toContain('Digital forensics laboratory for the Republika Srpska police');

  const xlsx = await page.request.get('/actions.xlsx?cbm=14');
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  // An XLSX file is a ZIP archive.
  expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
});

test('the secretariat opens the progress report and the OSCE export; a member may not', async ({ page, browser }) => {
  await signIn(page, DEMO.secretariat.email);
  await page.getByRole('navigation', { name: en.nav.main }).getByRole('link', { name: en.trackerData.navReports }).click();
  await expect(page.getByRole('heading', { level: 1, name: en.trackerData.report.title })).toBeVisible();
  const overdue = page.getByRole('table', { name: en.trackerData.report.overdueCaption });
  await expect(overdue.getByRole('row', { name: /Establish the CERT for the institutions of Bosnia and Herzegovina/ })).toContainText('Ministry of Security of Bosnia and Herzegovina');
  const md = await page.request.get('/reports/progress?format=md&group=pillar');
  expect(md.status()).toBe(200);
  expect(await md.text()).toContain(`## ${en.trackerData.report.overdueTitle}`);

  const osceMd = await page.request.get('/cbms/osce-export?format=md');
  expect(osceMd.status()).toBe(200);
  expect(await osceMd.text()).toMatch(/## CBM 14: [^\n]+\n\n- \*\*TLP:/);

  await page.goto('/cbms');
  await page.getByRole('link', { name: en.trackerData.osce.title }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^CBM 14: / })).toBeVisible();
  const cbm14 = page.getByRole('table', { name: en.trackerData.osce.caption.replace('{{number}}', '14') });
  await expect(cbm14.getByRole('link', { name: /MISP/ })).toBeVisible();

  const member = await browser.newContext().then((c) => c.newPage());
  await signIn(member, DEMO.member.email);
  expect((await member.goto('/reports/progress'))?.status()).toBe(403);
  expect((await member.goto('/actions/import'))?.status()).toBe(403);
});
