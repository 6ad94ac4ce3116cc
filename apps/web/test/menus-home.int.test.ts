import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildImportParcel } from '@crossgate/ceb';
import { gatewayFor, parcelSpec, sendImport } from '../../server/test/support/import-kit.ts';
import { cspViolations, launchBrowser, shot, signIn, startWebPlatform } from './support/browser.ts';

const VIEWPORT = { width: 1440, height: 900 };

/** Picks a code in one of the form's code-table selects by typing it. */
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

/**
 * Menus by role, route guards, home pages and the product filing's HS lookup (issue 17). Each role's menu is
 * asserted literally (group titles and entries, in order); a page of another role opened by its address shows
 * the 无权访问 page; the zone office reads product filings; the home pages count the seeded work.
 */
describe('menus, guards and home pages (Chromium)', () => {
  let p: Awaited<ReturnType<typeof startWebPlatform>>;
  let browser: Browser;
  const itemNo = `HOME-${Date.now().toString(36).toUpperCase()}`;

  beforeAll(async () => {
    [p, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
    const g = await gatewayFor(p);
    const zone = await p.login('zone');
    // Every parcel goes to inspection (500): the zone's rate and every credit level's.
    for (const [method, url, payload] of [
      ['PATCH', '/api/v1/zone', { inspectionSamplingRate: '1' }],
      ['PUT', '/api/v1/credit/sampling-rates', { A: '1', B: '1', C: '1', D: '1' }],
    ] as const) {
      const res = await p.app.inject({ method, url, headers: { cookie: zone }, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    for (let i = 0; i < 2; i++)
      for (const res of await sendImport(g, buildImportParcel(parcelSpec())))
        expect(res.statusCode, res.body).toBe(200);
    const filed = await p.app.inject({
      method: 'POST',
      url: '/api/v1/filings/products',
      headers: { cookie: await p.login('seller') },
      payload: {
        itemNo,
        nameZh: '首页测试奶粉',
        hsCode: '0402210000',
        declarationElements: { 品牌类型: '境外品牌(其他)', 出口享惠情况: '不享惠' },
        originCountry: '601',
        unit: '122',
        legalUnit1: '035',
        price: '100.00',
        currency: '142',
        retailImport: true,
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  const as = async (username: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await signIn(page, p.url, username);
    return page;
  };
  /** The side menu as shown: group titles and entries, in order. */
  const menuOf = (page: Page) => page.locator('.ant-layout-sider .ant-menu-title-content').allTextContents();

  const PUBLIC = ['公共服务', '公共查询服务'];
  const DASHBOARD = ['综试区大屏', '运行监测大屏'];
  const STATISTICS = ['统计监测', '统计查询'];
  const MENUS: Record<string, string[]> = {
    seller: [
      '首页',
      '企业服务',
      '进口申报',
      '出口申报',
      '申报录入',
      '报文工作台',
      '企业备案',
      '代理申报授权',
      '商品备案',
      '出口汇总申报',
      '信用档案',
      '质量追溯',
      '密钥与证书',
      ...STATISTICS,
      ...PUBLIC,
    ],
    logistics: [
      '首页',
      '企业服务',
      '进口申报',
      '出口申报',
      '申报录入',
      '报文工作台',
      '企业备案',
      '代理申报授权',
      '商品备案',
      '信用档案',
      '质量追溯',
      '密钥与证书',
      ...STATISTICS,
      ...PUBLIC,
    ],
    customs: [
      '首页',
      '海关作业',
      '查验与审核',
      '清单综合查询',
      '备案审核',
      '代理申报授权',
      '企业信用管理',
      '信用负面清单',
      '出口汇总申报',
      '关区作业设置',
      '风险防控',
      '风险规则集',
      '规则试算',
      '预警队列',
      '规则统计',
      '影子运行对比',
      ...STATISTICS,
      ...DASHBOARD,
      ...PUBLIC,
    ],
    inspection: [
      '首页',
      '海关作业',
      '查验与审核',
      '清单综合查询',
      '企业信用管理',
      '信用负面清单',
      ...DASHBOARD,
      ...PUBLIC,
    ],
    zone: [
      '首页',
      '综试区管理',
      '进出口清单',
      '清单综合查询',
      '备案查询',
      '代理申报授权',
      '企业信用管理',
      '信用负面清单',
      '出口汇总申报',
      ...STATISTICS,
      ...DASHBOARD,
      ...PUBLIC,
    ],
    commerce: [
      '首页',
      '部门协同',
      '企业信用管理',
      '信用负面清单',
      '出口汇总申报',
      ...STATISTICS,
      ...DASHBOARD,
      ...PUBLIC,
    ],
    statistics: [
      '首页',
      '部门协同',
      '企业信用管理',
      '信用负面清单',
      '出口汇总申报',
      ...STATISTICS,
      ...DASHBOARD,
      ...PUBLIC,
    ],
    market: ['首页', '部门协同', '备案查询', '企业信用管理', '信用负面清单', ...DASHBOARD, ...PUBLIC],
    bank: ['首页', ...PUBLIC],
  };

  it('shows each role only the menu its access allows, in its own group', async () => {
    for (const [username, expected] of Object.entries(MENUS)) {
      const page = await as(username);
      expect(await menuOf(page), username).toEqual(expected);
      await shot(page, `menus-${username}-home`);
      await page.close();
    }
  }, 600_000);

  it('a seller opening /customs/queue by its address sees 无权访问, and customs an enterprise page', async () => {
    const seller = await as('seller');
    await seller.goto(`${p.url}/customs/queue`);
    await seller.getByTestId('forbidden-title').waitFor();
    expect(await seller.getByTestId('forbidden-title').textContent()).toBe('无权访问');
    expect(await seller.locator('.ant-result-subtitle').textContent()).toContain('不能使用此页面');
    expect(await seller.locator('.ant-alert-error').count()).toBe(0);
    await shot(seller, 'menus-seller-forbidden-customs-queue');
    await seller.getByTestId('switch-language').click();
    await seller.getByText('No access').waitFor();
    await shot(seller, 'menus-seller-forbidden-en');
    await seller.getByTestId('switch-language').click();
    await seller.close();

    const customs = await as('customs');
    await customs.goto(`${p.url}/enterprise/import`);
    await customs.getByTestId('forbidden-title').waitFor();
    await customs.goto(`${p.url}/dashboard`);
    await customs.locator('[data-testid="forbidden-title"]').waitFor({ state: 'detached' });
    await customs.close();
  });

  it('the zone office reads product filings under 备案查询: the waiting count and the list, no refusal', async () => {
    const page = await as('zone');
    await page.getByRole('menuitem', { name: '备案查询' }).click();
    await page.getByTestId('filings-page').waitFor();
    await page.getByTestId('tab-product-filings').click();
    await page.getByText(itemNo).waitFor();
    expect(await page.getByTestId('tab-product-filings').locator('.ant-badge').textContent()).toBe('1');
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await shot(page, 'menus-zone-product-filings');
    await page.close();
  });

  it('home pages count the seeded work: the seller’s parcels under inspection, customs’ reviews', async () => {
    const seller = await as('seller');
    await seller.getByTestId('todo-importInspection-count').waitFor();
    expect(await seller.getByTestId('todo-importInspection-count').textContent()).toBe('2');
    expect(await seller.getByTestId('todo-importRefused-count').textContent()).toBe('0');
    expect(await seller.getByTestId('home-recent').locator('tbody tr.ant-table-row').count()).toBe(2);
    await shot(seller, 'home-seller');
    await seller.close();

    const customs = await as('customs');
    await customs.getByTestId('todo-importReview-count').waitFor();
    expect(await customs.getByTestId('todo-importReview-count').textContent()).toBe('2');
    expect(await customs.getByTestId('todo-productFilings-count').textContent()).toBe('1');
    expect(await customs.getByTestId('todo-enterpriseFilings-count').textContent()).toBe('0');
    await shot(customs, 'home-customs');
    await customs.getByTestId('todo-productFilings').click();
    await customs.getByTestId('filings-page').waitFor();
    await customs.getByText(itemNo).waitFor();
    await customs.close();

    const zone = await as('zone');
    await zone.getByTestId('todo-importReview-count').waitFor();
    expect(await zone.getByTestId('todo-importReview-count').textContent()).toBe('2');
    await shot(zone, 'home-zone');
    await zone.close();

    const commerce = await as('commerce');
    await commerce.getByTestId('todo-negativeList-count').waitFor();
    expect(await commerce.getByTestId('todo-importReview').count()).toBe(0);
    await shot(commerce, 'home-commerce');
    await commerce.close();
  });

  it('product filing looks the HS code up and lists the chapter’s 申报要素', async () => {
    const page = await as('seller');
    await page.getByRole('menuitem', { name: '商品备案' }).click();
    await page.getByTestId('product-form').waitFor();
    await page.getByLabel('商品名称', { exact: true }).fill('全脂奶粉');
    await page.getByTestId('pf-hs').fill('0402');
    await page.getByTestId('hs-option-0402210000').waitFor();
    await shot(page, 'products-hs-lookup');
    await page.getByTestId('hs-option-0402210000').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="pf-element-name"]').length === 7,
    );
    const names = await page
      .getByTestId('pf-element-name')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(names).toEqual(['品牌类型', '出口享惠情况', '品名', '加工方法', '成分含量', '包装规格', '品牌']);
    expect(await page.getByTestId('pf-hs').inputValue()).toBe('0402210000');
    const values = page.getByLabel('要素内容');
    expect(await values.nth(2).inputValue()).toBe('全脂奶粉');
    await shot(page, 'products-hs-elements');
    // Filed with the required elements only: the suggested ones left empty are not sent.
    const item = `HS-${Date.now().toString(36).toUpperCase()}`;
    await page.getByLabel('企业商品货号').fill(item);
    await pickCode(page, 'pf_originCountry', '601');
    await pickCode(page, 'pf_unit', '122');
    await pickCode(page, 'pf_legalUnit1', '035');
    await page.getByLabel('单价').fill('88.00');
    await values.nth(0).fill('境外品牌(其他)');
    await values.nth(1).fill('不享惠');
    await page.getByTestId('pf-submit').click();
    const row = page.getByTestId('products-list').locator('tr', { hasText: item });
    await row.getByTestId('filing-status').waitFor();
    expect(await row.getByTestId('filing-status').getAttribute('data-status')).toBe('submitted');
    await shot(page, 'products-hs-filed');
    await page.close();
  });

  it('met no Content Security Policy violation', () => {
    expect(cspViolations(browser)).toEqual([]);
  });
});
