import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEFAULT_STAR_CRITERIA } from '@tuanjian/domain';
import { loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { createDailyWorkApp, secretaryBranch, thisYear, todayCn } from './scope-samples-daily-work.js';

/**
 * 对标定级: the county opens the year's rating for every branch; a branch
 * assesses itself, the township reviews, the county confirms; a weak branch
 * gets a rectification task, followed up and accepted; the history shows on
 * the branch. Each step by its side only.
 */
let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let secretary: Session;
let ratingId: number;
let secBranch: number;
const Y = thisYear();
const today = todayCn();
const scores = (n: number) => Object.fromEntries(DEFAULT_STAR_CRITERIA.map((c) => [c.key, n]));
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const entryOf = async (branchId: number) => {
  const [row] = await systemRows<{ id: number }>(t.database, sql`select id from star_rating_entries where rating_id = ${ratingId} and org_id = ${branchId}`);
  return Number(row!.id);
};

beforeAll(async () => {
  t = await createDailyWorkApp();
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  secretary = await loginAs(t.app, 'branch_secretary');
  secBranch = await secretaryBranch(t);
});
afterAll(() => t?.close());

describe('opening a rating', () => {
  it('the county opens the year with the default criteria; every active branch gets an entry', async () => {
    const countyId = await orgId(t.database, '共青团余庆县委员会');
    const res = await county.post('/api/daily-work/star-ratings', { orgId: countyId, year: Y, title: `${Y}年度团支部对标定级` });
    expect(res.statusCode, res.body).toBe(200);
    const rating = res.json();
    ratingId = rating.id;
    const [{ n }] = (await systemRows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from organizations where status = 'active' and type in ('branch', 'joint_branch')`,
    )) as [{ n: number }];
    expect(rating).toMatchObject({ orgId: countyId, year: Y, maxTotal: 100, status: 'open', entries: n, byStatus: { pending: n, self_assessed: 0, reviewed: 0, confirmed: 0 } });
    expect(rating.criteria.map((c: { label: string }) => c.label)).toEqual(['组织建设', '队伍建设', '组织生活与活动', '团员管理', '基础台账']);
  });

  it('refuses a second rating of the same year over the same branches, a future year, bad criteria and a branch as opener', async () => {
    const bainiId = await orgId(t.database, '共青团余庆县白泥镇委员会');
    const dup = await baini.post('/api/daily-work/star-ratings', { orgId: bainiId, year: Y, title: '白泥镇重复定级' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain(`参加了${Y}年度的定级`);
    expect((await baini.post('/api/daily-work/star-ratings', { orgId: bainiId, year: Y + 1, title: '明年的定级' })).json().message).toBe(`${Y + 1}年度尚未开始`);
    const bad = await baini.post('/api/daily-work/star-ratings', { orgId: bainiId, year: Y - 1, title: '自定义标准', criteria: [{ key: 'a', label: '甲', max: 10 }, { key: 'a', label: '乙', max: 10 }] });
    expect(bad.json().message).toContain('评分项代码“a”重复');
    expect((await baini.post('/api/daily-work/star-ratings', { orgId: secBranch, year: Y - 1, title: '支部自己开展' })).json().error).toBe('rating_org');
    expect((await longxi.post('/api/daily-work/star-ratings', { orgId: bainiId, year: Y - 1, title: '越权开展' })).statusCode).toBe(404);
  });

  it('a township sees the county’s rating through its own branches', async () => {
    const list = (await baini.get(`/api/daily-work/star-ratings?year=${Y}`)).json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: ratingId, orgId: null, orgName: null, title: `${Y}年度团支部对标定级` });
    expect(list[0].entries).toBeLessThan((await county.get(`/api/daily-work/star-ratings/${ratingId}`)).json().entries);
    expect((await baini.get(`/api/daily-work/star-ratings/${ratingId}`)).statusCode).toBe(404);
  });
});

describe('self-assessment → review → confirmation', () => {
  it('runs each step by its side and refuses the others', async () => {
    const id = await entryOf(secBranch);
    const pending = (await secretary.get(`/api/daily-work/star-entries/${id}`)).json();
    expect(pending).toMatchObject({ status: 'pending', ratingTitle: `${Y}年度团支部对标定级`, year: Y, maxTotal: 100, can: { selfAssess: true, review: false, confirm: false } });
    expect(pending.criteria).toHaveLength(5);
    // Review before self-assessment is out of order.
    const early = await baini.post(`/api/daily-work/star-entries/${id}/review`, { scores: scores(18) });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('该支部尚未自评，不能审核');

    const badScores = await secretary.post(`/api/daily-work/star-entries/${id}/self-assessment`, { scores: { ...scores(18), team: 25 } });
    expect(badScores.statusCode).toBe(422);
    expect(badScores.json().message).toBe('“队伍建设”的得分应为0至20的整数');
    const self = await secretary.post(`/api/daily-work/star-entries/${id}/self-assessment`, { scores: scores(19), note: '各项工作按要求开展' });
    expect(self.statusCode, self.body).toBe(200);
    expect(self.json()).toMatchObject({ status: 'self_assessed', selfTotal: 95, suggestedGrade: 'five', selfNote: '各项工作按要求开展' });
    // The branch secretary has no approval right at all; the township reviews.
    expect((await secretary.post(`/api/daily-work/star-entries/${id}/review`, { scores: scores(18) })).statusCode).toBe(403);
    const reviewed = await baini.post(`/api/daily-work/star-entries/${id}/review`, { scores: { ...scores(17), records: 16 }, note: '台账不够完整' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({ status: 'reviewed', reviewTotal: 84, suggestedGrade: 'four', can: { selfAssess: false, confirm: false } });
    expect(reviewed.json().blocked.confirm).toBe('定级由开展本次定级的团委确定');
    // Self-assessment is closed once reviewed; the township cannot confirm the county's rating.
    expect((await secretary.post(`/api/daily-work/star-entries/${id}/self-assessment`, { scores: scores(20) })).json().message).toBe('该支部已审核，待定级，不能再自评');
    const townConfirm = await baini.post(`/api/daily-work/star-entries/${id}/confirm`, { grade: 'four' });
    expect(townConfirm.statusCode).toBe(403);
    expect(townConfirm.json().message).toBe('定级由开展本次定级的团委确定');
    const confirmed = await county.post(`/api/daily-work/star-entries/${id}/confirm`, { grade: 'four' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', grade: 'four', confirmedBy: '县团委管理员', rectification: null });
    expect((await county.post(`/api/daily-work/star-entries/${id}/confirm`, { grade: 'five' })).json().message).toBe('该支部已定级');
    const audit = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where entity = 'star_rating_entries' and entity_id = ${String(id)} and action = 'update'`);
    expect(audit[0]!.n).toBe(3);
  });

  it('a weak branch is confirmed only with a rectification task, which is followed up and accepted by the level above', async () => {
    const [{ id: weakBranch }] = (await systemRows<{ id: number }>(
      t.database,
      sql`select o.id from organizations o where o.parent_id = ${await orgId(t.database, '共青团余庆县白泥镇委员会')} and o.type = 'branch' and o.id <> ${secBranch} and o.status = 'active' order by o.id limit 1`,
    )) as [{ id: number }];
    const id = await entryOf(Number(weakBranch));
    await baini.post(`/api/daily-work/star-entries/${id}/self-assessment`, { scores: scores(12) });
    const reviewed = (await baini.post(`/api/daily-work/star-entries/${id}/review`, { scores: scores(10) })).json();
    expect(reviewed).toMatchObject({ reviewTotal: 50, suggestedGrade: 'weak' });
    const without = await county.post(`/api/daily-work/star-entries/${id}/confirm`, { grade: 'weak' });
    expect(without.statusCode).toBe(422);
    expect(without.json().message).toBe('确定为软弱涣散团支部须同时下达整改任务（整改要求和期限）');
    const pastDeadline = await county.post(`/api/daily-work/star-entries/${id}/confirm`, { grade: 'weak', rectification: { requirement: '配齐支委，按月开展组织生活', deadline: today } });
    expect(pastDeadline.json().message).toBe('整改期限须晚于今天');
    const deadline = addDays(today, 90);
    const weak = await county.post(`/api/daily-work/star-entries/${id}/confirm`, { grade: 'weak', rectification: { requirement: '配齐支委，按月开展组织生活', deadline } });
    expect(weak.statusCode, weak.body).toBe(200);
    const task = weak.json().rectification;
    expect(task).toMatchObject({ requirement: '配齐支委，按月开展组织生活', deadline, status: 'open', followUp: null });

    const noProgress = await baini.post(`/api/daily-work/rectifications/${task.id}/complete`, { doneOn: today });
    expect(noProgress.json().message).toBe('尚无整改进展记录，不能验收');
    const progress = await baini.patch(`/api/daily-work/rectifications/${task.id}`, { followUp: '已补选组织委员，召开支部团员大会' });
    expect(progress.json().followUp).toBe(`${today} 已补选组织委员，召开支部团员大会`);
    const list = (await baini.get('/api/daily-work/rectifications?status=open')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(task.id);
    const done = await baini.post(`/api/daily-work/rectifications/${task.id}/complete`, { doneOn: today, note: '整改到位' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', doneOn: today });
    expect((await baini.patch(`/api/daily-work/rectifications/${task.id}`, { followUp: '再记一笔' })).statusCode).toBe(409);

    // Overdue is computed from today: a task past its deadline shows as overdue.
    await systemRows(t.database, sql`insert into rectification_tasks (entry_id, org_id, requirement, deadline) values (${id}, ${weakBranch}, '旧的整改任务', ${addDays(today, -1)}::date) returning id`);
    const overdue = (await baini.get('/api/daily-work/rectifications?status=overdue')).json();
    expect(overdue.items.map((i: { requirement: string }) => i.requirement)).toContain('旧的整改任务');
  });

  it('a branch cannot accept its own rectification; another township cannot touch 白泥镇 entries', async () => {
    const [task] = await systemRows<{ id: number }>(t.database, sql`insert into rectification_tasks (entry_id, org_id, requirement, deadline, follow_up)
      values (${await entryOf(secBranch)}, ${secBranch}, '测试整改', ${addDays(today, 10)}::date, '进展') returning id`);
    const own = await secretary.post(`/api/daily-work/rectifications/${task!.id}/complete`, { doneOn: today });
    expect(own.statusCode).toBe(403);
    expect((await longxi.get(`/api/daily-work/star-entries/${await entryOf(secBranch)}`)).statusCode).toBe(404);
    expect((await longxi.post(`/api/daily-work/rectifications/${task!.id}/complete`, { doneOn: today })).statusCode).toBe(404);
    expect((await longxi.get(`/api/daily-work/star-history?orgId=${secBranch}`)).statusCode).toBe(404);
  });
});

describe('history and close', () => {
  it('shows the rating history on the branch and closes the rating only when every branch is graded', async () => {
    const history = (await secretary.get(`/api/daily-work/star-history?orgId=${secBranch}`)).json();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ year: Y, grade: 'four', status: 'confirmed' });
    const close = await county.post(`/api/daily-work/star-ratings/${ratingId}/close`, {});
    expect(close.statusCode).toBe(422);
    expect(close.json().message).toMatch(/还有\d+个团支部未定级，不能结束/);
    const entries = (await county.get(`/api/daily-work/star-entries?year=${Y}&status=confirmed`)).json();
    expect(entries.total).toBe(2);
    const exp = await county.get(`/api/daily-work/star-ratings/${ratingId}/export`);
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-type']).toContain('spreadsheetml');
    expect((await baini.get(`/api/daily-work/star-entries/export?year=${Y}`)).statusCode).toBe(200);
    expect((await baini.get('/api/daily-work/rectifications/export')).statusCode).toBe(200);
  });
});
