import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import {
  buildExportArrival,
  buildExportDeparture,
  buildExportParcel,
  buildSummaryApply,
  EXPORT_CATALOGUE,
  type ExportParcelMessages,
  type ExportParcelSpec,
  type SummaryApplySpec,
} from '@crossgate/ceb';
import { parcelBasics, PARTIES, sendMessages, uniqueId, type Gateway, type Role } from './import-kit.ts';

// Export catalogue goods of the simulator.
const goods = (itemNo: string) =>
  EXPORT_CATALOGUE.find((c) => c.itemNo === itemNo) as (typeof EXPORT_CATALOGUE)[number];
export const PHONE = goods('EX-PHONE-01');
export const LAPTOP = goods('EX-LAPTOP-01');
export const DRYER = goods('EX-DRYER-01');

/** A 9610 export parcel of a phone to the US through Jiaozuo customs (4614), fresh numbers each time. */
export function exportSpec(overrides: Partial<ExportParcelSpec> = {}): ExportParcelSpec {
  const id = uniqueId();
  return {
    ...parcelBasics(),
    country: '502',
    orderNo: `EO${id}`,
    logisticsNo: `EL${id}`,
    copNo: `EC${id}`.slice(0, 20),
    items: [PHONE],
    freight: '20.00',
    insuredFee: '0',
    ...overrides,
  };
}

/** Who sends each message of an export parcel, and the order they usually come in. */
export const EXPORT_SENDER: Record<keyof ExportParcelMessages, Role> = {
  order: 'platform',
  receipt: 'payment',
  waybill: 'logistics',
  inventory: 'agent',
};
export const EXPORT_KINDS = ['order', 'receipt', 'waybill', 'inventory'] as const;

/** Posts an export parcel's messages (all four unless told), each from its sender; the gateway's answers. */
export const sendExport = (
  g: Gateway,
  m: ExportParcelMessages,
  kinds: readonly (keyof ExportParcelMessages)[] = EXPORT_KINDS,
) => sendMessages(g, EXPORT_SENDER, m, kinds);

/** The parcel arrives at the regulated site (CEB507 from the warehouse operator). */
export const arriveExport = (g: Gateway, spec: ExportParcelSpec) =>
  g.post(
    'warehouse',
    buildExportArrival({
      now: new Date(),
      customsCode: spec.customsCode,
      copNo: `AR${randomBytes(6).toString('hex')}`,
      logistics: PARTIES.logistics,
      operator: PARTIES.warehouse,
      parcels: [{ logisticsNo: spec.logisticsNo }],
    }),
  );

/** The parcel leaves the country (CEB509 from the carrier). */
export const departExport = (g: Gateway, spec: ExportParcelSpec) =>
  g.post(
    'logistics',
    buildExportDeparture({
      now: new Date(),
      customsCode: spec.customsCode,
      copNo: `DP${randomBytes(6).toString('hex')}`,
      logistics: PARTIES.logistics,
      parcels: [{ logisticsNo: spec.logisticsNo }],
    }),
  );

/** One export parcel from declaration through arrival and departure to 899 结关; the answers to its messages. */
export async function clearExport(g: Gateway, spec: ExportParcelSpec): Promise<LightMyRequestResponse[]> {
  const answers = await sendExport(g, buildExportParcel(spec));
  await arriveExport(g, spec);
  await departExport(g, spec);
  return answers;
}

/** A CEB701 summary application now, in zone 4614 under a fresh copNo: by the demo agent for the demo seller unless told. */
export const summaryApply = (spec: Partial<SummaryApplySpec>): string =>
  buildSummaryApply({
    now: new Date(),
    customsCode: '4614',
    copNo: `SA${randomBytes(6).toString('hex')}`,
    agent: PARTIES.agent,
    seller: PARTIES.seller,
    ...spec,
  });
