import { z } from 'zod';
import { ZDecimal, ZIsoDate, ZTimestamp, ZUuid } from './common.ts';

const ZRole = z.enum([
  'ebp',
  'ebc',
  'payment',
  'logistics',
  'declaration_agent',
  'warehouse',
  'overseas_warehouse',
]);
const ZFilingStatus = z.enum(['draft', 'submitted', 'approved', 'rejected', 'suspended', 'revoked']);

const FilingFields = z.object({
  uscc: z.string().max(18).describe('统一社会信用代码 (GB 32100-2015, check character verified)'),
  customsCode: z.string().max(10).describe('海关注册编码, 10 characters'),
  nameZh: z.string().min(1).max(100),
  nameEn: z.string().max(200).optional(),
  roles: z.array(ZRole).min(1).describe('the business roles applied for'),
  legalRep: z.string().min(1).max(50).describe('法定代表人'),
  address: z.string().min(1).max(200),
  contacts: z
    .array(
      z.object({
        name: z.string().min(1).max(50),
        phone: z.string().max(20),
        email: z.string().max(100).optional(),
      }),
    )
    .min(1)
    .max(10),
  documents: z
    .array(
      z.object({
        kind: z.string().min(1).max(40).describe('business_licence (营业执照) is required'),
        name: z.string().min(1).max(200),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .max(20),
});
export const ZEnterpriseFilingInput = FilingFields.meta({ id: 'EnterpriseFilingRequest' });
export type TEnterpriseFilingInput = z.infer<typeof ZEnterpriseFilingInput>;

export const ZEnterpriseFiling = FilingFields.extend({
  id: ZUuid,
  orgId: ZUuid,
  status: ZFilingStatus,
  reasons: z.array(z.string()),
  identityVerifiedAt: ZTimestamp.nullable(),
  submittedAt: ZTimestamp.nullable(),
  decidedAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
}).meta({ id: 'EnterpriseFiling' });
export type TEnterpriseFiling = z.infer<typeof ZEnterpriseFiling>;

export const ZFilingDecision = z
  .object({
    decision: z.enum(['approve', 'reject', 'suspend', 'reinstate', 'revoke']),
    reasons: z.array(z.string().min(2).max(500)).max(20).default([]),
    identityVerified: z
      .boolean()
      .default(false)
      .describe('the officer verified the legal representative’s identity (required to approve)'),
  })
  .meta({ id: 'FilingDecision' });

export const ZFilingQuery = z.object({
  status: ZFilingStatus.optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ZProductFilingInput = z
  .object({
    itemNo: z.string().min(1).max(30),
    nameZh: z.string().min(1).max(250),
    nameEn: z.string().max(250).optional(),
    hsCode: z.string().max(10),
    declarationElements: z.record(z.string(), z.string()).describe('申报要素 by element name'),
    originCountry: z.string().max(3),
    brand: z.string().max(100).optional(),
    barcode: z.string().max(14).optional(),
    unit: z.string().max(3),
    legalUnit1: z.string().max(3),
    legalUnit2: z.string().max(3).optional(),
    price: ZDecimal,
    currency: z.string().max(3),
    retailImport: z
      .boolean()
      .default(false)
      .describe('filed for CBEC retail import: the positive list applies'),
  })
  .meta({ id: 'ProductFilingRequest' });
export type TProductFilingInput = z.infer<typeof ZProductFilingInput>;

export const ZProductFiling = z
  .object({
    id: ZUuid,
    orgId: ZUuid,
    itemNo: z.string(),
    nameZh: z.string(),
    hsCode: z.string(),
    barcode: z.string().nullable(),
    brand: z.string().nullable(),
    originCountry: z.string(),
    retailImport: z.boolean(),
    status: z.enum(['draft', 'submitted', 'approved', 'rejected']),
    reasons: z.array(z.string()),
    submittedAt: ZTimestamp.nullable(),
    decidedAt: ZTimestamp.nullable(),
  })
  .meta({ id: 'ProductFiling' });
export type TProductFiling = z.infer<typeof ZProductFiling>;

export const ZBulkFilingResult = z
  .object({
    rows: z.number().int().describe('data rows read'),
    imported: z.number().int(),
    products: z.array(z.object({ row: z.number().int(), id: ZUuid, itemNo: z.string() })),
    problems: z
      .array(
        z.object({
          row: z.number().int().describe('the Excel row number (the header is row 1)'),
          field: z.string(),
          rule: z.string(),
          actual: z.string().optional(),
        }),
      )
      .describe(
        'every refused row, with each field and the rule it broke; good rows are imported regardless',
      ),
  })
  .meta({ id: 'BulkFilingResult' });
export type TBulkFilingResult = z.infer<typeof ZBulkFilingResult>;

export const ZProductDecision = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reasons: z.array(z.string().min(2).max(500)).max(20).default([]),
  })
  .meta({ id: 'ProductDecision' });

export const ZCreditEventInput = z
  .object({
    orgCode: z.string().max(18).describe('the enterprise (customs code or USCC)'),
    category: z.string().max(40),
    weight: ZDecimal.optional().describe('signed points; the category’s default when left out'),
    occurredOn: ZIsoDate,
    description: z.string().min(2).max(1000),
    reference: z.string().max(100).optional().describe('the decision or document number'),
  })
  .meta({ id: 'CreditEventRequest' });

export const ZCreditEvent = z
  .object({
    id: ZUuid,
    category: z.string(),
    categoryZh: z.string(),
    categoryEn: z.string().describe('the category in English'),
    source: z.enum(['platform', 'regulator']),
    decidedBy: z
      .enum(['platform', 'customs', 'regulator'])
      .describe('who decided: the platform’s automatic checks, customs, or a regulator'),
    documentNo: z
      .string()
      .nullable()
      .describe('the number of the document concerned (an inventory number), for people; null when none'),
    weight: ZDecimal,
    occurredOn: ZIsoDate,
    expiresOn: ZIsoDate,
    inForce: z.boolean(),
    description: z.string(),
    reference: z.string().nullable(),
    authority: z.string().nullable(),
    createdAt: ZTimestamp,
  })
  .meta({ id: 'CreditEvent' });

export const ZCustomsLevelInput = z
  .object({
    level: z.enum(['advanced_certified', 'general_certified', 'general', 'dishonest']),
    validFrom: ZIsoDate,
    source: z.string().min(2).max(200).describe('the decision it comes from'),
  })
  .meta({ id: 'CustomsLevelRequest' });

export const ZRatingsImport = z
  .object({
    agency: z.string().min(2).max(100),
    ratings: z
      .array(
        z.object({
          orgCode: z.string().max(18),
          rating: z.string().min(1).max(10),
          score: ZDecimal,
          ratedOn: ZIsoDate,
          validTo: ZIsoDate.optional(),
        }),
      )
      .min(1)
      .max(1000),
  })
  .meta({ id: 'RatingsImport' });

export const ZScoreComponent = z.object({
  kind: z.string(),
  ref: z.string().optional(),
  label: z.string(),
  weight: z.string(),
  points: z.string(),
});

export const ZCreditScore = z
  .object({
    score: ZDecimal,
    level: z.enum(['A', 'B', 'C', 'D']),
    asOf: ZIsoDate,
    formulaVersion: z.string(),
    components: z.array(ZScoreComponent).describe('every contributing input and its points'),
    computedAt: ZTimestamp,
  })
  .meta({ id: 'CreditScore' });

export const ZCreditRecord = z
  .object({
    orgId: ZUuid,
    code: z.string(),
    uscc: z.string().nullable(),
    nameZh: z.string(),
    filingStatus: z.string(),
    customsLevel: z.object({ level: z.string(), label: z.string(), validFrom: ZIsoDate }).nullable(),
    ratings: z.array(
      z.object({ agency: z.string(), rating: z.string(), score: ZDecimal, ratedOn: ZIsoDate }),
    ),
    score: ZCreditScore,
    history: z.array(
      z.object({ asOf: ZIsoDate, score: ZDecimal, level: z.string(), computedAt: ZTimestamp }),
    ),
    events: z.array(ZCreditEvent),
    negativeListed: z.boolean(),
  })
  .meta({ id: 'CreditRecord' });
export type TCreditRecord = z.infer<typeof ZCreditRecord>;

export const ZCreditListItem = z
  .object({
    orgId: ZUuid,
    code: z.string(),
    uscc: z.string().nullable(),
    nameZh: z.string(),
    filingStatus: z.string(),
    level: z.string().nullable(),
    score: ZDecimal.nullable(),
    asOf: ZIsoDate.nullable(),
  })
  .meta({ id: 'CreditListItem' });

export const ZCreditQuery = z.object({
  level: z.enum(['A', 'B', 'C', 'D']).optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ZPublicEnterprise = z
  .object({
    nameZh: z.string(),
    code: z.string(),
    uscc: z.string().nullable(),
    filingStatus: z.string(),
    filingStatusZh: z.string(),
    roles: z.array(z.string()),
    creditLevel: z.string().nullable().describe('public composite level A/B/C/D'),
    negativeListed: z.boolean(),
  })
  .meta({ id: 'PublicEnterprise' });

export const ZPublicProduct = z
  .object({
    itemNo: z.string(),
    nameZh: z.string(),
    hsCode: z.string(),
    brand: z.string().nullable(),
    barcode: z.string().nullable(),
    originCountry: z.string(),
    enterprise: z.string(),
    enterpriseCode: z.string(),
    filedAt: ZTimestamp.nullable(),
  })
  .meta({ id: 'PublicProduct' });

export const ZNegativeListInput = z
  .object({
    subjectType: z.enum(['enterprise', 'person']),
    code: z.string().max(18).optional().describe('enterprise: customs code or USCC'),
    idType: z.string().max(2).optional().describe('person: ID type (1 身份证 …)'),
    idNumber: z.string().max(30).optional().describe('person: ID number (stored only as a keyed hash)'),
    name: z.string().min(1).max(100),
    reason: z.string().min(2).max(500),
    authority: z.string().min(2).max(100),
    validUntil: ZIsoDate.optional(),
  })
  .meta({ id: 'NegativeListRequest' });

export const ZNegativeListEntry = z
  .object({
    id: ZUuid,
    subjectType: z.enum(['enterprise', 'person']),
    subjectKey: z.string().describe('enterprise code, or the person’s keyed hash'),
    name: z.string(),
    reason: z.string(),
    authority: z.string(),
    listedAt: ZTimestamp,
    validUntil: ZIsoDate.nullable(),
    delistedAt: ZTimestamp.nullable(),
    delistReason: z.string().nullable(),
  })
  .meta({ id: 'NegativeListEntry' });
export type TNegativeListEntry = z.infer<typeof ZNegativeListEntry>;

export const ZSamplingTable = z
  .object({ A: ZDecimal, B: ZDecimal, C: ZDecimal, D: ZDecimal })
  .meta({ id: 'SamplingTable' });

export const ZPositiveListFields = z.object({
  hsPrefix: z.string().regex(/^\d{4,10}$/, 'an HS code or its first 4–10 digits'),
  nameZh: z.string().min(1).max(200),
  note: z.string().max(500).default('').describe('监管要求, e.g. 仅限网购保税商品'),
  listName: z.string().min(2).max(200).describe('the list and its edition'),
  validFrom: ZIsoDate,
  validTo: ZIsoDate.nullable().default(null).describe('the first day it no longer applies'),
});
export const ZPositiveListEntry = ZPositiveListFields.extend({ id: ZUuid }).meta({ id: 'PositiveListEntry' });
export type TPositiveListEntry = z.infer<typeof ZPositiveListEntry>;
