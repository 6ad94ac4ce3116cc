import { describe, expect, it } from 'vitest';
import { actualPaidOf, goodsValueOf, mulDecimals } from '../src/areas/enterprise/entry/compute.ts';

describe('the entry form computes totals as exact decimals', () => {
  it('multiplies quantity by unit price, rounding half away from zero', () => {
    expect(mulDecimals('2', '268.00')).toBe('536.00');
    expect(mulDecimals('3', '0.1')).toBe('0.30');
    expect(mulDecimals('1.5', '33.335')).toBe('50.00');
    expect(mulDecimals('0.333', '0.5', 5)).toBe('0.16650');
    expect(mulDecimals('-2', '1.005')).toBe('-2.01');
    expect(mulDecimals('two', '1')).toBeUndefined();
  });

  it('sums the lines into the goods value and derives the amount paid', () => {
    expect(goodsValueOf([{ totalPrice: '536.00' }, { totalPrice: '0.10' }])).toBe('536.10');
    expect(goodsValueOf([{ totalPrice: '536.00' }, {}])).toBeUndefined();
    expect(actualPaidOf({ goodsValue: '536.00', freight: '10', taxTotal: '0', discount: '20.5' })).toBe(
      '525.50',
    );
    expect(actualPaidOf({ goodsValue: 'x' })).toBeUndefined();
  });
});
