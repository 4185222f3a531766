import type { Rules } from '../rules/config.js';
import { ageOn } from './idcard.js';
import { isBranchType, type OrgType } from '../org/types.js';
import { POLITICAL } from './codes.js';
import { shiftDays } from '../org-life/periods.js';
import { DEVELOPMENT_STEPS, DEVELOPMENT_STEP_LABELS, addMonths, applicationAge, trainingHours, type DevelopmentStep, type RecordedStep } from './development.js';

/**
 * Members' life after joining (shared/domain.md, "Membership after joining"):
 * transfers (组织关系转接), annual registration (团籍注册), education appraisal
 * (团员教育评议), leaving and reinstatement, 推优入党 and the 回头看 audit of
 * admissions. Plain functions: each returns the Chinese sentences that refuse
 * an action (empty = allowed), so the server refuses before writing and the
 * web client can show why an action is not offered. Figures come from Rules.
 */

/** What the rules need to know about a person. */
export interface MemberFacts {
  name?: string;
  memberStatus: string | null;
  birthDate: string;
  joinedOn: string | null;
  leftOn?: string | null;
  politicalStatus?: string | null;
  partyJoinedOn?: string | null;
}

const who = (p: MemberFacts) => (p.name ? `${p.name}` : '该同志');

/** Refusal when the person is not an active member (null when they are). */
export function notActiveMemberProblem(p: MemberFacts): string | null {
  if (p.memberStatus === 'active') return null;
  return p.memberStatus === 'left' ? `${who(p)}已离团，不是在册团员` : `${who(p)}不是共青团员`;
}

function dateProblems(on: string, today: string, label: string, notBefore?: { date: string | null | undefined; label: string }): string[] {
  const problems: string[] = [];
  if (on > today) problems.push(`${label}不能晚于今天`);
  if (notBefore?.date && on < notBefore.date) problems.push(`${label}不能早于${notBefore.label}（${notBefore.date}）`);
  return problems;
}

/* ------------------------------------------------------------------ transfers */

/**
 * 组织关系转接 needs both sides. A transfer started by the sending side (or by
 * the member through it) waits for the receiving side to accept it. A transfer
 * started by the receiving side is a request: the sending side agrees to it
 * (同意转出), or — once the sending side has let the due date pass — the lowest
 * committee above both sides decides (上级审批). An unanswered request lapses
 * one further period after its due date. A request for an ID number that
 * matches no active member under that name is recorded all the same and simply
 * lapses: the receiving side cannot tell it from a request still waiting.
 */
