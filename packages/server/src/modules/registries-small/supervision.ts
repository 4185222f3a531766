import { sql, type SQL } from 'drizzle-orm';
import { DomainError, api, visitProblems, visitsPerTownship } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { currentYear, today } from '../../lib/clock.js';
import { likeText, loadOne, loadOrgRef, num, pageOf, subtreeFilter } from '../org-life/common.js';
import { committeeFinder, exportColumns, readTable, rowProblems, type ImportColumn, type ImportError } from './common.js';

type R = typeof api.registriesSmall;
type Contact = api.registriesSmall.SupervisionContactItem;
type Visit = api.registriesSmall.SupervisionVisitItem;

/**
 * 督导联系点 (issue 17, item 6): a leader of the county committee assigned to
 * a township, and the leader's visits there. Both are kept at the township
 * (org_id), so the township sees its own and the county every township's.
 */
const CONTACT_SELECT = (year: number) => sql`
  select c.id, c.org_id, o.name as org_name, c.leader_cadre_id, c.leader_name, c.leader_post, c.assigned_on::text as assigned_on, c.ended_on::text as ended_on, c.note,
         (select count(*)::int from supervision_visits v where v.contact_id = c.id and extract(year from v.visited_on) = ${year}) as visits_this_year,
         (select max(v.visited_on)::text from supervision_visits v where v.contact_id = c.id) as last_visit
    from supervision_contacts c join organizations o on o.id = c.org_id`;

interface ContactRow {
  id: number;
  org_id: number;
  org_name: string;
  leader_cadre_id: number | null;
  leader_name: string;
  leader_post: string | null;
  assigned_on: string;
  ended_on: string | null;
  note: string | null;
  visits_this_year: number;
  last_visit: string | null;
}

const toContact = (r: ContactRow): Contact => ({
  id: num(r.id),
  orgId: num(r.org_id),
  orgName: r.org_name,
  leaderCadreId: r.leader_cadre_id === null ? null : num(r.leader_cadre_id),
  leaderName: r.leader_name,
  leaderPost: r.leader_post,
  assignedOn: r.assigned_on,
  endedOn: r.ended_on,
  note: r.note,
  visitsThisYear: Number(r.visits_this_year),
  lastVisit: r.last_visit,
});

export async function listContacts(tx: Tx, q: api.QueryOf<R['listSupervisionContacts']>): Promise<Contact[]> {
  const rows = await query<ContactRow>(
    tx,
    sql`${CONTACT_SELECT(currentYear())} where ${await subtreeFilter(tx, q.under)} ${q.includeEnded ? sql`` : sql`and c.ended_on is null`} order by o.sort_order, o.path, c.id`,
  );
  return rows.map(toContact);
}

export async function contactItem(tx: Tx, id: number): Promise<Contact> {
  return toContact(await loadOne<ContactRow>(tx, sql`${CONTACT_SELECT(currentYear())} where c.id = ${id}`, '督导联系点'));
}

