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
    signaturePolicy: z
      .enum(['required', 'optional'])
      .describe(
        'in force: whether declarations the spec says are signed (CEB621/623/625/711, export CEB509/603/605/607/701, a declared CEB507) must carry a signature that verifies with a key the sender registered (required), or are checked only once the sender has a key (optional: demo/test mode)',
      ),
    signaturePolicySetting: z
      .enum(['required', 'optional'])
      .nullable()
      .describe(
        "the zone office's own choice; null: the server's default (CROSSGATE_SIGNATURE_POLICY) applies",
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
  signaturePolicy: z
    .enum(['required', 'optional'])
    .nullable()
    .optional()
    .describe("the zone's signature policy; null returns to the server's default (audited)"),
});
