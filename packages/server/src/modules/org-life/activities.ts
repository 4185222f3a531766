import { sql, type SQL } from 'drizzle-orm';
import { ACTIVITY_TYPE_LABELS, activityProblems, type ActivityType, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { loadOrg } from '../organizations/service.js';
import { attachmentCount, listAttachments } from './attachments.js';
import { activityStatsQuery, byCodePoint, monthRanges, runFigures } from './figures.js';
import { can, likeText, loadOne, loadOrgRef, loadPeopleRefs, num, numOrNull, pageOf, periodOf, refuse, subtreeFilter, today } from './common.js';

type O = typeof api.orgLife;
type ActivityItem = api.orgLife.ActivityItem;

interface ActivityRow {
  id: number;
  org_id: number;
  org_name: string;
  org_short_name: string | null;
  venue_id: number | null;
  venue_name: string | null;
  type: ActivityType;
  theme: string;
  held_on: string;
  place: string | null;
  organizer: string;
  member_count: number;
  youth_count: number;
  description: string | null;
  attachments: number;
}

export const ACTIVITY_SELECT = sql`
  select a.id, a.org_id, o.name as org_name, o.short_name as org_short_name, a.venue_id, v.name as venue_name, a.type, a.theme, a.held_on::text as held_on, a.place,
         a.organizer, a.member_count, a.youth_count, a.description, ${attachmentCount('activity', 'a')} as attachments
    from activities a join organizations o on o.id = a.org_id left join venues v on v.id = a.venue_id`;

export const toActivityItem = (r: ActivityRow): ActivityItem => ({
  id: num(r.id),
  orgId: num(r.org_id),
  orgName: r.org_name,
  orgShortName: r.org_short_name,
  venueId: numOrNull(r.venue_id),
  venueName: r.venue_name,
  type: r.type,
  theme: r.theme,
  heldOn: r.held_on,
  place: r.place,
  organizer: r.organizer,
  memberCount: Number(r.member_count),
  youthCount: Number(r.youth_count),
  attachmentCount: Number(r.attachments),
});

/** A venue named by an input, visible to the caller, else 404 on the field. */
export async function loadVenueRef(tx: Tx, id: number, field: string) {
  return loadOne<{ id: number; org_id: number; name: string; status: string }>(tx, sql`select id, org_id, name, status from venues where id = ${id}`, '阵地', field);
}

async function activityFilter(tx: Tx, q: api.QueryOf<O['exportActivities']>): Promise<SQL> {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.venueId) {
    await loadVenueRef(tx, q.venueId, 'venueId');
    conds.push(sql`a.venue_id = ${q.venueId}`);
  }
  if (q.type) conds.push(sql`a.type = ${q.type}`);
  if (q.from) conds.push(sql`a.held_on >= ${q.from}::date`);
  if (q.to) conds.push(sql`a.held_on <= ${q.to}::date`);
  if (q.q) conds.push(sql`a.theme like ${likeText(q.q)}`);
  return sql.join(conds, sql` and `);
}

export async function listActivities(tx: Tx, q: api.QueryOf<O['listActivities']>) {
  const where = await activityFilter(tx, q);
  const { offset, limit } = pageOf(q);
  const rows = await query<ActivityRow>(tx, sql`${ACTIVITY_SELECT} where ${where} order by a.held_on desc, a.id desc offset ${offset} limit ${limit}`);
  const [{ n }] = (await query<{ n: number }>(tx, sql`select count(*)::int as n from activities a join organizations o on o.id = a.org_id where ${where}`)) as [{ n: number }];
  return { items: rows.map(toActivityItem), total: n, page: q.page, pageSize: q.pageSize };
}

export async function allActivities(tx: Tx, q: api.QueryOf<O['exportActivities']>): Promise<ActivityItem[]> {
  const where = await activityFilter(tx, q);
  return (await query<ActivityRow>(tx, sql`${ACTIVITY_SELECT} where ${where} order by a.held_on, a.id`)).map(toActivityItem);
}

export const ACTIVITY_EXPORT_COLUMNS = [
  { header: '组织', width: 36, value: (a: ActivityItem) => a.orgName },
  { header: '活动类型', width: 12, value: (a: ActivityItem) => ACTIVITY_TYPE_LABELS[a.type] },
  { header: '活动主题', width: 36, value: (a: ActivityItem) => a.theme },
  { header: '日期', width: 12, value: (a: ActivityItem) => a.heldOn },
  { header: '地点', width: 20, value: (a: ActivityItem) => a.place },
  { header: '阵地', width: 24, value: (a: ActivityItem) => a.venueName },
  { header: '组织者', width: 14, value: (a: ActivityItem) => a.organizer },
  { header: '团员人数', width: 10, value: (a: ActivityItem) => a.memberCount },
  { header: '青年人数', width: 10, value: (a: ActivityItem) => a.youthCount },
];

