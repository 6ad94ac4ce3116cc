import type { RuleError } from '../result.ts';
import type { TransitionActor } from './lifecycle.ts';

/** One row of a lifecycle table: the actors that may move a document from one status to another. */
interface TableRow<S extends string> {
  from: S;
  to: S;
  by: readonly TransitionActor[];
}

/**
 * Whether a lifecycle table (the import inventory's, the supporting documents', the export inventory's under one
 * sequencing) lets `by` move a document from `from` to `to`.
 */
export function tableAllows<S extends string>(
  table: readonly TableRow<S>[],
  from: S,
  to: S,
  by: TransitionActor,
): boolean {
  return table.some((t) => t.from === from && t.to === to && t.by.includes(by));
}

/**
 * The `STATUS_TRANSITION` refusal of a status change the table does not allow, worded by the caller's `rule`:
 * `expected` names the statuses `by` may move to from `from` instead (or that it may not move it at all), and
 * `actual` the change asked for. The caller checks {@link tableAllows} first.
 */
export function transitionRefusal<S extends string>(
  table: readonly TableRow<S>[],
  from: S,
  to: S,
  by: TransitionActor,
  rule: string,
): RuleError {
  const allowed = table.filter((t) => t.from === from && t.by.includes(by)).map((t) => t.to);
  return {
    code: 'STATUS_TRANSITION',
    field: 'returnStatus',
    rule,
    expected: allowed.length > 0 ? `${from} → ${allowed.join(' | ')}` : `no change from ${from} by ${by}`,
    actual: `${from} → ${to}`,
  };
}
