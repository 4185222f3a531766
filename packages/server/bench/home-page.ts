/**
 * The county home page complete in Chromium (issue 15, target < 1.5 s), on PGlite:
 *   npm run bench -w @tuanjian/server -- --home-page [--scale 1] [--runs 5] [--width 1440]
 *   [--path /no-such-page: the signed-in frame alone, with its 404 page, for comparison]
 *   (or npx tsx packages/server/bench/home-page.ts with the same options)
 * Needs the built web client (`npm run build -w @tuanjian/web`). Loads the demo county with its year of
 * records at --scale (in memory), serves it with the built client on a loopback port, and in the machine's
 * Chromium (bench/browser-measure.ts, as bench/first-screen.ts) logs the county administrator in and opens
 * the home page at 1440×900 with a cold browser cache, --runs times. Measured from navigation to
 * "complete": every request of the home answered and the network idle (the time the last request
 * finished); also when the screen was interactive (content shown, no spinner left). Prints each run, and
 * for the median run every API request with its start, end and duration, the last one first.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { REPO_ROOT } from '../src/paths.js';
import { homeReady, kb, launchChromium, measure, type Figures } from './browser-measure.js';
import { loadDemoCounty } from './demo-county.js';

export interface HomePageRun {
  interactiveMs: number;
  completeMs: number;
  /** After complete: from scrolling to the first chart until every chart of the page is drawn (they start below the first screen). */
  chartsMs: number;
  lastApiMs: number;
  api: Figures['all'];
  /** The same browser context coming back: complete on the 2nd and 3rd visit (HTTP cache; then V8's code cache too). */
  second: number[];
  third: number[];
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

export async function homePageBench(argv = process.argv.slice(2)): Promise<HomePageRun[]> {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      scale: { type: 'string', default: '1' },
      runs: { type: 'string', default: '5' },
      width: { type: 'string', default: '1440' },
      height: { type: 'string', default: '900' },
      user: { type: 'string', default: 'county_admin' },
      /** Another page of the signed-in frame instead of the home (e.g. /no-such-page: the frame alone, its 404 page). */
      path: { type: 'string', default: '/' },
      'no-housekeeping': { type: 'boolean', default: false },
    },
  });
  const webDist = join(REPO_ROOT, 'packages', 'web', 'dist');
  if (!existsSync(join(webDist, 'index.html'))) throw new Error(`no built web client in ${webDist}: npm run build -w @tuanjian/web`);
  const [scale, runs, width, height] = [Number(values.scale), Number(values.runs), Number(values.width), Number(values.height)];
  const user = String(values.user);
  const path = String(values.path);
  console.log(`home page bench: demo county at scale ${scale}, ${user}, ${path}, ${width}×${height}, ${runs} cold runs; load average ${load()}`);
  const demo = await loadDemoCounty(scale, { webDist, housekeeping: !values['no-housekeeping'] });
  await demo.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(demo.app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const out: HomePageRun[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // A new context each run: cold browser cache, a fresh session (the server stays warm after the first).
      const ctx = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', serviceWorkers: 'block' });
      const login = await ctx.request.post(`${base}/api/auth/login`, { data: { username: user, password: process.env.DEMO_PASSWORD ?? 'Tuanjian2026' } });
      if (!login.ok()) throw new Error(`login ${user}: ${login.status()}`);
      const page = await ctx.newPage();
      const f = await measure(page, `${base}${path}`, homeReady);
      const api = f.all.filter(([, , , , path]) => path.startsWith('/api/'));
      // Complete: the last request answered and the screen drawn (whichever is later).
      // The charts are drawn as they come near the screen (web components/EChart.tsx): scrolled to one by one, as a reader would.
      const c0 = Date.now();
      for (const chart of await page.locator('.tj-content .tj-chart').all()) {
        await chart.scrollIntoViewIfNeeded();
        await chart.locator('canvas').first().waitFor({ timeout: 30_000 });
      }
      const chartsMs = Date.now() - c0;
      const run = { interactiveMs: f.interactiveMs, completeMs: Math.max(f.completeMs, f.interactiveMs), chartsMs, lastApiMs: Math.max(0, ...api.map((r) => r[1])), api, second: [] as number[], third: [] as number[] };
      out.push(run);
      const last = [...api].sort((a, b) => b[1] - a[1])[0];
      console.log(
        `run ${i + 1}: interactive ${run.interactiveMs} ms, complete ${run.completeMs} ms, charts below drawn ${chartsMs} ms after scrolling (${f.all.length} requests, ${kb(f.allWire)}), ${api.length} API requests, the last ${last ? `${last[4]} at ${last[1]} ms` : '—'}; load ${load()}`,
      );
      // The same browser coming back (a secretary opens the system every day): the scripts from the HTTP cache, and
      // from the third visit V8's code cache of them (Chromium keeps compiled code for a script loaded twice).
      for (const visit of [2, 3]) {
        const again = await ctx.newPage();
        const r = await measure(again, `${base}${path}`, homeReady);
        (visit === 2 ? run.second : run.third).push(Math.max(r.completeMs, r.interactiveMs));
        await again.close();
      }
      console.log(`   the same browser again: complete ${run.second[0]} ms (2nd visit), ${run.third[0]} ms (3rd visit)`);
      await ctx.close();
    }
  } finally {
    await browser.close();
    await demo.close();
  }
  const sorted = [...out].sort((a, b) => a.completeMs - b.completeMs);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const ms = (xs: number[]) => xs.map((x) => `${x}`).join(', ');
  console.log(`\n| county home, ${width}×${height}, Chromium, PGlite (demo county, scale ${scale}) | ms |\n|---|---|`);
  console.log(`| complete (every request answered, network idle, screen drawn), each run | ${ms(out.map((r) => r.completeMs))} |`);
  console.log(`| complete, median of ${out.length} | ${median.completeMs} |`);
  console.log(`| interactive (content shown, no spinner), each run | ${ms(out.map((r) => r.interactiveMs))} |`);
  console.log(`| last API answer, each run | ${ms(out.map((r) => r.lastApiMs))} |`);
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const second = out.flatMap((r) => r.second);
  const third = out.flatMap((r) => r.third);
  console.log(`| the same browser again, 2nd visit (scripts from the HTTP cache), each run; median | ${ms(second)}; **${med(second)}** |`);
  console.log(`| the same browser again, 3rd visit (and V8's code cache), each run; median | ${ms(third)}; **${med(third)}** |`);
  console.log(`| then every chart below the first screen drawn, from scrolling to the first, each run | ${ms(out.map((r) => r.chartsMs))} |`);
  console.log(`\nthe median run's API requests, the last first (ms since navigation):\n\n| request | start | end | took |\n|---|---:|---:|---:|`);
  for (const [a, b, , , path] of [...median.api].sort((x, y) => y[1] - x[1])) console.log(`| ${path} | ${a} | ${b} | ${b - a} |`);
  console.log(`\nload average at the end: ${load()}`);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  homePageBench().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
