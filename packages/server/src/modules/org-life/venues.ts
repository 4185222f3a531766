import { sql, type SQL } from 'drizzle-orm';
import {
  VENUE_KIND_LABELS,
  VENUE_STATUS_LABELS,
  venueCheckProblems,
  venueIdleness,
  venueStandard,
  type Rules,
  type VenueEvidence,
  type VenueKind,
  type VenueStatus,
  type api,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { ACTIVITY_SELECT, toActivityItem } from './activities.js';
import { listAttachments } from './attachments.js';
import { businessNow, can, chinaDateOf, likeText, loadOne, loadOrgRef, num, pageOf, refuse, subtreeFilter, today } from './common.js';

type O = typeof api.orgLife;
type VenueItem = api.orgLife.VenueItem;

interface VenueRow {
  id: number;
  org_id: number;
  org_name: string;
  kind: VenueKind;
  name: string;
  address: string;
  operator: string | null;
  opening_hours: string | null;
  has_site: boolean;
  has_rules: boolean;
  has_staff: boolean;
  evidence: VenueEvidence;
  status: VenueStatus;
  registered_on: string;
  activity_count: number;
  last_activity_on: string | null;
}

const VENUE_SELECT = sql`
  select v.id, v.org_id, o.name as org_name, v.kind, v.name, v.address, v.operator, v.opening_hours, v.has_site, v.has_rules, v.has_staff,
         v.evidence, v.status, ${chinaDateOf('v.created_at')}::text as registered_on,
         (select count(*)::int from activities x where x.venue_id = v.id) as activity_count,
         (select max(x.held_on)::text from activities x where x.venue_id = v.id) as last_activity_on
    from venues v join organizations o on o.id = v.org_id`;

function toItem(r: VenueRow, rules: Rules, on: string): VenueItem {
  const checks = { site: r.has_site, rules: r.has_rules, staff: r.has_staff };
  const standard = venueStandard(checks);
  const idle = venueIdleness({ status: r.status, lastActivityOn: r.last_activity_on, registeredOn: r.registered_on }, on, rules);
  return {
    id: num(r.id),
    orgId: num(r.org_id),
    orgName: r.org_name,
    kind: r.kind,
    name: r.name,
    address: r.address,
    operator: r.operator,
    openingHours: r.opening_hours,
    checks,
    standardMet: standard.met,
    missing: standard.missing,
    status: r.status,
    registeredOn: r.registered_on,
    activityCount: Number(r.activity_count),
    lastActivityOn: r.last_activity_on,
    idle: idle.idle,
    daysWithoutActivity: idle.daysWithoutActivity,
  };
}

async function venueFilter(tx: Tx, rules: Rules, q: api.QueryOf<O['exportVenues']>): Promise<SQL> {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.kind) conds.push(sql`v.kind = ${q.kind}`);
  if (q.status) conds.push(sql`v.status = ${q.status}`);
  if (q.q) conds.push(sql`v.name like ${likeText(q.q)}`);
  if (q.standardMet !== undefined) conds.push(q.standardMet ? sql`(v.has_site and v.has_rules and v.has_staff)` : sql`not (v.has_site and v.has_rules and v.has_staff)`);
  if (q.idle !== undefined) {
    // Same rule as venueIdleness: no activity for venueIdleDays, counted from the last activity or the registration.
    const idle = sql`(v.status = 'active' and coalesce((select max(x.held_on) from activities x where x.venue_id = v.id), ${chinaDateOf('v.created_at')})
                      <= ${today()}::date - ${rules.youthWork.venueIdleDays}::int)`;
    conds.push(q.idle ? idle : sql`not ${idle}`);
  }
  return sql.join(conds, sql` and `);
}

export async function listVenues(tx: Tx, rules: Rules, q: api.QueryOf<O['listVenues']>) {
  const where = await venueFilter(tx, rules, q);
  const { offset, limit } = pageOf(q);
  const on = today();
  const rows = await query<VenueRow>(tx, sql`${VENUE_SELECT} where ${where} order by o.path, v.id offset ${offset} limit ${limit}`);
  const [{ n }] = (await query<{ n: number }>(tx, sql`select count(*)::int as n from venues v join organizations o on o.id = v.org_id where ${where}`)) as [{ n: number }];
  return { items: rows.map((r) => toItem(r, rules, on)), total: n, page: q.page, pageSize: q.pageSize, idleDays: rules.youthWork.venueIdleDays };
}

export async function allVenues(tx: Tx, rules: Rules, q: api.QueryOf<O['exportVenues']>): Promise<VenueItem[]> {
  const where = await venueFilter(tx, rules, q);
  const on = today();
  return (await query<VenueRow>(tx, sql`${VENUE_SELECT} where ${where} order by o.path, v.id`)).map((r) => toItem(r, rules, on));
}

