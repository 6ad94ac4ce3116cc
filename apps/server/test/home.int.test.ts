import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { THome } from '@crossgate/contract';
import { buildImportParcel } from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import { probeEnterprise, userCaller, type Caller } from './support/access-kit.ts';
import { gatewayFor, parcelSpec, sendImport, type Gateway } from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';

/**
 * The home page's to-do counts (GET /api/v1/home, issue 17): counted over the caller's scope only. Two parcels of
 * the demo enterprises go to inspection (sampling at 100%), the seller files one product: the seller, the agent,
 * customs and the zone office count them; an enterprise that is party to nothing counts nothing and sees no
 * recent parcel, as another tenant probing the API would.
 */
describe.each(ENGINES)('home page to-do counts (%s)', (engine) => {
  let p: Platform;
  let g: Gateway;
  let stranger: Caller;
  const orders: string[] = [];

  const home = async (headers: Record<string, string>) => {
    const res = await p.app.inject({ url: '/api/v1/home', headers });
    expect(res.statusCode, res.body).toBe(200);
    return json<THome>(res);
  };
  const demo = async (username: string) => ({ cookie: await p.login(username) });
  /** The to-do counts by key. */
  const counts = (h: THome) => Object.fromEntries(h.todos.map((t) => [t.key, t.count]));

  beforeAll(async () => {
    p = await startPlatform(engine);
    g = await gatewayFor(p);
    const zone = await demo('zone');
    // Every parcel goes to inspection (500): the zone's rate and every credit level's.
    for (const [method, url, payload] of [
      ['PATCH', '/api/v1/zone', { inspectionSamplingRate: '1' }],
      ['PUT', '/api/v1/credit/sampling-rates', { A: '1', B: '1', C: '1', D: '1' }],
    ] as const) {
      const res = await p.app.inject({ method, url, headers: zone, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    for (let i = 0; i < 2; i++) {
      const spec = parcelSpec();
      orders.push(spec.orderNo);
      for (const res of await sendImport(g, buildImportParcel(spec)))
        expect(res.statusCode, res.body).toBe(200);
    }
    const filed = await p.app.inject({
      method: 'POST',
      url: '/api/v1/filings/products',
      headers: await demo('seller'),
      payload: {
        itemNo: `HOME-${engine}`,
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
    const org = await probeEnterprise(p, 'home-stranger');
    stranger = await userCaller(p, 'stranger clerk', org.id, ['admin', 'operator']);
  });
  afterAll(() => p?.close());

  it('the seller counts its two parcels under inspection and sees them as its recent parcels', async () => {
    const h = await home(await demo('seller'));
    expect(h.audience).toBe('enterprise');
    expect(counts(h)).toEqual({
      importRefused: 0,
      exportRefused: 0,
      importInspection: 2,
      filingToFix: 0,
      productsRejected: 0,
      summariesDue: 0,
    });
    expect(h.recent.map((r) => r.orderNo).sort()).toEqual([...orders].sort());
    expect(h.recent.every((r) => r.direction === 'import' && r.status === '500')).toBe(true);
  });

  it('the declaring agent, named on the inventories, counts them too', async () => {
    expect(counts(await home(await demo('agent'))).importInspection).toBe(2);
  });

  it('customs counts the parcels to inspect and the product filing to review; the zone office the same', async () => {
    const customs = await home(await demo('customs'));
    expect(customs.audience).toBe('customs');
    expect(counts(customs)).toEqual({
      importReview: 2,
      exportWaiting: 0,
      enterpriseFilings: 0,
      productFilings: 1,
      summariesDue: 0,
      negativeList: 0,
    });
    expect(customs.todos.find((t) => t.key === 'productFilings')?.path).toBe('/customs/filings?tab=products');
    const zone = await home(await demo('zone'));
    expect(zone.audience).toBe('zone');
    expect(counts(zone)).toEqual({
      importReview: 2,
      enterpriseFilings: 0,
      productFilings: 1,
      summariesDue: 0,
      negativeList: 0,
    });
  });

  it('an agency without parcel rights counts only what it reads', async () => {
    const commerce = await home(await demo('commerce'));
    expect(commerce.audience).toBe('agency');
    expect(counts(commerce)).toEqual({ summariesDue: 0, negativeList: 0 });
    expect(commerce.recent).toEqual([]);
    const market = await home(await demo('market'));
    expect(counts(market)).toEqual({ enterpriseFilings: 0, productFilings: 1, negativeList: 0 });
  });

  it('an enterprise party to none of it counts nothing and sees no parcel of others', async () => {
    const h = await home(stranger.headers('GET'));
    expect(h.audience).toBe('enterprise');
    expect(counts(h)).toEqual({
      importRefused: 0,
      exportRefused: 0,
      importInspection: 0,
      filingToFix: 0,
      productsRejected: 0,
      summariesDue: 0,
    });
    expect(h.recent).toEqual([]);
  });

  it('refuses an anonymous caller', async () => {
    expect((await p.app.inject({ url: '/api/v1/home' })).statusCode).toBe(401);
  });
});
