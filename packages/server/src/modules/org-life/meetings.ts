import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  MEETING_KIND_LABELS,
  MEETING_STATUS_LABELS,
  calendarPeriodOf,
  describeRequirement,
  hasQuorum,
  meetingCancelProblems,
  meetingCompliance,
  meetingDocumentation,
  meetingOrgProblem,
  meetingPlanProblems,
  meetingRecordProblems,
  meetingRequirements,
  meetingsDue,
  type MeetingKind,
  type MeetingStatus,
  type Rules,
  type api,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import type { SessionUser } from '../../http/session.js';
import { loadOrg } from '../organizations/service.js';
import { attachmentCount, listAttachments } from './attachments.js';
import { can, likeText, loadOne, loadOrgRef, loadPeopleRefs, num, numOrNull, pageOf, periodOf, refuse, subtreeFilter, today } from './common.js';

type O = typeof api.orgLife;
type MeetingItem = api.orgLife.MeetingItem;

interface MeetingRow {
  id: number;
  org_id: number;
  org_name: string;
  org_short_name: string | null;
  kind: MeetingKind;
  topic: string;
  planned_on: string;
  held_on: string | null;
  place: string | null;
  plan: string | null;
  minutes: string | null;
  status: MeetingStatus;
  expected: number | null;
  present: number | null;
  attachments: number;
}

const MEETING_SELECT = sql`
  select m.id, m.org_id, o.name as org_name, o.short_name as org_short_name, m.kind, m.topic, m.planned_on::text as planned_on, m.held_on::text as held_on, m.place,
         m.plan, m.minutes, m.status, m.expected, m.present, ${attachmentCount('meeting', 'm')} as attachments
    from meetings m join organizations o on o.id = m.org_id`;

function toItem(r: MeetingRow): MeetingItem {
  const doc = meetingDocumentation({ status: r.status, plan: r.plan, minutes: r.minutes, attachments: Number(r.attachments) });
  return {
    id: num(r.id),
    orgId: num(r.org_id),
    orgName: r.org_name,
    orgShortName: r.org_short_name,
    kind: r.kind,
    topic: r.topic,
    plannedOn: r.planned_on,
    heldOn: r.held_on,
    place: r.place,
    status: r.status,
    expected: numOrNull(r.expected),
    present: numOrNull(r.present),
    attachmentCount: Number(r.attachments),
    documentation: { planned: doc.planned, recorded: doc.recorded, archived: doc.archived },
  };
}

async function meetingFilter(tx: Tx, q: api.QueryOf<O['exportMeetings']>): Promise<SQL> {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.kind) conds.push(sql`m.kind = ${q.kind}`);
  if (q.status) conds.push(sql`m.status = ${q.status}`);
  if (q.from) conds.push(sql`coalesce(m.held_on, m.planned_on) >= ${q.from}::date`);
  if (q.to) conds.push(sql`coalesce(m.held_on, m.planned_on) <= ${q.to}::date`);
  if (q.q) conds.push(sql`m.topic like ${likeText(q.q)}`);
  return sql.join(conds, sql` and `);
}

export async function listMeetings(tx: Tx, q: api.QueryOf<O['listMeetings']>) {
  const where = await meetingFilter(tx, q);
  const { offset, limit } = pageOf(q);
  // What needs attention first: planned meetings past their date (the longest overdue first), then what
  // happened recently (newest first), then the plans still ahead (the nearest first).
  const on = today();
  const rows = await query<MeetingRow>(
    tx,
    sql`${MEETING_SELECT} where ${where}
        order by case when m.status = 'planned' and m.planned_on < ${on}::date then 0
                      when coalesce(m.held_on, m.planned_on) <= ${on}::date then 1 else 2 end,
                 case when m.status = 'planned' and m.planned_on < ${on}::date then m.planned_on end asc,
                 case when coalesce(m.held_on, m.planned_on) <= ${on}::date then coalesce(m.held_on, m.planned_on) end desc,
                 coalesce(m.held_on, m.planned_on) asc, m.id desc
        offset ${offset} limit ${limit}`,
  );
  const [{ n }] = (await query<{ n: number }>(tx, sql`select count(*)::int as n from meetings m join organizations o on o.id = m.org_id where ${where}`)) as [{ n: number }];
  return { items: rows.map(toItem), total: n, page: q.page, pageSize: q.pageSize };
}

