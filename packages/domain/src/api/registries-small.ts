import { z } from 'zod';
import { ORG_TYPES } from '../org/types.js';
import { PLAN_MEASURE_STATUSES, SOCIETY_TYPES } from '../registries/small.js';
import { UPLOAD_BODY_LIMIT, attachmentItem, uploadBody } from './org-life.js';
import { contract, field, idParam, paged, pageQuery, phoneString } from './contract.js';
import { IMPORT_BODY_LIMIT, importFile, sheetImportResult } from './import-upload.js';

/**
 * Smaller registries the seed reports name (issue 17, item 6): configured post
 * titles, 西部计划-type programmes, 督导联系点, 党委研究团的工作, 青年社团 and
 * 青年发展规划. Every list is limited to the caller's scope by the database.
 */
const { queryId, id: bodyId, text, optionalText, date } = field;
const under = queryId('组织').optional();
const keyword = z.string().trim().max(50, '关键词不能超过50个字').optional().describe('关键词');

/** An import's answer: rows checked, written only when every row is clean. */
export const smallImportResult = sheetImportResult.pick({ total: true, created: true, written: true, errors: true });
export type SmallImportResult = z.infer<typeof smallImportResult>;
const importBody = z.object({ orgId: bodyId('导入到组织'), dryRun: z.boolean().default(false).describe('仅校验'), ...importFile });

/* ------------------------------------------------------------ post titles */

const TAG_POSTS = '团干部与换届';

export const getPostTitles = contract({
  method: 'GET',
  path: '/api/registries/post-titles',
  permission: 'org:read',
  tag: TAG_POSTS,
  summary: '可任的职务：五个内置职务和规则配置的其他职务（是否计入委员、适用组织类型），及各职务现任人数',
  query: z.object({ under }),
  response: z.array(
    z.object({ value: z.string(), label: z.string(), builtIn: z.boolean(), countsAsMember: z.boolean(), orgTypes: z.array(z.enum(ORG_TYPES)), holders: z.number() }),
  ),
  refs: { 'query.under': 'org' },
});

/* ------------------------------------------------- 西部计划 and others */

const TAG_PROGRAMS = '专项计划';
const programKind = z.enum(['cadre', 'volunteer'], { error: '对象类别应为团干部或志愿者' }).describe('对象类别');

export const programFlagItem = z.object({
  id: z.number(),
  kind: programKind,
  cadreId: z.number().nullable(),
  volunteerId: z.number().nullable(),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  program: z.string(),
  programYear: z.number(),
  note: z.string().nullable(),
});
export type ProgramFlagItem = z.infer<typeof programFlagItem>;

const programFilters = z.object({
  under,
  kind: programKind.optional(),
  program: z.string().trim().max(30).optional().describe('专项计划'),
  programYear: field.yearQuery(),
  q: keyword,
});

export const listProgramFlags = contract({
  method: 'GET',
  path: '/api/registries/programs',
  permission: 'person:read',
  tag: TAG_PROGRAMS,
  summary: '西部计划、三支一扶等专项计划的团干部和志愿者，按计划计数',
  query: programFilters.extend(pageQuery),
  response: paged(programFlagItem).extend({
    tally: z.array(z.object({ program: z.string(), cadres: z.number(), volunteers: z.number() })),
  }),
  refs: { 'query.under': 'org' },
});

export const exportProgramFlags = contract({
  method: 'GET',
  path: '/api/registries/programs/export',
  permission: 'person:read',
  tag: TAG_PROGRAMS,
  summary: '导出专项计划人员（Excel）',
  query: programFilters,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const putProgramFlag = contract({
  method: 'PUT',
  path: '/api/registries/programs',
  permission: 'person:write',
  tag: TAG_PROGRAMS,
  summary: '标记团干部或志愿者参加的专项计划和服务年度（再次标记即更正；专项计划留空即取消）',
  body: z.object({
    cadreId: bodyId('团干部').nullish(),
    volunteerId: bodyId('志愿者').nullish(),
    program: optionalText('专项计划', 30),
    programYear: z.number({ error: '服务年度应为数字' }).int('服务年度应为整数').nullish().describe('服务年度'),
    note: optionalText('备注', 200),
  }),
  response: z.object({ id: z.number().nullable() }),
  refs: { 'body.cadreId': 'cadre', 'body.volunteerId': 'volunteer' },
});

/* --------------------------------------------------------- 督导联系点 */

const TAG_SUPERVISION = '督导联系点';

export const supervisionContactItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  leaderCadreId: z.number().nullable(),
  leaderName: z.string(),
  leaderPost: z.string().nullable(),
  assignedOn: z.string(),
  endedOn: z.string().nullable(),
  note: z.string().nullable(),
  /** Visits this year and in all. */
  visitsThisYear: z.number(),
  lastVisit: z.string().nullable(),
});
export type SupervisionContactItem = z.infer<typeof supervisionContactItem>;

