import { z } from 'zod';
import { ZDecimal, ZIsoDate } from './common.ts';

/**
 * 统计监测 (issue 20, decision 0048): queries over the statistics rollups. Dimensions and measures are named here
 * once, with their texts, for the API, the web page and the Excel header.
 */

export const STATS_DIMENSIONS = [
  'direction',
  'tradeMode',
  'statisticsFlag',
  'country',
  'customsCode',
  'park',
  'platform',
  'seller',
  'carrier',
  'lane',
  'hsSection',
  'hsChapter',
  'hsHeading',
  'goodsClass',
] as const;
export type TStatsDimension = (typeof STATS_DIMENSIONS)[number];

/** Dimensions of the goods (line) grain: a query naming one reads the goods rollup. */
export const STATS_GOODS_DIMENSIONS: readonly TStatsDimension[] = [
  'hsSection',
  'hsChapter',
  'hsHeading',
  'goodsClass',
];
/** Dimensions only the inventory grain has. */
export const STATS_PARCEL_ONLY_DIMENSIONS: readonly TStatsDimension[] = ['lane'];

export const STATS_MEASURES = [
  'inventories',
  'parcels',
  'grossWeight',
  'lines',
  'valueCny',
  'valueUsd',
  'tax',
  'unconverted',
] as const;
export type TStatsMeasure = (typeof STATS_MEASURES)[number];
/** Measures only the inventory grain has (an inventory is not split across goods). */
export const STATS_PARCEL_ONLY_MEASURES: readonly TStatsMeasure[] = ['inventories', 'parcels', 'grossWeight'];

/** Drill-down: the next, finer dimension. */
export const STATS_DRILL: Partial<Record<TStatsDimension, TStatsDimension>> = {
  hsSection: 'hsChapter',
  hsChapter: 'hsHeading',
  direction: 'tradeMode',
  park: 'seller',
  goodsClass: 'hsChapter',
};

export const STATS_LABELS: Record<TStatsDimension | TStatsMeasure | 'period', { zh: string; en: string }> = {
  period: { zh: '期间', en: 'Period' },
  direction: { zh: '进出口', en: 'Direction' },
  tradeMode: { zh: '监管方式', en: 'Trade mode' },
  statisticsFlag: { zh: '统计方式', en: 'Statistics flag' },
  country: { zh: '国别(地区)', en: 'Country (region)' },
  customsCode: { zh: '海关', en: 'Customs office' },
  park: { zh: '园区', en: 'Park' },
  platform: { zh: '电商平台', en: 'Platform' },
  seller: { zh: '电商企业', en: 'Seller' },
  carrier: { zh: '物流企业', en: 'Carrier' },
  lane: { zh: '通道', en: 'Lane' },
  hsSection: { zh: 'HS类', en: 'HS section' },
  hsChapter: { zh: 'HS章', en: 'HS chapter' },
  hsHeading: { zh: 'HS品目', en: 'HS heading' },
  goodsClass: { zh: '商品类别', en: 'Goods class' },
  inventories: { zh: '清单票数', en: 'Inventories' },
  parcels: { zh: '件数', en: 'Packages' },
  grossWeight: { zh: '毛重(千克)', en: 'Gross weight (kg)' },
  lines: { zh: '商品项数', en: 'Lines' },
  valueCny: { zh: '货值(人民币元)', en: 'Value (CNY)' },
  valueUsd: { zh: '货值(美元)', en: 'Value (USD)' },
  tax: { zh: '税款(元)', en: 'Tax (CNY)' },
  unconverted: { zh: '未折算项数', en: 'Lines without a rate' },
};

const list = <T extends string>(values: readonly [T, ...T[]], max: number) =>
  z
    .string()
    .max(400)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).max(max));

export const ZStatsGrain = z.enum(['day', 'month', 'quarter', 'year', 'total']);
export type TStatsGrain = z.infer<typeof ZStatsGrain>;

const code = z.string().trim().max(40).optional();

