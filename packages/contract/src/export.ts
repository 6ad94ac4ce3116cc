import { z } from 'zod';
import { ZDecimal, ZIsoDate, ZTimestamp, ZUuid } from './common.ts';
import { ZImportDocumentSummary } from './import.ts';

const ZMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
  .describe('the month whose closed inventories are summarised, YYYY-MM');

const ZQuantity = z.object({ unit: z.string(), qty: ZDecimal });

export const ZExportDeclarationLine = z
  .object({
    gseqno: z.number().int(),
    country: z.string().describe('最终目的国 (JGS-20 country code)'),
    gcode: z.string().describe('10-digit HS code'),
    currency: z.string(),
    gname: z.string(),
    declared: z.array(ZQuantity),
    legal1: z.array(ZQuantity),
    legal2: z.array(ZQuantity),
    totalPrice: ZDecimal,
  })
  .meta({ id: 'ExportDeclarationLine' });

export const ZExportDeclaration = z
  .object({
    id: ZUuid,
    sumNo: z.string().describe('汇总申请编号'),
    month: z.string(),
    declSeqNo: z.string().describe('汇总统一编号'),
    entryId: z.string().nullable().describe('报关单号, when customs has given it'),
    decState: z.string(),
    customsCode: z.string(),
    tradeMode: z.string(),
    ebcCode: z.string(),
    ebcName: z.string(),
    ownerCode: z.string().nullable(),
    ownerName: z.string().nullable(),
    trafMode: z.string(),
    country: z.string().describe('运抵国'),
    portCode: z.string().describe('出境关别'),
    grossWeight: ZDecimal,
    netWeight: ZDecimal,
    invtCount: z.number().int(),
    totals: z.array(z.object({ currency: z.string(), total: ZDecimal })),
    certificateNo: z.string(),
    createdAt: ZTimestamp,
  })
  .meta({ id: 'ExportDeclaration' });
export type TExportDeclaration = z.infer<typeof ZExportDeclaration>;

export const ZExportDeclarationDetail = ZExportDeclaration.extend({
  deadline: ZIsoDate.describe('the 15th of the next month, or the next working day'),
  declAgentCode: z.string(),
  declAgentName: z.string(),
  verifyPath: z.string().describe('the public verification page of the certificate (its QR code), path only'),
  lines: z.array(ZExportDeclarationLine),
  items: z
    .array(
      z.object({
        invtNo: z.string(),
        gnum: z.number().int(),
        gseqno: z.number().int(),
        logisticsNo: z.string(),
        gcode: z.string(),
      }),
    )
    .describe('every inventory line and the declaration line it went to (CEB792 SummaryResultList)'),
}).meta({ id: 'ExportDeclarationDetail' });
export type TExportDeclarationDetail = z.infer<typeof ZExportDeclarationDetail>;

export const ZExportDeclarationQuery = z.object({
  month: ZMonth.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ZRunSummary = z
  .object({
    month: ZMonth,
    summaryFlag: z
      .enum(['1', '2'])
      .default('1')
      .describe('1 by consignor; 2 by consignor and production-sales unit'),
    itemNameFlag: z.enum(['1', '']).default(''),
    ebcCode: z.string().max(18).optional().describe('only this consignor'),
  })
  .meta({ id: 'RunSummary' });

export const ZSummaryRun = z
  .object({
    month: z.string(),
    deadline: ZIsoDate,
    summaries: z.number().int(),
    declarations: z.number().int(),
    inventories: z.number().int(),
    sumNos: z.array(z.string()),
    reason: z.string().optional().describe('why nothing was formed'),
  })
  .meta({ id: 'SummaryRun' });
export type TSummaryRun = z.infer<typeof ZSummaryRun>;

export const ZCertificateVerification = z
  .object({
    valid: z.literal(true),
    certificateNo: z.string(),
    declSeqNo: z.string(),
    entryId: z.string().nullable(),
    ebcName: z.string(),
    customsCode: z.string(),
    portCode: z.string(),
    tradeMode: z.string(),
    month: z.string(),
    invtCount: z.number().int(),
    totals: z.array(z.object({ currency: z.string(), total: ZDecimal })),
    issuedAt: ZTimestamp,
  })
  .meta({ id: 'CertificateVerification' });
export type TCertificateVerification = z.infer<typeof ZCertificateVerification>;

export const ZFileOverseasWarehouse = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9-]{2,18}$/, '2–18 letters, digits or -'),
    name: z.string().min(1).max(100),
    country: z.string().regex(/^\d{3}$/, 'JGS-20 country code, 3 digits'),
    address: z.string().min(1).max(200),
    areaM2: ZDecimal.optional(),
  })
  .meta({ id: 'FileOverseasWarehouse' });

