import { sql } from 'drizzle-orm';
import { CAMPAIGN_TARGET_STATE_LABELS, DomainError, campaignProblems, campaignTargetProgress, type ElectionStep, type api } from '@tuanjian/domain';
import type { SheetColumn } from '../../excel/workbook.js';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import { today } from '../../lib/clock.js';
import { chinaDateOf, loadOrgRef, num, subtreeFilter } from '../org-life/common.js';

type R = typeof api.registries;

/**
 * 换届 campaigns as the caller sees them: every target row in scope (a county
 * sees all its campaigns' targets, a township its own), grouped by campaign,
 * each target's progress from its latest election started since the campaign.
 */
export async function listCampaigns(tx: Tx, q: api.QueryOf<R['listElectionCampaigns']>): Promise<api.registries.CampaignItem[]> {
  const on = today();
  const rows = await query<{ id: number; campaign_id: number; org_id: number; org_name: string; title: string; deadline: string; started_on: string; election_id: number | null; stage: ElectionStep | null; status: 'in_progress' | 'completed' | 'cancelled' | null }>(
    tx,
    sql`select t.id, t.campaign_id, t.org_id, o.name as org_name, t.title, t.deadline::text as deadline, t.started_on::text as started_on,
               e.id as election_id, e.stage, e.status
          from election_campaign_targets t join organizations o on o.id = t.org_id
          left join lateral (select id, stage, status from elections el where el.org_id = t.org_id and el.kind = 'election' and el.status <> 'cancelled'
                               and ${chinaDateOf('el.created_at')} >= t.started_on order by el.id desc limit 1) e on true
         where ${await subtreeFilter(tx, q.under)}
         order by t.deadline, t.campaign_id, o.sort_order, o.path`,
  );
  const byCampaign = new Map<number, api.registries.CampaignItem>();
  for (const r of rows) {
    const cid = num(r.campaign_id);
    let c = byCampaign.get(cid);
    if (!c) {
      c = { id: cid, title: r.title, deadline: r.deadline, startedOn: r.started_on, targets: [], completed: 0, overdue: 0 };
      byCampaign.set(cid, c);
    }
    const p = campaignTargetProgress({ election: r.stage && r.status ? { stage: r.stage, status: r.status } : null }, r.deadline, on);
    c.targets.push({ id: num(r.id), campaignId: cid, orgId: num(r.org_id), orgName: r.org_name, electionId: r.election_id === null ? null : num(r.election_id), ...p });
    if (p.state === 'completed') c.completed++;
    if (p.overdue) c.overdue++;
  }
  return [...byCampaign.values()];
}

type TargetRow = api.registries.CampaignItem['targets'][number] & { title: string; deadline: string };

/** The export of 换届 campaigns: one row per organization, as the list shows it. */
export const CAMPAIGN_EXPORT_COLUMNS: SheetColumn<TargetRow>[] = [
  { header: '部署名称', width: 28, value: (t) => t.title },
  { header: '完成期限', width: 12, value: (t) => t.deadline },
  { header: '换届组织', width: 32, value: (t) => t.orgName },
  { header: '换届进度', width: 14, value: (t) => t.stepLabel },
  { header: '已完成步骤', width: 10, value: (t) => `${t.stepsDone}/${t.stepsTotal}` },
  { header: '状态', width: 10, value: (t) => CAMPAIGN_TARGET_STATE_LABELS[t.state] },
  { header: '是否逾期', width: 10, value: (t) => (t.overdue ? '逾期' : '') },
];

export async function campaignTargetRows(tx: Tx, q: api.QueryOf<R['exportElectionCampaigns']>): Promise<TargetRow[]> {
  return (await listCampaigns(tx, q)).flatMap((c) => c.targets.map((t) => ({ ...t, title: c.title, deadline: c.deadline })));
}

export async function createCampaign(tx: Tx, body: api.BodyOf<R['createElectionCampaign']>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId', '部署单位');
  const on = today();
  const ids = [...new Set(body.targetIds)];
  const problems = campaignProblems({ deadline: body.deadline, targets: ids.length }, on);
  if (problems.length) throw new DomainError('campaign_refused', problems.join('；'), ids.length ? 'deadline' : 'targetIds');
  const below = await query<{ id: number }>(
    tx,
    sql`select id from organizations where id = any(${sql.param(ids)}::bigint[]) and path <@ ${org.path}::ltree and id <> ${org.id} and status = 'active'`,
  );
  if (below.length !== ids.length) throw new HttpError(422, 'not_below', '换届组织须是部署单位下级的正常状态组织', 'targetIds');
  const [c] = await query<{ id: number }>(
    tx,
    sql`insert into election_campaigns (org_id, title, deadline, started_on) values (${org.id}, ${body.title}, ${body.deadline}, ${on}) returning id`,
  );
  const values = ids.map((id) => sql`(${num(c!.id)}, ${org.id}, ${id}, ${body.title}, ${body.deadline}::date, ${on}::date)`);
  await tx.execute(sql`insert into election_campaign_targets (campaign_id, campaign_org_id, org_id, title, deadline, started_on) values ${sql.join(values, sql`, `)}`);
  return num(c!.id);
}
