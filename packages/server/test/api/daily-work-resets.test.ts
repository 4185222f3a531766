import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { DEFAULT_RULES } from '@tuanjian/domain';
import { buildApp } from '../../src/app.js';
import { HttpSmsSender, LogSmsSender, smsSenderFromEnv } from '../../src/modules/daily-work/sms.js';
import { loginAs, systemRows, type Session, type TestContext } from '../helpers.js';
import { CapturingSms, branchesOf, createDailyWorkApp, membersOf, secretaryBranch } from './scope-samples-daily-work.js';

/**
 * Password resets end to end through the API: the branch secretary issues a
 * one-time code (opening the member's account), the member sets a password
 * with it and logs in; a member asks for a code by SMS (the injectable sender
 * captures it) and redeems it; wrong, expired, used and exhausted codes are
 * refused; every step is audited; another township gets nothing.
 */
let t: TestContext;
const sms = new CapturingSms();
let secretary: Session;
let branch: number;
let members: Awaited<ReturnType<typeof membersOf>>;
let ipSeq = 10;
const nextIp = () => `10.9.0.${ipSeq++}`;

const post = (url: string, payload: object, ip = '10.8.0.1') => t.app.inject({ method: 'POST', url, payload, remoteAddress: ip });
const redeem = (username: string, code: string, newPassword = 'Xinmima-2026', ip = '10.8.0.1') => post('/api/daily-work/resets/redeem', { username, code, newPassword }, ip);

beforeAll(async () => {
  t = await createDailyWorkApp({ sms });
  secretary = await loginAs(t.app, 'branch_secretary');
  branch = await secretaryBranch(t);
  members = (await membersOf(t, branch)).filter((m) => m.member_no);
  // Phones for the SMS flow.
  await systemRows(t.database, sql`update people set phone = ${'13985010001'} where id = ${members[1]!.id} returning id`);
});
afterAll(() => t?.close());