export const ZOverseasWarehouse = z
  .object({
    id: ZUuid,
    code: z.string(),
    name: z.string(),
    country: z.string(),
    address: z.string(),
    areaM2: ZDecimal.nullable(),
    operatorOrgId: ZUuid,
    status: z.enum(['filed', 'revoked']),
    filedAt: ZTimestamp,
    revokedAt: ZTimestamp.nullable(),
  })
  .meta({ id: 'OverseasWarehouse' });
export type TOverseasWarehouse = z.infer<typeof ZOverseasWarehouse>;

export const ZExportSequencing = z
  .object({ sequencing: z.enum(['arrival_then_release', 'release_then_arrival']) })
  .meta({ id: 'ExportSequencing' });

export const ZExportDocumentSummary = ZImportDocumentSummary.extend({
  docType: z.enum([
    'order',
    'receipt',
    'waybill',
    'arrival',
    'departure',
    'inventory',
    'cancel',
    'bill_binding',
    'summary_apply',
    'refund',
    'refund_detail',
  ]),
  status: z
    .string()
    .describe('returnStatus: 2 申报中, 120 海关入库, 400 待运抵, 800 放行, 899 结关, 100 退单 …'),
}).meta({ id: 'ExportDocumentSummary' });
export type TExportDocumentSummary = z.infer<typeof ZExportDocumentSummary>;

export const ZExportInventoryQuery = z.object({
  status: z
    .string()
    .regex(/^-?\d{1,7}$/)
    .optional(),
  tradeMode: z.enum(['9610', '1210', '9710', '9810']).optional(),
  orderNo: z.string().max(60).optional(),
  logisticsNo: z.string().max(60).optional(),
  invtNo: z.string().max(20).optional(),
  from: ZIsoDate.optional().describe('declared on or after (China Standard Time)'),
  to: ZIsoDate.optional().describe('declared on or before'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const ZWithBody = ZExportDocumentSummary.extend({ body: z.record(z.string(), z.unknown()) });

export const ZExportParcel = z
  .object({
    inventory: ZWithBody,
    clearance: z.object({
      preNo: z.string(),
      invtNo: z.string().nullable(),
      tradeMode: z.string(),
      statisticsFlag: z.enum(['A', 'B']),
      customsCode: z.string(),
      portCode: z.string(),
      valueCny: ZDecimal.nullable().describe('9710 / 9810: the shipment value the 5,000 CNY rule saw'),
      issues: z
        .array(z.unknown())
        .describe('match findings: refusals and practice warnings, each with field, rule, expected, actual'),
      billNo: z.string().nullable(),
      voyageNo: z.string().nullable(),
      matchedAt: ZTimestamp.nullable(),
      arrivedAt: ZTimestamp.nullable(),
      releasedAt: ZTimestamp.nullable(),
      departedAt: ZTimestamp.nullable(),
      closedAt: ZTimestamp.nullable(),
      cancelledAt: ZTimestamp.nullable(),
      summarisedAt: ZTimestamp.nullable(),
      returnedQty: z.record(z.string(), z.string()).describe('gnum → quantity returned (CEB213/215)'),
    }),
    order: ZWithBody.nullable(),
    receipt: ZWithBody.nullable(),
    waybill: ZWithBody.nullable(),
    declarations: z
      .array(z.object({ id: ZUuid, declSeqNo: z.string(), gnum: z.number().int(), gseqno: z.number().int() }))
      .describe('where each line went in the summary declarations'),
    timeline: z.array(
      z.object({
        at: ZTimestamp,
        documentId: ZUuid,
        docType: z.string(),
        status: z.string(),
        returnInfo: z.string(),
        actorVia: z.enum(['session', 'api_key', 'system']),
      }),
    ),
  })
  .meta({ id: 'ExportParcel' });
export type TExportParcel = z.infer<typeof ZExportParcel>;
