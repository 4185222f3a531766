import { sql } from 'drizzle-orm';
import {
  ASSESSMENT_COMPONENT_LABELS,
  addCalendarDays,
  appraisalWeights,
  assessmentTotal,
  idCardCheckChar,
  rankAndGrade,
  resolveRules,
  selectionAssessments,
  termYearsFor,
  weightedTotal,
  type CadreEmployment,
  type CadreTitle,
  type OrgType,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../db/connection.js';
import { query } from '../db/sql.js';
import { Rng, chineseName, mobilePhone } from './random.js';

/**
 * Cadres and committees of the demo county (issue 4), on an already seeded
 * county with its people: the county committee, ten township committees
 * (1+1+3 with a few departures from the pattern), unit committees, general
 * branches and a secretary in almost every branch — a few vacancies and a few
 * cadres off duty, so 配备率 and 在岗率 are high but not 100% — with post
 * history; terms with a few overdue and one township never elected; 白泥镇's
 * election in progress (public notice, one objection pending), 龙溪镇's
 * completed election and 敖溪镇's completed 选配; last year's 述职评议 with
 * scores and grades and this year's 平时考核 under way; training courses with
 * attendance; a reserve talent pool; committee members and deputies with the
 * branches and youth they contact and their contact logs. Deterministic.
 */
export async function seedCadresDemo(tx: Tx, opts: { today: string; year: number }): Promise<void> {
  const s = new Seeder(tx, opts.today, opts.year, new Rng(4_0504), resolveRules(await ruleOverrides(tx)));
  await s.run();
}

async function ruleOverrides(tx: Tx): Promise<Record<string, unknown>> {
  const rows = await query<{ section: string; value: unknown }>(tx, sql`select section, value from rule_settings`);
  return Object.fromEntries(rows.map((r) => [r.section, r.value]));
}

interface Org {
  id: number;
  parent_id: number | null;
  name: string;
  type: OrgType;
  sector: string;
  path: string;
  graduation_year: number | null;
}

interface Person {
  id: number;
  org_id: number;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  birth_date: string;
  education: string | null;
  political_status: string;
  member_status: string | null;
  phone: string | null;
}

interface CadreSpec {
  orgId: number;
  name?: string;
  gender?: 'male' | 'female';
  age?: number;
  education?: string;
  political?: string;
  workUnit: string;
  establishment: 'inside' | 'outside';
  civilServant?: boolean;
  localResident?: boolean;
  person?: Person;
}

interface PostSpec {
  cadreId: number;
  orgId: number;
  title: CadreTitle;
  employment: CadreEmployment;
  startOn: string;
  endOn?: string;
  endReason?: string;
  onDuty?: boolean;
  source?: 'election' | 'selection' | 'appointment';
  electionId?: number;
}

const VILLAGE_JOBS = ['村（社区）“两委”成员', '村务监督委员会委员', '返乡创业青年', '大学生村官', '种养殖大户', '农村专业合作社负责人', '个体工商户'];
const REASONS = [
  '返乡创业带动群众增收，群众基础好',
  '在村（社区）团支部工作中表现突出，组织青年开展志愿服务',
  '大学毕业后回乡工作，熟悉村情民情，有一定的群众威信',
  '担任网格员期间工作认真负责，善于做群众工作',
  '退役军人，政治素质好，作风过硬',
  '带头发展特色产业，被评为县级青年致富带头人',
];
const RECOMMENDERS = ['村党支部', '镇党委组织办', '村民代表会议', '镇团委', '驻村工作队'];
const CONTACT_TOPICS = [
  '走访团支部，了解团员青年就业创业需求',
  '参加团支部主题团日，宣讲党的二十大精神',
  '座谈了解团支部“三会两制一课”落实情况',
  '电话联系青年，了解返乡创业困难并协调小额贷款',
  '指导团支部开展防溺水安全教育志愿服务',
  '网上联系外出务工青年，转达团组织关心',
];

class Seeder {
  /** ID numbers of cadre records (a registry person is linked to one record at most). */
  private readonly usedIds = new Set<string>();
  /** ID numbers in the youth registry: generated IDs never collide with them. */
  private readonly registryIds = new Set<string>();
  private idSeq = 0;
  private orgs: Org[] = [];
  private people = new Map<number, Person[]>();
  private readonly cadreOrg = new Map<number, number>();

  constructor(
    private readonly tx: Tx,
    private readonly today: string,
    private readonly year: number,
    private readonly rng: Rng,
    private readonly rules: Rules,
  ) {}

  /* ------------------------------------------------------------ helpers */

  /** A date `yearsAgo` years back at month/day, never after today. */
  private date(yearsAgo: number, month: number, day: number): string {
    const d = `${this.year - yearsAgo}-${String(month).padStart(2, '0')}-${String(Math.min(day, 28)).padStart(2, '0')}`;
    return d > this.today ? this.today : d;
  }

  private daysAgo(days: number): string {
    return addCalendarDays(this.today, -days);
  }

  private birthFor(age: number): string {
    const [y, m, d] = this.today.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y - age, m - 1, d) - this.rng.int(1, 360) * 86_400_000);
    return t.toISOString().slice(0, 10);
  }

  private idNumber(birthDate: string, gender: 'male' | 'female'): string {
    for (;;) {
      this.idSeq++;
      const seq = ((this.idSeq * 2) % 1000) + (gender === 'male' ? 1 : 0);
      const first17 = `520329${birthDate.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
      const id = first17 + idCardCheckChar(first17);
      if (!this.usedIds.has(id) && !this.registryIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  private async cadre(c: CadreSpec): Promise<number> {
    const p = c.person;
    const gender = p?.gender ?? c.gender ?? (this.rng.chance(0.55) ? 'male' : 'female');
    const birth = p?.birth_date ?? this.birthFor(c.age ?? this.rng.int(24, 34));
    const id = p?.id_number ?? this.idNumber(birth, gender);
    this.usedIds.add(id);
    const [row] = await query<{ id: number }>(
      this.tx,
      sql`insert into cadres (org_id, person_id, name, gender, id_number, birth_date, ethnicity, education, political_status, phone, work_unit,
                              establishment, civil_servant, local_resident)
          values (${c.orgId}, ${p?.id ?? null}, ${p?.name ?? c.name ?? chineseName(this.rng)}, ${gender}, ${id}, ${birth}, ${this.rng.chance(0.88) ? '01' : '06'},
                  ${p?.education ?? c.education ?? this.rng.pick(['20', '20', '30', '30', '30', '40'])}, ${p?.political_status ?? c.political ?? '01'},
                  ${p?.phone ?? mobilePhone(this.rng)}, ${c.workUnit}, ${c.establishment}, ${c.civilServant ?? false}, ${c.localResident ?? true})
          returning id`,
    );
    this.cadreOrg.set(Number(row!.id), c.orgId);
    return Number(row!.id);
  }

  private async post(p: PostSpec): Promise<number> {
    const [row] = await query<{ id: number }>(
      this.tx,
      sql`insert into cadre_posts (cadre_id, org_id, title, employment, start_on, end_on, end_reason, on_duty, source, election_id)
          values (${p.cadreId}, ${p.orgId}, ${p.title}, ${p.employment}, ${p.startOn}, ${p.endOn ?? null}, ${p.endReason ?? null},
                  ${p.onDuty ?? true}, ${p.source ?? 'election'}, ${p.electionId ?? null})
          returning id`,
    );
    return Number(row!.id);
  }

  private async term(orgId: number, startedOn: string, lengthYears: number, endedOn: string | null = null, electionId: number | null = null) {
    await this.tx.execute(sql`insert into committee_terms (org_id, started_on, length_years, ended_on, election_id)
      values (${orgId}, ${startedOn}, ${lengthYears}, ${endedOn}, ${electionId})`);
  }

  private termYears(o: Org): number {
    return termYearsFor({ type: o.type, isStudentClass: o.sector === 'school' && o.graduation_year !== null }, this.rules) ?? 3;
  }

  /** A member (or young person) of the organization not yet used for a cadre record. */
  private takePerson(orgId: number, f: (p: Person) => boolean): Person | undefined {
    const list = this.people.get(orgId) ?? [];
    const i = list.findIndex((p) => f(p) && !this.usedIds.has(p.id_number));
    if (i < 0) return undefined;
    const [p] = list.splice(i, 1);
    return p;
  }

  private age(p: Person): number {
    const [by, bm, bd] = p.birth_date.split('-').map(Number) as [number, number, number];
    const [y, m, d] = this.today.split('-').map(Number) as [number, number, number];
    return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  }

  private async step(electionId: number, orgId: number, step: string, actedOn: string, actor: string, data: Record<string, unknown>) {
    await this.tx.execute(sql`insert into election_steps (election_id, org_id, step, acted_on, actor, data)
      values (${electionId}, ${orgId}, ${step}, ${actedOn}, ${actor}, ${JSON.stringify(data)}::jsonb)`);
  }

  /* --------------------------------------------------------------- run */

  async run() {
    this.orgs = (
      await query<Org>(
        this.tx,
        sql`select id, parent_id, name, type, sector, path::text as path, graduation_year from organizations where status = 'active' order by id`,
      )
    ).map((o) => ({ ...o, id: Number(o.id), parent_id: o.parent_id === null ? null : Number(o.parent_id) }));
    for (const p of await query<Person>(
      this.tx,
      sql`select id, org_id, name, gender, id_number, birth_date::text as birth_date, education, political_status, member_status, phone
            from people where registry_status = 'active' order by id`,
    )) {
      this.registryIds.add(p.id_number);
      const list = this.people.get(Number(p.org_id)) ?? [];
      list.push({ ...p, id: Number(p.id), org_id: Number(p.org_id) });
      this.people.set(Number(p.org_id), list);
    }

    const county = this.orgs.find((o) => o.type === 'county')!;
    await this.countyCommittee(county);
    for (const o of this.orgs.filter((x) => x.type === 'unit_committee')) await this.unitCommittee(o);
    for (const o of this.orgs.filter((x) => x.type === 'general_branch')) await this.generalBranch(o);
    const branches = this.orgs.filter((x) => x.type === 'branch' || x.type === 'joint_branch');
    for (let i = 0; i < branches.length; i++) await this.branch(branches[i]!, i);
    const townships = this.orgs.filter((o) => o.parent_id === county.id && (o.type === 'township' || o.type === 'subdistrict'));
    for (let i = 0; i < townships.length; i++) await this.township(townships[i]!, i);
    await this.elections(townships);
    await this.appraisals(county, townships);
    await this.trainings(county, townships);
    await this.reserve();
    await this.liaisons(county, townships);
  }

  /* ------------------------------------------------------- committees */

  private async countyCommittee(county: Org) {
    const start = this.date(3, 4, 20);
    await this.term(county.id, this.date(8, 4, 18), 5, start);
    await this.term(county.id, start, this.termYears(county));
    const team: [CadreTitle, CadreEmployment, Omit<CadreSpec, 'orgId'>][] = [
      ['secretary', 'full_time', { age: 34, education: '20', political: '01', workUnit: '共青团余庆县委员会书记', establishment: 'inside', civilServant: true }],
      ['deputy_secretary', 'full_time', { age: 31, education: '10', political: '01', workUnit: '共青团余庆县委员会副书记', establishment: 'inside', civilServant: true }],
      ['deputy_secretary', 'seconded', { age: 29, education: '20', political: '01', workUnit: '县发展和改革局（挂职团县委副书记）', establishment: 'inside', civilServant: true }],
      ['deputy_secretary', 'part_time', { age: 32, education: '20', political: '01', workUnit: '贵州余庆茶业有限公司总经理', establishment: 'outside' }],
      ['deputy_secretary', 'part_time', { age: 27, education: '20', political: '02', workUnit: '县人民医院医师', establishment: 'inside' }],
      ['organization_member', 'full_time', { age: 28, education: '20', political: '01', workUnit: '团县委组织部部长', establishment: 'inside', civilServant: true }],
      ['propaganda_member', 'full_time', { age: 26, education: '20', political: '03', workUnit: '团县委宣传部干事', establishment: 'inside', civilServant: true }],
      ['member', 'part_time', { age: 30, education: '30', political: '01', workUnit: '余庆县大学生志愿者联盟负责人', establishment: 'outside' }],
      ['member', 'part_time', { age: 25, education: '20', political: '03', workUnit: '西部计划志愿者', establishment: 'outside' }],
    ];
    for (const [title, employment, spec] of team) {
      const id = await this.cadre({ orgId: county.id, ...spec });
      await this.post({ cadreId: id, orgId: county.id, title, employment, startOn: start, source: employment === 'part_time' ? 'election' : 'appointment' });
    }
    // A former part-time deputy, promoted elsewhere (history; the seeds' 王天坤).
    const former = await this.cadre({ orgId: county.id, name: '王天坤', gender: 'male', age: 36, education: '20', political: '01', workUnit: '县教育局办公室负责人', establishment: 'inside', civilServant: true });
    await this.post({ cadreId: former, orgId: county.id, title: 'deputy_secretary', employment: 'part_time', startOn: this.date(8, 4, 18), endOn: this.date(5, 9, 1), endReason: '提拔任用' });
  }

  /** Township committees: 1 secretary + 1 part-time deputy + 3 members, with departures from the pattern. */
  private async township(t: Org, index: number) {
    const short = t.name.replace(/^共青团余庆县/, '').replace(/委员会$/, '');
    // Terms: 白泥镇 overdue (its election is under way), 龙溪镇 elected last year (see elections),
    // 龙家镇 long overdue, 花山苗族乡 never elected, the others in term.
    const years = this.termYears(t);
    const start =
      index === 0 ? this.date(years, 3, 12)
      : index === 1 ? null
      : index === 5 ? this.date(years + 3, 5, 6)
      : index === 9 ? null
      : this.date(1 + (index % 4), 3 + index, 10 + index);
    if (start) await this.term(t.id, start, years);
    const since = start ?? this.date(6, 6, 1);
    const deputyNames: Record<string, [string, 'male' | 'female', string]> = {
      大乌江镇: ['田静', 'female', '大乌江镇青年志愿者服务队队长'],
      松烟镇: ['余海', 'male', '松烟镇中学教师'],
      关兴镇: ['安田忠', 'male', '关兴镇农业服务中心职工'],
      敖溪镇: ['祝红', 'female', '敖溪镇狮山村茶叶合作社负责人'],
    };
    if (index === 1) return; // 龙溪镇's committee comes from its election (elections()).
    const sec = await this.cadre({ orgId: t.id, age: 29 + (index % 5), education: this.rng.pick(['20', '20', '10']), political: '01', workUnit: `${short}党委委员`, establishment: 'inside', civilServant: true });
    await this.post({ cadreId: sec, orgId: t.id, title: 'secretary', employment: index % 2 ? 'part_time' : 'full_time', startOn: since });
    if (index !== 9) {
      const named = deputyNames[short];
      const teacherDeputy = index === 2; // 构皮滩镇: deputy from inside the establishment (share below 50%)
      const dep = await this.cadre({
        orgId: t.id,
        name: named?.[0],
        gender: named?.[1],
        age: this.rng.int(25, 33),
        education: this.rng.pick(['20', '30']),
        political: this.rng.pick(['01', '01', '03']),
        workUnit: named?.[2] ?? (teacherDeputy ? `${short}中学教师` : this.rng.pick(['西部计划志愿者', `${short}农业开发有限公司负责人`, `${short}电子商务服务站站长`])),
        establishment: teacherDeputy || named?.[2]?.includes('教师') ? 'inside' : 'outside',
      });
      await this.post({ cadreId: dep, orgId: t.id, title: 'deputy_secretary', employment: 'part_time', startOn: since, source: 'selection' });
    }
    if (short === '松烟镇') {
      const yi = await this.cadre({ orgId: t.id, name: '易伟', gender: 'male', age: 37, education: '30', political: '01', workUnit: '松烟镇农业服务中心主任兼扶贫办主任', establishment: 'inside' });
      await this.post({ cadreId: yi, orgId: t.id, title: 'deputy_secretary', employment: 'part_time', startOn: since, source: 'selection' });
    }
    const memberTitles: CadreTitle[] = ['organization_member', 'propaganda_member', 'member'];
    for (let m = 0; m < 3; m++) {
      if (m === 2 && (index === 3 || index === 7)) {
        // A village branch secretary sits on the township committee too (one person, two posts).
        const [v] = await query<{ cadre_id: number }>(
          this.tx,
          sql`select p.cadre_id from cadre_posts p join organizations o on o.id = p.org_id
               where o.parent_id = ${t.id} and o.sector = 'village' and p.title = 'secretary' and p.end_on is null and p.on_duty
               order by p.id limit 1`,
        );
        if (v) {
          await this.post({ cadreId: Number(v.cadre_id), orgId: t.id, title: 'member', employment: 'part_time', startOn: since });
          continue;
        }
      }
      // 构皮滩镇 falls below the outside share; 松烟镇 (two deputies from inside) takes all members from outside.
      const outside = index === 2 ? m === 0 : index === 6 ? true : m > 0;
      const id = await this.cadre({
        orgId: t.id,
        age: index === 5 && m === 2 ? 38 : this.rng.int(23, 33),
        education: this.rng.pick(['20', '30', '30', '40']),
        political: this.rng.pick(['01', '03', '03']),
        workUnit: outside ? this.rng.pick(VILLAGE_JOBS) : this.rng.pick([`${short}人民政府干部`, `${short}卫生院医生`, `${short}派出所民警`]),
        establishment: outside ? 'outside' : 'inside',
        civilServant: !outside && this.rng.chance(0.6),
      });
      await this.post({ cadreId: id, orgId: t.id, title: memberTitles[m]!, employment: 'part_time', startOn: since, onDuty: !(index === 8 && m === 2) });
    }
  }

  private async unitCommittee(o: Org) {
    const organs = o.sector === 'government';
    const start = this.date(2, 9, 20);
    await this.term(o.id, start, this.termYears(o));
    const spec = (title: string): Omit<CadreSpec, 'orgId'> =>
      organs
        ? { workUnit: `县直机关${title}`, education: '20', political: '01', establishment: 'inside', civilServant: true }
        : { workUnit: `${o.name.replace(/团委$/, '')}教师`, education: this.rng.pick(['20', '20', '10']), political: this.rng.pick(['01', '03']), establishment: 'inside' };
    const sec = await this.cadre({ orgId: o.id, age: this.rng.int(27, 34), ...spec('干部') });
    await this.post({ cadreId: sec, orgId: o.id, title: 'secretary', employment: 'part_time', startOn: start });
    const dep = await this.cadre({ orgId: o.id, age: this.rng.int(24, 30), ...spec('干部') });
    await this.post({ cadreId: dep, orgId: o.id, title: 'deputy_secretary', employment: 'part_time', startOn: start });
    for (const title of ['organization_member', 'propaganda_member'] as const) {
      const id = await this.cadre({ orgId: o.id, age: this.rng.int(23, 30), ...spec('干部') });
      await this.post({ cadreId: id, orgId: o.id, title, employment: 'part_time', startOn: start });
    }
  }

  private async generalBranch(o: Org) {
    const start = this.date(1, 9, 15);
    await this.term(o.id, start, this.termYears(o));
    const id = await this.cadre({ orgId: o.id, age: this.rng.int(25, 33), education: '20', political: this.rng.pick(['01', '03']), workUnit: `${o.name.replace(/团总支$/, '')}教师`, establishment: 'inside' });
    await this.post({ cadreId: id, orgId: o.id, title: 'secretary', employment: 'part_time', startOn: start });
  }

  /** Branch secretaries: students in class branches, village cadres, teachers, employees. */
  private async branch(o: Org, i: number) {
    const isClass = o.sector === 'school' && o.graduation_year !== null;
    const isVillage = o.sector === 'village' || o.sector === 'community';
    const years = this.termYears(o);
    // Terms: class branches every school year; others mostly in term, some overdue, some never elected.
    let start: string | null;
    if (isClass) start = Number(this.today.slice(5, 7)) >= 9 ? this.date(0, 9, 20) : this.date(1, 9, 20);
    else if (i % 23 === 4) start = null;
    else if (i % 13 === 6) start = this.date(years + 2, 4, 10);
    else if (i % 11 === 2) start = this.date(years, 3, 5);
    else start = this.date(1 + (i % 2), 1 + (i % 12), 1 + (i % 27));
    if (start) {
      if (!isClass && i % 5 === 0) await this.term(o.id, this.date(years + 2 + (i % 2), 3, 1), years, start);
      await this.term(o.id, start, years);
    }
    const since = start ?? this.date(4, 5, 4);
    // A few branches have no secretary (vacancies), some after a secretary left.
    const vacant = i % 26 === 7;
    if (vacant && i % 52 === 7) {
      const gone = await this.cadre({ orgId: o.id, age: 30, political: '01', workUnit: '外出务工', establishment: 'outside' });
      await this.post({ cadreId: gone, orgId: o.id, title: 'secretary', employment: 'part_time', startOn: since, endOn: this.date(0, 2, 10), endReason: '外出务工，辞去职务' });
    }
    if (vacant) return;
    // History: the previous secretary of some village branches, until the last election.
    if (isVillage && start && i % 5 === 0) {
      const prev = await this.cadre({ orgId: o.id, age: this.rng.int(33, 39), political: '01', workUnit: this.rng.pick(VILLAGE_JOBS), establishment: 'outside' });
      await this.post({ cadreId: prev, orgId: o.id, title: 'secretary', employment: 'part_time', startOn: this.date(years + 2, 3, 1), endOn: start, endReason: '换届' });
    }
    let secretary: number;
    if (isClass) {
      const student = this.takePerson(o.id, (p) => p.member_status === 'active');
      const grade = o.name.match(/(九年级|八年级|高一|高二|高三|2025级)/)?.[1] ?? '';
      secretary = await this.cadre({
        orgId: o.id,
        person: student,
        age: grade.startsWith('九') ? 15 : grade.startsWith('八') ? 14 : grade === '高一' ? 16 : grade === '高二' ? 17 : grade === '高三' ? 18 : 16,
        education: grade.startsWith('九') || grade.startsWith('八') ? '70' : '60',
        political: '03',
        workUnit: `${o.name.replace(/团支部$/, '')}学生`,
        establishment: 'outside',
      });
    } else if (isVillage) {
      // 来宾's village secretaries: average age 32, most of them Party members.
      const member = i % 3 === 0 ? this.takePerson(o.id, (p) => p.member_status === 'active' && this.age(p) >= 21 && this.age(p) <= 27) : undefined;
      secretary = await this.cadre({
        orgId: o.id,
        person: member,
        age: this.rng.int(26, 38),
        education: this.rng.pick(['20', '30', '30', '30', '40', '60']),
        political: this.rng.chance(0.85) ? '01' : '03',
        workUnit: this.rng.pick(VILLAGE_JOBS),
        establishment: 'outside',
        localResident: !(i % 37 === 5),
      });
    } else {
      const inside = ['government', 'school', 'other'].includes(o.sector);
      secretary = await this.cadre({
        orgId: o.id,
        age: this.rng.int(24, 34),
        education: this.rng.pick(['20', '20', '30', '10']),
        political: this.rng.pick(['01', '01', '03']),
        workUnit: o.name.replace(/团支部$/, '') + (o.sector === 'school' ? '教师' : '职工'),
        establishment: inside ? 'inside' : 'outside',
        civilServant: o.sector === 'government',
      });
    }
    // A few cadres are on record but not serving (在岗率).
    const offDuty = isVillage && i % 17 === 3;
    await this.post({ cadreId: secretary, orgId: o.id, title: 'secretary', employment: 'part_time', startOn: since, onDuty: !offDuty, source: start ? 'election' : 'appointment' });
    if (isVillage && i % 3 === 1) {
      for (const title of ['organization_member', 'propaganda_member'] as const) {
        const id = await this.cadre({ orgId: o.id, age: this.rng.int(20, 30), political: this.rng.pick(['01', '03', '03']), workUnit: this.rng.pick(VILLAGE_JOBS), establishment: 'outside' });
        await this.post({ cadreId: id, orgId: o.id, title, employment: 'part_time', startOn: since, onDuty: !(offDuty && title === 'propaganda_member') });
      }
    }
  }

  /* -------------------------------------------------------- elections */

  private async elections(townships: Org[]) {
    const [baini, longxi, , , aoxi] = townships;
    if (longxi) await this.completedElection(longxi);
    if (baini) await this.electionUnderWay(baini);
    if (aoxi) await this.completedSelection(aoxi);
  }

  /** 龙溪镇 elected its committee last year; one member has since moved away. */
  private async completedElection(t: Org) {
    const short = t.name.replace(/^共青团余庆县/, '').replace(/委员会$/, '');
    const seats = [
      { title: 'secretary', employment: 'part_time', seats: 1 },
      { title: 'deputy_secretary', employment: 'part_time', seats: 1 },
      { title: 'member', employment: 'part_time', seats: 3 },
    ];
    const d = (month: number, day: number) => this.date(1, month, day);
    const [e] = await query<{ id: number }>(
      this.tx,
      sql`insert into elections (org_id, kind, title, stage, status, planned_on, seats, notice_from, notice_to)
          values (${t.id}, 'election', ${`共青团余庆县${short}第十五次代表大会换届选举`}, 'approval', 'completed', ${d(3, 2)}, ${JSON.stringify(seats)}::jsonb, ${d(4, 20)}, ${addCalendarDays(d(4, 20), this.rules.cadres.publicNoticeDays - 1)})
          returning id`,
    );
    const electionId = Number(e!.id);
    const people: { title: CadreTitle; source: string; spec: Omit<CadreSpec, 'orgId'>; votes: number }[] = [
      { title: 'secretary', source: 'organization', spec: { age: 30, education: '20', political: '01', workUnit: `${short}党委委员`, establishment: 'inside', civilServant: true }, votes: 86 },
      { title: 'deputy_secretary', source: 'democratic', spec: { age: 27, education: '20', political: '01', workUnit: '西部计划志愿者', establishment: 'outside' }, votes: 80 },
      { title: 'member', source: 'organization', spec: { age: 29, education: '20', political: '01', workUnit: `${short}人民政府干部`, establishment: 'inside', civilServant: true }, votes: 77 },
      { title: 'member', source: 'democratic', spec: { age: 24, education: '30', political: '03', workUnit: '返乡创业青年', establishment: 'outside' }, votes: 71 },
      { title: 'member', source: 'self', spec: { age: 26, education: '30', political: '03', workUnit: '农村专业合作社负责人', establishment: 'outside' }, votes: 69 },
      { title: 'member', source: 'democratic', spec: { age: 31, education: '40', political: '01', workUnit: '个体工商户', establishment: 'outside' }, votes: 38 },
    ];
    const approvedOn = d(6, 18);
    let memberIndex = 0;
    await this.step(electionId, t.id, 'plan', d(3, 2), '龙溪镇团委', { seats });
    for (const p of people) {
      const id = await this.cadre({ orgId: t.id, ...p.spec });
      const won = p.votes * 2 > 92;
      const [c] = await query<{ id: number }>(
        this.tx,
        sql`insert into election_candidates (election_id, org_id, cadre_id, source, post_title, qualified, qualification_note, votes, elected)
            values (${electionId}, ${t.id}, ${id}, ${p.source}, ${p.title}, true, '符合条件', ${p.votes}, ${won}) returning id`,
      );
      await this.step(electionId, t.id, 'candidate', d(3, 20), '龙溪镇团委', { candidateId: Number(c!.id), source: p.source, postTitle: p.title });
      if (won) {
        const leftLater = p.title === 'member' && memberIndex++ === 2;
        await this.post({ cadreId: id, orgId: t.id, title: p.title, employment: 'part_time', startOn: approvedOn, source: 'election', electionId, ...(leftLater ? { endOn: this.date(0, 1, 15), endReason: '工作调动离开本镇' } : {}) });
      }
    }
    await this.step(electionId, t.id, 'recommendation', d(3, 31), '龙溪镇团委', {});
    await this.step(electionId, t.id, 'qualification', d(4, 8), '龙溪镇团委', {});
    await this.step(electionId, t.id, 'party_decision', d(4, 15), '中共龙溪镇委员会', { note: '镇党委会议研究同意' });
    await this.step(electionId, t.id, 'notice', d(4, 20), '龙溪镇团委', { noticeFrom: d(4, 20), noticeTo: addCalendarDays(d(4, 20), this.rules.cadres.publicNoticeDays - 1) });
    await this.step(electionId, t.id, 'vote', d(5, 28), '大会主席团', { entitled: 100, present: 92, ballotsIssued: 92, ballotsReturned: 92, invalidBallots: 1 });
    await this.step(electionId, t.id, 'approval', approvedOn, '共青团余庆县委员会', { note: '同意选举结果' });
    await this.term(t.id, this.date(6, 5, 20), this.termYears(t), approvedOn);
    await this.term(t.id, approvedOn, this.termYears(t), null, electionId);
  }

  /** 白泥镇's overdue election, in public notice now, with an objection waiting to be checked. */
  private async electionUnderWay(t: Org) {
    const seats = [
      { title: 'secretary', employment: 'full_time', seats: 1 },
      { title: 'deputy_secretary', employment: 'part_time', seats: 1 },
      { title: 'member', employment: 'part_time', seats: 3 },
    ];
    const noticeFrom = this.daysAgo(2);
    const noticeTo = addCalendarDays(noticeFrom, this.rules.cadres.publicNoticeDays - 1);
    const [e] = await query<{ id: number }>(
      this.tx,
      sql`insert into elections (org_id, kind, title, stage, status, planned_on, seats, notice_from, notice_to)
          values (${t.id}, 'election', '共青团余庆县白泥镇第十六次代表大会换届选举', 'notice', 'in_progress', ${this.daysAgo(40)}, ${JSON.stringify(seats)}::jsonb, ${noticeFrom}, ${noticeTo})
          returning id`,
    );
    const electionId = Number(e!.id);
    const sitting = await query<{ cadre_id: number; title: string }>(this.tx, sql`select cadre_id, title from cadre_posts where org_id = ${t.id} and end_on is null order by id`);
    const secretaryId = Number(sitting.find((s) => s.title === 'secretary')!.cadre_id);
    const deputyId = Number(sitting.find((s) => s.title === 'deputy_secretary')!.cadre_id);
    const members = sitting.filter((s) => s.title !== 'secretary' && s.title !== 'deputy_secretary').map((s) => Number(s.cadre_id));
    const fresh = async (spec: Omit<CadreSpec, 'orgId'>) => this.cadre({ orgId: t.id, ...spec });
    const list: { cadreId: number; title: CadreTitle; source: string; qualified: boolean; note: string; objection?: string }[] = [
      { cadreId: secretaryId, title: 'secretary', source: 'organization', qualified: true, note: '符合条件' },
      { cadreId: deputyId, title: 'deputy_secretary', source: 'democratic', qualified: true, note: '符合条件' },
      { cadreId: members[0]!, title: 'member', source: 'organization', qualified: true, note: '符合条件' },
      { cadreId: await fresh({ age: 26, education: '20', political: '03', workUnit: '白泥镇电子商务服务站站长', establishment: 'outside' }), title: 'member', source: 'democratic', qualified: true, note: '符合条件', objection: '反映其经营的网店存在拖欠货款情况' },
      { cadreId: await fresh({ age: 24, education: '30', political: '03', workUnit: '返乡大学生', establishment: 'outside' }), title: 'member', source: 'self', qualified: true, note: '符合条件' },
      { cadreId: await fresh({ age: 29, education: '20', political: '01', workUnit: '白泥镇中心学校教师', establishment: 'inside' }), title: 'member', source: 'democratic', qualified: true, note: '符合条件' },
      { cadreId: await fresh({ age: 41, education: '30', political: '01', workUnit: '种养殖大户', establishment: 'outside' }), title: 'member', source: 'organization', qualified: false, note: '年龄41周岁，超过团干部年龄上限' },
    ];
    await this.step(electionId, t.id, 'plan', this.daysAgo(40), '白泥镇团委', { seats });
    for (const c of list) {
      const [row] = await query<{ id: number }>(
        this.tx,
        sql`insert into election_candidates (election_id, org_id, cadre_id, source, post_title, qualified, qualification_note, objection)
            values (${electionId}, ${t.id}, ${c.cadreId}, ${c.source}, ${c.title}, ${c.qualified}, ${c.note}, ${c.objection ?? null}) returning id`,
      );
      const candidateId = Number(row!.id);
      await this.step(electionId, t.id, 'candidate', this.daysAgo(35), '白泥镇团委', { candidateId, source: c.source, postTitle: c.title });
      await this.step(electionId, t.id, 'qualification_decision', this.daysAgo(20), '白泥镇团委', { candidateId, qualified: c.qualified, note: c.note });
      if (c.objection) await this.step(electionId, t.id, 'objection', this.daysAgo(1), '白泥镇团委', { candidateId, text: c.objection });
    }
    await this.step(electionId, t.id, 'recommendation', this.daysAgo(25), '白泥镇团委', {});
    await this.step(electionId, t.id, 'qualification', this.daysAgo(18), '白泥镇团委', {});
    await this.step(electionId, t.id, 'party_decision', this.daysAgo(10), '中共白泥镇委员会', { note: '镇党委会议研究同意' });
    await this.step(electionId, t.id, 'notice', noticeFrom, '白泥镇团委', { noticeFrom, noticeTo, days: this.rules.cadres.publicNoticeDays });
  }

  /** 敖溪镇 selected an additional part-time member outside elections (选配). */
  private async completedSelection(t: Org) {
    const seats = [{ title: 'member', employment: 'part_time', seats: 1 }];
    const d = (days: number) => this.daysAgo(days);
    const [e] = await query<{ id: number }>(
      this.tx,
      sql`insert into elections (org_id, kind, title, stage, status, planned_on, seats, notice_from, notice_to)
          values (${t.id}, 'selection', '敖溪镇团委兼职委员选配', 'approval', 'completed', ${d(120)}, ${JSON.stringify(seats)}::jsonb, ${d(70)}, ${addCalendarDays(d(70), this.rules.cadres.publicNoticeDays - 1)})
          returning id`,
    );
    const electionId = Number(e!.id);
    const chosen = await this.cadre({ orgId: t.id, age: 27, education: '20', political: '03', workUnit: '敖溪镇非公企业联合会青年代表', establishment: 'outside' });
    const other = await this.cadre({ orgId: t.id, age: 30, education: '30', political: '13', workUnit: '个体工商户', establishment: 'outside' });
    const candidateIds: number[] = [];
    for (const [cadreId, source, qualified, note] of [
      [chosen, 'self', true, '符合条件'],
      [other, 'democratic', false, '政治面貌为群众，不符合团干部人选条件'],
    ] as const) {
      const [row] = await query<{ id: number }>(
        this.tx,
        sql`insert into election_candidates (election_id, org_id, cadre_id, source, post_title, qualified, qualification_note)
          values (${electionId}, ${t.id}, ${cadreId}, ${source}, 'member', ${qualified}, ${note}) returning id`,
      );
      candidateIds.push(Number(row!.id));
    }
    // 考试考察 (rules.cadres.selectionAssessments) of the one standing candidate, as the step route stores it.
    const components = selectionAssessments(this.rules);
    const [{ name }] = (await query<{ name: string }>(this.tx, sql`select name from cadres where id = ${chosen}`)) as [{ name: string }];
    const record = { written: 84, interview: 88, speech: 86, inspection: '优秀' as const, inspectionNote: '群众基础好，熟悉非公企业青年工作' };
    const assessment = {
      components: components.map((k) => ASSESSMENT_COMPONENT_LABELS[k]),
      records: [{ candidateId: candidateIds[0], name, ...record, total: assessmentTotal(record, components) }],
    };
    const steps = [['plan', 120], ['recommendation', 100], ['qualification', 90], ...(components.length ? [['assessment', 85] as const] : []), ['party_decision', 80], ['notice', 70], ['approval', 60]] as const;
    for (const [step, days] of steps) {
      const data = step === 'notice' ? { noticeFrom: d(70) } : step === 'assessment' ? assessment : {};
      await this.step(electionId, t.id, step, d(days), step === 'approval' ? '共青团余庆县委员会' : '敖溪镇团委', data);
    }
    await this.post({ cadreId: chosen, orgId: t.id, title: 'member', employment: 'part_time', startOn: d(60), source: 'selection', electionId });
  }

  /* -------------------------------------------------------- appraisal */

  private async appraisals(county: Org, townships: Org[]) {
    const weights = appraisalWeights(this.rules)!;
    // Last year's 述职评议 of township and village/community secretaries.
    const targets = await query<{ cadre_id: number; org_id: number }>(
      this.tx,
      sql`select distinct p.cadre_id, c.org_id from cadre_posts p join organizations o on o.id = p.org_id join cadres c on c.id = p.cadre_id
           where p.title = 'secretary' and p.end_on is null and p.start_on < ${`${this.year}-01-01`}::date
             and (o.type in ('township', 'subdistrict') or o.sector in ('village', 'community'))
           order by p.cadre_id`,
    );
    const [closed] = await query<{ id: number }>(
      this.tx,
      sql`insert into appraisal_campaigns (org_id, title, kind, year, weights, status)
          values (${county.id}, ${`${this.year - 1}年度团组织书记述职评议`}, 'report', ${this.year - 1}, ${JSON.stringify(weights)}::jsonb, 'closed') returning id`,
    );
    const scored = targets.map((t, i) => {
      const weak = i % 29 === 11;
      const inner = weak ? this.rng.int(48, 58) : this.rng.int(72, 98);
      const party = weak ? this.rng.int(50, 60) : this.rng.int(70, 97);
      const youth = weak ? this.rng.int(45, 60) : this.rng.int(66, 98);
      return { ...t, inner, party, youth, total: weightedTotal({ inner, party, youth }, weights)! };
    });
    for (const r of rankAndGrade(scored)) {
      await this.tx.execute(sql`insert into appraisal_scores (campaign_id, org_id, cadre_id, inner_score, party_score, youth_score, total, grade, rank)
        values (${closed!.id}, ${r.item.org_id}, ${r.item.cadre_id}, ${r.item.inner}, ${r.item.party}, ${r.item.youth}, ${Math.round(r.total)}, ${r.grade}, ${r.rank})`);
    }
    // This year's 平时考核 of the county committee, under way.
    const [open] = await query<{ id: number }>(
      this.tx,
      sql`insert into appraisal_campaigns (org_id, title, kind, year, weights, status)
          values (${county.id}, ${`${this.year}年团县委机关干部平时考核`}, 'routine', ${this.year}, ${JSON.stringify(weights)}::jsonb, 'open') returning id`,
    );
    const staff = await query<{ cadre_id: number; org_id: number }>(
      this.tx,
      sql`select distinct p.cadre_id, c.org_id from cadre_posts p join cadres c on c.id = p.cadre_id where p.org_id = ${county.id} and p.end_on is null order by p.cadre_id`,
    );
    for (const [i, s] of staff.entries()) {
      const done = i % 3 !== 2;
      await this.tx.execute(sql`insert into appraisal_scores (campaign_id, org_id, cadre_id, inner_score, party_score, youth_score)
        values (${open!.id}, ${s.org_id}, ${s.cadre_id}, ${done ? this.rng.int(80, 96) : null}, ${done ? this.rng.int(78, 95) : null}, ${done ? this.rng.int(75, 95) : null})`);
    }
    void townships;
  }

  /* --------------------------------------------------------- training */

  private async course(orgId: number, title: string, kind: string, startOn: string, days: number, hours: number, cadreIds: number[]) {
    const last = addCalendarDays(startOn, days - 1);
    const endOn = last > this.today ? this.today : last;
    const [t] = await query<{ id: number }>(
      this.tx,
      sql`insert into trainings (org_id, title, kind, start_on, end_on, hours) values (${orgId}, ${title}, ${kind}, ${startOn}, ${endOn}, ${hours}) returning id`,
    );
    for (const id of cadreIds) {
      await this.tx.execute(sql`insert into training_attendance (training_id, org_id, cadre_id, hours, created_at)
        values (${t!.id}, ${this.cadreOrg.get(id)!}, ${id}, ${hours}, ${`${endOn}T18:00:00+08:00`}::timestamptz) on conflict do nothing`);
    }
  }

  private async trainings(county: Org, townships: Org[]) {
    const holders = await query<{ cadre_id: number; org_id: number; title: string; type: string; sector: string; path: string }>(
      this.tx,
      sql`select p.cadre_id, p.org_id, p.title, o.type, o.sector, o.path::text as path from cadre_posts p join organizations o on o.id = p.org_id
           where p.end_on is null and p.on_duty order by p.id`,
    );
    const pick = (f: (h: (typeof holders)[number], i: number) => boolean) => [...new Set(holders.filter(f).map((h) => Number(h.cadre_id)))];
    const thisYear = (month: number, day: number) => this.date(0, month, day);
    await this.course(county.id, `${this.year}年度全县“青马工程”基层团干部培训班`, 'qingma', thisYear(3, 16), 3, 24,
      pick((h) => h.type === 'township' || h.type === 'subdistrict' || (h.type === 'county' && h.title !== 'secretary')));
    await this.course(county.id, `${this.year}年度团干部“岗位大练兵、能力大提升”`, 'practice', thisYear(4, 22), 1, 8,
      pick((h, i) => (h.sector === 'village' || h.sector === 'community') && i % 10 < 7));
    await this.course(county.id, `${this.year - 1}年度基础团务培训`, 'basic', this.date(1, 10, 12), 2, 12,
      pick((h, i) => h.type === 'branch' && i % 10 < 8));
    await this.course(county.id, `${this.year}年学校团干部基础团务培训`, 'basic', thisYear(9, 26), 2, 12,
      pick((h, i) => (h.sector === 'school' || h.type === 'general_branch' || h.type === 'unit_committee') && i % 9 !== 4));
    for (const t of townships.filter((_, i) => i === 0 || i === 1 || i === 4)) {
      const short = t.name.replace(/^共青团余庆县/, '').replace(/委员会$/, '');
      await this.course(t.id, `${short}${this.year}年团支部书记培训班`, 'township', thisYear(5, 9), 1, 4,
        pick((h, i) => h.path.startsWith(`${t.path}.`) && h.type === 'branch' && i % 4 !== 0));
    }
  }

  /* --------------------------------------------------------- reserve */

  private async reserve() {
    const villages = this.orgs.filter((o) => o.type === 'branch' && (o.sector === 'village' || o.sector === 'community'));
    let n = 0;
    for (const [i, o] of villages.entries()) {
      if (i % 5 === 4) continue;
      const picks = (this.people.get(o.id) ?? []).filter((p) => {
        const a = this.age(p);
        return a >= 20 && a <= 35 && (i % 3 !== 0 || p.member_status === 'active');
      });
      for (const p of picks.slice(0, 1 + (i % 2))) {
        await this.tx.execute(sql`insert into reserve_talents (org_id, person_id, recommended_by, reason, recommended_on, status)
          values (${o.id}, ${p.id}, ${this.rng.pick(RECOMMENDERS)}, ${this.rng.pick(REASONS)}, ${this.date(1, 8 + (n % 4), 5 + (n % 20))}, ${n % 19 === 7 ? 'appointed' : 'active'})`);
        n++;
      }
    }
    // Three current village secretaries are in the pool too (来宾: 现职村(社区)团干部3人).
    const linked = await query<{ person_id: number; org_id: number }>(
      this.tx,
      sql`select distinct c.person_id, p.org_id from cadres c join cadre_posts p on p.cadre_id = c.id join organizations o on o.id = p.org_id
           where c.person_id is not null and p.end_on is null and o.sector in ('village', 'community')
             and not exists (select 1 from reserve_talents r where r.person_id = c.person_id)
           order by c.person_id limit 3`,
    );
    for (const l of linked) {
      await this.tx.execute(sql`insert into reserve_talents (org_id, person_id, recommended_by, reason, recommended_on)
        values (${l.org_id}, ${l.person_id}, '镇党委组织办', '现任村（社区）团支部书记，工作实绩突出', ${this.date(1, 9, 1)})`);
    }
  }

  /* --------------------------------------------------------- liaisons */

  private async liaisons(county: Org, townships: Org[]) {
    const branches = this.orgs.filter((o) => o.type === 'branch' && (o.sector === 'village' || o.sector === 'community'));
    let cursor = 0;
    const contactLog = async (liaisonId: number, orgId: number, since: string, count: number) => {
      for (let k = 0; k < count; k++) {
        let on = this.daysAgo(20 + ((liaisonId * 37 + k * 71) % 300));
        if (on < since) on = since;
        await this.tx.execute(sql`insert into liaison_contacts (liaison_id, org_id, contacted_on, method, content)
          values (${liaisonId}, ${orgId}, ${on}, ${this.rng.pick(['visit', 'meeting', 'phone', 'online'])}, ${this.rng.pick(CONTACT_TOPICS)})`);
      }
    };
    const link = async (cadreId: number, role: 'deputy' | 'committee_member', target: { orgId: number; personId?: number }, since: string, contacts: number) => {
      const [l] = await query<{ id: number }>(
        this.tx,
        sql`insert into liaisons (org_id, cadre_id, role, target_org_id, target_person_id, since)
            values (${target.orgId}, ${cadreId}, ${role}, ${target.personId ? null : target.orgId}, ${target.personId ?? null}, ${since}) returning id`,
      );
      await contactLog(Number(l!.id), target.orgId, since, contacts);
    };
    // County committee members each contact a few village/community branches.
    const countyMembers = await query<{ cadre_id: number }>(
      this.tx,
      sql`select distinct cadre_id from cadre_posts where org_id = ${county.id} and end_on is null and title <> 'secretary' order by cadre_id`,
    );
    for (const m of countyMembers) {
      for (let k = 0; k < 3 && cursor < branches.length; k++, cursor += 2) {
        await link(Number(m.cadre_id), 'committee_member', { orgId: branches[cursor]!.id }, this.date(1, 3, 1), 1 + (cursor % 3));
      }
    }
    // Township committee members contact branches of their own township.
    for (const t of townships) {
      const own = branches.filter((b) => b.path.startsWith(`${t.path}.`));
      const members = await query<{ cadre_id: number }>(
        this.tx,
        sql`select distinct cadre_id from cadre_posts where org_id = ${t.id} and end_on is null and title in ('member', 'organization_member', 'propaganda_member') order by cadre_id`,
      );
      for (const [k, m] of members.entries()) {
        const b = own[(k * 2 + 1) % Math.max(1, own.length)];
        if (b) await link(Number(m.cadre_id), 'committee_member', { orgId: b.id }, this.date(1, 6, 1), k % 4);
      }
      // Deputies to the county congress (团代表) contact young people of the township.
      const youth = own.flatMap((b) => (this.people.get(b.id) ?? []).filter((p) => this.age(p) >= 18 && this.age(p) <= 35).slice(0, 2));
      const deputy = await this.cadre({ orgId: t.id, age: this.rng.int(22, 32), political: this.rng.pick(['01', '03']), workUnit: `县第十八次团代会代表（${this.rng.pick(VILLAGE_JOBS)}）`, establishment: 'outside' });
      for (const p of youth.slice(0, 3)) await link(deputy, 'deputy', { orgId: p.org_id, personId: p.id }, this.date(1, 5, 4), 1 + (p.id % 2));
    }
  }
}
