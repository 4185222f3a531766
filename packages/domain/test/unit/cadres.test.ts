import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  analyzeStructure,
  ageBandOf,
  appraisalWeights,
  attendanceProblems,
  cadreEligibility,
  checkComposition,
  closeCampaignProblems,
  compositionPattern,
  contactProblems,
  democraticShare,
  describePattern,
  differentialMinimum,
  electionReadiness,
  electionStepProblems,
  electionStepsFor,
  liaisonCoverage,
  liaisonProblems,
  matchesFacet,
  nextElectionStep,
  noticeEnd,
  objectionProblems,
  objectionResolutionProblems,
  onDutyRate,
  percentText,
  planProblems,
  qualificationProblems,
  qualifyProblems,
  rankAndGrade,
  reserveProblems,
  reserveSummary,
  resolveRules,
  scoreProblems,
  staffingRate,
  termState,
  termYearsFor,
  trainingProblems,
  voteInputProblems,
  weightedTotal,
  candidateProblems,
  type CandidateState,
  type ElectionState,
  type PostHolder,
  type StructureCadre,
} from '@tuanjian/domain';

const rules = DEFAULT_RULES;
const ON = '2026-06-15';
const born = (age: number, on = ON) => `${Number(on.slice(0, 4)) - age}-01-01`;

describe('eligibility (资格审查)', () => {
  const base = { birthDate: born(30), politicalStatus: '01', localResident: true };
  it('accepts a 30-year-old local Party member', () => {
    expect(cadreEligibility(base, ON, rules)).toEqual({ age: 30, problems: [], needsAgeException: false });
    expect(qualificationProblems(base, ON, rules)).toEqual([]);
  });
  it('needs a special reason between cadreMax and cadreMaxSpecial, and refuses above', () => {
    const r38 = { ...base, birthDate: born(38) };
    expect(cadreEligibility(r38, ON, rules).needsAgeException).toBe(true);
    expect(qualificationProblems(r38, ON, rules)[0]).toContain('须说明特殊情况');
    expect(qualificationProblems(r38, ON, rules, '村党支部书记兼任，群众基础好')).toEqual([]);
    expect(qualificationProblems({ ...base, birthDate: born(41) }, ON, rules, '理由')[0]).toContain('超过团干部年龄上限');
  });
  it('follows the configured age caps', () => {
    const strict = resolveRules({ ages: { cadreMax: 28, cadreMaxSpecial: 30 } });
    expect(qualificationProblems({ ...base, birthDate: born(29) }, ON, strict)[0]).toContain('超过28周岁');
    expect(qualificationProblems({ ...base, birthDate: born(31) }, ON, strict, '理由')[0]).toContain('超过团干部年龄上限');
  });
  it('refuses non-residents, the politically unqualified and a 不称职 appraisal', () => {
    expect(qualificationProblems({ ...base, localResident: false }, ON, rules)).toEqual(['非本地户籍，且不在本地居住或工作']);
    expect(qualificationProblems({ ...base, politicalStatus: '13' }, ON, rules)[0]).toContain('政治面貌为群众');
    expect(qualificationProblems({ ...base, politicalStatus: '02' }, ON, rules)).toEqual([]);
    expect(qualificationProblems({ ...base, politicalStatus: '03' }, ON, rules)).toEqual([]);
    expect(qualificationProblems({ ...base, latestGrade: 'incompetent' }, ON, rules)).toEqual(['最近一次考核为“不称职”']);
  });
});

const holder = (over: Partial<PostHolder> & Pick<PostHolder, 'cadreId' | 'title'>): PostHolder => ({
  name: `干部${over.cadreId}`,
  employment: 'part_time',
  establishment: 'outside',
  birthDate: born(28),
  onDuty: true,
  ...over,
});

