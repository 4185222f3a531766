/**
 * 对标定级 (branch star rating): a committee opens a yearly rating with its
 * criteria and maximum scores; each branch assesses itself, the committee
 * above reviews, the committee that opened the rating confirms a grade.
 * Weak branches (软弱涣散) get a rectification task with a deadline.
 *
 * pending → self_assessed → reviewed → confirmed; a self-assessment may be
 * redone until reviewed, a review until confirmed.
 */

export interface StarCriterion {
  key: string;
  label: string;
  max: number;
}

/** The usual areas (组织建设、队伍建设、组织生活、团员管理、基础台账), 20 points each. The opener may change them. */
export const DEFAULT_STAR_CRITERIA: readonly StarCriterion[] = [
  { key: 'organization', label: '组织建设', max: 20 },
  { key: 'team', label: '队伍建设', max: 20 },
  { key: 'activities', label: '组织生活与活动', max: 20 },
  { key: 'membership', label: '团员管理', max: 20 },
  { key: 'records', label: '基础台账', max: 20 },
];

export const STAR_GRADES = ['five', 'four', 'three', 'weak'] as const;
export type StarGrade = (typeof STAR_GRADES)[number];
export const STAR_GRADE_LABELS: Record<StarGrade, string> = { five: '五星', four: '四星', three: '三星', weak: '软弱涣散' };

/**
 * Lowest share of the maximum total for each grade; below `three` a branch is
 * weak. Not yet in the rules configuration (rules.dailyWork has no field for
 * it): kept here as one named table until it moves there.
 */
export const STAR_GRADE_THRESHOLDS: Readonly<Record<Exclude<StarGrade, 'weak'>, number>> = { five: 0.9, four: 0.8, three: 0.6 };

export const STAR_ENTRY_STATUSES = ['pending', 'self_assessed', 'reviewed', 'confirmed'] as const;
export type StarEntryStatus = (typeof STAR_ENTRY_STATUSES)[number];
export const STAR_ENTRY_STATUS_LABELS: Record<StarEntryStatus, string> = {
  pending: '待自评',
  self_assessed: '已自评，待审核',
  reviewed: '已审核，待定级',
  confirmed: '已定级',
};

export const STAR_RATING_STATUSES = ['open', 'closed'] as const;
export type StarRatingStatus = (typeof STAR_RATING_STATUSES)[number];
export const STAR_RATING_STATUS_LABELS: Record<StarRatingStatus, string> = { open: '进行中', closed: '已结束' };

export type StarEntryAction = 'self_assess' | 'review' | 'confirm';
export const STAR_ENTRY_ACTION_LABELS: Record<StarEntryAction, string> = { self_assess: '自评', review: '审核', confirm: '定级' };

