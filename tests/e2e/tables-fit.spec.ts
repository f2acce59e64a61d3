import { expect, test, type Page } from '@playwright/test';
import { DEMO, en, signIn } from './support.ts';

/**
 * Every data table fits its page at 1280 px (no horizontal scrolling, no
 * clipped cell) and, below 640 px, stacks into cards whose cells show their
 * column's label (the `stack-table` pattern of app/tailwind.css).
 */

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 800 };

interface Overflow {
  table: string;
  tableWidth: number;
  containerWidth: number;
  clipped: string[];
}

/** The tables of the page that overflow their container, and the cells whose text is cut off. */
async function overflowingTables(page: Page): Promise<{ count: number; problems: Overflow[] }> {
  return page.evaluate(() => {
    const tables = [...document.querySelectorAll('main table')] as HTMLTableElement[];
    const problems: Overflow[] = [];
    tables.forEach((table, index) => {
      const container = table.parentElement as HTMLElement;
      const clipped = ([...table.querySelectorAll('th, td')] as HTMLElement[])
        .filter((cell) => !cell.closest('.sr-only') && cell.scrollWidth > cell.clientWidth + 1)
        .map((cell) => (cell.textContent ?? '').trim().slice(0, 40));
      if (table.scrollWidth > container.clientWidth + 1 || clipped.length > 0) {
        problems.push({ table: table.id || `table ${index + 1}`, tableWidth: table.scrollWidth, containerWidth: container.clientWidth, clipped });
      }
    });
    return { count: tables.length, problems };
  });
}

/** For each stacked table, the body cells with a label whose generated label is not shown. */
async function unlabelledStackedCells(page: Page): Promise<{ cells: number; missing: string[] }> {
  return page.evaluate(() => {
    // An empty cell is hidden in a card: it has nothing to label.
    const cells = ([...document.querySelectorAll('main table.stack-table tbody td')] as HTMLElement[]).filter((cell) => cell.childNodes.length > 0);
    const missing = cells
      .filter((cell) => {
        const label = cell.getAttribute('data-label');
        const before = getComputedStyle(cell, '::before').content;
        return !label || before !== JSON.stringify(label) || getComputedStyle(cell).display !== 'block';
      })
      .map((cell) => (cell.textContent ?? '').trim().slice(0, 40));
    return { cells: cells.length, missing };
  });
}

/** The workflow page of the demo Joint Action Plan, in consultation: positions, transitions and pending suggestions. */
async function planWorkflow(page: Page): Promise<string> {
  await page.goto('/documents');
  const href = await page.getByRole('link', { name: 'Joint Action Plan 2026–2028', exact: true }).first().getAttribute('href');
  expect(href, 'the Joint Action Plan on /documents').toMatch(/^\/documents\/[^/]+$/);
  return `${href}/workflow`;
}

test('as secretariat, every table fits at 1280 px and stacks with labels at 390 px', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, DEMO.secretariat.email);
  const paths = ['/actions', '/institutions', '/people', '/audit', await planWorkflow(page)];
  let tablesSeen = 0;
  for (const path of paths) {
    await page.setViewportSize(DESKTOP);
    await page.goto(path);
    const { count, problems } = await overflowingTables(page);
    tablesSeen += count;
    expect(problems, `tables of ${path} at 1280 px`).toEqual([]);

    await page.setViewportSize(PHONE);
    const stacked = await unlabelledStackedCells(page);
    expect(stacked.missing, `stacked cells of ${path} at 390 px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at 390 px scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
  }
  // The pages above hold a table each at least (the workflow page has several).
  expect(tablesSeen).toBeGreaterThanOrEqual(paths.length);
});

test('as a member, /actions fits at 1280 px with every column chosen, and its stacked cards name each column', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, DEMO.member.email);
  await page.goto('/actions');
  const headers = page.locator('#action-items thead th');
  await expect(headers).toHaveText([/Code/, 'Title', /Owner/, 'CBMs', /Status/, /Due/, /Progress/, /Updated/]);
  expect((await overflowingTables(page)).problems).toEqual([]);

  // Every column, chosen through the no-JS form, is remembered in the URL.
  await page.getByText(en.trackerViews.chooseColumns, { exact: true }).click();
  const chooser = page.locator('#choose-columns');
  for (const box of await chooser.getByRole('checkbox').all()) await box.check();
  await chooser.getByRole('button', { name: en.trackerViews.showColumns }).click();
  await expect(page).toHaveURL(/[?&]cols=owner&cols=cbms&/);
  await expect(headers).toHaveCount(9);
  // Sorting keeps the choice, written short in its links.
  await expect(page.locator('#action-items thead a').first()).toHaveAttribute('href', /cols=owner%2Ccbms%2Cstatus%2Cpriority%2Cdue%2Cprogress%2Cupdated/);
  expect((await overflowingTables(page)).problems).toEqual([]);

  // The owner is named in full, its acronym after it.
  const owners = await page.locator('#action-items tbody td[data-label="Owner"]').allInnerTexts();
  expect(owners).toContainEqual(expect.stringMatching(/^Ministry of Security of Bosnia and Herzegovina \([^()]+\)$/));

  await page.setViewportSize(PHONE);
  const stacked = await unlabelledStackedCells(page);
  expect(stacked.cells).toBeGreaterThan(0);
  expect(stacked.missing).toEqual([]);
  await expect(page.locator('#action-items tbody tr').first().locator('td[data-label="Updated"]')).toBeVisible();
});