export const ZStatsQuery = z.object({
  from: ZIsoDate.describe('first day (Beijing), inclusive'),
  to: ZIsoDate.describe('last day (Beijing), inclusive'),
  grain: ZStatsGrain.default('month').describe('日 / 月 / 季 / 年 / 合计'),
  dims: list(STATS_DIMENSIONS as unknown as [TStatsDimension, ...TStatsDimension[]], 2)
    .default([])
    .describe('up to two dimensions, comma-separated'),
  measures: list(STATS_MEASURES as unknown as [TStatsMeasure, ...TStatsMeasure[]], 8)
    .default(['inventories', 'valueCny'])
    .describe('comma-separated measures'),
  compare: z
    .enum(['none', 'yoy', 'mom'])
    .default('none')
    .describe('同比 (year on year) / 环比 (previous period)'),
  direction: z.enum(['import', 'export']).optional(),
  tradeMode: z.enum(['9610', '1210', '9710', '9810']).optional(),
  statisticsFlag: z.enum(['A', 'B']).optional(),
  country: code,
  customsCode: code,
  park: code,
  platform: code,
  seller: code,
  carrier: code,
  lane: z.enum(['green', 'inspection']).optional(),
  hsSection: code,
  hsChapter: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  hsHeading: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  goodsClass: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type TStatsQuery = z.infer<typeof ZStatsQuery>;
export type TStatsQueryInput = z.input<typeof ZStatsQuery>;

const ZMeasureValues = z.record(z.string(), ZDecimal.nullable());

export const ZStatsRow = z.object({
  /** YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY; null for the grain 'total'. */
  period: z.string().nullable(),
  keys: z.record(z.string(), z.string()),
  labels: z.record(z.string(), z.object({ zh: z.string().nullable(), en: z.string().nullable() })),
  values: ZMeasureValues,
  /** The compared period's values (same keys), when `compare` was asked. */
  compare: ZMeasureValues.nullable(),
  /** Change against the compared period, in percent (2 decimals); null when the compared value is 0. */
  change: ZMeasureValues.nullable(),
});
export type TStatsRow = z.infer<typeof ZStatsRow>;

export const ZStatsResult = z.object({
  grain: ZStatsGrain,
  dims: z.array(z.enum(STATS_DIMENSIONS)),
  measures: z.array(z.enum(STATS_MEASURES)),
  /** 'parcels' (inventory grain) or 'goods' (line grain): which rollup answered. */
  source: z.enum(['parcels', 'goods']),
  compare: z.enum(['none', 'yoy', 'mom']),
  /** The compared window, when asked. */
  compareFrom: z.string().nullable(),
  compareTo: z.string().nullable(),
  items: z.array(ZStatsRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Totals of the whole filter (every page). */
  totals: ZMeasureValues,
  compareTotals: ZMeasureValues.nullable(),
  /** Whether the caller sees only its own traffic (an enterprise). */
  ownTrafficOnly: z.boolean(),
  /** Events not yet in the rollups (the worker's lag) when the query ran. */
  pendingEvents: z.number().int(),
});
export type TStatsResult = z.infer<typeof ZStatsResult>;

// ── Clearance time per stage (WCO Time Release Study shape) ──────────────────────────────────────────────

export const CLEARANCE_STAGES = [
  'declaredToMatched',
  'matchedToReleased',
  'releasedToDeparted',
  'declaredToReleased',
] as const;
export type TClearanceStage = (typeof CLEARANCE_STAGES)[number];
export const CLEARANCE_STAGE_LABELS: Record<TClearanceStage, { zh: string; en: string }> = {
  declaredToMatched: { zh: '申报→单证齐全', en: 'Declared → documents complete' },
  matchedToReleased: { zh: '单证齐全→放行', en: 'Documents complete → released' },
  releasedToDeparted: { zh: '放行→离境', en: 'Released → departed' },
  declaredToReleased: { zh: '申报→放行(合计)', en: 'Declared → released (total)' },
};

export const ZClearanceTimeQuery = z.object({
  from: ZIsoDate.describe('released on or after (Beijing)'),
  to: ZIsoDate.describe('released on or before (Beijing)'),
  direction: z.enum(['import', 'export']).optional(),
});
export type TClearanceTimeQuery = z.infer<typeof ZClearanceTimeQuery>;

const ZStageFigure = z.object({
  /** Inventories with this stage measured. */
  n: z.number().int(),
  /** Hours, two decimals. */
  median: z.number().nullable(),
  p90: z.number().nullable(),
});

export const ZClearanceTimeRow = z.object({
  month: z.string(),
  direction: z.enum(['import', 'export']),
  tradeMode: z.string(),
  customsCode: z.string(),
  customsName: z.string().nullable(),
  inventories: z.number().int(),
  stages: z.record(z.enum(CLEARANCE_STAGES), ZStageFigure),
});
export type TClearanceTimeRow = z.infer<typeof ZClearanceTimeRow>;
export const ZClearanceTimeResult = z.object({
  items: z.array(ZClearanceTimeRow),
  ownTrafficOnly: z.boolean(),
});
export type TClearanceTimeResult = z.infer<typeof ZClearanceTimeResult>;
