import { describe, expect, it } from 'vitest';
import {
  circularTrade,
  fanIn,
  newEnterpriseBurst,
  splitOrders,
  threeFlowMismatch,
  weekBucket,
  type ExportMovement,
  type FlowOrder,
  type ScanParcel,
} from '../src/index.ts';

const H = 3_600_000;
const D = 24 * H;
/** Monday 2026-11-30 10:00 Beijing. */
const t0 = Date.parse('2026-11-30T10:00:00+08:00');
let n = 0;
const parcel = (over: Partial<ScanParcel>): ScanParcel => ({
  id: `p${++n}`,
  at: t0,
  seller: 'S1',
  buyer: 'b1',
  address: 'a1',
  phone: null,
  payer: null,
  valueFen: 100_00,
  ...over,
});

describe('week buckets are Beijing weeks named by their Monday', () => {
  it('Sunday 23:59 Beijing is still the week of Monday 2026-11-30; Monday 00:00 the next', () => {
    expect(weekBucket(Date.parse('2026-11-30T00:00:00+08:00'))).toBe('W2026-11-30');
    expect(weekBucket(Date.parse('2026-12-06T23:59:59+08:00'))).toBe('W2026-11-30');
    expect(weekBucket(Date.parse('2026-12-07T00:00:00+08:00'))).toBe('W2026-12-07');
  });
});

describe('address fan-in: five distinct buyers at one address within 7 days', () => {
  it('fires on five buyers at one address in 6 days, naming the five parcels', () => {
    const ps = [1, 2, 3, 4, 5].map((i) => parcel({ id: `f${i}`, at: t0 + (i - 1) * 36 * H, buyer: `b${i}` }));
    const w = fanIn(ps, 'address', { since: t0 });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({
      typology: 'address_fan_in',
      subjectType: 'address',
      subject: 'a1',
      period: 'W2026-11-30',
      severity: 'medium',
      parcels: ['f1', 'f2', 'f3', 'f4', 'f5'],
      figures: { buyers7d: 5, parcels: 5, threshold: 5 },
    });
  });
  it('stays silent on four buyers, and on five when the first is exactly 7 days before the fifth', () => {
    const four = [1, 2, 3, 4].map((i) => parcel({ at: t0 + i * H, buyer: `b${i}` }));
    expect(fanIn([...four, parcel({ at: t0 + 5 * H, buyer: 'b1' })], 'address', { since: t0 })).toEqual([]);
    const spread = [0, 1, 2, 3].map((i) => parcel({ at: t0 + i * D, buyer: `b${i}` }));
    expect(fanIn([...spread, parcel({ at: t0 + 7 * D, buyer: 'b9' })], 'address', { since: t0 })).toEqual([]);
  });
  it('is high at ten buyers', () => {
    const ps = Array.from({ length: 10 }, (_, i) => parcel({ at: t0 + i * H, buyer: `b${i}` }));
    expect(fanIn(ps, 'address', { since: t0 })[0]?.severity).toBe('high');
  });
  it('a telephone works the same; parcels before `since` count as history but do not raise on their own', () => {
    const ps = [1, 2, 3, 4, 5].map((i) =>
      parcel({ at: t0 + i * H, buyer: `b${i}`, address: null, phone: 't1' }),
    );
    expect(fanIn(ps, 'phone', { since: t0 })[0]).toMatchObject({ typology: 'phone_fan_in', subject: 't1' });
    expect(fanIn(ps, 'phone', { since: t0 + 6 * H })).toEqual([]);
  });
});

describe('payer fan-in: one payer, not the buyer, paying for three buyers within 7 days', () => {
  it('fires on three buyers paid by p9', () => {
    const ps = [1, 2, 3].map((i) => parcel({ at: t0 + i * H, buyer: `b${i}`, payer: 'p9' }));
    expect(fanIn(ps, 'payer', { since: t0 })[0]).toMatchObject({
      typology: 'payer_fan_in',
      subject: 'p9',
      figures: { buyers7d: 3, threshold: 3 },
    });
  });
  it('stays silent on two buyers, and does not count the payer paying for themself', () => {
    const two = [1, 2].map((i) => parcel({ at: t0 + i * H, buyer: `b${i}`, payer: 'p9' }));
    expect(fanIn(two, 'payer', { since: t0 })).toEqual([]);
    expect(
      fanIn([...two, parcel({ at: t0 + 3 * H, buyer: 'p9', payer: 'p9' })], 'payer', { since: t0 }),
    ).toEqual([]);
  });
});

