import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { makeIdNumber } from '../factories.js';
import { addDays, ensureCadreDemo, todayCn, township } from './scope-samples-cadres.js';

/* The election (换届) and selection (选配) workflow, step by step, with its refusals. */

let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let secretary: Session;
let branchId: number;
let bainiId: number;
const today = todayCn();
const year = Number(today.slice(0, 4));
const day = (n: number) => addDays(today, -n);

beforeAll(async () => {
  t = await createTestApp();
  await ensureCadreDemo(t);
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  secretary = await loginAs(t.app, 'branch_secretary');
  branchId = (await secretary.get('/api/auth/me')).json().account.scopeOrgId;
  bainiId = await orgId(t.database, township('白泥镇'));
});
afterAll(() => t?.close());

let serial = 0;
async function newCadre(s: Session, orgIdValue: number, over: Record<string, unknown> = {}): Promise<number> {
  const age = (over.age as number) ?? 27;
  const birth = `${year - age}-0${1 + (serial++ % 9)}-1${serial % 9}`;
  const { age: _a, ...rest } = over;
  const res = await s.post('/api/cadres', {
    orgId: orgIdValue,
    name: `人选${serial}`,
    gender: 'female',
    idNumber: makeIdNumber(birth, 'female'),
    ethnicity: '01',
    education: '30',
    politicalStatus: '03',
    workUnit: '村委会',
    establishment: 'outside',
    civilServant: false,
    localResident: true,
    ...rest,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

const step = (s: Session, id: number, body: Record<string, unknown>) => s.post(`/api/elections/${id}/steps`, { actor: '李明', ...body });

describe('an election of a branch committee, from plan to approved posts', () => {
  let electionId: number;
  const c: Record<string, number> = {};
  const cand: Record<string, number> = {};

  it('plans the election (one at a time, dates not in the future)', async () => {
    const body = {
      orgId: branchId,
      kind: 'election',
      title: '村团支部委员会换届选举',
      plannedOn: day(30),
      seats: [
        { title: 'secretary', employment: 'part_time', seats: 1 },
        { title: 'organization_member', employment: 'part_time', seats: 1 },
        { title: 'member', employment: 'part_time', seats: 1 },
      ],
      actor: '李明',
    };
    expect((await secretary.post('/api/elections', { ...body, plannedOn: addDays(today, 1) })).json().message).toContain('方案日期不能晚于今天');
    expect((await secretary.post('/api/elections', { ...body, seats: [{ title: 'secretary', employment: 'part_time', seats: 2 }] })).json().message).toContain('书记只能设1名');
    const res = await secretary.post('/api/elections', body);
    expect(res.statusCode, res.body).toBe(200);
    electionId = res.json().id;
    expect(res.json()).toMatchObject({ stage: 'plan', status: 'in_progress', seatsTotal: 3, differentialMinimum: 4, next: { step: 'recommendation' } });
    expect(res.json().can).toMatchObject({ addCandidates: true, approve: false });
    expect((await secretary.post('/api/elections', body)).json().message).toContain('已有进行中的换届选举或选配');
  });

  it('recommendation: 民主推荐 + 自荐 must reach the configured share', async () => {
    c.sec = await newCadre(secretary, branchId, { politicalStatus: '01', education: '20' });
    c.org = await newCadre(secretary, branchId);
    c.dem = await newCadre(secretary, branchId);
    c.self = await newCadre(secretary, branchId, { age: 37, politicalStatus: '01' });
    c.masses = await newCadre(secretary, branchId, { politicalStatus: '13' });
    const add = (cadreId: number, source: string, postTitle: string) => secretary.post(`/api/elections/${electionId}/candidates`, { cadreId, source, postTitle });
    expect((await add(c.sec!, 'organization', 'secretary')).statusCode).toBe(200);
    expect((await add(c.org!, 'organization', 'organization_member')).statusCode).toBe(200);
    expect((await add(c.org!, 'organization', 'organization_member')).json().message).toContain('已是“组织委员”人选');
    expect((await add(c.dem!, 'democratic', 'propaganda_member')).json().message).toContain('方案中没有“宣传委员”职务');
    const elsewhere = (await systemRows<{ id: number }>(t.database, sql`select c.id from cadres c where c.org_id = ${bainiId} order by c.id limit 1`))[0]!;
    expect((await baini.post(`/api/elections/${electionId}/candidates`, { cadreId: elsewhere.id, source: 'democratic', postTitle: 'member' })).json().message).toContain('档案登记在');
    const early = await step(secretary, electionId, { step: 'recommendation', actedOn: day(25) });
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toContain('民主推荐和个人自荐人选占0%，低于40%');
    expect(early.json().message).toContain('委员应有1名，人选只有0名');
    await add(c.dem!, 'democratic', 'member');
    await add(c.self!, 'self', 'member');
    const last = await add(c.masses!, 'democratic', 'member');
    expect(last.json().democraticShare).toBeCloseTo(0.6);
    expect((await step(secretary, electionId, { step: 'qualification', actedOn: day(25) })).json().message).toContain('请先完成“人选推荐”');
    const done = await step(secretary, electionId, { step: 'recommendation', actedOn: day(25) });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().can).toMatchObject({ addCandidates: false, qualify: true });
    expect((await add(await newCadre(secretary, branchId), 'self', 'member')).json().message).toContain('人选推荐已结束');
    for (const x of done.json().candidateList) cand[Object.keys(c).find((k) => c[k] === x.cadreId)!] = x.id;
  });

  it('qualification: age, residence and political status are checked; every candidate decided', async () => {
    const q = (id: number, body: Record<string, unknown>) => secretary.post(`/api/election-candidates/${id}/qualification`, body);
    expect((await step(secretary, electionId, { step: 'qualification', actedOn: day(20) })).json().message).toContain('还有5名人选未完成资格审查');
    expect((await q(cand.masses!, { qualified: true })).json().message).toContain('政治面貌为群众');
    expect((await q(cand.masses!, { qualified: false })).json().message).toContain('请填写理由');
    expect((await q(cand.masses!, { qualified: false, note: '政治面貌为群众，不符合条件' })).statusCode).toBe(200);
    expect((await q(cand.self!, { qualified: true })).json().message).toContain('须说明特殊情况');
    const ok = await q(cand.self!, { qualified: true, ageExceptionReason: '返乡创业带头人，群众基础好' });
    expect(ok.json().candidateList.find((x: { id: number }) => x.id === cand.self).qualificationNote).toContain('年龄放宽');
    for (const k of ['sec', 'org', 'dem']) expect((await q(cand[k]!, { qualified: true })).statusCode).toBe(200);
    const done = await step(secretary, electionId, { step: 'qualification', actedOn: day(20) });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ finalCount: 4, democraticShare: 0.5 });
    expect((await q(cand.dem!, { qualified: false, note: '改变主意' })).json().message).toContain('资格审查已结束');
    // 考试考察 is a step of 选配 only: an election goes straight on to 党委研究.
    expect(done.json().next.step).toBe('party_decision');
    expect(done.json().assessmentComponents).toEqual([]);
    expect((await step(secretary, electionId, { step: 'assessment', actedOn: day(15) })).json().message).toContain('换届选举没有“考试考察”这一步');
    expect((await step(secretary, electionId, { step: 'party_decision', actedOn: day(15), note: '村党支部研究同意' })).statusCode).toBe(200);
  });

  it('public notice for the configured days; objections are recorded and must be resolved before the vote', async () => {
    expect((await step(secretary, electionId, { step: 'notice', actedOn: day(14), noticeFrom: day(16) })).json().message).toContain('公示不能早于党委研究');
    const n = await step(secretary, electionId, { step: 'notice', actedOn: day(14), noticeFrom: day(14) });
    expect(n.json()).toMatchObject({ stage: 'notice', noticeFrom: day(14), noticeTo: day(10), publicNoticeDays: 5, next: { step: 'vote', earliestOn: day(9) } });
    const notice = (await secretary.get(`/api/elections/${electionId}/document?kind=notice`)).json();
    expect(notice.title).toContain('候选人预备人选的公示');
    expect(notice.text).toContain('人选');
    expect(notice.text).toContain('（5天）');
    expect(notice.html).toMatch(/^<!doctype html>/);
    const objection = await secretary.post(`/api/election-candidates/${cand.dem}/objection`, { receivedOn: day(12), text: '反映其长期外出务工，不能履职' });
    expect(objection.json().candidateList.find((x: { id: number }) => x.id === cand.dem).objectionState).toBe('pending');
    expect((await secretary.post(`/api/election-candidates/${cand.dem}/objection`, { receivedOn: day(5), text: '过期异议' })).json().message).toContain('须在公示期内');
    expect((await secretary.post(`/api/election-candidates/${cand.masses}/objection`, { receivedOn: day(12), text: '未公示的人' })).json().message).toContain('不在公示的人选名单中');
    const blocked = await step(secretary, electionId, { step: 'vote', actedOn: day(5), entitled: 30, present: 28, ballotsIssued: 28, ballotsReturned: 28 });
    expect(blocked.json().message).toContain('公示异议尚未核实处理');
    const resolved = await secretary.post(`/api/election-candidates/${cand.dem}/objection-resolution`, { actedOn: day(9), upheld: false, finding: '经走访核实，本人已返乡工作', actor: '李明' });
    expect(resolved.json().candidateList.find((x: { id: number }) => x.id === cand.dem).objectionState).toBe('dismissed');
    expect((await secretary.post(`/api/election-candidates/${cand.dem}/objection-resolution`, { actedOn: day(9), upheld: false, finding: '再次', actor: '李明' })).json().message).toContain('没有待核实的异议');
  });

  it('vote: quorum, ballots, every standing candidate counted, ties re-voted', async () => {
    const ids = [cand.sec!, cand.org!, cand.dem!, cand.self!];
    const vote = (over: Record<string, unknown>) =>
      step(secretary, electionId, { step: 'vote', actedOn: day(5), entitled: 30, present: 28, ballotsIssued: 28, ballotsReturned: 28, invalidBallots: 1, candidateIds: ids, votes: [27, 25, 20, 12], ...over });
    expect((await vote({ present: 24 })).json().message).toContain('五分之四');
    expect((await vote({ ballotsReturned: 29, ballotsIssued: 28 })).json().message).toContain('收回选票多于发出选票');
    expect((await vote({ candidateIds: ids.slice(0, 3), votes: [27, 25, 20] })).json().message).toContain('的得票数');
    expect((await vote({ candidateIds: [...ids, cand.masses!], votes: [27, 25, 20, 12, 3] })).json().message).toContain('不是正式候选人');
    expect((await vote({ votes: [27, 25, 20, 20] })).json().message).toContain('应就票数相等的候选人再次投票');
    expect((await vote({ votes: [27, 25] })).json().message).toContain('个数不一致');
    const ok = await vote({});
    expect(ok.statusCode, ok.body).toBe(200);
    const elected = ok.json().candidateList.filter((x: { elected: boolean }) => x.elected).map((x: { id: number }) => x.id);
    expect(elected.sort()).toEqual([cand.sec, cand.org, cand.dem].sort());
    expect(ok.json().next.step).toBe('approval');
    expect(ok.json().can.approve).toBe(false);
    const ballot = (await secretary.get(`/api/elections/${electionId}/document?kind=ballot`)).json();
    expect(ballot.text).toContain('应选3名');
    expect(ballot.text).toContain('画“○”');
    const minutes = (await secretary.get(`/api/elections/${electionId}/document?kind=minutes`)).json();
    expect(minutes.text).toContain('实到28人');
    expect(minutes.text).toContain('当选');
  });

  it('approval belongs to the committee above, then posts and the term are updated', async () => {
    const before = (await baini.get(`/api/cadres/composition?orgId=${branchId}`)).json();
    const oldSecretary = before.holders.find((h: { title: string }) => h.title === 'secretary');
    const own = await secretary.post(`/api/elections/${electionId}/approve`, { actedOn: today, actor: '李明' });
    expect(own.statusCode).toBe(403);
    expect((await longxi.post(`/api/elections/${electionId}/approve`, { actedOn: today, actor: '王五' })).statusCode).toBe(404);
    expect((await baini.get(`/api/elections/${electionId}`)).json().can.approve).toBe(true);
    const ok = await baini.post(`/api/elections/${electionId}/approve`, { actedOn: today, actor: '白泥镇团委', note: '同意' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'completed', stage: 'approval', next: { step: null } });
    const after = (await baini.get(`/api/cadres/composition?orgId=${branchId}`)).json();
    expect(after.holders.map((h: { cadreId: number; title: string; source: string; electionId: number }) => [h.cadreId, h.title, h.source, h.electionId])).toEqual([
      [c.sec, 'secretary', 'election', electionId],
      [c.org, 'organization_member', 'election', electionId],
      [c.dem, 'member', 'election', electionId],
    ]);
    expect(after.violations.filter((v: { severity: string }) => v.severity === 'error')).toEqual([]);
    if (oldSecretary) {
      const history = (await baini.get(`/api/cadres/${oldSecretary.cadreId}`)).json().history;
      expect(history.find((p: { orgId: number; title: string }) => p.orgId === branchId && p.title === 'secretary')).toMatchObject({ endOn: today, endReason: '换届' });
    }
    const terms = (await baini.get(`/api/cadres/terms?under=${bainiId}`)).json();
    expect(terms.items.find((x: { orgId: number }) => x.orgId === branchId)).toMatchObject({ status: 'current', startedOn: today, lengthYears: 3 });
    expect((await step(secretary, electionId, { step: 'vote', actedOn: today })).json().message).toContain('已完成');
    expect((await secretary.post(`/api/elections/${electionId}/cancel`, { reason: '测试', actor: '李明' })).statusCode).toBe(409);
    const minutes = (await secretary.get(`/api/elections/${electionId}/document?kind=minutes`)).json();
    expect(minutes.text).toContain('经上级团委批准');
  });
});

