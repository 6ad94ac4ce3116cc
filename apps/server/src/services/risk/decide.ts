import type { Database, ImportDocument, Kysely } from '@crossgate/db';
import {
  BASELINE_RULE_SET,
  BASELINE_VERSION,
  LANE_NAMES,
  RiskWindows,
  chooseChannel,
  evaluateRisk,
  type ChannelReason,
  type FeatureValues,
  type RiskDecision,
  type RiskLane,
  type VersionedRuleSet,
} from '@crossgate/domain';
import {
  insertParcelKeys,
  insertRiskDecisions,
  liveRuleSets,
  parcelKeysAround,
  type ParcelKeysRow,
} from '../../repositories/risk.ts';
import { sharedInUnit } from '../../repositories/unit-of-work.ts';
import { listedOf } from '../import/batch-shared.ts';
import type { RequestContext } from '../context.ts';
import { batchFacts, type FeatureRow, type ParcelFacts } from './features.ts';

/**
 * Live risk decisions (issue 19, decision 0046): the lane of every accepted import inventory comes from the
 * published rule set — or, while none is published, from the built-in baseline, which decides exactly as the
 * red/green channel did before (negative list → inspection; random sample at the seller's credit level's rate).
 * Set-wise: for a batch of parcels, one statement per kind — the rule sets (once per gateway batch), the
 * features (features.ts: payments, reference prices, negative list; the policy's sampling rates), the window
 * history (risk_parcel_keys) — then one multi-row insert of the window keys and one of the decisions, the
 * shadow draft's among them. An evaluation error never fails clearance: the parcel goes to manual review with
 * the error on its decision.
 *
 * Lanes onto the clearance statuses: green → 800 released; inspection and hold → 500 查验; document review and
 * manual review → 300 人工审核.
 */

/** What the live engine asks of the clearance policy (ClearancePolicy in clear-inventory.ts). */
export interface LanePolicy {
  samplingRate: (db: Kysely<Database>) => Promise<string>;
  draw?: () => number;
  creditSampling?: (
    db: Kysely<Database>,
    ebcCode: string,
    zoneRate: string,
  ) => Promise<{ rate: string; reason: { zh: string; en: string } } | undefined>;
}

export interface LaneParcel {
  inventory: ImportDocument;
  buyerKey: string;
  /** The value on the limit basis (goods + freight + insurance), yuan. */
  amount: string;
}

export interface ChannelRecord {
  lane: RiskLane;
  /** Why, in the red/green channel's words for today's two reasons, else the fired rule's text. */
  reasons: (ChannelReason | { code: string; zh: string; en: string })[];
  sampling?: { zh: string; en: string };
  ruleSet: { id: string | null; version: number };
  /** The ids of the rules that fired (the explanation with values and thresholds is on the risk decision). */
  fired: string[];
  error?: { zh: string; en: string };
}

export interface LaneOutcome {
  documentId: string;
  lane: RiskLane;
  /** The clearance status the lane leads to. */
  status: '800' | '500' | '300';
  channel: ChannelRecord;
  /** The timeline's and receipt's text (no rule, threshold or value beyond today's two reasons). */
  info: string;
  decision: RiskDecision;
}

export const STATUS_OF_LANE: Record<RiskLane, '800' | '500' | '300'> = {
  green: '800',
  inspection: '500',
  hold: '500',
  document_review: '300',
  manual_review: '300',
};

const WEEK_MS = 7 * 24 * 3_600_000;

interface LiveSets {
  live: VersionedRuleSet & { stored: boolean };
  shadow?: VersionedRuleSet;
}

/** The rule sets judging now, read once per gateway batch (a publish applies from the next batch). */
async function liveSets(db: Kysely<Database>): Promise<LiveSets> {
  return sharedInUnit(db, 'risk-live-rule-sets', async () => {
    const rows = await liveRuleSets(db);
    const published = rows.find((r) => r.status === 'published');
    const shadow = rows.find((r) => r.shadow && r.status === 'draft');
    return {
      live: published
        ? { id: published.id, version: published.version, body: published.body, stored: true }
        : { ...BASELINE_VERSION, body: BASELINE_RULE_SET, stored: false },
      ...(shadow ? { shadow: { id: shadow.id, version: shadow.version, body: shadow.body } } : {}),
    };
  });
}

