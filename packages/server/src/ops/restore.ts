import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import * as tar from 'tar';
import { openDatabase, type Database } from '../db/connection.js';
import { recordEvent } from '../modules/audit/events.js';
import { differingTables, tableChecksums, type RunSql } from './checksum.js';
import { MANIFEST_FORMAT, runProgram, type BackupManifest } from './backup.js';
import { isEmptyDataDir } from './demo-snapshot.js';
import { latestKnownMigration, refuseNewerDatabase } from './migrations.js';
import { pgProgram } from './settings.js';

/**
 * `npm run restore FILE`: a backup (ops/backup.ts) into an empty embedded data directory or an empty
 * PostgreSQL database, with the server stopped. A target that holds data is refused unless `force`:
 * then the embedded data directory and the attachments are moved aside (kept as
 * `<dir>.before-restore-<time>`), and the PostgreSQL database's schemas are dropped.
 * The restored tables are checked against the row counts and checksums the backup recorded, the
 * schema is upgraded if the backup is older than this release, and the restore is recorded in the
 * (restored) audit log as an event.
 */
export interface RestoreTarget {
  databaseUrl?: string;
  dataDir: string;
  attachmentDir: string;
}

export interface RestoreResult {
  manifest: BackupManifest;
  tables: number;
  rows: number;
  ms: number;
  movedAside: string[];
}

export class RestoreRefused extends Error {}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
const hasFiles = (dir: string) => existsSync(dir) && readdirSync(dir).length > 0;

/** One connection to `url` for `fn`, closed after. */
async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const postgresTables = (url: string) =>
  withClient(url, async (c) => (await c.query<{ n: number }>(`select count(*)::int as n from pg_tables where schemaname in ('public', 'drizzle')`)).rows[0]!.n);

const emptyPostgres = (url: string) => withClient(url, (c) => c.query('drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public'));

/** The role every request runs as lives in the cluster, not in the dump: make it when missing (as migration 0000 does). */
const ensureAppRole = (url: string) =>
  withClient(url, async (c) => {
    await c.query(`do $$ begin if not exists (select 1 from pg_roles where rolname = 'tj_app') then create role tj_app nologin; end if; end $$`);
    await c.query(`do $$ begin execute format('grant tj_app to %I', current_user); exception when others then null; end $$`);
  });

export async function restoreBackup(file: string, target: RestoreTarget, opts: { force?: boolean } = {}): Promise<RestoreResult> {
  const started = Date.now();
  if (!existsSync(file)) throw new RestoreRefused(`备份文件不存在：${file}`);
  const work = mkdtempSync(join(tmpdir(), 'tj-restore-'));
  const movedAside: string[] = [];
  try {
    await tar.x({ file, cwd: work });
    const manifestPath = join(work, 'manifest.json');
    if (!existsSync(manifestPath)) throw new RestoreRefused(`${basename(file)} 不是团建的备份（缺少 manifest.json）`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
    if (manifest.format !== MANIFEST_FORMAT) throw new RestoreRefused(`备份格式 ${manifest.format} 不受本版本支持`);
    const engine = target.databaseUrl ? 'postgres' : 'pglite';
    if (manifest.engine !== engine) {
      throw new RestoreRefused(
        `这是${manifest.engine === 'pglite' ? '内嵌数据库（PGlite）' : 'PostgreSQL'}的备份，只能恢复到同一种数据库（现在的配置是${engine === 'pglite' ? '内嵌数据库' : ' DATABASE_URL 指定的 PostgreSQL'}）`,
      );
    }
    if (manifest.migration > latestKnownMigration()) throw new RestoreRefused('备份来自较新版本的团建，请用相同或更新的版本恢复');

    // The target must be empty, or be cleared on request.
    const occupied: string[] = [];
    if (engine === 'pglite' && !isEmptyDataDir(target.dataDir)) occupied.push(`数据目录 ${target.dataDir}`);
    if (engine === 'postgres' && (await postgresTables(target.databaseUrl!)) > 0) occupied.push('DATABASE_URL 指定的数据库');
    if (manifest.attachments > 0 && hasFiles(target.attachmentDir)) occupied.push(`附件目录 ${target.attachmentDir}`);
    if (occupied.length && !opts.force) {
      throw new RestoreRefused(`${occupied.join('、')}已有数据，恢复会覆盖它们：确认后加 --force（原目录改名保留，PostgreSQL 数据库清空）`);
    }
    if (occupied.length) {
      for (const dir of [engine === 'pglite' ? target.dataDir : null, manifest.attachments > 0 ? target.attachmentDir : null]) {
        if (dir && hasFiles(dir)) {
          const aside = `${dir}.before-restore-${stamp()}`;
          renameSync(dir, aside);
          movedAside.push(aside);
        }
      }
      if (engine === 'postgres') await emptyPostgres(target.databaseUrl!);
    }

    let database: Database;
    if (engine === 'pglite') {
      database = await openDatabase({ dataDir: target.dataDir, loadDataDir: new Blob([readFileSync(join(work, manifest.database))]) });
    } else {
      await ensureAppRole(target.databaseUrl!);
      // One transaction, stopping at the first error. The schema's triggers are written so that a plain
      // pg_restore recreates them (migration 0031: no ltree operator in a WHEN clause).
      await runProgram(pgProgram('pg_restore'), ['--no-owner', '--single-transaction', '--exit-on-error', '--dbname', target.databaseUrl!, join(work, manifest.database)]);
      database = await openDatabase({ url: target.databaseUrl, poolSize: 2 });
    }
    try {
      const runSql: RunSql = async (text) => ((await database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;
      const restored = await tableChecksums(runSql);
      const differ = differingTables(manifest.tables, restored);
      if (differ.length) throw new Error(`恢复后的数据与备份记录不符：${differ.join('、')}`);
      if (manifest.attachments > 0 && existsSync(join(work, 'attachments'))) cpSync(join(work, 'attachments'), target.attachmentDir, { recursive: true });
      await refuseNewerDatabase(database);
      await database.migrate();
      const rows = Object.values(restored).reduce((n, t) => n + t.rows, 0);
      await recordEvent(database, { accountId: null, name: '系统维护', scopePath: '*' }, {
        action: 'restore',
        entity: 'system',
        entityId: basename(file),
        after: { file: basename(file), backupCreatedAt: manifest.createdAt, engine, tables: Object.keys(restored).length, rows, attachments: manifest.attachments },
      });
      return { manifest, tables: Object.keys(restored).length, rows, ms: Date.now() - started, movedAside };
    } finally {
      await database.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
