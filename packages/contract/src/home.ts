import { z } from 'zod';
import { ZTimestamp, ZUuid } from './common.ts';

/** Whose home page: an enterprise clerk, a customs officer, the zone office, another agency, or anyone else. */
export const ZHomeAudience = z.enum(['enterprise', 'customs', 'zone', 'agency', 'other']);

/** One to-do count of a home page: what waits, how many, and the page that lists them. */
export const ZHomeTodo = z
  .object({
    key: z
      .enum([
        'importReview',
        'exportWaiting',
        'importRefused',
        'exportRefused',
        'importInspection',
        'enterpriseFilings',
        'productFilings',
        'productsRejected',
        'filingToFix',
        'summariesDue',
        'negativeList',
      ])
      .describe('what is counted'),
    count: z.number().int().min(0),
    path: z.string().describe('the page of the web app that lists them'),
  })
  .meta({ id: 'HomeTodo' });

/** A recently changed parcel the actor may see. */
export const ZHomeRecent = z
  .object({
    direction: z.enum(['import', 'export']),
    id: ZUuid,
    invtNo: z.string().nullable(),
    orderNo: z.string().nullable(),
    logisticsNo: z.string().nullable(),
    status: z.string(),
    updatedAt: ZTimestamp,
  })
  .meta({ id: 'HomeRecent' });

export const ZHome = z
  .object({
    audience: ZHomeAudience,
    todos: z.array(ZHomeTodo),
    recent: z.array(ZHomeRecent).describe('the five parcels changed last, in the actor’s scope'),
  })
  .meta({ id: 'Home' });
export type THome = z.infer<typeof ZHome>;
export type THomeTodo = z.infer<typeof ZHomeTodo>;
