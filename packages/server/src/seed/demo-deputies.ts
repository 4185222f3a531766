import { sql } from 'drizzle-orm';
import { congressTitle } from '@tuanjian/domain';
import type { Tx } from '../db/connection.js';
import { query } from '../db/sql.js';
import { placeName } from '../modules/registries/deputies.js';
import { Rng, chineseName, mobilePhone } from './random.js';

const CATEGORIES = ['团干部', '团员青年', '少先队辅导员', '非公企业', '新社会组织', '新就业群体', '农村青年', '机关事业单位', '学校', '优秀青年代表'];
const POSTS = ['村团支部书记', '社区团支部书记', '种植大户', '电商创业青年', '乡村医生', '小学少先队辅导员', '返乡创业青年', '合作社理事长', '快递站站长', '民宿经营者'];
const COMMITTEES: readonly [name: string, duties: string][] = [
  ['基层组织建设专委会', '调研基层团组织建设，联系“三新”领域团组织'],
  ['青年发展专委会', '调研青年就业创业、乡村振兴中的青年作为'],
  ['青少年权益保障专委会', '联系青少年权益保护和预防青少年违法犯罪工作'],
];
const TOPICS = ['参加主题团日并座谈', '走访了解团支部工作开展情况', '收集青年就业创业诉求', '宣讲团代会精神', '指导团支部规范化建设', '联系返乡青年交流'];
/** 贺州's figure: deputies contacting 114 branches in the year. */
const BRANCHES_CONTACTED = 114;

/**
 * 团代会代表 (issue 17, item 2): the county's 第十八次团代会 (opened three years
 * ago) with about 150 deputies by constituency (the townships, and the county's
 * own units), 12 代表联络站 (one per township, the rest in the county seat), 3
 * 专委会, and the deputies' liaisons: each township deputy contacts a branch
 * of the township; the year's contacts reach 114 branches (as many as the demo
 * has when fewer). The deputies the cadres demo created (workUnit
 * “县第十八次团代会代表…”, liaisons of role deputy) are registered with their
 * cadre and their liaisons attached.
 */
