import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { rateValue, resolveRules } from '@tuanjian/domain';
import { withSystem } from '../../src/db/context.js';
import { today } from '../../src/lib/clock.js';
import { computeChildFigures, computeFigures } from '../../src/modules/reports/figures.js';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { prepareRecords } from './scope-samples-new-sector.js';

process.env.TJ_TODAY = '2026-11-20';

/** Registries of issue 17: 三新 coverage (scope, audit, import errors in Chinese, figures). */
let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let countyId: number;
let bainiId: number;
let longxiId: number;

async function xlsx(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名录');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const HEADER = ['单位名称', '类别', '统一社会信用代码', '所属平台', '站点', '所属乡镇（街道）', '地址', '职工数', '青年职工数', '已建团组织', '建团日期', '联系人', '联系电话', '纳入名录日期'];

beforeAll(async () => {
  t = await createTestApp();
  await prepareRecords(t);
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  countyId = await orgId(t.database, '共青团余庆县委员会');
  bainiId = await orgId(t.database, '共青团余庆县白泥镇委员会');
  longxiId = await orgId(t.database, '共青团余庆县龙溪镇委员会');
});
afterAll(() => t?.close());

describe('三新 coverage registry', () => {
  it('the demo county shows units of all three kinds, coverage by sector and township, growth and new members by sector', async () => {
    const res = await county.get(`/api/registries/new-sector/coverage?orgId=${countyId}`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.total.shouldCover).toBeGreaterThan(40);
    expect(c.total.covered).toBeGreaterThan(0);
    expect(c.total.toReach).toBe(c.total.shouldCover - c.total.covered);
    expect(c.total.rate).toBeCloseTo((c.total.covered / c.total.shouldCover) * 100, 0);
    expect(c.total.newlyCovered).toBeGreaterThan(0);
    expect(c.total.growth.value).not.toBeNull();
    expect(c.byKind.map((k: { label: string }) => k.label)).toEqual(['非公企业', '社会组织', '新就业群体']);
    expect(c.byKind.every((k: { shouldCover: number }) => k.shouldCover > 0)).toBe(true);
    expect(c.byChild.map((r: { orgName: string }) => r.orgName)).toContain('共青团余庆县白泥镇委员会');
    expect(c.byChild.reduce((s: number, r: { shouldCover: number }) => s + r.shouldCover, 0)).toBe(c.total.shouldCover);
    expect(c.newMembers.years).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(c.newMembers.social.length).toBe(5);
  });

  it('a township sees only its own units; another township’s unit is 404', async () => {
    const own = (await baini.get(`/api/registries/new-sector/units?under=${bainiId}&pageSize=500`)).json();
    expect(own.total).toBeGreaterThan(0);
    expect(own.items.every((u: { orgId: number }) => u.orgId === bainiId)).toBe(true);
    const theirs = (await longxi.get(`/api/registries/new-sector/units?pageSize=500`)).json();
    expect(theirs.items.some((u: { orgId: number }) => u.orgId === bainiId)).toBe(false);
    const res = await longxi.patch(`/api/registries/new-sector/units/${own.items[0].id}`, { employees: 1 });
    expect(res.statusCode).toBe(404);
    const cov = await longxi.get(`/api/registries/new-sector/coverage?orgId=${bainiId}`);
    expect(cov.statusCode).toBe(404);
  });

  it('the reports\' coverage figure (考核, 统计) agrees with the coverage page, for the county and for each township', async () => {
    const page = (await county.get(`/api/registries/new-sector/coverage?orgId=${countyId}`)).json();
    const rules = resolveRules({});
    const on = today();
    const own = await withSystem(t.database, 'test', (tx) => computeFigures(tx, rules, countyId, on, ['new_sector_coverage']));
    expect(page.total.shouldCover).toBeGreaterThan(0);
    expect(own.values.new_sector_coverage).toEqual(rateValue(page.total.covered, page.total.shouldCover));
    const { children } = await withSystem(t.database, 'test', (tx) => computeChildFigures(tx, rules, countyId, on, ['new_sector_coverage']));
    const baini = children.find((c) => c.id === bainiId)!;
    const row = page.byChild.find((c: { orgId: number }) => c.orgId === bainiId);
    expect(row.shouldCover).toBeGreaterThan(0);
    expect(baini.figures.values.new_sector_coverage).toEqual(rateValue(row.covered, row.shouldCover));
  });

  it('linking a league organization covers a unit from its date; the change is audited', async () => {
    const created = await baini.post('/api/registries/new-sector/units', { orgId: bainiId, kind: 'non_public_enterprise', name: '白泥镇测试覆盖有限公司', employees: 20, youngEmployees: 12, registeredOn: '2026-01-10' });
    expect(created.statusCode).toBe(200);
    const unit = created.json();
    expect(unit.covered).toBe(false);
    const before = (await baini.get(`/api/registries/new-sector/coverage?orgId=${bainiId}`)).json();
    const [branch] = await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${bainiId} and type = 'branch' and status = 'active' order by id limit 1`);
    const linked = await baini.patch(`/api/registries/new-sector/units/${unit.id}`, { leagueOrgId: Number(branch!.id), coveredOn: '2026-06-01' });
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({ covered: true, coveredOn: '2026-06-01', leagueOrgId: Number(branch!.id) });
    const after = (await baini.get(`/api/registries/new-sector/coverage?orgId=${bainiId}`)).json();
    expect(after.total.shouldCover).toBe(before.total.shouldCover);
    expect(after.total.covered).toBe(before.total.covered + 1);
    expect(after.total.newlyCovered).toBe(before.total.newlyCovered + 1);
    const audit = await systemRows<{ action: string; changed: string[] }>(
      t.database,
      sql`select action, changed from audit_log where entity = 'new_sector_units' and entity_id = ${String(unit.id)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['insert', 'update']);
    expect(audit[1]!.changed).toEqual(expect.arrayContaining(['league_org_id', 'covered_on']));
  });

  it('refuses, in Chinese naming the field, a new employment unit without platform and more young employees than employees', async () => {
    const a = await baini.post('/api/registries/new-sector/units', { orgId: bainiId, kind: 'new_employment', name: '某外卖站' });
    expect(a.statusCode).toBe(422);
    expect(a.json().message).toContain('新就业群体须填写所属平台');
    const b = await baini.post('/api/registries/new-sector/units', { orgId: bainiId, kind: 'non_public_enterprise', name: '某公司', employees: 3, youngEmployees: 5 });
    expect(b.json().message).toContain('青年职工数不能多于职工总数');
    const c = await baini.post('/api/registries/new-sector/units', { orgId: longxiId, kind: 'non_public_enterprise', name: '越权公司' });
    expect(c.statusCode).toBe(404);
    // Units are the committees' registry: a branch cannot register one under itself, one by one or by a file.
    const secretary = await loginAs(t.app, 'branch_secretary');
    const [own] = await systemRows<{ scope_org_id: number }>(t.database, sql`select scope_org_id from accounts where username = 'branch_secretary'`);
    const d = await secretary.post('/api/registries/new-sector/units', { orgId: Number(own!.scope_org_id), kind: 'non_public_enterprise', name: '支部登记公司' });
    expect(d.statusCode).toBe(422);
    expect(d.json()).toMatchObject({ fields: [{ field: 'orgId' }] });
    expect(d.json().message).toContain('团支部，不能登记');
    const e = await secretary.post('/api/registries/new-sector/import', { orgId: Number(own!.scope_org_id), fileName: 'a.xlsx', contentBase64: 'UEs=' });
    expect(e.statusCode).toBe(422);
    expect(e.json().message).toContain('团支部，不能登记');
  });

  it('imports a list: every error reported by row and column in Chinese, nothing written until the file is clean; then creates and updates', async () => {
    const bad = await xlsx([
      HEADER,
      ['余庆县白泥镇导入甲有限公司', '非公企业', '', '', '', '白泥镇', '', 30, 40, '', '', '王五', '12345', ''],
      ['某骑手站', '新就业群体', '', '', '城南站', '白泥镇', '', 10, 9, '', '', '', '', ''],
      ['余庆县白泥镇导入乙有限公司', '国有企业', '', '', '', '火星镇', '', '', '', '不存在的团支部', '2026-13-01', '', '', ''],
    ]);
    const r1 = await county.post('/api/registries/new-sector/import', { orgId: countyId, fileName: 'bad.xlsx', contentBase64: bad });
    expect(r1.statusCode).toBe(200);
    const report = r1.json();
    expect(report.written).toBe(false);
    expect(report.total).toBe(3);
    const msgs = report.errors.map((e: { row: number; column: string; message: string }) => `${e.row}:${e.column}:${e.message}`);
    expect(msgs).toEqual(
      expect.arrayContaining([
        '2:青年职工数:青年职工数不能多于职工总数',
        expect.stringMatching(/^2:联系电话:联系电话“12345”格式不正确/),
        expect.stringMatching(/^3:所属平台:新就业群体须填写所属平台/),
        expect.stringMatching(/^4:类别:类别“国有企业”无效/),
        expect.stringMatching(/^4:所属乡镇（街道）:在“共青团余庆县委员会”之下找不到“火星镇”/),
        expect.stringMatching(/^4:建团日期:建团日期“2026-13-01”不是有效日期/),
      ]),
    );
    const [{ n }] = (await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from new_sector_units where name like '余庆县白泥镇导入%'`)) as [{ n: number }];
    expect(n).toBe(0);

    const [branch] = await systemRows<{ name: string }>(t.database, sql`select name from organizations where parent_id = ${bainiId} and type = 'branch' and status = 'active' order by id limit 1`);
    const good = await xlsx([
      HEADER,
      ['余庆县白泥镇导入甲有限公司', '非公企业', '91520329MA6TEST001', '', '', '白泥镇', '', 30, 20, branch!.name, '2026-05-04', '王五', '13800000001', '2026-01-01'],
      ['美团外卖', '新就业群体', '', '美团', '白泥新站', '', '', 25, 22, '', '', '', '', ''],
    ]);
    const r2 = (await county.post('/api/registries/new-sector/import', { orgId: countyId, fileName: 'good.xlsx', contentBase64: good })).json();
    expect(r2).toMatchObject({ total: 2, valid: 2, created: 2, updated: 0, written: true, errors: [] });
    const [row] = await systemRows<{ org_id: number; covered_on: string; league_org_id: number | null }>(
      t.database,
      sql`select org_id, covered_on::text as covered_on, league_org_id from new_sector_units where credit_code = '91520329MA6TEST001'`,
    );
    expect(Number(row!.org_id)).toBe(bainiId);
    expect(row!.covered_on).toBe('2026-05-04');
    // The same file again updates instead of adding.
    const r3 = (await county.post('/api/registries/new-sector/import', { orgId: countyId, fileName: 'good.xlsx', contentBase64: good })).json();
    expect(r3).toMatchObject({ created: 0, updated: 2, written: true });
    const audited = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where entity = 'new_sector_units' and action = 'insert' and after ->> 'credit_code' = '91520329MA6TEST001'`);
    expect(Number(audited[0]!.n)).toBe(1);
  });

  it('exports the registry with the import columns, and the template downloads', async () => {
    const res = await baini.get(`/api/registries/new-sector/units/export?under=${bainiId}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as string[]).slice(1, 3)).toEqual(['单位名称', '类别']);
    expect(ws.rowCount).toBeGreaterThan(1);
    expect((await baini.get('/api/registries/new-sector/import-template')).statusCode).toBe(200);
  });
});

describe('三新 coverage in 统计表', () => {
  it('the table has a row per township whose counts add up to the total, and the same figures as the coverage screen', async () => {
    const res = await county.get(`/api/stats/tables/new_sector?orgId=${countyId}`);
    expect(res.statusCode).toBe(200);
    const table = res.json();
    const col = (k: string) => table.columns.findIndex((c: { key: string }) => c.key === k);
    const screen = (await county.get(`/api/registries/new-sector/coverage?orgId=${countyId}`)).json();
    expect(table.total[col('should')]).toBe(screen.total.shouldCover);
    expect(table.total[col('covered')]).toBe(screen.total.covered);
    expect(table.total[col('rate')]).toBe(screen.total.rate);
    expect(table.total[col('growth')]).toBe(screen.total.growth.value ?? 0);
    expect(table.total[col('to_reach')]).toBe(screen.total.toReach);
    const sum = table.rows.reduce((s: number, r: { values: number[] }) => s + r.values[col('should')]!, 0);
    expect(sum).toBe(table.total[col('should')]);
    const baini = table.rows.find((r: { orgName: string }) => r.orgName === '共青团余庆县白泥镇委员会');
    const bainiScreen = screen.byChild.find((r: { orgName: string }) => r.orgName === '共青团余庆县白泥镇委员会');
    expect(baini.values[col('covered')]).toBe(bainiScreen.covered);
    expect((await county.get(`/api/stats/tables/new_sector/export?orgId=${countyId}`)).statusCode).toBe(200);
  });
});

describe('honors of every origin', () => {
  it('the demo county tallies individuals and collectives by level, with the 青字号 among the types', async () => {
    const res = (await county.get(`/api/registries/honors?under=${countyId}&pageSize=500`)).json();
    expect(res.total).toBeGreaterThan(20);
    const national = res.tally.find((r: { level: string }) => r.level === 'national');
    expect(national.individuals + national.collectives).toBeGreaterThan(0);
    const types = new Set(res.items.map((h: { awardType: string }) => h.awardType));
    for (const t of ['青年突击队', '青年安全生产示范岗', '团员先锋岗', '向上向善好青年', '红领巾奖章', '优秀志愿者', '先进非公团建单位']) expect(types.has(t)).toBe(true);
  });

  it('records a higher level’s honor for a person, with its certificate, audited; the person’s list holds it beside the campaign awards; only in scope', async () => {
    const [p] = await systemRows<{ id: number; org_id: number }>(t.database, sql`select p.id, p.org_id from people p join organizations o on o.id = p.org_id where o.path <@ (select path from organizations where id = ${bainiId}) and p.member_status = 'active' order by p.id desc limit 1`);
    const body = { recipientKind: 'person', personId: Number(p!.id), awardType: '向上向善好青年', title: '贵州省向上向善好青年', level: 'provincial', awardingBody: '共青团贵州省委', year: 2026, awardedOn: '2026-05-04' };
    expect((await longxi.post('/api/registries/honors', body)).statusCode).toBe(404);
    const created = await baini.post('/api/registries/honors', body);
    expect(created.statusCode).toBe(200);
    const award = created.json();
    expect(award.orgId).toBe(Number(p!.org_id));
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
    const up = await baini.post(`/api/registries/honors/${award.id}/certificates`, { fileName: '证书.pdf', contentBase64: pdf });
    expect(up.statusCode).toBe(200);
    expect((await longxi.post(`/api/registries/honors/${award.id}/certificates`, { fileName: '证书.pdf', contentBase64: pdf })).statusCode).toBe(404);
    const detail = (await baini.get(`/api/registries/honors/${award.id}`)).json();
    expect(detail.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['证书.pdf']);
    const of = (await baini.get(`/api/registries/honors-of?personId=${p!.id}`)).json();
    expect(of.items).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'award', title: '贵州省向上向善好青年', level: 'provincial' })]));
    const audit = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where entity = 'honor_awards' and entity_id = ${String(award.id)} and action = 'insert'`);
    expect(Number(audit[0]!.n)).toBe(1);
  });

  it('refuses a type outside the configuration and a collective without a name, in Chinese', async () => {
    const res = await baini.post('/api/registries/honors', { orgId: bainiId, recipientKind: 'collective', awardType: '自创荣誉', title: '某荣誉', level: 'county', awardingBody: '某机关', year: 2026 });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('荣誉类型“自创荣誉”不在规则配置的荣誉类型中');
    expect(res.json().message).toContain('集体荣誉须填写获得集体的名称');
  });

  it('an organization’s list holds its recorded honors; exports', async () => {
    const [h] = await systemRows<{ recipient_org_id: number }>(t.database, sql`select recipient_org_id from honor_awards where recipient_kind = 'org' and org_id in (select id from organizations where path <@ (select path from organizations where id = ${bainiId})) limit 1`);
    const of = (await baini.get(`/api/registries/honors-of?orgId=${h!.recipient_org_id}`)).json();
    expect(of.items.length).toBeGreaterThan(0);
    expect((await baini.get(`/api/registries/honors/export?under=${bainiId}`)).statusCode).toBe(200);
  });
});

describe('reform assessment with manual indicators', () => {
  let schemeId: number;
  beforeAll(async () => {
    const [s] = await systemRows<{ id: number }>(t.database, sql`select id from assessment_schemes where title like '%含定性指标%' order by id desc limit 1`);
    schemeId = Number(s!.id);
  });

  it('scores figure indicators (三新 coverage among them) and manual ones with the committee’s evidence; the township sees its own row and evidence', async () => {
    const county_ = (await county.get(`/api/assessment/schemes/${schemeId}/scores`)).json();
    const row = county_.rows.find((r: { orgId: number }) => r.orgId === bainiId);
    const manual = row.indicators.find((i: { key: string }) => i.key === 'party_study');
    expect(manual.metric).toBe('manual');
    expect(manual.score).toBe(manual.actual);
    expect(manual.note).toBeTruthy();
    const cov = row.indicators.find((i: { key: string }) => i.key === 'new_sector_cover');
    const screen = (await county.get(`/api/registries/new-sector/coverage?orgId=${countyId}`)).json();
    expect(cov.actual).toBe(screen.byChild.find((c: { orgId: number }) => c.orgId === bainiId).rate);
    const own = (await baini.get(`/api/assessment/schemes/${schemeId}/scores`)).json();
    expect(own.rows.map((r: { orgId: number }) => r.orgId)).toEqual([bainiId]);
    const evidence = (await baini.get(`/api/registries/assessment/schemes/${schemeId}/manual-scores`)).json();
    expect(evidence.canScore).toBe(false);
    expect(evidence.items.length).toBeGreaterThan(0);
    expect(evidence.items.every((i: { orgId: number }) => i.orgId === bainiId)).toBe(true);
  });

  it('only the assessing committee may score: the township is refused (403), the county’s score counts, capped by the rules', async () => {
    const mine = await baini.put(`/api/registries/assessment/schemes/${schemeId}/manual-scores`, { orgId: bainiId, indicatorKey: 'innovation', score: 15, note: '自评满分' });
    expect(mine.statusCode).toBe(403);
    expect(mine.json().message).toContain('只有制定考核方案的单位可以评分');
    const over = await county.put(`/api/registries/assessment/schemes/${schemeId}/manual-scores`, { orgId: bainiId, indicatorKey: 'innovation', score: 20 });
    expect(over.statusCode).toBe(422);
    expect(over.json().message).toContain('得分应在0至15分之间');
    const auto = await county.put(`/api/registries/assessment/schemes/${schemeId}/manual-scores`, { orgId: bainiId, indicatorKey: 'study', score: 5 });
    expect(auto.json().message).toContain('按数据自动计算，不能人工评分');
    const ok = await county.put(`/api/registries/assessment/schemes/${schemeId}/manual-scores`, { orgId: bainiId, indicatorKey: 'innovation', score: 12.5, note: '特色品牌，县级推广中' });
    expect(ok.statusCode).toBe(200);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
    expect((await baini.post(`/api/registries/assessment/manual-scores/${ok.json().id}/evidence`, { fileName: '纪要.pdf', contentBase64: pdf })).statusCode).toBe(403);
    expect((await county.post(`/api/registries/assessment/manual-scores/${ok.json().id}/evidence`, { fileName: '纪要.pdf', contentBase64: pdf })).statusCode).toBe(200);
    const row = (await baini.get(`/api/assessment/schemes/${schemeId}/scores`)).json().rows[0];
    expect(row.indicators.find((i: { key: string }) => i.key === 'innovation')).toMatchObject({ score: 12.5, note: '特色品牌，县级推广中' });
    const ev = (await baini.get(`/api/registries/assessment/schemes/${schemeId}/manual-scores`)).json();
    expect(ev.items.find((i: { indicatorKey: string }) => i.indicatorKey === 'innovation').attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['纪要.pdf']);
    const audit = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where entity = 'assessment_manual_scores' and entity_id = ${String(ok.json().id)}`);
    expect(Number(audit[0]!.n)).toBeGreaterThan(0);
  });
});

describe('换届 campaigns', () => {
  it('the demo campaign is overdue: its townships and the county each have it in 待办; progress by organization and step', async () => {
    const list = (await county.get(`/api/registries/election-campaigns?under=${countyId}`)).json();
    const demo = list.find((c: { title: string }) => c.title.endsWith('乡镇团委限期换届'));
    expect(demo.targets.length).toBeGreaterThan(0);
    expect(demo.overdue).toBe(demo.targets.filter((x: { state: string }) => x.state !== 'completed').length);
    const target = demo.targets[0];
    const townshipUser = target.orgId === bainiId ? baini : target.orgId === longxiId ? longxi : null;
    const countyInbox = (await county.get('/api/inbox?pageSize=200')).json();
    expect(JSON.stringify(countyInbox)).toContain('逾期未完成换届');
    if (townshipUser) {
      const own = (await townshipUser.get('/api/registries/election-campaigns')).json();
      expect(own[0].targets.map((x: { orgId: number }) => x.orgId)).toEqual([target.orgId]);
      const inbox = (await townshipUser.get('/api/inbox?pageSize=200')).json();
      expect(JSON.stringify(inbox)).toContain('前完成换届（已逾期）');
    }
  });

  it('a county starts a campaign over township committees; a township may not start one over another township (404); a past deadline is refused', async () => {
    const bad = await county.post('/api/registries/election-campaigns', { orgId: countyId, title: '测试换届部署', deadline: '2026-01-01', targetIds: [bainiId] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toContain('完成期限不能早于今天');
    expect((await baini.post('/api/registries/election-campaigns', { orgId: bainiId, title: '越权部署', deadline: '2026-12-31', targetIds: [longxiId] })).statusCode).toBe(404);
    const ok = await county.post('/api/registries/election-campaigns', { orgId: countyId, title: '测试换届部署', deadline: '2026-12-31', targetIds: [bainiId, longxiId] });
    expect(ok.statusCode).toBe(200);
    const own = (await longxi.get('/api/registries/election-campaigns')).json();
    const mine = own.find((c: { id: number }) => c.id === ok.json().id);
    expect(mine.targets).toEqual([expect.objectContaining({ orgId: longxiId, state: 'not_started', overdue: false })]);
    const audit = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where entity = 'election_campaign_targets' and action = 'insert' and after ->> 'campaign_id' = ${String(ok.json().id)}`);
    expect(Number(audit[0]!.n)).toBe(2);
  });

  it('exports one row per organization as the list shows it; a township exports only its own rows', async () => {
    const sheet = async (s: Session, q: string) => {
      const res = await s.get(`/api/registries/election-campaigns/export${q}`);
      expect(String(res.headers['content-type'])).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows: string[][] = [];
      wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return rows;
    };
    const list = (await county.get(`/api/registries/election-campaigns?under=${countyId}`)).json();
    const rows = await sheet(county, `?under=${countyId}`);
    expect(rows[0]).toEqual(['部署名称', '完成期限', '换届组织', '换届进度', '已完成步骤', '状态', '是否逾期']);
    const targets = list.flatMap((c: { title: string; targets: { orgName: string; overdue: boolean }[] }) => c.targets.map((x) => [c.title, x.orgName, x.overdue ? '逾期' : '']));
    expect(rows.slice(1).map((r) => [r[0], r[2], r[6] ?? ''])).toEqual(targets);
    const own = await sheet(longxi, '');
    expect(own.length).toBeGreaterThan(1);
    expect(own.slice(1).every((r) => r[2]!.includes('龙溪'))).toBe(true);
  });
});
