// A code's chain as an EPCIS 2.0 JSON-LD document (issue 21; decision 0049), valid against GS1's JSON Schema
// (data/epcis, checked with ajv in the tests). Every step is an ObjectEvent:
//
// - what: a parcel line is one instance, named by its chain page's address (`<public url>/t/<code>`) in
//   epcList; a product's production batch is a class (quantityList, epcClass = the product code's address) with
//   the lot number in ilmd (cbvmda:lotNumber);
// - when: eventTime with Beijing's offset (+08:00), the platform's time zone;
// - where: readPoint `urn:crossgate:place:<code>` when the recorder gave a place code, customs steps
//   `urn:crossgate:customs:<office>`; the place in words as the extension `cg:place`;
// - why: the CBV business step and disposition (packages/domain/src/trace/events.ts).
//
// eventID is `ni:///sha-256;<hex>?ver=CBV2.0` of the platform's own event identity, so exporting twice gives the
// same identifiers. Nothing personal is exported.
import { createHash } from 'node:crypto';
import { clearanceStep, TRACE_EVENT_MEANING } from '@crossgate/domain';
import type { Database, Kysely } from '@crossgate/db';
import { AppError } from '../../errors.ts';
import {
  clearanceEvents,
  codeOfProduct,
  eventsFor,
  findCode,
  inventoryForChain,
} from '../../repositories/trace.ts';
import type { CodeRow } from './chain.ts';

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
export const CG_NAMESPACE = 'urn:crossgate:ns:trace:';
const OFFSET = '+08:00';

const eventId = (identity: string) =>
  `ni:///sha-256;${createHash('sha256').update(identity).digest('hex')}?ver=CBV2.0`;

/** An ISO instant written in Beijing time with its offset (EPCIS wants the local time and the offset). */
function beijingIso(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3600_000).toISOString().replace('Z', '');
  return `${local}${OFFSET}`;
}

const safeUrnPart = (s: string) => encodeURIComponent(s);

export type EpcisDocument = Record<string, unknown> & { epcisBody: { eventList: Record<string, unknown>[] } };

/** The EPCIS 2.0 document of a stored code's chain. */
export async function epcisOf(
  db: Kysely<Database>,
  row: CodeRow,
  publicUrl: string,
  now: Date,
): Promise<EpcisDocument> {
  const base = publicUrl.replace(/\/+$/, '');
  const uriOf = (code: string) => `${base}/t/${code}`;
  const productCode = row.product_id
    ? row.kind === 'product'
      ? row.code
      : (await codeOfProduct(db, row.product_id))?.code
    : undefined;
  const events = await eventsFor(db, {
    productId: row.product_id,
    lineCode: row.kind === 'line' ? row.code : null,
  });
  const lineBatch =
    row.kind === 'line'
      ? ([...events].reverse().find((e) => e.line_code !== null && e.batch)?.batch ?? null)
      : null;
  const list: Record<string, unknown>[] = [];
  for (const e of events) {
    const isProduct = e.line_code === null;
    if (isProduct && row.kind === 'line' && (lineBatch === null || e.batch !== lineBatch)) continue;
    const m = TRACE_EVENT_MEANING[e.event_type];
    const what: Record<string, unknown> = isProduct
      ? {
          quantityList: [
            {
              epcClass: productCode ? uriOf(productCode) : `${CG_NAMESPACE}product:${e.product_id ?? ''}`,
              ...(e.quantity !== null ? { quantity: Number(e.quantity) } : {}),
            },
          ],
        }
      : { epcList: [uriOf(e.line_code as string)] };
    list.push({
      type: 'ObjectEvent',
      eventID: eventId(`crossgate:trace_event:${e.id}`),
      eventTime: beijingIso(new Date(e.event_time)),
      eventTimeZoneOffset: OFFSET,
      recordTime: beijingIso(new Date(e.created_at)),
      action: m.action,
      ...what,
      bizStep: m.bizStep,
      disposition: m.disposition,
      ...(e.place_code ? { readPoint: { id: `urn:crossgate:place:${safeUrnPart(e.place_code)}` } } : {}),
      ...(m.action === 'ADD' && e.batch ? { ilmd: { 'cbvmda:lotNumber': e.batch } } : {}),
      'cg:place': e.place,
      'cg:recordedBy': e.org_zh,
      ...(e.batch && m.action !== 'ADD' ? { 'cg:lotNumber': e.batch } : {}),
    });
  }
  if (row.kind === 'line' && row.document_id && row.gnum !== null) {
    const inv = await inventoryForChain(db, row.document_id, row.gnum);
    const seen = new Set<string>();
    for (const c of inv ? await clearanceEvents(db, inv.id) : []) {
      const step = clearanceStep(c.status);
      if (!step || seen.has(c.status) || !inv) continue;
      seen.add(c.status);
      list.push({
        type: 'ObjectEvent',
        eventID: eventId(`crossgate:clearance:${inv.id}:${row.gnum}:${c.status}`),
        eventTime: beijingIso(new Date(c.at)),
        eventTimeZoneOffset: OFFSET,
        action: step.action,
        epcList: [uriOf(row.code)],
        bizStep: step.bizStep,
        disposition: step.disposition,
        readPoint: { id: `urn:crossgate:customs:${safeUrnPart(inv.customs_code)}` },
        'cg:place': inv.customs_zh ?? inv.customs_code,
        'cg:clearanceStatus': c.status,
        'cg:tradeMode': inv.trade_mode,
      });
    }
  }
  list.sort((a, b) => new Date(a.eventTime as string).getTime() - new Date(b.eventTime as string).getTime());
  return {
    '@context': [EPCIS_CONTEXT, { cg: CG_NAMESPACE }],
    id: `${uriOf(row.code)}#epcis`,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: now.toISOString(),
    epcisBody: { eventList: list },
  };
}

/** The EPCIS document of a code the caller may read (owner, or a supervisor). */
export async function epcisOfCode(
  db: Kysely<Database>,
  code: string,
  ownerOrgId: string | null,
  publicUrl: string,
  now: Date,
): Promise<EpcisDocument> {
  const row = await findCode(db, code.trim().toUpperCase());
  if (!row || (ownerOrgId !== null && row.org_id !== ownerOrgId))
    throw new AppError('NOT_FOUND', [{ field: 'code', rule: 'the code exists and is yours', actual: code }]);
  return epcisOf(db, row, publicUrl, now);
}
