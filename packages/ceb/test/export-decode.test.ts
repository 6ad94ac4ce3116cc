import { describe, expect, it } from 'vitest';
import {
  CEB_NS,
  decodeExportMessage,
  decodeImportMessage,
  decodeMessageAnyDirection,
  EXPORT_INBOUND,
  formatReturnInfo,
  IMPORT_INBOUND,
  jsonToCebXml,
  officialSchema,
  parseXml,
  validateElement,
  xsdPath,
  type FormatFailure,
  type InboundMessageSpec,
} from '../src/index.ts';
import { samples } from './support/fixtures.ts';
import { xmllintValidates } from './support/xmllint.ts';

const refused = (r: ReturnType<typeof decodeExportMessage>) => {
  if (r.ok) throw new Error(`expected a refusal, got ${r.spec.type}`);
  return r as FormatFailure;
};
const INBOUND_EXPORT = /^CEB(303|403|505|507|509|603|605|607|701|213|215)Message\.xml$/;
const sample = (version: '2018' | '202205', direction: 'import' | 'export', file: string) =>
  samples(version, direction).find(([f]) => f === file)?.[1] as string;

describe('reading inbound export messages', () => {
  for (const version of ['2018', '202205'] as const) {
    it(`accepts the ${version} inbound export samples xmllint accepts and refuses the others with CEB900 −2, naming the broken rule`, async () => {
      const inbound = samples(version, 'export').filter(([f]) => INBOUND_EXPORT.test(f));
      expect(inbound.length).toBe(version === '2018' ? 9 : 11);
      const reference = await xmllintValidates(
        xsdPath(version, 'export'),
        inbound.map(([, xml]) => xml),
      );
      inbound.forEach(([file, xml], i) => {
        const r = decodeExportMessage(xml);
        const root = file.replace('.xml', '');
        if (reference[i]) {
          expect(r.ok, `${version}/${file}`).toBe(true);
          // The 2018 samples satisfy the 202205 XSD too, which is tried first.
          if (r.ok) expect([r.spec.type, r.spec.direction, r.version]).toEqual([root, 'export', '202205']);
          return;
        }
        // The 2022 samples that break their own XSD (ceb-reference §13): a duplicated BaseTransfer.
        const f = refused(r);
        expect(f).toMatchObject({ status: '-2', desc: '数据包不能通过schema验证', messageType: root });
        expect(f.errors).toEqual([
          {
            path: `${root}/BaseTransfer[2]`,
            field: `${root}.BaseTransfer`,
            rule: 'at most 1 occurrences (XSD maxOccurs)',
            expected: '≤ 1',
            actual: '2',
          },
        ]);
        expect(formatReturnInfo(f)).toContain(
          `${root}/BaseTransfer[2]: at most 1 occurrences (XSD maxOccurs)`,
        );
      });
      // Exactly the eight 2022 samples with the duplicated BaseTransfer are refused; 2018 ones all pass.
      expect(reference.filter((ok) => !ok).length).toBe(version === '2018' ? 0 : 8);
    });
  }

  it('refuses receipts and the summary result (they are answers, not inbound messages) with oriMessageType Unknown', () => {
    for (const version of ['2018', '202205'] as const) {
      for (const [file, xml] of samples(version, 'export').filter(([f]) => !INBOUND_EXPORT.test(f))) {
        const f = refused(decodeExportMessage(xml));
        expect(f, `${version}/${file}`).toMatchObject({ status: '-999', messageType: 'Unknown' });
        expect(f.errors[0]).toMatchObject({
          field: 'root',
          rule: 'an inbound export message of the CEB namespace',
        });
      }
    }
    // The 2022 CEB214 sample's root is `ceb:CEB214` (no "Message"): named as sent.
    expect(
      refused(decodeExportMessage(sample('202205', 'export', 'CEB214Message.xml'))).errors[0]?.actual,
    ).toBe(`{${CEB_NS}}CEB214`);
  });

  it('accepts a message only the 2018 trial XSD allows (a 40-character export logisticsNo, cut to 32 in 2022)', async () => {
    const xml = sample('2018', 'export', 'CEB505Message.xml').replace(
      /<ceb:logisticsNo>[^<]*</,
      `<ceb:logisticsNo>${'L'.repeat(40)}<`,
    );
    const r = decodeExportMessage(xml);
    expect(r.ok && r.version).toBe('2018');
    expect(await xmllintValidates(xsdPath('2018', 'export'), [xml])).toEqual([true]);
  });

  it('checks each message against its own direction only', () => {
    const order = sample('2018', 'export', 'CEB303Message.xml');
    const importOrder = sample('202205', 'import', 'CEB311Message.xml');
    expect(refused(decodeImportMessage(order))).toMatchObject({ status: '-999', messageType: 'Unknown' });
    expect(refused(decodeExportMessage(importOrder))).toMatchObject({
      status: '-999',
      messageType: 'Unknown',
    });
  });

  it('lists every bad field of an export inventory against the 202205 XSD', () => {
    const xml = sample('2018', 'export', 'CEB603Message.xml')
      .replace(/<ceb:logisticsNo>[^<]*</, `<ceb:logisticsNo>${'L'.repeat(81)}<`)
      .replace(/<ceb:gcode>[^<]*</, '<ceb:gcode>85414<');
    const f = refused(decodeExportMessage(xml));
    expect(f.status).toBe('-2');
    expect(f.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'InventoryHead.logisticsNo', rule: 'maxLength 32 (XSD)' }),
        expect.objectContaining({ field: 'InventoryList.gcode', rule: 'length 10 (XSD)', actual: '85414' }),
      ]),
    );
  });
});

