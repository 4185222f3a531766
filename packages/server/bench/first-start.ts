/**
 * npm run bench -- --first-start [--scale S] [--smoke]
 *
 * The first `npm start` of a fresh clone, and of every later fresh data directory (a browser test's
 * server): starts the server bundle (dist/main.mjs, as `npm start` runs it; build it first) twice on
 * an empty embedded data directory — first with an empty demo cache (the demo county is generated,
 * then kept: ops/demo-snapshot.ts), then again (the cached copy is used) — and measures, from the
 * process start: the first HTTP answer (the start-up page "正在生成演示数据（41%）"), the login page,
 * and a usable home page (county_admin logged in, the home's figures and 待办 answered).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/paths.js';
import { freePort } from './free-port.js';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const scale = smoke ? 0.05 : args.includes('--scale') ? Number(args[args.indexOf('--scale') + 1]) : 1;
const BUNDLE = join(REPO_ROOT, 'packages/server/dist/main.mjs');

interface StartFigures {
  /** The server's own account: ms from its start to listening and to ready. */
  listeningMs: number | null;
  readyMs: number | null;
  firstAnswerMs: number;
  firstAnswer: string;
  loginPageMs: number;
  homeMs: number;
  fromCopy: boolean;
}

async function oneStart(cacheDir: string): Promise<StartFigures> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'tj-first-start-'));
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  let out = '';
  const child = spawn(process.execPath, [BUNDLE], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_CACHE_DIR: cacheDir, DEMO_SCALE: String(scale), DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const since = () => Math.round(performance.now() - t0);
  try {
    let firstAnswerMs = 0;
    let firstAnswer = '';
    let loginPageMs = 0;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited:\n${out}`);
      try {
        const r = await fetch(`${url}/login`);
        const text = await r.text();
        if (!firstAnswerMs) {
          firstAnswerMs = since();
          firstAnswer = r.status === 503 ? (/<h1>(.*?)<\/h1>/.exec(text)?.[1] ?? '503') : String(r.status);
        }
        if (r.ok) {
          loginPageMs = since();
          break;
        }
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'county_admin', password: 'Tuanjian2026' }),
    });
    if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { account } = (await login.json()) as { account: { scopeOrgId: number } };
    for (const path of [`/api/stats/org-overview?orgId=${account.scopeOrgId}`, '/api/inbox', '/api/inbox/count']) {
      const r = await fetch(`${url}${path}`, { headers: { cookie } });
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    }
    const own = /\((\d+) ms 开始监听，(\d+) ms 就绪/.exec(out);
    const fromCopy = out.includes('演示数据取自已生成的副本');
    if (!fromCopy && /WARN|demo copy not saved/.test(out)) console.error(out.split('\n').filter((l) => /WARN|"level":40/.test(l)).join('\n'));
    return { listeningMs: own ? Number(own[1]) : null, readyMs: own ? Number(own[2]) : null, firstAnswerMs, firstAnswer, loginPageMs, homeMs: since(), fromCopy };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function firstStartBench(): Promise<void> {
  if (!existsSync(BUNDLE)) throw new Error('build the server first: npm run build -w @tuanjian/web && npm run build -w @tuanjian/server');
  const cacheDir = mkdtempSync(join(tmpdir(), 'tj-demo-cache-'));
  try {
    const rows: [string, StartFigures][] = [];
    rows.push(['fresh clone (demo generated, then kept)', await oneStart(cacheDir)]);
    rows.push(['later fresh data dir (cached demo copied)', await oneStart(cacheDir)]);
    console.log(`\nFirst start, demo scale ${scale} (embedded PGlite, server bundle), ms from process start:`);
    console.log('| start | first answer | login page | usable home | server: listening / ready | demo |');
    console.log('|---|---|---|---|---|---|');
    for (const [name, f] of rows)
      console.log(`| ${name} | ${f.firstAnswerMs} (${f.firstAnswer}) | ${f.loginPageMs} | ${f.homeMs} | ${f.listeningMs} / ${f.readyMs} | ${f.fromCopy ? 'copy' : 'generated'} |`);
    // The cache key covers the migrations and the bundle: a change to either between the two starts makes a new key.
    if (!rows[1]![1].fromCopy) throw new Error('the second start did not use the cached demo (were the migrations or the bundle changed meanwhile?)');
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
