import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { allRoutes } from '../../src/app.js';
import { errorHandler } from '../../src/http/errors.js';
import { registerRoutes } from '../../src/http/route.js';
import { youthVoicePublicRoutes } from '../../src/modules/org-life/routes.js';
import { PUBLIC_RATE_LIMITS } from '../../src/modules/org-life/appeals-public.js';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';

process.env.TJ_TODAY = '2026-11-20';

let t: TestContext;
/** The app serving the public 青年之声 routes: the main app once they are registered there, else one beside it on the same database. */
let pub: FastifyInstance;
let county: Session;
let baini: Session;
let longxi: Session;
let secretary: Session;
let countyId: number;
let bainiId: number;
let ipSeq = 0;

async function publicApp(): Promise<FastifyInstance> {
  if (allRoutes(t.database, { cookieSecure: false }).some((r) => r.contract.path === '/api/public/youth-voice/appeals')) return t.app;
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('user', null);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  registerRoutes(app, t.database, youthVoicePublicRoutes(t.database), { loginRateLimit: 10_000 });
  await app.ready();
  return app;
}

/** A young person's request, from their own address (each test its own, so rate limits do not mix). */
const asker = (ip = `10.0.0.${++ipSeq}`) => ({
  post: (url: string, payload: object) => pub.inject({ method: 'POST', url, payload, remoteAddress: ip }),
  get: (url: string) => pub.inject({ method: 'GET', url, remoteAddress: ip }),
});

const submit = (orgIdValue: number, extra: Record<string, unknown> = {}) =>
  asker().post('/api/public/youth-voice/appeals', {
    orgId: orgIdValue,
    category: 'employment',
    title: '想了解就业见习岗位',
    content: '今年大学毕业回到县里，想参加就业见习，请问怎么报名？',
    name: '李青年',
    phone: '13912345678',
    ...extra,
  });

beforeAll(async () => {
  t = await createTestApp();
  pub = await publicApp();
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  secretary = await loginAs(t.app, 'branch_secretary');
  countyId = await orgId(t.database, '共青团余庆县委员会');
  bainiId = await orgId(t.database, '共青团余庆县白泥镇委员会');
});
afterAll(async () => {
  if (pub && pub !== t.app) await pub.close();
  await t?.close();
});

