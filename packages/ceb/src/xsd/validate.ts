import type { XNode } from '../xml/tree.ts';
import type { AttributeDecl, ElementDecl, SimpleType } from './model.ts';

/** One way a message breaks its XSD: where, which rule, what the schema wants, what was sent. */
export interface FieldError {
  /** Full element path, e.g. `CEB311Message/Order[2]/OrderHead/orderNo`. */
  path: string;
  /** The element and field, e.g. `OrderHead.orderNo`. */
  field: string;
  rule: string;
  expected?: string;
  actual?: string;
}

/** Parsed content: strings for simple values, objects for complex ones, arrays where the XSD allows many. */
export type CebValue = string | CebObject | CebValue[] | XNode;
export interface CebObject {
  [name: string]: CebValue | undefined;
}

const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

function collapse(text: string): string {
  return text.replace(/[\t\n\r ]+/g, ' ').trim();
}

/** Characters as XML Schema counts them (code points, not UTF-16 units). */
const charCount = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE = /^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/;
const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

function digitsOf(value: string): { total: number; fraction: number } {
  const unsigned = value.replace(/^[+-]/, '');
  const [intPart = '', fracPart = ''] = unsigned.split('.');
  const int = intPart.replace(/^0+/, '');
  const frac = fracPart.replace(/0+$/, '');
  return { total: Math.max(int.length + frac.length, 1), fraction: frac.length };
}

/**
 * Checks a simple value against its type as an XSD validator would; returns the broken rule, if any.
 * Lengths count characters; decimals and integers are whitespace-collapsed first.
 */
export function checkSimple(
  raw: string,
  type: SimpleType,
  fixed?: string,
): { rule: string; expected: string } | undefined {
  const f = type.facets;
  const numeric =
    type.base === 'decimal' || type.base === 'int' || type.base === 'integer' || type.base === 'long';
  const value =
    numeric || f.whiteSpace === 'collapse' || type.base !== 'string'
      ? collapse(raw)
      : f.whiteSpace === 'replace'
        ? raw.replace(/[\t\n\r]/g, ' ')
        : raw;
  if (fixed !== undefined && value !== fixed) return { rule: 'fixed value (XSD fixed)', expected: fixed };
  switch (type.base) {
    case 'decimal':
      if (!DECIMAL.test(value)) return { rule: 'decimal number (xs:decimal)', expected: 'e.g. 12.50' };
      break;
    case 'int':
    case 'integer':
    case 'long': {
      if (!INTEGER.test(value)) return { rule: `integer (xs:${type.base})`, expected: 'digits only' };
      if (type.base === 'int' && (Number(value) > 2147483647 || Number(value) < -2147483648))
        return { rule: 'xs:int range', expected: '−2147483648 … 2147483647' };
      break;
    }
    case 'dateTime':
      if (!DATE_TIME.test(value))
        return { rule: 'date and time (xs:dateTime)', expected: 'YYYY-MM-DDThh:mm:ss' };
      break;
    case 'date':
      if (!DATE.test(value)) return { rule: 'date (xs:date)', expected: 'YYYY-MM-DD' };
      break;
    case 'base64Binary':
      if (!BASE64.test(value))
        return { rule: 'Base64 data (xs:base64Binary)', expected: 'A–Z a–z 0–9 + / =' };
      break;
  }
  if (numeric) {
    const d = digitsOf(value);
    if (f.totalDigits !== undefined && d.total > f.totalDigits)
      return { rule: `totalDigits ${f.totalDigits} (XSD)`, expected: `at most ${f.totalDigits} digits` };
    if (f.fractionDigits !== undefined && d.fraction > f.fractionDigits)
      return {
        rule: `fractionDigits ${f.fractionDigits} (XSD)`,
        expected: `at most ${f.fractionDigits} decimal places`,
      };
  } else {
    const n = charCount(value);
    if (f.length !== undefined && n !== f.length)
      return { rule: `length ${f.length} (XSD)`, expected: `exactly ${f.length} characters` };
    if (f.minLength !== undefined && n < f.minLength)
      return {
        rule: `minLength ${f.minLength} (XSD)`,
        expected: f.minLength === 1 ? 'not empty' : `at least ${f.minLength} characters`,
      };
    if (f.maxLength !== undefined && n > f.maxLength)
      return { rule: `maxLength ${f.maxLength} (XSD)`, expected: `at most ${f.maxLength} characters` };
  }
  return undefined;
}

