import { sql } from 'drizzle-orm';
import {
  COMPILED_STATUSES,
  DomainError,
  REPORT_ACTIONS,
  figuresAsOf,
  orderedFigures,
  reportActionProblems,
  reportActorOf,
  reportNextStep,
  reportProgress,
  taskProblems,
  totalFigures,
  type FigureKey,
  type FigureSet,
  type ReportAction,
  type ReportSection,
  type ReportStatus,
  type ReportTaskStatus,
  type Rules,
  type api,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { bigintArray, isoTime, query, textArray } from '../../db/sql.js';
import type { SessionUser } from '../../http/session.js';
import { HttpError, notFound } from '../../http/errors.js';
import { today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';
import { computeFigures } from './figures.js';

type R = typeof api.reports;

/* ------------------------------------------------------------------ loading */

export interface TaskRow {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  title: string;
  period: string;
  deadline: string;
  sections: ReportSection[];
  figures: FigureKey[];
  status: ReportTaskStatus;
  created_at: string;
}

interface SubmissionRow {
  id: number;
  task_id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  status: ReportStatus;
  sections: Record<string, string>;
  figures: FigureSet | null;
  submitted_at: string | null;
  submitted_by: string | null;
  return_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  updated_at: string;
}

/** Tasks the caller reports under or issued (in its subtree or above it): the SECURITY DEFINER reader. */
const tasksInLine = sql`(select id, org_id, org_name, org_path, title, period, deadline::text as deadline, sections, figures, status, created_at::text as created_at
                           from tj_report_tasks_in_line())`;

export const within = (path: string, root: string) => root === '*' || path === root || path.startsWith(`${root}.`);

/** A task visible to the caller (issued in scope, or above the caller), or 404. */
export async function loadTask(tx: Tx, id: number): Promise<TaskRow> {
  const [row] = await query<TaskRow>(tx, sql`select * from ${tasksInLine} t where t.id = ${id}`);
  if (!row) throw notFound('报送任务');
  return { ...row, id: Number(row.id), org_id: Number(row.org_id) };
}

const submissionSelect = sql`select s.id, s.task_id, s.org_id, o.name as org_name, o.path::text as org_path, s.status, s.sections, s.figures,
                                    s.submitted_at::text as submitted_at, s.submitted_by, s.return_reason, s.reviewed_by, s.reviewed_at::text as reviewed_at,
                                    s.updated_at::text as updated_at
                               from report_submissions s join organizations o on o.id = s.org_id`;

const asSubmission = (r: SubmissionRow): SubmissionRow => ({ ...r, id: Number(r.id), task_id: Number(r.task_id), org_id: Number(r.org_id) });

/** A submission visible to the caller (its organization in scope), or 404. */
async function loadSubmission(tx: Tx, id: number): Promise<SubmissionRow> {
  const [row] = await query<SubmissionRow>(tx, sql`${submissionSelect} where s.id = ${id}`);
  if (!row) throw notFound('报告');
  return asSubmission(row);
}

async function submissionsOf(tx: Tx, taskIds: number[]): Promise<SubmissionRow[]> {
  if (!taskIds.length) return [];
  const rows = await query<SubmissionRow>(tx, sql`${submissionSelect} where s.task_id = any(${bigintArray(taskIds)}) order by o.sort_order, o.path`);
  return rows.map(asSubmission);
}

/* -------------------------------------------------------------------- tasks */

function toSubmissionItem(s: SubmissionRow, deadline: string): api.reports.SubmissionItem {
  // Late: submitted (figures taken) after the deadline, or still not in after it.
  const late = s.figures?.takenOn ? s.figures.takenOn > deadline : (s.status === 'draft' || s.status === 'returned') && today() > deadline;
  return {
    id: s.id,
    org: { id: s.org_id, name: s.org_name },
    status: s.status,
    submittedAt: isoTime(s.submitted_at),
    submittedBy: s.submitted_by,
    returnReason: s.return_reason,
    reviewedBy: s.reviewed_by,
    reviewedAt: isoTime(s.reviewed_at),
    updatedAt: isoTime(s.updated_at),
    late,
  };
}

function toTaskItem(user: SessionUser, t: TaskRow, subs: SubmissionRow[]): api.reports.TaskItem {
  const isIssuer = within(t.org_path, user.scopePath);
  const mine = isIssuer ? undefined : subs.find((s) => reportActorOf(user.scopePath, t.org_path, s.org_path).recipient);
  return {
    id: t.id,
    issuer: { id: t.org_id, name: t.org_name },
    title: t.title,
    period: t.period,
    deadline: t.deadline,
    status: t.status,
    createdAt: isoTime(t.created_at),
    isIssuer,
    progress: isIssuer ? reportProgress(subs.map((s) => s.status)) : null,
    mine: mine ? { id: mine.id, orgName: mine.org_name, status: mine.status } : null,
  };
}

export async function listTasks(tx: Tx, user: SessionUser, q: api.QueryOf<R['listTasks']>): Promise<api.reports.TaskItem[]> {
  const rows = await query<TaskRow>(
    tx,
    sql`select * from ${tasksInLine} t where true
          ${q.status ? sql`and t.status = ${q.status}` : sql``}
          ${q.year ? sql`and (extract(year from t.deadline::date) = ${q.year} or extract(year from t.created_at::timestamptz at time zone '+08') = ${q.year})` : sql``}
        order by t.deadline desc, t.id desc`,
  );
  const tasks = rows.map((r) => ({ ...r, id: Number(r.id), org_id: Number(r.org_id) }));
  const subs = await submissionsOf(tx, tasks.map((t) => t.id));
  return tasks.map((t) => toTaskItem(user, t, subs.filter((s) => s.task_id === t.id)));
}

export async function taskDetail(tx: Tx, user: SessionUser, id: number): Promise<api.reports.TaskDetail> {
  const t = await loadTask(tx, id);
  const subs = await submissionsOf(tx, [t.id]);
  return {
    ...toTaskItem(user, t, subs),
    sections: t.sections,
    figures: orderedFigures(t.figures),
    submissions: subs.map((s) => toSubmissionItem(s, t.deadline)),
  };
}

export async function issueTask(tx: Tx, body: api.BodyOf<R['issueTask']>): Promise<{ id: number; recipients: number }> {
  const org = await loadOrg(tx, body.orgId);
  const children = await query<{ id: number }>(
    tx,
    sql`select id from organizations where parent_id = ${org.id} and status = 'active'
          ${body.recipientTypes?.length ? sql`and type = any(${textArray(body.recipientTypes)})` : sql``}
        order by sort_order, path`,
  );
  const problems = taskProblems(body, today(), children.length);
  if (problems.length) throw new DomainError('task_invalid', problems.join('；'));
  const [task] = await query<{ id: number }>(
    tx,
    sql`insert into report_tasks (org_id, title, period, deadline, sections, figures)
        values (${org.id}, ${body.title}, ${body.period}, ${body.deadline}::date,
                ${JSON.stringify(body.sections.map((s) => ({ key: s.key, title: s.title, hint: s.hint ?? null })))}::jsonb,
                ${JSON.stringify(orderedFigures(body.figures))}::jsonb)
        returning id`,
  );
  const taskId = Number(task!.id);
  await tx.execute(
    sql`insert into report_submissions (task_id, org_id) select ${taskId}, c from unnest(${bigintArray(children.map((c) => Number(c.id)))}) c`,
  );
  return { id: taskId, recipients: children.length };
}

/** The caller must be the issuer (scope contains the issuing committee). */
function requireIssuer(user: SessionUser, t: TaskRow, what: string) {
  if (!within(t.org_path, user.scopePath)) throw new HttpError(403, 'not_issuer', `只有发布任务的单位可以${what}`);
}

export async function closeTask(tx: Tx, user: SessionUser, id: number) {
  const t = await loadTask(tx, id);
  requireIssuer(user, t, '结束任务');
  if (t.status === 'closed') throw new DomainError('task_closed', '报送任务已结束');
  await tx.execute(sql`update report_tasks set status = 'closed', updated_at = now() where id = ${t.id}`);
}

/* -------------------------------------------------------------- submissions */

async function figuresOf(tx: Tx, rules: Rules, s: SubmissionRow, t: TaskRow): Promise<FigureSet> {
  return computeFigures(tx, rules, s.org_id, figuresAsOf(t.deadline, today()), orderedFigures(t.figures));
}

function stateOf(user: SessionUser, s: SubmissionRow, t: TaskRow, texts?: Record<string, string>) {
  return { status: s.status, taskStatus: t.status, actor: reportActorOf(user.scopePath, t.org_path, s.org_path), sections: t.sections, texts: texts ?? s.sections };
}

export async function submissionDetail(tx: Tx, user: SessionUser, rules: Rules, id: number): Promise<api.reports.SubmissionDetail> {
  const s = await loadSubmission(tx, id);
  const t = await loadTask(tx, s.task_id);
  const state = stateOf(user, s, t);
  return {
    ...toSubmissionItem(s, t.deadline),
    task: { id: t.id, issuer: { id: t.org_id, name: t.org_name }, title: t.title, period: t.period, deadline: t.deadline, status: t.status },
    sectionsTemplate: t.sections,
    texts: s.sections,
    figureKeys: orderedFigures(t.figures),
    figures: s.figures ?? (await figuresOf(tx, rules, s, t)),
    figuresFrozen: s.figures !== null,
    isIssuer: state.actor.issuer,
    isRecipient: state.actor.recipient,
    actions: REPORT_ACTIONS.map((action) => ({ action, problems: reportActionProblems(action, state) })),
    nextStep: reportNextStep(state, t.deadline, today()),
  };
}

/** Refuses an action: 403 when the caller is the wrong party, else 422 with every reason. */
function check(action: ReportAction, state: ReturnType<typeof stateOf>) {
  const problems = reportActionProblems(action, state);
  if (!problems.length) return;
  const wrongParty = (action === 'save' || action === 'submit') ? !state.actor.recipient : !state.actor.issuer;
  if (wrongParty) throw new HttpError(403, 'report_wrong_party', problems[0]!);
  throw new DomainError('report_refused', problems.join('；'));
}

function mergeTexts(t: TaskRow, current: Record<string, string>, texts: Record<string, string> | undefined): Record<string, string> {
  if (!texts) return current;
  const known = new Set(t.sections.map((x) => x.key));
  const unknown = Object.keys(texts).filter((k) => !known.has(k));
  if (unknown.length) throw new DomainError('unknown_section', `报告模板中没有这些部分：${unknown.join('、')}`, 'texts');
  return { ...current, ...Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, v.trim()])) };
}

