import { addDays, isIsoDate } from '../export/deadline.ts';
import { DECIMAL_PATTERN, Dec, formatDecimal, toDecimal } from '../money.ts';
import { CREDIT_EVENT_CATEGORIES } from './events.ts';

/**
 * Composite credit evaluation (综合评价), seed §二(二)4: "a composite evaluation that combines the regulators'
 * credit certification with third-party credit ratings", plus what the platform itself saw of the enterprise's
 * behaviour, and the negative list. The formula (version `jz-credit-1`) is written out with a worked example in
 * docs/credit-formula.md; in short, on a 0–100 scale:
 *
 *   score = 0.50 × customs level points             (高级认证 100, 一般认证 85, 一般信用 70, 失信 0; none → 一般信用)
 *         + 0.30 × mean of the valid third-party rating scores   (each rating: score × 0.30 / n, to 0.01; none → 60)
 *         + 20 behaviour baseline
 *         + Σ weights of the credit events in force               (each event: its signed weight, to 0.01)
 *   then capped: positive events count at most +10 in total; the score stays within 0–100;
 *   a 失信 enterprise or one on the negative list scores at most 54.99, i.e. level D.
 *   Level: A ≥ 85, B ≥ 70, C ≥ 55, D below.
 *
 * Every contribution is its own component rounded half-up to 0.01, and the score is their exact sum, so the
 * score explains itself: the components other than caps add up to `uncapped`, and all components, caps
 * included, add up to `score`. The result depends only on the inputs (never on their order, nor on the clock).
 */
export const CREDIT_FORMULA_VERSION = 'jz-credit-1';

/**
 * The customs credit levels of 《海关注册登记和备案企业信用管理办法》海关总署令第251号 (2021, in force from
 * 2021-11-01): 高级认证企业, 一般信用企业, 失信企业. 一般认证企业 belongs to the earlier 《海关企业信用管理办法》
 * 海关总署令第237号 (2018) [UNVERIFIED: order number] and is kept for history records (`current: false`).
 * `points` is this formula's 0–100 value of the level, not a figure from the order.
 */
export type CustomsCreditLevel = 'advanced_certified' | 'general_certified' | 'general' | 'dishonest';

export const CUSTOMS_CREDIT_LEVELS: Record<
  CustomsCreditLevel,
  { zh: string; en: string; points: number; current: boolean }
> = {
  advanced_certified: {
    zh: '高级认证企业',
    en: 'Advanced certified enterprise (AEO)',
    points: 100,
    current: true,
  },
  general_certified: { zh: '一般认证企业', en: 'General certified enterprise', points: 85, current: false },
  general: { zh: '一般信用企业', en: 'General credit enterprise', points: 70, current: true },
  dishonest: { zh: '失信企业', en: 'Dishonest enterprise', points: 0, current: true },
};

export type CreditLevel = 'A' | 'B' | 'C' | 'D';

export const CREDIT_LEVELS: readonly CreditLevel[] = ['A', 'B', 'C', 'D'];

/** The formula's constants (jz-credit-1); exported so the UI and docs show the same numbers as the code. */
export const CREDIT_FORMULA = {
  customsWeight: '0.50',
  thirdPartyWeight: '0.30',
  behaviourWeight: '0.20',
  /** Behaviour starts full (0.20 × 100) and events move it. */
  behaviourBaseline: '20.00',
  /** The rating score used when no third-party rating is valid on the day: a neutral middle. */
  neutralRating: '60.00',
  /** Positive events (commendations) count at most this much in total. */
  positiveEventCap: '10.00',
  /** The score of a 失信 or negative-listed enterprise is at most this: just below the C threshold. */
  dishonestCap: '54.99',
  /** A rating without `validTo` counts this many days from `ratedOn`. */
  ratingValidityDays: 365,
  thresholds: { A: '85.00', B: '70.00', C: '55.00' },
} as const;

