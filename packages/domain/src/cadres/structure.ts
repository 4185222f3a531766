import type { Rules } from '../rules/config.js';
import { ageOn } from '../people/idcard.js';
import { POLITICAL, isCollegeOrAbove } from '../people/codes.js';
import { shareOf, type Establishment } from './codes.js';

/**
 * Staffing and structure figures of the work reports (shared/domain.md):
 * 配备率 = organizations that should have a secretary and have one ÷ those that
 * should; 在岗率 = cadres actually serving ÷ cadres on record; structure of a
 * set of cadres: average age, age bands, gender, education, party and league
 * members, establishment and civil-servant shares (港区: average age 27.3,
 * 46.7% members, 93.3% college or above, 30% men, 25% civil servants).
 * Every figure is computed from a list that can be shown and exported.
 */

export interface RateFigure {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator, null when there is nothing to count. */
  rate: number | null;
}

export const rateFigure = (numerator: number, denominator: number): RateFigure => ({ numerator, denominator, rate: shareOf(numerator, denominator) });

/** 配备率 over organizations that should have a secretary. */
export function staffingRate(orgs: { hasSecretary: boolean }[]): RateFigure {
  return rateFigure(orgs.filter((o) => o.hasSecretary).length, orgs.length);
}

/** 在岗率 over the cadres on record (people holding a current post). */
export function onDutyRate(cadres: { onDuty: boolean }[]): RateFigure {
  return rateFigure(cadres.filter((c) => c.onDuty).length, cadres.length);
}

