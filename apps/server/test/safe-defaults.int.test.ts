import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TError, TMe, TPasswordChanged, TUser } from '@crossgate/contract';
import { createDb, migrate, type Engine } from '@crossgate/db';
import { ENGINES, freshDatabase } from '../../../test/support/engines.ts';
import { createDatabaseOn } from '../../../test/support/postgres.ts';
import { createKeyFile, newKeyring, serializeKeyring } from '../src/security/pii.ts';
import { preparePersonalData } from '../src/services/personal-data.ts';
import { createUser } from '../src/services/users.ts';
import { systemContext } from '../src/services/context.ts';
import { orgIdOf, signIn, withoutRateLimits, type Browser } from './support/access-kit.ts';
import { DEMO_PASSWORD, json, startPlatform, type Platform } from './support/platform.ts';

/**
 * Closed by default (issue 13, attack 4; docs/decisions/0022-closed-by-default.md): the real `crossgate start`
 * listens on 127.0.0.1, loads the demo only with --demo and then with passwords of its own, keeps its data
 * directory to its user, and refuses a key file others could read; people change their own passwords, and an
 * administrator can require a change before anything else.
 */

const BIN = resolve(import.meta.dirname, '../../cli/bin/crossgate.js');
const root = mkdtempSync(join(tmpdir(), 'crossgate-safe-'));
/** Every server this file started: stopped at the end, whatever a failed test left running. */
const running = new Set<Started>();
afterAll(async () => {
  for (const s of running) await s.stop();
  rmSync(root, { recursive: true, force: true });
});
const isRoot = process.getuid?.() === 0;

interface Started {
  child: ChildProcess;
  port: number;
  base: string;
  /** Everything it printed (stdout and stderr) so far. */
  out(): string;
  stop(): Promise<void>;
}

/** An environment without the test runner's own settings that would change what start does. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', ...extra };
  for (const name of [
    'HOST',
    'PORT',
    'CROSSGATE_DEMO_PASSWORD',
    'CROSSGATE_PII_KEYS',
    'CROSSGATE_PII_KEY_FILE',
  ])
    if (!(name in extra)) delete env[name];
  return env;
}

/** `crossgate start …` as an operator runs it; resolves once it serves (or has exited). */
async function start(args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  // Port 0: the system picks a free port (no guessed port to collide with); the banner names it.
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', ...args], {
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const began = Date.now();
  while (!out.includes('is running at') && child.exitCode === null && Date.now() - began < 150_000)
    await new Promise((r) => setTimeout(r, 100));
  // The banner is written in one piece (one write of under 4 KiB, atomic on a pipe): once its first line is
  // here, all of it is, and no pause is needed for its last lines.
  // 0 when it never served (a start refused on purpose).
  const port = Number(/is running at http:\/\/localhost:(\d+)/.exec(out)?.[1] ?? 0);
  const started: Started = {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    out: () => out,
    stop: async () => {
      running.delete(started);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
  running.add(started);
  return started;
}

/** Waits for the process to end and gives its exit code. */
const exited = (child: ChildProcess) =>
  child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

/** The database of an engine for one install: a fresh PostgreSQL database, or nothing (PGlite in the data dir). */
async function databaseFor(engine: Engine): Promise<NodeJS.ProcessEnv> {
  if (engine === 'pglite') return {};
  const name = `crossgate_safe_${randomBytes(6).toString('hex')}`;
  return { DATABASE_URL: await createDatabaseOn(inject('postgresUrl'), name) };
}

/** The demo logins a banner printed: username → password (when it printed passwords). */
function bannerPasswords(out: string): Map<string, string> {
  const logins = new Map<string, string>();
  for (const m of out.matchAll(/^ {2}([a-z0-9]+)\s+([A-Za-z0-9]{5}(?:-[A-Za-z0-9]{5}){3})\s/gm))
    logins.set(m[1] as string, m[2] as string);
  return logins;
}

const login = (base: string, username: string, password: string) =>
  fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

/** Every path under `dir` whose mode lets group or others in (the directory itself included). */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o077) !== 0) found.push(`${path} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return found;
}

describe.each(ENGINES)('crossgate start on %s: closed by default', (engine) => {
  it('listens on 127.0.0.1 only, loads no demo without --demo, and keeps its data directory private', async () => {
    const dataDir = join(root, `${engine}-plain`, 'db');
    const env: NodeJS.ProcessEnv = { CROSSGATE_DATA_DIR: dataDir, ...(await databaseFor(engine)) };
    const s = await start([], env);
    try {
      expect(s.out()).toContain('is running at');
      // Started with --port 0: the banner names the port the system picked, in its URL and here alike.
      expect(s.port).toBeGreaterThan(0);
      expect(s.out()).toContain(`listening on   127.0.0.1:${s.port}`);
      expect(s.out()).not.toContain('演示账号');
      expect((await fetch(`${s.base}/health`)).status).toBe(200);
      // Not on any other address of this machine.
      const other = Object.values(networkInterfaces())
        .flat()
        .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
      if (other)
        await expect(
          fetch(`http://${other}:${s.port}/health`, { signal: AbortSignal.timeout(5000) }),
        ).rejects.toThrow();
      // No demo user exists, whatever password is tried.
      expect((await login(s.base, 'zone', 'anything-at-all-1')).status).toBe(401);
      // Data directory 0700, every file in it 0600 (the embedded database's included), key file there.
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(openToOthers(dataDir)).toEqual([]);
      expect(statSync(join(dataDir, 'keys', 'pii-keys.json')).mode & 0o777).toBe(0o600);
      expect(existsSync(join(dataDir, '..', 'keys'))).toBe(false);
    } finally {
      await s.stop();
    }
    const db = await createDb(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir });
    try {
      const users = await db.db.selectFrom('users').select('username').execute();
      expect(users).toEqual([]);
    } finally {
      await db.close();
    }
  }, 240_000);
});

