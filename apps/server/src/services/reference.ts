import type { TPage, TPageQuery, TTariffRate } from '@crossgate/contract';
import {
  cbecComprehensiveRate,
  consumptionTaxItemOn,
  checkTariffRatePeriod,
  scopeFor,
  type TariffRatePeriod,
} from '@crossgate/domain';
import type { TariffRate } from '@crossgate/db';
import { AppError, forbidden, notFound, ruleViolation } from '../errors.ts';
import { appendAudit } from '../repositories/audit.ts';
import { findHs, searchCodeTable, searchHs, type CodeTableName } from '../repositories/reference.ts';
import {
  findRate,
  findTariffLine,
  insertRate,
  insertTariffLine,
  listTariffLines as listLineRows,
  rateOn,
  ratesOfLine,
  ratesOfLines,
  updateRate,
} from '../repositories/tariff.ts';
import { newId } from './auth.ts';
import { consumptionTaxItems } from './import/consumption-tax-items.ts';
import type { Deps, RequestContext } from './context.ts';
import { pageWindow, toTariffRate } from './mappers.ts';

type Page = TPageQuery;

export async function searchHsCodes(
  deps: Deps,
  query: Page & { q?: string | undefined; level?: number | undefined; parent?: string | undefined },
) {
  const { rows, total } = await searchHs(deps.db, query, pageWindow(query));
  return {
    items: rows.map((r) => ({
      code: r.code,
      level: r.level,
      parent: r.parent,
      section: r.section,
      descriptionEn: r.description_en,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getHsCode(deps: Deps, code: string) {
  const r = await findHs(deps.db, code);
  if (!r) throw notFound('code', code);
  return {
    code: r.code,
    level: r.level,
    parent: r.parent,
    section: r.section,
    descriptionEn: r.description_en,
  };
}

const TABLES: Record<string, CodeTableName> = {
  countries: 'countries',
  currencies: 'currencies',
  units: 'units',
  'customs-offices': 'customs_offices',
};

export async function searchCodes(deps: Deps, table: string, query: Page & { q?: string | undefined }) {
  const name = TABLES[table];
  if (!name) throw notFound('table', table);
  const { rows, total } = await searchCodeTable(deps.db, name, query.q, pageWindow(query));
  return {
    items: rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function listTariffLines(
  deps: Deps,
  query: Page & { q?: string | undefined; date?: string | undefined },
) {
  const { rows, total } = await listLineRows(deps.db, query.q, pageWindow(query));
  const rates = await ratesOfLines(
    deps.db,
    rows.map((r) => r.hs_code),
    query.date,
  );
  const byLine = new Map<string, TariffRate[]>();
  for (const r of rates) byLine.set(r.hs_code, [...(byLine.get(r.hs_code) ?? []), r]);
  return {
    items: rows.map((l) => ({
      hsCode: l.hs_code,
      nameZh: l.name_zh,
      nameEn: l.name_en,
      legalUnit: l.legal_unit,
      verified: l.verified,
      verification: l.verification,
      rates: (byLine.get(l.hs_code) ?? []).map(toTariffRate),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The rates of a 10-digit line in force on a date: what the tax computation of a declaration uses. */
export async function lookupTariffRate(deps: Deps, hsCode: string, date: string) {
  const r = await rateOn(deps.db, hsCode, date);
  if (!r) {
    const line = await findTariffLine(deps.db, hsCode);
    throw new AppError('NOT_FOUND', [
      line
        ? { field: 'date', rule: 'a rate of this tariff line is in force on the date', actual: date }
        : { field: 'hsCode', rule: 'the tariff line exists', actual: hsCode },
    ]);
  }
  const rate = toTariffRate(r);
  // Cosmetics, watches, jewellery, wine: the item of the consumption-tax table decides (decision 0027).
  const covered = consumptionTaxItemOn(consumptionTaxItems(), hsCode, date);
  const consumptionTaxItem = covered
    ? {
        id: covered.item.id,
        nameZh: covered.item.nameZh,
        rate: covered.period.rate,
        levied: covered.period.levied,
        thresholds: covered.period.thresholds.map((t) => ({ perUnit: t.perUnit, measure: t.measure })),
        source: covered.period.source,
      }
    : null;
  return {
    hsCode,
    nameZh: r.line_name_zh,
    date,
    rate,
    cbecComprehensiveRate: cbecComprehensiveRate(rate),
    consumptionTaxItem,
  };
}

const toPeriod = (r: TariffRate): TariffRatePeriod => ({
  hsCode: r.hs_code,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  vatRate: r.vat_rate,
  consumptionTaxRate: r.consumption_tax_rate,
  dutyRate: r.duty_rate,
});

function requireRateAdmin(ctx: RequestContext) {
  if (scopeFor(ctx.actor, 'tariff_rate', 'create').kind === 'none')
    throw forbidden('tariff rates are maintained by platform or customs administrators');
}

export interface NewRateInput {
  hsCode: string;
  nameZh?: string | undefined;
  nameEn?: string | undefined;
  validFrom: string;
  validTo: string | null;
  vatRate: string;
  consumptionTaxRate: string;
  dutyRate: string | null;
  source: string;
}

/**
 * Adds a rate period to a tariff line (creating the line when new). The line row is locked, so two editors
 * cannot both add overlapping periods.
 */
export async function addTariffRate(
  deps: Deps,
  ctx: RequestContext,
  input: NewRateInput,
): Promise<TTariffRate> {
  requireRateAdmin(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const line = await findTariffLine(trx, input.hsCode, true);
    if (!line) {
      if (!input.nameZh)
        throw new AppError('VALIDATION_FAILED', [
          { field: 'nameZh', rule: 'a new tariff line needs its Chinese name', expected: '商品名称' },
        ]);
      if (!(await findHs(trx, input.hsCode.slice(0, 6)))) {
        throw ruleViolation([
          {
            code: 'HS_CODE_UNKNOWN',
            field: 'hsCode',
            rule: 'the first six digits are an HS 2022 subheading',
            actual: input.hsCode,
          },
        ]);
      }
      await insertTariffLine(trx, {
        hsCode: input.hsCode,
        nameZh: input.nameZh,
        nameEn: input.nameEn ?? null,
        legalUnit: null,
        now: ctx.now,
      });
      await appendAudit(trx, ctx, {
        action: 'tariff_line.create',
        targetType: 'tariff_line',
        targetId: input.hsCode,
        targetOrgId: null,
        after: { hsCode: input.hsCode, nameZh: input.nameZh },
      });
    }
    const candidate: TariffRatePeriod = { ...input };
    const errors = checkTariffRatePeriod(candidate, (await ratesOfLine(trx, input.hsCode)).map(toPeriod));
    if (errors.length > 0) throw ruleViolation(errors);
    const row = await insertRate(trx, {
      id: newId(),
      hs_code: input.hsCode,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      vat_rate: input.vatRate,
      consumption_tax_rate: input.consumptionTaxRate,
      duty_rate: input.dutyRate,
      source: input.source,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    const after = toTariffRate(row);
    await appendAudit(trx, ctx, {
      action: 'tariff_rate.create',
      targetType: 'tariff_rate',
      targetId: row.id,
      targetOrgId: null,
      after,
    });
    return after;
  });
}

/** Edits a rate period, typically to close it (`validTo`) before a new rate takes over. */
export async function editTariffRate(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  patch: Partial<Omit<NewRateInput, 'hsCode' | 'nameZh' | 'nameEn'>>,
): Promise<TTariffRate> {
  requireRateAdmin(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findRate(trx, id);
    if (!existing) throw notFound('id', id);
    await findTariffLine(trx, existing.hs_code, true);
    const candidate: TariffRatePeriod = { ...toPeriod(existing), ...patch };
    const others = (await ratesOfLine(trx, existing.hs_code)).filter((r) => r.id !== id).map(toPeriod);
    const errors = checkTariffRatePeriod(candidate, others);
    if (errors.length > 0) throw ruleViolation(errors);
    const row = await updateRate(trx, id, {
      valid_from: candidate.validFrom,
      valid_to: candidate.validTo,
      vat_rate: candidate.vatRate,
      consumption_tax_rate: candidate.consumptionTaxRate,
      duty_rate: candidate.dutyRate,
      ...(patch.source !== undefined && { source: patch.source }),
      updated_at: ctx.now,
    });
    const before = toTariffRate(existing);
    const after = toTariffRate(row);
    await appendAudit(trx, ctx, {
      action: 'tariff_rate.update',
      targetType: 'tariff_rate',
      targetId: id,
      targetOrgId: null,
      before,
      after,
    });
    return after;
  });
}

export type { TPage };