export async function allMeetings(tx: Tx, q: api.QueryOf<O['exportMeetings']>): Promise<MeetingItem[]> {
  const where = await meetingFilter(tx, q);
  return (await query<MeetingRow>(tx, sql`${MEETING_SELECT} where ${where} order by o.path, coalesce(m.held_on, m.planned_on)`)).map(toItem);
}

export const MEETING_EXPORT_COLUMNS = [
  { header: '组织', width: 36, value: (m: MeetingItem) => m.orgName },
  { header: '会议类型', width: 14, value: (m: MeetingItem) => MEETING_KIND_LABELS[m.kind] },
  { header: '主题', width: 36, value: (m: MeetingItem) => m.topic },
  { header: '计划日期', width: 12, value: (m: MeetingItem) => m.plannedOn },
  { header: '召开日期', width: 12, value: (m: MeetingItem) => m.heldOn },
  { header: '地点', width: 20, value: (m: MeetingItem) => m.place },
  { header: '状态', width: 8, value: (m: MeetingItem) => MEETING_STATUS_LABELS[m.status] },
  { header: '应到', width: 6, value: (m: MeetingItem) => m.expected },
  { header: '实到', width: 6, value: (m: MeetingItem) => m.present },
  { header: '会前计划', width: 8, value: (m: MeetingItem) => (m.documentation.planned ? '有' : '无') },
  { header: '会议记录', width: 8, value: (m: MeetingItem) => (m.documentation.recorded ? '有' : '无') },
  { header: '会后归档', width: 8, value: (m: MeetingItem) => (m.documentation.archived ? '有' : '无') },
];

async function loadMeeting(tx: Tx, id: number, lock = false): Promise<MeetingRow> {
  return loadOne<MeetingRow>(tx, sql`${MEETING_SELECT} where m.id = ${id} ${lock ? sql`for update of m` : sql``}`, '会议');
}

/** The branch's active members: the list attendance is taken from. */
async function roster(tx: Tx, orgId: number) {
  return query<{ id: number; name: string; member_no: string | null }>(
    tx,
    sql`select id, name, member_no from people where org_id = ${orgId} and member_status = 'active' and registry_status = 'active' order by name, id`,
  );
}

export async function meetingDetail(tx: Tx, user: SessionUser, id: number): Promise<api.ResponseOf<O['getMeeting']>> {
  const m = await loadMeeting(tx, id);
  const attendance = await query<{ person_id: number; name: string; present: boolean; absence_reason: string | null }>(
    tx,
    sql`select a.person_id, p.name, a.present, a.absence_reason from meeting_attendance a join people p on p.id = a.person_id
         where a.meeting_id = ${id} order by a.present desc, p.name`,
  );
  const members = await roster(tx, num(m.org_id));
  const attachments = await listAttachments(tx, 'meeting', id);
  const doc = meetingDocumentation({ status: m.status, plan: m.plan, minutes: m.minutes, attachments: attachments.length });
  const edit = can(user, 'org:edit');
  return {
    ...toItem(m),
    plan: m.plan,
    minutes: m.minutes,
    attendance: attendance.map((a) => ({ personId: num(a.person_id), name: a.name, present: a.present, absenceReason: a.absence_reason })),
    roster: members.map((p) => ({ personId: num(p.id), name: p.name, memberNo: p.member_no })),
    quorum: hasQuorum(m.kind, numOrNull(m.expected), numOrNull(m.present)),
    missing: doc.missing,
    attachments,
    can: { edit: edit && m.status === 'planned', record: edit && m.status === 'planned', cancel: edit && m.status === 'planned', upload: edit && m.status !== 'cancelled' },
  };
}