export const TRANSFER_STATUSES = ['pending', 'accepted', 'rejected', 'cancelled', 'lapsed'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_STATUS_LABELS: Record<TransferStatus, string> = {
  pending: '待接收',
  accepted: '已转入',
  rejected: '已退回',
  cancelled: '已撤回',
  lapsed: '已失效',
};

export const TRANSFER_INITIATORS = ['sending', 'receiving', 'member'] as const;
export type TransferInitiator = (typeof TRANSFER_INITIATORS)[number];
export const TRANSFER_INITIATOR_LABELS: Record<TransferInitiator, string> = {
  sending: '转出组织发起',
  receiving: '转入组织申请',
  member: '团员本人申请',
};

/** What a pending transfer waits for, by who started it. */
export function transferStatusLabel(t: { status: TransferStatus; initiatedBy: TransferInitiator }): string {
  if (t.status !== 'pending') return TRANSFER_STATUS_LABELS[t.status];
  return t.initiatedBy === 'receiving' ? '待转出组织同意' : TRANSFER_STATUS_LABELS.pending;
}

export type TransferAction = 'accept' | 'reject' | 'cancel';
export const TRANSFER_ACTION_LABELS: Record<TransferAction, string> = { accept: '接收', reject: '退回', cancel: '撤回' };

/** The consenting action that moves the member, as the caller's side performs it. */
export const TRANSFER_ACCEPT_KINDS = ['receive', 'release', 'superior'] as const;
export type TransferAcceptKind = (typeof TRANSFER_ACCEPT_KINDS)[number];
export const TRANSFER_ACCEPT_LABELS: Record<TransferAcceptKind, string> = { receive: '接收', release: '同意转出', superior: '上级审批' };

export interface TransferTarget {
  id: number;
  type: OrgType | string;
  status: string;
}

/**
 * Why a transfer of `person` (registered in `currentOrgId`) to `target` cannot
 * be requested. `target` null = not found among active organizations.
 */
export function transferRequestProblems(f: {
  person: MemberFacts;
  currentOrgId: number;
  target: TransferTarget | null;
  hasPending: boolean;
}): string[] {
  const problems: string[] = [];
  const p = notActiveMemberProblem(f.person);
  if (p) problems.push(`${p}，只有在册团员可以转接组织关系`);
  problems.push(...transferTargetProblems(f.target, f.currentOrgId));
  if (f.hasPending) problems.push('该团员已有一项待处理的组织关系转接，请先办结');
  return problems;
}

/** Why `target` cannot receive a member (currentOrgId: where the member is now, when known). */
export function transferTargetProblems(target: TransferTarget | null, currentOrgId: number | null): string[] {
  if (!target || target.status !== 'active') return ['转入组织不存在或已撤销'];
  if (!isBranchType(target.type as OrgType)) return ['转入组织须为团支部或联合团支部'];
  if (target.id === currentOrgId) return ['转入组织与团员当前所在组织相同'];
  return [];
}

/** Which side of a transfer the caller holds (the caller's scope contains the sending / receiving organization). */
export interface TransferSides {
  from: boolean;
  to: boolean;
}

/** The side that started the transfer: the member applies through the sending organization. */
export function initiatorSide(initiatedBy: TransferInitiator): 'from' | 'to' {
  return initiatedBy === 'receiving' ? 'to' : 'from';
}

/** A pending transfer as the rules see it; dueOn: when the answering side must have answered. */
export interface TransferFacts {
  status: TransferStatus;
  initiatedBy: TransferInitiator;
  dueOn?: string | null;
}

/** Past its due date (a receiving side's request may then go to the committee above both sides). */
export function transferOverdue(t: TransferFacts, today: string): boolean {
  return t.status === 'pending' && !!t.dueOn && today > t.dueOn;
}

/**
 * How the caller would give consent to a transfer: the receiving side receives
 * what the sending side sent; the sending side releases what the receiving
 * side asked for; a caller holding both sides of a receiving side's request is
 * the committee above both, which decides only once the request is overdue.
 */
export function transferAcceptKind(t: TransferFacts, sides: TransferSides): TransferAcceptKind | null {
  if (t.initiatedBy !== 'receiving') return sides.to ? 'receive' : null;
  if (!sides.from) return null;
  return sides.to ? 'superior' : 'release';
}

/**
 * Who may do what with a transfer, only while it is pending: the side that
 * did not start it answers (accepts, or sends it back), the side that started
 * it may withdraw it. The answering side of a receiving side's request is the
 * sending side, or after the due date the committee above both sides.
 */
export function transferActionProblem(t: TransferFacts, action: TransferAction, sides: TransferSides, today: string): string | null {
  if (t.status !== 'pending') return `该转接${TRANSFER_STATUS_LABELS[t.status]}，不能再${TRANSFER_ACTION_LABELS[action]}`;
  const initiator = initiatorSide(t.initiatedBy);
  if (action === 'cancel') return sides[initiator] ? null : '只有发起方可以撤回该转接';
  if (t.initiatedBy !== 'receiving') {
    if (action === 'accept') return sides.to ? null : '只有转入组织可以接收该转接';
    return sides.to ? null : '发起方不能退回自己发起的转接，如需取消请撤回';
  }
  // The receiving side's request: the sending side answers it.
  const kind = transferAcceptKind(t, sides);
  if (!kind) return action === 'accept' ? '转入组织的申请须经转出组织同意，不能自行接收' : '发起方不能退回自己发起的转接，如需取消请撤回';
  if (kind === 'superior' && !transferOverdue(t, today)) {
    return `转出组织尚未答复，${t.dueOn ?? ''}后仍未答复的，方可由上级团委审批`;
  }
  return null;
}

/** When a receiving side's request that nobody answered lapses: one further period after its due date. */
export function transferRequestLapsesOn(dueOn: string, periodDays: number): string {
  return shiftDays(dueOn, periodDays);
}

/**
 * The one answer to a request by ID number for a person outside the caller's
 * scope, whether or not the number is registered and the name matches it.
 */
export function incomingRequestMessage(dueOn: string, lapsesOn: string): string {
  return (
    `转入申请已发出，等待转出组织答复：转出组织同意后，该团员的组织关系即转入本组织；` +
    `转出组织${dueOn}前未答复的，可由双方共同的上级团委审批；${lapsesOn}前仍无人答复的，申请自动失效。` +
    `如身份证号与姓名不一致、未在系统登记或不是在册团员，不会有人答复，申请到期失效。`
  );
}

/** Refusal of another look-up by ID number within the hour. */
export function transferLookupLimitProblem(madeInLastHour: number, rules: Rules): string | null {
  const max = rules.dailyWork.transferLookupsPerHour;
  return madeInLastHour >= max ? `按身份证号申请转入过于频繁：每个账号每小时最多${max}次，请稍后再试` : null;
}

/** The dated decision on a transfer (accept or reject). */
export function transferDecisionProblems(on: string, requestedOn: string, today: string): string[] {
  return dateProblems(on, today, '办理日期', { date: requestedOn, label: '申请日期' });
}

/* ------------------------------------------------------------ registration */

export const REGISTRATION_STATUSES = ['registered', 'deferred', 'not_registered'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  registered: '已注册',
  deferred: '暂缓注册',
  not_registered: '不予注册',
};
/** A member without a decision for the year. */
export const UNREGISTERED_LABEL = '未注册';

/** Problems with the decision itself (apply to the whole batch). */
export function registrationInputProblems(input: { year: number; status: RegistrationStatus; decidedOn: string; note?: string | null }, today: string): string[] {
  const problems: string[] = [];
  if (input.decidedOn.slice(0, 4) !== String(input.year)) problems.push(`注册日期应在${input.year}年内`);
  if (input.decidedOn > today) problems.push('注册日期不能晚于今天');
  if (input.status !== 'registered' && !input.note?.trim()) problems.push(`${REGISTRATION_STATUS_LABELS[input.status]}须注明原因`);
  return problems;
}

/** Why this person cannot be registered for the year. */
export function registrationProblems(p: MemberFacts, input: { year: number; decidedOn: string }): string[] {
  const problems: string[] = [];
  const inactive = notActiveMemberProblem(p);
  if (inactive) return [inactive];
  if (p.joinedOn && p.joinedOn > `${input.year}-12-31`) problems.push(`${who(p)}于${p.joinedOn}入团，不能注册${input.year}年度团籍`);
  else if (p.joinedOn && input.decidedOn < p.joinedOn) problems.push(`${who(p)}的注册日期不能早于入团日期（${p.joinedOn}）`);
  return problems;
}

/** Registered (or decided) after the deadline, or still undecided once it has passed. */
export function registrationLate(decidedOn: string | null, deadline: string | null | undefined, today: string): boolean {
  if (!deadline) return false;
  return decidedOn ? decidedOn > deadline : today > deadline;
}

/* --------------------------------------------------------------- appraisal */

export const APPRAISAL_GRADES = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];
export const APPRAISAL_GRADE_LABELS: Record<AppraisalGrade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
};
export const UNAPPRAISED_LABEL = '未评议';

