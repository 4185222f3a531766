import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, systemRows, type Session, type TestContext } from '../helpers.js';
import { insertPerson } from '../factories.js';

// 电子档案 (issue 14 item 4) and 发展团员编号 (item 2) through the API.
process.env.TJ_TODAY = '2026-11-20';
process.env.ATTACHMENT_DIR ??= mkdtempSync(join(tmpdir(), 'tj-attachments-'));

let t: TestContext;
let secretary: Session;
let baini: Session;
let longxi: Session;
let viewer: Session;
let branchId: number;

/** A small but real PDF (the type is sniffed from the content) of `size` bytes. */
const pdf = (size = 2048, text = '入团志愿书') => {
  const head = Buffer.from(`%PDF-1.4\n% ${text}\n`);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]).toString('base64');
};
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString('base64');

beforeAll(async () => {
  t = await createTestApp();
  secretary = await loginAs(t.app, 'branch_secretary');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  viewer = await loginAs(t.app, 'county_viewer');
  branchId = (await secretary.get('/api/auth/me')).json().account.scopeOrgId;
});
afterAll(() => t?.close());

describe('电子档案: from missing to 团员身份已认证 through the committee above', () => {
  it('uploads, returns with a reason, re-uploads, approves; only the committee above reviews; audited', async () => {
    const { id: personId } = await insertPerson(t.database, { orgId: branchId, memberStatus: 'active', birthDate: '2008-02-01', joinedOn: '2026-10-30', name: '档案甲' });
    const archiveOf = async (s: Session = secretary) => {
      const res = await s.get(`/api/people/${personId}/archive`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };

    const empty = await archiveOf();
    expect(empty).toMatchObject({ verifiedOn: null, complete: false, missing: ['入团申请书', '入团志愿书'], dueOn: '2026-11-29', overdue: false, canReview: false });

    // 入团志愿书 is a PDF: a photo is refused, naming the file field.
    const photoAsForm = await secretary.post(`/api/people/${personId}/archive`, { kind: 'application_form', fileName: '志愿书.jpg', contentBase64: JPEG });
    expect(photoAsForm.statusCode).toBe(422);
    expect(photoAsForm.json()).toMatchObject({ message: '入团志愿书只能上传 PDF 文件', fields: [{ field: 'contentBase64' }] });
    // Up to 20 MB (the archive's limit, not the 10 MB of other attachments).
    const big = await secretary.post(`/api/people/${personId}/archive`, { kind: 'application_form', fileName: '志愿书.pdf', contentBase64: pdf(12 * 1024 * 1024) });
    expect(big.statusCode, big.body.slice(0, 300)).toBe(200);
    const letter = await secretary.post(`/api/people/${personId}/archive`, { kind: 'application_letter', fileName: '申请书.pdf', contentBase64: pdf(4096, '入团申请书') });
    expect(letter.statusCode, letter.body).toBe(200);
    const uploaded = letter.json();
    expect(uploaded).toMatchObject({ complete: true, missing: [], verifiedOn: null });
    expect(uploaded.items).toEqual([
      { kind: 'application_letter', label: '入团申请书', required: true, status: 'pending' },
      { kind: 'application_form', label: '入团志愿书', required: true, status: 'pending' },
    ]);
    const formId = uploaded.documents.find((d: { kind: string }) => d.kind === 'application_form').id;
    const letterId = uploaded.documents.find((d: { kind: string }) => d.kind === 'application_letter').id;

    // The file comes back as uploaded.
    const file = await secretary.get(`/api/archive/documents/${letterId}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(Buffer.from(pdf(4096, '入团申请书'), 'base64'))).toBe(true);

    // The branch cannot review its own upload, another township does not see it, a viewer may not review.
    const self = await secretary.post(`/api/archive/documents/${formId}/review`, { decision: 'approve' });
    expect(self.statusCode).toBe(403);
    const otherTownship = await longxi.post(`/api/archive/documents/${formId}/review`, { decision: 'approve' });
    expect(otherTownship.statusCode).toBe(404);
    expect((await longxi.get(`/api/people/${personId}/archive`)).statusCode).toBe(404);
    expect((await viewer.post(`/api/archive/documents/${formId}/review`, { decision: 'approve' })).statusCode).toBe(403);

    // The township committee sees both waiting, and in its 待办.
    const pending = (await baini.get('/api/archive/pending')).json();
    expect(pending.filter((d: { personId: number }) => d.personId === personId).map((d: { kind: string }) => d.kind).sort()).toEqual(['application_form', 'application_letter']);
    const box = (await baini.get('/api/inbox')).json();
    const reviewItems = box.sources.find((s: { kind: string }) => s.kind === 'archive_review');
    expect(reviewItems?.items.some((i: { title: string }) => i.title.includes('份待审核'))).toBe(true);

    // Returning needs a reason.
    const noReason = await baini.post(`/api/archive/documents/${formId}/review`, { decision: 'return' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields[0]).toMatchObject({ field: 'reason' });
    const returned = await baini.post(`/api/archive/documents/${formId}/review`, { decision: 'return', reason: '缺少审批页的签字盖章' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ complete: false, missing: ['入团志愿书'], verifiedOn: null, canReview: true });
    const seen = await archiveOf();
    expect(seen.documents.find((d: { id: number }) => d.id === formId)).toMatchObject({ status: 'returned', returnReason: '缺少审批页的签字盖章', reviewedOn: '2026-11-20' });
    expect((await baini.post(`/api/archive/documents/${formId}/review`, { decision: 'approve' })).statusCode).toBe(409);

    // Uploaded again (on the development case path too: no case given here), then both approved.
    const again = await secretary.post(`/api/people/${personId}/archive`, { kind: 'application_form', fileName: '志愿书（补签）.pdf', contentBase64: pdf(8192) });
    expect(again.statusCode, again.body).toBe(200);
    const newFormId = Math.max(...again.json().documents.map((d: { id: number }) => d.id));
    expect((await baini.post(`/api/archive/documents/${letterId}/review`, { decision: 'approve' })).json()).toMatchObject({ verifiedOn: null });
    const verified = await baini.post(`/api/archive/documents/${newFormId}/review`, { decision: 'approve' });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ verifiedOn: '2026-11-20', complete: true, missing: [] });

    // 团员身份已认证 on the member: detail and list.
    expect((await secretary.get(`/api/people/${personId}`)).json()).toMatchObject({ identityVerifiedOn: '2026-11-20' });
    const list = (await secretary.get(`/api/people?q=${encodeURIComponent('档案甲')}`)).json();
    expect(list.items[0]).toMatchObject({ id: personId, identityVerifiedOn: '2026-11-20' });

    // Per branch: the township's overview counts the member as verified.
    const overview = (await baini.get('/api/archive/overview?pageSize=500')).json();
    const row = overview.branches.find((b: { orgId: number }) => b.orgId === branchId);
    expect(overview.checklist).toEqual(['入团申请书', '入团志愿书']);
    expect(row.verified).toBeGreaterThanOrEqual(1);
    expect(row.notVerified).toBe(row.members - row.verified);

    // Every write is in the audit log.
    const audit = await systemRows<{ action: string; n: number }>(
      t.database,
      sql`select action, count(*)::int as n from audit_log where entity = 'archive_documents' and entity_id = any(${sql.param([letterId, formId, newFormId].map(String))}::text[]) group by action order by action`,
    );
    expect(Object.fromEntries(audit.map((a) => [a.action, a.n]))).toEqual({ insert: 3, update: 3 });
    const personAudit = await systemRows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from audit_log where entity = 'people' and entity_id = ${String(personId)} and after ? 'identity_verified_on'`,
    );
    expect(personAudit[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it('counts the members not yet verified in the branch secretary\'s 待办', async () => {
    const box = (await secretary.get('/api/inbox')).json();
    const archive = box.sources.find((s: { kind: string }) => s.kind === 'archive');
    expect(archive.items[0].title).toMatch(/^电子档案：\d+名团员身份未认证$/);
  });
});

describe('the overview as pages', () => {
  it('lists one page of branches in tree order with their number, and the organization\'s own totals (every member of the subtree)', async () => {
    const town = (await baini.get('/api/auth/me')).json().account.scopeOrgId;
    // A member of the committee itself (no branch): in the organization's totals, in no branch's row.
    await insertPerson(t.database, { orgId: town, memberStatus: 'active', birthDate: '2007-05-01', joinedOn: '2025-05-04', name: '镇团委直属档案' });
    const branches = await systemRows<{ id: number }>(
      t.database,
      sql`select o.id from organizations o, organizations t where t.id = ${town} and o.path <@ t.path and o.status = 'active' and o.type in ('branch', 'joint_branch') order by o.path`,
    );
    const [c] = await systemRows<{ members: number; verified: number }>(
      t.database,
      sql`select count(*)::int as members, count(p.identity_verified_on)::int as verified
            from people p join organizations o on o.id = p.org_id join organizations t on o.path <@ t.path where t.id = ${town} and p.member_status = 'active'`,
    );
    expect(branches.length).toBeGreaterThan(6);
    const whole = (await baini.get('/api/archive/overview?pageSize=500')).json();
    expect(whole.branches.map((b: { orgId: number }) => b.orgId)).toEqual(branches.map((b) => Number(b.id)));
    expect(whole).toMatchObject({ total: branches.length, page: 1, pageSize: 500 });
    expect(whole.totals).toMatchObject({ members: c!.members, verified: c!.verified, notVerified: c!.members - c!.verified });
    expect(whole.totals.members).toBeGreaterThan(whole.branches.reduce((s: number, r: { members: number }) => s + r.members, 0));
    // Page 2 holds the next branches in tree order, with the subtree's totals (not the page's).
    const page = (await baini.get('/api/archive/overview?page=2&pageSize=3')).json();
    expect(page).toMatchObject({ page: 2, pageSize: 3, total: branches.length, totals: whole.totals });
    expect(page.branches).toEqual(whole.branches.slice(3, 6));
    const first = (await baini.get(`/api/archive/overview?under=${town}`)).json();
    expect(first).toMatchObject({ page: 1, pageSize: 20, total: branches.length, totals: whole.totals });
    expect(first.branches).toEqual(whole.branches.slice(0, 20));
    // Members not verified only (the data-quality card): those branches, in tree order, counted.
    const notVerified = whole.branches.filter((b: { notVerified: number }) => b.notVerified > 0);
    expect(notVerified.length).toBeGreaterThan(3);
    const second = (await baini.get('/api/archive/overview?notVerifiedOnly=true&page=2&pageSize=2')).json();
    expect(second).toMatchObject({ total: notVerified.length, totals: whole.totals });
    expect(second.branches).toEqual(notVerified.slice(2, 4));
  });
});

describe('发展团员编号 on every path', () => {
  const body = (over: Record<string, unknown>) => ({
    name: '编号乙',
    gender: 'male',
    idNumber: '',
    ethnicity: '01',
    politicalStatus: '03',
    orgId: branchId,
    ...over,
  });
  it('refuses by hand a number whose year is not the joining year, a joining age under 14, and takes a good one', async () => {
    const { idNumber } = await (async () => {
      // An ID number not registered yet: born 2006-05-10.
      const p = await insertPerson(t.database, { orgId: branchId, birthDate: '2006-05-10', name: '占位' });
      await systemRows(t.database, sql`delete from people where id = ${p.id}`);
      return p;
    })();
    const wrongYear = await baini.post('/api/people', body({ idNumber, memberNo: '202152000101', joinedOn: '2020-06-01' }));
    expect(wrongYear.statusCode).toBe(422);
    expect(wrongYear.json()).toMatchObject({ message: '发展团员编号中的年份2021与入团时间（2020-06-01）的年份不一致', fields: [{ field: 'memberNo' }] });
    const young = await baini.post('/api/people', body({ idNumber, memberNo: '202052000101', joinedOn: '2020-05-09' }));
    expect(young.statusCode).toBe(422);
    expect(young.json().message).toBe('入团时（2020-05-09）13周岁，2017年起入团须年满14周岁');
    const ok = await baini.post('/api/people', body({ idNumber, memberNo: '202052000101', joinedOn: '2020-05-10' }));
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
