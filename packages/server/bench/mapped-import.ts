/**
 * npm run bench -- --mapped-import [--import ROWS] [--smoke] [--postgres-only] [--pglite-dir]
 *
 * The mapped import (issue 14) at scale: a county's tree (the demo county's
 * shape, no people), then ROWS people (default 100,000; --smoke 500) in a
 * workbook laid out as the national system exports it (a merged title row,
 * its header words, 男/汉/群众 values, the branch by name), through the
 * wizard's routes on each engine: preview with the suggested mapping, commit;
 * the same file again (a no-op: preview only); the file with 1 % of the phones
 * changed (preview + commit). Prints one table per engine (BENCHMARKS.md).
 * --postgres-only (with BENCH_DATABASE_URL): skips the PGlite half. --pglite-dir: PGlite on a data
 * directory on disk (as the server runs) instead of in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { idCardCheckChar } from '@tuanjian/domain';
import { buildApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/connection.js';
import { withSystem } from '../src/db/context.js';
import { query } from '../src/db/sql.js';
import { configurePasswordHashing, hashPassword } from '../src/modules/auth/passwords.js';
import { YUQING, generateCounty } from '../src/seed/demo-county.js';
import { writeTree } from '../src/seed/tree.js';
import { onThrowawayDatabase } from './throwaway-pg.js';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const rows = smoke ? 500 : args.includes('--import') ? Number(args[args.indexOf('--import') + 1]) : 100_000;

async function workbook(n: number, branches: string[], changed: (i: number) => boolean): Promise<string> {
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const sheet = writer.addWorksheet('Sheet1');
  sheet.addRow(['智慧团建 团员信息导出']).commit();
  sheet.addRow(['序号', '姓名', '性别', '民族', '公民身份号码', '政治面貌', '手机号码', '所在团支部', '学历']).commit();
  for (let i = 0; i < n; i++) {
    const d = i % 1680;
    const born = `199${5 + (d % 5)}-${String(1 + (Math.floor(d / 5) % 12)).padStart(2, '0')}-${String(1 + Math.floor(d / 60)).padStart(2, '0')}`;
    // 1,680 distinct birth dates × 500 sequence numbers: unique IDs for up to 840,000 rows.
    const seq = Math.floor(i / 1680) % 500;
    const first17 = `520329${born.replaceAll('-', '')}${String(seq * 2 + 1).padStart(3, '0')}`;
    sheet.addRow([i + 1, `导入${i}`, '男', '汉', first17 + idCardCheckChar(first17), '群众', changed(i) ? '13900002222' : '13800001111', branches[i % branches.length], '本科']).commit();
  }
  sheet.commit();
  await writer.commit();
  return Buffer.concat(chunks).toString('base64');
}

/** The process's resident memory, MB (PGlite's heap is inside it): printed with each step, as a cliff in time may be one in memory. */
const rss = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
/** The most the process has held so far, MB (a step's peak, not only its end: PGlite's heap grows inside a statement and is not given back). */
const peak = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function run(database: Database, label: string) {
  configurePasswordHashing({ memoryCost: 1024, timeCost: 1 });
  await database.migrate();
  const countyId = await withSystem(database, 'bench', async (tx) => {
    await writeTree(tx, generateCounty(YUQING));
    const [c] = await query<{ id: number }>(tx, sql`select id from organizations where type = 'county' order by id limit 1`);
    return Number(c!.id);
  });
  const hash = await hashPassword('Bench2026x');
  const branches = await withSystem(database, 'bench', async (tx) => {
    await tx.execute(sql`insert into accounts (username, display_name, password_hash, role, scope_org_id, must_change_password)
      values ('bench', '压测账号', ${hash}, 'org_admin', ${countyId}, false) on conflict ((lower(username))) do update set password_hash = excluded.password_hash`);
    return (await query<{ name: string }>(tx, sql`select name from organizations o where type = 'branch' and status = 'active'
      and (select count(*) from organizations d where d.name = o.name) = 1 order by id`)).map((b) => b.name);
  });
  const app = await buildApp({ database, logLevel: 'silent', loginRateLimit: 1_000_000 });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench', password: 'Bench2026x' } });
  const cookie = `tj_session=${login.cookies.find((c) => c.name === 'tj_session')!.value}`;
  const headers = { cookie, 'x-csrf-token': login.json().csrfToken as string };
  const out: [string, number, string][] = [];
  const step = async (what: string, content: string, commit: boolean) => {
    const t0 = performance.now();
    const p = await app.inject({ method: 'POST', url: '/api/imports/preview', headers, payload: { kind: 'people', orgId: countyId, fileName: 'national.xlsx', contentBase64: content } });
    if (p.statusCode !== 200) throw new Error(`${what} preview after ${((performance.now() - t0) / 1000).toFixed(1)} s (RSS ${rss()} MB): ${p.body.slice(0, 300)}`);
    const r = p.json();
    if (r.errors.length) throw new Error(`${what}: ${JSON.stringify(r.errors.slice(0, 3))}`);
    const t1 = performance.now();
    out.push([`${what}: preview (new ${r.created}, changed ${r.changed}, unchanged ${r.unchanged})`, (t1 - t0) / 1000, `${peak()}`]);
    console.log(`  ${label}: ${out.at(-1)![0]} ${out.at(-1)![1].toFixed(1)} s (RSS ${rss()} MB, peak ${peak()} MB)`);
    if (!commit) return;
    const c = await app.inject({ method: 'POST', url: `/api/imports/${r.batchId}/commit`, headers });
    if (c.statusCode !== 200) throw new Error(`${what} commit: ${c.body.slice(0, 300)}`);
    out.push([`${what}: commit`, (performance.now() - t1) / 1000, `${peak()}`]);
    console.log(`  ${label}: ${what}: commit ${out.at(-1)![1].toFixed(1)} s (RSS ${rss()} MB, peak ${peak()} MB)`);
  };
  const g0 = performance.now();
  const first = await workbook(rows, branches, () => false);
  const updated = await workbook(rows, branches, (i) => i % 100 === 7);
  console.log(`  ${label}: two workbooks of ${rows} rows (${(first.length / 1.37 / 1024 / 1024).toFixed(1)} MB each) built in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
  await step('first import', first, true);
  await step('same file again', first, false);
  await step('1 % of phones changed', updated, true);
  const [{ n }] = (await withSystem(database, 'bench', (tx) => query<{ n: number }>(tx, sql`select count(*)::int as n from people where phone = '13900002222'`))) as [{ n: number }];
  console.log(`\n## mapped import, ${label}: ${rows} people (national-system layout)\n\n| step | seconds | process peak RSS so far, MB |\n|---|---|---|`);
  for (const [what, s, mb] of out) console.log(`| ${what} | ${s.toFixed(1)} | ${mb} |`);
  console.log(`\n(people with the changed phone after the update: ${n}; process RSS ${rss()} MB, peak ${peak()} MB)`);
  await app.close();
}

export async function mappedImportBench() {
  console.log(`Tuanjian bench — mapped import of ${rows} people, ${new Date().toISOString()}`);
  const url = process.env.BENCH_DATABASE_URL;
  if (!(url && args.includes('--postgres-only'))) {
    // --pglite-dir: a data directory on disk, as the server keeps it (DATA_DIR); else in memory, where the
    // database's own files count in the process's RSS.
    const dir = args.includes('--pglite-dir') ? mkdtempSync(join(tmpdir(), 'tj-bench-import-')) : undefined;
    const lite = await openDatabase({ dataDir: dir });
    await run(lite, dir ? 'PGlite (data directory on disk)' : 'PGlite (in memory)');
    await lite.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  if (!url) {
    console.log('\n(PostgreSQL: set BENCH_DATABASE_URL=postgres://… to measure it too)');
    return;
  }
  await onThrowawayDatabase(url, 4, (database) => run(database, 'PostgreSQL'));
}
