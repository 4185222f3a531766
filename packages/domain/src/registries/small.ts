import { CADRE_TITLES, CADRE_TITLE_LABELS, MEMBER_TITLES, type CadreTitle } from '../cadres/codes.js';
import { ORG_TYPES, ORG_TYPE_LABELS, type OrgType } from '../org/types.js';
import type { Rules } from '../rules/config.js';

/**
 * Smaller registries the seed reports name (issue 17, item 6): post titles
 * beyond the five built-in ones, 西部计划-type programmes on a cadre or a
 * volunteer, 督导联系点 visits, the party committee's yearly meeting on league
 * work, youth societies and 青年发展规划 measures.
 */

/* ------------------------------------------------ configurable post titles */

/** A post title configured in 规则配置 (团干部与换届 → 其他职务): stored by its name. */
export interface ExtraPostTitle {
  title: string;
  /** Counted with the 委员 of a composition pattern (配备率). */
  countsAsMember: boolean;
  /** Organization types that may have the post (every type when empty). */
  orgTypes: OrgType[];
}

const MEMBER_WORDS = { 计入委员: true, 不计委员: false } as const;
const TYPE_BY_LABEL = new Map<string, OrgType>(ORG_TYPES.map((t) => [ORG_TYPE_LABELS[t], t]));

/**
 * Reads the configured titles: entries separated by “；” (or new lines), each
 * `名称/计入委员|不计委员/适用组织类型、…` (types by their Chinese names, or 全部).
 * Returns the titles and, for a malformed entry, a Chinese problem naming it.
 */
export function parseExtraPostTitles(text: string): { titles: ExtraPostTitle[]; problems: string[] } {
  const titles: ExtraPostTitle[] = [];
  const problems: string[] = [];
  for (const raw of text.split(/[；;\n]+/).map((s) => s.trim()).filter(Boolean)) {
    const [name = '', member = '', types = '全部', ...rest] = raw.split(/[/／]/).map((s) => s.trim());
    if (!name || rest.length) {
      problems.push(`“${raw}”应写作 名称/计入委员（或不计委员）/适用组织类型`);
      continue;
    }
    if (Object.values(CADRE_TITLE_LABELS).includes(name) || (CADRE_TITLES as readonly string[]).includes(name)) {
      problems.push(`“${name}”是内置职务，无需配置`);
      continue;
    }
    if (titles.some((t) => t.title === name)) {
      problems.push(`职务“${name}”重复`);
      continue;
    }
    if (!(member in MEMBER_WORDS)) {
      problems.push(`“${name}”的第二项应为“计入委员”或“不计委员”`);
      continue;
    }
    const orgTypes: OrgType[] = [];
    if (types !== '全部' && types !== '') {
      for (const label of types.split(/[、，,]+/).map((s) => s.trim()).filter(Boolean)) {
        const t = TYPE_BY_LABEL.get(label);
        if (!t) problems.push(`“${name}”的适用组织类型“${label}”无效`);
        else orgTypes.push(t);
      }
    }
    titles.push({ title: name, countsAsMember: MEMBER_WORDS[member as keyof typeof MEMBER_WORDS], orgTypes });
  }
  return { titles, problems };
}

/** The configured extra titles in force (a malformed entry is left out; the settings page refuses it on save). */
export function extraPostTitles(rules: Rules): ExtraPostTitle[] {
  return parseExtraPostTitles(rules.cadres.extraPostTitles).titles;
}

/** The Chinese name of a post title: a built-in title's label, a configured title its own name. */
export function cadreTitleLabel(title: string): string {
  return CADRE_TITLE_LABELS[title as CadreTitle] ?? title;
}

export const isBuiltInTitle = (title: string): title is CadreTitle => (CADRE_TITLES as readonly string[]).includes(title);

/** Whether a post counts with the 委员 of a composition pattern: the built-in member titles and configured ones marked 计入委员. */
export function countsAsMember(title: string, rules: Rules): boolean {
  if (isBuiltInTitle(title)) return MEMBER_TITLES.includes(title);
  return extraPostTitles(rules).some((t) => t.title === title && t.countsAsMember);
}

/** Every title one may record (built-in first), optionally for one organization type. */
export function postTitleOptions(rules: Rules, orgType?: OrgType): { value: string; label: string; builtIn: boolean }[] {
  return [
    ...CADRE_TITLES.map((t) => ({ value: t as string, label: CADRE_TITLE_LABELS[t], builtIn: true })),
    ...extraPostTitles(rules)
      .filter((t) => !orgType || t.orgTypes.length === 0 || t.orgTypes.includes(orgType))
      .map((t) => ({ value: t.title, label: t.title, builtIn: false })),
  ];
}

/** Why a title cannot be given in an organization of this type (Chinese, for the field 职务). */
export function postTitleProblem(title: string, orgType: OrgType, rules: Rules): string | null {
  if (isBuiltInTitle(title)) return null;
  const t = extraPostTitles(rules).find((x) => x.title === title);
  if (!t) return `职务“${title}”不是内置职务，也不在规则配置的其他职务中`;
  if (t.orgTypes.length && !t.orgTypes.includes(orgType)) {
    return `${ORG_TYPE_LABELS[orgType]}不设“${title}”（规则配置的适用组织类型：${t.orgTypes.map((x) => ORG_TYPE_LABELS[x]).join('、')}）`;
  }
  return null;
}

/* ---------------------------------------------------- 西部计划 and others */

/** The programmes (西部计划、三支一扶…) configured in 规则配置 → 青年工作. */
export function servicePrograms(rules: Rules): string[] {
  return [...new Set(rules.youthWork.servicePrograms.split(/[、，,；;\s]+/).map((t) => t.trim()).filter(Boolean))];
}

