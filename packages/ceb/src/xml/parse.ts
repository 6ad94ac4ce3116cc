import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XNode } from './tree.ts';

export interface ParseLimits {
  /** Largest message accepted, in bytes of UTF-8. */
  maxBytes: number;
  maxDepth: number;
  maxElements: number;
  /** Attributes (namespace declarations included) on one element; unlimited when not given. */
  maxAttributes?: number;
}

/**
 * Generous for real traffic (a CEB message holds at most 100 documents of at most 99–100 lines each, and
 * CEB711 an unbounded but practical list; no CEB or DXP element carries more than a handful of attributes),
 * tight enough that hostile input is refused before it costs much: a megabyte of attributes on one element
 * took the full parse about a second.
 */
export const DEFAULT_LIMITS: ParseLimits = {
  maxBytes: 4 * 1024 * 1024,
  maxDepth: 32,
  maxElements: 100_000,
  maxAttributes: 64,
};

export type XmlProblem =
  | 'ENCODING' // declared encoding other than UTF-8, or bytes that were not UTF-8 (CEB messages are UTF-8)
  | 'TOO_LARGE' // over maxBytes
  | 'DTD_FORBIDDEN' // DOCTYPE / ENTITY declarations: entity expansion and external references are refused outright
  | 'TOO_DEEP'
  | 'TOO_MANY_ELEMENTS'
  | 'TOO_MANY_ATTRIBUTES'
  | 'RESERVED_NAME' // an element or attribute named __proto__ / constructor / prototype
  | 'MALFORMED'; // not well-formed XML

export type ParseResult =
  | { ok: true; root: XNode }
  | { ok: false; problem: XmlProblem; message: string; line?: number; col?: number };

type Refusal = Extract<ParseResult, { ok: false }>;

// Entities and character references are decoded here (processEntities off), so that a reference is decoded
// exactly once, undefined entities are refused and a reference to a character XML forbids (&#0;) never gets in.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  // Names such as toString or valueOf are ordinary element names here (the tree is read with Object.keys).
  onDangerousProperty: (name: string) => name,
});

/** Line and column (1-based) of a character index. */
function located(xml: string, index: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = xml.indexOf('\n'); i !== -1 && i < index; i = xml.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: index - lineStart + 1 };
}

const refuse = (problem: XmlProblem, message: string, xml?: string, index?: number): Refusal =>
  xml !== undefined && index !== undefined && index >= 0
    ? { ok: false, problem, message, ...located(xml, index) }
    : { ok: false, problem, message };

/** Thrown while building the tree; parseXml turns it into its refusal. */
class TreeRefusal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/**
 * Characters an XML 1.0 document may not contain at all (§2.2 Char), not even as references: NUL and the C0
 * controls other than tab, LF and CR, unpaired surrogates, U+FFFE and U+FFFF.
 */
const NOT_XML_CHAR_SOURCE =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what XML 1.0 §2.2 excludes
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
    .source;
const NOT_XML_CHAR = new RegExp(NOT_XML_CHAR_SOURCE);
const NOT_XML_CHARS = new RegExp(NOT_XML_CHAR_SOURCE, 'g');

/** The first character XML cannot carry, and where; undefined when there is none. */
export function firstNonXmlChar(text: string): { index: number; codePoint: string } | undefined {
  const m = NOT_XML_CHAR.exec(text);
  return m ? { index: m.index, codePoint: describeChar(m[0]) } : undefined;
}

/** The text with every character XML cannot carry replaced (by U+FFFD unless told). */
export const replaceNonXmlChars = (text: string, by = '\uFFFD') => text.replace(NOT_XML_CHARS, by);

const isXmlChar = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

