import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabaseOn } from '../../../test/support/postgres.ts';

const BIN = resolve(import.meta.dirname, '../bin/crossgate.js');
const dataDir = mkdtempSync(join(tmpdir(), 'crossgate-cli-'));

/** Runs the real `crossgate` command on a private embedded database. */
function crossgate(...args: string[]) {
  const env = { ...process.env, CROSSGATE_DATA_DIR: dataDir, DATABASE_URL: '' };
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('crossgate CLI', () => {
  it('applies migrations, then reports the database up to date', () => {
    const first = crossgate('db', 'migrate');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied: 0001_identity/);
    const second = crossgate('db', 'migrate');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/up to date/);
  });

  it('seeds reference data and the demo, printing one login per role, and does it only once', () => {
    const seeded = crossgate('seed', '--demo');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/hs_codes 6936/);
    expect(seeded.stdout).toMatch(/zone: jiaozuo/);
    for (const username of [
      'platform',
      'seller',
      'payment',
      'logistics',
      'agent',
      'warehouse',
      'customs',
      'tax',
      'zone',
    ]) {
      expect(seeded.stdout).toMatch(new RegExp(`^\\s+${username}\\s`, 'm'));
    }
    const again = crossgate('seed', '--demo');
    expect(again.stdout).toMatch(/reference data already loaded/);
    expect(again.stdout).toMatch(/demo already loaded/);
  });

  it('risk replay: refuses a rule on an unknown feature with its field, and replays a split-order rule over a month', () => {
    expect(crossgate('db', 'migrate').code).toBe(0);
    const bad = join(dataDir, 'bad-rules.json');
    writeFileSync(
      bad,
      JSON.stringify({
        rules: [
          {
            id: 'split_30d',
            name: { zh: '三十日拆单', en: '30-day split' },
            conditions: [{ feature: 'buyer.sum30dCny', op: 'gt', value: 5000 }],
            score: 60,
          },
        ],
        decision: { bands: [] },
      }),
    );
    const refused = crossgate('risk', 'replay', '--rules', bad, '--from', '2026-11-01', '--to', '2026-11-30');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(
      'body.rules[0].conditions[0].feature: UNKNOWN_FEATURE: 未知特征（不在特征目录中） (unknown feature (not in the catalogue))',
    );
    const good = join(dataDir, 'default-rules.json');
    writeFileSync(
      good,
      JSON.stringify({
        rules: [
          {
            id: 'split_buyer_24h',
            name: { zh: '同一订购人24小时内拆单', en: 'Orders of one buyer split within 24 h' },
            conditions: [
              { feature: 'buyer.orders24h', op: 'gte', value: 2 },
              { feature: 'buyer.sum24hCny', op: 'gt', value: 5000 },
            ],
            score: 60,
            lane: 'inspection',
          },
        ],
        decision: { bands: [] },
      }),
    );
    const r = crossgate(
      'risk',
      'replay',
      '--rules',
      good,
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-30',
      ruleSet: { id: 'draft', version: 0 },
    });
  });

  it('forms a month’s export summary on demand and reports the deadline moved past the weekend (公告2018年第194号)', () => {
    // 15 November 2026 is a Sunday: the summary of October is due on Monday the 16th.
    const r = crossgate('summary', '--month', '2026-10');
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as {
      deadline: string;
      declarations: number;
    };
    expect(run).toMatchObject({ deadline: '2026-11-16', declarations: 0 });
    expect(r.stdout).toContain('没有可汇总的清单');
    const bad = crossgate('summary', '--month', '2026-13');
    expect(bad.code).toBe(2);
  });

  it('issues, lists and revokes an enterprise API key', () => {
    const issued = crossgate('keys', 'issue', '--org', '4614960002', '--name', 'ERP gateway');
    expect(issued.code).toBe(0);
    const key = JSON.parse(issued.stdout) as { id: string; secret: string };
    expect(key.secret).toMatch(/^cg_/);
    const listed = JSON.parse(crossgate('keys', 'list', '--org', '4614960002').stdout) as {
      items: { id: string }[];
    };
    expect(listed.items.map((k) => k.id)).toContain(key.id);
    expect(JSON.stringify(listed)).not.toContain(key.secret);
    const revoked = JSON.parse(crossgate('keys', 'revoke', key.id).stdout) as { revokedAt: string | null };
    expect(revoked.revokedAt).not.toBeNull();
  });

  it('adds a user and refuses a duplicate with the API code CONFLICT and its own exit code', () => {
    const args = [
      'users',
      'add',
      '--org',
      '4614960002',
      '--username',
      'clerk.wang',
      '--name',
      '王单证',
      '--password',
      'long-password-1',
      '--roles',
      'operator',
    ];
    expect(crossgate(...args).code).toBe(0);
    const dup = crossgate(...args);
    expect(dup.code).toBe(6);
    expect(dup.stderr).toMatch(/CONFLICT/);
  });

  it('exits with the NOT_FOUND code for an unknown organisation', () => {
    const r = crossgate('keys', 'issue', '--org', '0000000000', '--name', 'x');
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/NOT_FOUND/);
    expect(r.stderr).toMatch(/org: .*0000000000/);
  });

  it('refuses unknown roles before touching the database', () => {
    const r = crossgate(
      'users',
      'add',
      '--org',
      '4614960002',
      '--username',
      'x.y',
      '--name',
      'x',
      '--password',
      'long-password-1',
      '--roles',
      'root',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown role root/);
  });
});

