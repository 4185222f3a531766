import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  HONOR_TYPE_LABELS,
  LIVE_NOMINATION_STATUSES,
  NOMINATION_STATUS_LABELS,
  awardProblems,
  honorEligibility,
  honorNoticeNote,
  honorNoticePeriod,
  meetingCompliance,
  nominationActionProblems,
  nominationProblems,
  parseHonorNotice,
  publicizeProblems,
  type HonorCampaignStatus,
  type HonorType,
  type NomineeFacts,
  type NomineeKind,
  type NominationStatus,
  type Rules,
  type api,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { loadOrg } from '../organizations/service.js';
import { attachmentCount } from './attachments.js';
import { can, loadOne, loadOrgRef, loadPeopleRefs, num, numOrNull, pageOf, refuse, today } from './common.js';
import { campaignsInLine, orgInScope } from './in-line.js';

type O = typeof api.orgLife;

/** Organizations that run an honor campaign. */
const CAMPAIGN_ORG_TYPES = ['central', 'provincial', 'city', 'county', 'township', 'subdistrict', 'unit_committee'];

interface CampaignRow {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  honor_type: HonorType;
  year: number;
  title: string;
  status: HonorCampaignStatus;
}

interface NominationRow {
  id: number;
  campaign_id: number;
  org_id: number;
  org_name: string;
  person_id: number | null;
  cadre_id: number | null;
  nominee_org_id: number | null;
  nominee_name: string | null;
  reason: string;
  status: NominationStatus;
  note: string | null;
  awarded_on: string | null;
  attachments: number;
}

const NOMINATION_SELECT = sql`
  select n.id, n.campaign_id, n.org_id, o.name as org_name, n.person_id, n.cadre_id, n.nominee_org_id,
         coalesce(p.name, c.name, no.name) as nominee_name, n.reason, n.status, n.note, n.awarded_on::text as awarded_on,
         ${attachmentCount('honor_nomination', 'n')} as attachments
    from honor_nominations n join organizations o on o.id = n.org_id
    left join people p on p.id = n.person_id
    left join cadres c on c.id = n.cadre_id
    left join organizations no on no.id = n.nominee_org_id`;

const nomineeKindOf = (n: { person_id: number | null; cadre_id: number | null }): NomineeKind => (n.person_id ? 'person' : n.cadre_id ? 'cadre' : 'org');

const toNomination = (n: NominationRow) => ({
  id: num(n.id),
  campaignId: num(n.campaign_id),
  orgId: num(n.org_id),
  orgName: n.org_name,
  nomineeKind: nomineeKindOf(n),
  personId: numOrNull(n.person_id),
  cadreId: numOrNull(n.cadre_id),
  nomineeOrgId: numOrNull(n.nominee_org_id),
  // A nominee outside the caller's scope (e.g. nominated by another township) is not named.
  nomineeName: n.nominee_name ?? '（不在您的管理范围内）',
  reason: n.reason,
  status: n.status,
  note: n.note,
  awardedOn: n.awarded_on,
  attachmentCount: Number(n.attachments),
});

async function loadCampaign(tx: Tx, id: number, lock = false): Promise<CampaignRow> {
  const c = await loadOne<CampaignRow>(tx, sql`select * from ${await campaignsInLine(tx)} c where c.id = ${id}`, '评选');
  if (lock) await tx.execute(sql`select id from honor_campaigns where id = ${id} for update`);
  return c;
}

/** Campaign-level decisions belong to the organization running the campaign (or above). */
async function requireCampaignLevel(tx: Tx, c: CampaignRow) {
  if (!(await orgInScope(tx, num(c.org_id)))) throw new HttpError(403, 'not_campaign_level', `该评选由${c.org_name}组织，审核、公示和授予由其办理`);
}

async function noticeOf(tx: Tx, campaignId: number) {
  const notes = await query<{ note: string | null }>(tx, sql`select note from honor_nominations where campaign_id = ${campaignId} and status in ('publicized', 'awarded') and note like '%公示期：%' limit 1`);
  return parseHonorNotice(notes[0]?.note);
}

