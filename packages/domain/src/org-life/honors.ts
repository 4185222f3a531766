import type { Rules } from '../rules/config.js';
import type { OrgType } from '../org/types.js';
import { ageOn } from '../people/idcard.js';
import { shiftDays } from './periods.js';

/**
 * Honors (两红两优 and others): a campaign per honor type and year; an
 * organization nominates a person, a cadre or an organization; eligibility is
 * checked; the committee reviews; the list is publicly noticed; then awarded.
 */
export const HONOR_TYPES = [
  'may4_red_flag_committee',
  'may4_red_flag_branch',
  'excellent_member',
  'excellent_cadre',
  'youth_civilization',
  'post_expert',
  'outstanding_youth',
  'excellent_pioneer',
  'excellent_counselor',
] as const;
export type HonorType = (typeof HONOR_TYPES)[number];

export type NomineeKind = 'person' | 'cadre' | 'org';
export const NOMINEE_KIND_LABELS: Record<NomineeKind, string> = { person: '个人', cadre: '团干部', org: '组织' };

export interface HonorTypeInfo {
  label: string;
  nominee: NomineeKind;
  /** Organization nominees: which kinds of organization. */
  orgTypes?: readonly OrgType[];
  /** 两红两优 */
  twoRedTwoExcellent?: boolean;
}

export const HONOR_TYPE_INFO: Record<HonorType, HonorTypeInfo> = {
  may4_red_flag_committee: { label: '五四红旗团委', nominee: 'org', orgTypes: ['county', 'township', 'subdistrict', 'unit_committee'], twoRedTwoExcellent: true },
  may4_red_flag_branch: { label: '五四红旗团支部', nominee: 'org', orgTypes: ['branch', 'joint_branch'], twoRedTwoExcellent: true },
  excellent_member: { label: '优秀共青团员', nominee: 'person', twoRedTwoExcellent: true },
  excellent_cadre: { label: '优秀共青团干部', nominee: 'cadre', twoRedTwoExcellent: true },
  youth_civilization: { label: '青年文明号', nominee: 'org' },
  post_expert: { label: '青年岗位能手', nominee: 'person' },
  outstanding_youth: { label: '杰出青年', nominee: 'person' },
  excellent_pioneer: { label: '优秀少先队员', nominee: 'person' },
  excellent_counselor: { label: '优秀少先队辅导员', nominee: 'person' },
};
export const HONOR_TYPE_LABELS = Object.fromEntries(HONOR_TYPES.map((t) => [t, HONOR_TYPE_INFO[t].label])) as Record<HonorType, string>;

export const HONOR_CAMPAIGN_STATUSES = ['nominating', 'publicizing', 'closed'] as const;
export type HonorCampaignStatus = (typeof HONOR_CAMPAIGN_STATUSES)[number];
export const HONOR_CAMPAIGN_STATUS_LABELS: Record<HonorCampaignStatus, string> = { nominating: '推荐评审中', publicizing: '公示中', closed: '已授予' };

export const NOMINATION_STATUSES = ['nominated', 'ineligible', 'reviewed', 'publicized', 'awarded', 'rejected'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];
export const NOMINATION_STATUS_LABELS: Record<NominationStatus, string> = {
  nominated: '待审核',
  ineligible: '不符合条件',
  reviewed: '审核通过',
  publicized: '公示中',
  awarded: '已授予',
  rejected: '未通过',
};
/** Nominations that still hold the nominee's place in a campaign. */
export const LIVE_NOMINATION_STATUSES: readonly NominationStatus[] = ['nominated', 'reviewed', 'publicized', 'awarded'];

/**
 * Days of public notice before an award. Not yet a rule setting (the rules
 * have 公示天数 only for cadre selection): a named constant until
 * `youthWork.honorNoticeDays` exists.
 */
export const HONOR_NOTICE_DAYS = 5;
/**
 * 五四红旗团委/团支部: share of the previous year's required meetings held
 * (三会两制一课) below which an organization is not eligible. Named constant
 * until a rule setting exists.
 */
export const HONOR_ORG_MIN_COMPLIANCE = 0.8;
/** Adults (a counselor of the Young Pioneers) by law, not a provincial rule. */
export const ADULT_AGE = 18;

export interface NomineeFacts {
  person?: {
    name: string;
    birthDate: string;
    memberStatus: string | null;
    /** Years the member was registered (团籍注册, status registered). */
    registeredYears: readonly number[];
    appraisals: readonly { year: number; grade: string }[];
  };
  cadre?: { name: string; birthDate: string; holdsPost: boolean };
  org?: { name: string; type: OrgType | string; status: string; complianceRate: number | null };
}

const GOOD_GRADES = ['excellent', 'qualified'];
const GRADE_LABELS: Record<string, string> = { excellent: '优秀', qualified: '合格', basically_qualified: '基本合格', unqualified: '不合格' };

