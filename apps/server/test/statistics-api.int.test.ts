import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TClearanceTimeResult, TError, TStatsResult } from '@crossgate/contract';
import { buildImportParcel } from '@crossgate/ceb';
import { beijingDate } from '@crossgate/domain';
import { ENGINES } from '../../../test/support/engines.ts';
import { runStatisticsUntilIdle } from '../src/services/statistics/worker.ts';
import { clearExport, exportSpec, PHONE } from './support/export-kit.ts';
import { gatewayFor, MILK, PARTIES, PERFUME, parcelSpec, sendImport, WATER } from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';

/**
 * The statistics query API (issue 20): dimensions, measures, filters, period grain, drill-down, 同比 / 环比, paging,
 * Excel; enterprises see only their own traffic. Expected figures are the traffic sent here, counted by hand.
 */
describe.each(ENGINES)('statistics query API on %s', (engine) => {
  let p: Platform;
  const today = beijingDate(new Date());
  const window = `from=2020-01-01&to=${today}`;
  // Import: seller sends milk ×2 tins and water; seller2 sends perfume. Export: one phone (2 pieces) to the US.
  const milk = parcelSpec({ items: [MILK] });
  const water = parcelSpec({ items: [WATER] });
  const perfume = parcelSpec({ items: [PERFUME], seller: PARTIES.seller2 });
  const phone = exportSpec({ items: [{ ...PHONE, qty: '2', qty1: '2', qty2: '0.4' }] });

  beforeAll(async () => {
    p = await startPlatform(engine);
    const g = await gatewayFor(p);
    for (const s of [milk, water, perfume]) await sendImport(g, buildImportParcel(s));
    await clearExport(g, phone);
    await runStatisticsUntilIdle(p.database.db);
  });
  afterAll(async () => p?.close());

  const get = async (who: string, query: string) =>
    p.app.inject({ url: `/api/v1/statistics/query?${query}`, headers: { cookie: await p.login(who) } });
  const ok = async (who: string, query: string) => {
    const res = await get(who, query);
    expect(res.statusCode, res.body).toBe(200);
    return json<TStatsResult>(res);
  };
  const sumOf = (lines: { totalPrice?: string; price?: string; qty?: string }[]) =>
    lines.reduce((n, l) => n + Number(l.totalPrice ?? Number(l.price) * Number(l.qty)), 0);

  it('the statistics bureau groups by seller: counts and values of each, named', async () => {
    const r = await ok(
      'statistics',
      `${window}&grain=total&dims=seller&measures=inventories,valueCny&direction=import`,
    );
    expect(r.source).toBe('parcels');
    expect(r.ownTrafficOnly).toBe(false);
    expect(r.items.map((i) => [i.keys.seller, i.values.inventories])).toEqual([
      [PARTIES.seller.code, '2'],
      [PARTIES.seller2.code, '1'],
    ]);
    expect(r.items[0]?.labels.seller?.zh).toBe(PARTIES.seller.name);
    expect(r.totals.inventories).toBe('3');
    // Values are the declared line totals (CNY lines): milk + water for the seller, perfume for seller2.
    expect(Number(r.items[1]?.values.valueCny)).toBeCloseTo(sumOf([PERFUME]), 2);
    expect(Number(r.items[0]?.values.valueCny)).toBeCloseTo(sumOf([MILK]) + sumOf([WATER]), 2);
    expect(r.pendingEvents).toBe(0);
  });

  it('groups by month and trade mode, both directions', async () => {
    const r = await ok('zone', `${window}&grain=month&dims=direction,tradeMode&measures=inventories,parcels`);
    const month = today.slice(0, 7);
    expect(r.items.map((i) => [i.period, i.keys.direction, i.keys.tradeMode, i.values.inventories])).toEqual([
      [month, 'import', '9610', '3'],
      [month, 'export', '9610', '1'],
    ]);
    expect(r.items[0]?.labels.direction).toEqual({ zh: '进口', en: 'Import' });
  });

  it('drills down from HS section to chapter to heading; each level adds up to its parent', async () => {
    const sections = await ok('customs', `${window}&grain=total&dims=hsSection&measures=lines,valueCny`);
    expect(sections.source).toBe('goods');
    const top = sections.items[0];
    expect(top).toBeDefined();
    const chapters = await ok(
      'customs',
      `${window}&grain=total&dims=hsChapter&measures=lines,valueCny&hsSection=${top?.keys.hsSection}`,
    );
    const add = (rows: TStatsResult['items'], m: string) => rows.reduce((n, i) => n + Number(i.values[m]), 0);
    expect(add(chapters.items, 'valueCny')).toBeCloseTo(Number(top?.values.valueCny), 2);
    expect(add(chapters.items, 'lines')).toBe(Number(top?.values.lines));
    const chapter = chapters.items[0]?.keys.hsChapter as string;
    const headings = await ok(
      'customs',
      `${window}&grain=total&dims=hsHeading&measures=lines&hsChapter=${chapter}`,
    );
    expect(headings.items.every((i) => i.keys.hsHeading?.startsWith(chapter))).toBe(true);
    expect(add(headings.items, 'lines')).toBe(Number(chapters.items[0]?.values.lines));
  });

  it('goods classes: milk powder is 母婴用品, the phone 数码电子', async () => {
    const r = await ok('commerce', `${window}&grain=total&dims=goodsClass,direction&measures=lines`);
    const classes = r.items.map((i) => [i.keys.direction, i.labels.goodsClass?.zh]);
    expect(classes).toContainEqual(['export', '数码电子']);
    expect(r.items.every((i) => i.labels.goodsClass?.zh)).toBe(true);
  });

  it('compares with the year before (同比) and the month before (环比): no traffic then, so no change ratio', async () => {
    const r = await ok('statistics', `${window}&grain=year&measures=inventories&compare=yoy`);
    expect(r.compareTotals).toEqual({ inventories: '0' });
    expect(r.items[0]?.compare).toEqual({ inventories: '0' });
    expect(r.items[0]?.change).toEqual({ inventories: null });
    const m = await ok(
      'statistics',
      `from=${today.slice(0, 8)}01&to=${today}&grain=month&measures=inventories&compare=mom`,
    );
    expect(m.compareFrom?.slice(0, 7)).not.toBe(today.slice(0, 7));
    expect(m.totals.inventories).toBe('4');
  });

  it('pages the groups', async () => {
    const r = await ok('zone', `${window}&grain=total&dims=seller&measures=inventories&pageSize=1&page=2`);
    expect(r.total).toBe(2);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]?.keys.seller).toBe(PARTIES.seller2.code);
  });

  it('an enterprise sees only its own traffic: another seller’s figures never appear', async () => {
    const r = await ok(
      'seller2',
      `${window}&grain=total&dims=seller,direction&measures=inventories,valueCny`,
    );
    expect(r.ownTrafficOnly).toBe(true);
    expect(r.items.map((i) => [i.keys.seller, i.values.inventories])).toEqual([[PARTIES.seller2.code, '1']]);
    expect(r.totals.inventories).toBe('1');
    const all = await get(
      'seller2',
      `${window}&grain=total&dims=seller&measures=inventories&seller=${PARTIES.seller.code}`,
    );
    expect(json<TStatsResult>(all).items).toEqual([]);
    expect(all.body).not.toContain(PARTIES.seller.name);
    // The declaring agent declared all four parcels.
    expect((await ok('agent', `${window}&grain=total&measures=inventories`)).totals.inventories).toBe('4');
  });

  it('refuses roles the policy keeps out, and goods dimensions with per-inventory measures', async () => {
    for (const who of ['inspection', 'tax', 'bank']) expect((await get(who, window)).statusCode).toBe(403);
    const bad = await get('zone', `${window}&dims=hsChapter&measures=inventories`);
    expect(bad.statusCode).toBe(400);
    expect(json<TError>(bad).code).toBe('VALIDATION_FAILED');
    expect((await get('zone', `from=${today}&to=2020-01-01`)).statusCode).toBe(400);
  });

  it('downloads the query as Excel; read back, it holds the same rows', async () => {
    const res = await p.app.inject({
      url: `/api/v1/statistics/query.xlsx?${window}&grain=total&dims=seller&measures=inventories,valueCny&direction=import&compare=yoy`,
      headers: { cookie: await p.login('statistics') },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const values: string[][] = [];
    ws.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const header = values.findIndex((r) => r.includes('电商企业 Seller'));
    expect(header).toBeGreaterThanOrEqual(0);
    expect(values[header]).toEqual([
      '电商企业 Seller',
      '清单票数 Inventories',
      '货值(人民币元) Value (CNY)',
      '清单票数 Inventories 同期 YoY base',
      '清单票数 Inventories 同比% YoY %',
      '货值(人民币元) Value (CNY) 同期 YoY base',
      '货值(人民币元) Value (CNY) 同比% YoY %',
    ]);
    expect(values[header + 1]?.slice(0, 2)).toEqual([`${PARTIES.seller.code} ${PARTIES.seller.name}`, '2']);
    expect(values[header + 2]?.slice(0, 2)).toEqual([`${PARTIES.seller2.code} ${PARTIES.seller2.name}`, '1']);
  });

  it('clearance time per stage: median and P90 by month, direction, mode and office; departure only for export', async () => {
    const res = await p.app.inject({
      url: `/api/v1/statistics/clearance-time?from=${today.slice(0, 8)}01&to=${today}`,
      headers: { cookie: await p.login('customs') },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = json<TClearanceTimeResult>(res);
    expect(r.items.map((i) => [i.month, i.direction, i.tradeMode, i.customsCode, i.inventories])).toEqual([
      [today.slice(0, 7), 'export', '9610', '4614', 1],
      [today.slice(0, 7), 'import', '9610', '4614', 3],
    ]);
    const [exp, imp] = r.items;
    expect(imp?.stages.declaredToReleased.n).toBe(3);
    expect(imp?.stages.releasedToDeparted).toEqual({ n: 0, median: null, p90: null });
    expect(exp?.stages.releasedToDeparted.n).toBe(1);
    for (const i of r.items)
      for (const f of Object.values(i.stages))
        if (f.n > 0) expect(f.p90 as number).toBeGreaterThanOrEqual(f.median as number);
    const own = await p.app.inject({
      url: `/api/v1/statistics/clearance-time?from=${today.slice(0, 8)}01&to=${today}`,
      headers: { cookie: await p.login('seller2') },
    });
    expect(json<TClearanceTimeResult>(own).items.map((i) => i.inventories)).toEqual([1]);
  });

  it('the OpenAPI document describes the statistics routes', async () => {
    const res = await p.app.inject({ url: '/docs/json' });
    if (res.statusCode === 404) return; // served elsewhere
    expect(res.body).toContain('/statistics/query');
  });
});
