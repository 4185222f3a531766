import { z } from 'zod';
import { SECTORS, ORG_TYPES } from '../org/types.js';
import { DEVELOPMENT_STEPS } from '../people/development.js';
import { contract, dateString, idParam, paged, pageQuery, phoneString } from './contract.js';
import { IMPORT_BODY_LIMIT, importFile } from './import-upload.js';

export const GENDERS = ['male', 'female'] as const;
export const MEMBER_STATUSES = ['active', 'left'] as const;
export const PERSON_KINDS = ['youth', 'member', 'all'] as const;

export const personItem = z.object({
  id: z.number(),
  name: z.string(),
  gender: z.enum(GENDERS),
  idNumberMasked: z.string(),
  birthDate: z.string(),
  age: z.number(),
  ethnicity: z.string(),
  education: z.string().nullable(),
  politicalStatus: z.string(),
  phoneMasked: z.string().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  /** 简称, for the narrow 所在组织 column (full name on hover). */
  orgShortName: z.string().nullable(),
  sector: z.enum(SECTORS),
  isStudent: z.boolean(),
  grade: z.string().nullable(),
  memberNo: z.string().nullable(),
  memberStatus: z.enum(MEMBER_STATUSES).nullable(),
  joinedOn: z.string().nullable(),
  /** Stage in an open development case, if any. */
  stage: z.enum(DEVELOPMENT_STEPS).nullable(),
  /** 团员身份已认证 since (the electronic archive approved by the committee above), or null. */
  identityVerifiedOn: z.string().nullable(),
});
export type PersonItem = z.infer<typeof personItem>;

export const personDetail = personItem.extend({
  orgType: z.enum(ORG_TYPES),
  phone: z.string().nullable(),
  occupation: z.string().nullable(),
  registryStatus: z.enum(['active', 'removed']),
  leftOn: z.string().nullable(),
  leftReason: z.string().nullable(),
  pioneerJoinedOn: z.string().nullable(),
  partyJoinedOn: z.string().nullable(),
  version: z.number(),
  openCaseId: z.number().nullable(),
  /** The most recent development case, whatever its status (admitted, stopped …). */
  lastCaseId: z.number().nullable(),
  can: z.object({ edit: z.boolean(), revealId: z.boolean(), startDevelopment: z.boolean() }),
});
export type PersonDetail = z.infer<typeof personDetail>;

export const personListQuery = z.object({
  under: z.coerce.number().int().positive().optional().describe('组织'),
  q: z.string().trim().max(30).optional().describe('姓名或身份证号'),
  kind: z.enum(PERSON_KINDS).default('all').describe('类别'),
  memberStatus: z.enum(MEMBER_STATUSES).optional().describe('团籍状态'),
  gender: z.enum(GENDERS).optional().describe('性别'),
  sector: z.enum(SECTORS).optional().describe('所属领域'),
  ageFrom: z.coerce.number().int().min(0).max(120).optional().describe('最小年龄'),
  ageTo: z.coerce.number().int().min(0).max(120).optional().describe('最大年龄'),
  isStudent: z.stringbool().optional().describe('在校学生'),
  ...pageQuery,
});

export const listPeople = contract({
  method: 'GET',
  path: '/api/people',
  permission: 'person:read',
  tag: '青年与团员',
  summary: '青年/团员名册（身份证号、电话已脱敏）',
  query: personListQuery,
  response: paged(personItem),
  refs: { 'query.under': 'org' },
});

