import type { TZone } from '@crossgate/contract';
import { AppError } from '../errors.ts';
import { findDefaultZone } from '../repositories/zone.ts';
import type { Deps } from './context.ts';

export async function getDefaultZone(deps: Deps): Promise<TZone> {
  const found = await findDefaultZone(deps.db);
  if (!found)
    throw new AppError('NOT_FOUND', [
      { field: 'zone', rule: 'a default zone is configured (crossgate seed)' },
    ]);
  const { zone, parks, targets } = found;
  return {
    code: zone.code,
    nameZh: zone.name_zh,
    nameEn: zone.name_en,
    customsOfficeCodes: zone.customs_office_codes,
    parks: parks.map((p) => ({
      code: p.code,
      nameZh: p.name_zh,
      nameEn: p.name_en,
      districtZh: p.district_zh,
      designation: p.designation as TZone['parks'][number]['designation'],
    })),
    targets: targets.map((t) => ({
      code: t.code,
      nameZh: t.name_zh,
      nameEn: t.name_en,
      targetValue: t.target_value,
      unit: t.unit,
      dueDate: t.due_date,
      source: t.source,
    })),
  };
}
