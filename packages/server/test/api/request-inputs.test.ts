import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { api, hasPermission, textProblem, type Permission, type Role } from '@tuanjian/domain';
import { allRoutes } from '../../src/app.js';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { insertPerson, makeIdNumber } from '../factories.js';

/**
 * What the route layer checks on every request before any handler runs
 * (http/input-checks.ts): every id a contract declares names a record the
 * caller may use, and no string input carries a control character.
 */
let t: TestContext;
let longxi: Session;
let county: Session;
let member: Session;
let longxiBranch: number;
let bainiBranch: number;

const auditCount = async () =>
  Number((await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where action not in ('login', 'logout')`))[0]!.n);

async function branchOf(township: string): Promise<number> {
  const [row] = await systemRows<{ id: number }>(
    t.database,
    sql`select o.id from organizations o where o.type = 'branch' and o.status = 'active'
          and o.path <@ (select path from organizations where name = ${township}) order by o.id limit 1`,
  );
  return Number(row!.id);
}

beforeAll(async () => {
  t = await createTestApp();
  longxi = await loginAs(t.app, 'longxi_admin');
  county = await loginAs(t.app, 'county_admin');
  longxiBranch = await branchOf('共青团余庆县龙溪镇委员会');
  bainiBranch = await branchOf('共青团余庆县白泥镇委员会');
  // A member of the branch secretary's branch, for the member portal's routes.
  const secretary = await loginAs(t.app, 'branch_secretary');
  const [sec] = await systemRows<{ scope_org_id: number }>(t.database, sql`select scope_org_id from accounts where username = 'branch_secretary'`);
  const self = await insertPerson(t.database, { orgId: Number(sec!.scope_org_id), name: '自助团员', memberStatus: 'active' });
  const issued = (await secretary.post('/api/daily-work/resets/issue', { personIds: [self.id] })).json().codes[0];
  const redeemed = await t.app.inject({ method: 'POST', url: '/api/daily-work/resets/redeem', payload: { username: issued.username, code: issued.code, newPassword: 'Ziji2026pass' } });
  expect(redeemed.statusCode, redeemed.body).toBe(200);
  member = await loginAs(t.app, issued.username, 'Ziji2026pass');
});
afterAll(() => t?.close());

describe('ids in a request are checked by the route layer', () => {
  it('a township admin cannot start a development case naming a sponsor or contact member of another township', async () => {
    const applicant = (await insertPerson(t.database, { orgId: longxiBranch, name: '龙溪申请人', birthDate: '2008-03-01' })).id;
    const foreignSponsor = (await insertPerson(t.database, { orgId: bainiBranch, name: '白泥介绍人', memberStatus: 'active' })).id;
    const foreignContact = (await insertPerson(t.database, { orgId: bainiBranch, name: '白泥联系人', memberStatus: 'active' })).id;
    const ownSponsor = (await insertPerson(t.database, { orgId: longxiBranch, name: '龙溪介绍人', memberStatus: 'active' })).id;
    const application = { actedOn: '2026-11-02', actor: '龙溪申请人' };
    const before = await auditCount();

    const sponsor = await longxi.post('/api/development/cases', { personId: applicant, application: { ...application, sponsorIds: [ownSponsor, foreignSponsor] } });
    expect(sponsor.statusCode, sponsor.body).toBe(404);
    expect(sponsor.json()).toMatchObject({
      error: 'not_found',
      message: '入团介绍人不存在或不在您的管理范围内',
      fields: [{ field: 'application.sponsorIds', message: '入团介绍人不存在或不在您的管理范围内' }],
    });
    const contact = await longxi.post('/api/development/cases', { personId: applicant, application: { ...application, contactMemberId: foreignContact } });
    expect(contact.statusCode, contact.body).toBe(404);
    expect(contact.json()).toMatchObject({ message: '培养联系人不存在或不在您的管理范围内', fields: [{ field: 'application.contactMemberId' }] });
    // Nothing was written, and nothing about the outside people was told.
    expect(await systemRows(t.database, sql`select id from development_cases where person_id = ${applicant}`)).toEqual([]);
    expect(await auditCount()).toBe(before);
    expect(sponsor.body + contact.body).not.toContain('白泥');

    // The same people inside the caller's scope pass, and the case is recorded with them.
    const ok = await longxi.post('/api/development/cases', { personId: applicant, application: { ...application, sponsorIds: [ownSponsor] } });
    expect(ok.statusCode, ok.body).toBe(200);
    // Later steps go through the same check, with the same message.
    const step = await longxi.post(`/api/development/cases/${ok.json().id}/steps`, { step: 'recommendation', actedOn: '2026-11-03', actor: '张书记', kind: 'member', contactMemberId: foreignContact });
    expect(step.statusCode, step.body).toBe(404);
    expect(step.json()).toMatchObject({ message: '培养联系人不存在或不在您的管理范围内', fields: [{ field: 'contactMemberId' }] });
  });

  it('a transfer names its receiving branch outside the scope through the directory: active organizations only', async () => {
    const person = (await insertPerson(t.database, { orgId: longxiBranch, name: '龙溪转出', memberStatus: 'active' })).id;
    const [dissolved] = await systemRows<{ id: number; name: string }>(t.database, sql`select id, name from organizations where status = 'dissolved' order by id limit 1`);
    const gone = await longxi.post('/api/membership/transfers', { personId: person, toOrgId: Number(dissolved!.id), toOrgName: dissolved!.name, reason: '外出务工' });
    expect(gone.statusCode, gone.body).toBe(422);
    expect(gone.json()).toMatchObject({ message: '转入组织不存在或已撤销', fields: [{ field: 'toOrgId' }] });
    const unknown = await longxi.post('/api/membership/transfers', { personId: person, toOrgId: 99_999_999, toOrgName: '不存在的团支部', reason: '外出务工' });
    expect(unknown.json()).toMatchObject({ message: '转入组织不存在或已撤销', fields: [{ field: 'toOrgId' }] });
    // An active branch of another township is a legitimate target.
    const [target] = await systemRows<{ name: string }>(t.database, sql`select name from organizations where id = ${bainiBranch}`);
    const sent = await longxi.post('/api/membership/transfers', { personId: person, toOrgId: bainiBranch, toOrgName: target!.name, reason: '外出务工' });
    expect(sent.statusCode, sent.body).toBe(200);
  });
});

/* ------------------------------------------------------------------ text */

const NUL = '\u0000';

function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (let i = 0; i < 20; i++) {
    if (cur instanceof z.ZodOptional || cur instanceof z.ZodNullable || cur instanceof z.ZodDefault || cur instanceof z.ZodPrefault || cur instanceof z.ZodCatch) cur = cur.unwrap() as z.ZodType;
    else if (cur instanceof z.ZodPipe) cur = (cur.in instanceof z.ZodTransform ? cur.out : cur.in) as z.ZodType;
    else break;
  }
  return cur;
}

/** Query parameters that take text (a string schema, not a number, enum or flag). */
function textQueryFields(c: api.Contract): string[] {
  const shape = c.query ? (unwrap(c.query) as z.ZodObject<Record<string, z.ZodType>>).shape : {};
  return Object.entries(shape ?? {})
    .filter(([, s]) => unwrap(s)._zod.def.type === 'string')
    .map(([k]) => k);
}

describe('control characters are refused in one place, before anything reaches the database', () => {
  it('every list route with a text query parameter answers 400 naming the field for a NUL, never 500', async () => {
    const routes = allRoutes(t.database, { cookieSecure: false }).map((r) => r.contract).filter((c) => c.method === 'GET' && textQueryFields(c).length);
    expect(routes.length).toBeGreaterThan(18);
    const sessions: [Role, Session][] = [['org_admin', county], ['member', member]];
    const before = await auditCount();
    const failures: string[] = [];
    for (const c of routes) {
      const session = c.permission === 'public' || c.permission === 'authenticated' ? county : sessions.find(([role]) => hasPermission(role, c.permission as Permission))?.[1];
      if (!session) throw new Error(`${c.method} ${c.path}: no test account has ${c.permission}`);
      const path = c.path.replace(/:(\w+)/g, '1');
      for (const field of textQueryFields(c)) {
        const res = await session.get(`${path}?${field}=a%00b`);
        const label = api.fieldLabel(c.query, [field]) ?? field;
        const body = res.headers['content-type']?.toString().startsWith('application/json') ? res.json() : {};
        if (res.statusCode !== 400 || body.message !== textProblem(`a${NUL}b`, label) || body.fields?.[0]?.field !== field) {
          failures.push(`${c.path}?${field}: ${res.statusCode} ${res.body.slice(0, 100)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it('a name with U+0000 in a JSON body is refused naming 姓名; nothing is stored', async () => {
    const name = `张${NUL}三`;
    const res = await county.post('/api/people', { name, gender: 'male', idNumber: makeIdNumber('2005-05-05', 'male'), ethnicity: '01', politicalStatus: '13', orgId: longxiBranch });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation', message: '姓名含有不可见的控制字符（U+0000），请删除后重新输入', fields: [{ field: 'name' }] });
    // Nested and in an array: named by the field's label, or its key.
    const nested = await longxi.post('/api/development/cases', { personId: 1, application: { actedOn: '2026-11-02', actor: `李${NUL}` } });
    expect(nested.json()).toMatchObject({ message: textProblem(NUL, '经办人'), fields: [{ field: 'application.actor' }] });
    // Other control characters too (escape, C1), but tab and new line are text.
    const esc = await county.post('/api/people', { name: '张\u001b三' });
    expect(esc.json().message).toBe('姓名含有不可见的控制字符（U+001B），请删除后重新输入');
    const tab = await county.post('/api/people', { name: '张\t三' });
    expect(tab.json().message).not.toContain('控制字符');
    expect(await systemRows(t.database, sql`select id from people where name like '张%三'`)).toEqual([]);
  });

  it('a NUL in a path parameter is refused the same way', async () => {
    const res = await county.get('/api/orgs/1%00');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(textProblem(`1${NUL}`, '编号'));
  });

  it('the routes that need no login refuse a NUL with 400 too', async () => {
    const before = await auditCount();
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `county_admin${NUL}`, password: 'x' } });
    expect(login.statusCode, login.body).toBe(400);
    expect(login.json().message).toBe(textProblem(NUL, '用户名'));
    const townId = await orgId(t.database, '共青团余庆县白泥镇委员会');
    const appeal = await t.app.inject({
      method: 'POST',
      url: '/api/public/youth-voice/appeals',
      payload: { orgId: townId, category: 'employment', title: `就业${NUL}见习`, content: '想参加就业见习，请问怎么报名？', name: '李青年', phone: '13912345678' },
      remoteAddress: '10.9.9.9',
    });
    expect(appeal.statusCode, appeal.body).toBe(400);
    expect(appeal.json().message).toBe(textProblem(NUL, '标题'));
    const reset = await t.app.inject({ method: 'POST', url: '/api/daily-work/resets/request', payload: { username: `m${NUL}`, phone: '13912345678' }, remoteAddress: '10.9.9.8' });
    expect(reset.statusCode, reset.body).toBe(400);
    expect(reset.json().message).toBe(textProblem(NUL, '用户名'));
    // A raw JSON body with the escape written out, as a client would send it.
    const raw = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":"a\\u0000b","password":"x"}' });
    expect(raw.statusCode).toBe(400);
    expect(raw.json().fields).toEqual([{ field: 'username', message: textProblem(NUL, '用户名') }]);
    // No failed login, appeal or reset was recorded: the requests never reached the handlers.
    expect(await auditCount()).toBe(before);
  });
});