describe('the township election under way in the demo (白泥镇)', () => {
  it('cannot be approved by 白泥镇 itself; the county approves and a new term starts', async () => {
    const list = (await baini.get(`/api/elections?under=${bainiId}&status=in_progress&kind=election`)).json();
    const e = list.items.find((x: { orgId: number }) => x.orgId === bainiId);
    expect(e).toMatchObject({ stage: 'notice', nextStep: 'vote' });
    const detail = (await baini.get(`/api/elections/${e.id}`)).json();
    expect(detail.next.blockers.join()).toContain('公示');
    // Move the notice into the past (as if days had passed).
    await systemRows(t.database, sql`update elections set notice_from = ${day(8)}, notice_to = ${day(4)} where id = ${e.id}`);
    await systemRows(t.database, sql`update election_steps set acted_on = ${day(8)} where election_id = ${e.id} and step = 'notice'`);
    await systemRows(t.database, sql`update election_steps set acted_on = ${day(6)} where election_id = ${e.id} and step = 'objection'`);
    const pending = detail.candidateList.find((x: { objectionState: string }) => x.objectionState === 'pending');
    expect((await baini.post(`/api/election-candidates/${pending.id}/objection-resolution`, { actedOn: day(3), upheld: false, finding: '经核实已结清货款', actor: '白泥镇团委' })).statusCode).toBe(200);
    const standing = detail.candidateList.filter((x: { qualified: boolean }) => x.qualified);
    expect(standing).toHaveLength(6);
    const votes = standing.map((x: { postTitle: string }, i: number) => (x.postTitle === 'member' ? 80 - i * 5 : 90));
    const vote = await step(baini, e.id, { step: 'vote', actedOn: day(2), entitled: 100, present: 95, ballotsIssued: 95, ballotsReturned: 95, candidateIds: standing.map((x: { id: number }) => x.id), votes });
    expect(vote.statusCode, vote.body).toBe(200);
    expect(vote.json().can.approve).toBe(false);
    const self = await baini.post(`/api/elections/${e.id}/approve`, { actedOn: today, actor: '白泥镇团委' });
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toContain('本组织不能自行批准');
    expect((await county.get(`/api/elections/${e.id}`)).json().can.approve).toBe(true);
    const ok = await county.post(`/api/elections/${e.id}/approve`, { actedOn: today, actor: '共青团余庆县委员会' });
    expect(ok.statusCode, ok.body).toBe(200);
    const comp = (await county.get(`/api/cadres/composition?orgId=${bainiId}`)).json();
    expect(comp.counts).toMatchObject({ secretaries: 1, partTimeDeputies: 1, members: 3 });
    expect(comp.holders.every((h: { electionId: number }) => h.electionId === e.id)).toBe(true);
    const term = (await county.get(`/api/cadres/terms?under=${bainiId}&orgType=township`)).json().items[0];
    expect(term).toMatchObject({ status: 'current', startedOn: today, electionInProgress: null });
  });
});

