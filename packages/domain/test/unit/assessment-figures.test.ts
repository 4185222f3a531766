import { describe, expect, it } from 'vitest';
import {
  FIGURES,
  appealOnTimeRate,
  deputyLiaisonRate,
  duesCollectionRate,
  figureDef,
  formatFigure,
  partyRecommendRate,
  rankScore,
  registrationRate,
  schemeProblems,
  scoreStepsFromText,
  scoreStepsText,
  scoreOrgs,
  thresholdScore,
  totalFigures,
  valueRanks,
  volunteerHoursPerMember,
  type Indicator,
} from '../../src/index.js';

/** Issue 17 item 4: the work figures of the catalogue and the scoring rules per indicator. */
describe('work figures of the catalogue', () => {
  it('each new figure has a definition in the catalogue', () => {
    for (const k of ['party_recommended', 'party_recommend_rate', 'registration_rate', 'dues_collection_rate', 'volunteers', 'volunteer_hours_per_member', 'appeal_ontime_rate', 'deputy_liaison_rate']) {
      const def = figureDef(k);
      expect(def, k).toBeDefined();
      expect(def!.how.length).toBeGreaterThan(10);
    }
    expect(new Set(FIGURES.map((f) => f.label)).size).toBe(FIGURES.length);
  });

  it('rates from the registries’ own counts', () => {
    expect(partyRecommendRate(12, 400)).toEqual({ value: 3, numerator: 12, denominator: 400 });
    expect(registrationRate({ registered: 377, total: 412 })).toEqual({ value: 91.5, numerator: 377, denominator: 412 });
    // Dues: paid months are the due months not unpaid.
    expect(duesCollectionRate({ dueMonths: 1200, unpaidMonths: 90 })).toEqual({ value: 92.5, numerator: 1110, denominator: 1200 });
    expect(duesCollectionRate({ dueMonths: 0, unpaidMonths: 0 }).value).toBeNull();
    // 青年之声: open appeals not yet due are not counted against the rate.
    expect(appealOnTimeRate({ total: 20, answeredOnTime: 15, openNotDue: 4 })).toEqual({ value: 93.8, numerator: 15, denominator: 16 });
    expect(deputyLiaisonRate(57, 114)).toEqual({ value: 50, numerator: 57, denominator: 114 });
  });

  it('hours per member: minutes to hours, one decimal; a total recomputed from the parts, not summed', () => {
    expect(volunteerHoursPerMember(9000, 60)).toEqual({ value: 2.5, numerator: 150, denominator: 60 });
    expect(volunteerHoursPerMember(100, 0).value).toBeNull();
    const total = totalFigures([{ volunteer_hours_per_member: volunteerHoursPerMember(9000, 60) }, { volunteer_hours_per_member: volunteerHoursPerMember(600, 40) }], ['volunteer_hours_per_member']);
    expect(total.volunteer_hours_per_member).toEqual({ value: 1.6, numerator: 160, denominator: 100 });
    expect(formatFigure('volunteer_hours_per_member', total.volunteer_hours_per_member)).toBe('1.6小时/人');
    const rates = totalFigures([{ registration_rate: registrationRate({ registered: 9, total: 10 }) }, { registration_rate: registrationRate({ registered: 1, total: 10 }) }], ['registration_rate']);
    expect(rates.registration_rate).toEqual({ value: 50, numerator: 10, denominator: 20 });
  });
});

const linear: Indicator = { key: 'reg', label: '团籍注册率', metric: 'registration_rate', weight: 20, target: 90, direction: 'higher' };
const steps: Indicator = {
  key: 'dues',
  label: '团费收缴率',
  metric: 'dues_collection_rate',
  weight: 30,
  target: 100,
  direction: 'higher',
  scoring: 'threshold',
  steps: [
    { value: 95, score: 30 },
    { value: 80, score: 20 },
    { value: 60, score: 10 },
  ],
};
const ranked: Indicator = { key: 'vol', label: '人均志愿服务时长', metric: 'volunteer_hours_per_member', weight: 50, target: 0, direction: 'higher', scoring: 'rank' };

