import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { addMember, branchesOf, thisYear, todayCn } from './scope-samples-membership.js';

/* The member drawer's whole history: the growth record with dues, honors, activities and volunteer service. */

let t: TestContext;
let baini: Session;
let longxi: Session;
let person: { id: number; idNumber: string };
let year: number;

const one = async <T = number>(s: ReturnType<typeof sql>) => {
  const [row] = await systemRows<{ id: T }>(t.database, s);
  return row!.id;
};

beforeAll(async () => {
  t = await createTestApp();
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  year = thisYear();
  const [branch] = await branchesOf(t, '白泥镇');
  const b = branch!.id;
  const town = await orgId(t.database, '共青团余庆县白泥镇委员会');
  person = await addMember(t, b, { name: '档案测试员', joinedOn: `${year - 1}-03-01` });
  await systemRows(t.database, sql`insert into dues_payments (org_id, person_id, period, amount_fen, paid_on, method) values (${b}, ${person.id}, ${`${year}-01`}, 20, ${`${year}-01-10`}, 'cash')`);
  const campaign = await one(sql`insert into honor_campaigns (org_id, honor_type, year, title) values (${town}, 'excellent_member', ${year}, '档案测试优秀团员评选') returning id`);
  await systemRows(t.database, sql`insert into honor_nominations (campaign_id, org_id, person_id, reason, status, awarded_on) values (${campaign}, ${b}, ${person.id}, '表现突出', 'awarded', ${todayCn()})`);
  const activity = await one(sql`insert into activities (org_id, type, theme, held_on, organizer, member_count, youth_count)
    values (${b}, 'volunteer_service', '档案测试清洁家园', ${`${year}-02-15`}, '团支部', 1, 0) returning id`);
  await systemRows(t.database, sql`insert into activity_participants (activity_id, org_id, person_id) values (${activity}, ${b}, ${person.id})`);
  const volunteer = await one(sql`insert into volunteers (org_id, person_id, name, id_number, gender, birth_date, registered_on)
    values (${b}, ${person.id}, '档案测试员', ${person.idNumber}, 'female', '2000-01-01', ${`${year - 1}-05-01`}) returning id`);
  await systemRows(t.database, sql`insert into service_records (org_id, volunteer_id, served_on, minutes) values (${b}, ${volunteer}, ${`${year}-02-15`}, 90)`);
});
afterAll(() => t?.close());

describe('member drawer history (GET /api/membership/people/:id/growth)', () => {
  it('lists the dues paid and owed by year, the honor, the activity and the volunteer service', async () => {
    const res = await baini.get(`/api/membership/people/${person.id}/growth`);
    expect(res.statusCode, res.body).toBe(200);
    const { records } = res.json();
    // This year first, then last year (joined in March last year: April… December owed).
    expect(records.dues.map((d: { year: number }) => d.year)).toEqual([year, year - 1]);
    const now = records.dues[0];
    expect(now.paidMonths).toEqual([`${year}-01`]);
    expect(now.paidFen).toBe(20);
    expect(now.owedMonths).not.toContain(`${year}-01`);
    const last = records.dues[1];
    expect(last.paidMonths).toEqual([]);
    expect(last.owedMonths[0]).toBe(`${year - 1}-03`);
    expect(last.owedMonths.at(-1)).toBe(`${year - 1}-12`);
    expect(records.honors).toEqual([
      expect.objectContaining({ year, title: '档案测试优秀团员评选', honorLabel: '优秀共青团员', status: 'awarded', statusLabel: '已授予', awardedOn: todayCn() }),
    ]);
    expect(records.activities.total).toBe(1);
    expect(records.activities.items[0]).toMatchObject({ theme: '档案测试清洁家园', heldOn: `${year}-02-15`, typeLabel: '志愿服务' });
    expect(records.service).toMatchObject({ registeredOn: `${year - 1}-05-01`, count: 1, minutes: 90 });
  });

  it('the people list gives the organization\'s 简称 for its narrow column', async () => {
    const [org] = await systemRows<{ id: number; short_name: string }>(t.database, sql`select o.id, o.short_name from people p join organizations o on o.id = p.org_id where p.id = ${person.id}`);
    expect(org!.short_name).toBeTruthy();
    const list = (await baini.get(`/api/people?under=${org!.id}&kind=member&pageSize=200`)).json();
    expect(list.items.find((i: { id: number }) => i.id === person.id)).toMatchObject({ orgShortName: org!.short_name });
  });

  it('the activities list gives the organization\'s 简称 for its narrow column', async () => {
    const [org] = await systemRows<{ id: number; short_name: string }>(t.database, sql`select o.id, o.short_name from people p join organizations o on o.id = p.org_id where p.id = ${person.id}`);
    const list = (await baini.get(`/api/org-life/activities?under=${org!.id}`)).json();
    expect(list.items.find((i: { theme: string }) => i.theme === '档案测试清洁家园')).toMatchObject({ orgShortName: org!.short_name });
  });

  it('is not readable by another township (404)', async () => {
    const res = await longxi.get(`/api/membership/people/${person.id}/growth`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('档案测试');
  });
});
