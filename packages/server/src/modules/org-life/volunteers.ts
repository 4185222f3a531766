import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  GENDER_LABELS,
  ageOn,
  hoursOf,
  maskIdCard,
  maskPhone,
  parseIdCard,
  serviceProjectProblems,
  serviceRecordProblems,
  volunteerAgeBand,
  volunteerAgeBandLabels,
  volunteerProblems,
  type Rules,
  type VolunteerAgeBand,
  type api,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import { likeText, loadOne, loadOrgRef, loadPeopleRefs, num, numOrNull, pageOf, refuse, subtreeFilter, today } from './common.js';
import { datedSums, projectsOverlapping, volunteerAges, volunteerPageFigures } from './figures.js';

type O = typeof api.orgLife;
type VolunteerItem = api.orgLife.VolunteerItem;

/* --------------------------------------------------------------------- teams */

interface TeamRow {
  id: number;
  org_id: number;
  org_name: string;
  name: string;
  founded_on: string | null;
  leader: string | null;
  volunteers: number;
  service_minutes: number;
}

const TEAM_SELECT = sql`
  select t.id, t.org_id, o.name as org_name, t.name, t.founded_on::text as founded_on, t.leader,
         (select count(*)::int from volunteers x where x.team_id = t.id) as volunteers,
         (select coalesce(sum(r.minutes), 0)::int from service_records r join volunteers x on x.id = r.volunteer_id where x.team_id = t.id) as service_minutes
    from volunteer_teams t join organizations o on o.id = t.org_id`;

const toTeam = (r: TeamRow) => ({
  id: num(r.id),
  orgId: num(r.org_id),
  orgName: r.org_name,
  name: r.name,
  foundedOn: r.founded_on,
  leader: r.leader,
  volunteers: Number(r.volunteers),
  serviceMinutes: Number(r.service_minutes),
});

export async function loadTeamRef(tx: Tx, id: number, field: string) {
  return loadOne<{ id: number; org_id: number; name: string }>(tx, sql`select id, org_id, name from volunteer_teams where id = ${id}`, '志愿服务队', field);
}

export async function listTeams(tx: Tx, q: api.QueryOf<O['listVolunteerTeams']>, opts: { plain?: boolean } = {}) {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.q) conds.push(sql`t.name like ${likeText(q.q)}`);
  const where = sql.join(conds, sql` and `);
  const { offset, limit } = pageOf(q);
  const rows = await query<TeamRow>(tx, sql`${TEAM_SELECT} where ${where} order by o.path, t.id offset ${offset} limit ${limit}`);
  // A subtree's total is kept (org_figures, vol:teams); a search's is counted.
  const n = q.under && !q.q && !opts.plain
    ? (await volunteerPageFigures(tx, q.under)).teams
    : (await query<{ n: number }>(tx, sql`select count(*)::int as n from volunteer_teams t join organizations o on o.id = t.org_id where ${where}`))[0]!.n;
  return { items: rows.map(toTeam), total: n, page: q.page, pageSize: q.pageSize };
}

export async function teamItem(tx: Tx, id: number) {
  return toTeam(await loadOne<TeamRow>(tx, sql`${TEAM_SELECT} where t.id = ${id}`, '志愿服务队'));
}

function foundedProblems(foundedOn: string | null | undefined): string[] {
  return foundedOn && foundedOn > today() ? ['成立日期不能晚于今天'] : [];
}

