import type { OrgType } from '../org/types.js';
import { FIGURES, isFigureKey, type FigureKey, type FigureValue } from './figures.js';

/**
 * 党建带团建 / 县域改革 考核: a committee defines a scheme for a year — indicators,
 * each naming a figure of the catalogue (stats/figures.ts) with a weight and a
 * target — and every child organization is scored from its own figures as of
 * the end of the year (or today during the year).
 *
 * Scoring formula (per indicator i, with weight wᵢ and target tᵢ):
 *   direction 'higher' (more is better, e.g. 覆盖率 100%, 增幅 20%, 配备率):
 *       scoreᵢ = wᵢ × clamp(actualᵢ ÷ tᵢ, 0, 1)      (tᵢ = 0: full marks when actualᵢ ≥ 0)
 *   direction 'lower' (less is better, e.g. a count of overdue items):
 *       scoreᵢ = wᵢ × clamp(tᵢ ÷ actualᵢ, 0, 1)      (actualᵢ ≤ tᵢ: full marks)
 *   an indicator without a value (nothing to count, e.g. no village in the
 *   township, or no base for a growth) scores 0 and is flagged 无数据.
 * Other scoring rules per indicator (`scoring`):
 *   'threshold' (分档): steps { value, score }: the best score among the steps
 *       reached (actual ≥ value, or ≤ value when lower is better), 0 when none;
 *   'rank' (按名次): the assessed organizations with a value ranked by it
 *       (equal values share a rank); rank r of n scores wᵢ × (n − r + 1) ÷ n.
 * Scores are rounded to two decimals; the total is the sum of the indicator
 * scores, out of the sum of the weights (normally 100). Ranking: by total,
 * descending; equal totals share a rank (1, 1, 3).
 */

export const ASSESSMENT_DIRECTIONS = ['higher', 'lower'] as const;
export type AssessmentDirection = (typeof ASSESSMENT_DIRECTIONS)[number];
export const ASSESSMENT_DIRECTION_LABELS: Record<AssessmentDirection, string> = { higher: '越高越好', lower: '越低越好' };

export const SCHEME_STATUSES = ['draft', 'published'] as const;
export type SchemeStatus = (typeof SCHEME_STATUSES)[number];
export const SCHEME_STATUS_LABELS: Record<SchemeStatus, string> = { draft: '草稿', published: '已发布' };

/**
 * A manual (qualitative) indicator: no figure; the assessing committee scores
 * each township from 0 to the weight by the indicator's rule, with evidence
 * (a note and attachments). Only the assessing committee may score.
 */
export const MANUAL_METRIC = 'manual' as const;
export const MANUAL_METRIC_LABEL = '人工评分（考核单位评定）';
export type IndicatorMetric = FigureKey | typeof MANUAL_METRIC;

export const SCORING_RULES = ['linear', 'threshold', 'rank'] as const;
export type ScoringRule = (typeof SCORING_RULES)[number];
export const SCORING_RULE_LABELS: Record<ScoringRule, string> = { linear: '按目标值折算', threshold: '分档计分', rank: '按名次计分' };

/** A step of a threshold rule: reaching `value` scores `score` points. */
export interface ScoreStep {
  value: number;
  score: number;
}

export interface Indicator {
  key: string;
  label: string;
  metric: IndicatorMetric;
  /** How a figure is scored; linear to the target when absent. */
  scoring?: ScoringRule;
  /** The steps of a threshold rule. */
  steps?: ScoreStep[];
  /** 评分细则: how the committee scores a manual indicator (or notes on a figure). */
  rule?: string;
  weight: number;
  target: number;
  direction: AssessmentDirection;
}

/** A starting scheme (the seeds: coverage 100%, 三新 +20% a year, 配备率, 在岗率, 组织生活, 参学率). */
export const DEFAULT_INDICATORS: readonly Indicator[] = [
  { key: 'coverage', label: '村（社区）团组织覆盖率', metric: 'village_coverage', weight: 20, target: 100, direction: 'higher' },
  { key: 'new_sector', label: '“三新”领域团组织年增幅', metric: 'new_sector_growth', weight: 20, target: 20, direction: 'higher' },
  { key: 'staffing', label: '团干部配备率', metric: 'cadre_staffing', weight: 15, target: 100, direction: 'higher' },
  { key: 'on_duty', label: '团干部在岗率', metric: 'cadre_on_duty', weight: 15, target: 95, direction: 'higher' },
  { key: 'meetings', label: '组织生活达标率', metric: 'meeting_compliance', weight: 15, target: 90, direction: 'higher' },
  { key: 'study', label: '青年大学习参学率', metric: 'study_rate', weight: 15, target: 80, direction: 'higher' },
];

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The score of one indicator (see the formula above). */
export function indicatorScore(ind: Pick<Indicator, 'weight' | 'target' | 'direction'>, actual: number | null): number {
  if (actual === null || Number.isNaN(actual)) return 0;
  let ratio: number;
  if (ind.direction === 'higher') ratio = ind.target <= 0 ? (actual >= ind.target ? 1 : 0) : actual / ind.target;
  else ratio = actual <= ind.target ? 1 : ind.target <= 0 ? 0 : ind.target / actual;
  return round2(ind.weight * Math.min(1, Math.max(0, ratio)));
}

