/**
 * Aid projects (希望工程, 圆梦大学, 春晖行动, 关爱农民工子女): funds raised and
 * beneficiaries with amounts and status. Money is integer fen (分), never
 * floating point. No one is aided twice in one program and year.
 */
export const AID_PROGRAMS = ['hope_project', 'dream_university', 'spring_sunshine', 'migrant_children'] as const;
export type AidProgram = (typeof AID_PROGRAMS)[number];
export const AID_PROGRAM_LABELS: Record<AidProgram, string> = {
  hope_project: '希望工程',
  dream_university: '圆梦大学',
  spring_sunshine: '春晖行动',
  migrant_children: '关爱农民工子女',
};

export const BENEFICIARY_STATUSES = ['approved', 'paid', 'cancelled'] as const;
export type BeneficiaryStatus = (typeof BENEFICIARY_STATUSES)[number];
export const BENEFICIARY_STATUS_LABELS: Record<BeneficiaryStatus, string> = { approved: '已批准', paid: '已发放', cancelled: '已取消' };

export type BeneficiaryAction = 'pay' | 'cancel';
const ACTION_LABELS: Record<BeneficiaryAction, string> = { pay: '发放', cancel: '取消' };

/**
 * Yuan as typed or read from a spreadsheet ("1500.5", "1,500.50元", "¥12", 12.3)
 * → fen, exactly (string parsing, no floating point arithmetic); null when it is
 * not a non-negative amount with at most two decimals. The one yuan parser of
 * the domain (dues, aid, every money input).
 */
export function yuanToFen(value: string | number): number | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim().replace(/[元¥￥,，\s]/g, '');
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 150050 fen → "1,500.50" (yuan). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** 1542700 fen → "1.54" (万元, two decimals), as work reports write it. */
export function fenToWanYuan(fen: number): string {
  return (Math.round(fen / 10_000) / 100).toFixed(2);
}

/** Why a beneficiary cannot be added with this amount; `committed` = approved and paid amounts already in the project. */
export function beneficiaryAmountProblems(amountFen: number, project: { fundsRaisedFen: number; committedFen: number }): string[] {
  if (!Number.isInteger(amountFen) || amountFen <= 0) return ['资助金额应大于0'];
  if (project.committedFen + amountFen > project.fundsRaisedFen) {
    return [`超出项目募集资金：已安排${formatFen(project.committedFen)}元，本次${formatFen(amountFen)}元，募集资金${formatFen(project.fundsRaisedFen)}元`];
  }
  return [];
}

/** Funds raised cannot fall below what is already approved or paid. */
export function fundsRaisedProblems(fundsRaisedFen: number, committedFen: number): string[] {
  if (!Number.isInteger(fundsRaisedFen) || fundsRaisedFen < 0) return ['募集资金不能为负'];
  return fundsRaisedFen < committedFen ? [`募集资金不能少于已安排的资助金额${formatFen(committedFen)}元`] : [];
}

export function beneficiaryActionProblems(status: BeneficiaryStatus | string, action: BeneficiaryAction, input: { on?: string; today: string }): string[] {
  if (status !== 'approved') {
    return [`该受助人${BENEFICIARY_STATUS_LABELS[status as BeneficiaryStatus] ?? status}，不能${ACTION_LABELS[action]}`];
  }
  if (action === 'pay' && input.on && input.on > input.today) return ['发放日期不能晚于今天'];
  return [];
}

/** The refusal when an ID number already has aid in the program-year (the other record's place named only when in scope). */
export function aidDuplicateProblem(program: AidProgram | string, year: number, found: { inScope: boolean; orgName: string | null }[]): string | null {
  if (!found.length) return null;
  const label = AID_PROGRAM_LABELS[program as AidProgram] ?? program;
  const where = found.find((f) => f.inScope && f.orgName);
  return where
    ? `该受助人${year}年已在“${where.orgName}”的${label}项目中受助，同一项目年度不能重复资助`
    : `该受助人${year}年已在其他地区的${label}项目中受助，同一项目年度不能重复资助`;
}
