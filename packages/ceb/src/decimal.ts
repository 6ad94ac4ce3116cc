import Decimal from 'decimal.js';

/** Decimal arithmetic for amounts in generated messages (never binary floats). */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;
