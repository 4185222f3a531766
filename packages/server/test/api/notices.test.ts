import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { TINY_PNG_BASE64 } from './scope-samples-org-life.js';

process.env.TJ_TODAY = '2026-12-06';
process.env.ATTACHMENT_DIR = mkdtempSync(join(tmpdir(), 'tj-notices-'));

/** 通知公告: published down the tree, read and replied per receiving organization, chased and exported by the sender. */
let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let secretary: Session;
let branch: number;
let township: number;
let longxiBranch: number;
const PDF_BASE64 = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');

beforeAll(async () => {
  t = await createTestApp();
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  secretary = await loginAs(t.app, 'branch_secretary');
  branch = Number((await secretary.get('/api/auth/me')).json().account.scopeOrgId);
  township = await orgId(t.database, '共青团余庆县白泥镇委员会');
  const longxiTownship = await orgId(t.database, '共青团余庆县龙溪镇委员会');
  const [lb] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${longxiTownship} and type = 'branch' order by id limit 1`);
  longxiBranch = Number(lb!.id);
}, 120_000);
afterAll(() => t?.close());

describe('通知公告', () => {
  let countyNotice: number;

  it('the county publishes to its whole subtree with an attachment; every active organization below receives it', async () => {
    const res = await county.post('/api/notices', {
      title: '关于做好2027年度团籍注册工作的通知',
      body: '各级团组织：请于2027年3月31日前完成团籍注册，并回复本单位完成情况。',
      deadline: '2026-12-31',
      replyRequired: true,
      target: 'subtree',
      attachments: [{ fileName: '注册工作方案.pdf', contentBase64: PDF_BASE64 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const notice = res.json();
    countyNotice = notice.id;
    expect(notice).toMatchObject({ title: '关于做好2027年度团籍注册工作的通知', replyRequired: true, canManage: true, publisher: { name: '共青团余庆县委员会' } });
    expect(notice.attachments).toHaveLength(1);
    const [n] = await systemRows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from organizations where status = 'active' and path <@ (select path from organizations where name = '共青团余庆县委员会') and name <> '共青团余庆县委员会'`,
    );
    expect(notice.progress).toEqual({ targets: n!.n, read: 0, replied: 0 });
    // Audited: the notice and its targets.
    const audit = await systemRows<{ entity: string; n: number }>(
      t.database,
      sql`select entity, count(*)::int as n from audit_log where entity in ('notices', 'notice_targets') group by entity order by entity`,
    );
    expect(audit).toEqual([{ entity: 'notice_targets', n: n!.n }, { entity: 'notices', n: 1 }]);
  });

  it('the branch reads it (first read kept), downloads its attachment and replies with a file; the item leaves its 待办', async () => {
    const received = (await secretary.get('/api/notices/received')).json();
    const mine = received.items.find((i: { id: number }) => i.id === countyNotice);
    expect(mine.mine).toMatchObject({ readAt: null, replied: false, pending: 'read' });
    expect(mine.progress).toBeNull();
    let inbox = (await secretary.get('/api/inbox')).json();
    expect(inbox.counts.notice).toBe(1);

    const detail = (await secretary.get(`/api/notices/${countyNotice}`)).json();
    expect(detail.canManage).toBe(false);
    const file = await secretary.get(`/api/notices/attachments/${detail.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');

    const first = (await secretary.post(`/api/notices/${countyNotice}/read`, {})).json();
    expect(first.mine.readAt).not.toBeNull();
    expect(first.mine.pending).toBe('reply');
    const again = (await secretary.post(`/api/notices/${countyNotice}/read`, {})).json();
    expect(again.mine.readAt).toBe(first.mine.readAt);
    inbox = (await secretary.get('/api/inbox')).json();
    expect(inbox.sources.find((s: { kind: string }) => s.kind === 'notice').items[0].title).toBe('通知《关于做好2027年度团籍注册工作的通知》待回复');

    const replied = await secretary.post(`/api/notices/${countyNotice}/replies`, {
      text: '本支部已完成注册。',
      attachment: { fileName: '注册名单.png', contentBase64: TINY_PNG_BASE64 },
    });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json().mine.pending).toBeNull();
    expect(replied.json().replies[0].attachments[0]).toMatchObject({ fileName: '注册名单.png', mimeType: 'image/png' });
    inbox = (await secretary.get('/api/inbox')).json();
    expect(inbox.counts.notice ?? 0).toBe(0);
    const audit = await systemRows<{ entity: string }>(t.database, sql`select distinct entity from audit_log where entity in ('notice_reads', 'notice_replies', 'attachments') and org_id = ${branch}`);
    expect(audit.map((a) => a.entity).sort()).toEqual(['attachments', 'notice_reads', 'notice_replies']);
  });

  it('the sender sees who read and replied per organization, chases the rest, and exports the list', async () => {
    const progress = (await county.get(`/api/notices/${countyNotice}/progress`)).json();
    const own = progress.items.find((i: { org: { id: number } }) => i.org.id === branch);
    expect(own).toMatchObject({ readerName: expect.stringContaining('书记'), pending: null, readers: 1 });
    expect(own.replies[0]).toMatchObject({ text: '本支部已完成注册。' });
    const replyFile = await county.get(`/api/notices/attachments/${own.replies[0].attachments[0].id}`);
    expect(replyFile.statusCode).toBe(200);
    expect(progress.notice.progress).toMatchObject({ read: 1, replied: 1 });
    // Pending first.
    expect(progress.items[0].pending).not.toBeNull();

    const chased = (await county.post(`/api/notices/${countyNotice}/chase`, {})).json();
    expect(chased.chased).toBe(progress.items.length - 1);
    const bainiInbox = (await baini.get('/api/inbox')).json();
    expect(bainiInbox.sources.find((s: { kind: string }) => s.kind === 'notice').items[0].title).toMatch(/待阅读（已催办）$/);
    const after = (await county.get(`/api/notices/${countyNotice}/progress?pending=true`)).json();
    expect(after.items.every((i: { chaseCount: number }) => i.chaseCount === 1)).toBe(true);
    expect(after.items.some((i: { org: { id: number } }) => i.org.id === branch)).toBe(false);

    const xlsx = await county.get(`/api/notices/${countyNotice}/export`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('a township notice to chosen branches is seen only there: another township gets 404, its inbox and lists show nothing', async () => {
    const res = await baini.post('/api/notices', { title: '白泥镇支部书记例会通知', body: '请于周五到镇团委开会。', target: 'chosen', orgIds: [branch] });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().id;
    expect(res.json().progress.targets).toBe(1);
    expect((await longxi.get(`/api/notices/${id}`)).statusCode).toBe(404);
    expect((await longxi.post(`/api/notices/${id}/read`, {})).statusCode).toBe(404);
    expect((await longxi.get(`/api/notices/${id}/progress`)).statusCode).toBe(404);
    const lists = JSON.stringify([(await longxi.get('/api/notices/received')).json(), (await longxi.get('/api/notices/sent')).json(), (await longxi.get('/api/inbox')).json()]);
    expect(lists).not.toContain('白泥镇支部书记例会通知');
    // The county above sees it among notices sent in its subtree; the receiving branch cannot see the sender's progress.
    expect((await county.get('/api/notices/sent')).json().items.map((i: { id: number }) => i.id)).toContain(id);
    expect((await secretary.get(`/api/notices/${id}/progress`)).statusCode).toBe(403);
    // Choosing an organization of another township is refused, naming the field.
    const out = await baini.post('/api/notices', { title: '越权通知', body: '正文', target: 'chosen', orgIds: [longxiBranch] });
    expect(out.statusCode).toBe(404);
    expect(out.json().fields.map((f: { field: string }) => f.field)).toEqual(['orgIds']);
    expect(out.json().message).toContain('不在您的管理范围内');
  });

  it('bad input gets a Chinese error naming the field; a branch may not publish', async () => {
    const empty = await county.post('/api/notices', { title: '  ', body: '正文', target: 'subtree' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('通知标题');
    const noTargets = await county.post('/api/notices', { title: '通知', body: '正文', target: 'chosen', orgIds: [] });
    expect(noTargets.statusCode).toBe(422);
    expect(noTargets.json()).toMatchObject({ message: '请选择接收组织', fields: [{ field: 'orgIds', message: '请选择接收组织' }] });
    const past = await county.post('/api/notices', { title: '通知', body: '正文', target: 'subtree', deadline: '2026-01-01' });
    expect(past.json()).toMatchObject({ message: '办理期限不能早于今天', fields: [{ field: 'deadline' }] });
    const badFile = await county.post('/api/notices', { title: '通知', body: '正文', target: 'subtree', attachments: [{ fileName: 'a.exe', contentBase64: Buffer.from('MZ not a document').toString('base64') }] });
    expect(badFile.statusCode).toBe(422);
    expect(badFile.json().fields[0].field).toBe('attachments.0.contentBase64');
    const byBranch = await secretary.post('/api/notices', { title: '通知', body: '正文', target: 'subtree' });
    expect(byBranch.statusCode).toBe(403);
    const emptyReply = await secretary.post(`/api/notices/${countyNotice}/replies`, { text: '' });
    expect(emptyReply.json()).toMatchObject({ message: '请填写回复内容或上传回复附件', fields: [{ field: 'text' }] });
    const [n] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from notices`);
    expect(n!.n).toBe(2);
  });

  it('reply required with a form: the sender defines fields, the branch fills them (checked per field), the sender lists and exports the answers', async () => {
    const replyForm = [
      { label: '参加人数', type: 'number', required: true },
      { label: '活动日期', type: 'date', required: true },
      { label: '完成情况', type: 'choice', required: true, options: ['已完成', '未完成'] },
      { label: '备注', type: 'text' },
    ];
    const base = { title: '关于报送团日活动情况的通知', body: '请填写本支部团日活动情况。', target: 'chosen', orgIds: [branch] };
    // A form needs a reply; a choice needs two options.
    const noReply = await county.post('/api/notices', { ...base, replyForm });
    expect(noReply.json()).toMatchObject({ fields: [{ field: 'replyRequired' }] });
    const oneOption = await county.post('/api/notices', { ...base, replyRequired: true, replyForm: [{ label: '完成情况', type: 'choice', options: ['已完成'] }] });
    expect(oneOption.json()).toMatchObject({ message: '选择字段“完成情况”至少需要两个选项', fields: [{ field: 'replyForm.0.options' }] });
    const res = await county.post('/api/notices', { ...base, replyRequired: true, replyForm });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().id;
    expect(res.json().replyForm.map((f: { key: string; label: string }) => `${f.key}:${f.label}`)).toEqual(['f1:参加人数', 'f2:活动日期', 'f3:完成情况', 'f4:备注']);

    // The branch sees the form; each wrong answer is refused naming its field.
    expect((await secretary.get(`/api/notices/${id}`)).json().replyForm).toHaveLength(4);
    const notNumber = await secretary.post(`/api/notices/${id}/replies`, { answers: { f1: '十二', f2: '2026-12-05', f3: '已完成' } });
    expect(notNumber.statusCode).toBe(422);
    expect(notNumber.json()).toMatchObject({ message: '“参加人数”应填写数字', fields: [{ field: 'answers.f1' }] });
    const missing = await secretary.post(`/api/notices/${id}/replies`, { answers: { f1: 12, f3: '已完成' } });
    expect(missing.json()).toMatchObject({ message: '请填写“活动日期”', fields: [{ field: 'answers.f2' }] });
    const badChoice = await secretary.post(`/api/notices/${id}/replies`, { answers: { f1: 12, f2: '2026-12-05', f3: '差不多' } });
    expect(badChoice.json()).toMatchObject({ fields: [{ field: 'answers.f3' }] });
    const badDate = await secretary.post(`/api/notices/${id}/replies`, { answers: { f1: 12, f2: '2026-02-30', f3: '已完成' } });
    expect(badDate.json()).toMatchObject({ fields: [{ field: 'answers.f2' }] });
    const ok = await secretary.post(`/api/notices/${id}/replies`, { answers: { f1: '12', f2: '2026-12-05', f3: '已完成', f4: ' 在村活动室 ', x: 'ignored' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().replies[0].answers).toEqual({ f1: 12, f2: '2026-12-05', f3: '已完成', f4: '在村活动室' });
    expect(ok.json().mine.pending).toBeNull();

    // The sender's list carries the answers; the export has one column per field.
    const progress = (await county.get(`/api/notices/${id}/progress`)).json();
    expect(progress.notice.replyForm).toHaveLength(4);
    expect(progress.items[0].replies[0].answers).toMatchObject({ f1: 12, f3: '已完成' });
    const xlsx = await county.get(`/api/notices/${id}/export`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['参加人数', '活动日期', '完成情况', '备注']));
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row[header.indexOf('参加人数')]).toBe('12');
    expect(row[header.indexOf('完成情况')]).toBe('已完成');
  });
});