export interface IndicatorResult {
  key: string;
  label: string;
  metric: IndicatorMetric;
  scoring?: ScoringRule;
  steps?: ScoreStep[];
  rule?: string;
  weight: number;
  target: number;
  direction: AssessmentDirection;
  actual: number | null;
  numerator: number | null;
  denominator: number | null;
  score: number;
  met: boolean;
  note: string | null;
}

export interface OrgScore {
  orgId: number;
  orgName: string;
  total: number;
  rank: number;
  indicators: IndicatorResult[];
}

/** Threshold steps as typed in the scheme editor: “95:15, 80:10” (value:score, any of , ， ; ； or spaces between). */
export function scoreStepsFromText(text: string): { steps: ScoreStep[]; problem: string | null } {
  const parts = text.split(/[,，;；\s]+/).filter(Boolean);
  const steps: ScoreStep[] = [];
  for (const p of parts) {
    const m = /^(\d+(?:\.\d+)?)[:：](\d+(?:\.\d+)?)$/.exec(p);
    if (!m) return { steps, problem: `分档“${p}”应写成“达到值:得分”，如 95:15` };
    steps.push({ value: Number(m[1]), score: Number(m[2]) });
  }
  return { steps, problem: null };
}

export function scoreStepsText(steps: readonly ScoreStep[] | undefined): string {
  return (steps ?? []).map((s) => `${s.value}:${s.score}`).join(', ');
}

/** A threshold rule's score: the best step reached, within 0 … weight. */
export function thresholdScore(ind: Pick<Indicator, 'weight' | 'direction' | 'steps'>, actual: number | null): number {
  if (actual === null || Number.isNaN(actual)) return 0;
  const reached = (ind.steps ?? []).filter((s) => (ind.direction === 'lower' ? actual <= s.value : actual >= s.value));
  return round2(Math.min(ind.weight, Math.max(0, ...reached.map((s) => s.score))));
}

/** A rank rule's score for rank `rank` of `count` organizations with a value. */
export function rankScore(ind: Pick<Indicator, 'weight'>, rank: number | null, count: number): number {
  if (rank === null || count <= 0) return 0;
  return round2((ind.weight * (count - rank + 1)) / count);
}

/** Ranks of values (best first by direction; equal values share a rank); null for no value. */
export function valueRanks(values: readonly (number | null)[], direction: AssessmentDirection): (number | null)[] {
  const present = values.filter((v): v is number => v !== null && !Number.isNaN(v));
  const better = (a: number, b: number) => (direction === 'lower' ? a < b : a > b);
  return values.map((v) => (v === null || Number.isNaN(v) ? null : present.filter((x) => better(x, v)).length + 1));
}

/** Scores one organization's figures against the scheme (a rank indicator needs the others: scoreOrgs). */
export function scoreOrg(
  indicators: readonly Indicator[],
  figures: Partial<Record<FigureKey, FigureValue>>,
  manual: Readonly<Record<string, { score: number; note: string | null }>> = {},
): { total: number; indicators: IndicatorResult[] } {
  const results = indicators.map((ind): IndicatorResult => {
    if (ind.metric === MANUAL_METRIC) {
      const m = manual[ind.key];
      const score = m ? manualScore(ind, m.score) : 0;
      return { ...ind, actual: m ? m.score : null, numerator: null, denominator: null, score, met: !!m && score >= ind.weight, note: m ? m.note : '考核单位尚未评分，本项暂不得分' };
    }
    const f = figures[ind.metric];
    const actual = f?.value ?? null;
    const score = ind.scoring === 'threshold' ? thresholdScore(ind, actual) : ind.scoring === 'rank' ? 0 : indicatorScore(ind, actual);
    return {
      ...ind,
      actual,
      numerator: f?.numerator ?? null,
      denominator: f?.denominator ?? null,
      score,
      met: actual !== null && score >= ind.weight,
      note: actual === null ? '无数据（没有可计算的基数），本项不得分' : null,
    };
  });
  return { total: round2(results.reduce((s, r) => s + r.score, 0)), indicators: results };
}

/**
 * Scores every assessed organization and ranks them: rank indicators are
 * scored by the organization's place among those given (`ranked` false: only
 * part of them is visible, e.g. a township reading its own row, so rank
 * indicators say so and score 0).
 */
