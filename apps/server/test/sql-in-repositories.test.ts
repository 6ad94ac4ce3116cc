import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The rule of docs/ARCHITECTURE.md: in apps/server, SQL lives only in `repositories/`. Routes, services, the
 * app's wiring and the operator facade call repository functions and write no query themselves.
 */
const SRC = join(import.meta.dirname, '..', 'src');

/** Where SQL is allowed, relative to apps/server/src, each with its reason. */
const ALLOWED: Record<string, string> = {
  'repositories/': 'the only SQL (docs/ARCHITECTURE.md)',
  // The loaders of data/ (reference tables, the default zone, the demo): install-time bulk loads of the
  // vendored files, no request's use case; documented as the exception in docs/ARCHITECTURE.md.
  'seed/': 'install-time loaders of data/',
};

/** A Kysely query builder call or a raw `sql` template (also `sql<T>` and `sql.raw(…)`). */
const QUERY =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto)\(|\bsql`|\bsql<|\bsql\.raw\(/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const rel = (path: string) => relative(SRC, path).split(sep).join('/');

/** Every line that writes SQL, as `file:line: text`, in the files under apps/server/src. */
function querySites(files: string[]): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (QUERY.test(line) ? [`${rel(file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('SQL only in repositories (docs/ARCHITECTURE.md)', () => {
  const files = tsFiles(SRC);

  it('no file outside repositories/ (and the listed exceptions) writes SQL', () => {
    const outside = files.filter((f) => !Object.keys(ALLOWED).some((dir) => rel(f).startsWith(dir)));
    expect(querySites(outside)).toEqual([]);
  });

  it('the scan sees the queries it looks for (the repositories have them)', () => {
    // An oracle independent of the scan's result above: these literal queries are in the repositories.
    const sites = querySites(files.filter((f) => rel(f).startsWith('repositories/')));
    expect(
      sites.some((s) => s.startsWith('repositories/webhooks.ts:') && s.includes(".updateTable('webhooks')")),
    ).toBe(true);
    expect(
      sites.some((s) => s.startsWith('repositories/account-books.ts:') && s.includes('sql`UPDATE')),
    ).toBe(true);
    expect(sites.some((s) => s.startsWith('repositories/webhooks.ts:') && s.includes('sql<'))).toBe(true);
  });

  it('every exception names a folder that exists', () => {
    for (const dir of Object.keys(ALLOWED))
      expect(
        files.some((f) => rel(f).startsWith(dir)),
        dir,
      ).toBe(true);
  });
});
