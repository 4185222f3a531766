import { EDUCATIONS, ETHNICITIES, POLITICAL_STATUSES } from '../people/codes.js';
import { APPRAISAL_GRADE_LABELS, REGISTRATION_STATUS_LABELS } from '../people/membership.js';
import { ORG_TYPE_LABELS, SECTOR_LABELS } from '../org/types.js';
import { CADRE_EMPLOYMENT_LABELS, CADRE_TITLE_LABELS, ESTABLISHMENT_LABELS } from '../cadres/codes.js';
import { DUES_METHOD_LABELS } from '../daily-work/dues.js';

/**
 * The default tables of the mapped import (issue 14): which column headers
 * name which field, and which written values mean which code. They are data:
 * a county adds its own synonyms and values in the database (import_synonyms,
 * import_code_values), which take precedence over these. Headers include the
 * ones the national system (智慧团建) writes in its exports and import
 * templates (团员信息导出, 团组织导入模板, 团干部信息导出).
 */

/** Header synonyms by field key (the same field key means the same thing in every kind). */
export const DEFAULT_SYNONYMS: Record<string, readonly string[]> = {
  name: ['姓名', '团员姓名', '名字', '干部姓名', '人员姓名'],
  gender: ['性别'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证', '居民身份证号码', '身份证件号码', '证件号'],
  ethnicity: ['民族'],
  education: ['学历', '文化程度', '最高学历', '全日制学历'],
  politicalStatus: ['政治面貌'],
  phone: ['手机', '手机号码', '联系电话', '手机号', '电话', '联系方式', '移动电话'],
  occupation: ['工作单位/职业', '职业', '工作单位', '单位', '工作单位及职务', '所在单位'],
  isStudent: ['在校学生', '是否在校学生', '是否学生'],
  grade: ['年级班级', '班级', '年级'],
  org: ['所在组织', '所在团组织', '所在支部', '团支部名称', '所在团支部', '所属团支部', '团组织名称（所在）', '所在团组织名称', '所属团组织', '任职组织', '任职团组织', '组织名称（任职）'],
  memberNo: ['团员编号', '发展团员编号', '团员证号', '团员证编号'],
  joinedOn: ['入团时间', '入团年月', '入团日期', '入团年份月份'],
  pioneerJoinedOn: ['入队时间', '入队年月', '入队日期'],
  // organizations
  orgName: ['团组织名称', '组织名称', '团组织全称', '名称', '组织全称'],
  shortName: ['团组织简称', '简称', '组织简称'],
  code: ['团组织编码', '组织编码', '团组织代码', '组织代码', '编码', '团组织编号'],
  parent: ['上级团组织', '上级团组织名称', '上级组织', '上级组织名称', '所属上级组织', '上级团委'],
  parentCode: ['上级团组织编码', '上级组织编码', '上级团组织代码', '上级组织代码'],
  orgType: ['团组织类型', '组织类型', '组织类别', '团组织类别'],
  sector: ['所属领域', '单位所属领域', '团组织所在单位类别', '单位类别', '单位性质', '领域'],
  contactName: ['联系人', '团组织书记', '书记姓名', '负责人'],
  contactPhone: ['联系人电话', '书记联系电话', '负责人电话', '团组织联系电话'],
  address: ['地址', '通讯地址', '办公地址', '团组织地址'],
  foundedOn: ['成立时间', '建立时间', '成立日期', '建立日期', '团组织成立时间'],
  // cadres
  workUnit: ['工作单位及职务', '现工作单位', '工作单位'],
  establishment: ['编制', '编制情况', '是否体制内', '身份类别'],
  title: ['团内职务', '职务', '现任团内职务', '担任职务'],
  employment: ['专兼职', '任职方式', '专职/兼职', '是否专职'],
  startOn: ['任职时间', '任现职时间', '任职日期', '任团内职务时间'],
  termStart: ['本届任期开始时间', '本届开始时间', '换届时间', '届次开始时间', '本届换届时间'],
  termYears: ['任期年限', '任期（年）', '任期'],
  // registrations, appraisals, dues
  year: ['年度', '注册年度', '评议年度', '年份'],
  registrationStatus: ['注册状态', '注册情况', '团籍注册', '是否注册'],
  decidedOn: ['注册日期', '注册时间', '办理日期'],
  note: ['备注', '原因', '暂缓注册原因'],
  appraisalGrade: ['评议结果', '评议等次', '民主评议结果', '等次'],
  period: ['缴费月份', '月份', '所属月份', '团费月份'],
  amount: ['金额', '团费金额', '缴纳金额', '缴费金额（元）', '金额（元）', '缴费金额'],
  paidOn: ['缴费日期', '缴纳日期', '缴费时间', '交纳日期'],
  method: ['缴费方式', '缴纳方式', '支付方式'],
  receiptNo: ['收据号', '票据号', '凭证号', '收据编号'],
};

const fromLabels = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).map(([code, label]) => [label, code]));
const fromList = (list: readonly { code: string; name: string }[]) => Object.fromEntries(list.map((x) => [x.name, x.code]));

