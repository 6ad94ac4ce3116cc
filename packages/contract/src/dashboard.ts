import { z } from 'zod';
import { ZDecimal, ZIsoDate, ZTimestamp } from './common.ts';
import { ZZoneTarget } from './zone.ts';

// ── Zone dashboard (综试区大屏) ───────────────────────────────────────────────────────────────────────────

const ZCount = z.number().int().min(0);

export const ZThroughputPoint = z
  .object({
    minute: ZTimestamp.describe('start of the minute (UTC)'),
    messages: ZCount.describe('inbound CEB messages received in the minute'),
    decisions: ZCount.describe('inventories reaching a decision (800 放行, 100 退单, 500 查验, 899 结关)'),
    released: ZCount.describe('inventories released (800) in the minute'),
  })
  .meta({ id: 'ThroughputPoint' });

export const ZModeFigure = z
  .object({
    tradeMode: z.string().describe('9610 / 1210 (import); 9610 / 1210 / 9710 / 9810 (export)'),
    declared: ZCount.describe('inventories declared'),
    released: ZCount.describe('inventories released (not cancelled)'),
    valueCny: ZDecimal.describe('value of the released inventories in CNY'),
    unconverted: ZCount.describe(
      'released inventories left out of valueCny: priced in a currency without an exchange rate',
    ),
  })
  .meta({ id: 'ModeFigure' });

export const ZMissingRate = z
  .object({
    direction: z.enum(['import', 'export']),
    currency: z.string().describe('JGS-20 currency code, e.g. 502 USD'),
    month: z.string().describe('YYYY-MM, China time: the month whose customs rate is not recorded'),
    parcels: ZCount.describe('released inventories left without a CNY value for it'),
  })
  .meta({ id: 'MissingRate' });

export const ZCountryFigure = z
  .object({
    code: z.string().describe('JGS-20 country code'),
    nameZh: z.string(),
    nameEn: z.string().nullable(),
    parcels: ZCount,
  })
  .meta({ id: 'CountryFigure' });

export const ZParkFigure = z
  .object({
    code: z.string().nullable().describe('null: enterprises registered outside any park'),
    nameZh: z.string(),
    nameEn: z.string().nullable(),
    designation: z.string().nullable(),
    enterprises: ZCount,
  })
  .meta({ id: 'ParkFigure' });

export const ZTargetProgress = ZZoneTarget.extend({
  measured: z.boolean().describe('false: the platform has no data source for this target yet'),
  current: ZDecimal.nullable(),
  percent: z.number().nullable().describe('current / target × 100, rounded to 0.1; null when not measured'),
  basisZh: z.string().describe('what the figure counts, or why there is none'),
  basisEn: z.string(),
}).meta({ id: 'TargetProgress' });

export const ZClearanceTime = z
  .object({
    released: ZCount.describe('inventories released in the window'),
    medianSeconds: z.number().nullable(),
    p90Seconds: z.number().nullable(),
  })
  .meta({ id: 'ClearanceTime' });

export const ZDashboard = z
  .object({
    generatedAt: ZTimestamp,
    zone: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }),
    today: z
      .object({
        date: ZIsoDate.describe('the day in China time (UTC+8)'),
        messages: ZCount,
        importDeclared: ZCount,
        importReleased: ZCount,
        exportDeclared: ZCount,
        exportReleased: ZCount,
        enterprises: ZCount.describe('enterprises registered on the platform (all time)'),
      })
      .describe('totals of today, China time'),
    throughput: z.array(ZThroughputPoint).describe('the last 60 minutes, oldest first, one point a minute'),
    importModes: z.array(ZModeFigure),
    exportModes: z.array(ZModeFigure),
    topOrigins: z
      .array(ZCountryFigure)
      .describe('import inventories per origin country of their lines, top 10'),
    topDestinations: z.array(ZCountryFigure).describe('export inventories per destination country, top 10'),
    parks: z.array(ZParkFigure),
    targets: z.array(ZTargetProgress),
    clearance: z
      .object({
        windowDays: z.number().int(),
        import: ZClearanceTime.describe('declaration (inventory received) → release'),
        export: ZClearanceTime.describe('declaration (inventory received) → release'),
      })
      .describe('clearance times of the inventories released in the last windowDays days'),
    year: z
      .object({
        year: z.number().int(),
        importValueCny: ZDecimal.describe(
          'value in CNY of the import inventories released this year that have one (importUnconverted left out)',
        ),
        exportValueCny: ZDecimal.describe(
          'value in CNY of the export inventories released this year that have one (exportUnconverted left out)',
        ),
        importUnconverted: ZCount.describe(
          'import inventories released this year left out of importValueCny: a currency without a customs rate for the month',
        ),
        exportUnconverted: ZCount.describe(
          'export inventories released this year left out of exportValueCny: a currency without a customs rate for the month',
        ),
        missingRates: z
          .array(ZMissingRate)
          .describe(
            'which currency lacks a customs rate for which month, and how many released inventories it leaves out',
          ),
      })
      .describe(
        'this year’s values; when a count of unconverted inventories is above 0 the value is incomplete (not 0 for them)',
      ),
  })
  .meta({ id: 'Dashboard' });
export type TDashboard = z.infer<typeof ZDashboard>;

// ── Public parcel status (包裹通关状态查询) ─────────────────────────────────────────────────────────────────

export const ZPublicParcelQuery = z.object({
  logisticsNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,60}$/, 'a waybill number: 4–60 letters, digits or -'),
});

export const ZPublicParcelEvent = z
  .object({
    status: z.string(),
    statusZh: z.string(),
    statusEn: z.string(),
    at: ZTimestamp,
  })
  .meta({ id: 'PublicParcelEvent' });

export const ZPublicParcel = z
  .object({
    direction: z.enum(['import', 'export']),
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
    timeline: z.array(ZPublicParcelEvent),
  })
  .meta({ id: 'PublicParcel' });
export type TPublicParcel = z.infer<typeof ZPublicParcel>;

export const ZPublicParcelStatus = z
  .object({
    logisticsNo: z.string(),
    parcels: z.array(ZPublicParcel).min(1).describe('usually one; a number reused by two carriers gives two'),
  })
  .meta({ id: 'PublicParcelStatus' });
export type TPublicParcelStatus = z.infer<typeof ZPublicParcelStatus>;
