import type { Rules } from '../rules/config.js';
import type { OrgType } from '../org/types.js';
import { ORG_TYPE_LABELS } from '../org/types.js';
import { CADRE_TITLES, CADRE_TITLE_LABELS, addCalendarDays, percentText, shareOf, type CadreEmployment, type CadreTitle } from './codes.js';
import { ELECTED_ORG_TYPES } from './terms.js';
import { STAFFED_ORG_TYPES } from './composition.js';

/**
 * The election (换届选举) and selection (选配) workflow as one state machine,
 * used by the server to refuse a step and by the web client to show what comes
 * next and why it is blocked (shared/domain.md, "Cadres and committees";
 * 柳池镇's procedure: 推荐 → 资格审查 → 党委研究 → 公示 → 选举 → 报批).
 *
 * plan → recommendation (组织推荐/民主推荐/个人自荐, 民主推荐+自荐 ≥ rules.cadres.democraticShareMin)
 * → qualification (age, residence, political status) → party_decision (党委研究)
 * → notice (公示, rules.cadres.publicNoticeDays, objections recorded and resolved)
 * → vote (elections only: quorum, ballots, 差额, more than half of those present)
 * → approval by the higher committee → posts updated (and, for an election, a new term).
 */
export const ELECTION_KINDS = ['election', 'selection'] as const;
export type ElectionKind = (typeof ELECTION_KINDS)[number];
export const ELECTION_KIND_LABELS: Record<ElectionKind, string> = { election: '换届选举', selection: '选配' };

export const ELECTION_STEPS = ['plan', 'recommendation', 'qualification', 'assessment', 'party_decision', 'notice', 'vote', 'approval'] as const;
export type ElectionStep = (typeof ELECTION_STEPS)[number];
export const ELECTION_STEP_LABELS: Record<ElectionStep, string> = {
  plan: '制定方案',
  recommendation: '人选推荐',
  qualification: '资格审查',
  assessment: '考试考察',
  party_decision: '党委研究',
  notice: '公示',
  vote: '选举大会投票',
  approval: '上级团委审批',
};
/** Steps that can be recorded through the step route (plan is the creation). */
export const RECORDABLE_ELECTION_STEPS = ['recommendation', 'qualification', 'assessment', 'party_decision', 'notice', 'vote', 'approval'] as const;
export type RecordableElectionStep = (typeof RECORDABLE_ELECTION_STEPS)[number];

export const ELECTION_STATUSES = ['in_progress', 'completed', 'cancelled'] as const;
export type ElectionStatus = (typeof ELECTION_STATUSES)[number];
export const ELECTION_STATUS_LABELS: Record<ElectionStatus, string> = { in_progress: '进行中', completed: '已完成', cancelled: '已取消' };

export const CANDIDATE_SOURCES = ['organization', 'democratic', 'self'] as const;
export type CandidateSource = (typeof CANDIDATE_SOURCES)[number];
export const CANDIDATE_SOURCE_LABELS: Record<CandidateSource, string> = { organization: '组织推荐', democratic: '民主推荐', self: '个人自荐' };

export const OBJECTION_STATES = ['none', 'pending', 'upheld', 'dismissed'] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];
export const OBJECTION_STATE_LABELS: Record<ObjectionState, string> = { none: '无异议', pending: '异议待核实', upheld: '异议属实', dismissed: '经核实无问题' };

/**
 * Constants from 《中国共产主义青年团基层组织选举工作条例》(2025) and common
 * practice, until the rules configuration carries them.
 */
/** The vote is valid only when more than 4/5 of those entitled are present. */
export const VOTE_QUORUM_SHARE = 4 / 5;
/** 差额选举: candidates exceed seats by at least this share of the seats (rounded up). */
export const DIFFERENTIAL_MARGIN_MIN = 0.2;

export interface SeatLine {
  title: CadreTitle;
  employment: CadreEmployment;
  seats: number;
}

export interface CandidateState {
  id: number;
  name: string;
  source: CandidateSource;
  postTitle: CadreTitle;
  qualified: boolean | null;
  objection: ObjectionState;
  votes: number | null;
  elected: boolean | null;
  /** 选配: the recorded 考试考察 (null until recorded). */
  assessment?: AssessmentRecord | null;
}

