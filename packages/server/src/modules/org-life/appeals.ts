import { randomInt } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import {
  APPEAL_CATEGORY_LABELS,
  APPEAL_STATUS_LABELS,
  DomainError,
  appealActionProblems,
  appealDaysOverdue,
  appealDeadline,
  isAppealOverdue,
  makeTrackingCode,
  maskPhone,
  normalizeTrackingCode,
  type AppealAction,
  type AppealCategory,
  type AppealEventKind,
  type AppealStatus,
  type Rules,
  type api,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { businessNow, can, chinaDateOf, likeText, loadOne, loadOrgRef, num, pageOf, refuse, subtreeFilter, today } from './common.js';

type O = typeof api.orgLife;
type AppealItem = api.orgLife.AppealItem;

export interface AppealRow {
  id: number;
  org_id: number;
  org_name: string;
  parent_id: number | null;
  tracking_code: string;
  category: AppealCategory;
  title: string;
  content: string;
  asker_name: string;
  asker_phone: string;
  status: AppealStatus;
  assignee: string | null;
  submitted_on: string;
  deadline: string;
  answer: string | null;
  answered_on: string | null;
  closed_on: string | null;
  rating: number | null;
  rating_comment: string | null;
}

export const APPEAL_SELECT = sql`
  select a.id, a.org_id, o.name as org_name, o.parent_id, a.tracking_code, a.category, a.title, a.content, a.asker_name, a.asker_phone,
         a.status, a.assignee, ${chinaDateOf('a.created_at')}::text as submitted_on, a.deadline::text as deadline, a.answer,
         a.answered_on::text as answered_on, a.closed_on::text as closed_on, a.rating, a.rating_comment
    from appeals a join organizations o on o.id = a.org_id`;

function toItem(r: AppealRow, on: string): AppealItem {
  return {
    id: num(r.id),
    orgId: num(r.org_id),
    orgName: r.org_name,
    trackingCode: r.tracking_code,
    category: r.category,
    title: r.title,
    askerName: r.asker_name,
    askerPhoneMasked: maskPhone(r.asker_phone),
    status: r.status,
    assignee: r.assignee,
    submittedOn: r.submitted_on,
    deadline: r.deadline,
    overdue: isAppealOverdue(r, on),
    daysOverdue: appealDaysOverdue(r, on),
    answeredOn: r.answered_on,
    closedOn: r.closed_on,
    rating: r.rating,
  };
}

/** A new tracking code; unique across all appeals (retried on the rare collision). */
export function newTrackingCode(on: string): string {
  return makeTrackingCode(on, Array.from({ length: 6 }, () => randomInt(0, 32)));
}

/**
 * Inserts an appeal and its first event, whoever submits it (the public
 * form, or staff for an offline appeal). A colliding tracking code — even one
 * hidden from the caller — yields no row, and another code is tried.
 */
export async function insertAppeal(
  tx: Tx,
  rules: Rules,
  a: { orgId: number; category: string; title: string; content: string; name: string; phone: string; actor: string; note: string | null },
): Promise<{ id: number; trackingCode: string; deadline: string }> {
  const on = today();
  const deadline = appealDeadline(on, rules);
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newTrackingCode(on);
    const [row] = await query<{ id: number }>(
      tx,
      sql`insert into appeals (org_id, tracking_code, category, title, content, asker_name, asker_phone, status, deadline, created_at)
          values (${a.orgId}, ${code}, ${a.category}, ${a.title}, ${a.content}, ${a.name}, ${a.phone}, 'submitted', ${deadline}, ${businessNow(on)})
          on conflict (tracking_code) do nothing returning id`,
    );
    if (row) {
      await addEvent(tx, num(row.id), a.orgId, 'submitted', a.note, a.actor);
      return { id: num(row.id), trackingCode: code, deadline };
    }
  }
  throw new Error('could not allocate a tracking code');
}

export async function addEvent(tx: Tx, appealId: number, orgId: number, kind: AppealEventKind, note: string | null, actor: string) {
  await tx.execute(sql`insert into appeal_events (appeal_id, org_id, kind, note, actor) values (${appealId}, ${orgId}, ${kind}, ${note}, ${actor})`);
}

async function appealFilter(tx: Tx, q: api.QueryOf<O['exportAppeals']>, on: string): Promise<SQL> {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.status) conds.push(sql`a.status = ${q.status}`);
  if (q.category) conds.push(sql`a.category = ${q.category}`);
  if (q.overdue !== undefined) {
    const overdue = sql`(a.status in ('submitted', 'assigned') and a.deadline < ${on}::date)`;
    conds.push(q.overdue ? overdue : sql`not ${overdue}`);
  }
  if (q.from) conds.push(sql`${chinaDateOf('a.created_at')} >= ${q.from}::date`);
  if (q.to) conds.push(sql`${chinaDateOf('a.created_at')} <= ${q.to}::date`);
  if (q.q) {
    const like = likeText(q.q);
    conds.push(sql`(a.title like ${like} or a.asker_name like ${like} or a.tracking_code = ${normalizeTrackingCode(q.q)})`);
  }
  return sql.join(conds, sql` and `);
}

