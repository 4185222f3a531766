import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_DIR, REPO_ROOT } from '../paths.js';
import { today } from '../lib/clock.js';

/**
 * The demo county as a prepared data directory. Generating it takes a minute at full scale (16 s at
 * the browser tests' 0.1); the first start on an empty embedded database generates it once, copies
 * the data directory to the cache, and every later fresh start (a new clone's second start, each
 * browser test file's own server) copies that directory instead — each start still gets its own copy.
 *
 * The copy is keyed by everything the generated data depends on: the demo scale, the business date
 * (the demo's records are dated from it), the migrations, the code that generates it (the server
 * bundle, or the server's and domain's sources when run through tsx) and SEED_VERSION. A change to any
 * of them makes a new key; older copies are pruned. A copy carries no usable secret: the platform
 * administrator's password is replaced at each start from a copy (ops/first-start.ts).
 */
export const SEED_VERSION = 1;
const KEEP = 4;

export function demoCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DEMO_CACHE_DIR || join(REPO_ROOT, 'data', 'demo-cache');
}

function hashTree(hash: ReturnType<typeof createHash>, dir: string, keep: (name: string) => boolean = () => true) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, path, keep);
    else if (entry.isFile() && keep(entry.name)) hash.update(entry.name).update(readFileSync(path));
  }
}

/** The cache key of the demo at `scale` for this build. */
export function demoSnapshotKey(scale: number): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ scale, today: today(), seed: SEED_VERSION }));
  hashTree(hash, MIGRATIONS_DIR);
  const self = fileURLToPath(import.meta.url);
  // The bundle: this file is a chunk in dist/chunks; dist holds main.mjs and every chunk of this build.
  if (self.endsWith('.mjs')) hashTree(hash, join(dirname(self), '..'), (name) => name.endsWith('.mjs'));
  else for (const pkg of ['server', 'domain']) hashTree(hash, join(REPO_ROOT, 'packages', pkg, 'src'));
  return `demo-${scale}-${today()}-${hash.digest('hex').slice(0, 16)}`;
}

/** An embedded data directory that holds no database yet (absent or empty of PostgreSQL's files). */
export function isEmptyDataDir(dataDir: string): boolean {
  return !existsSync(join(dataDir, 'PG_VERSION'));
}

/**
 * Copies the cached demo into the empty `dataDir`; false when there is no copy for `key`. Copied
 * asynchronously: the start-up page keeps answering meanwhile.
 */
export async function restoreDemoSnapshot(cacheDir: string, key: string, dataDir: string): Promise<boolean> {
  const from = join(cacheDir, key);
  if (!existsSync(join(from, 'PG_VERSION'))) return false;
  mkdirSync(dataDir, { recursive: true });
  await cp(from, dataDir, { recursive: true });
  return true;
}

/**
 * Saves the running embedded database's data directory as the cached demo: a checkpoint writes every
 * page out, then the files are copied while PGlite runs no statement (its query lock), so the copy
 * is what a clean shutdown would have left. Written under a temporary name and renamed, so a
 * concurrent start sees a whole copy or none.
 */
export async function saveDemoSnapshot(pglite: PGlite, dataDir: string, cacheDir: string, key: string): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  const target = join(cacheDir, key);
  if (existsSync(target)) return;
  const tmp = `${target}.tmp-${process.pid}`;
  await pglite.exec('checkpoint');
  await pglite._runExclusiveQuery(async () => cpSync(dataDir, tmp, { recursive: true }));
  try {
    renameSync(tmp, target);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another start saved it first
  }
  pruneDemoSnapshots(cacheDir);
}

function pruneDemoSnapshots(cacheDir: string) {
  const copies = readdirSync(cacheDir)
    .filter((n) => n.startsWith('demo-') && !n.includes('.tmp-'))
    .map((n) => ({ n, t: statSync(join(cacheDir, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { n } of copies.slice(KEEP)) rmSync(join(cacheDir, n), { recursive: true, force: true });
}
