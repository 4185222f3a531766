import { sql } from 'drizzle-orm';
import {
  DEFAULT_STAR_CRITERIA,
  POLITICAL,
  currentGraduationYear,
  defaultDuesProfile,
  duesPeriodOf,
  duesPeriodsBetween,
  escalationLevels,
  escalationTarget,
  formatMemberNumber,
  LEGACY_MEMBER_NUMBER_PATTERN,
  idCardCheckChar,
  maskIdCard,
  monthlyDuesFen,
  remittanceDueFen,
  resolveRules,
  shiftDays,
  suggestedGrade,
  tempGraduateBranchName,
  totalScore,
  transferDueOn,
  type DuesProfileFacts,
  type Rules,
  type StarGrade,
  type StarSheet,
} from '@tuanjian/domain';
import type { Tx } from '../db/connection.js';
import { query } from '../db/sql.js';
import { Rng, chineseName, mobilePhone } from './random.js';

/**
 * Daily league work for the demo county once its people are seeded:
 *  - dues: profiles (employed members with income, a few exemptions), twelve
 *    months of payments for most members with some months unpaid and some
 *    members behind, quarterly remittances of most branches;
 *  - a star rating (对标定级) of the year in progress: branches pending,
 *    self-assessed, reviewed and confirmed, a weak branch with its
 *    rectification task (the demo branch secretary's branch has
 *    self-assessed and waits for 白泥镇's review);
 *  - a class that graduated this year (余庆县中学) with transfers accepted,
 *    pending, escalated past their due date, sent back, not started, and
 *    graduates of unknown destination held in 余庆县毕业生临时团支部;
 *  - a few member accounts in the branch secretary's branch (usernames are the
 *    member numbers; no password: the secretary issues a one-time code);
 *  - data-quality problems to find: a branch with 2 members, an abbreviated
 *    class branch name, a member without phone and education, a member
 *    account left in the class after its member moved.
 * Deterministic: the same database and day give the same records.
 */

const pad = (n: number) => String(n).padStart(2, '0');
/** A created_at timestamp on a given day in China (10:00 CST). */
const at = (date: string) => sql`((${date}::date + time '02:00') at time zone 'UTC')`;

interface Member {
  id: number;
  name: string;
  org_id: number;
  joined_on: string | null;
  is_student: boolean;
  occupation: string | null;
  member_no: string | null;
  phone: string | null;
  id_number: string;
}

interface Org {
  id: number;
  name: string;
  type: string;
  path: string;
  parent_id: number | null;
}

class PersonMaker {
  private serial = 0;
  constructor(
    private tx: Tx,
    private rng: Rng,
    private regionCode: string,
  ) {}

  async create(orgId: number, p: { birthDate: string; joinedOn: string; student: boolean; phone?: boolean }): Promise<Member> {
    const male = this.rng.chance(0.5);
    let idNumber = '';
    for (let k = 0; ; k++) {
      const first17 = `${this.regionCode}${p.birthDate.replaceAll('-', '')}${String(600 + ((this.serial * 2 + k * 2) % 198) + (male ? 1 : 0)).padStart(3, '0')}`;
      idNumber = first17 + idCardCheckChar(first17);
      if (!(await query(this.tx, sql`select 1 from people where id_number = ${idNumber}`)).length) break;
    }
    let memberNo = '';
    for (;;) {
      memberNo = formatMemberNumber(this.regionCode, Number(p.joinedOn.slice(0, 4)), 600_000 + ++this.serial, LEGACY_MEMBER_NUMBER_PATTERN);
      if (!(await query(this.tx, sql`select 1 from people where member_no = ${memberNo}`)).length) break;
    }
    const name = chineseName(this.rng);
    const phone = p.phone === false || p.student ? null : mobilePhone(this.rng);
    const [row] = await query<{ id: number }>(
      this.tx,
      sql`insert into people (org_id, name, gender, id_number, birth_date, ethnicity, education, political_status, phone, occupation,
                              is_student, member_no, joined_on, member_status)
          values (${orgId}, ${name}, ${male ? 'male' : 'female'}, ${idNumber}, ${p.birthDate}::date, '01', ${p.student ? '60' : this.rng.pick(['20', '30', '40'])},
                  ${POLITICAL.leagueMember}, ${phone}, ${p.student ? '学生' : this.rng.pick(['企业职工', '个体经营', '务农'])}, ${p.student}, ${memberNo}, ${p.joinedOn}::date, 'active')
          returning id`,
    );
    return { id: Number(row!.id), name, org_id: orgId, joined_on: p.joinedOn, is_student: p.student, occupation: null, member_no: memberNo, phone, id_number: idNumber };
  }
}

