import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

/** Official sample messages of a version and direction: [file name, XML]. */
export function samples(version: '2018' | '202205', direction: 'import' | 'export'): [string, string][] {
  const dir = join(FIXTURES, version, direction);
  return readdirSync(dir)
    .sort()
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
}
