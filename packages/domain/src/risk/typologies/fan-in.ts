import {
  WEEK_MS,
  groupBy,
  inTimeOrder,
  weekBucket,
  type ScanParcel,
  type WarningCandidate,
  type WarningSubjectType,
} from './common.ts';

/**
 * Fan-in (刷单, fake trade): one consignee address, one telephone or one payer shared by many buyers within seven
 * days. The thresholds are the default rule set's (docs/risk.md): five distinct buyers at one address or one
 * telephone in 7 days (room for a family or a small office), three distinct buyers paid for by one payer who is
 * not the buyer (paying for one relative is common, for three different buyers in a week is not). Severity is
 * high at twice the threshold.
 */
export const FAN_IN_THRESHOLDS = { address: 5, phone: 5, payer: 3 } as const;

export interface FanInOptions {
  /** Only windows that pass the threshold at a parcel received at or after this instant raise a warning. */
  since: number;
  thresholds?: Partial<typeof FAN_IN_THRESHOLDS>;
}

const NAMES = {
  address: { zh: '收货地址', en: 'consignee address' },
  phone: { zh: '电话', en: 'telephone' },
  payer: { zh: '支付人', en: 'payer' },
} as const;

export function fanIn(
  parcels: readonly ScanParcel[],
  kind: 'address' | 'phone' | 'payer',
  options: FanInOptions,
): WarningCandidate[] {
  const threshold = options.thresholds?.[kind] ?? FAN_IN_THRESHOLDS[kind];
  const keyOf = (p: ScanParcel): string | null =>
    kind === 'payer' ? (p.payer !== null && p.payer !== p.buyer ? p.payer : null) : p[kind];
  const out: WarningCandidate[] = [];
  for (const [key, list] of groupBy(inTimeOrder(parcels), keyOf)) {
    // Per week bucket: the window with the most distinct buyers (the first such) among the parcels of the period.
    const best = new Map<string, { buyers: number; window: ScanParcel[] }>();
    let head = 0;
    for (let i = 0; i < list.length; i++) {
      const p = list[i] as ScanParcel;
      while ((list[head] as ScanParcel).at <= p.at - WEEK_MS) head++;
      if (p.at < options.since) continue;
      const window = list.slice(head, i + 1);
      const buyers = new Set(window.map((w) => w.buyer)).size;
      if (buyers < threshold) continue;
      const bucket = weekBucket(p.at);
      const prior = best.get(bucket);
      if (!prior || buyers > prior.buyers) best.set(bucket, { buyers, window });
    }
    for (const [period, { buyers, window }] of best) {
      const n = NAMES[kind];
      const subjectType: WarningSubjectType = kind;
      out.push({
        typology: kind === 'address' ? 'address_fan_in' : kind === 'phone' ? 'phone_fan_in' : 'payer_fan_in',
        subjectType,
        subject: key,
        period,
        severity: buyers >= 2 * threshold ? 'high' : 'medium',
        parcels: window.map((w) => w.id),
        figures: { buyers7d: buyers, parcels: window.length, threshold },
        zh: `同一${n.zh}7天内涉及${buyers}名不同买家（阈值${threshold}）`,
        en: `One ${n.en} shared by ${buyers} different buyers within 7 days (threshold ${threshold})`,
      });
    }
  }
  return out;
}