export async function decideLanes(
  db: Kysely<Database>,
  ctx: RequestContext,
  policy: LanePolicy,
  parcels: LaneParcel[],
): Promise<LaneOutcome[]> {
  if (parcels.length === 0) return [];
  const sets = await liveSets(db);
  const zoneRate = await policy.samplingRate(db);
  // Credit-based facilitation: the seller's level sets the rate (asked once per seller of the batch).
  const sampling = new Map<string, { rate: string; reason: { zh: string; en: string } } | undefined>();
  if (policy.creditSampling)
    for (const ebc of new Set(parcels.map((p) => p.inventory.ebc_code ?? '')))
      sampling.set(ebc, await policy.creditSampling(db, ebc, zoneRate));
  const rows: FeatureRow[] = parcels.map((p) => ({
    id: p.inventory.id,
    created_at: p.inventory.created_at,
    order_no: p.inventory.order_no,
    ebp_code: p.inventory.ebp_code,
    ebc_code: p.inventory.ebc_code,
    logistics_code: p.inventory.logistics_code,
    body: p.inventory.body,
    buyer_key: p.buyerKey,
    quota_amount: p.amount,
  }));
  const facts = await batchFacts(db, rows, {
    listedOf: (keys) => listedOf(db, keys),
    rateOf: (r) => sampling.get(r.ebc_code ?? '')?.rate ?? zoneRate,
  });
  const windowFeatures = await windowsOf(db, rows, facts);

  const decisions: Parameters<typeof insertRiskDecisions>[1] = [];
  const outcomes: LaneOutcome[] = [];
  for (const p of parcels) {
    const id = p.inventory.id;
    const f = facts.get(id) as ParcelFacts;
    const features = { ...f.features, ...windowFeatures.get(id) };
    // The policy's draw when it has one (tests, simulations); else the inventory id's, so a replay reproduces it.
    const draw = policy.draw ? policy.draw() : undefined;
    const input = { seed: id, features, ...(draw !== undefined ? { draw } : {}) };
    const d = evaluateRisk(sets.live, input);
    const credit = sampling.get(p.inventory.ebc_code ?? '');
    outcomes.push(outcomeOf(id, d, sets.live.stored, f, credit?.rate ?? zoneRate, credit?.reason));
    decisions.push(decisionRow(p, d, sets.live.stored ? sets.live.id : null, false, features, ctx.now));
    if (sets.shadow) {
      const s = evaluateRisk(sets.shadow, input);
      decisions.push(decisionRow(p, s, sets.shadow.id, true, features, ctx.now));
    }
  }
  await insertParcelKeys(
    db,
    rows.map((r) => {
      const w = (facts.get(r.id) as ParcelFacts).window;
      return {
        document_id: r.id,
        at: r.created_at,
        buyer_key: w.buyer,
        address_key: w.address,
        phone_key: w.phone,
        payer_key: w.payer,
        value_fen: w.valueFen,
      };
    }),
  );
  await insertRiskDecisions(db, decisions);
  return outcomes;
}

/**
 * The cross-parcel windows of the batch: the judged parcels of the seven days before that share a key with it
 * (one statement), fed in (receipt, id) order with the batch's own into the domain's RiskWindows — as the replay
 * feeds every parcel, so both answer alike for a parcel judged in the order it was received.
 */