/** The county (or a committee above the township) assigns one of its leaders to a township below it. */
export async function createContact(tx: Tx, user: SessionUser, body: api.BodyOf<R['createSupervisionContact']>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId', '联系乡镇');
  if (org.type !== 'township' && org.type !== 'subdistrict') throw new HttpError(422, 'not_township', '联系乡镇应为乡镇团委或街道团工委', 'orgId');
  if (user.scopePath === org.path) throw new HttpError(403, 'forbidden', '督导联系点由县团委指派，乡镇不能为本乡镇指派', 'orgId');
  let name = body.leaderName?.trim() || null;
  const post = body.leaderPost?.trim() || null;
  if (body.leaderCadreId) {
    const [c] = await query<{ name: string; post: string | null }>(
      tx,
      sql`select c.name, (select p.title from cadre_posts p where p.cadre_id = c.id and p.end_on is null order by p.id limit 1) as post from cadres c where c.id = ${body.leaderCadreId}`,
    );
    if (!c) throw new HttpError(404, 'not_found', '联系领导不存在或不在您的管理范围内', 'leaderCadreId');
    name = c.name;
  }
  if (!name) throw new HttpError(422, 'missing_leader', '请选择联系领导或填写其姓名', 'leaderName');
  if (body.assignedOn > today()) throw new HttpError(422, 'future', '联系起始日期不能晚于今天', 'assignedOn');
  const parent = org.path.split('.').slice(0, -1).join('.');
  const [assigner] = await query<{ id: number }>(tx, sql`select id from organizations where path = ${parent}::ltree`);
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into supervision_contacts (org_id, assigned_by_org_id, leader_cadre_id, leader_name, leader_post, assigned_on, note)
        values (${org.id}, ${assigner ? num(assigner.id) : org.id}, ${body.leaderCadreId ?? null}, ${name}, ${post}, ${body.assignedOn}, ${body.note || null}) returning id`,
  );
  return num(row!.id);
}

export async function updateContact(tx: Tx, user: SessionUser, id: number, body: api.BodyOf<R['updateSupervisionContact']>): Promise<void> {
  const c = await loadOne<{ id: number; org_path: string; assigned_on: string }>(
    tx,
    sql`select c.id, o.path::text as org_path, c.assigned_on::text as assigned_on from supervision_contacts c join organizations o on o.id = c.org_id where c.id = ${id}`,
    '督导联系点',
  );
  if (user.scopePath === c.org_path) throw new HttpError(403, 'forbidden', '督导联系点由县团委调整', 'id');
  if (body.endedOn && body.endedOn < c.assigned_on) throw new HttpError(422, 'bad_end', `联系结束日期不能早于起始日期（${c.assigned_on}）`, 'endedOn');
  const sets: SQL[] = [sql`updated_at = now()`];
  if (body.leaderPost !== undefined) sets.push(sql`leader_post = ${body.leaderPost || null}`);
  if (body.endedOn !== undefined) sets.push(sql`ended_on = ${body.endedOn ?? null}`);
  if (body.note !== undefined) sets.push(sql`note = ${body.note || null}`);
  await tx.execute(sql`update supervision_contacts set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

/* ------------------------------------------------------------------ visits */

const VISIT_SELECT = sql`
  select v.id, v.contact_id, v.org_id, o.name as org_name, c.leader_name, v.visited_on::text as visited_on, v.content, v.problems, v.follow_up, v.follow_up_done
    from supervision_visits v join supervision_contacts c on c.id = v.contact_id join organizations o on o.id = v.org_id`;

interface VisitRow {
  id: number;
  contact_id: number;
  org_id: number;
  org_name: string;
  leader_name: string;
  visited_on: string;
  content: string;
  problems: string | null;
  follow_up: string | null;
  follow_up_done: boolean;
}

const toVisit = (r: VisitRow): Visit => ({
  id: num(r.id),
  contactId: num(r.contact_id),
  orgId: num(r.org_id),
  orgName: r.org_name,
  leaderName: r.leader_name,
  visitedOn: r.visited_on,
  content: r.content,
  problems: r.problems,
  followUp: r.follow_up,
  followUpDone: r.follow_up_done,
});

async function visitFilter(tx: Tx, q: api.QueryOf<R['exportSupervisionVisits']>): Promise<SQL> {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.year) conds.push(sql`extract(year from v.visited_on) = ${q.year}`);
  if (q.contactId) conds.push(sql`v.contact_id = ${q.contactId}`);
  if (q.q) conds.push(sql`(v.content like ${likeText(q.q)} or v.problems like ${likeText(q.q)} or c.leader_name like ${likeText(q.q)})`);
  return sql.join(conds, sql` and `);
}

