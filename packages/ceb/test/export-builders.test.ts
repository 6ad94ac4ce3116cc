import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildExportArrival,
  buildExportCancel,
  buildExportDeparture,
  buildExportParcel,
  buildExportReturn,
  buildReturnTally,
  buildSummaryApply,
  buildWayBillBinding,
  decodeExportMessage,
  EXPORT_CATALOGUE,
  generateExportTraffic,
  generateSm2KeyPair,
  returnLinesOf,
  verifyEnveloped,
  xsdPath,
  type CebObject,
  type ExportParcelSpec,
  type ExportTradeMode,
  type Party,
  type SigningKey,
} from '../src/index.ts';
import { xmllintValidates } from './support/xmllint.ts';

const now = new Date('2026-11-27T02:03:04.005Z');
const party = (code: string, name: string, n: number): Party => ({
  code,
  name,
  dxpId: `DXPENT${String(n).padStart(10, '0')}`,
});
const parties = {
  platform: party('4601960001', '海南跨境出口平台有限公司', 1),
  seller: party('4601960002', '海南出口电商有限公司', 2),
  logistics: party('4601960003', '海口国际物流有限公司', 3),
  agent: party('4601960004', '海口报关行有限公司', 4),
};
const operator = party('4601960005', '海口空港监管场所有限公司', 5);
const payment = party('4601960006', '海南跨境支付有限公司', 6);
const sm2 = generateSm2KeyPair();
const agentKey: SigningKey = { privateKeyPem: sm2.privateKey, keyName: 'SM2-AGENT', algorithm: 'sm2' };
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const logisticsKey: SigningKey = {
  privateKeyPem: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  keyName: 'RSA-LOGISTICS',
};

const parcel = (
  tradeMode: ExportTradeMode,
  n: number,
  extra: Partial<ExportParcelSpec> = {},
): ExportParcelSpec => ({
  now,
  tradeMode,
  customsCode: '4601',
  portCode: '4601',
  country: '502',
  currency: '502',
  orderNo: `EO2026112700${n}`,
  logisticsNo: `EL2026112700${n}`,
  copNo: `EC2026112700${n}`,
  ...parties,
  items: EXPORT_CATALOGUE.slice(0, 3),
  freight: '12.50',
  insuredFee: '0',
  ...extra,
});

const valid = async (docs: string[]) =>
  expect(await xmllintValidates(xsdPath('202205', 'export'), docs)).toEqual(docs.map(() => true));
const decoded = (xml: string) => {
  const r = decodeExportMessage(xml);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
};
const entity = (xml: string, name: string) => (decoded(xml).message[name] as CebObject[])[0] as CebObject;
const field = (o: CebObject, path: string) =>
  path.split('.').reduce<unknown>((v, k) => {
    const x = (v as CebObject)[k];
    return Array.isArray(x) ? x[0] : x;
  }, o);

