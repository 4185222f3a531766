import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INDICATORS,
  DEFAULT_REPORT_SECTIONS,
  assessmentAsOf,
  figuresAsOf,
  growthValue,
  indicatorScore,
  rankScores,
  rateValue,
  reportActionProblems,
  reportActorOf,
  reportProgress,
  schemeChangeProblems,
  schemeProblems,
  scoreOrg,
  taskProblems,
  totalFigures,
  type ReportState,
} from '../../src/index.js';

const recipient = { issuer: false, recipient: true };
const issuer = { issuer: true, recipient: false };
const full = Object.fromEntries(DEFAULT_REPORT_SECTIONS.map((s) => [s.key, `${s.title}的内容，至少十个字。`]));
const state = (over: Partial<ReportState>): ReportState => ({ status: 'draft', taskStatus: 'open', actor: recipient, sections: DEFAULT_REPORT_SECTIONS, texts: full, ...over });

describe('report workflow', () => {
  it('who acts, from ltree paths', () => {
    expect(reportActorOf('1.2', '1', '1.2')).toEqual(recipient);
    expect(reportActorOf('1', '1', '1.2')).toEqual(issuer);
    expect(reportActorOf('*', '1', '1.2')).toEqual(issuer);
    expect(reportActorOf('1.3', '1', '1.2')).toEqual({ issuer: false, recipient: false });
    expect(reportActorOf('1.2.5', '1', '1.2')).toEqual({ issuer: false, recipient: false });
  });

  it('the recipient saves and submits a draft or a returned report', () => {
    expect(reportActionProblems('submit', state({}))).toEqual([]);
    expect(reportActionProblems('save', state({ status: 'returned' }))).toEqual([]);
    expect(reportActionProblems('submit', state({ status: 'returned' }))).toEqual([]);
    expect(reportActionProblems('submit', state({ status: 'submitted' }))).toEqual(['报告已报送，不能再次报送']);
    expect(reportActionProblems('save', state({ status: 'accepted' }))).toEqual(['报告已接收，不能修改']);
    expect(reportActionProblems('save', state({ taskStatus: 'closed' }))).toEqual(['报送任务已结束，不能再填写或报送']);
    expect(reportActionProblems('save', state({ actor: issuer }))).toEqual(['报告由报送单位填写，发布单位只能退回或接收']);
    expect(reportActionProblems('submit', state({ actor: { issuer: false, recipient: false } }))).toContain('只有报送单位可以填写和报送');
  });

  it('submission needs every section written', () => {
    const p = reportActionProblems('submit', state({ texts: { ...full, work: '', weak: '太短了' } }));
    expect(p).toEqual(['「工作开展情况」尚未填写', '「薄弱工作环节」至少10个字']);
  });

  it('the issuer returns or accepts a submitted report only', () => {
    expect(reportActionProblems('return', state({ status: 'submitted', actor: issuer }))).toEqual([]);
    expect(reportActionProblems('accept', state({ status: 'submitted', actor: issuer }))).toEqual([]);
    expect(reportActionProblems('accept', state({ status: 'submitted', actor: issuer, taskStatus: 'closed' }))).toEqual([]);
    expect(reportActionProblems('return', state({ status: 'submitted', actor: issuer, taskStatus: 'closed' }))).toEqual(['报送任务已结束，不能再退回修改']);
    expect(reportActionProblems('accept', state({ status: 'draft', actor: issuer }))).toEqual(['报告未报送，只能接收已报送的报告']);
    expect(reportActionProblems('return', state({ status: 'accepted', actor: issuer }))).toEqual(['报告已接收，只能退回已报送的报告']);
    expect(reportActionProblems('accept', state({ status: 'submitted', actor: recipient }))).toEqual(['只有发布任务的单位可以接收报告']);
    expect(reportActionProblems('return', state({ status: 'submitted', actor: recipient }))).toEqual(['只有发布任务的单位可以退回报告']);
  });

  it('issuing checks the template, the deadline and the recipients', () => {
    const ok = { title: '半年总结', deadline: '2026-07-10', sections: DEFAULT_REPORT_SECTIONS, figures: ['members'] };
    expect(taskProblems(ok, '2026-07-01', 10)).toEqual([]);
    expect(taskProblems(ok, '2026-07-11', 10)).toEqual(['截止日期不能早于今天']);
    expect(taskProblems({ ...ok, figures: ['members', 'members', 'x'] }, '2026-07-01', 1)).toEqual(['指标「x」不在指标目录中', '数据指标重复']);
    expect(taskProblems({ ...ok, sections: [] }, '2026-07-01', 0)).toEqual(['至少需要一个文字部分', '该组织没有可报送的下级组织']);
  });

  it('figures as of the deadline, or today when the deadline is later', () => {
    expect(figuresAsOf('2026-06-30', '2026-07-05')).toBe('2026-06-30');
    expect(figuresAsOf('2026-06-30', '2026-06-20')).toBe('2026-06-20');
  });

  it('progress counts reported = submitted + accepted', () => {
    expect(reportProgress(['draft', 'submitted', 'accepted', 'returned'])).toEqual({ total: 4, draft: 1, submitted: 1, returned: 1, accepted: 1, reported: 2, rate: 50 });
    expect(reportProgress([]).rate).toBeNull();
  });

  it('totals: counts summed, rates recomputed from their parts', () => {
    const a = { members: { value: 10 }, member_youth_ratio: rateValue(10, 40) };
    const b = { members: { value: 30 }, member_youth_ratio: rateValue(30, 60) };
    const t = totalFigures([a, b], ['members', 'member_youth_ratio']);
    expect(t.members!.value).toBe(40);
    expect(t.member_youth_ratio).toEqual({ value: 40, numerator: 40, denominator: 100 });
    expect(growthValue(12, 10)).toEqual({ value: 20, numerator: 2, denominator: 10 });
    expect(growthValue(3, 0).value).toBeNull();
    expect(totalFigures([{ new_sector_growth: growthValue(12, 10) }, { new_sector_growth: growthValue(3, 0) }], ['new_sector_growth']).new_sector_growth!.value).toBe(50);
  });
});

