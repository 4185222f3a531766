import { sql } from 'drizzle-orm';
import type { Rules, Sector, api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { currentYear, today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';

/** Age bands as the seeds report them. */
const BANDS: [label: string, from: number, to: number][] = [
  ['14—18岁', 14, 18],
  ['19—22岁', 19, 22],
  ['23—25岁', 23, 25],
  ['26—28岁', 26, 28],
  ['29—35岁', 29, 35],
];

export async function peopleOverview(tx: Tx, orgId: number, rules: Rules): Promise<api.PeopleOverview> {
  const org = await loadOrg(tx, orgId);
  const on = today();
  const { youthMin, youthMax, memberMax } = rules.ages;
  const age = sql`date_part('year', age(${on}::date, p.birth_date))::int`;
  const isYouth = sql`(${age} between ${youthMin} and ${youthMax})`;
  const isMember = sql`(p.member_status = 'active')`;
  const base = sql`from people p join organizations o on o.id = p.org_id where p.registry_status = 'active' and o.path <@ ${org.path}::ltree`;
  const [t] = await query<{ members: number; youth: number; students: number; student_members: number; male: number; female: number; due: number }>(
    tx,
    sql`select count(*) filter (where ${isMember})::int as members,
               count(*) filter (where ${isYouth})::int as youth,
               count(*) filter (where p.is_student and ${isYouth})::int as students,
               count(*) filter (where p.is_student and ${isMember})::int as student_members,
               count(*) filter (where ${isMember} and p.gender = 'male')::int as male,
               count(*) filter (where ${isMember} and p.gender = 'female')::int as female,
               count(*) filter (where ${isMember} and date_part('year', p.birth_date)::int + ${memberMax} <= ${currentYear()})::int as due
          ${base}`,
  );
  const bands = await query<{ band: number; members: number; youth: number }>(
    tx,
    sql`select case ${sql.join(BANDS.map(([, from, to], i) => sql`when ${age} between ${from} and ${to} then ${i}::int`), sql` `)} end as band,
               count(*) filter (where ${isMember})::int as members, count(*) filter (where ${isYouth})::int as youth
          ${base} group by 1`,
  );
  const sectors = await query<{ sector: Sector; members: number; youth: number }>(
    tx,
    sql`select o.sector, count(*) filter (where ${isMember})::int as members, count(*) filter (where ${isYouth})::int as youth ${base} group by o.sector order by 2 desc`,
  );
  const children = await query<{ id: number; name: string; members: number; youth: number }>(
    tx,
    sql`select c.id, c.name,
               count(p.id) filter (where ${isMember})::int as members,
               count(p.id) filter (where ${isYouth})::int as youth
          from organizations c
          left join organizations d on d.path <@ c.path
          left join people p on p.org_id = d.id and p.registry_status = 'active'
         where c.parent_id = ${org.id} and c.status = 'active'
         group by c.id, c.name order by members desc`,
  );
  const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10_000) / 10_000 : null);
  return {
    members: t!.members,
    youth: t!.youth,
    students: t!.students,
    studentMembers: t!.student_members,
    memberYouthRatio: ratio(t!.members, t!.youth),
    memberStudentRatio: ratio(t!.student_members, t!.students),
    ageBands: BANDS.map(([label], i) => {
      const b = bands.find((x) => Number(x.band) === i);
      return { band: label, members: b?.members ?? 0, youth: b?.youth ?? 0 };
    }),
    bySector: sectors,
    gender: { male: t!.male, female: t!.female },
    dueToLeaveThisYear: t!.due,
    children: children.map((c) => ({ ...c, id: Number(c.id) })),
  };
}
