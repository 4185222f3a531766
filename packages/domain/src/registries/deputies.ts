import type { Rules } from '../rules/config.js';
import { shareOf } from '../cadres/codes.js';

/**
 * 团代会代表 (issue 17, item 2): the deputies of a league congress (乡镇/县/市/省/全国
 * 团代会, 第N次), each elected by a constituency (选举单位), with identity
 * categories from configuration; 代表联络站 with the deputies assigned; 专委会
 * and their members. Deputies contact branches and young people through the
 * one liaison mechanism (一专一站两联: liaisons with a deputy), and the
 * coverage figures count those contacts (贺州: deputies contacting 114 branches).
 */
export const CONGRESS_LEVELS = ['township', 'county', 'city', 'provincial', 'national'] as const;
export type CongressLevel = (typeof CONGRESS_LEVELS)[number];
export const CONGRESS_LEVEL_LABELS: Record<CongressLevel, string> = { township: '乡镇（街道）', county: '县', city: '市', provincial: '省', national: '全国' };

export const DEPUTY_STATUSES = ['serving', 'terminated'] as const;
export type DeputyStatus = (typeof DEPUTY_STATUSES)[number];
export const DEPUTY_STATUS_LABELS: Record<DeputyStatus, string> = { serving: '在任', terminated: '终止资格' };

export const COMMITTEE_ROLES = ['主任', '副主任', '委员'] as const;
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 18 → 十八, 21 → 二十一 (congress terms stay below a hundred). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100) return String(n);
  if (n < 10) return CHINESE_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${ones ? CHINESE_DIGITS[ones] : ''}`;
}

/** 余庆县第十八次团代会 (the convening committee's place name, the term). */
export function congressTitle(c: { placeName: string; term: number }): string {
  return `${c.placeName}第${chineseNumber(c.term)}次团代会`;
}

/** The identity categories one may record (规则配置 → 团干部与换届 → 团代会代表身份类别). */
export function deputyCategories(rules: Rules): string[] {
  return [...new Set(rules.cadres.deputyCategories.split(/[、，,；;\s]+/).map((t) => t.trim()).filter(Boolean))];
}

export interface CongressInput {
  term: number;
  openedOn: string;
  endsOn?: string | null;
}

export function congressProblems(c: CongressInput): string[] {
  const out: string[] = [];
  if (!Number.isInteger(c.term) || c.term < 1 || c.term > 99) out.push('届次应为1至99的整数');
  if (c.endsOn && c.endsOn <= c.openedOn) out.push('届满日期应晚于开幕日期');
  return out;
}

export interface DeputyInput {
  name: string;
  birthDate?: string | null;
  categories: readonly string[];
  status: DeputyStatus;
  terminatedOn?: string | null;
  terminationReason?: string | null;
  committeeId?: number | null;
  committeeRole?: string | null;
}

/** Why a deputy cannot be recorded, each naming the field in Chinese. */
export function deputyProblems(d: DeputyInput, categories: readonly string[], today: string): string[] {
  const out: string[] = [];
  if (!d.categories.length) out.push('请至少选择一个身份类别');
  for (const c of d.categories) if (!categories.includes(c)) out.push(`身份类别“${c}”不在规则配置的代表身份类别中`);
  if (d.birthDate && d.birthDate > today) out.push('出生日期不能晚于今天');
  if (d.status === 'terminated') {
    if (!d.terminatedOn) out.push('终止资格须填写终止日期');
    if (!d.terminationReason?.trim()) out.push('终止资格须填写原因');
  } else if (d.terminatedOn || d.terminationReason) out.push('在任代表不能填写终止日期和原因');
  if (d.terminatedOn && d.terminatedOn > today) out.push('终止日期不能晚于今天');
  if (d.committeeRole && !d.committeeId) out.push('未加入专委会不能填写专委会职务');
  if (d.committeeRole && !(COMMITTEE_ROLES as readonly string[]).includes(d.committeeRole)) out.push(`专委会职务应为${COMMITTEE_ROLES.join('、')}`);
  return out;
}

/** A deputy serving on a date: registered, not terminated by then. */
export function isDeputyServing(d: { status: DeputyStatus; terminatedOn: string | null }, on: string): boolean {
  return d.status === 'serving' || (d.terminatedOn !== null && d.terminatedOn > on);
}

/**
 * Deputies' liaison in a year, one group (a township, or the whole scope):
 * branches contacted by deputies ÷ branches in scope, deputies with at least
 * one contact ÷ deputies serving, contacts per serving deputy.
 */
export interface DeputyLiaisonInput {
  /** Active branches in the group. */
  branches: number;
  /** Serving deputies of the group (by constituency). */
  deputies: readonly { id: number }[];
  /** The year's contacts of the group's deputies: the deputy and the branch contacted (the young person's branch for a person). */
  contacts: readonly { deputyId: number; branchId: number | null }[];
  /**
   * The year's contacts with the group's branches, when they differ from `contacts` (a township's
   * row: its deputies may contact elsewhere, others' deputies its branches); default `contacts`.
   */
  branchContacts?: readonly { branchId: number | null }[];
}

export interface DeputyLiaisonFigures {
  branches: number;
  branchesContacted: number;
  branchRate: number | null;
  deputies: number;
  deputiesContacting: number;
  deputyRate: number | null;
  contacts: number;
  contactsPerDeputy: number | null;
}

export function deputyLiaisonFigures(g: DeputyLiaisonInput): DeputyLiaisonFigures {
  const serving = new Set(g.deputies.map((d) => d.id));
  const contacting = new Set(g.contacts.map((c) => c.deputyId).filter((id) => serving.has(id)));
  const branchesContacted = new Set((g.branchContacts ?? g.contacts).map((c) => c.branchId).filter((b): b is number => b !== null)).size;
  return {
    branches: g.branches,
    branchesContacted,
    branchRate: shareOf(branchesContacted, g.branches),
    deputies: serving.size,
    deputiesContacting: contacting.size,
    deputyRate: shareOf(contacting.size, serving.size),
    contacts: g.contacts.length,
    contactsPerDeputy: serving.size ? Math.round((g.contacts.length / serving.size) * 100) / 100 : null,
  };
}
