import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/connection.js';
import { query } from '../db/sql.js';

/**
 * The embedded engine's housekeeping. PGlite runs PostgreSQL in this process without its background
 * workers: no autovacuum and no automatic ANALYZE. Left alone, the planner never has statistics
 * (every table of a fresh installation has reltuples = -1) and the kept-figure tables, whose rows are
 * updated by every write (org_figures, org_rollups, …), keep every dead row version, so each read of a
 * kept figure visits more and more of them. PostgreSQL servers have autovacuum and need none of this.
 *
 *  - at start: ANALYZE when some table was never analyzed (a new or upgraded installation);
 *  - every `intervalMs` (10 minutes): VACUUM (ANALYZE) of the kept-figure tables, only when something was
 *    written since the last run (the audit log, which every write goes through, has grown);
 *  - once a night (03:30 China time): VACUUM (ANALYZE) of the whole database.
 * Each runs as one statement outside any transaction: PGlite runs it between requests' transactions.
 */
export interface MaintenanceOptions {
  intervalMs?: number;
}

export interface MaintenanceRun {
  kind: 'analyze' | 'figures' | 'nightly';
  ms: number;
}

/** The tables every write updates in place (kept figures, and the ordered rows of migration 0044), vacuumed between nights. */
export async function keptFigureTables(database: Database): Promise<string[]> {
  const rows = await query<{ t: string }>(
    database.db,
    sql`select tablename as t from pg_tables where schemaname = 'public'
           and (tablename like '%\\_figures' or tablename like '%\\_ranked' or tablename in ('org_rollups', 'dues_behind')) order by 1`,
  );
  return rows.map((r) => r.t);
}

/** One pass of the embedded engine's housekeeping (exported for the tests and for `npm run` scripts). */
export async function runMaintenance(database: Database, kind: MaintenanceRun['kind']): Promise<MaintenanceRun> {
  const started = performance.now();
  if (kind === 'analyze') await database.db.execute(sql`analyze`);
  else if (kind === 'nightly') await database.db.execute(sql`vacuum (analyze)`);
  else {
    const tables = await keptFigureTables(database);
    if (tables.length) await database.db.execute(sql.raw(`vacuum (analyze) ${tables.map((t) => `"${t}"`).join(', ')}`));
  }
  return { kind, ms: Math.round(performance.now() - started) };
}

async function neverAnalyzed(database: Database): Promise<boolean> {
  const [r] = await query<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'public' and c.relkind = 'r' and c.reltuples < 0`,
  );
  return (r?.n ?? 0) > 0;
}

async function lastAudit(database: Database): Promise<string> {
  const [r] = await query<{ id: string | null }>(database.db, sql`select max(id)::text as id from audit_log`);
  return r?.id ?? '';
}

/** Milliseconds until the next 03:30 in China (UTC+8). */
function untilNight(now = Date.now()): number {
  const cst = new Date(now + 8 * 3600_000);
  let next = Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth(), cst.getUTCDate(), 3, 30) - 8 * 3600_000;
  if (next <= now) next += 24 * 3600_000;
  return next - now;
}

export function scheduleEmbeddedMaintenance(database: Database, log: FastifyBaseLogger, opts: MaintenanceOptions = {}): () => void {
  if (database.kind !== 'pglite') return () => {};
  const intervalMs = opts.intervalMs ?? 10 * 60_000;
  let stopped = false;
  let seen = '';
  const timers: NodeJS.Timeout[] = [];
  const run = async (kind: MaintenanceRun['kind']) => {
    try {
      const r = await runMaintenance(database, kind);
      log.info(r, 'embedded database housekeeping');
    } catch (err) {
      log.warn({ err, kind }, 'embedded database housekeeping failed');
    }
  };
  const tick = async () => {
    if (stopped) return;
    const last = await lastAudit(database).catch(() => seen);
    if (last !== seen) {
      seen = last;
      await run('figures');
    }
  };
  const night = () => {
    const t = setTimeout(async () => {
      if (stopped) return;
      await run('nightly');
      seen = await lastAudit(database).catch(() => seen);
      night();
    }, untilNight());
    t.unref();
    timers.push(t);
  };
  void (async () => {
    seen = await lastAudit(database).catch(() => '');
    if (!stopped && (await neverAnalyzed(database).catch(() => false))) await run('analyze');
    const every = setInterval(() => void tick(), intervalMs);
    every.unref();
    timers.push(every);
    night();
  })();
  return () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
  };
}
