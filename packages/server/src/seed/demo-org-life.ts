import { sql } from 'drizzle-orm';
import {
  DEFAULT_RULES,
  calendarPeriodOf,
  calendarPeriodsBetween,
  honorNoticeNote,
  honorNoticePeriod,
  idCardCheckChar,
  makeTrackingCode,
  meetingRequirements,
  shiftDays,
  type ActivityType,
  type AidProgram,
  type AppealCategory,
  type HonorType,
  type MeetingKind,
  type VenueKind,
} from '@tuanjian/domain';
import type { Tx } from '../db/connection.js';
import { query } from '../db/sql.js';
import { attachmentStore } from '../modules/org-life/storage.js';
import { Rng, chineseName, mobilePhone } from './random.js';

/**
 * A year of organizational life and youth work for the demo county, shaped on
 * the seeds: 三会两制一课 and 主题团日 in every branch at the configured
 * frequencies (some branches behind, a few far behind; the demo branch
 * secretary's branch has this month's meetings still to hold), 青年之家 and
 * other venues (some idle, some short of the standard), activities, volunteer
 * teams with volunteers (about 73% aged 35 and under, as 贺州 reports) and
 * service hours, 青年大学习 rounds with each branch's participation,
 * 希望工程 / 圆梦大学 / 春晖行动 / 关爱农民工子女 projects with beneficiaries
 * (余庆's 6.713万元 for 135 students), last year's 两红两优 awarded and this
 * year's campaigns under way, and 青年之声 appeals in every state.
 *
 * Deterministic (Rng); works on an already seeded county with its people.
 * Does nothing when org-life records already exist.
 */
export async function seedOrgLifeDemo(tx: Tx, opts: { today: string; year: number }): Promise<void> {
  const [existing] = await query<{ n: number }>(tx, sql`select count(*)::int as n from meetings`);
  if (existing!.n > 0) return;
  const rng = new Rng(20_260_504);
  const ctx = await loadCounty(tx, opts);
  const meetingIds = await seedMeetings(tx, rng, ctx);
  const venueIds = await seedVenues(tx, rng, ctx);
  const activityIds = await seedActivities(tx, rng, ctx, venueIds);
  await seedAttachments(tx, rng, meetingIds, activityIds, venueIds);
  await seedVolunteers(tx, rng, ctx);
  await seedStudy(tx, rng, ctx);
  await seedAid(tx, rng, ctx);
  await seedHonors(tx, rng, ctx);
  await seedAppeals(tx, rng, ctx);
}

interface Org {
  id: number;
  name: string;
  type: string;
  sector: string;
  parent_id: number | null;
  path: string;
  founded_on: string | null;
}

interface County {
  today: string;
  year: number;
  county: Org;
  townships: Org[];
  branches: Org[];
  members: Map<number, number[]>;
  secretaryBranch: number | null;
  townshipOf: (orgPath: string) => Org | undefined;
}

async function loadCounty(tx: Tx, opts: { today: string; year: number }): Promise<County> {
  const orgs = (await query<Org>(
    tx,
    sql`select id, name, type, sector, parent_id, path::text as path, founded_on::text as founded_on from organizations where status = 'active' order by path`,
  )).map((o) => ({ ...o, id: Number(o.id), parent_id: o.parent_id === null ? null : Number(o.parent_id) }));
  const county = orgs.find((o) => o.type === 'county') ?? orgs[0]!;
  const townships = orgs.filter((o) => o.type === 'township' || o.type === 'subdistrict');
  const branches = orgs.filter((o) => o.type === 'branch' || o.type === 'joint_branch');
  const members = new Map<number, number[]>();
  for (const p of await query<{ id: number; org_id: number }>(tx, sql`select id, org_id from people where member_status = 'active' order by id`)) {
    const list = members.get(Number(p.org_id)) ?? [];
    list.push(Number(p.id));
    members.set(Number(p.org_id), list);
  }
  const [account] = await query<{ scope_org_id: number }>(tx, sql`select scope_org_id from accounts where username = 'branch_secretary'`);
  const baini = townships.find((t) => t.name.includes('白泥镇'));
  const secretaryBranch = account
    ? Number(account.scope_org_id)
    : (branches.filter((b) => b.parent_id === baini?.id && b.sector === 'village').sort((a, b) => a.id - b.id)[0]?.id ?? null);
  return {
    ...opts,
    county,
    townships,
    branches,
    members,
    secretaryBranch,
    townshipOf: (orgPath) => townships.find((t) => orgPath === t.path || orgPath.startsWith(`${t.path}.`)),
  };
}

const day = (date: string, offset: number) => shiftDays(date, offset);
const pad = (n: number) => String(n).padStart(2, '0');

async function insertMany(tx: Tx, head: ReturnType<typeof sql>, rows: ReturnType<typeof sql>[], returning = false): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const res = await query<{ id: number }>(tx, sql`${head} values ${sql.join(chunk, sql`, `)} ${returning ? sql`returning id` : sql``}`);
    ids.push(...res.map((r) => Number(r.id)));
  }
  return ids;
}

/* ------------------------------------------------------------------ meetings */

