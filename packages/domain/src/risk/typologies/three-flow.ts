import { groupBy, monthBucket, yuan, type WarningCandidate } from './common.ts';

/**
 * Three flows disagree (三流不一致, the money-laundering and non-genuine-trade typology): per seller and Beijing
 * month, the money the orders say was paid, the money the payment firms report, and the weight the carriers
 * weighed against the weight the inventories declare. One parcel's documents are compared by the three-document
 * match; this looks at the month's totals, where orders without payments, payments larger than the goods or
 * parcels far heavier than declared add up.
 *
 * Thresholds: payments against orders differ by more than 10 % of the order total **and** by at least 1,000 CNY
 * (small absolute gaps — a refund in transit — are not a pattern); waybill weight against declared gross weight
 * differs by more than 20 % **and** at least 10 kg (scales and packaging differ by a few per cent). High severity
 * at a gap over 50 %.
 */
export const THREE_FLOW_THRESHOLDS = {
  moneyRatio: 0.1,
  moneyMinFen: 1000_00,
  weightRatio: 0.2,
  weightMinGrams: 10_000,
} as const;

/** One order of the month with what the other flows say of it (null: that document is missing). */
export interface FlowOrder {
  /** The order's import document id (the evidence names orders here; they may have no inventory). */
  id: string;
  at: number;
  seller: string;
  orderFen: number;
  payFen: number | null;
  /** Declared gross weight of the inventory, grams; null without an inventory. */
  declaredGrams: number | null;
  /** The waybill's weight, grams; null without a waybill. */
  waybillGrams: number | null;
}

export function threeFlowMismatch(
  orders: readonly FlowOrder[],
  options: { since: number; thresholds?: Partial<typeof THREE_FLOW_THRESHOLDS> } = { since: -Infinity },
): WarningCandidate[] {
  const t = { ...THREE_FLOW_THRESHOLDS, ...options.thresholds };
  const out: WarningCandidate[] = [];
  const inPeriod = orders.filter((o) => o.at >= options.since);
  for (const [key, list] of groupBy(inPeriod, (o) => `${o.seller}|${monthBucket(o.at)}`)) {
    const [seller, period] = key.split('|') as [string, string];
    let orderFen = 0;
    let payFen = 0;
    let unpaid = 0;
    let declared = 0;
    let weighed = 0;
    for (const o of list) {
      orderFen += o.orderFen;
      if (o.payFen === null) unpaid++;
      else payFen += o.payFen;
      if (o.declaredGrams !== null && o.waybillGrams !== null) {
        declared += o.declaredGrams;
        weighed += o.waybillGrams;
      }
    }
    const moneyGap = Math.abs(payFen - orderFen);
    const moneyRatio = orderFen > 0 ? moneyGap / orderFen : payFen > 0 ? Infinity : 0;
    const weightGap = Math.abs(weighed - declared);
    const weightRatio = declared > 0 ? weightGap / declared : weighed > 0 ? Infinity : 0;
    const money = moneyRatio > t.moneyRatio && moneyGap >= t.moneyMinFen;
    const weight = weightRatio > t.weightRatio && weightGap >= t.weightMinGrams;
    if (!money && !weight) continue;
    const ratio = (r: number) => (Number.isFinite(r) ? r.toFixed(4) : 'inf');
    const zh: string[] = [];
    const en: string[] = [];
    if (money) {
      zh.push(`支付合计${yuan(payFen)}元与订单合计${yuan(orderFen)}元相差${(moneyRatio * 100).toFixed(1)}%`);
      en.push(
        `payments ${yuan(payFen)} CNY against orders ${yuan(orderFen)} CNY (${(moneyRatio * 100).toFixed(1)} % apart)`,
      );
    }
    if (weight) {
      zh.push(
        `运单重量${(weighed / 1000).toFixed(3)}千克与申报毛重${(declared / 1000).toFixed(3)}千克相差${(weightRatio * 100).toFixed(1)}%`,
      );
      en.push(
        `waybill weight ${(weighed / 1000).toFixed(3)} kg against declared gross weight ${(declared / 1000).toFixed(3)} kg (${(weightRatio * 100).toFixed(1)} % apart)`,
      );
    }
    out.push({
      typology: 'three_flow_mismatch',
      subjectType: 'enterprise',
      subject: seller,
      period,
      severity: (money && moneyRatio > 0.5) || (weight && weightRatio > 0.5) ? 'high' : 'medium',
      parcels: list.map((o) => o.id),
      figures: {
        orders: list.length,
        unpaidOrders: unpaid,
        orderCny: yuan(orderFen),
        paymentCny: yuan(payFen),
        moneyGapRatio: ratio(moneyRatio),
        declaredKg: (declared / 1000).toFixed(3),
        waybillKg: (weighed / 1000).toFixed(3),
        weightGapRatio: ratio(weightRatio),
      },
      zh: `${period.slice(1)}：${zh.join('；')}`,
      en: `${period.slice(1)}: ${en.join('; ')}`,
    });
  }
  return out;
}
