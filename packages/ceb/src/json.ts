import { INBOUND, type Direction } from './messages.ts';
import { newCebGuid } from './receipts.ts';
import { officialSchema } from './schemas.ts';
import { firstNonXmlChar } from './xml/parse.ts';
import { CEB_NS, type ElementDecl } from './xsd/model.ts';
import type { FieldError } from './xsd/validate.ts';

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** The problems listed for one message at most: a hostile body can hold thousands. */
const MAX_ERRORS = 100;

const clip = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);

/** What was sent, for an error's `actual`: short, and never a walk through a deeply nested value. */
function preview(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null)
    return clip(`an object {${Object.keys(value).slice(0, 10).join(', ')}}`);
  return clip(JSON.stringify(value) ?? String(value));
}

/** A string's first character that XML 1.0 cannot carry (§2.2), as `U+0000 at offset 3`. */
function forbiddenChar(text: string): string | undefined {
  const bad = firstNonXmlChar(text);
  return bad ? `${bad.codePoint} at offset ${bad.index}` : undefined;
}

/**
 * Writes a CEB message given as JSON — the same element names and nesting as the XML, `guid` and `version`
 * as root properties — as XML in XSD order, so that it goes through exactly the same checks as an XML
 * message. Values must be strings (amounts as decimal text, never JSON numbers); unknown properties are
 * reported. Missing required elements are left out here and reported by the XSD check. Export messages
 * (`direction` 'export') are written the same way; their JSON has no Signature either.
 */
export function jsonToCebXml(
  messageType: string,
  json: unknown,
  direction: Direction = 'import',
): { xml: string; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const decl = INBOUND[direction][messageType]
    ? officialSchema('202205', direction).element(CEB_NS, messageType)
    : undefined;
  if (!decl)
    return {
      xml: '',
      errors: [
        {
          path: '/',
          field: 'messageType',
          rule: `an inbound ${direction} message type`,
          expected: Object.keys(INBOUND[direction]).join(' | '),
          actual: messageType,
        },
      ],
    };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      xml: '',
      errors: [
        {
          path: `/${messageType}`,
          field: messageType,
          rule: 'a JSON object',
          actual: Array.isArray(json) ? 'array' : typeof json,
        },
      ],
    };
  }
  const root = json as Record<string, unknown>;
  const guid = typeof root.guid === 'string' ? root.guid : newCebGuid();
  const version = typeof root.version === 'string' ? root.version : '1.0';
  for (const [name, value] of [
    ['guid', guid],
    ['version', version],
  ] as const) {
    const sent = root[name];
    if (sent !== undefined && sent !== null && typeof sent !== 'string') {
      errors.push({
        path: `${messageType}/@${name}`,
        field: `${messageType}@${name}`,
        rule: 'a string value',
        actual: preview(sent),
      });
      continue;
    }
    const bad = forbiddenChar(value);
    if (bad)
      errors.push({
        path: `${messageType}/@${name}`,
        field: `${messageType}@${name}`,
        rule: 'characters XML allows (XML 1.0 §2.2: no NUL, no control characters but tab, LF and CR)',
        actual: bad,
      });
  }
  const { guid: _g, version: _v, ...body } = root;
  const inner = writeChildren(decl, body, messageType, errors);
  if (errors.length > MAX_ERRORS) {
    const more = errors.length - MAX_ERRORS;
    errors.length = MAX_ERRORS;
    errors.push({
      path: messageType,
      field: messageType,
      rule: `${more} more problems not listed (the first ${MAX_ERRORS} are)`,
    });
  }
  return {
    xml: `<?xml version="1.0" encoding="UTF-8"?>\n<ceb:${messageType} xmlns:ceb="${CEB_NS}" guid="${escapeAttr(guid)}" version="${escapeAttr(version)}">${inner}</ceb:${messageType}>`,
    errors,
  };
}

function writeChildren(
  decl: ElementDecl,
  value: Record<string, unknown>,
  path: string,
  errors: FieldError[],
): string {
  const content = decl.content();
  if (content.kind !== 'complex') return '';
  const known = new Set(content.children.map((c) => c.name));
  for (const key of Object.keys(value)) {
    if (errors.length > MAX_ERRORS) break;
    if (!known.has(key))
      errors.push({
        path: clip(`${path}/${key}`),
        field: clip(`${decl.name}.${key}`),
        rule: 'element not declared in the XSD',
        expected: content.children.map((c) => c.name).join(', '),
        actual: clip(key),
      });
  }
  let out = '';
  for (const child of content.children) {
    if (child.name === '*' || child.ns !== CEB_NS) continue;
    // Own properties only: a name such as `constructor` must not be found on Object.prototype.
    const v = Object.hasOwn(value, child.name) ? value[child.name] : undefined;
    if (v === undefined || v === null) continue;
    // A single object where the XSD allows many is taken as a list of one.
    const items = Array.isArray(v) ? v : [v];
    if (items.length > child.max) {
      // Not written out: a hostile list of a million entries would become a message of millions of elements.
      errors.push({
        path: `${path}/${child.name}`,
        field: `${decl.name}.${child.name}`,
        rule: `at most ${child.max} (XSD maxOccurs)`,
        actual: `${items.length}`,
      });
      continue;
    }
    items.forEach((item, i) => {
      if (errors.length > MAX_ERRORS) return;
      const at = child.max > 1 ? `${path}/${child.name}[${i + 1}]` : `${path}/${child.name}`;
      const cc = child.content();
      if (cc.kind === 'simple') {
        if (typeof item !== 'string') {
          errors.push({
            path: at,
            field: `${decl.name}.${child.name}`,
            rule: 'a string value (amounts as decimal text, e.g. "12.50")',
            actual: preview(item),
          });
          return;
        }
        const bad = forbiddenChar(item);
        if (bad) {
          errors.push({
            path: at,
            field: `${decl.name}.${child.name}`,
            rule: 'characters XML allows (XML 1.0 §2.2: no NUL, no control characters but tab, LF and CR)',
            actual: bad,
          });
          return;
        }
        out += `<ceb:${child.name}>${escapeText(item)}</ceb:${child.name}>`;
      } else if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
        out += `<ceb:${child.name}>${writeChildren(child, item as Record<string, unknown>, at, errors)}</ceb:${child.name}>`;
      } else {
        errors.push({
          path: at,
          field: `${decl.name}.${child.name}`,
          rule: 'a JSON object',
          actual: preview(item),
        });
      }
    });
  }
  return out;
}
