import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, campaignProblems, campaignTargetProgress, manualScore, manualScoreProblems, schemeProblems, scoreOrg, coverageBreakdown, honorAwardProblems, honorAwardTypes, honorTally, coverageFigures, coveredOn, lastYearEnd, newSectorUnitProblems, shouldCoverOn, type CoverageUnit } from '../../src/index.js';

const unit = (over: Partial<CoverageUnit>): CoverageUnit => ({ kind: 'non_public_enterprise', group: '白泥镇', registeredOn: '2024-03-01', closedOn: null, coveredOn: null, ...over });

describe('三新 coverage arithmetic', () => {
  it('counts a unit only while it is on the list, and as covered only from its coverage date', () => {
    const u = unit({ registeredOn: '2025-05-01', coveredOn: '2026-04-01', closedOn: '2026-10-01' });
    expect(shouldCoverOn(u, '2025-04-30')).toBe(false);
    expect(shouldCoverOn(u, '2025-05-01')).toBe(true);
    expect(coveredOn(u, '2026-03-31')).toBe(false);
    expect(coveredOn(u, '2026-04-01')).toBe(true);
    expect(shouldCoverOn(u, '2026-10-01')).toBe(false);
    expect(coveredOn(u, '2026-10-01')).toBe(false);
  });

  it('rate = covered ÷ should cover, growth against 31 December of last year, units still to reach', () => {
    const units = [
      unit({ coveredOn: '2023-06-01' }), // covered before last year's end
      unit({ coveredOn: '2025-12-31' }), // covered on last year's end: in the base
      unit({ coveredOn: '2026-01-01' }), // new this year
      unit({ coveredOn: '2026-08-01' }), // new this year
      unit({}), // not reached
      unit({ registeredOn: '2026-02-01' }), // listed this year, not reached
      unit({ coveredOn: '2024-05-01', closedOn: '2026-03-01' }), // closed this year: in the base, not now
    ];
    const f = coverageFigures(units, '2026-12-06');
    expect(lastYearEnd('2026-12-06')).toBe('2025-12-31');
    expect(f.shouldCover).toBe(6);
    expect(f.covered).toBe(4);
    expect(f.rate).toBe(66.7);
    expect(f.coveredLastYear).toBe(3);
    expect(f.growth.value).toBe(33.3); // (4 − 3) ÷ 3
    expect(f.newlyCovered).toBe(2);
    expect(f.toReach).toBe(2);
  });

  it('has no rate without units and no growth without a base', () => {
    expect(coverageFigures([], '2026-12-06').rate).toBeNull();
    const f = coverageFigures([unit({ coveredOn: '2026-02-01' })], '2026-12-06');
    expect(f.rate).toBe(100);
    expect(f.growth.value).toBeNull();
  });

  it('breaks down by sector and by township, each with its own figures', () => {
    const b = coverageBreakdown(
      [
        unit({ group: '白泥镇', coveredOn: '2025-01-01' }),
        unit({ group: '龙溪镇', kind: 'new_employment' }),
        unit({ group: '龙溪镇', kind: 'social_organization', coveredOn: '2026-05-04' }),
      ],
      '2026-12-06',
    );
    expect(b.total).toMatchObject({ shouldCover: 3, covered: 2 });
    expect(b.byKind.map((k) => [k.label, k.shouldCover, k.covered])).toEqual([
      ['非公企业', 1, 1],
      ['社会组织', 1, 1],
      ['新就业群体', 1, 0],
    ]);
    expect(b.byGroup.map((g) => [g.group, g.rate])).toEqual([
      ['白泥镇', 100],
      ['龙溪镇', 50],
    ]);
  });

  it('refuses a new employment unit without its platform and more young employees than employees', () => {
    expect(newSectorUnitProblems({ kind: 'new_employment', platform: ' ' })).toEqual(['新就业群体须填写所属平台（如美团、顺丰、滴滴）']);
    expect(newSectorUnitProblems({ kind: 'non_public_enterprise', employees: 10, youngEmployees: 11 })).toEqual(['青年职工数不能多于职工总数']);
    expect(newSectorUnitProblems({ kind: 'non_public_enterprise', employees: 10, youngEmployees: 10 })).toEqual([]);
  });
});

