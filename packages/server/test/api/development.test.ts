import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { insertPerson } from '../factories.js';

// A fixed "today" so that observation periods, publicity and time limits are reproducible.
process.env.TJ_TODAY = '2026-11-20';
const day = (offset: number) => new Date(Date.parse('2026-11-20T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);

let t: TestContext;
let county: Session;
let baini: Session;
let secretary: Session;
let townshipId: number;
let branchId: number;
let sponsors: number[];

beforeAll(async () => {
  t = await createTestApp();
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  secretary = await loginAs(t.app, 'branch_secretary');
  townshipId = await orgId(t.database, '共青团余庆县白泥镇委员会');
  branchId = (await secretary.get('/api/auth/me')).json().account.scopeOrgId;
  sponsors = [
    (await insertPerson(t.database, { orgId: branchId, memberStatus: 'active', birthDate: '2000-01-01', name: '介绍人甲' })).id,
    (await insertPerson(t.database, { orgId: branchId, memberStatus: 'active', birthDate: '2001-01-01', name: '介绍人乙' })).id,
  ];
});
afterAll(() => t?.close());

const step = (s: Session, caseId: number, body: Record<string, unknown>) => s.post(`/api/development/cases/${caseId}/steps`, { actor: '张书记', ...body });

async function applicant(name: string, birthDate = '2008-03-01') {
  return (await insertPerson(t.database, { orgId: branchId, birthDate, name, gender: 'female' })).id;
}

/** Runs a case up to (not including) approval, with valid data at each step. */
async function toBranchMeeting(name: string, offset = 0) {
  const personId = await applicant(name);
  const started = await secretary.post('/api/development/cases', { personId, application: { actedOn: day(-200 + offset), actor: name } });
  expect(started.statusCode, started.body).toBe(200);
  const id = started.json().id;
  const steps: Record<string, unknown>[] = [
    { step: 'recommendation', actedOn: day(-190 + offset), kind: 'member' },
    { step: 'activist', actedOn: day(-180 + offset), contactMemberId: sponsors[0] },
    { step: 'training', actedOn: day(-170 + offset), hours: 8 },
    { step: 'candidate', actedOn: day(-60 + offset) },
    { step: 'application_form', actedOn: day(-40 + offset), sponsorIds: sponsors },
    { step: 'branch_meeting', actedOn: day(-20 + offset), entitled: 20, present: 15, votesFor: 14 },
  ];
  for (const b of steps) {
    const r = await step(secretary, id, b);
    expect(r.statusCode, `${b.step}: ${r.body}`).toBe(200);
  }
  return id as number;
}

describe('the development pipeline', () => {
  it('walks one person from application to oath, refusing every out-of-rule step on the way', async () => {
    const personId = await applicant('陈入团');
    const tooYoung = await insertPerson(t.database, { orgId: branchId, birthDate: '2013-01-01', name: '年龄小' });
    const young = await secretary.post('/api/development/cases', { personId: tooYoung.id, application: { actedOn: day(-200), actor: '年龄小' } });
    expect(young.statusCode).toBe(422);
    expect(young.json().message).toContain('14周岁以上');

    const started = (await secretary.post('/api/development/cases', { personId, application: { actedOn: day(-200), actor: '陈入团' } })).json();
    expect(started).toMatchObject({ stage: 'application', next: { step: 'recommendation' } });
    const id = started.id;

    const outOfOrder = await step(secretary, id, { step: 'candidate', actedOn: day(-100) });
    expect(outOfOrder.statusCode).toBe(422);
    expect(outOfOrder.json().message).toContain('请先完成“推优入团/团员推荐”');

    expect((await step(secretary, id, { step: 'recommendation', actedOn: day(-190), kind: 'member' })).statusCode).toBe(200);
    const noContact = await step(secretary, id, { step: 'activist', actedOn: day(-180), contactMemberId: personId });
    expect(noContact.json().message).toContain('培养联系人须为正式团员');
    expect((await step(secretary, id, { step: 'activist', actedOn: day(-180), contactMemberId: sponsors[0] })).statusCode).toBe(200);
    expect((await step(secretary, id, { step: 'training', actedOn: day(-170), hours: 4 })).statusCode).toBe(200);

    const shortHours = await step(secretary, id, { step: 'candidate', actedOn: day(-60) });
    expect(shortHours.json().message).toContain('团课学时不足：已学4学时，至少需要8学时');
    expect((await step(secretary, id, { step: 'training', actedOn: day(-160), hours: 4 })).statusCode).toBe(200);
    const tooSoon = await step(secretary, id, { step: 'candidate', actedOn: day(-155) });
    expect(tooSoon.json().message).toContain('考察期不足3个月');
    const cand = await step(secretary, id, { step: 'candidate', actedOn: day(-60) });
    expect(cand.statusCode).toBe(200);
    expect(cand.json().trainingHours).toBe(8);

    const publicity = await step(secretary, id, { step: 'application_form', actedOn: day(-58), sponsorIds: sponsors });
    expect(publicity.json().message).toContain('公示5个工作日');
    const badSponsor = await step(secretary, id, { step: 'application_form', actedOn: day(-40), sponsorIds: [sponsors[0], personId] });
    expect(badSponsor.json().message).toContain('申请人不能做自己的入团介绍人');
    const oneSponsor = await step(secretary, id, { step: 'application_form', actedOn: day(-40), sponsorIds: [sponsors[0]] });
    expect(oneSponsor.json().message).toContain('需要2名入团介绍人');
    expect((await step(secretary, id, { step: 'application_form', actedOn: day(-40), sponsorIds: sponsors })).statusCode).toBe(200);

    const noQuorum = await step(secretary, id, { step: 'branch_meeting', actedOn: day(-20), entitled: 20, present: 10, votesFor: 10 });
    expect(noQuorum.json().message).toContain('到会有表决权的团员须超过半数');
    const fewVotes = await step(secretary, id, { step: 'branch_meeting', actedOn: day(-20), entitled: 20, present: 15, votesFor: 9 });
    expect(fewVotes.json().message).toContain('赞成票须超过');
    expect((await step(secretary, id, { step: 'branch_meeting', actedOn: day(-20), entitled: 20, present: 15, votesFor: 14 })).statusCode).toBe(200);

    const selfApproval = await step(secretary, id, { step: 'approval', actedOn: day(-5) });
    expect(selfApproval.statusCode).toBe(403);
    const approved = await step(baini, id, { step: 'approval', actedOn: day(-5), actor: '白泥镇团委书记' });
    expect(approved.statusCode, approved.body).toBe(200);
    const memberNo = approved.json().memberNo as string;
    expect(memberNo).toMatch(/^202652\d{6}$/); // 发展团员编号: year + province (52) + sequence
    const person = (await baini.get(`/api/people/${personId}`)).json();
    expect(person).toMatchObject({ memberStatus: 'active', memberNo, joinedOn: day(-5), politicalStatus: '03' });

    const oath = await step(secretary, id, { step: 'oath', actedOn: day(-1) });
    expect(oath.json()).toMatchObject({ status: 'admitted', stage: 'oath', next: { step: null } });
    expect((await step(secretary, id, { step: 'oath', actedOn: day(0) })).json().message).toContain('已结束');
  });

  it('refuses approval beyond the quota at any level, and quotas cannot exceed the level above', async () => {
    const quotas = (await county.get(`/api/development/quotas?orgId=${townshipId}&year=2026`)).json();
    // Shrink the township's quota to what it has already used: the next approval must fail.
    const used = quotas.org.used as number;
    expect((await county.put('/api/development/quotas', { orgId: townshipId, year: 2026, amount: used })).statusCode).toBe(200);
    const id = await toBranchMeeting('指标外');
    const refused = await step(baini, id, { step: 'approval', actedOn: day(-5) });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('发展指标');
    expect(refused.json().message).toContain('已用完');
    const detail = (await baini.get(`/api/development/cases/${id}`)).json();
    expect(detail.next.blockers.join()).toContain('已用完');

    const countyId = await orgId(t.database, '共青团余庆县委员会');
    const countyQuota = (await county.get(`/api/development/quotas?orgId=${countyId}&year=2026`)).json();
    const tooMuch = await county.put('/api/development/quotas', { orgId: townshipId, year: 2026, amount: countyQuota.org.quota + 1 });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().message).toContain('超出');
    expect((await baini.put('/api/development/quotas', { orgId: townshipId, year: 2026, amount: 99 })).statusCode).toBe(403);
    expect((await county.put('/api/development/quotas', { orgId: townshipId, year: 2026, amount: used - 1 })).json().message).toContain('不能少于已审批人数');

    await county.put('/api/development/quotas', { orgId: townshipId, year: 2026, amount: used + 5 });
    // A quota this small also makes the meetings of the last days a burst: the county reviews first.
    if ((await baini.get(`/api/development/cases/${id}`)).json().flags.length) {
      expect((await county.post(`/api/development/cases/${id}/review-flags`, { decision: 'accept', note: '已核实' })).statusCode).toBe(200);
    }
    const approved = await step(baini, id, { step: 'approval', actedOn: day(-5) });
    expect(approved.statusCode, approved.body).toBe(200);
  });

  it('flags a burst of branch meetings for the county, which must review it before approval', async () => {
    const countyId = await orgId(t.database, '共青团余庆县委员会');
    const q = (await county.get(`/api/development/quotas?orgId=${townshipId}&year=2026`)).json();
    // Meetings within the window beyond half of the quota (rules.development.burstShareOfQuota) are a burst.
    const quota = q.org.used + 2;
    await county.put('/api/development/quotas', { orgId: townshipId, year: 2026, amount: quota });
    const allowed = Math.max(1, Math.floor(quota * 0.5));
    let second = 0;
    for (let i = 0; i <= allowed; i++) second = await toBranchMeeting(`突击${i}`, 10 + i);
    const flagged = (await baini.get(`/api/development/cases/${second}`)).json();
    expect(flagged.flags.join()).toContain('突击发展预警');
    expect((await step(baini, second, { step: 'approval', actedOn: day(-4) })).json().message).toContain('县级团委复核');
    expect((await baini.post(`/api/development/cases/${second}/review-flags`, { decision: 'accept', note: '已核实' })).statusCode).toBe(403);
    const reviewed = await county.post(`/api/development/cases/${second}/review-flags`, { decision: 'accept', note: '经核实，程序规范' });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json().flagsReviewedBy).toContain('经核实');
    expect((await step(baini, second, { step: 'approval', actedOn: day(-4) })).statusCode).toBe(200);
    void countyId;
  });

  it('caps members in a graduating class', async () => {
    const school = await orgId(t.database, '余庆县白泥镇中学团总支');
    const cls = (await baini.post('/api/orgs', { parentId: school, name: '白泥镇中学九年级（9）班团支部', type: 'branch', sector: 'school', schoolStage: 'junior_middle' })).json();
    await t.database.db.execute(sql`update organizations set graduation_year = 2027 where id = ${cls.id}`);
    await insertPerson(t.database, { orgId: cls.id, memberStatus: 'active', isStudent: true, birthDate: '2011-05-01', name: '班团员' });
    for (let i = 0; i < 2; i++) await insertPerson(t.database, { orgId: cls.id, isStudent: true, birthDate: '2011-06-01', name: `班同学${i}` });
    const s1 = (await insertPerson(t.database, { orgId: branchId, memberStatus: 'active', birthDate: '2000-02-02' })).id;
    const personId = (await insertPerson(t.database, { orgId: cls.id, isStudent: true, birthDate: '2011-07-01', name: '毕业班申请人', gender: 'female' })).id;
    // 4 students, 1 member: admitting one more makes 50% > 30%.
    const c = (await baini.post('/api/development/cases', { personId, application: { actedOn: day(-200), actor: '毕业班申请人' } })).json();
    for (const b of [
      { step: 'recommendation', actedOn: day(-190), kind: 'pioneer' },
      { step: 'activist', actedOn: day(-180), contactMemberId: s1 },
      { step: 'training', actedOn: day(-170), hours: 8 },
      { step: 'candidate', actedOn: day(-60) },
      { step: 'application_form', actedOn: day(-40), sponsorIds: [s1, sponsors[0]] },
      { step: 'branch_meeting', actedOn: day(-20), entitled: 3, present: 3, votesFor: 3 },
    ]) expect((await step(baini, c.id, b)).statusCode).toBe(200);
    await county.put('/api/development/quotas', { orgId: townshipId, year: 2026, amount: 500 });
    const detail = (await county.get(`/api/development/cases/${c.id}`)).json();
    if (detail.flags.length) await county.post(`/api/development/cases/${c.id}/review-flags`, { decision: 'accept', note: '复核' });
    const refused = await step(county, c.id, { step: 'approval', actedOn: day(-5) });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('毕业年级团员比例上限为30%');
  });

  it('reports the funnel and lists cases by stage within scope', async () => {
    const f = (await baini.get(`/api/stats/development-funnel?orgId=${townshipId}&year=2026`)).json();
    expect(f.stages).toHaveLength(9);
    expect(f.admitted).toBeGreaterThan(0);
    const list = (await baini.get('/api/development/cases?stage=branch_meeting')).json();
    for (const c of list.items) expect(c.stage).toBe('branch_meeting');
    const longxi = await loginAs(t.app, 'longxi_admin');
    const theirs = (await longxi.get('/api/development/cases?status=admitted&pageSize=200')).json();
    expect(JSON.stringify(theirs)).not.toContain('陈入团');
  });
});
