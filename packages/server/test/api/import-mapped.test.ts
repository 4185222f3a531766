import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { NATIONAL_TEMPLATE_COLUMNS } from '@tuanjian/domain';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { makeIdNumber } from '../factories.js';

/**
 * The mapped import (issue 14): files as the national system (智慧团建)
 * writes them — a merged title row, merged group headers, its own header
 * words and code values, Excel date cells, ID numbers in number cells — are
 * built here and imported with the suggested mapping into the right place of
 * the tree; a second import of the same file changes nothing; an updated file
 * says what changed; hostile files answer Chinese errors naming row and column.
 */
let t: TestContext;
let county: Session;
let countyId: number;
let baini: number;

beforeAll(async () => {
  t = await createTestApp();
  county = await loginAs(t.app, 'county_admin');
  countyId = await orgId(t.database, '共青团余庆县委员会');
  baini = await orgId(t.database, '共青团余庆县白泥镇委员会');
});
afterAll(() => t?.close());

type Cell = string | number | Date | null;
/**
 * A workbook as the national system exports it: a merged title row, then
 * `groups` (merged across their columns, with 序号 merged down), then the
 * headers, then the rows. Numbers given as `{ id: '…' }` are written as
 * number cells holding all 18 digits, as that system writes ID numbers.
 */