export async function createTeam(tx: Tx, body: api.BodyOf<O['createVolunteerTeam']>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId');
  if (org.status !== 'active') throw new HttpError(409, 'dissolved', '该组织已撤销', 'orgId');
  refuse('team_refused', foundedProblems(body.foundedOn), 'foundedOn');
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into volunteer_teams (org_id, name, founded_on, leader) values (${org.id}, ${body.name}, ${body.foundedOn ?? null}, ${body.leader ?? null}) returning id`,
  );
  return num(row!.id);
}

export async function updateTeam(tx: Tx, id: number, body: api.BodyOf<O['updateVolunteerTeam']>) {
  const t = await loadOne<TeamRow>(tx, sql`${TEAM_SELECT} where t.id = ${id}`, '志愿服务队');
  refuse('team_refused', foundedProblems(body.foundedOn), 'foundedOn');
  await tx.execute(sql`update volunteer_teams set name = ${body.name ?? t.name},
      founded_on = ${body.foundedOn === undefined ? t.founded_on : body.foundedOn}, leader = ${body.leader === undefined ? t.leader : body.leader} where id = ${id}`);
}

/* ---------------------------------------------------------------- volunteers */

interface VolunteerRow {
  id: number;
  org_id: number;
  org_name: string;
  team_id: number | null;
  team_name: string | null;
  person_id: number | null;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  birth_date: string;
  phone: string | null;
  registered_on: string;
  service_minutes: number;
}

const VOLUNTEER_SELECT = sql`
  select v.id, v.org_id, o.name as org_name, v.team_id, t.name as team_name, v.person_id, v.name, v.gender, v.id_number,
         v.birth_date::text as birth_date, v.phone, v.registered_on::text as registered_on,
         (select coalesce(sum(r.minutes), 0)::int from service_records r where r.volunteer_id = v.id) as service_minutes
    from volunteers v join organizations o on o.id = v.org_id left join volunteer_teams t on t.id = v.team_id`;

function toVolunteer(r: VolunteerRow, rules: Rules, on: string): VolunteerItem {
  const age = ageOn(r.birth_date, on);
  const minutes = Number(r.service_minutes);
  return {
    id: num(r.id),
    orgId: num(r.org_id),
    orgName: r.org_name,
    teamId: numOrNull(r.team_id),
    teamName: r.team_name,
    personId: numOrNull(r.person_id),
    name: r.name,
    gender: r.gender,
    idNumberMasked: maskIdCard(r.id_number),
    age,
    ageBand: volunteerAgeBand(age, rules),
    youth: age <= rules.ages.youthMax,
    phoneMasked: r.phone ? maskPhone(r.phone) : null,
    registeredOn: r.registered_on,
    serviceMinutes: minutes,
    serviceHours: hoursOf(minutes),
  };
}

/** Age in whole years on `on`, in SQL (same as ageOn). */
const ageSql = (on: string) => sql`date_part('year', age(${on}::date, v.birth_date))::int`;

function bandSql(band: VolunteerAgeBand, rules: Rules, on: string): SQL {
  const age = ageSql(on);
  switch (band) {
    case 'minor':
      return sql`${age} < 18`;
    case 'member_age':
      return sql`${age} >= 18 and ${age} < ${rules.ages.memberMax}`;
    case 'young_adult':
      return sql`${age} >= ${rules.ages.memberMax} and ${age} <= ${rules.ages.youthMax}`;
    case 'over_youth':
      return sql`${age} > ${rules.ages.youthMax}`;
  }
}

async function volunteerFilter(tx: Tx, rules: Rules, q: api.QueryOf<O['exportVolunteers']>, on: string): Promise<SQL> {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.teamId) {
    await loadTeamRef(tx, q.teamId, 'teamId');
    conds.push(sql`v.team_id = ${q.teamId}`);
  }
  if (q.ageBand) conds.push(bandSql(q.ageBand, rules, on));
  if (q.youth !== undefined) conds.push(q.youth ? sql`${ageSql(on)} <= ${rules.ages.youthMax}` : sql`${ageSql(on)} > ${rules.ages.youthMax}`);
  if (q.q) conds.push(sql`v.name like ${likeText(q.q)}`);
  if (q.program) conds.push(sql`exists (select 1 from service_program_flags f where f.volunteer_id = v.id and f.program = ${q.program})`);
  return sql.join(conds, sql` and `);
}

export async function listVolunteers(tx: Tx, rules: Rules, q: api.QueryOf<O['listVolunteers']>, opts: { plain?: boolean } = {}) {
  const on = today();
  const where = await volunteerFilter(tx, rules, q, on);
  const { offset, limit } = pageOf(q);
  const rows = await query<VolunteerRow>(tx, sql`${VOLUNTEER_SELECT} where ${where} order by o.path, v.id offset ${offset} limit ${limit}`);
  // A whole subtree's totals are kept (org_figures: volunteers by birth month/date, those in a programme); a filtered list's are counted.
  const kept = q.under && !q.teamId && !q.ageBand && q.youth === undefined && !q.q && !q.program && !opts.plain;
  const [t] = kept
    ? await (async () => {
        const ages = await volunteerAges(tx, q.under!, on, rules.ages.youthMax);
        return [{ n: ages.count, youth: ages.youth, programs: (await volunteerPageFigures(tx, q.under!)).programs }];
      })()
    : await query<{ n: number; youth: number; programs: number }>(
    tx,
    sql`select count(*)::int as n, count(*) filter (where ${ageSql(on)} <= ${rules.ages.youthMax})::int as youth,
               count(*) filter (where exists (select 1 from service_program_flags f where f.volunteer_id = v.id))::int as programs
          from volunteers v join organizations o on o.id = v.org_id where ${where}`,
  );
  return {
    items: rows.map((r) => toVolunteer(r, rules, on)),
    total: t!.n,
    page: q.page,
    pageSize: q.pageSize,
    total35: t!.youth,
    share35: t!.n ? Math.round((t!.youth / t!.n) * 10_000) / 10_000 : null,
    inPrograms: t!.programs,
  };
}

export async function allVolunteers(tx: Tx, rules: Rules, q: api.QueryOf<O['exportVolunteers']>): Promise<VolunteerItem[]> {
  const on = today();
  const where = await volunteerFilter(tx, rules, q, on);
  return (await query<VolunteerRow>(tx, sql`${VOLUNTEER_SELECT} where ${where} order by o.path, v.id`)).map((r) => toVolunteer(r, rules, on));
}

export function volunteerExportColumns(rules: Rules) {
  const bands = volunteerAgeBandLabels(rules);
  return [
    { header: '姓名', width: 10, value: (v: VolunteerItem) => v.name },
    { header: '性别', width: 6, value: (v: VolunteerItem) => GENDER_LABELS[v.gender] },
    { header: '身份证号', width: 22, value: (v: VolunteerItem) => v.idNumberMasked },
    { header: '年龄', width: 6, value: (v: VolunteerItem) => v.age },
    { header: '年龄段', width: 10, value: (v: VolunteerItem) => bands[v.ageBand] },
    { header: `${rules.ages.youthMax}岁及以下`, width: 10, value: (v: VolunteerItem) => (v.youth ? '是' : '否') },
    { header: '联系电话', width: 14, value: (v: VolunteerItem) => v.phoneMasked },
    { header: '所属组织', width: 30, value: (v: VolunteerItem) => v.orgName },
    { header: '服务队', width: 24, value: (v: VolunteerItem) => v.teamName },
    { header: '注册日期', width: 12, value: (v: VolunteerItem) => v.registeredOn },
    { header: '服务时长（小时）', width: 14, value: (v: VolunteerItem) => v.serviceHours },
  ];
}

export async function volunteerDetail(tx: Tx, rules: Rules, id: number): Promise<api.ResponseOf<O['getVolunteer']>> {
  const v = await loadOne<VolunteerRow>(tx, sql`${VOLUNTEER_SELECT} where v.id = ${id}`, '志愿者');
  const records = await listRecordRows(tx, sql`r.volunteer_id = ${id}`, 0, 500);
  return { ...toVolunteer(v, rules, today()), records };
}

export async function volunteerItem(tx: Tx, rules: Rules, id: number) {
  return toVolunteer(await loadOne<VolunteerRow>(tx, sql`${VOLUNTEER_SELECT} where v.id = ${id}`, '志愿者'), rules, today());
}

export async function createVolunteer(tx: Tx, body: api.BodyOf<O['createVolunteer']>): Promise<number> {
  // References first.
  const org = await loadOrgRef(tx, body.orgId, 'orgId');
  if (body.teamId) await loadTeamRef(tx, body.teamId, 'teamId');
  const person = body.personId ? (await loadPeopleRefs(tx, [body.personId], 'personId', '青年')).get(body.personId)! : null;
  if (org.status !== 'active') throw new HttpError(409, 'dissolved', '该组织已撤销', 'orgId');
  let name: string;
  let idNumber: string;
  let gender: 'male' | 'female';
  let birthDate: string;
  if (person) {
    ({ name, gender } = person);
    idNumber = person.id_number;
    birthDate = person.birth_date;
  } else {
    if (!body.name) throw new DomainError('name_required', '请填写姓名，或从青年名册中选择', 'name');
    const parsed = parseIdCard(body.idNumber ?? '', today());
    if (!parsed.ok) throw new DomainError('bad_id', parsed.reason, 'idNumber');
    name = body.name;
    idNumber = (body.idNumber ?? '').trim().toUpperCase();
    gender = parsed.info.gender;
    birthDate = parsed.info.birthDate;
  }
  refuse('volunteer_refused', volunteerProblems({ birthDate, registeredOn: body.registeredOn }, today()), 'registeredOn');
  const [dup] = await query<{ org_name: string }>(tx, sql`select o.name as org_name from volunteers v join organizations o on o.id = v.org_id where v.id_number = ${idNumber}`);
  if (dup) throw new DomainError('duplicate', `${name}已在“${dup.org_name}”注册为志愿者`, 'idNumber', 409);
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into volunteers (org_id, team_id, person_id, name, id_number, gender, birth_date, phone, registered_on)
        values (${org.id}, ${body.teamId ?? null}, ${person?.id ?? null}, ${name}, ${idNumber}, ${gender}, ${birthDate},
                ${body.phone ?? person?.phone ?? null}, ${body.registeredOn})
        on conflict (id_number) do nothing returning id`,
  );
  // Registered elsewhere, outside the caller's scope: say so without naming where.
  if (!row) throw new DomainError('duplicate', `${name}已在其他地区注册为志愿者`, 'idNumber', 409);
  return num(row.id);
}

