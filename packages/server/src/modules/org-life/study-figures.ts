import { sql } from 'drizzle-orm';
import { isBelowStudyThreshold, rankByStudyRate, studyBelowLimit, studyRate, type Rules, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import type { loadOrg } from '../organizations/service.js';
import { num } from './common.js';
import { roundsInLine } from './in-line.js';

/**
 * 参学率 of a subtree for a year (all rounds) as studyStats computes it live, from the kept figures
 * (migrations 0031, 0038): totals and per round number from org_figures at the organization, its
 * children from org_figures at each child, and a page of its branches' ranking from the ordered rows kept
 * at the organization (study_ranked, migration 0044: the page's rows, whatever the subtree's size; the whole
 * list, for the Excel export, from every organization's own sums).
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
  // The page of the ranking: the ordered rows kept at the organization (migration 0044), or (the whole list)
  // every organization's own sums ranked here.
  const { rows: pageRows, ...pageOf } = paging.all
    ? rankingPage(await wholeRanking(tx, rules, org.path, jan1), paging)
    : await keptRankingPage(tx, rules, org.id, year, figures, paging);
  const names = pageRows.length
    ? await query<{ id: number; name: string; parent_name: string | null }>(
        tx,
        sql`select b.id, b.name, pa.name as parent_name from organizations b left join organizations pa on pa.id = b.parent_id where b.id = any(${sql.param(pageRows.map((b) => b.orgId))}::bigint[])`,
      )
    : [];
  const nameOf = new Map(names.map((n) => [num(n.id), n]));
  const branches = pageRows.map((b) => ({ ...b, orgName: nameOf.get(b.orgId)!.name, parentName: nameOf.get(b.orgId)!.parent_name }));
  // Below the threshold: the rate histogram kept at the organization (one row per rate present).
  const limit = studyBelowLimit(rules);
  const below = figures
    .filter((r) => r.metric.startsWith('study:r4:') && Number(r.metric.slice('study:r4:'.length)) < limit)
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

/** Every organization of the subtree with participation in the year, ranked, from their own sums (two small rows each, no name). */
async function wholeRanking(tx: Tx, rules: Rules, path: string, jan1: string) {
  const own = await query<{ id: number; participants: string; base: string | null }>(
    tx,
    sql`select b.id, f.value::bigint as participants,
               (select g.value from org_own_figures g where g.org_id = b.id and g.metric = 'study:base' and g.day = ${jan1}::date)::bigint as base
          from organizations b
          join org_own_figures f on f.org_id = b.id and f.metric = 'study:participants' and f.day = ${jan1}::date
         where b.path <@ ${path}::ltree
         order by b.id`,
  );
  return rankByStudyRate(own.map((b) => rankingRow(rules, num(b.id), Number(b.participants), Number(b.base ?? 0))));
}

function rankingRow(rules: Rules, orgId: number, participants: number, base: number) {
  const rate = studyRate(participants, base);
  return { orgId, participants, base, rate, below: isBelowStudyThreshold(rate, rules) };
}

/**
 * One page of the ranking from study_ranked (migration 0044): the organization's rows in the ranking's order
 * (rate descending, no rate last, then id: rankByStudyRate's order), pageSize rows after (page − 1) × pageSize;
 * `belowOnly` the same order's rows with 0 <= r4 < studyBelowLimit. A rank is 1 + the organizations of a higher rate,
 * from the rate histogram kept at the organization (study:r4:<r4>, in `figures`), the totals study:orgs and the
 * histogram below the threshold. The page's own sums are then read by id.
 */
async function keptRankingPage(tx: Tx, rules: Rules, orgId: number, year: number, figures: readonly { metric: string; value: string }[], p: RankingPage) {
  const page = p.page ?? 1;
  const pageSize = p.pageSize ?? 20;
  const limit = studyBelowLimit(rules);
  const ranked = await query<{ org_id: string; r4: number }>(
    tx,
    sql`select r.org_id, r.r4 from study_ranked r
         where r.anc_id = ${orgId} and r.year = ${year} ${p.belowOnly ? sql`and r.r4 >= 0 and r.r4 < ${limit}` : sql``}
         order by r.r4 desc, r.org_id offset ${(page - 1) * pageSize} limit ${pageSize}`,
  );
  const ids = ranked.map((r) => num(r.org_id));
  const own = ids.length
    ? await query<{ org_id: string; metric: string; value: string }>(
        tx,
        sql`select org_id, metric, value::bigint as value from org_own_figures
             where org_id = any(${sql.param(ids)}::bigint[]) and metric in ('study:participants', 'study:base') and day = ${`${year}-01-01`}::date`,
      )
    : [];
  const sums = new Map<string, number>(own.map((r) => [`${num(r.org_id)}|${r.metric}`, Number(r.value)]));
  const histogram = figures.filter((r) => r.metric.startsWith('study:r4:')).map((r) => ({ r4: Number(r.metric.slice('study:r4:'.length)), n: Number(r.value) }));
  const rows = ranked.map((r) => {
    const id = num(r.org_id);
    const row = rankingRow(rules, id, sums.get(`${id}|study:participants`) ?? 0, sums.get(`${id}|study:base`) ?? 0);
    const rank = r.r4 < 0 ? null : 1 + histogram.filter((h) => h.r4 > r.r4).reduce((s, h) => s + h.n, 0);
    return { ...row, rank };
  });
  const count = (pick: (r4: number) => boolean) => histogram.filter((h) => pick(h.r4)).reduce((s, h) => s + h.n, 0);
  const orgs = Number(figures.find((r) => r.metric === 'study:orgs')?.value ?? 0);
  return { rows, total: p.belowOnly ? count((r4) => r4 < limit) : orgs, page, pageSize };
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
