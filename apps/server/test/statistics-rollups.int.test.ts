import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from '@crossgate/db';
import {
  buildExportCancel,
  buildExportParcel,
  buildExportReturn,
  buildImportParcel,
  buildRefund,
  buildReturnTally,
  buildCancel,
  returnLinesOf,
  type ExportParcelSpec,
  type ParcelSpec,
} from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import { runStatisticsBatch, runStatisticsUntilIdle } from '../src/services/statistics/worker.ts';
import { clearExport, DRYER, exportSpec, LAPTOP, PHONE, sendExport } from './support/export-kit.ts';
import {
  gatewayFor,
  MILK,
  PARTIES,
  PERFUME,
  parcelSpec,
  sendImport,
  statuses,
  WATER,
  type Gateway,
} from './support/import-kit.ts';
import { startPlatform, type Platform } from './support/platform.ts';

/**
 * Statistics rollups (issue 20, decision 0048): the worker consumes the clearance events with a durable cursor
 * and keeps the rollups; aborted anywhere and rerun it neither loses nor double-counts; and for random periods
 * and dimensions the rollups' totals equal the totals recomputed here from the raw declaration lists, returns
 * and cancels included. The recomputation below is the test's own SQL over the clearance tables, written from
 * the rule in docs/statistics.md, not the product's code.
 */

interface Totals {
  inventories: number;
  lines: number;
  parcels: number;
  value_cny: string;
  value_usd: string;
  tax: string;
  gross_weight: string;
}

/** Days ago (Beijing) to which the test moves each released inventory, to give the rollups a history. */
const SHIFTS = [0, 1, 2, 3, 31, 32, 95, 370];

