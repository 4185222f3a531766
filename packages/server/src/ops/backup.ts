import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import * as tar from 'tar';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/connection.js';
import { withSystem } from '../db/context.js';
import { query } from '../db/sql.js';
import { APP_VERSION } from '../modules/system/routes.js';
import { tableChecksums, type RunSql, type TableSums } from './checksum.js';
import { latestKnownMigration } from './migrations.js';
import { pgProgram, type BackupSettings } from './settings.js';

/**
 * `npm run backup` and the nightly backup: one dated, compressed archive
 * BACKUP_DIR/tuanjian-YYYYMMDD-HHMMSS.tar.gz (mode 0600: it holds personal data) with
 *  - manifest.json: engine, time, release, migration level, each table's row count and checksum
 *    as of the backup's snapshot (a restore checks itself against them: ops/restore.ts);
 *  - the database: PGlite's data directory (dumpDataDir, taken inside the running server while no
 *    transaction is open, after a checkpoint) or PostgreSQL's `pg_dump --format=custom` of an
 *    exported snapshot, the one the checksums were read in;
 *  - attachments/: ATTACHMENT_DIR as it is.
 * Nothing is added that the database and the attachments do not already hold (no settings, no
 * environment). The result (time, size, success or the error) is kept in system_state 'backup' for
 * the platform administrator's page and 待办; older archives are pruned by the retention setting.
 */
export const BACKUP_PATTERN = /^tuanjian-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.tar\.gz$/;
export const MANIFEST_FORMAT = 1;

export interface BackupManifest {
  format: number;
  engine: Database['kind'];
  createdAt: string;
  appVersion: string;
  migration: number;
  database: 'database.tar.gz' | 'database.pgdump';
  attachments: number;
  tables: TableSums;
}

export interface BackupStatus {
  ok: boolean;
  at: string;
  trigger: 'nightly' | 'manual';
  file?: string;
  bytes?: number;
  ms: number;
  error?: string;
  lastSuccessAt?: string | null;
}

export interface BackupTarget {
  database: Database;
  /** DATABASE_URL for pg_dump (PostgreSQL). */
  databaseUrl?: string;
  settings: BackupSettings;
}

const pad = (n: number) => String(n).padStart(2, '0');
export function backupFileName(at: Date): string {
  return `tuanjian-${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}.tar.gz`;
}

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? countFiles(join(dir, e.name)) : 1;
  return n;
}

/** Runs a PostgreSQL client program; rejects with its exit code and what it printed on stderr. */
export function runProgram(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => reject(new Error(`${program}: ${e.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${program} 退出码 ${code}: ${err.trim()}`))));
  });
}

/**
 * PGlite: checkpoint, sums and data directory inside one transaction, which holds PGlite's
 * transaction lock: no other transaction is half done or can start while the files are copied.
 */
async function dumpPglite(database: Database, staging: string): Promise<TableSums> {
  const pglite = database.pglite!;
  return pglite.transaction(async (tx) => {
    const runSql: RunSql = async (text) => (await tx.query<Record<string, unknown>>(text)).rows;
    await tx.exec('checkpoint');
    const tables = await tableChecksums(runSql);
    const blob = await pglite.dumpDataDir('gzip');
    writeFileSync(join(staging, 'database.tar.gz'), Buffer.from(await blob.arrayBuffer()));
    return tables;
  });
}

/** PostgreSQL: pg_dump of a snapshot exported by a repeatable-read transaction that reads the sums too. */
async function dumpPostgres(url: string, staging: string): Promise<TableSums> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ s: string }>('select pg_export_snapshot() as s');
    const dumped = runProgram(pgProgram('pg_dump'), ['--format=custom', `--snapshot=${rows[0]!.s}`, '--file', join(staging, 'database.pgdump'), '--dbname', url]);
    const tables = await tableChecksums(async (text) => (await client.query(text)).rows);
    await dumped;
    await client.query('commit');
    return tables;
  } finally {
    await client.end();
  }
}

