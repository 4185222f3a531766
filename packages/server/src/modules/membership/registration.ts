import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  api,
  appraisalProblems,
  appraisalYearProblem,
  maskIdCard,
  registrationInputProblems,
  registrationLate,
  registrationProblems,
  type AppraisalGrade,
  type OrgType,
  type RegistrationStatus,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { loadOrg } from '../organizations/service.js';
import { selfRegisteredAt } from '../daily-work/portal.js';
import { gradeRow, registrationRow, yearFigures } from './progress-figures.js';
import { currentYear, likePattern, loadPeople, memberFacts, paging, pgError, refuse, refuseBatch, subtree, today } from './common.js';

/*
 * 团籍注册 and 团员教育评议: one decision per member and year (unique
 * person+year), recorded in batches for the active members of a subtree.
 */

interface MemberRow {
  person_id: number;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  member_no: string | null;
  joined_on: string | null;
  org_id: number;
  org_name: string;
}

const memberColumns = (r: MemberRow) => ({
  personId: Number(r.person_id),
  name: r.name,
  gender: r.gender,
  idNumberMasked: maskIdCard(r.id_number),
  memberNo: r.member_no,
  joinedOn: r.joined_on,
  orgId: Number(r.org_id),
  orgName: r.org_name,
});

/** Active members who had joined by the end of `year`, in the subtree. */
const membersOfYear = (year: number, scope: SQL) => sql`
  p.member_status = 'active' and (p.joined_on is null or p.joined_on <= ${`${year}-12-31`}::date) and ${scope}`;

const MEMBER_SELECT = sql`p.id as person_id, p.name, p.gender, p.id_number, p.member_no, p.joined_on::text as joined_on, p.org_id, o.name as org_name`;

/**
 * A member transferred in may already have this year's record, kept by the
 * organization that made it and invisible here: the upsert then meets a row
 * outside the caller's scope, which the database refuses.
 */
async function keptElsewhere<T>(write: Promise<T>, what: string): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (pgError(err)?.code === '42501') {
      throw new DomainError('kept_elsewhere', `所选团员中有人的${what}已由其原所在组织办理，不能在此更改`, 'personIds', 409);
    }
    throw err;
  }
}

/* ---------------------------------------------------------------- registration */

type RegistrationQuery = Omit<api.QueryOf<typeof api.membership.listRegistrations>, 'page' | 'pageSize'> & { page?: number; pageSize?: number };

export async function listRegistrations(tx: Tx, q: RegistrationQuery) {
  const year = q.year ?? currentYear();
  const conds: SQL[] = [membersOfYear(year, await subtree(tx, q.under))];
  if (q.status === 'unregistered') conds.push(sql`r.id is null`);
  else if (q.status) conds.push(sql`r.status = ${q.status}`);
  if (q.q) conds.push(sql`p.name like ${likePattern(q.q)}`);
  const where = sql.join(conds, sql` and `);
  const from = sql`from people p join organizations o on o.id = p.org_id
                   left join registrations r on r.person_id = p.id and r.year = ${year}`;
  const rows = await query<MemberRow & { status: RegistrationStatus | null; decided_on: string | null; note: string | null; self_at: string | null }>(
    tx,
    sql`select ${MEMBER_SELECT}, r.status, r.decided_on::text as decided_on, r.note,
               case when r.id is null then ${selfRegisteredAt(year)} end as self_at ${from} where ${where}
        order by o.path, p.name, p.id ${q.page && q.pageSize ? paging({ page: q.page, pageSize: q.pageSize }) : sql``}`,
  );
  const [count] = await query<{ n: number }>(tx, sql`select count(*)::int as n ${from} where ${where}`);
  const on = today();
  const items = rows.map((r) => ({
    ...memberColumns(r),
    status: r.status,
    decidedOn: r.decided_on,
    note: r.note,
    late: registrationLate(r.decided_on, q.deadline, on),
    selfRegisteredAt: r.self_at ? new Date(r.self_at).toISOString() : null,
  }));
  return { items, total: Number(count!.n), year };
}

