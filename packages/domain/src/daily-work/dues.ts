import type { Rules } from '../rules/config.js';

/**
 * 团费收缴: what each member owes per month, in integer fen (分), never
 * floating point. Standards come from rules.dues: a flat monthly amount for
 * students and members without income, a share of monthly income for employed
 * members, exemptions with a reason; a branch remits rules.dues.remitShare of
 * what it collected to the level above (上缴). Each function returns the Chinese
 * sentences that refuse an action (empty = allowed).
 */

export const DUES_CATEGORIES = ['student', 'no_income', 'employed'] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];
export const DUES_CATEGORY_LABELS: Record<DuesCategory, string> = {
  student: '学生',
  no_income: '无收入',
  employed: '在职（有收入）',
};

export const DUES_METHODS = ['cash', 'transfer', 'online'] as const;
export type DuesMethod = (typeof DUES_METHODS)[number];
export const DUES_METHOD_LABELS: Record<DuesMethod, string> = { cash: '现金', transfer: '银行转账', online: '线上缴纳' };

/** Longest exemption reason and receipt number accepted. */
export const DUES_EXEMPT_REASON_MAX = 100;
export const DUES_RECEIPT_MAX = 40;

const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** A dues month "YYYY-MM". */
export function isDuesPeriod(value: string): boolean {
  return PERIOD_RE.test(value);
}

/** The dues month of a date. */
export function duesPeriodOf(date: string): string {
  return date.slice(0, 7);
}

/** Chinese label of a dues month: "2026年3月". */
export function duesPeriodLabel(period: string): string {
  return `${Number(period.slice(0, 4))}年${Number(period.slice(5, 7))}月`;
}

/** Every month from `from` to `to` inclusive ("YYYY-MM"), in order; empty when to < from. */
export function duesPeriodsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  if (!isDuesPeriod(from) || !isDuesPeriod(to) || to < from) return out;
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const p = `${y}-${pad(m)}`;
    if (p > to) break;
    out.push(p);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * `share` of an amount in fen, rounded half up to a whole fen. The share is
 * taken as parts per million and multiplied in integers, so 0.005 × 300000
 * is exactly 1500, not 1499.9999….
 */
export function shareOfFen(amountFen: number, share: number): number {
  if (!Number.isInteger(amountFen) || amountFen < 0) throw new RangeError('amount must be a non-negative integer number of fen');
  const ppm = BigInt(Math.round(share * 1_000_000));
  return Number((BigInt(amountFen) * ppm + 500_000n) / 1_000_000n);
}

/** Fen as yuan text with two decimals: 1234 → "12.34". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.trunc(abs / 100)}.${pad(abs % 100)}`;
}

export interface DuesProfileFacts {
  category: DuesCategory;
  monthlyIncomeFen: number | null;
  exemptReason: string | null;
}

/** The category of a member without a recorded profile: students pay as students, others as members without income until their income is recorded. */
export function defaultDuesProfile(isStudent: boolean): DuesProfileFacts {
  return { category: isStudent ? 'student' : 'no_income', monthlyIncomeFen: null, exemptReason: null };
}

/** What a member owes for one month, in fen, and on what basis (for the ledger). */
export function monthlyDuesFen(profile: DuesProfileFacts, rules: Rules): { dueFen: number; exempt: boolean; basis: string } {
  if (profile.exemptReason) return { dueFen: 0, exempt: true, basis: `免交：${profile.exemptReason}` };
  if (profile.category === 'employed') {
    const income = profile.monthlyIncomeFen ?? 0;
    const pct = +(rules.dues.incomeShare * 100).toFixed(4);
    return { dueFen: shareOfFen(income, rules.dues.incomeShare), exempt: false, basis: `月收入${fenToYuan(income)}元×${pct}%` };
  }
  return { dueFen: rules.dues.flatMonthlyFen, exempt: false, basis: `${DUES_CATEGORY_LABELS[profile.category]}每月${fenToYuan(rules.dues.flatMonthlyFen)}元` };
}

