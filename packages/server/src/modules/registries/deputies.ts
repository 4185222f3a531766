import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  api,
  congressProblems,
  congressTitle,
  deputyCategories,
  deputyLiaisonFigures,
  deputyProblems,
  isBranchType,
  type CongressLevel,
  type DeputyLiaisonFigures,
  type DeputyStatus,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import { currentYear, today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';
import { loadCadre } from '../cadres/common.js';
import { insertLiaison } from '../cadres/liaisons.js';
import { likeText, loadOne, loadOrgRef, num, numOrNull, pageOf, refuse, subtreeFilter } from '../org-life/common.js';

/*
 * 团代会代表 (issue 17, item 2). A congress is the convening committee's
 * (org_id); each deputy is kept at the constituency (选举单位) that elected them,
 * so a township sees its own deputies (the congress title is copied onto the
 * deputy: the township cannot read the county's congress row). Deputies'
 * liaisons are the liaisons of 一专一站两联 with deputy_id (cadres/liaisons.ts).
 */

type D = typeof api.deputies;
type Item = api.deputies.DeputyItem;

/** 共青团余庆县委员会 → 余庆县 (the place a congress is named after). */
export function placeName(orgName: string): string {
  return orgName.replace(/^共青团/, '').replace(/(工作)?委员会$/, '') || orgName;
}

/* -------------------------------------------------------------- congresses */

interface CongressRow {
  id: number;
  org_id: number;
  org_name: string;
  level: CongressLevel;
  term: number;
  title: string;
  opened_on: string;
  ends_on: string | null;
  deputies: number;
  serving: number;
  path: string;
}

const CONGRESS_SELECT = sql`
  select c.id, c.org_id, o.name as org_name, c.level, c.term, c.title, c.opened_on::text as opened_on, c.ends_on::text as ends_on, o.path::text as path,
         (select count(*)::int from congress_deputies d where d.congress_id = c.id) as deputies,
         (select count(*)::int from congress_deputies d where d.congress_id = c.id and d.status = 'serving') as serving
    from congresses c join organizations o on o.id = c.org_id`;

const congressItem = (r: CongressRow): api.deputies.CongressItem => ({
  id: num(r.id),
  orgId: num(r.org_id),
  orgName: r.org_name,
  level: r.level,
  term: r.term,
  title: r.title,
  openedOn: r.opened_on,
  endsOn: r.ends_on,
  deputies: r.deputies,
  serving: r.serving,
});

export async function listCongresses(tx: Tx, q: { under?: number }) {
  const where = await subtreeFilter(tx, q.under);
  return (await query<CongressRow>(tx, sql`${CONGRESS_SELECT} where ${where} order by c.opened_on desc, c.id desc`)).map(congressItem);
}

async function loadCongress(tx: Tx, id: number, field = 'congressId'): Promise<CongressRow> {
  return loadOne<CongressRow>(tx, sql`${CONGRESS_SELECT} where c.id = ${id}`, '团代会', field);
}

export async function createCongress(tx: Tx, body: api.BodyOf<D['createCongress']>) {
  const org = await loadOrgRef(tx, body.orgId, 'orgId', '召开单位');
  if (isBranchType(org.type as Parameters<typeof isBranchType>[0])) {
    throw new DomainError('not_committee', `团代会由团委召开，“${org.name}”是团支部，不能登记团代会`, 'orgId');
  }
  // A township (street) committee's own congress is a 乡镇团代会; a county's or above is of its level.
  const township = org.type === 'township' || org.type === 'subdistrict';
  if (township !== (body.level === 'township')) {
    throw new DomainError('congress_refused', township ? '乡镇（街道）团委召开的是乡镇团代会' : `“${org.name}”不能召开乡镇团代会`, 'level');
  }
  refuse('congress_refused', congressProblems(body), 'term');
  const [dup] = await query<{ id: number }>(tx, sql`select id from congresses where org_id = ${org.id} and level = ${body.level} and term = ${body.term}`);
  if (dup) throw new DomainError('congress_exists', `该团委第${body.term}次团代会已登记`, 'term', 409);
  const title = congressTitle({ placeName: placeName(org.name), term: body.term });
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into congresses (org_id, level, term, title, opened_on, ends_on) values (${org.id}, ${body.level}, ${body.term}, ${title}, ${body.openedOn}, ${body.endsOn ?? null}) returning id`,
  );
  return congressItem(await loadCongress(tx, num(row!.id)));
}

/* ---------------------------------------------------------------- deputies */

const within = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

interface DeputyRow {
  id: number;
  org_id: number;
  org_name: string;
  congress_id: number;
  congress_title: string;
  person_id: number | null;
  cadre_id: number | null;
  name: string;
  gender: 'male' | 'female';
  birth_date: string | null;
  ethnicity: string | null;
  political_status: string | null;
  unit_post: string | null;
  phone: string | null;
  categories: string[];
  station_id: number | null;
  station_name: string | null;
  committee_id: number | null;
  committee_name: string | null;
  committee_role: string | null;
  status: DeputyStatus;
  terminated_on: string | null;
  termination_reason: string | null;
  liaisons: number;
  contacts_this_year: number;
}

const deputySelect = (year: number) => sql`
  select d.id, d.org_id, o.name as org_name, d.congress_id, d.congress_title, d.person_id, d.cadre_id, d.name, d.gender, d.birth_date::text as birth_date,
         d.ethnicity, d.political_status, d.unit_post, d.phone, d.categories, d.station_id, s.name as station_name, d.committee_id, cm.name as committee_name,
         d.committee_role, d.status, d.terminated_on::text as terminated_on, d.termination_reason,
         (select count(*)::int from liaisons l where l.deputy_id = d.id and l.until is null) as liaisons,
         (select count(*)::int from liaisons l join liaison_contacts lc on lc.liaison_id = l.id
           where l.deputy_id = d.id and lc.contacted_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date) as contacts_this_year
    from congress_deputies d join organizations o on o.id = d.org_id
    left join deputy_stations s on s.id = d.station_id
    left join deputy_committees cm on cm.id = d.committee_id`;

const toItem = (r: DeputyRow): Item => ({
  id: num(r.id),
  orgId: num(r.org_id),
  orgName: r.org_name,
  congressId: num(r.congress_id),
  congressTitle: r.congress_title,
  personId: numOrNull(r.person_id),
  cadreId: numOrNull(r.cadre_id),
  name: r.name,
  gender: r.gender,
  birthDate: r.birth_date,
  ethnicity: r.ethnicity,
  politicalStatus: r.political_status,
  unitPost: r.unit_post,
  phone: r.phone,
  categories: r.categories ?? [],
  stationId: numOrNull(r.station_id),
  stationName: r.station_name,
  committeeId: numOrNull(r.committee_id),
  committeeName: r.committee_name,
  committeeRole: r.committee_role,
  status: r.status,
  terminatedOn: r.terminated_on,
  terminationReason: r.termination_reason,
  liaisons: r.liaisons,
  contactsThisYear: r.contacts_this_year,
});

async function deputyFilter(tx: Tx, q: api.QueryOf<D['exportDeputies']>): Promise<SQL> {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.congressId) conds.push(sql`d.congress_id = ${q.congressId}`);
  if (q.stationId) conds.push(sql`d.station_id = ${q.stationId}`);
  if (q.committeeId) conds.push(sql`d.committee_id = ${q.committeeId}`);
  if (q.status) conds.push(sql`d.status = ${q.status}`);
  if (q.category) conds.push(sql`${q.category} = any(d.categories)`);
  if (q.q) conds.push(sql`(d.name like ${likeText(q.q)} or d.unit_post like ${likeText(q.q)})`);
  return sql.join(conds, sql` and `);
}

export async function listDeputies(tx: Tx, q: api.QueryOf<D['listDeputies']>) {
  const where = await deputyFilter(tx, q);
  const { offset, limit } = pageOf(q);
  const rows = await query<DeputyRow>(tx, sql`${deputySelect(currentYear())} where ${where} order by d.congress_id desc, o.path, d.id offset ${offset} limit ${limit}`);
  const [count] = await query<{ n: number }>(tx, sql`select count(*)::int as n from congress_deputies d join organizations o on o.id = d.org_id where ${where}`);
  return { items: rows.map(toItem), total: count!.n, page: q.page, pageSize: q.pageSize };
}

export async function allDeputies(tx: Tx, q: api.QueryOf<D['exportDeputies']>): Promise<Item[]> {
  const where = await deputyFilter(tx, q);
  return (await query<DeputyRow>(tx, sql`${deputySelect(currentYear())} where ${where} order by d.congress_id desc, o.path, d.id`)).map(toItem);
}

export async function deputyItem(tx: Tx, id: number): Promise<Item> {
  return toItem(await loadOne<DeputyRow>(tx, sql`${deputySelect(currentYear())} where d.id = ${id}`, '团代会代表'));
}

export async function deputyDetail(tx: Tx, id: number): Promise<api.ResponseOf<D['getDeputy']>> {
  const item = await deputyItem(tx, id);
  const rows = await query<{ id: number; target_org_id: number | null; target_name: string | null; since: string; until: string | null; contacts: number; last: string | null }>(
    tx,
    sql`select l.id, l.target_org_id, coalesce(tp.name, tor.name) as target_name, l.since::text as since, l.until::text as until,
               (select count(*)::int from liaison_contacts lc where lc.liaison_id = l.id) as contacts,
               (select max(lc.contacted_on)::text from liaison_contacts lc where lc.liaison_id = l.id) as last
          from liaisons l left join organizations tor on tor.id = l.target_org_id left join people tp on tp.id = l.target_person_id
         where l.deputy_id = ${id} order by l.until nulls first, l.since desc, l.id`,
  );
  return {
    ...item,
    liaisonList: rows.map((r) => ({ id: num(r.id), targetOrgId: numOrNull(r.target_org_id), targetName: r.target_name, since: r.since, until: r.until, contacts: r.contacts, lastContactOn: r.last })),
  };
}

type DeputyFields = api.BodyOf<D['updateDeputy']>;

/** The constituency: the congress's organization or one below it, active. */
async function constituency(tx: Tx, congress: CongressRow, orgId: number) {
  const org = await loadOrgRef(tx, orgId, 'orgId', '选举单位');
  if (org.status !== 'active') throw new HttpError(409, 'dissolved', `“${org.name}”已撤销，不能作为选举单位`, 'orgId');
  if (!within(String(org.path), congress.path)) throw new DomainError('deputy_refused', `选举单位应为“${congress.org_name}”或其下级组织`, 'orgId');
  return org;
}

/** A station or committee of the same congress. */
async function partOf(tx: Tx, table: 'deputy_stations' | 'deputy_committees', id: number | null | undefined, congressId: number, field: string, what: string) {
  if (!id) return null;
  const [row] = await query<{ congress_id: number }>(tx, sql`select congress_id from ${sql.identifier(table)} where id = ${id}`);
  if (!row) throw new HttpError(404, 'not_found', `所选${what}不存在或不在您的管理范围内`, field);
  if (num(row.congress_id) !== congressId) throw new DomainError('deputy_refused', `所选${what}不属于该团代会`, field);
  return id;
}

/** Role 'deputy' liaisons of the cadre kept from before the registry are attached to the deputy (migration 0035). */
async function attachLiaisons(tx: Tx, deputyId: number, cadreId: number | null) {
  if (cadreId) await tx.execute(sql`update liaisons set deputy_id = ${deputyId} where cadre_id = ${cadreId} and role = 'deputy' and deputy_id is null`);
}

export async function createDeputy(tx: Tx, rules: Rules, body: api.BodyOf<D['createDeputy']>): Promise<number> {
  const congress = await loadCongress(tx, body.congressId);
  const org = await constituency(tx, congress, body.orgId);
  const cadre = body.cadreId ? await loadCadre(tx, body.cadreId, 'cadreId') : null;
  if (body.personId) await loadOne(tx, sql`select id from people where id = ${body.personId}`, '人员', 'personId');
  refuse('deputy_refused', deputyProblems({ ...body, status: 'serving' }, deputyCategories(rules), today()), 'categories');
  const stationId = await partOf(tx, 'deputy_stations', body.stationId, num(congress.id), 'stationId', '代表联络站');
  const committeeId = await partOf(tx, 'deputy_committees', body.committeeId, num(congress.id), 'committeeId', '专委会');
  if (cadre) {
    const [dup] = await query<{ id: number }>(tx, sql`select id from congress_deputies where congress_id = ${congress.id} and cadre_id = ${cadre.id}`);
    if (dup) throw new DomainError('deputy_exists', `${cadre.name}已是该团代会代表`, 'cadreId', 409);
  }
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into congress_deputies (org_id, congress_id, congress_title, person_id, cadre_id, name, gender, birth_date, ethnicity, political_status, unit_post, phone,
                                       categories, station_id, committee_id, committee_role)
        values (${org.id}, ${congress.id}, ${congress.title}, ${body.personId ?? cadre?.person_id ?? null}, ${cadre?.id ?? null}, ${body.name}, ${body.gender}, ${body.birthDate ?? null},
                ${body.ethnicity || null}, ${body.politicalStatus || null}, ${body.unitPost || null}, ${body.phone || null}, ${sql.param([...new Set(body.categories)])}::text[],
                ${stationId}, ${committeeId}, ${committeeId ? body.committeeRole || '委员' : null}) returning id`,
  );
  const id = num(row!.id);
  await attachLiaisons(tx, id, cadre ? num(cadre.id) : null);
  return id;
}

