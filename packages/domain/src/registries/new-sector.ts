import { growthValue, percentOf, type FigureValue } from '../stats/figures.js';

/**
 * “三新” coverage: the units a county should reach with a league organization —
 * non-public enterprises (from the market-supervision list), social
 * organizations (civil affairs) and new employment groups (外卖、快递、网约车 …,
 * one unit per platform and station) — and whether each has one.
 *
 * A unit counts in “should cover” on a date when it was on the list by then
 * (registered on or before it) and not closed by then; it counts as covered
 * when, besides, its league organization covered it by then (covered on or
 * before it). Coverage rate = covered ÷ should cover; growth against last year
 * = (covered now − covered on 31 December of last year) ÷ covered then.
 */
export const NEW_SECTOR_KINDS = ['non_public_enterprise', 'social_organization', 'new_employment'] as const;
export type NewSectorKind = (typeof NEW_SECTOR_KINDS)[number];
export const NEW_SECTOR_KIND_LABELS: Record<NewSectorKind, string> = {
  non_public_enterprise: '非公企业',
  social_organization: '社会组织',
  new_employment: '新就业群体',
};

/** New employment groups, as the lists name them; a unit is one platform's station. */
export const NEW_EMPLOYMENT_GROUPS = ['外卖配送', '快递物流', '网约车', '货运', '网络主播', '其他'] as const;

export interface CoverageUnit {
  kind: NewSectorKind;
  /** Where it is reported: the township (or any grouping key). */
  group: string;
  registeredOn: string;
  closedOn: string | null;
  coveredOn: string | null;
}

/** On the list on `on`: registered by then and not closed by then. */
export function shouldCoverOn(u: CoverageUnit, on: string): boolean {
  return u.registeredOn <= on && (u.closedOn === null || u.closedOn > on);
}

/** Covered on `on`: on the list and its league organization in place by then. */
export function coveredOn(u: CoverageUnit, on: string): boolean {
  return shouldCoverOn(u, on) && u.coveredOn !== null && u.coveredOn <= on;
}

/** The last day of the year before `on`'s year (the base of the growth). */
export function lastYearEnd(on: string): string {
  return `${Number(on.slice(0, 4)) - 1}-12-31`;
}

export interface CoverageFigures {
  shouldCover: number;
  covered: number;
  /** covered ÷ should cover, percent with one decimal; null when nothing should be covered. */
  rate: number | null;
  /** Covered on 31 December of last year. */
  coveredLastYear: number;
  /** Growth of covered units against last year's end, percent; null without a base. */
  growth: FigureValue;
  /** Units first covered this year (covered now, not at last year's end). */
  newlyCovered: number;
  /** On the list and not covered: still to reach. */
  toReach: number;
}

/** The coverage figures of a set of units on a date. */
export function coverageFigures(units: readonly CoverageUnit[], on: string): CoverageFigures {
  const base = lastYearEnd(on);
  let shouldCover = 0;
  let covered = 0;
  let coveredLastYear = 0;
  let newlyCovered = 0;
  for (const u of units) {
    if (!shouldCoverOn(u, on)) {
      if (coveredOn(u, base)) coveredLastYear++;
      continue;
    }
    shouldCover++;
    const now = coveredOn(u, on);
    const before = coveredOn(u, base);
    if (now) covered++;
    if (before) coveredLastYear++;
    if (now && !before) newlyCovered++;
  }
  return { shouldCover, covered, rate: percentOf(covered, shouldCover), coveredLastYear, growth: growthValue(covered, coveredLastYear), newlyCovered, toReach: shouldCover - covered };
}

export interface CoverageBreakdown {
  total: CoverageFigures;
  byKind: (CoverageFigures & { kind: NewSectorKind; label: string })[];
  byGroup: (CoverageFigures & { group: string })[];
}

/** Coverage on a date in total, by sector and by group (township), groups in the order first met. */
export function coverageBreakdown(units: readonly CoverageUnit[], on: string): CoverageBreakdown {
  const groups = [...new Set(units.map((u) => u.group))];
  return {
    total: coverageFigures(units, on),
    byKind: NEW_SECTOR_KINDS.map((kind) => ({ kind, label: NEW_SECTOR_KIND_LABELS[kind], ...coverageFigures(units.filter((u) => u.kind === kind), on) })),
    byGroup: groups.map((group) => ({ group, ...coverageFigures(units.filter((u) => u.group === group), on) })),
  };
}

