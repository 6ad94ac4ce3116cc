// Issue 19 in Chromium: 预警队列 (decision 0047). Five buyers receive at one address; a customs officer runs the
// warning scan, opens the fan-in warning, assigns it to himself and confirms it with the negative list; a second
// officer reviews and approves it; the five buyers are on the negative list and the next parcel of one of them goes
// to inspection. The rule statistics page shows the version's rules. A seller has no menu entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_RULE_SET } from '@crossgate/domain';
import {
  buyer,
  gatewayFor,
  importInventoryOf,
  parcel,
  parcelSpec,
  sendImport,
} from '../../server/test/support/import-kit.ts';
import { buildImportParcel } from '@crossgate/ceb';
import { launchBrowser, shot, signIn, startWebPlatform } from './support/browser.ts';

const VIEWPORT = { width: 1440, height: 900 };
const ADDRESS = '河南省焦作市山阳区共用路9号';

describe('预警队列 (Chromium)', () => {
  let p: Awaited<ReturnType<typeof startWebPlatform>>;
  let browser: Browser;
  const buyers: ReturnType<typeof buyer>[] = [];
  beforeAll(async () => {
    p = await startWebPlatform();
    browser = await launchBrowser();
    const zone = await p.login('zone');
    const customsOrg = await p.database.db
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'agency')
      .where('agency_type', '=', 'customs')
      .executeTakeFirstOrThrow();
    const made = await p.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: zone },
      payload: {
        orgId: customsOrg.id,
        username: 'customs-reviewer',
        displayName: '复核官员',
        password: 'Reviewer-Password-1',
        roles: ['operator'],
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const cookie = await p.login('customs');
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/v1/risk/rule-sets',
      headers: { cookie },
      payload: { name: '默认规则集', body: DEFAULT_RULE_SET },
    });
    expect(created.statusCode, created.body).toBe(200);
    // The planted fan-in: five buyers, one address.
    const g = await gatewayFor(p);
    for (let i = 0; i < 5; i++) {
      const b = { ...buyer(), address: ADDRESS, telephone: `1390000100${i}` };
      buyers.push(b);
      for (const res of await sendImport(g, parcel({ buyer: b }))) expect(res.statusCode, res.body).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  const as = async (username: string, password?: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await signIn(page, p.url, username, password);
    return page;
  };

  it('a planted fan-in is raised, confirmed by one officer, reviewed by another, and its buyers land on the negative list', async () => {
    const page = await as('customs');
    await page.getByRole('menuitem', { name: '预警队列' }).click();
    await page.getByTestId('risk-warnings-page').waitFor();
    await page.getByTestId('warning-scan').click();
    const link = page.getByTestId('warning-open-address_fan_in');
    await link.waitFor();
    const row = page.getByTestId('risk-warnings-table').locator('tr.ant-table-row', { has: link });
    expect(await row.textContent()).toContain('同一收货地址7天内涉及5名不同买家（阈值5）');
    expect(await row.getByTestId('warning-status').textContent()).toBe('待分派');
    // Persons appear only as keyed references.
    expect(await page.getByTestId('risk-warnings-table').textContent()).not.toContain('共用路');
    await shot(page, 'risk-warnings-01-queue');

    await link.click();
    await page.getByTestId('risk-warning-page').waitFor();
    expect(await page.getByTestId('warning-figure-buyers7d').textContent()).toBe('5');
    expect(await page.getByTestId('warning-figures').textContent()).toContain('7天内买家数');
    expect(await page.getByTestId('warning-parcels').locator('tr.ant-table-row').count()).toBe(5);
    // Assign to oneself.
    const me = (await (await page.request.get(`${p.url}/api/v1/auth/me`)).json()) as {
      user: { displayName: string };
    };
    await page.getByTestId('warning-assignee').click();
    await page.locator('.ant-select-item-option', { hasText: me.user.displayName }).first().click();
    await page.getByTestId('warning-dispose').waitFor();
    await page.getByTestId('warning-negative-list').check();
    await page.getByTestId('warning-credit-event').check();
    await page.getByTestId('warning-note').fill('五名买家共用一个收货地址，核实为刷单');
    await page.getByTestId('warning-submit-disposal').click();
    await page.getByTestId('warning-disposal').waitFor();
    expect(await page.getByTestId('warning-status').first().textContent()).toBe('待复核');
    // The officer who disposed cannot review: no review buttons.
    expect(await page.getByTestId('warning-review').count()).toBe(0);
    await shot(page, 'risk-warnings-02-disposed');
    const url = page.url();

    const reviewer = await as('customs-reviewer', 'Reviewer-Password-1');
    await reviewer.goto(url);
    await reviewer.getByTestId('warning-review').waitFor();
    await reviewer.getByTestId('warning-approve').click();
    await reviewer.getByTestId('warning-history').getByText('复核通过').waitFor();
    expect(await reviewer.getByTestId('warning-status').first().textContent()).toBe('已办结');
    expect(await reviewer.getByTestId('warning-history').textContent()).toContain('复核官员');
    await shot(reviewer, 'risk-warnings-03-reviewed');

    // Where the disposal says: the five buyers on the negative list, shown on the customs negative-list page.
    await reviewer.goto(`${p.url}/customs/negative-list`);
    await reviewer.getByTestId('negative-page').waitFor();
    await reviewer.getByText('风险预警涉及个人 (person in a risk warning)').first().waitFor();
    expect(await reviewer.getByText('风险预警涉及个人 (person in a risk warning)').count()).toBe(5);
    await shot(reviewer, 'risk-warnings-04-negative-list');
    // The next parcel of one of those buyers goes to inspection.
    const g = await gatewayFor(p);
    const spec = parcelSpec({
      buyer: { ...(buyers[0] as ReturnType<typeof buyer>), address: '河南省焦作市另一路1号' },
    });
    for (const res of await sendImport(g, buildImportParcel(spec))) expect(res.statusCode).toBe(200);
    expect((await importInventoryOf(p, spec.orderNo)).status).toBe('500');
  });

  it('规则统计 lists the rules of a version; a seller has no entry and is refused at the address', async () => {
    // One stored live decision of the version on a planted parcel (clearance stores them once it runs the engine).
    const ruleSet = await p.database.db
      .selectFrom('risk_rule_sets')
      .select(['id', 'version'])
      .executeTakeFirstOrThrow();
    // A parcel released on the green lane (not inspected), so the rule has a hit and no inspection.
    const inventories = await p.database.db
      .selectFrom('import_documents as d')
      .innerJoin('inventory_clearance as c', 'c.document_id', 'd.id')
      .select(['d.id', 'd.org_id', 'c.channel'])
      .where('d.doc_type', '=', 'inventory')
      .execute();
    const inventory = inventories.find((i) => (i.channel as { lane?: string } | null)?.lane === 'green');
    if (!inventory) throw new Error('no green-lane parcel planted');
    await p.database.db
      .insertInto('risk_decisions')
      .values({
        direction: 'import',
        document_id: inventory.id,
        org_id: inventory.org_id,
        rule_set_id: ruleSet.id,
        rule_set_version: ruleSet.version,
        lane: 'document_review',
        explanation: JSON.stringify({ lane: 'document_review', fired: [{ rule: 'shared_address' }] }),
        shadow: false,
        decided_at: new Date(),
      })
      .execute();
    const page = await as('customs');
    await page.getByRole('menuitem', { name: '规则统计' }).click();
    await page.getByTestId('risk-rule-stats-page').waitFor();
    const rows = page.getByTestId('rule-stats-table').locator('tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(DEFAULT_RULE_SET.rules.length);
    expect(await page.getByTestId('rule-stats-table').textContent()).toContain('同一订购人24小时内拆单');
    const shared = page
      .getByTestId('rule-stats-table')
      .locator('tr.ant-table-row', { hasText: '同一收货地址多名订购人' });
    expect((await shared.locator('td').allTextContents()).slice(1)).toEqual(['1', '0', '0', '0', '—']);
    await page.getByTestId('rule-stats-chart').locator('canvas').waitFor();
    await shot(page, 'risk-warnings-05-rule-stats');

    const seller = await as('seller');
    expect(await seller.getByRole('menuitem', { name: '预警队列' }).count()).toBe(0);
    await seller.goto(`${p.url}/risk/warnings`);
    await seller.getByText('无权访问').first().waitFor();
  });
});
