import { sql } from 'drizzle-orm';
import { calendarPeriodsBetween, describeRequirement, meetingRequirements, type Rules, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { loadOrg } from '../organizations/service.js';
import { periodOf, today } from './common.js';
import { SIGNATURE } from './figures.js';
import { branchCompliance, compliance } from './meetings.js';

type Query = api.QueryOf<typeof api.orgLife.getCompliance>;

/**
 * One page of 三会两制一课 compliance (the route), its total exact. The list of branches behind
 * (behindOnly, the home page's card) is read from the branches' kept rows (branch_meeting_figures,
 * migration 0031: per branch and calendar period the meetings held of each kind), one row per
 * branch of the subtree and no meeting, member or attendance row; only the page's branches are then
 * computed in full (shortfalls, kinds, members, last meeting). Everything else, and periods the rows
 * cannot answer (not from 1 January to a date of that year, or configured kinds/cadences other than
 * the kept ones), is computed live as before; `plain` forces that.
 */
export async function compliancePage(tx: Tx, rules: Rules, q: Query, opts: { plain?: boolean } = {}) {
  const kept = opts.plain || !q.behindOnly ? null : await behindPageKept(tx, rules, q);
  if (kept) return kept;
  const r = await compliance(tx, rules, q);
  const start = (q.page - 1) * q.pageSize;
  return { ...r, items: r.items.slice(start, start + q.pageSize), total: r.items.length, page: q.page, pageSize: q.pageSize };
}

async function behindPageKept(tx: Tx, rules: Rules, q: Query) {
  const range = periodOf(q);
  const year = range.from.slice(0, 4);
  if (range.from !== `${year}-01-01` || range.to.slice(0, 4) !== year) return null;
  const reqs = meetingRequirements(rules);
  if (reqs.some((r) => r.times > 12 || !SIGNATURE.some((s) => s.kind === r.kind && s.cadence === r.cadence))) return null;
  const org = await loadOrg(tx, q.orgId);
  const on = today();
  // Closed periods: over before today and inside the range (as meetingCompliance counts them).
  const periods = reqs
    .filter((r) => r.times > 0)
    .flatMap((r) => calendarPeriodsBetween(range.from, range.to, r.cadence).filter((p) => p.end < on && p.end <= range.to && p.start >= range.from).map((p) => ({ ...p, kind: r.kind, times: r.times })));
  const rows = periods.length
    ? await query<{ id: number; required: number; met: number; behind: boolean }>(
        tx,
        sql`with p as (select * from unnest(${sql.param(periods.map((p) => p.kind))}::text[], ${sql.param(periods.map((p) => p.times))}::int[],
                                            ${sql.param(periods.map((p) => p.start))}::date[], ${sql.param(periods.map((p) => p.end))}::date[]) as p(kind, times, start, fin)),
                 b as materialized (select o.id, o.path, o.founded_on from organizations o
                        where o.path <@ ${org.path}::ltree and o.type in ('branch', 'joint_branch') and o.status = 'active'),
                 h as materialized (select f.org_id, split_part(f.metric, ':', 3) as kind, split_part(f.metric, ':', 4)::int as n, f.day
                                      from branch_meeting_figures f join b on b.id = f.org_id
                                     where starts_with(f.metric, 'mtg:n:') and f.day between ${range.from}::date and ${range.to}::date),
                 e as materialized (select b.id, p.times, coalesce(h.n, 0) as n
                                      from b join p on b.founded_on is null or p.start >= b.founded_on
                                      left join h on h.org_id = b.id and h.kind = p.kind and h.day = p.fin)
            select b.id, coalesce(sum(e.times), 0)::int as required, coalesce(sum(least(e.n, e.times)), 0)::int as met, coalesce(bool_or(e.n < e.times), false) as behind
              from b left join e on e.id = b.id group by b.id, b.path order by b.path`,
      )
    : await query<{ id: number; required: number; met: number; behind: boolean }>(
        tx,
        sql`select o.id, 0 as required, 0 as met, false as behind from organizations o
             where o.path <@ ${org.path}::ltree and o.type in ('branch', 'joint_branch') and o.status = 'active' order by o.path`,
      );
  const rateOf = (met: number, required: number) => (required ? Math.round((met / required) * 10_000) / 10_000 : null);
  const behind = rows.filter((r) => r.behind).sort((a, b) => (rateOf(a.met, a.required) ?? 2) - (rateOf(b.met, b.required) ?? 2));
  const start = (q.page - 1) * q.pageSize;
  const page = behind.slice(start, start + q.pageSize).map((r) => Number(r.id));
  const required = rows.reduce((s, r) => s + r.required, 0);
  const met = rows.reduce((s, r) => s + r.met, 0);
  const items = page.length ? (await branchCompliance(tx, rules, sql`o.id = any(${sql.param(page)}::bigint[])`, range)).items : [];
  const byId = new Map(items.map((i) => [i.orgId, i]));
  return {
    from: range.from,
    to: range.to,
    requirements: reqs.map((r) => ({ ...r, text: describeRequirement(r) })),
    branches: rows.length,
    behind: behind.length,
    rate: rateOf(met, required),
    items: page.map((id) => byId.get(id)!),
    total: behind.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}
