import type { Database, Kysely } from '@crossgate/db';
import { appendAudit } from '../repositories/audit.ts';
import { newId } from '../services/auth.ts';
import type { RequestContext } from '../services/context.ts';
import { readCsv, readJson } from './data-files.ts';

export type Progress = (step: string, done: number, total: number) => void;

interface CodeRow {
  code: string;
  name: string;
  code_en?: string;
}
interface TariffFile {
  lines: {
    hsCode: string;
    nameZh: string;
    nameEn: string | null;
    legalUnit: string | null;
    /** Both the MFN duty and the VAT rate were confirmed against a source (decision 0026). */
    verified: boolean;
    /** How the code and each rate were checked (data/SOURCES.md lists the same per line). */
    verification: { hsCode: string; dutyRate: string; vatRate: string };
    periods: {
      validFrom: string;
      validTo: string | null;
      vatRate: string;
      consumptionTaxRate: string;
      dutyRate: string | null;
      source: string;
    }[];
  }[];
}

const BATCH = 1000;

async function insertBatched<T>(
  step: string,
  rows: T[],
  insert: (batch: T[]) => Promise<unknown>,
  progress: Progress,
) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await insert(rows.slice(i, i + BATCH));
    progress(step, Math.min(i + BATCH, rows.length), rows.length);
  }
}

/**
 * Loads the vendored reference tables (HS nomenclature, JGS-20 and JGS/T 18 code tables, tariff lines) into an
 * empty database, in one transaction, with one audit row per table. Tables already loaded are left alone, so
 * an administrator's later edits survive a re-seed.
 */
export async function seedReference(
  db: Kysely<Database>,
  ctx: RequestContext,
  progress: Progress,
): Promise<Record<string, number>> {
  const loaded: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    const empty = async (
      table:
        | 'hs_codes'
        | 'countries'
        | 'currencies'
        | 'units'
        | 'customs_offices'
        | 'tariff_lines'
        | 'calendar_days',
    ) =>
      (
        await trx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n === '0';

    if (await empty('hs_codes')) {
      const sections = readCsv('reference/hs/sections.csv').map((r) => ({
        section: r.section as string,
        name_en: r.name as string,
      }));
      await trx
        .insertInto('hs_sections')
        .values(sections)
        .onConflict((oc) => oc.doNothing())
        .execute();
      const codes = readCsv('reference/hs/harmonized-system.csv')
        // UN Comtrade's pseudo-chapter 99 ("not specified according to kind") and its TOTAL row are not HS codes.
        .filter((r) => r.section !== 'TOTAL')
        .map((r) => ({
          code: r.hscode as string,
          level: Number(r.level),
          parent: r.parent === 'TOTAL' ? null : (r.parent as string),
          section: r.section as string,
          description_en: r.description as string,
        }));
      await insertBatched(
        'HS 编码 HS codes',
        codes,
        (b) => trx.insertInto('hs_codes').values(b).execute(),
        progress,
      );
      loaded.hs_codes = codes.length;
    }

    const codeTables = [
      {
        table: 'countries',
        files: ['customs_countries.json'],
        map: (r: CodeRow) => ({ code: r.code, name_zh: r.name, name_en: r.code_en ?? null }),
      },
      {
        table: 'currencies',
        files: ['customs_currencies.json'],
        map: (r: CodeRow) => ({ code: r.code, name_zh: r.name, alpha_code: r.code_en ?? null }),
      },
      {
        table: 'units',
        files: ['customs_units.json'],
        map: (r: CodeRow) => ({ code: r.code, name_zh: r.name }),
      },
      {
        table: 'customs_offices',
        files: ['customs_districts_1.json', 'customs_districts_2.json'],
        map: (r: CodeRow) => ({ code: r.code, name_zh: r.name }),
      },
    ] as const;
    for (const { table, files, map } of codeTables) {
      if (!(await empty(table))) continue;
      const rows = files.flatMap((f) => readJson<CodeRow[]>(`reference/codetables/${f}`)).map(map);
      // The 2019 tables carry a few duplicate codes; the first entry wins.
      const unique = [...new Map(rows.map((r) => [r.code, r])).values()];
      await insertBatched(
        `代码表 ${table}`,
        unique,
        (b) =>
          trx
            .insertInto(table)
            .values(b as never)
            .execute(),
        progress,
      );
      loaded[table] = unique.length;
    }

    if (await empty('tariff_lines')) {
      const { lines } = readJson<TariffFile>('reference/tariff-lines.json');
      const now = ctx.now;
      await trx
        .insertInto('tariff_lines')
        .values(
          lines.map((l) => ({
            hs_code: l.hsCode,
            name_zh: l.nameZh,
            name_en: l.nameEn,
            legal_unit: l.legalUnit,
            verified: l.verified,
            verification: `编码 code: ${l.verification.hsCode}\n关税 duty: ${l.verification.dutyRate}\n增值税 VAT: ${l.verification.vatRate}`,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      const rates = lines.flatMap((l) =>
        l.periods.map((p) => ({
          id: newId(),
          hs_code: l.hsCode,
          valid_from: p.validFrom,
          valid_to: p.validTo,
          vat_rate: p.vatRate,
          consumption_tax_rate: p.consumptionTaxRate,
          duty_rate: p.dutyRate,
          source: p.source,
          created_at: now,
          updated_at: now,
        })),
      );
      await trx.insertInto('tariff_rates').values(rates).execute();
      progress('税则税率 tariff lines', lines.length, lines.length);
      loaded.tariff_lines = lines.length;
      loaded.tariff_rates = rates.length;
    }

    // The State Council's holiday arrangements: the export summary deadline moves over holidays (data/SOURCES.md).
    if (await empty('calendar_days')) {
      const days = readJson<{ date: string; kind: 'holiday' | 'workday'; name?: string }[]>(
        'reference/cn-holidays.json',
      );
      await trx
        .insertInto('calendar_days')
        .values(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? '' })))
        .execute();
      progress('节假日安排 holiday calendar', days.length, days.length);
      loaded.calendar_days = days.length;
    }

    for (const [table, rows] of Object.entries(loaded)) {
      await appendAudit(trx, ctx, {
        action: 'reference.load',
        targetType: 'reference_table',
        targetId: table,
        targetOrgId: null,
        after: { rows },
      });
    }
  });
  return loaded;
}