export async function listAppeals(tx: Tx, q: api.QueryOf<O['listAppeals']>) {
  const on = today();
  const where = await appealFilter(tx, q, on);
  const { offset, limit } = pageOf(q);
  // Overdue first (oldest deadline first), then the newest.
  const rows = await query<AppealRow>(
    tx,
    sql`${APPEAL_SELECT} where ${where}
        order by (a.status in ('submitted', 'assigned') and a.deadline < ${on}::date) desc, a.status in ('submitted', 'assigned') desc, a.deadline, a.id desc
        offset ${offset} limit ${limit}`,
  );
  const [{ n }] = (await query<{ n: number }>(tx, sql`select count(*)::int as n from appeals a join organizations o on o.id = a.org_id where ${where}`)) as [{ n: number }];
  return { items: rows.map((r) => toItem(r, on)), total: n, page: q.page, pageSize: q.pageSize };
}

export async function allAppeals(tx: Tx, q: api.QueryOf<O['exportAppeals']>): Promise<AppealItem[]> {
  const on = today();
  const where = await appealFilter(tx, q, on);
  return (await query<AppealRow>(tx, sql`${APPEAL_SELECT} where ${where} order by a.created_at, a.id`)).map((r) => toItem(r, on));
}

export const APPEAL_EXPORT_COLUMNS = [
  { header: '查询码', width: 16, value: (a: AppealItem) => a.trackingCode },
  { header: '类别', width: 10, value: (a: AppealItem) => APPEAL_CATEGORY_LABELS[a.category] },
  { header: '标题', width: 30, value: (a: AppealItem) => a.title },
  { header: '诉求人', width: 10, value: (a: AppealItem) => a.askerName },
  { header: '联系电话', width: 14, value: (a: AppealItem) => a.askerPhoneMasked },
  { header: '承办组织', width: 30, value: (a: AppealItem) => a.orgName },
  { header: '承办人', width: 10, value: (a: AppealItem) => a.assignee },
  { header: '状态', width: 8, value: (a: AppealItem) => APPEAL_STATUS_LABELS[a.status] },
  { header: '提交日期', width: 12, value: (a: AppealItem) => a.submittedOn },
  { header: '办理时限', width: 12, value: (a: AppealItem) => a.deadline },
  { header: '超期天数', width: 8, value: (a: AppealItem) => (a.overdue ? a.daysOverdue : '') },
  { header: '答复日期', width: 12, value: (a: AppealItem) => a.answeredOn },
  { header: '办结日期', width: 12, value: (a: AppealItem) => a.closedOn },
  { header: '评分', width: 6, value: (a: AppealItem) => a.rating },
];

async function loadAppeal(tx: Tx, id: number, lock = false): Promise<AppealRow> {
  return loadOne<AppealRow>(tx, sql`${APPEAL_SELECT} where a.id = ${id} ${lock ? sql`for update of a` : sql``}`, '诉求');
}

export async function appealEvents(tx: Tx, appealId: number) {
  const rows = await query<{ kind: AppealEventKind; note: string | null; actor: string; at: string }>(
    tx,
    sql`select kind, note, actor, created_at::text as at from appeal_events where appeal_id = ${appealId} order by created_at, id`,
  );
  return rows;
}

export async function appealDetail(tx: Tx, user: SessionUser, id: number): Promise<api.ResponseOf<O['getAppeal']>> {
  const a = await loadAppeal(tx, id);
  const on = today();
  const edit = can(user, 'org:edit');
  const parentVisible = a.parent_id ? (await query<{ id: number }>(tx, sql`select id from organizations where id = ${a.parent_id}`)).length > 0 : false;
  const ok = (action: AppealAction, ctx: Parameters<typeof appealActionProblems>[2] = { today: on }) => appealActionProblems(a, action, ctx).length === 0;
  return {
    ...toItem(a, on),
    content: a.content,
    answer: a.answer,
    ratingComment: a.rating_comment,
    askerPhone: can(user, 'person:sensitive') ? a.asker_phone : null,
    events: await appealEvents(tx, id),
    can: {
      assign: edit && ok('assign'),
      answer: edit && ok('answer'),
      close: edit && ok('close'),
      transfer: edit && ok('transfer'),
      escalate: can(user, 'membership:approve') && ok('escalate', { today: on, hasParent: parentVisible }),
    },
  };
}

export async function createAppeal(tx: Tx, user: SessionUser, rules: Rules, body: api.BodyOf<O['createAppeal']>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId', '承办组织');
  if (org.status !== 'active') throw new DomainError('dissolved', '该组织已撤销，不能承办诉求', 'orgId');
  const { id } = await insertAppeal(tx, rules, {
    orgId: org.id,
    category: body.category,
    title: body.title,
    content: body.content,
    name: body.askerName,
    phone: body.askerPhone,
    actor: user.displayName,
    note: '工作人员代为登记（线下渠道）',
  });
  return id;
}