/** Why a dues profile cannot be saved. */
export function duesProfileProblems(p: DuesProfileFacts): string[] {
  const problems: string[] = [];
  if (p.category === 'employed') {
    if (p.monthlyIncomeFen === null || !Number.isInteger(p.monthlyIncomeFen) || p.monthlyIncomeFen <= 0) problems.push('在职团员须填写月收入（分，整数，大于0）');
  } else if (p.monthlyIncomeFen !== null && p.monthlyIncomeFen !== 0) {
    problems.push(`${DUES_CATEGORY_LABELS[p.category]}团员按固定标准交纳团费，不填写月收入`);
  }
  if (p.exemptReason !== null && p.exemptReason.trim().length < 2) problems.push('免交团费须注明原因（至少2个字）');
  return problems;
}

export interface PaymentFacts {
  name?: string;
  period: string;
  paidOn: string;
  method: DuesMethod;
  receiptNo: string | null;
  amountFen: number;
  /** What the member owes for the month (monthlyDuesFen). */
  dueFen: number;
  exempt: boolean;
  memberStatus: string | null;
  joinedOn: string | null;
  today: string;
}

/**
 * Why a payment cannot be recorded. A month may be paid in advance up to the
 * end of the current year (students often pay a year at once), never before
 * the member joined; an online payment carries its receipt number; less than
 * the standard is refused (more is accepted: 自愿多交).
 */
export function paymentProblems(f: PaymentFacts): string[] {
  const who = f.name ? `${f.name}：` : '';
  const problems: string[] = [];
  if (f.memberStatus !== 'active') problems.push(`${who}不是在册团员，不能登记团费`);
  if (!isDuesPeriod(f.period)) {
    problems.push(`${who}所属月份格式应为YYYY-MM`);
    return problems;
  }
  const label = duesPeriodLabel(f.period);
  if (f.period > `${f.today.slice(0, 4)}-12`) problems.push(`${who}${label}尚未到来，最多预交到本年12月`);
  if (f.joinedOn && f.period < duesPeriodOf(f.joinedOn)) problems.push(`${who}${label}尚未入团（入团日期${f.joinedOn}），无需交纳`);
  if (f.paidOn > f.today) problems.push(`${who}交纳日期不能晚于今天`);
  if (f.exempt) problems.push(`${who}已免交团费，无需登记`);
  if (!Number.isInteger(f.amountFen) || f.amountFen <= 0) problems.push(`${who}金额应为大于0的整数（分）`);
  else if (!f.exempt && f.amountFen < f.dueFen) problems.push(`${who}金额不足：${label}应交${fenToYuan(f.dueFen)}元，登记的是${fenToYuan(f.amountFen)}元`);
  if (f.method === 'online' && !f.receiptNo?.trim()) problems.push(`${who}线上缴纳须填写电子回单号`);
  if (f.receiptNo && f.receiptNo.length > DUES_RECEIPT_MAX) problems.push(`${who}回单号不能超过${DUES_RECEIPT_MAX}个字符`);
  return problems;
}

/** What a branch remits to the level above for what it collected. */
export function remittanceDueFen(collectedFen: number, rules: Rules): number {
  return shareOfFen(collectedFen, rules.dues.remitShare);
}

/** Why a remittance (上缴) cannot be recorded. */
export function remittanceProblems(f: {
  periodFrom: string;
  periodTo: string;
  amountFen: number;
  /** remittanceDueFen of what the branch collected in the months. */
  expectedFen: number;
  /** Months already covered by an earlier remittance of the branch. */
  alreadyRemitted: string[];
  remittedOn: string;
  today: string;
  isBranch: boolean;
}): string[] {
  const problems: string[] = [];
  if (!f.isBranch) problems.push('团费上缴由团支部办理，请选择团支部');
  if (!isDuesPeriod(f.periodFrom) || !isDuesPeriod(f.periodTo)) return [...problems, '起止月份格式应为YYYY-MM'];
  if (f.periodFrom > f.periodTo) problems.push('开始月份不能晚于结束月份');
  if (f.periodTo > duesPeriodOf(f.today)) problems.push('不能上缴尚未到来的月份');
  if (f.remittedOn > f.today) problems.push('上缴日期不能晚于今天');
  if (f.alreadyRemitted.length) problems.push(`${f.alreadyRemitted.map(duesPeriodLabel).join('、')}已上缴，不能重复上缴`);
  if (f.expectedFen === 0) problems.push('所选月份没有收缴团费，无需上缴');
  else if (f.amountFen !== f.expectedFen) problems.push(`上缴金额应为所选月份收缴额的规定比例：${fenToYuan(f.expectedFen)}元`);
  return problems;
}