export const VENUE_EXPORT_COLUMNS = [
  { header: '阵地名称', width: 30, value: (v: VenueItem) => v.name },
  { header: '类型', width: 16, value: (v: VenueItem) => VENUE_KIND_LABELS[v.kind] },
  { header: '所属组织', width: 30, value: (v: VenueItem) => v.orgName },
  { header: '地址', width: 30, value: (v: VenueItem) => v.address },
  { header: '运营方', width: 20, value: (v: VenueItem) => v.operator },
  { header: '开放时间', width: 20, value: (v: VenueItem) => v.openingHours },
  { header: '有阵地依托', width: 10, value: (v: VenueItem) => (v.checks.site ? '是' : '否') },
  { header: '有规范制度', width: 10, value: (v: VenueItem) => (v.checks.rules ? '是' : '否') },
  { header: '有运营力量', width: 10, value: (v: VenueItem) => (v.checks.staff ? '是' : '否') },
  { header: '活动场次', width: 10, value: (v: VenueItem) => v.activityCount },
  { header: '最近活动', width: 12, value: (v: VenueItem) => v.lastActivityOn },
  { header: '是否闲置', width: 10, value: (v: VenueItem) => (v.idle ? `闲置（${v.daysWithoutActivity}天无活动）` : '否') },
  { header: '状态', width: 8, value: (v: VenueItem) => VENUE_STATUS_LABELS[v.status] },
];

export async function venueDetail(tx: Tx, user: SessionUser, rules: Rules, id: number): Promise<api.ResponseOf<O['getVenue']>> {
  const v = await loadOne<VenueRow>(tx, sql`${VENUE_SELECT} where v.id = ${id}`, '阵地');
  const recent = await query<Parameters<typeof toActivityItem>[0]>(tx, sql`${ACTIVITY_SELECT} where a.venue_id = ${id} order by a.held_on desc, a.id desc limit 20`);
  const edit = can(user, 'org:edit');
  return {
    ...toItem(v, rules, today()),
    evidence: { site: v.evidence.site ?? null, rules: v.evidence.rules ?? null, staff: v.evidence.staff ?? null },
    recentActivities: recent.map(toActivityItem),
    attachments: await listAttachments(tx, 'venue', id),
    idleDays: rules.youthWork.venueIdleDays,
    can: { edit, upload: edit },
  };
}

const cleanEvidence = (e: Record<string, string | null | undefined>): VenueEvidence =>
  Object.fromEntries(Object.entries(e).filter(([, v]) => typeof v === 'string' && v.trim()).map(([k, v]) => [k, v!.trim()]));

export async function createVenue(tx: Tx, body: api.BodyOf<O['createVenue']>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId');
  if (org.status !== 'active') throw new HttpError(409, 'dissolved', '该组织已撤销，不能登记阵地', 'orgId');
  const evidence = cleanEvidence(body.evidence);
  refuse('venue_refused', venueCheckProblems(body.checks, evidence), 'evidence');
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into venues (org_id, kind, name, address, operator, opening_hours, has_site, has_rules, has_staff, evidence, created_at)
        values (${org.id}, ${body.kind}, ${body.name}, ${body.address}, ${body.operator ?? null}, ${body.openingHours ?? null},
                ${body.checks.site}, ${body.checks.rules}, ${body.checks.staff}, ${JSON.stringify(evidence)}::jsonb, ${businessNow(today())}) returning id`,
  );
  return num(row!.id);
}

export async function updateVenue(tx: Tx, id: number, body: api.BodyOf<O['updateVenue']>) {
  const v = await loadOne<VenueRow>(tx, sql`${VENUE_SELECT} where v.id = ${id} for update of v`, '阵地');
  const checks = { site: v.has_site, rules: v.has_rules, staff: v.has_staff, ...Object.fromEntries(Object.entries(body.checks ?? {}).filter(([, x]) => x !== undefined)) };
  const evidence = cleanEvidence({ ...v.evidence, ...(body.evidence ?? {}) });
  refuse('venue_refused', venueCheckProblems(checks, evidence), 'evidence');
  await tx.execute(sql`update venues set
      kind = ${body.kind ?? v.kind}, name = ${body.name ?? v.name}, address = ${body.address ?? v.address},
      operator = ${body.operator === undefined ? v.operator : body.operator},
      opening_hours = ${body.openingHours === undefined ? v.opening_hours : body.openingHours},
      has_site = ${checks.site}, has_rules = ${checks.rules}, has_staff = ${checks.staff},
      evidence = ${JSON.stringify(evidence)}::jsonb, status = ${body.status ?? v.status}
    where id = ${id}`);
}
