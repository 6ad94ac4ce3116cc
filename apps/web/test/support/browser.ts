import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_FLAGS, chromiumExecutable } from '../../../../test/support/tools.ts';
import { DEMO_PASSWORD, startPlatform, type Platform } from '../../../server/test/support/platform.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const DIST = join(ROOT, 'apps/web/dist/index.html');
export const SCREENSHOTS = join(ROOT, 'test-output/web');

/** The built web app (npm install builds it); built here when missing so the journeys test what ships. */
export function ensureBuilt(): void {
  if (existsSync(DIST)) return;
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'apps/web', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`vite build failed: ${r.stderr || r.stdout}`);
}

/** A seeded platform on PGlite listening on a free port, serving the built web app. */
export async function startWebPlatform(): Promise<Platform & { url: string }> {
  ensureBuilt();
  const p = await startPlatform('pglite');
  const address = await p.app.listen({ port: 0, host: '127.0.0.1' });
  return Object.assign(p, { url: address });
}

export type WebPlatform = Awaited<ReturnType<typeof startWebPlatform>>;

/**
 * For a describe block: starts the web platform, then Chromium, before its tests (handing both to `use`), and
 * closes whichever started after them.
 */
export function withWebPlatform(use: (p: WebPlatform, browser: Browser) => void): void {
  let p: WebPlatform | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    p = await startWebPlatform();
    browser = await launchBrowser();
    use(p, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });
}

/**
 * Chromium driven by playwright-core, headless: CHROMIUM_PATH, the machine's Chromium (Debian's `chromium`), or
 * the one shipped in the npm package @sparticuz/chromium (test/support/tools.ts). A missing browser fails the
 * suite (it does not skip); `npm test` says so in one line before any test runs. Every page it opens is watched
 * for Content Security Policy violations (`cspViolations`): the journeys run under the platform's real CSP.
 */
export async function launchBrowser(): Promise<Browser> {
  const executable = await chromiumExecutable();
  const browser = await chromium.launch({
    executablePath: executable.path,
    env: { ...process.env, ...executable.env },
    args: CHROMIUM_FLAGS,
  });
  const found: string[] = [];
  violations.set(browser, found);
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchCsp(context, found);
    return context;
  };
  // Like Browser.newPage: a context of its own, closed with the page.
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    // Closing the browser closes the page too, and then its context is gone already.
    page.once('close', () => context.close().catch(() => undefined));
    return page;
  };
  return browser;
}

const violations = new WeakMap<Browser, string[]>();

/**
 * Every CSP violation the pages of this browser met: the `securitypolicyviolation` events of the documents
 * and Chromium's console errors about the policy ("Refused to … because it violates …").
 */
export const cspViolations = (browser: Browser): string[] => violations.get(browser) ?? [];

async function watchCsp(context: BrowserContext, found: string[]): Promise<void> {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|CSP violation/i.test(message.text()))
      found.push(`${message.location().url}: ${message.text()}`);
  });
}

/**
 * Every cell of the table's rows keeps its text inside: the cell does not overflow, and whatever inside it is cut
 * short (ellipsis) carries its full value on hover (a title, or antd's ellipsis tooltip) and shows at least two
 * characters before its "…". The failures, by text.
 * It waits for the first row unless `waitForRows` is false (a page whose lists may be empty).
 */
export async function overflowingCells(
  page: Page,
  scope: string,
  options: { waitForRows?: boolean } = {},
): Promise<string[]> {
  if (options.waitForRows !== false)
    await page.waitForFunction((s) => document.querySelectorAll(`${s} tr.ant-table-row`).length > 0, scope);
  return page.evaluate((s) => {
    const bad: string[] = [];
    for (const td of Array.from(document.querySelectorAll<HTMLElement>(`${s} tr.ant-table-row > td`))) {
      if (td.scrollWidth > td.clientWidth + 1)
        bad.push(`cell ${td.scrollWidth}>${td.clientWidth}: ${td.textContent ?? ''}`);
      for (const el of Array.from(td.querySelectorAll<HTMLElement>('*'))) {
        if (el.clientWidth === 0 || el.scrollWidth <= el.clientWidth + 1) continue;
        const explained =
          el.hasAttribute('title') ||
          el.classList.contains('ant-typography-ellipsis') ||
          el.closest('.ant-typography-ellipsis') !== null;
        if (!explained) bad.push(`cut without its full value: ${el.textContent ?? ''}`);
        // An ellipsis with room for less than two characters shows only "…": the column is too narrow to read.
        else if (
          (el.textContent ?? '').trim().length > 2 &&
          el.clientWidth < 2 * parseFloat(getComputedStyle(el).fontSize)
        )
          bad.push(`shows only "…" (${el.clientWidth}px): ${el.textContent ?? ''}`);
      }
    }
    return bad;
  }, scope);
}

/** Saves a full-page screenshot of a journey step under test-output/web/. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // A tall page on a busy machine takes a while: more time than a click is given.
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, timeout: 120_000 });
}

/** Signs in through the login page as a demo user (the test platform's DEMO_PASSWORD unless given). */
export async function signIn(page: Page, base: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${base}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('welcome').waitFor();
}

/** A full-page screenshot once every finite animation (a tab's ink bar, a tooltip, a modal) has ended. */
export async function settledShot(page: Page, name: string) {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  await shot(page, name);
}