const describeChar = (c: string) =>
  `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Start and end tags, with quoted attribute values skipped whole (a `>` inside one does not end the tag), for
 * the cheap pass over the tags. Any name counts — `<中>` as much as `<a>` — so depth cannot hide behind one.
 */
const TAG = /<(\/?)([^\s<>/!?"'=][^\s<>/"'=]*)(?:[^<>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

const ATTRIBUTE = /\s[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*')/g;
const attributeCount = (tag: string) => tag.match(ATTRIBUTE)?.length ?? 0;

/** A cheap pass over the tags before the real parse, so absurd nesting or element counts cost little. */
function precheck(xml: string, limits: ParseLimits): Refusal | undefined {
  let depth = 0;
  let elements = 0;
  TAG.lastIndex = 0;
  const maxAttributes = limits.maxAttributes ?? Infinity;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    if (m[1]) depth--;
    else {
      elements++;
      // Only a long start tag can hold many attributes: the common short ones are not counted.
      if (m[0].length > 16 * maxAttributes && attributeCount(m[0]) > maxAttributes)
        return refuse(
          'TOO_MANY_ATTRIBUTES',
          `more than ${maxAttributes} attributes on one element`,
          xml,
          m.index,
        );
      if (!m[3]) depth++;
      if (depth > limits.maxDepth)
        return refuse('TOO_DEEP', `elements nested deeper than ${limits.maxDepth}`, xml, m.index);
      if (elements > limits.maxElements)
        return refuse('TOO_MANY_ELEMENTS', `more than ${limits.maxElements} elements`, xml, m.index);
    }
  }
  return undefined;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
const REFERENCE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([^\s&;<>"']+));/g;
const BARE_AMPERSAND = /&(?!#x[0-9A-Fa-f]+;|#[0-9]+;|[^\s&;<>"']+;)/;

/**
 * Decodes the five predefined entities and character references of one text or attribute value (XML 1.0
 * §4.1, §4.6). With no DTD accepted, any other entity is undeclared (a well-formedness error), and a
 * reference to a character XML forbids (`&#0;`, `&#xD800;`) is refused like the character itself.
 */
function decodeReferences(raw: string, xml: string): string {
  if (!raw.includes('&')) return raw;
  if (BARE_AMPERSAND.test(raw)) {
    const at = xml.indexOf(raw);
    throw new TreeRefusal(
      refuse('MALFORMED', "'&' must start an entity or character reference (write &amp;)", xml, at),
    );
  }
  return raw.replace(REFERENCE, (ref, hex: string | undefined, dec: string | undefined, name?: string) => {
    if (name !== undefined) {
      const value = PREDEFINED[name];
      if (value === undefined)
        throw new TreeRefusal(
          refuse(
            'MALFORMED',
            `undeclared entity ${ref}: only &lt; &gt; &amp; &apos; &quot; and character references are accepted`,
            xml,
            xml.indexOf(ref),
          ),
        );
      return value;
    }
    const cp = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec as string, 10);
    if (!isXmlChar(cp))
      throw new TreeRefusal(
        refuse(
          'MALFORMED',
          `character reference ${ref.length > 40 ? `${ref.slice(0, 37)}...` : ref} is not a character XML allows (XML 1.0 §2.2)`,
          xml,
          xml.indexOf(ref),
        ),
      );
    return String.fromCodePoint(cp);
  });
}

type Raw = Record<string, unknown>;

function splitName(qname: string): [string, string] {
  const i = qname.indexOf(':');
  return i < 0 ? ['', qname] : [qname.slice(0, i), qname.slice(i + 1)];
}

/** Where a tag of this name starts in the document, for the refusal's line and column (best effort). */
const tagAt = (xml: string, qname: string) => xml.indexOf(`<${qname}`);

