import type { Rules } from '../rules/config.js';
import { ageOn } from './idcard.js';

/**
 * The member development pipeline (团员发展) as one state machine, used by the
 * server to refuse a step and by the web client to show what comes next and
 * why it is blocked. Order and rules: shared/domain.md, figures from Rules.
 */
export const DEVELOPMENT_STEPS = [
  'application',
  'recommendation',
  'activist',
  'training',
  'candidate',
  'application_form',
  'branch_meeting',
  'approval',
  'oath',
] as const;
export type DevelopmentStep = (typeof DEVELOPMENT_STEPS)[number];

export const DEVELOPMENT_STEP_LABELS: Record<DevelopmentStep, string> = {
  application: '递交入团申请书',
  recommendation: '推优入团/团员推荐',
  activist: '确定入团积极分子',
  training: '团课学习与考察',
  candidate: '确定发展对象',
  application_form: '填写入团志愿书',
  branch_meeting: '支部团员大会表决',
  approval: '上级团委审批',
  oath: '入团仪式',
};

/** Short stage names for funnels and lists. */
export const DEVELOPMENT_STAGE_LABELS: Record<DevelopmentStep, string> = {
  application: '申请人',
  recommendation: '已推荐',
  activist: '积极分子',
  training: '培养考察中',
  candidate: '发展对象',
  application_form: '已填志愿书',
  branch_meeting: '支部大会通过',
  approval: '已批准',
  oath: '已入团',
};

export const RECOMMENDATION_KINDS = { pioneer: '少先队推优', member: '团员推荐', branch: '团支部推荐' } as const;
export type RecommendationKind = keyof typeof RECOMMENDATION_KINDS;

export interface RecordedStep {
  step: DevelopmentStep;
  actedOn: string; // YYYY-MM-DD
  data: Record<string, unknown>;
}

export interface StepInput {
  actedOn: string;
  /** The named person who performed the act (申请人、推荐人、主持人、审批人…). */
  actor: string;
  hours?: number;
  kind?: RecommendationKind;
  points?: number;
  sponsorIds?: number[];
  contactMemberId?: number;
  entitled?: number;
  present?: number;
  votesFor?: number;
  note?: string;
}

/** Facts the server looks up before asking the machine. */
export interface StepFacts {
  today: string;
  birthDate: string;
  /** Sponsors / contact person as found in the registry. */
  people?: Record<number, { isActiveMember: boolean; name: string }>;
  applicantId: number;
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(d, last));
  return t.toISOString().slice(0, 10);
}

/** Adds working days (Monday–Friday; public holidays are not known here). */
export function addWorkdays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    t.setUTCDate(t.getUTCDate() + 1);
    const wd = t.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return t.toISOString().slice(0, 10);
}

export function trainingHours(steps: RecordedStep[]): number {
  return steps.filter((s) => s.step === 'training').reduce((sum, s) => sum + Number(s.data.hours ?? 0), 0);
}

const last = (steps: RecordedStep[], step: DevelopmentStep) => [...steps].reverse().find((s) => s.step === step);

/** The furthest milestone reached (training counts only once the minimum hours are met). */
export function currentStage(steps: RecordedStep[]): DevelopmentStep | null {
  for (let i = DEVELOPMENT_STEPS.length - 1; i >= 0; i--) {
    const step = DEVELOPMENT_STEPS[i]!;
    if (step !== 'training' && last(steps, step)) return step;
    if (step === 'training' && last(steps, 'training')) return 'training';
  }
  return null;
}

/**
 * Every reason why `step` cannot be recorded now with this input; empty when
 * it can. Messages are the Chinese sentences the user reads.
 */