/** A credit event as stored (credit_events); its weight is signed points. */
export interface CreditEventInput {
  id: string;
  category: string;
  source: 'platform' | 'regulator';
  weight: string;
  /** YYYY-MM-DD; the event counts from this day (inclusive) … */
  occurredOn: string;
  /** … to this day (exclusive). */
  expiresOn: string;
  description: string;
}

/** A third-party credit rating (third_party_ratings). */
export interface RatingInput {
  agency: string;
  /** The agency's own grade, e.g. AAA; shown, not scored. */
  rating: string;
  /** The agency's score on 0–100. */
  score: string;
  /** YYYY-MM-DD; counts from this day (inclusive) … */
  ratedOn: string;
  /** … to this day (exclusive); without it, for {@link CREDIT_FORMULA.ratingValidityDays} days. */
  validTo?: string | null | undefined;
}

export interface CompositeInput {
  /** The day the evaluation is made for (YYYY-MM-DD). */
  asOf: string;
  /** The customs credit level in force on `asOf`; null when customs has none on record. */
  customsLevel: CustomsCreditLevel | null;
  ratings: readonly RatingInput[];
  events: readonly CreditEventInput[];
  /** On the credit negative list on `asOf`. */
  negativeListed: boolean;
}

/**
 * One line of the explanation. `points` is the line's contribution to the score (2 decimals, signed);
 * `weight` how the input counts: the share of a 0–100 value for customs_level, third_party and behaviour
 * (then `input` is that value and points = input × weight, rounded to 0.01), the signed event weight for an
 * event, '0' for the negative-list line (its effect is the cap), '1' for a cap.
 */
export interface ScoreComponent {
  kind: 'customs_level' | 'third_party' | 'behaviour' | 'event' | 'negative_list' | 'cap';
  /** customs_level: the level code; third_party: the agency; event: the event id; cap: which cap. */
  ref?: string;
  label: string;
  weight: string;
  points: string;
  /** The 0–100 value the weight applies to, where there is one. */
  input?: string;
}

export interface CompositeScore {
  score: string;
  level: CreditLevel;
  formulaVersion: string;
  components: ScoreComponent[];
  /** The sum of the components before the caps (2 decimals); equal to `score` when no cap applied. */
  uncapped: string;
}

const ZERO = new Dec(0);
const HUNDRED = new Dec(100);
const points = (value: Dec): string => formatDecimal(value, 2);

/** The composite level of a score (2 decimals): A ≥ 85, B ≥ 70, C ≥ 55, else D. */
export function creditLevelFor(score: string): CreditLevel {
  const value = toDecimal(score);
  const { thresholds } = CREDIT_FORMULA;
  if (value.gte(thresholds.A)) return 'A';
  if (value.gte(thresholds.B)) return 'B';
  if (value.gte(thresholds.C)) return 'C';
  return 'D';
}

function requireDate(what: string, value: string): void {
  if (!isIsoDate(value))
    throw new RangeError(`${what} must be a real YYYY-MM-DD day, got ${JSON.stringify(value)}`);
}

function requireDecimal(what: string, value: string): Dec {
  if (!DECIMAL_PATTERN.test(value))
    throw new RangeError(`${what} must be a decimal, got ${JSON.stringify(value)}`);
  return toDecimal(value);
}

/** A rating counts on `asOf` when ratedOn ≤ asOf < (validTo ?? ratedOn + 365 days). */
export function ratingValidOn(rating: RatingInput, asOf: string): boolean {
  const until = rating.validTo ?? addDays(rating.ratedOn, CREDIT_FORMULA.ratingValidityDays);
  return rating.ratedOn <= asOf && asOf < until;
}