describe('青年之声: public submission without an account', () => {
  it('offers the committees to choose from, never branches', async () => {
    const res = await asker().get('/api/public/youth-voice/orgs');
    expect(res.statusCode).toBe(200);
    const orgs = res.json() as { id: number; name: string; type: string }[];
    expect(orgs.map((o) => o.name)).toEqual(expect.arrayContaining(['共青团余庆县委员会', '共青团余庆县白泥镇委员会', '共青团余庆县龙溪镇委员会']));
    expect(orgs.every((o) => ['county', 'township', 'subdistrict', 'unit_committee'].includes(o.type))).toBe(true);
  });

  it('routes an appeal to the chosen township with a tracking code and a deadline; only code and phone together find it', async () => {
    const res = await submit(bainiId);
    expect(res.statusCode, res.body).toBe(200);
    const { trackingCode, orgName, deadline } = res.json();
    expect(trackingCode).toMatch(/^QS261120[2-9A-HJ-NP-Z]{6}$/);
    expect(orgName).toBe('共青团余庆县白泥镇委员会');
    expect(deadline).toBe('2026-11-27');
    const wrongPhone = await asker().post('/api/public/youth-voice/appeals/lookup', { trackingCode, phone: '13900000000' });
    expect(wrongPhone.statusCode).toBe(404);
    expect(wrongPhone.json().message).toBe('查询码或手机号不正确');
    const found = await asker().post('/api/public/youth-voice/appeals/lookup', { trackingCode: trackingCode.toLowerCase(), phone: '13912345678' });
    expect(found.json()).toMatchObject({ status: 'submitted', orgName: '共青团余庆县白泥镇委员会', events: [{ kind: 'submitted' }] });
    // Who submitted is recorded in the audit trail as the public, from the client's address.
    const [audit] = await systemRows<{ actor_name: string; ip: string | null }>(t.database, sql`select actor_name, ip from audit_log where entity = 'appeals' and after->>'tracking_code' = ${trackingCode}`);
    expect(audit).toMatchObject({ actor_name: '青年之声（公众）' });
    expect(audit!.ip).toMatch(/^10\.0\.0\./);
  });

  it('refuses what cannot be routed, and bad input', async () => {
    const [branch] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${bainiId} and type = 'branch' limit 1`);
    const toBranch = await submit(Number(branch!.id));
    expect(toBranch.statusCode).toBe(422);
    expect(toBranch.json().message).toBe('请从列表中选择所在乡镇（街道）或团组织');
    expect((await submit(999_999)).statusCode).toBe(422);
    const badPhone = await submit(bainiId, { phone: '12345' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().message).toContain('手机号码');
    expect((await submit(bainiId, { category: 'gossip' })).statusCode).toBe(400);
  });

  it('is rate-limited per address', async () => {
    const me = asker('10.9.9.9');
    const body = { orgId: bainiId, category: 'other', title: '建议建篮球场', content: '镇上青年喜欢打篮球，建议建设场地', name: '王青年', phone: '13811112222' };
    const codes: number[] = [];
    for (let i = 0; i <= PUBLIC_RATE_LIMITS.submit; i++) codes.push((await me.post('/api/public/youth-voice/appeals', body)).statusCode);
    expect(codes.slice(0, PUBLIC_RATE_LIMITS.submit).every((c) => c === 200)).toBe(true);
    const last = await me.post('/api/public/youth-voice/appeals', body);
    expect(last.statusCode).toBe(429);
    expect(last.json().message).toBe('请求过于频繁，请稍后再试');
    // Another address is not affected.
    expect((await submit(bainiId)).statusCode).toBe(200);
  });
});

describe('青年之声: handling inside the line of authority', () => {
  async function fresh(orgIdValue = bainiId) {
    const { trackingCode } = (await submit(orgIdValue)).json();
    const [row] = await systemRows<{ id: number }>(t.database, sql`select id from appeals where tracking_code = ${trackingCode}`);
    return { id: Number(row!.id), trackingCode };
  }

  it('is assigned, answered and closed by the asker’s rating; nobody outside the line sees it', async () => {
    const { id, trackingCode } = await fresh();
    expect((await longxi.get(`/api/org-life/appeals/${id}`)).statusCode).toBe(404);
    expect((await longxi.get('/api/org-life/appeals?pageSize=500')).json().items.some((a: { id: number }) => a.id === id)).toBe(false);
    expect((await secretary.get(`/api/org-life/appeals/${id}`)).statusCode).toBe(404);
    const detail = (await baini.get(`/api/org-life/appeals/${id}`)).json();
    expect(detail).toMatchObject({ status: 'submitted', askerPhoneMasked: '139****5678', askerPhone: '13912345678', overdue: false, can: { assign: true, answer: false, escalate: false } });
    expect((await (await loginAs(t.app, 'county_viewer')).get(`/api/org-life/appeals/${id}`)).json().askerPhone).toBeNull();

    const early = await baini.post(`/api/org-life/appeals/${id}/answer`, { answer: '您好，已为您联系人社局。' });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('请先分派承办人再答复');
    expect((await baini.post(`/api/org-life/appeals/${id}/rate`, {})).statusCode).toBe(404);
    const assigned = await baini.post(`/api/org-life/appeals/${id}/assign`, { assignee: '张干事', note: '请三日内回复' });
    expect(assigned.json()).toMatchObject({ status: 'assigned', assignee: '张干事' });
    const answered = await baini.post(`/api/org-life/appeals/${id}/answer`, { answer: '您好，县人社局本月有见习岗位32个，已将报名方式短信发给您。' });
    expect(answered.json()).toMatchObject({ status: 'answered', answeredOn: '2026-11-20' });

    const rateEarlyCode = (await fresh()).trackingCode;
    const notYet = await asker().post('/api/public/youth-voice/appeals/rate', { trackingCode: rateEarlyCode, phone: '13912345678', rating: 5 });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().message).toBe('诉求尚未答复，答复后才能评价');
    const rated = await asker().post('/api/public/youth-voice/appeals/rate', { trackingCode, phone: '13912345678', rating: 5, comment: '答复及时' });
    expect(rated.json()).toMatchObject({ status: 'closed', rating: 5, closedOn: '2026-11-20', answer: expect.stringContaining('见习岗位') });
    expect(rated.json().events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'assigned', 'answered', 'rated', 'closed']);
    const twice = await asker().post('/api/public/youth-voice/appeals/rate', { trackingCode, phone: '13912345678', rating: 1 });
    expect(twice.json().message).toBe('您已评价过该诉求');
    const events = (await baini.get(`/api/org-life/appeals/${id}`)).json().events;
    expect(events.find((e: { kind: string }) => e.kind === 'assigned')).toMatchObject({ actor: '白泥镇团委书记', note: '承办人：张干事。请三日内回复' });
  });

  it('staff close an answered appeal; transfers move it with its history', async () => {
    const a = await fresh();
    await baini.post(`/api/org-life/appeals/${a.id}/assign`, { assignee: '李干事' });
    expect((await baini.post(`/api/org-life/appeals/${a.id}/close`, {})).json().message).toBe('尚未答复，不能办结');
    await baini.post(`/api/org-life/appeals/${a.id}/answer`, { answer: '已电话联系并解决。' });
    expect((await baini.post(`/api/org-life/appeals/${a.id}/close`, { note: '电话回访满意' })).json()).toMatchObject({ status: 'closed' });

    const b = await fresh();
    const me = (await secretary.get('/api/auth/me')).json().account;
    expect((await baini.post(`/api/org-life/appeals/${b.id}/transfer`, { orgId: bainiId, note: '转给自己' })).json().message).toBe('转办对象与当前承办组织相同');
    const moved = await baini.post(`/api/org-life/appeals/${b.id}/transfer`, { orgId: me.scopeOrgId, note: '请村团支部就近办理' });
    expect(moved.json()).toMatchObject({ orgId: me.scopeOrgId, status: 'submitted' });
    // The branch now handles it and sees its whole history.
    const there = (await secretary.get(`/api/org-life/appeals/${b.id}`)).json();
    expect(there.events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'transferred']);
    expect((await longxi.post(`/api/org-life/appeals/${b.id}/transfer`, { orgId: bainiId, note: '越权转办' })).statusCode).toBe(404);
    const [lx] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where name = '共青团余庆县龙溪镇委员会'`);
    expect((await baini.post(`/api/org-life/appeals/${b.id}/transfer`, { orgId: Number(lx!.id), note: '转到龙溪' })).statusCode).toBe(404);
  });

  it('lists overdue appeals; an overdue appeal is escalated to the committee above with a new deadline', async () => {
    const a = await fresh();
    // Submitted twelve days ago, never handled.
    await systemRows(t.database, sql`update appeals set created_at = '2026-11-08T03:00:00Z', deadline = '2026-11-15' where id = ${a.id}`);
    const notOverdue = await fresh();
    expect((await county.post(`/api/org-life/appeals/${notOverdue.id}/escalate`, { note: '督办' })).json().message).toBe('办理时限至2026-11-27，尚未超期');
    const overdue = (await baini.get(`/api/org-life/appeals?under=${bainiId}&overdue=true`)).json();
    expect(overdue.items.map((x: { id: number }) => x.id)).toContain(a.id);
    expect(overdue.items.find((x: { id: number }) => x.id === a.id)).toMatchObject({ overdue: true, daysOverdue: 5 });
    // The township cannot escalate above its own scope: the county pulls it up.
    const own = await baini.post(`/api/org-life/appeals/${a.id}/escalate`, { note: '请县团委督办' });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toContain('请由上级团委督办');
    const up = await county.post(`/api/org-life/appeals/${a.id}/escalate`, { note: '县团委督办' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ orgId: countyId, status: 'submitted', deadline: '2026-11-27', overdue: false });
    expect(up.json().events.at(-1)).toMatchObject({ kind: 'escalated', note: '超期5天，由共青团余庆县白泥镇委员会上报共青团余庆县委员会督办（新时限2026-11-27）：县团委督办' });
    expect((await baini.get(`/api/org-life/appeals/${a.id}`)).statusCode).toBe(404);
    const o = (await county.get(`/api/org-life/stats/overview?orgId=${countyId}&from=2026-01-01&to=2026-11-20`)).json();
    expect(o.appeals.total).toBeGreaterThan(5);
    expect(o.appeals.byStatus.closed).toBeGreaterThanOrEqual(2);
  });

  it('staff register an offline appeal; the list exports to Excel with masked phones', async () => {
    const res = await baini.post('/api/org-life/appeals', { orgId: bainiId, category: 'rights', title: '被拖欠工资', content: '在工地干了三个月被拖欠工资', askerName: '赵青年', askerPhone: '13700001234' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().events[0]).toMatchObject({ kind: 'submitted', actor: '白泥镇团委书记', note: '工作人员代为登记（线下渠道）' });
    const xlsx = await baini.get(`/api/org-life/appeals/export?under=${bainiId}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.includes(Buffer.from('13700001234'))).toBe(false);
    expect((await longxi.post('/api/org-life/appeals', { orgId: bainiId, category: 'rights', title: '越权', content: '越权登记的内容', askerName: '越权', askerPhone: '13700001234' })).statusCode).toBe(404);
  });
});
