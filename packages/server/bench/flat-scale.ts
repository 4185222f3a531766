/**
 * Issue 15 at scale: every overview figure of bench/flat-figures.ts (its figures() list: each endpoint and
 * its plain computation) at the levels of a large tree — the synthetic province's root, a city, a county,
 * a township — maintained (through the route) beside plain (the live computation in the caller's scope),
 * in the same run. Unlike flatFiguresBench (the demo county, where everything is quick), the plain side is
 * capped: at province size one live computation can take minutes, so
 *  - each plain call runs on a connection of its own with PostgreSQL's statement_timeout = capSeconds (a
 *    statement past it is cancelled; the row shows "> the time the call had run"), and
 *  - after its first call (which is also the equality check) it is repeated only while its budget lasts.
 * A maintained answer that differs from the plain one is reported in the table, not thrown: the run goes on.
 * Used by run.ts for `--size` runs and `--existing` (e.g. `--existing --figures-only` on the province).
 */
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../src/db/connection.js';
import type { Actor } from '../src/db/context.js';
import { figures } from './flat-figures.js';

export interface ScaleTimes {
  p50: number;
  p95: number;
  n: number;
}

export interface ScaleRow {
  figure: string;
  org: string;
  plain: ScaleTimes | null;
  maintained: ScaleTimes | null;
  /** Why a side has no figures, or that the answers differ. */
  note: string;
  /** The plain call was cancelled at this many ms (statement_timeout). */
  plainCappedMs?: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
const stats = (times: number[]): ScaleTimes => {
  const s = [...times].sort((a, b) => a - b);
  return { p50: pct(s, 50), p95: pct(s, 95), n: s.length };
};

export interface ScaleOptions {
  maintainedRuns: number;
  plainRuns: number;
  /** Time for the repeated plain calls of one figure at one organization (after the first). */
  plainBudgetMs: number;
  /** PostgreSQL: cancel a plain call after this many seconds (0: no limit). */
  capSeconds: number;
  /** PostgreSQL URL of the measured database, to open the capped connections of the plain side. */
  url?: string;
  /** Only the figures whose name contains one of these. */
  only?: string[];
  log?: (line: string) => void;
}

export async function flatFiguresAtScale(
  app: FastifyInstance,
  database: Database,
  cookie: string,
  actor: Actor,
  orgs: { label: string; id: number }[],
  opts: ScaleOptions,
): Promise<ScaleRow[]> {
  let plainDb = database;
  if (opts.url && opts.capSeconds > 0) {
    const u = new URL(opts.url);
    u.searchParams.set('options', `-c statement_timeout=${opts.capSeconds * 1000}`);
    plainDb = await openDatabase({ url: u.toString(), poolSize: 2 });
  }
  const rows: ScaleRow[] = [];
  try {
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body.slice(0, 200)}`);
      return res.json();
    };
    for (const f of figures(plainDb, actor).filter((x) => !opts.only?.length || opts.only.some((o) => x.figure.includes(o)))) {
      for (const org of orgs) {
        const row: ScaleRow = { figure: f.figure, org: org.label, plain: null, maintained: null, note: '' };
        rows.push(row);
        let answer: unknown;
        if (opts.maintainedRuns > 0) try {
          answer = await get(f.url(org.id));
          // Two more uncounted calls (three with the answer's): measured warm, as flat-figures.ts timed() does.
          for (let i = 0; i < 2; i++) await get(f.url(org.id));
          const times: number[] = [];
          for (let i = 0; i < opts.maintainedRuns; i++) {
            const s = performance.now();
            await get(f.url(org.id));
            times.push(performance.now() - s);
          }
          row.maintained = stats(times);
        } catch (err) {
          row.note = `maintained: ${(err as Error).message.slice(0, 120)}`;
        }
        const plainStarted = performance.now();
        try {
          const times: number[] = [];
          let s = performance.now();
          const plain = JSON.parse(JSON.stringify(await f.plain(org.id)));
          times.push(performance.now() - s);
          if (answer !== undefined && !isDeepStrictEqual(answer, plain)) row.note = 'maintained and plain answers differ';
          const started = performance.now();
          while (times.length < opts.plainRuns && performance.now() - started < opts.plainBudgetMs) {
            s = performance.now();
            await f.plain(org.id);
            times.push(performance.now() - s);
          }
          row.plain = stats(times);
        } catch (err) {
          const e = err as Error & { cause?: { code?: string } };
          const code = e.cause?.code ?? (e as { code?: string }).code;
          // The cap is PostgreSQL's statement_timeout: a computation of several statements may run longer
          // before one of them passes it; the row shows how long the call ran until it was cancelled.
          if (code === '57014') row.plainCappedMs = performance.now() - plainStarted;
          row.note = [row.note, code === '57014' ? `plain: a statement passed ${opts.capSeconds} s (cancelled)` : `plain: ${e.message.slice(0, 120)}`].filter(Boolean).join('; ');
        }
        opts.log?.(`${row.figure} — ${row.org}: plain ${fmt(row.plain)}, maintained ${fmt(row.maintained)}${row.note ? ` (${row.note})` : ''}`);
      }
    }
  } finally {
    if (plainDb !== database) await plainDb.close();
  }
  return rows;
}

const fmt = (t: ScaleTimes | null) => (t ? `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)} ms (${t.n})` : '—');

export function printScaleRows(rows: ScaleRow[], title: string) {
  console.log(`\n${title}\n\n| figure (issue 15) | organization | plain p50 / p95 ms (runs) | maintained p50 / p95 ms (runs) | ratio (p95) | note |\n|---|---|---|---|---|---|`);
  for (const r of rows) {
    const ratio =
      r.plain && r.maintained ? `${(r.plain.p95 / r.maintained.p95).toFixed(0)}×` : r.plainCappedMs && r.maintained ? `> ${(r.plainCappedMs / r.maintained.p95).toFixed(0)}×` : '—';
    const plain = r.plainCappedMs ? `> ${(r.plainCappedMs / 1000).toFixed(1)} s` : fmt(r.plain);
    console.log(`| ${r.figure} | ${r.org} | ${plain} | ${fmt(r.maintained)} | ${ratio} | ${r.note} |`);
  }
}

/* ------------------------------------------ standalone: the demo county on PGlite */

/**
 *   npx tsx packages/server/bench/flat-scale.ts [--scale 1] [--runs 10] [--plain-runs N (default --runs)] [--only TEXT]
 * The demo county with its year of records (PGlite, in memory), every figure at the county root and a
 * township, maintained beside plain as above (no cap: PGlite has no statement_timeout of its own here);
 * unlike flat-figures.ts it goes on past a difference and notes it in the table.
 */
async function demoCounty() {
  const { parseArgs } = await import('node:util');
  const { loadavg } = await import('node:os');
  const { loadDemoCounty } = await import('./demo-county.js');
  const { actorOf } = await import('./flat-figures.js');
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '10' }, 'plain-runs': { type: 'string' }, only: { type: 'string' }, 'no-housekeeping': { type: 'boolean', default: false } } });
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`load average at the start: ${load()}`);
  const { database, app, login, rootAndTownship, close } = await loadDemoCounty(Number(values.scale), { housekeeping: !values['no-housekeeping'] });
  const cookie = await login('county_admin');
  const orgs = await rootAndTownship();
  const runs = Number(values.runs);
  const rows = await flatFiguresAtScale(app, database, cookie, await actorOf(database, 'county_admin'), orgs, {
    maintainedRuns: runs,
    plainRuns: Number(values['plain-runs'] ?? runs),
    plainBudgetMs: 30_000,
    capSeconds: 0,
    log: (l) => console.log(l),
    only: values.only?.split(','),
  });
  printScaleRows(rows, `## demo county (scale ${values.scale}), PGlite: overview figures, plain beside maintained; load average at the end ${load()}`);
  await close();
}

if (import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]!).href) {
  demoCounty().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