export async function listCampaigns(tx: Tx, q: api.QueryOf<O['listHonorCampaigns']>) {
  const conds: SQL[] = [sql`true`];
  if (q.under) {
    const org = await loadOrg(tx, q.under);
    conds.push(sql`(c.org_path::ltree <@ ${org.path}::ltree or ${org.path}::ltree <@ c.org_path::ltree)`);
  }
  if (q.year) conds.push(sql`c.year = ${q.year}`);
  if (q.honorType) conds.push(sql`c.honor_type = ${q.honorType}`);
  const where = sql.join(conds, sql` and `);
  const source = await campaignsInLine(tx);
  const { offset, limit } = pageOf(q);
  const rows = await query<CampaignRow & { nominations: number; awarded: number; notice_note: string | null }>(
    tx,
    sql`select c.*, (select count(*)::int from honor_nominations n where n.campaign_id = c.id) as nominations,
               (select count(*)::int from honor_nominations n where n.campaign_id = c.id and n.status = 'awarded') as awarded,
               (select n.note from honor_nominations n where n.campaign_id = c.id and n.status in ('publicized', 'awarded') and n.note like '%公示期：%' limit 1) as notice_note
          from ${source} c where ${where} order by c.year desc, c.id desc offset ${offset} limit ${limit}`,
  );
  const [{ n }] = (await query<{ n: number }>(tx, sql`select count(*)::int as n from ${source} c where ${where}`)) as [{ n: number }];
  return {
    items: rows.map((c) => ({
      id: num(c.id),
      orgId: num(c.org_id),
      orgName: c.org_name,
      honorType: c.honor_type,
      year: c.year,
      title: c.title,
      status: c.status,
      nominations: c.nominations,
      awarded: c.awarded,
      notice: parseHonorNotice(c.notice_note),
    })),
    total: n,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function campaignDetail(tx: Tx, user: SessionUser, id: number): Promise<api.ResponseOf<O['getHonorCampaign']>> {
  const c = await loadCampaign(tx, id);
  const rows = await query<NominationRow>(tx, sql`${NOMINATION_SELECT} where n.campaign_id = ${id} order by n.id`);
  const items = rows.map(toNomination);
  const counts: Record<string, number> = {};
  for (const i of items) counts[i.status] = (counts[i.status] ?? 0) + 1;
  const notice = await noticeOf(tx, id);
  const atLevel = await orgInScope(tx, num(c.org_id));
  const approve = can(user, 'membership:approve') && atLevel;
  const publicizeBlockers = publicizeProblems(c, { nominated: counts.nominated ?? 0, reviewed: counts.reviewed ?? 0 });
  const awardBlockers = awardProblems(c, notice, today(), today());
  return {
    id: num(c.id),
    orgId: num(c.org_id),
    orgName: c.org_name,
    honorType: c.honor_type,
    year: c.year,
    title: c.title,
    status: c.status,
    nominations: items.length,
    awarded: counts.awarded ?? 0,
    notice,
    items,
    counts,
    can: {
      nominate: can(user, 'org:edit') && c.status === 'nominating',
      review: approve && c.status === 'nominating',
      publicize: approve && publicizeBlockers.length === 0,
      award: approve && awardBlockers.length === 0,
      object: approve && c.status === 'publicizing',
    },
    blockers: { publicize: publicizeBlockers, award: awardBlockers },
  };
}

export async function campaignRows(tx: Tx, id: number) {
  const c = await loadCampaign(tx, id);
  const rows = await query<NominationRow>(tx, sql`${NOMINATION_SELECT} where n.campaign_id = ${id} order by n.id`);
  return { campaign: c, rows: rows.map(toNomination) };
}

type NominationItem = ReturnType<typeof toNomination>;
export const NOMINATION_EXPORT_COLUMNS = [
  { header: '推荐对象', width: 30, value: (n: NominationItem) => n.nomineeName },
  { header: '对象类别', width: 10, value: (n: NominationItem) => ({ person: '个人', cadre: '团干部', org: '组织' })[n.nomineeKind] },
  { header: '推荐组织', width: 30, value: (n: NominationItem) => n.orgName },
  { header: '推荐理由', width: 60, value: (n: NominationItem) => n.reason },
  { header: '状态', width: 12, value: (n: NominationItem) => NOMINATION_STATUS_LABELS[n.status] },
  { header: '审核意见', width: 40, value: (n: NominationItem) => n.note },
  { header: '授予日期', width: 12, value: (n: NominationItem) => n.awardedOn },
];

export async function createCampaign(tx: Tx, body: api.BodyOf<O['createHonorCampaign']>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId');
  if (org.status !== 'active' || !CAMPAIGN_ORG_TYPES.includes(org.type)) throw new DomainError('not_committee', '评选由团委（县级、乡镇、基层团委）组织', 'orgId');
  const [dup] = await query<{ id: number }>(tx, sql`select id from honor_campaigns where org_id = ${org.id} and honor_type = ${body.honorType} and year = ${body.year}`);
  if (dup) throw new DomainError('duplicate', `${org.name}已发起${body.year}年度“${HONOR_TYPE_LABELS[body.honorType]}”评选`, 'honorType', 409);
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into honor_campaigns (org_id, honor_type, year, title, status) values (${org.id}, ${body.honorType}, ${body.year}, ${body.title}, 'nominating') returning id`,
  );
  return num(row!.id);
}

/** What the eligibility rules need to know about a nominee. */
async function nomineeFacts(tx: Tx, rules: Rules, n: { personId?: number | null; cadreId?: number | null; nomineeOrgId?: number | null }, year: number): Promise<NomineeFacts> {
  if (n.personId) {
    const [p] = await query<{ name: string; birth_date: string; member_status: string | null }>(
      tx,
      sql`select name, birth_date::text as birth_date, member_status from people where id = ${n.personId}`,
    );
    const regs = await query<{ year: number }>(tx, sql`select year from registrations where person_id = ${n.personId} and status = 'registered'`);
    const apps = await query<{ year: number; grade: string }>(tx, sql`select year, grade from appraisals where person_id = ${n.personId}`);
    return { person: { name: p!.name, birthDate: p!.birth_date, memberStatus: p!.member_status, registeredYears: regs.map((r) => r.year), appraisals: apps } };
  }
  if (n.cadreId) {
    const [c] = await query<{ name: string; birth_date: string; holds: boolean }>(
      tx,
      sql`select c.name, c.birth_date::text as birth_date,
                 exists (select 1 from cadre_posts p where p.cadre_id = c.id and (p.end_on is null or p.end_on >= ${today()}::date)) as holds
            from cadres c where c.id = ${n.cadreId}`,
    );
    return { cadre: { name: c!.name, birthDate: c!.birth_date, holdsPost: c!.holds } };
  }
  const org = await loadOrg(tx, n.nomineeOrgId!);
  return { org: { name: org.name, type: org.type, status: org.status, complianceRate: await previousYearCompliance(tx, rules, org.path, year - 1) } };
}

/** 三会两制一课 completion of the branches of a subtree over a past year (met ÷ required). */
async function previousYearCompliance(tx: Tx, rules: Rules, path: string, year: number): Promise<number | null> {
  const range = { from: `${year}-01-01`, to: `${year}-12-31` };
  const branches = await query<{ id: number; founded_on: string | null }>(
    tx,
    sql`select id, founded_on::text as founded_on from organizations where path <@ ${path}::ltree and type in ('branch', 'joint_branch') and status = 'active'`,
  );
  const held = await query<{ org_id: number; kind: string; held_on: string }>(
    tx,
    sql`select m.org_id, m.kind, m.held_on::text as held_on from meetings m join organizations o on o.id = m.org_id
         where o.path <@ ${path}::ltree and m.status = 'held' and m.held_on between ${range.from}::date and ${range.to}::date`,
  );
  let required = 0;
  let met = 0;
  for (const b of branches) {
    const c = meetingCompliance(held.filter((h) => num(h.org_id) === num(b.id)).map((h) => ({ kind: h.kind, heldOn: h.held_on })), range, today(), rules, b.founded_on);
    required += c.required;
    met += c.met;
  }
  return required ? met / required : null;
}

export async function nominate(tx: Tx, rules: Rules, campaignId: number, body: api.BodyOf<O['nominate']>) {
  // References first (404 on the field when out of scope).
  const campaign = await loadCampaign(tx, campaignId, true);
  const nominator = await loadOrgRef(tx, body.orgId, 'orgId', '推荐组织');
  let nomineePath: string | null = null;
  if (body.personId) {
    const p = (await loadPeopleRefs(tx, [body.personId], 'personId', '推荐对象')).get(body.personId)!;
    nomineePath = (await loadOrg(tx, p.org_id)).path;
  }
  if (body.cadreId) {
    const c = await loadOne<{ org_id: number }>(tx, sql`select org_id from cadres where id = ${body.cadreId}`, '推荐对象（团干部）', 'cadreId');
    nomineePath = (await loadOrg(tx, num(c.org_id))).path;
  }
  if (body.nomineeOrgId) nomineePath = (await loadOrgRef(tx, body.nomineeOrgId, 'nomineeOrgId', '推荐对象（组织）')).path;
  const chosen = [body.personId, body.cadreId, body.nomineeOrgId].filter((x) => x != null).length;
  if (chosen !== 1) throw new DomainError('one_nominee', '请选择一个推荐对象（个人、团干部或组织之一）', 'personId');
  const inside = (path: string, root: string) => path === root || path.startsWith(`${root}.`);
  if (!inside(nominator.path, campaign.org_path)) throw new DomainError('outside_campaign', `推荐组织须为${campaign.org_name}或其下级组织`, 'orgId');
  if (!inside(nomineePath!, nominator.path)) throw new DomainError('outside_nominator', `只能推荐${nominator.name}及其下级的对象`, 'orgId');
  const [dup] = await query<{ id: number }>(
    tx,
    sql`select id from honor_nominations where campaign_id = ${campaignId} and status = any(${sql.param([...LIVE_NOMINATION_STATUSES])}::text[])
          and person_id is not distinct from ${body.personId ?? null}::bigint and cadre_id is not distinct from ${body.cadreId ?? null}::bigint
          and nominee_org_id is not distinct from ${body.nomineeOrgId ?? null}::bigint`,
  );
  refuse('nomination_refused', nominationProblems(campaign, !!dup), undefined, 409);
  // The eligibility check: an ineligible nomination is kept with its reasons, so nothing is lost.
  const facts = await nomineeFacts(tx, rules, body, campaign.year);
  const problems = honorEligibility(campaign.honor_type, facts, { year: campaign.year, on: today() }, rules);
  await tx.execute(sql`insert into honor_nominations (campaign_id, org_id, person_id, cadre_id, nominee_org_id, reason, status, note)
    values (${campaignId}, ${nominator.id}, ${body.personId ?? null}, ${body.cadreId ?? null}, ${body.nomineeOrgId ?? null}, ${body.reason},
            ${problems.length ? 'ineligible' : 'nominated'}, ${problems.length ? `资格审查未通过：${problems.join('；')}` : null})`);
}

async function loadNomination(tx: Tx, id: number): Promise<NominationRow & { campaign: CampaignRow }> {
  const [n] = await query<NominationRow>(tx, sql`${NOMINATION_SELECT} where n.id = ${id} for update of n`);
  if (!n) throw notFound('推荐');
  const campaign = await loadCampaign(tx, num(n.campaign_id), true);
  return { ...n, campaign };
}

export async function review(tx: Tx, rules: Rules, id: number, body: api.BodyOf<O['reviewNomination']>): Promise<number> {
  const n = await loadNomination(tx, id);
  await requireCampaignLevel(tx, n.campaign);
  refuse('review_refused', nominationActionProblems(n, n.campaign, 'review'), undefined, 409);
  if (body.decision === 'pass') {
    // Facts may have changed since the nomination: check again.
    const facts = await nomineeFacts(tx, rules, { personId: n.person_id, cadreId: n.cadre_id, nomineeOrgId: n.nominee_org_id }, n.campaign.year);
    refuse('ineligible', honorEligibility(n.campaign.honor_type, facts, { year: n.campaign.year, on: today() }, rules));
  }
  await tx.execute(sql`update honor_nominations set status = ${body.decision === 'pass' ? 'reviewed' : 'rejected'}, note = ${body.note} where id = ${id}`);
  return num(n.campaign_id);
}

export async function objectTo(tx: Tx, id: number, note: string): Promise<number> {
  const n = await loadNomination(tx, id);
  await requireCampaignLevel(tx, n.campaign);
  refuse('object_refused', nominationActionProblems(n, n.campaign, 'object'), undefined, 409);
  await tx.execute(sql`update honor_nominations set status = 'rejected', note = ${`${n.note ?? ''}\n异议成立：${note}`.trim()} where id = ${id}`);
  return num(n.campaign_id);
}

export async function publicize(tx: Tx, id: number, from: string) {
  const c = await loadCampaign(tx, id, true);
  await requireCampaignLevel(tx, c);
  const counts = await query<{ status: string; n: number }>(tx, sql`select status, count(*)::int as n from honor_nominations where campaign_id = ${id} group by status`);
  const count = (s: string) => counts.find((x) => x.status === s)?.n ?? 0;
  const problems = publicizeProblems(c, { nominated: count('nominated'), reviewed: count('reviewed') });
  if (from > today()) problems.push('公示开始日期不能晚于今天');
  refuse('publicize_refused', problems, undefined, c.status === 'nominating' ? 422 : 409);
  const notice = honorNoticeNote(honorNoticePeriod(from));
  await tx.execute(sql`update honor_nominations set status = 'publicized', note = trim(coalesce(note, '') || E'\n' || ${notice})
    where campaign_id = ${id} and status = 'reviewed'`);
  await tx.execute(sql`update honor_campaigns set status = 'publicizing' where id = ${id}`);
}

export async function award(tx: Tx, id: number, awardedOn: string) {
  const c = await loadCampaign(tx, id, true);
  await requireCampaignLevel(tx, c);
  refuse('award_refused', awardProblems(c, await noticeOf(tx, id), awardedOn, today()), 'awardedOn', c.status === 'publicizing' ? 422 : 409);
  await tx.execute(sql`update honor_nominations set status = 'awarded', awarded_on = ${awardedOn} where campaign_id = ${id} and status = 'publicized'`);
  await tx.execute(sql`update honor_campaigns set status = 'closed' where id = ${id}`);
}

/** Honors of a person or an organization, for their records. */
export async function honorsOf(tx: Tx, kind: 'person' | 'org', id: number): Promise<api.ResponseOf<O['honorsOfPerson']>> {
  if (kind === 'person') await loadPeopleRefs(tx, [id], 'id', '人员');
  else await loadOrg(tx, id);
  const rows = await query<{ id: number; campaign_id: number; honor_type: HonorType; year: number; title: string; status: NominationStatus; awarded_on: string | null; org_name: string }>(
    tx,
    sql`select n.id, n.campaign_id, c.honor_type, c.year, c.title, n.status, n.awarded_on::text as awarded_on, o.name as org_name
          from honor_nominations n join ${await campaignsInLine(tx)} c on c.id = n.campaign_id join organizations o on o.id = n.org_id
         where ${kind === 'person' ? sql`n.person_id = ${id}` : sql`n.nominee_org_id = ${id}`} and n.status <> 'ineligible'
         order by c.year desc, n.id desc`,
  );
  return rows.map((r) => ({
    nominationId: num(r.id),
    campaignId: num(r.campaign_id),
    honorType: r.honor_type,
    year: r.year,
    title: r.title,
    status: r.status,
    awardedOn: r.awarded_on,
    nominatedBy: r.org_name,
  }));
}