describe('codes issued by the branch secretary', () => {
  let code: string;
  let username: string;

  it('opens the member’s account and shows a one-time code once; only its hash is stored', async () => {
    const m = members[0]!;
    const res = await secretary.post('/api/daily-work/resets/issue', { personIds: [m.id] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.minutes).toBe(DEFAULT_RULES.dailyWork.resetCodeMinutes);
    expect(body.codes).toHaveLength(1);
    const issued = body.codes[0];
    expect(issued).toMatchObject({ personId: m.id, name: m.name, username: m.member_no, accountCreated: true });
    expect(issued.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    code = issued.code;
    username = issued.username;
    const [acc] = await systemRows<{ role: string; scope_org_id: number; person_id: number; must_change_password: boolean }>(
      t.database,
      sql`select role, scope_org_id, person_id, must_change_password from accounts where username = ${username}`,
    );
    expect(acc).toMatchObject({ role: 'member', person_id: m.id, must_change_password: false });
    expect(Number(acc!.scope_org_id)).toBe(branch);
    const stored = await systemRows<{ code_hash: string; channel: string; issued_by: string }>(t.database, sql`select code_hash, channel, issued_by from reset_codes where account_id = ${issued.accountId}`);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ channel: 'secretary' });
    expect(stored[0]!.code_hash).not.toContain(code);
    const audit = await systemRows<{ action: string; entity: string; after: unknown }>(
      t.database,
      sql`select action, entity, after from audit_log where (entity = 'reset_codes' and after ->> 'accountId' = ${String(issued.accountId)}) or (entity = 'accounts' and entity_id = ${String(issued.accountId)}) order by id`,
    );
    expect(audit.map((a) => `${a.entity}:${a.action}`)).toEqual(['accounts:insert', 'reset_codes:insert']);
    expect(JSON.stringify(audit)).not.toContain(code);
    // No password works before the code is redeemed.
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: code } });
    expect(login.statusCode).toBe(401);
  });

  it('refuses a weak password without using up the code, a wrong code with the tries left, then sets the password', async () => {
    const weak = await redeem(username, code, 'short');
    expect(weak.statusCode).toBe(422);
    expect(weak.json().fields[0].field).toBe('newPassword');
    const wrong = await redeem(username, 'AAAAAAAA');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().message).toBe(`验证码错误，还可尝试${DEFAULT_RULES.dailyWork.resetCodeMaxAttempts - 1}次`);
    // Typed in lower case with a space: still the code.
    const ok = await redeem(username, `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().message).toBe('密码已重置，请使用新密码登录');
    const member = await loginAs(t.app, username, 'Xinmima-2026');
    expect((await member.get('/api/daily-work/portal/me')).json()).toMatchObject({ username, orgId: branch });
    const used = await redeem(username, code, 'Lingyige-2026');
    expect(used.statusCode).toBe(422);
    expect(used.json().message).toBe('验证码错误或已失效');
    const audit = await systemRows<{ action: string; entity: string }>(
      t.database,
      sql`select action, entity from audit_log where actor_id = (select id from accounts where username = ${username}) and entity in ('accounts', 'reset_codes')
             and action not in ('login', 'login_failed', 'logout') or (entity = 'reset_codes' and action = 'login_failed' and after ->> 'reason' = '重置验证码错误'
             and entity_id in (select id::text from reset_codes where account_id = (select id from accounts where username = ${username}))) order by id`,
    );
    expect(audit.map((a) => `${a.entity}:${a.action}`)).toEqual(['reset_codes:login_failed', 'accounts:update', 'accounts:password_change']);
  });

  it('issues codes for the whole branch at once', async () => {
    const res = await secretary.post('/api/daily-work/resets/issue-branch', { orgId: branch });
    expect(res.statusCode, res.body).toBe(200);
    const all = await membersOf(t, branch);
    expect(res.json().codes).toHaveLength(all.length);
    expect(new Set(res.json().codes.map((c: { code: string }) => c.code)).size).toBe(all.length);
    const existing = res.json().codes.find((c: { username: string }) => c.username === username);
    expect(existing.accountCreated).toBe(false);
    const accounts = (await secretary.get(`/api/daily-work/member-accounts?orgId=${branch}`)).json();
    expect(accounts.every((a: { accountId: number | null }) => a.accountId !== null)).toBe(true);
    const xlsx = await secretary.get(`/api/daily-work/member-accounts/export?orgId=${branch}`);
    expect(xlsx.statusCode).toBe(200);
  });

  it('kills a code after the configured wrong tries, and an expired code', async () => {
    const m = members[2]!;
    const { code: c1, username: u } = (await secretary.post('/api/daily-work/resets/issue', { personIds: [m.id] })).json().codes[0];
    for (let i = 0; i < DEFAULT_RULES.dailyWork.resetCodeMaxAttempts; i++) await redeem(u, 'ZZZZZZZZ', 'Xinmima-2026', nextIp());
    const dead = await redeem(u, c1, 'Xinmima-2026', nextIp());
    expect(dead.json().message).toBe('验证码错误次数过多，请重新获取');
    const { code: c2 } = (await secretary.post('/api/daily-work/resets/issue', { personIds: [m.id] })).json().codes[0];
    await systemRows(t.database, sql`update reset_codes set expires_at = now() - interval '1 minute' where account_id = (select id from accounts where username = ${u}) and used_at is null returning id`);
    const expired = await redeem(u, c2, 'Xinmima-2026', nextIp());
    expect(expired.json().message).toBe('验证码已过期，请重新获取');
  });

  it('another township and another branch get nothing', async () => {
    const longxi = await loginAs(t.app, 'longxi_admin');
    const before = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from reset_codes`);
    expect((await longxi.post('/api/daily-work/resets/issue', { personIds: [members[3]!.id] })).statusCode).toBe(404);
    expect((await longxi.post('/api/daily-work/resets/issue-branch', { orgId: branch })).statusCode).toBe(404);
    const other = (await branchesOf(t, '白泥镇')).find((b) => b.id !== branch)!;
    const [stranger] = await membersOf(t, other.id);
    if (stranger) expect((await secretary.post('/api/daily-work/resets/issue', { personIds: [stranger.id] })).statusCode).toBe(404);
    const viewer = await loginAs(t.app, 'county_viewer');
    expect((await viewer.post('/api/daily-work/resets/issue', { personIds: [members[3]!.id] })).statusCode).toBe(403);
    const after = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from reset_codes`);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect((await longxi.get(`/api/daily-work/member-accounts?orgId=${branch}`)).statusCode).toBe(404);
  });
});

describe('a member resets their own password by SMS', () => {
  it('sends a code only to the phone on record, answering the same either way', async () => {
    const m = members[1]!;
    await secretary.post('/api/daily-work/resets/issue', { personIds: [m.id] }); // opens the account
    const sentBefore = sms.sent.length;
    const unknown = await post('/api/daily-work/resets/request', { username: 'no-such-user', phone: '13985010001' }, nextIp());
    const wrongPhone = await post('/api/daily-work/resets/request', { username: m.member_no, phone: '13985019999' }, nextIp());
    const admin = await post('/api/daily-work/resets/request', { username: 'baini_admin', phone: '13985010001' }, nextIp());
    for (const r of [unknown, wrongPhone, admin]) {
      expect(r.statusCode).toBe(200);
      expect(r.json().message).toBe('如果用户名与预留手机号一致，验证码已发送，请注意查收');
    }
    expect(sms.sent.length).toBe(sentBefore);
    const ok = await post('/api/daily-work/resets/request', { username: m.member_no, phone: '139-8501-0001' }, nextIp());
    expect(ok.json()).toEqual(unknown.json());
    expect(sms.sent.length).toBe(sentBefore + 1);
    const message = sms.last()!;
    expect(message).toMatchObject({ phone: '13985010001', purpose: 'password_reset' });
    expect(message.code).toMatch(/^\d{6}$/);
    expect(message.text).toContain(message.code);
    expect(message.text).toContain(`${DEFAULT_RULES.dailyWork.resetCodeMinutes}分钟内有效`);
    // Asking again at once sends nothing new.
    await post('/api/daily-work/resets/request', { username: m.member_no, phone: '13985010001' }, nextIp());
    expect(sms.sent.length).toBe(sentBefore + 1);

    const session = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(session.statusCode).toBe(401);
    const done = await redeem(m.member_no!, message.code, 'Duanxin2026ok', nextIp());
    expect(done.statusCode, done.body).toBe(200);
    const member = await loginAs(t.app, m.member_no!, 'Duanxin2026ok');
    expect((await member.get('/api/daily-work/portal/me')).statusCode).toBe(200);
    const audit = await systemRows<{ after: { channel: string } }>(
      t.database,
      sql`select after from audit_log where entity = 'reset_codes' and action = 'insert' and after ->> 'username' = ${m.member_no} order by id`,
    );
    // Opened by the secretary (alone, then with the whole branch), then the member's own SMS.
    expect(audit.map((a) => a.after.channel)).toEqual(['secretary', 'secretary', 'sms']);
    const failed = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where entity = 'reset_codes' and action = 'login_failed' and after ->> 'username' = ${m.member_no}`);
    expect(failed[0]!.n).toBe(1); // the wrong phone
  });

  it('a reset ends the member’s other sessions', async () => {
    const m = members[1]!;
    const before = await loginAs(t.app, m.member_no!, 'Duanxin2026ok');
    await systemRows(t.database, sql`update reset_codes set created_at = now() - interval '2 minutes' where account_id = (select id from accounts where username = ${m.member_no}) returning id`);
    await post('/api/daily-work/resets/request', { username: m.member_no, phone: '13985010001' }, nextIp());
    await redeem(m.member_no!, sms.last()!.code, 'Duanxin2027ok', nextIp());
    expect((await before.get('/api/daily-work/portal/me')).statusCode).toBe(401);
  });

  it('limits requests per client address', async () => {
    const ip = '10.7.7.7';
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await post('/api/daily-work/resets/request', { username: 'x', phone: '13900000000' }, ip)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 200)).toBe(true);
    expect(codes[11]).toBe(429);
  });
});

