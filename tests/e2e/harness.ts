import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ROOT, startServer, type RunningServer } from './server';

export { freePort, ROOT, SERVERS, startServer, type RunningServer } from './server';
export const ARTIFACTS = join(ROOT, 'test-results');
export const DEMO_PASSWORD = 'Tuanjian2026';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Logs in through the login page and waits for the home page. */
export async function login(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/**
 * Opens a page of a menu group from the side menu: waits for the menu to be drawn (right after login the
 * frame may still be loading, and a group clicked then would be toggled shut again), opens the group when
 * the item is hidden in it, clicks the item and waits for its path (clickUntil: once in CI a click landed while
 * the group was still opening and the page stayed on the home).
 */
export async function openMenuPage(page: Page, group: string, label: string, path: string) {
  // Not exact: a group's name may carry a count badge (团员管理 with transfers waiting).
  const groupItem = page.getByRole('menuitem', { name: group }).first();
  await groupItem.waitFor();
  const item = page.getByRole('menuitem', { name: label, exact: true });
  await clickUntil(groupItem, item, (timeout) => page.waitForURL((u) => u.pathname === path, { timeout }));
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** expect.poll with the waits every browser test uses. */
export const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 200 });

export interface BrowserSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A fresh context (1440×900, zh-CN unless overridden) and page; it is the one shot when a test fails. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * One server (with `env`) and one browser for a test file, started before and
 * stopped after its tests; a screenshot `<name>-failure` of the page in use
 * when a test fails. Call at the top level of the file.
 */
export function browserSuite(name: string, env: Record<string, string> = {}): BrowserSuite {
  let server: RunningServer;
  let browser: Browser;
  let current: Page | null = null;
  beforeAll(async () => {
    // Side by side: the browser starts while the server opens its database.
    const [started, launched] = await Promise.allSettled([startServer(env), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });
  let failed = false;
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    failed = true;
    if (current && !current.isClosed()) await screenshot(current, `${name}-failure`);
    // Every failed attempt, also one that passes when run again (the e2e project retries once).
    const error = ctx.task.result.errors?.[0]?.message?.split('\n')[0] ?? '';
    mkdirSync(ARTIFACTS, { recursive: true });
    appendFileSync(join(ARTIFACTS, 'retried.log'), `${name} › ${ctx.task.name} (attempt ${(ctx.task.result.retryCount ?? 0) + 1}): ${error}\n`);
  });
  afterAll(async () => {
    await browser?.close();
    // The server's log beside the failure's screenshot (E2E_LOG_LEVEL=info adds every request and its time;
    // E2E_KEEP_LOG=1 keeps it when nothing failed).
    if ((failed || process.env.E2E_KEEP_LOG === '1') && server) {
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, `${name}-server.log`), server.output());
    }
    await server?.stop();
  });
  return {
    get server() {
      return server;
    },
    get browser() {
      return browser;
    },
    async newPage(options: BrowserContextOptions = {}) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', ...options });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      current = page;
      return page;
    },
  };
}

/**
 * Types into a searchable Select: opens it and fills its own search input (one input event with the whole
 * text). Not `page.keyboard`: its keys go wherever the focus is, and on a busy machine the dropdown's opening
 * animation can still be running when they are sent.
 */
export async function searchIn(select: Locator, text: string) {
  await select.click();
  await select.locator('input').fill(text);
}

/**
 * Clicks `item` until `settled` (made before each click, given its timeout) resolves, opening it first with
 * `opener` when it is hidden. A click that lands while a menu, group or dropdown is still moving in its opening
 * animation (a busy machine) reaches nothing, and a click that cannot land (another element over the item during
 * that animation, then the dropdown closed: 申请更正's field on a phone, once in CI) fails; either is tried again,
 * reopening when hidden, at most three times, the last with the usual waits.
 */
async function clickUntil(opener: Locator, item: Locator, settled: (timeoutMs: number) => Promise<unknown>) {
  for (let attempt = 1; ; attempt++) {
    const wait = attempt === 3 ? 15_000 : 5_000;
    if (!(await item.isVisible())) await opener.click();
    const done = settled(wait);
    done.catch(() => undefined); // awaited below; not an unhandled rejection if the click itself throws
    try {
      await item.click({ timeout: wait });
      await done;
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** Clicks a dropdown menu's item and waits until the page sends `request` (clickUntil). */
export async function clickMenuItem(page: Page, opener: Locator, item: Locator, request: (url: URL) => boolean) {
  await clickUntil(opener, item, (timeout) => page.waitForRequest((r) => request(new URL(r.url())), { timeout }));
}

/** Chooses a Select's option and waits until `chosen` shows `text` (clickUntil, reopening the dropdown). */
export async function chooseOption(select: Locator, option: Locator, chosen: Locator, text: string) {
  await clickUntil(select, option, (timeout) => expect.poll(() => chosen.textContent(), { timeout, interval: 200 }).toContain(text));
}

/** Logs out through the account menu and closes the page's context. */
export async function logout(page: Page) {
  // Let the page's own requests finish first: on the embedded database's one connection the logout
  // request would otherwise queue behind them (a busy CI machine once took over 45 s).
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => undefined);
  await clickMenuItem(page, page.getByTestId('account-menu'), page.getByRole('menuitem', { name: '退出登录' }), (u) => u.pathname === '/api/auth/logout');
  // The logout request waits its turn on the embedded database's one connection behind the page's
  // own figures; on a busy machine that has taken longer than the default 15 s.
  await page.waitForURL((u) => u.pathname === '/login', { timeout: 45_000 });
  await page.context().close();
}

/**
 * Ends a test's session: logs out as `logout` does, but a logout that has not reached the login page after
 * 45 s is reported on stderr and the browser context closed anyway. Logging out is what foundation.test.ts
 * asserts (with `logout`); the other files only end their session. (The "stall of about a minute after a
 * township's write" once blamed on the embedded database was the menu click landing during the dropdown's
 * opening animation: no logout request ever left the page. `clickMenuItem` now tries again.)
 */
export async function endSession(page: Page) {
  try {
    await logout(page);
  } catch (err) {
    console.warn(`[e2e] logout did not reach /login (${page.url()}): ${(err as Error).message.split('\n')[0]}`);
    await page.context().close();
  }
}
