import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildImportParcel } from '@crossgate/ceb';
// The vitest context the platform's engines read (postgresUrl), for the type checker of the web tests.
import type {} from '../../../test/global-setup.ts';
import {
  gatewayFor,
  MILK,
  parcelSpec,
  sendImport,
  type Gateway,
} from '../../server/test/support/import-kit.ts';
import {
  cspViolations,
  launchBrowser,
  overflowingCells,
  shot,
  signIn,
  startWebPlatform,
} from './support/browser.ts';

/**
 * 质量追溯 (issue 21; decision 0049): a seller finds the code of a released parcel's line, prints its labels and
 * records the line's batch; the public opens the label's address on a 390 px phone and sees the chain; a forged
 * code gets the honest not-found page.
 */
describe('traceability codes: labels and the public chain (Chromium)', () => {
  let p: Awaited<ReturnType<typeof startWebPlatform>>;
  let g: Gateway;
  let browser: Browser;

  beforeAll(async () => {
    p = await startWebPlatform();
    g = await gatewayFor(p);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('a seller prints labels and the public scans one and sees the chain', async () => {
    const spec = parcelSpec({ items: [MILK] });
    await sendImport(g, buildImportParcel(spec));

    const seller = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(seller, p.url, 'seller');
    await seller.getByRole('menuitem', { name: '质量追溯' }).click();
    await seller.waitForURL(/\/enterprise\/trace$/);
    await seller.getByTestId('trace-codes-product').locator('tr.ant-table-row').first().waitFor();
    await seller.getByRole('tab', { name: '包裹商品码' }).click();
    const lines = seller.getByTestId('trace-codes-line');
    const row = lines.locator('tr.ant-table-row', { hasText: spec.logisticsNo });
    await row.waitFor();
    expect(await overflowingCells(seller, '[data-testid="trace-codes-line"]')).toEqual([]);
    const code = ((await row.getByTestId('trace-code').textContent()) ?? '').replaceAll('-', '');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{13}$/);

    // Select the line and print: the PDF sheet comes from the button's address, with the seller's session.
    await row.locator('.ant-checkbox-input').check();
    const href = await seller.getByTestId('trace-print-selected').getAttribute('href');
    expect(href).toContain(code);
    const pdf = await seller.request.get(`${p.url}${href ?? ''}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const png = await seller.request.get(`${p.url}/api/v1/trace/codes/${code}/label.png`);
    expect(png.headers()['content-type']).toBe('image/png');
    await shot(seller, 'trace-01-seller-codes');

    // The seller records that the line left the bonded warehouse from batch LOT2026A.
    await row.getByRole('button', { name: '记录事件' }).click();
    const dialog = seller.getByRole('dialog');
    await dialog.getByTestId('trace-event-code').waitFor();
    expect(await dialog.getByTestId('trace-event-code').inputValue()).toBe(code);
    await dialog.getByTestId('trace-event-time').click();
    await seller.locator('.ant-picker-now-btn').click();
    await seller.locator('.ant-picker-dropdown').waitFor({ state: 'hidden' });
    await dialog.getByTestId('trace-event-place').fill('河南德众保税物流中心');
    await dialog.getByTestId('trace-event-batch').fill('LOT2026A');
    await shot(seller, 'trace-02-seller-record');
    await seller.getByTestId('trace-record-submit').click();
    await seller.getByText('已记录').waitFor();

    // The public: a phone opens what the QR code says.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.goto(`${p.url}/t/${code}`);
    await phone.getByTestId('trace-chain').waitFor();
    expect(await phone.getByTestId('trace-product-name').textContent()).toBe('婴幼儿配方奶粉 1段 900克');
    expect(await phone.getByTestId('trace-filing').textContent()).toBe('已备案');
    expect(await phone.getByTestId('trace-batch').textContent()).toBe('LOT2026A');
    expect(await phone.getByTestId('trace-released').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} /);
    const steps = (await phone.getByTestId('trace-steps').textContent()) ?? '';
    expect(steps).toContain('海关放行');
    expect(steps).toContain('出库');
    const body = (await phone.locator('body').textContent()) ?? '';
    for (const secret of [spec.buyer.name, spec.buyer.idNumber, spec.buyer.telephone, spec.buyer.address])
      expect(body).not.toContain(secret);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone, 'trace-03-public-chain-390');

    // A forged code: well formed, never issued.
    await phone.goto(`${p.url}/t/0000000000000`);
    await phone.getByTestId('trace-not-found').waitFor();
    await shot(phone, 'trace-04-public-not-found');
    // A typo: one character changed.
    await phone.goto(`${p.url}/t/${code.slice(0, 12)}${code[12] === '0' ? '1' : '0'}`);
    await phone.getByTestId('trace-typo').waitFor();
    expect(cspViolations(browser)).toEqual([]);
  });
});
