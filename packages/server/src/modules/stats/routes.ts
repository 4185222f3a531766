import { query, queryResult } from '../../db/sql.js';
import { sql } from 'drizzle-orm';
import { api, type OrgType, type Sector } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import { loadOrg } from '../organizations/service.js';
import { peopleOverview } from '../people/stats.js';
import * as meetings from '../org-life/meetings.js';
import * as study from '../org-life/study.js';
import * as dues from '../daily-work/dues.js';
import { funnel } from '../development/quotas.js';
import { currentYear } from '../../lib/clock.js';
import { today } from '../daily-work/common.js';
import { dashboard, snapshots } from './dashboard.js';
import { buildStatTable, sendStatTable } from './tables.js';
import { exportLedger, exportLedgerKind, ledgerCatalogue, ledgerPage } from './ledgers.js';

export const statsRoutes: RouteDef[] = [
  // 团支部首页 in one round trip: each part is its own module's answer, in the one scoped transaction.
  scoped(api.stats.branchHome, async ({ tx, rules }, { query: q }) => {
    const r = await rules();
    const year = q.year ?? currentYear();
    const month = q.month ?? today().slice(0, 7);
    return {
      people: await peopleOverview(tx, q.orgId, r),
      due: await meetings.due(tx, r, q.orgId),
      dues: await dues.report(tx, { under: q.orgId, from: month, to: month }, r),
      study: await study.studyStats(tx, r, { orgId: q.orgId, year }, currentYear()),
      funnel: await funnel(tx, q.orgId, year),
    };
  }),
  scoped(api.dashboard.getDashboard, async ({ tx, rules }, { query: q }) => dashboard(tx, q.orgId, await rules())),
  scoped(api.dashboard.listSnapshots, ({ tx }, { query: q }) => snapshots(tx, q.orgId)),
  scoped(api.statTables.getStatTable, async ({ tx, rules }, { params, query: q }) => buildStatTable(tx, params.table, q.orgId, q.asOf, await rules())),
  scoped(api.statTables.exportStatTable, async ({ tx, rules, reply }, { params, query: q }) =>
    sendStatTable(reply, await buildStatTable(tx, params.table, q.orgId, q.asOf, await rules())),
  ),
  scoped(api.ledgers.listLedgers, async () => ledgerCatalogue()),
  scoped(api.ledgers.getLedger, async ({ tx, user, rules }, { params, query: q }) => ledgerPage(tx, user, params.ledger, q, await rules())),
  scoped(api.ledgers.exportLedger, async ({ tx, user, rules, reply }, { params, query: q }) => exportLedger(tx, user, reply, params.ledger, q, await rules())),
  scoped(api.ledgers.exportLedgerKind, async ({ tx, user, rules, reply }, { params, query: q }) => exportLedgerKind(tx, user, reply, params.kind, q, await rules())),
  scoped(api.stats.getOrgOverview, async ({ tx }, input) => {
    const org = await loadOrg(tx, input.query.orgId);
    const path = org.path;
    const byType = await queryResult<{ type: OrgType; count: number }>(tx, sql`
      select type, count(*)::int as count from organizations
       where path <@ ${path}::ltree and status = 'active' group by type order by count desc`);
    const bySector = await queryResult<{ sector: Sector; count: number }>(tx, sql`
      select sector, count(*)::int as count from organizations
       where path <@ ${path}::ltree and status = 'active' group by sector order by count desc`);
    const [totals] = (await query<{ total: number; dissolved: number }>(tx, sql`
        select count(*) filter (where status = 'active')::int as total, count(*) filter (where status = 'dissolved')::int as dissolved
          from organizations where path <@ ${path}::ltree`)
    );
    const [cov] = (await query<Record<string, number>>(tx, sql`
        select count(*)::int as units,
               count(*) filter (where covered)::int as covered,
               count(*) filter (where kind = 'village')::int as villages,
               count(*) filter (where kind = 'village' and covered)::int as "villagesCovered",
               count(*) filter (where kind = 'community')::int as communities,
               count(*) filter (where kind = 'community' and covered)::int as "communitiesCovered"
          from (select u.kind, exists (select 1 from organizations b where b.admin_unit_id = u.id and b.status = 'active') as covered
                  from admin_units u join organizations t on t.id = u.township_org_id
                 where t.path <@ ${path}::ltree) x`)
    );
    const children = await queryResult<{ id: number; name: string; shortName: string; type: OrgType; total: number; branches: number }>(tx, sql`
      select c.id, c.name, coalesce(c.short_name, c.name) as "shortName", c.type,
             count(d.id)::int as total,
             count(d.id) filter (where d.type in ('branch', 'joint_branch'))::int as branches
        from organizations c
        join organizations d on d.path <@ c.path and d.status = 'active'
       where c.parent_id = ${org.id} and c.status = 'active'
       group by c.id order by c.sort_order, c.path`);
    return {
      org: { id: org.id, name: org.name, type: org.type as OrgType },
      total: totals!.total,
      dissolved: totals!.dissolved,
      byType: byType.rows,
      bySector: bySector.rows,
      coverage: cov as never,
      children: children.rows.map((c) => ({ ...c, id: Number(c.id) })),
    };
  }),
];
