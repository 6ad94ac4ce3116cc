import { CEB_NS, type ElementDecl } from './model.ts';
import type { SchemaSet } from './compile.ts';

/**
 * Writes TypeScript interfaces for the CEB entities of a compiled schema family: one interface per
 * complex element, fields in XSD order, optional where the XSD allows omission, arrays where it allows
 * many, with the XSD documentation as the doc comment. Values are strings as sent (decimals included).
 */
export function typescriptFor(set: SchemaSet, roots: string[], header: string): string {
  const seen = new Map<string, string>();
  const order: string[] = [];
  // Two different local elements may share a name (CEB816 and CEB818 each have a `Tax`): the second gets
  // its parent's name in front. Identity is the compiled content, shared by every ref to one element.
  const names = new Map<object, string>();
  const typeName = (d: ElementDecl, parent = '') => {
    const content = d.content();
    const known = names.get(content);
    if (known) return known;
    let name = d.ns === CEB_NS ? d.name : `Raw${d.name}`;
    if (seen.has(name)) name = `${parent}${d.name}`;
    names.set(content, name);
    return name;
  };

  function visit(decl: ElementDecl, parent = '') {
    const content = decl.content();
    if (content.kind !== 'complex' && content.kind !== 'simpleContent') return;
    const name = typeName(decl, parent);
    if (seen.has(name)) return;
    seen.set(name, '');
    const lines: string[] = [];
    if (decl.doc) lines.push(`/** ${decl.doc.replace(/\s+/g, ' ').replace(/\*\//g, '* /')} */`);
    lines.push(`export interface ${name} {`);
    if (content.kind === 'complex') {
      for (const a of content.attributes) lines.push(`  '@${a.name}'${a.required ? '' : '?'}: string;`);
      for (const child of content.children) {
        if (child.name === '*') {
          lines.push(`  '#any'?: XNode[];`);
          continue;
        }
        const cc = child.content();
        const t = cc.kind === 'simple' ? 'string' : cc.kind === 'any' ? 'XNode' : typeName(child, name);
        if (child.doc && cc.kind === 'simple')
          lines.push(`  /** ${child.doc.replace(/\s+/g, ' ').replace(/\*\//g, '* /')} */`);
        const optional = child.min === 0 ? '?' : '';
        lines.push(`  ${child.name}${optional}: ${child.max > 1 ? `${t}[]` : t};`);
        visit(child, name);
      }
    } else {
      for (const a of content.attributes) lines.push(`  '@${a.name}'${a.required ? '' : '?'}: string;`);
      lines.push(`  '#text': string;`);
    }
    lines.push('}');
    seen.set(name, lines.join('\n'));
    order.push(name);
  }
  for (const root of roots) {
    const decl = set.element(CEB_NS, root);
    if (!decl) throw new Error(`no element ${root}`);
    visit(decl);
  }
  return `${header}\nimport type { XNode } from '../xml/tree.ts';\n\n${order.map((n) => seen.get(n)).join('\n\n')}\n`;
}
