import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, orgId, systemRows, type TestContext } from '../helpers.js';
import { makeIdNumber } from '../factories.js';
import { memberSession } from './scope-samples-daily-work.js';

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

describe('跨省转出申请 on the province’s own server', () => {
  /** The branch secretary's active members who have nothing under way. */
  async function members(n: number) {
    return systemRows<{ id: number; name: string }>(
      t.database,
      sql`select p.id, p.name from people p join accounts a on a.username = 'branch_secretary'
           where p.org_id = a.scope_org_id and p.member_status = 'active'
             and not exists (select 1 from interprovince_transfers x where x.person_id = p.id)
           order by p.id limit ${n}`,
    );
  }
  const body = (personId: number, toProvince = '44') => ({ personId, toProvince, toOrgName: '广东省深圳市南山区某某公司团支部', reason: '到深圳工作' });

  test('refused with 409 on a server that is not linked to a national tier, and nothing is written', async () => {
    const s = await loginAs(t.app, 'branch_secretary');
    const [m] = await members(1);
    const r = await s.post('/api/membership/interprovince-requests', body(m!.id));
    expect([r.statusCode, r.json().message]).toEqual([409, '本系统尚未接入全国系统，不能办理跨省转接；请联系上级团委']);
    expect((await s.get('/api/membership/interprovince-transfers')).json().national).toBeNull();
    const own = (await memberSession(t, s, m!.id, 'Weijie2026pass')).session;
    expect((await own.get('/api/daily-work/portal/interprovince-transfers')).json()).toEqual({ national: false, items: [] });
    expect(await systemRows(t.database, sql`select 1 from interprovince_requests`)).toEqual([]);
  });

  test('linked: the branch secretary asks for a member, sees it waiting, cannot ask twice, withdraws it; audited in the secretary’s name', async () => {
    await systemRows(t.database, sql`insert into system_state (key, value) values ('national', '{"province": "52", "name": "贵州省"}'::jsonb)`);
    try {
      const s = await loginAs(t.app, 'branch_secretary');
      const [m, n] = await members(2);
      expect((await s.get('/api/membership/interprovince-transfers')).json().national).toEqual({ province: '52', name: '贵州省' });

      const self = await s.post('/api/membership/interprovince-requests', body(m!.id, '52'));
      expect([self.statusCode, self.json().fields[0].field]).toEqual([422, 'toProvince']);
      const bad = await s.post('/api/membership/interprovince-requests', { ...body(m!.id), toProvince: '99', toOrgName: '某' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('请选择转入省份');

      const asked = await s.post('/api/membership/interprovince-requests', body(m!.id));
      expect(asked.statusCode, asked.body).toBe(200);
      expect(asked.json()).toMatchObject({ kind: 'request', direction: 'out', personName: m!.name, status: 'requested', otherProvince: '44', otherProvinceName: '广东省', otherOrgName: '广东省深圳市南山区某某公司团支部', reason: '到深圳工作' });
      const again = await s.post('/api/membership/interprovince-requests', body(m!.id));
      expect([again.statusCode, again.json().message]).toEqual([422, `${m!.name}有尚未办结的跨省转出申请，办结或撤回后才能再申请`]);
      expect((await s.post('/api/membership/interprovince-requests', body(n!.id))).statusCode).toBe(200);

      // The member sees the request on the portal (read-only), and nobody else's.
      const own = (await memberSession(t, s, m!.id, 'Kuasheng2026pass')).session;
      const mine = (await own.get('/api/daily-work/portal/interprovince-transfers')).json();
      expect(mine.national).toBe(true);
      expect(mine.items.map((i: { personName: string; status: string; otherProvinceName: string }) => `${i.personName} ${i.status} ${i.otherProvinceName}`)).toEqual([`${m!.name} requested 广东省`]);
      expect((await own.post('/api/membership/interprovince-requests/withdraw', { personId: m!.id })).statusCode).toBe(403);
      // Moved one way at a time: no transfer within the province while the request is open, asked by the member or the branch.
      const [other] = await systemRows<{ id: number; name: string }>(t.database, sql`select id, name from organizations where type = 'branch' and status = 'active' and path <@ (select path from organizations where id = ${longxi}) order by id limit 1`);
      const within = await own.post('/api/daily-work/portal/transfers', { toOrgId: other!.id, toOrgName: other!.name, reason: '到龙溪镇务工' });
      expect([within.statusCode, within.json().message]).toEqual([409, `${m!.name}有尚未办结的跨省转出申请，办结或撤回后才能办理省内转接`]);
      expect((await s.post('/api/membership/transfers', { personId: m!.id, toOrgId: other!.id, toOrgName: other!.name, reason: '工作调动' })).statusCode).toBe(409);
      expect(await systemRows(t.database, sql`select 1 from transfers where person_id = ${m!.id}`)).toEqual([]);
      // Nor asked for by another township, which cannot see the member (migration 0052): the request is recorded
      // as it would be for anyone, matches nobody, and nothing reaches the member's branch.
      const [who] = await systemRows<{ id_number: string }>(t.database, sql`select id_number from people where id = ${m!.id}`);
      const [far] = await systemRows<{ id: number }>(t.database, sql`select b.id from organizations b join accounts a on a.username = 'longxi_admin'
           join organizations s on s.id = a.scope_org_id where b.type = 'branch' and b.status = 'active' and b.path <@ s.path order by b.id limit 1`);
      const pulled = await (await loginAs(t.app, 'longxi_admin')).post('/api/membership/transfers/incoming', { idNumber: who!.id_number, personName: m!.name, toOrgId: far!.id, reason: '在龙溪镇就业' });
      expect([pulled.statusCode, pulled.json().transfer], pulled.body).toEqual([200, null]);
      expect(await systemRows(t.database, sql`select person_id, from_org_id from transfers where person_name = ${m!.name} and to_org_id = ${far!.id}`)).toEqual([{ person_id: null, from_org_id: null }]);
      expect(await systemRows(t.database, sql`select 1 from transfers where person_id = ${m!.id}`)).toEqual([]);

      // Listed first (open), for the secretary and the county; another township sees none of it.
      const listed = (await s.get('/api/membership/interprovince-transfers')).json();
      expect(listed.items.slice(0, 2).map((i: { personName: string; status: string }) => `${i.personName} ${i.status}`).sort()).toEqual([`${m!.name} requested`, `${n!.name} requested`].sort());
      const county = (await (await loginAs(t.app, 'county_admin')).get('/api/membership/interprovince-transfers')).json();
      expect(county.items.filter((i: { kind: string }) => i.kind === 'request')).toHaveLength(2);
      const longxiAdmin = await loginAs(t.app, 'longxi_admin');
      expect((await longxiAdmin.get('/api/membership/interprovince-transfers')).json().items.filter((i: { kind: string }) => i.kind === 'request')).toEqual([]);
      // Another township's member cannot be named, nor withdrawn.
      expect((await longxiAdmin.post('/api/membership/interprovince-requests', body(m!.id))).statusCode).toBe(404);
      expect((await longxiAdmin.post('/api/membership/interprovince-requests/withdraw', { personId: m!.id })).statusCode).toBe(404);

      const withdrawn = await s.post('/api/membership/interprovince-requests/withdraw', { personId: m!.id });
      expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', personName: m!.name });
      expect((await s.post('/api/membership/interprovince-requests/withdraw', { personId: m!.id })).json().message).toContain('没有待办理的跨省转出申请');

      const audit = await systemRows<{ actor_name: string; action: string; status: string }>(
        t.database,
        sql`select actor_name, action, after->>'status' as status from audit_log where entity = 'interprovince_requests' and entity_id = ${String(asked.json().id)} order by id`,
      );
      expect(audit.map((a) => `${a.action} ${a.status}`)).toEqual(['insert requested', 'update withdrawn']);
      expect(new Set(audit.map((a) => a.actor_name)).size).toBe(1);
      expect(audit[0]!.actor_name).not.toBe('system');
    } finally {
      await systemRows(t.database, sql`delete from system_state where key = 'national'`);
    }
  });
});

describe('跨省转入 decided by the receiving side on its own server', () => {
  /** An 'in' row as the national coordinator writes it at start: pending, the person's record as the sending side keeps it. */
  async function incoming(township: number, name: string, branchId?: number) {
    const [b] = await systemRows<{ id: number; name: string }>(
      t.database,
      branchId
        ? sql`select id, name from organizations where id = ${branchId}`
        : sql`select id, name from organizations where type = 'branch' and status = 'active' and path <@ (select path from organizations where id = ${township}) order by id limit 1`,
    );
    const idNumber = makeIdNumber('2001-03-04', 'female', '530102');
    const person = { name, gender: 'female', id_number: idNumber, birth_date: '2001-03-04', ethnicity: '汉族', education: 'bachelor', political_status: 'league_member',
      member_status: 'active', joined_on: '2015-05-04', member_no: null, is_student: false, occupation: '职员', phone: null };
    const [r] = await systemRows<{ key: string }>(
      t.database,
      sql`insert into interprovince_transfers (key, direction, org_id, person_name, id_number, other_province, other_org_id, person, other_province_name, other_org_name)
          values (gen_random_uuid(), 'in', ${b!.id}, ${name}, ${idNumber}, '53', 9, ${JSON.stringify(person)}::jsonb, '云南省', '昆明市五华区某某社区团支部') returning key::text as key`,
    );
    return { key: r!.key, branch: b!, idNumber };
  }

  test('the township accepts: the member is on its roll at once, in the branch, audited in its name; another township can neither see nor decide it', async () => {
    const x = await incoming(longxi, '跨省丁');
    const b = await loginAs(t.app, 'baini_admin');
    expect((await b.post(`/api/membership/interprovince-transfers/${x.key}/accept`)).statusCode).toBe(404);
    expect((await b.post(`/api/membership/interprovince-transfers/${x.key}/reject`, { reason: '越权退回' })).statusCode).toBe(404);

    const l = await loginAs(t.app, 'longxi_admin');
    const listed = (await l.get('/api/membership/interprovince-transfers')).json();
    expect(listed.items.find((i: { key: string }) => i.key === x.key)).toMatchObject({ direction: 'in', status: 'pending', personId: null, otherProvinceName: '云南省' });
    const accepted = await l.post(`/api/membership/interprovince-transfers/${x.key}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', personName: '跨省丁', orgId: x.branch.id });
    const [p] = await systemRows<{ org_id: number; name: string; member_status: string }>(t.database, sql`select org_id, name, member_status from people where id_number = ${x.idNumber}`);
    expect(p).toEqual({ org_id: x.branch.id, name: '跨省丁', member_status: 'active' });
    expect(accepted.json().personId).toBeGreaterThan(0);
    expect((await l.post(`/api/membership/interprovince-transfers/${x.key}/accept`)).json().message).toBe('该跨省转接已接收');
    const audit = await systemRows<{ entity: string; action: string }>(t.database, sql`select entity, action from audit_log where actor_name = (select display_name from accounts where username = 'longxi_admin') and entity in ('people', 'interprovince_transfers') order by id desc limit 2`);
    expect(audit.map((a) => `${a.entity} ${a.action}`).sort()).toEqual(['interprovince_transfers update', 'people insert']);
  });

  test('the township declines with a reason: nobody is added, the row keeps the reason', async () => {
    const x = await incoming(longxi, '跨省戊');
    const l = await loginAs(t.app, 'longxi_admin');
    expect((await l.post(`/api/membership/interprovince-transfers/${x.key}/reject`, { reason: '' })).statusCode).toBe(400);
    const declined = await l.post(`/api/membership/interprovince-transfers/${x.key}/reject`, { reason: '该支部已撤并，请改转其他支部' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'rejected', decisionNote: '该支部已撤并，请改转其他支部' });
    expect(await systemRows(t.database, sql`select 1 from people where id_number = ${x.idNumber}`)).toEqual([]);
    expect((await l.post(`/api/membership/interprovince-transfers/${x.key}/accept`)).json().message).toBe('该跨省转接已退回');
  });

  test('it is on the receiving branch secretary’s 待办 until decided, and the secretary accepts it', async () => {
    const sec = await loginAs(t.app, 'branch_secretary');
    const branchId = Number((await sec.get('/api/auth/me')).json().account.scopeOrgId);
    const x = await incoming(baini, '跨省己', branchId);
    const waiting = async () =>
      ((await sec.get('/api/inbox')).json().sources as { kind: string; items: { title: string; link: string }[] }[]).filter((s) => s.kind === 'interprovince').flatMap((s) => s.items);
    const [it] = await waiting();
    expect(it).toMatchObject({ title: '跨省己从云南省昆明市五华区某某社区团支部跨省转入，待本组织接收或退回' });
    expect(it!.link).toContain('/membership/transfers');
    expect((await sec.post(`/api/membership/interprovince-transfers/${x.key}/accept`)).statusCode).toBe(200);
    expect(await waiting()).toEqual([]);
  });
});
