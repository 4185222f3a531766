import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api } from '@tuanjian/domain';
import { browserSuite, DEMO_PASSWORD, login, endSession, poll, ROOT, screenshot, SERVERS } from './harness';

/**
 * 首页 and the menu by level: the county, a township (白泥镇) and a branch
 * secretary each log in, see the home of their level (at 1440 and 375 px) and
 * a menu of their level's work.
 */

// A smaller demo county than the default: the homes need every level, not the population (and start in time on a busy machine).
const suite = browserSuite('home', SERVERS.small);

const WIDTHS = [1440, 375] as const;

/** An API session of a demo login (cookie and CSRF token), for arranging records. */
async function apiSession(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tj_session='))!.split(';')[0]!;
  const { csrfToken, account } = await res.json();
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${url}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const json = await r.json();
    expect(r.status, JSON.stringify(json)).toBe(200);
    return json;
  };
  return { call, scopeOrgId: account.scopeOrgId as number };
}

/** The labels of the side menu, sub-menus opened. */
async function menuLabels(page: Page): Promise<string[]> {
  const sider = page.locator('.ant-layout-sider');
  await sider.locator('.ant-menu-item').first().waitFor();
  for (const group of await sider.locator('.ant-menu-submenu-title').all()) {
    const li = group.locator('xpath=..');
    if (!((await li.getAttribute('class')) ?? '').includes('ant-menu-submenu-open')) await group.click();
  }
  return (await sider.locator('.ant-menu-item, .ant-menu-submenu-title').allInnerTexts()).map((t) => t.trim());
}

async function homeShots(level: string, username: string, check: (page: Page) => Promise<void>) {
  for (const width of WIDTHS) {
    const page = await suite.newPage({ viewport: { width, height: width > 800 ? 900 : 812 } });
    await login(page, suite.server.url, username);
    await page.getByTestId('overview-org').waitFor({ state: 'visible' });
    await check(page);
    // Let every card load before the picture.
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('.ant-card-loading, .ant-spin-spinning, .ant-skeleton').count(), { timeout: 60_000, interval: 250 }).toBe(0);
    await screenshot(page, `home-${level}-${width}`);
    await page.context().close();
  }
}