describe('crossgate start --demo: passwords of its own, printed once', () => {
  const installs: Map<string, string>[] = [];

  it.each(ENGINES)(
    'on %s: a strong password per demo user, that signs in; the restart does not print it again',
    async (engine) => {
      const dataDir = join(root, `${engine}-demo`, 'db');
      const env = { CROSSGATE_DATA_DIR: dataDir, ...(await databaseFor(engine)) };
      const s = await start(['--demo'], env);
      let passwords: Map<string, string>;
      try {
        passwords = bannerPasswords(s.out());
        expect([...passwords.keys()]).toEqual(
          expect.arrayContaining(['seller', 'customs', 'zone', 'platform', 'agent']),
        );
        expect(new Set(passwords.values()).size).toBe(passwords.size);
        expect(s.out()).not.toContain('Jiaozuo@2026');
        for (const username of ['customs', 'zone']) {
          const ok = await login(s.base, username, passwords.get(username) as string);
          expect(ok.status).toBe(200);
          expect(((await ok.json()) as TMe).user?.mustChangePassword).toBe(false);
        }
        expect((await login(s.base, 'customs', passwords.get('zone') as string)).status).toBe(401);
        // Kept for `crossgate simulate`, readable only by the user.
        const file = join(dataDir, 'demo-passwords.json');
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(
          (JSON.parse(readFileSync(file, 'utf8')) as { passwords: Record<string, string> }).passwords,
        ).toEqual(Object.fromEntries(passwords));
      } finally {
        await s.stop();
      }
      installs.push(passwords);
      const again = await start(['--demo'], env);
      try {
        expect(again.out()).toMatch(/^\s+seller\s/m);
        expect(bannerPasswords(again.out()).size).toBe(0);
        expect(again.out()).toContain('reset-password');
      } finally {
        await again.stop();
      }
    },
    300_000,
  );

  it('differ between two fresh installs', () => {
    expect(installs).toHaveLength(2);
    const [a, b] = installs as [Map<string, string>, Map<string, string>];
    for (const [username, password] of a) expect(b.get(username)).not.toBe(password);
  });

  it('refuses a weak CROSSGATE_DEMO_PASSWORD, naming the rule', async () => {
    const s = await start(['--demo'], {
      CROSSGATE_DATA_DIR: join(root, 'weak-demo', 'db'),
      CROSSGATE_DEMO_PASSWORD: 'Jiaozuo@2026',
    });
    expect(await exited(s.child)).not.toBe(0);
    expect(s.out()).toContain('CROSSGATE_DEMO_PASSWORD');
    expect(s.out()).toContain('PASSWORD_COMMON');
  }, 180_000);
});

