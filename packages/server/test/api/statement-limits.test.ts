import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql, type SQL } from 'drizzle-orm';
import { api, idCardCheckChar, resolveRules } from '@tuanjian/domain';
import type { Tx } from '../../src/db/connection.js';
import { withScope, withSystem } from '../../src/db/context.js';
import { query } from '../../src/db/sql.js';
import { errorHandler } from '../../src/http/errors.js';
import { registerRoutes, scoped } from '../../src/http/route.js';
import { COUNT_CAP, peoplePage } from '../../src/modules/people/service.js';
import { ENGINE, createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';

/**
 * Issue 11, item 7: one slow request must not stall everyone. Every request's
 * time on the database is bounded (STATEMENT_TIMEOUT_MS; PostgreSQL cancels the
 * statement, PGlite — which cannot interrupt a statement — refuses the next one),
 * and a name search for a prefix thousands share reads a page, not every match.
 */
let t: TestContext;
let side: FastifyInstance;
let admin: Session;
let county: number;
const LIMIT_MS = 500;
/** Statements each heavy request ran, by request. */
const ran: number[] = [];

/** Sleeps far beyond the limit: one 20 s statement on PostgreSQL; on PGlite 400 statements of 50 ms. */
const heavy = api.contract({
  method: 'GET',
  path: '/api/test/heavy',
  permission: 'authenticated',
  tag: 'test',
  summary: 'deliberately heavy',
  response: z.object({ statements: z.number() }),
});
/** The same kind of work, 1.2 s in all, on a contract marked longRunning (imports' commits). */
const long = api.contract({ ...heavy, path: '/api/test/long', longRunning: true });

beforeAll(async () => {
  t = await createTestApp();
  county = await orgId(t.database, '共青团余庆县委员会');
  admin = await loginAs(t.app, 'county_admin');
  // An app beside the main one on the same database, with the test routes and a short limit.
  side = Fastify({ logger: false });
  side.setValidatorCompiler(validatorCompiler);
  side.setSerializerCompiler(serializerCompiler);
  side.setErrorHandler(errorHandler);
  side.decorateRequest('user', null);
  await side.register(cookie);
  const sleep = async (tx: Tx, seconds: number, times: number) => {
    const i = ran.push(0) - 1;
    for (let n = 0; n < times; n++) {
      await tx.execute(sql`select pg_sleep(${seconds})`);
      ran[i]!++;
    }
    return { statements: ran[i]! };
  };
  registerRoutes(
    side,
    t.database,
    [scoped(heavy, ({ tx }) => (ENGINE === 'postgres' ? sleep(tx, 20, 1) : sleep(tx, 0.05, 400))), scoped(long, ({ tx }) => sleep(tx, 0.3, 4))],
    { loginRateLimit: 10_000, statementTimeoutMs: LIMIT_MS },
  );
  await side.ready();
});
afterAll(async () => {
  await side?.close();
  await t?.close();
});

const onSide = (url: string) => side.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });

describe('statement limits', () => {
  test('a request past its limit is refused with 查询过大，请缩小范围, and the request waiting behind it is served', async () => {
    const heavyRes = onSide('/api/test/heavy');
    // An ordinary request arriving while the heavy one holds the connection.
    await new Promise((r) => setTimeout(r, 100));
    const ordinary = admin.get(`/api/people?under=${county}&pageSize=5`);
    const [h, o] = await Promise.all([heavyRes, ordinary]);
    expect(h.statusCode).toBe(422);
    expect(h.json()).toMatchObject({ error: 'query_too_large', message: '查询过大，请缩小范围' });
    expect(o.statusCode).toBe(200);
    expect(o.json().items).toHaveLength(5);
    // Cut off: on PostgreSQL its one statement was cancelled, on PGlite it ran a few of its 400.
    expect(ran[0]).toBeLessThan(ENGINE === 'postgres' ? 1 : 400);
    // And the connection is usable at once for the next request on the same app.
    const next = await admin.get('/api/auth/me');
    expect(next.statusCode).toBe(200);
  });

  test('a contract marked longRunning (an import commit) gets the longer limit', async () => {
    const res = await onSide('/api/test/long');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ statements: 4 });
    expect(api.people.commitImport.longRunning).toBe(true);
  });
});

