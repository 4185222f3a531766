import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { insertPerson } from '../factories.js';
import { addDays, ensureCadreDemo, thisYear, todayCn, township } from './scope-samples-cadres.js';

/* Appraisal, training, reserve talent and liaisons. */

let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let countyId: number;
let bainiId: number;
const today = todayCn();

beforeAll(async () => {
  t = await createTestApp();
  await ensureCadreDemo(t);
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  countyId = await orgId(t.database, '共青团余庆县委员会');
  bainiId = await orgId(t.database, township('白泥镇'));
});
afterAll(() => t?.close());

async function sheetRows(res: { rawPayload: Buffer }): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb.worksheets[0]!.rowCount - 1;
}

/** Current secretaries of branches under 白泥镇. */
async function bainiSecretaries(): Promise<{ cadre_id: number; org_id: number; name: string }[]> {
  return systemRows(
    t.database,
    sql`select p.cadre_id, p.org_id, c.name from cadre_posts p join cadres c on c.id = p.cadre_id join organizations o on o.id = p.org_id
         where p.title = 'secretary' and p.end_on is null and o.parent_id = ${bainiId} and o.type = 'branch' order by p.cadre_id`,
  );
}

describe('appraisal (述职评议)', () => {
  it('the demo has last year\'s campaign with ranks and grades, and one under way', async () => {
    const list = (await county.get(`/api/cadre-appraisals?under=${countyId}`)).json();
    const closed = list.find((c: { status: string }) => c.status === 'closed');
    expect(closed).toMatchObject({ kind: 'report', year: thisYear() - 1, weights: { inner: 0.4, party: 0.3, youth: 0.3 } });
    expect(closed.appraised).toBe(closed.scored);
    const detail = (await county.get(`/api/cadre-appraisals/${closed.id}`)).json();
    expect(detail.entries[0]).toMatchObject({ rank: 1, grade: 'excellent' });
    expect(detail.entries.some((e: { grade: string }) => e.grade === 'incompetent')).toBe(true);
    const ranks = detail.entries.map((e: { rank: number }) => e.rank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(detail.byOrg[0].rank).toBe(1);
    expect(await sheetRows(await county.get(`/api/cadre-appraisals/${closed.id}/export`))).toBe(detail.entries.length);
    expect(list.some((c: { status: string }) => c.status === 'open')).toBe(true);
    // Township admins see their own cadres' grades, not the county's campaign.
    expect((await baini.get(`/api/cadre-appraisals/${closed.id}`)).statusCode).toBe(404);
  });

  it('opens a campaign, takes three-side scores, ranks and grades; grades feed selection', async () => {
    const secs = (await bainiSecretaries()).slice(0, 3);
    const opened = await county.post('/api/cadre-appraisals', {
      orgId: bainiId,
      title: `${thisYear()}年白泥镇团支部书记述职评议`,
      kind: 'report',
      year: thisYear(),
      target: 'listed',
      cadreIds: secs.map((s) => s.cadre_id),
    });
    expect(opened.statusCode, opened.body).toBe(200);
    const id = opened.json().id;
    expect(opened.json()).toMatchObject({ appraised: 3, scored: 0, status: 'open', can: { score: true, close: false } });
    const score = (cadreId: number, inner: number | null, party: number | null, youth: number | null) => county.put(`/api/cadre-appraisals/${id}/scores`, { cadreId, inner, party, youth });
    expect((await score(secs[0]!.cadre_id, 101, 80, 80)).statusCode).toBe(400);
    const [outsider] = await systemRows<{ id: number }>(t.database, sql`select id from cadres where org_id = ${bainiId} order by id limit 1`);
    expect((await score(outsider!.id, 80, 80, 80)).json().message).toContain('不是本次考核的对象');
    await score(secs[0]!.cadre_id, 95, 92, 90);
    await score(secs[1]!.cadre_id, 50, 55, 52);
    const early = await county.post(`/api/cadre-appraisals/${id}/close`, {});
    expect(early.json().message).toContain('还有1人评分不全');
    const partial = (await score(secs[2]!.cadre_id, 80, 76, 71)).json();
    expect(partial.entries.find((e: { cadreId: number }) => e.cadreId === secs[2]!.cadre_id)).toMatchObject({ total: 76.1, rank: 2, grade: null });
    expect((await longxi.post(`/api/cadre-appraisals/${id}/close`, {})).statusCode).toBe(404);
    const closed = await county.post(`/api/cadre-appraisals/${id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().entries.map((e: { cadreId: number; total: number; rank: number; grade: string }) => [e.cadreId, e.total, e.rank, e.grade])).toEqual([
      [secs[0]!.cadre_id, 92.6, 1, 'excellent'],
      [secs[2]!.cadre_id, 76.1, 2, 'competent'],
      [secs[1]!.cadre_id, 52.1, 3, 'incompetent'],
    ]);
    expect((await score(secs[0]!.cadre_id, 90, 90, 90)).json().message).toContain('考核已完成');
    const weak = (await baini.get(`/api/cadres/${secs[1]!.cadre_id}`)).json();
    expect(weak.latestGrade).toBe('incompetent');
    expect(weak.eligibility.problems).toContain('最近一次考核为“不称职”');
    expect(weak.appraisals[0]).toMatchObject({ grade: 'incompetent', title: `${thisYear()}年白泥镇团支部书记述职评议` });
  });

  it('opens a campaign for all secretaries of a subtree; refuses an empty one', async () => {
    const res = (await county.post('/api/cadre-appraisals', { orgId: bainiId, title: '白泥镇团干部考核评议', kind: 'review', year: thisYear(), target: 'secretaries' })).json();
    const staffed = (await county.get(`/api/cadres/rates/orgs?orgId=${bainiId}&staffed=true`)).json();
    expect(res.appraised).toBe(staffed.filter((o: { orgId: number }) => o.orgId !== bainiId).length);
    const branch = (await bainiSecretaries())[0]!.org_id;
    const none = await baini.post('/api/cadre-appraisals', { orgId: branch, title: '空的考核评议', kind: 'review', year: thisYear(), target: 'secretaries' });
    expect(none.json().message).toContain('没有符合条件的考核对象');
    const viewer = await loginAs(t.app, 'county_viewer');
    expect((await viewer.post('/api/cadre-appraisals', { orgId: bainiId, title: '查看员考核', kind: 'review', year: thisYear() })).statusCode).toBe(403);
  });
});

describe('training', () => {
  it('records a course and attendance, and lists who was not trained this year', async () => {
    const secs = await bainiSecretaries();
    const untrainedBefore = (await baini.get(`/api/trainings/untrained?orgId=${bainiId}`)).json();
    const summaryBefore = (await baini.get(`/api/trainings/summary?orgId=${bainiId}`)).json();
    expect(summaryBefore.cadresOnDuty - summaryBefore.cadresTrained).toBe(untrainedBefore.length);
    expect(untrainedBefore.length).toBeGreaterThan(0);
    const course = await baini.post('/api/trainings', { orgId: bainiId, title: '白泥镇团支部书记补训班', kind: 'township', startOn: today, endOn: today, hours: 6 });
    expect(course.statusCode, course.body).toBe(200);
    const id = course.json().id;
    expect((await baini.post('/api/trainings', { orgId: bainiId, title: '日期错误的培训', kind: 'township', startOn: today, endOn: addDays(today, -1), hours: 6 })).json().message).toContain('结束日期不能早于开始日期');
    const target = untrainedBefore.map((c: { id: number }) => c.id);
    expect((await baini.post(`/api/trainings/${id}/attendance`, { cadreIds: target, hours: 8 })).json().message).toContain('不能超过培训总学时');
    const rec = await baini.post(`/api/trainings/${id}/attendance`, { cadreIds: target });
    expect(rec.json()).toMatchObject({ attendees: target.length, attendeeHours: target.length * 6 });
    await baini.post(`/api/trainings/${id}/attendance`, { cadreIds: target[0], hours: 3 });
    const detail = (await baini.get(`/api/trainings/${id}`)).json();
    expect(detail.attendees).toBe(target.length);
    expect(detail.attendeeHours).toBe(target.length * 6 - 3);
    expect((await baini.get(`/api/trainings/untrained?orgId=${bainiId}`)).json()).toEqual([]);
    const summary = (await baini.get(`/api/trainings/summary?orgId=${bainiId}`)).json();
    expect(summary).toMatchObject({ cadresTrained: summary.cadresOnDuty, trainedShare: 1 });
    const cadre = (await baini.get(`/api/cadres/${target[0]}`)).json();
    expect(cadre.trainings[0]).toMatchObject({ title: '白泥镇团支部书记补训班', hours: 3 });
    // County courses attended by the township's cadres count for the township too (title not visible).
    const countyCourse = (await systemRows<{ cadre_id: number }>(t.database, sql`select a.cadre_id from training_attendance a join trainings tr on tr.id = a.training_id where tr.org_id = ${countyId} and a.org_id in (select id from organizations where path <@ (select path from organizations where id = ${bainiId})) limit 1`))[0];
    if (countyCourse) {
      const d = (await baini.get(`/api/cadres/${countyCourse.cadre_id}`)).json();
      expect(d.trainings.some((x: { title: string | null; hours: number }) => x.title === null && x.hours > 0)).toBe(true);
    }
    expect(secs.length).toBeGreaterThan(0);
    expect((await longxi.get(`/api/trainings/${id}`)).statusCode).toBe(404);
    expect(await sheetRows(await county.get(`/api/trainings/untrained/export?orgId=${countyId}`))).toBe((await county.get(`/api/trainings/untrained?orgId=${countyId}`)).json().length);
  });

  it('the county-wide training figures', async () => {
    const s = (await county.get(`/api/trainings/summary?orgId=${countyId}`)).json();
    expect(s.courses).toBeGreaterThanOrEqual(4);
    expect(s.byKind.find((k: { kind: string }) => k.kind === 'qingma').courses).toBe(1);
    expect(s.trainedShare).toBeGreaterThan(0.5);
    expect(s.trainedShare).toBeLessThan(1);
    const list = (await county.get(`/api/trainings?under=${countyId}&year=${thisYear()}`)).json();
    expect(list.length).toBe(s.courses);
  });
});

describe('reserve talent (后备人才)', () => {
  it('adds young people with who recommended them and why; counts as 来宾 does', async () => {
    const before = (await baini.get(`/api/reserve-talents/summary?orgId=${bainiId}`)).json();
    const [branch] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${bainiId} and sector = 'village' order by id limit 1`);
    const y = thisYear();
    const young = await insertPerson(t.database, { orgId: branch!.id, name: '后备青年', birthDate: `${y - 24}-02-03`, memberStatus: 'active' });
    const old = await insertPerson(t.database, { orgId: branch!.id, name: '超龄青年', birthDate: `${y - 37}-02-03` });
    const add = (personId: number) => baini.post('/api/reserve-talents', { personId, recommendedBy: '村党支部', reason: '返乡创业带动群众增收', recommendedOn: today });
    const ok = await add(young.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: '后备青年', age: 24, status: 'active', recommendedBy: '村党支部', isCurrentCadre: false });
    expect((await add(young.id)).json().message).toContain('已在后备人才库中');
    expect((await add(old.id)).json().message).toContain('超过青年年龄上限');
    const after = (await baini.get(`/api/reserve-talents/summary?orgId=${bainiId}`)).json();
    expect(after.total).toBe(before.total + 1);
    expect(after.memberAgeMembers).toBe(before.memberAgeMembers + 1);
    const listed = (await baini.get(`/api/reserve-talents?under=${bainiId}&memberAgeMembers=true&pageSize=500`)).json();
    expect(listed.total).toBe(after.memberAgeMembers);
    const moved = await baini.post(`/api/reserve-talents/${ok.json().id}/status`, { status: 'appointed' });
    expect(moved.json().status).toBe('appointed');
    expect((await baini.get(`/api/reserve-talents/summary?orgId=${bainiId}`)).json().total).toBe(before.total);
    const county28 = (await county.get(`/api/reserve-talents/summary?orgId=${countyId}`)).json();
    expect(county28.currentCadres).toBe(3);
    expect(await sheetRows(await county.get(`/api/reserve-talents/export?under=${countyId}`))).toBe(county28.total);
    expect((await longxi.post(`/api/reserve-talents/${ok.json().id}/status`, { status: 'removed' })).statusCode).toBe(404);
  });
});