describe('scoring rules per indicator', () => {
  it('threshold: the best step reached; none reached scores 0; lower-is-better steps are upper bounds', () => {
    expect(thresholdScore(steps, 96)).toBe(30);
    expect(thresholdScore(steps, 95)).toBe(30);
    expect(thresholdScore(steps, 85)).toBe(20);
    expect(thresholdScore(steps, 59.9)).toBe(0);
    expect(thresholdScore(steps, null)).toBe(0);
    const lower = { weight: 10, direction: 'lower' as const, steps: [{ value: 0, score: 10 }, { value: 3, score: 5 }] };
    expect(thresholdScore(lower, 0)).toBe(10);
    expect(thresholdScore(lower, 2)).toBe(5);
    expect(thresholdScore(lower, 4)).toBe(0);
  });

  it('rank: equal values share a rank; rank r of n scores weight × (n − r + 1) ÷ n; no value ranks nowhere', () => {
    expect(valueRanks([2.5, 1.0, 2.5, null], 'higher')).toEqual([1, 3, 1, null]);
    expect(valueRanks([2.5, 1.0, 2.5], 'lower')).toEqual([2, 1, 2]);
    expect(rankScore({ weight: 50 }, 1, 3)).toBe(50);
    expect(rankScore({ weight: 50 }, 3, 3)).toBe(16.67);
    expect(rankScore({ weight: 50 }, null, 3)).toBe(0);
  });

  it('a scheme mixing linear, threshold and rank indicators: weights, totals and ranking', () => {
    const orgs = [
      { orgId: 1, orgName: '白泥镇', figures: { registration_rate: { value: 90 }, dues_collection_rate: { value: 85 }, volunteer_hours_per_member: { value: 1.2 } } },
      { orgId: 2, orgName: '龙溪镇', figures: { registration_rate: { value: 45 }, dues_collection_rate: { value: 97 }, volunteer_hours_per_member: { value: 3.4 } } },
      { orgId: 3, orgName: '小腮镇', figures: { registration_rate: { value: 99 }, dues_collection_rate: { value: 50 }, volunteer_hours_per_member: { value: null } } },
    ];
    const rows = scoreOrgs([linear, steps, ranked], orgs);
    const by = Object.fromEntries(rows.map((r) => [r.orgName, r]));
    // 白泥镇: 20 × 90/90 + 20 (80 ≤ 85 < 95) + 50 × (2 − 2 + 1)/2 (second of the two with a value)
    expect(by['白泥镇']!.indicators.map((x) => x.score)).toEqual([20, 20, 25]);
    expect(by['白泥镇']!.total).toBe(65);
    // 龙溪镇: 20 × 45/90 + 30 + 50 (first)
    expect(by['龙溪镇']!.indicators.map((x) => x.score)).toEqual([10, 30, 50]);
    expect(by['龙溪镇']!.indicators[2]!.note).toBe('第1名（共2个单位）');
    // 小腮镇: capped at the weight, no step reached, no value to rank
    expect(by['小腮镇']!.indicators.map((x) => x.score)).toEqual([20, 0, 0]);
    expect(rows.map((r) => [r.orgName, r.rank])).toEqual([
      ['龙溪镇', 1],
      ['白泥镇', 2],
      ['小腮镇', 3],
    ]);
    // A township reading only its own row cannot be ranked: the rank indicator says so and scores 0.
    const own = scoreOrgs([linear, steps, ranked], [orgs[1]!], false);
    expect(own[0]!.indicators[2]!.score).toBe(0);
    expect(own[0]!.indicators[2]!.note).toContain('考核单位的排名');
  });

  it('scheme problems: a threshold rule needs steps within the weight; a manual indicator takes no scoring rule; weights sum to 100', () => {
    expect(schemeProblems([linear, steps, ranked])).toEqual([]);
    expect(schemeProblems([linear, { ...steps, steps: [] }, ranked])).toContain('「团费收缴率」按分档计分，至少需要一档');
    expect(schemeProblems([linear, { ...steps, steps: [{ value: 90, score: 40 }] }, ranked])).toContain('「团费收缴率」各档得分应在0至30分之间');
    expect(schemeProblems([linear, steps, { ...ranked, metric: 'manual', rule: '看材料', scoring: 'rank' }])).toContain('「人均志愿服务时长」是人工评分指标，不设计分方式');
    expect(schemeProblems([linear, steps])).toContain('各项权重之和应为100（当前为50）');
  });

  it('threshold steps as typed in the editor: value:score pairs, written back the same way; a malformed pair is named', () => {
    expect(scoreStepsFromText('95:15，80：10; 60:5')).toEqual({ steps: [{ value: 95, score: 15 }, { value: 80, score: 10 }, { value: 60, score: 5 }], problem: null });
    expect(scoreStepsText(steps.steps)).toBe('95:30, 80:20, 60:10');
    expect(scoreStepsFromText('95-15').problem).toBe('分档“95-15”应写成“达到值:得分”，如 95:15');
  });
});
