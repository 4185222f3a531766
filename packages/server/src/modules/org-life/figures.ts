import { sql } from 'drizzle-orm';
import { AID_PROGRAMS, calendarPeriodsBetween, meetingRequirements, studyBelowLimit, studyRate, type ActivityType, type AppealCategory, type HonorType, type MeetingKind, type Rules } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { focusOn } from '../../db/context.js';
import { dateArray, query, queryPrepared, textArray } from '../../db/sql.js';

/**
 * Org-life figures read from org_figures (migration 0031): rows by subtree
 * root, metric and day, kept by triggers in the writing transaction. Every
 * read here is a primary-key range on one organization, whatever the size of
 * its subtree; the live computations they replace are in overview.ts (plain).
 *
 * Each figure is a FigureQuery: the ranges it reads and how its answer is made
 * from them. runFigures reads the ranges of several figures of one organization
 * in ONE statement (the overview needs a dozen: one round trip instead of a
 * dozen, which on the embedded engine is most of its time); each figure's own
 * function below runs it alone.
 */

/** One range of org_figures at the organization: some metrics (or a prefix) over [from, to], summed by metric (and by day). */
export interface FigureRead {
  metrics?: readonly string[];
  prefix?: string;
  from?: string;
  to?: string;
  byDay?: boolean;
  /**
   * With a prefix whose metrics end in a whole number (a histogram, e.g. study:r4:<rate>): one row, metric =
   * the prefix, summing the metrics whose number is below this; the histogram stays in the database.
   */
  below?: number;
  /**
   * One row per day of this list (day = that day): the metrics summed over every day up to it, from one scan of
   * the range, which ends at the latest of them unless `to` is given (a count "founded by" each of a year's period
   * starts reads the founding days once, not once a start).
   */
  upTo?: readonly string[];
}

/** The latest of some ISO days. */
const latest = (days: readonly string[]) => days.reduce((a, d) => (d > a ? d : a));
export interface FigureRow {
  metric: string;
  /** Only with byDay. */
  day: string | null;
  value: number;
}
export interface FigureQuery<T> {
  reads: Record<string, FigureRead>;
  answer(rows: Record<string, FigureRow[]>): T;
}

/** The metrics after every metric that starts with `prefix`, in code-point order (org_figures.metric is collate "C"). */
const prefixEnd = (prefix: string) => prefix.slice(0, -1) + String.fromCodePoint(prefix.codePointAt(prefix.length - 1)! + 1);

// A prefix is read as a range of the key with bounds as parameters, so that a generic plan (runFigures) still reads
// only that range; starts_with(metric, $n) is an index range in a plan made for its value only.
const readSql = (key: string, orgId: number, r: FigureRead) => {
  const where = sql`f.org_id = ${orgId} and ${r.prefix !== undefined ? sql`f.metric >= ${r.prefix} and f.metric < ${prefixEnd(r.prefix)}` : r.metrics!.length === 1 ? sql`f.metric = ${r.metrics![0]}` : sql`f.metric = any(${textArray(r.metrics!)})`}
         and f.day between ${r.from ?? '0001-01-01'}::date and ${r.to ?? (r.upTo?.length ? latest(r.upTo) : '9999-12-31')}::date`;
  if (r.upTo !== undefined)
    return sql`select ${key}::text as k, f.metric, d.day::text as day, sum(f.value)::bigint as value
       from org_figures f join unnest(${dateArray(r.upTo)}) d(day) on f.day <= d.day
       where ${where}
       group by f.metric, d.day having sum(f.value) <> 0`;
  if (r.below !== undefined)
    return sql`select ${key}::text as k, ${r.prefix!}::text as metric, null::text as day, coalesce(sum(f.value), 0)::bigint as value from org_figures f
       where ${where} and substr(f.metric, ${r.prefix!.length + 1})::bigint < ${r.below}`;
  return sql`select ${key}::text as k, f.metric, ${r.byDay ? sql`f.day::text` : sql`null::text`} as day, sum(f.value)::bigint as value from org_figures f
       where ${where}
       group by f.metric${r.byDay ? sql`, f.day` : sql``} having sum(f.value) <> 0`;
};

