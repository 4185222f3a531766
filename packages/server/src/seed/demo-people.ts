import { sql } from 'drizzle-orm';
import { idCardCheckChar, formatMemberNumber, LEGACY_MEMBER_NUMBER_PATTERN, type DevelopmentStep } from '@tuanjian/domain';
import type { Tx } from '../db/connection.js';
import { query } from '../db/sql.js';
import { Rng, chineseName, mobilePhone } from './random.js';
import { walk, type OrgNode } from './tree.js';

/**
 * Youth and members of the demo county, branch by branch, shaped on 余庆县's
 * 42,996 youth and 10,098 members (scale 1). Also: graduation years of class
 * branches, the year's development quotas split down the tree, development
 * cases at every step, and a few irregular admissions for a 回头看 audit.
 * `scale` shrinks the population for fast test servers.
 */
export interface DemoPeopleOptions {
  regionCode: string;
  year: number;
  today: string;
  scale: number;
}

interface PersonPlan {
  orgId: number;
  youth: number;
  memberShare: number;
  student: boolean;
  ageFrom: number;
  ageTo: number;
  grade?: string;
}

const ETHNICITY_MIX: [code: string, weight: number][] = [['01', 0.86], ['06', 0.08], ['12', 0.02], ['09', 0.02], ['15', 0.02]];

function plans(county: OrgNode, scale: number, rng: Rng, year: number): PersonPlan[] {
  const out: PersonPlan[] = [];
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  for (const node of walk(county)) {
    if (node.type !== 'branch' && node.type !== 'joint_branch') continue;
    if (node.dissolved) continue;
    const id = node.id!;
    const grade = /（\d+）班/.test(node.name) ? node.name.replace(/团支部$/, '').replace(/^.*?(九年级|八年级|高一|高二|高三|2025级)/, '$1') : undefined;
    if (node.sector === 'village' || node.sector === 'community') {
      out.push({ orgId: id, youth: n(rng.int(430, 640)), memberShare: rng.int(20, 30) / 100, student: false, ageFrom: 16, ageTo: 35 });
    } else if (node.sector === 'school' && grade) {
      const share = grade.startsWith('九') ? 0.22 : grade.startsWith('八') ? 0.06 : grade === '高一' ? 0.35 : grade === '高二' ? 0.5 : grade === '高三' ? 0.58 : 0.4;
      const age = grade.startsWith('九') ? 14 : grade.startsWith('八') ? 13 : grade === '高一' ? 15 : grade === '高二' ? 16 : grade === '高三' ? 17 : 15;
      out.push({ orgId: id, youth: n(rng.int(42, 52)), memberShare: share, student: true, ageFrom: age, ageTo: age + 1, grade });
    } else if (node.sector === 'school') {
      out.push({ orgId: id, youth: n(rng.int(10, 22)), memberShare: 0.45, student: false, ageFrom: 22, ageTo: 35 });
    } else {
      out.push({ orgId: id, youth: n(rng.int(16, 40)), memberShare: rng.int(30, 55) / 100, student: false, ageFrom: 20, ageTo: 35 });
    }
  }
  void year;
  return out;
}

function birthDate(rng: Rng, age: number, today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y - age, m - 1, d) - rng.int(1, 364) * 86_400_000);
  return t.toISOString().slice(0, 10);
}