describe('composition (班子结构)', () => {
  const full = [
    holder({ cadreId: 1, title: 'secretary', employment: 'full_time', establishment: 'inside' }),
    holder({ cadreId: 2, title: 'deputy_secretary' }),
    holder({ cadreId: 3, title: 'organization_member', establishment: 'inside' }),
    holder({ cadreId: 4, title: 'propaganda_member' }),
    holder({ cadreId: 5, title: 'member' }),
  ];
  it('a township 1+1+3 with 60% outside the establishment passes', () => {
    const r = checkComposition('township', full, ON, rules);
    expect(r.violations).toEqual([]);
    expect(r.counts).toMatchObject({ secretaries: 1, partTimeDeputies: 1, members: 3, holders: 5, outside: 3 });
    expect(r.outsideShare).toBeCloseTo(0.6);
    expect(describePattern(r.pattern!)).toBe('书记1名、兼职副书记1名、委员3名、体制外人员不低于50%');
  });
  it('lists each departure from the pattern', () => {
    const codes = (hs: PostHolder[]) => checkComposition('township', hs, ON, rules).violations.map((v) => v.code);
    expect(codes(full.filter((h) => h.title !== 'secretary'))).toContain('no_secretary');
    expect(codes(full.map((h) => (h.cadreId === 2 ? { ...h, employment: 'full_time' as const } : h)))).toContain('deputies_short');
    expect(codes(full.filter((h) => h.cadreId !== 5))).toContain('members_short');
    expect(codes(full.map((h) => ({ ...h, establishment: h.cadreId === 2 ? ('outside' as const) : ('inside' as const) })))).toEqual(['outside_share']);
    expect(codes([...full, holder({ cadreId: 6, title: 'secretary' })])).toContain('too_many_secretaries');
  });
  it('flags ages over the caps and cadres off duty', () => {
    const r = checkComposition('township', full.map((h) => (h.cadreId === 3 ? { ...h, birthDate: born(37) } : h.cadreId === 4 ? { ...h, birthDate: born(42), onDuty: false } : h)), ON, rules);
    expect(r.violations.map((v) => [v.code, v.severity])).toEqual([
      ['over_age', 'warning'],
      ['over_age', 'error'],
      ['off_duty', 'warning'],
    ]);
  });
  it('follows the configured township pattern and asks only a secretary elsewhere', () => {
    const wide = resolveRules({ cadres: { townshipMembers: 5, outsideEstablishmentShareMin: 0.7 } });
    expect(checkComposition('township', full, ON, wide).violations.map((v) => v.code)).toEqual(['members_short', 'outside_share']);
    expect(checkComposition('branch', [holder({ cadreId: 1, title: 'secretary' })], ON, rules).violations).toEqual([]);
    expect(checkComposition('branch', [], ON, rules).violations.map((v) => v.code)).toEqual(['no_secretary']);
    expect(compositionPattern('youth_work_committee', rules)).toBeNull();
  });
});

describe('terms (任期与换届)', () => {
  it('term length by organization type, student branches every year', () => {
    expect(termYearsFor({ type: 'township' }, rules)).toBe(5);
    expect(termYearsFor({ type: 'branch' }, rules)).toBe(3);
    expect(termYearsFor({ type: 'branch', isStudentClass: true }, rules)).toBe(1);
    expect(termYearsFor({ type: 'unit_committee' }, rules)).toBe(5);
    expect(termYearsFor({ type: 'youth_work_committee' }, rules)).toBeNull();
    expect(termYearsFor({ type: 'township' }, resolveRules({ cadres: { townshipTermYears: 3 } }))).toBe(3);
  });
  it('never, current, due, overdue and long overdue (从未换届、久未换届)', () => {
    expect(termState(null, ON, rules).status).toBe('never');
    expect(termState({ startedOn: '2024-01-10', lengthYears: 5 }, ON, rules)).toEqual({ status: 'current', endsOn: '2029-01-10', yearsOverdue: 0 });
    expect(termState({ startedOn: '2021-09-01', lengthYears: 5 }, ON, rules).status).toBe('due');
    expect(termState({ startedOn: '2021-03-01', lengthYears: 5 }, ON, rules)).toEqual({ status: 'overdue', endsOn: '2026-03-01', yearsOverdue: 0 });
    expect(termState({ startedOn: '2018-03-01', lengthYears: 5 }, ON, rules)).toEqual({ status: 'long_overdue', endsOn: '2023-03-01', yearsOverdue: 3 });
    const lenient = resolveRules({ cadres: { longOverdueYears: 4 } });
    expect(termState({ startedOn: '2018-03-01', lengthYears: 5 }, ON, lenient).status).toBe('overdue');
  });
});

