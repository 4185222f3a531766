import { describe, expect, test } from 'vitest';
import { request as playwrightRequest, type APIRequestContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, browserSuite, login, poll, screenshot } from './harness';

/**
 * 团员自助 at 375×812 (issue 13 item 2): a member uploads a transfer
 * screenshot for this month's dues in the portal; the branch secretary, also
 * on a phone, sees it on 团费收缴 → 交纳凭证 and confirms it; the member's month
 * turns 已交. The member's account is issued through the API (the UI path of
 * issuing codes is covered by portal.test.ts).
 */

const PHONE = { width: 375, height: 812 };
const PASSWORD = 'Receipt2026x';
// A 1×1 PNG: what a phone's screenshot is to the server (type sniffed from the content).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const suite = browserSuite('portal-self-service');
const phonePage = () => suite.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

async function apiSession(username: string, password = DEMO_PASSWORD): Promise<{ api: APIRequestContext; csrf: string; scopeOrgId: number }> {
  const api = await playwrightRequest.newContext({ baseURL: suite.server.url });
  const res = await api.post('/api/auth/login', { data: { username, password } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { csrfToken: string; account: { scopeOrgId: number } };
  return { api, csrf: body.csrfToken, scopeOrgId: body.account.scopeOrgId };
}

describe('member portal: dues receipt uploaded by the member, confirmed by the secretary', () => {
  let username = '';
  let name = '';
  let branch = 0;

  test('a member of the secretary’s branch gets a portal account', async () => {
    const s = await apiSession('branch_secretary');
    branch = s.scopeOrgId;
    const ledger = (await (await s.api.get(`/api/daily-work/dues/ledger?orgId=${branch}&period=${month}`)).json()) as {
      rows: { personId: number; name: string; exempt: boolean; payment: unknown }[];
    };
    const row = ledger.rows.find((r) => !r.exempt && !r.payment);
    expect(row, 'a member who has not paid this month').toBeDefined();
    name = row!.name;
    const issued = await s.api.post('/api/daily-work/resets/issue', { data: { personIds: [row!.personId] }, headers: { 'x-csrf-token': s.csrf } });
    expect(issued.status()).toBe(200);
    const code = ((await issued.json()) as { codes: { username: string; code: string }[] }).codes[0]!;
    username = code.username;
    const redeemed = await s.api.post('/api/daily-work/resets/redeem', { data: { username, code: code.code, newPassword: PASSWORD } });
    expect(redeemed.status()).toBe(200);
    await s.api.dispose();
  });

  test('on a phone, the member uploads a transfer screenshot for this month', async () => {
    const page = await phonePage();
    await login(page, suite.server.url, username, PASSWORD);
    await page.waitForURL((u) => u.pathname === '/portal');
    await page.goto(`${suite.server.url}/portal/dues`);
    const row = page.getByTestId(`dues-${month}`);
    await poll(() => row.getByTestId(`upload-receipt-${month}`).isVisible()).toBe(true);
    const box = await row.getByTestId(`upload-receipt-${month}`).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/daily-work/portal/dues/receipts') && r.request().method() === 'POST');
    await row.locator('input[type=file]').setInputFiles({ name: '转账截图.png', mimeType: 'image/png', buffer: PNG });
    expect((await uploaded).status()).toBe(200);
    await poll(() => row.getByText('凭证待确认').isVisible()).toBe(true);
    await poll(() => row.getByTestId(`upload-receipt-${month}`).count()).toBe(0);
    await poll(() => page.getByText('我上传的交纳凭证').isVisible()).toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'portal-dues-receipt-uploaded');
    await page.context().close();
  });

  test('on a phone, the secretary sees it on 团费收缴 → 交纳凭证 and confirms it; the member’s month turns 已交', async () => {
    const page = await phonePage();
    await login(page, suite.server.url, 'branch_secretary');
    await page.goto(`${suite.server.url}/daily/dues?org=${branch}&tab=receipts`);
    const card = page.locator('[data-testid^="dues-receipt-"]').filter({ hasText: name });
    await poll(() => card.count()).toBe(1);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'portal-secretary-receipts');
    const confirmed = page.waitForResponse((r) => /\/api\/daily-work\/dues\/receipts\/\d+\/confirm$/.test(r.url()));
    await card.getByRole('button', { name: /确认已交/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*认/ }).click();
    expect((await confirmed).status()).toBe(200);
    await poll(() => card.count()).toBe(0);
    await screenshot(page, 'portal-secretary-receipt-confirmed');
    await page.context().close();

    const member = await phonePage();
    await login(member, suite.server.url, username, PASSWORD);
    await member.goto(`${suite.server.url}/portal/dues`);
    const row = member.getByTestId(`dues-${month}`);
    await poll(() => row.getByText('已交', { exact: true }).isVisible()).toBe(true);
    await poll(() => member.getByText('已确认').first().isVisible()).toBe(true);
    await screenshot(member, 'portal-dues-receipt-paid');
    await member.context().close();
  });
});
