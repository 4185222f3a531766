import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  cadreTitleLabel,
  checkComposition,
  countsAsMember,
  parseExtraPostTitles,
  partyMeetingDeadline,
  partyMeetingStatus,
  planMeasureProblems,
  planSummary,
  postTitleOptions,
  postTitleProblem,
  programProblems,
  programTally,
  resolveRules,
  servicePrograms,
  visitProblems,
  visitsPerTownship,
  type PostHolder,
  type Rules,
} from '../../src/index.js';

const withCadres = (extraPostTitles: string): Rules => resolveRules({ cadres: { extraPostTitles } });

describe('configurable post titles (规则配置 → 其他职务)', () => {
  it('reads the default titles with their 委员 flag and organization types; the five built-in titles keep their meaning', () => {
    const titles = parseExtraPostTitles(DEFAULT_RULES.cadres.extraPostTitles);
    expect(titles.problems).toEqual([]);
    expect(titles.titles.map((t) => t.title)).toEqual(['团支部书记助理', '兼职副书记（挂职）', '少先队总辅导员']);
    expect(titles.titles[0]).toEqual({ title: '团支部书记助理', countsAsMember: false, orgTypes: ['branch', 'joint_branch'] });
    expect(postTitleOptions(DEFAULT_RULES).slice(0, 5).map((o) => o.label)).toEqual(['书记', '副书记', '组织委员', '宣传委员', '委员']);
    expect(postTitleOptions(DEFAULT_RULES, 'branch').map((o) => o.value)).toContain('团支部书记助理');
    expect(postTitleOptions(DEFAULT_RULES, 'township').map((o) => o.value)).not.toContain('团支部书记助理');
    expect(cadreTitleLabel('deputy_secretary')).toBe('副书记');
    expect(cadreTitleLabel('团支部书记助理')).toBe('团支部书记助理');
  });

  it('refuses a malformed setting in Chinese naming the entry (the settings page cannot save it)', () => {
    const { problems } = parseExtraPostTitles('团支部书记助理/算委员/团支部；书记/计入委员/全部；青年委员/计入委员/村委会');
    expect(problems).toEqual([
      '“团支部书记助理”的第二项应为“计入委员”或“不计委员”',
      '“书记”是内置职务，无需配置',
      '“青年委员”的适用组织类型“村委会”无效',
    ]);
    expect(() => withCadres('书记/计入委员/全部')).toThrow(/内置职务/);
  });

  it('refuses an unknown title and a title in an organization type it is not configured for, naming the title', () => {
    expect(postTitleProblem('secretary', 'branch', DEFAULT_RULES)).toBeNull();
    expect(postTitleProblem('团支部书记助理', 'branch', DEFAULT_RULES)).toBeNull();
    expect(postTitleProblem('团支部书记助理', 'township', DEFAULT_RULES)).toBe('乡镇团委不设“团支部书记助理”（规则配置的适用组织类型：团支部、联合团支部）');
    expect(postTitleProblem('青年委员', 'branch', DEFAULT_RULES)).toBe('职务“青年委员”不是内置职务，也不在规则配置的其他职务中');
    expect(postTitleProblem('青年委员', 'branch', withCadres('青年委员/计入委员/全部'))).toBeNull();
  });

  it('counts a configured title with the 委员 of 配备率 only when it is marked 计入委员', () => {
    const holder = (cadreId: number, title: string): PostHolder => ({ cadreId, name: `干部${cadreId}`, title, employment: 'part_time', establishment: 'outside', birthDate: '1995-01-01', onDuty: true });
    const holders = [holder(1, 'secretary'), holder(2, 'deputy_secretary'), holder(3, 'member'), holder(4, 'member'), holder(5, '兼职副书记（挂职）')];
    expect(countsAsMember('兼职副书记（挂职）', DEFAULT_RULES)).toBe(true);
    expect(countsAsMember('团支部书记助理', DEFAULT_RULES)).toBe(false);
    const counted = checkComposition('township', holders, '2026-12-06', DEFAULT_RULES);
    expect(counted.counts.members).toBe(3);
    expect(counted.violations.map((v) => v.code)).not.toContain('members_short');
    const notCounted = checkComposition('township', holders, '2026-12-06', withCadres('兼职副书记（挂职）/不计委员/乡镇团委'));
    expect(notCounted.counts.members).toBe(2);
    expect(notCounted.violations.find((v) => v.code === 'members_short')?.message).toBe('委员应配3名，现有2名');
  });
});

