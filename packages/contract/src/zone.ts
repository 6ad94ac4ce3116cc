import { z } from 'zod';
import { ZDecimal, ZIsoDate } from './common.ts';

/** A target of the zone's implementation plan (zone_targets). */
export const ZZoneTarget = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  targetValue: ZDecimal,
  unit: z.string(),
  dueDate: ZIsoDate,
  source: z.string(),
});
export type TZoneTarget = z.infer<typeof ZZoneTarget>;

export const ZZone = z
  .object({
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    customsOfficeCodes: z.array(z.string()),
    inspectionSamplingRate: ZDecimal.describe(
      'share of parcels sent to random inspection (红绿通道抽检), 0–1',
    ),
    parks: z.array(
      z.object({
        code: z.string(),
        nameZh: z.string(),
        nameEn: z.string().nullable(),
        districtZh: z.string().nullable(),
        designation: z.enum(['none', 'city', 'provincial', 'national']),
      }),
    ),
    targets: z.array(ZZoneTarget),
  })
  .meta({ id: 'Zone' });
export type TZone = z.infer<typeof ZZone>;

export const ZZonePatch = z.object({
  inspectionSamplingRate: z
    .string()
    .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, 'a fraction between 0 and 1, at most 4 decimals')
    .optional(),
});
