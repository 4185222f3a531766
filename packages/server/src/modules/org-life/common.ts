import { sql, type SQL } from 'drizzle-orm';
import { DomainError, hasPermission, type Permission } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';

export { today };

/** A timestamp column as the calendar date in China (the league works in CST). */
export const chinaDateOf = (column: string) => sql.raw(`((${column} at time zone 'UTC') + interval '8 hours')::date`);

/**
 * Now, on the business date (today(), which TJ_TODAY may
 * pin for demos and tests), so that a record's creation date and the dates
 * computed from today() (deadlines, idleness) agree.
 */
export const businessNow = (on: string) =>
  sql`((${on}::date + ((now() at time zone 'UTC') + interval '8 hours')::time) - interval '8 hours') at time zone 'UTC'`;

/** Refuses with every problem found, as one Chinese sentence list. */
export function refuse(code: string, problems: string[], field?: string, status = 422): void {
  if (problems.length) throw new DomainError(code, problems.join('；'), field, status);
}

/** One row visible to the caller, or 404 naming what was looked for. */
export async function loadOne<T>(tx: Tx, statement: SQL, what: string, field?: string): Promise<T> {
  const [row] = await query<T>(tx, statement);
  if (!row) throw field ? new HttpError(404, 'not_found', `${what}不存在或不在您的管理范围内`, field) : notFound(what);
  return row;
}

/** An organization referenced by an input: visible to the caller, else 404 on that field. */
export async function loadOrgRef(tx: Tx, id: number, field: string, what = '组织') {
  return loadOrg(tx, id).catch(() => {
    throw new HttpError(404, 'not_found', `${what}不存在或不在您的管理范围内`, field);
  });
}

/** The subtree filter on organization alias `o` for an optional "under" input (404 when not visible). */
export async function subtreeFilter(tx: Tx, under: number | undefined, alias = 'o'): Promise<SQL> {
  if (!under) return sql`true`;
  const org = await loadOrg(tx, under);
  return sql`${sql.raw(alias)}.path <@ ${org.path}::ltree`;
}

/** [from, to] of a figure or list: defaults to the current year up to today. */
export function periodOf(q: { from?: string; to?: string }): { from: string; to: string } {
  const on = today();
  const to = q.to ?? on;
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw new DomainError('bad_period', '开始日期不能晚于结束日期', 'from', 400);
  return { from, to };
}

export const can = (user: SessionUser, permission: Permission) => hasPermission(user.role, permission);

/** Ids from SQL rows (bigint) as numbers. */
export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Keyset of a page. */
export function pageOf(q: { page: number; pageSize: number }) {
  return { offset: (q.page - 1) * q.pageSize, limit: q.pageSize };
}

/** Escapes LIKE wildcards in user text. */
export const likeText = (s: string) => `%${s.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

export interface PersonRef {
  id: number;
  name: string;
  org_id: number;
  member_status: string | null;
  birth_date: string;
  id_number: string;
  gender: 'male' | 'female';
  phone: string | null;
}

/** People named by an input, all visible to the caller (else 404 on `field`), by id. */
export async function loadPeopleRefs(tx: Tx, ids: readonly number[], field: string, what = '人员'): Promise<Map<number, PersonRef>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await query<PersonRef>(
    tx,
    sql`select id, name, org_id, member_status, birth_date::text as birth_date, id_number, gender, phone from people where id = any(${sql.param(unique)}::bigint[])`,
  );
  if (rows.length !== unique.length) throw new HttpError(404, 'not_found', `所选${what}不存在或不在您的管理范围内`, field);
  return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id), org_id: Number(r.org_id) }]));
}

/** Counts rows grouped by a text key into a record. */
export function countsBy<K extends string>(rows: { key: K; n: number }[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));
}