async function createOrg(tx: Tx, parentId: number, name: string, extra: { sector: string; schoolStage?: string; graduationYear?: number; foundedOn: string }): Promise<number> {
  const [existing] = await query<{ id: number }>(tx, sql`select id from organizations where parent_id = ${parentId} and name = ${name}`);
  if (existing) return Number(existing.id);
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into organizations (parent_id, name, type, sector, school_stage, graduation_year, founded_on)
        values (${parentId}, ${name}, 'branch', ${extra.sector}, ${extra.schoolStage ?? null}, ${extra.graduationYear ?? null}, ${extra.foundedOn}::date) returning id`,
  );
  return Number(row!.id);
}

async function loadMembers(tx: Tx): Promise<Member[]> {
  const rows = await query<Member>(
    tx,
    sql`select p.id, p.name, p.org_id, p.joined_on::text as joined_on, p.is_student, p.occupation, p.member_no, p.phone, p.id_number
          from people p join organizations o on o.id = p.org_id
         where p.member_status = 'active' and o.status = 'active' and o.type in ('branch', 'joint_branch') order by o.path, p.id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), org_id: Number(r.org_id) }));
}

export async function seedDailyWorkDemo(tx: Tx, opts: { today: string; year: number }): Promise<void> {
  const { today, year } = opts;
  const rng = new Rng(2_026_0707);
  const rules = resolveRules(
    Object.fromEntries((await query<{ section: string; value: unknown }>(tx, sql`select section, value from rule_settings`)).map((r) => [r.section, r.value])),
  );
  const [county] = await query<Org>(tx, sql`select id, name, type, path::text as path, parent_id from organizations where type = 'county' and status = 'active' order by path limit 1`);
  if (!county) return;
  const countyId = Number(county.id);
  const orgByName = async (name: string) => (await query<Org>(tx, sql`select id, name, type, path::text as path, parent_id from organizations where name = ${name} and status = 'active'`))[0];
  const [region] = await query<{ region_code: string | null }>(tx, sql`select region_code from organizations where id = ${countyId}`);
  const maker = new PersonMaker(tx, rng, region?.region_code ?? '520329');
  const baini = await orgByName(`共青团${county.name.replace(/^共青团/, '').replace(/委员会$/, '')}白泥镇委员会`);
  const secretaryBranch = baini
    ? (await query<Org>(
        tx,
        sql`select id, name, type, path::text as path, parent_id from organizations where parent_id = ${baini.id} and sector = 'village' and type = 'branch' and status = 'active' order by id limit 1`,
      ))[0]
    : undefined;

  // Data-quality problems and the organizations they need, first: the rest of the seed counts their members.
  const quality = await seedQualityProblems(tx, rng, maker, { countyName: county.name, baini, secretaryBranch, today, year });
  const graduated = await seedGraduates(tx, rng, maker, rules, { county: { ...county, id: countyId }, today, orgByName });

  const members = await loadMembers(tx);
  await seedDues(tx, rng, rules, members, today);
  await seedStarRating(tx, rng, rules, { countyId, year, today, secretaryBranchId: secretaryBranch ? Number(secretaryBranch.id) : null, weakBranchId: quality.tinyBranchId });
  if (secretaryBranch) await seedMemberAccounts(tx, members.filter((m) => m.org_id === Number(secretaryBranch.id)), quality.incompleteMemberId, today);
  if (graduated.movedWithAccount) await seedStaleAccount(tx, graduated.movedWithAccount, graduated.classId);
}

