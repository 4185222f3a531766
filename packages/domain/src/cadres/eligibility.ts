import type { Rules } from '../rules/config.js';
import { ageOn } from '../people/idcard.js';
import { politicalStatusName } from '../people/codes.js';
import { ELIGIBLE_POLITICAL_STATUSES } from './codes.js';

/**
 * Eligibility of a league cadre (资格审查), shared/domain.md: age ≤ rules.ages.cadreMax,
 * up to rules.ages.cadreMaxSpecial in special cases (with the reason recorded);
 * local residence or work; politically qualified. Results of appraisal feed
 * selection: a cadre graded 不称职 in the latest appraisal is not qualified.
 */
export interface CadreFacts {
  name?: string;
  birthDate: string;
  politicalStatus: string;
  localResident: boolean;
  /** Grade of the latest closed appraisal, if any (see appraisal.ts). */
  latestGrade?: string | null;
}

export interface EligibilityResult {
  age: number;
  /** Reasons that make the person ineligible whatever is decided. */
  problems: string[];
  /** Over the normal age cap but within the special cap: needs a recorded reason. */
  needsAgeException: boolean;
}

export function cadreEligibility(c: CadreFacts, on: string, rules: Rules): EligibilityResult {
  const age = ageOn(c.birthDate, on);
  const problems: string[] = [];
  const { cadreMax, cadreMaxSpecial } = rules.ages;
  let needsAgeException = false;
  if (age > cadreMaxSpecial) {
    problems.push(`年龄${age}周岁，超过团干部年龄上限（${cadreMax}周岁，特殊情况不超过${cadreMaxSpecial}周岁）`);
  } else if (age > cadreMax) {
    needsAgeException = true;
  }
  if (!c.localResident) problems.push('非本地户籍，且不在本地居住或工作');
  if (!ELIGIBLE_POLITICAL_STATUSES.includes(c.politicalStatus)) {
    problems.push(`政治面貌为${politicalStatusName(c.politicalStatus) ?? c.politicalStatus}，团干部人选应为中共党员（含预备党员）或共青团员`);
  }
  if (c.latestGrade === 'incompetent') problems.push('最近一次考核为“不称职”');
  return { age, problems, needsAgeException };
}

/**
 * Every reason why the person cannot be taken as qualified (or appointed) on
 * `on`; empty when they can. `ageExceptionReason`: the special case that
 * allows an age between cadreMax and cadreMaxSpecial.
 */
export function qualificationProblems(c: CadreFacts, on: string, rules: Rules, ageExceptionReason?: string | null): string[] {
  const r = cadreEligibility(c, on, rules);
  const problems = [...r.problems];
  if (r.needsAgeException && !ageExceptionReason?.trim()) {
    problems.push(`年龄${r.age}周岁，超过${rules.ages.cadreMax}周岁，须说明特殊情况（不超过${rules.ages.cadreMaxSpecial}周岁）`);
  }
  return problems;
}
