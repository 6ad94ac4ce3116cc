import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual,
  type BinaryLike,
} from 'node:crypto';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { assertPrivateKeyFile } from './private-files.ts';
import { timed } from '../stage-clock.ts';
import type { KyselyPlugin, PluginTransformResultArgs, QueryResult, UnknownRow } from 'kysely';
import { isSealedField } from '@crossgate/domain';

/**
 * Personal data at rest (decision 0017): ID numbers and telephones inside document bodies are sealed field by
 * field, and every raw inbound message is sealed whole, with AES-256-GCM (NIST SP 800-38D); the field or column
 * name is the additional authenticated data, so a sealed value cannot be moved to another field unnoticed.
 * Buyers are looked up (quotas, the negative list) by HMAC-SHA256 under a separate hash key (RFC 2104), never by
 * the ID number itself.
 *
 * The keyring comes from a key file (CROSSGATE_PII_KEY_FILE, default `<data dir>/keys/pii-keys.json`, created with
 * mode 0600 on first start when absent, refused when another user owns it or its mode lets others in) or from
 * CROSSGATE_PII_KEYS (the same JSON, for secret stores). Several sealing keys may be present:
 * the active one seals, all of them open; `crossgate pii rotate` re-seals everything under the active key, after
 * which retired keys can be removed. The database stores a check value per key, so a server started with the
 * wrong key file refuses to start instead of writing data nobody can read.
 */
export interface Keyring {
  /** Id of the key new values are sealed with. */
  active: string;
  seal: Map<string, Buffer>;
  /** The key of the buyer lookup hash (not rotated with the sealing keys: see SECURITY.md). */
  hash: Buffer;
}

export const KEY_FILE_FORMAT = 'crossgate-pii-keys/1';
const SEALED_PREFIX = 'enc:v1:';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

interface KeyFile {
  format: string;
  active: string;
  seal: Record<string, string>;
  hash: string;
}

const key32 = (name: string, b64: string): Buffer => {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32)
    throw new Error(`personal-data key ${name} must be 32 bytes in base64 (got ${key.length})`);
  return key;
};

export function parseKeyring(text: string, source: string): Keyring {
  let file: KeyFile;
  try {
    file = JSON.parse(text) as KeyFile;
  } catch {
    throw new Error(`${source}: not JSON (expected ${KEY_FILE_FORMAT})`);
  }
  if (file.format !== KEY_FILE_FORMAT) throw new Error(`${source}: format must be ${KEY_FILE_FORMAT}`);
  const seal = new Map<string, Buffer>();
  for (const [id, b64] of Object.entries(file.seal ?? {})) {
    if (!KEY_ID.test(id)) throw new Error(`${source}: key id ${JSON.stringify(id)} must match ${KEY_ID}`);
    seal.set(id, key32(`${source} seal.${id}`, b64));
  }
  if (!seal.has(file.active))
    throw new Error(`${source}: the active key ${file.active} is not among seal keys`);
  return { active: file.active, seal, hash: key32(`${source} hash`, file.hash) };
}

