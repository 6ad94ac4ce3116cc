import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `crossgate db backup` / `db restore` as an operator runs them: the real binary on private embedded
 * databases (docs/decisions/0016-backups.md). Exit codes: 0 done, 2 usage, 6 target not empty, 9 backup
 * file refused, 10 failed and rolled back.
 */
const BIN = resolve(import.meta.dirname, '../bin/crossgate.js');
const root = mkdtempSync(join(tmpdir(), 'crossgate-cli-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs `crossgate` on the embedded database in `<root>/<name>/db` (its key file inside it, in `keys/`). */
function crossgate(name: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CROSSGATE_DATA_DIR: join(root, name, 'db'),
    DATABASE_URL: '',
  };
  delete env.CROSSGATE_PII_KEYS;
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('crossgate db backup / db restore', () => {
  const file = join(root, 'demo.cgbak');

  it('backs up a seeded database and prints a summary, saying the key file is not in it', () => {
    expect(crossgate('source', 'seed', '--demo').code).toBe(0);
    const r = crossgate('source', 'db', 'backup', '--out', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^organisations\s+\d+\s+[0-9a-f]{64}$/m);
    expect(r.stdout).toMatch(/合计 total: \d+ tables, [\d,]+ rows, [\d.]+ (KiB|MiB), [\d.]+ s/);
    expect(r.stdout).toContain('key file');
    expect(r.stderr).not.toMatch(/\[.*\]/); // no progress bars when stderr is not a terminal
    expect(readdirSync(root).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('restores into an empty data directory and prints the verification of every table', () => {
    const r = crossgate('copy', 'db', 'restore', '--in', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^organisations\s+\d+\s+\d+\s+ok {2}SHA-256 相符 matches$/m);
    expect(r.stdout).not.toContain('MISMATCH');
    expect(r.stdout).toMatch(/合计 total: \d+ tables, [\d,]+ rows verified/);
    // The copy is a working database: the same demo, already there.
    const seeded = crossgate('copy', 'seed', '--demo');
    expect(seeded.stdout).toMatch(/demo already loaded/);
  });

  it('refuses to restore into a database that holds data (exit 6), and --force replaces it', () => {
    const again = crossgate('copy', 'db', 'restore', '--in', file);
    expect(again.code).toBe(6);
    expect(again.stderr).toContain('RESTORE_TARGET_NOT_EMPTY');
    expect(again.stderr).toContain('目标数据库已有数据');
    const forced = crossgate('copy', 'db', 'restore', '--in', file, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('--force');
  });

  it('refuses a truncated backup (exit 9) and leaves the target empty, so a good backup then restores', () => {
    const cut = join(root, 'cut.cgbak');
    const bytes = readFileSync(file);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const r = crossgate('truncated', 'db', 'restore', '--in', cut);
    expect(r.code).toBe(9);
    expect(r.stderr).toContain('BACKUP_UNREADABLE');
    expect(crossgate('truncated', 'db', 'restore', '--in', file).code).toBe(0);
  });

  it('refuses a missing file (exit 9) before it touches any database, and usage errors (exit 2)', () => {
    const missing = crossgate('none', 'db', 'restore', '--in', join(root, 'nope.cgbak'));
    expect(missing.code).toBe(9);
    expect(missing.stderr).toContain('BACKUP_UNREADABLE');
    expect(existsSync(join(root, 'none'))).toBe(false);
    expect(crossgate('none', 'db', 'backup').code).toBe(2);
    expect(crossgate('none', 'db', 'restore').code).toBe(2);
  });
});
