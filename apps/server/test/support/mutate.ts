/**
 * A deterministic mutation engine for the hostile-input fuzzer (issue 8, "Hardening"): from a seed message
 * (an official CEB sample) and a seeded random source it makes one broken or hostile variant, named by its
 * family and mutation. The same seed number gives the same cases, so any failure can be replayed.
 *
 * Families (`mutate`): structure, encoding, length, number, date, unicode, truncation, duplicate, missing,
 * attribute, cdata, comment, pi, namespace, entity, envelope (DXP envelopes around mutated or hostile messages),
 * stacked (two to four mutations at once) and, for 2% of the cases, hostile (DOCTYPE, internal, external and
 * parameter entities, XXE, billion laughs, XInclude, nesting, element and attribute counts, names and values
 * the size of the body limit, bodies at and just over it). `mutateJson` does the same for the JSON channel.
 */

/** mulberry32: a small, fast, seedable generator (the cases must be reproducible from one number). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : this.u32() % n;
  }
  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.u32() / 4294967296 < p;
  }
}

export type Family =
  | 'structure'
  | 'encoding'
  | 'length'
  | 'number'
  | 'date'
  | 'unicode'
  | 'truncation'
  | 'duplicate'
  | 'missing'
  | 'attribute'
  | 'cdata'
  | 'comment'
  | 'pi'
  | 'namespace'
  | 'entity'
  | 'envelope'
  | 'stacked'
  | 'hostile';

export interface MutatedCase {
  family: Family;
  /** The mutation (or mutations, for `stacked`), e.g. `drop-element` or `invalid-utf8`. */
  mutation: string;
  /** What is sent: text (sent as UTF-8) or exact bytes. */
  body: string | Buffer;
}

// ---------------------------------------------------------------------------------------------------------
// A light index of a document's elements (tolerant: broken input gives whatever spans it can).

export interface Span {
  qname: string;
  prefix: string;
  local: string;
  /** Index of `<` of the start tag, just after its `>`, of `<` of the end tag, and just after the end tag. */
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
  parent: number;
  children: number[];
  depth: number;
}

