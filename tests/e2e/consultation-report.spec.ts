import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import fs from 'node:fs';
import JSZip from 'jszip';
import { DEMO, en, signIn } from './support.ts';

/**
 * The consultation report in a real browser (docs/consultation-report.md):
 * the secretariat opens it from the demo action plan's page, filters it by
 * sector, records a decision on a comment and downloads the Word file.
 */

const PLAN = 'Joint Action Plan 2026–2028';
const c = en.consultation;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test('the secretariat opens the report from the document, filters by sector, decides a comment and downloads the .docx', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  await page.goto('/documents');
  await page.getByRole('link', { name: PLAN }).click();

  // The report link is the first thing in the document page's content, before the title.
  const link = page.getByTestId('consultation-report-link');
  await expect(link).toBeVisible();
  const first = await link.evaluate((node) => {
    const title = document.querySelector('main h1');
    return title !== null && (node.compareDocumentPosition(title) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  });
  expect(first).toBe(true);
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.pageTitle.replace('{{title}}', PLAN));

  // Filter by sector with the GET form: the state is in the address.
  await page.getByLabel(c.sector, { exact: true }).selectOption('private');
  await page.getByRole('button', { name: c.apply }).click();
  await expect(page).toHaveURL(/[?&]sector=private/);
  const rows = page.getByTestId('consultation-report').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain(en.sectors.private);

  // Decide the open comment from BH Telecom.
  const row = rows.filter({ hasText: 'Could the public page also show' });
  await expect(row).toContainText(c.decisions.pending);
  await row.locator('summary').click();
  await row.getByRole('combobox', { name: new RegExp(`^${c.decision}`) }).selectOption('accepted');
  await row.getByLabel(c.reasonLabel).fill('The public page will show the lead sector of each action.');
  await row.getByRole('button', { name: c.decideSubmit }).click();
  await expect(page.getByRole('status').filter({ hasText: c.notices.decided })).toBeVisible();
  await expect(page).toHaveURL(/[?&]sector=private/);
  const decided = page.getByTestId('consultation-report').locator('tbody tr').filter({ hasText: 'Could the public page also show' });
  await expect(decided).toContainText(c.decisions.accepted);
  await expect(decided).toContainText('The public page will show the lead sector of each action.');

  const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  // The Word file: a real table with the decision in it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: c.downloadDocx }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()));
  const xml = await zip.file('word/document.xml')!.async('string');
  const body = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['w:tbl', 'w:tr'].includes(name) }).parse(xml)['w:document']['w:body'];
  expect(body['w:tbl']).toHaveLength(1);
  expect(body['w:tbl'][0]['w:tr'].length).toBeGreaterThan(1);
  expect(xml).toContain('The public page will show the lead sector of each action.');
  expect(xml).toContain(c.decisions.accepted);
});

test('the report fits from 320 to 1920 px, and the published report (no JavaScript) passes axe', async ({ page }) => {
  await signIn(page, DEMO.secretariat.email);
  await page.goto('/documents');
  await page.getByRole('link', { name: PLAN }).click();
  await page.getByTestId('consultation-report-link').click();
  await expect(page.getByTestId('consultation-report')).toBeVisible();
  for (const width of [320, 390, 640, 1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow at ${width} px`).toBeLessThanOrEqual(0);
  }
  // Below 640 px the rows are cards: each cell shows its column's label.
  await page.setViewportSize({ width: 320, height: 900 });
  const before = await page.getByTestId('consultation-report').locator('tbody td').first().evaluate((cell) => getComputedStyle(cell, '::before').content);
  expect(before).toBe(JSON.stringify(c.columns.passage));

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/publications/guidelines-for-a-strategic-cybersecurity-framework/v/1.0');
  await page.getByRole('link', { name: c.publicLink }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.title);
  expect(await page.locator('script[src]').count()).toBe(0);
  const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
});
