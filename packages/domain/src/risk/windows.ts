import type { FeatureValues } from './features.ts';

/** One parcel as the windows see it: when, who, where, how much (in fen, so sums are exact). */
export interface ParcelFact {
  at: number;
  buyer: string;
  /** Keyed hashes of the consignee address and the buyer's telephone; null when the parcel has none. */
  address: string | null;
  phone: string | null;
  /** The payer's keyed hash; null when no payment is matched. */
  payer: string | null;
  valueFen: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** A sliding window of entries per key: count and sum of the entries within `span` before (and at) now. */
class SumWindow {
  private readonly entries = new Map<string, { at: number; fen: number }[]>();
  private readonly heads = new Map<string, number>();
  private readonly sums = new Map<string, number>();
  constructor(private readonly span: number) {}

  add(key: string, at: number, fen: number): { count: number; fen: number } {
    const list = this.entries.get(key) ?? [];
    if (list.length === 0) this.entries.set(key, list);
    list.push({ at, fen });
    let head = this.heads.get(key) ?? 0;
    let sum = (this.sums.get(key) ?? 0) + fen;
    while (head < list.length && (list[head] as { at: number }).at <= at - this.span) {
      sum -= (list[head] as { fen: number }).fen;
      head++;
    }
    if (head > 1024 && head * 2 > list.length) {
      list.splice(0, head);
      head = 0;
    }
    this.heads.set(key, head);
    this.sums.set(key, sum);
    return { count: list.length - head, fen: sum };
  }
}

/** Distinct buyers per key within `span`: a sliding window of (time, buyer) with a count per buyer. */
class DistinctWindow {
  private readonly entries = new Map<string, { at: number; buyer: string }[]>();
  private readonly heads = new Map<string, number>();
  private readonly counts = new Map<string, Map<string, number>>();
  constructor(private readonly span: number) {}

  add(key: string, at: number, buyer: string): number {
    const list = this.entries.get(key) ?? [];
    if (list.length === 0) this.entries.set(key, list);
    const counts = this.counts.get(key) ?? new Map<string, number>();
    this.counts.set(key, counts);
    list.push({ at, buyer });
    counts.set(buyer, (counts.get(buyer) ?? 0) + 1);
    let head = this.heads.get(key) ?? 0;
    while (head < list.length && (list[head] as { at: number }).at <= at - this.span) {
      const old = (list[head] as { buyer: string }).buyer;
      const n = (counts.get(old) ?? 1) - 1;
      if (n === 0) counts.delete(old);
      else counts.set(old, n);
      head++;
    }
    if (head > 1024 && head * 2 > list.length) {
      list.splice(0, head);
      head = 0;
    }
    this.heads.set(key, head);
    return counts.size;
  }
}

/**
 * The cross-parcel features of issue 19 (split orders, shared address or telephone, payer fan-in), kept
 * incrementally: feed the parcels in time order and each call answers the windows as they stand with that
 * parcel in them — the 24-hour window is (t − 24 h, t], the 7-day one (t − 7 d, t]. Memory grows with the keys
 * seen; entries older than the window are dropped as the window moves.
 */
export class RiskWindows {
  private readonly buyer24 = new SumWindow(DAY);
  private readonly buyer7 = new SumWindow(WEEK);
  private readonly address24 = new SumWindow(DAY);
  private readonly phone24 = new SumWindow(DAY);
  private readonly addressBuyers = new DistinctWindow(WEEK);
  private readonly phoneBuyers = new DistinctWindow(WEEK);
  private readonly payerBuyers = new DistinctWindow(WEEK);
  private last = -Infinity;

  add(p: ParcelFact): FeatureValues {
    if (p.at < this.last) throw new RangeError('parcels must be added in time order');
    this.last = p.at;
    const yuan = (fen: number) => fen / 100;
    const b24 = this.buyer24.add(p.buyer, p.at, p.valueFen);
    const b7 = this.buyer7.add(p.buyer, p.at, p.valueFen);
    const a24 = p.address !== null ? this.address24.add(p.address, p.at, p.valueFen) : null;
    const t24 = p.phone !== null ? this.phone24.add(p.phone, p.at, p.valueFen) : null;
    return {
      'buyer.orders24h': b24.count,
      'buyer.sum24hCny': yuan(b24.fen),
      'buyer.orders7d': b7.count,
      'buyer.sum7dCny': yuan(b7.fen),
      'address.orders24h': a24?.count ?? null,
      'address.sum24hCny': a24 ? yuan(a24.fen) : null,
      'phone.orders24h': t24?.count ?? null,
      'phone.sum24hCny': t24 ? yuan(t24.fen) : null,
      'address.buyers7d': p.address !== null ? this.addressBuyers.add(p.address, p.at, p.buyer) : null,
      'phone.buyers7d': p.phone !== null ? this.phoneBuyers.add(p.phone, p.at, p.buyer) : null,
      'payer.isBuyer': p.payer !== null ? p.payer === p.buyer : null,
      'payer.buyers7d': p.payer !== null ? this.payerBuyers.add(p.payer, p.at, p.buyer) : null,
    };
  }
}