describe('split orders: several orders of one buyer, address or telephone over 5,000 CNY', () => {
  it('fires on two orders in 24 h totalling 5,000.01 CNY', () => {
    const ps = [
      parcel({ id: 's1', valueFen: 2600_00 }),
      parcel({ id: 's2', at: t0 + 23 * H, valueFen: 2400_01 }),
    ];
    expect(splitOrders(ps, 'buyer', { since: t0 })).toEqual([
      expect.objectContaining({
        typology: 'split_orders',
        subjectType: 'buyer',
        subject: 'b1',
        severity: 'medium',
        parcels: ['s1', 's2'],
        figures: { window: '24h', orders: 2, sumCny: '5000.01', limitCny: '5000.00' },
      }),
    ]);
  });
  it('stays silent at exactly 5,000.00 CNY, and on a single order over the limit', () => {
    const exact = [parcel({ valueFen: 2600_00 }), parcel({ at: t0 + H, valueFen: 2400_00 })];
    expect(splitOrders(exact, 'buyer', { since: t0 })).toEqual([]);
    expect(splitOrders([parcel({ valueFen: 9000_00 })], 'buyer', { since: t0 })).toEqual([]);
  });
  it('over 7 days needs three orders: three in 6 days over 5,000 fire, two in 3 days (not within 24 h) do not', () => {
    const three = [0, 3, 6].map((d) => parcel({ at: t0 + d * D, valueFen: 1700_00, address: 'a7' }));
    expect(splitOrders(three, 'address', { since: t0 })[0]).toMatchObject({
      subject: 'a7',
      figures: { window: '7d', orders: 3, sumCny: '5100.00' },
    });
    const two = [0, 3].map((d) => parcel({ at: t0 + d * D, valueFen: 2600_00 }));
    expect(splitOrders(two, 'buyer', { since: t0 })).toEqual([]);
  });
  it('is high over 10,000 CNY', () => {
    const ps = [parcel({ valueFen: 5000_00 }), parcel({ at: t0 + H, valueFen: 5000_01 })];
    expect(splitOrders(ps, 'buyer', { since: t0 })[0]?.severity).toBe('high');
  });
});

describe('three flows disagree: payments against orders, waybill weight against declared weight, per seller and month', () => {
  const order = (over: Partial<FlowOrder>): FlowOrder => ({
    id: `o${++n}`,
    at: t0,
    seller: 'S1',
    orderFen: 1000_00,
    payFen: 1000_00,
    declaredGrams: 2000,
    waybillGrams: 2000,
    ...over,
  });
  it('fires when payments exceed orders by 12 % and 1,200 CNY in one month', () => {
    const os = Array.from({ length: 10 }, (_, i) => order({ payFen: i < 4 ? 1300_00 : 1000_00 }));
    const w = threeFlowMismatch(os, { since: t0 });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({
      typology: 'three_flow_mismatch',
      subjectType: 'enterprise',
      subject: 'S1',
      period: 'M2026-11',
      severity: 'medium',
      figures: { orders: 10, orderCny: '10000.00', paymentCny: '11200.00', moneyGapRatio: '0.1200' },
    });
  });
  it('stays silent at a 10 % gap, and on a 50 % gap of only 500 CNY', () => {
    const tenPct = Array.from({ length: 10 }, (_, i) => order({ payFen: i === 0 ? 2000_00 : 1000_00 }));
    expect(threeFlowMismatch(tenPct, { since: t0 })).toEqual([]);
    expect(threeFlowMismatch([order({ payFen: 1500_00 })], { since: t0 })).toEqual([]);
  });
  it('counts orders without a payment: 20 orders of 1,000 CNY, 5 unpaid, is a 25 % gap', () => {
    const os = Array.from({ length: 20 }, (_, i) => order({ payFen: i < 5 ? null : 1000_00 }));
    expect(threeFlowMismatch(os, { since: t0 })[0]?.figures).toMatchObject({
      unpaidOrders: 5,
      paymentCny: '15000.00',
      moneyGapRatio: '0.2500',
    });
  });
  it('fires on waybills 25 % heavier than declared (50 kg against 40 kg), silent at 20 % or under 10 kg', () => {
    const heavy = Array.from({ length: 10 }, () => order({ declaredGrams: 4000, waybillGrams: 5000 }));
    expect(threeFlowMismatch(heavy, { since: t0 })[0]?.figures).toMatchObject({
      declaredKg: '40.000',
      waybillKg: '50.000',
      weightGapRatio: '0.2500',
    });
    const twenty = Array.from({ length: 10 }, () => order({ declaredGrams: 5000, waybillGrams: 6000 }));
    expect(threeFlowMismatch(twenty, { since: t0 })).toEqual([]);
    const light = [order({ declaredGrams: 1000, waybillGrams: 5000 })];
    expect(threeFlowMismatch(light, { since: t0 })).toEqual([]);
  });
  it('keeps months and sellers apart', () => {
    const os = [
      order({ seller: 'S1', payFen: 1000_00 }),
      order({ seller: 'S2', payFen: 3000_00 }),
      order({ at: Date.parse('2026-12-01T00:00:00+08:00'), payFen: 3000_00 }),
    ];
    expect(threeFlowMismatch(os, { since: t0 }).map((w) => [w.subject, w.period])).toEqual([
      ['S2', 'M2026-11'],
      ['S1', 'M2026-12'],
    ]);
  });
});

