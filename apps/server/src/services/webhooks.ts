import { createHmac, randomBytes } from 'node:crypto';
import type { Database, Kysely, WebhookRow } from '@crossgate/db';
import { inScope, scopeFor } from '@crossgate/domain';
import { AppError, forbidden, notFound } from '../errors.ts';
import { appendAudit } from '../repositories/audit.ts';
import { findReceipt, receiptsAfter } from '../repositories/receipts-outbox.ts';
import { privateTargetOf, refuseDeliveryTarget } from '../security/outbound.ts';
import { DEFAULT_CAPS } from '../config.ts';
import { lockOrganisation } from '../repositories/organisations.ts';
import {
  advanceWebhook,
  countActiveWebhooks,
  claimDueWebhook,
  deadLetter,
  deadLettersOf,
  disableWebhook,
  failWebhook,
  findWebhook,
  insertWebhook,
  keepWebhookFailure,
  listWebhooks as listRows,
  markDeadLetterRetried,
  postponeWebhook,
} from '../repositories/webhooks.ts';
import { newId } from './auth.ts';
import type { Deps, RequestContext } from './context.ts';

export interface TWebhook {
  id: string;
  url: string;
  cursor: string;
  attempts: number;
  lastError: string | null;
  lastSuccessAt: string | null;
  nextAttemptAt: string;
  disabledAt: string | null;
  deadLetters: number;
}

const toWebhook = (w: WebhookRow, deadLetters = 0): TWebhook => ({
  id: w.id,
  url: w.url,
  cursor: `${w.cursor_tx}:${w.cursor_id}`,
  attempts: w.attempts,
  lastError: w.last_error,
  lastSuccessAt: w.last_success_at?.toISOString() ?? null,
  nextAttemptAt: w.next_attempt_at.toISOString(),
  disabledAt: w.disabled_at?.toISOString() ?? null,
  deadLetters,
});

function requireManager(ctx: RequestContext, action: 'read' | 'create' | 'delete') {
  const scope = scopeFor(ctx.actor, 'api_key', action);
  if (scope.kind === 'none') throw forbidden('webhooks are managed by an enterprise administrator');
  return scope;
}

/** Subscribes a URL to the enterprise's receipts. The HMAC secret is returned once. */
export async function createWebhook(
  deps: Deps,
  ctx: RequestContext,
  input: { url: string },
): Promise<TWebhook & { secret: string }> {
  requireManager(ctx, 'create');
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new AppError('VALIDATION_FAILED', [
      { field: 'url', rule: 'an absolute http(s) URL', actual: input.url },
    ]);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError('VALIDATION_FAILED', [
      { field: 'url', rule: 'an absolute http(s) URL', actual: input.url },
    ]);
  const inside = deps.allowPrivateWebhooks ? null : privateTargetOf(url);
  if (inside)
    throw new AppError('VALIDATION_FAILED', [
      {
        field: 'url',
        rule: '回调地址须为公网地址 a public address: not loopback, private, link-local or metadata (SSRF protection)',
        actual: input.url,
      },
    ]);
  const secret = randomBytes(32).toString('base64url');
  const cap = (deps.caps ?? DEFAULT_CAPS).webhooks;
  return deps.db.transaction().execute(async (trx) => {
    await lockOrganisation(trx, ctx.actor.orgId);
    const active = await countActiveWebhooks(trx, ctx.actor.orgId);
    if (active >= cap)
      throw new AppError('WEBHOOK_LIMIT_REACHED', [
        {
          field: 'url',
          rule: `每个企业最多 ${cap} 个回调地址，请先停用不用的回调 / at most ${cap} webhooks per enterprise: disable one it no longer uses first`,
          expected: `at most ${cap} webhooks not disabled (CROSSGATE_MAX_WEBHOOKS)`,
          actual: `${active} webhooks`,
        },
      ]);
    const row = await insertWebhook(trx, {
      id: newId(),
      orgId: ctx.actor.orgId,
      url: url.toString(),
      secret,
      now: ctx.now,
    });
    await appendAudit(trx, ctx, {
      action: 'webhook.create',
      targetType: 'webhook',
      targetId: row.id,
      targetOrgId: row.org_id,
      after: { url: row.url },
    });
    return { ...toWebhook(row), secret };
  });
}

export async function listWebhooks(deps: Deps, ctx: RequestContext): Promise<TWebhook[]> {
  const scope = requireManager(ctx, 'read');
  const rows = await listRows(deps.db, scope.kind === 'own' ? scope.orgId : null);
  return Promise.all(
    rows.map(async (w) =>
      toWebhook(w, (await deadLettersOf(deps.db, w.id)).filter((d) => !d.retried_at).length),
    ),
  );
}

async function ownWebhook(deps: Deps, ctx: RequestContext, id: string, action: 'read' | 'delete') {
  const scope = requireManager(ctx, action);
  const row = await findWebhook(deps.db, id);
  if (!row || !inScope(scope, row.org_id)) throw notFound('id', id);
  return row;
}

export async function disableWebhookById(deps: Deps, ctx: RequestContext, id: string): Promise<TWebhook> {
  const row = await ownWebhook(deps, ctx, id, 'delete');
  return deps.db.transaction().execute(async (trx) => {
    const disabled = (await disableWebhook(trx, id, ctx.now)) ?? row;
    await appendAudit(trx, ctx, {
      action: 'webhook.disable',
      targetType: 'webhook',
      targetId: id,
      targetOrgId: row.org_id,
      before: { url: row.url },
    });
    return toWebhook(disabled);
  });
}

