import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEFAULT_RULES } from '@tuanjian/domain';
import { makeIdNumber } from '../factories.js';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { addDays, addMember, makeUnit, todayCn } from './scope-samples-membership.js';

let t: TestContext;
let baini: Session;
let longxi: Session;
let viewer: Session;
let bainiUnit: { unitId: number; branchIds: number[]; names: string[] };
let longxiUnit: { unitId: number; branchIds: number[]; names: string[] };
let today: string;

beforeAll(async () => {
  t = await createTestApp();
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  viewer = await loginAs(t.app, 'county_viewer');
  bainiUnit = await makeUnit(t, '白泥镇', '白泥镇转接测试团总支', 2);
  longxiUnit = await makeUnit(t, '龙溪镇', '龙溪镇转接测试团总支', 2);
  today = todayCn();
});
afterAll(() => t?.close());

const orgOf = async (personId: number) =>
  Number((await systemRows<{ org_id: number }>(t.database, sql`select org_id from people where id = ${personId}`))[0]!.org_id);

/** The sending side's request to a longxi branch, as the UI sends it after a directory search. */
const toLongxi = (personId: number, i = 0, reason = '外出务工，工作单位变动') => ({
  personId,
  toOrgId: longxiUnit.branchIds[i]!,
  toOrgName: longxiUnit.names[i]!,
  reason,
});

describe('organization directory', () => {
  it('finds active organizations anywhere by name, and tells which can receive members', async () => {
    const res = await baini.get(`/api/membership/org-directory?q=${encodeURIComponent('龙溪镇转接测试')}`);
    expect(res.statusCode).toBe(200);
    const entries = res.json() as { id: number; name: string; type: string; canReceive: boolean }[];
    expect(entries.map((e) => e.id).sort()).toEqual([longxiUnit.unitId, ...longxiUnit.branchIds].sort());
    expect(entries.find((e) => e.id === longxiUnit.unitId)!.canReceive).toBe(false);
    expect(entries.find((e) => e.id === longxiUnit.branchIds[0])!.canReceive).toBe(true);
    const short = await baini.get(`/api/membership/org-directory?q=${encodeURIComponent('龙')}`);
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('请至少输入2个字');
  });
});

