import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { api } from '@tuanjian/domain';
import { withSystem } from '../../src/db/context.js';
import { seedCadresDemo } from '../../src/seed/demo-cadres.js';
import { seedDailyWorkDemo } from '../../src/seed/demo-daily-work.js';
import { seedDeputiesDemo } from '../../src/seed/demo-deputies.js';
import { seedMembershipDemo } from '../../src/seed/demo-membership.js';
import { seedOrgLifeDemo } from '../../src/seed/demo-org-life.js';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';

process.env.TJ_TODAY = '2026-11-20';
const TODAY = '2026-11-20';
const YEAR = 2026;

/** Issue 17 item 4: the assessment's work figures against each figure's own page; honors import (below). */
let t: TestContext;
let county: Session;
let baini: Session;
let countyId: number;
let bainiId: number;
let longxiId: number;

beforeAll(async () => {
  t = await createTestApp();
  await withSystem(t.database, 'demo', async (tx) => {
    await seedMembershipDemo(tx, TODAY);
    await seedCadresDemo(tx, { today: TODAY, year: YEAR });
    await seedOrgLifeDemo(tx, { today: TODAY, year: YEAR });
    await seedDailyWorkDemo(tx, { today: TODAY, year: YEAR });
    await seedDeputiesDemo(tx, { today: TODAY, year: YEAR });
  });
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  countyId = await orgId(t.database, '共青团余庆县委员会');
  bainiId = await orgId(t.database, '共青团余庆县白泥镇委员会');
  longxiId = await orgId(t.database, '共青团余庆县龙溪镇委员会');
}, 600_000);
afterAll(() => t?.close());

const INDICATORS = [
  { key: 'party', label: '推优入党人数', metric: 'party_recommended', weight: 10, target: 5, direction: 'higher' },
  { key: 'party_rate', label: '推优入党比例', metric: 'party_recommend_rate', weight: 10, target: 5, direction: 'higher' },
  { key: 'registration', label: '团籍注册率', metric: 'registration_rate', weight: 15, target: 95, direction: 'higher' },
  {
    key: 'dues',
    label: '团费收缴率',
    metric: 'dues_collection_rate',
    weight: 15,
    target: 100,
    direction: 'higher',
    scoring: 'threshold',
    steps: [
      { value: 90, score: 15 },
      { value: 70, score: 10 },
      { value: 50, score: 5 },
    ],
  },
  { key: 'volunteers', label: '注册志愿者数', metric: 'volunteers', weight: 10, target: 20, direction: 'higher' },
  { key: 'hours', label: '团员人均志愿服务时长', metric: 'volunteer_hours_per_member', weight: 15, target: 0, direction: 'higher', scoring: 'rank' },
  { key: 'appeals', label: '青年之声按时答复率', metric: 'appeal_ontime_rate', weight: 10, target: 90, direction: 'higher' },
  { key: 'deputies', label: '团代表联系团支部覆盖率', metric: 'deputy_liaison_rate', weight: 15, target: 30, direction: 'higher' },
];

type Row = api.reports.SchemeScores['rows'][number];
const pct = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 10 : null);

