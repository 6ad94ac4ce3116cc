import { describe, expect, it } from 'vitest';
import {
  officialSchema,
  parseXml,
  serialize,
  validateElement,
  xsdPath,
  type CebObject,
} from '../src/index.ts';
import { samples } from './support/fixtures.ts';
import { xmllintValidates } from './support/xmllint.ts';

/** Our XSD validator's verdict on a document. */
function verdict(version: '2018' | '202205', family: 'import' | 'export', xml: string) {
  const parsed = parseXml(xml);
  if (!parsed.ok) return { valid: false, errors: [parsed.message] };
  const decl = officialSchema(version, family).element(parsed.root.ns, parsed.root.name);
  if (!decl) return { valid: false, errors: [`no declaration for ${parsed.root.name}`] };
  const { errors } = validateElement(parsed.root, decl);
  return { valid: errors.length === 0, errors };
}

// The official samples that break their own XSD (data/ceb SOURCES, ceb-reference §13).
const KNOWN_INVALID_202205 = [
  'CEB214Message.xml',
  'CEB303Message.xml',
  'CEB403Message.xml',
  'CEB505Message.xml',
  'CEB507Message.xml',
  'CEB509Message.xml',
  'CEB603Message.xml',
  'CEB605Message.xml',
  'CEB607Message.xml',
  'CEB792Message.xml',
];

describe('official samples against the official XSDs', () => {
  for (const version of ['2018', '202205'] as const) {
    for (const family of ['import', 'export'] as const) {
      it(`judges every ${version} ${family} sample as the official XSD does`, async () => {
        const all = samples(version, family);
        const ours = all.map(([, xml]) => verdict(version, family, xml).valid);
        const expected = all.map(([f]) => !(version === '202205' && KNOWN_INVALID_202205.includes(f)));
        expect(ours).toEqual(expected);
        expect(ours).toEqual(
          await xmllintValidates(
            xsdPath(version, family),
            all.map(([, xml]) => xml),
          ),
        );
      });
    }
  }

  it('names the broken rule of an invalid sample (CEB792 without gseqno)', () => {
    const xml = samples('202205', 'export').find(([f]) => f === 'CEB792Message.xml')?.[1] as string;
    expect(verdict('202205', 'export', xml).errors[0]).toMatchObject({
      path: 'CEB792Message/SummaryResult[1]/SummaryResultList[1]/gseqno',
      field: 'SummaryResultList.gseqno',
      rule: 'required element (XSD minOccurs=1)',
      actual: '(missing)',
    });
  });
});

type Mutation = { name: string; apply: (xml: string) => string | undefined };

/** Mutations of element structure and values, each applied to the first place it fits. */
const MUTATIONS: Mutation[] = [
  {
    name: 'drop a required element',
    apply: (x) => replaceOnce(x, /<(ceb:)?appTime>[^<]*<\/(ceb:)?appTime>\s*/, ''),
  },
  {
    name: 'add an undeclared element',
    apply: (x) => replaceOnce(x, /(<(ceb:)?appType>)/, '<$2surprise>1</$2surprise>$1'),
  },
  {
    name: 'swap two elements',
    apply: (x) =>
      replaceOnce(
        x,
        /(<(ceb:)?appType>[^<]*<\/(ceb:)?appType>)(\s*)(<(ceb:)?appTime>[^<]*<\/(ceb:)?appTime>)/,
        '$5$4$1',
      ),
  },
  {
    name: 'overlong value',
    apply: (x) =>
      replaceOnce(
        x,
        /<((ceb:)?guid)>[^<]*<\/((ceb:)?guid)>/,
        '<$1>4CDE1CFD-EDED-46B1-946C-B8022E42FC94X</$3>',
      ),
  },
  {
    name: 'empty required value',
    apply: (x) => replaceOnce(x, /<((ceb:)?appType)>[^<]*<\/((ceb:)?appType)>/, '<$1></$3>'),
  },
  {
    name: 'word in a decimal',
    apply: (x) =>
      replaceOnce(x, /<((ceb:)?(goodsValue|amountPaid|weight|freight|qty|price))>[^<]*</, '<$1>twelve<'),
  },
  {
    name: 'too many decimals',
    apply: (x) =>
      replaceOnce(x, /<((ceb:)?(goodsValue|amountPaid|weight|freight|qty|price))>[^<]*</, '<$1>1.123456<'),
  },
  {
    name: 'missing root attribute',
    apply: (x) => replaceOnce(x, /(<(ceb:)?CEB\d+Message[^>]*?) version="[^"]*"/, '$1'),
  },
  {
    name: 'XML declaration without its version',
    apply: (x) => replaceOnce(x, /<\?xml version="1.0"/, '<?xml'),
  },
  {
    name: 'text in a complex element',
    apply: (x) => replaceOnce(x, /(<(ceb:)?BaseTransfer>)/, '$1stray text'),
  },
  { name: 'wrong fixed currency', apply: (x) => replaceOnce(x, /<((ceb:)?currency)>142</, '<$1>502<') },
];

function replaceOnce(xml: string, pattern: RegExp, replacement: string): string | undefined {
  if (!pattern.test(xml)) return undefined;
  return xml.replace(pattern, replacement);
}

describe('differential check against xmllint', () => {
  for (const version of ['2018', '202205'] as const) {
    it(`agrees with xmllint on ${MUTATIONS.length} mutations of every ${version} import sample`, async () => {
      const cases: { label: string; xml: string }[] = [];
      for (const [file, xml] of samples(version, 'import')) {
        for (const m of MUTATIONS) {
          const mutated = m.apply(xml);
          if (mutated !== undefined && mutated !== xml)
            cases.push({ label: `${file}: ${m.name}`, xml: mutated });
        }
      }
      expect(cases.length).toBeGreaterThan(80);
      const reference = await xmllintValidates(
        xsdPath(version, 'import'),
        cases.map((c) => c.xml),
      );
      const disagreements = cases
        .filter((c, i) => verdict(version, 'import', c.xml).valid !== reference[i])
        .map((c) => c.label);
      expect(disagreements).toEqual([]);
    });
  }
});

describe('serialiser', () => {
  it('re-emits every 202205 import sample in XSD order so that it still validates and reads back the same', async () => {
    const outputs: string[] = [];
    for (const [file, xml] of samples('202205', 'import')) {
      const parsed = parseXml(xml);
      if (!parsed.ok) throw new Error(file);
      const decl = officialSchema('202205', 'import').element(parsed.root.ns, parsed.root.name);
      if (!decl) throw new Error(file);
      const { value } = validateElement(parsed.root, decl);
      const out = serialize(decl, value as CebObject, { prefix: 'ceb' });
      const again = parseXml(out);
      if (!again.ok) throw new Error(`${file}: ${again.message}`);
      expect(validateElement(again.root, decl)).toEqual({ value, errors: [] });
      outputs.push(out);
    }
    expect((await xmllintValidates(xsdPath('202205', 'import'), outputs)).every(Boolean)).toBe(true);
  });
});
