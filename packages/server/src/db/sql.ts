import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from './connection.js';

/** Runs raw SQL and returns its rows typed as T (both drivers return { rows }). */
export async function query<T>(tx: Pick<Tx, 'execute'>, statement: SQL): Promise<T[]> {
  const result = (await tx.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

/** Like query, keeping the driver's { rows } shape. */
export async function queryResult<T>(tx: Pick<Tx, 'execute'>, statement: SQL): Promise<{ rows: T[] }> {
  return { rows: await query<T>(tx, statement) };
}

/**
 * An array parameter that both drivers pass the same way (one JSON text
 * parameter, whatever the length): `where id = any(${bigintArray(ids)})`.
 */
export function textArray(values: readonly string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

export function bigintArray(values: readonly number[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::bigint)`;
}

/** PostgreSQL's timestamptz text ("2026-11-27 18:54:51.715+00") as ISO 8601, for API responses. */
export function isoTime<T extends string | null>(value: T): T {
  return (value === null ? null : new Date(value).toISOString()) as T;
}

/** The start of a calendar day in China Standard Time, for date filters on timestamps. */
export function chinaDayStart(date: string): SQL {
  return sql`(${date}::date::timestamp at time zone '+08')`;
}

/**
 * A savepoint inside the caller's (scoped) transaction: `fn`'s writes are
 * undone if it throws, the transaction goes on. Feature modules never open
 * transactions of their own (architecture test); this is the one way to try
 * a write and recover from its refusal.
 */
export async function withSavepoint<T>(tx: Tx, fn: (sp: Tx) => Promise<T>): Promise<T> {
  return tx.transaction(fn as never) as Promise<T>;
}
