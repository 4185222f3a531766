/**
 * Organization kinds and sectors of the league's grassroots structure
 * (see shared/domain.md, "Organizations"). Codes are English identifiers;
 * labels are what users read.
 */

export const ORG_TYPES = [
  'central',
  'provincial',
  'city',
  'county',
  'township',
  'subdistrict',
  'unit_committee',
  'youth_work_committee',
  'general_branch',
  'branch',
  'joint_branch',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  central: '团中央',
  provincial: '团省委',
  city: '团市委',
  county: '团县委',
  township: '乡镇团委',
  subdistrict: '街道团工委',
  unit_committee: '基层团委',
  youth_work_committee: '青年工作委员会',
  general_branch: '团总支',
  branch: '团支部',
  joint_branch: '联合团支部',
};

/** Rank in the hierarchy: a child must rank strictly below its parent. */
const ORG_TYPE_RANK: Record<OrgType, number> = {
  central: 0,
  provincial: 1,
  city: 2,
  county: 3,
  township: 4,
  subdistrict: 4,
  unit_committee: 5,
  youth_work_committee: 5,
  general_branch: 6,
  branch: 7,
  joint_branch: 7,
};

/** Which parent types each type may sit under. Committees of units may sit
 *  directly under any committee from county up (e.g. a county-owned SOE), or
 *  under a township (a township school). */
export const ALLOWED_PARENTS: Record<OrgType, readonly OrgType[]> = {
  central: [],
  provincial: ['central'],
  city: ['provincial'],
  county: ['city', 'provincial'],
  township: ['county'],
  subdistrict: ['county'],
  unit_committee: ['central', 'provincial', 'city', 'county', 'township', 'subdistrict', 'unit_committee'],
  youth_work_committee: ['township', 'subdistrict'],
  general_branch: ['county', 'township', 'subdistrict', 'unit_committee'],
  branch: ['county', 'township', 'subdistrict', 'unit_committee', 'general_branch'],
  joint_branch: ['county', 'township', 'subdistrict', 'unit_committee', 'general_branch'],
};

export function orgTypeRank(type: OrgType): number {
  return ORG_TYPE_RANK[type];
}

/** Branch-level organizations: where members belong (团支部, 联合团支部). */
export function isBranchType(type: OrgType): boolean {
  return type === 'branch' || type === 'joint_branch';
}

export const SECTORS = [
  'school',
  'government',
  'state_enterprise',
  'non_public_enterprise',
  'social_organization',
  'community',
  'village',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS: Record<Sector, string> = {
  school: '学校',
  government: '机关事业单位',
  state_enterprise: '国有企业',
  non_public_enterprise: '非公企业',
  social_organization: '新社会组织',
  community: '社区',
  village: '农村',
  other: '其他',
};

/** School sub-kinds (学段) for school-sector organizations. */
export const SCHOOL_STAGES = ['junior_middle', 'senior_middle', 'vocational', 'college'] as const;
export type SchoolStage = (typeof SCHOOL_STAGES)[number];
export const SCHOOL_STAGE_LABELS: Record<SchoolStage, string> = {
  junior_middle: '初中',
  senior_middle: '高中',
  vocational: '中职',
  college: '高校',
};

/** "三新" sectors: new economic and social organizations. */
export const NEW_SECTORS: readonly Sector[] = ['non_public_enterprise', 'social_organization'];

export const ORG_STATUSES = ['active', 'dissolved'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];
export const ORG_STATUS_LABELS: Record<OrgStatus, string> = { active: '正常', dissolved: '已撤销' };

/** Administrative units served for coverage (村级团组织设置、应建尽建). */
export const ADMIN_UNIT_KINDS = ['village', 'community'] as const;
export type AdminUnitKind = (typeof ADMIN_UNIT_KINDS)[number];
export const ADMIN_UNIT_KIND_LABELS: Record<AdminUnitKind, string> = { village: '村', community: '社区' };
