import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createTestApp, loginAs, systemRows, type Session, type TestContext } from '../helpers.js';
import { addDays, addMember, branchesOf, makeUnit, thisYear, todayCn } from './scope-samples-membership.js';

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
  unit = await makeUnit(t, '白泥镇', '白泥镇注册测试团总支', 2);
  today = todayCn();
  year = thisYear();
  const [a, b] = unit.branchIds as [number, number];
  m.a1 = await addMember(t, a, { name: '注册甲' });
  m.a2 = await addMember(t, a, { name: '注册乙' });
  m.a3 = await addMember(t, a, { name: '注册丙' });
  m.b1 = await addMember(t, b, { name: '注册丁' });
  m.b2 = await addMember(t, b, { name: '注册戊' });
  // Joined this year: in this year's lists, not in last year's.
  m.newcomer = await addMember(t, b, { name: '新团员', joinedOn: `${year}-01-01` });
  m.left = await addMember(t, a, { name: '已离团员', memberStatus: 'left' });
  m.youth = await addMember(t, a, { name: '普通青年', memberStatus: null });
});
afterAll(() => t?.close());

const ids = (...keys: string[]) => keys.map((k) => m[k]!.id);
const register = (s: Session, body: Record<string, unknown>) =>
  s.post('/api/membership/registrations', { year, status: 'registered', decidedOn: today, ...body });

