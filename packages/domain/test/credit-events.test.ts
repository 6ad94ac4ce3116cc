import { describe, expect, it } from 'vitest';
import { CREDIT_EVENT_CATEGORIES, checkCreditEventInput, creditEventFor } from '../src/index.ts';

describe('credit event catalogue', () => {
  it('has the platform and regulator categories, commendation the only positive one', () => {
    const bySource = (source: string) =>
      Object.entries(CREDIT_EVENT_CATEGORIES)
        .filter(([, c]) => c.source === source)
        .map(([code]) => code);
    expect(bySource('platform')).toEqual([
      'rule_refusal',
      'inspection_finding',
      'detention',
      'return_abroad',
      'late_tax',
      'sampling_failure',
      'complaint',
      'risk_warning',
    ]);
    expect(bySource('regulator')).toEqual(['administrative_penalty', 'commendation']);
    const positive = Object.entries(CREDIT_EVENT_CATEGORIES).filter(
      ([, c]) => !c.defaultWeight.startsWith('-'),
    );
    expect(positive.map(([code]) => code)).toEqual(['commendation']);
  });

  it('gives a new event the default weight and an expiry validityDays after it occurred', () => {
    expect(creditEventFor('rule_refusal', '2025-05-10')).toEqual({
      weight: '-1.00',
      expiresOn: '2026-05-10',
    });
    expect(creditEventFor('complaint', '2024-11-01')).toEqual({ weight: '-1.00', expiresOn: '2025-04-30' });
    expect(creditEventFor('detention', '2024-02-29')).toEqual({ weight: '-5.00', expiresOn: '2026-02-28' });
  });

  it('takes an officer’s override of weight and validity', () => {
    expect(
      creditEventFor('administrative_penalty', '2025-01-01', { weight: '-20', validityDays: 1095 }),
    ).toEqual({
      weight: '-20.00',
      expiresOn: '2028-01-01',
    });
  });

  it('throws RangeError for an unknown category, a malformed date or a refused override', () => {
    expect(() => creditEventFor('parking_ticket', '2025-01-01')).toThrow(RangeError);
    expect(() => creditEventFor('toString', '2025-01-01')).toThrow(RangeError);
    expect(() => creditEventFor('late_tax', '2025-13-01')).toThrow(RangeError);
    expect(() => creditEventFor('commendation', '2025-01-01', { weight: '-5' })).toThrow(RangeError);
    expect(() => creditEventFor('late_tax', '2025-01-01', { validityDays: 0 })).toThrow(RangeError);
  });
});

describe('recording a credit event', () => {
  const valid = {
    category: 'administrative_penalty',
    occurredOn: '2025-03-01',
    description: '焦作海关行政处罚决定书',
  };

  it('accepts a known category with a description, with or without a weight', () => {
    expect(checkCreditEventInput(valid)).toEqual([]);
    expect(checkCreditEventInput({ ...valid, weight: '-15.50' })).toEqual([]);
  });

  it('refuses an unknown category', () => {
    expect(checkCreditEventInput({ ...valid, category: 'rumour' })).toEqual([
      expect.objectContaining({ code: 'CREDIT_EVENT_CATEGORY', field: 'category' }),
    ]);
  });

  it('refuses a weight against the category’s sign, zero, beyond ±100 or with 3 decimals', () => {
    expect(checkCreditEventInput({ ...valid, weight: '5.00' })[0]).toMatchObject({
      code: 'CREDIT_EVENT_WEIGHT',
      field: 'weight',
      expected: 'negative, e.g. -10.00',
    });
    expect(checkCreditEventInput({ ...valid, category: 'commendation', weight: '-1' })[0]?.rule).toMatch(
      /^表彰的分值须为正数/,
    );
    for (const weight of ['0', '-0.00', '-100.01', '-1.005', 'abc'])
      expect(checkCreditEventInput({ ...valid, weight })[0]?.code).toBe('CREDIT_EVENT_WEIGHT');
  });

  it('refuses a date that is not a day, or one after the recording day', () => {
    expect(checkCreditEventInput({ ...valid, occurredOn: '2025-02-30' })[0]).toMatchObject({
      code: 'DATE_FORMAT',
      field: 'occurredOn',
    });
    expect(checkCreditEventInput(valid, '2025-02-28')[0]?.code).toBe('CREDIT_EVENT_FUTURE');
    expect(checkCreditEventInput(valid, '2025-03-01')).toEqual([]);
  });

  it('requires a description', () => {
    expect(checkCreditEventInput({ ...valid, description: ' ' })[0]).toMatchObject({
      code: 'CREDIT_EVENT_DESCRIPTION_REQUIRED',
      field: 'description',
    });
  });
});

describe('who decides each credit event (issue 17 item 2)', () => {
  it('names the platform for its own checks, customs for officers’ findings, regulators for theirs', () => {
    const decided = Object.fromEntries(
      Object.entries(CREDIT_EVENT_CATEGORIES).map(([code, c]) => [code, c.decidedBy]),
    );
    expect(decided).toEqual({
      rule_refusal: 'platform',
      inspection_finding: 'customs',
      detention: 'customs',
      return_abroad: 'customs',
      late_tax: 'customs',
      sampling_failure: 'customs',
      complaint: 'platform',
      risk_warning: 'customs',
      administrative_penalty: 'regulator',
      commendation: 'regulator',
    });
  });
});
