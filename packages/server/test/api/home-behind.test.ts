import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { duesBehind, registrationBehind } from '@tuanjian/domain';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { addMember, makeUnit, thisYear, todayCn } from './scope-samples-membership.js';

/* A township's home: its branches behind in dues this month and in this year's registration, branches under a general branch included. */

let t: TestContext;
let baini: Session;
let longxi: Session;
let town: number;
let unit: { unitId: number; branchIds: number[]; names: string[] };
let year: number;
let month: string;

beforeAll(async () => {
  t = await createTestApp();
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  town = await orgId(t.database, '共青团余庆县白泥镇委员会');
  unit = await makeUnit(t, '白泥镇', '白泥镇落后测试团总支', 2);
  year = thisYear();
  month = todayCn().slice(0, 7);
  const [a, b] = unit.branchIds as [number, number];
  const joinedOn = `${year - 1}-01-01`;
  const a1 = await addMember(t, a, { name: '落后甲', joinedOn });
  await addMember(t, a, { name: '落后乙', joinedOn });
  const b1 = await addMember(t, b, { name: '落后丙', joinedOn });
  // Branch a: one of two registered, nobody paid this month. Branch b: registered and paid.
  const reg = await baini.post('/api/membership/registrations', { year, status: 'registered', decidedOn: todayCn(), personIds: [a1.id, b1.id] });
  expect(reg.statusCode, reg.body).toBe(200);
  await systemRows(t.database, sql`insert into dues_payments (org_id, person_id, period, amount_fen, paid_on, method) values (${b}, ${b1.id}, ${month}, 20, ${todayCn()}, 'cash')`);
});
afterAll(() => t?.close());

describe('township home: branches behind', () => {
  it('registration progress by branch reaches the branches under a general branch; only the undecided one is behind', async () => {
    const res = await baini.get(`/api/membership/registrations/progress?orgId=${town}&year=${year}&by=branches`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().children as { id: number; type: string; total: number; unregistered: number; rate: number; shortName: string | null }[];
    expect(rows.every((r) => r.type === 'branch' || r.type === 'joint_branch')).toBe(true);
    const [a, b] = unit.branchIds;
    expect(rows.find((r) => r.id === a)).toMatchObject({ total: 2, registered: 1, unregistered: 1 });
    expect(rows.find((r) => r.id === b)).toMatchObject({ total: 1, registered: 1, unregistered: 0 });
    const behind = registrationBehind(rows).map((r) => r.id);
    expect(behind).toContain(a);
    expect(behind).not.toContain(b);
    // Without by=branches: the direct children, as before (the general branch, not its branches).
    const children = (await baini.get(`/api/membership/registrations/progress?orgId=${town}&year=${year}`)).json().children as { id: number }[];
    expect(children.map((c) => c.id)).toContain(unit.unitId);
    expect(children.map((c) => c.id)).not.toContain(a);
  });

  it("dues this month by branch: the branch that has not collected is behind, the one that has is not", async () => {
    const res = await baini.get(`/api/daily-work/dues/report?under=${town}&from=${month}&to=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().rows as { orgId: number; dueMonths: number; unpaidMonths: number; collectionRate: number | null }[];
    const [a, b] = unit.branchIds;
    expect(rows.find((r) => r.orgId === a)).toMatchObject({ dueMonths: 2, unpaidMonths: 2 });
    const behind = duesBehind(rows).map((r) => r.orgId);
    expect(behind).toContain(a);
    expect(behind).not.toContain(b);
  });

  it('another township cannot read the progress (404)', async () => {
    expect((await longxi.get(`/api/membership/registrations/progress?orgId=${town}&year=${year}&by=branches`)).statusCode).toBe(404);
  });
});