export interface Doc {
  xml: string;
  spans: Span[];
  /** Elements with text only (no child elements). */
  leaves: number[];
  /** Elements with child elements. */
  branches: number[];
  /** The prefix used for the CEB namespace ('' when it is the default namespace). */
  cebPrefix: string;
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([^\s<>/!?"'=]+)((?:[^<>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

const indexCache = new Map<string, Doc>();

/** Indexes a document's elements; `remember` keeps the index (the seeds, indexed once). */
export function indexDoc(xml: string, remember = true): Doc {
  const cached = remember ? indexCache.get(xml) : undefined;
  if (cached) return cached;
  const spans: Span[] = [];
  const stack: number[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    const name = m[2];
    if (!name) continue;
    if (m[1]) {
      // An end tag closes the nearest open element of that name (others left open are closed with it).
      for (let k = stack.length - 1; k >= 0; k--) {
        const span = spans[stack[k] as number] as Span;
        if (span.qname === name) {
          span.closeStart = m.index;
          span.end = m.index + m[0].length;
          stack.length = k;
          break;
        }
      }
      continue;
    }
    const colon = name.indexOf(':');
    const parent = stack.length > 0 ? (stack[stack.length - 1] as number) : -1;
    const span: Span = {
      qname: name,
      prefix: colon < 0 ? '' : name.slice(0, colon),
      local: colon < 0 ? name : name.slice(colon + 1),
      start: m.index,
      openEnd: m.index + m[0].length,
      closeStart: m.index + m[0].length,
      end: m.index + m[0].length,
      parent,
      children: [],
      depth: stack.length,
    };
    const id = spans.push(span) - 1;
    if (parent >= 0) (spans[parent] as Span).children.push(id);
    if (!m[4]) stack.push(id);
  }
  for (const open of stack) {
    const span = spans[open] as Span;
    if (span.end === span.openEnd) span.closeStart = span.end = xml.length;
  }
  const leaves: number[] = [];
  const branches: number[] = [];
  spans.forEach((s, i) => (s.children.length > 0 ? branches : leaves).push(i));
  const cebDecl = /xmlns(?::([\w.-]+))?="http:\/\/www\.chinaport\.gov\.cn\/ceb"/.exec(xml);
  const doc: Doc = { xml, spans, leaves, branches, cebPrefix: cebDecl?.[1] ?? '' };
  if (remember) {
    if (indexCache.size > 200) indexCache.clear();
    indexCache.set(xml, doc);
  }
  return doc;
}

const splice = (xml: string, from: number, to: number, insert: string) =>
  xml.slice(0, from) + insert + xml.slice(to);

const spanOf = (d: Doc, i: number) => d.spans[i] as Span;
const valueOf = (d: Doc, s: Span) => d.xml.slice(s.openEnd, s.closeStart);
const setValue = (d: Doc, s: Span, value: string) => splice(d.xml, s.openEnd, s.closeStart, value);
const outer = (d: Doc, s: Span) => d.xml.slice(s.start, s.end);

/** A random element; `notRoot` leaves the root out. Undefined when the document has none. */
function anySpan(d: Doc, r: Rng, notRoot = true): Span | undefined {
  const from = notRoot ? 1 : 0;
  if (d.spans.length <= from) return undefined;
  return spanOf(d, r.between(from, d.spans.length - 1));
}

function anyLeaf(d: Doc, r: Rng, test?: (value: string) => boolean): Span | undefined {
  const candidates = test ? d.leaves.filter((i) => test(valueOf(d, spanOf(d, i)))) : d.leaves;
  return candidates.length > 0 ? spanOf(d, r.pick(candidates)) : undefined;
}

const anyBranch = (d: Doc, r: Rng): Span | undefined =>
  d.branches.length > 0 ? spanOf(d, r.pick(d.branches)) : undefined;

/** Somewhere between two elements (just after a start tag or an end tag). */
function gap(d: Doc, r: Rng): number {
  const s = anySpan(d, r, false);
  if (!s) return 0;
  return r.chance(0.5) ? s.openEnd : s.end;
}

const cebName = (d: Doc, local: string) => (d.cebPrefix ? `${d.cebPrefix}:${local}` : local);

/** A random printable string of the given length from a small alphabet (ASCII, Chinese, digits). */
function filler(r: Rng, length: number): string {
  const alphabet = r.pick(['A', '9', '中', 'ab', '国际物流 ', 'x<']);
  const unit = alphabet === 'x<' ? 'x' : alphabet;
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

// ---------------------------------------------------------------------------------------------------------
// The mutations. Text mutations return a string and can be stacked; byte mutations return a Buffer and come
// last.

type Mutation = (d: Doc, r: Rng) => string | Buffer;

const onLeaf =
  (values: (original: string, r: Rng) => string, test?: (value: string) => boolean): Mutation =>
  (d, r) => {
    const leaf = anyLeaf(d, r, test) ?? anyLeaf(d, r);
    return leaf ? setValue(d, leaf, values(valueOf(d, leaf), r)) : d.xml;
  };

/** Inserts text at a random place inside a random leaf's value. */
const intoLeaf =
  (text: (r: Rng) => string): Mutation =>
  (d, r) => {
    const leaf = anyLeaf(d, r);
    if (!leaf) return d.xml + text(r);
    const at = r.between(leaf.openEnd, leaf.closeStart);
    return splice(d.xml, at, at, text(r));
  };

const NUMERIC = (v: string) => /^-?\d+(\.\d+)?$/.test(v.trim());
const DATE_LIKE = (v: string) => /^\d{8}$|^\d{14}$|^\d{17}$/.test(v.trim());

const STRUCTURE: Record<string, Mutation> = {
  'drop-element': (d, r) => {
    const s = anySpan(d, r);
    return s ? splice(d.xml, s.start, s.end, '') : d.xml;
  },
  'swap-siblings': (d, r) => {
    const parent = anyBranch(d, r);
    if (!parent || parent.children.length < 2) return d.xml;
    const [i, j] = [r.int(parent.children.length), r.int(parent.children.length)].sort((a, b) => a - b);
    if (i === j) return d.xml;
    const a = spanOf(d, parent.children[i as number] as number);
    const b = spanOf(d, parent.children[j as number] as number);
    return (
      d.xml.slice(0, a.start) + outer(d, b) + d.xml.slice(a.end, b.start) + outer(d, a) + d.xml.slice(b.end)
    );
  },
  'reorder-children': (d, r) => {
    const parent = anyBranch(d, r);
    if (!parent || parent.children.length < 2) return d.xml;
    const kids = parent.children.map((i) => spanOf(d, i));
    const shuffled = [...kids];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j] as Span, shuffled[i] as Span];
    }
    const first = kids[0] as Span;
    const last = kids[kids.length - 1] as Span;
    return splice(d.xml, first.start, last.end, shuffled.map((s) => outer(d, s)).join('\n'));
  },
  'unclosed-tag': (d, r) => {
    const s = anySpan(d, r, false);
    return s && s.closeStart < s.end ? splice(d.xml, s.closeStart, s.end, '') : d.xml;
  },
  'unopened-tag': (d, r) => {
    const s = anySpan(d, r);
    return s ? splice(d.xml, s.start, s.openEnd, '') : d.xml;
  },
  'mismatched-close': (d, r) => {
    const s = anySpan(d, r, false);
    return s && s.closeStart < s.end ? splice(d.xml, s.closeStart, s.end, `</${s.qname}x>`) : d.xml;
  },
  'rename-element': (d, r) => {
    const s = anySpan(d, r, false);
    if (!s) return d.xml;
    const other = spanOf(d, r.int(d.spans.length));
    const name = r.chance(0.5)
      ? other.qname
      : `${s.prefix ? `${s.prefix}:` : ''}${s.local}${r.pick(['X', '1', '_', 's'])}`;
    const close = s.closeStart < s.end ? `</${name}>` : '';
    const open = d.xml.slice(s.start, s.openEnd).replace(s.qname, name);
    return d.xml.slice(0, s.start) + open + d.xml.slice(s.openEnd, s.closeStart) + close + d.xml.slice(s.end);
  },
  'unknown-element': (d, r) => {
    const at = gap(d, r);
    return splice(
      d.xml,
      at,
      at,
      `<${cebName(d, r.pick(['colour', 'extra', 'orderNo', 'Order']))}>x</${cebName(d, 'colour')}>`,
    );
  },
  'stray-text': (d, r) => {
    const at = gap(d, r);
    return splice(d.xml, at, at, r.pick(['junk', '>', '123', '\n\t', '中文', '/>', '</', 'x=y']));
  },
  'move-element': (d, r) => {
    const s = anySpan(d, r);
    const target = anyBranch(d, r);
    if (!s || !target || (target.start >= s.start && target.end <= s.end)) return d.xml;
    const cut = splice(d.xml, s.start, s.end, '');
    const at = target.openEnd > s.start ? target.openEnd - (s.end - s.start) : target.openEnd;
    return splice(cut, at, at, outer(d, s));
  },
  'wrap-element': (d, r) => {
    const s = anySpan(d, r);
    if (!s) return d.xml;
    const wrapper = cebName(d, r.pick(['Wrapper', s.local, 'Order']));
    return splice(d.xml, s.start, s.end, `<${wrapper}>${outer(d, s)}</${wrapper}>`);
  },
  'second-root': (d) => `${d.xml}\n${d.spans[0] ? outer(d, spanOf(d, 0)) : '<x/>'}`,
  'text-after-root': (d, r) => `${d.xml}${r.pick(['x', '<', '&amp;', ']]>', '<!-- c -->y'])}`,
  'text-before-root': (d, r) => {
    const root = d.spans[0];
    return root ? splice(d.xml, root.start, root.start, r.pick(['x', '&#65;', '  ', '<!-- c -->'])) : d.xml;
  },
  'raw-markup-char': intoLeaf((r) => r.pick(['<', '&', '<ceb:', '</', '&#', '& ', '&&'])),
  'self-close-branch': (d, r) => {
    const s = anyBranch(d, r);
    return s ? splice(d.xml, s.start, s.end, `<${s.qname}/>`) : d.xml;
  },
  'empty-branch': (d, r) => {
    const s = anyBranch(d, r);
    return s ? splice(d.xml, s.openEnd, s.closeStart, '') : d.xml;
  },
  'text-in-branch': (d, r) => {
    const s = anyBranch(d, r);
    return s ? splice(d.xml, s.openEnd, s.openEnd, r.pick(['text', '0', '中'])) : d.xml;
  },
  'leaf-gets-child': (d, r) => {
    const s = anyLeaf(d, r);
    return s ? splice(d.xml, s.openEnd, s.openEnd, `<${cebName(d, 'child')}/>`) : d.xml;
  },
  'space-in-tag': (d, r) => {
    const s = anySpan(d, r);
    if (!s) return d.xml;
    return r.chance(0.5)
      ? splice(d.xml, s.start + 1, s.start + 1, ' ')
      : splice(d.xml, s.openEnd - 1, s.openEnd - 1, ' \n\t');
  },
  'tag-case': (d, r) => {
    const s = anySpan(d, r, false);
    if (!s) return d.xml;
    const name = `${s.prefix ? `${s.prefix}:` : ''}${s.local.toUpperCase() === s.local ? s.local.toLowerCase() : s.local.toUpperCase()}`;
    const open = d.xml.slice(s.start, s.openEnd).replace(s.qname, name);
    const close = s.closeStart < s.end ? `</${name}>` : '';
    return d.xml.slice(0, s.start) + open + d.xml.slice(s.openEnd, s.closeStart) + close + d.xml.slice(s.end);
  },
};

// Bytes that are not UTF-8: overlong forms, surrogates encoded (CESU-8), beyond U+10FFFF, lone continuation
// bytes, a lead byte without its continuation, bytes never used.
const INVALID_UTF8: number[][] = [
  [0xc0, 0x80],
  [0xc1, 0xbf],
  [0xe0, 0x80, 0x80],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf5, 0x80, 0x80, 0x80],
  [0xff],
  [0xfe],
  [0x80],
  [0xbf, 0xbf],
  [0xe4, 0xb8],
  [0xf0, 0x9f, 0x98],
  [0xc3],
];

/** Puts bytes inside a leaf value (or in a tag, or at a random offset). */
function withBytes(d: Doc, r: Rng, bytes: Buffer): Buffer {
  const leaf = anyLeaf(d, r);
  const where = r.int(3);
  const at =
    where === 0 && leaf
      ? r.between(leaf.openEnd, leaf.closeStart)
      : where === 1 && leaf
        ? leaf.start + 1 + r.int(Math.max(1, leaf.openEnd - leaf.start - 2))
        : r.int(d.xml.length + 1);
  return Buffer.concat([Buffer.from(d.xml.slice(0, at)), bytes, Buffer.from(d.xml.slice(at))]);
}

const setEncoding = (xml: string, encoding: string) =>
  /^(\uFEFF?)<\?xml[^>]*\?>/.test(xml)
    ? xml.replace(/^(\uFEFF?)<\?xml[^>]*\?>/, `$1<?xml version="1.0" encoding="${encoding}"?>`)
    : `<?xml version="1.0" encoding="${encoding}"?>\n${xml}`;

const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
  return le;
};