describe('西部计划 and other programmes', () => {
  it('takes the programmes from configuration and checks programme and year', () => {
    expect(servicePrograms(DEFAULT_RULES)).toEqual(['西部计划', '三支一扶', '研究生支教团', '大学生志愿服务乡村振兴计划']);
    expect(programProblems({ program: '西部计划', programYear: 2025 }, DEFAULT_RULES, 2026)).toEqual([]);
    expect(programProblems({ program: '特岗教师', programYear: 2025 }, DEFAULT_RULES, 2026)[0]).toEqual({ field: 'program', message: expect.stringContaining('专项计划“特岗教师”不在规则配置的专项计划中') });
    expect(programProblems({ program: '西部计划', programYear: null }, DEFAULT_RULES, 2026)).toEqual([{ field: 'programYear', message: '请填写专项计划的服务年度' }]);
    const custom = resolveRules({ youthWork: { servicePrograms: '特岗教师、西部计划' } });
    expect(programProblems({ program: '特岗教师', programYear: 2025 }, custom, 2026)).toEqual([]);
  });

  it('tallies flags by programme in the configured order', () => {
    const rows = [{ program: '三支一扶' }, { program: '西部计划' }, { program: '西部计划', n: 2 }, { program: null }];
    expect(programTally(rows, DEFAULT_RULES)).toEqual([
      { program: '西部计划', n: 3 },
      { program: '三支一扶', n: 1 },
    ]);
  });
});

describe('督导联系点 visits', () => {
  it('counts this year’s visits per township (0 for a township without), open follow-ups and the last visit', () => {
    const townships = [
      { orgId: 1, orgName: '白泥镇' },
      { orgId: 2, orgName: '龙溪镇' },
    ];
    const visits = [
      { orgId: 1, visitedOn: '2026-03-10', followUpDone: true },
      { orgId: 1, visitedOn: '2026-09-10', followUpDone: false },
      { orgId: 1, visitedOn: '2025-10-10', followUpDone: false },
      { orgId: 2, visitedOn: '2025-05-01', followUpDone: true },
    ];
    expect(visitsPerTownship(townships, visits, 2026)).toEqual([
      { orgId: 1, orgName: '白泥镇', visits: 2, openFollowUps: 1, lastVisit: '2026-09-10' },
      { orgId: 2, orgName: '龙溪镇', visits: 0, openFollowUps: 0, lastVisit: null },
    ]);
  });

  it('refuses a future visit and a problem found without its follow-up', () => {
    expect(visitProblems({ visitedOn: '2026-12-07' }, '2026-12-06')).toEqual([{ field: 'visitedOn', message: '督导日期不能晚于今天' }]);
    expect(visitProblems({ visitedOn: '2026-12-01', problems: '委员缺额', followUp: ' ' }, '2026-12-06')).toEqual([{ field: 'followUp', message: '发现问题的，请填写整改跟进情况' }]);
    expect(visitProblems({ visitedOn: '2026-12-01', problems: '委员缺额', followUp: '已补选' }, '2026-12-06')).toEqual([]);
  });
});

describe('党委研究团的工作 per township', () => {
  it('lists who held the meeting this year; one without is overdue only after the configured month', () => {
    const townships = [
      { orgId: 1, orgName: '白泥镇' },
      { orgId: 2, orgName: '龙溪镇' },
    ];
    const meetings = [
      { orgId: 1, heldOn: '2026-04-20' },
      { orgId: 2, heldOn: '2025-04-20' },
    ];
    expect(partyMeetingStatus(townships, meetings, 2026, '2026-06-30', 6)).toEqual([
      { orgId: 1, orgName: '白泥镇', held: 1, lastHeldOn: '2026-04-20', overdue: false },
      { orgId: 2, orgName: '龙溪镇', held: 0, lastHeldOn: null, overdue: false },
    ]);
    expect(partyMeetingStatus(townships, meetings, 2026, '2026-07-01', 6)[1]!.overdue).toBe(true);
    expect(partyMeetingStatus(townships, meetings, 2026, '2026-07-01', 9)[1]!.overdue).toBe(false);
    expect(partyMeetingDeadline(2026, DEFAULT_RULES)).toBe('2026-06-30');
    expect(partyMeetingDeadline(2028, resolveRules({ dailyWork: { partyMeetingDueMonth: 2 } }))).toBe('2028-02-29');
  });
});

describe('青年发展规划 measures', () => {
  it('keeps progress and status consistent, and sums a plan', () => {
    expect(planMeasureProblems({ progress: 80, status: 'completed' })).toEqual([{ field: 'progress', message: '状态为已完成的，进度应为100%' }]);
    expect(planMeasureProblems({ progress: 100, status: 'in_progress' })).toEqual([{ field: 'status', message: '进度为100%的，状态应为已完成' }]);
    expect(planMeasureProblems({ progress: 10, status: 'not_started' })).toEqual([{ field: 'progress', message: '状态为未启动的，进度应为0' }]);
    expect(planMeasureProblems({ progress: 40, status: 'delayed' })).toEqual([]);
    expect(planSummary([
      { progress: 100, status: 'completed' },
      { progress: 40, status: 'delayed' },
      { progress: 65, status: 'in_progress' },
    ])).toEqual({ total: 3, byStatus: { not_started: 0, in_progress: 1, completed: 1, delayed: 1 }, averageProgress: 68.3 });
  });
});
