import { z } from 'zod';

export const ZHealth = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.object({ engine: z.enum(['postgres', 'pglite']), ok: z.boolean(), latencyMs: z.number() }),
    version: z.string(),
  })
  .meta({ id: 'Health' });
export type THealth = z.infer<typeof ZHealth>;
