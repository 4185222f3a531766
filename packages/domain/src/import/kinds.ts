import type { Permission } from '../auth/roles.js';

/**
 * What the mapped import (issue 14) reads, kind by kind: the fields of each
 * kind of record, how a cell is read (text, date, code table, …), and which
 * are required. One pipeline reads every kind (server modules/import).
 */
export const IMPORT_KINDS = ['people', 'organizations', 'cadres', 'registrations', 'appraisals', 'dues'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  people: '青年与团员',
  organizations: '组织架构',
  cadres: '团干部（含职务、任期）',
  registrations: '团籍注册（往年）',
  appraisals: '团员评议',
  dues: '团费交纳',
};
/** The permission each kind needs on top of person:write (the import routes' own). */
export const IMPORT_KIND_PERMISSION: Record<ImportKind, Permission> = {
  people: 'person:write',
  organizations: 'org:manage',
  cadres: 'org:edit',
  registrations: 'membership:write',
  appraisals: 'membership:write',
  dues: 'membership:write',
};

/** How a cell is read: text, a date, a month (YYYY-MM), a year, a number, or a value of a code table. */
export type FieldType = 'text' | 'id' | 'date' | 'month' | 'year' | 'number' | 'code';

export interface ImportField {
  key: string;
  label: string;
  type: FieldType;
  /** The code table (DEFAULT_CODE_VALUES key) of a code field. */
  codes?: string;
  required?: boolean;
}

const f = (key: string, label: string, type: FieldType = 'text', extra: Partial<ImportField> = {}): ImportField => ({ key, label, type, ...extra });
const person = [
  f('name', '姓名', 'text', { required: true }),
  f('idNumber', '身份证号', 'id', { required: true }),
];

export const IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  people: [
    ...person,
    f('gender', '性别', 'code', { codes: 'gender' }),
    f('ethnicity', '民族', 'code', { codes: 'ethnicity', required: true }),
    f('education', '学历', 'code', { codes: 'education' }),
    f('politicalStatus', '政治面貌', 'code', { codes: 'politicalStatus', required: true }),
    f('phone', '联系电话'),
    f('occupation', '工作单位/职业'),
    f('isStudent', '在校学生', 'code', { codes: 'yesNo' }),
    f('grade', '年级班级'),
    f('org', '所在团组织'),
    f('memberNo', '团员编号'),
    f('joinedOn', '入团时间', 'date'),
    f('pioneerJoinedOn', '入队时间', 'date'),
  ],
  organizations: [
    f('orgName', '团组织名称', 'text', { required: true }),
    f('shortName', '团组织简称'),
    f('code', '团组织编码'),
    f('parent', '上级团组织'),
    f('parentCode', '上级团组织编码'),
    f('orgType', '组织类型', 'code', { codes: 'orgType' }),
    f('sector', '所属领域', 'code', { codes: 'sector' }),
    f('contactName', '联系人'),
    f('contactPhone', '联系人电话'),
    f('address', '地址'),
    f('foundedOn', '成立时间', 'date'),
  ],
  cadres: [
    ...person,
    f('gender', '性别', 'code', { codes: 'gender' }),
    f('ethnicity', '民族', 'code', { codes: 'ethnicity' }),
    f('education', '学历', 'code', { codes: 'education' }),
    f('politicalStatus', '政治面貌', 'code', { codes: 'politicalStatus', required: true }),
    f('phone', '联系电话'),
    f('workUnit', '工作单位'),
    f('establishment', '编制', 'code', { codes: 'establishment' }),
    f('org', '任职组织', 'text', { required: true }),
    f('title', '团内职务', 'code', { codes: 'title', required: true }),
    f('employment', '专兼职', 'code', { codes: 'employment' }),
    f('startOn', '任职时间', 'date', { required: true }),
    f('termStart', '本届任期开始时间', 'date'),
    f('termYears', '任期年限', 'number'),
  ],
  registrations: [
    ...person,
    f('year', '年度', 'year', { required: true }),
    f('registrationStatus', '注册状态', 'code', { codes: 'registrationStatus', required: true }),
    f('decidedOn', '注册日期', 'date'),
    f('note', '备注'),
  ],
  appraisals: [...person, f('year', '年度', 'year', { required: true }), f('appraisalGrade', '评议结果', 'code', { codes: 'appraisalGrade', required: true })],
  dues: [
    ...person,
    f('period', '缴费月份', 'month', { required: true }),
    f('amount', '金额（元）', 'number', { required: true }),
    f('paidOn', '缴费日期', 'date'),
    f('method', '缴费方式', 'code', { codes: 'method' }),
    f('receiptNo', '收据号'),
  ],
};

/**
 * The column layout of the national system's import templates (智慧团建
 * 团员导入模板, 团组织导入模板, 团干部导入模板), for exports that go back
 * there: header → field key. Each header is also a synonym, so such a file
 * imports into Tuanjian again unchanged.
 */
export const NATIONAL_TEMPLATE_COLUMNS: Partial<Record<ImportKind, readonly (readonly [header: string, field: string])[]>> = {
  people: [
    ['姓名', 'name'], ['身份证号码', 'idNumber'], ['性别', 'gender'], ['民族', 'ethnicity'], ['政治面貌', 'politicalStatus'], ['学历', 'education'],
    ['入团年月', 'joinedOn'], ['发展团员编号', 'memberNo'], ['手机号码', 'phone'], ['所在团支部', 'org'], ['职业', 'occupation'],
  ],
  organizations: [
    ['团组织名称', 'orgName'], ['团组织简称', 'shortName'], ['团组织编码', 'code'], ['上级团组织名称', 'parent'], ['上级团组织编码', 'parentCode'],
    ['团组织类型', 'orgType'], ['团组织所在单位类别', 'sector'], ['团组织书记', 'contactName'], ['书记联系电话', 'contactPhone'], ['成立时间', 'foundedOn'],
  ],
  cadres: [
    ['姓名', 'name'], ['身份证号码', 'idNumber'], ['性别', 'gender'], ['民族', 'ethnicity'], ['政治面貌', 'politicalStatus'], ['学历', 'education'],
    ['手机号码', 'phone'], ['任职团组织', 'org'], ['团内职务', 'title'], ['专兼职', 'employment'], ['任现职时间', 'startOn'], ['工作单位', 'workUnit'],
  ],
};
