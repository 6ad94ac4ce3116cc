import { z } from 'zod';
import { ZDecimal, ZTimestamp, ZUuid } from './common.ts';

const ZCode = (pattern: RegExp, what: string) => z.string().regex(pattern, what);

export const ZProductInput = z.object({
  itemNo: z.string().min(1).max(32).describe('企业商品货号 (CEB itemNo)'),
  nameZh: z.string().min(1).max(250).describe('商品名称 (CEB itemName)'),
  nameEn: z.string().max(250).nullable().optional(),
  hsCode: ZCode(/^\d{10}$/, '10-digit customs commodity code').describe('商品编码 (CEB gcode)'),
  spec: z.string().max(510).nullable().optional().describe('规格型号 / 申报要素 (CEB gmodel)'),
  brand: z.string().max(100).nullable().optional(),
  barcode: z.string().max(50).nullable().optional().describe('条形码 (CEB barCode)'),
  originCountry: ZCode(/^\d{3}$/, '3-digit JGS-20 country code').describe('原产国 (CEB country)'),
  unit: ZCode(/^\d{3}$/, '3-digit JGS-20 unit code').describe('计量单位 (CEB unit)'),
  price: ZDecimal.describe('unit price, decimal string'),
  currency: ZCode(/^\d{3}$/, '3-digit JGS-20 currency code, 142 = CNY').describe('币制 (CEB currency)'),
});
export type TProductInput = z.infer<typeof ZProductInput>;

export const ZProductPatch = ZProductInput.partial();

export const ZProduct = ZProductInput.extend({
  id: ZUuid,
  status: z
    .enum(['draft', 'submitted', 'approved', 'rejected'])
    .describe('商品备案状态: submitted 待审核, approved 已备案, rejected 已退回'),
  orgId: ZUuid,
  nameEn: z.string().nullable(),
  spec: z.string().nullable(),
  brand: z.string().nullable(),
  barcode: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
}).meta({ id: 'Product' });
export type TProduct = z.infer<typeof ZProduct>;

export const ZProductQuery = z.object({
  q: z.string().max(100).optional().describe('matches item number, name or HS code prefix'),
  hsCode: z
    .string()
    .regex(/^\d{2,10}$/)
    .optional(),
});
