import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { decodeImportMessage } from '@crossgate/ceb';
import { parcel } from '../../server/test/support/import-kit.ts';
import { cspViolations, launchBrowser, shot, signIn, startWebPlatform } from './support/browser.ts';

const VIEWPORT = { width: 1440, height: 900 };
/** Fields the form fills itself (server fields) or computes (totals): the clerk types none of them. */
const NOT_TYPED = new Set([
  'guid',
  'appType',
  'appTime',
  'appStatus',
  'gnum',
  'totalPrice',
  'goodsValue',
  'acturalPaid',
]);
/** Fields chosen in a select: code tables, short lists and the HS search. */
const PICKED = new Set([
  'currency',
  'country',
  'tradeCountry',
  'unit',
  'unit1',
  'unit2',
  'customsCode',
  'portCode',
  'orderType',
  'ieFlag',
  'buyerIdType',
  'payerIdType',
  'tradeMode',
  'trafMode',
  'gcode',
]);

/** The head and first line of a parcel message, as a clerk would copy them from the paperwork. */
function paperwork(xml: string, entity: string) {
  const decoded = decodeImportMessage(xml);
  if (!decoded.ok) throw new Error('fixture does not decode');
  const record = (decoded.message[entity] as Record<string, unknown>[])[0] as Record<string, unknown>;
  const strings = (o: unknown) =>
    Object.entries((o ?? {}) as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    );
  const list = record[`${entity}List`];
  return {
    head: strings(record[`${entity}Head`]),
    line: strings(Array.isArray(list) ? list[0] : list),
  };
}

/** Chooses a value in a select of the form by typing it, as a clerk does (Enter takes the first match). */
async function pick(page: Page, id: string, value: string) {
  const box = page.locator(`.ant-select:has(#${id})`);
  if ((await box.locator('.ant-select-content').textContent())?.startsWith(value)) return;
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(value);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: value })
    .first()
    .waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await box.locator('.ant-select-content', { hasText: value }).waitFor();
}

/** Types (or picks) each value into the form field `entry_<prefix>_<name>`. */
async function fillForm(page: Page, prefix: string, fields: [string, string][]) {
  for (const [name, value] of fields) {
    if (NOT_TYPED.has(name)) continue;
    const id = `entry_${prefix}_${name}`;
    if (PICKED.has(name)) await pick(page, id, value);
    else await page.locator(`#${id}`).fill(value);
  }
}

