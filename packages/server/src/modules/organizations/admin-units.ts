import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { DomainError, api, type AdminUnitKind } from '@tuanjian/domain';
import type { z } from 'zod';
import type { Tx } from '../../db/connection.js';
import { adminUnits, organizations } from '../../db/schema.js';
import { loadOrg } from './service.js';

/** Villages and communities with the number of active branch-level organizations serving each. */
export async function listAdminUnits(tx: Tx, q: { under?: number; uncovered?: boolean }): Promise<api.AdminUnit[]> {
  const conds: SQL[] = [];
  if (q.under) {
    const org = await loadOrg(tx, q.under);
    conds.push(sql`t.path <@ ${org.path}::ltree`);
  }
  const branchCount = sql<number>`(select count(*) from organizations b where b.admin_unit_id = admin_units.id and b.status = 'active')`.mapWith(Number);
  if (q.uncovered) conds.push(sql`${branchCount} = 0`);
  const rows = await tx
    .select({
      id: adminUnits.id,
      code: adminUnits.code,
      name: adminUnits.name,
      kind: adminUnits.kind,
      townshipOrgId: adminUnits.townshipOrgId,
      townshipOrgName: sql<string>`t.name`,
      branchCount,
    })
    .from(adminUnits)
    .innerJoin(sql`organizations t`, sql`t.id = ${adminUnits.townshipOrgId}`)
    .where(and(...conds))
    .orderBy(asc(adminUnits.code));
  return rows.map((r) => ({ ...r, kind: r.kind as AdminUnitKind }));
}

export async function createAdminUnit(tx: Tx, input: api.BodyOf<typeof api.orgs.createAdminUnit>): Promise<api.AdminUnit> {
  const township = await loadOrg(tx, input.townshipOrgId);
  if (township.type !== 'township' && township.type !== 'subdistrict') {
    throw new DomainError('not_township', '村（社区）应登记在乡镇团委或街道团工委名下', 'townshipOrgId');
  }
  const [row] = await tx.insert(adminUnits).values(input).returning();
  return { ...row!, kind: row!.kind as AdminUnitKind, townshipOrgName: township.name, branchCount: 0 };
}

