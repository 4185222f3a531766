import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { insertPerson } from '../factories.js';
import { loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { CapturingSms, branchesOf, createDailyWorkApp, thisYear, todayCn, memberSession as sharedMemberSession } from './scope-samples-daily-work.js';

/**
 * 团员自助: a member's own record, history, registrations, dues and
 * transfers, a transfer application and correction requests — limited to
 * the member's own person, with self:read / self:write only.
 */
let t: TestContext;
let secretary: Session;
let member: Session;
let branch: number;
let personId: number;
let otherId: number;
const Y = thisYear();
const today = todayCn();

const memberSession = (pid: number, password: string) => sharedMemberSession(t, secretary, pid, password);

beforeAll(async () => {
  t = await createDailyWorkApp({ sms: new CapturingSms() });
  secretary = await loginAs(t.app, 'branch_secretary');
  const [row] = await systemRows<{ scope_org_id: number }>(t.database, sql`select scope_org_id from accounts where username = 'branch_secretary'`);
  branch = Number(row!.scope_org_id);
  const me = await insertPerson(t.database, { orgId: branch, name: '自助团员', birthDate: '2002-02-02', memberStatus: 'active', joinedOn: `${Y - 3}-05-04` });
  personId = me.id;
  otherId = (await insertPerson(t.database, { orgId: branch, name: '同支部团员', memberStatus: 'active' })).id;
  await systemRows(t.database, sql`update people set phone = '13985020002', pioneer_joined_on = '2009-06-01' where id = ${personId} returning id`);
  member = (await memberSession(personId, 'Ziji2026pass')).session;
});
afterAll(() => t?.close());

describe('own record', () => {
  it('shows the member’s own record and nothing of anybody else', async () => {
    const me = (await member.get('/api/daily-work/portal/me')).json();
    expect(me).toMatchObject({ personId, name: '自助团员', orgId: branch, memberStatus: 'active', phone: '13985020002', pendingTransfer: false });
    expect(me.idNumberMasked).toMatch(/^\d{4}\*{10}/);
    expect(me.dues.year).toBe(Y);
    // The member role has self:read/self:write only.
    expect((await member.get(`/api/people/${otherId}`)).statusCode).toBe(403);
    expect((await member.get('/api/daily-work/dues/ledger?orgId=' + branch)).statusCode).toBe(403);
    expect((await member.get('/api/membership/transfers')).statusCode).toBe(403);
    // An administrator has no person behind the account.
    const admin = await loginAs(t.app, 'baini_admin');
    const notMember = await admin.get('/api/daily-work/portal/me');
    expect(notMember.statusCode).toBe(403);
    expect(notMember.json().error).toBe('not_member_account');
  });

  it('shows the growth record, registrations and appraisals', async () => {
    await secretary.post('/api/membership/registrations', { year: Y, status: 'registered', decidedOn: today, personIds: [personId] });
    const history = (await member.get('/api/daily-work/portal/history')).json();
    expect(history.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['pioneer', 'joined', 'registration']));
    const regs = (await member.get('/api/daily-work/portal/registrations')).json();
    expect(regs.registrations[0]).toMatchObject({ year: Y, status: 'registered', statusLabel: '已注册', decidedOn: today });
  });

  it('shows dues month by month, with what is owed', async () => {
    const jan = `${Y}-01`;
    await secretary.post('/api/daily-work/dues/payments', { personId, period: jan, paidOn: `${Y}-01-15` <= today ? `${Y}-01-15` : today, method: 'online', receiptNo: `WX-PORTAL-${Y}` });
    const dues = (await member.get(`/api/daily-work/portal/dues?year=${Y}`)).json();
    expect(dues).toMatchObject({ year: Y, dueFen: 20, exempt: false, paidFen: 20 });
    expect(dues.months[0]).toMatchObject({ period: jan, dueFen: 20, owed: false, payment: { amountFen: 20, method: 'online', receiptNo: `WX-PORTAL-${Y}` } });
    const currentMonth = Number(today.slice(5, 7));
    expect(dues.months).toHaveLength(12);
    expect(dues.months.filter((m: { owed: boolean }) => m.owed)).toHaveLength(currentMonth - 1);
    expect(dues.owedFen).toBe((currentMonth - 1) * 20);
    const me = (await member.get('/api/daily-work/portal/me')).json();
    expect(me.dues).toMatchObject({ paidFen: 20, unpaidMonths: currentMonth - 1 });
  });
});