describe('the personal-data key file', () => {
  const withKeyFile = (name: string, mode: number, at = (dataDir: string) => join(dataDir, 'keys')) => {
    const dataDir = join(root, name, 'db');
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const dir = at(dataDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, 'pii-keys.json');
    writeFileSync(file, serializeKeyring(newKeyring()), { mode });
    chmodSync(file, mode);
    return { dataDir, file };
  };

  it('readable by others is refused at start, saying in Chinese and English to chmod 600 it', async () => {
    const { dataDir, file } = withKeyFile('key-0644', 0o644);
    const s = await start([], { CROSSGATE_DATA_DIR: dataDir });
    expect(await exited(s.child)).toBe(1);
    expect(s.out()).toContain(`chmod 600 ${file}`);
    expect(s.out()).toContain('个人信息密钥文件');
    expect(s.out()).toContain('has mode 0644');
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(false); // refused before the database was touched
  }, 60_000);

  it('named by CROSSGATE_PII_KEY_FILE is checked the same way', async () => {
    const { dataDir, file } = withKeyFile('key-named', 0o640, (d) => join(d, '..', 'elsewhere'));
    const s = await start([], { CROSSGATE_DATA_DIR: dataDir, CROSSGATE_PII_KEY_FILE: file });
    expect(await exited(s.child)).toBe(1);
    expect(s.out()).toContain(`chmod 600 ${file}`);
  }, 60_000);

  it.runIf(isRoot)(
    'owned by another user is refused at start',
    async () => {
      const { dataDir, file } = withKeyFile('key-owner', 0o600);
      chownSync(file, 65534, 65534);
      const s = await start([], { CROSSGATE_DATA_DIR: dataDir });
      expect(await exited(s.child)).toBe(1);
      expect(s.out()).toContain('owned by uid 65534');
      expect(s.out()).toContain(`chmod 600 ${file}`);
    },
    60_000,
  );

  it('left at the old default beside the data directory is moved into it, with a notice', async () => {
    const { dataDir, file } = withKeyFile('key-legacy', 0o600, (d) => join(d, '..', 'keys'));
    const text = readFileSync(file, 'utf8');
    const s = await start([], { CROSSGATE_DATA_DIR: dataDir });
    try {
      expect(s.out()).toContain('is running at');
      expect(s.out()).toContain(`Moved the personal-data key file from ${file}`);
      expect(existsSync(file)).toBe(false);
      expect(readFileSync(join(dataDir, 'keys', 'pii-keys.json'), 'utf8')).toBe(text);
    } finally {
      await s.stop();
    }
  }, 240_000);
});

describe.each(ENGINES)('an install upgraded with two key files on %s', (engine) => {
  it('names the old default key file when the new one does not match the database', async () => {
    const base = join(root, `two-keys-${engine}`);
    const legacy = join(base, 'keys', 'pii-keys.json');
    const current = join(base, 'db', 'keys', 'pii-keys.json');
    createKeyFile(legacy, newKeyring());
    createKeyFile(current, newKeyring());
    const database = await freshDatabase(engine);
    try {
      await migrate(database);
      // The database was sealed with the old default's keys…
      await preparePersonalData(database.db, { piiKeyFile: legacy, piiKeys: undefined });
      // …and something else made a key file at the new default before the first start after the upgrade.
      await expect(
        preparePersonalData(database.db, {
          piiKeyFile: current,
          piiKeys: undefined,
          legacyPiiKeyFile: legacy,
        }),
      ).rejects.toThrow(`A key file is still at the old default ${legacy} and may be this database's`);
    } finally {
      await database.close();
    }
  });
});

