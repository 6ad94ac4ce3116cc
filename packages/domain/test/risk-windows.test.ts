import { describe, expect, it } from 'vitest';
import { RiskWindows, type ParcelFact } from '../src/index.ts';

const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 2, 0, 0, 0);
const fact = (over: Partial<ParcelFact>): ParcelFact => ({
  at: t0,
  buyer: 'b1',
  address: 'a1',
  phone: 't1',
  payer: 'b1',
  valueFen: 100_00,
  ...over,
});

describe('risk windows: split orders over 24 hours', () => {
  it('sums one buyer’s orders within 24 h, this one included: 2,600 + 2,400.01 = 5,000.01 CNY', () => {
    const w = new RiskWindows();
    w.add(fact({ valueFen: 2600_00 }));
    expect(w.add(fact({ at: t0 + 23 * H, valueFen: 2400_01 }))).toMatchObject({
      'buyer.orders24h': 2,
      'buyer.sum24hCny': 5000.01,
    });
  });

  it('drops an order exactly 24 h old from the 24-hour window, keeps it in the 7-day one', () => {
    const w = new RiskWindows();
    w.add(fact({ valueFen: 2600_00 }));
    expect(w.add(fact({ at: t0 + 24 * H, valueFen: 2600_00 }))).toMatchObject({
      'buyer.orders24h': 1,
      'buyer.sum24hCny': 2600,
      'buyer.orders7d': 2,
      'buyer.sum7dCny': 5200,
    });
  });

  it('counts the same address and telephone across different buyers', () => {
    const w = new RiskWindows();
    w.add(fact({ buyer: 'b1', valueFen: 3000_00 }));
    expect(w.add(fact({ at: t0 + H, buyer: 'b2', payer: 'b2', valueFen: 3000_00 }))).toMatchObject({
      'buyer.orders24h': 1,
      'address.orders24h': 2,
      'address.sum24hCny': 6000,
      'phone.orders24h': 2,
      'phone.sum24hCny': 6000,
    });
  });
});

describe('risk windows: distinct buyers over 7 days', () => {
  it('five buyers at one address in 7 days; a sixth order by a known buyer does not add one', () => {
    const w = new RiskWindows();
    for (let i = 1; i <= 4; i++) w.add(fact({ at: t0 + i * H, buyer: `b${i}`, payer: `b${i}` }));
    expect(w.add(fact({ at: t0 + 5 * H, buyer: 'b5', payer: 'b5' }))['address.buyers7d']).toBe(5);
    expect(w.add(fact({ at: t0 + 6 * H, buyer: 'b5', payer: 'b5' }))['address.buyers7d']).toBe(5);
  });

  it('a buyer seen only more than 7 days ago no longer counts', () => {
    const w = new RiskWindows();
    w.add(fact({ buyer: 'old' }));
    expect(w.add(fact({ at: t0 + 7 * 24 * H, buyer: 'new' }))['address.buyers7d']).toBe(1);
  });

  it('payer fan-in: one payer for three buyers, not the buyer', () => {
    const w = new RiskWindows();
    w.add(fact({ buyer: 'b1', payer: 'p' }));
    w.add(fact({ at: t0 + H, buyer: 'b2', payer: 'p' }));
    expect(w.add(fact({ at: t0 + 2 * H, buyer: 'b3', payer: 'p' }))).toMatchObject({
      'payer.isBuyer': false,
      'payer.buyers7d': 3,
    });
  });

  it('no payment matched: the payer features do not apply (null)', () => {
    expect(new RiskWindows().add(fact({ payer: null }))).toMatchObject({
      'payer.isBuyer': null,
      'payer.buyers7d': null,
    });
  });

  it('refuses parcels out of time order', () => {
    const w = new RiskWindows();
    w.add(fact({ at: t0 + H }));
    expect(() => w.add(fact({ at: t0 }))).toThrow(RangeError);
  });
});
