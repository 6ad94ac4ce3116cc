// The chain behind a 云关码 (issue 21; decision 0049): the product's filing and origin, its batches, the parcel's
// clearance facts and every step recorded — clearance's statuses (read from document_events) and the events
// enterprises recorded (trace_events). What the public sees is built here from named fields only: the buyer,
// the parties' people, addresses, ID numbers, telephones and prices are never read into it.
import type { TChainStep, TPublicTrace, TTraceChain } from '@crossgate/contract';
import {
  clearanceStep,
  formatCode,
  parseCode,
  STATUS_LABELS,
  TRACE_EVENT_MEANING,
  type InventoryStatus,
} from '@crossgate/domain';
import type { Database, Kysely } from '@crossgate/db';
import {
  clearanceEvents,
  eventsFor,
  findCode,
  inventoryForChain,
  productForChain,
} from '../../repositories/trace.ts';
import type { Deps } from '../context.ts';

const FILING_STATUS: Record<string, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审核', en: 'Awaiting review' },
  approved: { zh: '已备案', en: 'Filed' },
  rejected: { zh: '已退回', en: 'Rejected' },
};

const IMPORT_MODES: Record<string, { zh: string; en: string }> = {
  '9610': { zh: '跨境电商直购进口（9610）', en: 'CBEC direct-mail import (9610)' },
  '1210': { zh: '网购保税进口（1210）', en: 'CBEC bonded import (1210)' },
};

const CUSTOMS = { zh: '海关', en: 'Customs' };

export type CodeRow = NonNullable<Awaited<ReturnType<typeof findCode>>>;

/** The chain of a stored code. */
export async function chainOf(db: Kysely<Database>, row: CodeRow): Promise<TTraceChain> {
  const product = row.product_id ? await productForChain(db, row.product_id) : undefined;
  const inv =
    row.kind === 'line' && row.document_id && row.gnum !== null
      ? await inventoryForChain(db, row.document_id, row.gnum)
      : undefined;
  const events = await eventsFor(db, {
    productId: row.product_id,
    lineCode: row.kind === 'line' ? row.code : null,
  });
  const lineEvents = events.filter((e) => e.line_code !== null);
  const latestWithBatch = [...lineEvents].reverse().find((e) => e.batch);
  const batch = row.kind === 'line' ? (latestWithBatch?.batch ?? null) : null;
  const productEvents = events.filter(
    (e) => e.line_code === null && (row.kind === 'product' || (batch !== null && e.batch === batch)),
  );
  const steps: TChainStep[] = [];
  for (const e of [...productEvents, ...lineEvents]) {
    const meaning = TRACE_EVENT_MEANING[e.event_type];
    steps.push({
      source: 'enterprise',
      type: e.event_type,
      nameZh: meaning.zh,
      nameEn: meaning.en,
      at: new Date(e.event_time).toISOString(),
      place: e.place,
      batch: e.batch,
      byZh: e.org_zh,
      byEn: e.org_en,
      note: e.note,
    });
  }
  if (inv) {
    const seen = new Set<string>();
    for (const e of await clearanceEvents(db, inv.id)) {
      const step = clearanceStep(e.status);
      if (!step || seen.has(e.status)) continue;
      seen.add(e.status);
      steps.push({
        source: 'clearance',
        type: `clearance:${e.status}`,
        nameZh: step.zh,
        nameEn: step.en,
        at: new Date(e.at).toISOString(),
        place: inv.customs_zh ?? inv.customs_code,
        batch: null,
        byZh: CUSTOMS.zh,
        byEn: CUSTOMS.en,
        note: null,
      });
    }
  }
  steps.sort((a, b) => a.at.localeCompare(b.at));
  const filing = product
    ? (FILING_STATUS[product.status] ?? { zh: product.status, en: product.status })
    : null;
  const mode = inv ? (IMPORT_MODES[inv.trade_mode] ?? { zh: inv.trade_mode, en: inv.trade_mode }) : null;
  const status = inv
    ? (STATUS_LABELS[inv.status as InventoryStatus] ?? { zh: inv.status, en: inv.status })
    : null;
  return {
    code: row.code,
    kind: row.kind,
    product:
      product && filing
        ? {
            itemNo: product.item_no,
            nameZh: product.name_zh,
            nameEn: product.name_en,
            brand: product.brand,
            spec: product.spec,
            hsCode: product.hs_code,
            barcode: product.barcode,
            originCountry: product.origin_country,
            originZh: product.origin_zh,
            ownerZh: product.owner_zh,
            ownerEn: product.owner_en,
            filingStatus: product.status,
            filingStatusZh: filing.zh,
            filingStatusEn: filing.en,
            filedAt: product.decided_at ? new Date(product.decided_at).toISOString() : null,
          }
        : null,
    batch,
    batches: [
      ...new Set(
        productEvents.filter((e) => e.event_type === 'production' && e.batch).map((e) => e.batch as string),
      ),
    ],
    parcel:
      inv && mode && status
        ? {
            tradeMode: inv.trade_mode,
            tradeModeZh: mode.zh,
            tradeModeEn: mode.en,
            customsCode: inv.customs_code,
            customsZh: inv.customs_zh,
            status: inv.status,
            statusZh: status.zh,
            statusEn: status.en,
            declaredAt: new Date(inv.created_at).toISOString(),
            releasedAt: inv.released_at ? new Date(inv.released_at).toISOString() : null,
            goodsName: inv.line?.gname ?? null,
            quantity: inv.line?.qty ?? null,
            originCountry: inv.line?.country ?? null,
          }
        : null,
    steps,
  };
}

/**
 * The public scan (no login): a typo when the check character disagrees, not found when the code is well
 * formed but was never issued (forged or mistaken), otherwise the chain. One primary-key lookup decides.
 */
export async function publicTrace(deps: Deps, input: string): Promise<TPublicTrace> {
  const shape = parseCode(input);
  if (!shape.ok && shape.reason === 'check')
    return {
      result: 'typo',
      code: input.slice(0, 40),
      messageZh: '云关码校验位不符，可能输入有误，请核对标签上的号码。',
      messageEn:
        'The check character does not match: the code was probably mistyped. Please check the label.',
    };
  const row = shape.ok ? await findCode(deps.db, shape.code) : undefined;
  if (!row)
    return {
      result: 'not_found',
      code: shape.ok ? formatCode(shape.code) : input.slice(0, 40),
      messageZh: '未找到该云关码。本平台未签发过此码，商品可能并非经本区通关，请谨慎购买并向平台反映。',
      messageEn:
        'No such traceability code: this platform never issued it. The goods may not have cleared here; be careful and tell the platform.',
    };
  return { result: 'found', chain: await chainOf(deps.db, row) };
}
