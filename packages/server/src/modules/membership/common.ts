import { sql, type SQL } from 'drizzle-orm';
import { DomainError, type MemberFacts } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { notFound } from '../../http/errors.js';
import { loadOrg } from '../organizations/service.js';

export { today, currentYear } from '../../lib/clock.js';

/** A created_at timestamp as the calendar date in China. */
export const chinaDate = (column: string) => sql.raw(`((${column} at time zone 'UTC') + interval '8 hours')::date::text`);

export interface PersonRow {
  id: number;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  birth_date: string;
  org_id: number;
  org_name: string;
  member_no: string | null;
  member_status: 'active' | 'left' | null;
  joined_on: string | null;
  left_on: string | null;
  left_reason: string | null;
  political_status: string;
  pioneer_joined_on: string | null;
  party_joined_on: string | null;
  version: number;
}

const PERSON_SELECT = sql`
  select p.id, p.name, p.gender, p.id_number, p.birth_date::text as birth_date, p.org_id, o.name as org_name, p.member_no,
         p.member_status, p.joined_on::text as joined_on, p.left_on::text as left_on, p.left_reason, p.political_status,
         p.pioneer_joined_on::text as pioneer_joined_on, p.party_joined_on::text as party_joined_on, p.version
    from people p join organizations o on o.id = p.org_id`;

const normalizePerson = (r: PersonRow): PersonRow => ({ ...r, id: Number(r.id), org_id: Number(r.org_id), version: Number(r.version) });

/** One person visible to the caller, or 404. */
export async function loadPerson(tx: Tx, id: number): Promise<PersonRow> {
  const [row] = await query<PersonRow>(tx, sql`${PERSON_SELECT} where p.id = ${id}`);
  if (!row) throw notFound('团员');
  return normalizePerson(row);
}

/** Several people, all visible to the caller (else 404), locked for the change, in the order given. */
export async function loadPeople(tx: Tx, ids: number[]): Promise<PersonRow[]> {
  const unique = [...new Set(ids)];
  const rows = (await query<PersonRow>(tx, sql`${PERSON_SELECT} where p.id in (${sql.join(unique.map((i) => sql`${i}`), sql`, `)}) for update of p`)).map(normalizePerson);
  if (rows.length !== unique.length) throw notFound('团员');
  const byId = new Map(rows.map((r) => [r.id, r]));
  return unique.map((i) => byId.get(i)!);
}

export function memberFacts(p: PersonRow): MemberFacts {
  return {
    name: p.name,
    memberStatus: p.member_status,
    birthDate: p.birth_date,
    joinedOn: p.joined_on,
    leftOn: p.left_on,
    politicalStatus: p.political_status,
    partyJoinedOn: p.party_joined_on,
  };
}

/**
 * The subtree filter for an `under` input on the organization alias `o`:
 * the organization must be visible (else 404); without it, the caller's whole
 * scope (row-level security) is the limit.
 */
export async function subtree(tx: Tx, under: number | undefined, alias = 'o'): Promise<SQL> {
  if (!under) return sql`true`;
  const org = await loadOrg(tx, under);
  return sql`${sql.raw(alias)}.path <@ ${org.path}::ltree`;
}

/** Refuses with every problem found, in one Chinese sentence list. */
export function refuse(code: string, problems: string[], field?: string, status = 422): void {
  if (problems.length) throw new DomainError(code, problems.join('；'), field, status);
}

/** Refuses a batch, naming each person whose row has problems. */
export function refuseBatch(code: string, perPerson: { name: string; problems: string[] }[]): void {
  const bad = perPerson.filter((p) => p.problems.length);
  if (!bad.length) return;
  const shown = bad.slice(0, 10).map((p) => p.problems.join('，'));
  const more = bad.length > 10 ? `；另有${bad.length - 10}人不符合条件` : '';
  throw new DomainError(code, `${bad.length}人不能办理：${shown.join('；')}${more}`, 'personIds');
}

/** The PostgreSQL error behind a driver error, if any (code and constraint). */
export function pgError(err: unknown): { code?: string; constraint?: string } | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 4 && cur; i++) {
    const e = cur as { code?: string; constraint?: string; cause?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
    cur = e.cause;
  }
  return undefined;
}

export const paging = (q: { page: number; pageSize: number }) => sql`limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`;

export const likePattern = (q: string) => `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

/** Counts come back as numbers from both drivers only when cast; normalize anyway. */
export function numbers<T extends Record<string, unknown>>(row: T, keys: (keyof T)[]): T {
  const out = { ...row };
  for (const k of keys) out[k] = Number(row[k]) as T[typeof k];
  return out;
}
