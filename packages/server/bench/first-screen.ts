/**
 * npm run bench:first-screen -w @tuanjian/server -- [--url http://127.0.0.1:3000] [--profile slow4g|fast4g|devtools4g] [--cpu 1]
 *
 * The first screen on a phone, measured in the machine's Chromium (playwright-core) against a
 * running server with the demo county (`npm start`, which serves the built web client): a 375×812
 * mobile viewport, a cold cache, and Chromium's network emulation (CDP Network.emulateNetworkConditions):
 *  - slow4g (default): 150 ms round trip, 1.6 Mbps down, 750 kbps up — Lighthouse's mobile "slow 4G";
 *  - fast4g: 20 ms, 9 Mbps both ways;
 *  - devtools4g: Chrome DevTools' "Fast 4G" preset, 165 ms round trip, 8.1 Mbps down, 1.35 Mbps up.
 * --cpu N slows the CPU N times (CDP Emulation.setCPUThrottlingRate; Lighthouse's mobile uses 4).
 * --waterfall prints, for the cold branch home, every request until interactive: when it started and ended
 * (ms since navigation), its type and bytes — what the first screen waits for.
 * --identity asks for no content encoding (Accept-Encoding: identity): what a browser got before the
 * server sent the build's pre-compressed files.
 * For the login page and the branch secretary's home (branch_secretary, logged in by the API
 * beforehand): the JavaScript transferred until the network is idle (bytes on the wire, and decoded) and
 * until the screen was interactive (the first screen's JS; a chart's ECharts arrives after), all bytes, the number
 * of scripts, and the time from navigation to interactive — the login form's fields usable, or the
 * home's content shown with no spinner left — then the same again with a warm cache (repeat visit).
 */
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const URL_ = opt('url', 'http://127.0.0.1:3000');
const PROFILE = opt('profile', 'slow4g');
const CPU = Number(opt('cpu', '1'));
const IDENTITY = args.includes('--identity');
const WATERFALL = args.includes('--waterfall');
const PROFILES = {
  slow4g: { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
  fast4g: { latency: 20, downloadThroughput: (9 * 1024 * 1024) / 8, uploadThroughput: (9 * 1024 * 1024) / 8 },
  // Chrome DevTools' own "Fast 4G" preset (front_end/core/sdk/NetworkManager.ts): 9 Mbps × 0.9 down,
  // 1.5 Mbps × 0.9 up, 60 ms × 2.75 round trip — what DevTools means by a 4G network.
  devtools4g: { latency: 165, downloadThroughput: (9_000_000 / 8) * 0.9, uploadThroughput: (1_500_000 / 8) * 0.9 },
} as const;
const conditions = PROFILES[PROFILE as keyof typeof PROFILES];
if (!conditions) throw new Error(`unknown profile ${PROFILE}`);

interface Figures {
  scripts: number;
  jsWire: number;
  jsDecoded: number;
  allWire: number;
  interactiveMs: number;
  /** Scripts and their bytes on the wire that had arrived when the screen became interactive (the first screen's JS). */
  readyScripts: number;
  readyJsWire: number;
  /** Requests until interactive: [start ms, end ms, type, bytes on the wire, path]. */
  requests: [number, number, string, number, string][];
}

async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
  if (CPU > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  if (IDENTITY) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  return cdp;
}

/** Navigates to path with the page throttled and counts what came over the network until ready() resolves. */
async function measure(page: Page, path: string, ready: (page: Page) => Promise<void>): Promise<Figures> {
  const cdp = await throttle(page);
  const types = new Map<string, string>();
  const decoded = new Map<string, number>();
  const f: Figures = { scripts: 0, jsWire: 0, jsDecoded: 0, allWire: 0, interactiveMs: 0, readyScripts: 0, readyJsWire: 0, requests: [] };
  const started = new Map<string, { at: number; url: string }>();
  let t0 = 0;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!t0 && e.type === 'Document') t0 = e.timestamp;
    started.set(e.requestId, { at: e.timestamp, url: e.request.url });
  });
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.dataReceived', (e) => decoded.set(e.requestId, (decoded.get(e.requestId) ?? 0) + e.dataLength));
  cdp.on('Network.loadingFinished', (e) => {
    f.allWire += e.encodedDataLength;
    const r = started.get(e.requestId);
    if (r && t0 && !f.interactiveMs) f.requests.push([Math.round((r.at - t0) * 1000), Math.round((e.timestamp - t0) * 1000), types.get(e.requestId) ?? '', e.encodedDataLength, new URL(r.url).pathname + new URL(r.url).search]);
    if (types.get(e.requestId) === 'Script') {
      f.scripts += 1;
      f.jsWire += e.encodedDataLength;
      f.jsDecoded += decoded.get(e.requestId) ?? 0;
    }
  });
  await page.goto(`${URL_}${path}`, { waitUntil: 'commit' });
  await ready(page);
  // Time since the navigation started, on the page's own clock.
  f.interactiveMs = Math.round(await page.evaluate(() => performance.now()));
  f.readyScripts = f.scripts;
  f.readyJsWire = f.jsWire;
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return f;
}

