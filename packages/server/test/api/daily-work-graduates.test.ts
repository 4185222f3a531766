import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEFAULT_RULES, currentGraduationYear, graduateState } from '@tuanjian/domain';
import { insertPerson, makeIdNumber } from '../factories.js';
import { loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { branchesOf, createDailyWorkApp } from './scope-samples-daily-work.js';

/**
 * 学社衔接 and transfer deadlines, with a controllable clock (TJ_TODAY): a
 * graduating class is listed for transfer, graduates of unknown destination
 * are held in the county's temporary branch, a transfer not handled by its
 * due date climbs to the level above — one more level per further period —
 * and stays pending: never approved, never lost silently.
 */
const realToday = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const G = currentGraduationYear(realToday);
const days = DEFAULT_RULES.dailyWork.graduateTransferDueDays;
const savedToday = process.env.TJ_TODAY;
const setToday = (d: string) => {
  process.env.TJ_TODAY = d;
};

let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let classId: number;
let longxiVillage: { id: number; name: string };
let longxiTown: number;
const grads: Record<string, { id: number; idNumber: string }> = {};

beforeAll(async () => {
  setToday(realToday);
  t = await createDailyWorkApp();
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  longxiVillage = (await branchesOf(t, '龙溪镇')).find((b) => b.name.endsWith('村团支部'))!;
  longxiTown = await orgId(t.database, '共青团余庆县龙溪镇委员会');
  const school = await orgId(t.database, '余庆县中学团委');
  const made = await county.post('/api/orgs', { parentId: school, name: `余庆县中学${G}届高三（9）班团支部`, type: 'branch', sector: 'school', schoolStage: 'senior_middle' });
  classId = made.json().id;
  for (const name of ['毕业甲', '毕业乙', '毕业丙', '毕业丁', '毕业戊', '毕业己']) {
    grads[name] = await insertPerson(t.database, { orgId: classId, name, birthDate: `${G - 18}-03-15`, memberStatus: 'active', joinedOn: `${G - 3}-05-04`, isStudent: true });
  }
});
afterAll(async () => {
  if (savedToday === undefined) delete process.env.TJ_TODAY;
  else process.env.TJ_TODAY = savedToday;
  await t?.close();
});

describe('graduating classes', () => {
  it('marks a school class branch with its graduation year, and nothing else', async () => {
    const village = (await branchesOf(t, '白泥镇')).find((b) => b.name.endsWith('村团支部'))!;
    const refused = await baini.put(`/api/daily-work/graduates/classes/${village.id}`, { graduationYear: G });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toBe('只有学校的班级团支部可以标注毕业年份');
    const ok = await county.put(`/api/daily-work/graduates/classes/${classId}`, { graduationYear: G });
    expect(ok.json()).toEqual({ orgId: classId, graduationYear: G });
    expect((await longxi.put(`/api/daily-work/graduates/classes/${classId}`, { graduationYear: G })).statusCode).toBe(404);
  });

  it('refuses graduate transfers outside a graduating class and without a destination', async () => {
    const village = (await branchesOf(t, '白泥镇')).find((b) => b.name.endsWith('村团支部'))!;
    const [villager] = await systemRows<{ id: number }>(t.database, sql`select id from people where org_id = ${village.id} and member_status = 'active' limit 1`);
    const notClass = await baini.post('/api/daily-work/graduates/transfers', { personIds: [Number(villager!.id)], destination: 'unknown' });
    expect(notClass.statusCode).toBe(422);
    expect(notClass.json().message).toContain('不是毕业班');
    const noTarget = await county.post('/api/daily-work/graduates/transfers', { personIds: [grads['毕业甲']!.id], destination: 'work' });
    expect(noTarget.json().message).toContain('请选择转入组织');
  });

  it('starts transfers: to a work unit (pending with a due date), unknown destination held in the temporary branch', async () => {
    const sent = await county.post('/api/daily-work/graduates/transfers', {
      personIds: [grads['毕业甲']!.id, grads['毕业乙']!.id],
      destination: 'work',
      toOrgId: longxiVillage.id,
      toOrgName: longxiVillage.name,
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ created: 2, held: 0 });
    const [row] = await systemRows<{ kind: string; destination: string; due_on: string; status: string }>(
      t.database,
      sql`select kind, destination, due_on::text as due_on, status from transfers where id = ${sent.json().transferIds[0]}`,
    );
    expect(row).toEqual({ kind: 'graduate', destination: 'work', due_on: addDays(realToday, days), status: 'pending' });
    const again = await county.post('/api/daily-work/graduates/transfers', { personIds: [grads['毕业甲']!.id], destination: 'work', toOrgId: longxiVillage.id, toOrgName: longxiVillage.name });
    expect(again.statusCode).toBe(409);

    const held = await county.post('/api/daily-work/graduates/transfers', { personIds: [grads['毕业丙']!.id], destination: 'unknown' });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ created: 1, held: 1 });
    const temp = await orgId(t.database, '余庆县毕业生临时团支部');
    const [moved] = await systemRows<{ org_id: number }>(t.database, sql`select org_id from people where id = ${grads['毕业丙']!.id}`);
    expect(Number(moved!.org_id)).toBe(temp);

    // The receiving side accepts one through the ordinary transfer route; the other it leaves.
    const accept = await longxi.post(`/api/membership/transfers/${sent.json().transferIds[1]}/accept`, { onDate: realToday, decidedBy: '龙溪经办人' });
    expect(accept.statusCode, accept.body).toBe(200);
    // 毕业丁 is sent back by the receiving side.
    const toBack = await county.post('/api/daily-work/graduates/transfers', { personIds: [grads['毕业丁']!.id], destination: 'community', toOrgId: longxiVillage.id, toOrgName: longxiVillage.name });
    expect((await longxi.post(`/api/membership/transfers/${toBack.json().transferIds[0]}/reject`, { onDate: realToday, decidedBy: '龙溪经办人', reason: '本村无此人' })).statusCode).toBe(200);
  });

  it('the receiving side may ask for a graduate by ID number: the request waits for the sending side, as any transfer request does', async () => {
    const ask = (idNumber: string, personName: string) =>
      longxi.post('/api/daily-work/graduates/transfers/incoming', { idNumber, personName, toOrgId: longxiVillage.id, destination: 'study' });
    const res = await ask(grads['毕业戊']!.idNumber, '毕业戊');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().transfer).toBeNull();
    const [row] = await systemRows<{ id: number; kind: string; initiated_by: string; destination: string; status: string; due_on: string }>(
      t.database,
      sql`select id, kind, initiated_by, destination, status, due_on::text as due_on from transfers where person_id = ${grads['毕业戊']!.id}`,
    );
    expect(row).toMatchObject({ kind: 'graduate', initiated_by: 'receiving', destination: 'study', status: 'pending', due_on: addDays(realToday, days) });
    // The receiving side cannot take the graduate itself; the class's school (here the county holds it) agrees or not.
    const self = await longxi.post(`/api/membership/transfers/${row!.id}/accept`, { onDate: realToday, decidedBy: '龙溪经办人' });
    expect(self.statusCode).toBe(403);
    const [person] = await systemRows<{ org_id: number }>(t.database, sql`select org_id from people where id = ${grads['毕业戊']!.id}`);
    expect(Number(person!.org_id)).toBe(classId);
    expect((await longxi.get(`/api/people/${grads['毕业戊']!.id}`)).statusCode).toBe(404);
    // The same answer, byte for byte, for a wrong name and for a number nobody registered.
    expect((await ask(grads['毕业己']!.idNumber, '冒名顶替')).body).toBe(res.body);
    expect((await ask(makeIdNumber(`${G - 18}-09-09`), '查无此人')).body).toBe(res.body);
    const [other] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from transfers where person_id = ${grads['毕业己']!.id}`);
    expect(other!.n).toBe(0);
  });

  it('counts graduates by state', async () => {
    const expected = (t: Parameters<typeof graduateState>[0]) => graduateState(t, G, realToday, DEFAULT_RULES);
    const notStarted = expected(null);
    const res = (await county.get(`/api/daily-work/graduates/classes?year=${G}`)).json();
    const cls = res.classes.find((c: { orgId: number }) => c.orgId === classId);
    const counts = { not_started: 0, pending: 0, escalated: 0, transferred: 0, held: 0, lost: 0 };
    counts.pending += 2; // 甲 (sent), 戊 (asked for by the receiving side)
    counts.transferred += 1; // 乙
    counts.held += 1; // 丙
    counts[notStarted] += 2; // 丁 (sent back), 己
    expect(cls).toMatchObject({ graduationYear: G, graduates: 6, inClass: 4, counts });
    expect(res.tempBranch).toMatchObject({ name: '余庆县毕业生临时团支部', members: 1, overdue: 0 });
    const members = (await county.get(`/api/daily-work/graduates/classes/${classId}/members`)).json();
    const byName = Object.fromEntries(members.items.map((i: { name: string }) => [i.name, i]));
    expect(byName['毕业乙']).toMatchObject({ state: 'transferred', transfer: { status: 'accepted', destination: 'work', toOrgName: longxiVillage.name } });
    expect(byName['毕业丙']).toMatchObject({ state: 'held', transfer: { destination: 'unknown', toOrgName: '余庆县毕业生临时团支部' } });
    expect(byName['毕业甲'].transfer).toMatchObject({ status: 'pending', dueOn: addDays(realToday, days), escalatedOn: null });
    const xlsx = await county.get(`/api/daily-work/graduates/export?year=${G}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await longxi.get(`/api/daily-work/graduates/classes/${classId}/members`)).statusCode).toBe(404);
  });
});

