import { z } from 'zod';
import {
  AGENCY_TYPES,
  ENTERPRISE_ROLES,
  ORGANISATION_KINDS,
  PASSWORD_MAX_LENGTH,
  USER_ROLES,
} from '@crossgate/domain';

// The password rules travel with the contract, so the web form checks what the server will check.
export {
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULES,
  PASSWORD_RULE_TEXT,
  passwordProblems,
  type PasswordRule,
} from '@crossgate/domain';
// The names of enterprise roles and agencies in both languages, for pages whose API sends one of them.
export { ROLE_LABELS } from '@crossgate/domain';
import { ZTimestamp, ZUuid } from './common.ts';

export const ZOrganisationKind = z.enum(ORGANISATION_KINDS);
export const ZEnterpriseRole = z.enum(ENTERPRISE_ROLES);
export const ZAgencyType = z.enum(AGENCY_TYPES);
export const ZUserRole = z.enum(USER_ROLES);

export const ZOrganisation = z
  .object({
    id: ZUuid,
    code: z.string(),
    uscc: z.string().nullable(),
    nameZh: z.string(),
    nameEn: z.string().nullable(),
    kind: ZOrganisationKind,
    enterpriseRoles: z.array(ZEnterpriseRole),
    agencyType: ZAgencyType.nullable(),
    zoneCode: z.string().nullable(),
    parkCode: z.string().nullable(),
    status: z.enum(['active', 'suspended']),
  })
  .meta({ id: 'Organisation' });
export type TOrganisation = z.infer<typeof ZOrganisation>;

export const ZOrganisationQuery = z.object({
  q: z.string().max(100).optional().describe('matches code, USCC or name'),
  kind: ZOrganisationKind.optional(),
});

export const ZUser = z
  .object({
    id: ZUuid,
    orgId: ZUuid,
    username: z.string(),
    displayName: z.string(),
    roles: z.array(ZUserRole),
    locale: z.enum(['zh-CN', 'en']),
    disabled: z.boolean(),
    lastLoginAt: ZTimestamp.nullable(),
    mustChangePassword: z
      .boolean()
      .describe(
        'an administrator requires a new password: until it is changed, the session reaches only POST /api/v1/auth/password, GET /api/v1/auth/me and sign-out',
      ),
  })
  .meta({ id: 'User' });
export type TUser = z.infer<typeof ZUser>;

export const ZUsername = z
  .string()
  .regex(
    /^[a-z][a-z0-9._-]{2,31}$/,
    '3–32 characters: lower-case letters, digits, . _ -, starting with a letter',
  );
export const ZPassword = z.string().min(12, 'at least 12 characters').max(200);

export const ZCreateUser = z.object({
  orgId: ZUuid.optional().describe(
    'zone administrators may create users in any organisation; others in their own',
  ),
  username: ZUsername,
  displayName: z.string().min(1).max(100),
  password: ZPassword,
  roles: z.array(ZUserRole).min(1),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZLogin = z.object({
  username: z
    .string()
    .min(1)
    .max(64)
    .describe('the username, or username@ORGCODE to name the organisation in the same field'),
  password: z.string().min(1).max(200),
  orgCode: z
    .string()
    .min(1)
    .max(32)
    .optional()
    .describe(
      'organisation code or USCC: usernames are unique per organisation; needed only when a username held in several organisations has the same password in more than one',
    ),
});
export type TLogin = z.infer<typeof ZLogin>;

/**
 * A user changes their own password. The new one is checked against the password rules (PASSWORD_RULES) by the
 * service, so each broken rule comes back as its own detail on `newPassword`.
 */
export const ZChangePassword = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z
    .string()
    .min(1)
    .max(PASSWORD_MAX_LENGTH * 4)
    .describe(
      'at least 12 characters, 6 of them different; not the username, a common password or the current one',
    ),
});
export type TChangePassword = z.infer<typeof ZChangePassword>;

export const ZPasswordChanged = z
  .object({
    revokedSessions: z.number().int().describe('the user’s other sessions, signed out by the change'),
  })
  .meta({ id: 'PasswordChanged' });
export type TPasswordChanged = z.infer<typeof ZPasswordChanged>;

