import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { query } from '../db/sql.js';

/** How many past month ends the demo county gets snapshots for. */
export const DEMO_SNAPSHOT_MONTHS = 24;

/** The last day of a month (YYYY-MM). */
function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function monthsBefore(today: string, count: number): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count; i >= 1; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

/**
 * Month-end snapshots for the demo county's past, as the monthly job would
 * have taken them had the system run then: the figures are recomputed from the
 * records as they stood at each month end (organizations founded and not yet
 * dissolved, members joined and not yet left, development cases at the step
 * reached by then), with the same metric names as org_rollups. Months that
 * already have a snapshot are left alone, so it does nothing twice.
 * Deterministic: no randomness, only the records.
 */
export async function seedStatsDemo(tx: Tx, opts: { today: string; year: number }): Promise<void> {
  for (const month of monthsBefore(opts.today, DEMO_SNAPSHOT_MONTHS)) {
    const [has] = await query<{ n: number }>(tx, sql`select count(*)::int as n from stat_snapshots where month = ${month}`);
    if (has!.n > 0) continue;
    const on = monthEnd(month);
    await tx.execute(sql`
      insert into stat_snapshots (org_id, month, metrics)
      select g.org_id, ${month}, jsonb_object_agg(g.metric, g.value)
        from (
          select a.id as org_id, d.metric, count(*)::bigint as value
            from (
              select o.id as org_id,
                     unnest(case when coalesce(o.founded_on, '1900-01-01') > ${on}::date then array[]::text[]
                                 when o.dissolved_on is not null and o.dissolved_on <= ${on}::date then array['orgs:dissolved']
                                 when o.status = 'active' or o.dissolved_on is not null then tj_org_metrics('active', o.type, o.sector)
                                 else array[]::text[] end) as metric
                from organizations o
              union all
              select p.org_id,
                     unnest(tj_person_metrics(p.registry_status,
                                              case when p.member_status in ('active', 'left')
                                                    and coalesce(p.joined_on, '1900-01-01') <= ${on}::date
                                                    and (p.left_on is null or p.left_on > ${on}::date) then 'active' end,
                                              p.gender, p.is_student, p.birth_date))
                from people p
              union all
              select c.branch_id,
                     unnest(tj_case_metrics(
                       case when c.approved_on is not null and c.approved_on <= ${on}::date then 'admitted' else 'in_progress' end,
                       coalesce((select s.step from development_steps s where s.case_id = c.id and s.acted_on <= ${on}::date
                                  order by s.acted_on desc, s.id desc limit 1), 'application'),
                       case when c.approved_on <= ${on}::date then c.approved_on end))
                from development_cases c
               where c.started_on <= ${on}::date and c.status in ('in_progress', 'admitted')
            ) d
            join organizations x on x.id = d.org_id
            join organizations a on a.path @> x.path
           group by a.id, d.metric
        ) g
       where g.value <> 0
       group by g.org_id
      on conflict (org_id, month) do nothing`);
  }
}
