import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { formatDocumentCode } from '@tuanjian/domain';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { addMember, makeUnit, todayCn } from './scope-samples-membership.js';

/**
 * Documents as PDF (issue 14 item 5). Each document is rendered to PNG with
 * pdftoppm (poppler-utils) and its text extracted with pdftotext, then checked
 * for the names and fields it must carry; the PNGs are copied to
 * test-results/documents-*.png. A 团员证明's and a 介绍信's code verifies on
 * the public route (no login), a revoked one says so, a made-up one does not;
 * another township's scope is refused.
 */
let t: TestContext;
let baini: Session;
let longxi: Session;
let viewer: Session;
let bainiUnit: { unitId: number; branchIds: number[]; names: string[] };
let longxiUnit: { unitId: number; branchIds: number[]; names: string[] };
let memberId: number;
let memberIdNumber: string;
const today = todayCn();
const work = mkdtempSync(join(tmpdir(), 'tj-documents-'));
const RESULTS = join(process.env.TJ_TEST_ROOT ?? join(import.meta.dirname, '../../../..'), 'test-results');

/** The PDF's text (pdftotext) and its first page rendered to PNG, copied to test-results. */
function inspect(name: string, pdf: Buffer): { text: string; pages: number } {
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(work, name)]);
  const pngs = readdirSync(work).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).sort();
  expect(pngs.length).toBeGreaterThan(0);
  mkdirSync(RESULTS, { recursive: true });
  pngs.forEach((png, i) => copyFileSync(join(work, png), join(RESULTS, `documents-${name}${i ? `-${i + 1}` : ''}.png`)));
  const fonts = execFileSync('pdffonts', [file]).toString();
  expect(fonts).toContain('NotoSerifSC');
  expect(fonts).toMatch(/yes\s+yes\s+yes/); // embedded, subset, unicode map
  // Text as extracted, white space removed (the layout breaks lines in table cells and spaces out titles).
  return { text: execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ''), pages: pngs.length };
}

const pdfOf = async (s: Session, url: string) => {
  const res = await s.get(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return res.rawPayload;
};
const verify = (code: string) => t.app.inject({ method: 'GET', url: `/api/public/documents/${encodeURIComponent(code)}` });
const codeIn = (text: string) => /验证码：([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})/.exec(text)?.[1];
/** The code on a 团员证明 downloaded by the branch's township (text only, no rendering). */
const certificateCode = async () => {
  const file = join(work, 'certificate-code.pdf');
  writeFileSync(file, await pdfOf(baini, `/api/documents/people/${memberId}/certificate`));
  return codeIn(execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ''));
};

beforeAll(async () => {
  t = await createTestApp();
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  viewer = await loginAs(t.app, 'county_viewer');
  bainiUnit = await makeUnit(t, '白泥镇', '白泥镇文书测试团总支', 1);
  longxiUnit = await makeUnit(t, '龙溪镇', '龙溪镇文书测试团总支', 1);
  const p = await addMember(t, bainiUnit.branchIds[0]!, { name: '欧阳文书', joinedOn: '2019-05-04' });
  memberId = p.id;
  memberIdNumber = p.idNumber;
  await systemRows(t.database, sql`insert into registrations (person_id, org_id, year, status, decided_on) values (${memberId}, ${bainiUnit.branchIds[0]!}, ${Number(today.slice(0, 4))}, 'registered', ${today})`);
}, 120_000);
afterAll(() => t?.close());

