import type { SchoolStage } from '@tuanjian/domain';
import { Rng, chineseName, mobilePhone } from './random.js';
import type { AdminUnitSpec, OrgNode } from './tree.js';

/**
 * The demo county, modeled on 余庆县 as its 2010 report describes it: 9 towns
 * and 1 township, 69 villages/communities, township committees with general
 * branches and branches, a county-level organs working committee, school
 * committees (~155 school organizations), 15 non-public enterprise branches
 * and 1 social-organization branch, plus health centres and police stations.
 * Two villages are left without a branch so the coverage view has work to show,
 * and one enterprise branch is dissolved in history.
 *
 * `countyName`/`regionCode` let the same generator build every county of a
 * larger region (city, province) for benchmarks.
 */
export interface CountySpec {
  countyName: string;
  regionCode: string; // GB/T 2260 county code, 6 digits
  townships: { name: string; kind: 'town' | 'township' | 'subdistrict'; units: number; communities: number }[];
  seed: number;
}

export const YUQING: CountySpec = {
  countyName: '余庆县',
  regionCode: '520329',
  seed: 520329,
  townships: [
    { name: '白泥镇', kind: 'town', units: 9, communities: 3 },
    { name: '龙溪镇', kind: 'town', units: 7, communities: 1 },
    { name: '构皮滩镇', kind: 'town', units: 8, communities: 1 },
    { name: '大乌江镇', kind: 'town', units: 6, communities: 1 },
    { name: '敖溪镇', kind: 'town', units: 7, communities: 1 },
    { name: '龙家镇', kind: 'town', units: 7, communities: 1 },
    { name: '松烟镇', kind: 'town', units: 6, communities: 1 },
    { name: '关兴镇', kind: 'town', units: 6, communities: 1 },
    { name: '小腮镇', kind: 'town', units: 7, communities: 1 },
    { name: '花山苗族乡', kind: 'township', units: 6, communities: 0 },
  ],
};

const VILLAGE_WORDS = ['龙', '凤', '青', '石', '桥', '坪', '坝', '沟', '山', '河', '溪', '田', '水', '林', '松', '竹', '茶', '花', '官', '新', '红', '金', '银', '平', '安', '和', '兴', '旺', '高', '大'];
const ENTERPRISE_KINDS = ['茶业有限公司', '农业开发有限公司', '建材有限公司', '食品有限公司', '电子商务有限公司', '旅游开发有限公司', '物流有限公司', '服饰有限公司'];
const GOVERNMENT_BRANCHES = ['县教育局', '县公安局', '县财政局', '县农业农村局', '县卫生健康局', '县人民法院', '县人民检察院', '县人民医院'];