describe('liaisons (一专一站两联)', () => {
  it('assigns branches and youth, logs contacts and shows coverage', async () => {
    const before = (await baini.get(`/api/liaisons/coverage?orgId=${bainiId}`)).json();
    expect(before.branches).toBeGreaterThan(before.covered);
    const target = before.uncovered.find((b: { orgName: string }) => /村|社区/.test(b.orgName)) ?? before.uncovered[0];
    const [member] = await systemRows<{ cadre_id: number }>(t.database, sql`select cadre_id from cadre_posts where org_id = ${bainiId} and end_on is null and title = 'member' order by id limit 1`);
    const create = (body: Record<string, unknown>) => baini.post('/api/liaisons', { cadreId: member!.cadre_id, role: 'committee_member', since: addDays(today, -30), ...body });
    expect((await create({})).json().message).toContain('请指定联系的团支部或青年');
    expect((await create({ targetOrgId: bainiId })).json().message).toContain('联系的组织应为团支部');
    const ok = await create({ targetOrgId: target.orgId });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ active: true, contacts: 0, targetOrgName: target.orgName });
    expect((await create({ targetOrgId: target.orgId })).json().message).toContain('已在联系这一对象');
    const formerOnly = (await baini.get(`/api/cadres?under=${bainiId}&withoutPost=true&pageSize=1`)).json().items[0];
    const noPost = await baini.post('/api/liaisons', { cadreId: formerOnly.id, role: 'committee_member', targetOrgId: target.orgId, since: today });
    expect(noPost.json().message).toContain('没有现任团内职务');
    const id = ok.json().id;
    expect((await baini.post(`/api/liaisons/${id}/contacts`, { contactedOn: addDays(today, -40), method: 'visit', content: '走访团支部' })).json().message).toContain('不能早于建立联系的日期');
    const logged = await baini.post(`/api/liaisons/${id}/contacts`, { contactedOn: today, method: 'meeting', content: '参加主题团日并座谈' });
    expect(logged.json()).toMatchObject({ contacts: 1, lastContactOn: today });
    const after = (await baini.get(`/api/liaisons/coverage?orgId=${bainiId}`)).json();
    expect(after.covered).toBe(before.covered + 1);
    expect(after.uncovered.length).toBe(before.uncovered.length - 1);
    expect(after.contacts).toBe(before.contacts + 1);
    const person = await insertPerson(t.database, { orgId: target.orgId, name: '联系青年', birthDate: `${thisYear() - 22}-06-01` });
    // A deputy's liaison names a deputy of the congress registry (deputies.test.ts); a committee member contacts a young person the same way.
    const deputy = await baini.post('/api/liaisons', { cadreId: member!.cadre_id, role: 'committee_member', targetPersonId: person.id, since: today });
    expect(deputy.json()).toMatchObject({ targetPersonName: '联系青年', targetOrgId: null });
    expect((await baini.get(`/api/liaisons/coverage?orgId=${bainiId}`)).json().youthAssigned).toBe(after.youthAssigned + 1);
    const ended = await baini.post(`/api/liaisons/${id}/end`, { until: today });
    expect(ended.json().until).toBe(today);
    expect((await baini.post(`/api/liaisons/${id}/end`, { until: today })).statusCode).toBe(409);
    expect(await sheetRows(await baini.get(`/api/liaisons/coverage/export?orgId=${bainiId}`))).toBe((await baini.get(`/api/liaisons/coverage?orgId=${bainiId}`)).json().uncovered.length);
    expect((await longxi.get(`/api/liaisons/${id}`)).statusCode).toBe(404);
  });

  it('county committee members cover township branches; the township sees the coverage without the county record', async () => {
    const list = (await baini.get(`/api/liaisons?under=${bainiId}&role=committee_member`)).json();
    const fromCounty = list.filter((l: { cadreName: string | null }) => l.cadreName === null);
    expect(fromCounty.length).toBeGreaterThan(0);
    const countyView = (await county.get(`/api/liaisons?under=${bainiId}&role=committee_member`)).json();
    expect(countyView.every((l: { cadreName: string | null }) => l.cadreName !== null)).toBe(true);
    const cov = (await county.get(`/api/liaisons/coverage?orgId=${countyId}`)).json();
    expect(cov.covered).toBeGreaterThan(0);
    expect(cov.rate).toBeLessThan(1);
  });
});