export function serializeKeyring(keyring: Keyring): string {
  const file: KeyFile = {
    format: KEY_FILE_FORMAT,
    active: keyring.active,
    seal: Object.fromEntries([...keyring.seal].map(([id, k]) => [id, k.toString('base64')])),
    hash: keyring.hash.toString('base64'),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function newKeyring(id = 'k1'): Keyring {
  return { active: id, seal: new Map([[id, randomBytes(32)]]), hash: randomBytes(32) };
}

/**
 * Creates a key file readable only by its owner. Exclusive create: when several processes start at once, one
 * writes the file and the others read it.
 */
export function createKeyFile(path: string, keyring: Keyring): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, serializeKeyring(keyring), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  try {
    linkSync(tmp, path); // fails when the file exists: never overwrite a key file
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(tmp);
  }
}

/** Replaces a key file atomically (rotation adds a key): a crash leaves the old file or the new one. */
export function replaceKeyFile(path: string, keyring: Keyring): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, serializeKeyring(keyring), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/**
 * The keyring of this process: CROSSGATE_PII_KEYS when set, else the key file, created when `create` and absent
 * (the zero-setup default; the file must then be backed up, separately from the database).
 */
export function loadKeyring(options: {
  inline?: string | undefined;
  file: string;
  create: boolean;
}): Keyring {
  if (options.inline) return parseKeyring(options.inline, 'CROSSGATE_PII_KEYS');
  if (!existsSync(options.file)) {
    if (!options.create)
      throw new Error(`personal-data key file ${options.file} is missing (set CROSSGATE_PII_KEY_FILE)`);
    createKeyFile(options.file, newKeyring());
  }
  // Refused when another user owns it or group/other may read it (decision 0022), with the fix in the message.
  assertPrivateKeyFile(options.file);
  return parseKeyring(readFileSync(options.file, 'utf8'), options.file);
}

let current: Keyring | undefined;

/** Installs the process keyring (at start-up, before any request). */
export function installKeyring(keyring: Keyring): void {
  current = keyring;
}

export function keyring(): Keyring {
  if (!current) throw new Error('personal-data keyring not installed (buildApp installs it)');
  return current;
}

/** A short value that proves which key is configured without revealing it (stored per key in pii_keys). */
export function checkValue(key: BinaryLike): string {
  return createHmac('sha256', key).update('crossgate-pii-key-check-v1').digest('hex').slice(0, 32);
}

export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(SEALED_PREFIX);

/** The key id a sealed value was sealed with. */
export const sealedKeyId = (value: string): string =>
  value.slice(SEALED_PREFIX.length).split(':', 1)[0] ?? '';

export function sealValue(aad: string, plain: string, ring: Keyring = keyring()): string {
  const key = ring.seal.get(ring.active) as Buffer;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const packed = Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
  return `${SEALED_PREFIX}${ring.active}:${packed}`;
}

/**
 * Recently opened values (a document is read several times while one message is processed): sealed text →
 * clear text, bounded, oldest dropped first. A sealed value is unique (random IV), so an entry can only ever
 * answer for the value it was made from; the AAD is part of the key.
 */
const opened = new Map<string, string>();
const OPENED_MAX = 4096;

export function openValue(aad: string, value: string, ring: Keyring = keyring()): string {
  if (!isSealed(value)) return value;
  const cacheKey = `${aad}\u0000${value}`;
  const hit = opened.get(cacheKey);
  if (hit !== undefined) return hit;
  const clear = decrypt(aad, value, ring);
  if (opened.size >= OPENED_MAX) opened.delete(opened.keys().next().value as string);
  opened.set(cacheKey, clear);
  return clear;
}

function decrypt(aad: string, value: string, ring: Keyring): string {
  const id = sealedKeyId(value);
  const key = ring.seal.get(id);
  if (!key) throw new Error(`personal data sealed with key ${id}, which is not in the keyring`);
  const packed = Buffer.from(value.slice(SEALED_PREFIX.length + id.length + 1), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, packed.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(packed.subarray(12, 28));
  return Buffer.concat([decipher.update(packed.subarray(28)), decipher.final()]).toString('utf8');
}

/** A document body (`{ ...head, lines }`) with its ID numbers and telephones sealed. */
export function sealBody<T extends Record<string, unknown>>(body: T, ring: Keyring = keyring()): T {
  return timed('seal', () => sealBodyNow(body, ring));
}

function sealBodyNow<T extends Record<string, unknown>>(body: T, ring: Keyring): T {
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(body)) {
    if (typeof v !== 'string' || v === '' || !isSealedField(k) || isSealed(v)) continue;
    out ??= { ...body };
    out[k] = sealValue(k, v, ring);
  }
  return (out ?? body) as T;
}

export function openBody<T extends Record<string, unknown>>(body: T, ring: Keyring = keyring()): T {
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(body)) {
    if (!isSealed(v)) continue;
    out ??= { ...body };
    out[k] = openValue(k, v, ring);
  }
  return (out ?? body) as T;
}

/** The raw bytes of an inbound message, sealed whole (they hold the same personal data as the documents). */
export const sealMessageBody = (xml: string, ring: Keyring = keyring()) =>
  timed('seal', () => sealValue('ceb_messages.body', xml, ring));
export const openMessageBody = (value: string, ring: Keyring = keyring()) =>
  openValue('ceb_messages.body', value, ring);

/** A stored CEB900 (decision 0021): its returnInfo may quote what was refused, so it is sealed whole too. */
export const sealReceipt = (xml: string, ring: Keyring = keyring()) =>
  sealValue('ceb_messages.receipt_xml', xml, ring);
export const openReceipt = (value: string, ring: Keyring = keyring()) =>
  openValue('ceb_messages.receipt_xml', value, ring);

/** Text columns sealed whole, by the name they are read under, and the AAD they are sealed with. */
const SEALED_COLUMNS: Record<string, string> = {
  body: 'ceb_messages.body',
  receipt_xml: 'ceb_messages.receipt_xml',
};

/**
 * The lookup key of a person (buyer quotas, the negative list): HMAC-SHA256 of ID type and number under the
 * hash key. `p1:` marks the keyed form (earlier databases held an unkeyed SHA-256; `crossgate pii rotate`
 * re-derives those).
 */
export function personKey(idType: string, idNumber: string, ring: Keyring = keyring()): string {
  const mac = createHmac('sha256', ring.hash)
    .update(`crossgate-person-v1|${idType}|${idNumber.trim().toUpperCase()}`)
    .digest('hex');
  return `p1:${mac}`;
}

export const sameCheckValue = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Opens sealed values in every query result: `body` objects (documents) field by field, and sealed text
 * columns (raw messages, CEB900 receipts) whole. Queries that never touch sealed columns pay one type check per
 * column.
 */
export class PersonalDataPlugin implements KyselyPlugin {
  transformQuery<T>(args: { node: T }): T {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const { result } = args;
    if (result.rows.length === 0) return result;
    const ring = keyring();
    let rows: UnknownRow[] | undefined;
    result.rows.forEach((row, i) => {
      let copy: UnknownRow | undefined;
      for (const k in row) {
        const v = row[k];
        if (v === null || (typeof v !== 'string' && k !== 'body')) continue;
        let opened: unknown = v;
        if (k === 'body' && v !== null && typeof v === 'object' && !Array.isArray(v))
          opened = openBody(v as Record<string, unknown>, ring);
        else if (isSealed(v)) opened = openValue(SEALED_COLUMNS[k] ?? k, v, ring);
        if (opened === v) continue;
        copy ??= { ...row };
        copy[k] = opened;
      }
      if (copy) {
        rows ??= [...result.rows];
        rows[i] = copy;
      }
    });
    return rows ? { ...result, rows } : result;
  }
}