describe('transfer requested by the sending side', () => {
  it('goes to the receiving side, who accepts it; the member moves in one step', async () => {
    const p = await addMember(t, bainiUnit.branchIds[0]!, { name: '转出甲' });
    const req = await baini.post('/api/membership/transfers', toLongxi(p.id));
    expect(req.statusCode, req.body).toBe(200);
    const sent = req.json();
    expect(sent).toMatchObject({
      personId: p.id,
      personName: '转出甲',
      personIdMasked: p.masked,
      fromOrgId: bainiUnit.branchIds[0],
      fromOrgName: '白泥镇转接测试团总支第1团支部',
      toOrgId: longxiUnit.branchIds[0],
      // The receiving branch is outside 白泥镇's scope: its name is not disclosed through the list.
      toOrgName: null,
      direction: 'out',
      initiatedBy: 'sending',
      status: 'pending',
      requestedOn: today,
      can: { accept: false, reject: false, cancel: true },
    });

    // The receiving side sees the request (name and masked ID) but not the person's record yet.
    const incoming = (await longxi.get(`/api/membership/transfers?direction=in&status=pending&under=${longxiUnit.unitId}`)).json();
    const seen = incoming.items.find((i: { id: number }) => i.id === sent.id);
    expect(seen).toMatchObject({ personName: '转出甲', personIdMasked: p.masked, fromOrgName: null, direction: 'in', can: { accept: true, reject: true, cancel: false } });
    expect(JSON.stringify(incoming)).not.toContain(p.idNumber);
    expect((await longxi.get(`/api/membership/people/${p.id}/growth`)).statusCode).toBe(404);
    // Nothing moved while pending.
    expect(await orgOf(p.id)).toBe(bainiUnit.branchIds[0]);

    const accepted = await longxi.post(`/api/membership/transfers/${sent.id}/accept`, { onDate: today, decidedBy: '龙溪经办人' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', decidedOn: today, decidedBy: '龙溪经办人', can: { accept: false, reject: false, cancel: false } });
    expect(await orgOf(p.id)).toBe(longxiUnit.branchIds[0]);

    // Now the member is 龙溪镇's and no longer 白泥镇's.
    expect((await longxi.get(`/api/membership/people/${p.id}/growth`)).statusCode).toBe(200);
    expect((await baini.get(`/api/membership/people/${p.id}/growth`)).statusCode).toBe(404);
    // Both sides keep the history.
    const history = (await baini.get(`/api/membership/transfers?direction=out&under=${bainiUnit.unitId}`)).json();
    expect(history.items.find((i: { id: number }) => i.id === sent.id)).toMatchObject({ status: 'accepted', personName: '转出甲' });
    // A second acceptance is refused.
    const again = await longxi.post(`/api/membership/transfers/${sent.id}/accept`, { onDate: today, decidedBy: '龙溪经办人' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该转接已转入，不能再接收');
  });

  it('records a request made by the member through the sending branch', async () => {
    const p = await addMember(t, bainiUnit.branchIds[0]!, { name: '本人申请' });
    const res = await baini.post('/api/membership/transfers', { ...toLongxi(p.id), byMember: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ initiatedBy: 'member', can: { cancel: true, reject: false } });
    const seen = (await longxi.get('/api/membership/transfers?direction=in&status=pending')).json().items.find((i: { id: number }) => i.id === res.json().id);
    expect(seen.can).toEqual({ accept: true, reject: true, cancel: false });
  });

  it('refuses members who are not active, targets that are not branches, the own branch and unknown targets', async () => {
    const youth = await addMember(t, bainiUnit.branchIds[0]!, { name: '非团员', memberStatus: null });
    const left = await addMember(t, bainiUnit.branchIds[0]!, { name: '已离团', memberStatus: 'left' });
    const ok = await addMember(t, bainiUnit.branchIds[0]!, { name: '正常团员' });
    const r1 = await baini.post('/api/membership/transfers', toLongxi(youth.id));
    expect(r1.statusCode).toBe(422);
    expect(r1.json().message).toBe('非团员不是共青团员，只有在册团员可以转接组织关系');
    const r2 = await baini.post('/api/membership/transfers', toLongxi(left.id));
    expect(r2.json().message).toBe('已离团已离团，不是在册团员，只有在册团员可以转接组织关系');

    const longxiTown = await orgId(t.database, '共青团余庆县龙溪镇委员会');
    const r3 = await baini.post('/api/membership/transfers', { ...toLongxi(ok.id), toOrgId: longxiTown, toOrgName: '共青团余庆县龙溪镇委员会' });
    expect(r3.statusCode).toBe(422);
    expect(r3.json().message).toBe('转入组织须为团支部或联合团支部');

    const same = await baini.post('/api/membership/transfers', { ...toLongxi(ok.id), toOrgId: bainiUnit.branchIds[0], toOrgName: bainiUnit.names[0] });
    expect(same.json().message).toBe('转入组织与团员当前所在组织相同');

    // An id outside the caller's scope must be found in the directory under the name given.
    const wrongName = await baini.post('/api/membership/transfers', { ...toLongxi(ok.id), toOrgName: '不存在的团支部' });
    expect(wrongName.statusCode).toBe(422);
    expect(wrongName.json().message).toBe('转入组织不存在或已撤销');
    const dissolved = await orgId(t.database, '白泥镇页岩砖厂团支部');
    const r4 = await baini.post('/api/membership/transfers', { ...toLongxi(ok.id), toOrgId: dissolved, toOrgName: '白泥镇页岩砖厂团支部' });
    expect(r4.json().message).toBe('转入组织不存在或已撤销');

    const invalid = await baini.post('/api/membership/transfers', { personId: ok.id, toOrgId: longxiUnit.branchIds[0] });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toContain('转接原因');

    const rows = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from transfers where person_id in (${youth.id}, ${left.id}, ${ok.id})`);
    expect(rows[0]!.n).toBe(0);
  });

  it('allows one pending transfer per member', async () => {
    const p = await addMember(t, bainiUnit.branchIds[0]!, { name: '重复申请' });
    const internal = { personId: p.id, toOrgId: bainiUnit.branchIds[1], toOrgName: bainiUnit.names[1], reason: '村组调整' };
    expect((await baini.post('/api/membership/transfers', internal)).statusCode).toBe(200);
    const dup = await baini.post('/api/membership/transfers', toLongxi(p.id, 1));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('该团员已有一项待处理的组织关系转接，请先办结');
    // 龙溪镇 cannot see that transfer (both sides are in 白泥镇): its request is recorded like any other and matches nobody.
    const fromLongxi = await longxi.post('/api/membership/transfers/incoming', {
      idNumber: p.idNumber,
      personName: '重复申请',
      toOrgId: longxiUnit.branchIds[1],
      reason: '回乡就业',
    });
    expect(fromLongxi.statusCode).toBe(200);
    expect(fromLongxi.json().transfer).toBeNull();
    const rows = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from transfers where person_id = ${p.id} and status = 'pending'`);
    expect(rows[0]!.n).toBe(1);
  });

  it('is sent back by the receiving side with a reason, or withdrawn by the sender, never the other way round', async () => {
    const p = await addMember(t, bainiUnit.branchIds[0]!, { name: '退回测试' });
    const first = (await baini.post('/api/membership/transfers', toLongxi(p.id))).json();
    const selfReject = await baini.post(`/api/membership/transfers/${first.id}/reject`, { onDate: today, decidedBy: '白泥经办人', reason: '误操作' });
    expect(selfReject.statusCode).toBe(403);
    expect(selfReject.json().message).toBe('发起方不能退回自己发起的转接，如需取消请撤回');
    const otherCancel = await longxi.post(`/api/membership/transfers/${first.id}/cancel`, {});
    expect(otherCancel.statusCode).toBe(403);
    expect(otherCancel.json().message).toBe('只有发起方可以撤回该转接');
    const senderAccept = await baini.post(`/api/membership/transfers/${first.id}/accept`, { onDate: today, decidedBy: '白泥经办人' });
    expect(senderAccept.statusCode).toBe(403);
    expect(senderAccept.json().message).toBe('只有转入组织可以接收该转接');

    const noReason = await longxi.post(`/api/membership/transfers/${first.id}/reject`, { onDate: today, decidedBy: '龙溪经办人' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('退回原因');
    const early = await longxi.post(`/api/membership/transfers/${first.id}/reject`, { onDate: addDays(today, -1), decidedBy: '龙溪经办人', reason: '材料不全' });
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toBe(`办理日期不能早于申请日期（${today}）`);
    const future = await longxi.post(`/api/membership/transfers/${first.id}/reject`, { onDate: addDays(today, 1), decidedBy: '龙溪经办人', reason: '材料不全' });
    expect(future.json().message).toBe('办理日期不能晚于今天');

    const rejected = await longxi.post(`/api/membership/transfers/${first.id}/reject`, { onDate: today, decidedBy: '龙溪经办人', reason: '本支部无法接收，请转入所在村团支部' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', note: '本支部无法接收，请转入所在村团支部', decidedBy: '龙溪经办人' });
    const cancelLate = await baini.post(`/api/membership/transfers/${first.id}/cancel`, {});
    expect(cancelLate.statusCode).toBe(409);
    expect(cancelLate.json().message).toBe('该转接已退回，不能再撤回');
    expect(await orgOf(p.id)).toBe(bainiUnit.branchIds[0]);

    // A new request is possible once the first is closed; the sender withdraws it.
    const second = (await baini.post('/api/membership/transfers', toLongxi(p.id, 1))).json();
    const cancelled = await baini.post(`/api/membership/transfers/${second.id}/cancel`, { note: '本人改变主意' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', decidedOn: today, note: '本人改变主意' });
    expect(await orgOf(p.id)).toBe(bainiUnit.branchIds[0]);

    const history = (await baini.get(`/api/membership/transfers?under=${bainiUnit.unitId}&q=${encodeURIComponent('退回测试')}`)).json();
    expect(history.items.map((i: { status: string }) => i.status).sort()).toEqual(['cancelled', 'rejected']);
    const onlyRejected = (await baini.get(`/api/membership/transfers?under=${bainiUnit.unitId}&status=rejected&q=${encodeURIComponent('退回测试')}`)).json();
    expect(onlyRejected.total).toBe(1);
  });

  it('is not completed when the member is no longer in the sending branch or the receiving branch was dissolved', async () => {
    const moved = await addMember(t, bainiUnit.branchIds[0]!, { name: '已调走' });
    const tr = (await baini.post('/api/membership/transfers', toLongxi(moved.id))).json();
    await systemRows(t.database, sql`update people set org_id = ${bainiUnit.branchIds[1]} where id = ${moved.id}`);
    const res = await longxi.post(`/api/membership/transfers/${tr.id}/accept`, { onDate: today, decidedBy: '龙溪经办人' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('该团员已不在转出组织，无法接收，请退回该转接');
    expect(await orgOf(moved.id)).toBe(bainiUnit.branchIds[1]);
    const [row] = await systemRows<{ status: string }>(t.database, sql`select status from transfers where id = ${tr.id}`);
    expect(row!.status).toBe('pending');

    const p = await addMember(t, bainiUnit.branchIds[0]!, { name: '目标撤销' });
    const tr2 = (await baini.post('/api/membership/transfers', toLongxi(p.id, 1))).json();
    await systemRows(t.database, sql`update organizations set status = 'dissolved', dissolved_on = ${today}::date where id = ${longxiUnit.branchIds[1]}`);
    try {
      const res2 = await longxi.post(`/api/membership/transfers/${tr2.id}/accept`, { onDate: today, decidedBy: '龙溪经办人' });
      expect(res2.statusCode).toBe(409);
      expect(res2.json().message).toBe('转入组织已撤销，不能接收，请退回该转接');
      expect(await orgOf(p.id)).toBe(bainiUnit.branchIds[0]);
    } finally {
      await systemRows(t.database, sql`update organizations set status = 'active', dissolved_on = null where id = ${longxiUnit.branchIds[1]}`);
    }
  });
});

describe('transfer requested by the receiving side (both sides consent)', () => {
  const incoming = (session: Session, idNumber: string, personName: string, toOrgId: number, reason = '在龙溪镇就业') =>
    session.post('/api/membership/transfers/incoming', { idNumber, personName, toOrgId, reason });
  /** The receiving side's view of its requests for one name. */
  const requestsOf = async (session: Session, name: string) =>
    (await session.get(`/api/membership/transfers?direction=in&q=${encodeURIComponent(name)}&pageSize=100`)).json().items as Record<string, unknown>[];

  it('longxi_admin cannot pull a 白泥镇 member: the request waits, nothing moves, the record stays unreadable until 白泥镇 agrees', async () => {
    const p = await addMember(t, bainiUnit.branchIds[1]!, { name: '转入乙' });
    const res = await incoming(longxi, p.idNumber.toLowerCase(), '转入乙', longxiUnit.branchIds[0]!);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().transfer).toBeNull();
    expect(res.json().message).toContain('等待转出组织答复');
    expect(res.body).not.toContain('白泥');

    const [mine] = await requestsOf(longxi, '转入乙');
    expect(mine).toMatchObject({
      personId: null,
      personName: '转入乙',
      personIdMasked: p.masked,
      fromOrgId: null,
      fromOrgName: null,
      toOrgName: '龙溪镇转接测试团总支第1团支部',
      initiatedBy: 'receiving',
      status: 'pending',
      direction: 'in',
      overdue: false,
      acceptAs: null,
      can: { accept: false, reject: false, cancel: true },
    });
    const id = mine!.id as number;
    const self = await longxi.post(`/api/membership/transfers/${id}/accept`, { onDate: today, decidedBy: '龙溪经办人' });
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toBe('转入组织的申请须经转出组织同意，不能自行接收');
    expect(await orgOf(p.id)).toBe(bainiUnit.branchIds[1]);
    expect((await longxi.get(`/api/people/${p.id}`)).statusCode).toBe(404);
    expect((await longxi.get(`/api/membership/people/${p.id}/growth`)).statusCode).toBe(404);

    // 白泥镇 sees the request with its member, and agrees: then the member moves.
    const out = (await baini.get(`/api/membership/transfers?direction=out&status=pending&under=${bainiUnit.unitId}`)).json();
    expect(out.items.find((i: { id: number }) => i.id === id)).toMatchObject({
      personId: p.id,
      fromOrgId: bainiUnit.branchIds[1],
      direction: 'out',
      acceptAs: 'release',
      can: { accept: true, reject: true, cancel: false },
    });
    const agreed = await baini.post(`/api/membership/transfers/${id}/accept`, { onDate: today, decidedBy: '白泥经办人' });
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.json()).toMatchObject({ status: 'accepted', decidedBy: '白泥经办人' });
    expect(await orgOf(p.id)).toBe(longxiUnit.branchIds[0]);
    expect((await longxi.get(`/api/people/${p.id}`)).statusCode).toBe(200);
    const [after] = await requestsOf(longxi, '转入乙');
    expect(after).toMatchObject({ personId: p.id, fromOrgId: bainiUnit.branchIds[1], status: 'accepted' });
  });

  it('both sides see the transfer and its audit rows (the request, the answer and the move)', async () => {
    const p = await addMember(t, bainiUnit.branchIds[0]!, { name: '审计可见' });
    await incoming(longxi, p.idNumber, '审计可见', longxiUnit.branchIds[1]!);
    const [req] = await requestsOf(longxi, '审计可见');
    const id = req!.id as number;
    const auditOf = async (s: Session, entity: string, entityId: number) =>
      (await s.get(`/api/audit?entity=${entity}&entityId=${entityId}&pageSize=100`)).json().items as { action: string; after: Record<string, unknown> | null; changed: string[] }[];
    // Before 白泥镇 answers: both see the request's row; the receiving side's copy names neither the person nor the sending branch.
    const early = await auditOf(longxi, 'transfers', id);
    expect(early.map((r) => r.action)).toEqual(['insert']);
    expect(Object.keys(early[0]!.after!)).not.toContain('person_id');
    expect(Object.keys(early[0]!.after!)).not.toContain('from_org_id');
    expect((await auditOf(baini, 'transfers', id)).map((r) => r.action)).toEqual(['insert']);
    // Filtered by its own organization, the sending township finds the rows it is the other side of.
    const filtered = (await baini.get(`/api/audit?entity=transfers&entityId=${id}&orgId=${bainiUnit.unitId}`)).json();
    expect(filtered.total).toBe(1);

    expect((await baini.post(`/api/membership/transfers/${id}/accept`, { onDate: today, decidedBy: '白泥经办人' })).statusCode).toBe(200);
    for (const side of [longxi, baini]) {
      const rows = await auditOf(side, 'transfers', id);
      expect(rows.map((r) => r.action).sort()).toEqual(['insert', 'update']);
      expect(rows.find((r) => r.action === 'update')!.after).toMatchObject({ status: 'accepted', decided_by: '白泥经办人' });
      const moves = (await auditOf(side, 'people', p.id)).filter((r) => r.changed.includes('org_id'));
      expect(moves).toHaveLength(1);
      expect(moves[0]!.after).toMatchObject({ org_id: longxiUnit.branchIds[1] });
    }
  });

  it('the wrong name never moves anybody; unknown, misnamed and registered-elsewhere ID numbers get byte-identical answers', async () => {
    const p = await addMember(t, bainiUnit.branchIds[0]!, { name: '真名某' });
    const unknownId = makeIdNumber('1998-07-21');
    const registered = await incoming(longxi, p.idNumber, '真名某', longxiUnit.branchIds[0]!, '调入');
    const misnamed = await incoming(longxi, p.idNumber, '假名某', longxiUnit.branchIds[0]!, '调入');
    const unknown = await incoming(longxi, unknownId, '查无此人', longxiUnit.branchIds[0]!, '调入');
    expect(registered.statusCode).toBe(200);
    expect(misnamed.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(misnamed.body).toBe(registered.body);
    expect(unknown.body).toBe(registered.body);

    // In the receiving side's list the three look alike: nothing but what it typed.
    const shape = (i: Record<string, unknown>) => ({ ...i, id: 0, personName: '', personIdMasked: '' });
    const seen = [...(await requestsOf(longxi, '真名某')), ...(await requestsOf(longxi, '假名某')), ...(await requestsOf(longxi, '查无此人'))];
    expect(seen).toHaveLength(3);
    expect(shape(seen[1]!)).toEqual(shape(seen[0]!));
    expect(shape(seen[2]!)).toEqual(shape(seen[0]!));

    // Only the matching request reaches 白泥镇; the misnamed one matched nobody and nobody can ever accept it.
    const out = (await baini.get(`/api/membership/transfers?direction=out&under=${bainiUnit.unitId}&q=${encodeURIComponent('真名某')}`)).json();
    expect(out.total).toBe(1);
    const misnamedId = seen[1]!.id as number;
    const [row] = await systemRows<{ person_id: number | null; from_org_id: number | null }>(t.database, sql`select person_id, from_org_id from transfers where id = ${misnamedId}`);
    expect(row).toEqual({ person_id: null, from_org_id: null });
    for (const s of [longxi, baini]) {
      expect([403, 404]).toContain((await s.post(`/api/membership/transfers/${misnamedId}/accept`, { onDate: today, decidedBy: '经办人' })).statusCode);
    }
    expect(await orgOf(p.id)).toBe(bainiUnit.branchIds[0]);
    // The sending side sends the real one back; still nothing moved.
    const realId = seen[0]!.id as number;
    expect((await baini.post(`/api/membership/transfers/${realId}/reject`, { onDate: today, decidedBy: '白泥经办人', reason: '本人未申请转出' })).statusCode).toBe(200);
    expect(await orgOf(p.id)).toBe(bainiUnit.branchIds[0]);
  });

  it('a branch secretary cannot take a sibling branch’s member', async () => {
    const sec = await loginAs(t.app, 'branch_secretary');
    const me = (await sec.get('/api/auth/me')).json().account;
    const [sibling] = await systemRows<{ id: number }>(
      t.database,
      sql`select id from organizations where parent_id = (select parent_id from organizations where id = ${me.scopeOrgId})
            and id <> ${me.scopeOrgId} and type in ('branch', 'joint_branch') and status = 'active' order by id limit 1`,
    );
    const p = await addMember(t, Number(sibling!.id), { name: '邻支部团员' });
    const res = await incoming(sec, p.idNumber, '邻支部团员', me.scopeOrgId, '调入本支部');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().transfer).toBeNull();
    const [mine] = (await sec.get(`/api/membership/transfers?q=${encodeURIComponent('邻支部团员')}`)).json().items;
    expect(mine).toMatchObject({ personId: null, fromOrgId: null, can: { accept: false, reject: false, cancel: true } });
    expect((await sec.post(`/api/membership/transfers/${mine.id}/accept`, { onDate: today, decidedBy: '支部书记' })).statusCode).toBe(403);
    expect(await orgOf(p.id)).toBe(Number(sibling!.id));
    expect((await sec.get(`/api/people/${p.id}`)).statusCode).toBe(404);
  });

  it('a youth who is not a member cannot be taken either: the request matches nobody', async () => {
    const youth = await addMember(t, bainiUnit.branchIds[0]!, { name: '非团员青年', memberStatus: null });
    const res = await incoming(longxi, youth.idNumber, '非团员青年', longxiUnit.branchIds[0]!, '调入');
    expect(res.statusCode).toBe(200);
    expect(res.json().transfer).toBeNull();
    const [mine] = await requestsOf(longxi, '非团员青年');
    expect((await longxi.post(`/api/membership/transfers/${mine!.id}/accept`, { onDate: today, decidedBy: '龙溪经办人' })).statusCode).toBe(403);
    const [row] = await systemRows<{ person_id: number | null }>(t.database, sql`select person_id from transfers where id = ${mine!.id}`);
    expect(row!.person_id).toBeNull();
    expect((await baini.get(`/api/membership/transfers?q=${encodeURIComponent('非团员青年')}`)).json().total).toBe(0);
    expect(await orgOf(youth.id)).toBe(bainiUnit.branchIds[0]);
  });

  it('refuses invalid ID numbers and a target that is not a branch; inside the own scope checks as the sending side does', async () => {
    const bad = await incoming(longxi, '520329199902031230', '错号', longxiUnit.branchIds[0]!, '调入');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fields[0].field).toBe('idNumber');

    const p = await addMember(t, bainiUnit.branchIds[1]!, { name: '转入丁' });
    const toUnit = await incoming(longxi, p.idNumber, '转入丁', longxiUnit.unitId, '调入');
    expect(toUnit.statusCode).toBe(422);
    expect(toUnit.json().message).toBe('转入组织须为团支部或联合团支部');

    const own = await addMember(t, longxiUnit.branchIds[0]!, { name: '本支部团员' });
    const sameBranch = await incoming(longxi, own.idNumber, '本支部团员', longxiUnit.branchIds[0]!, '调入');
    expect(sameBranch.json().message).toBe('转入组织与团员当前所在组织相同');
    const wrongName = await incoming(longxi, own.idNumber, '张冠李戴', longxiUnit.branchIds[1]!, '调入');
    expect(wrongName.statusCode).toBe(422);
    expect(wrongName.json().message).toBe('姓名与该身份证号登记的姓名（本支部团员）不一致');
    const former = await addMember(t, longxiUnit.branchIds[0]!, { name: '龙溪离团', memberStatus: 'left' });
    const leftOne = await incoming(longxi, former.idNumber, '龙溪离团', longxiUnit.branchIds[1]!, '调入');
    expect(leftOne.json().message).toBe('龙溪离团已离团，不是在册团员，只有在册团员可以转接组织关系');
    // A member of the own township: the township holds both sides and receives at once.
    const inside = await incoming(longxi, own.idNumber, '本支部团员', longxiUnit.branchIds[1]!, '调入');
    expect(inside.statusCode).toBe(200);
    expect(inside.json().transfer).toMatchObject({ personId: own.id, direction: 'internal', can: { accept: true } });
  });

  it('when the sending side lets the due date pass, the committee above both sides may decide; unanswered requests lapse alike', async () => {
    const saved = process.env.TJ_TODAY;
    const county = await loginAs(t.app, 'county_admin');
    const p = await addMember(t, bainiUnit.branchIds[0]!, { name: '逾期审批' });
    const q = await addMember(t, bainiUnit.branchIds[0]!, { name: '无人答复' });
    await incoming(longxi, p.idNumber, '逾期审批', longxiUnit.branchIds[0]!, '调入');
    await incoming(longxi, q.idNumber, '无人答复', longxiUnit.branchIds[0]!, '调入');
    await incoming(longxi, makeIdNumber('1997-05-06'), '查无此人乙', longxiUnit.branchIds[0]!, '调入');
    const [req] = await requestsOf(longxi, '逾期审批');
    const id = req!.id as number;
    const due = addDays(today, DEFAULT_RULES.dailyWork.transferDueDays);
    expect(req).toMatchObject({ dueOn: due, lapsesOn: addDays(due, DEFAULT_RULES.dailyWork.transferDueDays) });
    try {
      const early = (await county.get(`/api/membership/transfers?q=${encodeURIComponent('逾期审批')}`)).json().items[0];
      expect(early).toMatchObject({ acceptAs: 'superior', overdue: false, can: { accept: false, reject: false } });
      const refused = await county.post(`/api/membership/transfers/${id}/accept`, { onDate: today, decidedBy: '县团委' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().message).toBe(`转出组织尚未答复，${due}后仍未答复的，方可由上级团委审批`);

      process.env.TJ_TODAY = addDays(due, 1);
      const late = (await county.get(`/api/membership/transfers?q=${encodeURIComponent('逾期审批')}`)).json().items[0];
      expect(late).toMatchObject({ acceptAs: 'superior', overdue: true, can: { accept: true, reject: true } });
      // The receiving side is not told that anybody is overdue.
      expect((await requestsOf(longxi, '逾期审批'))[0]).toMatchObject({ overdue: false, status: 'pending' });
      const approved = await county.post(`/api/membership/transfers/${id}/accept`, { onDate: addDays(due, 1), decidedBy: '县团委' });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(await orgOf(p.id)).toBe(longxiUnit.branchIds[0]);

      // One more period: the unanswered request and the one that matched nobody both lapse.
      process.env.TJ_TODAY = addDays(due, DEFAULT_RULES.dailyWork.transferDueDays + 1);
      const lapsed = [...(await requestsOf(longxi, '无人答复')), ...(await requestsOf(longxi, '查无此人乙'))];
      expect(lapsed.map((i) => i.status)).toEqual(['lapsed', 'lapsed']);
      expect(lapsed.map((i) => i.can)).toEqual([
        { accept: false, reject: false, cancel: false },
        { accept: false, reject: false, cancel: false },
      ]);
      expect(await orgOf(q.id)).toBe(bainiUnit.branchIds[0]);
      // A lapsed request no longer blocks a new transfer of that member.
      expect((await baini.post('/api/membership/transfers', toLongxi(q.id))).statusCode).toBe(200);
    } finally {
      if (saved === undefined) delete process.env.TJ_TODAY;
      else process.env.TJ_TODAY = saved;
    }
  });
});

describe('API documentation', () => {
  it('describes the membership routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.paths['/api/membership/transfers/{id}/accept'].post.summary).toBe('接收转入的团员（组织关系随即转入）；转入组织申请的，由转出组织同意转出或逾期后由上级团委审批');
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/membership/')).length).toBeGreaterThanOrEqual(25);
  });
});

describe('transfer scope and roles', () => {
  it('hides another township’s transfers and people, and refuses to act on them', async () => {
    const p = await addMember(t, bainiUnit.branchIds[0]!, { name: '镇内调动' });
    const tr = (await baini.post('/api/membership/transfers', { personId: p.id, toOrgId: bainiUnit.branchIds[1], toOrgName: bainiUnit.names[1], reason: '村组调整' })).json();
    expect(tr.direction).toBe('internal');
    expect(tr.can).toEqual({ accept: true, reject: true, cancel: true });
    for (const action of ['accept', 'reject', 'cancel']) {
      const res = await longxi.post(`/api/membership/transfers/${tr.id}/${action}`, { onDate: today, decidedBy: '越权', reason: '越权操作' });
      expect(res.statusCode).toBe(404);
    }
    const all = (await longxi.get('/api/membership/transfers?pageSize=500')).json();
    expect(all.items.map((i: { id: number }) => i.id)).not.toContain(tr.id);
    expect((await longxi.get(`/api/membership/transfers?under=${bainiUnit.unitId}`)).statusCode).toBe(404);
    expect((await longxi.post('/api/membership/transfers', toLongxi(p.id))).statusCode).toBe(404);
    // The county sees it and accepts it inside 白泥镇.
    const county = await loginAs(t.app, 'county_admin');
    const done = await county.post(`/api/membership/transfers/${tr.id}/accept`, { onDate: today, decidedBy: '县团委' });
    expect(done.statusCode).toBe(200);
    expect(await orgOf(p.id)).toBe(bainiUnit.branchIds[1]);
  });

  it('lets a branch secretary request for the own branch only, and a viewer only read', async () => {
    const sec = await loginAs(t.app, 'branch_secretary');
    const me = (await sec.get('/api/auth/me')).json().account;
    const own = await addMember(t, me.scopeOrgId, { name: '书记支部团员' });
    const res = await sec.post('/api/membership/transfers', toLongxi(own.id));
    expect(res.statusCode).toBe(200);
    const other = await addMember(t, bainiUnit.branchIds[0]!, { name: '他支部团员' });
    expect((await sec.post('/api/membership/transfers', toLongxi(other.id))).statusCode).toBe(404);
    expect((await viewer.get('/api/membership/transfers')).statusCode).toBe(200);
    const denied = await viewer.post('/api/membership/transfers', toLongxi(other.id));
    expect(denied.statusCode).toBe(403);
  });
});

describe('look-ups by ID number', () => {
  it('are limited per account and hour (a rule), with a Chinese 429', async () => {
    const me = (await longxi.get('/api/auth/me')).json().account;
    const used = async () =>
      Number((await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from transfers where requested_by = ${me.id}`))[0]!.n);
    const ask = () =>
      longxi.post('/api/membership/transfers/incoming', { idNumber: makeIdNumber('1996-01-01'), personName: '试探某', toOrgId: longxiUnit.branchIds[0], reason: '试探' });
    const limit = DEFAULT_RULES.dailyWork.transferLookupsPerHour;
    const before = await used();
    for (let i = before; i < limit; i++) expect((await ask()).statusCode).toBe(200);
    const refused = await ask();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toBe(`按身份证号申请转入过于频繁：每个账号每小时最多${limit}次，请稍后再试`);
    expect(await used()).toBe(limit);
    // Another account is not limited by it; a higher limit in the rules lets the account go on.
    expect((await baini.post('/api/membership/transfers/incoming', { idNumber: makeIdNumber('1996-01-02'), personName: '试探某', toOrgId: bainiUnit.branchIds[0], reason: '试探' })).statusCode).toBe(200);
    await systemRows(t.database, sql`insert into rule_settings (section, value) values ('dailyWork', ${JSON.stringify({ transferLookupsPerHour: limit + 1 })}::jsonb)
                                       on conflict (section) do update set value = excluded.value`);
    try {
      expect((await ask()).statusCode).toBe(200);
      expect((await ask()).statusCode).toBe(429);
    } finally {
      await systemRows(t.database, sql`delete from rule_settings where section = 'dailyWork'`);
    }
  });
});
