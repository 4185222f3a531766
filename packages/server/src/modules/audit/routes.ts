import { sql, type SQL } from 'drizzle-orm';
import { api } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import type { Tx } from '../../db/connection.js';
import { chinaDayStart, isoTime, query as rowsOf, textArray } from '../../db/sql.js';
import { loadOrg } from '../organizations/service.js';
import { auditLabels } from './labels.js';

type Filters = api.QueryOf<typeof api.audit.listAuditGroups> & { entityId?: string };

/** The filters as conditions on the audit row aliased `a` (the same on `b`, for the first row of an action). */
async function filterSql(tx: Tx, query: Filters): Promise<(alias: 'a' | 'b') => SQL> {
  const path = query.orgId ? (await loadOrg(tx, query.orgId)).path : null;
  return (alias) => {
    const c = (col: string) => sql.raw(`${alias}.${col}`);
    const conds: SQL[] = [sql`true`];
    if (query.entity) conds.push(sql`${c('entity')} = ${query.entity}`);
    if (query.entityId) conds.push(sql`${c('entity_id')} = ${query.entityId}`);
    if (query.action) conds.push(sql`${c('action')} = ${query.action}`);
    if (query.actor) conds.push(sql`${c('actor_name')} ilike ${`%${query.actor}%`}`);
    // Dates are days in China Standard Time.
    if (query.from) conds.push(sql`${c('at')} >= ${chinaDayStart(query.from)}`);
    if (query.to) conds.push(sql`${c('at')} < ${chinaDayStart(query.to)} + interval '1 day'`);
    // A row between two organizations (a transfer, a record that moved; migration 0017) belongs to both.
    if (path) {
      conds.push(sql`(${c('org_id')} in (select id from organizations where path <@ ${path}::ltree)
                      or ${c('other_org_id')} in (select id from organizations where path <@ ${path}::ltree))`);
    }
    return sql.join(conds, sql` and `);
  };
}

interface RawRow {
  id: string | number;
  at: string;
  actor_id: string | number | null;
  actor_name: string | null;
  ip: string | null;
  request_id: string | null;
  action: api.AuditEntry['action'];
  entity: string;
  entity_id: string | null;
  org_id: string | number | null;
  org_name: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changed: string[];
}

const ROW_COLUMNS = sql`a.id, a.at, a.actor_id, a.actor_name, a.ip, a.request_id, a.action, a.entity, a.entity_id, a.org_id,
  (select o.name from organizations o where o.id = a.org_id) as org_name, a.before, a.after, a.changed`;

async function entries(tx: Tx, rows: RawRow[]): Promise<(api.AuditEntry & { requestId: string | null })[]> {
  const base = rows.map((r) => ({
    id: Number(r.id),
    at: isoTime(r.at),
    actorId: r.actor_id === null ? null : Number(r.actor_id),
    actorName: r.actor_name,
    ip: r.ip,
    requestId: r.request_id,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    orgId: r.org_id === null ? null : Number(r.org_id),
    orgName: r.org_name,
    before: r.before,
    after: r.after,
    changed: r.changed ?? [],
  }));
  const labels = await auditLabels(tx, base);
  return base.map((e, i) => ({ ...e, label: labels[i] ?? null }));
}

/** Totals above this are reported as "more than" (counting every action of a large log is a walk over it). */
const COUNT_CAP = 10_000;

