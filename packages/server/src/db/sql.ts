import type { SQL } from 'drizzle-orm';
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
