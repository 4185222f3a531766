/**
 * The province (or city) on PostgreSQL, generated once and kept for the measurements of issue 15:
 *   npx tsx packages/server/bench/province.ts --url postgres://127.0.0.1:PORT/tj_province [--size province|city]
 * Each step runs only if it has not run yet, so the command can be repeated on the same database:
 *  1. the landed migrations (bench/landed-migrations.ts: up to the first slot still a placeholder);
 *  2. the tree and its people (bench/synthetic.ts, set-based, triggers off), rollups;
 *  3. a year of records in proportion to the demo county (bench/synthetic-year.ts), set-based, triggers off;
 *  4. the kept figures (org_figures and their own rows) rebuilt from the records.
 * Prints the time of each part. Then measure with
 *   BENCH_DATABASE_URL=… npm run bench -w @tuanjian/server -- --existing --size province
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/connection.js';
import { withSystem } from '../src/db/context.js';
import { query } from '../src/db/sql.js';
import { migrateLanded } from './landed-migrations.js';
import { loadSynthetic, type SyntheticSize } from './synthetic.js';
import { checkFastRebuild, loadSyntheticYear, rebuildFigures } from './synthetic-year.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    size: { type: 'string', default: 'province' },
    'no-year': { type: 'boolean', default: false },
    /** Share of theme days and oath ceremonies with their attendance rows (1 = every one, as the demo). */
    'attendance-share': { type: 'string', default: '1' },
    /** Do not apply migrations that landed since the database was loaded (they run later, timed, e.g. by run.ts --existing). */
    'no-migrate': { type: 'boolean', default: false },
    /** Leave the kept figures empty (fill them later with --rebuild). */
    'no-figures': { type: 'boolean', default: false },
    /** Rebuild the kept figures again even if they are there (e.g. after new migrations). */
    rebuild: { type: 'boolean', default: false },
    /** Also rebuild with tj_figures_rebuild() itself and compare (city size: the set-based rebuild gives the same rows). */
    check: { type: 'boolean', default: false },
  },
});
if (!values.url) throw new Error('--url postgres://… (a database of its own: it is filled, never dropped)');
const size = values.size as SyntheticSize;
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

const database = await openDatabase({ url: values.url, poolSize: 4 });
try {
  const m = values['no-migrate'] ? { applied: [], pending: ['(not checked: --no-migrate)'], seconds: 0 } : await migrateLanded(database);
  log(`migrations: ${m.applied.length ? m.applied.join(', ') : 'none new'} in ${m.seconds.toFixed(1)} s; not yet landed: ${m.pending.join(', ') || 'none'}`);
  const count = async (table: string) =>
    Number((await withSystem(database, 'bench', (tx) => query<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(table)}`)))[0]!.n);
  if ((await count('organizations')) === 0) {
    const t0 = performance.now();
    const r = await loadSynthetic(database, size, log);
    log(`tree: ${r.orgs} organizations, ${r.people} people (${r.members} members) in ${((performance.now() - t0) / 1000).toFixed(0)} s — orgs ${r.seconds.orgs.toFixed(1)} s, people ${r.seconds.people.toFixed(1)} s, rollups ${r.seconds.rollups.toFixed(1)} s, analyze ${r.seconds.indexes.toFixed(1)} s`);
  } else log(`tree: already loaded (${await count('organizations')} organizations)`);
  if (!values['no-year']) {
    const t0 = performance.now();
    const parts = await loadSyntheticYear(database, log, { attendanceShare: Number(values['attendance-share']) });
    if (parts.length) log(`year of records: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const [figures] = await withSystem(database, 'bench', (tx) => query<{ n: number }>(tx, sql`select count(*)::int as n from org_figures where metric = 'mtg:held'`));
    if (!values['no-figures'] && (parts.length || values.rebuild || figures!.n === 0)) {
      log(`kept figures: set-based rebuild ${(await rebuildFigures(database, { fast: true })).toFixed(1)} s, ${await count('org_figures')} rows of org_figures`);
    }
    if (values.check) {
      const fast = await checkFastRebuild(database);
      log(`check: ${fast.rows} rows after the set-based rebuild; against tj_figures_recount(): ${fast.missing} missing, ${fast.extra} extra`);
      log(`check: tj_figures_rebuild() itself ${(await rebuildFigures(database, { fast: false })).toFixed(1)} s, ${await count('org_figures')} rows`);
    }
  }
} finally {
  await database.close();
}
