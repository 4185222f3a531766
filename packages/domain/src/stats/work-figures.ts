import { perHeadValue, rateValue, type FigureValue } from './figures.js';

/**
 * The exact definitions of the work figures of the catalogue (stats/figures.ts:
 * 推优入党, 团籍注册, 团费, 志愿服务, 青年之声, 团代表联系) from the counts each
 * registry's own page shows. The server reads the counts (kept figures where
 * they exist: org_figures for registration, volunteers and appeals; the
 * statistical tables' member count) and these functions make the figure, so
 * the assessment, the reports and the registry pages cannot disagree.
 */

/** 推优入党比例: recommended this year ÷ members in the register. */
export function partyRecommendRate(recommended: number, members: number): FigureValue {
  return rateValue(recommended, members);
}

/** 团籍注册率: registered ÷ the year's members (registration progress: registered of total). */
export function registrationRate(p: { registered: number; total: number }): FigureValue {
  return rateValue(p.registered, p.total);
}

/** 团费收缴率: owed months paid ÷ owed months (the dues report: due months minus unpaid months, of due months). */
export function duesCollectionRate(p: { dueMonths: number; unpaidMonths: number }): FigureValue {
  return rateValue(p.dueMonths - p.unpaidMonths, p.dueMonths);
}

/** 团员人均志愿服务时长: hours of service recorded in the year ÷ members (one decimal). */
export function volunteerHoursPerMember(minutes: number, members: number): FigureValue {
  return perHeadValue(Math.round((minutes / 60) * 10) / 10, members);
}

/**
 * 青年之声按时答复率: answered within the time limit ÷ appeals of the year that are
 * answered or due (open appeals whose deadline is still ahead are not counted).
 */
export function appealOnTimeRate(p: { total: number; answeredOnTime: number; openNotDue: number }): FigureValue {
  return rateValue(p.answeredOnTime, p.total - p.openNotDue);
}

/** 团代表联系团支部覆盖率: branches a deputy contacted this year ÷ active branches. */
export function deputyLiaisonRate(contactedBranches: number, branches: number): FigureValue {
  return rateValue(contactedBranches, branches);
}