export async function seedDemoPeople(tx: Tx, county: OrgNode, opts: DemoPeopleOptions): Promise<{ people: number; members: number }> {
  const rng = new Rng(20_240_504);
  const { year, today, regionCode } = opts;
  await tx.execute(sql`update organizations set region_code = ${regionCode} where id = ${county.id!}`);
  // Graduation years of class branches (a school year ends in June).
  const gradeYears: [RegExp, number][] = [[/九年级|高三/, 1], [/八年级|高二/, 2], [/高一|2025级/, 3]];
  const schoolYearEnd = Number(today.slice(5, 7)) >= 9 ? year + 1 : year;
  for (const node of walk(county)) {
    const g = gradeYears.find(([re]) => re.test(node.name) && /班团支部$/.test(node.name));
    if (g) await tx.execute(sql`update organizations set graduation_year = ${schoolYearEnd + g[1] - 1} where id = ${node.id!}`);
  }

  let seq = 0;
  const usedIds = new Set<string>();
  let memberSeq = 0;
  let total = 0;
  let members = 0;
  const rows: ReturnType<typeof sql>[] = [];
  const flush = async () => {
    if (!rows.length) return;
    await tx.execute(sql`insert into people (org_id, name, gender, id_number, birth_date, ethnicity, education, political_status, phone,
        occupation, is_student, grade, member_no, joined_on, member_status, pioneer_joined_on) values ${sql.join(rows, sql`, `)}`);
    rows.length = 0;
  };
  for (const plan of plans(county, opts.scale, rng, year)) {
    for (let i = 0; i < plan.youth; i++) {
      const age = rng.int(plan.ageFrom, plan.ageTo);
      const born = birthDate(rng, age, today);
      const male = rng.chance(0.52);
      seq++;
      // Sequence digits: odd for men, even for women; unique per birth date.
      let k = seq % 500;
      let first17 = '';
      do {
        first17 = `${regionCode}${born.replaceAll('-', '')}${String((k * 2 + (male ? 1 : 0)) % 1000).padStart(3, '0')}`;
        k = (k + 1) % 500;
      } while (usedIds.has(first17));
      usedIds.add(first17);
      const idNumber = first17 + idCardCheckChar(first17);
      // Members are 14–27 (28 and older leave); a few village members are party members too.
      // Joined on or after the 14th birthday (the joining age the system enforces) and not after today;
      // drawn as before so that the rest of the demo keeps its random sequence.
      const fourteenth = `${Number(born.slice(0, 4)) + 14}${born.slice(4) === '-02-29' ? '-03-01' : born.slice(4)}`;
      const drawnMember = age >= 14 && age < 28 && rng.chance(plan.memberShare * (plan.student ? 1 : 1.6));
      let member = false;
      let memberNo: string | null = null;
      let joinedOn: string | null = null;
      if (drawnMember) {
        const firstYear = Number(fourteenth.slice(0, 4));
        const joinYear = Math.max(firstYear, Math.min(year - 1, firstYear + rng.int(0, Math.max(0, age - 14))));
        const drawn = `${joinYear}-${String(rng.int(3, 6)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
        if (fourteenth <= today) {
          member = true;
          joinedOn = drawn < fourteenth ? fourteenth : drawn > today ? today : drawn;
          memberNo = formatMemberNumber(regionCode, Number(joinedOn.slice(0, 4)), ++memberSeq + 500_000, LEGACY_MEMBER_NUMBER_PATTERN);
          members++;
        }
      }
      const education = plan.student ? (age <= 15 ? '70' : '60') : rng.pick(['20', '30', '30', '40', '60', '70']);
      const political = member ? (age >= 22 && rng.chance(0.08) ? '01' : '03') : age >= 24 && rng.chance(0.05) ? '01' : '13';
      rows.push(sql`(${plan.orgId}, ${chineseName(rng)}, ${male ? 'male' : 'female'}, ${idNumber}, ${born}, ${rng.pick(ETHNICITY_MIX.flatMap(([c, w]) => Array(Math.round(w * 50)).fill(c)))},
        ${education}, ${political}, ${plan.student ? null : mobilePhone(rng)}, ${plan.student ? '学生' : rng.pick(['务农', '个体经营', '企业职工', '外出务工', '教师', '公务员', '村（社区）工作者'])},
        ${plan.student}, ${plan.grade ?? null}, ${memberNo}, ${joinedOn}, ${member ? 'active' : null}, ${age <= 20 ? `${Number(born.slice(0, 4)) + 7}-06-01` : null})`);
      total++;
      if (rows.length >= 1000) await flush();
    }
  }
  await flush();
  await seedQuotas(tx, county, year, Math.round(450 * opts.scale) + 20);
  await seedCases(tx, rng, opts, county.id!);
  return { people: total, members };
}

/** The county's yearly quota, split to townships and county-level units, then to a few branches. */
async function seedQuotas(tx: Tx, county: OrgNode, year: number, total: number) {
  await tx.execute(sql`insert into development_quotas (org_id, year, amount) values (${county.id!}, ${year}, ${total})`);
  const children = (county.children ?? []).filter((c) => c.type !== 'branch' && c.type !== 'joint_branch');
  const each = Math.floor((total * 0.9) / children.length);
  for (const c of children) {
    await tx.execute(sql`insert into development_quotas (org_id, year, amount) values (${c.id!}, ${year}, ${each})`);
  }
}

const STEP_ORDER: DevelopmentStep[] = ['application', 'recommendation', 'activist', 'training', 'candidate', 'application_form', 'branch_meeting', 'approval', 'oath'];

/**
 * The stage a demo case has reached, as a pipeline narrows (many applicants, fewer at each later
 * step) rather than the same number at every stage: case i takes the stage at position (i × 23)
 * mod 56 of these weights (1: application … 8: approval).
 */
const FUNNEL_WEIGHTS = [12, 10, 9, 8, 6, 5, 4, 2];
function funnelReach(i: number): number {
  let pos = (i * 23) % FUNNEL_WEIGHTS.reduce((a, b) => a + b, 0);
  for (let k = 0; k < FUNNEL_WEIGHTS.length; k++) {
    if (pos < FUNNEL_WEIGHTS[k]!) return k + 1;
    pos -= FUNNEL_WEIGHTS[k]!;
  }
  return 1;
}

/**
 * Development cases at every stage in a sample of branches: non-members of
 * member age, with consistent dates, hours, sponsors and votes. Two of last
 * year's admissions are irregular (no training recorded; a vote without a
 * quorum) for the 回头看 audit to find.
 */
async function seedCases(tx: Tx, rng: Rng, opts: DemoPeopleOptions, countyId: number) {
  const candidates = await query<{ id: number; org_id: number; birth_date: string; sector: string }>(
    tx,
    sql`select p.id, p.org_id, p.birth_date::text as birth_date, o.sector from people p join organizations o on o.id = p.org_id
         where o.path <@ (select path from organizations where id = ${countyId}) -- this county's (a province seeds several)
           and p.member_status is null and o.type = 'branch' and p.birth_date between (${opts.today}::date - interval '24 years') and (${opts.today}::date - interval '15 years')
         order by p.id`,
  );
  const sponsorsByOrg = new Map<number, number[]>();
  for (const s of await query<{ id: number; org_id: number }>(tx, sql`select id, org_id from people where member_status = 'active' order by id`)) {
    const list = sponsorsByOrg.get(Number(s.org_id)) ?? [];
    if (list.length < 4) list.push(Number(s.id));
    sponsorsByOrg.set(Number(s.org_id), list);
  }
  const eligible = candidates.filter((c) => (sponsorsByOrg.get(Number(c.org_id))?.length ?? 0) >= 2);
  const picked: typeof eligible = [];
  for (let i = 0; i < eligible.length && picked.length < 64; i += Math.max(1, Math.floor(eligible.length / 64))) picked.push(eligible[i]!);
  const day = (base: string, plus: number) => new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);
  let memberSeq = 900_000;
  for (let i = 0; i < picked.length; i++) {
    const p = picked[i]!;
    const sponsors = sponsorsByOrg.get(Number(p.org_id))!;
    // Stage reached: spread over the pipeline; the last eight are last year's admissions (two irregular).
    const admittedLastYear = i >= picked.length - 8;
    const reach = admittedLastYear ? STEP_ORDER.length : funnelReach(i);
    const start = admittedLastYear ? `${opts.year - 1}-03-${String(rng.int(1, 20)).padStart(2, '0')}` : day(opts.today, -300 + (i % 40) * 3);
    const dates: string[] = [start];
    const gaps = [0, 10, 20, 15, 110, 10, 10, 20, 14];
    for (let s = 1; s < STEP_ORDER.length; s++) dates.push(day(dates[s - 1]!, gaps[s]!));
    if (!admittedLastYear && dates[reach - 1]! > opts.today) continue;
    const irregular = admittedLastYear && i >= picked.length - 2 ? (i === picked.length - 1 ? 'no_training' : 'no_quorum') : null;
    const status = reach === STEP_ORDER.length ? 'admitted' : 'in_progress';
    const approvedOn = reach >= 8 ? dates[7]! : null;
    const [c] = await query<{ id: number }>(
      tx,
      sql`insert into development_cases (person_id, branch_id, status, stage, started_on, approved_on)
          values (${p.id}, ${p.org_id}, ${status}, ${STEP_ORDER[reach - 1]!}, ${start}, ${approvedOn}) returning id`,
    );
    for (let s = 0; s < reach; s++) {
      const step = STEP_ORDER[s]!;
      if (step === 'training' && irregular === 'no_training') continue;
      const data: Record<string, unknown> =
        step === 'recommendation' ? { kind: p.sector === 'school' ? 'pioneer' : 'member' }
        : step === 'activist' ? { contactMemberId: sponsors[0] }
        : step === 'training' ? { hours: 8, note: '团章学习、团史教育' }
        : step === 'application_form' ? { sponsorIds: sponsors.slice(0, 2) }
        : step === 'branch_meeting' ? (irregular === 'no_quorum' ? { entitled: 30, present: 12, votesFor: 12 } : { entitled: 30, present: 26, votesFor: 25 })
        : step === 'approval' ? { memberNo: formatMemberNumber(opts.regionCode, Number(dates[7]!.slice(0, 4)), ++memberSeq, LEGACY_MEMBER_NUMBER_PATTERN) }
        : {};
      await tx.execute(sql`insert into development_steps (case_id, branch_id, step, acted_on, actor, data)
        values (${c!.id}, ${p.org_id}, ${step}, ${dates[s]!}, ${chineseName(rng)}, ${JSON.stringify(data)}::jsonb)`);
    }
    if (approvedOn) {
      await tx.execute(sql`update people set member_status = 'active', member_no = ${formatMemberNumber(opts.regionCode, Number(approvedOn.slice(0, 4)), memberSeq, LEGACY_MEMBER_NUMBER_PATTERN)},
        joined_on = ${approvedOn}, political_status = '03' where id = ${p.id}`);
    }
  }
}
