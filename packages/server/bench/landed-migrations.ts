import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/connection.js';
import { MIGRATIONS_DIR } from '../src/paths.js';

/**
 * Migrations of a long-lived bench database (the province, generated once and measured again with
 * --existing): only those that have landed, i.e. the history up to the first reserved slot that is still
 * a placeholder (`SELECT 1;`). Drizzle applies a migration only if it is newer than the last one applied,
 * so a placeholder applied now would never be replaced by the slot's real SQL later; stopping before it
 * lets a later run apply the landed slots to the loaded database, as an upgrade would (and time them).
 * "Landed" means committed: the files are taken from git's HEAD (a migration being written in the shared
 * working tree is not applied half-done); outside a git checkout, from the working tree.
 */
/** Slots reserved but never used (their work went to a later slot): not waited for. */
const ABANDONED = new Set(['0030_ops']);

export async function migrateLanded(database: Database): Promise<{ applied: string[]; pending: string[]; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tj-landed-'));
  try {
    committedMigrations(dir);
    const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
    const firstPlaceholder = journal.entries.findIndex((e) => !ABANDONED.has(e.tag) && readFileSync(join(dir, `${e.tag}.sql`), 'utf8').trim().toLowerCase() === 'select 1;');
    const landed = firstPlaceholder < 0 ? journal.entries : journal.entries.slice(0, firstPlaceholder);
    writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: landed }));
    const before = await appliedCount(database);
    const t0 = performance.now();
    if (database.kind === 'postgres') await migratePg(database.db as never, { migrationsFolder: dir });
    else await migratePglite(database.db as never, { migrationsFolder: dir });
    const seconds = (performance.now() - t0) / 1000;
    const after = await appliedCount(database);
    return { applied: landed.slice(before, after).map((e) => e.tag), pending: journal.entries.slice(landed.length).map((e) => e.tag), seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Migrations this database applied in another version than the committed file (drizzle keeps each applied
 * migration's sha256 and its journal time): a slot edited after the database applied it (e.g. 0037 while it
 * was being written). Drizzle never applies a migration again, so the later content (functions, triggers,
 * the rows they keep) is missing there and its kept figures can differ from the live computation without
 * any defect in the code: regenerate the database rather than trust such a comparison.
 */
export async function appliedInAnotherVersion(database: Database): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tj-landed-'));
  try {
    committedMigrations(dir);
    const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
    let applied: { hash: string; created_at: string | number }[];
    try {
      const res = (await database.db.execute(sql`select hash, created_at from drizzle.__drizzle_migrations`)) as unknown as { rows: typeof applied };
      applied = res.rows;
    } catch {
      return [];
    }
    const byWhen = new Map(applied.map((a) => [Number(a.created_at), a.hash]));
    return journal.entries
      .filter((e) => {
        const hash = byWhen.get(e.when);
        return hash !== undefined && hash !== createHash('sha256').update(readFileSync(join(dir, `${e.tag}.sql`), 'utf8')).digest('hex');
      })
      .map((e) => e.tag);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The migrations folder as committed in HEAD, written to dir (the working tree's when git cannot tell). */
function committedMigrations(dir: string) {
  try {
    const git = (...a: string[]) => execFileSync('git', a, { cwd: MIGRATIONS_DIR, maxBuffer: 64 << 20 }).toString();
    const prefix = git('rev-parse', '--show-prefix').trim();
    mkdirSync(join(dir, 'meta'), { recursive: true });
    for (const name of git('ls-tree', '-r', '--name-only', 'HEAD', '.').split('\n').filter(Boolean)) {
      if (!name.endsWith('.sql') && name !== 'meta/_journal.json') continue;
      writeFileSync(join(dir, name), execFileSync('git', ['show', `HEAD:${prefix}${name}`], { cwd: MIGRATIONS_DIR, maxBuffer: 64 << 20 }));
    }
  } catch {
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  }
}

async function appliedCount(database: Database): Promise<number> {
  try {
    const res = (await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
    return Number(res.rows[0]!.n);
  } catch {
    return 0;
  }
}