/* ------------------------------------------------------------------ dues */

async function seedDues(tx: Tx, rng: Rng, rules: Rules, members: Member[], today: string) {
  const thisMonth = duesPeriodOf(today);
  const firstMonth = duesPeriodsBetween(`${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}`, thisMonth)[1] ?? thisMonth;
  const months = duesPeriodsBetween(firstMonth, thisMonth);
  const profiles = new Map<number, DuesProfileFacts>();
  const profileRows: ReturnType<typeof sql>[] = [];
  for (const m of members) {
    let p: DuesProfileFacts | null = null;
    if (!m.is_student && rng.chance(0.02)) p = { category: 'no_income', monthlyIncomeFen: null, exemptReason: '家庭经济困难，经支部团员大会同意免交' };
    else if (m.occupation && ['企业职工', '教师', '公务员', '村（社区）工作者'].includes(m.occupation)) {
      p = { category: 'employed', monthlyIncomeFen: rng.int(25, 80) * 10_000 + rng.int(0, 9) * 1_000, exemptReason: null };
    } else if (!m.is_student && rng.chance(0.3)) p = { category: 'no_income', monthlyIncomeFen: null, exemptReason: null };
    if (!p) continue;
    profiles.set(m.id, p);
    profileRows.push(sql`(${m.id}, ${m.org_id}, ${p.category}, ${p.monthlyIncomeFen}, ${p.exemptReason})`);
  }
  for (let i = 0; i < profileRows.length; i += 1000) {
    await tx.execute(sql`insert into dues_profiles (person_id, org_id, category, monthly_income_fen, exempt_reason) values ${sql.join(profileRows.slice(i, i + 1000), sql`, `)}
      on conflict (person_id) do nothing`);
  }

  const rows: ReturnType<typeof sql>[] = [];
  const flush = async () => {
    if (!rows.length) return;
    await tx.execute(sql`insert into dues_payments (org_id, person_id, period, amount_fen, paid_on, method, receipt_no) values ${sql.join(rows, sql`, `)}
      on conflict do nothing`);
    rows.length = 0;
  };
  let receipt = 0;
  for (const m of members) {
    const profile = profiles.get(m.id) ?? defaultDuesProfile(m.is_student);
    const due = monthlyDuesFen(profile, rules);
    if (due.exempt) continue;
    // Habits: most pay every month; some skip months; some stopped paying a few months ago.
    const habit = rng.next();
    const stoppedAfter = habit > 0.9 ? months.length - rng.int(3, 5) : months.length;
    for (let i = 0; i < months.length; i++) {
      const period = months[i]!;
      if (m.joined_on && period < duesPeriodOf(m.joined_on)) continue;
      if (i >= stoppedAfter) continue;
      if (habit > 0.7 && habit <= 0.9 && rng.chance(0.3)) continue;
      if (period === months[months.length - 1] && rng.chance(0.55)) continue; // this month is still being collected
      const day = Math.min(rng.int(5, 25), Number(today.slice(8, 10)) || 28);
      const paidOn = period === duesPeriodOf(today) ? `${period}-${pad(Math.min(day, Number(today.slice(8, 10))))}` : `${period}-${pad(day)}`;
      const method = rng.chance(0.55) ? 'online' : rng.chance(0.75) ? 'cash' : 'transfer';
      const receiptNo = method === 'online' ? `WX${period.replace('-', '')}${String(++receipt).padStart(7, '0')}` : null;
      rows.push(sql`(${m.org_id}, ${m.id}, ${period}, ${due.dueFen}, ${paidOn}::date, ${method}, ${receiptNo})`);
      if (rows.length >= 1000) await flush();
    }
  }
  await flush();

  // Quarterly remittances (上缴) of complete quarters, by most branches.
  const quarters: [string, string][] = [];
  for (let i = 0; i + 2 < months.length; i++) {
    const mm = Number(months[i]!.slice(5, 7));
    if ((mm - 1) % 3 === 0 && months[i + 2]! < duesPeriodOf(today)) quarters.push([months[i]!, months[i + 2]!]);
  }
  if (!quarters.length) return;
  const collected = await query<{ org_id: number; parent_id: number | null; period_from: string; fen: number }>(
    tx,
    sql`select x.org_id, o.parent_id, q.period_from, sum(x.amount_fen)::bigint as fen
          from dues_payments x join organizations o on o.id = x.org_id
          join (values ${sql.join(quarters.map(([f, t]) => sql`(${f}, ${t})`), sql`, `)}) as q(period_from, period_to) on x.period between q.period_from and q.period_to
         group by x.org_id, o.parent_id, q.period_from order by x.org_id, q.period_from`,
  );
  const remitRows: ReturnType<typeof sql>[] = [];
  const lateBranches = new Set<number>();
  for (const c of collected) {
    if (c.parent_id === null) continue;
    const orgId = Number(c.org_id);
    if (!lateBranches.has(orgId) && rng.chance(0.03)) lateBranches.add(orgId);
    if (lateBranches.has(orgId)) continue;
    const q = quarters.find(([f]) => f === c.period_from)!;
    const endMonth = q[1];
    const [y, mth] = endMonth.split('-').map(Number) as [number, number];
    const remittedOn = `${mth === 12 ? y + 1 : y}-${pad(mth === 12 ? 1 : mth + 1)}-${pad(rng.int(5, 20))}`;
    if (remittedOn > today) continue;
    remitRows.push(sql`(${orgId}, ${Number(c.parent_id)}, ${q[0]}, ${q[1]}, ${remittanceDueFen(Number(c.fen), rules)}, ${remittedOn}::date, ${'季度上缴'})`);
  }
  for (let i = 0; i < remitRows.length; i += 1000) {
    await tx.execute(sql`insert into dues_remittances (org_id, to_org_id, period_from, period_to, amount_fen, remitted_on, note) values ${sql.join(remitRows.slice(i, i + 1000), sql`, `)}`);
  }
}

