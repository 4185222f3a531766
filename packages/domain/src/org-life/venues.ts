import type { Rules } from '../rules/config.js';
import { daysFromTo } from './periods.js';

/**
 * 团属阵地: 青年之家, 青空间, 青年驿站, 青年街区, 少先队校外实践基地. The standard's
 * three checks — 有阵地依托、有规范制度、有运营力量 — each count only with evidence.
 * A venue without activity for `rules.youthWork.venueIdleDays` is idle.
 */
export const VENUE_KINDS = ['youth_home', 'youth_space', 'youth_station', 'youth_street', 'pioneer_base'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];
export const VENUE_KIND_LABELS: Record<VenueKind, string> = {
  youth_home: '青年之家',
  youth_space: '青空间',
  youth_station: '青年驿站',
  youth_street: '青年街区',
  pioneer_base: '少先队校外实践基地',
};

export const VENUE_STATUSES = ['active', 'closed'] as const;
export type VenueStatus = (typeof VENUE_STATUSES)[number];
export const VENUE_STATUS_LABELS: Record<VenueStatus, string> = { active: '运行中', closed: '已停用' };

export const VENUE_CHECKS = ['site', 'rules', 'staff'] as const;
export type VenueCheck = (typeof VENUE_CHECKS)[number];
export const VENUE_CHECK_LABELS: Record<VenueCheck, string> = { site: '有阵地依托', rules: '有规范制度', staff: '有运营力量' };
/** The table column of each check. */
export const VENUE_CHECK_COLUMNS: Record<VenueCheck, 'hasSite' | 'hasRules' | 'hasStaff'> = { site: 'hasSite', rules: 'hasRules', staff: 'hasStaff' };

export type VenueEvidence = Partial<Record<VenueCheck, string>>;

/** A check may be ticked only with its evidence (what the site is, which rules, who runs it). */
export function venueCheckProblems(checks: Partial<Record<VenueCheck, boolean>>, evidence: VenueEvidence): string[] {
  return VENUE_CHECKS.filter((c) => checks[c] && !evidence[c]?.trim()).map((c) => `勾选“${VENUE_CHECK_LABELS[c]}”须填写佐证说明`);
}

/** Which of the three checks a venue meets; the standard is met when all three are. */
export function venueStandard(v: Partial<Record<VenueCheck, boolean>>): { met: boolean; missing: string[] } {
  const missing = VENUE_CHECKS.filter((c) => !v[c]).map((c) => VENUE_CHECK_LABELS[c]);
  return { met: missing.length === 0, missing };
}

/**
 * Idle: an active venue with no activity in the last `venueIdleDays` days,
 * counted from its last activity or, when it never had one, from its registration.
 */
export function venueIdleness(v: { status: string; lastActivityOn: string | null; registeredOn: string }, today: string, rules: Rules): { idle: boolean; daysWithoutActivity: number } {
  const since = v.lastActivityOn ?? v.registeredOn;
  const days = Math.max(0, daysFromTo(since, today));
  return { idle: v.status === 'active' && days >= rules.youthWork.venueIdleDays, daysWithoutActivity: days };
}
