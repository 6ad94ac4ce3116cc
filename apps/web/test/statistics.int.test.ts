import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildImportParcel } from '@crossgate/ceb';
import { clearExport, exportSpec } from '../../server/test/support/export-kit.ts';
import {
  gatewayFor,
  PARTIES,
  PERFUME,
  parcelSpec,
  sendImport,
} from '../../server/test/support/import-kit.ts';
import { runStatisticsUntilIdle } from '../../server/src/services/statistics/worker.ts';
import {
  SCREENSHOTS,
  cspViolations,
  launchBrowser,
  overflowingCells,
  settledShot,
  signIn,
  startWebPlatform,
} from './support/browser.ts';

const VIEWPORT = { width: 1440, height: 900 };

/** Picks an option of one of the page's selects (by its test id) by its text. */
async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

describe('统计监测: the statistics bureau builds a query, drills down and downloads Excel (Chromium)', () => {
  let p: Awaited<ReturnType<typeof startWebPlatform>>;
  let browser: Browser;

  beforeAll(async () => {
    [p, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
    const g = await gatewayFor(p);
    // Three import parcels (two sellers) and one export parcel, then the rollup worker's turn.
    for (const spec of [
      parcelSpec(),
      parcelSpec(),
      parcelSpec({ items: [PERFUME], seller: PARTIES.seller2 }),
    ])
      for (const res of await sendImport(g, buildImportParcel(spec))) expect(res.statusCode).toBe(200);
    await clearExport(g, exportSpec());
    await runStatisticsUntilIdle(p.database.db);
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('groups by direction, drills into import by trade mode, exports the rows and reads them back', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, p.url, 'statistics');
    await page.getByRole('menuitem', { name: '统计查询' }).click();
    await page.getByTestId('statistics-page').waitFor();
    // The query: totals of the window (合计), by direction, with packages as well.
    await pick(page, 'statistics-grain', '合计');
    await pick(page, 'statistics-measures', '件数');
    await page.keyboard.press('Escape');
    const table = page.getByTestId('statistics-table');
    await table.getByText('import 进口').waitFor();
    await table.getByText('export 出口').waitFor();
    await expect.poll(() => page.getByTestId('statistics-totals').textContent()).toContain('4');
    await page.getByTestId('statistics-chart').locator('canvas').first().waitFor();
    await settledShot(page, 'statistics-01-by-direction');
    expect(await overflowingCells(page, '[data-testid="statistics-page"]')).toEqual([]);

    // Drill down: import → by trade mode, under the filter 进出口: import.
    await page.getByTestId('statistics-drill-import').click();
    await page.getByTestId('statistics-filter-direction').waitFor();
    await table.getByText('9610 跨境电商零售(9610)').waitFor();
    await expect.poll(() => page.getByTestId('statistics-totals').textContent()).toContain('3');
    await settledShot(page, 'statistics-02-import-by-trade-mode');

    // Excel: the server's workbook of the same query, read back.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('statistics-excel').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^statistics-\d{8}\.xlsx$/);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = join(SCREENSHOTS, 'statistics-export.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const header = rows.findIndex((r) => r[0] === '监管方式 Trade mode');
    expect(rows[header]).toEqual([
      '监管方式 Trade mode',
      '清单票数 Inventories',
      '货值(人民币元) Value (CNY)',
      '件数 Packages',
    ]);
    expect(rows[header + 1]?.slice(0, 2)).toEqual(['9610 跨境电商零售(9610)', '3']);
    expect(rows).toHaveLength(header + 2);
    expect(cspViolations(browser)).toEqual([]);
    await context.close();
  });

  it('a seller sees the same page for its own traffic only', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, p.url, 'seller2');
    await page.getByRole('menuitem', { name: '统计查询' }).click();
    await page.getByTestId('statistics-page').waitFor();
    await pick(page, 'statistics-grain', '合计');
    await page.getByTestId('statistics-table').getByText('import 进口').waitFor();
    await expect.poll(() => page.getByTestId('statistics-totals').textContent()).toMatch(/^[^0-9]*1/);
    await expect(page.getByTestId('statistics-table').getByText('export 出口').count()).resolves.toBe(0);
    await settledShot(page, 'statistics-03-seller-own-traffic');
    await context.close();
  });
});
