import type { TRuleStats } from '@crossgate/contract';
import { endOfBeijingDay, scopeFor, startOfBeijingDay, weekBucket } from '@crossgate/domain';
import { forbidden, notFound, ruleViolation } from '../../errors.ts';
import { findRuleSet } from '../../repositories/risk.ts';
import { ruleHitsByDay } from '../../repositories/risk-warnings.ts';
import type { Deps, RequestContext } from '../context.ts';

/**
 * Per-rule statistics of one rule-set version (规则统计, decision 0047): for each rule, the live decisions on which it
 * fired (hits), how many of those parcels went to inspection, how many inspections concluded and how many found a
 * problem — where the inspection result is recorded: the customs decision on the inventory (rejected 100, detained
 * 501–599, returned 700 found a problem; released 8xx after inspection was clean) — the precision (found /
 * concluded) and the trend per Beijing day or week. One statement; a range of at most 366 days.
 */
export async function ruleStatistics(
  deps: Deps,
  ctx: RequestContext,
  input: { ruleSetId: string; from: string; to: string; by: 'day' | 'week' },
): Promise<TRuleStats> {
  if (scopeFor(ctx.actor, 'risk_rule', 'read').kind === 'none')
    throw forbidden('风险规则仅海关查阅 (risk rules are read by customs)');
  const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000 + 1;
  if (days < 1 || days > 366)
    throw ruleViolation([
      {
        code: days < 1 ? 'RANGE' : 'RANGE_TOO_LONG',
        field: 'to',
        rule: '统计区间为1至366天 (a range of 1 to 366 days)',
        actual: `${days} days`,
      },
    ]);
  const set = await findRuleSet(deps.db, input.ruleSetId);
  if (!set) throw notFound('ruleSetId', input.ruleSetId);
  const rows = await ruleHitsByDay(deps.db, set.id, {
    from: startOfBeijingDay(input.from),
    to: endOfBeijingDay(input.to),
  });
  const periodOf = (day: string) =>
    input.by === 'day' ? day : weekBucket(Date.parse(`${day}T12:00:00+08:00`)).slice(1);
  const body = set.body as { rules?: { id?: string; name?: { zh: string; en: string } }[] };
  const names = new Map((body.rules ?? []).map((r) => [r.id ?? '', r.name ?? null]));
  const byRule = new Map<string, TRuleStats['rules'][number]>();
  // Every rule of the version is listed, those that never fired with zeros.
  for (const [id, name] of names)
    if (id)
      byRule.set(id, {
        rule: id,
        name,
        hits: 0,
        inspected: 0,
        concluded: 0,
        found: 0,
        precision: null,
        trend: [],
      });
  const periods = new Set<string>();
  for (const r of rows) {
    let s = byRule.get(r.rule);
    if (!s) {
      s = {
        rule: r.rule,
        name: null,
        hits: 0,
        inspected: 0,
        concluded: 0,
        found: 0,
        precision: null,
        trend: [],
      };
      byRule.set(r.rule, s);
    }
    s.hits += r.hits;
    s.inspected += r.inspected;
    s.concluded += r.concluded;
    s.found += r.found;
    const period = periodOf(r.day);
    periods.add(period);
    const t = s.trend.find((x) => x.period === period);
    if (t) {
      t.hits += r.hits;
      t.found += r.found;
    } else s.trend.push({ period, hits: r.hits, found: r.found });
  }
  for (const s of byRule.values()) s.precision = s.concluded > 0 ? s.found / s.concluded : null;
  return {
    ruleSet: { id: set.id, version: set.version, name: set.name },
    from: input.from,
    to: input.to,
    by: input.by,
    periods: [...periods].sort(),
    rules: [...byRule.values()],
  };
}

/** The statistics as an Excel workbook: one row per rule, then one column per period's hits (规则统计导出). */
export async function ruleStatisticsXlsx(
  deps: Deps,
  ctx: RequestContext,
  input: { ruleSetId: string; from: string; to: string; by: 'day' | 'week' },
): Promise<Buffer> {
  const s = await ruleStatistics(deps, ctx, input);
  // exceljs is loaded on the first export, not at start.
  const { tableXlsx } = await import('../xlsx-table.ts');
  return tableXlsx(
    '规则统计',
    [
      { key: 'rule', header: '规则 Rule', width: 22 },
      { key: 'name', header: '名称 Name', width: 36 },
      { key: 'hits', header: '命中 Hits', kind: 'number' },
      { key: 'inspected', header: '查验 Inspected', kind: 'number' },
      { key: 'concluded', header: '查验办结 Concluded', kind: 'number' },
      { key: 'found', header: '查获 Found', kind: 'number' },
      { key: 'precision', header: '查获率 Precision', kind: 'number' },
      ...s.periods.map((p) => ({ key: `p:${p}`, header: p, kind: 'number' as const })),
    ],
    s.rules.map((r) => ({
      rule: r.rule,
      name: r.name ? `${r.name.zh} (${r.name.en})` : null,
      hits: r.hits,
      inspected: r.inspected,
      concluded: r.concluded,
      found: r.found,
      precision: r.precision === null ? null : Number(r.precision.toFixed(4)),
      ...Object.fromEntries(s.periods.map((p) => [`p:${p}`, r.trend.find((t) => t.period === p)?.hits ?? 0])),
    })),
    {
      title: `规则统计 Rule statistics · v${s.ruleSet.version} ${s.ruleSet.name}`,
      generatedAt: ctx.now,
      filters: `${s.from} — ${s.to}，${s.by === 'day' ? '按日 by day' : '按周 by week'}`,
    },
  );
}
