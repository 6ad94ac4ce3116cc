import {
  Dec,
  WEEK_MS,
  circularTrade,
  endOfBeijingDay,
  fanIn,
  newEnterpriseBurst,
  scopeFor,
  splitOrders,
  startOfBeijingDay,
  threeFlowMismatch,
  type ExportMovement,
  type FlowOrder,
  type ScanParcel,
  type WarningCandidate,
} from '@crossgate/domain';
import { forbidden, ruleViolation } from '../../errors.ts';
import { paymentsOfOrders, replayInventories, type ReplayInventoryRow } from '../../repositories/risk.ts';
import {
  documentsOfOrders,
  exportInventoriesByNo,
  exportMovements,
  firstInventoryOfSellers,
  insertWarnings,
  ordersInRange,
  organisationsByCode,
  type NewWarningRow,
} from '../../repositories/risk-warnings.ts';
import { personKey } from '../../security/pii.ts';
import { newId } from '../auth.ts';
import type { Deps, RequestContext } from '../context.ts';

/**
 * The warning scan (预警扫描, issue 19, decision 0047): the cross-parcel typologies of the domain
 * (risk/typologies) over the parcels of a period, raising one warning per (typology, subject, period). The data
 * is loaded set-wise — import inventories with their payments in batches of 1,000 (two statements a batch, from
 * seven days before the period so the first day's windows are full), orders with their payments, waybills and
 * inventories in batches (four statements a batch), the sellers' first parcels (one), export inventories and
 * returns (two) — and the warnings are written with two statements. No statement per parcel.
 */

const BATCH = 1000;
/** Evidence lists at most this many parcels (the figures keep the full counts). */
const EVIDENCE_PARCELS = 200;
const CIRCULAR_HISTORY_MS = 180 * 24 * 3_600_000;

export interface ScanResult {
  from: string;
  to: string;
  parcels: number;
  orders: number;
  candidates: number;
  raised: number;
  byTypology: Record<string, number>;
  ms: number;
}

export type ScanProgress = (stage: string, done: number) => void;

type Body = Record<string, unknown> & { lines?: Record<string, unknown>[] };
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const fen = (v: unknown): number => {
  const s = str(v);
  if (s === null || !/^-?\d+(\.\d+)?$/.test(s)) return 0;
  return new Dec(s).times(100).round().toNumber();
};
const grams = (v: unknown): number | null => {
  const s = str(v);
  if (s === null || !/^\d+(\.\d+)?$/.test(s)) return null;
  return new Dec(s).times(1000).round().toNumber();
};

