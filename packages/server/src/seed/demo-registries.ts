import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { query } from '../db/sql.js';
import { Rng, chineseName, mobilePhone } from './random.js';

const ENTERPRISES = ['宏发商贸有限公司', '兴农生态养殖场', '顺达运输有限公司', '金叶烤烟专业合作社', '惠民购物广场', '云帆电子商务有限公司', '黔味食品有限公司', '鑫源建筑劳务有限公司'];
const SOCIAL = ['农村专业技术协会', '文化体育协会', '红白理事会'];
/** New employment groups in the county seat: platform, station, covered this year by the county's 非公企业联合团支部. */
const PLATFORM_STATIONS: readonly (readonly [name: string, platform: string, station: string, coveredThisYear: boolean])[] = [
  ['美团外卖', '美团', '余庆县城配送站', true],
  ['饿了么', '饿了么', '余庆县城配送站', false],
  ['顺丰速运', '顺丰', '余庆营业部', true],
  ['中通快递', '中通', '余庆分拨中心', false],
  ['韵达快递', '韵达', '余庆网点', false],
  ['京东物流', '京东', '余庆配送站', false],
  ['滴滴出行', '滴滴', '余庆服务站', false],
  ['货拉拉', '货拉拉', '余庆司机之家', false],
];

/**
 * “三新” coverage (issue 17): each township's units to cover — its existing 三新
 * branches' enterprises and organizations, covered since the branch was founded
 * (this year's branches are the year's growth), a few enterprises and social
 * organizations not reached yet, one closed enterprise — and the county seat's
 * platform stations (外卖、快递、网约车), two of them covered this year.
 */
export async function seedRegistriesDemo(tx: Tx, opts: { today: string; year: number }): Promise<void> {
  const rng = new Rng(20261706);
  const [county] = await query<{ id: number }>(tx, sql`select id from organizations where type = 'county' order by id limit 1`);
  if (!county) return;
  const countyId = Number(county.id);
  const y = opts.year;
  const listedSince = `${y - 3}-03-01`;
  const townships = await query<{ id: number; name: string; path: string }>(
    tx,
    sql`select id, name, path::text as path from organizations where parent_id = ${countyId} and type in ('township', 'subdistrict') order by sort_order, path`,
  );
  const rows: ReturnType<typeof sql>[] = [];
  const add = (u: { orgId: number; kind: string; name: string; platform?: string; station?: string; employees: number; leagueOrgId?: number | null; coveredOn?: string | null; registeredOn: string; closedOn?: string | null }) => {
    const young = Math.round(u.employees * (0.35 + rng.next() * 0.4));
    rows.push(sql`(${u.orgId}, ${u.kind}, ${u.name}, ${u.platform ?? null}, ${u.station ?? null}, ${u.employees}, ${young}, ${u.leagueOrgId ?? null}, ${u.coveredOn ?? null}::date,
                   ${u.registeredOn}::date, ${u.closedOn ?? null}::date, ${chineseName(rng)}, ${mobilePhone(rng)})`);
  };
  for (const [ti, t] of townships.entries()) {
    const short = t.name.replace(/^共青团余庆县|委员会$|工作委员会$/g, '');
    const branches = await query<{ id: number; name: string; sector: string; founded_on: string | null; status: string; dissolved_on: string | null }>(
      tx,
      sql`select id, name, sector, founded_on::text as founded_on, status, dissolved_on::text as dissolved_on from organizations
           where path <@ ${t.path}::ltree and sector in ('non_public_enterprise', 'social_organization') and type in ('branch', 'joint_branch') order by path`,
    );
    for (const b of branches) {
      const coveredOn = b.founded_on ?? `${y - 4}-05-04`;
      add({
        orgId: Number(t.id),
        kind: b.sector,
        name: b.name.replace(/团支部$/, '').replace(/^共青团/, ''),
        employees: rng.int(15, 160),
        leagueOrgId: Number(b.id),
        coveredOn,
        registeredOn: coveredOn < listedSince ? coveredOn : listedSince,
        closedOn: b.status === 'dissolved' ? b.dissolved_on : null,
      });
    }
    for (let i = 0; i < 2 + (ti % 3); i++) {
      add({ orgId: Number(t.id), kind: 'non_public_enterprise', name: `余庆县${short}${ENTERPRISES[(ti + i) % ENTERPRISES.length]}`, employees: rng.int(8, 120), registeredOn: i === 0 ? `${y}-03-15` : listedSince });
    }
    if (ti % 2 === 0) add({ orgId: Number(t.id), kind: 'social_organization', name: `${short}${SOCIAL[ti % SOCIAL.length]}`, employees: rng.int(5, 30), registeredOn: listedSince });
  }
  const [joint] = await query<{ id: number }>(
    tx,
    sql`select id from organizations where parent_id = ${countyId} and type = 'joint_branch' and sector = 'non_public_enterprise' and status = 'active' order by id limit 1`,
  );
  for (const [name, platform, station, covered] of PLATFORM_STATIONS) {
    add({
      orgId: countyId,
      kind: 'new_employment',
      name,
      platform,
      station,
      employees: rng.int(20, 90),
      leagueOrgId: covered && joint ? Number(joint.id) : null,
      coveredOn: covered && joint ? `${y}-0${rng.int(4, 9)}-1${rng.int(0, 9)}` : null,
      registeredOn: `${y - 1}-06-01`,
    });
  }
  await tx.execute(sql`insert into new_sector_units (org_id, kind, name, platform, station, employees, young_employees, league_org_id, covered_on, registered_on, closed_on, contact_name, contact_phone)
    values ${sql.join(rows, sql`, `)}`);
  await seedHonorsDemo(tx, opts);
  await seedManualAssessmentDemo(tx, opts);
  await seedWorkFiguresSchemeDemo(tx, opts);
  await seedCampaignDemo(tx, opts);
}

