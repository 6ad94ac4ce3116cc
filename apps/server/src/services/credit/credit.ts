import type { TCreditRecord, TPage } from '@crossgate/contract';
import type { Database, Kysely } from '@crossgate/db';
import {
  beijingDate,
  CREDIT_EVENT_CATEGORIES,
  CUSTOMS_CREDIT_LEVELS,
  checkCreditEventInput,
  checkSamplingTable,
  compositeScore,
  creditEventFor,
  scopeFor,
  type CreditLevel,
  type CustomsCreditLevel,
} from '@crossgate/domain';
import { forbidden, notFound, ruleViolation } from '../../errors.ts';
import { appendAudit } from '../../repositories/audit.ts';
import {
  customsLevelOn,
  eventsOfSubject,
  insertCreditEvent,
  insertCustomsLevel,
  insertScore,
  listCredit as listRows,
  ratingsOf,
  scoresOf,
  setSamplingRates,
  upsertRatings,
} from '../../repositories/credit.ts';
import { listedAmong } from '../../repositories/negative-list.ts';
import { findOrganisation, findOrganisationByAnyCode } from '../../repositories/organisations.ts';
import { newId } from '../auth.ts';
import type { Deps, RequestContext } from '../context.ts';
import { pageWindow } from '../mappers.ts';

/**
 * The e-commerce credit system (seed §二(二)4): events the platform records from what it sees and events
 * regulators record, the customs credit level, third-party ratings, and the composite score (domain
 * `compositeScore`, formula in docs/credit-formula.md) kept as a history that explains itself.
 */

/** Today in China Standard Time, as YYYY-MM-DD. */
export const todayOf = (now: Date) => beijingDate(now);

async function orgByCode(db: Kysely<Database>, code: string) {
  return findOrganisationByAnyCode(db, code);
}

/** Computes the enterprise's composite score as of today and stores it in its history. */
export async function refreshScore(db: Kysely<Database>, ctx: RequestContext, orgId: string) {
  const org = await findOrganisation(db, orgId);
  if (!org) throw notFound('orgId', orgId);
  const asOf = todayOf(ctx.now);
  const [level, ratings, events, listed] = await Promise.all([
    customsLevelOn(db, orgId, asOf),
    ratingsOf(db, orgId),
    eventsOfSubject(db, org.code),
    listedAmong(
      db,
      [org.code, org.uscc].filter((c): c is string => Boolean(c)),
    ),
  ]);
  const score = compositeScore({
    asOf,
    customsLevel: (level?.level as CustomsCreditLevel | undefined) ?? null,
    ratings: ratings.map((r) => ({
      agency: r.agency,
      rating: r.rating,
      score: r.score,
      ratedOn: r.rated_on,
      validTo: r.valid_to,
    })),
    events: events.map((e) => ({
      id: e.id,
      category: e.category,
      source: e.source,
      weight: e.weight,
      occurredOn: e.occurred_on,
      expiresOn: e.expires_on,
      description: e.description,
    })),
    negativeListed: listed.size > 0,
  });
  const row = {
    id: newId(),
    org_id: orgId,
    score: score.score,
    level: score.level,
    formula_version: score.formulaVersion,
    as_of: asOf,
    components: JSON.stringify(score.components),
    computed_at: ctx.now,
  };
  await insertScore(db, row);
  return { ...score, asOf, computedAt: ctx.now.toISOString() };
}

/**
 * A credit event the platform saw (a refusal by rule, a detention, a return …), for the enterprise with this
 * code. Recorded once per reference; the enterprise's score is recomputed. Unknown enterprises are skipped.
 */
export async function recordPlatformEvent(
  db: Kysely<Database>,
  ctx: RequestContext,
  e: { orgCode: string; category: string; reference: string; description: string },
): Promise<void> {
  const org = await orgByCode(db, e.orgCode);
  if (!org || org.kind !== 'enterprise') return;
  const occurredOn = todayOf(ctx.now);
  const { weight, expiresOn } = creditEventFor(e.category, occurredOn);
  const inserted = await insertCreditEvent(db, {
    id: newId(),
    subject_type: 'enterprise',
    subject_key: org.code,
    org_id: org.id,
    source: 'platform',
    category: e.category,
    weight,
    occurred_on: occurredOn,
    expires_on: expiresOn,
    description: e.description.slice(0, 1000),
    reference: e.reference,
    authority: null,
    recorded_by: null,
    created_at: ctx.now,
  });
  if (inserted) await refreshScore(db, ctx, org.id);
}