export const ZMe = z
  .object({
    via: z.enum(['session', 'api_key']),
    user: ZUser.nullable(),
    organisation: ZOrganisation,
  })
  .meta({ id: 'Me' });
export type TMe = z.infer<typeof ZMe>;

export const ZApiKeyScope = z
  .enum(['declare', 'read', 'write'])
  .describe('declare — send CEB messages, read their receipts; read — queries; write — other changes');

export const ZApiKey = z
  .object({
    id: ZUuid,
    orgId: ZUuid,
    name: z.string(),
    prefix: z.string().describe('public part of the key, to tell keys apart'),
    createdAt: ZTimestamp,
    lastUsedAt: ZTimestamp.nullable(),
    revokedAt: ZTimestamp.nullable(),
    scopes: z
      .array(ZApiKeyScope)
      .nullable()
      .describe('what the key may do inside its enterprise’s rights; null: every operator right'),
  })
  .meta({ id: 'ApiKey' });
export type TApiKey = z.infer<typeof ZApiKey>;
export type TApiKeyScope = z.infer<typeof ZApiKeyScope>;

export const ZCreateApiKey = z.object({
  name: z.string().min(1).max(100),
  scopes: z
    .array(ZApiKeyScope)
    .min(1)
    .max(3)
    .optional()
    .describe(
      'declare: send CEB messages and read receipts; read: queries; write: other changes. Omit for all.',
    ),
});
export const ZCreatedApiKey = ZApiKey.extend({
  secret: z
    .string()
    .describe('the whole key; shown once, store it now: send it as `Authorization: Bearer <key>`'),
}).meta({ id: 'CreatedApiKey' });
export type TCreatedApiKey = z.infer<typeof ZCreatedApiKey>;

export const ZCreateOrganisation = z.object({
  kind: ZOrganisationKind,
  code: z
    .string()
    .min(2)
    .max(32)
    .describe('enterprises: 10-character customs registration code; others: an office code'),
  uscc: z
    .string()
    .length(18)
    .nullable()
    .optional()
    .describe('统一社会信用代码 (GB 32100-2015); required for enterprises'),
  nameZh: z.string().min(1).max(200),
  nameEn: z.string().max(200).nullable().optional(),
  enterpriseRoles: z.array(ZEnterpriseRole).default([]),
  agencyType: ZAgencyType.nullable().optional(),
  parkCode: z
    .string()
    .max(64)
    .nullable()
    .optional()
    .describe('park of the default zone the organisation sits in'),
});
export type TCreateOrganisation = z.infer<typeof ZCreateOrganisation>;

export const ZSigningKey = z
  .object({
    id: ZUuid,
    orgId: ZUuid,
    algorithm: z.enum(['rsa', 'sm2']),
    keyName: z.string(),
    subject: z.string().nullable(),
    validFrom: ZTimestamp.nullable(),
    validTo: ZTimestamp.nullable(),
    revokedAt: ZTimestamp.nullable(),
    createdAt: ZTimestamp,
  })
  .meta({ id: 'SigningKey' });
export type TSigningKey = z.infer<typeof ZSigningKey>;

export const ZRegisterSigningKey = z
  .object({
    keyName: z
      .string()
      .min(1)
      .max(64)
      .describe('ds:KeyName the messages carry: certificate serial or card number'),
    certificatePem: z.string().max(20_000).optional().describe('X.509 certificate (RSA or SM2), PEM'),
    publicKeyPem: z.string().max(20_000).optional().describe('RSA public key, PEM (SPKI)'),
    sm2PublicKey: z
      .string()
      .regex(/^04[0-9a-fA-F]{128}$/, 'uncompressed SM2 point: 04 followed by 128 hex digits')
      .optional()
      .describe('SM2 public key, hex'),
  })
  .refine((v) => [v.certificatePem, v.publicKeyPem, v.sm2PublicKey].filter(Boolean).length === 1, {
    message: 'exactly one of certificatePem, publicKeyPem, sm2PublicKey',
    path: ['certificatePem'],
  });
export type TRegisterSigningKey = z.infer<typeof ZRegisterSigningKey>;