/* ---------------------------------------------------------------- elections */

const seats: ElectionState['seats'] = [
  { title: 'secretary', employment: 'part_time', seats: 1 },
  { title: 'deputy_secretary', employment: 'part_time', seats: 1 },
  { title: 'member', employment: 'part_time', seats: 3 },
];
const cand = (id: number, over: Partial<CandidateState> = {}): CandidateState => ({
  id,
  name: `人选${id}`,
  source: 'democratic',
  postTitle: 'member',
  qualified: null,
  objection: 'none',
  votes: null,
  elected: null,
  ...over,
});
const slate = () => [
  cand(1, { postTitle: 'secretary', source: 'organization' }),
  cand(2, { postTitle: 'deputy_secretary', source: 'organization' }),
  cand(3, { source: 'organization' }),
  cand(4),
  cand(5, { source: 'self' }),
  cand(6),
];
const state = (over: Partial<ElectionState> = {}): ElectionState => ({
  kind: 'election',
  stage: 'plan',
  status: 'in_progress',
  seats,
  noticeFrom: null,
  noticeTo: null,
  lastActedOn: '2026-05-01',
  candidates: slate(),
  ...over,
});
const input = (over: Record<string, unknown> = {}) => ({ actedOn: ON, actor: '张三', ...over });
const ctx = { today: ON };