describe('export parcel builders', () => {
  const cases: [string, ExportParcelSpec][] = [
    ['9610 retail, summary declaration', parcel('9610', 1)],
    ['9610 retail, simplified declaration (A)', parcel('9610', 2, { statisticsFlag: 'A' })],
    ['9710 B2B direct', parcel('9710', 3, { payment, payNo: 'EP20261127003' })],
    ['9810 overseas warehouse', parcel('9810', 4)],
    [
      '1210 special-zone export',
      parcel('1210', 5, {
        area: party('4601960007', '海口综保区仓储有限公司', 7),
        emsNo: 'T4601W000001',
        items: [{ ...(EXPORT_CATALOGUE[0] as ExportParcelSpec['items'][0]), itemRecordNo: '1' }],
      }),
    ],
    ['signed inventory', parcel('9610', 6, { agentKey })],
  ];

  it('write order, receipt, waybill and inventory that validate against the export XSD (xmllint) and decode', async () => {
    const docs = cases.flatMap(([, spec]) => Object.values(buildExportParcel(spec)));
    await valid(docs);
    expect(docs.map((d) => decoded(d).spec.type)).toEqual(
      cases.flatMap(() => ['CEB303Message', 'CEB403Message', 'CEB505Message', 'CEB603Message']),
    );
  });

  it('keep amounts, numbers and codes consistent across the four documents', () => {
    const spec = parcel('9710', 7, { payment, payNo: 'EP20261127007' });
    const m = buildExportParcel(spec);
    const order = entity(m.order, 'Order');
    const receipt = entity(m.receipt, 'Receipts');
    const waybill = entity(m.waybill, 'Logistics');
    const inventory = entity(m.inventory, 'Inventory');
    // 180 + 420 + 25 (one of each catalogue line) = 625 FOB; the receipt collects goods + freight.
    expect(field(order, 'OrderHead.goodsValue')).toBe('625.00');
    expect(field(order, 'OrderHead.orderType')).toBe('B');
    expect(field(receipt, 'charge')).toBe('637.50');
    expect([field(receipt, 'payCode'), field(receipt, 'payNo')]).toEqual(['4601960006', 'EP20261127007']);
    expect(field(waybill, 'logisticsNo')).toBe(field(inventory, 'InventoryHead.logisticsNo'));
    expect(field(inventory, 'InventoryHead.orderNo')).toBe(spec.orderNo);
    expect(field(inventory, 'InventoryHead.tradeMode')).toBe('9710');
    expect(field(inventory, 'InventoryHead.ieFlag')).toBe('E');
    expect((inventory.InventoryList as CebObject[]).map((l) => [l.gnum, l.gcode, l.totalPrice])).toEqual([
      ['1', '8517130000', '180.00'],
      ['2', '8471300000', '420.00'],
      ['3', '8516310000', '25.00'],
    ]);
    expect((order.OrderList as CebObject[]).map((l) => l.gnum)).toEqual(['1', '2', '3']);
  });

  it('pick the order type from the trade mode and write simplified (A) codes by their first 4 digits', () => {
    const types = (['9610', '9710', '9810', '1210'] as const).map((mode) =>
      field(entity(buildExportParcel(parcel(mode, 8)).order, 'Order'), 'OrderHead.orderType'),
    );
    expect(types).toEqual(['E', 'B', 'W', 'E']);
    const a = entity(buildExportParcel(parcel('9610', 9, { statisticsFlag: 'A' })).inventory, 'Inventory');
    expect((a.InventoryList as CebObject[]).map((l) => l.gcode)).toEqual([
      '8517000000',
      '8471000000',
      '8516000000',
    ]);
  });

  it('say 现金支付 and send the receipt as the seller when no payment firm collected', () => {
    const m = buildExportParcel(parcel('9610', 10));
    expect(field(entity(m.receipt, 'Receipts'), 'payName')).toBe('现金支付');
    expect(field(decoded(m.receipt).message, 'BaseTransfer.copCode')).toBe(parties.seller.code);
  });

  it('sign the inventory with the agent key when given, verifiable with the public key', () => {
    const { inventory, order } = buildExportParcel(parcel('9610', 11, { agentKey }));
    expect(verifyEnveloped(inventory, { algorithm: 'sm2', publicKey: sm2.publicKey })).toEqual({ ok: true });
    expect(decoded(inventory).message.Signature).toBeDefined();
    expect(decoded(order).message.Signature).toBeUndefined();
  });
});

