/**
 * Mixed load (issue 11, item 7): ordinary requests from 32 clients while one
 * client keeps sending a heavy request, on the running bench app.
 *
 *  - ordinary requests alone;
 *  - with a people search for the most common name prefix, computed as before
 *    (every match materialized and sorted, counted up to the cap) and without
 *    the statement limit: what stalled everyone on the embedded database;
 *  - with the same search as the API answers it now (GET /api/people?q=…: an
 *    index-bound walk, the request under STATEMENT_TIMEOUT_MS);
 *  - with a deliberately heavy statement (a 60 s sleep) under the limit: PostgreSQL
 *    cancels it at the limit; PGlite cannot interrupt a statement, so there it is
 *    a sequence of 50 ms statements, refused once the request's budget is spent.
 *
 * The previous computation stays here, as a bench-only route, for the comparison.
 */
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { api } from '@tuanjian/domain';
import type { Database } from '../src/db/connection.js';
import { withSystem } from '../src/db/context.js';
import { query } from '../src/db/sql.js';
import { registerRoutes, scoped } from '../src/http/route.js';
import { COUNT_CAP } from '../src/modules/people/service.js';

const unboundedSearch = api.contract({
  method: 'GET',
  path: '/api/bench/people-search-before',
  permission: 'person:read',
  tag: 'bench',
  summary: 'the people search as computed before issue 11 (every match sorted), without a statement limit',
  query: z.object({ q: z.string() }),
  response: z.object({ items: z.number(), total: z.number() }),
});

const deliberatelyHeavy = api.contract({
  method: 'GET',
  path: '/api/bench/heavy-statement',
  permission: 'person:read',
  tag: 'bench',
  summary: 'a 60 s sleep (PostgreSQL: one statement; PGlite: 50 ms statements), under the statement limit',
  response: z.object({ ok: z.boolean() }),
});

/** Registers the bench-only routes; call before the app first answers a request. */
export function registerBenchRoutes(app: FastifyInstance, database: Database) {
  registerRoutes(
    app,
    database,
    [
      scoped(unboundedSearch, async ({ tx }, { query: { q } }) => {
        const last = [...q];
        const upper = last.slice(0, -1).join('') + String.fromCodePoint(last.at(-1)!.codePointAt(0)! + 1);
        const matches = sql`with p as materialized (select * from people p where p.registry_status = 'active'
            and p.name ~>=~ ${q} and p.name like ${`${q}%`} and p.name ~<~ ${upper})`;
        const items = await query<{ id: number }>(
          tx,
          sql`${matches} select p.*, o.name as org_name, c.stage from p join organizations o on o.id = p.org_id
                left join development_cases c on c.person_id = p.id and c.status = 'in_progress'
               order by o.path, p.name, p.id limit 20`,
        );
        const [n] = await query<{ n: number }>(tx, sql`select count(*)::int as n from (${matches} select 1 from p join organizations o on o.id = p.org_id limit ${COUNT_CAP + 1}) x`);
        return { items: items.length, total: n!.n };
      }),
    ],
    { loginRateLimit: 1_000_000, statementTimeoutMs: 0 },
  );
  registerRoutes(
    app,
    database,
    [
      scoped(deliberatelyHeavy, async ({ tx }) => {
        if (database.kind === 'postgres') await tx.execute(sql`select pg_sleep(60)`);
        else for (let i = 0; i < 1200; i++) await tx.execute(sql`select pg_sleep(0.05)`);
        return { ok: true };
      }),
    ],
    { loginRateLimit: 1_000_000 },
  );
}

export interface MixedRow {
  what: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  heavy: string;
}

/** Runs each scenario for `seconds` and returns one row per scenario. */
export async function mixedLoad(database: Database, port: number, cookie: string, township: number, seconds: number): Promise<MixedRow[]> {
  const [common] = await withSystem(database, 'bench', (tx) =>
    query<{ c: string; n: number }>(tx, sql`select left(name, 1) as c, count(*)::int as n from people group by 1 order by 2 desc limit 1`),
  );
  const prefix = encodeURIComponent(common!.c);
  const base = `http://127.0.0.1:${port}`;
  const ordinary = [
    `/api/stats/dashboard?orgId=${township}`,
    `/api/people?under=${township}&kind=member&page=2`,
    `/api/people?under=${township}&q=${encodeURIComponent('张')}`,
  ];
  const scenarios: [string, string | null][] = [
    ['ordinary requests alone', null],
    [`+ 1 client: search "${common!.c}" (${common!.n.toLocaleString('en')} matches) as computed before, no limit`, `/api/bench/people-search-before?q=${prefix}`],
    [`+ 1 client: the same search as the API answers it now (bounded, limit on)`, `/api/people?q=${prefix}&pageSize=20`],
    ['+ 1 client: a deliberately heavy request (60 s), limit on', '/api/bench/heavy-statement'],
  ];
  const rows: MixedRow[] = [];
  for (const [what, heavyPath] of scenarios) {
    let stop = false;
    const heavyTimes: number[] = [];
    const heavyStatus = new Map<number, number>();
    const heavyLoop = (async () => {
      while (heavyPath && !stop) {
        const s = performance.now();
        const res = await fetch(base + heavyPath, { headers: { cookie } });
        await res.arrayBuffer();
        heavyTimes.push(performance.now() - s);
        heavyStatus.set(res.status, (heavyStatus.get(res.status) ?? 0) + 1);
      }
    })();
    const r = await clients(base, ordinary, cookie, 32, seconds);
    stop = true;
    await heavyLoop;
    heavyTimes.sort((a, b) => a - b);
    const heavy = heavyPath
      ? `${heavyTimes.length} (${[...heavyStatus].map(([status, n]) => `${n} × ${status}`).join(', ')}), median ${Math.round(pct(heavyTimes, 50))} ms`
      : '–';
    rows.push({ what, rps: Math.round(r.times.length / r.seconds), p50: Math.round(pct(r.times, 50)), p99: Math.round(pct(r.times, 99)), errors: r.errors, heavy });
  }
  return rows;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * `n` clients, each sending the paths in turn for `seconds`; a request still
 * running at the end is waited for and counted (a stalled request must show in
 * the percentiles, not drop out as autocannon's unfinished ones do).
 */
async function clients(base: string, paths: string[], cookie: string, n: number, seconds: number) {
  const started = performance.now();
  const end = started + seconds * 1000;
  const times: number[] = [];
  let errors = 0;
  await Promise.all(
    Array.from({ length: n }, async (_, c) => {
      for (let i = c; performance.now() < end; i++) {
        const s = performance.now();
        const res = await fetch(base + paths[i % paths.length], { headers: { cookie } });
        await res.arrayBuffer();
        times.push(performance.now() - s);
        if (res.status !== 200) errors++;
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { times, errors, seconds: (performance.now() - started) / 1000 };
}
