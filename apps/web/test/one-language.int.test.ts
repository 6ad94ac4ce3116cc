// One language at a time (issue 17 item 7, decision 0039): the credit page, the home page, the dashboard and the
// public pages say nothing in Chinese in the English UI but names (enterprises, users, goods), and no English
// sentence, internal id or raw code in the Chinese UI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildImportParcel } from '@crossgate/ceb';
// The vitest context the platform's engines read (postgresUrl), for the type checker of the web tests.
import type {} from '../../../test/global-setup.ts';
import { clearExport, exportSpec } from '../../server/test/support/export-kit.ts';
import {
  gatewayFor,
  parcel,
  parcelSpec,
  sendImport,
  type Gateway,
} from '../../server/test/support/import-kit.ts';
import { launchBrowser, signIn, startWebPlatform } from './support/browser.ts';

/**
 * Chinese an English page may show: the button back to Chinese, and names — of enterprises (…有限公司(演示)), of
 * users (… 管理员, the zone office) and of goods (奶粉).
 */
const NAMES = /^中文$|有限公司|管理员|综试区办公室|奶粉/;

/** The visible text nodes of the page (closed technical details left out) that break the page's language. */
async function offLanguage(page: Page, language: 'en' | 'zh'): Promise<string[]> {
  const found = await page.evaluate((language) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('details:not([open]) > :not(summary)')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (language === 'en' && /[\u3400-\u9fff]/.test(text)) out.push(text);
      if (
        language === 'zh' &&
        (/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.test(text) ||
          /[0-9a-f]{8}-[0-9a-f]{4}-/i.test(text) ||
          /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b[a-z]+_[a-z_]+\b/.test(text))
      )
        out.push(text);
    }
    return [...new Set(out)];
  }, language);
  return language === 'en' ? found.filter((t) => !NAMES.test(t)) : found;
}

describe('one language at a time (Chromium)', () => {
  let p: Awaited<ReturnType<typeof startWebPlatform>>;
  let browser: Browser;
  let g: Gateway;
  beforeAll(async () => {
    p = await startWebPlatform();
    browser = await launchBrowser();
    g = await gatewayFor(p);
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('the credit, home, dashboard and public pages speak the UI language only', async () => {
    // A refused parcel (a credit event), a released one (the public parcel page) and an export (the dashboard).
    const bad = parcel();
    await sendImport(g, {
      ...bad,
      order: bad.order.replace(/<ceb:goodsValue>[^<]*</, '<ceb:goodsValue>999.00<'),
    });
    const released = parcelSpec();
    await sendImport(g, buildImportParcel(released));
    await clearExport(g, exportSpec());

    const pages: [string, string, string | undefined, string][] = [
      ['credit', '/enterprise/credit', 'seller', 'credit-level'],
      ['home', '/', 'seller', 'welcome'],
      ['dashboard', '/dashboard', 'zone', 'dashboard-title'],
      ['public home', '/public', undefined, 'public-title'],
      ['public parcel', `/public/parcels?no=${released.logisticsNo}`, undefined, 'parcel-status'],
      [
        'public enterprises',
        `/public/enterprises?q=${encodeURIComponent('焦作')}`,
        undefined,
        'enterprise-input',
      ],
      ['public product', '/public/products?barcode=4008976022329', undefined, 'product-result'],
    ];
    for (const [label, url, user, ready] of pages) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      if (user) await signIn(page, p.url, user);
      await page.goto(`${p.url}${url}`);
      await page.getByTestId(ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await offLanguage(page, 'zh'), `${label} in Chinese`).toEqual([]);
      await page.getByTestId('switch-language').click();
      await page.getByTestId('switch-language').getByText('中文').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await offLanguage(page, 'en'), `${label} in English`).toEqual([]);
      await context.close();
    }
  }, 300_000);
});
