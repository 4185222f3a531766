import { sql } from 'drizzle-orm';
import { DEVELOPMENT_STEPS, ORG_TYPES, SECTORS, api, type OrgType, type Rules } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { isoTime, query } from '../../db/sql.js';
import { currentYear } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';

/** Age bands by year of birth, as the seeds report them. */
const BANDS: [label: string, from: number, to: number][] = [
  ['14—18岁', 14, 18],
  ['19—22岁', 19, 22],
  ['23—25岁', 23, 25],
  ['26—28岁', 26, 28],
  ['29—35岁', 29, 35],
];

/**
 * The headline figures of a subtree from org_rollups: a fixed number of rows
 * for the organization and one row per child and metric, whatever the size of
 * the subtree below.
 */
export async function dashboard(tx: Tx, orgId: number, rules: Rules): Promise<api.Dashboard> {
  const org = await loadOrg(tx, orgId);
  const year = currentYear();
  const rows = await query<{ metric: string; value: number }>(tx, sql`select metric, value from org_rollups where org_id = ${org.id}`);
  const m = new Map(rows.map((r) => [r.metric, Number(r.value)]));
  const { youthMin, youthMax } = rules.ages;
  const children = await query<{ id: number; name: string; type: OrgType; metric: string; value: number }>(
    tx,
    sql`select c.id, c.name, c.type, r.metric, r.value
          from organizations c left join org_rollups r on r.org_id = c.id
           and (r.metric in ('orgs:total', 'members:total') or starts_with(r.metric, 'people:born:'))
         where c.parent_id = ${org.id} and c.status = 'active' order by c.sort_order, c.path`,
  );
  const byChild = new Map<number, api.Dashboard['children'][number]>();
  for (const r of children) {
    const id = Number(r.id);
    const c = byChild.get(id) ?? { id, name: r.name, type: r.type, orgs: 0, members: 0, youth: 0 };
    const v = Number(r.value ?? 0);
    if (r.metric === 'orgs:total') c.orgs = v;
    else if (r.metric === 'members:total') c.members = v;
    else if (r.metric?.startsWith('people:born:')) {
      const age = year - Number(r.metric.slice('people:born:'.length));
      if (age >= youthMin && age <= youthMax) c.youth += v;
    }
    byChild.set(id, c);
  }
  return {
    org: { id: org.id, name: org.name, type: org.type as OrgType },
    year,
    ...rollupFigures(m, year, rules),
    children: [...byChild.values()].sort((a, b) => b.members - a.members),
  };
}

export async function snapshots(tx: Tx, orgId: number) {
  const org = await loadOrg(tx, orgId);
  const rows = await query<{ month: string; taken_at: string; metrics: Record<string, number> }>(
    tx,
    sql`select month, taken_at::text as taken_at, metrics from stat_snapshots where org_id = ${org.id} order by month desc`,
  );
  return rows.map((r) => ({ month: r.month, takenAt: isoTime(r.taken_at), metrics: r.metrics }));
}

/**
 * The headline figures (organizations, people, development) from the rollup rows of one organization,
 * or of several added up (the national overview sums the provinces' rows, national/overview.ts).
 */
export function rollupFigures(m: ReadonlyMap<string, number>, year: number, rules: Rules): Pick<api.Dashboard, 'orgs' | 'people' | 'development'> {
  const get = (k: string) => m.get(k) ?? 0;
  const { youthMin, youthMax, memberMax } = rules.ages;
  const bornBetween = (prefix: 'people' | 'members', ageFrom: number, ageTo: number) => {
    let sum = 0;
    for (let age = ageFrom; age <= ageTo; age++) sum += get(`${prefix}:born:${year - age}`);
    return sum;
  };
  const youth = bornBetween('people', youthMin, youthMax);
  const members = get('members:total');
  const students = get('people:students');
  const studentMembers = get('members:students');
  const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10_000) / 10_000 : null);

  return {
    orgs: {
      total: get('orgs:total'),
      dissolved: get('orgs:dissolved'),
      byType: ORG_TYPES.map((type) => ({ type, count: get(`orgs:type:${type}`) })).filter((x) => x.count > 0),
      bySector: SECTORS.map((sector) => ({ sector, count: get(`orgs:sector:${sector}`) })).filter((x) => x.count > 0),
    },
    people: {
      registered: get('people:total'),
      youth,
      members,
      students,
      studentMembers,
      male: get('members:male'),
      female: get('members:female'),
      memberYouthRatio: ratio(members, youth),
      memberStudentRatio: ratio(studentMembers, students),
      membersReachingLimit: get(`members:born:${year - memberMax}`),
      ageBands: BANDS.map(([band, from, to]) => ({ band, members: bornBetween('members', from, to), youth: bornBetween('people', from, to) })),
    },
    development: {
      stages: DEVELOPMENT_STEPS.map((stage) => ({ stage, count: get(`cases:stage:${stage}`) })),
      approvedThisYear: get(`cases:approved:${year}`),
    },
  };
}
