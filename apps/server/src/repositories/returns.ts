import type { Database, Kysely } from '@crossgate/db';

/** Returned quantities per original inventory line, both directions (migration 0014, decision 0019). */

export type ReturnDirection = 'import' | 'export';

/**
 * What earlier return applications took of each line of an inventory: gnum → quantity, in one query. The
 * caller holds the inventory's row lock, so two returns of one inventory take turns.
 */
export async function returnedQuantities(
  db: Kysely<Database>,
  direction: ReturnDirection,
  inventoryId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('return_lines')
    .select(['gnum', (eb) => eb.fn.sum<string>('qty').as('qty')])
    .where('direction', '=', direction)
    .where('inventory_id', '=', inventoryId)
    .groupBy('gnum')
    .execute();
  return new Map(rows.map((r) => [String(r.gnum), String(r.qty)]));
}

/** Records the lines of an accepted return application, in one statement. */
export async function insertReturnLines(
  db: Kysely<Database>,
  direction: ReturnDirection,
  r: { inventoryId: string; returnId: string; orgId: string; now: Date },
  lines: { gnum: string; qty: string }[],
): Promise<void> {
  if (lines.length === 0) return;
  await db
    .insertInto('return_lines')
    .values(
      lines.map((l) => ({
        direction,
        inventory_id: r.inventoryId,
        return_id: r.returnId,
        org_id: r.orgId,
        gnum: Number(l.gnum),
        qty: l.qty,
        created_at: r.now,
      })),
    )
    .execute();
}
