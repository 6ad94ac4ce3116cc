import { describe, expect, it } from 'vitest';
import { decodeImportMessage, formatReturnInfo, parseXml, type FormatFailure } from '../src/index.ts';
import { fixture, samples } from './support/fixtures.ts';

const failure = (xml: string) => {
  const r = decodeImportMessage(xml);
  if (r.ok) throw new Error('expected a refusal');
  return r as FormatFailure;
};

describe('reading inbound import messages', () => {
  it('accepts every official inbound import sample of both versions', () => {
    const inbound = /CEB(311|411|511|513|621|623|625|711)Message/;
    for (const version of ['2018', '202205'] as const) {
      for (const [file, xml] of samples(version, 'import').filter(([f]) => inbound.test(f))) {
        const r = decodeImportMessage(xml);
        expect(r.ok, `${version}/${file}`).toBe(true);
      }
    }
  });

  it('accepts real signed messages in both namespace forms and lenient real guids', () => {
    const order = decodeImportMessage(
      fixture('real/CEB311Message_signed_sm2_decoded_from_CEBMessage.json.xml'),
    );
    const inventory = decodeImportMessage(fixture('real/CEB621Message_signed.xml'));
    expect(order.ok && order.spec.type).toBe('CEB311Message');
    expect(inventory.ok && inventory.version).toBe('202205');
  });

  it('reads by namespace URI, not by prefix', () => {
    const xml = samples('202205', 'import').find(([f]) => f === 'CEB311Message.xml')?.[1] as string;
    const renamed = xml.replace(/ceb:/g, 'x:').replace('xmlns:ceb=', 'xmlns:x=');
    const defaultNs = xml.replace(/ceb:/g, '').replace('xmlns:ceb=', 'xmlns=');
    const wrongNs = xml.replace('http://www.chinaport.gov.cn/ceb', 'http://example.com/ceb');
    expect(decodeImportMessage(renamed).ok).toBe(true);
    expect(decodeImportMessage(defaultNs).ok).toBe(true);
    expect(failure(wrongNs)).toMatchObject({ status: '-999', messageType: 'Unknown' });
  });

  it('refuses an inventory without its mandatory signature, naming the element (CEB900 −2)', () => {
    const f = failure(fixture('real/CEB621Message.xml'));
    expect(f).toMatchObject({ status: '-2', desc: '数据包不能通过schema验证', messageType: 'CEB621Message' });
    expect(f.errors).toEqual([
      expect.objectContaining({
        path: 'CEB621Message/Signature',
        rule: 'required element (XSD minOccurs=1)',
      }),
    ]);
    expect(formatReturnInfo(f)).toBe(
      '[Code:0002;Desc:数据包不能通过schema验证] CEB621Message/Signature: required element (XSD minOccurs=1); expected <Signature>; actual (missing)',
    );
  });

  it('names an element in the wrong namespace by its expanded name, so "missing" and "actual" do not contradict (XML Namespaces 1.0 §2.1 expanded names)', () => {
    const CEB = 'http://www.chinaport.gov.cn/ceb';
    const sample = samples('202205', 'import').find(([f]) => f === 'CEB311Message.xml')?.[1] as string;
    // Every goods line unqualified (an independent client wrote them so): no line is in the CEB namespace.
    const xml = sample
      .replaceAll('<ceb:OrderList>', '<OrderList xmlns="">')
      .replaceAll('</ceb:OrderList>', '</OrderList>');
    const f = failure(xml);
    expect(f.status).toBe('-2');
    // Each order of the sample says the same two things, both with expanded names.
    const said = new Set(f.errors.map((e) => JSON.stringify([e.rule, e.expected, e.actual])));
    expect(said).toEqual(
      new Set([
        JSON.stringify(['required element (XSD minOccurs=1)', `<{${CEB}}OrderList>`, '(missing)']),
        JSON.stringify([
          'element not declared in the XSD',
          `{${CEB}}OrderHead, {${CEB}}OrderList`,
          '<{}OrderList>',
        ]),
      ]),
    );
  });

  it('lists every bad field of a message, not only the first', () => {
    const xml = (samples('202205', 'import').find(([f]) => f === 'CEB311Message.xml')?.[1] as string)
      .replace(/<ceb:orderNo>[^<]*</, `<ceb:orderNo>${'9'.repeat(61)}<`)
      .replace(/<ceb:goodsValue>[^<]*</, '<ceb:goodsValue>12.1234567<');
    const f = failure(xml);
    expect(f.errors).toEqual([
      expect.objectContaining({
        field: 'OrderHead.orderNo',
        rule: 'maxLength 60 (XSD)',
        expected: 'at most 60 characters',
      }),
      expect.objectContaining({
        field: 'OrderHead.goodsValue',
        rule: 'fractionDigits 5 (XSD)',
        actual: '12.1234567',
      }),
    ]);
  });

  it('refuses an unknown message type with oriMessageType Unknown', () => {
    expect(
      failure('<ceb:CEB999Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="x" version="1.0"/>'),
    ).toMatchObject({ status: '-999', messageType: 'Unknown' });
    expect(
      failure(samples('202205', 'import').find(([f]) => f === 'CEB312Message.xml')?.[1] as string)
        .messageType,
    ).toBe('Unknown');
  });
});

