import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../server/src/services/users.ts';
import { systemContext } from '../../server/src/services/context.ts';
import { orgIdOf } from '../../server/test/support/access-kit.ts';
import { shot, signIn, withWebPlatform, type WebPlatform } from './support/browser.ts';

const VIEWPORT = { width: 1366, height: 800 };

/**
 * The account pages (decision 0022): a clerk changes their password from the user menu — the form refuses a
 * weak one as it is typed and a wrong current one from the server, each on its field — and a clerk an
 * administrator asked to change theirs sees the change form right after sign-in, and nothing else until done.
 */
describe('change password (Chromium)', () => {
  let p: WebPlatform;
  let browser: Browser;
  withWebPlatform((platform, chromium) => {
    p = platform;
    browser = chromium;
  });

  let n = 0;
  const clerk = async () => {
    const username = `clerk.web.${++n}`;
    const password = `first-pass-${n}-${Date.now().toString(36)}`;
    const user = await createUser({ db: p.database.db }, systemContext(), {
      orgId: await orgIdOf(p, '4614960002'),
      username,
      displayName: `单证员${n}`,
      password,
      roles: ['operator'],
      locale: 'zh-CN',
    });
    return { username, password, id: user.id };
  };

  /** The login page, filled and sent; the caller waits for what should follow. */
  async function submitLogin(page: Page, username: string, password: string) {
    await page.goto(`${p.url}/login`);
    await page.getByLabel(/用户名|Username/).fill(username);
    await page.getByLabel(/密码|Password/).fill(password);
    await page.getByTestId('login-submit').click();
  }

  /** The error shown under a form field (Ant Design's explain line of the item holding `testId`). */
  const fieldError = (page: Page, testId: string) =>
    page.locator(`.ant-form-item:has([data-testid="${testId}"]) .ant-form-item-explain-error`);

  it('a clerk changes their password from the user menu; the old one stops working', async () => {
    const u = await clerk();
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await signIn(page, p.url, u.username, u.password);
    await page.getByTestId('user-menu').hover();
    await page.getByTestId('menu-change-password').click();
    await page.getByTestId('change-password-title').waitFor();
    expect(await page.getByTestId('change-password-title').textContent()).toBe('修改密码');
    await shot(page, 'account-01-change-password');

    // A weak new password is refused on its field before anything is sent.
    await page.getByTestId('current-password').fill(u.password);
    await page.getByTestId('new-password').fill('short-1');
    await page.getByTestId('confirm-password').fill('short-1');
    await page.getByTestId('change-password-submit').click();
    await fieldError(page, 'new-password').filter({ hasText: '新密码至少 12 个字符' }).waitFor();
    await page.getByTestId('new-password').fill('Password2026!');
    await fieldError(page, 'new-password').filter({ hasText: '过于常见' }).waitFor();

    // A wrong current password comes back from the server, on its field.
    const next = 'copper-lamp-river-71';
    await page.getByTestId('current-password').fill('not-my-password');
    await page.getByTestId('new-password').fill(next);
    await page.getByTestId('confirm-password').fill(next);
    await page.getByTestId('change-password-submit').click();
    await fieldError(page, 'current-password').filter({ hasText: '当前密码不正确' }).waitFor();
    await shot(page, 'account-02-field-errors');

    // The real change.
    await page.getByTestId('current-password').fill(u.password);
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('password-changed').waitFor();
    await shot(page, 'account-03-changed');

    // Signed out, the old password no longer opens the account; the new one does.
    await page.getByTestId('user-menu').hover();
    await page.getByTestId('menu-logout').click();
    await page.getByTestId('login-title').waitFor();
    await submitLogin(page, u.username, u.password);
    await page.getByText('登录失败').waitFor();
    await signIn(page, p.url, u.username, next);
    expect(await page.getByTestId('welcome').textContent()).toContain(`单证员${n}`);
    await context.close();
  });

  it('a clerk an administrator asked to change their password sees only the change form until done', async () => {
    const u = await clerk();
    const zone = await p.login('zone');
    const forced = await p.app.inject({
      method: 'POST',
      url: `/api/v1/users/${u.id}/require-password-change`,
      headers: { cookie: zone },
    });
    expect(forced.statusCode, forced.body).toBe(200);

    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await submitLogin(page, u.username, u.password);
    await page.getByTestId('password-change-required').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/password');
    await shot(page, 'account-04-change-required');

    // Any other page leads back to the form.
    await page.goto(`${p.url}/enterprise/products`);
    await page.getByTestId('password-change-required').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/password');

    // In English too.
    await page.getByTestId('switch-language').click();
    await page.getByText('An administrator asks you to change your password').waitFor();
    expect(await page.getByTestId('change-password-title').textContent()).toBe('Change password');
    await page.getByTestId('switch-language').click();
    await page.getByText('管理员要求您修改密码').waitFor();

    const next = 'copper-lamp-river-72';
    await page.getByTestId('current-password').fill(u.password);
    await page.getByTestId('new-password').fill(next);
    await page.getByTestId('confirm-password').fill(next);
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('welcome').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await shot(page, 'account-05-after-required-change');
    const user = await p.database.db
      .selectFrom('users')
      .select('must_change_password')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(user.must_change_password).toBe(false);
    await context.close();
  });
});
