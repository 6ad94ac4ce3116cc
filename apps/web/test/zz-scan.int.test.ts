import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildImportParcel } from '@crossgate/ceb';
import type {} from '../../../test/global-setup.ts';
import { clearExport, exportSpec } from '../../server/test/support/export-kit.ts';
import { gatewayFor, parcel, parcelSpec, sendImport, type Gateway } from '../../server/test/support/import-kit.ts';
import { launchBrowser, signIn, startWebPlatform } from './support/browser.ts';

async function dump(page: Page, label: string, lang: 'en' | 'zh') {
  const found = await page.evaluate((lang) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let n: Node | null;
    while ((n = walker.nextNode())) {
      const t = (n.textContent ?? '').trim();
      if (!t) continue;
      const el = n.parentElement;
      if (!el || el.closest('details:not([open]) > :not(summary)') || el.closest('[hidden]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (lang === 'en' && /[\u3400-\u9fff]/.test(t)) out.push(t);
      if (lang === 'zh' && (/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.test(t) || /[0-9a-f]{8}-[0-9a-f]{4}/.test(t) || /\b[A-Z]+_[A-Z_]+\b|[a-z]+_[a-z]+/.test(t))) out.push(t);
    }
    return [...new Set(out)];
  }, lang);
  console.log(`==== ${label} (${lang}) ${found.length}\n` + found.map((f) => '  ' + f.slice(0, 160)).join('\n'));
}

describe('scan', () => {
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
  it('scans', async () => {
    const bad = parcel();
    await sendImport(g, { ...bad, order: bad.order.replace(/<ceb:goodsValue>[^<]*</, '<ceb:goodsValue>999.00<') });
    const spec = parcelSpec();
    await sendImport(g, buildImportParcel(spec));
    await clearExport(g, exportSpec());
    const pages: [string, string, string | undefined][] = [
      ['credit', '/enterprise/credit', 'seller'],
      ['home-seller', '/', 'seller'],
      ['dashboard', '/dashboard', 'zone'],
      ['public', '/public', undefined],
      ['public-parcel', `/public/parcels?no=${spec.logisticsNo}`, undefined],
      ['public-enterprises', `/public/enterprises?q=${encodeURIComponent('焦作')}`, undefined],
      ['public-products', '/public/products?barcode=4008976022329', undefined],
      ['public-cert', '/public/certificates', undefined],
    ];
    for (const [label, url, user] of pages) {
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await ctx.newPage();
      if (user) await signIn(page, p.url, user);
      await page.goto(`${p.url}${url}`);
      await page.waitForTimeout(2500);
      await dump(page, label, 'zh');
      await page.getByTestId('switch-language').click();
      await page.waitForTimeout(1500);
      await dump(page, label, 'en');
      await ctx.close();
    }
  }, 300_000);
});