export interface ElectionState {
  kind: ElectionKind;
  /** The last step done (plan right after creation). */
  stage: ElectionStep;
  status: ElectionStatus;
  seats: SeatLine[];
  noticeFrom: string | null;
  noticeTo: string | null;
  /** Date of the last recorded step. */
  lastActedOn: string | null;
  candidates: CandidateState[];
}

export function electionStepsFor(kind: ElectionKind, assessments: readonly AssessmentComponent[] = []): ElectionStep[] {
  return ELECTION_STEPS.filter((s) => (s === 'vote' ? kind === 'election' : s === 'assessment' ? kind === 'selection' && assessments.length > 0 : true));
}

/** The steps of `kind` under `rules` (a selection has 考试考察 when the rules list components). */
export const electionStepsUnder = (kind: ElectionKind, rules?: Rules): ElectionStep[] => electionStepsFor(kind, rules ? selectionAssessments(rules) : []);

export function nextElectionStep(s: Pick<ElectionState, 'kind' | 'stage' | 'status'>, rules?: Rules): ElectionStep | null {
  if (s.status !== 'in_progress') return null;
  const at = ELECTION_STEPS.indexOf(s.stage);
  return electionStepsUnder(s.kind, rules).find((x) => ELECTION_STEPS.indexOf(x) > at) ?? null;
}

/* --------------------------------------------- 选配 考试考察 (assessment) */

export const ASSESSMENT_COMPONENTS = ['written', 'interview', 'speech', 'inspection'] as const;
export type AssessmentComponent = (typeof ASSESSMENT_COMPONENTS)[number];
export const ASSESSMENT_COMPONENT_LABELS: Record<AssessmentComponent, string> = { written: '笔试', interview: '面试', speech: '演讲', inspection: '考察' };
/** Components scored 0–100; 考察 gives a conclusion instead. */
export const SCORED_COMPONENTS = ['written', 'interview', 'speech'] as const;
export type ScoredComponent = (typeof SCORED_COMPONENTS)[number];
export const INSPECTION_CONCLUSIONS = ['优秀', '合格', '基本合格', '不合格'] as const;
export type InspectionConclusion = (typeof INSPECTION_CONCLUSIONS)[number];

export interface AssessmentRecord {
  written?: number | null;
  interview?: number | null;
  speech?: number | null;
  inspection?: InspectionConclusion | null;
  inspectionNote?: string | null;
}

/** The components a selection uses, from rules.cadres.selectionAssessments (labels, 顿号分隔), in their fixed order. */
export function selectionAssessments(rules: Rules): AssessmentComponent[] {
  const listed = new Set(rules.cadres.selectionAssessments.split(/[、，,；;\s]+/).map((t) => t.trim()));
  return ASSESSMENT_COMPONENTS.filter((c) => listed.has(ASSESSMENT_COMPONENT_LABELS[c]));
}

/** Total score: the mean of the configured scored components, one decimal; null when none is scored. */
export function assessmentTotal(r: AssessmentRecord, components: readonly AssessmentComponent[]): number | null {
  const scored = SCORED_COMPONENTS.filter((c) => components.includes(c)).map((c) => r[c]).filter((v): v is number => typeof v === 'number');
  if (!scored.length) return null;
  return Math.round((scored.reduce((a, b) => a + b, 0) / scored.length) * 10) / 10;
}

/**
 * Checks the 考试考察 record: every standing candidate has every configured
 * component (a score 0–100, or for 考察 a conclusion; 不合格 needs a note),
 * and only standing candidates are recorded.
 */
export function assessmentProblems(s: ElectionState, records: Record<number, AssessmentRecord>, components: readonly AssessmentComponent[]): string[] {
  const problems: string[] = [];
  const final = finalCandidates(s.candidates);
  const finalIds = new Set(final.map((c) => c.id));
  for (const id of Object.keys(records).map(Number)) {
    if (!finalIds.has(id)) {
      const c = s.candidates.find((x) => x.id === id);
      problems.push(`${c ? c.name : `编号${id}的人选`}不是资格审查后的人选`);
    }
  }
  for (const c of final) {
    const r = records[c.id];
    if (!r) {
      problems.push(`请填写${c.name}的考试考察情况`);
      continue;
    }
    for (const k of SCORED_COMPONENTS) {
      if (!components.includes(k)) continue;
      const v = r[k];
      if (v === undefined || v === null) problems.push(`请填写${c.name}的${ASSESSMENT_COMPONENT_LABELS[k]}成绩`);
      else if (!Number.isFinite(v) || v < 0 || v > 100) problems.push(`${c.name}的${ASSESSMENT_COMPONENT_LABELS[k]}成绩应在0至100分之间`);
    }
    if (components.includes('inspection')) {
      if (!r.inspection) problems.push(`请填写${c.name}的考察结论`);
      else if (!INSPECTION_CONCLUSIONS.includes(r.inspection)) problems.push(`${c.name}的考察结论应为${INSPECTION_CONCLUSIONS.join('、')}之一`);
      else if (r.inspection === '不合格' && !r.inspectionNote?.trim()) problems.push(`${c.name}考察不合格，请填写考察意见`);
    }
  }
  return problems;
}

