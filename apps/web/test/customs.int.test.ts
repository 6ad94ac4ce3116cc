import { createHash, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildImportParcel, type ParcelMessages } from '@crossgate/ceb';
import { organisationCodeCheckCharacter, usccCheckCharacter } from '@crossgate/domain';
import { gatewayFor, parcelSpec, sendImport, type Gateway } from '../../server/test/support/import-kit.ts';
import { cspViolations, launchBrowser, shot, signIn, startWebPlatform } from './support/browser.ts';

/** A new clerk's password: it must pass the password rules an administrator's choice is held to. */
const CLERK_PASSWORD = 'Jz-Officer-2026x';

/** A fresh USCC that passes the GB 32100-2015 check characters. */
function uscc(): string {
  const org8 = String(randomInt(10_000_000, 99_999_999));
  const body = `91410800${org8}${organisationCodeCheckCharacter(org8) as string}`;
  return body + (usccCheckCharacter(body) as string);
}

/**
 * A screenshot once the page's animations (and, when asked, the toasts) have finished. "Finished" is what
 * the browser says (the Web Animations API: no finite CSS animation or transition still running), not
 * antd's motion class names: rc-motion leaves a `-leave-active` class in place when the element's
 * `animationend` never comes, which held the wait for 10 s with nothing moving on screen.
 */
async function settledShot(page: Page, name: string, { toasts = false } = {}) {
  await page.waitForFunction(
    (toasts) =>
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity) &&
      (!toasts || !document.querySelector('.ant-message-notice')),
    toasts,
  );
  await shot(page, name);
}

