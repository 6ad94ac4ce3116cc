import type { Database, Kysely } from '@crossgate/db';
import { sql } from '@crossgate/db';
import { fetchPage, type PageWindow } from './paging.ts';

/** The SQL of the risk engine's rule sets and decisions (migration 0020, decision 0042). */

export async function findRuleSet(db: Kysely<Database>, id: string) {
  return db.selectFrom('risk_rule_sets').selectAll().where('id', '=', id).executeTakeFirst();
}
export type RuleSetRow = NonNullable<Awaited<ReturnType<typeof findRuleSet>>>;

/** The published version, if any (at most one: a partial unique index). */
export async function publishedRuleSet(db: Kysely<Database>) {
  return db.selectFrom('risk_rule_sets').selectAll().where('status', '=', 'published').executeTakeFirst();
}

export async function listRuleSets(
  db: Kysely<Database>,
  filter: { status?: 'draft' | 'published' | 'retired' | undefined },
  page: PageWindow,
) {
  let q = db.selectFrom('risk_rule_sets');
  if (filter.status) q = q.where('status', '=', filter.status);
  return fetchPage(
    q,
    (b) =>
      b
        .select([
          'id',
          'version',
          'name',
          'status',
          'author_user_id',
          'author_org_id',
          'effective_from',
          'created_at',
          'published_at',
          'published_by',
          'retired_at',
          'retired_by',
        ])
        .orderBy('version', 'desc'),
    page,
  );
}

/**
 * Inserts a new version numbered one above the highest so far. The caller holds the rule-set lock
 * (lockRuleSets) so two drafts saved at once do not take the same number.
 */
export async function insertRuleSet(
  db: Kysely<Database>,
  row: {
    id: string;
    name: string;
    status: 'draft' | 'published';
    author_user_id: string | null;
    author_org_id: string | null;
    effective_from: Date | null;
    body: unknown;
    created_at: Date;
    published_at?: Date | null;
    published_by?: string | null;
  },
): Promise<number> {
  const top = await db
    .selectFrom('risk_rule_sets')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  const version = Number(top?.v ?? 0) + 1;
  await db
    .insertInto('risk_rule_sets')
    .values({ ...row, version, body: JSON.stringify(row.body) })
    .execute();
  return version;
}

/** Serialises rule-set writes (version numbers, the one published version) across processes. */
export async function lockRuleSets(db: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('crossgate.risk_rule_sets'))`.execute(db);
}

export async function setRuleSetStatus(
  db: Kysely<Database>,
  id: string,
  patch:
    | { status: 'published'; published_at: Date; published_by: string | null }
    | { status: 'retired'; retired_at: Date; retired_by: string | null },
): Promise<void> {
  await db.updateTable('risk_rule_sets').set(patch).where('id', '=', id).execute();
}

export async function insertRiskDecisions(
  db: Kysely<Database>,
  rows: {
    direction: 'import' | 'export';
    document_id: string;
    org_id: string;
    rule_set_id: string;
    rule_set_version: number;
    lane: 'green' | 'document_review' | 'inspection' | 'hold' | 'manual_review';
    explanation: unknown;
    shadow: boolean;
    decided_at: Date;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('risk_decisions')
    .values(rows.map((r) => ({ ...r, explanation: JSON.stringify(r.explanation) })))
    .onConflict((oc) => oc.columns(['direction', 'document_id', 'rule_set_id']).doNothing())
    .execute();
}
