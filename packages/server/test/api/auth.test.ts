import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, DEMO_PASSWORD, type TestContext } from '../helpers.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('login', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and returns the CSRF token', async () => {
    const res = await login('county_admin', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tj_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.json().csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(res.json().account).toMatchObject({ username: 'county_admin', role: 'org_admin', scopeOrgName: '共青团余庆县委员会' });
  });

  it('answers the same for an unknown user and a wrong password', async () => {
    const unknown = await login('nobody', 'whatever1');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().message).toBe('用户名或密码错误（连续5次错误将锁定账号15分钟）');
    const wrong = await login('county_viewer', 'wrong-password1');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toContain('用户名或密码错误');
  });

  it('locks an account after repeated failures, and an admin can unlock it', async () => {
    let last;
    for (let i = 0; i < 5; i++) last = await login('longxi_admin', `bad-password-${i}`);
    // The failure that locks answers like any wrong password (security.test.ts: no enumeration).
    expect(last!.statusCode).toBe(401);
    expect(last!.json().message).toContain('锁定');
    // Even the right password is refused while locked, and only it learns so.
    const locked = await login('longxi_admin', DEMO_PASSWORD);
    expect(locked.statusCode).toBe(423);
    const county = await loginAs(t.app, 'county_admin');
    const list = (await county.get('/api/accounts?q=longxi_admin')).json();
    expect(list.items[0].locked).toBe(true);
    expect(list.items[0].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
    const unlock = await county.post(`/api/accounts/${list.items[0].id}/unlock`);
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json().locked).toBe(false);
    expect((await login('longxi_admin', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('records logins and failed logins in the audit log', async () => {
    const county = await loginAs(t.app, 'county_admin');
    const res = await county.get('/api/audit?action=login_failed');
    const items = res.json().items as { actorName: string }[];
    expect(items.some((i) => i.actorName === '龙溪镇团委书记')).toBe(true);
  });
});

describe('requests', () => {
  it('refuses anonymous calls with 401 and writes without the CSRF token with 403', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/orgs/roots' });
    expect(anon.statusCode).toBe(401);
    const s = await loginAs(t.app, 'county_admin');
    const noCsrf = await s.request('POST', '/api/orgs', { parentId: 1, name: '测试团支部', type: 'branch', sector: 'other' }, { 'x-csrf-token': 'forged' });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error).toBe('csrf');
  });

  it('answers malformed requests with 400 and no internals', async () => {
    const s = await loginAs(t.app, 'county_admin');
    const badJson = await t.app.inject({
      method: 'POST',
      url: '/api/orgs',
      payload: '{"name":',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.body).not.toMatch(/at .*\.ts|stack/i);
    expect((await s.get('/api/orgs/abc')).statusCode).toBe(400);
    expect((await s.get('/api/orgs/99999999')).statusCode).toBe(404);
    expect((await s.get('/api/orgs/99999999999999999999999')).statusCode).toBe(400);
    expect((await s.get('/api/nothing-here')).statusCode).toBe(404);
  });

  it('ends the session on logout', async () => {
    const s = await loginAs(t.app, 'county_viewer');
    expect((await s.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('first-run platform admin', () => {
  it('must change the printed one-time password before doing anything else', async () => {
    const s = await loginAs(t.app, 'admin', t.adminPassword);
    expect((await s.get('/api/auth/me')).json().account.mustChangePassword).toBe(true);
    const blocked = await s.get('/api/orgs/roots');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error).toBe('must_change_password');
    const weak = await s.post('/api/auth/password', { oldPassword: t.adminPassword, newPassword: 'short' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().fields[0].field).toBe('newPassword');
    const wrongOld = await s.post('/api/auth/password', { oldPassword: 'not-it-123', newPassword: 'Xinmima-2026' });
    expect(wrongOld.statusCode).toBe(422);
    const ok = await s.post('/api/auth/password', { oldPassword: t.adminPassword, newPassword: 'Xinmima-2026' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().account.mustChangePassword).toBe(false);
    // The old session is gone; the new cookie works.
    expect((await s.get('/api/orgs/roots')).statusCode).toBe(401);
    const fresh = await loginAs(t.app, 'admin', 'Xinmima-2026');
    const roots = (await fresh.get('/api/orgs/roots')).json();
    expect(roots.map((r: { name: string }) => r.name)).toEqual(['共青团余庆县委员会']);
  });
});

describe('health and docs', () => {
  it('reports health and serves the OpenAPI document', async () => {
    const h = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(h.json()).toMatchObject({ status: 'ok' });
    const doc = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toContain('/api/orgs/{id}/move');
  });
});
