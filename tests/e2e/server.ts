import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../packages/server/bench/free-port.js';

export { freePort };

/** The browser suites' servers, without the test runner: scripts/test-all.sh warms their demo copies with it (warm-demo.ts). */
export const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The environments the browser suites start their servers with. Each scale and business date is a demo county of
 * its own (ops/demo-snapshot.ts keys the cached copy by both); warm-demo.ts generates each once before the suite.
 */
export const SERVERS = {
  /** The demo county at the browser tests' scale (DEMO_SCALE 0.1, set by startServer), dated today. */
  standard: {},
  /** Half of it: the suites that open every page or take many screenshots. */
  small: { DEMO_SCALE: '0.05' },
  /** On a fixed business date: the suites whose steps depend on the day (development's waiting periods, terms). */
  dated: { TJ_TODAY: '2026-11-20' },
} as const satisfies Record<string, Record<string, string>>;

export interface RunningServer {
  url: string;
  output: () => string;
  /** SIGTERM, wait for exit; the data directory is removed unless it was given to startServer. */
  stop(): Promise<number | null>;
}

/**
 * Starts the real server on a free port with a fresh embedded database and the
 * demo county, as `npm start` would, and waits until it answers. The web
 * client must have been built (test-all does). With E2E_SERVER_BUNDLE=1 it runs
 * the bundle `npm start` runs (dist/main.mjs, built by test-all), otherwise the
 * sources through tsx, so that a local run never tests a stale bundle.
 */
export async function startServer(env: Record<string, string> = {}, opts: { dataDir?: string; startTimeoutMs?: number } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'tj-e2e-'));
  let out = '';
  const entry = process.env.E2E_SERVER_BUNDLE === '1' ? ['--enable-source-maps', 'packages/server/dist/main.mjs'] : ['--import', 'tsx', 'packages/server/src/main.ts'];
  const child: ChildProcess = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn', DATABASE_URL: '', DEMO_SCALE: '0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  // E2E_START_TIMEOUT_MS: a longer wait on a busy machine (a fresh demo county when its cached copy is stale).
  const deadline = Date.now() + (opts.startTimeoutMs ?? Number(process.env.E2E_START_TIMEOUT_MS ?? 120_000));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      const r = await fetch(`${url}/api/health`);
      // Ready once healthy and the start-up banner (logins) has been printed.
      if (r.ok && out.includes('已启动')) break;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) {
      // Not left running (and holding its port and a core) behind the failure.
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return child.exitCode;
    },
  };
}

