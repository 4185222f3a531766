import { sql } from 'drizzle-orm';
import {
  ASSESSMENT_COMPONENT_LABELS,
  CADRE_TITLE_LABELS,
  DomainError,
  ELECTION_STEPS,
  ELECTION_STEP_LABELS,
  ELECTION_KIND_LABELS,
  ageOn,
  api,
  assessmentTotal,
  candidateProblems,
  cadreEligibility,
  democraticShare,
  differentialMinimum,
  electionReadiness,
  electionStepProblems,
  finalCandidates,
  hasPermission,
  nextElectionStep,
  noticeEnd,
  objectionProblems,
  objectionResolutionProblems,
  planProblems,
  qualificationProblems,
  qualifyProblems,
  seatsTotal,
  selectionAssessments,
  termYearsFor,
  voteInputProblems,
  type AssessmentRecord,
  type CadreTitle,
  type CandidateSource,
  type ElectionKind,
  type ElectionState,
  type ElectionStatus,
  type ElectionStep,
  type ElectionStepInput,
  type ObjectionState,
  type OrgType,
  type Rules,
  type SeatLine,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { cadrePosts, committeeTerms, electionCandidates, elections, electionSteps } from '../../db/schema.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { today } from '../../lib/clock.js';
import { ids, latestGrades, loadCadre, loadOrgRef, n, subtreeCondition } from './common.js';
import { recordPlacementProblem } from './service.js';
import { isStudentClass } from './stats.js';

/* The election (换届) and selection (选配) workflow; rules in domain/cadres/election.ts. */

export interface ElectionRow {
  id: number;
  org_id: number;
  org_name: string;
  org_type: OrgType;
  org_path: string;
  org_sector: string;
  org_graduation_year: number | null;
  org_contact_name: string | null;
  org_contact_phone: string | null;
  kind: ElectionKind;
  title: string;
  stage: ElectionStep;
  status: ElectionStatus;
  planned_on: string;
  seats: SeatLine[];
  notice_from: string | null;
  notice_to: string | null;
  candidates: number;
}

const ELECTION_SELECT = sql`
  select e.id, e.org_id, o.name as org_name, o.type as org_type, o.path::text as org_path, o.sector as org_sector,
         o.graduation_year as org_graduation_year, o.contact_name as org_contact_name, o.contact_phone as org_contact_phone,
         e.kind, e.title, e.stage, e.status, e.planned_on::text as planned_on, e.seats,
         e.notice_from::text as notice_from, e.notice_to::text as notice_to,
         (select count(*)::int from election_candidates ec where ec.election_id = e.id) as candidates
    from elections e join organizations o on o.id = e.org_id`;

export async function loadElection(tx: Tx, id: number): Promise<ElectionRow> {
  const [row] = await query<ElectionRow>(tx, sql`${ELECTION_SELECT} where e.id = ${id}`);
  if (!row) throw notFound('换届选举（选配）');
  return row;
}

export interface CandidateRow {
  id: number;
  election_id: number;
  cadre_id: number;
  source: CandidateSource;
  post_title: CadreTitle;
  qualified: boolean | null;
  qualification_note: string | null;
  objection: string | null;
  votes: number | null;
  elected: boolean | null;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  political_status: string;
  education: string | null;
  work_unit: string | null;
  establishment: 'inside' | 'outside';
  civil_servant: boolean;
  local_resident: boolean;
}

const CANDIDATE_SELECT = sql`
  select ec.id, ec.election_id, ec.cadre_id, ec.source, ec.post_title, ec.qualified, ec.qualification_note, ec.objection, ec.votes, ec.elected,
         c.name, c.gender, c.birth_date::text as birth_date, c.political_status, c.education, c.work_unit, c.establishment, c.civil_servant, c.local_resident
    from election_candidates ec join cadres c on c.id = ec.cadre_id`;

async function loadCandidates(tx: Tx, electionId: number): Promise<CandidateRow[]> {
  return query<CandidateRow>(
    tx,
    sql`${CANDIDATE_SELECT} where ec.election_id = ${electionId}
         order by array_position(array['secretary','deputy_secretary','organization_member','propaganda_member','member'], ec.post_title), ec.id`,
  );
}

async function loadCandidate(tx: Tx, id: number): Promise<CandidateRow> {
  const [row] = await query<CandidateRow>(tx, sql`${CANDIDATE_SELECT} where ec.id = ${id}`);
  if (!row) throw notFound('人选');
  return row;
}

interface StepRow {
  id: number;
  step: string;
  acted_on: string;
  actor: string;
  data: Record<string, unknown>;
  created_at: string;
}

async function loadSteps(tx: Tx, electionId: number): Promise<StepRow[]> {
  return query<StepRow>(
    tx,
    sql`select id, step, acted_on::text as acted_on, actor, data, created_at::text as created_at
          from election_steps where election_id = ${electionId} order by acted_on, id`,
  );
}

/** Objection state per candidate, from the log (a new objection reopens a dismissed one). */
function objectionStates(steps: StepRow[]): Map<number, ObjectionState> {
  const m = new Map<number, ObjectionState>();
  for (const s of [...steps].sort((a, b) => Number(a.id) - Number(b.id))) {
    const id = Number(s.data.candidateId);
    if (s.step === 'objection') m.set(id, 'pending');
    if (s.step === 'objection_resolved') m.set(id, s.data.upheld ? 'upheld' : 'dismissed');
  }
  return m;
}

const WORKFLOW = new Set<string>(ELECTION_STEPS);

/** 选配 考试考察 per candidate, from the assessment step's data (records: one per standing candidate). */
function assessmentRecords(steps: StepRow[]): Map<number, AssessmentRecord> {
  const m = new Map<number, AssessmentRecord>();
  const step = steps.find((s) => s.step === 'assessment');
  for (const r of (step?.data.records as (AssessmentRecord & { candidateId: number })[] | undefined) ?? []) {
    m.set(Number(r.candidateId), { written: r.written, interview: r.interview, speech: r.speech, inspection: r.inspection, inspectionNote: r.inspectionNote });
  }
  return m;
}

export function electionState(e: ElectionRow, candidates: CandidateRow[], steps: StepRow[]): ElectionState {
  const objections = objectionStates(steps);
  const assessments = assessmentRecords(steps);
  const workflow = steps.filter((s) => WORKFLOW.has(s.step));
  return {
    kind: e.kind,
    stage: e.stage,
    status: e.status,
    seats: e.seats,
    noticeFrom: e.notice_from,
    noticeTo: e.notice_to,
    lastActedOn: workflow.length ? workflow.map((s) => s.acted_on).sort().at(-1)! : null,
    candidates: candidates.map((c) => ({
      id: Number(c.id),
      name: c.name,
      source: c.source,
      postTitle: c.post_title,
      qualified: c.qualified,
      objection: objections.get(Number(c.id)) ?? 'none',
      votes: c.votes,
      elected: c.elected,
      assessment: assessments.get(Number(c.id)) ?? null,
    })),
  };
}

/** Approval belongs to a committee above the organization, never to the organization itself. */
export const isHigherCommittee = (user: SessionUser, orgId: number) => user.scopeOrgId === null || user.scopeOrgId !== orgId;

async function context(tx: Tx, id: number) {
  const e = await loadElection(tx, id);
  const candidates = await loadCandidates(tx, id);
  const steps = await loadSteps(tx, id);
  return { e, candidates, steps, state: electionState(e, candidates, steps) };
}

export function toElectionItem(e: ElectionRow, rules: Rules): api.cadres.ElectionItem {
  return {
    id: Number(e.id),
    orgId: Number(e.org_id),
    orgName: e.org_name,
    kind: e.kind,
    title: e.title,
    stage: e.stage,
    status: e.status,
    plannedOn: e.planned_on,
    noticeFrom: e.notice_from,
    noticeTo: e.notice_to,
    seats: e.seats,
    candidates: Number(e.candidates),
    nextStep: nextElectionStep(e, rules),
  };
}

export async function electionDetail(tx: Tx, user: SessionUser, id: number, rules: Rules): Promise<api.cadres.ElectionDetail> {
  const { e, candidates, steps, state } = await context(tx, id);
  const on = today();
  const grades = await latestGrades(tx, candidates.map((c) => Number(c.cadre_id)));
  const next = electionReadiness(state, on, rules);
  const open = e.status === 'in_progress';
  const edit = hasPermission(user.role, 'org:edit') && open;
  const final = finalCandidates(state.candidates);
  const objections = new Map(state.candidates.map((c) => [c.id, c.objection]));
  const components = e.kind === 'selection' ? selectionAssessments(rules) : [];
  const assessed = new Map(state.candidates.map((c) => [c.id, c.assessment ?? null]));
  return {
    ...toElectionItem(e, rules),
    orgType: e.org_type,
    assessmentComponents: components,
    candidateList: candidates.map((c) => {
      const elig = cadreEligibility(
        { birthDate: c.birth_date, politicalStatus: c.political_status, localResident: c.local_resident, latestGrade: grades.get(Number(c.cadre_id)) ?? null },
        on,
        rules,
      );
      return {
        id: Number(c.id),
        cadreId: Number(c.cadre_id),
        name: c.name,
        gender: c.gender,
        birthDate: c.birth_date,
        age: ageOn(c.birth_date, on),
        politicalStatus: c.political_status,
        education: c.education,
        workUnit: c.work_unit,
        establishment: c.establishment,
        civilServant: c.civil_servant,
        localResident: c.local_resident,
        source: c.source,
        postTitle: c.post_title,
        qualified: c.qualified,
        qualificationNote: c.qualification_note,
        eligibility: elig.problems,
        needsAgeException: elig.needsAgeException,
        objection: c.objection,
        objectionState: objections.get(Number(c.id)) ?? 'none',
        votes: c.votes,
        elected: c.elected,
        assessment: ((a) => (a ? { ...a, total: assessmentTotal(a, components) } : null))(assessed.get(Number(c.id))),
      };
    }),
    steps: steps.map((s) => ({ id: Number(s.id), step: s.step, actedOn: s.acted_on, actor: s.actor, data: s.data, recordedAt: s.created_at })),
    seatsTotal: seatsTotal(e.seats),
    differentialMinimum: e.kind === 'election' ? differentialMinimum(seatsTotal(e.seats)) : null,
    democraticShare: democraticShare(e.stage === 'plan' || e.stage === 'recommendation' ? state.candidates : final),
    finalCount: final.length,
    publicNoticeDays: rules.cadres.publicNoticeDays,
    next,
    can: {
      addCandidates: edit && e.stage === 'plan',
      qualify: edit && e.stage === 'recommendation',
      record: edit && next.step !== null && next.step !== 'approval',
      approve: open && next.step === 'approval' && hasPermission(user.role, 'membership:approve') && isHigherCommittee(user, Number(e.org_id)),
      cancel: edit,
      objections: edit && e.stage === 'notice',
    },
  };
}

export async function listElections(tx: Tx, q: api.QueryOf<typeof api.cadres.listElections>, rules: Rules) {
  const conds = [await subtreeCondition(tx, q.under, 'o')];
  if (q.kind) conds.push(sql`e.kind = ${q.kind}`);
  if (q.status) conds.push(sql`e.status = ${q.status}`);
  const where = sql.join(conds, sql` and `);
  const rows = await query<ElectionRow>(tx, sql`${ELECTION_SELECT} where ${where} order by e.planned_on desc, e.id desc offset ${(q.page - 1) * q.pageSize} limit ${q.pageSize}`);
  const [{ total }] = (await query<{ total: number }>(tx, sql`select count(*)::int as total from elections e join organizations o on o.id = e.org_id where ${where}`)) as [{ total: number }];
  return { items: rows.map((r) => toElectionItem(r, rules)), total, page: q.page, pageSize: q.pageSize };
}

function refuse(problems: string[], what: string, status = 422, field?: string): never {
  throw new DomainError('election_refused', `不能${what}：${problems.join('；')}`, field, status);
}

async function log(tx: Tx, e: ElectionRow, step: string, actedOn: string, actor: string, data: Record<string, unknown>) {
  await tx.insert(electionSteps).values({ electionId: Number(e.id), orgId: Number(e.org_id), step, actedOn, actor, data: Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== null)) });
}

