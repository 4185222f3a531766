import { sql } from 'drizzle-orm';
import {
  cadreTitleLabel,
  postTitleProblem,
  DomainError,
  ORG_TYPE_LABELS,
  STAFFED_ORG_TYPES,
  ageOn,
  api,
  cadreEligibility,
  hasPermission,
  maskPhone,
  parseIdCard,
  qualificationProblems,
  type OrgType,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { cadrePosts, cadres } from '../../db/schema.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { today } from '../../lib/clock.js';
import {
  POST_SELECT,
  currentPostsOf,
  latestGrades,
  loadCadre,
  loadOrgRef,
  loadPost,
  n,
  toCadreItem,
  toPostItem,
  type CadreRow,
  type PostRow,
} from './common.js';

/* The cadre database: records, posts and their history. */

export async function cadreDetail(tx: Tx, user: SessionUser, id: number, rules: Rules): Promise<api.cadres.CadreDetail> {
  const r = await loadCadre(tx, id);
  const on = today();
  const posts = (await currentPostsOf(tx, [id])).get(id) ?? [];
  const grade = (await latestGrades(tx, [id])).get(id) ?? null;
  const history = await query<PostRow>(tx, sql`${POST_SELECT} where p.cadre_id = ${id} order by p.start_on desc, p.id desc`);
  const trainings = await query<{ training_id: number; title: string | null; kind: string | null; start_on: string | null; hours: number; year: number }>(
    tx,
    sql`select a.training_id, t.title, t.kind, t.start_on::text as start_on, a.hours,
               extract(year from coalesce(t.start_on, (a.created_at at time zone 'Asia/Shanghai')::date))::int as year
          from training_attendance a left join trainings t on t.id = a.training_id
         where a.cadre_id = ${id} order by coalesce(t.start_on, a.created_at::date) desc, a.id desc`,
  );
  const appraisals = await query<{ campaign_id: number; title: string | null; year: number | null; total: number | null; rank: number | null; grade: string | null }>(
    tx,
    sql`select s.campaign_id, c.title, c.year, s.total, s.rank, s.grade
          from appraisal_scores s left join appraisal_campaigns c on c.id = s.campaign_id
         where s.cadre_id = ${id} order by s.id desc`,
  );
  const liaisons = await query<{ id: number; role: string; target: string | null; since: string; until: string | null }>(
    tx,
    sql`select l.id, l.role, coalesce(o.name, pe.name) as target, l.since::text as since, l.until::text as until
          from liaisons l left join organizations o on o.id = l.target_org_id left join people pe on pe.id = l.target_person_id
         where l.cadre_id = ${id} order by l.since desc, l.id desc`,
  );
  const year = Number(on.slice(0, 4));
  const sensitive = hasPermission(user.role, 'person:sensitive');
  const eligibility = cadreEligibility(
    { birthDate: r.birth_date, politicalStatus: r.political_status, localResident: r.local_resident, latestGrade: grade },
    on,
    rules,
  );
  return {
    ...toCadreItem(r, posts, grade, on),
    phone: r.phone ? (sensitive ? r.phone : maskPhone(r.phone)) : null,
    version: r.version,
    history: history.map(toPostItem),
    trainings: trainings.map((t) => ({
      trainingId: Number(t.training_id),
      title: t.title,
      kind: t.kind as api.cadres.CadreDetail['trainings'][number]['kind'],
      startOn: t.start_on,
      hours: t.hours,
    })),
    trainingHoursThisYear: trainings.filter((t) => t.year === year).reduce((s, t) => s + t.hours, 0),
    appraisals: appraisals.map((a) => ({
      campaignId: Number(a.campaign_id),
      title: a.title,
      year: a.year,
      total: a.total,
      rank: a.rank,
      grade: a.grade as api.cadres.CadreDetail['appraisals'][number]['grade'],
    })),
    liaisons: liaisons.map((l) => ({ id: Number(l.id), role: l.role as 'deputy', targetName: l.target, since: l.since, until: l.until })),
    eligibility: { age: eligibility.age, problems: eligibility.problems, needsAgeException: eligibility.needsAgeException },
    can: { edit: hasPermission(user.role, 'org:edit'), revealId: sensitive },
  };
}

export async function revealIdNumber(tx: Tx, id: number): Promise<string> {
  const r = await loadCadre(tx, id);
  await tx.execute(sql`select tj_audit_event('view_sensitive', 'cadres', ${String(id)}, ${r.org_id}, ${JSON.stringify({ field: 'id_number', name: r.name })}::jsonb)`);
  return r.id_number;
}

function duplicateMessage(loc: { org_name: string | null; in_scope: boolean }): string {
  return loc.in_scope
    ? `该身份证号已登记为团干部（${loc.org_name}），每人只登记一份团干部档案，可为其增加任职`
    : '该身份证号已在其他团组织登记为团干部（不在您的管理范围内），请联系上级团委核实';
}

interface CadreFields {
  name?: string;
  gender?: 'male' | 'female';
  idNumber?: string;
  ethnicity?: string;
  education?: string | null;
  politicalStatus?: string;
  phone?: string | null;
  workUnit?: string | null;
  establishment?: 'inside' | 'outside';
  civilServant?: boolean;
  localResident?: boolean;
}

/** Field problems of a record, as [field, message]. */
function fieldProblems(f: Required<Pick<CadreFields, 'name' | 'gender' | 'idNumber'>>, rules: Rules, on: string): { problems: [string, string][]; birthDate: string | null } {
  const problems: [string, string][] = [];
  const parsed = parseIdCard(f.idNumber, on);
  if (!parsed.ok) return { problems: [['idNumber', parsed.reason]], birthDate: null };
  if (parsed.info.gender !== f.gender) problems.push(['gender', `性别与身份证号不符（身份证号显示为${parsed.info.gender === 'male' ? '男' : '女'}）`]);
  const age = ageOn(parsed.info.birthDate, on);
  if (age < rules.ages.memberMin) problems.push(['idNumber', `年龄${age}周岁，不满${rules.ages.memberMin}周岁`]);
  return { problems, birthDate: parsed.info.birthDate };
}

function refuseFields(problems: [string, string][]): void {
  if (problems.length) throw new DomainError('invalid_cadre', problems.map(([, m]) => m).join('；'), problems[0]![0]);
}

export async function createCadre(tx: Tx, body: api.BodyOf<typeof api.cadres.createCadre>, rules: Rules): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId', '管理组织');
  let person: { id: number; org_id: number; name: string; gender: 'male' | 'female'; id_number: string; ethnicity: string; education: string | null; political_status: string; phone: string | null } | undefined;
  if (body.personId) {
    [person] = await query(tx, sql`select id, org_id, name, gender, id_number, ethnicity, education, political_status, phone from people where id = ${body.personId}`);
    if (!person) throw new HttpError(404, 'not_found', '所选人员不存在或不在您的管理范围内', 'personId');
  }
  if (org.status !== 'active') throw new DomainError('org_dissolved', '管理组织已撤销', 'orgId');
  const f = {
    name: body.name ?? person?.name,
    gender: body.gender ?? person?.gender,
    idNumber: (body.idNumber ?? person?.id_number)?.trim().toUpperCase(),
    ethnicity: body.ethnicity ?? person?.ethnicity ?? '01',
    education: body.education !== undefined ? body.education : (person?.education ?? null),
    politicalStatus: body.politicalStatus ?? person?.political_status,
    phone: body.phone !== undefined ? body.phone : (person?.phone ?? null),
  };
  const missing: [string, string][] = [];
  if (!f.name) missing.push(['name', '请填写姓名']);
  if (!f.idNumber) missing.push(['idNumber', '请填写身份证号']);
  if (!f.gender) missing.push(['gender', '请选择性别']);
  if (!f.politicalStatus) missing.push(['politicalStatus', '请选择政治面貌']);
  refuseFields(missing);
  if (person && f.idNumber !== person.id_number) refuseFields([['idNumber', '身份证号与名册中该人员不一致']]);
  const { problems, birthDate } = fieldProblems({ name: f.name!, gender: f.gender!, idNumber: f.idNumber! }, rules, today());
  refuseFields(problems);
  const [loc] = await query<{ org_name: string | null; in_scope: boolean }>(tx, sql`select * from tj_cadre_location(${f.idNumber!})`);
  if (loc) throw new DomainError('duplicate_id', duplicateMessage(loc), 'idNumber', 409);
  const [row] = await tx
    .insert(cadres)
    .values({
      orgId: org.id,
      personId: person ? Number(person.id) : null,
      name: f.name!,
      gender: f.gender!,
      idNumber: f.idNumber!,
      birthDate: birthDate!,
      ethnicity: f.ethnicity,
      education: f.education ?? null,
      politicalStatus: f.politicalStatus!,
      phone: f.phone ?? null,
      workUnit: body.workUnit ?? null,
      establishment: body.establishment,
      civilServant: body.civilServant,
      localResident: body.localResident,
    })
    .returning({ id: cadres.id });
  return row!.id;
}