describe('assessment with the work figures (推优入党, 团籍注册, 团费, 志愿服务, 青年之声, 团代表联系)', () => {
  let rows: Row[];
  let schemeId: number;

  beforeAll(async () => {
    const created = await county.post('/api/assessment/schemes', { orgId: countyId, year: YEAR, title: `${YEAR}年度乡镇团建工作考核（工作指标）`, indicators: INDICATORS });
    expect(created.statusCode, created.body).toBe(200);
    schemeId = created.json().id;
    const res = await county.get(`/api/assessment/schemes/${schemeId}/scores`);
    expect(res.statusCode, res.body).toBe(200);
    rows = res.json().rows;
  });

  const ind = (r: Row, key: string) => r.indicators.find((x) => x.key === key)!;

  it('scores every township, each figure equal to the figure’s own page (registration progress, 推优 summary, dues report, org-life overview)', async () => {
    expect(rows.length).toBeGreaterThan(5);
    const reg = (await county.get(`/api/membership/registrations/progress?orgId=${countyId}&year=${YEAR}`)).json();
    const party = (await county.get(`/api/membership/party-recommendations/summary?orgId=${countyId}&year=${YEAR}`)).json();
    const members = (await county.get(`/api/stats/tables/members?orgId=${countyId}`)).json();
    const deputies = (await county.get(`/api/registries/deputies/liaison?orgId=${countyId}&year=${YEAR}`)).json();
    const mcol = members.columns.findIndex((c: { key: string }) => c.key === 'members');
    const seen = { party: 0, reg: 0, dues: 0, vol: 0, hours: 0, appeals: 0, deputies: 0 };
    for (const r of rows) {
      const m = members.rows.find((x: { orgId: number }) => x.orgId === r.orgId).values[mcol];
      // 推优入党: the summary's count for the township, and its share of the members in the 统计表.
      const p = party.children.find((c: { id: number }) => c.id === r.orgId);
      expect(ind(r, 'party').actual).toBe(p.total);
      expect([ind(r, 'party_rate').numerator, ind(r, 'party_rate').denominator]).toEqual([p.total, m]);
      expect(ind(r, 'party_rate').actual).toBe(pct(p.total, m));
      seen.party += p.total;
      // 团籍注册: registered of the year's members, as the progress page shows them.
      const g = reg.children.find((c: { id: number }) => c.id === r.orgId);
      expect([ind(r, 'registration').numerator, ind(r, 'registration').denominator]).toEqual([g.registered, g.total]);
      expect(ind(r, 'registration').actual).toBe(pct(g.registered, g.total));
      seen.reg += g.registered;
      // 团费: the dues report of the township, January to this month.
      const d = (await county.get(`/api/daily-work/dues/report?under=${r.orgId}&from=${YEAR}-01&to=${TODAY.slice(0, 7)}`)).json().totals;
      expect([ind(r, 'dues').numerator, ind(r, 'dues').denominator]).toEqual([d.dueMonths - d.unpaidMonths, d.dueMonths]);
      seen.dues += d.dueMonths;
      // 志愿服务 and 青年之声: the org-life overview of the township (this year to today).
      const o = (await county.get(`/api/org-life/stats/overview?orgId=${r.orgId}`)).json();
      expect(ind(r, 'volunteers').actual).toBe(o.volunteers.count);
      expect([ind(r, 'hours').numerator, ind(r, 'hours').denominator]).toEqual([Math.round((o.volunteers.serviceMinutes / 60) * 10) / 10, m]);
      seen.vol += o.volunteers.count;
      seen.hours += o.volunteers.serviceMinutes;
      const open = (o.appeals.byStatus.submitted ?? 0) + (o.appeals.byStatus.assigned ?? 0);
      expect([ind(r, 'appeals').numerator, ind(r, 'appeals').denominator]).toEqual([o.appeals.answeredOnTime, o.appeals.total - (open - o.appeals.overdue)]);
      seen.appeals += o.appeals.total;
      // 团代表联系: the deputies registry's liaison page (代表联系覆盖), by township.
      const dl = deputies.byChild.find((c: { orgId: number }) => c.orgId === r.orgId) ?? { branchesContacted: 0, branches: 0 };
      expect([ind(r, 'deputies').numerator, ind(r, 'deputies').denominator]).toEqual([dl.branchesContacted, dl.branches]);
      seen.deputies += dl.branchesContacted;
    }
    // The demo has records behind every figure (none of the comparisons above is 0 = 0 everywhere).
    for (const [k, v] of Object.entries(seen)) expect(v, k).toBeGreaterThan(0);
    for (const id of [bainiId, longxiId]) {
      const r = rows.find((x) => x.orgId === id)!;
      console.log(`${r.orgName}: ${r.indicators.map((x) => `${x.label} ${x.actual} (${x.numerator}/${x.denominator}) → ${x.score}`).join('; ')}; 总分 ${r.total}, 第${r.rank}名`);
    }
  });

  it('weights and scoring rules: linear to the target, threshold steps, rank among the townships; totals add up and rank', () => {
    for (const r of rows) {
      const reg = ind(r, 'registration');
      expect(reg.score).toBeCloseTo(reg.actual === null ? 0 : Math.min(1, reg.actual / 95) * 15, 2);
      const dues = ind(r, 'dues');
      const a = dues.actual ?? -1;
      expect(dues.score).toBe(a >= 90 ? 15 : a >= 70 ? 10 : a >= 50 ? 5 : 0);
      expect(r.total).toBeCloseTo(r.indicators.reduce((s, x) => s + x.score, 0), 2);
    }
    const hours = rows.map((r) => ind(r, 'hours')).filter((x) => x.actual !== null);
    const best = Math.max(...hours.map((x) => x.actual!));
    expect(hours.filter((x) => x.actual === best).every((x) => x.score === 15)).toBe(true);
    const worst = Math.min(...hours.map((x) => x.actual!));
    if (worst < best) expect(hours.find((x) => x.actual === worst)!.score).toBeLessThan(15);
    const totals = rows.map((r) => r.total);
    expect(totals).toEqual([...totals].sort((x, y) => y - x));
  });

  it('a township sees its own row of the published scheme with the same figures; its rank indicator is left to the county', async () => {
    expect((await county.post(`/api/assessment/schemes/${schemeId}/publish`, {})).statusCode).toBe(200);
    const own = (await baini.get(`/api/assessment/schemes/${schemeId}/scores`)).json() as api.reports.SchemeScores;
    expect(own.rows.map((r) => r.orgId)).toEqual([bainiId]);
    const mine = rows.find((r) => r.orgId === bainiId)!;
    for (const x of own.rows[0]!.indicators) {
      expect([x.actual, x.numerator, x.denominator], x.key).toEqual([ind(mine, x.key).actual, ind(mine, x.key).numerator, ind(mine, x.key).denominator]);
    }
    expect(ind(own.rows[0]!, 'hours').note).toContain('考核单位的排名');
  });

  it('refuses a threshold indicator without steps, naming the indicator in Chinese', async () => {
    const bad = INDICATORS.map((i) => (i.key === 'dues' ? { ...i, steps: [] } : i));
    const res = await county.post('/api/assessment/schemes', { orgId: countyId, year: YEAR, title: '缺少分档的方案', indicators: bad });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('「团费收缴率」按分档计分，至少需要一档');
  });
});

