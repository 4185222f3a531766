import { sql, type SQL } from 'drizzle-orm';
import {
  STAFFED_ORG_TYPES,
  ageOn,
  api,
  maskIdCard,
  maskPhone,
  matchesFacet,
  type CadreGrade,
  type OrgType,
  type Rules,
  type Sector,
  type StructureFacet,
} from '@tuanjian/domain';
import type { z } from 'zod';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import { loadOrg } from '../organizations/service.js';

/*
 * Shared reads of the cadre module. Invariant kept by the writes: a cadre's
 * record is registered at the organization of each of its posts or below it,
 * so whoever sees a post also sees its holder's record.
 */

export const ids = (xs: (number | string)[]) => sql`${`{${xs.map(Number).join(',')}}`}::bigint[]`;
export const n = (x: number | string | null): number | null => (x === null ? null : Number(x));

export interface CadreRow {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  person_id: number | null;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  birth_date: string;
  ethnicity: string;
  education: string | null;
  political_status: string;
  phone: string | null;
  work_unit: string | null;
  establishment: 'inside' | 'outside';
  civil_servant: boolean;
  local_resident: boolean;
  version: number;
}

export const CADRE_SELECT = sql`
  select c.id, c.org_id, o.name as org_name, o.path::text as org_path, c.person_id, c.name, c.gender, c.id_number,
         c.birth_date::text as birth_date, c.ethnicity, c.education, c.political_status, c.phone, c.work_unit,
         c.establishment, c.civil_servant, c.local_resident, c.version
    from cadres c join organizations o on o.id = c.org_id`;

/** One cadre visible to the caller, or 404 (named after the input field when given). */
export async function loadCadre(tx: Tx, id: number, field?: string): Promise<CadreRow> {
  const [row] = await query<CadreRow>(tx, sql`${CADRE_SELECT} where c.id = ${id}`);
  if (!row) throw field ? new HttpError(404, 'not_found', '所选团干部不存在或不在您的管理范围内', field) : notFound('团干部');
  return row;
}

export async function loadCadres(tx: Tx, cadreIds: number[]): Promise<CadreRow[]> {
  if (!cadreIds.length) return [];
  return query<CadreRow>(tx, sql`${CADRE_SELECT} where c.id = any(${ids(cadreIds)})`);
}

/** Loads an organization for an input field: invisible or unknown answers 404 naming the field. */
export async function loadOrgRef(tx: Tx, id: number, field: string, what = '组织') {
  return loadOrg(tx, id).catch(() => {
    throw new HttpError(404, 'not_found', `所选${what}不存在或不在您的管理范围内`, field);
  });
}

export interface PostRow {
  id: number;
  cadre_id: number;
  cadre_name: string;
  org_id: number;
  org_name: string;
  title: api.cadres.PostItem['title'];
  employment: api.cadres.PostItem['employment'];
  start_on: string;
  end_on: string | null;
  end_reason: string | null;
  on_duty: boolean;
  source: api.cadres.PostItem['source'];
  election_id: number | null;
}

export const POST_SELECT = sql`
  select p.id, p.cadre_id, c.name as cadre_name, p.org_id, o.name as org_name, p.title, p.employment, p.start_on::text as start_on,
         p.end_on::text as end_on, p.end_reason, p.on_duty, p.source, p.election_id
    from cadre_posts p join organizations o on o.id = p.org_id join cadres c on c.id = p.cadre_id`;

export const toPostItem = (r: PostRow): api.cadres.PostItem => ({
  id: Number(r.id),
  cadreId: Number(r.cadre_id),
  cadreName: r.cadre_name,
  orgId: Number(r.org_id),
  orgName: r.org_name,
  title: r.title,
  employment: r.employment,
  startOn: r.start_on,
  endOn: r.end_on,
  endReason: r.end_reason,
  onDuty: r.on_duty,
  source: r.source,
  electionId: n(r.election_id),
});

