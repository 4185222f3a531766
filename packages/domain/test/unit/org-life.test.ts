import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  HONOR_NOTICE_DAYS,
  MEETING_MINUTES_MIN_LENGTH,
  activityProblems,
  aidDuplicateProblem,
  appealActionProblems,
  appealDaysOverdue,
  appealDeadline,
  appealRoutingProblem,
  attachmentProblems,
  awardProblems,
  beneficiaryActionProblems,
  beneficiaryAmountProblems,
  calendarPeriodOf,
  calendarPeriodsBetween,
  findStudyHeader,
  fenToWanYuan,
  formatFen,
  fundsRaisedProblems,
  honorEligibility,
  honorNoticeNote,
  honorNoticePeriod,
  hoursOf,
  isAppealOverdue,
  isBelowStudyThreshold,
  studyBelowLimit,
  isTrackingCode,
  makeTrackingCode,
  mapStudyHeaders,
  meetingCancelProblems,
  meetingCompliance,
  meetingDocumentation,
  meetingOrgProblem,
  meetingPlanProblems,
  meetingRecordProblems,
  meetingRequirements,
  meetingsDue,
  hasQuorum,
  nominationActionProblems,
  nominationProblems,
  normalizeStudyHeader,
  normalizeTrackingCode,
  parseHeadCount,
  parseHonorNotice,
  publicizeProblems,
  rankByStudyRate,
  resolveRules,
  safeAttachmentName,
  serviceProjectProblems,
  serviceRecordProblems,
  sniffAttachmentType,
  storedAttachmentName,
  studyRate,
  studyRoundProblems,
  venueCheckProblems,
  venueIdleness,
  venueStandard,
  volunteerAgeBand,
  volunteerAgeBandLabels,
  volunteerProblems,
  yuanToFen,
  youthVolunteerShare,
  type Rules,
} from '../../src/index.js';

const rules = DEFAULT_RULES;
const withRules = (section: keyof Rules, values: Record<string, unknown>) => resolveRules({ [section]: { ...rules[section], ...values } });

