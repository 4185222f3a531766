/**
 * `npm run bench [-- --size county|city|province] [-- --smoke]`
 *
 * Loads a generated tree into a fresh database (PGlite, and PostgreSQL when
 * BENCH_DATABASE_URL is set), then measures through the API (in-process
 * requests): subtree overview figures at each level, a scoped organization
 * list page, a name search, and the server's memory. Prints one table per engine.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/connection.js';
import { withSystem } from '../src/db/context.js';
import { query } from '../src/db/sql.js';
import { configurePasswordHashing, hashPassword } from '../src/modules/auth/passwords.js';
import { YUQING, generateCounty, generateRegion } from '../src/seed/demo-county.js';
import { writeTree, type OrgNode } from '../src/seed/tree.js';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const size = (args[args.indexOf('--size') + 1] as 'county' | 'city' | 'province' | undefined) ?? 'county';
const iterations = smoke ? 20 : 200;

function tree(): OrgNode {
  if (smoke || size === 'county') return generateCounty(YUQING);
  return size === 'city' ? generateRegion('city', 12, 7) : generateRegion('provincial', 100, 11);
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function bench(database: Database, label: string) {
  configurePasswordHashing({ memoryCost: 1024, timeCost: 1 });
  await database.migrate();
  const root = tree();
  const t0 = performance.now();
  const count = await withSystem(database, 'bench', (tx) => writeTree(tx, root));
  const loadMs = performance.now() - t0;
  const hash = await hashPassword('Bench2026x');
  await withSystem(database, 'bench', (tx) =>
    tx.execute(sql`insert into accounts (username, display_name, password_hash, role, scope_org_id, must_change_password)
      values ('bench', '压测账号', ${hash}, 'org_admin', ${root.id!}, false)`),
  );
  const app = await buildApp({ database, logLevel: 'silent' });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench', password: 'Bench2026x' } });
  const cookie = `tj_session=${login.cookies.find((c) => c.name === 'tj_session')!.value}`;

  const pickAtDepth = async (depth: number) => {
    const rows = await withSystem(database, 'bench', (tx) =>
      query<{ id: number }>(tx, sql`select id from organizations where nlevel(path) = ${depth} order by id limit 1`),
    );
    return rows[0] ? Number(rows[0].id) : null;
  };
  const levels: [string, number | null][] = [
    ['root', root.id!],
    ['depth 2', await pickAtDepth(2)],
    ['depth 3', await pickAtDepth(3)],
    ['depth 4', await pickAtDepth(4)],
  ];
  const results: { what: string; p50: number; p95: number }[] = [];
  const measure = async (what: string, url: string) => {
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const s = performance.now();
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    results.push({ what, p50: percentile(times, 50), p95: percentile(times, 95) });
  };
  for (const [name, id] of levels) if (id) await measure(`overview ${name}`, `/api/stats/org-overview?orgId=${id}`);
  await measure('org list page (20)', `/api/orgs?under=${root.id}&page=3`);
  await measure('org search by name', `/api/orgs?q=${encodeURIComponent('团支部')}&pageSize=20`);
  await measure('children of root', `/api/orgs/${root.id}/children`);

  console.log(`\n## ${label}: ${count} organizations loaded in ${(loadMs / 1000).toFixed(1)} s (${Math.round(count / (loadMs / 1000))}/s)`);
  console.log('| request | p50 ms | p95 ms |\n|---|---|---|');
  for (const r of results) console.log(`| ${r.what} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
  console.log(`server RSS after run: ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
  await app.close();
}

async function main() {
  console.log(`Tuanjian bench — size ${smoke ? 'county (smoke)' : size}, ${iterations} requests per figure, ${new Date().toISOString()}`);
  const lite = await openDatabase({});
  await bench(lite, 'PGlite (in memory)');
  await lite.close();
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const name = `tj_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ url: u.toString() });
    try {
      await bench(database, 'PostgreSQL');
    } finally {
      await database.close();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    }
  } else {
    console.log('\n(PostgreSQL: set BENCH_DATABASE_URL=postgres://… to measure it too)');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
