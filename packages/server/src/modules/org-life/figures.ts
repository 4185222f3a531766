import { sql } from 'drizzle-orm';
import { AID_PROGRAMS, calendarPeriodsBetween, isBelowStudyThreshold, meetingRequirements, studyRate, type AppealCategory, type HonorType, type MeetingKind, type Rules } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query, textArray } from '../../db/sql.js';

/**
 * Org-life figures read from org_figures (migration 0031): rows by subtree
 * root, metric and day, kept by triggers in the writing transaction. Every
 * read here is a primary-key range on one organization, whatever the size of
 * its subtree; the live computations they replace are in overview.ts (plain).
 */

/** Sums of dated figures of one organization's subtree over [from, to]. */
export async function datedSums(tx: Tx, orgId: number, metrics: readonly string[], from: string, to: string): Promise<Record<string, number>> {
  const rows = await query<{ metric: string; value: string }>(
    tx,
    sql`select f.metric, sum(f.value)::bigint as value from org_figures f
         where f.org_id = ${orgId} and f.metric = any(${textArray(metrics)}) and f.day between ${from}::date and ${to}::date
         group by f.metric`,
  );
  const out: Record<string, number> = Object.fromEntries(metrics.map((m) => [m, 0]));
  for (const r of rows) out[r.metric] = Number(r.value);
  return out;
}

/** Volunteers of the subtree, and those aged youthMax or less on `on` (by birth month, and by day in the cut-off month). */
export async function volunteerAges(tx: Tx, orgId: number, on: string, youthMax: number): Promise<{ count: number; youth: number }> {
  const [r] = await query<{ count: string; youth: string }>(
    tx,
    sql`with c as (select (${on}::date - make_interval(years => ${youthMax + 1}::int))::date as cut)
        select (select coalesce(sum(value), 0) from org_figures where org_id = ${orgId} and metric = 'vol:bm')::bigint as count,
               ((select coalesce(sum(value), 0) from org_figures, c where org_id = ${orgId} and metric = 'vol:bm' and day > date_trunc('month', c.cut)::date)
              + (select coalesce(sum(value), 0) from org_figures, c where org_id = ${orgId} and metric = 'vol:bd'
                   and day > c.cut and day < (date_trunc('month', c.cut) + interval '1 month')::date))::bigint as youth`,
  );
  return { count: Number(r!.count), youth: Number(r!.youth) };
}

/** Service projects running at some time in [from, to]: started by `to` minus ended before `from` (an end is never before its start). */
export async function projectsOverlapping(tx: Tx, orgId: number, from: string, to: string): Promise<number> {
  const [r] = await query<{ n: string }>(
    tx,
    sql`select ((select coalesce(sum(value), 0) from org_figures where org_id = ${orgId} and metric = 'proj:start' and day <= ${to}::date)
              - (select coalesce(sum(value), 0) from org_figures where org_id = ${orgId} and metric = 'proj:end' and day < ${from}::date))::bigint as n`,
  );
  return Number(r!.n);
}

/** The order and cadence of the requirement kinds in the branches' compliance signatures (tj_branch_meeting_rows). */
export const SIGNATURE: { kind: MeetingKind; cadence: 'month' | 'quarter' }[] = [
  { kind: 'general_meeting', cadence: 'quarter' },
  { kind: 'committee_meeting', cadence: 'month' },
  { kind: 'group_meeting', cadence: 'month' },
  { kind: 'lecture', cadence: 'quarter' },
  { kind: 'theme_day', cadence: 'month' },
];

const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Branches, branches behind and the compliance rate of a subtree, as
 * compliance() in meetings.ts computes them branch by branch, for a period from
 * the first of January to a date of the same year (the home page's and every
 * default period). Null for other periods, or when the configured requirements
 * no longer have the kinds and cadences the signatures were written with: the
 * caller then computes live.
 */
