import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, orgId, systemRows, type TestContext } from '../helpers.js';

/**
 * 跨省转接 on a province's own pages (GET /api/membership/interprovince-transfers): the rows the national
 * coordinator wrote, each organization seeing its own and those below it, read-only.
 */
let t: TestContext;
let baini: number;
let longxi: number;

/** A row as national/transfer.ts writes it, for the first branch of `township` with a member. */
async function row(township: number, direction: 'out' | 'in', status: string, name: string, createdAt: string) {
  const [p] = await systemRows<{ id: number; org_id: number; id_number: string }>(
    t.database,
    sql`select p.id, p.org_id, p.id_number from people p join organizations o on o.id = p.org_id
         where o.path <@ (select path from organizations where id = ${township}) and p.member_status = 'active' order by p.id limit 1`,
  );
  await systemRows(
    t.database,
    sql`insert into interprovince_transfers (key, direction, org_id, person_id, person_name, id_number, other_province, other_org_id, person, status,
                                             other_province_name, other_org_name, created_at)
        values (gen_random_uuid(), ${direction}, ${p!.org_id}, ${p!.id}, ${name}, ${p!.id_number}, '53', 7, '{}'::jsonb, ${status},
                '云南省', '昆明市某某团支部', ${createdAt}::timestamptz) returning id`,
  );
  return p!;
}

beforeAll(async () => {
  t = await createTestApp();
  baini = await orgId(t.database, '共青团余庆县白泥镇委员会');
  longxi = await orgId(t.database, '共青团余庆县龙溪镇委员会');
  await row(baini, 'out', 'accepted', '跨省甲', '2026-10-01T08:00:00+08');
  await row(baini, 'out', 'pending', '跨省乙', '2026-09-01T08:00:00+08');
  await row(longxi, 'in', 'accepted', '跨省丙', '2026-11-01T08:00:00+08');
});
afterAll(() => t?.close());

describe('跨省转接 on the province’s pages', () => {
  test('each township sees its own rows, pending first, with the other side named and the ID number masked', async () => {
    const b = await loginAs(t.app, 'baini_admin');
    const res = await b.get('/api/membership/interprovince-transfers');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { personName: string; status: string }) => `${i.personName} ${i.status}`)).toEqual(['跨省乙 pending', '跨省甲 accepted']);
    expect(body.total).toBe(2);
    expect(body.items[0]).toMatchObject({ direction: 'out', otherProvince: '53', otherProvinceName: '云南省', otherOrgName: '昆明市某某团支部' });
    expect(body.items[0].idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(body.items[0].orgName).toContain('白泥镇');

    const l = await loginAs(t.app, 'longxi_admin');
    expect((await l.get('/api/membership/interprovince-transfers')).json().items.map((i: { personName: string }) => i.personName)).toEqual(['跨省丙']);
    // Another township's subtree named in `under`: refused, not an empty list.
    expect((await l.get(`/api/membership/interprovince-transfers?under=${baini}`)).statusCode).toBe(404);
  });

  test('the county sees every township’s rows, narrowed by under, paged', async () => {
    const c = await loginAs(t.app, 'county_admin');
    const all = (await c.get('/api/membership/interprovince-transfers')).json();
    expect(all.total).toBe(3);
    expect((await c.get(`/api/membership/interprovince-transfers?under=${longxi}`)).json().items.map((i: { personName: string }) => i.personName)).toEqual(['跨省丙']);
    const second = (await c.get('/api/membership/interprovince-transfers?pageSize=2&page=2')).json();
    expect([second.total, second.items.length]).toEqual([3, 1]);
  });
});
