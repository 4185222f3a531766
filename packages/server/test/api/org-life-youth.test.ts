import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { insertPerson, makeIdNumber } from '../factories.js';

process.env.TJ_TODAY = '2026-11-20';
process.env.ATTACHMENT_DIR ??= mkdtempSync(join(tmpdir(), 'tj-attachments-'));

let t: TestContext;
let baini: Session;
let longxi: Session;
let county: Session;
let countyId: number;
let townshipId: number;
let longxiId: number;
let branchId: number;
let member: number;
let youth: number;
let outsider: number;

beforeAll(async () => {
  t = await createTestApp();
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  county = await loginAs(t.app, 'county_admin');
  countyId = await orgId(t.database, '共青团余庆县委员会');
  townshipId = await orgId(t.database, '共青团余庆县白泥镇委员会');
  longxiId = await orgId(t.database, '共青团余庆县龙溪镇委员会');
  const [b] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${townshipId} and type = 'branch' order by id limit 1`);
  branchId = Number(b!.id);
  member = (await insertPerson(t.database, { orgId: branchId, memberStatus: 'active', birthDate: '2000-06-06', name: '活动团员' })).id;
  youth = (await insertPerson(t.database, { orgId: branchId, birthDate: '1995-06-06', name: '活动青年' })).id;
  const [lx] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${longxiId} and type = 'branch' order by id limit 1`);
  outsider = (await insertPerson(t.database, { orgId: Number(lx!.id), memberStatus: 'active', birthDate: '2001-01-01', name: '龙溪青年' })).id;
});
afterAll(() => t?.close());

