import type { Rules } from '../rules/config.js';

/**
 * 青年大学习: each round's participation by branch, imported from the national
 * platform's export (Excel or CSV). 参学率 = participants ÷ base (the branch's
 * members at import time, or the base the file gives); branches below
 * `rules.youthWork.studyRateThreshold` are listed.
 */

export function studyRate(participants: number, base: number): number | null {
  return base > 0 ? Math.round((participants / base) * 10_000) / 10_000 : null;
}

export function isBelowStudyThreshold(rate: number | null, rules: Rules): boolean {
  return rate !== null && rate < rules.youthWork.studyRateThreshold;
}

/**
 * The least rate × 10000 not below the threshold, for rates kept as whole numbers r4 (rate × 10000, as the
 * kept figures round it): the rates below are those with 0 <= r4 < it, as isBelowStudyThreshold judges r4 / 10000.
 */
export function studyBelowLimit(rules: Rules): number {
  let k = Math.max(0, Math.floor(rules.youthWork.studyRateThreshold * 10_000) - 1);
  while (isBelowStudyThreshold(k / 10_000, rules)) k++;
  while (k > 0 && !isBelowStudyThreshold((k - 1) / 10_000, rules)) k--;
  return k;
}

/** Competition ranking ("1224") by rate, highest first; rows without a rate come last, unranked. */
export function rankByStudyRate<T extends { rate: number | null }>(rows: readonly T[]): (T & { rank: number | null })[] {
  const sorted = [...rows].sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1));
  let rank = 0;
  let prev: number | null | undefined;
  return sorted.map((r, i) => {
    if (r.rate === null) return { ...r, rank: null };
    if (r.rate !== prev) rank = i + 1;
    prev = r.rate;
    return { ...r, rank };
  });
}

export function studyRoundProblems(r: { year: number; startOn: string }): string[] {
  return Number(r.startOn.slice(0, 4)) !== r.year ? [`开始日期（${r.startOn}）不在${r.year}年内`] : [];
}

/* ------------------------------------------------------------ import mapping */

export const STUDY_IMPORT_FIELDS = ['name', 'participants', 'base'] as const;
export type StudyImportField = (typeof STUDY_IMPORT_FIELDS)[number];
export const STUDY_IMPORT_FIELD_LABELS: Record<StudyImportField, string> = { name: '组织名称', participants: '参学人数', base: '团员数' };

/** Header spellings seen in the platform's exports, after normalization. */
const HEADER_ALIASES: Record<StudyImportField, readonly string[]> = {
  name: ['组织名称', '团组织名称', '组织全称', '团支部名称', '支部名称', '团支部', '单位名称', '组织', '名称', '所在组织'],
  participants: ['参学人数', '学习人数', '参与人数', '完成人数', '参学人次', '学习人次', '已学习人数', '参学数'],
  base: ['团员数', '团员人数', '应学人数', '应参学人数', '基数', '参学基数', '团员总数', '在册团员数'],
};

/** Drops spaces, required-marks and bracketed units: " 参学人数（人）* " → "参学人数". */
export function normalizeStudyHeader(text: string): string {
  return text
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/[（(［[【].*?[）)］\]】]/g, '')
    .replace(/[:：]$/, '');
}

export type StudyHeaderMap = Partial<Record<StudyImportField, number>>;

/** Columns of a header row; null when the row lacks a name or a participant column. */
export function mapStudyHeaders(cells: readonly string[]): StudyHeaderMap | null {
  const map: StudyHeaderMap = {};
  cells.forEach((cell, i) => {
    const h = normalizeStudyHeader(cell);
    if (!h) return;
    for (const f of STUDY_IMPORT_FIELDS) if (map[f] === undefined && HEADER_ALIASES[f].includes(h)) map[f] = i;
  });
  return map.name !== undefined && map.participants !== undefined ? map : null;
}

/** The platform puts title lines above the table: the header is the first of the top rows that maps. */
export function findStudyHeader(rows: readonly (readonly string[])[], scan = 10): { row: number; map: StudyHeaderMap } | null {
  for (let i = 0; i < Math.min(rows.length, scan); i++) {
    const map = mapStudyHeaders(rows[i]!);
    if (map) return { row: i, map };
  }
  return null;
}

export const STUDY_HEADER_HELP = `表头须包含“组织名称”（或团支部名称、支部名称）和“参学人数”（或学习人数、完成人数），可选“团员数”（或应学人数、基数）`;

/** A head count as exported: "1,234", "56人", " 7 " are fine; decimals, negatives and text are not. */
export function parseHeadCount(text: string): { ok: true; value: number } | { ok: false; reason: string } {
  const t = text.trim().replace(/[,，\s]/g, '').replace(/人(次)?$/, '');
  if (t === '') return { ok: false, reason: '为空' };
  if (!/^\d+$/.test(t)) return { ok: false, reason: `“${text.trim()}”不是非负整数` };
  const value = Number(t);
  if (value > 1_000_000) return { ok: false, reason: `“${text.trim()}”超出合理范围` };
  return { ok: true, value };
}
