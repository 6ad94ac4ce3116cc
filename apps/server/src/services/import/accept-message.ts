import { createHash } from 'node:crypto';
import {
  cebDate,
  cebReturnTime,
  decodeImportMessage,
  decodeMessageAnyDirection,
  formatRefusalReceipt,
  formatReturnInfo,
  negativeInfo,
  verifyEnveloped,
  FORMAT_CODES,
  type DecodedMessage,
  type FormatFailure,
  newCebGuid,
  type NegativeCode,
} from '@crossgate/ceb';
import type { Database, ImportDocument, Kysely } from '@crossgate/db';
import {
  checkDeclTime,
  declarationDay,
  formatPreNo,
  maskFieldError,
  supportingDocumentLocked,
} from '@crossgate/domain';
import {
  answerOf,
  findMessageByHash,
  completeMessage,
  insertMessage,
} from '../../repositories/ceb-messages.ts';
import {
  appendEvent,
  findDocument,
  findDocumentById,
  insertClearance,
  insertDocument,
  lockOrderNumbers,
  nextSerial,
  replaceDocument,
  waitingInventories,
  inventoriesNaming,
  findClearance,
  updateClearance,
} from '../../repositories/import-documents.ts';
import { findOrganisation } from '../../repositories/organisations.ts';
import { activeSigningKeys } from '../../repositories/signing-keys.ts';
import { restoreQuota } from '../../repositories/quotas.ts';
import { voidTaxBill } from '../../repositories/tax-bills.ts';
import { TtlCache } from '../ttl-cache.ts';
import { enqueueReceipts, type OutboxReceipt } from '../../repositories/receipts-outbox.ts';
import { newId } from '../auth.ts';
import type { Deps, RequestContext } from '../context.ts';
import { REFUSALS, type RefusalGroup } from '../clearance-common.ts';
import { filingLabel } from '../credit/labels.ts';
import { attemptClearance, type ClearancePolicy } from './clear-inventory.ts';
import { applyFollowUp, checkFollowUp } from './follow-ups.ts';
import { bufferWrites } from './write-buffer.ts';
import { SIMPLE_TYPES, type SimpleJob } from './simple-batch.ts';
import { missingSignature, signatureCodeOf, signatureDemanded } from './signature-policy.ts';
import { buyerKey, copCodeOf, documentsOf, type InboundDocument } from './documents.ts';
import { sealBody } from '../../security/pii.ts';
import { bindingRefusals, forgetAllAuthorisations } from '../party-binding.ts';
import { MessageAnswer, type DocumentOutcome } from './receipts.ts';
import { exportDocumentsOf, exportLockKeys, writeExportMessage } from '../export/accept-export.ts';

export type { DocumentOutcome };

