import { dirname, resolve } from 'node:path';
import { parseLogFormat, type LogFormat } from './log-text.ts';
import { fileURLToPath } from 'node:url';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './services/uploads/guard.ts';
import type { SignaturePolicy } from './services/import/signature-policy.ts';

export interface ServerConfig {
  port: number;
  /** The address to listen on: 127.0.0.1 (this machine only) unless HOST says otherwise (decision 0022). */
  host: string;
  /** PostgreSQL URL; absent → embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * The private data directory (CROSSGATE_DATA_DIR, default ./data/db), kept 0700 with 0600 files: the embedded
   * database, the personal-data key file (`keys/`) and, after a first start with the demo, its passwords.
   */
  dataDir: string;
  /** Largest request body accepted, in bytes (larger → 413). */
  bodyLimit: number;
  sessionTtlHours: number;
  /** Mark session cookies Secure even on plain HTTP (behind a TLS-terminating proxy). */
  cookieSecure: boolean;
  trustProxy: boolean;
  logLevel: string;
  /** `text`: one readable line per event (default); `json`: pino's JSON lines (LOG_FORMAT, --log-format). */
  logFormat?: LogFormat;
  webRoot: string;
  /** Gateway messages committed together at most (group commit); 1 = a transaction per message. */
  batchMax: number;
  /** Gateway transactions in flight at once per process (PostgreSQL; the embedded engine has one connection). */
  batchParallel: number;
  /** Request budgets per API key, per user and per client IP (apps/server/src/http/rate-limit.ts). */
  rateLimit: RateLimitConfig;
  /**
   * Keys sealing personal data at rest (decision 0017): a key file, created on first start when absent (default
   * `<dataDir>/keys/pii-keys.json`; refused at start when others may read it, decision 0022)…
   */
  piiKeyFile: string;
  /**
   * Where the key file was by default before decision 0022 (`<dataDir>/../keys/pii-keys.json`): found there and not
   * at the new default, it is moved. Undefined when CROSSGATE_PII_KEY_FILE names the file.
   */
  legacyPiiKeyFile: string | undefined;
  /** …or the same JSON given inline (CROSSGATE_PII_KEYS), which wins over the file. */
  piiKeys: string | undefined;
  /** Webhooks may target loopback and private addresses (default false: refused, against SSRF). */
  webhookAllowPrivate: boolean;
  /** How uploads are parsed: in a worker thread with these limits (services/uploads/guard.ts). */
  uploads: UploadLimits;
  /** Most active API keys and webhooks one enterprise may have. */
  caps: EnterpriseCaps;
  /**
   * The operators' token for `GET /metrics` (`Authorization: Bearer …`, at least 32 characters); absent: only
   * a signed-in zone-office administrator reads the metrics (SECURITY.md).
   */
  metricsToken: string | undefined;
  /**
   * Whether declarations that the spec says are signed (CEB621/623/625/711, export CEB509/603/605/607/701,
   * a declared CEB507) must carry a signature that verifies with a key the sender registered, while the zone
   * has not chosen for itself (`zones.signature_policy`, set by the zone office): `required` (the default,
   * production) or `optional` (demo/test mode: unsigned declarations of enterprises without a key pass).
   */
  signaturePolicy: SignaturePolicy;
  /**
   * The address the public reaches the platform at (CROSSGATE_PUBLIC_URL, e.g. `https://cbec.jiaozuo.gov.cn`):
   * what certificate QR codes point to. Unset (undefined): `http://localhost:<port>` of the port the server
   * was told to use (`publicUrlOf`), never the request's Host header, which the client chooses (a forged Host
   * would print a QR code pointing elsewhere).
   */
  publicUrl: string | undefined;
  /**
   * The one password of every demo user, for tests and benchmarks only (CROSSGATE_DEMO_PASSWORD): when unset, as
   * it should be, a first start with `--demo` generates a strong password per demo user and prints it once.
   */
  demoPassword: string | undefined;
}

export interface EnterpriseCaps {
  /** Active (unrevoked) API keys per enterprise. */
  apiKeys: number;
  /** Webhooks per enterprise, disabled ones aside. */
  webhooks: number;
}

export const DEFAULT_CAPS: EnterpriseCaps = { apiKeys: 20, webhooks: 10 };

/**
 * Budgets per window (fixed windows of `windowMs`, one minute unless a test shortens it); `0` switches a budget
 * off. Counted in each server process: with `--workers N` a caller may get up to N times the budget.
 */
export interface RateLimitConfig {
  windowMs: number;
  /** Per API key (or signed-in user): CEB gateway, JSON message channel and receipt feed. */
  gateway: number;
  /** Per API key or signed-in user: every other authenticated endpoint. */
  api: number;
  /** Per client IP: public lookups (/api/v1/public/…, /verify/…). */
  public: number;
  /** Per client IP: other requests without credentials (health, reference data, zone …). */
  anonymous: number;
  /** Per client IP: sign-in attempts that did not succeed (a success gives its attempt back). */
  login: number;
  /** Per client IP: requests refused for missing or invalid credentials (401). */
  authFailures: number;
  /** Per enterprise: every authenticated request of all its API keys and people together. */
  organisation: number;
}

const here = dirname(fileURLToPath(import.meta.url));

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

/** A budget: a whole number of requests, `0` to switch it off. */
function budget(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(
      `${name} must be a whole number of requests (0 switches it off), got ${JSON.stringify(value)}`,
    );
  return n;
}