/* ------------------------------------------------------ projects and records */

interface ProjectRow {
  id: number;
  org_id: number;
  org_name: string;
  team_id: number | null;
  team_name: string | null;
  title: string;
  start_on: string;
  end_on: string | null;
  volunteers: number;
  service_minutes: number;
}

const PROJECT_SELECT = sql`
  select p.id, p.org_id, o.name as org_name, p.team_id, t.name as team_name, p.title, p.start_on::text as start_on, p.end_on::text as end_on,
         (select count(distinct r.volunteer_id)::int from service_records r where r.project_id = p.id) as volunteers,
         (select coalesce(sum(r.minutes), 0)::int from service_records r where r.project_id = p.id) as service_minutes
    from service_projects p join organizations o on o.id = p.org_id left join volunteer_teams t on t.id = p.team_id`;

const toProject = (r: ProjectRow) => ({
  id: num(r.id),
  orgId: num(r.org_id),
  orgName: r.org_name,
  teamId: numOrNull(r.team_id),
  teamName: r.team_name,
  title: r.title,
  startOn: r.start_on,
  endOn: r.end_on,
  volunteers: Number(r.volunteers),
  serviceMinutes: Number(r.service_minutes),
});

export async function listProjects(tx: Tx, q: api.QueryOf<O['listServiceProjects']>, opts: { plain?: boolean } = {}) {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.teamId) {
    await loadTeamRef(tx, q.teamId, 'teamId');
    conds.push(sql`p.team_id = ${q.teamId}`);
  }
  if (q.from) conds.push(sql`coalesce(p.end_on, p.start_on) >= ${q.from}::date`);
  if (q.to) conds.push(sql`p.start_on <= ${q.to}::date`);
  const where = sql.join(conds, sql` and `);
  const { offset, limit } = pageOf(q);
  const rows = await query<ProjectRow>(tx, sql`${PROJECT_SELECT} where ${where} order by p.start_on desc, p.id desc offset ${offset} limit ${limit}`);
  // A subtree's projects over a period are kept (org_figures, proj:start/proj:end); a team's are counted.
  const n = q.under && !q.teamId && !opts.plain
    ? await projectsOverlapping(tx, q.under, q.from ?? '0001-01-01', q.to ?? '9999-12-31')
    : (await query<{ n: number }>(tx, sql`select count(*)::int as n from service_projects p join organizations o on o.id = p.org_id where ${where}`))[0]!.n;
  return { items: rows.map(toProject), total: n, page: q.page, pageSize: q.pageSize };
}

