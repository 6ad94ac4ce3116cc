import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_EVENT_CATEGORIES,
  CREDIT_FORMULA_VERSION,
  addDays,
  compositeScore,
  creditLevelFor,
  toDecimal,
  type CompositeInput,
  type CompositeScore,
  type CreditEventInput,
  type CreditLevel,
  type CustomsCreditLevel,
  type RatingInput,
} from '../src/index.ts';

// ------------------------------------------------------------------------------------------------------------
// The worked example of docs/credit-formula.md
// ------------------------------------------------------------------------------------------------------------

const worked: CompositeInput = {
  asOf: '2025-06-30',
  customsLevel: 'general',
  ratings: [
    { agency: '信用评级机构甲', rating: 'AA', score: '82.50', ratedOn: '2025-03-01', validTo: '2026-03-01' },
    { agency: '信用评级机构乙', rating: 'A', score: '76.00', ratedOn: '2024-09-15', validTo: null },
    { agency: '信用评级机构乙', rating: 'BBB', score: '68.00', ratedOn: '2023-12-01', validTo: '2025-12-01' },
    { agency: '信用评级机构丙', rating: 'AAA', score: '95.00', ratedOn: '2024-05-20' },
  ],
  events: [
    event('E1', 'rule_refusal', '-1.00', '2025-05-10', '2026-05-10', '三单比对不通过：支付金额与订单不符'),
    event('E2', 'inspection_finding', '-3.00', '2025-01-15', '2026-01-15', '查验发现申报品名与实货不符'),
    event('E3', 'commendation', '5.00', '2025-04-01', '2026-04-01', '焦作市跨境电商示范企业'),
    event('E4', 'complaint', '-1.00', '2024-11-01', '2025-04-30', '消费者投诉延迟发货'),
  ],
  negativeListed: false,
};

function event(
  id: string,
  category: string,
  weight: string,
  occurredOn: string,
  expiresOn: string,
  description = category,
): CreditEventInput {
  const source = CREDIT_EVENT_CATEGORIES[category]?.source ?? 'platform';
  return { id, category, source, weight, occurredOn, expiresOn, description };
}

const brief = (score: CompositeScore) => score.components.map((c) => [c.kind, c.ref ?? '', c.points]);

describe('composite credit score: the worked example of docs/credit-formula.md', () => {
  it('reproduces 79.78, level B, component by component', () => {
    const result = compositeScore(worked);
    expect(result).toMatchObject({
      score: '79.78',
      uncapped: '79.78',
      level: 'B',
      formulaVersion: 'jz-credit-1',
    });
    expect(brief(result)).toEqual([
      ['customs_level', 'general', '35.00'],
      ['third_party', '信用评级机构乙', '11.40'],
      ['third_party', '信用评级机构甲', '12.38'],
      ['behaviour', '', '20.00'],
      ['event', 'E2', '-3.00'],
      ['event', 'E3', '5.00'],
      ['event', 'E1', '-1.00'],
    ]);
    expect(result.components[2]).toMatchObject({ weight: '0.15', input: '82.50' });
  });

  it('caps the same enterprise at 54.99 (level D) once it is on the negative list', () => {
    const result = compositeScore({ ...worked, negativeListed: true });
    expect(result).toMatchObject({ score: '54.99', uncapped: '79.78', level: 'D' });
    expect(brief(result).slice(-2)).toEqual([
      ['negative_list', '', '0.00'],
      ['cap', 'negative_list', '-24.79'],
    ]);
  });
});

