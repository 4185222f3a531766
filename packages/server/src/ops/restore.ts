import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import * as tar from 'tar';
import { openDatabase, type Database } from '../db/connection.js';
import { recordEvent } from '../modules/audit/events.js';
import { differingTables, tableChecksums, type RunSql } from './checksum.js';
import { MANIFEST_FORMAT, type BackupManifest } from './backup.js';
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

/**
 * pg_restore's script through psql, in one transaction, stopping at the first error. The script's
 * empty search_path becomes `public`: PostgreSQL prints a trigger's `WHEN (old.path IS DISTINCT FROM
 * new.path)` on an extension type (ltree) without the operator's schema, which an empty search_path
 * cannot find (pg_restore straight into the database fails on it).
 */
function pgRestore(url: string, dump: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const restore = spawn(pgProgram('pg_restore'), ['--no-owner', '--file', '-', dump], { stdio: ['ignore', 'pipe', 'pipe'] });
    const psql = spawn(pgProgram('psql'), ['--no-psqlrc', '--quiet', '--set', 'ON_ERROR_STOP=1', '--single-transaction', '--dbname', url], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    restore.stderr.on('data', (d) => (err += d));
    psql.stderr.on('data', (d) => (err += d));
    let head = '';
    let replaced = false;
    restore.stdout.on('data', (chunk: Buffer) => {
      if (replaced) return void (psql.stdin.write(chunk) || restore.stdout.pause());
      head += chunk.toString('latin1');
      const i = head.indexOf(EMPTY_SEARCH_PATH);
      if (i < 0 && head.length < 1 << 20) return;
      replaced = true;
      const out = i < 0 ? head : head.slice(0, i) + PUBLIC_SEARCH_PATH + head.slice(i + EMPTY_SEARCH_PATH.length);
      if (!psql.stdin.write(Buffer.from(out, 'latin1'))) restore.stdout.pause();
    });
    psql.stdin.on('drain', () => restore.stdout.resume());
    restore.stdout.on('end', () => {
      if (!replaced) psql.stdin.write(Buffer.from(head.replace(EMPTY_SEARCH_PATH, PUBLIC_SEARCH_PATH), 'latin1'));
      psql.stdin.end();
    });
    psql.stdin.on('error', () => {});
    let pending = 2;
    let failed = false;
    const done = (name: string) => (code: number | null) => {
      if (code !== 0 && !failed) {
        failed = true;
        restore.kill();
        return reject(new Error(`${name} 退出码 ${code}: ${err.trim()}`));
      }
      if (--pending === 0 && !failed) resolve();
    };
    restore.on('exit', done('pg_restore'));
    psql.on('exit', done('psql'));
    restore.on('error', (e) => reject(e));
    psql.on('error', (e) => reject(e));
  });
}
const EMPTY_SEARCH_PATH = "SELECT pg_catalog.set_config('search_path', '', false);";
const PUBLIC_SEARCH_PATH = "SELECT pg_catalog.set_config('search_path', 'public', false);";

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
      await pgRestore(target.databaseUrl!, join(work, manifest.database));
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
