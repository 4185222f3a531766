import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connection.js';

/**
 * The standalone benches' database: the demo county with its year of records, in memory (PGlite),
 * and the app over it. Imported lazily so that `npm run bench` (run.ts), which imports the benches'
 * functions, does not load the seed.
 */
export interface DemoCounty {
  database: Database;
  app: FastifyInstance;
  /** The session cookie of a demo login (every demo account has DEMO_PASSWORD). */
  login(username: string): Promise<string>;
  /** The organizations the figure benches measure: the county (root) and its first township. */
  rootAndTownship(): Promise<{ label: string; id: number }[]>;
  close(): Promise<void>;
}

/**
 * `housekeeping` (default true): after the load, the embedded engine's housekeeping as a running server
 * does it (jobs/maintenance.ts: ANALYZE at start, VACUUM (ANALYZE) after writes and at night), so the
 * figures are those of a server in service; false: a database never vacuumed nor analyzed (PGlite has
 * no autovacuum), as the benches measured before.
 */
export async function loadDemoCounty(scale: number, opts: { webDist?: string; housekeeping?: boolean } = {}): Promise<DemoCounty> {
  const { buildApp } = await import('../src/app.js');
  const { openDatabase } = await import('../src/db/connection.js');
  const { configurePasswordHashing } = await import('../src/modules/auth/passwords.js');
  const { ensureInitialData } = await import('../src/seed/bootstrap.js');
  const { DEMO_PASSWORD } = await import('../src/seed/demo-county.js');
  configurePasswordHashing({ memoryCost: 1024, timeCost: 1 });
  const t0 = performance.now();
  const database = await openDatabase({});
  await database.migrate();
  await ensureInitialData(database, { loadDemo: true, demoScale: scale, demoRecords: true });
  if (opts.housekeeping !== false) {
    const { runMaintenance } = await import('../src/jobs/maintenance.js');
    const r = await runMaintenance(database, 'nightly');
    console.log(`housekeeping (VACUUM (ANALYZE)) after the load: ${r.ms} ms`);
  }
  const app = await buildApp({ database, logLevel: 'warn', loginRateLimit: 10_000, webDist: opts.webDist });
  await app.ready();
  console.log(`demo county (scale ${scale}) loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return {
    database,
    app,
    async login(username) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
      return `tj_session=${res.cookies.find((c) => c.name === 'tj_session')!.value}`;
    },
    async rootAndTownship() {
      const { sql } = await import('drizzle-orm');
      const { withSystem } = await import('../src/db/context.js');
      const { query } = await import('../src/db/sql.js');
      const pick = async (type: string) =>
        Number((await withSystem(database, 'bench', (tx) => query<{ id: number }>(tx, sql`select id from organizations where type = ${type} order by id limit 1`)))[0]!.id);
      return [
        { label: 'county (root)', id: await pick('county') },
        { label: 'township', id: await pick('township') },
      ];
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
