import type { Rules } from '../rules/config.js';
import type { OrgType } from '../org/types.js';
import { ageOn, parseIdCard } from '../people/idcard.js';
import { memberAdmissionProblems } from '../people/member-number.js';
import { POLITICAL, politicalStatusName } from '../people/codes.js';

/**
 * Data quality (数据质量): what the national system finds only in periodic
 * clean-ups, listed per subtree with a link to fix each item. Every check is
 * computed from the records as they are now, so a count drops as soon as the
 * record is fixed.
 */

export const QUALITY_CHECKS = ['branch_too_small', 'branch_too_large', 'org_name', 'member_fields', 'two_places', 'no_secretary'] as const;
export type QualityCheck = (typeof QUALITY_CHECKS)[number];

/** Titles of the checks (sizes from the rules). */
export function qualityCheckLabel(check: QualityCheck, rules: Rules): string {
  switch (check) {
    case 'branch_too_small':
      return `团员少于${rules.organization.branchMinMembers}人的团支部`;
    case 'branch_too_large':
      return `团员多于${rules.organization.branchMaxMembers}人的团支部`;
    case 'org_name':
      return '名称不规范的团组织（应为“单位全称＋组织类型”）';
    case 'member_fields':
      return '信息缺失或不一致的团员';
    case 'two_places':
      return '“一人多处”：同一身份证号在不同组织登记';
    case 'no_secretary':
      return '未配备书记的团组织';
  }
}

/** What to do about an item of each check (shown beside the list). */
export const QUALITY_CHECK_HINTS: Record<QualityCheck, string> = {
  branch_too_small: '团员不足的团支部可与相邻单位组建联合团支部，或撤并',
  branch_too_large: '团员过多的团支部可按班组、部门分设团支部，并成立团总支',
  org_name: '按“单位全称＋团支部（团总支）”修改组织名称，不用简称',
  member_fields: '补齐联系电话、学历、团员编号、入团时间，核对与身份证号不一致的出生日期、性别',
  two_places: '核实该同志实际所在组织，办理组织关系转接或更正关联',
  no_secretary: '选配团组织书记，并在团干部管理中登记任职',
};

/** Whether a branch's member count is outside the configured size. */
export function branchSizeProblem(members: number, rules: Rules): 'branch_too_small' | 'branch_too_large' | null {
  if (members < rules.organization.branchMinMembers) return 'branch_too_small';
  if (members > rules.organization.branchMaxMembers) return 'branch_too_large';
  return null;
}

/** Organization types whose names the naming rule covers, with the type word each name must end with. */
export const NAMED_TYPE_SUFFIX: Partial<Record<OrgType, string>> = {
  branch: '团支部',
  joint_branch: '联合团支部',
  general_branch: '团总支',
};

const TYPE_WORDS = /(青年工作委员会|工作委员会|委员会|团工委|团委|联合团支部|团支部|团总支)$/;
const REGION_PREFIX = /^(.+?[省市县区旗])(.{3,})$/;
const SCHOOL_WORD = /(中学|小学|学校|学院|大学|幼儿园)/;
/** Endings of a unit's full legal name (a company, a hospital, a village…): such a name stands on its own. */
const UNIT_ENDING = /(有限责任公司|有限公司|股份公司|公司|集团|合作社|联合社|联社|厂|银行|医院|卫生院|派出所|法院|检察院|局|办公室|中心|学校|中学|小学|学院|大学|幼儿园|村|社区|协会|商会|联盟)$/;
/** Grades, class numbers and ordinals: what is left of a name without its unit. */
const CLASS_TOKENS = /[（(]?[0-9０-９一二三四五六七八九十百零]+[)）]?|高[一二三]|初[一二三]|[七八九]年级|年级|班|级|届|组|部|队/g;

/** The unit an organization's name stands for: "共青团余庆县白泥镇委员会" → "余庆县白泥镇". */
export function unitOfName(name: string): string {
  return name.replace(/^共青团/, '').replace(TYPE_WORDS, '');
}

/** Names a child's name may build on: the unit, and for "余庆县白泥镇" also "余庆县" and "白泥镇". */
export function unitCores(name: string): string[] {
  const unit = unitOfName(name);
  const out = [unit];
  const m = REGION_PREFIX.exec(unit);
  if (m) out.push(m[1]!, m[2]!);
  return out.filter((c) => c.length >= 2);
}

/**
 * Why an organization's name breaks the naming rule "full name of the unit +
 * type" (null = fine): it must end with its type word; it must not be a bare
 * class or number ("三班团支部"); and it must carry a full name — one of its
 * ancestors' units (a class branch: its school's), or a unit's full legal name
 * ("…有限公司", "…村"). `ancestors` are those the caller can see, nearest
 * last; without any, only the first two rules apply.
 */