export async function createMeeting(tx: Tx, body: api.BodyOf<O['createMeeting']>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId', '团支部');
  const orgProblem = meetingOrgProblem(org.type, org.status);
  if (orgProblem) throw new DomainError('not_branch', orgProblem, 'orgId');
  refuse('plan_refused', meetingPlanProblems(body, today()), 'plannedOn');
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into meetings (org_id, kind, topic, planned_on, place, plan, status)
        values (${org.id}, ${body.kind}, ${body.topic}, ${body.plannedOn}, ${body.place ?? null}, ${body.plan ?? null}, 'planned') returning id`,
  );
  return num(row!.id);
}

export async function updateMeeting(tx: Tx, id: number, body: api.BodyOf<O['updateMeeting']>) {
  const m = await loadMeeting(tx, id, true);
  refuse('plan_refused', meetingPlanProblems({ plannedOn: body.plannedOn ?? m.planned_on }, today(), m), 'plannedOn', m.status === 'planned' ? 422 : 409);
  await tx.execute(sql`update meetings set
      topic = ${body.topic ?? m.topic},
      planned_on = ${body.plannedOn ?? m.planned_on},
      place = ${body.place === undefined ? m.place : body.place},
      plan = ${body.plan === undefined ? m.plan : body.plan}
    where id = ${id}`);
}

export async function recordMeeting(tx: Tx, id: number, body: api.BodyOf<O['recordMeeting']>) {
  const m = await loadMeeting(tx, id, true);
  // References first: anyone out of scope answers 404 before any rule.
  await loadPeopleRefs(tx, body.presentIds, 'presentIds', '出席人员');
  await loadPeopleRefs(tx, body.absentIds, 'absentIds', '缺席人员');
  const members = new Set((await roster(tx, num(m.org_id))).map((p) => num(p.id)));
  const problems = meetingRecordProblems({ kind: m.kind, status: m.status, plannedOn: m.planned_on }, body, members, today());
  refuse(m.status === 'planned' ? 'record_refused' : 'already_recorded', problems, undefined, m.status === 'planned' ? 422 : 409);
  const reasons = body.absenceReasons ?? {};
  const rows = [
    ...body.presentIds.map((pid) => sql`(${id}, ${m.org_id}, ${pid}, true, null)`),
    ...body.absentIds.map((pid) => sql`(${id}, ${m.org_id}, ${pid}, false, ${reasons[String(pid)]?.trim() || null})`),
  ];
  await tx.execute(sql`insert into meeting_attendance (meeting_id, org_id, person_id, present, absence_reason) values ${sql.join(rows, sql`, `)}`);
  await tx.execute(sql`update meetings set status = 'held', held_on = ${body.heldOn}, place = ${body.place ?? m.place}, minutes = ${body.minutes},
      expected = ${body.presentIds.length + body.absentIds.length}, present = ${body.presentIds.length} where id = ${id}`);
}

export async function cancelMeeting(tx: Tx, id: number, reason: string) {
  const m = await loadMeeting(tx, id, true);
  refuse('cancel_refused', meetingCancelProblems(m), undefined, 409);
  await tx.execute(sql`update meetings set status = 'cancelled', minutes = ${`取消原因：${reason}`} where id = ${id}`);
}

/* ---------------------------------------------------------------- compliance */

interface BranchRow {
  id: number;
  name: string;
  parent_name: string | null;
  founded_on: string | null;
  members: number;
}

/** Every branch's compliance; behind first, lowest rate first (`behindInTreeOrder`: behindOnly lists in tree order, as the kept page walks). */
export async function compliance(tx: Tx, rules: Rules, q: api.QueryOf<O['exportCompliance']>, opts: { behindInTreeOrder?: boolean } = {}) {
  const org = await loadOrg(tx, q.orgId);
  const range = periodOf(q);
  const { items, required, met } = await branchCompliance(tx, rules, sql`o.path <@ ${org.path}::ltree`, range);
  const behind = items.filter((i) => i.behind).length;
  const shown =
    q.behindOnly && opts.behindInTreeOrder
      ? items.filter((i) => i.behind)
      : (q.behindOnly ? items.filter((i) => i.behind) : items).sort((a, b) => Number(b.behind) - Number(a.behind) || (a.rate ?? 2) - (b.rate ?? 2));
  return {
    from: range.from,
    to: range.to,
    requirements: meetingRequirements(rules).map((r) => ({ ...r, text: describeRequirement(r) })),
    branches: items.length,
    behind,
    rate: required ? Math.round((met / required) * 10_000) / 10_000 : null,
    items: shown,
  };
}

/** Each active branch matching `where` (over organizations o), in path order, with its compliance over the range. */
export async function branchCompliance(tx: Tx, rules: Rules, where: SQL, range: { from: string; to: string }) {
  const on = today();
  const branches = await query<BranchRow>(
    tx,
    sql`select o.id, o.name, p.name as parent_name, o.founded_on::text as founded_on,
               (select count(*)::int from people x where x.org_id = o.id and x.member_status = 'active') as members
          from organizations o left join organizations p on p.id = o.parent_id
         where ${where} and o.type in ('branch', 'joint_branch') and o.status = 'active'
         order by o.path`,
  );
  // Whole quarters around the range, so that quarter requirements see every meeting of the quarter.
  const from = calendarPeriodOf(range.from, 'quarter').start;
  const to = calendarPeriodOf(range.to, 'quarter').end;
  const held = await query<{ org_id: number; kind: string; held_on: string }>(
    tx,
    sql`select m.org_id, m.kind, m.held_on::text as held_on from meetings m join organizations o on o.id = m.org_id
         where ${where} and m.status = 'held' and m.held_on between ${from}::date and ${to}::date`,
  );
  const byOrg = new Map<number, { kind: string; heldOn: string }[]>();
  for (const h of held) {
    const list = byOrg.get(num(h.org_id)) ?? [];
    list.push({ kind: h.kind, heldOn: h.held_on });
    byOrg.set(num(h.org_id), list);
  }
  let required = 0;
  let met = 0;
  const items = branches.map((b) => {
    const mine = byOrg.get(num(b.id)) ?? [];
    const c = meetingCompliance(mine, range, on, rules, b.founded_on);
    required += c.required;
    met += c.met;
    const inRange = mine.filter((h) => h.heldOn >= range.from && h.heldOn <= range.to);
    return {
      orgId: num(b.id),
      orgName: b.name,
      parentName: b.parent_name,
      members: Number(b.members),
      required: c.required,
      met: c.met,
      rate: c.rate,
      behind: c.behind,
      shortfalls: c.shortfalls.map((s) => s.text),
      kinds: c.kinds.map((k) => ({ kind: k.kind, required: k.required, met: k.met, held: inRange.filter((h) => h.kind === k.kind).length, short: k.short })),
      lastHeldOn: inRange.reduce<string | null>((a, h) => (a === null || h.heldOn > a ? h.heldOn : a), null),
    };
  });
  return { items, required, met };
}

/* ----------------------------------------------------------------------- due */

export async function due(tx: Tx, rules: Rules, orgId: number): Promise<api.ResponseOf<O['getDue']>> {
  const org = await loadOrg(tx, orgId);
  const problem = meetingOrgProblem(org.type, org.status);
  if (problem) throw new DomainError('not_branch', problem, 'orgId');
  const on = today();
  const quarter = calendarPeriodOf(on, 'quarter');
  const rows = await query<MeetingRow>(
    tx,
    sql`${MEETING_SELECT} where m.org_id = ${orgId} and m.status <> 'cancelled'
          and (m.held_on between ${quarter.start}::date and ${quarter.end}::date or (m.status = 'planned' and m.planned_on >= ${quarter.start}::date))
        order by m.planned_on`,
  );
  const year = Number(on.slice(0, 4));
  const [two] = await query<{ members: number; registered: number; appraised: number }>(
    tx,
    sql`select count(*)::int as members,
               count(*) filter (where exists (select 1 from registrations r where r.person_id = p.id and r.year = ${year} and r.status = 'registered'))::int as registered,
               count(*) filter (where exists (select 1 from appraisals a where a.person_id = p.id and a.year = ${year - 1}))::int as appraised
          from people p where p.org_id = ${orgId} and p.member_status = 'active'`,
  );
  return {
    org: { id: org.id, name: org.name },
    today: on,
    items: meetingsDue(rows.map((r) => ({ kind: r.kind, status: r.status, heldOn: r.held_on, plannedOn: r.planned_on })), on, rules),
    upcoming: rows.filter((r) => r.status === 'planned').map(toItem),
    registration: { year, members: two!.members, registered: two!.registered },
    appraisal: { year: year - 1, members: two!.members, appraised: two!.appraised },
  };
}