/** Several figures of one organization's subtree from one statement. */
export async function runFigures<Q extends Record<string, FigureQuery<unknown>>>(
  tx: Tx,
  orgId: number,
  queries: Q,
): Promise<{ [K in keyof Q]: Q[K] extends FigureQuery<infer T> ? T : never }> {
  const parts = Object.entries(queries).flatMap(([name, q]) => Object.entries(q.reads).map(([key, r]) => readSql(`${name}|${key}`, orgId, r)));
  // Prepared with a generic plan (db/sql.ts queryPrepared): the overview's dozen reads, each under the table's
  // scope policy, took longer to plan (~10 ms at a province's root) than to run.
  if (parts.length) await focusOn(tx, orgId);
  const rows = parts.length ? await queryPrepared<{ k: string; metric: string; day: string | null; value: string }>(tx, sql.join(parts, sql` union all `)) : [];
  const byKey = new Map<string, FigureRow[]>();
  for (const r of rows) {
    const list = byKey.get(r.k) ?? [];
    list.push({ metric: r.metric, day: r.day, value: Number(r.value) });
    byKey.set(r.k, list);
  }
  const out: Record<string, unknown> = {};
  for (const [name, q] of Object.entries(queries)) {
    out[name] = q.answer(Object.fromEntries(Object.keys(q.reads).map((key) => [key, byKey.get(`${name}|${key}`) ?? []])));
  }
  return out as never;
}

/** A figure that reads nothing and is null (a figure the caller computes live instead). */
export const noFigures: FigureQuery<null> = { reads: {}, answer: () => null };

