import { describe, expect, test } from 'vitest';
import { idCardCheckChar } from '@tuanjian/domain';
import type { Page } from 'playwright-core';
import { browserSuite, login, poll, screenshot } from './harness';

/**
 * 数据导入 (issue 14) on a phone (375×812): a branch secretary uploads a list
 * with the national system's headers (公民身份号码, 手机号码, …); the wizard
 * shows the columns it recognized, the preview, the commit and the summary;
 * the same file again is recognized by its remembered mapping and changes
 * nothing.
 */
const suite = browserSuite('import-wizard');
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const first17 = `520329${String(2004)}0707${String(Date.now() % 400).padStart(3, '0')}`.slice(0, 17);
const id = first17 + idCardCheckChar(first17);
const csv = Buffer.from(`\ufeff序号,姓名,公民身份号码,性别,民族,政治面貌,手机号码\n1,黎明远,${id},${Number(first17[16]) % 2 ? '男' : '女'},汉,群众,13985001234\n`, 'utf8');

async function upload(page: Page) {
  await page.locator('input[type=file]').setInputFiles({ name: '智慧团建导出.csv', mimeType: 'text/csv', buffer: csv });
  await poll(() => page.getByTestId('mapping-source').isVisible()).toBe(true);
}

describe('import wizard', () => {
  test('upload → columns recognized → preview → commit → summary; the same file again changes nothing', async () => {
    const page = await suite.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await login(page, suite.server.url, 'branch_secretary');
    await page.goto(`${suite.server.url}/import`);
    await upload(page);
    await expect(page.getByTestId('mapping-source').textContent()).resolves.toContain('已按表头同义词识别列对应');
    await expect(page.getByTestId('map-2').textContent()).resolves.toContain('身份证号');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'import-wizard-mapping');
    await page.getByTestId('mapping-confirm').click();
    await poll(() => page.getByTestId('import-commit').isVisible()).toBe(true);
    await expect(page.getByTestId('import-commit').textContent()).resolves.toContain('新增1');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'import-wizard-preview');
    await page.getByTestId('import-commit').click();
    await poll(() => page.getByTestId('import-summary').textContent()).toContain('新增1条');
    await screenshot(page, 'import-wizard-summary');

    await page.getByRole('button', { name: '继续导入' }).click();
    await upload(page);
    await expect(page.getByTestId('mapping-source').textContent()).resolves.toContain('已套用上次确认的列对应');
    await page.getByTestId('mapping-confirm').click();
    await poll(() => page.getByTestId('preview-noop').isVisible()).toBe(true);
    await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(true);
  });
});