export const auditRoutes: RouteDef[] = [
  scoped(api.audit.listAudit, async ({ tx }, { query }) => {
    const where = (await filterSql(tx, query))('a');
    const rows = await rowsOf<RawRow>(tx, sql`select ${ROW_COLUMNS} from audit_log a where ${where} order by a.id desc offset ${(query.page - 1) * query.pageSize} limit ${query.pageSize}`);
    const [{ total }] = (await rowsOf<{ total: number }>(tx, sql`select count(*)::int as total from audit_log a where ${where}`)) as [{ total: number }];
    const items = (await entries(tx, rows)).map(({ requestId: _r, ...e }) => e);
    return { items, total: Number(total), page: query.page, pageSize: query.pageSize };
  }),

  scoped(api.audit.listAuditGroups, async ({ tx }, { query }) => {
    const where = await filterSql(tx, query);
    // The first matching row of each action stands for it: rows without a request are their own
    // action; otherwise no earlier matching row of the same request exists (audit_log_request_idx).
    const isHead = sql`(a.request_id is null or not exists (select 1 from audit_log b where b.request_id = a.request_id and b.id < a.id and ${where('b')}))`;
    const heads = await rowsOf<RawRow>(
      tx,
      sql`select ${ROW_COLUMNS} from audit_log a where ${where('a')} and ${isHead} order by a.id desc offset ${(query.page - 1) * query.pageSize} limit ${query.pageSize}`,
    );
    const [{ n }] = (await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from (select 1 from audit_log a where ${where('a')} and ${isHead} limit ${COUNT_CAP + 1}) x`)) as [{ n: number }];

    // The rows of the page's actions, through the request index.
    const requestIds = heads.flatMap((h) => (h.request_id ? [h.request_id] : []));
    const detail = requestIds.length
      ? await rowsOf<RawRow & { total: number | string }>(
          tx,
          sql`select * from (
                  select ${ROW_COLUMNS}, row_number() over (partition by a.request_id order by a.id) as n, count(*) over (partition by a.request_id) as total
                  from audit_log a where a.request_id = any(${textArray(requestIds)}) and ${where('a')}
                ) x where x.n <= ${api.audit.AUDIT_GROUP_DETAIL_LIMIT} order by x.id`,
        )
      : [];
    const kinds = requestIds.length
      ? await rowsOf<{ request_id: string; entity: string; action: api.AuditEntry['action']; count: number }>(
          tx,
          sql`select a.request_id, a.entity, a.action, count(*)::int as count from audit_log a
                where a.request_id = any(${textArray(requestIds)}) and ${where('a')}
                group by a.request_id, a.entity, a.action order by min(a.id)`,
        )
      : [];

    const labelled = await entries(tx, [...heads, ...detail.filter((d) => !heads.some((h) => String(h.id) === String(d.id)))]);
    const byId = new Map(labelled.map((e) => [e.id, e]));
    const items: api.audit.AuditGroup[] = heads.map((h) => {
      const first = byId.get(Number(h.id))!;
      const requestId = first.requestId;
      const rows = requestId ? detail.filter((d) => d.request_id === requestId).map((d) => byId.get(Number(d.id))!) : [first];
      const groupKinds = requestId ? kinds.filter((k) => k.request_id === requestId) : [];
      // The headline is the record the action was about: of the kinds it wrote, the one with the fewest rows
      // (the meeting, not its 124 attendance rows), first of them.
      const fewest = Math.min(...groupKinds.map((k) => Number(k.count)));
      const main = groupKinds.find((k) => Number(k.count) === fewest);
      const head = (main && rows.find((r) => r.entity === main.entity && r.action === main.action)) || first;
      const { requestId: _h, ...headEntry } = head;
      const total = requestId ? Number(detail.find((d) => d.request_id === requestId)?.total ?? 1) : 1;
      return {
        key: requestId ?? `row:${head.id}`,
        requestId,
        at: head.at,
        actorId: head.actorId,
        actorName: head.actorName,
        ip: head.ip,
        orgId: head.orgId,
        orgName: head.orgName,
        head: headEntry,
        total,
        kinds: requestId ? groupKinds.map((k) => ({ entity: k.entity, action: k.action, count: Number(k.count) })) : [{ entity: head.entity, action: head.action, count: 1 }],
        rows: rows.map(({ requestId: _r, ...e }) => e),
      };
    });
    return { items, total: Math.min(Number(n), COUNT_CAP), totalIsLowerBound: Number(n) > COUNT_CAP, page: query.page, pageSize: query.pageSize };
  }),
];
