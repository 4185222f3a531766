import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, login, poll, screenshot } from './harness';

/**
 * Issue 17's registries in the browser, lean (one server, few page loads): the
 * county admin at 1440 px opens “三新”覆盖 (figures), 荣誉记录 (tally, the import
 * dialog), 改革考核 (scores a manual indicator with an evidence note) and 限期换届
 * (the overdue demo campaign); 白泥镇's admin at 375 px sees its own scores with
 * that evidence and its own campaign target, neither page wider than the phone (every
 * menu page of a township at 375 px, “三新”覆盖 and 荣誉记录 among them, is walked by phone.test.ts).
 * Then the pages of the deputies registry and of the smaller registries, each with its demo rows.
 */

const suite = browserSuite('registries');

/** The page is no wider than its viewport (nothing scrolls sideways on a phone). */
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

const NOTE = `镇党委会议专题研究团的工作（浏览器测试 ${Date.now() % 100000}）`;

describe('registries (issue 17)', () => {
  test('the county admin: 三新 coverage, honors, a manual score with evidence, 限期换届', async () => {
    const page = await suite.newPage();
    const url = suite.server.url;
    await login(page, url, 'county_admin');

    await page.goto(`${url}/new-sector`);
    await poll(async () => parseInt((await page.getByTestId('ns-should').textContent()) ?? '', 10) || 0).toBeGreaterThan(0);
    await poll(async () => (await page.getByTestId('ns-rate').textContent()) ?? '').toMatch(/%/);
    await screenshot(page, 'registries-new-sector');

    await page.goto(`${url}/youth/honor-awards`);
    await poll(async () => (await page.getByTestId('honor-tally-national').textContent()) ?? '').toMatch(/\d+ 个集体 · \d+ 人/);
    await poll(() => page.getByTestId('honor-table').locator('tbody tr.tj-clickable-row').count()).toBeGreaterThan(0);
    await page.getByTestId('honor-import').click();
    const dialog = page.locator('.ant-modal', { hasText: '导入荣誉记录' });
    await dialog.getByRole('button', { name: '下载导入模板' }).waitFor();
    expect(await dialog.getByTestId('honor-import-upload').count()).toBe(1);
    await screenshot(page, 'registries-honors-import');
    await page.keyboard.press('Escape');
    await poll(() => dialog.isVisible()).toBe(false);

    await page.goto(`${url}/stats/assessment`);
    await page.getByLabel('考核方案').click();
    await page.locator('.ant-select-item-option', { hasText: '含定性指标' }).click();
    const manual = page.getByTestId('manual-scores');
    await poll(() => manual.locator('tbody tr').count()).toBeGreaterThan(1);
    await page.getByTestId('manual-score-add').click();
    const scoreDialog = page.locator('.ant-modal', { hasText: '人工评分' });
    await scoreDialog.getByLabel('被考核单位').click();
    await page.locator('.ant-select-item-option', { hasText: '白泥镇' }).click();
    await scoreDialog.getByLabel('指标').click();
    await page.locator('.ant-select-item-option', { hasText: '党委研究团的工作' }).click();
    await scoreDialog.getByLabel(/得分/).fill('12');
    await scoreDialog.getByLabel('佐证说明').fill(NOTE);
    await scoreDialog.getByRole('button', { name: /保\s*存/ }).click();
    await poll(async () => (await manual.textContent()) ?? '').toContain(NOTE);
    await screenshot(page, 'registries-assessment');

    await page.goto(`${url}/cadres/campaigns`);
    const targets = page.getByTestId('campaign-targets').first();
    await poll(async () => (await targets.textContent()) ?? '').toContain('逾期');
    await screenshot(page, 'registries-campaigns');
    await page.context().close();
  });

  test('白泥镇 on a phone (375 px): its own scores with the county’s evidence and its own campaign target, no sideways scrolling', async () => {
    const page = await suite.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const url = suite.server.url;
    await login(page, url, 'baini_admin');

    await page.goto(`${url}/stats/assessment`);
    await page.getByLabel('考核方案').click();
    await page.locator('.ant-select-item-option', { hasText: '含定性指标' }).click();
    const scores = page.getByTestId('scores');
    await poll(() => scores.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await scores.textContent()).toContain('白泥镇');
    await poll(async () => (await page.getByTestId('manual-scores').textContent()) ?? '').toContain(NOTE);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'registries-phone-assessment');

    await page.goto(`${url}/cadres/campaigns`);
    const targets = page.getByTestId('campaign-targets').first();
    await poll(async () => (await targets.textContent()) ?? '').toContain('白泥镇');
    expect(await targets.textContent()).not.toContain('龙家镇');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'registries-phone-campaigns');

    await page.context().close();
  });

  test('the county admin: the 团代会代表 page and the smaller registries (督导联系点, 党委研究团的工作, 青年社团, 青年发展规划, 专项计划)', async () => {
    const page = await suite.newPage();
    const url = suite.server.url;
    await login(page, url, 'county_admin');
    const rows = (testId: string) => page.getByTestId(testId).locator('tbody tr.ant-table-row').count();

    await page.goto(`${url}/cadres/deputies`);
    await poll(() => rows('dp-by-child')).toBeGreaterThan(0);
    await page.getByRole('tab', { name: '代表名册' }).click();
    await poll(() => rows('deputies-table')).toBeGreaterThan(0);
    await screenshot(page, 'registries-deputies');

    for (const [path, table] of [
      ['/daily/supervision', 'supervision-figures'],
      ['/daily/party-meetings', 'party-meeting-status'],
      ['/youth/societies', 'societies'],
      ['/youth/plan', 'plan-measures'],
      ['/youth/programs', 'program-flags'],
    ] as const) {
      await page.goto(`${url}${path}`);
      await poll(() => rows(table)).toBeGreaterThan(0);
    }
    await screenshot(page, 'registries-small-programs');
    await page.context().close();
  });
});