export async function saveSubmission(tx: Tx, user: SessionUser, id: number, texts: Record<string, string>) {
  const s = await loadSubmission(tx, id);
  const t = await loadTask(tx, s.task_id);
  check('save', stateOf(user, s, t));
  const merged = mergeTexts(t, s.sections, texts);
  await tx.execute(sql`update report_submissions set sections = ${JSON.stringify(merged)}::jsonb, updated_at = now() where id = ${s.id}`);
}

export async function submit(tx: Tx, user: SessionUser, rules: Rules, id: number, texts: Record<string, string> | undefined) {
  const s = await loadSubmission(tx, id);
  const t = await loadTask(tx, s.task_id);
  const merged = mergeTexts(t, s.sections, texts);
  check('submit', stateOf(user, s, t, merged));
  const figures = await figuresOf(tx, rules, s, t);
  await tx.execute(
    sql`update report_submissions set status = 'submitted', sections = ${JSON.stringify(merged)}::jsonb, figures = ${JSON.stringify(figures)}::jsonb,
               submitted_at = now(), submitted_by = ${user.displayName}, updated_at = now()
         where id = ${s.id}`,
  );
}

export async function review(tx: Tx, user: SessionUser, id: number, action: 'return' | 'accept', reason?: string) {
  const s = await loadSubmission(tx, id);
  const t = await loadTask(tx, s.task_id);
  check(action, stateOf(user, s, t));
  if (action === 'return') {
    // Figures are taken again at the next submission.
    await tx.execute(
      sql`update report_submissions set status = 'returned', return_reason = ${reason ?? ''}, figures = null,
                 reviewed_by = ${user.displayName}, reviewed_at = now(), updated_at = now() where id = ${s.id}`,
    );
  } else {
    await tx.execute(sql`update report_submissions set status = 'accepted', reviewed_by = ${user.displayName}, reviewed_at = now(), updated_at = now() where id = ${s.id}`);
  }
}

/* ---------------------------------------------------------------- compiling */

export async function compile(tx: Tx, id: number): Promise<api.reports.CompiledReport> {
  const t = await loadTask(tx, id);
  const subs = await submissionsOf(tx, [t.id]);
  const keys = orderedFigures(t.figures);
  const included = subs.filter((s) => COMPILED_STATUSES.includes(s.status) && s.figures);
  return {
    task: { id: t.id, issuer: { id: t.org_id, name: t.org_name }, title: t.title, period: t.period, deadline: t.deadline, status: t.status },
    figureKeys: keys,
    sections: t.sections,
    included: included.map((s) => ({
      id: s.id,
      org: { id: s.org_id, name: s.org_name },
      status: s.status,
      submittedAt: isoTime(s.submitted_at),
      figures: s.figures!,
      texts: s.sections,
    })),
    missing: subs.filter((s) => !included.includes(s)).map((s) => ({ id: s.id, org: { id: s.org_id, name: s.org_name }, status: s.status })),
    total: totalFigures(included.map((s) => s.figures!.values), keys),
  };
}
