import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.js';
import { MIGRATIONS_DIR } from '../paths.js';

export type Schema = typeof schema;
export type AppDb = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<AppDb['transaction']>[0]>[0];
/** PGlite's buffer pool; PGLITE_SHARED_BUFFERS overrides it (e.g. 128MB for a large import). */
const PGLITE_SHARED_BUFFERS = process.env.PGLITE_SHARED_BUFFERS ?? '32MB';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: AppDb;
  /** A streaming replica for read-only figures, when DATABASE_REPLICA_URL is set. */
  replica?: AppDb;
  /** The embedded engine itself (PGlite only): backups and the demo snapshot dump its data directory (ops/). */
  pglite?: PGlite;
  /** Applies pending migrations (one history for both engines). */
  migrate(): Promise<void>;
  /** Connection pool figures for /metrics (ops/metrics.ts). */
  pool: PoolFigures;
  close(): Promise<void>;
}

const migrationsFolder = MIGRATIONS_DIR;

/**
 * How long each transaction waited for its connection (PostgreSQL: a client of the pool; PGlite: its
 * one connection, busy with another transaction), told to `waited` (set by ops/metrics.ts), and the
 * pool's connections now.
 */
export interface PoolFigures {
  waited: (seconds: number) => void;
  connections(): { total: number; idle: number; waiting: number };
}

export interface DatabaseOptions {
  /** postgres://… to use a PostgreSQL server; otherwise embedded PGlite. */
  url?: string;
  /** postgres://… of a hot standby of `url`, for read-only figures. */
  replicaUrl?: string;
  /** PGlite data directory; omitted = in memory (tests). */
  dataDir?: string;
  /** PGlite: a data directory tarball (dumpDataDir) to start from; `dataDir` must be empty (ops/demo-snapshot.ts, restore). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const pool = new BudgetedPool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    const figures: PoolFigures = { waited: () => {}, connections: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }) };
    pool.figures = figures;
    // bigint ids and counts come back as JS numbers (ids stay far below 2^53).
    pool.on('error', () => {
      /* idle client errors are reported on the next query */
    });
    const db = drizzlePg({ client: pool, schema }) as unknown as AppDb;
    const replicaPool = opts.replicaUrl ? new pg.Pool({ connectionString: opts.replicaUrl, max: opts.poolSize ?? 10 }) : undefined;
    replicaPool?.on('error', () => {});
    return {
      kind: 'postgres',
      db,
      replica: replicaPool ? (drizzlePg({ client: replicaPool, schema }) as unknown as AppDb) : undefined,
      migrate: () => migratePg(db as never, { migrationsFolder }),
      pool: figures,
      close: async () => {
        await pool.end();
        await replicaPool?.end();
      },
    };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  // PGlite's WebAssembly heap holds PostgreSQL's shared buffers (128 MB by default) for the life of
  // the process; an on-disk data directory is cached by the operating system anyway, so a small pool
  // keeps the embedded server's memory down (BENCHMARKS.md, "Memory").
  const client = await PGlite.create({ dataDir: opts.dataDir, extensions: { ltree }, postgresqlconf: [`shared_buffers=${PGLITE_SHARED_BUFFERS}`], loadDataDir: opts.loadDataDir });
  let busy = 0;
  const figures: PoolFigures = { waited: () => {}, connections: () => ({ total: 1, idle: busy ? 0 : 1, waiting: Math.max(0, busy - 1) }) };
  const db = drizzlePglite({ client: budgetedPglite(client, figures, (d) => (busy += d)), schema }) as unknown as AppDb;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    pool: figures,
    close: () => client.close(),
  };
}

/**
 * A request's time on the database connection. withScope opens it (db/context.ts);
 * a transaction started inside takes it when it gets its connection (time spent
 * waiting for the connection does not count) and refuses any further statement
 * once it is spent, with PostgreSQL's own statement-timeout error (57014), so
 * both engines answer the same way (http/errors.ts: 查询过大，请缩小范围).
 *
 * PostgreSQL also cancels a single statement past the limit (statement_timeout,
 * set per transaction). PGlite cannot: it runs in this process's thread, a
 * statement blocks the event loop until it ends and its statement_timeout never
 * fires (no signals in WebAssembly). There the budget is checked between
 * statements, and each statement of a request has to be bounded by
 * construction (e.g. the people search, modules/people/service.ts).
 */