const ENCODING: Record<string, Mutation> = {
  'utf8-bom': (d) => `\uFEFF${d.xml}`,
  'double-bom': (d) => `\uFEFF\uFEFF${d.xml}`,
  'bom-after-declaration': (d) => d.xml.replace(/\?>/, '?>\uFEFF'),
  'utf16le-with-bom': (d) =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(setEncoding(d.xml, 'UTF-16'), 'utf16le')]),
  'utf16be-with-bom': (d) =>
    Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(setEncoding(d.xml, 'UTF-16'))]),
  'utf16le-no-bom': (d) => Buffer.from(d.xml, 'utf16le'),
  'utf16-declared-utf8-sent': (d) => setEncoding(d.xml, 'UTF-16'),
  'latin1-bytes': (d, r) =>
    withBytes(d, r, Buffer.from(r.pick(['Müller', 'é', 'ñandú', '£5', '×', 'ÿ']), 'latin1')),
  'latin1-whole-document': (d) => Buffer.from(setEncoding(d.xml, 'ISO-8859-1'), 'latin1'),
  'gbk-bytes': (d, r) =>
    // 中国 and 跨境 in GBK: lead bytes 0x81–0xFE followed by bytes UTF-8 does not accept there.
    withBytes(
      d,
      r,
      Buffer.from(
        r.pick([
          [0xd6, 0xd0, 0xb9, 0xfa],
          [0xbf, 0xe7, 0xbe, 0xb3],
          [0xb0, 0xa1],
        ]),
      ),
    ),
  'gbk-declared': (d, r) => setEncoding(d.xml, r.pick(['GBK', 'GB2312', 'GB18030', 'Big5'])),
  'invalid-utf8': (d, r) => withBytes(d, r, Buffer.from(r.pick(INVALID_UTF8))),
  'encoding-mismatch': (d, r) =>
    setEncoding(
      d.xml,
      r.pick(['ISO-8859-1', 'US-ASCII', 'UTF-32', 'utf-8', 'UTF8', 'Utf-8', 'UTF-7', 'EBCDIC', 'x']),
    ),
  'encoding-attr-malformed': (d, r) =>
    d.xml.replace(
      /^(\uFEFF?)<\?xml[^>]*\?>/,
      r.pick([
        '<?xml version="1.0" encoding=""?>',
        '<?xml version="1.0" encoding="UTF-8 "?>',
        '<?xml version="1.0" encoding=UTF-8?>',
        "<?xml version='1.0' encoding='UTF-8'?>",
        '<?xml encoding="UTF-8" version="1.0"?>',
        '<?xml version="1.0" encoding="UTF-8" standalone="maybe"?>',
        '<?xml version="1.1" encoding="UTF-8"?>',
        '<?xml version="2.0"?>',
        '<?xml?>',
        '<?xml version="1.0" encoding="UTF-8"',
        '<?XML version="1.0"?>',
      ]),
    ),
  'no-declaration': (d) => d.xml.replace(/^(\uFEFF?)<\?xml[^>]*\?>\s*/, '$1'),
  'declaration-not-first': (d, r) => `${r.pick([' ', '\n', '\r\n', '<!-- c -->', '\t'])}${d.xml}`,
  'crlf-line-ends': (d) => d.xml.replace(/\n/g, '\r\n'),
  'cr-line-ends': (d) => d.xml.replace(/\n/g, '\r'),
};

// Sizes around the XSD limits; bodies near the server's limit are the hostile family's (they cost the most).
const LENGTHS = [
  0, 1, 2, 19, 20, 21, 31, 32, 33, 50, 51, 60, 61, 100, 101, 128, 255, 256, 500, 501, 1000, 1001, 4001, 5001,
  65_536,
];

const LENGTH: Record<string, Mutation> = {
  'overlong-value': onLeaf((v, r) => {
    const n = r.pick([v.length + 1, v.length * 2 + 1, ...LENGTHS.filter((l) => l > v.length)]);
    return filler(r, n);
  }),
  'value-of-length': onLeaf((_v, r) => filler(r, r.pick(LENGTHS))),
  'empty-value': onLeaf(() => ''),
  'whitespace-value': onLeaf((_v, r) => r.pick([' ', '   ', '\t', '\n', ' \n ', '\u3000'])),
  'padded-value': onLeaf((v, r) => r.pick([` ${v}`, `${v} `, `\n${v}\n`, `\t${v}`])),
  'one-char-value': onLeaf((_v, r) => r.pick(['x', '0', '中', '-', '.'])),
  'long-tag-name': (d, r) => {
    const at = gap(d, r);
    const name = `ceb:${'n'.repeat(r.pick([256, 10_000, 50_000]))}`;
    return splice(d.xml, at, at, `<${name}>x</${name}>`);
  },
  'many-lines': (d, r) => {
    const at = gap(d, r);
    return splice(d.xml, at, at, '\n'.repeat(r.pick([1000, 20_000])));
  },
  'long-guid': (d, r) => d.xml.replace(/guid="[^"]*"/, `guid="${filler(r, r.pick([37, 1000, 20_000]))}"`),
};

const NUMBER_VALUES = [
  '-1',
  '-0',
  '0',
  '-0.01',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '1E3',
  '1e-400',
  '0.1234567890123456789',
  '000123',
  '00',
  '1,5',
  '1,000.00',
  '１２３',
  '+5',
  '0x1F',
  ' 5 ',
  '5.',
  '.5',
  '99999999999999999999999999',
  '--1',
  '٣٤',
  '1.2.3',
  '1 000',
  '12.345678',
  '0.00001',
  '-99999999999999.9999',
  '1_000',
  '١',
  '½',
  '∞',
];

const NUMBER: Record<string, Mutation> = {
  'number-value': onLeaf((_v, r) => r.pick(NUMBER_VALUES), NUMERIC),
  'number-negated': onLeaf((v) => (v.startsWith('-') ? v.slice(1) : `-${v}`), NUMERIC),
  'number-scaled': onLeaf((v, r) => `${v}${'0'.repeat(r.between(1, 30))}`, NUMERIC),
  'number-many-decimals': onLeaf(
    (v, r) => `${v.includes('.') ? v : `${v}.`}${'9'.repeat(r.between(3, 40))}`,
    NUMERIC,
  ),
  'number-leading-zeros': onLeaf((v, r) => `${'0'.repeat(r.between(1, 20))}${v}`, NUMERIC),
  'number-full-width': onLeaf(
    (v) => v.replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c))),
    NUMERIC,
  ),
  'number-comma-decimal': onLeaf((v) => (v.includes('.') ? v.replace('.', ',') : `${v},00`), NUMERIC),
  'number-exponent': onLeaf((v, r) => `${v}e${r.pick(['1', '-1', '308', '309', '+2'])}`, NUMERIC),
};

const DATE_VALUES = [
  '20260230120000',
  '20261301000000',
  '20261132000000',
  '20261127250000',
  '20261127126000',
  '20261127235960',
  '00000101000000',
  '99991231235959',
  '2026112712000',
  '202611271200000',
  '2026-11-27T12:00:00',
  '2026/11/27',
  '20230229000000',
  '20240229000000',
  '19700101000000',
  '18991231000000',
  'abcdefghijklmn',
  '２０２６１１２７１２００００',
  '20260230',
  '20261301',
  '00000000',
  '20261127',
  '-2026112712000',
  '20261127120000.5',
  '20261127120000000',
  '20260230120000000',
  '2026112712000099',
  '        ',
  '20261127 120000',
];

const DATE: Record<string, Mutation> = {
  'date-value': onLeaf((_v, r) => r.pick(DATE_VALUES), DATE_LIKE),
  'date-feb-30': onLeaf((v) => `${v.slice(0, 4)}0230${v.slice(8)}`, DATE_LIKE),
  'date-year-0000': onLeaf((v) => `0000${v.slice(4)}`, DATE_LIKE),
  'date-month-13': onLeaf((v) => `${v.slice(0, 4)}13${v.slice(6)}`, DATE_LIKE),
  'date-hour-24': onLeaf((v) => (v.length >= 14 ? `${v.slice(0, 8)}24${v.slice(10)}` : `${v}24`), DATE_LIKE),
  'date-digit-dropped': onLeaf((v) => v.slice(0, -1), DATE_LIKE),
  'date-digit-added': onLeaf((v) => `${v}0`, DATE_LIKE),
  'date-future': onLeaf((v) => `2099${v.slice(4)}`, DATE_LIKE),
  'date-past': onLeaf((v) => `1900${v.slice(4)}`, DATE_LIKE),
};