export function orgNameProblem(org: { name: string; type: OrgType; sector?: string }, ancestors: readonly { name: string }[]): string | null {
  const suffix = NAMED_TYPE_SUFFIX[org.type];
  if (!suffix) return null;
  const name = org.name.trim();
  if (!name.endsWith(suffix) || (org.type === 'branch' && name.endsWith('联合团支部'))) return `名称应以“${suffix}”结尾`;
  const body = name.slice(0, -suffix.length);
  if (body.replace(CLASS_TOKENS, '').trim().length < 2) return '名称只有班级或序号，缺少单位全称';
  if (!ancestors.length) return null;
  const isClass = org.sector === 'school' && /班$/.test(body);
  // A class branch carries its school's name ("白泥镇中学…"), not only the county's.
  const schoolCores = ancestors.flatMap((a) => unitCores(a.name)).filter((c) => SCHOOL_WORD.test(c));
  const cores = isClass && schoolCores.length ? schoolCores : ancestors.flatMap((a) => unitCores(a.name));
  if (cores.some((c) => body.includes(c))) return null;
  if (!isClass && UNIT_ENDING.test(body)) return null;
  const example = cores.sort((a, b) => b.length - a.length)[0];
  return `名称未体现单位全称，疑似简称${example ? `（应包含“${example}”等全称）` : ''}`;
}

export interface MemberRecordFacts {
  idNumber: string;
  birthDate: string;
  gender: string;
  phone: string | null;
  education: string | null;
  memberNo: string | null;
  joinedOn: string | null;
  politicalStatus: string;
  isStudent: boolean;
}

const PHONE_RE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
const MEMBER_POLITICAL: readonly string[] = [POLITICAL.leagueMember, POLITICAL.partyMember, POLITICAL.probationaryPartyMember];

/**
 * Missing or inconsistent fields of an active member's record. Students may
 * have no phone of their own (the school reaches them); everyone else needs
 * one.
 */
export function memberRecordProblems(p: MemberRecordFacts, rules: Rules, today: string): string[] {
  const problems: string[] = [];
  if (!p.phone?.trim() && !p.isStudent) problems.push('缺联系电话');
  else if (p.phone?.trim() && !PHONE_RE.test(p.phone.trim())) problems.push('联系电话格式不正确');
  if (!p.education) problems.push('缺学历');
  if (!p.memberNo) problems.push('缺团员编号');
  if (!p.joinedOn) problems.push('缺入团时间');
  const id = parseIdCard(p.idNumber, today);
  if (!id.ok) problems.push(`身份证号有误（${id.reason}）`);
  else {
    if (id.info.birthDate !== p.birthDate) problems.push(`出生日期${p.birthDate}与身份证号（${id.info.birthDate}）不一致`);
    if (id.info.gender !== p.gender) problems.push('性别与身份证号不一致');
  }
  if (!MEMBER_POLITICAL.includes(p.politicalStatus)) problems.push(`政治面貌为“${politicalStatusName(p.politicalStatus) ?? p.politicalStatus}”，与在册团员不符`);
  if (p.joinedOn) {
    if (p.joinedOn > today) problems.push('入团时间晚于今天');
    else {
      // The one validator of number and joining age (people/member-number.ts); a missing number is named above.
      for (const [field, message] of memberAdmissionProblems({ birthDate: p.birthDate, joinedOn: p.joinedOn, memberNo: p.memberNo }, rules)) {
        if (field === 'joinedOn' || p.memberNo) problems.push(message);
      }
    }
  }
  return problems;
}

/** Organizations that should have a secretary (配备率): committees and branches; not youth work committees. */
export function needsSecretary(type: OrgType): boolean {
  return type !== 'youth_work_committee';
}

export const TWO_PLACES_SOURCES = ['cadre', 'volunteer', 'account', 'cadre_link', 'volunteer_link'] as const;
export type TwoPlacesSource = (typeof TWO_PLACES_SOURCES)[number];

/** The sentence for one "person in two places" finding. */
export function twoPlacesText(source: TwoPlacesSource, f: { recordOrg: string | null; registryOrg: string | null }): string {
  const registry = f.registryOrg ?? '其他组织（不在您的管理范围内）';
  switch (source) {
    case 'cadre':
      return `团干部登记在${f.recordOrg ?? '—'}，团员/青年名册登记在${registry}`;
    case 'volunteer':
      return `志愿者登记在${f.recordOrg ?? '—'}，团员/青年名册登记在${registry}`;
    case 'account':
      return `团员账号开在${f.recordOrg ?? '—'}，团籍已在${registry}`;
    case 'cadre_link':
      return '团干部记录关联的名册人员与其身份证号不一致';
    case 'volunteer_link':
      return '志愿者记录关联的名册人员与其身份证号不一致';
  }
}
