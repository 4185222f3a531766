import { sql } from 'drizzle-orm';
import { requestBudget, type Database, type Tx } from './connection.js';

/**
 * The only two ways to reach the database.
 *
 * `withScope` runs a transaction as the restricted role tj_app with the
 * caller's scope set: PostgreSQL's row-level security then hides and refuses
 * every row outside the caller's subtree (migrations/0002). Route handlers
 * receive only such a transaction, so an unscoped query cannot be written
 * there by accident.
 *
 * `withSystem` runs as the owner, outside any scope: login, sessions,
 * migrations, the demo generator. It is not reachable from route handlers.
 */
export interface Actor {
  accountId: number | null;
  name: string;
  /** ltree path of the scope organization, or '*' for the whole platform. */
  scopePath: string;
  ip?: string | null;
  requestId?: string | null;
}

/**
 * A request's transaction runs without PostgreSQL's JIT compilation (jit = off). Under row-level security
 * the planner's cost estimates of a small read (a kept figure: a few hundred rows, each checked by the
 * scope policy's probe) pass jit_above_cost, and compiling the query then costs 0.5-1 s for a statement
 * that runs in 2-10 ms (BENCHMARKS.md, issue 15 at province size: registrations progress at the
 * synthetic city, 558 ms → 10 ms). Requests are short by construction (the statement and request
 * limits); the jobs (withSystem: snapshots, rebuilds) keep the server's setting. PGlite has no JIT.
 */
async function setContext(tx: Tx, actor: Actor | null, label: string, statementTimeoutMs?: number, role?: string) {
  await tx.execute(sql`select
    ${role ? sql`set_config('role', ${role}, true),` : sql``}
    ${statementTimeoutMs ? sql`set_config('statement_timeout', ${String(Math.round(statementTimeoutMs))}, true),` : sql``}
    ${actor ? sql`set_config('jit', 'off', true),` : sql``}
    set_config('tj.scope', ${actor?.scopePath ?? ''}, true),
    set_config('tj.actor_id', ${actor?.accountId != null ? String(actor.accountId) : ''}, true),
    set_config('tj.actor_name', ${actor?.name ?? label}, true),
    set_config('tj.ip', ${actor?.ip ?? ''}, true),
    set_config('tj.request_id', ${actor?.requestId ?? ''}, true)`);
}

/**
 * Names the one organization whose kept figures the rest of the transaction reads (migration 0053): their
 * tables' scope policy then checks that organization once per statement instead of probing it row by row.
 * Visibility is unchanged: the policy lets the named organization through only when it is in the caller's
 * subtree (tj_focus_org tests it against the scope).
 */
export async function focusOn(tx: Tx, orgId: number): Promise<void> {
  await tx.execute(sql`select set_config('tj.focus_org', ${String(orgId)}, true)`);
}

export interface ScopeOptions {
  readReplica?: boolean;
  /**
   * The most time the transaction may hold its connection, in ms (http/route.ts: the
   * STATEMENT_TIMEOUT_MS setting, longer for files and imports): PostgreSQL cancels a
   * statement past it (statement_timeout), and no statement starts after it on either
   * engine (connection.ts, requestBudget). Past it the request fails with 57014.
   */
  statementTimeoutMs?: number;
}

export async function withScope<T>(database: Database, actor: Actor, fn: (tx: Tx) => Promise<T>, opts: ScopeOptions = {}): Promise<T> {
  if (!actor.scopePath) throw new Error('withScope: actor has no scope');
  const ms = opts.statementTimeoutMs;
  const run = () =>
    connectionFor(database, opts.readReplica).transaction(async (tx) => {
      if (opts.readReplica && database.replica) await tx.execute(sql`set transaction read only`);
      // The role as SET LOCAL ROLE sets it, in the same statement as the context (one round trip less a request).
      await setContext(tx, actor, actor.name, ms, 'tj_app');
      return fn(tx);
    });
  return ms ? requestBudget.run({ ms }, run) : run();
}

/** Read-only figures may come from the standby; row-level security applies there just the same. */
function connectionFor(database: Database, readReplica?: boolean) {
  return readReplica && database.replica ? database.replica : database.db;
}

export async function withSystem<T>(
  database: Database,
  label: string,
  fn: (tx: Tx) => Promise<T>,
  actor: Actor | null = null,
  opts: { readReplica?: boolean } = {},
): Promise<T> {
  return connectionFor(database, opts.readReplica).transaction(async (tx) => {
    await setContext(tx, actor, label);
    return fn(tx);
  });
}
