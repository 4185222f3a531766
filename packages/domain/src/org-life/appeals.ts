import type { Rules } from '../rules/config.js';
import type { OrgType } from '../org/types.js';
import { shiftDays, daysFromTo } from './periods.js';

/**
 * 青年之声: a young person's appeal (no account; a phone number and a tracking
 * code), routed to the organization they chose from the public list, then
 * assigned, answered, closed and rated. Answer within
 * `rules.youthWork.appealAnswerDays`; overdue appeals can be escalated to the
 * organization above. Visible only inside the handling organization's line.
 */
export const APPEAL_CATEGORIES = [
  'study',
  'employment',
  'entrepreneurship',
  'marriage',
  'integration',
  'rights',
  'mental_health',
  'elderly_care',
  'child_education',
  'other',
] as const;
export type AppealCategory = (typeof APPEAL_CATEGORIES)[number];
export const APPEAL_CATEGORY_LABELS: Record<AppealCategory, string> = {
  study: '就学',
  employment: '就业',
  entrepreneurship: '创新创业',
  marriage: '婚恋交友',
  integration: '社会融入',
  rights: '权益维护',
  mental_health: '心理健康',
  elderly_care: '老人赡养',
  child_education: '子女教育',
  other: '其他',
};

export const APPEAL_STATUSES = ['submitted', 'assigned', 'answered', 'closed'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = { submitted: '待受理', assigned: '办理中', answered: '已答复', closed: '已办结' };
export const OPEN_APPEAL_STATUSES: readonly AppealStatus[] = ['submitted', 'assigned'];

export const APPEAL_EVENT_KINDS = ['submitted', 'assigned', 'transferred', 'escalated', 'answered', 'closed', 'rated'] as const;
export type AppealEventKind = (typeof APPEAL_EVENT_KINDS)[number];
export const APPEAL_EVENT_LABELS: Record<AppealEventKind, string> = {
  submitted: '提交',
  assigned: '分派',
  transferred: '转办',
  escalated: '超期上报督办',
  answered: '答复',
  closed: '办结',
  rated: '评价',
};

/** Organizations offered on the public form: committees that handle appeals. */
export const APPEAL_HANDLER_ORG_TYPES: readonly OrgType[] = ['county', 'township', 'subdistrict', 'unit_committee'];

export const APPEAL_RATING_LABELS: Record<number, string> = { 1: '很不满意', 2: '不满意', 3: '基本满意', 4: '满意', 5: '非常满意' };

export function appealDeadline(submittedOn: string, rules: Rules): string {
  return shiftDays(submittedOn, rules.youthWork.appealAnswerDays);
}

export function isAppealOverdue(a: { status: string; deadline: string }, today: string): boolean {
  return (OPEN_APPEAL_STATUSES as readonly string[]).includes(a.status) && a.deadline < today;
}

/** Days past the deadline (0 when not overdue). */
export function appealDaysOverdue(a: { status: string; deadline: string }, today: string): number {
  return isAppealOverdue(a, today) ? daysFromTo(a.deadline, today) : 0;
}

/** The organization chosen on the public form must be an active committee. */
export function appealRoutingProblem(org: { type: string; status: string } | null): string | null {
  if (!org || org.status !== 'active' || !APPEAL_HANDLER_ORG_TYPES.includes(org.type as OrgType)) return '请从列表中选择所在乡镇（街道）或团组织';
  return null;
}

export type AppealAction = 'assign' | 'answer' | 'close' | 'transfer' | 'escalate' | 'rate';

export function appealActionProblems(
  a: { status: string; deadline: string; rating?: number | null },
  action: AppealAction,
  ctx: { today: string; hasParent?: boolean; sameTarget?: boolean },
): string[] {
  const label = APPEAL_STATUS_LABELS[a.status as AppealStatus] ?? a.status;
  const open = (OPEN_APPEAL_STATUSES as readonly string[]).includes(a.status);
  switch (action) {
    case 'assign':
      return open ? [] : [`该诉求${label}，不能再分派`];
    case 'answer':
      if (a.status === 'submitted') return ['请先分派承办人再答复'];
      return a.status === 'assigned' ? [] : [`该诉求${label}，不能再答复`];
    case 'close':
      return a.status === 'answered' ? [] : [a.status === 'closed' ? '该诉求已办结' : '尚未答复，不能办结'];
    case 'transfer':
      if (!open) return [`该诉求${label}，不能再转办`];
      return ctx.sameTarget ? ['转办对象与当前承办组织相同'] : [];
    case 'escalate': {
      if (!open) return [`该诉求${label}，无需上报`];
      const problems: string[] = [];
      if (!isAppealOverdue(a, ctx.today)) problems.push(`办理时限至${a.deadline}，尚未超期`);
      if (ctx.hasParent === false) problems.push('已是您管理范围内的最高一级组织，请由上级团委督办');
      return problems;
    }
    case 'rate':
      if (a.status !== 'answered' && a.status !== 'closed') return ['诉求尚未答复，答复后才能评价'];
      return a.rating != null ? ['您已评价过该诉求'] : [];
  }
}

/* -------------------------------------------------------------- tracking code */

/** No 0/O, 1/I: read aloud over the phone without confusion. */
export const TRACKING_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** "QS260315K7M2PX": 青声 + submission date + six random characters. */
export function makeTrackingCode(submittedOn: string, random: readonly number[]): string {
  const date = submittedOn.slice(2).replaceAll('-', '');
  const tail = random.slice(0, 6).map((n) => TRACKING_CODE_ALPHABET[n % TRACKING_CODE_ALPHABET.length]).join('');
  return `QS${date}${tail}`;
}

export function normalizeTrackingCode(text: string): string {
  return text.trim().toUpperCase().replace(/[\s-]/g, '');
}

export function isTrackingCode(text: string): boolean {
  return /^QS\d{6}[2-9A-HJ-NP-Z]{6}$/.test(text);
}