const TOPICS: Record<MeetingKind, string[]> = {
  general_meeting: ['学习贯彻团的代表大会精神', '团员教育评议', '推荐优秀团员作团员发展对象', '年度工作总结与计划', '民主评议团员'],
  committee_meeting: ['研究本月支部工作', '讨论团员发展对象', '部署主题团日活动', '研究团籍注册工作', '研究推优入党人选'],
  group_meeting: ['学习团章', '交流学习心得', '开展批评与自我批评', '讨论志愿服务安排'],
  lecture: ['团史学习', '“学习二十大 永远跟党走 奋进新征程”专题团课', '团章学习', '党史学习教育', '微型团课：青春心向党'],
  theme_day: ['学习二十大 永远跟党走 奋进新征程', '红色研学：走进红色教育基地', '青春志愿行 奉献新时代', '离队入团仪式', '重温入团誓词', '缅怀革命先烈', '青春向党 奋斗强国', '国家安全知识学习', '乡村振兴青年行'],
  oath_ceremony: ['新团员入团仪式'],
};
const PLACES = ['村委会会议室', '团支部活动室', '党群服务中心', '青年之家', '学校会议室', '新时代文明实践站'];

/** Who attended a meeting on a day: a fixed formula, the same in SQL (attendance rows) and here (the counts). */
const EPOCH = Date.parse('2000-01-01T00:00:00Z');
const isPresent = (heldOn: string, personId: number) => (((Date.parse(`${heldOn}T00:00:00Z`) - EPOCH) / 86_400_000) * 7919 + personId * 104729) % 100 < 86;
const presentSql = sql`(((m.held_on - date '2000-01-01') * 7919 + p.id * 104729) % 100) < 86`;

async function seedMeetings(tx: Tx, rng: Rng, c: County): Promise<number[]> {
  const from = calendarPeriodOf(day(c.today, -334), 'month').start;
  const rows: ReturnType<typeof sql>[] = [];
  for (const b of c.branches) {
    // Most branches keep up; some fall behind now and then; a few hardly meet.
    const profile = b.id === c.secretaryBranch ? 'diligent' : rng.chance(0.08) ? 'lagging' : rng.chance(0.2) ? 'partial' : 'diligent';
    const skip = profile === 'diligent' ? 0 : profile === 'partial' ? 0.25 : 0.7;
    const members = c.members.get(b.id)?.length ?? 0;
    for (const req of meetingRequirements(DEFAULT_RULES)) {
      for (const p of calendarPeriodsBetween(from, c.today, req.cadence)) {
        for (let i = 0; i < req.times; i++) {
          const span = Math.max(0, Math.round((Date.parse(p.end) - Date.parse(p.start)) / 86_400_000));
          const date = day(p.start, rng.int(Math.min(3, span), span));
          const topic = rng.pick(TOPICS[req.kind]);
          const isCurrent = p.end >= c.today;
          // The demo secretary still has this month's committee meeting and theme day to hold.
          const secretaryPending = b.id === c.secretaryBranch && isCurrent && (req.kind === 'theme_day' || req.kind === 'committee_meeting');
          if (date > c.today || secretaryPending) {
            if (profile !== 'lagging' && !(secretaryPending && req.kind === 'committee_meeting')) {
              const planned = date > c.today ? date : p.end;
              rows.push(sql`(${b.id}, ${req.kind}, ${topic}, ${planned}, null, ${rng.pick(PLACES)}, ${`会议方案：${topic}。`}, null, 'planned', null, null)`);
            }
            continue;
          }
          if (rng.chance(skip)) continue;
          const list = c.members.get(b.id) ?? [];
          const small = req.kind === 'committee_meeting' || req.kind === 'group_meeting';
          const expected = small ? Math.min(members, rng.int(3, 5)) : members;
          const present = small ? expected : list.filter((pid) => isPresent(date, pid)).length;
          const minutes = `会议由支部书记主持，围绕“${topic}”进行了学习和讨论，与会团员交流发言，会议形成了下一步工作安排。`;
          rows.push(sql`(${b.id}, ${req.kind}, ${topic}, ${day(date, -rng.int(3, 10))}, ${date}, ${rng.pick(PLACES)}, ${`会议方案：${topic}。`}, ${minutes}, 'held', ${expected}, ${present})`);
        }
      }
    }
    // Oath ceremonies where members joined this year.
    if (members > 0 && rng.chance(0.15)) {
      const date = day(c.today, -rng.int(20, 200));
      const present = (c.members.get(b.id) ?? []).filter((pid) => isPresent(date, pid)).length;
      rows.push(sql`(${b.id}, 'oath_ceremony', '新团员入团仪式', ${day(date, -7)}, ${date}, ${rng.pick(PLACES)}, '会议方案：组织新团员宣誓。', ${'新团员面向团旗庄严宣誓，老团员代表寄语，支部书记讲话。'}, 'held', ${members}, ${present})`);
    }
  }
  const ids = await insertMany(tx, sql`insert into meetings (org_id, kind, topic, planned_on, held_on, place, plan, minutes, status, expected, present)`, rows, true);
  // A year of attendance is some 200,000 rows at full scale; one audit row each would triple the start-up time of a demo
  // installation, so the demo's attendance rows are written without them (the meetings themselves are audited).
  await tx.execute(sql`alter table meeting_attendance disable trigger meeting_attendance_audit`);
  // Attendance from each branch's member list: everyone is expected at general meetings, lectures, theme days and oath
  // ceremonies (about 86% present, by a fixed formula also used for the counts above); committees and groups: the first few.
  await tx.execute(sql`
    insert into meeting_attendance (meeting_id, org_id, person_id, present, absence_reason)
    select m.id, m.org_id, p.id, ${presentSql},
           case when ${presentSql} then null when ((m.id + p.id) % 3) = 0 then '外出务工' else '请假' end
      from meetings m join people p on p.org_id = m.org_id and p.member_status = 'active'
     where m.status = 'held' and m.kind in ('general_meeting', 'lecture', 'theme_day', 'oath_ceremony')`);
  await tx.execute(sql`
    insert into meeting_attendance (meeting_id, org_id, person_id, present, absence_reason)
    select m.id, m.org_id, p.id, true, null
      from meetings m
      join lateral (select id from people x where x.org_id = m.org_id and x.member_status = 'active' order by x.id limit m.expected) p on true
     where m.status = 'held' and m.kind in ('committee_meeting', 'group_meeting')`);
  await tx.execute(sql`alter table meeting_attendance enable trigger meeting_attendance_audit`);
  return ids;
}