const loginReady = async (page: Page) => {
  await page.getByPlaceholder('用户名').waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForFunction(() => !(document.querySelector('input[placeholder="用户名"]') as HTMLInputElement | null)?.disabled);
};
const homeReady = async (page: Page) => {
  await page.waitForFunction(() => !!document.querySelector('.tj-content > *') && !document.querySelector('.tj-content .ant-spin-spinning, .tj-content .ant-skeleton-active, .ant-spin-fullscreen'), undefined, {
    timeout: 60_000,
    polling: 50,
  });
};

async function newContext(): Promise<BrowserContext> {
  // No service worker: the figures are of the network, not of a cache the worker filled.
  return browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', serviceWorkers: 'block' });
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const rows: [string, Figures][] = [];
try {
  {
    const ctx = await newContext();
    const page = await ctx.newPage();
    rows.push(['登录页 (cold)', await measure(page, '/login', loginReady)]);
    rows.push(['登录页 (repeat visit)', await measure(page, '/login', loginReady)]);
    await ctx.close();
  }
  {
    const ctx = await newContext();
    const login = await ctx.request.post(`${URL_}/api/auth/login`, { data: { username: 'branch_secretary', password: process.env.DEMO_PASSWORD ?? 'Tuanjian2026' } });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const page = await ctx.newPage();
    rows.push(['团支部首页 (cold)', await measure(page, '/', homeReady)]);
    rows.push(['团支部首页 (repeat visit)', await measure(page, '/', homeReady)]);
    await ctx.close();
  }
} finally {
  await browser.close();
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
console.log(`profile ${PROFILE}${IDENTITY ? ', no compression' : ''} (${conditions.latency} ms RTT, ${((conditions.downloadThroughput * 8) / 1024 / 1024).toFixed(1)} Mbps down), CPU ×${CPU}, 375×812`);
console.log('| screen | scripts | JS on the wire | JS decoded | all bytes | JS until interactive | interactive |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const [name, f] of rows) {
  console.log(`| ${name} | ${f.scripts} | ${kb(f.jsWire)} | ${kb(f.jsDecoded)} | ${kb(f.allWire)} | ${f.readyScripts} files, ${kb(f.readyJsWire)} | ${(f.interactiveMs / 1000).toFixed(2)} s |`);
}
if (WATERFALL) {
  const cold = rows.find(([name]) => name === '团支部首页 (cold)')![1];
  console.log('\n团支部首页 (cold), requests until interactive:');
  for (const [a, b, type, bytes, path] of cold.requests.sort((x, y) => x[0] - y[0])) console.log(`${String(a).padStart(6)} → ${String(b).padStart(6)} ms  ${type.padEnd(10)} ${kb(bytes).padStart(7)}  ${path}`);
}
