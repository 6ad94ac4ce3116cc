import type { RiskRuleSet } from './rule-set.ts';

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface RuleSetDiff {
  rules: { added: string[]; removed: string[]; changed: { id: string; changes: FieldChange[] }[] };
  typologies: { added: string[]; removed: string[]; changed: { id: string; changes: FieldChange[] }[] };
  decision: FieldChange[];
}

/** What changed from one rule set to another: rules and typologies by id, each change by its JSON path. */
export function diffRuleSets(before: RiskRuleSet, after: RiskRuleSet): RuleSetDiff {
  return {
    rules: byId(before.rules, after.rules),
    typologies: byId(before.typologies, after.typologies),
    decision: changes(before.decision, after.decision, 'decision'),
  };
}

function byId<T extends { id: string }>(a: T[], b: T[]) {
  const left = new Map(a.map((x) => [x.id, x]));
  const right = new Map(b.map((x) => [x.id, x]));
  return {
    added: b.filter((x) => !left.has(x.id)).map((x) => x.id),
    removed: a.filter((x) => !right.has(x.id)).map((x) => x.id),
    changed: b
      .filter((x) => left.has(x.id))
      .map((x) => ({ id: x.id, changes: changes(left.get(x.id), x, '') }))
      .filter((c) => c.changes.length > 0),
  };
}

function changes(a: unknown, b: unknown, path: string): FieldChange[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...changes(a[i], b[i], `${path}[${i}]`));
    return out;
  }
  if (isObj(a) && isObj(b) && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => changes(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return a === b ? [] : [{ path: path || '(value)', before: a ?? null, after: b ?? null }];
}