/* -------------------------------------------------------- venues, activities */

interface VenuePlan {
  orgId: number;
  kind: VenueKind;
  name: string;
  idle: boolean;
}

const EVIDENCE = {
  site: ['依托镇党群服务中心二楼，面积120平方米', '依托社区新时代文明实践站，面积80平方米', '县青少年活动中心一楼，面积300平方米'],
  rules: ['制定《青年之家管理制度》《开放服务制度》，上墙公示', '建立活动登记、值班管理和安全管理制度'],
  staff: ['专职管理员1名、志愿者12名轮值', '由团委兼职副书记负责，青年志愿者服务队日常运营'],
};

async function seedVenues(tx: Tx, rng: Rng, c: County): Promise<(VenuePlan & { id: number })[]> {
  const short = c.county.name.replace(/^共青团/, '').replace(/委员会$/, '');
  const plans: (VenuePlan & { registered: string; checks: [boolean, boolean, boolean]; address: string })[] = [];
  c.townships.forEach((t, i) => {
    const town = t.name.replace(/^共青团.*?县/, '').replace(/委员会$/, '');
    const checks: [boolean, boolean, boolean] = i % 4 === 3 ? [true, true, false] : i % 5 === 4 ? [true, false, false] : [true, true, true];
    plans.push({ orgId: t.id, kind: 'youth_home', name: `${town}青年之家`, idle: i === 2 || i === 6, registered: day(c.today, -rng.int(400, 900)), checks, address: `${short}${town}党群服务中心` });
  });
  const county = c.county.id;
  plans.push(
    { orgId: county, kind: 'youth_space', name: `${short}易地扶贫搬迁安置点青空间`, idle: false, registered: day(c.today, -500), checks: [true, true, true], address: `${short}城区安置小区` },
    { orgId: county, kind: 'youth_space', name: `${short}新华书店青空间`, idle: true, registered: day(c.today, -300), checks: [true, false, true], address: `${short}新华书店三楼` },
    { orgId: county, kind: 'youth_station', name: `${short}青年驿站`, idle: false, registered: day(c.today, -450), checks: [true, true, true], address: `${short}高铁站旁` },
    { orgId: county, kind: 'youth_street', name: `${short}青年街区`, idle: false, registered: day(c.today, -200), checks: [true, true, false], address: `${short}城关镇步行街` },
    { orgId: county, kind: 'pioneer_base', name: `${short}红色教育少先队校外实践基地`, idle: true, registered: day(c.today, -150), checks: [true, true, true], address: `${short}烈士陵园` },
  );
  const out: (VenuePlan & { id: number })[] = [];
  for (const p of plans) {
    const evidence: Record<string, string> = {};
    if (p.checks[0]) evidence.site = rng.pick(EVIDENCE.site);
    if (p.checks[1]) evidence.rules = rng.pick(EVIDENCE.rules);
    if (p.checks[2]) evidence.staff = rng.pick(EVIDENCE.staff);
    const [row] = await query<{ id: number }>(
      tx,
      sql`insert into venues (org_id, kind, name, address, operator, opening_hours, has_site, has_rules, has_staff, evidence, status, created_at)
          values (${p.orgId}, ${p.kind}, ${p.name}, ${p.address}, ${p.orgId === county ? '团县委' : '乡镇团委'}, '周二至周日 9:00—17:30',
                  ${p.checks[0]}, ${p.checks[1]}, ${p.checks[2]}, ${JSON.stringify(evidence)}::jsonb, 'active', ${`${p.registered}T02:00:00Z`})
          returning id`,
    );
    out.push({ orgId: p.orgId, kind: p.kind, name: p.name, idle: p.idle, id: Number(row!.id) });
  }
  return out;
}

const THEMES: [ActivityType, string][] = [
  ['theme_education', '学习二十大 永远跟党走 奋进新征程'],
  ['theme_education', '青春心向党 建功新时代'],
  ['study_lecture', '青年讲师团宣讲'],
  ['study_lecture', '“党的二十大精神”进基层宣讲'],
  ['volunteer_service', '七彩假期'],
  ['volunteer_service', '防火巡逻、义务送水'],
  ['volunteer_service', '文明劝导、整脏治乱'],
  ['social_practice', '“三下乡”社会实践'],
  ['red_study_tour', '红色研学'],
  ['culture_sports', '青年篮球友谊赛'],
  ['employment', '青年就业创业培训'],
  ['employment', '青年创业带头人交流会'],
  ['friendship', '青年交友联谊'],
  ['rights_safety', '青春自护'],
  ['rights_safety', '禁毒宣传进校园'],
];

