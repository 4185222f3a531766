import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
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
  unit = await makeUnit(t, '白泥镇', '白泥镇离团测试团总支', 2);
  today = todayCn();
  year = thisYear();
  const [a, b] = unit.branchIds as [number, number];
  m.overdue = await addMember(t, a, { name: '超龄甲', birthDate: `${year - 30}-06-15`, politicalStatus: '01' });
  m.moving = await addMember(t, b, { name: '超龄转接', birthDate: `${year - 29}-03-03` });
  m.reached = await addMember(t, a, { name: '超龄乙', birthDate: `${year - 28}-01-01` });
  m.later = await addMember(t, b, { name: '超龄丙', birthDate: `${year - 28}-12-31` });
  m.young1 = await addMember(t, a, { name: '青年一', age: 24 });
  m.young2 = await addMember(t, a, { name: '青年二', age: 25 });
  m.young3 = await addMember(t, b, { name: '青年三', age: 26 });
  // Elsewhere in 白泥镇: 28 now, so due whatever the day; kept out of the unit's due list.
  const elsewhere = await makeUnit(t, '白泥镇', '白泥镇离团测试二团总支', 1);
  m.aged = await addMember(t, elsewhere.branchIds[0]!, { name: '已满龄', age: 28 });
  m.noEvent = await addMember(t, b, { name: '无记录离团', memberStatus: 'left' });
  m.youth = await addMember(t, b, { name: '非团员青年', memberStatus: null });
  // 超龄转接 has a transfer under way to the other branch.
  const tr = await baini.post('/api/membership/transfers', { personId: m.moving.id, toOrgId: a, toOrgName: unit.names[0], reason: '村组调整' });
  if (tr.statusCode !== 200) throw new Error(tr.body);
});
afterAll(() => t?.close());

const person = async (id: number) =>
  (await systemRows<{ member_status: string | null; left_on: string | null; left_reason: string | null }>(
    t.database,
    sql`select member_status, left_on::text as left_on, left_reason from people where id = ${id}`,
  ))[0]!;
const political = async (id: number) =>
  (await systemRows<{ political_status: string }>(t.database, sql`select political_status from people where id = ${id}`))[0]!.political_status;
const events = (id: number) =>
  systemRows<{ kind: string; reason: string; on_date: string; approved_by: string; org_id: number }>(
    t.database,
    sql`select kind, reason, on_date::text as on_date, approved_by, org_id from membership_events where person_id = ${id} order by id`,
  );

