import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSchemas, type SchemaSet } from './xsd/compile.ts';

/** The vendored official XSDs (data/ceb/xsd, see data/SOURCES.md). */
export const XSD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../data/ceb/xsd');

export type CebVersion = '202205' | '2018';
export type SchemaFamily = 'import' | 'export' | 'terminal' | 'transfer';

const FILES: Record<CebVersion, Record<SchemaFamily, string[]>> = {
  '202205': {
    import: ['海关跨境进口业务节点报文定义202205.xsd'],
    export: ['海关跨境出口业务节点报文定义202205.xsd'],
    terminal: ['海关跨境终端节点报文定义202205.xsd'],
    transfer: ['海关跨境传输节点报文定义202205.xsd', '海关跨境终端节点报文定义202205.xsd'],
  },
  '2018': {
    import: ['进口业务节点报文.xsd'],
    export: ['出口业务节点报文.xsd'],
    terminal: ['终端节点报文.xsd'],
    transfer: ['传输节点报文.xsd', '终端节点报文.xsd'],
  },
};

/** Absolute paths of a schema family's main XSD (for xmllint in tests). */
export function xsdPath(version: CebVersion, family: SchemaFamily): string {
  return resolve(XSD_DIR, version, (FILES[version][family] as string[])[0] as string);
}

const cache = new Map<string, SchemaSet>();

/** The compiled schema family of an official version, compiled once per process. */
export function officialSchema(version: CebVersion, family: SchemaFamily): SchemaSet {
  const k = `${version}/${family}`;
  let set = cache.get(k);
  if (!set) {
    set = compileSchemas(
      FILES[version][family].map((f) => readFileSync(resolve(XSD_DIR, version, f), 'utf8')),
    );
    cache.set(k, set);
  }
  return set;
}
