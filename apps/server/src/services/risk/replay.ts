import type { TRiskReplayInput, TRiskReplayResult } from '@crossgate/contract';
import {
  RiskWindows,
  endOfBeijingDay,
  evaluateRisk,
  laneRank,
  scopeFor,
  startOfBeijingDay,
  type RiskLane,
  type VersionedRuleSet,
} from '@crossgate/domain';
import { forbidden, notFound, ruleViolation } from '../../errors.ts';
import { samplingTable } from '../../repositories/credit.ts';
import {
  countReplayInventories,
  findRuleSet,
  replayInventories,
  type ReplayInventoryRow,
} from '../../repositories/risk.ts';
import { defaultZoneSettings } from '../../repositories/zone.ts';
import type { Deps, RequestContext } from '../context.ts';
import { batchFacts, type ParcelFacts } from './features.ts';
import { checkedBody } from './rule-sets.ts';

/**
 * The test bench (issue 19): a rule set — a stored version or a draft body — judges the import inventories
 * received in a date range (Beijing days, inclusive) as the live engine would, set-wise: the inventories are read
 * in batches in time order, each batch's payments, reference prices, negative-list history and credit levels
 * in one query each, and the cross-parcel windows (domain RiskWindows) kept in memory from seven days before
 * the range so the first day's windows are full. Nothing is written. The answer: how many parcels change lane
 * and which, the inspection load, and the precision against the recorded inspection results.
 *
 * What the replay cannot know of the past it takes from today: the sellers' credit levels and the sampling
 * table. The negative list is taken as it stood when each parcel arrived (listing and delisting times). The
 * sample draw is fixed by the inventory's id, so a replay of a stored version reproduces its draws.
 */

const BATCH = 1000;
/** The longest replay a request may ask for, in days (a quarter). */
export const REPLAY_MAX_DAYS = 92;
const WEEK_MS = 7 * 24 * 3_600_000;
/** Statuses that conclude an inspection with a finding: rejected (100), detained (501–599), returned (700). */
const FOUND = /^(100|5(0[1-9]|[1-9]\d)|700)$/;
const CONCLUDED_CLEAN = /^8\d\d$/;

export type ReplayProgress = (done: number, total: number) => void;

export async function replayRiskRules(
  deps: Deps,
  ctx: RequestContext,
  input: TRiskReplayInput,
  progress: ReplayProgress = () => {},
): Promise<TRiskReplayResult> {
  if (scopeFor(ctx.actor, 'risk_rule', 'read').kind === 'none')
    throw forbidden('风险规则仅海关查阅 (risk rules are read by customs)');
  const started = performance.now();
  if (input.from > input.to)
    throw ruleViolation([
      {
        code: 'RANGE',
        field: 'to',
        rule: '结束日期不早于开始日期 (to is not before from)',
        actual: input.to,
      },
    ]);
  // A request answers in bounded time: over HTTP the range is at most REPLAY_MAX_DAYS days (the CLI, run by the
  // operator with progress, is not bounded).
  const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000 + 1;
  if (ctx.actor.via !== 'system' && days > REPLAY_MAX_DAYS)
    throw ruleViolation([
      {
        code: 'RANGE_TOO_LONG',
        field: 'to',
        rule: `回放区间最长${REPLAY_MAX_DAYS}天 (a replay covers at most ${REPLAY_MAX_DAYS} days)`,
        expected: `≤ ${REPLAY_MAX_DAYS} days`,
        actual: `${days} days`,
      },
    ]);
  const ruleSet = await ruleSetOf(deps, input);
  const from = startOfBeijingDay(input.from);
  const to = endOfBeijingDay(input.to);
  const history = new Date(from.getTime() - WEEK_MS);
  const db = deps.db;

  const [table, zone, total] = await Promise.all([
    samplingTable(db),
    defaultZoneSettings(db),
    countReplayInventories(db, { from, to }),
  ]);
  const zoneRate = zone?.inspection_sampling_rate ?? '0';
  const rules = (ruleSet.body as { rules: unknown[] }).rules.length;

  const windows = new RiskWindows();
  const lanes: Record<string, number> = {};
  const recordedLanes: Record<string, number> = {};
  const changes: TRiskReplayResult['changes'] = [];
  let parcels = 0;
  let changed = 0;
  let load = 0;
  let recordedLoad = 0;
  let concluded = 0;
  let found = 0;
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const batch = await replayInventories(db, { from: history, to }, after, BATCH);
    if (batch.length === 0) break;
    const last = batch[batch.length - 1] as ReplayInventoryRow;
    after = { at: last.created_at, id: last.id };
    const facts = await batchFacts(db, batch, { table, zoneRate });
    for (const row of batch) {
      const f = facts.get(row.id) as ParcelFacts;
      const windowFeatures = windows.add(f.window);
      if (row.created_at < from) continue;
      parcels++;
      const d = evaluateRisk(ruleSet, { seed: row.id, features: { ...f.features, ...windowFeatures } });
      const recorded = recordedLane(row.channel);
      lanes[d.lane] = (lanes[d.lane] ?? 0) + 1;
      if (recorded) recordedLanes[recorded] = (recordedLanes[recorded] ?? 0) + 1;
      const inspects = laneRank(d.lane) >= laneRank('inspection');
      if (inspects) load++;
      if (recorded === 'inspection' || recorded === 'hold') recordedLoad++;
      if (inspects && recorded === 'inspection' && !row.cancelled_at) {
        if (FOUND.test(row.status)) {
          concluded++;
          found++;
        } else if (CONCLUDED_CLEAN.test(row.status)) concluded++;
      }
      if (d.lane !== recorded) {
        changed++;
        if (changes.length < (input.limit ?? 100))
          changes.push({
            documentId: row.id,
            invtNo: row.invt_no,
            recorded,
            replayed: d.lane,
            fired: d.fired.map((r) => r.rule),
          });
      }
    }
    progress(parcels, total);
    if (batch.length < BATCH) break;
  }
  return {
    from: input.from,
    to: input.to,
    ruleSet: { id: ruleSet.id, version: ruleSet.version },
    parcels,
    changed,
    lanes,
    recordedLanes,
    inspectionLoad: load,
    recordedInspectionLoad: recordedLoad,
    precision: { concluded, found, value: concluded > 0 ? found / concluded : null },
    changes,
    rulesEvaluated: parcels * rules,
    ms: Math.round(performance.now() - started),
  };
}

async function ruleSetOf(deps: Deps, input: TRiskReplayInput): Promise<VersionedRuleSet> {
  if (input.ruleSetId !== undefined) {
    const row = await findRuleSet(deps.db, input.ruleSetId);
    if (!row) throw notFound('ruleSetId', input.ruleSetId);
    return { id: row.id, version: row.version, body: checkedBody(row.body) };
  }
  return { id: 'draft', version: 0, body: checkedBody(input.body) };
}

const recordedLane = (channel: unknown): RiskLane | null => {
  const lane = (channel as { lane?: unknown } | null)?.lane;
  return typeof lane === 'string' ? (lane as RiskLane) : null;
};
