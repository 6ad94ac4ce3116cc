import { z } from 'zod';
import { ZDecimal, ZIsoDate, ZTimestamp, ZUuid } from './common.ts';
import { ZRiskDecisionView } from './risk.ts';

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

/** An amount of tax in CNY as the server computed it: a decimal string with exactly two decimals, e.g. "93.36". */
const ZTaxAmount = z
  .string()
  .regex(/^\d{1,17}\.\d{2}$/, 'an amount in CNY with two decimals, written as a string, e.g. "93.36"');

/**
 * One CEB816 TaxListRd line as the tax bill stored it: the dutiable value (完税价格, goods + its share of freight
 * and insurance, up to 5 decimals) and the three taxes of a goods line, each rounded to 0.01 (ceb-reference §8.5).
 */
export const ZTaxLine = z
  .object({
    gnum: z.string().describe('the goods line number (InventoryList.gnum)'),
    gcode: z.string().describe('the 10-digit commodity code'),
    gname: z.string().nullable().describe("the goods name from the inventory's line; null if not found"),
    taxPrice: ZDecimal.describe('完税价格, dutiable value in CNY'),
    customsTax: ZTaxAmount.describe('关税, customs duty (0 within the CBEC limits, 财关税〔2016〕18号)'),
    valueAddedTax: ZTaxAmount.describe('增值税, at 70% within the limits (财关税〔2016〕18号)'),
    consumptionTax: ZTaxAmount.describe('消费税, at 70% within the limits (财关税〔2016〕18号)'),
    consumptionTaxItem: z
      .object({
        item: z.string().describe('the consumption-tax item, e.g. cosmetics'),
        basis: z.enum(['no-threshold', 'at-or-above', 'below', 'quantity-unknown', 'retail-stage']),
        rate: ZDecimal.describe('the rate applied, decimal fraction'),
        unitPrice: z
          .string()
          .optional()
          .describe(
            'the dutiable value per declared unit the threshold was tested on, e.g. "12 元/毫升(克)"',
          ),
        source: z.string().describe('the regulation, e.g. 财税〔2016〕103号'),
      })
      .optional()
      .describe('present when a consumption-tax item covers the line (decision 0027)'),
  })
  .meta({ id: 'TaxLine' });

/**
 * The electronic tax bill (CEB816) of an inventory with the totals the server computed: each total is the sum
 * of the rounded line taxes, and `taxTotal` the sum of the three (what the guarantor owes). Clients show these
 * figures and never add amounts themselves (docs/ARCHITECTURE.md, Storage).
 */
export const ZTaxBill = z
  .object({
    taxNo: z.string(),
    status: z.string().describe('1 issued, 2 paid (entered in a duty-payment form), 3 void'),
    taxMode: z.string().describe('cbec (within the limits, 70%) or full'),
    customsTax: ZTaxAmount.describe('customs duty total (TaxHeadRd.customsTax)'),
    valueAddedTax: ZTaxAmount.describe('VAT total (TaxHeadRd.valueAddedTax)'),
    consumptionTax: ZTaxAmount.describe('consumption tax total (TaxHeadRd.consumptionTax)'),
    taxTotal: ZTaxAmount.describe('应征税款合计: duty + VAT + consumption tax, computed by the server'),
    lines: z.array(ZTaxLine),
  })
  .meta({ id: 'TaxBill' });
export type TTaxBill = z.infer<typeof ZTaxBill>;

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
      /** Customs only (who may read risk rules): the live risk decision with its explanation (decision 0046). */
      risk: ZRiskDecisionView.nullable().optional(),
      taxMode: z.string().nullable(),
      quotaAmount: z.string().nullable(),
      releasedAt: ZTimestamp.nullable(),
      cancelledAt: ZTimestamp.nullable(),
    }),
    order: ZImportDocumentSummary.extend({ body: z.record(z.string(), z.unknown()) }).nullable(),
    payment: ZImportDocumentSummary.extend({ body: z.record(z.string(), z.unknown()) }).nullable(),
    waybill: ZImportDocumentSummary.extend({ body: z.record(z.string(), z.unknown()) }).nullable(),
    taxBill: ZTaxBill.nullable(),
    timeline: z.array(ZTimelineEntry),
  })
  .meta({ id: 'Parcel' });
