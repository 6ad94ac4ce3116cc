import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL URL; absent → embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Largest request body accepted, in bytes (larger → 413). */
  bodyLimit: number;
  sessionTtlHours: number;
  /** Mark session cookies Secure even on plain HTTP (behind a TLS-terminating proxy). */
  cookieSecure: boolean;
  trustProxy: boolean;
  logLevel: string;
  webRoot: string;
  /** Gateway messages committed together at most (group commit); 1 = a transaction per message. */
  batchMax: number;
  /** Gateway transactions in flight at once per process (PostgreSQL; the embedded engine has one connection). */
  batchParallel: number;
  /** Keys sealing personal data at rest (decision 0017): a key file, created on first start when absent… */
  piiKeyFile: string;
  /** …or the same JSON given inline (CROSSGATE_PII_KEYS), which wins over the file. */
  piiKeys: string | undefined;
}

const here = dirname(fileURLToPath(import.meta.url));

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: int(env.PORT, 8080, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.CROSSGATE_DATA_DIR ?? 'data/db'),
    bodyLimit: int(env.CROSSGATE_BODY_LIMIT, 1024 * 1024, 'CROSSGATE_BODY_LIMIT'),
    sessionTtlHours: int(env.CROSSGATE_SESSION_TTL_HOURS, 8, 'CROSSGATE_SESSION_TTL_HOURS'),
    cookieSecure: env.CROSSGATE_COOKIE_SECURE === 'true',
    trustProxy: env.CROSSGATE_TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    webRoot: resolve(env.CROSSGATE_WEB_ROOT ?? resolve(here, '../../web/dist')),
    batchMax: int(env.CROSSGATE_BATCH_MAX, 64, 'CROSSGATE_BATCH_MAX'),
    batchParallel: int(env.CROSSGATE_BATCH_PARALLEL, 1, 'CROSSGATE_BATCH_PARALLEL'),
    piiKeyFile: resolve(
      env.CROSSGATE_PII_KEY_FILE ?? resolve(env.CROSSGATE_DATA_DIR ?? 'data/db', '..', 'keys', 'pii-keys.json'),
    ),
    piiKeys: env.CROSSGATE_PII_KEYS || undefined,
  };
}
