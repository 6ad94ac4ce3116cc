import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TBatchDecisionResult, TInventorySearchHit, TPage } from '@crossgate/contract';
import { buildImportParcel } from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import { clearExport, exportSpec } from './support/export-kit.ts';
import {
  buyer,
  gatewayFor,
  importInventoryOf,
  parcelSpec,
  sendImport,
  type Gateway,
} from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';

/**
 * 清单综合查询 and 批量放行 (issue 17): customs finds import and export parcels in one search, whatever their status;
 * an enterprise finds only the parcels it is a party to, by the same search, as another tenant would try; a
 * buyer is found by the ID number only by those who may see personal data; a batch release decides each parcel
 * as the single decision does, each with its own audit row.
 */
describe.each(ENGINES)('inventory search and batch release (%s)', (engine) => {
  let p: Platform;
  let g: Gateway;
  let draws: number[] = [];
  const cookies = new Map<string, string>();
  const as = async (user: string) => {
    if (!cookies.has(user)) cookies.set(user, await p.login(user));
    return cookies.get(user) as string;
  };
  const search = async (user: string, query: string) =>
    p.app.inject({
      method: 'GET',
      url: `/api/v1/search/inventories?${query}`,
      headers: { cookie: await as(user) },
    });

  const released = parcelSpec({ buyer: { ...buyer('410800199001018888'), name: '欧阳娜娜' } });
  const inspected = [parcelSpec(), parcelSpec()];
  const exported = exportSpec();
  const ids = new Map<string, string>();

  beforeAll(async () => {
    p = await startPlatform(engine, {}, { draw: () => draws.shift() ?? 0.999 });
    g = await gatewayFor(p);
    expect((await sendImport(g, buildImportParcel(released))).map((a) => a.statusCode)).toEqual([
      200, 200, 200, 200,
    ]);
    for (const spec of inspected) {
      draws = [0.001];
      await sendImport(g, buildImportParcel(spec));
    }
    draws = [];
    await clearExport(g, exportSpec({ ...exported }));
    for (const spec of [released, ...inspected])
      ids.set(spec.orderNo, (await importInventoryOf(p, spec.orderNo)).id);
  });
  afterAll(() => p?.close());

  it('finds a released import parcel by its order number, with the buyer masked', async () => {
    const res = await search('customs', `no=${released.orderNo}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = json<TPage<TInventorySearchHit>>(res);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      direction: 'import',
      orderNo: released.orderNo,
      logisticsNo: released.logisticsNo,
      copNo: released.copNo,
      ebcCode: '4614960002',
      customsCode: '4614',
      tradeMode: '9610',
      status: '800',
      lane: 'green',
      buyerName: '欧***',
    });
    const stored = await p.database.db
      .selectFrom('inventory_clearance')
      .select('invt_no')
      .where('document_id', '=', ids.get(released.orderNo) as string)
      .executeTakeFirstOrThrow();
    expect(page.items[0]?.invtNo).toBe(stored.invt_no);
    expect(stored.invt_no).not.toBeNull();
  });

  it('finds an export parcel by its waybill number and by its invtNo, and only with direction export or all', async () => {
    const byWaybill = json<TPage<TInventorySearchHit>>(await search('customs', `no=${exported.logisticsNo}`));
    expect(byWaybill.total).toBe(1);
    const hit = byWaybill.items[0] as TInventorySearchHit;
    expect(hit).toMatchObject({
      direction: 'export',
      orderNo: exported.orderNo,
      logisticsNo: exported.logisticsNo,
      ebcCode: '4614960002',
      agentCode: '4614960006',
      customsCode: '4614',
      tradeMode: '9610',
      status: '899',
      lane: null,
      buyerName: null,
    });
    const byInvtNo = json<TPage<TInventorySearchHit>>(await search('customs', `no=${hit.invtNo}`));
    expect(byInvtNo.items.map((i) => i.id)).toEqual([hit.id]);
    expect(
      json<TPage<TInventorySearchHit>>(await search('customs', `no=${exported.orderNo}&direction=export`))
        .total,
    ).toBe(1);
    expect(
      json<TPage<TInventorySearchHit>>(await search('customs', `no=${exported.orderNo}&direction=import`))
        .total,
    ).toBe(0);
    // The export parcel's own page opens for customs.
    const parcel = await p.app.inject({
      method: 'GET',
      url: `/api/v1/export/inventories/${hit.id}`,
      headers: { cookie: await as('customs') },
    });
    expect(parcel.statusCode).toBe(200);
  });

  it('narrows by party, status and lane together', async () => {
    const both = json<TPage<TInventorySearchHit>>(
      await search('customs', `party=4614960002&status=500&lane=inspection&pageSize=200`),
    );
    const found = both.items.map((i) => i.orderNo);
    for (const spec of inspected) expect(found).toContain(spec.orderNo);
    expect(found).not.toContain(released.orderNo);
    expect(both.items.every((i) => i.direction === 'import' && i.status === '500')).toBe(true);
    expect(
      json<TPage<TInventorySearchHit>>(await search('customs', `party=4614960003&no=${released.orderNo}`))
        .total,
    ).toBe(0);
  });

  it('finds the buyer by the ID number for customs; refuses the search by ID to an inspection agency', async () => {
    const byBuyer = json<TPage<TInventorySearchHit>>(
      await search('customs', 'buyerIdNumber=410800199001018888&pageSize=200'),
    );
    expect(byBuyer.items.map((i) => i.orderNo)).toEqual([released.orderNo]);
    const refused = await search('inspection', 'buyerIdNumber=410800199001018888');
    expect(refused.statusCode).toBe(403);
    expect(json(refused).code).toBe('FORBIDDEN');
  });

  it('lets an enterprise find its own parcels and never another’s, and refuses agencies without parcels', async () => {
    const own = json<TPage<TInventorySearchHit>>(await search('seller', `no=${exported.logisticsNo}`));
    expect(own.total).toBe(1);
    // seller2 is no party to these parcels: the numbers find nothing, in either direction.
    for (const no of [released.orderNo, exported.logisticsNo, released.logisticsNo]) {
      const other = await search('seller2', `no=${no}`);
      expect(other.statusCode).toBe(200);
      expect(json<TPage<TInventorySearchHit>>(other).total).toBe(0);
    }
    const all = json<TPage<TInventorySearchHit>>(await search('seller2', 'pageSize=200'));
    expect(all.items.map((i) => i.orderNo)).not.toContain(released.orderNo);
    expect((await search('commerce', `no=${released.orderNo}`)).statusCode).toBe(403);
  });

  it('releases many parcels at once, each audited, and reports the one it could not release', async () => {
    const payload = {
      ids: [...inspected.map((s) => ids.get(s.orderNo)), ids.get(released.orderNo)],
      action: 'release',
      reason: '批量查验无异常',
    };
    const seller = await p.app.inject({
      method: 'POST',
      url: '/api/v1/import/inventories/decisions',
      headers: { cookie: await as('seller') },
      payload,
    });
    expect(seller.statusCode).toBe(403);
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/import/inventories/decisions',
      headers: { cookie: await as('customs') },
      payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    const { results } = json<TBatchDecisionResult>(res);
    expect(results.map((r) => [r.ok, r.status, r.code])).toEqual([
      [true, '800', null],
      [true, '800', null],
      [false, null, 'RULE_VIOLATION'],
    ]);
    for (const spec of inspected) {
      const audit = await p.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('target_id', '=', ids.get(spec.orderNo) as string)
        .where('action', '=', 'customs.release')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.after).toMatchObject({ status: '800', reason: '批量查验无异常' });
    }
    const now = json<TPage<TInventorySearchHit>>(await search('customs', `no=${inspected[0]?.orderNo}`));
    expect(now.items[0]?.status).toBe('800');
  });
});