/** Higher levels' honors (national to township) and the 青字号 across the townships: a tally by level of individuals and collectives. */
const PERSON_HONORS: readonly (readonly [level: string, type: string, title: string, body: string])[] = [
  ['national', '优秀共青团员', '全国优秀共青团员', '共青团中央'],
  ['provincial', '优秀共青团员', '贵州省优秀共青团员', '共青团贵州省委'],
  ['provincial', '优秀志愿者', '贵州省优秀青年志愿者', '共青团贵州省委'],
  ['city', '向上向善好青年', '遵义市向上向善好青年', '共青团遵义市委'],
  ['city', '优秀共青团干部', '遵义市优秀共青团干部', '共青团遵义市委'],
  ['county', '优秀志愿者', '余庆县优秀志愿者', '共青团余庆县委'],
  ['county', '红领巾奖章', '余庆县红领巾奖章（个人）', '少先队余庆县工作委员会'],
];
const COLLECTIVE_HONORS: readonly (readonly [level: string, type: string, title: string, body: string, name: string])[] = [
  ['national', '五四红旗团支部', '全国五四红旗团支部', '共青团中央', ''],
  ['provincial', '青年突击队', '贵州省青年突击队', '共青团贵州省委', '抗洪抢险青年突击队'],
  ['city', '青年安全生产示范岗', '遵义市青年安全生产示范岗', '共青团遵义市委、遵义市应急管理局', '安全生产青年示范岗'],
  ['city', '团员先锋岗', '遵义市团员先锋岗', '共青团遵义市委', '便民服务团员先锋岗'],
  ['county', '先进非公团建单位', '余庆县先进非公企业团建单位', '共青团余庆县委', ''],
];

