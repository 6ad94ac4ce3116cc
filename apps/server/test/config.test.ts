import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, publicUrlOf } from '../src/config.ts';

const root = resolve(import.meta.dirname, '../../..');

describe('configuration', () => {
  it('points certificate QR codes at CROSSGATE_PUBLIC_URL, else at localhost — never at a request', () => {
    expect(publicUrlOf(loadConfig({}))).toBe('http://localhost:8080');
    expect(publicUrlOf(loadConfig({ PORT: '9090' }))).toBe('http://localhost:9090');
    // `crossgate start --port 9191` sets the port after loading the environment.
    expect(publicUrlOf({ ...loadConfig({}), port: 9191 })).toBe('http://localhost:9191');
    expect(publicUrlOf(loadConfig({ CROSSGATE_PUBLIC_URL: 'https://cbec.jiaozuo.example/' }))).toBe(
      'https://cbec.jiaozuo.example',
    );
    for (const bad of [
      'cbec.jiaozuo.example',
      'ftp://x.example',
      'https://u:p@x.example',
      'https://x.example/?a=1',
    ])
      expect(() => loadConfig({ CROSSGATE_PUBLIC_URL: bad }), bad).toThrow(/CROSSGATE_PUBLIC_URL/);
  });

  it('documents every variable the server reads in docs/configuration.md', () => {
    const source = readFileSync(resolve(root, 'apps/server/src/config.ts'), 'utf8');
    const read = new Set([...source.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1] as string));
    expect(read.size).toBeGreaterThan(20);
    const doc = readFileSync(resolve(root, 'docs/configuration.md'), 'utf8');
    // The rate budgets are listed as one row: `CROSSGATE_RATE_GATEWAY_PER_MIN`, `_API_`, …
    const documented = (name: string) =>
      doc.includes(`\`${name}\``) ||
      (name.startsWith('CROSSGATE_RATE_') && doc.includes(`\`_${name.slice(15).replace(/PER_MIN$/, '')}\``));
    expect([...read].filter((name) => !documented(name))).toEqual([]);
  });
});
