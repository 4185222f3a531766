import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, login, poll, screenshot, openMenuPage } from './harness';

/**
 * 组织生活 in the browser: the branch secretary (a village branch of 白泥镇)
 * sees what is due this month, plans a 支部团员大会, records it as held with
 * attendance ticked from the branch's member list, and finds the meeting
 * counted for the branch on 组织生活达标. Every page of the menu group is shot.
 */


const suite = browserSuite('org-life');
const { newPage } = suite;

const openOrgLife = (page: Page, label: string, path: string) => openMenuPage(page, '组织生活', label, path);

const text = async (l: Locator) => ((await l.count()) ? ((await l.first().textContent()) ?? '') : '');
const visible = (l: Locator) => l.first().isVisible();

/** A number shown under a test id, or NaN while it is not on screen yet. */
async function numberOf(page: Page, testId: string): Promise<number> {
  const el = page.getByTestId(testId).first();
  if (!(await el.isVisible())) return Number.NaN;
  const text = (await el.textContent()) ?? '';
  return /\d/.test(text) ? Number(text.replace(/[^\d]/g, '')) : Number.NaN;
}

describe('org life: the branch secretary records a meeting and the compliance figures follow', () => {
  test('plans and records a 支部团员大会 with attendance; 组织生活达标 counts it', async () => {
    const page = await newPage();
    await login(page, suite.server.url, 'branch_secretary');

    // Before: the branch's row on 组织生活达标.
    await openOrgLife(page, '组织生活达标', '/org-life/compliance');
    const table = page.getByTestId('compliance-table');
    await expect.poll(() => table.locator('tr.ant-table-row').count(), { timeout: 20_000 }).toBe(1);
    const branchName = ((await table.getByTestId('branch-link').textContent()) ?? '').trim();
    expect(branchName).toMatch(/团支部$/);
    await poll(() => numberOf(page, 'held-general_meeting')).not.toBeNaN();
    const heldBefore = await numberOf(page, 'held-general_meeting');
    const totalBefore = await numberOf(page, 'figure-held');
    expect(totalBefore).toBeGreaterThanOrEqual(heldBefore);
    await screenshot(page, 'org-life-compliance-before');

    // 三会两制一课: what is due this month, then plan a general meeting for today.
    await openOrgLife(page, '三会两制一课', '/org-life/meetings');
    const due = page.getByTestId('due-card');
    await poll(() => text(due)).toContain('支部团员大会');
    await page.getByTestId('plan-meeting').click();
    const plan = page.getByRole('dialog', { name: '安排会议' });
    await poll(() => text(plan.getByTestId('plan-kind'))).toContain('支部团员大会');
    await plan.getByLabel('会议主题').fill('学习贯彻团的二十大精神专题会议');
    await plan.getByLabel('地点', { exact: true }).fill('村委会会议室');
    await plan.getByLabel('会议方案（会前有计划）').fill('一、传达学习会议精神；二、交流发言；三、部署下一步工作。');
    await plan.getByRole('button', { name: /安\s*排/ }).click();
    await poll(() => visible(plan)).toBe(false);

    // The new meeting opens in the drawer: record it as held.
    const drawer = page.locator('.ant-drawer').filter({ hasText: '会议详情' });
    await poll(() => text(drawer.getByTestId('meeting-view'))).toContain('学习贯彻团的二十大精神专题会议');
    await drawer.getByTestId('drawer-record').click();
    const record = page.getByTestId('record-form');
    const attendance = record.getByTestId('attendance-table');
    await poll(() => visible(attendance.locator('tr.ant-table-row').first())).toBe(true);
    const roster = await attendance.locator('tr.ant-table-row').count();
    expect(roster).toBeGreaterThan(2);
    await record.getByTestId('minutes').fill('会议由支部书记主持，传达学习了团的二十大精神，团员逐一交流学习体会，会议部署了下一阶段学习安排。');
    // Everyone present but the last member, who is on leave.
    await attendance.locator('thead input[type="checkbox"]').check();
    await attendance.locator('tr.ant-table-row').last().locator('input[type="checkbox"]').uncheck();
    await attendance.locator('tr.ant-table-row').last().locator('input').last().fill('请假');
    await poll(() => text(record.getByTestId('attendance-counts'))).toContain(`出席 ${roster - 1}`);
    await record.getByTestId('record-submit').click();
    await poll(() => visible(record)).toBe(false);
    await poll(() => text(drawer.getByTestId('meeting-view'))).toContain('已召开');
    await poll(() => text(drawer.getByTestId('meeting-view'))).toContain(`${roster - 1}/${roster}`);
    await poll(() => drawer.getByTestId('attendance-present').locator('.ant-tag').count()).toBe(roster - 1);
    await screenshot(page, 'org-life-meeting-recorded');
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.locator('.ant-drawer-close')).first().click();
    await poll(() => text(page.getByTestId('meetings-table'))).toContain('学习贯彻团的二十大精神专题会议');
    await screenshot(page, 'org-life-meetings');

    // After: the branch's general meetings and the period's total moved by one.
    await openOrgLife(page, '组织生活达标', '/org-life/compliance');
    await poll(() => text(page.getByTestId('compliance-table'))).toContain(branchName);
    await poll(() => numberOf(page, 'held-general_meeting')).toBe(heldBefore + 1);
    await poll(() => numberOf(page, 'figure-held')).toBe(totalBefore + 1);
    await screenshot(page, 'org-life-compliance');

    // Drill down: the branch's row opens its meetings.
    await page.getByTestId('compliance-table').getByTestId('branch-link').click();
    await page.waitForURL((u) => u.pathname === '/org-life/meetings' && u.searchParams.has('org'));
    await poll(() => text(page.getByTestId('meetings-table'))).toContain('学习贯彻团的二十大精神专题会议');

    // The other two pages of the group, as the secretary sees them.
    await openOrgLife(page, '团的活动', '/org-life/activities');
    await poll(() => numberOf(page, 'figure-activities')).not.toBeNaN();
    await poll(() => visible(page.getByTestId('activities-table'))).toBe(true);
    await screenshot(page, 'org-life-activities');
    await openOrgLife(page, '团属阵地', '/org-life/venues');
    await poll(() => numberOf(page, 'figure-venues')).not.toBeNaN();
    await screenshot(page, 'org-life-venues');
  });
});
