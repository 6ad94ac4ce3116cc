import { fetchPage } from './paging.ts';
import type { Database, Kysely, NewProduct, Product, ProductUpdate } from '@crossgate/db';
import type { Scope } from '@crossgate/domain';
import { escapeLike } from './organisations.ts';

/** Applies an access scope: `own` limits to the organisation's rows. Callers handle `none` before this. */
function scoped(db: Kysely<Database>, scope: Scope) {
  const q = db.selectFrom('products');
  return scope.kind === 'own' ? q.where('org_id', '=', scope.orgId) : q;
}

export async function findProduct(
  db: Kysely<Database>,
  scope: Scope,
  id: string,
  forUpdate = false,
): Promise<Product | undefined> {
  let q = scoped(db, scope).selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listProducts(
  db: Kysely<Database>,
  scope: Scope,
  filter: { q?: string | undefined; hsCode?: string | undefined },
  page: { limit: number; offset: number },
) {
  let q = scoped(db, scope);
  if (filter.hsCode) q = q.where('hs_code', 'like', `${filter.hsCode}%`);
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('item_no', 'ilike', like),
        eb('name_zh', 'ilike', like),
        eb('name_en', 'ilike', like),
        eb('hs_code', 'like', `${escapeLike(filter.q ?? '')}%`),
      ]),
    );
  }
  return fetchPage(q, (b) => b.selectAll().orderBy('created_at', 'desc').orderBy('id'), page);
}

/** Whether the organisation already has a product with this item number (one per item number). */
export async function itemNoTaken(db: Kysely<Database>, orgId: string, itemNo: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('products')
      .select('id')
      .where('org_id', '=', orgId)
      .where('item_no', '=', itemNo)
      .executeTakeFirst()) !== undefined
  );
}

export async function insertProduct(db: Kysely<Database>, row: NewProduct): Promise<Product> {
  return db.insertInto('products').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateProduct(
  db: Kysely<Database>,
  id: string,
  patch: ProductUpdate,
): Promise<Product> {
  return db.updateTable('products').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteProduct(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('products').where('id', '=', id).execute();
}
