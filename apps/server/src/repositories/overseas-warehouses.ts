import { sql, type Database, type Kysely, type OverseasWarehouse } from '@crossgate/db';

export async function findWarehouseByCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('overseas_warehouses').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findWarehouse(db: Kysely<Database>, id: string) {
  return db.selectFrom('overseas_warehouses').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertWarehouse(db: Kysely<Database>, row: OverseasWarehouse): Promise<void> {
  await db.insertInto('overseas_warehouses').values(row).execute();
}

export async function revokeWarehouse(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db
    .updateTable('overseas_warehouses')
    .set({ status: 'revoked', revoked_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Filed warehouses, of one operator or all, by code. */
export async function listWarehouses(
  db: Kysely<Database>,
  filter: { operatorOrgId?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('overseas_warehouses');
  if (filter.operatorOrgId) q = q.where('operator_org_id', '=', filter.operatorOrgId);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('code').limit(filter.limit).offset(filter.offset).execute(),
    q.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/**
 * Filed warehouses a 9810 booking may name by its ebpCode: the warehouse's own code, or the customs code or
 * USCC of its operating enterprise.
 */
export async function filedWarehousesFor(db: Kysely<Database>, ebpCode: string) {
  return db
    .selectFrom('overseas_warehouses as w')
    .innerJoin('organisations as o', 'o.id', 'w.operator_org_id')
    .selectAll('w')
    .where((eb) =>
      eb.or([eb('w.code', '=', ebpCode), eb('o.code', '=', ebpCode), eb('o.uscc', '=', ebpCode)]),
    )
    .orderBy('w.status')
    .execute();
}
