import { parseXml } from '../xml/parse.ts';
import type { XNode } from '../xml/tree.ts';
import {
  DS_NS,
  XS_NS,
  type AttributeDecl,
  type ContentModel,
  type ElementDecl,
  type Facets,
  type SimpleType,
} from './model.ts';

export interface SchemaSet {
  /** The global element `{ns}name`, the root of a message. */
  element(ns: string, name: string): ElementDecl | undefined;
  /** Every global element name of a namespace. */
  elementNames(ns: string): string[];
}

const key = (ns: string, name: string) => `{${ns}}${name}`;
const xs = (node: XNode, name: string) => node.children.filter((c) => c.ns === XS_NS && c.name === name);
const xs1 = (node: XNode, name: string) => xs(node, name)[0];

function qname(node: XNode, value: string): [string, string] {
  const i = value.indexOf(':');
  const prefix = i < 0 ? '' : value.slice(0, i);
  const local = i < 0 ? value : value.slice(i + 1);
  return [node.scope.get(prefix) ?? '', local];
}

function documentation(node: XNode): string | undefined {
  const annotation = xs1(node, 'annotation');
  const doc = annotation && xs1(annotation, 'documentation');
  return doc?.text.trim() || undefined;
}

function occurs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  return value === 'unbounded' ? Infinity : Number(value);
}

/**
 * Compiles a set of XSD documents (e.g. the import business schema with the XML-DSig schema it imports)
 * into element declarations the validator and serialiser walk. Elements of namespaces not compiled here
 * (the `ds:Signature` block) are kept as opaque content.
 */
