/**
 * 待办 timings on the demo county (PGlite, in memory): the inbox of the county
 * root, a township and a branch, the header count and the county's overdue
 * view, each the median of repeated requests through the real routes; and the
 * count of each source for the three demo logins.
 *
 *   npx tsx packages/server/bench/inbox.ts [--scale 1] [--runs 15]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/connection.js';
import { configurePasswordHashing } from '../src/modules/auth/passwords.js';
import { ensureInitialData } from '../src/seed/bootstrap.js';
import { sql } from 'drizzle-orm';
import { resolveRules } from '@tuanjian/domain';
import { withScope, withSystem } from '../src/db/context.js';
import { query } from '../src/db/sql.js';
import { today } from '../src/lib/clock.js';
import { SOURCES } from '../src/modules/inbox/sources.js';
import { DEMO_PASSWORD } from '../src/seed/demo-county.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '15' } } });
const scale = Number(values.scale);
const runs = Number(values.runs);

configurePasswordHashing({ memoryCost: 1024, timeCost: 1 });
const t0 = performance.now();
const database = await openDatabase({});
await database.migrate();
await ensureInitialData(database, { loadDemo: true, demoScale: scale, demoRecords: true });
const app = await buildApp({ database, logLevel: 'warn', loginRateLimit: 10_000 });
await app.ready();
console.log(`demo county (scale ${scale}) loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

async function session(username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
  const cookie = `tj_session=${res.cookies.find((c) => c.name === 'tj_session')!.value}`;
  return (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
}

async function median(get: (url: string) => Promise<{ statusCode: number; body: string }>, url: string) {
  const times: number[] = [];
  let body = '';
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const res = await get(url);
    times.push(performance.now() - s);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    body = res.body;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, p90: times[Math.floor(times.length * 0.9)]!, body };
}

const rows: string[] = [];
for (const username of ['county_admin', 'baini_admin', 'branch_secretary']) {
  const get = await session(username);
  await get('/api/inbox'); // warm
  const inbox = await median(get, '/api/inbox');
  const count = await median(get, '/api/inbox/count');
  const data = JSON.parse(inbox.body) as { total: number; overdue: number; counts: Record<string, number>; org: { name: string } };
  const counts = Object.entries(data.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
  let overdue = '';
  if (username !== 'branch_secretary') {
    const o = await median(get, '/api/inbox/overdue');
    const od = JSON.parse(o.body) as { total: number; groups: unknown[] };
    overdue = ` | overdue view ${o.ms.toFixed(1)} ms (p90 ${o.p90.toFixed(1)}): ${od.total} items in ${od.groups.length} organizations`;
  }
  rows.push(
    `${username} (${data.org.name}): GET /api/inbox ${inbox.ms.toFixed(1)} ms (p90 ${inbox.p90.toFixed(1)}), /count ${count.ms.toFixed(1)} ms (p90 ${count.p90.toFixed(1)}); total ${data.total}, overdue ${data.overdue}; ${counts}${overdue}`,
  );
}
console.log(rows.join('\n'));

// Each source alone: the branch's own items, and the county's subtree (what the overdue view reads).
const rules = resolveRules({});
const scopes = await withSystem(database, 'bench', (tx) =>
  query<{ username: string; id: number; path: string }>(tx, sql`select a.username, o.id, o.path::text as path from accounts a join organizations o on o.id = a.scope_org_id where a.username in ('county_admin', 'branch_secretary')`),
);
for (const s of scopes) {
  const subtree = s.username === 'county_admin';
  const w = (column: string) =>
    subtree ? sql`exists (select 1 from organizations f where f.id = ${sql.raw(column)} and f.path <@ ${s.path}::ltree)` : sql`${sql.raw(column)} = ${Number(s.id)}`;
  const parts: string[] = [];
  for (const source of SOURCES) {
    const times: number[] = [];
    let n = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const [row] = await withScope(database, { accountId: null, name: 'bench', scopePath: s.path }, (tx) =>
        query<{ n: number }>(tx, sql`select count(*)::int as n from (${source.query({ on: today(), rules, w })}) s`),
      );
      times.push(performance.now() - t);
      n = Number(row!.n);
    }
    times.sort((a, b) => a - b);
    parts.push(`${source.kind} ${n} (${times[2]!.toFixed(1)} ms)`);
  }
  console.log(`${s.username} ${subtree ? 'whole subtree' : 'own'} per source: ${parts.join(', ')}`);
}
await app.close();
await database.close();
