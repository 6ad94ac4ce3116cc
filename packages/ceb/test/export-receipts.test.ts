import { describe, expect, it } from 'vitest';
import {
  CEB_NS,
  cebReturnTime,
  codeDesc,
  EXPORT_REFUSAL_CODES,
  NEGATIVE_CODES,
  negativeInfo,
  officialSchema,
  parseXml,
  receiptXml,
  summaryResultXml,
  validateElement,
  xsdPath,
  type Export,
  type ExportReceiptEntities,
  type ExportReceiptType,
} from '../src/index.ts';
import { xmllintValidates } from './support/xmllint.ts';

const now = new Date('2026-11-27T02:03:04.005Z'); // 10:03:04.005 in China Standard Time
const returnTime = cebReturnTime(now);
const guid = 'A1B2C3D4-0000-4000-8000-000000000002';
// Realistic export identifiers (ceb-reference §10): invtNo = 4 customs + 4 year + E + 9 serial; preNo = B + date + 9.
const invtNo = '46012026E000000001';
const preNo = 'B20261127000000001';
const agentCode = '4601960004';
const ebcCode = '4601960002';
const ebpCode = '4601960001';
const logisticsCode = '4601960003';
const operatorCode = '4601960005';

/** One entity of every export receipt, with the values a real customs answer carries. */
const ENTITIES: { [K in ExportReceiptType]: ExportReceiptEntities[K] } = {
  CEB304Message: {
    guid,
    ebpCode,
    ebcCode,
    orderNo: 'EO2026112700001',
    returnStatus: '2',
    returnTime,
    returnInfo: `新增申报成功[${guid}]`,
  },
  CEB404Message: {
    guid,
    ebcCode,
    orderNo: 'EO2026112700001',
    payNo: 'EP2026112700001',
    returnStatus: '120',
    returnTime,
    returnInfo: codeDesc('1800', '逻辑校验通过'),
  },
  CEB506Message: {
    guid,
    logisticsCode,
    logisticsNo: 'EL2026112700001',
    returnStatus: '-504015',
    returnTime,
    returnInfo: negativeInfo('-504015'),
  },
  CEB508Message: {
    guid,
    operatorCode,
    logisticsCode,
    preNo,
    copNo: 'ARR20261127001',
    billNo: '999-10000001',
    msgSeqNo: '1',
    returnStatus: '120',
    returnTime,
    returnInfo: '运抵成功',
  },
  CEB510Message: {
    guid,
    logisticsCode,
    copNo: 'DEP20261127001',
    preNo,
    msgSeqNo: '1',
    returnStatus: '399',
    returnTime,
    returnInfo: '离境审结',
  },
  CEB604Message: {
    guid,
    agentCode,
    copNo: 'EC2026112700001',
    preNo,
    invtNo,
    ebcCode,
    ebpCode,
    orderNo: 'EO2026112700001',
    statisticsFlag: 'B',
    returnStatus: '800',
    returnTime,
    returnInfo: codeDesc('2600', '放行'),
  },
  CEB606Message: {
    guid,
    agentCode,
    copNo: 'CEC2026112700001',
    preNo: 'B20261128000000002',
    invtNo,
    returnStatus: '-623005',
    returnTime,
    returnInfo: negativeInfo('-623005', invtNo),
  },
  CEB608Message: {
    guid,
    agentCode,
    logisticsCode,
    copNo: 'WB20261127001',
    preNo: 'B20261127000000003',
    billNo: '999-10000001',
    msgSeqNo: '1',
    returnStatus: '120',
    returnTime,
    returnInfo: '入库',
  },
  CEB702Message: {
    guid,
    agentCode,
    ebcCode,
    copNo: 'SUM20261201001',
    preNo: 'B20261201000000001',
    sumNo: 'S46012026120100001',
    msgSeqNo: '1',
    returnStatus: '399',
    returnTime,
    returnInfo: '汇总完成',
  },
  CEB214Message: {
    guid,
    ebpCode,
    ebcCode,
    agentCode,
    coElNo: 'REC2026112700001',
    preNo: 'T20261127000000001',
    invtNo,
    returnStatus: '-625022',
    returnTime,
    returnInfo: negativeInfo('-625022', 'REC2026112700001'),
  },
  CEB216Message: {
    guid,
    operatorCode,
    logisticsCode,
    logisticsNo: 'EL2026112700001',
    coElNo: 'T2026112700001',
    returnStatus: '2',
    returnTime,
    returnInfo: '新增申报成功',
  },
};

