import { DAY_MS, groupBy, inTimeOrder, monthBucket, type WarningCandidate } from './common.ts';

/**
 * Circular trade (循环贸易, export → return → re-export of the same goods): an exporter exports goods, takes them
 * back (退货) and exports the same goods again within 180 days — trade that exists for the export figures, the
 * tax refund or the forex settlement rather than a buyer. "The same goods" is the same seller and the same item
 * (the filed item number, else the HS code). One export → return is ordinary; the re-export of what came back is
 * the pattern.
 */
export const CIRCULAR_WINDOW_DAYS = 180;

export interface ExportMovement {
  /** The export inventory's (or return's) document id. */
  id: string;
  at: number;
  seller: string;
  /** Item number, else HS code. */
  goods: string;
  kind: 'export' | 'return';
}

export function circularTrade(
  movements: readonly ExportMovement[],
  options: { since: number; windowDays?: number },
): WarningCandidate[] {
  const span = (options.windowDays ?? CIRCULAR_WINDOW_DAYS) * DAY_MS;
  const out: WarningCandidate[] = [];
  for (const [key, list] of groupBy(inTimeOrder(movements), (m) => `${m.seller}|${m.goods}`)) {
    const [seller, goods] = key.split('|') as [string, string];
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const reExport = list[i] as ExportMovement;
      if (reExport.kind !== 'export' || reExport.at < options.since) continue;
      // The latest return before this export, and an export before that return, all within the window.
      let ret: ExportMovement | undefined;
      let first: ExportMovement | undefined;
      for (let j = i - 1; j >= 0; j--) {
        const m = list[j] as ExportMovement;
        if (reExport.at - m.at > span) break;
        if (!ret) {
          if (m.kind === 'return') ret = m;
        } else if (m.kind === 'export') {
          first = m;
          break;
        }
      }
      if (!ret || !first) continue;
      const period = monthBucket(reExport.at);
      if (seen.has(period)) continue;
      seen.add(period);
      const days = Math.round((reExport.at - first.at) / DAY_MS);
      out.push({
        typology: 'circular_trade',
        subjectType: 'enterprise',
        subject: seller,
        period,
        severity: 'high',
        parcels: [first.id, ret.id, reExport.id],
        figures: { goods, days, windowDays: span / DAY_MS },
        zh: `同一商品${goods}出口、退货后于${days}天内再次出口`,
        en: `Goods ${goods} exported, returned and exported again within ${days} days`,
      });
    }
  }
  return out;
}