const lock = (tx: Tx, id: number) => tx.execute(sql`select id from elections where id = ${id} for update`);

export async function planElection(tx: Tx, body: api.BodyOf<typeof api.cadres.planElection>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId');
  const [open] = await query<{ id: number }>(tx, sql`select id from elections where org_id = ${org.id} and status = 'in_progress' limit 1`);
  const problems = planProblems({ kind: body.kind, orgType: org.type as OrgType, seats: body.seats, hasOpenElection: !!open });
  if (org.status !== 'active') problems.push('该组织已撤销');
  if (body.plannedOn > today()) problems.push('方案日期不能晚于今天');
  if (problems.length) refuse(problems, `制定${ELECTION_KIND_LABELS[body.kind]}方案`);
  const [row] = await tx
    .insert(elections)
    .values({ orgId: org.id, kind: body.kind, title: body.title, stage: 'plan', status: 'in_progress', plannedOn: body.plannedOn, seats: body.seats })
    .returning({ id: elections.id });
  const e = await loadElection(tx, row!.id);
  await log(tx, e, 'plan', body.plannedOn, body.actor, { seats: body.seats });
  return row!.id;
}

export async function addCandidate(tx: Tx, user: SessionUser, id: number, body: api.BodyOf<typeof api.cadres.addCandidate>) {
  const e = await loadElection(tx, id);
  const cadre = await loadCadre(tx, body.cadreId, 'cadreId');
  await lock(tx, id);
  const { state } = await context(tx, id);
  const [dup] = await query<{ id: number }>(tx, sql`select id from election_candidates where election_id = ${id} and cadre_id = ${cadre.id} and post_title = ${body.postTitle}`);
  const problems = candidateProblems(state, { postTitle: body.postTitle, cadreName: cadre.name, alreadyCandidate: !!dup });
  const placement = recordPlacementProblem(cadre, { name: e.org_name, path: e.org_path });
  if (placement) problems.push(placement);
  if (problems.length) refuse(problems, '推荐人选');
  const [c] = await tx
    .insert(electionCandidates)
    .values({ electionId: id, orgId: Number(e.org_id), cadreId: Number(cadre.id), source: body.source, postTitle: body.postTitle })
    .returning({ id: electionCandidates.id });
  await log(tx, e, 'candidate', today(), user.displayName, { candidateId: c!.id, name: cadre.name, source: body.source, postTitle: body.postTitle });
}

