import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { insertPerson } from '../factories.js';
import { loginAs, systemRows, type Session, type TestContext } from '../helpers.js';
import { branchesOf, CapturingSms, createDailyWorkApp, memberSession, thisYear, todayCn } from './scope-samples-daily-work.js';

/**
 * 团员自助 on the phone (issue 13): 报到 — a member arriving in a new place finds the branch by its
 * 组织编号 as well as by name (migration 0026), and asks to join it: a transfer the sending branch sees
 * and the receiving branch accepts.
 */
let t: TestContext;
let secretary: Session;
let member: Session;
let branch: number;
let personId: number;
const Y = thisYear();
const today = todayCn();

beforeAll(async () => {
  t = await createDailyWorkApp({ sms: new CapturingSms() });
  secretary = await loginAs(t.app, 'branch_secretary');
  const [row] = await systemRows<{ scope_org_id: number }>(t.database, sql`select scope_org_id from accounts where username = 'branch_secretary'`);
  branch = Number(row!.scope_org_id);
  personId = (await insertPerson(t.database, { orgId: branch, name: '报到团员', birthDate: '2002-04-04', memberStatus: 'active', joinedOn: `${Y - 4}-05-04` })).id;
  member = (await memberSession(t, secretary, personId, 'Baodao2026pass')).session;
});
afterAll(() => t?.close());

describe('团员年度自助注册', () => {
  it('a member registers themselves for this year; the branch sees it on its list and in its 待办 until it confirms; only their own, once, audited as theirs', async () => {
    const before = (await member.get('/api/daily-work/portal/registrations')).json();
    expect(before.open).toMatchObject({ year: Y, requestedAt: null });
    const inboxBefore = (await secretary.get('/api/inbox')).json();
    const regItem = (body: { sources: { kind: string; items: { org: { id: number }; title: string }[] }[] }) =>
      body.sources.find((s) => s.kind === 'registration')?.items.find((i) => i.org.id === branch);
    expect(regItem(inboxBefore)!.title).not.toContain('自助注册');

    const res = await member.post('/api/daily-work/portal/registrations', { year: Y, note: '手机号未变，现在县城务工' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().open).toMatchObject({ year: Y, note: '手机号未变，现在县城务工' });
    expect(res.json().open.requestedAt).toBeTruthy();
    // Once only; not for another year.
    const again = await member.post('/api/daily-work/portal/registrations', { year: Y });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('等待团支部确认');
    const other = await member.post('/api/daily-work/portal/registrations', { year: Y + 1 });
    expect(other.statusCode).toBe(409);
    expect(other.json().fields[0].field).toBe('year');

    // The branch sees who registered themselves, and its 待办 says so.
    const list = (await secretary.get(`/api/membership/registrations?year=${Y}&status=unregistered&pageSize=200`)).json();
    const mine = list.items.find((i: { personId: number }) => i.personId === personId);
    expect(mine.selfRegisteredAt).toBeTruthy();
    expect(list.items.filter((i: { selfRegisteredAt: string | null }) => i.selfRegisteredAt).length).toBe(1);
    expect(regItem((await secretary.get('/api/inbox')).json())!.title).toMatch(/（其中1人已自助注册，待确认）$/);

    // Audited as the member's own action, in Chinese.
    const [audit] = await systemRows<{ actor_id: number; entity: string; after: { personName: string; year: number } }>(
      t.database,
      sql`select actor_id, entity, after from audit_log where entity = 'registration_requests' and entity_id = ${String(personId)}`,
    );
    const [acc] = await systemRows<{ id: number }>(t.database, sql`select id from accounts where person_id = ${personId}`);
    expect(Number(audit!.actor_id)).toBe(Number(acc!.id));
    expect(audit!.after).toMatchObject({ personName: '报到团员', year: Y });
    const { auditEntityLabel } = await import('@tuanjian/domain');
    expect(auditEntityLabel('registration_requests')).toBe('团员自助注册');
    // The 操作日志 shows it labelled with the member's name (an event: no table to read a label from).
    const log = await (await loginAs(t.app, 'county_admin')).get('/api/audit/actions?entity=registration_requests&pageSize=5');
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json().items[0].head).toMatchObject({ entity: 'registration_requests', label: '报到团员' });

    // The branch confirms: the member's registration is decided, the request leaves the 待办 and the portal.
    const ok = await secretary.post('/api/membership/registrations', { year: Y, personIds: [personId], status: 'registered', decidedOn: today });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = (await member.get('/api/daily-work/portal/registrations')).json();
    expect(after.open).toBeNull();
    expect(after.registrations[0]).toMatchObject({ year: Y, status: 'registered' });
    expect(regItem((await secretary.get('/api/inbox')).json())?.title ?? '').not.toContain('自助注册');
    expect((await member.post('/api/daily-work/portal/registrations', { year: Y })).statusCode).toBe(409);
  });
});

