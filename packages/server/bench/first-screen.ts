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
 * The measuring itself is bench/browser-measure.ts (also used by bench/home-page.ts).
 */
import type { BrowserContext } from 'playwright-core';
import { PROFILES, homeReady, kb, launchChromium, loginReady, measure as measureScreen, type Figures, type MeasureOptions } from './browser-measure.js';

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
const conditions = PROFILES[PROFILE as keyof typeof PROFILES];
if (!conditions) throw new Error(`unknown profile ${PROFILE}`);
const options: MeasureOptions = { conditions, cpu: CPU, identity: IDENTITY };

async function newContext(): Promise<BrowserContext> {
  // No service worker: the figures are of the network, not of a cache the worker filled.
  return browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', serviceWorkers: 'block' });
}

const browser = await launchChromium();
const rows: [string, Figures][] = [];
try {
  {
    const ctx = await newContext();
    const page = await ctx.newPage();
    rows.push(['登录页 (cold)', await measureScreen(page, `${URL_}/login`, loginReady, options)]);
    rows.push(['登录页 (repeat visit)', await measureScreen(page, `${URL_}/login`, loginReady, options)]);
    await ctx.close();
  }
  {
    const ctx = await newContext();
    const login = await ctx.request.post(`${URL_}/api/auth/login`, { data: { username: 'branch_secretary', password: process.env.DEMO_PASSWORD ?? 'Tuanjian2026' } });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const page = await ctx.newPage();
    rows.push(['团支部首页 (cold)', await measureScreen(page, `${URL_}/`, homeReady, options)]);
    rows.push(['团支部首页 (repeat visit)', await measureScreen(page, `${URL_}/`, homeReady, options)]);
    await ctx.close();
  }
} finally {
  await browser.close();
}

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