export const requestBudget = new AsyncLocalStorage<{ ms: number }>();

/** The error PostgreSQL raises when statement_timeout cancels a statement. */
export class StatementTimeout extends Error {
  readonly code = '57014';
  constructor(ms: number) {
    super(`canceling statement due to statement timeout (request budget of ${ms} ms spent)`);
  }
}

/** Ending a transaction is always allowed: the work is done or being undone. */
const ENDS_TRANSACTION = /^\s*(commit|rollback|release|end)\b/i;

function statementText(q: unknown): string {
  return typeof q === 'string' ? q : typeof (q as { text?: unknown })?.text === 'string' ? (q as { text: string }).text : '';
}

/** A check to run before each statement of a transaction, or null outside a budget. */
function budgetCheck(): ((statement: unknown) => void) | null {
  const budget = requestBudget.getStore();
  if (!budget) return null;
  const deadline = performance.now() + budget.ms;
  return (statement) => {
    if (performance.now() > deadline && !ENDS_TRANSACTION.test(statementText(statement))) throw new StatementTimeout(budget.ms);
  };
}

/**
 * PGlite runs each statement in this process's thread, and the next request's transaction starts in the
 * microtask after the last one ends: a queue of requests would keep the event loop from reading sockets and
 * files until it is empty (the home page's scripts waited ~0.9 s behind its dozen figure requests). So a
 * statement gives the event loop a turn first when the database has held it for YIELD_AFTER_MS: static files,
 * new requests and answers go out between statements, at the cost of one loop turn (microseconds when idle).
 */
const YIELD_AFTER_MS = 8;
let heldSince = performance.now();
function turnForIo(): Promise<void> | undefined {
  if (performance.now() - heldSince < YIELD_AFTER_MS) return undefined;
  return new Promise<void>((resolve) =>
    setImmediate(() => {
      heldSince = performance.now();
      resolve();
    }),
  );
}

/** PGlite whose transactions check the request budget before each statement, and leave the event loop its turns (turnForIo). */
function budgetedPglite(client: PGlite, figures: PoolFigures, busy: (delta: number) => void): PGlite {
  const transaction: PGlite['transaction'] = async (fn) => {
    const asked = performance.now();
    busy(1);
    try {
      await turnForIo();
      return await client.transaction((tx) => {
        figures.waited((performance.now() - asked) / 1000);
        const check = budgetCheck();
        const before = async (q: unknown) => {
          await turnForIo();
          check?.(q);
        };
        const guarded: typeof tx = Object.create(tx, {
          query: { value: async (q: string, ...rest: unknown[]) => (await before(q), (tx.query as (...a: unknown[]) => unknown)(q, ...rest)) },
          exec: { value: async (q: string, ...rest: unknown[]) => (await before(q), (tx.exec as (...a: unknown[]) => unknown)(q, ...rest)) },
          sql: { value: async (strings: TemplateStringsArray, ...rest: unknown[]) => (await before(strings.join('?')), (tx.sql as (...a: unknown[]) => unknown)(strings, ...rest)) },
        });
        return fn(guarded);
      });
    } finally {
      busy(-1);
    }
  };
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'transaction') return transaction;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A pool whose clients, taken inside a request budget, check it before each statement. */
class BudgetedPool extends pg.Pool {
  figures?: PoolFigures;
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pg.PoolClient> | void {
    // pool.query() and internal callers use the callback form: no budget there.
    if (callback) return super.connect(callback);
    const budget = requestBudget.getStore();
    const asked = performance.now();
    return super.connect().then((client) => {
      this.figures?.waited((performance.now() - asked) / 1000);
      if (!budget) return client;
      const check = requestBudget.run(budget, budgetCheck)!;
      const query = client.query;
      return Object.create(client, {
        query: { value: (q: unknown, ...rest: unknown[]) => (check(q), (query as (...a: unknown[]) => unknown).call(client, q, ...rest)) },
        release: { value: (err?: Error | boolean) => client.release(err) },
      }) as pg.PoolClient;
    });
  }
}

// int8 (bigint) and numeric as numbers for node-postgres, matching PGlite's parsing of counts.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