export function appraisalYearProblem(year: number, today: string): string | null {
  return year > Number(today.slice(0, 4)) ? `${year}年度尚未开始，不能评议` : null;
}

export function appraisalProblems(p: MemberFacts, year: number): string[] {
  const inactive = notActiveMemberProblem(p);
  if (inactive) return [inactive];
  if (p.joinedOn && p.joinedOn > `${year}-12-31`) return [`${who(p)}于${p.joinedOn}入团，不参加${year}年度评议`];
  return [];
}

/* ------------------------------------------------------------------ leaving */

export const LEAVING_KINDS = ['over_age', 'voluntary', 'struck_off', 'expelled', 'revoked'] as const;
export type LeavingKind = (typeof LEAVING_KINDS)[number];
export const LEAVING_KIND_LABELS: Record<LeavingKind, string> = {
  over_age: '超龄离团',
  voluntary: '退团',
  struck_off: '除名',
  expelled: '开除团籍',
  revoked: '清退',
};
/** Leaving decided one person at a time with a reason (超龄离团 is a batch, 清退 comes from an audit). */
export const DECIDED_LEAVING_KINDS = ['voluntary', 'struck_off', 'expelled'] as const;
export type DecidedLeavingKind = (typeof DECIDED_LEAVING_KINDS)[number];

export const MEMBERSHIP_EVENT_KINDS = [...LEAVING_KINDS, 'reinstated'] as const;
export type MembershipEventKind = (typeof MEMBERSHIP_EVENT_KINDS)[number];
export const MEMBERSHIP_EVENT_LABELS: Record<MembershipEventKind, string> = { ...LEAVING_KIND_LABELS, reinstated: '恢复团籍' };