const runOne = async <T>(tx: Tx, orgId: number, q: FigureQuery<T>): Promise<T> => (await runFigures(tx, orgId, { q })).q;
const total = (rows: FigureRow[]) => rows.reduce((s, r) => s + r.value, 0);
const byMetric = (rows: FigureRow[]) => new Map(rows.map((r) => [r.metric, r.value]));
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** `date - n years` as PostgreSQL computes it (29 February to 28 February of a common year). */
function minusYears(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const year = y - n;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** Sums of dated figures of one organization's subtree over [from, to]. */
export function datedSumsQuery(metrics: readonly string[], from: string, to: string): FigureQuery<Record<string, number>> {
  return {
    reads: { sums: { metrics, from, to } },
    answer: (rows) => ({ ...Object.fromEntries(metrics.map((m) => [m, 0])), ...Object.fromEntries(byMetric(rows.sums!)) }),
  };
}
export const datedSums = (tx: Tx, orgId: number, metrics: readonly string[], from: string, to: string) => runOne(tx, orgId, datedSumsQuery(metrics, from, to));

/** Text in code-point order, as PostgreSQL's collate "C" orders it. */
export const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A period as its whole months (read from a metric's month rows, day = the 1st: migration 0051) and the days
 * at either end outside them (read from the day rows): a year costs 12 month rows and at most 60 day rows
 * instead of 365.
 */
function monthSpan(from: string, to: string): { months: { from: string; to: string } | null; days: { from: string; to: string }[] } {
  const first = from.endsWith('-01') ? from : `${addDays(`${from.slice(0, 7)}-01`, 31).slice(0, 7)}-01`;
  const next = `${addDays(`${to.slice(0, 7)}-01`, 31).slice(0, 7)}-01`;
  const afterLast = addDays(to, 1) === next ? next : `${to.slice(0, 7)}-01`;
  if (first >= afterLast) return { months: null, days: from <= to ? [{ from, to }] : [] };
  const lastMonth = `${addDays(afterLast, -1).slice(0, 7)}-01`;
  const days = [...(from < first ? [{ from, to: addDays(first, -1) }] : []), ...(afterLast <= to ? [{ from: afterLast, to }] : [])];
  return { months: { from: first, to: lastMonth }, days };
}

/** The ranges of a period by month: its whole months from the month metric, the days at either end from the day metric. */
export function monthRanges(monthMetric: string, dayMetric: string, from: string, to: string): { metric: string; from: string; to: string }[] {
  const span = monthSpan(from, to);
  return [...(span.months ? [{ metric: monthMetric, ...span.months }] : []), ...span.days.map((d) => ({ metric: dayMetric, ...d }))];
}

/**
 * 组织活动 statistics of a subtree over [from, to] as activityStats computes them live (activities.ts): totals,
 * by type (count, participants), the 20 commonest themes and the activities by month; the children are read
 * by the caller.
 */
export function activityStatsQuery(from: string, to: string) {
  return {
    reads: {
      sums: { metrics: ['act:count', 'act:people', 'act:mem', 'act:venue'], from, to },
      types: { prefix: 'act:t', from, to },
      ...Object.fromEntries(monthRanges('act:mcount', 'act:count', from, to).map(({ metric, ...r }, i) => [`month${i}`, { metrics: [metric], ...r, byDay: true }])),
    } as Record<string, FigureRead>,
    answer(rows: Record<string, FigureRow[]>) {
      const f = byMetric(rows.sums!);
      const of = (prefix: string) => rows.types!.filter((r) => r.metric.startsWith(prefix)).map((r) => [r.metric.slice(prefix.length), r.value] as const);
      const participants = new Map(of('act:tp:'));
      const byType = of('act:tn:')
        .map(([type, count]) => ({ type: type as ActivityType, count, participants: participants.get(type) ?? 0 }))
        .sort((a, b) => b.count - a.count || byCodePoint(a.type, b.type));
      const byTheme = of('act:th:')
        .map(([theme, count]) => ({ theme, count }))
        .sort((a, b) => b.count - a.count || byCodePoint(a.theme, b.theme))
        .slice(0, 20);
      const months = new Map<string, number>();
      for (const [key, list] of Object.entries(rows)) {
        if (key.startsWith('month')) for (const r of list) months.set(r.day!.slice(0, 7), (months.get(r.day!.slice(0, 7)) ?? 0) + r.value);
      }
      const byMonth = [...months].filter(([, n]) => n > 0).sort(([a], [b]) => byCodePoint(a, b)).map(([month, count]) => ({ month, count }));
      const members = f.get('act:mem') ?? 0;
      return { total: f.get('act:count') ?? 0, members, youth: (f.get('act:people') ?? 0) - members, atVenues: f.get('act:venue') ?? 0, byType, byTheme, byMonth };
    },
  } satisfies FigureQuery<unknown>;
}

/** Volunteers of the subtree, and those aged youthMax or less on `on` (by birth month, and by day in the cut-off month). */
export function volunteerAgesQuery(on: string, youthMax: number): FigureQuery<{ count: number; youth: number }> {
  const cut = minusYears(on, youthMax + 1);
  const month = `${cut.slice(0, 7)}-01`;
  const nextMonth = `${addDays(month, 31).slice(0, 7)}-01`;
  return {
    reads: {
      all: { metrics: ['vol:bm'] },
      months: { metrics: ['vol:bm'], from: addDays(month, 1) },
      days: { metrics: ['vol:bd'], from: addDays(cut, 1), to: addDays(nextMonth, -1) },
    },
    answer: (rows) => ({ count: total(rows.all!), youth: total(rows.months!) + total(rows.days!) }),
  };
}
export const volunteerAges = (tx: Tx, orgId: number, on: string, youthMax: number) => runOne(tx, orgId, volunteerAgesQuery(on, youthMax));

/** Service projects running at some time in [from, to]: started by `to` minus ended before `from` (an end is never before its start). */
export function projectsOverlappingQuery(from: string, to: string): FigureQuery<number> {
  return {
    reads: { started: { metrics: ['proj:start'], to }, ...(from > '0001-01-01' ? { ended: { metrics: ['proj:end'], to: addDays(from, -1) } } : {}) },
    answer: (rows) => total(rows.started!) - total(rows.ended ?? []),
  };
}
export const projectsOverlapping = (tx: Tx, orgId: number, from: string, to: string) => runOne(tx, orgId, projectsOverlappingQuery(from, to));

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
export function complianceQuery(
  rules: Rules,
  range: { from: string; to: string },
  on: string,
): FigureQuery<{ branches: number; behind: number; rate: number | null }> | null {
  const year = range.from.slice(0, 4);
  if (range.from !== `${year}-01-01` || range.to.slice(0, 4) !== year) return null;
  const reqs = meetingRequirements(rules);
  if (reqs.some((r) => !SIGNATURE.some((s) => s.kind === r.kind && s.cadence === r.cadence))) return null;
  const times = SIGNATURE.map((s) => reqs.find((r) => r.kind === s.kind)?.times ?? 0);
  // Closed periods end by the cut-off: before today and within the range.
  const cut = [dayBefore(on), range.to].sort()[0]!;
  const closed = reqs.map((r) => ({ ...r, periods: calendarPeriodsBetween(range.from, range.to, r.cadence).filter((p) => p.end <= cut) }));
  const lastEnd = closed.flatMap((c) => c.periods.map((p) => p.end)).sort().at(-1);
  // The branches founded by each closed period's start, one summed row a start (not the branches' founding days, one
  // row each: 260 in the demo county, thousands at a province), from one scan of the founding days.
  const starts = [...new Set(closed.flatMap((c) => c.periods.map((p) => p.start)))];
  return {
    reads: {
      branches: { metrics: ['org:branch'] },
      ...(starts.length ? { foundedBy: { metrics: ['org:branch'], upTo: starts } } : {}),
      ...(lastEnd
        ? { histogram: { prefix: 'mtg:n:', from: range.from, to: lastEnd, byDay: true }, signatures: { prefix: 'mtg:sig:', from: lastEnd, to: lastEnd } }
        : {}),
    },
    answer(rows) {
      const branches = total(rows.branches!);
      const founded = new Map((rows.foundedBy ?? []).map((r) => [r.day!, r.value]));
      const foundedBy = (start: string) => founded.get(start) ?? 0;
      if (!lastEnd) return { branches, behind: 0, rate: null };
      let required = 0;
      let met = 0;
      for (const c of closed) {
        for (const p of c.periods) {
          required += c.times * foundedBy(p.start);
          for (const h of rows.histogram!) {
            const [, , kind, n] = h.metric.split(':');
            if (kind === c.kind && h.day === p.end) met += Math.min(Number(n), c.times) * h.value;
          }
        }
      }
      let behindWithMeetings = 0;
      let eligibleWithMeetings = 0;
      for (const s of rows.signatures!) {
        const fewest = s.metric.slice('mtg:sig:'.length).split('.');
        const relevant = SIGNATURE.map((_, i) => times[i]! > 0 && fewest[i] !== 'x');
        if (relevant.some(Boolean)) eligibleWithMeetings += s.value;
        if (relevant.some((r, i) => r && Number(fewest[i]) < times[i]!)) behindWithMeetings += s.value;
      }
      // Branches with no meeting this year are behind when some closed period was required of them.
      const latestStart = closed.flatMap((c) => c.periods.map((p) => p.start)).sort().at(-1)!;
      const behind = behindWithMeetings + foundedBy(latestStart) - eligibleWithMeetings;
      return { branches, behind, rate: required ? Math.round((met / required) * 10_000) / 10_000 : null };
    },
  };
}

export async function complianceFigures(
  tx: Tx,
  rules: Rules,
  orgId: number,
  range: { from: string; to: string },
  on: string,
): Promise<{ branches: number; behind: number; rate: number | null } | null> {
  const q = complianceQuery(rules, range, on);
  return q && runOne(tx, orgId, q);
}

/**
 * 青年大学习 of a subtree for a year as studyStats totals it (rounds, participations, base, rate,
 * branches below the threshold), from every organization's own rows (tj_org_study_rows). The live
 * computation restricts rounds to those in line with the caller; participation is recorded for the
 * branches under a round's organization, which is always in line with any scope that sees them.
 */
export function studyQuery(rules: Rules, year: number): FigureQuery<{ rounds: number; participations: number; base: number; rate: number | null; threshold: number; branchesBelow: number }> {
  const day = `${year}-01-01`;
  const threshold = rules.youthWork.studyRateThreshold;
  return {
    reads: {
      totals: { metrics: ['study:participants', 'study:base'], from: day, to: day },
      rounds: { prefix: 'study:round:', from: day, to: day },
      below: { prefix: 'study:r4:', from: day, to: day, below: studyBelowLimit(rules) },
    },
    answer(rows) {
      const totals = byMetric(rows.totals!);
      const participations = totals.get('study:participants') ?? 0;
      const base = totals.get('study:base') ?? 0;
      return { rounds: rows.rounds!.length, participations, base, rate: studyRate(participations, base), threshold, branchesBelow: total(rows.below!) };
    },
  };
}
export const studyFigures = (tx: Tx, rules: Rules, orgId: number, year: number) => runOne(tx, orgId, studyQuery(rules, year));

/** 青年之声 figures of a subtree for appeals created in [from, to], as appealStats computes them; equal categories by name. */
export function appealQuery(range: { from: string; to: string }, on: string) {
  return {
    reads: { apl: { prefix: 'apl:', from: range.from, to: range.to } },
    answer(rows: Record<string, FigureRow[]>) {
      const byStatus: Record<string, number> = {};
      const byCategory: { category: AppealCategory; count: number }[] = [];
      let overdue = 0;
      let onTime = 0;
      let rating = 0;
      let rated = 0;
      for (const r of rows.apl!) {
        const v = r.value;
        const [, kind, key] = r.metric.split(':') as [string, string, string];
        if (kind === 'st') byStatus[key] = v;
        else if (kind === 'cat') byCategory.push({ category: key as AppealCategory, count: v });
        else if (kind === 'open' && key < on) overdue += v;
        else if (kind === 'ontime') onTime = v;
        else if (kind === 'rating') rating = v;
        else if (kind === 'rated') rated = v;
      }
      byCategory.sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : 1));
      return {
        total: Object.values(byStatus).reduce((s, n) => s + n, 0),
        byStatus,
        byCategory,
        overdue,
        answeredOnTime: onTime,
        // round(rating / rated, 2) exactly, half away from zero (both are whole, rated > 0), as numeric does.
        averageRating: rated ? Math.floor((200 * rating + rated) / (2 * rated)) / 100 : null,
      };
    },
  } satisfies FigureQuery<unknown>;
}
/** 青年之声 figures of a subtree for appeals created in [from, to], as appealStats computes them; equal categories by name. */
export const appealFigures = (tx: Tx, orgId: number, range: { from: string; to: string }, on: string) => runOne(tx, orgId, appealQuery(range, on));