describe('customs workbench (Chromium)', () => {
  let p: Awaited<ReturnType<typeof startWebPlatform>>;
  let browser: Browser;
  let g: Gateway;
  beforeAll(async () => {
    [p, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
    g = await gatewayFor(p);
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  const call = async (
    cookie: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: object,
  ) => {
    const res = await p.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json() as Record<string, unknown> & { id: string };
  };
  /** Sends the parcel's four messages, each from its sender, and returns its inventory as customs lists it. */
  const send = async (m: ParcelMessages, customs: string) => {
    for (const res of await sendImport(g, m)) expect(res.statusCode, res.body).toBe(200);
    const orderNo = /<ceb:orderNo>([^<]+)</.exec(m.order)?.[1] as string;
    const list = (await call(customs, 'GET', `/api/v1/import/inventories?orderNo=${orderNo}`)) as unknown as {
      items: { id: string; invtNo: string; status: string }[];
    };
    return list.items[0] as { id: string; invtNo: string; status: string };
  };

  it('an officer inspects and releases a red-channel parcel, and approves filings', async () => {
    const customs = await p.login('customs');
    const zone = await p.login('zone');

    // Random sampling at 100% (the zone's rate and every credit level's; the platform reads them at once, then
    // caches them for seconds): every parcel is chosen, the listed buyer's for both reasons.
    await call(zone, 'PATCH', '/api/v1/zone', { inspectionSamplingRate: '1' });
    await call(zone, 'PUT', '/api/v1/credit/sampling-rates', { A: '1', B: '1', C: '1', D: '1' });

    // A buyer on the negative list: every parcel of theirs goes to inspection (500).
    const idNumber = `41080019850101${String(randomInt(1000, 9999))}`;
    await call(customs, 'POST', '/api/v1/negative-list', {
      subjectType: 'person',
      idType: '1',
      idNumber,
      name: '赵六',
      reason: '多次代购牟利，情节严重',
      authority: '焦作海关',
    });
    const buyer = {
      regNo: 'b-zhaoliu',
      name: '赵六',
      idNumber,
      telephone: '13800000001',
      address: '河南省焦作市山阳区',
    };
    const listed = await send(buildImportParcel(parcelSpec({ buyer })), customs);
    expect(listed.status).toBe('500');

    const sampled = await send(buildImportParcel(parcelSpec()), customs);
    expect(sampled.status).toBe('500');

    // Filings waiting for review: a product of the seller and a newly registered enterprise.
    const seller = await p.login('seller');
    const itemNo = `VXP-F${randomInt(1000, 9999)}`;
    await call(seller, 'POST', '/api/v1/filings/products', {
      itemNo,
      nameZh: '婴幼儿配方奶粉（3段）',
      hsCode: '1901101000',
      declarationElements: { 品牌类型: '境外品牌(其他)', 出口享惠情况: '不享惠' },
      originCountry: '601',
      brand: 'a2',
      barcode: '9300701234560',
      unit: '122',
      legalUnit1: '035',
      price: '268.00',
      currency: '142',
      retailImport: true,
    });
    const code = `4614${randomInt(100000, 999999)}`;
    const org = await call(zone, 'POST', '/api/v1/organisations', {
      kind: 'enterprise',
      code,
      uscc: uscc(),
      nameZh: '焦作云台山跨境贸易有限公司',
      enterpriseRoles: ['ebc'],
    });
    await call(zone, 'POST', '/api/v1/users', {
      orgId: org.id,
      username: `u${code}`,
      displayName: '备案专员',
      password: CLERK_PASSWORD,
      roles: ['admin', 'operator'],
    });
    const clerk = await p.login(`u${code}`, CLERK_PASSWORD);
    const filing = await call(clerk, 'POST', '/api/v1/filings/enterprise', {
      uscc: org.uscc,
      customsCode: code,
      nameZh: '焦作云台山跨境贸易有限公司',
      roles: ['ebc'],
      legalRep: '王五',
      address: '河南省焦作市修武县云台大道88号',
      contacts: [{ name: '李四', phone: '13912345678', email: 'lisi@example.cn' }],
      documents: [
        {
          kind: 'business_licence',
          name: '营业执照.pdf',
          sha256: createHash('sha256').update(code).digest('hex'),
        },
      ],
    });
    await call(clerk, 'POST', `/api/v1/filings/enterprise/${filing.id}/submit`);

    const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(10_000);
    await signIn(page, p.url, 'customs');

    // The inspection queue lists both parcels with the reason each was chosen.
    await page.getByRole('menuitem', { name: '查验与审核' }).click();
    await page.getByTestId('customs-queue').waitFor();
    const listedRow = page.getByTestId(`queue-row-${listed.invtNo}`);
    await listedRow.getByText('负面清单', { exact: true }).waitFor();
    expect(await listedRow.textContent()).toContain('订购人');
    await page.getByTestId(`queue-row-${sampled.invtNo}`).getByText('随机抽中', { exact: true }).waitFor();
    await page.getByTestId('tab-inspection-count').getByText('2', { exact: true }).waitFor();
    await settledShot(page, 'customs-01-inspection-queue');

    // The parcel: reasons, the four documents side by side, goods and tax, the decision form.
    await listedRow.getByTestId('open-parcel').click();
    await page.getByTestId('parcel-page').waitFor();
    expect(await page.getByTestId('parcel-title').textContent()).toContain(listed.invtNo);
    expect(await page.getByTestId('parcel-reasons').textContent()).toContain('信用负面清单');
    expect(await page.getByTestId('parcel-status').textContent()).toContain('500');
    await page.getByTestId('compare').locator('thead').getByText('支付单').waitFor();
    await page.getByRole('tab', { name: '商品与税单' }).click();
    await page.getByTestId('tax-bill').getByText('46142026I').first().waitFor();
    await settledShot(page, 'customs-02b-goods-and-tax');
    await page.getByRole('tab', { name: '单证对碰' }).click();
    const compare = (await page.getByTestId('compare').textContent()) ?? '';
    // Personal data is masked on screen (name: first character; ID: region and last four) …
    expect(compare).toContain('赵*');
    expect(compare).not.toContain('赵六');
    expect(compare).not.toContain(idNumber);
    expect(await page.getByTestId('compare-diff').count()).toBe(0);
    await settledShot(page, 'customs-02-parcel-review');

    // … and an officer sees it in clear only by giving a reason, which the audit trail records.
    await page.getByTestId('reveal-personal').click();
    await page.getByTestId('reveal-reason').fill('核验负面清单人员身份');
    await page.getByTestId('reveal-confirm').click();
    await page.getByTestId('personal-data-table').getByText(idNumber).first().waitFor();
    expect(await page.getByTestId('personal-data-table').textContent()).toContain('赵六');
    await settledShot(page, 'customs-02c-personal-data-revealed');
    await page.keyboard.press('Escape');
    await page.getByTestId('personal-data-table').waitFor({ state: 'detached' });

    // The inspection result is the reason of the decision; release, confirm.
    await page
      .getByTestId('decision-reason')
      .fill('开箱查验：品名、数量、规格与申报一致，未发现夹带，准予放行');
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('decision-confirm').waitFor();
    await settledShot(page, 'customs-03-confirm-release');
    await page.getByRole('button', { name: '确认放行' }).click();

    // The timeline shows 800 放行, the status too, and the audit trail has the officer's decision.
    await page.locator('[data-testid="timeline-entry"][data-status="800"]').waitFor();
    expect(await page.locator('[data-testid="timeline-entry"][data-status="800"]').textContent()).toContain(
      '放行',
    );
    await page.getByTestId('parcel-status').getByText('800 放行').waitFor();
    await page.getByTestId('decision-none').waitFor();
    await page.getByTestId('decision-confirm').waitFor({ state: 'detached' });
    await settledShot(page, 'customs-04-released');
    await page.getByTestId('tab-audit').click();
    await page.getByTestId('audit-table').getByText('海关放行').waitFor();
    expect(await page.getByTestId('audit-table').textContent()).toContain('未发现夹带');
    expect(await page.getByTestId('audit-table').textContent()).toContain('核验负面清单人员身份');
    await settledShot(page, 'customs-05-audit-trail');

    // Back in the queue the released parcel is gone; the sampled one remains.
    await page.getByRole('button', { name: '返回作业队列' }).click();
    await page.getByTestId(`queue-row-${sampled.invtNo}`).waitFor();
    await page.getByTestId(`queue-row-${listed.invtNo}`).waitFor({ state: 'detached', timeout: 5_000 });
    await page.getByTestId('tab-inspection-count').getByText('1', { exact: true }).waitFor();
    await settledShot(page, 'customs-06-queue-after');

    // Enterprise filing: verify the legal representative's identity and approve.
    await page.getByRole('menuitem', { name: '备案审核' }).click();
    const filingRow = page.getByTestId(`filing-row-${code}`);
    await filingRow.getByTestId('filing-open').click();
    await page.getByTestId('filing-detail').getByText('王五').waitFor();
    await page.getByTestId('filing-decision-submit').click();
    await page.getByText('审核通过前须核验法定代表人身份').waitFor();
    await page.getByTestId('filing-identity').check();
    await settledShot(page, 'customs-07-enterprise-filing', { toasts: true });
    await page.getByTestId('filing-decision-submit').click();
    await page.getByRole('button', { name: '确认通过' }).click();
    await filingRow.waitFor({ state: 'detached' });

    // Product filing: approve it from the review queue.
    await page.getByTestId('tab-product-filings').click();
    const productRow = page.getByTestId(`product-row-${itemNo}`);
    await productRow.getByTestId('product-open').click();
    await page.getByTestId('product-detail').getByText('焦作V血拼网络科技有限公司(演示)').waitFor();
    await settledShot(page, 'customs-08-product-filing');
    await page.getByTestId('product-decision-submit').click();
    await productRow.waitFor({ state: 'detached' });
    const products = (await call(customs, 'GET', '/api/v1/filings/products?status=approved')) as unknown as {
      items: { itemNo: string }[];
    };
    expect(products.items.map((i) => i.itemNo)).toContain(itemNo);

    // The negative list shows the buyer without their ID number.
    await page.getByRole('menuitem', { name: '信用负面清单' }).click();
    await page.getByTestId('negative-table').getByText('赵六').waitFor();
    expect(await page.getByTestId('negative-table').textContent()).not.toContain(idNumber);
    // An officer lists an enterprise: the form validates, then the entry is in the list.
    await page.getByTestId('negative-add').click();
    const form = page.getByTestId('negative-form');
    await form.getByLabel('企业海关编码或统一社会信用代码').fill('4614960003');
    await form.getByLabel('名称 / 姓名').fill('焦作明洞24跨境贸易有限公司(演示)');
    await form.getByLabel('列入原因').fill('伪报贸易方式，被处以行政处罚');
    await settledShot(page, 'customs-09-negative-add');
    await page.getByRole('button', { name: '提 交' }).click();
    await page.getByTestId('negative-table').getByText('4614960003').waitFor();
    await settledShot(page, 'customs-10-negative-list');

    // 代理申报授权 between enterprises: customs reads them, grants nothing.
    await page.getByRole('menuitem', { name: '代理申报授权' }).click();
    await page
      .getByTestId('authorisations-table')
      .getByText('沁阳鹏海报关服务有限公司(演示)')
      .first()
      .waitFor();
    expect(await page.getByTestId('authorisation-grant').count()).toBe(0);
    await settledShot(page, 'customs-10b-authorisations');

    // Summary declarations: forming a month with nothing closed says why.
    await page.getByRole('menuitem', { name: '出口汇总申报' }).click();
    await page.getByTestId('summary-run-submit').click();
    await page.getByRole('button', { name: '立即形成' }).last().click();
    await page.getByTestId('summary-run-result').waitFor();
    await settledShot(page, 'customs-11-summaries');

    // Office settings (customs administrators), then the workbench in English.
    await page.getByRole('menuitem', { name: '关区作业设置' }).click();
    await page.getByTestId('settings-page').getByText('先运抵后放行').first().waitFor();
    await settledShot(page, 'customs-12-settings');
    await page.getByRole('menuitem', { name: '查验与审核' }).click();
    await page.getByTestId('switch-language').click();
    await page.getByText('Inspection and review').waitFor();
    await page
      .getByTestId(`queue-row-${sampled.invtNo}`)
      .getByText('Random sampling', { exact: true })
      .waitFor();
    await settledShot(page, 'customs-13-queue-en');
    await page.getByTestId('switch-language').click();
    await page.close();
  }, 180_000);

  it('met no Content Security Policy violation on any page (securitypolicyviolation events, console errors)', () => {
    expect(cspViolations(browser)).toEqual([]);
  });
});
