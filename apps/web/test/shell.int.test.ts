import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { cspViolations, shot, signIn, withWebPlatform, type WebPlatform } from './support/browser.ts';

describe('web app shell (Chromium)', () => {
  let p: WebPlatform;
  let browser: Browser;
  withWebPlatform((platform, chromium) => {
    p = platform;
    browser = chromium;
  });

  it('signs a clerk in, shows the menu for the role, and switches the whole UI to English and back', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.goto(`${p.url}/`);
    await page.getByTestId('login-title').waitFor();
    expect(await page.getByTestId('login-title').textContent()).toBe('登录单一窗口');
    await shot(page, 'shell-01-login-zh');
    await signIn(page, p.url, 'seller');
    expect(await page.getByTestId('welcome').textContent()).toContain('欢迎');
    await shot(page, 'shell-02-home-zh');
    await page.getByTestId('switch-language').click();
    await page.getByText('Welcome,').waitFor();
    expect(await page.getByTestId('switch-language').textContent()).toContain('中文');
    await shot(page, 'shell-03-home-en');
    await page.getByTestId('switch-language').click();
    await page.getByText('欢迎').waitFor();
    await page.close();
  });

  it('refuses a wrong password with the reason in the user’s language', async () => {
    const page = await browser.newPage();
    await page.goto(`${p.url}/login`);
    await page.getByLabel(/用户名/).fill('seller');
    await page.getByLabel(/密码/).fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByText('登录失败').waitFor();
    await shot(page, 'shell-04-login-refused');
    await page.close();
  });

  it('shows the API docs (Swagger UI) under the same policy', async () => {
    const page = await browser.newPage();
    await page.goto(`${p.url}/docs/`);
    await page.locator('.swagger-ui .info .title').waitFor();
    expect(await page.locator('.swagger-ui .info .title').textContent()).toContain('Crossgate API');
    await page.locator('.opblock').first().waitFor();
    await page.close();
  });

  it('met no Content Security Policy violation on any page (securitypolicyviolation events, console errors)', () => {
    expect(cspViolations(browser)).toEqual([]);
  });
});