export const exportPeople = contract({
  method: 'GET',
  path: '/api/people/export',
  permission: 'person:read',
  tag: '青年与团员',
  summary: '导出名册（Excel，按当前筛选条件；脱敏）',
  query: personListQuery.omit({ page: true, pageSize: true }),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const getPerson = contract({
  method: 'GET',
  path: '/api/people/:id',
  permission: 'person:read',
  tag: '青年与团员',
  summary: '人员详情',
  params: idParam,
  response: personDetail,
  refs: { 'params.id': 'person' },
});

export const revealIdNumber = contract({
  method: 'GET',
  path: '/api/people/:id/id-number',
  permission: 'person:sensitive',
  tag: '青年与团员',
  summary: '查看完整身份证号（记入操作日志）',
  params: idParam,
  response: z.object({ idNumber: z.string() }),
  refs: { 'params.id': 'person' },
});

const personFields = {
  name: z.string().trim().min(2, '姓名至少2个字').max(30, '姓名不能超过30个字').describe('姓名'),
  gender: z.enum(GENDERS, { error: '性别应为男或女' }).describe('性别'),
  idNumber: z.string().trim().describe('身份证号'),
  ethnicity: z.string().regex(/^\d{2}$/, '民族代码无效').describe('民族'),
  education: z.string().regex(/^\d{2}$/, '学历代码无效').nullish().describe('学历'),
  politicalStatus: z.string().regex(/^\d{2}$/, '政治面貌代码无效').describe('政治面貌'),
  phone: phoneString.nullish().describe('联系电话'),
  occupation: z.string().trim().max(60).nullish().describe('工作单位/职业'),
  isStudent: z.boolean().default(false).describe('在校学生'),
  grade: z.string().trim().max(30).nullish().describe('年级班级'),
  orgId: z.number().int().positive().describe('所在组织'),
  pioneerJoinedOn: dateString.nullish().describe('入队时间'),
};

export const createPerson = contract({
  method: 'POST',
  path: '/api/people',
  permission: 'person:write',
  tag: '青年与团员',
  summary: '登记青年（已是团员的，填写团员编号和入团时间）',
  body: z.object({
    ...personFields,
    memberNo: z.string().trim().regex(/^[0-9A-Z]{8,20}$/, '团员编号格式不正确').nullish().describe('团员编号'),
    joinedOn: dateString.nullish().describe('入团时间'),
  }),
  response: personDetail,
  refs: { 'body.orgId': 'org' },
});

export const updatePerson = contract({
  method: 'PATCH',
  path: '/api/people/:id',
  permission: 'person:write',
  tag: '青年与团员',
  summary: '修改人员信息',
  params: idParam,
  body: z
    .object({ ...personFields, version: z.number().int().describe('版本号') })
    .omit({ orgId: true })
    .partial()
    .required({ version: true }),
  response: personDetail,
  refs: { 'params.id': 'person' },
});

export const importError = z.object({ row: z.number(), column: z.string(), message: z.string() });
export const importReport = z.object({
  batchId: z.number(),
  fileName: z.string(),
  total: z.number(),
  /** Rows that will be written when accepted. */
  valid: z.number(),
  /** Rows identical to what is already registered (re-import): nothing to do. */
  unchanged: z.number(),
  errors: z.array(importError),
});
export type ImportReport = z.infer<typeof importReport>;

export const importTemplate = contract({
  method: 'GET',
  path: '/api/people/import-template',
  permission: 'person:write',
  tag: '青年与团员',
  summary: '下载导入模板（Excel，含代码下拉）',
  response: z.any(),
  file: true,
});

export const previewImport = contract({
  method: 'POST',
  path: '/api/people/import',
  permission: 'person:write',
  tag: '青年与团员',
  summary: '上传名册并校验（不写入，返回每一行的错误）',
  body: z.object({
    ...importFile,
    orgId: z.number().int().positive().describe('导入到的组织（表中“所在组织”为空时）'),
  }),
  response: importReport,
  refs: { 'body.orgId': 'org' },
  bodyLimit: IMPORT_BODY_LIMIT,
});

export const commitImport = contract({
  method: 'POST',
  path: '/api/people/import/:id/commit',
  permission: 'person:write',
  tag: '青年与团员',
  summary: '确认导入校验通过的行（一次事务）',
  params: idParam,
  /** skippedErrors: rows left out because they had errors. */
  response: z.object({ inserted: z.number(), unchanged: z.number(), skippedErrors: z.number() }),
  refs: { 'params.id': 'importBatch' },
  longRunning: true,
});

export const peopleOverview = z.object({
  members: z.number(),
  youth: z.number(),
  students: z.number(),
  studentMembers: z.number(),
  /** 团青比例 = members ÷ youth; 团学比例 = student members ÷ students. */
  memberYouthRatio: z.number().nullable(),
  memberStudentRatio: z.number().nullable(),
  ageBands: z.array(z.object({ band: z.string(), members: z.number(), youth: z.number() })),
  bySector: z.array(z.object({ sector: z.enum(SECTORS), members: z.number(), youth: z.number() })),
  gender: z.object({ male: z.number(), female: z.number() }),
  dueToLeaveThisYear: z.number(),
  children: z.array(z.object({ id: z.number(), name: z.string(), members: z.number(), youth: z.number() })),
});
export type PeopleOverview = z.infer<typeof peopleOverview>;

export const getPeopleOverview = contract({
  method: 'GET',
  path: '/api/stats/people-overview',
  permission: 'stats:read',
  tag: '统计',
  readReplica: true,
  summary: '团员青年概况：人数、团青比例、团学比例、年龄结构、领域、超龄',
  query: z.object({ orgId: z.coerce.number().int().positive().describe('组织') }),
  response: peopleOverview,
  refs: { 'query.orgId': 'org' },
});
