import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../src/app.js';
import { insertPerson, makeIdNumber } from '../factories.js';
import { loginAs, systemRows, type Session, type TestContext } from '../helpers.js';
import { branchesOf, CapturingSms, createDailyWorkApp, memberSession, thisMonth, thisYear, todayCn } from './scope-samples-daily-work.js';

process.env.ATTACHMENT_DIR ??= mkdtempSync(join(tmpdir(), 'tj-attachments-'));

/**
 * 团员自助 (issue 13 item 2), dues receipts: a member uploads a transfer
 * screenshot for a month; the branch confirms it (the month's payment is
 * recorded by the ordinary payment function) or returns it with a reason.
 * Refusals: another township cannot see or confirm it, a member cannot
 * confirm, a paid month takes no receipt and no second payment, only images
 * and PDF are taken.
 */
let t: TestContext;
let secretary: Session;
let member: Session;
let branch: number;
let personId: number;
const Y = thisYear();
const month = thisMonth();
const today = todayCn();
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const upload = (period: string, contentBase64 = PNG, fileName = '转账截图.png') => member.post('/api/daily-work/portal/dues/receipts', { period, paidOn: today, fileName, contentBase64 });

beforeAll(async () => {
  t = await createDailyWorkApp({ sms: new CapturingSms() });
  secretary = await loginAs(t.app, 'branch_secretary');
  const [row] = await systemRows<{ scope_org_id: number }>(t.database, sql`select scope_org_id from accounts where username = 'branch_secretary'`);
  branch = Number(row!.scope_org_id);
  personId = (await insertPerson(t.database, { orgId: branch, name: '凭证团员', birthDate: '2001-03-03', memberStatus: 'active', joinedOn: `${Y - 3}-05-04` })).id;
  member = (await memberSession(t, secretary, personId, 'Pingzheng2026')).session;
});
afterAll(() => t?.close());

