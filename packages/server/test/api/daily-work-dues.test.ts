import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { insertPerson } from '../factories.js';
import { loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { branchesOf, createDailyWorkApp, thisYear, todayCn } from './scope-samples-daily-work.js';

/**
 * 团费: ledger, profiles, payments (exact fen, one per member and month),
 * batch entry, Excel import, reminders, remittance, report, exports; and the
 * other township seeing none of it.
 */
let t: TestContext;
let baini: Session;
let longxi: Session;
let branch: number;
let otherBranch: number;
let longxiBranch: number;
const Y = thisYear();
const today = todayCn();
const month = today.slice(0, 7);
// A past month of this year (January in any month but January: then last December is not allowed, use January itself).
const jan = `${Y}-01`;

async function member(orgIdValue: number, name: string, joinedOn = '2018-05-04', isStudent = false) {
  return insertPerson(t.database, { orgId: orgIdValue, name, birthDate: '2000-01-15', memberStatus: 'active', joinedOn, isStudent });
}

async function newBranch(parentName: string, name: string): Promise<number> {
  const county = await loginAs(t.app, 'county_admin');
  const res = await county.post('/api/orgs', { parentId: await orgId(t.database, parentName), name, type: 'branch', sector: 'other' });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().id;
}

beforeAll(async () => {
  t = await createDailyWorkApp();
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  branch = await newBranch('共青团余庆县白泥镇委员会', '白泥镇团费测试公司团支部');
  otherBranch = await newBranch('共青团余庆县白泥镇委员会', '白泥镇团费测试二厂团支部');
  longxiBranch = (await branchesOf(t, '龙溪镇'))[0]!.id;
});
afterAll(() => t?.close());

describe('dues standards and the monthly ledger', () => {
  it('lists every member with what they owe, exactly in fen, by category', async () => {
    const student = await member(branch, '学生甲', '2018-05-04', true);
    const worker = await member(branch, '在职乙');
    const exempt = await member(branch, '免交丙');
    const late = await member(branch, '新团员丁', `${Y}-02-10`);
    expect((await baini.put(`/api/daily-work/dues/profiles/${worker.id}`, { category: 'employed', monthlyIncomeFen: 523_456 })).json()).toMatchObject({ dueFen: 2617, category: 'employed' });
    expect((await baini.put(`/api/daily-work/dues/profiles/${exempt.id}`, { category: 'no_income', exemptReason: '家庭经济困难' })).json()).toMatchObject({ dueFen: 0 });

    const ledger = (await baini.get(`/api/daily-work/dues/ledger?orgId=${branch}&period=${jan}`)).json();
    const row = (id: number) => ledger.rows.find((r: { personId: number }) => r.personId === id);
    expect(row(student.id)).toMatchObject({ category: 'student', profileRecorded: false, dueFen: 20, exempt: false, payment: null });
    expect(row(worker.id)).toMatchObject({ category: 'employed', profileRecorded: true, monthlyIncomeFen: 523_456, dueFen: 2617, basis: '月收入5234.56元×0.5%' });
    expect(row(exempt.id)).toMatchObject({ exempt: true, dueFen: 0, exemptReason: '家庭经济困难' });
    // Not yet a member in January.
    expect(row(late.id)).toBeUndefined();
    expect(ledger.totals).toMatchObject({ members: 3, exempt: 1, dueFen: 2637, paidFen: 0, paid: 0, unpaid: 2 });
  });

  it('refuses an inconsistent profile', async () => {
    const p = await member(branch, '资料戊');
    const res = await baini.put(`/api/daily-work/dues/profiles/${p.id}`, { category: 'employed' });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe('在职团员须填写月收入（分，整数，大于0）');
    const fraction = await baini.put(`/api/daily-work/dues/profiles/${p.id}`, { category: 'employed', monthlyIncomeFen: 100.5 });
    expect(fraction.statusCode).toBe(400);
    expect(fraction.json().message).toContain('月收入应为整数（单位：分）');
  });

  it('only accepts a branch', async () => {
    const res = await baini.get(`/api/daily-work/dues/ledger?orgId=${await orgId(t.database, '共青团余庆县白泥镇委员会')}`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toBe('not_a_branch');
  });
});

describe('payments', () => {
  it('records a payment at the member’s standard and refuses the same month twice', async () => {
    const p = await member(otherBranch, '交费甲');
    const first = await baini.post('/api/daily-work/dues/payments', { personId: p.id, period: jan, paidOn: `${Y}-01-20`, method: 'cash' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ personId: p.id, orgId: otherBranch, period: jan, amountFen: 20, method: 'cash', receiptNo: null });
    const again = await baini.post('/api/daily-work/dues/payments', { personId: p.id, period: jan, paidOn: `${Y}-01-21`, method: 'cash', amountFen: 20 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('dues_duplicate');
    expect(again.json().message).toContain(`交费甲${Y}年1月的团费已登记，不能重复登记`);
    const rows = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from dues_payments where person_id = ${p.id}`);
    expect(rows[0]!.n).toBe(1);
  });

  it('a second payment for the same month is refused by the database even when the first is out of sight', async () => {
    const p = await member(otherBranch, '交费乙');
    // Recorded by another branch (e.g. before a transfer): invisible to 龙溪镇, still a duplicate.
    await systemRows(t.database, sql`insert into dues_payments (org_id, person_id, period, amount_fen, paid_on, method) values (${otherBranch}, ${p.id}, ${jan}, 20, ${`${Y}-01-05`}::date, 'cash') returning id`);
    await systemRows(t.database, sql`update people set org_id = ${longxiBranch} where id = ${p.id} returning id`);
    const res = await longxi.post('/api/daily-work/dues/payments', { personId: p.id, period: jan, paidOn: `${Y}-01-20`, method: 'cash' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('该团员该月的团费已登记，不能重复登记');
  });

  it('keeps amounts exact: an employed member pays the share of income to the fen, more is accepted, less is refused', async () => {
    const p = await member(otherBranch, '在职丙');
    await baini.put(`/api/daily-work/dues/profiles/${p.id}`, { category: 'employed', monthlyIncomeFen: 333_333 });
    const less = await baini.post('/api/daily-work/dues/payments', { personId: p.id, period: jan, paidOn: `${Y}-01-20`, method: 'transfer', amountFen: 1666 });
    expect(less.statusCode).toBe(422);
    expect(less.json().message).toBe(`在职丙：金额不足：${Y}年1月应交16.67元，登记的是16.66元`);
    const exact = await baini.post('/api/daily-work/dues/payments', { personId: p.id, period: jan, paidOn: `${Y}-01-20`, method: 'transfer' });
    expect(exact.json().amountFen).toBe(1667);
    const more = await baini.post('/api/daily-work/dues/payments', { personId: p.id, period: `${Y}-02`, paidOn: `${Y}-02-20` <= today ? `${Y}-02-20` : today, method: 'cash', amountFen: 2000 });
    expect(more.statusCode, more.body).toBe(200);
    expect(more.json().amountFen).toBe(2000);
  });

  it('refuses each irregular payment with its reason', async () => {
    const p = await member(otherBranch, '规则丁', `${Y}-01-10`);
    const post = (body: Record<string, unknown>) => baini.post('/api/daily-work/dues/payments', { personId: p.id, period: `${Y}-01`, paidOn: today, method: 'cash', ...body });
    expect((await post({ period: `${Y + 1}-01` })).json().message).toContain('尚未到来，最多预交到本年12月');
    expect((await post({ paidOn: '2999-01-01' })).json().message).toContain('交纳日期不能晚于今天');
    expect((await post({ method: 'online' })).json().message).toContain('线上缴纳须填写电子回单号');
    expect((await post({ period: `${Y - 1}-12` })).json().message).toContain('尚未入团');
    expect((await post({ period: '2026-13' })).statusCode).toBe(400);
    const online = await post({ method: 'online', receiptNo: `WX-TEST-${Y}-1` });
    expect(online.statusCode, online.body).toBe(200);
    const other = await member(otherBranch, '规则戊');
    const reused = await baini.post('/api/daily-work/dues/payments', { personId: other.id, period: `${Y}-01`, paidOn: today, method: 'online', receiptNo: `WX-TEST-${Y}-1` });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().message).toContain('同一回单不能登记两次');
    const exempt = await member(otherBranch, '免交己');
    await baini.put(`/api/daily-work/dues/profiles/${exempt.id}`, { category: 'student', exemptReason: '长期患病' });
    expect((await baini.post('/api/daily-work/dues/payments', { personId: exempt.id, period: jan, paidOn: today, method: 'cash' })).json().message).toContain('已免交团费');
  });

  it('records a batch (several members and months) all at once or not at all, and corrects a payment', async () => {
    const a = await member(otherBranch, '批量甲');
    const b = await member(otherBranch, '批量乙');
    const periods = [`${Y}-01`, month];
    const ok = await baini.post('/api/daily-work/dues/payments/batch', { personIds: [a.id, b.id], periods, paidOn: today, method: 'cash' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ count: periods[0] === periods[1] ? 2 : 4, totalFen: periods[0] === periods[1] ? 40 : 80 });
    const c = await member(otherBranch, '批量丙');
    const refused = await baini.post('/api/daily-work/dues/payments/batch', { personIds: [c.id, a.id], periods: [`${Y}-01`], paidOn: today, method: 'cash' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('批量甲');
    expect((await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from dues_payments where person_id = ${c.id}`))[0]!.n).toBe(0);
    expect((await baini.post('/api/daily-work/dues/payments/batch', { personIds: [c.id], periods: [jan], paidOn: today, method: 'online' })).json().error).toBe('dues_online_batch');

    const [pay] = await systemRows<{ id: number }>(t.database, sql`select id from dues_payments where person_id = ${a.id} and period = ${jan}`);
    const fixed = await baini.patch(`/api/daily-work/dues/payments/${pay!.id}`, { amountFen: 50, paidOn: today, method: 'transfer', receiptNo: 'ZZ001' });
    expect(fixed.json()).toMatchObject({ amountFen: 50, method: 'transfer', receiptNo: 'ZZ001' });
    expect((await baini.patch(`/api/daily-work/dues/payments/${pay!.id}`, { amountFen: 10, paidOn: today, method: 'cash' })).statusCode).toBe(422);
    const audited = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where entity = 'dues_payments' and entity_id = ${String(pay!.id)} and action = 'update'`);
    expect(audited[0]!.n).toBe(1);
  });
});

async function workbook(rows: (string | number)[][], header = ['姓名', '团员编号或身份证号', '所属月份', '金额（元）', '交纳日期', '交纳方式', '回单号']): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('团费交纳名单');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('import of a payment list', () => {
  it('checks every row and writes nothing until all are right', async () => {
    const importBranch = await newBranch('共青团余庆县白泥镇委员会', '白泥镇团费导入测试厂团支部');
    const a = await member(importBranch, '导入甲');
    const b = await member(importBranch, '导入乙');
    const [na, nb] = await systemRows<{ member_no: string; id_number: string }>(t.database, sql`select member_no, id_number from people where id in (${a.id}, ${b.id}) order by id`);
    const bad = await workbook([
      ['导入甲', na!.member_no, jan, '0.20', `${Y}-01-10`, '现金', ''],
      ['导入乙', nb!.id_number, jan, '0.1', `${Y}-01-10`, '现金', ''],
      ['导入甲', na!.member_no, jan, '0.20', `${Y}-01-10`, '现金', ''],
      ['查无此人', '520329000000000000', jan, '0.20', `${Y}-01-10`, '现金', ''],
      ['导入乙', 520329200001150000, jan, '0.20', `${Y}-01-10`, '现金', ''],
      ['导入乙', nb!.id_number, jan, '0.2.0', `${Y}-01-10`, '现金', ''],
      ['导入乙', nb!.id_number, `${Y}-02`, '0.20', `${Y}-01-10`, '刷脸', ''],
    ]);
    const report = await baini.post('/api/daily-work/dues/import', { orgId: importBranch, fileName: '团费.xlsx', contentBase64: bad, commit: true });
    expect(report.statusCode, report.body).toBe(200);
    const r = report.json();
    expect(r.committed).toBe(false);
    const msg = (row: number) => r.errors.filter((e: { row: number }) => e.row === row).map((e: { message: string }) => e.message).join('|');
    expect(msg(3)).toContain('金额不足');
    expect(msg(4)).toContain('与第2行重复');
    expect(msg(5)).toContain('本团支部没有该团员编号或身份证号的在册团员');
    expect(msg(6)).toContain('必须是文本');
    expect(msg(7)).toContain('金额应为元');
    expect(msg(8)).toContain('交纳方式应为');
    expect((await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from dues_payments where org_id = ${importBranch}`))[0]!.n).toBe(0);

    const good = await workbook([
      ['导入甲', na!.member_no, jan, '0.20', `${Y}-01-10`, '现金', ''],
      ['导入乙', nb!.id_number, jan, 0.5, `${Y}-01-11`, '线上缴纳', `WX-IMPORT-${Y}`],
    ]);
    const preview = (await baini.post('/api/daily-work/dues/import', { orgId: importBranch, fileName: '团费.xlsx', contentBase64: good })).json();
    expect(preview).toMatchObject({ rows: 2, accepted: 2, totalFen: 70, errors: [], committed: false });
    const done = (await baini.post('/api/daily-work/dues/import', { orgId: importBranch, fileName: '团费.xlsx', contentBase64: good, commit: true })).json();
    expect(done).toMatchObject({ accepted: 2, totalFen: 70, committed: true });
    const stored = await systemRows<{ amount_fen: number; receipt_no: string | null }>(t.database, sql`select amount_fen, receipt_no from dues_payments where org_id = ${importBranch} order by person_id`);
    expect(stored.map((s) => [Number(s.amount_fen), s.receipt_no])).toEqual([[20, null], [50, `WX-IMPORT-${Y}`]]);
    // The same file again: every row is a duplicate now.
    const again = (await baini.post('/api/daily-work/dues/import', { orgId: importBranch, fileName: '团费.xlsx', contentBase64: good, commit: true })).json();
    expect(again.committed).toBe(false);
    expect(again.errors.map((e: { message: string }) => e.message).join('|')).toContain('不能重复登记');
  });

  it('refuses a file without the required columns and offers a template', async () => {
    const res = await baini.post('/api/daily-work/dues/import', { orgId: branch, fileName: 'x.xlsx', contentBase64: await workbook([], ['姓名', '金额']) });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('表头缺少');
    const template = await baini.get('/api/daily-work/dues/import-template');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('reminders, remittance and report', () => {
  it('lists unpaid months per member and the subtree report; remits exactly the configured share once', async () => {
    const rb = await newBranch('共青团余庆县白泥镇委员会', '白泥镇团费上缴测试社团支部');
    const a = await member(rb, '上缴甲');
    const b = await member(rb, '上缴乙');
    const c = await member(rb, '上缴丙');
    await baini.put(`/api/daily-work/dues/profiles/${c.id}`, { category: 'employed', monthlyIncomeFen: 300_100 });
    await baini.post('/api/daily-work/dues/payments', { personId: a.id, period: jan, paidOn: `${Y}-01-15` <= today ? `${Y}-01-15` : today, method: 'cash' });
    await baini.post('/api/daily-work/dues/payments', { personId: c.id, period: jan, paidOn: `${Y}-01-15` <= today ? `${Y}-01-15` : today, method: 'cash' });

    const unpaid = (await baini.get(`/api/daily-work/dues/unpaid?under=${rb}&from=${jan}&to=${jan}`)).json();
    expect(unpaid.items.map((i: { name: string }) => i.name)).toEqual(['上缴乙']);
    expect(unpaid.items[0]).toMatchObject({ months: [jan], owedFen: 20 });
    expect(unpaid.owedFen).toBe(20);

    const report = (await baini.get(`/api/daily-work/dues/report?under=${rb}&from=${jan}&to=${jan}`)).json();
    expect(report.rows).toHaveLength(1);
    // 0.20 + 15.01 (300100 × 0.5% = 1500.5 → 1501) collected, half remitted: 760.5 → 761 fen.
    expect(report.rows[0]).toMatchObject({ members: 3, dueMonths: 3, dueFen: 1541, paidMonths: 2, paidFen: 1521, unpaidMonths: 1, remitDueFen: 761, remittedFen: 0 });
    expect(report.rows[0].collectionRate).toBeCloseTo(0.6667, 4);

    const preview = (await baini.get(`/api/daily-work/dues/remittances/preview?orgId=${rb}&periodFrom=${jan}&periodTo=${jan}`)).json();
    expect(preview).toMatchObject({ collectedFen: 1521, expectedFen: 761, share: 0.5, alreadyRemitted: [] });
    const wrong = await baini.post('/api/daily-work/dues/remittances', { orgId: rb, periodFrom: jan, periodTo: jan, amountFen: 760, remittedOn: today });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().message).toBe('上缴金额应为所选月份收缴额的规定比例：7.61元');
    const ok = await baini.post('/api/daily-work/dues/remittances', { orgId: rb, periodFrom: jan, periodTo: jan, amountFen: 761, remittedOn: today, note: '一月上缴' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ orgId: rb, toOrgId: await orgId(t.database, '共青团余庆县白泥镇委员会'), toOrgName: '共青团余庆县白泥镇委员会', amountFen: 761 });
    const twice = await baini.post('/api/daily-work/dues/remittances', { orgId: rb, periodFrom: jan, periodTo: jan, amountFen: 761, remittedOn: today });
    expect(twice.json().message).toContain(`${Y}年1月已上缴，不能重复上缴`);
    expect((await baini.get(`/api/daily-work/dues/report?under=${rb}&from=${jan}&to=${jan}`)).json().rows[0].remittedFen).toBe(761);
    const list = (await baini.get(`/api/daily-work/dues/remittances?under=${rb}`)).json();
    expect(list.total).toBe(1);
  });

  it('exports every list to Excel', async () => {
    for (const url of [
      `/api/daily-work/dues/ledger/export?orgId=${branch}&period=${jan}`,
      `/api/daily-work/dues/unpaid/export?under=${branch}`,
      `/api/daily-work/dues/report/export?under=${await orgId(t.database, '共青团余庆县白泥镇委员会')}`,
      `/api/daily-work/dues/remittances/export`,
    ]) {
      const res = await baini.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.rowCount, url).toBeGreaterThan(0);
    }
    const ledger = await baini.get(`/api/daily-work/dues/ledger/export?orgId=${branch}&period=${jan}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ledger.rawPayload as unknown as ArrayBuffer);
    const values = wb.worksheets[0]!.getRow(1).values as string[];
    expect(values).toContain('应交（元）');
  });
});

describe('the report as pages', () => {
  it('lists one page of branches with their number, and the organization\'s own totals (every member of the subtree), the export every branch', async () => {
    const town = await orgId(t.database, '共青团余庆县白泥镇委员会');
    // A member of the committee itself (no branch): in the organization's totals, in no branch's row.
    await member(town, '镇团委直属甲');
    const [c] = await systemRows<{ branches: number; members: number }>(
      t.database,
      sql`select (select count(*)::int from organizations o where o.path <@ t.path and o.status = 'active' and o.type in ('branch', 'joint_branch')) as branches,
                 (select count(*)::int from people p join organizations o on o.id = p.org_id where o.path <@ t.path and p.member_status = 'active') as members
            from organizations t where t.id = ${town}`,
    );
    expect(c!.branches).toBeGreaterThan(6);
    const whole = (await baini.get(`/api/daily-work/dues/report?under=${town}&pageSize=500`)).json();
    expect(whole.rows).toHaveLength(c!.branches);
    expect(whole.total).toBe(c!.branches);
    expect(whole.totals.members).toBe(c!.members);
    expect(whole.totals.members).toBeGreaterThan(whole.rows.reduce((s: number, r: { members: number }) => s + r.members, 0));
    // A page: the same rows, in the same (tree) order, and the same totals.
    const page = (await baini.get(`/api/daily-work/dues/report?under=${town}&page=2&pageSize=3`)).json();
    expect(page).toMatchObject({ page: 2, pageSize: 3, total: c!.branches, totals: whole.totals });
    expect(page.rows).toEqual(whole.rows.slice(3, 6));
    const first = (await baini.get(`/api/daily-work/dues/report?under=${town}`)).json();
    expect(first).toMatchObject({ page: 1, pageSize: 20, total: c!.branches });
    expect(first.rows).toEqual(whole.rows.slice(0, 20));
    // Behind only: the branches with unpaid months, lowest collection rate first.
    const behind = whole.rows
      .filter((r: { dueMonths: number; unpaidMonths: number }) => r.dueMonths > 0 && r.unpaidMonths > 0)
      .sort((a: { collectionRate: number; unpaidMonths: number }, b: { collectionRate: number; unpaidMonths: number }) => a.collectionRate - b.collectionRate || b.unpaidMonths - a.unpaidMonths);
    expect(behind.length).toBeGreaterThan(2);
    const worst = (await baini.get(`/api/daily-work/dues/report?under=${town}&behindOnly=true&pageSize=2`)).json();
    expect(worst).toMatchObject({ total: behind.length, totals: whole.totals });
    expect(worst.rows).toEqual(behind.slice(0, 2));
    // The Excel export still lists every branch (+ header and 合计).
    const res = await baini.get(`/api/daily-work/dues/report/export?under=${town}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(c!.branches + 2);
  });
});

describe('scope', () => {
  it('another township sees and records nothing of 白泥镇', async () => {
    const p = await member(branch, '越权目标');
    expect((await longxi.get(`/api/daily-work/dues/ledger?orgId=${branch}`)).statusCode).toBe(404);
    expect((await longxi.post('/api/daily-work/dues/payments', { personId: p.id, period: jan, paidOn: today, method: 'cash' })).statusCode).toBe(404);
    expect((await longxi.put(`/api/daily-work/dues/profiles/${p.id}`, { category: 'student' })).statusCode).toBe(404);
    expect((await longxi.get(`/api/daily-work/dues/report?under=${branch}`)).statusCode).toBe(404);
    const [pay] = await systemRows<{ id: number }>(t.database, sql`select id from dues_payments where org_id = ${otherBranch} order by id limit 1`);
    expect((await longxi.patch(`/api/daily-work/dues/payments/${pay!.id}`, { amountFen: 100, paidOn: today, method: 'cash' })).statusCode).toBe(404);
    const own = (await longxi.get('/api/daily-work/dues/unpaid?pageSize=500')).json();
    expect(JSON.stringify(own)).not.toContain('白泥');
    const viewer = await loginAs(t.app, 'county_viewer');
    expect((await viewer.post('/api/daily-work/dues/payments', { personId: p.id, period: jan, paidOn: today, method: 'cash' })).statusCode).toBe(403);
    expect((await viewer.get(`/api/daily-work/dues/report?under=${branch}`)).statusCode).toBe(200);
  });
});