export async function updateDeputy(tx: Tx, rules: Rules, id: number, body: DeputyFields): Promise<void> {
  const d = await loadOne<DeputyRow>(tx, sql`${deputySelect(currentYear())} where d.id = ${id}`, '团代会代表');
  const pick = <K extends keyof DeputyFields, V>(k: K, old: V): V | NonNullable<DeputyFields[K]> | null => (body[k] === undefined ? old : ((body[k] ?? null) as NonNullable<DeputyFields[K]> | null));
  const status = body.status ?? d.status;
  const next = {
    name: body.name ?? d.name,
    gender: body.gender ?? d.gender,
    birthDate: pick('birthDate', d.birth_date),
    ethnicity: pick('ethnicity', d.ethnicity),
    politicalStatus: pick('politicalStatus', d.political_status),
    unitPost: pick('unitPost', d.unit_post),
    phone: pick('phone', d.phone),
    categories: body.categories ? [...new Set(body.categories)] : d.categories,
    status,
    terminatedOn: status === 'serving' && body.status ? null : pick('terminatedOn', d.terminated_on),
    terminationReason: status === 'serving' && body.status ? null : pick('terminationReason', d.termination_reason),
    committeeId: pick('committeeId', numOrNull(d.committee_id)),
    committeeRole: pick('committeeRole', d.committee_role),
  };
  if (next.committeeId && !next.committeeRole) next.committeeRole = '委员';
  if (!next.committeeId) next.committeeRole = null;
  // The categories configured may change; the deputy's stored ones stay valid unless changed.
  const allowed = [...deputyCategories(rules), ...(body.categories ? [] : d.categories)];
  refuse('deputy_refused', deputyProblems(next, allowed, today()), status === 'terminated' ? 'terminationReason' : 'categories');
  const stationId = body.stationId === undefined ? numOrNull(d.station_id) : await partOf(tx, 'deputy_stations', body.stationId, num(d.congress_id), 'stationId', '代表联络站');
  const committeeId = body.committeeId === undefined ? numOrNull(d.committee_id) : await partOf(tx, 'deputy_committees', body.committeeId, num(d.congress_id), 'committeeId', '专委会');
  let cadreId = numOrNull(d.cadre_id);
  if (body.cadreId !== undefined) cadreId = body.cadreId ? num((await loadCadre(tx, body.cadreId, 'cadreId')).id) : null;
  let personId = numOrNull(d.person_id);
  if (body.personId !== undefined) {
    if (body.personId) await loadOne(tx, sql`select id from people where id = ${body.personId}`, '人员', 'personId');
    personId = body.personId ?? null;
  }
  await tx.execute(sql`update congress_deputies set name = ${next.name}, gender = ${next.gender}, birth_date = ${next.birthDate}, ethnicity = ${next.ethnicity || null},
      political_status = ${next.politicalStatus || null}, unit_post = ${next.unitPost || null}, phone = ${next.phone || null}, categories = ${sql.param(next.categories)}::text[],
      station_id = ${stationId}, committee_id = ${committeeId}, committee_role = ${next.committeeRole}, status = ${status}, terminated_on = ${next.terminatedOn},
      termination_reason = ${next.terminationReason}, cadre_id = ${cadreId}, person_id = ${personId}
    where id = ${id}`);
  // A deputy whose status ends stops contacting: their open liaisons end on that date.
  if (status === 'terminated' && d.status === 'serving') {
    await tx.execute(sql`update liaisons set until = greatest(since, ${next.terminatedOn}::date) where deputy_id = ${id} and until is null`);
  }
  if (cadreId !== numOrNull(d.cadre_id)) await attachLiaisons(tx, id, cadreId);
}

