/**
 * Measuring a screen in the machine's Chromium (playwright-core, /usr/bin/chromium or CHROMIUM_PATH; never
 * a downloaded browser): what came over the network from navigation until the screen was interactive and
 * until the network was idle, with each request's start and end. Used by bench/first-screen.ts (a phone on
 * an emulated 4G network) and bench/home-page.ts (the county home at 1440 px on loopback).
 */
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';

export interface NetworkConditions {
  latency: number;
  downloadThroughput: number;
  uploadThroughput: number;
}

export const PROFILES = {
  slow4g: { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
  fast4g: { latency: 20, downloadThroughput: (9 * 1024 * 1024) / 8, uploadThroughput: (9 * 1024 * 1024) / 8 },
  // Chrome DevTools' own "Fast 4G" preset (front_end/core/sdk/NetworkManager.ts): 9 Mbps × 0.9 down,
  // 1.5 Mbps × 0.9 up, 60 ms × 2.75 round trip — what DevTools means by a 4G network.
  devtools4g: { latency: 165, downloadThroughput: (9_000_000 / 8) * 0.9, uploadThroughput: (1_500_000 / 8) * 0.9 },
} as const satisfies Record<string, NetworkConditions>;

/** One request: [start ms, end ms, type, bytes on the wire, path] (ms since navigation). */
export type RequestTiming = [number, number, string, number, string];

export interface Figures {
  scripts: number;
  jsWire: number;
  jsDecoded: number;
  allWire: number;
  interactiveMs: number;
  /** Scripts and their bytes on the wire that had arrived when the screen became interactive (the first screen's JS). */
  readyScripts: number;
  readyJsWire: number;
  /** Requests finished until interactive. */
  requests: RequestTiming[];
  /** Every request finished until the network was idle. */
  all: RequestTiming[];
  /** When the last request finished (ms since navigation): the screen complete. */
  completeMs: number;
}

export interface MeasureOptions {
  /** Network emulation (none: the real network, loopback for a local server). */
  conditions?: NetworkConditions;
  /** Slow the CPU this many times (CDP Emulation.setCPUThrottlingRate). */
  cpu?: number;
  /** Ask for no content encoding (Accept-Encoding: identity). */
  identity?: boolean;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}

async function throttle(page: Page, opts: MeasureOptions): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (opts.conditions) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...opts.conditions });
  if ((opts.cpu ?? 1) > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: opts.cpu! });
  if (opts.identity) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  return cdp;
}

/** Navigates to url and counts what came over the network until ready() resolves, then until the network is idle. */
export async function measure(page: Page, url: string, ready: (page: Page) => Promise<void>, opts: MeasureOptions = {}): Promise<Figures> {
  const cdp = await throttle(page, opts);
  const types = new Map<string, string>();
  const decoded = new Map<string, number>();
  const f: Figures = { scripts: 0, jsWire: 0, jsDecoded: 0, allWire: 0, interactiveMs: 0, readyScripts: 0, readyJsWire: 0, requests: [], all: [], completeMs: 0 };
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
    if (r && t0) {
      const u = new URL(r.url);
      const timing: RequestTiming = [Math.round((r.at - t0) * 1000), Math.round((e.timestamp - t0) * 1000), types.get(e.requestId) ?? '', e.encodedDataLength, u.pathname + u.search];
      f.all.push(timing);
      f.completeMs = Math.max(f.completeMs, timing[1]);
      if (!f.interactiveMs) f.requests.push(timing);
    }
    if (types.get(e.requestId) === 'Script') {
      f.scripts += 1;
      f.jsWire += e.encodedDataLength;
      f.jsDecoded += decoded.get(e.requestId) ?? 0;
    }
  });
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  // Time since the navigation started, on the page's own clock.
  f.interactiveMs = Math.round(await page.evaluate(() => performance.now()));
  f.readyScripts = f.scripts;
  f.readyJsWire = f.jsWire;
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return f;
}

export const loginReady = async (page: Page) => {
  await page.getByPlaceholder('用户名').waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForFunction(() => !(document.querySelector('input[placeholder="用户名"]') as HTMLInputElement | null)?.disabled);
};

/** The signed-in screen's content is shown with no spinner or skeleton left. */
export const homeReady = async (page: Page) => {
  await page.waitForFunction(() => !!document.querySelector('.tj-content > *') && !document.querySelector('.tj-content .ant-spin-spinning, .tj-content .ant-skeleton-active, .ant-spin-fullscreen'), undefined, {
    timeout: 60_000,
    polling: 50,
  });
};

export const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
