import { sql } from 'drizzle-orm';
import {
  cadreTitleLabel,
  CADRE_TRAINING_KINDS,
  DomainError,
  api,
  attendanceProblems,
  hasPermission,
  shareOf,
  trainingProblems,
  type CadreTitle,
  type CadreTrainingKind,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { trainingAttendance, trainings } from '../../db/schema.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { currentYear, today } from '../../lib/clock.js';
import { holderSet, ids, loadCadres, loadOrgRef, subtreeCondition, toCadreItems } from './common.js';
import { loadOrg } from '../organizations/service.js';
import { trainingFigures } from './figures.js';

/*
 * Training courses and attendance. Attendance rows are registered under the
 * cadre's organization, so each committee sees its cadres' hours even for
 * courses run above it; the year of a course it cannot see is taken from the
 * date the attendance was recorded (see the report: a SECURITY DEFINER lookup
 * of course titles and dates would remove this approximation).
 */

interface TrainingRow {
  id: number;
  org_id: number;
  org_name: string;
  title: string;
  kind: CadreTrainingKind;
  start_on: string;
  end_on: string;
  hours: number;
  attendees: number;
  attendee_hours: number;
}

const TRAINING_SELECT = sql`
  select t.id, t.org_id, o.name as org_name, t.title, t.kind, t.start_on::text as start_on, t.end_on::text as end_on, t.hours,
         (select count(*)::int from training_attendance a where a.training_id = t.id) as attendees,
         (select coalesce(sum(a.hours), 0)::int from training_attendance a where a.training_id = t.id) as attendee_hours
    from trainings t join organizations o on o.id = t.org_id`;

const toItem = (r: TrainingRow) => ({
  id: Number(r.id),
  orgId: Number(r.org_id),
  orgName: r.org_name,
  title: r.title,
  kind: r.kind,
  startOn: r.start_on,
  endOn: r.end_on,
  hours: r.hours,
  attendees: r.attendees,
  attendeeHours: r.attendee_hours,
});

async function loadTraining(tx: Tx, id: number): Promise<TrainingRow> {
  const [row] = await query<TrainingRow>(tx, sql`${TRAINING_SELECT} where t.id = ${id}`);
  if (!row) throw notFound('培训');
  return row;
}

/** The year a visible attendance row belongs to: its course's, or when it was recorded. */
const ATTENDANCE_YEAR = sql`extract(year from coalesce(t.start_on, (a.created_at at time zone 'Asia/Shanghai')::date))::int`;

export async function listTrainings(tx: Tx, q: { under?: number; year?: number; kind?: CadreTrainingKind }) {
  const conds = [await subtreeCondition(tx, q.under, 'o')];
  if (q.year) conds.push(sql`extract(year from t.start_on)::int = ${q.year}`);
  if (q.kind) conds.push(sql`t.kind = ${q.kind}`);
  return (await query<TrainingRow>(tx, sql`${TRAINING_SELECT} where ${sql.join(conds, sql` and `)} order by t.start_on desc, t.id desc`)).map(toItem);
}

export async function trainingDetail(tx: Tx, user: SessionUser, id: number) {
  const t = await loadTraining(tx, id);
  const rows = await query<{ cadre_id: number; name: string; org_name: string; hours: number; posts: { title: CadreTitle; org: string }[] | null }>(
    tx,
    sql`select a.cadre_id, c.name, o.name as org_name, a.hours,
               (select json_agg(json_build_object('title', p.title, 'org', po.name) order by po.path)
                  from cadre_posts p join organizations po on po.id = p.org_id where p.cadre_id = a.cadre_id and p.end_on is null) as posts
          from training_attendance a join cadres c on c.id = a.cadre_id join organizations o on o.id = c.org_id
         where a.training_id = ${id} order by o.path, c.name`,
  );
  return {
    ...toItem(t),
    attendance: rows.map((r) => ({
      cadreId: Number(r.cadre_id),
      name: r.name,
      orgName: r.org_name,
      posts: (r.posts ?? []).map((p) => `${p.org}${cadreTitleLabel(p.title)}`).join('、'),
      hours: r.hours,
    })),
    can: { record: hasPermission(user.role, 'org:edit') },
  };
}

export async function createTraining(tx: Tx, body: api.BodyOf<typeof api.cadres.createTraining>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId', '举办组织');
  const problems = trainingProblems(body);
  if (org.status !== 'active') problems.push('举办组织已撤销');
  if (problems.length) throw new DomainError('training_refused', problems.join('；'));
  const [row] = await tx.insert(trainings).values({ orgId: org.id, title: body.title, kind: body.kind, startOn: body.startOn, endOn: body.endOn, hours: body.hours }).returning({ id: trainings.id });
  return row!.id;
}

export async function recordAttendance(tx: Tx, id: number, body: api.BodyOf<typeof api.cadres.recordAttendance>) {
  const t = await loadTraining(tx, id);
  const cadres = await loadCadres(tx, body.cadreIds);
  if (cadres.length !== new Set(body.cadreIds).size) throw new HttpError(404, 'not_found', '所选团干部不存在或不在您的管理范围内', 'cadreIds');
  const hours = body.hours ?? t.hours;
  const problems = attendanceProblems({ startOn: t.start_on, hours: t.hours }, hours, today());
  if (problems.length) throw new DomainError('attendance_refused', problems.join('；'), 'hours');
  for (const c of cadres) {
    await tx
      .insert(trainingAttendance)
      .values({ trainingId: id, orgId: Number(c.org_id), cadreId: Number(c.id), hours })
      .onConflictDoUpdate({ target: [trainingAttendance.trainingId, trainingAttendance.cadreId], set: { hours } });
  }
}

/** Cadres serving under the organization, and which of them attended training in the year. */
async function trainedFacts(tx: Tx, orgId: number, year: number) {
  const onDuty = [...(await holderSet(tx, { under: orgId, onDuty: true })).keys()];
  const trained = onDuty.length
    ? await query<{ cadre_id: number }>(
        tx,
        sql`select distinct a.cadre_id from training_attendance a left join trainings t on t.id = a.training_id
             where a.cadre_id = any(${ids(onDuty)}) and ${ATTENDANCE_YEAR} = ${year}`,
      )
    : [];
  return { onDuty, trained: new Set(trained.map((r) => Number(r.cadre_id))) };
}

/** A year's training of a subtree: from the kept figures (cad:*), or with `plain` live from the courses and attendance. */
export async function trainingSummary(tx: Tx, q: { orgId: number; year?: number }, opts: { plain?: boolean } = {}) {
  const org = await loadOrg(tx, q.orgId);
  const year = q.year ?? currentYear();
  if (!opts.plain) return trainingFigures(tx, Number(org.id), year);
  const courses = await query<{ kind: CadreTrainingKind; courses: number; attendances: number; hours: number }>(
    tx,
    sql`select t.kind, count(distinct t.id)::int as courses, count(a.id)::int as attendances, coalesce(sum(a.hours), 0)::int as hours
          from trainings t join organizations o on o.id = t.org_id left join training_attendance a on a.training_id = t.id
         where o.path <@ ${org.path}::ltree and extract(year from t.start_on)::int = ${year} group by t.kind`,
  );
  const { onDuty, trained } = await trainedFacts(tx, q.orgId, year);
  const trainedCount = onDuty.filter((id) => trained.has(id)).length;
  return {
    year,
    courses: courses.reduce((s, c) => s + c.courses, 0),
    attendances: courses.reduce((s, c) => s + c.attendances, 0),
    hours: courses.reduce((s, c) => s + c.hours, 0),
    cadresOnDuty: onDuty.length,
    cadresTrained: trainedCount,
    trainedShare: shareOf(trainedCount, onDuty.length),
    byKind: CADRE_TRAINING_KINDS.map((k) => {
      const c = courses.find((x) => x.kind === k);
      return { kind: k, courses: c?.courses ?? 0, attendances: c?.attendances ?? 0 };
    }),
  };
}

export async function untrained(tx: Tx, q: { orgId: number; year?: number }, _rules: Rules) {
  const year = q.year ?? currentYear();
  const { onDuty, trained } = await trainedFacts(tx, q.orgId, year);
  const rows = (await loadCadres(tx, onDuty.filter((id) => !trained.has(id)))).sort((a, b) =>
    a.org_path < b.org_path ? -1 : a.org_path > b.org_path ? 1 : a.name.localeCompare(b.name, 'zh-CN'),
  );
  return toCadreItems(tx, rows, today());
}
