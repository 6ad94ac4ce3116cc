import type { TPublicParcelStatus } from '@crossgate/contract';
import { statusNameZh } from '@crossgate/ceb';
import {
  EXPORT_STATUS_LABELS,
  STATUS_LABELS,
  type ExportInventoryStatus,
  type InventoryStatus,
} from '@crossgate/domain';
import { AppError } from '../errors.ts';
import { inventoriesByWaybill, statusTimelines } from '../repositories/dashboard.ts';
import type { Deps } from './context.ts';

/** How the public reads a trade mode (监管方式), per direction. */
const TRADE_MODES: Record<'import' | 'export', Record<string, { zh: string; en: string }>> = {
  import: {
    '9610': { zh: '跨境电商直购进口（9610）', en: 'CBEC direct-mail import (9610)' },
    '1210': { zh: '网购保税进口（1210）', en: 'CBEC bonded import (1210)' },
  },
  export: {
    '9610': { zh: '跨境电商零售出口（9610）', en: 'CBEC retail export (9610)' },
    '1210': { zh: '特殊区域出口（1210）', en: 'CBEC special-zone export (1210)' },
    '9710': { zh: '跨境电商B2B直接出口（9710）', en: 'CBEC B2B direct export (9710)' },
    '9810': { zh: '跨境电商出口海外仓（9810）', en: 'CBEC export to overseas warehouses (9810)' },
  },
};

function statusLabel(direction: 'import' | 'export', status: string) {
  const label =
    direction === 'import'
      ? STATUS_LABELS[status as InventoryStatus]
      : EXPORT_STATUS_LABELS[status as ExportInventoryStatus];
  if (label) return label;
  const zh = statusNameZh(status);
  return { zh, en: status.startsWith('-') ? 'Refused by the e-port' : zh };
}

/**
 * A parcel's clearance status for the public (no login), by waybill number: direction, trade mode, the
 * current status and the statuses it went through with their times. Nothing else leaves: no party, buyer,
 * address, ID number, goods or price.
 */
export async function publicParcelStatus(deps: Deps, logisticsNo: string): Promise<TPublicParcelStatus> {
  const rows = await inventoriesByWaybill(deps.db, logisticsNo);
  if (rows.length === 0)
    throw new AppError('NOT_FOUND', [
      {
        field: 'logisticsNo',
        rule: '未找到该运单号的通关记录，请核对运单号；清单申报后方可查询 (no import or export inventory has been declared with this waybill number)',
        actual: logisticsNo,
      },
    ]);
  const events = await statusTimelines(
    deps.db,
    rows.map((r) => r.id),
  );
  return {
    logisticsNo,
    parcels: rows.map((r) => {
      const mode = TRADE_MODES[r.direction][r.trade_mode] ?? { zh: r.trade_mode, en: r.trade_mode };
      const current = statusLabel(r.direction, r.status);
      return {
        direction: r.direction,
        tradeMode: r.trade_mode,
        tradeModeZh: mode.zh,
        tradeModeEn: mode.en,
        customsCode: r.customs_code,
        customsZh: r.customs_zh,
        status: r.status,
        statusZh: current.zh,
        statusEn: current.en,
        declaredAt: new Date(r.created_at).toISOString(),
        releasedAt: r.released_at ? new Date(r.released_at).toISOString() : null,
        timeline: events
          .filter((e) => e.document_id === r.id)
          .map((e) => {
            const label = statusLabel(r.direction, e.status);
            return { status: e.status, statusZh: label.zh, statusEn: label.en, at: e.at.toISOString() };
          }),
      };
    }),
  };
}
