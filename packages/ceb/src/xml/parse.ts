import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XNode } from './tree.ts';

export interface ParseLimits {
  /** Largest message accepted, in bytes of UTF-8. */
  maxBytes: number;
  maxDepth: number;
  maxElements: number;
}

/**
 * Generous for real traffic (a CEB message holds at most 100 documents of at most 99–100 lines each, and
 * CEB711 an unbounded but practical list), tight enough that hostile input is refused before it costs much.
 */
export const DEFAULT_LIMITS: ParseLimits = { maxBytes: 4 * 1024 * 1024, maxDepth: 32, maxElements: 100_000 };

export type XmlProblem =
  | 'ENCODING' // declared encoding other than UTF-8 (CEB messages are UTF-8)
  | 'TOO_LARGE' // over maxBytes
  | 'DTD_FORBIDDEN' // DOCTYPE / ENTITY declarations: entity expansion and external references are refused outright
  | 'TOO_DEEP'
  | 'TOO_MANY_ELEMENTS'
  | 'MALFORMED'; // not well-formed XML

export type ParseResult =
  | { ok: true; root: XNode }
  | { ok: false; problem: XmlProblem; message: string; line?: number; col?: number };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
});

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)[^<>]*?(\/?)>/g;

/** A cheap pass over the tags before the real parse, so absurd nesting or element counts cost little. */
function precheck(xml: string, limits: ParseLimits): ParseResult | undefined {
  let depth = 0;
  let elements = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    if (m[1]) depth--;
    else {
      elements++;
      if (!m[3]) depth++;
      if (depth > limits.maxDepth)
        return { ok: false, problem: 'TOO_DEEP', message: `elements nested deeper than ${limits.maxDepth}` };
      if (elements > limits.maxElements)
        return {
          ok: false,
          problem: 'TOO_MANY_ELEMENTS',
          message: `more than ${limits.maxElements} elements`,
        };
    }
  }
  return undefined;
}

type Raw = Record<string, unknown>;

function splitName(qname: string): [string, string] {
  const i = qname.indexOf(':');
  return i < 0 ? ['', qname] : [qname.slice(0, i), qname.slice(i + 1)];
}

/** Builds the namespace-resolved tree from fast-xml-parser's ordered output. */
function toNode(entry: Raw, scope: Map<string, string>, index: number): XNode {
  const key = Object.keys(entry).find((k) => k !== ':@') as string;
  const rawAttrs = (entry[':@'] ?? {}) as Record<string, string>;
  let local = scope;
  const attrs: Record<string, string> = {};
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (local === scope) local = new Map(scope);
      local.set(name === 'xmlns' ? '' : name.slice(6), value);
    } else attrs[name] = value;
  }
  const [prefix, name] = splitName(key);
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
    if ('#text' in child) node.text += String(child['#text']);
    else if ('#cdata' in child)
      node.text += ((child['#cdata'] as Raw[])[0]?.['#text'] as string | undefined) ?? '';
    else {
      const childKey = Object.keys(child).find((k) => k !== ':@') as string;
      const n = (counts.get(childKey) ?? 0) + 1;
      counts.set(childKey, n);
      node.children.push(toNode(child, local, n));
    }
  }
  return node;
}

/**
 * Parses untrusted XML safely: size, DTD, depth and element-count limits first, then well-formedness, then
 * a namespace-resolved tree (elements are known by namespace URI, never by prefix).
 */
export function parseXml(input: string, limits: ParseLimits = DEFAULT_LIMITS): ParseResult {
  if (Buffer.byteLength(input, 'utf8') > limits.maxBytes)
    return { ok: false, problem: 'TOO_LARGE', message: `larger than ${limits.maxBytes} bytes` };
  const xml = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    return {
      ok: false,
      problem: 'DTD_FORBIDDEN',
      message:
        'DOCTYPE and ENTITY declarations are not accepted (no entity expansion, no external references)',
    };
  }
  if (xml.startsWith('<?xml')) {
    const decl =
      /^<\?xml\s+version\s*=\s*(["'])1\.\d+\1(\s+encoding\s*=\s*(["'])([A-Za-z][\w.-]*)\3)?(\s+standalone\s*=\s*(["'])(yes|no)\6)?\s*\?>/.exec(
        xml,
      );
    if (!decl)
      return {
        ok: false,
        problem: 'MALFORMED',
        message: 'malformed XML declaration (version is required)',
        line: 1,
        col: 1,
      };
    const encoding = decl[4]?.toUpperCase();
    if (encoding && encoding !== 'UTF-8' && encoding !== 'UTF8') {
      return { ok: false, problem: 'ENCODING', message: `encoding ${decl[4]} is not accepted: send UTF-8` };
    }
  }
  const pre = precheck(xml, limits);
  if (pre) return pre;
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    return {
      ok: false,
      problem: 'MALFORMED',
      message: valid.err.msg,
      line: valid.err.line,
      col: valid.err.col,
    };
  const entries = parser.parse(xml) as Raw[];
  const elements = entries.filter((e) => !('#text' in e) && !('#cdata' in e));
  if (elements.length !== 1)
    return { ok: false, problem: 'MALFORMED', message: 'exactly one root element expected' };
  return {
    ok: true,
    root: toNode(elements[0] as Raw, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), 1),
  };
}
