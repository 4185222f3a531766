/**
 * 待办 (inbox) timings.
 *
 * As part of `npm run bench` (run.ts calls `inboxBench` on the loaded region,
 * the demo county on PGlite, the synthetic province on PostgreSQL): open and
 * closed meetings are added to every branch by one set-based insert, then the
 * inbox of a branch, a township and the root and the overdue view of the
 * township's and the root's subtree are timed through the real routes, each
 * beside the same list computed by one plain SQL statement (every source's
 * query, filtered by a join on the subtree's organizations, no row-level
 * security, no route), whose item count must agree. Then ten times as many
 * closed records are added and everything is timed again: the cost must stay
 * flat (the sources read open records from partial indexes on state and
 * deadline).
 *
 * On its own, the demo county with its year of records, per login and per source:
 *   npx tsx packages/server/bench/inbox.ts [--scale 1] [--runs 15]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sql, type SQL } from 'drizzle-orm';
import { resolveRules, type Rules } from '@tuanjian/domain';
import type { Database } from '../src/db/connection.js';
import { withScope, withSystem } from '../src/db/context.js';
import { query, queryPrepared } from '../src/db/sql.js';
import { today } from '../src/lib/clock.js';
import { SOURCES } from '../src/modules/inbox/sources.js';
import { countStatement } from '../src/modules/inbox/service.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { loadDemoCounty } from './demo-county.js';

type Get = (url: string) => Promise<{ statusCode: number; body: string }>;

function getter(app: FastifyInstance, cookie: string): Get {
  return (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
}

async function sessionFor(app: FastifyInstance, username: string, password: string): Promise<Get> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
  return getter(app, `tj_session=${res.cookies.find((c) => c.name === 'tj_session')!.value}`);
}

async function timed(runs: number, fn: () => Promise<unknown>) {
  const times: number[] = [];
  let last: unknown;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    last = await fn();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, p90: times[Math.min(times.length - 1, Math.floor(times.length * 0.9))]!, last };
}

/** A request refused past the statement limit (422 query_too_large) is a result, not a failure. */
class Refused extends Error {}

async function getJson(get: Get, url: string) {
  const res = await get(url);
  if (res.statusCode === 422 && res.body.includes('query_too_large')) throw new Refused(url);
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return JSON.parse(res.body) as { total: number; counts: Record<string, number> };
}

/**
 * The same list by one plain SQL statement outside the API: every source's query with the
 * organizations chosen by a join on the subtree (or the one organization), no row-level security.
 */
async function plainSql(database: Database, rules: Rules, orgId: number, path: string, view: 'mine' | 'overdue'): Promise<number> {
  const on = today();
  const w =
    view === 'mine'
      ? (column: string) => sql`${sql.raw(column)} = ${orgId}`
      : (column: string) => sql`${sql.raw(column)} in (select o.id from organizations o where o.path <@ ${path}::ltree)`;
  const parts: SQL[] = SOURCES.filter((s) => view === 'mine' || s.hasDeadlines).map(
    (s) => sql`select count(*)::int as n from (${s.query({ on, rules, w })}) s ${view === 'overdue' ? sql`where s.deadline < ${on}` : sql``}`,
  );
  const rows = await withSystem(database, 'bench', (tx) => query<{ n: number }>(tx, sql`select coalesce(sum(n), 0)::int as n from (${sql.join(parts, sql` union all `)}) x`));
  return Number(rows[0]!.n);
}

/**
 * Meetings for every branch, by one set-based insert: `closedPerBranch` held ones in the past
 * year, and open ones for a share of the branches (planned earlier this year: overdue; planned
 * later this month: due).
 */
