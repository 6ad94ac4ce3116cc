// Run by test/fresh-machine.int.test.ts in a child process with CROSSGATE_TEST_NO_SYSTEM_TOOLS=1: what a machine
// with only Node and npm gets. Starts a throwaway cluster from the npm package's PostgreSQL and queries it, then
// launches the npm package's Chromium and renders Chinese with the vendored font. Prints one JSON line.
import pg from 'pg';
import { chromium } from 'playwright-core';
import { startThrowawayPostgres } from './postgres.ts';
import { CHROMIUM_FLAGS, chromiumExecutable, postgresBinaries } from './tools.ts';

const cluster = await startThrowawayPostgres();
let serverVersion: string;
try {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  serverVersion = ((await client.query('SHOW server_version')).rows[0] as { server_version: string })
    .server_version;
  await client.end();
} finally {
  cluster.stop();
}

const exe = await chromiumExecutable();
const browser = await chromium.launch({
  executablePath: exe.path,
  env: { ...process.env, ...exe.env },
  args: CHROMIUM_FLAGS,
});
const page = await browser.newPage();
await page.setContent(
  '<body style="margin:0;background:#fff"><span id="a" style="font-size:48px">海</span> <span id="b" style="font-size:48px">关</span></body>',
);
const a = await page.locator('#a').screenshot();
const b = await page.locator('#b').screenshot();
const version = browser.version();
await browser.close();

console.log(
  JSON.stringify({
    postgres: { source: postgresBinaries().source, serverVersion },
    chromium: { source: exe.source, version },
    glyphsDiffer: !a.equals(b),
  }),
);
