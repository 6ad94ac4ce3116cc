/**
 * XML helpers of the message workbench, on the browser's DOMParser: a read-only formatted view whose lines
 * can be found from a validator path (`CEB621Message/Inventory[1]/InventoryHead/orderNo`), and the reading of
 * a CEB receipt (`returnStatus` / `returnInfo` per document).
 */

export interface XmlLines {
  lines: string[];
  /** Formatted (one element per line) or the text as sent, when it could not be parsed. */
  formatted: boolean;
  /** The 0-based line of the element a path names, or of its deepest existing ancestor. */
  locate(path: string): number | undefined;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

const parseDocument = (text: string): Document | undefined => {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  return doc.getElementsByTagName('parsererror').length > 0 ? undefined : doc;
};

const childElements = (el: Element) => Array.from(el.children);

/** The text as sent, line by line; a parse error's `line N` is where the problem is. */
function rawLines(text: string): XmlLines {
  const lines = text.split(/\r?\n/);
  return {
    lines,
    formatted: false,
    locate: (path) => {
      const m = /line (\d+)/.exec(path);
      return m ? Math.min(Number(m[1]) - 1, lines.length - 1) : undefined;
    },
  };
}

/** One element per line, two spaces of indentation per level; leaves on one line with their text. */
export function xmlLines(text: string): XmlLines {
  const doc = text.trim() ? parseDocument(text) : undefined;
  if (!doc) return rawLines(text);
  const lines: string[] = [];
  const lineOf = new Map<Element, number>();
  const declaration = /^\s*(<\?xml[^?]*\?>)/.exec(text)?.[1];
  if (declaration) lines.push(declaration);
  const open = (el: Element) =>
    `<${el.tagName}${Array.from(el.attributes)
      .map((a) => ` ${a.name}="${escapeAttr(a.value)}"`)
      .join('')}`;
  const walk = (el: Element, depth: number) => {
    const pad = '  '.repeat(depth);
    lineOf.set(el, lines.length);
    const children = childElements(el);
    const text = Array.from(el.childNodes)
      .filter((n) => n.nodeType === Node.TEXT_NODE || n.nodeType === Node.CDATA_SECTION_NODE)
      .map((n) => n.textContent ?? '')
      .join('');
    if (children.length === 0) {
      lines.push(
        text === '' ? `${pad}${open(el)}/>` : `${pad}${open(el)}>${escapeText(text)}</${el.tagName}>`,
      );
      return;
    }
    lines.push(`${pad}${open(el)}>`);
    if (text.trim() !== '') lines.push(`${pad}  ${escapeText(text.trim())}`);
    for (const child of children) walk(child, depth + 1);
    lines.push(`${pad}</${el.tagName}>`);
  };
  walk(doc.documentElement, 0);
  return {
    lines,
    formatted: true,
    locate: (path) => {
      const segments = path
        .split('/')
        .filter((s) => s !== '' && !s.startsWith('@'))
        .map((s) => {
          const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(s);
          return { name: m?.[1] ?? s, index: m?.[2] ? Number(m[2]) - 1 : 0 };
        });
      let el: Element = doc.documentElement;
      if (segments.length === 0 || segments[0]?.name !== el.localName) return lineOf.get(el);
      for (const seg of segments.slice(1)) {
        const next = childElements(el).filter((c) => c.localName === seg.name)[seg.index];
        if (!next) break;
        el = next;
      }
      return lineOf.get(el);
    },
  };
}

/** One document's answer in a receipt message. */
export interface ReceiptEntry {
  entity: string;
  key: string;
  returnStatus: string;
  returnInfo: string;
  returnTime: string;
}

const KEY_FIELDS = ['invtNo', 'preNo', 'orderNo', 'payTransactionId', 'logisticsNo', 'copNo', 'oriMessageId'];

/** The receipt's message type and each document's returnStatus and returnInfo (CEB312 … CEB622, CEB900). */
export function readReceipt(xml: string): { messageType: string; entries: ReceiptEntry[] } | undefined {
  const doc = parseDocument(xml);
  if (!doc) return undefined;
  const root = doc.documentElement;
  const entries: ReceiptEntry[] = [];
  for (const entity of childElements(root)) {
    const fields = new Map(childElements(entity).map((c) => [c.localName, c.textContent ?? '']));
    if (!fields.has('returnStatus')) continue;
    const keyField = KEY_FIELDS.find((k) => fields.get(k));
    entries.push({
      entity: entity.localName,
      key: keyField ? `${keyField}: ${fields.get(keyField)}` : '',
      returnStatus: fields.get('returnStatus') ?? '',
      returnInfo: fields.get('returnInfo') ?? '',
      returnTime: fields.get('returnTime') ?? '',
    });
  }
  return { messageType: root.localName, entries };
}