describe('assessment scoring', () => {
  it('higher is better: weight × min(1, actual ÷ target), never negative', () => {
    expect(indicatorScore({ weight: 20, target: 100, direction: 'higher' }, 100)).toBe(20);
    expect(indicatorScore({ weight: 20, target: 100, direction: 'higher' }, 87.5)).toBe(17.5);
    expect(indicatorScore({ weight: 20, target: 20, direction: 'higher' }, 35)).toBe(20);
    expect(indicatorScore({ weight: 20, target: 20, direction: 'higher' }, 5)).toBe(5);
    expect(indicatorScore({ weight: 20, target: 20, direction: 'higher' }, -10)).toBe(0);
    expect(indicatorScore({ weight: 15, target: 95, direction: 'higher' }, 90)).toBe(14.21);
    expect(indicatorScore({ weight: 10, target: 0, direction: 'higher' }, 0)).toBe(10);
    expect(indicatorScore({ weight: 20, target: 100, direction: 'higher' }, null)).toBe(0);
  });

  it('lower is better: weight × min(1, target ÷ actual)', () => {
    expect(indicatorScore({ weight: 10, target: 5, direction: 'lower' }, 4)).toBe(10);
    expect(indicatorScore({ weight: 10, target: 5, direction: 'lower' }, 10)).toBe(5);
    expect(indicatorScore({ weight: 10, target: 0, direction: 'lower' }, 3)).toBe(0);
    expect(indicatorScore({ weight: 10, target: 0, direction: 'lower' }, 0)).toBe(10);
  });

  it('scores an organization and ranks with shared ranks', () => {
    const r = scoreOrg(DEFAULT_INDICATORS, {
      village_coverage: rateValue(9, 12),
      new_sector_growth: growthValue(6, 5),
      cadre_staffing: rateValue(10, 10),
      cadre_on_duty: rateValue(19, 20),
      meeting_compliance: rateValue(45, 50),
      // study_rate missing: no data, 0
    });
    // 20×0.75 + 20×min(1, 20÷20) + 15×1 + 15×min(1, 95÷95) + 15×min(1, 90÷90) + 0
    expect(r.indicators.map((i) => i.score)).toEqual([15, 20, 15, 15, 15, 0]);
    expect(r.total).toBe(80);
    expect(r.indicators[5]!.note).toContain('无数据');
    expect(r.indicators[0]!.met).toBe(false);
    expect(r.indicators[1]!.met).toBe(true);
    const ranked = rankScores([
      { orgName: '甲', total: 80 },
      { orgName: '乙', total: 92.5 },
      { orgName: '丙', total: 80 },
      { orgName: '丁', total: 60 },
    ]);
    expect(ranked.map((x) => [x.orgName, x.rank])).toEqual([['乙', 1], ['丙', 2], ['甲', 2], ['丁', 4]]);
  });

  it('scheme rules', () => {
    expect(schemeProblems(DEFAULT_INDICATORS)).toEqual([]);
    expect(schemeProblems([])).toEqual(['至少需要一项考核指标']);
    expect(schemeProblems([{ ...DEFAULT_INDICATORS[0]!, weight: 60 }, { ...DEFAULT_INDICATORS[0]!, weight: 30 }])).toEqual([
      '指标编码「coverage」重复',
      '「村（社区）团组织覆盖率」与其他指标使用了同一数据来源',
      '各项权重之和应为100（当前为90）',
    ]);
    expect(schemeProblems([{ ...DEFAULT_INDICATORS[0]!, weight: 100, target: 120 }])).toEqual(['「村（社区）团组织覆盖率」的目标值不能超过100%']);
    expect(schemeChangeProblems('published', 'edit')).toEqual(['考核方案已发布，不能再修改']);
    expect(schemeChangeProblems('draft', 'publish')).toEqual([]);
    expect(assessmentAsOf(2025, '2026-03-01')).toBe('2025-12-31');
    expect(assessmentAsOf(2026, '2026-03-01')).toBe('2026-03-01');
  });
});
