/**
 * npm run backup                      one backup now (docs/deploy.md)
 * npm run restore -- FILE [--force]   restore FILE into an empty data directory / database
 *
 * Same environment as the server (DATABASE_URL, DATA_DIR, BACKUP_DIR, ATTACHMENT_DIR). With the
 * embedded database and the server running, the backup is taken inside the server (ops/control.ts).
 */
import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { createBackup, type BackupStatus } from './backup.js';
import { backupThroughServer } from './control.js';
import { isEmptyDataDir } from './demo-snapshot.js';
import { RestoreRefused, restoreBackup } from './restore.js';
import { backupSettings } from './settings.js';

const [command, ...rest] = process.argv.slice(2);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function backup(): Promise<number> {
  const config = loadConfig();
  const settings = backupSettings();
  let status: BackupStatus | null = null;
  if (!config.databaseUrl) status = await backupThroughServer(settings.dir);
  if (!status) {
    if (!config.databaseUrl && isEmptyDataDir(config.dataDir)) throw new Error(`数据目录 ${config.dataDir} 里没有数据库`);
    const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
    try {
      status = await createBackup({ database, databaseUrl: config.databaseUrl, settings }, 'manual');
    } finally {
      await database.close();
    }
  }
  if (!status.ok) {
    console.error(`备份失败：${status.error}`);
    return 1;
  }
  console.log(`备份完成：${status.file}（${mb(status.bytes!)}，用时 ${(status.ms / 1000).toFixed(1)} 秒）`);
  return 0;
}

async function restore(): Promise<number> {
  const file = rest.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('用法：npm run restore -- 备份文件 [--force]');
    return 2;
  }
  const config = loadConfig();
  const settings = backupSettings();
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const r = await restoreBackup(path, { databaseUrl: config.databaseUrl, dataDir: config.dataDir, attachmentDir: settings.attachmentDir }, { force: rest.includes('--force') });
  console.log(
    `恢复完成：${r.tables} 张表、${r.rows} 行与备份记录一致，附件 ${r.manifest.attachments} 个（备份时间 ${r.manifest.createdAt}，用时 ${(r.ms / 1000).toFixed(1)} 秒）`,
  );
  for (const dir of r.movedAside) console.log(`原有数据已改名保留：${dir}`);
  return 0;
}

const commands: Record<string, () => Promise<number>> = { backup, restore };
const fn = command ? commands[command] : undefined;
if (!fn) {
  console.error('用法：cli.ts backup | restore FILE [--force]');
  process.exit(2);
}
fn()
  .then((code) => process.exit(code))
  .catch((err) => {
    // The operator reads a sentence, not a stack trace: every error here says what failed in Chinese
    // (a setting, a missing program, a refused restore, a checksum that differs). DEBUG=1 shows the stack.
    const message = err instanceof Error ? err.message : String(err);
    console.error(err instanceof RestoreRefused ? `不能恢复：${message}` : `${command === 'backup' ? '备份' : '恢复'}失败：${message}`);
    if (process.env.DEBUG) console.error(err);
    process.exit(1);
  });
