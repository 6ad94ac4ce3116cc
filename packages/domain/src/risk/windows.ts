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

interface SumState {
  at: number[];
  fen: number[];
  head: number;
  sum: number;
}

/** A sliding window of entries per key: count and sum of the entries within `span` before (and at) now. */
class SumWindow {
  private readonly keys = new Map<string, SumState>();
  constructor(private readonly span: number) {}

  add(key: string, at: number, fen: number): { count: number; fen: number } {
    let s = this.keys.get(key);
    if (!s) {
      s = { at: [], fen: [], head: 0, sum: 0 };
      this.keys.set(key, s);
    }
    s.at.push(at);
    s.fen.push(fen);
    s.sum += fen;
    const oldest = at - this.span;
    while (s.head < s.at.length && (s.at[s.head] as number) <= oldest) {
      s.sum -= s.fen[s.head] as number;
      s.head++;
    }
    if (s.head > 64 && s.head * 2 > s.at.length) {
      s.at.splice(0, s.head);
      s.fen.splice(0, s.head);
      s.head = 0;
    }
    return { count: s.at.length - s.head, fen: s.sum };
  }
}

interface DistinctState {
  at: number[];
  buyer: string[];
  head: number;
  counts: Map<string, number>;
}

/** Distinct buyers per key within `span`: a sliding window of (time, buyer) with a count per buyer. */
class DistinctWindow {
  private readonly keys = new Map<string, DistinctState>();
  constructor(private readonly span: number) {}

  add(key: string, at: number, buyer: string): number {
    let s = this.keys.get(key);
    if (!s) {
      s = { at: [], buyer: [], head: 0, counts: new Map() };
      this.keys.set(key, s);
    }
    s.at.push(at);
    s.buyer.push(buyer);
    s.counts.set(buyer, (s.counts.get(buyer) ?? 0) + 1);
    const oldest = at - this.span;
    while (s.head < s.at.length && (s.at[s.head] as number) <= oldest) {
      const old = s.buyer[s.head] as string;
      const n = (s.counts.get(old) ?? 1) - 1;
      if (n === 0) s.counts.delete(old);
      else s.counts.set(old, n);
      s.head++;
    }
    if (s.head > 64 && s.head * 2 > s.at.length) {
      s.at.splice(0, s.head);
      s.buyer.splice(0, s.head);
      s.head = 0;
    }
    return s.counts.size;
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
