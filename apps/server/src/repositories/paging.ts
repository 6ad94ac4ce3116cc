import type { SelectQueryBuilder } from 'kysely';

export interface PageWindow {
  limit: number;
  offset: number;
}

/** One page of a filtered query and the total count of the filter, read together. */
export async function fetchPage<DB, TB extends keyof DB, O>(
  filtered: SelectQueryBuilder<DB, TB, object>,
  rows: (q: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, O>,
  page: PageWindow,
): Promise<{ rows: O[]; total: number }> {
  const [items, count] = await Promise.all([
    rows(filtered).limit(page.limit).offset(page.offset).execute(),
    filtered.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: items as O[], total: Number((count as { n: string }).n) };
}