export async function seedDeputiesDemo(tx: Tx, opts: { today: string; year: number }): Promise<void> {
  const rng = new Rng(20261802);
  const [county] = await query<{ id: number; name: string; path: string }>(tx, sql`select id, name, path::text as path from organizations where type = 'county' order by id limit 1`);
  if (!county) return;
  const y = opts.year;
  const openedOn = `${y - 3}-05-20`;
  const title = congressTitle({ placeName: placeName(county.name), term: 18 });
  const [congress] = await query<{ id: number }>(
    tx,
    sql`insert into congresses (org_id, level, term, title, opened_on, ends_on) values (${county.id}, 'county', 18, ${title}, ${openedOn}, ${`${y + 2}-05-19`}) returning id`,
  );
  const congressId = Number(congress!.id);
  const townships = await query<{ id: number; name: string; path: string }>(
    tx,
    sql`select id, name, path::text as path from organizations where parent_id = ${county.id} and type in ('township', 'subdistrict') and status = 'active' order by sort_order, path`,
  );
  // 12 stations: one per township, the rest in the county seat.
  const stationRows = townships.slice(0, 12).map((t) => ({ orgId: Number(t.id), name: `${placeName(t.name).replace(placeName(county.name), '')}团代表联络站`, address: `${placeName(t.name)}青年之家` }));
  for (let k = 0; stationRows.length < 12; k++) stationRows.push({ orgId: Number(county.id), name: `县城第${k + 1}团代表联络站`, address: `县城青年之家（${k + 1}）` });
  const stations = await query<{ id: number; org_id: number }>(
    tx,
    sql`insert into deputy_stations (org_id, congress_id, name, address, opened_on)
        values ${sql.join(stationRows.map((s) => sql`(${s.orgId}, ${congressId}, ${s.name}, ${s.address}, ${`${y - 2}-03-01`}::date)`), sql`, `)} returning id, org_id`,
  );
  const committees = await query<{ id: number }>(
    tx,
    sql`insert into deputy_committees (org_id, congress_id, name, duties)
        values ${sql.join(COMMITTEES.map(([name, duties]) => sql`(${county.id}, ${congressId}, ${name}, ${duties})`), sql`, `)} returning id`,
  );
  const seat = stations.filter((s) => Number(s.org_id) === Number(county.id));
  const stationOf = (orgId: number, k: number) => {
    const own = orgId === Number(county.id) ? undefined : stations.find((s) => Number(s.org_id) === orgId);
    return Number((own ?? seat[k % Math.max(1, seat.length)] ?? stations[k % stations.length]!).id);
  };
  // The cadres demo's deputies (one per township, outside the establishment).
  const cadreDeputies = await query<{ id: number; org_id: number; name: string; gender: 'male' | 'female'; birth_date: string; person_id: number | null }>(
    tx,
    sql`select c.id, c.org_id, c.name, c.gender, c.birth_date::text as birth_date, c.person_id from cadres c
         where exists (select 1 from liaisons l where l.cadre_id = c.id and l.role = 'deputy') order by c.id`,
  );
  type Row = { orgId: number; name: string; gender: 'male' | 'female'; birth: string; cadreId: number | null; personId: number | null; post: string; cats: string[] };
  const perTownship = new Map<number, Row[]>();
  const add = (orgId: number, r: Omit<Row, 'orgId'>) => perTownship.set(orgId, [...(perTownship.get(orgId) ?? []), { orgId, ...r }]);
  for (const c of cadreDeputies) {
    add(Number(c.org_id), { name: c.name, gender: c.gender, birth: c.birth_date, cadreId: Number(c.id), personId: c.person_id, post: '乡镇团委兼职委员', cats: ['团干部', '农村青年'] });
  }
  const target = 150;
  const countyOwn = 20;
  for (let k = 0; perTownship.size === 0 || [...perTownship.values()].reduce((s, l) => s + l.length, 0) < target - countyOwn; k++) {
    const t = townships[k % Math.max(1, townships.length)];
    if (!t) break;
    const post = rng.pick(POSTS);
    add(Number(t.id), {
      name: chineseName(rng),
      gender: rng.chance(0.45) ? 'female' : 'male',
      birth: `${y - rng.int(20, 36)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      cadreId: null,
      personId: null,
      post,
      cats: [/团支部书记/.test(post) ? '团干部' : /辅导员/.test(post) ? '少先队辅导员' : /快递/.test(post) ? '新就业群体' : '农村青年', ...(rng.chance(0.3) ? ['优秀青年代表'] : [])],
    });
  }
  for (let k = 0; k < countyOwn; k++) {
    add(Number(county.id), {
      name: chineseName(rng),
      gender: rng.chance(0.5) ? 'female' : 'male',
      birth: `${y - rng.int(23, 38)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      cadreId: null,
      personId: null,
      post: rng.pick(['县直机关团委书记', '县人民医院团委书记', '县中学团委书记', '非公企业团支部书记', '县青年志愿者协会秘书长']),
      cats: [rng.pick(['机关事业单位', '学校', '非公企业', '新社会组织'])],
    });
  }
  const rows = [...perTownship.values()].flat();
  const members = new Map<number, number>();
  const values = rows.map((r, k) => {
    const committee = k % 5 === 0 ? Number(committees[(k / 5) % committees.length]!.id) : null;
    // Each 专委会: its first member 主任, the next two 副主任, the rest 委员.
    const nth = committee === null ? 0 : (members.get(committee) ?? 0);
    if (committee !== null) members.set(committee, nth + 1);
    const role = committee === null ? null : nth === 0 ? '主任' : nth <= 2 ? '副主任' : '委员';
    const terminated = k % 53 === 7;
    return sql`(${r.orgId}, ${congressId}, ${title}, ${r.personId}, ${r.cadreId}, ${r.name}, ${r.gender}, ${r.birth}::date, ${rng.chance(0.8) ? '01' : rng.pick(['06', '37', '18'])},
                ${rng.pick(['01', '03', '03', '13'])}, ${r.post}, ${mobilePhone(rng)}, ${sql.param(r.cats)}::text[], ${stationOf(r.orgId, k)}, ${committee}, ${role},
                ${terminated ? 'terminated' : 'serving'}, ${terminated ? `${y - 1}-09-30` : null}::date, ${terminated ? '工作调动离开本县' : null})`;
  });
  const deputies = await query<{ id: number; org_id: number; cadre_id: number | null; status: string }>(
    tx,
    sql`insert into congress_deputies (org_id, congress_id, congress_title, person_id, cadre_id, name, gender, birth_date, ethnicity, political_status, unit_post, phone,
                                       categories, station_id, committee_id, committee_role, status, terminated_on, termination_reason)
        values ${sql.join(values, sql`, `)} returning id, org_id, cadre_id, status`,
  );
  // The cadres demo's deputy liaisons name their deputy now (one liaison mechanism).
  await tx.execute(sql`update liaisons l set deputy_id = d.id from congress_deputies d where d.cadre_id = l.cadre_id and l.role = 'deputy' and l.deputy_id is null`);

  // Township deputies each contact a branch of their township; 114 branches (or all there are) contacted this year.
  const since = `${y - 2}-03-01`;
  const branchesOf = new Map<number, number[]>();
  for (const t of townships) {
    const b = await query<{ id: number }>(tx, sql`select id from organizations where path <@ ${t.path}::ltree and status = 'active' and type in ('branch', 'joint_branch') order by path`);
    branchesOf.set(Number(t.id), b.map((x) => Number(x.id)));
  }
  // The county's own deputies contact branches of the county's units and schools (outside the townships).
  const unitBranches = await query<{ id: number }>(
    tx,
    sql`select b.id from organizations b where b.path <@ ${county.path}::ltree and b.status = 'active' and b.type in ('branch', 'joint_branch')
          and not exists (select 1 from organizations t where t.parent_id = ${county.id} and t.type in ('township', 'subdistrict') and b.path <@ t.path) order by b.path`,
  );
  branchesOf.set(Number(county.id), unitBranches.map((x) => Number(x.id)));
  // Round robin over the constituencies, so that the year's 114 branches spread over the county.
  const byOrg = new Map<number, typeof deputies>();
  for (const d of deputies) if (d.status === 'serving' && d.cadre_id === null) byOrg.set(Number(d.org_id), [...(byOrg.get(Number(d.org_id)) ?? []), d]);
  const serving: typeof deputies = [];
  for (let k = 0; serving.length < [...byOrg.values()].reduce((s, l) => s + l.length, 0); k++) for (const l of byOrg.values()) if (l[k]) serving.push(l[k]!);
  const used = new Map<number, number>();
  const liaisonRows: { deputyId: number; branchId: number; contactThisYear: boolean }[] = [];
  // Branches the attached liaisons (the cadres demo's deputies) already contacted this year count toward the 114.
  const already = await query<{ org_id: number }>(
    tx,
    sql`select distinct lc.org_id from liaison_contacts lc join liaisons l on l.id = lc.liaison_id join organizations o on o.id = lc.org_id
         where l.deputy_id is not null and o.type in ('branch', 'joint_branch') and lc.contacted_on >= ${`${y}-01-01`}::date`,
  );
  const contacted = new Set<number>(already.map((a) => Number(a.org_id)));
  for (const d of serving) {
    const own = branchesOf.get(Number(d.org_id)) ?? [];
    if (!own.length) continue;
    const k = used.get(Number(d.org_id)) ?? 0;
    used.set(Number(d.org_id), k + 1);
    const branchId = own[k % own.length]!;
    const fresh = !contacted.has(branchId);
    const contactThisYear = contacted.size < BRANCHES_CONTACTED ? true : !fresh && rng.chance(0.5);
    if (contactThisYear) contacted.add(branchId);
    liaisonRows.push({ deputyId: Number(d.id), branchId, contactThisYear });
  }
  if (!liaisonRows.length) return;
  const liaisons = await query<{ id: number; deputy_id: number; org_id: number }>(
    tx,
    sql`insert into liaisons (org_id, deputy_id, role, target_org_id, since)
        values ${sql.join(liaisonRows.map((l) => sql`(${l.branchId}, ${l.deputyId}, 'deputy', ${l.branchId}, ${since}::date)`), sql`, `)} returning id, deputy_id, org_id`,
  );
  const dayOfYear = Math.max(1, Math.floor((Date.parse(opts.today) - Date.parse(`${y}-01-01`)) / 86_400_000));
  const dateIn = (offset: number) => new Date(Date.parse(`${y}-01-01`) + (offset % dayOfYear) * 86_400_000).toISOString().slice(0, 10);
  const contactRows: ReturnType<typeof sql>[] = [];
  liaisons.forEach((l, k) => {
    const plan = liaisonRows[k]!;
    // Last year's contact for every liaison; this year's one to three for the contacting deputies.
    contactRows.push(sql`(${l.id}, ${l.org_id}, ${`${y - 1}-${String(1 + (k % 12)).padStart(2, '0')}-15`}::date, ${rng.pick(['visit', 'meeting', 'phone', 'online'])}, ${rng.pick(TOPICS)})`);
    if (!plan.contactThisYear) return;
    for (let c = 0; c < 1 + (k % 3); c++) {
      contactRows.push(sql`(${l.id}, ${l.org_id}, ${dateIn(k * 13 + c * 47)}::date, ${rng.pick(['visit', 'meeting', 'phone', 'online'])}, ${rng.pick(TOPICS)})`);
    }
  });
  await tx.execute(sql`insert into liaison_contacts (liaison_id, org_id, contacted_on, method, content) values ${sql.join(contactRows, sql`, `)}`);
}
