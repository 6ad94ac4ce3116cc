import type { RuleError } from '../result.ts';

/**
 * Enterprise customs registration code (海关注册编码 / 海关编码): 10 characters, the first four being the
 * customs office (关区) where the enterprise registered (JGS/T 18), the rest digits or upper-case letters.
 * CEB messages also accept the 18-character USCC in the same fields (ceb-reference §10: `46016602EV`).
 */
export function checkCustomsCode(field: string, value: string): RuleError[] {
  if (/^[0-9]{4}[0-9A-Z]{6}$/.test(value)) return [];
  return [
    {
      code: 'CUSTOMS_CODE_FORMAT',
      field,
      rule: '海关注册编码: 4-digit customs office + 6 digits or upper-case letters',
      expected: '10 characters, e.g. 4614960ABC',
      actual: value,
    },
  ];
}

export function checkTenDigitHsCode(field: string, value: string): RuleError[] {
  if (/^\d{10}$/.test(value)) return [];
  return [
    {
      code: 'HS_CODE_FORMAT',
      field,
      rule: '10-digit customs commodity code (商品编码, CEB gcode)',
      expected: '10 digits',
      actual: value,
    },
  ];
}