async function seedActivities(tx: Tx, rng: Rng, c: County, venues: (VenuePlan & { id: number })[]): Promise<number[]> {
  const rows: ReturnType<typeof sql>[] = [];
  const participants: { index: number; orgId: number; people: number[] }[] = [];
  const add = (orgId: number, venue: (VenuePlan & { id: number }) | null, date: string, names: number[]) => {
    const [type, theme] = rng.pick(THEMES);
    const members = Math.max(names.length, rng.int(8, 40));
    participants.push({ index: rows.length, orgId, people: names });
    rows.push(sql`(${orgId}, ${venue?.id ?? null}, ${type}, ${theme}, ${date}, ${venue?.name ?? rng.pick(PLACES)}, ${venue ? '阵地运营团队' : '团组织'}, ${members}, ${rng.int(5, 60)},
      ${`${theme}活动，参加团员青年踊跃。`})`);
  };
  // Venue activities: idle venues have had none for months.
  for (const v of venues) {
    const n = v.idle ? rng.int(1, 3) : rng.int(10, 24);
    for (let i = 0; i < n; i++) add(v.orgId, v, day(c.today, v.idle ? -rng.int(130, 330) : -rng.int(1, 330)), []);
  }
  // Township and branch activities without a venue, some with named members.
  for (const t of c.townships) for (let i = 0; i < rng.int(6, 12); i++) add(t.id, null, day(c.today, -rng.int(1, 330)), []);
  for (const b of c.branches) {
    if (!rng.chance(0.35)) continue;
    const members = c.members.get(b.id) ?? [];
    for (let i = 0; i < rng.int(1, 3); i++) add(b.id, null, day(c.today, -rng.int(1, 330)), members.slice(0, rng.int(0, Math.min(6, members.length))));
  }
  // The demo login's own branch has a full year: an activity about every six weeks, with its members named
  // (chosen without the shared random sequence, so that the rest of the demo stays as it was).
  if (c.secretaryBranch !== null) {
    const own = c.members.get(c.secretaryBranch) ?? [];
    for (let k = 0; k < 7; k++) {
      const [type, theme] = THEMES[(k * 5 + 2) % THEMES.length]!;
      const date = day(c.today, -(12 + k * 45));
      const names = own.slice(k % 3, k % 3 + Math.min(own.length, 5 + (k % 4)));
      participants.push({ index: rows.length, orgId: c.secretaryBranch, people: names });
      rows.push(sql`(${c.secretaryBranch}, ${null}, ${type}, ${theme}, ${date}, ${PLACES[k % PLACES.length]!}, ${'团组织'}, ${Math.max(names.length, 8 + k * 2)}, ${12 + k * 3},
        ${`${theme}活动，参加团员青年踊跃。`})`);
    }
  }
  const ids = await insertMany(tx, sql`insert into activities (org_id, venue_id, type, theme, held_on, place, organizer, member_count, youth_count, description)`, rows, true);
  const links = participants.flatMap((p) => p.people.map((pid) => sql`(${ids[p.index]!}, ${p.orgId}, ${pid})`));
  if (links.length) await insertMany(tx, sql`insert into activity_participants (activity_id, org_id, person_id)`, links);
  return ids;
}

/** A 1×1 PNG and a one-page PDF: the demo's meeting photos and sign-in sheets. */
const DEMO_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function seedAttachments(tx: Tx, rng: Rng, meetings: number[], activities: number[], venues: { id: number; orgId: number }[]) {
  const store = attachmentStore();
  const png = await store.put(DEMO_PNG);
  const pdf = await store.put(DEMO_PDF);
  const held = await query<{ id: number; org_id: number }>(
    tx,
    sql`select id, org_id from meetings where status = 'held' and kind in ('theme_day', 'general_meeting') and id = any(${sql.param(meetings)}::bigint[]) order by id`,
  );
  const rows: ReturnType<typeof sql>[] = [];
  for (const m of held) {
    if (!rng.chance(0.6)) continue;
    rows.push(sql`(${m.org_id}, 'meeting', ${m.id}, '活动照片.png', 'image/png', ${DEMO_PNG.length}, ${png.sha256}, ${png.key})`);
    if (rng.chance(0.5)) rows.push(sql`(${m.org_id}, 'meeting', ${m.id}, '签到表.pdf', 'application/pdf', ${DEMO_PDF.length}, ${pdf.sha256}, ${pdf.key})`);
  }
  const acts = await query<{ id: number; org_id: number }>(tx, sql`select id, org_id from activities where id = any(${sql.param(activities)}::bigint[]) order by id`);
  for (const a of acts) if (rng.chance(0.3)) rows.push(sql`(${a.org_id}, 'activity', ${a.id}, '活动照片.png', 'image/png', ${DEMO_PNG.length}, ${png.sha256}, ${png.key})`);
  for (const v of venues) rows.push(sql`(${v.orgId}, 'venue', ${v.id}, '管理制度.pdf', 'application/pdf', ${DEMO_PDF.length}, ${pdf.sha256}, ${pdf.key})`);
  await insertMany(tx, sql`insert into attachments (org_id, owner_type, owner_id, file_name, mime_type, size, sha256, storage_key)`, rows);
}

/* ---------------------------------------------------------------- volunteers */

