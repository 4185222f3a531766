import type { Rules } from '../rules/config.js';
import { isBranchType, type OrgType } from '../org/types.js';
import { calendarPeriodOf, calendarPeriodsBetween, daysFromTo, type Cadence } from './periods.js';

/**
 * Organizational life of a branch (三会两制一课, shared/domain.md): the three
 * meetings (支部团员大会、支部委员会、团小组会), the lecture (团课), the theme day
 * (主题团日) and the oath ceremony. Required frequencies come from
 * `rules.orgLife`; every meeting is planned, then held with minutes and
 * attendance taken from the branch's member list, then archived
 * ("会前有计划、会中有记录、会后有档案").
 */
export const MEETING_KINDS = ['general_meeting', 'committee_meeting', 'group_meeting', 'lecture', 'theme_day', 'oath_ceremony'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  general_meeting: '支部团员大会',
  committee_meeting: '支部委员会',
  group_meeting: '团小组会',
  lecture: '团课',
  theme_day: '主题团日',
  oath_ceremony: '入团仪式',
};

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = { planned: '已计划', held: '已召开', cancelled: '已取消' };

/** Minutes shorter than this are not a record of the meeting (会中有记录). */
export const MEETING_MINUTES_MIN_LENGTH = 20;

export interface MeetingRequirement {
  kind: MeetingKind;
  cadence: Cadence;
  times: number;
}

/** What the configured frequencies require of every branch; kinds set to 0 are left out. */
export function meetingRequirements(rules: Rules): MeetingRequirement[] {
  const o = rules.orgLife;
  const all: MeetingRequirement[] = [
    { kind: 'general_meeting', cadence: 'quarter', times: o.generalMeetingsPerQuarter },
    { kind: 'committee_meeting', cadence: 'month', times: o.committeeMeetingsPerMonth },
    { kind: 'group_meeting', cadence: 'month', times: o.groupMeetingsPerMonth },
    { kind: 'lecture', cadence: 'quarter', times: o.lecturesPerQuarter },
    { kind: 'theme_day', cadence: 'month', times: o.themeDaysPerMonth },
  ];
  return all.filter((r) => r.times > 0);
}

export function describeRequirement(r: MeetingRequirement): string {
  return `${MEETING_KIND_LABELS[r.kind]}每${r.cadence === 'month' ? '月' : '季度'}${r.times}次`;
}

/** Organizational life is recorded by branches (members belong to a branch). */
export function meetingOrgProblem(orgType: OrgType | string, status: string): string | null {
  if (status !== 'active') return '该组织已撤销，不能再安排组织生活';
  if (!isBranchType(orgType as OrgType)) return '“三会两制一课”由团支部（联合团支部）开展，请选择团支部';
  return null;
}

export interface HeldMeeting {
  kind: MeetingKind | string;
  heldOn: string;
}

export interface PeriodCompliance {
  key: string;
  label: string;
  start: string;
  end: string;
  required: number;
  held: number;
  /** The period is over (and inside the range): a shortfall counts against the branch. */
  closed: boolean;
  short: number;
}

export interface KindCompliance {
  kind: MeetingKind;
  cadence: Cadence;
  times: number;
  periods: PeriodCompliance[];
  /** Over closed periods only. */
  required: number;
  met: number;
  short: number;
}

export interface Shortfall {
  kind: MeetingKind;
  period: string;
  short: number;
  /** "2026年3月支部委员会少1次" */
  text: string;
}

export interface BranchCompliance {
  kinds: KindCompliance[];
  required: number;
  met: number;
  /** met ÷ required over closed periods; null when nothing was due yet. */
  rate: number | null;
  behind: boolean;
  shortfalls: Shortfall[];
}

/**
 * Compliance of one branch over [from, to] against the configured frequencies.
 * Only periods that are over (before today and inside the range) count; the
 * period a branch was founded in, and those before, are excused. `held` may
 * hold meetings outside the range; they are ignored.
 */
export function meetingCompliance(
  held: HeldMeeting[],
  range: { from: string; to: string },
  today: string,
  rules: Rules,
  foundedOn?: string | null,
): BranchCompliance {
  const kinds: KindCompliance[] = [];
  const shortfalls: Shortfall[] = [];
  for (const req of meetingRequirements(rules)) {
    const periods: PeriodCompliance[] = [];
    for (const p of calendarPeriodsBetween(range.from, range.to, req.cadence)) {
      if (foundedOn && p.start < foundedOn) continue;
      const n = held.filter((m) => m.kind === req.kind && m.heldOn >= p.start && m.heldOn <= p.end).length;
      const closed = p.end < today && p.end <= range.to && p.start >= range.from;
      const short = closed ? Math.max(0, req.times - n) : 0;
      periods.push({ ...p, required: req.times, held: n, closed, short });
      if (short > 0) shortfalls.push({ kind: req.kind, period: p.label, short, text: `${p.label}${MEETING_KIND_LABELS[req.kind]}少${short}次` });
    }
    const closed = periods.filter((p) => p.closed);
    const required = closed.reduce((s, p) => s + p.required, 0);
    const met = closed.reduce((s, p) => s + Math.min(p.held, p.required), 0);
    kinds.push({ kind: req.kind, cadence: req.cadence, times: req.times, periods, required, met, short: required - met });
  }
  const required = kinds.reduce((s, k) => s + k.required, 0);
  const met = kinds.reduce((s, k) => s + k.met, 0);
  return { kinds, required, met, rate: required ? Math.round((met / required) * 10_000) / 10_000 : null, behind: shortfalls.length > 0, shortfalls };
}