/* ----------------------------------------------------------- star rating */

function scoresFor(rng: Rng, grade: StarGrade): Record<string, number> {
  const share = grade === 'five' ? [0.9, 1] : grade === 'four' ? [0.8, 0.89] : grade === 'three' ? [0.62, 0.78] : [0.3, 0.55];
  return Object.fromEntries(DEFAULT_STAR_CRITERIA.map((c) => [c.key, Math.min(c.max, Math.round(c.max * (share[0]! + rng.next() * (share[1]! - share[0]!))))]));
}

async function seedStarRating(tx: Tx, rng: Rng, rules: Rules, o: { countyId: number; year: number; today: string; secretaryBranchId: number | null; weakBranchId: number | null }) {
  void rules;
  const title = `${o.year}年度基层团支部对标定级`;
  const criteria = [...DEFAULT_STAR_CRITERIA];
  const [rating] = await query<{ id: number }>(
    tx,
    sql`insert into star_ratings (org_id, year, title, criteria, created_at, updated_at) values (${o.countyId}, ${o.year}, ${title}, ${JSON.stringify(criteria)}::jsonb,
        ${at(`${o.year}-03-01` < o.today ? `${o.year}-03-01` : o.today)}, now()) returning id`,
  );
  const branches = await query<{ id: number; name: string }>(
    tx,
    sql`select o.id, o.name from organizations o join organizations c on c.id = ${o.countyId}
         where o.path <@ c.path and o.status = 'active' and o.type in ('branch', 'joint_branch') and o.name not like ${'%毕业生临时团支部'} order by o.path`,
  );
  const max = criteria.reduce((s, c) => s + c.max, 0);
  const rows: ReturnType<typeof sql>[] = [];
  let weakEntryBranch: number | null = null;
  for (const b of branches) {
    const id = Number(b.id);
    const roll = rng.next();
    let status: 'pending' | 'self_assessed' | 'reviewed' | 'confirmed' = roll < 0.35 ? 'pending' : roll < 0.65 ? 'self_assessed' : roll < 0.85 ? 'reviewed' : 'confirmed';
    let target: StarGrade = rng.pick(['five', 'four', 'four', 'three', 'three']);
    if (id === o.secretaryBranchId) status = 'self_assessed';
    if (id === o.weakBranchId) {
      status = 'confirmed';
      target = 'weak';
      weakEntryBranch = id;
    }
    const sheet = (scores: Record<string, number> | null, note: string | null): StarSheet => ({ ratingTitle: title, year: o.year, criteria, scores, note });
    const self = status === 'pending' ? sheet(null, null) : sheet(scoresFor(rng, target), '按对标定级标准逐项自查');
    const review = status === 'reviewed' || status === 'confirmed' ? sheet(scoresFor(rng, target), '经实地查看台账，评分如上') : null;
    const grade = status === 'confirmed' ? (target === 'weak' ? 'weak' : suggestedGrade(totalScore(review!.scores!), max)) : null;
    rows.push(
      sql`(${rating!.id}, ${id}, ${JSON.stringify(self)}::jsonb, ${review ? JSON.stringify(review) : null}::jsonb, ${grade}, ${status}, ${status === 'confirmed' ? '县团委管理员' : null})`,
    );
  }
  for (let i = 0; i < rows.length; i += 500) {
    await tx.execute(sql`insert into star_rating_entries (rating_id, org_id, self_scores, review_scores, grade, status, confirmed_by) values ${sql.join(rows.slice(i, i + 500), sql`, `)}`);
  }
  if (weakEntryBranch !== null) {
    const [entry] = await query<{ id: number }>(tx, sql`select id from star_rating_entries where rating_id = ${rating!.id} and org_id = ${weakEntryBranch}`);
    await tx.execute(sql`insert into rectification_tasks (entry_id, org_id, requirement, deadline, follow_up)
      values (${entry!.id}, ${weakEntryBranch}, ${'发展或转入团员至3人以上，或与相邻单位组建联合团支部；按月开展主题团日并建立台账'},
              ${shiftDays(o.today, 60)}::date, ${`${shiftDays(o.today, -7)} 已与园区内两家企业商议组建联合团支部`})`);
  }
}