describe('报到 by 组织编号', () => {
  it('the directory finds a branch by its number, first, and by name as before; nothing for an unknown or dissolved number', async () => {
    const target = (await branchesOf(t, '龙溪镇')).find((b) => b.name.endsWith('村团支部'))!;
    const byCode = await member.get(`/api/daily-work/portal/org-directory?q=${target.id}`);
    expect(byCode.statusCode, byCode.body).toBe(200);
    expect(byCode.json()[0]).toEqual({ id: target.id, name: target.name, parentName: '共青团余庆县龙溪镇委员会', canReceive: true });
    const byName = (await member.get(`/api/daily-work/portal/org-directory?q=${encodeURIComponent(target.name)}`)).json();
    expect(byName[0]).toMatchObject({ id: target.id });
    // The same directory behind the branch's own 转接 search and the public 入团申请 page.
    expect((await secretary.get(`/api/membership/org-directory?q=${target.id}`)).json()[0]).toMatchObject({ id: target.id, name: target.name });
    expect((await t.app.inject({ method: 'GET', url: `/api/public/join/branches?q=${target.id}` })).json()[0]).toMatchObject({ id: target.id });
    expect((await member.get('/api/daily-work/portal/org-directory?q=99999999')).json()).toEqual([]);
    const [gone] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where status <> 'active' limit 1`);
    if (gone) expect((await member.get(`/api/daily-work/portal/org-directory?q=${gone.id}`)).json()).toEqual([]);
  });

  it('asking to join the branch found by number is a transfer both sides handle: the old branch sees it, the new one accepts it', async () => {
    const target = (await branchesOf(t, '龙溪镇')).find((b) => b.name.endsWith('村团支部'))!;
    const found = (await member.get(`/api/daily-work/portal/org-directory?q=${target.id}`)).json()[0];
    const res = await member.post('/api/daily-work/portal/transfers', { toOrgId: found.id, toOrgName: found.name, reason: '到龙溪镇务工，报到' });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().id;
    const out = (await secretary.get('/api/membership/transfers?direction=out&status=pending')).json();
    expect(out.items.find((i: { id: number }) => i.id === id)).toMatchObject({ initiatedBy: 'member', personName: '报到团员' });
    const longxi = await loginAs(t.app, 'longxi_admin');
    const incoming = (await longxi.get('/api/membership/transfers?direction=in&status=pending')).json();
    expect(incoming.items.find((i: { id: number }) => i.id === id)).toMatchObject({ personName: '报到团员' });
    expect((await longxi.post(`/api/membership/transfers/${id}/accept`, { onDate: today, decidedBy: '龙溪经办人' })).statusCode).toBe(200);
    const [moved] = await systemRows<{ org_id: number }>(t.database, sql`select org_id from people where id = ${personId}`);
    expect(Number(moved!.org_id)).toBe(target.id);
  });
});

describe('团支部首页 in one round trip', () => {
  it('answers with what the branch home shows, the same as the five calls it replaces, only for an organization in scope', async () => {
    const month = today.slice(0, 7);
    const res = await secretary.get(`/api/stats/branch-home?orgId=${branch}&year=${Y}&month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const home = res.json();
    const one = async (url: string) => (await secretary.get(url)).json();
    expect(home.people).toEqual(await one(`/api/stats/people-overview?orgId=${branch}`));
    expect(home.due).toEqual(await one(`/api/org-life/meetings/due?orgId=${branch}`));
    expect(home.dues).toEqual(await one(`/api/daily-work/dues/report?under=${branch}&from=${month}&to=${month}`));
    expect(home.study).toEqual(await one(`/api/org-life/stats/study?orgId=${branch}&year=${Y}`));
    expect(home.funnel).toEqual(await one(`/api/stats/development-funnel?orgId=${branch}&year=${Y}`));
    expect(home.people.members).toBeGreaterThan(0);
    const other = (await branchesOf(t, '龙溪镇'))[0]!;
    expect((await secretary.get(`/api/stats/branch-home?orgId=${other.id}&year=${Y}&month=${month}`)).statusCode).toBe(404);
  });
});