export const AGE_BANDS = ['member_age', 'cadre_age', 'special_age', 'over_age'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Age bands from the rules: ≤ memberMax (28), to cadreMax (35), to cadreMaxSpecial (40), above. */
export function ageBands(rules: Rules): { band: AgeBand; label: string; from: number; to: number | null }[] {
  const { memberMax, cadreMax, cadreMaxSpecial } = rules.ages;
  return [
    { band: 'member_age', label: `${memberMax}岁及以下`, from: 0, to: memberMax },
    { band: 'cadre_age', label: `${memberMax + 1}—${cadreMax}岁`, from: memberMax + 1, to: cadreMax },
    { band: 'special_age', label: `${cadreMax + 1}—${cadreMaxSpecial}岁`, from: cadreMax + 1, to: cadreMaxSpecial },
    { band: 'over_age', label: `${cadreMaxSpecial + 1}岁及以上`, from: cadreMaxSpecial + 1, to: null },
  ];
}

export function ageBandOf(age: number, rules: Rules): AgeBand {
  return ageBands(rules).find((b) => age >= b.from && (b.to === null || age <= b.to))!.band;
}

export const EDUCATION_GROUPS = ['postgraduate', 'bachelor', 'college', 'below_college', 'unknown'] as const;
export type EducationGroup = (typeof EDUCATION_GROUPS)[number];
export const EDUCATION_GROUP_LABELS: Record<EducationGroup, string> = {
  postgraduate: '研究生',
  bachelor: '大学本科',
  college: '大学专科',
  below_college: '高中（中职）及以下',
  unknown: '未填写',
};

export function educationGroupOf(code: string | null | undefined): EducationGroup {
  if (!code) return 'unknown';
  if (code === '10') return 'postgraduate';
  if (code === '20') return 'bachelor';
  if (code === '30') return 'college';
  return 'below_college';
}

export const POLITICAL_GROUPS = ['party', 'league', 'other'] as const;
export type PoliticalGroup = (typeof POLITICAL_GROUPS)[number];
export const POLITICAL_GROUP_LABELS: Record<PoliticalGroup, string> = { party: '中共党员（含预备党员）', league: '共青团员', other: '其他' };

export function politicalGroupOf(code: string): PoliticalGroup {
  if (code === POLITICAL.partyMember || code === POLITICAL.probationaryPartyMember) return 'party';
  if (code === POLITICAL.leagueMember) return 'league';
  return 'other';
}

export interface StructureCadre {
  birthDate: string;
  gender: 'male' | 'female' | string;
  education: string | null;
  politicalStatus: string;
  establishment: Establishment | string;
  civilServant: boolean;
  /** Age counted on this date instead of the structure's (a previous term: the day before each organization's current term). */
  on?: string;
}

export interface CountShare {
  count: number;
  share: number | null;
}

export interface Structure {
  total: number;
  /** Average of whole-year ages, one decimal (港区 27.3). */
  averageAge: number | null;
  ageBands: ({ band: AgeBand; label: string } & CountShare)[];
  male: CountShare;
  female: CountShare;
  education: ({ group: EducationGroup; label: string } & CountShare)[];
  collegeOrAbove: CountShare;
  partyMembers: CountShare;
  leagueMembers: CountShare;
  outsideEstablishment: CountShare;
  insideEstablishment: CountShare;
  civilServants: CountShare;
}

export function analyzeStructure(cadres: StructureCadre[], on: string, rules: Rules): Structure {
  const n = cadres.length;
  const cs = (count: number): CountShare => ({ count, share: shareOf(count, n) });
  const ages = cadres.map((c) => ageOn(c.birthDate, c.on ?? on));
  const averageAge = n ? Math.round((ages.reduce((a, b) => a + b, 0) / n) * 10) / 10 : null;
  const count = (f: (c: StructureCadre, i: number) => boolean) => cadres.filter(f).length;
  return {
    total: n,
    averageAge,
    ageBands: ageBands(rules).map((b) => ({ band: b.band, label: b.label, ...cs(ages.filter((a) => ageBandOf(a, rules) === b.band).length) })),
    male: cs(count((c) => c.gender === 'male')),
    female: cs(count((c) => c.gender === 'female')),
    education: EDUCATION_GROUPS.map((g) => ({ group: g, label: EDUCATION_GROUP_LABELS[g], ...cs(count((c) => educationGroupOf(c.education) === g)) })),
    collegeOrAbove: cs(count((c) => isCollegeOrAbove(c.education))),
    partyMembers: cs(count((c) => politicalGroupOf(c.politicalStatus) === 'party')),
    leagueMembers: cs(count((c) => politicalGroupOf(c.politicalStatus) === 'league')),
    outsideEstablishment: cs(count((c) => c.establishment === 'outside')),
    insideEstablishment: cs(count((c) => c.establishment === 'inside')),
    civilServants: cs(count((c) => c.civilServant)),
  };
}

/**
 * The same figures from counts instead of a list (the kept figures, issue 15): ages as their sum and by band,
 * and the number of cadres per gender, education group, political group and establishment. Gives exactly
 * what analyzeStructure gives for a list with those counts.
 */
export interface StructureCounts {
  total: number;
  ageSum: number;
  bands: Record<AgeBand, number>;
  male: number;
  female: number;
  education: Record<EducationGroup, number>;
  political: Record<PoliticalGroup, number>;
  outside: number;
  inside: number;
  civilServants: number;
}

/** The education groups of isCollegeOrAbove (大学专科 and above). */
export const COLLEGE_OR_ABOVE_GROUPS: readonly EducationGroup[] = ['postgraduate', 'bachelor', 'college'];

export function structureFromCounts(c: StructureCounts, rules: Rules): Structure {
  const n = c.total;
  const cs = (count: number): CountShare => ({ count, share: shareOf(count, n) });
  return {
    total: n,
    averageAge: n ? Math.round((c.ageSum / n) * 10) / 10 : null,
    ageBands: ageBands(rules).map((b) => ({ band: b.band, label: b.label, ...cs(c.bands[b.band]) })),
    male: cs(c.male),
    female: cs(c.female),
    education: EDUCATION_GROUPS.map((g) => ({ group: g, label: EDUCATION_GROUP_LABELS[g], ...cs(c.education[g]) })),
    collegeOrAbove: cs(COLLEGE_OR_ABOVE_GROUPS.reduce((s, g) => s + c.education[g], 0)),
    partyMembers: cs(c.political.party),
    leagueMembers: cs(c.political.league),
    outsideEstablishment: cs(c.outside),
    insideEstablishment: cs(c.inside),
    civilServants: cs(c.civilServants),
  };
}

/** Facets to narrow a set of cadres to the records behind one figure (click-through). */
export interface StructureFacet {
  ageBand?: AgeBand;
  gender?: 'male' | 'female';
  educationGroup?: EducationGroup;
  collegeOrAbove?: boolean;
  politicalGroup?: PoliticalGroup;
  establishment?: Establishment;
  civilServant?: boolean;
}

export function matchesFacet(c: StructureCadre, f: StructureFacet, on: string, rules: Rules): boolean {
  if (f.ageBand && ageBandOf(ageOn(c.birthDate, on), rules) !== f.ageBand) return false;
  if (f.gender && c.gender !== f.gender) return false;
  if (f.educationGroup && educationGroupOf(c.education) !== f.educationGroup) return false;
  if (f.collegeOrAbove !== undefined && isCollegeOrAbove(c.education) !== f.collegeOrAbove) return false;
  if (f.politicalGroup && politicalGroupOf(c.politicalStatus) !== f.politicalGroup) return false;
  if (f.establishment && c.establishment !== f.establishment) return false;
  if (f.civilServant !== undefined && c.civilServant !== f.civilServant) return false;
  return true;
}