export async function qualifyCandidate(tx: Tx, user: SessionUser, candidateId: number, body: api.BodyOf<typeof api.cadres.qualifyCandidate>, rules: Rules): Promise<number> {
  const cand = await loadCandidate(tx, candidateId);
  const id = Number(cand.election_id);
  await lock(tx, id);
  const { e, state } = await context(tx, id);
  const on = today();
  const grade = (await latestGrades(tx, [Number(cand.cadre_id)])).get(Number(cand.cadre_id)) ?? null;
  const eligibility = qualificationProblems(
    { name: cand.name, birthDate: cand.birth_date, politicalStatus: cand.political_status, localResident: cand.local_resident, latestGrade: grade },
    on,
    rules,
    body.ageExceptionReason,
  );
  const problems = qualifyProblems(state, { qualified: body.qualified, note: body.note, eligibility });
  if (problems.length) refuse(problems, `认定${cand.name}符合资格`);
  const note = [body.note?.trim() || (body.qualified ? '符合条件' : null), body.qualified && body.ageExceptionReason?.trim() ? `年龄放宽：${body.ageExceptionReason.trim()}` : null]
    .filter(Boolean)
    .join('；');
  await tx.update(electionCandidates).set({ qualified: body.qualified, qualificationNote: note }).where(sql`id = ${candidateId}`);
  await log(tx, e, 'qualification_decision', on, user.displayName, { candidateId, name: cand.name, qualified: body.qualified, note });
  return id;
}

