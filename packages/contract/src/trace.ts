import { z } from 'zod';
import { ZDecimal, ZPageQuery, ZTimestamp, ZUuid } from './common.ts';

/** 质量追溯 / traceability (issue 21; decision 0049): 云关码, the chain, its events and their EPCIS export. */

export const ZTraceCodeParam = z.object({
  code: z.string().min(1).max(40).describe('云关码 (13 characters; hyphens, spaces and case are ignored)'),
});

export const ZTraceCodeQuery = ZPageQuery.extend({
  kind: z.enum(['product', 'line']).optional().describe('product: 商品码; line: 包裹商品行码'),
  productId: ZUuid.optional(),
  q: z.string().max(100).optional().describe('code, item number, product name, inventory or waybill number'),
});

export const ZTraceCode = z
  .object({
    code: z.string(),
    kind: z.enum(['product', 'line']),
    productId: ZUuid.nullable(),
    itemNo: z.string().nullable(),
    nameZh: z.string().nullable(),
    nameEn: z.string().nullable(),
    documentId: ZUuid.nullable(),
    gnum: z.number().int().nullable(),
    invtNo: z.string().nullable(),
    logisticsNo: z.string().nullable(),
    orderNo: z.string().nullable(),
    issuedAt: ZTimestamp,
    url: z.string().describe('what the QR code on the label opens: the public chain page'),
  })
  .meta({ id: 'TraceCode' });
export type TTraceCode = z.infer<typeof ZTraceCode>;

export const ZTraceLabelsQuery = z.object({
  codes: z
    .string()
    .min(1)
    .max(200 * 16)
    .describe('codes to print, separated by commas (at most 200)'),
});

export const TRACE_EVENT_KINDS = [
  'production',
  'warehouse_in',
  'warehouse_out',
  'departure',
  'delivery',
  'return',
] as const;

/** One event an enterprise records about a product (production batch) or a parcel line (the rest). */
export const ZTraceEventInput = z
  .object({
    code: z.string().min(1).max(40).describe('the product’s or the parcel line’s 云关码'),
    eventType: z
      .enum(TRACE_EVENT_KINDS)
      .describe(
        'production 生产批次 (a product code); warehouse_in 入库, warehouse_out 出库, departure 发运, delivery 签收, return 退货 (a parcel line code)',
      ),
    eventTime: z.iso.datetime({ offset: true }).describe('when it happened, ISO 8601 with an offset'),
    place: z.string().min(1).max(200).describe('where: the factory, warehouse or place, in words'),
    placeCode: z
      .string()
      .max(80)
      .regex(/^[A-Za-z0-9.:_-]+$/, 'letters, digits and . : _ -')
      .nullable()
      .optional()
      .describe('where, as a code (GLN, customs code of the warehouse …)'),
    batch: z
      .string()
      .max(40)
      .regex(/^[A-Za-z0-9._/-]+$/, 'letters, digits and . _ / -')
      .nullable()
      .optional()
      .describe('生产批号 / lot number'),
    quantity: ZDecimal.nullable().optional(),
    note: z.string().max(500).nullable().optional(),
  })
  .meta({ id: 'TraceEventInput' });
export type TTraceEventInput = z.infer<typeof ZTraceEventInput>;

export const ZTraceEventRecorded = z.object({ recorded: z.number().int(), ids: z.array(ZUuid) });
export type TTraceEventRecorded = z.infer<typeof ZTraceEventRecorded>;

/** One step of the chain as people read it. */
export const ZChainStep = z.object({
  source: z.enum(['clearance', 'enterprise']),
  type: z.string().describe('an event kind, or clearance:<status>'),
  nameZh: z.string(),
  nameEn: z.string(),
  at: ZTimestamp,
  place: z.string().nullable(),
  batch: z.string().nullable(),
  byZh: z.string().nullable().describe('who recorded it (an enterprise; customs for clearance steps)'),
  byEn: z.string().nullable(),
  note: z.string().nullable(),
});
export type TChainStep = z.infer<typeof ZChainStep>;

/** What the public sees behind a code: never the buyer, the parties’ people or the price. */
export const ZTraceChain = z
  .object({
    code: z.string(),
    kind: z.enum(['product', 'line']),
    product: z
      .object({
        itemNo: z.string(),
        nameZh: z.string(),
        nameEn: z.string().nullable(),
        brand: z.string().nullable(),
        spec: z.string().nullable(),
        hsCode: z.string(),
        barcode: z.string().nullable(),
        originCountry: z.string(),
        originZh: z.string().nullable(),
        ownerZh: z.string(),
        ownerEn: z.string().nullable(),
        filingStatus: z.string(),
        filingStatusZh: z.string(),
        filingStatusEn: z.string(),
        filedAt: ZTimestamp.nullable(),
      })
      .nullable(),
    batch: z.string().nullable().describe('the lot of this parcel line (the latest event naming one)'),
    batches: z.array(z.string()).describe('a product code: its production batches'),
    parcel: z
      .object({
        tradeMode: z.string(),
        tradeModeZh: z.string(),
        tradeModeEn: z.string(),
        customsCode: z.string(),
        customsZh: z.string().nullable(),
        status: z.string(),
        statusZh: z.string(),
        statusEn: z.string(),
        declaredAt: ZTimestamp,
        releasedAt: ZTimestamp.nullable(),
        goodsName: z.string().nullable(),
        quantity: z.string().nullable(),
        originCountry: z.string().nullable(),
      })
      .nullable(),
    steps: z.array(ZChainStep),
  })
  .meta({ id: 'TraceChain' });
export type TTraceChain = z.infer<typeof ZTraceChain>;

/** The public lookup: found, a typo (the check character disagrees) or a well-formed code never issued. */
export const ZPublicTrace = z.discriminatedUnion('result', [
  z.object({ result: z.literal('found'), chain: ZTraceChain }),
  z.object({
    result: z.enum(['typo', 'not_found']),
    code: z.string(),
    messageZh: z.string(),
    messageEn: z.string(),
  }),
]);
export type TPublicTrace = z.infer<typeof ZPublicTrace>;
