/**
 * Operator commands for the personal-data keys (decision 0017): status, a new sealing key, rotation. The CLI
 * reaches them through the operator facade (ops/index.ts).
 */
import { createDb, migrate } from '@crossgate/db';
import type { ServerConfig } from '../config.ts';
import { listPiiKeys, resealBacklog, sealedCounts } from '../repositories/pii-keys.ts';
import { loadKeyring, replaceKeyFile } from '../security/pii.ts';
import { adoptLegacyKeyFile } from '../security/private-files.ts';
import { rotatePersonalData, verifyKeyring, type RotationReport } from '../services/personal-data.ts';

type Progress = (step: string, done: number, total: number) => void;

async function withDb<T>(config: ServerConfig, fn: (db: Awaited<ReturnType<typeof createDb>>) => Promise<T>) {
  const db = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The keyring of the configuration; a key file left at the pre-0022 default is moved in first (`pii status` names it). */
const keyringOf = (config: ServerConfig) => {
  adoptLegacyKeyFile(config);
  return loadKeyring({ inline: config.piiKeys, file: config.piiKeyFile, create: false });
};

export interface PersonalDataStatus {
  keySource: string;
  active: string;
  keys: { keyId: string; purpose: string; inKeyring: boolean; retiredAt: string | null; values: number }[];
  clearValues: number;
}

export async function personalDataStatus(config: ServerConfig): Promise<PersonalDataStatus> {
  const ring = keyringOf(config);
  return withDb(config, async (db) => {
    const counts = await sealedCounts(db.db);
    const recorded = await listPiiKeys(db.db);
    return {
      keySource: config.piiKeys ? 'CROSSGATE_PII_KEYS' : config.piiKeyFile,
      active: ring.active,
      keys: recorded.map((k) => ({
        keyId: k.key_id,
        purpose: k.purpose,
        inKeyring: k.purpose === 'hash' || ring.seal.has(k.key_id),
        retiredAt: k.retired_at ? new Date(k.retired_at).toISOString() : null,
        values: counts.get(k.key_id) ?? 0,
      })),
      clearValues: counts.get('clear') ?? 0,
    };
  });
}

/**
 * Adds a sealing key to the key file and makes it the active one (the old keys stay, to open what they
 * sealed). Restart the servers so they seal with it, then run `crossgate pii rotate`.
 */
export function addPersonalDataKey(config: ServerConfig): { keyId: string; file: string } {
  if (config.piiKeys)
    throw new Error(
      'the keys come from CROSSGATE_PII_KEYS: add the new key in your secret store (see SECURITY.md), not here',
    );
  const ring = keyringOf(config);
  let n = ring.seal.size + 1;
  while (ring.seal.has(`k${n}`)) n += 1;
  const keyId = `k${n}`;
  ring.seal.set(keyId, crypto.getRandomValues(Buffer.alloc(32)));
  replaceKeyFile(config.piiKeyFile, { ...ring, active: keyId });
  return { keyId, file: config.piiKeyFile };
}

/** Re-seals everything under the active key; retires the keys nothing is sealed with any more. */
export async function rotatePersonalDataKeys(
  config: ServerConfig,
  progress: Progress = () => {},
): Promise<RotationReport> {
  const ring = keyringOf(config);
  return withDb(config, async (db) => {
    await verifyKeyring(db.db, ring);
    const total = await resealBacklog(db.db, ring.active);
    return rotatePersonalData(db.db, ring, (done) =>
      progress('重新加密 re-sealing', done, Math.max(total, done)),
    );
  });
}
