import { randomUUID } from 'node:crypto';
import type * as E from './generated/export-202205.ts';
import type * as T from './generated/import-202205.ts';
import { EXPORT_INBOUND, IMPORT_INBOUND } from './messages.ts';
import { officialSchema } from './schemas.ts';
import { CEB_NS } from './xsd/model.ts';
import { escapeXmlText, serialize } from './xsd/serialize.ts';
import { checkSimple } from './xsd/validate.ts';
import type { ElementDecl, SimpleType } from './xsd/model.ts';
import type { CebObject } from './xsd/validate.ts';

/** Upper-case UUID, as the XSD asks for every guid ("36位…英文字母大写"). */
export const newCebGuid = () => randomUUID().toUpperCase();

export interface ReceiptEntities {
  CEB312Message: T.OrderReturn;
  CEB412Message: T.PaymentReturn;
  CEB512Message: T.LogisticsReturn;
  CEB514Message: T.LogisticsStatusReturn;
  CEB622Message: T.InventoryReturn;
  CEB624Message: T.InvtCancelReturn;
  CEB626Message: T.InvtRefundReturn;
  CEB712Message: T.DeliveryReturn;
}
export type ReceiptType = keyof ReceiptEntities;

/**
 * The receipts of the export system (spec 202205 §2.2, 2.4, …, 2.22), typed from the export XSD. CEB792 (the
 * summary result) is not an answer to one message: see `summaryResultXml`.
 */
export interface ExportReceiptEntities {
  CEB304Message: E.OrderReturn;
  CEB404Message: E.ReceiptsReturn;
  CEB506Message: E.LogisticsReturn;
  CEB508Message: E.ArrivalReturn;
  CEB510Message: E.DepartureReturn;
  CEB604Message: E.InventoryReturn;
  CEB606Message: E.InvtCancelReturn;
  CEB608Message: E.WayBillReturn;
  CEB702Message: E.SummaryReturn;
  CEB214Message: E.RefundReturn;
  CEB216Message: E.InvtRefundDetailReturn;
}
export type ExportReceiptType = keyof ExportReceiptEntities;

/** Every receipt Crossgate writes, import and export. */
export type AnyReceiptEntities = ReceiptEntities & ExportReceiptEntities;
export type AnyReceiptType = keyof AnyReceiptEntities;

/** Receipt root → its entity and schema family, read off the catalogues (one source of truth). */
const RECEIPTS = new Map(
  [...Object.values(IMPORT_INBOUND), ...Object.values(EXPORT_INBOUND)].map((m) => [
    m.receipt,
    { entity: m.receiptEntity, direction: m.direction },
  ]),
);

function rootDecl(type: string, direction: 'import' | 'export' = 'import') {
  const decl = officialSchema('202205', direction).element(CEB_NS, type);
  if (!decl) throw new Error(`no XSD element ${type}`);
  return decl;
}

/**
 * Writes a receipt message (import or export) in the default-namespace form customs uses, fields in XSD
 * order. The entities are typed from the XSD, and the serialiser refuses a missing required field, so the XML
 * validates against the receipt's own schema family.
 */
export function receiptXml<K extends AnyReceiptType>(
  type: K,
  entities: AnyReceiptEntities[K][],
  guid = newCebGuid(),
): string {
  const known = RECEIPTS.get(type);
  if (!known) throw new Error(`${type} is not a receipt of the catalogue`);
  const root = rootDecl(type, known.direction);
  const entityDecl = childDecl(root, known.entity);
  const conformed = entities.map((e) => conform(entityDecl, e as unknown as CebObject));
  return serialize(root, { '@guid': guid, '@version': '1.0', [known.entity]: conformed });
}

/**
 * A value as a receipt can echo it where the receipt requires it: as sent, or — a 2018 message's value longer
 * than the 202205 receipt allows (a 40-character export logisticsNo, cut to 32 in 2022) — cut to the
 * receipt's length. Undefined when no cut makes it fit (empty where the receipt needs a value, a length-18
 * field given 17 characters); the format check (`decodeMessage`) refuses such a message, naming the field.
 */
export function requiredEcho(value: string, type: SimpleType, fixed?: string): string | undefined {
  if (!checkSimple(value, type, fixed)) return value;
  const max = type.facets.maxLength ?? type.facets.length;
  if (max !== undefined && [...value].length > max) {
    const cut = [...value].slice(0, max).join('');
    if (!checkSimple(cut, type, fixed)) return cut;
  }
  return undefined;
}

/**
 * Echoed values must fit the receipt's own XSD: a sender's 17-character invtNo is valid in its CEB625 but not
 * in the CEB626 receipt (length 18). Optional fields that do not fit are left out; a required one is cut to
 * fit (`requiredEcho`), and one that cannot be made to fit is a bug and throws, so an invalid receipt is
 * never sent.
 */
function conform(decl: ElementDecl, entity: CebObject): CebObject {
  const content = decl.content();
  if (content.kind !== 'complex') return entity;
  const out: CebObject = {};
  for (const child of content.children) {
    const v = entity[child.name];
    if (v === undefined) continue;
    const cc = child.content();
    if (typeof v === 'string' && cc.kind === 'simple' && checkSimple(v, cc.type, child.fixed)) {
      const echo = child.min > 0 ? requiredEcho(v, cc.type, child.fixed) : undefined;
      if (echo !== undefined) out[child.name] = echo;
      else if (child.min > 0)
        throw new TypeError(`${decl.name}.${child.name} ${JSON.stringify(v)} does not fit the receipt XSD`);
      continue;
    }
    out[child.name] = v;
  }
  return out;
}

