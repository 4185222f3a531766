import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, login, poll, screenshot, searchIn, openMenuPage } from './harness';

/**
 * 日常工作 in the browser: the demo branch secretary records a dues payment
 * for a member of the branch for this month and sees it on the ledger; the
 * same payment recorded again is refused with the server's message. The
 * 白泥镇 township admin opens 数据质量 and sees the counts and the list
 * behind one of them, then the other daily-work pages (screenshots of each),
 * and declines a member's 信息更正申请 opened by its inbox link, at 375 px.
 */


const suite = browserSuite('daily-work');
const { newPage } = suite;

const openDaily = (page: Page, label: string, path: string) => openMenuPage(page, '日常工作', label, path);

const rowWith = (table: Locator, ...texts: string[]) => texts.reduce((rows, t) => rows.filter({ hasText: t }), table.locator('.ant-table-tbody tr.ant-table-row'));

describe('daily work: dues ledger and data quality in the browser', () => {
  test('the branch secretary records a payment on the ledger; recording it twice is refused with the server’s message', async () => {
    const page = await newPage();
    await login(page, suite.server.url, 'branch_secretary');
    await openDaily(page, '团费收缴', '/daily/dues');

    // The branch's ledger of this month: pick a member who has not paid yet.
    const ledger = page.getByTestId('dues-ledger');
    const unpaid = rowWith(ledger, '未交');
    await poll(() => unpaid.count()).toBeGreaterThan(0);
    const unpaidBefore = Number(((await page.getByTestId('ledger-unpaid').textContent()) ?? '').replace(/\D/g, ''));
    const row = unpaid.first();
    const name = ((await row.locator('td').nth(1).textContent()) ?? '').trim();
    const memberNo = ((await row.locator('td').nth(2).textContent()) ?? '').trim();
    expect(name.length).toBeGreaterThanOrEqual(2);
    const due = ((await row.locator('td').nth(5).textContent()) ?? '').trim();
    expect(due).toMatch(/^\d+\.\d{2}$/);

    await row.getByTestId('pay-row').click();
    const dialog = page.getByRole('dialog', { name: '登记团费' });
    await dialog.getByText(`每月应交 ${due} 元`).waitFor();
    await dialog.getByRole('button', { name: /^登\s*记$/ }).click();
    await poll(() => dialog.count()).toBe(0);

    // On the ledger: paid, the standard amount, today; one fewer unpaid.
    const key = /\d/.test(memberNo) ? memberNo : name;
    const paid = rowWith(ledger, name, key);
    await poll(() => paid.locator('[data-testid=dues-status]').textContent()).toBe('已交');
    expect(await paid.textContent()).toContain(`${due} 元`);
    expect(await paid.textContent()).toContain('现金');
    await poll(async () => Number(((await page.getByTestId('ledger-unpaid').textContent()) ?? '').replace(/\D/g, ''))).toBe(unpaidBefore - 1);

    // The same member and month again: the server refuses, and its message stays in the dialog.
    await page.getByRole('button', { name: '登记团费' }).click();
    await searchIn(dialog.getByTestId('pay-member'), name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: key }).first().click();
    await dialog.getByRole('button', { name: /^登\s*记$/ }).click();
    const refusal = dialog.getByTestId('refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`${name}`);
    expect(await refusal.textContent()).toContain('已登记，不能重复登记');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await poll(() => dialog.count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'daily-dues');
    await page.context().close();
  });

  test('白泥镇 opens 数据质量: counts per check, the list behind one of them with links to fix it; the other pages', async () => {
    const page = await newPage();
    await login(page, suite.server.url, 'baini_admin');
    await openDaily(page, '数据质量', '/daily/quality');

    // Six checks, each with a count; the list holds as many items as the counts add up to.
    const counts = page.getByTestId('quality-count');
    await poll(() => counts.count()).toBe(6);
    const values = (await counts.allTextContents()).map((t) => Number(t.trim()));
    const total = values.reduce((s, v) => s + v, 0);
    expect(total).toBeGreaterThan(0);
    await poll(() => page.locator('[data-testid=quality-items] .ant-pagination-total-text').textContent()).toBe(`共 ${total} 项`);

    // One check with items: the list narrows to it, says how to fix them, and links to the record.
    const checks = ['member_fields', 'branch_too_small', 'org_name', 'no_secretary', 'two_places', 'branch_too_large'];
    let chosen = '';
    for (const c of checks) {
      const n = Number(((await page.getByTestId(`quality-${c}`).getByTestId('quality-count').textContent()) ?? '0').trim());
      if (n > 0) {
        chosen = c;
        await page.getByTestId(`quality-${c}`).click();
        await poll(() => page.locator('[data-testid=quality-items] .ant-pagination-total-text').textContent()).toBe(`共 ${n} 项`);
        break;
      }
    }
    expect(chosen).not.toBe('');
    await page.waitForURL((u) => u.searchParams.get('check') === chosen);
    await page.getByTestId('quality-hint').waitFor();
    const link = page.locator('[data-testid=quality-items] .ant-table-tbody tr.ant-table-row').first().locator('a').first();
    expect(await link.getAttribute('href')).toMatch(/^\/(orgs\/\d+|people\?person=\d+|cadres\/(elections|list)\?org=\d+|member-accounts|youth\/volunteers)/);
    await screenshot(page, 'daily-quality');

    // The other pages of the group open with their figures (screenshots for the record).
    await openDaily(page, '对标定级', '/daily/ratings');
    await page.getByTestId('star-entries').locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'daily-ratings');
    await openDaily(page, '学社衔接', '/daily/graduates');
    await page.getByTestId('grad-total').waitFor();
    await screenshot(page, 'daily-graduates');

    // 信息更正: the seeded request, opened by the inbox's link (?correction=), declined with a reason; usable at 375 px.
    await openDaily(page, '信息更正', '/daily/corrections');
    const request = page.locator('[data-testid=corrections] [data-testid^=correction-]').filter({ hasText: '大学本科' }).first();
    const id = ((await request.getAttribute('data-testid')) ?? '').replace('correction-', '');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${suite.server.url}/daily/corrections?correction=${id}`);
    const dialog = page.getByRole('dialog', { name: '信息更正申请' });
    await dialog.getByTestId('correction-detail').getByText('已取得本科毕业证书').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await poll(async () => (await dialog.getByTestId('correction-current').textContent())?.trim()).toMatch(/^[\u4e00-\u9fa5]/);
    await screenshot(page, 'daily-corrections-phone');
    await dialog.getByText('不予更正', { exact: true }).click();
    await dialog.getByLabel('不予更正的原因').fill('请携带毕业证书到团支部核实');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await poll(() => dialog.count()).toBe(0);
    await poll(() => page.getByTestId(`correction-${id}`).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('correction')).toBeNull();
    await page.getByText('不予更正', { exact: true }).click();
    await page.getByTestId(`correction-${id}`).getByText('不予更正').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'daily-corrections-phone-list');
    await page.context().close();
  });
});
