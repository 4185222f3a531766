import { menuFor, type MenuEntry, type SessionAccount } from '@tuanjian/domain';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, login, poll, screenshot, SERVERS } from './harness';

/**
 * On the phone (issue 13): at 375×812 (mobile, touch) every page of the side menu of a branch
 * secretary and of a township (白泥镇) fits the screen — the document is never wider than the
 * viewport — with the side menu as a drawer; the app is installable (manifest, icons) and its
 * service worker keeps the app shell, never an API answer.
 */

const suite = browserSuite('phone', SERVERS.small);

// A 1×1 PNG: what the phone's camera photo is to the server (type sniffed from the content).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

async function phonePage() {
  return suite.newPage({ ...PHONE });
}

/**
 * Waits until the page's content has loaded: content shown, no spinner or skeleton left, and the
 * same for three polls in a row (a query that starts after the first render gets its spinner).
 */
async function settle(page: Page) {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __tjSettled?: number };
      const done = !document.querySelector('.ant-spin-spinning, .ant-skeleton-active') && !!document.querySelector('.tj-content > *');
      w.__tjSettled = done ? (w.__tjSettled ?? 0) + 1 : 0;
      return w.__tjSettled >= 3;
    },
    undefined,
    { timeout: 20_000, polling: 100 },
  );
}

/** Goes to a page of the app the way the menu does (no reload of the app). */
async function navigate(page: Page, path: string) {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
    (window as unknown as { __tjSettled?: number }).__tjSettled = 0;
  }, path);
  await page.waitForURL((u) => u.pathname === path.split('?')[0]);
}

/** The account's menu, derived from the domain's menu as the side menu derives it. */
async function menuOf(page: Page): Promise<MenuEntry[]> {
  const me = (await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()))) as { account: SessionAccount };
  return menuFor(me.account.permissions, me.account.scopeOrgType);
}

/** Nothing wider than the phone; visible text at least 14 px; the given controls at least 44 px high. */
async function fitsThePhone(page: Page, controls: string) {
  const r = await page.evaluate((sel) => {
    const small = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
      if (parseFloat(getComputedStyle(el).fontSize) < 14) small.add(`${el.tagName}.${el.className}: ${n.textContent.trim().slice(0, 20)}`);
    }
    const low = [...document.querySelectorAll<HTMLElement>(sel)]// offsetHeight: a dialog's opening zoom does not count.
      .filter((e) => e.getClientRects().length && e.offsetHeight < 44).map((e) => e.outerHTML.slice(0, 80));
    return { scroll: document.documentElement.scrollWidth, small: [...small], low };
  }, controls);
  expect(r.scroll, '页面宽于手机屏幕').toBeLessThanOrEqual(375);
  expect(r.small, '小于14px的文字').toEqual([]);
  expect(r.low, '低于44px的按钮或输入框').toEqual([]);
}

const slug = (path: string) => (path === '/' ? 'home' : path.slice(1).replaceAll('/', '-'));