const summaryResult = (declSeqNo: string, lines: number): Export.SummaryResult => ({
  SummaryResultHead: {
    guid,
    customsCode: '4601',
    sumNo: 'S46012026120100001',
    opDate: returnTime,
    declSeqNo,
    decState: 'A',
    agentCode,
    agentName: '海口报关行有限公司',
    ebcCode,
    ebcName: '海南出口电商有限公司',
    declAgentCode: agentCode,
    declAgentName: '海口报关行有限公司',
    grossWeight: '45.2',
    netWeight: '45',
    msgCount: '1',
    msgSeqNo: '1',
  },
  SummaryResultList: Array.from({ length: lines }, (_, i) => ({
    invtNo: `46012026E${String(i + 1).padStart(9, '0')}`,
    logisticsNo: `EL20261127${String(i + 1).padStart(5, '0')}`,
    gseqno: String(Math.floor(i / 2) + 1),
    gnum: '1',
    gcode: '8516310000',
  })),
});

describe('export receipts Crossgate emits', () => {
  it('validate against the official 202205 export XSD (xmllint), one of each type', async () => {
    const types = Object.keys(ENTITIES) as ExportReceiptType[];
    expect(types.length).toBe(11);
    const docs = types.map((t) => receiptXml(t, [ENTITIES[t] as never]));
    expect(await xmllintValidates(xsdPath('202205', 'export'), docs)).toEqual(docs.map(() => true));
    expect(docs[0]).toContain('<CEB304Message xmlns="http://www.chinaport.gov.cn/ceb" guid=');
    // Our own validator reads them back without an error and with the values given.
    docs.forEach((xml, i) => {
      const parsed = parseXml(xml);
      if (!parsed.ok) throw new Error(xml);
      const decl = officialSchema('202205', 'export').element(CEB_NS, types[i] as string);
      if (!decl) throw new Error(types[i]);
      const { value, errors } = validateElement(parsed.root, decl);
      expect(errors).toEqual([]);
      expect(Object.values(value).find(Array.isArray)).toEqual([ENTITIES[types[i] as ExportReceiptType]]);
    });
  });

  it('answer a whole batch in one receipt (up to 100 entities, XSD maxOccurs)', async () => {
    const many = Array.from({ length: 100 }, (_, i) => ({
      ...ENTITIES.CEB604Message,
      copNo: `EC${i}`,
    }));
    expect(await xmllintValidates(xsdPath('202205', 'export'), [receiptXml('CEB604Message', many)])).toEqual([
      true,
    ]);
    expect(() => receiptXml('CEB604Message', [...many, ENTITIES.CEB604Message])).toThrow(/at most 100/);
  });

  it('leave out an echoed optional value that does not fit the receipt XSD, and refuse a required one', async () => {
    // CEB214 preNo is C..18 in the receipt: a sender's longer copy is dropped, not sent invalid.
    const xml = receiptXml('CEB214Message', [{ ...ENTITIES.CEB214Message, preNo: 'T2026112700000000012' }]);
    expect(xml).not.toContain('<preNo>');
    expect(await xmllintValidates(xsdPath('202205', 'export'), [xml])).toEqual([true]);
    // CEB604 preNo is exactly 18: a receipt without a proper pre-entry number is a bug.
    expect(() =>
      receiptXml('CEB604Message', [{ ...ENTITIES.CEB604Message, preNo: 'B2026112700001' }]),
    ).toThrow(/InventoryReturn.preNo .* does not fit/);
    expect(() =>
      receiptXml('CEB508Message', [{ ...ENTITIES.CEB508Message, billNo: undefined } as never]),
    ).toThrow(/ArrivalReturn.billNo is required/);
  });

  it('refuse a root that is not a receipt of the catalogues', () => {
    expect(() => receiptXml('CEB792Message' as never, [])).toThrow(/not a receipt/);
  });

  it('still write import receipts from the import XSD', async () => {
    const xml = receiptXml('CEB312Message', [
      { guid, ebpCode, ebcCode, orderNo: 'SO-1', returnStatus: '2', returnTime, returnInfo: '新增申报成功' },
    ]);
    expect(await xmllintValidates(xsdPath('202205', 'import'), [xml])).toEqual([true]);
  });
});

