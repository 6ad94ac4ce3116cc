import { randomUUID } from 'node:crypto';
import type { DecodedMessage, InboundMessageSpec } from '@crossgate/ceb';
import type { Database, ImportDocument, Kysely } from '@crossgate/db';
import {
  appendEvents,
  insertFirstSubmissions,
  lockClearances,
  supportingDocumentsOfMany,
  waitingInventoriesOfMany,
} from '../../repositories/import-documents.ts';
import { enqueueReceipts, type OutboxReceipt } from '../../repositories/receipts-outbox.ts';
import type { RequestContext } from '../context.ts';
import { processDocument, replayOf, storedAnswer, type GatewayAnswer } from './accept-message.ts';
import { attemptClearance, type ClearancePolicy } from './clear-inventory.ts';
import type { InboundDocument } from './documents.ts';
import { MessageAnswer } from './receipts.ts';
import { sealBody } from '../../security/pii.ts';
import { expectSerials } from '../../repositories/unit-of-work.ts';
import {
  completeMessagesSetwise,
  insertMessagesSetwise,
  keepRefusedExcerpts,
  messagesReceivedAt,
} from '../../repositories/ceb-messages.ts';

/**
 * A message of the common kind: only new orders, payments or waybills (appType 1, appStatus 2), sent by the
 * right enterprise, with nothing to refuse up front. A batch of them is written set-wise — one statement
 * for all their messages, one for all their documents, one to find the inventories they complete, one to
 * record the answers — instead of five statements per message. Any document whose key is already taken
 * falls back to the document-by-document rules (duplicate, repeat), in the same transaction.
 */
export interface SimpleJob {
  ctx: RequestContext;
  orgId: string;
  spec: InboundMessageSpec;
  decoded: DecodedMessage;
  docs: InboundDocument[];
  body: string;
  contentHash: string;
  policy: ClearancePolicy;
}

/**
 * Messages the spec leaves unsigned only: the sender, role and signature-policy checks of acceptImportMessage
 * run before a job is submitted, and nothing here checks a signature again (decision 0024; a test keeps
 * every type here `specSignature: 'optional'`).
 */
export const SIMPLE_TYPES = new Set(['CEB311Message', 'CEB411Message', 'CEB511Message']);