describe('venues (团属阵地) and activities', () => {
  let venueId: number;

  it('registers a venue whose checks need evidence; the standard needs all three', async () => {
    const noEvidence = await baini.post('/api/org-life/venues', { orgId: townshipId, kind: 'youth_home', name: '白泥镇测试青年之家', address: '白泥镇党群服务中心', checks: { site: true, rules: true }, evidence: { site: '党群服务中心二楼' } });
    expect(noEvidence.statusCode).toBe(422);
    expect(noEvidence.json().message).toBe('勾选“有规范制度”须填写佐证说明');
    const res = await baini.post('/api/org-life/venues', {
      orgId: townshipId,
      kind: 'youth_home',
      name: '白泥镇测试青年之家',
      address: '白泥镇党群服务中心',
      openingHours: '周二至周日',
      checks: { site: true, rules: true },
      evidence: { site: '党群服务中心二楼', rules: '管理制度上墙' },
    });
    expect(res.statusCode, res.body).toBe(200);
    venueId = res.json().id;
    expect(res.json()).toMatchObject({ standardMet: false, missing: ['有运营力量'], activityCount: 0, idle: false, idleDays: 90 });
    const fixed = await baini.patch(`/api/org-life/venues/${venueId}`, { checks: { staff: true }, evidence: { staff: '兼职副书记负责，志愿者轮值' } });
    expect(fixed.json()).toMatchObject({ standardMet: true, missing: [] });
  });

  it('records activities at the venue with members and non-member youth; counts cover the named list', async () => {
    const base = { orgId: townshipId, venueId, type: 'volunteer_service', theme: '七彩假期', organizer: '白泥镇团委', heldOn: '2026-11-10' };
    const short = await baini.post('/api/org-life/activities', { ...base, memberCount: 0, youthCount: 5, participantIds: [member, youth] });
    expect(short.statusCode).toBe(422);
    expect(short.json().message).toBe('名单中有1名团员，团员参加人数不能少于此数');
    const foreign = await baini.post('/api/org-life/activities', { ...base, memberCount: 5, youthCount: 5, participantIds: [outsider] });
    expect(foreign.statusCode).toBe(404);
    const future = await baini.post('/api/org-life/activities', { ...base, heldOn: '2026-12-01', memberCount: 5, youthCount: 5 });
    expect(future.json().message).toContain('不能晚于今天');
    const ok = await baini.post('/api/org-life/activities', { ...base, memberCount: 12, youthCount: 20, participantIds: [member, youth] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().participants.map((p: { name: string; isMember: boolean }) => `${p.name}${p.isMember}`).sort()).toEqual(['活动团员true', '活动青年false']);
    await baini.post('/api/org-life/activities', { ...base, type: 'theme_education', theme: '青春心向党', heldOn: '2026-10-01', venueId: null, memberCount: 8, youthCount: 0 });
    const venue = (await baini.get(`/api/org-life/venues/${venueId}`)).json();
    expect(venue).toMatchObject({ activityCount: 1, lastActivityOn: '2026-11-10', idle: false });
    expect(venue.recentActivities[0].theme).toBe('七彩假期');
    const stats = (await baini.get(`/api/org-life/stats/activities?orgId=${townshipId}&from=2026-01-01&to=2026-11-20`)).json();
    expect(stats.byType).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'volunteer_service' }), expect.objectContaining({ type: 'theme_education' })]));
    expect(stats.byTheme.map((x: { theme: string }) => x.theme)).toEqual(expect.arrayContaining(['七彩假期', '青春心向党']));
    expect(stats.byMonth.map((x: { month: string }) => x.month)).toEqual(expect.arrayContaining(['2026-10', '2026-11']));
    const filtered = (await baini.get(`/api/org-life/activities?venueId=${venueId}`)).json();
    expect(filtered.total).toBe(1);
  });

  it('flags venues idle after rules.youthWork.venueIdleDays', async () => {
    const old = await baini.post('/api/org-life/venues', { orgId: townshipId, kind: 'youth_station', name: '白泥镇测试青年驿站', address: '白泥镇车站', checks: {}, evidence: {} });
    const id = old.json().id;
    await systemRows(t.database, sql`update venues set created_at = '2026-01-01T00:00:00Z' where id = ${id}`);
    await systemRows(t.database, sql`insert into activities (org_id, venue_id, type, theme, held_on, organizer, member_count, youth_count)
      values (${townshipId}, ${id}, 'other', '早先的活动', '2026-08-01', '测试', 3, 3) returning id`);
    const idle = (await baini.get(`/api/org-life/venues?under=${townshipId}&idle=true`)).json();
    expect(idle.items.map((v: { name: string }) => v.name)).toContain('白泥镇测试青年驿站');
    expect(idle.items.find((v: { id: number }) => v.id === id)).toMatchObject({ idle: true, daysWithoutActivity: 111, lastActivityOn: '2026-08-01' });
    expect((await baini.get(`/api/org-life/venues?under=${townshipId}&idle=false`)).json().items.map((v: { id: number }) => v.id)).toContain(venueId);
    const closed = await baini.patch(`/api/org-life/venues/${id}`, { status: 'closed' });
    expect(closed.json()).toMatchObject({ status: 'closed', idle: false });
    const atClosed = await baini.post('/api/org-life/activities', { orgId: townshipId, venueId: id, type: 'other', theme: '停用后', organizer: '测试', heldOn: '2026-11-01', memberCount: 1, youthCount: 0 });
    expect(atClosed.json().message).toContain('已停用');
    const xlsx = await baini.get(`/api/org-life/venues/export?under=${townshipId}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual(expect.arrayContaining(['阵地名称', '有阵地依托', '是否闲置']));
    expect((await longxi.get(`/api/org-life/venues/${venueId}`)).statusCode).toBe(404);
  });
});

describe('volunteers and service hours', () => {
  let teamId: number;
  let volunteerId: number;

  it('registers a team, volunteers from the registry or by ID number, once across the system', async () => {
    teamId = (await baini.post('/api/org-life/volunteer-teams', { orgId: townshipId, name: '白泥镇测试青年志愿者服务队', leader: '张队长' })).json().id;
    const fromRegistry = await baini.post('/api/org-life/volunteers', { orgId: townshipId, teamId, personId: youth, registeredOn: '2026-03-01' });
    expect(fromRegistry.statusCode, fromRegistry.body).toBe(200);
    expect(fromRegistry.json()).toMatchObject({ name: '活动青年', age: 31, ageBand: 'young_adult', youth: true, teamName: '白泥镇测试青年志愿者服务队' });
    volunteerId = fromRegistry.json().id;
    const older = await baini.post('/api/org-life/volunteers', { orgId: townshipId, teamId, name: '老志愿者', idNumber: makeIdNumber('1970-05-05', 'male'), phone: '13800001111', registeredOn: '2026-02-01' });
    expect(older.json()).toMatchObject({ age: 56, ageBand: 'over_youth', youth: false, phoneMasked: '138****1111' });
    const valid = makeIdNumber('1970-06-06', 'male');
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const bad = await baini.post('/api/org-life/volunteers', { orgId: townshipId, name: '错号', idNumber: wrongCheck, registeredOn: '2026-02-01' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fields[0].field).toBe('idNumber');
    const twice = await baini.post('/api/org-life/volunteers', { orgId: townshipId, personId: youth, registeredOn: '2026-03-01' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toContain('已在“共青团余庆县白泥镇委员会”注册为志愿者');
    // Registered elsewhere (龙溪镇): refused without saying where.
    const idNumber = makeIdNumber('1996-07-07', 'female');
    expect((await longxi.post('/api/org-life/volunteers', { orgId: longxiId, name: '两地登记', idNumber, registeredOn: '2026-01-01' })).statusCode).toBe(200);
    const elsewhere = await baini.post('/api/org-life/volunteers', { orgId: townshipId, name: '两地登记', idNumber, registeredOn: '2026-01-01' });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().message).toBe('两地登记已在其他地区注册为志愿者');
    expect((await baini.post('/api/org-life/volunteers', { orgId: townshipId, teamId, personId: outsider, registeredOn: '2026-03-01' })).statusCode).toBe(404);
  });

  it('service records in exact minutes, within the rules; totals and the share aged 35 and under', async () => {
    const project = (await baini.post('/api/org-life/service-projects', { orgId: townshipId, teamId, title: '防火巡逻', startOn: '2026-03-01', endOn: '2026-10-31' })).json();
    const rec = (body: Record<string, unknown>) => baini.post('/api/org-life/service-records', { volunteerId, projectId: project.id, servedOn: '2026-04-01', minutes: 90, ...body });
    expect((await rec({})).statusCode).toBe(200);
    expect((await rec({ minutes: 150 })).statusCode).toBe(200);
    expect((await rec({ minutes: 1500 })).json().message).toBe('单次服务时长不能超过24小时');
    expect((await rec({ servedOn: '2026-11-05' })).json().message).toContain('不在项目“防火巡逻”的实施期间');
    expect((await rec({ servedOn: '2026-02-20', projectId: null })).json().message).toContain('注册前的服务不能计入');
    const detail = (await baini.get(`/api/org-life/volunteers/${volunteerId}`)).json();
    expect(detail).toMatchObject({ serviceMinutes: 240, serviceHours: 4 });
    expect(detail.records).toHaveLength(2);
    const records = (await baini.get(`/api/org-life/service-records?projectId=${project.id}`)).json();
    expect(records.totalMinutes).toBe(240);
    const list = (await baini.get(`/api/org-life/volunteers?teamId=${teamId}`)).json();
    expect(list).toMatchObject({ total: 2, total35: 1, share35: 0.5 });
    expect((await baini.get(`/api/org-life/volunteers?teamId=${teamId}&youth=true`)).json().total).toBe(1);
    expect((await baini.get(`/api/org-life/volunteers?teamId=${teamId}&ageBand=over_youth`)).json().items[0].name).toBe('老志愿者');
    const teams = (await baini.get(`/api/org-life/volunteer-teams?under=${townshipId}`)).json();
    expect(teams.items.find((x: { id: number }) => x.id === teamId)).toMatchObject({ volunteers: 2, serviceMinutes: 240 });
    const o = (await baini.get(`/api/org-life/stats/overview?orgId=${townshipId}`)).json();
    expect(o.volunteers.serviceMinutes).toBeGreaterThanOrEqual(240);
    expect((await longxi.get(`/api/org-life/volunteers/${volunteerId}`)).statusCode).toBe(404);
    expect((await longxi.post('/api/org-life/service-records', { volunteerId, servedOn: '2026-04-02', minutes: 60 })).statusCode).toBe(404);
    // The township's records newest first, page by page, each with its volunteer and project.
    for (const [servedOn, minutes] of [['2026-05-03', 30], ['2026-06-10', 45], ['2026-05-20', 60]] as const) expect((await rec({ servedOn, minutes })).statusCode).toBe(200);
    const page = async (n: number) => (await baini.get(`/api/org-life/service-records?under=${townshipId}&projectId=${project.id}&page=${n}&pageSize=2`)).json();
    const [p1, p2, p3] = [await page(1), await page(2), await page(3)];
    expect(p1.total).toBe(5);
    expect([...p1.items, ...p2.items, ...p3.items].map((r: { servedOn: string; minutes: number }) => `${r.servedOn} ${r.minutes}`)).toEqual(['2026-06-10 45', '2026-05-20 60', '2026-05-03 30', '2026-04-01 150', '2026-04-01 90']);
    expect(p1.items[0]).toMatchObject({ volunteerId, projectTitle: '防火巡逻', volunteerName: detail.name });
  });
});

describe('aid projects', () => {
  let projectId: number;
  const student = makeIdNumber('2008-09-09', 'female');

  it('funds in fen; beneficiaries within the funds; no one twice in one program-year, across scopes', async () => {
    const p = await county.post('/api/org-life/aid/projects', { orgId: townshipId, program: 'hope_project', year: 2026, title: '白泥镇希望工程测试', fundsRaisedFen: 100_000 });
    expect(p.statusCode, p.body).toBe(200);
    projectId = p.json().id;
    const add = (s: Session, id: number, body: Record<string, unknown>) => s.post(`/api/org-life/aid/projects/${id}/beneficiaries`, { name: '受助学生', school: '白泥镇中学', amountFen: 50_000, ...body });
    expect((await add(baini, projectId, { idNumber: student })).statusCode).toBe(200);
    const again = await add(baini, projectId, { idNumber: student.toLowerCase() });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该受助人2026年已在“共青团余庆县白泥镇委员会”的希望工程项目中受助，同一项目年度不能重复资助');
    const over = await add(baini, projectId, { idNumber: makeIdNumber('2008-10-10', 'male'), amountFen: 60_000 });
    expect(over.json().message).toContain('超出项目募集资金');
    expect((await add(baini, projectId, { idNumber: '123' })).json().fields[0].field).toBe('idNumber');
    // The same student in 龙溪镇's 希望工程 the same year: refused without naming 白泥镇.
    const lx = (await longxi.post('/api/org-life/aid/projects', { orgId: longxiId, program: 'hope_project', year: 2026, title: '龙溪镇希望工程', fundsRaisedFen: 100_000 })).json();
    const cross = await add(longxi, lx.id, { idNumber: student });
    expect(cross.statusCode).toBe(409);
    expect(cross.json().message).toBe('该受助人2026年已在其他地区的希望工程项目中受助，同一项目年度不能重复资助');
    // Another program, or another year, is fine.
    const dream = (await longxi.post('/api/org-life/aid/projects', { orgId: longxiId, program: 'dream_university', year: 2026, title: '圆梦大学', fundsRaisedFen: 500_000 })).json();
    expect((await add(longxi, dream.id, { idNumber: student })).statusCode).toBe(200);
  });

  it('pays or cancels while approved; totals follow; funds cannot fall below what is committed', async () => {
    const detail = (await baini.get(`/api/org-life/aid/projects/${projectId}`)).json();
    const b = detail.beneficiaryList[0];
    expect(b.idNumberMasked).toMatch(/^\d{4}\*{10}/);
    expect((await baini.post(`/api/org-life/aid/beneficiaries/${b.id}/pay`, { paidOn: '2026-11-21' })).json().message).toBe('发放日期不能晚于今天');
    const paid = await baini.post(`/api/org-life/aid/beneficiaries/${b.id}/pay`, { paidOn: '2026-11-18' });
    expect(paid.json()).toMatchObject({ committedFen: 50_000, paidFen: 50_000, paid: 1 });
    const cancel = await baini.post(`/api/org-life/aid/beneficiaries/${b.id}/cancel`, { reason: '重复登记' });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().message).toBe('该受助人已发放，不能取消');
    expect((await baini.patch(`/api/org-life/aid/projects/${projectId}`, { fundsRaisedFen: 40_000 })).json().message).toBe('募集资金不能少于已安排的资助金额500.00元');
    const second = (await baini.post(`/api/org-life/aid/projects/${projectId}/beneficiaries`, { name: '二号', idNumber: makeIdNumber('2009-01-01', 'male'), amountFen: 30_000 })).json();
    const toCancel = second.beneficiaryList.find((x: { name: string }) => x.name === '二号');
    const cancelled = await baini.post(`/api/org-life/aid/beneficiaries/${toCancel.id}/cancel`, { reason: '已获其他资助' });
    expect(cancelled.json()).toMatchObject({ committedFen: 50_000, beneficiaries: 1 });
    const [audit] = await systemRows<{ after: { reason: string } }>(t.database, sql`select after from audit_log where action = 'aid_cancel' and entity_id = ${String(toCancel.id)}`);
    expect(audit!.after.reason).toBe('已获其他资助');
    const o = (await county.get(`/api/org-life/stats/overview?orgId=${countyId}`)).json();
    expect(o.aid.byProgram.find((x: { program: string }) => x.program === 'hope_project').fundsRaisedFen).toBeGreaterThanOrEqual(200_000);
    const xlsx = await baini.get(`/api/org-life/aid/projects/${projectId}/export`);
    expect(xlsx.statusCode).toBe(200);
    expect((await longxi.get(`/api/org-life/aid/projects/${projectId}`)).statusCode).toBe(404);
    expect((await longxi.post(`/api/org-life/aid/beneficiaries/${b.id}/cancel`, { reason: '越权' })).statusCode).toBe(404);
  });
});