async function addMeetings(database: Database, closedPerBranch: number, withOpen: boolean) {
  const on = today();
  await withSystem(database, 'bench', async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      insert into meetings (org_id, kind, topic, planned_on, held_on, status, expected, present)
      select b.id, 'theme_day', '主题团日' || g, d, d, 'held', 10, 9
        from organizations b cross join generate_series(1, ${closedPerBranch}) g
        cross join lateral (select (${on}::date - (1 + (b.id * 31 + g * 17) % 360)::int) as d) x
       where b.type = 'branch'`);
    if (withOpen) {
      await tx.execute(sql`
        insert into meetings (org_id, kind, topic, planned_on, status)
        select b.id, 'general_meeting', '支部团员大会（待记录）', (${on}::date - (1 + b.id % 60)::int), 'planned'
          from organizations b where b.type = 'branch' and b.id % 20 = 0
        union all
        select b.id, 'lecture', '团课（本月计划）', (date_trunc('month', ${on}::date) + interval '1 month' - interval '1 day')::date, 'planned'
          from organizations b where b.type = 'branch' and b.id % 5 = 0`);
    }
    await tx.execute(sql`analyze meetings`);
  });
}

export interface InboxBenchRow {
  what: string;
  /** refused: every request answered 422 past the statement limit (STATEMENT_TIMEOUT_MS). */
  api: { p50: number; p90: number; items: number; refused?: boolean };
  plain: { p50: number; items: number };
}

/**
 * Times the inbox on a loaded region (see the file comment). Accounts for a township and a branch
 * are created here; `rootId` is the region's root.
 */
export async function inboxBench(app: FastifyInstance, database: Database, rootId: number, opts: { runs: number; log?: (line: string) => void }) {
  const log = opts.log ?? (() => {});
  const rules = resolveRules({});
  // The first township with branches, and its branch with the most members.
  const [pick] = await withSystem(database, 'bench', (tx) =>
    query<{ township: number; branch: number }>(
      tx,
      sql`select t.id as township, (select b.id from organizations b left join people p on p.org_id = b.id and p.member_status = 'active'
                                      where b.path <@ t.path and b.type = 'branch' group by b.id order by count(p.id) desc, b.id limit 1) as branch
            from organizations t where t.type = 'township' and exists (select 1 from organizations b where b.parent_id = t.id)
           order by t.id limit 1`,
    ),
  );
  const levels = [
    { name: 'branch', id: Number(pick!.branch), role: 'branch_secretary' },
    { name: 'township', id: Number(pick!.township), role: 'org_admin' },
    { name: 'root', id: rootId, role: 'org_admin' },
  ];
  const hash = await hashPassword('Bench2026x');
  const paths = new Map<number, string>();
  for (const l of levels) {
    const [o] = await withSystem(database, 'bench', (tx) => query<{ path: string }>(tx, sql`select path::text as path from organizations where id = ${l.id}`));
    paths.set(l.id, o!.path);
    await withSystem(database, 'bench', (tx) =>
      tx.execute(sql`insert into accounts (username, display_name, password_hash, role, scope_org_id, must_change_password)
        values (${`bench_inbox_${l.name}`}, ${`待办压测${l.name}`}, ${hash}, ${l.role}, ${l.id}, false)
        on conflict ((lower(username))) do update set password_hash = excluded.password_hash, scope_org_id = excluded.scope_org_id, role = excluded.role`),
    );
  }
  const gets = new Map<string, Get>();
  for (const l of levels) gets.set(l.name, await sessionFor(app, `bench_inbox_${l.name}`, 'Bench2026x'));

  const measure = async (round: string): Promise<InboxBenchRow[]> => {
    const rows: InboxBenchRow[] = [];
    const views: [string, (typeof levels)[number], 'mine' | 'overdue'][] = [
      ['inbox of a branch', levels[0]!, 'mine'],
      ['inbox of a township', levels[1]!, 'mine'],
      ['inbox of the root', levels[2]!, 'mine'],
      ['overdue view, township subtree', levels[1]!, 'overdue'],
      ['overdue view, root subtree', levels[2]!, 'overdue'],
    ];
    for (const [what, level, view] of views) {
      const get = gets.get(level.name)!;
      const url = view === 'mine' ? '/api/inbox' : '/api/inbox/overdue';
      const p = await timed(opts.runs, () => plainSql(database, rules, level.id, paths.get(level.id)!, view));
      let row: InboxBenchRow;
      try {
        await getJson(get, url); // warm
        const a = await timed(opts.runs, () => getJson(get, url));
        row = { what: `${what} — ${round}`, api: { p50: a.p50, p90: a.p90, items: (a.last as { total: number }).total }, plain: { p50: p.p50, items: p.last as number } };
      } catch (err) {
        if (!(err instanceof Refused)) throw err;
        const s = performance.now();
        await getJson(get, url).catch(() => undefined);
        const ms = performance.now() - s;
        row = { what: `${what} — ${round}`, api: { p50: ms, p90: ms, items: NaN, refused: true }, plain: { p50: p.p50, items: p.last as number } };
        log(`  ${row.what}: API refused past the statement limit (422 after ${ms.toFixed(0)} ms), plain SQL ${p.p50.toFixed(1)} ms, ${row.plain.items} items`);
        rows.push(row);
        continue;
      }
      const body = { total: row.api.items };
      const a = row.api;
      if (row.api.items !== row.plain.items) throw new Error(`${row.what}: the API lists ${row.api.items} items, plain SQL ${row.plain.items}`);
      log(`  ${row.what}: API ${a.p50.toFixed(1)} ms, plain SQL ${p.p50.toFixed(1)} ms, ${body.total} items`);
      rows.push(row);
    }
    return rows;
  };

  const count = async () => {
    const [r] = await withSystem(database, 'bench', (tx) => query<{ open: number; closed: number }>(
      tx,
      sql`select count(*) filter (where status = 'planned')::int as open, count(*) filter (where status <> 'planned')::int as closed from meetings`,
    ));
    return r!;
  };
  let t = performance.now();
  await addMeetings(database, 2, true);
  const before = await count();
  log(`  inbox: meetings added in ${((performance.now() - t) / 1000).toFixed(1)} s: ${before.open} open, ${before.closed} closed`);
  const rows = await measure(`${before.closed.toLocaleString()} closed meetings`);
  t = performance.now();
  await addMeetings(database, 20, false);
  const after = await count();
  log(`  inbox: closed meetings added in ${((performance.now() - t) / 1000).toFixed(1)} s: ${after.closed} closed`);
  rows.push(...(await measure(`${after.closed.toLocaleString()} closed meetings`)));
  return rows;
}

export function printInboxRows(rows: InboxBenchRow[]) {
  console.log('\n| 待办 (runs through the API; plain SQL: the same list in one statement, no RLS) | API p50 ms | API p90 ms | plain SQL p50 ms | items |\n|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      r.api.refused
        ? `| ${r.what} | refused: 422 query_too_large after ${r.api.p50.toFixed(0)} | – | ${r.plain.p50.toFixed(1)} | ${r.plain.items} (plain SQL) |`
        : `| ${r.what} | ${r.api.p50.toFixed(1)} | ${r.api.p90.toFixed(1)} | ${r.plain.p50.toFixed(1)} | ${r.api.items} |`,
    );
}

/* ------------------------------------------------- standalone: the demo county */

async function demoCounty() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '15' } } });
  const scale = Number(values.scale);
  const runs = Number(values.runs);
  const { database, app, login, close } = await loadDemoCounty(scale);

  const rows: string[] = [];
  for (const username of ['county_admin', 'baini_admin', 'branch_secretary']) {
    const get = getter(app, await login(username));
    await getJson(get, '/api/inbox'); // warm
    const inbox = await timed(runs, () => getJson(get, '/api/inbox'));
    const count = await timed(runs, () => getJson(get, '/api/inbox/count'));
    // The count's statement planned once (queryPrepared, as the route runs it) beside planned at every call, interleaved.
    const [account] = await withSystem(database, 'bench', (tx) =>
      query<{ scope_org_id: number; path: string }>(tx, sql`select a.scope_org_id, o.path::text as path from accounts a join organizations o on o.id = a.scope_org_id where a.username = ${username}`),
    );
    const statement = countStatement({ scopeOrgId: Number(account!.scope_org_id) }, resolveRules({}));
    const actor = { accountId: null, name: 'bench', scopePath: account!.path };
    const planned: number[] = [];
    const prepared: number[] = [];
    for (let i = 0; i < runs; i++) {
      for (const [times, run] of [[planned, query], [prepared, queryPrepared]] as const) {
        const t0 = performance.now();
        await withScope(database, actor, (tx) => run(tx, statement));
        times.push(performance.now() - t0);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
    const data = inbox.last as { total: number; overdue: number; counts: Record<string, number>; org: { name: string } };
    const counts = Object.entries(data.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
    let overdue = '';
    if (username !== 'branch_secretary') {
      const o = await timed(runs, () => getJson(get, '/api/inbox/overdue'));
      const od = o.last as { total: number; groups: unknown[] };
      overdue = ` | overdue view ${o.p50.toFixed(1)} ms (p90 ${o.p90.toFixed(1)}): ${od.total} items in ${od.groups.length} organizations`;
    }
    rows.push(
      `${username} (${data.org.name}): GET /api/inbox ${inbox.p50.toFixed(1)} ms (p90 ${inbox.p90.toFixed(1)}), /count ${count.p50.toFixed(1)} ms (p90 ${count.p90.toFixed(1)}; its statement in a scoped transaction: planned at every call ${median(planned)} ms, prepared ${median(prepared)} ms); total ${data.total}, overdue ${data.overdue}; ${counts}${overdue}`,
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
      let n = 0;
      const r = await timed(5, async () => {
        const [row] = await withScope(database, { accountId: null, name: 'bench', scopePath: s.path }, (tx) =>
          query<{ n: number }>(tx, sql`select count(*)::int as n from (${source.query({ on: today(), rules, w })}) s`),
        );
        n = Number(row!.n);
      });
      parts.push(`${source.kind} ${n} (${r.p50.toFixed(1)} ms)`);
    }
    console.log(`${s.username} ${subtree ? 'whole subtree' : 'own'} per source: ${parts.join(', ')}`);
  }
  await close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  demoCounty().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