describe('团员证明', () => {
  let code: string;

  it('is a PDF with the Chinese font embedded, the member, the branch and a verification code that verifies publicly', async () => {
    const pdf = await pdfOf(baini, `/api/documents/people/${memberId}/certificate`);
    expect(pdf.length).toBeLessThan(80_000);
    const { text } = inspect('certificate', pdf);
    expect(text).toContain('团员证明');
    expect(text).toContain('欧阳文书');
    expect(text).toContain(memberIdNumber);
    expect(text).toContain('2019年5月4日加入中国共产主义青年团');
    expect(text).toContain('白泥镇文书测试团总支第1团支部');
    expect(text).toContain('年度团籍注册：已注册');
    code = codeIn(text)!;
    expect(code).toBeTruthy();

    const res = await verify(code);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ genuine: true, kindLabel: '团员证明', nameMasked: '欧阳**', issuerName: '白泥镇文书测试团总支第1团支部', issuedOn: today, validity: 'valid', validityLabel: '有效', revokedOn: null });
    expect(res.body).not.toContain('欧阳文书');
    // Typed by hand: lower case, without dashes.
    expect((await verify(code.replaceAll('-', '').toLowerCase())).json().genuine).toBe(true);
  });

  it('a made-up code is not genuine; a malformed one neither', async () => {
    expect((await verify('ABCD-EFGH-JKLM')).json()).toMatchObject({ genuine: false, nameMasked: null, issuerName: null });
    expect((await verify('not a code')).json().genuine).toBe(false);
  });

  it('the issuing side revokes it with a reason (audited); the public page then says so', async () => {
    // Downloaded again the same day: the same copy (the same code), not a second issued row.
    expect(await certificateCode()).toBe(code);
    const listed = (await baini.get(`/api/documents/issued?personId=${memberId}`)).json().items;
    expect(listed).toHaveLength(1);
    const item = listed.find((i: { code: string }) => formatDocumentCode(i.code) === code);
    expect(item).toMatchObject({ kindLabel: '团员证明', validity: 'valid' });
    // Another township cannot see or revoke it.
    expect((await longxi.post('/api/documents/revoke', { code, reason: '误开' })).statusCode).toBe(404);
    const revoked = await baini.post('/api/documents/revoke', { code, reason: '信息有误，重新开具' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ validity: 'revoked', revokedOn: today, revokeReason: '信息有误，重新开具' });
    expect((await baini.post('/api/documents/revoke', { code: item.code, reason: '再次作废' })).json().message).toContain('已于');
    const res = (await verify(code)).json();
    expect(res).toMatchObject({ genuine: true, validity: 'revoked', validityLabel: '已作废', revokedOn: today });
    // Once revoked, the next download is a new copy with a new code.
    const fresh = (await certificateCode())!;
    expect(fresh).not.toBe(code);
    expect((await verify(fresh)).json()).toMatchObject({ genuine: true, validity: 'valid' });
    const audit = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where entity = 'document_issues' and entity_id = ${String(item.id)} and action = 'update'`);
    expect(audit[0]!.n).toBe(1);
  });

  it('is refused for another township, for a viewer, and for someone who is not a member', async () => {
    expect((await longxi.get(`/api/documents/people/${memberId}/certificate`)).statusCode).toBe(404);
    expect((await longxi.get(`/api/documents/people/${memberId}/record`)).statusCode).toBe(404);
    expect((await viewer.get(`/api/documents/people/${memberId}/certificate`)).statusCode).toBe(403);
    const youth = await addMember(t, bainiUnit.branchIds[0]!, { name: '青年甲', memberStatus: null });
    const res = await baini.get(`/api/documents/people/${youth.id}/certificate`);
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('不是在册团员');
  });
});

describe('the member portal', () => {
  it('a member downloads the own 团员证明, issued in the name of the branch, with a code that verifies', async () => {
    const issued = await baini.post('/api/daily-work/resets/issue', { personIds: [memberId] });
    expect(issued.statusCode, issued.body).toBe(200);
    const { username, code: loginCode } = issued.json().codes[0];
    const redeemed = await t.app.inject({ method: 'POST', url: '/api/daily-work/resets/redeem', payload: { username, code: loginCode, newPassword: 'Wenshu2026x' } });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    const member = await loginAs(t.app, username, 'Wenshu2026x');
    const { text } = inspect('portal-certificate', await pdfOf(member, '/api/documents/portal/certificate'));
    expect(text).toContain('欧阳文书');
    expect(text).toContain('白泥镇文书测试团总支第1团支部');
    expect((await verify(codeIn(text)!)).json()).toMatchObject({ genuine: true, kindLabel: '团员证明', issuerName: '白泥镇文书测试团总支第1团支部', validity: 'valid' });
    // Not a secretary's route: the member cannot issue for anyone by id; an administrator has no portal.
    expect((await member.get(`/api/documents/people/${memberId}/certificate`)).statusCode).toBe(403);
    expect((await baini.get('/api/documents/portal/certificate')).statusCode).toBe(403);
  });
});

describe('团员档案, 入团志愿书', () => {
  it('团员档案 carries identity and every section of the record', async () => {
    const { text } = inspect('record', await pdfOf(baini, `/api/documents/people/${memberId}/record`));
    for (const s of ['团员档案', '欧阳文书', memberIdNumber, '基本信息', '发展经历', '团籍注册', '团员教育评议', '组织关系转接', '奖励表彰', '加入中国共产主义青年团']) expect(text).toContain(s);
  });

  it('入团志愿书 is filled from the development case', async () => {
    const youth = await addMember(t, bainiUnit.branchIds[0]!, { name: '申请人乙', memberStatus: null, age: 16 });
    const started = await baini.post('/api/development/cases', { personId: youth.id, application: { actedOn: today, actor: '申请人乙' } });
    expect(started.statusCode, started.body).toBe(200);
    const { text, pages } = inspect('application-form', await pdfOf(baini, `/api/documents/development/${started.json().id}/application-form`));
    expect(pages).toBeGreaterThanOrEqual(3);
    for (const s of ['入团志愿书', '申请人乙', youth.idNumber, '白泥镇文书测试团总支第1团支部', '入团志愿', '团支部大会决议', '上级团委审批意见', '递交入团申请书']) expect(text).toContain(s);
    expect((await longxi.get(`/api/documents/development/${started.json().id}/application-form`)).statusCode).toBe(404);
  });
});

describe('组织关系介绍信', () => {
  it('is issued by the sending side for an accepted transfer, verifies, and names the receiving branch', async () => {
    const p = await addMember(t, bainiUnit.branchIds[0]!, { name: '转出丙', joinedOn: '2018-05-04' });
    const sent = await baini.post('/api/membership/transfers', { personId: p.id, toOrgId: longxiUnit.branchIds[0]!, toOrgName: longxiUnit.names[0]!, reason: '外出务工' });
    expect(sent.statusCode, sent.body).toBe(200);
    const id = sent.json().id;
    expect((await baini.get(`/api/documents/transfers/${id}/letter`)).json().message).toContain('转入方接收后');
    expect((await longxi.post(`/api/membership/transfers/${id}/accept`, { onDate: today, decidedBy: '龙溪经办人' })).statusCode).toBe(200);
    // The receiving side does not issue the sender's letter.
    expect((await longxi.get(`/api/documents/transfers/${id}/letter`)).statusCode).toBe(403);
    const { text } = inspect('transfer-letter', await pdfOf(baini, `/api/documents/transfers/${id}/letter`));
    for (const s of ['组织关系介绍信（存根）', '转出丙', p.idNumber, '龙溪镇文书测试团总支第1团支部', '白泥镇文书测试团总支第1团支部', '外出务工', '请接转团的组织关系']) expect(text).toContain(s);
    const code = codeIn(text)!;
    expect((await verify(code)).json()).toMatchObject({ genuine: true, kindLabel: '组织关系介绍信', nameMasked: '转**', toOrgName: '龙溪镇文书测试团总支第1团支部', validity: 'valid' });
    // A third township sees nothing of it.
    const other = await loginAs(t.app, 'county_viewer');
    expect((await other.get(`/api/documents/transfers/${id}/letter`)).statusCode).toBe(403);
  });
});

describe('election papers and statistical table as PDF', () => {
  it('the 公示 of an election and a statistical table render with their figures', async () => {
    const branchId = bainiUnit.branchIds[0]!;
    const plan = await baini.post('/api/elections', {
      orgId: branchId,
      kind: 'election',
      title: '文书测试团支部换届选举',
      plannedOn: today,
      seats: [{ title: 'secretary', employment: 'part_time', seats: 1 }],
      actor: '李明',
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const notice = inspect('election-notice', await pdfOf(baini, `/api/documents/elections/${plan.json().id}?kind=notice`));
    expect(notice.text).toContain('公示');
    expect(notice.text).toContain('白泥镇文书测试团总支第1团支部');
    const ballot = inspect('election-ballot', await pdfOf(baini, `/api/documents/elections/${plan.json().id}?kind=ballot`));
    expect(ballot.text).toContain('选票');

    const township = await orgId(t.database, '共青团余庆县白泥镇委员会');
    const table = inspect('stat-table', await pdfOf(baini, `/api/documents/stat-tables/organizations?orgId=${township}`));
    expect(table.text).toContain('基层团组织情况统计表');
    expect(table.text).toContain('合计');
    expect(table.text).toContain('白泥镇文书测试团总支');
    expect((await longxi.get(`/api/documents/stat-tables/organizations?orgId=${township}`)).statusCode).toBe(404);
  });
});
