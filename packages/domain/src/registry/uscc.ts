import type { RuleError } from '../result.ts';

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》.
 *
 * 18 characters: registration authority (1), organisation type (1), administrative division (6, GB/T 2260),
 * organisation code (9, GB 11714), check character (1). The character set is the digits and the upper-case
 * letters without I, O, S, V, Z (31 characters). The check character is C18 = 31 − (Σ Ci·Wi mod 31), with
 * Wi = 3^(i−1) mod 31 and 31 mapped to 0.
 */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckCharacter(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return undefined;
    sum += value * (USCC_WEIGHTS[i] as number);
  }
  const check = 31 - (sum % 31);
  return USCC_CHARSET.charAt(check === 31 ? 0 : check);
}

/**
 * Organisation code check character, GB 11714-1997: 8 body characters (digits, or letters valued A=10 … Z=35),
 * weights 3 7 9 10 5 8 4 2, C9 = 11 − (Σ mod 11), where 10 is written `X` and 11 is written `0`.
 */
export function organisationCodeCheckCharacter(body8: string): string | undefined {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charAt(i);
    const value = /[0-9]/.test(c) ? Number(c) : /[A-Z]/.test(c) ? c.charCodeAt(0) - 55 : -1;
    if (value < 0) return undefined;
    sum += value * (weights[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Checks a unified social credit code; returns every rule it breaks (empty when valid). */
export function checkUscc(field: string, value: string): RuleError[] {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value)) {
    return [
      {
        code: 'USCC_FORMAT',
        field,
        rule: 'GB 32100-2015 §4',
        expected: '18 characters from 0-9 A-H J-N P-R T U W-Y',
        actual: value,
      },
    ];
  }
  const expected = usccCheckCharacter(value.slice(0, 17));
  if (expected !== value.charAt(17)) {
    return [
      {
        code: 'USCC_CHECK_CHARACTER',
        field,
        rule: 'GB 32100-2015 §5 check character',
        expected: `${value.slice(0, 17)}${expected ?? '?'}`,
        actual: value,
      },
    ];
  }
  const orgCode = value.slice(8, 17);
  const orgCheck = organisationCodeCheckCharacter(orgCode.slice(0, 8));
  if (orgCheck !== orgCode.charAt(8)) {
    return [
      {
        code: 'USCC_ORGANISATION_CODE',
        field,
        rule: 'GB 11714-1997 organisation code check character (USCC positions 9-17)',
        expected: `${orgCode.slice(0, 8)}${orgCheck ?? '?'}`,
        actual: orgCode,
      },
    ];
  }
  return [];
}
