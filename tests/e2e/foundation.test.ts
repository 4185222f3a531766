import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, logout, screenshot, startServer, type RunningServer } from './harness';

/**
 * The foundation in the browser: a township admin creates a branch, sees it in
 * the tree and in the counts on the home page; another township's admin can
 * neither find nor open it.
 */

const TOWNSHIP = '共青团余庆县白泥镇委员会';
const BRANCH = '白泥镇测试科技有限公司团支部';

/** Waits (up to 15 s) until the value read from the page matches. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 200 });

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** The number in the 组织总数 card of the home page. */
async function readTotal(page: Page): Promise<number> {
  const text = await page.getByTestId('stat-total').locator('.ant-statistic-content-value').textContent();
  return Number(text?.replace(/[^\d]/g, '') || NaN);
}

/** Opens the home page and waits for the overview of `orgName`. */
async function openHome(page: Page, orgName: string, via: 'url' | 'menu') {
  if (via === 'menu') await page.getByRole('menuitem', { name: '首页' }).click();
  else await page.goto(`${server.url}/`);
  await page.waitForURL((u) => u.pathname === '/');
  await poll(() => page.getByTestId('overview-org').textContent()).toBe(orgName);
}

describe('foundation: organizations in the browser', () => {
  let newId = 0;

  test('a township admin creates a branch and sees it in the tree and the counts', async () => {
    const page = await newPage();
    await login(page, server.url, 'baini_admin');
    await openHome(page, TOWNSHIP, 'url');
    const before = await readTotal(page);
    expect(before).toBeGreaterThan(0);

    await page.getByRole('menuitem', { name: '组织管理' }).click();
    const tree = page.getByTestId('org-tree');
    await tree.getByText(TOWNSHIP, { exact: true }).click();
    await poll(() => page.getByTestId('org-title').textContent()).toBe(TOWNSHIP);

    await page.getByRole('button', { name: /新建下级组织/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('组织名称').fill(BRANCH);
    await poll(() => dialog.locator('.ant-form-item', { hasText: '组织类型' }).locator('.ant-select').textContent()).toContain('团支部');
    await dialog.locator('.ant-form-item', { hasText: '所属领域' }).locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '非公企业' }).click();
    await dialog.getByRole('button', { name: /新\s*建/ }).click();

    // The new organization is opened, selected in the tree, and shown under its parent.
    await page.waitForURL((u) => /^\/orgs\/\d+$/.test(u.pathname) && u.pathname !== '/orgs/2');
    newId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(newId).toBeGreaterThan(0);
    await poll(() => page.getByTestId('org-title').textContent()).toBe(BRANCH);
    const selected = tree.locator('.ant-tree-treenode-selected');
    await poll(() => selected.textContent()).toContain(BRANCH);
    expect(await selected.locator(`[data-org-id="${newId}"]`).count()).toBe(1);
    expect(await page.locator('.ant-breadcrumb').textContent()).toContain(TOWNSHIP);

    // The home page of the township counts it (reached in the app: cached counts must have been refreshed).
    await openHome(page, TOWNSHIP, 'menu');
    await poll(() => readTotal(page)).toBe(before + 1);
    await screenshot(page, 'home');

    await logout(page);
  });

  test("another township's admin can neither find nor open it", async () => {
    expect(newId, 'the first test created the branch').toBeGreaterThan(0);
    const page = await newPage();
    await login(page, server.url, 'longxi_admin');

    await page.goto(`${server.url}/orgs`);
    await page.getByPlaceholder('按名称查找组织').fill(BRANCH);
    await page.getByPlaceholder('按名称查找组织').press('Enter');
    const results = page.getByTestId('org-search-results');
    await poll(() => results.textContent()).toContain('找到 0 个组织');
    expect(await results.locator('.ant-list-item').count()).toBe(0);
    expect(await page.getByTestId('org-tree').count()).toBe(0); // the results replace the tree

    await page.goto(`${server.url}/orgs/${newId}`);
    await poll(() => page.locator('.ant-result').textContent()).toContain('不存在或不在您的管理范围内');
    expect(await page.getByTestId('org-title').count()).toBe(0);
    await screenshot(page, 'out-of-scope');
    await page.context().close();
  });
});