/** Builds the namespace-resolved tree from fast-xml-parser's ordered output. */
function toNode(entry: Raw, scope: Map<string, string>, index: number, xml: string): XNode {
  const key = Object.keys(entry).find((k) => k !== ':@') as string;
  const rawAttrs = (entry[':@'] ?? {}) as Record<string, string>;
  let local = scope;
  const attrs: Record<string, string> = {};
  for (const [name, raw] of Object.entries(rawAttrs)) {
    if (raw.includes('<'))
      throw new TreeRefusal(
        refuse('MALFORMED', `'<' in the value of attribute ${name} (write &lt;)`, xml, tagAt(xml, key)),
      );
    const value = decodeReferences(raw, xml);
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (local === scope) local = new Map(scope);
      local.set(name === 'xmlns' ? '' : name.slice(6), value);
    } else attrs[name] = value;
  }
  const [prefix, name] = splitName(key);
  // Namespaces in XML 1.0 §5.1 (Prefix Declared): a prefix must be bound where it is used.
  if (prefix && !local.has(prefix))
    throw new TreeRefusal(
      refuse(
        'MALFORMED',
        `namespace prefix ${prefix} of element ${key} is not declared`,
        xml,
        tagAt(xml, key),
      ),
    );
  for (const attr of Object.keys(attrs)) {
    const [attrPrefix] = splitName(attr);
    if (attrPrefix && !local.has(attrPrefix))
      throw new TreeRefusal(
        refuse(
          'MALFORMED',
          `namespace prefix ${attrPrefix} of attribute ${attr} is not declared`,
          xml,
          tagAt(xml, key),
        ),
      );
  }
  const node: XNode = {
    ns: local.get(prefix) ?? '',
    name,
    prefix,
    attrs,
    children: [],
    text: '',
    index,
    scope: local,
  };
  const counts = new Map<string, number>();
  for (const child of (entry[key] ?? []) as Raw[]) {
    if ('#text' in child) {
      const raw = String(child['#text']);
      if (raw.includes(']]>'))
        throw new TreeRefusal(
          refuse('MALFORMED', "']]>' in character data (XML 1.0 §2.4)", xml, xml.indexOf(']]>')),
        );
      node.text += decodeReferences(raw, xml);
    } else if ('#cdata' in child)
      node.text += ((child['#cdata'] as Raw[])[0]?.['#text'] as string | undefined) ?? '';
    else {
      const childKey = Object.keys(child).find((k) => k !== ':@') as string;
      const n = (counts.get(childKey) ?? 0) + 1;
      counts.set(childKey, n);
      node.children.push(toNode(child, local, n, xml));
    }
  }
  return node;
}

/** What fast-xml-parser throws for names it will not make object keys of, and for its own nesting limit. */
function parserRefusal(error: unknown, xml: string): Refusal {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('[SECURITY]') || message.startsWith('Invalid tag name')) {
    const name = /"([^"]+)"|: (\S+)$/.exec(message);
    const bad = name?.[1] ?? name?.[2] ?? '';
    const escaped = bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const at = new RegExp(`<\\/?${escaped}[\\s/>]|\\s${escaped}\\s*=`).exec(xml)?.index;
    return refuse(
      'RESERVED_NAME',
      `an element or attribute named ${bad || '__proto__, constructor or prototype'} is not accepted`,
      xml,
      at === undefined ? undefined : at + 1,
    );
  }
  if (message.includes('Maximum nested tags')) return refuse('TOO_DEEP', 'elements nested too deep');
  // A comment, CDATA section or processing instruction left open: the parser ran to the end of the input.
  if (/is not closed|not closed/i.test(message)) return refuse('MALFORMED', message, xml, xml.length);
  // Not expected: said without a place, so that the fuzzer (apps/server/test/fuzz.int.test.ts) notices it.
  return refuse('MALFORMED', message);
}

/**
 * Parses untrusted XML safely: size, encoding, forbidden characters, DTD, depth and element-count limits
 * first, then well-formedness, then a namespace-resolved tree (elements are known by namespace URI, never by
 * prefix). Every refusal of a place in the document says its line and column.
 */