export async function activityDetail(tx: Tx, user: SessionUser, id: number): Promise<api.ResponseOf<O['getActivity']>> {
  const a = await loadOne<ActivityRow>(tx, sql`${ACTIVITY_SELECT} where a.id = ${id}`, '活动');
  const participants = await query<{ person_id: number; name: string; member_status: string | null; org_name: string }>(
    tx,
    sql`select ap.person_id, p.name, p.member_status, o.name as org_name from activity_participants ap
          join people p on p.id = ap.person_id join organizations o on o.id = p.org_id where ap.activity_id = ${id} order by p.name`,
  );
  const edit = can(user, 'org:edit');
  return {
    ...toActivityItem(a),
    description: a.description,
    participants: participants.map((p) => ({ personId: num(p.person_id), name: p.name, isMember: p.member_status === 'active', orgName: p.org_name })),
    attachments: await listAttachments(tx, 'activity', id),
    can: { edit, upload: edit },
  };
}

type ActivityFields = Partial<api.BodyOf<O['createActivity']>>;

/** Loads every reference of an activity input (404 on the field when out of scope), then checks the rules. */
async function checkActivity(tx: Tx, merged: { heldOn: string; memberCount: number; youthCount: number; venueId: number | null }, input: ActivityFields, existing: Set<number>) {
  const venue = input.venueId ? await loadVenueRef(tx, input.venueId, 'venueId') : null;
  const people = await loadPeopleRefs(tx, input.participantIds ?? [], 'participantIds', '参加人员');
  const all = new Set([...existing, ...people.keys()]);
  const members = await query<{ n: number }>(tx, sql`select count(*)::int as n from people where id = any(${sql.param([...all])}::bigint[]) and member_status = 'active'`);
  const listedMembers = members[0]!.n;
  refuse(
    'activity_refused',
    activityProblems({ ...merged, listedMembers, listedYouth: all.size - listedMembers }, today(), venue),
  );
  return { venue, people };
}

async function addParticipants(tx: Tx, activityId: number, orgId: number, ids: Iterable<number>) {
  const rows = [...ids].map((pid) => sql`(${activityId}, ${orgId}, ${pid})`);
  if (rows.length) await tx.execute(sql`insert into activity_participants (activity_id, org_id, person_id) values ${sql.join(rows, sql`, `)} on conflict do nothing`);
}

