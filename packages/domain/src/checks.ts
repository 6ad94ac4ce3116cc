import { DECIMAL_PATTERN, toDecimal, type Dec } from './money.ts';
import type { RuleError } from './result.ts';

/**
 * Small helpers shared by the rule checks of the import and export sides (document match, returns, summary,
 * holiday calendar). They build findings; the wording of each rule stays with the check that applies it.
 */

/** Whether an optional field was filled in: given, and not the empty string. */
export const present = (value: string | undefined): value is string => value !== undefined && value !== '';

/** How many times each value stands in `values`, in the order the values first appear. */
export function countOccurrences<T>(values: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** The values that stand more than once in `values`, with how many times, in the order they first appear. */
export function repeatedValues<T>(values: Iterable<T>): Map<T, number> {
  return new Map([...countOccurrences(values)].filter(([, times]) => times > 1));
}

/**
 * The refusal of a value that must stand once (a line number, an inventory number, a calendar day) and stands
 * `times` times: `expected` reads "each <name> once" and `actual` "<value> appears <times> times". `issue` gives
 * the code, the field and the rule, which are the check's own.
 */
export function repeatedValueError(
  issue: Pick<RuleError, 'code' | 'field' | 'rule'>,
  name: string,
  value: string | number,
  times: number,
): RuleError {
  return { ...issue, expected: `each ${name} once`, actual: `${value} appears ${times} times` };
}

/** How a check words the refusal of a value that is not a decimal (see {@link readDecimal}). */
export interface DecimalFormatRule {
  rule: string;
  /** An example of a valid value, e.g. `a decimal, e.g. 125.00`. */
  expected: string;
  /** What `actual` shows for an empty value, e.g. `(empty)`; the empty value itself when not given. */
  empty?: string;
}

/**
 * Parses an amount or quantity as sent. A value that is not a decimal fails the XSD (N19,5); documents reach the
 * checks as sent, so it is not thrown but reported through `report` as an `AMOUNT_FORMAT` finding worded by
 * `format`, and the result is `undefined`: the caller skips the comparisons that need the value and goes on.
 */
export function readDecimal(
  field: string,
  value: string,
  format: DecimalFormatRule,
  report: (issue: RuleError) => void,
): Dec | undefined {
  if (DECIMAL_PATTERN.test(value)) return toDecimal(value);
  report({
    code: 'AMOUNT_FORMAT',
    field,
    rule: format.rule,
    expected: format.expected,
    actual: value === '' && format.empty !== undefined ? format.empty : value,
  });
  return undefined;
}

/**
 * Parses a decimal without reporting anything: `undefined` when the value is not one. For values another check
 * already reports (or does not own), which a comparison can only skip.
 */
export const tryDecimal = (value: string): Dec | undefined =>
  DECIMAL_PATTERN.test(value) ? toDecimal(value) : undefined;
