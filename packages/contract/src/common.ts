import { z } from 'zod';

export const ZUuid = z.uuid();
export const ZDecimal = z
  .string()
  .regex(/^-?\d{1,19}(\.\d{1,8})?$/, 'a decimal number written as a string, e.g. "268.00"');
export const ZIsoDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD')
  // A day the calendar has (not 2026-02-31) from year 1 (PostgreSQL has no year 0): an impossible date reaching
  // a date column was a 500. The check runs after a failed pattern too, so it never throws.
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return d >= '0001-01-01' && Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, '日历上存在的日期 (a date the calendar has)');
export const ZTimestamp = z.string().describe('ISO 8601 timestamp');

/** Server-side pagination: 1-based page, bounded page size. */
export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export interface TPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const ZIdParams = z.object({ id: ZUuid });
