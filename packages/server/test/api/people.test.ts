import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { idCardCheckChar } from '@tuanjian/domain';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { insertPerson, makeIdNumber } from '../factories.js';

let t: TestContext;
let baini: Session;
let longxi: Session;
let bainiBranch: number;
let longxiBranch: number;

beforeAll(async () => {
  t = await createTestApp();
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  bainiBranch = (await systemRows<{ id: number }>(t.database, sql`select o.id from organizations o join organizations t on t.id = o.parent_id where t.name = '共青团余庆县白泥镇委员会' and o.sector = 'village' order by o.id limit 1`)).map((r) => Number(r.id))[0]!;
  longxiBranch = (await systemRows<{ id: number }>(t.database, sql`select o.id from organizations o join organizations t on t.id = o.parent_id where t.name = '共青团余庆县龙溪镇委员会' and o.sector = 'village' order by o.id limit 1`)).map((r) => Number(r.id))[0]!;
});
afterAll(() => t?.close());

const youth = (over: Record<string, unknown> = {}) => ({
  name: '王小青',
  gender: 'female',
  idNumber: makeIdNumber('2006-04-12', 'female'),
  ethnicity: '01',
  education: '60',
  politicalStatus: '13',
  phone: '13912345678',
  orgId: bainiBranch,
  ...over,
});

describe('registering youth and members', () => {
  it('registers a young person, deriving the birth date from the ID, and masks ID and phone in lists', async () => {
    const body = youth();
    const res = await baini.post('/api/people', body);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ birthDate: '2006-04-12', gender: 'female', orgId: bainiBranch, memberStatus: null, phone: '13912345678' });
    expect(p.idNumberMasked).toBe(`${body.idNumber.slice(0, 4)}**********${body.idNumber.slice(14)}`);
    const list = (await baini.get(`/api/people?q=${encodeURIComponent('王小青')}`)).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(p.id);
    const item = list.items.find((i: { id: number }) => i.id === p.id);
    expect(item.phoneMasked).toBe('139****5678');
    expect(JSON.stringify(list)).not.toContain(body.idNumber);
    const byId = (await baini.get(`/api/people?q=${body.idNumber}`)).json();
    expect(byId.items).toHaveLength(1);
    // The audit log keeps the record masked too: the full ID is seen only through the audited view.
    const audit = await baini.get(`/api/audit?entity=people&entityId=${p.id}`);
    expect(audit.json().items[0].after.id_number).toBe(p.idNumberMasked);
    expect(audit.body).not.toContain(body.idNumber);
    expect(audit.body).not.toContain('13912345678');
  });

  it.each([
    ['a wrong check digit', { idNumber: '520329200604120021' }, 'idNumber', '校验位'],
    ['a gender that contradicts the ID', { idNumber: makeIdNumber('2006-04-12', 'male') }, 'gender', '性别与身份证号不符'],
    ['an age outside the youth range', { idNumber: makeIdNumber('1980-01-01', 'female') }, 'idNumber', '不在青年范围'],
    ['a member without joining date', { memberNo: '5203292020000001', politicalStatus: '03' }, 'joinedOn', '入团时间'],
  ])('refuses %s, naming the field', async (_what, over, field, message) => {
    const res = await baini.post('/api/people', youth(over));
    expect(res.statusCode).toBe(422);
    expect(res.json().fields[0].field).toBe(field);
    expect(res.json().message).toContain(message);
  });

  it('refuses a duplicate ID, saying where only within scope', async () => {
    const idNumber = makeIdNumber('2005-08-01', 'male');
    expect((await baini.post('/api/people', youth({ idNumber, gender: 'male', name: '李重复' }))).statusCode).toBe(200);
    const again = await baini.post('/api/people', youth({ idNumber, gender: 'male', name: '李重复' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/已在“.*团支部”登记/);
    const elsewhere = await longxi.post('/api/people', youth({ idNumber, gender: 'male', name: '李重复', orgId: longxiBranch }));
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().message).toContain('不在您的管理范围内');
    expect(elsewhere.json().message).not.toContain('白泥');
  });

  it('shows the full ID only on request, and audits every such view', async () => {
    const { id, idNumber } = await insertPerson(t.database, { orgId: bainiBranch, name: '赵看看' });
    const detail = (await baini.get(`/api/people/${id}`)).json();
    expect(JSON.stringify(detail)).not.toContain(idNumber);
    const reveal = await baini.get(`/api/people/${id}/id-number`);
    expect(reveal.json().idNumber).toBe(idNumber);
    const audit = (await baini.get(`/api/audit?action=view_sensitive&entityId=${id}`)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ entity: 'people', actorName: '白泥镇团委书记' });
    const viewer = await loginAs(t.app, 'county_viewer');
    expect((await viewer.get(`/api/people/${id}/id-number`)).statusCode).toBe(403);
    expect((await longxi.get(`/api/people/${id}`)).statusCode).toBe(404);
  });

  it('edits with optimistic locking and re-derives the birth date from a corrected ID', async () => {
    const created = (await baini.post('/api/people', youth({ name: '钱改改', idNumber: makeIdNumber('2007-01-01', 'female') }))).json();
    const fixedId = makeIdNumber('2007-02-02', 'female');
    const res = await baini.patch(`/api/people/${created.id}`, { version: created.version, idNumber: fixedId, occupation: '学生' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ birthDate: '2007-02-02', occupation: '学生', version: created.version + 1 });
    expect((await baini.patch(`/api/people/${created.id}`, { version: created.version, name: '钱再改' })).statusCode).toBe(409);
  });
});