async function seedVolunteers(tx: Tx, rng: Rng, c: County) {
  const short = c.county.name.replace(/^共青团/, '').replace(/委员会$/, '');
  const teams: { id: number; orgId: number; path: string }[] = [];
  const addTeam = async (org: Org, name: string) => {
    const [row] = await query<{ id: number }>(
      tx,
      sql`insert into volunteer_teams (org_id, name, founded_on, leader) values (${org.id}, ${name}, ${day(c.today, -rng.int(400, 2500))}, ${chineseName(rng)}) returning id`,
    );
    teams.push({ id: Number(row!.id), orgId: org.id, path: org.path });
  };
  await addTeam(c.county, `${short}青年志愿者协会服务队`);
  const college = c.branches.find((b) => b.name.includes('大学生志愿者联盟'));
  if (college) await addTeam(college, `${short}大学生志愿者联盟服务队`);
  for (const t of c.townships) {
    const town = t.name.replace(/^共青团.*?县/, '').replace(/委员会$/, '');
    await addTeam(t, `${town}青年志愿者服务队`);
    if (town === '松烟镇') {
      await addTeam(t, '松烟镇青年文艺志愿者服务队');
      await addTeam(t, '松烟镇青年礼仪志愿服务队');
    }
  }
  const teamFor = (path: string) => {
    const mine = teams.filter((t) => path === t.path || path.startsWith(`${t.path}.`)).sort((a, b) => b.path.length - a.path.length);
    return mine[0] ?? teams[0]!;
  };
  // Young volunteers from the registry (not school pupils), and older residents outside it.
  const youth = await query<{ id: number; org_id: number; path: string; name: string; id_number: string; gender: string; birth_date: string; phone: string | null }>(
    tx,
    sql`select p.id, p.org_id, o.path::text as path, p.name, p.id_number, p.gender, p.birth_date::text as birth_date, p.phone
          from people p join organizations o on o.id = p.org_id
         where not p.is_student and p.birth_date between ${day(c.today, -35 * 365)}::date and ${day(c.today, -18 * 365)}::date order by p.id`,
  );
  const picked = youth.filter(() => rng.chance(0.06));
  const used = new Set(picked.map((p) => p.id_number));
  const rows: ReturnType<typeof sql>[] = [];
  for (const p of picked) {
    const team = teamFor(p.path);
    rows.push(sql`(${Number(p.org_id)}, ${team.id}, ${Number(p.id)}, ${p.name}, ${p.id_number}, ${p.gender}, ${p.birth_date}, ${p.phone}, ${day(c.today, -rng.int(30, 1000))})`);
  }
  // About 27% older volunteers, so the share aged 35 and under is near 贺州's 72.9%.
  const older = Math.round(picked.length * 0.37);
  const orgs = [c.county, ...c.townships];
  let seq = 901;
  for (let i = 0; i < older; i++) {
    const born = `${rng.int(1965, 1989)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
    const male = rng.chance(0.5);
    let id = '';
    do {
      seq = seq >= 997 ? 901 : seq + 2;
      const first17 = `520329${born.replaceAll('-', '')}${String(seq + (male ? 0 : 1)).padStart(3, '0')}`;
      id = first17 + idCardCheckChar(first17);
    } while (used.has(id));
    used.add(id);
    const org = rng.pick(orgs);
    rows.push(sql`(${org.id}, ${teamFor(org.path).id}, null, ${chineseName(rng)}, ${id}, ${male ? 'male' : 'female'}, ${born}, ${mobilePhone(rng)}, ${day(c.today, -rng.int(30, 1500))})`);
  }
  const volunteerIds = await insertMany(tx, sql`insert into volunteers (org_id, team_id, person_id, name, id_number, gender, birth_date, phone, registered_on)`, rows, true);
  // Projects of each team this year, and service records.
  const projects: { id: number; team: number; start: string; end: string }[] = [];
  const PROJECTS = ['“七彩假期”关爱留守儿童', '防火巡逻志愿服务', '义务送水', '文明交通劝导', '敬老院关爱行动', '“8.12”篮球锦标赛志愿服务', '禁毒宣传志愿服务', '森林防火宣传'];
  for (const t of teams) {
    for (let i = 0; i < rng.int(1, 3); i++) {
      const start = day(c.today, -rng.int(60, 330));
      const end = day(start, rng.int(20, 120));
      const [row] = await query<{ id: number }>(
        tx,
        sql`insert into service_projects (org_id, team_id, title, start_on, end_on) values (${t.orgId}, ${t.id}, ${rng.pick(PROJECTS)}, ${start}, ${end > c.today ? null : end}) returning id`,
      );
      projects.push({ id: Number(row!.id), team: t.id, start, end: end > c.today ? c.today : end });
    }
  }
  const vols = await query<{ id: number; org_id: number; team_id: number; registered_on: string }>(
    tx,
    sql`select id, org_id, team_id, registered_on::text as registered_on from volunteers where id = any(${sql.param(volunteerIds)}::bigint[]) order by id`,
  );
  const records: ReturnType<typeof sql>[] = [];
  for (const v of vols) {
    const mine = projects.filter((p) => p.team === Number(v.team_id));
    for (let i = 0; i < rng.int(0, 6); i++) {
      const p = mine.length && rng.chance(0.8) ? rng.pick(mine) : null;
      const from = p ? (p.start > v.registered_on ? p.start : v.registered_on) : v.registered_on > day(c.today, -330) ? v.registered_on : day(c.today, -330);
      const to = p ? p.end : c.today;
      if (from > to) continue;
      const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
      records.push(sql`(${Number(v.org_id)}, ${Number(v.id)}, ${p?.id ?? null}, ${day(from, rng.int(0, span))}, ${rng.pick([60, 90, 120, 150, 180, 240, 300, 480])})`);
    }
  }
  await insertMany(tx, sql`insert into service_records (org_id, volunteer_id, project_id, served_on, minutes)`, records);
}

/* --------------------------------------------------------------------- study */

async function seedStudy(tx: Tx, rng: Rng, c: County) {
  const rounds: { id: number; start: string }[] = [];
  const first = (y: number) => `${y}-01-06`;
  // Every two weeks: last year's rounds within the last twelve months, then this year's up to today.
  for (const y of [c.year - 1, c.year]) {
    let n = 0;
    for (let start = first(y); start.startsWith(String(y)) && start <= c.today; start = day(start, 14)) {
      n++;
      if (start < day(c.today, -365)) continue;
      const [row] = await query<{ id: number }>(
        tx,
        sql`insert into study_rounds (org_id, year, round_no, title, start_on) values (${c.county.id}, ${y}, ${n}, ${`青年大学习${y}年第${n}期`}, ${start}) returning id`,
      );
      rounds.push({ id: Number(row!.id), start });
    }
  }
  // Each branch has its habit: most between 60% and 95%, some well below the line.
  const habit = new Map(c.branches.map((b) => [b.id, rng.chance(0.18) ? rng.int(20, 55) / 100 : rng.int(60, 97) / 100]));
  const rows: ReturnType<typeof sql>[] = [];
  for (const r of rounds) {
    for (const b of c.branches) {
      const base = c.members.get(b.id)?.length ?? 0;
      if (base === 0) continue;
      const rate = Math.min(1, Math.max(0, habit.get(b.id)! + (rng.next() - 0.5) * 0.2));
      rows.push(sql`(${r.id}, ${b.id}, ${Math.round(base * rate)}, ${base})`);
    }
  }
  await insertMany(tx, sql`insert into study_participation (round_id, org_id, participants, base)`, rows);
}

/* ----------------------------------------------------------------------- aid */

const SCHOOLS = ['余庆中学', '余庆县第二中学', '余庆县中等职业学校', '白泥镇中学', '龙溪镇中学', '构皮滩镇中心小学', '贵州大学', '遵义医科大学', '贵州师范大学'];

async function seedAid(tx: Tx, rng: Rng, c: County) {
  const y = c.year;
  const plans: { org: Org; program: AidProgram; title: string; funds: number; count: number; amount: () => number; age: [number, number] }[] = [
    // 余庆: 6.713万元 of 希望工程 for 135 young people; 25万元 of 春晖行动; 5.801万元 for 关爱农民工子女.
    { org: c.county, program: 'hope_project', title: `${y}年希望工程助学行动`, funds: 6_713_000, count: 135, amount: () => 49_700, age: [8, 17] },
    { org: c.county, program: 'dream_university', title: `${y}年希望工程圆梦大学`, funds: 15_000_000, count: 30, amount: () => rng.pick([300_000, 500_000]), age: [18, 19] },
    { org: c.county, program: 'spring_sunshine', title: `${y}年春晖行动爱心助学`, funds: 25_000_000, count: 40, amount: () => 300_000, age: [10, 18] },
    { org: c.county, program: 'migrant_children', title: `${y}年关爱农民工子女`, funds: 5_801_000, count: 100, amount: () => 50_000, age: [6, 14] },
  ];
  const baini = c.townships.find((t) => t.name.includes('白泥镇'));
  if (baini) plans.push({ org: baini, program: 'spring_sunshine', title: `${y}年白泥镇春晖使者助学`, funds: 1_000_000, count: 10, amount: () => 80_000, age: [10, 17] });
  const used = new Set<string>();
  let seq = 600;
  for (const p of plans) {
    const [row] = await query<{ id: number }>(
      tx,
      sql`insert into aid_projects (org_id, program, year, title, funds_raised_fen) values (${p.org.id}, ${p.program}, ${y}, ${p.title}, ${p.funds}) returning id`,
    );
    const rows: ReturnType<typeof sql>[] = [];
    let committed = 0;
    for (let i = 0; i < p.count; i++) {
      const amount = p.amount();
      if (committed + amount > p.funds) break;
      const age = rng.int(p.age[0], p.age[1]);
      const born = `${y - age}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
      let id = '';
      do {
        seq = seq >= 898 ? 600 : seq + 1;
        const first17 = `520329${born.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
        id = first17 + idCardCheckChar(first17);
      } while (used.has(`${p.program}${id}`));
      used.add(`${p.program}${id}`);
      const roll = rng.next();
      const status = roll < 0.03 ? 'cancelled' : roll < 0.16 ? 'approved' : 'paid';
      if (status !== 'cancelled') committed += amount;
      const paidOn = status === 'paid' ? day(c.today, -rng.int(5, 200)) : null;
      rows.push(sql`(${Number(row!.id)}, ${p.org.id}, ${p.program}, ${y}, ${chineseName(rng)}, ${id}, ${rng.pick(SCHOOLS)}, ${amount}, ${status}, ${paidOn})`);
    }
    await insertMany(tx, sql`insert into aid_beneficiaries (project_id, org_id, program, year, name, id_number, school, amount_fen, status, paid_on)`, rows);
  }
}

/* -------------------------------------------------------------------- honors */

async function seedHonors(tx: Tx, rng: Rng, c: County) {
  const county = c.county.id;
  const campaign = async (type: HonorType, year: number, title: string, status: string) => {
    const [row] = await query<{ id: number }>(
      tx,
      sql`insert into honor_campaigns (org_id, honor_type, year, title, status) values (${county}, ${type}, ${year}, ${title}, ${status}) returning id`,
    );
    return Number(row!.id);
  };
  const nominate = (campaignId: number, orgId: number, nominee: { person?: number; cadre?: number; org?: number }, reason: string, status: string, note: string | null, awardedOn: string | null) =>
    tx.execute(sql`insert into honor_nominations (campaign_id, org_id, person_id, cadre_id, nominee_org_id, reason, status, note, awarded_on)
      values (${campaignId}, ${orgId}, ${nominee.person ?? null}, ${nominee.cadre ?? null}, ${nominee.org ?? null}, ${reason}, ${status}, ${note}, ${awardedOn})`);
  const last = c.year - 1;
  const lastNotice = honorNoticeNote(honorNoticePeriod(`${last}-04-20`));
  const awarded = `${last}-05-04`;
  // Last year's 两红两优, awarded on 4 May.
  const committees = await campaign('may4_red_flag_committee', last, `${last}年度五四红旗团委`, 'closed');
  for (const t of [c.townships[rng.int(0, 4)], c.townships[rng.int(5, c.townships.length - 1)]].filter((x): x is Org => !!x)) {
    await nominate(committees, county, { org: t.id }, '团的建设扎实，“三会两制一课”规范，青年之家运营良好。', 'awarded', `审核通过\n${lastNotice}`, awarded);
  }
  const branchesCampaign = await campaign('may4_red_flag_branch', last, `${last}年度五四红旗团支部`, 'closed');
  const goodBranches = c.branches.filter((b) => (c.members.get(b.id)?.length ?? 0) >= 2);
  for (let i = 0; i < 5 && goodBranches.length; i++) {
    const b = goodBranches[rng.int(0, goodBranches.length - 1)]!;
    const town = c.townshipOf(b.path);
    await nominate(branchesCampaign, town?.id ?? county, { org: b.id }, '组织生活规范，团员先锋作用突出，志愿服务成效明显。', 'awarded', `审核通过\n${lastNotice}`, awarded);
  }
  const membersCampaign = await campaign('excellent_member', last, `${last}年度优秀共青团员`, 'closed');
  const pickMembers = (n: number) => {
    const out: { person: number; branch: Org }[] = [];
    for (let i = 0; i < n; i++) {
      const b = goodBranches[rng.int(0, goodBranches.length - 1)];
      if (!b) break;
      const list = c.members.get(b.id)!;
      const person = list[rng.int(0, list.length - 1)]!;
      if (!out.some((o) => o.person === person)) out.push({ person, branch: b });
    }
    return out;
  };
  for (const m of pickMembers(15)) await nominate(membersCampaign, m.branch.id, { person: m.person }, '思想进步，学习工作表现突出，积极参加志愿服务。', 'awarded', `审核通过\n${lastNotice}`, awarded);
  const cadres = await query<{ id: number; org_id: number }>(tx, sql`select c.id, c.org_id from cadres c order by c.id limit 6`);
  const cadresCampaign = await campaign('excellent_cadre', last, `${last}年度优秀共青团干部`, 'closed');
  for (const cd of cadres.slice(0, 3)) await nominate(cadresCampaign, Number(cd.org_id), { cadre: Number(cd.id) }, '履职尽责，团的工作成效显著。', 'awarded', `审核通过\n${lastNotice}`, awarded);

  // This year: 优秀共青团员 under review, 五四红旗团支部 in public notice. Nominees in good standing where the
  // membership demo has registered and appraised them, so that a reviewer's recheck passes.
  const current = await campaign('excellent_member', c.year, `${c.year}年度优秀共青团员`, 'nominating');
  const states = ['nominated', 'nominated', 'nominated', 'reviewed', 'reviewed', 'reviewed', 'rejected', 'nominated', 'reviewed'];
  const standing = await query<{ id: number; org_id: number }>(
    tx,
    sql`select p.id, p.org_id from people p
         where p.member_status = 'active'
           and exists (select 1 from registrations r where r.person_id = p.id and r.status = 'registered' and r.year in (${c.year}, ${c.year - 1}))
           and exists (select 1 from appraisals a where a.person_id = p.id and a.grade in ('excellent', 'qualified') and a.year in (${c.year}, ${c.year - 1}))
         order by p.id limit 200`,
  );
  const byId = new Map(c.branches.map((b) => [b.id, b]));
  const inGoodStanding = standing
    .filter((_, i) => i % Math.max(1, Math.floor(standing.length / states.length)) === 0)
    .map((p) => ({ person: Number(p.id), branch: byId.get(Number(p.org_id))! }))
    .filter((p) => p.branch)
    .slice(0, states.length);
  const nominees = inGoodStanding.length === states.length ? inGoodStanding : pickMembers(states.length);
  for (const [i, m] of nominees.entries()) {
    const status = states[i]!;
    await nominate(current, m.branch.id, { person: m.person }, '团员先锋作用发挥好，热心公益，多次参加志愿服务。', status, status === 'reviewed' ? '审核通过' : status === 'rejected' ? '事迹材料不充分' : null, null);
  }
  // One nomination that failed the eligibility check (a non-member).
  const [nonMember] = await query<{ id: number; org_id: number }>(tx, sql`select id, org_id from people where member_status is null and not is_student order by id limit 1`);
  if (nonMember) {
    await nominate(current, Number(nonMember.org_id), { person: Number(nonMember.id) }, '积极参加村里的志愿服务，热心帮助群众。', 'ineligible', '资格审查未通过：该同志不是在册团员', null);
  }
  const flags = await campaign('may4_red_flag_branch', c.year, `${c.year}年度五四红旗团支部`, 'publicizing');
  const notice = honorNoticeNote(honorNoticePeriod(day(c.today, -2)));
  for (let i = 0; i < 5 && goodBranches.length; i++) {
    const b = goodBranches[(i * 37 + 11) % goodBranches.length]!;
    const town = c.townshipOf(b.path);
    await nominate(flags, town?.id ?? county, { org: b.id }, '“三会两制一课”落实到位，主题团日特色鲜明。', i === 4 ? 'rejected' : 'publicized', i === 4 ? '审核通过\n异议成立：组织生活记录不完整' : `审核通过\n${notice}`, null);
  }
}

/* ------------------------------------------------------------------- appeals */

const APPEALS: [AppealCategory, string, string][] = [
  ['employment', '想了解县里的青年就业见习岗位', '今年大学毕业回到县里，想参加就业见习，不知道有哪些单位和岗位，怎么报名？'],
  ['entrepreneurship', '青年创业小额贷款怎么申请', '想在村里发展食用菌种植，听说有青年创业贷款，需要什么条件？'],
  ['marriage', '希望多组织青年交友联谊活动', '单位青年多，平时接触面窄，希望团委多组织联谊活动。'],
  ['rights', '打工被拖欠工资怎么办', '在县城工地干了三个月，老板一直拖欠工资，不知道找哪个部门。'],
  ['study', '孩子上学路途远，能否协调住校', '孩子在镇中学读初二，家离学校远，想申请住校但宿舍已满。'],
  ['mental_health', '孩子沉迷手机，情绪低落', '孩子放假在家整天玩手机，不愿说话，想找心理老师咨询。'],
  ['integration', '搬迁安置点孩子课外没地方去', '我们是易地搬迁过来的，孩子放学后没有活动的地方，希望能开放青空间。'],
  ['elderly_care', '外出打工，家里老人无人照顾', '夫妻都在外省打工，家里老人身体不好，希望志愿者能定期去看看。'],
  ['child_education', '留守儿童暑期托管', '暑假孩子在家没人管，希望开展“七彩假期”托管活动。'],
  ['other', '建议在镇上建篮球场', '镇上青年喜欢打篮球，但没有像样的场地，建议团委协调建设。'],
];

async function seedAppeals(tx: Tx, rng: Rng, c: County) {
  const answerDays = DEFAULT_RULES.youthWork.appealAnswerDays;
  const handlers = [c.county, ...c.townships];
  // State, days since submission, and how it went.
  const plan: { state: 'submitted' | 'assigned' | 'answered' | 'closed'; ago: number; rated?: boolean; late?: boolean; escalated?: boolean }[] = [
    ...Array.from({ length: 14 }, () => ({ state: 'closed' as const, ago: rng.int(20, 330), rated: true })),
    ...Array.from({ length: 3 }, () => ({ state: 'closed' as const, ago: rng.int(40, 200), rated: false })),
    { state: 'closed', ago: 90, rated: true, late: true },
    ...Array.from({ length: 5 }, () => ({ state: 'answered' as const, ago: rng.int(3, 20) })),
    ...Array.from({ length: 4 }, () => ({ state: 'assigned' as const, ago: rng.int(1, answerDays - 1) })),
    ...Array.from({ length: 3 }, () => ({ state: 'assigned' as const, ago: rng.int(answerDays + 2, answerDays + 20) })),
    ...Array.from({ length: 4 }, () => ({ state: 'submitted' as const, ago: rng.int(0, answerDays - 2) })),
    ...Array.from({ length: 3 }, () => ({ state: 'submitted' as const, ago: rng.int(answerDays + 1, answerDays + 15) })),
    { state: 'assigned', ago: answerDays + 12, escalated: true },
    { state: 'answered', ago: answerDays + 25, escalated: true },
  ];
  for (const p of plan) {
    const [category, title, content] = rng.pick(APPEALS);
    const escalatedFrom = p.escalated ? rng.pick(c.townships) : null;
    const org = p.escalated ? c.county : rng.pick(handlers);
    const submitted = day(c.today, -p.ago);
    const code = makeTrackingCode(submitted, Array.from({ length: 6 }, () => rng.int(0, 31)));
    const asker = chineseName(rng);
    const phone = mobilePhone(rng);
    const escalatedOn = p.escalated ? day(submitted, answerDays + 2) : null;
    const deadline = escalatedOn ? day(escalatedOn, answerDays) : day(submitted, answerDays);
    const answeredOn = p.state === 'answered' || p.state === 'closed' ? day(escalatedOn ?? submitted, p.late ? answerDays + 4 : rng.int(1, answerDays - 1)) : null;
    const closedOn = p.state === 'closed' ? day(answeredOn!, rng.int(1, 5)) : null;
    const assignee = p.state === 'submitted' ? null : chineseName(rng);
    const rating = p.state === 'closed' && p.rated ? rng.pick([3, 4, 4, 5, 5, 5, 2]) : null;
    const [row] = await query<{ id: number }>(
      tx,
      sql`insert into appeals (org_id, tracking_code, category, title, content, asker_name, asker_phone, status, assignee, deadline, answer, answered_on, closed_on, rating, rating_comment, created_at)
          values (${org.id}, ${code}, ${category}, ${title}, ${content}, ${asker}, ${phone}, ${p.state}, ${assignee}, ${deadline},
                  ${answeredOn ? '您好，您反映的问题已收悉，我们已联系相关部门协调解决，具体情况已电话告知，感谢您的信任。' : null},
                  ${answeredOn}, ${closedOn}, ${rating}, ${rating ? (rating >= 4 ? '办理及时，很满意' : '答复有点慢') : null}, ${`${submitted}T03:00:00Z`})
          returning id`,
    );
    const id = Number(row!.id);
    const events: [string, string | null, string, string][] = [['submitted', '通过青年之声提交', `${asker}（本人）`, submitted]];
    if (escalatedFrom) {
      events.push(['assigned', `承办人：${chineseName(rng)}`, `${escalatedFrom.name}`, day(submitted, 1)]);
      events.push(['escalated', `超期2天，由${escalatedFrom.name}上报${c.county.name}督办（新时限${deadline}）：请县团委协调`, '县团委管理员', escalatedOn!]);
    }
    if (assignee) events.push(['assigned', `承办人：${assignee}`, '团委管理员', day(escalatedOn ?? submitted, 1)]);
    if (answeredOn) events.push(['answered', p.late ? `超期${answerDays + 4 - answerDays}天答复` : null, assignee ?? '团委管理员', answeredOn]);
    if (rating) events.push(['rated', `${rating}分`, `${asker}（本人）`, closedOn!]);
    if (closedOn) events.push(['closed', rating ? '诉求人评价后办结' : '电话回访后办结', rating ? `${asker}（本人）` : '团委管理员', closedOn]);
    for (const [kind, note, actor, on] of events) {
      await tx.execute(sql`insert into appeal_events (appeal_id, org_id, kind, note, actor, created_at) values (${id}, ${org.id}, ${kind}, ${note}, ${actor}, ${`${on}T04:00:00Z`})`);
    }
  }
}
