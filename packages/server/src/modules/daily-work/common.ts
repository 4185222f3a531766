import { sql, type SQL } from 'drizzle-orm';
import { DomainError, isBranchType, type OrgType } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { bigintArray, query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import { loadOrg } from '../organizations/service.js';

export { today, currentYear } from '../../lib/clock.js';

/*
 * Helpers shared by the daily-work routes. Everything runs in the caller's
 * scoped transaction: a record outside the scope is simply not found (404).
 */

/** A created_at timestamp as the calendar date in China (the league works in CST). */
export const chinaDate = (column: string) => sql.raw(`((${column} at time zone 'UTC') + interval '8 hours')::date::text`);

/** One row visible to the caller, or 404 naming what was looked for. */
export async function loadOne<T>(tx: Tx, statement: SQL, what: string): Promise<T> {
  const [row] = await query<T>(tx, statement);
  if (!row) throw notFound(what);
  return row;
}

/** An organization named by an input (visible, else 404 on that field). */
export async function loadOrgRef(tx: Tx, id: number, field?: string, what = '组织') {
  return loadOrg(tx, id).catch(() => {
    throw new HttpError(404, 'not_found', `${what}不存在或不在您的管理范围内`, field);
  });
}

/** A branch (团支部 or 联合团支部) named by an input: visible, active and a branch. */
export async function loadBranch(tx: Tx, id: number, field?: string) {
  const org = await loadOrgRef(tx, id, field, '团支部');
  if (!isBranchType(org.type as OrgType)) throw new DomainError('not_a_branch', '请选择团支部（团费、账号按团支部办理）', field);
  if (org.status !== 'active') throw new DomainError('branch_dissolved', '该团支部已撤销', field);
  return org;
}

/** The subtree filter on organization alias `o` for an optional "under" input (404 when not visible). */
export async function subtreeOf(tx: Tx, under: number | undefined, alias = 'o'): Promise<SQL> {
  if (!under) return sql`true`;
  const org = await loadOrgRef(tx, under, 'under');
  return sql`${sql.raw(alias)}.path <@ ${org.path}::ltree`;
}

/**
 * The organizations a subtree figure is about — `under`, or the caller's scope organization (every root for
 * the platform scope) — and the subtree condition on `o`. With one root it is also the btree range from the
 * root's path on (a subtree is contiguous in path order), so a page in tree order is read from the root on
 * and stops with the page. Used by the paged reports (dues, archive).
 */
export async function subtreeRoots(tx: Tx, under: number | undefined): Promise<{ roots: number[]; inTree: SQL }> {
  // The scope's root(s) without `under`: an OR of two index conditions (parent_id, path), not a CASE, which the
  // planner could only filter row by row: 221 -> 1.9 ms at the synthetic province's 268,255 organizations.
  const rows = under
    ? [await loadOrgRef(tx, under, 'under')]
    : await query<{ id: string; path: string }>(
        tx,
        sql`select id, path::text as path from organizations
             where (current_setting('tj.scope', true) = '*' and parent_id is null) or path = nullif(current_setting('tj.scope', true), '*')::ltree`,
      );
  const roots = rows.map((r) => Number(r.id));
  if (rows.length !== 1) return { roots, inTree: sql`true` };
  const path = rows[0]!.path;
  return { roots, inTree: sql`o.path <@ ${path}::ltree and o.path >= ${path}::ltree` };
}

/** The active branches (团支部 and 联合团支部) under the roots: two org_rollups rows each (migration 0012), whatever the subtree. */
export async function activeBranchCount(tx: Tx, roots: readonly number[]): Promise<number> {
  const [n] = await query<{ n: string }>(
    tx,
    sql`select coalesce(sum(value), 0)::bigint as n from org_rollups where org_id = any(${bigintArray(roots)}) and metric in ('orgs:type:branch', 'orgs:type:joint_branch')`,
  );
  return Number(n!.n);
}

/** Refuses with every problem found, as one Chinese sentence list. */
export function refuse(code: string, problems: string[], field?: string, status = 422): void {
  if (problems.length) throw new DomainError(code, problems.join('；'), field, status);
}

/** The PostgreSQL error behind a driver error, if any. */
export function pgError(err: unknown): { code?: string; constraint?: string; message?: string } | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 4 && cur; i++) {
    const e = cur as { code?: string; constraint?: string; cause?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
    cur = e.cause;
  }
  return undefined;
}

export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export const paging = (q: { page: number; pageSize: number }) => sql`limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`;

/** The current month "YYYY-MM" of a date. */
export const monthOf = (date: string) => date.slice(0, 7);

/** Timestamps from PostgreSQL text as ISO 8601. */
export const iso = (v: string | Date | null): string | null => (v === null ? null : new Date(v).toISOString());

/** Subtree paths of visible organizations by id (for escalation targets and naming checks). */
export async function orgNames(tx: Tx, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids.filter((i) => Number.isFinite(i)))];
  if (!unique.length) return new Map();
  const rows = await query<{ id: number; name: string }>(
    tx,
    sql`select id, name from organizations where id in (${sql.join(unique.map((i) => sql`${i}`), sql`, `)})`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}