describe('composite credit score: rules', () => {
  const bare: CompositeInput = {
    asOf: '2025-06-30',
    customsLevel: null,
    ratings: [],
    events: [],
    negativeListed: false,
  };

  it('treats an enterprise without a customs level as 一般信用 and says so', () => {
    const result = compositeScore(bare);
    expect(result.components[0]).toMatchObject({ kind: 'customs_level', ref: 'general', points: '35.00' });
    expect(result.components[0]?.label).toMatch(/^无海关信用等级记录，按一般信用企业计/);
    expect(result.score).toBe(compositeScore({ ...bare, customsLevel: 'general' }).score);
  });

  it('uses the neutral rating 60 when no third-party rating is valid, and says so', () => {
    const third = compositeScore(bare).components.filter((c) => c.kind === 'third_party');
    expect(third).toEqual([expect.objectContaining({ input: '60.00', points: '18.00' })]);
    expect(third[0]?.label).toMatch(/^无有效的第三方信用评级/);
    expect(compositeScore(bare)).toMatchObject({ score: '73.00', level: 'B' });
  });

  it('scores the customs levels 100 / 85 / 70 / 0 at half weight', () => {
    const score = (customsLevel: CustomsCreditLevel) => compositeScore({ ...bare, customsLevel }).score;
    expect(score('advanced_certified')).toBe('88.00');
    expect(score('general_certified')).toBe('80.50');
    expect(score('general')).toBe('73.00');
    expect(score('dishonest')).toBe('38.00');
  });

  it('caps a 失信 enterprise at 54.99 however good its ratings and behaviour', () => {
    const result = compositeScore({
      ...bare,
      customsLevel: 'dishonest',
      ratings: [{ agency: 'X', rating: 'AAA', score: '100', ratedOn: '2025-01-01', validTo: null }],
      events: [event('C1', 'commendation', '10.00', '2025-06-01', '2026-06-01')],
    });
    expect(result).toMatchObject({ uncapped: '60.00', score: '54.99', level: 'D' });
    expect(result.components.at(-1)).toMatchObject({ kind: 'cap', ref: 'dishonest', points: '-5.01' });
  });

  it('counts positive events at most +10 in total', () => {
    const result = compositeScore({
      ...bare,
      events: [
        event('C1', 'commendation', '5.00', '2025-01-01', '2026-01-01'),
        event('C2', 'commendation', '5.00', '2025-02-01', '2026-02-01'),
        event('C3', 'commendation', '5.00', '2025-03-01', '2026-03-01'),
      ],
    });
    expect(result).toMatchObject({ uncapped: '88.00', score: '83.00', level: 'B' });
    expect(result.components.at(-1)).toMatchObject({ kind: 'cap', ref: 'positive_events', points: '-5.00' });
  });

  it('never goes below 0, showing the lift as a cap', () => {
    const result = compositeScore({
      ...bare,
      events: [event('P1', 'administrative_penalty', '-100.00', '2025-01-01', '2027-01-01')],
    });
    expect(result).toMatchObject({ uncapped: '-27.00', score: '0.00', level: 'D' });
    expect(result.components.at(-1)).toMatchObject({ kind: 'cap', ref: 'bounds', points: '27.00' });
  });

  it('counts an event from occurredOn (inclusive) to expiresOn (exclusive)', () => {
    const e = event('E', 'late_tax', '-2.00', '2025-06-30', '2025-07-01');
    expect(compositeScore({ ...bare, events: [e] }).score).toBe('71.00');
    expect(compositeScore({ ...bare, asOf: '2025-06-29', events: [e] }).score).toBe('73.00');
    expect(compositeScore({ ...bare, asOf: '2025-07-01', events: [e] }).score).toBe('73.00');
  });

  it('counts only the latest valid rating of each agency', () => {
    const ratings: RatingInput[] = [
      { agency: 'X', rating: 'A', score: '80', ratedOn: '2025-01-01', validTo: null },
      { agency: 'X', rating: 'AAA', score: '100', ratedOn: '2024-12-01', validTo: '2026-01-01' },
      { agency: 'Y', rating: 'AA', score: '90', ratedOn: '2025-07-01', validTo: null }, // not yet rated on asOf
    ];
    const result = compositeScore({ ...bare, ratings });
    expect(brief(result).filter(([kind]) => kind === 'third_party')).toEqual([['third_party', 'X', '24.00']]);
  });

  it('maps scores to levels at 85 / 70 / 55', () => {
    const cases: [string, CreditLevel][] = [
      ['100.00', 'A'],
      ['85.00', 'A'],
      ['84.99', 'B'],
      ['70.00', 'B'],
      ['69.99', 'C'],
      ['55.00', 'C'],
      ['54.99', 'D'],
      ['0.00', 'D'],
    ];
    for (const [score, level] of cases) expect(creditLevelFor(score)).toBe(level);
  });

  it('refuses malformed inputs as a caller’s bug', () => {
    expect(() => compositeScore({ ...bare, asOf: '2025-02-30' })).toThrow(RangeError);
    expect(() =>
      compositeScore({
        ...bare,
        ratings: [{ agency: 'X', rating: 'A', score: '101', ratedOn: '2025-01-01' }],
      }),
    ).toThrow(RangeError);
    expect(() =>
      compositeScore({ ...bare, events: [event('E', 'late_tax', 'two', '2025-01-01', '2026-01-01')] }),
    ).toThrow(RangeError);
  });
});

// ------------------------------------------------------------------------------------------------------------
// Properties
// ------------------------------------------------------------------------------------------------------------