describe('transfer application', () => {
  it('applies through the branch: a pending member-initiated transfer with a due date', async () => {
    const target = (await branchesOf(t, '龙溪镇')).find((b) => b.name.endsWith('村团支部'))!;
    const found = (await member.get(`/api/daily-work/portal/org-directory?q=${encodeURIComponent(target.name)}`)).json();
    expect(found[0]).toMatchObject({ id: target.id, name: target.name, canReceive: true });
    const res = await member.post('/api/daily-work/portal/transfers', { toOrgId: target.id, toOrgName: target.name, reason: '到龙溪镇务工' });
    expect(res.statusCode, res.body).toBe(200);
    const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    expect(res.json()).toMatchObject({ kind: 'regular', status: 'pending', toOrgName: null, reason: '到龙溪镇务工', dueOn: addDays(today, 30) });
    const [row] = await systemRows<{ initiated_by: string }>(t.database, sql`select initiated_by from transfers where id = ${res.json().id}`);
    expect(row!.initiated_by).toBe('member');
    expect((await member.get('/api/daily-work/portal/transfers')).json().map((x: { id: number }) => x.id)).toEqual([res.json().id]);
    expect((await member.get('/api/daily-work/portal/me')).json().pendingTransfer).toBe(true);
    const again = await member.post('/api/daily-work/portal/transfers', { toOrgId: target.id, toOrgName: target.name, reason: '再申请一次' });
    expect(again.statusCode).toBe(409);
    // The branch sees the application.
    const seen = (await secretary.get('/api/membership/transfers?direction=out&status=pending')).json();
    expect(seen.items.find((i: { id: number }) => i.id === res.json().id)).toMatchObject({ initiatedBy: 'member', personName: '自助团员' });
  });
});

describe('correction requests', () => {
  it('goes to the branch, which marks it done; the member sees the outcome', async () => {
    const req = await member.post('/api/daily-work/portal/corrections', { field: 'education', value: '大学专科', note: '已取得毕业证' });
    expect(req.statusCode, req.body).toBe(200);
    const request = req.json();
    expect(request).toMatchObject({ personId, personName: '自助团员', field: 'education', value: '大学专科', status: 'open', orgId: branch });
    const list = (await secretary.get('/api/daily-work/corrections?status=open')).json();
    expect(list.map((c: { id: number }) => c.id)).toContain(request.id);
    const longxi = await loginAs(t.app, 'longxi_admin');
    expect((await longxi.post('/api/daily-work/corrections/resolve', { personId, requestId: request.id, accepted: true, note: '越权' })).statusCode).toBe(404);
    expect(JSON.stringify((await longxi.get('/api/daily-work/corrections')).json())).not.toContain('自助团员');
    const wrongPerson = await secretary.post('/api/daily-work/corrections/resolve', { personId: otherId, requestId: request.id, accepted: true, note: '对错人' });
    expect(wrongPerson.statusCode).toBe(404);
    const done = await secretary.post('/api/daily-work/corrections/resolve', { personId, requestId: request.id, accepted: true, note: '已核实并修改学历' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'accepted', resolution: '已核实并修改学历' });
    expect((await secretary.post('/api/daily-work/corrections/resolve', { personId, requestId: request.id, accepted: false, note: '再办一次' })).statusCode).toBe(409);
    expect((await member.get('/api/daily-work/portal/corrections')).json().find((c: { id: number }) => c.id === request.id)).toMatchObject({ status: 'accepted' });
    expect((await secretary.get('/api/daily-work/corrections/export')).statusCode).toBe(200);
    // Phone numbers are kept masked, like everywhere in the audit log.
    const phone = (await member.post('/api/daily-work/portal/corrections', { field: 'phone', value: '13985029999' })).json();
    expect(phone.value).toBe('139****9999');
    // Another member of the branch does not see it.
    const other = (await memberSession(otherId, 'Tongzhibu2026')).session;
    expect((await other.get('/api/daily-work/portal/corrections')).json()).toEqual([]);
  });
});

describe('after a transfer', () => {
  it('the portal tells the member to ask the new branch; the new branch’s code moves the account along', async () => {
    const [tr] = await systemRows<{ id: number; to_org_id: number }>(t.database, sql`select id, to_org_id from transfers where person_id = ${personId} and status = 'pending'`);
    const longxi = await loginAs(t.app, 'longxi_admin');
    expect((await longxi.post(`/api/membership/transfers/${tr!.id}/accept`, { onDate: today, decidedBy: '龙溪经办人' })).statusCode).toBe(200);
    const moved = await member.get('/api/daily-work/portal/me');
    expect(moved.statusCode).toBe(409);
    expect(moved.json().error).toBe('portal_moved');
    const issued = await longxi.post('/api/daily-work/resets/issue', { personIds: [personId] });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().codes[0].accountCreated).toBe(false);
    const [acc] = await systemRows<{ scope_org_id: number }>(t.database, sql`select scope_org_id from accounts where person_id = ${personId}`);
    expect(Number(acc!.scope_org_id)).toBe(Number(tr!.to_org_id));
    expect((await member.get('/api/daily-work/portal/me')).json()).toMatchObject({ orgId: Number(tr!.to_org_id) });
    void orgId;
  });
});