export async function seedHonorsDemo(tx: Tx, opts: { year: number }): Promise<void> {
  const rng = new Rng(20261707);
  const townships = await query<{ id: number; name: string; path: string }>(
    tx,
    sql`select id, name, path::text as path from organizations where type in ('township', 'subdistrict') and parent_id = (select id from organizations where type = 'county' order by id limit 1) order by sort_order, path`,
  );
  const rows: ReturnType<typeof sql>[] = [];
  for (const [ti, t] of townships.entries()) {
    const short = t.name.replace(/^共青团余庆县|委员会$|工作委员会$/g, '');
    const people = await query<{ id: number; name: string; org_id: number }>(
      tx,
      sql`select p.id, p.name, p.org_id from people p join organizations o on o.id = p.org_id where o.path <@ ${t.path}::ltree and p.member_status = 'active' order by p.id limit 12`,
    );
    const branches = await query<{ id: number; name: string; sector: string }>(
      tx,
      sql`select id, name, sector from organizations where path <@ ${t.path}::ltree and type = 'branch' and status = 'active' order by sector = 'non_public_enterprise' desc, id limit 4`,
    );
    const year = (k: number) => opts.year - ((ti + k) % 4);
    PERSON_HONORS.forEach(([level, type, title, body], k) => {
      if ((ti + k) % 3 === 2) return;
      const p = people[k % Math.max(people.length, 1)];
      if (!p) return;
      const y = year(k);
      rows.push(sql`(${Number(p.org_id)}, 'person', ${Number(p.id)}, null, ${p.name}, ${type}, ${title}, ${level}, ${body}, ${y}, ${`${y}-05-0${rng.int(1, 4)}`}::date)`);
    });
    COLLECTIVE_HONORS.forEach(([level, type, title, body, name], k) => {
      if ((ti + k) % 2 === 1 && level !== 'city') return;
      const y = year(k + 1);
      const b = branches[k % Math.max(branches.length, 1)];
      if (!b) return;
      if (name) rows.push(sql`(${Number(b.id)}, 'collective', null, null, ${`${short}${name}`}, ${type}, ${title}, ${level}, ${body}, ${y}, ${`${y}-0${rng.int(5, 9)}-1${rng.int(0, 9)}`}::date)`);
      else rows.push(sql`(${Number(b.id)}, 'org', null, ${Number(b.id)}, ${b.name}, ${type}, ${title}, ${level}, ${body}, ${y}, ${`${y}-05-04`}::date)`);
    });
  }
  if (rows.length) {
    await tx.execute(sql`insert into honor_awards (org_id, recipient_kind, person_id, recipient_org_id, recipient_name, award_type, title, level, awarding_body, year, awarded_on)
      values ${sql.join(rows, sql`, `)}`);
  }
}

/** A county scheme with figure and manual (qualitative) indicators, published, each township's manual indicators scored with evidence notes. */
export const DEMO_MANUAL_SCHEME_INDICATORS = [
  { key: 'coverage', label: '村（社区）团组织覆盖率', metric: 'village_coverage', weight: 15, target: 100, direction: 'higher' },
  { key: 'new_sector', label: '“三新”领域团组织年增幅', metric: 'new_sector_growth', weight: 15, target: 20, direction: 'higher' },
  { key: 'new_sector_cover', label: '“三新”领域团组织覆盖率', metric: 'new_sector_coverage', weight: 10, target: 60, direction: 'higher' },
  { key: 'staffing', label: '团干部配备率', metric: 'cadre_staffing', weight: 10, target: 100, direction: 'higher' },
  { key: 'meetings', label: '组织生活达标率', metric: 'meeting_compliance', weight: 10, target: 90, direction: 'higher' },
  { key: 'study', label: '青年大学习参学率', metric: 'study_rate', weight: 10, target: 80, direction: 'higher' },
  { key: 'party_study', label: '党委研究团的工作', metric: 'manual', rule: '乡镇党委每年至少专题研究团的工作1次得10分，有会议纪要；仅听取汇报得5分；未研究不得分', weight: 15, target: 15, direction: 'higher' },
  { key: 'innovation', label: '团建创新与特色工作', metric: 'manual', rule: '有县级以上推广的特色做法得15分，有本乡镇特色品牌得10分，常规开展得5分', weight: 15, target: 15, direction: 'higher' },
] as const;

export async function seedManualAssessmentDemo(tx: Tx, opts: { year: number }): Promise<void> {
  const [county] = await query<{ id: number }>(tx, sql`select id from organizations where type = 'county' order by id limit 1`);
  if (!county) return;
  const [scheme] = await query<{ id: number }>(
    tx,
    sql`insert into assessment_schemes (org_id, year, title, indicators, status)
        values (${Number(county.id)}, ${opts.year}, ${`${opts.year}年度乡镇党建带团建考核（含定性指标）`}, ${JSON.stringify(DEMO_MANUAL_SCHEME_INDICATORS)}::jsonb, 'published') returning id`,
  );
  const townships = await query<{ id: number }>(tx, sql`select id from organizations where parent_id = ${Number(county.id)} and type in ('township', 'subdistrict') order by sort_order, path`);
  const notes: Record<string, [number, string][]> = {
    party_study: [[10, '镇党委会议专题研究团的工作，会议纪要已上传'], [5, '党委会听取团委工作汇报，未形成专题纪要'], [10, '党委书记主持专题会议研究团建经费和阵地']],
    innovation: [[15, '“青春驿站”做法获县委组织部推广'], [10, '打造“茶乡青年”本地品牌'], [5, '按计划开展常规工作']],
  };
  const rows = townships.flatMap((t, i) =>
    (['party_study', 'innovation'] as const).filter((k) => !(k === 'innovation' && i % 4 === 3)).map((k) => {
      const [score, note] = notes[k]![i % 3]!;
      return sql`(${Number(scheme!.id)}, ${Number(t.id)}, ${k}, ${score}, ${note}, ${`${opts.year}-11-1${i % 9}`}::date)`;
    }),
  );
  if (rows.length) await tx.execute(sql`insert into assessment_manual_scores (scheme_id, org_id, indicator_key, score, note, scored_on) values ${sql.join(rows, sql`, `)}`);
}