export const seatsTotal = (seats: SeatLine[]) => seats.reduce((n, s) => n + s.seats, 0);

/** Candidates needed for a 差额 vote on `seats` seats. */
export const differentialMinimum = (seats: number) => seats + Math.ceil(seats * DIFFERENTIAL_MARGIN_MIN);

/** Share of 民主推荐 + 个人自荐 among the given candidates. */
export function democraticShare(candidates: Pick<CandidateState, 'source'>[]): number | null {
  return shareOf(candidates.filter((c) => c.source !== 'organization').length, candidates.length);
}

/** Candidates still standing: qualified, and no objection found true. */
export function finalCandidates(candidates: CandidateState[]): CandidateState[] {
  return candidates.filter((c) => c.qualified === true && c.objection !== 'upheld');
}

/* --------------------------------------------------------------- the plan */

export function planProblems(p: { kind: ElectionKind; orgType: OrgType; seats: SeatLine[]; hasOpenElection: boolean }): string[] {
  const problems: string[] = [];
  const allowed = p.kind === 'election' ? ELECTED_ORG_TYPES : STAFFED_ORG_TYPES;
  if (!allowed.includes(p.orgType)) problems.push(`${ORG_TYPE_LABELS[p.orgType]}不进行${ELECTION_KIND_LABELS[p.kind]}`);
  if (p.hasOpenElection) problems.push('该组织已有进行中的换届选举或选配，请先完成或取消');
  if (!p.seats.length) problems.push('请至少设置一个职务及名额');
  const titles = p.seats.map((s) => s.title);
  if (new Set(titles).size !== titles.length) problems.push('同一职务只能设置一行名额');
  for (const s of p.seats) {
    if (!CADRE_TITLES.includes(s.title)) problems.push('职务无效');
    if (s.seats < 1) problems.push(`${CADRE_TITLE_LABELS[s.title]}名额至少为1名`);
  }
  const secretaries = p.seats.find((s) => s.title === 'secretary')?.seats ?? 0;
  if (secretaries > 1) problems.push('书记只能设1名');
  return problems;
}

/* ------------------------------------------------------------- candidates */

export function candidateProblems(s: ElectionState, c: { postTitle: CadreTitle; alreadyCandidate: boolean; cadreName: string }): string[] {
  const problems: string[] = [];
  if (s.status !== 'in_progress') return [statusMessage(s.status)];
  if (s.stage !== 'plan') problems.push('人选推荐已结束，不能再增加人选');
  if (!s.seats.some((x) => x.title === c.postTitle)) problems.push(`方案中没有“${CADRE_TITLE_LABELS[c.postTitle]}”职务`);
  if (c.alreadyCandidate) problems.push(`${c.cadreName}已是“${CADRE_TITLE_LABELS[c.postTitle]}”人选`);
  return problems;
}

/** Recording a candidate's qualification (资格审查) while the check is open. */
export function qualifyProblems(s: ElectionState, d: { qualified: boolean; note?: string | null; eligibility: string[] }): string[] {
  if (s.status !== 'in_progress') return [statusMessage(s.status)];
  const problems: string[] = [];
  if (s.stage !== 'recommendation') {
    problems.push(s.stage === 'plan' ? '请先结束人选推荐，再进行资格审查' : '资格审查已结束');
  }
  if (d.qualified && d.eligibility.length) problems.push(...d.eligibility);
  if (!d.qualified && !d.note?.trim()) problems.push('不符合资格的，请填写理由');
  return problems;
}