export const listSupervisionContacts = contract({
  method: 'GET',
  path: '/api/registries/supervision/contacts',
  permission: 'org:read',
  tag: TAG_SUPERVISION,
  summary: '督导联系点：县团委领导联系的乡镇（县团委看全部，乡镇看本乡镇的）',
  query: z.object({ under, includeEnded: z.stringbool().default(false).describe('含已结束') }),
  response: z.array(supervisionContactItem),
  refs: { 'query.under': 'org' },
});

export const createSupervisionContact = contract({
  method: 'POST',
  path: '/api/registries/supervision/contacts',
  permission: 'org:manage',
  tag: TAG_SUPERVISION,
  summary: '指派县团委领导联系一个乡镇（街道）',
  body: z.object({
    orgId: bodyId('联系乡镇'),
    leaderCadreId: bodyId('联系领导').nullish(),
    leaderName: optionalText('联系领导姓名', 20),
    leaderPost: optionalText('领导职务', 30),
    assignedOn: date('联系起始日期'),
    note: optionalText('备注', 200),
  }),
  response: supervisionContactItem,
  refs: { 'body.orgId': 'org', 'body.leaderCadreId': 'cadre' },
});

export const updateSupervisionContact = contract({
  method: 'PATCH',
  path: '/api/registries/supervision/contacts/:id',
  permission: 'org:manage',
  tag: TAG_SUPERVISION,
  summary: '修改联系点（调整职务、结束联系）',
  params: idParam,
  body: z.object({ leaderPost: optionalText('领导职务', 30), endedOn: date('联系结束日期').nullish(), note: optionalText('备注', 200) }),
  response: supervisionContactItem,
  refs: { 'params.id': 'supervisionContact' },
});

export const supervisionVisitItem = z.object({
  id: z.number(),
  contactId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  leaderName: z.string(),
  visitedOn: z.string(),
  content: z.string(),
  problems: z.string().nullable(),
  followUp: z.string().nullable(),
  followUpDone: z.boolean(),
});
export type SupervisionVisitItem = z.infer<typeof supervisionVisitItem>;

const visitFilters = z.object({ under, year: field.yearQuery(), contactId: queryId('联系点').optional(), q: keyword });

export const listSupervisionVisits = contract({
  method: 'GET',
  path: '/api/registries/supervision/visits',
  permission: 'org:read',
  tag: TAG_SUPERVISION,
  summary: '督导走访记录（日期、内容、发现问题、整改跟进）',
  query: visitFilters.extend(pageQuery),
  response: paged(supervisionVisitItem),
  refs: { 'query.under': 'org', 'query.contactId': 'supervisionContact' },
});

export const exportSupervisionVisits = contract({
  method: 'GET',
  path: '/api/registries/supervision/visits/export',
  permission: 'org:read',
  tag: TAG_SUPERVISION,
  summary: '导出督导走访记录（Excel，与导入同列）',
  query: visitFilters,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org', 'query.contactId': 'supervisionContact' },
});

const visitFields = {
  visitedOn: date('督导日期'),
  content: text('督导内容', 2, 1000),
  problems: optionalText('发现问题', 1000),
  followUp: optionalText('整改跟进', 1000),
  followUpDone: z.boolean().default(false).describe('整改完成'),
};

export const createSupervisionVisit = contract({
  method: 'POST',
  path: '/api/registries/supervision/visits',
  permission: 'org:edit',
  tag: TAG_SUPERVISION,
  summary: '登记一次督导走访',
  body: z.object({ contactId: bodyId('联系点'), ...visitFields }),
  response: supervisionVisitItem,
  refs: { 'body.contactId': 'supervisionContact' },
});

export const updateSupervisionVisit = contract({
  method: 'PATCH',
  path: '/api/registries/supervision/visits/:id',
  permission: 'org:edit',
  tag: TAG_SUPERVISION,
  summary: '更新走访的整改跟进',
  params: idParam,
  body: z.object({ followUp: optionalText('整改跟进', 1000), followUpDone: z.boolean().optional().describe('整改完成') }),
  response: supervisionVisitItem,
  refs: { 'params.id': 'supervisionVisit' },
});

export const importSupervisionVisits = contract({
  method: 'POST',
  path: '/api/registries/supervision/visits/import',
  permission: 'org:edit',
  tag: TAG_SUPERVISION,
  summary: '导入督导走访记录（Excel/CSV，列同导出：乡镇、联系领导、督导日期、督导内容、发现问题、整改跟进、整改完成）',
  body: importBody,
  bodyLimit: IMPORT_BODY_LIMIT,
  response: smallImportResult,
  refs: { 'body.orgId': 'org' },
  longRunning: true,
});

