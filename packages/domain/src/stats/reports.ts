import { FIGURE_KEYS, isFigureKey, type FigureKey } from './figures.js';

/**
 * Reports up the hierarchy (报送任务): a committee issues a task to the
 * organizations directly below it; each writes the text sections of the
 * template and submits (the figures are frozen at submission as of the
 * deadline); the issuer returns a report for revision with a reason, or
 * accepts it, and compiles the submitted and accepted ones.
 *
 *   draft ──submit──▶ submitted ──accept──▶ accepted
 *     ▲                   │
 *     └─(save)─ returned ◀┘ return (with a reason)
 *
 * Who acts: the issuer (an account whose scope contains the issuing
 * committee, permission org:manage) returns and accepts; the recipient (an
 * account whose scope contains the reporting organization but not the
 * issuer, permission org:edit) saves and submits. The server refuses with
 * these messages; the web client shows them beside the disabled buttons.
 */

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { draft: '未报送', submitted: '已报送', returned: '已退回', accepted: '已接收' };

export const REPORT_TASK_STATUSES = ['open', 'closed'] as const;
export type ReportTaskStatus = (typeof REPORT_TASK_STATUSES)[number];
export const REPORT_TASK_STATUS_LABELS: Record<ReportTaskStatus, string> = { open: '报送中', closed: '已结束' };

export const REPORT_ACTIONS = ['save', 'submit', 'return', 'accept'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];
export const REPORT_ACTION_LABELS: Record<ReportAction, string> = { save: '保存', submit: '报送', return: '退回修改', accept: '接收' };

export interface ReportSection {
  key: string;
  title: string;
  hint?: string | null;
}

/** 承德's fixed sections of a township report (the seeds: 基层汇报材料统一规范了模式). */
export const DEFAULT_REPORT_SECTIONS: readonly ReportSection[] = [
  { key: 'work', title: '工作开展情况', hint: '本期主要工作、数据和成效' },
  { key: 'experience', title: '特色经验做法', hint: '可推广的做法、典型案例' },
  { key: 'problems', title: '存在现实问题', hint: '工作中遇到的实际困难' },
  { key: 'plans', title: '下步工作打算', hint: '下一阶段的目标和措施' },
  { key: 'weak', title: '薄弱工作环节', hint: '与要求相比的差距' },
  { key: 'sensitive', title: '难点敏感数字', hint: '需上级关注的难点和敏感数据及说明' },
];

/** The figures a half-year summary carries by default. */
export const DEFAULT_REPORT_FIGURES: readonly FigureKey[] = [
  'orgs_total',
  'branches',
  'new_sector_orgs',
  'village_coverage',
  'members',
  'youth',
  'member_youth_ratio',
  'approved_members',
  'cadre_staffing',
  'meeting_compliance',
  'study_rate',
];

/** Shortest text accepted in a section at submission. */
export const MIN_SECTION_CHARS = 10;
export const MAX_SECTION_CHARS = 20_000;

export interface ReportActor {
  /** The caller's scope contains the issuing committee. */
  issuer: boolean;
  /** The caller's scope contains the reporting organization (and not the issuer). */
  recipient: boolean;
}

/** Who the caller is for a submission, from ltree paths ('*' = platform-wide). */
export function reportActorOf(scopePath: string, issuerPath: string, recipientPath: string): ReportActor {
  const within = (path: string, root: string) => root === '*' || path === root || path.startsWith(`${root}.`);
  const issuer = within(issuerPath, scopePath);
  return { issuer, recipient: !issuer && within(recipientPath, scopePath) };
}

export interface ReportState {
  status: ReportStatus;
  taskStatus: ReportTaskStatus;
  actor: ReportActor;
  /** The template's sections and the texts written (for submit). */
  sections?: readonly ReportSection[];
  texts?: Record<string, string>;
}