/** Recording an objection received during the public notice (公示). */
export function objectionProblems(s: ElectionState, receivedOn: string, today: string): string[] {
  if (s.status !== 'in_progress') return [statusMessage(s.status)];
  const problems: string[] = [];
  if (s.stage !== 'notice' || !s.noticeFrom || !s.noticeTo) return ['只能在公示期间登记异议'];
  if (receivedOn > today) problems.push('收到日期不能晚于今天');
  if (receivedOn < s.noticeFrom || receivedOn > s.noticeTo) problems.push(`异议须在公示期内（${s.noticeFrom}至${s.noticeTo}）提出`);
  return problems;
}

export function objectionResolutionProblems(s: ElectionState, candidate: CandidateState): string[] {
  if (s.status !== 'in_progress') return [statusMessage(s.status)];
  if (s.stage !== 'notice') return ['公示阶段已结束，不能再处理异议'];
  if (candidate.objection !== 'pending') return [`${candidate.name}没有待核实的异议`];
  return [];
}

/* ------------------------------------------------------------------ steps */

export interface ElectionStepInput {
  actedOn: string;
  actor: string;
  /** Public notice: first day shown (公示开始). */
  noticeFrom?: string;
  /** Vote: delegates or members entitled, present; ballots issued, returned, invalid; votes per candidate. */
  entitled?: number;
  present?: number;
  ballotsIssued?: number;
  ballotsReturned?: number;
  invalidBallots?: number;
  votes?: Record<number, number>;
  /** 考试考察: the record per candidate id. */
  assessments?: Record<number, AssessmentRecord>;
}

export interface StepContext {
  today: string;
  /** Approval only: the approving account belongs to a committee above the organization. */
  approverIsHigher?: boolean;
}

function statusMessage(status: ElectionStatus): string {
  return status === 'cancelled' ? '该换届选举（选配）已取消' : '该换届选举（选配）已完成';
}

/** The last day of a notice starting on `from` (calendar days, both ends included). */
export function noticeEnd(from: string, rules: Rules): string {
  return addCalendarDays(from, rules.cadres.publicNoticeDays - 1);
}

/** Seats each title still lacks candidates for, among `candidates`. */
function shortTitles(seats: SeatLine[], candidates: Pick<CandidateState, 'postTitle'>[]): string[] {
  return seats
    .filter((s) => candidates.filter((c) => c.postTitle === s.title).length < s.seats)
    .map((s) => `${CADRE_TITLE_LABELS[s.title]}应有${s.seats}名，人选只有${candidates.filter((c) => c.postTitle === s.title).length}名`);
}

function shareProblem(candidates: CandidateState[], rules: Rules, what: string): string | null {
  const share = democraticShare(candidates);
  const min = rules.cadres.democraticShareMin;
  if (share === null || share + 1e-9 >= min) return null;
  return `${what}中民主推荐和个人自荐人选占${percentText(share)}，低于${percentText(min, 0)}`;
}

function differentialProblem(s: ElectionState, candidates: CandidateState[]): string | null {
  if (s.kind !== 'election') return null;
  const seats = seatsTotal(s.seats);
  const need = differentialMinimum(seats);
  if (candidates.length >= need) return null;
  return `差额选举：应选${seats}名，候选人应不少于${need}名（差额不少于${percentText(DIFFERENTIAL_MARGIN_MIN, 0)}），现有${candidates.length}名`;
}

/** 选配 has no vote: those standing after the check are exactly the people to appoint. */
function overSeats(s: ElectionState, final: CandidateState[]): string[] {
  if (s.kind !== 'selection') return [];
  return s.seats
    .map((line) => ({ line, count: final.filter((c) => c.postTitle === line.title).length }))
    .filter(({ line, count }) => count > line.seats)
    .map(({ line, count }) => `选配${CADRE_TITLE_LABELS[line.title]}${line.seats}名，符合资格的拟任人选有${count}名，请确定拟任人选（其余人选审查为不予选配并说明理由）`);
}

/**
 * What stands in the way of `step` on `on` from the state alone (order, dates,
 * candidates, notice, objections); input-specific checks are in stepProblems.
 */
