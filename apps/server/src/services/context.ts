import type { Actor } from '@crossgate/domain';
import type { Database, Kysely } from '@crossgate/db';
import type { EnterpriseCaps } from '../config.ts';
import type { UploadGuard } from './uploads/guard.ts';
import type { SignaturePolicy } from './import/signature-policy.ts';

/** What every use case receives first: who acts, on which request, at what time (Vendure's RequestContext). */
export interface RequestContext {
  actor: Actor;
  requestId: string | null;
  ip: string | null;
  now: Date;
}

export interface Deps {
  db: Kysely<Database>;
  /** Webhooks may target loopback / private addresses (CROSSGATE_WEBHOOK_ALLOW_PRIVATE; default: refused). */
  allowPrivateWebhooks?: boolean;
  /** Most active API keys and webhooks per enterprise (absent: DEFAULT_CAPS). */
  caps?: EnterpriseCaps;
  /** Where uploads are parsed, one per enterprise at a time (absent: a guard with the default limits). */
  uploads?: UploadGuard;
  /** The signature policy while the zone office has chosen none (CROSSGATE_SIGNATURE_POLICY; absent: required). */
  signaturePolicy?: SignaturePolicy;
  /** Where certificate QR codes point (CROSSGATE_PUBLIC_URL; absent: http://localhost:8080). */
  publicUrl?: string;
  /**
   * The clock that stamps a CEB message's time of receipt (absent: the system clock). Only tests set it, to
   * receive a message at a chosen instant (decision 0025: the receipt decides the quota year, limits and rates).
   */
  receiptClock?: () => Date;
  /** Group commit of gateway writes (absent: one transaction per message). */
  ingest?: {
    submit<T>(
      keys: string[],
      write: (trx: Kysely<Database>) => Promise<T>,
      serials?: Record<string, number>,
    ): Promise<T>;
    readonly acceptsSimple: boolean;
    submitSimple<T>(keys: string[], simple: unknown): Promise<T>;
  };
}

export const SYSTEM_ACTOR: Actor = {
  via: 'system',
  userId: null,
  apiKeyId: null,
  orgId: '00000000-0000-0000-0000-000000000000',
  orgKind: 'zone_office',
  agencyType: null,
  enterpriseRoles: [],
  userRoles: ['admin'],
};

export function systemContext(now = new Date()): RequestContext {
  return { actor: SYSTEM_ACTOR, requestId: null, ip: null, now };
}