/** Written values by code table: value as written → stored code. */
export const DEFAULT_CODE_VALUES: Record<string, Record<string, string>> = {
  gender: { 男: 'male', 男性: 'male', 1: 'male', 女: 'female', 女性: 'female', 2: 'female' },
  ethnicity: {
    ...fromList(ETHNICITIES),
    ...Object.fromEntries(ETHNICITIES.filter((e) => e.name.endsWith('族')).map((e) => [e.name.slice(0, -1), e.code])),
    穿青人: '97',
  },
  education: {
    ...fromList(EDUCATIONS),
    博士研究生: '10', 硕士研究生: '10', 博士: '10', 硕士: '10', 本科: '20', 大学: '20', 大专: '30', 专科: '30', 高职: '30',
    中专: '40', 中职: '40', 职高: '40', 技校: '40', 中等专科: '40', 高中: '60', 普高: '60', 初中及以下: '70', 小学及以下: '80',
  },
  politicalStatus: {
    ...fromList(POLITICAL_STATUSES),
    团员: '03', 中国共产主义青年团团员: '03', 共青团员: '03', 党员: '01', 中国共产党党员: '01', 中共党员: '01', 预备党员: '02', 中共预备党员: '02', 群众: '13', 无: '13',
  },
  yesNo: { 是: 'true', 否: 'false', Y: 'true', N: 'false', 1: 'true', 0: 'false', 在校: 'true', 不在校: 'false' },
  orgType: {
    ...fromLabels(ORG_TYPE_LABELS),
    团县委: 'county', 县团委: 'county', 乡镇团委: 'township', 乡团委: 'township', 镇团委: 'township', 街道团工委: 'subdistrict', 团工委: 'subdistrict',
    团委: 'unit_committee', 基层团委: 'unit_committee', 团总支: 'general_branch', 总支: 'general_branch', 团支部: 'branch', 支部: 'branch', 联合团支部: 'joint_branch',
    青年工作委员会: 'youth_work_committee', 青工委: 'youth_work_committee',
  },
  sector: {
    ...fromLabels(SECTOR_LABELS),
    学校: 'school', 普通高等学校: 'school', 中学: 'school', 中等职业学校: 'school', 机关: 'government', 事业单位: 'government', 党政机关: 'government', 机关事业单位: 'government',
    国有企业: 'state_enterprise', 国企: 'state_enterprise', 非公有制企业: 'non_public_enterprise', 非公企业: 'non_public_enterprise', 民营企业: 'non_public_enterprise',
    社会组织: 'social_organization', 新社会组织: 'social_organization', 城市社区: 'community', 社区: 'community', 农村: 'village', 行政村: 'village', 村: 'village', 其他: 'other',
  },
  title: { ...fromLabels(CADRE_TITLE_LABELS), 团委书记: 'secretary', 支部书记: 'secretary', 团支部书记: 'secretary', 团委副书记: 'deputy_secretary', 委员: 'member', 团委委员: 'member', 支委: 'member' },
  employment: { ...fromLabels(CADRE_EMPLOYMENT_LABELS), 专职团干部: 'full_time', 兼职团干部: 'part_time', 挂职团干部: 'seconded', 是: 'full_time', 否: 'part_time' },
  establishment: { ...fromLabels(ESTABLISHMENT_LABELS), 有编制: 'inside', 无编制: 'outside', 行政编制: 'inside', 事业编制: 'inside', 公务员: 'inside', 是: 'inside', 否: 'outside' },
  registrationStatus: { ...fromLabels(REGISTRATION_STATUS_LABELS), 注册: 'registered', 已注册: 'registered', 是: 'registered', 暂缓: 'deferred', 不注册: 'not_registered', 否: 'not_registered' },
  appraisalGrade: { ...fromLabels(APPRAISAL_GRADE_LABELS), 优: 'excellent', 良: 'qualified', 称职: 'qualified', 基本称职: 'basically_qualified', 不称职: 'unqualified' },
  method: { ...fromLabels(DUES_METHOD_LABELS), 现金: 'cash', 转账: 'transfer', 银行转账: 'transfer', 微信: 'online', 支付宝: 'online', 线上: 'online', 网上缴纳: 'online' },
};
