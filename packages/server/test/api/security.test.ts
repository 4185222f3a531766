import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { createTestApp, loginAs, systemRows, DEMO_PASSWORD, type TestContext } from '../helpers.js';
import { membersOf, secretaryBranch } from './scope-samples-daily-work.js';

/** Issue 11 items 3 and 4: client address, login answers, password strength, security headers. */

let t: TestContext;
let proxied: TestContext;
beforeAll(async () => {
  // Three login attempts per client address and minute, so a bypass shows at the fourth.
  t = await createTestApp({ loginRateLimit: 3 });
  proxied = await createTestApp({ demo: false, loginRateLimit: 3, trustProxy: ['10.9.0.1'] });
});
afterAll(async () => {
  await t?.close();
  await proxied?.close();
});

let nextIp = 1;
/** A fresh client address per call, so the per-address login limit stays out of the way. */
const freshIp = () => `10.77.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;

const loginFrom = (app: FastifyInstance, username: string, password: string, remoteAddress: string, forwardedFor?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });

const auditIps = (ctx: TestContext, actorName: string) =>
  systemRows<{ ip: string | null }>(ctx.database, sql`select ip from audit_log where actor_name = ${actorName} order by id`);

describe('client address: X-Forwarded-For is believed only from configured proxies (TRUST_PROXY)', () => {
  it('by default, rotating X-Forwarded-For does not get around the login limit', async () => {
    const codes: number[] = [];
    for (let i = 1; i <= 5; i++) {
      codes.push((await loginFrom(t.app, 'probe_default', 'wrong-pass-1', '10.9.0.50', `203.0.113.${i}`)).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
  });

  it('by default, the audit log records the connection address, not the forged one', async () => {
    await loginFrom(t.app, 'probe_audit', 'wrong-pass-1', '10.9.0.60', '198.51.100.7');
    expect(await auditIps(t, 'probe_audit')).toEqual([{ ip: '10.9.0.60' }]);
  });

  it('by default, rotating X-Forwarded-For does not get around the public 青年之声 look-up limit', async () => {
    const codes: number[] = [];
    for (let i = 1; i <= 21; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/public/youth-voice/appeals/lookup',
        payload: { trackingCode: 'QN000000', phone: '13800000000' },
        remoteAddress: '10.9.0.70',
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 20).every((c) => c !== 429)).toBe(true);
    expect(codes[20]).toBe(429);
  });

  it('with TRUST_PROXY naming the proxy, its X-Forwarded-For is the client address (limit and audit)', async () => {
    const codes: number[] = [];
    for (let i = 1; i <= 5; i++) {
      codes.push((await loginFrom(proxied.app, 'probe_proxied', 'wrong-pass-1', '10.9.0.1', `203.0.113.${i}`)).statusCode);
    }
    // Five different clients behind the proxy: none of them is over its own limit.
    expect(codes).toEqual([401, 401, 401, 401, 401]);
    expect((await auditIps(proxied, 'probe_proxied')).map((r) => r.ip)).toEqual([1, 2, 3, 4, 5].map((i) => `203.0.113.${i}`));
    // One client behind the proxy is limited like a direct one.
    const same: number[] = [];
    for (let i = 0; i < 4; i++) same.push((await loginFrom(proxied.app, 'probe_proxied', 'wrong-pass-1', '10.9.0.1', '198.51.100.20')).statusCode);
    expect(same).toEqual([401, 401, 401, 429]);
  });

  it('with TRUST_PROXY naming the proxy, a client that is not the proxy cannot forge its address', async () => {
    await loginFrom(proxied.app, 'probe_direct', 'wrong-pass-1', '10.9.0.2', '198.51.100.9');
    expect(await auditIps(proxied, 'probe_direct')).toEqual([{ ip: '10.9.0.2' }]);
  });

  it('with TRUST_PROXY as a hop count, that many proxies are passed over', async () => {
    const hop = await buildApp({ database: proxied.database, logLevel: 'silent', loginRateLimit: 3, trustProxy: 1 });
    try {
      await loginFrom(hop, 'probe_hops', 'wrong-pass-1', '10.9.0.3', '198.51.100.1, 198.51.100.30');
      expect(await auditIps(proxied, 'probe_hops')).toEqual([{ ip: '198.51.100.30' }]);
    } finally {
      await hop.close();
    }
  });
});

describe('login answers: the same until the password is right', () => {
  it('answers byte for byte the same for an unknown user, a wrong password, a locked and a disabled account', async () => {
    const county = await loginAs(t.app, 'county_admin', DEMO_PASSWORD, freshIp());
    const list = (await county.get('/api/accounts?q=longxi_admin')).json();
    expect((await county.patch(`/api/accounts/${list.items[0].id}`, { status: 'disabled' })).statusCode).toBe(200);

    const answers = [
      await loginFrom(t.app, 'nobody_here', 'Wrong-pass-1', freshIp()),
      await loginFrom(t.app, 'county_viewer', 'Wrong-pass-1', freshIp()),
      await loginFrom(t.app, 'longxi_admin', 'Wrong-pass-1', freshIp()),
    ];
    // The wrong password that locks the account answers like the others, and so does every
    // wrong password while it is locked.
    for (let i = 0; i < 5; i++) answers.push(await loginFrom(t.app, 'baini_admin', `Wrong-pass-${i}`, freshIp()));
    answers.push(await loginFrom(t.app, 'baini_admin', 'Wrong-pass-9', freshIp()));
    const first = answers[0]!;
    expect(first.statusCode).toBe(401);
    expect(first.json()).toEqual({ error: 'bad_credentials', message: '用户名或密码错误（连续5次错误将锁定账号15分钟）' });
    for (const a of answers) {
      expect(a.statusCode).toBe(first.statusCode);
      expect(a.headers['content-type']).toBe(first.headers['content-type']);
      expect(a.body).toBe(first.body);
    }
    // Only the right password learns the account's state.
    const locked = await loginFrom(t.app, 'baini_admin', DEMO_PASSWORD, freshIp());
    expect(locked.statusCode).toBe(423);
    expect(locked.json().message).toContain('锁定');
    const disabled = await loginFrom(t.app, 'longxi_admin', DEMO_PASSWORD, freshIp());
    expect(disabled.statusCode).toBe(403);
    expect(disabled.json().message).toContain('停用');
  });
});

describe('new passwords: strength estimated with Chinese dictionaries (one check, passwordProblem, on every path)', () => {
  it("refuses the demo password, Password1 and abcd1234 as the administrator's new password, saying why", async () => {
    const s = await loginAs(t.app, 'admin', t.adminPassword, freshIp());
    for (const newPassword of ['Tuanjian2026', 'Password1', 'abcd1234', 'woaini1314', 'Zhangwei1990']) {
      const res = await s.post('/api/auth/password', { oldPassword: t.adminPassword, newPassword });
      expect(res.statusCode, newPassword).toBe(422);
      expect(res.json().error).toBe('weak_password');
      expect(res.json().fields[0].field).toBe('newPassword');
      expect(res.json().message, newPassword).toMatch(newPassword === 'Tuanjian2026' ? /公开的演示密码/ : /^密码强度不足：.+建议使用12位以上/);
    }
    const ok = await s.post('/api/auth/password', { oldPassword: t.adminPassword, newPassword: 'Gqt-Yuqing-2026' });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses a weak password when a member redeems a reset code, and keeps the code usable', async () => {
    const secretary = await loginAs(t.app, 'branch_secretary', DEMO_PASSWORD, freshIp());
    const [member] = (await membersOf(t, await secretaryBranch(t))).filter((m) => m.member_no);
    const issued = (await secretary.post('/api/daily-work/resets/issue', { personIds: [member!.id] })).json().codes[0];
    const redeem = (newPassword: string) =>
      t.app.inject({ method: 'POST', url: '/api/daily-work/resets/redeem', payload: { username: issued.username, code: issued.code, newPassword }, remoteAddress: freshIp() });
    for (const weak of ['Tuanjian2026', 'qq123456a', 'Woaini5201314']) {
      const res = await redeem(weak);
      expect(res.statusCode, weak).toBe(422);
      expect(res.json().error).toBe('weak_password');
    }
    expect((await redeem('Xinmima-2026')).statusCode).toBe(200);
  });
});

describe('security headers (@fastify/helmet)', () => {
  const csp = (header: unknown) =>
    Object.fromEntries(String(header).split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k!, v]));

  it('sends a CSP that fits the app, frame-ancestors none, nosniff and a referrer policy on the web client, the API and the docs', async () => {
    const webDist = mkdtempSync(join(tmpdir(), 'tj-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><div id="root"></div>');
    const web = await buildApp({ database: t.database, logLevel: 'silent', webDist });
    try {
      for (const [app, url] of [[web, '/'], [web, '/people/1'], [t.app, '/api/health'], [t.app, '/api/docs/static/index.html'], [t.app, '/api/nothing']] as const) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBeLessThan(500);
        const h = res.headers;
        const policy = csp(h['content-security-policy']);
        expect(policy['default-src'], url).toEqual(["'self'"]);
        expect(policy['script-src'], url).toEqual(["'self'"]);
        expect(policy['style-src'], url).toEqual(["'self'", "'unsafe-inline'"]);
        expect(policy['img-src'], url).toEqual(["'self'", 'data:', 'blob:']);
        expect(policy['object-src'], url).toEqual(["'none'"]);
        expect(policy['frame-ancestors'], url).toEqual(["'none'"]);
        expect(policy['upgrade-insecure-requests'], url).toBeUndefined();
        expect(h['x-frame-options'], url).toBe('DENY');
        expect(h['x-content-type-options'], url).toBe('nosniff');
        expect(h['referrer-policy'], url).toBe('no-referrer');
        expect(h['strict-transport-security'], url).toBeUndefined();
      }
    } finally {
      await web.close();
    }
  });

  it('adds HSTS and upgrade-insecure-requests only behind HTTPS (COOKIE_SECURE)', async () => {
    const https = await buildApp({ database: t.database, logLevel: 'silent', cookieSecure: true });
    try {
      const res = await https.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    } finally {
      await https.close();
    }
  });
});
