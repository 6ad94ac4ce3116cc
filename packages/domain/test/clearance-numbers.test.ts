import { describe, expect, it } from 'vitest';
import { formatInvtNo, formatPreNo, formatTaxNo } from '../src/index.ts';

describe('document numbers', () => {
  it('formats a pre-entry number as B + yyyymmdd + 9-digit serial, like the real B20230807570793612', () => {
    expect(formatPreNo('20230807', 570793612)).toBe('B20230807570793612');
    expect(formatPreNo('20250315', 42)).toBe('B20250315000000042');
    expect(formatPreNo('20250315', 0)).toHaveLength(18);
  });

  it('refuses a pre-entry serial outside 0..999999999 or a date that is not a calendar day', () => {
    expect(formatPreNo('20240229', 999_999_999)).toBe('B20240229999999999');
    expect(() => formatPreNo('20250315', 1_000_000_000)).toThrow(RangeError);
    expect(() => formatPreNo('20250315', -1)).toThrow(RangeError);
    expect(() => formatPreNo('20250315', 1.5)).toThrow(RangeError);
    expect(() => formatPreNo('20250229', 1)).toThrow(RangeError);
    expect(() => formatPreNo('2025-03-15', 1)).toThrow(RangeError);
  });

  it('formats an inventory number as customs code + year + I + 9-digit serial, like 29242020I439440284', () => {
    expect(formatInvtNo('2924', '2020', 439440284)).toBe('29242020I439440284');
    expect(formatInvtNo('4614', '2025', 7)).toBe('46142025I000000007');
  });

  it('refuses an inventory number with a malformed customs code, year or serial', () => {
    expect(() => formatInvtNo('461', '2025', 1)).toThrow(RangeError);
    expect(() => formatInvtNo('4614', '25', 1)).toThrow(RangeError);
    expect(() => formatInvtNo('4614', '2025', 1e9)).toThrow(RangeError);
  });

  it('numbers tax bills as inventory number _ sequence (our convention; CEB816 taxNo is free text)', () => {
    expect(formatTaxNo('46142025I000000007', 1)).toBe('46142025I000000007_1');
    expect(formatTaxNo('46142025I000000007', 2)).toBe('46142025I000000007_2');
    expect(() => formatTaxNo('46142025I000000007', 0)).toThrow(RangeError);
    expect(() => formatTaxNo('B20250315000000042', 1)).toThrow(RangeError);
  });
});
