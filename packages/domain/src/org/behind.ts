/*
 * 落后的团支部 on a township's home: which branches are behind in dues
 * collection this month and in this year's registration, worst first. The
 * figures come from each module's own report (dues report, registration
 * progress); these rules only pick and order the branches.
 */

/** A branch's dues for the months asked (the dues report's row). */
export interface DuesProgress {
  dueMonths: number;
  unpaidMonths: number;
  collectionRate: number | null;
}

/** A branch's registration this year (the registration progress's row). */
export interface RegistrationProgress {
  total: number;
  /** Members not yet decided (neither registered, deferred nor refused). */
  unregistered: number;
  rate: number;
}

/** Behind in dues: some member owes a month asked for; lowest collection first, then most months owed. */
export function duesBehind<T extends DuesProgress>(rows: readonly T[]): T[] {
  return rows
    .filter((r) => r.dueMonths > 0 && r.unpaidMonths > 0)
    .sort((a, b) => (a.collectionRate ?? 0) - (b.collectionRate ?? 0) || b.unpaidMonths - a.unpaidMonths);
}

/** Behind in registration: members still undecided this year; lowest share registered first, then most undecided. */
export function registrationBehind<T extends RegistrationProgress>(rows: readonly T[]): T[] {
  return rows.filter((r) => r.total > 0 && r.unregistered > 0).sort((a, b) => a.rate - b.rate || b.unregistered - a.unregistered);
}
