import { replaceNonXmlChars } from '../xml/parse.ts';
import type { XNode } from '../xml/tree.ts';
import type { ElementDecl } from './model.ts';
import type { CebObject, CebValue } from './validate.ts';

// Characters XML 1.0 cannot carry at all (§2.2), not even as references: an echoed value that holds one (the
// CEB900's copy of a refused message) shows U+FFFD in its place, so what is written is always well-formed.
export const escapeXmlText = (s: string) =>
  replaceNonXmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const escapeText = escapeXmlText;
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

export interface SerializeOptions {
  /** Element prefix: '' writes the default-namespace form customs uses for receipts; 'ceb' the form enterprises send. */
  prefix?: string;
  /** Emit `<?xml version="1.0" encoding="UTF-8"?>` first. */
  declaration?: boolean;
  /** Required elements to leave out for now, e.g. `Signature` before the message is signed. */
  pending?: string[];
}

/** Re-emits a kept raw element (xs:any content, a Signature) exactly as parsed, with its namespace. */
export function writeRaw(node: XNode, declareNs = true): string {
  const name = node.prefix ? `${node.prefix}:${node.name}` : node.name;
  const xmlns =
    declareNs && node.ns ? ` ${node.prefix ? `xmlns:${node.prefix}` : 'xmlns'}="${escapeAttr(node.ns)}"` : '';
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  // Character data is kept before the children: raw content here (Signature, ExtendMessage) is never mixed.
  const inner =
    escapeText(node.text) +
    node.children.map((c) => writeRaw(c, c.ns !== node.ns || c.prefix !== node.prefix)).join('');
  return `<${name}${xmlns}${attrs}>${inner}</${name}>`;
}

/**
 * Writes a value as XML in exactly the XSD's element order. Optional elements with no value are left out;
 * a missing required element is a programming error and throws, so nothing invalid is ever emitted silently.
 */
export function serialize(decl: ElementDecl, value: CebObject, options: SerializeOptions = {}): string {
  const prefix = options.prefix ?? '';
  const head = options.declaration === false ? '' : '<?xml version="1.0" encoding="UTF-8"?>\n';
  const nsAttr = prefix ? ` xmlns:${prefix}="${decl.ns}"` : ` xmlns="${decl.ns}"`;
  return head + write(decl, value, prefix, nsAttr, options.pending ?? []);
}

function write(
  decl: ElementDecl,
  value: CebValue,
  prefix: string,
  extraAttrs = '',
  pending: string[] = [],
): string {
  const name = prefix ? `${prefix}:${decl.name}` : decl.name;
  const content = decl.content();
  if (content.kind === 'any') return writeRaw(value as XNode);
  if (content.kind === 'simple') {
    if (typeof value !== 'string') throw new TypeError(`${decl.name} expects a string value`);
    return `<${name}${extraAttrs}>${escapeText(value)}</${name}>`;
  }
  const obj = value as CebObject;
  const attrs = content.attributes
    .map((a) => {
      const v = obj[`@${a.name}`] ?? a.fixed;
      if (v === undefined) {
        if (a.required) throw new TypeError(`${decl.name}@${a.name} is required`);
        return '';
      }
      return ` ${a.name}="${escapeAttr(String(v))}"`;
    })
    .join('');
  if (content.kind === 'simpleContent')
    return `<${name}${extraAttrs}${attrs}>${escapeText(String(obj['#text'] ?? ''))}</${name}>`;
  let inner = '';
  for (const child of content.children) {
    const v = obj[child.name === '*' ? '#any' : child.name] ?? child.fixed;
    const items = v === undefined ? [] : Array.isArray(v) ? v : [v];
    if (items.length < child.min && !pending.includes(child.name))
      throw new TypeError(`${decl.name}.${child.name} is required (minOccurs ${child.min})`);
    if (items.length > child.max)
      throw new TypeError(`${decl.name}.${child.name} allows at most ${child.max}`);
    for (const item of items)
      inner +=
        child.name === '*' ? writeRaw(item as XNode) : write(child, item, child.ns === decl.ns ? prefix : '');
  }
  return `<${name}${extraAttrs}${attrs}>${inner}</${name}>`;
}
