import { z } from 'zod';
import { ZTimestamp } from './common.ts';

export const ZAuditEntry = z
  .object({
    id: z.string(),
    at: ZTimestamp,
    actorUserId: z.string().nullable(),
    actorApiKeyId: z.string().nullable(),
    actorOrgId: z.string().nullable(),
    actorVia: z.enum(['session', 'api_key', 'system']),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditQuery = z.object({
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
});