/**
 * Which ways of leaving 恢复团籍 may undo. A fixed policy table (the league's
 * rules, not a provincial setting): after 退团 or 除名 a person still under the
 * member age limit may be reinstated; 超龄离团 is final by age, 开除团籍 is a
 * disciplinary expulsion, and 清退 annulled an irregular admission, which
 * only a new admission procedure can repair. No time window applies.
 */
export const REINSTATEMENT_POLICY: Record<LeavingKind, { allowed: true } | { allowed: false; why: string }> = {
  over_age: { allowed: false, why: '超龄离团的不能恢复团籍' },
  voluntary: { allowed: true },
  struck_off: { allowed: true },
  expelled: { allowed: false, why: '被开除团籍的不能恢复团籍' },
  revoked: { allowed: false, why: '经“回头看”清退的不能恢复团籍，须按程序重新发展' },
};

/** The day a person reaches the member age limit (年满 memberMax 周岁). */
export function memberAgeLimitReachedOn(birthDate: string, rules: Rules): string {
  return addMonths(birthDate, 12 * rules.ages.memberMax);
}

/** Why the member cannot leave this way on this date. */
export function leavingProblems(
  p: MemberFacts,
  kind: LeavingKind,
  onDate: string,
  ctx: { today: string; rules: Rules; hasPendingTransfer: boolean },
): string[] {
  const inactive = notActiveMemberProblem(p);
  if (inactive) return [inactive];
  const problems = dateProblems(onDate, ctx.today, '离团日期', { date: p.joinedOn, label: '入团日期' });
  if (kind === 'over_age') {
    const reached = memberAgeLimitReachedOn(p.birthDate, ctx.rules);
    if (onDate < reached) problems.push(`${who(p)}于${reached}年满${ctx.rules.ages.memberMax}周岁，此前不能办理超龄离团`);
  }
  if (ctx.hasPendingTransfer) problems.push(`${who(p)}有待处理的组织关系转接，请先办结`);
  return problems;
}

export function reinstatementProblems(
  p: MemberFacts,
  lastLeaving: { kind: string; onDate: string } | null,
  onDate: string,
  ctx: { today: string; rules: Rules },
): string[] {
  if (p.memberStatus === 'active') return [`${who(p)}是在册团员，无需恢复团籍`];
  if (p.memberStatus !== 'left') return [`${who(p)}不曾是共青团员`];
  if (!lastLeaving || !(LEAVING_KINDS as readonly string[]).includes(lastLeaving.kind)) return ['没有离团记录，不能恢复团籍'];
  const policy = REINSTATEMENT_POLICY[lastLeaving.kind as LeavingKind];
  if (!policy.allowed) return [policy.why];
  const problems = dateProblems(onDate, ctx.today, '恢复日期', { date: lastLeaving.onDate, label: '离团日期' });
  const age = ageOn(p.birthDate, onDate);
  if (age >= ctx.rules.ages.memberMax) problems.push(`${who(p)}已满${ctx.rules.ages.memberMax}周岁，不能恢复团籍`);
  return problems;
}

/* ----------------------------------------------------------------- 推优入党 */

export const PARTY_OUTCOMES = ['pending', 'activist', 'probationary', 'full', 'not_accepted'] as const;
export type PartyOutcome = (typeof PARTY_OUTCOMES)[number];
export const PARTY_OUTCOME_LABELS: Record<PartyOutcome, string> = {
  pending: '已推荐，待党组织确定',
  activist: '入党积极分子',
  probationary: '预备党员',
  full: '正式党员',
  not_accepted: '未被党组织接收',
};
/** The party side's steps in order; 未被接收 may end any open stage. */
export const PARTY_OUTCOME_NEXT: Record<PartyOutcome, readonly PartyOutcome[]> = {
  pending: ['activist', 'not_accepted'],
  activist: ['probationary', 'not_accepted'],
  probationary: ['full', 'not_accepted'],
  full: [],
  not_accepted: [],
};
export const OPEN_PARTY_OUTCOMES: readonly PartyOutcome[] = ['pending', 'activist', 'probationary'];

export function isPartyMember(p: MemberFacts): boolean {
  return !!p.partyJoinedOn || p.politicalStatus === POLITICAL.partyMember || p.politicalStatus === POLITICAL.probationaryPartyMember;
}

