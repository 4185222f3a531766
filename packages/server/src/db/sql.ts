import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Tx } from './connection.js';

/** Runs raw SQL and returns its rows typed as T (both drivers return { rows }). */
export async function query<T>(tx: Pick<Tx, 'execute'>, statement: SQL): Promise<T[]> {
  const result = (await tx.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

const dialect = new PgDialect();

/** A parameter's value as an SQL literal for EXECUTE (typed by the prepared statement's parameter, as a bound value is). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // standard_conforming_strings is on (PostgreSQL's default since 9.1, PGlite's too): only the quote is special.
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * Runs a hot, fixed-shape statement as a prepared statement with a generic plan: planned once per database
 * connection instead of at every call. For statements whose cost is their plan, not their rows: row-level
 * security adds the scope policy of every table read, and the 待办 count (every page's header: one small
 * query per source, 22 sources) took 43 ms on the demo county, 34 of them planning; prepared, 9 ms.
 * The name is the hash of the statement's text, so a statement whose text changes (other rules, another
 * filter) is another prepared statement. Parameters are sent as literals (EXECUTE takes no bound
 * parameters), each typed by the statement's parameter as a bound value would be. A prepared statement
 * lives as long as its connection, survives a rolled-back transaction, and is re-planned by PostgreSQL
 * itself when a table it reads changes. Row-level security still applies: the plan was made for the
 * role the scoped transaction runs as, and PostgreSQL re-plans it for another.
 */
export async function queryPrepared<T>(tx: Pick<Tx, 'execute'>, statement: SQL): Promise<T[]> {
  return (await queryPreparedAll<T>(tx, [statement]))[0]!;
}

/**
 * Several statements as queryPrepared, in order, with one check of which are prepared and one switch of the
 * plan mode for all of them (the 待办 list reads 22 sources: 24 statements instead of 66).
 */
export async function queryPreparedAll<T>(tx: Pick<Tx, 'execute'>, statements: SQL[]): Promise<T[][]> {
  const parts = statements.map((s) => {
    const { sql: text, params } = dialect.sqlToQuery(s);
    return { text, params, name: `tj_${createHash('sha256').update(text).digest('hex').slice(0, 24)}` };
  });
  const [state] = await query<{ prepared: string[]; mode: string }>(
    tx,
    sql`select array(select name::text from pg_prepared_statements where name = any(${textArray(parts.map((p) => p.name))})) as prepared,
               current_setting('plan_cache_mode') as mode, set_config('plan_cache_mode', 'force_generic_plan', true)`,
  );
  const prepared = new Set(state!.prepared);
  const out: T[][] = [];
  for (const p of parts) {
    if (!prepared.has(p.name)) await tx.execute(sql.raw(`prepare ${p.name} as ${p.text}`));
    prepared.add(p.name);
    out.push(await query<T>(tx, sql.raw(`execute ${p.name}${p.params.length ? `(${p.params.map(literal).join(', ')})` : ''}`)));
  }
  // The rest of the transaction plans as before (a failed statement ends the transaction, or its savepoint undoes the setting).
  await tx.execute(sql`select set_config('plan_cache_mode', ${state!.mode}, true)`);
  return out;
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

export function dateArray(values: readonly string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::date)`;
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
