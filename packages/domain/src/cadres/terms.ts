import type { Rules } from '../rules/config.js';
import type { OrgType, Sector } from '../org/types.js';
import { addYearsTo } from './codes.js';

/**
 * Terms and elections (换届): each committee's term lasts the configured number
 * of years for its organization type (rules.cadres); committees never elected
 * (从未换届) or past their term (久未换届: more than rules.cadres.longOverdueYears
 * beyond it) are listed. A part-time cadre's term ends at the committee's next
 * election (the approved election ends every post of the old committee).
 */

/** Student branches of middle schools and universities are elected every year (选举工作条例 art. 3). */
export const STUDENT_BRANCH_TERM_YEARS = 1;
/** A term ending within this many months is listed as due (条例 art. 4: branches may advance or delay by up to 6 months). */
export const ELECTION_DUE_WINDOW_MONTHS = 6;

/** Organization types whose committee is elected (青年工作委员会 is not a league committee). */
export const ELECTED_ORG_TYPES: readonly OrgType[] = ['county', 'township', 'subdistrict', 'unit_committee', 'general_branch', 'branch', 'joint_branch'];

export function termYearsFor(org: { type: OrgType; sector?: Sector | string | null; isStudentClass?: boolean }, rules: Rules): number | null {
  const c = rules.cadres;
  switch (org.type) {
    case 'township':
    case 'subdistrict':
      return c.townshipTermYears;
    case 'branch':
    case 'joint_branch':
      return org.isStudentClass ? STUDENT_BRANCH_TERM_YEARS : c.branchTermYears;
    case 'general_branch':
      return c.branchTermYears;
    case 'county':
    case 'unit_committee':
      return c.unitCommitteeTermYears;
    default:
      return null;
  }
}

export const TERM_STATUSES = ['never', 'current', 'due', 'overdue', 'long_overdue'] as const;
export type TermStatus = (typeof TERM_STATUSES)[number];
export const TERM_STATUS_LABELS: Record<TermStatus, string> = {
  never: '从未换届',
  current: '任期内',
  due: '即将到期',
  overdue: '已到期未换届',
  long_overdue: '久未换届',
};

export interface TermFacts {
  startedOn: string;
  lengthYears: number;
}

export interface TermState {
  status: TermStatus;
  /** When the current term ends (null when never elected). */
  endsOn: string | null;
  /** Whole years past the end of term (0 when not overdue). */
  yearsOverdue: number;
}

function addMonthsTo(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(d, last));
  return t.toISOString().slice(0, 10);
}

export function termState(term: TermFacts | null, today: string, rules: Rules): TermState {
  if (!term) return { status: 'never', endsOn: null, yearsOverdue: 0 };
  const endsOn = addYearsTo(term.startedOn, term.lengthYears);
  if (endsOn > addMonthsTo(today, ELECTION_DUE_WINDOW_MONTHS)) return { status: 'current', endsOn, yearsOverdue: 0 };
  if (endsOn > today) return { status: 'due', endsOn, yearsOverdue: 0 };
  let years = 0;
  while (addYearsTo(endsOn, years + 1) <= today) years++;
  const long = addYearsTo(endsOn, rules.cadres.longOverdueYears) <= today;
  return { status: long ? 'long_overdue' : 'overdue', endsOn, yearsOverdue: years };
}
