import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import {
  buildImportParcel,
  CATALOGUE,
  decodeImportMessage,
  type ParcelItem,
  type ParcelMessages,
  type ParcelSpec,
  type Party,
} from '@crossgate/ceb';
import { createApiKey } from '../../src/services/api-keys.ts';
import { systemContext } from '../../src/services/context.ts';
import type { Platform } from './platform.ts';

/**
 * A message as the JSON channel takes it: the XML's element names and nesting, values as strings, no
 * attributes and no Signature; undefined when the XML does not decode.
 */
export function importMessageAsJson(xml: string): Record<string, unknown> | undefined {
  const decoded = decodeImportMessage(xml);
  if (!decoded.ok) return undefined;
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === 'object' && !('children' in (v as object))
        ? Object.fromEntries(
            Object.entries(v as object)
              .filter(([k]) => !k.startsWith('@') && k !== 'Signature')
              .map(([k, x]) => [k, strip(x)]),
          )
        : v;
  return { guid: decoded.message['@guid'], ...(strip(decoded.message) as Record<string, unknown>) };
}

/** The demo enterprises of the Jiaozuo zone that take part in an import parcel. */
export const PARTIES = {
  platform: { code: '4614960001', name: '焦作德众购电子商务有限公司(演示)', dxpId: 'DXPENT0000000001' },
  seller: { code: '4614960002', name: '焦作V血拼网络科技有限公司(演示)', dxpId: 'DXPENT0000000002' },
  seller2: { code: '4614960003', name: '焦作明洞24跨境贸易有限公司(演示)', dxpId: 'DXPENT0000000003' },
  payment: { code: '4614960004', name: '焦作通汇支付服务有限公司(演示)', dxpId: 'DXPENT0000000004' },
  logistics: { code: '4614960005', name: '焦作通港国际物流有限公司(演示)', dxpId: 'DXPENT0000000005' },
  agent: { code: '4614960006', name: '沁阳鹏海报关服务有限公司(演示)', dxpId: 'DXPENT0000000006' },
  warehouse: {
    code: '4614960007',
    name: '河南德众保税物流中心运营有限公司(演示)',
    dxpId: 'DXPENT0000000007',
  },
} satisfies Record<string, Party>;
export type Role = keyof typeof PARTIES;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
export const AGENT_KEY = {
  privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  keyName: 'DEMO-AGENT-0001',
};

// Catalogue goods of the simulator (each on a tariff line the platform knows), in test quantities.
const goods = (itemNo: string) => CATALOGUE.find((c) => c.itemNo === itemNo) as ParcelItem;
export const MILK: ParcelItem = { ...goods('VXP-0001'), qty: '2', qty1: '1.8' };
export const WATER: ParcelItem = { ...goods('VXP-0002'), qty: '1', qty1: '12' };
export const PERFUME: ParcelItem = { ...goods('MD24-002'), qty: '1', qty1: '0.3' };

let serial = 0;
/** A fresh buyer: a distinct ID number each time unless one is given. */
export function buyer(idNumber = `41080019900101${String(1000 + (serial++ % 9000)).padStart(4, '0')}`) {
  return {
    regNo: `buyer-${idNumber.slice(-6)}`,
    name: '张三',
    idNumber,
    telephone: '13800000000',
    address: '河南省焦作市解放区民主南路1号',
  };
}