export async function recordObjection(tx: Tx, user: SessionUser, candidateId: number, body: api.BodyOf<typeof api.cadres.recordObjection>): Promise<number> {
  const cand = await loadCandidate(tx, candidateId);
  const id = Number(cand.election_id);
  await lock(tx, id);
  const { e, state } = await context(tx, id);
  const problems = objectionProblems(state, body.receivedOn, today());
  if (cand.qualified !== true) problems.push(`${cand.name}不在公示的人选名单中`);
  if (problems.length) refuse(problems, '登记异议');
  await tx.update(electionCandidates).set({ objection: body.text }).where(sql`id = ${candidateId}`);
  await log(tx, e, 'objection', body.receivedOn, user.displayName, { candidateId, name: cand.name, text: body.text });
  return id;
}

export async function resolveObjection(tx: Tx, candidateId: number, body: api.BodyOf<typeof api.cadres.resolveObjection>): Promise<number> {
  const cand = await loadCandidate(tx, candidateId);
  const id = Number(cand.election_id);
  await lock(tx, id);
  const { e, state, steps } = await context(tx, id);
  const candidate = state.candidates.find((c) => c.id === candidateId)!;
  const problems = objectionResolutionProblems(state, candidate);
  const received = [...steps].reverse().find((s) => s.step === 'objection' && Number(s.data.candidateId) === candidateId)?.acted_on;
  if (body.actedOn > today()) problems.push('核实日期不能晚于今天');
  if (received && body.actedOn < received) problems.push(`核实日期不能早于收到异议的日期（${received}）`);
  if (problems.length) refuse(problems, '登记核实结论');
  await tx
    .update(electionCandidates)
    .set(
      body.upheld
        ? { qualified: false, qualificationNote: `公示异议经核实属实，取消人选资格：${body.finding}` }
        : { qualificationNote: `${cand.qualification_note ?? '符合条件'}；公示异议经核实无问题：${body.finding}` },
    )
    .where(sql`id = ${candidateId}`);
  await log(tx, e, 'objection_resolved', body.actedOn, body.actor, { candidateId, name: cand.name, upheld: body.upheld, finding: body.finding });
  return id;
}

