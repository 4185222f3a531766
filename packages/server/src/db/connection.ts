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
  /** Applies pending migrations (one history for both engines). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = MIGRATIONS_DIR;

export interface DatabaseOptions {
  /** postgres://… to use a PostgreSQL server; otherwise embedded PGlite. */
  url?: string;
  /** postgres://… of a hot standby of `url`, for read-only figures. */
  replicaUrl?: string;
  /** PGlite data directory; omitted = in memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
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
  const client = await PGlite.create({ dataDir: opts.dataDir, extensions: { ltree }, postgresqlconf: [`shared_buffers=${PGLITE_SHARED_BUFFERS}`] });
  const db = drizzlePglite({ client, schema }) as unknown as AppDb;
  return {
    kind: 'pglite',
    db,
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: () => client.close(),
  };
}

// int8 (bigint) and numeric as numbers for node-postgres, matching PGlite's parsing of counts.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