describe('selection of part-time cadres (选配)', () => {
  it('has the same checks and notice, no vote, and adds posts without a new term', async () => {
    const [target] = await systemRows<{ id: number }>(
      t.database,
      sql`select o.id from organizations o where o.parent_id = ${bainiId} and o.type = 'branch' and o.sector = 'community'
            and exists (select 1 from cadre_posts p where p.org_id = o.id and p.title = 'secretary' and p.end_on is null)
            and not exists (select 1 from cadre_posts p where p.org_id = o.id and p.title <> 'secretary' and p.end_on is null) order by o.id limit 1`,
    );
    const org = Number(target!.id);
    const termBefore = (await baini.get(`/api/cadres/terms?under=${org}`)).json().items[0];
    const plan = await baini.post('/api/elections', { orgId: org, kind: 'selection', title: '社区团支部兼职宣传委员选配', plannedOn: day(20), seats: [{ title: 'propaganda_member', employment: 'part_time', seats: 1 }], actor: '白泥镇团委' });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json().differentialMinimum).toBeNull();
    const id = plan.json().id;
    const a = await newCadre(baini, org, { politicalStatus: '03' });
    const b = await newCadre(baini, org, { politicalStatus: '01' });
    await baini.post(`/api/elections/${id}/candidates`, { cadreId: a, source: 'self', postTitle: 'propaganda_member' });
    const d = (await baini.post(`/api/elections/${id}/candidates`, { cadreId: b, source: 'democratic', postTitle: 'propaganda_member' })).json();
    expect((await step(baini, id, { step: 'recommendation', actedOn: day(18) })).statusCode).toBe(200);
    const [ca, cb] = d.candidateList.map((x: { id: number }) => x.id);
    await baini.post(`/api/election-candidates/${ca}/qualification`, { qualified: true });
    await baini.post(`/api/election-candidates/${cb}/qualification`, { qualified: true });
    expect((await step(baini, id, { step: 'qualification', actedOn: day(16) })).json().message).toContain('请确定拟任人选');
    await baini.post(`/api/election-candidates/${cb}/qualification`, { qualified: false, note: '党委研究另行安排' });
    const qualified = await step(baini, id, { step: 'qualification', actedOn: day(16) });
    expect(qualified.statusCode).toBe(200);
    // 考试考察 (rules: 笔试、面试、演讲、考察) comes before 党委研究, for every standing candidate.
    expect(qualified.json()).toMatchObject({ next: { step: 'assessment' }, assessmentComponents: ['written', 'interview', 'speech', 'inspection'] });
    expect((await step(baini, id, { step: 'party_decision', actedOn: day(15) })).json().message).toContain('请先完成“考试考察”');
    const missing = await step(baini, id, { step: 'assessment', actedOn: day(15), candidateIds: [ca], assessments: [{ written: 82, interview: 90, inspection: '合格' }] });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().fields).toEqual([expect.objectContaining({ field: 'assessments' })]);
    expect(missing.json().message).toContain('请填写');
    expect(missing.json().message).toContain('演讲成绩');
    expect((await step(baini, id, { step: 'assessment', actedOn: day(15), candidateIds: [ca, cb], assessments: [{ written: 1 }] })).json().message).toContain('个数不一致');
    const assessed = await step(baini, id, { step: 'assessment', actedOn: day(15), candidateIds: [ca], assessments: [{ written: 82, interview: 90, speech: 86, inspection: '优秀', inspectionNote: '群众基础好' }] });
    expect(assessed.statusCode, assessed.body).toBe(200);
    expect(assessed.json().candidateList.find((x: { id: number }) => x.id === ca).assessment).toMatchObject({ written: 82, interview: 90, speech: 86, inspection: '优秀', total: 86 });
    expect(assessed.json().candidateList.find((x: { id: number }) => x.id === cb).assessment).toBeNull();
    expect((await step(baini, id, { step: 'party_decision', actedOn: day(15) })).statusCode).toBe(200);
    expect((await step(baini, id, { step: 'notice', actedOn: day(14), noticeFrom: day(14) })).statusCode).toBe(200);
    expect((await step(baini, id, { step: 'vote', actedOn: day(5), entitled: 10, present: 9, ballotsIssued: 9, ballotsReturned: 9 })).json().message).toContain('选配没有“选举大会投票”这一步');
    expect((await baini.get(`/api/elections/${id}/document?kind=ballot`)).json().message).toContain('选配不进行投票');
    expect((await baini.get(`/api/elections/${id}/document?kind=notice`)).json().title).toContain('拟任人选的公示');
    const ok = await baini.post(`/api/elections/${id}/approve`, { actedOn: today, actor: '白泥镇团委' });
    expect(ok.statusCode, ok.body).toBe(200);
    const comp = (await baini.get(`/api/cadres/composition?orgId=${org}`)).json();
    expect(comp.holders.map((h: { title: string; source: string }) => [h.title, h.source])).toEqual([
      ['secretary', expect.any(String)],
      ['propaganda_member', 'selection'],
    ]);
    const termAfter = (await baini.get(`/api/cadres/terms?under=${org}`)).json().items[0];
    expect(termAfter.termId).toBe(termBefore.termId);
  });

  it('the demo county\'s completed selection (敖溪镇) shows its 考试考察 in the steps and the candidates', async () => {
    const e = (await county.get('/api/elections?kind=selection&status=completed&pageSize=100')).json().items.find((x: { title: string }) => x.title === '敖溪镇团委兼职委员选配');
    const d = (await county.get(`/api/elections/${e.id}`)).json();
    expect(d.steps.map((s: { step: string }) => s.step)).toEqual(['plan', 'recommendation', 'qualification', 'assessment', 'party_decision', 'notice', 'approval']);
    expect(d.candidateList.find((c: { qualified: boolean }) => c.qualified).assessment).toMatchObject({ written: 84, inspection: '优秀', total: 86 });
  });

  it('a candidate found 不合格 in the 考察 cannot be approved', async () => {
    const [target] = await systemRows<{ id: number }>(
      t.database,
      sql`select o.id from organizations o where o.parent_id = ${bainiId} and o.type = 'branch' and o.status = 'active'
            and not exists (select 1 from elections e where e.org_id = o.id) order by o.id limit 1`,
    );
    const plan = await baini.post('/api/elections', { orgId: target!.id, kind: 'selection', title: '团支部委员选配', plannedOn: day(20), seats: [{ title: 'member', employment: 'part_time', seats: 1 }], actor: '白泥镇团委' });
    expect(plan.statusCode, plan.body).toBe(200);
    const id = plan.json().id;
    const cadreId = await newCadre(baini, target!.id, { politicalStatus: '03' });
    const cid = (await baini.post(`/api/elections/${id}/candidates`, { cadreId, source: 'self', postTitle: 'member' })).json().candidateList[0].id;
    expect((await step(baini, id, { step: 'recommendation', actedOn: day(18) })).statusCode).toBe(200);
    await baini.post(`/api/election-candidates/${cid}/qualification`, { qualified: true });
    expect((await step(baini, id, { step: 'qualification', actedOn: day(16) })).statusCode).toBe(200);
    const failed = { written: 75, interview: 70, speech: 72, inspection: '不合格' };
    expect((await step(baini, id, { step: 'assessment', actedOn: day(15), candidateIds: [cid], assessments: [failed] })).json().message).toContain('请填写考察意见');
    const ok = await step(baini, id, { step: 'assessment', actedOn: day(15), candidateIds: [cid], assessments: [{ ...failed, inspectionNote: '工作作风不实' }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().candidateList[0].assessment).toMatchObject({ inspection: '不合格', total: 72.3 });
    expect((await step(baini, id, { step: 'party_decision', actedOn: day(15) })).statusCode).toBe(200);
    expect((await step(baini, id, { step: 'notice', actedOn: day(14), noticeFrom: day(14) })).statusCode).toBe(200);
    const approve = await baini.post(`/api/elections/${id}/approve`, { actedOn: today, actor: '白泥镇团委' });
    expect(approve.statusCode).toBe(422);
    expect(approve.json().message).toContain('考察结论为不合格，不能批准选配');
    expect((await baini.get(`/api/elections/${id}`)).json().status).toBe('in_progress');
  });

  it('can be cancelled; a cancelled one refuses every step', async () => {
    const [target] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${bainiId} and type = 'branch' and sector = 'village' order by id desc limit 1`);
    const plan = (await baini.post('/api/elections', { orgId: target!.id, kind: 'selection', title: '村团支部委员选配', plannedOn: today, seats: [{ title: 'member', employment: 'part_time', seats: 1 }], actor: '白泥镇团委' })).json();
    const cancelled = await baini.post(`/api/elections/${plan.id}/cancel`, { reason: '村“两委”换届后再选配', actor: '白泥镇团委' });
    expect(cancelled.json().status).toBe('cancelled');
    expect((await step(baini, plan.id, { step: 'recommendation', actedOn: today })).json().message).toContain('已取消');
    const cadreId = await newCadre(baini, target!.id);
    expect((await baini.post(`/api/elections/${plan.id}/candidates`, { cadreId, source: 'self', postTitle: 'member' })).json().message).toContain('已取消');
  });

  it('another township cannot read or act on 白泥镇 elections', async () => {
    const e = (await baini.get(`/api/elections?under=${bainiId}`)).json().items[0];
    expect((await longxi.get(`/api/elections/${e.id}`)).statusCode).toBe(404);
    expect((await longxi.get(`/api/elections/${e.id}/document?kind=notice`)).statusCode).toBe(404);
    expect((await longxi.post(`/api/elections/${e.id}/cancel`, { reason: '越权', actor: '王五' })).statusCode).toBe(404);
    expect((await longxi.get(`/api/elections?under=${bainiId}`)).statusCode).toBe(404);
    expect(JSON.stringify((await longxi.get('/api/elections?pageSize=100')).json())).not.toContain('白泥');
  });
});
