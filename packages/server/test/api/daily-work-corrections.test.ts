import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { insertPerson } from '../factories.js';
import { loginAs, systemRows, type Session, type TestContext } from '../helpers.js';
import { CapturingSms, createDailyWorkApp, memberSession } from './scope-samples-daily-work.js';

/**
 * 信息更正申请, branch side: accepting a correction of a free-text field writes
 * it into the record through the roster's own update (with its validation);
 * declining keeps the record and the member sees the reason; the committee
 * above handles its branches' requests too.
 */
let t: TestContext;
let secretary: Session;
let member: Session;
let personId: number;

beforeAll(async () => {
  t = await createDailyWorkApp({ sms: new CapturingSms() });
  secretary = await loginAs(t.app, 'branch_secretary');
  const [row] = await systemRows<{ scope_org_id: number }>(t.database, sql`select scope_org_id from accounts where username = 'branch_secretary'`);
  personId = (await insertPerson(t.database, { orgId: Number(row!.scope_org_id), name: '更正团员', memberStatus: 'active' })).id;
  member = (await memberSession(t, secretary, personId, 'Gengzheng2026')).session;
});
afterAll(() => t?.close());

const ask = async (field: string, value: string) => {
  const r = await member.post('/api/daily-work/portal/corrections', { field, value, note: '登记有误' });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().id as number;
};
const person = async () => (await secretary.get(`/api/people/${personId}`)).json();

describe('resolving correction requests', () => {
  it('accepting a name correction changes the record through the roster’s validation', async () => {
    const bad = await ask('name', '王');
    // The branch's 待办 links to this very request on the corrections page.
    const box = (await secretary.get('/api/inbox')).json() as { sources: { kind: string; items: { link: string }[] }[] };
    const links = box.sources.filter((s) => s.kind === 'correction').flatMap((s) => s.items.map((i) => i.link));
    expect(links.some((l) => l.startsWith('/daily/corrections?') && new URLSearchParams(l.split('?')[1]).get('correction') === String(bad))).toBe(true);
    const refused = await secretary.post('/api/daily-work/corrections/resolve', { personId, requestId: bad, accepted: true, note: '按申请更正' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().fields).toEqual([expect.objectContaining({ field: 'value' })]);
    expect(refused.json().message).toContain('姓名');
    expect((await person()).name).toBe('更正团员');
    // Still open: the branch can decline it with a reason, which the member sees.
    const declined = await secretary.post('/api/daily-work/corrections/resolve', { personId, requestId: bad, accepted: false, note: '姓名与身份证不符' });
    expect(declined.statusCode, declined.body).toBe(200);
    const own = (await member.get('/api/daily-work/portal/corrections')).json();
    expect(own.find((c: { id: number }) => c.id === bad)).toMatchObject({ status: 'declined', resolution: '姓名与身份证不符' });

    const good = await ask('name', '更正后团员');
    const version = (await person()).version;
    const done = await secretary.post('/api/daily-work/corrections/resolve', { personId, requestId: good, accepted: true, note: '已核实' });
    expect(done.statusCode, done.body).toBe(200);
    const after = await person();
    expect(after.name).toBe('更正后团员');
    expect(after.version).toBe(version + 1);
  });

  it('the committee above lists and resolves its branches’ requests; other fields are left to the roster', async () => {
    const id = await ask('occupation', '龙溪县第一中学');
    const county = await loginAs(t.app, 'county_admin');
    const open = (await county.get('/api/daily-work/corrections?status=open')).json();
    expect(open.map((c: { id: number }) => c.id)).toContain(id);
    const done = await county.post('/api/daily-work/corrections/resolve', { personId, requestId: id, accepted: true, note: '已核实' });
    expect(done.statusCode, done.body).toBe(200);
    expect((await person()).occupation).toBe('龙溪县第一中学');

    const edu = await ask('education', '大学专科');
    const before = await person();
    expect((await secretary.post('/api/daily-work/corrections/resolve', { personId, requestId: edu, accepted: true, note: '已在名册中修改' })).statusCode).toBe(200);
    expect((await person()).education).toBe(before.education);
  });
});
