import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config.js';
import { openDatabase, type Database } from '../db/connection.js';
import { buildApp } from '../app.js';
import { ensureInitialData } from '../seed/bootstrap.js';
import { loadNationalConfig } from '../national/config.js';
import { setupNationalServer } from '../national/setup.js';
import { NationalTier, settleTransfers } from '../national/transfer.js';
import { scheduleMonthlySnapshots } from '../jobs/snapshots.js';
import { runMaintenance, scheduleEmbeddedMaintenance } from '../jobs/maintenance.js';
import { startupServer, type StartupServer } from './startup.js';
import { demoCacheDir, demoSnapshotKey, isEmptyDataDir, restoreDemoSnapshot, saveDemoSnapshot } from './demo-snapshot.js';
import { renewAdminPassword } from './first-start.js';
import { refuseNewerDatabase } from './migrations.js';
import { scheduleNightlyBackups } from './backup.js';
import { registerControl } from './control.js';
import type { BackupSettings } from './settings.js';

export interface StartOptions {
  config: AppConfig;
  backupSettings: BackupSettings;
  /** How the database is opened (tests inject a slow one). */
  open?: typeof openDatabase;
  /** Told the port once the server listens (before the database is opened). */
  onListening?: (port: number) => void;
  /** A listener main.ts already opened (before loading the rest of the server), and since when it has been starting. */
  listener?: { gate: StartupServer; port: number; startedAt: number; listenedAt: number };
}

export interface Started {
  app: FastifyInstance;
  database: Database;
  port: number;
  /** ms from the call to listening, and to ready. */
  listeningMs: number;
  readyMs: number;
  fromSnapshot: boolean;
  /** Lines for the terminal (the platform administrator's first password …). */
  messages: string[];
  /** Stops the schedules, the listener (waiting for requests in flight), the app and the database. */
  close(): Promise<void>;
}

/**
 * The server's start (`npm start`, main.ts): listen first — every request gets the start-up page
 * (ops/startup.ts) — then open the database (a fresh embedded one with the demo starts from the
 * cached copy, ops/demo-snapshot.ts), build the app, refuse a newer database, migrate, load the demo
 * county into an empty database, and hand the listener to the app.
 */
export async function startServer({ config, backupSettings: settings, open = openDatabase, onListening, listener }: StartOptions): Promise<Started> {
  const started = listener?.startedAt ?? Date.now();
  const gate = listener?.gate ?? startupServer();
  const port = listener?.port ?? (await gate.listen(config.port, config.host));
  const listeningMs = (listener?.listenedAt ?? Date.now()) - started;
  onListening?.(port);
  let database: Database | undefined;
  try {
    const embedded = !config.databaseUrl;
    const freshDemo = embedded && config.loadDemo && isEmptyDataDir(config.dataDir);
    const cacheDir = demoCacheDir();
    const demoKey = freshDemo ? demoSnapshotKey(config.demoScale) : '';
    gate.step('正在打开数据库');
    const fromSnapshot = freshDemo && (await restoreDemoSnapshot(cacheDir, demoKey, config.dataDir));
    database = await open({ url: config.databaseUrl, replicaUrl: config.databaseReplicaUrl, dataDir: config.dataDir });
    const db = database;
    // National mode (NATIONAL_PROVINCES, docs/scaling.md): the coordinator of 跨省转接 reaches every province.
    const national = loadNationalConfig();
    const tier = national && config.databaseUrl ? new NationalTier(config.databaseUrl, national.provinces) : undefined;
    const app = await buildApp({ database: db, logLevel: config.logLevel, cookieSecure: config.cookieSecure, trustProxy: config.trustProxy, webDist: config.webDist, national: tier });
    const backups = { database: db, databaseUrl: config.databaseUrl, settings };
    const control = registerControl(app, backups);
    await app.ready();

    gate.step('正在升级数据库');
    await refuseNewerDatabase(db);
    await db.migrate();
    // National mode: foreign tables over every province, the ID registry.
    if (national && config.databaseUrl) {
      gate.step('正在连接各省数据库');
      const r = await setupNationalServer(config.databaseUrl, national.provinces, national.selfUrl);
      app.log.info({ provinces: r.provinces }, 'national tier set up');
    }
    gate.step(fromSnapshot ? '正在载入演示数据' : freshDemo ? '正在生成演示数据' : '正在准备数据', freshDemo && !fromSnapshot ? 0 : undefined);
    const initial = await ensureInitialData(db, { loadDemo: config.loadDemo, demoScale: config.demoScale, log: app.log, onProgress: (f) => gate.progress(f) });
    if (fromSnapshot) initial.messages.unshift(await renewAdminPassword(db));
    else if (freshDemo && db.pglite) {
      gate.step('正在保存演示数据副本');
      // Analyzed before it is copied: a start from the copy has the planner's statistics at once (jobs/maintenance.ts).
      await runMaintenance(db, 'analyze').catch((err) => app.log.warn({ err }, 'demo data not analyzed'));
      await saveDemoSnapshot(db.pglite, config.dataDir, cacheDir, demoKey).catch((err) => app.log.warn({ err }, 'demo copy not saved'));
    }
    try {
      control.publish(port);
    } catch (err) {
      app.log.warn({ err }, 'BACKUP_DIR not writable: npm run backup cannot reach this server');
    }
    gate.serve(app);

    const stopSnapshots = scheduleMonthlySnapshots(db, app.log);
    const stopBackups = scheduleNightlyBackups(backups, app.log);
    const stopMaintenance = scheduleEmbeddedMaintenance(db, app.log);
    // National mode: transfers a receiving branch accepted or declined on its own province's server are finished here.
    // A round still running when the next is due is not started twice.
    let settlingNow = false;
    const settling = tier
      ? setInterval(() => {
          if (settlingNow) return;
          settlingNow = true;
          settleTransfers(tier)
            .then((r) => (r.completed || r.rejected || r.written || r.failed || r.unreachable.length ? app.log.info(r, '跨省转接 settled') : undefined))
            .catch((err) => app.log.warn({ err }, '跨省转接 not settled'))
            .finally(() => (settlingNow = false));
        }, 30_000)
      : undefined;
    settling?.unref();
    return {
      app,
      database: db,
      port,
      listeningMs,
      readyMs: Date.now() - started,
      fromSnapshot,
      messages: initial.messages,
      async close() {
        stopSnapshots();
        stopBackups();
        stopMaintenance();
        if (settling) clearInterval(settling);
        control.remove();
        await gate.close(); // stops accepting, waits for in-flight requests
        await app.close();
        await tier?.close();
        await db.close(); // PGlite flushes and closes its data directory
      },
    };
  } catch (err) {
    gate.failed(err instanceof Error ? err.message : String(err));
    await gate.close();
    await database?.close().catch(() => {});
    throw err;
  }
}
