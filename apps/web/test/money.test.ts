import { describe, expect, it } from 'vitest';
import { sumDecimals } from '../src/format.ts';

describe('the web app adds money as exact decimals, never as binary floats', () => {
  it('adds 0.10 + 0.20 to 0.30 (floats give 0.30000000000000004)', () => {
    expect(sumDecimals(['0.10', '0.20'])).toBe('0.30');
  });

  it('adds CEB line values with up to five decimals (N19,5) exactly', () => {
    expect(sumDecimals(['268.00', '0.00001', '139.5'])).toBe('407.50001');
    expect(sumDecimals(['0.1', '0.2', '0.91'])).toBe('1.21');
    expect(sumDecimals(['99999999999999.99', '0.01'])).toBe('100000000000000.00');
  });

  it('keeps two decimals for whole amounts and handles negatives', () => {
    expect(sumDecimals(['410', '0'])).toBe('410.00');
    expect(sumDecimals(['-1.25', '0.20'])).toBe('-1.05');
    expect(sumDecimals([])).toBe('0.00');
  });

  it('refuses what is not a decimal rather than guessing', () => {
    expect(sumDecimals(['1.00', 'abc'])).toBeUndefined();
    expect(sumDecimals(['1e3'])).toBeUndefined();
  });
});