/* ------------------------------------------- migration 0038: venues, aid, honors, volunteers page */

/** 团属阵地 of a subtree as the overview counts them: active venues, standard met, idle on `on`, activities at them in the range. */
export function venueQuery(range: { from: string; to: string }, on: string, idleDays: number): FigureQuery<{ count: number; standardMet: number; idle: number; activities: number }> {
  return {
    reads: {
      counts: { metrics: ['ven:n', 'ven:std'] },
      idle: { metrics: ['ven:last'], to: addDays(on, -idleDays) },
      activities: { metrics: ['ven:act'], from: range.from, to: range.to },
    },
    answer(rows) {
      const c = byMetric(rows.counts!);
      return { count: c.get('ven:n') ?? 0, standardMet: c.get('ven:std') ?? 0, idle: total(rows.idle!), activities: total(rows.activities!) };
    },
  };
}
export const venueFigures = (tx: Tx, orgId: number, range: { from: string; to: string }, on: string, idleDays: number) => runOne(tx, orgId, venueQuery(range, on, idleDays));

/** A prefix's rows by metric for the range's years (rows dated 1 January of their year). */
const yearsRead = (prefix: string, range: { from: string; to: string }): FigureRead => ({ prefix, from: `${range.from.slice(0, 4)}-01-01`, to: `${range.to.slice(0, 4)}-01-01` });