function requireCredit(ctx: RequestContext, action: 'read' | 'create' | 'update') {
  const s = scopeFor(ctx.actor, 'credit', action);
  if (s.kind === 'none')
    throw forbidden(
      action === 'read'
        ? 'credit records are read by the enterprise itself, the regulators and the zone office'
        : action === 'create'
          ? 'credit events are recorded by regulators'
          : 'customs credit levels are set by customs; ratings and the sampling table by the zone office',
    );
  return s;
}

/** A regulator records an event (administrative penalty, commendation …) against an enterprise. */
export async function recordRegulatorEvent(
  deps: Deps,
  ctx: RequestContext,
  input: {
    orgCode: string;
    category: string;
    weight?: string | undefined;
    occurredOn: string;
    description: string;
    reference?: string | undefined;
  },
) {
  requireCredit(ctx, 'create');
  const errors = checkCreditEventInput(input);
  if (errors.length > 0) throw ruleViolation(errors);
  // Regulators record their own findings (penalties, commendations) and what reaches them from outside the
  // platform's view (complaints, sampling failures, late tax); the category says which.
  if (!CREDIT_EVENT_CATEGORIES[input.category])
    throw ruleViolation([
      {
        code: 'CATEGORY_UNKNOWN',
        field: 'category',
        rule: '未知的信用事件类别 (unknown credit event category)',
        expected: Object.keys(CREDIT_EVENT_CATEGORIES).join(' | '),
        actual: input.category,
      },
    ]);
  return deps.db.transaction().execute(async (trx) => {
    const org = await orgByCode(trx, input.orgCode);
    if (!org || org.kind !== 'enterprise') throw notFound('orgCode', input.orgCode);
    const authority = await findOrganisation(trx, ctx.actor.orgId);
    const { weight, expiresOn } = creditEventFor(input.category, input.occurredOn, {
      ...(input.weight ? { weight: input.weight } : {}),
    });
    const id = newId();
    await insertCreditEvent(trx, {
      id,
      subject_type: 'enterprise',
      subject_key: org.code,
      org_id: org.id,
      source: 'regulator',
      category: input.category,
      weight,
      occurred_on: input.occurredOn,
      expires_on: expiresOn,
      description: input.description,
      reference: input.reference ?? null,
      authority: authority?.name_zh ?? null,
      recorded_by: ctx.actor.userId,
      created_at: ctx.now,
    });
    await appendAudit(trx, ctx, {
      action: 'credit.event',
      targetType: 'organisation',
      targetId: org.id,
      targetOrgId: org.id,
      after: {
        id,
        category: input.category,
        weight,
        occurredOn: input.occurredOn,
        reference: input.reference,
      },
    });
    return refreshScore(trx, ctx, org.id);
  });
}

/** Customs sets an enterprise's customs credit level (高级认证 / 一般信用 / 失信) from a date on. */
export async function setCustomsLevel(
  deps: Deps,
  ctx: RequestContext,
  orgId: string,
  input: { level: CustomsCreditLevel; validFrom: string; source: string },
) {
  const s = requireCredit(ctx, 'update');
  if (s.kind !== 'all' || ctx.actor.agencyType !== 'customs')
    throw forbidden('customs credit levels are set by customs');
  if (!CUSTOMS_CREDIT_LEVELS[input.level].current)
    throw ruleViolation([
      {
        code: 'LEVEL_HISTORICAL',
        field: 'level',
        rule: '一般认证企业为历史等级，现行《海关注册登记和备案企业信用管理办法》不再认定 (general_certified is kept for history only)',
        actual: input.level,
      },
    ]);
  return deps.db.transaction().execute(async (trx) => {
    const org = await findOrganisation(trx, orgId);
    if (!org || org.kind !== 'enterprise') throw notFound('orgId', orgId);
    await insertCustomsLevel(trx, {
      id: newId(),
      org_id: orgId,
      level: input.level,
      valid_from: input.validFrom,
      source: input.source,
      created_at: ctx.now,
    });
    await appendAudit(trx, ctx, {
      action: 'credit.customs_level',
      targetType: 'organisation',
      targetId: orgId,
      targetOrgId: orgId,
      after: input,
    });
    return refreshScore(trx, ctx, orgId);
  });
}