/** Why a programme flag cannot be recorded (the field 专项计划 / 服务年度). */
export function programProblems(p: { program?: string | null; programYear?: number | null }, rules: Rules, currentYear: number): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (!p.program) {
    if (p.programYear) out.push({ field: 'programYear', message: '未选择专项计划时不填服务年度' });
    return out;
  }
  const list = servicePrograms(rules);
  if (!list.includes(p.program)) out.push({ field: 'program', message: `专项计划“${p.program}”不在规则配置的专项计划中（${list.join('、')}）` });
  if (!p.programYear) out.push({ field: 'programYear', message: '请填写专项计划的服务年度' });
  else if (p.programYear > currentYear + 1 || p.programYear < 2003) out.push({ field: 'programYear', message: `服务年度应在2003年至${currentYear + 1}年之间` });
  return out;
}

/** Counts by programme of flagged records (a cadre or volunteer list's tally), in the configured order. */
export function programTally(rows: readonly { program: string | null; n?: number }[], rules: Rules): { program: string; n: number }[] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.program) counts.set(r.program, (counts.get(r.program) ?? 0) + (r.n ?? 1));
  const order = servicePrograms(rules);
  return [...counts.entries()].map(([program, n]) => ({ program, n })).sort((a, b) => (order.indexOf(a.program) + 1 || 99) - (order.indexOf(b.program) + 1 || 99));
}

/* ------------------------------------------------------------ 督导联系点 */

/** Visits per township in a year: every township listed (0 when none), most visits first is left to the caller. */
export function visitsPerTownship(
  townships: readonly { orgId: number; orgName: string }[],
  visits: readonly { orgId: number; visitedOn: string; followUpDone: boolean }[],
  year: number,
): { orgId: number; orgName: string; visits: number; openFollowUps: number; lastVisit: string | null }[] {
  return townships.map((t) => {
    const mine = visits.filter((v) => v.orgId === t.orgId && v.visitedOn.startsWith(`${year}-`));
    const last = mine.map((v) => v.visitedOn).sort().at(-1) ?? null;
    return { ...t, visits: mine.length, openFollowUps: mine.filter((v) => !v.followUpDone).length, lastVisit: last };
  });
}

/** Why a visit cannot be recorded. */
export function visitProblems(v: { visitedOn: string; problems?: string | null; followUp?: string | null }, today: string): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (v.visitedOn > today) out.push({ field: 'visitedOn', message: '督导日期不能晚于今天' });
  if (v.problems?.trim() && !v.followUp?.trim()) out.push({ field: 'followUp', message: '发现问题的，请填写整改跟进情况' });
  return out;
}

/* --------------------------------------------- 党委研究团的工作 (yearly) */

/** The end of the configured month (规则配置 → 日常团务 → 党委研究团的工作截止月份) of a year: the yearly meeting is due by then. */
export function partyMeetingDeadline(year: number, rules: Pick<Rules, 'dailyWork'>): string {
  const month = rules.dailyWork.partyMeetingDueMonth;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/**
 * Which townships held the party committee's meeting on league work in a
 * year; a township without one is overdue once the configured month has ended
 * (规则配置 → 日常团务 → 党委研究团的工作截止月份).
 */
export function partyMeetingStatus(
  townships: readonly { orgId: number; orgName: string }[],
  meetings: readonly { orgId: number; heldOn: string }[],
  year: number,
  today: string,
  dueMonth: number,
): { orgId: number; orgName: string; held: number; lastHeldOn: string | null; overdue: boolean }[] {
  const dueEnd = partyMeetingDeadline(year, { dailyWork: { partyMeetingDueMonth: dueMonth } as Rules['dailyWork'] });
  return townships.map((t) => {
    const mine = meetings.filter((m) => m.orgId === t.orgId && m.heldOn.startsWith(`${year}-`)).map((m) => m.heldOn).sort();
    return { ...t, held: mine.length, lastHeldOn: mine.at(-1) ?? null, overdue: mine.length === 0 && today > dueEnd };
  });
}

/* ------------------------------------------------------- 青年发展规划 */

export const PLAN_MEASURE_STATUSES = ['not_started', 'in_progress', 'completed', 'delayed'] as const;
export type PlanMeasureStatus = (typeof PLAN_MEASURE_STATUSES)[number];
export const PLAN_MEASURE_STATUS_LABELS: Record<PlanMeasureStatus, string> = { not_started: '未启动', in_progress: '推进中', completed: '已完成', delayed: '滞后' };

/** Why a measure's progress is inconsistent with its status. */
export function planMeasureProblems(m: { progress: number; status: PlanMeasureStatus }): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (m.status === 'completed' && m.progress < 100) out.push({ field: 'progress', message: '状态为已完成的，进度应为100%' });
  if (m.status === 'not_started' && m.progress > 0) out.push({ field: 'progress', message: '状态为未启动的，进度应为0' });
  if (m.progress >= 100 && m.status !== 'completed') out.push({ field: 'status', message: '进度为100%的，状态应为已完成' });
  return out;
}

/** A plan's figures: measures by status and the average progress. */
export function planSummary(measures: readonly { progress: number; status: PlanMeasureStatus }[]) {
  const byStatus = Object.fromEntries(PLAN_MEASURE_STATUSES.map((s) => [s, measures.filter((m) => m.status === s).length])) as Record<PlanMeasureStatus, number>;
  const avg = measures.length ? Math.round((measures.reduce((s, m) => s + m.progress, 0) / measures.length) * 10) / 10 : null;
  return { total: measures.length, byStatus, averageProgress: avg };
}

/* ------------------------------------------------------------- 青年社团 */

export const SOCIETY_TYPES = ['文体类', '志愿公益类', '学术科技类', '创业就业类', '兴趣爱好类', '其他'] as const;
