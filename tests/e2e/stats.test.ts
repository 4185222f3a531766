import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, login, poll, screenshot, openMenuPage } from './harness';

/**
 * 统计报表 in the browser: the county admin opens 统计表, switches to the
 * members table, exports it to Excel, looks at the print view (the PDF), drills
 * into a township; then opens 台账 → 工作台账 and one ledger, and exports it.
 */


const suite = browserSuite('stats');
const newPage = () => suite.newPage({ acceptDownloads: true });

const openStats = (page: Page, label: string, path: string) => openMenuPage(page, '统计报表', label, path);

describe('统计表 and 台账', () => {
  test('county_admin switches tables, exports Excel, prints, drills down, and opens a work ledger', async () => {
    const page = await newPage();
    await login(page, suite.server.url, 'county_admin');

    // 统计表: the organizations table of the county, children as rows and a total row.
    await openStats(page, '统计表', '/stats/tables');
    const table = page.getByTestId('form-table');
    await table.waitFor({ state: 'visible' });
    await poll(() => page.getByTestId('form-total').textContent()).toContain('合计');
    await poll(() => page.getByTestId('form-row').count()).toBeGreaterThan(5);
    await poll(() => table.locator('thead').textContent()).toContain('按组织类型分');

    // Switch to 团员和青年情况: merged headers with the units.
    await page.getByText('团员和青年情况', { exact: true }).click();
    await poll(() => new URL(page.url()).searchParams.get('table')).toBe('members');
    await poll(() => table.locator('thead').textContent()).toContain('团青比例（%）');
    await poll(() => table.locator('thead').textContent()).toContain('团员年龄（按出生年份）');
    await screenshot(page, 'stats-tables');

    // Excel export: a download named after the table.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-excel').click()]);
    expect(download.suggestedFilename()).toContain('团员和青年情况统计表');
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    // The print view (PDF through the browser's “save as PDF”): title shown, menus and buttons hidden.
    await page.emulateMedia({ media: 'print' });
    await page.getByTestId('print-title').waitFor({ state: 'visible' });
    await poll(async () => (await page.getByTestId('print-title').textContent())?.trim()).toBe('团员和青年情况统计表');
    await poll(() => page.getByTestId('export-excel').isVisible()).toBe(false);
    await poll(() => page.locator('.ant-layout-sider').isVisible()).toBe(false);
    await screenshot(page, 'stats-tables-print');
    await page.emulateMedia({ media: 'screen' });
    await poll(() => page.getByTestId('print-title').isVisible()).toBe(false);

    // Drill down: a township's row re-roots the table on it.
    // On screen the row shows the 简称, its full name as the label (and on hover).
    await table.getByLabel('共青团余庆县白泥镇委员会', { exact: true }).click();
    await poll(() => new URL(page.url()).searchParams.get('org')).not.toBeNull();
    await page.getByText('填报单位：共青团余庆县白泥镇委员会').waitFor({ state: 'visible' });
    await poll(() => page.getByTestId('form-row').count()).toBeGreaterThan(3);

    // 趋势与对比
    await openStats(page, '趋势与对比', '/stats/trends');
    await page.getByTestId('trend-table').waitFor({ state: 'visible' });
    await page.getByTestId('ranking').waitFor({ state: 'visible' });
    await screenshot(page, 'stats-trends');

    // 台账: 工作台账 and one of its ledgers.
    await openStats(page, '工作台账', '/stats/ledgers');
    await page.getByRole('tab', { name: /工作台账/ }).click();
    await page.getByText('团费收缴台账', { exact: true }).click();
    await poll(async () => (await page.getByTestId('ledger-title').textContent())?.trim()).toBe('团费收缴台账');
    const ledger = page.getByTestId('ledger-table');
    await poll(() => ledger.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await poll(() => ledger.locator('thead').textContent()).toContain('金额（元）');
    await screenshot(page, 'stats-ledgers');
    const [ledgerFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ledger').click()]);
    expect(ledgerFile.suggestedFilename()).toContain('团费收缴台账');
  });
});
