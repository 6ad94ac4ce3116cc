import type { TZone, TZoneTarget } from '@crossgate/contract';
import { scopeFor } from '@crossgate/domain';
import { AppError, forbidden } from '../errors.ts';
import { appendAudit } from '../repositories/audit.ts';
import type { RequestContext } from './context.ts';
import { findDefaultZone, setZoneSamplingRate, setZoneSignaturePolicy } from '../repositories/zone.ts';
import type { Deps } from './context.ts';
import type { SignaturePolicy } from './import/signature-policy.ts';

/** The zone the platform serves, with its parks and targets; NOT_FOUND until `crossgate seed` made it. */
export async function loadDefaultZone(deps: Deps) {
  const found = await findDefaultZone(deps.db);
  if (!found)
    throw new AppError('NOT_FOUND', [
      { field: 'zone', rule: 'a default zone is configured (crossgate seed)' },
    ]);
  return found;
}

/** A target of the zone (a zone_targets row) as the API gives it. */
export const toZoneTarget = (
  t: Awaited<ReturnType<typeof loadDefaultZone>>['targets'][number],
): TZoneTarget => ({
  code: t.code,
  nameZh: t.name_zh,
  nameEn: t.name_en,
  targetValue: t.target_value,
  unit: t.unit,
  dueDate: t.due_date,
  source: t.source,
});

export async function getDefaultZone(deps: Deps): Promise<TZone> {
  const { zone, parks, targets } = await loadDefaultZone(deps);
  return {
    code: zone.code,
    nameZh: zone.name_zh,
    nameEn: zone.name_en,
    customsOfficeCodes: zone.customs_office_codes,
    inspectionSamplingRate: zone.inspection_sampling_rate,
    signaturePolicy: (zone.signature_policy ?? deps.signaturePolicy ?? 'required') as SignaturePolicy,
    signaturePolicySetting: zone.signature_policy as SignaturePolicy | null,
    parks: parks.map((p) => ({
      code: p.code,
      nameZh: p.name_zh,
      nameEn: p.name_en,
      districtZh: p.district_zh,
      designation: p.designation as TZone['parks'][number]['designation'],
    })),
    targets: targets.map(toZoneTarget),
  };
}

/**
 * The zone office changes the zone's settings, audited: the random inspection sampling rate, and the signature
 * policy (decision 0024; null returns to the server's default). The gateway reads them for every message, so
 * they decide the next parcel in every serving process (decision 0030).
 */
export async function updateZone(
  deps: Deps,
  ctx: RequestContext,
  patch: {
    inspectionSamplingRate?: string | undefined;
    signaturePolicy?: SignaturePolicy | null | undefined;
  },
): Promise<TZone> {
  if (scopeFor(ctx.actor, 'zone', 'update').kind === 'none')
    throw forbidden('the zone office administers the zone');
  const before = await getDefaultZone(deps);
  await deps.db.transaction().execute(async (trx) => {
    if (patch.inspectionSamplingRate !== undefined) {
      await setZoneSamplingRate(trx, before.code, patch.inspectionSamplingRate, ctx.now);
    }
    if (patch.signaturePolicy !== undefined) {
      await setZoneSignaturePolicy(trx, before.code, patch.signaturePolicy, ctx.now);
    }
    await appendAudit(trx, ctx, {
      action: 'zone.update',
      targetType: 'zone',
      targetId: before.code,
      targetOrgId: null,
      before: {
        inspectionSamplingRate: before.inspectionSamplingRate,
        signaturePolicy: before.signaturePolicySetting,
      },
      after: patch,
    });
  });
  return getDefaultZone(deps);
}