/* ------------------------------------------------------------- graduates */

async function seedGraduates(
  tx: Tx,
  rng: Rng,
  maker: PersonMaker,
  rules: Rules,
  o: { county: Org; today: string; orgByName: (name: string) => Promise<Org | undefined> },
): Promise<{ classId: number | null; movedWithAccount: Member | null }> {
  const G = currentGraduationYear(o.today);
  const countyPlain = o.county.name.replace(/^共青团/, '').replace(/委员会$/, '');
  const school = await o.orgByName(`${countyPlain}中学团委`);
  if (!school) return { classId: null, movedWithAccount: null };
  const classId = await createOrg(tx, Number(school.id), `${countyPlain}中学${G}届高三（1）班团支部`, { sector: 'school', schoolStage: 'senior_middle', graduationYear: G, foundedOn: `${G - 3}-09-01` });
  const tempId = await createOrg(tx, Number(o.county.id), tempGraduateBranchName(o.county.name), { sector: 'other', foundedOn: `${G}-07-01` });
  const grads: Member[] = [];
  for (let i = 0; i < 13; i++) {
    grads.push(await maker.create(classId, { birthDate: `${G - 18}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`, joinedOn: `${G - 3}-${pad(rng.int(3, 6))}-04`, student: true }));
  }
  const branchesIn = async (name: string, sector: string) => {
    const town = await o.orgByName(name);
    if (!town) return [] as Org[];
    return query<Org>(
      tx,
      sql`select id, name, type, path::text as path, parent_id from organizations where path <@ ${town.path}::ltree and sector = ${sector} and type = 'branch' and status = 'active' order by id`,
    );
  };
  const bainiVillages = await branchesIn(`共青团${countyPlain}白泥镇委员会`, 'village');
  const longxiVillages = await branchesIn(`共青团${countyPlain}龙溪镇委员会`, 'village');
  const longxiCommunities = await branchesIn(`共青团${countyPlain}龙溪镇委员会`, 'community');
  const study = (await o.orgByName(`${countyPlain}大学生志愿者联盟团支部`)) ?? bainiVillages[0];
  const days = rules.dailyWork.graduateTransferDueDays;
  const insert = async (m: Member, to: Org | { id: number; path: string }, t: { destination: string; status: string; requestedOn: string; decidedOn?: string; note?: string }) => {
    const due = transferDueOn('graduate', t.requestedOn, rules);
    let escalatedOn: string | null = null;
    let escalatedTo: number | null = null;
    if (t.status === 'pending') {
      const levels = escalationLevels(due, o.today, days);
      if (levels > 0) {
        escalatedTo = escalationTarget(to.path.split('.').map(Number), levels);
        escalatedOn = shiftDays(due, 1 + (levels - 1) * days);
      }
    }
    await tx.execute(sql`insert into transfers (person_id, from_org_id, to_org_id, initiated_by, kind, destination, due_on, escalated_on, escalated_to_org_id,
                           status, reason, person_name, person_id_masked, decided_on, decided_by, note, created_at, updated_at)
      values (${m.id}, ${classId}, ${Number(to.id)}, 'sending', 'graduate', ${t.destination}, ${due}::date, ${escalatedOn}::date, ${escalatedTo},
              ${t.status}, ${`毕业生转接：${t.destination === 'unknown' ? '去向不明，转入临时团支部托管' : '毕业去向已确定'}`}, ${m.name}, ${maskIdCard(m.id_number)},
              ${t.decidedOn ?? null}::date, ${t.decidedOn ? '经办人' : null}, ${t.note ?? null}, ${at(t.requestedOn)}, ${at(t.decidedOn ?? t.requestedOn)})`);
    if (t.status === 'accepted') await tx.execute(sql`update people set org_id = ${Number(to.id)}, version = version + 1 where id = ${m.id}`);
  };
  const [tempOrg] = await query<Org>(tx, sql`select id, name, type, path::text as path, parent_id from organizations where id = ${tempId}`);
  const recent = shiftDays(o.today, -12);
  const old = shiftDays(o.today, -(days + 20));
  const accepted = [bainiVillages[0], longxiCommunities[0] ?? longxiVillages[0], study].filter((x): x is Org => !!x);
  let k = 0;
  let movedWithAccount: Member | null = null;
  for (const [i, to] of accepted.entries()) {
    const m = grads[k++]!;
    await insert(m, to, { destination: i === 0 ? 'work' : i === 1 ? 'community' : 'study', status: 'accepted', requestedOn: shiftDays(o.today, -45), decidedOn: shiftDays(o.today, -38) });
    if (i === 0) movedWithAccount = m;
  }
  for (const to of [bainiVillages[1], longxiVillages[1], longxiVillages[2]].filter((x): x is Org => !!x)) {
    await insert(grads[k++]!, to, { destination: 'work', status: 'pending', requestedOn: recent });
  }
  for (const to of [longxiVillages[0], bainiVillages[2]].filter((x): x is Org => !!x)) {
    await insert(grads[k++]!, to, { destination: 'community', status: 'pending', requestedOn: old });
  }
  for (let i = 0; i < 2; i++) {
    await insert(grads[k++]!, tempOrg!, { destination: 'unknown', status: 'accepted', requestedOn: shiftDays(o.today, -20), decidedOn: shiftDays(o.today, -19) });
  }
  const back = longxiVillages[3] ?? longxiVillages[0];
  if (back) {
    await insert(grads[k++]!, back, { destination: 'work', status: 'rejected', requestedOn: shiftDays(o.today, -30), decidedOn: shiftDays(o.today, -25), note: '经核实该同志未在本村就业' });
  }
  // The rest (one or more) have not been started yet.
  return { classId, movedWithAccount };
}

