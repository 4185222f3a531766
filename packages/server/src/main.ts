import { loadConfig } from './config.js';
import { openDatabase } from './db/connection.js';
import { buildApp } from './app.js';
import { configurePasswordHashing } from './modules/auth/passwords.js';
import { ensureInitialData } from './seed/bootstrap.js';
import { scheduleMonthlySnapshots } from './jobs/snapshots.js';

/**
 * `npm start`: open (and migrate) the database, load the demo county into an
 * empty one, serve API and web client, and shut down cleanly on SIGTERM/SIGINT.
 */
async function main() {
  const config = loadConfig();
  configurePasswordHashing(config.argon2);
  const started = Date.now();
  const database = await openDatabase({ url: config.databaseUrl, replicaUrl: config.databaseReplicaUrl, dataDir: config.dataDir });
  await database.migrate();
  const app = await buildApp({ database, logLevel: config.logLevel, cookieSecure: config.cookieSecure, trustProxy: config.trustProxy, webDist: config.webDist });
  const initial = await ensureInitialData(database, { loadDemo: config.loadDemo, demoScale: config.demoScale, log: app.log });

  const stopSnapshots = scheduleMonthlySnapshots(database, app.log);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    try {
      stopSnapshots();
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

  await app.listen({ port: config.port, host: config.host });
  const where = database.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    '',
    `团建 Tuanjian 已启动: http://localhost:${config.port}   (${Date.now() - started} ms, 数据库: ${where})`,
    `接口文档: http://localhost:${config.port}/api/docs`,
    ...initial.messages,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