export async function updateCadre(tx: Tx, id: number, body: api.BodyOf<typeof api.cadres.updateCadre>, rules: Rules) {
  const current = await loadCadre(tx, id);
  if (body.version !== current.version) throw new DomainError('stale', '该团干部信息已被他人修改，请刷新后再编辑', 'version', 409);
  const idNumber = (body.idNumber ?? current.id_number).trim().toUpperCase();
  const { problems, birthDate } = fieldProblems({ name: body.name ?? current.name, gender: body.gender ?? current.gender, idNumber }, rules, today());
  refuseFields(problems);
  if (idNumber !== current.id_number) {
    const [loc] = await query<{ org_name: string | null; in_scope: boolean }>(tx, sql`select * from tj_cadre_location(${idNumber})`);
    if (loc) throw new DomainError('duplicate_id', duplicateMessage(loc), 'idNumber', 409);
  }
  const { version: _v, ...changes } = body;
  await tx
    .update(cadres)
    .set({ ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)), idNumber, birthDate: birthDate!, version: current.version + 1 })
    .where(sql`id = ${id}`);
}

/** The record of a post holder must be registered at the post's organization or below it. */
export function recordPlacementProblem(cadre: CadreRow, org: { name: string; path: string }): string | null {
  const inside = cadre.org_path === org.path || cadre.org_path.startsWith(`${org.path}.`);
  return inside ? null : `${cadre.name}的团干部档案登记在“${cadre.org_name}”，不在“${org.name}”之下；请先在任职组织或其下级组织登记档案`;
}

