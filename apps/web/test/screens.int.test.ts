import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildImportParcel } from '@crossgate/ceb';
// The vitest context the platform's engines read (postgresUrl), for the type checker of the web tests.
import type {} from '../../../test/global-setup.ts';
import { clearExport, exportSpec } from '../../server/test/support/export-kit.ts';
import {
  gatewayFor,
  PARTIES,
  parcelSpec,
  sendImport,
  type Gateway,
} from '../../server/test/support/import-kit.ts';
import { cspViolations, launchBrowser, shot, signIn, startWebPlatform } from './support/browser.ts';

/**
 * Issue 17, items 3, 4 and 10 (decision 0036): the wall-screen 大屏 at 1920×1080 and 3840×2160, the public
 * pages on a phone, the tab titles, and the login and public pages without ECharts.
 */
describe('wall screen, phone pages, titles and code split (Chromium)', () => {
  let p: Awaited<ReturnType<typeof startWebPlatform>>;
  let g: Gateway;
  let browser: Browser;
  let waybill: string;

  beforeAll(async () => {
    p = await startWebPlatform();
    g = await gatewayFor(p);
    browser = await launchBrowser();
    const spec = parcelSpec();
    await sendImport(g, buildImportParcel(spec));
    waybill = spec.logisticsNo;
    await sendImport(g, buildImportParcel(parcelSpec({ seller: PARTIES.seller2 })));
    // Exports to Russia (344), Japan (116) and the United States (502): flow lines out of the zone.
    for (const country of ['344', '344', '116', '502']) await clearExport(g, exportSpec({ country }));
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  /** The page's own scroll extent against its window. */
  const extent = (page: Page) =>
    page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
    }));

  /** Every script the page asked for, by file name. */
  const scripts = (page: Page) => {
    const seen: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') seen.push(new URL(r.url()).pathname.split('/').pop() ?? '');
    });
    return seen;
  };
  const CHART_CHUNK = /^(echarts|EChartCanvas|DashboardPage|LineChart)-/;

  it('The login and public pages load no ECharts; the dashboard does; each tab names its page', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const seen = scripts(page);
    await page.goto(`${p.url}/login`);
    await page.getByTestId('login-title').waitFor();
    await expect.poll(() => page.title()).toBe('登录单一窗口 - Crossgate 单一窗口');
    await page.goto(`${p.url}/public`);
    await page.getByTestId('public-title').waitFor();
    await expect.poll(() => page.title()).toBe('公共服务 - Crossgate 单一窗口');
    await page.goto(`${p.url}/public/parcels?no=${waybill}`);
    await page.getByTestId('parcel-status').waitFor();
    await expect.poll(() => page.title()).toBe('包裹通关查询 - Crossgate 单一窗口');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((s) => CHART_CHUNK.test(s))).toEqual([]);
    // The favicon is served.
    const icon = await page.request.get(`${p.url}/favicon.svg`);
    expect(icon.status()).toBe(200);
    expect(await icon.text()).toContain('<svg');

    await signIn(page, p.url, 'zone');
    await expect.poll(() => page.title()).toBe('首页 - Crossgate 单一窗口');
    expect(seen.filter((s) => CHART_CHUNK.test(s))).toEqual([]);
    await page.getByRole('menuitem', { name: '运行监测大屏' }).click();
    await page.locator('[data-testid="chart-world"] canvas').first().waitFor();
    await expect.poll(() => page.title()).toBe('运行监测大屏 - Crossgate 单一窗口');
    expect(seen.some((s) => s.startsWith('echarts-'))).toBe(true);
    expect(seen.some((s) => s.startsWith('DashboardPage-'))).toBe(true);
    await page.getByTestId('switch-language').click();
    await expect.poll(() => page.title()).toBe('Operations dashboard - Crossgate Single Window');
    await page.close();
  });

  const PANELS = [
    'dashboard-title',
    'dashboard-zone',
    'dashboard-kpis',
    'panel-throughput',
    'panel-modes',
    'panel-clearance',
    'panel-world',
    'panel-targets',
    'panel-origins',
    'panel-destinations',
    'panel-parks',
  ];
  const CHARTS = [
    'chart-throughput',
    'chart-modes',
    'chart-mode-value',
    'chart-origins',
    'chart-destinations',
    'chart-parks',
    'chart-world',
  ];

  for (const [width, height, lang, scaled] of [
    [1920, 1080, 'zh-CN', 'dashboard-1920x1080'],
    [3840, 2160, 'zh-CN', 'dashboard-3840x2160'],
    [1440, 900, 'en', 'dashboard-1440x900-en'],
  ] as const) {
    it(`The 大屏 at ${width}×${height} (${lang}) shows every panel inside the window, with no scrollbar`, async () => {
      const context = await browser.newContext({ viewport: { width, height } });
      await context.addInitScript((l) => localStorage.setItem('crossgate.lng', l), lang);
      const page = await context.newPage();
      await signIn(page, p.url, 'zone');
      await page.goto(`${p.url}/dashboard`);
      for (const chart of CHARTS) await page.locator(`[data-testid="${chart}"] canvas`).first().waitFor();
      await page.waitForTimeout(1500); // the charts' entry animation

      const scale = Number(await page.getByTestId('dashboard').getAttribute('data-scale'));
      const e = await extent(page);
      expect(e.scrollHeight).toBeLessThanOrEqual(e.innerHeight);
      expect(e.scrollWidth).toBeLessThanOrEqual(e.innerWidth);
      for (const panel of PANELS) {
        const box = await page.getByTestId(panel).boundingBox();
        expect(box, panel).not.toBeNull();
        if (!box) continue;
        expect(box.x, panel).toBeGreaterThanOrEqual(0);
        expect(box.y, panel).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, panel).toBeLessThanOrEqual(width);
        expect(box.y + box.height, panel).toBeLessThanOrEqual(height);
        if (panel.startsWith('panel-')) expect(box.height, panel).toBeGreaterThan(180 * scale);
      }
      // The seven figures stand in one row (none wraps to a second line).
      const tops = await page
        .getByTestId('dashboard-kpis')
        .evaluate((el) => [...el.children].map((c) => Math.round(c.getBoundingClientRect().top)));
      expect(tops).toHaveLength(7);
      expect(new Set(tops).size).toBe(1);
      // The canvas scales with the screen: about twice as large on the 4K wall as at 1920×1080.
      if (width === 3840) expect(scale).toBeGreaterThan(1.6);
      if (width === 1920) expect(scale).toBeGreaterThan(0.8);
      // The zone under its configured name, the same in the frame's header.
      const zone =
        lang === 'en' ? 'Jiaozuo area, China (Zhengzhou)' : '中国（郑州）跨境电子商务综合试验区焦作片区';
      expect(await page.getByTestId('dashboard-zone').textContent()).toContain(zone);
      expect(await page.locator('.ant-layout-header').first().textContent()).toContain(zone);
      await shot(page, scaled);
      await context.close();
    });
  }

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`The public parcel page at 390×844 (${lang}) fits the phone: no sideways scroll, a menu, a readable timeline`, async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      await context.addInitScript((l) => localStorage.setItem('crossgate.lng', l), lang);
      const page = await context.newPage();
      await page.goto(`${p.url}/public/parcels?no=${waybill}`);
      await page.getByTestId('parcel-status').waitFor();
      await page.getByTestId('parcel-timeline').waitFor();
      expect((await extent(page)).scrollWidth).toBeLessThanOrEqual(390);
      expect(await page.getByTestId('parcel-status').textContent()).toContain(
        lang === 'en' ? 'Released' : '放行',
      );

      // The language switch is whole on the screen.
      const language = await page.getByTestId('switch-language').boundingBox();
      expect(language).not.toBeNull();
      if (language) {
        expect(language.x).toBeGreaterThanOrEqual(0);
        expect(language.x + language.width).toBeLessThanOrEqual(390);
      }
      // Each timeline entry gets most of the width: its status reads on one or two lines, not a letter a line.
      const entries = await page
        .getByTestId('parcel-timeline')
        .locator('.ant-timeline-item-content')
        .evaluateAll((els) =>
          els.map((el) => {
            const r = el.getBoundingClientRect();
            const line = parseFloat(getComputedStyle(el).lineHeight) || 22;
            const status = el.querySelector('b');
            const s = status?.getBoundingClientRect();
            return { width: r.width, statusLines: s ? Math.round(s.height / line) : 0 };
          }),
        );
      expect(entries.length).toBeGreaterThanOrEqual(3);
      for (const e of entries) {
        expect(e.width).toBeGreaterThan(200);
        expect(e.statusLines).toBeLessThanOrEqual(2);
      }
      await shot(page, `public-phone-parcel-${lang}`);

      // The services are in the drawer behind the menu button.
      await page.getByTestId('public-menu').click();
      const drawer = page.getByTestId('public-drawer');
      await drawer.waitFor();
      await shot(page, `public-phone-menu-${lang}`);
      await drawer.getByText(lang === 'en' ? 'Enterprise credit' : '企业信用查询').click();
      await page.waitForURL(/\/public\/enterprises$/);
      expect((await extent(page)).scrollWidth).toBeLessThanOrEqual(390);
      await context.close();
    });
  }

  it('The other public pages fit a 360 px phone too', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
    await context.addInitScript(() => localStorage.setItem('crossgate.lng', 'en'));
    const page = await context.newPage();
    for (const path of ['', '/enterprises', '/products', '/certificates']) {
      await page.goto(`${p.url}/public${path}`);
      await page.getByTestId('public-brand').waitFor();
      await page.waitForTimeout(300);
      expect((await extent(page)).scrollWidth, path || '/public').toBeLessThanOrEqual(360);
      await shot(page, `public-phone-360${path.replace('/', '-') || '-home'}-en`);
    }
    await context.close();
  });

  it('The export summaries show their PDF column at 1440', async () => {
    const spec = exportSpec();
    await clearExport(g, spec);
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const run = await p.app.inject({
      method: 'POST',
      url: '/api/v1/export/summaries',
      headers: { cookie: await p.login('customs') },
      payload: { month, summaryFlag: '1', ebcCode: PARTIES.seller.code },
    });
    expect(run.statusCode).toBe(200);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, p.url, 'agent');
    await page.getByRole('menuitem', { name: '出口汇总申报' }).click();
    const pdf = page.getByTestId('summaries-page').locator('a[href$="certificate.pdf"]').first();
    await pdf.waitFor();
    const box = await pdf.boundingBox();
    expect(box).not.toBeNull();
    if (box) expect(box.x + box.width).toBeLessThanOrEqual(1440);
    expect(await pdf.isVisible()).toBe(true);
    await shot(page, 'enterprise-summaries-1440');
    await page.close();
  });

  it('met no Content Security Policy violation', () => {
    expect(cspViolations(browser)).toEqual([]);
  });
});
