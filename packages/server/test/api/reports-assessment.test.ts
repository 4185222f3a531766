import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INDICATORS, FIGURE_KEYS, resolveRules, type api } from '@tuanjian/domain';
import { computeChildFigures, computeFigures } from '../../src/modules/reports/figures.js';
import { withSystem } from '../../src/db/context.js';
import { seedReportsDemo } from '../../src/seed/demo-reports.js';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';

/* 改革考核: schemes, their refusals, and scores checked against values counted by hand from the seeded registry. */

function todayCn(): string {
  const pinned = process.env.TJ_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
const year = Number(todayCn().slice(0, 4));

let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let countyId: number;
let bainiId: number;
let schemeId: number;

beforeAll(async () => {
  t = await createTestApp();
  await withSystem(t.database, 'demo', (tx) => seedReportsDemo(tx, { today: todayCn(), year }));
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  countyId = await orgId(t.database, '共青团余庆县委员会');
  bainiId = await orgId(t.database, '共青团余庆县白泥镇委员会');
  const list = (await county.get(`/api/assessment/schemes?year=${year}`)).json() as api.reports.SchemeItem[];
  schemeId = list.find((s) => s.org.id === countyId && s.status === 'published')!.id;
});
afterAll(() => t?.close());

/** By hand, per child organization: village/community coverage and 三新 growth (the registry's rows, counted in JS). */
async function handFigures(childId: number) {
  const units = await systemRows<{ covered: boolean }>(
    t.database,
    sql`select exists (select 1 from organizations b where b.admin_unit_id = u.id and b.status = 'active') as covered
          from admin_units u join organizations tw on tw.id = u.township_org_id
         where tw.path <@ (select path from organizations where id = ${childId})`,
  );
  const orgs = await systemRows<{ sector: string; founded_on: string | null; status: string; dissolved_on: string | null }>(
    t.database,
    sql`select sector, founded_on::text as founded_on, status, dissolved_on::text as dissolved_on from organizations
         where path <@ (select path from organizations where id = ${childId})`,
  );
  const existsOn = (o: (typeof orgs)[number], on: string) =>
    ['non_public_enterprise', 'social_organization'].includes(o.sector) && (!o.founded_on || o.founded_on <= on) && (o.status === 'active' || (!!o.dissolved_on && o.dissolved_on > on));
  const now = orgs.filter((o) => existsOn(o, todayCn())).length;
  const base = orgs.filter((o) => existsOn(o, `${year - 1}-12-31`)).length;
  const covered = units.filter((u) => u.covered).length;
  return {
    coverage: units.length ? Math.round((covered / units.length) * 1000) / 10 : null,
    growth: base ? Math.round(((now - base) / base) * 1000) / 10 : null,
  };
}

describe('scores', () => {
  it('scores every township from the data, as counted by hand', async () => {
    const res = await county.get(`/api/assessment/schemes/${schemeId}/scores`);
    expect(res.statusCode).toBe(200);
    const s = res.json() as api.reports.SchemeScores;
    expect(s.maxScore).toBe(100);
    expect(s.asOf).toBe(todayCn());
    const children = await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${countyId} and status = 'active' and type in ('township', 'subdistrict')`);
    expect(s.rows.map((r) => r.orgId).sort((a, b) => a - b)).toEqual(children.map((c) => Number(c.id)).sort((a, b) => a - b));
    let checkedCoverage = 0;
    for (const row of s.rows) {
      const hand = await handFigures(row.orgId);
      const byKey = Object.fromEntries(row.indicators.map((i) => [i.key, i]));
      expect(byKey.coverage!.actual, row.orgName).toBe(hand.coverage);
      expect(byKey.new_sector!.actual, row.orgName).toBe(hand.growth);
      // weight × min(1, actual ÷ target), by hand: coverage (20, target 100%), growth (20, target 20%).
      const coverageScore = hand.coverage === null ? 0 : Math.round(20 * Math.min(1, Math.max(0, hand.coverage / 100)) * 100) / 100;
      const growthScore = hand.growth === null ? 0 : Math.round(20 * Math.min(1, Math.max(0, hand.growth / 20)) * 100) / 100;
      expect(byKey.coverage!.score, row.orgName).toBe(coverageScore);
      expect(byKey.new_sector!.score, row.orgName).toBe(growthScore);
      // The registry-only test county has no cadres, meetings or study records: those score 0.
      for (const k of ['staffing', 'on_duty', 'meetings', 'study']) expect(byKey[k]!.score, `${row.orgName} ${k}`).toBe(0);
      expect(byKey.study!.note).toContain('无数据');
      expect(row.total).toBeCloseTo(coverageScore + growthScore, 2);
      if (hand.coverage !== null) checkedCoverage++;
    }
    expect(checkedCoverage).toBeGreaterThan(3);
    // Ranked by total, ties share a rank.
    for (let i = 1; i < s.rows.length; i++) {
      expect(s.rows[i]!.total).toBeLessThanOrEqual(s.rows[i - 1]!.total);
      expect(s.rows[i]!.rank).toBe(s.rows[i]!.total === s.rows[i - 1]!.total ? s.rows[i - 1]!.rank : i + 1);
    }
    expect(s.rows[0]!.rank).toBe(1);
  });

  it('figures of all children at once equal each child computed alone', async () => {
    const rules = resolveRules({});
    await withSystem(t.database, 'test', async (tx) => {
      const all = await computeChildFigures(tx, rules, countyId, todayCn(), FIGURE_KEYS);
      const baini = all.children.find((c) => c.id === bainiId)!;
      const alone = await computeFigures(tx, rules, bainiId, todayCn(), FIGURE_KEYS);
      expect(baini.figures.values).toEqual(alone.values);
      expect(Object.keys(alone.values).sort()).toEqual([...FIGURE_KEYS].sort());
    });
  });

  it('a township sees the county scheme and only its own score', async () => {
    const list = (await baini.get('/api/assessment/schemes')).json() as api.reports.SchemeItem[];
    const item = list.find((x) => x.id === schemeId)!;
    expect(item.isOwner).toBe(false);
    const s = (await baini.get(`/api/assessment/schemes/${schemeId}/scores`)).json() as api.reports.SchemeScores;
    expect(s.rows.map((r) => r.orgId)).toEqual([bainiId]);
    expect(s.rows[0]!.rank).toBe(1);
    const lx = await longxi.get(`/api/assessment/schemes/${schemeId}/scores`);
    expect(lx.body).not.toContain('白泥');
  });

  it('exports the scores to Excel', async () => {
    const res = await county.get(`/api/assessment/schemes/${schemeId}/export`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考核得分')!;
    expect(ws.getCell(3, 1).value).toBe('排名');
    expect(ws.getCell(4, 1).value).toBe(1);
  });
});

describe('schemes', () => {
  const indicators = DEFAULT_INDICATORS.map((i) => ({ ...i }));

  it('refuses bad indicators, edits a draft, publishes, then refuses changes', async () => {
    let res = await baini.post('/api/assessment/schemes', { orgId: bainiId, year, title: '村级团组织考核', indicators: indicators.map((i, n) => (n === 0 ? { ...i, weight: 10 } : i)) });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('各项权重之和应为100（当前为90）');
    res = await baini.post('/api/assessment/schemes', { orgId: bainiId, year, title: '村级团组织考核', indicators: [{ ...indicators[0]!, weight: 50 }, { ...indicators[0]!, key: 'again', weight: 50 }] });
    expect(res.json().message).toContain('使用了同一数据来源');
    res = await baini.post('/api/assessment/schemes', { orgId: bainiId, year, title: '村级团组织考核', indicators: [{ ...indicators[0]!, weight: 100, target: 120 }] });
    expect(res.json().message).toContain('目标值不能超过100%');
    expect((await (await loginAs(t.app, 'county_viewer')).post('/api/assessment/schemes', { orgId: bainiId, year, title: '考核', indicators })).statusCode).toBe(403);

    res = await baini.post('/api/assessment/schemes', { orgId: bainiId, year, title: '村级团组织考核', indicators });
    expect(res.statusCode).toBe(200);
    const id = res.json().id as number;
    // A draft is invisible to another township and outside the owner's line.
    expect((await longxi.get(`/api/assessment/schemes/${id}/scores`)).statusCode).toBe(404);
    expect((await county.get(`/api/assessment/schemes/${id}/scores`)).statusCode).toBe(200);
    res = await baini.put(`/api/assessment/schemes/${id}`, { title: '村级团组织建设考核', indicators: [{ ...indicators[0]!, weight: 100 }] });
    expect(res.statusCode).toBe(200);
    expect((await baini.post(`/api/assessment/schemes/${id}/publish`, {})).statusCode).toBe(200);
    res = await baini.put(`/api/assessment/schemes/${id}`, { title: '再改', indicators });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe('考核方案已发布，不能再修改');
    expect((await baini.post(`/api/assessment/schemes/${id}/publish`, {})).json().message).toBe('考核方案已发布');
    // The township cannot change the county's scheme.
    res = await baini.put(`/api/assessment/schemes/${schemeId}`, { title: '改县里的', indicators });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('只有制定方案的单位可以修改或发布考核方案');
    // The township's own scheme scores its branches.
    const s = (await baini.get(`/api/assessment/schemes/${id}/scores`)).json() as api.reports.SchemeScores;
    const kids = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from organizations where parent_id = ${bainiId} and status = 'active'`);
    expect(s.rows).toHaveLength(kids[0]!.n);
  });
});
