import { sql } from 'drizzle-orm';
import { isBelowStudyThreshold, rankByStudyRate, studyRate, type Rules, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import type { loadOrg } from '../organizations/service.js';
import { num } from './common.js';
import { roundsInLine } from './in-line.js';

/**
 * 参学率 of a subtree for a year (all rounds) as studyStats computes it live, from the kept figures
 * (migrations 0031, 0038): totals and per round number from org_figures at the organization, its
 * children from org_figures at each child, and its branches' list from their own sums
 * (org_own_figures, two rows per organization with participation: the list is the answer's size).
 * A round's title is that of the rounds in line with its number when they agree (one per level at
 * most), else looked up as the live computation takes it (the lowest organization id's latest row).
 */
export async function studyStatsKept(
  tx: Tx,
  rules: Rules,
  org: Awaited<ReturnType<typeof loadOrg>>,
  year: number,
  paging: RankingPage = {},
): Promise<api.ResponseOf<typeof api.orgLife.studyStats>> {
  const jan1 = `${year}-01-01`;
  const figures = await query<{ metric: string; value: string }>(
    tx,
    sql`select metric, value::bigint as value from org_figures where org_id = ${org.id} and starts_with(metric, 'study:') and day = ${jan1}::date and value <> 0`,
  );
  const f = new Map(figures.map((r) => [r.metric, Number(r.value)]));
  const roundNos = figures
    .filter((r) => r.metric.startsWith('study:round:'))
    .map((r) => Number(r.metric.slice('study:round:'.length)))
    .sort((a, b) => a - b);
  const inLine = roundNos.length
    ? await query<{ id: number; round_no: number; title: string }>(
        tx,
        sql`select s.id, s.round_no, s.title from ${await roundsInLine(tx)} s where s.year = ${year} and s.round_no = any(${sql.param(roundNos)}::int[])`,
      )
    : [];
  const rounds = [];
  for (const n of roundNos) {
    const titles = [...new Set(inLine.filter((r) => r.round_no === n).map((r) => r.title))];
    const title = titles.length === 1 ? titles[0]! : await firstTitle(tx, org.path, year, n);
    const participants = f.get(`study:rp:${n}`) ?? 0;
    const base = f.get(`study:rb:${n}`) ?? 0;
    rounds.push({ roundNo: n, title, participants, base, rate: studyRate(participants, base) });
  }
  const children = await query<{ id: number; name: string; participants: string | null; base: string | null }>(
    tx,
    sql`select c.id, c.name,
               (select f.value from org_figures f where f.org_id = c.id and f.metric = 'study:participants' and f.day = ${jan1}::date)::bigint as participants,
               (select f.value from org_figures f where f.org_id = c.id and f.metric = 'study:base' and f.day = ${jan1}::date)::bigint as base
          from organizations c where c.parent_id = ${org.id} and c.status = 'active' order by c.sort_order, c.id`,
  );
  const childRows = children
    .map((c) => {
      const participants = Number(c.participants ?? 0);
      const base = Number(c.base ?? 0);
      const rate = studyRate(participants, base);
      return { orgId: num(c.id), orgName: c.name, participants, base, rate, below: isBelowStudyThreshold(rate, rules) };
    })
    .filter((c) => c.base > 0);
  // The ranking from the organizations' own sums (two small rows each, no name), the page's names after.
  const own = await query<{ id: number; participants: string; base: string | null }>(
    tx,
    sql`select b.id, f.value::bigint as participants,
               (select g.value from org_own_figures g where g.org_id = b.id and g.metric = 'study:base' and g.day = ${jan1}::date)::bigint as base
          from organizations b
          join org_own_figures f on f.org_id = b.id and f.metric = 'study:participants' and f.day = ${jan1}::date
         where b.path <@ ${org.path}::ltree
         order by b.id`,
  );
  const ranked = rankByStudyRate(
    own.map((b) => {
      const participants = Number(b.participants);
      const base = Number(b.base ?? 0);
      const rate = studyRate(participants, base);
      return { orgId: num(b.id), participants, base, rate, below: isBelowStudyThreshold(rate, rules) };
    }),
  );
  const { rows: pageRows, ...pageOf } = rankingPage(ranked, paging);
  const names = pageRows.length
    ? await query<{ id: number; name: string; parent_name: string | null }>(
        tx,
        sql`select b.id, b.name, pa.name as parent_name from organizations b left join organizations pa on pa.id = b.parent_id where b.id = any(${sql.param(pageRows.map((b) => b.orgId))}::bigint[])`,
      )
    : [];
  const nameOf = new Map(names.map((n) => [num(n.id), n]));
  const branches = pageRows.map((b) => ({ ...b, orgName: nameOf.get(b.orgId)!.name, parentName: nameOf.get(b.orgId)!.parent_name }));
  // Below the threshold: the rate histogram kept at the organization (one row per rate present).
  const below = figures
    .filter((r) => r.metric.startsWith('study:r4:') && isBelowStudyThreshold(Number(r.metric.slice('study:r4:'.length)) / 10_000, rules))
    .reduce((n, r) => n + Number(r.value), 0);
  const participants = f.get('study:participants') ?? 0;
  const base = f.get('study:base') ?? 0;
  return {
    year,
    roundNo: null,
    threshold: rules.youthWork.studyRateThreshold,
    participants,
    base,
    rate: studyRate(participants, base),
    rounds,
    children: childRows,
    branches,
    ...pageOf,
    below,
  };
}

/** Which part of the branch ranking an answer lists: a page (default the first 20), only those below, or all. */
export interface RankingPage {
  page?: number;
  pageSize?: number;
  belowOnly?: boolean;
  all?: boolean;
}

/** The page of a ranked list (ranks over the whole list, `belowOnly` keeps those below), with its total. */
export function rankingPage<T extends { below: boolean }>(ranked: T[], p: RankingPage) {
  const list = p.belowOnly ? ranked.filter((b) => b.below) : ranked;
  const page = p.page ?? 1;
  const pageSize = p.pageSize ?? 20;
  if (p.all) return { rows: list, total: list.length, page: 1, pageSize: Math.max(list.length, 1) };
  return { rows: list.slice((page - 1) * pageSize, page * pageSize), total: list.length, page, pageSize };
}

/** The title the live computation shows for round number n: the round of the lowest organization id's latest participation row. */
async function firstTitle(tx: Tx, path: string, year: number, n: number): Promise<string> {
  const [r] = await query<{ title: string }>(
    tx,
    sql`select s.title from study_participation p join ${await roundsInLine(tx)} s on s.id = p.round_id join organizations b on b.id = p.org_id
         where b.path <@ ${path}::ltree and s.year = ${year} and s.round_no = ${n}
         order by p.org_id, p.updated_at desc, p.id desc limit 1`,
  );
  return r?.title ?? '';
}
