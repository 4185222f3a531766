import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { insertPerson } from '../factories.js';
import { decodeCsv, parseCsv } from '../../src/modules/org-life/study.js';

process.env.TJ_TODAY = '2026-11-20';

let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let countyId: number;
let bainiId: number;
let branches: { id: number; name: string }[];
let longxiBranch: { id: number; name: string };

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

async function xlsx(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('参学统计');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

beforeAll(async () => {
  t = await createTestApp();
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  countyId = await orgId(t.database, '共青团余庆县委员会');
  bainiId = await orgId(t.database, '共青团余庆县白泥镇委员会');
  // Three branches of 白泥镇 with known members: 10, 10 and 4 (the base for 参学率).
  branches = [];
  for (const [name, n] of [['白泥镇学习测试一支部', 10], ['白泥镇学习测试二支部', 10], ['白泥镇学习测试三支部', 4]] as const) {
    const id = (await baini.post('/api/orgs', { parentId: bainiId, name, type: 'branch', sector: 'other' })).json().id;
    for (let i = 0; i < n; i++) await insertPerson(t.database, { orgId: id, memberStatus: 'active', birthDate: `2001-01-${String(i + 1).padStart(2, '0')}` });
    branches.push({ id, name });
  }
  const lxTown = await orgId(t.database, '共青团余庆县龙溪镇委员会');
  const [lx] = await systemRows<{ id: number; name: string }>(t.database, sql`select id, name from organizations where parent_id = ${lxTown} and type = 'branch' order by id limit 1`);
  longxiBranch = { id: Number(lx!.id), name: lx!.name };
});
afterAll(() => t?.close());

describe('青年大学习: import, 参学率, ranking, below the line', () => {
  let roundId: number;

  it('registers a round once per organization, year and number', async () => {
    const res = await county.post('/api/org-life/study/rounds', { orgId: countyId, year: 2026, roundNo: 40, title: '青年大学习2026年第40期', startOn: '2026-11-02' });
    expect(res.statusCode, res.body).toBe(200);
    roundId = res.json().id;
    const dup = await county.post('/api/org-life/study/rounds', { orgId: countyId, year: 2026, roundNo: 40, title: '重复', startOn: '2026-11-02' });
    expect(dup.statusCode).toBe(409);
    expect((await county.post('/api/org-life/study/rounds', { orgId: countyId, year: 2026, roundNo: 41, title: '跨年', startOn: '2025-12-30' })).json().message).toBe('开始日期（2025-12-30）不在2026年内');
  });

  it('imports the platform’s Excel export under its title lines, reporting every bad row with row, column and reason', async () => {
    const content = await xlsx([
      ['青年大学习2026年第40期参学情况统计'],
      ['导出时间：2026-11-09'],
      ['序号', '团支部名称', '完成人数（人）', '参学率'],
      [1, branches[0]!.name, 9, '90%'],
      [2, branches[1]!.name, '5人', '50%'],
      [3, branches[2]!.name, 4, '100%'],
      [4, '不存在的团支部', 3, ''],
      [6, '共青团余庆县白泥镇委员会', 30, ''],
      [7, branches[0]!.name, 8, ''],
      [8, '', 2, ''],
      [9, '白泥镇学习测试二支部', 'x', ''],
      ['合计', '合计', 60, ''],
    ]);
    const res = await county.post(`/api/org-life/study/rounds/${roundId}/import`, { fileName: '第40期.xlsx', contentBase64: content });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ headerRow: 3, columns: { name: '团支部名称', participants: '完成人数（人）', base: null }, total: 8, valid: 3 });
    expect(report.rows.map((r: { orgName: string; participants: number; base: number; rate: number }) => [r.orgName, r.participants, r.base, r.rate])).toEqual([
      [branches[0]!.name, 9, 10, 0.9],
      [branches[1]!.name, 5, 10, 0.5],
      [branches[2]!.name, 4, 4, 1],
    ]);
    expect(report.errors).toEqual([
      { row: 7, column: '团支部名称', message: '在“共青团余庆县委员会”之下找不到名为“不存在的团支部”的组织（按全称精确匹配）' },
      { row: 8, column: '团支部名称', message: '“共青团余庆县白泥镇委员会”不是团支部，参学情况按团支部导入（上级组织的参学率由其下团支部汇总）' },
      { row: 9, column: '团支部名称', message: '与第4行是同一团支部' },
      { row: 10, column: '团支部名称', message: '组织名称为空' },
      { row: 11, column: '完成人数（人）', message: '参学人数“x”不是非负整数' },
    ]);
    // Nothing is written before the report is accepted.
    expect((await county.get(`/api/org-life/study/rounds/${roundId}`)).json().participants).toBe(0);
    const committed = await county.post(`/api/org-life/study/imports/${report.batchId}/commit`);
    expect(committed.json()).toMatchObject({ written: 3, skippedErrors: report.errors.length, roundId });
    expect((await county.post(`/api/org-life/study/imports/${report.batchId}/commit`)).statusCode).toBe(409);
  });

  it('matches organizations by exact name within the importer’s scope only', async () => {
    // The county's export names a 龙溪镇 branch: it is in the county's scope and matched.
    const csv = `组织名称,参学人数,团员数\n${longxiBranch.name},1,5\n`;
    const county40 = (await county.post(`/api/org-life/study/rounds/${roundId}/import`, { fileName: 'x.csv', contentBase64: b64(csv) })).json();
    expect(county40.valid).toBe(1);
    // The same file at 白泥镇's own round: 龙溪镇 is outside 白泥镇's scope, not found.
    const own = (await baini.post('/api/org-life/study/rounds', { orgId: bainiId, year: 2026, roundNo: 40, title: '白泥镇第40期', startOn: '2026-11-02' })).json();
    const report = (await baini.post(`/api/org-life/study/rounds/${own.id}/import`, { fileName: 'x.csv', contentBase64: b64(csv) })).json();
    expect(report.valid).toBe(0);
    expect(report.errors[0].message).toContain('找不到名为');
    expect((await longxi.post(`/api/org-life/study/rounds/${own.id}/import`, { fileName: 'x.csv', contentBase64: b64(csv) })).statusCode).toBe(404);
  });

  it('reads CSV in UTF-8 with BOM or GB18030, with the base column, and refuses .xls and files without the columns', async () => {
    const own = (await baini.post('/api/org-life/study/rounds', { orgId: bainiId, year: 2026, roundNo: 39, title: '白泥镇第39期', startOn: '2026-10-26' })).json();
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`"组织名称","参学人数","团员数"\r\n"${branches[0]!.name}","1,2","20"\r\n"${branches[1]!.name}",3,0\r\n`)]);
    const r1 = (await baini.post(`/api/org-life/study/rounds/${own.id}/import`, { fileName: 'a.csv', contentBase64: utf8.toString('base64') })).json();
    expect(r1.rows).toEqual([expect.objectContaining({ orgName: branches[0]!.name, participants: 12, base: 20, rate: 0.6 })]);
    expect(r1.errors).toEqual([{ row: 3, column: '团员数', message: `“${branches[1]!.name}”没有在册团员，请在表中填写团员数（参学基数）` }]);
    // "组织名称,参学人数\n白泥镇学习测试一支部,7\n" in GB18030, as Excel saves CSV on Chinese Windows.
    const gb = Buffer.from('d7e9d6afc3fbb3c62cb2ced1a7c8cbcafd0ab0d7c4e0d5f2d1a7cfb0b2e2cad4d2bbd6a7b2bf2c370a', 'hex');
    expect(decodeCsv(gb)).toBe(`组织名称,参学人数\n${branches[0]!.name},7\n`);
    const r2 = (await baini.post(`/api/org-life/study/rounds/${own.id}/import`, { fileName: 'b.csv', contentBase64: gb.toString('base64') })).json();
    expect(r2).toMatchObject({ total: 1, valid: 1, columns: { name: '组织名称', participants: '参学人数' }, errors: [] });
    expect(r2.rows[0]).toMatchObject({ orgId: branches[0]!.id, participants: 7, base: 10 });
    const noColumns = await baini.post(`/api/org-life/study/rounds/${own.id}/import`, { fileName: 'c.csv', contentBase64: b64('姓名,年龄\n张三,20\n') });
    expect(noColumns.statusCode).toBe(422);
    expect(noColumns.json().message).toContain('找不到表头');
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect((await baini.post(`/api/org-life/study/rounds/${own.id}/import`, { fileName: 'old.xls', contentBase64: xls.toString('base64') })).json().message).toContain('另存为 .xlsx 或 CSV');
    expect(parseCsv('a,"b ""q"", c"\n1,2')).toEqual([{ row: 1, cells: ['a', 'b "q", c'] }, { row: 2, cells: ['1', '2'] }]);
  });

  it('ranks branches by 参学率 and lists those below rules.youthWork.studyRateThreshold', async () => {
    const round = (await county.get(`/api/org-life/study/rounds/${roundId}`)).json();
    const mine = round.items.filter((i: { orgId: number }) => branches.some((b) => b.id === i.orgId));
    // Highest first.
    expect(mine.map((i: { orgName: string; rate: number; below: boolean }) => [i.orgName, i.rate, i.below])).toEqual([
      [branches[2]!.name, 1, false],
      [branches[0]!.name, 0.9, false],
      [branches[1]!.name, 0.5, true],
    ]);
    const ranks = Object.fromEntries(round.items.map((i: { orgId: number; rank: number }) => [i.orgId, i.rank]));
    expect(ranks[branches[2]!.id]).toBeLessThan(ranks[branches[0]!.id]);
    expect(ranks[branches[0]!.id]).toBeLessThan(ranks[branches[1]!.id]);
    expect(round.threshold).toBe(0.6);

    const stats = (await county.get(`/api/org-life/stats/study?orgId=${bainiId}&year=2026&roundNo=40`)).json();
    // 白泥镇's subtree: 9 + 5 + 4 of 10 + 10 + 4 (the township's own round 40 holds nothing yet).
    expect(stats).toMatchObject({ participants: 18, base: 24, rate: 0.75, below: 1 });
    expect(stats.branches.find((b: { orgId: number }) => b.orgId === branches[1]!.id)).toMatchObject({ below: true, rate: 0.5 });
    const countyStats = (await county.get(`/api/org-life/stats/study?orgId=${countyId}&year=2026&roundNo=40`)).json();
    expect(countyStats.children.find((c: { orgName: string }) => c.orgName === '共青团余庆县白泥镇委员会')).toMatchObject({ participants: 18, base: 24, rate: 0.75 });
    const xlsxExport = await county.get(`/api/org-life/study/rounds/${roundId}/export`);
    expect(xlsxExport.statusCode).toBe(200);
  });

  it('lists the ranking a page at a time (and only those below the line), with the subtree\'s figures on every page', async () => {
    for (const round of ['', '&roundNo=40']) {
      const url = `/api/org-life/stats/study?orgId=${countyId}&year=2026${round}`;
      const full = (await county.get(`${url}&pageSize=500`)).json();
      expect(full.branches.length).toBeGreaterThanOrEqual(3);
      expect(full.total).toBe(full.branches.length);
      const second = (await county.get(`${url}&page=2&pageSize=1`)).json();
      expect(second).toMatchObject({ page: 2, pageSize: 1, total: full.total, participants: full.participants, base: full.base, below: full.below });
      expect(second.branches).toEqual(full.branches.slice(1, 2));
      const below = full.branches.filter((b: { below: boolean }) => b.below);
      expect(below.length).toBeGreaterThan(0);
      const belowPage = (await county.get(`${url}&belowOnly=true&pageSize=2`)).json();
      expect(belowPage).toMatchObject({ total: below.length, below: full.below });
      expect(belowPage.branches).toEqual(below.slice(0, 2));
    }
  });

  it('when a round is imported at two levels, each branch counts once, the latest import winning', async () => {
    const own = (await baini.get(`/api/org-life/study/rounds?under=${bainiId}&year=2026`)).json().items.find((r: { orgId: number; roundNo: number }) => r.orgId === bainiId && r.roundNo === 40);
    const csv = `组织名称,参学人数\n${branches[1]!.name},8\n`;
    const report = (await baini.post(`/api/org-life/study/rounds/${own.id}/import`, { fileName: 'x.csv', contentBase64: b64(csv) })).json();
    await baini.post(`/api/org-life/study/imports/${report.batchId}/commit`);
    const stats = (await county.get(`/api/org-life/stats/study?orgId=${bainiId}&year=2026&roundNo=40`)).json();
    expect(stats).toMatchObject({ participants: 21, base: 24, below: 0 });
  });

  it('lower levels see the county’s rounds for their own branches', async () => {
    const [fn] = await systemRows<{ ok: boolean }>(t.database, sql`select to_regprocedure('tj_study_rounds_in_line()') is not null as ok`);
    expect(fn!.ok).toBe(true);
    const list = (await baini.get(`/api/org-life/study/rounds?under=${bainiId}&year=2026`)).json();
    const countyRound = list.items.find((r: { id: number }) => r.id === roundId);
    // The county's round, with only 白泥镇's participation in it.
    expect(countyRound).toMatchObject({ orgName: '共青团余庆县委员会', participants: 18, base: 24 });
    const detail = (await baini.get(`/api/org-life/study/rounds/${roundId}`)).json();
    expect(detail.items.every((i: { parentName: string | null }) => !i.parentName?.includes('龙溪'))).toBe(true);
    expect((await longxi.get(`/api/org-life/study/rounds/${(list.items.find((r: { orgId: number }) => r.orgId === bainiId)).id}`)).statusCode).toBe(404);
  });
});