export async function addPost(tx: Tx, cadreId: number, body: api.BodyOf<typeof api.cadres.addPost>, rules: Rules): Promise<void> {
  const cadre = await loadCadre(tx, cadreId);
  const org = await loadOrgRef(tx, body.orgId, 'orgId', '任职组织');
  const on = today();
  const problems: string[] = [];
  if (org.status !== 'active') problems.push('任职组织已撤销');
  if (!STAFFED_ORG_TYPES.includes(org.type as OrgType)) problems.push(`${ORG_TYPE_LABELS[org.type as OrgType]}不设团的职务`);
  // A title beyond the five built-in ones must be configured (规则配置 → 其他职务) for this type of organization.
  const titleProblem = postTitleProblem(body.title, org.type as OrgType, rules);
  if (titleProblem) throw new DomainError('post_title_refused', titleProblem, 'title');
  const placement = recordPlacementProblem(cadre, org);
  if (placement) problems.push(placement);
  if (body.startOn > on) problems.push('任职日期不能晚于今天');
  const grade = (await latestGrades(tx, [cadreId])).get(cadreId) ?? null;
  problems.push(
    ...qualificationProblems(
      { name: cadre.name, birthDate: cadre.birth_date, politicalStatus: cadre.political_status, localResident: cadre.local_resident, latestGrade: grade },
      body.startOn,
      rules,
      body.ageExceptionReason,
    ),
  );
  const holders = await query<{ cadre_id: number; name: string; title: string }>(
    tx,
    sql`select p.cadre_id, c.name, p.title from cadre_posts p join cadres c on c.id = p.cadre_id
         where p.org_id = ${org.id} and p.end_on is null`,
  );
  if (holders.some((h) => Number(h.cadre_id) === cadreId && h.title === body.title)) problems.push(`${cadre.name}已在“${org.name}”担任${cadreTitleLabel(body.title)}`);
  const secretary = holders.find((h) => h.title === 'secretary');
  if (body.title === 'secretary' && secretary && Number(secretary.cadre_id) !== cadreId) problems.push(`“${org.name}”已有书记${secretary.name}，请先办理免职`);
  if (problems.length) throw new DomainError('post_refused', `不能任职：${problems.join('；')}`);
  await tx.insert(cadrePosts).values({ cadreId, orgId: org.id, title: body.title, employment: body.employment, startOn: body.startOn, source: 'appointment' });
}

export async function endPost(tx: Tx, id: number, endOn: string, reason: string): Promise<api.cadres.PostItem> {
  const post = await loadPost(tx, id);
  if (post.end_on) throw new DomainError('post_ended', `该职务已于${post.end_on}离任`, undefined, 409);
  if (endOn < post.start_on) throw new DomainError('post_refused', `离任日期不能早于任职日期（${post.start_on}）`, 'endOn');
  if (endOn > today()) throw new DomainError('post_refused', '离任日期不能晚于今天', 'endOn');
  await tx.update(cadrePosts).set({ endOn, endReason: reason }).where(sql`id = ${id}`);
  return toPostItem(await loadPost(tx, id));
}

export async function setPostDuty(tx: Tx, id: number, onDuty: boolean): Promise<api.cadres.PostItem> {
  const post = await loadPost(tx, id);
  if (post.end_on) throw new DomainError('post_ended', `该职务已于${post.end_on}离任`, undefined, 409);
  await tx.update(cadrePosts).set({ onDuty }).where(sql`id = ${id}`);
  return toPostItem(await loadPost(tx, id));
}

export const postCount = async (tx: Tx, cadreId: number) =>
  n((await query<{ n: number }>(tx, sql`select count(*)::int as n from cadre_posts where cadre_id = ${cadreId} and end_on is null`))[0]!.n) ?? 0;