/** The branch meeting's recommendation of a member for the Party (推优入党). */
export function partyRecommendationProblems(
  p: MemberFacts,
  input: { meetingOn: string; entitled: number; votesFor: number },
  ctx: { today: string; rules: Rules; openRecommendation: boolean; recommendedThisYear: boolean },
): string[] {
  const inactive = notActiveMemberProblem(p);
  if (inactive) return [`${inactive}，只能推荐在册团员`];
  const problems: string[] = [];
  if (isPartyMember(p)) problems.push(`${who(p)}已是中共党员（预备党员），无需推优`);
  const age = ageOn(p.birthDate, input.meetingOn);
  const max = ctx.rules.ages.memberMax;
  if (age > max) problems.push(`推优入党对象应为${max}周岁及以下团员，支部大会时${who(p)}${age}周岁`);
  problems.push(...dateProblems(input.meetingOn, ctx.today, '支部大会日期', { date: p.joinedOn, label: '入团日期' }));
  if (input.entitled <= 0) problems.push('请填写有表决权的团员人数');
  else if (input.votesFor > input.entitled) problems.push('赞成票不能多于有表决权的团员人数');
  else if (input.votesFor * 2 <= input.entitled) {
    problems.push(`赞成票须超过有表决权团员的半数（应到${input.entitled}人，赞成${input.votesFor}票）`);
  }
  if (ctx.openRecommendation) problems.push(`${who(p)}已有推优入党记录正在办理中`);
  else if (ctx.recommendedThisYear) problems.push(`${who(p)}本年度已被推荐过`);
  return problems;
}

/** The party side's next outcome for a recommendation. */
export function partyOutcomeProblems(
  rec: { outcome: PartyOutcome; meetingOn: string; outcomeOn: string | null },
  next: PartyOutcome,
  on: string,
  today: string,
): string[] {
  const allowed = PARTY_OUTCOME_NEXT[rec.outcome];
  if (allowed.length === 0) return [`该推荐已办结（${PARTY_OUTCOME_LABELS[rec.outcome]}），不能再变更`];
  if (!allowed.includes(next)) {
    return [`当前为“${PARTY_OUTCOME_LABELS[rec.outcome]}”，下一步只能是${allowed.map((o) => `“${PARTY_OUTCOME_LABELS[o]}”`).join('或')}`];
  }
  const previous = rec.outcomeOn ?? rec.meetingOn;
  return dateProblems(on, today, '日期', { date: previous, label: rec.outcomeOn ? '上一环节日期' : '支部大会日期' });
}

/* ---------------------------------------------------------- 回头看 audits */

export const REVIEW_RULES = [
  'no_record',
  'missing_steps',
  'application_age',
  'training_hours',
  'observation_period',
  'meeting_vote',
  'sponsors',
  'approval_late',
] as const;
export type ReviewRule = (typeof REVIEW_RULES)[number];
export const REVIEW_RULE_LABELS: Record<ReviewRule, string> = {
  no_record: '无发展档案',
  missing_steps: '发展程序缺失',
  application_age: '申请年龄不符',
  training_hours: '团课学时不足',
  observation_period: '考察期不足',
  meeting_vote: '支部大会表决不符合规定',
  sponsors: '入团介绍人不足',
  approval_late: '超期审批',
};

export const FINDING_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = { open: '待核实', confirmed: '已清退', dismissed: '已排除' };

export const REVIEW_STATUSES = ['open', 'closed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = { open: '核实中', closed: '已完成' };

/** Steps every admission must have on record (the oath may follow the approval later). */
export const REVIEW_REQUIRED_STEPS: readonly DevelopmentStep[] = DEVELOPMENT_STEPS.filter((s) => s !== 'oath');

export function reviewPeriodProblems(periodFrom: string, periodTo: string, today: string): string[] {
  const problems: string[] = [];
  if (periodFrom > periodTo) problems.push('检查期间的开始日期不能晚于结束日期');
  if (periodTo > today) problems.push('检查期间不能晚于今天');
  return problems;
}

export interface AdmissionFacts {
  birthDate: string;
  /** null: the member has no development record at all. */
  developmentCase: { startedOn: string; approvedOn: string | null; steps: RecordedStep[] } | null;
}

export interface AuditFinding {
  rule: ReviewRule;
  detail: string;
}

const lastStep = (steps: RecordedStep[], step: DevelopmentStep) => [...steps].reverse().find((s) => s.step === step);
const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);

