import { describe, expect, it } from 'vitest';
import { chooseChannel, type ChannelInput } from '../src/index.ts';

const parties: ChannelInput['parties'] = [
  { role: 'ebp', code: '4614960001' },
  { role: 'ebc', code: '4614960002' },
  { role: 'payment', code: '4614960004' },
  { role: 'logistics', code: '4614960005' },
  { role: 'agent', code: '4614960006' },
  { role: 'buyer', code: 'buyer:410802199001011234' },
];

const input = (over: Partial<ChannelInput>): ChannelInput => ({
  parties,
  listed: new Set(),
  samplingRate: '0.05',
  draw: 0.5,
  ...over,
});

describe('red/green channel', () => {
  it('releases a parcel on the green lane when no party is listed and the draw misses the sample', () => {
    expect(chooseChannel(input({}))).toEqual({ lane: 'green', reasons: [] });
  });

  it('inspects a parcel in full when the e-commerce enterprise is on the negative list', () => {
    expect(chooseChannel(input({ listed: new Set(['4614960002']) }))).toEqual({
      lane: 'inspection',
      reasons: [
        {
          code: 'NEGATIVE_LIST',
          zh: '电商企业[4614960002]在信用负面清单中，全面查验',
          en: 'E-commerce enterprise [4614960002] is on the credit negative list: full inspection',
          party: '4614960002',
        },
      ],
    });
  });

  it('gives one reason per listed party, buyers included', () => {
    const decision = chooseChannel(input({ listed: new Set(['4614960005', 'buyer:410802199001011234']) }));
    expect(decision.lane).toBe('inspection');
    expect(decision.reasons.map((r) => r.zh)).toEqual([
      '物流企业[4614960005]在信用负面清单中，全面查验',
      '订购人在信用负面清单中，全面查验',
    ]);
  });

  it('inspects a parcel drawn below the sampling rate, and not one drawn exactly at it', () => {
    expect(chooseChannel(input({ draw: 0.049 }))).toEqual({
      lane: 'inspection',
      reasons: [
        {
          code: 'RANDOM_SAMPLING',
          zh: '随机抽中（抽查比例5%），查验',
          en: 'Selected by random sampling (rate 5%): inspection',
        },
      ],
    });
    expect(chooseChannel(input({ draw: 0.05 })).lane).toBe('green');
  });

  it('never samples at rate 0 and always samples at rate 1', () => {
    expect(chooseChannel(input({ samplingRate: '0', draw: 0 })).lane).toBe('green');
    expect(chooseChannel(input({ samplingRate: '1', draw: 0.999999 })).lane).toBe('inspection');
  });

  it('lists both reasons when a listed parcel is also drawn', () => {
    const decision = chooseChannel(input({ listed: new Set(['4614960001']), draw: 0.01 }));
    expect(decision.reasons.map((r) => r.code)).toEqual(['NEGATIVE_LIST', 'RANDOM_SAMPLING']);
  });

  it('throws on a sampling rate or draw outside its range, a bug in the caller', () => {
    expect(() => chooseChannel(input({ samplingRate: '1.5' }))).toThrow(RangeError);
    expect(() => chooseChannel(input({ samplingRate: '5%' }))).toThrow(RangeError);
    expect(() => chooseChannel(input({ draw: 1 }))).toThrow(RangeError);
    expect(() => chooseChannel(input({ draw: Number.NaN }))).toThrow(RangeError);
  });
});
