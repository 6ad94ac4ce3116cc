import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { EXPORT_CATALOGUE } from '@crossgate/ceb';
import { clearExport, exportSpec } from '../../server/test/support/export-kit.ts';
import {
  gatewayFor,
  parcel,
  PARTIES,
  sendImport,
  statuses,
  type Gateway,
} from '../../server/test/support/import-kit.ts';
import { cspViolations, launchBrowser, shot, signIn, startWebPlatform } from './support/browser.ts';

const VIEWPORT = { width: 1440, height: 900 };

/** Picks a code in a searchable code-table select (the form field's id), by typing the code. */
async function pickCode(page: Page, id: string, code: string) {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(code);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: code })
    .first()
    .waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.ant-select:has(#${id}) .ant-select-content`, { hasText: code }).waitFor();
}

describe('enterprise portal (Chromium)', () => {
  let p: Awaited<ReturnType<typeof startWebPlatform>>;
  let browser: Browser;
  let g: Gateway;
  beforeAll(async () => {
    p = await startWebPlatform();
    browser = await launchBrowser();
    g = await gatewayFor(p);
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('A clerk files a product and declares an import parcel until release', async () => {
    // ── The seller's clerk files a product for retail import ─────────────────────────────────────────
    const seller = await browser.newContext({ viewport: VIEWPORT });
    const page = await seller.newPage();
    await signIn(page, p.url, 'seller');
    await page.getByRole('menuitem', { name: '商品备案' }).click();
    await page.getByTestId('product-form').waitFor();
    const itemNo = `JZ-${Date.now().toString(36).toUpperCase()}`;
    await page.getByLabel('企业商品货号').fill(itemNo);
    await page.getByLabel('商品名称', { exact: true }).fill('婴幼儿配方奶粉(1段)');
    await page.getByLabel('英文名称').fill('Infant formula, stage 1');
    await page.getByLabel('商品编码(HS)').fill('1901101000');
    await pickCode(page, 'pf_originCountry', '601');
    await page.getByLabel('品牌', { exact: true }).fill('澳优');
    await page.getByLabel('条形码').fill('6901234567892');
    await pickCode(page, 'pf_unit', '122');
    await pickCode(page, 'pf_legalUnit1', '035');
    await page.getByLabel('单价').fill('268.00');
    expect(
      await page
        .locator('#pf_currency')
        .locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')
        .textContent(),
    ).toContain('142');
    expect(await page.getByTestId('pf-retail').getAttribute('aria-checked')).toBe('true');
    const values = page.getByLabel('要素内容');
    await values.nth(0).fill('境外品牌(其他)');
    await values.nth(1).fill('不享惠');
    await shot(page, 'enterprise-01-product-form');
    await page.getByTestId('pf-submit').click();
    const row = page.getByTestId('products-list').locator('tr', { hasText: itemNo });
    await row.getByTestId('filing-status').waitFor();
    expect(await row.getByTestId('filing-status').getAttribute('data-status')).toBe('submitted');
    expect(await row.getByTestId('filing-status').textContent()).toBe('已提交·待审核');
    await shot(page, 'enterprise-02-product-filed');
    await seller.close();

    // ── The platform, the payment company and the carrier send their documents by API ────────────────
    const m = parcel();
    const orderNo = /<ceb:orderNo>([^<]+)</.exec(m.order)?.[1] as string;
    for (const res of await sendImport(g, m, ['order', 'payment', 'waybill'])) {
      expect(res.statusCode).toBe(200);
      expect(statuses(res.body)).toEqual(['2']);
    }

    // ── The declaring agent checks the inventory in the workbench, then declares it ──────────────────
    const agent = await browser.newContext({ viewport: VIEWPORT });
    const desk = await agent.newPage();
    await signIn(desk, p.url, 'agent');
    await desk.getByRole('menuitem', { name: '报文工作台' }).click();
    await desk.getByTestId('wb-xml').fill(m.inventory);
    await desk.getByTestId('wb-validate').click();
    await desk.getByTestId('wb-valid').waitFor();
    expect(await desk.getByTestId('wb-valid').textContent()).toContain('CEB621Message');
    await shot(desk, 'enterprise-03-workbench-valid');
    await desk.getByTestId('wb-declare').click();
    await desk.locator('.ant-popconfirm').getByRole('button', { name: '正式申报' }).click();
    await desk.getByTestId('wb-receipt').waitFor();
    await desk.locator('.ant-popconfirm').waitFor({ state: 'hidden' });
    const receipt = desk.getByTestId('wb-receipt').getByTestId('status-tag');
    expect(await receipt.getAttribute('data-status')).toBe('2');
    expect(await receipt.textContent()).toContain('2 电子口岸申报中');
    await shot(desk, 'enterprise-04-workbench-declared');

    // ── The declarations list finds it released; the parcel shows the timeline and the tax bill ──────
    await desk.getByRole('menuitem', { name: '进口申报' }).click();
    await desk.getByTestId('filter-orderNo').fill(orderNo);
    await desk.getByTestId('filter-search').click();
    const listed = desk.getByTestId('declarations-import').locator('tr', { hasText: orderNo });
    await listed.getByTestId('status-tag').waitFor();
    expect(await listed.getByTestId('status-tag').getAttribute('data-status')).toBe('800');
    await shot(desk, 'enterprise-05-declarations');
    await listed.getByTestId('open-parcel').click();
    await desk.getByTestId('import-parcel').waitFor();
    const released = desk
      .getByTestId('timeline')
      .locator('[data-testid="timeline-entry"][data-status="800"]');
    await released.waitFor();
    expect(await released.textContent()).toContain('800 放行');
    expect(await desk.getByTestId('tax-bill').textContent()).toContain('_1');
    // Infant formula 1901101000 is the one shipped tariff line not verified against a source (decision 0026).
    await desk.getByTestId('tax-bill').getByTestId('rate-unverified').waitFor();
    expect(await desk.getByTestId('rate-unverified').textContent()).toBe('税率未核实');
    expect(await desk.getByTestId('issues-none').textContent()).toContain('三单比对通过');
    expect(await desk.getByTestId('three-documents').locator('tbody tr').count()).toBeGreaterThan(10);
    await shot(desk, 'enterprise-06-parcel-released');

    // ── A broken message: the workbench names the field, the rule and the line ───────────────────────
    await desk.getByRole('menuitem', { name: '报文工作台' }).click();
    const broken = m.inventory.replace(
      /<ceb:freight>[^<]*<\/ceb:freight>/,
      '<ceb:freight>ten yuan</ceb:freight>',
    );
    await desk.getByTestId('wb-xml').fill(broken);
    await desk.getByTestId('wb-validate').click();
    await desk.getByTestId('wb-invalid').waitFor();
    expect(await desk.getByTestId('wb-invalid').textContent()).toContain('-2');
    const errors = await desk.getByTestId('wb-errors').textContent();
    expect(errors).toContain('InventoryHead.freight');
    expect(errors).toContain('ten yuan');
    expect(await desk.getByTestId('wb-error-line').first().textContent()).toContain('ten yuan');
    await shot(desk, 'enterprise-07-workbench-invalid');
    await agent.close();
  });

  it('shows a refused parcel’s mismatches, an export parcel and its summary, the filing, keys and credit', async () => {
    // A parcel whose order says another goods value: refused (100) by the three-document match.
    const bad = parcel();
    const badOrderNo = /<ceb:orderNo>([^<]+)</.exec(bad.order)?.[1] as string;
    await sendImport(g, {
      ...bad,
      order: bad.order.replace(/<ceb:goodsValue>[^<]*</, '<ceb:goodsValue>999.00<'),
    });

    // An export parcel cleared to 899 and summarised by customs into a declaration.
    const spec = exportSpec({ items: EXPORT_CATALOGUE.slice(0, 2) });
    await clearExport(g, spec);
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const run = await p.app.inject({
      method: 'POST',
      url: '/api/v1/export/summaries',
      headers: { cookie: await p.login('customs') },
      payload: { month, summaryFlag: '1', ebcCode: PARTIES.seller.code },
    });
    expect(run.statusCode).toBe(200);
    // The commerce bureau commends the declaring agent: a credit event in its record.
    const commended = await p.app.inject({
      method: 'POST',
      url: '/api/v1/credit/events',
      headers: { cookie: await p.login('commerce') },
      payload: {
        orgCode: PARTIES.agent.code,
        category: 'commendation',
        occurredOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
        description: '焦作市跨境电商示范企业（演示）',
        reference: '焦商务〔2026〕12号',
      },
    });
    expect(commended.statusCode).toBe(200);

    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await signIn(page, p.url, 'agent');
    await page.goto(`${p.url}/enterprise/import`);
    await page.getByTestId('filter-orderNo').fill(badOrderNo);
    await page.getByTestId('filter-search').click();
    const refused = page.getByTestId('declarations-import').locator('tr', { hasText: badOrderNo });
    await refused.locator('[data-testid="status-tag"][data-status="100"]').waitFor();
    await refused.getByTestId('open-parcel').click();
    await page.getByTestId('import-parcel').waitFor();
    expect(await page.getByTestId('issues').textContent()).toContain('ORDER_ACTURAL_PAID');
    const marked = page.getByTestId('three-documents').getByTestId('mismatch');
    expect(await marked.count()).toBeGreaterThan(0);
    expect(await marked.first().textContent()).toContain('¥546.00');
    await shot(page, 'enterprise-08-parcel-refused');

    await page.getByRole('menuitem', { name: '出口申报' }).click();
    const exported = page.getByTestId('declarations-export').locator('tr', { hasText: spec.orderNo });
    await exported.locator('[data-testid="status-tag"][data-status="899"]').waitFor();
    await exported.getByTestId('open-parcel').click();
    await page.getByTestId('export-parcel').waitFor();
    await page.getByTestId('timeline').locator('[data-status="899"]').first().waitFor();
    await shot(page, 'enterprise-09-export-parcel');

    await page.getByRole('menuitem', { name: '出口汇总申报' }).click();
    await page.getByTestId('summaries-page').locator('tbody tr.ant-table-row').first().waitFor();
    await page
      .getByTestId('summaries-page')
      .getByRole('button', { name: /展开|Expand/ })
      .first()
      .click();
    await page.getByText('清单项归并').waitFor();
    await shot(page, 'enterprise-10-summaries');

    await page.getByRole('menuitem', { name: '密钥与证书' }).click();
    await page.getByLabel('用途名称').fill('ERP 申报接口');
    await page.getByRole('button', { name: '签发新密钥' }).click();
    await page.getByTestId('api-key-secret').waitFor();
    expect(await page.getByTestId('api-key-secret').textContent()).toMatch(/^cg_/);
    await page.waitForTimeout(400); // the dialog's opening animation
    await shot(page, 'enterprise-11-api-key');
    await page.keyboard.press('Escape');

    await page.getByRole('menuitem', { name: '信用档案' }).click();
    await page.getByTestId('credit-level').waitFor();
    await page.getByTestId('line-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('credit-page').textContent()).toContain('焦商务〔2026〕12号');
    await shot(page, 'enterprise-12-credit');

    await page.getByRole('menuitem', { name: '企业备案' }).click();
    await page.getByTestId('enterprise-filing-status').first().waitFor();
    expect(await page.getByTestId('enterprise-filing-status').first().textContent()).toBe('已备案');
    await shot(page, 'enterprise-13-filing');

    // The authorisations the agent holds (代理申报授权, decision 0018): the sellers' and the bonded warehouse's.
    await page.getByRole('menuitem', { name: '代理申报授权' }).click();
    await page
      .getByTestId('authorisations-table')
      .getByText('焦作V血拼网络科技有限公司(演示)')
      .first()
      .waitFor();
    expect(await page.getByTestId('authorisations-table').textContent()).toContain(
      '河南德众保税物流中心运营有限公司(演示)',
    );
    await shot(page, 'enterprise-13b-authorisations');

    // The same pages in English.
    await page.goto(`${p.url}/enterprise/import`);
    await page.getByTestId('filter-orderNo').fill(badOrderNo);
    await page.getByTestId('filter-search').click();
    await refused.getByTestId('open-parcel').click();
    await page.getByTestId('switch-language').click();
    await page.getByText('Three-document match').waitFor();
    expect(await page.getByTestId('issues').textContent()).toContain('Refusal');
    await shot(page, 'enterprise-14-parcel-refused-en');
    await page.getByTestId('switch-language').click();
    await context.close();
  });

  it('checks a message in the sandbox without storing it or sending a receipt', async () => {
    const count = async () => {
      const [messages, receipts] = await Promise.all([
        p.database.db
          .selectFrom('ceb_messages')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow(),
        p.database.db
          .selectFrom('receipts')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return [Number(messages.n), Number(receipts.n)];
    };
    const before = await count();
    const m = parcel();
    const validate = async (xml: string, headers: Record<string, string>) =>
      p.app.inject({ method: 'POST', url: '/api/v1/sandbox/validate', headers, payload: xml });
    const cookie = await p.login('customs');
    const ok = await validate(m.order, { cookie, 'content-type': 'text/xml' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      ok: true,
      messageType: 'CEB311Message',
      nameZh: '电子订单',
      direction: 'import',
      version: '202205',
      documents: 1,
      enveloped: false,
    });
    const bad = await validate(m.order.replace(/<ceb:orderNo>[^<]*</, '<ceb:orderNo><'), {
      authorization: `Bearer ${g.keys.platform}`,
      'content-type': 'application/xml',
    });
    expect(bad.json()).toMatchObject({
      ok: false,
      code: '-2',
      messageType: 'CEB311Message',
      errors: [{ path: 'CEB311Message/Order[1]/OrderHead/orderNo', field: 'OrderHead.orderNo', actual: '' }],
    });
    const malformed = await validate('<ceb:CEB311Message>', { cookie, 'content-type': 'application/xml' });
    expect(malformed.json()).toMatchObject({ ok: false, code: '-1', messageType: 'Unknown' });
    expect((await validate(m.order, { 'content-type': 'application/xml' })).statusCode).toBe(401);
    expect(await count()).toEqual(before);
  });

  it('met no Content Security Policy violation on any page (securitypolicyviolation events, console errors)', () => {
    expect(cspViolations(browser)).toEqual([]);
  });
});