export async function loadPost(tx: Tx, id: number): Promise<PostRow> {
  const [row] = await query<PostRow>(tx, sql`${POST_SELECT} where p.id = ${id}`);
  if (!row) throw notFound('任职记录');
  return row;
}

/** Current posts (visible ones) of the given cadres, by cadre. */
export async function currentPostsOf(tx: Tx, cadreIds: number[]): Promise<Map<number, api.cadres.CadreItem['posts']>> {
  const map = new Map<number, api.cadres.CadreItem['posts']>();
  if (!cadreIds.length) return map;
  const rows = await query<PostRow>(tx, sql`${POST_SELECT} where p.end_on is null and p.cadre_id = any(${ids(cadreIds)}) order by o.path, p.title`);
  for (const r of rows) {
    const list = map.get(Number(r.cadre_id)) ?? [];
    list.push({ id: Number(r.id), orgId: Number(r.org_id), orgName: r.org_name, title: r.title, employment: r.employment, startOn: r.start_on, onDuty: r.on_duty });
    map.set(Number(r.cadre_id), list);
  }
  return map;
}

/** Grade of each cadre's latest closed appraisal (visible score rows). */
export async function latestGrades(tx: Tx, cadreIds: number[]): Promise<Map<number, CadreGrade>> {
  if (!cadreIds.length) return new Map();
  const rows = await query<{ cadre_id: number; grade: CadreGrade }>(
    tx,
    sql`select distinct on (s.cadre_id) s.cadre_id, s.grade from appraisal_scores s
         where s.grade is not null and s.cadre_id = any(${ids(cadreIds)}) order by s.cadre_id, s.updated_at desc, s.id desc`,
  );
  return new Map(rows.map((r) => [Number(r.cadre_id), r.grade]));
}

export function toCadreItem(r: CadreRow, posts: api.cadres.CadreItem['posts'], grade: CadreGrade | null, on: string, onDuty?: boolean): api.cadres.CadreItem {
  return {
    id: Number(r.id),
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    age: ageOn(r.birth_date, on),
    idNumberMasked: maskIdCard(r.id_number),
    ethnicity: r.ethnicity,
    education: r.education,
    politicalStatus: r.political_status,
    phoneMasked: r.phone ? maskPhone(r.phone) : null,
    workUnit: r.work_unit,
    establishment: r.establishment,
    civilServant: r.civil_servant,
    localResident: r.local_resident,
    orgId: Number(r.org_id),
    orgName: r.org_name,
    personId: n(r.person_id),
    posts,
    onDuty: onDuty ?? posts.some((p) => p.onDuty),
    latestGrade: grade,
  };
}

export async function toCadreItems(tx: Tx, rows: CadreRow[], on: string, onDuty?: Map<number, boolean>): Promise<api.cadres.CadreItem[]> {
  const cadreIds = rows.map((r) => Number(r.id));
  const posts = await currentPostsOf(tx, cadreIds);
  const grades = await latestGrades(tx, cadreIds);
  return rows.map((r) => toCadreItem(r, posts.get(Number(r.id)) ?? [], grades.get(Number(r.id)) ?? null, on, onDuty?.get(Number(r.id))));
}

/* ------------------------------------------------------------ cadre sets */

export interface SetFilters {
  under?: number;
  title?: string;
  employment?: string;
  orgType?: OrgType;
  sectors?: Sector[];
  onDuty?: boolean;
}

/** The subtree to work in: the given organization, or the caller's whole scope. */
export async function subtreeCondition(tx: Tx, orgId: number | undefined, alias: string): Promise<SQL> {
  if (!orgId) return sql`true`;
  const org = await loadOrg(tx, orgId);
  return sql`${sql.raw(alias)}.path <@ ${org.path}::ltree`;
}

/** Which posts a set is made of: the current ones, or those held on the day before each organization's current term began (对比上届). */
export type HeldAt = 'now' | 'previousTerm';