describe.each(ENGINES)('passwords after sign-in on %s', (engine) => {
  let p: Platform;
  let zone: Browser;
  beforeAll(async () => {
    p = await startPlatform(engine, withoutRateLimits());
    zone = await signIn(p.app, 'zone', DEMO_PASSWORD);
  }, 180_000);
  afterAll(() => p?.close());

  let n = 0;
  /** A fresh clerk of the seller's enterprise, so that no test depends on another's passwords. */
  async function clerk(): Promise<{ username: string; password: string; id: string }> {
    const username = `clerk.${engine}.${++n}`;
    const password = `first-${randomBytes(6).toString('hex')}`;
    const user = await createUser({ db: p.database.db }, systemContext(), {
      orgId: await orgIdOf(p, '4614960002'),
      username,
      displayName: '单证员',
      password,
      roles: ['operator'],
      locale: 'zh-CN',
    });
    return { username, password, id: user.id };
  }
  const change = (b: Browser, body: unknown, lang = 'zh-CN') =>
    p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { ...b.headers('POST'), 'accept-language': lang },
      payload: body as Record<string, unknown>,
    });
  const me = (b: Browser) => p.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: b.headers() });
  const products = (b: Browser) =>
    p.app.inject({ method: 'GET', url: '/api/v1/products', headers: b.headers() });
  const loginStatus = async (username: string, password: string) =>
    (
      await p.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      })
    ).statusCode;

  it('a user changes their own password: the old one stops working, other sessions end, this one goes on, audited', async () => {
    const u = await clerk();
    const here = await signIn(p.app, u.username, u.password);
    const elsewhere = await signIn(p.app, u.username, u.password);
    const next = 'copper-lamp-river-71';
    const res = await change(here, { currentPassword: u.password, newPassword: next });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<TPasswordChanged>(res)).toEqual({ revokedSessions: 1 });
    expect(await loginStatus(u.username, u.password)).toBe(401);
    expect(await loginStatus(u.username, next)).toBe(200);
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    const audit = await p.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('target_id', '=', u.id)
      .where('action', '=', 'user.password_change')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ revokedSessions: 1, wasRequired: false });
  });

  it('refuses a wrong current password with a field error, and audits the attempt', async () => {
    const u = await clerk();
    const b = await signIn(p.app, u.username, u.password);
    const res = await change(
      b,
      { currentPassword: 'not-my-password', newPassword: 'copper-lamp-river-72' },
      'en',
    );
    expect(res.statusCode).toBe(400);
    const body = json<TError>(res);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details).toEqual([
      { field: 'currentPassword', rule: expect.stringMatching(/^CURRENT_PASSWORD_WRONG: 当前密码不正确 \(/) },
    ]);
    expect(await loginStatus(u.username, u.password)).toBe(200);
    const refused = await p.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', u.id)
      .where('action', '=', 'user.password_change_refused')
      .execute();
    expect(refused).toHaveLength(1);
  });

  it('refuses a weak new password with one field error per broken rule, in Chinese and English', async () => {
    const u = await clerk();
    const b = await signIn(p.app, u.username, u.password);
    const cases: [string, string[]][] = [
      ['short-1', ['PASSWORD_TOO_SHORT']],
      ['aaaaaaaaaaaaaaaa', ['PASSWORD_TOO_SIMPLE']],
      ['Password2026!', ['PASSWORD_COMMON']],
      [`${u.username}-2026!`, ['PASSWORD_CONTAINS_USERNAME']],
      [u.password, ['PASSWORD_UNCHANGED']],
    ];
    for (const [newPassword, rules] of cases) {
      const res = await change(b, { currentPassword: u.password, newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      const details = json<TError>(res).details;
      expect(details.map((d) => d.field)).toEqual(rules.map(() => 'newPassword'));
      expect(details.map((d) => d.rule.split(':')[0])).toEqual(rules);
      for (const d of details) expect(d.rule).toMatch(/[\u4e00-\u9fff].*\([a-z ]/);
    }
    const short = json<TError>(await change(b, { currentPassword: u.password, newPassword: 'short-1' }));
    expect(short.details[0]).toMatchObject({ expected: '≥ 12 characters', actual: '7 characters' });
    expect(await loginStatus(u.username, u.password)).toBe(200);
  });

  it('an administrator creating a user is held to the same password rules (POST /api/v1/users)', async () => {
    const seller = await orgIdOf(p, '4614960002');
    const create = (username: string, password: string) =>
      p.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: zone.headers('POST'),
        payload: { orgId: seller, username, displayName: '新单证员', password, roles: ['operator'] },
      });
    const common = await create(`made.${engine}.1`, 'Password2026!');
    expect(common.statusCode).toBe(400);
    expect(json<TError>(common).details.map((d) => [d.field, d.rule.split(':')[0]])).toEqual([
      ['password', 'PASSWORD_COMMON'],
    ]);
    const named = await create(`made.${engine}.2`, `made.${engine}.2-2026!`);
    expect(json<TError>(named).details.map((d) => d.rule.split(':')[0])).toEqual([
      'PASSWORD_CONTAINS_USERNAME',
    ]);
    expect((await create(`made.${engine}.3`, 'short-1')).statusCode).toBe(400);
    const ok = await create(`made.${engine}.4`, 'copper-lamp-river-73');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await loginStatus(`made.${engine}.4`, 'copper-lamp-river-73')).toBe(200);
  });

  it('an API key cannot change a password (no person behind it)', async () => {
    const key = await p.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: (await signIn(p.app, 'seller', DEMO_PASSWORD)).headers('POST'),
      payload: { name: 'password test' },
    });
    const secret = (key.json() as { secret: string }).secret;
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { authorization: `Bearer ${secret}` },
      payload: { currentPassword: 'x', newPassword: 'copper-lamp-river-73' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('an administrator requires a change: until it is made the session reaches only the change, me and sign-out', async () => {
    const u = await clerk();
    const before = await signIn(p.app, u.username, u.password);
    const forced = await p.app.inject({
      method: 'POST',
      url: `/api/v1/users/${u.id}/require-password-change`,
      headers: zone.headers('POST'),
    });
    expect(forced.statusCode, forced.body).toBe(200);
    expect(json<TUser>(forced).mustChangePassword).toBe(true);
    // The session open before, and a new sign-in alike.
    const after = await signIn(p.app, u.username, u.password);
    for (const b of [before, after]) {
      const refused = await products(b);
      expect(refused.statusCode).toBe(403);
      expect(json<TError>(refused)).toMatchObject({
        code: 'PASSWORD_CHANGE_REQUIRED',
        details: [{ field: 'session', expected: 'POST /api/v1/auth/password' }],
      });
      expect(json<TMe>(await me(b)).user?.mustChangePassword).toBe(true);
    }
    const en = await p.app.inject({
      method: 'GET',
      url: '/api/v1/products',
      headers: { ...after.headers(), 'accept-language': 'en' },
    });
    expect(json<TError>(en).message).toMatch(/change your password/);
    const changed = await change(after, { currentPassword: u.password, newPassword: 'copper-lamp-river-74' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(json<TPasswordChanged>(changed).revokedSessions).toBe(1);
    expect((await products(after)).statusCode).toBe(200);
    expect(json<TMe>(await me(after)).user?.mustChangePassword).toBe(false);
    expect((await products(before)).statusCode).toBe(401);
    const audit = await p.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('target_id', '=', u.id)
      .where('action', 'in', ['user.password_change_required', 'user.password_change'])
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['user.password_change_required', 'user.password_change']);
    expect(audit[1]?.after).toMatchObject({ wasRequired: true });
  });

  it('a session that must change its password can still sign out', async () => {
    const u = await clerk();
    const b = await signIn(p.app, u.username, u.password);
    await p.app.inject({
      method: 'POST',
      url: `/api/v1/users/${u.id}/require-password-change`,
      headers: zone.headers('POST'),
    });
    const out = await p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: b.headers('POST'),
    });
    expect(out.statusCode).toBe(204);
  });

  it('only administrators require changes, each in their own scope', async () => {
    const u = await clerk();
    const sellerAdmin = await signIn(p.app, 'seller', DEMO_PASSWORD); // admin of the clerk's enterprise
    const otherAdmin = await signIn(p.app, 'platform', DEMO_PASSWORD); // admin of another enterprise
    const operator = await signIn(p.app, u.username, u.password);
    const require = (b: Browser) =>
      p.app.inject({
        method: 'POST',
        url: `/api/v1/users/${u.id}/require-password-change`,
        headers: b.headers('POST'),
      });
    expect((await require(operator)).statusCode).toBe(403);
    expect((await require(otherAdmin)).statusCode).toBe(404);
    expect((await require(sellerAdmin)).statusCode).toBe(200);
  });
});
