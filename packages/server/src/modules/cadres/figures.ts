import { sql, type SQL } from 'drizzle-orm';
import {
  AGE_BANDS,
  CADRE_EMPLOYMENTS,
  CADRE_TRAINING_KINDS,
  EDUCATION_GROUPS,
  ESTABLISHMENTS,
  POLITICAL_GROUPS,
  SECTORS,
  TERM_STATUSES,
  ageBandOf,
  compositionPattern,
  countsAsMember,
  patternViolations,
  rateFigure,
  shareOf,
  structureFromCounts,
  termState,
  type AgeBand,
  type EducationGroup,
  type OrgType,
  type Rules,
  type Sector,
  type TermStatus,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';

/**
 * Cadre figures read from org_figures (metrics cad:*, migration 0037): kept by triggers in the writing
 * transaction, each read a primary-key range of one organization's rows (or of its children's, for the
 * rates by child), whatever the size of its subtree. The live computations they replace stay in
 * stats.ts, training.ts, reserve.ts and overview.ts behind `{ plain: true }`.
 */

const ZERO_DAY = '0001-01-01';

const textList = (xs: readonly string[]) => sql`${`{${xs.map((x) => `"${x}"`).join(',')}}`}::text[]`;

/** The undated figures (day 0001-01-01) of an organization's subtree, by exact metric name. */
export async function flatSums(tx: Tx, orgId: number, metrics: readonly string[]): Promise<Map<string, number>> {
  const rows = await query<{ metric: string; value: string }>(
    tx,
    sql`select f.metric, f.value from org_figures f where f.org_id = ${orgId} and f.metric = any(${textList(metrics)}) and f.day = ${ZERO_DAY}::date`,
  );
  return new Map(rows.map((r) => [r.metric, Number(r.value)]));
}

/** A filter of agedAtLeast: born on or before a date, read from the birth months and, in that month, the birth dates. */
interface AgeFilter {
  filter: SQL;
  /** The birth-date metric: only its rows of [from, from + days) are read (an index range), not all its rows. */
  bd: string;
  from: string;
  days: number;
}

/**
 * Named sums over rows of an organization's subtree figures (the metrics listed), each a filter, in one
 * statement. A birth-date metric used by an age filter is read only in the filter's month (there are
 * thousands of birth dates at a province's root, and each filter needs one month of them).
 */
async function filteredSums<K extends string>(tx: Tx, orgId: number, metrics: readonly string[], filters: Record<K, SQL | AgeFilter>): Promise<Record<K, number>> {
  const keys = Object.keys(filters) as K[];
  const ages = keys.map((k) => filters[k]).filter((f): f is AgeFilter => 'bd' in f);
  const windows = [...new Map(ages.map((a) => [`${a.bd}|${a.from}|${a.days}`, a])).values()];
  const whole = metrics.filter((m) => !windows.some((w) => w.bd === m));
  const rows = sql.join(
    [
      sql`select f.metric, f.day, f.value from org_figures f where f.org_id = ${orgId} and f.metric = any(${textList(whole)})`,
      ...windows.map((w) => sql`select f.metric, f.day, f.value from org_figures f where f.org_id = ${orgId} and f.metric = ${w.bd} and f.day >= ${w.from}::date and f.day < ${w.from}::date + ${w.days}::int`),
    ],
    sql` union all `,
  );
  const [row] = await query<Record<string, string>>(
    tx,
    sql`select ${sql.join(
      keys.map((k, i) => {
        const f = filters[k];
        return sql`coalesce(sum(f.value) filter (where ${'bd' in f ? f.filter : f}), 0)::bigint as ${sql.identifier(`s${i}`)}`;
      }),
      sql`, `,
    )} from (${rows}) f`,
  );
  return Object.fromEntries(keys.map((k, i) => [k, Number(row?.[`s${i}`] ?? 0)])) as Record<K, number>;
}

/** Born on or before (y − years, m, d) of `on`: every birth month before `month`, and in `month` the days before `month` + `days`. */
function bornBy(on: string, years: number) {
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return { month: `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`, days: d };
}

/** Cadres aged `years` or more on `on` by rows of birth month (`bm`) and birth date (`bd`): born on or before (y − years, m, d). */
function agedAtLeast(bm: string, bd: string, on: string, years: number): AgeFilter {
  const { month, days } = bornBy(on, years);
  return {
    filter: sql`(f.metric = ${bm} and f.day < ${month}::date) or (f.metric = ${bd} and f.day >= ${month}::date and f.day < ${month}::date + ${days}::int)`,
    bd,
    from: month,
    days,
  };
}

const sum = (m: Map<string, number>, key: string) => m.get(key) ?? 0;

/** Rate key of a type / sector filter as the rows are written (cad:<x>:<type|*>:<sector|*>), or null when not kept (several sectors). */
export function rateKey(f: { orgType?: OrgType; sectors?: Sector[] }): string | null {
  if ((f.sectors?.length ?? 0) > 1) return null;
  return `${f.orgType ?? '*'}:${f.sectors?.[0] ?? '*'}`;
}

/** 配备率 and 在岗率 of an organization's subtree, for a rate key. */
export async function rateFigures(tx: Tx, orgIds: number[], key: string) {
  const metrics = ['st', 'sf', 'h', 'd'].map((x) => `cad:${x}:${key}`);
  const rows = orgIds.length
    ? await query<{ org_id: number; metric: string; value: string }>(
        tx,
        sql`select f.org_id, f.metric, f.value from org_figures f
             where f.org_id = any(${`{${orgIds.join(',')}}`}::bigint[]) and f.metric = any(${`{${metrics.map((m) => `"${m}"`).join(',')}}`}::text[]) and f.day = ${ZERO_DAY}::date`,
      )
    : [];
  const of = (orgId: number) => {
    const v = (x: string) => Number(rows.find((r) => Number(r.org_id) === orgId && r.metric === `cad:${x}:${key}`)?.value ?? 0);
    return { staffing: rateFigure(v('sf'), v('st')), onDuty: rateFigure(v('d'), v('h')) };
  };
  return of;
}

/** The sectors' rates of a subtree (those with organizations or cadres), for a type filter and the sectors kept. */
export async function sectorRates(tx: Tx, orgId: number, orgType: OrgType | undefined, sectors: readonly Sector[] | undefined) {
  const t = orgType ?? '*';
  const list = SECTORS.filter((s) => !sectors?.length || sectors.includes(s));
  const m = await flatSums(tx, orgId, list.flatMap((s) => ['st', 'sf', 'h', 'd'].map((x) => `cad:${x}:${t}:${s}`)));
  return list
    .map((sector) => ({
      sector,
      staffing: rateFigure(sum(m, `cad:sf:${t}:${sector}`), sum(m, `cad:st:${t}:${sector}`)),
      onDuty: rateFigure(sum(m, `cad:d:${t}:${sector}`), sum(m, `cad:h:${t}:${sector}`)),
    }))
    .filter((x) => x.staffing.denominator > 0 || x.onDuty.denominator > 0);
}

const countOf = <T extends string>(m: Map<string, number>, prefix: string, keys: readonly T[]) => Object.fromEntries(keys.map((k) => [k, sum(m, `${prefix}${k}`)])) as Record<T, number>;

/** Structure of the subtree's serving cadres on `on` (metrics cad:*), or of the previous term (cad:p:*, ages fixed by the records). */
export async function structureFigures(tx: Tx, orgId: number, at: 'now' | 'previousTerm', on: string, rules: Rules) {
  const p = at === 'now' ? 'cad:' : 'cad:p:';
  const attrs = [
    `${p}g:male`,
    `${p}g:female`,
    ...EDUCATION_GROUPS.map((g) => `${p}edu:${g}`),
    ...POLITICAL_GROUPS.map((g) => `${p}pol:${g}`),
    ...ESTABLISHMENTS.map((e) => `${p}est:${e}`),
    ...CADRE_EMPLOYMENTS.map((e) => `${p}e:${e}`),
    `${p}cs`,
  ];
  const m = await flatSums(tx, orgId, [...attrs, ...(at === 'now' ? ['cad:h:*:*', 'cad:by', 'cad:ho'] : ['cad:p:h', 'cad:hop'])]);
  const { memberMax, cadreMax, cadreMaxSpecial } = rules.ages;
  let total: number;
  let ageSum = 0;
  const bands = Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as Record<AgeBand, number>;
  if (at === 'now') {
    total = sum(m, 'cad:h:*:*');
    const [y, mo, d] = on.split('-').map(Number) as [number, number, number];
    const birthday = `2000-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const s = await filteredSums(tx, orgId, ['cad:bday', 'cad:bm', 'cad:bd'], {
      notYet: sql`f.metric = 'cad:bday' and f.day > ${birthday}::date`,
      cadre: agedAtLeast('cad:bm', 'cad:bd', on, memberMax + 1),
      special: agedAtLeast('cad:bm', 'cad:bd', on, cadreMax + 1),
      over: agedAtLeast('cad:bm', 'cad:bd', on, cadreMaxSpecial + 1),
    });
    ageSum = y * total - sum(m, 'cad:by') - s.notYet;
    bands.member_age = total - s.cadre;
    bands.cadre_age = s.cadre - s.special;
    bands.special_age = s.special - s.over;
    bands.over_age = s.over;
  } else {
    total = sum(m, 'cad:p:h');
    const ages = await query<{ age: number; value: string }>(
      tx,
      sql`select (f.day - ${ZERO_DAY}::date)::int as age, f.value from org_figures f where f.org_id = ${orgId} and f.metric = 'cad:p:age' and f.value <> 0`,
    );
    for (const a of ages) {
      ageSum += a.age * Number(a.value);
      bands[ageBandOf(a.age, rules)] += Number(a.value);
    }
  }
  const structure = structureFromCounts(
    {
      total,
      ageSum,
      bands,
      male: sum(m, `${p}g:male`),
      female: sum(m, `${p}g:female`),
      education: countOf(m, `${p}edu:`, EDUCATION_GROUPS),
      political: countOf(m, `${p}pol:`, POLITICAL_GROUPS),
      outside: sum(m, `${p}est:outside`),
      inside: sum(m, `${p}est:inside`),
      civilServants: sum(m, `${p}cs`),
    },
    rules,
  );
  const emp = (e: string) => sum(m, `${p}e:${e}`);
  return {
    ...structure,
    orgs: sum(m, at === 'now' ? 'cad:ho' : 'cad:hop'),
    byEmployment: CADRE_EMPLOYMENTS.map((e) => ({ employment: e, count: emp(e), share: structure.total ? emp(e) / structure.total : null })),
  };
}

/** Courses, attendances and hours by kind of the trainings held in the subtree in a year; on-duty cadres and those trained in it. */
export async function trainingFigures(tx: Tx, orgId: number, year: number) {
  const metrics = ['tc', 'ta', 'th'].flatMap((x) => CADRE_TRAINING_KINDS.map((k) => `cad:${x}:${k}`));
  const rows = await query<{ metric: string; value: string }>(
    tx,
    sql`select f.metric, sum(f.value)::bigint as value from org_figures f
         where f.org_id = ${orgId} and f.metric = any(${textList(metrics)}) and f.day between make_date(${year}::int, 1, 1) and make_date(${year}::int, 12, 31)
         group by f.metric`,
  );
  const m = new Map(rows.map((r) => [r.metric, Number(r.value)]));
  const total = (x: string) => CADRE_TRAINING_KINDS.reduce((s, k) => s + sum(m, `cad:${x}:${k}`), 0);
  const s = await filteredSums(tx, orgId, ['cad:d:*:*', 'cad:trn'], {
    onDuty: sql`f.metric = 'cad:d:*:*' and f.day = ${ZERO_DAY}::date`,
    trained: sql`f.metric = 'cad:trn' and f.day = make_date(${year}::int, 1, 1)`,
  });
  return {
    year,
    courses: total('tc'),
    attendances: total('ta'),
    hours: total('th'),
    cadresOnDuty: s.onDuty,
    cadresTrained: s.trained,
    trainedShare: shareOf(s.trained, s.onDuty),
    byKind: CADRE_TRAINING_KINDS.map((k) => ({ kind: k, courses: sum(m, `cad:tc:${k}`), attendances: sum(m, `cad:ta:${k}`) })),
  };
}

/** 后备人才 figures of the subtree's active reserve talents on `on` (reserveSummary). */
export async function reserveFigures(tx: Tx, orgId: number, on: string, rules: Rules) {
  const { youthMax, memberMax } = rules.ages;
  const s = await filteredSums(tx, orgId, ['cad:rs:n', 'cad:rs:bm', 'cad:rs:bd', 'cad:rsm:bm', 'cad:rsm:bd', 'cad:rs:party', 'cad:rs:league', 'cad:rs:cur'], {
    total: sql`f.metric = 'cad:rs:n'`,
    members: sql`f.metric = 'cad:rsm:bm'`,
    overYouth: agedAtLeast('cad:rs:bm', 'cad:rs:bd', on, youthMax + 1),
    overMember: agedAtLeast('cad:rs:bm', 'cad:rs:bd', on, memberMax + 1),
    membersOverMember: agedAtLeast('cad:rsm:bm', 'cad:rsm:bd', on, memberMax + 1),
    party: sql`f.metric = 'cad:rs:party'`,
    league: sql`f.metric = 'cad:rs:league'`,
    current: sql`f.metric = 'cad:rs:cur'`,
  });
  return {
    total: s.total,
    youth: s.total - s.overYouth,
    memberAge: s.total - s.overMember,
    memberAgeMembers: s.members - s.membersOverMember,
    partyMembers: s.party,
    leagueMembers: s.league,
    currentCadres: s.current,
  };
}

const DAY = 86_400_000;
const isoDay = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);

/** The last end-of-term date whose status is at most `status` in TERM_STATUSES' reverse order (long_overdue … current), by bisection over termState. */
function lastEndWith(statuses: readonly TermStatus[], today: string, rules: Rules): string {
  let lo = dayNumber(today) - 400 * 366;
  let hi = dayNumber(today) + 400 * 366;
  const inside = (n: number) => statuses.includes(termState({ startedOn: isoDay(n), lengthYears: 0 }, today, rules).status);
  // inside(lo) holds, inside(hi) does not; the statuses are monotone in the end date.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (inside(mid)) lo = mid;
    else hi = mid;
  }
  return isoDay(lo);
}

/**
 * Every kept figure of the cadre overview in one statement (the overview's rates, structure, counts, terms,
 * training and reserve; what the separate readers above give, read together).
 */
export async function overviewFigures(tx: Tx, orgId: number, on: string, year: number, rules: Rules) {
  const { cadreMaxSpecial, memberMax } = rules.ages;
  const [y, mo, d] = on.split('-').map(Number) as [number, number, number];
  const birthday = `2000-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const long = lastEndWith(['long_overdue'], on, rules);
  const overdue = lastEndWith(['long_overdue', 'overdue'], on, rules);
  const due = lastEndWith(['long_overdue', 'overdue', 'due'], on, rules);
  const flat = (metric: string) => sql`f.metric = ${metric} and f.day = ${ZERO_DAY}::date`;
  const s = await filteredSums(
    tx,
    orgId,
    [
      ...['st', 'sf', 'h', 'd'].map((x) => `cad:${x}:*:*`),
      ...['cad:by', 'cad:bday', 'cad:pol:party', 'cad:pol:league', 'cad:g:male', 'cad:est:outside', 'cad:cs'],
      ...EDUCATION_GROUPS.map((g) => `cad:edu:${g}`),
      ...['cad:posts', 'cad:elec', 'cad:br', 'cad:cov', 'cad:tnever', 'cad:tend', 'cad:ci:sec', 'cad:ci:obm', 'cad:ci:obd', 'cad:trn'],
      ...['cad:rs:n', 'cad:rsm:bm', 'cad:rsm:bd'],
    ],
    {
      staff: flat('cad:st:*:*'),
      staffed: flat('cad:sf:*:*'),
      held: flat('cad:h:*:*'),
      duty: flat('cad:d:*:*'),
      by: flat('cad:by'),
      notYet: sql`f.metric = 'cad:bday' and f.day > ${birthday}::date`,
      party: flat('cad:pol:party'),
      league: flat('cad:pol:league'),
      male: flat('cad:g:male'),
      outside: flat('cad:est:outside'),
      civilServants: flat('cad:cs'),
      ...(Object.fromEntries(EDUCATION_GROUPS.map((g) => [`edu_${g}`, flat(`cad:edu:${g}`)])) as Record<`edu_${EducationGroup}`, SQL>),
      posts: sql`f.metric = 'cad:posts'`,
      elections: sql`f.metric = 'cad:elec'`,
      branches: sql`f.metric = 'cad:br'`,
      covered: sql`f.metric = 'cad:cov' and f.day <= ${on}::date`,
      never: sql`f.metric = 'cad:tnever'`,
      long_overdue: sql`f.metric = 'cad:tend' and f.day <= ${long}::date`,
      overdue: sql`f.metric = 'cad:tend' and f.day > ${long}::date and f.day <= ${overdue}::date`,
      due: sql`f.metric = 'cad:tend' and f.day > ${overdue}::date and f.day <= ${due}::date`,
      current: sql`f.metric = 'cad:tend' and f.day > ${due}::date`,
      secretaries: sql`f.metric = 'cad:ci:sec'`,
      overAge: agedAtLeast('cad:ci:obm', 'cad:ci:obd', on, cadreMaxSpecial + 1),
      trained: sql`f.metric = 'cad:trn' and f.day = make_date(${year}::int, 1, 1)`,
      reserve: sql`f.metric = 'cad:rs:n'`,
      members: sql`f.metric = 'cad:rsm:bm'`,
      membersOverMember: agedAtLeast('cad:rsm:bm', 'cad:rsm:bd', on, memberMax + 1),
    },
  );
  const zero = Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as Record<AgeBand, number>;
  const structure = structureFromCounts(
    {
      total: s.held,
      ageSum: y * s.held - s.by - s.notYet,
      bands: zero,
      male: s.male,
      female: 0,
      education: Object.fromEntries(EDUCATION_GROUPS.map((g) => [g, s[`edu_${g}`]])) as Record<EducationGroup, number>,
      political: { party: s.party, league: s.league, other: 0 },
      outside: s.outside,
      inside: 0,
      civilServants: s.civilServants,
    },
    rules,
  );
  return {
    cadres: s.held,
    posts: s.posts,
    staffing: rateFigure(s.staffed, s.staff),
    onDuty: rateFigure(s.duty, s.held),
    structure: {
      averageAge: structure.averageAge,
      partyMembers: structure.partyMembers,
      leagueMembers: structure.leagueMembers,
      collegeOrAbove: structure.collegeOrAbove,
      male: structure.male,
      outsideEstablishment: structure.outsideEstablishment,
      civilServants: structure.civilServants,
    },
    terms: Object.fromEntries(TERM_STATUSES.map((t) => [t, s[t]])) as Record<TermStatus, number>,
    electionsInProgress: s.elections,
    secretaryOnlyIssues: s.secretaries + s.overAge,
    training: { year, cadresOnDuty: s.duty, cadresTrained: s.trained, trainedShare: shareOf(s.trained, s.duty) },
    reserve: { total: s.reserve, memberAgeMembers: s.members - s.membersOverMember },
    liaison: { branches: s.branches, covered: s.covered, rate: shareOf(s.covered, s.branches) },
  };
}

/**
 * The township and subdistrict committees of a subtree with a composition error on `on` (compositionIssues'
 * count for those types, severity error), from their kept signatures (migration 0051): each signature judged
 * against the pattern configured now, and its oldest holder's age. Reads one row per signature and birth
 * month, and the day rows of the signatures born in the cut-off month.
 */
export async function townshipCompositionIssues(tx: Tx, orgId: number, on: string, rules: Rules): Promise<number> {
  const { month, days } = bornBy(on, rules.ages.cadreMaxSpecial + 1);
  const rows = await query<{ k: 'm' | 'd'; metric: string; day: string; value: string }>(
    tx,
    sql`with m as (select f.metric, f.day, f.value from org_figures f
                    where f.org_id = ${orgId} and f.metric >= 'cad:ci:tm:' and f.metric < 'cad:ci:tm;' and f.value <> 0)
        select 'm' as k, m.metric, m.day::text as day, m.value from m
        union all
        select 'd', f.metric, f.day::text, f.value from org_figures f
         where f.org_id = ${orgId} and f.value <> 0
           and f.metric = any(array(select 'cad:ci:td:' || substr(m.metric, 11) from m where m.day = ${month}::date))
           and f.day >= ${month}::date and f.day < ${month}::date + ${days}::int`,
  );
  // Both types share the configured pattern (compositionPattern).
  const pattern = compositionPattern('township', rules)!;
  const judged = new Map<string, { structural: boolean; holders: number }>();
  const judge = (sig: string) => {
    let j = judged.get(sig);
    if (!j) {
      const [secretaries, partTimeDeputies, builtInMembers, holders, outside] = sig.split(':', 5).map(Number) as [number, number, number, number, number];
      const custom = sig.split(':').slice(5).join(':');
      let members = builtInMembers;
      for (const item of custom ? custom.split(';') : []) {
        const at = item.lastIndexOf('/');
        if (countsAsMember(item.slice(0, at), rules)) members += Number(item.slice(at + 1));
      }
      j = { structural: patternViolations(pattern, { secretaries, partTimeDeputies, members, holders, outside }).length > 0, holders };
      judged.set(sig, j);
    }
    return j;
  };
  let issues = 0;
  for (const r of rows) {
    const j = judge(r.metric.slice('cad:ci:tm:'.length));
    const v = Number(r.value);
    // A month row: an error when the posts are, or when its oldest holder was born before the cut-off month;
    // a day row (born in the cut-off month, by its day): when the posts are not (else counted by the month row).
    if (r.k === 'm' ? j.structural || (j.holders > 0 && r.day < month) : !j.structural) issues += v;
  }
  return issues;
}