/** Checks one admission against the rules; one finding per problem. */
export function auditAdmission(f: AdmissionFacts, rules: Rules): AuditFinding[] {
  if (!f.developmentCase) return [{ rule: 'no_record', detail: '没有入团程序记录（发展档案）' }];
  const dev = rules.development;
  const { steps } = f.developmentCase;
  const findings: AuditFinding[] = [];

  const missing = REVIEW_REQUIRED_STEPS.filter((s) => !lastStep(steps, s));
  if (missing.length) findings.push({ rule: 'missing_steps', detail: `缺少程序：${missing.map((s) => DEVELOPMENT_STEP_LABELS[s]).join('、')}` });

  const application = steps.find((s) => s.step === 'application');
  const appliedOn = application?.actedOn ?? f.developmentCase.startedOn;
  const { age, ok } = applicationAge(f.birthDate, appliedOn, rules);
  if (!ok) {
    findings.push({
      rule: 'application_age',
      detail: `申请入团时${age}周岁（${appliedOn}），应在${rules.ages.memberMin}周岁以上、${rules.ages.memberMax}周岁以下`,
    });
  }

  if (steps.some((s) => s.step === 'training')) {
    const hours = trainingHours(steps);
    if (hours < dev.trainingHoursMin) findings.push({ rule: 'training_hours', detail: `团课${hours}学时，少于${dev.trainingHoursMin}学时` });
  }

  const activist = lastStep(steps, 'activist');
  const candidate = lastStep(steps, 'candidate');
  if (activist && candidate) {
    const until = addMonths(activist.actedOn, dev.observationMonthsMin);
    if (candidate.actedOn < until) {
      findings.push({
        rule: 'observation_period',
        detail: `确定积极分子于${activist.actedOn}，确定发展对象于${candidate.actedOn}，考察期不足${dev.observationMonthsMin}个月`,
      });
    }
  }

  const meeting = lastStep(steps, 'branch_meeting');
  if (meeting) {
    const entitled = num(meeting.data.entitled);
    const present = num(meeting.data.present);
    const votesFor = num(meeting.data.votesFor);
    if (!(entitled > 0) || !(present >= 0) || !(votesFor >= 0)) {
      findings.push({ rule: 'meeting_vote', detail: '支部大会未记录应到、实到人数和赞成票数' });
    } else if (present * 2 <= entitled || votesFor * 2 <= entitled || present > entitled || votesFor > present) {
      findings.push({
        rule: 'meeting_vote',
        detail: `支部大会应到${entitled}人、实到${present}人、赞成${votesFor}票，不符合到会超过半数、赞成票超过应到会半数的规定`,
      });
    }
  }

  const form = lastStep(steps, 'application_form');
  if (form) {
    const ids = Array.isArray(form.data.sponsorIds) ? new Set(form.data.sponsorIds as unknown[]) : new Set();
    if (ids.size < dev.sponsorsRequired) findings.push({ rule: 'sponsors', detail: `入团介绍人${ids.size}名，应为${dev.sponsorsRequired}名` });
  }

  const approvedOn = lastStep(steps, 'approval')?.actedOn ?? f.developmentCase.approvedOn;
  if (meeting && approvedOn) {
    const limit = addMonths(meeting.actedOn, dev.approvalMonthsMax);
    if (approvedOn > limit) {
      findings.push({
        rule: 'approval_late',
        detail: `支部大会于${meeting.actedOn}通过，${approvedOn}才审批，超过${dev.approvalMonthsMax}个月时限（应在${limit}前）`,
      });
    }
  }
  return findings;
}

/* --------------------------------------------------------------- 成长档案 */

export const GROWTH_EVENT_KINDS = [
  'pioneer',
  'development',
  'joined',
  'registration',
  'appraisal',
  'transfer',
  'membership',
  'party_recommendation',
  'party',
] as const;
export type GrowthEventKind = (typeof GROWTH_EVENT_KINDS)[number];
export const GROWTH_EVENT_LABELS: Record<GrowthEventKind, string> = {
  pioneer: '少先队',
  development: '入团程序',
  joined: '入团',
  registration: '团籍注册',
  appraisal: '教育评议',
  transfer: '组织关系转接',
  membership: '团籍变动',
  party_recommendation: '推优入党',
  party: '入党',
};
