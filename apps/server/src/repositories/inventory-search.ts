// 清单综合查询: import and export inventories in one list (issue 17). One UNION ALL of the two directions, each
// narrowed by the caller's party codes when it sees only its own, ordered by the last change.
import { endOfBeijingDay, startOfBeijingDay } from '@crossgate/domain';
import { sql, type Database, type Kysely } from '@crossgate/db';
import { importInventoryOfParty, exportInventoryOfParty, type Party } from './party-scope.ts';

export interface InventorySearchFilter {
  direction: 'all' | 'import' | 'export';
  no?: string | undefined;
  party?: string | undefined;
  /** the keyed hash of the buyer's ID (import only) */
  buyerKey?: string | undefined;
  status?: string | undefined;
  lane?: 'green' | 'inspection' | undefined;
  customsCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface InventorySearchRow {
  id: string;
  direction: 'import' | 'export';
  cop_no: string;
  pre_no: string;
  invt_no: string | null;
  order_no: string | null;
  logistics_no: string | null;
  ebp_code: string | null;
  ebc_code: string | null;
  logistics_code: string | null;
  agent_code: string | null;
  customs_code: string;
  trade_mode: string;
  status: string;
  lane: string | null;
  buyer_name: string | null;
  created_at: Date;
  updated_at: Date;
}

function importBranch(db: Kysely<Database>, party: Party, f: InventorySearchFilter) {
  let q = db
    .selectFrom('import_documents as d')
    .innerJoin('inventory_clearance as c', 'c.document_id', 'd.id')
    .where('d.doc_type', '=', 'inventory')
    .where('d.deleted', '=', false);
  if (party) q = q.where(importInventoryOfParty(party));
  if (f.no) {
    const no = f.no;
    q = q.where((eb) =>
      eb.or([
        eb('c.invt_no', '=', no),
        eb('c.pre_no', '=', no),
        eb(sql<string>`d.body->>'copNo'`, '=', no),
        eb('d.order_no', '=', no),
        eb('d.logistics_no', '=', no),
      ]),
    );
  }
  if (f.party) {
    const p = f.party;
    q = q.where((eb) =>
      eb.or([
        eb('d.ebp_code', '=', p),
        eb('d.ebc_code', '=', p),
        eb('d.logistics_code', '=', p),
        eb(sql<string>`d.body->>'agentCode'`, '=', p),
      ]),
    );
  }
  if (f.buyerKey) q = q.where('c.buyer_key', '=', f.buyerKey);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.lane) q = q.where(sql<string>`c.channel->>'lane'`, '=', f.lane);
  if (f.customsCode) q = q.where('c.customs_code', '=', f.customsCode);
  if (f.from) q = q.where('c.decl_date', '>=', f.from);
  if (f.to) q = q.where('c.decl_date', '<=', f.to);
  return q.select([
    'd.id as id',
    sql<'import' | 'export'>`'import'`.as('direction'),
    sql<string>`coalesce(d.body->>'copNo', d.business_key)`.as('cop_no'),
    'c.pre_no as pre_no',
    'c.invt_no as invt_no',
    'd.order_no as order_no',
    'd.logistics_no as logistics_no',
    'd.ebp_code as ebp_code',
    'd.ebc_code as ebc_code',
    'd.logistics_code as logistics_code',
    sql<string | null>`d.body->>'agentCode'`.as('agent_code'),
    'c.customs_code as customs_code',
    'c.trade_mode as trade_mode',
    'd.status as status',
    sql<string | null>`c.channel->>'lane'`.as('lane'),
    sql<string | null>`d.body->>'buyerName'`.as('buyer_name'),
    'd.created_at as created_at',
    'd.updated_at as updated_at',
  ]);
}

function exportBranch(db: Kysely<Database>, party: Party, f: InventorySearchFilter) {
  let q = db
    .selectFrom('export_documents as d')
    .innerJoin('export_inventories as i', 'i.document_id', 'd.id')
    .where('d.doc_type', '=', 'inventory')
    .where('d.deleted', '=', false);
  if (party) q = q.where(exportInventoryOfParty(party));
  if (f.no) {
    const no = f.no;
    q = q.where((eb) =>
      eb.or([
        eb('i.invt_no', '=', no),
        eb('i.pre_no', '=', no),
        eb(sql<string>`d.body->>'copNo'`, '=', no),
        eb('d.order_no', '=', no),
        eb('i.logistics_no', '=', no),
      ]),
    );
  }
  if (f.party) {
    const p = f.party;
    q = q.where((eb) =>
      eb.or([
        eb('d.ebp_code', '=', p),
        eb('i.ebc_code', '=', p),
        eb('i.logistics_code', '=', p),
        eb('i.agent_code', '=', p),
      ]),
    );
  }
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.customsCode) q = q.where('i.customs_code', '=', f.customsCode);
  if (f.from) q = q.where('d.created_at', '>=', startOfBeijingDay(f.from));
  if (f.to) q = q.where('d.created_at', '<', endOfBeijingDay(f.to));
  return q.select([
    'd.id as id',
    sql<'import' | 'export'>`'export'`.as('direction'),
    sql<string>`coalesce(d.body->>'copNo', d.business_key)`.as('cop_no'),
    'i.pre_no as pre_no',
    'i.invt_no as invt_no',
    'd.order_no as order_no',
    'i.logistics_no as logistics_no',
    'd.ebp_code as ebp_code',
    'i.ebc_code as ebc_code',
    'i.logistics_code as logistics_code',
    'i.agent_code as agent_code',
    'i.customs_code as customs_code',
    'i.trade_mode as trade_mode',
    'd.status as status',
    sql<string | null>`NULL::text`.as('lane'),
    sql<string | null>`NULL::text`.as('buyer_name'),
    'd.created_at as created_at',
    'd.updated_at as updated_at',
  ]);
}

/**
 * The inventories matching the filter, newest change first, in the window asked, with the count of all. Export
 * inventories have no buyer and no lane: a filter on either leaves them out.
 */
export async function searchInventories(
  db: Kysely<Database>,
  party: Party,
  filter: InventorySearchFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: InventorySearchRow[]; total: number }> {
  const withImport = filter.direction !== 'export';
  const withExport = filter.direction !== 'import' && !filter.buyerKey && !filter.lane;
  if (!withImport && !withExport) return { rows: [], total: 0 };
  const imports = importBranch(db, party, filter);
  const exports = exportBranch(db, party, filter);
  // Both branches select the same columns in the same order; typed as the import branch.
  const union: typeof imports =
    withImport && withExport
      ? imports.unionAll(exports as unknown as typeof imports)
      : withImport
        ? imports
        : (exports as unknown as typeof imports);
  const base = db.selectFrom(union.as('u'));
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('u.updated_at', 'desc')
      .orderBy('u.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as InventorySearchRow[], total: Number(count.n) };
}