export async function complianceFigures(
  tx: Tx,
  rules: Rules,
  orgId: number,
  range: { from: string; to: string },
  on: string,
): Promise<{ branches: number; behind: number; rate: number | null } | null> {
  const year = range.from.slice(0, 4);
  if (range.from !== `${year}-01-01` || range.to.slice(0, 4) !== year) return null;
  const reqs = meetingRequirements(rules);
  if (reqs.some((r) => !SIGNATURE.some((s) => s.kind === r.kind && s.cadence === r.cadence))) return null;
  const times = SIGNATURE.map((s) => reqs.find((r) => r.kind === s.kind)?.times ?? 0);
  // Closed periods end by the cut-off: before today and within the range.
  const cut = [dayBefore(on), range.to].sort()[0]!;
  const closed = reqs.map((r) => ({ ...r, periods: calendarPeriodsBetween(range.from, range.to, r.cadence).filter((p) => p.end <= cut) }));
  const lastEnd = closed.flatMap((c) => c.periods.map((p) => p.end)).sort().at(-1);

  const branchRows = await query<{ day: string; value: string }>(
    tx,
    sql`select day::text as day, value::bigint as value from org_figures where org_id = ${orgId} and metric = 'org:branch' and value <> 0`,
  );
  const branches = branchRows.reduce((s, r) => s + Number(r.value), 0);
  const foundedBy = (start: string) => branchRows.reduce((s, r) => (r.day <= start ? s + Number(r.value) : s), 0);
  if (!lastEnd) return { branches, behind: 0, rate: null };

  const histogram = await query<{ metric: string; day: string; value: string }>(
    tx,
    sql`select metric, day::text as day, value::bigint as value from org_figures
         where org_id = ${orgId} and starts_with(metric, 'mtg:n:') and day between ${range.from}::date and ${lastEnd}::date and value <> 0`,
  );
  let required = 0;
  let met = 0;
  for (const c of closed) {
    for (const p of c.periods) {
      required += c.times * foundedBy(p.start);
      for (const h of histogram) {
        const [, , kind, n] = h.metric.split(':');
        if (kind === c.kind && h.day === p.end) met += Math.min(Number(n), c.times) * Number(h.value);
      }
    }
  }

  const signatures = await query<{ metric: string; value: string }>(
    tx,
    sql`select metric, value::bigint as value from org_figures where org_id = ${orgId} and starts_with(metric, 'mtg:sig:') and day = ${lastEnd}::date and value <> 0`,
  );
  let behindWithMeetings = 0;
  let eligibleWithMeetings = 0;
  for (const s of signatures) {
    const fewest = s.metric.slice('mtg:sig:'.length).split('.');
    const relevant = SIGNATURE.map((_, i) => times[i]! > 0 && fewest[i] !== 'x');
    if (relevant.some(Boolean)) eligibleWithMeetings += Number(s.value);
    if (relevant.some((r, i) => r && Number(fewest[i]) < times[i]!)) behindWithMeetings += Number(s.value);
  }
  // Branches with no meeting this year are behind when some closed period was required of them.
  const latestStart = closed.flatMap((c) => c.periods.map((p) => p.start)).sort().at(-1)!;
  const behind = behindWithMeetings + foundedBy(latestStart) - eligibleWithMeetings;
  return { branches, behind, rate: required ? Math.round((met / required) * 10_000) / 10_000 : null };
}

/**
 * 青年大学习 of a subtree for a year as studyStats totals it (rounds, participations, base, rate,
 * branches below the threshold), from every organization's own rows (tj_org_study_rows). The live
 * computation restricts rounds to those in line with the caller; participation is recorded for the
 * branches under a round's organization, which is always in line with any scope that sees them.
 */
export async function studyFigures(tx: Tx, rules: Rules, orgId: number, year: number) {
  const rows = await query<{ metric: string; value: string }>(
    tx,
    sql`select metric, sum(value)::bigint as value from org_figures
         where org_id = ${orgId} and starts_with(metric, 'study:') and day = make_date(${year}::int, 1, 1) group by metric having sum(value) <> 0`,
  );
  let participations = 0;
  let base = 0;
  let rounds = 0;
  let below = 0;
  const threshold = rules.youthWork.studyRateThreshold;
  for (const r of rows) {
    const v = Number(r.value);
    if (r.metric === 'study:participants') participations = v;
    else if (r.metric === 'study:base') base = v;
    else if (r.metric.startsWith('study:round:')) rounds += 1;
    else if (r.metric.startsWith('study:r4:') && isBelowStudyThreshold(Number(r.metric.slice('study:r4:'.length)) / 10_000, rules)) below += v;
  }
  return { rounds, participations, base, rate: studyRate(participations, base), threshold, branchesBelow: below };
}

/** 青年之声 figures of a subtree for appeals created in [from, to], as appealStats computes them; equal categories by name. */
export async function appealFigures(tx: Tx, orgId: number, range: { from: string; to: string }, on: string) {
  const rows = await query<{ metric: string; value: string }>(
    tx,
    sql`select metric, sum(value)::bigint as value from org_figures
         where org_id = ${orgId} and starts_with(metric, 'apl:') and day between ${range.from}::date and ${range.to}::date
         group by metric having sum(value) <> 0`,
  );
  const [avg] = await query<{ rating: number | null }>(
    tx,
    sql`select round(sum(value) filter (where metric = 'apl:rating')::numeric / nullif(sum(value) filter (where metric = 'apl:rated'), 0), 2)::float8 as rating
          from org_figures where org_id = ${orgId} and metric in ('apl:rating', 'apl:rated') and day between ${range.from}::date and ${range.to}::date`,
  );
  const byStatus: Record<string, number> = {};
  const byCategory: { category: AppealCategory; count: number }[] = [];
  let overdue = 0;
  let onTime = 0;
  for (const r of rows) {
    const v = Number(r.value);
    const [, kind, key] = r.metric.split(':') as [string, string, string];
    if (kind === 'st') byStatus[key] = v;
    else if (kind === 'cat') byCategory.push({ category: key as AppealCategory, count: v });
    else if (kind === 'open' && key < on) overdue += v;
    else if (kind === 'ontime') onTime = v;
  }
  byCategory.sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : 1));
  return {
    total: Object.values(byStatus).reduce((s, n) => s + n, 0),
    byStatus,
    byCategory,
    overdue,
    answeredOnTime: onTime,
    averageRating: avg?.rating === null || avg?.rating === undefined ? null : Number(avg.rating),
  };
}

