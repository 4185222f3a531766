import type { Rules } from '../rules/config.js';
import { daysFromTo, shiftDays } from '../org-life/periods.js';

/**
 * 学社衔接 (graduates' transfers) and the deadline of every transfer. A school
 * class branch carries its graduation year; at graduation its members are
 * transferred to where they go (work unit, community of residence, further
 * study). Members whose destination is unknown are held in the county's
 * temporary graduates' branch. A transfer the receiving side has not handled
 * by its due date is escalated to the level above the receiving organization,
 * one more level for every further period — never approved or dropped
 * silently.
 */

export const GRADUATE_DESTINATIONS = ['work', 'community', 'study', 'unknown'] as const;
export type GraduateDestination = (typeof GRADUATE_DESTINATIONS)[number];
export const GRADUATE_DESTINATION_LABELS: Record<GraduateDestination, string> = {
  work: '工作单位',
  community: '居住地社区（村）',
  study: '继续升学',
  unknown: '去向不明',
};

export const TRANSFER_KINDS = ['regular', 'graduate'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const TRANSFER_KIND_LABELS: Record<TransferKind, string> = { regular: '一般转接', graduate: '毕业生转接' };

/** The county's holding branch for graduates whose destination is unknown: "<县名>毕业生临时团支部". */
export const TEMP_GRADUATE_BRANCH_SUFFIX = '毕业生临时团支部';

/** The county's plain name from its committee's name: "共青团余庆县委员会" → "余庆县". */
export function countyPlainName(committeeName: string): string {
  return committeeName.replace(/^共青团/, '').replace(/(委员会|团委)$/, '');
}

export function tempGraduateBranchName(countyCommitteeName: string): string {
  return `${countyPlainName(countyCommitteeName)}${TEMP_GRADUATE_BRANCH_SUFFIX}`;
}

export const isTempGraduateBranchName = (name: string) => name.endsWith(TEMP_GRADUATE_BRANCH_SUFFIX);

/**
 * Month from which a school year's classes count as graduated (毕业季). Not in
 * the rules configuration yet; one named constant until it moves there.
 */
export const GRADUATION_MONTH = 6;

/** The graduation year whose graduates are being transferred now: this year from June, else last year's. */
export function currentGraduationYear(today: string): number {
  const y = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= GRADUATION_MONTH ? y : y - 1;
}

/** The day a year's graduates count as graduated: the last day of the graduation month. */
export function graduationDate(year: number): string {
  return new Date(Date.UTC(year, GRADUATION_MONTH, 0)).toISOString().slice(0, 10);
}

/** When the receiving side must have acted on a transfer requested on `requestedOn`. */
export function transferDueOn(kind: TransferKind, requestedOn: string, rules: Rules): string {
  const days = kind === 'graduate' ? rules.dailyWork.graduateTransferDueDays : rules.dailyWork.transferDueDays;
  return shiftDays(requestedOn, days);
}

/** The period between escalation steps: the same number of days as the deadline. */
export function escalationPeriodDays(kind: TransferKind, rules: Rules): number {
  return kind === 'graduate' ? rules.dailyWork.graduateTransferDueDays : rules.dailyWork.transferDueDays;
}

/**
 * How many levels above the receiving organization an unhandled transfer has
 * climbed by `today`: 0 until the due date has passed, 1 the day after, one
 * more after every further full period.
 */
export function escalationLevels(dueOn: string, today: string, periodDays: number): number {
  const late = daysFromTo(dueOn, today);
  if (late <= 0) return 0;
  return 1 + Math.floor((late - 1) / Math.max(1, periodDays));
}

/**
 * The organization an unhandled transfer is escalated to: `levels` above the
 * receiving organization on its path (ids, root first), never above the root.
 * null when the receiving organization is the root itself.
 */
export function escalationTarget(receivingPathIds: readonly number[], levels: number): number | null {
  if (levels <= 0 || receivingPathIds.length < 2) return null;
  const index = Math.max(0, receivingPathIds.length - 1 - levels);
  return receivingPathIds[index]!;
}

export const GRADUATE_STATES = ['not_started', 'pending', 'escalated', 'transferred', 'held', 'lost'] as const;
export type GraduateState = (typeof GRADUATE_STATES)[number];
export const GRADUATE_STATE_LABELS: Record<GraduateState, string> = {
  not_started: '未办理转接',
  pending: '转接中',
  escalated: '逾期已上报',
  transferred: '已转出',
  held: '临时团支部托管',
  lost: '失联',
};

/** A graduate's latest graduate transfer, as far as the caller can see it. */
export interface GraduateTransferFacts {
  status: 'pending' | 'accepted' | 'rejected' | 'cancelled' | 'lapsed';
  /** The receiving organization is the temporary graduates' branch. */
  toTemp: boolean;
  requestedOn: string;
  decidedOn: string | null;
  dueOn: string | null;
  escalatedOn: string | null;
}

/**
 * Where a graduate stands. Lost (失联) = the league has lost track: no transfer
 * started, or the last one sent back or withdrawn, once the graduate deadline
 * after graduation has passed; or held in the temporary branch for longer than
 * that deadline without a destination.
 */
export function graduateState(t: GraduateTransferFacts | null, graduationYear: number, today: string, rules: Rules): GraduateState {
  const days = rules.dailyWork.graduateTransferDueDays;
  const deadline = shiftDays(graduationDate(graduationYear), days);
  if (!t || t.status === 'rejected' || t.status === 'cancelled' || t.status === 'lapsed') return today > deadline ? 'lost' : 'not_started';
  if (t.status === 'pending') return t.escalatedOn || (t.dueOn !== null && today > t.dueOn) ? 'escalated' : 'pending';
  if (t.toTemp) return today > shiftDays(t.decidedOn ?? t.requestedOn, days) ? 'lost' : 'held';
  return 'transferred';
}

/** Why a graduate transfer cannot be started for a member of a class. */
export function graduateTransferProblems(f: {
  name: string;
  memberStatus: string | null;
  /** The member's branch is a class with a graduation year, or the temporary graduates' branch. */
  inGraduatingClass: boolean;
  graduationYear: number | null;
  destination: GraduateDestination;
  hasTarget: boolean;
  today: string;
}): string[] {
  const problems: string[] = [];
  if (f.memberStatus !== 'active') problems.push(`${f.name}不是在册团员`);
  if (!f.inGraduatingClass) problems.push(`${f.name}所在团支部不是毕业班（未标注毕业年份）`);
  else if (f.graduationYear !== null && f.graduationYear > Number(f.today.slice(0, 4)) + 1) problems.push(`${f.name}所在班级${f.graduationYear}年毕业，尚未到毕业转接时间`);
  if (f.destination !== 'unknown' && !f.hasTarget) problems.push('请选择转入组织（去向不明的转入县毕业生临时团支部）');
  return problems;
}

/** Why a graduation year cannot be set on an organization. */
export function graduationYearProblems(f: { isBranch: boolean; sector: string; year: number | null; today: string }): string[] {
  const problems: string[] = [];
  if (!f.isBranch || f.sector !== 'school') problems.push('只有学校的班级团支部可以标注毕业年份');
  if (f.year !== null) {
    const y = Number(f.today.slice(0, 4));
    if (f.year < y - 10 || f.year > y + 8) problems.push(`毕业年份应在${y - 10}至${y + 8}年之间`);
  }
  return problems;
}
