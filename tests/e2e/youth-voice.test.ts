import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, login, poll, screenshot, openMenuPage } from './harness';

/**
 * 青年之声 end to end: on a phone-sized screen, a young person without an
 * account reaches 青年之声 from the login page, sends a need to 白泥镇 and gets
 * a lookup code; the 白泥镇 township admin finds it on 青年之声 by the code,
 * assigns, answers and closes it; the young person looks the answer up with
 * the code and the phone number and rates it. Then each 青年工作 page is shot
 * as the county admin sees it.
 */

const PHONE = { width: 375, height: 812 };
const ASKER_PHONE = '13912345678';
const TITLE = '想参加电商直播技能培训';
const ANSWER = '镇团委将于下月举办青年电商直播培训班，请留意通知并报名参加。';

const suite = browserSuite('youth-voice');
const newPage = (viewport = { width: 1440, height: 900 }) => suite.newPage({ viewport, timezoneId: 'Asia/Shanghai' });

/** True when the page is no wider than the viewport (no horizontal scroll). */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const visibleOptions = (page: Page) => page.locator('.ant-select-dropdown:visible .ant-select-item-option');

const openYouth = (page: Page, label: string, path: string) => openMenuPage(page, '青年工作', label, path);

describe('青年之声: a young person asks, the township answers, the young person rates', () => {
  let code = '';

  test('an anonymous young person submits a need to 白泥镇 on a phone and gets a lookup code', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${suite.server.url}/login`);
    await page.getByRole('link', { name: '青年之声' }).click();
    await page.waitForURL((u) => u.pathname === '/youth-voice');

    await page.getByLabel('所在乡镇（街道）或团组织').click();
    await page.getByLabel('所在乡镇（街道）或团组织').fill('白泥镇');
    await visibleOptions(page).filter({ hasText: '共青团余庆县白泥镇委员会' }).first().click();
    await page.getByLabel('诉求类别').click();
    await visibleOptions(page).filter({ hasText: /^就业$/ }).click();
    await page.getByLabel('标题').fill(TITLE);
    await page.getByLabel('具体内容').fill('我在村里开网店卖土特产，想学直播带货，镇上有没有相关培训？');
    await page.getByLabel('姓名').fill('罗小青');
    await page.getByLabel('手机号码').fill(ASKER_PHONE);
    expect(await fitsWidth(page)).toBe(true);
    await page.getByRole('button', { name: /提\s*交/ }).click();

    const shown = page.getByTestId('tracking-code');
    await shown.waitFor();
    code = ((await shown.textContent()) ?? '').trim();
    expect(code).toMatch(/^QS\d{6}[2-9A-HJ-NP-Z]{6}$/);
    await poll(() => page.locator('.ant-result-subtitle').textContent()).toContain('共青团余庆县白泥镇委员会');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'youth-voice-submitted-375');
    await page.context().close();
  });

  test('the 白泥镇 admin finds it on 青年之声, assigns, answers and closes it', async () => {
    expect(code).not.toBe('');
    const page = await newPage();
    await login(page, suite.server.url, 'baini_admin');
    await openYouth(page, '青年之声', '/youth/appeals');

    const search = page.getByPlaceholder('标题、查询码或姓名');
    await search.fill(code);
    await search.press('Enter');
    const row = page.getByTestId('appeals-table').locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: TITLE });
    await poll(() => row.count()).toBe(1);
    await expect(row.textContent()).resolves.toContain('待受理');
    await row.click();

    const drawer = page.locator('.ant-drawer-content-wrapper');
    await drawer.getByText(code).first().waitFor();
    await drawer.getByRole('button', { name: '分派承办人' }).click();
    const assign = page.getByRole('dialog', { name: /分派承办人/ });
    await assign.getByLabel('承办人').fill('李青');
    await assign.getByRole('button', { name: '分派承办人' }).click();
    await assign.waitFor({ state: 'detached' });

    await drawer.getByRole('button', { name: /^答\s*复$/ }).click();
    const answer = page.getByRole('dialog', { name: /答复/ });
    await answer.getByLabel('答复内容').fill(ANSWER);
    await answer.getByRole('button', { name: /^答\s*复$/ }).click();
    await answer.waitFor({ state: 'detached' });
    await poll(() => drawer.getByTestId('appeal-answer').textContent()).toContain(ANSWER);

    await drawer.getByRole('button', { name: /^办\s*结$/ }).click();
    const close = page.getByRole('dialog', { name: /办结/ });
    await close.getByRole('button', { name: /^办\s*结$/ }).click();
    await close.waitFor({ state: 'detached' });
    await poll(() => drawer.getByTestId('appeal-next').textContent()).toBe('已办结');
    await poll(() => row.textContent()).toContain('已办结');
    await screenshot(page, 'youth-voice-handled');
    await page.context().close();
  });

  test('the young person looks the answer up on the phone and rates it', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${suite.server.url}/youth-voice`);
    await page.getByText('查询答复', { exact: true }).click();
    await page.getByLabel('查询码').fill(code.toLowerCase());
    await page.getByLabel('提交时的手机号码').fill(ASKER_PHONE);
    await page.getByRole('button', { name: /查\s*询/ }).click();

    await poll(() => page.getByTestId('public-answer').textContent()).toContain(ANSWER);
    await page.locator('.ant-rate').getByRole('radio').nth(4).click();
    await page.getByPlaceholder('评价意见（可不填）').fill('答复及时，谢谢团委！');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByTestId('public-rating').waitFor();
    await expect(page.getByTestId('public-rating').textContent()).resolves.toContain('非常满意');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'youth-voice-rated-375');
    await page.context().close();
  });
});

describe('青年工作 pages as the county admin sees them', () => {
  test('志愿服务, 青年大学习, 帮扶项目, 评优表彰 and 青年之声 show their figures and lists', async () => {
    const page = await newPage();
    await login(page, suite.server.url, 'county_admin');
    const pages: [string, string, string][] = [
      ['志愿服务', '/youth/volunteers', '注册志愿者'],
      ['青年大学习', '/youth/study', '期次与导入'],
      ['帮扶项目', '/youth/aid', '募集资金'],
      ['评优表彰', '/youth/honors', '年度评选'],
      ['青年之声', '/youth/appeals', '诉求清单'],
    ];
    for (const [label, path, marker] of pages) {
      await openYouth(page, label, path);
      await page.getByText(marker).first().waitFor();
      await poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBeGreaterThan(0);
      await page.waitForTimeout(500); // the page's entrance animation
      await screenshot(page, `youth-${path.split('/').pop()}`);
    }
    // The volunteers' share aged 35 and under, as the seeds report it.
    await openYouth(page, '志愿服务', '/youth/volunteers');
    await poll(() => page.getByTestId('volunteer-share').textContent()).toMatch(/其中35岁及以下 \d+ 人，占 \d+(\.\d)?%/);
    await page.context().close();
  });
});
