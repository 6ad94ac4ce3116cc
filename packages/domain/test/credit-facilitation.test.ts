import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLING_BY_LEVEL, checkSamplingTable, chooseChannel, samplingFor } from '../src/index.ts';

describe('credit-based random inspection rate', () => {
  it('samples better credit less: A 0.5%, B 3%, C 10%, D 30% by default', () => {
    expect(DEFAULT_SAMPLING_BY_LEVEL).toEqual({ A: '0.0050', B: '0.0300', C: '0.1000', D: '0.3000' });
    expect(checkSamplingTable(DEFAULT_SAMPLING_BY_LEVEL)).toEqual([]);
  });

  it('takes the zone’s rate for the level and says so', () => {
    expect(samplingFor('A', { A: '0.005', B: '0.02' }, '0.05')).toEqual({
      rate: '0.0050',
      reason: { zh: '信用等级A，随机抽查比例0.5%', en: 'credit level A: random inspection rate 0.5%' },
    });
  });

  it('falls back to the default for a level the zone left out, marked as default', () => {
    expect(samplingFor('D', { A: '0.005' }, '0.05')).toEqual({
      rate: '0.3000',
      reason: {
        zh: '信用等级D，随机抽查比例30%（默认）',
        en: 'credit level D: random inspection rate 30% (default)',
      },
    });
  });

  it('gives an enterprise without a level the zone’s general rate, and says so', () => {
    expect(samplingFor(null, DEFAULT_SAMPLING_BY_LEVEL, '0.05')).toEqual({
      rate: '0.0500',
      reason: {
        zh: '无信用等级，适用综试区随机抽查比例5%',
        en: "no credit level: the zone's random inspection rate 5%",
      },
    });
  });

  it('yields a rate the channel choice takes', () => {
    const { rate } = samplingFor('C', {}, '0.05');
    expect(chooseChannel({ parties: [], listed: new Set(), samplingRate: rate, draw: 0.05 }).lane).toBe(
      'inspection',
    );
    expect(chooseChannel({ parties: [], listed: new Set(), samplingRate: rate, draw: 0.1 }).lane).toBe(
      'green',
    );
  });

  it('throws RangeError on a configured rate outside 0–1', () => {
    expect(() => samplingFor('B', { B: '1.5' }, '0.05')).toThrow(RangeError);
    expect(() => samplingFor(null, {}, '-0.1')).toThrow(RangeError);
  });
});

describe('sampling table set by the zone office', () => {
  it('refuses keys that are not levels and rates outside 0–1 or with more than 4 decimals', () => {
    expect(checkSamplingTable({ A: '0.005', E: '0.5', B: '1.2', C: '0.12345', D: '1' })).toEqual([
      expect.objectContaining({ code: 'SAMPLING_LEVEL', field: 'E' }),
      expect.objectContaining({ code: 'SAMPLING_RATE', field: 'B', actual: '1.2' }),
      expect.objectContaining({ code: 'SAMPLING_RATE', field: 'C', actual: '0.12345' }),
    ]);
  });

  it('refuses a table that samples a better level more than a worse one', () => {
    expect(checkSamplingTable({ A: '0.05', C: '0.01', D: '0.3' })).toEqual([
      expect.objectContaining({ code: 'SAMPLING_ORDER', field: 'C', expected: '≥ 0.05', actual: '0.01' }),
    ]);
    expect(checkSamplingTable({ A: '0.03', B: '0.03' })).toEqual([]);
  });
});