async function nationalWorkbook(title: string, groups: [string, number][] | null, headers: string[], rows: (Cell | { id: string })[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, headers.length);
  let headerRow = 2;
  if (groups) {
    const groupRow: (string | null)[] = [headers[0]!];
    for (const [g, span] of groups) groupRow.push(g, ...Array(span - 1).fill(null));
    ws.addRow(groupRow);
    ws.addRow([null, ...headers.slice(1)]);
    ws.mergeCells(2, 1, 3, 1); // 序号 over two rows
    let col = 2;
    for (const [, span] of groups) {
      ws.mergeCells(2, col, 2, col + span - 1);
      col += span;
    }
    headerRow = 3;
  } else ws.addRow(headers);
  const placeholders = new Map<string, string>();
  rows.forEach((r, i) => {
    const row = ws.addRow(
      r.map((c, j) => {
        if (c && typeof c === 'object' && 'id' in c) {
          const stand = 1_000_000_000_000 + i * 100 + j; // replaced by the 18 digits below
          placeholders.set(String(stand), c.id);
          return stand;
        }
        return c;
      }),
    );
    r.forEach((c, j) => {
      if (c instanceof Date) row.getCell(j + 1).numFmt = 'yyyy-mm';
    });
  });
  expect(headerRow).toBeGreaterThan(1);
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  let xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  for (const [stand, id] of placeholders) xml = xml.replace(`<v>${stand}</v>`, `<v>${id}</v>`);
  zip.file('xl/worksheets/sheet1.xml', xml);
  return (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64');
}

const preview = (kind: string, contentBase64: string, extra: Record<string, unknown> = {}, as = county) =>
  as.post('/api/imports/preview', { kind, orgId: countyId, fileName: `${kind}.xlsx`, contentBase64, ...extra });
const commit = (batchId: number) => county.post(`/api/imports/${batchId}/commit`);

const ORG_HEADERS = ['序号', '团组织名称', '团组织简称', '团组织编码', '上级团组织名称', '上级团组织编码', '团组织类型', '团组织所在单位类别', '团组织书记', '成立时间'];
const orgRows = (secretary: string): Cell[][] => [
  [1, '白泥镇团委', '白泥镇团委', '520329000101', '共青团余庆县委员会', '520329000001', '乡镇团委', '农村', null, null],
  [2, '余庆县白泥镇新联村团支部', '新联村团支部', '520329000102', null, '520329000101', '团支部', '农村', secretary, new Date(Date.UTC(2019, 4, 4))],
  [3, '白泥镇中心学校团总支', null, '520329000103', '白泥镇团委', null, '团总支', '学校', null, null],
  [4, '白泥镇中心学校七年级团支部', null, '520329000104', '白泥镇中心学校团总支', null, '团支部', '学校', null, null],
];

const PEOPLE_HEADERS = ['序号', '姓名', '性别', '民族', '公民身份号码', '政治面貌', '入团年月', '发展团员编号', '所在团支部', '手机号码', '学历'];
const ids = { a: makeIdNumber('2004-06-01', 'male', '520329'), b: makeIdNumber('2005-03-12', 'female', '520329'), c: makeIdNumber('2006-09-30', 'female', '520329'), d: makeIdNumber('2003-01-15', 'male', '520329') };
const peopleRows = (phoneA: string, withD = false): (Cell | { id: string })[][] => [
  [1, '韦国强', '男', '汉', { id: ids.a }, '团员', new Date(Date.UTC(2019, 4, 1)), '201952000001', '余庆县白泥镇新联村团支部', phoneA, '大专'],
  [2, '罗晓梅', '女', '仡佬族', { id: ids.b }, '共青团员', new Date(Date.UTC(2020, 4, 1)), '202052000002', '新联村团支部', '13985000002', '高中'],
  [3, '杨丽', '女', '苗', { id: ids.c }, '群众', null, null, '余庆县白泥镇新联村团支部', null, '初中'],
  ...(withD ? [[4, '田小军', '男', '土家', { id: ids.d }, '团员', new Date(Date.UTC(2018, 4, 1)), '201852000004', '余庆县白泥镇新联村团支部', '13985000004', '本科'] as (Cell | { id: string })[]] : []),
];

describe('a simulated national-system export', () => {
  it('builds the organization tree from a flat sheet: the township committee matched to the existing one, parents by code and by name', async () => {
    const file = await nationalWorkbook('智慧团建 团组织信息导出', null, ORG_HEADERS, orgRows('韦国强'));
    const res = await preview('organizations', file);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.headerRow).toBe(2);
    expect(r.mappingSource).toBe('suggested');
    expect(r.mapping).toEqual([null, 'orgName', 'shortName', 'code', 'parent', 'parentCode', 'orgType', 'sector', 'contactName', 'foundedOn']);
    expect(r.errors).toEqual([]);
    expect({ created: r.created, changed: r.changed, unchanged: r.unchanged }).toEqual({ created: 3, changed: 1, unchanged: 0 });
    expect(r.changes).toEqual([{ row: 3, label: '共青团余庆县白泥镇委员会', fields: ['团组织编码'] }]);
    const done = await commit(r.batchId);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ created: 3, changed: 1 });
    const tree = await systemRows<{ name: string; parent: string; type: string; sector: string; founded_on: string | null }>(
      t.database,
      sql`select o.name, p.name as parent, o.type, o.sector, o.founded_on::text as founded_on from organizations o join organizations p on p.id = o.parent_id
           where o.name in ('余庆县白泥镇新联村团支部', '白泥镇中心学校团总支', '白泥镇中心学校七年级团支部') order by o.name`,
    );
    expect(tree).toEqual([
      { name: '余庆县白泥镇新联村团支部', parent: '共青团余庆县白泥镇委员会', type: 'branch', sector: 'village', founded_on: '2019-05-04' },
      { name: '白泥镇中心学校七年级团支部', parent: '白泥镇中心学校团总支', type: 'branch', sector: 'school', founded_on: null },
      { name: '白泥镇中心学校团总支', parent: '共青团余庆县白泥镇委员会', type: 'general_branch', sector: 'school', founded_on: null },
    ]);
    const townships = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from organizations where name like '%白泥镇%' and type = 'township'`);
    expect(townships[0]!.n).toBe(1);

    const again = (await preview('organizations', file)).json();
    expect(again.mappingSource).toBe('saved');
    expect({ created: again.created, changed: again.changed, unchanged: again.unchanged, errors: again.errors }).toEqual({ created: 0, changed: 0, unchanged: 4, errors: [] });
  });

  it('imports people with the suggested mapping (merged headers, 汉/团员 codes, date cells, IDs in number cells); a re-import is a no-op; an update says what changed', async () => {
    const file = await nationalWorkbook('智慧团建 团员信息导出', [['基本信息', 5], ['团籍信息', 5]], PEOPLE_HEADERS, peopleRows('13985000001'));
    const res = await preview('people', file);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.headerRow).toBe(3);
    expect(r.headers[0]).toBe('序号');
    expect(r.mapping).toEqual([null, 'name', 'gender', 'ethnicity', 'idNumber', 'politicalStatus', 'joinedOn', 'memberNo', 'org', 'phone', 'education']);
    expect(r.errors).toEqual([]);
    expect({ total: r.total, created: r.created, changed: r.changed, unchanged: r.unchanged }).toEqual({ total: 3, created: 3, changed: 0, unchanged: 0 });
    expect((await commit(r.batchId)).json()).toMatchObject({ created: 3, changed: 0 });
    const rows = await systemRows<{ name: string; org: string; ethnicity: string; political_status: string; joined_on: string | null; member_no: string | null; education: string }>(
      t.database,
      sql`select p.name, o.name as org, p.ethnicity, p.political_status, p.joined_on::text as joined_on, p.member_no, p.education from people p join organizations o on o.id = p.org_id
           where p.id_number in (${ids.a}, ${ids.b}, ${ids.c}) order by p.joined_on nulls last`,
    );
    expect(rows).toEqual([
      { name: '韦国强', org: '余庆县白泥镇新联村团支部', ethnicity: '01', political_status: '03', joined_on: '2019-05-01', member_no: '201952000001', education: '30' },
      { name: '罗晓梅', org: '余庆县白泥镇新联村团支部', ethnicity: '37', political_status: '03', joined_on: '2020-05-01', member_no: '202052000002', education: '60' },
      { name: '杨丽', org: '余庆县白泥镇新联村团支部', ethnicity: '06', political_status: '13', joined_on: null, member_no: null, education: '70' },
    ]);

    const same = (await preview('people', file)).json();
    expect({ created: same.created, changed: same.changed, unchanged: same.unchanged, errors: same.errors }).toEqual({ created: 0, changed: 0, unchanged: 3, errors: [] });
    expect((await commit(same.batchId)).json()).toMatchObject({ created: 0, changed: 0, unchanged: 3 });

    const updated = await nationalWorkbook('智慧团建 团员信息导出', [['基本信息', 5], ['团籍信息', 5]], PEOPLE_HEADERS, peopleRows('13985009999', true));
    const u = (await preview('people', updated)).json();
    expect(u.errors).toEqual([]);
    expect({ created: u.created, changed: u.changed, unchanged: u.unchanged }).toEqual({ created: 1, changed: 1, unchanged: 2 });
    expect(u.changes).toEqual([{ row: 4, label: '韦国强', fields: ['联系电话'] }]);
    expect((await commit(u.batchId)).json()).toMatchObject({ created: 1, changed: 1, unchanged: 2 });
    const [a] = await systemRows<{ phone: string; version: number }>(t.database, sql`select phone, version from people where id_number = ${ids.a}`);
    expect(a!.phone).toBe('13985009999');
  });

  it('imports cadres with their posts and the committee term; a re-import is a no-op', async () => {
    const headers = ['姓名', '身份证号码', '性别', '民族', '政治面貌', '学历', '手机号码', '任职团组织', '团内职务', '专兼职', '任现职时间', '本届任期开始时间'];
    const file = await nationalWorkbook('智慧团建 团干部信息导出', null, headers, [
      ['韦国强', { id: ids.a }, '男', '汉族', '共青团员', '大专', '13985009999', '余庆县白泥镇新联村团支部', '书记', '兼职', new Date(Date.UTC(2025, 0, 1)), new Date(Date.UTC(2025, 0, 1))],
    ]);
    const r = (await preview('cadres', file)).json();
    expect(r.errors).toEqual([]);
    expect(r.created).toBe(1);
    expect((await commit(r.batchId)).statusCode).toBe(200);
    const posts = await systemRows<{ title: string; org: string; start_on: string }>(
      t.database,
      sql`select p.title, o.name as org, p.start_on::text as start_on from cadre_posts p join cadres c on c.id = p.cadre_id join organizations o on o.id = p.org_id where c.id_number = ${ids.a}`,
    );
    expect(posts).toEqual([{ title: 'secretary', org: '余庆县白泥镇新联村团支部', start_on: '2025-01-01' }]);
    const terms = await systemRows<{ started_on: string }>(t.database, sql`select started_on::text as started_on from committee_terms t join organizations o on o.id = t.org_id where o.name = '余庆县白泥镇新联村团支部'`);
    expect(terms).toEqual([{ started_on: '2025-01-01' }]);
    const again = (await preview('cadres', file)).json();
    expect({ created: again.created, changed: again.changed, unchanged: again.unchanged }).toEqual({ created: 0, changed: 0, unchanged: 1 });
  });

  it('imports past registrations and appraisals by ID number; a re-import is a no-op', async () => {
    const reg = await nationalWorkbook('团籍注册', null, ['姓名', '身份证号码', '注册年度', '注册状态'], [
      ['韦国强', { id: ids.a }, 2024, '已注册'],
      ['罗晓梅', { id: ids.b }, 2024, '注册'],
    ]);
    const r = (await preview('registrations', reg)).json();
    expect(r.errors).toEqual([]);
    expect(r.created).toBe(2);
    await commit(r.batchId);
    expect((await preview('registrations', reg)).json()).toMatchObject({ created: 0, changed: 0, unchanged: 2 });
    const ap = await nationalWorkbook('民主评议', null, ['姓名', '身份证号', '评议年度', '评议等次'], [['韦国强', { id: ids.a }, 2024, '优秀']]);
    const a = (await preview('appraisals', ap)).json();
    expect(a).toMatchObject({ created: 1, errors: [] });
    await commit(a.batchId);
    const [g] = await systemRows<{ grade: string }>(t.database, sql`select a.grade from appraisals a join people p on p.id = a.person_id where p.id_number = ${ids.a} and a.year = 2024`);
    expect(g!.grade).toBe('excellent');
  });

  it('checks imported dues by the dues rules of recording one by hand: the member’s standard and an in-register member', async () => {
    const file = await nationalWorkbook('团费交纳', null, ['姓名', '身份证号码', '缴费月份', '金额'], [
      ['韦国强', { id: ids.a }, '2025-03', 0.1],
      ['罗晓梅', { id: ids.b }, '2025-03', 0.2],
      ['杨丽', { id: ids.c }, '2025-03', 0.2],
    ]);
    const r = (await preview('dues', file)).json();
    const at = (row: number) => r.errors.filter((e: { row: number }) => e.row === row).map((e: { column: string; message: string }) => `${e.column}：${e.message}`).join('\n');
    expect(at(r.headerRow + 1)).toMatch(/金额（D列）：.*金额不足：2025年3月应交0\.20元/);
    expect(at(r.headerRow + 3)).toMatch(/身份证号码（B列）：.*不是在册团员/);
    expect(r.created).toBe(1);
    expect((await commit(r.batchId)).json()).toMatchObject({ created: 1, skippedErrors: 2 });
  });

  it('exports people, organizations and cadres in the national template layout, which imports back unchanged', async () => {
    const res = await county.get(`/api/imports/export/people?orgId=${baini}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(NATIONAL_TEMPLATE_COLUMNS.people!.map(([h]) => h));
    const back = (await county.post('/api/imports/preview', { kind: 'people', orgId: baini, fileName: 'back.xlsx', contentBase64: Buffer.from(res.rawPayload).toString('base64') })).json();
    expect(back.mapping.every((m: string | null) => m !== null)).toBe(true);
    expect(back.created).toBe(0);
    expect(back.changed).toBe(0);
    expect(back.unchanged).toBeGreaterThanOrEqual(4);
    for (const kind of ['organizations', 'cadres'] as const) {
      const file = await county.get(`/api/imports/export/${kind}?orgId=${baini}`);
      expect(file.statusCode).toBe(200);
      const w = new ExcelJS.Workbook();
      await w.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      expect((w.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual(NATIONAL_TEMPLATE_COLUMNS[kind]!.map(([h]) => h));
    }
  });
});

