import { z } from 'zod';
import { COMMITTEE_ROLES, CONGRESS_LEVELS, DEPUTY_STATUSES } from '../registries/deputies.js';
import { contract, field, idParam, paged, pageQuery, phoneString } from './contract.js';
import { IMPORT_BODY_LIMIT, importFile, sheetImportResult } from './import-upload.js';

/**
 * 团代会代表 (issue 17, item 2): congresses, deputies, 代表联络站, 专委会, the
 * deputies' liaisons (the one liaison mechanism, /api/liaisons, with a deputy)
 * and the liaison coverage figures.
 */
const TAG = '团代会代表';
const { queryId, id: bodyId, text, optionalText, date, yearQuery } = field;

const level = z.enum(CONGRESS_LEVELS, { error: '团代会层级无效' }).describe('团代会层级');
const status = z.enum(DEPUTY_STATUSES, { error: '代表状态无效' }).describe('代表状态');
const gender = z.enum(['male', 'female'], { error: '性别应为男或女' }).describe('性别');

/* -------------------------------------------------------------- congresses */

export const congressItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  level,
  term: z.number(),
  title: z.string(),
  openedOn: z.string(),
  endsOn: z.string().nullable(),
  deputies: z.number(),
  serving: z.number(),
});
export type CongressItem = z.infer<typeof congressItem>;

export const listCongresses = contract({
  method: 'GET',
  path: '/api/registries/deputies/congresses',
  permission: 'org:read',
  tag: TAG,
  summary: '团代会（召开单位、层级、届次）及其代表人数',
  query: z.object({ under: queryId('组织').optional() }),
  response: z.array(congressItem),
  refs: { 'query.under': 'org' },
});

export const createCongress = contract({
  method: 'POST',
  path: '/api/registries/deputies/congresses',
  permission: 'org:edit',
  tag: TAG,
  summary: '登记一次团代会（县团委登记本县团代会）',
  body: z.object({
    orgId: bodyId('召开单位'),
    level,
    term: z.number({ error: '请填写届次' }).int('届次应为整数').min(1, '届次应为1至99').max(99, '届次应为1至99').describe('届次'),
    openedOn: date('开幕日期'),
    endsOn: date('届满日期').nullish(),
  }),
  response: congressItem,
  refs: { 'body.orgId': 'org' },
});

/* ---------------------------------------------------------------- deputies */

export const deputyItem = z.object({
  id: z.number(),
  /** The constituency (选举单位). */
  orgId: z.number(),
  orgName: z.string(),
  congressId: z.number(),
  congressTitle: z.string(),
  personId: z.number().nullable(),
  cadreId: z.number().nullable(),
  name: z.string(),
  gender,
  birthDate: z.string().nullable(),
  ethnicity: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  unitPost: z.string().nullable(),
  phone: z.string().nullable(),
  categories: z.array(z.string()),
  stationId: z.number().nullable(),
  stationName: z.string().nullable(),
  committeeId: z.number().nullable(),
  committeeName: z.string().nullable(),
  committeeRole: z.string().nullable(),
  status,
  terminatedOn: z.string().nullable(),
  terminationReason: z.string().nullable(),
  /** Liaisons in force, and contacts logged this year. */
  liaisons: z.number(),
  contactsThisYear: z.number(),
});
export type DeputyItem = z.infer<typeof deputyItem>;

const deputyFilters = z.object({
  under: queryId('组织').optional(),
  congressId: queryId('团代会').optional(),
  stationId: queryId('联络站').optional(),
  committeeId: queryId('专委会').optional(),
  status: status.optional(),
  category: z.string().trim().max(20, '身份类别不能超过20个字').optional().describe('身份类别'),
  q: z.string().trim().max(50, '关键词不能超过50个字').optional().describe('关键词'),
});

export const listDeputies = contract({
  method: 'GET',
  path: '/api/registries/deputies',
  permission: 'org:read',
  tag: TAG,
  summary: '团代会代表名册（按团代会、选举单位、联络站、专委会、身份类别、状态）',
  query: deputyFilters.extend(pageQuery),
  response: paged(deputyItem),
  refs: { 'query.under': 'org', 'query.congressId': 'congress', 'query.stationId': 'deputyStation', 'query.committeeId': 'deputyCommittee' },
});

