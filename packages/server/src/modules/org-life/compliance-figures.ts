import { sql } from 'drizzle-orm';
import { calendarPeriodsBetween, describeRequirement, meetingRequirements, type Rules, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { loadOrg } from '../organizations/service.js';
import { periodOf, today } from './common.js';
import { SIGNATURE, complianceFigures } from './figures.js';
import { branchCompliance, compliance } from './meetings.js';

type Query = api.QueryOf<typeof api.orgLife.getCompliance>;

/**
 * One page of 三会两制一课 compliance (the route), its total exact. The branches behind (behindOnly, the
 * home page's card), in tree order, are found by walking the subtree's active branches in path order in
 * growing batches, each branch tested on its kept rows (branch_meeting_figures, migration 0031: per branch
 * and calendar period the meetings held of each kind; no meeting, member or attendance row), and the walk
 * stops once the page is filled or every behind branch is found; the subtree's branches, behind and rate are
 * the kept figures at the organization asked about (org_figures, complianceFigures: primary-key ranges at the
 * root, whatever the subtree's size). Only the page's branches are then computed in full (shortfalls, kinds,
 * members, last meeting). Everything else, and periods the rows cannot answer (not from 1 January to a date of
 * that year, or configured kinds/cadences other than the kept ones), is computed live as before; `plain`
 * forces that (behindOnly in tree order too).
 */
export async function compliancePage(tx: Tx, rules: Rules, q: Query, opts: { plain?: boolean } = {}) {
  const kept = opts.plain || !q.behindOnly ? null : await behindPageKept(tx, rules, q);
  if (kept) return kept;
  const r = await compliance(tx, rules, q, { behindInTreeOrder: true });
  const start = (q.page - 1) * q.pageSize;
  return { ...r, items: r.items.slice(start, start + q.pageSize), total: r.items.length, page: q.page, pageSize: q.pageSize };
}

type Period = { kind: string; times: number; start: string; end: string };

/**
 * Which of the branches are behind over the closed periods, in the order given: from each branch's compliance
 * signature at the last closed period's end (branch_meeting_figures `mtg:sig:<fewest held per kind>`, one row
 * per branch; read as complianceQuery reads the subtree's): behind when a required kind fell short, or when
 * it held no meeting this year (no signature) though founded by the start of the latest closed period.
 */
async function behindOf(tx: Tx, branches: readonly { id: number; founded_on: string | null }[], periods: readonly Period[], rules: Rules): Promise<number[]> {
  if (!branches.length || !periods.length) return [];
  const lastEnd = periods.map((p) => p.end).sort().at(-1)!;
  const latestStart = periods.map((p) => p.start).sort().at(-1)!;
  const reqs = meetingRequirements(rules);
  const times = SIGNATURE.map((s) => reqs.find((r) => r.kind === s.kind)?.times ?? 0);
  const rows = await query<{ org_id: number; metric: string }>(
    tx,
    sql`select f.org_id, f.metric from branch_meeting_figures f
         where f.org_id = any(${sql.param(branches.map((b) => Number(b.id)))}::bigint[]) and starts_with(f.metric, 'mtg:sig:') and f.day = ${lastEnd}::date`,
  );
  const signature = new Map(rows.map((r) => [Number(r.org_id), r.metric.slice('mtg:sig:'.length).split('.')]));
  return branches
    .filter((b) => {
      const fewest = signature.get(Number(b.id));
      const relevant = fewest ? SIGNATURE.map((_, i) => times[i]! > 0 && fewest[i] !== 'x') : [];
      if (fewest && relevant.some(Boolean)) return relevant.some((r, i) => r && Number(fewest[i]) < times[i]!);
      return b.founded_on === null || b.founded_on <= latestStart;
    })
    .map((b) => Number(b.id));
}

async function behindPageKept(tx: Tx, rules: Rules, q: Query) {
  const range = periodOf(q);
  const year = range.from.slice(0, 4);
  if (range.from !== `${year}-01-01` || range.to.slice(0, 4) !== year) return null;
  const reqs = meetingRequirements(rules);
  if (reqs.some((r) => r.times > 12 || !SIGNATURE.some((s) => s.kind === r.kind && s.cadence === r.cadence))) return null;
  const org = await loadOrg(tx, q.orgId);
  const on = today();
  const figures = await complianceFigures(tx, rules, org.id, range, on);
  if (!figures) return null;
  // Closed periods of every configured kind (as complianceQuery takes the last end and latest start).
  const periods = reqs.flatMap((r) => calendarPeriodsBetween(range.from, range.to, r.cadence).filter((p) => p.end < on && p.end <= range.to && p.start >= range.from).map((p) => ({ ...p, kind: r.kind, times: r.times })));
  const start = (q.page - 1) * q.pageSize;
  const want = Math.min(start + q.pageSize, figures.behind);
  const found: number[] = [];
  let after: string | null = null;
  // The first batch sized by the share of branches behind at the root, so that it usually fills the page.
  let batch = Math.max(64, Math.ceil((want * figures.branches * 1.25) / Math.max(figures.behind, 1)));
  while (found.length < want) {
    const branches: { id: number; path: string; founded_on: string | null }[] = await query<{ id: number; path: string; founded_on: string | null }>(
      tx,
      sql`select o.id, o.path::text as path, o.founded_on::text as founded_on from organizations o
           where o.path <@ ${org.path}::ltree and o.type in ('branch', 'joint_branch') and o.status = 'active'
             ${after === null ? sql`and o.path >= ${org.path}::ltree` : sql`and o.path > ${after}::ltree`}
           order by o.path limit ${batch}`,
    );
    found.push(...(await behindOf(tx, branches, periods, rules)));
    if (branches.length < batch) break;
    after = branches.at(-1)!.path;
    batch *= 2;
  }
  const page = found.slice(start, start + q.pageSize);
  const items = page.length ? (await branchCompliance(tx, rules, sql`o.id = any(${sql.param(page)}::bigint[])`, range)).items : [];
  const byId = new Map(items.map((i) => [i.orgId, i]));
  return {
    from: range.from,
    to: range.to,
    requirements: reqs.map((r) => ({ ...r, text: describeRequirement(r) })),
    branches: figures.branches,
    behind: figures.behind,
    rate: figures.rate,
    items: page.map((id) => byId.get(id)!),
    total: figures.behind,
    page: q.page,
    pageSize: q.pageSize,
  };
}
