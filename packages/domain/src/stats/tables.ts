import { DEVELOPMENT_STAGE_LABELS, DEVELOPMENT_STEPS } from '../people/development.js';
import { ORG_TYPE_LABELS, SECTOR_LABELS, SECTORS, type OrgType } from '../org/types.js';
import type { Rules } from '../rules/config.js';
import { NEW_SECTOR_STAT_TABLE } from '../registries/new-sector.js';

/**
 * The standard statistical tables (统计表) as data: each column is a figure
 * computed from an organization's subtree metrics (org_rollups, or a month-end
 * snapshot of them). The server fills rows (one per child organization plus a
 * total), the web client and the Excel export render the same grouped headers.
 */
export type Metrics = Record<string, number>;

export interface StatColumn {
  key: string;
  /** Header group (merged cell above), e.g. 按领域分. */
  group?: string;
  label: string;
  unit: '个' | '人' | '%';
  value: (m: Metrics, ctx: { year: number; rules: Rules }) => number;
  /** Ratios are recomputed for the total row from its own metrics, never summed. */
  ratio?: boolean;
}

export interface StatTable {
  key: string;
  title: string;
  columns: StatColumn[];
}

const get = (m: Metrics, k: string) => m[k] ?? 0;
const bornBetween = (m: Metrics, prefix: string, year: number, from: number, to: number) => {
  let s = 0;
  for (let age = from; age <= to; age++) s += get(m, `${prefix}:born:${year - age}`);
  return s;
};
const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0);
const youth = (m: Metrics, c: { year: number; rules: Rules }) => bornBetween(m, 'people', c.year, c.rules.ages.youthMin, c.rules.ages.youthMax);

/**
 * The people figures of a subtree, one definition for every screen (首页, 统计表, reports): from the
 * subtree's metrics, with ages on the statistical date (31 December of the year, i.e. year − year of
 * birth). Students are the registered students, members those with active membership.
 */
export const PEOPLE_AGE_BANDS: readonly (readonly [label: string, from: number, to: number])[] = [
  ['14—18岁', 14, 18],
  ['19—22岁', 19, 22],
  ['23—25岁', 23, 25],
  ['26—28岁', 26, 28],
  ['29—35岁', 29, 35],
];

export function peopleFigures(m: Metrics, c: { year: number; rules: Rules }) {
  const members = get(m, 'members:total');
  const youthCount = youth(m, c);
  const students = get(m, 'people:students');
  const studentMembers = get(m, 'members:students');
  const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10_000) / 10_000 : null);
  return {
    members,
    youth: youthCount,
    students,
    studentMembers,
    memberYouthRatio: ratio(members, youthCount),
    memberStudentRatio: ratio(studentMembers, students),
    male: get(m, 'members:male'),
    female: get(m, 'members:female'),
    /** Members whose age reaches the members' limit this year (本年度超龄). */
    dueToLeaveThisYear: get(m, `members:born:${c.year - c.rules.ages.memberMax}`),
    ageBands: PEOPLE_AGE_BANDS.map(([band, from, to]) => ({ band, members: bornBetween(m, 'members', c.year, from, to), youth: bornBetween(m, 'people', c.year, Math.max(from, c.rules.ages.youthMin), Math.min(to, c.rules.ages.youthMax)) })),
  };
}

const TYPE_COLUMNS: OrgType[] = ['township', 'subdistrict', 'unit_committee', 'general_branch', 'branch', 'joint_branch'];

export const STAT_TABLES: StatTable[] = [
  {
    key: 'organizations',
    title: '基层团组织情况统计表',
    columns: [
      { key: 'total', label: '团组织总数', unit: '个', value: (m) => get(m, 'orgs:total') },
      ...TYPE_COLUMNS.map((t) => ({ key: `type_${t}`, group: '按组织类型分', label: ORG_TYPE_LABELS[t], unit: '个' as const, value: (m: Metrics) => get(m, `orgs:type:${t}`) })),
      ...SECTORS.map((s) => ({ key: `sector_${s}`, group: '按所属领域分', label: SECTOR_LABELS[s], unit: '个' as const, value: (m: Metrics) => get(m, `orgs:sector:${s}`) })),
      { key: 'dissolved', label: '已撤销', unit: '个', value: (m) => get(m, 'orgs:dissolved') },
    ],
  },
  {
    key: 'members',
    title: '团员和青年情况统计表',
    columns: [
      { key: 'youth', label: '青年数', unit: '人', value: youth },
      { key: 'members', label: '团员数', unit: '人', value: (m) => get(m, 'members:total') },
      { key: 'member_youth', label: '团青比例', unit: '%', ratio: true, value: (m, c) => pct(get(m, 'members:total'), youth(m, c)) },
      { key: 'students', group: '学生', label: '在校学生', unit: '人', value: (m) => get(m, 'people:students') },
      { key: 'student_members', group: '学生', label: '学生团员', unit: '人', value: (m) => get(m, 'members:students') },
      { key: 'member_student', group: '学生', label: '团学比例', unit: '%', ratio: true, value: (m) => pct(get(m, 'members:students'), get(m, 'people:students')) },
      { key: 'male', group: '团员性别', label: '男', unit: '人', value: (m) => get(m, 'members:male') },
      { key: 'female', group: '团员性别', label: '女', unit: '人', value: (m) => get(m, 'members:female') },
      ...PEOPLE_AGE_BANDS.slice(0, 4).map(([label, from, to]) => ({
        key: `age_${from}`,
        group: '团员年龄（按出生年份）',
        label,
        unit: '人' as const,
        value: (m: Metrics, c: { year: number }) => bornBetween(m, 'members', c.year, from, to),
      })),
      { key: 'reaching_limit', label: '本年度超龄', unit: '人', value: (m, c) => get(m, `members:born:${c.year - c.rules.ages.memberMax}`) },
    ],
  },
  {
    key: 'development',
    title: '团员发展情况统计表',
    columns: [
      ...DEVELOPMENT_STEPS.slice(0, 7).map((s) => ({ key: `stage_${s}`, group: '在培养考察中', label: DEVELOPMENT_STAGE_LABELS[s], unit: '人' as const, value: (m: Metrics) => get(m, `cases:stage:${s}`) })),
      { key: 'approved', label: '本年度已批准入团', unit: '人', value: (m, c) => get(m, `cases:approved:${c.year}`) },
      { key: 'approved_last', label: '上年度批准入团', unit: '人', value: (m, c) => get(m, `cases:approved:${c.year - 1}`) },
    ],
  },
  // “三新” coverage (issue 17): its metrics come from the registry of units, not the rollups.
  NEW_SECTOR_STAT_TABLE,
];

export function statTable(key: string): StatTable | undefined {
  return STAT_TABLES.find((t) => t.key === key);
}

/** One row of figures for an organization's metrics. */
export function statRow(table: StatTable, m: Metrics, ctx: { year: number; rules: Rules }): number[] {
  return table.columns.map((c) => c.value(m, ctx));
}

/** Adds metric maps (the total row's metrics are the sum of its children's). */
export function sumMetrics(list: Metrics[]): Metrics {
  const out: Metrics = {};
  for (const m of list) for (const [k, v] of Object.entries(m)) out[k] = (out[k] ?? 0) + v;
  return out;
}