const UNICODE_TEXT: Record<string, (r: Rng) => string> = {
  'rtl-override': () => '\u202E',
  'bidi-isolate': () => '\u2066x\u2069',
  'zero-width': (r) => r.pick(['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200B\u200B\u200B']),
  'lone-high-surrogate': () => '\uD800',
  'lone-low-surrogate': () => '\uDC00',
  'reversed-surrogates': () => '\uDC00\uD800',
  nul: () => '\u0000',
  'c0-control': (r) => String.fromCharCode(r.pick([1, 2, 7, 8, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f])),
  'del-and-c1': (r) => r.pick(['\u007F', '\u0085', '\u009F', '\u0080']),
  noncharacter: (r) => r.pick(['\uFFFE', '\uFFFF', '\uFDD0', '\u{1FFFE}', '\u{10FFFF}']),
  'replacement-char': () => '\uFFFD',
  emoji: (r) => r.pick(['😀', '👨‍👩‍👧‍👦', '🇨🇳', '🏳️‍🌈', '𠀀']),
  'combining-marks': (r) => `e${'\u0301'.repeat(r.pick([1, 5, 200]))}`,
  'private-use': () => '\uE000\u{F0000}',
  'full-width': () => 'ＡＢＣ１２３',
  homoglyph: () => 'АВС',
  'line-separator': () => '\u2028\u2029',
  'ideographic-space': () => '\u3000',
  'tab-newline': () => '\t\r\n',
};