/** Why `action` cannot be done now; empty when it can. */
export function reportActionProblems(action: ReportAction, s: ReportState): string[] {
  const problems: string[] = [];
  const label = REPORT_STATUS_LABELS[s.status];
  if (action === 'save' || action === 'submit') {
    if (!s.actor.recipient) problems.push(s.actor.issuer ? '报告由报送单位填写，发布单位只能退回或接收' : '只有报送单位可以填写和报送');
    if (s.taskStatus === 'closed') problems.push('报送任务已结束，不能再填写或报送');
    if (s.status !== 'draft' && s.status !== 'returned') problems.push(`报告${label}，不能${action === 'save' ? '修改' : '再次报送'}`);
    if (action === 'submit' && s.sections) {
      for (const sec of s.sections) {
        const text = (s.texts?.[sec.key] ?? '').trim();
        if (!text) problems.push(`「${sec.title}」尚未填写`);
        else if (text.length < MIN_SECTION_CHARS) problems.push(`「${sec.title}」至少${MIN_SECTION_CHARS}个字`);
      }
    }
    return problems;
  }
  if (!s.actor.issuer) problems.push(action === 'return' ? '只有发布任务的单位可以退回报告' : '只有发布任务的单位可以接收报告');
  if (s.status !== 'submitted') problems.push(`报告${label}，只能${action === 'return' ? '退回' : '接收'}已报送的报告`);
  if (action === 'return' && s.taskStatus === 'closed') problems.push('报送任务已结束，不能再退回修改');
  return problems;
}

export function reportAllowed(action: ReportAction, s: ReportState): boolean {
  return reportActionProblems(action, s).length === 0;
}

/** The status after an action. */
export const REPORT_NEXT_STATUS: Record<ReportAction, ReportStatus | null> = { save: null, submit: 'submitted', return: 'returned', accept: 'accepted' };

/** Submissions that go into the compiled document. */
export const COMPILED_STATUSES: readonly ReportStatus[] = ['submitted', 'accepted'];

/** What comes next for the recipient/issuer, for the page's hint line. */
export function reportNextStep(s: ReportState, deadline: string, today: string): string {
  if (s.actor.recipient) {
    if (s.taskStatus === 'closed') return '任务已结束';
    if (s.status === 'draft') return today > deadline ? `已过截止日期（${deadline}），请尽快填写并报送` : `请在 ${deadline} 前填写各部分并报送`;
    if (s.status === 'returned') return '报告被退回，请按退回意见修改后重新报送';
    if (s.status === 'submitted') return '已报送，等待上级审核';
    return '上级已接收';
  }
  if (s.actor.issuer) {
    if (s.status === 'submitted') return '已报送：请审阅后接收或退回修改';
    if (s.status === 'returned') return '已退回，等待报送单位修改';
    if (s.status === 'draft') return today > deadline ? '已逾期未报送' : '尚未报送';
    return '已接收';
  }
  return '';
}

export interface TaskDraft {
  title: string;
  deadline: string;
  sections: readonly ReportSection[];
  figures: readonly string[];
}

/** Problems of a task about to be issued (template and deadline). */
export function taskProblems(t: TaskDraft, today: string, recipients: number): string[] {
  const problems: string[] = [];
  if (t.deadline < today) problems.push('截止日期不能早于今天');
  if (!t.sections.length) problems.push('至少需要一个文字部分');
  const keys = new Set<string>();
  const titles = new Set<string>();
  for (const s of t.sections) {
    if (keys.has(s.key)) problems.push(`部分编码「${s.key}」重复`);
    if (titles.has(s.title)) problems.push(`部分「${s.title}」重复`);
    keys.add(s.key);
    titles.add(s.title);
  }
  for (const f of t.figures) if (!isFigureKey(f)) problems.push(`指标「${f}」不在指标目录中`);
  if (new Set(t.figures).size !== t.figures.length) problems.push('数据指标重复');
  if (recipients === 0) problems.push('该组织没有可报送的下级组织');
  return problems;
}

/** Figures in catalogue order. */
export function orderedFigures(keys: readonly string[]): FigureKey[] {
  return FIGURE_KEYS.filter((k) => keys.includes(k));
}

/** Progress of a task from its submissions' statuses. */
export function reportProgress(statuses: readonly ReportStatus[]) {
  const count = (s: ReportStatus) => statuses.filter((x) => x === s).length;
  const submitted = count('submitted') + count('accepted');
  return {
    total: statuses.length,
    draft: count('draft'),
    submitted: count('submitted'),
    returned: count('returned'),
    accepted: count('accepted'),
    /** Reported at least once and currently in (submitted or accepted). */
    reported: submitted,
    rate: statuses.length ? Math.round((submitted / statuses.length) * 1000) / 10 : null,
  };
}