export async function scanWarnings(
  deps: Deps,
  ctx: RequestContext,
  input: { from: string; to: string },
  progress: ScanProgress = () => {},
): Promise<ScanResult> {
  if (scopeFor(ctx.actor, 'risk_rule', 'update').kind === 'none')
    throw forbidden('预警扫描由海关风险官员运行 (warning scans are run by customs risk officers)');
  if (input.from > input.to)
    throw ruleViolation([
      {
        code: 'RANGE',
        field: 'to',
        rule: '结束日期不早于开始日期 (to is not before from)',
        actual: input.to,
      },
    ]);
  const started = performance.now();
  const db = deps.db;
  const from = startOfBeijingDay(input.from);
  const to = endOfBeijingDay(input.to);
  const since = from.getTime();

  // 1. Import parcels from a week before the period (window history), with their payers.
  const parcels: (ScanParcel & { invtNo: string | null })[] = [];
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const batch: ReplayInventoryRow[] = await replayInventories(
      db,
      { from: new Date(since - WEEK_MS), to },
      after,
      BATCH,
    );
    if (batch.length === 0) break;
    const last = batch[batch.length - 1] as ReplayInventoryRow;
    after = { at: last.created_at, id: last.id };
    const orderNos = [...new Set(batch.map((r) => r.order_no).filter((o): o is string => !!o))];
    const payments = await paymentsOfOrders(db, orderNos);
    const payOf = new Map(payments.map((p) => [`${p.ebp_code}|${p.order_no}`, p.body as Body]));
    for (const r of batch) {
      const body = r.body as unknown as Body;
      const pay = payOf.get(`${r.ebp_code}|${r.order_no}`);
      const payerId = str(pay?.payerIdNumber);
      const address = str(body.consigneeAddress)?.replace(/\s+/g, '') ?? null;
      const phone = str(body.buyerTelephone)?.replace(/[\s-]/g, '') ?? null;
      parcels.push({
        id: r.id,
        invtNo: r.invt_no,
        at: r.created_at.getTime(),
        seller: r.ebc_code ?? '',
        buyer: r.buyer_key,
        address: address ? personKey('addr', address) : null,
        phone: phone ? personKey('tel', phone) : null,
        payer: payerId ? personKey(str(pay?.payerIdType) ?? '1', payerId) : null,
        valueFen: r.quota_amount !== null ? new Dec(r.quota_amount).times(100).round().toNumber() : 0,
      });
    }
    progress('清单 parcels', parcels.length);
    if (batch.length < BATCH) break;
  }

  // 2. Orders of the months the period touches (and the week before it), with what the payments, waybills and
  // inventories say. The payer fan-in reads the payments here: a cleared parcel's payer is its buyer (the
  // three-document match refuses another), so one payer paying for many buyers shows in the payments declared.
  const monthStart = Math.min(startOfBeijingDay(`${input.from.slice(0, 7)}-01`).getTime(), since - WEEK_MS);
  const flows: FlowOrder[] = [];
  const payers: ScanParcel[] = [];
  let afterOrder: { at: Date; id: string } | null = null;
  for (;;) {
    const batch = await ordersInRange(db, { from: new Date(monthStart), to }, afterOrder, BATCH);
    if (batch.length === 0) break;
    const last = batch[batch.length - 1] as (typeof batch)[number];
    afterOrder = { at: last.created_at, id: last.id };
    const orderNos = [...new Set(batch.map((o) => o.order_no).filter((o): o is string => !!o))];
    const [payments, waybills, inventories] = await Promise.all([
      documentsOfOrders(db, 'payment', orderNos),
      documentsOfOrders(db, 'waybill', orderNos),
      documentsOfOrders(db, 'inventory', orderNos),
    ]);
    const byOrder = (rows: { order_no: string | null; body: unknown }[], ebp?: (b: Body) => string | null) =>
      new Map(rows.map((d) => [`${ebp ? ebp(d.body as Body) : ''}|${d.order_no}`, d.body as Body]));
    const payOf = byOrder(payments, (b) => str(b.ebpCode));
    const wayOf = byOrder(waybills);
    const invOf = byOrder(inventories, (b) => str(b.ebpCode));
    for (const o of batch) {
      const body = o.body as unknown as Body;
      // The money comparison is in yuan: orders in another currency (rare in 9610 import) are left out.
      if ((str(body.currency) ?? '142') !== '142') continue;
      const pay = payOf.get(`${o.ebp_code}|${o.order_no}`);
      const way = wayOf.get(`|${o.order_no}`);
      const inv = invOf.get(`${o.ebp_code}|${o.order_no}`);
      const payerId = str(pay?.payerIdNumber);
      const buyerId = str(body.buyerIdNumber);
      if (pay && payerId && buyerId)
        payers.push({
          id: o.id,
          at: o.created_at.getTime(),
          seller: o.ebc_code ?? '',
          buyer: personKey(str(body.buyerIdType) ?? '1', buyerId),
          address: null,
          phone: null,
          payer: personKey(str(pay.payerIdType) ?? '1', payerId),
          valueFen: fen(body.acturalPaid),
        });
      if (o.created_at.getTime() < startOfBeijingDay(`${input.from.slice(0, 7)}-01`).getTime()) continue;
      flows.push({
        id: o.id,
        at: o.created_at.getTime(),
        seller: o.ebc_code ?? '',
        orderFen: fen(body.acturalPaid),
        payFen: pay ? fen(pay.amountPaid) : null,
        declaredGrams: inv ? grams(inv.grossWeight) : null,
        waybillGrams: way ? grams(way.weight) : null,
      });
    }
    progress('订单 orders', flows.length);
    if (batch.length < BATCH) break;
  }

  // 3. Export movements for circular trade (180 days of history), the goods of a return from its inventory.
  const moves = await exportMovements(db, { from: new Date(since - CIRCULAR_HISTORY_MS), to });
  const returned = await exportInventoriesByNo(db, [
    ...new Set(moves.filter((m) => m.doc_type === 'refund' && m.invt_no).map((m) => m.invt_no as string)),
  ]);
  const goodsOf = (body: Body, gnum?: unknown) =>
    (body.lines ?? [])
      .filter((l) => gnum === undefined || String(l.gnum) === String(gnum))
      .map((l) => str(l.itemNo) ?? str(l.gcode))
      .filter((g): g is string => g !== null);
  const invByNo = new Map(returned.map((r) => [r.invt_no as string, r]));
  const movements: ExportMovement[] = [];
  for (const m of moves) {
    const body = m.body as unknown as Body;
    if (m.doc_type === 'inventory') {
      if (/^-/.test(m.status) || m.status === '100') continue;
      for (const goods of new Set(goodsOf(body)))
        movements.push({
          id: m.id,
          at: m.created_at.getTime(),
          seller: m.ebc_code ?? '',
          goods,
          kind: 'export',
        });
    } else {
      if (/^-/.test(m.status) || m.status === '100') continue;
      const original = invByNo.get(m.invt_no ?? '');
      if (!original) continue;
      const goods = new Set(
        (body.lines ?? []).flatMap((l) => goodsOf(original.body as unknown as Body, l.gnum)),
      );
      for (const g of goods)
        movements.push({
          id: m.id,
          at: m.created_at.getTime(),
          seller: original.ebc_code ?? '',
          goods: g,
          kind: 'return',
        });
    }
  }

  // 4. The typologies.
  const sellers = [...new Set(parcels.map((p) => p.seller).filter((s) => s !== ''))];
  const firstSeen = new Map(
    [...(await firstInventoryOfSellers(db, sellers))].map(([k, v]) => [k, v.getTime()] as const),
  );
  const options = { since };
  const candidates: WarningCandidate[] = [
    ...fanIn(parcels, 'address', options),
    ...fanIn(parcels, 'phone', options),
    ...fanIn(payers, 'payer', options),
    ...splitOrders(parcels, 'buyer', options),
    ...splitOrders(parcels, 'address', options),
    ...splitOrders(parcels, 'phone', options),
    ...threeFlowMismatch(flows, options),
    ...circularTrade(movements, options),
    ...newEnterpriseBurst(parcels, firstSeen, options),
  ];

  // 5. One row per (typology, subject, period); the evidence names parcels by id and inventory number, the
  // buyers and sellers behind them (keyed hashes and codes) for the disposal, never a clear personal value.
  const byId = new Map<string, ScanParcel & { invtNo?: string | null }>(
    [...parcels, ...payers].map((p) => [p.id, p]),
  );
  const unique = new Map<string, WarningCandidate>();
  for (const c of candidates) {
    const key = `${c.typology}|${c.subject}|${c.period}`;
    if (!unique.has(key)) unique.set(key, c);
  }
  const enterpriseCodes = [
    ...new Set([...unique.values()].filter((c) => c.subjectType === 'enterprise').map((c) => c.subject)),
  ];
  const orgs = new Map((await organisationsByCode(db, enterpriseCodes)).map((o) => [o.code, o]));
  const rows: NewWarningRow[] = [...unique.values()].map((c) => {
    const listed = c.parcels.slice(0, EVIDENCE_PARCELS);
    const known = c.parcels.map((id) => byId.get(id)).filter((p) => p !== undefined);
    return {
      id: newId(),
      typology: c.typology,
      subject_type: c.subjectType,
      subject_key: c.subject,
      period: c.period,
      severity: c.severity,
      org_id: c.subjectType === 'enterprise' ? (orgs.get(c.subject)?.id ?? null) : null,
      evidence: {
        parcels: listed.map((id) => ({ id, invtNo: byId.get(id)?.invtNo ?? null })),
        buyers: [...new Set(known.map((p) => p.buyer))],
        sellers: [...new Set(known.map((p) => p.seller).filter((s) => s !== ''))],
        figures: c.figures,
        zh: c.zh,
        en: c.en,
      },
      parcel_count: c.parcels.length,
      created_at: ctx.now,
    };
  });
  const ids = await deps.db.transaction().execute((trx) => insertWarnings(trx, rows));
  const raisedIds = new Set(ids);
  const byTypology: Record<string, number> = {};
  for (const r of rows) if (raisedIds.has(r.id)) byTypology[r.typology] = (byTypology[r.typology] ?? 0) + 1;
  progress('预警 warnings', ids.length);
  return {
    from: input.from,
    to: input.to,
    parcels: parcels.filter((p) => p.at >= since).length,
    orders: flows.length,
    candidates: unique.size,
    raised: ids.length,
    byTypology,
    ms: Math.round(performance.now() - started),
  };
}