describe('bootstrapping a deployment without demo data', () => {
  it('registers the zone office and its first administrator; refuses a bad USCC with exit code 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossgate-boot-'));
    const env = { ...process.env, CROSSGATE_DATA_DIR: dir, DATABASE_URL: '' };
    const cg = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });
    try {
      expect(cg('seed').status).toBe(0);
      const org = cg(
        'orgs',
        'add',
        '--kind',
        'zone_office',
        '--code',
        'ZONE-OFFICE',
        '--name',
        '综试区办公室',
      );
      expect(org.status).toBe(0);
      expect(JSON.parse(org.stdout)).toMatchObject({ kind: 'zone_office', zoneCode: 'jiaozuo' });
      const bad = cg(
        'orgs',
        'add',
        '--kind',
        'enterprise',
        '--code',
        '4614960100',
        '--name',
        '坏企业',
        '--uscc',
        '9144030071526726XA',
        '--roles',
        'ebc',
      );
      expect(bad.status).toBe(3);
      expect(bad.stderr).toMatch(/USCC_CHECK_CHARACTER/);
      expect(
        cg(
          'users',
          'add',
          '--org',
          'ZONE-OFFICE',
          '--username',
          'admin',
          '--name',
          '管理员',
          '--password',
          'zone-office-bootstrap-7',
          '--roles',
          'admin,operator',
        ).status,
      ).toBe(0);
      const listed = JSON.parse(cg('orgs', 'list', '--kind', 'zone_office').stdout) as { total: number };
      expect(listed.total).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Seven CLI processes, each opening the embedded database: about 20 s alone, over a minute on a loaded runner.
  }, 240_000);
});

/**
 * The port a `crossgate start --port 0` serves on, read from its banner: the system picked it, so the banner's URL
 * and its "listening on" line must both name it (never 0), and agree.
 */
function bannerPort(out: string): number {
  const url = /is running at http:\/\/localhost:(\d+)/.exec(out)?.[1];
  const listening = /^\s+listening on\s+127\.0\.0\.1:(\d+)/m.exec(out)?.[1];
  expect(url, out).toBeDefined();
  expect(listening, out).toBe(url);
  const port = Number(url);
  expect(port).toBeGreaterThan(0);
  return port;
}

