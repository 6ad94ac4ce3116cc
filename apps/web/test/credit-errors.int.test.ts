// Issue 17 items 2, 7 and 9 in Chromium: the credit page (chart in time order, grouped scoring, the decider as
// source, English without Chinese or internal ids), the refused parcel's header, errors for clerks; receipts
// and match findings in the UI language with the raw returnInfo under technical detail (decision 0039).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildImportParcel } from '@crossgate/ceb';
import {
  gatewayFor,
  parcel,
  parcelSpec,
  sendImport,
  type Gateway,
} from '../../server/test/support/import-kit.ts';
import { launchBrowser, shot, signIn, startWebPlatform } from './support/browser.ts';

const VIEWPORT = { width: 1440, height: 900 };
const CJK = /[\u3400-\u9fff]/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().textContent()) ?? '';
}

describe('credit page, refused parcels and errors (Chromium)', () => {
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

  const call = async (
    cookie: string,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: unknown,
  ) => {
    const res = await p.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, unknown>;
  };
  const inventoryOf = async (cookie: string, orderNo: string) =>
    (
      (await call(cookie, 'GET', `/api/v1/import/inventories?orderNo=${orderNo}`)) as {
        items: { id: string; status: string }[];
      }
    ).items[0] as { id: string; status: string };
  const orderNoOf = (xml: string) => /<ceb:orderNo>([^<]+)</.exec(xml)?.[1] as string;

  it('shows the credit record in time order, grouped, with who decided, in one language', async () => {
    const customs = await p.login('customs');
    const zone = await p.login('zone');

    // Three parcels refused by the three-document match (the order says another goods value): three refusals
    // by the platform's own check in the seller's record.
    const refusedOrders: string[] = [];
    for (let i = 0; i < 3; i++) {
      const bad = parcel();
      refusedOrders.push(orderNoOf(bad.order));
      await sendImport(g, {
        ...bad,
        order: bad.order.replace(/<ceb:goodsValue>[^<]*</, '<ceb:goodsValue>999.00<'),
      });
    }
    // One parcel sent to inspection (sampling at 100%) and refused there by customs: a customs decision.
    await call(zone, 'PATCH', '/api/v1/zone', { inspectionSamplingRate: '1' });
    await call(zone, 'PUT', '/api/v1/credit/sampling-rates', { A: '1', B: '1', C: '1', D: '1' });
    const inspected = buildImportParcel(parcelSpec());
    for (const res of await sendImport(g, inspected)) expect(res.statusCode, res.body).toBe(200);
    const inspectedInv = await inventoryOf(customs, orderNoOf(inspected.order));
    expect(inspectedInv.status).toBe('500');
    await call(customs, 'POST', `/api/v1/import/inventories/${inspectedInv.id}/decision`, {
      action: 'reject',
      reason: '查验发现申报品名与实货不符',
    });
    await call(zone, 'PATCH', '/api/v1/zone', { inspectionSamplingRate: '0' });
    await call(zone, 'PUT', '/api/v1/credit/sampling-rates', { A: '0', B: '0', C: '0', D: '0' });

    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await signIn(page, p.url, 'seller');
    await page.goto(`${p.url}/enterprise/credit`);
    await page.getByTestId('credit-level').waitFor();
    await page.getByTestId('line-chart').locator('canvas').waitFor();

    // The chart runs oldest → newest with distinct labels (several scores today: day and time).
    const labels = JSON.parse(
      (await page.getByTestId('line-chart').getAttribute('data-x-labels')) ?? '[]',
    ) as string[];
    expect(labels.length).toBeGreaterThanOrEqual(4);
    expect(new Set(labels).size).toBe(labels.length);
    expect([...labels].sort()).toEqual(labels);
    for (const label of labels) expect(label).toMatch(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?( #\d+)?$/);

    // The three refusals are one row of the explanation, with their count; expanding it lists each.
    const components = page.getByTestId('credit-components');
    const refusalRow = components.locator('tr.ant-table-row', { hasText: '退单（三单比对不通过）' });
    expect(await refusalRow.count()).toBe(1);
    expect(await refusalRow.textContent()).toContain('3 次');
    expect(await refusalRow.textContent()).toContain('-3');
    expect(await components.locator('tr.ant-table-row', { hasText: '查验发现问题' }).count()).toBe(1);
    expect(await components.textContent()).not.toMatch(/\((customs|behaviour|no third-party|third-party)/);
    await refusalRow.getByRole('button').first().click();
    await components.locator('.ant-table-expanded-row tr.ant-table-row').nth(2).waitFor();

    // Who decided: the platform's check for a refusal by the match, customs for the refusal at inspection.
    const events = page.getByTestId('credit-events');
    const inspectionEvent = events.locator('tr.ant-table-row', { hasText: '查验发现问题' });
    expect(await inspectionEvent.getByTestId('credit-event-source').textContent()).toBe('海关');
    const matchEvents = events.locator('tr.ant-table-row', { hasText: '退单（三单比对不通过）' });
    expect(await matchEvents.count()).toBe(3);
    expect(await matchEvents.first().getByTestId('credit-event-source').textContent()).toBe('平台自动比对');
    expect(await text(page, 'credit-page')).not.toContain('平台记录');
    expect(await text(page, 'credit-page')).not.toMatch(UUID);
    // No cell of the events table is squeezed: each column at least 60 px wide.
    const widths = await events
      .locator('thead th')
      .evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width));
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(60);
    await shot(page, 'credit-01-enterprise-zh');

    // In English: no Chinese in the explanation or the events, no raw category, no internal ids.
    await page.getByTestId('switch-language').click();
    await page.getByText('Score components').waitFor();
    for (const id of ['credit-components', 'credit-events']) {
      const shown = await text(page, id);
      expect(shown, id).not.toMatch(CJK);
      expect(shown, id).not.toMatch(/rule_refusal|inspection_finding/);
      expect(shown, id).not.toMatch(UUID);
    }
    expect(await text(page, 'credit-events')).toContain('Refused by rule (three-document match failed)');
    expect(await text(page, 'credit-events')).toContain('Customs');
    await shot(page, 'credit-02-enterprise-en');
    await page.getByTestId('switch-language').click();

    // The parcel refused by the match: its header says so in red, with the reason and the field.
    const orderNo = refusedOrders[0] as string;
    const refused = await inventoryOf(customs, orderNo);
    await page.goto(`${p.url}/enterprise/import/${refused.id}`);
    await page.getByTestId('import-parcel').waitFor();
    const verdict = page.getByTestId('parcel-verdict');
    expect(await verdict.getAttribute('data-verdict')).toBe('refused');
    expect(await verdict.getAttribute('class')).toContain('ant-alert-error');
    expect(await verdict.textContent()).toContain('已退单');
    expect(await text(page, 'parcel-verdict-reason')).toContain(
      '三单比对不通过：订单、支付单、运单与清单不一致，请按比对结果修改后重新申报',
    );
    // The refusing finding in words (decision 0039): the order's amount paid and the rule's clerk text; the
    // field path and the domain's English rule only under the closed technical detail.
    const refusal = verdict.getByTestId('parcel-verdict-refusal').first();
    expect(await refusal.innerText()).toContain(
      '订单 实际支付金额：订单实际支付金额应等于商品价格＋运杂费＋代扣税款－非现金抵扣：请核对订单金额',
    );
    expect(await refusal.innerText()).not.toMatch(/OrderHead|acturalPaid/);
    expect(await refusal.getByTestId('finding-technical').locator('pre').textContent()).toContain(
      'field: CEB311.OrderHead.acturalPaid',
    );
    expect(await text(page, 'import-parcel')).not.toContain('三单比对通过，未发现问题');
    await shot(page, 'credit-03-parcel-refused-header');

    // In English the same parcel reads in English only: the reason, the finding and the timeline (the
    // e-port's Chinese returnInfo stays under the closed technical detail, shown when opened).
    await page.getByTestId('switch-language').click();
    await page.getByText('Refused: this inventory did not pass').waitFor();
    const reasonEn = page.getByTestId('parcel-verdict-reason').first();
    expect(await reasonEn.innerText()).toContain(
      'The documents do not match: the order, payment, waybill and inventory differ; correct what the match found and declare again',
    );
    expect(await page.getByTestId('parcel-verdict').innerText()).not.toMatch(CJK);
    expect(await refusal.innerText()).toContain(
      'order, amount paid: The amount paid on the order must equal goods value + freight + tax − discount',
    );
    expect(await page.getByTestId('timeline').innerText()).not.toMatch(CJK);
    expect(await page.getByTestId('issues').innerText()).not.toMatch(CJK);
    // The units of the goods lines in English (the JGS-20 table names them in Chinese only): 122 罐, 035 千克.
    const lines = await page.getByTestId('parcel-lines').innerText();
    expect(lines).toContain('2 can');
    expect(lines).toContain('1.8 kilogram');
    const technical = reasonEn.getByTestId('receipt-technical');
    expect(await technical.locator('pre').isVisible()).toBe(false);
    await technical.locator('summary').click();
    expect(await technical.locator('pre').innerText()).toContain(
      '三单比对不通过：CEB311.OrderHead.acturalPaid',
    );
    await shot(page, 'credit-03b-parcel-refused-header-en');
    await page.getByTestId('switch-language').click();
    await page.getByText('已退单：本清单未通过审核').waitFor();

    // The parcel customs refused at inspection has no match finding: still refused, never "nothing found".
    await page.goto(`${p.url}/enterprise/import/${inspectedInv.id}`);
    await page.getByTestId('import-parcel').waitFor();
    expect(await page.getByTestId('parcel-verdict').getAttribute('data-verdict')).toBe('refused');
    const inspectedReason = page.getByTestId('parcel-verdict-reason').first();
    expect(await inspectedReason.innerText()).toContain('海关审核后退单：请按关员写明的原因处理');
    expect(await inspectedReason.getByTestId('receipt-said').innerText()).toBe(
      '填写的原因：查验发现申报品名与实货不符',
    );
    await page.getByTestId('issues-none-refused').waitFor();
    expect(await text(page, 'import-parcel')).not.toContain('三单比对通过，未发现问题');
    await shot(page, 'credit-04-parcel-refused-at-inspection');
    // In English: the refusal is said in English; only the officer's own words stay as the officer wrote them.
    await page.getByTestId('switch-language').click();
    await page.getByText('Refused: this inventory did not pass').waitFor();
    expect(await inspectedReason.locator('[data-testid="receipt-clerk"]').innerText()).toBe(
      'Refused by customs after review: act on the reason the officer gave',
    );
    expect(await inspectedReason.getByTestId('receipt-said').innerText()).toBe(
      'Reason as written: 查验发现申报品名与实货不符',
    );
    await inspectedReason.getByTestId('receipt-technical').locator('summary').click();
    expect(await inspectedReason.getByTestId('receipt-technical').locator('pre').innerText()).toContain(
      'returnInfo: 海关退单：查验发现申报品名与实货不符',
    );
    await shot(page, 'credit-04b-parcel-refused-at-inspection-en');
    await page.getByTestId('switch-language').click();
    await context.close();

    // The officer's view of the same parcel.
    const officer = await browser.newContext({ viewport: VIEWPORT });
    const op = await officer.newPage();
    await signIn(op, p.url, 'customs');
    await op.goto(`${p.url}/customs/parcels/${refused.id}`);
    await op.getByTestId('parcel-verdict').waitFor();
    expect(await op.getByTestId('parcel-verdict').getAttribute('data-verdict')).toBe('refused');
    expect(await text(op, 'parcel-page')).not.toContain('对碰未发现问题');
    await shot(op, 'credit-05-customs-parcel-refused');
    // The officer's timeline in English: every receipt worded in English, the raw text behind technical detail.
    await op.getByTestId('switch-language').click();
    await op.getByText('Refused: this inventory did not pass').waitFor();
    const refusedEntry = op.locator('[data-testid="timeline-entry"][data-status="100"]').first();
    expect(await refusedEntry.getByTestId('receipt-clerk').innerText()).toBe(
      'The documents do not match: the order, payment, waybill and inventory differ; correct what the match found and declare again',
    );
    for (const entry of await op.getByTestId('receipt-clerk').all())
      expect(await entry.innerText()).not.toMatch(CJK);
    await shot(op, 'credit-05b-customs-parcel-refused-en');
    await officer.close();
  }, 300_000); // four parcels, two roles and nine pages on a loaded machine

  it('says an error for a clerk, one language at a time, the pattern under technical detail', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.goto(`${p.url}/public/parcels?no=${encodeURIComponent('a!')}`);
    await page.getByTestId('error-state').waitFor();
    const shown = await text(page, 'error-details');
    expect(shown).toContain('运单编号');
    expect(shown).toContain('格式不正确：只能包含字母、数字和短横线，长度4–60位');
    // What is on screen (the technical detail closed) has no code.
    expect(await page.getByTestId('error-state').innerText()).not.toContain('VALIDATION_FAILED');
    expect(await page.getByTestId('error-technical').locator('pre').isVisible()).toBe(false);
    await page.getByTestId('error-technical').locator('summary').click();
    expect(await page.getByTestId('error-technical').locator('pre').textContent()).toContain(
      'matches /^[A-Za-z0-9-]{4,60}$/',
    );
    await shot(page, 'errors-01-public-parcel-zh');

    await page.getByTestId('switch-language').click();
    await page.getByText('Wrong format: only letters, digits and hyphens, 4–60 characters').waitFor();
    const title = (await page.getByTestId('error-state').locator('.ant-alert-title').textContent()) ?? '';
    expect(title).not.toMatch(CJK);
    expect(await text(page, 'error-details')).not.toMatch(CJK);
    await shot(page, 'errors-02-public-parcel-en');
    await context.close();
  });
});