/** Rows read from the people table by a statement: every scan of it in the plan, including what filters removed. */
function peopleRowsRead(plan: Record<string, unknown>): number {
  const own =
    plan['Relation Name'] === 'people'
      ? ((plan['Actual Rows'] as number) + ((plan['Rows Removed by Filter'] as number) ?? 0) + ((plan['Rows Removed by Index Recheck'] as number) ?? 0)) *
        (plan['Actual Loops'] as number)
      : 0;
  return own + ((plan.Plans as Record<string, unknown>[] | undefined) ?? []).reduce((sum, p) => sum + peopleRowsRead(p), 0);
}

describe('a name search for a very common prefix', () => {
  const PREFIX = '限测';
  const SHARED = 12_000;

  beforeAll(async () => {
    // 12,000 people whose names start with the same two characters, over every branch of the county.
    const branches = (await systemRows<{ id: number }>(t.database, sql`select id from organizations where type = 'branch' order by id`)).map((r) => Number(r.id));
    const rows = Array.from({ length: SHARED }, (_, i) => {
      const born = new Date(Date.UTC(2000, 0, 1) + (i % 4000) * 86_400_000).toISOString().slice(0, 10);
      const first17 = `520102${born.replaceAll('-', '')}${900 + Math.floor(i / 4000)}`;
      return { name: `${PREFIX}${i}`, id: first17 + idCardCheckChar(first17), born, org: branches[i % branches.length] };
    });
    await withSystem(t.database, 'test', (tx) =>
      tx.execute(sql`insert into people (org_id, name, gender, id_number, birth_date, ethnicity, political_status)
        select (r->>'org')::bigint, r->>'name', 'female', r->>'id', (r->>'born')::date, '汉族', '群众'
          from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) r`),
    );
    await systemRows(t.database, sql`analyze people`);
  });

  test('answers a page in list order and a total capped at the count cap', async () => {
    const res = await admin.get(`/api/people?q=${encodeURIComponent(PREFIX)}&pageSize=20`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(COUNT_CAP);
    expect(body.totalIsLowerBound).toBe(true);
    const expected = await systemRows<{ id: number }>(
      t.database,
      sql`select p.id from people p join organizations o on o.id = p.org_id where p.name like ${`${PREFIX}%`} and p.registry_status = 'active' order by o.path, p.name, p.id limit 20`,
    );
    expect(body.items.map((p: { id: number }) => p.id)).toEqual(expected.map((r) => Number(r.id)));
  });

  test('reads a bounded number of rows, not every match (EXPLAIN ANALYZE of each statement it runs)', async () => {
    const [scope] = await systemRows<{ path: string }>(t.database, sql`select path::text as path from organizations where id = ${county}`);
    const read = await withScope(t.database, { accountId: null, name: 'test', scopePath: scope!.path }, async (tx) => {
      const statements: SQL[] = [];
      const recording = new Proxy(tx, {
        get(target, prop) {
          if (prop === 'execute')
            return (s: SQL) => {
              statements.push(s);
              return target.execute(s);
            };
          const v = Reflect.get(target, prop, target) as unknown;
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
      const page = await peoplePage(recording, { q: PREFIX, kind: 'all' }, resolveRules({}), { offset: 20, limit: 20 });
      expect(page.items).toHaveLength(20);
      let rows = 0;
      for (const s of statements) {
        const [r] = await query<{ 'QUERY PLAN': [{ Plan: Record<string, unknown> }] }>(tx, sql`explain (analyze, format json) ${s}`);
        const plan = r!['QUERY PLAN'];
        rows += peopleRowsRead((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan);
      }
      return rows;
    });
    // The count stops past the cap (2,001 rows) and the page reads what it shows; the matches are 12,000.
    expect(read).toBeGreaterThan(COUNT_CAP);
    expect(read).toBeLessThan(COUNT_CAP + 1_000);
  });
});