export function stepProblems(steps: RecordedStep[], step: DevelopmentStep, input: StepInput, facts: StepFacts, rules: Rules): string[] {
  const problems: string[] = [];
  const dev = rules.development;
  const stage = currentStage(steps);
  const stageIndex = stage === null ? -1 : DEVELOPMENT_STEPS.indexOf(stage);
  const stepIndex = DEVELOPMENT_STEPS.indexOf(step);
  const label = DEVELOPMENT_STEP_LABELS[step];

  if (stage === 'oath') return ['该同志已完成入团程序'];
  // Order: the step must be the next one; training may repeat while at training stage.
  const isRepeatTraining = step === 'training' && (stage === 'training' || stage === 'activist');
  if (!isRepeatTraining && stepIndex !== stageIndex + 1) {
    const expected = DEVELOPMENT_STEPS[stageIndex + 1];
    problems.push(
      stepIndex <= stageIndex
        ? `“${label}”已经完成，不能重复办理`
        : `请先完成“${expected ? DEVELOPMENT_STEP_LABELS[expected] : ''}”，再办理“${label}”`,
    );
    return problems;
  }
  if (!input.actor?.trim()) problems.push('请填写经办人（签字人）姓名');
  if (input.actedOn > facts.today) problems.push('办理日期不能晚于今天');
  const prev = steps.length ? steps[steps.length - 1]! : null;
  if (prev && input.actedOn < prev.actedOn) problems.push(`办理日期不能早于上一步（${prev.actedOn}）`);

  switch (step) {
    case 'application': {
      const { age, ok } = applicationAge(facts.birthDate, input.actedOn, rules);
      if (!ok) problems.push(`申请入团年龄应在${rules.ages.memberMin}周岁以上、${rules.ages.memberMax}周岁以下，申请时${age}周岁`);
      break;
    }
    case 'recommendation':
      if (!input.kind || !(input.kind in RECOMMENDATION_KINDS)) problems.push('请选择推荐方式（少先队推优、团员推荐或团支部推荐）');
      break;
    case 'activist': {
      const contact = input.contactMemberId ? facts.people?.[input.contactMemberId] : undefined;
      if (!input.contactMemberId) problems.push('请指定培养联系人（团员）');
      else if (!contact?.isActiveMember) problems.push('培养联系人须为正式团员');
      break;
    }
    case 'training':
      if (!input.hours || input.hours <= 0 || input.hours > 40) problems.push('团课学时应在0到40之间');
      break;
    case 'candidate': {
      const hours = trainingHours(steps);
      if (hours < dev.trainingHoursMin) problems.push(`团课学时不足：已学${hours}学时，至少需要${dev.trainingHoursMin}学时`);
      const activist = last(steps, 'activist')!;
      const observedUntil = addMonths(activist.actedOn, dev.observationMonthsMin);
      if (input.actedOn < observedUntil) problems.push(`考察期不足${dev.observationMonthsMin}个月：确定积极分子于${activist.actedOn}，${observedUntil}起方可确定为发展对象`);
      if (dev.pointsSchemeEnabled && (input.points ?? 0) < dev.pointsThreshold) {
        problems.push(`积分入团：积分${input.points ?? 0}分，未达到${dev.pointsThreshold}分`);
      }
      break;
    }
    case 'application_form': {
      const candidate = last(steps, 'candidate')!;
      const publicUntil = addWorkdays(candidate.actedOn, dev.candidatePublicityWorkdays);
      if (input.actedOn < publicUntil) problems.push(`发展对象须公示${dev.candidatePublicityWorkdays}个工作日，${publicUntil}起方可填写入团志愿书`);
      const ids = [...new Set(input.sponsorIds ?? [])];
      if (ids.length !== dev.sponsorsRequired) problems.push(`需要${dev.sponsorsRequired}名入团介绍人`);
      for (const id of ids) {
        const p = facts.people?.[id];
        if (id === facts.applicantId) problems.push('申请人不能做自己的入团介绍人');
        else if (!p) problems.push('入团介绍人不存在或不在本组织范围内');
        else if (!p.isActiveMember) problems.push(`入团介绍人${p.name}不是正式团员`);
      }
      break;
    }
    case 'branch_meeting': {
      const { entitled = 0, present = 0, votesFor = 0 } = input;
      if (entitled <= 0) problems.push('请填写有表决权的团员人数');
      if (present > entitled) problems.push('到会人数不能多于有表决权的人数');
      if (votesFor > present) problems.push('赞成票不能多于到会人数');
      if (present * 2 <= entitled) problems.push(`到会有表决权的团员须超过半数（应到${entitled}人，实到${present}人）`);
      if (votesFor * 2 <= entitled) problems.push(`赞成票须超过应到会有表决权团员的半数（应到${entitled}人，赞成${votesFor}票）`);
      break;
    }
    case 'approval': {
      const meeting = last(steps, 'branch_meeting')!;
      const limit = addMonths(meeting.actedOn, dev.approvalMonthsMax);
      if (input.actedOn > limit) problems.push(`超过审批时限：支部大会于${meeting.actedOn}通过，应在${limit}前审批`);
      break;
    }
    case 'oath':
      break;
  }
  return problems;
}

/** What the UI offers next and, if it is blocked, why (computed with a neutral input). */
export function nextStep(steps: RecordedStep[]): DevelopmentStep | null {
  const stage = currentStage(steps);
  if (stage === 'oath') return null;
  return DEVELOPMENT_STEPS[stage === null ? 0 : DEVELOPMENT_STEPS.indexOf(stage) + 1]!;
}

/** Training may be recorded again while the hours are short. */
export function canAddTraining(steps: RecordedStep[]): boolean {
  const stage = currentStage(steps);
  return stage === 'activist' || stage === 'training';
}

export interface QuotaUsage {
  orgName: string;
  quota: number;
  used: number;
}