export const RECTIFICATION_STATUSES = ['open', 'done', 'overdue'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, string> = { open: '整改中', done: '已整改', overdue: '逾期未整改' };

const KEY_RE = /^[a-z][a-z0-9_]{0,29}$/;

/** Why a set of criteria cannot be used for a rating. */
export function criteriaProblems(criteria: readonly StarCriterion[]): string[] {
  const problems: string[] = [];
  if (!criteria.length) problems.push('至少设置一项评分标准');
  const seen = new Set<string>();
  for (const c of criteria) {
    if (!KEY_RE.test(c.key)) problems.push(`评分项代码“${c.key}”应为小写英文字母开头的字母、数字或下划线`);
    if (seen.has(c.key)) problems.push(`评分项代码“${c.key}”重复`);
    seen.add(c.key);
    if (!c.label.trim()) problems.push(`评分项“${c.key}”须有名称`);
    if (!Number.isInteger(c.max) || c.max < 1 || c.max > 100) problems.push(`评分项“${c.label || c.key}”的满分应为1至100的整数`);
  }
  return problems;
}

export const maxTotal = (criteria: readonly StarCriterion[]) => criteria.reduce((s, c) => s + c.max, 0);
export const totalScore = (scores: Readonly<Record<string, number>>) => Object.values(scores).reduce((s, v) => s + v, 0);

/** Why scores do not fit the criteria: every item scored, whole points from 0 to its maximum, nothing else. */
export function starScoreProblems(criteria: readonly StarCriterion[], scores: Readonly<Record<string, number>>): string[] {
  const problems: string[] = [];
  for (const c of criteria) {
    const v = scores[c.key];
    if (v === undefined || v === null) problems.push(`请为“${c.label}”评分`);
    else if (!Number.isInteger(v) || v < 0 || v > c.max) problems.push(`“${c.label}”的得分应为0至${c.max}的整数`);
  }
  const known = new Set(criteria.map((c) => c.key));
  for (const k of Object.keys(scores)) if (!known.has(k)) problems.push(`评分项“${k}”不在本次定级的评分标准中`);
  return problems;
}

/** The grade a total earns under the thresholds (share of the maximum total). */
export function suggestedGrade(total: number, max: number, thresholds = STAR_GRADE_THRESHOLDS): StarGrade {
  if (max <= 0) return 'weak';
  // Compare in integers (total × 1000 against max × threshold × 1000) so that 90 of 100 is exactly five stars.
  const permille = Math.floor((total * 1000) / max);
  if (permille >= Math.round(thresholds.five * 1000)) return 'five';
  if (permille >= Math.round(thresholds.four * 1000)) return 'four';
  if (permille >= Math.round(thresholds.three * 1000)) return 'three';
  return 'weak';
}

/** Why an action on a branch's entry is not possible now (null = possible). */
export function starEntryActionProblem(status: StarEntryStatus, action: StarEntryAction, ratingStatus: StarRatingStatus): string | null {
  if (ratingStatus === 'closed') return '本次定级已结束，不能再修改';
  switch (action) {
    case 'self_assess':
      return status === 'pending' || status === 'self_assessed' ? null : `该支部${STAR_ENTRY_STATUS_LABELS[status]}，不能再自评`;
    case 'review':
      if (status === 'pending') return '该支部尚未自评，不能审核';
      return status === 'self_assessed' || status === 'reviewed' ? null : '该支部已定级，不能再审核';
    case 'confirm':
      if (status === 'confirmed') return '该支部已定级';
      return status === 'reviewed' ? null : '须经上级团委审核后才能定级';
  }
}

/** Who may act on an entry: the branch itself cannot review or confirm its own rating. */
export function starActorProblem(action: StarEntryAction, f: { callerIsBranchItself: boolean; callerHoldsRatingOrg: boolean }): string | null {
  if (action === 'review' && f.callerIsBranchItself) return '审核由上级团委进行，团支部不能审核自己的自评';
  if (action === 'confirm' && !f.callerHoldsRatingOrg) return '定级由开展本次定级的团委确定';
  return null;
}

/** Why a grade cannot be confirmed: a weak branch needs a rectification task with a future deadline. */
export function confirmProblems(grade: StarGrade, rectification: { requirement: string; deadline: string } | null | undefined, today: string): string[] {
  const problems: string[] = [];
  if (grade === 'weak') {
    if (!rectification) problems.push('确定为软弱涣散团支部须同时下达整改任务（整改要求和期限）');
    else {
      if (rectification.requirement.trim().length < 4) problems.push('整改要求至少4个字');
      if (rectification.deadline <= today) problems.push('整改期限须晚于今天');
    }
  } else if (rectification) {
    problems.push('只有软弱涣散团支部需要下达整改任务');
  }
  return problems;
}

/** A task's status as of today: open past its deadline is overdue. */
export function rectificationStatusOn(task: { status: string; deadline: string; doneOn: string | null }, today: string): RectificationStatus {
  if (task.status === 'done' || task.doneOn) return 'done';
  return task.deadline < today ? 'overdue' : 'open';
}

/** Why a rating cannot be opened for a year: this year or last year only. */
export function ratingYearProblem(year: number, today: string): string | null {
  const y = Number(today.slice(0, 4));
  if (year > y) return `${year}年度尚未开始`;
  if (year < y - 1) return `只能开展本年度或上一年度的定级`;
  return null;
}

/**
 * What a scored sheet holds. Each sheet carries the criteria it was scored
 * against and the rating's title and year, so a branch or township that
 * cannot see the county's rating record still sees what it is scored on.
 */
export interface StarSheet {
  ratingTitle: string;
  year: number;
  criteria: StarCriterion[];
  scores: Record<string, number> | null;
  note?: string | null;
}
