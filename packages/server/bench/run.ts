/**
 * npm run bench [-- --counties N] [-- --scale S] [-- --size city|province|national] [-- --pglite] [-- --import ROWS] [-- --smoke] [-- --mixed-only]
 *
 * Loads a generated region into a fresh database — embedded PGlite, and
 * PostgreSQL when BENCH_DATABASE_URL is set — then measures through the API.
 * The region is either N counties shaped like the demo county (population at
 * scale S, every record kind), or with --size a synthetic city / province /
 * national tree of organizations and people (bench/synthetic.ts; PGlite only
 * with --pglite for province, never for national). Measured:
 *  - subtree dashboard figures from the rollups, at each level, beside the same
 *    figures computed by plain SQL aggregates over the subtree (people-overview);
 *  - a scoped, filtered member list page, and member search by name and by ID;
 *  - a statistical table export (Excel) of the root;
 *  - 待办 (bench/inbox.ts): the inbox of a branch, a township and the root and
 *    the overdue view of a subtree, each beside the same list by plain SQL,
 *    before and after ten times as many closed records;
 *  - a Excel import of ROWS members (preview + commit);
 *  - HTTP throughput of the dashboard and list endpoints under 32 concurrent
 *    clients on loopback (autocannon), and the server's memory (RSS);
 *  - mixed load (bench/mixed.ts): p50/p99 of ordinary requests from 32 clients,
 *    alone and while one client sends a heavy request (the people search for the
 *    most common prefix as computed before, the same search now, a deliberately
 *    heavy request under the statement limit). --mixed-only: load, import, mixed
 *    load, nothing else.
 * Prints one table per engine; BENCHMARKS.md keeps the figures.
 * --first-start: instead, the first `npm start` on an empty data directory (bench/first-start.ts).
 * --mapped-import: instead, ROWS people through the mapped import of issue 14 (bench/mapped-import.ts).
 * --home-page: instead, the county home page complete in Chromium on PGlite (bench/home-page.ts; --scale, --runs).
 * --figures-only: the overview figures of issue 15 only (bench/flat-scale.ts), e.g. on the province:
 *   BENCH_DATABASE_URL=postgres://…/tj_province npm run bench -- --existing --figures-only [--plain-cap 120] [--no-migrate]
 */
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { countyRegionCodes, idCardCheckChar } from '@tuanjian/domain';
import { buildApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/connection.js';
import { withSystem } from '../src/db/context.js';
import { query } from '../src/db/sql.js';
import { configurePasswordHashing, hashPassword } from '../src/modules/auth/passwords.js';
import { YUQING, generateCounty, generateRegion } from '../src/seed/demo-county.js';
import { seedDemoPeople } from '../src/seed/demo-people.js';
import { writeTree, type OrgNode } from '../src/seed/tree.js';
import { IMPORT_COLUMNS } from '../src/modules/people/import.js';
import { today } from '../src/lib/clock.js';
import { loadSynthetic, type SyntheticSize } from './synthetic.js';
import { onThrowawayDatabase } from './throwaway-pg.js';
import { mixedLoad, registerBenchRoutes, type MixedRow } from './mixed.js';
import { inboxBench, printInboxRows, type InboxBenchRow } from './inbox.js';
import { documentsBench, printDocumentsRows, type DocumentsBenchRow } from './documents.js';
import { actorOf, flatFiguresBench, printFlatFigureRows, type FlatFigureRow } from './flat-figures.js';
import { flatFiguresAtScale, printScaleRows, type ScaleRow } from './flat-scale.js';
import { appliedInAnotherVersion, migrateLanded } from './landed-migrations.js';
import { loadSyntheticYear, rebuildFigures } from './synthetic-year.js';

const args = process.argv.slice(2);
const arg = (name: string, def: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : def);
const smoke = args.includes('--smoke');
const counties = smoke ? 1 : arg('--counties', 1);
const scale = smoke ? 0.05 : arg('--scale', 1);
const importRows = smoke ? 500 : arg('--import', 100_000);
const iterations = smoke ? 10 : 200;
const size = args.includes('--size') ? (args[args.indexOf('--size') + 1] as SyntheticSize) : null;
if (size && !['city', 'province', 'national'].includes(size)) throw new Error(`--size: city, province or national, not ${size}`);
/** PGlite holds everything in one WebAssembly process: province size only on request, national never. */
/** --existing: BENCH_DATABASE_URL names a database already loaded (no PGlite, nothing created or dropped). */
const existing = args.includes('--existing');
const mixedOnly = args.includes('--mixed-only');
/**
 * --figures-only: load (or --existing), then only the overview figures of issue 15 at the root, a city, a
 * county and a township, maintained beside plain (bench/flat-scale.ts; plain calls cancelled after
 * --plain-cap seconds on PostgreSQL, default 120, and repeated within a budget).
 */
const figuresOnly = args.includes('--figures-only');
const plainCap = arg('--plain-cap', 120);
/** --only a,b: only the figures whose name contains a or b (with --figures-only). */
const onlyFigures = args.includes('--only') ? args[args.indexOf('--only') + 1]!.split(',') : undefined;
/** --postgres-only: skip the embedded half (a busy machine, the PostgreSQL figures wanted alone). */
const runPglite = !existing && !args.includes('--postgres-only') && (size === null || size === 'city' || (size === 'province' && args.includes('--pglite')));

function region(): OrgNode {
  return counties <= 1 ? generateCounty(YUQING) : generateRegion(counties <= 20 ? 'city' : 'provincial', counties, 7);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

async function load(database: Database): Promise<{ root: { id: number; type: string }; orgs: number; people: number; seconds: number }> {
  if (existing) {
    // A long-lived database: only the committed migrations, up to the first slot still a placeholder
    // (bench/landed-migrations.ts); those that landed since it was loaded run now, as an upgrade would.
    // --no-migrate: measure the database as it is (e.g. the province while a long upgrade is not wanted).
    const m = args.includes('--no-migrate') ? { applied: [], pending: ['(not applied: --no-migrate)'], seconds: 0 } : await migrateLanded(database);
    console.log(`migrations on the existing database: ${m.applied.length ? `${m.applied.join(', ')} in ${m.seconds.toFixed(1)} s` : 'none new'}${m.pending.length ? `; not landed yet: ${m.pending.join(', ')}` : ''}`);
    // A slot edited after this database applied it is never applied again: its kept figures may then differ
    // from the live computation with no defect in the code (tj_city: 0037 before its composition-issue rows).
    const other = await appliedInAnotherVersion(database);
    if (other.length) console.log(`WARNING: this database applied ${other.join(', ')} in another version than the committed file (never re-applied): kept figures of theirs may differ from the live computation; regenerate the database to compare them`);
  } else await database.migrate();
  if (existing) {
    // A database loaded by an earlier run (e.g. the province, 14 minutes to generate): measure only.
    const [r] = await withSystem(database, 'bench', (tx) =>
      query<{ id: number; type: string; orgs: number; people: number }>(
        tx,
        sql`select id, type, (select count(*) from organizations)::int as orgs, (select count(*) from people)::int as people
              from organizations where parent_id is null order by id limit 1`,
      ),
    );
    return { root: { id: Number(r!.id), type: r!.type }, orgs: r!.orgs, people: r!.people, seconds: 0 };
  }
  if (size) {
    const t0 = performance.now();
    const r = await loadSynthetic(database, size, (line) => console.log(line));
    console.log(`  load: orgs ${r.seconds.orgs.toFixed(1)} s, people ${r.seconds.people.toFixed(1)} s, rollups ${r.seconds.rollups.toFixed(1)} s, analyze ${r.seconds.indexes.toFixed(1)} s`);
    // Issue 15: a year of records in proportion to the demo county, and the kept figures filled from them.
    const parts = await loadSyntheticYear(database, (line) => console.log(line));
    console.log(`  year of records: ${parts.map((p) => `${p.part} ${p.seconds.toFixed(1)} s`).join(', ')}`);
    console.log(`  kept figures rebuilt (set-based) in ${(await rebuildFigures(database, { fast: true })).toFixed(1)} s`);
    const [root] = await withSystem(database, 'bench', (tx) => query<{ type: string }>(tx, sql`select type from organizations where id = ${r.rootId}`));
    return { root: { id: r.rootId, type: root!.type }, orgs: r.orgs, people: r.people, seconds: (performance.now() - t0) / 1000 };
  }
  const root = region();
  const t0 = performance.now();
  const orgs = await withSystem(database, 'bench', (tx) => writeTree(tx, root));
  let people = 0;
  const on = today();
  const countyNodes = root.type === 'county' ? [root] : root.children!;
  for (const [i, county] of countyNodes.entries()) {
    const r = await withSystem(database, 'bench', (tx) =>
      seedDemoPeople(tx, county, { regionCode: i === 0 ? YUQING.regionCode : countyRegionCodes()[i]!, year: Number(on.slice(0, 4)), today: on, scale }),
    );
    people += r.people;
  }
  return { root: { id: root.id!, type: root.type }, orgs, people, seconds: (performance.now() - t0) / 1000 };
}

async function importWorkbook(rows: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('名册');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header));
  const codes = countyRegionCodes();
  for (let i = 0; i < rows; i++) {
    const born = `199${5 + (i % 5)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const first17 = `${codes.at(-1 - Math.floor(i / 420_000))}${born.replaceAll('-', '')}${String(((Math.floor(i / 420) % 500) * 2 + 1)).padStart(3, '0')}`;
    sheet.addRow([`导入${i}`, '男', first17 + idCardCheckChar(first17), '汉族', '大学本科', '群众', '13800001111', '务农', '否', null, null, null, null, null]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function bench(database: Database, label: string, benchUrl?: string) {
  configurePasswordHashing({ memoryCost: 1024, timeCost: 1 });
  const loaded = await load(database);
  const hash = await hashPassword('Bench2026x');
  await withSystem(database, 'bench', (tx) =>
    tx.execute(sql`insert into accounts (username, display_name, password_hash, role, scope_org_id, must_change_password)
      values ('bench', '压测账号', ${hash}, 'org_admin', ${loaded.root.id}, false)
      on conflict ((lower(username))) do update set password_hash = excluded.password_hash`),
  );
  const app = await buildApp({ database, logLevel: 'silent', loginRateLimit: 1_000_000 });
  registerBenchRoutes(app, database);
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench', password: 'Bench2026x' } });
  const cookie = `tj_session=${login.cookies.find((c) => c.name === 'tj_session')!.value}`;
  const csrf = login.json().csrfToken as string;

  // The root, then the first organization of each level below it (the township's first branch for the demo shape).
  const firstOf = async (type: string) => {
    const rows = await withSystem(database, 'bench', (tx) => query<{ id: number }>(tx, sql`select id from organizations where type = ${type} order by id limit 1`));
    return rows[0] ? Number(rows[0].id) : null;
  };
  const levels: [string, number | null][] = [[`${loaded.root.type} (root)`, loaded.root.id]];
  for (const type of ['provincial', 'city', 'county', 'township', 'branch']) {
    if (type === loaded.root.type) continue;
    const id = await firstOf(type);
    if (id) levels.push([type, id]);
  }
  const [someone] = await withSystem(database, 'bench', (tx) => query<{ id_number: string; name: string }>(tx, sql`select id_number, name from people order by id desc limit 1`));

  const results: { what: string; p50: number; p95: number; n: number }[] = [];
  const measure = async (what: string, url: string) => {
    const times: number[] = [];
    // Slow figures (aggregates over a province) stop after 30 s, with at least 5 samples.
    const started = performance.now();
    for (let i = 0; i < iterations && (i < 5 || performance.now() - started < 30_000); i++) {
      const s = performance.now();
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode === 422 && res.json().error === 'query_too_large') {
        results.push({ what: `${what} — refused past the statement limit (query_too_large)`, p50: NaN, p95: NaN, n: i + 1 });
        return;
      }
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    results.push({ what, p50: pct(times, 50), p95: pct(times, 95), n: times.length });
  };
  if (figuresOnly) {
    const orgs = [{ label: `${loaded.root.type} (root)`, id: loaded.root.id }, ...levels.filter(([n]) => ['city', 'county', 'township'].includes(n)).map(([n, id]) => ({ label: n, id: id! }))];
    const big = size === 'province' || size === 'national' || existing;
    const rows = await flatFiguresAtScale(app, database, cookie, await actorOf(database, 'bench'), orgs, {
      // --plain-only: the live computations alone (e.g. a database whose kept figures are not filled).
      maintainedRuns: args.includes('--plain-only') ? 0 : smoke ? 3 : big ? 20 : 30,
      plainRuns: arg('--plain-runs', smoke ? 1 : big ? 3 : 10),
      plainBudgetMs: big ? 30_000 : 60_000,
      capSeconds: plainCap,
      url: database.kind === 'postgres' ? benchUrl : undefined,
      only: onlyFigures,
      log: (line) => console.log(line),
    });
    printScaleRows(rows, `## ${label}: overview figures, plain beside maintained (${loaded.orgs} organizations, ${loaded.people} people); plain calls capped at ${plainCap} s, repeated within ${big ? 30 : 60} s`);
    console.log(`\nload average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    await app.close();
    return;
  }
  for (const [name, id] of mixedOnly ? [] : levels) {
    if (!id) continue;
    await measure(`dashboard (rollups) — ${name}`, `/api/stats/dashboard?orgId=${id}`);
    await measure(`same figures by SQL aggregate — ${name}`, `/api/stats/people-overview?orgId=${id}`);
  }
  if (!mixedOnly) {
    await measure('member list page 3, filtered (member, 18–28)', `/api/people?under=${loaded.root.id}&kind=member&ageFrom=18&ageTo=28&page=3`);
    await measure('member search by name prefix', `/api/people?q=${encodeURIComponent(someone!.name.slice(0, 1))}&pageSize=20`);
    await measure('member search by ID number', `/api/people?q=${someone!.id_number}`);
    await measure('statistical table export (members, root, Excel)', `/api/stats/tables/members/export?orgId=${loaded.root.id}`);
  }
  // 待办: a branch's, a township's and the root's inbox and the overdue views, beside plain SQL, before and after 10× the closed records.
  const inboxRows: InboxBenchRow[] = mixedOnly
    ? []
    : await inboxBench(app, database, loaded.root.id, { runs: smoke ? 3 : size === 'province' || size === 'national' ? 5 : 10, log: (line) => console.log(line) });

  // Issue 15: each overview figure kept in org_figures beside its live computation (root and a township).
  const flatRows: FlatFigureRow[] = mixedOnly || size || existing
    ? []
    : await flatFiguresBench(app, database, cookie, await actorOf(database, 'bench'), [{ label: `${loaded.root.type} (root)`, id: loaded.root.id }, ...levels.filter(([n]) => n === 'township').map(([n, id]) => ({ label: n, id: id! }))], {
        runs: smoke ? 3 : size === 'province' || size === 'national' ? 20 : 50,
        log: (line) => console.log(line),
      });

  // At synthetic sizes and on an existing database, the same figures with the plain side capped (bench/flat-scale.ts).
  const scaleRows: ScaleRow[] =
    mixedOnly || !(size || existing)
      ? []
      : await flatFiguresAtScale(app, database, cookie, await actorOf(database, 'bench'), [{ label: `${loaded.root.type} (root)`, id: loaded.root.id }, ...levels.filter(([n]) => ['city', 'county', 'township'].includes(n)).map(([n, id]) => ({ label: n, id: id! }))], {
          maintainedRuns: smoke ? 3 : 20,
          plainRuns: smoke ? 1 : 3,
          plainBudgetMs: 30_000,
          capSeconds: plainCap,
          url: database.kind === 'postgres' ? benchUrl : undefined,
          log: (line) => console.log(line),
        });

  // Documents (issue 14.5): 团员证明 as PDF per second.
  const documentRows: DocumentsBenchRow[] = mixedOnly ? [] : await documentsBench(app, database, cookie, { runs: smoke ? 20 : 200, log: (line) => console.log(line) });

  // Import
  const content = await importWorkbook(importRows);
  const t0 = performance.now();
  const preview = await app.inject({ method: 'POST', url: '/api/people/import', headers: { cookie, 'x-csrf-token': csrf }, payload: { fileName: 'bench.xlsx', contentBase64: content, orgId: levels.at(-1)![1] } });
  const t1 = performance.now();
  if (preview.statusCode !== 200) throw new Error(`import preview: ${preview.body.slice(0, 300)}`);
  const batch = preview.json();
  const commit = await app.inject({ method: 'POST', url: `/api/people/import/${batch.batchId}/commit`, headers: { cookie, 'x-csrf-token': csrf } });
  const t2 = performance.now();
  if (commit.statusCode !== 200) throw new Error(`import commit: ${commit.body.slice(0, 300)}`);

  // Throughput under 32 concurrent clients on loopback.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const throughput: { what: string; rps: number; p99: number }[] = [];
  for (const [what, path] of mixedOnly
    ? []
    : ([
        ['dashboard (township)', `/api/stats/dashboard?orgId=${levels.at(-2)![1]}`],
        ['member list page', `/api/people?under=${levels.at(-2)![1]}&kind=member&page=2`],
      ] as const)) {
    const r = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: 32, duration: smoke ? 2 : 10, headers: { cookie } });
    throughput.push({ what, rps: Math.round(r.requests.average), p99: r.latency.p99 });
  }
  const mixed: MixedRow[] = await mixedLoad(database, port, cookie, levels.at(-2)![1]!, smoke ? 2 : 10);

  console.log(`\n## ${label}`);
  console.log(`${loaded.orgs} organizations and ${loaded.people} people loaded in ${loaded.seconds.toFixed(1)} s`);
  console.log('\n| request (in-process, sequential) | p50 ms | p95 ms | samples |\n|---|---|---|---|');
  for (const r of results) console.log(`| ${r.what} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.n} |`);
  if (inboxRows.length) printInboxRows(inboxRows);
  printDocumentsRows(documentRows);
  if (flatRows.length) printFlatFigureRows(flatRows);
  if (scaleRows.length) printScaleRows(scaleRows, `overview figures, plain beside maintained; plain calls capped at ${plainCap} s`);
  console.log(`\n| import of ${importRows} rows | seconds |\n|---|---|`);
  console.log(`| check (preview) | ${((t1 - t0) / 1000).toFixed(1)} |\n| commit | ${((t2 - t1) / 1000).toFixed(1)} |\n| total | ${((t2 - t0) / 1000).toFixed(1)} |`);
  console.log('\n| HTTP, 32 clients | requests/s | p99 ms |\n|---|---|---|');
  for (const r of throughput) console.log(`| ${r.what} | ${r.rps} | ${r.p99} |`);
  console.log(`\n| mixed load: 32 clients on ordinary requests (dashboard, member list, name search; township), ${smoke ? 2 : 10} s each | req/s | p50 ms | p99 ms | errors | the heavy client's requests |\n|---|---|---|---|---|---|`);
  for (const r of mixed) console.log(`| ${r.what} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.heavy} |`);
  console.log(`\nprocess RSS after the run: ${mb()} MB`);
  await app.close();
}

async function main() {
  const what = existing ? 'an existing database' : size ? `synthetic ${size}` : `${counties} ${counties === 1 ? 'county' : 'counties'}, population scale ${scale}`;
  console.log(`Tuanjian bench — ${what}, ${iterations} requests per figure, ${new Date().toISOString()}`);
  if (runPglite) {
    const lite = await openDatabase({});
    await bench(lite, 'PGlite (embedded, in memory)');
    await lite.close();
  } else console.log('\n(PGlite: not run at this size; add --pglite to force it for a province)');
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.log('\n(PostgreSQL: set BENCH_DATABASE_URL=postgres://… to measure it too)');
    return;
  }
  if (existing) {
    const database = await openDatabase({ url, poolSize: 16 });
    try {
      await bench(database, 'PostgreSQL (existing database)', url);
    } finally {
      await database.close();
    }
    return;
  }
  await onThrowawayDatabase(url, 16, (database, dbUrl) => bench(database, 'PostgreSQL', dbUrl));
}

// --first-start: only the first-start figures (bench/first-start.ts).
// --mapped-import: only the mapped import of issue 14 (bench/mapped-import.ts).
// --home-page: only the county home page in Chromium (bench/home-page.ts).
(args.includes('--first-start')
  ? import('./first-start.js').then((m) => m.firstStartBench())
  : args.includes('--home-page')
    ? import('./home-page.js').then((m) => m.homePageBench())
    : args.includes('--mapped-import')
      ? import('./mapped-import.js').then((m) => m.mappedImportBench())
      : main()
).catch((err) => {
  console.error(err);
  process.exit(1);
});
