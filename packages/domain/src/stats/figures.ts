/**
 * The catalogue of figures (指标) computed for an organization's subtree as of
 * a date, used by reporting tasks (报送任务: the figures part of a report) and
 * by the reform assessment (改革考核: each indicator names one figure). The
 * server computes them in modules/reports/figures.ts by calling the registries'
 * own service functions; this table says what each one is, so users, the web
 * client and the Excel export read the same labels and explanations.
 *
 * "As of" a date D: D is the task's deadline, or today when the deadline is
 * later (a report submitted early shows today's figures). Counts of members
 * and youth come from the month-end snapshot at or before D when D is in the
 * past (the standard statistical tables), else from the live rollups.
 * Cadre rates and village coverage exist only as of now (their registries keep
 * no history); those figures say so in `how`.
 */

export const FIGURE_KEYS = [
  'orgs_total',
  'branches',
  'new_sector_orgs',
  'new_sector_growth',
  'new_sector_coverage',
  'village_coverage',
  'members',
  'youth',
  'member_youth_ratio',
  'approved_members',
  'cadre_staffing',
  'cadre_on_duty',
  'meeting_compliance',
  'study_rate',
  'party_recommended',
  'party_recommend_rate',
  'registration_rate',
  'dues_collection_rate',
  'volunteers',
  'volunteer_hours_per_member',
  'appeal_ontime_rate',
  'deputy_liaison_rate',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export interface FigureDef {
  key: FigureKey;
  label: string;
  unit: '个' | '人' | '%' | '小时/人';
  /** A rate: the total of several organizations is recomputed from its parts (numerator/denominator), never summed. */
  ratio: boolean;
  /** How it is computed (shown beside the figure). */
  how: string;
  /** Only the current value exists (no history): as of a past date the value is today's. */
  currentOnly?: boolean;
}

export const FIGURES: readonly FigureDef[] = [
  { key: 'orgs_total', label: '团组织总数', unit: '个', ratio: false, how: '子树内正常状态的各级团组织（基层团组织情况统计表“团组织总数”）' },
  { key: 'branches', label: '团支部数', unit: '个', ratio: false, how: '子树内团支部与联合团支部之和（基层团组织情况统计表）' },
  {
    key: 'new_sector_orgs',
    label: '“三新”领域团组织数',
    unit: '个',
    ratio: false,
    how: '非公企业、新社会组织领域中，截止日已成立（成立日期不晚于截止日）且截止日未撤销的团组织',
  },
  {
    key: 'new_sector_growth',
    label: '“三新”领域团组织年增幅',
    unit: '%',
    ratio: true,
    how: '（截止日“三新”团组织数 − 上年12月31日“三新”团组织数）÷ 上年12月31日数；上年末为0时无法计算',
  },
  {
    key: 'new_sector_coverage',
    label: '“三新”领域团组织覆盖率',
    unit: '%',
    ratio: true,
    how: '“三新”应覆盖单位名录中，截止日已建团组织的单位数 ÷ 截止日在名录中的单位数（非公企业、社会组织、新就业群体）',
  },
  {
    key: 'village_coverage',
    label: '村（社区）团组织覆盖率',
    unit: '%',
    ratio: true,
    currentOnly: true,
    how: '所辖村、社区中已有正常状态团组织服务的个数 ÷ 村、社区总数（应建尽建，按行政村/社区登记）',
  },
  { key: 'members', label: '团员数', unit: '人', ratio: false, how: '子树内在册团员（团员和青年情况统计表“团员数”）' },
  { key: 'youth', label: '青年数', unit: '人', ratio: false, how: '子树内登记的青年，按出生年份在青年年龄段内（规则配置：青年年龄）' },
  { key: 'member_youth_ratio', label: '团青比例', unit: '%', ratio: true, how: '团员数 ÷ 青年数' },
  { key: 'approved_members', label: '本年度发展团员数', unit: '人', ratio: false, how: '截止日所在年度经上级团委批准入团的人数（团员发展情况统计表）' },
  {
    key: 'cadre_staffing',
    label: '团干部配备率',
    unit: '%',
    ratio: true,
    currentOnly: true,
    how: '应配备书记的团组织中已配备书记的个数 ÷ 应配备数（团干部管理“配备率”，当前任职）',
  },
  {
    key: 'cadre_on_duty',
    label: '团干部在岗率',
    unit: '%',
    ratio: true,
    currentOnly: true,
    how: '现任团干部中在岗人数 ÷ 现任团干部人数（团干部管理“在岗率”，当前任职）',
  },
  {
    key: 'meeting_compliance',
    label: '组织生活达标率',
    unit: '%',
    ratio: true,
    how: '截止日所在年度1月1日至截止日，各团支部“三会两制一课”应开次数中已按要求召开的比例（组织生活达标统计）',
  },
  { key: 'study_rate', label: '青年大学习参学率', unit: '%', ratio: true, how: '截止日所在年度各期参学人次之和 ÷ 各期应学人数之和（青年大学习统计）' },
  {
    key: 'party_recommended',
    label: '本年度推优入党人数',
    unit: '人',
    ratio: false,
    how: '截止日所在年度召开推优大会推荐的团员人次（推优入党统计“推荐总数”，按推荐时所在组织）',
  },
  {
    key: 'party_recommend_rate',
    label: '推优入党比例',
    unit: '%',
    ratio: true,
    how: '本年度推优入党人数 ÷ 在册团员数（团员和青年情况统计表“团员数”）',
  },
  {
    key: 'registration_rate',
    label: '团籍注册率',
    unit: '%',
    ratio: true,
    how: '截止日所在年度已注册的团员 ÷ 该年度应注册的团员（截至年底已入团的在册团员；团籍注册进度“已注册”÷“应注册”）',
  },
  {
    key: 'dues_collection_rate',
    label: '团费收缴率',
    unit: '%',
    ratio: true,
    how: '截止日所在年度1月至截止日所在月，应交团费的月份（入团后、非免交）中已交的月份 ÷ 应交月份（团费收缴统计）',
  },
  { key: 'volunteers', label: '注册志愿者数', unit: '人', ratio: false, how: '子树内登记的志愿者（志愿服务统计“志愿者”）' },
  {
    key: 'volunteer_hours_per_member',
    label: '团员人均志愿服务时长',
    unit: '小时/人',
    ratio: true,
    how: '截止日所在年度1月1日至截止日登记的志愿服务时长（小时）÷ 在册团员数，保留一位小数',
  },
  {
    key: 'appeal_ontime_rate',
    label: '青年之声按时答复率',
    unit: '%',
    ratio: true,
    how: '截止日所在年度受理的青年之声诉求中，在办理时限内答复的 ÷ 已答复或已到办理时限的诉求（未到时限的在办诉求不计）',
  },
  {
    key: 'deputy_liaison_rate',
    label: '团代表联系团支部覆盖率',
    unit: '%',
    ratio: true,
    how: '截止日所在年度有团代表（一专一站两联中身份为团代表的联系人）走访联系记录的团支部 ÷ 正常状态的团支部数',
  },
];

export const FIGURE_LABELS = Object.fromEntries(FIGURES.map((f) => [f.key, f.label])) as Record<FigureKey, string>;

export function figureDef(key: string): FigureDef | undefined {
  return FIGURES.find((f) => f.key === key);
}

export function isFigureKey(key: string): key is FigureKey {
  return (FIGURE_KEYS as readonly string[]).includes(key);
}

/** A figure's value with, for rates, the parts it was computed from. */
export interface FigureValue {
  value: number | null;
  numerator?: number;
  denominator?: number;
}

/** Figures of one organization as of a date, frozen in a submission. */
export interface FigureSet {
  asOf: string;
  /** The business date the figures were taken (a submission's date). */
  takenOn?: string;
  /** How the counts were read: a month-end snapshot (YYYY-MM) or the live figures. */
  basis: string;
  values: Partial<Record<FigureKey, FigureValue>>;
}

/** A percentage with one decimal, null when there is nothing to divide by. */
export function percentOf(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null;
}

/** A rate figure from its parts. */
export function rateValue(numerator: number, denominator: number): FigureValue {
  return { value: percentOf(numerator, denominator), numerator, denominator };
}

/** A per-head figure (hours per member) with one decimal: null when there is nobody to divide by. */
export function perHeadValue(numerator: number, denominator: number): FigureValue {
  return { value: denominator > 0 ? Math.round((numerator / denominator) * 10) / 10 : null, numerator, denominator };
}

/** A rate figure of either kind by its definition: percent, or per head. */
export function ratioValue(key: FigureKey, numerator: number, denominator: number): FigureValue {
  return figureDef(key)?.unit === '%' ? rateValue(numerator, denominator) : perHeadValue(numerator, denominator);
}

/** Growth in percent from a base: null when the base is 0. */
export function growthValue(now: number, base: number): FigureValue {
  return { value: base > 0 ? Math.round(((now - base) / base) * 1000) / 10 : null, numerator: now - base, denominator: base };
}

/**
 * The total of several organizations' figures (the compiled report's 合计 row):
 * counts are summed; rates are recomputed from the summed parts.
 */
export function totalFigures(sets: Partial<Record<FigureKey, FigureValue>>[], keys: readonly FigureKey[]): Partial<Record<FigureKey, FigureValue>> {
  const out: Partial<Record<FigureKey, FigureValue>> = {};
  for (const key of keys) {
    const def = figureDef(key)!;
    const present = sets.map((s) => s[key]).filter((v): v is FigureValue => !!v);
    if (!def.ratio) {
      out[key] = { value: present.some((v) => v.value !== null) ? present.reduce((s, v) => s + (v.value ?? 0), 0) : null };
      continue;
    }
    const num = present.reduce((s, v) => s + (v.numerator ?? 0), 0);
    const den = present.reduce((s, v) => s + (v.denominator ?? 0), 0);
    out[key] = key === 'new_sector_growth' ? { value: percentOf(num, den), numerator: num, denominator: den } : ratioValue(key, num, den);
  }
  return out;
}

/** The date figures are taken as of: the deadline, or today when the deadline is later. */
export function figuresAsOf(deadline: string, today: string): string {
  return deadline < today ? deadline : today;
}

/** A figure for display: "96.3%", "1,204人", "—". */
export function formatFigure(key: FigureKey, v: FigureValue | undefined | null): string {
  if (!v || v.value === null) return '—';
  const def = figureDef(key)!;
  return def.unit === '%' ? `${v.value}%` : `${v.value.toLocaleString('zh-CN')}${def.unit}`;
}
