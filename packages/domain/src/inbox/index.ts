import { DEVELOPMENT_STEPS, DEVELOPMENT_STEP_LABELS, type DevelopmentStep } from '../people/development.js';
import type { TransferInitiator } from '../people/membership.js';
import { isBranchType, type OrgType } from '../org/types.js';
import type { Rules } from '../rules/config.js';

export * from './notice-form.js';

/**
 * 待办 (to-do inbox): what waits on an organization, computed from the records
 * of every module (no stored to-do rows). These are the rules of what counts
 * as an item, whose it is, and when it is overdue; the server turns each into
 * one indexed query over the caller's scope.
 */
export const INBOX_KINDS = [
  'notice',
  'transfer',
  'interprovince',
  'graduate_escalated',
  'development',
  'correction',
  'registration',
  'appraisal',
  'meeting',
  'dues',
  'dues_receipt',
  'join_application',
  'archive',
  'archive_review',
  'remittance',
  'report',
  'appeal',
  'rectification',
  'star_rating',
  'honor',
  'election',
  'party_meeting',
  'venue',
  'backup',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export const INBOX_KIND_LABELS: Record<InboxKind, string> = {
  notice: '通知公告',
  transfer: '组织关系转接',
  interprovince: '跨省转接',
  graduate_escalated: '毕业生转接督办',
  development: '团员发展',
  correction: '信息更正申请',
  registration: '团籍注册',
  appraisal: '教育评议',
  meeting: '三会两制一课',
  dues: '团费收缴',
  dues_receipt: '团费交纳凭证',
  join_application: '入团申请',
  archive: '团员身份认证',
  archive_review: '电子档案审核',
  remittance: '团费上缴',
  report: '报送任务',
  appeal: '青年之声',
  rectification: '整改任务',
  star_rating: '对标定级',
  honor: '评优表彰',
  election: '换届选举',
  party_meeting: '党委研究团的工作',
  venue: '团属阵地',
  backup: '数据备份',
};

/** The web page that acts on each kind of item (the item adds the query that opens its record). */
export const INBOX_KIND_PAGES: Record<InboxKind, string> = {
  notice: '/notices/received',
  transfer: '/membership/transfers',
  interprovince: '/membership/transfers',
  graduate_escalated: '/daily/graduates',
  development: '/development/cases',
  correction: '/daily/corrections',
  registration: '/membership/registrations',
  appraisal: '/membership/appraisals',
  meeting: '/org-life/meetings',
  dues: '/daily/dues',
  dues_receipt: '/daily/dues',
  join_application: '/development/cases',
  archive: '/archive',
  archive_review: '/archive',
  remittance: '/daily/dues',
  report: '/stats/reports',
  appeal: '/youth/appeals',
  rectification: '/daily/ratings',
  star_rating: '/daily/ratings',
  honor: '/youth/honors',
  election: '/cadres/elections',
  party_meeting: '/daily/party-meetings',
  venue: '/org-life/venues',
  backup: '/rules',
};

/** A link to the acting page with the query that opens the record. */
export function inboxLink(kind: InboxKind, params: Record<string, string | number> = {}, path?: string): string {
  const base = path ?? INBOX_KIND_PAGES[kind];
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  return q ? `${base}?${q}` : base;
}

/** An item is overdue the day after its deadline. */
export function isOverdue(deadline: string | null, today: string): boolean {
  return deadline !== null && deadline < today;
}

/** How many items of each source an inbox response carries (the counts are always complete). */
export const INBOX_ITEMS_PER_SOURCE = 20;

/* ------------------------------------------------------------ transfers */

/**
 * The side a pending transfer waits on: the receiving organization accepts
 * what the sending side (or the member through it) started; the sending side
 * agrees to what the receiving side asked for. A receiving side's request past
 * its due date also waits on the lowest committee above both sides (上级审批).
 */
export const TRANSFER_WAITS_ON: Record<TransferInitiator, 'from' | 'to'> = { sending: 'to', member: 'to', receiving: 'from' };

export type TransferWaitingSide = 'from' | 'to' | 'superior';

export function transferWaitingSides(t: { status: string; initiatedBy: TransferInitiator; dueOn?: string | null }, today: string): TransferWaitingSide[] {
  if (t.status !== 'pending') return [];
  const side = TRANSFER_WAITS_ON[t.initiatedBy];
  return side === 'from' && t.dueOn && today > t.dueOn ? [side, 'superior'] : [side];
}

export function transferItemTitle(personName: string, side: TransferWaitingSide): string {
  if (side === 'to') return `${personName}的组织关系转入待接收`;
  if (side === 'from') return `${personName}的组织关系转出申请待同意`;
  return `${personName}的组织关系转接申请逾期未答复，待上级审批`;
}

/* ---------------------------------------------------------- development */

/**
 * Development stages (the last step recorded) after which the next step is
 * due, and who takes it: the branch, or the committee above it that approves.
 * Earlier stages are long observation periods, not items.
 */
export const DEVELOPMENT_INBOX_STAGES: Partial<Record<DevelopmentStep, 'branch' | 'approver'>> = {
  candidate: 'branch',
  application_form: 'branch',
  branch_meeting: 'approver',
  approval: 'branch',
};

export function developmentItemTitle(personName: string, stage: DevelopmentStep): string {
  const next = DEVELOPMENT_STEPS[DEVELOPMENT_STEPS.indexOf(stage) + 1];
  if (stage === 'branch_meeting') return `${personName}的入团申请待审批`;
  return `${personName}的入团：待${next ? DEVELOPMENT_STEP_LABELS[next] : '办理'}`;
}

/* ------------------------------------------------- registration, appraisal */

/**
 * 团籍注册 of a year and 教育评议 of the year before are due by the end of a
 * month of that year (规则配置 → 日常团务; the first quarter by default).
 */
export function registrationDeadline(year: number, rules: Pick<Rules, 'dailyWork'>): string {
  return monthEnd(`${year}-${String(rules.dailyWork.registrationDueMonth).padStart(2, '0')}-01`);
}
export function appraisalDeadline(appraisalYear: number, rules: Pick<Rules, 'dailyWork'>): string {
  return monthEnd(`${appraisalYear + 1}-${String(rules.dailyWork.appraisalDueMonth).padStart(2, '0')}-01`);
}

/* --------------------------------------------------------------- dues */

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}
export function monthEnd(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
export function monthLabel(period: string): string {
  return `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
}

/** A branch remits a month's collected dues by the end of the month `rules.dues.remitGraceMonths` later (规则配置 → 团费). */
export function remittanceDeadline(period: string, rules: Pick<Rules, 'dues'>): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return monthEnd(new Date(Date.UTC(y, m - 1 + rules.dues.remitGraceMonths, 1)).toISOString().slice(0, 10));
}

/* ------------------------------------------------------------- notices */

export const NOTICE_TITLE_MAX = 80;
export const NOTICE_BODY_MAX = 10_000;
export const NOTICE_REPLY_MAX = 2_000;
export const NOTICE_ATTACHMENTS_MAX = 5;

/** What a receiving organization still has to do with a notice. */
export function noticePending(n: { replyRequired: boolean; read: boolean; replied: boolean }): 'read' | 'reply' | null {
  if (!n.read) return 'read';
  if (n.replyRequired && !n.replied) return 'reply';
  return null;
}

export function noticeItemTitle(title: string, pending: 'read' | 'reply'): string {
  return pending === 'read' ? `通知《${title}》待阅读` : `通知《${title}》待回复`;
}

/** Committees publish notices to their subtree; a branch has no organization below it to notify. */
export function noticePublisherProblem(org: { type: OrgType } | null): string | null {
  if (!org) return '平台管理员请以组织账号发布通知';
  return isBranchType(org.type) ? '团支部不能发布通知公告，请由上级团委发布' : null;
}
