import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import type { TrustProxy } from '../src/config.js';
import type { Database } from '../src/db/connection.js';
import { withSystem } from '../src/db/context.js';
import { query } from '../src/db/sql.js';
import { configurePasswordHashing } from '../src/modules/auth/passwords.js';
import { DEMO_PASSWORD } from '../src/seed/demo-county.js';
import { createTestDatabase } from './test-database.js';

export { DEMO_PASSWORD };

/** Which engine the API suite runs on: TEST_DATABASE_URL (PostgreSQL) or embedded PGlite. */
export const ENGINE = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  adminPassword: string;
  close(): Promise<void>;
}

/**
 * A fresh database (new PGlite in memory, or a new PostgreSQL database) with the demo county: a copy
 * of a template migrated and seeded once per suite run (test-database.ts), its own for each call.
 */
export async function createTestApp(opts: { demo?: boolean; loginRateLimit?: number; trustProxy?: TrustProxy } = {}): Promise<TestContext> {
  configurePasswordHashing({ memoryCost: 1024, timeCost: 1 });
  const { database, adminPassword, drop } = await createTestDatabase({ demo: opts.demo ?? true });
  const app = await buildApp({ database, logLevel: process.env.TEST_LOG ?? 'silent', loginRateLimit: opts.loginRateLimit ?? 10_000, trustProxy: opts.trustProxy });
  await app.ready();
  return {
    app,
    database,
    adminPassword,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

/** Id of an organization by exact name (system view, for test setup). */
export async function orgId(database: Database, name: string): Promise<number> {
  const rows = await withSystem(database, 'test', (tx) => query<{ id: number }>(tx, sql`select id from organizations where name = ${name}`));
  if (!rows[0]) throw new Error(`no organization named ${name}`);
  return Number(rows[0].id);
}

export async function systemRows<T>(database: Database, statement: ReturnType<typeof sql>): Promise<T[]> {
  return withSystem(database, 'test', (tx) => query<T>(tx, statement));
}

export interface Session {
  username: string;
  csrf: string;
  cookie: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export async function loginAs(app: FastifyInstance, username: string, password = DEMO_PASSWORD, ip = '127.0.0.1'): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'tj_session')!;
  const csrf = res.json().csrfToken as string;
  const session: Session = {
    username,
    csrf,
    cookie: `tj_session=${cookie.value}`,
    request: (method, url, body, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        ...(body === undefined ? {} : { payload: body as object }),
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers },
        remoteAddress: ip,
      }),
    get: (url) => session.request('GET', url),
    post: (url, body) => session.request('POST', url, body ?? {}),
    patch: (url, body) => session.request('PATCH', url, body),
    put: (url, body) => session.request('PUT', url, body),
  };
  return session;
}