export interface SetHolders {
  /** Each holder: serving in at least one of the set's posts, and the day the set is counted on for them (null: today). */
  byCadre: Map<number, { onDuty: boolean; heldOn: string | null }>;
  /** Cadres per kind of employment (a cadre counts once per kind of post held). */
  byEmployment: Map<string, number>;
  /** Organizations with a holder in the set. */
  orgs: number;
}

/**
 * The cadres holding a post of the set under an organization (matching the post filters), and with onDuty the ones
 * serving (or not) in at least one of those posts: the set behind 在岗率 and the structure figures. The previous term
 * reads the posts' history (start and end dates) on the day before the organization's latest recorded term began, so
 * organizations without a recorded term have no previous holders.
 */
export async function setHolders(tx: Tx, f: SetFilters, at: HeldAt = 'now'): Promise<SetHolders> {
  const conds: SQL[] = [sql`po.status = 'active'`, await subtreeCondition(tx, f.under, 'po')];
  if (f.title) conds.push(sql`p.title = ${f.title}`);
  if (f.employment) conds.push(sql`p.employment = ${f.employment}`);
  if (f.orgType) conds.push(sql`po.type = ${f.orgType}`);
  if (f.sectors?.length) conds.push(sql`po.sector = any(${`{${f.sectors.join(',')}}`}::text[])`);
  const rows = await query<{ cadre_id: number; org_id: number; employment: string; on_duty: boolean; held_on: string | null }>(
    tx,
    at === 'now'
      ? sql`select p.cadre_id, p.org_id, p.employment, p.on_duty, null as held_on
              from cadre_posts p join organizations po on po.id = p.org_id
             where p.end_on is null and ${sql.join(conds, sql` and `)}`
      : sql`select p.cadre_id, p.org_id, p.employment, p.on_duty, (ct.started_on - 1)::text as held_on
              from cadre_posts p join organizations po on po.id = p.org_id
              join lateral (select max(t.started_on) as started_on from committee_terms t where t.org_id = p.org_id) ct on ct.started_on is not null
             where p.start_on < ct.started_on and (p.end_on is null or p.end_on >= ct.started_on) and ${sql.join(conds, sql` and `)}`,
  );
  const cadres = new Map<number, { onDuty: boolean; heldOn: string | null }>();
  const employment = new Map<string, boolean>();
  for (const r of rows) {
    const id = Number(r.cadre_id);
    const c = cadres.get(id);
    cadres.set(id, { onDuty: (c?.onDuty ?? false) || r.on_duty, heldOn: c?.heldOn && r.held_on && c.heldOn < r.held_on ? c.heldOn : r.held_on });
    const key = `${r.employment}|${id}`;
    employment.set(key, (employment.get(key) ?? false) || r.on_duty);
  }
  const keep = (onDuty: boolean) => f.onDuty === undefined || onDuty === f.onDuty;
  const byCadre = new Map([...cadres].filter(([, c]) => keep(c.onDuty)));
  const byEmployment = new Map<string, number>();
  for (const [key, onDuty] of employment) {
    const kind = key.slice(0, key.indexOf('|'));
    if (keep(onDuty)) byEmployment.set(kind, (byEmployment.get(kind) ?? 0) + 1);
  }
  return { byCadre, byEmployment, orgs: new Set(rows.filter((r) => byCadre.has(Number(r.cadre_id))).map((r) => Number(r.org_id))).size };
}

/** The current holders of a set, each with whether they serve (see setHolders). */
export async function holderSet(tx: Tx, f: SetFilters): Promise<Map<number, boolean>> {
  const { byCadre } = await setHolders(tx, f);
  return new Map([...byCadre].map(([id, c]) => [id, c.onDuty]));
}

export type CadreListFilters = SetFilters & StructureFacet & { q?: string; withoutPost?: boolean; on?: string; program?: string };

