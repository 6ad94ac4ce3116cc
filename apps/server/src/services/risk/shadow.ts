import type { TRiskShadowComparison } from '@crossgate/contract';
import { scopeFor, type RiskLane } from '@crossgate/domain';
import { forbidden, notFound } from '../../errors.ts';
import { findRuleSet, shadowDifferences, shadowPairs } from '../../repositories/risk.ts';
import type { Deps, RequestContext } from '../context.ts';

/**
 * Shadow comparison (decision 0046): a version's shadow decisions against the live decisions on the same parcels —
 * how many agree, how many differ per pair of lanes, and the differing parcels with the shadow's fired rules. Two
 * statements, whatever the number of parcels.
 */
export async function riskShadowComparison(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  limit: number,
): Promise<TRiskShadowComparison> {
  if (scopeFor(ctx.actor, 'risk_rule', 'read').kind === 'none')
    throw forbidden('风险规则仅海关查阅 (risk rules are read by customs)');
  const row = await findRuleSet(deps.db, id);
  if (!row) throw notFound('id', id);
  const [pairs, differences] = await Promise.all([
    shadowPairs(deps.db, id),
    shadowDifferences(deps.db, id, limit),
  ]);
  const counted = pairs.map((p) => ({
    live: p.live as RiskLane,
    shadow: p.shadow as RiskLane,
    parcels: Number(p.n),
  }));
  const agree = counted.filter((p) => p.live === p.shadow).reduce((n, p) => n + p.parcels, 0);
  const all = counted.reduce((n, p) => n + p.parcels, 0);
  return {
    ruleSet: { id: row.id, version: row.version, shadow: row.shadow },
    parcels: all,
    agree,
    disagree: all - agree,
    pairs: counted.sort(
      (a, b) => b.parcels - a.parcels || a.live.localeCompare(b.live) || a.shadow.localeCompare(b.shadow),
    ),
    differences: differences.map((d) => ({
      documentId: d.document_id,
      invtNo: d.invt_no,
      live: d.live as RiskLane,
      liveVersion: d.live_version,
      shadow: d.shadow as RiskLane,
      fired: ((d.explanation as { fired?: { rule: string }[] } | null)?.fired ?? []).map((f) => f.rule),
      decidedAt: d.decided_at.toISOString(),
    })),
  };
}
