import Decimal from 'decimal.js';

/**
 * Money and quantities are decimals end to end: `numeric` in SQL, decimal strings in JSON, `Decimal` in
 * TypeScript. Binary floats never carry an amount (a customs tax bill is exact to 0.01 CNY, and CEB amounts
 * carry up to 5 fraction digits: `decimal fractionDigits=5 totalDigits=19`).
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/** A decimal as written in JSON and SQL: optional sign, digits, optional fraction. */
export const DECIMAL_PATTERN = /^-?\d{1,19}(\.\d{1,8})?$/;

export function toDecimal(value: string | number | Decimal): Decimal {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`refusing a non-integer number as money: ${value}`);
    return new Dec(value);
  }
  if (typeof value === 'string' && !DECIMAL_PATTERN.test(value)) {
    throw new TypeError(`not a decimal: ${JSON.stringify(value)}`);
  }
  return new Dec(value);
}

/** Renders a decimal with a fixed number of fraction digits (ROUND_HALF_UP, as customs rounds tax to 0.01). */
export function formatDecimal(value: Decimal, fractionDigits: number): string {
  return value.toFixed(fractionDigits, Decimal.ROUND_HALF_UP);
}