describe('annual registration (团籍注册)', () => {
  it('lists the active members of the subtree with "未注册" for those not yet decided', async () => {
    const res = await baini.get(`/api/membership/registrations?under=${unit.unitId}&year=${year}`);
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.year).toBe(year);
    expect(list.total).toBe(6);
    expect(list.items.map((i: { name: string }) => i.name).sort()).toEqual(['新团员', '注册丁', '注册丙', '注册乙', '注册戊', '注册甲'].sort());
    expect(list.items.every((i: { status: unknown; late: boolean }) => i.status === null && i.late === false)).toBe(true);
    const item = list.items.find((i: { personId: number }) => i.personId === m.a1!.id);
    expect(item).toMatchObject({ idNumberMasked: m.a1!.masked, orgId: unit.branchIds[0], orgName: unit.names[0] });
    expect(JSON.stringify(list)).not.toContain(m.a1!.idNumber);
    // Last year: the member who joined this year is not due.
    const last = (await baini.get(`/api/membership/registrations?under=${unit.unitId}&year=${year - 1}`)).json();
    expect(last.total).toBe(5);
  });

  it('registers a batch, with progress per child organization', async () => {
    const res = await register(baini, { personIds: ids('a1', 'a2', 'b1') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ count: 3 });
    const registered = (await baini.get(`/api/membership/registrations?under=${unit.unitId}&year=${year}&status=registered`)).json();
    expect(registered.items.map((i: { personId: number }) => i.personId).sort()).toEqual(ids('a1', 'a2', 'b1').sort());
    expect(registered.items[0]).toMatchObject({ status: 'registered', decidedOn: today });
    const open = (await baini.get(`/api/membership/registrations?under=${unit.unitId}&year=${year}&status=unregistered`)).json();
    expect(open.items.map((i: { personId: number }) => i.personId).sort()).toEqual(ids('a3', 'b2', 'newcomer').sort());

    const progress = (await baini.get(`/api/membership/registrations/progress?orgId=${unit.unitId}&year=${year}`)).json();
    expect(progress).toMatchObject({ year, org: { id: unit.unitId }, total: 6, registered: 3, deferred: 0, notRegistered: 0, unregistered: 3, rate: 0.5, late: 0 });
    expect(progress.children).toEqual([
      { id: unit.branchIds[0], name: unit.names[0], shortName: unit.names[0], type: 'branch', total: 3, registered: 2, deferred: 0, notRegistered: 0, unregistered: 1, rate: 0.6667, late: 0 },
      { id: unit.branchIds[1], name: unit.names[1], shortName: unit.names[1], type: 'branch', total: 3, registered: 1, deferred: 0, notRegistered: 0, unregistered: 2, rate: 0.3333, late: 0 },
    ]);
  });

  it('requires a reason to defer or refuse, a date in the year and not in the future', async () => {
    const noNote = await register(baini, { status: 'deferred', personIds: ids('a3') });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.json().message).toBe('暂缓注册须注明原因');
    const refused = await register(baini, { status: 'not_registered', personIds: ids('a3') });
    expect(refused.json().message).toBe('不予注册须注明原因');
    const otherYear = await register(baini, { decidedOn: `${year - 1}-12-30`, personIds: ids('a3') });
    expect(otherYear.json().message).toBe(`注册日期应在${year}年内`);
    const future = await register(baini, { decidedOn: addDays(today, 1), personIds: ids('a3') });
    expect(future.statusCode).toBe(422);
    expect(future.json().message).toContain('注册日期不能晚于今天');
    const deferred = await register(baini, { status: 'deferred', note: '连续6个月未参加团的组织生活', personIds: ids('a3') });
    expect(deferred.statusCode).toBe(200);
    const [row] = await systemRows<{ status: string; note: string }>(t.database, sql`select status, note from registrations where person_id = ${m.a3!.id} and year = ${year}`);
    expect(row).toEqual({ status: 'deferred', note: '连续6个月未参加团的组织生活' });
  });

  it('refuses the whole batch when one person is not an active member or had not yet joined', async () => {
    const res = await register(baini, { personIds: ids('b2', 'left', 'youth') });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe('2人不能办理：已离团员已离团，不是在册团员；普通青年不是共青团员');
    const notYet = await baini.post('/api/membership/registrations', { year: year - 1, status: 'registered', decidedOn: `${year - 1}-03-01`, personIds: ids('newcomer') });
    expect(notYet.statusCode).toBe(422);
    expect(notYet.json().message).toBe(`1人不能办理：新团员于${year}-01-01入团，不能注册${year - 1}年度团籍`);
    const rows = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from registrations where person_id in (${m.b2!.id}, ${m.left!.id}, ${m.youth!.id}, ${m.newcomer!.id})`);
    expect(rows[0]!.n).toBe(0);
  });

  it('refuses a registration dated before the member joined', async () => {
    if (addDays(today, -1).slice(0, 4) !== String(year)) return; // 1 January: no earlier day in the year
    const fresh = await addMember(t, unit.branchIds[1]!, { name: '今日入团', joinedOn: today });
    const res = await register(baini, { decidedOn: addDays(today, -1), personIds: [fresh.id] });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe(`1人不能办理：今日入团的注册日期不能早于入团日期（${today}）`);
    await systemRows(t.database, sql`update people set member_status = 'left' where id = ${fresh.id}`);
  });

  it('keeps one decision per member and year: a new decision replaces the old one', async () => {
    const res = await register(baini, { status: 'not_registered', note: '本人长期不参加组织生活，经支部大会决定不予注册', personIds: ids('a2') });
    expect(res.statusCode).toBe(200);
    const rows = await systemRows<{ status: string }>(t.database, sql`select status from registrations where person_id = ${m.a2!.id} and year = ${year}`);
    expect(rows).toEqual([{ status: 'not_registered' }]);
    const progress = (await baini.get(`/api/membership/registrations/progress?orgId=${unit.unitId}&year=${year}`)).json();
    expect(progress).toMatchObject({ total: 6, registered: 2, deferred: 1, notRegistered: 1, unregistered: 2 });
  });

  it('marks late decisions against a deadline given with the request', async () => {
    const yesterday = addDays(today, -1);
    const late = (await baini.get(`/api/membership/registrations/progress?orgId=${unit.unitId}&year=${year}&deadline=${yesterday}`)).json();
    // Decided today (after yesterday's deadline) or still undecided once it passed: all six.
    expect(late).toMatchObject({ deadline: yesterday, late: 6 });
    const onTime = (await baini.get(`/api/membership/registrations/progress?orgId=${unit.unitId}&year=${year}&deadline=${today}`)).json();
    expect(onTime.late).toBe(0);
    const list = (await baini.get(`/api/membership/registrations?under=${unit.unitId}&year=${year}&deadline=${yesterday}`)).json();
    expect(list.items.every((i: { late: boolean }) => i.late)).toBe(true);
  });

  it('exports the registration list with masked ID numbers', async () => {
    const res = await baini.get(`/api/membership/registrations/export?under=${unit.unitId}&year=${year}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`${year}年度团籍注册名单.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(1, 4)).toEqual(['姓名', '性别', '身份证号']);
    expect(rows.length).toBe(7);
    const a1 = rows.find((r) => r[1] === '注册甲')!;
    expect(a1[3]).toBe(m.a1!.masked);
    expect(a1[7]).toBe('已注册');
    expect(rows.find((r) => r[1] === '注册戊')![7]).toBe('未注册');
    const all = JSON.stringify(rows);
    for (const p of Object.values(m)) expect(all).not.toContain(p.idNumber);
  });

  it('leaves a decision made before a transfer with the organization that made it', async () => {
    const mover = await addMember(t, unit.branchIds[0]!, { name: '注册后转出' });
    expect((await register(baini, { personIds: [mover.id] })).statusCode).toBe(200);
    const [target] = await branchesOf(t, '龙溪镇');
    const tr = (await baini.post('/api/membership/transfers', { personId: mover.id, toOrgId: target!.id, toOrgName: target!.name, reason: '外出务工' })).json();
    expect((await longxi.post(`/api/membership/transfers/${tr.id}/accept`, { onDate: today, decidedBy: '龙溪经办人' })).statusCode).toBe(200);
    const res = await register(longxi, { status: 'deferred', note: '新转入，待核实', personIds: [mover.id] });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(`所选团员中有人的${year}年度团籍注册已由其原所在组织办理，不能在此更改`);
    const rows = await systemRows<{ status: string; org_id: number }>(t.database, sql`select status, org_id from registrations where person_id = ${mover.id}`);
    expect(rows).toEqual([{ status: 'registered', org_id: unit.branchIds[0] }]);
  });

  it('is confined to the caller’s scope and role', async () => {
    expect((await longxi.get(`/api/membership/registrations?under=${unit.unitId}`)).statusCode).toBe(404);
    expect((await longxi.get(`/api/membership/registrations/progress?orgId=${unit.unitId}`)).statusCode).toBe(404);
    expect((await register(longxi, { personIds: ids('b2') })).statusCode).toBe(404);
    const everything = (await longxi.get('/api/membership/registrations?pageSize=500')).json();
    expect(everything.items.map((i: { personId: number }) => i.personId)).not.toContain(m.a1!.id);
    const sec = await loginAs(t.app, 'branch_secretary');
    expect((await register(sec, { personIds: ids('b2') })).statusCode).toBe(404);
    const viewer = await loginAs(t.app, 'county_viewer');
    expect((await viewer.get(`/api/membership/registrations?under=${unit.unitId}`)).json().total).toBe(6);
    expect((await register(viewer, { personIds: ids('b2') })).statusCode).toBe(403);
  });
});

describe('education appraisal (团员教育评议)', () => {
  const appraise = (s: Session, body: Record<string, unknown>) => s.post('/api/membership/appraisals', { year: year - 1, ...body });

  it('records grades in batches and counts them per grade and organization', async () => {
    expect((await appraise(baini, { grade: 'excellent', personIds: ids('a1') })).json()).toEqual({ count: 1 });
    expect((await appraise(baini, { grade: 'qualified', personIds: ids('a2', 'b1') })).statusCode).toBe(200);
    expect((await appraise(baini, { grade: 'unqualified', personIds: m.b2!.id })).statusCode).toBe(200);
    const summary = (await baini.get(`/api/membership/appraisals/summary?orgId=${unit.unitId}&year=${year - 1}`)).json();
    expect(summary).toMatchObject({ year: year - 1, total: 5, excellent: 1, qualified: 2, basicallyQualified: 0, unqualified: 1, none: 1 });
    expect(summary.children.map((c: { id: number; excellent: number; qualified: number; unqualified: number; none: number }) => [c.id, c.excellent, c.qualified, c.unqualified, c.none])).toEqual([
      [unit.branchIds[0], 1, 1, 0, 1],
      [unit.branchIds[1], 0, 1, 1, 0],
    ]);
    const list = (await baini.get(`/api/membership/appraisals?under=${unit.unitId}&year=${year - 1}`)).json();
    expect(list.total).toBe(5);
    expect(list.items.find((i: { personId: number }) => i.personId === m.a1!.id).grade).toBe('excellent');
    const none = (await baini.get(`/api/membership/appraisals?under=${unit.unitId}&year=${year - 1}&grade=none`)).json();
    expect(none.items.map((i: { personId: number }) => i.personId)).toEqual(ids('a3'));
  });

  it('keeps one grade per member and year', async () => {
    expect((await appraise(baini, { grade: 'basically_qualified', personIds: ids('a1') })).statusCode).toBe(200);
    const rows = await systemRows<{ grade: string }>(t.database, sql`select grade from appraisals where person_id = ${m.a1!.id} and year = ${year - 1}`);
    expect(rows).toEqual([{ grade: 'basically_qualified' }]);
  });

  it('refuses a year not yet begun, non-members and members who joined later', async () => {
    const future = await appraise(baini, { year: year + 1, grade: 'qualified', personIds: ids('a1') });
    expect(future.statusCode).toBe(422);
    expect(future.json().message).toBe(`${year + 1}年度尚未开始，不能评议`);
    const bad = await appraise(baini, { grade: 'qualified', personIds: ids('left', 'newcomer', 'a3') });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toBe(`2人不能办理：已离团员已离团，不是在册团员；新团员于${year}-01-01入团，不参加${year - 1}年度评议`);
    const wrongGrade = await appraise(baini, { grade: 'good', personIds: ids('a3') });
    expect(wrongGrade.statusCode).toBe(400);
    expect(wrongGrade.json().message).toContain('评议等次');
    const empty = await appraise(baini, { grade: 'qualified', personIds: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toBe('团员：请至少选择一名团员');
    const [row] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from appraisals where person_id = ${m.a3!.id}`);
    expect(row!.n).toBe(0);
  });

  it('is confined to the caller’s scope', async () => {
    expect((await appraise(longxi, { grade: 'qualified', personIds: ids('a3') })).statusCode).toBe(404);
    expect((await longxi.get(`/api/membership/appraisals/summary?orgId=${unit.unitId}`)).statusCode).toBe(404);
    expect((await longxi.get(`/api/membership/appraisals?under=${unit.unitId}`)).statusCode).toBe(404);
  });
});
