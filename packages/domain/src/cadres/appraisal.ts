import type { Rules } from '../rules/config.js';

/**
 * Appraisal of cadres (shared/domain.md): 平时考核 (routine), 考核评议 (review)
 * and 述职评议 (report: secretaries report on their work). A campaign's score is
 * 团内述职 + 党政评价 + 青年参评 weighted as rules.cadres.appraisalWeight*
 * (captured when the campaign opens); the result is a ranking and a grade per
 * person, which feeds honors and selection (a 不称职 grade disqualifies).
 */
export const APPRAISAL_KINDS = ['routine', 'review', 'report'] as const;
export type AppraisalKind = (typeof APPRAISAL_KINDS)[number];
export const APPRAISAL_KIND_LABELS: Record<AppraisalKind, string> = { routine: '平时考核', review: '考核评议', report: '述职评议' };

export const APPRAISAL_CAMPAIGN_STATUSES = ['open', 'closed'] as const;
export type AppraisalCampaignStatus = (typeof APPRAISAL_CAMPAIGN_STATUSES)[number];
export const APPRAISAL_CAMPAIGN_STATUS_LABELS: Record<AppraisalCampaignStatus, string> = { open: '评分中', closed: '已完成' };

export const CADRE_GRADES = ['excellent', 'competent', 'basic', 'incompetent'] as const;
export type CadreGrade = (typeof CADRE_GRADES)[number];
export const CADRE_GRADE_LABELS: Record<CadreGrade, string> = { excellent: '优秀', competent: '称职', basic: '基本称职', incompetent: '不称职' };

/** Grade thresholds on the weighted total (100-point scale), until the rules carry them. */
export const CADRE_GRADE_THRESHOLDS = { excellent: 90, competent: 75, basic: 60 } as const;
/** 优秀 is limited to this share of those appraised (at least one). */
export const EXCELLENT_SHARE_MAX = 0.2;

export interface AppraisalWeights {
  inner: number;
  party: number;
  youth: number;
}

export const APPRAISAL_SIDE_LABELS: Record<keyof AppraisalWeights, string> = { inner: '团内述职', party: '党政评价', youth: '青年参评' };

/** Weights from the rules, normalized to sum to 1 (null when they are all zero). */
export function appraisalWeights(rules: Rules): AppraisalWeights | null {
  const c = rules.cadres;
  const sum = c.appraisalWeightInner + c.appraisalWeightParty + c.appraisalWeightYouth;
  if (sum <= 0) return null;
  const r = (x: number) => Math.round((x / sum) * 10_000) / 10_000;
  return { inner: r(c.appraisalWeightInner), party: r(c.appraisalWeightParty), youth: r(c.appraisalWeightYouth) };
}

export interface SideScores {
  inner: number | null;
  party: number | null;
  youth: number | null;
}

/** The weighted total with one decimal, or null while a side is missing. */
export function weightedTotal(s: SideScores, w: AppraisalWeights): number | null {
  if (s.inner === null || s.party === null || s.youth === null) return null;
  return Math.round((s.inner * w.inner + s.party * w.party + s.youth * w.youth) * 10) / 10;
}

export function scoreProblems(status: AppraisalCampaignStatus, s: SideScores): string[] {
  const problems: string[] = [];
  if (status !== 'open') problems.push('考核已完成，不能再修改评分');
  for (const key of ['inner', 'party', 'youth'] as const) {
    const v = s[key];
    if (v !== null && (!Number.isInteger(v) || v < 0 || v > 100)) problems.push(`${APPRAISAL_SIDE_LABELS[key]}得分应为0—100的整数`);
  }
  return problems;
}

export interface RankedEntry<T> {
  item: T;
  total: number;
  rank: number;
  grade: CadreGrade;
}

/**
 * Ranks by total (equal totals share a rank: 1, 2, 2, 4) and grades each
 * person; 优秀 needs the threshold and a rank within the 优秀 share.
 */
export function rankAndGrade<T extends { total: number }>(entries: T[]): RankedEntry<T>[] {
  const sorted = [...entries].sort((a, b) => b.total - a.total);
  const cap = Math.max(1, Math.floor(sorted.length * EXCELLENT_SHARE_MAX));
  let rank = 0;
  return sorted.map((item, i) => {
    if (i === 0 || sorted[i - 1]!.total !== item.total) rank = i + 1;
    const t = CADRE_GRADE_THRESHOLDS;
    const grade: CadreGrade =
      item.total >= t.excellent && rank <= cap ? 'excellent' : item.total >= t.competent ? 'competent' : item.total >= t.basic ? 'basic' : 'incompetent';
    return { item, total: item.total, rank, grade };
  });
}

export function closeCampaignProblems(status: AppraisalCampaignStatus, entries: { name: string; total: number | null }[]): string[] {
  if (status !== 'open') return ['考核已完成'];
  if (!entries.length) return ['没有考核对象'];
  const missing = entries.filter((e) => e.total === null);
  return missing.length ? [`还有${missing.length}人评分不全（${missing.slice(0, 5).map((e) => e.name).join('、')}${missing.length > 5 ? '等' : ''}）`] : [];
}
