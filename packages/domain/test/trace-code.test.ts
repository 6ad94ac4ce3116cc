import { describe, expect, it } from 'vitest';
import { checkCharacter, codeFromMac, formatCode, normaliseCode, parseCode } from '../src/trace/code.ts';

/** 云关码 (decision 0049): Crockford base 32 with a Luhn mod 32 check character. */
describe('traceability code', () => {
  it('computes the Luhn mod 32 check character (hand-worked values)', () => {
    // "1": factor 2 → 2 → check (32 − 2) mod 32 = 30 = 'Y'.
    expect(checkCharacter('1')).toBe('Y');
    // "11": 1·1 + 1·2 = 3 → 29 = 'X'.
    expect(checkCharacter('11')).toBe('X');
    // "G" = 16: 16·2 = 32 → 1 + 0 = 1 → 31 = 'Z'.
    expect(checkCharacter('G')).toBe('Z');
    // All zeros: sum 0 → check '0'.
    expect(checkCharacter('000000000000')).toBe('0');
  });

  it('takes 60 bits of the MAC as 12 characters and appends the check', () => {
    const mac = new Uint8Array(32);
    expect(codeFromMac(mac)).toBe('0000000000000');
    mac.fill(0xff, 0, 8);
    // 60 one-bits → twelve 'Z'; the check of twelve 31s: six × (62 → 1+30=31) + six × 31 = 372 → 372 mod 32 = 20,
    // check (32 − 20) = 12 = 'C'.
    expect(codeFromMac(mac)).toBe('ZZZZZZZZZZZZC');
  });

  it('tells a typo (one character changed, or two neighbours swapped) from a well-formed code', () => {
    const code = 'ZZZZZZZZZZZZC';
    expect(parseCode(code)).toEqual({ ok: true, code });
    expect(parseCode('ZZZZZZZZZZZYC')).toEqual({ ok: false, reason: 'check' });
    const good = `7K3M9QX2B4TR${checkCharacter('7K3M9QX2B4TR')}`;
    expect(parseCode(good).ok).toBe(true);
    const swapped = `7K3M9QX2B4RT${good[12]}`;
    expect(parseCode(swapped)).toEqual({ ok: false, reason: 'check' });
    expect(parseCode('ABC')).toEqual({ ok: false, reason: 'malformed' });
    expect(parseCode('UUUUUUUUUUUUU')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('reads what people type: case, hyphens, spaces and look-alike letters', () => {
    expect(normaliseCode(' zzzz-zzzz-zzzzc ')).toBe('ZZZZZZZZZZZZC');
    expect(normaliseCode('O1IL')).toBe('0111');
    expect(formatCode('ZZZZZZZZZZZZC')).toBe('ZZZZ-ZZZZ-ZZZZC');
  });
});