describe('CEB792 summary result', () => {
  it('writes one SummaryResult per resulting declaration, valid against the export XSD (xmllint)', async () => {
    const xml = summaryResultXml([
      summaryResult('S46012026120100001', 3),
      summaryResult('S46012026120100002', 1),
    ]);
    expect(await xmllintValidates(xsdPath('202205', 'export'), [xml])).toEqual([true]);
    expect(xml.match(/<SummaryResult>/g)?.length).toBe(2);
    expect(xml.match(/<gseqno>/g)?.length).toBe(4);
  });

  it('allows a declaration head without list rows, and a released declaration with its entryId', async () => {
    const head = summaryResult('S46012026120100003', 0).SummaryResultHead;
    const xml = summaryResultXml([
      { SummaryResultHead: { ...head, entryId: '460120261000000001', decState: '10' } },
    ]);
    expect(await xmllintValidates(xsdPath('202205', 'export'), [xml])).toEqual([true]);
  });

  it('refuses what the XSD would refuse: more than 100 declarations, a short declSeqNo, a missing gseqno', () => {
    const one = summaryResult('S46012026120100001', 1);
    expect(() => summaryResultXml(Array.from({ length: 101 }, () => one))).toThrow(/at most 100/);
    expect(() =>
      summaryResultXml([{ ...one, SummaryResultHead: { ...one.SummaryResultHead, declSeqNo: 'S1' } }]),
    ).toThrow(/declSeqNo .* does not fit/);
    const [row] = one.SummaryResultList ?? [];
    const { gseqno: _dropped, ...withoutGseqno } = row as Export.SummaryResultList;
    expect(() => summaryResultXml([{ ...one, SummaryResultList: [withoutGseqno as never] }])).toThrow(
      /SummaryResultList.gseqno is required/,
    );
  });
});

describe('negative codes of the export side (spec 202205 table 7-2)', () => {
  it('name a table 7-2 code for every usual refusal of the messages the table covers', () => {
    for (const [type, codes] of Object.entries(EXPORT_REFUSAL_CODES)) {
      for (const code of Object.values(codes ?? {}))
        expect(NEGATIVE_CODES, `${type} ${code}`).toHaveProperty([code]);
    }
    expect(Object.keys(EXPORT_REFUSAL_CODES).sort()).toEqual([
      'CEB213Message',
      'CEB303Message',
      'CEB403Message',
      'CEB505Message',
      'CEB603Message',
      'CEB605Message',
    ]);
  });

  it('write the spec texts with their values', () => {
    expect(negativeInfo('-621004', invtNo)).toBe(`清单[${invtNo}]已经申报过，请勿重复申报`);
    expect(negativeInfo('-623003', invtNo)).toBe(`系统中不存在清单编号为[${invtNo}]的清单！`);
    expect(negativeInfo('-625209', 'REC1', '2', '8516310000')).toBe(
      '退货申请单[REC1],在关联的清单中未找到表体序号为[2],商品编号为[8516310000]的数据',
    );
    expect(negativeInfo('-504012')).toBe('物流运单已存在');
    expect(negativeInfo('-301002')).toBe('订单商品信息内有重复商品序号');
    expect(negativeInfo('-625010', 'REC1', '1', 'gname', '电吹风', '电风扇')).toBe(
      '退货申请单[REC1]表体第[1]项的[gname][电吹风]与备案库[电风扇]不一致！',
    );
  });
});
