import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { insertPerson, makeIdNumber } from '../factories.js';

process.env.TJ_TODAY = '2026-11-20';

let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let countyId: number;
let bainiId: number;
let longxiId: number;
let branchId: number;
let good: number;
let unregistered: number;
let badlyAppraised: number;
let other: number;
let cadreId: number;

async function member(name: string, opts: { registered?: number[]; appraisal?: [number, string] } = {}) {
  const id = (await insertPerson(t.database, { orgId: branchId, memberStatus: 'active', birthDate: '2002-04-04', name })).id;
  for (const year of opts.registered ?? []) {
    await systemRows(t.database, sql`insert into registrations (person_id, org_id, year, status, decided_on) values (${id}, ${branchId}, ${year}, 'registered', ${`${year}-03-01`}) returning id`);
  }
  if (opts.appraisal) {
    await systemRows(t.database, sql`insert into appraisals (person_id, org_id, year, grade) values (${id}, ${branchId}, ${opts.appraisal[0]}, ${opts.appraisal[1]}) returning id`);
  }
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  countyId = await orgId(t.database, '共青团余庆县委员会');
  bainiId = await orgId(t.database, '共青团余庆县白泥镇委员会');
  longxiId = await orgId(t.database, '共青团余庆县龙溪镇委员会');
  branchId = (await baini.post('/api/orgs', { parentId: bainiId, name: '白泥镇评优测试团支部', type: 'branch', sector: 'other', foundedOn: '2010-01-01' })).json().id;
  good = await member('优秀甲', { registered: [2026], appraisal: [2025, 'excellent'] });
  unregistered = await member('未注册乙', { appraisal: [2025, 'qualified'] });
  badlyAppraised = await member('基本合格丙', { registered: [2025], appraisal: [2025, 'basically_qualified'] });
  other = await member('合格丁', { registered: [2026], appraisal: [2025, 'qualified'] });
  const [c] = await systemRows<{ id: number }>(
    t.database,
    sql`insert into cadres (org_id, name, gender, id_number, birth_date, political_status, establishment) values (${branchId}, '王书记', 'female', ${makeIdNumber('1994-04-04', 'female')}, '1994-04-04', '03', 'outside') returning id`,
  );
  cadreId = Number(c!.id);
});
afterAll(() => t?.close());