export async function listDeadLetters(deps: Deps, ctx: RequestContext, id: string) {
  await ownWebhook(deps, ctx, id, 'read');
  return (await deadLettersOf(deps.db, id)).map((d) => ({
    id: d.id,
    receiptId: d.receipt_id,
    messageType: d.message_type,
    businessKey: d.business_key,
    returnStatus: d.return_status,
    attempts: d.attempts,
    lastError: d.last_error,
    deadAt: d.dead_at.toISOString(),
    retriedAt: d.retried_at?.toISOString() ?? null,
  }));
}

export type Fetch = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body: string;
    signal: AbortSignal;
    redirect: 'manual';
  },
) => Promise<{ ok: boolean; status: number }>;

export interface DeliveryOptions {
  now: () => Date;
  fetch: Fetch;
  batchSize?: number;
  /** Failed attempts at one batch before its receipts go to the dead-letter list. */
  maxAttempts?: number;
  timeoutMs?: number;
  /** Deliver to loopback / private addresses too (CROSSGATE_WEBHOOK_ALLOW_PRIVATE: tests, closed networks). */
  allowPrivateTargets?: boolean;
}

/** The HMAC-SHA256 of the body with the webhook's secret, as sent in X-Crossgate-Signature. */
export const webhookSignature = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

type FeedRow = {
  tx: string;
  id: string;
  message_type: string;
  business_key: string | null;
  return_status: string;
  return_info: string;
  created_at: Date;
  xml: string;
};

/** The JSON body of a delivery: the same receipt fields as the pull feed. */
const payload = (rows: FeedRow[]) =>
  JSON.stringify({
    receipts: rows.map((r) => ({
      cursor: `${r.tx}:${r.id}`,
      messageType: r.message_type,
      businessKey: r.business_key,
      returnStatus: r.return_status,
      returnInfo: r.return_info,
      createdAt: r.created_at.toISOString(),
      xml: r.xml,
    })),
  });

/** Backoff after n failed attempts: 2ⁿ seconds, at most ten minutes. */
const backoffMs = (attempts: number) => Math.min(2 ** attempts, 600) * 1000;

async function post(opts: DeliveryOptions, hook: WebhookRow, body: string): Promise<string | null> {
  const controller = new AbortController();
  const refused = await refuseDeliveryTarget(hook.url, opts.allowPrivateTargets === true);
  if (refused) return refused;
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 5000);
  try {
    const res = await opts.fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-crossgate-webhook-id': hook.id,
        'x-crossgate-signature': webhookSignature(hook.secret, body),
      },
      body,
      signal: controller.signal,
      // A redirect is a failed delivery, never followed: it could lead to an internal address.
      redirect: 'manual',
    });
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (error) {
    return (error as Error).name === 'AbortError' ? 'timeout' : (error as Error).message;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Delivers due webhooks: each takes the next batch of its enterprise's receipts (commit-safe order, like the
 * pull feed), posts it signed, and moves its cursor on success. Failures back off exponentially; after
 * `maxAttempts` the batch's receipts go to the dead-letter list and delivery continues behind them.
 * Webhooks are leased with SKIP LOCKED, so several server processes can run this side by side.
 */
export async function deliverDueWebhooks(
  db: Kysely<Database>,
  opts: DeliveryOptions,
): Promise<{ delivered: number; failed: number }> {
  let delivered = 0;
  let failed = 0;
  const seen: string[] = [];
  for (;;) {
    const now = opts.now();
    const hook = await db.transaction().execute(async (trx) => {
      const due = await claimDueWebhook(trx, now, seen);
      if (due) await postponeWebhook(trx, due.id, new Date(now.getTime() + 60_000));
      return due;
    });
    if (!hook) break;
    seen.push(hook.id);
    const batch = await receiptsAfter(
      db,
      hook.org_id,
      { tx: hook.cursor_tx, id: hook.cursor_id },
      opts.batchSize ?? 50,
    );
    if (batch.length === 0) {
      await postponeWebhook(db, hook.id, new Date(now.getTime() + 1000));
      continue;
    }
    const body = payload(batch);
    const error = await post(opts, hook, body);
    const last = batch.at(-1) as (typeof batch)[number];
    if (!error) {
      await advanceWebhook(db, hook.id, { tx: last.tx, id: last.id }, now, now);
      delivered += batch.length;
      continue;
    }
    failed++;
    const attempts = hook.attempts + 1;
    if (attempts >= (opts.maxAttempts ?? 8)) {
      await db.transaction().execute(async (trx) => {
        for (const r of batch)
          await deadLetter(trx, { webhookId: hook.id, receiptId: r.id, attempts, error, now });
        await advanceWebhook(trx, hook.id, { tx: last.tx, id: last.id }, now, now);
        await keepWebhookFailure(trx, hook.id, error, hook.last_success_at);
      });
    } else {
      await failWebhook(db, hook.id, attempts, error, new Date(now.getTime() + backoffMs(attempts)));
    }
  }
  return { delivered, failed };
}

/** Sends one dead-lettered receipt again, now; marks it retried when the endpoint takes it. */
export async function retryDeadLetter(
  deps: Deps,
  ctx: RequestContext,
  webhookId: string,
  deadLetterId: string,
  opts: DeliveryOptions,
) {
  const hook = await ownWebhook(deps, ctx, webhookId, 'read');
  const letter = (await deadLettersOf(deps.db, webhookId)).find((d) => d.id === deadLetterId);
  if (!letter) throw notFound('deadLetterId', deadLetterId);
  const receipt = await findReceipt(deps.db, letter.receipt_id);
  const body = payload([receipt]);
  const error = await post(opts, hook, body);
  if (error)
    throw new AppError('RULE_VIOLATION', [
      { field: 'url', rule: 'the webhook endpoint accepts the delivery', actual: error },
    ]);
  await markDeadLetterRetried(deps.db, deadLetterId, ctx.now);
  return { retried: true };
}
