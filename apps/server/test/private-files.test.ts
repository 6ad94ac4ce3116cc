import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import {
  adoptLegacyKeyFile,
  privateFileProblem,
  securePrivateDirectory,
} from '../src/security/private-files.ts';
import { loadKeyring, newKeyring, serializeKeyring } from '../src/security/pii.ts';

/** Closed by default on disk (decision 0022): the data directory, the key file and its old default place. */
const root = mkdtempSync(join(tmpdir(), 'crossgate-private-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const mode = (path: string) => statSync(path).mode & 0o777;
const isRoot = process.getuid?.() === 0;
let n = 0;
const fresh = () => join(root, `case-${++n}`);

describe('configuration defaults', () => {
  it('listens on 127.0.0.1 unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('keeps the key file inside the data directory, and knows the old default beside it', () => {
    const c = loadConfig({ CROSSGATE_DATA_DIR: '/srv/crossgate/db' });
    expect(c.piiKeyFile).toBe('/srv/crossgate/db/keys/pii-keys.json');
    expect(c.legacyPiiKeyFile).toBe('/srv/crossgate/keys/pii-keys.json');
    const named = loadConfig({ CROSSGATE_DATA_DIR: '/srv/db', CROSSGATE_PII_KEY_FILE: '/etc/cg/keys.json' });
    expect(named.piiKeyFile).toBe('/etc/cg/keys.json');
    expect(named.legacyPiiKeyFile).toBeUndefined();
  });

  it('has no demo password unless CROSSGATE_DEMO_PASSWORD gives one', () => {
    expect(loadConfig({}).demoPassword).toBeUndefined();
    expect(loadConfig({ CROSSGATE_DEMO_PASSWORD: 'x' }).demoPassword).toBe('x');
  });
});

describe('the data directory', () => {
  it('is created 0700', () => {
    const dir = join(fresh(), 'data', 'db');
    expect(securePrivateDirectory(dir)).toEqual([]);
    expect(mode(dir)).toBe(0o700);
  });

  it('of an older install is tightened, files 0600 and directories 0700, with a notice', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'base', '1'), { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'base'), 0o755);
    writeFileSync(join(dir, 'PG_VERSION'), '17', { mode: 0o644 });
    writeFileSync(join(dir, 'base', '1', '1259'), 'x', { mode: 0o666 });
    chmodSync(join(dir, 'base', '1', '1259'), 0o666);
    const notices = securePrivateDirectory(dir);
    expect(notices.join()).toContain('0700/0600');
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'base'))).toBe(0o700);
    expect(mode(join(dir, 'PG_VERSION'))).toBe(0o600);
    expect(mode(join(dir, 'base', '1', '1259'))).toBe(0o600);
    expect(securePrivateDirectory(dir)).toEqual([]);
  });

  it.runIf(isRoot)('owned by another user is refused, naming the fix', () => {
    const dir = fresh();
    mkdirSync(dir, { mode: 0o700 });
    chownSync(dir, 65534, 65534);
    expect(() => securePrivateDirectory(dir)).toThrow(/chown -R 0 .*owned by uid 65534/);
  });
});

describe('the key file', () => {
  const keyFile = (dir: string, fileMode: number) => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, 'pii-keys.json');
    writeFileSync(path, serializeKeyring(newKeyring()), { mode: fileMode });
    chmodSync(path, fileMode);
    return path;
  };

  it('readable by group or others is refused with the chmod that fixes it, in Chinese and English', () => {
    const path = keyFile(fresh(), 0o644);
    const problem = privateFileProblem(path) ?? '';
    expect(problem).toContain(`chmod 600 ${path}`);
    expect(problem).toContain('权限为 0644');
    expect(problem).toContain('has mode 0644');
    expect(() => loadKeyring({ file: path, create: false })).toThrow(`chmod 600 ${path}`);
    chmodSync(path, 0o640);
    expect(() => loadKeyring({ file: path, create: false })).toThrow('0640');
    chmodSync(path, 0o600);
    expect(loadKeyring({ file: path, create: false }).active).toBe('k1');
  });

  it.runIf(isRoot)('owned by another user is refused, even at 0600', () => {
    const path = keyFile(fresh(), 0o600);
    chownSync(path, 65534, 65534);
    expect(() => loadKeyring({ file: path, create: false })).toThrow(/属主是 uid 65534.*owned by uid 65534/);
  });

  it('is created 0600 in a 0700 directory', () => {
    const path = join(fresh(), 'db', 'keys', 'pii-keys.json');
    loadKeyring({ file: path, create: true });
    expect(mode(path)).toBe(0o600);
    expect(mode(join(path, '..'))).toBe(0o700);
  });
});

describe('a key file at the old default (<data>/../keys)', () => {
  const layout = (legacyMode: number) => {
    const base = fresh();
    const dataDir = join(base, 'db');
    const config = loadConfig({ CROSSGATE_DATA_DIR: dataDir });
    mkdirSync(join(base, 'keys'), { recursive: true });
    const text = serializeKeyring(newKeyring());
    writeFileSync(join(base, 'keys', 'pii-keys.json'), text, { mode: legacyMode });
    chmodSync(join(base, 'keys', 'pii-keys.json'), legacyMode);
    securePrivateDirectory(dataDir);
    return { config, text, legacy: join(base, 'keys', 'pii-keys.json') };
  };

  it('is moved into the data directory, with a notice', () => {
    const { config, text, legacy } = layout(0o600);
    const notices = adoptLegacyKeyFile(config);
    expect(notices.join()).toContain(`Moved the personal-data key file from ${legacy}`);
    expect(existsSync(legacy)).toBe(false);
    expect(existsSync(join(legacy, '..'))).toBe(false); // the emptied directory goes too
    expect(loadKeyring({ file: config.piiKeyFile, create: false })).toEqual(
      loadKeyring({ inline: text, file: '', create: false }),
    );
    expect(mode(config.piiKeyFile)).toBe(0o600);
    expect(adoptLegacyKeyFile(config)).toEqual([]);
  });

  it('is refused where it is when others may read it', () => {
    const { config, legacy } = layout(0o644);
    expect(() => adoptLegacyKeyFile(config)).toThrow(`chmod 600 ${legacy}`);
    expect(existsSync(config.piiKeyFile)).toBe(false);
  });

  it('is left alone, with a notice, when the new place already has one', () => {
    const { config, legacy } = layout(0o600);
    loadKeyring({ file: config.piiKeyFile, create: true });
    expect(adoptLegacyKeyFile(config).join()).toContain(`${legacy} is no longer used`);
    expect(existsSync(legacy)).toBe(true);
  });

  it('is not looked for when CROSSGATE_PII_KEY_FILE names the file', () => {
    const { config } = layout(0o600);
    expect(adoptLegacyKeyFile({ ...config, legacyPiiKeyFile: undefined })).toEqual([]);
  });
});