export function scoreOrgs(
  indicators: readonly Indicator[],
  orgs: readonly { orgId: number; orgName: string; figures: Partial<Record<FigureKey, FigureValue>>; manual?: Readonly<Record<string, { score: number; note: string | null }>> }[],
  ranked = true,
): OrgScore[] {
  const rows = orgs.map((o) => ({ orgId: o.orgId, orgName: o.orgName, ...scoreOrg(indicators, o.figures, o.manual) }));
  indicators.forEach((ind, i) => {
    if (ind.metric === MANUAL_METRIC || ind.scoring !== 'rank') return;
    const ranks = valueRanks(rows.map((r) => r.indicators[i]!.actual), ind.direction);
    const count = ranks.filter((r) => r !== null).length;
    rows.forEach((r, j) => {
      const x = r.indicators[i]!;
      if (!ranked) {
        if (x.actual !== null) x.note = '按名次计分，得分以考核单位的排名为准';
        return;
      }
      x.score = rankScore(ind, ranks[j]!, count);
      x.met = x.actual !== null && x.score >= ind.weight;
      if (x.actual !== null) x.note = `第${ranks[j]}名（共${count}个单位）`;
    });
  });
  for (const r of rows) r.total = round2(r.indicators.reduce((s, x) => s + x.score, 0));
  return rankScores(rows);
}

/** A manual indicator's score: what the committee gave, within 0 … weight. */
export function manualScore(ind: Pick<Indicator, 'weight'>, given: number): number {
  return round2(Math.min(ind.weight, Math.max(0, given)));
}

/** Why a manual score cannot be given: the indicator is not manual, the score is outside 0 … weight, the scorer is not the assessing committee. */
export function manualScoreProblems(ind: Indicator | undefined, score: number, scorerIsAssessor: boolean): string[] {
  const out: string[] = [];
  if (!scorerIsAssessor) out.push('只有制定考核方案的单位可以评分');
  if (!ind) out.push('考核方案中没有该指标');
  else if (ind.metric !== MANUAL_METRIC) out.push(`「${ind.label}」按数据自动计算，不能人工评分`);
  else if (score < 0 || score > ind.weight) out.push(`「${ind.label}」的得分应在0至${ind.weight}分之间`);
  return out;
}

/** Ranks organizations by total, descending; equal totals share a rank. */
export function rankScores<T extends { total: number; orgName: string }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total || a.orgName.localeCompare(b.orgName, 'zh-CN'));
  return sorted.map((r) => ({ ...r, rank: sorted.findIndex((x) => x.total === r.total) + 1 }));
}

/** Problems of a scheme's indicators (weights, targets, metrics). */
export function schemeProblems(indicators: readonly Indicator[]): string[] {
  const problems: string[] = [];
  if (!indicators.length) problems.push('至少需要一项考核指标');
  const keys = new Set<string>();
  const metrics = new Set<string>();
  for (const ind of indicators) {
    if (keys.has(ind.key)) problems.push(`指标编码「${ind.key}」重复`);
    keys.add(ind.key);
    if (ind.metric === MANUAL_METRIC) {
      if (!ind.rule?.trim()) problems.push(`「${ind.label}」是人工评分指标，须写明评分细则`);
    } else if (!isFigureKey(ind.metric)) problems.push(`「${ind.label}」的数据来源不在指标目录中`);
    else if (metrics.has(ind.metric)) problems.push(`「${ind.label}」与其他指标使用了同一数据来源`);
    if (ind.metric !== MANUAL_METRIC) metrics.add(ind.metric);
    if (!(ind.weight > 0)) problems.push(`「${ind.label}」的权重应大于0`);
    if (ind.target < 0) problems.push(`「${ind.label}」的目标值不能为负数`);
    if (ind.scoring && ind.scoring !== 'linear' && ind.metric === MANUAL_METRIC) problems.push(`「${ind.label}」是人工评分指标，不设计分方式`);
    if (ind.scoring === 'threshold') {
      if (!ind.steps?.length) problems.push(`「${ind.label}」按分档计分，至少需要一档`);
      for (const st of ind.steps ?? []) if (st.score < 0 || st.score > ind.weight) problems.push(`「${ind.label}」各档得分应在0至${ind.weight}分之间`);
    }
    const def = FIGURES.find((f) => f.key === ind.metric);
    if (def?.unit === '%' && ind.metric !== 'new_sector_growth' && ind.target > 100) problems.push(`「${ind.label}」的目标值不能超过100%`);
  }
  const total = indicators.reduce((s, i) => s + i.weight, 0);
  if (indicators.length && Math.abs(total - 100) > 1e-9) problems.push(`各项权重之和应为100（当前为${round2(total)}）`);
  return problems;
}

/** Problems of changing a scheme in its current status. */
export function schemeChangeProblems(status: SchemeStatus, change: 'edit' | 'publish'): string[] {
  if (status === 'published') return [change === 'edit' ? '考核方案已发布，不能再修改' : '考核方案已发布'];
  return [];
}

/** Who is assessed: the townships and subdistricts below a committee when it has any (县域改革 assesses them), else every direct child. */
export const ASSESSED_TYPES: readonly OrgType[] = ['township', 'subdistrict'];

export function assessedChildren<T extends { type: OrgType }>(children: readonly T[]): T[] {
  const townships = children.filter((c) => ASSESSED_TYPES.includes(c.type));
  return townships.length ? townships : [...children];
}

/** The date a year's figures are taken as of: 31 December, or today during the year. */
export function assessmentAsOf(year: number, today: string): string {
  const end = `${year}-12-31`;
  return end < today ? end : today;
}