/** Why the nominee cannot receive the honor in the campaign's year (empty = eligible). */
export function honorEligibility(type: HonorType, facts: NomineeFacts, campaign: { year: number; on: string }, rules: Rules): string[] {
  const info = HONOR_TYPE_INFO[type];
  const problems: string[] = [];
  const kindOf: NomineeKind | null = facts.person ? 'person' : facts.cadre ? 'cadre' : facts.org ? 'org' : null;
  if (kindOf !== info.nominee) return [`“${info.label}”的推荐对象应为${NOMINEE_KIND_LABELS[info.nominee]}`];
  const { ages } = rules;
  if (facts.person) {
    const p = facts.person;
    const age = ageOn(p.birthDate, campaign.on);
    switch (type) {
      case 'excellent_member': {
        if (p.memberStatus !== 'active') problems.push(`${p.name}不是在册团员`);
        if (!p.registeredYears.some((y) => y === campaign.year || y === campaign.year - 1)) {
          problems.push(`${p.name}未完成${campaign.year - 1}年或${campaign.year}年团籍注册`);
        }
        const latest = [...p.appraisals].filter((a) => a.year >= campaign.year - 1 && a.year <= campaign.year).sort((a, b) => b.year - a.year)[0];
        if (!latest) problems.push(`${p.name}没有${campaign.year - 1}年度团员教育评议结果`);
        else if (!GOOD_GRADES.includes(latest.grade)) problems.push(`${p.name}${latest.year}年度教育评议为“${GRADE_LABELS[latest.grade] ?? latest.grade}”，须为优秀或合格`);
        break;
      }
      case 'post_expert':
      case 'outstanding_youth':
        if (age < ages.youthMin || age > ages.youthMax) problems.push(`${p.name}${age}周岁，不在青年年龄（${ages.youthMin}—${ages.youthMax}周岁）内`);
        break;
      case 'excellent_pioneer':
        if (age < ages.pioneerMin || age > ages.pioneerMax) problems.push(`${p.name}${age}周岁，不在少先队员年龄（${ages.pioneerMin}—${ages.pioneerMax}周岁）内`);
        break;
      case 'excellent_counselor':
        if (age < ADULT_AGE) problems.push(`${p.name}未满${ADULT_AGE}周岁，不能作为少先队辅导员推荐`);
        break;
    }
  }
  if (facts.cadre) {
    const c = facts.cadre;
    if (!c.holdsPost) problems.push(`${c.name}目前未担任团内职务`);
    const age = ageOn(c.birthDate, campaign.on);
    if (age > ages.cadreMaxSpecial) problems.push(`${c.name}${age}周岁，超过团干部年龄上限（${ages.cadreMaxSpecial}周岁）`);
  }
  if (facts.org) {
    const o = facts.org;
    if (o.status !== 'active') problems.push(`${o.name}已撤销`);
    if (info.orgTypes && !info.orgTypes.includes(o.type as OrgType)) problems.push(`“${info.label}”只能推荐${info.nominee === 'org' && type === 'may4_red_flag_branch' ? '团支部' : '团委'}，${o.name}不符合`);
    if (type === 'may4_red_flag_branch' || type === 'may4_red_flag_committee') {
      if (o.complianceRate === null) problems.push(`${o.name}${campaign.year - 1}年没有应开展的组织生活记录`);
      else if (o.complianceRate < HONOR_ORG_MIN_COMPLIANCE) {
        problems.push(`${o.name}${campaign.year - 1}年“三会两制一课”完成率${Math.round(o.complianceRate * 1000) / 10}%，低于${HONOR_ORG_MIN_COMPLIANCE * 100}%`);
      }
    }
  }
  return problems;
}

export function nominationProblems(campaign: { status: string }, duplicate: boolean): string[] {
  const problems: string[] = [];
  if (campaign.status !== 'nominating') problems.push('该评选已进入公示或已结束，不能再推荐');
  if (duplicate) problems.push('该对象已在本次评选中被推荐');
  return problems;
}

export type NominationAction = 'review' | 'object';

export function nominationActionProblems(n: { status: string }, campaign: { status: string }, action: NominationAction): string[] {
  const label = NOMINATION_STATUS_LABELS[n.status as NominationStatus] ?? n.status;
  if (action === 'review') {
    if (campaign.status !== 'nominating') return ['该评选已进入公示或已结束，不能再审核'];
    if (n.status !== 'nominated') return [`该推荐${label}，不能再审核`];
  }
  if (action === 'object' && (campaign.status !== 'publicizing' || n.status !== 'publicized')) return ['只有公示期内的推荐可以因异议撤销'];
  return [];
}

export function publicizeProblems(campaign: { status: string }, counts: { nominated: number; reviewed: number }): string[] {
  if (campaign.status !== 'nominating') return ['该评选已公示或已结束'];
  const problems: string[] = [];
  if (counts.nominated > 0) problems.push(`还有${counts.nominated}个推荐未审核`);
  if (counts.reviewed === 0) problems.push('没有审核通过的推荐，无需公示');
  return problems;
}

export function honorNoticePeriod(from: string): { from: string; to: string } {
  return { from, to: shiftDays(from, HONOR_NOTICE_DAYS - 1) };
}

/** The notice period written into a nomination's note, readable by people and by parseHonorNotice. */
export function honorNoticeNote(period: { from: string; to: string }): string {
  return `公示期：${period.from}至${period.to}`;
}

export function parseHonorNotice(note: string | null | undefined): { from: string; to: string } | null {
  const m = /公示期：(\d{4}-\d{2}-\d{2})至(\d{4}-\d{2}-\d{2})/.exec(note ?? '');
  return m ? { from: m[1]!, to: m[2]! } : null;
}

export function awardProblems(campaign: { status: string }, notice: { to: string } | null, awardedOn: string, today: string): string[] {
  if (campaign.status !== 'publicizing') return [campaign.status === 'closed' ? '该评选已授予' : '请先公示审核通过的推荐'];
  const problems: string[] = [];
  if (awardedOn > today) problems.push('授予日期不能晚于今天');
  if (notice && awardedOn <= notice.to) problems.push(`公示期至${notice.to}，公示期满后方可授予`);
  return problems;
}
