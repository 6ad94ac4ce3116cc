import { z } from 'zod';
import { ZIsoDate, ZTimestamp, ZUuid } from './common.ts';

export const ZReceiptFeedQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d+:\d+$/, 'a cursor returned by this feed, or 0:0 to start')
    .default('0:0')
    .describe('position after the last receipt read; 0:0 reads from the beginning'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ZFeedReceipt = z
  .object({
    cursor: z.string(),
    messageType: z.string().describe('CEB312Message … CEB816Message'),
    documentId: ZUuid.nullable(),
    businessKey: z.string().nullable(),
    returnStatus: z.string(),
    returnInfo: z.string(),
    createdAt: ZTimestamp,
    xml: z.string().describe('the receipt message, valid against the official XSD'),
  })
  .meta({ id: 'FeedReceipt' });

export const ZReceiptFeed = z
  .object({
    receipts: z.array(ZFeedReceipt),
    nextCursor: z.string().describe('pass it back as `cursor`; unchanged when there was nothing new'),
  })
  .meta({ id: 'ReceiptFeed' });
export type TReceiptFeed = z.infer<typeof ZReceiptFeed>;

export const ZImportDocumentSummary = z
  .object({
    id: ZUuid,
    docType: z.enum([
      'order',
      'payment',
      'waybill',
      'waybill_status',
      'inventory',
      'cancel',
      'refund',
      'delivery',
    ]),
    businessKey: z.string(),
    status: z.string().describe('returnStatus: 2 申报中, 120 海关入库, 500 查验, 800 放行, 100 退单 …'),
    statusZh: z.string(),
    orderNo: z.string().nullable(),
    ebpCode: z.string().nullable(),
    ebcCode: z.string().nullable(),
    logisticsCode: z.string().nullable(),
    logisticsNo: z.string().nullable(),
    invtNo: z.string().nullable(),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .meta({ id: 'ImportDocumentSummary' });
export type TImportDocumentSummary = z.infer<typeof ZImportDocumentSummary>;

export const ZInventoryQuery = z.object({
  status: z
    .string()
    .regex(/^-?\d{1,7}$/)
    .optional(),
  orderNo: z.string().max(60).optional(),
  logisticsNo: z.string().max(60).optional(),
  invtNo: z.string().max(18).optional(),
  from: ZIsoDate.optional().describe('declared on or after (China Standard Time)'),
  to: ZIsoDate.optional().describe('declared on or before'),
});

export const ZTimelineEntry = z.object({
  at: ZTimestamp,
  documentId: ZUuid,
  docType: z.string(),
  status: z.string(),
  returnInfo: z.string(),
  actorVia: z.enum(['session', 'api_key', 'system']),
});

export const ZParcel = z
  .object({
    inventory: ZImportDocumentSummary.extend({ body: z.record(z.string(), z.unknown()) }),
    clearance: z.object({
      preNo: z.string(),
      invtNo: z.string().nullable(),
      tradeMode: z.string(),
      issues: z
        .array(z.unknown())
        .describe('match findings: refusals and practice warnings, each with field, rule, expected, actual'),
      channel: z.unknown().nullable(),
      taxMode: z.string().nullable(),
      quotaAmount: z.string().nullable(),
      releasedAt: ZTimestamp.nullable(),
      cancelledAt: ZTimestamp.nullable(),
    }),
    order: ZImportDocumentSummary.extend({ body: z.record(z.string(), z.unknown()) }).nullable(),
    payment: ZImportDocumentSummary.extend({ body: z.record(z.string(), z.unknown()) }).nullable(),
    waybill: ZImportDocumentSummary.extend({ body: z.record(z.string(), z.unknown()) }).nullable(),
    taxBill: z
      .object({
        taxNo: z.string(),
        status: z.string(),
        customsTax: z.string(),
        valueAddedTax: z.string(),
        consumptionTax: z.string(),
        taxMode: z.string(),
        lines: z.array(z.unknown()),
      })
      .nullable(),
    timeline: z.array(ZTimelineEntry),
  })
  .meta({ id: 'Parcel' });
export type TParcel = z.infer<typeof ZParcel>;

export const ZCustomsDecision = z
  .object({
    action: z.enum(['release', 'reject', 'detain', 'return']).describe('放行 / 退单 / 扣留 / 退运'),
    reason: z
      .string()
      .min(2)
      .max(500)
      .describe('why; written to the receipt, the timeline and the audit trail'),
    detention: z
      .enum(['501', '502', '503', '599'])
      .optional()
      .describe('with detain: 501 移送通关, 502 移送缉私, 503 移送法规, 599 其它扣留'),
  })
  .meta({ id: 'CustomsDecision' });
export type TCustomsDecision = z.infer<typeof ZCustomsDecision>;

export const ZWebhook = z
  .object({
    id: ZUuid,
    url: z.string(),
    cursor: z.string().describe('the last receipt delivered'),
    attempts: z.number().int().describe('failed attempts at the next batch'),
    lastError: z.string().nullable(),
    lastSuccessAt: ZTimestamp.nullable(),
    nextAttemptAt: ZTimestamp,
    disabledAt: ZTimestamp.nullable(),
    deadLetters: z.number().int().describe('receipts given up after the maximum attempts, not yet retried'),
  })
  .meta({ id: 'Webhook' });
export const ZCreateWebhook = z.object({
  url: z.string().max(2000).describe('https:// endpoint that receives POSTed receipt batches'),
});
export const ZCreatedWebhook = ZWebhook.extend({
  secret: z
    .string()
    .describe('HMAC-SHA256 key: X-Crossgate-Signature = sha256=hex(hmac(secret, body)); shown once'),
}).meta({ id: 'CreatedWebhook' });
export const ZDeadLetter = z
  .object({
    id: z.string(),
    receiptId: z.string(),
    messageType: z.string(),
    businessKey: z.string().nullable(),
    returnStatus: z.string(),
    attempts: z.number().int(),
    lastError: z.string(),
    deadAt: ZTimestamp,
    retriedAt: ZTimestamp.nullable(),
  })
  .meta({ id: 'DeadLetter' });
