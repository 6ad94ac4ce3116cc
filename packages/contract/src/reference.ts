import { z } from 'zod';
import { ZDecimal, ZIsoDate, ZUuid } from './common.ts';

export const ZHsCode = z
  .object({
    code: z.string(),
    level: z.number().int(),
    parent: z.string().nullable(),
    section: z.string(),
    descriptionEn: z.string(),
  })
  .meta({ id: 'HsCode' });

export const ZHsQuery = z.object({
  q: z.string().max(100).optional().describe('code prefix or words of the description'),
  level: z.coerce
    .number()
    .int()
    .refine((n) => [2, 4, 6].includes(n), 'level is 2, 4 or 6')
    .optional(),
  parent: z
    .string()
    .regex(/^\d{2,4}$/)
    .optional(),
});

export const ZCodeEntry = z
  .object({ code: z.string(), nameZh: z.string(), nameEn: z.string().nullable() })
  .meta({ id: 'CodeEntry' });
export const ZCodeQuery = z.object({ q: z.string().max(100).optional().describe('code prefix or name') });
export const CODE_TABLES = ['countries', 'currencies', 'units', 'customs-offices'] as const;
export const ZCodeTable = z.enum(CODE_TABLES);

export const ZTariffRate = z
  .object({
    id: ZUuid,
    hsCode: z.string(),
    validFrom: ZIsoDate,
    validTo: ZIsoDate.nullable().describe('exclusive; null = open-ended'),
    vatRate: ZDecimal,
    consumptionTaxRate: ZDecimal,
    dutyRate: ZDecimal.nullable().describe('MFN duty; null = not recorded'),
    source: z.string(),
  })
  .meta({ id: 'TariffRate' });
export type TTariffRate = z.infer<typeof ZTariffRate>;

export const ZTariffLine = z
  .object({
    hsCode: z.string(),
    nameZh: z.string(),
    nameEn: z.string().nullable(),
    legalUnit: z.string().nullable(),
    verified: z
      .boolean()
      .describe('both the MFN duty and the VAT rate were confirmed against a source; false = 未核实'),
    verification: z.string().nullable().describe('how the code and each rate were checked'),
    rates: z.array(ZTariffRate),
  })
  .meta({ id: 'TariffLine' });

export const ZTariffLineQuery = z.object({
  q: z.string().max(100).optional().describe('HS code prefix or name'),
  date: ZIsoDate.optional().describe('only rates in force on this date'),
});

export const ZTariffLookupQuery = z.object({
  hsCode: z.string().regex(/^\d{10}$/, '10-digit customs commodity code'),
  date: ZIsoDate.describe('the date of the taxable event (China Standard Time)'),
});
export const ZTariffLookup = z
  .object({
    hsCode: z.string(),
    nameZh: z.string(),
    date: ZIsoDate,
    rate: ZTariffRate,
    cbecComprehensiveRate: ZDecimal.describe(
      '(c + v) / (1 − c) × 0.7, the CBEC retail-import rate within the limits',
    ),
    consumptionTaxItem: z
      .object({
        id: z.string(),
        nameZh: z.string(),
        rate: ZDecimal,
        levied: z.enum(['import', 'retail']),
        thresholds: z.array(z.object({ perUnit: ZDecimal, measure: z.string() })),
        source: z.string(),
      })
      .nullable()
      .default(null)
      .describe(
        'the item of the consumption-tax table covering the line on the date (decision 0027); when present, its ' +
          'rate and threshold, not rate.consumptionTaxRate, decide the consumption tax of a declaration',
      ),
  })
  .meta({ id: 'TariffLookup' });
export type TTariffLookup = z.infer<typeof ZTariffLookup>;

const ZRateFields = {
  validFrom: ZIsoDate,
  validTo: ZIsoDate.nullable().default(null),
  vatRate: ZDecimal,
  consumptionTaxRate: ZDecimal.default('0'),
  dutyRate: ZDecimal.nullable().default(null),
  source: z.string().min(1).max(500).describe('the announcement that sets the rate'),
};
export const ZCreateTariffRate = z.object({
  hsCode: z.string().regex(/^\d{10}$/, '10-digit customs commodity code'),
  nameZh: z.string().min(1).max(250).optional().describe('required when the tariff line is new'),
  nameEn: z.string().max(250).optional(),
  ...ZRateFields,
});
/** A patch names only what changes: no defaults here, or an omitted field would be reset. */
export const ZUpdateTariffRate = z
  .object({
    validFrom: ZIsoDate,
    validTo: ZIsoDate.nullable(),
    vatRate: ZDecimal,
    consumptionTaxRate: ZDecimal,
    dutyRate: ZDecimal.nullable(),
    source: z.string().min(1).max(500),
  })
  .partial();

/** 申报要素 names by HS chapter (domain credit/declaration-elements.ts, decision 0038), for the filing form. */
export { declarationElementsFor, type DeclarationElementList } from '@crossgate/domain';
