import { sql } from 'drizzle-orm';
import {
  POLITICAL,
  addMonths,
  ageOn,
  formatMemberNumber,
  LEGACY_MEMBER_NUMBER_PATTERN,
  idCardCheckChar,
  escalationPeriodDays,
  maskIdCard,
  resolveRules,
  transferDueOn,
  transferRequestLapsesOn,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../db/connection.js';
import { query } from '../db/sql.js';
import { today as clockToday } from '../lib/clock.js';
import { markLeft } from '../modules/membership/leaving.js';
import { confirmFinding, dismissFinding, openReview } from '../modules/membership/reviews.js';
import { Rng, chineseName } from './random.js';

/**
 * Members' life after joining, for the demo county once its people are
 * seeded: in every township (白泥镇 and 龙溪镇 among them) transfers pending,
 * done and sent back; members who left (超龄离团、退团) with their events and one
 * over-age member still to be processed; 推优入党 recommendations at every
 * outcome; a 回头看 of last year's fourth-quarter admissions with findings
 * confirmed (清退), dismissed and open. County-wide: this year's registration
 * (some members not yet registered) and last year's appraisal.
 *
 * Deterministic: the same database and the same day give the same records
 * (Rng, rows read in id order). `today` defaults to the business date.
 */

interface Member {
  id: number;
  name: string;
  org_id: number;
  birth_date: string;
  joined_on: string | null;
  political_status: string;
}

interface Township {
  id: number;
  name: string;
  path: string;
  /** Branches with their active members, in id order. */
  branches: { id: number; members: Member[] }[];
}

const TRANSFER_REASONS = ['外出务工，到新单位就业', '搬迁至其他村居住', '考入中等职业学校', '工作调动', '婚后随迁'];
const DEFERRED_NOTES = ['外出务工，暂未取得联系', '连续6个月未参加团的组织生活', '未按规定交纳团费'];
const NOT_REGISTERED_NOTE = '经教育仍长期不参加团的组织生活，支部团员大会决定不予注册';

const pad = (n: number) => String(n).padStart(2, '0');

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

/** A date between two dates (inclusive). */
function between(rng: Rng, from: string, to: string): string {
  if (to <= from) return from;
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  return addDays(from, rng.int(0, days));
}

/** A created_at timestamp on a given day in China (10:00 CST). */
const at = (date: string) => sql`((${date}::date + time '02:00') at time zone 'UTC')`;

export async function seedMembershipDemo(tx: Tx, today: string = clockToday()): Promise<void> {
  const rng = new Rng(2_023_0504);
  const Y = Number(today.slice(0, 4));
  const rules = resolveRules(
    Object.fromEntries((await query<{ section: string; value: unknown }>(tx, sql`select section, value from rule_settings`)).map((r) => [r.section, r.value])),
  );
  const [region] = await query<{ region_code: string | null }>(tx, sql`select region_code from organizations where region_code is not null order by path limit 1`);
  const regionCode = region?.region_code ?? '520329';
  const townships = await loadTownships(tx);
  if (!townships.length) return;
  const used = new Set<number>();
  const people = new PersonMaker(tx, rng, regionCode);

  // Transfers first, inside each township, then across: the first transfer
  // leaving a township never involves another township.
  for (const town of townships) await seedInternalTransfers(tx, rng, town, used, today, Y);
  for (let i = 0; i < townships.length && townships.length > 1; i++) {
    await seedCrossTransfer(tx, rng, townships[i]!, townships[(i + 1) % townships.length]!, i % 2 === 0 ? 'sending' : 'receiving', used, today, rules);
  }
  for (const town of townships) await seedLeaving(tx, rng, town, people, used, today, Y, rules);
  for (const town of townships) await seedPartyRecommendations(tx, rng, town, used, today, Y, rules);
  for (const town of townships) await seedReview(tx, rng, town, people, used, today, Y, rules);
  await seedRegistrations(tx, rng, townships, today, Y);
  await seedAppraisals(tx, rng, Y);
}

async function loadTownships(tx: Tx): Promise<Township[]> {
  const towns = await query<{ id: number; name: string; path: string }>(
    tx,
    sql`select id, name, path::text as path from organizations where type in ('township', 'subdistrict') and status = 'active' order by path`,
  );
  const out: Township[] = [];
  for (const t of towns) {
    const rows = await query<Member & { branch_id: number }>(
      tx,
      sql`select p.id, p.name, p.org_id, p.birth_date::text as birth_date, p.joined_on::text as joined_on, p.political_status, o.id as branch_id
            from people p join organizations o on o.id = p.org_id
           where o.path <@ ${t.path}::ltree and o.type in ('branch', 'joint_branch') and o.status = 'active' and p.member_status = 'active'
           order by o.id, p.id`,
    );
    const byBranch = new Map<number, Member[]>();
    for (const r of rows) {
      const list = byBranch.get(Number(r.branch_id)) ?? [];
      list.push({ ...r, id: Number(r.id), org_id: Number(r.org_id) });
      byBranch.set(Number(r.branch_id), list);
    }
    out.push({ id: Number(t.id), name: t.name, path: t.path, branches: [...byBranch].map(([id, members]) => ({ id, members })) });
  }
  return out;
}

/** Picks an unused member matching `fits`, from the branches in turn starting at a random one. */
function pickMember(rng: Rng, town: Township, used: Set<number>, fits: (m: Member) => boolean, exceptBranch?: number): Member | null {
  const branches = town.branches.filter((b) => b.id !== exceptBranch);
  if (!branches.length) return null;
  const start = rng.int(0, branches.length - 1);
  for (let k = 0; k < branches.length; k++) {
    const b = branches[(start + k) % branches.length]!;
    const options = b.members.filter((m) => !used.has(m.id) && fits(m));
    if (options.length) {
      const m = rng.pick(options);
      used.add(m.id);
      return m;
    }
  }
  return null;
}

const otherBranch = (rng: Rng, town: Township, not: number) => {
  const options = town.branches.filter((b) => b.id !== not);
  return options.length ? rng.pick(options).id : null;
};

async function insertTransfer(
  tx: Tx,
  t: { person: Member; idNumber: string; to: number; by: string; status: string; reason: string; requestedOn: string; decidedOn?: string; decidedBy?: string; note?: string },
  rules?: Rules,
) {
  // A receiving side's request waits for the sending side until its due date, then for the committee above both; then it lapses.
  const dueOn = t.by === 'receiving' && rules ? transferDueOn('regular', t.requestedOn, rules) : null;
  const lapsesOn = dueOn && rules ? transferRequestLapsesOn(dueOn, escalationPeriodDays('regular', rules)) : null;
  await tx.execute(sql`
    insert into transfers (person_id, from_org_id, to_org_id, initiated_by, status, reason, person_name, person_id_masked,
                           decided_on, decided_by, note, due_on, lapses_on, created_at, updated_at)
    values (${t.person.id}, ${t.person.org_id}, ${t.to}, ${t.by}, ${t.status}, ${t.reason}, ${t.person.name}, ${maskIdCard(t.idNumber)},
            ${t.decidedOn ?? null}::date, ${t.decidedBy ?? null}, ${t.note ?? null}, ${dueOn}::date, ${lapsesOn}::date,
            ${at(t.requestedOn)}, ${at(t.decidedOn ?? t.requestedOn)})`);
}

const idNumberOf = async (tx: Tx, id: number) => (await query<{ id_number: string }>(tx, sql`select id_number from people where id = ${id}`))[0]!.id_number;

/** In one township: a transfer waiting to be received, one done last year, one sent back this year. */
async function seedInternalTransfers(tx: Tx, rng: Rng, town: Township, used: Set<number>, today: string, Y: number) {
  if (town.branches.length < 2) return;
  const adult = (m: Member) => ageOn(m.birth_date, today) >= 18 && ageOn(m.birth_date, today) < 27;

  const pending = pickMember(rng, town, used, adult);
  const pendingTo = pending && otherBranch(rng, town, pending.org_id);
  if (pending && pendingTo) {
    await insertTransfer(tx, { person: pending, idNumber: await idNumberOf(tx, pending.id), to: pendingTo, by: 'sending', status: 'pending', reason: rng.pick(TRANSFER_REASONS), requestedOn: addDays(today, -rng.int(2, 12)) });
  }

  const done = pickMember(rng, town, used, (m) => adult(m) && !!m.joined_on && m.joined_on < `${Y - 1}-08-01`);
  const doneTo = done && otherBranch(rng, town, done.org_id);
  if (done && doneTo) {
    const requestedOn = `${Y - 1}-08-${pad(rng.int(3, 25))}`;
    await insertTransfer(tx, {
      person: done,
      idNumber: await idNumberOf(tx, done.id),
      to: doneTo,
      by: 'sending',
      status: 'accepted',
      reason: rng.pick(TRANSFER_REASONS),
      requestedOn,
      decidedOn: addDays(requestedOn, rng.int(3, 15)),
      decidedBy: chineseName(rng),
    });
    await tx.execute(sql`update people set org_id = ${doneTo}, version = version + 1 where id = ${done.id}`);
    moveMember(town, done, doneTo);
  }

  const back = pickMember(rng, town, used, adult);
  const backTo = back && otherBranch(rng, town, back.org_id);
  if (back && backTo) {
    const requestedOn = minDate(between(rng, `${Y}-01-10`, addDays(today, -20)), addDays(today, -5));
    await insertTransfer(tx, {
      person: back,
      idNumber: await idNumberOf(tx, back.id),
      to: backTo,
      by: 'member',
      status: 'rejected',
      reason: rng.pick(TRANSFER_REASONS),
      requestedOn,
      decidedOn: minDate(addDays(requestedOn, rng.int(2, 10)), today),
      decidedBy: chineseName(rng),
      note: '经核实，该同志未在本支部所在单位工作，请转入其实际工作单位团支部',
    });
  }
}

function moveMember(town: Township, m: Member, to: number) {
  for (const b of town.branches) b.members = b.members.filter((x) => x.id !== m.id);
  m.org_id = to;
  town.branches.find((b) => b.id === to)?.members.push(m);
}

/** A member of one township on the way to a branch of the next, waiting to be received. */
async function seedCrossTransfer(tx: Tx, rng: Rng, from: Township, to: Township, by: 'sending' | 'receiving', used: Set<number>, today: string, rules: Rules) {
  const person = pickMember(rng, from, used, (m) => ageOn(m.birth_date, today) >= 18 && ageOn(m.birth_date, today) < rules.ages.memberMax - 1);
  if (!person || !to.branches.length) return;
  await insertTransfer(tx, {
    person,
    idNumber: await idNumberOf(tx, person.id),
    to: rng.pick(to.branches).id,
    by,
    status: 'pending',
    reason: by === 'receiving' ? '已在本单位就业，申请转入' : rng.pick(TRANSFER_REASONS),
    requestedOn: addDays(today, -rng.int(1, 10)),
  }, rules);
}

/** People the demo needs that the population does not hold (over-age members, last year's admissions). */
class PersonMaker {
  private serial = 0;
  constructor(
    private tx: Tx,
    private rng: Rng,
    private regionCode: string,
  ) {}

  async create(orgId: number, p: { birthDate: string; joinedOn: string; memberStatus?: 'active' }): Promise<Member & { idNumber: string }> {
    const male = this.rng.chance(0.5);
    let idNumber = '';
    for (let k = 0; ; k++) {
      const first17 = `${this.regionCode}${p.birthDate.replaceAll('-', '')}${String(800 + ((this.serial * 2 + k * 2) % 198) + (male ? 1 : 0)).padStart(3, '0')}`;
      idNumber = first17 + idCardCheckChar(first17);
      if (!(await query(this.tx, sql`select 1 from people where id_number = ${idNumber}`)).length) break;
    }
    let memberNo = '';
    for (;;) {
      memberNo = formatMemberNumber(this.regionCode, Number(p.joinedOn.slice(0, 4)), 700_000 + ++this.serial, LEGACY_MEMBER_NUMBER_PATTERN);
      if (!(await query(this.tx, sql`select 1 from people where member_no = ${memberNo}`)).length) break;
    }
    const name = chineseName(this.rng);
    const [row] = await query<{ id: number }>(
      this.tx,
      sql`insert into people (org_id, name, gender, id_number, birth_date, ethnicity, education, political_status, occupation,
                              member_no, joined_on, member_status)
          values (${orgId}, ${name}, ${male ? 'male' : 'female'}, ${idNumber}, ${p.birthDate}::date, '01', ${this.rng.pick(['20', '30', '40', '60'])},
                  ${POLITICAL.leagueMember}, ${this.rng.pick(['务农', '企业职工', '外出务工', '个体经营'])}, ${memberNo}, ${p.joinedOn}::date, 'active')
          returning id`,
    );
    return { id: Number(row!.id), name, org_id: orgId, birth_date: p.birthDate, joined_on: p.joinedOn, political_status: POLITICAL.leagueMember, idNumber };
  }
}

/**
 * 超龄离团 at the end of last year, 退团 this year, and one member who reached
 * the age limit this year and is still to be processed (the due list).
 */
async function seedLeaving(tx: Tx, rng: Rng, town: Township, people: PersonMaker, used: Set<number>, today: string, Y: number, rules: Rules) {
  if (!town.branches.length) return;
  const max = rules.ages.memberMax;
  const approvedBy = town.name;
  // Reached the limit during last year (born January–November), left at the year-end batch.
  const yearEnd = `${Y - 1}-12-20`;
  for (let i = 0; i < 2; i++) {
    const branch = rng.pick(town.branches).id;
    const birthDate = `${Y - 1 - max}-${pad(rng.int(1, 11))}-${pad(rng.int(1, 28))}`;
    const p = await people.create(branch, { birthDate, joinedOn: `${Y - 1 - max + 15}-05-04` });
    used.add(p.id);
    await markLeft(tx, [p], 'over_age', `年满${max}周岁，超龄离团`, yearEnd, approvedBy);
  }
  // Reached the limit this year, not yet processed.
  const reached = addMonths(minDate(today, `${Y}-06-30`), -12 * max);
  const due = await people.create(rng.pick(town.branches).id, { birthDate: between(rng, `${Y - max}-01-01`, reached), joinedOn: `${Y - max + 16}-05-04` });
  used.add(due.id);

  // 退团 at the member's own request.
  const quitter = pickMember(rng, town, used, (m) => ageOn(m.birth_date, today) >= 20 && m.political_status === POLITICAL.leagueMember);
  if (quitter) {
    const onDate = maxDate(between(rng, `${Y}-02-01`, minDate(today, `${Y}-09-30`)), quitter.joined_on ?? '');
    await markLeft(tx, [quitter], 'voluntary', '本人书面申请退团，经支部团员大会讨论同意', minDate(onDate, today), approvedBy);
    for (const b of town.branches) b.members = b.members.filter((m) => m.id !== quitter.id);
  }
}

/**
 * 推优入党 in one township: a member recommended two years ago who became a
 * probationary and then a full party member, one activist, one not accepted,
 * and two recommended this year awaiting the party's decision.
 */
async function seedPartyRecommendations(tx: Tx, rng: Rng, town: Township, used: Set<number>, today: string, Y: number, rules: Rules) {
  const plans: { meetingOn: string; outcome: string; outcomeOn: string | null; probationaryOn?: string }[] = [];
  const probationaryOn = `${Y - 1}-07-01`;
  const fullOn = `${Y}-07-01`;
  plans.push({ meetingOn: `${Y - 2}-04-20`, outcome: fullOn <= today ? 'full' : 'probationary', outcomeOn: fullOn <= today ? fullOn : probationaryOn, probationaryOn });
  plans.push({ meetingOn: `${Y - 1}-05-20`, outcome: 'activist', outcomeOn: `${Y - 1}-09-10` });
  plans.push({ meetingOn: `${Y - 1}-05-20`, outcome: 'not_accepted', outcomeOn: `${Y - 1}-11-05` });
  const thisYear = minDate(today, `${Y}-05-04`);
  plans.push({ meetingOn: thisYear, outcome: 'pending', outcomeOn: null });
  plans.push({ meetingOn: thisYear, outcome: 'pending', outcomeOn: null });
  for (const plan of plans) {
    const m = pickMember(rng, town, used, (x) => {
      const age = ageOn(x.birth_date, plan.meetingOn);
      return x.political_status === POLITICAL.leagueMember && age >= 18 && age <= rules.ages.memberMax && !!x.joined_on && x.joined_on < plan.meetingOn;
    });
    if (!m) continue;
    const entitled = Math.max(3, town.branches.find((b) => b.id === m.org_id)?.members.length ?? 3);
    const votesFor = Math.floor(entitled / 2) + 1 + rng.int(0, Math.max(0, entitled - Math.floor(entitled / 2) - 1));
    await tx.execute(sql`
      insert into party_recommendations (person_id, org_id, year, meeting_on, votes_for, entitled, outcome, outcome_on)
      values (${m.id}, ${m.org_id}, ${Number(plan.meetingOn.slice(0, 4))}, ${plan.meetingOn}::date, ${votesFor}, ${entitled}, ${plan.outcome}, ${plan.outcomeOn}::date)`);
    if (plan.probationaryOn) {
      const status = plan.outcome === 'full' ? POLITICAL.partyMember : POLITICAL.probationaryPartyMember;
      await tx.execute(sql`update people set political_status = ${status}, party_joined_on = ${plan.probationaryOn}::date, version = version + 1 where id = ${m.id}`);
    }
  }
}

type StepSpec = [step: string, actedOn: string, data?: Record<string, unknown>];

/** The steps of an admission approved on `approvedOn`, regular unless changed by `irregular`. */
function admissionSteps(rng: Rng, approvedOn: string, sponsors: number[], contact: number, irregular: 'short_training' | 'late_approval' | null): StepSpec[] {
  const meeting = irregular === 'late_approval' ? addMonths(approvedOn, -4) : addDays(approvedOn, -rng.int(15, 40));
  const form = addDays(meeting, -rng.int(10, 20));
  const candidate = addDays(form, -rng.int(10, 20));
  const activist = addMonths(candidate, -4);
  const recommendation = addDays(activist, -rng.int(10, 20));
  const application = addDays(recommendation, -rng.int(10, 30));
  const hours = irregular === 'short_training' ? [6] : [4, 4];
  return [
    ['application', application],
    ['recommendation', recommendation, { kind: 'member' }],
    ['activist', activist, { contactMemberId: contact }],
    ...hours.map((h, i): StepSpec => ['training', addDays(activist, 20 + i * 30), { hours: h, note: '团章学习、团史教育' }]),
    ['candidate', candidate],
    ['application_form', form, { sponsorIds: irregular === 'short_training' ? sponsors.slice(0, 1) : sponsors.slice(0, 2) }],
    ['branch_meeting', meeting, { entitled: 24, present: 21, votesFor: 20 }],
    ['approval', approvedOn],
  ];
}

/**
 * 回头看 of last year's fourth-quarter admissions: two admissions with
 * problems and one member without any record are added first; the township
 * committee confirms one finding (清退), dismisses another, and one stays open.
 */
async function seedReview(tx: Tx, rng: Rng, town: Township, people: PersonMaker, used: Set<number>, today: string, Y: number, rules: Rules) {
  const branch = town.branches.find((b) => b.members.filter((m) => !used.has(m.id)).length >= 2);
  if (!branch) return;
  const [s1, s2] = branch.members.filter((m) => !used.has(m.id));
  const sponsors = [s1!.id, s2!.id];
  const admitted: { person: Member; irregular: 'short_training' | 'late_approval' }[] = [];
  for (const irregular of ['short_training', 'late_approval'] as const) {
    const approvedOn = `${Y - 1}-${pad(rng.int(10, 11))}-${pad(rng.int(1, 28))}`;
    const person = await people.create(branch.id, { birthDate: `${Y - 1 - rng.int(16, 20)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`, joinedOn: approvedOn });
    used.add(person.id);
    const steps = admissionSteps(rng, approvedOn, sponsors, sponsors[0]!, irregular);
    const [c] = await query<{ id: number }>(
      tx,
      sql`insert into development_cases (person_id, branch_id, status, stage, started_on, approved_on)
          values (${person.id}, ${branch.id}, 'admitted', 'approval', ${steps[0]![1]}::date, ${approvedOn}::date) returning id`,
    );
    for (const [step, on, data] of steps) {
      await tx.execute(sql`insert into development_steps (case_id, branch_id, step, acted_on, actor, data)
        values (${Number(c!.id)}, ${branch.id}, ${step}, ${on}::date, ${chineseName(rng)}, ${JSON.stringify(data ?? {})}::jsonb)`);
    }
    admitted.push({ person, irregular });
  }
  const unrecorded = await people.create(branch.id, { birthDate: `${Y - 1 - rng.int(16, 20)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`, joinedOn: `${Y - 1}-12-${pad(rng.int(1, 20))}` });
  used.add(unrecorded.id);

  const review = await openReview(tx, { orgId: town.id, title: `${Y - 1}年第四季度新发展团员“回头看”`, periodFrom: `${Y - 1}-10-01`, periodTo: `${Y - 1}-12-31` }, rules);
  // Opened in the first quarter; decisions follow.
  await tx.execute(sql`update review_campaigns set created_at = ${at(minDate(today, `${Y}-03-01`))} where id = ${review.id}`);
  const revoke = review.findings.find((f) => f.personId === admitted[0]!.person.id && f.status === 'open');
  if (revoke) {
    await confirmFinding(tx, revoke.id, { onDate: minDate(today, `${Y}-03-20`), approvedBy: town.name, note: '经核实，团课学习不足且入团介绍人只有1名，入团程序不完整' }, rules);
  }
  const dismiss = review.findings.find((f) => f.personId === unrecorded.id && f.status === 'open');
  if (dismiss) await dismissFinding(tx, dismiss.id, { note: '经查，纸质入团志愿书和审批材料齐全，系未录入系统，已补录' });
}

/** This year's registration of every active member: most registered, some deferred or refused, some not yet done. */
async function seedRegistrations(tx: Tx, rng: Rng, townships: Township[], today: string, Y: number) {
  const members = await query<{ id: number; org_id: number; joined_on: string | null }>(
    tx,
    sql`select id, org_id, joined_on::text as joined_on from people where member_status = 'active' order by id`,
  );
  const from = minDate(`${Y}-01-05`, today);
  const to = minDate(today, `${Y}-04-30`);
  const rows: { id: number; org: number; status: string; on: string; note: string | null }[] = [];
  for (const m of members) {
    const r = rng.next();
    const status = r < 0.8 ? 'registered' : r < 0.84 ? 'deferred' : r < 0.86 ? 'not_registered' : null;
    const on = maxDate(between(rng, from, to), m.joined_on ?? from);
    if (!status || on > today) continue;
    rows.push({ id: Number(m.id), org: Number(m.org_id), status, on, note: status === 'deferred' ? rng.pick(DEFERRED_NOTES) : status === 'not_registered' ? NOT_REGISTERED_NOTE : null });
  }
  // Every township keeps at least one member still to register.
  for (const town of townships) {
    const ids = new Set(
      (await query<{ id: number }>(tx, sql`select p.id from people p join organizations o on o.id = p.org_id
                                            where o.path <@ ${town.path}::ltree and p.member_status = 'active'`)).map((r) => Number(r.id)),
    );
    const theirs = rows.filter((r) => ids.has(r.id));
    if (ids.size && theirs.length === ids.size) rows.splice(rows.indexOf(theirs[theirs.length - 1]!), 1);
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows.slice(i, i + 1000).map((r) => sql`(${r.id}, ${r.org}, ${Y}, ${r.status}, ${r.on}::date, ${r.note})`);
    await tx.execute(sql`insert into registrations (person_id, org_id, year, status, decided_on, note) values ${sql.join(values, sql`, `)}
                         on conflict (person_id, year) do nothing`);
  }
}

/** Last year's education appraisal of the members who had joined by its end. */
async function seedAppraisals(tx: Tx, rng: Rng, Y: number) {
  const members = await query<{ id: number; org_id: number }>(
    tx,
    sql`select id, org_id from people where member_status = 'active' and (joined_on is null or joined_on <= ${`${Y - 1}-12-31`}::date) order by id`,
  );
  const rows: { id: number; org: number; grade: string }[] = [];
  for (const m of members) {
    const r = rng.next();
    const grade = r < 0.12 ? 'excellent' : r < 0.86 ? 'qualified' : r < 0.94 ? 'basically_qualified' : r < 0.96 ? 'unqualified' : null;
    if (grade) rows.push({ id: Number(m.id), org: Number(m.org_id), grade });
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows.slice(i, i + 1000).map((r) => sql`(${r.id}, ${r.org}, ${Y - 1}, ${r.grade})`);
    await tx.execute(sql`insert into appraisals (person_id, org_id, year, grade) values ${sql.join(values, sql`, `)} on conflict (person_id, year) do nothing`);
  }
}