describe('honors of every origin', () => {
  const types = honorAwardTypes(DEFAULT_RULES);
  it('types are configuration: the 青字号 by default, the campaigns’ types and 其他; a changed setting changes them', () => {
    expect(types).toEqual(expect.arrayContaining(['团员先锋岗', '青年突击队', '青年安全生产示范岗', '向上向善好青年', '红领巾奖章', '优秀志愿者', '先进非公团建单位', '五四红旗团支部', '其他']));
    const custom = honorAwardTypes({ ...DEFAULT_RULES, youthWork: { ...DEFAULT_RULES.youthWork, honorAwardTypes: '青年文明号示范岗，团支部书记助理之星' } });
    expect(custom).toContain('团支部书记助理之星');
    expect(custom).not.toContain('青年突击队');
  });
  it('refuses an unknown type, a missing recipient, a future year and a date outside the year', () => {
    expect(honorAwardProblems({ recipientKind: 'person', personId: 1, awardType: '青年突击队', year: 2026 }, types, 2026)).toEqual([]);
    expect(honorAwardProblems({ recipientKind: 'collective', recipientName: ' ', awardType: '不存在', year: 2027, awardedOn: '2026-05-04' }, types, 2026)).toEqual([
      '荣誉类型“不存在”不在规则配置的荣誉类型中',
      '集体荣誉须填写获得集体的名称',
      '授予年度不能晚于2026年',
      '授予日期应在授予年度内',
    ]);
  });
  it('tallies individuals and collectives by level', () => {
    const t = honorTally([
      { level: 'national', recipientKind: 'person' },
      { level: 'national', recipientKind: 'org' },
      { level: 'provincial', recipientKind: 'collective' },
      { level: 'provincial', recipientKind: 'person' },
      { level: 'provincial', recipientKind: 'person' },
    ]);
    expect(t.slice(0, 2).map((r) => [r.label, r.individuals, r.collectives])).toEqual([
      ['全国', 1, 1],
      ['省（区）级', 2, 1],
    ]);
    // Grouped counts (the list's SQL gives one row per level and recipient kind) tally the same.
    const counted = honorTally([
      { level: 'national', recipientKind: 'person', n: 1 },
      { level: 'national', recipientKind: 'org', n: 1 },
      { level: 'provincial', recipientKind: 'collective', n: 1 },
      { level: 'provincial', recipientKind: 'person', n: 2 },
    ]);
    expect(counted).toEqual(t);
  });
});

describe('manual assessment indicators', () => {
  const manual = { key: 'party', label: '党委研究团的工作', metric: 'manual' as const, rule: '专题研究得10分', weight: 10, target: 10, direction: 'higher' as const };
  const figure = { key: 'study', label: '青年大学习参学率', metric: 'study_rate' as const, weight: 90, target: 80, direction: 'higher' as const };
  it('weights: a manual indicator counts what the committee gave, within its weight; unscored it gives 0 with a note', () => {
    const scored = scoreOrg([manual, figure], { study_rate: { value: 40 } }, { party: { score: 7.5, note: '纪要' } });
    expect(scored.indicators.map((i) => i.score)).toEqual([7.5, 45]);
    expect(scored.total).toBe(52.5);
    const none = scoreOrg([manual, figure], { study_rate: { value: 80 } });
    expect(none.indicators[0]).toMatchObject({ score: 0, actual: null, note: '考核单位尚未评分，本项暂不得分' });
    expect(manualScore(manual, 12)).toBe(10);
  });
  it('only the assessing committee scores, only manual indicators, within 0 … weight; a manual indicator needs its rule', () => {
    expect(manualScoreProblems(manual, 5, true)).toEqual([]);
    expect(manualScoreProblems(manual, 5, false)).toEqual(['只有制定考核方案的单位可以评分']);
    expect(manualScoreProblems(manual, 11, true)).toEqual(['「党委研究团的工作」的得分应在0至10分之间']);
    expect(manualScoreProblems(figure, 5, true)).toEqual(['「青年大学习参学率」按数据自动计算，不能人工评分']);
    expect(schemeProblems([{ ...manual, rule: ' ' }, { ...manual, key: 'p2', rule: 'x' }, figure])).toEqual(['各项权重之和应为100（当前为110）', '「党委研究团的工作」是人工评分指标，须写明评分细则'].reverse());
  });
});

describe('换届 campaign overdue logic', () => {
  it('a target is overdue after the deadline until its election is completed; progress counts the steps done', () => {
    expect(campaignTargetProgress({ election: null }, '2026-08-31', '2026-08-31')).toMatchObject({ state: 'not_started', stepsDone: 0, overdue: false });
    expect(campaignTargetProgress({ election: null }, '2026-08-31', '2026-09-01')).toMatchObject({ state: 'not_started', overdue: true });
    const mid = campaignTargetProgress({ election: { stage: 'qualification', status: 'in_progress' } }, '2026-08-31', '2026-09-01');
    expect(mid).toMatchObject({ state: 'in_progress', stepsDone: 3, stepsTotal: 7, overdue: true });
    expect(campaignTargetProgress({ election: { stage: 'approval', status: 'completed' } }, '2026-08-31', '2026-12-01')).toMatchObject({ state: 'completed', stepsDone: 7, overdue: false });
    expect(campaignTargetProgress({ election: { stage: 'vote', status: 'cancelled' } }, '2026-08-31', '2026-12-01')).toMatchObject({ state: 'not_started', overdue: true });
  });
  it('a campaign needs targets and a deadline not in the past', () => {
    expect(campaignProblems({ deadline: '2026-08-31', targets: 0 }, '2026-09-01')).toEqual(['请至少选择一个换届组织', '完成期限不能早于今天']);
    expect(campaignProblems({ deadline: '2026-12-31', targets: 3 }, '2026-09-01')).toEqual([]);
  });
});