export async function listVisits(tx: Tx, q: api.QueryOf<R['listSupervisionVisits']>) {
  const where = await visitFilter(tx, q);
  const { offset, limit } = pageOf(q);
  const rows = await query<VisitRow>(tx, sql`${VISIT_SELECT} where ${where} order by v.visited_on desc, v.id desc offset ${offset} limit ${limit}`);
  const [n] = await query<{ n: number }>(tx, sql`select count(*)::int as n from supervision_visits v join supervision_contacts c on c.id = v.contact_id join organizations o on o.id = v.org_id where ${where}`);
  return { items: rows.map(toVisit), total: Number(n!.n), page: q.page, pageSize: q.pageSize };
}

export async function allVisits(tx: Tx, q: api.QueryOf<R['exportSupervisionVisits']>): Promise<Visit[]> {
  return (await query<VisitRow>(tx, sql`${VISIT_SELECT} where ${await visitFilter(tx, q)} order by v.visited_on desc, v.id desc`)).map(toVisit);
}

export async function visitItem(tx: Tx, id: number): Promise<Visit> {
  return toVisit(await loadOne<VisitRow>(tx, sql`${VISIT_SELECT} where v.id = ${id}`, '督导走访'));
}

function refuseVisit(v: { visitedOn: string; problems?: string | null; followUp?: string | null }) {
  const [p] = visitProblems(v, today());
  if (p) throw new DomainError('visit_refused', p.message, p.field);
}