/** Structural and value mutations, each applied where it first fits (as in xsd-conformance.test.ts). */
const MUTATIONS: [string, RegExp, string][] = [
  ['drop a required element', /<(ceb:)?appTime>[^<]*<\/(ceb:)?appTime>\s*/, ''],
  ['add an undeclared element', /(<(ceb:)?appType>)/, '<$2surprise>1</$2surprise>$1'],
  [
    'swap two elements',
    /(<(ceb:)?appType>[^<]*<\/(ceb:)?appType>)(\s*)(<(ceb:)?appTime>[^<]*<\/(ceb:)?appTime>)/,
    '$5$4$1',
  ],
  [
    'overlong guid',
    /<((ceb:)?guid)>[^<]*<\/((ceb:)?guid)>/,
    '<$1>4CDE1CFD-EDED-46B1-946C-B8022E42FC94X</$3>',
  ],
  ['empty required value', /<((ceb:)?appType)>[^<]*<\/((ceb:)?appType)>/, '<$1></$3>'],
  ['word in a decimal', /<((ceb:)?(goodsValue|charge|freight|grossWeight|qty|price))>[^<]*</, '<$1>twelve<'],
  [
    'too many decimals',
    /<((ceb:)?(goodsValue|charge|freight|grossWeight|qty|price))>[^<]*</,
    '<$1>1.123456<',
  ],
  ['too many digits in an int', /<((ceb:)?(msgCount|packNo|gnum))>[^<]*</, '<$1>1234567890<'],
  ['missing root attribute', /(<(ceb:)?CEB\d+Message[^>]*?) version="[^"]*"/, '$1'],
  ['text in a complex element', /(<(ceb:)?BaseTransfer>)/, '$1stray text'],
  ['wrong fixed value', /<((ceb:)?fFlag)>3</, '<$1>1<'],
];

describe('differential check of the export XSD against xmllint', () => {
  for (const version of ['2018', '202205'] as const) {
    it(`agrees with xmllint on ${MUTATIONS.length} mutations of every ${version} inbound export sample`, async () => {
      const cases: { label: string; xml: string }[] = [];
      for (const [file, xml] of samples(version, 'export').filter(([f]) => INBOUND_EXPORT.test(f))) {
        for (const [name, pattern, replacement] of MUTATIONS) {
          const mutated = xml.replace(pattern, replacement);
          if (mutated !== xml) cases.push({ label: `${file}: ${name}`, xml: mutated });
        }
      }
      expect(cases.length).toBeGreaterThan(70);
      const reference = await xmllintValidates(
        xsdPath(version, 'export'),
        cases.map((c) => c.xml),
      );
      const decl = (xml: string) => {
        const parsed = parseXml(xml);
        if (!parsed.ok) return false;
        const d = officialSchema(version, 'export').element(parsed.root.ns, parsed.root.name);
        return d !== undefined && validateElement(parsed.root, d).errors.length === 0;
      };
      const ours = cases.map((c) => decl(c.xml));
      expect(reference.filter((ok) => !ok).length).toBeGreaterThan(cases.length / 2);
      const disagreements = cases.filter((_, i) => ours[i] !== reference[i]).map((c) => c.label);
      expect(disagreements).toEqual([]);
    });
  }
});

describe('export messages as JSON (the API channel)', () => {
  it('writes the JSON form of an export message in XSD order, so it decodes like the XML', () => {
    const xml = sample('2018', 'export', 'CEB603Message.xml');
    const r = decodeExportMessage(xml);
    if (!r.ok) throw new Error('sample');
    const { '@guid': guid, '@version': version, Signature: _signature, ...body } = r.message;
    const json = JSON.parse(JSON.stringify({ guid, version, ...body })) as unknown;
    const written = jsonToCebXml('CEB603Message', json, 'export');
    expect(written.errors).toEqual([]);
    const again = decodeExportMessage(written.xml);
    expect(again.ok && again.message.Inventory).toEqual(r.message.Inventory);
  });

  it('refuses an export type on the import channel and an import type on the export one', () => {
    expect(jsonToCebXml('CEB603Message', {}).errors[0]).toMatchObject({
      rule: 'an inbound import message type',
    });
    expect(jsonToCebXml('CEB311Message', {}, 'export').errors[0]).toMatchObject({
      rule: 'an inbound export message type',
    });
  });
});