describe('honors: nomination → eligibility → review → public notice → award', () => {
  let campaignId: number;

  it('the county runs a yearly campaign per honor type', async () => {
    const res = await county.post('/api/org-life/honors/campaigns', { orgId: countyId, honorType: 'excellent_member', year: 2026, title: '2026年度优秀共青团员' });
    expect(res.statusCode, res.body).toBe(200);
    campaignId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'nominating', can: { nominate: true, review: true, publicize: false } });
    expect((await county.post('/api/org-life/honors/campaigns', { orgId: countyId, honorType: 'excellent_member', year: 2026, title: '重复' })).statusCode).toBe(409);
    expect((await county.post('/api/org-life/honors/campaigns', { orgId: branchId, honorType: 'excellent_member', year: 2026, title: '支部评选' })).json().message).toBe('评选由团委（县级、乡镇、基层团委）组织');
    expect((await baini.post('/api/org-life/honors/campaigns', { orgId: countyId, honorType: 'post_expert', year: 2026, title: '越权' })).statusCode).toBe(404);
  });

  it('checks eligibility on nomination and keeps ineligible nominations with their reasons', async () => {
    const nominate = (body: Record<string, unknown>) => county.post(`/api/org-life/honors/campaigns/${campaignId}/nominations`, { orgId: branchId, reason: '思想进步，积极参加志愿服务，表现突出。', ...body });
    expect((await nominate({ personId: good })).statusCode).toBe(200);
    await nominate({ personId: unregistered });
    await nominate({ personId: badlyAppraised });
    const detail = (await nominate({ personId: other })).json();
    const by = Object.fromEntries(detail.items.map((n: { nomineeName: string }) => [n.nomineeName, n]));
    expect(by['优秀甲']).toMatchObject({ status: 'nominated', note: null, nomineeKind: 'person' });
    expect(by['未注册乙']).toMatchObject({ status: 'ineligible', note: '资格审查未通过：未注册乙未完成2025年或2026年团籍注册' });
    expect(by['基本合格丙'].note).toContain('2025年度教育评议为“基本合格”，须为优秀或合格');
    const dup = await nominate({ personId: good });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('该对象已在本次评选中被推荐');
    expect((await nominate({ personId: good, cadreId })).json().message).toBe('请选择一个推荐对象（个人、团干部或组织之一）');
    expect((await nominate({ orgId: longxiId, personId: good })).json().message).toBe('只能推荐共青团余庆县龙溪镇委员会及其下级的对象');
    expect((await baini.post(`/api/org-life/honors/campaigns/${campaignId}/nominations`, { orgId: branchId, personId: good, reason: '推荐理由十个字以上内容' })).statusCode).toBeGreaterThanOrEqual(404);
  });

  it('reviews (rechecking eligibility), publicizes, takes objections, and awards after the notice', async () => {
    const items = (await county.get(`/api/org-life/honors/campaigns/${campaignId}`)).json().items;
    const id = (name: string) => items.find((n: { nomineeName: string }) => n.nomineeName === name).id;
    const early = await county.post(`/api/org-life/honors/campaigns/${campaignId}/publicize`, { from: '2026-11-10' });
    expect(early.json().message).toContain('还有2个推荐未审核');
    expect((await county.post(`/api/org-life/honors/nominations/${id('未注册乙')}/review`, { decision: 'pass', note: '同意' })).json().message).toBe('该推荐不符合条件，不能再审核');
    expect((await county.post(`/api/org-life/honors/nominations/${id('优秀甲')}/review`, { decision: 'pass', note: '事迹突出，同意' })).statusCode).toBe(200);
    // 合格丁 stops being registered before review: the recheck refuses.
    await systemRows(t.database, sql`update registrations set status = 'deferred' where person_id = ${other}`);
    const recheck = await county.post(`/api/org-life/honors/nominations/${id('合格丁')}/review`, { decision: 'pass', note: '同意' });
    expect(recheck.statusCode).toBe(422);
    expect(recheck.json().message).toContain('未完成2025年或2026年团籍注册');
    expect((await county.post(`/api/org-life/honors/nominations/${id('合格丁')}/review`, { decision: 'reject', note: '团籍注册暂缓' })).json().counts).toMatchObject({ reviewed: 1, rejected: 1 });

    const notice = await county.post(`/api/org-life/honors/campaigns/${campaignId}/publicize`, { from: '2026-11-10' });
    expect(notice.statusCode, notice.body).toBe(200);
    expect(notice.json()).toMatchObject({ status: 'publicizing', notice: { from: '2026-11-10', to: '2026-11-14' } });
    expect(notice.json().items.find((n: { id: number }) => n.id === id('优秀甲'))).toMatchObject({ status: 'publicized', note: '事迹突出，同意\n公示期：2026-11-10至2026-11-14' });
    expect((await county.post(`/api/org-life/honors/campaigns/${campaignId}/nominations`, { orgId: branchId, personId: badlyAppraised, reason: '公示期间再推荐一次该同志参评' })).json().message).toContain('不能再推荐');
    const tooEarly = await county.post(`/api/org-life/honors/campaigns/${campaignId}/award`, { awardedOn: '2026-11-14' });
    expect(tooEarly.json().message).toBe('公示期至2026-11-14，公示期满后方可授予');
    const awarded = await county.post(`/api/org-life/honors/campaigns/${campaignId}/award`, { awardedOn: '2026-11-18' });
    expect(awarded.json()).toMatchObject({ status: 'closed', awarded: 1 });
    expect((await county.post(`/api/org-life/honors/campaigns/${campaignId}/award`, { awardedOn: '2026-11-19' })).statusCode).toBe(409);
  });

  it('shows a person’s honors on their record, within scope', async () => {
    const [fn] = await systemRows<{ ok: boolean }>(t.database, sql`select to_regprocedure('tj_honor_campaigns_in_line()') is not null as ok`);
    const honors = (await baini.get(`/api/org-life/honors/of-person/${good}`)).json();
    // The county's campaign is visible to 白泥镇 only through the in-line functions.
    expect(honors).toHaveLength(fn!.ok ? 1 : 0);
    const mine = (await county.get(`/api/org-life/honors/of-person/${good}`)).json();
    expect(mine).toEqual([expect.objectContaining({ honorType: 'excellent_member', year: 2026, status: 'awarded', awardedOn: '2026-11-18', nominatedBy: '白泥镇评优测试团支部' })]);
    expect((await longxi.get(`/api/org-life/honors/of-person/${good}`)).statusCode).toBe(404);
    const xlsx = await county.get(`/api/org-life/honors/campaigns/${campaignId}/export`);
    expect(xlsx.statusCode).toBe(200);
  });

  it('organizations and cadres as nominees; objections during the notice', async () => {
    const flags = (await county.post('/api/org-life/honors/campaigns', { orgId: countyId, honorType: 'may4_red_flag_branch', year: 2026, title: '2026年度五四红旗团支部' })).json();
    // The test branch held no meetings last year (三会两制一课 0%): not eligible.
    const res = await county.post(`/api/org-life/honors/campaigns/${flags.id}/nominations`, { orgId: bainiId, nomineeOrgId: branchId, reason: '组织生活规范，团员作用突出。' });
    expect(res.json().items[0]).toMatchObject({ status: 'ineligible', nomineeKind: 'org', nomineeName: '白泥镇评优测试团支部' });
    expect(res.json().items[0].note).toContain('2025年“三会两制一课”完成率0%，低于80%');
    const wrongKind = await county.post(`/api/org-life/honors/campaigns/${flags.id}/nominations`, { orgId: branchId, personId: other, reason: '推荐个人参评团支部荣誉。' });
    expect(wrongKind.json().items.find((n: { personId: number }) => n.personId === other).note).toContain('推荐对象应为组织');

    const cadres = (await county.post('/api/org-life/honors/campaigns', { orgId: countyId, honorType: 'excellent_cadre', year: 2026, title: '2026年度优秀共青团干部' })).json();
    const noPost = await county.post(`/api/org-life/honors/campaigns/${cadres.id}/nominations`, { orgId: branchId, cadreId, reason: '工作认真负责，成效显著。' });
    expect(noPost.json().items[0].note).toContain('王书记目前未担任团内职务');
    await systemRows(t.database, sql`insert into cadre_posts (cadre_id, org_id, title, employment, start_on) values (${cadreId}, ${branchId}, 'secretary', 'part_time', '2024-01-01') returning id`);
    const cadres2 = (await county.post('/api/org-life/honors/campaigns', { orgId: bainiId, honorType: 'excellent_cadre', year: 2026, title: '白泥镇优秀团干部' })).json();
    const withPost = await county.post(`/api/org-life/honors/campaigns/${cadres2.id}/nominations`, { orgId: branchId, cadreId, reason: '工作认真负责，成效显著。' });
    const n = withPost.json().items[0];
    expect(n).toMatchObject({ status: 'nominated', nomineeKind: 'cadre', nomineeName: '王书记' });
    await county.post(`/api/org-life/honors/nominations/${n.id}/review`, { decision: 'pass', note: '同意' });
    await county.post(`/api/org-life/honors/campaigns/${cadres2.id}/publicize`, { from: '2026-11-19' });
    expect((await baini.get(`/api/org-life/honors/campaigns/${cadres2.id}`)).json().can).toMatchObject({ object: true, review: false });
    const objected = await baini.post(`/api/org-life/honors/nominations/${n.id}/object`, { note: '群众反映材料不实，经核实属实' });
    expect(objected.json().items[0]).toMatchObject({ status: 'rejected' });
    expect(objected.json().items[0].note).toContain('异议成立：群众反映材料不实');
    expect((await longxi.post(`/api/org-life/honors/nominations/${n.id}/object`, { note: '越权异议' })).statusCode).toBe(404);
  });

  it('with the in-line functions, a township nominates into the county’s campaign and sees the honors of its people; decisions stay with the county', async () => {
    const [fn] = await systemRows<{ ok: boolean }>(t.database, sql`select to_regprocedure('tj_honor_campaigns_in_line()') is not null as ok`);
    const campaign = (await county.post('/api/org-life/honors/campaigns', { orgId: countyId, honorType: 'outstanding_youth', year: 2026, title: '2026年度杰出青年' })).json();
    expect(fn!.ok).toBe(true);
    const res = await baini.post(`/api/org-life/honors/campaigns/${campaign.id}/nominations`, { orgId: bainiId, personId: other, reason: '返乡创业带动就业，成效明显。' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ orgName: '共青团余庆县委员会', can: { nominate: true, review: false, publicize: false } });
    const review = await baini.post(`/api/org-life/honors/nominations/${res.json().items[0].id}/review`, { decision: 'pass', note: '自己审核' });
    expect(review.statusCode).toBe(403);
    expect((await baini.get(`/api/org-life/honors/of-person/${good}`)).json()).toEqual([expect.objectContaining({ status: 'awarded', title: '2026年度优秀共青团员' })]);
    // 龙溪镇 sees the county's campaign but none of 白泥镇's nominations.
    const lx = (await longxi.get(`/api/org-life/honors/campaigns/${campaign.id}`)).json();
    expect(lx.items).toEqual([]);
    const list = (await baini.get(`/api/org-life/honors/campaigns?under=${bainiId}&year=2026`)).json();
    expect(list.items.map((c: { id: number }) => c.id)).toContain(campaign.id);
  });
});