describe('hostile and broken XML', () => {
  it('refuses a DOCTYPE with entity expansion (billion laughs) before parsing it', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    expect(failure(bomb)).toMatchObject({
      status: '-999',
      errors: [expect.objectContaining({ rule: expect.stringContaining('DTD_FORBIDDEN') })],
    });
  });

  it('refuses external entity references (XXE)', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`;
    expect(failure(xxe).errors[0]?.rule).toMatch(/DTD_FORBIDDEN/);
  });

  it('refuses absurd nesting and element counts early', () => {
    const deep = `${'<a>'.repeat(200)}${'</a>'.repeat(200)}`;
    expect(parseXml(deep)).toMatchObject({ ok: false, problem: 'TOO_DEEP' });
    const wide = `<a>${'<b/>'.repeat(200_001)}</a>`;
    expect(parseXml(wide)).toMatchObject({ ok: false, problem: 'TOO_MANY_ELEMENTS' });
  });

  it('refuses bodies over the byte limit', () => {
    expect(
      parseXml(`<a>${'x'.repeat(2000)}</a>`, { maxBytes: 1000, maxDepth: 10, maxElements: 10 }),
    ).toMatchObject({ ok: false, problem: 'TOO_LARGE' });
  });

  it('reports where malformed XML breaks (CEB900 −1)', () => {
    const f = failure(
      '<?xml version="1.0"?>\n<ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb">\n<ceb:Order></ceb:Orders></ceb:CEB311Message>',
    );
    expect(f.status).toBe('-1');
    expect(f.errors[0]?.rule).toMatch(/MALFORMED: .*line 3/);
  });

  it('refuses declared encodings other than UTF-8', () => {
    expect(parseXml('<?xml version="1.0" encoding="GBK"?><a/>')).toMatchObject({
      ok: false,
      problem: 'ENCODING',
    });
  });
});

describe('DXP envelopes', () => {
  const order = samples('202205', 'import').find(([f]) => f === 'CEB311Message.xml')?.[1] as string;
  const dxp = (msgType: string, data: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><DxpMsg ver="1.0" xmlns="http://www.chinaport.gov.cn/dxp"><TransInfo><CopMsgId>COP-1</CopMsgId><SenderId>DXPENT0000530815</SenderId><ReceiverIds><ReceiverId>DXPEDCCEB0000002</ReceiverId></ReceiverIds><CreatTime>2026-11-27T10:00:00</CreatTime><MsgType>${msgType}</MsgType></TransInfo><Data>${Buffer.from(data).toString('base64')}</Data></DxpMsg>`;

  it('opens a DxpMsg and reads the Base64 business message inside', () => {
    const r = decodeImportMessage(dxp('CEB311Message', order));
    expect(r.ok && r.envelope).toMatchObject({
      kind: 'DxpMsg',
      copMsgId: 'COP-1',
      senderId: 'DXPENT0000530815',
      msgType: 'CEB311Message',
    });
    expect(r.ok && r.spec.type).toBe('CEB311Message');
  });

  it('refuses an envelope whose MsgType does not name the message inside', () => {
    expect(failure(dxp('CEB411Message', order)).errors[0]).toMatchObject({
      field: 'TransInfo.MsgType',
      expected: 'CEB311Message',
      actual: 'CEB411Message',
    });
  });

  it('opens the real DxpMsgSv transfer envelope (it carries a receipt, which is not an inbound message)', () => {
    const f = failure(fixture('real/DxpMsgSv_with_CEB312_from_zhaopei0418_distribution-message.xml'));
    expect(f.errors[0]?.actual).toBe('{http://www.chinaport.gov.cn/ceb}CEB312Message');
  });

  it('refuses an envelope that breaks its own XSD', () => {
    const broken = dxp('CEB311Message', order).replace('<SenderId>DXPENT0000530815</SenderId>', '');
    expect(failure(broken).errors[0]).toMatchObject({ field: 'TransInfo.SenderId', actual: '(missing)' });
  });
});
