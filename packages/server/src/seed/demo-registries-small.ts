import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { query } from '../db/sql.js';
import { Rng, chineseName, mobilePhone } from './random.js';

const VISIT_CONTENT = [
  '督导乡镇团委换届筹备和“1+1+3”班子配备',
  '调研村级团组织建设和团员发展计划执行',
  '检查“三会两制一课”台账和主题团日开展',
  '督导团员教育评议和年度注册',
  '走访非公企业团支部，了解青年职工需求',
  '督导青年大学习组织和参学率',
];
const VISIT_PROBLEMS: readonly (readonly [problem: string, followUp: string] | null)[] = [
  ['2个村团支部委员缺额', '已补选委员，完成配备'],
  null,
  ['部分团支部组织生活记录不全', '已督促补齐会议记录，下月复查'],
  ['团费收缴台账未按月登记', '镇团委已指定专人负责，按月登记'],
  null,
];
const SOCIETIES: readonly (readonly [name: string, type: string])[] = [
  ['青年篮球协会', '文体类'],
  ['青年志愿者服务社', '志愿公益类'],
  ['青年电商创业联盟', '创业就业类'],
  ['青年书画社', '兴趣爱好类'],
  ['青年农技学习社', '学术科技类'],
];
const PLAN_TITLE = (y: number) => `余庆县青年发展规划（${y - 1}—${y + 3}年）`;
const MEASURES: readonly (readonly [area: string, measure: string, unit: string, target: string, progress: number, status: string])[] = [
  ['思想道德', '深化青年理想信念教育，开展“青年大学习”和主题团日', '团县委', '青年大学习参学率保持在60%以上', 80, 'in_progress'],
  ['教育', '实施青年技能提升行动，开展农村青年职业技能培训', '县人社局', '每年培训农村青年1000人次', 65, 'in_progress'],
  ['健康', '建设青少年心理健康服务站，覆盖全部乡镇', '县卫健局', '10个乡镇（街道）全覆盖', 100, 'completed'],
  ['婚恋', '举办青年联谊交友活动', '团县委、县总工会', '每年不少于4场', 50, 'in_progress'],
  ['就业创业', '设立青年创业贷款贴息，建设返乡创业孵化基地', '县人社局、县财政局', '扶持青年创业项目100个', 40, 'delayed'],
  ['文化', '建设青年之家和新时代文明实践青年站', '团县委、县委宣传部', '建成青年之家15个', 73, 'in_progress'],
  ['社会融入与社会参与', '推动青年参与乡村振兴，组建青年突击队', '团县委、县农业农村局', '组建青年突击队20支', 100, 'completed'],
  ['维护合法权益', '开展青少年法治宣传进校园', '县司法局、县教育局', '中小学全覆盖', 90, 'in_progress'],
  ['预防违法犯罪', '建立重点青少年群体关爱帮扶机制', '县委政法委、团县委', '重点青少年帮扶率100%', 0, 'not_started'],
  ['社会保障', '落实困难青年就业援助和社会救助', '县民政局', '应助尽助', 60, 'in_progress'],
];
const PROGRAMS = ['西部计划', '三支一扶', '研究生支教团', '大学生志愿服务乡村振兴计划'];

/**
 * Smaller registries of issue 17, item 6 for the demo county: 督导联系点 with
 * this year's and last year's visits, the township party committees' meetings
 * on league work (most townships this year, all last year), youth societies,
 * the county's 青年发展规划 measures, 西部计划-type flags on cadres and
 * volunteers, and posts with configured titles (团支部书记助理, 少先队总辅导员).
 */