/** The zone office imports a rating agency's ratings (third-party credit ratings). */
export async function importRatings(
  deps: Deps,
  ctx: RequestContext,
  input: {
    agency: string;
    ratings: {
      orgCode: string;
      rating: string;
      score: string;
      ratedOn: string;
      validTo?: string | undefined;
    }[];
  },
): Promise<{ imported: number; unknown: string[] }> {
  const s = requireCredit(ctx, 'update');
  if (s.kind !== 'all' || ctx.actor.orgKind !== 'zone_office')
    throw forbidden('third-party ratings are imported by the zone office');
  const bad = input.ratings.flatMap((r, i) => {
    const n = Number(r.score);
    return n >= 0 && n <= 100
      ? []
      : [
          {
            code: 'SCORE_RANGE',
            field: `ratings[${i}].score`,
            rule: '评分应在0–100之间 (score 0–100)',
            actual: r.score,
          },
        ];
  });
  if (bad.length > 0) throw ruleViolation(bad);
  return deps.db.transaction().execute(async (trx) => {
    const unknown: string[] = [];
    const rows = [];
    for (const r of input.ratings) {
      const org = await orgByCode(trx, r.orgCode);
      if (!org) {
        unknown.push(r.orgCode);
        continue;
      }
      rows.push({
        id: newId(),
        org_id: org.id,
        agency: input.agency,
        rating: r.rating,
        score: r.score,
        rated_on: r.ratedOn,
        valid_to: r.validTo ?? null,
        imported_at: ctx.now,
      });
    }
    await upsertRatings(trx, rows);
    await appendAudit(trx, ctx, {
      action: 'credit.ratings_import',
      targetType: 'rating_agency',
      targetId: input.agency,
      targetOrgId: null,
      after: { imported: rows.length, unknown },
    });
    for (const orgId of new Set(rows.map((r) => r.org_id))) await refreshScore(trx, ctx, orgId);
    return { imported: rows.length, unknown };
  });
}

const EVENT_LABEL = (category: string) => CREDIT_EVENT_CATEGORIES[category]?.zh ?? category;
const categoryOf = (category: string) =>
  Object.hasOwn(CREDIT_EVENT_CATEGORIES, category) ? CREDIT_EVENT_CATEGORIES[category] : undefined;
/** A platform event's reference is `<document id>:<what>`, for the system; people get the document's number. */
const MACHINE_REFERENCE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(:|$)/i;
function documentNoOf(e: { description: string; reference: string | null }): string | null {
  const named = /\[([^\]]{1,60})\]/.exec(e.description)?.[1];
  if (named) return named;
  return e.reference && !MACHINE_REFERENCE.test(e.reference) ? e.reference : null;
}