const shown = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}...` : s);

/**
 * Validates an element tree against its declaration and returns the content as plain values. Every
 * problem is reported (not only the first), each with its path, the rule, the expectation and the value.
 */
export function validateElement(node: XNode, decl: ElementDecl): { value: CebObject; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value = walk(node, decl, decl.name, '', errors);
  return { value: (typeof value === 'object' && !Array.isArray(value) ? value : {}) as CebObject, errors };
}

function walk(node: XNode, decl: ElementDecl, path: string, parent: string, errors: FieldError[]): CebValue {
  const content = decl.content();
  const field = parent ? `${parent}.${node.name}` : node.name;
  const push = (e: Omit<FieldError, 'path' | 'field'> & { path?: string; field?: string }) =>
    errors.push({ path, field, ...e });

  if (content.kind === 'any') return node;
  if (content.kind === 'simple') {
    if (node.children.length > 0)
      push({ rule: 'simple value without child elements', actual: `<${node.children[0]?.name}>` });
    const problem = checkSimple(node.text, content.type, decl.fixed);
    if (problem) push({ ...problem, actual: shown(node.text) });
    return node.text;
  }

  const out: CebObject = {};
  checkAttributes(node, content.attributes, path, field, errors, out);
  if (content.kind === 'simpleContent') {
    const problem = checkSimple(node.text, content.type);
    if (problem) push({ ...problem, actual: shown(node.text) });
    out['#text'] = node.text;
    return out;
  }
  if (node.text.trim() !== '')
    push({ rule: 'no text between child elements', actual: shown(node.text.trim()) });

  const decls = content.children;
  let at = 0;
  let count = 0;
  const matches = (d: ElementDecl, n: XNode) => d.name === '*' || (d.name === n.name && d.ns === n.ns);
  // A child whose local name is declared but whose namespace is not: the texts print expanded names
  // ({namespace}name, as the root check does), or "missing <X>" and "actual <X>" would contradict each other.
  const nsMismatch = node.children.some((c) => decls.some((d) => d.name === c.name && d.ns !== c.ns));
  const shownName = (name: string, ns: string) => (nsMismatch ? `{${ns}}${name}` : name);
  const missing = (d: ElementDecl) => {
    if (d.name === '*') return;
    errors.push({
      path: `${path}/${d.name}`,
      field: `${node.name}.${d.name}`,
      rule:
        d.min > 1 ? `at least ${d.min} occurrences (XSD minOccurs)` : 'required element (XSD minOccurs=1)',
      expected: `<${shownName(d.name, d.ns)}>`,
      actual: '(missing)',
    });
  };
  for (const child of node.children) {
    while (at < decls.length && !matches(decls[at] as ElementDecl, child)) {
      if (count < (decls[at] as ElementDecl).min) missing(decls[at] as ElementDecl);
      at++;
      count = 0;
    }
    const childPath = `${path}/${child.name}`;
    if (at >= decls.length) {
      const known = decls.some((d) => matches(d, child));
      errors.push({
        path: childPath,
        field: `${node.name}.${child.name}`,
        rule: known ? 'element order (XSD sequence)' : 'element not declared in the XSD',
        expected: known
          ? `elements of ${node.name} in XSD order`
          : decls.map((d) => shownName(d.name, d.ns)).join(', ') || 'no child elements',
        actual: nsMismatch
          ? `<${shownName(child.name, child.ns)}>`
          : `<${child.prefix ? `${child.prefix}:` : ''}${child.name}>`,
      });
      continue;
    }
    const d = decls[at] as ElementDecl;
    count++;
    const repeated = d.max > 1;
    if (count > d.max) {
      errors.push({
        path: `${childPath}[${count}]`,
        field: `${node.name}.${child.name}`,
        rule: `at most ${d.max} occurrences (XSD maxOccurs)`,
        expected: `≤ ${d.max}`,
        actual: String(count),
      });
      continue;
    }
    const v = walk(child, d, repeated ? `${childPath}[${count}]` : childPath, node.name, errors);
    const k = d.name === '*' ? '#any' : d.name;
    if (repeated || d.name === '*') ((out[k] ??= []) as CebValue[]).push(v);
    else out[k] = v;
  }
  if (at < decls.length && count < (decls[at] as ElementDecl).min) missing(decls[at] as ElementDecl);
  for (const d of decls.slice(at + 1)) if (d.min > 0) missing(d);
  return out;
}

function checkAttributes(
  node: XNode,
  declared: AttributeDecl[],
  path: string,
  field: string,
  errors: FieldError[],
  out: CebObject,
) {
  for (const a of declared) {
    const value = node.attrs[a.name];
    if (value === undefined) {
      if (a.required)
        errors.push({
          path: `${path}/@${a.name}`,
          field: `${field}@${a.name}`,
          rule: 'required attribute (XSD use=required)',
          expected: a.name,
          actual: '(missing)',
        });
      continue;
    }
    const problem = checkSimple(value, a.type, a.fixed);
    if (problem)
      errors.push({
        path: `${path}/@${a.name}`,
        field: `${field}@${a.name}`,
        ...problem,
        actual: shown(value),
      });
    out[`@${a.name}`] = value;
  }
  for (const name of Object.keys(node.attrs)) {
    if (declared.some((a) => a.name === name) || name.startsWith('xsi:') || name.startsWith(`{${XSI_NS}}`))
      continue;
    errors.push({
      path: `${path}/@${name}`,
      field: `${field}@${name}`,
      rule: 'attribute not declared in the XSD',
      actual: shown(node.attrs[name] ?? ''),
    });
  }
}