export const exportDeputies = contract({
  method: 'GET',
  path: '/api/registries/deputies/export',
  permission: 'org:read',
  tag: TAG,
  summary: '导出团代会代表名册（Excel，与导入模板同列）',
  query: deputyFilters,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org', 'query.congressId': 'congress', 'query.stationId': 'deputyStation', 'query.committeeId': 'deputyCommittee' },
});

const deputyFields = {
  personId: bodyId('青年或团员').nullish(),
  cadreId: bodyId('团干部').nullish(),
  name: text('姓名', 2, 20),
  gender,
  birthDate: date('出生日期').nullish(),
  ethnicity: optionalText('民族', 20),
  politicalStatus: optionalText('政治面貌', 20),
  unitPost: optionalText('工作单位及职务', 100),
  phone: phoneString.nullish().describe('联系电话'),
  categories: z.array(text('身份类别', 1, 20)).max(10, '身份类别不超过10个').describe('身份类别'),
  stationId: bodyId('代表联络站').nullish(),
  committeeId: bodyId('专委会').nullish(),
  committeeRole: optionalText('专委会职务', 10),
};

export const createDeputy = contract({
  method: 'POST',
  path: '/api/registries/deputies',
  permission: 'org:edit',
  tag: TAG,
  summary: '登记团代会代表（选举单位为本级或下级组织）',
  body: z.object({ congressId: bodyId('团代会'), orgId: bodyId('选举单位'), ...deputyFields }),
  response: deputyItem,
  refs: { 'body.congressId': 'congress', 'body.orgId': 'org', 'body.personId': 'person', 'body.cadreId': 'cadre', 'body.stationId': 'deputyStation', 'body.committeeId': 'deputyCommittee' },
});

export const updateDeputy = contract({
  method: 'PATCH',
  path: '/api/registries/deputies/:id',
  permission: 'org:edit',
  tag: TAG,
  summary: '修改代表信息、分配联络站和专委会、终止代表资格（须填日期和原因）',
  params: idParam,
  body: z
    .object({
      ...deputyFields,
      status,
      terminatedOn: date('终止日期').nullish(),
      terminationReason: optionalText('终止原因', 100),
    })
    .partial(),
  response: deputyItem,
  refs: { 'params.id': 'congressDeputy', 'body.personId': 'person', 'body.cadreId': 'cadre', 'body.stationId': 'deputyStation', 'body.committeeId': 'deputyCommittee' },
});

export const getDeputy = contract({
  method: 'GET',
  path: '/api/registries/deputies/:id',
  permission: 'org:read',
  tag: TAG,
  summary: '代表详情及其联系的团支部和青年（一专一站两联）',
  params: idParam,
  response: deputyItem.extend({
    liaisonList: z.array(
      z.object({
        id: z.number(),
        targetOrgId: z.number().nullable(),
        targetName: z.string().nullable(),
        since: z.string(),
        until: z.string().nullable(),
        contacts: z.number(),
        lastContactOn: z.string().nullable(),
      }),
    ),
  }),
  refs: { 'params.id': 'congressDeputy' },
});

export const createDeputyLiaison = contract({
  method: 'POST',
  path: '/api/registries/deputies/:id/liaisons',
  permission: 'org:edit',
  tag: TAG,
  summary: '为代表建立联系（联系的团支部和/或青年），之后在联系服务中登记每次联系',
  params: idParam,
  body: z.object({
    targetOrgId: bodyId('联系的团支部').optional(),
    targetPersonId: bodyId('联系的青年').optional(),
    since: date('开始日期'),
  }),
  response: z.object({ id: z.number() }),
  refs: { 'params.id': 'congressDeputy', 'body.targetOrgId': 'org', 'body.targetPersonId': 'person' },
});

/* ------------------------------------------------------ stations, committees */

export const stationItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  congressId: z.number(),
  name: z.string(),
  address: z.string().nullable(),
  openedOn: z.string().nullable(),
  deputies: z.array(z.object({ id: z.number(), name: z.string() })),
});

