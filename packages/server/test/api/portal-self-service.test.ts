import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { insertPerson } from '../factories.js';
import { loginAs, systemRows, type Session, type TestContext } from '../helpers.js';
import { CapturingSms, createDailyWorkApp, thisMonth, thisYear, todayCn } from './scope-samples-daily-work.js';

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
  const issued = (await secretary.post('/api/daily-work/resets/issue', { personIds: [personId] })).json().codes[0];
  const res = await t.app.inject({ method: 'POST', url: '/api/daily-work/resets/redeem', payload: { username: issued.username, code: issued.code, newPassword: 'Pingzheng2026' } });
  if (res.statusCode !== 200) throw new Error(res.body);
  member = await loginAs(t.app, issued.username, 'Pingzheng2026');
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
