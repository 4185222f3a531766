import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { insertPerson } from '../factories.js';
import { loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { createDailyWorkApp } from './scope-samples-daily-work.js';

/**
 * 数据质量: each check lists what needs fixing in the subtree with the record
 * to open, and its count drops as soon as the record is fixed.
 */
let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let bainiTown: number;
let longxiTown: number;
let unit: number;

type Item = { check: string; target: { kind: string; id: number }; name: string; orgName: string | null; detail: string };
const items = async (s: Session, check: string, under: number) => (await s.get(`/api/daily-work/quality/items?check=${check}&under=${under}&pageSize=500`)).json().items as Item[];
const count = async (s: Session, check: string, under: number) =>
  (await s.get(`/api/daily-work/quality?under=${under}`)).json().checks.find((c: { check: string }) => c.check === check).count as number;

async function newOrg(parentId: number, name: string, type = 'branch', sector = 'other') {
  const res = await county.post('/api/orgs', { parentId, name, type, sector, ...(sector === 'school' ? { schoolStage: 'senior_middle' } : {}) });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().id as number;
}

beforeAll(async () => {
  t = await createDailyWorkApp();
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  bainiTown = await orgId(t.database, '共青团余庆县白泥镇委员会');
  longxiTown = await orgId(t.database, '共青团余庆县龙溪镇委员会');
  unit = await newOrg(bainiTown, '白泥镇质量检查测试公司团总支', 'general_branch');
});
afterAll(() => t?.close());

describe('branch size', () => {
  it('lists branches below the configured size; the count drops when a member is added', async () => {
    const small = await newOrg(unit, '白泥镇质量检查测试公司第一团支部');
    for (const name of ['小支部甲', '小支部乙']) await insertPerson(t.database, { orgId: small, name, memberStatus: 'active' });
    const list = await items(baini, 'branch_too_small', unit);
    expect(list).toEqual([{ check: 'branch_too_small', target: { kind: 'org', id: small }, name: '白泥镇质量检查测试公司第一团支部', orgId: small, orgName: '白泥镇质量检查测试公司团总支', detail: '在册团员2人，少于3人' }]);
    expect(await count(baini, 'branch_too_small', unit)).toBe(1);
    await insertPerson(t.database, { orgId: small, name: '小支部丙', memberStatus: 'active' });
    expect(await count(baini, 'branch_too_small', unit)).toBe(0);
  });

  it('uses the configured limits', async () => {
    const big = await newOrg(unit, '白泥镇质量检查测试公司第二团支部');
    for (let i = 0; i < 6; i++) await insertPerson(t.database, { orgId: big, name: `大支部${i}`, memberStatus: 'active' });
    expect(await count(baini, 'branch_too_large', unit)).toBe(0);
    await systemRows(t.database, sql`insert into rule_settings (section, value) values ('organization', ${JSON.stringify({ branchMinMembers: 3, branchMaxMembers: 5 })}::jsonb)
      on conflict (section) do update set value = excluded.value returning section`);
    try {
      const list = await items(baini, 'branch_too_large', unit);
      expect(list.map((i) => [i.target.id, i.detail])).toEqual([[big, '在册团员6人，多于5人']]);
      const overview = (await baini.get(`/api/daily-work/quality?under=${unit}`)).json();
      expect(overview.checks.find((c: { check: string }) => c.check === 'branch_too_large').label).toBe('团员多于5人的团支部');
    } finally {
      await systemRows(t.database, sql`delete from rule_settings where section = 'organization' returning section`);
    }
  });
});

describe('naming rule', () => {
  it('finds a bare or abbreviated branch name; renaming it to the full name clears it', async () => {
    const grade = await orgId(t.database, '余庆县中学高二年级团总支');
    const abbreviated = await newOrg(grade, '余中高二（19）班团支部', 'branch', 'school');
    const bare = await newOrg(grade, '二十班团支部', 'branch', 'school');
    const list = await items(county, 'org_name', grade);
    expect(list.map((i) => i.name).sort()).toEqual(['二十班团支部', '余中高二（19）班团支部']);
    expect(list.find((i) => i.target.id === bare)!.detail).toBe('团支部：名称只有班级或序号，缺少单位全称');
    expect(list.find((i) => i.target.id === abbreviated)!.detail).toContain('疑似简称');
    const detail = (await county.get(`/api/orgs/${abbreviated}`)).json();
    const renamed = await county.patch(`/api/orgs/${abbreviated}`, { version: detail.version, name: '余庆县中学高二（19）班团支部' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await items(county, 'org_name', grade)).map((i) => i.target.id)).toEqual([bare]);
  });
});

describe('member records', () => {
  it('lists missing and inconsistent fields; fixing them clears the member', async () => {
    const branch = await newOrg(unit, '白泥镇质量检查测试公司第三团支部');
    const p = await insertPerson(t.database, { orgId: branch, name: '缺项团员', memberStatus: 'active', birthDate: '2001-04-05' });
    await systemRows(t.database, sql`update people set phone = null, education = null, birth_date = '2001-04-06', political_status = '13' where id = ${p.id} returning id`);
    const [item] = await items(baini, 'member_fields', branch);
    expect(item).toMatchObject({ target: { kind: 'person', id: p.id }, name: '缺项团员' });
    expect(item!.detail).toBe('缺联系电话；缺学历；出生日期2001-04-06与身份证号（2001-04-05）不一致；政治面貌为“群众”，与在册团员不符');
    await systemRows(t.database, sql`update people set phone = '13985011111', education = '30', birth_date = '2001-04-05', political_status = '03' where id = ${p.id} returning id`);
    expect(await items(baini, 'member_fields', branch)).toEqual([]);
  });
});

describe('people in two places and organizations without a secretary', () => {
  it('finds a cadre record whose ID belongs to a registry person of another township', async () => {
    const branch = await newOrg(unit, '白泥镇质量检查测试公司第四团支部');
    const p = await insertPerson(t.database, { orgId: branch, name: '两处人员', memberStatus: 'active', birthDate: '1998-08-08' });
    const [cadre] = await systemRows<{ id: number }>(
      t.database,
      sql`insert into cadres (org_id, name, gender, id_number, birth_date, political_status, establishment)
          values (${longxiTown}, '两处人员', 'male', ${p.idNumber}, '1998-08-08', '03', 'outside') returning id`,
    );
    const countyView = await items(county, 'two_places', await orgId(t.database, '共青团余庆县委员会'));
    expect(countyView.find((i) => i.name === '两处人员')).toMatchObject({ target: { kind: 'person', id: p.id }, detail: `团干部登记在共青团余庆县龙溪镇委员会，团员/青年名册登记在白泥镇质量检查测试公司第四团支部` });
    // 龙溪镇 sees its cadre and that the person is registered elsewhere, not where.
    const longxiView = await items(longxi, 'two_places', longxiTown);
    expect(longxiView.find((i) => i.name === '两处人员')).toMatchObject({ target: { kind: 'cadre', id: Number(cadre!.id) }, detail: '团干部登记在共青团余庆县龙溪镇委员会，团员/青年名册登记在其他组织（不在您的管理范围内）' });
    expect(JSON.stringify(longxiView)).not.toContain('白泥');
    // Settled: the cadre record belongs to 白泥镇, above the person's branch.
    await systemRows(t.database, sql`update cadres set org_id = ${bainiTown}, person_id = ${p.id} where id = ${cadre!.id} returning id`);
    expect((await items(county, 'two_places', await orgId(t.database, '共青团余庆县委员会'))).find((i) => i.name === '两处人员')).toBeUndefined();
  });

  it('finds a member account left in a branch the member no longer belongs to', async () => {
    const from = await newOrg(unit, '白泥镇质量检查测试公司第五团支部');
    const p = await insertPerson(t.database, { orgId: from, name: '账号留置', memberStatus: 'active' });
    const [acc] = await systemRows<{ id: number }>(
      t.database,
      sql`insert into accounts (username, display_name, password_hash, role, scope_org_id, must_change_password, person_id)
          values ('quality-member-1', '账号留置', '!', 'member', ${from}, false, ${p.id}) returning id`,
    );
    const to = await newOrg(unit, '白泥镇质量检查测试公司第六团支部');
    await systemRows(t.database, sql`update people set org_id = ${to} where id = ${p.id} returning id`);
    const [item] = await items(baini, 'two_places', from);
    expect(item).toMatchObject({ target: { kind: 'account', id: Number(acc!.id) }, detail: '团员账号开在白泥镇质量检查测试公司第五团支部，团籍已在白泥镇质量检查测试公司第六团支部' });
    // Issuing the member a new code moves the account with the member.
    const issued = await baini.post('/api/daily-work/resets/issue', { personIds: [p.id] });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(await items(baini, 'two_places', from)).toEqual([]);
  });

  it('lists organizations without a secretary in post; appointing one clears it', async () => {
    const branch = await newOrg(unit, '白泥镇质量检查测试公司第七团支部');
    expect((await items(baini, 'no_secretary', branch)).map((i) => [i.target.id, i.detail])).toEqual([[branch, '团支部未登记在任书记']]);
    const p = await insertPerson(t.database, { orgId: branch, name: '新书记', memberStatus: 'active', birthDate: '1999-01-01' });
    const [cadre] = await systemRows<{ id: number }>(
      t.database,
      sql`insert into cadres (org_id, person_id, name, gender, id_number, birth_date, political_status, establishment)
          values (${branch}, ${p.id}, '新书记', 'male', ${p.idNumber}, '1999-01-01', '03', 'outside') returning id`,
    );
    await systemRows(t.database, sql`insert into cadre_posts (cadre_id, org_id, title, employment, start_on) values (${cadre!.id}, ${branch}, 'secretary', 'part_time', '2024-01-01') returning id`);
    expect(await items(baini, 'no_secretary', branch)).toEqual([]);
    await systemRows(t.database, sql`update cadre_posts set end_on = '2025-01-01' where cadre_id = ${cadre!.id} returning id`);
    expect(await items(baini, 'no_secretary', branch)).toHaveLength(1);
  });
});

describe('overview, export and scope', () => {
  it('gives every check with its count, exports the list, and refuses another township', async () => {
    const overview = (await baini.get(`/api/daily-work/quality?under=${bainiTown}`)).json();
    expect(overview.checks.map((c: { check: string }) => c.check)).toEqual(['branch_too_small', 'branch_too_large', 'org_name', 'member_fields', 'two_places', 'no_secretary']);
    const all = (await baini.get(`/api/daily-work/quality/items?under=${bainiTown}&pageSize=500`)).json();
    expect(all.total).toBe(overview.checks.reduce((s: number, c: { count: number }) => s + c.count, 0));
    const xlsx = await baini.get(`/api/daily-work/quality/export?under=${bainiTown}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await longxi.get(`/api/daily-work/quality?under=${bainiTown}`)).statusCode).toBe(404);
    expect((await longxi.get(`/api/daily-work/quality/items?under=${bainiTown}&check=member_fields`)).statusCode).toBe(404);
    const own = (await longxi.get('/api/daily-work/quality/items?pageSize=500')).json();
    expect(JSON.stringify(own)).not.toContain('白泥');
  });
});