export const listStations = contract({
  method: 'GET',
  path: '/api/registries/deputies/stations',
  permission: 'org:read',
  tag: TAG,
  summary: '代表联络站及分配的代表',
  query: z.object({ under: queryId('组织').optional(), congressId: queryId('团代会').optional() }),
  response: z.array(stationItem),
  refs: { 'query.under': 'org', 'query.congressId': 'congress' },
});

export const createStation = contract({
  method: 'POST',
  path: '/api/registries/deputies/stations',
  permission: 'org:edit',
  tag: TAG,
  summary: '设立代表联络站（依托组织、地址）',
  body: z.object({
    congressId: bodyId('团代会'),
    orgId: bodyId('依托组织'),
    name: text('联络站名称', 2, 50),
    address: optionalText('地址', 100),
    openedOn: date('设立日期').nullish(),
  }),
  response: stationItem,
  refs: { 'body.congressId': 'congress', 'body.orgId': 'org' },
});

export const committeeItem = z.object({
  id: z.number(),
  orgId: z.number(),
  congressId: z.number(),
  name: z.string(),
  duties: z.string().nullable(),
  members: z.array(z.object({ id: z.number(), name: z.string(), role: z.string().nullable() })),
});

export const listCommittees = contract({
  method: 'GET',
  path: '/api/registries/deputies/committees',
  permission: 'org:read',
  tag: TAG,
  summary: '专委会及其成员',
  query: z.object({ under: queryId('组织').optional(), congressId: queryId('团代会').optional() }),
  response: z.array(committeeItem),
  refs: { 'query.under': 'org', 'query.congressId': 'congress' },
});

export const createCommittee = contract({
  method: 'POST',
  path: '/api/registries/deputies/committees',
  permission: 'org:edit',
  tag: TAG,
  summary: '设立专委会（成员在代表信息中分配）',
  body: z.object({ congressId: bodyId('团代会'), name: text('专委会名称', 2, 50), duties: optionalText('职责', 500) }),
  response: committeeItem,
  refs: { 'body.congressId': 'congress' },
});

/* ---------------------------------------------------------- liaison figures */

const liaisonFigures = z.object({
  branches: z.number(),
  branchesContacted: z.number(),
  branchRate: z.number().nullable(),
  deputies: z.number(),
  deputiesContacting: z.number(),
  deputyRate: z.number().nullable(),
  contacts: z.number(),
  contactsPerDeputy: z.number().nullable(),
});

export const getDeputyLiaison = contract({
  method: 'GET',
  path: '/api/registries/deputies/liaison',
  permission: 'stats:read',
  tag: TAG,
  summary: '代表联系覆盖：本年度代表联系的团支部 / 范围内团支部、有联系的代表、人均联系次数，按乡镇',
  query: z.object({ orgId: queryId('组织'), year: yearQuery() }),
  response: z.object({
    year: z.number(),
    orgName: z.string(),
    total: liaisonFigures,
    byChild: z.array(liaisonFigures.extend({ orgId: z.number(), orgName: z.string() })),
    /** Role 'deputy' liaisons not yet attached to a deputy of the registry (kept from before it). */
    unattached: z.number(),
  }),
  refs: { 'query.orgId': 'org' },
  readReplica: true,
});

/* -------------------------------------------------------- import and export */

export const deputyImportTemplate = contract({
  method: 'GET',
  path: '/api/registries/deputies/import-template',
  permission: 'org:edit',
  tag: TAG,
  summary: '下载团代会代表导入模板',
  response: z.any(),
  file: true,
});

export const deputyImportResult = sheetImportResult;
export type DeputyImportResult = z.infer<typeof deputyImportResult>;

export const importDeputies = contract({
  method: 'POST',
  path: '/api/registries/deputies/import',
  permission: 'org:edit',
  tag: TAG,
  summary: '导入团代会代表（Excel）：逐行校验，全部无误才写入；同一团代会中同名同出生日期的代表更新',
  body: z.object({ congressId: bodyId('团代会'), dryRun: z.boolean().default(false).describe('仅校验'), ...importFile }),
  bodyLimit: IMPORT_BODY_LIMIT,
  response: deputyImportResult,
  refs: { 'body.congressId': 'congress' },
  longRunning: true,
});