export function generateCounty(spec: CountySpec): OrgNode {
  const rng = new Rng(spec.seed);
  const short = spec.countyName.replace(/(县|区|市)$/, '');
  const usedVillageNames = new Set<string>();
  const contact = () => ({ contactName: chineseName(rng), contactPhone: mobilePhone(rng) });
  const node = (n: Omit<OrgNode, 'foundedOn'> & { foundedOn?: string }): OrgNode => ({ foundedOn: rng.date(1985, 2022), ...contact(), ...n });
  const branch = (name: string, sector: OrgNode['sector'], extra: Partial<OrgNode> = {}): OrgNode =>
    node({ name, type: 'branch', sector, ...extra });

  const classBranches = (prefix: string, grade: string, count: number, stage: SchoolStage) =>
    Array.from({ length: count }, (_, i) => branch(`${prefix}${grade}（${i + 1}）班团支部`, 'school', { schoolStage: stage }));

  const villageName = () => {
    for (;;) {
      const name = rng.pick(VILLAGE_WORDS) + rng.pick(VILLAGE_WORDS);
      if (!usedVillageNames.has(name) && name[0] !== name[1]) {
        usedVillageNames.add(name);
        return name;
      }
    }
  };

  let uncoveredLeft = 2;
  let nonPublicLeft = 15;
  const townships: OrgNode[] = spec.townships.map((t, ti) => {
    const townCode = `${spec.regionCode}${String(100 + ti + 1).padStart(3, '0')}`;
    const units: AdminUnitSpec[] = Array.from({ length: t.units }, (_, ui) => {
      const community = ui < t.communities;
      const base = villageName();
      return { code: `${townCode}${String(ui + 1).padStart(3, '0')}`, name: community ? `${base}社区` : `${base}村`, kind: community ? 'community' : 'village' };
    });
    const unitBranches = units.flatMap((u, ui) => {
      // The last village of the first two townships has no branch yet (coverage gap).
      if (u.kind === 'village' && ui === units.length - 1 && uncoveredLeft > 0 && ti < 2) {
        uncoveredLeft--;
        return [];
      }
      return [branch(`${t.name}${u.name}团支部`, u.kind === 'village' ? 'village' : 'community', { adminUnitCode: u.code })];
    });
    const school = node({
      name: `${short}县${t.name}中学团总支`,
      type: 'general_branch',
      sector: 'school',
      schoolStage: 'junior_middle',
      children: [
        ...classBranches(`${t.name}中学`, '九年级', rng.int(2, 4), 'junior_middle'),
        ...classBranches(`${t.name}中学`, '八年级', rng.int(1, 2), 'junior_middle'),
        branch(`${t.name}中学教职工团支部`, 'school', { schoolStage: 'junior_middle' }),
      ],
    });
    const primary = Array.from({ length: rng.int(1, 2) }, (_, i) =>
      branch(`${t.name}${i === 0 ? '中心' : '第二'}小学教职工团支部`, 'school'),
    );
    const enterprises: OrgNode[] = [];
    const wanted = ti === 0 ? 4 : ti < 5 ? 2 : 1;
    for (let i = 0; i < wanted && nonPublicLeft > 0; i++, nonPublicLeft--) {
      enterprises.push(branch(`贵州${short}${t.name.slice(0, 2)}${ENTERPRISE_KINDS[(ti + i) % ENTERPRISE_KINDS.length]}团支部`, 'non_public_enterprise'));
    }
    if (ti === 0) {
      enterprises.push(
        branch(`${t.name}页岩砖厂团支部`, 'non_public_enterprise', { dissolved: { on: '2019-06-30', reason: '企业关停，团员组织关系已转出' } }),
      );
    }
    const kind = t.kind === 'subdistrict' ? 'subdistrict' : 'township';
    return node({
      name: `共青团${spec.countyName}${t.name}委员会`,
      type: kind,
      sector: 'government',
      adminUnits: units,
      children: [
        school,
        ...primary,
        ...unitBranches,
        branch(`${t.name}卫生院团支部`, 'other'),
        ...(ti % 3 === 0 ? [branch(`${short}县公安局${t.name}派出所团支部`, 'government')] : []),
        ...enterprises,
      ],
    });
  });

  const seniorHigh = node({
    name: `${spec.countyName}中学团委`,
    type: 'unit_committee',
    sector: 'school',
    schoolStage: 'senior_middle',
    children: [
      ...['高一', '高二', '高三'].map((g) =>
        node({ name: `${spec.countyName}中学${g}年级团总支`, type: 'general_branch', sector: 'school', schoolStage: 'senior_middle', children: classBranches(`${spec.countyName}中学`, g, rng.int(7, 9), 'senior_middle') }),
      ),
      branch(`${spec.countyName}中学教职工团支部`, 'school', { schoolStage: 'senior_middle' }),
    ],
  });
  const secondHigh = node({
    name: `${spec.countyName}第二中学团委`,
    type: 'unit_committee',
    sector: 'school',
    schoolStage: 'senior_middle',
    children: [...classBranches(`${spec.countyName}第二中学`, '高二', 5, 'senior_middle'), ...classBranches(`${spec.countyName}第二中学`, '高三', 5, 'senior_middle')],
  });
  const vocational = node({
    name: `${spec.countyName}中等职业学校团委`,
    type: 'unit_committee',
    sector: 'school',
    schoolStage: 'vocational',
    children: ['机电专业部', '旅游专业部'].map((d) =>
      node({ name: `${spec.countyName}中等职业学校${d}团总支`, type: 'general_branch', sector: 'school', schoolStage: 'vocational', children: classBranches(`${spec.countyName}中职${d}`, '2025级', 4, 'vocational') }),
    ),
  });
  const cityMiddle = node({
    name: `${spec.countyName}城关第一中学团委`,
    type: 'unit_committee',
    sector: 'school',
    schoolStage: 'junior_middle',
    children: [...classBranches(`${spec.countyName}城关第一中学`, '九年级', 8, 'junior_middle'), branch(`${spec.countyName}城关第一中学教职工团支部`, 'school', { schoolStage: 'junior_middle' })],
  });
  const organs = node({
    name: `共青团${spec.countyName}直属机关工作委员会`,
    type: 'unit_committee',
    sector: 'government',
    children: GOVERNMENT_BRANCHES.map((g) => branch(`${short}${g}团支部`, 'government')),
  });

  return node({
    name: `共青团${spec.countyName}委员会`,
    type: 'county',
    sector: 'government',
    foundedOn: '1950-05-04',
    children: [
      ...townships,
      organs,
      seniorHigh,
      secondHigh,
      vocational,
      cityMiddle,
      branch(`${short}县城市建设投资有限公司团支部`, 'state_enterprise'),
      branch(`${short}县供电局团支部`, 'state_enterprise'),
      branch(`${short}县农村信用合作联社团支部`, 'state_enterprise'),
      branch(`${spec.countyName}大学生志愿者联盟团支部`, 'social_organization'),
      node({ name: `${spec.countyName}非公企业联合团支部`, type: 'joint_branch', sector: 'non_public_enterprise' }),
    ],
  });
}