export async function createDeputyLiaison(tx: Tx, id: number, body: api.BodyOf<D['createDeputyLiaison']>): Promise<number> {
  const d = await loadOne<DeputyRow>(tx, sql`${deputySelect(currentYear())} where d.id = ${id}`, '团代会代表');
  if (d.status !== 'serving') throw new DomainError('liaison_refused', `${d.name}已终止代表资格，不能建立新的联系`, 'id', 409);
  return insertLiaison(tx, { role: 'deputy', deputyId: id, cadreId: numOrNull(d.cadre_id), name: d.name }, body);
}

/* ------------------------------------------------------ stations, committees */

export async function listStations(tx: Tx, q: { under?: number; congressId?: number }) {
  const conds = [await subtreeFilter(tx, q.under)];
  if (q.congressId) conds.push(sql`s.congress_id = ${q.congressId}`);
  const rows = await query<{ id: number; org_id: number; org_name: string; congress_id: number; name: string; address: string | null; opened_on: string | null; deputies: { id: number; name: string }[] | null }>(
    tx,
    sql`select s.id, s.org_id, o.name as org_name, s.congress_id, s.name, s.address, s.opened_on::text as opened_on,
               (select json_agg(json_build_object('id', d.id, 'name', d.name) order by d.id) from congress_deputies d where d.station_id = s.id and d.status = 'serving') as deputies
          from deputy_stations s join organizations o on o.id = s.org_id where ${sql.join(conds, sql` and `)} order by o.path, s.id`,
  );
  return rows.map((r) => ({ id: num(r.id), orgId: num(r.org_id), orgName: r.org_name, congressId: num(r.congress_id), name: r.name, address: r.address, openedOn: r.opened_on, deputies: (r.deputies ?? []).map((d) => ({ id: num(d.id), name: d.name })) }));
}

