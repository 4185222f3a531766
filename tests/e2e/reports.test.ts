import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, screenshot, startServer, type RunningServer } from './harness';

/**
 * 报送任务 in the browser: 白泥镇 writes the six sections of the seeded
 * half-year report and submits it (figures frozen); the county sees it
 * submitted in the task's progress and returns it with a reason, which
 * 白泥镇 then reads. Then the county's assessment ranking.
 */

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 200 });

let server: RunningServer;
let browser: Browser;
let current: Page | null = null;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && current && !current.isClosed()) await screenshot(current, 'reports-failure');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  current = page;
  await login(page, server.url, username);
  return page;
}

const SECTIONS = ['工作开展情况', '特色经验做法', '存在现实问题', '下步工作打算', '薄弱工作环节', '难点敏感数字'];

describe('报送任务', () => {
  test('白泥镇 fills and submits; the county sees it submitted and returns it with a reason', async () => {
    const baini = await newPage('baini_admin');
    await baini.goto(`${server.url}/stats/reports`);
    const row = baini.locator('tr', { hasText: '半年共青团工作总结' });
    await row.getByRole('button', { name: /填\s*报/ }).click();
    const drawer = baini.locator('.ant-drawer-open .ant-drawer-section', { hasText: '报告' });
    await drawer.getByTestId('report-figures').waitFor();
    await poll(async () => (await drawer.getByTestId('submit-problems').textContent()) ?? '').toContain('「工作开展情况」尚未填写');
    for (const title of SECTIONS) await drawer.getByLabel(title, { exact: true }).fill(`${title}：白泥镇团委本期按计划推进，各村团支部工作有序开展。`);
    await poll(() => drawer.getByTestId('submit-problems').count()).toBe(0);
    await drawer.getByRole('button', { name: /报\s*送/ }).click();
    await baini.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await poll(() => drawer.getByTestId('report-status').textContent()).toBe('已报送');
    await drawer.getByText('报送时取数，已冻结').waitFor();
    await screenshot(baini, 'reports-baini-submitted');
    await baini.context().close();

    const county = await newPage('county_admin');
    await county.goto(`${server.url}/stats/reports`);
    await county.locator('tr', { hasText: '半年共青团工作总结' }).getByRole('button', { name: '查看进度' }).click();
    const progress = county.locator('.ant-drawer-open .ant-drawer-section', { hasText: '报送进度' });
    const bainiRow = progress.getByTestId('submissions').locator('tr', { hasText: '白泥镇' });
    await poll(async () => (await bainiRow.textContent()) ?? '').toContain('已报送');
    await screenshot(county, 'reports-county-progress');
    await bainiRow.getByRole('button', { name: /审\s*阅/ }).click();
    const report = county.locator('.ant-drawer-open .ant-drawer-section', { hasText: '退回修改' });
    await poll(async () => (await report.getByTestId('report-texts').textContent()) ?? '').toContain('白泥镇团委本期按计划推进');
    await report.getByRole('button', { name: '退回修改' }).click();
    const modal = county.locator('.ant-modal', { hasText: '退回' });
    await modal.getByRole('button', { name: /退\s*回/ }).click();
    await modal.getByText('请填写退回原因').waitFor();
    await modal.getByLabel('退回原因').fill('请补充“三新”领域建团的具体数据和典型事例。');
    await modal.getByRole('button', { name: /退\s*回/ }).click();
    await poll(() => report.getByTestId('report-status').textContent()).toBe('已退回');
    await poll(async () => (await report.getByTestId('return-reason').textContent()) ?? '').toContain('请补充“三新”领域建团');
    await county.keyboard.press('Escape');
    await poll(() => bainiRow.textContent()).toContain('已退回');
    await county.waitForTimeout(600); // the report drawer's closing animation
    await screenshot(county, 'reports-county-returned');
    await county.context().close();

    const again = await newPage('baini_admin');
    await again.goto(`${server.url}/stats/reports`);
    await again.locator('tr', { hasText: '半年共青团工作总结' }).getByRole('button', { name: /填\s*报/ }).click();
    await poll(async () => (await again.getByTestId('return-reason').textContent()) ?? '').toContain('请补充“三新”领域建团');
    await again.context().close();
  });

  test('the county sees the compiled document and the assessment ranking', async () => {
    const county = await newPage('county_admin');
    await county.goto(`${server.url}/stats/reports`);
    await county.locator('tr', { hasText: '半年共青团工作总结' }).getByRole('button', { name: '查看进度' }).click();
    await county.getByRole('button', { name: '汇编预览' }).click();
    const compiled = county.getByTestId('compiled');
    await poll(async () => (await compiled.textContent()) ?? '').toContain('合计');
    await poll(async () => (await compiled.textContent()) ?? '').toContain('一、工作开展情况');
    await screenshot(county, 'reports-compiled');
    await county.goto(`${server.url}/stats/assessment`);
    const scores = county.getByTestId('scores');
    await scores.locator('tbody tr').first().waitFor();
    await poll(() => scores.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(3);
    await scores.locator('tbody tr.ant-table-row').first().locator('.ant-table-row-expand-icon').click();
    await poll(async () => (await scores.textContent()) ?? '').toContain('计算口径');
    await screenshot(county, 'reports-assessment');
    await county.context().close();
  });
});