async function windowsOf(
  db: Kysely<Database>,
  rows: FeatureRow[],
  facts: Map<string, ParcelFacts>,
): Promise<Map<string, FeatureValues>> {
  const ws = rows.map((r) => ({ id: r.id, w: (facts.get(r.id) as ParcelFacts).window }));
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))];
  const times = ws.map((x) => x.w.at);
  const history = await parcelKeysAround(
    db,
    { from: new Date(Math.min(...times) - WEEK_MS), to: new Date(Math.max(...times)) },
    {
      buyers: uniq(ws.map((x) => x.w.buyer)),
      addresses: uniq(ws.map((x) => x.w.address)),
      phones: uniq(ws.map((x) => x.w.phone)),
      payers: uniq(ws.map((x) => x.w.payer)),
    },
  );
  const mine = new Set(ws.map((x) => x.id));
  const stream = [
    ...history
      .filter((h: ParcelKeysRow) => !mine.has(h.document_id))
      .map((h) => ({
        id: h.document_id,
        own: false,
        w: {
          at: h.at.getTime(),
          buyer: h.buyer_key,
          address: h.address_key,
          phone: h.phone_key,
          payer: h.payer_key,
          valueFen: h.value_fen,
        },
      })),
    ...ws.map((x) => ({ ...x, own: true })),
  ].sort((a, b) => a.w.at - b.w.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const windows = new RiskWindows();
  const out = new Map<string, FeatureValues>();
  for (const x of stream) {
    const v = windows.add(x.w);
    if (x.own) out.set(x.id, v);
  }
  return out;
}

function decisionRow(
  p: LaneParcel,
  d: RiskDecision,
  ruleSetId: string | null,
  shadow: boolean,
  features: FeatureValues,
  now: Date,
) {
  return {
    direction: 'import' as const,
    document_id: p.inventory.id,
    org_id: p.inventory.org_id,
    rule_set_id: ruleSetId,
    rule_set_version: d.ruleSet.version,
    lane: d.lane,
    explanation: { ...d, features },
    shadow,
    decided_at: now,
  };
}

function outcomeOf(
  id: string,
  d: RiskDecision,
  stored: boolean,
  f: ParcelFacts,
  rate: string,
  credit: { zh: string; en: string } | undefined,
): LaneOutcome {
  // Today's two reasons keep their words (the party, the rate); any other rule is named by its own text.
  const today = safeChannel(f, rate, d.draw);
  const reasons: ChannelRecord['reasons'] = [];
  for (const r of d.fired) {
    if (!r.lane) continue;
    if (r.rule === 'negative_list_party') reasons.push(...today.filter((x) => x.code === 'NEGATIVE_LIST'));
    else if (r.rule === 'random_sample') reasons.push(...today.filter((x) => x.code === 'RANDOM_SAMPLING'));
    else reasons.push({ code: r.rule, zh: r.zh, en: r.en });
  }
  for (const t of d.typologies)
    if (t.lane)
      reasons.push({
        code: t.typology,
        zh: `${t.name.zh}（得分 ${t.score}）`,
        en: `${t.name.en} (score ${t.score})`,
      });
  const status = STATUS_OF_LANE[d.lane];
  const channel: ChannelRecord = {
    lane: d.lane,
    reasons,
    ...(credit ? { sampling: credit } : {}),
    ruleSet: { id: stored ? d.ruleSet.id : null, version: d.ruleSet.version },
    fired: d.fired.map((r) => r.rule),
    ...(d.error ? { error: { zh: d.error.zh, en: d.error.en } } : {}),
  };
  // The receipt and the timeline go to the declarer: today's two reasons as before, any other rule only as
  // 布控 (selected) — never a rule, a threshold or a value.
  const shown = reasons
    .filter((r) => r.code === 'NEGATIVE_LIST' || r.code === 'RANDOM_SAMPLING')
    .map((r) => r.zh);
  const selected = reasons.length > shown.length;
  const info =
    status === '500'
      ? `查验：${[...shown, ...(selected ? ['已布控查验'] : [])].join('；')}`
      : status === '300'
        ? `人工审核：${d.lane === 'manual_review' ? '风险评估未完成' : LANE_NAMES[d.lane].zh}`
        : '';
  return { documentId: id, lane: d.lane, status, channel, info, decision: d };
}

/** The red/green channel's reason texts for the negative list and the random sample (clearance/channel.ts). */
function safeChannel(f: ParcelFacts, rate: string, draw: number): ChannelReason[] {
  try {
    return chooseChannel({ parties: f.parties, listed: new Set(f.listed), samplingRate: rate, draw }).reasons;
  } catch {
    return [];
  }
}