describe('SMS senders', () => {
  let server: Server;
  let received: { headers: IncomingMessage['headers']; body: Record<string, string> }[] = [];
  let fail = false;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(data) });
        res.statusCode = fail ? 503 : 200;
        res.end(fail ? 'provider down' : '{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms/send`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('the HTTP sender posts JSON with the key to the configured provider and reports its failures', async () => {
    const sender = new HttpSmsSender(url, 'secret-key');
    await sender.send({ phone: '13985010001', text: '验证码123456', code: '123456', purpose: 'password_reset' });
    expect(received[0]!.headers.authorization).toBe('Bearer secret-key');
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(received[0]!.body).toEqual({ phone: '13985010001', text: '验证码123456', code: '123456', purpose: 'password_reset' });
    fail = true;
    await expect(sender.send({ phone: '1', text: 't', code: 'c', purpose: 'password_reset' })).rejects.toThrow('SMS provider answered 503: provider down');
    fail = false;
    expect(smsSenderFromEnv({ SMS_API_URL: url, SMS_API_KEY: 'k' })).toBeInstanceOf(HttpSmsSender);
    expect(smsSenderFromEnv({ SMS_API_URL: url })).toBeInstanceOf(LogSmsSender);
    expect(smsSenderFromEnv({})).toBeInstanceOf(LogSmsSender);
  });

  it('the log sender writes the message to the server log with the phone masked', async () => {
    const lines: unknown[] = [];
    const log = { info: (obj: unknown) => lines.push(obj) } as unknown as FastifyBaseLogger;
    await new LogSmsSender().send({ phone: '13985010001', text: '您的验证码为654321', code: '654321', purpose: 'password_reset' }, log);
    expect(JSON.stringify(lines)).toContain('654321');
    expect(JSON.stringify(lines)).toContain('139****0001');
    expect(JSON.stringify(lines)).not.toContain('13985010001');
  });

  it('a server configured with the HTTP sender delivers the reset code through the provider', async () => {
    const m = members[4] ?? members[0]!;
    await systemRows(t.database, sql`update people set phone = '13985010005' where id = ${m.id} returning id`);
    await secretary.post('/api/daily-work/resets/issue', { personIds: [m.id] });
    let app: FastifyInstance | undefined;
    try {
      app = await buildApp({ database: t.database, logLevel: 'silent', smsSender: new HttpSmsSender(url, 'k2') });
      await app.ready();
      received = [];
      const res = await app.inject({ method: 'POST', url: '/api/daily-work/resets/request', payload: { username: m.member_no, phone: '13985010005' } });
      expect(res.statusCode).toBe(200);
      expect(received).toHaveLength(1);
      expect(received[0]!.body.phone).toBe('13985010005');
      const code = received[0]!.body.code!;
      const done = await app.inject({ method: 'POST', url: '/api/daily-work/resets/redeem', payload: { username: m.member_no, code, newPassword: 'Http2026pass' } });
      expect(done.statusCode, done.body).toBe(200);
    } finally {
      await app?.close();
    }
  });
});
