/**
 * An expected refusal is a value, not an exception (docs/style.md): every broken rule names the field,
 * the rule (with its source), and what was expected against what was found.
 */
export interface RuleError {
  code: string;
  field: string;
  rule: string;
  expected?: string;
  actual?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: RuleError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refuse = <T = never>(errors: RuleError[]): Result<T> => ({ ok: false, errors });