/* ------------------------------------------------------- accounts, quality */

async function seedMemberAccounts(tx: Tx, members: Member[], skip: number | null, today: string) {
  void today;
  const chosen = members.filter((m) => m.member_no && m.id !== skip).slice(0, 3);
  for (const m of chosen) {
    await tx.execute(sql`insert into accounts (username, display_name, phone, password_hash, role, scope_org_id, must_change_password, person_id)
      values (${m.member_no}, ${m.name}, ${m.phone}, ${'!reset-code-required'}, 'member', ${m.org_id}, false, ${m.id})
      on conflict do nothing`);
  }
  const first = chosen[0];
  if (first) {
    const after = { personId: first.id, personName: first.name, field: 'education', value: '大学本科', note: '已取得本科毕业证书' };
    await tx.execute(sql`insert into audit_log (actor_name, action, entity, entity_id, org_id, after)
      values (${first.name}, 'insert', 'correction_requests', ${String(first.id)}, ${first.org_id}, ${JSON.stringify(after)}::jsonb)`);
  }
}

/** A graduate's own account still anchored in the class after the member moved: "people in two places". */
async function seedStaleAccount(tx: Tx, m: Member, classId: number | null) {
  if (!classId || !m.member_no) return;
  await tx.execute(sql`insert into accounts (username, display_name, phone, password_hash, role, scope_org_id, must_change_password, person_id)
    values (${m.member_no}, ${m.name}, ${m.phone}, ${'!reset-code-required'}, 'member', ${classId}, false, ${m.id}) on conflict do nothing`);
}

