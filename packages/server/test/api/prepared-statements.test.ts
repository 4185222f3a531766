import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { withScope } from '../../src/db/context.js';
import { query, queryPrepared, textArray } from '../../src/db/sql.js';
import { createTestApp, loginAs, systemRows, type TestContext } from '../helpers.js';

/**
 * queryPrepared (db/sql.ts): a hot statement planned once per connection. It must answer exactly what the
 * same statement answers unprepared, whatever its parameters hold, and stay confined by row-level security
 * to each caller's scope although the plan is shared by every caller of the connection.
 */
let t: TestContext;
let county: { path: string; id: number };
let township: { path: string; id: number };
const actor = (scopePath: string) => ({ accountId: 1, name: '测试', scopePath, ip: '127.0.0.1', requestId: 'prepared' });

beforeAll(async () => {
  t = await createTestApp();
  const first = async (type: string) => (await systemRows<{ path: string; id: number }>(t.database, sql`select path::text as path, id from organizations where type = ${type} order by id limit 1`))[0]!;
  county = await first('county');
  township = await first('township');
});
afterAll(() => t?.close());

describe('queryPrepared', () => {
  test('answers as the plain statement, with quotes, backslashes, Chinese, nulls, booleans, dates and arrays in its parameters', async () => {
    const hostile = "O'Brien \\\\ 团'; drop table people; --";
    const statement = sql`select ${hostile}::text as a, ${null}::int as b, ${true}::boolean as c, ${41}::int + 1 as d, ${'2026-12-06'}::date + 1 as e,
                                 (select string_agg(x, '|') from unnest(${textArray(['甲', "乙'丙", '\\'])}) x) as f`;
    const [plain, prepared, again] = await withScope(t.database, actor(county.path), async (tx) => [
      await query(tx, statement),
      await queryPrepared(tx, statement),
      // The second call in the same session finds the statement prepared (a second PREPARE would fail).
      await queryPrepared(tx, statement),
    ]);
    expect(prepared).toEqual(plain);
    expect(again).toEqual(plain);
    expect((prepared[0] as { a: string }).a).toBe(hostile);
    const [people] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from people`);
    expect(people!.n).toBeGreaterThan(0);
  });

  test('the plan is shared, the scope is not: each caller counts only its own subtree', async () => {
    const statement = sql`select count(*)::int as n from people where member_status = ${'active'}`;
    const count = (path: string, prepared: boolean) =>
      withScope(t.database, actor(path), async (tx) => Number((await (prepared ? queryPrepared : query)<{ n: number }>(tx, statement))[0]!.n));
    const wide = await count(county.path, true);
    const narrow = await count(township.path, true);
    expect(narrow).toBeGreaterThan(0);
    expect(narrow).toBeLessThan(wide);
    expect(narrow).toBe(await count(township.path, false));
    expect(wide).toBe(await count(county.path, false));
    // And back: the county again after the township, on the same prepared statement.
    expect(await count(county.path, true)).toBe(wide);
  });

  test('the rest of the transaction plans as before', async () => {
    const mode = await withScope(t.database, actor(county.path), async (tx) => {
      await queryPrepared(tx, sql`select ${1}::int as one`);
      return (await query<{ mode: string }>(tx, sql`select current_setting('plan_cache_mode') as mode`))[0]!.mode;
    });
    expect(mode).toBe('auto');
  });

  test('the 待办 count through HTTP is the same on the first call and the next', async () => {
    const admin = await loginAs(t.app, 'county_admin');
    const first = (await admin.request('GET', '/api/inbox/count')).json();
    const second = (await admin.request('GET', '/api/inbox/count')).json();
    const inbox = (await admin.request('GET', '/api/inbox')).json() as { total: number; overdue: number };
    expect(second).toEqual(first);
    expect(first).toEqual({ total: inbox.total, overdue: inbox.overdue });
  });
});
