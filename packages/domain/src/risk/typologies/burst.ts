import {
  DAY_MS,
  groupBy,
  inTimeOrder,
  weekBucket,
  type ScanParcel,
  type WarningCandidate,
} from './common.ts';

/**
 * A burst from a new enterprise (新企业业务量突增, 刷单 and shell sellers): a seller whose first parcel on the
 * platform is less than 30 days old declares at least 100 parcels within 24 hours. An established seller's
 * campaign days are not a signal, nor is a new seller's steady start; a shell that appears and floods the
 * channel is. Severity high at 500 in 24 hours.
 */
export const BURST_THRESHOLDS = { newForDays: 30, parcels24h: 100, high24h: 500 } as const;

export function newEnterpriseBurst(
  parcels: readonly ScanParcel[],
  /** The seller's first parcel ever (ms), from the whole history, not only the scanned period. */
  firstSeen: ReadonlyMap<string, number>,
  options: { since: number; thresholds?: Partial<typeof BURST_THRESHOLDS> },
): WarningCandidate[] {
  const t = { ...BURST_THRESHOLDS, ...options.thresholds };
  const out: WarningCandidate[] = [];
  for (const [seller, list] of groupBy(inTimeOrder(parcels), (p) => p.seller)) {
    const first = firstSeen.get(seller) ?? (list[0] as ScanParcel).at;
    const best = new Map<string, ScanParcel[]>();
    let head = 0;
    for (let i = 0; i < list.length; i++) {
      const p = list[i] as ScanParcel;
      while ((list[head] as ScanParcel).at <= p.at - DAY_MS) head++;
      if (p.at < options.since || p.at - first >= t.newForDays * DAY_MS) continue;
      const count = i + 1 - head;
      if (count < t.parcels24h) continue;
      const bucket = weekBucket(p.at);
      if ((best.get(bucket)?.length ?? 0) < count) best.set(bucket, list.slice(head, i + 1));
    }
    for (const [period, window] of best) {
      const days = Math.floor(((window[window.length - 1] as ScanParcel).at - first) / DAY_MS);
      out.push({
        typology: 'new_enterprise_burst',
        subjectType: 'enterprise',
        subject: seller,
        period,
        severity: window.length >= t.high24h ? 'high' : 'medium',
        parcels: window.map((p) => p.id),
        figures: {
          parcels24h: window.length,
          daysSinceFirst: days,
          threshold: t.parcels24h,
          newForDays: t.newForDays,
        },
        zh: `首票申报后第${days}天，24小时内申报${window.length}票（新企业阈值${t.parcels24h}票）`,
        en: `${window.length} parcels within 24 hours on day ${days} after the first declaration (threshold ${t.parcels24h} for a new enterprise)`,
      });
    }
  }
  return out;
}
