import { and, desc, eq, gte, ilike, lt, sql, type SQL } from 'drizzle-orm';
import { api } from '@tuanjian/domain';
import { auditLog } from '../../db/schema.js';
import { scoped, type RouteDef } from '../../http/route.js';
import { chinaDayStart, isoTime } from '../../db/sql.js';
import { loadOrg } from '../organizations/service.js';

export const auditRoutes: RouteDef[] = [
  scoped(api.audit.listAudit, async ({ tx }, { query }) => {
    const conds: SQL[] = [];
    if (query.entity) conds.push(eq(auditLog.entity, query.entity));
    if (query.entityId) conds.push(eq(auditLog.entityId, query.entityId));
    if (query.action) conds.push(eq(auditLog.action, query.action));
    if (query.actor) conds.push(ilike(auditLog.actorName, `%${query.actor}%`));
    // Dates are days in China Standard Time.
    if (query.from) conds.push(gte(auditLog.at, chinaDayStart(query.from)));
    if (query.to) conds.push(lt(auditLog.at, sql`${chinaDayStart(query.to)} + interval '1 day'`));
    if (query.orgId) {
      const org = await loadOrg(tx, query.orgId);
      conds.push(sql`${auditLog.orgId} in (select id from organizations where path <@ ${org.path}::ltree)`);
    }
    const where = and(...conds);
    const rows = await tx
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorId: auditLog.actorId,
        actorName: auditLog.actorName,
        ip: auditLog.ip,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        orgId: auditLog.orgId,
        orgName: sql<string | null>`(select o.name from organizations o where o.id = audit_log.org_id)`,
        before: auditLog.before,
        after: auditLog.after,
        changed: auditLog.changed,
      })
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize);
    const [{ total }] = (await tx.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(auditLog).where(where)) as [{ total: number }];
    return { items: rows.map((r) => ({ ...r, at: isoTime(r.at) })) as api.AuditEntry[], total, page: query.page, pageSize: query.pageSize };
  }),
];
