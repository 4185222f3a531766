import { sql, type SQL } from 'drizzle-orm';
import { INBOX_ITEMS_PER_SOURCE, INBOX_KIND_LABELS, isOverdue, type InboxKind, type Rules, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query, queryPrepared, queryPreparedAll } from '../../db/sql.js';
import type { SessionUser } from '../../http/session.js';
import { today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';
import { SOURCES, type Source, type SourceContext, type SourceRow } from './sources.js';

type Item = api.inbox.InboxItem;

interface Row extends SourceRow {
  org_name: string;
  total: number;
  overdue_total: number;
}

/** The caller's own organization: the one its items wait on (none for the platform administrator: the platform's items). */
function ownOrg(user: Pick<SessionUser, 'scopeOrgId'>): number | null {
  return user.scopeOrgId;
}

/**
 * The sources of an inbox: an organization's own, or (no organization: the platform administrator)
 * the platform's (e.g. a failed backup).
 */
const sourcesOf = (orgId: number | null) => SOURCES.filter((s) => (orgId === null) === Boolean(s.platform));
const everywhere = () => sql`true`;
const mineFilter = (orgId: number) => (column: string) => sql`${sql.raw(column)} = ${orgId}`;
const subtreeFilter = (path: string) => (column: string) =>
  sql`exists (select 1 from organizations f where f.id = ${sql.raw(column)} and f.path <@ ${path}::ltree)`;

function toItem(source: Source, r: SourceRow & { org_name: string }, on: string): Item {
  return {
    kind: source.kind,
    refId: Number(r.ref_id),
    title: source.title({ ...r, n: r.n === null ? null : Number(r.n) }, on),
    org: { id: Number(r.org_id), name: r.org_name },
    since: r.since,
    deadline: r.deadline,
    overdue: isOverdue(r.deadline, on),
    link: source.link(r),
  };
}

/** One source's statement: its items with their count and overdue count, most urgent first, the first `limit`. */
function sourceStatement(source: Source, ctx: SourceContext, opts: { limit: number; overdueOnly?: boolean }): SQL {
  return sql`select s.*, o.name as org_name, count(*) over ()::int as total,
               (count(*) filter (where s.deadline < ${ctx.on}) over ())::int as overdue_total
          from (${source.query(ctx)}) s join organizations o on o.id = s.org_id
         ${opts.overdueOnly ? sql`where s.deadline < ${ctx.on}` : sql``}
         order by s.deadline nulls last, s.since nulls last, s.ref_id
         limit ${opts.limit}`;
}

/** A source's rows as its count, overdue count and items. */
function sourceResult(source: Source, rows: Row[], on: string) {
  return {
    count: rows[0] ? Number(rows[0].total) : 0,
    overdue: rows[0] ? Number(rows[0].overdue_total) : 0,
    items: rows.map((r) => toItem(source, r, on)),
  };
}

/** One source read on its own (the overdue view: a subtree's plan depends on its size, so it is planned each time). */
async function readSource(tx: Tx, source: Source, ctx: SourceContext, opts: { limit: number; overdueOnly?: boolean }) {
  return sourceResult(source, await query<Row>(tx, sourceStatement(source, ctx, opts)), ctx.on);
}

/** GET /api/inbox: what waits on the caller's own organization, by source. */
export async function mine(tx: Tx, user: SessionUser, rules: Rules, limit = INBOX_ITEMS_PER_SOURCE) {
  const on = today();
  const orgId = ownOrg(user);
  const org = orgId === null ? null : await loadOrg(tx, orgId);
  const ctx: SourceContext = { on, rules, w: orgId === null ? everywhere : mineFilter(orgId) };
  const sources: api.inbox.InboxSource[] = [];
  const counts: Partial<Record<InboxKind, number>> = {};
  let total = 0;
  let overdue = 0;
  // One organization's own items: their cost is the plan, kept per connection (db/sql.ts queryPrepared).
  const own = sourcesOf(orgId);
  const read = await queryPreparedAll<Row>(tx, own.map((source) => sourceStatement(source, ctx, { limit })));
  for (const [i, source] of own.entries()) {
    const s = sourceResult(source, read[i]!, on);
    counts[source.kind] = s.count;
    total += s.count;
    overdue += s.overdue;
    if (s.count) sources.push({ kind: source.kind, label: INBOX_KIND_LABELS[source.kind], ...s });
  }
  // Sources with overdue items first, then by size; a source's items keep their urgency order.
  sources.sort((a, b) => Number(b.overdue > 0) - Number(a.overdue > 0) || b.count - a.count);
  return { today: on, org: org && { id: org.id, name: org.name }, total, overdue, counts, sources };
}

/** The header badge's statement: every source's count and overdue count for the caller's own organization, one row a source. */
export function countStatement(user: Pick<SessionUser, 'scopeOrgId'>, rules: Rules): SQL {
  const orgId = ownOrg(user);
  const ctx: SourceContext = { on: today(), rules, w: orgId === null ? everywhere : mineFilter(orgId) };
  const counts = sourcesOf(orgId).map(
    (source) => sql`select count(*)::int as n, (count(*) filter (where s.deadline < ${ctx.on}))::int as overdue from (${source.query(ctx)}) s`,
  );
  return sql.join(counts, sql` union all `);
}

/** GET /api/inbox/count: the header badge, every source's count in one statement (one round trip). */
export async function count(tx: Tx, user: SessionUser, rules: Rules) {
  // Planning is most of its cost (a plan of 22 sources under row-level security), so the plan is kept.
  const rows = await queryPrepared<{ n: number; overdue: number }>(tx, countStatement(user, rules));
  return { total: rows.reduce((a, r) => a + Number(r.n), 0), overdue: rows.reduce((a, r) => a + Number(r.overdue), 0) };
}

/** The subtree an overdue view covers (the caller's scope, or an organization in it) and the sources that can have overdue items today. */
async function overdueScope(tx: Tx, user: SessionUser, rules: Rules, q: { orgId?: number }) {
  const on = today();
  const rootId = q.orgId ?? user.scopeOrgId;
  const root = rootId ? await loadOrg(tx, rootId) : null;
  const filter: (column: string) => SQL = root ? subtreeFilter(root.path) : () => sql`true`;
  const ctx: SourceContext = { on, rules, w: filter };
  const sources = SOURCES.filter((s) => s.hasDeadlines);
  // A source whose one deadline has not passed has nothing overdue: counted 0 without a query.
  const counts: Partial<Record<InboxKind, number>> = Object.fromEntries(sources.map((s) => [s.kind, 0]));
  const read = sources.filter((s) => !s.fixedDeadline || s.fixedDeadline(ctx) < on);
  return { on, org: root ? { id: root.id, name: root.name } : null, ctx, counts, read };
}

/** The order of the overdue views' organizations: the most overdue first, then by name. */
const mostOverdueFirst = (a: { org: { name: string }; count: number }, b: { org: { name: string }; count: number }) =>
  b.count - a.count || a.org.name.localeCompare(b.org.name, 'zh');

/** GET /api/inbox/overdue: overdue items anywhere in a subtree of the caller's scope, grouped by the organization they wait on. */
export async function overdueByOrg(tx: Tx, user: SessionUser, rules: Rules, q: { orgId?: number }, limit = 200) {
  const { on, org, ctx, counts, read } = await overdueScope(tx, user, rules, q);
  const items: Item[] = [];
  let total = 0;
  for (const source of read) {
    const s = await readSource(tx, source, ctx, { limit, overdueOnly: true });
    counts[source.kind] = s.overdue;
    total += s.overdue;
    items.push(...s.items);
  }
  const groups = new Map<number, { org: { id: number; name: string }; count: number; items: Item[] }>();
  for (const item of items) {
    const g = groups.get(item.org.id) ?? { org: item.org, count: 0, items: [] };
    g.count++;
    g.items.push(item);
    groups.set(item.org.id, g);
  }
  for (const g of groups.values()) g.items.sort((a, b) => (a.deadline ?? '').localeCompare(b.deadline ?? ''));
  return { today: on, org, total, counts, groups: [...groups.values()].sort(mostOverdueFirst) };
}

/**
 * GET /api/inbox/overdue/summary: the overdue view counted (the county home's card): each source's overdue
 * items counted by organization (an aggregate statement a source, no item rows nor titles; one statement for
 * all measured slower, its plan worse), the first `limit` organizations in overdueByOrg's order. A source
 * with at most one item per organization reads only which organizations have an overdue one (overdueOrgs).
 * Its counts are complete (the list reads at most 200 items a source).
 */
export async function overdueSummary(tx: Tx, user: SessionUser, rules: Rules, q: { orgId?: number; limit: number }) {
  const { on, org, ctx, counts, read } = await overdueScope(tx, user, rules, q);
  const byOrg = new Map<number, { org: { id: number; name: string }; count: number }>();
  let total = 0;
  for (const source of read) {
    const counted = source.overdueOrgs
      ? sql`select x.org_id, 1 as n from (${source.overdueOrgs(ctx)}) x`
      : sql`select s.org_id, count(*)::int as n from (${source.query(ctx)}) s where s.deadline < ${on} group by s.org_id`;
    const rows = await query<{ org_id: number; n: number; org_name: string }>(
      tx,
      sql`select k.org_id, k.n, o.name as org_name from (${counted}) k join organizations o on o.id = k.org_id`,
    );
    for (const r of rows) {
      const n = Number(r.n);
      const id = Number(r.org_id);
      counts[source.kind] = (counts[source.kind] ?? 0) + n;
      total += n;
      const g = byOrg.get(id) ?? { org: { id, name: r.org_name }, count: 0 };
      g.count += n;
      byOrg.set(id, g);
    }
  }
  return { today: on, org, total, counts, organizations: byOrg.size, groups: [...byOrg.values()].sort(mostOverdueFirst).slice(0, q.limit) };
}
