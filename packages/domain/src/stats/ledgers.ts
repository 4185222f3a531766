import type { Permission } from '../auth/roles.js';

/**
 * The ledgers (台账) a county keeps, generated from the records (余庆: 组织台账4项、
 * 工作台账5项、青年台账2项). Each ledger is a plain table: its columns (Chinese
 * headers, in print order) and the period it covers. The server fills the rows
 * for an organization's subtree; the web page and the Excel export render the
 * same columns.
 */
export const LEDGER_KINDS = ['organization', 'work', 'youth'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = { organization: '组织台账', work: '工作台账', youth: '青年台账' };

/** current: the state on the day it is generated; year: the records of one calendar year. */
export const LEDGER_PERIODS = ['current', 'year'] as const;
export type LedgerPeriod = (typeof LEDGER_PERIODS)[number];
export const LEDGER_PERIOD_LABELS: Record<LedgerPeriod, string> = { current: '当前在册（截至生成之日）', year: '年度（1月1日至12月31日）' };

export interface LedgerColumn {
  key: string;
  label: string;
  /** Column width in the Excel sheet (characters). */
  width: number;
  /** Numbers are right-aligned and summed nowhere; money is yuan with two decimals. */
  align?: 'right';
}

export interface LedgerDef {
  key: string;
  kind: LedgerKind;
  title: string;
  period: LedgerPeriod;
  /** What the ledger records, shown under its title. */
  description: string;
  /** Ledgers that list people need the registry permission; the others only figures. */
  permission: Extract<Permission, 'stats:read' | 'person:read'>;
  columns: LedgerColumn[];
}

const c = (key: string, label: string, width = 12, align?: 'right'): LedgerColumn => (align ? { key, label, width, align } : { key, label, width });
const ORG = c('orgName', '所在组织', 30);

export const LEDGERS: LedgerDef[] = [
  {
    key: 'org_settings',
    kind: 'organization',
    title: '组织设置台账',
    period: 'current',
    description: '团组织的设置情况：类型、领域、所在村（社区）、成立时间、书记和团员数',
    permission: 'stats:read',
    columns: [
      c('name', '组织名称', 32),
      c('parentName', '上级组织', 28),
      c('type', '组织类型', 12),
      c('sector', '所属领域', 12),
      c('adminUnit', '所在村（社区）', 16),
      c('foundedOn', '成立日期', 12),
      c('secretary', '书记', 10),
      c('members', '团员数（人）', 10, 'right'),
      c('contactName', '联系人', 10),
    ],
  },
  {
    key: 'cadres',
    kind: 'organization',
    title: '团干部台账',
    period: 'current',
    description: '在任团干部：任职组织、职务、专兼职、任职时间、是否在岗',
    permission: 'person:read',
    columns: [
      c('name', '姓名', 10),
      c('gender', '性别', 6),
      c('birthDate', '出生日期', 12),
      c('politicalStatus', '政治面貌', 14),
      c('education', '学历', 12),
      ORG,
      c('title', '职务', 12),
      c('employment', '专兼职', 8),
      c('startOn', '任职日期', 12),
      c('onDuty', '是否在岗', 8),
      c('workUnit', '工作单位', 24),
    ],
  },
  {
    key: 'elections',
    kind: 'organization',
    title: '换届选举台账',
    period: 'current',
    description: '各组织的任期：本届起始、届期、届满日期，以及换届（选配）进展',
    permission: 'stats:read',
    columns: [
      ORG,
      c('startedOn', '本届起始', 12),
      c('lengthYears', '届期（年）', 8, 'right'),
      c('dueOn', '届满日期', 12),
      c('termState', '任期状态', 10),
      c('electionTitle', '换届（选配）事项', 30),
      c('electionStage', '进展', 14),
    ],
  },
  {
    key: 'roster',
    kind: 'organization',
    title: '团员花名册',
    period: 'current',
    description: '在册团员：团员编号、基本情况、入团时间和所在团支部',
    permission: 'person:read',
    columns: [
      c('memberNo', '团员编号', 20),
      c('name', '姓名', 10),
      c('gender', '性别', 6),
      c('ethnicity', '民族', 8),
      c('birthDate', '出生日期', 12),
      c('education', '学历', 12),
      c('joinedOn', '入团日期', 12),
      ORG,
      c('occupation', '职业（年级）', 16),
      c('phone', '联系电话', 14),
    ],
  },
  {
    key: 'org_life',
    kind: 'work',
    title: '组织生活台账（三会两制一课）',
    period: 'year',
    description: '本年度计划和召开的团员大会、支委会、团小组会、团课、主题团日',
    permission: 'stats:read',
    columns: [ORG, c('kind', '类别', 12), c('topic', '主题', 30), c('plannedOn', '计划日期', 12), c('heldOn', '召开日期', 12), c('place', '地点', 16), c('expected', '应到（人）', 9, 'right'), c('present', '实到（人）', 9, 'right'), c('status', '状态', 8)],
  },
  {
    key: 'development',
    kind: 'work',
    title: '团员发展台账',
    period: 'year',
    description: '本年度在培养考察中或已批准入团的发展对象及其所处阶段',
    permission: 'person:read',
    columns: [c('name', '姓名', 10), c('gender', '性别', 6), c('birthDate', '出生日期', 12), ORG, c('stage', '所处阶段', 14), c('startedOn', '提出申请', 12), c('approvedOn', '批准入团', 12), c('status', '状态', 10)],
  },
  {
    key: 'registration',
    kind: 'work',
    title: '团籍注册与评议台账',
    period: 'year',
    description: '在册团员本年度的团籍注册结果和民主评议等次',
    permission: 'person:read',
    columns: [c('memberNo', '团员编号', 20), c('name', '姓名', 10), ORG, c('registration', '注册情况', 10), c('decidedOn', '注册日期', 12), c('appraisal', '评议等次', 10), c('note', '备注', 24)],
  },
  {
    key: 'dues',
    kind: 'work',
    title: '团费收缴台账',
    period: 'year',
    description: '本年度逐月收缴的团费（元）',
    permission: 'person:read',
    columns: [c('name', '姓名', 10), ORG, c('period', '所属月份', 10), c('amount', '金额（元）', 10, 'right'), c('paidOn', '缴纳日期', 12), c('method', '缴纳方式', 10), c('receiptNo', '收据号', 18)],
  },
  {
    key: 'activities',
    kind: 'work',
    title: '活动与志愿服务台账',
    period: 'year',
    description: '本年度开展的团的活动和志愿服务项目：参加人数和服务时长',
    permission: 'stats:read',
    columns: [ORG, c('category', '类别', 10), c('type', '活动类型', 14), c('theme', '主题（项目）', 30), c('date', '日期', 12), c('place', '地点', 16), c('members', '参加团员（人）', 10, 'right'), c('youth', '参加青年（人）', 10, 'right'), c('hours', '服务时长（小时）', 10, 'right')],
  },
  {
    key: 'youth_roster',
    kind: 'youth',
    title: '青年花名册',
    period: 'current',
    description: '在册青年（按出生年份计算的青年年龄段）及其政治面貌、学习或工作情况',
    permission: 'person:read',
    columns: [c('name', '姓名', 10), c('gender', '性别', 6), c('birthDate', '出生日期', 12), c('ethnicity', '民族', 8), c('education', '学历', 12), c('politicalStatus', '政治面貌', 14), ORG, c('occupation', '职业（年级）', 16), c('phone', '联系电话', 14)],
  },
  {
    key: 'appeals',
    kind: 'youth',
    title: '青年诉求台账',
    period: 'year',
    description: '本年度受理的青年诉求（青年之声）及办理、答复和评价情况',
    permission: 'person:read',
    columns: [c('trackingCode', '受理编号', 16), c('category', '类别', 10), c('title', '诉求标题', 30), c('askerName', '诉求人', 10), c('orgName', '承办组织', 28), c('submittedOn', '提交日期', 12), c('deadline', '办理期限', 12), c('status', '状态', 8), c('answeredOn', '答复日期', 12), c('rating', '评价', 10)],
  },
];

export function ledgerDef(key: string): LedgerDef | undefined {
  return LEDGERS.find((l) => l.key === key);
}

export function ledgersOfKind(kind: LedgerKind): LedgerDef[] {
  return LEDGERS.filter((l) => l.kind === kind);
}

/** The period line of a ledger as printed under its title. */
export function ledgerPeriodText(def: Pick<LedgerDef, 'period'>, ctx: { year: number; today: string }): string {
  return def.period === 'year' ? `${ctx.year}年度` : `截至${ctx.today}`;
}

/** Status of a development case as the 团员发展台账 prints it. */
export const LEDGER_CASE_STATUS_LABELS: Record<string, string> = { in_progress: '培养考察中', admitted: '已批准入团', stopped: '已终止', revoked: '已清退' };