describe.each(ENGINES)('statistics rollups on %s', (engine) => {
  let p: Platform;
  let g: Gateway;
  let draws: number[] = [];
  const db = () => p.database.db;

  const invtNoOf = async (table: 'import' | 'export', orderNo: string) => {
    const r =
      table === 'import'
        ? await sql<{
            invt_no: string;
          }>`SELECT c.invt_no FROM inventory_clearance c JOIN import_documents d ON d.id = c.document_id WHERE d.order_no = ${orderNo}`.execute(
            db(),
          )
        : await sql<{
            invt_no: string;
          }>`SELECT x.invt_no FROM export_inventories x JOIN export_documents d ON d.id = x.document_id WHERE d.order_no = ${orderNo} AND d.doc_type = 'inventory'`.execute(
            db(),
          );
    return r.rows[0]?.invt_no as string;
  };

  beforeAll(async () => {
    p = await startPlatform(engine, {}, { draw: () => draws.shift() ?? 0.999 });
    g = await gatewayFor(p);
    // A USD customs rate for the months of the traffic (CNY per USD), so USD values exist.
    await sql`INSERT INTO exchange_rates (currency, valid_from, valid_to, cny_per_unit, source)
              VALUES ('502', '2020-01-01', NULL, 7.1000, 'test')`.execute(db());
    // Import: 9 released parcels of three goods and two sellers, one inspected and cancelled, one half returned.
    const goods = [[MILK], [WATER], [PERFUME], [MILK, WATER]];
    const imports: ParcelSpec[] = [];
    for (let i = 0; i < 9; i++)
      imports.push(
        parcelSpec({
          items: goods[i % goods.length] ?? [MILK],
          seller: i % 3 === 0 ? PARTIES.seller2 : PARTIES.seller,
        }),
      );
    for (const s of imports) await sendImport(g, buildImportParcel(s));
    draws = [0.001];
    const inspected = parcelSpec();
    await sendImport(g, buildImportParcel(inspected));
    expect(
      statuses(
        (await g.post('agent', buildCancel(inspected, await invtNoOf('import', inspected.orderNo), '取消')))
          .body,
      ),
    ).toEqual(['2']);
    const returned = imports[0] as ParcelSpec; // MILK × 2: one comes back
    const refund = buildRefund(
      returned,
      await invtNoOf('import', returned.orderNo),
      [{ gnum: '1', gcode: MILK.gcode, gname: MILK.gname, qty: '1', unit: MILK.unit }],
      '质量问题',
    );
    expect(statuses((await g.post('agent', refund)).body)).toEqual(['2']);

    // Export: 6 closed parcels of three goods to three countries, one returned in part, one cancelled.
    const exports: ExportParcelSpec[] = [];
    const items = [PHONE, LAPTOP, DRYER];
    const countries = ['502', '116', '303'];
    for (let i = 0; i < 6; i++)
      exports.push(
        exportSpec({
          items: [{ ...(items[i % 3] ?? PHONE), qty: '2', qty1: '2', qty2: '0.4' }],
          country: countries[i % 3] ?? '502',
        }),
      );
    for (const s of exports) await clearExport(g, s);
    const back = exports[0] as ExportParcelSpec;
    const coElNo = `RT${randomBytes(5).toString('hex')}`;
    const lines = returnLinesOf(back).map((l) => ({ ...l, qty: '1', qty1: '1' }));
    const backNo = await invtNoOf('export', back.orderNo);
    expect(
      statuses(
        (await g.post('agent', buildExportReturn(back, { invtNo: backNo, lines, reason: '退货', coElNo })))
          .body,
      )[0],
    ).toBe('2');
    expect(
      statuses(
        (
          await g.post(
            'warehouse',
            buildReturnTally(back, { operator: PARTIES.warehouse, invtNo: backNo, coElNo }),
          )
        ).body,
      )[0],
    ).toBe('2');
    const gone = exportSpec();
    await sendExport(g, buildExportParcel(gone)); // waits for arrival (400)
    expect(
      statuses(
        (await g.post('agent', buildExportCancel(gone, await invtNoOf('export', gone.orderNo), '取消'))).body,
      )[0],
    ).toBe('2');

    // History: move releases back by a few days, months and a year (the worker has not run yet).
    const ids = await sql<{ id: string; d: string }>`
      SELECT document_id AS id, 'i' AS d FROM inventory_clearance WHERE released_at IS NOT NULL
      UNION ALL SELECT document_id, 'e' FROM export_inventories WHERE released_at IS NOT NULL ORDER BY 1`.execute(
      db(),
    );
    for (const [i, r] of ids.rows.entries()) {
      const days = SHIFTS[i % SHIFTS.length] ?? 0;
      if (r.d === 'i')
        await sql`UPDATE inventory_clearance SET released_at = released_at - ${days} * interval '1 day' WHERE document_id = ${r.id}`.execute(
          db(),
        );
      else
        await sql`UPDATE export_inventories SET released_at = released_at - ${days} * interval '1 day' WHERE document_id = ${r.id}`.execute(
          db(),
        );
    }
  });
  afterAll(async () => p?.close());

  /** Recomputed from the raw lists: released, not cancelled; each line's share not returned; tax from the bill. */
  const rawLines = sql`
    SELECT 'import' AS direction, c.trade_mode, '' AS statistics_flag, d.body->>'country' AS country,
      c.customs_code, d.ebc_code, l->>'gcode' AS gcode, (l->>'qty')::numeric AS qty,
      COALESCE((SELECT sum(r.qty) FROM return_lines r WHERE r.direction = 'import' AND r.inventory_id = d.id
                AND r.gnum = (l->>'gnum')::int), 0) AS returned,
      (l->>'totalPrice')::numeric AS price,
      COALESCE((SELECT (t->>'customsTax')::numeric + (t->>'valueAddedTax')::numeric + (t->>'consumptionTax')::numeric
                FROM tax_bills b, jsonb_array_elements(b.lines) t
                WHERE b.document_id = d.id AND b.status <> '3' AND t->>'gnum' = l->>'gnum'), 0) AS tax,
      d.id, (d.body->>'packNo')::int AS pack_no, (d.body->>'grossWeight')::numeric AS gross_weight,
      ((c.released_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS day
    FROM inventory_clearance c JOIN import_documents d ON d.id = c.document_id,
      jsonb_array_elements(d.body->'lines') l
    WHERE c.released_at IS NOT NULL AND c.cancelled_at IS NULL
    UNION ALL
    SELECT 'export', x.trade_mode, x.statistics_flag, d.body->>'country', x.customs_code, x.ebc_code,
      l->>'gcode', (l->>'qty')::numeric, COALESCE((x.returned_qty->>(l->>'gnum'))::numeric, 0),
      (l->>'totalPrice')::numeric, 0, d.id, (d.body->>'packNo')::int, (d.body->>'grossWeight')::numeric,
      ((x.released_at AT TIME ZONE 'UTC') + interval '8 hours')::date
    FROM export_inventories x JOIN export_documents d ON d.id = x.document_id,
      jsonb_array_elements(d.body->'lines') l
    WHERE x.released_at IS NOT NULL AND x.cancelled_at IS NULL`;

  interface Filter {
    from: string;
    to: string;
    direction?: string | undefined;
    trade_mode?: string | undefined;
    country?: string | undefined;
    ebc_code?: string | undefined;
    chapter?: string | undefined;
  }
  const where = (f: Filter, goods: boolean) =>
    sql.join(
      [
        sql`day BETWEEN ${f.from}::date AND ${f.to}::date`,
        ...(f.direction ? [sql`direction = ${f.direction}`] : []),
        ...(f.trade_mode ? [sql`trade_mode = ${f.trade_mode}`] : []),
        ...(f.country && !goods ? [sql`country = ${f.country}`] : []),
        ...(f.ebc_code ? [sql`ebc_code = ${f.ebc_code}`] : []),
        ...(f.chapter && goods
          ? [sql`${sql.ref(goods ? 'hs_heading' : 'gcode')} LIKE ${`${f.chapter}%`}`]
          : []),
      ],
      sql` AND `,
    );

  const fromRollups = async (f: Filter): Promise<Totals> => {
    const r = await sql<Totals>`
      SELECT COALESCE(sum(inventories), 0)::int AS inventories, COALESCE(sum(lines), 0)::int AS lines,
        COALESCE(sum(parcels), 0)::int AS parcels, COALESCE(sum(value_cny), 0)::numeric(24,2)::text AS value_cny,
        COALESCE(sum(value_usd), 0)::numeric(24,2)::text AS value_usd, COALESCE(sum(tax), 0)::numeric(24,2)::text AS tax,
        COALESCE(sum(gross_weight), 0)::numeric(24,5)::text AS gross_weight
      FROM stats_parcels_daily WHERE ${where(f, false)}`.execute(db());
    return r.rows[0] as Totals;
  };
  const fromRaw = async (f: Filter): Promise<Totals> => {
    const r = await sql<Totals>`
      WITH l AS (${rawLines}),
      kept AS (SELECT *, CASE WHEN qty > 0 THEN (qty - returned) / qty ELSE 1 END AS share FROM l
               WHERE qty = 0 OR qty - returned > 0),
      inv AS (SELECT DISTINCT id, pack_no, gross_weight FROM kept WHERE ${where(f, false)})
      SELECT (SELECT count(*) FROM inv)::int AS inventories,
        (SELECT count(*) FROM kept WHERE ${where(f, false)})::int AS lines,
        (SELECT COALESCE(sum(pack_no), 0) FROM inv)::int AS parcels,
        (SELECT COALESCE(sum(round(price * share, 2)), 0) FROM kept WHERE ${where(f, false)})::numeric(24,2)::text AS value_cny,
        (SELECT COALESCE(sum(round(price * share / 7.1, 2)), 0) FROM kept WHERE ${where(f, false)})::numeric(24,2)::text AS value_usd,
        (SELECT COALESCE(sum(round(tax * share, 2)), 0) FROM kept WHERE ${where(f, false)})::numeric(24,2)::text AS tax,
        (SELECT COALESCE(sum(gross_weight), 0) FROM inv)::numeric(24,5)::text AS gross_weight`.execute(db());
    return r.rows[0] as Totals;
  };
  const goodsFromRollups = async (f: Filter) =>
    (
      await sql<{ lines: number; value_cny: string }>`
        SELECT COALESCE(sum(lines), 0)::int AS lines, COALESCE(sum(value_cny), 0)::numeric(24,2)::text AS value_cny
        FROM stats_goods_daily WHERE ${where(f, true)}`.execute(db())
    ).rows[0];
  const goodsFromRaw = async (f: Filter) =>
    (
      await sql<{ lines: number; value_cny: string }>`
        WITH l AS (${rawLines}),
        kept AS (SELECT *, left(gcode, 4) AS hs_heading, CASE WHEN qty > 0 THEN (qty - returned) / qty ELSE 1 END AS share
                 FROM l WHERE qty = 0 OR qty - returned > 0)
        SELECT count(*)::int AS lines, COALESCE(sum(round(price * share, 2)), 0)::numeric(24,2)::text AS value_cny
        FROM kept WHERE ${where(f, true)}`.execute(db())
    ).rows[0];

  const everything: Filter = { from: '2000-01-01', to: '2100-01-01' };
  const cursor = async () =>
    (await sql<{ id: string }>`SELECT id::text AS id FROM stats_cursors WHERE name = 'rollups'`.execute(db()))
      .rows[0]?.id ?? null;

  it('a batch aborted at any step leaves no trace; the rerun counts every event exactly once', async () => {
    for (const stage of ['events', 'rollups', 'counted', 'cursor'] as const) {
      await expect(
        runStatisticsBatch(db(), {
          batchSize: 7,
          step: (s) => {
            if (s === stage) throw new Error(`killed at ${s}`);
          },
        }),
      ).rejects.toThrow(`killed at ${stage}`);
      expect(await cursor()).toBeNull();
      expect(await fromRollups(everything)).toMatchObject({ inventories: 0, lines: 0, value_cny: '0.00' });
    }
    // Three batches commit, the fourth dies after writing its rollups, then the worker runs to the end.
    await runStatisticsBatch(db(), { batchSize: 7 });
    await runStatisticsBatch(db(), { batchSize: 7 });
    await runStatisticsBatch(db(), { batchSize: 7 });
    const before = await cursor();
    await expect(
      runStatisticsBatch(db(), {
        batchSize: 7,
        step: (s) => {
          if (s === 'counted') throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(await cursor()).toBe(before);
    await runStatisticsUntilIdle(db(), { batchSize: 7 });
    const totals = await fromRollups(everything);
    expect(totals).toEqual(await fromRaw(everything));
    for (const k of ['value_cny', 'value_usd', 'tax', 'gross_weight'] as const)
      expect(Number(totals[k])).toBeGreaterThan(0);
    // By hand: 9 released import parcels (+ none of the cancelled one), 6 closed export parcels.
    expect((await fromRollups({ ...everything, direction: 'import' })).inventories).toBe(9);
    expect((await fromRollups({ ...everything, direction: 'export' })).inventories).toBe(6);
  });

  it('rerunning every event again (a lost cursor) changes nothing', async () => {
    const before = await fromRollups(everything);
    await sql`DELETE FROM stats_cursors`.execute(db());
    await runStatisticsUntilIdle(db(), { batchSize: 50 });
    expect(await fromRollups(everything)).toEqual(before);
  });

  it('rollup totals equal totals recomputed from the raw lists for random periods and dimensions', async () => {
    const day = (ago: number) => {
      const d = new Date(Date.now() + 8 * 3_600_000 - ago * 86_400_000);
      return d.toISOString().slice(0, 10);
    };
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          a: fc.integer({ min: 0, max: 400 }),
          b: fc.integer({ min: 0, max: 400 }),
          direction: fc.constantFrom(undefined, 'import', 'export'),
          trade_mode: fc.constantFrom(undefined, '9610', '1210'),
          country: fc.constantFrom(undefined, '502', '116', '303', '110'),
          ebc_code: fc.constantFrom(undefined, PARTIES.seller.code, PARTIES.seller2.code),
          chapter: fc.constantFrom(undefined, '04', '22', '33', '85', '84'),
        }),
        async (r) => {
          const f: Filter = {
            from: day(Math.max(r.a, r.b)),
            to: day(Math.min(r.a, r.b)),
            direction: r.direction,
            trade_mode: r.trade_mode,
            country: r.country,
            ebc_code: r.ebc_code,
            chapter: r.chapter,
          };
          expect(await fromRollups(f)).toEqual(await fromRaw(f));
          expect(await goodsFromRollups(f)).toEqual(await goodsFromRaw(f));
        },
      ),
      { numRuns: 40, seed: 20_048 },
    );
  });

  it('a later return is subtracted from the day the goods were released', async () => {
    const before = await fromRollups({ ...everything, direction: 'import' });
    const spec = parcelSpec({ items: [{ ...WATER, qty: '4', qty1: '48' }] });
    await sendImport(g, buildImportParcel(spec));
    await runStatisticsUntilIdle(db());
    const released = await fromRollups({ ...everything, direction: 'import' });
    expect(released.inventories).toBe(before.inventories + 1);
    const invtNo = await invtNoOf('import', spec.orderNo);
    const all = [{ gnum: '1', gcode: WATER.gcode, gname: WATER.gname, qty: '4', unit: WATER.unit }];
    expect(statuses((await g.post('agent', buildRefund(spec, invtNo, all, '整单退货'))).body)).toEqual(['2']);
    await runStatisticsUntilIdle(db());
    // Wholly returned: the parcel leaves every measure again.
    expect(await fromRollups({ ...everything, direction: 'import' })).toEqual(before);
    expect(await fromRollups(everything)).toEqual(await fromRaw(everything));
  });
});
