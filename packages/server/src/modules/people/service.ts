import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  POLITICAL,
  ageOn,
  api,
  hasPermission,
  isBranchType,
  maskIdCard,
  memberAdmissionProblems,
  maskPhone,
  idCardBirthDate,
  parseIdCard,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { people } from '../../db/schema.js';
import { bigintArray, query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';

type ListQuery = Omit<api.QueryOf<typeof api.people.listPeople>, 'page' | 'pageSize'>;

interface PersonRow {
  id: number;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  birth_date: string;
  ethnicity: string;
  education: string | null;
  political_status: string;
  phone: string | null;
  occupation: string | null;
  org_id: number;
  org_name: string;
  org_short_name: string | null;
  org_type: string;
  sector: string;
  is_student: boolean;
  grade: string | null;
  member_no: string | null;
  member_status: 'active' | 'left' | null;
  joined_on: string | null;
  stage: string | null;
  open_case_id: number | null;
  registry_status: 'active' | 'removed';
  left_on: string | null;
  left_reason: string | null;
  pioneer_joined_on: string | null;
  party_joined_on: string | null;
  identity_verified_on: string | null;
  version: number;
}

const COLUMNS = sql`p.id, p.name, p.gender, p.id_number, p.birth_date::text as birth_date, p.ethnicity, p.education, p.political_status,
         p.phone, p.occupation, p.org_id, o.name as org_name, o.short_name as org_short_name, o.type as org_type, o.sector, p.is_student, p.grade, p.member_no,
         p.member_status, p.joined_on::text as joined_on, c.stage, c.id as open_case_id, p.registry_status,
         p.left_on::text as left_on, p.left_reason, p.pioneer_joined_on::text as pioneer_joined_on,
         p.party_joined_on::text as party_joined_on, p.identity_verified_on::text as identity_verified_on, p.version`;

const SELECT = sql`
  select ${COLUMNS}
    from people p
    join organizations o on o.id = p.org_id
    left join development_cases c on c.person_id = p.id and c.status = 'in_progress'`;

function toItem(r: PersonRow, on: string): api.PersonItem {
  return {
    id: Number(r.id),
    name: r.name,
    gender: r.gender,
    idNumberMasked: maskIdCard(r.id_number),
    birthDate: r.birth_date,
    age: ageOn(r.birth_date, on),
    ethnicity: r.ethnicity,
    education: r.education,
    politicalStatus: r.political_status,
    phoneMasked: r.phone ? maskPhone(r.phone) : null,
    orgId: Number(r.org_id),
    orgName: r.org_name,
    orgShortName: r.org_short_name,
    sector: r.sector as api.PersonItem['sector'],
    isStudent: r.is_student,
    grade: r.grade,
    memberNo: r.member_no,
    memberStatus: r.member_status,
    joinedOn: r.joined_on,
    stage: r.stage as api.PersonItem['stage'],
    identityVerifiedOn: r.identity_verified_on,
  };
}

/** Birth-date bounds for "aged between a and b on `on`" (inclusive ages). */
export function birthRange(on: string, ageFrom?: number, ageTo?: number): SQL[] {
  const conds: SQL[] = [];
  if (ageTo !== undefined) conds.push(sql`p.birth_date > (${on}::date - make_interval(years => ${ageTo + 1}))`);
  if (ageFrom !== undefined) conds.push(sql`p.birth_date <= (${on}::date - make_interval(years => ${ageFrom}))`);
  return conds;
}

/** The list's filters, split into conditions on the person (p) and on the organization (o), and the subtree root. */
async function peopleFilters(tx: Tx, q: ListQuery, rules: Rules): Promise<{ person: SQL[]; org: SQL[]; root: string | null; nameSearch: boolean; plan?: Promise<SearchPlan> }> {
  const on = today();
  const person: SQL[] = [sql`p.registry_status = 'active'`];
  const org: SQL[] = [];
  const root = q.under ? (await loadOrg(tx, q.under)).path : null;
  if (q.kind === 'member') person.push(sql`p.member_status = 'active'`);
  if (q.kind === 'youth') person.push(...birthRange(on, rules.ages.youthMin, rules.ages.youthMax));
  if (q.memberStatus) person.push(sql`p.member_status = ${q.memberStatus}`);
  if (q.gender) person.push(sql`p.gender = ${q.gender}`);
  if (q.sector) org.push(sql`o.sector = ${q.sector}`);
  if (q.isStudent !== undefined) person.push(sql`p.is_student = ${q.isStudent}`);
  person.push(...birthRange(on, q.ageFrom, q.ageTo));
  let nameSearch = false;
  if (q.q) {
    const term = q.q.toUpperCase();
    // An ID number is matched exactly (indexed); anything else is a name prefix (indexed).
    if (/^\d{17}[\dX]$/.test(term)) person.push(sql`p.id_number = ${term}`);
    else {
      person.push(...namePrefix(q.q));
      nameSearch = true;
    }
  }
  return { person, org, root, nameSearch };
}

/**
 * A name prefix as a range on the name index (text_pattern_ops, byte order):
 * under row-level security only LEAKPROOF operators may use an index, and
 * LIKE is not one, while ~>=~ and ~<~ are. LIKE stays as the exact test.
 */
function namePrefix(prefix: string): SQL[] {
  const conds = [sql`p.name ~>=~ ${prefix}`, sql`p.name like ${`${prefix.replace(/[%_\\]/g, (c) => `\\${c}`)}%`}`];
  const chars = [...prefix];
  const last = chars.pop()!.codePointAt(0)!;
  // UTF-8 byte order is code point order: the next code point after the last character bounds the range.
  if (last < 0x10ffff) conds.push(sql`p.name ~<~ ${chars.join('') + String.fromCodePoint(last + 1 === 0xd800 ? 0xe000 : last + 1)}`);
  return conds;
}

type Filters = Awaited<ReturnType<typeof peopleFilters>>;

/**
 * The whole filtered list as one query: searches by name prefix or ID number
 * (their own indexes) and exports. The matching people are found first
 * (materialized), so the planner cannot turn a rare name into a walk over
 * every organization of a province; the cost is that of the matches.
 */
function plainQuery(f: Filters, countOnly = false): SQL {
  const org = [...f.org, ...(f.root === null ? [] : [sql`o.path <@ ${f.root}::ltree`])];
  const where = org.length ? sql`where ${sql.join(org, sql` and `)}` : sql``;
  const matches = sql`with p as materialized (select * from people p where ${sql.join(f.person, sql` and `)})`;
  return countOnly
    ? sql`${matches} select 1 from p join organizations o on o.id = p.org_id ${where}`
    : sql`${matches} select ${COLUMNS} from p join organizations o on o.id = p.org_id
            left join development_cases c on c.person_id = p.id and c.status = 'in_progress' ${where}`;
}

/**
 * Organizations per step of a walk: small at first (a page of 20 usually fills
 * from a dozen organizations), four times larger at each further step.
 */
const PAGE_CHUNK = 16;
const COUNT_CHUNK = 256;
const MAX_CHUNK = 4096;

/**
 * The subtree's organizations in path order, `size` at a time (growing), through a
 * btree range on the path: ids are digits, so every descendant of R sorts
 * between R and R.z. Without an organization the walk covers the caller's scope.
 */
const subtreeRoot = (f: Filters): SQL => (f.root === null ? sql`coalesce(tj_scope(), ''::ltree)` : sql`${f.root}::ltree`);

async function* orgChunks(tx: Tx, f: Filters, size: number): AsyncGenerator<number[]> {
  const root = subtreeRoot(f);
  let after: string | null = null;
  for (;;) {
    const from: SQL = after === null ? sql`o.path >= ${root}` : sql`o.path > ${after}::ltree`;
    const conds = [from, sql`o.path <= ${root} || 'z'::ltree`, sql`o.path <@ ${root}`, ...f.org];
    const rows = await query<{ id: number; path: string }>(
      tx,
      sql`select o.id, o.path::text as path from organizations o where ${sql.join(conds, sql` and `)} order by o.path limit ${size}`,
    );
    if (rows.length) yield rows.map((r) => Number(r.id));
    if (rows.length < size) return;
    after = rows.at(-1)!.path;
    size = Math.min(size * 4, MAX_CHUNK);
  }
}

/**
 * A page of people in the order users read them (organization by organization
 * down the tree, then by name): the organizations are walked in path order and
 * only their people are read, stopping once the page is full. A page costs
 * what it shows, not the size of the subtree, and each query is simple enough
 * that the planner cannot get it wrong under row-level security.
 *
 * A name search reads each organization's matches in name order from
 * people_org_name_idx, at most what the page still needs: a prefix that 60,000
 * share costs a page, not a sort of them all. (The database collates in C
 * byte order, where ~<~ is the order of `order by name`.) Other lists read an
 * organization's people through people_org_idx (org, member status).
 */
async function walkPage(tx: Tx, f: Filters, offset: number, limit: number): Promise<PersonRow[]> {
  const person = sql.join(f.person, sql` and `);
  const rows: PersonRow[] = [];
  for await (const ids of orgChunks(tx, f, PAGE_CHUNK)) {
    const wanted = offset + limit - rows.length;
    const page = f.nameSearch
      ? sql`select ${COLUMNS}
              from unnest(${bigintArray(ids)}) with ordinality as w(org_id, n)
              cross join lateral (select * from people p where p.org_id = w.org_id and ${person} order by p.name using ~<~, p.id limit ${wanted}) p
              join organizations o on o.id = p.org_id
              left join development_cases c on c.person_id = p.id and c.status = 'in_progress'
             order by w.n, p.name using ~<~, p.id limit ${wanted}`
      : sql`${SELECT} where p.org_id = any(${bigintArray(ids)}) and ${person} order by o.path, p.name, p.id limit ${wanted}`;
    rows.push(...(await query<PersonRow>(tx, page)));
    if (rows.length >= offset + limit) break;
  }
  return rows.slice(offset, offset + limit);
}

/**
 * How a name search is answered in bounded work, whatever the prefix:
 *  - a subtree of up to SEARCH_WALK_ORGS organizations (any county) is walked
 *    like the list (walkPage, walkCount): organizations in path order, each
 *    one's matches from the (org, name) index, a page's worth at most;
 *  - in a larger subtree the name index is probed for up to COUNT_CAP + 1
 *    matches: so few are sorted whole (plainQuery, a rare name found at once);
 *    more (a common prefix: dense, a page fills from the first organizations)
 *    are walked too.
 * Sorting every match of a common prefix (60,000 for one surname) is what
 * held the embedded database for seconds and stalled every other request.
 */
type SearchPlan = { walk: true; moreThanCap: boolean } | { walk: false };
const SEARCH_WALK_ORGS = 4096;

function searchPlan(tx: Tx, f: Filters): Promise<SearchPlan> {
  f.plan ??= (async (): Promise<SearchPlan> => {
    const root = subtreeRoot(f);
    const [orgs] = await query<{ n: number }>(
      tx,
      sql`select count(*)::int as n from (select 1 from organizations o
            where o.path >= ${root} and o.path <= ${root} || 'z'::ltree and o.path <@ ${root} limit ${SEARCH_WALK_ORGS + 1}) x`,
    );
    if (orgs!.n <= SEARCH_WALK_ORGS) return { walk: true, moreThanCap: false };
    const [matches] = await query<{ n: number }>(
      tx,
      sql`select count(*)::int as n from (select 1 from people p where ${sql.join(f.person, sql` and `)} limit ${COUNT_CAP + 1}) x`,
    );
    if (matches!.n <= COUNT_CAP) return { walk: false };
    // Every match the probe saw is in the caller's scope; without an organization or sector that is the list.
    return { walk: true, moreThanCap: f.root === null && f.org.length === 0 };
  })();
  return f.plan;
}

/** How many people the walk finds, stopping past `cap`. */
async function walkCount(tx: Tx, f: Filters, cap: number): Promise<number> {
  const person = sql.join(f.person, sql` and `);
  let n = 0;
  for await (const ids of orgChunks(tx, f, COUNT_CHUNK)) {
    const [r] = await query<{ n: number }>(tx, sql`select count(*)::int as n from (select 1 from people p where p.org_id = any(${bigintArray(ids)}) and ${person} limit ${cap + 1 - n}) x`);
    n += r!.n;
    if (n > cap) break;
  }
  return n;
}

export async function listPeople(tx: Tx, q: ListQuery, rules: Rules, page?: { offset: number; limit: number }) {
  return listFiltered(tx, q, await peopleFilters(tx, q, rules), page);
}

/** A page of the list and its total, the filters (and the subtree root) resolved once. */
export async function peoplePage(tx: Tx, q: ListQuery, rules: Rules, page: { offset: number; limit: number }) {
  const f = await peopleFilters(tx, q, rules);
  return { items: await listFiltered(tx, q, f, page), ...(await countFiltered(tx, q, f, COUNT_CAP)) };
}

async function listFiltered(tx: Tx, q: ListQuery, f: Filters, page?: { offset: number; limit: number }) {
  const walk = page && (!q.q || (f.nameSearch && (await searchPlan(tx, f)).walk));
  const rows = walk
    ? await walkPage(tx, f, page.offset, page.limit)
    : await query<PersonRow>(tx, sql`${plainQuery(f)} order by o.path, p.name, p.id ${page ? sql`offset ${page.offset} limit ${page.limit}` : sql``}`);
  const on = today();
  return rows.map((r) => toItem(r, on));
}

/** Above this many, a list's total is given as "more than" instead of counted (the dashboards have the exact figures). */
export const COUNT_CAP = 2_000;

/**
 * The number of people a list holds. Exact from the rollups when the filters
 * are ones the rollups keep (everyone or members of a subtree, by gender or
 * students); else counted up to COUNT_CAP, so a province-wide filtered list
 * never counts millions of rows to draw its pager.
 */
export async function countPeople(tx: Tx, q: ListQuery, rules: Rules, cap = COUNT_CAP): Promise<{ total: number; totalIsLowerBound: boolean }> {
  return countFiltered(tx, q, await peopleFilters(tx, q, rules), cap);
}

async function countFiltered(tx: Tx, q: ListQuery, f: Filters, cap: number): Promise<{ total: number; totalIsLowerBound: boolean }> {
  const metric = rollupMetric(q);
  if (metric && q.under) {
    const [r] = await query<{ n: number }>(tx, sql`select coalesce(max(value), 0)::int as n from org_rollups where org_id = ${q.under} and metric = ${metric}`);
    if (r) return { total: r.n, totalIsLowerBound: false };
  }
  const plan = f.nameSearch ? await searchPlan(tx, f) : null;
  if (plan?.walk && plan.moreThanCap && cap <= COUNT_CAP) return { total: cap, totalIsLowerBound: true };
  const n =
    q.q && !plan?.walk ? (await query<{ n: number }>(tx, sql`select count(*)::int as n from (${plainQuery(f, true)} limit ${cap + 1}) x`))[0]!.n : await walkCount(tx, f, cap);
  return n > cap ? { total: cap, totalIsLowerBound: true } : { total: n, totalIsLowerBound: false };
}

/** The rollup metric that equals the list's count, when there is one (see org_rollups in db/schema.ts). */
function rollupMetric(q: ListQuery): string | null {
  if (q.q || q.sector || q.memberStatus || q.ageFrom !== undefined || q.ageTo !== undefined) return null;
  const prefix = q.kind === 'member' ? 'members' : q.kind === 'all' || q.kind === undefined ? 'people' : null;
  if (!prefix) return null;
  if (q.gender && q.isStudent !== undefined) return null;
  if (q.gender) return `${prefix}:${q.gender}`;
  if (q.isStudent === true) return `${prefix}:students`;
  if (q.isStudent === false) return null;
  return `${prefix}:total`;
}

async function loadRow(tx: Tx, id: number): Promise<PersonRow> {
  const [row] = await query<PersonRow>(tx, sql`${SELECT} where p.id = ${id}`);
  if (!row) throw notFound('人员');
  return row;
}

export async function getPerson(tx: Tx, user: SessionUser, id: number): Promise<api.PersonDetail> {
  const r = await loadRow(tx, id);
  const sensitive = hasPermission(user.role, 'person:sensitive');
  return {
    ...toItem(r, today()),
    orgType: r.org_type as api.PersonDetail['orgType'],
    phone: r.phone ? (sensitive ? r.phone : maskPhone(r.phone)) : null,
    occupation: r.occupation,
    registryStatus: r.registry_status,
    leftOn: r.left_on,
    leftReason: r.left_reason,
    pioneerJoinedOn: r.pioneer_joined_on,
    partyJoinedOn: r.party_joined_on,
    version: r.version,
    openCaseId: r.open_case_id === null ? null : Number(r.open_case_id),
    lastCaseId: await lastCaseId(tx, id),
    can: {
      edit: hasPermission(user.role, 'person:write'),
      revealId: sensitive,
      startDevelopment: hasPermission(user.role, 'development:write') && r.member_status === null && r.open_case_id === null,
    },
  };
}

async function lastCaseId(tx: Tx, personId: number): Promise<number | null> {
  const [r] = await query<{ id: number }>(tx, sql`select id from development_cases where person_id = ${personId} order by id desc limit 1`);
  return r ? Number(r.id) : null;
}

/** Reveals a full ID number and records that it was seen. */
export async function revealIdNumber(tx: Tx, id: number): Promise<string> {
  const r = await loadRow(tx, id);
  await tx.execute(sql`select tj_audit_event('view_sensitive', 'people', ${String(id)}, ${r.org_id}, ${JSON.stringify({ field: 'id_number', name: r.name })}::jsonb)`);
  return r.id_number;
}

/** Where an ID is already registered, as a sentence the caller may read (no names outside scope). */
export function duplicateMessage(loc: { org_name: string | null; in_scope: boolean }): string {
  return loc.in_scope
    ? `该身份证号已在“${loc.org_name}”登记，每人只能登记一次`
    : '该身份证号已在其他团组织登记（不在您的管理范围内），请联系上级团委核实';
}

export interface PersonInput {
  name: string;
  gender: 'male' | 'female';
  idNumber: string;
  ethnicity: string;
  education?: string | null;
  politicalStatus: string;
  phone?: string | null;
  occupation?: string | null;
  isStudent?: boolean;
  grade?: string | null;
  orgId: number;
  pioneerJoinedOn?: string | null;
  memberNo?: string | null;
  joinedOn?: string | null;
}

/** Every rule a new registry record must satisfy, as [field, message] pairs (shared by the form and the import). */
export function personProblems(p: PersonInput, rules: Rules, on: string, org: { type: string; status: string } | null, opts = { admission: true }): [string, string][] {
  const problems: [string, string][] = [];
  const parsed = parseIdCard(p.idNumber, on);
  if (!parsed.ok) {
    problems.push(['idNumber', parsed.reason]);
  } else {
    if (parsed.info.gender !== p.gender) problems.push(['gender', `性别与身份证号不符（身份证号显示为${parsed.info.gender === 'male' ? '男' : '女'}）`]);
    const age = ageOn(parsed.info.birthDate, on);
    if (age < rules.ages.youthMin || age > rules.ages.youthMax) {
      problems.push(['idNumber', `年龄${age}周岁，不在青年范围（${rules.ages.youthMin}—${rules.ages.youthMax}周岁）内`]);
    }
    if (p.memberNo && age >= rules.ages.memberMax + 1) problems.push(['memberNo', `已满${rules.ages.memberMax}周岁，应办理超龄离团，不能登记为团员`]);
    // 发展团员编号 and the joining age, as the national system checks them (the one validator of every path).
    if (opts.admission && p.joinedOn && p.joinedOn <= on) {
      problems.push(...memberAdmissionProblems({ birthDate: parsed.info.birthDate, joinedOn: p.joinedOn, memberNo: p.memberNo ?? null }, rules));
    }
  }
  if (p.memberNo && !p.joinedOn) problems.push(['joinedOn', '登记团员须填写入团时间']);
  if (p.joinedOn && !p.memberNo) problems.push(['memberNo', '填写了入团时间的须填写团员编号']);
  if (p.joinedOn && p.joinedOn > on) problems.push(['joinedOn', '入团时间不能晚于今天']);
  if (p.memberNo && p.politicalStatus !== POLITICAL.leagueMember && p.politicalStatus !== POLITICAL.partyMember && p.politicalStatus !== POLITICAL.probationaryPartyMember) {
    problems.push(['politicalStatus', '团员的政治面貌应为共青团员（或中共党员、预备党员）']);
  }
  if (org) {
    if (org.status !== 'active') problems.push(['orgId', '所在组织已撤销']);
    else if (p.memberNo && !isBranchType(org.type as never)) problems.push(['orgId', '团员须编入团支部（或联合团支部）']);
  }
  return problems;
}

export async function createPerson(tx: Tx, input: PersonInput, rules: Rules): Promise<number> {
  const org = await loadOrg(tx, input.orgId).catch(() => {
    throw new HttpError(404, 'not_found', '所在组织不存在或不在您的管理范围内', 'orgId');
  });
  const idNumber = input.idNumber.trim().toUpperCase();
  const problems = personProblems({ ...input, idNumber }, rules, today(), org);
  if (problems.length) throw new DomainError('invalid_person', problems.map(([, m]) => m).join('；'), problems[0]![0]);
  const [loc] = await query<{ org_name: string | null; in_scope: boolean }>(tx, sql`select * from tj_person_location(${idNumber})`);
  if (loc) throw new DomainError('duplicate_id', duplicateMessage(loc), 'idNumber', 409);
  const birthDate = idCardBirthDate(idNumber);
  const [row] = await tx
    .insert(people)
    .values({
      orgId: input.orgId,
      name: input.name,
      gender: input.gender,
      idNumber,
      birthDate,
      ethnicity: input.ethnicity,
      education: input.education ?? null,
      politicalStatus: input.politicalStatus,
      phone: input.phone ?? null,
      occupation: input.occupation ?? null,
      isStudent: input.isStudent ?? false,
      grade: input.grade ?? null,
      pioneerJoinedOn: input.pioneerJoinedOn ?? null,
      memberNo: input.memberNo ?? null,
      joinedOn: input.joinedOn ?? null,
      memberStatus: input.memberNo ? 'active' : null,
    })
    .returning({ id: people.id });
  return row!.id;
}

export async function updatePerson(tx: Tx, id: number, input: api.BodyOf<typeof api.people.updatePerson>, rules: Rules) {
  const current = await loadRow(tx, id);
  if (input.version !== current.version) throw new DomainError('stale', '该人员信息已被他人修改，请刷新后再编辑', 'version', 409);
  const merged: PersonInput = {
    name: input.name ?? current.name,
    gender: input.gender ?? current.gender,
    idNumber: (input.idNumber ?? current.id_number).toUpperCase(),
    ethnicity: input.ethnicity ?? current.ethnicity,
    education: input.education === undefined ? current.education : input.education,
    politicalStatus: input.politicalStatus ?? current.political_status,
    orgId: Number(current.org_id),
    memberNo: current.member_status === 'active' ? current.member_no : null,
    joinedOn: current.member_status === 'active' ? current.joined_on : null,
  };
  // Number and joining date are not edited here: a record kept from before is not refused for them.
  const problems = personProblems(merged, rules, today(), null, { admission: false }).filter(([f]) => f !== 'memberNo');
  if (problems.length) throw new DomainError('invalid_person', problems.map(([, m]) => m).join('；'), problems[0]![0]);
  if (merged.idNumber !== current.id_number) {
    const [loc] = await query<{ org_name: string | null; in_scope: boolean }>(tx, sql`select * from tj_person_location(${merged.idNumber})`);
    if (loc) throw new DomainError('duplicate_id', duplicateMessage(loc), 'idNumber', 409);
  }
  const birthDate = idCardBirthDate(merged.idNumber);
  const { version: _v, ...changes } = input;
  await tx
    .update(people)
    .set({ ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)), idNumber: merged.idNumber, birthDate, version: current.version + 1 })
    .where(sql`id = ${id}`);
}