/** A unique part of a parcel's numbers (order, waybill, copNo …): time in base 36 and six random hex digits. */
export const uniqueId = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`.toUpperCase();

/** What a 9610 parcel of either direction declared now at Jiaozuo customs (4614) has: its parties and office. */
export const parcelBasics = () => ({
  now: new Date(),
  tradeMode: '9610' as const,
  customsCode: '4614',
  portCode: '4614',
  platform: PARTIES.platform,
  seller: PARTIES.seller,
  payment: PARTIES.payment,
  logistics: PARTIES.logistics,
  agent: PARTIES.agent,
});

export function parcelSpec(overrides: Partial<ParcelSpec> = {}): ParcelSpec {
  const id = uniqueId();
  return {
    ...parcelBasics(),
    orderNo: `SO${id}`,
    logisticsNo: `LN${id}`,
    payTransactionId: `PAY${id}`,
    copNo: `COP${id}`.slice(0, 20),
    buyer: buyer(),
    items: [MILK],
    freight: '10.00',
    insuredFee: '0',
    agentKey: AGENT_KEY,
    ...overrides,
  };
}

export const parcel = (overrides: Partial<ParcelSpec> = {}) => buildImportParcel(parcelSpec(overrides));

export interface Gateway {
  keys: Record<Role, string>;
  post(role: Role, xml: string): Promise<LightMyRequestResponse>;
}

/** API keys for the demo parties and a poster for the CEB gateway. */
export async function gatewayFor(p: Platform): Promise<Gateway> {
  const keys = {} as Record<Role, string>;
  for (const role of Object.keys(PARTIES) as Role[]) {
    const org = await p.database.db
      .selectFrom('organisations')
      .select('id')
      .where('code', '=', PARTIES[role].code)
      .executeTakeFirstOrThrow();
    keys[role] = (
      await createApiKey({ db: p.database.db }, systemContext(), { name: `test ${role}`, orgId: org.id })
    ).secret;
  }
  return {
    keys,
    post: (role, xml) =>
      p.app.inject({
        method: 'POST',
        url: '/ceb/messages',
        headers: { authorization: `Bearer ${keys[role]}`, 'content-type': 'application/xml' },
        payload: xml,
      }),
  };
}

/** Who sends each message of an import parcel, and the order they usually come in. */
export const IMPORT_SENDER = {
  order: 'platform',
  payment: 'payment',
  waybill: 'logistics',
  inventory: 'agent',
} as const satisfies Record<keyof ParcelMessages, Role>;
export const IMPORT_KINDS = ['order', 'payment', 'waybill', 'inventory'] as const;

/** Posts a parcel's messages (`kinds`, in that order), each from its sender; the gateway's answers. */
export async function sendMessages<K extends string>(
  g: Gateway,
  senders: Record<K, Role>,
  m: Record<K, string>,
  kinds: readonly K[],
): Promise<LightMyRequestResponse[]> {
  const answers = [];
  for (const kind of kinds) answers.push(await g.post(senders[kind], m[kind]));
  return answers;
}

/** Posts an import parcel's messages (all four unless told), each from its sender; the gateway's answers. */
export const sendImport = (
  g: Gateway,
  m: ParcelMessages,
  kinds: readonly (keyof ParcelMessages)[] = IMPORT_KINDS,
) => sendMessages(g, IMPORT_SENDER, m, kinds);

/** Posts an import parcel's messages (`kinds`, in that order), each from its sender, each to be accepted (2). */
export async function sendAccepted(
  g: Gateway,
  m: ParcelMessages,
  kinds: readonly (keyof ParcelMessages)[],
): Promise<void> {
  for (const kind of kinds)
    expect(statuses((await g.post(IMPORT_SENDER[kind], m[kind])).body), IMPORT_SENDER[kind]).toEqual(['2']);
}

/** The import inventory stored for an order number: its id and status. */
export const importInventoryOf = (p: Platform, orderNo: string) =>
  p.database.db
    .selectFrom('import_documents')
    .select(['id', 'status'])
    .where('doc_type', '=', 'inventory')
    .where('order_no', '=', orderNo)
    .executeTakeFirstOrThrow();

/** The tax bill (CEB816 figures) stored for an inventory. */
export const taxBillOf = (p: Platform, inventoryId: string) =>
  p.database.db
    .selectFrom('tax_bills')
    .selectAll()
    .where('document_id', '=', inventoryId)
    .executeTakeFirstOrThrow();

/** The message as sent by `party`: BaseTransfer names it (spec §2.1: the transmitting enterprise). */
export const sentBy = (xml: string, party: Party) =>
  xml.replace(/<ceb:BaseTransfer>[\s\S]*?<\/ceb:BaseTransfer>/, (bt) =>
    bt
      .replace(/<ceb:copCode>[^<]*</, `<ceb:copCode>${party.code}<`)
      .replace(/<ceb:copName>[^<]*</, `<ceb:copName>${party.name}<`)
      .replace(/<ceb:dxpId>[^<]*</, `<ceb:dxpId>${party.dxpId}<`),
  );

/** returnStatus values of a receipt XML, in order. */
export const statuses = (xml: string) =>
  [...xml.matchAll(/<returnStatus>([^<]*)<\/returnStatus>/g)].map((m) => m[1]);
export const infos = (xml: string) =>
  [...xml.matchAll(/<returnInfo>([^<]*)<\/returnInfo>/g)].map((m) => m[1]);