/** The default budgets (per minute) and their environment variables. */
export function loadRateLimits(env: NodeJS.ProcessEnv = process.env): RateLimitConfig {
  return {
    windowMs: 60_000,
    // 100 messages a second sustained per key, bursts up to 6,000 in a minute: an enterprise's batch traffic.
    gateway: budget(env.CROSSGATE_RATE_GATEWAY_PER_MIN, 6000, 'CROSSGATE_RATE_GATEWAY_PER_MIN'),
    api: budget(env.CROSSGATE_RATE_API_PER_MIN, 1200, 'CROSSGATE_RATE_API_PER_MIN'),
    public: budget(env.CROSSGATE_RATE_PUBLIC_PER_MIN, 60, 'CROSSGATE_RATE_PUBLIC_PER_MIN'),
    anonymous: budget(env.CROSSGATE_RATE_ANONYMOUS_PER_MIN, 1200, 'CROSSGATE_RATE_ANONYMOUS_PER_MIN'),
    login: budget(env.CROSSGATE_RATE_LOGIN_PER_MIN, 10, 'CROSSGATE_RATE_LOGIN_PER_MIN'),
    authFailures: budget(
      env.CROSSGATE_RATE_AUTH_FAILURES_PER_MIN,
      120,
      'CROSSGATE_RATE_AUTH_FAILURES_PER_MIN',
    ),
    // Two keys' gateway budgets: an enterprise's systems together, however many keys it issues.
    organisation: budget(env.CROSSGATE_RATE_ORG_PER_MIN, 12_000, 'CROSSGATE_RATE_ORG_PER_MIN'),
  };
}

function signaturePolicy(value: string | undefined): SignaturePolicy {
  if (value === undefined || value === '') return 'required';
  if (value === 'required' || value === 'optional') return value;
  throw new Error(`CROSSGATE_SIGNATURE_POLICY must be required or optional, got ${JSON.stringify(value)}`);
}

/** Where certificate QR codes point: CROSSGATE_PUBLIC_URL, else this machine at the configured port. */
export const publicUrlOf = (config: Pick<ServerConfig, 'publicUrl' | 'port'>): string =>
  config.publicUrl ?? `http://localhost:${config.port}`;

/** CROSSGATE_PUBLIC_URL: an absolute http(s) URL with no path, query or credentials. */
function publicUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `CROSSGATE_PUBLIC_URL must be an absolute URL such as https://cbec.example.cn, not ${value}`,
    );
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash)
    throw new Error(`CROSSGATE_PUBLIC_URL must be a plain http(s) address, not ${value}`);
  return url.href.replace(/\/+$/, '');
}

function metricsToken(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length < 32)
    throw new Error('CROSSGATE_METRICS_TOKEN must be at least 32 characters (e.g. openssl rand -hex 32)');
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = resolve(env.CROSSGATE_DATA_DIR || 'data/db');
  return {
    port: int(env.PORT, 8080, 'PORT'),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    bodyLimit: int(env.CROSSGATE_BODY_LIMIT, 1024 * 1024, 'CROSSGATE_BODY_LIMIT'),
    sessionTtlHours: int(env.CROSSGATE_SESSION_TTL_HOURS, 8, 'CROSSGATE_SESSION_TTL_HOURS'),
    cookieSecure: env.CROSSGATE_COOKIE_SECURE === 'true',
    trustProxy: env.CROSSGATE_TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    logFormat: parseLogFormat(env.LOG_FORMAT),
    webRoot: resolve(env.CROSSGATE_WEB_ROOT ?? resolve(here, '../../web/dist')),
    batchMax: int(env.CROSSGATE_BATCH_MAX, 64, 'CROSSGATE_BATCH_MAX'),
    batchParallel: int(env.CROSSGATE_BATCH_PARALLEL, 1, 'CROSSGATE_BATCH_PARALLEL'),
    rateLimit: loadRateLimits(env),
    piiKeyFile: resolve(env.CROSSGATE_PII_KEY_FILE || defaultKeyFile(dataDir)),
    legacyPiiKeyFile: env.CROSSGATE_PII_KEY_FILE
      ? undefined
      : resolve(dataDir, '..', 'keys', 'pii-keys.json'),
    piiKeys: env.CROSSGATE_PII_KEYS || undefined,
    webhookAllowPrivate: env.CROSSGATE_WEBHOOK_ALLOW_PRIVATE === 'true',
    uploads: {
      memoryMb: int(
        env.CROSSGATE_UPLOAD_MEMORY_MB,
        DEFAULT_UPLOAD_LIMITS.memoryMb,
        'CROSSGATE_UPLOAD_MEMORY_MB',
      ),
      timeoutMs: int(
        env.CROSSGATE_UPLOAD_TIMEOUT_MS,
        DEFAULT_UPLOAD_LIMITS.timeoutMs,
        'CROSSGATE_UPLOAD_TIMEOUT_MS',
      ),
      parallel: int(
        env.CROSSGATE_UPLOAD_PARALLEL,
        DEFAULT_UPLOAD_LIMITS.parallel,
        'CROSSGATE_UPLOAD_PARALLEL',
      ),
    },
    caps: {
      apiKeys: int(env.CROSSGATE_MAX_API_KEYS, DEFAULT_CAPS.apiKeys, 'CROSSGATE_MAX_API_KEYS'),
      webhooks: int(env.CROSSGATE_MAX_WEBHOOKS, DEFAULT_CAPS.webhooks, 'CROSSGATE_MAX_WEBHOOKS'),
    },
    metricsToken: metricsToken(env.CROSSGATE_METRICS_TOKEN),
    signaturePolicy: signaturePolicy(env.CROSSGATE_SIGNATURE_POLICY),
    publicUrl: publicUrl(env.CROSSGATE_PUBLIC_URL),
    demoPassword: env.CROSSGATE_DEMO_PASSWORD || undefined,
  };
}

/** The default key file: inside the private data directory (decision 0022). */
export const defaultKeyFile = (dataDir: string) => resolve(dataDir, 'keys', 'pii-keys.json');