/** The full credit record of an enterprise: score with its explanation, history, level, ratings, every event. */
export async function creditRecord(deps: Deps, ctx: RequestContext, orgId: string): Promise<TCreditRecord> {
  const s = requireCredit(ctx, 'read');
  if (s.kind === 'own' && s.orgId !== orgId) throw notFound('orgId', orgId);
  const org = await findOrganisation(deps.db, orgId);
  if (!org || org.kind !== 'enterprise') throw notFound('orgId', orgId);
  const asOf = todayOf(ctx.now);
  const [level, ratings, events, listed] = await Promise.all([
    customsLevelOn(deps.db, orgId, asOf),
    ratingsOf(deps.db, orgId),
    eventsOfSubject(deps.db, org.code),
    listedAmong(
      deps.db,
      [org.code, org.uscc].filter((c): c is string => Boolean(c)),
    ),
  ]);
  // A score older than today is recomputed (events expire, ratings lapse), so the record is always current.
  let history = await scoresOf(deps.db, orgId);
  if (!history[0] || history[0].as_of !== asOf) {
    await deps.db.transaction().execute((trx) => refreshScore(trx, ctx, orgId));
    history = await scoresOf(deps.db, orgId);
  }
  const latest = history[0] as (typeof history)[number];
  return {
    orgId,
    code: org.code,
    uscc: org.uscc,
    nameZh: org.name_zh,
    filingStatus: org.filing_status,
    customsLevel: level
      ? {
          level: level.level,
          label: CUSTOMS_CREDIT_LEVELS[level.level as CustomsCreditLevel].zh,
          validFrom: level.valid_from,
        }
      : null,
    ratings: ratings.map((r) => ({
      agency: r.agency,
      rating: r.rating,
      score: r.score,
      ratedOn: r.rated_on,
    })),
    score: {
      score: latest.score,
      level: latest.level,
      asOf: latest.as_of,
      formulaVersion: latest.formula_version,
      components: latest.components as TCreditRecord['score']['components'],
      computedAt: latest.computed_at.toISOString(),
    },
    history: history.map((h) => ({
      asOf: h.as_of,
      score: h.score,
      level: h.level,
      computedAt: h.computed_at.toISOString(),
    })),
    events: events.map((e) => ({
      id: e.id,
      category: e.category,
      categoryZh: EVENT_LABEL(e.category),
      categoryEn: categoryOf(e.category)?.en ?? e.category,
      source: e.source,
      decidedBy: e.source === 'regulator' ? 'regulator' : (categoryOf(e.category)?.decidedBy ?? 'platform'),
      documentNo: documentNoOf(e),
      weight: e.weight,
      occurredOn: e.occurred_on,
      expiresOn: e.expires_on,
      inForce: e.occurred_on <= asOf && asOf < e.expires_on,
      description: e.description,
      reference: e.reference,
      authority: e.authority,
      createdAt: e.created_at.toISOString(),
    })),
    negativeListed: listed.size > 0,
  };
}

export async function listCredit(
  deps: Deps,
  ctx: RequestContext,
  query: { level?: string | undefined; q?: string | undefined; page: number; pageSize: number },
): Promise<
  TPage<{
    orgId: string;
    code: string;
    uscc: string | null;
    nameZh: string;
    filingStatus: string;
    level: string | null;
    score: string | null;
    asOf: string | null;
  }>
> {
  const s = requireCredit(ctx, 'read');
  if (s.kind !== 'all') throw forbidden('the credit list is for regulators and the zone office');
  const { rows, total } = await listRows(deps.db, { level: query.level, q: query.q }, pageWindow(query));
  return {
    items: rows.map((r) => ({
      orgId: r.id,
      code: r.code,
      uscc: r.uscc,
      nameZh: r.name_zh,
      filingStatus: r.filing_status,
      level: r.level ?? null,
      score: r.score ?? null,
      asOf: r.as_of ?? null,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The zone office sets the random inspection rate per credit level (credit-based facilitation). */
export async function setSamplingTable(
  deps: Deps,
  ctx: RequestContext,
  table: Record<CreditLevel, string>,
): Promise<Record<CreditLevel, string>> {
  const s = requireCredit(ctx, 'update');
  if (s.kind !== 'all' || ctx.actor.orgKind !== 'zone_office')
    throw forbidden('the sampling table is set by the zone office');
  const errors = checkSamplingTable(table);
  if (errors.length > 0) throw ruleViolation(errors);
  await deps.db.transaction().execute(async (trx) => {
    await setSamplingRates(trx, table, ctx.now);
    await appendAudit(trx, ctx, {
      action: 'credit.sampling_table',
      targetType: 'zone',
      targetId: 'credit_sampling_rates',
      targetOrgId: null,
      after: table,
    });
  });
  return table;
}