describe('dues receipts', () => {
  let receiptId: number;

  it('a member uploads a receipt for a month; it is pending in the branch and in 待办', async () => {
    const res = await upload(month);
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json();
    expect(item).toMatchObject({ personId, personName: '凭证团员', orgId: branch, period: month, paidOn: today, status: 'pending', dueFen: 20, paymentId: null });
    expect(item.attachment).toMatchObject({ mimeType: 'image/png' });
    receiptId = item.id;
    // A second one for the same month while the first waits is refused, naming the month.
    const again = await upload(month);
    expect(again.statusCode).toBe(409);
    expect(again.json().fields[0].field).toBe('period');
    expect(again.json().message).toContain('待确认');
    // The member sees their own; the branch sees the pending ones.
    expect((await member.get('/api/daily-work/portal/dues/receipts')).json().map((r: { id: number }) => r.id)).toEqual([receiptId]);
    const pending = (await secretary.get('/api/daily-work/dues/receipts')).json();
    expect(pending.map((r: { id: number }) => r.id)).toContain(receiptId);
    // One 待办 item for the branch, opening 团费收缴 on the receipts.
    const inbox = (await secretary.get('/api/inbox')).json();
    const receiptItems = inbox.sources.filter((x: { kind: string }) => x.kind === 'dues_receipt').flatMap((x: { items: unknown[] }) => x.items);
    expect(receiptItems).toEqual([expect.objectContaining({ title: '团员上传的团费交纳凭证：1张待确认', link: expect.stringContaining('/daily/dues') })]);
    expect(receiptItems[0].link).toContain('tab=receipts');
    // The secretary can download the screenshot through the attachments route.
    const file = await secretary.get(`/api/org-life/attachments/${item.attachment.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    // Audited by the table's trigger.
    const audit = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where entity = 'dues_receipts' and entity_id = ${String(receiptId)}`);
    expect(audit[0]!.n).toBeGreaterThan(0);
  });

  it('only images and PDF are taken, named by the file field', async () => {
    const res = await upload(`${Y}-01`, Buffer.from('这不是图片，只是一段文字').toString('base64'), '说明.txt');
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.json().fields[0].field).toBe('contentBase64');
    expect((await member.get('/api/daily-work/portal/dues/receipts')).json()).toHaveLength(1);
  });

  it('another township cannot see or confirm it; a member cannot confirm their own', async () => {
    const other = await loginAs(t.app, 'longxi_admin');
    expect((await other.get('/api/daily-work/dues/receipts')).json().map((r: { id: number }) => r.id)).not.toContain(receiptId);
    expect((await other.post(`/api/daily-work/dues/receipts/${receiptId}/confirm`, {})).statusCode).toBe(404);
    expect((await other.post(`/api/daily-work/dues/receipts/${receiptId}/return`, { reason: '不是本镇的' })).statusCode).toBe(404);
    expect((await member.post(`/api/daily-work/dues/receipts/${receiptId}/confirm`, {})).statusCode).toBe(403);
    const [row] = await systemRows<{ status: string }>(t.database, sql`select status from dues_receipts where id = ${receiptId}`);
    expect(row!.status).toBe('pending');
  });

  it('the secretary confirms: the month is paid through the payment function, once', async () => {
    const res = await secretary.post(`/api/daily-work/dues/receipts/${receiptId}/confirm`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', decidedOn: today });
    const paymentId = res.json().paymentId;
    expect(paymentId).toBeGreaterThan(0);
    const dues = (await member.get(`/api/daily-work/portal/dues?year=${Y}`)).json();
    expect(dues.months.find((m: { period: string }) => m.period === month)).toMatchObject({ owed: false, payment: { id: paymentId, amountFen: 20, method: 'transfer', paidOn: today } });
    const ledger = (await secretary.get(`/api/daily-work/dues/ledger?orgId=${branch}&period=${month}`)).json();
    expect(ledger.rows.find((r: { personId: number }) => r.personId === personId).payment).toMatchObject({ id: paymentId });
    const inbox = (await secretary.get('/api/inbox')).json();
    expect(inbox.sources.filter((x: { kind: string }) => x.kind === 'dues_receipt').flatMap((x: { items: unknown[] }) => x.items)).toEqual([]);
    // Confirming again is refused; a paid month takes no new receipt.
    expect((await secretary.post(`/api/daily-work/dues/receipts/${receiptId}/confirm`, {})).statusCode).toBe(409);
    const paid = await upload(month);
    expect(paid.statusCode).toBe(409);
    expect(paid.json()).toMatchObject({ error: 'dues_duplicate', fields: [{ field: 'period' }] });
  });

  it('a second payment for the month is refused when a pending receipt meets a payment typed in meanwhile', async () => {
    const prev = Number(month.slice(5)) > 1 ? `${Y}-${String(Number(month.slice(5)) - 1).padStart(2, '0')}` : `${Y}-12`;
    const res = await upload(prev);
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().id;
    const typed = await secretary.post('/api/daily-work/dues/payments', { personId, period: prev, paidOn: today, method: 'cash' });
    expect(typed.statusCode, typed.body).toBe(200);
    const confirm = await secretary.post(`/api/daily-work/dues/receipts/${id}/confirm`, {});
    expect(confirm.statusCode).toBe(409);
    expect(confirm.json()).toMatchObject({ error: 'dues_duplicate', fields: [{ field: 'period' }] });
    // Returned with a reason instead: nothing recorded, the member sees the reason.
    const back = await secretary.post(`/api/daily-work/dues/receipts/${id}/return`, { reason: '该月已现金交纳' });
    expect(back.json()).toMatchObject({ status: 'returned', note: '该月已现金交纳', paymentId: null });
    const mine = (await member.get('/api/daily-work/portal/dues/receipts')).json();
    expect(mine.find((r: { id: number }) => r.id === id)).toMatchObject({ status: 'returned', note: '该月已现金交纳' });
    const noReason = await secretary.post(`/api/daily-work/dues/receipts/${receiptId}/return`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
  });
});

describe('入团申请 online', () => {
  const idNumber = makeIdNumber(`${Y - 16}-03-03`);
  const content = '我志愿加入中国共产主义青年团，坚决拥护中国共产党的领导，遵守团的章程，执行团的决议。';
  // Each request from its own address (the limit is per address), except where the limit is tested.
  let n = 0;
  const apply = (body: Record<string, unknown>, remoteAddress = `10.13.0.${++n}`) =>
    t.app.inject({ method: 'POST', url: '/api/public/join/applications', remoteAddress, payload: { name: '网申青年', idNumber, ethnicity: '01', phone: '13985011111', school: '余庆中学', content, ...body } });
  let otherBranch: { id: number; name: string };
  let applicationId: number;

  it('the public directory finds branches by name, without login', async () => {
    otherBranch = (await branchesOf(t, '龙溪镇'))[0]!;
    const [own] = await systemRows<{ name: string }>(t.database, sql`select name from organizations where id = ${branch}`);
    const res = await t.app.inject({ method: 'GET', url: `/api/public/join/branches?q=${encodeURIComponent(own!.name)}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(expect.arrayContaining([expect.objectContaining({ id: branch, name: own!.name })]));
    // Committees are not offered: only branches take applications.
    const town = await t.app.inject({ method: 'GET', url: `/api/public/join/branches?q=${encodeURIComponent('白泥镇委员会')}` });
    expect(town.json()).toEqual([]);
  });

  it('a bad ID number is refused naming 身份证号; a committee cannot be chosen', async () => {
    const bad = await apply({ orgId: branch, idNumber: `${idNumber.slice(0, 17)}${idNumber.endsWith('0') ? '1' : '0'}` });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fields[0].field).toBe('idNumber');
    expect(bad.json().message).toContain('身份证号');
    const [town] = await systemRows<{ id: number }>(t.database, sql`select parent_id as id from organizations where id = ${branch}`);
    const committee = await apply({ orgId: Number(town!.id) });
    expect(committee.statusCode).toBe(422);
    expect(committee.json().fields[0].field).toBe('orgId');
    const rows = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from join_applications where id_number = ${idNumber}`);
    expect(rows[0]!.n).toBe(0);
  });

  it('an application arrives only in the chosen branch, as a 待办 item', async () => {
    const res = await apply({ orgId: branch });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ submittedOn: today });
    const elsewhere = await apply({ orgId: otherBranch.id, name: '外镇青年', idNumber: makeIdNumber(`${Y - 17}-05-05`) });
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);
    const mine = (await secretary.get('/api/daily-work/join-applications')).json();
    expect(mine.map((a: { name: string }) => a.name)).toEqual(['网申青年']);
    expect(mine[0]).toMatchObject({ orgId: branch, status: 'pending', school: '余庆中学', gender: expect.any(String), birthDate: `${Y - 16}-03-03` });
    expect(mine[0].idNumberMasked).not.toContain(idNumber.slice(6, 14));
    applicationId = mine[0].id;
    const longxi = await loginAs(t.app, 'longxi_admin');
    expect((await longxi.get('/api/daily-work/join-applications')).json().map((a: { name: string }) => a.name)).toEqual(['外镇青年']);
    expect((await longxi.post(`/api/daily-work/join-applications/${applicationId}/accept`, {})).statusCode).toBe(404);
    const inbox = (await secretary.get('/api/inbox')).json();
    const items = inbox.sources.filter((x: { kind: string }) => x.kind === 'join_application').flatMap((x: { items: { title: string; link: string }[] }) => x.items);
    expect(items).toEqual([expect.objectContaining({ title: '网申青年（余庆中学）在线提交了入团申请，待受理' })]);
    expect(items[0].link).toContain('/development/cases');
    // A second pending application of the same ID number is refused, naming it.
    const twice = await apply({ orgId: branch });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().fields[0].field).toBe('idNumber');
    // A member account cannot accept applications.
    expect((await member.post(`/api/daily-work/join-applications/${applicationId}/accept`, {})).statusCode).toBe(403);
  });

  it('accepting registers the youth in the branch and starts the development case', async () => {
    const res = await secretary.post(`/api/daily-work/join-applications/${applicationId}/accept`, {});
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json();
    expect(item).toMatchObject({ status: 'accepted', decidedOn: today });
    const [person] = await systemRows<{ org_id: number; name: string; political_status: string }>(t.database, sql`select org_id, name, political_status from people where id = ${item.personId}`);
    expect(person).toMatchObject({ name: '网申青年', political_status: '13' });
    expect(Number(person!.org_id)).toBe(branch);
    const [c] = await systemRows<{ person_id: number; branch_id: number; stage: string; started_on: string }>(
      t.database,
      sql`select person_id, branch_id, stage, started_on::text as started_on from development_cases where id = ${item.caseId}`,
    );
    expect(c).toMatchObject({ stage: 'application', started_on: today });
    expect(Number(c!.branch_id)).toBe(branch);
    const again = await secretary.post(`/api/daily-work/join-applications/${applicationId}/accept`, {});
    expect(again.statusCode).toBe(409);
    const audit = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where entity = 'join_applications' and entity_id = ${String(applicationId)}`);
    expect(audit[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('declining needs a reason and records it', async () => {
    const res = await apply({ orgId: branch, name: '再申青年', idNumber: makeIdNumber(`${Y - 15}-07-07`) });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await systemRows<{ id: number }>(t.database, sql`select id from join_applications where name = '再申青年'`);
    expect((await secretary.post(`/api/daily-work/join-applications/${row!.id}/decline`, { reason: '' })).statusCode).toBe(400);
    const declined = await secretary.post(`/api/daily-work/join-applications/${row!.id}/decline`, { reason: '请先在学校团委报名' });
    expect(declined.json()).toMatchObject({ status: 'declined', note: '请先在学校团委报名', caseId: null });
  });

  it('submissions are rate-limited per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await apply({ orgId: branch, idNumber: '1' }, '10.13.1.1')).statusCode);
    expect(codes.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(codes[5]).toBe(429);
  });
});

describe('notices in the portal', () => {
  it('a member reads the notices sent to their branch, and only those', async () => {
    const baini = await loginAs(t.app, 'baini_admin');
    const mine = await baini.post('/api/notices', { title: '关于开展团员教育评议的通知', body: '请各位团员月底前参加评议。', target: 'chosen', orgIds: [branch] });
    expect(mine.statusCode, mine.body).toBe(200);
    const other = (await branchesOf(t, '白泥镇')).find((b) => b.id !== branch)!;
    const notMine = await baini.post('/api/notices', { title: '别的支部的通知', body: '只发给另一个支部。', target: 'chosen', orgIds: [other.id] });
    expect(notMine.statusCode, notMine.body).toBe(200);
    const res = await member.get('/api/daily-work/portal/notices');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([expect.objectContaining({ title: '关于开展团员教育评议的通知', body: '请各位团员月底前参加评议。' })]);
    // Reading in the portal is not the branch's read: the secretary's 待办 still lists it.
    const inbox = (await secretary.get('/api/inbox')).json();
    expect(inbox.sources.find((x: { kind: string }) => x.kind === 'notice')?.items.map((i: { title: string }) => i.title).join()).toContain('关于开展团员教育评议的通知');
    // An administrator has no portal.
    expect((await baini.get('/api/daily-work/portal/notices')).statusCode).toBe(403);
  });
});

describe('the home page (GET /) names what the account\'s home loads', () => {
  it('names the admin home\'s scripts and data for a branch and a county, and nothing more for a member (their home is the portal)', async () => {
    const webDist = mkdtempSync(join(tmpdir(), 'tj-web-'));
    writeFileSync(
      join(webDist, 'index.html'),
      '<!doctype html><html><head><link rel="preload" href="/api/auth/me" as="fetch" crossorigin="anonymous" /><script type="module" crossorigin src="/assets/index-1.js"></script></head><body></body></html>',
    );
    mkdirSync(join(webDist, '.vite'));
    const chunk = (file: string, imports: string[] = []) => ({ file, imports });
    writeFileSync(
      join(webDist, '.vite', 'manifest.json'),
      JSON.stringify({
        'index.html': chunk('assets/index-1.js'),
        'src/components/AppLayout.tsx': chunk('assets/AppLayout-1.js', ['index.html', '_menu-1.js']),
        '_menu-1.js': chunk('assets/menu-1.js'),
        'src/pages/home/HomePage.tsx': chunk('assets/HomePage-1.js', ['_menu-1.js']),
        'src/pages/home/homeQueries.ts': chunk('assets/homeQueries-1.js'),
        'src/pages/home/CommitteeOverview.tsx': chunk('assets/CommitteeOverview-1.js'),
        'src/components/OrgTreeSelect.tsx': chunk('assets/OrgTreeSelect-1.js'),
        'src/components/EChartCanvas.tsx': chunk('assets/EChartCanvas-1.js'),
      }),
    );
    const web = await buildApp({ database: t.database, logLevel: 'silent', webDist });
    try {
      const page = async (cookie?: string) => (await web.inject({ method: 'GET', url: '/', headers: cookie ? { cookie } : {} })).body;
      const scripts = (html: string) => [...html.matchAll(/rel="modulepreload" crossorigin href="([^"]+)"/g)].map((m) => m[1]);
      const data = (html: string) => [...html.matchAll(/<link rel="preload" href="([^"]+)" as="fetch"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
      const frame = ['/assets/AppLayout-1.js', '/assets/menu-1.js', '/assets/HomePage-1.js', '/assets/homeQueries-1.js'];
      const branchPage = await page(secretary.cookie);
      expect(scripts(branchPage)).toEqual(frame);
      expect(data(branchPage)[0]).toBe('/api/auth/me');
      expect(data(branchPage).some((u) => u.startsWith(`/api/stats/branch-home?orgId=${branch}&`))).toBe(true);
      const county = await page((await loginAs(t.app, 'county_admin')).cookie);
      // Not ECharts: a committee's charts start below the first screen and bring it when they near it.
      expect(scripts(county)).toEqual([...frame, '/assets/CommitteeOverview-1.js', '/assets/OrgTreeSelect-1.js']);
      expect(data(county)).toContain('/api/inbox/overdue/summary?limit=8');
      // A member: the page as built (the session check only), no admin script or figure.
      expect(await page(member.cookie)).toBe(await page());
      expect(data(await page(member.cookie))).toEqual(['/api/auth/me']);
    } finally {
      await web.close();
    }
  });
});