export async function recordRegistrations(tx: Tx, body: api.BodyOf<typeof api.membership.recordRegistrations>) {
  const people = await loadPeople(tx, body.personIds);
  refuse('registration_input', registrationInputProblems(body, today()));
  refuseBatch('registration_refused', people.map((p) => ({ name: p.name, problems: registrationProblems(memberFacts(p), body) })));
  const values = people.map((p) => sql`(${p.id}, ${p.org_id}, ${body.year}, ${body.status}, ${body.decidedOn}::date, ${body.note ?? null})`);
  await keptElsewhere(
    query(
      tx,
      sql`insert into registrations (person_id, org_id, year, status, decided_on, note) values ${sql.join(values, sql`, `)}
          on conflict (person_id, year) do update
            set org_id = excluded.org_id, status = excluded.status, decided_on = excluded.decided_on, note = excluded.note`,
    ),
    `${body.year}年度团籍注册`,
  );
  return { count: people.length };
}

interface ProgressRow {
  total: number;
  registered: number;
  deferred: number;
  not_registered: number;
  unregistered: number;
  late: number;
}

const progressCounts = (r: ProgressRow) => {
  const total = Number(r.total);
  const registered = Number(r.registered);
  return {
    total,
    registered,
    deferred: Number(r.deferred),
    notRegistered: Number(r.not_registered),
    unregistered: Number(r.unregistered),
    rate: total ? Math.round((registered / total) * 10_000) / 10_000 : 0,
    late: Number(r.late),
  };
};

export async function registrationProgress(tx: Tx, q: api.QueryOf<typeof api.membership.registrationProgress>, opts: { plain?: boolean } = {}) {
  const org = await loadOrg(tx, q.orgId);
  const year = q.year ?? currentYear();
  const deadline = q.deadline ?? null;
  if (!opts.plain && q.by !== 'branches') {
    // From the figures kept by organization (progress-figures.ts); by branch stays a walk of the subtree's branches.
    const children = await query<{ id: number; name: string; short_name: string | null; type: OrgType }>(
      tx,
      sql`select c.id, c.name, c.short_name, c.type from organizations c where c.parent_id = ${org.id} and c.status = 'active' order by c.path`,
    );
    const figures = await yearFigures(tx, [org.id, ...children.map((c) => Number(c.id))], year, deadline);
    const on = today();
    return {
      year,
      deadline,
      org: { id: org.id, name: org.name },
      ...progressCounts(registrationRow(figures.get(org.id)!, deadline, on)),
      children: children.map((c) => ({ id: Number(c.id), name: c.name, shortName: c.short_name, type: c.type, ...progressCounts(registrationRow(figures.get(Number(c.id))!, deadline, on)) })),
    };
  }
  const members = sql`
    select p.id, o.path, r.status, r.decided_on
      from people p join organizations o on o.id = p.org_id
      left join registrations r on r.person_id = p.id and r.year = ${year}
     where ${membersOfYear(year, sql`o.path <@ ${org.path}::ltree`)}`;
  const counts = sql`
    count(m.id)::int as total,
    count(*) filter (where m.status = 'registered')::int as registered,
    count(*) filter (where m.status = 'deferred')::int as deferred,
    count(*) filter (where m.status = 'not_registered')::int as not_registered,
    count(*) filter (where m.id is not null and m.status is null)::int as unregistered,
    count(*) filter (where ${deadline}::date is not null
                       and (m.decided_on > ${deadline}::date or (m.id is not null and m.decided_on is null and ${today()}::date > ${deadline}::date)))::int as late`;
  const [totals] = await query<ProgressRow>(tx, sql`with m as (${members}) select ${counts} from m`);
  const groups = q.by === 'branches' ? sql`c.path <@ ${org.path}::ltree and c.type in ('branch', 'joint_branch')` : sql`c.parent_id = ${org.id}`;
  const children = await query<ProgressRow & { id: number; name: string; short_name: string | null; type: OrgType }>(
    tx,
    sql`with m as (${members})
        select c.id, c.name, c.short_name, c.type, ${counts}
          from organizations c left join m on m.path <@ c.path
         where ${groups} and c.status = 'active'
         group by c.id, c.name, c.short_name, c.type, c.path order by c.path`,
  );
  return {
    year,
    deadline,
    org: { id: org.id, name: org.name },
    ...progressCounts(totals!),
    children: children.map((c) => ({ id: Number(c.id), name: c.name, shortName: c.short_name, type: c.type, ...progressCounts(c) })),
  };
}

/* ------------------------------------------------------------------- appraisal */

