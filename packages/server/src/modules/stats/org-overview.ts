import { sql } from 'drizzle-orm';
import type { OrgType, Sector, api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { bigintArray, query } from '../../db/sql.js';
import { loadOrg } from '../organizations/service.js';

type Overview = api.stats.OrgOverview;

/**
 * 组织概况 of a subtree (the home's first figures). Kept: organizations by type and sector, totals and
 * the children's sizes from org_rollups (0012), village/community coverage from org_figures (au:*, 0041):
 * a primary-key range at the organization and one per child, whatever the subtree. `{ plain: true }`
 * counts the organizations and admin units of the subtree (tests, bench). Equal counts are listed by
 * type / sector name (the live order among ties was arbitrary).
 */
export async function orgOverview(tx: Tx, orgId: number, opts: { plain?: boolean } = {}): Promise<Overview> {
  if (opts.plain) return orgOverviewPlain(tx, orgId);
  const org = await loadOrg(tx, orgId);
  const children = await query<{ id: string; name: string; shortName: string; type: OrgType }>(
    tx,
    sql`select c.id, c.name, coalesce(c.short_name, c.name) as "shortName", c.type from organizations c
         where c.parent_id = ${org.id} and c.status = 'active' order by c.sort_order, c.path`,
  );
  const rows = await query<{ org_id: string; metric: string; value: string }>(
    tx,
    sql`select org_id, metric, value from org_rollups where org_id = any(${bigintArray([org.id, ...children.map((c) => Number(c.id))])})
           and metric >= 'orgs:' and metric < 'orgs;' and value <> 0
        union all
        select org_id, metric, sum(value) from org_figures where org_id = ${org.id} and metric >= 'au:' and metric < 'au;' group by org_id, metric`,
  );
  const at = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const id = Number(r.org_id);
    if (!at.has(id)) at.set(id, new Map());
    at.get(id)!.set(r.metric, Number(r.value));
  }
  const own = at.get(org.id) ?? new Map<string, number>();
  const v = (m: Map<string, number> | undefined, k: string) => m?.get(k) ?? 0;
  const counted = <K extends string>(prefix: string) =>
    [...own]
      .filter(([k, n]) => k.startsWith(prefix) && n > 0)
      .map(([k, n]) => ({ key: k.slice(prefix.length) as K, count: n }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    org: { id: org.id, name: org.name, type: org.type as OrgType },
    total: v(own, 'orgs:total'),
    dissolved: v(own, 'orgs:dissolved'),
    byType: counted<OrgType>('orgs:type:').map((x) => ({ type: x.key, count: x.count })),
    bySector: counted<Sector>('orgs:sector:').map((x) => ({ sector: x.key, count: x.count })),
    coverage: {
      units: v(own, 'au:n'),
      covered: v(own, 'au:cov'),
      villages: v(own, 'au:k:village'),
      villagesCovered: v(own, 'au:k:village:cov'),
      communities: v(own, 'au:k:community'),
      communitiesCovered: v(own, 'au:k:community:cov'),
    },
    children: children.map((c) => {
      const m = at.get(Number(c.id));
      return { id: Number(c.id), name: c.name, shortName: c.shortName, type: c.type, total: v(m, 'orgs:total'), branches: v(m, 'orgs:type:branch') + v(m, 'orgs:type:joint_branch') };
    }),
  };
}

/** The live computation over the subtree's organizations and admin units. */
async function orgOverviewPlain(tx: Tx, orgId: number): Promise<Overview> {
  const org = await loadOrg(tx, orgId);
  const path = org.path;
  const byType = await query<{ type: OrgType; count: number }>(tx, sql`
    select type, count(*)::int as count from organizations
     where path <@ ${path}::ltree and status = 'active' group by type order by count desc, type collate "C"`);
  const bySector = await query<{ sector: Sector; count: number }>(tx, sql`
    select sector, count(*)::int as count from organizations
     where path <@ ${path}::ltree and status = 'active' group by sector order by count desc, sector collate "C"`);
  const [totals] = await query<{ total: number; dissolved: number }>(tx, sql`
      select count(*) filter (where status = 'active')::int as total, count(*) filter (where status = 'dissolved')::int as dissolved
        from organizations where path <@ ${path}::ltree`);
  const [cov] = await query<Overview['coverage']>(tx, sql`
      select count(*)::int as units,
             count(*) filter (where covered)::int as covered,
             count(*) filter (where kind = 'village')::int as villages,
             count(*) filter (where kind = 'village' and covered)::int as "villagesCovered",
             count(*) filter (where kind = 'community')::int as communities,
             count(*) filter (where kind = 'community' and covered)::int as "communitiesCovered"
        from (select u.kind, exists (select 1 from organizations b where b.admin_unit_id = u.id and b.status = 'active') as covered
                from admin_units u join organizations t on t.id = u.township_org_id
               where t.path <@ ${path}::ltree) x`);
  const children = await query<{ id: number; name: string; shortName: string; type: OrgType; total: number; branches: number }>(tx, sql`
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
    byType: byType.map((r) => ({ type: r.type, count: r.count })),
    bySector: bySector.map((r) => ({ sector: r.sector, count: r.count })),
    coverage: cov!,
    children: children.map((c) => ({ ...c, id: Number(c.id) })),
  };
}