describe('members reaching the age limit (超龄离团)', () => {
  it('lists members who reach 28 this year or earlier and have not left', async () => {
    const res = await baini.get(`/api/membership/leaving/due?under=${unit.unitId}&year=${year}`);
    expect(res.statusCode).toBe(200);
    const due = res.json();
    expect(due).toMatchObject({ year, ageLimit: 28, total: 4 });
    expect(due.items.map((i: { name: string; reachesOn: string; overdue: boolean; pendingTransfer: boolean }) => [i.name, i.reachesOn, i.overdue, i.pendingTransfer])).toEqual([
      ['超龄甲', `${year - 2}-06-15`, true, false],
      ['超龄转接', `${year - 1}-03-03`, true, true],
      ['超龄乙', `${year}-01-01`, false, false],
      ['超龄丙', `${year}-12-31`, false, false],
    ]);
    expect(due.items[0].idNumberMasked).toBe(m.overdue!.masked);
    // Next year also lists 青年三 if the 28th birthday falls within it.
    const next = (await baini.get(`/api/membership/leaving/due?under=${unit.unitId}&year=${year + 2}`)).json();
    expect(next.items.map((i: { name: string }) => i.name)).toContain('青年三');
  });

  it('refuses members who have not reached the limit, or whose transfer is under way', async () => {
    const ids = today < `${year}-12-31` ? [m.later!.id, m.young1!.id] : [m.young1!.id];
    const res = await baini.post('/api/membership/leaving/over-age', { personIds: ids, onDate: today, approvedBy: '白泥镇团委' });
    expect(res.statusCode).toBe(422);
    const young1Reaches = (await systemRows<{ d: string }>(t.database, sql`select (birth_date + interval '28 years')::date::text as d from people where id = ${m.young1!.id}`))[0]!.d;
    expect(res.json().message).toContain(`青年一于${young1Reaches}年满28周岁，此前不能办理超龄离团`);
    if (ids.length === 2) expect(res.json().message).toContain(`超龄丙于${year}-12-31年满28周岁，此前不能办理超龄离团`);
    const moving = await baini.post('/api/membership/leaving/over-age', { personIds: [m.moving!.id], onDate: today, approvedBy: '白泥镇团委' });
    expect(moving.json().message).toBe('1人不能办理：超龄转接有待处理的组织关系转接，请先办结');
    expect((await person(m.young1!.id)).member_status).toBe('active');
    expect(await events(m.young1!.id)).toEqual([]);
  });

  it('needs the approval permission', async () => {
    const sec = await loginAs(t.app, 'branch_secretary');
    const res = await sec.post('/api/membership/leaving/over-age', { personIds: [m.reached!.id], onDate: today, approvedBy: '书记' });
    expect(res.statusCode).toBe(403);
  });

  it('lets them leave in a batch, each with an event', async () => {
    const res = await baini.post('/api/membership/leaving/over-age', { personIds: [m.overdue!.id, m.reached!.id], onDate: today, approvedBy: '白泥镇团委' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ count: 2 });
    for (const key of ['overdue', 'reached']) {
      expect(await person(m[key]!.id)).toEqual({ member_status: 'left', left_on: today, left_reason: 'over_age' });
      expect(await events(m[key]!.id)).toEqual([{ kind: 'over_age', reason: '年满28周岁，超龄离团', on_date: today, approved_by: '白泥镇团委', org_id: unit.branchIds[0] }]);
    }
    // A party member stays one; a league member becomes 群众.
    expect(await political(m.overdue!.id)).toBe('01');
    expect(await political(m.reached!.id)).toBe('13');
    const due = (await baini.get(`/api/membership/leaving/due?under=${unit.unitId}&year=${year}`)).json();
    expect(due.items.map((i: { name: string }) => i.name)).toEqual(['超龄转接', '超龄丙']);
    const again = await baini.post('/api/membership/leaving/over-age', { personIds: [m.reached!.id], onDate: today, approvedBy: '白泥镇团委' });
    expect(again.json().message).toBe('1人不能办理：超龄乙已离团，不是在册团员');
  });

  it('exports the due list with masked ID numbers', async () => {
    const res = await baini.get(`/api/membership/leaving/due/export?under=${unit.unitId}&year=${year}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(1, 6)).toEqual(['姓名', '性别', '身份证号', '出生日期', '年满28周岁日期']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['超龄转接', '超龄丙']);
    expect(rows[1]![3]).toBe(m.moving!.masked);
    expect(rows[1]![9]).toBe('往年到龄未办理；组织关系转接中');
    expect(JSON.stringify(rows)).not.toContain(m.moving!.idNumber);
  });
});

describe('退团、除名、开除团籍 and 恢复团籍', () => {
  const leave = (s: Session, id: number, body: Record<string, unknown>) =>
    s.post(`/api/membership/people/${id}/leave`, { kind: 'voluntary', reason: '本人书面申请退团', onDate: today, approvedBy: '白泥镇团委', ...body });
  const reinstate = (s: Session, id: number, body: Record<string, unknown> = {}) =>
    s.post(`/api/membership/people/${id}/reinstate`, { reason: '本人申请恢复，支部大会同意', onDate: today, approvedBy: '白泥镇团委', ...body });

  it('records each way of leaving with reason, date and approver', async () => {
    const res = await leave(baini, m.young1!.id, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ personId: m.young1!.id, personName: '青年一', kind: 'voluntary', reason: '本人书面申请退团', onDate: today, approvedBy: '白泥镇团委', orgId: unit.branchIds[0] });
    expect(await person(m.young1!.id)).toEqual({ member_status: 'left', left_on: today, left_reason: 'voluntary' });
    // No longer 共青团员: 群众.
    expect(await political(m.young1!.id)).toBe('13');
    expect((await leave(baini, m.young2!.id, { kind: 'struck_off', reason: '连续6个月不参加团的组织生活，经教育仍不改正' })).statusCode).toBe(200);
    expect((await leave(baini, m.young3!.id, { kind: 'expelled', reason: '严重违纪' })).statusCode).toBe(200);
    expect((await person(m.young2!.id)).left_reason).toBe('struck_off');
    expect((await person(m.young3!.id)).left_reason).toBe('expelled');
  });

  it('refuses leaving twice, dates outside the membership, other kinds and missing reasons', async () => {
    const twice = await leave(baini, m.young1!.id, {});
    expect(twice.statusCode).toBe(422);
    expect(twice.json().message).toBe('青年一已离团，不是在册团员');
    const early = await leave(baini, m.aged!.id, { onDate: '2019-01-01' });
    expect(early.json().message).toBe('离团日期不能早于入团日期（2020-05-04）');
    const future = await leave(baini, m.aged!.id, { onDate: addDays(today, 1) });
    expect(future.json().message).toBe('离团日期不能晚于今天');
    const overAge = await leave(baini, m.aged!.id, { kind: 'over_age' });
    expect(overAge.statusCode).toBe(400);
    expect(overAge.json().message).toContain('请选择退团、除名或开除团籍');
    const noReason = await leave(baini, m.aged!.id, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('原因');
    const moving = await leave(baini, m.moving!.id, {});
    expect(moving.json().message).toBe('超龄转接有待处理的组织关系转接，请先办结');
    const youth = await leave(baini, m.youth!.id, {});
    expect(youth.json().message).toBe('非团员青年不是共青团员');
    expect((await person(m.aged!.id)).member_status).toBe('active');
  });

  it('reinstates after 退团 or 除名 while under the age limit', async () => {
    const res = await reinstate(baini, m.young1!.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'reinstated', reason: '本人申请恢复，支部大会同意' });
    expect(await person(m.young1!.id)).toEqual({ member_status: 'active', left_on: null, left_reason: null });
    expect(await political(m.young1!.id)).toBe('03');
    expect((await events(m.young1!.id)).map((e) => e.kind)).toEqual(['voluntary', 'reinstated']);
    const active = await reinstate(baini, m.young1!.id);
    expect(active.statusCode).toBe(422);
    expect(active.json().message).toBe('青年一是在册团员，无需恢复团籍');
    const future = await reinstate(baini, m.young2!.id, { onDate: addDays(today, 1) });
    expect(future.json().message).toBe('恢复日期不能晚于今天');
    const before = await reinstate(baini, m.young2!.id, { onDate: addDays(today, -1) });
    expect(before.json().message).toBe(`恢复日期不能早于离团日期（${today}）`);
    expect((await reinstate(baini, m.young2!.id)).statusCode).toBe(200);
  });

  it('does not reinstate after 超龄离团, 开除团籍, or past the age limit, or without a leaving record', async () => {
    expect((await reinstate(baini, m.reached!.id)).json().message).toBe('超龄离团的不能恢复团籍');
    expect((await reinstate(baini, m.young3!.id)).json().message).toBe('被开除团籍的不能恢复团籍');
    // Struck off over a year ago, 28 now.
    const struck = await leave(baini, m.aged!.id, { kind: 'struck_off', reason: '长期不参加组织生活', onDate: addDays(today, -400) });
    expect(struck.statusCode).toBe(200);
    const old = await reinstate(baini, m.aged!.id);
    expect(old.statusCode).toBe(422);
    expect(old.json().message).toBe('已满龄已满28周岁，不能恢复团籍');
    expect((await reinstate(baini, m.noEvent!.id)).json().message).toBe('没有离团记录，不能恢复团籍');
    expect((await reinstate(baini, m.youth!.id)).json().message).toBe('非团员青年不曾是共青团员');
    for (const key of ['reached', 'young3', 'aged']) expect((await person(m[key]!.id)).member_status).toBe('left');
  });

  it('lists the events of a subtree by kind, person and year', async () => {
    const all = (await baini.get(`/api/membership/events?under=${unit.unitId}&pageSize=100`)).json();
    expect(all.total).toBe(7);
    const kinds = (await baini.get(`/api/membership/events?under=${unit.unitId}&kind=reinstated`)).json();
    expect(kinds.items.map((e: { personName: string }) => e.personName).sort()).toEqual(['青年一', '青年二'].sort());
    const one = (await baini.get(`/api/membership/events?personId=${m.young1!.id}`)).json();
    expect(one.items.map((e: { kind: string }) => e.kind)).toEqual(['reinstated', 'voluntary']);
    const lastYear = addDays(today, -400).slice(0, 4);
    const byYear = (await baini.get(`/api/membership/events?personId=${m.aged!.id}&year=${lastYear}`)).json();
    expect(byYear.items.map((e: { kind: string }) => e.kind)).toEqual(['struck_off']);
    const thisYearOnly = (await baini.get(`/api/membership/events?personId=${m.aged!.id}&year=${Number(lastYear) + 1}`)).json();
    expect(thisYearOnly.total).toBe(0);
  });

  it('is confined to the caller’s scope', async () => {
    expect((await leave(longxi, m.young1!.id, {})).statusCode).toBe(404);
    expect((await reinstate(longxi, m.young3!.id)).statusCode).toBe(404);
    expect((await longxi.get(`/api/membership/events?under=${unit.unitId}`)).statusCode).toBe(404);
    expect((await longxi.get(`/api/membership/events?personId=${m.young1!.id}`)).statusCode).toBe(404);
    expect((await longxi.get(`/api/membership/leaving/due?under=${unit.unitId}`)).statusCode).toBe(404);
    const longxiEvents = (await longxi.get('/api/membership/events?pageSize=500')).json();
    expect(longxiEvents.items.map((e: { personId: number }) => e.personId)).not.toContain(m.young1!.id);
    expect((await person(m.young1!.id)).member_status).toBe('active');
  });
});