describe('one gateway for both directions (POST /ceb/messages)', () => {
  const dxp = (msgType: string, data: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><DxpMsg ver="1.0" xmlns="http://www.chinaport.gov.cn/dxp"><TransInfo><CopMsgId>COP-E1</CopMsgId><SenderId>DXPENT0000530815</SenderId><ReceiverIds><ReceiverId>DXPEDCCEB0000003</ReceiverId></ReceiverIds><CreatTime>2026-11-27T10:00:00</CreatTime><MsgType>${msgType}</MsgType></TransInfo><Data>${Buffer.from(data).toString('base64')}</Data></DxpMsg>`;

  it('routes import and export roots to their catalogue and XSD', () => {
    const routed = [
      ['202205', 'import', 'CEB311Message.xml'],
      ['202205', 'import', 'CEB621Message.xml'],
      ['202205', 'export', 'CEB213Message.xml'],
      ['202205', 'export', 'CEB701Message.xml'],
      ['2018', 'export', 'CEB603Message.xml'],
    ] as const;
    for (const [version, direction, file] of routed) {
      const r = decodeMessageAnyDirection(sample(version, direction, file));
      expect(r.ok && [r.spec.type, r.spec.direction], file).toEqual([file.replace('.xml', ''), direction]);
    }
  });

  it('routes by the message inside a DxpMsg envelope', () => {
    const r = decodeMessageAnyDirection(dxp('CEB505Message', sample('2018', 'export', 'CEB505Message.xml')));
    expect(r.ok && r.spec.direction).toBe('export');
    expect(r.ok && r.envelope).toMatchObject({ copMsgId: 'COP-E1', receiverIds: ['DXPEDCCEB0000003'] });
  });

  it('refuses unknown roots and receipts of either direction, listing what it accepts', () => {
    const unknown = refused(
      decodeMessageAnyDirection(
        '<ceb:CEB999Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="x" version="1.0"/>',
      ),
    );
    expect(unknown).toMatchObject({ status: '-999', messageType: 'Unknown' });
    expect(unknown.errors[0]?.rule).toBe('an inbound message of the CEB namespace');
    expect(unknown.errors[0]?.expected).toContain('CEB311Message');
    expect(unknown.errors[0]?.expected).toContain('CEB215Message');
    for (const [direction, file] of [
      ['import', 'CEB312Message.xml'],
      ['export', 'CEB604Message.xml'],
    ] as const)
      expect(refused(decodeMessageAnyDirection(sample('202205', direction, file))).status).toBe('-999');
  });

  it('still refuses the 2022 export samples that break their XSD', () => {
    expect(refused(decodeMessageAnyDirection(sample('202205', 'export', 'CEB607Message.xml')))).toMatchObject(
      {
        status: '-2',
        messageType: 'CEB607Message',
      },
    );
  });
});

describe('message catalogues', () => {
  const check = (family: 'import' | 'export', spec: InboundMessageSpec) => {
    const set = officialSchema('202205', family);
    const root = set.element(CEB_NS, spec.type);
    const content = root?.content();
    if (content?.kind !== 'complex') throw new Error(spec.type);
    const names = content.children.map((c) => c.name);
    const signature = content.children.find((c) => c.name === 'Signature');
    const receipt = set.element(CEB_NS, spec.receipt)?.content();
    return {
      direction: spec.direction,
      entity: names.includes(spec.entity),
      receiptEntity:
        receipt?.kind === 'complex' && receipt.children.some((c) => c.name === spec.receiptEntity),
      signatureRequired: (signature?.min ?? 0) > 0,
    };
  };

  it('name the XSD root, entity, receipt and receipt entity of every inbound message, and the XSD signature rule', () => {
    for (const [family, cat] of [
      ['import', IMPORT_INBOUND],
      ['export', EXPORT_INBOUND],
    ] as const) {
      for (const spec of Object.values(cat)) {
        expect(check(family, spec), spec.type).toEqual({
          direction: family,
          entity: true,
          receiptEntity: true,
          signatureRequired: spec.signatureRequired,
        });
      }
    }
  });

  it('keep import and export root names apart, and cover every inbound export root of the XSD', () => {
    const importRoots = Object.keys(IMPORT_INBOUND);
    expect(Object.keys(EXPORT_INBOUND).filter((r) => importRoots.includes(r))).toEqual([]);
    const receipts = new Set(Object.values(EXPORT_INBOUND).map((s) => s.receipt));
    const xsdRoots = officialSchema('202205', 'export')
      .elementNames(CEB_NS)
      .filter((n) => /^CEB\d+Message$/.test(n));
    expect(xsdRoots.filter((r) => !receipts.has(r) && r !== 'CEB792Message').sort()).toEqual(
      Object.keys(EXPORT_INBOUND).sort(),
    );
  });

  it('record where the spec asks for a signature the export XSD does not enforce', () => {
    const bySpec = (kind: InboundMessageSpec['specSignature']) =>
      Object.values(EXPORT_INBOUND)
        .filter((s) => s.specSignature === kind)
        .map((s) => s.type);
    expect(bySpec('required')).toEqual([
      'CEB509Message',
      'CEB603Message',
      'CEB605Message',
      'CEB607Message',
      'CEB701Message',
    ]);
    expect(bySpec('when_declared')).toEqual(['CEB507Message']);
    expect(Object.values(EXPORT_INBOUND).some((s) => s.signatureRequired)).toBe(false);
  });
});
