import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDashboard, TError, TPublicParcelStatus } from '@crossgate/contract';
import { buildExportParcel, buildImportParcel, type ExportParcelSpec, type ParcelSpec } from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import { clearExport, exportSpec, sendExport } from './support/export-kit.ts';
import {
  gatewayFor,
  MILK,
  PARTIES,
  PERFUME,
  parcelSpec,
  sendImport,
  type Gateway,
} from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';

describe.each(ENGINES)('zone dashboard and public parcel status on %s', (engine) => {
  let p: Platform;
  let g: Gateway;
  const imports: ParcelSpec[] = [];
  const exports: ExportParcelSpec[] = [];

  const expectAccepted = (answers: { statusCode: number; body: string }[]) => {
    for (const res of answers) expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    p = await startPlatform(engine);
    g = await gatewayFor(p);
    // Three import parcels (two of milk from one origin, one of perfume), released on the green lane.
    imports.push(parcelSpec(), parcelSpec(), parcelSpec({ items: [PERFUME], seller: PARTIES.seller2 }));
    for (const s of imports) expectAccepted(await sendImport(g, buildImportParcel(s)));
    // Two export parcels: one to the US taken to 899 结关, one to Japan waiting for arrival (400).
    exports.push(exportSpec(), exportSpec({ country: '116' }));
    expectAccepted(await clearExport(g, exports[0] as ExportParcelSpec));
    expectAccepted(await sendExport(g, buildExportParcel(exports[1] as ExportParcelSpec)));
  });
  afterAll(async () => p?.close());

  const dashboard = async (who: string) =>
    p.app.inject({ url: '/api/v1/dashboard', headers: { cookie: await p.login(who) } });

  it('gives the zone office the zone at a glance, computed from the traffic', async () => {
    const res = await dashboard('zone');
    expect(res.statusCode, res.body).toBe(200);
    const d = json<TDashboard>(res);
    expect(d.zone.nameZh).toContain('焦作');

    // Throughput: 60 points a minute apart; the parcels just sent are in it (4 messages each, plus marks).
    expect(d.throughput).toHaveLength(60);
    const minutes = d.throughput.map((t) => Date.parse(t.minute));
    expect(minutes.slice(1).map((m, i) => m - (minutes[i] as number))).toEqual(Array(59).fill(60_000));
    const sum = (k: 'messages' | 'decisions' | 'released') => d.throughput.reduce((n, t) => n + t[k], 0);
    expect(sum('messages')).toBeGreaterThanOrEqual(3 * 4 + 2 * 4 + 2);
    // Import: three releases (800); export: one 800 then 899, and 400 is no decision.
    expect(sum('released')).toBe(4);
    expect(sum('decisions')).toBe(5);

    // Modes: every mode of the zone listed, the traffic under 9610.
    expect(d.importModes.map((m) => m.tradeMode)).toEqual(['9610', '1210']);
    expect(d.exportModes.map((m) => m.tradeMode)).toEqual(['9610', '1210', '9710', '9810']);
    const imp = d.importModes[0];
    expect(imp).toMatchObject({ declared: 3, released: 3, unconverted: 0 });
    expect(Number(imp?.valueCny)).toBeGreaterThan(0);
    expect(d.importModes[1]).toMatchObject({ declared: 0, released: 0, valueCny: '0.00' });
    expect(d.exportModes[0]).toMatchObject({ declared: 2, released: 1 });
    expect(d.exportModes[0]?.valueCny).toMatch(/^\d+\.\d{2}$/);

    // Countries: origins from the inventory lines, destinations from the export inventory head, with names.
    const milkOrigin = d.topOrigins.find((c) => c.code === MILK.country);
    expect(milkOrigin?.parcels).toBe(2);
    expect(milkOrigin?.nameZh).not.toBe(MILK.country);
    expect(d.topOrigins.find((c) => c.code === PERFUME.country)?.parcels).toBeGreaterThanOrEqual(1);
    expect(d.topDestinations).toEqual([
      expect.objectContaining({ code: '116', nameZh: '日本', parcels: 1 }),
      expect.objectContaining({ code: '502', nameZh: '美国', parcels: 1 }),
    ]);

    // Parks: every park with its enterprises; the demo has 8 enterprises, one outside the parks.
    expect(d.parks.map((x) => x.code)).toEqual([
      'macun-tonggang',
      'mengzhou-dezhong',
      'qinyang-penghai',
      'zhongzhan-logistics',
      null,
    ]);
    expect(d.parks.find((x) => x.code === 'mengzhou-dezhong')?.enterprises).toBe(3);
    expect(d.parks.reduce((n, x) => n + x.enterprises, 0)).toBe(d.today.enterprises);

    // Targets: measured where the platform has the figure, honest where it has not.
    const target = (code: string) => d.targets.find((t) => t.code === code);
    expect(d.targets).toHaveLength(6);
    const trade = target('cbec-trade-annual');
    expect(trade).toMatchObject({ measured: true });
    expect(Number(trade?.current)).toBeCloseTo(
      Number(d.year.importValueCny) + Number(d.year.exportValueCny),
      2,
    );
    expect(trade?.percent).toBeGreaterThanOrEqual(0);
    expect(target('public-overseas-warehouses')).toMatchObject({ measured: true, current: '0' });
    expect(target('key-enterprises')).toMatchObject({ measured: false, current: null, percent: null });
    expect(target('key-enterprises')?.basisZh).toContain('暂无数据来源');

    // Clearance times of the releases: median ≤ P90, both small (cleared on arrival of the last document).
    expect(d.clearance.import.released).toBe(3);
    expect(d.clearance.import.medianSeconds).not.toBeNull();
    expect(d.clearance.import.medianSeconds as number).toBeLessThanOrEqual(
      d.clearance.import.p90Seconds as number,
    );
    expect(d.clearance.export.released).toBe(1);

    // Today.
    expect(d.today).toMatchObject({
      importDeclared: 3,
      importReleased: 3,
      exportDeclared: 2,
      exportReleased: 1,
    });
    expect(d.today.messages).toBe(sum('messages'));
  });

  it('shows the dashboard to agencies and refuses enterprises and the signed-out', async () => {
    for (const who of ['customs', 'statistics', 'commerce'])
      expect((await dashboard(who)).statusCode, who).toBe(200);
    const refused = await dashboard('seller');
    expect(refused.statusCode).toBe(403);
    expect(json<TError>(refused).code).toBe('FORBIDDEN');
    expect((await p.app.inject({ url: '/api/v1/dashboard' })).statusCode).toBe(401);
  });

  it('tells the public a parcel’s clearance status by waybill number, without personal data', async () => {
    const spec = imports[0] as ParcelSpec;
    const res = await p.app.inject({ url: `/api/v1/public/parcels?logisticsNo=${spec.logisticsNo}` });
    expect(res.statusCode, res.body).toBe(200);
    const found = json<TPublicParcelStatus>(res);
    expect(found.parcels).toHaveLength(1);
    const parcel = found.parcels[0];
    expect(parcel).toMatchObject({
      direction: 'import',
      tradeMode: '9610',
      status: '800',
      statusZh: '放行',
      customsZh: expect.any(String),
    });
    expect(parcel?.releasedAt).not.toBeNull();
    expect(parcel?.timeline.map((e) => e.status)).toEqual(expect.arrayContaining(['120', '800']));
    expect(parcel?.timeline.at(-1)?.statusZh).toBe('放行');
    // Nothing about the buyer, the parties or the goods.
    for (const secret of [
      spec.buyer.name,
      spec.buyer.idNumber,
      spec.buyer.telephone,
      spec.buyer.address,
      spec.orderNo,
      PARTIES.seller.name,
      PARTIES.seller.code,
      MILK.price,
    ])
      expect(res.body).not.toContain(secret);

    const exported = json<TPublicParcelStatus>(
      await p.app.inject({
        url: `/api/v1/public/parcels?logisticsNo=${(exports[0] as ExportParcelSpec).logisticsNo}`,
      }),
    );
    expect(exported.parcels[0]).toMatchObject({ direction: 'export', status: '899', statusZh: '结关' });
    expect(exported.parcels[0]?.timeline.map((e) => e.status)).toEqual(
      expect.arrayContaining(['400', '800', '899']),
    );
    const waiting = json<TPublicParcelStatus>(
      await p.app.inject({
        url: `/api/v1/public/parcels?logisticsNo=${(exports[1] as ExportParcelSpec).logisticsNo}`,
        headers: { 'accept-language': 'en' },
      }),
    );
    expect(waiting.parcels[0]).toMatchObject({ status: '400', statusZh: '待运抵' });
  });

  it('answers an unknown waybill number with 404 and the reason, and a malformed one with 400', async () => {
    const unknown = await p.app.inject({ url: '/api/v1/public/parcels?logisticsNo=NOSUCH0000001' });
    expect(unknown.statusCode).toBe(404);
    expect(json<TError>(unknown).details[0]).toMatchObject({
      field: 'logisticsNo',
      rule: expect.stringContaining('未找到该运单号'),
    });
    const bad = await p.app.inject({ url: '/api/v1/public/parcels?logisticsNo=%3Cscript%3E' });
    expect(bad.statusCode).toBe(400);
    expect(json<TError>(bad).code).toBe('VALIDATION_FAILED');
  });
});
