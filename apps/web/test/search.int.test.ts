import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildImportParcel } from '@crossgate/ceb';
import { clearExport, exportSpec } from '../../server/test/support/export-kit.ts';
import { gatewayFor, parcelSpec, sendImport, type Gateway } from '../../server/test/support/import-kit.ts';
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

describe('comprehensive search, Excel and batch release (Chromium)', () => {
  let p: Awaited<ReturnType<typeof startWebPlatform>>;
  let browser: Browser;
  let g: Gateway;
  const exported = exportSpec();
  const released = parcelSpec();
  const inspected = [parcelSpec(), parcelSpec()];
  const invtNo = new Map<string, string>();

  beforeAll(async () => {
    [p, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
    g = await gatewayFor(p);
    const customs = await p.login('customs');
    const zone = await p.login('zone');
    const get = async (url: string) => {
      const res = await p.app.inject({ method: 'GET', url, headers: { cookie: customs } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { invtNo: string; status: string }[] };
    };
    for (const res of await sendImport(g, buildImportParcel(released))) expect(res.statusCode).toBe(200);
    await clearExport(g, exported);
    // Every later parcel is chosen for inspection (the zone's rate and every credit level's).
    for (const [url, payload] of [
      ['/api/v1/zone', { inspectionSamplingRate: '1' }],
      ['/api/v1/credit/sampling-rates', { A: '1', B: '1', C: '1', D: '1' }],
    ] as const) {
      const res = await p.app.inject({
        method: url.endsWith('zone') ? 'PATCH' : 'PUT',
        url,
        headers: { cookie: zone },
        payload,
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    for (const spec of inspected)
      for (const res of await sendImport(g, buildImportParcel(spec))) expect(res.statusCode).toBe(200);
    for (const spec of [released, ...inspected]) {
      const item = (await get(`/api/v1/import/inventories?orderNo=${spec.orderNo}`)).items[0];
      invtNo.set(spec.orderNo, item?.invtNo as string);
    }
    expect((await get(`/api/v1/import/inventories?orderNo=${released.orderNo}`)).items[0]?.status).toBe(
      '800',
    );
    for (const spec of inspected)
      expect((await get(`/api/v1/import/inventories?orderNo=${spec.orderNo}`)).items[0]?.status).toBe('500');
    const exportItem = (await get(`/api/v1/export/inventories?orderNo=${exported.orderNo}`)).items[0];
    expect(exportItem?.status).toBe('899');
    invtNo.set(exported.orderNo, exportItem?.invtNo as string);
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('an officer finds a released export parcel by search, exports the result to Excel and opens the parcel', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, p.url, 'customs');
    await page.getByRole('menuitem', { name: '清单综合查询' }).click();
    await page.getByTestId('customs-search').waitFor();
    await page.getByTestId('search-no').fill(exported.logisticsNo);
    await page.getByTestId('search-submit').click();
    const exportNo = invtNo.get(exported.orderNo) as string;
    const row = page.getByTestId(`search-row-${exportNo}`);
    await row.waitFor();
    expect(await row.getByTestId('search-direction-tag').textContent()).toBe('出口');
    expect(await row.getByTestId('search-status').textContent()).toContain('899');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="customs-search"] tr.ant-table-row').length === 1,
    );
    expect(await overflowingCells(page, '[data-testid="customs-search"]')).toEqual([]);
    await settledShot(page, 'search-01-export-parcel-found');

    // Excel: every page of what is filtered, read back.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-excel').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^清单综合查询-\d{8}\.xlsx$/);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = join(SCREENSHOTS, 'search-export.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.rowCount).toBe(2);
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(1).slice(0, 12)).toEqual([
      '进出口',
      '清单编号',
      '预录入编号',
      '企业内部编号',
      '订单编号',
      '物流运单编号',
      '电商企业',
      '电商平台',
      '申报企业',
      '主管海关',
      '贸易方式',
      '状态',
    ]);
    const data = values(2);
    expect(data[0]).toBe('出口');
    expect(data[1]).toBe(exportNo);
    expect(data.slice(3, 12)).toEqual([
      exported.copNo,
      exported.orderNo,
      exported.logisticsNo,
      '4614960002',
      '4614960001',
      '4614960006',
      '4614',
      '9610',
      expect.stringMatching(/^899 /),
    ]);

    // The export parcel's own page.
    await row.getByTestId('open-parcel').click();
    await page.getByTestId('export-parcel').waitFor();
    await page.getByText(exported.orderNo).first().waitFor();
    await settledShot(page, 'search-02-export-parcel-page');

    // A released import parcel is not in the queue: the queue says so and sends the officer to the search.
    await page.goto(`${p.url}/customs/queue?by=orderNo&q=${released.orderNo}`);
    await page.getByTestId('queue-not-here').waitFor();
    await settledShot(page, 'search-03-queue-points-to-search');
    await page.getByTestId('queue-not-here').getByRole('link').click();
    const importRow = page.getByTestId(`search-row-${invtNo.get(released.orderNo) as string}`);
    await importRow.waitFor();
    expect(await importRow.getByTestId('search-direction-tag').textContent()).toBe('进口');
    expect(await importRow.getByTestId('search-status').textContent()).toContain('800');
    await settledShot(page, 'search-04-released-import-found');
    await context.close();
  }, 240_000);

  it('an officer releases two inspected parcels at once', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    page.setDefaultTimeout(20_000);
    await signIn(page, p.url, 'customs');
    await page.goto(`${p.url}/customs/queue`);
    for (const spec of inspected)
      await page
        .getByTestId(`queue-row-${invtNo.get(spec.orderNo) as string}`)
        .locator('input[type="checkbox"]')
        .check();
    await page.getByTestId('batch-release').click();
    await page.getByTestId('batch-reason').fill('批量查验无异常');
    await settledShot(page, 'search-05-batch-release');
    await page.locator('#batch-confirm').click();
    await page.getByText('2 票清单已放行').waitFor();
    for (const spec of inspected)
      await page
        .getByTestId(`queue-row-${invtNo.get(spec.orderNo) as string}`)
        .waitFor({ state: 'detached' });
    for (const spec of inspected) {
      const doc = await p.database.db
        .selectFrom('import_documents')
        .select('id')
        .where('doc_type', '=', 'inventory')
        .where('order_no', '=', spec.orderNo)
        .executeTakeFirstOrThrow();
      const audit = await p.database.db
        .selectFrom('audit_log')
        .select(['action', 'after'])
        .where('target_id', '=', doc.id)
        .where('action', '=', 'customs.release')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.after).toMatchObject({ status: '800', reason: '批量查验无异常' });
    }
    await settledShot(page, 'search-06-after-batch-release');
    await page.close();
  }, 240_000);

  it('list cells never overflow, in Chinese and in English (customs and enterprise lists at 1440×900)', async () => {
    const customs = await browser.newPage({ viewport: VIEWPORT });
    customs.setDefaultTimeout(20_000);
    await signIn(customs, p.url, 'customs');
    const seller = await browser.newPage({ viewport: VIEWPORT });
    seller.setDefaultTimeout(20_000);
    await signIn(seller, p.url, 'seller');
    for (const lang of ['zh', 'en'] as const) {
      if (lang === 'en') {
        await customs.getByTestId('switch-language').click();
        await seller.getByTestId('switch-language').click();
      }
      await customs.goto(`${p.url}/customs/search`);
      expect(await overflowingCells(customs, '[data-testid="customs-search"]')).toEqual([]);
      await settledShot(customs, `search-07-all-${lang}`);
      await customs.goto(`${p.url}/customs/queue?tab=300`);
      await customs.goto(`${p.url}/customs/queue`);
      await customs.getByTestId('customs-queue').waitFor();
      for (const direction of ['import', 'export'] as const) {
        await seller.goto(`${p.url}/enterprise/${direction}`);
        expect(await overflowingCells(seller, `[data-testid="declarations-${direction}"]`)).toEqual([]);
        await settledShot(seller, `search-08-enterprise-${direction}-${lang}`);
      }
    }
    expect(cspViolations(browser)).toEqual([]);
    await customs.close();
    await seller.close();
  }, 300_000);
});
