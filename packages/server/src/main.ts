import { loadConfig } from './config.js';
import { openDatabase } from './db/connection.js';
import { buildApp } from './app.js';
import { configurePasswordHashing } from './modules/auth/passwords.js';
import { ensureInitialData } from './seed/bootstrap.js';
import { scheduleMonthlySnapshots } from './jobs/snapshots.js';
import { startupGate } from './ops/startup.js';
import { demoCacheDir, demoSnapshotKey, isEmptyDataDir, restoreDemoSnapshot, saveDemoSnapshot } from './ops/demo-snapshot.js';
import { renewAdminPassword } from './ops/first-start.js';
import { NewerDatabaseError, refuseNewerDatabase } from './ops/migrations.js';
import { scheduleNightlyBackups } from './ops/backup.js';
import { registerControl } from './ops/control.js';
import { backupSettings } from './ops/settings.js';

/** A setting the operator wrote wrong (config.ts, ops/settings.ts): said in one line, before anything is opened. */
class SettingError extends Error {}

function readSettings() {
  try {
    return { config: loadConfig(), backupSettings: backupSettings() };
  } catch (err) {
    throw new SettingError(`配置有误：${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * `npm start`: open the database and listen at once (a start-up page answers meanwhile), migrate
 * it, load the demo county into an empty one (from the cached copy when there is one), serve API
 * and web client, and shut down cleanly on SIGTERM/SIGINT.
 */
async function main() {
  const { config, backupSettings: settings } = readSettings();
  configurePasswordHashing(config.argon2);
  const started = Date.now();
  // A fresh embedded database with the demo starts from the cached demo when there is one (ops/demo-snapshot.ts).
  const embedded = !config.databaseUrl;
  const freshDemo = embedded && config.loadDemo && isEmptyDataDir(config.dataDir);
  const cacheDir = demoCacheDir();
  const demoKey = freshDemo ? demoSnapshotKey(config.demoScale) : '';
  const fromSnapshot = freshDemo && restoreDemoSnapshot(cacheDir, demoKey, config.dataDir);
  const database = await openDatabase({ url: config.databaseUrl, replicaUrl: config.databaseReplicaUrl, dataDir: config.dataDir });
  const app = await buildApp({ database, logLevel: config.logLevel, cookieSecure: config.cookieSecure, trustProxy: config.trustProxy, webDist: config.webDist });
  // Listen at once; until the database is ready every request gets the start-up page (ops/startup.ts).
  const gate = startupGate(app);
  const backups = { database, databaseUrl: config.databaseUrl, settings };
  const control = registerControl(app, backups);
  await app.listen({ port: config.port, host: config.host });
  try {
    control.publish(config.port);
  } catch (err) {
    app.log.warn({ err }, 'BACKUP_DIR not writable: npm run backup cannot reach this server');
  }
  const listening = Date.now() - started;

  gate.step('正在升级数据库');
  await refuseNewerDatabase(database);
  await database.migrate();
  gate.step(fromSnapshot ? '正在载入演示数据' : freshDemo ? '正在生成演示数据' : '正在准备数据', freshDemo && !fromSnapshot ? 0 : undefined);
  const initial = await ensureInitialData(database, { loadDemo: config.loadDemo, demoScale: config.demoScale, log: app.log, onProgress: (f) => gate.progress(f) });
  if (fromSnapshot) initial.messages.unshift(await renewAdminPassword(database));
  else if (freshDemo && database.pglite) {
    gate.step('正在保存演示数据副本');
    await saveDemoSnapshot(database.pglite, config.dataDir, cacheDir, demoKey).catch((err) => app.log.warn({ err }, 'demo copy not saved'));
  }
  gate.ready();

  const stopSnapshots = scheduleMonthlySnapshots(database, app.log);
  const stopBackups = scheduleNightlyBackups(backups, app.log);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    try {
      stopSnapshots();
      stopBackups();
      control.remove();
      await app.close(); // stops accepting, waits for in-flight requests
      await database.close(); // PGlite flushes and closes its data directory
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const where = database.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL (DATABASE_URL)';
  const demoFrom = fromSnapshot ? '，演示数据取自已生成的副本' : '';
  const lines = [
    '',
    `团建 Tuanjian 已启动: http://localhost:${config.port}   (${listening} ms 开始监听，${Date.now() - started} ms 就绪${demoFrom}，数据库: ${where})`,
    `接口文档: http://localhost:${config.port}/api/docs`,
    ...initial.messages,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err) => {
  console.error(err instanceof NewerDatabaseError || err instanceof SettingError ? err.message : err);
  process.exit(1);
});