async function xlsx(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('荣誉');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const HEADER = ['获得者', '获得者类别', '公民身份号码', '荣誉类型', '荣誉名称', '授予层级', '授予机关', '年度', '授予日期', '证书编号', '所属组织', '备注'];

describe('荣誉记录 import (xlsx) and export', () => {
  let person: { id: number; name: string; id_number: string; org_id: number };
  let branch: { id: number; name: string };
  const honorsIn = async () => (await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from honor_awards h join organizations o on o.id = h.org_id where o.path <@ (select path from organizations where id = ${bainiId})`))[0]!.n;

  beforeAll(async () => {
    [person] = (await systemRows<typeof person>(
      t.database,
      sql`select p.id, p.name, p.id_number, p.org_id from people p join organizations o on o.id = p.org_id
           where o.path <@ (select path from organizations where id = ${bainiId})
             and (select count(*) from people q join organizations qo on qo.id = q.org_id
                   where q.name = p.name and qo.path <@ (select path from organizations where id = ${bainiId})) = 1
           order by p.id limit 1`,
    )) as [typeof person];
    [branch] = (await systemRows<typeof branch>(t.database, sql`select id, name from organizations where parent_id = ${bainiId} and status = 'active' order by path limit 1`)) as [typeof branch];
  });

  const good = (body: string) => [
    HEADER,
    [person.name, '个人', person.id_number, '优秀志愿者', '2025年度全省优秀青年志愿者', '省（区）级', body, 2025, '2025-12-05', 'GZ2025-001', '', ''],
    [branch.name, '团组织', '', '五四红旗团支部', '2025年度全县五四红旗团支部', '县级', '共青团余庆县委员会', 2025, '', '', '', ''],
    ['白泥镇某某公司青年突击队', '其他集体', '', '青年突击队', '2025年度全县青年突击队', '县级', '共青团余庆县委员会', 2025, '', '', '白泥镇', '抗洪抢险'],
  ];

  it('refuses a file with errors by row and column in Chinese and writes nothing', async () => {
    const before = await honorsIn();
    const rows = [
      ...good('共青团贵州省委'),
      ['某人', '个人', '110101199001011234', '优秀志愿者', '全国优秀', '全国', '团中央', 2025, '', '', '', ''],
      [branch.name, '团体', '', '不存在的荣誉', '某荣誉', '世界级', '某机关', '二〇二五', '2025-13-40', '', '', ''],
      ['外单位突击队', '其他集体', '', '青年突击队', '某突击队', '县级', '共青团余庆县委员会', 2099, '', '', '不存在的乡镇', ''],
    ];
    const res = await baini.post('/api/registries/honors/import', { orgId: bainiId, fileName: '荣誉.xlsx', contentBase64: await xlsx(rows) });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.written).toBe(false);
    expect(r.total).toBe(6);
    const at = (row: number, column: string) => r.errors.find((e: { row: number; column: string }) => e.row === row && e.column === column)?.message;
    expect(at(5, '公民身份号码')).toContain('找不到公民身份号码为110101199001011234的人员');
    expect(at(6, '获得者类别')).toBe('获得者类别“团体”无效，应为个人、团组织或其他集体');
    expect(at(6, '授予层级')).toContain('授予层级“世界级”无效');
    expect(at(6, '年度')).toBe('年度“二〇二五”应为四位年份');
    expect(at(6, '授予日期')).toContain('不是有效日期');
    expect(at(7, '所属组织')).toContain('找不到“不存在的乡镇”');
    expect(at(7, '年度')).toContain('授予年度不能晚于');
    expect(r.errors.every((e: { row: number }) => e.row >= 5)).toBe(true);
    expect(await honorsIn()).toBe(before);
  });

  it('imports a person by ID number, a league organization by name and an outside collective; audited; re-import updates instead of duplicating', async () => {
    const before = await honorsIn();
    const first = await baini.post('/api/registries/honors/import', { orgId: bainiId, fileName: '荣誉.xlsx', contentBase64: await xlsx(good('共青团贵州省委')) });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ total: 3, valid: 3, created: 3, updated: 0, written: true, errors: [] });
    expect(await honorsIn()).toBe(before + 3);
    const mine = (await baini.get(`/api/registries/honors-of?personId=${person.id}`)).json();
    expect(mine.items.some((h: { title: string; awardingBody: string }) => h.title === '2025年度全省优秀青年志愿者' && h.awardingBody === '共青团贵州省委')).toBe(true);
    const [audited] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where entity = 'honor_awards' and action = 'insert' and after ->> 'recipient_name' = '白泥镇某某公司青年突击队'`);
    expect(audited!.n).toBe(1);
    const again = await baini.post('/api/registries/honors/import', { orgId: bainiId, fileName: '荣誉.xlsx', contentBase64: await xlsx(good('共青团贵州省委员会')) });
    expect(again.json()).toMatchObject({ created: 0, updated: 3, written: true });
    expect(await honorsIn()).toBe(before + 3);
    const [changed] = await systemRows<{ awarding_body: string }>(t.database, sql`select awarding_body from honor_awards where person_id = ${person.id} and title = '2025年度全省优秀青年志愿者'`);
    expect(changed!.awarding_body).toBe('共青团贵州省委员会');
    const [updates] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where entity = 'honor_awards' and action = 'update' and after ->> 'awarding_body' = '共青团贵州省委员会'`);
    expect(updates!.n).toBe(1);
  });

  it('another township cannot import into 白泥镇; the export round-trips through the import; the template downloads', async () => {
    const longxi = await loginAs(t.app, 'longxi_admin');
    const res = await longxi.post('/api/registries/honors/import', { orgId: bainiId, fileName: '荣誉.xlsx', contentBase64: await xlsx(good('x')) });
    expect(res.statusCode).toBe(404);
    const exp = await baini.get(`/api/registries/honors/export?under=${bainiId}`);
    expect(exp.statusCode).toBe(200);
    const back = await baini.post('/api/registries/honors/import', { orgId: bainiId, fileName: '导出.xlsx', contentBase64: Buffer.from(exp.rawPayload).toString('base64'), dryRun: true });
    expect(back.json()).toMatchObject({ total: 3, valid: 3, errors: [] });
    const tpl = await baini.get('/api/registries/honors/import-template');
    expect(tpl.statusCode).toBe(200);
    const dry = await baini.post('/api/registries/honors/import', { orgId: bainiId, fileName: '模板.xlsx', contentBase64: Buffer.from(tpl.rawPayload).toString('base64'), dryRun: true });
    expect(dry.json().total).toBe(0);
  });
});
