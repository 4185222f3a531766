import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { idCardCheckChar } from '@tuanjian/domain';
import { browserSuite, login, endSession, poll, screenshot, SERVERS } from './harness';

/**
 * 团员发展 in the browser, end to end: a branch secretary registers a young
 * person, starts the application and records every step with dates that
 * satisfy the rules (the business date is pinned to 2026-11-20); the township
 * committee approves (after the county's review if the case carries a
 * warning); the branch records the oath; the person is then a member with a
 * member number in the registry.
 */

const TODAY = SERVERS.dated.TJ_TODAY;
const BRANCH = '白泥镇松青村团支部';
const NAME = '林新苗';
/** 余庆县 region code, born 2010-03-15 (16 today, 16 at application), odd sequence = male. */
const ID_NUMBER = (() => {
  const sequence = String(101 + (Date.now() % 400) * 2); // odd: male
  const first17 = `52032920100315${sequence}`;
  return first17 + idCardCheckChar(first17);
})();


const suite = browserSuite('development', SERVERS.dated);
const { newPage } = suite;

/** The form item with this label inside `scope`. */
const item = (scope: Locator, label: string) => scope.locator('.ant-form-item').filter({ has: scope.page().locator('label', { hasText: label }) }).first();

async function fillDate(scope: Locator, label: string, date: string) {
  const input = item(scope, label).locator('input');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await poll(() => input.inputValue()).toBe(date);
}

/** Picks the first `count` options of a select (members of the branch). */
async function pickOptions(page: Page, scope: Locator, label: string, count: number) {
  await item(scope, label).locator('.ant-select').click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await poll(() => options.count()).toBeGreaterThanOrEqual(count);
  for (let i = 0; i < count; i++) {
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-selected)').first().click();
  }
  await page.keyboard.press('Escape');
  const select = item(scope, label).locator('.ant-select');
  if (count === 1) await poll(() => select.locator('.ant-select-content-has-value').count()).toBe(1);
  else await poll(() => select.locator('.ant-select-selection-item').count()).toBe(count);
}

/** The case page's next-step card must offer `step` (by its Chinese label). */
async function expectNext(page: Page, label: string) {
  await poll(() => page.getByTestId('next-step').locator('.ant-card-head-title').textContent()).toBe(`下一步：${label}`);
}

/** Fills the common fields of the open step form and submits it; waits for the act in the timeline. */
async function recordStep(page: Page, step: string, date: string, actor: string, fill?: (form: Locator) => Promise<void>, opts: { scope?: Locator; expectRecorded?: number } = {}) {
  const form = (opts.scope ?? page).getByTestId(`step-form-${step}`);
  await fillDate(form, '日期', date);
  await form.locator('#actor').fill(actor);
  if (fill) await fill(form);
  await form.getByRole('button', { name: /办理|批准入团/ }).click();
  await poll(() => page.getByTestId(`step-${step}`).count()).toBe(opts.expectRecorded ?? 1);
}