/** The work figures of the catalogue (推优入党, 团籍注册, 团费, 志愿服务, 青年之声, 团代表联系) in a scheme, with each scoring rule. */
export const DEMO_WORK_SCHEME_INDICATORS = [
  { key: 'party', label: '推优入党比例', metric: 'party_recommend_rate', weight: 10, target: 5, direction: 'higher' },
  { key: 'registration', label: '团籍注册率', metric: 'registration_rate', weight: 20, target: 95, direction: 'higher' },
  {
    key: 'dues',
    label: '团费收缴率',
    metric: 'dues_collection_rate',
    weight: 20,
    target: 100,
    direction: 'higher',
    scoring: 'threshold',
    steps: [
      { value: 95, score: 20 },
      { value: 85, score: 15 },
      { value: 70, score: 10 },
    ],
  },
  { key: 'hours', label: '团员人均志愿服务时长', metric: 'volunteer_hours_per_member', weight: 15, target: 0, direction: 'higher', scoring: 'rank' },
  { key: 'appeals', label: '青年之声按时答复率', metric: 'appeal_ontime_rate', weight: 15, target: 95, direction: 'higher' },
  { key: 'deputies', label: '团代表联系团支部覆盖率', metric: 'deputy_liaison_rate', weight: 20, target: 30, direction: 'higher' },
] as const;

export async function seedWorkFiguresSchemeDemo(tx: Tx, opts: { year: number }): Promise<void> {
  const [county] = await query<{ id: number }>(tx, sql`select id from organizations where type = 'county' order by id limit 1`);
  if (!county) return;
  await tx.execute(sql`insert into assessment_schemes (org_id, year, title, indicators, status)
      values (${Number(county.id)}, ${opts.year}, ${`${opts.year}年度乡镇团建工作考核（工作指标）`}, ${JSON.stringify(DEMO_WORK_SCHEME_INDICATORS)}::jsonb, 'published')`);
}

/**
 * 换届 (承德: all townships to complete 换届 by the end of August): the county's campaign over the township
 * committees whose term has ended or was never recorded (else the first four), deadline 31 August — past by
 * the demo's date, so those not re-elected show in 待办 of both sides.
 */
export async function seedCampaignDemo(tx: Tx, opts: { today: string; year: number }): Promise<void> {
  const [county] = await query<{ id: number }>(tx, sql`select id from organizations where type = 'county' order by id limit 1`);
  if (!county) return;
  const countyId = Number(county.id);
  let targets = await query<{ id: number }>(
    tx,
    sql`select o.id from organizations o
         where o.parent_id = ${countyId} and o.type in ('township', 'subdistrict') and o.status = 'active'
           and not exists (select 1 from committee_terms ct where ct.org_id = o.id and ct.ended_on is null
                             and (ct.started_on + make_interval(years => ct.length_years))::date > ${opts.today}::date)
         order by o.sort_order, o.path`,
  );
  if (!targets.length) targets = await query<{ id: number }>(tx, sql`select id from organizations where parent_id = ${countyId} and type in ('township', 'subdistrict') order by sort_order, path limit 4`);
  if (!targets.length) return;
  const title = `${opts.year}年乡镇团委限期换届`;
  const deadline = `${opts.year}-08-31`;
  const started = `${opts.year}-05-10`;
  const [c] = await query<{ id: number }>(tx, sql`insert into election_campaigns (org_id, title, deadline, started_on) values (${countyId}, ${title}, ${deadline}, ${started}) returning id`);
  await tx.execute(sql`insert into election_campaign_targets (campaign_id, campaign_org_id, org_id, title, deadline, started_on)
    values ${sql.join(targets.map((t) => sql`(${Number(c!.id)}, ${countyId}, ${Number(t.id)}, ${title}, ${deadline}::date, ${started}::date)`), sql`, `)}`);
}