export async function listAppraisals(tx: Tx, q: api.QueryOf<typeof api.membership.listAppraisals>) {
  const year = q.year ?? currentYear();
  const conds: SQL[] = [membersOfYear(year, await subtree(tx, q.under))];
  if (q.grade === 'none') conds.push(sql`a.id is null`);
  else if (q.grade) conds.push(sql`a.grade = ${q.grade}`);
  if (q.q) conds.push(sql`p.name like ${likePattern(q.q)}`);
  const where = sql.join(conds, sql` and `);
  const from = sql`from people p join organizations o on o.id = p.org_id
                   left join appraisals a on a.person_id = p.id and a.year = ${year}`;
  const rows = await query<MemberRow & { grade: AppraisalGrade | null }>(
    tx,
    sql`select ${MEMBER_SELECT}, a.grade ${from} where ${where} order by o.path, p.name, p.id ${paging(q)}`,
  );
  const [count] = await query<{ n: number }>(tx, sql`select count(*)::int as n ${from} where ${where}`);
  return { items: rows.map((r) => ({ ...memberColumns(r), grade: r.grade })), total: Number(count!.n), page: q.page, pageSize: q.pageSize, year };
}

export async function recordAppraisals(tx: Tx, body: api.BodyOf<typeof api.membership.recordAppraisals>) {
  const people = await loadPeople(tx, body.personIds);
  const yearProblem = appraisalYearProblem(body.year, today());
  refuse('appraisal_year', yearProblem ? [yearProblem] : [], 'year');
  refuseBatch('appraisal_refused', people.map((p) => ({ name: p.name, problems: appraisalProblems(memberFacts(p), body.year) })));
  const values = people.map((p) => sql`(${p.id}, ${p.org_id}, ${body.year}, ${body.grade})`);
  await keptElsewhere(
    query(
      tx,
      sql`insert into appraisals (person_id, org_id, year, grade) values ${sql.join(values, sql`, `)}
          on conflict (person_id, year) do update set org_id = excluded.org_id, grade = excluded.grade`,
    ),
    `${body.year}年度教育评议`,
  );
  return { count: people.length };
}

interface GradeRow {
  total: number;
  excellent: number;
  qualified: number;
  basically_qualified: number;
  unqualified: number;
  none: number;
}

const gradeCounts = (r: GradeRow) => ({
  total: Number(r.total),
  excellent: Number(r.excellent),
  qualified: Number(r.qualified),
  basicallyQualified: Number(r.basically_qualified),
  unqualified: Number(r.unqualified),
  none: Number(r.none),
});

export async function appraisalSummary(tx: Tx, q: api.QueryOf<typeof api.membership.appraisalSummary>, opts: { plain?: boolean } = {}) {
  const org = await loadOrg(tx, q.orgId);
  const year = q.year ?? currentYear();
  if (!opts.plain) {
    const children = await query<{ id: number; name: string; type: OrgType }>(
      tx,
      sql`select c.id, c.name, c.type from organizations c where c.parent_id = ${org.id} and c.status = 'active' order by c.path`,
    );
    const figures = await yearFigures(tx, [org.id, ...children.map((c) => Number(c.id))], year, null);
    return {
      year,
      org: { id: org.id, name: org.name },
      ...gradeCounts(gradeRow(figures.get(org.id)!)),
      children: children.map((c) => ({ id: Number(c.id), name: c.name, type: c.type, ...gradeCounts(gradeRow(figures.get(Number(c.id))!)) })),
    };
  }
  const members = sql`
    select p.id, o.path, a.grade
      from people p join organizations o on o.id = p.org_id
      left join appraisals a on a.person_id = p.id and a.year = ${year}
     where ${membersOfYear(year, sql`o.path <@ ${org.path}::ltree`)}`;
  const counts = sql`
    count(m.id)::int as total,
    count(*) filter (where m.grade = 'excellent')::int as excellent,
    count(*) filter (where m.grade = 'qualified')::int as qualified,
    count(*) filter (where m.grade = 'basically_qualified')::int as basically_qualified,
    count(*) filter (where m.grade = 'unqualified')::int as unqualified,
    count(*) filter (where m.id is not null and m.grade is null)::int as "none"`;
  const [totals] = await query<GradeRow>(tx, sql`with m as (${members}) select ${counts} from m`);
  const children = await query<GradeRow & { id: number; name: string; type: OrgType }>(
    tx,
    sql`with m as (${members})
        select c.id, c.name, c.type, ${counts}
          from organizations c left join m on m.path <@ c.path
         where c.parent_id = ${org.id} and c.status = 'active'
         group by c.id, c.name, c.type, c.path order by c.path`,
  );
  return {
    year,
    org: { id: org.id, name: org.name },
    ...gradeCounts(totals!),
    children: children.map((c) => ({ id: Number(c.id), name: c.name, type: c.type, ...gradeCounts(c) })),
  };
}
