import { HONOR_TYPE_LABELS } from '../org-life/honors.js';
import type { Rules } from '../rules/config.js';

/**
 * Honors of every origin (issue 17): besides the county's own campaigns
 * (评优表彰, honor_nominations), honors awarded by any level — national to
 * township — with the awarding body, year and certificate. Types are
 * configuration: the 青字号 and others listed in the rules (规则配置 → 青年工作),
 * plus the campaigns' honor types.
 */
export const HONOR_LEVELS = ['national', 'provincial', 'city', 'county', 'township'] as const;
export type HonorLevel = (typeof HONOR_LEVELS)[number];
export const HONOR_LEVEL_LABELS: Record<HonorLevel, string> = { national: '全国', provincial: '省（区）级', city: '市级', county: '县级', township: '乡镇（街道）级' };

export const RECIPIENT_KINDS = ['person', 'org', 'collective'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
export const RECIPIENT_KIND_LABELS: Record<RecipientKind, string> = { person: '个人', org: '团组织', collective: '其他集体' };

export const OTHER_HONOR_TYPE = '其他';

/** The honor types one may record: the configured ones, the campaigns' types, and 其他. */
export function honorAwardTypes(rules: Rules): string[] {
  const configured = rules.youthWork.honorAwardTypes.split(/[、，,；;\s]+/).map((t) => t.trim()).filter(Boolean);
  return [...new Set([...configured, ...Object.values(HONOR_TYPE_LABELS), OTHER_HONOR_TYPE])];
}

export interface HonorAwardInput {
  recipientKind: RecipientKind;
  personId?: number | null;
  recipientOrgId?: number | null;
  recipientName?: string | null;
  awardType: string;
  year: number;
  awardedOn?: string | null;
}

/** Why an honor cannot be recorded, each naming the field in Chinese. */
export function honorAwardProblems(a: HonorAwardInput, types: readonly string[], currentYear: number): string[] {
  const out: string[] = [];
  if (!types.includes(a.awardType)) out.push(`荣誉类型“${a.awardType}”不在规则配置的荣誉类型中`);
  if (a.recipientKind === 'person' && !a.personId) out.push('个人荣誉须选择获得者');
  if (a.recipientKind === 'org' && !a.recipientOrgId) out.push('团组织荣誉须选择获得的团组织');
  if (a.recipientKind === 'collective' && !a.recipientName?.trim()) out.push('集体荣誉须填写获得集体的名称');
  if (a.year > currentYear) out.push(`授予年度不能晚于${currentYear}年`);
  if (a.awardedOn && Number(a.awardedOn.slice(0, 4)) !== a.year) out.push('授予日期应在授予年度内');
  return out;
}

export interface HonorTallyRow {
  level: HonorLevel;
  label: string;
  individuals: number;
  collectives: number;
}

/**
 * Honors by level: individuals (people) and collectives (organizations and other collectives).
 * Each entry is one honor, or `n` of them (counts grouped by level and recipient kind).
 */
export function honorTally(list: readonly { level: HonorLevel; recipientKind: RecipientKind; n?: number }[]): HonorTallyRow[] {
  return HONOR_LEVELS.map((level) => {
    const count = (person: boolean) => list.filter((h) => h.level === level && (h.recipientKind === 'person') === person).reduce((s, h) => s + (h.n ?? 1), 0);
    return { level, label: HONOR_LEVEL_LABELS[level], individuals: count(true), collectives: count(false) };
  });
}
