import {
  DAY_MS,
  WEEK_MS,
  groupBy,
  inTimeOrder,
  weekBucket,
  yuan,
  type ScanParcel,
  type WarningCandidate,
} from './common.ts';

/**
 * Split orders (拆单): the same buyer, address or telephone with several orders whose sum passes the single-
 * transaction limit of 5,000 CNY (财关税〔2018〕49号) — two or more orders within 24 hours, or three or more within
 * 7 days (two orders in a week is ordinary shopping; three summing past the limit is the pattern). Exactly 5,000
 * is within the limit. Severity is high when the sum passes twice the limit.
 */
export const SPLIT_LIMIT_FEN = 5000_00;
export const SPLIT_WINDOWS = [
  { name: '24h', span: DAY_MS, minOrders: 2 },
  { name: '7d', span: WEEK_MS, minOrders: 3 },
] as const;

export function splitOrders(
  parcels: readonly ScanParcel[],
  kind: 'buyer' | 'address' | 'phone',
  options: { since: number; limitFen?: number },
): WarningCandidate[] {
  const limit = options.limitFen ?? SPLIT_LIMIT_FEN;
  const out: WarningCandidate[] = [];
  const names = {
    buyer: { zh: '同一买家', en: 'One buyer' },
    address: { zh: '同一收货地址', en: 'One consignee address' },
    phone: { zh: '同一电话', en: 'One telephone' },
  }[kind];
  for (const [key, list] of groupBy(inTimeOrder(parcels), (p) => p[kind])) {
    const best = new Map<string, { fen: number; window: ScanParcel[]; name: string }>();
    for (const w of SPLIT_WINDOWS) {
      let head = 0;
      let sum = 0;
      for (let i = 0; i < list.length; i++) {
        const p = list[i] as ScanParcel;
        sum += p.valueFen;
        while ((list[head] as ScanParcel).at <= p.at - w.span) sum -= (list[head++] as ScanParcel).valueFen;
        if (p.at < options.since) continue;
        const count = i + 1 - head;
        if (count < w.minOrders || sum <= limit) continue;
        const bucket = weekBucket(p.at);
        const prior = best.get(bucket);
        if (!prior || sum > prior.fen)
          best.set(bucket, { fen: sum, window: list.slice(head, i + 1), name: w.name });
      }
    }
    for (const [period, { fen, window, name }] of best)
      out.push({
        typology: 'split_orders',
        subjectType: kind,
        subject: key,
        period,
        severity: fen > 2 * limit ? 'high' : 'medium',
        parcels: window.map((p) => p.id),
        figures: { window: name, orders: window.length, sumCny: yuan(fen), limitCny: yuan(limit) },
        zh: `${names.zh}在${name === '24h' ? '24小时' : '7天'}内${window.length}笔订单合计${yuan(fen)}元，超过单次限值${yuan(limit)}元`,
        en: `${names.en}: ${window.length} orders within ${name === '24h' ? '24 hours' : '7 days'} totalling ${yuan(fen)} CNY, over the single limit of ${yuan(limit)} CNY`,
      });
  }
  return out;
}