async function seedQualityProblems(
  tx: Tx,
  rng: Rng,
  maker: PersonMaker,
  o: { countyName: string; baini: Org | undefined; secretaryBranch: Org | undefined; today: string; year: number },
): Promise<{ tinyBranchId: number | null; incompleteMemberId: number | null }> {
  const countyPlain = o.countyName.replace(/^共青团/, '').replace(/委员会$/, '');
  let tinyBranchId: number | null = null;
  if (o.baini) {
    tinyBranchId = await createOrg(tx, Number(o.baini.id), '白泥镇青年创业园团支部', { sector: 'non_public_enterprise', foundedOn: `${o.year - 1}-05-04` });
    for (let i = 0; i < 2; i++) await maker.create(tinyBranchId, { birthDate: `${o.year - 24 - i}-0${i + 3}-1${i}`, joinedOn: `${o.year - 9 - i}-05-04`, student: false });
  }
  const [grade] = await query<Org>(tx, sql`select id, name, type, path::text as path, parent_id from organizations where name = ${`${countyPlain}中学高一年级团总支`} and status = 'active'`);
  if (grade) {
    const abbreviated = await createOrg(tx, Number(grade.id), '余中高一（10）班团支部', { sector: 'school', schoolStage: 'senior_middle', graduationYear: currentGraduationYear(o.today) + 3, foundedOn: `${o.year}-09-01` });
    for (let i = 0; i < 5; i++) await maker.create(abbreviated, { birthDate: `${o.year - 15}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`, joinedOn: `${o.year - 1}-05-04`, student: true });
  }
  let incompleteMemberId: number | null = null;
  if (o.secretaryBranch) {
    const [m] = await query<{ id: number }>(
      tx,
      sql`select id from people where org_id = ${o.secretaryBranch.id} and member_status = 'active' and is_student = false order by id desc limit 1`,
    );
    if (m) {
      incompleteMemberId = Number(m.id);
      await tx.execute(sql`update people set phone = null, education = null, version = version + 1 where id = ${m.id}`);
    }
  }
  return { tinyBranchId, incompleteMemberId };
}