/** Writes one backup archive; throws on failure (createBackup records either outcome). */
export async function writeBackup(target: BackupTarget, now = new Date()): Promise<{ file: string; bytes: number; manifest: BackupManifest }> {
  const { database, settings } = target;
  mkdirSync(settings.dir, { recursive: true, mode: 0o700 });
  const staging = mkdtempSync(join(settings.dir, '.staging-'));
  try {
    let tables: TableSums;
    if (database.kind === 'pglite') tables = await dumpPglite(database, staging);
    else {
      if (!target.databaseUrl) throw new Error('PostgreSQL 备份需要 DATABASE_URL');
      tables = await dumpPostgres(target.databaseUrl, staging);
    }
    const attachments = countFiles(settings.attachmentDir);
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      engine: database.kind,
      createdAt: now.toISOString(),
      appVersion: APP_VERSION,
      migration: latestKnownMigration(),
      database: database.kind === 'pglite' ? 'database.tar.gz' : 'database.pgdump',
      attachments,
      tables,
    };
    writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const entries = ['manifest.json', manifest.database];
    if (attachments > 0) {
      symlinkSync(settings.attachmentDir, join(staging, 'attachments'));
      entries.push('attachments');
    }
    const file = join(settings.dir, backupFileName(now));
    const partial = `${file}.partial`;
    await tar.c({ gzip: true, file: partial, cwd: staging, follow: true, portable: true }, entries);
    chmodSync(partial, 0o600);
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, manifest };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export async function readBackupStatus(database: Database): Promise<BackupStatus | null> {
  const [row] = await withSystem(database, 'system', (tx) => query<{ value: BackupStatus }>(tx, sql`select value from system_state where key = 'backup'`));
  return row?.value ?? null;
}

/** A backup with its outcome recorded (system_state 'backup') and the retention applied. */
export async function createBackup(target: BackupTarget, trigger: BackupStatus['trigger'], log?: FastifyBaseLogger): Promise<BackupStatus> {
  const started = Date.now();
  const at = new Date();
  let status: BackupStatus;
  const previous = await readBackupStatus(target.database).catch(() => null);
  try {
    const { file, bytes } = await writeBackup(target, at);
    status = { ok: true, at: at.toISOString(), trigger, file, bytes, ms: Date.now() - started, lastSuccessAt: at.toISOString() };
    pruneBackups(target.settings);
    log?.info({ file, bytes, ms: status.ms }, 'backup written');
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    status = { ok: false, at: at.toISOString(), trigger, ms: Date.now() - started, error, lastSuccessAt: previous?.lastSuccessAt ?? null };
    log?.error({ err }, 'backup failed');
  }
  await withSystem(target.database, '数据备份', (tx) =>
    tx.execute(sql`insert into system_state (key, value) values ('backup', ${JSON.stringify(status)}::jsonb)
      on conflict (key) do update set value = excluded.value`),
  );
  return status;
}

/**
 * The archives the retention keeps: the newest of each of the last `keepDaily` days that have one,
 * and the newest of each of the last `keepMonthly` months. Names not in the backup pattern are left alone.
 */
export function backupsToKeep(names: string[], keepDaily: number, keepMonthly: number): Set<string> {
  const dated = names
    .map((name) => ({ name, m: BACKUP_PATTERN.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => b.name.localeCompare(a.name)); // newest first (the name is the local time)
  const keep = new Set<string>();
  const pick = (key: (m: RegExpExecArray) => string, count: number) => {
    const seen = new Set<string>();
    for (const { name, m } of dated) {
      const k = key(m);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      keep.add(name);
    }
  };
  pick((m) => `${m[1]}${m[2]}${m[3]}`, keepDaily);
  pick((m) => `${m[1]}${m[2]}`, keepMonthly);
  return keep;
}

export function pruneBackups(settings: BackupSettings): string[] {
  const names = readdirSync(settings.dir).filter((n) => BACKUP_PATTERN.test(n));
  const keep = backupsToKeep(names, settings.keepDaily, settings.keepMonthly);
  const removed = names.filter((n) => !keep.has(n));
  for (const n of removed) rmSync(join(settings.dir, n), { force: true });
  return removed;
}

/** The nightly backup at BACKUP_AT (local time); returns the stop function. */
export function scheduleNightlyBackups(target: BackupTarget, log: FastifyBaseLogger): () => void {
  const at = target.settings.at;
  if (!at) return () => {};
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    const now = new Date();
    const next = new Date(now.getFullYear(), now.getMonth(), now.getDate(), at.hour, at.minute, 0, 0);
    if (next <= now) next.setDate(next.getDate() + 1);
    timer = setTimeout(async () => {
      await createBackup(target, 'nightly', log).catch((err) => log.error({ err }, 'backup not recorded'));
      if (!stopped) arm();
    }, next.getTime() - now.getTime());
    timer.unref();
  };
  arm();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
