/**
 * National tier bench (issue 15.4, docs/scaling.md): three provincial PostgreSQL servers and a national
 * one on loopback (throwaway clusters, PG_BIN or the first /usr/lib/postgresql/N/bin), a small generated
 * province in each. Measures, sequentially, p50/p95 of
 *   - the national overview query (one query over national.rollups: one async foreign scan per province),
 *   - the same query over a local copy of the same rows on the national server (no foreign scans),
 *   - one province's own dashboard query on its own server (its root's rollup rows),
 *   - GET /api/national/overview through the HTTP layer (session, scope, figures),
 *   - the overview query with 31 provinces: 31 foreign servers, round-robin over the 3 provincial servers
 *     (each physical server answers ~10 legs), async and with async_capable off (legs one after another),
 *   - a cold session (new connection, so postgres_fdw opens its connection to every province).
 *
 *   npx tsx packages/server/bench/national.ts [--runs 200] [--counties 3] [--scale 0.02]
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.js';
import { buildApp } from '../src/app.js';
import { configurePasswordHashing, hashPassword } from '../src/modules/auth/passwords.js';
import { setupNational } from '../src/national/setup.js';
import type { ProvinceConfig } from '../src/national/config.js';
import { Clusters, createDatabase, provinceOn, type ProvinceSpec } from './national-provinces.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 200);
const COUNTIES = arg('counties', 3);
const SCALE = arg('scale', 0.02);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
async function timed(runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(5, runs); i++) await fn(); // warm-up: plans, fdw connections
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

const OVERVIEW = (from: string) => `select r.province, p.name, r.org_id, r.org_name, r.metric, r.value
  from ${from} r join national.provinces p on p.code = r.province where r.org_type = 'provincial'`;

function pgBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const v = readdirSync('/usr/lib/postgresql').sort().reverse()[0];
  if (!v) throw new Error('PostgreSQL server binaries not found: set PG_BIN');
  return `/usr/lib/postgresql/${v}/bin`;
}

async function main() {
  configurePasswordHashing({ memoryCost: 1024, timeCost: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'tj-national-bench-'));
  const clusters = new Clusters(pgBin(), dir);
  const specs: ProvinceSpec[] = [
    { code: '52', name: '贵州省', counties: COUNTIES, scale: SCALE },
    { code: '53', name: '云南省', counties: COUNTIES, scale: SCALE },
    { code: '45', name: '广西壮族自治区', counties: COUNTIES, scale: SCALE },
  ];
  const lines: string[] = [];
  const out = (s: string) => {
    lines.push(s);
    console.log(s);
  };
  try {
    let t = performance.now();
    await Promise.all(['national', ...specs.map((s) => `p${s.code}`)].map((n) => clusters.init(n)));
    await createDatabase(clusters.url('national'), 'tuanjian');
    const nationalUrl = clusters.url('national', 'tuanjian');
    const nationalDb = await openDatabase({ url: nationalUrl, poolSize: 2 });
    const [, ...made] = await Promise.all([nationalDb.migrate(), ...specs.map((s) => provinceOn(clusters.url(`p${s.code}`), s))]);
    const provinces: ProvinceConfig[] = specs.map((s, i) => ({ code: s.code, name: s.name, url: made[i]!.url }));
    const national = new pg.Client({ connectionString: nationalUrl });
    await national.connect();
    await setupNational(national, provinces, { selfUrl: nationalUrl });
    const [{ n: people }] = (await national.query('select count(*)::int as n from national.id_registry')).rows;
    const [{ n: orgs }] = (await national.query(`select sum(value)::int as n from national.rollups where org_type = 'provincial' and metric = 'orgs:total'`)).rows;
    out(`3 provinces × ${COUNTIES} counties: ${orgs} organizations, ${people} people registered; set up in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    const [{ n: rowsPerQuery }] = (await national.query(`select count(*)::int as n from (${OVERVIEW('national.rollups')}) x`)).rows;

    const results: [string, { p50: number; p95: number }][] = [];
    const measure = async (label: string, fn: () => Promise<unknown>, runs = RUNS) => {
      const r = await timed(runs, fn);
      results.push([label, r]);
      out(`${label}: ${r.p50.toFixed(2)} / ${r.p95.toFixed(2)} ms (p50/p95)`);
    };

    await measure(`national overview query, 3 provinces through postgres_fdw (${rowsPerQuery} rows)`, () => national.query(OVERVIEW('national.rollups')));
    await national.query(`drop table if exists bench_local_rollups; create table bench_local_rollups as select * from national.rollups; analyze bench_local_rollups`);
    await measure('the same query on one local database (a copy of the same rows on the national server)', () => national.query(OVERVIEW('bench_local_rollups')));
    const province = new pg.Client({ connectionString: made[0]!.url });
    await province.connect();
    await measure('one province’s own dashboard rows on its own server (org_rollups of its root)', () =>
      province.query('select metric, value from org_rollups where org_id = $1', [made[0]!.rootId]),
    );
    await province.end();

    // Through the API: a central-committee account on the national server.
    const [central] = (await national.query(`insert into organizations (name, type, sector) values ('共青团中央', 'central', 'government') returning id`)).rows;
    await national.query(
      `insert into accounts (username, display_name, password_hash, role, scope_org_id, must_change_password) values ('central_admin', '团中央管理员', $1, 'org_admin', $2, false)`,
      [await hashPassword('Tuanjian2026'), central.id],
    );
    const app = await buildApp({ database: nationalDb, logLevel: 'silent', loginRateLimit: 100_000 });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'central_admin', password: 'Tuanjian2026' } });
    const headers = { cookie: `tj_session=${login.cookies.find((c) => c.name === 'tj_session')!.value}` };
    await measure('GET /api/national/overview, 3 provinces (HTTP layer, session, scope, figures)', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/national/overview', headers });
      if (r.statusCode !== 200) throw new Error(r.body);
    });

    // 31 provinces: 28 more foreign servers (codes 11–38), round-robin over the 3 provincial servers, beside
    // the 3 already set up (a re-run keeps them): 31 legs, each a foreign scan of a real provincial database.
    t = performance.now();
    const thirtyOne: ProvinceConfig[] = Array.from({ length: 28 }, (_, i) => ({ code: String(11 + i), name: `第${i + 1}省`, url: provinces[i % 3]!.url }));
    await setupNational(national, thirtyOne, { backfillRegistry: false });
    const [{ n: legs }] = (await national.query(`select count(distinct province)::int as n from national.rollups where org_type = 'provincial'`)).rows;
    out(`31 provinces set up in ${((performance.now() - t) / 1000).toFixed(1)} s (${legs} provinces answer)`);
    await measure('national overview query, 31 provinces (async foreign scans)', () => national.query(OVERVIEW('national.rollups')));
    await measure('GET /api/national/overview, 31 provinces', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/national/overview', headers });
      if (r.statusCode !== 200) throw new Error(r.body);
    });
    await measure(
      'national overview query, 31 provinces, cold session (postgres_fdw opens 31 connections)',
      async () => {
        const c = new pg.Client({ connectionString: nationalUrl });
        await c.connect();
        await c.query(OVERVIEW('national.rollups'));
        await c.end();
      },
      Math.min(RUNS, 30),
    );
    const servers = (await national.query(`select server from national.provinces`)).rows.map((r) => r.server as string);
    for (const s of servers) await national.query(`alter server ${s} options (set async_capable 'false')`);
    await measure('national overview query, 31 provinces, async_capable off (legs one after another)', () => national.query(OVERVIEW('national.rollups')));
    for (const s of servers) await national.query(`alter server ${s} options (set async_capable 'true')`);

    const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
    out(`\nload average at the end: ${load} (2 cores shared)\n`);
    out('| figure | p50 ms | p95 ms |\n|---|---|---|');
    for (const [label, r] of results) out(`| ${label} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} |`);
    await app.close();
    await national.end();
    await nationalDb.close();
    for (const m of made) await m.database.close();
  } finally {
    clusters.stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
