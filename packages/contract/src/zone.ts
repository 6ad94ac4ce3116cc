import { z } from 'zod';
import { ZDecimal, ZIsoDate } from './common.ts';

export const ZZone = z
  .object({
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    customsOfficeCodes: z.array(z.string()),
    parks: z.array(
      z.object({
        code: z.string(),
        nameZh: z.string(),
        nameEn: z.string().nullable(),
        districtZh: z.string().nullable(),
        designation: z.enum(['none', 'city', 'provincial', 'national']),
      }),
    ),
    targets: z.array(
      z.object({
        code: z.string(),
        nameZh: z.string(),
        nameEn: z.string(),
        targetValue: ZDecimal,
        unit: z.string(),
        dueDate: ZIsoDate,
        source: z.string(),
      }),
    ),
  })
  .meta({ id: 'Zone' });
export type TZone = z.infer<typeof ZZone>;