/** The cadres of a list or export: the holder set (or records without a post), narrowed by facets and name. */
export async function cadreSet(tx: Tx, f: CadreListFilters, rules: Rules, on: string): Promise<{ rows: CadreRow[]; onDuty: Map<number, boolean> }> {
  let rows: CadreRow[];
  let onDuty = new Map<number, boolean>();
  if (f.withoutPost) {
    const where = await subtreeCondition(tx, f.under, 'o');
    rows = await query<CadreRow>(
      tx,
      sql`${CADRE_SELECT} where ${where} and not exists (select 1 from cadre_posts p where p.cadre_id = c.id and p.end_on is null)`,
    );
  } else {
    onDuty = await holderSet(tx, f);
    rows = await loadCadres(tx, [...onDuty.keys()]);
  }
  const term = f.q?.trim().toUpperCase();
  // 专项计划 (西部计划…): only the cadres flagged with the programme (service_program_flags, migration 0036).
  const flagged = f.program
    ? new Set((await query<{ cadre_id: number }>(tx, sql`select cadre_id from service_program_flags where cadre_id is not null and program = ${f.program}`)).map((x) => Number(x.cadre_id)))
    : null;
  rows = rows.filter((r) => {
    if (flagged && !flagged.has(Number(r.id))) return false;
    if (term && !(/^\d{17}[\dX]$/.test(term) ? r.id_number === term : r.name.startsWith(f.q!.trim()))) return false;
    return matchesFacet(
      { birthDate: r.birth_date, gender: r.gender, education: r.education, politicalStatus: r.political_status, establishment: r.establishment, civilServant: r.civil_servant },
      f,
      on,
      rules,
    );
  });
  rows.sort((a, b) => (a.org_path < b.org_path ? -1 : a.org_path > b.org_path ? 1 : a.name.localeCompare(b.name, 'zh-CN') || Number(a.id) - Number(b.id)));
  return { rows, onDuty };
}

/* ------------------------------------------------------------ staffing */

export interface StaffingRow {
  id: number;
  name: string;
  type: OrgType;
  sector: Sector;
  path: string;
  parent_name: string | null;
  secretary_id: number | null;
  secretary_name: string | null;
  secretary_on_duty: boolean | null;
  vacant_since: string | null;
}

/** Organizations that should have a secretary under `orgId`, with their current secretary. */
export async function staffingRows(tx: Tx, orgId: number, f: { orgType?: OrgType; sectors?: Sector[] }): Promise<StaffingRow[]> {
  const org = await loadOrg(tx, orgId);
  const conds: SQL[] = [sql`o.status = 'active'`, sql`o.path <@ ${org.path}::ltree`, sql`o.type = any(${`{${STAFFED_ORG_TYPES.join(',')}}`}::text[])`];
  if (f.orgType) conds.push(sql`o.type = ${f.orgType}`);
  if (f.sectors?.length) conds.push(sql`o.sector = any(${`{${f.sectors.join(',')}}`}::text[])`);
  return query<StaffingRow>(
    tx,
    sql`select o.id, o.name, o.type, o.sector, o.path::text as path,
               (select pp.name from organizations pp where pp.id = o.parent_id) as parent_name,
               s.cadre_id as secretary_id, c.name as secretary_name, s.on_duty as secretary_on_duty,
               case when s.cadre_id is null then
                 (select max(p2.end_on)::text from cadre_posts p2 where p2.org_id = o.id and p2.title = 'secretary') end as vacant_since
          from organizations o
          left join lateral (select p.cadre_id, p.on_duty from cadre_posts p
                              where p.org_id = o.id and p.title = 'secretary' and p.end_on is null
                              order by p.start_on desc, p.id desc limit 1) s on true
          left join cadres c on c.id = s.cadre_id
         where ${sql.join(conds, sql` and `)}
         order by o.path`,
  );
}

export type StaffingOrg = z.infer<typeof api.cadres.staffingOrg>;

export const toStaffingOrg = (r: StaffingRow): StaffingOrg => ({
  orgId: Number(r.id),
  orgName: r.name,
  type: r.type,
  sector: r.sector,
  parentName: r.parent_name,
  secretaryId: n(r.secretary_id),
  secretaryName: r.secretary_name,
  secretaryOnDuty: r.secretary_on_duty,
  vacantSince: r.vacant_since,
});