async function everyMenuPageFits(username: string, tag: string) {
  const page = await phonePage();
  await login(page, suite.server.url, username);
  const entries = await menuOf(page);
  expect(entries.length).toBeGreaterThan(10);

  // The side menu is a drawer on the phone: no sider, a header button opens the same entries.
  await settle(page);
  expect(await page.locator('.ant-layout-sider').count()).toBe(0);
  await page.getByTestId('phone-menu-button').click();
  const drawer = page.locator('.ant-drawer-open');
  await expect.poll(() => drawer.getByRole('menuitem', { name: entries[1]!.label }).isVisible()).toBe(true);
  await screenshot(page, `phone-${tag}-menu`);
  await page.keyboard.press('Escape');
  if (tag === 'branch') {
    // A branch secretary also has bottom tabs; 更多 opens the same drawer.
    const tabs = page.getByTestId('phone-tabbar');
    expect(await tabs.getByRole('button').allTextContents()).toEqual(['首页', '待办', '团员', '更多']);
    await expect.poll(() => drawer.count()).toBe(0);
    await tabs.getByTestId('tab-more').click();
    await expect.poll(() => drawer.getByRole('menuitem', { name: entries[1]!.label }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
  }

  const tooWide: string[] = [];
  const folded: string[] = [];
  for (const entry of entries) {
    await navigate(page, entry.path);
    await settle(page);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, body: document.body.scrollWidth, viewport: window.innerWidth }));
    await screenshot(page, `phone-${tag}-${slug(entry.path)}`);
    if (widths.scroll > 375 || widths.body > 375 || widths.viewport !== 375) tooWide.push(`${entry.label} ${entry.path}: ${JSON.stringify(widths)}`);
    // Every tab of a shown tab bar on the screen (styles.css wraps the bar), none folded into antd's "…" menu.
    const hidden = await page.evaluate(() => {
      const bars = [...document.querySelectorAll<HTMLElement>('.tj-content .ant-tabs-top > .ant-tabs-nav')].filter((b) => b.getClientRects().length);
      const tabs = bars.flatMap((b) => [...b.querySelectorAll<HTMLElement>('.ant-tabs-tab')]);
      const off = tabs.filter((t) => { const r = t.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > window.innerWidth; }).map((t) => t.textContent);
      const more = bars.filter((b) => [...b.querySelectorAll<HTMLElement>('.ant-tabs-nav-operations')].some((o) => o.getClientRects().length)).length;
      return { off, more };
    });
    if (hidden.off.length || hidden.more) folded.push(`${entry.label} ${entry.path}: ${JSON.stringify(hidden)}`);
  }
  expect(tooWide, '页面宽于手机屏幕').toEqual([]);
  expect(folded, '手机上看不到的标签页').toEqual([]);
  await page.context().close();
}