describe('election workflow (换届选举)', () => {
  it('orders the steps; a selection has no vote', () => {
    expect(electionStepsFor('election')).toEqual(['plan', 'recommendation', 'qualification', 'party_decision', 'notice', 'vote', 'approval']);
    expect(electionStepsFor('selection')).not.toContain('vote');
    expect(nextElectionStep(state())).toBe('recommendation');
    expect(nextElectionStep(state({ kind: 'selection', stage: 'notice' }))).toBe('approval');
    expect(electionStepProblems(state(), 'qualification', input(), ctx, rules)).toContain('请先完成“人选推荐”，再办理“资格审查”');
    expect(electionStepProblems(state({ stage: 'qualification' }), 'recommendation', input(), ctx, rules)).toContain('“人选推荐”已经完成，不能重复办理');
    expect(electionStepProblems(state({ status: 'cancelled' }), 'recommendation', input(), ctx, rules)).toEqual(['该换届选举（选配）已取消']);
  });

  it('checks the plan', () => {
    expect(planProblems({ kind: 'election', orgType: 'township', seats, hasOpenElection: false })).toEqual([]);
    expect(planProblems({ kind: 'election', orgType: 'youth_work_committee', seats, hasOpenElection: true })).toEqual([
      '青年工作委员会不进行换届选举',
      '该组织已有进行中的换届选举或选配，请先完成或取消',
    ]);
    expect(planProblems({ kind: 'selection', orgType: 'branch', seats: [{ title: 'secretary', employment: 'part_time', seats: 2 }, { title: 'secretary', employment: 'full_time', seats: 1 }], hasOpenElection: false })).toEqual([
      '同一职务只能设置一行名额',
      '书记只能设1名',
    ]);
  });

  it('recommendation: 民主推荐 + 自荐 share and a candidate for every seat', () => {
    expect(democraticShare(slate())).toBeCloseTo(0.5);
    expect(electionStepProblems(state(), 'recommendation', input(), ctx, rules)).toEqual([]);
    const orgHeavy = slate().map((c) => (c.id === 4 || c.id === 6 ? { ...c, source: 'organization' as const } : c));
    expect(electionStepProblems(state({ candidates: orgHeavy }), 'recommendation', input(), ctx, rules)).toEqual([
      '推荐人选中民主推荐和个人自荐人选占16.7%，低于40%',
    ]);
    const strict = resolveRules({ cadres: { democraticShareMin: 0.6 } });
    expect(electionStepProblems(state(), 'recommendation', input(), ctx, strict)[0]).toContain('低于60%');
    expect(electionStepProblems(state({ candidates: slate().filter((c) => c.postTitle !== 'deputy_secretary') }), 'recommendation', input(), ctx, rules)).toContain(
      '副书记应有1名，人选只有0名',
    );
    expect(candidateProblems(state({ stage: 'recommendation' }), { postTitle: 'member', alreadyCandidate: false, cadreName: '甲' })).toEqual(['人选推荐已结束，不能再增加人选']);
    expect(candidateProblems(state(), { postTitle: 'propaganda_member', alreadyCandidate: true, cadreName: '甲' })).toEqual([
      '方案中没有“宣传委员”职务',
      '甲已是“宣传委员”人选',
    ]);
  });

  it('qualification: each candidate decided, checks applied, 差额 on the standing list', () => {
    const s = state({ stage: 'recommendation' });
    expect(qualifyProblems(s, { qualified: true, eligibility: ['政治面貌为群众'] })).toEqual(['政治面貌为群众']);
    expect(qualifyProblems(s, { qualified: false, note: ' ', eligibility: [] })).toEqual(['不符合资格的，请填写理由']);
    expect(qualifyProblems(state(), { qualified: true, eligibility: [] })).toEqual(['请先结束人选推荐，再进行资格审查']);
    expect(electionStepProblems(s, 'qualification', input(), ctx, rules)[0]).toContain('还有6名人选未完成资格审查');
    const decided = slate().map((c) => ({ ...c, qualified: c.id !== 6 }));
    expect(electionStepProblems({ ...s, candidates: decided }, 'qualification', input(), ctx, rules)).toEqual([
      '差额选举：应选5名，候选人应不少于6名（差额不少于20%），现有5名',
    ]);
    expect(differentialMinimum(5)).toBe(6);
    expect(differentialMinimum(11)).toBe(14);
    expect(electionStepProblems({ ...s, candidates: slate().map((c) => ({ ...c, qualified: true })) }, 'qualification', input(), ctx, rules)).toEqual([]);
  });

  it('public notice: the configured days, objections recorded and resolved', () => {
    expect(noticeEnd('2026-06-01', rules)).toBe('2026-06-05');
    expect(noticeEnd('2026-06-01', resolveRules({ cadres: { publicNoticeDays: 7 } }))).toBe('2026-06-07');
    const qualified = slate().map((c) => ({ ...c, qualified: true }));
    const decided = state({ stage: 'party_decision', candidates: qualified, lastActedOn: '2026-06-01' });
    expect(electionStepProblems(decided, 'notice', input({ noticeFrom: '2026-05-30' }), ctx, rules)).toEqual(['公示不能早于党委研究（2026-06-01）']);
    expect(electionStepProblems(decided, 'notice', input({}), ctx, rules)).toEqual(['请填写公示开始日期']);
    const noticed = state({ stage: 'notice', candidates: qualified, noticeFrom: '2026-06-02', noticeTo: '2026-06-06', lastActedOn: '2026-06-02' });
    expect(objectionProblems(noticed, '2026-06-04', ON)).toEqual([]);
    expect(objectionProblems(noticed, '2026-06-08', ON)).toEqual(['异议须在公示期内（2026-06-02至2026-06-06）提出']);
    expect(objectionProblems(state(), '2026-06-04', ON)).toEqual(['只能在公示期间登记异议']);
    expect(objectionResolutionProblems(noticed, noticed.candidates[0]!)).toEqual(['人选1没有待核实的异议']);
    const objected = { ...noticed, candidates: qualified.map((c) => (c.id === 4 ? { ...c, objection: 'pending' as const } : c)) };
    expect(electionStepProblems(objected, 'vote', input(), ctx, rules)).toContain('公示异议尚未核实处理（人选4）');
    const early = { ...noticed, noticeTo: '2026-06-20' };
    expect(electionStepProblems(early, 'vote', input(), ctx, rules)).toContain('公示期至2026-06-20，期满后方可选举');
    expect(electionReadiness(early, ON, rules)).toMatchObject({ step: 'vote', earliestOn: '2026-06-21' });
    const upheld = { ...noticed, candidates: qualified.map((c) => (c.id === 4 ? { ...c, objection: 'upheld' as const } : c)) };
    expect(electionStepProblems(upheld, 'vote', input(), ctx, rules)).toContain('差额选举：应选5名，候选人应不少于6名（差额不少于20%），现有5名');
  });

  const voting = () => state({ stage: 'notice', candidates: slate().map((c) => ({ ...c, qualified: true })), noticeFrom: '2026-06-01', noticeTo: '2026-06-05', lastActedOn: '2026-06-01' });
  const ballots = (votes: Record<number, number>, over: Record<string, unknown> = {}) =>
    input({ entitled: 50, present: 45, ballotsIssued: 45, ballotsReturned: 45, invalidBallots: 1, votes, ...over });

  it('vote: quorum, ballots, more than half of those present, seats by votes', () => {
    const s = voting();
    const r = voteInputProblems(s, ballots({ 1: 44, 2: 40, 3: 40, 4: 35, 5: 30, 6: 20 }));
    expect(r.problems).toEqual([]);
    expect(r.elected.sort()).toEqual([1, 2, 3, 4, 5]);
    const half = voteInputProblems(s, ballots({ 1: 44, 2: 40, 3: 40, 4: 35, 5: 22, 6: 20 }));
    expect(half.elected).not.toContain(5);
    expect(half.shortfalls).toEqual([{ title: 'member', seats: 3, elected: 2 }]);
    expect(electionStepProblems(s, 'vote', ballots({ 1: 44, 2: 40, 3: 40, 4: 35, 5: 30, 6: 20 }, { present: 40 }), ctx, rules)).toContain(
      '实到会有选举权的人数须超过应到会人数的五分之四（应到50人，实到40人）',
    );
    expect(voteInputProblems(s, ballots({ 1: 44, 2: 40, 3: 40, 4: 35, 5: 30, 6: 20 }, { ballotsReturned: 46 })).problems).toContain('收回选票多于发出选票，选举无效，应重新选举');
    expect(voteInputProblems(s, ballots({ 1: 45, 2: 40, 3: 40, 4: 35, 5: 30, 6: 20 })).problems).toEqual(['人选1得票45张，多于有效选票44张']);
    expect(voteInputProblems(s, ballots({ 1: 44, 2: 40, 3: 40, 4: 35, 5: 30 })).problems).toEqual(['请填写人选6的得票数']);
    expect(voteInputProblems(s, ballots({ 1: 44, 2: 40, 3: 40, 4: 35, 5: 30, 6: 20, 9: 3 })).problems).toEqual(['编号9的人选不是正式候选人']);
    expect(voteInputProblems(s, ballots({ 1: 44, 2: 40, 3: 40, 4: 30, 5: 30, 6: 30 })).problems).toEqual([
      '委员：人选4、人选5、人选6得票相等（30票），应就票数相等的候选人再次投票',
    ]);
  });

  it('approval by a higher committee; a selection appoints exactly the seats', () => {
    const voted = state({ stage: 'vote', lastActedOn: '2026-06-10', candidates: slate().map((c) => ({ ...c, qualified: true, votes: 40, elected: c.id !== 6 })) });
    expect(electionStepProblems(voted, 'approval', input(), { today: ON, approverIsHigher: true }, rules)).toEqual([]);
    expect(electionStepProblems(voted, 'approval', input(), { today: ON, approverIsHigher: false }, rules)).toEqual(['须由上级团委审批，本组织不能自行批准']);
    const none = { ...voted, candidates: voted.candidates.map((c) => ({ ...c, elected: false })) };
    expect(electionStepProblems(none, 'approval', input(), { today: ON, approverIsHigher: true }, rules)).toEqual(['选举没有产生当选人，不能报批']);
    expect(electionStepProblems(voted, 'approval', input({ actedOn: '2026-06-09' }), { today: ON, approverIsHigher: true }, rules)).toEqual(['办理日期不能早于上一步（2026-06-10）']);
    expect(electionStepProblems(voted, 'approval', input({ actedOn: '2026-06-16' }), { today: ON, approverIsHigher: true }, rules)).toEqual(['办理日期不能晚于今天']);

    const sel: ElectionState = state({ kind: 'selection', stage: 'recommendation', seats: [{ title: 'member', employment: 'part_time', seats: 1 }], candidates: [cand(1, { qualified: true }), cand(2, { qualified: true, source: 'self' })] });
    expect(electionStepProblems(sel, 'qualification', input(), ctx, rules)[0]).toContain('选配委员1名，符合资格的拟任人选有2名');
    const one = { ...sel, candidates: [cand(1, { qualified: true }), cand(2, { qualified: false, source: 'self' })] };
    expect(electionStepProblems(one, 'qualification', input(), ctx, rules)).toEqual([]);
    const selNotice = { ...one, stage: 'notice' as const, noticeFrom: '2026-06-01', noticeTo: '2026-06-05' };
    expect(electionStepProblems(selNotice, 'vote', input(), ctx, rules)).toEqual(['选配没有“选举大会投票”这一步']);
    expect(electionStepProblems(selNotice, 'approval', input(), { today: ON, approverIsHigher: true }, rules)).toEqual([]);
    expect(electionStepProblems({ ...selNotice, noticeTo: '2026-06-15' }, 'approval', input(), { today: ON, approverIsHigher: true }, rules)).toEqual([
      '公示期至2026-06-15，期满后方可报批',
    ]);
  });
});