/** 帮扶 of a subtree for the projects of the range's years, per programme in AID_PROGRAMS order (programmes with projects). */
export function aidQuery(range: { from: string; to: string }) {
  return {
    reads: { aid: yearsRead('aid:', range) },
    answer(rows: Record<string, FigureRow[]>) {
      const f = byMetric(rows.aid!);
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
    },
  } satisfies FigureQuery<unknown>;
}
export const aidFigures = (tx: Tx, orgId: number, range: { from: string; to: string }) => runOne(tx, orgId, aidQuery(range));

/** Nominations (not ineligible) and awards by honour type of a subtree for the campaigns of the range's years; equal counts by type. */
export function honorQuery(range: { from: string; to: string }) {
  return {
    reads: { hon: yearsRead('hon:', range) },
    answer(rows: Record<string, FigureRow[]>) {
      const f = byMetric(rows.hon!);
      const byType = [...f.entries()]
        .filter(([m]) => m.startsWith('hon:aw:'))
        .map(([m, v]) => ({ honorType: m.slice('hon:aw:'.length) as HonorType, awarded: v }))
        .sort((a, b) => b.awarded - a.awarded || (a.honorType < b.honorType ? -1 : 1));
      return { nominations: f.get('hon:nom') ?? 0, awarded: byType.reduce((s, t) => s + t.awarded, 0), byType };
    },
  } satisfies FigureQuery<unknown>;
}
export const honorFigures = (tx: Tx, orgId: number, range: { from: string; to: string }) => runOne(tx, orgId, honorQuery(range));

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
