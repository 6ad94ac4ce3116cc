import { z } from 'zod';
import { ZIsoDate, ZTimestamp, ZUuid } from './common.ts';
import { ZCustomsDecision } from './import.ts';

/**
 * 清单综合查询: import and export inventories in one search, each within the caller's scope (customs, inspection and
 * the zone office: every parcel; an enterprise: those it is a party to). Every filter is optional; together they
 * narrow (AND).
 */
export const ZInventorySearchQuery = z.object({
  direction: z.enum(['all', 'import', 'export']).default('all').describe('进口 / 出口 / 全部'),
  no: z
    .string()
    .trim()
    .max(60)
    .optional()
    .describe('any number: 清单编号 invtNo, 预录入编号 preNo, 企业内部编号 copNo, 订单编号, 运单编号'),
  party: z
    .string()
    .trim()
    .max(30)
    .optional()
    .describe('a party code named on the inventory: platform, seller, carrier or declaration agent'),
  buyerIdNumber: z
    .string()
    .trim()
    .max(30)
    .optional()
    .describe('import only: the buyer’s ID card number, matched by its keyed hash (never stored in clear)'),
  status: z
    .string()
    .regex(/^-?\d{1,7}$/)
    .optional(),
  lane: z.enum(['green', 'inspection']).optional().describe('import only: the channel the clearance chose'),
  customsCode: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .describe('主管海关 (4 digits)'),
  from: ZIsoDate.optional().describe('declared on or after (China Standard Time)'),
  to: ZIsoDate.optional().describe('declared on or before'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TInventorySearchQuery = z.infer<typeof ZInventorySearchQuery>;

export const ZInventorySearchHit = z
  .object({
    id: ZUuid,
    direction: z.enum(['import', 'export']),
    copNo: z.string().describe('企业内部编号 (the inventory’s business key)'),
    preNo: z.string(),
    invtNo: z.string().nullable(),
    orderNo: z.string().nullable(),
    logisticsNo: z.string().nullable(),
    ebpCode: z.string().nullable(),
    ebcCode: z.string().nullable(),
    logisticsCode: z.string().nullable(),
    agentCode: z.string().nullable(),
    customsCode: z.string(),
    tradeMode: z.string(),
    status: z.string(),
    lane: z.string().nullable().describe('import: green / inspection; export: null'),
    buyerName: z.string().nullable().describe('import: the buyer’s name, masked (张*三)'),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .meta({ id: 'InventorySearchHit' });
export type TInventorySearchHit = z.infer<typeof ZInventorySearchHit>;

/** 批量放行: one decision for many inventories; each is decided on its own, with the single decision's rules. */
export const ZBatchDecision = z
  .object({
    ids: z.array(ZUuid).min(1).max(100),
    action: z.literal('release'),
    reason: ZCustomsDecision.shape.reason,
  })
  .meta({ id: 'BatchDecision' });
export type TBatchDecision = z.infer<typeof ZBatchDecision>;

export const ZBatchDecisionResult = z
  .object({
    results: z.array(
      z.object({
        id: ZUuid,
        ok: z.boolean(),
        status: z.string().nullable().describe('the inventory’s status after the decision'),
        code: z.string().nullable().describe('the error code when this one was not decided'),
        message: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'BatchDecisionResult' });
export type TBatchDecisionResult = z.infer<typeof ZBatchDecisionResult>;
