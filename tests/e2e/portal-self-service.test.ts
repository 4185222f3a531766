import { describe, expect, test } from 'vitest';
import { request as playwrightRequest, type APIRequestContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, browserSuite, login, poll, screenshot } from './harness';

/**
 * 团员自助 at 375×812 (issue 13 item 2): a member uploads a transfer
 * screenshot for this month's dues in the portal; the branch secretary, also
 * on a phone, sees it on 团费收缴 → 交纳凭证 and confirms it; the member's month
 * turns 已交. The member's account is issued through the API (the UI path of
 * issuing codes is covered by portal.test.ts). Also: a young person applies to join online (入团申请)
 * and the branch accepts it; a member registers for the year (团籍注册) and the branch confirms it.
 */

const PHONE = { width: 375, height: 812 };
const PASSWORD = 'Receipt2026x';
// A 1×1 PNG: what a phone's screenshot is to the server (type sniffed from the content).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const suite = browserSuite('portal-self-service');
const phonePage = () => suite.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

async function apiSession(username: string, password = DEMO_PASSWORD): Promise<{ api: APIRequestContext; csrf: string; scopeOrgId: number; scopeOrgName: string }> {
  const api = await playwrightRequest.newContext({ baseURL: suite.server.url });
  const res = await api.post('/api/auth/login', { data: { username, password } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { csrfToken: string; account: { scopeOrgId: number; scopeOrgName: string } };
  return { api, csrf: body.csrfToken, scopeOrgId: body.account.scopeOrgId, scopeOrgName: body.account.scopeOrgName };
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

/** A valid 18-digit ID number (余庆县) of someone born on `birth` (YYYY-MM-DD). */
function idNumberOf(birth: string): string {
  const first = `520329${birth.replaceAll('-', '')}${String(100 + Math.floor(Math.random() * 800))}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
  return first + '10X98765432'[sum % 11]!;
}

describe('入团申请 online: a young person applies on a phone, the branch sees it on 团员发展', () => {
  const applicant = '网申小青';
  let branchName = '';

  test('on a phone, a young person without an account finds the branch and applies', async () => {
    const s = await apiSession('branch_secretary');
    branchName = s.scopeOrgName;
    await s.api.dispose();
    const page = await phonePage();
    await page.goto(`${suite.server.url}/login`);
    await page.getByRole('link', { name: '入团申请' }).click();
    await page.waitForURL((u) => u.pathname === '/join');
    await page.getByLabel('申请加入的团支部').fill(branchName.slice(-6));
    await page.locator('.ant-select-item-option').filter({ hasText: branchName }).first().click();
    await page.getByLabel('姓名').fill(applicant);
    // A wrong check digit first: refused, naming 身份证号.
    const good = idNumberOf(`${new Date().getFullYear() - 16}-03-03`);
    await page.getByLabel('身份证号').fill(good.slice(0, 17) + (good.endsWith('0') ? '1' : '0'));
    await page.getByLabel('民族').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '汉族' }).first().click();
    await page.getByLabel('手机号码').fill('13985012345');
    await page.getByLabel('学校或工作单位').fill('余庆县第一中学');
    await page.getByLabel('入团申请书').fill('我志愿加入中国共产主义青年团，坚决拥护中国共产党的领导，遵守团的章程，执行团的决议，履行团员义务，严守团的纪律。');
    await page.getByRole('button', { name: '提交申请' }).click();
    await poll(() => page.getByTestId('join-error').textContent()).toContain('身份证号');
    await page.getByLabel('身份证号').fill(good);
    await page.getByRole('button', { name: '提交申请' }).click();
    await poll(() => page.getByText('申请已提交').isVisible()).toBe(true);
    await poll(() => page.getByText(branchName, { exact: false }).isVisible()).toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'portal-join-applied');
    await page.context().close();
  });

  test('on a phone, the branch secretary sees the application on 团员发展 and accepts it', async () => {
    const page = await phonePage();
    await login(page, suite.server.url, 'branch_secretary');
    await page.goto(`${suite.server.url}/development`);
    const card = page.locator('[data-testid^="join-application-"]').filter({ hasText: applicant });
    await poll(() => card.count()).toBe(1);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'portal-join-branch-sees');
    const accepted = page.waitForResponse((r) => /\/api\/daily-work\/join-applications\/\d+\/accept$/.test(r.url()));
    await card.getByRole('button', { name: /受\s*理/ }).first().click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /受\s*理/ }).click();
    expect((await accepted).status()).toBe(200);
    await page.waitForURL((u) => /^\/development\/cases\/\d+$/.test(u.pathname));
    await poll(() => page.getByText(applicant).first().isVisible()).toBe(true);
    await screenshot(page, 'portal-join-case-started');
    await page.context().close();
  });
});

describe('团籍注册 by the member on a phone: the branch sees 本人已申请 and registers them', () => {
  const year = Number(month.slice(0, 4));
  let member = '';
  let name = '';
  let personId = 0;

  test('a member not yet registered this year gets a portal account', async () => {
    const s = await apiSession('branch_secretary');
    const list = (await (await s.api.get(`/api/membership/registrations?year=${year}&under=${s.scopeOrgId}&status=unregistered&pageSize=50`)).json()) as {
      items: { personId: number; name: string; selfRegisteredAt?: string | null }[];
    };
    const row = list.items.find((r) => !r.selfRegisteredAt);
    expect(row, 'a member of the branch not registered this year').toBeDefined();
    ({ personId, name } = row!);
    const issued = await s.api.post('/api/daily-work/resets/issue', { data: { personIds: [personId] }, headers: { 'x-csrf-token': s.csrf } });
    expect(issued.status()).toBe(200);
    const code = ((await issued.json()) as { codes: { username: string; code: string }[] }).codes[0]!;
    member = code.username;
    expect((await s.api.post('/api/daily-work/resets/redeem', { data: { username: member, code: code.code, newPassword: PASSWORD } })).status()).toBe(200);
    await s.api.dispose();
  });

  test('on a phone, the member confirms their details and submits this year’s registration', async () => {
    const page = await phonePage();
    await login(page, suite.server.url, member, PASSWORD);
    await page.waitForURL((u) => u.pathname === '/portal');
    await page.goto(`${suite.server.url}/portal/registrations`);
    await poll(() => page.getByText(`${year}年度团籍注册`, { exact: true }).isVisible()).toBe(true);
    await page.getByLabel('信息变化说明').fill('已到县城务工，住址有变化');
    const submit = page.getByRole('button', { name: '确认信息，提交注册' });
    expect((await submit.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/daily-work/portal/registrations') && r.request().method() === 'POST');
    await submit.click();
    expect((await sent).status()).toBe(200);
    await poll(() => page.getByText(`${year}年度团籍注册已提交`, { exact: false }).isVisible()).toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'portal-registration-submitted');
    await page.context().close();
  });

  test('on a phone, the secretary sees 本人已申请 on 团籍注册 and registers the member; the portal shows 已注册', async () => {
    const page = await phonePage();
    await login(page, suite.server.url, 'branch_secretary');
    await page.goto(`${suite.server.url}/membership/registrations?year=${year}`);
    const row = page.getByTestId('registrations-table').locator(`tr[data-row-key="${personId}"]`);
    await poll(() => row.getByText('本人已申请').isVisible()).toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'portal-registration-branch-sees');
    await row.locator('input[type="checkbox"]').check();
    await page.getByTestId('batch-bar').getByRole('button', { name: /^注\s*册$/ }).click();
    const dialog = page.getByRole('dialog', { name: `${year}年度团籍注册：注册（1人）` });
    await poll(() => dialog.isVisible()).toBe(true);
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/membership/registrations') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '确认注册' }).click();
    expect((await saved).status()).toBe(200);
    await poll(() => row.getByText('已注册').isVisible()).toBe(true);
    expect(await row.getByText('本人已申请').count()).toBe(0);
    await screenshot(page, 'portal-registration-confirmed');
    await page.context().close();

    const s = await apiSession(member, PASSWORD);
    const mine = (await (await s.api.get('/api/daily-work/portal/registrations')).json()) as { registrations: { year: number; status: string }[]; open: unknown };
    expect(mine.open).toBeNull();
    expect(mine.registrations.find((r) => r.year === year)?.status).toBe('registered');
    await s.api.dispose();
  });
});