export function stateProblems(s: ElectionState, step: ElectionStep, on: string, rules: Rules): string[] {
  if (s.status !== 'in_progress') return [statusMessage(s.status)];
  const steps = electionStepsUnder(s.kind, rules);
  if (!steps.includes(step)) return [`${ELECTION_KIND_LABELS[s.kind]}没有“${ELECTION_STEP_LABELS[step]}”这一步`];
  const next = nextElectionStep(s, rules);
  const label = ELECTION_STEP_LABELS[step];
  if (step !== next) {
    return ELECTION_STEPS.indexOf(step) <= ELECTION_STEPS.indexOf(s.stage)
      ? [`“${label}”已经完成，不能重复办理`]
      : [`请先完成“${next ? ELECTION_STEP_LABELS[next] : ''}”，再办理“${label}”`];
  }
  const problems: string[] = [];
  const all = s.candidates;
  const final = finalCandidates(all);
  switch (step) {
    case 'recommendation': {
      if (!all.length) problems.push('还没有推荐人选');
      problems.push(...shortTitles(s.seats, all));
      const share = shareProblem(all, rules, '推荐人选');
      if (share) problems.push(share);
      break;
    }
    case 'qualification': {
      const open = all.filter((c) => c.qualified === null);
      if (open.length) problems.push(`还有${open.length}名人选未完成资格审查（${open.map((c) => c.name).join('、')}）`);
      else {
        problems.push(...shortTitles(s.seats, final).map((m) => `资格审查后${m}`));
        const share = shareProblem(final, rules, '预备人选');
        if (share) problems.push(share);
        const diff = differentialProblem(s, final);
        if (diff) problems.push(diff);
        problems.push(...overSeats(s, final));
      }
      break;
    }
    case 'party_decision': {
      problems.push(...shortTitles(s.seats, final));
      const diff = differentialProblem(s, final);
      if (diff) problems.push(diff);
      problems.push(...overSeats(s, final));
      break;
    }
    case 'assessment':
      problems.push(...shortTitles(s.seats, final));
      break;
    case 'notice':
      break;
    case 'vote':
    case 'approval': {
      const needsNoticeOver = step === 'vote' || s.kind === 'selection';
      if (needsNoticeOver) {
        if (s.noticeTo && on <= s.noticeTo) problems.push(`公示期至${s.noticeTo}，期满后方可${step === 'vote' ? '选举' : '报批'}`);
        const pending = all.filter((c) => c.objection === 'pending');
        if (pending.length) problems.push(`公示异议尚未核实处理（${pending.map((c) => c.name).join('、')}）`);
        problems.push(...shortTitles(s.seats, final).map((m) => `公示后${m}`));
        if (step === 'vote') {
          const diff = differentialProblem(s, final);
          if (diff) problems.push(diff);
        }
      }
      if (step === 'approval' && s.kind === 'election' && !all.some((c) => c.elected)) problems.push('选举没有产生当选人，不能报批');
      if (step === 'approval' && s.kind === 'selection') {
        for (const c of final.filter((x) => x.assessment?.inspection === '不合格')) problems.push(`${c.name}考察结论为不合格，不能批准选配`);
      }
      break;
    }
    default:
      break;
  }
  return problems;
}

/** Every reason why `step` cannot be recorded with this input; empty when it can. */
export function electionStepProblems(s: ElectionState, step: ElectionStep, input: ElectionStepInput, ctx: StepContext, rules: Rules): string[] {
  const problems = stateProblems(s, step, input.actedOn, rules);
  // Out of order (or finished): nothing else is worth saying.
  if (s.status !== 'in_progress' || step !== nextElectionStep(s, rules)) return problems;
  if (!input.actor?.trim()) problems.push('请填写经办人（签字人）姓名');
  if (input.actedOn > ctx.today) problems.push('办理日期不能晚于今天');
  if (s.lastActedOn && input.actedOn < s.lastActedOn) problems.push(`办理日期不能早于上一步（${s.lastActedOn}）`);
  if (step === 'notice') {
    if (!input.noticeFrom) problems.push('请填写公示开始日期');
    else {
      if (input.noticeFrom > ctx.today) problems.push('公示开始日期不能晚于今天（请在公示发布后登记）');
      if (s.lastActedOn && input.noticeFrom < s.lastActedOn) problems.push(`公示不能早于党委研究（${s.lastActedOn}）`);
    }
  }
  if (step === 'vote') problems.push(...voteInputProblems(s, input).problems);
  if (step === 'assessment') problems.push(...assessmentProblems(s, input.assessments ?? {}, selectionAssessments(rules)));
  if (step === 'approval' && ctx.approverIsHigher === false) problems.push('须由上级团委审批，本组织不能自行批准');
  return problems;
}