export type TParcel = z.infer<typeof ZParcel>;
/** One line of a parcel's tax bill: the dutiable value and the three taxes of a goods line, in CNY. */
export type TTaxLine = z.infer<typeof ZTaxLine>;

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

export const ZAccountBookItem = z
  .object({
    itemRecordNo: z.string().min(1).max(30).describe('账册备案料号 (CEB621 itemRecordNo)'),
    gcode: z.string().regex(/^\d{10}$/, '10-digit customs commodity code'),
    gname: z.string().min(1).max(250),
    unit: z.string().regex(/^\d{3}$/, '3-digit JGS-20 unit code'),
    stockQty: z.string().describe('current stock, decimal'),
  })
  .meta({ id: 'AccountBookItem' });
export const ZAccountBook = z
  .object({
    emsNo: z.string(),
    orgId: ZUuid,
    customsCode: z.string(),
    name: z.string(),
    items: z.array(ZAccountBookItem),
  })
  .meta({ id: 'AccountBook' });
export type TAccountBook = z.infer<typeof ZAccountBook>;
export const ZCreateAccountBook = z.object({
  emsNo: z
    .string()
    .regex(/^[A-Z0-9]{1,30}$/, 'account book number (CEB621 emsNo): up to 30 upper-case letters and digits'),
  customsCode: z.string().regex(/^\d{4}$/, '4-digit customs office code'),
  name: z.string().min(1).max(100),
});
export const ZAddAccountBookItem = ZAccountBookItem.omit({ stockQty: true });
export const ZStockReceipt = z.object({
  itemRecordNo: z.string().min(1).max(30),
  qty: z
    .string()
    .regex(/^\d{1,14}(\.\d{1,5})?$/, 'a positive decimal quantity')
    .describe('received into the bonded warehouse'),
  note: z.string().max(500).optional().describe('e.g. the entry declaration (核注清单) number'),
});
export const ZStockMovement = z.object({
  id: z.string(),
  itemRecordNo: z.string(),
  qty: z.string().describe('+ received, − written off by a released inventory'),
  reason: z.enum(['receipt', 'release', 'return', 'adjustment']),
  documentId: z.string().nullable(),
  note: z.string().nullable(),
  at: ZTimestamp,
});

export const INBOUND_IMPORT_TYPES = [
  'CEB311Message',
  'CEB411Message',
  'CEB511Message',
  'CEB513Message',
  'CEB621Message',
  'CEB623Message',
  'CEB625Message',
  'CEB711Message',
] as const;
export const ZJsonMessageParams = z.object({ messageType: z.enum(INBOUND_IMPORT_TYPES) });
export const ZJsonMessage = z
  .record(z.string(), z.unknown())
  .describe(
    'The CEB message as JSON: the XML element names and nesting (e.g. `{ "guid": "…", "Order": [{ "OrderHead": {…}, "OrderList": [{…}] }], "BaseTransfer": {…} }`), every value a string. Send `guid` to make retries exact replays.',
  );
export const ZGatewayAnswer = z
  .object({
    outcome: z.enum(['accepted', 'partly_refused', 'refused', 'format_error']),
    replayed: z.boolean(),
    receiptType: z.string(),
    documents: z.array(
      z.object({
        docType: z.string(),
        businessKey: z.string(),
        returnStatus: z
          .string()
          .describe('2 accepted; negative = refused with the spec 202205 table 7-2 code'),
        returnInfo: z.string(),
        documentId: z.string().nullable(),
      }),
    ),
    receiptXml: z.string().describe('the same receipt message the XML gateway answers'),
  })
  .meta({ id: 'GatewayAnswer' });

/**
 * A parcel's personal data in clear: ID numbers, telephones, names and addresses as declared. Only for customs
 * officers and the declaring enterprise's clerks; every view is audited (`personal_data.view`).
 */
export const ZPersonalDataRequest = z
  .object({
    reason: z
      .string()
      .trim()
      .min(2)
      .max(200)
      .describe('why the viewer needs the data in clear (recorded in the audit log)'),
  })
  .meta({ id: 'PersonalDataRequest' });

export const ZPersonalData = z
  .object({
    inventoryId: ZUuid,
    documents: z.array(
      z.object({
        docType: z.string(),
        documentId: ZUuid,
        fields: z.array(z.object({ field: z.string(), value: z.string() })),
      }),
    ),
  })
  .meta({ id: 'PersonalData' });
export type TPersonalData = z.infer<typeof ZPersonalData>;
