import { DECIMAL_PATTERN, Dec, toDecimal } from '../money.ts';

export type PartyRole = 'ebp' | 'ebc' | 'payment' | 'logistics' | 'agent' | 'buyer';

export interface ChannelInput {
  parties: { role: PartyRole; code: string }[];
  /** Enterprise codes (or buyer keys) on the credit negative list. */
  listed: ReadonlySet<string>;
  /** Share of parcels sent to inspection at random, a decimal fraction '0'..'1'. */
  samplingRate: string;
  /** A uniform draw in [0, 1) made by the caller, so the decision itself stays reproducible. */
  draw: number;
}

export interface ChannelReason {
  code: 'NEGATIVE_LIST' | 'RANDOM_SAMPLING';
  zh: string;
  en: string;
  /** The listed party's code, for NEGATIVE_LIST. */
  party?: string;
}

export interface ChannelDecision {
  lane: 'green' | 'inspection';
  reasons: ChannelReason[];
}

const ROLE_NAMES: Record<PartyRole, { zh: string; en: string }> = {
  ebp: { zh: '电商平台', en: 'E-commerce platform' },
  ebc: { zh: '电商企业', en: 'E-commerce enterprise' },
  payment: { zh: '支付企业', en: 'Payment enterprise' },
  logistics: { zh: '物流企业', en: 'Logistics enterprise' },
  agent: { zh: '申报企业', en: 'Declaring agent' },
  buyer: { zh: '订购人', en: 'Buyer' },
};

/**
 * Red/green channel (红绿通道) for an accepted inventory: 120 → 500 查验 or 120 → 800 放行. It stands in for the
 * customs risk engine, whose criteria are not published: a party on the credit negative list means full
 * inspection (the zone plan's negative-list management, 事中全面查验、严密监管), and a random sample at the
 * configured rate goes to inspection too; everything else is green and released automatically. Every reason
 * that applies is listed, so a listed parcel that was also drawn shows both.
 */
export function chooseChannel(input: ChannelInput): ChannelDecision {
  const rate = samplingRate(input.samplingRate);
  if (!Number.isFinite(input.draw) || input.draw < 0 || input.draw >= 1) {
    throw new RangeError(`draw must be a number in [0, 1), got ${input.draw}`);
  }
  const reasons: ChannelReason[] = [];
  for (const { role, code } of input.parties) {
    if (!input.listed.has(code)) continue;
    const name = ROLE_NAMES[role];
    // A buyer is known by a keyed hash of the ID number: meaningless to a reader, so the text leaves it out.
    const shown = role === 'buyer' ? '' : `[${code}]`;
    reasons.push({
      code: 'NEGATIVE_LIST',
      zh: `${name.zh}${shown}在信用负面清单中，全面查验`,
      en: `${name.en}${shown ? ` ${shown}` : ''} is on the credit negative list: full inspection`,
      party: code,
    });
  }
  if (new Dec(input.draw).lt(rate)) {
    const percent = rate.times(100).toString();
    reasons.push({
      code: 'RANDOM_SAMPLING',
      zh: `随机抽中（抽查比例${percent}%），查验`,
      en: `Selected by random sampling (rate ${percent}%): inspection`,
    });
  }
  return { lane: reasons.length > 0 ? 'inspection' : 'green', reasons };
}

function samplingRate(value: string): Dec {
  const rate = DECIMAL_PATTERN.test(value) ? toDecimal(value) : undefined;
  if (!rate || rate.lt(0) || rate.gt(1)) {
    throw new RangeError(`samplingRate must be a decimal fraction from 0 to 1, got ${JSON.stringify(value)}`);
  }
  return rate;
}
