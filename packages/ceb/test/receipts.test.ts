import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cebAppTime,
  cebReturnTime,
  codeDesc,
  echoOf,
  formatReceiptXml,
  formatRefusalReceipt,
  negativeInfo,
  parseCebTime,
  receiptXml,
  taxBillXml,
  taxStatusXml,
  withEcho,
  withoutEcho,
  xsdPath,
} from '../src/index.ts';
import { generatedSources } from '../src/generated-sources.ts';
import { xmllintValidates } from './support/xmllint.ts';

const now = new Date('2026-11-27T02:03:04.005Z'); // 10:03:04.005 in China Standard Time
const returnTime = cebReturnTime(now);

describe('receipts Crossgate emits', () => {
  it('validate against the official 202205 XSD (xmllint)', async () => {
    const guid = 'A1B2C3D4-0000-4000-8000-000000000001';
    const docs = [
      receiptXml('CEB312Message', [
        {
          guid,
          ebpCode: '4614960001',
          ebcCode: '4614960002',
          orderNo: 'SO-1',
          returnStatus: '2',
          returnTime,
          returnInfo: '新增申报成功',
        },
      ]),
      receiptXml('CEB412Message', [
        {
          guid,
          payCode: '4614960004',
          payTransactionId: 'PAY-1',
          returnStatus: '120',
          returnTime,
          returnInfo: codeDesc('1800', '逻辑校验通过'),
        },
      ]),
      receiptXml('CEB512Message', [
        {
          guid,
          logisticsCode: '4614960005',
          logisticsNo: 'LN-1',
          returnStatus: '-504015',
          returnTime,
          returnInfo: negativeInfo('-504015'),
        },
      ]),
      receiptXml('CEB514Message', [
        {
          guid,
          logisticsCode: '4614960005',
          logisticsNo: 'LN-1',
          logisticsStatus: 'S',
          returnStatus: '2',
          returnTime,
          returnInfo: '新增申报成功',
        },
      ]),
      receiptXml('CEB622Message', [
        {
          guid,
          customsCode: '4614',
          ebpCode: '4614960001',
          ebcCode: '4614960002',
          agentCode: '4614960006',
          copNo: 'COP-1',
          preNo: 'B20261127000000001',
          invtNo: '46142026I000000001',
          returnStatus: '800',
          returnTime,
          returnInfo: codeDesc('2600', '放行'),
        },
      ]),
      receiptXml('CEB624Message', [
        {
          guid,
          customsCode: '4614',
          copNo: 'CANCEL-1',
          preNo: 'B20261127000000002',
          invtNo: '46142026I000000001',
          returnStatus: '399',
          returnTime,
          returnInfo: '审结',
        },
      ]),
      receiptXml('CEB626Message', [
        {
          guid,
          customsCode: '4614',
          copNo: 'REFUND-1',
          preNo: 'B20261127000000003',
          invtNo: '46142026I000000001',
          returnStatus: '120',
          returnTime,
          returnInfo: '入库',
        },
      ]),
      receiptXml('CEB712Message', [
        {
          guid,
          customsCode: '4614',
          operatorCode: '4614960007',
          returnStatus: '2',
          returnTime,
          returnInfo: '新增申报成功',
        },
      ]),
      taxBillXml([
        {
          TaxHeadRd: {
            guid,
            returnTime,
            invtNo: '46142026I000000001',
            taxNo: '46142026I000000001_1',
            customsTax: '0',
            valueAddedTax: '37.31',
            consumptionTax: '0',
            status: '1',
            assureCode: '4614960006',
            ebcCode: '4614960002',
            logisticsCode: '4614960005',
            agentCode: '4614960006',
            customsCode: '4614',
          },
          TaxListRd: [
            {
              gnum: '1',
              gcode: '2201101000',
              taxPrice: '410',
              customsTax: '0',
              valueAddedTax: '37.31',
              consumptionTax: '0',
            },
          ],
        },
      ]),
      taxStatusXml([
        {
          guid,
          returnTime,
          invtNo: '46142026I000000001',
          taxNo: '46142026I000000001_1',
          status: '2',
          entDutyNo: '4614202612274614960006' + '0001',
          assureCode: '4614960006',
        },
      ]),
      formatReceiptXml({
        guid,
        returnStatus: '-2',
        returnInfo: '[Code:0002;Desc:数据包不能通过schema验证] …',
        returnTime,
        oriCopMsgId: 'COP-1',
        oriMessageType: 'CEB311Message',
        oriBizMessage: '<ceb:CEB311Message/>',
      }),
    ];
    expect(await xmllintValidates(xsdPath('202205', 'import'), docs)).toEqual(docs.map(() => true));
    expect(docs[0]).toContain('<CEB312Message xmlns="http://www.chinaport.gov.cn/ceb" guid=');
  });

  it('refuses to emit a receipt that lacks a required field', () => {
    expect(() =>
      receiptXml('CEB312Message', [{ guid: 'A1B2C3D4-0000-4000-8000-000000000001' } as never]),
    ).toThrow(/required/);
    expect(() => receiptXml('CEB312Message', [{ guid: 'x' } as never])).toThrow(/does not fit/);
  });

  it('writes the spec texts of negative codes with their values', () => {
    expect(negativeInfo('-621018', 'B20261127000000001', '张三', '25000.00', '26000')).toBe(
      '清单[B20261127000000001]中购买人[张三]已用购买额度为[25000.00]，本次购买将超过年度限额[26000]',
    );
  });
});