export function parseXml(input: string, limits: ParseLimits = DEFAULT_LIMITS): ParseResult {
  if (Buffer.byteLength(input, 'utf8') > limits.maxBytes)
    return refuse('TOO_LARGE', `larger than ${limits.maxBytes} bytes`);
  const xml = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // The HTTP layer decodes the body as UTF-8 and replaces bytes that are not UTF-8 by U+FFFD: a U+FFFD means
  // the sender's bytes were in another encoding (GBK, Latin-1, UTF-16 with its byte-order mark …).
  const replaced = xml.indexOf('\uFFFD');
  if (replaced >= 0)
    return refuse(
      'ENCODING',
      'bytes that are not UTF-8 (shown as U+FFFD): send the message in UTF-8',
      xml,
      replaced,
    );
  if (xml.slice(0, 4).includes('\u0000'))
    return refuse('ENCODING', 'UTF-16 or UTF-32 bytes: send the message in UTF-8', xml, 0);
  const forbidden = firstNonXmlChar(xml);
  if (forbidden)
    return refuse(
      'MALFORMED',
      `character ${forbidden.codePoint} is not allowed in XML (XML 1.0 §2.2)`,
      xml,
      forbidden.index,
    );
  const dtd = /<!DOCTYPE|<!ENTITY/i.exec(xml);
  if (dtd)
    return refuse(
      'DTD_FORBIDDEN',
      'DOCTYPE and ENTITY declarations are not accepted (no entity expansion, no external references)',
      xml,
      dtd.index,
    );
  if (xml.startsWith('<?xml')) {
    const decl =
      /^<\?xml\s+version\s*=\s*(["'])1\.\d+\1(\s+encoding\s*=\s*(["'])([A-Za-z][\w.-]*)\3)?(\s+standalone\s*=\s*(["'])(yes|no)\6)?\s*\?>/.exec(
        xml,
      );
    if (!decl) return refuse('MALFORMED', 'malformed XML declaration (version is required)', xml, 0);
    const encoding = decl[4]?.toUpperCase();
    if (encoding && encoding !== 'UTF-8' && encoding !== 'UTF8')
      return refuse(
        'ENCODING',
        `encoding ${decl[4]} is not accepted: send UTF-8`,
        xml,
        xml.indexOf('encoding'),
      );
  }
  // Every '<' is closed by a '>' somewhere after it (tags, comments, CDATA and PIs all end in one): a last '<'
  // with none after it is a tag that never ends, refused before the parser walks a megabyte to find out.
  const lastOpen = xml.lastIndexOf('<');
  if (lastOpen >= 0 && xml.indexOf('>', lastOpen) < 0)
    return refuse('MALFORMED', 'a tag that is never closed by >', xml, lastOpen);
  const pre = precheck(xml, limits);
  if (pre) return pre;
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    // The validator leaves the column out when the input ended early (nothing but a declaration, say):
    // the place is then the end of the input.
    const end = located(xml, xml.length);
    return {
      ok: false,
      problem: 'MALFORMED',
      message: valid.err.msg,
      line: valid.err.line ?? end.line,
      col: valid.err.col ?? (valid.err.line === undefined || valid.err.line === end.line ? end.col : 1),
    };
  }
  let entries: Raw[];
  try {
    entries = parser.parse(xml) as Raw[];
  } catch (error) {
    return parserRefusal(error, xml);
  }
  const elements = entries.filter((e) => !('#text' in e) && !('#cdata' in e));
  if (elements.length !== 1) return refuse('MALFORMED', 'exactly one root element expected', xml, 0);
  // Only comments, processing instructions and white space may follow the root element (XML 1.0 §2.1).
  const rootKey = Object.keys(elements[0] as Raw).find((k) => k !== ':@') as string;
  const close = xml.lastIndexOf(`</${rootKey}`);
  const rootEnd = xml.indexOf('>', close >= 0 ? close : xml.indexOf(`<${rootKey}`)) + 1;
  const after = xml.slice(rootEnd).replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g, '');
  if (after.trim() !== '')
    return refuse('MALFORMED', 'content after the root element', xml, rootEnd + /\S/.exec(after)!.index);
  try {
    return {
      ok: true,
      root: toNode(elements[0] as Raw, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), 1, xml),
    };
  } catch (error) {
    if (error instanceof TreeRefusal) return error.refusal;
    throw error;
  }
}