describe('burst from a new enterprise: 100 parcels in 24 h within 30 days of its first parcel', () => {
  const burst = (count: number, at: number, seller = 'NEW') =>
    Array.from({ length: count }, (_, i) => parcel({ seller, at: at + i * 60_000, buyer: `b${i}` }));
  it('fires on 100 parcels in a day, 10 days after the first', () => {
    const w = newEnterpriseBurst(burst(100, t0 + 10 * D), new Map([['NEW', t0]]), { since: t0 });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({
      typology: 'new_enterprise_burst',
      subject: 'NEW',
      severity: 'medium',
      figures: { parcels24h: 100, daysSinceFirst: 10, threshold: 100, newForDays: 30 },
    });
    expect(w[0]?.parcels).toHaveLength(100);
  });
  it('stays silent on 99 parcels, and on 100 from a seller first seen 30 days before', () => {
    expect(newEnterpriseBurst(burst(99, t0 + D), new Map([['NEW', t0]]), { since: t0 })).toEqual([]);
    expect(newEnterpriseBurst(burst(100, t0 + 30 * D), new Map([['NEW', t0]]), { since: t0 })).toEqual([]);
  });
});

describe('circular trade: export → return → re-export of the same goods within 180 days', () => {
  const m = (id: string, day: number, kind: 'export' | 'return', goods = 'ITEM-1'): ExportMovement => ({
    id,
    at: t0 + day * D,
    seller: 'EXP',
    goods,
    kind,
  });
  it('fires on export, return on day 20, re-export on day 40', () => {
    const w = circularTrade([m('e1', 0, 'export'), m('r1', 20, 'return'), m('e2', 40, 'export')], {
      since: t0,
    });
    expect(w).toEqual([
      expect.objectContaining({
        typology: 'circular_trade',
        subject: 'EXP',
        period: 'M2027-01',
        parcels: ['e1', 'r1', 'e2'],
        figures: { goods: 'ITEM-1', days: 40, windowDays: 180 },
      }),
    ]);
  });
  it('stays silent on export → return without re-export, on other goods, and beyond 180 days', () => {
    expect(circularTrade([m('e1', 0, 'export'), m('r1', 20, 'return')], { since: t0 })).toEqual([]);
    expect(
      circularTrade([m('e1', 0, 'export'), m('r1', 20, 'return'), m('e2', 40, 'export', 'ITEM-2')], {
        since: t0,
      }),
    ).toEqual([]);
    expect(
      circularTrade([m('e1', 0, 'export'), m('r1', 20, 'return'), m('e2', 181, 'export')], { since: t0 }),
    ).toEqual([]);
  });
});
