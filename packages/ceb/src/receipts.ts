import { randomUUID } from 'node:crypto';
import type * as T from './generated/import-202205.ts';
import { officialSchema } from './schemas.ts';
import { CEB_NS } from './xsd/model.ts';
import { serialize } from './xsd/serialize.ts';
import { checkSimple } from './xsd/validate.ts';
import type { ElementDecl } from './xsd/model.ts';
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

const ENTITY: Record<ReceiptType, string> = {
  CEB312Message: 'OrderReturn',
  CEB412Message: 'PaymentReturn',
  CEB512Message: 'LogisticsReturn',
  CEB514Message: 'LogisticsStatusReturn',
  CEB622Message: 'InventoryReturn',
  CEB624Message: 'InvtCancelReturn',
  CEB626Message: 'InvtRefundReturn',
  CEB712Message: 'DeliveryReturn',
};

function rootDecl(type: string) {
  const decl = officialSchema('202205', 'import').element(CEB_NS, type);
  if (!decl) throw new Error(`no XSD element ${type}`);
  return decl;
}

/**
 * Writes a receipt message in the default-namespace form customs uses, fields in XSD order. The entities
 * are typed from the XSD, and the serialiser refuses a missing required field, so the XML validates.
 */
export function receiptXml<K extends ReceiptType>(
  type: K,
  entities: ReceiptEntities[K][],
  guid = newCebGuid(),
): string {
  const root = rootDecl(type);
  const content = root.content();
  const entityDecl =
    content.kind === 'complex' ? content.children.find((c) => c.name === ENTITY[type]) : undefined;
  const conformed = entities.map((e) =>
    entityDecl ? conform(entityDecl, e as unknown as CebObject) : (e as unknown as CebObject),
  );
  return serialize(root, { '@guid': guid, '@version': '1.0', [ENTITY[type]]: conformed });
}

/**
 * Echoed values must fit the receipt's own XSD: a sender's 17-character invtNo is valid in its CEB625 but not
 * in the CEB626 receipt (length 18). Optional fields that do not fit are left out; a required field that
 * does not fit is a bug and throws, so an invalid receipt is never sent.
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
      if (child.min > 0)
        throw new TypeError(`${decl.name}.${child.name} ${JSON.stringify(v)} does not fit the receipt XSD`);
      continue;
    }
    out[child.name] = v;
  }
  return out;
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

/** CEB818 tax bill status: a bill consolidated into a payment notice (status 2, entDutyNo) or voided (3). */
export function taxStatusXml(statuses: T.TaxHeadStatus[], guid = newCebGuid()): string {
  return serialize(rootDecl('CEB818Message'), {
    '@guid': guid,
    '@version': '1.0',
    Tax: statuses.map((s) => ({ TaxHeadStatus: s })) as unknown as CebObject[],
  });
}