async function workbook(rows: (string | number | null)[][], headers?: string[]): Promise<string> {
  const template = await baini.get('/api/people/import-template');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('青年团员名册')!;
  sheet.spliceRows(2, 1); // the sample row
  if (headers) sheet.getRow(1).values = headers;
  // Fill from row 2 (the template's drop-downs already reach row 5001, so addRow would append below them).
  rows.forEach((r, i) => r.forEach((v, j) => (sheet.getRow(2 + i).getCell(j + 1).value = v)));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const row = (name: string, gender: string, id: string | number, extra: Partial<Record<'org' | 'memberNo' | 'joinedOn' | 'ethnicity' | 'political', string>> = {}) => [
  name, gender, id, extra.ethnicity ?? '汉族', '普通高中', extra.political ?? '群众', '13800001111', '务农', '否', null, extra.org ?? null, extra.memberNo ?? null, extra.joinedOn ?? null, null,
];

describe('Excel import', () => {
  it('offers a template with Chinese headers and code lists as drop-downs', async () => {
    const res = await baini.get('/api/people/import-template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('青年团员名册')!;
    expect(sheet.getRow(1).getCell(3).value).toBe('身份证号*');
    expect(sheet.getCell('D2').dataValidation).toMatchObject({ type: 'list' });
    expect(wb.getWorksheet('代码表')!.getColumn(4).values).toContain('苗族');
  });

  it('reports every bad row with row, column and reason, writes nothing until accepted, and re-imports as unchanged', async () => {
    const good1 = makeIdNumber('2004-05-06', 'male');
    const good2 = makeIdNumber('2003-07-08', 'female');
    const branchName = (await systemRows<{ name: string }>(t.database, sql`select name from organizations where id = ${bainiBranch}`))[0]!.name;
    const content = await workbook([
      row('张导一', '男', good1, { org: branchName }),
      row('李导二', '女', good2, { memberNo: '5203292020000777', joinedOn: '2020-05-04', political: '共青团员' }),
      row('数字号', '男', 520329200405060000),
      row('王校验', '男', '520329200405060012'),
      row('刘性别', '女', makeIdNumber('2004-01-01', 'male')),
      row('孙民族', '女', makeIdNumber('2004-01-02', 'male'), { ethnicity: '火星族' }),
      row('周组织', '男', makeIdNumber('2004-01-03', 'male'), { org: '龙溪镇某村团支部' }),
      row('吴重复', '男', good1),
    ]);
    const before = (await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from people`))[0]!.n;
    const preview = await baini.post('/api/people/import', { fileName: '名册.xlsx', contentBase64: content, orgId: bainiBranch });
    expect(preview.statusCode).toBe(200);
    const report = preview.json();
    expect(report).toMatchObject({ total: 8, valid: 2, unchanged: 0 });
    const byRow = Object.fromEntries(report.errors.map((e: { row: number; column: string; message: string }) => [e.row, e]));
    expect(byRow[4]).toMatchObject({ column: '身份证号' });
    expect(byRow[4].message).toContain('文本');
    expect(byRow[5].message).toContain('校验位');
    expect(byRow[6]).toMatchObject({ column: '性别' });
    // One upload shows every problem of a row: here the ethnicity and the gender.
    const row7 = report.errors.filter((e: { row: number }) => e.row === 7).map((e: { column: string }) => e.column).sort();
    expect(row7).toEqual(['性别', '民族'].sort());
    expect(byRow[8]).toMatchObject({ column: '所在组织' });
    expect(byRow[9].message).toContain('与第2行的身份证号重复');
    expect((await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from people`))[0]!.n).toBe(before);

    const commit = await baini.post(`/api/people/import/${report.batchId}/commit`);
    expect(commit.json()).toMatchObject({ inserted: 2, skippedErrors: 6 });
    expect((await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from people`))[0]!.n).toBe(before + 2);
    expect((await baini.post(`/api/people/import/${report.batchId}/commit`)).statusCode).toBe(409);
    const member = (await systemRows<{ member_status: string; org_id: number }>(t.database, sql`select member_status, org_id from people where id_number = ${good2}`))[0]!;
    expect(member).toMatchObject({ member_status: 'active', org_id: bainiBranch });

    const again = (await baini.post('/api/people/import', { fileName: '名册.xlsx', contentBase64: content, orgId: bainiBranch })).json();
    expect(again).toMatchObject({ valid: 0, unchanged: 2 });
  });

  it('refuses a file whose headers are not the template', async () => {
    const content = await workbook([row('张三', '男', makeIdNumber('2004-05-06', 'male'))], ['名字', '性别']);
    const res = (await baini.post('/api/people/import', { fileName: 'x.xlsx', contentBase64: content, orgId: bainiBranch })).json();
    expect(res.errors[0]).toMatchObject({ row: 1, column: '表头' });
  });

  it('imports 10,000 rows in one batch', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => {
      const born = `199${5 + (i % 5)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const first17 = `522701${born.replaceAll('-', '')}${String(Math.floor(i / 60) % 500 * 2 + 1).padStart(3, '0')}`;
      return row(`批量${i}`, '男', first17 + idCardCheckChar(first17));
    });
    const unique = new Set(rows.map((r) => r[2]));
    expect(unique.size).toBe(10_000);
    const content = await workbook(rows);
    const preview = (await baini.post('/api/people/import', { fileName: 'big.xlsx', contentBase64: content, orgId: bainiBranch })).json();
    expect(preview).toMatchObject({ total: 10_000, valid: 10_000 });
    const commit = (await baini.post(`/api/people/import/${preview.batchId}/commit`)).json();
    expect(commit.inserted).toBe(10_000);
  }, 180_000);
});

describe('figures', () => {
  it('counts members and youth of a subtree exactly as the registry holds them', async () => {
    const townshipId = await orgId(t.database, '共青团余庆县白泥镇委员会');
    const res = (await baini.get(`/api/stats/people-overview?orgId=${townshipId}`)).json();
    const [expected] = await systemRows<{ members: number }>(
      t.database,
      sql`select count(*)::int as members from people p join organizations o on o.id = p.org_id
           where p.member_status = 'active' and p.registry_status = 'active' and o.path <@ (select path from organizations where id = ${townshipId})`,
    );
    expect(res.members).toBe(expected!.members);
    expect(res.ageBands.reduce((s: number, b: { members: number }) => s + b.members, 0)).toBeLessThanOrEqual(res.members);
    expect(res.memberYouthRatio).toBeCloseTo(res.members / res.youth, 3);
  });
});