/* ---------------------------------------------------------------- structure */

/** 港区's 60 new part-time cadres (2011 report): average age 27.3, 28 members (46.7%), 56 college or above (93.3%), 18 men (30%), 15 civil servants (25%). */
function gangqu(): StructureCadre[] {
  const on = '2011-08-20';
  const list: StructureCadre[] = [];
  for (let i = 0; i < 60; i++) {
    list.push({
      birthDate: born(i < 42 ? 27 : 28, on),
      gender: i < 18 ? 'male' : 'female',
      education: i < 2 ? '10' : i < 25 ? '20' : i < 56 ? '30' : '60',
      politicalStatus: i < 28 ? '03' : i < 50 ? '01' : '13',
      establishment: i < 15 ? 'inside' : 'outside',
      civilServant: i < 15,
    });
  }
  return list;
}

describe('rates and structure (配备率、在岗率、队伍结构)', () => {
  it('reproduces 港区', () => {
    const s = analyzeStructure(gangqu(), '2011-08-20', rules);
    expect(s.total).toBe(60);
    expect(s.averageAge).toBe(27.3);
    expect([s.leagueMembers.count, percentText(s.leagueMembers.share)]).toEqual([28, '46.7%']);
    expect([s.collegeOrAbove.count, percentText(s.collegeOrAbove.share)]).toEqual([56, '93.3%']);
    expect(s.education.map((e) => e.count)).toEqual([2, 23, 31, 4, 0]);
    expect([s.male.count, percentText(s.male.share)]).toEqual([18, '30%']);
    expect([s.civilServants.count, percentText(s.civilServants.share)]).toEqual([15, '25%']);
    expect(s.ageBands.map((b) => [b.label, b.count])).toEqual([
      ['28岁及以下', 60],
      ['29—35岁', 0],
      ['36—40岁', 0],
      ['41岁及以上', 0],
    ]);
  });
  it('reproduces 来宾 (34 village secretaries: average 32, 29 Party members 85.29%, 5 members 14.71%)', () => {
    const on = '2023-11-10';
    const list: StructureCadre[] = Array.from({ length: 34 }, (_, i) => ({
      birthDate: born(i % 2 ? 30 : 34, on),
      gender: 'male',
      education: '30',
      politicalStatus: i < 27 ? '01' : i < 29 ? '02' : '03',
      establishment: 'outside',
      civilServant: false,
    }));
    const s = analyzeStructure(list, on, rules);
    expect(s.averageAge).toBe(32);
    expect([s.partyMembers.count, percentText(s.partyMembers.share, 2)]).toEqual([29, '85.29%']);
    expect([s.leagueMembers.count, percentText(s.leagueMembers.share, 2)]).toEqual([5, '14.71%']);
  });
  it('reproduces 富蕴 (75 villages + 11 communities at 100%) and computes rates over their lists', () => {
    expect(percentText(staffingRate(Array.from({ length: 86 }, () => ({ hasSecretary: true }))).rate)).toBe('100%');
    expect(staffingRate([{ hasSecretary: true }, { hasSecretary: false }, { hasSecretary: true }, { hasSecretary: true }])).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
    expect(onDutyRate([{ onDuty: true }, { onDuty: false }])).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(staffingRate([]).rate).toBeNull();
    expect(percentText(null)).toBe('—');
  });
  it('the facets select exactly the records behind each figure', () => {
    const list = gangqu();
    const on = '2011-08-20';
    const count = (f: Parameters<typeof matchesFacet>[1]) => list.filter((c) => matchesFacet(c, f, on, rules)).length;
    expect(count({ politicalGroup: 'league' })).toBe(28);
    expect(count({ collegeOrAbove: true })).toBe(56);
    expect(count({ gender: 'male' })).toBe(18);
    expect(count({ civilServant: true })).toBe(15);
    expect(count({ ageBand: 'member_age', educationGroup: 'bachelor' })).toBe(23);
    expect(ageBandOf(29, rules)).toBe('cadre_age');
    expect(ageBandOf(36, rules)).toBe('special_age');
    expect(ageBandOf(41, rules)).toBe('over_age');
  });
});