export function compileSchemas(documents: string[]): SchemaSet {
  const elements = new Map<string, { node: XNode; tns: string }>();
  const complexTypes = new Map<string, { node: XNode; tns: string }>();
  const simpleTypes = new Map<string, { node: XNode; tns: string }>();
  const compiledGlobals = new Map<string, ElementDecl>();

  for (const text of documents) {
    const parsed = parseXml(text, { maxBytes: 16 * 1024 * 1024, maxDepth: 64, maxElements: 1_000_000 });
    if (!parsed.ok) throw new Error(`XSD does not parse: ${parsed.message}`);
    const root = parsed.root;
    const tns = root.attrs.targetNamespace ?? '';
    for (const child of root.children) {
      if (child.ns !== XS_NS || !child.attrs.name) continue;
      const table =
        child.name === 'element'
          ? elements
          : child.name === 'complexType'
            ? complexTypes
            : child.name === 'simpleType'
              ? simpleTypes
              : undefined;
      table?.set(key(tns, child.attrs.name), { node: child, tns });
    }
  }

  function simpleFrom(node: XNode): SimpleType {
    const restriction = xs1(node, 'restriction');
    if (!restriction) return { base: 'string', facets: {} };
    const [baseNs, baseName] = qname(restriction, restriction.attrs.base ?? 'xs:string');
    const inherited: SimpleType =
      baseNs === XS_NS ? { base: baseName, facets: {} } : namedSimple(baseNs, baseName);
    const facets: Facets = { ...inherited.facets };
    for (const f of restriction.children) {
      const value = f.attrs.value;
      if (f.ns !== XS_NS || value === undefined) continue;
      if (f.name === 'whiteSpace') facets.whiteSpace = value as Facets['whiteSpace'];
      else if (['length', 'minLength', 'maxLength', 'totalDigits', 'fractionDigits'].includes(f.name)) {
        facets[f.name as 'length'] = Number(value);
      }
    }
    return { base: inherited.base, facets };
  }

  function namedSimple(ns: string, name: string): SimpleType {
    if (ns === XS_NS) return { base: name, facets: {} };
    const found = simpleTypes.get(key(ns, name));
    if (!found) throw new Error(`simple type ${name} is not defined`);
    return simpleFrom(found.node);
  }

  function attributesOf(node: XNode): AttributeDecl[] {
    return xs(node, 'attribute').map((a) => {
      const inline = xs1(a, 'simpleType');
      let type: SimpleType = { base: 'string', facets: {} };
      if (inline) type = simpleFrom(inline);
      else if (a.attrs.type) type = namedSimple(...qname(a, a.attrs.type));
      return {
        name: a.attrs.name ?? '',
        required: a.attrs.use === 'required',
        type,
        ...(a.attrs.fixed !== undefined ? { fixed: a.attrs.fixed } : {}),
      };
    });
  }

  function complexFrom(node: XNode, tns: string): ContentModel {
    const simpleContent = xs1(node, 'simpleContent');
    if (simpleContent) {
      const ext = xs1(simpleContent, 'extension') ?? xs1(simpleContent, 'restriction');
      if (!ext) throw new Error('simpleContent without extension');
      return {
        kind: 'simpleContent',
        type: namedSimple(...qname(ext, ext.attrs.base ?? 'xs:string')),
        attributes: attributesOf(ext),
      };
    }
    const sequence = xs1(node, 'sequence');
    const children: ElementDecl[] = [];
    for (const particle of sequence?.children ?? []) {
      if (particle.ns !== XS_NS) continue;
      if (particle.name === 'element') children.push(elementFrom(particle, tns));
      else if (particle.name === 'any') {
        children.push({
          name: '*',
          ns: '*',
          min: occurs(particle.attrs.minOccurs, 1),
          max: occurs(particle.attrs.maxOccurs, 1),
          content: () => ({ kind: 'any' }),
        });
      }
    }
    return { kind: 'complex', children, attributes: attributesOf(node) };
  }

  function contentOf(node: XNode, tns: string): ContentModel {
    const inlineSimple = xs1(node, 'simpleType');
    if (inlineSimple) return { kind: 'simple', type: simpleFrom(inlineSimple) };
    const inlineComplex = xs1(node, 'complexType');
    if (inlineComplex) return complexFrom(inlineComplex, tns);
    if (node.attrs.type) {
      const [ns, name] = qname(node, node.attrs.type);
      if (ns === XS_NS) return { kind: 'simple', type: { base: name, facets: {} } };
      const complex = complexTypes.get(key(ns, name));
      if (complex) return complexFrom(complex.node, complex.tns);
      return { kind: 'simple', type: namedSimple(ns, name) };
    }
    return { kind: 'simple', type: { base: 'string', facets: {} } };
  }

  function elementFrom(node: XNode, tns: string): ElementDecl {
    const min = occurs(node.attrs.minOccurs, 1);
    const max = occurs(node.attrs.maxOccurs, 1);
    if (node.attrs.ref) {
      const [ns, name] = qname(node, node.attrs.ref);
      if (ns === DS_NS || !elements.has(key(ns, name))) {
        return { name, ns, min, max, content: () => ({ kind: 'any' }) };
      }
      const target = () => globalElement(ns, name) as ElementDecl;
      return {
        name,
        ns,
        min,
        max,
        get fixed() {
          return target().fixed;
        },
        get doc() {
          return target().doc;
        },
        content: () => target().content(),
      };
    }
    let cached: ContentModel | undefined;
    const doc = documentation(node);
    return {
      name: node.attrs.name ?? '',
      ns: tns,
      min,
      max,
      ...(node.attrs.fixed !== undefined ? { fixed: node.attrs.fixed } : {}),
      ...(doc ? { doc } : {}),
      content: () => (cached ??= contentOf(node, tns)),
    };
  }

  function globalElement(ns: string, name: string): ElementDecl | undefined {
    const k = key(ns, name);
    const done = compiledGlobals.get(k);
    if (done) return done;
    const found = elements.get(k);
    if (!found) return undefined;
    const decl = elementFrom(found.node, found.tns);
    compiledGlobals.set(k, decl);
    return decl;
  }

  return {
    element: globalElement,
    elementNames: (ns) =>
      [...elements.keys()].filter((k) => k.startsWith(`{${ns}}`)).map((k) => k.slice(ns.length + 2)),
  };
}
