import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, chooseOption, login, openMenuPage, poll, screenshot } from './harness';

/**
 * 团员自助 in the browser: a branch secretary hands out a one-time reset code
 * on 团员账号; on a phone-sized screen the member redeems it on 找回密码 step 2,
 * logs in and sees the portal (我的信息, 团费). Then the SMS path: the member asks
 * for a text-message code with username and phone (the log sender writes it
 * to the server output), sets another password with it and logs in again.
 */

const PHONE = { width: 375, height: 812 };
const FIRST_PASSWORD = 'Portal2026x';
const SECOND_PASSWORD = 'Sms2026reset';

const suite = browserSuite('portal', { LOG_LEVEL: 'info' });
const newPage = (viewport = { width: 1440, height: 900 }) => suite.newPage({ viewport });

/** True when the page is no wider than the viewport (no horizontal scroll). */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('member portal: reset codes, 找回密码 and the phone layout', () => {
  let username = '';
  let code = '';
  let name = '';
  let phone: string | null = null;

  test('a branch secretary issues a one-time reset code on 团员账号', async () => {
    const page = await newPage();
    await login(page, suite.server.url, 'branch_secretary');
    await openMenuPage(page, '团员管理', '团员账号', '/member-accounts');

    // A member with a phone on record, so that the SMS path can be tried too.
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await poll(() => rows.count()).toBeGreaterThan(0);
    const withPhone = rows.filter({ hasText: /\d{3}\*+\d{2,4}/ });
    const row = (await withPhone.count()) > 0 ? withPhone.first() : rows.first();
    name = ((await row.locator('td').first().textContent()) ?? '').trim();
    expect(name).not.toBe('');

    const issued = page.waitForResponse((r) => r.url().includes('/api/daily-work/resets/issue') && r.request().method() === 'POST');
    await row.getByRole('button', { name: '发放重置码' }).click();
    const response = await issued;
    expect(response.status()).toBe(200);
    const { codes } = (await response.json()) as { codes: { personId: number }[] };
    const personId = codes[0]!.personId;

    const dialog = page.getByRole('dialog', { name: '一次性重置码' });
    await poll(() => dialog.getByTestId('issued-code').count()).toBe(1);
    code = ((await dialog.getByTestId('issued-code').textContent()) ?? '').trim();
    username = ((await dialog.getByTestId('issued-username').textContent()) ?? '').trim();
    expect(code.length).toBeGreaterThanOrEqual(4);
    expect(username).not.toBe('');
    await screenshot(page, 'portal-member-accounts');
    await dialog.getByRole('button', { name: '我已记下' }).click();
    await poll(() => dialog.isVisible()).toBe(false);

    // The member's phone, as the secretary sees it in the registry.
    const person = await page.request.get(`${suite.server.url}/api/people/${personId}`);
    expect(person.ok()).toBe(true);
    phone = ((await person.json()) as { phone: string | null }).phone;
    await page.context().close();
  });

  test('on a phone, the member redeems the code on 找回密码, logs in and sees the portal', async () => {
    expect(code).not.toBe('');
    const page = await newPage(PHONE);
    await page.goto(`${suite.server.url}/login`);
    await page.getByRole('link', { name: '找回密码' }).click();
    await page.waitForURL((u) => u.pathname === '/forgot-password');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'portal-forgot-password');
    await page.getByRole('button', { name: '已有团支部发放的重置码' }).click();
    await page.getByPlaceholder('用户名').fill(username);
    await page.getByPlaceholder('验证码或重置码').fill(code);
    await page.getByPlaceholder('新密码', { exact: true }).fill(FIRST_PASSWORD);
    await page.getByPlaceholder('再次输入新密码').fill(FIRST_PASSWORD);
    await page.getByRole('button', { name: '设置新密码' }).click();
    await poll(() => page.getByText('密码已重置').isVisible()).toBe(true);
    await page.getByRole('button', { name: '返回登录' }).click();
    await page.waitForURL((u) => u.pathname === '/login');

    await login(page, suite.server.url, username, FIRST_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/portal');
    await poll(() => page.getByTestId('portal-name').textContent()).toBe(name);
    await poll(() => page.getByRole('button', { name: '我的信息' }).isVisible()).toBe(true);
    // No admin side menu for members.
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'portal-me');

    // 申请更正: field, new value and note in a bottom drawer.
    await page.getByRole('button', { name: '申请更正' }).click();
    const drawer = page.locator('.ant-drawer:visible');
    const fieldSelect = drawer.locator('.ant-select').first();
    await fieldSelect.click();
    const fieldOption = page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="学历"]');
    await poll(() => fieldOption.count()).toBe(1);
    await chooseOption(fieldSelect, fieldOption, drawer.locator('.ant-select-selection-item, .ant-select-content').first(), '学历');
    await drawer.locator('#value').fill('大学本科');
    await drawer.locator('#note').fill('已取得本科学历');
    await drawer.getByRole('button', { name: '提交申请' }).click();
    await poll(() => page.getByText('学历：大学本科').isVisible()).toBe(true);
    expect(await page.getByText('待核实').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: '团费' }).click();
    await page.waitForURL((u) => u.pathname === '/portal/dues');
    await poll(() => page.getByText('按月明细').isVisible()).toBe(true);
    await poll(() => page.locator('[data-testid^="dues-"]').count()).toBeGreaterThan(0);
    expect(await page.getByText(/\d+\.\d{2} 元/).count()).toBeGreaterThan(0);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'portal-dues');

    // The other tabs answer, too.
    for (const [tab, path, text] of [
      ['入团经历', '/portal/history', '入团经历'],
      ['团籍注册', '/portal/registrations', '教育评议'],
      ['关系转接', '/portal/transfers', '组织关系转接'],
    ] as const) {
      await page.getByRole('button', { name: tab }).click();
      await page.waitForURL((u) => u.pathname === path);
      await poll(() => page.locator('.ant-card-head-title', { hasText: text }).count()).toBeGreaterThan(0);
      expect(await fitsWidth(page)).toBe(true);
    }
    // 申请转接: a branch of 龙溪镇 found through the directory search.
    await page.getByRole('button', { name: '申请转接' }).click();
    const apply = page.locator('.ant-drawer:visible');
    await apply.locator('#toOrgId').fill('龙溪镇');
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-disabled)').first();
    await poll(() => option.count()).toBe(1);
    await option.click();
    await apply.locator('#reason').fill('工作调动');
    await apply.getByRole('button', { name: '提交申请' }).click();
    // The new application is pending and no second one can be started. (The
    // receiving branch's name is not asserted: the server answers null for it,
    // reported as a server issue.)
    await poll(() => page.getByText('待接收').count()).toBeGreaterThan(0);
    await poll(() => page.getByRole('button', { name: '有正在办理的转接' }).isDisabled()).toBe(true);
    await poll(() => page.locator('.ant-drawer:visible').count()).toBe(0);
    await poll(() => page.locator('.ant-message-notice').count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'portal-transfers');

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.context().close();
  });

  test('the SMS path: a code requested with username and phone arrives in the server log and works', async (ctx) => {
    if (!phone) {
      ctx.skip(); // the chosen member has no phone on record
      return;
    }
    const page = await newPage(PHONE);
    await page.goto(`${suite.server.url}/forgot-password`);
    const before = suite.server.output().length;
    await page.getByPlaceholder('用户名').fill(username);
    await page.getByPlaceholder('手机号').fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await poll(() => page.getByPlaceholder('验证码或重置码').isVisible()).toBe(true);
    await poll(() => /验证码为(\w+)/.exec(suite.server.output().slice(before))?.[1] ?? '').not.toBe('');
    const smsCode = /验证码为(\w+)/.exec(suite.server.output().slice(before))![1]!;

    expect(await page.getByPlaceholder('用户名').inputValue()).toBe(username);
    await page.getByPlaceholder('验证码或重置码').fill(smsCode);
    await page.getByPlaceholder('新密码', { exact: true }).fill(SECOND_PASSWORD);
    await page.getByPlaceholder('再次输入新密码').fill(SECOND_PASSWORD);
    await page.getByRole('button', { name: '设置新密码' }).click();
    await poll(() => page.getByText('密码已重置').isVisible()).toBe(true);

    await login(page, suite.server.url, username, SECOND_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/portal');
    await poll(() => page.getByTestId('portal-name').textContent()).toBe(name);
    await page.context().close();
  });
});
