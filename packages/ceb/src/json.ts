import { INBOUND, type Direction } from './messages.ts';
import { newCebGuid } from './receipts.ts';
import { officialSchema } from './schemas.ts';
import { CEB_NS, type ElementDecl } from './xsd/model.ts';
import type { FieldError } from './xsd/validate.ts';

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

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
  const { guid: _g, version: _v, ...body } = root;
  const inner = writeChildren(decl, body, messageType, errors);
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
    if (!known.has(key))
      errors.push({
        path: `${path}/${key}`,
        field: `${decl.name}.${key}`,
        rule: 'element not declared in the XSD',
        expected: content.children.map((c) => c.name).join(', '),
        actual: key,
      });
  }
  let out = '';
  for (const child of content.children) {
    if (child.name === '*' || child.ns !== CEB_NS) continue;
    const v = value[child.name];
    if (v === undefined || v === null) continue;
    const items = Array.isArray(v) ? v : [v];
    if (!Array.isArray(v) && child.max > 1) {
      // A single object where the XSD allows many is taken as a list of one.
    }
    items.forEach((item, i) => {
      const at = child.max > 1 ? `${path}/${child.name}[${i + 1}]` : `${path}/${child.name}`;
      const cc = child.content();
      if (cc.kind === 'simple') {
        if (typeof item !== 'string') {
          errors.push({
            path: at,
            field: `${decl.name}.${child.name}`,
            rule: 'a string value (amounts as decimal text, e.g. "12.50")',
            actual: JSON.stringify(item),
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
          actual: JSON.stringify(item),
        });
      }
    });
  }
  return out;
}