/** Refusal for an approval beyond any quota on the way up, or when no quota was issued. */
export function quotaProblem(chain: QuotaUsage[], year: number): string | null {
  if (chain.length === 0) return `${year}年度未下达团员发展指标，不能审批`;
  for (const q of chain) {
    if (q.used + 1 > q.quota) return `${q.orgName}${year}年度发展指标${q.quota}名已用完（已审批${q.used}名）`;
  }
  return null;
}

export interface FlagFacts {
  /** Branch meetings passed under the quota holder in the burst window, including this one. */
  meetingsInWindow: number;
  yearQuota: number | null;
  /** For a school class branch: registered students and members after this admission. */
  classSize?: number;
  classMembersAfter?: number;
}

/** Warnings that send a case to the county before approval (突击发展、全员入团). */
export function developmentFlags(f: FlagFacts, rules: Rules): string[] {
  const dev = rules.development;
  const flags: string[] = [];
  if (f.yearQuota && f.meetingsInWindow > Math.max(1, Math.floor(f.yearQuota * dev.burstShareOfQuota))) {
    flags.push(`突击发展预警：${dev.burstWindowDays}天内支部大会通过${f.meetingsInWindow}名，超过年度指标${f.yearQuota}名的${Math.round(dev.burstShareOfQuota * 100)}%`);
  }
  if (f.classSize && f.classMembersAfter !== undefined) {
    const share = f.classMembersAfter / f.classSize;
    if (share >= dev.fullClassShare) flags.push(`全员入团预警：班级${f.classSize}人中将有${f.classMembersAfter}名团员（${Math.round(share * 100)}%）`);
  }
  return flags;
}

/** The calendar year in which the school year containing `date` ends (September starts a new one). */
export function schoolYearEnd(date: string): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m >= 9 ? y + 1 : y;
}

/** Refusal when an admission would push a graduating class above its configured share of members. */
export function graduatingCapProblem(
  f: { stage: string | null; graduationYear: number | null; classSize: number; classMembersAfter: number; on: string },
  rules: Rules,
): string | null {
  if (!f.graduationYear || f.graduationYear !== schoolYearEnd(f.on) || f.classSize === 0) return null;
  const dev = rules.development;
  const cap = f.stage === 'junior_middle' ? dev.juniorMiddleGraduatingCap : f.stage === 'senior_middle' ? dev.seniorMiddleGraduatingCap : null;
  if (cap === null) return null;
  const share = f.classMembersAfter / f.classSize;
  if (share <= cap) return null;
  return `毕业年级团员比例上限为${Math.round(cap * 100)}%：本班${f.classSize}人，批准后将有${f.classMembersAfter}名团员（${Math.round(share * 100)}%）`;
}

/**
 * What stands in the way of the next step today, from time and training alone
 * (input-specific checks happen when the step is recorded), and the earliest
 * date it may be done.
 */
export function readiness(steps: RecordedStep[], today: string, rules: Rules): { step: DevelopmentStep | null; blockers: string[]; earliestOn: string | null } {
  const step = nextStep(steps);
  const dev = rules.development;
  const blockers: string[] = [];
  let earliestOn: string | null = null;
  if (step === 'candidate') {
    const hours = trainingHours(steps);
    if (hours < dev.trainingHoursMin) blockers.push(`团课已学${hours}学时，还差${dev.trainingHoursMin - hours}学时`);
    earliestOn = addMonths(last(steps, 'activist')!.actedOn, dev.observationMonthsMin);
    if (today < earliestOn) blockers.push(`考察期未满${dev.observationMonthsMin}个月，${earliestOn}起可确定为发展对象`);
  } else if (step === 'application_form') {
    earliestOn = addWorkdays(last(steps, 'candidate')!.actedOn, dev.candidatePublicityWorkdays);
    if (today < earliestOn) blockers.push(`发展对象公示期（${dev.candidatePublicityWorkdays}个工作日）未满，${earliestOn}起可填写入团志愿书`);
  } else if (step === 'approval') {
    const limit = addMonths(last(steps, 'branch_meeting')!.actedOn, dev.approvalMonthsMax);
    if (today > limit) blockers.push(`已超过审批时限（应在${limit}前审批）`);
  }
  return { step, blockers, earliestOn };
}

/**
 * 入团申请 is accepted from the 14th birthday until the 29th ([14, 28] in whole
 * years, inclusive; shared/domain.md), as `rules.ages.memberMin`–`memberMax`.
 * ("以上/以下" include the number itself, as in Chinese legal usage.)
 */
export function applicationAge(birthDate: string, appliedOn: string, rules: Rules): { age: number; ok: boolean } {
  const age = ageOn(birthDate, appliedOn);
  return { age, ok: age >= rules.ages.memberMin && age <= rules.ages.memberMax };
}