export async function createActivity(tx: Tx, body: api.BodyOf<O['createActivity']>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId');
  if (org.status !== 'active') throw new HttpError(409, 'dissolved', '该组织已撤销，不能登记活动', 'orgId');
  const { people } = await checkActivity(tx, { heldOn: body.heldOn, memberCount: body.memberCount, youthCount: body.youthCount, venueId: null }, body, new Set());
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into activities (org_id, venue_id, type, theme, held_on, place, organizer, member_count, youth_count, description)
        values (${org.id}, ${body.venueId ?? null}, ${body.type}, ${body.theme}, ${body.heldOn}, ${body.place ?? null}, ${body.organizer},
                ${body.memberCount}, ${body.youthCount}, ${body.description ?? null}) returning id`,
  );
  const id = num(row!.id);
  await addParticipants(tx, id, org.id, people.keys());
  return id;
}

export async function updateActivity(tx: Tx, id: number, body: api.BodyOf<O['updateActivity']>) {
  const a = await loadOne<ActivityRow>(tx, sql`${ACTIVITY_SELECT} where a.id = ${id} for update of a`, '活动');
  const existing = new Set((await query<{ person_id: number }>(tx, sql`select person_id from activity_participants where activity_id = ${id}`)).map((r) => num(r.person_id)));
  const merged = {
    heldOn: body.heldOn ?? a.held_on,
    memberCount: body.memberCount ?? Number(a.member_count),
    youthCount: body.youthCount ?? Number(a.youth_count),
    venueId: numOrNull(a.venue_id),
  };
  const { people } = await checkActivity(tx, merged, body, existing);
  await tx.execute(sql`update activities set
      venue_id = ${body.venueId === undefined ? a.venue_id : body.venueId},
      type = ${body.type ?? a.type}, theme = ${body.theme ?? a.theme}, held_on = ${merged.heldOn},
      place = ${body.place === undefined ? a.place : body.place}, organizer = ${body.organizer ?? a.organizer},
      member_count = ${merged.memberCount}, youth_count = ${merged.youthCount},
      description = ${body.description === undefined ? a.description : body.description}
    where id = ${id}`);
  await addParticipants(tx, id, num(a.org_id), [...people.keys()].filter((p) => !existing.has(p)));
}

export async function activityStats(tx: Tx, q: api.QueryOf<O['activityStats']>, opts: { plain?: boolean } = {}): Promise<api.ResponseOf<O['activityStats']>> {
  const org = await loadOrg(tx, q.orgId);
  const { from, to } = periodOf(q);
  if (!opts.plain) return activityStatsKept(tx, org.id, from, to);
  const base = sql`from activities a join organizations o on o.id = a.org_id where o.path <@ ${org.path}::ltree and a.held_on between ${from}::date and ${to}::date`;
  const [t] = await query<{ total: number; members: number; youth: number; at_venues: number }>(
    tx,
    sql`select count(*)::int as total, coalesce(sum(a.member_count), 0)::int as members, coalesce(sum(a.youth_count), 0)::int as youth,
               count(a.venue_id)::int as at_venues ${base}`,
  );
  const byType = await query<{ type: ActivityType; count: number; participants: number }>(
    tx,
    sql`select a.type, count(*)::int as count, coalesce(sum(a.member_count + a.youth_count), 0)::int as participants ${base} group by a.type order by 2 desc, a.type collate "C"`,
  );
  const byTheme = await query<{ theme: string; count: number }>(tx, sql`select a.theme, count(*)::int as count ${base} group by a.theme order by 2 desc, a.theme collate "C" limit 20`);
  const byMonth = await query<{ month: string; count: number }>(tx, sql`select to_char(a.held_on, 'YYYY-MM') as month, count(*)::int as count ${base} group by 1 order by 1`);
  const byChild = await query<{ id: number; name: string; count: number; participants: number }>(
    tx,
    sql`select c.id, c.name, count(a.id)::int as count, coalesce(sum(a.member_count + a.youth_count), 0)::int as participants
          from organizations c
          left join organizations d on d.path <@ c.path
          left join activities a on a.org_id = d.id and a.held_on between ${from}::date and ${to}::date
         where c.parent_id = ${org.id} and c.status = 'active'
         group by c.id, c.name order by count desc, c.name collate "C"`,
  );
  return {
    from,
    to,
    total: t!.total,
    members: t!.members,
    youth: t!.youth,
    atVenues: t!.at_venues,
    byType: byType.map((r) => ({ type: r.type, count: r.count, participants: r.participants })),
    byTheme,
    byMonth,
    byChild: byChild.map((c) => ({ orgId: num(c.id), orgName: c.name, count: c.count, participants: c.participants })),
  };
}

/**
 * The same statistics from the kept figures (migrations 0031, 0043 and 0051: act:* rows by the day held and by month): the
 * organization's rows over the period in one statement (activityStatsQuery), then its active children's
 * counts; nothing read grows with the subtree. Ties are ordered by code point, as collate "C" orders them live.
 */
async function activityStatsKept(tx: Tx, orgId: number, from: string, to: string): Promise<api.ResponseOf<O['activityStats']>> {
  const { a } = await runFigures(tx, orgId, { a: activityStatsQuery(from, to) });
  // Each child's count and participants over the period: its month rows and the days at either end.
  const sumOf = (monthMetric: string, dayMetric: string) =>
    sql.join(
      [
        sql`0`,
        ...monthRanges(monthMetric, dayMetric, from, to).map(
          (r) => sql`coalesce((select sum(f.value) from org_figures f where f.org_id = c.id and f.metric = ${r.metric} and f.day between ${r.from}::date and ${r.to}::date), 0)`,
        ),
      ],
      sql` + `,
    );
  const children = await query<{ id: number; name: string; count: string | null; participants: string | null }>(
    tx,
    sql`select c.id, c.name, (${sumOf('act:mcount', 'act:count')})::bigint as count, (${sumOf('act:mpeople', 'act:people')})::bigint as participants
          from organizations c where c.parent_id = ${orgId} and c.status = 'active'`,
  );
  const byChild = children
    .map((c) => ({ orgId: num(c.id), orgName: c.name, count: Number(c.count ?? 0), participants: Number(c.participants ?? 0) }))
    .sort((x, y) => y.count - x.count || byCodePoint(x.orgName, y.orgName));
  return { from, to, ...a, byChild };
}