export interface TallyResult {
  problems: string[];
  elected: number[];
  /** Titles where fewer were elected than seats (另行选举). */
  shortfalls: { title: CadreTitle; seats: number; elected: number }[];
}

/**
 * Checks a vote and finds who is elected: the count must be valid (quorum,
 * ballots), every standing candidate must have a count, and a candidate is
 * elected with more than half of those present, by votes, up to the seats of
 * the post; a tie at the last seat needs another ballot.
 */
export function voteInputProblems(s: ElectionState, input: ElectionStepInput): TallyResult {
  const problems: string[] = [];
  const { entitled = 0, present = 0, ballotsIssued = 0, ballotsReturned = 0, invalidBallots = 0 } = input;
  const votes = input.votes ?? {};
  if (entitled <= 0) problems.push('请填写应到会有选举权的人数');
  if (present > entitled) problems.push('实到会人数不能多于应到会人数');
  if (entitled > 0 && present <= entitled * VOTE_QUORUM_SHARE) {
    problems.push(`实到会有选举权的人数须超过应到会人数的五分之四（应到${entitled}人，实到${present}人）`);
  }
  if (ballotsIssued > present) problems.push('发出选票不能多于实到会人数');
  if (ballotsReturned > ballotsIssued) problems.push('收回选票多于发出选票，选举无效，应重新选举');
  if (invalidBallots > ballotsReturned) problems.push('无效票不能多于收回选票');
  const valid = ballotsReturned - invalidBallots;
  const final = finalCandidates(s.candidates);
  const finalIds = new Set(final.map((c) => c.id));
  for (const id of Object.keys(votes).map(Number)) {
    if (!finalIds.has(id)) {
      const c = s.candidates.find((x) => x.id === id);
      problems.push(`${c ? c.name : `编号${id}的人选`}不是正式候选人`);
    }
  }
  for (const c of final) {
    const v = votes[c.id];
    if (v === undefined) problems.push(`请填写${c.name}的得票数`);
    else if (!Number.isInteger(v) || v < 0) problems.push(`${c.name}的得票数无效`);
    else if (v > valid) problems.push(`${c.name}得票${v}张，多于有效选票${valid}张`);
  }
  if (problems.length) return { problems, elected: [], shortfalls: [] };
  return tally(s, final, votes, present);
}

function tally(s: ElectionState, final: CandidateState[], votes: Record<number, number>, present: number): TallyResult {
  const problems: string[] = [];
  const elected: number[] = [];
  const shortfalls: TallyResult['shortfalls'] = [];
  for (const line of s.seats) {
    const passing = final
      .filter((c) => c.postTitle === line.title && votes[c.id]! * 2 > present)
      .sort((a, b) => votes[b.id]! - votes[a.id]!);
    const chosen = passing.slice(0, line.seats);
    const firstOut = passing[line.seats];
    const lastIn = chosen[chosen.length - 1];
    if (firstOut && lastIn && votes[firstOut.id] === votes[lastIn.id]) {
      const tied = passing.filter((c) => votes[c.id] === votes[lastIn.id]).map((c) => c.name);
      problems.push(`${CADRE_TITLE_LABELS[line.title]}：${tied.join('、')}得票相等（${votes[lastIn.id]}票），应就票数相等的候选人再次投票`);
      continue;
    }
    elected.push(...chosen.map((c) => c.id));
    if (chosen.length < line.seats) shortfalls.push({ title: line.title, seats: line.seats, elected: chosen.length });
  }
  return { problems, elected, shortfalls };
}

export interface ElectionReadiness {
  step: ElectionStep | null;
  blockers: string[];
  /** Earliest date the next step may be done (end of the notice). */
  earliestOn: string | null;
}

/** What comes next today and what stands in its way (from the state alone). */
export function electionReadiness(s: ElectionState, today: string, rules: Rules): ElectionReadiness {
  const step = nextElectionStep(s, rules);
  if (!step) return { step: null, blockers: [], earliestOn: null };
  const blockers = stateProblems(s, step, today, rules);
  const waitsForNotice = (step === 'vote' || (step === 'approval' && s.kind === 'selection')) && s.noticeTo;
  return { step, blockers, earliestOn: waitsForNotice ? addCalendarDays(s.noticeTo!, 1) : null };
}
