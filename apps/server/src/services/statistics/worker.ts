import type { Database, Kysely } from '@crossgate/db';
import {
  accumulate,
  checkGoodsClassTable,
  inventoryContribution,
  isZeroMeasures,
  type Contribution,
  type GoodsClassTable,
  type Measures,
} from '@crossgate/domain';
import {
  addToRollup,
  countedContributions,
  eventsAfter,
  inventoryStates,
  inventoriesOfDocuments,
  lockCursor,
  moveCursor,
  saveContributions,
  type InventoryStateRow,
} from '../../repositories/statistics.ts';
import { readJson } from '../../seed/data-files.ts';

/**
 * The statistics rollup worker (issue 20, decision 0048). It runs beside the API, outside every clearance
 * transaction, and consumes the timeline events in commit-safe order (the writer's transaction id, as the
 * receipts feed does). For each batch, in ONE transaction: lock the cursor, read the next events, find the
 * inventories they concern, recompute what each inventory adds now, apply the difference with what was last
 * counted, save the new contributions, move the cursor. A crash anywhere rolls the whole batch back; a rerun
 * reads the same events again. Applying an event twice adds nothing (the difference is zero), so even a lost
 * cursor would not double-count.
 */

export const STATISTICS_CURSOR = 'rollups';

let classes: GoodsClassTable | null = null;

/** The goods-class table of data/statistics/goods-classes.json, checked once. */
export function goodsClasses(): GoodsClassTable {
  if (classes) return classes;
  const table = readJson<GoodsClassTable>('statistics/goods-classes.json');
  const problems = checkGoodsClassTable(table);
  if (problems.length > 0) throw new Error(`data/statistics/goods-classes.json: ${problems.join('; ')}`);
  classes = table;
  return table;
}

const int = (s: string | null | undefined) => {
  const n = Number.parseInt(s ?? '', 10);
  return Number.isFinite(n) ? n : 0;
};

/** The domain's view of an inventory's current state. */
export function stateOf(row: InventoryStateRow, table: GoodsClassTable) {
  const rates = new Map(row.lines.map((l) => [l.currency ?? '', l.rate]));
  return {
    direction: row.direction,
    counted: row.counted,
    day: row.day,
    tradeMode: row.trade_mode,
    statisticsFlag: row.statistics_flag,
    country: row.country,
    customsCode: row.customs_code,
    parkCode: row.park_code,
    declarantOrg: row.declarant_org,
    ebpCode: row.ebp_code,
    ebcCode: row.ebc_code,
    logisticsCode: row.logistics_code,
    lane: row.lane,
    packNo: row.pack_no ?? '0',
    grossWeight: row.gross_weight ?? '0',
    usdRate: row.usd_rate,
    cnyRate: (currency: string) => rates.get(currency) ?? null,
    goodsClasses: table,
    lines: row.lines.map((l) => ({
      gnum: int(l.gnum),
      gcode: l.gcode ?? '',
      country: l.country ?? '',
      currency: l.currency ?? '142',
      qty: l.qty ?? '0',
      totalPrice: l.totalPrice ?? '0',
      returnedQty: l.returned ?? '0',
      tax: l.tax,
    })),
  };
}

export interface BatchResult {
  events: number;
  inventories: number;
  /** True when no visible event was left after this batch's. */
  idle: boolean;
}

export interface WorkerOptions {
  now?: () => Date;
  /** Events per transaction. */
  batchSize?: number;
  /** Test hook: called at each step inside the transaction (throwing aborts the batch, as a crash would). */
  step?: (stage: 'events' | 'rollups' | 'counted' | 'cursor') => void;
}

/** One batch in one transaction. */
export async function runStatisticsBatch(
  db: Kysely<Database>,
  opts: WorkerOptions = {},
): Promise<BatchResult> {
  const now = (opts.now ?? (() => new Date()))();
  const limit = opts.batchSize ?? 500;
  const table = goodsClasses();
  return db.transaction().execute(async (trx) => {
    const cursor = await lockCursor(trx, STATISTICS_CURSOR, now);
    const events = await eventsAfter(trx, cursor, limit);
    if (events.length === 0) return { events: 0, inventories: 0, idle: true };
    opts.step?.('events');
    const documentIds = [...new Set(events.map((e) => e.document_id))];
    const inventories = await inventoriesOfDocuments(trx, documentIds);
    const [states, counted] = await Promise.all([
      inventoryStates(trx, inventories),
      countedContributions(
        trx,
        inventories.map((i) => i.id),
      ),
    ]);
    const before = new Map(counted.map((c) => [c.document_id, c.contribution as Contribution]));
    const parcels = new Map<string, [string[], Measures]>();
    const goods = new Map<string, [string[], Measures]>();
    const saves: { documentId: string; direction: string; contribution: Contribution }[] = [];
    for (const row of states) {
      const next = inventoryContribution(stateOf(row, table));
      const prev = before.get(row.id) ?? { parcels: [], goods: [] };
      accumulate(parcels, prev.parcels, -1);
      accumulate(goods, prev.goods, -1);
      accumulate(parcels, next.parcels, 1);
      accumulate(goods, next.goods, 1);
      if (JSON.stringify(prev) !== JSON.stringify(next))
        saves.push({ documentId: row.id, direction: row.direction, contribution: next });
    }
    const changed = (m: Map<string, [string[], Measures]>) =>
      [...m.values()].filter(([, v]) => !isZeroMeasures(v));
    await addToRollup(trx, 'parcels', changed(parcels));
    await addToRollup(trx, 'goods', changed(goods));
    opts.step?.('rollups');
    await saveContributions(trx, saves, now);
    opts.step?.('counted');
    const last = events[events.length - 1] as (typeof events)[number];
    await moveCursor(trx, STATISTICS_CURSOR, last, events.length, now);
    opts.step?.('cursor');
    return { events: events.length, inventories: inventories.length, idle: events.length < limit };
  });
}

/** Batches until no visible event is left (or `maxBatches`). */
export async function runStatisticsUntilIdle(
  db: Kysely<Database>,
  opts: WorkerOptions & { maxBatches?: number } = {},
): Promise<{ events: number; batches: number }> {
  let events = 0;
  let batches = 0;
  for (;;) {
    const r = await runStatisticsBatch(db, opts);
    events += r.events;
    if (r.events > 0) batches += 1;
    if (r.idle || (opts.maxBatches !== undefined && batches >= opts.maxBatches)) return { events, batches };
  }
}
