import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, login, endSession, poll, screenshot, searchIn, openMenuPage } from './harness';

/**
 * 团员管理 in the browser, end to end: 白泥镇 transfers a member to a branch of
 * 龙溪镇 found through the organization directory; 龙溪镇 accepts it in 转入 and
 * finds the member in its registration list (and the transfer in the growth
 * record); 龙溪镇 asks for a 白泥镇 member by ID number and nothing moves until
 * 白泥镇 agrees; 白泥镇 then registers two members for this year in one batch
 * and the progress figures move by two.
 */


const suite = browserSuite('membership');
const { newPage } = suite;

const openMembership = (page: Page, label: string, path: string) => openMenuPage(page, '团员管理', label, path);

const visibleOptions = (page: Page) => page.locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-disabled)');

/** A figure on the page by its test id (a Statistic's title has no digits), as a number. */
async function figure(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).textContent();
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

/** The table row that holds all these texts. */
const rowWith = (table: Locator, ...texts: string[]) => texts.reduce((rows, t) => rows.filter({ hasText: t }), table.locator('.ant-table-tbody tr.ant-table-row'));

describe('membership: transfer, acceptance and registration in the browser', () => {
  let personName = '';
  let masked = '';
  let branchName = '';
  let requested = false;

  test('白泥镇 transfers a member out to a 龙溪镇 branch found through the directory search', async () => {
    const page = await newPage();
    await login(page, suite.server.url, 'baini_admin');
    await openMembership(page, '组织关系转接', '/membership/transfers');

    await page.getByRole('button', { name: '发起转出' }).click();
    const dialog = page.getByRole('dialog', { name: '发起转出' });

    // The member: the first one that can be transferred (those with a transfer under way are greyed).
    await dialog.getByTestId('member-select').click();
    const member = visibleOptions(page).first();
    await member.waitFor();
    personName = ((await member.getByTestId('member-option-name').textContent()) ?? '').trim();
    expect(personName.length).toBeGreaterThanOrEqual(2);
    await member.click();

    // The receiving branch: searched by name among all active organizations.
    await searchIn(dialog.getByTestId('directory-select'), '龙溪镇');
    const branch = visibleOptions(page).filter({ hasText: /上级：\S*龙溪镇/ }).first();
    await branch.waitFor();
    branchName = ((await branch.locator('[data-testid=directory-option] > span').last().textContent()) ?? '').trim();
    expect(branchName).toMatch(/^龙溪镇.+团支部$/);
    await branch.click();
    // The township committee itself is listed but cannot receive members.
    await searchIn(dialog.getByTestId('directory-select'), '龙溪镇委员会');
    await poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option-disabled').filter({ hasText: '共青团余庆县龙溪镇委员会' }).count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await searchIn(dialog.getByTestId('directory-select'), branchName);
    await visibleOptions(page).filter({ hasText: branchName }).first().click();

    await dialog.locator('#reason').fill('外出务工，到龙溪镇就业');
    expect(await dialog.getByTestId('problems').count()).toBe(0);
    await dialog.getByRole('button', { name: '发起转出' }).click();
    await poll(() => dialog.count()).toBe(0);

    // It is listed under 转出 as pending; the sender may withdraw it but not accept it.
    await page.waitForURL((u) => u.searchParams.get('tab') === 'out');
    const table = page.getByTestId('transfers-table');
    const row = rowWith(table, personName, '待接收');
    await poll(() => row.count()).toBe(1);
    masked = ((await row.locator('td').first().locator('.ant-typography').textContent()) ?? '').trim();
    expect(masked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(await row.getByRole('button', { name: '撤回' }).count()).toBe(1);
    expect(await row.getByRole('button', { name: '接收' }).count()).toBe(0);
    requested = true;

    // A second request for the same member is refused with the server's message, kept in the dialog.
    await page.getByRole('button', { name: '发起转出' }).click();
    await searchIn(dialog.getByTestId('member-select'), personName);
    await poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option-disabled').filter({ hasText: '转接办理中' }).count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await endSession(page);
  });

  test('龙溪镇 accepts it in 转入; the member is then in 龙溪镇’s registration list with the transfer in the growth record', async () => {
    expect(requested, 'the transfer was not requested').toBe(true);
    const page = await newPage();
    await login(page, suite.server.url, 'longxi_admin');
    await openMembership(page, '组织关系转接', '/membership/transfers');

    // 转入 is the default tab; the request is there with the actions of the receiving side.
    const table = page.getByTestId('transfers-table');
    const pending = rowWith(table, personName, masked, '待接收');
    await poll(() => pending.count()).toBe(1);
    expect(await pending.textContent()).toContain(branchName);
    await pending.getByRole('button', { name: '接收' }).click();
    const dialog = page.getByRole('dialog', { name: `接收转入：${personName}` });
    await dialog.getByRole('button', { name: '确认接收' }).click();
    await poll(() => dialog.count()).toBe(0);
    await poll(() => rowWith(table, personName, masked, '已转入').count()).toBe(1);
    expect(await pending.count()).toBe(0);

    // 团籍注册 of 龙溪镇: the member is now on its list, in the branch chosen.
    await openMembership(page, '团籍注册', '/membership/registrations');
    await page.getByPlaceholder('姓名').fill(personName);
    await page.getByPlaceholder('姓名').press('Enter');
    const registrations = page.getByTestId('registrations-table');
    const mine = rowWith(registrations, personName, masked);
    await poll(() => mine.count()).toBe(1);
    expect(await mine.textContent()).toContain(branchName);

    // The growth record opens from the name and shows the accepted transfer.
    await mine.getByRole('button', { name: personName }).click();
    const timeline = page.getByTestId('growth-timeline');
    await poll(() => timeline.getByTestId('growth-event').filter({ hasText: '组织关系转接（已转入）' }).count()).toBe(1);
    expect(await timeline.getByTestId('growth-event').filter({ hasText: '加入中国共产主义青年团' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await endSession(page);
  });

  test('龙溪镇 asks for a 白泥镇 member by ID number: nothing moves until 白泥镇 agrees (同意转出)', async () => {
    // 白泥镇's own view: a member without a transfer under way, and the full ID number (an audited reveal).
    const page = await newPage();
    await login(page, suite.server.url, 'baini_admin');
    const api = async <T,>(path: string): Promise<T> => (await (await page.request.get(`${suite.server.url}${path}`)).json()) as T;
    const busy = new Set((await api<{ items: { personId: number | null }[] }>('/api/membership/transfers?status=pending&pageSize=500')).items.map((t) => t.personId));
    const people = await api<{ items: { id: number; name: string }[] }>('/api/people?memberStatus=active&pageSize=50');
    const member = people.items.find((p) => !busy.has(p.id) && p.name !== personName)!;
    const { idNumber } = await api<{ idNumber: string }>(`/api/people/${member.id}/id-number`);
    const target = (await api<{ id: number; name: string }[]>(`/api/membership/org-directory?q=${encodeURIComponent(branchName)}`)).find((o) => o.name === branchName)!;
    await endSession(page);

    const longxi = await newPage();
    await login(longxi, suite.server.url, 'longxi_admin');
    await longxi.goto(`${suite.server.url}/membership/transfers?org=${target.id}`);
    await longxi.getByRole('button', { name: '申请转入' }).click();
    const dialog = longxi.getByRole('dialog', { name: '申请转入' });
    expect(await dialog.textContent()).toContain('转入申请须经转出组织同意');
    await dialog.getByLabel('身份证号').fill(idNumber);
    await dialog.getByLabel('姓名').fill(member.name);
    await dialog.getByLabel('转接原因').fill('已在本镇就业，申请转入');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    const sent = longxi.getByRole('dialog', { name: '转入申请已发出' });
    await poll(() => sent.count()).toBe(1);
    expect(await sent.textContent()).toContain('等待转出组织答复');
    await sent.getByRole('button', { name: '知道了' }).click();
    const table = longxi.getByTestId('transfers-table');
    const waiting = rowWith(table, member.name, '待转出组织同意');
    await poll(() => waiting.count()).toBe(1);
    expect(await waiting.getByRole('button', { name: '接收' }).count()).toBe(0);
    expect(await waiting.textContent()).toContain('等待转出组织答复');
    expect(await waiting.textContent()).toContain('（其他组织）');
    await endSession(longxi);

    // 白泥镇 finds it under 转出 and agrees; then the member is 龙溪镇's.
    const baini = await newPage();
    await login(baini, suite.server.url, 'baini_admin');
    await openMembership(baini, '组织关系转接', '/membership/transfers');
    await baini.getByRole('tab', { name: /转出/ }).click();
    const asked = rowWith(baini.getByTestId('transfers-table'), member.name, '待转出组织同意');
    await poll(() => asked.count()).toBe(1);
    await asked.getByRole('button', { name: '同意转出' }).click();
    const agree = baini.getByRole('dialog', { name: `同意转出：${member.name}` });
    await agree.getByRole('button', { name: '确认同意转出' }).click();
    await poll(() => agree.count()).toBe(0);
    await poll(() => rowWith(baini.getByTestId('transfers-table'), member.name, '已转入').count()).toBe(1);
    await endSession(baini);
  });

  test('白泥镇 registers two members for this year in one batch and the progress moves', async () => {
    const page = await newPage();
    await login(page, suite.server.url, 'baini_admin');
    await openMembership(page, '团籍注册', '/membership/registrations');
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    await poll(() => page.getByTestId('year-select').textContent()).toContain(`${year}年度`);

    await poll(() => figure(page, 'progress-total')).toBeGreaterThan(0);
    const registered = await figure(page, 'progress-registered');
    const unregistered = await figure(page, 'progress-unregistered');
    expect(unregistered).toBeGreaterThanOrEqual(2);

    // Only the members not yet registered, then the first two of them.
    await page.locator('.ant-segmented-item').filter({ hasText: `未注册 ${unregistered}` }).click();
    const table = page.getByTestId('registrations-table');
    const rows = table.locator('.ant-table-tbody tr.ant-table-row');
    await poll(() => rows.count()).toBe(Math.min(unregistered, 20));
    const names: string[] = [];
    for (let i = 0; i < 2; i++) {
      names.push(((await rows.nth(i).locator('td').nth(1).textContent()) ?? '').trim());
      await rows.nth(i).locator('.ant-checkbox-input').check();
    }
    const bar = page.getByTestId('batch-bar');
    await poll(() => bar.textContent()).toContain('已选 2 人');
    await bar.getByRole('button', { name: /^注\s*册$/ }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`${year}年度团籍注册：注册（2人）`) });
    expect(await dialog.textContent()).toContain(names.join('、'));
    await dialog.getByRole('button', { name: '确认注册' }).click();
    await poll(() => dialog.count()).toBe(0);

    // The progress figures move by two, and the two are no longer 未注册.
    await poll(() => figure(page, 'progress-registered')).toBe(registered + 2);
    expect(await figure(page, 'progress-unregistered')).toBe(unregistered - 2);
    await poll(() => page.locator('.ant-segmented-item').filter({ hasText: `未注册 ${unregistered - 2}` }).count()).toBe(1);
    for (const name of names) await poll(() => rowWith(table, name).count()).toBe(0);

    await page.locator('.ant-segmented-item').filter({ hasText: '已注册' }).click();
    await page.getByPlaceholder('姓名').fill(names[0]!);
    await page.getByPlaceholder('姓名').press('Enter');
    await poll(() => rowWith(table, names[0]!, '已注册').count()).toBeGreaterThanOrEqual(1);
    await page.getByPlaceholder('姓名').fill('');
    await page.getByPlaceholder('姓名').press('Enter');
    await page.locator('.ant-segmented-item').filter({ hasText: /^全部/ }).click();
    await poll(() => rows.count()).toBe(20);
    await screenshot(page, 'membership');
    await endSession(page);
  });
});