describe('on the phone (375×812)', () => {
  test('every menu page of a branch secretary fits the screen, the menu a drawer', { timeout: 600_000 }, async () => {
    await everyMenuPageFits('branch_secretary', 'branch');
  });

  test('every menu page of a township (白泥镇) fits the screen', { timeout: 600_000 }, async () => {
    await everyMenuPageFits('baini_admin', 'township');
  });

  test('a dialog takes the whole screen and controls are touch-sized', async () => {
    const page = await phonePage();
    await login(page, suite.server.url, 'branch_secretary');
    await page.goto(`${suite.server.url}/people`);
    await settle(page);
    const button = page.getByRole('button', { name: /登\s*记$/ }).first();
    const box = await button.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await button.click();
    const modal = page.locator('.ant-modal:not(.ant-modal-confirm) .ant-modal-container').first();
    await expect.poll(() => modal.isVisible()).toBe(true);
    await page.waitForTimeout(400);
    const m = (await modal.boundingBox())!;
    expect(Math.round(m.width)).toBe(375);
    expect(m.x).toBeLessThanOrEqual(0.5);
    expect(m.height).toBeGreaterThanOrEqual(812);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'phone-branch-dialog');
    await page.context().close();
  });

  test('a branch secretary records a meeting with attendance and a photo, and this month’s dues for three members at once', { timeout: 180_000 }, async () => {
    const page = await phonePage();
    await login(page, suite.server.url, 'branch_secretary');
    await settle(page);
    await navigate(page, '/org-life/meetings');
    await settle(page);

    // Plan a 支部团员大会 for today (a full-screen dialog), then record it as held.
    const plan = page.getByRole('dialog', { name: '安排会议' });
    // The dialog proposes the branch once the page knows it is one (its organization has loaded).
    for (let i = 0; ; i++) {
      await page.getByTestId('plan-meeting').click();
      await poll(() => plan.getByTestId('plan-kind').textContent()).toContain('支部团员大会');
      if (!(await plan.getByText('请选择团支部').isVisible())) break;
      expect(i, '安排会议未带出本支部').toBeLessThan(10);
      await plan.getByRole('button', { name: /取\s*消/ }).click();
      await poll(() => plan.isVisible()).toBe(false);
      await page.waitForTimeout(500);
    }
    await plan.getByLabel('会议主题').fill('手机上记录的支部团员大会');
    await plan.getByLabel('地点', { exact: true }).fill('村委会会议室');
    await plan.getByLabel('会议方案（会前有计划）').fill('一、传达学习会议精神；二、交流发言；三、部署下一步工作。');
    await fitsThePhone(page, '.ant-modal .ant-input, .ant-modal .ant-select-selector, .ant-modal-footer .ant-btn');
    await plan.getByRole('button', { name: /安\s*排/ }).click();
    await poll(() => plan.isVisible()).toBe(false);
    const drawer = page.locator('.ant-drawer').filter({ hasText: '会议详情' });
    await drawer.getByTestId('drawer-record').click();
    const record = page.getByTestId('record-form');
    const attendance = record.getByTestId('attendance-table');
    await poll(() => attendance.locator('tr.ant-table-row').count()).toBeGreaterThan(2);
    const roster = await attendance.locator('tr.ant-table-row').count();
    await record.getByTestId('minutes').fill('会议由支部书记主持，传达学习了会议精神，团员逐一交流学习体会，部署了下一阶段工作。');
    // Tick everyone, then untick the last member and give the reason for the absence.
    await attendance.locator('thead input[type="checkbox"]').check();
    const absent = attendance.locator('tr.ant-table-row').last();
    await absent.locator('input[type="checkbox"]').uncheck();
    // The attendance table keeps its key columns on the screen (no sideways scrolling inside it), and the
    // reason's suggestions open under the field, on the screen: nothing reaches past 375 px while open.
    const sideways = await attendance.evaluate((t) => Math.max(0, ...[...t.querySelectorAll('.ant-table-body, .ant-table-content')].map((e) => e.scrollWidth - e.clientWidth)));
    expect(sideways, '出席情况表格需左右滚动').toBeLessThanOrEqual(1);
    const reason = absent.locator('input').last();
    await reason.click();
    const suggestions = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await poll(() => suggestions.getByText('外出务工', { exact: true }).isVisible()).toBe(true);
    await page.waitForTimeout(300); // the popup's opening motion
    const popup = (await suggestions.boundingBox())!;
    const field = (await reason.boundingBox())!;
    expect(field.x + field.width, '缺席原因输入框超出屏幕').toBeLessThanOrEqual(375);
    expect(popup.x).toBeGreaterThanOrEqual(0);
    expect(popup.x + popup.width, '缺席原因的候选项超出屏幕').toBeLessThanOrEqual(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'phone-branch-absence-reason');
    await reason.fill('外出务工请假');
    await poll(() => record.getByTestId('attendance-counts').textContent()).toContain(`出席 ${roster - 1}`);
    await record.getByTestId('attendance-counts').click();
    await poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
    await fitsThePhone(page, '.ant-modal .ant-input:not(textarea), .ant-modal .ant-btn-primary');
    await screenshot(page, 'phone-branch-meeting-attendance');
    await record.getByTestId('record-submit').click();
    await poll(() => record.isVisible()).toBe(false);
    await poll(() => drawer.getByTestId('attendance-present').locator('.ant-tag').count()).toBe(roster - 1);
    // A photo of the meeting through the file input (on a phone: the camera or the gallery).
    await drawer.getByTestId('attachments').locator('input[type=file]').setInputFiles({ name: '会议照片.png', mimeType: 'image/png', buffer: PNG });
    await poll(() => drawer.getByTestId('attachments').textContent()).toContain('会议照片.png');
    await fitsThePhone(page, '.ant-drawer [data-testid="upload-button"], .ant-drawer [data-testid="drawer-record"]');
    await screenshot(page, 'phone-branch-meeting-recorded');
    await page.keyboard.press('Escape');

    // 团费收缴: tick three members who have not paid this month and record them at once.
    await navigate(page, '/daily/dues');
    await settle(page);
    const ledger = page.getByTestId('dues-ledger');
    const unpaid = ledger.locator('tr.ant-table-row').filter({ has: page.locator('[data-testid=dues-status]', { hasText: '未交' }) });
    await poll(() => unpaid.count()).toBeGreaterThanOrEqual(3);
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const row = unpaid.nth(i);
      names.push((await row.getAttribute('data-row-key'))!);
      await row.locator('input[type="checkbox"]').check();
    }
    await page.getByRole('button', { name: /批量登记（3人）/ }).click();
    const batch = page.getByRole('dialog', { name: '批量登记团费（3人）' });
    await poll(() => batch.isVisible()).toBe(true);
    await fitsThePhone(page, '.ant-modal-footer .ant-btn');
    await screenshot(page, 'phone-branch-dues-batch');
    await batch.getByRole('button', { name: '全部登记' }).click();
    await poll(() => page.locator('.ant-message').textContent()).toContain('已登记 3 笔');
    for (const key of names) await poll(() => ledger.locator(`tr[data-row-key="${key}"] [data-testid=dues-status]`).textContent()).toBe('已交');
    await fitsThePhone(page, '.tj-content .ant-btn:not(.ant-btn-sm)');
    await screenshot(page, 'phone-branch-dues-recorded');
    await page.context().close();
  });

  test('installable: manifest and icons; the service worker keeps the shell offline but never an API answer', async () => {
    const page = await phonePage();
    await page.goto(`${suite.server.url}/login`);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    expect(await page.locator('link[rel="apple-touch-icon"]').count()).toBe(1);
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe('#b81c22');

    const res = await fetch(`${suite.server.url}${href}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await res.json()) as { short_name: string; display: string; start_url: string; theme_color: string; icons: { src: string; sizes: string; purpose?: string }[] };
    expect(manifest).toMatchObject({ short_name: '团建', display: 'standalone', start_url: '/', theme_color: '#b81c22' });
    for (const sizes of ['192x192', '512x512']) {
      expect(manifest.icons.some((i) => i.sizes === sizes && i.purpose === 'any')).toBe(true);
      expect(manifest.icons.some((i) => i.sizes === sizes && i.purpose === 'maskable')).toBe(true);
    }
    for (const icon of manifest.icons) {
      const r = await fetch(`${suite.server.url}${icon.src}`);
      expect(r.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await r.arrayBuffer());
      const [w, h] = icon.sizes.split('x').map(Number);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([w, h]);
    }
    const sw = await fetch(`${suite.server.url}/sw.js`);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-security-policy')).toBeTruthy();

    // The worker registers and takes over the page.
    const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
    expect(scope).toBe(`${suite.server.url}/`);
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await page.getByPlaceholder('用户名').waitFor();
    // Let the worker store the scripts the page reports.
    await page.waitForTimeout(1000);

    await page.context().setOffline(true);
    await page.reload();
    await page.getByPlaceholder('用户名').waitFor();
    await expect.poll(() => page.getByRole('button', { name: /登\s*录/ }).isVisible()).toBe(true);
    await screenshot(page, 'phone-offline-login');
    // An API request offline fails: nothing of the API is answered from the cache.
    const api = await page.evaluate(() =>
      fetch('/api/health').then(
        (r) => `answered ${r.status}`,
        () => 'failed',
      ),
    );
    expect(api).toBe('failed');
    const cached = await page.evaluate(async () => {
      const out: string[] = [];
      for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) out.push(new URL(req.url).pathname);
      return out;
    });
    expect(cached).toContain('/');
    expect(cached.some((p) => p.startsWith('/assets/'))).toBe(true);
    expect(cached.filter((p) => p.startsWith('/api'))).toEqual([]);
    await page.context().setOffline(false);
    await page.context().close();
  });
});