export async function createStation(tx: Tx, body: api.BodyOf<D['createStation']>) {
  const congress = await loadCongress(tx, body.congressId);
  const org = await loadOrgRef(tx, body.orgId, 'orgId', '依托组织');
  if (org.status !== 'active') throw new HttpError(409, 'dissolved', `“${org.name}”已撤销`, 'orgId');
  if (!within(String(org.path), congress.path)) throw new DomainError('station_refused', `依托组织应为“${congress.org_name}”或其下级组织`, 'orgId');
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into deputy_stations (org_id, congress_id, name, address, opened_on) values (${org.id}, ${congress.id}, ${body.name}, ${body.address || null}, ${body.openedOn ?? null}) returning id`,
  );
  return (await listStations(tx, { congressId: num(congress.id) })).find((s) => s.id === num(row!.id))!;
}

export async function listCommittees(tx: Tx, q: { under?: number; congressId?: number }) {
  const conds = [await subtreeFilter(tx, q.under)];
  if (q.congressId) conds.push(sql`c.congress_id = ${q.congressId}`);
  const rows = await query<{ id: number; org_id: number; congress_id: number; name: string; duties: string | null; members: { id: number; name: string; role: string | null }[] | null }>(
    tx,
    sql`select c.id, c.org_id, c.congress_id, c.name, c.duties,
               (select json_agg(json_build_object('id', d.id, 'name', d.name, 'role', d.committee_role)
                                order by case d.committee_role when '主任' then 0 when '副主任' then 1 else 2 end, d.id)
                  from congress_deputies d where d.committee_id = c.id and d.status = 'serving') as members
          from deputy_committees c join organizations o on o.id = c.org_id where ${sql.join(conds, sql` and `)} order by c.id`,
  );
  return rows.map((r) => ({ id: num(r.id), orgId: num(r.org_id), congressId: num(r.congress_id), name: r.name, duties: r.duties, members: (r.members ?? []).map((m) => ({ id: num(m.id), name: m.name, role: m.role })) }));
}

export async function createCommittee(tx: Tx, body: api.BodyOf<D['createCommittee']>) {
  const congress = await loadCongress(tx, body.congressId);
  const [dup] = await query<{ id: number }>(tx, sql`select id from deputy_committees where congress_id = ${congress.id} and name = ${body.name}`);
  if (dup) throw new DomainError('committee_exists', `“${body.name}”已设立`, 'name', 409);
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into deputy_committees (org_id, congress_id, name, duties) values (${congress.org_id}, ${congress.id}, ${body.name}, ${body.duties || null}) returning id`,
  );
  return (await listCommittees(tx, { congressId: num(congress.id) })).find((c) => c.id === num(row!.id))!;
}

