import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { makeIdNumber } from '../factories.js';

/**
 * One national ID check (GB 11643: GB/T 2260 region code, a real birth date not after the
 * business date, check digit) for every place an ID number is accepted.
 */
process.env.TJ_TODAY = '2026-11-20';

// Right check digits, wrong regions: both were accepted as people, volunteers and aid beneficiaries.
const NO_REGION = '000000200803150122';
const NO_REGION_2 = '123456200803150142';

let t: TestContext;
let baini: Session;
let county: Session;
let townshipId: number;
let branchId: number;

beforeAll(async () => {
  t = await createTestApp();
  baini = await loginAs(t.app, 'baini_admin');
  county = await loginAs(t.app, 'county_admin');
  townshipId = await orgId(t.database, '共青团余庆县白泥镇委员会');
  const [b] = await systemRows<{ id: number }>(
    t.database,
    sql`select id from organizations where parent_id = ${townshipId} and type = 'branch' and sector = 'village' order by id limit 1`,
  );
  branchId = Number(b!.id);
});
afterAll(() => t?.close());

/** The refusal names the field and gives the validator's message. */
function expectRefused(res: { statusCode: number; json: () => { message: string; fields?: { field: string; message: string }[] } }, message: string) {
  expect(res.statusCode).toBe(422);
  const body = res.json();
  expect(body.message).toContain(message);
  expect(body.fields?.[0]?.field).toBe('idNumber');
}

describe('national ID numbers are checked the same way everywhere', () => {
  const person = (idNumber: string, gender: 'male' | 'female' = 'female') => ({
    name: '区码测试',
    gender,
    idNumber,
    ethnicity: '01',
    education: '60',
    politicalStatus: '13',
    phone: '13912345678',
    orgId: branchId,
  });

  it('refuses a region code that is not in GB/T 2260 for a person', async () => {
    expectRefused(await baini.post('/api/people', person(NO_REGION)), '身份证号前6位地区码“000000”不存在');
    expectRefused(await baini.post('/api/people', person(NO_REGION_2)), '身份证号前6位地区码“123456”不存在');
  });

  it('accepts a person whose number carries an abolished county code (520321 遵义县, abolished 2016)', async () => {
    const res = await baini.post('/api/people', person(makeIdNumber('2004-03-15', 'male', '520321'), 'male'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().birthDate).toBe('2004-03-15');
  });

  it('refuses a future birth date for a person with the date, not an age of minus years', async () => {
    const res = await baini.post('/api/people', person(makeIdNumber('2031-03-15', 'female', '520329')));
    expectRefused(res, '身份证号中的出生日期2031-03-15晚于今天');
    expect(res.json().message).not.toContain('年龄-');
  });

  it('refuses a 15-digit legacy number, asking for the 18-digit one', async () => {
    expectRefused(await baini.post('/api/people', person('520329080315012')), '请填写18位的居民身份证号');
  });

  it('refuses a bad region code in an imported row, in the ID column', async () => {
    const template = await baini.get('/api/people/import-template');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('青年团员名册')!;
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? '').replace('*', ''));
    const col = (h: string) => headers.indexOf(h);
    sheet.spliceRows(2, 1); // the sample row
    const values: Record<string, string> = { 姓名: '导入区码', 性别: '女', 身份证号: NO_REGION, 民族: '汉族', 政治面貌: '群众' };
    for (const [h, v] of Object.entries(values)) sheet.getRow(2).getCell(col(h)).value = v;
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const preview = await baini.post('/api/people/import', { fileName: '名册.xlsx', contentBase64: content, orgId: branchId });
    expect(preview.statusCode, preview.body).toBe(200);
    const errors = preview.json().errors as { row: number; column: string; message: string }[];
    expect(errors).toContainEqual(expect.objectContaining({ row: 2, column: '身份证号', message: '身份证号前6位地区码“000000”不存在' }));
  });

  it('refuses a region code that is not in GB/T 2260 for a volunteer', async () => {
    const add = (idNumber: string) => baini.post('/api/org-life/volunteers', { orgId: townshipId, name: '区码志愿者', idNumber, registeredOn: '2026-02-01' });
    expectRefused(await add(NO_REGION), '身份证号前6位地区码“000000”不存在');
    expectRefused(await add(NO_REGION_2), '身份证号前6位地区码“123456”不存在');
  });

  describe('aid beneficiaries', () => {
    let projectId: number;
    const add = (idNumber: string) =>
      baini.post(`/api/org-life/aid/projects/${projectId}/beneficiaries`, { name: '受助学生', school: '白泥镇中学', amountFen: 10_000, idNumber });

    beforeAll(async () => {
      const p = await county.post('/api/org-life/aid/projects', { orgId: townshipId, program: 'hope_project', year: 2026, title: '身份证号校验测试', fundsRaisedFen: 100_000 });
      expect(p.statusCode, p.body).toBe(200);
      projectId = p.json().id;
    });

    it('refuses a region code that is not in GB/T 2260 for an aid beneficiary', async () => {
      expectRefused(await add(NO_REGION), '身份证号前6位地区码“000000”不存在');
      expectRefused(await add(NO_REGION_2), '身份证号前6位地区码“123456”不存在');
    });

    it('refuses a birth date after the business date for an aid beneficiary', async () => {
      expectRefused(await add(makeIdNumber('2027-03-15', 'female', '520329')), '身份证号中的出生日期2027-03-15晚于今天');
      // The business date (TJ_TODAY), not the machine's clock, decides: born on it is accepted.
      expect((await add(makeIdNumber('2026-11-20', 'female', '520329'))).statusCode).toBe(200);
    });
  });
});
