import { Dec, samplingFor, type FeatureValues, type ParcelFact } from '@crossgate/domain';
import type { samplingTable } from '../../repositories/credit.ts';
import { latestLevelsOf } from '../../repositories/credit.ts';
import { listingsOf, paymentsOfOrders, referencePrices } from '../../repositories/risk.ts';
import { personKey } from '../../security/pii.ts';

/**
 * The per-parcel features of the risk engine (issue 19, docs/risk.md), built set-wise for a batch of import
 * inventories: one statement per kind for the whole batch — the payments (payer), the sellers' filed reference
 * prices, the negative list, the credit levels — none per parcel. The replay (replay.ts) and the live decision
 * (decide.ts) both build their features here, so a replay of a stored version sees what the live engine saw.
 * The cross-parcel windows are not computed here: each parcel's `window` fact feeds the domain's RiskWindows.
 */

/** The inventory's fields the features read (a replayed row, or a parcel being cleared). */
export interface FeatureRow {
  id: string;
  created_at: Date;
  order_no: string | null;
  ebp_code: string | null;
  ebc_code: string | null;
  logistics_code: string | null;
  body: unknown;
  buyer_key: string;
  /** The value on the limit basis (goods + freight + insurance), yuan. */
  quota_amount: string | null;
}

export type PartyRole = 'ebp' | 'ebc' | 'payment' | 'logistics' | 'agent' | 'buyer';

export interface ParcelFacts {
  window: ParcelFact;
  features: FeatureValues;
  /** The parties, by role, whose negative-list standing the rule `party.negativeListed` reads. */
  parties: { role: PartyRole; code: string }[];
  /** The listed ones among them. */
  listed: string[];
}

export interface FeatureSources {
  /**
   * The negative list: a reader of the standing in force (the live engine, at the moment it judges), else the
   * listing history read here, each parcel judged by the list as it stood when it arrived (the replay).
   */
  listedOf?: (keys: string[]) => Promise<Set<string>>;
  /** Each parcel's random inspection rate already known (the live engine asks the clearance policy). */
  rateOf?: (row: FeatureRow) => string;
  /** Else: the zone's rate and the credit table, with the sellers' latest levels read here (the replay). */
  table?: Awaited<ReturnType<typeof samplingTable>>;
  zoneRate?: string;
}

type Body = Record<string, unknown> & { lines?: Record<string, unknown>[] };
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** The window keys of an inventory: consignee address (whitespace removed) and telephone, as keyed hashes. */
export function contactKeys(body: unknown): { address: string | null; phone: string | null } {
  const b = (body ?? {}) as Body;
  const address = str(b.consigneeAddress)?.replace(/\s+/g, '') ?? null;
  const phone = str(b.buyerTelephone)?.replace(/[\s-]/g, '') ?? null;
  return {
    address: address ? personKey('addr', address) : null,
    phone: phone ? personKey('tel', phone) : null,
  };
}