describe('escalation of unhandled transfers (controllable clock)', () => {
  let transferId: number;

  it('leaves a transfer alone until its due date', async () => {
    const [row] = await systemRows<{ id: number }>(t.database, sql`select id from transfers where person_id = ${grads['毕业甲']!.id} and status = 'pending'`);
    transferId = Number(row!.id);
    setToday(addDays(realToday, days));
    const res = (await county.post('/api/daily-work/transfers/escalate', {})).json();
    expect(res.checked).toBeGreaterThan(0);
    const [current] = await systemRows<{ escalated_on: string | null }>(t.database, sql`select escalated_on from transfers where id = ${transferId}`);
    expect(current!.escalated_on).toBeNull();
    expect((await county.get('/api/daily-work/transfers/overdue')).json().items.map((i: { id: number }) => i.id)).not.toContain(transferId);
  });

  it('the day after, escalates to the level above the receiving branch; it stays pending and the member stays put', async () => {
    setToday(addDays(realToday, days + 1));
    const list = (await longxi.get('/api/daily-work/transfers/overdue')).json();
    const item = list.items.find((i: { id: number }) => i.id === transferId);
    expect(item).toMatchObject({
      kind: 'graduate',
      personName: '毕业甲',
      dueOn: addDays(realToday, days),
      daysLate: 1,
      escalatedOn: addDays(realToday, days + 1),
      escalatedToOrgId: longxiTown,
      escalatedToOrgName: '共青团余庆县龙溪镇委员会',
    });
    const [row] = await systemRows<{ status: string; escalated_to_org_id: number; decided_on: string | null }>(t.database, sql`select status, escalated_to_org_id, decided_on from transfers where id = ${transferId}`);
    expect(row).toMatchObject({ status: 'pending', decided_on: null });
    const [person] = await systemRows<{ org_id: number }>(t.database, sql`select org_id from people where id = ${grads['毕业甲']!.id}`);
    expect(Number(person!.org_id)).toBe(classId);
    // Checking again changes nothing.
    expect((await county.post('/api/daily-work/transfers/escalate', {})).json().escalated).toBe(0);
    const audit = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where entity = 'transfers' and entity_id = ${String(transferId)} and 'escalated_to_org_id' = any(changed)`);
    expect(audit[0]!.n).toBe(1);
    const cls = (await county.get(`/api/daily-work/graduates/classes?year=${G}`)).json().classes.find((c: { orgId: number }) => c.orgId === classId);
    expect(cls.counts.escalated).toBe(2); // 甲 and 戊, both unhandled past their due dates
  });

  it('one period later it climbs to the county; still pending, never approved', async () => {
    setToday(addDays(realToday, 2 * days + 1));
    const res = (await county.post('/api/daily-work/transfers/escalate', { under: await orgId(t.database, '共青团余庆县委员会') })).json();
    expect(res.escalated).toBeGreaterThanOrEqual(1);
    const item = (await county.get('/api/daily-work/transfers/overdue?kind=graduate')).json().items.find((i: { id: number }) => i.id === transferId);
    expect(item).toMatchObject({ escalatedToOrgId: await orgId(t.database, '共青团余庆县委员会'), escalatedToOrgName: '共青团余庆县委员会', escalatedOn: addDays(realToday, 2 * days + 1), daysLate: days + 1 });
    // 龙溪镇 still sees the transfer it must handle, without the name of the county above it.
    const seen = (await longxi.get('/api/daily-work/transfers/overdue')).json().items.find((i: { id: number }) => i.id === transferId);
    expect(seen).toMatchObject({ escalatedToOrgName: null, toOrgName: longxiVillage.name });
    const [row] = await systemRows<{ status: string }>(t.database, sql`select status from transfers where id = ${transferId}`);
    expect(row!.status).toBe('pending');
    const xlsx = await county.get('/api/daily-work/transfers/overdue/export');
    expect(xlsx.statusCode).toBe(200);
  });

  it('a regular transfer escalates after the regular deadline from its request date', async () => {
    setToday(realToday);
    const village = (await branchesOf(t, '白泥镇')).find((b) => b.name.endsWith('村团支部'))!;
    const p = await insertPerson(t.database, { orgId: village.id, name: '普通转接', birthDate: '2001-02-03', memberStatus: 'active' });
    const req = await baini.post('/api/membership/transfers', { personId: p.id, toOrgId: longxiVillage.id, toOrgName: longxiVillage.name, reason: '外出务工' });
    expect(req.statusCode, req.body).toBe(200);
    setToday(addDays(realToday, DEFAULT_RULES.dailyWork.transferDueDays + 1));
    const item = (await baini.get('/api/daily-work/transfers/overdue?kind=regular')).json().items.find((i: { id: number }) => i.id === req.json().id);
    // The sending side cannot see the receiving branch, so it cannot escalate it; it still sees it overdue.
    expect(item).toMatchObject({ kind: 'regular', dueOn: addDays(realToday, DEFAULT_RULES.dailyWork.transferDueDays), daysLate: 1 });
    const escalated = (await longxi.get('/api/daily-work/transfers/overdue?kind=regular')).json().items.find((i: { id: number }) => i.id === req.json().id);
    expect(escalated).toMatchObject({ escalatedToOrgId: longxiTown });
  });

  it('lost: graduates held without a destination or never transferred past the graduate deadline', async () => {
    setToday(addDays(realToday, days + 1));
    const res = (await county.get(`/api/daily-work/graduates/classes?year=${G}`)).json();
    const cls = res.classes.find((c: { orgId: number }) => c.orgId === classId);
    expect(cls.counts.held).toBe(0);
    expect(cls.counts.lost).toBe(3); // 丙 held too long, 丁 sent back, 己 never started
    expect(res.tempBranch).toMatchObject({ members: 1, overdue: 1 });
  });
});

describe('a township school uses the county’s temporary branch', () => {
  it('sends graduates of unknown destination there; the county takes them in', async () => {
    setToday(realToday);
    const general = await orgId(t.database, '余庆县白泥镇中学团总支');
    const cls = await county.post('/api/orgs', { parentId: general, name: `白泥镇中学${G}届九年级（9）班团支部`, type: 'branch', sector: 'school', schoolStage: 'junior_middle' });
    const id = cls.json().id;
    expect((await baini.put(`/api/daily-work/graduates/classes/${id}`, { graduationYear: G })).statusCode).toBe(200);
    const p = await insertPerson(t.database, { orgId: id, name: '镇中毕业', birthDate: `${G - 15}-05-05`, memberStatus: 'active', joinedOn: `${G - 1}-05-04`, isStudent: true });
    const res = await baini.post('/api/daily-work/graduates/transfers', { personIds: [p.id], destination: 'unknown' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, held: 0 });
    const [row] = await systemRows<{ to_org_id: number; status: string }>(t.database, sql`select to_org_id, status from transfers where id = ${res.json().transferIds[0]}`);
    expect(Number(row!.to_org_id)).toBe(await orgId(t.database, '余庆县毕业生临时团支部'));
    expect(row!.status).toBe('pending');
    const taken = await county.post(`/api/membership/transfers/${res.json().transferIds[0]}/accept`, { onDate: realToday, decidedBy: '县团委经办人' });
    expect(taken.statusCode, taken.body).toBe(200);
    const list = (await baini.get(`/api/daily-work/graduates/classes/${id}/members`)).json();
    expect(list.items[0]).toMatchObject({ name: '镇中毕业', state: 'held' });
  });
});
