/**
 * 云关码 (traceability codes, issue 21; decision 0049): 12 Crockford base-32 characters taken from a keyed MAC
 * of the subject (the server computes the MAC; this module only shapes and checks it) and one Luhn mod 32 check
 * character. The check character catches every single mistyped character and every swap of two neighbours, so a
 * typo is told apart from a code that is well formed but was never issued (forged or mistaken).
 */

/** Crockford's base 32: digits and letters without I, L, O and U. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_BODY_LENGTH = 12;
export const CODE_LENGTH = CODE_BODY_LENGTH + 1;

const valueOf = (c: string): number => CODE_ALPHABET.indexOf(c);

/** The Luhn mod 32 check character of a body written in the code alphabet. */
export function checkCharacter(body: string): string {
  const n = CODE_ALPHABET.length;
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const v = valueOf(body[i] as string);
    if (v < 0) throw new RangeError(`not a code character: ${body[i]}`);
    let addend = factor * v;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return CODE_ALPHABET[(n - (sum % n)) % n] as string;
}

/** A code from the first 60 bits of a MAC: 12 base-32 characters and the check character. */
export function codeFromMac(mac: Uint8Array): string {
  if (mac.length < 8) throw new RangeError('the MAC must have at least 8 bytes');
  let bits = 0n;
  for (let i = 0; i < 8; i++) bits = (bits << 8n) | BigInt(mac[i] as number);
  bits >>= 4n; // 64 → 60 bits
  let body = '';
  for (let i = 0; i < CODE_BODY_LENGTH; i++) {
    body = (CODE_ALPHABET[Number(bits & 31n)] as string) + body;
    bits >>= 5n;
  }
  return body + checkCharacter(body);
}

/**
 * What a person typed or a scanner read, in the code's form: upper case, spaces and hyphens dropped, and
 * Crockford's readings of look-alikes (O → 0, I and L → 1).
 */
export function normaliseCode(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export type CodeShape = { ok: true; code: string } | { ok: false; reason: 'malformed' | 'check' };

/**
 * Whether `input` can be a code: `malformed` when its length or characters are not a code's, `check` when the
 * check character does not agree (a typo), otherwise the normalised code (which may still never have been
 * issued: only the lookup tells).
 */
export function parseCode(input: string): CodeShape {
  const code = normaliseCode(input);
  if (code.length !== CODE_LENGTH || [...code].some((c) => valueOf(c) < 0))
    return { ok: false, reason: 'malformed' };
  if (checkCharacter(code.slice(0, CODE_BODY_LENGTH)) !== code[CODE_BODY_LENGTH])
    return { ok: false, reason: 'check' };
  return { ok: true, code };
}

/** A code as printed under a label: groups of 4, 4 and 5 characters. */
export const formatCode = (code: string): string =>
  `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