export async function acceptSimpleBatch(trx: Kysely<Database>, jobs: SimpleJob[]): Promise<GatewayAnswer[]> {
  // 1. The messages. A repeat (same enterprise, same bytes) inserts nothing and is answered as a replay.
  const inserted = await insertMessagesSetwise(
    trx,
    jobs.map((j) => ({
      orgId: j.orgId,
      messageType: j.spec.type,
      messageGuid: String(j.decoded.message['@guid'] ?? ''),
      contentHash: j.contentHash,
      copMsgId: j.decoded.envelope?.copMsgId ?? null,
      xsdVersion: j.decoded.version,
      body: j.body,
      receiptType: j.spec.receipt,
      requestId: j.ctx.requestId,
      now: j.ctx.now,
    })),
  );
  const messageIds = new Map(inserted.map((r) => [`${r.org_id}|${r.content_hash}`, r.id]));
  const firstOf = new Map<string, number>();
  const live: { job: SimpleJob; index: number; messageId: string }[] = [];
  jobs.forEach((job, index) => {
    const key = `${job.orgId}|${job.contentHash}`;
    const id = messageIds.get(key);
    if (id && !firstOf.has(key)) {
      firstOf.set(key, index);
      live.push({ job, index, messageId: id });
    }
  });

  // 2. The documents, all at once; a key already taken is left to the document rules below.
  const planned = live.flatMap(({ job, messageId }) =>
    job.docs.map((doc) => ({ job, messageId, doc, id: randomUUID() })),
  );
  const stored = await insertFirstSubmissions(
    trx,
    planned.map((p) => ({
      id: p.id,
      docType: p.doc.docType,
      businessKey: p.doc.businessKey,
      orgId: p.job.orgId,
      messageId: p.messageId,
      guid: p.doc.guid,
      links: p.doc.links,
      body: JSON.stringify(sealBody(p.doc.body)),
      bodyHash: p.doc.bodyHash,
      now: p.job.ctx.now,
    })),
  );
  const planOf = new Map(planned.map((p) => [p.doc, p]));

  // 3. Each document's outcome, event and receipts; fallbacks go through the document rules.
  const answers: (GatewayAnswer | undefined)[] = new Array(jobs.length);
  const outbox: OutboxReceipt[] = [];
  const touched: { doc: InboundDocument; job: SimpleJob }[] = [];
  const completions: { id: string; outcome: GatewayAnswer['outcome']; xml: string }[] = [];
  const refusedWhole: { id: string; body: string }[] = [];
  const events = [];
  for (const { job, index, messageId } of live) {
    const answer = new MessageAnswer(job.orgId, job.ctx.now, outbox);
    for (const doc of job.docs) {
      const plan = planOf.get(doc);
      let result: {
        returnStatus: string;
        returnInfo: string;
        documentId: string | null;
        later?: OutboxReceipt[];
      };
      if (plan && stored.has(plan.id)) {
        const returnInfo = `新增申报成功[${doc.guid}]`;
        events.push({
          documentId: plan.id,
          orgId: job.orgId,
          status: '2',
          returnInfo,
          actor: { via: job.ctx.actor.via, userId: job.ctx.actor.userId, orgId: job.ctx.actor.orgId },
          requestId: job.ctx.requestId,
          details: { appType: '1', messageId },
          now: job.ctx.now,
        });
        result = { returnStatus: '2', returnInfo, documentId: plan.id };
      } else {
        result = await processDocument(trx, job.ctx, job.orgId, messageId, doc);
      }
      const facts = { docType: doc.docType, body: doc.body, guid: doc.guid, invtNo: doc.links.invtNo };
      answer.add(doc, facts, result);
      if (result.later) outbox.push(...result.later);
      if (!result.returnStatus.startsWith('-') && result.documentId) touched.push({ doc, job });
    }
    const { xml, outcome } = answer.conclude();
    completions.push({ id: messageId, outcome, xml });
    // Every document refused (a duplicate …): only an excerpt of the message is kept (decision 0021).
    if (outcome === 'refused') refusedWhole.push({ id: messageId, body: job.body });
    answers[index] = {
      httpStatus: 200,
      receiptType: job.spec.receipt,
      receiptXml: xml,
      replayed: false,
      outcome,
      documents: answer.outcomes,
    };
  }
  await appendEvents(trx, events);
  await enqueueReceipts(trx, outbox, jobs[0]?.ctx.now ?? new Date());

  // 4. The inventories these documents complete, found in one query and each tried once, on behalf of the
  // message that completed it.
  if (touched.length > 0) {
    const byOrder = touched.filter((t) => t.doc.docType !== 'waybill');
    const byWaybill = touched.filter((t) => t.doc.docType === 'waybill');
    const waiting = await waitingInventoriesOfMany(
      trx,
      byOrder.map((t) => ({ ebpCode: t.doc.links.ebpCode ?? '', orderNo: t.doc.links.orderNo ?? '' })),
      byWaybill.map((t) => ({
        logisticsCode: t.doc.links.logisticsCode ?? '',
        logisticsNo: t.doc.links.logisticsNo ?? '',
      })),
    );
    // What clearing each of them reads first, read for the whole set: one statement per kind (decision 0041).
    const loaded = await loadForClearance(trx, waiting);
    // Each may be accepted and take an invtNo: the set reserves them together (decision 0045).
    expectSerials(trx, 'invt_no_seq', waiting.length);
    for (const inventory of waiting) {
      const by = touched.find((t) =>
        t.doc.docType === 'waybill'
          ? t.doc.links.logisticsCode === inventory.logistics_code &&
            t.doc.links.logisticsNo === inventory.logistics_no
          : t.doc.links.ebpCode === inventory.ebp_code && t.doc.links.orderNo === inventory.order_no,
      ) as (typeof touched)[number];
      await enqueueReceipts(
        trx,
        await attemptClearance(
          trx,
          by.job.ctx,
          inventory,
          by.job.policy,
          undefined,
          loaded.get(inventory.id),
        ),
        by.job.ctx.now,
      );
    }
  }

  // 5. The answers, recorded for replays.
  await completeMessagesSetwise(trx, completions);
  await keepRefusedExcerpts(trx, refusedWhole);
  // Repeats: of a message earlier in this batch (its answer), or of one stored before.
  for (let i = 0; i < jobs.length; i++) {
    if (answers[i]) continue;
    const job = jobs[i] as SimpleJob;
    const original = firstOf.get(`${job.orgId}|${job.contentHash}`);
    const earlier = original === undefined ? undefined : answers[original];
    answers[i] = earlier
      ? { ...earlier, replayed: true, documents: [] }
      : replayOf(await storedAnswer(trx, job.orgId, job.contentHash), job.body);
  }
  return answers as GatewayAnswer[];
}

/**
 * What `attemptClearance` reads first for each inventory, read for a batch's whole set in one statement per
 * kind: the clearance rows (locked, in document order), the supporting documents, the times of receipt. An
 * inventory whose supporting document another inventory of the set also names is left out: clearing the first
 * moves that document on, so the second reads it afresh, as one by one.
 */
async function loadForClearance(trx: Kysely<Database>, inventories: ImportDocument[]) {
  const out = new Map<string, NonNullable<Parameters<typeof attemptClearance>[5]>>();
  if (inventories.length === 0) return out;
  const ids = inventories.map((i) => i.id);
  const clearances = await lockClearances(trx, ids);
  const links = inventories.map((i) => {
    const b = i.body as unknown as Record<string, string>;
    return {
      ebpCode: b.ebpCode ?? '',
      orderNo: b.orderNo ?? '',
      ebcCode: b.ebcCode ?? '',
      logisticsCode: b.logisticsCode ?? '',
      logisticsNo: b.logisticsNo ?? '',
    };
  });
  const supporting = await supportingDocumentsOfMany(trx, links);
  const received = await messagesReceivedAt(
    trx,
    inventories.map((i) => i.message_id),
  );
  const named = new Map<string, number>();
  for (const s of supporting)
    for (const d of [s.order, s.payment, s.waybill]) if (d) named.set(d.id, (named.get(d.id) ?? 0) + 1);
  inventories.forEach((inventory, k) => {
    const found = supporting[k];
    if (!found) return;
    if ([found.order, found.payment, found.waybill].some((d) => d && (named.get(d.id) ?? 0) > 1)) return;
    out.set(inventory.id, {
      clearance: clearances.get(inventory.id),
      supporting: found,
      receivedAt: received.get(String(inventory.message_id)),
    });
  });
  return out;
}