describe('development: from registration to member in the browser', () => {
  let caseUrl = '';

  test('a branch secretary registers a young person and records the pipeline up to the branch meeting', async () => {
    const page = await newPage();
    await login(page, suite.server.url, 'branch_secretary');

    // 青年团员 → 登记, with the ID number checked and read as it is typed.
    await page.getByRole('menuitem', { name: '青年团员' }).click();
    await page.waitForURL((u) => u.pathname === '/people');
    await page.getByRole('button', { name: /登\s*记/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#name').fill(NAME);
    await dialog.locator('#idNumber').fill(ID_NUMBER.slice(0, 17) + (ID_NUMBER[17] === '0' ? '1' : '0'));
    await poll(() => item(dialog, '身份证号').textContent()).toContain('身份证号校验位（最后一位）错误');
    await dialog.locator('#idNumber').fill(ID_NUMBER);
    await poll(() => dialog.getByTestId('id-derived').textContent()).toContain('2010年3月15日');
    expect(await dialog.getByTestId('id-derived').textContent()).toContain('男');
    // Gender follows the number; a mismatch is warned before submitting.
    await poll(() => item(dialog, '性别').locator('.ant-radio-wrapper-checked').textContent()).toBe('男');
    await item(dialog, '性别').getByText('女', { exact: true }).click();
    await poll(() => dialog.locator('.ant-alert-warning').textContent()).toContain('不一致');
    await item(dialog, '性别').getByText('男', { exact: true }).click();
    await poll(() => dialog.locator('.ant-alert-warning').count()).toBe(0);
    await poll(() => item(dialog, '所在组织').textContent()).toContain(BRANCH);
    await dialog.getByRole('button', { name: /登\s*记/ }).click();

    // The new person's drawer opens: start the application there.
    const drawer = page.locator('.ant-drawer');
    await poll(() => drawer.getByTestId('person-title').textContent()).toBe(NAME);
    await drawer.getByRole('button', { name: '发起入团申请' }).click();
    const start = page.getByRole('dialog', { name: /发起入团申请/ });
    await fillDate(start, '申请日期', '2026-06-01');
    expect(await start.locator('#actor').inputValue()).toBe(NAME);
    await start.getByRole('button', { name: /登记申请/ }).click();
    await page.waitForURL((u) => /^\/development\/cases\/\d+$/.test(u.pathname));
    caseUrl = page.url();
    await poll(() => page.getByTestId('case-title').textContent()).toBe(NAME);
    await poll(() => page.getByTestId('step-application').count()).toBe(1);

    await expectNext(page, '推优入团/团员推荐');
    await recordStep(page, 'recommendation', '2026-06-05', '王团员', async (form) => {
      await item(form, '推荐方式').getByText('团员推荐', { exact: true }).click();
    });

    await expectNext(page, '确定入团积极分子');
    await recordStep(page, 'activist', '2026-06-10', '张支书', (form) => pickOptions(page, form, '培养联系人', 1));

    // Training in two parts: after 4 hours the candidate step is blocked, 追加团课 adds the rest.
    await expectNext(page, '团课学习与考察');
    await recordStep(page, 'training', '2026-06-20', '李老师', async (form) => {
      await form.locator('#hours').fill('4');
    });
    await expectNext(page, '确定发展对象');
    await poll(() => page.getByTestId('next-blockers').textContent()).toContain('还差4学时');
    await page.getByRole('button', { name: '追加团课' }).click();
    const training = page.getByRole('dialog', { name: '追加团课学习' });
    await recordStep(
      page,
      'training',
      '2026-07-01',
      '李老师',
      async (form) => {
        await form.locator('#hours').fill('4');
      },
      { scope: training, expectRecorded: 2 },
    );
    await poll(() => page.getByTestId('next-blockers').count()).toBe(0);
    expect(await page.getByTestId('next-earliest').textContent()).toContain('2026年9月10日');

    await recordStep(page, 'candidate', '2026-09-15', '张支书');

    await expectNext(page, '填写入团志愿书');
    await recordStep(page, 'application_form', '2026-10-08', '张支书', (form) => pickOptions(page, form, '入团介绍人', 2));

    // Branch meeting: the tally shows the missing quorum as it is typed, and the server refuses it.
    await expectNext(page, '支部团员大会表决');
    const meeting = page.getByTestId('step-form-branch_meeting');
    await fillDate(meeting, '会议日期', '2026-10-15');
    await meeting.locator('#actor').fill('张支书');
    await meeting.locator('#entitled').fill('20');
    await meeting.locator('#present').fill('8');
    await meeting.locator('#votesFor').fill('8');
    await poll(() => meeting.getByTestId('meeting-tally').textContent()).toContain('至少需到会 11 人');
    await meeting.getByRole('button', { name: /办理/ }).click();
    await poll(() => meeting.getByTestId('step-refusal').textContent()).toContain('须超过半数');
    expect(await page.getByTestId('step-branch_meeting').count()).toBe(0);
    await meeting.locator('#present').fill('15');
    await meeting.locator('#votesFor').fill('14');
    await poll(() => meeting.getByTestId('meeting-tally').textContent()).toContain('表决通过');
    await meeting.getByRole('button', { name: /办理/ }).click();
    await poll(() => page.getByTestId('step-branch_meeting').count()).toBe(1);

    // The branch cannot approve its own candidate.
    await expectNext(page, '上级团委审批');
    await poll(() => page.getByTestId('next-step').textContent()).toContain('等待上级团委审批');
    expect(await page.getByTestId('step-form-approval').count()).toBe(0);
    await endSession(page);
  });

  test('the township committee approves (after the county reviews any warning)', async () => {
    expect(caseUrl, 'the first test created the case').not.toBe('');
    let page = await newPage();
    await login(page, suite.server.url, 'baini_admin');
    await page.goto(caseUrl);
    await poll(() => page.getByTestId('case-title').textContent()).toBe(NAME);
    await expectNext(page, '上级团委审批');

    if (await page.getByTestId('case-flags').count()) {
      // A warning (突击发展 / 全员入团) waits for the county's review before approval.
      await poll(() => page.getByTestId('next-blockers').textContent()).toContain('县级团委复核');
      expect(await page.getByRole('button', { name: '复核预警' }).count()).toBe(0);
      await endSession(page);
      page = await newPage();
      await login(page, suite.server.url, 'county_admin');
      await page.goto(caseUrl);
      await page.getByRole('button', { name: '复核预警' }).click();
      const review = page.getByRole('dialog', { name: '复核预警' });
      await review.locator('#note').fill('经核实，该发展对象培养考察程序完整');
      await review.getByRole('button', { name: /提交复核意见/ }).click();
      await poll(() => page.getByTestId('case-flags').textContent()).toContain('已经县级团委复核');
      await endSession(page);
      page = await newPage();
      await login(page, suite.server.url, 'baini_admin');
      await page.goto(caseUrl);
    }

    // The quota lines are on screen for the decision.
    const quota = page.getByTestId('case-quota');
    await poll(() => quota.textContent()).toContain('共青团余庆县白泥镇委员会');
    expect(await quota.textContent()).toContain('共青团余庆县委员会');
    await poll(() => page.getByTestId('next-blockers').count()).toBe(0);
    await recordStep(page, 'approval', '2026-11-02', '王晓东');
    await poll(() => page.getByTestId('case-member-no').textContent()).toMatch(/^\d{4}52\d{6}$/); // 发展团员编号: year + province + sequence
    await endSession(page);
  });

  test('the branch records the oath and the person is a member in the registry', async () => {
    const page = await newPage();
    await login(page, suite.server.url, 'branch_secretary');
    await page.goto(caseUrl);
    await expectNext(page, '入团仪式');
    const memberNo = (await page.getByTestId('case-member-no').textContent())!;
    await recordStep(page, 'oath', '2026-11-10', '张支书');
    await poll(() => page.getByTestId('case-status').textContent()).toBe('已入团');

    // In the registry, among the members, with the member number.
    await page.getByRole('menuitem', { name: '青年团员' }).click();
    await page.waitForURL((u) => u.pathname === '/people');
    await page.locator('label.ant-radio-button-wrapper', { hasText: /^团员$/ }).click();
    await page.locator('#q').fill(NAME);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const row = page.getByTestId('people-table').locator('tbody tr', { hasText: NAME });
    await poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(memberNo);
    expect(await row.locator('.ant-tag', { hasText: /^团员$/ }).count()).toBe(1);

    await page.goto(caseUrl);
    await poll(() => page.getByTestId('step-oath').count()).toBe(1);
    await poll(() => page.getByTestId('case-status').textContent()).toBe('已入团');
    await poll(() => page.getByTestId('step-application_form').textContent()).not.toContain('加载中');
    await screenshot(page, 'development-case');
    await endSession(page);
  });
});