export async function batchFacts(
  db: Parameters<typeof paymentsOfOrders>[0],
  batch: FeatureRow[],
  sources: FeatureSources,
): Promise<Map<string, ParcelFacts>> {
  const bodies = new Map(batch.map((r) => [r.id, (r.body ?? {}) as Body]));
  const orderNos = [...new Set(batch.map((r) => r.order_no).filter((o): o is string => !!o))];
  const sellers = [...new Set(batch.map((r) => r.ebc_code).filter((c): c is string => !!c))];
  const itemNos = [
    ...new Set(
      batch.flatMap((r) =>
        (bodies.get(r.id)?.lines ?? []).map((l) => str(l.itemNo)).filter((i) => i !== null),
      ),
    ),
  ] as string[];
  const table = sources.table ?? {};
  const zoneRate = sources.zoneRate ?? '0';
  const [payments, prices, levels] = await Promise.all([
    paymentsOfOrders(db, orderNos),
    referencePrices(db, sellers, itemNos),
    !sources.rateOf && Object.keys(table).length > 0
      ? latestLevelsOf(db, sellers)
      : Promise.resolve(new Map<string, 'A' | 'B' | 'C' | 'D'>()),
  ]);
  const paymentOf = new Map(payments.map((p) => [`${p.ebp_code}|${p.order_no}`, p]));
  const priceOf = new Map(prices.map((p) => [`${p.ebc_code}|${p.item_no}`, p]));
  const partiesOf = (r: FeatureRow): { role: PartyRole; code: string }[] => {
    const body = bodies.get(r.id) as Body;
    const pay = paymentOf.get(`${r.ebp_code}|${r.order_no}`);
    const all: { role: PartyRole; code: string | null | undefined }[] = [
      { role: 'ebp', code: r.ebp_code },
      { role: 'ebc', code: r.ebc_code },
      { role: 'payment', code: pay?.pay_code },
      { role: 'logistics', code: r.logistics_code },
      { role: 'agent', code: str(body.agentCode) },
      { role: 'buyer', code: r.buyer_key },
    ];
    return all.filter((p): p is { role: PartyRole; code: string } => !!p.code);
  };
  const keys = [...new Set(batch.flatMap((r) => partiesOf(r).map((p) => p.code)))];
  let listedAt: (r: FeatureRow, key: string) => boolean;
  if (sources.listedOf) {
    const now = await sources.listedOf(keys);
    listedAt = (_r, key) => now.has(key);
  } else {
    const listings = await listingsOf(db, keys);
    const byKey = new Map<string, typeof listings>();
    for (const l of listings) byKey.set(l.subject_key, [...(byKey.get(l.subject_key) ?? []), l]);
    listedAt = (r, key) => {
      const at = r.created_at.getTime();
      return (byKey.get(key) ?? []).some(
        (l) => l.listed_at.getTime() <= at && (l.delisted_at === null || l.delisted_at.getTime() > at),
      );
    };
  }

  const out = new Map<string, ParcelFacts>();
  for (const r of batch) {
    const body = bodies.get(r.id) as Body;
    const pay = paymentOf.get(`${r.ebp_code}|${r.order_no}`);
    const payBody = pay?.body as Record<string, unknown> | undefined;
    const payerId = str(payBody?.payerIdNumber);
    const contact = contactKeys(body);
    const value = r.quota_amount !== null ? new Dec(r.quota_amount) : new Dec(0);
    const parties = partiesOf(r);
    const listed = parties.filter((p) => listedAt(r, p.code)).map((p) => p.code);
    let rate: string;
    if (sources.rateOf) rate = sources.rateOf(r);
    else {
      const level = r.ebc_code ? (levels.get(r.ebc_code) ?? null) : null;
      rate = Object.keys(table).length > 0 ? samplingFor(level, table, zoneRate).rate : zoneRate;
    }
    let ratio: Dec | null = null;
    for (const line of body.lines ?? []) {
      const ref = priceOf.get(`${r.ebc_code}|${str(line.itemNo)}`);
      const price = str(line.price);
      if (!ref || price === null || ref.currency !== str(body.currency)) continue;
      const refPrice = new Dec(ref.price);
      if (refPrice.lte(0)) continue;
      const q = new Dec(price).div(refPrice);
      if (ratio === null || q.lt(ratio)) ratio = q;
    }
    out.set(r.id, {
      window: {
        at: r.created_at.getTime(),
        buyer: r.buyer_key,
        address: contact.address,
        phone: contact.phone,
        payer: payerId ? personKey(str(payBody?.payerIdType) ?? '1', payerId) : null,
        valueFen: value.times(100).round().toNumber(),
      },
      features: {
        'party.negativeListed': listed.length > 0,
        'seller.samplingRate': Number(rate),
        'order.valueCny': value.toNumber(),
        'line.minPriceRatio': ratio === null ? null : ratio.toDecimalPlaces(6).toNumber(),
      },
      parties,
      listed,
    });
  }
  return out;
}