/* ---------------------------------------------------------------- appraisal */

describe('appraisal (述职评议)', () => {
  it('weights from the rules (团内述职 + 党政评价 + 青年参评)', () => {
    expect(appraisalWeights(rules)).toEqual({ inner: 0.4, party: 0.3, youth: 0.3 });
    expect(appraisalWeights(resolveRules({ cadres: { appraisalWeightInner: 0.5, appraisalWeightParty: 0.25, appraisalWeightYouth: 0.25 } }))).toEqual({ inner: 0.5, party: 0.25, youth: 0.25 });
    expect(appraisalWeights(resolveRules({ cadres: { appraisalWeightInner: 0, appraisalWeightParty: 0, appraisalWeightYouth: 0 } }))).toBeNull();
    const w = appraisalWeights(rules)!;
    expect(weightedTotal({ inner: 90, party: 80, youth: 70 }, w)).toBe(81);
    expect(weightedTotal({ inner: 91, party: 84, youth: 77 }, w)).toBe(84.7);
    expect(weightedTotal({ inner: 90, party: null, youth: 70 }, w)).toBeNull();
  });
  it('ranks with shared ranks and grades with the 优秀 share', () => {
    const entries = [95, 93, 93, 88, 76, 61, 55, 92, 80, 79].map((total, i) => ({ id: i, total }));
    const ranked = rankAndGrade(entries);
    expect(ranked.map((r) => [r.total, r.rank, r.grade])).toEqual([
      [95, 1, 'excellent'],
      [93, 2, 'excellent'],
      [93, 2, 'excellent'],
      [92, 4, 'competent'],
      [88, 5, 'competent'],
      [80, 6, 'competent'],
      [79, 7, 'competent'],
      [76, 8, 'competent'],
      [61, 9, 'basic'],
      [55, 10, 'incompetent'],
    ]);
    expect(rankAndGrade([{ total: 91 }])[0]!.grade).toBe('excellent');
  });
  it('refuses scores out of range, after closing, and closing with missing scores', () => {
    expect(scoreProblems('open', { inner: 101, party: 50, youth: null })).toEqual(['团内述职得分应为0—100的整数']);
    expect(scoreProblems('closed', { inner: 80, party: 80, youth: 80 })).toEqual(['考核已完成，不能再修改评分']);
    expect(closeCampaignProblems('open', [{ name: '甲', total: 80 }, { name: '乙', total: null }])).toEqual(['还有1人评分不全（乙）']);
    expect(closeCampaignProblems('open', [])).toEqual(['没有考核对象']);
  });
});