describe('calendar periods', () => {
  it('months and quarters containing a date, and the periods of a range', () => {
    expect(calendarPeriodOf('2026-02-14', 'month')).toEqual({ key: '2026-02', label: '2026年2月', start: '2026-02-01', end: '2026-02-28' });
    expect(calendarPeriodOf('2024-02-14', 'month').end).toBe('2024-02-29');
    expect(calendarPeriodOf('2026-11-20', 'quarter')).toEqual({ key: '2026-Q4', label: '2026年第四季度', start: '2026-10-01', end: '2026-12-31' });
    expect(calendarPeriodsBetween('2026-01-15', '2026-04-02', 'month').map((p) => p.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(calendarPeriodsBetween('2025-12-01', '2026-11-20', 'quarter').map((p) => p.key)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });
});

describe('三会两制一课: compliance against the configured frequencies', () => {
  it('requirements follow rules.orgLife; a frequency of 0 drops the kind', () => {
    expect(meetingRequirements(rules).map((r) => `${r.kind}/${r.cadence}/${r.times}`)).toEqual([
      'general_meeting/quarter/1',
      'committee_meeting/month/1',
      'group_meeting/month/1',
      'lecture/quarter/1',
      'theme_day/month/1',
    ]);
    expect(meetingRequirements(withRules('orgLife', { groupMeetingsPerMonth: 0 })).some((r) => r.kind === 'group_meeting')).toBe(false);
  });

  const allHeld = (from: string, months: number) => {
    const held: { kind: string; heldOn: string }[] = [];
    for (let i = 0; i < months; i++) {
      const d = calendarPeriodsBetween(from, '2027-12-31', 'month')[i]!.start.replace(/-01$/, '-10');
      held.push({ kind: 'committee_meeting', heldOn: d }, { kind: 'group_meeting', heldOn: d }, { kind: 'theme_day', heldOn: d });
      if (i % 3 === 0) held.push({ kind: 'general_meeting', heldOn: d }, { kind: 'lecture', heldOn: d });
    }
    return held;
  };

  it('a branch that held everything is compliant; only periods that are over count', () => {
    const c = meetingCompliance(allHeld('2026-01-01', 11), { from: '2026-01-01', to: '2026-11-20' }, '2026-11-20', rules);
    expect(c.behind).toBe(false);
    expect(c.rate).toBe(1);
    // Jan–Oct: 10 months × 3 monthly kinds + 3 closed quarters × 2 quarterly kinds.
    expect(c.required).toBe(10 * 3 + 3 * 2);
    const theme = c.kinds.find((k) => k.kind === 'theme_day')!;
    expect(theme.periods.at(-1)).toMatchObject({ key: '2026-11', closed: false, short: 0 });
  });

  it('lists every shortfall with its period, and the rate drops', () => {
    const held = allHeld('2026-01-01', 11).filter((m) => !(m.kind === 'theme_day' && m.heldOn === '2026-03-10') && !(m.kind === 'general_meeting' && m.heldOn === '2026-04-10'));
    const c = meetingCompliance(held, { from: '2026-01-01', to: '2026-11-20' }, '2026-11-20', rules);
    expect(c.behind).toBe(true);
    expect(c.shortfalls.map((s) => s.text)).toEqual(['2026年第二季度支部团员大会少1次', '2026年3月主题团日少1次']);
    expect(c.rate).toBeCloseTo(34 / 36, 4);
    expect(meetingCompliance(held, { from: '2026-01-01', to: '2026-11-20' }, '2026-11-20', withRules('orgLife', { themeDaysPerMonth: 2 })).shortfalls.length).toBeGreaterThan(10);
  });

  it('excuses the period a branch was founded in and before; a range cut mid-period does not count it', () => {
    const c = meetingCompliance([], { from: '2026-01-01', to: '2026-11-20' }, '2026-11-20', rules, '2026-10-15');
    expect(c.required).toBe(0);
    expect(c.rate).toBeNull();
    const cut = meetingCompliance([], { from: '2026-01-15', to: '2026-02-15' }, '2026-11-20', rules);
    expect(cut.required).toBe(0);
  });

  it('what is due this month for a branch', () => {
    const items = meetingsDue(
      [
        { kind: 'committee_meeting', status: 'held', heldOn: '2026-11-03', plannedOn: '2026-11-01' },
        { kind: 'theme_day', status: 'planned', heldOn: null, plannedOn: '2026-11-28' },
        { kind: 'general_meeting', status: 'held', heldOn: '2026-09-30', plannedOn: '2026-09-20' },
      ],
      '2026-11-20',
      rules,
    );
    const by = Object.fromEntries(items.map((i) => [i.kind, i]));
    expect(by.committee_meeting).toMatchObject({ state: 'done', held: 1, remaining: 0 });
    expect(by.theme_day).toMatchObject({ state: 'planned', planned: 1, remaining: 1 });
    expect(by.group_meeting).toMatchObject({ state: 'due', remaining: 1, periodEnd: '2026-11-30', daysLeft: 10 });
    // Last quarter's general meeting does not count for this quarter.
    expect(by.general_meeting).toMatchObject({ state: 'due', period: '2026年第四季度', periodEnd: '2026-12-31' });
    expect(by.group_meeting!.text).toBe('2026年11月还需召开团小组会1次（截至2026-11-30，剩10天）');
  });

  it('meetings belong to active branches', () => {
    expect(meetingOrgProblem('branch', 'active')).toBeNull();
    expect(meetingOrgProblem('joint_branch', 'active')).toBeNull();
    expect(meetingOrgProblem('township', 'active')).toContain('请选择团支部');
    expect(meetingOrgProblem('branch', 'dissolved')).toContain('已撤销');
  });

  it('a plan may be changed only while planned, and not dated years back', () => {
    expect(meetingPlanProblems({ plannedOn: '2026-11-25' }, '2026-11-20')).toEqual([]);
    expect(meetingPlanProblems({ plannedOn: '2025-01-01' }, '2026-11-20')).toEqual(['计划日期不能早于一年前']);
    expect(meetingPlanProblems({ plannedOn: '2026-11-25' }, '2026-11-20', { status: 'held' })).toEqual(['会议已召开，不能再修改计划']);
  });

  it('recording: attendance only from the member list, minutes, dates, everyone at a general meeting', () => {
    const roster = new Set([1, 2, 3, 4]);
    const ok = { heldOn: '2026-11-19', minutes: '会'.repeat(MEETING_MINUTES_MIN_LENGTH), presentIds: [1, 2, 3], absentIds: [4] };
    const planned = { kind: 'general_meeting', status: 'planned', plannedOn: '2026-11-18' };
    expect(meetingRecordProblems(planned, ok, roster, '2026-11-20')).toEqual([]);
    expect(meetingRecordProblems({ ...planned, status: 'held' }, ok, roster, '2026-11-20')).toEqual(['该会议已记录，不能重复记录']);
    expect(meetingRecordProblems({ ...planned, status: 'cancelled' }, ok, roster, '2026-11-20')).toEqual(['该会议已取消，不能记录']);
    expect(meetingRecordProblems(planned, { ...ok, heldOn: '2026-11-21' }, roster, '2026-11-20')).toContain('召开日期不能晚于今天');
    expect(meetingRecordProblems(planned, { ...ok, minutes: '开会了' }, roster, '2026-11-20')[0]).toContain('请填写会议记录');
    expect(meetingRecordProblems(planned, { ...ok, presentIds: [1, 2, 3, 9] }, roster, '2026-11-20')).toContain('有1人不在本支部团员名单中，出席情况须从本支部团员名单中选取');
    expect(meetingRecordProblems(planned, { ...ok, absentIds: [4, 1] }, roster, '2026-11-20')).toContain('同一人不能在出席和缺席名单中重复出现');
    expect(meetingRecordProblems(planned, { ...ok, absentIds: [] }, roster, '2026-11-20')).toContain('支部团员大会应由全体团员参加，还有1名团员未登记出席或缺席');
    expect(meetingRecordProblems({ ...planned, kind: 'committee_meeting' }, { ...ok, presentIds: [1, 2], absentIds: [] }, roster, '2026-11-20')).toEqual([]);
    expect(meetingRecordProblems(planned, { ...ok, presentIds: [], absentIds: [1, 2, 3, 4] }, roster, '2026-11-20')).toContain('请勾选出席人员');
  });

  it('quorum, cancellation and 会前有计划、会中有记录、会后有档案', () => {
    expect(hasQuorum('general_meeting', 10, 6)).toBe(true);
    expect(hasQuorum('general_meeting', 10, 5)).toBe(false);
    expect(hasQuorum('theme_day', 10, 1)).toBeNull();
    expect(meetingCancelProblems({ status: 'held' })).toEqual(['该会议已召开，不能取消']);
    expect(meetingCancelProblems({ status: 'planned' })).toEqual([]);
    const minutes = '记'.repeat(MEETING_MINUTES_MIN_LENGTH);
    expect(meetingDocumentation({ status: 'held', plan: '方案', minutes, attachments: 1 })).toEqual({ planned: true, recorded: true, archived: true, missing: [] });
    expect(meetingDocumentation({ status: 'held', plan: null, minutes, attachments: 0 }).missing).toEqual(['会前计划（会议方案）', '会后归档材料（照片、签到表等附件）']);
    expect(meetingDocumentation({ status: 'planned', plan: '方案', minutes: null, attachments: 0 }).missing).toEqual(['会议记录', '会后归档材料（照片、签到表等附件）']);
  });
});

describe('activities and venues', () => {
  it('an activity needs people, no future date, head counts covering the named list, an active venue', () => {
    const a = { heldOn: '2026-11-10', memberCount: 5, youthCount: 3, listedMembers: 2, listedYouth: 1 };
    expect(activityProblems(a, '2026-11-20')).toEqual([]);
    expect(activityProblems({ ...a, heldOn: '2026-12-01' }, '2026-11-20')[0]).toContain('不能晚于今天');
    expect(activityProblems({ ...a, memberCount: 0, youthCount: 0, listedMembers: 0, listedYouth: 0 }, '2026-11-20')).toEqual(['请填写参加人数']);
    expect(activityProblems({ ...a, listedMembers: 6 }, '2026-11-20')).toEqual(['名单中有6名团员，团员参加人数不能少于此数']);
    expect(activityProblems({ ...a, listedYouth: 4 }, '2026-11-20')).toEqual(['名单中有4名非团员青年，青年参加人数不能少于此数']);
    expect(activityProblems(a, '2026-11-20', { status: 'closed', name: '某青年之家' })).toEqual(['阵地“某青年之家”已停用，不能再登记活动']);
  });

  it('the three checks need their evidence; the standard needs all three', () => {
    expect(venueCheckProblems({ site: true, rules: true }, { site: '党群服务中心', rules: ' ' })).toEqual(['勾选“有规范制度”须填写佐证说明']);
    expect(venueCheckProblems({ site: false }, {})).toEqual([]);
    expect(venueStandard({ site: true, rules: true, staff: true })).toEqual({ met: true, missing: [] });
    expect(venueStandard({ site: true, rules: false, staff: false }).missing).toEqual(['有规范制度', '有运营力量']);
  });

  it('a venue is idle after rules.youthWork.venueIdleDays without activity', () => {
    const v = { status: 'active', lastActivityOn: '2026-08-22', registeredOn: '2024-01-01' };
    expect(venueIdleness(v, '2026-11-20', rules)).toEqual({ idle: true, daysWithoutActivity: 90 });
    expect(venueIdleness({ ...v, lastActivityOn: '2026-08-23' }, '2026-11-20', rules).idle).toBe(false);
    expect(venueIdleness({ ...v, lastActivityOn: '2026-08-23' }, '2026-11-20', withRules('youthWork', { venueIdleDays: 30 })).idle).toBe(true);
    expect(venueIdleness({ ...v, lastActivityOn: null, registeredOn: '2026-10-01' }, '2026-11-20', rules).idle).toBe(false);
    expect(venueIdleness({ ...v, status: 'closed' }, '2026-11-20', rules).idle).toBe(false);
  });
});

describe('volunteers', () => {
  it('age bands follow the configured member and youth ages; 35 and under is youth', () => {
    expect(volunteerAgeBand(16, rules)).toBe('minor');
    expect(volunteerAgeBand(27, rules)).toBe('member_age');
    expect(volunteerAgeBand(35, rules)).toBe('young_adult');
    expect(volunteerAgeBand(36, rules)).toBe('over_youth');
    expect(volunteerAgeBandLabels(rules)).toEqual({ minor: '18岁以下', member_age: '18—27岁', young_adult: '28—35岁', over_youth: '35岁以上' });
    const share = youthVolunteerShare(['1991-11-20', '1990-11-20', '1980-01-01', '2000-05-05'], '2026-11-20', rules);
    expect(share).toEqual({ total: 4, youth: 2, share: 0.5 });
    expect(youthVolunteerShare([], '2026-11-20', rules).share).toBeNull();
  });

  it('registration and service records: dates, a day at most, within the project', () => {
    expect(volunteerProblems({ birthDate: '2000-01-01', registeredOn: '2026-12-01' }, '2026-11-20')).toEqual(['注册日期不能晚于今天']);
    const vol = { registeredOn: '2026-03-01', name: '张三' };
    const project = { title: '七彩假期', startOn: '2026-07-01', endOn: '2026-08-31' };
    expect(serviceRecordProblems({ servedOn: '2026-07-15', minutes: 120 }, vol, project, '2026-11-20')).toEqual([]);
    expect(serviceRecordProblems({ servedOn: '2026-07-15', minutes: 1441 }, vol, null, '2026-11-20')).toEqual(['单次服务时长不能超过24小时']);
    expect(serviceRecordProblems({ servedOn: '2026-02-01', minutes: 60 }, vol, null, '2026-11-20')).toEqual(['张三于2026-03-01注册，注册前的服务不能计入']);
    expect(serviceRecordProblems({ servedOn: '2026-09-01', minutes: 60 }, vol, project, '2026-11-20')[0]).toContain('不在项目“七彩假期”的实施期间');
    expect(serviceRecordProblems({ servedOn: '2026-11-21', minutes: 60 }, vol, null, '2026-11-20')).toEqual(['服务日期不能晚于今天']);
    expect(serviceProjectProblems({ startOn: '2026-05-01', endOn: '2026-04-01' })).toEqual(['结束日期不能早于开始日期']);
    expect(hoursOf(90)).toBe(1.5);
    expect(hoursOf(100)).toBe(1.7);
  });
});

describe('青年大学习', () => {
  it('参学率, threshold and ranking with ties', () => {
    expect(studyRate(45, 60)).toBe(0.75);
    expect(studyRate(3, 0)).toBeNull();
    expect(isBelowStudyThreshold(0.59, rules)).toBe(true);
    expect(isBelowStudyThreshold(0.6, rules)).toBe(false);
    expect(isBelowStudyThreshold(0.7, withRules('youthWork', { studyRateThreshold: 0.8 }))).toBe(true);
    expect(isBelowStudyThreshold(null, rules)).toBe(false);
    // Kept rates as whole numbers (rate × 10000): below the threshold exactly when under the limit.
    for (const threshold of [0, 0.6, 0.35, 0.8333, 1]) {
      const r = withRules('youthWork', { studyRateThreshold: threshold });
      const limit = studyBelowLimit(r);
      expect(isBelowStudyThreshold((limit - 1) / 10_000, r) || limit === 0, `${threshold}`).toBe(true);
      expect(isBelowStudyThreshold(limit / 10_000, r), `${threshold}`).toBe(false);
    }
    expect(studyBelowLimit(rules)).toBe(6000);
    const ranked = rankByStudyRate([{ n: 'a', rate: 0.5 }, { n: 'b', rate: 0.9 }, { n: 'c', rate: null }, { n: 'd', rate: 0.9 }]);
    expect(ranked.map((r) => `${r.n}${r.rank}`)).toEqual(['b1', 'd1', 'a3', 'cnull']);
    expect(studyRoundProblems({ year: 2026, startOn: '2025-12-30' })).toEqual(['开始日期（2025-12-30）不在2026年内']);
  });

  it('maps the platform’s headers tolerantly and finds them under title lines', () => {
    expect(normalizeStudyHeader(' 参学人数（人）* ')).toBe('参学人数');
    expect(mapStudyHeaders(['序号', '团支部名称', '完成人数', '应学人数', '参学率'])).toEqual({ name: 1, participants: 2, base: 3 });
    expect(mapStudyHeaders(['组织名称', '参学率'])).toBeNull();
    expect(findStudyHeader([['青年大学习第10期参学情况'], ['导出时间：2026-11-20'], ['组织名称', '参学人数']])).toEqual({ row: 2, map: { name: 0, participants: 1 } });
    expect(findStudyHeader([['姓名', '年龄']])).toBeNull();
  });

  it('head counts as exported', () => {
    expect(parseHeadCount('1,234')).toEqual({ ok: true, value: 1234 });
    expect(parseHeadCount(' 56人 ')).toEqual({ ok: true, value: 56 });
    expect(parseHeadCount('12.5')).toEqual({ ok: false, reason: '“12.5”不是非负整数' });
    expect(parseHeadCount('-3').ok).toBe(false);
    expect(parseHeadCount('')).toEqual({ ok: false, reason: '为空' });
  });
});

describe('aid', () => {
  it('money is exact fen', () => {
    expect(yuanToFen('1500.5')).toBe(150050);
    expect(yuanToFen('1,500.05元')).toBe(150005);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    expect(formatFen(154270000)).toBe('1,542,700.00');
    expect(fenToWanYuan(6_713_000)).toBe('6.71');
  });

  it('amounts stay within funds raised; funds cannot drop below what is committed', () => {
    expect(beneficiaryAmountProblems(50000, { fundsRaisedFen: 100000, committedFen: 50000 })).toEqual([]);
    expect(beneficiaryAmountProblems(50001, { fundsRaisedFen: 100000, committedFen: 50000 })[0]).toContain('超出项目募集资金');
    expect(beneficiaryAmountProblems(0, { fundsRaisedFen: 100000, committedFen: 0 })).toEqual(['资助金额应大于0']);
    expect(fundsRaisedProblems(40000, 50000)).toEqual(['募集资金不能少于已安排的资助金额500.00元']);
    expect(fundsRaisedProblems(50000, 50000)).toEqual([]);
  });

  it('payment and cancellation only while approved', () => {
    expect(beneficiaryActionProblems('approved', 'pay', { on: '2026-11-20', today: '2026-11-20' })).toEqual([]);
    expect(beneficiaryActionProblems('approved', 'pay', { on: '2026-11-21', today: '2026-11-20' })).toEqual(['发放日期不能晚于今天']);
    expect(beneficiaryActionProblems('paid', 'cancel', { today: '2026-11-20' })).toEqual(['该受助人已发放，不能取消']);
    expect(beneficiaryActionProblems('cancelled', 'pay', { today: '2026-11-20' })).toEqual(['该受助人已取消，不能发放']);
  });

  it('no one twice in one program-year; the other place is named only within scope', () => {
    expect(aidDuplicateProblem('hope_project', 2026, [])).toBeNull();
    expect(aidDuplicateProblem('hope_project', 2026, [{ inScope: true, orgName: '白泥镇团委' }])).toBe('该受助人2026年已在“白泥镇团委”的希望工程项目中受助，同一项目年度不能重复资助');
    expect(aidDuplicateProblem('hope_project', 2026, [{ inScope: false, orgName: null }])).toBe('该受助人2026年已在其他地区的希望工程项目中受助，同一项目年度不能重复资助');
  });
});

describe('honors', () => {
  const on = '2026-04-20';
  const member = { name: '李团员', birthDate: '2004-05-05', memberStatus: 'active', registeredYears: [2025, 2026], appraisals: [{ year: 2025, grade: 'excellent' }] };

  it('优秀共青团员: a member in good standing — registered, appraised 优秀 or 合格', () => {
    expect(honorEligibility('excellent_member', { person: member }, { year: 2026, on }, rules)).toEqual([]);
    expect(honorEligibility('excellent_member', { person: { ...member, memberStatus: null } }, { year: 2026, on }, rules)).toEqual(['李团员不是在册团员']);
    expect(honorEligibility('excellent_member', { person: { ...member, registeredYears: [2023] } }, { year: 2026, on }, rules)).toEqual(['李团员未完成2025年或2026年团籍注册']);
    expect(honorEligibility('excellent_member', { person: { ...member, appraisals: [] } }, { year: 2026, on }, rules)).toEqual(['李团员没有2025年度团员教育评议结果']);
    expect(honorEligibility('excellent_member', { person: { ...member, appraisals: [{ year: 2025, grade: 'basically_qualified' }] } }, { year: 2026, on }, rules)).toEqual([
      '李团员2025年度教育评议为“基本合格”，须为优秀或合格',
    ]);
  });

  it('age rules of personal honors come from rules.ages', () => {
    const old = { ...member, birthDate: '1985-01-01' };
    expect(honorEligibility('outstanding_youth', { person: old }, { year: 2026, on }, rules)).toEqual(['李团员41周岁，不在青年年龄（14—35周岁）内']);
    expect(honorEligibility('excellent_pioneer', { person: { ...member, birthDate: '2015-01-01' } }, { year: 2026, on }, rules)).toEqual([]);
    expect(honorEligibility('excellent_counselor', { person: { ...member, birthDate: '2010-01-01' } }, { year: 2026, on }, rules)).toEqual(['李团员未满18周岁，不能作为少先队辅导员推荐']);
  });

  it('the nominee must be of the honor’s kind; organizations need the right type and last year’s 三会两制一课', () => {
    expect(honorEligibility('excellent_member', { org: { name: '某团支部', type: 'branch', status: 'active', complianceRate: 1 } }, { year: 2026, on }, rules)).toEqual([
      '“优秀共青团员”的推荐对象应为个人',
    ]);
    const branch = { name: '某团支部', type: 'branch', status: 'active', complianceRate: 0.9 };
    expect(honorEligibility('may4_red_flag_branch', { org: branch }, { year: 2026, on }, rules)).toEqual([]);
    expect(honorEligibility('may4_red_flag_branch', { org: { ...branch, complianceRate: 0.5 } }, { year: 2026, on }, rules)[0]).toContain('完成率50%，低于80%');
    expect(honorEligibility('may4_red_flag_committee', { org: branch }, { year: 2026, on }, rules)).toContain('“五四红旗团委”只能推荐团委，某团支部不符合');
    expect(honorEligibility('excellent_cadre', { cadre: { name: '王书记', birthDate: '1995-01-01', holdsPost: false } }, { year: 2026, on }, rules)).toEqual(['王书记目前未担任团内职务']);
  });

  it('workflow: nominate → review → public notice → award; objection during notice', () => {
    expect(nominationProblems({ status: 'nominating' }, false)).toEqual([]);
    expect(nominationProblems({ status: 'publicizing' }, true)).toEqual(['该评选已进入公示或已结束，不能再推荐', '该对象已在本次评选中被推荐']);
    expect(nominationActionProblems({ status: 'reviewed' }, { status: 'nominating' }, 'review')).toEqual(['该推荐审核通过，不能再审核']);
    expect(nominationActionProblems({ status: 'publicized' }, { status: 'publicizing' }, 'object')).toEqual([]);
    expect(nominationActionProblems({ status: 'reviewed' }, { status: 'nominating' }, 'object')).toEqual(['只有公示期内的推荐可以因异议撤销']);
    expect(publicizeProblems({ status: 'nominating' }, { nominated: 2, reviewed: 3 })).toEqual(['还有2个推荐未审核']);
    expect(publicizeProblems({ status: 'nominating' }, { nominated: 0, reviewed: 0 })).toEqual(['没有审核通过的推荐，无需公示']);
    const period = honorNoticePeriod('2026-04-20');
    expect(period).toEqual({ from: '2026-04-20', to: `2026-04-${20 + HONOR_NOTICE_DAYS - 1}` });
    expect(parseHonorNotice(`审核通过\n${honorNoticeNote(period)}`)).toEqual(period);
    expect(awardProblems({ status: 'publicizing' }, period, '2026-04-24', '2026-05-04')).toEqual(['公示期至2026-04-24，公示期满后方可授予']);
    expect(awardProblems({ status: 'publicizing' }, period, '2026-05-04', '2026-05-04')).toEqual([]);
    expect(awardProblems({ status: 'nominating' }, null, '2026-05-04', '2026-05-04')).toEqual(['请先公示审核通过的推荐']);
  });
});

describe('青年之声', () => {
  it('deadline from rules.youthWork.appealAnswerDays; overdue while open', () => {
    expect(appealDeadline('2026-11-10', rules)).toBe('2026-11-17');
    expect(appealDeadline('2026-11-10', withRules('youthWork', { appealAnswerDays: 3 }))).toBe('2026-11-13');
    expect(isAppealOverdue({ status: 'assigned', deadline: '2026-11-17' }, '2026-11-18')).toBe(true);
    expect(isAppealOverdue({ status: 'assigned', deadline: '2026-11-17' }, '2026-11-17')).toBe(false);
    expect(isAppealOverdue({ status: 'answered', deadline: '2026-11-01' }, '2026-11-18')).toBe(false);
    expect(appealDaysOverdue({ status: 'submitted', deadline: '2026-11-10' }, '2026-11-18')).toBe(8);
  });

  it('routing to an active committee chosen from the list', () => {
    expect(appealRoutingProblem({ type: 'township', status: 'active' })).toBeNull();
    expect(appealRoutingProblem({ type: 'branch', status: 'active' })).toContain('请从列表中选择');
    expect(appealRoutingProblem(null)).toContain('请从列表中选择');
  });

  it('the handling steps in order', () => {
    const open = { status: 'submitted', deadline: '2026-11-17' };
    const today = '2026-11-20';
    expect(appealActionProblems(open, 'answer', { today })).toEqual(['请先分派承办人再答复']);
    expect(appealActionProblems({ ...open, status: 'assigned' }, 'answer', { today })).toEqual([]);
    expect(appealActionProblems(open, 'close', { today })).toEqual(['尚未答复，不能办结']);
    expect(appealActionProblems({ ...open, status: 'answered' }, 'assign', { today })).toEqual(['该诉求已答复，不能再分派']);
    expect(appealActionProblems(open, 'transfer', { today, sameTarget: true })).toEqual(['转办对象与当前承办组织相同']);
    expect(appealActionProblems({ ...open, deadline: '2026-11-25' }, 'escalate', { today, hasParent: true })).toEqual(['办理时限至2026-11-25，尚未超期']);
    expect(appealActionProblems(open, 'escalate', { today, hasParent: true })).toEqual([]);
    expect(appealActionProblems(open, 'escalate', { today, hasParent: false })).toEqual(['已是您管理范围内的最高一级组织，请由上级团委督办']);
    expect(appealActionProblems(open, 'rate', { today })).toEqual(['诉求尚未答复，答复后才能评价']);
    expect(appealActionProblems({ ...open, status: 'closed', rating: 4 }, 'rate', { today })).toEqual(['您已评价过该诉求']);
    expect(appealActionProblems({ ...open, status: 'answered', rating: null }, 'rate', { today })).toEqual([]);
  });

  it('tracking codes', () => {
    const code = makeTrackingCode('2026-03-15', [0, 1, 2, 3, 30, 31]);
    expect(code).toBe('QS2603152345YZ');
    expect(isTrackingCode(code)).toBe(true);
    expect(isTrackingCode(normalizeTrackingCode(' qs-260315 2345yz '))).toBe(true);
    expect(isTrackingCode('QS2603152345Y0')).toBe(false);
  });
});

describe('attachments', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  const zipWith = (part: string) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Array.from(`....${part}document.xml`, (c) => c.charCodeAt(0))]);

  it('the type comes from the content', () => {
    expect(sniffAttachmentType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(sniffAttachmentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('png');
    expect(sniffAttachmentType(new TextEncoder().encode('%PDF-1.7'))).toBe('pdf');
    expect(sniffAttachmentType(zipWith('word/'))).toBe('docx');
    expect(sniffAttachmentType(zipWith('xl/'))).toBe('xlsx');
    expect(sniffAttachmentType(zipWith('other/'))).toBeNull();
    expect(sniffAttachmentType(new TextEncoder().encode('MZ executable'))).toBeNull();
  });

  it('size limit from rules.youthWork.attachmentMaxMb, allow-list, name consistent with content', () => {
    const mb = 1024 * 1024;
    expect(attachmentProblems({ fileName: 'a.png', size: 10 * mb, sniffed: 'png' }, rules)).toEqual([]);
    expect(attachmentProblems({ fileName: 'a.png', size: 10 * mb + 1, sniffed: 'png' }, rules)).toEqual(['文件大小10.0MB，超过上限10MB']);
    expect(attachmentProblems({ fileName: 'a.png', size: 2 * mb, sniffed: 'png' }, withRules('youthWork', { attachmentMaxMb: 1 }))[0]).toContain('超过上限1MB');
    expect(attachmentProblems({ fileName: 'a.exe', size: 10, sniffed: null }, rules)[0]).toContain('只能上传');
    expect(attachmentProblems({ fileName: '照片.pdf', size: 10, sniffed: 'png' }, rules)).toEqual(['文件内容是PNG 图片，与扩展名“.pdf”不符']);
    expect(attachmentProblems({ fileName: 'x.png', size: 0, sniffed: null }, rules)).toEqual(['文件为空']);
    expect(safeAttachmentName('..\\..//etc/passwd')).toBe('passwd');
    expect(safeAttachmentName('a<b>:c.png')).toBe('abc.png');
    expect(storedAttachmentName('签到表', 'pdf')).toBe('签到表.pdf');
  });
});
