import { readDecimal, type DecimalFormatRule } from '../checks.ts';
import type { Dec } from '../money.ts';
import { maskIssue } from '../privacy/personal-data.ts';
import type { RuleError } from '../result.ts';
import type { ClearanceIssue } from './match.ts';

/** Amounts are shown as sent when they come from a document, and with at least 2 decimals when computed. */
export const showAmount = (value: Dec): string => value.toFixed(Math.max(2, value.decimalPlaces()));

/**
 * What a document match (the import three-document match, the export match) has found so far: refusals, which
 * send the inventory back, and warnings, which are shown without blocking it. Each match words its own rules;
 * `amountFormat` is how it words the refusal of an amount or quantity that is not a decimal.
 */
export class Findings {
  readonly issues: ClearanceIssue[] = [];

  constructor(private readonly amountFormat: DecimalFormatRule) {}

  /** True when no finding is a refusal; warnings alone do not stop an inventory. */
  get ok(): boolean {
    return this.issues.every((i) => i.severity !== 'refuse');
  }

  refuse(issue: RuleError): void {
    this.issues.push({ ...maskIssue(issue), severity: 'refuse' });
  }

  warn(issue: RuleError): void {
    this.issues.push({ ...maskIssue(issue), severity: 'warn' });
  }

  /**
   * Parses an amount or quantity of a document. A value that is not a decimal fails the XSD (`decimal
   * fractionDigits=5 totalDigits=19`), so it is refused here rather than thrown: documents reach the match as sent.
   */
  decimal(field: string, value: string): Dec | undefined {
    return readDecimal(field, value, this.amountFormat, (issue) => this.refuse(issue));
  }
}