export const getSupervisionFigures = contract({
  method: 'GET',
  path: '/api/registries/supervision/figures',
  permission: 'org:read',
  tag: TAG_SUPERVISION,
  summary: '各乡镇本年度督导走访次数、未完成整改数、最近一次走访',
  query: z.object({ orgId: queryId('组织'), year: field.yearQuery() }),
  response: z.object({
    year: z.number(),
    total: z.number(),
    rows: z.array(z.object({ orgId: z.number(), orgName: z.string(), leaders: z.string(), visits: z.number(), openFollowUps: z.number(), lastVisit: z.string().nullable() })),
  }),
  refs: { 'query.orgId': 'org' },
  readReplica: true,
});

/* ------------------------------------------------- 党委研究团的工作 */

const TAG_PARTY = '党委研究团的工作';

export const partyMeetingItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  heldOn: z.string(),
  meetingName: z.string(),
  chairedBy: z.string().nullable(),
  topics: z.string(),
  attendance: z.string().nullable(),
  decisions: z.string().nullable(),
  minutes: z.number(),
});
export type PartyMeetingItem = z.infer<typeof partyMeetingItem>;

const partyFilters = z.object({ under, year: field.yearQuery() });

export const listPartyMeetings = contract({
  method: 'GET',
  path: '/api/registries/party-meetings',
  permission: 'org:read',
  tag: TAG_PARTY,
  summary: '乡镇党委研究团的工作的会议记录（日期、议题、出席、纪要）',
  query: partyFilters.extend(pageQuery),
  response: paged(partyMeetingItem),
  refs: { 'query.under': 'org' },
});

