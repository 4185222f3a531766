import { sql } from 'drizzle-orm';
import { DEVELOPMENT_STEPS, DomainError, api, type DevelopmentStep } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { developmentQuotas } from '../../db/schema.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { loadOrg } from '../organizations/service.js';

/** Approvals of a year under an organization (its whole subtree). */
const usedUnder = (year: number) => sql`(select count(*)::int from development_cases c join organizations b on b.id = c.branch_id
   where b.path <@ o.path and c.approved_on >= make_date(${year}, 1, 1) and c.approved_on < make_date(${year + 1}, 1, 1)
     and c.status in ('in_progress', 'admitted'))`;

export async function quotaOverview(tx: Tx, orgId: number, year: number) {
  const org = await loadOrg(tx, orgId);
  const lines = await query<{ id: number; name: string; quota: number | null; used: number; is_self: boolean }>(
    tx,
    sql`select o.id, o.name, q.amount as quota, ${usedUnder(year)} as used, o.id = ${org.id} as is_self
          from organizations o left join development_quotas q on q.org_id = o.id and q.year = ${year}
         where (o.id = ${org.id} or o.parent_id = ${org.id}) and o.status = 'active'
         order by o.id = ${org.id} desc, o.path`,
  );
  const toLine = (l: (typeof lines)[number]) => ({ orgId: Number(l.id), orgName: l.name, quota: l.quota, used: l.used });
  const children = lines.filter((l) => !l.is_self).map(toLine);
  return {
    org: toLine(lines.find((l) => l.is_self)!),
    year,
    assignedToChildren: children.reduce((s, c) => s + (c.quota ?? 0), 0),
    children,
  };
}

/**
 * A committee issues quotas to the organizations below it; the parts never
 * exceed the whole, and no quota drops below what has already been approved.
 */
export async function setQuota(tx: Tx, user: SessionUser, orgId: number, year: number, amount: number) {
  const org = await loadOrg(tx, orgId);
  if (user.scopeOrgId === orgId) throw new HttpError(403, 'own_quota', '本级的发展指标由上级团委下达，不能自行调整');
  const [lock] = await query<{ id: number }>(tx, sql`select id from organizations where id = ${org.parentId ?? org.id} for update`);
  void lock;
  const self = await quotaOverview(tx, orgId, year);
  if (amount < self.org.used) throw new DomainError('below_used', `该组织${year}年已审批${self.org.used}名，指标不能少于已审批人数`, 'amount');
  if (amount < self.assignedToChildren) throw new DomainError('below_children', `已向下级分解${self.assignedToChildren}名，指标不能少于已分解数`, 'amount');
  if (org.parentId) {
    const [parent] = await query<{ amount: number | null; name: string; siblings: number }>(
      tx,
      sql`select q.amount, p.name,
                 (select coalesce(sum(sq.amount), 0)::int from development_quotas sq join organizations s on s.id = sq.org_id
                   where s.parent_id = p.id and sq.year = ${year} and s.id <> ${orgId}) as siblings
            from organizations p left join development_quotas q on q.org_id = p.id and q.year = ${year}
           where p.id = ${org.parentId}`,
    );
    if (parent && parent.amount !== null && parent.siblings + amount > parent.amount) {
      throw new DomainError('over_parent', `超出${parent.name}的${year}年度指标：上级指标${parent.amount}名，已分解给其他组织${parent.siblings}名，最多还能分给本组织${parent.amount - parent.siblings}名`, 'amount');
    }
  }
  await tx
    .insert(developmentQuotas)
    .values({ orgId, year, amount })
    .onConflictDoUpdate({ target: [developmentQuotas.orgId, developmentQuotas.year], set: { amount } });
}

/**
 * 发展漏斗 of an organization's subtree. Kept figures: cases by stage and approvals by year from
 * org_rollups (0012), flagged cases from org_figures (dev:flagged, 0041), the quota row: a few
 * primary-key reads whatever the subtree. `{ plain: true }` counts the cases (tests, bench).
 */
export async function funnel(tx: Tx, orgId: number, year: number, opts: { plain?: boolean } = {}): Promise<api.ResponseOf<typeof api.development.getFunnel>> {
  if (opts.plain) return funnelPlain(tx, orgId, year);
  const org = await loadOrg(tx, orgId);
  const rows = await query<{ metric: string; value: string }>(
    tx,
    sql`select metric, value from org_rollups where org_id = ${org.id} and (starts_with(metric, 'cases:stage:') or metric = ${`cases:approved:${year}`})
        union all
        select metric, sum(value) from org_figures where org_id = ${org.id} and metric = 'dev:flagged' group by metric`,
  );
  const kept = new Map(rows.map((r) => [r.metric, Number(r.value)]));
  const [q] = await query<{ amount: number }>(tx, sql`select amount from development_quotas where org_id = ${org.id} and year = ${year}`);
  const admitted = kept.get(`cases:approved:${year}`) ?? 0;
  return {
    year,
    stages: DEVELOPMENT_STEPS.map((s) => ({ stage: s, count: kept.get(`cases:stage:${s}`) ?? 0 })),
    admitted,
    flagged: kept.get('dev:flagged') ?? 0,
    quota: q ? q.amount : null,
    used: admitted,
  };
}

async function funnelPlain(tx: Tx, orgId: number, year: number): Promise<api.ResponseOf<typeof api.development.getFunnel>> {
  const org = await loadOrg(tx, orgId);
  const stages = await query<{ stage: DevelopmentStep; count: number }>(
    tx,
    sql`select c.stage, count(*)::int as count from development_cases c join organizations b on b.id = c.branch_id
         where b.path <@ ${org.path}::ltree and c.status = 'in_progress' group by c.stage`,
  );
  const [t] = await query<{ admitted: number; flagged: number }>(
    tx,
    sql`select count(*) filter (where c.approved_on >= make_date(${year}, 1, 1) and c.approved_on < make_date(${year + 1}, 1, 1) and c.status in ('in_progress', 'admitted'))::int as admitted,
               count(*) filter (where c.status = 'in_progress' and cardinality(c.flags) > 0 and c.flags_reviewed_by is null)::int as flagged
          from development_cases c join organizations b on b.id = c.branch_id where b.path <@ ${org.path}::ltree`,
  );
  const q = await quotaOverview(tx, orgId, year);
  return {
    year,
    stages: DEVELOPMENT_STEPS.map((s) => ({ stage: s, count: stages.find((x) => x.stage === s)?.count ?? 0 })),
    admitted: t!.admitted,
    flagged: t!.flagged,
    quota: q.org.quota,
    used: q.org.used,
  };
}