export interface GatewayAnswer {
  /** 200 when the message was read (its receipt may still refuse documents), 400 for a CEB900 refusal. */
  httpStatus: 200 | 400;
  receiptType: string;
  receiptXml: string;
  replayed: boolean;
  outcome: 'accepted' | 'partly_refused' | 'refused' | 'format_error';
  documents: DocumentOutcome[];
  /** The fields that broke the format check, when the message was refused with a CEB900. */
  formatErrors?: FormatFailure['errors'];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The sender's organisation row and active signing keys, re-read at most every ten seconds per process
 * (a new or revoked key applies at once in the process that changed it, within ten seconds elsewhere).
 */
const senders = new TtlCache<Awaited<ReturnType<typeof findOrganisation>>>(10_000);

/** A filing decision or a role change applies at once in this process (other processes: within ten seconds). */
export const forgetSender = (orgId: string) => {
  senders.deleteWhere((o) => o?.id === orgId);
  // What it authorised others to declare counts only while its filing is approved (decision 0018).
  forgetAllAuthorisations();
};

export const senderKeys = new TtlCache<Awaited<ReturnType<typeof activeSigningKeys>>>(10_000);

/** Duplicate, not-found, wrong-state and parameter codes per document kind (spec 202205 table 7-2). */
const CODES: Record<string, RefusalGroup> = {
  order: REFUSALS.order,
  payment: REFUSALS.payment,
  waybill: REFUSALS.waybill,
  waybill_status: REFUSALS.waybillStatus,
  inventory: REFUSALS.inventory,
  cancel: REFUSALS.cancel,
  refund: REFUSALS.refund,
  delivery: REFUSALS.delivery,
};

/** The documents that take a preNo (pre-entry number) when declared, refused or not. */
const PRE_NO_TYPES = new Set(['inventory', 'cancel', 'refund']);

const APP_TYPE_ZH: Record<string, string> = { '1': '新增', '2': '变更', '3': '删除' };

/**
 * The CEB gateway use case: one inbound import message from an enterprise. Reads and checks it, stores it
 * with its documents and their events and receipts in one transaction, tries to clear every inventory the
 * documents complete, and answers with the synchronous receipt. The same bytes again get the same answer.
 */
export async function acceptImportMessage(
  deps: Deps,
  ctx: RequestContext,
  body: string,
  policy: ClearancePolicy,
  channel: 'xml' | 'json' = 'xml',
): Promise<GatewayAnswer> {
  // ctx.now is the message's time of receipt; a test may fix it (decision 0025).
  if (deps.receiptClock) ctx = { ...ctx, now: deps.receiptClock() };
  const contentHash = sha256(body);
  const orgId = ctx.actor.orgId;

  // The XML gateway takes both directions (import and export roots do not overlap); the JSON route is import's.
  const decoded =
    channel === 'json'
      ? decodeImportMessage(body, undefined, { signatureOptional: true })
      : decodeMessageAnyDirection(body);
  if (!decoded.ok) return refuseFormat(deps, ctx, contentHash, body, decoded);
  const spec = decoded.spec;
  const org = senders.get(orgId) ?? senders.set(orgId, await findOrganisation(deps.db, orgId));
  const copCode = copCodeOf(decoded.message) ?? '';
  // BaseTransfer.copCode must be the enterprise behind the access credentials (spec §2.1); the sender must
  // hold a role that may send this message (e.g. only logistics enterprises send waybills).
  let refusal: { code: NegativeCode; info: string } | undefined;
  if (!org || (copCode !== org.code && copCode !== org.uscc)) {
    refusal = {
      code: '-10102',
      info: `${negativeInfo('-10102')}：BaseTransfer.copCode[${copCode}]与接入企业[${org?.code ?? ''}]不一致`,
    };
  } else if (org.filing_status !== 'approved') {
    // Only enterprises whose filing (备案) is approved may declare, and only for the roles approved.
    refusal = {
      code: '-10101',
      info: `${negativeInfo('-10101')}：企业备案状态为[${filingLabel(org.filing_status)}]，备案经审核通过后方可申报 (the enterprise's filing is not approved)`,
    };
  } else if (!spec.senders.some((r) => org.enterprise_roles.includes(r))) {
    refusal = {
      code: '-10101',
      info: `${negativeInfo('-10101')}：${spec.type}应由${spec.senders.join('/')}发送，接入企业角色为[${org.enterprise_roles.join(',')}]`,
    };
  }

  // A registered signing key means every signature of the enterprise is checked (spec §2.2, §6): a failed
  // signature of a declaration with a table 7-2 code gets it, any other message a CEB900 (1001). Under the
  // zone's signature policy `required` (the default, decision 0024) a declaration the spec says is signed
  // must also carry a signature and its sender must have a key to check it with.
  if (!refusal) {
    const cached = senderKeys.get(orgId);
    let keys = cached ?? senderKeys.set(orgId, await activeSigningKeys(deps.db, orgId, ctx.now));
    // The zone's policy matters only for a message the spec says is signed: read for those alone.
    const demanded = signatureDemanded(spec, decoded.message);
    const signatures = demanded ? await policy.signatures() : undefined;
    // About to refuse for want of a key: a key registered through another process counts at once.
    if (cached?.length === 0 && demanded && (signatures ?? 'required') === 'required')
      keys = senderKeys.set(orgId, await activeSigningKeys(deps.db, orgId, ctx.now));
    const signed = decoded.message.Signature !== undefined;
    const missing = missingSignature({
      policy: signatures,
      spec,
      message: decoded.message,
      signed,
      registeredKeys: keys.length,
      channel,
    });
    if (missing) {
      const code = signatureCodeOf(spec.type);
      if (!code) return refuseSignature(deps, ctx, contentHash, body, decoded, missing);
      refusal = { code, info: `${negativeInfo(code)} ${missing.rule}` };
    }
    if (!refusal && channel === 'json' && keys.length > 0 && spec.signatureRequired && !signed) {
      const code = signatureCodeOf(spec.type) ?? '-800001';
      refusal = {
        code,
        info: `${negativeInfo(code)} 已登记签名证书的企业，${spec.nameZh}须经XML通道加签报送 (send signed declarations as XML)`,
      };
    }
    if (!refusal && keys.length > 0 && (signed || spec.signatureRequired)) {
      const results = keys.map((k) =>
        verifyEnveloped(decoded.xml, { algorithm: k.algorithm, publicKey: k.public_key }),
      );
      if (!results.some((r) => r.ok)) {
        const why = results.map((r) => (r.ok ? '' : r.message)).join('; ');
        const code = signatureCodeOf(spec.type);
        if (!code)
          return refuseSignature(deps, ctx, contentHash, body, decoded, {
            rule: '数字签名须能用企业登记的签名证书验证 (signature verifies with a registered key)',
            actual: why,
          });
        refusal = { code, info: `${negativeInfo(code)}${why ? ` ${why}` : ''}` };
      }
    }
  }

  if (spec.direction === 'export') {
    const exportDocs = exportDocumentsOf(spec.type, decoded.message);
    const unbound = await bindParties(deps, ctx, spec.type, org, refusal, exportDocs);
    return storeOnce(deps, ctx, { contentHash, body }, exportLockKeys(exportDocs), (trx) =>
      writeExportMessage(
        trx,
        ctx,
        {
          orgId,
          messageType: spec.type,
          receiptType: spec.receipt,
          messageGuid: String(decoded.message['@guid'] ?? ''),
          contentHash,
          copMsgId: decoded.envelope?.copMsgId ?? null,
          xsdVersion: decoded.version,
          body,
          docs: exportDocs,
          refusal,
          unbound,
        },
        async () => replayOf(await storedAnswer(trx, orgId, contentHash), body),
      ),
    );
  }
  const docs = documentsOf(spec.type, decoded.message);
  const unbound = await bindParties(deps, ctx, spec.type, org, refusal, docs);
  const lockKeys = docs.map((d) => d.links.orderNo ?? d.links.invtNo ?? d.businessKey);
  // The common case — new orders, payments, waybills with nothing to refuse — is written set-wise per batch.
  if (
    !refusal &&
    unbound.every((u) => u === undefined) &&
    deps.ingest?.acceptsSimple &&
    SIMPLE_TYPES.has(spec.type) &&
    docs.every((d) => d.appType === '1' && d.appStatus === '2' && !checkParameters(d))
  ) {
    const job: SimpleJob = { ctx, orgId, spec, decoded, docs, body, contentHash, policy };
    return deps.ingest.submitSimple<GatewayAnswer>(lockKeys, job);
  }
  // Each inventory, cancellation or return takes a preNo: a batch reserves its messages' together (0045).
  const serials = { pre_no_seq: docs.filter((d) => PRE_NO_TYPES.has(d.docType)).length };
  return storeOnce(deps, ctx, { contentHash, body, serials }, lockKeys, (trx) =>
    bufferWrites(trx, async () => {
      const messageId = await insertMessage(trx, {
        orgId,
        messageType: spec.type,
        messageGuid: String(decoded.message['@guid'] ?? ''),
        contentHash,
        copMsgId: decoded.envelope?.copMsgId ?? null,
        xsdVersion: decoded.version,
        // Refused as a whole up front: only an excerpt of the bytes is kept (decision 0021).
        outcome: refusal ? 'refused' : 'accepted',
        body,
        receiptType: spec.receipt,
        receiptXml: '',
        requestId: ctx.requestId,
        now: ctx.now,
      });
      if (messageId === null) return replayOf(await storedAnswer(trx, orgId, contentHash), body);
      const outbox: OutboxReceipt[] = [];
      const answer = new MessageAnswer(orgId, ctx.now, outbox);
      const touched: { doc: InboundDocument; documentId: string; written?: Processed['written'] }[] = [];
      for (const [i, doc] of docs.entries()) {
        const refused = refusal ?? unbound[i];
        const result = refused
          ? { returnStatus: refused.code, returnInfo: refused.info, documentId: null, preNo: undefined }
          : await processDocument(trx, ctx, orgId, messageId, doc);
        const facts = {
          docType: doc.docType,
          body: doc.body,
          guid: doc.guid,
          preNo:
            result.preNo ??
            (doc.docType === 'inventory' || doc.docType === 'cancel' || doc.docType === 'refund'
              ? await throwawayPreNo(trx, ctx)
              : undefined),
          invtNo: doc.links.invtNo,
        };
        answer.add(doc, facts, result);
        if ('later' in result && result.later) outbox.push(...result.later);
        if (!result.returnStatus.startsWith('-') && result.documentId)
          touched.push({
            doc,
            documentId: result.documentId,
            written: 'written' in result ? result.written : undefined,
          });
      }
      // The receipts of the message come first in the feed, then what clearing the parcels produced.
      outbox.push(...(await clearTouched(trx, ctx, touched, policy)));
      await enqueueReceipts(trx, outbox, ctx.now);
      const { xml, outcome } = answer.conclude();
      await completeMessage(trx, messageId, outcome, xml, refusal ? undefined : body);
      return {
        httpStatus: 200,
        receiptType: spec.receipt,
        receiptXml: xml,
        replayed: false,
        outcome,
        documents: answer.outcomes,
      };
    }),
  );
}

/** A signature failure of a message with no table 7-2 signature code: a stored CEB900 (1001 数字签名无效). */
function refuseSignature(
  deps: Deps,
  ctx: RequestContext,
  contentHash: string,
  body: string,
  decoded: DecodedMessage,
  why: { rule: string; actual: string },
): Promise<GatewayAnswer> {
  return refuseFormat(deps, ctx, contentHash, body, {
    ok: false,
    status: FORMAT_CODES.SIGNATURE_INVALID.status,
    desc: FORMAT_CODES.SIGNATURE_INVALID.desc,
    messageType: decoded.spec.type,
    copMsgId: decoded.envelope?.copMsgId ?? '',
    errors: [
      { path: `/${decoded.spec.type}/Signature`, field: 'Signature', rule: why.rule, actual: why.actual },
    ],
  });
}

/**
 * The party codes of each document that name the acting party must name the sender or an enterprise that
 * authorised it for that role (decision 0018; packages/domain/src/access/party-binding.ts): the −10102
 * refusal of each document that does not, by position. Nothing to check once the whole message is refused.
 */
async function bindParties(
  deps: Deps,
  ctx: RequestContext,
  messageType: string,
  org: { id: string; code: string; uscc: string | null } | undefined,
  refusal: { code: NegativeCode; info: string } | undefined,
  docs: readonly { body: Record<string, unknown> }[],
): Promise<({ code: NegativeCode; info: string } | undefined)[]> {
  if (refusal || !org) return docs.map(() => undefined);
  return bindingRefusals(deps.db, { messageType, sender: org, heads: docs.map((d) => d.body), now: ctx.now });
}

/**
 * Answers a message that could not be read, broke its XSD or failed its signature: a stored CEB900. What is kept
 * (decision 0021): the content hash, the first 4 KiB of the bytes and the receipt without its echo of the
 * message, both sealed; a value quoted from a personal field is masked in the receipt and the error details.
 */
async function refuseFormat(
  deps: Deps,
  ctx: RequestContext,
  contentHash: string,
  body: string,
  refused: FormatFailure,
): Promise<GatewayAnswer> {
  const failure = { ...refused, errors: refused.errors.map(maskFieldError) };
  const stored = formatRefusalReceipt({
    guid: newCebGuid(),
    returnStatus: failure.status,
    returnInfo: formatReturnInfo(failure),
    returnTime: cebReturnTime(ctx.now),
    oriCopMsgId: failure.copMsgId || '-',
    oriMessageType: failure.messageType.slice(0, 15),
  });
  return storeOnce(deps, ctx, { contentHash, body }, [], async (trx) => {
    const inserted = await insertMessage(trx, {
      orgId: ctx.actor.orgId,
      messageType: failure.messageType,
      messageGuid: null,
      contentHash,
      copMsgId: failure.copMsgId || null,
      xsdVersion: null,
      outcome: 'format_error',
      body,
      receiptType: 'CEB900Message',
      receiptXml: stored,
      requestId: ctx.requestId,
      now: ctx.now,
    });
    if (inserted === null) return replayOf(await storedAnswer(trx, ctx.actor.orgId, contentHash), body);
    return {
      httpStatus: 400,
      receiptType: 'CEB900Message',
      receiptXml: answerOf(stored, body),
      replayed: false,
      outcome: 'format_error',
      documents: [],
      formatErrors: failure.errors,
    };
  });
}

export async function storedAnswer(db: Kysely<Database>, orgId: string, contentHash: string) {
  const row = await findMessageByHash(db, orgId, contentHash);
  if (!row) throw new Error('a repeated message without its stored answer');
  return row;
}

/** The stored answer given again to `body`, the same bytes (a CEB900 echoes them again). */
export function replayOf(
  row: {
    receipt_type: string;
    receipt_xml: string;
    outcome: GatewayAnswer['outcome'];
  },
  body: string,
): GatewayAnswer {
  return {
    httpStatus: row.outcome === 'format_error' ? 400 : 200,
    receiptType: row.receipt_type,
    receiptXml: answerOf(row.receipt_xml, body),
    replayed: true,
    outcome: row.outcome,
    documents: [],
  };
}

/**
 * Runs the write in one transaction. Two identical messages racing: the loser hits the unique content hash,
 * and is answered with the winner's stored receipt.
 */
async function storeOnce(
  deps: Deps,
  ctx: RequestContext,
  {
    contentHash,
    body,
    serials,
  }: {
    contentHash: string;
    body: string;
    /** Serial numbers the message takes at most, by sequence: reserved per batch (decision 0045). */
    serials?: Record<string, number>;
  },
  lockKeys: string[],
  write: (trx: Kysely<Database>) => Promise<GatewayAnswer>,
): Promise<GatewayAnswer> {
  try {
    if (deps.ingest) return await deps.ingest.submit(lockKeys, write, serials);
    return await deps.db.transaction().execute(async (trx) => {
      await lockOrderNumbers(trx, lockKeys);
      return write(trx);
    });
  } catch (error) {
    if (
      (error as { code?: string }).code === '23505' &&
      String((error as { constraint?: string }).constraint ?? '').startsWith('ceb_messages')
    ) {
      const row = await findMessageByHash(deps.db, ctx.actor.orgId, contentHash);
      if (row) return replayOf(row, body);
    }
    throw error;
  }
}

async function throwawayPreNo(db: Kysely<Database>, ctx: RequestContext): Promise<string> {
  return formatPreNo(cebDate(ctx.now), await nextSerial(db, 'pre_no_seq'));
}

export interface Processed {
  returnStatus: string;
  returnInfo: string;
  documentId: string | null;
  /** The document as just written, and (inventories) what clearing it needs, so nothing is read back. */
  written?: { document: ImportDocument; preNo?: string; buyerKey?: string };
  preNo?: string | undefined;
  /** Receipts the document's effects produced (e.g. a cancellation concluded, 399). */
  later?: OutboxReceipt[];
}

/**
 * Why a change or deletion of an order, payment or waybill is refused, or undefined while it may still change:
 * once an inventory that names it is declared — waiting for the other documents (2) or anywhere on from there —
 * until customs refuses that inventory (100). Spec 202205 table 7-2 −301011 / −401008 / −504016; decision 0028.
 * The answer names the document's field and value, never the inventory's declarant or status.
 */
async function supportingLock(
  db: Kysely<Database>,
  doc: InboundDocument,
  existing: ImportDocument,
): Promise<string | undefined> {
  const orderNo = existing.order_no ?? '';
  const naming =
    doc.docType === 'waybill'
      ? await inventoriesNaming(db, {
          docType: 'waybill',
          logisticsCode: existing.logistics_code ?? '',
          logisticsNo: existing.logistics_no ?? '',
          orderNo,
        })
      : await inventoriesNaming(db, {
          docType: doc.docType === 'payment' ? 'payment' : 'order',
          ebpCode: existing.ebp_code ?? '',
          orderNo,
        });
  if (!supportingDocumentLocked(naming)) return undefined;
  const field =
    doc.docType === 'waybill' ? `logisticsNo[${existing.logistics_no ?? ''}]` : `orderNo[${orderNo}]`;
  return `：${field}已被已申报的清单引用，清单退单前不可${APP_TYPE_ZH[doc.appType] ?? ''} (an inventory naming ${field} is declared; the document may change again only if customs refuses that inventory)`;
}

/**
 * Identity and idempotency of one document (spec §2, table 7-2): appType 1 adds, 2 changes, 3 deletes —
 * only while the document (or the inventory that uses it) is not yet declared to customs, and only by the
 * enterprise that declared it.
 */
export async function processDocument(
  db: Kysely<Database>,
  ctx: RequestContext,
  orgId: string,
  messageId: string,
  doc: InboundDocument,
): Promise<Processed> {
  const codes = CODES[doc.docType] as (typeof CODES)[string];
  const key = doc.businessKey;
  if (!['1', '2', '3'].includes(doc.appType) || (doc.docType === 'cancel' && doc.appType !== '1')) {
    return {
      returnStatus: codes.invalid,
      returnInfo: negativeInfo(
        codes.invalid,
        `appType=${doc.appType}，应为${doc.docType === 'cancel' ? '1' : '1/2/3'}`,
      ),
      documentId: null,
    };
  }
  const parameterProblem = checkParameters(doc);
  if (parameterProblem)
    return {
      returnStatus: codes.invalid,
      returnInfo: negativeInfo(codes.invalid, parameterProblem),
      documentId: null,
    };

  // declTime (CEB621 field 19) is by definition the day the declaration is received (decision 0025): a date after
  // the Beijing day of receipt, or more than a day before it, is refused naming the field. A draft (appStatus 1)
  // is not yet a declaration and a deletion declares nothing, so neither is held to it.
  if (doc.docType === 'inventory' && doc.appType !== '3' && doc.appStatus !== '1') {
    const wrong = checkDeclTime(String((doc.body as Record<string, unknown>).declTime ?? ''), ctx.now);
    if (wrong)
      return {
        returnStatus: codes.invalid,
        returnInfo: negativeInfo(
          codes.invalid,
          `declTime=${wrong.actual ?? ''}，${wrong.rule}，应为${wrong.expected ?? ''}`,
        ),
        documentId: null,
      };
  }

  const followUp = await checkFollowUp(db, doc, ctx.now, orgId);
  if (!followUp.ok) return { returnStatus: followUp.code, returnInfo: followUp.info, documentId: null };

  const existing = await findDocument(db, doc.docType, key, true);
  // A record belongs to the enterprise that declared it, for good (decision 0019): another enterprise's change or
  // deletion is answered as if the record did not exist, its add as a number in use (a deleted or refused record
  // too) — never with whose it is or what state it is in.
  if (existing && existing.org_id !== orgId)
    return doc.appType === '1'
      ? { returnStatus: codes.duplicate, returnInfo: negativeInfo(codes.duplicate, key), documentId: null }
      : { returnStatus: codes.notFound, returnInfo: negativeInfo(codes.notFound, key), documentId: null };
  const live =
    existing &&
    !existing.deleted &&
    !(doc.docType === 'inventory' && existing.status === '100' && doc.appType === '1');
  const isInventory = doc.docType === 'inventory';
  const draft = doc.appStatus === '1';

  if (doc.appType === '1' && live && existing) {
    if (existing.body_hash === doc.bodyHash) {
      const clearance = isInventory ? await findClearance(db, existing.id) : undefined;
      return {
        returnStatus: existing.status,
        returnInfo: `重复报文，业务主键[${key}]已受理，当前状态${existing.status}`,
        documentId: existing.id,
        preNo: clearance?.pre_no,
      };
    }
    return {
      returnStatus: codes.duplicate,
      returnInfo: negativeInfo(codes.duplicate, key),
      documentId: null,
    };
  }
  if (doc.appType !== '1') {
    if (!existing || existing.deleted)
      return {
        returnStatus: codes.notFound,
        returnInfo: negativeInfo(codes.notFound, key),
        documentId: null,
      };
    if (isInventory && !['1', '2', '100'].includes(existing.status))
      return { returnStatus: codes.locked, returnInfo: negativeInfo(codes.locked, key), documentId: null };
    // An order, payment or waybill changed again to what it already is (the same change, in another envelope):
    // a repeat, answered with its state, not refused because an inventory has named it since (decision 0028).
    if (!isInventory && doc.appType === '2' && existing.body_hash === doc.bodyHash)
      return {
        returnStatus: existing.status,
        returnInfo: `重复报文，业务主键[${key}]已受理，当前状态${existing.status}`,
        documentId: existing.id,
      };
    const lock = isInventory ? undefined : await supportingLock(db, doc, existing);
    if (lock)
      return {
        returnStatus: codes.locked,
        returnInfo: `${negativeInfo(codes.locked, key)}${lock}`,
        documentId: null,
      };
  }

  const status = doc.appType === '3' ? (existing?.status ?? '2') : draft ? '1' : '2';
  const row = {
    org_id: orgId,
    message_id: messageId,
    guid: doc.guid,
    app_type: doc.appType,
    app_status: doc.appStatus,
    status,
    deleted: doc.appType === '3',
    body: JSON.stringify(sealBody(doc.body)),
    body_hash: doc.bodyHash,
    updated_at: ctx.now,
    order_no: doc.links.orderNo,
    ebp_code: doc.links.ebpCode,
    ebc_code: doc.links.ebcCode,
    logistics_code: doc.links.logisticsCode,
    logistics_no: doc.links.logisticsNo,
    pay_code: doc.links.payCode,
    pay_transaction_id: doc.links.payTransactionId,
    // An inventory's own number is assigned by customs at 120; cancels and returns name the one they refer to.
    invt_no: isInventory ? null : doc.links.invtNo,
  };
  const id = existing?.id ?? newId();
  if (existing) await replaceDocument(db, id, row);
  else
    await insertDocument(db, {
      id,
      doc_type: doc.docType,
      business_key: key,
      created_at: ctx.now,
      ...row,
    });

  let preNo: string | undefined;
  if (isInventory || doc.docType === 'cancel' || doc.docType === 'refund') {
    // A new inventory has no clearance row yet; a re-declared one has, and is locked for the update.
    const clearance = isInventory && existing ? await findClearance(db, id, true) : undefined;
    const b = doc.body as Record<string, string>;
    const buyer = buyerKey(b.buyerIdType ?? '', b.buyerIdNumber ?? '');
    // The declaration date customs records is the Beijing day of receipt, not the sender's declTime (decision 0025).
    const declDate = declarationDay(ctx.now).date;
    if (clearance) {
      preNo = clearance.pre_no;
      // Declared again after a refusal: whatever the refused declaration still held is given back first.
      await restoreQuota(db, id, 'all', ctx.now);
      await voidTaxBill(db, id, ctx.now);
      await updateClearance(db, id, {
        buyer_key: buyer,
        trade_mode: b.tradeMode ?? '',
        ems_no: b.emsNo ?? null,
        customs_code: b.customsCode ?? '',
        decl_date: declDate,
        issues: '[]',
        channel: null,
        invt_no: null,
        matched_at: null,
        tax_mode: null,
        quota_amount: null,
        released_at: null,
        updated_at: ctx.now,
      });
    } else if (!isInventory) {
      preNo =
        b.preNo && b.preNo.length === 18
          ? b.preNo
          : formatPreNo(cebDate(ctx.now), await nextSerial(db, 'pre_no_seq'));
    } else {
      preNo = formatPreNo(cebDate(ctx.now), await nextSerial(db, 'pre_no_seq'));
      await insertClearance(db, {
        document_id: id,
        org_id: orgId,
        pre_no: preNo,
        customs_code: b.customsCode ?? '',
        trade_mode: b.tradeMode ?? '',
        ems_no: b.emsNo ?? null,
        buyer_key: buyer,
        decl_date: declDate,
        updated_at: ctx.now,
      });
    }
  }
  const verb = APP_TYPE_ZH[doc.appType] ?? '';
  const returnInfo = draft
    ? `暂存成功[${doc.guid}]`
    : isInventory
      ? `清单${verb}申报成功[电商企业编码：${doc.links.ebcCode ?? ''}订单编号：${doc.links.orderNo ?? ''}]`
      : `${verb}申报成功[${doc.guid}]`;
  const returnStatus = draft ? '1' : '2';
  await appendEvent(db, {
    documentId: id,
    orgId,
    status: returnStatus,
    returnInfo,
    actor: { via: ctx.actor.via, userId: ctx.actor.userId, orgId: ctx.actor.orgId },
    requestId: ctx.requestId,
    details: { appType: doc.appType, messageId },
    now: ctx.now,
  });
  const later = draft ? [] : await applyFollowUp(db, ctx, doc, id, orgId, followUp, preNo);
  const document: ImportDocument = {
    ...row,
    id,
    doc_type: doc.docType,
    business_key: key,
    created_at: existing?.created_at ?? ctx.now,
    updated_at: ctx.now,
    body: doc.body,
  };
  const buyer = isInventory
    ? buyerKey(
        (doc.body as Record<string, string>).buyerIdType ?? '',
        (doc.body as Record<string, string>).buyerIdNumber ?? '',
      )
    : undefined;
  return {
    returnStatus,
    returnInfo,
    documentId: id,
    preNo,
    later,
    written: { document, ...(preNo ? { preNo } : {}), ...(buyer ? { buyerKey: buyer } : {}) },
  };
}

/** Checks the e-port makes before accepting a document, beyond the XSD ("参数校验"). */
export function checkParameters(doc: InboundDocument): string | undefined {
  const b = doc.body as Record<string, string>;
  if (doc.docType === 'order' && b.orderType !== 'I') return `orderType=${b.orderType}，进口订单应为I`;
  if (doc.docType === 'inventory') {
    if (b.ieFlag !== 'I') return `ieFlag=${b.ieFlag}，进口清单应为I`;
    if (!['9610', '1210', '1239'].includes(b.tradeMode ?? ''))
      return `tradeMode=${b.tradeMode}，应为9610/1210/1239`;
    if (!/^\d{8}$/.test(b.declTime ?? '')) return `declTime=${b.declTime}，应为YYYYMMDD`;
    if (b.tradeMode !== '9610' && !b.emsNo) return '保税清单(1210/1239)须填写账册编号emsNo';
    const lines = (doc.body.lines ?? []) as Record<string, string>[];
    const gnums = lines.map((l) => l.gnum);
    if (new Set(gnums).size !== gnums.length) return '表体序号gnum重复';
    if (b.tradeMode !== '9610' && lines.some((l) => !l.itemRecordNo))
      return '保税清单表体须填写账册备案料号itemRecordNo';
  }
  if (doc.docType === 'waybill_status' && b.logisticsStatus !== 'S')
    return `logisticsStatus=${b.logisticsStatus}，应为S(签收)`;
  return undefined;
}

/** After the documents are stored: every inventory they may complete is tried, once. */
export async function clearTouched(
  db: Kysely<Database>,
  ctx: RequestContext,
  touched: { doc: InboundDocument; documentId: string; written?: Processed['written'] }[],
  policy: ClearancePolicy,
): Promise<OutboxReceipt[]> {
  const ids = new Set<string>();
  const known = new Map<string, NonNullable<Processed['written']>>();
  for (const { doc, documentId, written } of touched) {
    if (doc.docType === 'inventory') {
      // A draft (status 1) or a deleted declaration is left alone by attemptClearance.
      ids.add(documentId);
      if (written) known.set(documentId, written);
    } else if (doc.docType === 'order' || doc.docType === 'payment') {
      for (const r of await waitingInventories(db, {
        ebpCode: doc.links.ebpCode,
        orderNo: doc.links.orderNo,
      }))
        ids.add(r.id);
    } else if (doc.docType === 'waybill') {
      for (const r of await waitingInventories(db, {
        logisticsCode: doc.links.logisticsCode,
        logisticsNo: doc.links.logisticsNo,
      }))
        ids.add(r.id);
    }
  }
  const out: OutboxReceipt[] = [];
  for (const id of ids) {
    const just = known.get(id);
    const inventory = just?.document ?? (await findDocumentById(db, id));
    const facts = just?.preNo && just.buyerKey ? { preNo: just.preNo, buyerKey: just.buyerKey } : undefined;
    if (inventory) out.push(...(await attemptClearance(db, ctx, inventory, policy, facts)));
  }
  return out;
}

export { appendEvent };
