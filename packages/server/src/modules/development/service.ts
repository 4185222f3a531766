import { sql } from 'drizzle-orm';
import {
  DEVELOPMENT_STEP_LABELS,
  DomainError,
  POLITICAL,
  ageOn,
  api,
  canAddTraining,
  currentStage,
  developmentFlags,
  describeMemberNumberPattern,
  formatMemberNumber,
  graduatingCapProblem,
  memberAdmissionProblems,
  memberNumberCapacity,
  memberNumberPrefix,
  hasPermission,
  isBranchType,
  quotaProblem,
  readiness,
  stepProblems,
  trainingHours,
  type DevelopmentStep,
  type RecordedStep,
  type Rules,
  type StepInput,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { developmentCases, developmentSteps, people } from '../../db/schema.js';
import { bigintArray, query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';

interface CaseRow {
  id: number;
  person_id: number;
  person_name: string;
  gender: 'male' | 'female';
  birth_date: string;
  branch_id: number;
  branch_name: string;
  stage: DevelopmentStep;
  status: api.CaseDetail['status'];
  started_on: string;
  approved_on: string | null;
  flags: string[];
  flags_reviewed_by: string | null;
  stop_reason: string | null;
  member_no: string | null;
}

const CASE_SELECT = sql`
  select c.id, c.person_id, p.name as person_name, p.gender, p.birth_date::text as birth_date, c.branch_id, b.name as branch_name,
         c.stage, c.status, c.started_on::text as started_on, c.approved_on::text as approved_on, c.flags, c.flags_reviewed_by,
         c.stop_reason, p.member_no
    from development_cases c
    join people p on p.id = c.person_id
    join organizations b on b.id = c.branch_id`;

async function loadCase(tx: Tx, id: number): Promise<CaseRow> {
  const [row] = await query<CaseRow>(tx, sql`${CASE_SELECT} where c.id = ${id}`);
  if (!row) throw notFound('发展程序');
  return row;
}

async function loadSteps(tx: Tx, caseId: number) {
  return query<{ id: number; step: DevelopmentStep; acted_on: string; actor: string; data: Record<string, unknown>; created_at: string }>(
    tx,
    sql`select id, step, acted_on::text as acted_on, actor, data, created_at::text as created_at
          from development_steps where case_id = ${caseId} order by acted_on, id`,
  );
}

const asRecorded = (s: { step: DevelopmentStep; acted_on: string; data: Record<string, unknown> }): RecordedStep => ({ step: s.step, actedOn: s.acted_on, data: s.data });

export async function quotaChain(tx: Tx, orgId: number, year: number) {
  const rows = await query<{ org_id: number; org_name: string; quota: number; used: number }>(tx, sql`select * from tj_quota_chain(${orgId}, ${year})`);
  return rows.map((r) => ({ orgId: Number(r.org_id), orgName: r.org_name, quota: r.quota, used: r.used }));
}

export async function caseDetail(tx: Tx, user: SessionUser, id: number, rules: Rules): Promise<api.CaseDetail> {
  const c = await loadCase(tx, id);
  const steps = await loadSteps(tx, id);
  const recorded = steps.map(asRecorded);
  const on = today();
  const ready = c.status === 'in_progress' ? readiness(recorded, on, rules) : { step: null, blockers: [], earliestOn: null };
  const quota = await quotaChain(tx, c.branch_id, Number((c.approved_on ?? on).slice(0, 4)));
  if (ready.step === 'approval') {
    const q = quotaProblem(quota, Number(on.slice(0, 4)));
    if (q) ready.blockers.push(q);
    if (c.flags.length && !c.flags_reviewed_by) ready.blockers.push('有预警，须经县级团委复核后方可审批');
  }
  return {
    id: Number(c.id),
    personId: Number(c.person_id),
    personName: c.person_name,
    gender: c.gender,
    age: ageOn(c.birth_date, on),
    branchId: Number(c.branch_id),
    branchName: c.branch_name,
    stage: c.stage,
    status: c.status,
    startedOn: c.started_on,
    approvedOn: c.approved_on,
    flags: c.flags,
    flagsReviewedBy: c.flags_reviewed_by,
    stopReason: c.stop_reason,
    memberNo: c.member_no,
    trainingHours: trainingHours(recorded),
    steps: steps.map((s) => ({ id: Number(s.id), step: s.step, actedOn: s.acted_on, actor: s.actor, data: s.data, recordedAt: s.created_at })),
    next: { step: ready.step, canAddTraining: c.status === 'in_progress' && canAddTraining(recorded), blockers: ready.blockers, earliestOn: ready.earliestOn },
    quota,
    can: {
      record: c.status === 'in_progress' && hasPermission(user.role, 'development:write'),
      approve: c.status === 'in_progress' && canApprove(user, Number(c.branch_id)),
      reviewFlags: c.flags.length > 0 && !c.flags_reviewed_by && isCountyLevel(user),
    },
  };
}

/** Approval belongs to a committee above the branch, never to the branch itself. */
export function canApprove(user: SessionUser, branchId: number): boolean {
  return hasPermission(user.role, 'development:approve') && user.scopeOrgId !== branchId;
}

/** Warnings go to the county (or above): its admins, or the platform admin. */
function isCountyLevel(user: SessionUser): boolean {
  return user.role === 'platform_admin' || (hasPermission(user.role, 'development:approve') && ['county', 'city', 'provincial', 'central'].includes(user.scopeOrgType ?? ''));
}

export async function listCases(tx: Tx, q: api.QueryOf<typeof api.development.listCases>) {
  const conds = [sql`true`];
  if (q.under) {
    const org = await loadOrg(tx, q.under);
    conds.push(sql`b.path <@ ${org.path}::ltree`);
  }
  if (q.stage) conds.push(sql`c.stage = ${q.stage}`);
  conds.push(sql`c.status = ${q.status ?? 'in_progress'}`);
  if (q.flagged) conds.push(sql`cardinality(c.flags) > 0 and c.flags_reviewed_by is null`);
  if (q.q) conds.push(sql`p.name like ${`${q.q}%`}`);
  const where = sql.join(conds, sql` and `);
  const rows = await query<CaseRow>(tx, sql`${CASE_SELECT} where ${where} order by c.started_on desc, c.id desc offset ${(q.page - 1) * q.pageSize} limit ${q.pageSize}`);
  const [{ n }] = (await query<{ n: number }>(tx, sql`select count(*)::int as n from development_cases c join people p on p.id = c.person_id join organizations b on b.id = c.branch_id where ${where}`)) as [{ n: number }];
  const on = today();
  return {
    items: rows.map((c) => ({
      id: Number(c.id),
      personId: Number(c.person_id),
      personName: c.person_name,
      gender: c.gender,
      age: ageOn(c.birth_date, on),
      branchId: Number(c.branch_id),
      branchName: c.branch_name,
      stage: c.stage,
      status: c.status,
      startedOn: c.started_on,
      approvedOn: c.approved_on,
      flags: c.flags,
      flagsReviewedBy: c.flags_reviewed_by,
    })),
    total: n,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Applicants, sponsors and contacts as the pipeline needs to know them. */
async function peopleFacts(tx: Tx, ids: number[]) {
  if (!ids.length) return {};
  const rows = await query<{ id: number; name: string; member_status: string | null }>(tx, sql`select id, name, member_status from people where id = any(${bigintArray(ids)})`);
  return Object.fromEntries(rows.map((r) => [Number(r.id), { name: r.name, isActiveMember: r.member_status === 'active' }]));
}

function refuse(problems: string[], step: DevelopmentStep): never {
  throw new DomainError('step_refused', `不能办理“${DEVELOPMENT_STEP_LABELS[step]}”：${problems.join('；')}`);
}

export async function startCase(tx: Tx, user: SessionUser, personId: number, application: StepInput, rules: Rules): Promise<number> {
  const [person] = await query<{ id: number; org_id: number; birth_date: string; member_status: string | null; name: string }>(
    tx,
    sql`select id, org_id, birth_date::text as birth_date, member_status, name from people where id = ${personId}`,
  );
  // In the caller's scope: the route layer checked body.personId (contract refs).
  if (!person) throw new Error(`applicant ${personId} not found after the route layer's check`);
  if (person.member_status === 'active') throw new DomainError('already_member', `${person.name}已是共青团员`, 'personId');
  const branch = await loadOrg(tx, Number(person.org_id));
  if (!isBranchType(branch.type as never)) throw new DomainError('not_in_branch', '入团申请须由团支部受理，请先将申请人登记到所在团支部', 'personId');
  const problems = stepProblems([], 'application', application, { today: today(), birthDate: person.birth_date, applicantId: personId }, rules);
  if (problems.length) refuse(problems, 'application');
  const [c] = await tx
    .insert(developmentCases)
    .values({ personId, branchId: branch.id, stage: 'application', startedOn: application.actedOn })
    .returning({ id: developmentCases.id });
  await tx.insert(developmentSteps).values({ caseId: c!.id, branchId: branch.id, step: 'application', actedOn: application.actedOn, actor: application.actor, data: stepData(application), recordedBy: user.id });
  return c!.id;
}

function stepData(input: StepInput): Record<string, unknown> {
  const { actedOn: _a, actor: _b, ...rest } = input;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

export async function recordStep(tx: Tx, user: SessionUser, caseId: number, step: DevelopmentStep, input: StepInput, rules: Rules) {
  const c = await loadCase(tx, caseId);
  if (c.status !== 'in_progress') throw new DomainError('case_closed', '该发展程序已结束', undefined, 409);
  // Serialize steps of one case (and approvals against the same quotas) under concurrency.
  await tx.execute(sql`select id from development_cases where id = ${caseId} for update`);
  const recorded = (await loadSteps(tx, caseId)).map(asRecorded);
  // Sponsors and the contact member are in the caller's scope: the route layer checked them (contract refs).
  const ids = [...(input.sponsorIds ?? []), ...(input.contactMemberId ? [input.contactMemberId] : [])];
  const known = await peopleFacts(tx, ids);
  const facts = { today: today(), birthDate: c.birth_date, applicantId: Number(c.person_id), people: known };
  const problems = stepProblems(recorded, step, input, facts, rules);
  const data = stepData(input);
  const year = Number(input.actedOn.slice(0, 4));

  if (step === 'branch_meeting' && !problems.length) {
    const flags = await flagsAtMeeting(tx, c, input.actedOn, rules);
    await tx.update(developmentCases).set({ flags }).where(sql`id = ${caseId}`);
  }
  if (step === 'approval') {
    if (!canApprove(user, Number(c.branch_id))) throw new HttpError(403, 'not_higher_committee', '入团须由上级团委审批，团支部不能自行批准');
    if (c.flags.length && !c.flags_reviewed_by) problems.push('有预警（突击发展或全员入团），须经县级团委复核后方可审批');
    const q = quotaProblem(await quotaChain(tx, Number(c.branch_id), year), year);
    if (q) problems.push(q);
    const cap = await graduatingCap(tx, c, input.actedOn, rules);
    if (cap) problems.push(cap);
    // The joining age on the approval date (the number is checked once issued, below).
    for (const [field, message] of memberAdmissionProblems({ birthDate: c.birth_date, joinedOn: input.actedOn, memberNo: null }, rules)) {
      if (field === 'joinedOn') problems.push(message);
    }
  }
  if (problems.length) refuse(problems, step);

  if (step === 'approval') {
    const memberNo = await issueMemberNumber(tx, Number(c.branch_id), year, rules);
    const wrong = memberAdmissionProblems({ birthDate: c.birth_date, joinedOn: input.actedOn, memberNo }, rules);
    if (wrong.length) throw new Error(`issued member number ${memberNo} fails its own rules: ${wrong.map(([, m]) => m).join('; ')}`);
    data.memberNo = memberNo;
    await tx
      .update(people)
      .set({ memberNo, memberStatus: 'active', joinedOn: input.actedOn, politicalStatus: POLITICAL.leagueMember, leftOn: null, leftReason: null })
      .where(sql`id = ${c.person_id}`);
    await tx.update(developmentCases).set({ approvedOn: input.actedOn }).where(sql`id = ${caseId}`);
  }
  await tx.insert(developmentSteps).values({ caseId, branchId: Number(c.branch_id), step, actedOn: input.actedOn, actor: input.actor, data, recordedBy: user.id });
  const stage = currentStage([...recorded, { step, actedOn: input.actedOn, data }])!;
  await tx
    .update(developmentCases)
    .set({ stage, ...(step === 'oath' ? { status: 'admitted' } : {}) })
    .where(sql`id = ${caseId}`);
}

/**
 * The next 发展团员编号 in the configured layout for the branch's province and the
 * year of joining. The counter is kept per layout and prefix; a number already
 * held by anyone (an imported one, anywhere: tj_member_number_taken looks past
 * the caller's scope) is skipped.
 */
async function issueMemberNumber(tx: Tx, branchId: number, year: number, rules: Rules): Promise<string> {
  const [r] = await query<{ code: string | null }>(tx, sql`select tj_region_code(${branchId}) as code`);
  const region = r?.code ?? '000000';
  const key = memberNumberPrefix(region, year, rules);
  const pattern = rules.development.memberNumberPattern;
  for (;;) {
    const [seq] = await query<{ last: number }>(
      tx,
      sql`insert into member_number_sequences (key, last) values (${key}, 1)
          on conflict (key) do update set last = member_number_sequences.last + 1 returning last`,
    );
    if (seq!.last > memberNumberCapacity(rules)) {
      throw new DomainError('member_numbers_exhausted', `${year}年的发展团员编号（${describeMemberNumberPattern(pattern)}）已用完，请调整规则配置中的编号格式`, 'memberNo', 409);
    }
    const memberNo = formatMemberNumber(region, year, seq!.last, pattern);
    const [taken] = await query<{ taken: boolean }>(tx, sql`select tj_member_number_taken(${memberNo}) as taken`);
    if (!taken!.taken) return memberNo;
  }
}

/** 突击发展 and 全员入团 warnings, raised when the branch meeting passes a candidate. */
async function flagsAtMeeting(tx: Tx, c: CaseRow, on: string, rules: Rules): Promise<string[]> {
  const year = Number(on.slice(0, 4));
  const chain = await quotaChain(tx, Number(c.branch_id), year);
  const holder = chain[chain.length - 1]; // the nearest level with a quota
  let meetingsInWindow = 1;
  if (holder) {
    const [r] = await query<{ n: number }>(
      tx,
      sql`select tj_branch_meetings_between(${holder.orgId}, (${on}::date - ${rules.development.burstWindowDays}::int), ${on}::date) as n`,
    );
    meetingsInWindow += r!.n;
  }
  const cls = await classFacts(tx, Number(c.branch_id));
  return developmentFlags({ meetingsInWindow, yearQuota: holder?.quota ?? null, ...(cls.isClass ? { classSize: cls.size, classMembersAfter: cls.membersAndPending + 1 } : {}) }, rules);
}

async function classFacts(tx: Tx, branchId: number) {
  const [r] = await query<{ sector: string; school_stage: string | null; graduation_year: number | null; size: number; members: number; pending: number }>(
    tx,
    sql`select b.sector, b.school_stage, b.graduation_year,
               (select count(*)::int from people p where p.org_id = b.id and p.is_student and p.registry_status = 'active') as size,
               (select count(*)::int from people p where p.org_id = b.id and p.is_student and p.member_status = 'active') as members,
               (select count(*)::int from development_cases c where c.branch_id = b.id and c.status = 'in_progress'
                   and c.stage in ('branch_meeting') ) as pending
          from organizations b where b.id = ${branchId}`,
  );
  return { isClass: r!.sector === 'school' && r!.size > 0, stage: r!.school_stage, graduationYear: r!.graduation_year, size: r!.size, members: r!.members, membersAndPending: r!.members + r!.pending };
}

async function graduatingCap(tx: Tx, c: CaseRow, on: string, rules: Rules): Promise<string | null> {
  const cls = await classFacts(tx, Number(c.branch_id));
  if (!cls.isClass) return null;
  return graduatingCapProblem({ stage: cls.stage, graduationYear: cls.graduationYear, classSize: cls.size, classMembersAfter: cls.members + 1, on }, rules);
}

export async function stopCase(tx: Tx, id: number, reason: string) {
  const c = await loadCase(tx, id);
  if (c.status !== 'in_progress') throw new DomainError('case_closed', '该发展程序已结束', undefined, 409);
  if (c.approved_on) throw new DomainError('already_approved', '已批准入团，不能终止；如系违规发展，请通过“回头看”清退', undefined, 409);
  await tx.update(developmentCases).set({ status: 'stopped', stopReason: reason }).where(sql`id = ${id}`);
}

export async function reviewFlags(tx: Tx, user: SessionUser, id: number, decision: 'accept' | 'stop', note: string) {
  if (!isCountyLevel(user)) throw new HttpError(403, 'not_county', '预警须由县级（含）以上团委复核');
  const c = await loadCase(tx, id);
  if (!c.flags.length || c.flags_reviewed_by) throw new DomainError('nothing_to_review', '该发展对象没有待复核的预警', undefined, 409);
  await tx
    .update(developmentCases)
    .set({ flagsReviewedBy: `${user.displayName}：${note}`, flagsReviewedOn: today(), ...(decision === 'stop' ? { status: 'stopped', stopReason: `县级复核未通过：${note}` } : {}) })
    .where(sql`id = ${id}`);
}
