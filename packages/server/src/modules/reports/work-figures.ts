import { sql } from 'drizzle-orm';
import {
  appealOnTimeRate,
  deputyLiaisonRate,
  duesCollectionRate,
  partyRecommendRate,
  registrationRate,
  volunteerHoursPerMember,
  type FigureKey,
  type FigureSet,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { bigintArray, query, textArray } from '../../db/sql.js';
import { report as duesReport } from '../daily-work/dues.js';
import { recommendationSummary } from '../membership/party.js';
import { registrationProgress } from '../membership/registration.js';
import { appealFigures } from '../org-life/figures.js';
import { deputyLiaisonOf } from '../registries/deputies.js';

/**
 * The catalogue's work figures (推优入党, 团籍注册, 团费, 志愿服务, 青年之声,
 * 团代表联系; definitions in domain/stats/work-figures.ts) for one organization
 * and for each child of a parent at once, from what each registry's own page
 * reads: registration progress (org_figures), the party recommendation summary,
 * the dues report, the org-life overview's kept volunteer and appeal figures,
 * and the deputies registry's liaison figures (deputyLiaisonOf).
 */

export const WORK_FIGURES: readonly FigureKey[] = [
  'party_recommended',
  'party_recommend_rate',
  'registration_rate',
  'dues_collection_rate',
  'volunteers',
  'volunteer_hours_per_member',
  'appeal_ontime_rate',
  'deputy_liaison_rate',
];

/** Work figures needing the members count of the statistical tables (read by the caller). */
export const NEEDS_MEMBERS: readonly FigureKey[] = ['party_recommend_rate', 'volunteer_hours_per_member'];

interface Org {
  id: number;
  path: string;
}
type Values = FigureSet['values'];

/** Sums of kept figures (org_figures) of several organizations over [from, to], by organization and metric. */
async function keptSums(tx: Tx, orgIds: readonly number[], metrics: readonly string[], from: string, to: string) {
  const rows = await query<{ org_id: string; metric: string; value: string }>(
    tx,
    sql`select org_id, metric, sum(value)::bigint as value from org_figures
         where org_id = any(${bigintArray(orgIds)}) and metric = any(${textArray(metrics)}) and day between ${from}::date and ${to}::date
         group by org_id, metric`,
  );
  const out = new Map<number, Record<string, number>>(orgIds.map((id) => [id, Object.fromEntries(metrics.map((m) => [m, 0]))]));
  for (const r of rows) out.get(Number(r.org_id))![r.metric] = Number(r.value);
  return out;
}


/**
 * Computes the wanted work figures for each of `targets` (the organization itself, or every child of `parent`),
 * with `members` the statistical tables' member count of each target (for the per-member figures).
 */
export async function workFigures(
  tx: Tx,
  rules: Rules,
  parent: Org,
  targets: readonly (Org & { values: Values })[],
  asOf: string,
  want: ReadonlySet<FigureKey>,
  members: (id: number) => number,
): Promise<void> {
  const year = Number(asOf.slice(0, 4));
  const from = `${year}-01-01`;
  const self = targets.length === 1 && targets[0]!.id === parent.id;
  const ids = targets.map((t) => t.id);

  if (want.has('party_recommended') || want.has('party_recommend_rate')) {
    const s = await recommendationSummary(tx, { orgId: parent.id, year });
    for (const t of targets) {
      const recommended = self ? s.total : (s.children.find((c) => c.id === t.id)?.total ?? 0);
      if (want.has('party_recommended')) t.values.party_recommended = { value: recommended };
      if (want.has('party_recommend_rate')) t.values.party_recommend_rate = partyRecommendRate(recommended, members(t.id));
    }
  }
  if (want.has('registration_rate')) {
    const p = await registrationProgress(tx, { orgId: parent.id, year });
    for (const t of targets) t.values.registration_rate = registrationRate(self ? p : (p.children.find((c) => c.id === t.id) ?? { registered: 0, total: 0 }));
  }
  if (want.has('dues_collection_rate')) {
    // Each target's own totals (the dues report's kept figures at the organization, a page of one branch).
    for (const t of targets) {
      const r = await duesReport(tx, { under: t.id, from: `${year}-01`, to: asOf.slice(0, 7), pageSize: 1 }, rules);
      t.values.dues_collection_rate = duesCollectionRate(r.totals);
    }
  }
  if (want.has('volunteers') || want.has('volunteer_hours_per_member')) {
    // The org-life overview's figures: volunteers (vol:bm, every birth month) and service minutes of the year to date.
    const count = await keptSums(tx, ids, ['vol:bm'], '0001-01-01', '9999-12-31');
    const minutes = await keptSums(tx, ids, ['vol:minutes'], from, asOf);
    for (const t of targets) {
      if (want.has('volunteers')) t.values.volunteers = { value: count.get(t.id)!['vol:bm']! };
      if (want.has('volunteer_hours_per_member')) t.values.volunteer_hours_per_member = volunteerHoursPerMember(minutes.get(t.id)!['vol:minutes']!, members(t.id));
    }
  }
  if (want.has('appeal_ontime_rate')) {
    for (const t of targets) {
      const a = await appealFigures(tx, t.id, { from, to: asOf }, asOf);
      const open = (a.byStatus.submitted ?? 0) + (a.byStatus.assigned ?? 0);
      t.values.appeal_ontime_rate = appealOnTimeRate({ total: a.total, answeredOnTime: a.answeredOnTime, openNotDue: open - a.overdue });
    }
  }
  if (want.has('deputy_liaison_rate')) {
    // The deputies registry's liaison figures (团代会代表 → 代表联系覆盖): branches contacted by deputies this year.
    const d = await deputyLiaisonOf(tx, { id: parent.id, path: parent.path, name: '' }, year);
    for (const t of targets) {
      const g = self ? d.total : (d.byChild.find((c) => c.orgId === t.id) ?? { branchesContacted: 0, branches: 0 });
      t.values.deputy_liaison_rate = deputyLiaisonRate(g.branchesContacted, g.branches);
    }
  }
}
