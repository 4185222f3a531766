import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, systemRows, type Session, type TestContext } from '../helpers.js';
import { addDays, addMember, makeUnit, thisYear, todayCn } from './scope-samples-membership.js';

let t: TestContext;
let baini: Session;
let longxi: Session;
let unit: { unitId: number; branchIds: number[]; names: string[] };
let today: string;
let year: number;
const m: Record<string, { id: number; idNumber: string; masked: string }> = {};

beforeAll(async () => {
  t = await createTestApp();
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  unit = await makeUnit(t, '白泥镇', '白泥镇推优测试团总支', 2);
  today = todayCn();
  year = thisYear();
  const [a, b] = unit.branchIds as [number, number];
  m.p1 = await addMember(t, a, { name: '推优甲', age: 25 });
  m.p2 = await addMember(t, a, { name: '推优乙', age: 24 });
  m.p3 = await addMember(t, b, { name: '推优丙', age: 23 });
  m.edge = await addMember(t, b, { name: '刚满28', age: 28 });
  m.old = await addMember(t, b, { name: '二十九岁', age: 29 });
  m.youth = await addMember(t, b, { name: '非团员', memberStatus: null });
  m.party = await addMember(t, b, { name: '预备党员', politicalStatus: '02' });
});
afterAll(() => t?.close());

const recommend = (s: Session, personId: number, body: Record<string, unknown> = {}) =>
  s.post('/api/membership/party-recommendations', { personId, meetingOn: today, entitled: 20, votesFor: 11, ...body });
const outcome = (s: Session, id: number, o: string, on = today) => s.post(`/api/membership/party-recommendations/${id}/outcome`, { outcome: o, outcomeOn: on });
const personParty = async (id: number) =>
  (await systemRows<{ political_status: string; party_joined_on: string | null }>(
    t.database,
    sql`select political_status, party_joined_on::text as party_joined_on from people where id = ${id}`,
  ))[0]!;

const recs: Record<string, number> = {};

