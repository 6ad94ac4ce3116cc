import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDashboard } from '@crossgate/contract';
import type { ExportParcelSpec } from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import { clearExport, exportSpec } from './support/export-kit.ts';
import { gatewayFor, type Gateway } from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';

const HOUR = 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The zone's statistics value a foreign-currency parcel at the customs rate of its month
 * (《中华人民共和国海关进出口货物征税管理办法》第十三条, 2024; 第十六条 of the 2005 version, 海关总署令第124号:
 * the rate used in a month is the central parity of the previous month's third Wednesday — one rate per
 * month, entered in `exchange_rates`). A parcel whose currency has no
 * rate for its month is left out of the value, counted and named (currency, month) — never valued at 0.00
 * (decision 0030). Oracles: the simulator's phone is 1 × 180.00 in the parcel's currency.
 */
describe.each(ENGINES)('export statistics in CNY on %s', (engine) => {
  let p: Platform;
  let g: Gateway;
  let cny: ExportParcelSpec;
  let usd: ExportParcelSpec;
  // This month and the last, China time (UTC+8), as the rates are entered: first and last day.
  const cn = new Date(Date.now() + 8 * HOUR);
  const y = cn.getUTCFullYear();
  const m = cn.getUTCMonth();
  const month = `${y}-${pad(m + 1)}`;
  const lastDay = (yy: number, mm: number) => new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  const prev = m === 0 ? { y: y - 1, m: 11 } : { y, m: m - 1 };
  const prevMonth = `${prev.y}-${pad(prev.m + 1)}`;

  beforeAll(async () => {
    p = await startPlatform(engine);
    g = await gatewayFor(p);
    cny = exportSpec();
    usd = exportSpec({ currency: '502' });
    for (const spec of [cny, usd])
      for (const res of await clearExport(g, spec)) expect(res.statusCode, res.body).toBe(200);
    // The USD parcel was received half an hour into this month, China time: still last month in UTC, so only
    // a China-time day picks this month's rate.
    const receivedAt = new Date(Date.UTC(y, m, 1) - 8 * HOUR + HOUR / 2);
    if (receivedAt.getTime() < Date.now())
      await p.database.db
        .updateTable('export_documents')
        .set({ created_at: receivedAt })
        .where('doc_type', '=', 'inventory')
        .where('order_no', '=', usd.orderNo)
        .execute();
  });
  afterAll(async () => p?.close());

  const dashboard = async () => {
    const res = await p.app.inject({ url: '/api/v1/dashboard', headers: { cookie: await p.login('zone') } });
    expect(res.statusCode, res.body).toBe(200);
    return json<TDashboard>(res);
  };
  const addRate = (from: string, to: string, cnyPerUnit: string) =>
    p.database.db
      .insertInto('exchange_rates')
      .values({ currency: '502', valid_from: from, valid_to: to, cny_per_unit: cnyPerUnit, source: 'test' })
      .execute();

  it('leaves a USD parcel without a rate for its month out of the value, counted and named, not 0.00', async () => {
    // Last month's rate is no rate for this month's parcel.
    await addRate(`${prevMonth}-01`, `${prevMonth}-${lastDay(prev.y, prev.m)}`, '7.0000');
    const d = await dashboard();
    expect(d.exportModes[0]).toMatchObject({
      tradeMode: '9610',
      released: 2,
      valueCny: '180.00',
      unconverted: 1,
    });
    expect(d.year).toMatchObject({
      exportValueCny: '180.00',
      exportUnconverted: 1,
      importUnconverted: 0,
      missingRates: [{ direction: 'export', currency: '502', month, parcels: 1 }],
    });
    const trade = d.targets.find((t) => t.code === 'cbec-trade-annual');
    expect(trade?.basisZh).toContain(`不完整：1票因缺少当月海关汇率未计入（502 ${month}）`);
    expect(trade?.basisEn).toContain(`incomplete: 1 left out`);
  });

  it("values a USD parcel at the month's customs rate × its value once the rate is recorded", async () => {
    await addRate(`${month}-01`, `${month}-${lastDay(y, m)}`, '7.1234');
    const d = await dashboard();
    // 180.00 CNY + 180.00 USD × 7.1234 = 180.00 + 1282.21 (1282.212 rounded to the fen)
    expect(d.exportModes[0]).toMatchObject({ released: 2, valueCny: '1462.21', unconverted: 0 });
    expect(d.year).toMatchObject({ exportValueCny: '1462.21', exportUnconverted: 0, missingRates: [] });
    const trade = d.targets.find((t) => t.code === 'cbec-trade-annual');
    expect(trade?.basisZh).not.toContain('不完整');
  });
});
