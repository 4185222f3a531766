import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../paths.js';

/** Where backups go and when (environment; docs/deploy.md). */
export interface BackupSettings {
  /** BACKUP_DIR, default data/backups. */
  dir: string;
  /** BACKUP_AT: the local time of the nightly backup (HH:MM, default 02:30); `off`: none. */
  at: { hour: number; minute: number } | null;
  /** BACKUP_KEEP_DAILY (7): the newest backup of each of the last N days with one is kept… */
  keepDaily: number;
  /** …and BACKUP_KEEP_MONTHLY (12): the newest of each of the last M months. */
  keepMonthly: number;
  /** ATTACHMENT_DIR (default data/attachments): saved with the database. */
  attachmentDir: string;
}

export function backupSettings(env: NodeJS.ProcessEnv = process.env): BackupSettings {
  const at = (env.BACKUP_AT ?? '02:30').trim();
  const m = /^(\d{1,2}):(\d{2})$/.exec(at);
  if (at !== 'off' && (!m || Number(m[1]) > 23 || Number(m[2]) > 59)) throw new Error(`BACKUP_AT 应为 HH:MM（如 02:30）或 off，而不是 ${at}`);
  return {
    dir: resolve(REPO_ROOT, env.BACKUP_DIR || 'data/backups'),
    at: m ? { hour: Number(m[1]), minute: Number(m[2]) } : null,
    keepDaily: Number(env.BACKUP_KEEP_DAILY ?? 7),
    keepMonthly: Number(env.BACKUP_KEEP_MONTHLY ?? 12),
    attachmentDir: resolve(REPO_ROOT, env.ATTACHMENT_DIR || 'data/attachments'),
  };
}

/** PostgreSQL's client programs (pg_dump, pg_restore): PG_BIN, else Debian's newest, else the PATH. */
export function pgProgram(name: 'pg_dump' | 'pg_restore' | 'psql', env: NodeJS.ProcessEnv = process.env): string {
  if (env.PG_BIN) return join(env.PG_BIN, name);
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', name))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin', name);
  }
  return name;
}
