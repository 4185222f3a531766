import type { Rules } from '../rules/config.js';
import { ageOn } from '../people/idcard.js';

/**
 * Volunteer teams, registered volunteers and their service time. Time is kept
 * in exact minutes and shown as hours with one decimal; "青年志愿者" are those
 * aged `rules.ages.youthMax` (35) and under, the share the seeds report.
 */

/** One service record cannot exceed a day. */
export const SERVICE_MINUTES_MAX = 24 * 60;

export const VOLUNTEER_AGE_BANDS = ['minor', 'member_age', 'young_adult', 'over_youth'] as const;
export type VolunteerAgeBand = (typeof VOLUNTEER_AGE_BANDS)[number];

/** Bands follow the configured ages: under 18, 18 to member age, member age to youth age, older. */
export function volunteerAgeBand(age: number, rules: Rules): VolunteerAgeBand {
  if (age < 18) return 'minor';
  if (age < rules.ages.memberMax) return 'member_age';
  if (age <= rules.ages.youthMax) return 'young_adult';
  return 'over_youth';
}

export function volunteerAgeBandLabels(rules: Rules): Record<VolunteerAgeBand, string> {
  const { memberMax, youthMax } = rules.ages;
  return {
    minor: '18岁以下',
    member_age: `18—${memberMax - 1}岁`,
    young_adult: `${memberMax}—${youthMax}岁`,
    over_youth: `${youthMax}岁以上`,
  };
}

export function isYouthVolunteer(birthDate: string, on: string, rules: Rules): boolean {
  return ageOn(birthDate, on) <= rules.ages.youthMax;
}

/** Volunteers aged youthMax and under, and their share of all volunteers. */
export function youthVolunteerShare(birthDates: readonly string[], on: string, rules: Rules): { total: number; youth: number; share: number | null } {
  const youth = birthDates.filter((b) => isYouthVolunteer(b, on, rules)).length;
  const total = birthDates.length;
  return { total, youth, share: total ? Math.round((youth / total) * 10_000) / 10_000 : null };
}

export function volunteerProblems(v: { birthDate: string; registeredOn: string }, today: string): string[] {
  const problems: string[] = [];
  if (v.registeredOn > today) problems.push('注册日期不能晚于今天');
  if (v.registeredOn < v.birthDate) problems.push('注册日期不能早于出生日期');
  return problems;
}

export function serviceRecordProblems(
  r: { servedOn: string; minutes: number },
  volunteer: { registeredOn: string; name: string },
  project: { title: string; startOn: string; endOn: string | null } | null,
  today: string,
): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(r.minutes) || r.minutes <= 0) problems.push('服务时长应为正整数分钟');
  else if (r.minutes > SERVICE_MINUTES_MAX) problems.push('单次服务时长不能超过24小时');
  if (r.servedOn > today) problems.push('服务日期不能晚于今天');
  if (r.servedOn < volunteer.registeredOn) problems.push(`${volunteer.name}于${volunteer.registeredOn}注册，注册前的服务不能计入`);
  if (project && (r.servedOn < project.startOn || (project.endOn && r.servedOn > project.endOn))) {
    problems.push(`服务日期不在项目“${project.title}”的实施期间（${project.startOn}至${project.endOn ?? '今'}）内`);
  }
  return problems;
}

export function serviceProjectProblems(p: { startOn: string; endOn?: string | null }): string[] {
  return p.endOn && p.endOn < p.startOn ? ['结束日期不能早于开始日期'] : [];
}

/** Minutes as hours with one decimal (exact sums stay in minutes). */
export function hoursOf(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}
