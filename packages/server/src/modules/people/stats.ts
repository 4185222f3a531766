import { sql } from 'drizzle-orm';
import { peopleFigures, type Metrics, type Rules, type Sector, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { bigintArray, query } from '../../db/sql.js';
import { currentYear } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';

/** The subtree metrics (org_rollups) of organizations, by id. */
async function rollupsOf(tx: Tx, ids: number[]): Promise<Map<number, Metrics>> {
  const rows = await query<{ org_id: number; metric: string; value: number }>(tx, sql`select org_id, metric, value from org_rollups where org_id = any(${bigintArray(ids)})`);
  const out = new Map<number, Metrics>(ids.map((id) => [id, {}]));
  for (const r of rows) out.get(Number(r.org_id))![r.metric] = Number(r.value);
  return out;
}

/**
 * 团员和青年 of a subtree for the home page: the same figures as the 统计表 (peopleFigures over the
 * subtree's rollups, ages on the statistical date), the child organizations likewise, and the
 * sectors (not kept in the rollups) counted with the same definition of age.
 */
export async function peopleOverview(tx: Tx, orgId: number, rules: Rules, opts: { plain?: boolean } = {}): Promise<api.PeopleOverview> {
  const org = await loadOrg(tx, orgId);
  const year = currentYear();
  const ctx = { year, rules };
  const { youthMin, youthMax } = rules.ages;
  const childRows = await query<{ id: number; name: string }>(tx, sql`select id, name from organizations where parent_id = ${org.id} and status = 'active' order by sort_order, path`);
  const metrics = await rollupsOf(tx, [org.id, ...childRows.map((c) => Number(c.id))]);
  const f = peopleFigures(metrics.get(org.id)!, ctx);
  const age = sql`(${year} - extract(year from p.birth_date)::int)`;
  // Sectors from org_figures (migration 0031: registered people by their organization's sector and year of birth);
  // plain: counted over the subtree's people. Equal members are ordered by sector.
  const sectors = opts.plain
    ? await query<{ sector: Sector; members: number; youth: number }>(
        tx,
        sql`select o.sector, count(*) filter (where p.member_status = 'active')::int as members, count(*) filter (where ${age} between ${youthMin} and ${youthMax})::int as youth
              from people p join organizations o on o.id = p.org_id where p.registry_status = 'active' and o.path <@ ${org.path}::ltree
             group by o.sector order by 2 desc, 1`,
      )
    : await query<{ sector: Sector; members: number; youth: number }>(
        tx,
        sql`select split_part(metric, ':', 2) as sector,
                   coalesce(sum(value) filter (where metric like '%:members'), 0)::int as members,
                   coalesce(sum(value) filter (where metric like '%:born' and day between make_date(${year - youthMax}, 1, 1) and make_date(${year - youthMin}, 1, 1)), 0)::int as youth
              from org_figures where org_id = ${org.id} and starts_with(metric, 'sec:')
             group by 1 having sum(value) filter (where metric like '%:born') > 0 order by 2 desc, 1`,
      );
  return {
    members: f.members,
    youth: f.youth,
    students: f.students,
    studentMembers: f.studentMembers,
    memberYouthRatio: f.memberYouthRatio,
    memberStudentRatio: f.memberStudentRatio,
    ageBands: f.ageBands,
    bySector: sectors,
    gender: { male: f.male, female: f.female },
    dueToLeaveThisYear: f.dueToLeaveThisYear,
    children: childRows.map((c) => {
      const cf = peopleFigures(metrics.get(Number(c.id))!, ctx);
      return { id: Number(c.id), name: c.name, members: cf.members, youth: cf.youth };
    }),
  };
}