export async function recordStep(tx: Tx, id: number, body: api.BodyOf<typeof api.cadres.recordElectionStep>, rules: Rules) {
  await loadElection(tx, id);
  // References first: candidates named in the vote must be visible.
  const named = body.candidateIds ?? [];
  if (named.length) {
    const found = await query<{ id: number }>(tx, sql`select id from election_candidates where id = any(${ids(named)})`);
    if (found.length !== new Set(named).size) throw new HttpError(404, 'not_found', '所选候选人不存在或不在您的管理范围内', 'candidateIds');
  }
  await lock(tx, id);
  const { e, state } = await context(tx, id);
  const { step, candidateIds, votes, assessments, note, ...rest } = body;
  if (step === 'assessment') {
    if (named.length !== (assessments ?? []).length) throw new DomainError('assessments_mismatch', '人选与考试考察记录的个数不一致', 'assessments');
  } else if (named.length !== (votes ?? []).length) throw new DomainError('votes_mismatch', '候选人与得票数的个数不一致', 'votes');
  const input: ElectionStepInput =
    step === 'assessment'
      ? { ...rest, assessments: Object.fromEntries(named.map((cid, i) => [cid, assessments![i]!])) }
      : { ...rest, votes: Object.fromEntries(named.map((cid, i) => [cid, votes![i]!])) };
  const problems = electionStepProblems(state, step, input, { today: today() }, rules);
  if (problems.length) refuse(problems, `办理“${ELECTION_STEP_LABELS[step]}”`, 422, step === 'assessment' ? 'assessments' : undefined);
  const data: Record<string, unknown> = { note };
  if (step === 'notice') {
    const noticeTo = noticeEnd(body.noticeFrom!, rules);
    await tx.update(elections).set({ noticeFrom: body.noticeFrom!, noticeTo }).where(sql`id = ${id}`);
    Object.assign(data, { noticeFrom: body.noticeFrom, noticeTo, days: rules.cadres.publicNoticeDays });
  }
  if (step === 'vote') {
    const result = voteInputProblems(state, input);
    const final = finalCandidates(state.candidates);
    for (const c of final) {
      await tx.update(electionCandidates).set({ votes: input.votes![c.id]!, elected: result.elected.includes(c.id) }).where(sql`id = ${c.id}`);
    }
    Object.assign(data, {
      entitled: body.entitled,
      present: body.present,
      ballotsIssued: body.ballotsIssued,
      ballotsReturned: body.ballotsReturned,
      invalidBallots: body.invalidBallots ?? 0,
      elected: final.filter((c) => result.elected.includes(c.id)).map((c) => c.name),
      shortfalls: result.shortfalls.map((s) => `${CADRE_TITLE_LABELS[s.title]}应选${s.seats}名，当选${s.elected}名`),
    });
  }
  if (step === 'assessment') {
    const components = selectionAssessments(rules);
    Object.assign(data, {
      components: components.map((k) => ASSESSMENT_COMPONENT_LABELS[k]),
      records: finalCandidates(state.candidates).map((c) => {
        const r = input.assessments![c.id]!;
        return { candidateId: c.id, name: c.name, written: r.written, interview: r.interview, speech: r.speech, inspection: r.inspection, inspectionNote: r.inspectionNote?.trim() || undefined, total: assessmentTotal(r, components) };
      }),
    });
  }
  if (step === 'qualification' || step === 'party_decision') {
    data.standing = finalCandidates(state.candidates).map((c) => c.name);
  }
  await tx.update(elections).set({ stage: step }).where(sql`id = ${id}`);
  await log(tx, e, step, body.actedOn, body.actor, data);
}