describe('declaration entry 申报录入 (Chromium)', () => {
  let p: Awaited<ReturnType<typeof startWebPlatform>>;
  let browser: Browser;
  beforeAll(async () => {
    p = await startWebPlatform();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('clerks enter the order, payment, waybill and import inventory by form, fix a field error, declare, and see it released', async () => {
    const m = parcel();
    const order = paperwork(m.order, 'Order');
    const orderNo = order.head.find(([k]) => k === 'orderNo')?.[1] as string;

    // ── The platform's clerk enters the order by form: totals are computed, not typed ─────────────────
    const platform = await browser.newContext({ viewport: VIEWPORT });
    const page = await platform.newPage();
    await signIn(page, p.url, 'platform');
    await page.getByRole('menuitem', { name: '申报录入' }).click();
    await page.getByTestId('entry-form-CEB311Message').waitFor();
    expect(await page.locator('#entry_head_ebpCode').inputValue()).toBe('4614960001');
    await fillForm(page, 'head', order.head);
    await fillForm(page, 'list_0', order.line);
    const expected = (name: string) =>
      [...order.head, ...order.line].find(([k]) => k === name)?.[1] as string;
    expect(await page.locator('#entry_list_0_totalPrice').inputValue()).toBe(expected('totalPrice'));
    expect(await page.locator('#entry_head_goodsValue').inputValue()).toBe(expected('goodsValue'));
    expect(await page.locator('#entry_head_acturalPaid').inputValue()).toBe(expected('acturalPaid'));
    await shot(page, 'entry-01-order-form');
    await page.getByTestId('entry-declare').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '正式申报' }).click();
    await page.getByTestId('entry-receipt').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('entry-outcome').getAttribute('data-outcome')).toBe('accepted');
    expect(
      await page.getByTestId('entry-receipt').getByTestId('status-tag').getAttribute('data-status'),
    ).toBe('2');
    await shot(page, 'entry-02-platform-declared');
    await platform.close();

    // ── The payment company's clerk enters the payment, the carrier's clerk the waybill ──────────────
    for (const [user, type, xml, entity, segment] of [
      ['payment', 'CEB411Message', m.payment, 'Payment', undefined],
      ['logistics', 'CEB511Message', m.waybill, 'Logistics', '物流运单'],
    ] as const) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      const clerk = await context.newPage();
      await signIn(clerk, p.url, user);
      await clerk.getByRole('menuitem', { name: '申报录入' }).click();
      if (segment) await clerk.getByTestId('entry-types').getByText(segment, { exact: true }).click();
      await clerk.getByTestId(`entry-form-${type}`).waitFor();
      await fillForm(clerk, 'head', paperwork(xml, entity).head);
      await clerk.getByTestId('entry-declare').click();
      await clerk.locator('.ant-popconfirm').getByRole('button', { name: '正式申报' }).click();
      await clerk.getByTestId('entry-receipt').waitFor({ timeout: 60_000 });
      expect(await clerk.getByTestId('entry-outcome').getAttribute('data-outcome')).toBe('accepted');
      await shot(clerk, `entry-02-${user}-declared`);
      await context.close();
    }

    // ── The declaring agent enters the inventory, saves a draft, makes a field error and fixes it ─────
    const agent = await browser.newContext({ viewport: VIEWPORT });
    const desk = await agent.newPage();
    await signIn(desk, p.url, 'agent');
    await desk.getByRole('menuitem', { name: '申报录入' }).click();
    await desk.getByTestId('entry-form-CEB621Message').waitFor();
    // Demo/test mode: the zone's signature policy is optional and the agent registered no key.
    await desk.getByTestId('entry-signature-demo').waitFor();
    const inventory = paperwork(m.inventory, 'Inventory');
    await fillForm(desk, 'head', inventory.head);
    await fillForm(desk, 'list_0', inventory.line);
    await desk.getByTestId('entry-save-draft').click();
    await desk.locator('.ant-message', { hasText: `已暂存：${orderNo}` }).waitFor();

    await desk.locator('#entry_list_0_qty').fill('两罐');
    const qtyItem = desk.locator('.ant-form-item:has(#entry_list_0_qty)');
    await qtyItem.locator('.ant-form-item-explain-error').waitFor();
    expect(await qtyItem.locator('.ant-form-item-explain-error').textContent()).toBe(
      '数量须为数字，如 12.50',
    );
    await desk.getByTestId('entry-declare').click();
    await desk.locator('.ant-popconfirm').getByRole('button', { name: '正式申报' }).click();
    await desk.getByTestId('entry-fix').waitFor();
    expect(await desk.getByTestId('entry-fix').textContent()).toContain('请按标红的字段修改后再申报');
    expect(await desk.getByTestId('entry-receipt').count()).toBe(0);
    await shot(desk, 'entry-03-inventory-field-error');

    const qty = inventory.line.find(([k]) => k === 'qty')?.[1] as string;
    await desk.locator('#entry_list_0_qty').fill(qty);
    await qtyItem.locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    await desk.getByTestId('entry-declare').click();
    await desk.locator('.ant-popconfirm').getByRole('button', { name: '正式申报' }).click();
    await desk.getByTestId('entry-receipt').waitFor({ timeout: 60_000 });
    expect(await desk.getByTestId('entry-outcome').getAttribute('data-outcome')).toBe('accepted');
    await shot(desk, 'entry-04-inventory-declared');

    // ── The declarations list shows it released (the test platform clears automatically) ─────────────
    await desk.getByRole('menuitem', { name: '进口申报' }).click();
    await desk.getByTestId('filter-orderNo').fill(orderNo);
    await desk.getByTestId('filter-search').click();
    const listed = desk.getByTestId('declarations-import').locator('tr', { hasText: orderNo });
    await listed.getByTestId('status-tag').waitFor();
    expect(await listed.getByTestId('status-tag').getAttribute('data-status')).toBe('800');
    await shot(desk, 'entry-05-released');

    // The draft the inventory came from is gone once declared.
    await desk.getByRole('menuitem', { name: '申报录入' }).click();
    await desk.getByTestId('entry-drafts').click();
    expect(
      await desk
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: orderNo })
        .count(),
    ).toBe(0);

    // ── The workbench: a check that fails (here the network drops it) leaves no earlier success card ────
    await desk.getByRole('menuitem', { name: '报文工作台' }).click();
    await desk.getByTestId('wb-xml').fill(m.inventory);
    await desk.getByTestId('wb-validate').click();
    await desk.getByTestId('wb-valid').waitFor();
    await desk.route('**/api/v1/sandbox/validate', (route) => route.abort());
    await desk.getByTestId('wb-xml').fill(m.inventory.replace('<ceb:freight>', '<ceb:freight>x'));
    await desk.getByTestId('wb-validate').click();
    await desk.locator('.ant-alert-error').first().waitFor();
    expect(await desk.getByTestId('wb-valid').count()).toBe(0);
    await shot(desk, 'entry-06-workbench-failed-check');
    await desk.unroute('**/api/v1/sandbox/validate');

    // ── In English the form speaks English ──────────────────────────────────────────────────────────
    await desk.getByRole('menuitem', { name: '申报录入' }).click();
    await desk.getByTestId('entry-form-CEB621Message').waitFor();
    await desk.getByTestId('switch-language').click();
    await desk.getByText('Import inventory', { exact: true }).first().waitFor();
    await desk.locator('#entry_head_orderNo').fill('SO');
    await desk.locator('#entry_head_orderNo').fill('');
    const orderItem = desk.locator('.ant-form-item:has(#entry_head_orderNo)');
    await orderItem.locator('.ant-form-item-explain-error').waitFor();
    expect(await orderItem.locator('.ant-form-item-explain-error').textContent()).toBe(
      'Enter the Order number',
    );
    await shot(desk, 'entry-07-inventory-form-en');
    await agent.close();
    expect(cspViolations(browser)).toEqual([]);
  }, 300_000);
});
