import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from '../db/connection.js';
import { query } from '../db/sql.js';
import { MIGRATIONS_DIR } from '../paths.js';

/**
 * Upgrades. `database.migrate()` (drizzle's migrator) applies every pending migration of the one
 * history in a single transaction: a migration that fails leaves the database exactly as it was
 * (test/api/ops.test.ts). Before it, a database written by a newer release is refused: this
 * release would not know its tables, and drizzle would skip silently past migrations it has not.
 */
export class NewerDatabaseError extends Error {
  constructor(
    readonly databaseMigration: number,
    readonly knownMigration: number,
  ) {
    super(
      `数据库由较新版本的团建升级过（数据库的最新迁移为 ${new Date(databaseMigration).toISOString()}，本程序只认识到 ${new Date(knownMigration).toISOString()}）：` +
        '本程序不能在其上运行，以免损坏数据。请改用与数据库相同或更新的版本，或从本版本做的备份恢复（docs/deploy.md「升级」）。',
    );
    this.name = 'NewerDatabaseError';
  }
}

/** The newest migration this release carries (its journal's last `when`). */
export function latestKnownMigration(folder = MIGRATIONS_DIR): number {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

/** The newest migration applied to the database, or null for a new one. */
export async function latestAppliedMigration(database: Database): Promise<number | null> {
  const [exists] = await query<{ t: string | null }>(database.db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!exists?.t) return null;
  const [row] = await query<{ at: string | number | null }>(database.db, sql`select max(created_at) as at from drizzle.__drizzle_migrations`);
  return row?.at == null ? null : Number(row.at);
}

export async function refuseNewerDatabase(database: Database, folder = MIGRATIONS_DIR): Promise<void> {
  const applied = await latestAppliedMigration(database);
  const known = latestKnownMigration(folder);
  if (applied !== null && applied > known) throw new NewerDatabaseError(applied, known);
}

/** Applies the pending migrations of `folder` (tests: an earlier history, or one with a broken step). */
export function migrateFolder(database: Database, folder: string): Promise<void> {
  return database.kind === 'pglite' ? migratePglite(database.db as never, { migrationsFolder: folder }) : migratePg(database.db as never, { migrationsFolder: folder });
}
