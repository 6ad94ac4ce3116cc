import {
  sql,
  type Database,
  type Kysely,
  type NewExportDeclaration,
  type NewExportDeclarationItem,
  type NewExportSummary,
} from '@crossgate/db';

/** Monthly summary declarations (汇总申报), their items, certificates, the calendar (migration 0008). */

/**
 * Closed (899) B-type export inventories not yet summarised, closed in [start, end) (timestamps), optionally
 * only some enterprises', the listed inventory numbers, or those a party may summarise; locked, so two summaries
 * never take the same one.
 */
export async function closedForSummary(
  db: Kysely<Database>,
  filter: {
    from?: Date;
    to?: Date;
    ebcCode?: string;
    agentCode?: string;
    invtNos?: string[];
    /** Only inventories this organisation declared, or whose ebcCode or agentCode is one of its codes. */
    party?: { orgId: string; codes: readonly string[] };
  },
) {
  let q = db
    .selectFrom('export_inventories as i')
    .innerJoin('export_documents as d', 'd.id', 'i.document_id')
    .select([
      'i.document_id',
      'i.org_id',
      'i.invt_no',
      'i.customs_code',
      'i.trade_mode',
      'i.ebc_code',
      'i.agent_code',
      'i.logistics_no',
      'i.closed_at',
      'i.returned_qty',
      'd.body',
    ])
    .where('i.statistics_flag', '=', 'B')
    .where('d.status', '=', '899')
    .where('i.summarised_at', 'is', null);
  if (filter.from) q = q.where('i.closed_at', '>=', filter.from);
  if (filter.to) q = q.where('i.closed_at', '<', filter.to);
  if (filter.ebcCode) q = q.where('i.ebc_code', '=', filter.ebcCode);
  if (filter.agentCode) q = q.where('i.agent_code', '=', filter.agentCode);
  if (filter.invtNos) q = q.where('i.invt_no', 'in', filter.invtNos.length ? filter.invtNos : ['']);
  const party = filter.party;
  if (party) {
    const codes = party.codes.filter((c) => c !== '');
    q = q.where((eb) =>
      eb.or([
        eb('i.org_id', '=', party.orgId),
        ...(codes.length ? [eb('i.ebc_code', 'in', codes), eb('i.agent_code', 'in', codes)] : []),
      ]),
    );
  }
  return q.orderBy('i.invt_no').forUpdate().execute();
}

export type ClosedInventoryRow = Awaited<ReturnType<typeof closedForSummary>>[number];

export async function insertSummary(
  db: Kysely<Database>,
  summary: NewExportSummary,
  declarations: NewExportDeclaration[],
  items: NewExportDeclarationItem[],
  documentIds: string[],
  now: Date,
): Promise<void> {
  await db.insertInto('export_summaries').values(summary).execute();
  if (declarations.length > 0) await db.insertInto('export_declarations').values(declarations).execute();
  for (let i = 0; i < items.length; i += 1000)
    await db
      .insertInto('export_declaration_items')
      .values(items.slice(i, i + 1000))
      .execute();
  if (documentIds.length > 0)
    await db
      .updateTable('export_inventories')
      .set({ summarised_at: now, updated_at: now })
      .where('document_id', 'in', documentIds)
      .execute();
}

/** A summary's number (sumNo); throws when there is no such summary. */
export async function sumNoOf(db: Kysely<Database>, summaryId: string): Promise<string> {
  const row = await db
    .selectFrom('export_summaries')
    .select('sum_no')
    .where('id', '=', summaryId)
    .executeTakeFirstOrThrow();
  return row.sum_no;
}

export async function declarationsOfSummary(db: Kysely<Database>, summaryId: string) {
  return db
    .selectFrom('export_declarations')
    .selectAll()
    .where('summary_id', '=', summaryId)
    .orderBy('seq')
    .execute();
}

export async function itemsOfDeclaration(db: Kysely<Database>, declarationId: string) {
  return db
    .selectFrom('export_declaration_items')
    .selectAll()
    .where('declaration_id', '=', declarationId)
    .orderBy('gseqno')
    .orderBy('invt_no')
    .orderBy('gnum')
    .execute();
}

export async function findDeclaration(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('export_declarations as x')
    .innerJoin('export_summaries as s', 's.id', 'x.summary_id')
    .selectAll('x')
    .select([
      's.sum_no',
      's.month',
      's.agent_code',
      's.decl_agent_code',
      's.decl_agent_name',
      's.deadline',
      's.org_id as applicant_org_id',
    ])
    .where('x.id', '=', id)
    .executeTakeFirst();
}

export type DeclarationView = NonNullable<Awaited<ReturnType<typeof findDeclaration>>>;

export async function findDeclarationByCertificate(db: Kysely<Database>, certificateNo: string) {
  const r = await db
    .selectFrom('export_declarations')
    .select('id')
    .where('certificate_no', '=', certificateNo)
    .executeTakeFirst();
  return r ? findDeclaration(db, r.id) : undefined;
}

/** Declarations visible to an enterprise (as consignor or agent), or all of them, newest first. */
export async function listDeclarations(
  db: Kysely<Database>,
  filter: { codes?: string[]; month?: string; limit: number; offset: number },
) {
  let q = db
    .selectFrom('export_declarations as x')
    .innerJoin('export_summaries as s', 's.id', 'x.summary_id');
  if (filter.codes)
    q = q.where((eb) =>
      eb.or([eb('x.ebc_code', 'in', filter.codes ?? []), eb('s.agent_code', 'in', filter.codes ?? [])]),
    );
  if (filter.month) q = q.where('s.month', '=', filter.month);
  const [rows, total] = await Promise.all([
    q
      .selectAll('x')
      .select(['s.sum_no', 's.month', 's.agent_code', 's.decl_agent_name'])
      .orderBy('x.created_at', 'desc')
      .orderBy('x.seq')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Statutory holidays and adjusted working days between two dates (inclusive). */
export async function calendarBetween(db: Kysely<Database>, from: string, to: string) {
  return db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();
}
