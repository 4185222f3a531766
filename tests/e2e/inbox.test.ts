import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, DEMO_PASSWORD, login, poll, screenshot } from './harness';

/**
 * 待办 and 通知公告 in the browser: the county publishes a notice to the branch
 * that asks for a reply; the branch secretary sees it in 待办 with the header
 * count, opens it from there, reads it and replies with a file, and the item
 * and the header count go away. Pictures at 1440 and 375 px. The township sees
 * a branch's overdue meeting in 下级逾期事项 until the branch records it.
 */

const suite = browserSuite('inbox');
const TITLE = '关于报送团支部年度工作总结的通知';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function apiSession(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tj_session='))!.split(';')[0]!;
  const { csrfToken, account } = await res.json();
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${url}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const json = await r.json();
    expect(r.status, JSON.stringify(json)).toBe(200);
    return json;
  };
  return { call, scopeOrgId: account.scopeOrgId as number };
}

/** The header count, as the badge button tells it. */
async function headerCount(page: Page): Promise<number> {
  const label = (await page.getByTestId('inbox-badge').getAttribute('aria-label')) ?? '';
  return Number(/(\d+)/.exec(label)?.[1] ?? NaN);
}

describe('待办 and 通知公告', () => {
  test('the branch secretary opens a notice from 待办, reads and replies; the item and the header count go away', async () => {
    const url = suite.server.url;
    const secretary = await apiSession(url, 'branch_secretary');
    const county = await apiSession(url, 'county_admin');
    const notice = await county.call('POST', '/api/notices', {
      title: TITLE,
      body: '请各团支部于本月底前回复年度工作总结，可上传总结文件。',
      target: 'chosen',
      orgIds: [secretary.scopeOrgId],
      replyRequired: true,
      replyForm: [{ label: '参加人数', type: 'number', required: true }],
    });

    const page = await suite.newPage();
    await login(page, url, 'branch_secretary');
    await poll(() => headerCount(page)).toBeGreaterThan(0);
    const before = await headerCount(page);
    const inbox = await secretary.call('GET', '/api/inbox');
    expect(before).toBe(inbox.total);

    // From the header to 待办, and from the item to the notice.
    await page.getByTestId('inbox-badge').click();
    await page.waitForURL((u) => u.pathname === '/inbox');
    const item = page.getByTestId('inbox-source-notice').getByRole('link', { name: `通知《${TITLE}》待阅读` });
    await item.waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'inbox-branch-1440');
    await item.click();
    await page.waitForURL((u) => u.pathname === '/notices/received' && u.searchParams.get('id') === String(notice.id));
    const drawer = page.getByTestId('notice-drawer');
    await drawer.getByTestId('notice-body').waitFor();
    expect(await drawer.getByTestId('notice-body').innerText()).toContain('年度工作总结');
    // Opening it recorded the read: 待阅读 becomes 待回复.
    await drawer.getByText('待回复').first().waitFor();

    // The reply form's field first, then text and a file.
    await drawer.getByLabel('参加人数').fill('12');
    await drawer.getByLabel('补充说明').fill('本支部年度工作总结已完成，详见附件。');
    await drawer.locator('input[type=file]').setInputFiles({ name: '工作总结.png', mimeType: 'image/png', buffer: PNG });
    await drawer.getByRole('button', { name: '提交回复' }).click();
    await drawer.getByText('本支部年度工作总结已完成，详见附件。').waitFor();
    await drawer.getByText(/工作总结\.png/).waitFor();
    await screenshot(page, 'inbox-notice-replied-1440');

    // The item and the header count go away.
    await poll(() => headerCount(page)).toBe(before - 1);
    await page.goto(`${url}/inbox`);
    await page.getByTestId('inbox-total').waitFor();
    expect(await page.getByText(TITLE).count()).toBe(0);
    const after = await secretary.call('GET', '/api/inbox');
    expect(after.total).toBe(before - 1);
    expect(after.counts.notice ?? 0).toBe(0);

    // The county sees the branch's read and reply.
    const progress = await county.call('GET', `/api/notices/${notice.id}/progress`);
    expect(progress.items[0]).toMatchObject({ pending: null, org: { id: secretary.scopeOrgId } });
    expect(progress.items[0].replies[0].attachments[0].fileName).toBe('工作总结.png');
    expect(progress.items[0].replies[0].answers).toEqual({ f1: 12 });
    await page.context().close();
  });

  test('the township sees a branch\'s overdue meeting in 下级逾期事项, and no longer once the branch has recorded it', async () => {
    const url = suite.server.url;
    const secretary = await apiSession(url, 'branch_secretary');
    const topic = '逾期未记录的支部委员会';
    const plannedOn = new Date(Date.now() + 8 * 3600_000 - 10 * 86_400_000).toISOString().slice(0, 10);
    const meeting = await secretary.call('POST', '/api/org-life/meetings', { orgId: secretary.scopeOrgId, kind: 'committee_meeting', topic, plannedOn });
    const branchName = (await secretary.call('GET', '/api/inbox')).org.name as string;

    const page = await suite.newPage();
    await login(page, url, 'baini_admin');
    await page.goto(`${url}/inbox?tab=overdue`);
    const panel = page.locator('.ant-collapse-item').filter({ has: page.getByText(branchName, { exact: true }) });
    await panel.locator('.ant-collapse-header').click();
    const item = panel.getByRole('link', { name: new RegExp(topic) });
    await item.waitFor();
    expect(await item.getAttribute('href')).toBe(`/org-life/meetings?org=${secretary.scopeOrgId}&meeting=${meeting.id}`);
    await screenshot(page, 'inbox-township-overdue-1440');

    // The branch records the meeting; the township's view no longer lists it.
    const members = await secretary.call('GET', `/api/people?under=${secretary.scopeOrgId}&kind=member&pageSize=3`);
    await secretary.call('POST', `/api/org-life/meetings/${meeting.id}/record`, {
      heldOn: plannedOn,
      minutes: '会议研究了本月团员教育评议工作，明确了各团小组的分工和完成时间。',
      presentIds: members.items.map((m: { id: number }) => m.id),
    });
    await page.reload();
    await page.locator('.ant-collapse, .ant-empty').first().waitFor();
    if (await panel.count()) {
      await panel.locator('.ant-collapse-header').click();
      await panel.getByTestId('inbox-item').first().waitFor();
    }
    expect(await page.getByText(topic).count()).toBe(0);
    await page.context().close();
  });

  test('at 375 px: 待办 and the notices in one column, the count in the header', async () => {
    const page = await suite.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await login(page, suite.server.url, 'branch_secretary');
    await page.getByTestId('inbox-badge').waitFor();
    await page.goto(`${suite.server.url}/inbox`);
    await page.getByTestId('inbox-total').waitFor();
    await page.waitForLoadState('networkidle');
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'inbox-branch-375');
    await page.goto(`${suite.server.url}/notices/received`);
    await page.getByTestId('received-notice').first().click();
    await page.getByTestId('notice-body').waitFor();
    await screenshot(page, 'inbox-notice-375');
    await page.context().close();
  });

  test('the county publishes from the 发布通知 page and sees the progress per organization', async () => {
    const page = await suite.newPage();
    await login(page, suite.server.url, 'county_admin');
    await page.goto(`${suite.server.url}/notices/sent`);
    await page.getByTestId('sent-notice').first().click();
    await page.getByTestId('progress-drawer').getByText(TITLE).waitFor();
    await page.getByTestId('progress-drawer').getByText('本支部年度工作总结已完成，详见附件。').waitFor();
    // The reply form's field is a column of the list, with the branch's answer.
    await page.getByTestId('progress-drawer').getByRole('columnheader', { name: '参加人数' }).waitFor();
    await page.getByTestId('progress-drawer').getByRole('cell', { name: '12', exact: true }).waitFor();
    await screenshot(page, 'notices-progress-county-1440');
    await page.context().close();
  });
});