/* ------------------------------------------- migration 0038: venues, aid, honors, volunteers page */

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Rows of org_figures at one organization for metrics with a prefix, by metric (summed over [from, to]). */
async function prefixSums(tx: Tx, orgId: number, prefix: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await query<{ metric: string; value: string }>(
    tx,
    sql`select metric, sum(value)::bigint as value from org_figures
         where org_id = ${orgId} and starts_with(metric, ${prefix}) and day between ${from}::date and ${to}::date
         group by metric having sum(value) <> 0`,
  );
  return new Map(rows.map((r) => [r.metric, Number(r.value)]));
}

/** 团属阵地 of a subtree as the overview counts them: active venues, standard met, idle on `on`, activities at them in the range. */
export async function venueFigures(tx: Tx, orgId: number, range: { from: string; to: string }, on: string, idleDays: number) {
  const [r] = await query<{ count: string; standard_met: string; idle: string; activities: string }>(
    tx,
    sql`select (select coalesce(sum(value), 0) from org_figures where org_id = ${orgId} and metric = 'ven:n')::bigint as count,
               (select coalesce(sum(value), 0) from org_figures where org_id = ${orgId} and metric = 'ven:std')::bigint as standard_met,
               (select coalesce(sum(value), 0) from org_figures where org_id = ${orgId} and metric = 'ven:last' and day <= ${addDays(on, -idleDays)}::date)::bigint as idle,
               (select coalesce(sum(value), 0) from org_figures where org_id = ${orgId} and metric = 'ven:act'
                  and day between ${range.from}::date and ${range.to}::date)::bigint as activities`,
  );
  return { count: Number(r!.count), standardMet: Number(r!.standard_met), idle: Number(r!.idle), activities: Number(r!.activities) };
}

/** 帮扶 of a subtree for the projects of the range's years, per programme in AID_PROGRAMS order (programmes with projects). */
export async function aidFigures(tx: Tx, orgId: number, range: { from: string; to: string }) {
  const f = await prefixSums(tx, orgId, 'aid:', `${range.from.slice(0, 4)}-01-01`, `${range.to.slice(0, 4)}-01-01`);
  const get = (p: string, k: string) => f.get(`aid:${p}:${k}`) ?? 0;
  const byProgram = AID_PROGRAMS.filter((p) => get(p, 'projects') > 0).map((p) => ({
    program: p,
    projects: get(p, 'projects'),
    fundsRaisedFen: get(p, 'funds'),
    beneficiaries: get(p, 'benef'),
    committedFen: get(p, 'committed'),
  }));
  return {
    projects: byProgram.reduce((s, p) => s + p.projects, 0),
    fundsRaisedFen: byProgram.reduce((s, p) => s + p.fundsRaisedFen, 0),
    beneficiaries: byProgram.reduce((s, p) => s + p.beneficiaries, 0),
    committedFen: byProgram.reduce((s, p) => s + p.committedFen, 0),
    paidFen: AID_PROGRAMS.reduce((s, p) => s + get(p, 'paid'), 0),
    byProgram,
  };
}

/** Nominations (not ineligible) and awards by honour type of a subtree for the campaigns of the range's years; equal counts by type. */
export async function honorFigures(tx: Tx, orgId: number, range: { from: string; to: string }) {
  const f = await prefixSums(tx, orgId, 'hon:', `${range.from.slice(0, 4)}-01-01`, `${range.to.slice(0, 4)}-01-01`);
  const byType = [...f.entries()]
    .filter(([m]) => m.startsWith('hon:aw:'))
    .map(([m, v]) => ({ honorType: m.slice('hon:aw:'.length) as HonorType, awarded: v }))
    .sort((a, b) => b.awarded - a.awarded || (a.honorType < b.honorType ? -1 : 1));
  return { nominations: f.get('hon:nom') ?? 0, awarded: byType.reduce((s, t) => s + t.awarded, 0), byType };
}

/** The volunteers page's totals of a subtree: teams, volunteers (and youth on `on`), those in a special programme, projects, service records and minutes. */
export async function volunteerPageFigures(tx: Tx, orgId: number) {
  const [r] = await query<{ teams: string; programs: string; projects: string; records: string; minutes: string }>(
    tx,
    sql`select (select coalesce(sum(value), 0) from org_figures where org_id = ${orgId} and metric = 'vol:teams')::bigint as teams,
               (select coalesce(sum(value), 0) from org_figures where org_id = ${orgId} and metric = 'vprog:n')::bigint as programs,
               (select coalesce(sum(value), 0) from org_figures where org_id = ${orgId} and metric = 'proj:start')::bigint as projects,
               (select coalesce(sum(value), 0) from org_figures where org_id = ${orgId} and metric = 'vol:rec')::bigint as records,
               (select coalesce(sum(value), 0) from org_figures where org_id = ${orgId} and metric = 'vol:minutes')::bigint as minutes`,
  );
  return { teams: Number(r!.teams), programs: Number(r!.programs), projects: Number(r!.projects), records: Number(r!.records), minutes: Number(r!.minutes) };
}
