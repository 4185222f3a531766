import { sql } from 'drizzle-orm';
import {
  cadreTitleLabel,
  DomainError,
  api,
  appraisalWeights,
  closeCampaignProblems,
  hasPermission,
  rankAndGrade,
  scoreProblems,
  weightedTotal,
  type AppraisalCampaignStatus,
  type AppraisalKind,
  type AppraisalWeights,
  type CadreGrade,
  type CadreTitle,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { appraisalCampaigns, appraisalScores } from '../../db/schema.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { loadCadre, loadCadres, loadOrgRef, subtreeCondition } from './common.js';

/* Appraisal campaigns (平时考核、考核评议、述职评议): three-side scores, ranking, grades. */

interface CampaignRow {
  id: number;
  org_id: number;
  org_name: string;
  title: string;
  kind: AppraisalKind;
  year: number;
  weights: AppraisalWeights;
  status: AppraisalCampaignStatus;
  appraised: number;
  scored: number;
}

const CAMPAIGN_SELECT = sql`
  select a.id, a.org_id, o.name as org_name, a.title, a.kind, a.year, a.weights, a.status,
         (select count(*)::int from appraisal_scores s where s.campaign_id = a.id) as appraised,
         (select count(*)::int from appraisal_scores s where s.campaign_id = a.id
             and s.inner_score is not null and s.party_score is not null and s.youth_score is not null) as scored
    from appraisal_campaigns a join organizations o on o.id = a.org_id`;

const toItem = (r: CampaignRow) => ({
  id: Number(r.id),
  orgId: Number(r.org_id),
  orgName: r.org_name,
  title: r.title,
  kind: r.kind,
  year: r.year,
  status: r.status,
  weights: r.weights,
  appraised: r.appraised,
  scored: r.scored,
});

async function loadCampaign(tx: Tx, id: number): Promise<CampaignRow> {
  const [row] = await query<CampaignRow>(tx, sql`${CAMPAIGN_SELECT} where a.id = ${id}`);
  if (!row) throw notFound('考核');
  return row;
}

export async function listCampaigns(tx: Tx, q: { under?: number; year?: number }) {
  const where = await subtreeCondition(tx, q.under, 'o');
  const rows = await query<CampaignRow>(tx, sql`${CAMPAIGN_SELECT} where ${where} ${q.year ? sql`and a.year = ${q.year}` : sql``} order by a.year desc, a.id desc`);
  return rows.map(toItem);
}

interface ScoreRow {
  cadre_id: number;
  name: string;
  org_id: number;
  org_name: string;
  inner_score: number | null;
  party_score: number | null;
  youth_score: number | null;
  rank: number | null;
  grade: CadreGrade | null;
  posts: { title: CadreTitle; org: string }[] | null;
}

export async function campaignDetail(tx: Tx, user: SessionUser, id: number) {
  const c = await loadCampaign(tx, id);
  const rows = await query<ScoreRow>(
    tx,
    sql`select s.cadre_id, cd.name, cd.org_id, o.name as org_name, s.inner_score, s.party_score, s.youth_score, s.rank, s.grade,
               (select json_agg(json_build_object('title', p.title, 'org', po.name) order by po.path)
                  from cadre_posts p join organizations po on po.id = p.org_id where p.cadre_id = s.cadre_id and p.end_on is null) as posts
          from appraisal_scores s join cadres cd on cd.id = s.cadre_id join organizations o on o.id = cd.org_id
         where s.campaign_id = ${id} order by o.path, cd.name`,
  );
  const w = c.weights;
  const entries = rows.map((r) => ({
    cadreId: Number(r.cadre_id),
    name: r.name,
    orgId: Number(r.org_id),
    orgName: r.org_name,
    posts: (r.posts ?? []).map((p) => `${p.org}${cadreTitleLabel(p.title)}`).join('、'),
    inner: r.inner_score,
    party: r.party_score,
    youth: r.youth_score,
    total: weightedTotal({ inner: r.inner_score, party: r.party_score, youth: r.youth_score }, w),
    rank: r.rank,
    grade: r.grade,
  }));
  if (c.status === 'open') {
    // Provisional ranking of those fully scored; grades come when the campaign closes.
    const ranked = rankAndGrade(entries.filter((e) => e.total !== null) as (typeof entries[number] & { total: number })[]);
    for (const r of ranked) r.item.rank = r.rank;
  }
  entries.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.orgName.localeCompare(b.orgName, 'zh-CN'));
  const orgs = new Map<number, { orgId: number; orgName: string; totals: number[]; count: number }>();
  for (const e of entries) {
    const o = orgs.get(e.orgId) ?? { orgId: e.orgId, orgName: e.orgName, totals: [], count: 0 };
    o.count++;
    if (e.total !== null) o.totals.push(e.total);
    orgs.set(e.orgId, o);
  }
  const byOrg = [...orgs.values()].map((o) => ({
    orgId: o.orgId,
    orgName: o.orgName,
    count: o.count,
    total: o.totals.length ? Math.round((o.totals.reduce((a, b) => a + b, 0) / o.totals.length) * 10) / 10 : null,
  }));
  const orgRanks = rankAndGrade(byOrg.filter((o) => o.total !== null) as (typeof byOrg[number] & { total: number })[]);
  const approve = hasPermission(user.role, 'membership:approve') && c.status === 'open';
  return {
    ...toItem(c),
    entries,
    byOrg: byOrg
      .map((o) => ({ orgId: o.orgId, orgName: o.orgName, count: o.count, average: o.total, rank: orgRanks.find((r) => r.item.orgId === o.orgId)?.rank ?? null }))
      .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9)),
    can: { score: approve, close: approve && c.scored === c.appraised && c.appraised > 0 },
  };
}