export async function approve(tx: Tx, user: SessionUser, id: number, body: api.BodyOf<typeof api.cadres.approveElection>, rules: Rules) {
  await loadElection(tx, id);
  await lock(tx, id);
  const { e, state, candidates } = await context(tx, id);
  const higher = isHigherCommittee(user, Number(e.org_id));
  if (!higher) throw new HttpError(403, 'not_higher_committee', `${ELECTION_KIND_LABELS[e.kind]}结果须报上级团委批准，本组织不能自行批准`);
  const problems = electionStepProblems(state, 'approval', { actedOn: body.actedOn, actor: body.actor }, { today: today(), approverIsHigher: higher }, rules);
  const appointed = e.kind === 'election' ? state.candidates.filter((c) => c.elected) : finalCandidates(state.candidates);
  const current = await query<{ id: number; cadre_id: number; title: string; start_on: string; name: string }>(
    tx,
    sql`select p.id, p.cadre_id, p.title, p.start_on::text as start_on, c.name from cadre_posts p join cadres c on c.id = p.cadre_id
         where p.org_id = ${e.org_id} and p.end_on is null`,
  );
  if (e.kind === 'selection') {
    const sitting = current.find((p) => p.title === 'secretary');
    if (sitting && appointed.some((c) => c.postTitle === 'secretary' && Number(candidates.find((x) => Number(x.id) === c.id)!.cadre_id) !== Number(sitting.cadre_id))) {
      problems.push(`“${e.org_name}”现有书记${sitting.name}，请先办理免职`);
    }
  }
  if (problems.length) refuse(problems, '批准');
  const source = e.kind === 'election' ? 'election' : 'selection';
  if (e.kind === 'election') {
    // A part-time cadre's term ends at the committee's next election: the old committee's posts end.
    for (const p of current) {
      await tx.update(cadrePosts).set({ endOn: p.start_on > body.actedOn ? p.start_on : body.actedOn, endReason: '换届' }).where(sql`id = ${p.id}`);
    }
    await tx.update(committeeTerms).set({ endedOn: body.actedOn }).where(sql`org_id = ${e.org_id} and ended_on is null`);
    const years = termYearsFor({ type: e.org_type, isStudentClass: isStudentClass({ sector: e.org_sector, graduation_year: e.org_graduation_year }) }, rules) ?? rules.cadres.branchTermYears;
    await tx.insert(committeeTerms).values({ orgId: Number(e.org_id), startedOn: body.actedOn, lengthYears: years, electionId: id });
  }
  for (const c of appointed) {
    const row = candidates.find((x) => Number(x.id) === c.id)!;
    const line = e.seats.find((s) => s.title === c.postTitle)!;
    if (e.kind === 'selection' && current.some((p) => Number(p.cadre_id) === Number(row.cadre_id) && p.title === c.postTitle)) continue;
    await tx.insert(cadrePosts).values({ cadreId: Number(row.cadre_id), orgId: Number(e.org_id), title: c.postTitle, employment: line.employment, startOn: body.actedOn, source, electionId: id });
  }
  await tx.update(elections).set({ stage: 'approval', status: 'completed' }).where(sql`id = ${id}`);
  await log(tx, e, 'approval', body.actedOn, body.actor, { note: body.note, approvedBy: user.scopeOrgName ?? '平台管理员', appointed: appointed.map((c) => `${c.name}（${CADRE_TITLE_LABELS[c.postTitle]}）`) });
}

export async function cancel(tx: Tx, id: number, body: api.BodyOf<typeof api.cadres.cancelElection>) {
  await loadElection(tx, id);
  await lock(tx, id);
  const { e } = await context(tx, id);
  if (e.status !== 'in_progress') refuse([e.status === 'cancelled' ? '已经取消' : '已经完成'], '取消', 409);
  await tx.update(elections).set({ status: 'cancelled' }).where(sql`id = ${id}`);
  await log(tx, e, 'cancel', today(), body.actor, { reason: body.reason });
}

export { context as electionContext, loadCandidates, loadSteps, n };