describe('training, reserve talent, liaisons', () => {
  it('training courses and attendance hours', () => {
    expect(trainingProblems({ startOn: '2026-05-02', endOn: '2026-05-01', hours: 0 })).toEqual(['结束日期不能早于开始日期', '学时应为正整数']);
    expect(attendanceProblems({ startOn: '2026-05-01', hours: 24 }, 30, ON)).toEqual(['参训学时不能超过培训总学时（24学时）']);
    expect(attendanceProblems({ startOn: '2026-07-01', hours: 24 }, 8, ON)).toEqual(['培训尚未开始，不能登记参训']);
    expect(attendanceProblems({ startOn: '2026-05-01', hours: 24 }, 8, ON)).toEqual([]);
  });
  it('reserve pool counts as 来宾 does', () => {
    const pool = [
      { birthDate: born(25), politicalStatus: '03', memberStatus: 'active', isCurrentCadre: false },
      { birthDate: born(27), politicalStatus: '01', memberStatus: null, isCurrentCadre: true },
      { birthDate: born(27), politicalStatus: '13', memberStatus: null, isCurrentCadre: false },
      { birthDate: born(33), politicalStatus: '02', memberStatus: null, isCurrentCadre: false },
    ];
    expect(reserveSummary(pool, ON, rules)).toEqual({ total: 4, youth: 4, memberAge: 3, memberAgeMembers: 2, partyMembers: 2, leagueMembers: 1, currentCadres: 1 });
    const p = { name: '甲', birthDate: born(36), registryStatus: 'active', alreadyInPool: true, recommendedOn: ON };
    expect(reserveProblems(p, ON, rules)).toEqual(['甲已在后备人才库中', '甲推荐时36周岁，超过青年年龄上限35周岁']);
  });
  it('liaisons need a branch or a young person, contacts within the period; coverage', () => {
    const base = { targetOrg: { type: 'branch' as const, status: 'active' }, hasTargetPerson: false, since: ON, today: ON, duplicate: false };
    expect(liaisonProblems(base)).toEqual([]);
    expect(liaisonProblems({ ...base, targetOrg: null })).toEqual(['请指定联系的团支部或青年']);
    expect(liaisonProblems({ ...base, targetOrg: { type: 'township', status: 'active' }, duplicate: true })).toEqual(['联系的组织应为团支部', '该同志已在联系这一对象']);
    expect(contactProblems({ since: '2026-01-01', until: '2026-03-01' }, '2026-04-01', ON)).toEqual(['该联系已于2026-03-01结束']);
    expect(contactProblems({ since: '2026-01-01', until: null }, '2025-12-01', ON)).toEqual(['联系日期不能早于建立联系的日期（2026-01-01）']);
    expect(liaisonCoverage([{ covered: true }, { covered: false }, { covered: true }, { covered: true }])).toEqual({ covered: 3, total: 4, rate: 0.75 });
  });
});