export async function createVisit(tx: Tx, body: api.BodyOf<R['createSupervisionVisit']>): Promise<number> {
  const c = await loadOne<{ id: number; org_id: number; assigned_on: string }>(
    tx,
    sql`select id, org_id, assigned_on::text as assigned_on from supervision_contacts where id = ${body.contactId}`,
    '督导联系点',
    'contactId',
  );
  refuseVisit(body);
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into supervision_visits (org_id, contact_id, visited_on, content, problems, follow_up, follow_up_done)
        values (${num(c.org_id)}, ${num(c.id)}, ${body.visitedOn}, ${body.content}, ${body.problems || null}, ${body.followUp || null}, ${body.followUpDone}) returning id`,
  );
  return num(row!.id);
}

export async function updateVisit(tx: Tx, id: number, body: api.BodyOf<R['updateSupervisionVisit']>): Promise<void> {
  const v = await visitItem(tx, id);
  const followUp = body.followUp !== undefined ? body.followUp || null : v.followUp;
  refuseVisit({ visitedOn: v.visitedOn, problems: v.problems, followUp });
  await tx.execute(
    sql`update supervision_visits set follow_up = ${followUp}, follow_up_done = ${body.followUpDone ?? v.followUpDone}, updated_at = now() where id = ${id}`,
  );
}

/** Visits per township this year: every township under the organization, 0 when none. */
export async function figures(tx: Tx, q: api.QueryOf<R['getSupervisionFigures']>): Promise<api.ResponseOf<R['getSupervisionFigures']>> {
  const org = await loadOrgRef(tx, q.orgId, 'orgId');
  const year = q.year ?? currentYear();
  const townships = await query<{ id: number; name: string }>(
    tx,
    sql`select id, name from organizations where path <@ ${org.path}::ltree and type in ('township', 'subdistrict') and status = 'active' order by sort_order, path`,
  );
  const visits = await query<{ org_id: number; visited_on: string; follow_up_done: boolean }>(
    tx,
    sql`select v.org_id, v.visited_on::text as visited_on, v.follow_up_done from supervision_visits v join organizations o on o.id = v.org_id
         where o.path <@ ${org.path}::ltree and extract(year from v.visited_on) = ${year}`,
  );
  const leaders = await query<{ org_id: number; names: string }>(
    tx,
    sql`select c.org_id, string_agg(c.leader_name, '、' order by c.id) as names from supervision_contacts c join organizations o on o.id = c.org_id
         where o.path <@ ${org.path}::ltree and c.ended_on is null group by c.org_id`,
  );
  const leaderOf = new Map(leaders.map((l) => [num(l.org_id), l.names]));
  const rows = visitsPerTownship(
    townships.map((t) => ({ orgId: num(t.id), orgName: t.name })),
    visits.map((v) => ({ orgId: num(v.org_id), visitedOn: v.visited_on, followUpDone: v.follow_up_done })),
    year,
  ).map((r) => ({ ...r, leaders: leaderOf.get(r.orgId) ?? '' }));
  return { year, total: rows.reduce((s, r) => s + r.visits, 0), rows };
}

/* ------------------------------------------------------------ Excel */

export const VISIT_COLUMNS: ImportColumn[] = [
  { key: 'township', header: '联系乡镇', required: true },
  { key: 'leaderName', header: '联系领导', required: true },
  { key: 'visitedOn', header: '督导日期', required: true, kind: 'date' },
  { key: 'content', header: '督导内容', required: true },
  { key: 'problems', header: '发现问题' },
  { key: 'followUp', header: '整改跟进' },
  { key: 'followUpDone', header: '整改完成', kind: 'bool' },
];

export const VISIT_EXPORT = exportColumns<Visit>(VISIT_COLUMNS, (v, k) => (k === 'township' ? v.orgName : (v as unknown as Record<string, string | boolean | null>)[k]), 24);

/** Visits from a sheet in the export's columns: the township's current contact by the leader's name; written only when every row is clean. */
export async function importVisits(tx: Tx, body: api.BodyOf<R['importSupervisionVisits']>): Promise<api.registriesSmall.SmallImportResult> {
  const root = await loadOrgRef(tx, body.orgId, 'orgId', '导入到组织');
  const { rows, errors } = await readTable(body, VISIT_COLUMNS);
  const find = await committeeFinder(tx, { id: num(root.id), path: root.path, name: root.name });
  const contacts = await query<{ id: number; org_id: number; leader_name: string }>(
    tx,
    sql`select c.id, c.org_id, c.leader_name from supervision_contacts c join organizations o on o.id = c.org_id where o.path <@ ${root.path}::ltree`,
  );
  const headerOf = (k: string) => VISIT_COLUMNS.find((c) => c.key === k)?.header ?? k;
  const ready: { contactId: number; orgId: number; v: Record<string, unknown> }[] = [];
  const on = today();
  for (const { row, v } of rows) {
    if (errors.some((e) => e.row === row)) continue;
    const before = errors.length;
    const org = find(v.township as string);
    if (typeof org === 'string') {
      errors.push({ row, column: '联系乡镇', message: org });
      continue;
    }
    const contact = contacts.find((c) => num(c.org_id) === org.id && c.leader_name === v.leaderName);
    if (!contact) errors.push({ row, column: '联系领导', message: `${v.leaderName}不是${org.name}的督导联系领导，请先指派联系点` });
    const parsed = api.registriesSmall.createSupervisionVisit.body!.safeParse({
      contactId: contact ? num(contact.id) : 1,
      visitedOn: v.visitedOn,
      content: v.content,
      problems: v.problems,
      followUp: v.followUp,
      followUpDone: v.followUpDone ?? false,
    });
    if (!parsed.success) errors.push(...rowProblems(row, parsed.error.issues, headerOf));
    else for (const p of visitProblems(parsed.data, on)) errors.push({ row, column: headerOf(p.field), message: p.message });
    if (errors.length === before && contact && parsed.success) ready.push({ contactId: num(contact.id), orgId: org.id, v: parsed.data });
  }
  const clean = errors.length === 0;
  if (clean && !body.dryRun && ready.length) {
    const values = ready.map(
      (r) => sql`(${r.orgId}, ${r.contactId}, ${r.v.visitedOn as string}::date, ${r.v.content as string}, ${(r.v.problems as string) || null}, ${(r.v.followUp as string) || null}, ${Boolean(r.v.followUpDone)})`,
    );
    await tx.execute(sql`insert into supervision_visits (org_id, contact_id, visited_on, content, problems, follow_up, follow_up_done) values ${sql.join(values, sql`, `)}`);
  }
  return { total: rows.length, created: clean && !body.dryRun ? ready.length : 0, written: clean && !body.dryRun, errors: errors.sort((a, b) => a.row - b.row) as ImportError[] };
}