/** An event counts on `asOf` when occurredOn ≤ asOf < expiresOn. */
export function eventInForce(
  event: Pick<CreditEventInput, 'occurredOn' | 'expiresOn'>,
  asOf: string,
): boolean {
  return event.occurredOn <= asOf && asOf < event.expiresOn;
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Lexicographic comparison of string tuples, for orders that do not depend on the input order. */
function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareStrings(a[i] ?? '', b[i] ?? '');
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * The ratings that count: valid on `asOf`, and of each agency only the latest (a new rating supersedes the
 * agency's earlier one). Between two ratings of one agency on one day, the lower score counts (the cautious
 * reading). Sorted by agency.
 */
function countedRatings(ratings: readonly RatingInput[], asOf: string): RatingInput[] {
  const byAgency = new Map<string, RatingInput>();
  for (const rating of ratings) {
    requireDate('rating.ratedOn', rating.ratedOn);
    if (rating.validTo != null) requireDate('rating.validTo', rating.validTo);
    const score = requireDecimal('rating.score', rating.score);
    if (score.lt(0) || score.gt(100)) throw new RangeError(`rating.score must be 0–100, got ${rating.score}`);
    if (!ratingValidOn(rating, asOf)) continue;
    const held = byAgency.get(rating.agency);
    if (held === undefined || ratingPrecedes(rating, held)) byAgency.set(rating.agency, rating);
  }
  return [...byAgency.values()].sort((a, b) => compareStrings(a.agency, b.agency));
}

function ratingPrecedes(a: RatingInput, b: RatingInput): boolean {
  if (a.ratedOn !== b.ratedOn) return a.ratedOn > b.ratedOn;
  const byScore = toDecimal(a.score).comparedTo(toDecimal(b.score));
  if (byScore !== 0) return byScore < 0;
  return compareKeys([a.rating, a.validTo ?? ''], [b.rating, b.validTo ?? '']) < 0;
}

const eventKey = (e: CreditEventInput): string[] => [
  e.occurredOn,
  e.id,
  e.category,
  e.weight,
  e.expiresOn,
  e.source,
  e.description,
];

/**
 * The composite credit score of an enterprise on `input.asOf` (formula jz-credit-1, see the top of this file and
 * docs/credit-formula.md). Malformed inputs (a date that is not a day, a weight or score that is not a decimal,
 * a rating score outside 0–100) are a caller's bug and throw RangeError.
 */
export function compositeScore(input: CompositeInput): CompositeScore {
  const { asOf } = input;
  requireDate('asOf', asOf);
  const f = CREDIT_FORMULA;
  const components: ScoreComponent[] = [];

  // 1. Customs credit level (海关总署令第251号): half of the score.
  const level = input.customsLevel ?? 'general';
  const customs = CUSTOMS_CREDIT_LEVELS[level];
  components.push({
    kind: 'customs_level',
    ref: level,
    label:
      input.customsLevel === null
        ? `无海关信用等级记录，按${customs.zh}计 (no customs credit level on record: treated as ${customs.en.toLowerCase()})`
        : `海关信用等级：${customs.zh} (customs credit level: ${customs.en})`,
    weight: f.customsWeight,
    input: String(customs.points),
    points: points(new Dec(customs.points).times(f.customsWeight)),
  });

  // 2. Third-party ratings: 30%, shared equally by the agencies whose latest rating is valid.
  const ratings = countedRatings(input.ratings, asOf);
  if (ratings.length === 0) {
    components.push({
      kind: 'third_party',
      label: `无有效的第三方信用评级，按中性分${f.neutralRating}计 (no third-party rating valid on ${asOf}: neutral ${f.neutralRating})`,
      weight: f.thirdPartyWeight,
      input: f.neutralRating,
      points: points(toDecimal(f.neutralRating).times(f.thirdPartyWeight)),
    });
  } else {
    const share = toDecimal(f.thirdPartyWeight).div(ratings.length);
    for (const rating of ratings) {
      components.push({
        kind: 'third_party',
        ref: rating.agency,
        label: `第三方信用评级：${rating.agency} ${rating.rating}（${rating.ratedOn}） (third-party rating: ${rating.agency} ${rating.rating}, rated ${rating.ratedOn})`,
        weight: formatShare(share),
        input: rating.score,
        points: points(toDecimal(rating.score).times(share)),
      });
    }
  }

  // 3. Behaviour: a full baseline of 20 that the events in force move.
  components.push({
    kind: 'behaviour',
    label: `行为基础分 (behaviour baseline)`,
    weight: f.behaviourWeight,
    input: '100',
    points: f.behaviourBaseline,
  });
  const events = input.events
    .filter((event) => {
      requireDate('event.occurredOn', event.occurredOn);
      requireDate('event.expiresOn', event.expiresOn);
      requireDecimal('event.weight', event.weight);
      return eventInForce(event, asOf);
    })
    .sort((a, b) => compareKeys(eventKey(a), eventKey(b)));
  let positive = ZERO;
  for (const event of events) {
    const cat = Object.hasOwn(CREDIT_EVENT_CATEGORIES, event.category)
      ? CREDIT_EVENT_CATEGORIES[event.category]
      : undefined;
    const weight = points(toDecimal(event.weight));
    if (toDecimal(weight).gt(0)) positive = positive.plus(weight);
    components.push({
      kind: 'event',
      ref: event.id,
      label: `${cat?.zh ?? event.category}（${event.occurredOn}）：${event.description} (${cat?.en ?? event.category}, ${event.occurredOn})`,
      weight,
      points: weight,
    });
  }

  // 4. The negative list (事前准入禁止、事中全面查验): no points of its own; it caps the score below.
  if (input.negativeListed) {
    components.push({
      kind: 'negative_list',
      label: '列入信用负面清单，信用等级最高为D (on the credit negative list: the level is at most D)',
      weight: '0',
      points: '0.00',
    });
  }

  const uncapped = components.reduce((sum, c) => sum.plus(c.points), ZERO);

  // 5. Caps, each its own component, so that all components still add up to the score.
  let score = uncapped;
  const cap = (ref: string, label: string, to: Dec): void => {
    components.push({ kind: 'cap', ref, label, weight: '1', points: points(to.minus(score)) });
    score = to;
  };
  const positiveCap = toDecimal(f.positiveEventCap);
  if (positive.gt(positiveCap)) {
    cap(
      'positive_events',
      `加分事件合计最多计${f.positiveEventCap}分（实得${points(positive)}分） (positive events count at most ${f.positiveEventCap} in total; they came to ${points(positive)})`,
      score.minus(positive.minus(positiveCap)),
    );
  }
  if (score.gt(HUNDRED)) cap('bounds', '综合得分最高为100 (the score is at most 100)', HUNDRED);
  if (score.lt(ZERO)) cap('bounds', '综合得分最低为0 (the score is at least 0)', ZERO);
  const dishonest = input.customsLevel === 'dishonest';
  if ((dishonest || input.negativeListed) && score.gt(f.dishonestCap)) {
    const why = [
      ...(dishonest ? [{ zh: '失信企业', en: 'dishonest enterprise' }] : []),
      ...(input.negativeListed ? [{ zh: '列入信用负面清单', en: 'on the negative list' }] : []),
    ];
    cap(
      dishonest ? 'dishonest' : 'negative_list',
      `${why.map((w) => w.zh).join('、')}：得分最高${f.dishonestCap}（D级） (${why.map((w) => w.en).join(', ')}: score at most ${f.dishonestCap}, level D)`,
      toDecimal(f.dishonestCap),
    );
  }

  const final = points(score);
  return {
    score: final,
    level: creditLevelFor(final),
    formulaVersion: CREDIT_FORMULA_VERSION,
    components,
    uncapped: points(uncapped),
  };
}

/** A rating's share of the third-party weight as shown: exact when it has at most 4 decimals, else to 4. */
function formatShare(share: Dec): string {
  return share.decimalPlaces() <= 4 ? share.toFixed() : formatDecimal(share, 4);
}