export interface DueItem {
  kind: MeetingKind;
  cadence: Cadence;
  period: string;
  periodEnd: string;
  daysLeft: number;
  required: number;
  held: number;
  /** Planned and not yet held in this period. */
  planned: number;
  remaining: number;
  /** done: requirement met; planned: enough meetings planned; due: still to be planned and held. */
  state: 'done' | 'planned' | 'due';
  text: string;
}

/** What a branch must still do in the current month / quarter (shown to the branch secretary). */
export function meetingsDue(
  meetings: { kind: MeetingKind | string; status: string; heldOn: string | null; plannedOn: string }[],
  today: string,
  rules: Rules,
): DueItem[] {
  return meetingRequirements(rules).map((req) => {
    const p = calendarPeriodOf(today, req.cadence);
    const inPeriod = (d: string | null) => d !== null && d >= p.start && d <= p.end;
    const held = meetings.filter((m) => m.kind === req.kind && m.status === 'held' && inPeriod(m.heldOn)).length;
    const planned = meetings.filter((m) => m.kind === req.kind && m.status === 'planned' && inPeriod(m.plannedOn)).length;
    const remaining = Math.max(0, req.times - held);
    const state: DueItem['state'] = remaining === 0 ? 'done' : planned >= remaining ? 'planned' : 'due';
    const label = MEETING_KIND_LABELS[req.kind];
    const text =
      state === 'done'
        ? `${p.label}${label}已完成（${held}/${req.times}）`
        : state === 'planned'
          ? `${p.label}${label}已计划，尚待召开${remaining}次（截至${p.end}）`
          : `${p.label}还需召开${label}${remaining}次（截至${p.end}，剩${daysFromTo(today, p.end)}天）`;
    return { kind: req.kind, cadence: req.cadence, period: p.label, periodEnd: p.end, daysLeft: daysFromTo(today, p.end), required: req.times, held, planned, remaining, state, text };
  });
}

/* ------------------------------------------------------------------ one meeting */

export function meetingPlanProblems(input: { plannedOn: string }, today: string, current?: { status: string }): string[] {
  const problems: string[] = [];
  if (current && current.status !== 'planned') problems.push(`会议${MEETING_STATUS_LABELS[current.status as MeetingStatus] ?? current.status}，不能再修改计划`);
  // A plan may be entered afterwards for a meeting already held, but not years back.
  if (daysFromTo(input.plannedOn, today) > 366) problems.push('计划日期不能早于一年前');
  return problems;
}

export interface AttendanceInput {
  presentIds: number[];
  absentIds: number[];
}

/**
 * Why a meeting cannot be recorded as held. `roster` = the branch's active
 * members today (the member list attendance is taken from).
 */
export function meetingRecordProblems(
  meeting: { kind: MeetingKind | string; status: string; plannedOn: string },
  input: AttendanceInput & { heldOn: string; minutes: string },
  roster: ReadonlySet<number>,
  today: string,
): string[] {
  const problems: string[] = [];
  if (meeting.status !== 'planned') {
    return [meeting.status === 'held' ? '该会议已记录，不能重复记录' : '该会议已取消，不能记录'];
  }
  if (input.heldOn > today) problems.push('召开日期不能晚于今天');
  if (daysFromTo(input.heldOn, today) > 366) problems.push('召开日期不能早于一年前');
  if (input.minutes.trim().length < MEETING_MINUTES_MIN_LENGTH) problems.push(`请填写会议记录（至少${MEETING_MINUTES_MIN_LENGTH}字），做到会中有记录`);
  const all = [...input.presentIds, ...input.absentIds];
  const seen = new Set<number>();
  const dup = all.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  if (dup.length) problems.push('同一人不能在出席和缺席名单中重复出现');
  const outside = all.filter((id) => !roster.has(id));
  if (outside.length) problems.push(`有${new Set(outside).size}人不在本支部团员名单中，出席情况须从本支部团员名单中选取`);
  if (input.presentIds.length === 0) problems.push('请勾选出席人员');
  if (meeting.kind === 'general_meeting') {
    const missing = [...roster].filter((id) => !seen.has(id)).length;
    if (missing) problems.push(`支部团员大会应由全体团员参加，还有${missing}名团员未登记出席或缺席`);
  }
  return problems;
}

/** A general meeting can decide only with more than half of the members present (团章). */
export function hasQuorum(kind: MeetingKind | string, expected: number | null, present: number | null): boolean | null {
  if (kind !== 'general_meeting' || expected === null || present === null) return null;
  return present * 2 > expected;
}

export function meetingCancelProblems(meeting: { status: string }): string[] {
  if (meeting.status === 'held') return ['该会议已召开，不能取消'];
  if (meeting.status === 'cancelled') return ['该会议已取消'];
  return [];
}

/** 会前有计划、会中有记录、会后有档案: what is still missing for a meeting. */
export function meetingDocumentation(m: { status: string; plan: string | null; minutes: string | null; attachments: number }): {
  planned: boolean;
  recorded: boolean;
  archived: boolean;
  missing: string[];
} {
  const planned = !!m.plan?.trim();
  const recorded = m.status === 'held' && (m.minutes?.trim().length ?? 0) >= MEETING_MINUTES_MIN_LENGTH;
  const archived = recorded && m.attachments > 0;
  const missing: string[] = [];
  if (m.status === 'cancelled') return { planned, recorded: false, archived: false, missing };
  if (!planned) missing.push('会前计划（会议方案）');
  if (!recorded) missing.push('会议记录');
  if (!archived) missing.push('会后归档材料（照片、签到表等附件）');
  return { planned, recorded, archived, missing };
}
