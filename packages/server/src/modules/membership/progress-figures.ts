import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { bigintArray, query } from '../../db/sql.js';

/**
 * 团籍注册 and 教育评议 progress of organizations, read from org_figures
 * (migration 0031): the members of a year (active, joined by its end) from
 * mem:jy (by joining year, 0043), their registrations (reg:st:<status>, reg:dec:<year> by decision
 * date) and appraisals (apr:<grade>) from the rows every member keeps in
 * person_figures. One primary-key range per organization and metric, whatever
 * the size of the subtree; the live computations are in registration.ts.
 */
export interface YearFigures {
  members: number;
  byMetric: Record<string, number>;
}

export async function yearFigures(tx: Tx, orgIds: readonly number[], year: number, decidedAfter: string | null): Promise<Map<number, YearFigures>> {
  const rows = await query<{ org_id: string; metric: string; value: string }>(
    tx,
    sql`select org_id, 'members' as metric, sum(value)::bigint as value from org_figures
         where org_id = any(${bigintArray(orgIds)}) and metric = 'mem:jy' and day <= ${`${year}-01-01`}::date group by org_id
        union all
        select org_id, metric, sum(value)::bigint from org_figures
         where org_id = any(${bigintArray(orgIds)}) and (starts_with(metric, 'reg:st:') or starts_with(metric, 'apr:')) and day = ${`${year}-01-01`}::date group by org_id, metric
        union all
        select org_id, 'late', sum(value)::bigint from org_figures
         where ${decidedAfter}::date is not null and org_id = any(${bigintArray(orgIds)}) and metric = ${`reg:dec:${year}`} and day > ${decidedAfter}::date group by org_id`,
  );
  const out = new Map<number, YearFigures>(orgIds.map((id) => [id, { members: 0, byMetric: {} }]));
  for (const r of rows) {
    const f = out.get(Number(r.org_id))!;
    if (r.metric === 'members') f.members = Number(r.value);
    else f.byMetric[r.metric] = Number(r.value);
  }
  return out;
}

/** The registration counts of progressCounts' input (ProgressRow), from an organization's year figures. */
export function registrationRow(f: YearFigures, deadline: string | null, on: string) {
  const m = f.byMetric;
  const decided = Object.entries(m).reduce((s, [k, v]) => (k.startsWith('reg:st:') ? s + v : s), 0);
  const unregistered = f.members - decided;
  return {
    total: f.members,
    registered: m['reg:st:registered'] ?? 0,
    deferred: m['reg:st:deferred'] ?? 0,
    not_registered: m['reg:st:not_registered'] ?? 0,
    unregistered,
    late: deadline === null ? 0 : (m.late ?? 0) + (on > deadline ? unregistered : 0),
  };
}

/** The appraisal counts of gradeCounts' input (GradeRow). */
export function gradeRow(f: YearFigures) {
  const m = f.byMetric;
  const graded = Object.entries(m).reduce((s, [k, v]) => (k.startsWith('apr:') ? s + v : s), 0);
  return {
    total: f.members,
    excellent: m['apr:excellent'] ?? 0,
    qualified: m['apr:qualified'] ?? 0,
    basically_qualified: m['apr:basically_qualified'] ?? 0,
    unqualified: m['apr:unqualified'] ?? 0,
    none: f.members - graded,
  };
}
