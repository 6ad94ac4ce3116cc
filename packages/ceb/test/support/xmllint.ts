import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * libxml2's `xmllint --schema`, the reference validator the tests hold our codec to. Validates many
 * documents in one run and returns, per document, whether it validates.
 */
export function xmllintValidates(xsd: string, documents: string[]): boolean[] {
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (probe.error)
    throw new Error('xmllint not found: install it with `apt-get install libxml2-utils` (.ci/run does this)');
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-xmllint-'));
  try {
    const files = documents.map((doc, i) => {
      const file = join(dir, `doc-${i}.xml`);
      writeFileSync(file, doc);
      return file;
    });
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, ...files], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const out = `${r.stdout}\n${r.stderr}`;
    return files.map((f) => {
      if (out.includes(`${f} validates`)) return true;
      if (out.includes(`${f} fails to validate`) || out.includes(`${f}:`)) return false;
      throw new Error(`xmllint said nothing about ${f}: ${out.slice(0, 500)}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