describe('export follow-up builders', () => {
  const spec = parcel('9610', 20, { agentKey });
  const invtNo = '46012026E000000020';
  const batch = {
    now,
    customsCode: '4601',
    copNo: 'BATCH20261127001',
    loctNo: '4601A',
    logistics: parties.logistics,
    parcels: [
      { logisticsNo: 'EL202611270020', invtNo, totalPackageNo: 'PKG001' },
      { logisticsNo: 'EL202611270021' },
    ],
  };
  const docs = {
    arrival: buildExportArrival({ ...batch, operator }, logisticsKey),
    arrivalDraft: buildExportArrival({ ...batch, operator, appStatus: '1' }),
    departure: buildExportDeparture({ ...batch, leaveTime: new Date('2026-11-27T12:00:00Z') }, logisticsKey),
    binding: buildWayBillBinding({ ...batch, agent: parties.agent, grossWeight: '12.5' }, agentKey),
    cancel: buildExportCancel(spec, invtNo, '买家取消订单'),
    summaryByList: buildSummaryApply(
      {
        now,
        customsCode: '4601',
        copNo: 'SUM20261201001',
        agent: parties.agent,
        seller: parties.seller,
        invtNos: [invtNo, '46012026E000000021'],
      },
      agentKey,
    ),
    summaryByPeriod: buildSummaryApply({
      now,
      customsCode: '4601',
      copNo: 'SUM20261201002',
      agent: parties.agent,
      seller: parties.seller,
      declAgent: party('4601960008', '海口报关单申报有限公司', 8),
      period: { start: new Date('2026-10-31T16:00:00Z'), end: new Date('2026-11-30T15:59:59Z') },
      summaryFlag: '2',
      itemNameFlag: '0',
    }),
    return9661: buildExportReturn(spec, {
      invtNo,
      lines: returnLinesOf(spec).slice(0, 1),
      reason: '买家退货',
    }),
    return1261: buildExportReturn(parcel('1210', 21), {
      invtNo,
      lines: returnLinesOf(parcel('1210', 21)),
      reason: '海外退货',
      logisticsNo: 'RL2026120100001',
      transport: { trafMode: '2', trafName: 'COSCO SHIPPING', voyageNo: '052E', billNo: 'COSU6123456780' },
    }),
    tally: buildReturnTally(spec, { operator, invtNo, location: 'A-01-03' }),
  };

  it('validate against the export XSD (xmllint) and decode as their message types', async () => {
    await valid(Object.values(docs));
    expect(Object.fromEntries(Object.entries(docs).map(([k, xml]) => [k, decoded(xml).spec.type]))).toEqual({
      arrival: 'CEB507Message',
      arrivalDraft: 'CEB507Message',
      departure: 'CEB509Message',
      binding: 'CEB607Message',
      cancel: 'CEB605Message',
      summaryByList: 'CEB701Message',
      summaryByPeriod: 'CEB701Message',
      return9661: 'CEB213Message',
      return1261: 'CEB213Message',
      tally: 'CEB215Message',
    });
  });

  it('carry the batch lines, times and trade modes the spec asks for', () => {
    const arrival = entity(docs.arrival, 'Arrival');
    expect((arrival.ArrivalList as CebObject[]).map((l) => [l.gnum, l.logisticsNo])).toEqual([
      ['1', 'EL202611270020'],
      ['2', 'EL202611270021'],
    ]);
    expect(field(arrival, 'ArrivalHead.ieFlag')).toBe('E');
    expect(field(entity(docs.arrivalDraft, 'Arrival'), 'ArrivalHead.appStatus')).toBe('1');
    expect(field(entity(docs.departure, 'Departure'), 'DepartureHead.leaveTime')).toBe('20261127200000');
    expect((entity(docs.binding, 'WayBill').WayBillList as CebObject[])[0]).toMatchObject({ invtNo });
    expect(field(entity(docs.summaryByPeriod, 'SummaryApply'), 'SummaryApplyHead.startTime')).toBe(
      '20261101000000',
    );
    expect(entity(docs.summaryByPeriod, 'SummaryApply').SummaryApplyList).toBeUndefined();
    expect(
      (entity(docs.summaryByList, 'SummaryApply').SummaryApplyList as CebObject[]).map((l) => l.invtNo),
    ).toEqual([invtNo, '46012026E000000021']);
    expect(field(entity(docs.return9661, 'InvtRefund'), 'InvtRefundHead.tradeMode')).toBe('9661');
    expect(field(entity(docs.return9661, 'InvtRefund'), 'InvtRefundHead.ieFlag')).toBe('I');
    expect(field(entity(docs.return1261, 'InvtRefund'), 'InvtRefundHead.tradeMode')).toBe('1261');
    expect(field(entity(docs.return1261, 'InvtRefund'), 'InvtRefundHead.billNo')).toBe('COSU6123456780');
    expect(field(entity(docs.return9661, 'InvtRefund'), 'InvtRefundHead.billNo')).toBe(spec.logisticsNo);
  });

  it('sign with the key given, and leave the others unsigned', () => {
    const rsaPublic = {
      algorithm: 'rsa' as const,
      publicKey: rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    };
    const sm2Public = { algorithm: 'sm2' as const, publicKey: sm2.publicKey };
    expect(verifyEnveloped(docs.arrival, rsaPublic)).toEqual({ ok: true });
    expect(verifyEnveloped(docs.departure, rsaPublic)).toEqual({ ok: true });
    for (const xml of [docs.binding, docs.cancel, docs.summaryByList, docs.return9661])
      expect(verifyEnveloped(xml, sm2Public)).toEqual({ ok: true });
    expect(verifyEnveloped(docs.summaryByPeriod, sm2Public)).toMatchObject({
      ok: false,
      reason: 'NO_SIGNATURE',
    });
  });
});

describe('export traffic', () => {
  const options = {
    parcels: 40,
    seed: 2026,
    now,
    parties,
    customsCode: '4601',
    portCode: '4601',
    runId: 'T1',
  };

  it('is the same for the same seed and differs for another', () => {
    expect(generateExportTraffic(options)).toEqual(generateExportTraffic(options));
    expect(generateExportTraffic({ ...options, seed: 7 })).not.toEqual(generateExportTraffic(options));
  });

  it('mixes 9610 retail with 9710/9810 consignments whose messages all validate (xmllint)', async () => {
    const specs = generateExportTraffic(options);
    const modes = new Set(specs.map((s) => s.tradeMode));
    expect(modes.has('9610') && (modes.has('9710') || modes.has('9810'))).toBe(true);
    expect(new Set(specs.map((s) => s.orderNo)).size).toBe(specs.length);
    await valid(specs.flatMap((s) => Object.values(buildExportParcel(s))));
  });
});
