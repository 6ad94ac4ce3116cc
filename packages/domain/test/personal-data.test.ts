import { describe, expect, it } from 'vitest';
import {
  maskAddress,
  maskBody,
  maskIdNumber,
  maskFieldError,
  maskIssue,
  maskIssueShown,
  maskName,
  maskPhone,
  isSealedField,
  maskValuesIn,
} from '../src/privacy/personal-data.ts';

describe('personal data display masking (GB/T 35273-2020 展示限制)', () => {
  it('keeps the region and the last four characters of an 18-character ID number', () => {
    expect(maskIdNumber('41080219900101123X')).toBe('410802********123X');
  });

  it('keeps less of a short ID number, and hides a very short one entirely', () => {
    expect(maskIdNumber('E12345678')).toBe('E****5678');
    expect(maskIdNumber('123')).toBe('***');
  });

  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+8613812345678')).toBe('+86*******5678');
    expect(maskPhone('3912345')).toBe('*****45');
  });

  it('keeps the first character of a name and the first six of an address', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('*');
    expect(maskAddress('河南省焦作市解放区民主南路1号')).toBe('河南省焦作市****');
  });

  it('masks only personal fields of a body and leaves lines and business fields alone', () => {
    const body = {
      orderNo: 'O1',
      buyerName: '张三',
      buyerIdNumber: '410802199001011234',
      lines: [{ gnum: '1' }],
    };
    expect(maskBody(body)).toEqual({
      orderNo: 'O1',
      buyerName: '张*',
      buyerIdNumber: '410802********1234',
      lines: [{ gnum: '1' }],
    });
  });

  it('seals ID numbers and telephones but not names (the issue asks for ID numbers and telephones)', () => {
    expect(isSealedField('buyerIdNumber')).toBe(true);
    expect(isSealedField('telephone')).toBe(true);
    expect(isSealedField('buyerName')).toBe(false);
  });

  it('masks both values of a refusal about an ID number, keeping the message note', () => {
    expect(
      maskIssue({
        code: 'BUYER_NOT_PAYER',
        field: 'CEB411.PaymentHead.payerIdNumber',
        rule: 'r',
        expected: '410802199001011234 (CEB311 buyerIdNumber)',
        actual: '410802198505052345',
      }),
    ).toEqual({
      code: 'BUYER_NOT_PAYER',
      field: 'CEB411.PaymentHead.payerIdNumber',
      rule: 'r',
      expected: '410802********1234 (CEB311 buyerIdNumber)',
      actual: '410802********2345',
    });
  });

  it('shows a finding about a name or an address masked, keeping the note, and leaves other findings alone', () => {
    expect(
      maskIssueShown({
        code: 'CONSIGNEE_MISMATCH',
        field: 'CEB311.OrderHead.consigneeAddress',
        rule: 'r',
        expected: '河南省焦作市解放区民主南路1号 (CEB511 consigneeAddress)',
        actual: '河南省郑州市金水区1号',
      }),
    ).toEqual({
      code: 'CONSIGNEE_MISMATCH',
      field: 'CEB311.OrderHead.consigneeAddress',
      rule: 'r',
      expected: '河南省焦作市**** (CEB511 consigneeAddress)',
      actual: '河南省郑州市****',
    });
    const amount = {
      code: 'PAYMENT_AMOUNT',
      field: 'CEB411.PaymentHead.amountPaid',
      rule: 'r',
      actual: '1.00',
    };
    expect(maskIssueShown(amount)).toBe(amount);
  });

  it('masks in a refusal text the names and addresses its findings quote', () => {
    const issues = [
      {
        code: 'BUYER_NOT_PAYER',
        field: 'CEB411.PaymentHead.payerName',
        rule: 'the buyer is the payer',
        expected: '欧阳娜娜 (CEB311 buyerName)',
        actual: '李四',
      },
      { code: 'PAYMENT_AMOUNT', field: 'CEB411.PaymentHead.amountPaid', rule: 'r', actual: '1.00' },
    ];
    expect(
      maskValuesIn(
        '三单比对不通过：CEB411.PaymentHead.payerName: the buyer is the payer，应为 欧阳娜娜 (CEB311 buyerName)，实为 李四',
        issues,
      ),
    ).toBe(
      '三单比对不通过：CEB411.PaymentHead.payerName: the buyer is the payer，应为 欧*** (CEB311 buyerName)，实为 李*',
    );
  });

  it('masks the value a format error quotes from a personal field, wherever its path names the field', () => {
    const tooLong = '41080219850707321X0000';
    expect(
      maskFieldError({
        path: 'CEB311Message/Order[2]/OrderHead/buyerIdNumber',
        field: 'OrderHead.buyerIdNumber',
        rule: 'maxLength 60 (XSD)',
        actual: tooLong,
      }).actual,
    ).toBe('410802************0000');
    expect(
      maskFieldError({ field: 'body.idNumber', rule: 'string', actual: '41080219850707321X' }).actual,
    ).toBe('410802********321X');
    expect(
      maskFieldError({ path: 'CEB311Message/Order/OrderHead/buyerName', rule: 'r', actual: '欧阳娜娜' })
        .actual,
    ).toBe('欧***');
    expect(
      maskFieldError({ field: 'OrderHead@consigneeTelephone', rule: 'r', actual: '13912345678' }).actual,
    ).toBe('139****5678');
    // What is not a value sent, and fields that are not a person's, pass unchanged.
    for (const actual of ['(missing)', '<ceb:buyerIdNumber>', undefined])
      expect(maskFieldError({ field: 'OrderHead.buyerIdNumber', rule: 'r', actual }).actual).toBe(actual);
    // A hostile JSON key named like a property of every object is no personal field either.
    for (const field of ['OrderHead.toString', 'OrderHead.constructor', 'x.__proto__', 'hasOwnProperty'])
      expect(maskFieldError({ field, rule: 'r', actual: '41080219850707321X' }).actual).toBe(
        '41080219850707321X',
      );
    expect(
      maskFieldError({ field: 'OrderHead.orderNo', rule: 'r', actual: 'SO-41080219850707321X' }).actual,
    ).toBe('SO-41080219850707321X');
  });
});
