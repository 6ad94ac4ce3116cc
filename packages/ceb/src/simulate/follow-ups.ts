import type * as T from '../generated/import-202205.ts';
import { newCebGuid } from '../receipts.ts';
import { officialSchema } from '../schemas.ts';
import { signEnveloped, type SigningKey } from '../signature.ts';
import { cebAppTime, cebDate } from '../time.ts';
import { CEB_NS } from '../xsd/model.ts';
import { serialize } from '../xsd/serialize.ts';
import type { CebObject } from '../xsd/validate.ts';
import type { Party, ParcelSpec } from './parcel.ts';

const bt = (p: Party) =>
  ({ copCode: p.code, copName: p.name, dxpMode: 'DXP', dxpId: p.dxpId }) as unknown as CebObject;

function build(root: string, value: CebObject, key?: SigningKey): string {
  const decl = officialSchema('202205', 'import').element(CEB_NS, root);
  if (!decl) throw new Error(root);
  const xml = serialize(
    decl,
    { '@guid': newCebGuid(), '@version': '1.0', ...value },
    { prefix: 'ceb', declaration: false, pending: key ? ['Signature'] : [] },
  );
  return key ? signEnveloped(xml, key) : xml;
}

const common = (spec: ParcelSpec) => ({
  guid: newCebGuid(),
  appType: '1',
  appTime: cebAppTime(spec.now),
  appStatus: '2',
  customsCode: spec.customsCode,
  orderNo: spec.orderNo,
  ebpCode: spec.platform.code,
  ebpName: spec.platform.name,
  ebcCode: spec.seller.code,
  ebcName: spec.seller.name,
  logisticsNo: spec.logisticsNo,
  logisticsCode: spec.logistics.code,
  logisticsName: spec.logistics.name,
});

/** The buyer and the declaring agent, as a cancel (CEB623) and a return (CEB625) both carry them. */
const buyerAndAgent = (spec: ParcelSpec) => ({
  buyerIdType: '1',
  buyerIdNumber: spec.buyer.idNumber,
  buyerName: spec.buyer.name,
  buyerTelephone: spec.buyer.telephone,
  agentCode: spec.agent.code,
  agentName: spec.agent.name,
});

/** CEB623: the agent asks customs to cancel an accepted inventory (撤单), with a reason. */
export function buildCancel(spec: ParcelSpec, invtNo: string, reason: string): string {
  const cancel: T.InvtCancel = {
    ...common(spec),
    copNo: `C${spec.copNo}`.slice(0, 20),
    invtNo,
    ...buyerAndAgent(spec),
    reason,
  };
  return build(
    'CEB623Message',
    { InvtCancel: [cancel] as unknown as CebObject[], BaseTransfer: bt(spec.agent) },
    spec.agentKey,
  );
}

/** CEB625: a return application (退货申请单) for some lines of a released inventory. */
export function buildRefund(
  spec: ParcelSpec,
  invtNo: string,
  lines: { gnum: string; gcode: string; gname: string; qty: string; unit: string }[],
  reason: string,
): string {
  const head: T.InvtRefundHead = {
    ...common(spec),
    copNo: `R${spec.copNo}`.slice(0, 20),
    invtNo,
    ...buyerAndAgent(spec),
    reason,
  };
  const list: T.InvtRefundList[] = lines.map((l) => ({
    gnum: l.gnum,
    gcode: l.gcode,
    gname: l.gname,
    qty: l.qty,
    unit: l.unit,
  }));
  return build(
    'CEB625Message',
    {
      InvtRefund: [{ InvtRefundHead: head, InvtRefundList: list }] as unknown as CebObject[],
      BaseTransfer: bt(spec.agent),
    },
    spec.agentKey,
  );
}

/** CEB513: the carrier reports the parcel signed for (logisticsStatus S). */
export function buildWaybillStatus(spec: ParcelSpec): string {
  const status: T.LogisticsStatus = {
    guid: newCebGuid(),
    appType: '1',
    appTime: cebAppTime(spec.now),
    appStatus: '2',
    logisticsCode: spec.logistics.code,
    logisticsName: spec.logistics.name,
    logisticsNo: spec.logisticsNo,
    logisticsStatus: 'S',
    logisticsTime: cebAppTime(spec.now),
  };
  return build('CEB513Message', {
    LogisticsStatus: [status] as unknown as CebObject[],
    BaseTransfer: bt(spec.logistics),
  });
}

/** CEB711: the supervised-site operator's warehousing detail: which waybills arrived under which bill. */
export function buildDelivery(
  operator: Party,
  key: SigningKey,
  spec: ParcelSpec,
  logisticsNos: string[],
): string {
  const head: T.DeliveryHead = {
    guid: newCebGuid(),
    appType: '1',
    appTime: cebAppTime(spec.now),
    appStatus: '2',
    customsCode: spec.customsCode,
    copNo: `D${cebDate(spec.now)}${logisticsNos.length}`.slice(0, 20),
    operatorCode: operator.code,
    operatorName: operator.name,
    ieFlag: 'I',
    trafMode: '5',
    trafNo: 'CA1234',
    voyageNo: 'CA1234',
    billNo: `MAWB${spec.orderNo.slice(-8)}`,
    logisticsCode: spec.logistics.code,
    logisticsName: spec.logistics.name,
  };
  const list: T.DeliveryList[] = logisticsNos.map((n, i) => ({ gnum: String(i + 1), logisticsNo: n }));
  return build(
    'CEB711Message',
    {
      Delivery: { DeliveryHead: head, DeliveryList: list } as unknown as CebObject,
      BaseTransfer: bt(operator),
    },
    key,
  );
}