export async function openCampaign(tx: Tx, body: api.BodyOf<typeof api.cadres.openAppraisalCampaign>, rules: Rules): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId');
  let cadreIds: number[];
  if (body.cadreIds?.length) {
    const found = await loadCadres(tx, body.cadreIds);
    if (found.length !== new Set(body.cadreIds).size) throw new HttpError(404, 'not_found', '所选团干部不存在或不在您的管理范围内', 'cadreIds');
    const outside = found.filter((c) => !(c.org_path === org.path || c.org_path.startsWith(`${org.path}.`)));
    if (outside.length) throw new DomainError('appraisal_refused', `${outside.map((c) => c.name).join('、')}不在${org.name}范围内`, 'cadreIds');
    cadreIds = found.map((c) => Number(c.id));
  } else if (body.target === 'listed') {
    throw new DomainError('appraisal_refused', '请选择考核对象', 'cadreIds');
  } else {
    const rows = await query<{ cadre_id: number }>(
      tx,
      sql`select distinct p.cadre_id from cadre_posts p join organizations po on po.id = p.org_id
           where p.end_on is null and po.status = 'active' and po.path <@ ${org.path}::ltree and po.id <> ${org.id}
             ${body.target === 'secretaries' ? sql`and p.title = 'secretary'` : sql``}`,
    );
    cadreIds = rows.map((r) => Number(r.cadre_id));
  }
  if (!cadreIds.length) throw new DomainError('appraisal_refused', '没有符合条件的考核对象');
  const weights = appraisalWeights(rules);
  if (!weights) throw new DomainError('appraisal_refused', '考核权重配置有误（三项权重均为0），请联系平台管理员');
  const [c] = await tx
    .insert(appraisalCampaigns)
    .values({ orgId: org.id, title: body.title, kind: body.kind, year: body.year, weights, status: 'open' })
    .returning({ id: appraisalCampaigns.id });
  const records = await loadCadres(tx, cadreIds);
  for (let i = 0; i < records.length; i += 500) {
    await tx.insert(appraisalScores).values(records.slice(i, i + 500).map((r) => ({ campaignId: c!.id, orgId: Number(r.org_id), cadreId: Number(r.id) })));
  }
  return c!.id;
}

export async function score(tx: Tx, id: number, body: api.BodyOf<typeof api.cadres.scoreAppraisal>) {
  const c = await loadCampaign(tx, id);
  const cadre = await loadCadre(tx, body.cadreId, 'cadreId');
  const [row] = await query<{ id: number }>(tx, sql`select id from appraisal_scores where campaign_id = ${id} and cadre_id = ${cadre.id}`);
  const problems = scoreProblems(c.status, body);
  if (!row) problems.push(`${cadre.name}不是本次考核的对象`);
  if (problems.length) throw new DomainError('score_refused', `不能录入评分：${problems.join('；')}`);
  const total = weightedTotal(body, c.weights);
  await tx
    .update(appraisalScores)
    .set({ innerScore: body.inner, partyScore: body.party, youthScore: body.youth, total: total === null ? null : Math.round(total) })
    .where(sql`id = ${row!.id}`);
}

export async function close(tx: Tx, id: number) {
  const c = await loadCampaign(tx, id);
  await tx.execute(sql`select id from appraisal_campaigns where id = ${id} for update`);
  const rows = await query<{ id: number; name: string; inner_score: number | null; party_score: number | null; youth_score: number | null }>(
    tx,
    sql`select s.id, cd.name, s.inner_score, s.party_score, s.youth_score from appraisal_scores s join cadres cd on cd.id = s.cadre_id where s.campaign_id = ${id}`,
  );
  const [{ total_n: all }] = (await query<{ total_n: number }>(tx, sql`select count(*)::int as total_n from appraisal_scores where campaign_id = ${id}`)) as [{ total_n: number }];
  const entries = rows.map((r) => ({ id: Number(r.id), name: r.name, total: weightedTotal({ inner: r.inner_score, party: r.party_score, youth: r.youth_score }, c.weights) }));
  const problems = closeCampaignProblems(c.status, entries);
  // Every appraised cadre must be visible to whoever closes the campaign.
  if (all !== rows.length) problems.push('部分考核对象不在您的管理范围内，须由开展考核的组织完成');
  if (problems.length) throw new DomainError('close_refused', `不能完成考核：${problems.join('；')}`);
  const ranked = rankAndGrade(entries as { id: number; name: string; total: number }[]);
  for (const r of ranked) {
    await tx.update(appraisalScores).set({ rank: r.rank, grade: r.grade, total: Math.round(r.total) }).where(sql`id = ${r.item.id}`);
  }
  await tx.update(appraisalCampaigns).set({ status: 'closed' }).where(sql`id = ${id}`);
}