/**
 * CEB792 summary result (汇总结果单, spec 202205 §2.23; ceb-reference §4.17, §9): customs' answer to a CEB701
 * once the B-type inventories are merged: one `SummaryResult` per resulting customs declaration (its
 * `declSeqNo`), whose list maps each merged inventory line (invtNo, gnum) to its declaration line `gseqno`.
 * The XSD allows 1 to 100 results per message and any number of list rows per result. Values are checked
 * like a receipt's: a required field that does not fit its XSD type throws.
 */
export function summaryResultXml(results: E.SummaryResult[], guid = newCebGuid()): string {
  const root = rootDecl('CEB792Message', 'export');
  const resultDecl = childDecl(root, 'SummaryResult');
  const headDecl = childDecl(resultDecl, 'SummaryResultHead');
  const listDecl = childDecl(resultDecl, 'SummaryResultList');
  const conformed = results.map((r) => ({
    SummaryResultHead: conform(headDecl, r.SummaryResultHead as unknown as CebObject),
    ...(r.SummaryResultList
      ? { SummaryResultList: r.SummaryResultList.map((l) => conform(listDecl, l as unknown as CebObject)) }
      : {}),
  }));
  return serialize(root, { '@guid': guid, '@version': '1.0', SummaryResult: conformed });
}

function childDecl(decl: ElementDecl, name: string): ElementDecl {
  const content = decl.content();
  const found = content.kind === 'complex' ? content.children.find((c) => c.name === name) : undefined;
  if (!found) throw new Error(`no XSD element ${decl.name}.${name}`);
  return found;
}

/** CEB816 electronic tax bill(s). */
export function taxBillXml(taxes: T.Tax[], guid = newCebGuid()): string {
  return serialize(rootDecl('CEB816Message'), {
    '@guid': guid,
    '@version': '1.0',
    Tax: taxes as unknown as CebObject[],
  });
}

/** CEB900 format-check receipt: the message could not be read or does not match its XSD. */
export function formatReceiptXml(entry: T.MessageReturn, guid = newCebGuid()): string {
  return serialize(rootDecl('CEB900Message'), {
    '@guid': guid,
    '@version': '1.0',
    MessageReturn: entry as unknown as CebObject,
  });
}

/** The most of a refused message a CEB900 echoes (oriBizMessage), in UTF-16 units; a longer one is cut, `...`. */
export const ECHO_MAX = 100_000;

/** What a CEB900 echoes of the message it refuses. */
export const echoOf = (body: string) => (body.length > ECHO_MAX ? `${body.slice(0, ECHO_MAX)}...` : body);

/** Stands for the echo in a stored CEB900 (text, escaped, cannot hold `<`: the element is found only here). */
const ECHO_SLOT_ELEMENT = '<oriBizMessage>(as sent)</oriBizMessage>';

/**
 * A CEB900 as the platform keeps it: the receipt with its copy of the refused message (oriBizMessage) left as
 * a slot, so that the stored answer holds none of the message (decision 0021). `withEcho` puts the message
 * back when the answer is given — the first time and on every replay of the same bytes, identically.
 */
export function formatRefusalReceipt(
  entry: Omit<T.MessageReturn, 'oriBizMessage'>,
  guid = newCebGuid(),
): string {
  return formatReceiptXml({ ...entry, oriBizMessage: '(as sent)' }, guid);
}

/**
 * The answer to send: a stored CEB900 with the refused message (`body`, the bytes being answered) echoed in
 * its slot — exactly what `formatReceiptXml` writes with `oriBizMessage: echoOf(body)`. Any other receipt, and
 * a CEB900 stored whole by an earlier version, is returned unchanged.
 */
export function withEcho(receipt: string, body: string): string {
  const at = receipt.indexOf(ECHO_SLOT_ELEMENT);
  if (at < 0) return receipt;
  return `${receipt.slice(0, at)}<oriBizMessage>${escapeXmlText(echoOf(body))}</oriBizMessage>${receipt.slice(at + ECHO_SLOT_ELEMENT.length)}`;
}

/**
 * The inverse, for a CEB900 stored whole by an earlier version: the receipt with its echo of `body` made a slot,
 * or undefined when `withEcho` would not give the stored receipt back byte for byte (then it is kept whole).
 */
export function withoutEcho(receipt: string, body: string): string | undefined {
  const echo = `<oriBizMessage>${escapeXmlText(echoOf(body))}</oriBizMessage>`;
  const at = receipt.indexOf(echo);
  if (at < 0) return undefined;
  const slotted = `${receipt.slice(0, at)}${ECHO_SLOT_ELEMENT}${receipt.slice(at + echo.length)}`;
  return withEcho(slotted, body) === receipt ? slotted : undefined;
}

/** CEB818 tax bill status: a bill consolidated into a payment notice (status 2, entDutyNo) or voided (3). */
export function taxStatusXml(statuses: T.TaxHeadStatus[], guid = newCebGuid()): string {
  return serialize(rootDecl('CEB818Message'), {
    '@guid': guid,
    '@version': '1.0',
    Tax: statuses.map((s) => ({ TaxHeadStatus: s })) as unknown as CebObject[],
  });
}
