import { sql } from 'drizzle-orm';
import {
  CADRE_EMPLOYMENTS,
  DomainError,
  ELECTED_ORG_TYPES,
  ORG_TYPE_LABELS,
  SECTORS,
  TERM_STATUSES,
  ageOn,
  analyzeStructure,
  api,
  checkComposition,
  describePattern,
  onDutyRate,
  staffingRate,
  termState,
  termYearsFor,
  type CadreEmployment,
  type ElectionStep,
  type OrgType,
  type PostHolder,
  type Rules,
  type Sector,
  type TermStatus,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { committeeTerms } from '../../db/schema.js';
import { query } from '../../db/sql.js';
import { today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';
import { rateFigures, rateKey, sectorRates, structureFigures } from './figures.js';
import { loadCadres, loadOrgRef, n, setHolders, staffingRows, subtreeCondition, toStaffingOrg, type HeldAt, type SetFilters } from './common.js';

/* 配备率, 在岗率, structure, composition and terms for a subtree. */

/** 配备率 and 在岗率 of a subtree, by child and by sector: from the kept figures (cad:*), or with `plain` (or several sectors) live from the posts. */
export async function rates(tx: Tx, q: api.QueryOf<typeof api.cadres.getRates>, opts: { plain?: boolean } = {}) {
  const key = rateKey(q);
  if (opts.plain || key === null) return ratesPlain(tx, q);
  const org = await loadOrg(tx, q.orgId);
  const children = await childOrgs(tx, Number(org.id));
  const of = await rateFigures(tx, [Number(org.id), ...children.map((c) => Number(c.id))], key);
  return {
    org: { id: Number(org.id), name: org.name },
    on: today(),
    ...of(Number(org.id)),
    children: children.map((c) => ({ orgId: Number(c.id), orgName: c.name, ...of(Number(c.id)) })).filter((c) => c.staffing.denominator > 0 || c.onDuty.denominator > 0),
    bySector: await sectorRates(tx, Number(org.id), q.orgType, q.sectors),
  };
}

const childOrgs = (tx: Tx, orgId: number) =>
  query<{ id: number; name: string; path: string }>(
    tx,
    sql`select id, name, path::text as path from organizations where parent_id = ${orgId} and status = 'active' order by sort_order, type, id`,
  );

async function ratesPlain(tx: Tx, q: api.QueryOf<typeof api.cadres.getRates>) {
  const org = await loadOrg(tx, q.orgId);
  const orgs = await staffingRows(tx, q.orgId, q);
  const posts = await query<{ cadre_id: number; on_duty: boolean; path: string; sector: Sector }>(
    tx,
    sql`select p.cadre_id, p.on_duty, po.path::text as path, po.sector
          from cadre_posts p join organizations po on po.id = p.org_id
         where p.end_on is null and po.status = 'active' and po.path <@ ${org.path}::ltree
           ${q.orgType ? sql`and po.type = ${q.orgType}` : sql``}
           ${q.sectors?.length ? sql`and po.sector = any(${`{${q.sectors.join(',')}}`}::text[])` : sql``}`,
  );
  const dutyOf = (rows: typeof posts) => {
    const m = new Map<number, boolean>();
    for (const p of rows) m.set(Number(p.cadre_id), (m.get(Number(p.cadre_id)) ?? false) || p.on_duty);
    return [...m.values()].map((onDuty) => ({ onDuty }));
  };
  const children = await childOrgs(tx, Number(org.id));
  const within = (path: string, root: string) => path === root || path.startsWith(`${root}.`);
  return {
    org: { id: Number(org.id), name: org.name },
    on: today(),
    staffing: staffingRate(orgs.map((o) => ({ hasSecretary: o.secretary_id !== null }))),
    onDuty: onDutyRate(dutyOf(posts)),
    children: children
      .map((c) => ({
        orgId: Number(c.id),
        orgName: c.name,
        staffing: staffingRate(orgs.filter((o) => within(o.path, c.path)).map((o) => ({ hasSecretary: o.secretary_id !== null }))),
        onDuty: onDutyRate(dutyOf(posts.filter((p) => within(p.path, c.path)))),
      }))
      .filter((c) => c.staffing.denominator > 0 || c.onDuty.denominator > 0),
    bySector: SECTORS.map((sector) => ({
      sector,
      staffing: staffingRate(orgs.filter((o) => o.sector === sector).map((o) => ({ hasSecretary: o.secretary_id !== null }))),
      onDuty: onDutyRate(dutyOf(posts.filter((p) => p.sector === sector))),
    })).filter((x) => x.staffing.denominator > 0 || x.onDuty.denominator > 0),
  };
}

export async function staffingList(tx: Tx, q: api.QueryOf<typeof api.cadres.listStaffing>) {
  const rows = await staffingRows(tx, q.orgId, q);
  return rows.filter((r) => q.staffed === undefined || (r.secretary_id !== null) === q.staffed).map(toStaffingOrg);
}

/**
 * Structure of a set of cadres on a date, and with compare its previous term. The default set (a subtree's
 * current holders, no other filter) is read from the kept figures; a chosen set (post, employment, type,
 * sectors, on duty) or `plain` is computed live from the posts.
 */
export async function structure(tx: Tx, q: SetFilters & { on?: string; compare?: boolean }, rules: Rules, opts: { plain?: boolean } = {}) {
  const on = q.on ?? today();
  const chosen = q.title || q.employment || q.orgType || q.sectors?.length || q.onDuty !== undefined;
  if (!opts.plain && q.under && !chosen) {
    const org = await loadOrg(tx, q.under);
    const now = await structureFigures(tx, Number(org.id), 'now', on, rules);
    return { on, ...now, previous: q.compare ? await structureFigures(tx, Number(org.id), 'previousTerm', on, rules) : null };
  }
  const now = await structureOf(tx, q, 'now', on, rules);
  return { on, ...now, previous: q.compare ? await structureOf(tx, q, 'previousTerm', on, rules) : null };
}

/** Structure figures of a set's holders, now or in the previous term (ages on the day each is counted). */
async function structureOf(tx: Tx, q: SetFilters, at: HeldAt, on: string, rules: Rules) {
  const set = await setHolders(tx, q, at);
  const rows = await loadCadres(tx, [...set.byCadre.keys()]);
  const s = analyzeStructure(
    rows.map((r) => ({
      birthDate: r.birth_date,
      gender: r.gender,
      education: r.education,
      politicalStatus: r.political_status,
      establishment: r.establishment,
      civilServant: r.civil_servant,
      on: set.byCadre.get(Number(r.id))?.heldOn ?? undefined,
    })),
    on,
    rules,
  );
  const emp = (e: CadreEmployment) => set.byEmployment.get(e) ?? 0;
  return { ...s, orgs: set.orgs, byEmployment: CADRE_EMPLOYMENTS.map((e) => ({ employment: e, count: emp(e), share: s.total ? emp(e) / s.total : null })) };
}

/* ------------------------------------------------------------ composition */

interface HolderRow {
  id: number;
  cadre_id: number;
  cadre_name: string;
  org_id: number;
  org_name: string;
  title: PostHolder['title'];
  employment: PostHolder['employment'];
  start_on: string;
  on_duty: boolean;
  source: 'election' | 'selection' | 'appointment';
  election_id: number | null;
  birth_date: string;
  gender: 'male' | 'female';
  establishment: 'inside' | 'outside';
  political_status: string;
  education: string | null;
}

async function holdersOf(tx: Tx, orgIds: number[]): Promise<HolderRow[]> {
  if (!orgIds.length) return [];
  return query<HolderRow>(
    tx,
    sql`select p.id, p.cadre_id, c.name as cadre_name, p.org_id, o.name as org_name, p.title, p.employment, p.start_on::text as start_on,
               p.on_duty, p.source, p.election_id, c.birth_date::text as birth_date, c.gender, c.establishment, c.political_status, c.education
          from cadre_posts p join cadres c on c.id = p.cadre_id join organizations o on o.id = p.org_id
         where p.end_on is null and p.org_id = any(${`{${orgIds.join(',')}}`}::bigint[])
         order by array_position(array['secretary','deputy_secretary','organization_member','propaganda_member','member'], p.title), p.start_on, p.id`,
  );
}

const asHolder = (h: HolderRow): PostHolder => ({
  cadreId: Number(h.cadre_id),
  name: h.cadre_name,
  title: h.title,
  employment: h.employment,
  establishment: h.establishment,
  birthDate: h.birth_date,
  onDuty: h.on_duty,
});

export async function composition(tx: Tx, orgId: number, rules: Rules) {
  const org = await loadOrg(tx, orgId);
  const on = today();
  const holders = await holdersOf(tx, [org.id]);
  const result = checkComposition(org.type as OrgType, holders.map(asHolder), on, rules);
  return {
    org: { id: Number(org.id), name: org.name, type: org.type as OrgType },
    pattern: result.pattern,
    patternText: result.pattern ? describePattern(result.pattern) : null,
    holders: holders.map((h) => ({
      id: Number(h.id),
      cadreId: Number(h.cadre_id),
      cadreName: h.cadre_name,
      orgId: Number(h.org_id),
      orgName: h.org_name,
      title: h.title,
      employment: h.employment,
      startOn: h.start_on,
      endOn: null,
      endReason: null,
      onDuty: h.on_duty,
      source: h.source,
      electionId: n(h.election_id),
      age: ageOn(h.birth_date, on),
      gender: h.gender,
      establishment: h.establishment,
      politicalStatus: h.political_status,
      education: h.education,
    })),
    counts: result.counts,
    outsideShare: result.outsideShare,
    violations: result.violations,
  };
}

export async function compositionIssues(tx: Tx, q: { under?: number; severity?: 'error' | 'warning' }, rules: Rules) {
  const where = await subtreeCondition(tx, q.under, 'o');
  const orgs = await query<{ id: number; name: string; type: OrgType; parent_name: string | null }>(
    tx,
    sql`select o.id, o.name, o.type, (select pp.name from organizations pp where pp.id = o.parent_id) as parent_name
          from organizations o where o.status = 'active' and ${where} order by o.path`,
  );
  const holders = await holdersOf(tx, orgs.map((o) => Number(o.id)));
  const byOrg = new Map<number, HolderRow[]>();
  for (const h of holders) byOrg.set(Number(h.org_id), [...(byOrg.get(Number(h.org_id)) ?? []), h]);
  const on = today();
  const out = [];
  for (const o of orgs) {
    const r = checkComposition(o.type, (byOrg.get(Number(o.id)) ?? []).map(asHolder), on, rules);
    const violations = r.violations.filter((v) => !q.severity || v.severity === q.severity);
    if (!r.pattern || !violations.length) continue;
    out.push({
      orgId: Number(o.id),
      orgName: o.name,
      type: o.type,
      parentName: o.parent_name,
      patternText: describePattern(r.pattern),
      counts: r.counts,
      outsideShare: r.outsideShare,
      violations,
    });
  }
  return out;
}

/* ------------------------------------------------------------------ terms */

interface TermRow {
  id: number;
  name: string;
  type: OrgType;
  sector: Sector;
  graduation_year: number | null;
  parent_name: string | null;
  term_id: number | null;
  started_on: string | null;
  length_years: number | null;
  election_id: number | null;
  election_title: string | null;
  election_stage: ElectionStep | null;
}

export type TermItem = api.ResponseOf<typeof api.cadres.recordTerm>;

async function termRows(tx: Tx, where: ReturnType<typeof sql>): Promise<TermRow[]> {
  return query<TermRow>(
    tx,
    sql`select o.id, o.name, o.type, o.sector, o.graduation_year, (select pp.name from organizations pp where pp.id = o.parent_id) as parent_name,
               t.id as term_id, t.started_on::text as started_on, t.length_years, e.id as election_id, e.title as election_title, e.stage as election_stage
          from organizations o
          left join lateral (select id, started_on, length_years from committee_terms ct where ct.org_id = o.id order by ct.started_on desc, ct.id desc limit 1) t on true
          left join lateral (select id, title, stage from elections el where el.org_id = o.id and el.kind = 'election' and el.status = 'in_progress' order by el.id desc limit 1) e on true
         where o.status = 'active' and o.type = any(${`{${ELECTED_ORG_TYPES.join(',')}}`}::text[]) and ${where}
         order by o.path`,
  );
}

function toTermItem(r: TermRow, on: string, rules: Rules): TermItem {
  const term = r.started_on ? { startedOn: r.started_on, lengthYears: r.length_years! } : null;
  const state = termState(term, on, rules);
  return {
    orgId: Number(r.id),
    orgName: r.name,
    type: r.type,
    sector: r.sector,
    parentName: r.parent_name,
    termId: n(r.term_id),
    startedOn: r.started_on,
    lengthYears: r.length_years ?? termYearsFor({ type: r.type, isStudentClass: isStudentClass(r) }, rules),
    endsOn: state.endsOn,
    status: state.status,
    yearsOverdue: state.yearsOverdue,
    electionInProgress: r.election_id ? { id: Number(r.election_id), title: r.election_title!, stage: r.election_stage! } : null,
  };
}

/** A class branch of a school (students elect every year). */
export const isStudentClass = (o: { sector: string; graduation_year: number | null }) => o.sector === 'school' && o.graduation_year !== null;

export async function terms(tx: Tx, q: { under?: number; status?: TermStatus; orgType?: OrgType }, rules: Rules) {
  const where = await subtreeCondition(tx, q.under, 'o');
  const on = today();
  const all = (await termRows(tx, q.orgType ? sql`${where} and o.type = ${q.orgType}` : where)).map((r) => toTermItem(r, on, rules));
  const counts = Object.fromEntries(TERM_STATUSES.map((s) => [s, all.filter((t) => t.status === s).length])) as Record<TermStatus, number>;
  return { counts, items: q.status ? all.filter((t) => t.status === q.status) : all };
}

export async function recordTerm(tx: Tx, body: api.BodyOf<typeof api.cadres.recordTerm>, rules: Rules): Promise<TermItem> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId');
  const [row] = await termRows(tx, sql`o.id = ${org.id}`);
  if (org.status !== 'active') throw new DomainError('org_dissolved', '该组织已撤销', 'orgId');
  if (!row) throw new DomainError('not_elected', `${ORG_TYPE_LABELS[org.type as OrgType]}不进行换届选举`, 'orgId');
  if (body.startedOn > today()) throw new DomainError('term_refused', '本届开始日期不能晚于今天', 'startedOn');
  if (row.started_on && body.startedOn <= row.started_on) throw new DomainError('term_refused', `本届开始日期应晚于上一届（${row.started_on}）`, 'startedOn');
  const length = body.lengthYears ?? termYearsFor({ type: org.type as OrgType, isStudentClass: isStudentClass({ sector: org.sector, graduation_year: org.graduationYear }) }, rules)!;
  if (row.term_id) await tx.update(committeeTerms).set({ endedOn: body.startedOn }).where(sql`id = ${row.term_id} and ended_on is null`);
  await tx.insert(committeeTerms).values({ orgId: org.id, startedOn: body.startedOn, lengthYears: length });
  const [after] = await termRows(tx, sql`o.id = ${org.id}`);
  return toTermItem(after!, today(), rules);
}

export { staffingRows };
