import type { Database, Kysely } from '@crossgate/db';
import { appendAudit } from '../repositories/audit.ts';
import type { RequestContext } from '../services/context.ts';
import { readJson } from './data-files.ts';

interface ZoneFile {
  code: string;
  nameZh: string;
  nameEn: string;
  customsOfficeCodes: string[];
  source: string;
  parks: { code: string; nameZh: string; nameEn: string; districtZh: string }[];
  targets: {
    code: string;
    nameZh: string;
    nameEn: string;
    targetValue: string;
    unit: string;
    dueDate: string;
  }[];
}

/** Loads the default zone (Jiaozuo) with its parks and targets when no zone is configured yet. */
export async function seedZone(
  db: Kysely<Database>,
  ctx: RequestContext,
  file = 'zones/jiaozuo.json',
): Promise<string | null> {
  const zone = readJson<ZoneFile>(file);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('zones').select('code').executeTakeFirst();
    if (existing) return null;
    await trx
      .insertInto('zones')
      .values({
        code: zone.code,
        name_zh: zone.nameZh,
        name_en: zone.nameEn,
        customs_office_codes: zone.customsOfficeCodes,
        is_default: true,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .execute();
    await trx
      .insertInto('parks')
      .values(
        zone.parks.map((p) => ({
          zone_code: zone.code,
          code: p.code,
          name_zh: p.nameZh,
          name_en: p.nameEn,
          district_zh: p.districtZh,
        })),
      )
      .execute();
    await trx
      .insertInto('zone_targets')
      .values(
        zone.targets.map((t) => ({
          zone_code: zone.code,
          code: t.code,
          name_zh: t.nameZh,
          name_en: t.nameEn,
          target_value: t.targetValue,
          unit: t.unit,
          due_date: t.dueDate,
          source: zone.source,
        })),
      )
      .execute();
    await appendAudit(trx, ctx, {
      action: 'zone.create',
      targetType: 'zone',
      targetId: zone.code,
      targetOrgId: null,
      after: zone,
    });
    return zone.code;
  });
}
