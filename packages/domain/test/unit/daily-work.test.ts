import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  DEFAULT_STAR_CRITERIA,
  branchSizeProblem,
  confirmProblems,
  countyPlainName,
  criteriaProblems,
  currentGraduationYear,
  defaultDuesProfile,
  duesPeriodsBetween,
  duesProfileProblems,
  escalationLevels,
  escalationTarget,
  fenToYuan,
  graduateState,
  graduateTransferProblems,
  graduationYearProblems,
  idCardCheckChar,
  issueProblems,
  memberRecordProblems,
  memberUsername,
  monthlyDuesFen,
  needsSecretary,
  orgNameProblem,
  yuanToFen,
  paymentProblems,
  phonesMatch,
  ratingYearProblem,
  rectificationStatusOn,
  remittanceDueFen,
  remittanceProblems,
  resetCodeExpiry,
  resetCodeProblem,
  resolveRules,
  shareOfFen,
  starActorProblem,
  starEntryActionProblem,
  starScoreProblems,
  suggestedGrade,
  tempGraduateBranchName,
  transferDueOn,
  wrongCodeMessage,
  type PaymentFacts,
} from '../../src/index.js';

const rules = DEFAULT_RULES;

describe('dues amounts in integer fen', () => {
  it('takes a share of an amount exactly, rounding half up to a fen', () => {
    expect(shareOfFen(300_000, 0.005)).toBe(1500);
    expect(shareOfFen(12_345, 0.005)).toBe(62); // 61.725 fen
    expect(shareOfFen(45, 0.5)).toBe(23); // 22.5 fen
    expect(shareOfFen(100, 0.07)).toBe(7); // 0.07 × 100 is 7.000000000000001 in floating point
    expect(shareOfFen(0, 0.5)).toBe(0);
    expect(shareOfFen(9_999_999_999, 0.005)).toBe(50_000_000);
    expect(() => shareOfFen(10.5, 0.5)).toThrow();
  });

  it('reads yuan as typed or from a spreadsheet without floating point, and writes fen as yuan', () => {
    expect(yuanToFen('0.2')).toBe(20);
    expect(yuanToFen('0.20')).toBe(20);
    expect(yuanToFen('12.34')).toBe(1234);
    expect(yuanToFen(12.3)).toBe(1230);
    expect(yuanToFen('¥5元')).toBe(500);
    expect(yuanToFen('1,000.5')).toBe(100_050);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-1')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    expect(fenToYuan(20)).toBe('0.20');
    expect(fenToYuan(1234)).toBe('12.34');
    expect(fenToYuan(100_000)).toBe('1000.00');
  });

  it('lists dues months across a year end', () => {
    expect(duesPeriodsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(duesPeriodsBetween('2026-03', '2026-02')).toEqual([]);
  });

  it('charges students and members without income the flat amount, employed members a share of income, exempt members nothing', () => {
    expect(monthlyDuesFen(defaultDuesProfile(true), rules)).toMatchObject({ dueFen: 20, exempt: false });
    expect(defaultDuesProfile(false).category).toBe('no_income');
    expect(monthlyDuesFen({ category: 'no_income', monthlyIncomeFen: null, exemptReason: null }, rules).dueFen).toBe(20);
    const employed = monthlyDuesFen({ category: 'employed', monthlyIncomeFen: 523_456, exemptReason: null }, rules);
    expect(employed).toMatchObject({ dueFen: 2617, exempt: false });
    expect(employed.basis).toContain('5234.56元');
    expect(monthlyDuesFen({ category: 'employed', monthlyIncomeFen: 523_456, exemptReason: '长期患病' }, rules)).toMatchObject({ dueFen: 0, exempt: true });
    const custom = resolveRules({ dues: { flatMonthlyFen: 50, incomeShare: 0.01, remitShare: 0.4 } });
    expect(monthlyDuesFen(defaultDuesProfile(true), custom).dueFen).toBe(50);
    expect(monthlyDuesFen({ category: 'employed', monthlyIncomeFen: 400_000, exemptReason: null }, custom).dueFen).toBe(4000);
    expect(remittanceDueFen(1001, custom)).toBe(400);
    expect(remittanceDueFen(1001, rules)).toBe(501);
  });

  it('checks a dues profile', () => {
    expect(duesProfileProblems({ category: 'employed', monthlyIncomeFen: null, exemptReason: null })).toEqual(['在职团员须填写月收入（分，整数，大于0）']);
    expect(duesProfileProblems({ category: 'student', monthlyIncomeFen: 100, exemptReason: null })[0]).toContain('不填写月收入');
    expect(duesProfileProblems({ category: 'no_income', monthlyIncomeFen: null, exemptReason: '病' })).toEqual(['免交团费须注明原因（至少2个字）']);
    expect(duesProfileProblems({ category: 'employed', monthlyIncomeFen: 300_000, exemptReason: '家庭困难' })).toEqual([]);
  });

  const payment = (over: Partial<PaymentFacts> = {}): PaymentFacts => ({
    name: '张三',
    period: '2026-03',
    paidOn: '2026-03-10',
    method: 'cash',
    receiptNo: null,
    amountFen: 20,
    dueFen: 20,
    exempt: false,
    memberStatus: 'active',
    joinedOn: '2020-05-04',
    today: '2026-06-01',
    ...over,
  });

  it('accepts a payment of the standard or more, and refuses each irregular one with its reason', () => {
    expect(paymentProblems(payment())).toEqual([]);
    expect(paymentProblems(payment({ amountFen: 100 }))).toEqual([]);
    expect(paymentProblems(payment({ period: '2026-12' }))).toEqual([]);
    expect(paymentProblems(payment({ memberStatus: 'left' }))).toEqual(['张三：不是在册团员，不能登记团费']);
    expect(paymentProblems(payment({ period: '2026-13' }))).toEqual(['张三：所属月份格式应为YYYY-MM']);
    expect(paymentProblems(payment({ period: '2027-01' }))).toEqual(['张三：2027年1月尚未到来，最多预交到本年12月']);
    expect(paymentProblems(payment({ joinedOn: '2026-04-04' }))).toEqual(['张三：2026年3月尚未入团（入团日期2026-04-04），无需交纳']);
    expect(paymentProblems(payment({ paidOn: '2026-06-02' }))).toEqual(['张三：交纳日期不能晚于今天']);
    expect(paymentProblems(payment({ exempt: true, dueFen: 0 }))).toEqual(['张三：已免交团费，无需登记']);
    expect(paymentProblems(payment({ amountFen: 19 }))).toEqual(['张三：金额不足：2026年3月应交0.20元，登记的是0.19元']);
    expect(paymentProblems(payment({ amountFen: 0 }))).toEqual(['张三：金额应为大于0的整数（分）']);
    expect(paymentProblems(payment({ amountFen: 20.5 }))).toEqual(['张三：金额应为大于0的整数（分）']);
    expect(paymentProblems(payment({ method: 'online' }))).toEqual(['张三：线上缴纳须填写电子回单号']);
    expect(paymentProblems(payment({ method: 'online', receiptNo: 'WX1' }))).toEqual([]);
  });

  it('refuses a remittance that is not the configured share of what was collected', () => {
    const ok = { periodFrom: '2026-01', periodTo: '2026-03', amountFen: 501, expectedFen: 501, alreadyRemitted: [], remittedOn: '2026-04-10', today: '2026-04-20', isBranch: true };
    expect(remittanceProblems(ok)).toEqual([]);
    expect(remittanceProblems({ ...ok, amountFen: 500 })).toEqual(['上缴金额应为所选月份收缴额的规定比例：5.01元']);
    expect(remittanceProblems({ ...ok, isBranch: false })).toContain('团费上缴由团支部办理，请选择团支部');
    expect(remittanceProblems({ ...ok, periodFrom: '2026-04' })).toContain('开始月份不能晚于结束月份');
    expect(remittanceProblems({ ...ok, periodTo: '2026-05' })).toContain('不能上缴尚未到来的月份');
    expect(remittanceProblems({ ...ok, remittedOn: '2026-04-21' })).toContain('上缴日期不能晚于今天');
    expect(remittanceProblems({ ...ok, alreadyRemitted: ['2026-01', '2026-02'] })).toContain('2026年1月、2026年2月已上缴，不能重复上缴');
    expect(remittanceProblems({ ...ok, expectedFen: 0, amountFen: 0 })).toEqual(['所选月份没有收缴团费，无需上缴']);
  });
});

describe('star rating', () => {
  const criteria = [...DEFAULT_STAR_CRITERIA];

  it('checks criteria and scores', () => {
    expect(criteriaProblems(criteria)).toEqual([]);
    expect(criteriaProblems([])).toEqual(['至少设置一项评分标准']);
    expect(criteriaProblems([{ key: 'a', label: '甲', max: 10 }, { key: 'a', label: '乙', max: 0 }])).toEqual(['评分项代码“a”重复', '评分项“乙”的满分应为1至100的整数']);
    expect(criteriaProblems([{ key: 'A-1', label: '甲', max: 10 }])[0]).toContain('小写英文字母开头');
    const full = Object.fromEntries(criteria.map((c) => [c.key, 15]));
    expect(starScoreProblems(criteria, full)).toEqual([]);
    expect(starScoreProblems(criteria, { ...full, team: 21 })).toEqual(['“队伍建设”的得分应为0至20的整数']);
    expect(starScoreProblems(criteria, { ...full, team: 1.5 })).toEqual(['“队伍建设”的得分应为0至20的整数']);
    const { records: _r, ...missing } = full;
    expect(starScoreProblems(criteria, missing)).toEqual(['请为“基础台账”评分']);
    expect(starScoreProblems(criteria, { ...full, extra: 3 })).toEqual(['评分项“extra”不在本次定级的评分标准中']);
  });

  it('grades by share of the maximum total at the thresholds', () => {
    expect(suggestedGrade(90, 100)).toBe('five');
    expect(suggestedGrade(89, 100)).toBe('four');
    expect(suggestedGrade(80, 100)).toBe('four');
    expect(suggestedGrade(79, 100)).toBe('three');
    expect(suggestedGrade(60, 100)).toBe('three');
    expect(suggestedGrade(59, 100)).toBe('weak');
    expect(suggestedGrade(45, 50)).toBe('five');
    expect(suggestedGrade(0, 0)).toBe('weak');
    expect(suggestedGrade(70, 100, { five: 0.95, four: 0.85, three: 0.7 })).toBe('three');
  });

  it('moves pending → self-assessed → reviewed → confirmed, each step by its side', () => {
    expect(starEntryActionProblem('pending', 'self_assess', 'open')).toBeNull();
    expect(starEntryActionProblem('self_assessed', 'self_assess', 'open')).toBeNull();
    expect(starEntryActionProblem('reviewed', 'self_assess', 'open')).toBe('该支部已审核，待定级，不能再自评');
    expect(starEntryActionProblem('pending', 'review', 'open')).toBe('该支部尚未自评，不能审核');
    expect(starEntryActionProblem('self_assessed', 'review', 'open')).toBeNull();
    expect(starEntryActionProblem('confirmed', 'review', 'open')).toBe('该支部已定级，不能再审核');
    expect(starEntryActionProblem('self_assessed', 'confirm', 'open')).toBe('须经上级团委审核后才能定级');
    expect(starEntryActionProblem('reviewed', 'confirm', 'open')).toBeNull();
    expect(starEntryActionProblem('confirmed', 'confirm', 'open')).toBe('该支部已定级');
    expect(starEntryActionProblem('reviewed', 'confirm', 'closed')).toBe('本次定级已结束，不能再修改');
    expect(starActorProblem('review', { callerIsBranchItself: true, callerHoldsRatingOrg: false })).toContain('团支部不能审核自己的自评');
    expect(starActorProblem('confirm', { callerIsBranchItself: false, callerHoldsRatingOrg: false })).toBe('定级由开展本次定级的团委确定');
    expect(starActorProblem('confirm', { callerIsBranchItself: false, callerHoldsRatingOrg: true })).toBeNull();
    expect(starActorProblem('self_assess', { callerIsBranchItself: true, callerHoldsRatingOrg: false })).toBeNull();
  });

  it('requires a rectification task with a future deadline for a weak branch, and only for it', () => {
    const task = { requirement: '补齐支部委员，按月开展组织生活', deadline: '2026-09-01' };
    expect(confirmProblems('weak', null, '2026-06-01')).toEqual(['确定为软弱涣散团支部须同时下达整改任务（整改要求和期限）']);
    expect(confirmProblems('weak', task, '2026-06-01')).toEqual([]);
    expect(confirmProblems('weak', { ...task, deadline: '2026-06-01' }, '2026-06-01')).toEqual(['整改期限须晚于今天']);
    expect(confirmProblems('weak', { ...task, requirement: '整改' }, '2026-06-01')).toEqual(['整改要求至少4个字']);
    expect(confirmProblems('four', task, '2026-06-01')).toEqual(['只有软弱涣散团支部需要下达整改任务']);
    expect(confirmProblems('five', null, '2026-06-01')).toEqual([]);
    expect(rectificationStatusOn({ status: 'open', deadline: '2026-06-01', doneOn: null }, '2026-06-01')).toBe('open');
    expect(rectificationStatusOn({ status: 'open', deadline: '2026-06-01', doneOn: null }, '2026-06-02')).toBe('overdue');
    expect(rectificationStatusOn({ status: 'done', deadline: '2026-06-01', doneOn: '2026-07-01' }, '2026-08-01')).toBe('done');
    expect(ratingYearProblem(2027, '2026-06-01')).toBe('2027年度尚未开始');
    expect(ratingYearProblem(2024, '2026-06-01')).toBe('只能开展本年度或上一年度的定级');
    expect(ratingYearProblem(2025, '2026-06-01')).toBeNull();
  });
});

describe('transfer deadlines and graduates', () => {
  it('sets due dates from the rules', () => {
    expect(transferDueOn('regular', '2026-01-01', rules)).toBe('2026-01-31');
    expect(transferDueOn('graduate', '2026-07-01', rules)).toBe('2026-08-30');
    const custom = resolveRules({ dailyWork: { transferDueDays: 10, graduateTransferDueDays: 20 } });
    expect(transferDueOn('regular', '2026-01-01', custom)).toBe('2026-01-11');
  });

  it('escalates one level the day after the due date and one more after every further period, never above the root', () => {
    expect(escalationLevels('2026-03-01', '2026-03-01', 30)).toBe(0);
    expect(escalationLevels('2026-03-01', '2026-02-01', 30)).toBe(0);
    expect(escalationLevels('2026-03-01', '2026-03-02', 30)).toBe(1);
    expect(escalationLevels('2026-03-01', '2026-03-31', 30)).toBe(1);
    expect(escalationLevels('2026-03-01', '2026-04-01', 30)).toBe(2);
    const path = [1, 12, 305]; // county, township, branch
    expect(escalationTarget(path, 0)).toBeNull();
    expect(escalationTarget(path, 1)).toBe(12);
    expect(escalationTarget(path, 2)).toBe(1);
    expect(escalationTarget(path, 7)).toBe(1);
    expect(escalationTarget([1], 1)).toBeNull();
  });

  it('names the temporary branch after the county and knows the graduation year of the season', () => {
    expect(countyPlainName('共青团余庆县委员会')).toBe('余庆县');
    expect(tempGraduateBranchName('共青团余庆县委员会')).toBe('余庆县毕业生临时团支部');
    expect(currentGraduationYear('2026-06-01')).toBe(2026);
    expect(currentGraduationYear('2026-05-31')).toBe(2025);
    expect(currentGraduationYear('2026-11-27')).toBe(2026);
  });

  it('tells where a graduate stands', () => {
    const t = { status: 'pending' as const, toTemp: false, requestedOn: '2026-07-01', decidedOn: null, dueOn: '2026-08-30', escalatedOn: null };
    expect(graduateState(null, 2026, '2026-07-10', rules)).toBe('not_started');
    expect(graduateState(null, 2026, '2026-09-01', rules)).toBe('lost'); // 60 days after 30 June
    expect(graduateState(t, 2026, '2026-08-30', rules)).toBe('pending');
    expect(graduateState(t, 2026, '2026-08-31', rules)).toBe('escalated');
    expect(graduateState({ ...t, escalatedOn: '2026-08-31' }, 2026, '2026-08-31', rules)).toBe('escalated');
    expect(graduateState({ ...t, status: 'accepted', decidedOn: '2026-07-20' }, 2026, '2026-12-01', rules)).toBe('transferred');
    expect(graduateState({ ...t, status: 'accepted', toTemp: true, decidedOn: '2026-07-20' }, 2026, '2026-08-01', rules)).toBe('held');
    expect(graduateState({ ...t, status: 'accepted', toTemp: true, decidedOn: '2026-07-20' }, 2026, '2026-09-19', rules)).toBe('lost');
    expect(graduateState({ ...t, status: 'rejected' }, 2026, '2026-08-01', rules)).toBe('not_started');
    expect(graduateState({ ...t, status: 'cancelled' }, 2026, '2026-10-01', rules)).toBe('lost');
  });

  it('refuses graduate transfers outside graduating classes and graduation years on other organizations', () => {
    const base = { name: '李四', memberStatus: 'active', inGraduatingClass: true, graduationYear: 2026, destination: 'work' as const, hasTarget: true, today: '2026-07-01' };
    expect(graduateTransferProblems(base)).toEqual([]);
    expect(graduateTransferProblems({ ...base, destination: 'unknown', hasTarget: false })).toEqual([]);
    expect(graduateTransferProblems({ ...base, memberStatus: null })).toEqual(['李四不是在册团员']);
    expect(graduateTransferProblems({ ...base, inGraduatingClass: false, graduationYear: null })).toEqual(['李四所在团支部不是毕业班（未标注毕业年份）']);
    expect(graduateTransferProblems({ ...base, graduationYear: 2029 })).toEqual(['李四所在班级2029年毕业，尚未到毕业转接时间']);
    expect(graduateTransferProblems({ ...base, hasTarget: false })[0]).toContain('请选择转入组织');
    expect(graduationYearProblems({ isBranch: true, sector: 'school', year: 2027, today: '2026-07-01' })).toEqual([]);
    expect(graduationYearProblems({ isBranch: true, sector: 'village', year: 2027, today: '2026-07-01' })).toEqual(['只有学校的班级团支部可以标注毕业年份']);
    expect(graduationYearProblems({ isBranch: true, sector: 'school', year: 2040, today: '2026-07-01' })).toEqual(['毕业年份应在2016至2034年之间']);
  });
});

describe('reset codes', () => {
  const now = new Date('2026-06-01T02:00:00Z');
  it('expires after the configured minutes and dies after the configured wrong tries or its use', () => {
    const expires = resetCodeExpiry(now, rules);
    expect(expires.getTime() - now.getTime()).toBe(rules.dailyWork.resetCodeMinutes * 60_000);
    expect(resetCodeProblem({ expiresAt: expires, usedAt: null, attempts: 0 }, now, rules)).toBeNull();
    expect(resetCodeProblem({ expiresAt: expires, usedAt: null, attempts: 0 }, expires, rules)).toBe('验证码已过期，请重新获取');
    expect(resetCodeProblem({ expiresAt: expires, usedAt: now, attempts: 0 }, now, rules)).toBe('验证码已使用');
    expect(resetCodeProblem({ expiresAt: expires, usedAt: null, attempts: rules.dailyWork.resetCodeMaxAttempts }, now, rules)).toBe('验证码错误次数过多，请重新获取');
    expect(wrongCodeMessage(1, rules)).toBe(`验证码错误，还可尝试${rules.dailyWork.resetCodeMaxAttempts - 1}次`);
    expect(wrongCodeMessage(rules.dailyWork.resetCodeMaxAttempts, rules)).toBe('验证码错误次数过多，请重新获取');
  });

  it('compares phones by their digits, names member accounts by member number, issues only for branch members', () => {
    expect(phonesMatch('+86 139-8501-2345', '13985012345')).toBe(true);
    expect(phonesMatch('13985012345', '13985012346')).toBe(false);
    expect(phonesMatch('', '')).toBe(false);
    expect(memberUsername({ id: 7, memberNo: '520329202350001' })).toBe('520329202350001');
    expect(memberUsername({ id: 7, memberNo: null })).toBe('tuanyuan7');
    expect(issueProblems({ name: '王五', memberStatus: 'active', isBranchMember: true })).toEqual([]);
    expect(issueProblems({ name: '王五', memberStatus: null, isBranchMember: true })).toEqual(['王五不是在册团员，不能开通团员账号']);
    expect(issueProblems({ name: '王五', memberStatus: 'active', isBranchMember: false })[0]).toContain('团员账号须开在其所在团支部');
  });
});

describe('data quality', () => {
  it('flags branches outside the configured size', () => {
    expect(branchSizeProblem(2, rules)).toBe('branch_too_small');
    expect(branchSizeProblem(3, rules)).toBeNull();
    expect(branchSizeProblem(50, rules)).toBeNull();
    expect(branchSizeProblem(51, rules)).toBe('branch_too_large');
    expect(branchSizeProblem(4, resolveRules({ organization: { branchMinMembers: 5, branchMaxMembers: 40 } }))).toBe('branch_too_small');
  });

  const township = [{ name: '共青团余庆县委员会' }, { name: '共青团余庆县白泥镇委员会' }];
  const school = [...township, { name: '余庆县白泥镇中学团总支' }];

  it('checks the naming rule: full name of the unit + type', () => {
    expect(orgNameProblem({ name: '白泥镇青龙村团支部', type: 'branch', sector: 'village' }, township)).toBeNull();
    expect(orgNameProblem({ name: '贵州余庆白泥茶业有限公司团支部', type: 'branch', sector: 'non_public_enterprise' }, township)).toBeNull();
    expect(orgNameProblem({ name: '白泥镇中学九年级（1）班团支部', type: 'branch', sector: 'school' }, school)).toBeNull();
    expect(orgNameProblem({ name: '三班团支部', type: 'branch', sector: 'school' }, school)).toBe('名称只有班级或序号，缺少单位全称');
    expect(orgNameProblem({ name: '白中九（2）班团支部', type: 'branch', sector: 'school' }, school)).toContain('疑似简称');
    expect(orgNameProblem({ name: '余庆县九年级（2）班团支部', type: 'branch', sector: 'school' }, school)).toContain('疑似简称');
    expect(orgNameProblem({ name: '青龙村团小组', type: 'branch', sector: 'village' }, township)).toBe('名称应以“团支部”结尾');
    expect(orgNameProblem({ name: '白泥镇非公企业联合团支部', type: 'branch', sector: 'other' }, township)).toBe('名称应以“团支部”结尾');
    expect(orgNameProblem({ name: '白泥镇非公企业联合团支部', type: 'joint_branch', sector: 'other' }, township)).toBeNull();
    expect(orgNameProblem({ name: '龙溪茶厂团总支', type: 'general_branch', sector: 'other' }, township)).toBeNull();
    expect(orgNameProblem({ name: '三厂团总支', type: 'general_branch', sector: 'other' }, township)).toBe('名称只有班级或序号，缺少单位全称');
    // Without visible ancestors (a branch secretary's own branch) only the first two rules apply.
    expect(orgNameProblem({ name: '白中九（2）班团支部', type: 'branch', sector: 'school' }, [])).toBeNull();
    expect(orgNameProblem({ name: '共青团余庆县白泥镇委员会', type: 'township', sector: 'government' }, [])).toBeNull();
  });

  const id = (birth: string, male = true) => {
    const first17 = `520329${birth.replaceAll('-', '')}${male ? '011' : '012'}`;
    return first17 + idCardCheckChar(first17);
  };
  const member = {
    idNumber: id('2004-03-15'),
    birthDate: '2004-03-15',
    gender: 'male',
    phone: '13985012345',
    education: '30',
    memberNo: '201952000001',
    joinedOn: '2019-05-04',
    politicalStatus: '03',
    isStudent: false,
  };

  it('finds missing and inconsistent member fields', () => {
    expect(memberRecordProblems(member, rules, '2026-06-01')).toEqual([]);
    expect(memberRecordProblems({ ...member, phone: null, education: null }, rules, '2026-06-01')).toEqual(['缺联系电话', '缺学历']);
    expect(memberRecordProblems({ ...member, phone: null, isStudent: true }, rules, '2026-06-01')).toEqual([]);
    expect(memberRecordProblems({ ...member, phone: '12345' }, rules, '2026-06-01')).toEqual(['联系电话格式不正确']);
    expect(memberRecordProblems({ ...member, memberNo: null, joinedOn: null }, rules, '2026-06-01')).toEqual(['缺团员编号', '缺入团时间']);
    expect(memberRecordProblems({ ...member, birthDate: '2004-03-16' }, rules, '2026-06-01')).toEqual(['出生日期2004-03-16与身份证号（2004-03-15）不一致']);
    expect(memberRecordProblems({ ...member, gender: 'female' }, rules, '2026-06-01')).toEqual(['性别与身份证号不一致']);
    expect(memberRecordProblems({ ...member, idNumber: `${member.idNumber.slice(0, 17)}0` === member.idNumber ? `${member.idNumber.slice(0, 17)}1` : `${member.idNumber.slice(0, 17)}0` }, rules, '2026-06-01')[0]).toContain('身份证号有误');
    expect(memberRecordProblems({ ...member, politicalStatus: '13' }, rules, '2026-06-01')).toEqual(['政治面貌为“群众”，与在册团员不符']);
    expect(memberRecordProblems({ ...member, politicalStatus: '01' }, rules, '2026-06-01')).toEqual([]);
    expect(memberRecordProblems({ ...member, joinedOn: '2018-03-14', memberNo: '201852000001' }, rules, '2026-06-01')).toEqual(['入团时（2018-03-14）13周岁，2017年起入团须年满14周岁']);
    expect(memberRecordProblems({ ...member, memberNo: '201852000001' }, rules, '2026-06-01')).toEqual(['发展团员编号中的年份2018与入团时间（2019-05-04）的年份不一致']);
    expect(memberRecordProblems({ ...member, joinedOn: '2026-06-02' }, rules, '2026-06-01')).toEqual(['入团时间晚于今天']);
  });

  it('expects a secretary in every organization but youth work committees', () => {
    expect(needsSecretary('branch')).toBe(true);
    expect(needsSecretary('township')).toBe(true);
    expect(needsSecretary('youth_work_committee')).toBe(false);
  });
});