export async function createProject(tx: Tx, body: api.BodyOf<O['createServiceProject']>) {
  const org = await loadOrgRef(tx, body.orgId, 'orgId');
  if (body.teamId) await loadTeamRef(tx, body.teamId, 'teamId');
  if (org.status !== 'active') throw new HttpError(409, 'dissolved', '该组织已撤销', 'orgId');
  refuse('project_refused', serviceProjectProblems(body), 'endOn');
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into service_projects (org_id, team_id, title, start_on, end_on) values (${org.id}, ${body.teamId ?? null}, ${body.title}, ${body.startOn}, ${body.endOn ?? null}) returning id`,
  );
  return toProject(await loadOne<ProjectRow>(tx, sql`${PROJECT_SELECT} where p.id = ${row!.id}`, '服务项目'));
}

interface RecordRow {
  id: number;
  volunteer_id: number;
  volunteer_name: string;
  project_id: number | null;
  project_title: string | null;
  served_on: string;
  minutes: number;
}

const RECORD_FROM = sql`from service_records r join volunteers v on v.id = r.volunteer_id join organizations o on o.id = r.org_id left join service_projects sp on sp.id = r.project_id`;

/**
 * A page of records (`where` on r and o only): the page found among the records and their organizations, then its
 * volunteers and projects joined, not every record's of the subtree before the sort (a county of the synthetic city,
 * 8,337 records: 105 → 32 ms). A record's organization is its volunteer's (createRecord), so a visible record's
 * volunteer is visible and the page is the same.
 */
async function listRecordRows(tx: Tx, where: SQL, offset: number, limit: number) {
  const rows = await query<RecordRow>(
    tx,
    sql`with page as (select r.id from service_records r join organizations o on o.id = r.org_id
                       where ${where} order by r.served_on desc, r.id desc offset ${offset} limit ${limit})
        select r.id, r.volunteer_id, v.name as volunteer_name, r.project_id, sp.title as project_title, r.served_on::text as served_on, r.minutes
          from page join service_records r on r.id = page.id join volunteers v on v.id = r.volunteer_id left join service_projects sp on sp.id = r.project_id
         order by r.served_on desc, r.id desc`,
  );
  return rows.map((r) => ({
    id: num(r.id),
    volunteerId: num(r.volunteer_id),
    volunteerName: r.volunteer_name,
    projectId: numOrNull(r.project_id),
    projectTitle: r.project_title,
    servedOn: r.served_on,
    minutes: Number(r.minutes),
  }));
}

export async function listRecords(tx: Tx, q: api.QueryOf<O['listServiceRecords']>, opts: { plain?: boolean } = {}) {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.volunteerId) {
    await loadOne(tx, sql`select id from volunteers where id = ${q.volunteerId}`, '志愿者', 'volunteerId');
    conds.push(sql`r.volunteer_id = ${q.volunteerId}`);
  }
  if (q.projectId) {
    await loadOne(tx, sql`select id from service_projects where id = ${q.projectId}`, '服务项目', 'projectId');
    conds.push(sql`r.project_id = ${q.projectId}`);
  }
  if (q.from) conds.push(sql`r.served_on >= ${q.from}::date`);
  if (q.to) conds.push(sql`r.served_on <= ${q.to}::date`);
  const where = sql.join(conds, sql` and `);
  const { offset, limit } = pageOf(q);
  const items = await listRecordRows(tx, where, offset, limit);
  // A subtree's records and minutes over a period are kept (org_figures by day, vol:rec and vol:minutes); a volunteer's or project's are counted.
  const [t] = q.under && !q.volunteerId && !q.projectId && !opts.plain
    ? await datedSums(tx, q.under, ['vol:rec', 'vol:minutes'], q.from ?? '0001-01-01', q.to ?? '9999-12-31').then((f) => [{ n: f['vol:rec']!, minutes: f['vol:minutes']! }])
    : await query<{ n: number; minutes: number }>(tx, sql`select count(*)::int as n, coalesce(sum(r.minutes), 0)::int as minutes ${RECORD_FROM} where ${where}`);
  return { items, total: t!.n, page: q.page, pageSize: q.pageSize, totalMinutes: t!.minutes };
}

export async function createRecord(tx: Tx, body: api.BodyOf<O['createServiceRecord']>) {
  const v = await loadOne<{ id: number; org_id: number; name: string; registered_on: string }>(
    tx,
    sql`select id, org_id, name, registered_on::text as registered_on from volunteers where id = ${body.volunteerId}`,
    '志愿者',
    'volunteerId',
  );
  const project = body.projectId
    ? await loadOne<{ id: number; title: string; start_on: string; end_on: string | null }>(
        tx,
        sql`select id, title, start_on::text as start_on, end_on::text as end_on from service_projects where id = ${body.projectId}`,
        '服务项目',
        'projectId',
      )
    : null;
  refuse(
    'record_refused',
    serviceRecordProblems(body, { registeredOn: v.registered_on, name: v.name }, project && { title: project.title, startOn: project.start_on, endOn: project.end_on }, today()),
  );
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into service_records (org_id, volunteer_id, project_id, served_on, minutes)
        values (${v.org_id}, ${v.id}, ${project?.id ?? null}, ${body.servedOn}, ${body.minutes}) returning id`,
  );
  const [item] = await listRecordRows(tx, sql`r.id = ${row!.id}`, 0, 1);
  return item!;
}
