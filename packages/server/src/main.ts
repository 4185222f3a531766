// Only what the listener needs is loaded before it listens: the rest of the server (Fastify, PGlite,
// every module) is imported after, while the start-up page already answers (ops/startup.ts).
import { loadConfig } from './config.js';
import { backupSettings } from './ops/settings.js';
import { startupServer } from './ops/startup.js';

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
 * `npm start`: listen at once (a start-up page answers meanwhile), then open and migrate the
 * database and load the demo county into an empty one (ops/serve.ts); shut down cleanly on
 * SIGTERM/SIGINT.
 */
async function main() {
  const startedAt = Date.now();
  const { config, backupSettings: settings } = readSettings();
  const gate = startupServer();
  const port = await gate.listen(config.port, config.host);
  const listenedAt = Date.now();
  const [{ configurePasswordHashing }, { startServer }] = await Promise.all([import('./modules/auth/passwords.js'), import('./ops/serve.js')]);
  configurePasswordHashing(config.argon2);
  const server = await startServer({ config, backupSettings: settings, listener: { gate, port, startedAt, listenedAt } });
  const { app, database } = server;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await server.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const where = database.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL (DATABASE_URL)';
  const demoFrom = server.fromSnapshot ? '，演示数据取自已生成的副本' : '';
  const lines = [
    '',
    `团建 Tuanjian 已启动: http://localhost:${server.port}   (${server.listeningMs} ms 开始监听，${server.readyMs} ms 就绪${demoFrom}，数据库: ${where})`,
    `接口文档: http://localhost:${server.port}/api/docs`,
    ...server.messages,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch(async (err) => {
  const { NewerDatabaseError } = await import('./ops/migrations.js');
  console.error(err instanceof NewerDatabaseError || err instanceof SettingError ? err.message : err);
  process.exit(1);
});