describe('CEB900 kept without its echo of the refused message (decision 0021)', () => {
  const entry = {
    guid: 'A1B2C3D4-0000-4000-8000-000000000009',
    returnStatus: '-1',
    returnInfo: '[Code:0001;Desc:报文格式错误] /: MALFORMED',
    returnTime,
    oriCopMsgId: '-',
    oriMessageType: 'Unknown',
  };
  const guid = 'A1B2C3D4-0000-4000-8000-00000000000A';
  const bodies = [
    '<ceb:CEB311Message><buyerIdNumber>41080219850707321X</buyerIdNumber>',
    'a & b < c > d "$&" $1 \u0000 \uFFFE \uD800 not XML',
    `<x>${'订购人'.repeat(40_000)}</x>`, // over the 100,000 echoed: cut, '...'
    '',
  ];

  it('stores no part of the message, and answers exactly what formatReceiptXml writes with the echo', async () => {
    const stored = formatRefusalReceipt(entry, guid);
    expect(stored).not.toContain('41080219850707321X');
    for (const body of bodies) {
      const answer = withEcho(stored, body);
      expect(answer).toBe(formatReceiptXml({ ...entry, oriBizMessage: echoOf(body) }, guid));
      // Made again from what is stored, the answer is the same bytes (a replay).
      expect(withEcho(stored, body)).toBe(answer);
      // A receipt stored whole by an earlier version gives its slot back.
      expect(withoutEcho(answer, body)).toBe(stored);
    }
    expect(echoOf(bodies[2] as string)).toHaveLength(100_003);
    expect(
      await xmllintValidates(xsdPath('202205', 'import'), [stored, withEcho(stored, bodies[0] as string)]),
    ).toEqual([true, true]);
  });

  it('leaves any other receipt, and a whole CEB900 it cannot give back exactly, as they are', () => {
    const other = receiptXml('CEB312Message', [
      {
        guid: 'A1B2C3D4-0000-4000-8000-000000000001',
        ebpCode: '4614960001',
        ebcCode: '4614960002',
        orderNo: 'SO1',
        returnStatus: '2',
        returnTime,
        returnInfo: '新增申报成功',
      },
    ]);
    expect(withEcho(other, 'x')).toBe(other);
    const whole = formatReceiptXml({ ...entry, oriBizMessage: 'something else' }, guid);
    expect(withoutEcho(whole, 'the message')).toBeUndefined();
  });
});

describe('CEB times (China Standard Time)', () => {
  it('writes returnTime as C17 and appTime as C14 in UTC+8', () => {
    expect(returnTime).toBe('20261127100304005');
    expect(cebAppTime(now)).toBe('20261127100304');
  });

  it('reads C14 times back and refuses impossible dates', () => {
    expect(parseCebTime('20261127100304')?.toISOString()).toBe('2026-11-27T02:03:04.000Z');
    expect(parseCebTime('20261331100304')).toBeUndefined();
    expect(parseCebTime('2026-11-27')).toBeUndefined();
  });
});

describe('generated types', () => {
  it('are up to date with the vendored XSDs (regenerate with packages/ceb/scripts/generate-types.ts)', () => {
    for (const { path, text } of generatedSources()) expect(readFileSync(path, 'utf8')).toBe(text);
  });
});