describe('推优入党', () => {
  it('records a recommendation passed by more than half of those entitled to vote', async () => {
    const res = await recommend(baini, m.p1!.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      personId: m.p1!.id,
      personName: '推优甲',
      orgId: unit.branchIds[0],
      year,
      meetingOn: today,
      entitled: 20,
      votesFor: 11,
      outcome: 'pending',
      outcomeOn: null,
      next: ['activist', 'not_accepted'],
    });
    recs.p1 = res.json().id;
    // 28 is still within the rule ("28 and under").
    expect((await recommend(baini, m.edge!.id)).statusCode).toBe(200);
  });

  it('refuses a vote without a majority, impossible counts, and dates outside the membership', async () => {
    const half = await recommend(baini, m.p2!.id, { entitled: 20, votesFor: 10 });
    expect(half.statusCode).toBe(422);
    expect(half.json().message).toBe('赞成票须超过有表决权团员的半数（应到20人，赞成10票）');
    expect((await recommend(baini, m.p2!.id, { entitled: 10, votesFor: 11 })).json().message).toBe('赞成票不能多于有表决权的团员人数');
    expect((await recommend(baini, m.p2!.id, { entitled: 0, votesFor: 0 })).json().message).toBe('请填写有表决权的团员人数');
    expect((await recommend(baini, m.p2!.id, { meetingOn: addDays(today, 1) })).json().message).toBe('支部大会日期不能晚于今天');
    expect((await recommend(baini, m.p2!.id, { meetingOn: '2019-12-01' })).json().message).toBe('支部大会日期不能早于入团日期（2020-05-04）');
    const missing = await baini.post('/api/membership/party-recommendations', { personId: m.p2!.id, meetingOn: today });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('有表决权的团员人数');
  });

  it('refuses members over 28, non-members, party members and a second open recommendation', async () => {
    const old = await recommend(baini, m.old!.id);
    expect(old.statusCode).toBe(422);
    expect(old.json().message).toBe('推优入党对象应为28周岁及以下团员，支部大会时二十九岁29周岁');
    expect((await recommend(baini, m.youth!.id)).json().message).toBe('非团员不是共青团员，只能推荐在册团员');
    expect((await recommend(baini, m.party!.id)).json().message).toBe('预备党员已是中共党员（预备党员），无需推优');
    expect((await recommend(baini, m.p1!.id)).json().message).toBe('推优甲已有推优入党记录正在办理中');
    const rows = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from party_recommendations where person_id in (${m.old!.id}, ${m.youth!.id}, ${m.party!.id}, ${m.p2!.id})`);
    expect(rows[0]!.n).toBe(0);
  });

  it('follows the party side in order: activist, probationary, full, and updates the person', async () => {
    const skip = await outcome(baini, recs.p1!, 'probationary');
    expect(skip.statusCode).toBe(422);
    expect(skip.json().message).toBe('当前为“已推荐，待党组织确定”，下一步只能是“入党积极分子”或“未被党组织接收”');
    const before = await outcome(baini, recs.p1!, 'activist', addDays(today, -1));
    expect(before.json().message).toBe(`日期不能早于支部大会日期（${today}）`);

    const activist = await outcome(baini, recs.p1!, 'activist');
    expect(activist.statusCode).toBe(200);
    expect(activist.json()).toMatchObject({ outcome: 'activist', outcomeOn: today, next: ['probationary', 'not_accepted'] });
    expect((await personParty(m.p1!.id)).political_status).toBe('03');

    expect((await outcome(baini, recs.p1!, 'probationary')).statusCode).toBe(200);
    expect(await personParty(m.p1!.id)).toEqual({ political_status: '02', party_joined_on: today });
    const full = await outcome(baini, recs.p1!, 'full');
    expect(full.json()).toMatchObject({ outcome: 'full', next: [] });
    expect(await personParty(m.p1!.id)).toEqual({ political_status: '01', party_joined_on: today });
    const closed = await outcome(baini, recs.p1!, 'not_accepted');
    expect(closed.statusCode).toBe(409);
    expect(closed.json().message).toBe('该推荐已办结（正式党员），不能再变更');
    // A party member is not recommended again.
    expect((await recommend(baini, m.p1!.id)).json().message).toContain('已是中共党员');
  });

  it('returns a probationary member whose candidacy ends to league membership', async () => {
    const rec = (await recommend(baini, m.p3!.id, { entitled: 9, votesFor: 5 })).json();
    await outcome(baini, rec.id, 'activist');
    await outcome(baini, rec.id, 'probationary');
    expect((await personParty(m.p3!.id)).political_status).toBe('02');
    const ended = await outcome(baini, rec.id, 'not_accepted');
    expect(ended.statusCode).toBe(200);
    expect(await personParty(m.p3!.id)).toEqual({ political_status: '03', party_joined_on: null });
    // Recommended once this year already.
    expect((await recommend(baini, m.p3!.id, { entitled: 9, votesFor: 5 })).json().message).toBe('推优丙本年度已被推荐过');
  });

  it('counts recommendations per organization and outcome, and lists them', async () => {
    const summary = (await baini.get(`/api/membership/party-recommendations/summary?orgId=${unit.unitId}&year=${year}`)).json();
    expect(summary).toMatchObject({ year, org: { id: unit.unitId }, total: 3, pending: 1, activist: 0, probationary: 0, full: 1, notAccepted: 1 });
    expect(summary.children.map((c: { id: number; total: number; full: number; pending: number; notAccepted: number }) => [c.id, c.total, c.full, c.pending, c.notAccepted])).toEqual([
      [unit.branchIds[0], 1, 1, 0, 0],
      [unit.branchIds[1], 2, 0, 1, 1],
    ]);
    const lastYear = (await baini.get(`/api/membership/party-recommendations/summary?orgId=${unit.unitId}&year=${year - 1}`)).json();
    expect(lastYear.total).toBe(0);
    const list = (await baini.get(`/api/membership/party-recommendations?under=${unit.unitId}&outcome=full`)).json();
    expect(list.items.map((i: { personName: string }) => i.personName)).toEqual(['推优甲']);
  });

  it('shows the path to the Party in the growth record', async () => {
    const growth = (await baini.get(`/api/membership/people/${m.p1!.id}/growth`)).json();
    const titles = growth.events.map((e: { title: string }) => e.title);
    expect(titles).toEqual(['加入中国共产主义青年团', '推优入党：支部大会推荐', '成为中共预备党员', '转为中共正式党员']);
    expect(growth.events.map((e: { kind: string }) => e.kind)).toEqual(['joined', 'party_recommendation', 'party', 'party']);
    // A recommendation still waiting at the activist stage shows that stage.
    const rec = (await recommend(baini, m.p2!.id)).json();
    await outcome(baini, rec.id, 'activist');
    const p2 = (await baini.get(`/api/membership/people/${m.p2!.id}/growth`)).json();
    expect(p2.events.map((e: { title: string }) => e.title)).toEqual(['加入中国共产主义青年团', '推优入党：支部大会推荐', '确定为入党积极分子']);
    expect(growth.person).toMatchObject({ name: '推优甲', partyJoinedOn: today, idNumberMasked: m.p1!.masked });
  });

  it('lets a branch secretary recommend but not record the party’s decision, and keeps townships apart', async () => {
    const sec = await loginAs(t.app, 'branch_secretary');
    const me = (await sec.get('/api/auth/me')).json().account;
    const own = await addMember(t, me.scopeOrgId, { name: '书记推荐', age: 22 });
    const rec = await recommend(sec, own.id, { entitled: 5, votesFor: 3 });
    expect(rec.statusCode).toBe(200);
    expect((await outcome(sec, rec.json().id, 'activist')).statusCode).toBe(403);
    expect((await recommend(sec, m.p2!.id)).statusCode).toBe(404);
    expect((await recommend(longxi, m.p2!.id)).statusCode).toBe(404);
    expect((await outcome(longxi, rec.json().id, 'activist')).statusCode).toBe(404);
    expect((await longxi.get(`/api/membership/party-recommendations/summary?orgId=${unit.unitId}`)).statusCode).toBe(404);
    const seen = (await longxi.get('/api/membership/party-recommendations?pageSize=500')).json();
    expect(seen.items.map((i: { id: number }) => i.id)).not.toContain(recs.p1);
  });
});
