import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMAIN_RULE_CODES, TEXT_CHECK_BASES } from '@crossgate/domain';

/** Every `.ts` file under a directory. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The quoted codes on the `code:` lines of the domain's sources: what a finding or rule error can carry. */
function codesInSources(): Set<string> {
  const found = new Set<string>();
  // risk/ is left out: its codes are a risk officer's save-time errors on a rule set, which carry their own
  // Chinese and English reasons (packages/domain/src/risk), never a finding on a parcel
  const domain = join(import.meta.dirname, '../../domain/src');
  for (const file of sources(domain).filter((f) => !f.startsWith(join(domain, 'risk')))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!/\bcode\??:\s*['`]|\bcode\??:\s*\w+\s*===/.test(line) && !/\{\s*code:\s*'/.test(line)) continue;
      for (const m of line.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,}|-\d{5,6})'/g))
        found.add(m[1] as string);
    }
  }
  return found;
}

describe('the domain exports every rule code it can emit', () => {
  it('every code literal on a code: line of the domain is in DOMAIN_RULE_CODES', () => {
    const listed = new Set(DOMAIN_RULE_CODES);
    const found = codesInSources();
    // the bases of the text checks appear as code: 'NAME_ZH' and come out with a suffix
    for (const base of TEXT_CHECK_BASES) found.delete(base);
    expect([...found].filter((c) => !listed.has(c)).sort()).toEqual([]);
    expect(found.size).toBeGreaterThan(100);
  });

  it('lists the match codes a clerk meets on a refused parcel', () => {
    for (const code of [
      'ORDER_ACTURAL_PAID',
      'GNAME_MISMATCH',
      'PRACTICE_LINE_TOTAL',
      '-621018',
      'NAME_ZH_REQUIRED',
    ])
      expect(DOMAIN_RULE_CODES).toContain(code);
  });

  it('lists every code once', () => {
    expect(new Set(DOMAIN_RULE_CODES).size).toBe(DOMAIN_RULE_CODES.length);
  });
});