describe('crossgate start', () => {
  it('serves health, the API docs, the web page and the demo logins on a fresh embedded database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossgate-start-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CROSSGATE_DATA_DIR: dir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    };
    delete env.CROSSGATE_DEMO_PASSWORD;
    delete env.HOST;
    // Port 0: the system picks a free port, and the banner says which (no guessed port to collide with).
    const child = spawn(process.execPath, [BIN, 'start', '--demo', '--port', '0'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const started = Date.now();
      // A first start seeds 6,936 HS codes into a new embedded database: over 90 s on a loaded 2-core runner.
      while (!out.includes('演示账号') && Date.now() - started < 180_000 && child.exitCode === null)
        await new Promise((r) => setTimeout(r, 200));
      expect(out, `no banner within ${Math.round((Date.now() - started) / 1000)} s`).toContain('演示账号');
      const port = bannerPort(out);
      expect(out).toMatch(/^\s+seller\s/m);
      // The demo puts its zone in demo/test mode, and says so; simulate and the first ticket sign all the same.
      expect(out).toMatch(/^\s+signatures\s+OPTIONAL — demo\/test mode.*zone setting/m);
      // The passwords were generated for this install and printed once (decision 0022).
      const customsPassword = /^\s+customs\s+(\S+)\s/m.exec(out)?.[1] ?? '';
      expect(customsPassword).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', database: { engine: 'pglite', ok: true } });
      expect((await fetch(`${base}/docs/`)).status).toBe(200);
      expect(await (await fetch(`${base}/`)).text()).toContain('单一窗口');
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'customs', password: customsPassword }),
      });
      expect(login.status).toBe(200);

      // The whole import flow over HTTP: every parcel reaches a decision, and the ones built to be refused are
      // refused for their stated reason. The demo users sign in with the passwords the start generated, which
      // simulate reads from the data directory (0600).
      // Each step is bounded by what it must do, not by a guess of the machine's speed: 40 parcels took over
      // 120 s on a 2-core runner shared with other suites, so the bounds (300 s each) only stop a hang.
      const simEnv: NodeJS.ProcessEnv = { ...process.env, CROSSGATE_DATA_DIR: dir, DATABASE_URL: '' };
      delete simEnv.CROSSGATE_DEMO_PASSWORD;
      const sim = spawnSync(
        process.execPath,
        [
          BIN,
          'simulate',
          'import',
          '--url',
          base,
          '--parcels',
          '40',
          '--concurrency',
          '4',
          '--seed',
          '7',
          '--refuse-share',
          '0.2',
          '--wait',
          '60',
        ],
        { env: simEnv, encoding: 'utf8', timeout: 300_000 },
      );
      expect(sim.status, sim.stderr).toBe(0);
      const summary = JSON.parse(sim.stdout.trim().split('\n').at(-1) as string) as {
        parcels: number;
        byStatus: Record<string, number>;
        unexpected: number;
      };
      expect(summary.parcels).toBe(40);
      expect(summary.unexpected).toBe(0);
      expect(summary.byStatus.pending).toBeUndefined();
      expect(summary.byStatus['800']).toBeGreaterThan(20);

      // Jiaozuo's first export ticket, end to end, with its certificate verified through the public page.
      // The certificate goes into the output directory asked for (issue 17: never the working directory).
      const outDir = join(dir, 'out');
      const ticket = spawnSync(
        process.execPath,
        [BIN, 'simulate', 'export-first-ticket', '--url', base, '--out-dir', outDir],
        { env: simEnv, encoding: 'utf8', timeout: 300_000 },
      );
      expect(ticket.status, ticket.stderr).toBe(0);
      for (const step of ['CEB603', '400', '800', '899', 'CEB792', '临时证明联'])
        expect(ticket.stdout).toContain(step);
      const certificate = /证明联 certificate: (\S+\.pdf)/.exec(ticket.stdout)?.[1] ?? '';
      expect(certificate.startsWith(`${outDir}/export-first-ticket-`)).toBe(true);
      expect(readFileSync(certificate).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 900_000);
});

/** The worker processes a primary has forked, by their `CROSSGATE_WORKER_INDEX` (read from /proc, Linux). */
function workersOf(primary: number): Map<string, number> {
  const found = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== primary) continue;
      const index = /(?:^|\0)CROSSGATE_WORKER_INDEX=(\d+)/.exec(
        readFileSync(`/proc/${entry}/environ`, 'utf8'),
      );
      if (index) found.set(index[1] as string, Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

describe('crossgate start --workers (PostgreSQL)', () => {
  it('forks a killed worker again under the same index, so worker 0’s singleton jobs come back with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossgate-workers-'));
    const url = await createDatabaseOn(
      inject('postgresUrl'),
      `crossgate_workers_${randomBytes(5).toString('hex')}`,
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CROSSGATE_DATA_DIR: dir,
      DATABASE_URL: url,
      LOG_LEVEL: 'warn',
    };
    delete env.HOST;
    // Port 0: the workers share the one port the system picked; they report it, the primary's banner shows it.
    const child = spawn(process.execPath, [BIN, 'start', '--workers', '2', '--port', '0'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const until = async (what: string, done: () => boolean) => {
      const started = Date.now();
      while (!done()) {
        if (Date.now() - started > 90_000 || child.exitCode !== null) throw new Error(`${what}:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      await until('two workers serving', () => out.includes('2 worker processes'));
      const port = bannerPort(out);
      const first = workersOf(child.pid as number);
      expect([...first.keys()].sort()).toEqual(['0', '1']);
      const health = async () =>
        (
          await fetch(`http://127.0.0.1:${port}/health`).catch((e: unknown) => {
            throw new Error(`${String(e)}\n${out}`);
          })
        ).status;
      expect(await health()).toBe(200);

      // Kill worker 0 (the one running webhook delivery and the schedules) the hard way.
      process.kill(first.get('0') as number, 'SIGKILL');
      await until('worker 0 restarted', () => {
        const now = workersOf(child.pid as number).get('0');
        return now !== undefined && now !== first.get('0');
      });
      expect(out).toMatch(/worker 0 \(pid \d+\) exited \(SIGKILL\); starting it again in 1 s/);
      // Worker 1 answered meanwhile, and answers now beside the new worker 0.
      expect(await health()).toBe(200);
      await until('the new worker 0 serving', () => out.includes('worker 0 is serving again'));

      // Any worker, not only worker 0, comes back.
      process.kill(first.get('1') as number, 'SIGKILL');
      await until('worker 1 restarted', () => {
        const now = workersOf(child.pid as number).get('1');
        return now !== undefined && now !== first.get('1');
      });
      await until('the new worker 1 serving', () => out.includes('worker 1 is serving again'));
      expect(await health()).toBe(200);
      expect([...workersOf(child.pid as number).keys()].sort()).toEqual(['0', '1']);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
