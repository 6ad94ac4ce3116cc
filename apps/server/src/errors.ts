import type { RuleError } from '@crossgate/domain';
import type { ErrorCode, TErrorDetail } from '@crossgate/contract';

/**
 * A failure the caller can act on, with a stable code. The HTTP status for each code lives in one place
 * (`ERROR_CODES` in @crossgate/contract); services never speak HTTP.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: TErrorDetail[] = [],
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }
}

export const notFound = (field = 'id', actual?: string) =>
  new AppError('NOT_FOUND', [
    { field, rule: 'the record exists and is within your scope', ...(actual ? { actual } : {}) },
  ]);
export const forbidden = (rule: string) => new AppError('FORBIDDEN', [{ field: 'actor', rule }]);
export const conflict = (field: string, rule: string, actual?: string) =>
  new AppError('CONFLICT', [{ field, rule, ...(actual ? { actual } : {}) }]);

/** A domain refusal (a value in packages/domain) turned into the API's error. */
export function ruleViolation(errors: RuleError[]): AppError {
  return new AppError(
    'RULE_VIOLATION',
    errors.map(({ field, rule, expected, actual, code }) => ({
      field,
      rule: `${code}: ${rule}`,
      ...(expected !== undefined ? { expected } : {}),
      ...(actual !== undefined ? { actual } : {}),
    })),
  );
}
