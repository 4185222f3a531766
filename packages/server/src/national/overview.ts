import { sql } from 'drizzle-orm';
import { DEVELOPMENT_STEPS, type Rules, api } from '@tuanjian/domain';
import type { Tx } from '../db/connection.js';
import { query } from '../db/sql.js';
import { currentYear } from '../lib/clock.js';
import { HttpError } from '../http/errors.js';
import { rollupFigures } from '../modules/stats/dashboard.js';

/**
 * National figures on the national server (setup.ts): each is ONE query over the views that join every
 * province's foreign tables (async foreign scans, one leg per province, run at the same time); the
 * figures are the provincial dashboards' own (stats/dashboard.ts rollupFigures), the total the same
 * function over the provinces' rows added up.
 */
async function requireNational(tx: Tx) {
  const [r] = await query<{ on: boolean }>(tx, sql`select to_regclass('national.rollups') is not null as on`);
  if (!r?.on) throw new HttpError(404, 'national_off', '本系统未启用全国模式（NATIONAL_PROVINCES）');
}

export async function nationalOverview(tx: Tx, rules: Rules): Promise<api.national.NationalOverview> {
  await requireNational(tx);
  const year = currentYear();
  const rows = await query<{ province: string; name: string; org_id: number; org_name: string; metric: string; value: number }>(
    tx,
    sql`select r.province, p.name, r.org_id, r.org_name, r.metric, r.value
          from national.rollups r join national.provinces p on p.code = r.province
         where r.org_type = 'provincial'`,
  );
  const byProvince = new Map<string, { name: string; orgId: number; orgName: string; m: Map<string, number> }>();
  const total = new Map<string, number>();
  for (const r of rows) {
    const p = byProvince.get(r.province) ?? { name: r.name, orgId: Number(r.org_id), orgName: r.org_name, m: new Map() };
    const v = Number(r.value);
    p.m.set(r.metric, (p.m.get(r.metric) ?? 0) + v);
    total.set(r.metric, (total.get(r.metric) ?? 0) + v);
    byProvince.set(r.province, p);
  }
  return {
    year,
    provinces: [...byProvince.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, p]) => ({ code, name: p.name, orgId: p.orgId, orgName: p.orgName, ...rollupFigures(p.m, year, rules) })),
    total: rollupFigures(total, year, rules),
  };
}

/** 全国统计表: the provinces' month-end snapshots (stat_snapshots of each provincial committee), one query. */
export async function nationalStatTable(tx: Tx, month: string): Promise<api.national.NationalStatTable> {
  await requireNational(tx);
  const year = Number(month.slice(0, 4));
  const rows = await query<{ code: string; name: string; metrics: Record<string, number> | null }>(
    tx,
    sql`select p.code, p.name, s.metrics
          from national.provinces p
          left join national.snapshots s on s.province = p.code and s.org_type = 'provincial' and s.month = ${month}
         order by p.code`,
  );
  return {
    month,
    rows: rows.map((r) => {
      const m = r.metrics;
      const get = (k: string) => (m ? Number(m[k] ?? 0) : null);
      return {
        code: r.code,
        name: r.name,
        orgs: get('orgs:total'),
        members: get('members:total'),
        people: get('people:total'),
        casesInProgress: m ? DEVELOPMENT_STEPS.reduce((sum, s) => sum + Number(m[`cases:stage:${s}`] ?? 0), 0) : null,
        approvedThisYear: get(`cases:approved:${year}`),
      };
    }),
  };
}
