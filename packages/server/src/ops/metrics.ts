import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/connection.js';
import { query } from '../db/sql.js';
import { readBackupStatus } from './backup.js';

/**
 * GET /metrics in Prometheus' text format: requests and their latency by route (the route's pattern,
 * never the raw URL), the database queue (a `select 1` through the requests' connection pool at
 * scrape time: the wait for a connection plus a round trip; every transaction's wait for its connection;
 * the pool's connections), import batches, the age and outcome of
 * the last backup, and the process (memory, event loop, GC: prom-client's defaults).
 * Only for METRICS_TOKEN (Authorization: Bearer …) or, without one, for a direct loopback peer
 * (no X-Forwarded-For: a request relayed by a proxy on the same machine is not local).
 */
export function registerMetrics(app: FastifyInstance, database: Database, opts: { token?: string } = {}): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tuanjian_' });
  const requests = new Counter({ name: 'tuanjian_http_requests_total', help: 'HTTP requests answered, by method, route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'tuanjian_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const dbWait = new Gauge({ name: 'tuanjian_db_queue_seconds', help: 'Time of a select 1 through the request pool at scrape time (queue wait + round trip)', registers: [registry] });
  const poolWait = new Histogram({
    name: 'tuanjian_db_pool_wait_seconds',
    help: 'Time each transaction waited for its database connection (the pool; PGlite: its one connection)',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [registry],
  });
  database.pool.waited = (s) => poolWait.observe(s);
  new Gauge({
    name: 'tuanjian_db_pool_connections',
    help: 'Database connections of the request pool by state (total, idle; waiting = requests queued for one)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const c = database.pool.connections();
      for (const [state, n] of Object.entries(c)) this.set({ state }, n);
    },
  });
  const dbUp = new Gauge({ name: 'tuanjian_db_up', help: '1 when the database answers, by role (primary, replica)', labelNames: ['role'], registers: [registry] });
  const imports = new Gauge({ name: 'tuanjian_import_batches', help: 'Import batches by state (previewed = not committed)', labelNames: ['kind', 'state'], registers: [registry] });
  const backupAge = new Gauge({ name: 'tuanjian_backup_last_success_age_seconds', help: 'Seconds since the last successful backup (absent: none yet)', registers: [registry] });
  const backupOk = new Gauge({ name: 'tuanjian_backup_last_ok', help: '1 when the last backup succeeded, 0 when it failed', registers: [registry] });
  const backupBytes = new Gauge({ name: 'tuanjian_backup_last_bytes', help: 'Size of the last successful backup archive', registers: [registry] });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  const allowed = (req: FastifyRequest) => {
    if (opts.token) {
      const given = Buffer.from(String(req.headers.authorization ?? ''));
      const want = Buffer.from(`Bearer ${opts.token}`);
      return given.length === want.length && timingSafeEqual(given, want);
    }
    const peer = req.socket.remoteAddress ?? '';
    return ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(peer) && req.headers['x-forwarded-for'] === undefined;
  };

  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!allowed(req)) return reply.status(404).send({ error: 'not_found', message: '接口不存在' });
    const t0 = performance.now();
    try {
      await database.db.execute(sql`select 1`);
      dbWait.set((performance.now() - t0) / 1000);
      dbUp.set({ role: 'primary' }, 1);
      const batches = await query<{ kind: string; state: string; n: number }>(
        database.db,
        sql`select kind, case when committed_at is null then 'previewed' else 'committed' end as state, count(*)::int as n from import_batches group by 1, 2`,
      );
      imports.reset();
      for (const b of batches) imports.set({ kind: b.kind, state: b.state }, Number(b.n));
      const backup = await readBackupStatus(database);
      backupAge.reset();
      if (backup?.lastSuccessAt) backupAge.set((Date.now() - Date.parse(backup.lastSuccessAt)) / 1000);
      if (backup) backupOk.set(backup.ok ? 1 : 0);
      if (backup?.ok && backup.bytes) backupBytes.set(backup.bytes);
    } catch {
      dbUp.set({ role: 'primary' }, 0);
    }
    if (database.replica) {
      dbUp.set({ role: 'replica' }, await database.replica.execute(sql`select 1`).then(() => 1, () => 0));
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return registry;
}