export const exportPartyMeetings = contract({
  method: 'GET',
  path: '/api/registries/party-meetings/export',
  permission: 'org:read',
  tag: TAG_PARTY,
  summary: '导出党委研究团的工作记录（Excel）',
  query: partyFilters,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const createPartyMeeting = contract({
  method: 'POST',
  path: '/api/registries/party-meetings',
  permission: 'org:edit',
  tag: TAG_PARTY,
  summary: '登记乡镇党委研究团的工作的会议（记在乡镇团委）',
  body: z.object({
    orgId: bodyId('乡镇团委'),
    heldOn: date('会议日期'),
    meetingName: text('会议名称', 2, 60),
    chairedBy: optionalText('主持人', 30),
    topics: text('研究议题', 2, 1000),
    attendance: optionalText('出席人员', 500),
    decisions: optionalText('议定事项', 2000),
  }),
  response: partyMeetingItem,
  refs: { 'body.orgId': 'org' },
});

export const uploadPartyMeetingMinutes = contract({
  method: 'POST',
  path: '/api/registries/party-meetings/:id/minutes',
  permission: 'org:edit',
  tag: TAG_PARTY,
  summary: '上传会议纪要（图片或 PDF）',
  params: idParam,
  body: uploadBody,
  bodyLimit: UPLOAD_BODY_LIMIT,
  response: attachmentItem,
  refs: { 'params.id': 'partyMeeting' },
});

export const getPartyMeetingStatus = contract({
  method: 'GET',
  path: '/api/registries/party-meetings/status',
  permission: 'org:read',
  tag: TAG_PARTY,
  summary: '本年度各乡镇党委是否研究过团的工作（截止月份后未研究的为逾期）',
  query: z.object({ orgId: queryId('组织'), year: field.yearQuery() }),
  response: z.object({
    year: z.number(),
    dueMonth: z.number(),
    held: z.number(),
    notHeld: z.number(),
    rows: z.array(z.object({ orgId: z.number(), orgName: z.string(), held: z.number(), lastHeldOn: z.string().nullable(), overdue: z.boolean() })),
  }),
  refs: { 'query.orgId': 'org' },
  readReplica: true,
});

/* ------------------------------------------------------------ 青年社团 */

const TAG_SOCIETIES = '青年社团';
const societyType = z.enum(SOCIETY_TYPES, { error: '社团类型无效' }).describe('社团类型');

export const societyItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  societyType,
  members: z.number().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  active: z.boolean(),
  foundedOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type SocietyItem = z.infer<typeof societyItem>;

const societyFilters = z.object({ under, active: z.stringbool().optional().describe('是否活跃'), societyType: societyType.optional(), q: keyword });

export const listSocieties = contract({
  method: 'GET',
  path: '/api/registries/societies',
  permission: 'org:read',
  tag: TAG_SOCIETIES,
  summary: '乡镇（街道）联系的青年社团',
  query: societyFilters.extend(pageQuery),
  response: paged(societyItem).extend({ active: z.number(), members: z.number() }),
  refs: { 'query.under': 'org' },
});

export const exportSocieties = contract({
  method: 'GET',
  path: '/api/registries/societies/export',
  permission: 'org:read',
  tag: TAG_SOCIETIES,
  summary: '导出青年社团（Excel，与导入同列）',
  query: societyFilters,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

const societyFields = {
  name: text('社团名称', 2, 60),
  societyType,
  members: z.number({ error: '成员数应为数字' }).int('成员数应为整数').min(0, '成员数不能为负').max(100_000, '成员数过大').nullish().describe('成员数'),
  contactName: optionalText('联系人', 20),
  contactPhone: phoneString.nullish().describe('联系电话'),
  active: z.boolean().default(true).describe('是否活跃'),
  foundedOn: date('成立日期').nullish(),
  note: optionalText('备注', 200),
};

export const createSociety = contract({
  method: 'POST',
  path: '/api/registries/societies',
  permission: 'org:edit',
  tag: TAG_SOCIETIES,
  summary: '登记一个青年社团（所属组织为联系它的乡镇团委或上级）',
  body: z.object({ orgId: bodyId('所属组织'), ...societyFields }),
  response: societyItem,
  refs: { 'body.orgId': 'org' },
});

export const updateSociety = contract({
  method: 'PATCH',
  path: '/api/registries/societies/:id',
  permission: 'org:edit',
  tag: TAG_SOCIETIES,
  summary: '修改青年社团（成员数、联系人、是否活跃）',
  params: idParam,
  body: z.object(societyFields).partial(),
  response: societyItem,
  refs: { 'params.id': 'youthSociety' },
});

export const importSocieties = contract({
  method: 'POST',
  path: '/api/registries/societies/import',
  permission: 'org:edit',
  tag: TAG_SOCIETIES,
  summary: '导入青年社团（Excel/CSV，列同导出）：逐行校验，全部无误才写入',
  body: importBody,
  bodyLimit: IMPORT_BODY_LIMIT,
  response: smallImportResult,
  refs: { 'body.orgId': 'org' },
  longRunning: true,
});

/* ------------------------------------------------------- 青年发展规划 */

const TAG_PLANS = '青年发展规划';
const planStatus = z.enum(PLAN_MEASURE_STATUSES, { error: '状态无效' }).describe('状态');

export const planMeasureItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  planTitle: z.string(),
  area: z.string().nullable(),
  measure: z.string(),
  responsibleUnit: z.string(),
  target: z.string().nullable(),
  progress: z.number(),
  status: planStatus,
  notes: z.string().nullable(),
  updatedOn: z.string(),
});
export type PlanMeasureItem = z.infer<typeof planMeasureItem>;

const planFilters = z.object({ under, status: planStatus.optional(), q: keyword });

export const listPlanMeasures = contract({
  method: 'GET',
  path: '/api/registries/plan-measures',
  permission: 'org:read',
  tag: TAG_PLANS,
  summary: '县域青年发展规划的措施及其进展（责任单位、目标、进度、状态）',
  query: planFilters,
  response: z.object({
    items: z.array(planMeasureItem),
    summary: z.object({ total: z.number(), byStatus: z.record(z.string(), z.number()), averageProgress: z.number().nullable() }),
  }),
  refs: { 'query.under': 'org' },
});

export const exportPlanMeasures = contract({
  method: 'GET',
  path: '/api/registries/plan-measures/export',
  permission: 'org:read',
  tag: TAG_PLANS,
  summary: '导出青年发展规划措施（Excel）',
  query: planFilters,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

const planFields = {
  planTitle: text('规划名称', 2, 100),
  area: optionalText('发展领域', 30),
  measure: text('措施', 2, 500),
  responsibleUnit: text('责任单位', 2, 100),
  target: optionalText('目标', 300),
  progress: z.number({ error: '进度应为数字' }).min(0, '进度不能为负').max(100, '进度不能超过100%').describe('进度（%）'),
  status: planStatus,
  notes: optionalText('备注', 500),
};

export const createPlanMeasure = contract({
  method: 'POST',
  path: '/api/registries/plan-measures',
  permission: 'org:edit',
  tag: TAG_PLANS,
  summary: '登记青年发展规划的一项措施',
  body: z.object({ orgId: bodyId('所属组织'), ...planFields }),
  response: planMeasureItem,
  refs: { 'body.orgId': 'org' },
});

export const updatePlanMeasure = contract({
  method: 'PATCH',
  path: '/api/registries/plan-measures/:id',
  permission: 'org:edit',
  tag: TAG_PLANS,
  summary: '更新措施的进展（进度、状态、备注）',
  params: idParam,
  body: z.object(planFields).partial(),
  response: planMeasureItem,
  refs: { 'params.id': 'planMeasure' },
});
