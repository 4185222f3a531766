import { POLITICAL } from '../people/codes.js';

/**
 * Code lists of the cadre database (团干部信息管理库): posts, how they are
 * held, the establishment (编制), how a holder came to the post. English
 * identifiers in data, Chinese labels for users (shared/domain.md, "Cadres
 * and committees").
 */

/** Posts in a committee or branch (团委、团总支、团支部). */
export const CADRE_TITLES = ['secretary', 'deputy_secretary', 'organization_member', 'propaganda_member', 'member'] as const;
export type CadreTitle = (typeof CADRE_TITLES)[number];
export const CADRE_TITLE_LABELS: Record<CadreTitle, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  organization_member: '组织委员',
  propaganda_member: '宣传委员',
  member: '委员',
};
/** Posts counted as "members" (委员) in a composition pattern such as 1+1+3. */
export const MEMBER_TITLES: readonly CadreTitle[] = ['organization_member', 'propaganda_member', 'member'];

export const CADRE_EMPLOYMENTS = ['full_time', 'part_time', 'seconded'] as const;
export type CadreEmployment = (typeof CADRE_EMPLOYMENTS)[number];
export const CADRE_EMPLOYMENT_LABELS: Record<CadreEmployment, string> = { full_time: '专职', part_time: '兼职', seconded: '挂职' };

export const ESTABLISHMENTS = ['inside', 'outside'] as const;
export type Establishment = (typeof ESTABLISHMENTS)[number];
export const ESTABLISHMENT_LABELS: Record<Establishment, string> = { inside: '体制内', outside: '体制外' };

export const POST_SOURCES = ['election', 'selection', 'appointment'] as const;
export type PostSource = (typeof POST_SOURCES)[number];
export const POST_SOURCE_LABELS: Record<PostSource, string> = { election: '选举产生', selection: '选配', appointment: '任命' };

/**
 * Who has the right to be elected in the league (选举权、被选举权): members, and
 * Party members (incl. probationary) placed in league posts — 《中国共产主义青年团
 * 基层组织选举工作条例》(2025) art. 6. Not a province-dependent figure, so a
 * constant, not a rule setting.
 */
export const ELIGIBLE_POLITICAL_STATUSES: readonly string[] = [POLITICAL.partyMember, POLITICAL.probationaryPartyMember, POLITICAL.leagueMember];

/** A date plus (or minus) whole calendar days, YYYY-MM-DD. */
export function addCalendarDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** A date plus whole years (29 February falls back to 28 February). */
export function addYearsTo(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, 1));
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  t.setUTCDate(Math.min(d, last));
  return t.toISOString().slice(0, 10);
}

/** "46.7%": a ratio as a percentage with `digits` decimals, as the work reports write it. */
export function percentText(ratio: number | null, digits = 1): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return `${(Math.round(ratio * 100 * 10 ** digits) / 10 ** digits).toFixed(digits).replace(/\.0+$/, '')}%`;
}

/** n ÷ d, or null when there is nothing to divide by. */
export function shareOf(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}
