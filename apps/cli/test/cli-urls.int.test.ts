import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../bin/crossgate.js');
const dataDir = mkdtempSync(join(tmpdir(), 'crossgate-cli-urls-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A port nothing listens on: one the system gave us, closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

function crossgate(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: {
      ...process.env,
      CROSSGATE_DATA_DIR: dataDir,
      DATABASE_URL: '',
      CROSSGATE_DEMO_PASSWORD: 'x',
      ...env,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('crossgate simulate: where it sends and where it writes (issue 17)', () => {
  it('simulate import goes to localhost:$PORT and names the address it cannot reach', async () => {
    const port = await closedPort();
    const r = crossgate({ PORT: String(port) }, 'simulate', 'import', '--parcels', '1');
    expect(r.code).toBe(7);
    expect(r.stderr).toContain(`cannot reach the platform at http://localhost:${port} (ECONNREFUSED)`);
    expect(r.stderr).toContain('无法连接单一窗口');
    expect(r.stderr).not.toMatch(/fetch failed\s*$/m);
  });

  it('an explicit --url wins over PORT', async () => {
    const port = await closedPort();
    const r = crossgate(
      { PORT: '1' },
      'simulate',
      'export-first-ticket',
      '--url',
      `http://127.0.0.1:${port}`,
    );
    expect(r.code).toBe(7);
    expect(r.stderr).toContain(`cannot reach the platform at http://127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it('shows the defaults: the URL from PORT, the certificate directory under the OS temp dir', () => {
    const help = crossgate({ PORT: '18123' }, 'simulate', 'export-first-ticket', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('(default: "http://localhost:18123")');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(`(default: "${join(tmpdir(), 'crossgate')}")`);
    const importHelp = crossgate({ PORT: '' }, 'simulate', 'import', '--help');
    expect(importHelp.stdout.replace(/\s+/g, ' ')).toContain('(default: "http://localhost:8080")');
  });

  it('refuses an unknown log format by name', () => {
    const r = crossgate({ LOG_FORMAT: 'xml' }, 'start', '--port', '0');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('LOG_FORMAT must be text or json, not "xml"');
  });
});
