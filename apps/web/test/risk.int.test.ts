// Issue 19 in Chromium: the 风险防控 area (decision 0043). A customs officer sees the published default rule set in
// words, drafts from it, is told which field of a bad rule is wrong and why, fixes it, compares it with the
// published version, replays it over the demo history, and publishes it; a seller has no menu entry and is
// refused at the address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_RULE_SET } from '@crossgate/domain';
import { gatewayFor, parcel, sendImport } from '../../server/test/support/import-kit.ts';
import { launchBrowser, shot, signIn, startWebPlatform } from './support/browser.ts';

const VIEWPORT = { width: 1440, height: 900 };

describe('风险防控 area (Chromium)', () => {
  let p: Awaited<ReturnType<typeof startWebPlatform>>;
  let browser: Browser;
  beforeAll(async () => {
    p = await startWebPlatform();
    browser = await launchBrowser();
    // The default rule set as customs would have published it (the demo seed has no rule set yet).
    const cookie = await p.login('customs');
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/v1/risk/rule-sets',
      headers: { cookie },
      payload: { name: '默认规则集', body: DEFAULT_RULE_SET },
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = (created.json() as { id: string }).id;
    const published = await p.app.inject({
      method: 'POST',
      url: `/api/v1/risk/rule-sets/${id}/publish`,
      headers: { cookie },
    });
    expect(published.statusCode, published.body).toBe(200);
    // The history to replay: three import parcels declared and cleared today.
    const g = await gatewayFor(p);
    for (let i = 0; i < 3; i++)
      for (const res of await sendImport(g, parcel())) expect(res.statusCode, res.body).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  const as = async (username: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await signIn(page, p.url, username);
    return page;
  };
  const bodyText = async (page: Page) =>
    page.getByTestId('risk-draft-body').evaluate((el) => (el as HTMLTextAreaElement).value);

  it('an officer drafts, is told the bad field, fixes it, compares, replays and publishes', async () => {
    const page = await as('customs');
    await page.getByRole('menuitem', { name: '风险规则集' }).click();
    await page.getByTestId('risk-rule-sets-page').waitFor();
    const row = page.getByTestId('risk-rule-sets-table').locator('tr.ant-table-row').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('默认规则集');
    expect(await row.getByTestId('risk-status').textContent()).toBe('已发布');
    await shot(page, 'risk-01-rule-sets');

    // The published version in words: the split-order rule's conditions with the features' Chinese names.
    await page.getByTestId('risk-open-v1').click();
    await page.getByTestId('risk-rule-set-page').waitFor();
    const split = page.getByTestId('risk-rules').locator('tr', { hasText: 'split_buyer_24h' });
    expect(await split.textContent()).toContain('同一订购人24小时内拆单');
    expect(await split.getByTestId('risk-condition').nth(0).textContent()).toMatch(/ ≥ 2$/);
    expect(await split.getByTestId('risk-condition').nth(1).textContent()).toMatch(/ > 5000 CNY$/);
    expect(await page.getByTestId('risk-publish').count()).toBe(0);
    await shot(page, 'risk-02-published-version');

    // A draft from it with an unknown feature: refused, the field and the reason beside the editor.
    await page.getByTestId('risk-copy').click();
    await page.getByTestId('risk-draft-page').waitFor();
    await page.waitForFunction(() =>
      (
        document.querySelector('[data-testid="risk-draft-body"]') as HTMLTextAreaElement | null
      )?.value.includes('split_buyer_24h'),
    );
    const original = await bodyText(page);
    await page.getByTestId('risk-draft-name').fill('拆单收紧');
    await page
      .getByTestId('risk-draft-body')
      .fill(original.replace('"buyer.orders24h"', '"buyer.ordersFortnight"'));
    await page.getByTestId('risk-draft-save').click();
    await page.getByTestId('risk-draft-errors').waitFor();
    expect(await page.getByTestId('risk-draft-error-field').allTextContents()).toEqual([
      'body.rules[2].conditions[0].feature',
    ]);
    expect(await page.getByTestId('risk-draft-error-reason').first().textContent()).toBe(
      '未知特征（不在特征目录中） (buyer.ordersFortnight)',
    );
    await shot(page, 'risk-03-draft-refused');

    // Fixed: the feature back, the split rule now sends the parcel to inspection by itself.
    const fixed = JSON.parse(original) as { rules: { id: string; lane?: string }[] };
    const rule = fixed.rules.find((r) => r.id === 'split_buyer_24h');
    if (!rule) throw new Error('split_buyer_24h missing');
    rule.lane = 'inspection';
    await page.getByTestId('risk-draft-body').fill(JSON.stringify(fixed, null, 2));
    await page.getByTestId('risk-draft-save').click();
    await page.getByTestId('risk-rule-set-page').waitFor();
    expect(await page.getByTestId('risk-status').textContent()).toBe('草稿');
    const draftUrl = page.url();
    const draftId = draftUrl.split('/').pop() ?? '';

    // Diff against version 1: the one changed field.
    await page.getByTestId('risk-diff').locator('.ant-select').click();
    await page.locator('.ant-select-item-option', { hasText: 'v1 · 默认规则集' }).click();
    const diffRow = page.getByTestId('risk-diff-table').locator('tr.ant-table-row');
    await diffRow.first().waitFor();
    expect(await diffRow.count()).toBe(1);
    expect(await diffRow.first().textContent()).toContain('split_buyer_24h');
    expect(await diffRow.first().textContent()).toContain('"inspection"');
    await shot(page, 'risk-04-draft-diff');

    // Replay the draft over the demo history (the last 30 days).
    await page.goto(`${p.url}/risk/replay?ruleSet=${draftId}`);
    await page.getByTestId('risk-replay-page').waitFor();
    await page.getByTestId('risk-replay-page').locator('.ant-select', { hasText: 'v2 · 拆单收紧' }).waitFor();
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="risk-replay-run"]') as HTMLButtonElement | null)?.disabled ===
        false,
    );
    await page.getByTestId('risk-replay-run').click();
    await page.getByTestId('risk-replay-result').waitFor();
    const parcels = Number(
      (
        await page.getByTestId('risk-replay-parcels').locator('.ant-statistic-content-value').textContent()
      )?.replace(/,/g, ''),
    );
    expect(parcels).toBe(3);
    // Three ordinary parcels, all released on the green lane then and under the draft: none changes lane.
    expect(
      await page.getByTestId('risk-replay-changed').locator('.ant-statistic-content-value').textContent(),
    ).toBe('0');
    expect(await page.getByTestId('risk-replay-result').textContent()).toContain(
      '绿色通道（自动放行） 3 / 3',
    );
    expect(await page.getByTestId('risk-replay-result').textContent()).toContain('查验量');
    await shot(page, 'risk-05-replay');

    // Publish the draft: confirmed, then version 1 is retired.
    await page.goto(draftUrl);
    await page.getByTestId('risk-publish').click();
    await page.locator('.ant-modal-confirm-title', { hasText: '发布第 2 版？' }).waitFor();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await page.getByTestId('risk-status').filter({ hasText: '已发布' }).waitFor();
    await page.getByText('返回规则集列表').click();
    const rows = page.getByTestId('risk-rule-sets-table').locator('tr.ant-table-row');
    await rows.nth(1).waitFor();
    expect(await rows.nth(0).getByTestId('risk-status').textContent()).toBe('已发布');
    expect(await rows.nth(1).getByTestId('risk-status').textContent()).toBe('已停用');
    await shot(page, 'risk-06-published');
    await page.close();
  }, 240_000);

  it('a seller has no 风险防控 menu and is refused at its address', async () => {
    const page = await as('seller');
    expect(await page.getByRole('menuitem', { name: '风险防控' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '风险规则集' }).count()).toBe(0);
    await page.goto(`${p.url}/risk/rule-sets`);
    await page.getByTestId('forbidden-title').waitFor();
    expect(await page.getByTestId('forbidden-title').textContent()).toBe('无权访问');
    await shot(page, 'risk-07-seller-forbidden');
    await page.close();
  });
});