describe('首页 and menus by level', () => {
  test('county_admin: the dashboard with coverage and child comparison, and the committee menu', async () => {
    await homeShots('county', 'county_admin', async (page) => {
      await page.getByTestId('home-county').waitFor();
      await page.getByTestId('stat-coverage').waitFor();
    });
    const page = await suite.newPage();
    await login(page, suite.server.url, 'county_admin');
    const labels = await menuLabels(page);
    for (const l of ['改革考核', '报送任务', '发展指标', '账号管理', '统计表']) expect(labels).toContain(l);
    expect(labels).not.toContain('规则配置');
    await endSession(page);
  });

  test('county_admin: the home page names its own scripts and requests, and the browser asks for each once', async () => {
    const named = (html: string, rel: string, attr: string) =>
      [...html.matchAll(new RegExp(`<(?:link|script)[^>]*?(?:rel="${rel}"|type="${rel}")[^>]*?${attr}="([^"]+)"`, 'g'))].map((m) => m[1]!.replace(/&amp;/g, '&'));
    // No session: only the session check is named.
    const anonymous = await (await fetch(`${suite.server.url}/`)).text();
    expect(named(anonymous, 'preload', 'href')).toEqual(['/api/auth/me']);
    const page = await suite.newPage();
    await login(page, suite.server.url, 'county_admin');
    const requested: string[] = [];
    const scripts: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) requested.push(u.pathname + u.search);
      if (r.resourceType() === 'script') scripts.push(u.pathname);
    });
    const res = await page.goto(`${suite.server.url}/`);
    const html = await res!.text();
    const preloaded = named(html, 'preload', 'href');
    // The session check first, then the home's data: the header's 待办 count, the county's overview and figures.
    expect(preloaded[0]).toBe('/api/auth/me');
    expect(preloaded).toContain('/api/inbox/count');
    expect(preloaded.some((u) => u.startsWith('/api/stats/org-overview?orgId='))).toBe(true);
    expect(preloaded).toContain('/api/inbox/overdue/summary?limit=8');
    expect(preloaded.some((u) => u.startsWith('/api/org-life/stats/overview?orgId='))).toBe(true);
    // The scripts come before the data in the page (six connections: the data must not hold them all).
    expect(html.lastIndexOf('rel="modulepreload"')).toBeLessThan(html.indexOf(preloaded[1]!.replace(/&/g, '&amp;')));
    await page.getByTestId('home-county').waitFor();
    await page.getByTestId('stat-coverage').waitFor();
    await page.waitForLoadState('networkidle');
    // Each named request reached the server once: the page's own requests were answered by the preloads.
    for (const u of preloaded) expect(requested.filter((x) => x === u), u).toHaveLength(1);
    // Every script of the county home was named by the page (none discovered one import after another), but
    // ECharts: the charts start below the first screen and are drawn as they come near it (components/EChart.tsx).
    const pageScripts = [...named(html, 'modulepreload', 'href'), ...named(html, 'module', 'src')];
    expect(scripts.length).toBeGreaterThan(10);
    expect(pageScripts.some((s) => s.includes('/EChartCanvas-'))).toBe(false);
    expect(scripts.filter((s) => !pageScripts.includes(s) && !s.includes('/EChartCanvas-'))).toEqual([]);
    // The API contracts came without their zod schemas and OpenAPI text (packages/web/vite-light-contracts.ts):
    // no script of the build holds a contract's summary or a schema's message.
    const assets = join(ROOT, 'packages/web/dist/assets');
    const bundle = readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(assets, f), 'utf8'))
      .join('\n');
    expect(bundle).toContain(api.orgs.listRoots.path);
    expect(bundle).not.toContain(api.orgs.listRoots.summary);
    expect(bundle).not.toContain('省份代码应为2位数字');
    // Scrolled to, every chart of the page is drawn.
    const charts = page.locator('.tj-content .tj-chart');
    expect(await charts.count()).toBeGreaterThanOrEqual(4);
    for (const chart of await charts.all()) {
      await chart.scrollIntoViewIfNeeded();
      await chart.locator('canvas').first().waitFor();
    }
    // antd's component styles come from the build's stylesheet, not made in the browser (zeroRuntime, src/theme.ts):
    // the page makes only the theme's CSS variables (rules of custom properties), the stylesheet has the button's rules.
    const made = await page.evaluate(() =>
      [...document.querySelectorAll('style')].filter((s) => /\.ant-(btn|card|menu)[^{}]*\{\s*(?!--)[a-z-]+\s*:/.test(s.textContent ?? '')).map((s) => (s.textContent ?? '').slice(0, 120)),
    );
    expect(made).toEqual([]);
    const sheet = await page.evaluate(() => [...document.styleSheets].some((s) => s.href?.includes('/assets/') && [...s.cssRules].some((r) => r.cssText.startsWith('.ant-btn'))));
    expect(sheet).toBe(true);
    await endSession(page);
  });

  test('baini_admin: the township home adds its branches that are behind', async () => {
    await homeShots('township', 'baini_admin', async (page) => {
      await page.getByTestId('home-township').waitFor();
      await page.getByTestId('behind-branches').waitFor();
      // Behind in more than meetings and 青年大学习: dues this month and this year's registration too.
      await page.getByTestId('behind-dues').waitFor();
      await page.getByTestId('behind-registration').waitFor();
    });
  });

  test('branch_secretary: the branch home (no village coverage, no child comparison) and a branch menu', async () => {
    await homeShots('branch', 'branch_secretary', async (page) => {
      await page.getByTestId('home-branch').waitFor();
      await page.getByTestId('branch-figures').waitFor();
      await page.getByTestId('month-meetings').waitFor();
      for (const id of ['fig-month-dues', 'fig-study-round', 'fig-registration', 'fig-appraisal']) await page.getByTestId(id).waitFor();
      await poll(() => page.getByTestId('fig-members').textContent()).toMatch(/\d+ \/ \d+/);
      expect(await page.getByTestId('stat-coverage').count()).toBe(0);
      expect(await page.getByTestId('stat-villages').count()).toBe(0);
      expect(await page.getByText('村（社区）团组织覆盖').count()).toBe(0);
      expect(await page.getByText('下级组织对比').count()).toBe(0);
    });
    const page = await suite.newPage();
    await login(page, suite.server.url, 'branch_secretary');
    const labels = await menuLabels(page);
    for (const l of ['首页', '青年团员', '三会两制一课', '团费收缴']) expect(labels).toContain(l);
    for (const l of ['改革考核', '报送任务', '发展指标', '规则配置', '账号管理']) expect(labels).not.toContain(l);
    await endSession(page);
  });

  test('操作日志: one recorded meeting with all its attendees is one readable entry', async () => {
    const branch = await apiSession(suite.server.url, 'branch_secretary');
    const people = await branch.call('GET', `/api/people?under=${branch.scopeOrgId}&kind=member&pageSize=200`);
    const ids = (people.items as { id: number }[]).map((p) => p.id);
    expect(ids.length).toBeGreaterThan(5);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const meeting = await branch.call('POST', '/api/org-life/meetings', { orgId: branch.scopeOrgId, kind: 'theme_day', topic: '操作日志演示主题团日', plannedOn: today });
    await branch.call('POST', `/api/org-life/meetings/${meeting.id}/record`, { heldOn: today, minutes: '会议由支部书记主持，学习了团章，围绕主题交流发言，并布置了下月工作。', presentIds: ids });

    const page = await suite.newPage();
    await login(page, suite.server.url, 'baini_admin');
    await page.goto(`${suite.server.url}/audit`);
    // The newest entry about the meeting (the logins of this test came later).
    const entries = page.locator('.ant-table-tbody > tr.ant-table-row').filter({ hasText: '操作日志演示主题团日' });
    await poll(() => entries.count()).toBe(2); // planned, then recorded: two actions, not a row per attendee
    const recordedRow = entries.first();
    const text = (await recordedRow.getByTestId('audit-summary').textContent()) ?? '';
    expect(text).toContain('会议');
    expect(text).toContain(`参会记录 ${ids.length} 条`);
    expect(text).not.toMatch(/meeting|#\d/);
    // Its details: the attendees by name.
    await recordedRow.locator('.ant-table-row-expand-icon').click();
    const details = page.getByTestId('audit-details');
    await details.waitFor();
    await poll(() => details.textContent()).toContain('参会记录');
    expect(await details.textContent()).not.toContain('meeting_attendance');
    await screenshot(page, 'home-audit-entry');
    await endSession(page);
  });
});
