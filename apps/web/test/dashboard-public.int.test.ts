import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TSummaryRun } from '@crossgate/contract';
import { buildImportParcel } from '@crossgate/ceb';
// The vitest context the platform's engines read (postgresUrl), for the type checker of the web tests.
import type {} from '../../../test/global-setup.ts';
import { clearExport, exportSpec } from '../../server/test/support/export-kit.ts';
import {
  gatewayFor,
  PARTIES,
  PERFUME,
  parcelSpec,
  sendImport,
  type Gateway,
} from '../../server/test/support/import-kit.ts';
import { cspViolations, launchBrowser, shot, signIn, startWebPlatform } from './support/browser.ts';

describe('zone dashboard and public pages (Chromium)', () => {
  let p: Awaited<ReturnType<typeof startWebPlatform>>;
  let g: Gateway;
  let browser: Browser;

  /** An import parcel's four messages; released on the green lane. */
  const sendImportParcel = async (overrides: Parameters<typeof parcelSpec>[0] = {}) => {
    const spec = parcelSpec(overrides);
    await sendImport(g, buildImportParcel(spec));
    return spec;
  };

  beforeAll(async () => {
    p = await startWebPlatform();
    g = await gatewayFor(p);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('A zone admin opens the dashboard', async () => {
    for (let i = 0; i < 4; i++)
      await sendImportParcel(i === 3 ? { items: [PERFUME], seller: PARTIES.seller2 } : {});
    await clearExport(g, exportSpec());
    await clearExport(g, exportSpec({ country: '116' }));

    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await signIn(page, p.url, 'zone');
    await page.getByRole('menuitem', { name: '运行监测大屏' }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId('dashboard-title').waitFor();
    expect(await page.getByTestId('dashboard-title').textContent()).toBe('跨境电商综试区运行监测大屏');
    for (const chart of [
      'chart-throughput',
      'chart-modes',
      'chart-mode-value',
      'chart-origins',
      'chart-destinations',
      'chart-parks',
      'chart-world',
    ])
      await page.locator(`[data-testid="${chart}"] canvas`).first().waitFor();
    expect(await page.getByTestId('today-import-declared').textContent()).toBe('4');
    expect(await page.getByTestId('today-import-released').textContent()).toBe('4');
    expect(await page.getByTestId('today-export-released').textContent()).toBe('2');
    expect(await page.getByTestId('target-key-enterprises').textContent()).toContain('暂无数据来源');
    // Full screen (the Fullscreen API) and back.
    await page.getByTestId('fullscreen').click();
    await page.getByRole('button', { name: '退出全屏' }).waitFor();
    await page.getByTestId('fullscreen').click();
    await page.getByRole('button', { name: '全屏' }).waitFor();
    await page.waitForTimeout(1200); // let the charts finish their entry animation
    await shot(page, 'dashboard-01-zone');
    await page.getByTestId('switch-language').click();
    await page.getByText('CBEC Pilot Zone Operations Dashboard').waitFor();
    await page.waitForTimeout(800);
    await shot(page, 'dashboard-02-zone-en');
    await page.getByTestId('switch-language').click();
    await page.getByText('跨境电商综试区运行监测大屏').waitFor();

    // The enterprise's menu has no dashboard; opened by its address, the page says 无权访问 (the server refuses the
    // data anyway).
    const seller = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await signIn(seller, p.url, 'seller');
    expect(await seller.getByRole('menuitem', { name: '运行监测大屏' }).count()).toBe(0);
    await seller.goto(`${p.url}/dashboard`);
    await seller.getByTestId('forbidden-title').waitFor();
    expect(await seller.getByTestId('forbidden-title').textContent()).toBe('无权访问');
    await seller.close();
    await page.close();
  }, 180_000); // six parcels through the gateway, two browsers and the lazy chart chunks on a loaded machine

  it('The public looks up a waybill and a certificate', async () => {
    const parcel = await sendImportParcel();
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    await page.goto(`${p.url}/public`);
    await page.getByTestId('public-title').waitFor();
    expect(await page.getByTestId('public-title').textContent()).toBe('跨境电商公共服务平台');
    await shot(page, 'public-01-home');

    // The waybill number from the home page's search: the parcel is released, with its timeline.
    await page.getByTestId('home-waybill').locator('input').fill(parcel.logisticsNo);
    await page.getByTestId('home-waybill').locator('input').press('Enter');
    await page.getByTestId('parcel-status').waitFor();
    expect(await page.getByTestId('parcel-status').textContent()).toContain('放行');
    const timeline = await page.getByTestId('parcel-timeline').textContent();
    expect(timeline).toContain('海关入库');
    expect(timeline).toContain('放行');
    expect(await page.content()).not.toContain(parcel.buyer.name);
    await shot(page, 'public-02-parcel-released');
    await page.getByTestId('waybill-input').locator('input').fill('LNUNKNOWN000001');
    await page.getByTestId('waybill-input').locator('input').press('Enter');
    await page.getByTestId('parcel-not-found').waitFor();
    await shot(page, 'public-03-parcel-not-found');

    // An export parcel through to 899 and the month's summary: its certificate verifies on the public page.
    await clearExport(g, exportSpec({ seller: PARTIES.seller2 }));
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const run = (
      await p.app.inject({
        method: 'POST',
        url: '/api/v1/export/summaries',
        headers: { cookie: await p.login('customs') },
        payload: { month, summaryFlag: '1', ebcCode: PARTIES.seller2.code },
      })
    ).json() as TSummaryRun;
    expect(run.declarations).toBe(1);
    const cert = await p.database.db
      .selectFrom('export_declarations as d')
      .innerJoin('export_summaries as s', 's.id', 'd.summary_id')
      .select(['d.certificate_no', 'd.verify_code'])
      .where('s.sum_no', 'in', run.sumNos)
      .executeTakeFirstOrThrow();
    await page.goto(`${p.url}/public/certificates?no=${cert.certificate_no}&code=${cert.verify_code}`);
    // No 报关单号 yet: provisional, never "真实有效" next to an entry number of "—".
    await page.getByTestId('cert-provisional').waitFor();
    expect(await page.getByTestId('cert-provisional').textContent()).toContain('临时证明联');
    expect(await page.locator('.ant-descriptions').textContent()).toContain('待海关给号');
    await shot(page, 'public-04-certificate-provisional');
    // The page of the QR code says the same (server-rendered).
    const verifyUrl = `${p.url}/verify/certificates/${cert.certificate_no}?code=${cert.verify_code}`;
    const provisionalPage = await (await fetch(verifyUrl)).text();
    expect(provisionalPage).toContain('临时证明联');
    expect(provisionalPage).toContain('待海关给号');
    expect(provisionalPage).not.toContain('证明联真实有效');
    await p.database.db
      .updateTable('export_declarations')
      .set({ entry_id: '461420261000000001' })
      .where('certificate_no', '=', cert.certificate_no)
      .execute();
    await page.reload();
    await page.getByTestId('cert-valid').waitFor();
    expect(await page.getByTestId('cert-valid').textContent()).toContain('证明联真实有效');
    expect(await page.locator('.ant-descriptions').textContent()).toContain('461420261000000001');
    const genuinePage = await (await fetch(verifyUrl)).text();
    expect(genuinePage).toContain('证明联真实有效');
    expect(genuinePage).toContain('461420261000000001');
    expect(genuinePage).not.toContain('临时证明联');
    expect(await page.locator('.ant-descriptions').textContent()).toContain(PARTIES.seller2.name);
    await shot(page, 'public-04-certificate-valid');

    // The same number with a wrong code: not found.
    await page.getByTestId('cert-code').fill('0'.repeat(24));
    await page.getByTestId('cert-verify').click();
    await page.getByTestId('cert-invalid').waitFor();
    expect(await page.getByTestId('cert-invalid').textContent()).toContain('未找到该证明联');
    await shot(page, 'public-05-certificate-wrong-code');

    // Enterprise credit and product traceability, by the links of the public frame.
    await page.goto(`${p.url}/public/enterprises?q=${encodeURIComponent('焦作')}`);
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-tbody').textContent()).toContain(PARTIES.seller.name);
    await shot(page, 'public-06-enterprises');
    await page.goto(`${p.url}/public/products?barcode=4008976022329`);
    await page.getByTestId('product-result').waitFor();
    expect(await page.getByTestId('product-result').textContent()).toContain('VXP-0001');
    await shot(page, 'public-07-product');
    await page.close();
  });

  it('met no Content Security Policy violation on any page (securitypolicyviolation events, console errors)', () => {
    expect(cspViolations(browser)).toEqual([]);
  });
});
