import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { resolveRules } from '@tuanjian/domain';
import { withScope } from '../../src/db/context.js';
import { today } from '../../src/lib/clock.js';
import { countPeople } from '../../src/modules/people/service.js';
import { createTestApp, loginAs, orgId, systemRows, type TestContext } from '../helpers.js';

/**
 * The people list walks the organizations in tree order and counts from the
 * rollups where it can: the pages and totals must be exactly those of the
 * plain query over the subtree.
 */
let t: TestContext;
let county: number;
let baini: number;

beforeAll(async () => {
  t = await createTestApp();
  county = await orgId(t.database, '共青团余庆县委员会');
  baini = await orgId(t.database, '共青团余庆县白泥镇委员会');
});
afterAll(() => t?.close());

/** The ids the plain query gives for the same filter, in the list's order. */
async function expected(root: number, where = sql`true`) {
  const rows = await systemRows<{ id: number }>(
    t.database,
    sql`select p.id from people p join organizations o on o.id = p.org_id
         where o.path <@ (select path from organizations where id = ${root}) and p.registry_status = 'active' and ${where}
         order by o.path, p.name, p.id`,
  );
  return rows.map((r) => Number(r.id));
}

describe('people list', () => {
  test('pages follow the tree order and the total comes from the rollups, equal to the plain count', async () => {
    const admin = await loginAs(t.app, 'county_admin');
    const all = await expected(county, sql`p.member_status = 'active'`);
    expect(all.length).toBeGreaterThan(100);
    const seen: number[] = [];
    for (const page of [1, 2, 3]) {
      const res = await admin.get(`/api/people?under=${county}&kind=member&page=${page}&pageSize=50`);
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(all.length);
      expect(res.json().totalIsLowerBound).toBe(false);
      seen.push(...res.json().items.map((p: { id: number }) => p.id));
    }
    expect(seen).toEqual(all.slice(0, 150));
  });

  test('filters that the rollups do not keep are counted exactly below the cap', async () => {
    const admin = await loginAs(t.app, 'county_admin');
    const res = await admin.get(`/api/people?under=${county}&kind=member&ageFrom=18&ageTo=22&sector=school&pageSize=20`);
    const rows = await expected(
      county,
      sql`p.member_status = 'active' and o.sector = 'school' and p.birth_date > (${today()}::date - interval '23 years') and p.birth_date <= (${today()}::date - interval '18 years')`,
    );
    expect(res.json().total).toBe(rows.length);
    expect(res.json().items.map((p: { id: number }) => p.id)).toEqual(rows.slice(0, 20));
  });

  test('without an organization the list is the caller’s scope', async () => {
    const township = await loginAs(t.app, 'baini_admin');
    const res = await township.get('/api/people?kind=all&pageSize=200');
    const rows = await expected(baini);
    expect(res.json().total).toBe(rows.length);
    expect(res.json().items.map((p: { id: number }) => p.id)).toEqual(rows.slice(0, 200));
  });

  test('a name prefix search finds exactly the names that start with it, through the index range', async () => {
    const admin = await loginAs(t.app, 'county_admin');
    const [first] = await systemRows<{ name: string }>(t.database, sql`select name from people order by id limit 1`);
    const prefix = [...first!.name][0]!;
    const res = await admin.get(`/api/people?under=${county}&q=${encodeURIComponent(prefix)}&pageSize=200`);
    const rows = await expected(county, sql`p.name like ${`${prefix}%`}`);
    expect(rows.length).toBeGreaterThan(0);
    expect(res.json().total).toBe(rows.length);
    expect(res.json().items.every((p: { name: string }) => p.name.startsWith(prefix))).toBe(true);
  });

  test('a count above the cap stops there and says so', async () => {
    const [scope] = await systemRows<{ path: string }>(t.database, sql`select path::text as path from organizations where id = ${county}`);
    const rules = resolveRules({});
    const result = await withScope(t.database, { accountId: null, name: 'test', scopePath: scope!.path }, (tx) =>
      countPeople(tx, { under: county, kind: 'member', ageFrom: 14, ageTo: 28 }, rules, 5),
    );
    expect(result).toEqual({ total: 5, totalIsLowerBound: true });
    const exact = await withScope(t.database, { accountId: null, name: 'test', scopePath: scope!.path }, (tx) =>
      countPeople(tx, { under: county, kind: 'member', ageFrom: 14, ageTo: 28 }, rules, 1_000_000),
    );
    expect(exact.totalIsLowerBound).toBe(false);
    expect(exact.total).toBeGreaterThan(5);
  });
});
