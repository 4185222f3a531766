import { sql, type SQL } from 'drizzle-orm';
import { partyMeetingStatus, type Rules, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import type { SheetColumn } from '../../excel/workbook.js';
import { currentYear, today } from '../../lib/clock.js';
import { storeAttachment } from '../org-life/attachments.js';
import { loadOne, loadOrgRef, num, pageOf, subtreeFilter } from '../org-life/common.js';

type R = typeof api.registriesSmall;
type Item = api.registriesSmall.PartyMeetingItem;
export const PARTY_MEETING_OWNER = 'party_league_meeting';

/**
 * 党委研究团的工作 (issue 17, item 6): the township party committee's meeting on
 * league work, kept at the township's league committee with its minutes
 * (attachments). The county sees which townships held one this year.
 */
const SELECT = sql`
  select m.id, m.org_id, o.name as org_name, m.held_on::text as held_on, m.meeting_name, m.chaired_by, m.topics, m.attendance, m.decisions,
         (select count(*)::int from attachments a where a.owner_type = ${PARTY_MEETING_OWNER} and a.owner_id = m.id) as minutes
    from party_league_meetings m join organizations o on o.id = m.org_id`;

interface Row {
  id: number;
  org_id: number;
  org_name: string;
  held_on: string;
  meeting_name: string;
  chaired_by: string | null;
  topics: string;
  attendance: string | null;
  decisions: string | null;
  minutes: number;
}

const toItem = (r: Row): Item => ({
  id: num(r.id),
  orgId: num(r.org_id),
  orgName: r.org_name,
  heldOn: r.held_on,
  meetingName: r.meeting_name,
  chairedBy: r.chaired_by,
  topics: r.topics,
  attendance: r.attendance,
  decisions: r.decisions,
  minutes: Number(r.minutes),
});

async function filter(tx: Tx, q: api.QueryOf<R['exportPartyMeetings']>): Promise<SQL> {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.year) conds.push(sql`extract(year from m.held_on) = ${q.year}`);
  return sql.join(conds, sql` and `);
}

export async function listMeetings(tx: Tx, q: api.QueryOf<R['listPartyMeetings']>) {
  const where = await filter(tx, q);
  const { offset, limit } = pageOf(q);
  const rows = await query<Row>(tx, sql`${SELECT} where ${where} order by m.held_on desc, m.id desc offset ${offset} limit ${limit}`);
  const [n] = await query<{ n: number }>(tx, sql`select count(*)::int as n from party_league_meetings m join organizations o on o.id = m.org_id where ${where}`);
  return { items: rows.map(toItem), total: Number(n!.n), page: q.page, pageSize: q.pageSize };
}

export async function allMeetings(tx: Tx, q: api.QueryOf<R['exportPartyMeetings']>): Promise<Item[]> {
  return (await query<Row>(tx, sql`${SELECT} where ${await filter(tx, q)} order by o.sort_order, o.path, m.held_on`)).map(toItem);
}

export async function meetingItem(tx: Tx, id: number): Promise<Item> {
  return toItem(await loadOne<Row>(tx, sql`${SELECT} where m.id = ${id}`, '党委研究团的工作记录'));
}

export async function createMeeting(tx: Tx, body: api.BodyOf<R['createPartyMeeting']>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId', '乡镇团委');
  if (org.type !== 'township' && org.type !== 'subdistrict') throw new HttpError(422, 'not_township', '党委研究团的工作记在乡镇团委或街道团工委', 'orgId');
  if (body.heldOn > today()) throw new HttpError(422, 'future', '会议日期不能晚于今天', 'heldOn');
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into party_league_meetings (org_id, held_on, meeting_name, chaired_by, topics, attendance, decisions)
        values (${org.id}, ${body.heldOn}, ${body.meetingName}, ${body.chairedBy || null}, ${body.topics}, ${body.attendance || null}, ${body.decisions || null}) returning id`,
  );
  return num(row!.id);
}

export async function uploadMinutes(tx: Tx, rules: Rules, id: number, body: { fileName: string; contentBase64: string }) {
  const m = await meetingItem(tx, id);
  return storeAttachment(tx, rules, { orgId: m.orgId, ownerType: PARTY_MEETING_OWNER, ownerId: id }, body);
}

/** The townships under an organization that have (or have not) held the meeting this year; overdue past the configured month. */
export async function status(tx: Tx, rules: Rules, q: api.QueryOf<R['getPartyMeetingStatus']>): Promise<api.ResponseOf<R['getPartyMeetingStatus']>> {
  const org = await loadOrgRef(tx, q.orgId, 'orgId');
  const year = q.year ?? currentYear();
  const townships = await query<{ id: number; name: string }>(
    tx,
    sql`select id, name from organizations where path <@ ${org.path}::ltree and type in ('township', 'subdistrict') and status = 'active' order by sort_order, path`,
  );
  const meetings = await query<{ org_id: number; held_on: string }>(
    tx,
    sql`select m.org_id, m.held_on::text as held_on from party_league_meetings m join organizations o on o.id = m.org_id
         where o.path <@ ${org.path}::ltree and extract(year from m.held_on) = ${year}`,
  );
  const dueMonth = rules.dailyWork.partyMeetingDueMonth;
  const rows = partyMeetingStatus(
    townships.map((t) => ({ orgId: num(t.id), orgName: t.name })),
    meetings.map((m) => ({ orgId: num(m.org_id), heldOn: m.held_on })),
    year,
    today(),
    dueMonth,
  );
  const held = rows.filter((r) => r.held > 0).length;
  return { year, dueMonth, held, notHeld: rows.length - held, rows };
}

export const MEETING_EXPORT: SheetColumn<Item>[] = [
  { header: '乡镇团委', width: 30, value: (m) => m.orgName },
  { header: '会议日期', width: 12, value: (m) => m.heldOn },
  { header: '会议名称', width: 30, value: (m) => m.meetingName },
  { header: '主持人', width: 12, value: (m) => m.chairedBy },
  { header: '研究议题', width: 40, value: (m) => m.topics },
  { header: '出席人员', width: 30, value: (m) => m.attendance },
  { header: '议定事项', width: 40, value: (m) => m.decisions },
  { header: '会议纪要', width: 10, value: (m) => (m.minutes ? `${m.minutes}份` : '无') },
];