const UNICODE: Record<string, Mutation> = Object.fromEntries([
  ...Object.entries(UNICODE_TEXT).map(([name, text]) => [name, intoLeaf(text)] as const),
  [
    'unicode-element-name',
    ((d, r) => {
      const s = anySpan(d, r, false);
      if (!s || s.closeStart >= s.end) return d.xml;
      const name = `${s.qname}${r.pick(['é', '中', '\u200B', '😀', '\u0301'])}`;
      const open = d.xml.slice(s.start, s.openEnd).replace(s.qname, name);
      return (
        d.xml.slice(0, s.start) +
        open +
        d.xml.slice(s.openEnd, s.closeStart) +
        `</${name}>` +
        d.xml.slice(s.end)
      );
    }) satisfies Mutation,
  ],
  [
    'unicode-in-attribute',
    ((d, r) => d.xml.replace(/guid="/, `guid="${r.pick(Object.values(UNICODE_TEXT))(r)}`)) satisfies Mutation,
  ],
]);

const TRUNCATION: Record<string, Mutation> = {
  'cut-random': (d, r) => d.xml.slice(0, r.int(d.xml.length)),
  'cut-tail': (d, r) => d.xml.slice(0, Math.max(0, d.xml.length - r.between(1, 64))),
  'cut-in-tag': (d, r) => {
    const s = anySpan(d, r, false);
    return s ? d.xml.slice(0, r.between(s.start + 1, Math.max(s.start + 1, s.openEnd - 1))) : d.xml;
  },
  'cut-mid-character': (d, r) => {
    const bytes = Buffer.from(d.xml);
    const starts: number[] = [];
    for (let i = 0; i < bytes.length && starts.length < 2000; i++)
      if ((bytes[i] as number) >= 0xe0 && (bytes[i] as number) < 0xf0) starts.push(i);
    if (starts.length === 0) return bytes.subarray(0, r.int(bytes.length));
    return bytes.subarray(0, r.pick(starts) + r.between(1, 2));
  },
  'empty-body': () => '',
  'declaration-only': () => '<?xml version="1.0" encoding="UTF-8"?>',
  'whitespace-only': () => ' \n\t ',
  'root-start-only': (d) => (d.spans[0] ? d.xml.slice(0, spanOf(d, 0).openEnd) : d.xml),
};

const DUPLICATE: Record<string, Mutation> = {
  'duplicate-element': (d, r) => {
    const s = anySpan(d, r);
    return s ? splice(d.xml, s.end, s.end, outer(d, s)) : d.xml;
  },
  'duplicate-leaf-many': (d, r) => {
    const s = anyLeaf(d, r);
    return s ? splice(d.xml, s.end, s.end, outer(d, s).repeat(r.pick([2, 10, 101, 1000]))) : d.xml;
  },
  'duplicate-named': (d, r) => {
    const name = r.pick([
      'BaseTransfer',
      'Signature',
      'OrderHead',
      'InventoryHead',
      'Order',
      'Inventory',
      'LogisticsHead',
    ]);
    const s = d.spans.find((x) => x.local === name);
    return s ? splice(d.xml, s.end, s.end, outer(d, s)) : STRUCTURE['unknown-element']!(d, r);
  },
  'duplicate-document-many': (d, r) => {
    const root = d.spans[0];
    const entity = root?.children[0] !== undefined ? spanOf(d, root.children[0]) : undefined;
    return entity
      ? splice(d.xml, entity.end, entity.end, outer(d, entity).repeat(r.pick([1, 99, 100, 101])))
      : d.xml;
  },
  'duplicate-attribute': (d) => d.xml.replace(/guid="([^"]*)"/, 'guid="$1" guid="$1"'),
  'duplicate-xmlns': (d) => d.xml.replace(/(xmlns:?\w*="[^"]*")/, '$1 $1'),
};

const MISSING: Record<string, Mutation> = {
  'drop-leaf': (d, r) => {
    const s = anyLeaf(d, r);
    return s ? splice(d.xml, s.start, s.end, '') : d.xml;
  },
  'drop-named': (d, r) => {
    const name = r.pick([
      'BaseTransfer',
      'Signature',
      'OrderHead',
      'OrderList',
      'InventoryList',
      'copCode',
      'guid',
      'appType',
      'orderNo',
    ]);
    const s = d.spans.find((x) => x.local === name);
    return s ? splice(d.xml, s.start, s.end, '') : d.xml;
  },
  'drop-all-documents': (d) => {
    const root = d.spans[0];
    if (!root || root.children.length === 0) return d.xml;
    const kids = root.children
      .map((i) => spanOf(d, i))
      .filter((s) => s.local !== 'BaseTransfer' && s.local !== 'Signature');
    let xml = d.xml;
    for (const s of kids.reverse()) xml = splice(xml, s.start, s.end, '');
    return xml;
  },
  'drop-root-attributes': (d) => d.xml.replace(/\s(guid|version)="[^"]*"/g, ''),
  'drop-every-child': (d) => {
    const root = d.spans[0];
    return root ? splice(d.xml, root.openEnd, root.closeStart, '') : d.xml;
  },
};

const ATTRIBUTE: Record<string, Mutation> = {
  'attribute-on-leaf': (d, r) => {
    const s = anyLeaf(d, r);
    return s
      ? splice(
          d.xml,
          s.openEnd - 1,
          s.openEnd - 1,
          r.pick([' foo="bar"', ' xml:lang="zh"', ' ceb:x="1"', ' a="1" b="2"']),
        )
      : d.xml;
  },
  'attribute-unescaped': (d, r) =>
    d.xml.replace(/guid="[^"]*"/, r.pick(['guid="a<b"', 'guid="a&b"', 'guid="a"b"', 'guid="&foo;"'])),
  'attribute-unquoted': (d) => d.xml.replace(/guid="([^"]*)"/, 'guid=$1'),
  'attribute-no-value': (d) => d.xml.replace(/guid="[^"]*"/, 'guid'),
  'attribute-single-quoted': (d) => d.xml.replace(/guid="([^"]*)"/, "guid='$1'"),
  'attribute-newline-value': (d) => d.xml.replace(/guid="([^"]*)"/, 'guid="$1\n\t"'),
  'attribute-entity-value': (d) => d.xml.replace(/guid="([^"]*)"/, 'guid="&#x41;&amp;$1"'),
  'xsi-type': (d, r) => {
    const s = anySpan(d, r, false);
    return s
      ? splice(
          d.xml,
          s.openEnd - 1,
          s.openEnd - 1,
          ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string"',
        )
      : d.xml;
  },
  'xsi-schema-location': (d) => {
    const root = d.spans[0];
    return root
      ? splice(
          d.xml,
          root.openEnd - 1,
          root.openEnd - 1,
          ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.chinaport.gov.cn/ceb http://127.0.0.1:9/evil.xsd" xsi:noNamespaceSchemaLocation="file:///etc/passwd"',
        )
      : d.xml;
  },
  'xml-space': (d) => {
    const root = d.spans[0];
    return root ? splice(d.xml, root.openEnd - 1, root.openEnd - 1, ' xml:space="preserve"') : d.xml;
  },
  'attribute-many': (d, r) => {
    const root = d.spans[0];
    const n = r.pick([100, 10_000]);
    const attrs = Array.from({ length: n }, (_, i) => ` a${i}="${i}"`).join('');
    return root ? splice(d.xml, root.openEnd - 1, root.openEnd - 1, attrs) : d.xml;
  },
  'attribute-undeclared-prefix': (d) => d.xml.replace(/guid="/, 'zz:q="1" guid="'),
  'guid-value': (d, r) =>
    d.xml.replace(
      /guid="[^"]*"/,
      `guid="${r.pick(['', 'lowercase-guid-4cde1cfd-eded-46b1-946c', '4CDE1CFD-EDED-46B1-946C-B8022E42FC9', '中'.repeat(36), ' '.repeat(36)])}"`,
    ),
  'version-value': (d, r) =>
    d.xml.replace(/version="1.0"(?=[^?]*>)/, `version="${r.pick(['', '2.0', 'x', '1.0.0', '1'])}"`),
  'reserved-attribute-name': (d, r) =>
    d.xml.replace(
      /guid="/,
      `${r.pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'])}="1" guid="`,
    ),
};

const CDATA: Record<string, Mutation> = {
  'cdata-value': onLeaf((v) => `<![CDATA[${v}]]>`),
  'cdata-markup': onLeaf(
    (_v, r) =>
      `<![CDATA[${r.pick(['<ceb:orderNo>1</ceb:orderNo>', '&foo;', '<!DOCTYPE x>', ']]', '&#0;'])}]]>`,
  ),
  'cdata-unterminated': onLeaf((v) => `<![CDATA[${v}`),
  'cdata-split': onLeaf((v) => `<![CDATA[${v.slice(0, 1)}]]><![CDATA[${v.slice(1)}]]>`),
  'cdata-end-in-text': onLeaf((v) => `${v}]]>`),
  'cdata-in-branch': (d, r) => {
    const s = anyBranch(d, r);
    return s ? splice(d.xml, s.openEnd, s.openEnd, '<![CDATA[x]]>') : d.xml;
  },
  'cdata-empty': onLeaf(() => '<![CDATA[]]>'),
};

const COMMENT: Record<string, Mutation> = {
  'comment-in-value': onLeaf((v, r) => {
    const at = r.int(v.length + 1);
    return `${v.slice(0, at)}<!-- c -->${v.slice(at)}`;
  }),
  'comment-between-elements': (d, r) => {
    const at = gap(d, r);
    return splice(d.xml, at, at, '<!-- 注释 -->');
  },
  'comment-double-dash': (d, r) => {
    const at = gap(d, r);
    return splice(d.xml, at, at, r.pick(['<!-- a -- b -->', '<!--->', '<!-- x --->']));
  },
  'comment-unterminated': (d, r) => {
    const at = gap(d, r);
    return splice(d.xml, at, at, '<!-- never closed');
  },
  'comment-before-declaration': (d) => `<!-- c -->${d.xml}`,
  'comment-huge': (d, r) => {
    const at = gap(d, r);
    return splice(d.xml, at, at, `<!--${'x'.repeat(r.pick([10_000, 100_000]))}-->`);
  },
  'comment-hides-doctype': (d, r) => {
    const at = gap(d, r);
    return splice(d.xml, at, at, '<!-- <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]> -->');
  },
};

const PI: Record<string, Mutation> = {
  'pi-in-body': (d, r) => {
    const at = gap(d, r);
    return splice(d.xml, at, at, r.pick(['<?foo bar?>', '<?php echo 1; ?>', '<?target?>']));
  },
  'pi-stylesheet': (d) =>
    d.xml.replace(/\?>/, '?><?xml-stylesheet type="text/xsl" href="http://127.0.0.1:9/x.xsl"?>'),
  'pi-second-declaration': (d, r) => {
    const at = gap(d, r);
    return splice(d.xml, at, at, '<?xml version="1.0" encoding="UTF-8"?>');
  },
  'pi-before-declaration': (d) => `<?foo?>${d.xml}`,
  'pi-unterminated': (d, r) => {
    const at = gap(d, r);
    return splice(d.xml, at, at, '<?foo bar');
  },
  'pi-reserved-target': (d, r) => {
    const at = gap(d, r);
    return splice(d.xml, at, at, '<?XmL x?>');
  },
  'pi-in-value': onLeaf((v) => `${v}<?x y?>`),
};

const CEB_NS = 'http://www.chinaport.gov.cn/ceb';

const NAMESPACE: Record<string, Mutation> = {
  'namespace-uri-changed': (d, r) =>
    d.xml.replace(
      CEB_NS,
      r.pick([
        'http://www.chinaport.gov.cn/CEB',
        'http://evil.example/ceb',
        '',
        'urn:x',
        `${CEB_NS}/`,
        ' http://www.chinaport.gov.cn/ceb',
      ]),
    ),
  'namespace-declaration-dropped': (d) =>
    d.xml.replace(/\s+xmlns(:\w+)?="http:\/\/www\.chinaport\.gov\.cn\/ceb"/, ''),
  'prefix-renamed': (d) => {
    if (!d.cebPrefix) return d.xml;
    const p = d.cebPrefix;
    return d.xml.replace(new RegExp(`(</?)${p}:`, 'g'), '$1zz:').replace(`xmlns:${p}=`, 'xmlns:zz=');
  },
  'default-namespace': (d) => {
    if (!d.cebPrefix) return d.xml;
    const p = d.cebPrefix;
    return d.xml.replace(new RegExp(`(</?)${p}:`, 'g'), '$1').replace(`xmlns:${p}=`, 'xmlns=');
  },
  'child-redeclares-prefix': (d, r) => {
    const s = anySpan(d, r);
    if (!s || !d.cebPrefix) return d.xml;
    return splice(d.xml, s.openEnd - 1, s.openEnd - 1, ` xmlns:${d.cebPrefix}="http://evil.example/ceb"`);
  },
  'undeclared-prefix': (d, r) => {
    const s = anySpan(d, r);
    if (!s || s.closeStart >= s.end) return d.xml;
    const name = `undeclared:${s.local}`;
    const open = d.xml.slice(s.start, s.openEnd).replace(s.qname, name);
    return (
      d.xml.slice(0, s.start) +
      open +
      d.xml.slice(s.openEnd, s.closeStart) +
      `</${name}>` +
      d.xml.slice(s.end)
    );
  },
  'empty-default-namespace': (d, r) => {
    const s = anySpan(d, r);
    return s ? splice(d.xml, s.openEnd - 1, s.openEnd - 1, ' xmlns=""') : d.xml;
  },
  'xmldsig-namespace-changed': (d) =>
    d.xml.replace('http://www.w3.org/2000/09/xmldsig#', 'http://www.w3.org/2000/09/xmldsig'),
  'reserved-prefix': (d) =>
    d.xml.replace(
      /xmlns:(\w+)="http:\/\/www\.chinaport\.gov\.cn\/ceb"/,
      'xmlns:$1="http://www.chinaport.gov.cn/ceb" xmlns:xml="urn:x" xmlns:xmlns="urn:y"',
    ),
};

const ENTITY: Record<string, Mutation> = {
  predefined: intoLeaf(() => '&amp;&lt;&gt;&quot;&apos;'),
  'character-reference': intoLeaf((r) => r.pick(['&#65;', '&#x4E2D;', '&#x1F600;', '&#20013;'])),
  'forbidden-character-reference': intoLeaf((r) =>
    r.pick([
      '&#0;',
      '&#x0;',
      '&#1;',
      '&#xD800;',
      '&#xFFFE;',
      '&#x110000;',
      '&#99999999999999999999;',
      '&#x;',
      '&#;',
    ]),
  ),
  'undeclared-entity': intoLeaf((r) => r.pick(['&nbsp;', '&foo;', '&copy;', '&xxe;', '&lol9;', '&amp'])),
  'bare-ampersand': intoLeaf(() => ' & '),
  'many-references': (d, r) => {
    const leaf = anyLeaf(d, r);
    return leaf ? setValue(d, leaf, '&lt;'.repeat(r.pick([1000, 25_000]))) : d.xml;
  },
  'reference-in-attribute': (d, r) =>
    d.xml.replace(/guid="/, `guid="${r.pick(['&#0;', '&foo;', '&lt;', '&#x41;'])}`),
};

// ---------------------------------------------------------------------------------------------------------
// DXP envelopes (spec 202205 §3, 终端节点报文): the message Base64 in Data.

export function dxpEnvelope(
  inner: string | Buffer,
  msgType: string,
  kind: 'DxpMsg' | 'DxpMsgSv' = 'DxpMsg',
): string {
  const data = Buffer.from(inner).toString('base64');
  const msg = `<DxpMsg ver="1.0" xmlns="http://www.chinaport.gov.cn/dxp"><TransInfo><CopMsgId>F0A1B2C3-0000-4000-8000-000000000001</CopMsgId><SenderId>DXPENT0000000001</SenderId><ReceiverIds><ReceiverId>DXPEDCCEB0000002</ReceiverId></ReceiverIds><CreatTime>2026-11-27T10:00:00</CreatTime><MsgType>${msgType}</MsgType></TransInfo><Data>${data}</Data></DxpMsg>`;
  return kind === 'DxpMsg'
    ? `<?xml version="1.0" encoding="UTF-8"?>${msg}`
    : `<?xml version="1.0" encoding="UTF-8"?><DxpMsgSv ver="1.0" xmlns="http://www.chinaport.gov.cn/dxp"><SvNo Ver="1.0"><MsgId>00000002201906281054520057087669</MsgId><SubMsgId>1</SubMsgId><SendTime>2026-11-27T10:00:00Z</SendTime><EndNode>46000002</EndNode><StaNode>00000002</StaNode></SvNo>${msg}</DxpMsgSv>`;
}

const rootName = (d: Doc) => (d.spans[0] ? spanOf(d, 0).local : 'Unknown');

const ENVELOPE: Record<string, Mutation> = {
  wrapped: (d) => dxpEnvelope(d.xml, rootName(d)),
  'wrapped-transfer-node': (d) => dxpEnvelope(d.xml, rootName(d), 'DxpMsgSv'),
  'wrapped-mutated': (d, r) => {
    const { body } = mutateText(d, r, pickTextFamily(r));
    return dxpEnvelope(body, rootName(d));
  },
  'msgtype-mismatch': (d, r) =>
    dxpEnvelope(d.xml, r.pick(['CEB621Message', 'CEB999Message', '', 'x'.repeat(100)])),
  'base64-broken': (d, r) => {
    const env = dxpEnvelope(d.xml, rootName(d));
    return env.replace(/<Data>([^<]*)<\/Data>/, (_m, b64: string) => {
      const choice = r.int(5);
      const cut = r.int(b64.length);
      const bad =
        choice === 0
          ? b64.slice(0, cut)
          : choice === 1
            ? `${b64.slice(0, cut)}!@#$%${b64.slice(cut)}`
            : choice === 2
              ? `${b64.slice(0, cut)}\n  ${b64.slice(cut)}`
              : choice === 3
                ? '===='
                : '';
      return `<Data>${bad}</Data>`;
    });
  },
  'base64-binary': (_d, r) => {
    const bytes = Buffer.alloc(r.between(1, 2000));
    for (let i = 0; i < bytes.length; i++) bytes[i] = r.int(256);
    return dxpEnvelope(bytes, 'CEB311Message');
  },
  'base64-utf16': (d) => dxpEnvelope(Buffer.from(d.xml, 'utf16le'), rootName(d)),
  'nested-envelope': (d) => dxpEnvelope(dxpEnvelope(d.xml, rootName(d)), rootName(d)),
  'envelope-structure': (d, r) => {
    const env = indexDoc(dxpEnvelope(d.xml, rootName(d)), false);
    const name = r.pick(Object.keys(STRUCTURE));
    return (STRUCTURE[name] as Mutation)(env, r);
  },
  'inner-hostile': (d, r) => {
    const { body } = hostile(r, d, { bodyLimit: 200_000, maxDepth: 32, maxElements: 100_000 }, [
      'billion-laughs',
      'external-file-entity',
      'doctype',
      'deep-nesting',
      'internal-entity',
    ]);
    return dxpEnvelope(body, rootName(d));
  },
};

// ---------------------------------------------------------------------------------------------------------

const TEXT_FAMILIES = {
  structure: STRUCTURE,
  length: LENGTH,
  number: NUMBER,
  date: DATE,
  unicode: UNICODE,
  duplicate: DUPLICATE,
  missing: MISSING,
  attribute: ATTRIBUTE,
  cdata: CDATA,
  comment: COMMENT,
  pi: PI,
  namespace: NAMESPACE,
  entity: ENTITY,
} satisfies Partial<Record<Family, Record<string, Mutation>>>;
type TextFamily = keyof typeof TEXT_FAMILIES;

const FAMILIES: Record<Exclude<Family, 'stacked' | 'hostile'>, Record<string, Mutation>> = {
  ...TEXT_FAMILIES,
  encoding: ENCODING,
  truncation: TRUNCATION,
  envelope: ENVELOPE,
};

const pickTextFamily = (r: Rng) => r.pick(Object.keys(TEXT_FAMILIES) as TextFamily[]);

function mutateText(d: Doc, r: Rng, family: TextFamily): { mutation: string; body: string } {
  const ops = TEXT_FAMILIES[family] as Record<string, Mutation>;
  const name = r.pick(Object.keys(ops));
  const out = (ops[name] as Mutation)(d, r);
  return { mutation: name, body: typeof out === 'string' ? out : out.toString('utf8') };
}

export interface HostileLimits {
  /** The server's body limit in bytes (over it: 413). */
  bodyLimit: number;
  maxDepth: number;
  maxElements: number;
}

const XXE_FILE = 'file:///etc/passwd';

/**
 * Hostile payloads built around a seed message, each named. They must all be refused (CEB900 −999/−1, or 413
 * over the body limit) without reading files, fetching URLs or expanding entities.
 */
export const HOSTILE_KINDS = [
  'doctype',
  'doctype-lowercase',
  'internal-entity',
  'external-file-entity',
  'external-http-entity',
  'parameter-entity',
  'billion-laughs',
  'quadratic-blowup',
  'xinclude',
  'deep-nesting',
  'deep-nesting-unclosed',
  'deep-nesting-unicode-names',
  'deep-nesting-at-limit',
  'many-elements',
  'many-elements-unicode-names',
  'many-attributes',
  'huge-attribute',
  'huge-text',
  'huge-cdata',
  'long-element-name',
  'many-namespaces',
  'reserved-element-name',
  'declaration-whitespace',
  'tag-without-end',
  'just-over-limit',
  'far-over-limit',
  'at-limit',
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/** Puts a DOCTYPE with the given internal subset after the declaration and a reference in a value. */
function withDoctype(d: Doc, r: Rng, subset: string, reference: string): string {
  const root = d.spans[0];
  const rootQName = root ? root.qname : 'x';
  const leaf = anyLeaf(d, r);
  const xml = leaf ? setValue(d, leaf, reference) : d.xml;
  const doctype = `<!DOCTYPE ${rootQName} [${subset}]>`;
  return /^\uFEFF?<\?xml[^>]*\?>/.test(xml) ? xml.replace(/\?>/, `?>\n${doctype}`) : `${doctype}\n${xml}`;
}

/** Fills the body up to `bytes` with a value inside the root, keeping it otherwise a message. */
function padded(d: Doc, bytes: number): string {
  const root = d.spans[0];
  const base = root ? splice(d.xml, root.openEnd, root.openEnd, '<!---->') : '<a><!----></a>';
  const room = bytes - Buffer.byteLength(base);
  return room > 0 ? base.replace('<!---->', `<!--${'x'.repeat(room)}-->`) : base;
}

export function hostile(
  r: Rng,
  d: Doc,
  limits: HostileLimits,
  kinds: readonly HostileKind[] = HOSTILE_KINDS,
): MutatedCase {
  const kind = r.pick(kinds);
  return { family: 'hostile', mutation: kind, body: hostileBody(kind, r, d, limits) };
}

export function hostileBody(kind: HostileKind, r: Rng, d: Doc, limits: HostileLimits): string {
  const open = `<ceb:CEB311Message xmlns:ceb="${CEB_NS}" guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94" version="1.0">`;
  const close = '</ceb:CEB311Message>';
  const room = limits.bodyLimit - 200;
  switch (kind) {
    case 'doctype':
      return withDoctype(d, r, '', 'x');
    case 'doctype-lowercase':
      return d.xml.replace(/\?>/, '?><!doctype x>');
    case 'internal-entity':
      return withDoctype(d, r, '<!ENTITY e "expanded">', '&e;');
    case 'external-file-entity':
      return withDoctype(d, r, `<!ENTITY xxe SYSTEM "${XXE_FILE}">`, '&xxe;');
    case 'external-http-entity':
      return withDoctype(d, r, '<!ENTITY xxe SYSTEM "http://127.0.0.1:9/xxe">', '&xxe;');
    case 'parameter-entity':
      return withDoctype(d, r, '<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;', '&e;');
    case 'billion-laughs': {
      const defs = ['<!ENTITY lol "lol">'];
      for (let i = 1; i <= 9; i++)
        defs.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
      return withDoctype(d, r, defs.join(''), '&lol9;');
    }
    case 'quadratic-blowup': {
      const big = 'a'.repeat(Math.min(50_000, room / 4));
      const refs = '&a;'.repeat(Math.floor((room - big.length) / 3 / 2));
      return withDoctype(d, r, `<!ENTITY a "${big}">`, refs);
    }
    case 'xinclude': {
      const leaf = anyLeaf(d, r);
      const inc = `<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="${XXE_FILE}" parse="text"/>`;
      return leaf ? setValue(d, leaf, inc) : d.xml + inc;
    }
    case 'deep-nesting': {
      const n = Math.min(r.pick([limits.maxDepth + 1, 1000, 100_000]), Math.floor(room / 7));
      return `${open}${'<a>'.repeat(n)}x${'</a>'.repeat(n)}${close}`;
    }
    case 'deep-nesting-unclosed': {
      const n = Math.min(r.pick([limits.maxDepth + 1, 200_000]), Math.floor(room / 3));
      return `${open}${'<a>'.repeat(n)}`;
    }
    case 'deep-nesting-unicode-names': {
      const n = Math.min(r.pick([limits.maxDepth + 1, 1000, 50_000]), Math.floor(room / 11));
      return `${open}${'<中>'.repeat(n)}${'</中>'.repeat(n)}${close}`;
    }
    case 'deep-nesting-at-limit': {
      // The root is one level: the limit's worth of elements in all, accepted by the parser (the XSD refuses).
      const n = limits.maxDepth - 1;
      return `${open}${'<ceb:a>'.repeat(n)}${'</ceb:a>'.repeat(n)}${close}`;
    }
    case 'many-elements': {
      const n = Math.min(limits.maxElements + r.pick([1, 1000]), Math.floor(room / 4));
      return `${open}${'<a/>'.repeat(n)}${close}`;
    }
    case 'many-elements-unicode-names': {
      const n = Math.min(limits.maxElements + 1, Math.floor(room / 6));
      return `${open}${'<中/>'.repeat(n)}${close}`;
    }
    case 'many-attributes': {
      const n = Math.floor(room / 10);
      return `${open.slice(0, -1)}${Array.from({ length: n }, (_, i) => ` a${i}=""`).join('')}>${close}`;
    }
    case 'huge-attribute':
      return `${open.slice(0, -1)} huge="${'x'.repeat(room)}">${close}`;
    case 'huge-text': {
      const leaf = anyLeaf(d, r);
      const text = '中'.repeat(Math.floor((room - Buffer.byteLength(d.xml)) / 3));
      return leaf ? setValue(d, leaf, text) : `${open}${text}${close}`;
    }
    case 'huge-cdata':
      return `${open}<![CDATA[${'x'.repeat(room)}]]>${close}`;
    case 'long-element-name': {
      const name = 'n'.repeat(Math.floor(room / 2) - 10);
      return `${open}<${name}>x</${name}>${close}`;
    }
    case 'many-namespaces': {
      const n = Math.floor(room / 30);
      return `${open.slice(0, -1)}${Array.from({ length: n }, (_, i) => ` xmlns:p${i}="urn:${i}"`).join('')}>${close}`;
    }
    case 'reserved-element-name': {
      const name = r.pick([
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'valueOf',
        'hasOwnProperty',
        '__defineGetter__',
      ]);
      return `${open}<${name}>x</${name}>${close}`;
    }
    case 'declaration-whitespace':
      return `<?xml version="1.0"${' '.repeat(room)}x?>${open}${close}`;
    case 'tag-without-end':
      return `${open}<a${' b'.repeat(Math.floor(room / 2))}`;
    case 'just-over-limit':
      return padded(d, limits.bodyLimit + 1);
    case 'far-over-limit':
      return padded(d, limits.bodyLimit * 4);
    case 'at-limit':
      return padded(d, limits.bodyLimit);
  }
}

export interface MutateOptions {
  /** Only this family (otherwise one is drawn: every family equally, hostile less often). */
  family?: Family;
  limits: HostileLimits;
  /** Share of hostile cases when the family is drawn. */
  hostileShare?: number;
}

/** One mutated case of a seed message. */
export function mutate(seedXml: string, r: Rng, options: MutateOptions): MutatedCase {
  const d = indexDoc(seedXml);
  const family: Family =
    options.family ??
    (r.chance(options.hostileShare ?? 0.02)
      ? 'hostile'
      : r.pick([...(Object.keys(FAMILIES) as Family[]), 'stacked']));
  if (family === 'hostile') return hostile(r, d, options.limits);
  if (family === 'stacked') {
    let xml = seedXml;
    const names: string[] = [];
    const n = r.between(2, 4);
    for (let i = 0; i < n; i++) {
      const f = pickTextFamily(r);
      const step = mutateText(indexDoc(xml, i === 0), r, f);
      names.push(`${f}:${step.mutation}`);
      xml = step.body;
    }
    // Sometimes the bytes are broken as well, last.
    if (r.chance(0.2)) {
      const name = r.pick(Object.keys(ENCODING));
      return {
        family,
        mutation: [...names, `encoding:${name}`].join('+'),
        body: (ENCODING[name] as Mutation)(indexDoc(xml, false), r),
      };
    }
    return { family, mutation: names.join('+'), body: xml };
  }
  const ops = FAMILIES[family];
  const name = r.pick(Object.keys(ops));
  return { family, mutation: name, body: (ops[name] as Mutation)(d, r) };
}

// ---------------------------------------------------------------------------------------------------------
// The JSON channel (`POST /api/v1/import/messages/:messageType`): the same message as JSON.

export type JsonFamily =
  | 'json-value'
  | 'json-structure'
  | 'json-keys'
  | 'json-unicode'
  | 'json-length'
  | 'json-syntax'
  | 'json-hostile';

export interface JsonCase {
  family: JsonFamily;
  mutation: string;
  body: string | Buffer;
  /** The message type in the URL (a wrong one sometimes). */
  messageType: string;
  /** Sent as application/json unless told. */
  contentType?: string;
}

type JsonValue = unknown;
type Path = (string | number)[];

/** Every path to a value in the message (objects, arrays and strings). */
function pathsOf(value: JsonValue, at: Path = [], out: Path[] = []): Path[] {
  if (at.length > 0) out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  return out;
}

function setAt(root: JsonValue, path: Path, value: JsonValue | typeof REMOVE): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === REMOVE) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
}

const getAt = (root: JsonValue, path: Path): JsonValue =>
  path.reduce<JsonValue>((node, key) => (node as Record<string | number, unknown>)[key], root);

const REMOVE = Symbol('remove');

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A path to a string value (or to anything, when the message has no string). */
function anyStringPath(msg: JsonValue, r: Rng): Path {
  const paths = pathsOf(msg);
  const strings = paths.filter((p) => typeof getAt(msg, p) === 'string');
  return r.pick(strings.length > 0 ? strings : paths.length > 0 ? paths : [['guid']]);
}

const OTHER_TYPES = [
  'CEB303Message',
  'CEB999Message',
  'ceb311message',
  'CEB311Message ',
  '__proto__',
  'constructor',
];

export function mutateJson(
  seed: Record<string, unknown>,
  messageType: string,
  r: Rng,
  limits: HostileLimits,
  only?: JsonFamily,
): JsonCase {
  const family: JsonFamily =
    only ??
    r.pick([
      'json-value',
      'json-structure',
      'json-keys',
      'json-unicode',
      'json-length',
      'json-syntax',
      'json-hostile',
    ] as const);
  const msg = clone(seed);
  const done = (mutation: string, body: string | Buffer, extra: Partial<JsonCase> = {}): JsonCase => ({
    family,
    mutation,
    body,
    messageType,
    ...extra,
  });
  const text = () => JSON.stringify(msg);
  /** The message with `raw` (JSON text) in place of one string value. */
  const withRaw = (raw: string) => {
    const path = anyStringPath(msg, r);
    const marker = '\u0001MARK\u0001';
    setAt(msg, path, marker);
    return text().replace(JSON.stringify(marker), raw);
  };
  switch (family) {
    case 'json-value': {
      const path = anyStringPath(msg, r);
      const value = r.pick<JsonValue>([12.5, 0, -1, true, false, null, [], {}, ['a'], { x: 'y' }, 1e21, '']);
      setAt(msg, path, value);
      return done(`value-${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}`, text());
    }
    case 'json-structure': {
      const kind = r.pick([
        'drop-key',
        'unknown-key',
        'object-as-array',
        'array-as-object',
        'object-as-string',
        'root-array',
        'root-string',
        'root-number',
        'root-null',
        'documents-over-max',
        'wrong-message-type',
      ]);
      const paths = pathsOf(msg);
      const path = paths.length > 0 ? r.pick(paths) : ['guid'];
      switch (kind) {
        case 'drop-key':
          setAt(msg, path, REMOVE);
          return done(kind, text());
        case 'unknown-key': {
          const objects = paths.filter((p) => {
            const v = getAt(msg, p);
            return v !== null && typeof v === 'object' && !Array.isArray(v);
          });
          const target = objects.length > 0 ? (getAt(msg, r.pick(objects)) as Record<string, unknown>) : msg;
          target[r.pick(['colour', 'Signature', 'orderno', '@guid', '#text', ':@'])] = 'x';
          return done(kind, text());
        }
        case 'object-as-array':
          setAt(msg, path, [getAt(msg, path), getAt(msg, path)]);
          return done(kind, text());
        case 'array-as-object':
          setAt(msg, path, { 0: getAt(msg, path) });
          return done(kind, text());
        case 'object-as-string':
          setAt(msg, path, JSON.stringify(getAt(msg, path)));
          return done(kind, text());
        case 'root-array':
          return done(kind, `[${text()}]`);
        case 'root-string':
          return done(kind, JSON.stringify(text()));
        case 'root-number':
          return done(kind, '42');
        case 'root-null':
          return done(kind, 'null');
        case 'documents-over-max': {
          const list = Object.entries(msg).find(([, v]) => Array.isArray(v));
          if (list)
            msg[list[0]] = Array.from({ length: r.pick([100, 101, 1000]) }, () => (list[1] as unknown[])[0]);
          return done(kind, text());
        }
        default:
          return done(kind, text(), { messageType: r.pick(OTHER_TYPES) });
      }
    }
    case 'json-keys': {
      const key = r.pick([
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'hasOwnProperty',
        'valueOf',
        '',
        ' ',
        'guid\u0000',
      ]);
      const value = r.pick(['{"polluted":"yes"}', '{"prototype":{"polluted":"yes"}}', '"x"', '1', 'null']);
      const body = text();
      // Written as text: assigning __proto__ to an object would set its prototype, not add a key.
      const nested = r.chance(0.5) && body.includes('{"', 1);
      const at = nested ? body.indexOf('{"', 1) + 1 : 1;
      return done(
        `key-${key.trim() === '' ? 'blank' : key.replace('\u0000', '\\0')}`,
        `${body.slice(0, at)}${JSON.stringify(key)}:${value},${body.slice(at)}`,
      );
    }
    case 'json-unicode': {
      const raw = r.pick([
        '"\\u0000"',
        '"a\\u0000b"',
        '"\\ud800"',
        '"\\udc00x"',
        '"\\u0001\\u001f"',
        '"\\ufffe"',
        '"\\u202e"',
        '"😀"',
        '"\\u200b"',
        '"e\\u0301"',
        '"\\t\\r\\n"',
        '"\\uFEFF"',
      ]);
      return done(`string-${raw.slice(1, -1)}`, withRaw(raw));
    }
    case 'json-length': {
      const n = r.pick([0, 1, 61, 256, 1001, 5001, 100_000]);
      return done(`string-of-${n}`, withRaw(JSON.stringify('中'.repeat(n))));
    }
    case 'json-syntax': {
      const body = text();
      const kind = r.pick([
        'truncated',
        'trailing-comma',
        'single-quotes',
        'comment',
        'bom',
        'nan-literal',
        'infinity-literal',
        'duplicate-keys',
        'invalid-utf8',
        'empty-body',
        'text-plain',
        'xml-content-type',
        'form-content-type',
        'json-charset-utf16',
      ]);
      switch (kind) {
        case 'truncated':
          return done(kind, body.slice(0, r.int(body.length)));
        case 'trailing-comma':
          return done(kind, body.replace(/}$/, ',}'));
        case 'single-quotes':
          return done(kind, body.replace(/"/g, "'"));
        case 'comment':
          return done(kind, `/* c */${body}`);
        case 'bom':
          return done(kind, `\uFEFF${body}`);
        case 'nan-literal':
          return done(kind, withRaw('NaN'));
        case 'infinity-literal':
          return done(kind, withRaw('-Infinity'));
        case 'duplicate-keys':
          return done(kind, body.replace(/^\{"(\w+)":/, '{"$1":"first","$1":'));
        case 'invalid-utf8': {
          const at = body.indexOf('"', 2) + 1;
          return done(
            kind,
            Buffer.concat([
              Buffer.from(body.slice(0, at)),
              Buffer.from(r.pick(INVALID_UTF8)),
              Buffer.from(body.slice(at)),
            ]),
          );
        }
        case 'empty-body':
          return done(kind, '');
        case 'text-plain':
          return done(kind, body, { contentType: 'text/plain' });
        case 'xml-content-type':
          return done(kind, body, { contentType: 'application/xml' });
        case 'form-content-type':
          return done(kind, 'a=1&b=2', { contentType: 'application/x-www-form-urlencoded' });
        default:
          return done(kind, body, { contentType: 'application/json; charset=utf-16' });
      }
    }
    case 'json-hostile': {
      const room = limits.bodyLimit - 1000;
      const kind = r.pick([
        'deep-array',
        'deep-object',
        'huge-array',
        'huge-string',
        'many-keys',
        'over-limit',
      ]);
      switch (kind) {
        case 'deep-array': {
          const n = r.pick([1000, Math.floor(room / 2)]);
          return done(kind, withRaw(`${'['.repeat(n)}${']'.repeat(n)}`));
        }
        case 'deep-object': {
          const n = r.pick([1000, Math.floor(room / 8)]);
          return done(kind, withRaw(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`));
        }
        case 'huge-array': {
          const list = Object.keys(msg).find((k) => Array.isArray(msg[k])) ?? 'Order';
          return done(
            kind,
            text().replace(`"${list}":[`, `"${list}":[${'{},'.repeat(Math.floor(room / 3))}`),
          );
        }
        case 'huge-string':
          return done(kind, withRaw(JSON.stringify('x'.repeat(room))));
        case 'many-keys': {
          const n = Math.floor(room / 12);
          const keys = Array.from({ length: n }, (_, i) => `"k${i}":"v"`).join(',');
          return done(kind, `{${keys},${text().slice(1)}`);
        }
        default:
          return done(kind, withRaw(JSON.stringify('x'.repeat(limits.bodyLimit + 1))));
      }
    }
  }
}