/* ---------------------------------------------------------- liaison figures */

/**
 * Deputies' liaison under an organization in a year, in total and by child
 * organization (township): branches contacted by deputies ÷ active branches,
 * deputies with a contact ÷ deputies serving (by constituency), contacts per
 * deputy. The figure the assessment catalogue can use (total.branchRate).
 */
export async function deputyLiaisonOf(
  tx: Tx,
  org: { id: number; path: string; name: string },
  year: number,
): Promise<{ total: DeputyLiaisonFigures; byChild: (DeputyLiaisonFigures & { orgId: number; orgName: string })[]; unattached: number }> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const on = today() < to ? today() : to;
  const child = (alias: string) => sql`subpath(${sql.raw(alias)}.path, 0, least(nlevel(${sql.raw(alias)}.path), nlevel(${org.path}::ltree) + 1))`;
  const branches = await query<{ child: string; n: number }>(
    tx,
    sql`select ${child('b')}::text as child, count(*)::int as n from organizations b
         where b.path <@ ${org.path}::ltree and b.status = 'active' and b.type in ('branch', 'joint_branch') group by 1`,
  );
  const deputies = await query<{ id: number; child: string }>(
    tx,
    sql`select d.id, ${child('o')}::text as child from congress_deputies d join organizations o on o.id = d.org_id
         where o.path <@ ${org.path}::ltree and (d.status = 'serving' or d.terminated_on > ${on}::date)`,
  );
  const contacts = await query<{ deputy_id: number; branch_id: number | null; child: string }>(
    tx,
    sql`select l.deputy_id, case when o.type in ('branch', 'joint_branch') then o.id end as branch_id, ${child('o')}::text as child
          from liaison_contacts lc join liaisons l on l.id = lc.liaison_id join organizations o on o.id = lc.org_id
         where l.deputy_id is not null and o.path <@ ${org.path}::ltree and lc.contacted_on between ${from}::date and ${to}::date`,
  );
  const [un] = await query<{ n: number }>(
    tx,
    sql`select count(*)::int as n from liaisons l join organizations o on o.id = l.org_id where l.role = 'deputy' and l.deputy_id is null and o.path <@ ${org.path}::ltree`,
  );
  const children = await query<{ id: number; name: string; path: string }>(
    tx,
    sql`select id, name, path::text as path from organizations where (parent_id = ${org.id} and type not in ('branch', 'joint_branch')) or id = ${org.id} order by sort_order, path`,
  );
  // A group's deputies are those it elected (by constituency); its branches those in its area: the deputy
  // figures count the contacts of its deputies, the branch figures the contacts with its branches.
  const deputyGroup = new Map(deputies.map((d) => [num(d.id), d.child]));
  const all = contacts.map((x) => ({ deputyId: num(x.deputy_id), branchId: numOrNull(x.branch_id), child: x.child }));
  const group = (path: string | null) => {
    if (path === null) return deputyLiaisonFigures({ branches: branches.reduce((s, x) => s + x.n, 0), deputies: deputies.map((x) => ({ id: num(x.id) })), contacts: all });
    return deputyLiaisonFigures({
      branches: branches.filter((x) => x.child === path).reduce((s, x) => s + x.n, 0),
      deputies: deputies.filter((x) => x.child === path).map((x) => ({ id: num(x.id) })),
      contacts: all.filter((c) => deputyGroup.get(c.deputyId) === path),
      branchContacts: all.filter((c) => c.child === path),
    });
  };
  const byChild = children
    .map((c) => ({ ...group(c.path), orgId: num(c.id), orgName: num(c.id) === num(org.id) ? `${c.name}（本级）` : c.name }))
    .filter((g) => g.branches > 0 || g.deputies > 0 || g.contacts > 0);
  return { total: group(null), byChild, unattached: un?.n ?? 0 };
}

export async function deputyLiaison(tx: Tx, q: { orgId: number; year?: number }): Promise<api.ResponseOf<D['getDeputyLiaison']>> {
  const org = await loadOrg(tx, q.orgId);
  const year = q.year ?? currentYear();
  return { year, orgName: org.name, ...(await deputyLiaisonOf(tx, { id: num(org.id), path: String(org.path), name: org.name }, year)) };
}