export async function seedRegistriesSmallDemo(tx: Tx, opts: { today: string; year: number }): Promise<void> {
  const rng = new Rng(20261760);
  const [county] = await query<{ id: number }>(tx, sql`select id from organizations where type = 'county' order by id limit 1`);
  if (!county) return;
  const countyId = Number(county.id);
  const y = opts.year;
  const on = opts.today;
  const before = (d: string) => (d <= on ? d : on);
  const townships = await query<{ id: number; name: string }>(
    tx,
    sql`select id, name from organizations where parent_id = ${countyId} and type in ('township', 'subdistrict') and status = 'active' order by sort_order, path`,
  );
  // The county committee's leaders: its current post holders (secretary first), else named ones.
  const leaders = await query<{ id: number | null; name: string; post: string }>(
    tx,
    sql`select c.id, c.name, case p.title when 'secretary' then '书记' when 'deputy_secretary' then '副书记' else '委员' end as post
          from cadre_posts p join cadres c on c.id = p.cadre_id where p.org_id = ${countyId} and p.end_on is null
         order by case p.title when 'secretary' then 0 when 'deputy_secretary' then 1 else 2 end, p.id limit 4`,
  );
  if (!leaders.length) for (const post of ['书记', '副书记', '副书记']) leaders.push({ id: null, name: chineseName(rng), post });

  const contacts: SQL[] = [];
  for (const [ti, t] of townships.entries()) {
    const l = leaders[ti % leaders.length]!;
    contacts.push(sql`(${Number(t.id)}, ${countyId}, ${l.id === null ? null : Number(l.id)}, ${l.name}, ${`团县委${l.post}`}, ${`${y - 1}-02-20`}::date)`);
  }
  if (!contacts.length) return;
  const ids = await query<{ id: number; org_id: number }>(
    tx,
    sql`insert into supervision_contacts (org_id, assigned_by_org_id, leader_cadre_id, leader_name, leader_post, assigned_on) values ${sql.join(contacts, sql`, `)} returning id, org_id`,
  );
  const visits: SQL[] = [];
  for (const [ti, c] of ids.entries()) {
    // This year: 0–4 visits (the last township none yet); last year: 2.
    const thisYear = ti === ids.length - 1 ? 0 : [3, 2, 4, 1, 2][ti % 5]!;
    const plan = [...Array(thisYear).keys()].map((i) => before(`${y}-${String(2 + i * 3).padStart(2, '0')}-${String(10 + (ti % 15)).padStart(2, '0')}`));
    plan.push(`${y - 1}-05-${String(12 + (ti % 10)).padStart(2, '0')}`, `${y - 1}-10-${String(15 + (ti % 10)).padStart(2, '0')}`);
    for (const [i, d] of plan.entries()) {
      const p = VISIT_PROBLEMS[(ti + i) % VISIT_PROBLEMS.length]!;
      const done = d < `${y}-09-01`;
      visits.push(sql`(${Number(c.org_id)}, ${Number(c.id)}, ${d}::date, ${VISIT_CONTENT[(ti + i) % VISIT_CONTENT.length]!}, ${p?.[0] ?? null}, ${p ? (done ? p[1] : '已反馈乡镇团委，整改中') : null}, ${!p || done})`);
    }
  }
  await tx.execute(sql`insert into supervision_visits (org_id, contact_id, visited_on, content, problems, follow_up, follow_up_done) values ${sql.join(visits, sql`, `)}`);

  // 党委研究团的工作: every township last year; this year all but every third.
  const meetings: SQL[] = [];
  for (const [ti, t] of townships.entries()) {
    const short = t.name.replace(/^共青团余庆县|委员会$|工作委员会$/g, '');
    const add = (d: string) =>
      meetings.push(
        sql`(${Number(t.id)}, ${d}::date, ${`${short}党委会议（专题研究共青团工作）`}, ${`${short}党委书记${chineseName(rng)}`},
             ${'听取镇团委年度工作汇报；研究团干部配备和换届；研究青年之家阵地建设和团建经费保障'}, ${`党委班子成员${rng.int(7, 11)}人，团委书记列席`},
             ${`同意${short}团委换届方案；每年安排团建工作经费不少于2万元；党委委员联系村级团支部`})`,
      );
    add(`${y - 1}-0${3 + (ti % 6)}-1${ti % 10}`);
    if (ti % 3 !== 2) add(before(`${y}-0${2 + (ti % 5)}-2${ti % 8}`));
  }
  await tx.execute(sql`insert into party_league_meetings (org_id, held_on, meeting_name, chaired_by, topics, attendance, decisions) values ${sql.join(meetings, sql`, `)}`);

  // 青年社团: two or three per township, one of them inactive in every fourth township.
  const societies: SQL[] = [];
  for (const [ti, t] of townships.entries()) {
    const short = t.name.replace(/^共青团余庆县|委员会$|工作委员会$/g, '');
    for (let i = 0; i < 2 + (ti % 2); i++) {
      const [name, type] = SOCIETIES[(ti + i) % SOCIETIES.length]!;
      societies.push(
        sql`(${Number(t.id)}, ${`${short}${name}`}, ${type}, ${rng.int(12, 80)}, ${chineseName(rng)}, ${mobilePhone(rng)}, ${!(ti % 4 === 3 && i === 1)}, ${`${y - rng.int(1, 5)}-0${rng.int(3, 9)}-15`}::date)`,
      );
    }
  }
  await tx.execute(sql`insert into youth_societies (org_id, name, society_type, members, contact_name, contact_phone, active, founded_on) values ${sql.join(societies, sql`, `)}`);

  // 青年发展规划: the county's ten measures.
  await tx.execute(sql`insert into youth_plan_measures (org_id, plan_title, area, measure, responsible_unit, target, progress, status) values ${sql.join(
    MEASURES.map(([area, measure, unit, target, progress, status]) => sql`(${countyId}, ${PLAN_TITLE(y)}, ${area}, ${measure}, ${unit}, ${target}, ${progress}, ${status})`),
    sql`, `,
  )}`);

  // 西部计划 and others: volunteers of the county and a few township cadres.
  const volunteers = await query<{ id: number; org_id: number }>(tx, sql`select id, org_id from volunteers order by id limit 14`);
  const cadres = await query<{ id: number; org_id: number }>(
    tx,
    sql`select distinct on (c.id) c.id, c.org_id from cadres c join cadre_posts p on p.cadre_id = c.id join organizations o on o.id = p.org_id
         where p.end_on is null and o.type in ('township', 'subdistrict') and p.title <> 'secretary' order by c.id limit 4`,
  );
  const flags: SQL[] = [
    ...volunteers.map((v, i) => sql`(${Number(v.org_id)}, null, ${Number(v.id)}, ${PROGRAMS[i % 3 === 2 ? 1 : i % 5 === 4 ? 2 : 0]!}, ${y - (i % 3)})`),
    ...cadres.map((c, i) => sql`(${Number(c.org_id)}, ${Number(c.id)}, null, ${PROGRAMS[i % 2 === 0 ? 0 : 1]!}, ${y - 1 - (i % 2)})`),
  ];
  if (flags.length) await tx.execute(sql`insert into service_program_flags (org_id, cadre_id, volunteer_id, program, program_year) values ${sql.join(flags, sql`, `)}`);

  // Configured titles: a member of six branches also 团支部书记助理, members of school committees 少先队总辅导员.
  await tx.execute(sql`insert into cadre_posts (cadre_id, org_id, title, employment, start_on, source)
    select p.cadre_id, p.org_id, '团支部书记助理', 'part_time', ${`${y}-03-01`}::date, 'appointment'
      from (select distinct on (p.org_id) p.cadre_id, p.org_id from cadre_posts p join organizations o on o.id = p.org_id
             where p.end_on is null and p.title in ('member', 'organization_member', 'propaganda_member') and o.type = 'branch' order by p.org_id, p.id limit 6) p`);
  await tx.execute(sql`insert into cadre_posts (cadre_id, org_id, title, employment, start_on, source)
    select p.cadre_id, p.org_id, '少先队总辅导员', 'part_time', ${`${y - 1}-09-01`}::date, 'appointment'
      from (select distinct on (p.org_id) p.cadre_id, p.org_id from cadre_posts p join organizations o on o.id = p.org_id
             where p.end_on is null and p.title in ('member', 'organization_member', 'propaganda_member') and o.type = 'unit_committee' and o.sector = 'school'
             order by p.org_id, p.id limit 3) p`);
}
