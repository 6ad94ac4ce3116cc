import { z } from 'zod';
import { AUTHORISATION_ROLES } from '@crossgate/domain';
import { ZIsoDate, ZTimestamp, ZUuid } from './common.ts';

/**
 * 代理申报授权 (decision 0018): an enterprise authorises another to name it, in one role, in the documents the
 * other declares through the CEB gateway (packages/domain/src/access/party-binding.ts says which fields).
 */
export const ZAuthorisationRole = z
  .enum(AUTHORISATION_ROLES)
  .describe(
    'the grantor’s role in the grantee’s documents: ebp (ebpCode), ebc (ebcCode), payment (payCode), logistics (logisticsCode), warehouse (areaCode / iacCode / operatorCode), assure (assureCode)',
  );
export type TAuthorisationRole = z.infer<typeof ZAuthorisationRole>;

export const ZAuthorisationInput = z
  .object({
    granteeCode: z.string().min(1).max(18).describe('the enterprise authorised: its customs code or USCC'),
    role: ZAuthorisationRole,
    validFrom: ZIsoDate.optional().describe('first day in force (China Standard Time); default today'),
    validTo: ZIsoDate.nullable()
      .default(null)
      .describe('the first day it no longer applies; null: until revoked'),
    reason: z
      .string()
      .trim()
      .min(2)
      .max(500)
      .describe('what it rests on, e.g. the agency agreement (委托代理协议) and its number'),
  })
  .meta({ id: 'AuthorisationRequest' });
export type TAuthorisationInput = z.input<typeof ZAuthorisationInput>;

export const ZAuthorisationRevoke = z
  .object({ reason: z.string().trim().min(2).max(500) })
  .meta({ id: 'AuthorisationRevokeRequest' });

const ZParty = z.object({ id: ZUuid, code: z.string(), uscc: z.string().nullable(), nameZh: z.string() });

export const ZAuthorisation = z
  .object({
    id: ZUuid,
    grantor: ZParty,
    grantee: ZParty,
    role: ZAuthorisationRole,
    validFrom: ZIsoDate,
    validTo: ZIsoDate.nullable(),
    status: z.enum(['granted', 'revoked']),
    /** Granted, not revoked, and today inside its period. */
    inForce: z.boolean(),
    reason: z.string(),
    grantedBy: z.string().nullable().describe('display name of the person who granted it'),
    grantedAt: ZTimestamp,
    revokedBy: z.string().nullable(),
    revokedAt: ZTimestamp.nullable(),
    revokeReason: z.string().nullable(),
  })
  .meta({ id: 'Authorisation' });
export type TAuthorisation = z.infer<typeof ZAuthorisation>;

export const ZAuthorisationQuery = z.object({
  direction: z
    .enum(['granted', 'received'])
    .optional()
    .describe('an enterprise: the authorisations it granted, or those it received (default both)'),
  role: ZAuthorisationRole.optional(),
  status: z.enum(['granted', 'revoked']).optional(),
  inForceOn: ZIsoDate.optional().describe('only those in force on this date'),
  grantorCode: z.string().max(18).optional(),
  granteeCode: z.string().max(18).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TAuthorisationQuery = z.infer<typeof ZAuthorisationQuery>;
