import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/**
 * libxml2's `xmllint --schema`, the reference validator the tests hold our codec to: libxml2 itself, compiled to
 * WebAssembly (the npm package xmllint-wasm), so it needs nothing installed and stays independent of our validator.
 * The schema's sibling XSDs (the imported xmldsig schema, included files) are loaded with it. Validates many
 * documents in one run and returns, per document, whether it validates.
 */
export async function xmllintValidates(xsd: string, documents: string[]): Promise<boolean[]> {
  const dir = dirname(xsd);
  const schemaFile = { fileName: basename(xsd), contents: readFileSync(xsd, 'utf8') };
  const preload = readdirSync(dir)
    .filter((f) => f.endsWith('.xsd') && f !== schemaFile.fileName)
    .map((f) => ({ fileName: f, contents: readFileSync(join(dir, f), 'utf8') }));
  const files = documents.map((contents, i) => ({ fileName: `doc-${i}.xml`, contents }));
  const result = await validateXML({
    xml: files,
    schema: schemaFile,
    preload,
    // Large batches of documents (the mutation suites) need more than the default 16 MiB.
    maxMemoryPages: 16 * 1024,
  });
  const out = result.rawOutput;
  return files.map(({ fileName }) => {
    if (out.includes(`${fileName} validates`)) return true;
    if (
      out.includes(`${fileName} fails to validate`) ||
      result.errors.some((e) => e.loc?.fileName === fileName)
    )
      return false;
    throw new Error(`xmllint said nothing about ${fileName}: ${out.slice(0, 500)}`);
  });
}
