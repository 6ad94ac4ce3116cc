import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords: argon2id with the library defaults (m = 19 MiB, t = 2, p = 1, the OWASP minimum).
 * Session tokens and API key secrets are 256-bit random values, so a fast SHA-256 is enough to store them:
 * there is nothing to brute-force.
 */
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (passwordHash: string, password: string) =>
  verify(passwordHash, password).catch(() => false);

// Verified against when the username is unknown, so a wrong username costs as long as a wrong password.
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword(randomBytes(16).toString('hex')));

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export const newSessionToken = () => randomBytes(32).toString('base64url');

/** API keys read `cg_<prefix>_<secret>`: the prefix finds the row, the secret is checked against its hash. */
export function newApiKey(): { prefix: string; secret: string; key: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { prefix, secret, key: `cg_${prefix}_${secret}` };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | undefined {
  const m = /^cg_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(key);
  return m ? { prefix: m[1] as string, secret: m[2] as string } : undefined;
}