/** Problems of a unit's record (import row or form), each naming its field in Chinese. */
export function newSectorUnitProblems(u: { kind: NewSectorKind; platform?: string | null; station?: string | null; employees?: number | null; youngEmployees?: number | null; registeredOn?: string | null; coveredOn?: string | null; closedOn?: string | null }): string[] {
  const out: string[] = [];
  if (u.kind === 'new_employment' && !u.platform?.trim()) out.push('新就业群体须填写所属平台（如美团、顺丰、滴滴）');
  if (u.employees != null && u.youngEmployees != null && u.youngEmployees > u.employees) out.push('青年职工数不能多于职工总数');
  if (u.closedOn && u.registeredOn && u.closedOn < u.registeredOn) out.push('注销日期不能早于纳入名录日期');
  return out;
}

/* ------------------------------------------------------------- 统计表 */

/** The metrics a statistical table reads of a subtree's units (added to its rollups by the server). */
export function coverageMetrics(units: readonly CoverageUnit[], on: string): Record<string, number> {
  const m: Record<string, number> = {};
  for (const kind of NEW_SECTOR_KINDS) {
    const f = coverageFigures(units.filter((u) => u.kind === kind), on);
    m[`nsu:should:${kind}`] = f.shouldCover;
    m[`nsu:covered:${kind}`] = f.covered;
    m[`nsu:base:${kind}`] = f.coveredLastYear;
    m[`nsu:new:${kind}`] = f.newlyCovered;
  }
  return m;
}

export const NEW_SECTOR_TABLE_KEY = 'new_sector';

const sumKinds = (m: Record<string, number>, what: string) => NEW_SECTOR_KINDS.reduce((s, k) => s + (m[`nsu:${what}:${k}`] ?? 0), 0);

/** 三新领域团组织覆盖情况统计表: columns over coverageMetrics; ratios recomputed from the row's own counts. */
export const NEW_SECTOR_STAT_TABLE = {
  key: NEW_SECTOR_TABLE_KEY,
  title: '“三新”领域团组织覆盖情况统计表',
  columns: [
    ...NEW_SECTOR_KINDS.map((k) => ({ key: `should_${k}`, group: '应覆盖单位', label: NEW_SECTOR_KIND_LABELS[k], unit: '个' as const, value: (m: Record<string, number>) => m[`nsu:should:${k}`] ?? 0 })),
    { key: 'should', group: '应覆盖单位', label: '合计', unit: '个' as const, value: (m: Record<string, number>) => sumKinds(m, 'should') },
    ...NEW_SECTOR_KINDS.map((k) => ({ key: `covered_${k}`, group: '已建团组织（已覆盖）', label: NEW_SECTOR_KIND_LABELS[k], unit: '个' as const, value: (m: Record<string, number>) => m[`nsu:covered:${k}`] ?? 0 })),
    { key: 'covered', group: '已建团组织（已覆盖）', label: '合计', unit: '个' as const, value: (m: Record<string, number>) => sumKinds(m, 'covered') },
    { key: 'rate', label: '覆盖率', unit: '%' as const, ratio: true, value: (m: Record<string, number>) => percentOf(sumKinds(m, 'covered'), sumKinds(m, 'should')) ?? 0 },
    { key: 'base', label: '上年末已覆盖', unit: '个' as const, value: (m: Record<string, number>) => sumKinds(m, 'base') },
    { key: 'growth', label: '较上年末增幅', unit: '%' as const, ratio: true, value: (m: Record<string, number>) => growthValue(sumKinds(m, 'covered'), sumKinds(m, 'base')).value ?? 0 },
    { key: 'new', label: '本年新覆盖', unit: '个' as const, value: (m: Record<string, number>) => sumKinds(m, 'new') },
    { key: 'to_reach', label: '尚未覆盖', unit: '个' as const, value: (m: Record<string, number>) => sumKinds(m, 'should') - sumKinds(m, 'covered') },
  ],
};
