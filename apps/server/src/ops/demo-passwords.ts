import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoLogin } from '../seed/demo.ts';
import { privateFileProblem } from '../security/private-files.ts';

/**
 * The demo users' generated passwords, kept for `crossgate simulate` on the machine that started the demo
 * (docs/decisions/0022-closed-by-default.md): `<data dir>/demo-passwords.json`, mode 0600 inside the 0700 data
 * directory — as private as the personal-data key file next to it. Written only when the passwords were
 * generated (not with CROSSGATE_DEMO_PASSWORD); delete it when you no longer simulate.
 */
export const DEMO_PASSWORDS_FILE = 'demo-passwords.json';
const FORMAT = 'crossgate-demo-passwords/1';

export function saveDemoPasswords(dataDir: string, logins: DemoLogin[]): string {
  const path = join(dataDir, DEMO_PASSWORDS_FILE);
  const passwords = Object.fromEntries(
    logins.filter((l) => l.password !== undefined).map((l) => [l.username, l.password as string]),
  );
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify({ format: FORMAT, passwords }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return path;
}

/**
 * The passwords a first start generated, by username; undefined when this data directory has none. Refused, like
 * a key file, when the file is not the user's alone.
 */
export function readDemoPasswords(config: { dataDir: string }): Record<string, string> | undefined {
  const path = join(config.dataDir, DEMO_PASSWORDS_FILE);
  if (!existsSync(path)) return undefined;
  const problem = privateFileProblem(path, { zh: '演示账号密码文件', en: 'demo password file' });
  if (problem) throw new Error(problem);
  const file = JSON.parse(readFileSync(path, 'utf8')) as {
    format?: string;
    passwords?: Record<string, string>;
  };
  if (file.format !== FORMAT || typeof file.passwords !== 'object')
    throw new Error(`${path}: format must be ${FORMAT}`);
  return file.passwords;
}