/** Demo logins, each with the organization it manages (after writeTree has given ids). */
/** The published demo password (defined with the password rules, which refuse it as a new password). */
export { DEMO_PASSWORD } from '@tuanjian/domain';
export function demoAccounts(county: OrgNode) {
  const township = (name: string) => county.children!.find((c) => c.name.includes(name))!;
  const baini = township('白泥镇');
  const villageBranch = baini.children!.find((c) => c.sector === 'village')!;
  return [
    { username: 'county_admin', displayName: '县团委管理员', role: 'org_admin', org: county },
    { username: 'county_viewer', displayName: '县团委查看员', role: 'viewer', org: county },
    { username: 'baini_admin', displayName: '白泥镇团委书记', role: 'org_admin', org: baini },
    { username: 'longxi_admin', displayName: '龙溪镇团委书记', role: 'org_admin', org: township('龙溪镇') },
    { username: 'branch_secretary', displayName: `${villageBranch.name.replace('团支部', '')}团支部书记`, role: 'branch_secretary', org: villageBranch },
  ] as const;
}

/**
 * A larger region for benchmarks: a city (团市委) or province (团省委) made of
 * `counties` counties shaped like the demo county, each with its own names
 * and region codes, deterministic for a given seed.
 */
export function generateRegion(kind: 'city' | 'provincial', counties: number, seed = 1): OrgNode {
  const rng = new Rng(seed);
  const children: OrgNode[] = [];
  for (let i = 0; i < counties; i++) {
    const regionCode = String(100_000 + ((seed * 7919 + i * 13) % 800_000)).padStart(6, '0');
    const spec: CountySpec = {
      countyName: `${kind === 'city' ? '市' : '省'}属第${i + 1}县`,
      regionCode,
      seed: seed * 100_003 + i,
      townships: YUQING.townships.map((t) => ({ ...t, units: t.units + rng.int(-1, 2) })),
    };
    children.push(generateCounty(spec));
  }
  return {
    name: kind === 'city' ? '共青团示范市委员会' : '共青团示范省委员会',
    type: kind,
    sector: 'government',
    foundedOn: '1950-05-04',
    children,
  };
}
