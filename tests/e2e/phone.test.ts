import { menuFor, type MenuEntry, type SessionAccount } from '@tuanjian/domain';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, login, screenshot } from './harness';

/**
 * On the phone (issue 13): at 375×812 (mobile, touch) every page of the side menu of a branch
 * secretary and of a township (白泥镇) fits the screen — the document is never wider than the
 * viewport — with the side menu as a drawer; the app is installable (manifest, icons) and its
 * service worker keeps the app shell, never an API answer.
 */

const suite = browserSuite('phone', { DEMO_SCALE: '0.05' });

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

async function phonePage() {
  return suite.newPage({ ...PHONE });
}

/** Waits until the page's content has loaded: no request in flight, no spinner or skeleton left. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active') && !!document.querySelector('.tj-content > *'), undefined, { timeout: 20_000 });
  await page.waitForTimeout(150);
}

/** The account's menu, derived from the domain's menu as the side menu derives it. */
async function menuOf(page: Page): Promise<MenuEntry[]> {
  const me = (await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()))) as { account: SessionAccount };
  return menuFor(me.account.permissions, me.account.scopeOrgType);
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

  const tooWide: string[] = [];
  for (const entry of entries) {
    await page.goto(`${suite.server.url}${entry.path}`);
    await settle(page);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, body: document.body.scrollWidth, viewport: window.innerWidth }));
    await screenshot(page, `phone-${tag}-${slug(entry.path)}`);
    if (widths.scroll > 375 || widths.body > 375 || widths.viewport !== 375) tooWide.push(`${entry.label} ${entry.path}: ${JSON.stringify(widths)}`);
  }
  expect(tooWide, '页面宽于手机屏幕').toEqual([]);
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