/** Moves an appeal (and its history, so the new handler sees all of it) to another organization. */
async function moveTo(tx: Tx, a: AppealRow, orgId: number, deadline: string | null) {
  await tx.execute(sql`update appeals set org_id = ${orgId}, status = 'submitted', assignee = null ${deadline ? sql`, deadline = ${deadline}` : sql``} where id = ${a.id}`);
  await tx.execute(sql`update appeal_events set org_id = ${orgId} where appeal_id = ${a.id}`);
}

export async function act(tx: Tx, user: SessionUser, rules: Rules, id: number, action: Exclude<AppealAction, 'rate'>, body: Record<string, string | number | null | undefined>) {
  const a = await loadAppeal(tx, id, true);
  const on = today();
  const actor = user.displayName;
  switch (action) {
    case 'assign': {
      refuse('assign_refused', appealActionProblems(a, 'assign', { today: on }), undefined, 409);
      await tx.execute(sql`update appeals set status = 'assigned', assignee = ${String(body.assignee)} where id = ${id}`);
      await addEvent(tx, id, num(a.org_id), 'assigned', `承办人：${body.assignee}${body.note ? `。${body.note}` : ''}`, actor);
      return;
    }
    case 'answer': {
      refuse('answer_refused', appealActionProblems(a, 'answer', { today: on }), undefined, 409);
      await tx.execute(sql`update appeals set status = 'answered', answer = ${String(body.answer)}, answered_on = ${on} where id = ${id}`);
      await addEvent(tx, id, num(a.org_id), 'answered', isAppealOverdue(a, on) ? `超期${appealDaysOverdue(a, on)}天答复` : null, actor);
      return;
    }
    case 'close': {
      refuse('close_refused', appealActionProblems(a, 'close', { today: on }), undefined, 409);
      await tx.execute(sql`update appeals set status = 'closed', closed_on = ${on} where id = ${id}`);
      await addEvent(tx, id, num(a.org_id), 'closed', (body.note as string | null | undefined) ?? null, actor);
      return;
    }
    case 'transfer': {
      const target = await loadOrgRef(tx, Number(body.orgId), 'orgId', '转办组织');
      if (target.status !== 'active') throw new DomainError('dissolved', '该组织已撤销，不能承办诉求', 'orgId');
      refuse('transfer_refused', appealActionProblems(a, 'transfer', { today: on, sameTarget: target.id === num(a.org_id) }), 'orgId', 409);
      await addEvent(tx, id, num(a.org_id), 'transferred', `由${a.org_name}转至${target.name}：${body.note}`, actor);
      await moveTo(tx, a, target.id, null);
      return;
    }
    case 'escalate': {
      const parent = a.parent_id ? (await query<{ id: number; name: string }>(tx, sql`select id, name from organizations where id = ${a.parent_id}`))[0] : undefined;
      refuse('escalate_refused', appealActionProblems(a, 'escalate', { today: on, hasParent: true }), undefined, 409);
      if (!parent) throw new HttpError(403, 'no_parent', '已是您管理范围内的最高一级组织，请由上级团委督办');
      const deadline = appealDeadline(on, rules);
      await addEvent(tx, id, num(a.org_id), 'escalated', `超期${appealDaysOverdue(a, on)}天，由${a.org_name}上报${parent!.name}督办（新时限${deadline}）：${body.note}`, actor);
      await moveTo(tx, a, num(parent!.id), deadline);
      return;
    }
  }
}

export async function appealStats(tx: Tx, path: string, range: { from: string; to: string }) {
  const on = today();
  const base = sql`from appeals a join organizations o on o.id = a.org_id where o.path <@ ${path}::ltree and ${chinaDateOf('a.created_at')} between ${range.from}::date and ${range.to}::date`;
  const byStatus = await query<{ key: string; n: number }>(tx, sql`select a.status as key, count(*)::int as n ${base} group by a.status`);
  const byCategory = await query<{ category: AppealCategory; count: number }>(tx, sql`select a.category, count(*)::int as count ${base} group by a.category order by 2 desc, 1`);
  const [t] = await query<{ total: number; overdue: number; on_time: number; rating: number | null }>(
    tx,
    sql`select count(*)::int as total,
               count(*) filter (where a.status in ('submitted', 'assigned') and a.deadline < ${on}::date)::int as overdue,
               count(*) filter (where a.answered_on is not null and a.answered_on <= a.deadline)::int as on_time,
               round(avg(a.rating), 2)::float8 as rating ${base}`,
  );
  return {
    total: t!.total,
    byStatus: Object.fromEntries(byStatus.map((r) => [r.key, r.n])),
    byCategory,
    overdue: t!.overdue,
    answeredOnTime: t!.on_time,
    averageRating: t!.rating === null ? null : Number(t!.rating),
  };
}

