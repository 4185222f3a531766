import { sql, type SQL } from 'drizzle-orm';
import {
  DEFAULT_STAR_CRITERIA,
  DomainError,
  api,
  confirmProblems,
  criteriaProblems,
  hasPermission,
  isBranchType,
  isTempGraduateBranchName,
  maxTotal,
  ratingYearProblem,
  rectificationStatusOn,
  starActorProblem,
  starEntryActionProblem,
  starScoreProblems,
  suggestedGrade,
  totalScore,
  type OrgType,
  type RectificationStatus,
  type StarCriterion,
  type StarEntryAction,
  type StarEntryStatus,
  type StarGrade,
  type StarRatingStatus,
  type StarSheet,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { loadOne, loadOrgRef, paging, refuse, subtreeOf, today } from './common.js';

/*
 * 对标定级. A rating belongs to the committee that opened it; its entries
 * belong to the branches rated, so a township sees its branches' entries
 * even when the county opened the rating. Each entry's score sheets carry the
 * criteria (see StarSheet), since the rating record itself may lie above the
 * caller's scope.
 */

type B<C> = api.BodyOf<C>;
const d = api.dailyWork;
type EntryItem = api.dailyWork.StarEntryItem;
type RatingItem = api.dailyWork.StarRatingItem;
type RectItem = api.dailyWork.RectificationItem;

interface RatingRow {
  id: number;
  org_id: number;
  org_name: string;
  year: number;
  title: string;
  criteria: StarCriterion[];
  status: StarRatingStatus;
}

interface EntryRow {
  id: number;
  rating_id: number;
  org_id: number;
  org_name: string;
  self_scores: StarSheet | null;
  review_scores: StarSheet | null;
  grade: StarGrade | null;
  status: StarEntryStatus;
  confirmed_by: string | null;
  r_visible: boolean;
  r_status: StarRatingStatus | null;
  r_title: string | null;
  r_year: number | null;
  r_criteria: StarCriterion[] | null;
  t_id: number | null;
  t_requirement: string | null;
  t_deadline: string | null;
  t_follow_up: string | null;
  t_status: string | null;
  t_done_on: string | null;
}

const ENTRY_SELECT = sql`
  select e.id, e.rating_id, e.org_id, o.name as org_name, e.self_scores, e.review_scores, e.grade, e.status, e.confirmed_by,
         (r.id is not null) as r_visible, r.status as r_status, r.title as r_title, r.year as r_year, r.criteria as r_criteria,
         t.id as t_id, t.requirement as t_requirement, t.deadline::text as t_deadline, t.follow_up as t_follow_up, t.status as t_status, t.done_on::text as t_done_on
    from star_rating_entries e
    join organizations o on o.id = e.org_id
    left join star_ratings r on r.id = e.rating_id
    left join lateral (select * from rectification_tasks x where x.entry_id = e.id order by x.id desc limit 1) t on true`;

const parse = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

function sheetHeader(r: EntryRow): { title: string; year: number; criteria: StarCriterion[] } {
  const sheet = parse<StarSheet | null>(r.self_scores);
  return {
    title: r.r_title ?? sheet?.ratingTitle ?? '',
    year: Number(r.r_year ?? sheet?.year ?? 0),
    criteria: parse<StarCriterion[] | null>(r.r_criteria) ?? sheet?.criteria ?? [],
  };
}

function rectification(r: EntryRow, header: { title: string; year: number }, on: string): RectItem | null {
  if (r.t_id === null) return null;
  return {
    id: Number(r.t_id),
    entryId: Number(r.id),
    orgId: Number(r.org_id),
    orgName: r.org_name,
    ratingTitle: header.title,
    year: header.year,
    requirement: r.t_requirement!,
    deadline: r.t_deadline!,
    followUp: r.t_follow_up,
    status: rectificationStatusOn({ status: r.t_status!, deadline: r.t_deadline!, doneOn: r.t_done_on }, on),
    doneOn: r.t_done_on,
  };
}

function toEntry(r: EntryRow, user: SessionUser): EntryItem {
  const header = sheetHeader(r);
  const self = parse<StarSheet | null>(r.self_scores);
  const review = parse<StarSheet | null>(r.review_scores);
  const max = maxTotal(header.criteria);
  const selfTotal = self?.scores ? totalScore(self.scores) : null;
  const reviewTotal = review?.scores ? totalScore(review.scores) : null;
  const basis = reviewTotal ?? selfTotal;
  const ratingStatus: StarRatingStatus = r.r_status ?? 'open';
  const blocked = (action: StarEntryAction, permission: 'org:edit' | 'membership:approve') => {
    if (!hasPermission(user.role, permission)) return '您的角色无权进行此操作';
    return (
      starEntryActionProblem(r.status, action, ratingStatus) ??
      starActorProblem(action, { callerIsBranchItself: user.scopeOrgId === Number(r.org_id), callerHoldsRatingOrg: r.r_visible })
    );
  };
  const b = { selfAssess: blocked('self_assess', 'org:edit'), review: blocked('review', 'membership:approve'), confirm: blocked('confirm', 'membership:approve') };
  return {
    id: Number(r.id),
    ratingId: Number(r.rating_id),
    orgId: Number(r.org_id),
    orgName: r.org_name,
    ratingTitle: header.title,
    year: header.year,
    criteria: header.criteria,
    maxTotal: max,
    status: r.status,
    selfScores: self?.scores ?? null,
    selfTotal,
    selfNote: self?.note ?? null,
    reviewScores: review?.scores ?? null,
    reviewTotal,
    reviewNote: review?.note ?? null,
    suggestedGrade: basis === null ? null : suggestedGrade(basis, max),
    grade: r.grade,
    confirmedBy: r.confirmed_by,
    rectification: rectification(r, header, today()),
    can: { selfAssess: b.selfAssess === null, review: b.review === null, confirm: b.confirm === null },
    blocked: b,
  };
}

async function loadEntryRow(tx: Tx, id: number, lock = false): Promise<EntryRow> {
  if (lock) await query(tx, sql`select id from star_rating_entries where id = ${id} for update`);
  return loadOne<EntryRow>(tx, sql`${ENTRY_SELECT} where e.id = ${id}`, '定级记录');
}

export async function getEntry(tx: Tx, user: SessionUser, id: number): Promise<EntryItem> {
  return toEntry(await loadEntryRow(tx, id), user);
}

/* ---------------------------------------------------------------- ratings */

async function ratingItems(tx: Tx, where: SQL): Promise<RatingItem[]> {
  const ratings = await query<RatingRow>(
    tx,
    sql`select r.id, r.org_id, o.name as org_name, r.year, r.title, r.criteria, r.status
          from star_ratings r join organizations o on o.id = r.org_id where ${where} order by r.year desc, r.id desc`,
  );
  if (!ratings.length) return [];
  const counts = await query<{ rating_id: number; status: StarEntryStatus; grade: StarGrade | null; n: number }>(
    tx,
    sql`select rating_id, status, grade, count(*)::int as n from star_rating_entries
         where rating_id in (${sql.join(ratings.map((r) => sql`${r.id}`), sql`, `)}) group by rating_id, status, grade`,
  );
  return ratings.map((r) => summarize(Number(r.id), r.org_id === null ? null : Number(r.org_id), r.org_name, Number(r.year), r.title, parse(r.criteria), r.status, counts.filter((c) => Number(c.rating_id) === Number(r.id))));
}

function summarize(
  id: number,
  orgId: number | null,
  orgName: string | null,
  year: number,
  title: string,
  criteria: StarCriterion[],
  status: StarRatingStatus,
  counts: { status: StarEntryStatus; grade: StarGrade | null; n: number }[],
): RatingItem {
  const byStatus = { pending: 0, self_assessed: 0, reviewed: 0, confirmed: 0 };
  const byGrade = { five: 0, four: 0, three: 0, weak: 0 };
  let entries = 0;
  for (const c of counts) {
    const n = Number(c.n);
    entries += n;
    byStatus[c.status] += n;
    if (c.status === 'confirmed' && c.grade) byGrade[c.grade] += n;
  }
  return { id, orgId, orgName, year, title, criteria, maxTotal: maxTotal(criteria), status, entries, byStatus, byGrade };
}

export async function listRatings(tx: Tx, q: { under?: number; year?: number }): Promise<RatingItem[]> {
  const where = await subtreeOf(tx, q.under);
  const year = q.year ? sql`r.year = ${q.year}` : sql`true`;
  const visible = await ratingItems(tx, sql`${where} and ${year}`);
  // Ratings opened above the caller: known through the caller's own branches' entries.
  const entries = await query<EntryRow>(tx, sql`${ENTRY_SELECT} where r.id is null and ${where}`);
  const groups = new Map<number, EntryRow[]>();
  for (const e of entries) groups.set(Number(e.rating_id), [...(groups.get(Number(e.rating_id)) ?? []), e]);
  const derived: RatingItem[] = [];
  for (const [id, list] of groups) {
    const h = sheetHeader(list[0]!);
    if (q.year && h.year !== q.year) continue;
    const counts = list.map((e) => ({ status: e.status, grade: e.grade, n: 1 }));
    derived.push(summarize(id, null, null, h.year, h.title, h.criteria, 'open', counts));
  }
  return [...visible, ...derived].sort((a, b) => b.year - a.year || b.id - a.id);
}

async function loadRating(tx: Tx, id: number): Promise<RatingItem> {
  const [item] = await ratingItems(tx, sql`r.id = ${id}`);
  if (!item) throw new HttpError(404, 'not_found', '定级不存在或不在您的管理范围内');
  return item;
}

export async function getRating(tx: Tx, user: SessionUser, id: number) {
  const rating = await loadRating(tx, id);
  const rows = await query<EntryRow>(tx, sql`${ENTRY_SELECT} where e.rating_id = ${id} order by o.path`);
  return { ...rating, items: rows.map((r) => toEntry(r, user)) };
}

export async function openRating(tx: Tx, body: B<typeof d.openStarRating>) {
  const org = await loadOrgRef(tx, body.orgId, 'orgId');
  if (isBranchType(org.type as OrgType)) throw new DomainError('rating_org', '对标定级由团委开展，团支部不能开展', 'orgId');
  if (org.status !== 'active') throw new DomainError('rating_org', '该组织已撤销', 'orgId');
  const on = today();
  const yearProblem = ratingYearProblem(body.year, on);
  if (yearProblem) throw new DomainError('rating_year', yearProblem, 'year');
  const criteria = (body.criteria ?? DEFAULT_STAR_CRITERIA).map((c) => ({ key: c.key.trim(), label: c.label.trim(), max: c.max }));
  refuse('rating_criteria', criteriaProblems(criteria), 'criteria');
  const branches = await query<{ id: number; name: string }>(
    tx,
    sql`select o.id, o.name from organizations o where o.path <@ ${org.path}::ltree and o.status = 'active' and o.type in ('branch', 'joint_branch') order by o.path`,
  );
  const rated = branches.filter((b) => !isTempGraduateBranchName(b.name));
  if (!rated.length) throw new DomainError('rating_empty', '该组织下没有团支部，无需定级', 'orgId');
  const taken = await query<{ n: number }>(
    tx,
    sql`select count(distinct e.org_id)::int as n from star_rating_entries e join organizations o on o.id = e.org_id
         where o.path <@ ${org.path}::ltree and (e.self_scores ->> 'year')::int = ${body.year}`,
  );
  if (Number(taken[0]!.n) > 0) {
    throw new DomainError('rating_exists', `该组织下已有${taken[0]!.n}个团支部参加了${body.year}年度的定级，同一年度不能重复开展`, 'year', 409);
  }
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into star_ratings (org_id, year, title, criteria) values (${org.id}, ${body.year}, ${body.title}, ${JSON.stringify(criteria)}::jsonb) returning id`,
  );
  const ratingId = Number(row!.id);
  const sheet: StarSheet = { ratingTitle: body.title, year: body.year, criteria, scores: null, note: null };
  await query(
    tx,
    sql`insert into star_rating_entries (rating_id, org_id, self_scores)
        select ${ratingId}, b.id, ${JSON.stringify(sheet)}::jsonb from organizations b where b.id in (${sql.join(rated.map((b) => sql`${b.id}`), sql`, `)})`,
  );
  return loadRating(tx, ratingId);
}

export async function closeRating(tx: Tx, id: number) {
  const rating = await loadRating(tx, id);
  if (rating.status === 'closed') throw new DomainError('rating_closed', '该定级已结束', undefined, 409);
  const open = rating.entries - rating.byStatus.confirmed;
  if (open > 0) throw new DomainError('rating_unfinished', `还有${open}个团支部未定级，不能结束`);
  await query(tx, sql`update star_ratings set status = 'closed' where id = ${id}`);
  return loadRating(tx, id);
}

/* ---------------------------------------------------------------- entries */

export async function listEntries(tx: Tx, user: SessionUser, q: { under?: number; year?: number; status?: StarEntryStatus; grade?: StarGrade; page?: number; pageSize?: number }) {
  const conds: SQL[] = [await subtreeOf(tx, q.under)];
  if (q.year) conds.push(sql`coalesce(r.year, (e.self_scores ->> 'year')::int) = ${q.year}`);
  if (q.status) conds.push(sql`e.status = ${q.status}`);
  if (q.grade) conds.push(sql`e.grade = ${q.grade}`);
  const where = sql.join(conds, sql` and `);
  const limit = q.page && q.pageSize ? paging({ page: q.page, pageSize: q.pageSize }) : sql``;
  const rows = await query<EntryRow>(tx, sql`${ENTRY_SELECT} where ${where} order by coalesce(r.year, (e.self_scores ->> 'year')::int) desc, o.path ${limit}`);
  const [count] = await query<{ n: number }>(
    tx,
    sql`select count(*)::int as n from star_rating_entries e join organizations o on o.id = e.org_id left join star_ratings r on r.id = e.rating_id where ${where}`,
  );
  return { items: rows.map((r) => toEntry(r, user)), total: Number(count!.n) };
}

export async function history(tx: Tx, user: SessionUser, orgId: number) {
  await loadOrgRef(tx, orgId, 'orgId');
  const rows = await query<EntryRow>(tx, sql`${ENTRY_SELECT} where e.org_id = ${orgId} order by coalesce(r.year, (e.self_scores ->> 'year')::int) desc, e.id desc`);
  return rows.map((r) => toEntry(r, user));
}

function check(row: EntryRow, user: SessionUser, action: StarEntryAction) {
  const status = starEntryActionProblem(row.status, action, row.r_status ?? 'open');
  if (status) throw new DomainError('star_state', status, undefined, 409);
  const actor = starActorProblem(action, { callerIsBranchItself: user.scopeOrgId === Number(row.org_id), callerHoldsRatingOrg: row.r_visible });
  if (actor) throw new HttpError(403, 'star_actor', actor);
}

function scoredSheet(row: EntryRow, scores: Record<string, number>, note: string | null | undefined): StarSheet {
  const h = sheetHeader(row);
  refuse('star_scores', starScoreProblems(h.criteria, scores), 'scores');
  // Keep the scores in the criteria's order.
  const ordered = Object.fromEntries(h.criteria.map((c) => [c.key, scores[c.key]!]));
  return { ratingTitle: h.title, year: h.year, criteria: h.criteria, scores: ordered, note: note?.trim() || null };
}

export async function selfAssess(tx: Tx, user: SessionUser, id: number, body: B<typeof d.selfAssessStarEntry>) {
  const row = await loadEntryRow(tx, id, true);
  check(row, user, 'self_assess');
  const sheet = scoredSheet(row, body.scores, body.note);
  await query(tx, sql`update star_rating_entries set self_scores = ${JSON.stringify(sheet)}::jsonb, status = 'self_assessed' where id = ${id}`);
  return getEntry(tx, user, id);
}

export async function review(tx: Tx, user: SessionUser, id: number, body: B<typeof d.reviewStarEntry>) {
  const row = await loadEntryRow(tx, id, true);
  check(row, user, 'review');
  const sheet = scoredSheet(row, body.scores, body.note);
  await query(tx, sql`update star_rating_entries set review_scores = ${JSON.stringify(sheet)}::jsonb, status = 'reviewed' where id = ${id}`);
  return getEntry(tx, user, id);
}

export async function confirm(tx: Tx, user: SessionUser, id: number, body: B<typeof d.confirmStarEntry>) {
  const row = await loadEntryRow(tx, id, true);
  check(row, user, 'confirm');
  const on = today();
  refuse('star_confirm', confirmProblems(body.grade, body.rectification ?? null, on), body.grade === 'weak' ? 'rectification' : 'grade');
  await query(tx, sql`update star_rating_entries set grade = ${body.grade}, status = 'confirmed', confirmed_by = ${user.displayName} where id = ${id}`);
  if (body.grade === 'weak' && body.rectification) {
    await query(
      tx,
      sql`insert into rectification_tasks (entry_id, org_id, requirement, deadline) values (${id}, ${row.org_id}, ${body.rectification.requirement}, ${body.rectification.deadline})`,
    );
  }
  return getEntry(tx, user, id);
}

/* ---------------------------------------------------------- rectification */

interface TaskRow {
  id: number;
  entry_id: number;
  org_id: number;
  org_name: string;
  requirement: string;
  deadline: string;
  follow_up: string | null;
  status: string;
  done_on: string | null;
  self_scores: StarSheet | null;
  r_title: string | null;
  r_year: number | null;
}

const TASK_SELECT = sql`
  select t.id, t.entry_id, t.org_id, o.name as org_name, t.requirement, t.deadline::text as deadline, t.follow_up, t.status, t.done_on::text as done_on,
         e.self_scores, r.title as r_title, r.year as r_year
    from rectification_tasks t join organizations o on o.id = t.org_id
    left join star_rating_entries e on e.id = t.entry_id
    left join star_ratings r on r.id = e.rating_id`;

function toTask(r: TaskRow, on: string): RectItem {
  const sheet = parse<StarSheet | null>(r.self_scores);
  return {
    id: Number(r.id),
    entryId: Number(r.entry_id),
    orgId: Number(r.org_id),
    orgName: r.org_name,
    ratingTitle: r.r_title ?? sheet?.ratingTitle ?? null,
    year: r.r_year !== null ? Number(r.r_year) : (sheet?.year ?? null),
    requirement: r.requirement,
    deadline: r.deadline,
    followUp: r.follow_up,
    status: rectificationStatusOn({ status: r.status, deadline: r.deadline, doneOn: r.done_on }, on),
    doneOn: r.done_on,
  };
}

export async function listTasks(tx: Tx, q: { under?: number; status?: RectificationStatus; page?: number; pageSize?: number }) {
  const on = today();
  const conds: SQL[] = [await subtreeOf(tx, q.under)];
  if (q.status === 'done') conds.push(sql`(t.status = 'done' or t.done_on is not null)`);
  if (q.status === 'open') conds.push(sql`t.status <> 'done' and t.done_on is null and t.deadline >= ${on}`);
  if (q.status === 'overdue') conds.push(sql`t.status <> 'done' and t.done_on is null and t.deadline < ${on}`);
  const where = sql.join(conds, sql` and `);
  const limit = q.page && q.pageSize ? paging({ page: q.page, pageSize: q.pageSize }) : sql``;
  const rows = await query<TaskRow>(tx, sql`${TASK_SELECT} where ${where} order by t.deadline, t.id ${limit}`);
  const [count] = await query<{ n: number }>(tx, sql`select count(*)::int as n from rectification_tasks t join organizations o on o.id = t.org_id where ${where}`);
  return { items: rows.map((r) => toTask(r, on)), total: Number(count!.n) };
}

async function loadTask(tx: Tx, id: number, lock = false): Promise<TaskRow> {
  if (lock) await query(tx, sql`select id from rectification_tasks where id = ${id} for update`);
  return loadOne<TaskRow>(tx, sql`${TASK_SELECT} where t.id = ${id}`, '整改任务');
}

export async function followUp(tx: Tx, id: number, body: B<typeof d.followUpRectification>) {
  const task = await loadTask(tx, id, true);
  if (task.status === 'done' || task.done_on) throw new DomainError('task_done', '整改已验收，不能再记录进展', undefined, 409);
  const on = today();
  const text = [task.follow_up, `${on} ${body.followUp}`].filter(Boolean).join('\n');
  await query(tx, sql`update rectification_tasks set follow_up = ${text} where id = ${id}`);
  return toTask(await loadTask(tx, id), on);
}

export async function complete(tx: Tx, user: SessionUser, id: number, body: B<typeof d.completeRectification>) {
  const task = await loadTask(tx, id, true);
  if (task.status === 'done' || task.done_on) throw new DomainError('task_done', '该整改任务已验收', undefined, 409);
  if (user.scopeOrgId === Number(task.org_id)) throw new HttpError(403, 'task_actor', '整改由上级团委验收，团支部不能验收自己的整改');
  const on = today();
  const problems: string[] = [];
  if (body.doneOn > on) problems.push('验收日期不能晚于今天');
  if (!task.follow_up) problems.push('尚无整改进展记录，不能验收');
  refuse('task_complete', problems, 'doneOn');
  const text = body.note?.trim() ? [task.follow_up, `${body.doneOn} 验收：${body.note.trim()}`].filter(Boolean).join('\n') : task.follow_up;
  await query(tx, sql`update rectification_tasks set status = 'done', done_on = ${body.doneOn}, follow_up = ${text} where id = ${id}`);
  return toTask(await loadTask(tx, id), on);
}