describe('hostile and wrong files', () => {
  it('names the row, the column and the problem of each bad cell, in Chinese, and writes nothing of a bad row', async () => {
    const exact = makeIdNumber('2005-05-05', 'male', '520329');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '身份证号码', '民族', '政治面貌', '入团日期', '所在支部']);
    ws.addRow(['张三', '520329200505050000', '火星族', '团员', '2020-13-45', '余庆县白泥镇新联村团支部']);
    ws.addRow(['李四', 4242, '汉族', '群众', null, '不存在的支部']);
    ws.addRow(['王五', exact, '汉族', '群众', null, '余庆县白泥镇新联村团支部']);
    // 李四's ID number as Excel itself stores a number typed into a general cell: 15 significant digits.
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.replace('<v>4242</v>', '<v>5.20329200505050E+17</v>'));
    const file = (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64');
    const r = (await preview('people', file)).json();
    const at = (row: number) => r.errors.filter((e: { row: number }) => e.row === row).map((e: { column: string; message: string }) => `${e.column}：${e.message}`);
    expect(at(2).join('\n')).toMatch(/民族（C列）：民族“火星族”无法识别/);
    expect(at(2).join('\n')).toMatch(/入团日期（E列）：入团时间“2020-13-45”不是日期/);
    expect(at(3).join('\n')).toMatch(/身份证号码（B列）：身份证号是数字格式/);
    expect(r.created).toBe(1);
    const c = (await commit(r.batchId)).json();
    expect(c).toMatchObject({ created: 1, skippedErrors: 2 });
    const names = await systemRows<{ name: string }>(t.database, sql`select name from people where name in ('张三', '李四', '王五')`);
    expect(names).toEqual([{ name: '王五' }]);
  });

  it('names a NUL byte in a cell (Excel writes it _x0000_) by row and column, and imports the other rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '公民身份号码', '民族', '政治面貌']);
    ws.addRow(['NUL_NAME', makeIdNumber('2006-02-02', 'female', '520329'), '汉族', '群众']);
    ws.addRow(['赵明', makeIdNumber('2006-03-03', 'male', '520329'), '汉族', '群众']);
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) {
      const xml = await zip.file(name)!.async('string');
      if (xml.includes('NUL_NAME')) zip.file(name, xml.replace('NUL_NAME', '张_x0000_丽'));
    }
    const r = (await preview('people', (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64'))).json();
    expect(r.errors.map((e: { row: number; column: string; message: string }) => `${e.row} ${e.column}：${e.message}`)).toEqual(['2 姓名（A列）：姓名含有不可见的控制字符（U+0000），请删除后重新输入']);
    expect(r.created).toBe(1);
  });

  it('refuses a mapping without a required column, an old .xls, and a kind the role may not import', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['姓名', '证件']);
    const file = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = (await preview('people', file)).json();
    expect(r.errors.map((e: { message: string }) => e.message)).toContain('缺少必填列“身份证号”，请在列对应中指定');
    const bad = await commit(r.batchId);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toMatch(/列对应有误，不能导入/);
    const fixed = (await preview('people', file, { mapping: ['name', 'idNumber'] })).json();
    expect(fixed.mappingSource).toBe('given');
    expect(fixed.errors.some((e: { message: string }) => e.message.includes('缺少必填列“民族”'))).toBe(true);

    const xls = await preview('people', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]).toString('base64'));
    expect(xls.statusCode).toBe(400);
    expect(xls.json().message).toMatch(/不支持旧版 \.xls/);

    const secretary = await loginAs(t.app, 'branch_secretary');
    const me = (await secretary.get('/api/auth/me')).json();
    const denied = await secretary.post('/api/imports/preview', { kind: 'organizations', orgId: me.account.scopeOrgId, fileName: 'o.xlsx', contentBase64: file });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().message).toBe('您的角色无权导入组织架构');
  });

  it('keeps a county’s own synonyms and code values over the defaults', async () => {
    const saved = await county.put('/api/imports/tables', { orgId: countyId, synonyms: [{ field: 'idNumber', header: '身份证18位号' }], codes: [{ codeTable: 'politicalStatus', value: '青年团员', code: '03' }] });
    expect(saved.statusCode, saved.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['姓名', '身份证18位号', '民族', '政治面貌']);
    ws.addRow(['赵六', makeIdNumber('2004-02-02', 'male', '520329'), '汉族', '青年团员']);
    const r = (await preview('people', Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'))).json();
    expect(r.mapping).toEqual(['name', 'idNumber', 'ethnicity', 'politicalStatus']);
    // 青年团员 is read as 共青团员 (03): a member without a number and joining date is refused by the registry's rule, not as an unknown value.
    expect(r.errors.filter((e: { column: string }) => e.column.startsWith('政治面貌'))).toEqual([]);
    // A township's account uses the county's tables but may not replace them for every township of the county.
    const township = await loginAs(t.app, 'baini_admin');
    const wiped = await township.put('/api/imports/tables', { orgId: baini, synonyms: [], codes: [] });
    expect(wiped.statusCode).toBe(403);
    expect(wiped.json().message).toBe('本县的表头同义词和代码值由县团委维护');
    expect((await township.get(`/api/imports/tables?orgId=${baini}`)).json().synonyms).toEqual([{ field: 'idNumber', header: '身份证18位号' }]);
  });
});
