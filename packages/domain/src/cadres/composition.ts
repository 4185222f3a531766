import type { Rules } from '../rules/config.js';
import type { OrgType } from '../org/types.js';
import { ageOn } from '../people/idcard.js';
import { percentText, shareOf, type CadreEmployment, type Establishment } from './codes.js';
import { cadreTitleLabel, countsAsMember } from '../registries/small.js';

/**
 * A committee's composition against its configured pattern (班子结构): for a
 * township committee 1 secretary + 1 part-time deputy + 3 members with at least
 * half from outside the establishment (柳池镇 "1+1+3", rules.cadres); every other
 * committee or branch must at least have a secretary. Age limits apply to every
 * post (rules.ages.cadreMax, cadreMaxSpecial).
 */
export interface CompositionPattern {
  secretaries: number;
  partTimeDeputies: number;
  members: number;
  /** Minimum share of holders from outside the establishment, or null when not required. */
  outsideShareMin: number | null;
}

/**
 * Organizations that are not townships only need a secretary (团章: every
 * branch and committee has a secretary). A constant until the rules carry
 * patterns for other organization types.
 */
export const SECRETARY_ONLY_PATTERN: CompositionPattern = { secretaries: 1, partTimeDeputies: 0, members: 0, outsideShareMin: null };

/** Organization types that should have a secretary (配备率 counts them); 青年工作委员会 has no league post. */
export const STAFFED_ORG_TYPES: readonly OrgType[] = [
  'central',
  'provincial',
  'city',
  'county',
  'township',
  'subdistrict',
  'unit_committee',
  'general_branch',
  'branch',
  'joint_branch',
];

export function compositionPattern(type: OrgType, rules: Rules): CompositionPattern | null {
  if (!STAFFED_ORG_TYPES.includes(type)) return null;
  if (type === 'township' || type === 'subdistrict') {
    const c = rules.cadres;
    return { secretaries: c.townshipSecretaries, partTimeDeputies: c.townshipPartTimeDeputies, members: c.townshipMembers, outsideShareMin: c.outsideEstablishmentShareMin };
  }
  return SECRETARY_ONLY_PATTERN;
}

export function describePattern(p: CompositionPattern): string {
  const parts = [`书记${p.secretaries}名`];
  if (p.partTimeDeputies) parts.push(`兼职副书记${p.partTimeDeputies}名`);
  if (p.members) parts.push(`委员${p.members}名`);
  if (p.outsideShareMin !== null) parts.push(`体制外人员不低于${percentText(p.outsideShareMin, 0)}`);
  return parts.join('、');
}

export interface PostHolder {
  cadreId: number;
  name: string;
  /** A built-in title or one configured in the rules (registries/small.ts). */
  title: string;
  employment: CadreEmployment;
  establishment: Establishment;
  birthDate: string;
  onDuty: boolean;
}

export interface CompositionViolation {
  code: 'no_secretary' | 'too_many_secretaries' | 'deputies_short' | 'members_short' | 'outside_share' | 'over_age' | 'off_duty';
  severity: 'error' | 'warning';
  message: string;
  cadreId?: number;
}

export interface CompositionCounts {
  secretaries: number;
  deputies: number;
  partTimeDeputies: number;
  members: number;
  /** Distinct people holding a post. */
  holders: number;
  outside: number;
  onDuty: number;
}

export interface CompositionResult {
  pattern: CompositionPattern | null;
  counts: CompositionCounts;
  outsideShare: number | null;
  violations: CompositionViolation[];
}

/** Deputies count as part-time unless they are full-time (兼职 or 挂职). */
const isPartTime = (e: CadreEmployment) => e !== 'full_time';

/**
 * The errors of a committee's posts against its pattern (number of secretaries, part-time deputies, 委员,
 * the share of holders from outside the establishment), from the counts alone: what the kept signatures of
 * the township committees are judged by (migration 0051), and part of checkComposition.
 */
export function patternViolations(pattern: CompositionPattern, counts: Pick<CompositionCounts, 'secretaries' | 'partTimeDeputies' | 'members' | 'holders' | 'outside'>): CompositionViolation[] {
  const outsideShare = shareOf(counts.outside, counts.holders);
  const violations: CompositionViolation[] = [];
  if (counts.secretaries === 0 && pattern.secretaries > 0) violations.push({ code: 'no_secretary', severity: 'error', message: '未配备书记' });
  if (counts.secretaries > Math.max(1, pattern.secretaries)) {
    violations.push({ code: 'too_many_secretaries', severity: 'error', message: `书记职数为${pattern.secretaries}名，现有${counts.secretaries}名` });
  }
  if (counts.partTimeDeputies < pattern.partTimeDeputies) {
    violations.push({ code: 'deputies_short', severity: 'error', message: `兼职副书记应配${pattern.partTimeDeputies}名，现有${counts.partTimeDeputies}名` });
  }
  if (counts.members < pattern.members) {
    violations.push({ code: 'members_short', severity: 'error', message: `委员应配${pattern.members}名，现有${counts.members}名` });
  }
  if (pattern.outsideShareMin !== null && counts.holders > 0 && (outsideShare ?? 0) < pattern.outsideShareMin) {
    violations.push({
      code: 'outside_share',
      severity: 'error',
      message: `体制外（编制外）人员${counts.outside}名，占${percentText(outsideShare)}，低于${percentText(pattern.outsideShareMin, 0)}`,
    });
  }
  return violations;
}

export function checkComposition(type: OrgType, holders: PostHolder[], on: string, rules: Rules): CompositionResult {
  const pattern = compositionPattern(type, rules);
  const people = new Map<number, PostHolder>();
  for (const h of holders) if (!people.has(h.cadreId)) people.set(h.cadreId, h);
  const counts: CompositionCounts = {
    secretaries: holders.filter((h) => h.title === 'secretary').length,
    deputies: holders.filter((h) => h.title === 'deputy_secretary').length,
    partTimeDeputies: holders.filter((h) => h.title === 'deputy_secretary' && isPartTime(h.employment)).length,
    members: holders.filter((h) => countsAsMember(h.title, rules)).length,
    holders: people.size,
    outside: [...people.values()].filter((h) => h.establishment === 'outside').length,
    onDuty: [...people.values()].filter((h) => holders.some((x) => x.cadreId === h.cadreId && x.onDuty)).length,
  };
  const outsideShare = shareOf(counts.outside, counts.holders);
  const violations: CompositionViolation[] = pattern ? patternViolations(pattern, counts) : [];
  const { cadreMax, cadreMaxSpecial } = rules.ages;
  for (const h of holders) {
    const age = ageOn(h.birthDate, on);
    const who = `${h.name}（${cadreTitleLabel(h.title)}）`;
    if (age > cadreMax) {
      violations.push({
        code: 'over_age',
        severity: age > cadreMaxSpecial ? 'error' : 'warning',
        message: age > cadreMaxSpecial ? `${who}${age}周岁，超过${cadreMaxSpecial}周岁` : `${who}${age}周岁，超过${cadreMax}周岁（特殊情况可放宽至${cadreMaxSpecial}周岁）`,
        cadreId: h.cadreId,
      });
    }
    if (!h.onDuty) violations.push({ code: 'off_duty', severity: 'warning', message: `${who}不在岗`, cadreId: h.cadreId });
  }
  return { pattern, counts, outsideShare, violations };
}