const BASE = '2024-01-01';
const dateArb = fc.integer({ min: 0, max: 900 }).map((n) => addDays(BASE, n));
const cents = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => toDecimal(n).div(100).toFixed(2));

const eventArb = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    category: fc.constantFrom(...Object.keys(CREDIT_EVENT_CATEGORIES)),
    weight: cents(-2000, 1000),
    start: fc.integer({ min: 0, max: 900 }),
    days: fc.integer({ min: 1, max: 800 }),
    description: fc.constantFrom('甲', '乙', '丙'),
  })
  .map(({ start, days, ...e }) => ({
    ...e,
    source: CREDIT_EVENT_CATEGORIES[e.category]?.source ?? ('platform' as const),
    occurredOn: addDays(BASE, start),
    expiresOn: addDays(BASE, start + days),
  }));

const ratingArb = fc.record({
  agency: fc.constantFrom('甲', '乙', '丙', '丁'),
  rating: fc.constantFrom('AAA', 'AA', 'A', 'BBB'),
  score: cents(0, 10000),
  ratedOn: dateArb,
  validTo: fc.option(dateArb, { nil: null }),
});

const inputArb: fc.Arbitrary<CompositeInput> = fc.record({
  asOf: dateArb,
  customsLevel: fc.constantFrom<CustomsCreditLevel | null>(
    'advanced_certified',
    'general_certified',
    'general',
    'dishonest',
    null,
  ),
  ratings: fc.array(ratingArb, { maxLength: 6 }),
  events: fc.array(eventArb, { maxLength: 12 }),
  negativeListed: fc.boolean(),
});

const sum = (values: string[]) => values.reduce((acc, v) => acc.plus(v), toDecimal(0)).toFixed(2);

describe('composite credit score: properties', () => {
  it('does not depend on the order of ratings and events', () => {
    fc.assert(
      fc.property(
        inputArb.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray([...input.ratings], { minLength: input.ratings.length }),
            fc.shuffledSubarray([...input.events], { minLength: input.events.length }),
          ),
        ),
        ([input, ratings, events]) => {
          expect(compositeScore({ ...input, ratings, events })).toEqual(compositeScore(input));
        },
      ),
    );
  });

  it('explains itself: components before the caps add up to uncapped, all of them to the score', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = compositeScore(input);
        expect(sum(result.components.filter((c) => c.kind !== 'cap').map((c) => c.points))).toBe(
          result.uncapped,
        );
        expect(sum(result.components.map((c) => c.points))).toBe(result.score);
        expect(result.formulaVersion).toBe(CREDIT_FORMULA_VERSION);
        expect(result.level).toBe(creditLevelFor(result.score));
      }),
    );
  });

  it('stays within 0–100 with two decimals', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { score } = compositeScore(input);
        expect(score).toMatch(/^\d{1,3}\.\d{2}$/);
        expect(toDecimal(score).gte(0) && toDecimal(score).lte(100)).toBe(true);
      }),
    );
  });

  it('never rises when a negative-weight event is added', () => {
    fc.assert(
      fc.property(inputArb, eventArb, cents(-2000, -1), (input, extra, weight) => {
        const before = compositeScore(input);
        const after = compositeScore({ ...input, events: [...input.events, { ...extra, weight }] });
        expect(toDecimal(after.score).lte(before.score)).toBe(true);
        expect(after.level >= before.level).toBe(true); // 'A' < 'B' < 'C' < 'D'
      }),
    );
  });

  it('ignores events that expired before asOf or occur after it', () => {
    fc.assert(
      fc.property(inputArb, eventArb, fc.boolean(), (input, extra, expired) => {
        const outside = expired
          ? { ...extra, id: 'outside', expiresOn: input.asOf, occurredOn: addDays(input.asOf, -30) }
          : {
              ...extra,
              id: 'outside',
              occurredOn: addDays(input.asOf, 1),
              expiresOn: addDays(input.asOf, 90),
            };
        const result = compositeScore({ ...input, events: [...input.events, outside] });
        const withoutOutside = (r: CompositeScore) => r.components.filter((c) => c.ref !== 'outside');
        expect(result.score).toBe(compositeScore(input).score);
        expect(withoutOutside(result)).toEqual(
          compositeScore(input).components.filter((c) => c.ref !== 'outside'),
        );
        expect(result.components.some((c) => c.kind === 'event' && c.ref === 'outside')).toBe(false);
      }),
    );
  });

  it('puts every 失信 or negative-listed enterprise at level D', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        if (input.customsLevel !== 'dishonest' && !input.negativeListed) return;
        expect(compositeScore(input).level).toBe('D');
      }),
    );
  });
});
