import { z } from 'zod';
import { NEW_SECTOR_KINDS } from '../registries/new-sector.js';
import { SECTORS } from '../org/types.js';
import { HONOR_LEVELS, RECIPIENT_KINDS } from '../registries/honors.js';
import { CAMPAIGN_TARGET_STATES } from '../registries/campaigns.js';
import { UPLOAD_BODY_LIMIT, attachmentItem, uploadBody } from './org-life.js';
import { contract, field, idParam, paged, pageQuery, phoneString } from './contract.js';
import { IMPORT_BODY_LIMIT, importFile, sheetImportResult } from './import-upload.js';

/**
 * Registries the seed reports count (issue 17): “三新” coverage first.
 */
const TAG_NEW_SECTOR = '“三新”覆盖';
const { queryId, id: bodyId, text, optionalText, date } = field;

const kind = z.enum(NEW_SECTOR_KINDS, { error: '类别无效' }).describe('类别');
const headcount = (label: string) => z.number({ error: `${label}应为数字` }).int(`${label}应为整数`).min(0, `${label}不能为负`).max(10_000_000).nullish().describe(label);

export const newSectorUnitItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind,
  name: z.string(),
  creditCode: z.string().nullable(),
  platform: z.string().nullable(),
  station: z.string().nullable(),
  address: z.string().nullable(),
  employees: z.number().nullable(),
  youngEmployees: z.number().nullable(),
  leagueOrgId: z.number().nullable(),
  leagueOrgName: z.string().nullable(),
  coveredOn: z.string().nullable(),
  registeredOn: z.string(),
  closedOn: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  /** Covered today (a league organization in place). */
  covered: z.boolean(),
  /** On the list today (not closed). */
  active: z.boolean(),
});
export type NewSectorUnitItem = z.infer<typeof newSectorUnitItem>;

const unitFilters = z.object({
  under: queryId('组织').optional(),
  kind: kind.optional(),
  covered: z.stringbool().optional().describe('是否已建团组织'),
  includeClosed: z.stringbool().default(false).describe('含已注销'),
  q: z.string().trim().max(50, '关键词不能超过50个字').optional().describe('关键词'),
});

export const listNewSectorUnits = contract({
  method: 'GET',
  path: '/api/registries/new-sector/units',
  permission: 'org:read',
  tag: TAG_NEW_SECTOR,
  summary: '“三新”应覆盖单位名录（非公企业、社会组织、新就业群体）',
  query: unitFilters.extend(pageQuery),
  response: paged(newSectorUnitItem),
  refs: { 'query.under': 'org' },
});

export const exportNewSectorUnits = contract({
  method: 'GET',
  path: '/api/registries/new-sector/units/export',
  permission: 'org:read',
  tag: TAG_NEW_SECTOR,
  summary: '导出“三新”应覆盖单位名录（Excel，与导入模板同列）',
  query: unitFilters,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

const unitFields = {
  kind,
  name: text('单位名称', 2, 100),
  creditCode: optionalText('统一社会信用代码', 18),
  platform: optionalText('所属平台', 30),
  station: optionalText('站点', 60),
  address: optionalText('地址', 100),
  employees: headcount('职工数'),
  youngEmployees: headcount('青年职工数'),
  leagueOrgId: bodyId('团组织').nullish(),
  coveredOn: date('建团日期').nullish(),
  registeredOn: date('纳入名录日期').nullish(),
  closedOn: date('注销日期').nullish(),
  contactName: optionalText('联系人', 20),
  contactPhone: phoneString.nullish().describe('联系电话'),
};

export const createNewSectorUnit = contract({
  method: 'POST',
  path: '/api/registries/new-sector/units',
  permission: 'org:edit',
  tag: TAG_NEW_SECTOR,
  summary: '登记一个应覆盖单位（所属组织为负责覆盖的乡镇团委或上级团委）',
  body: z.object({ orgId: bodyId('所属组织'), ...unitFields }),
  response: newSectorUnitItem,
  refs: { 'body.orgId': 'org', 'body.leagueOrgId': 'org' },
});

export const updateNewSectorUnit = contract({
  method: 'PATCH',
  path: '/api/registries/new-sector/units/:id',
  permission: 'org:edit',
  tag: TAG_NEW_SECTOR,
  summary: '修改应覆盖单位（建立团组织后在此关联团组织）',
  params: idParam,
  body: z.object(unitFields).partial(),
  response: newSectorUnitItem,
  refs: { 'params.id': 'newSectorUnit', 'body.leagueOrgId': 'org' },
});

const coverageFigures = z.object({
  shouldCover: z.number(),
  covered: z.number(),
  rate: z.number().nullable(),
  coveredLastYear: z.number(),
  growth: z.object({ value: z.number().nullable(), numerator: z.number().optional(), denominator: z.number().optional() }),
  newlyCovered: z.number(),
  toReach: z.number(),
});

export const getNewSectorCoverage = contract({
  method: 'GET',
  path: '/api/registries/new-sector/coverage',
  permission: 'stats:read',
  tag: TAG_NEW_SECTOR,
  summary: '“三新”覆盖率：应覆盖、已覆盖、覆盖率、较上年末增幅，按类别和下级组织；各领域新发展团员按年度',
  query: z.object({ orgId: queryId('组织') }),
  response: z.object({
    on: z.string(),
    orgName: z.string(),
    total: coverageFigures,
    byKind: z.array(coverageFigures.extend({ kind, label: z.string() })),
    byChild: z.array(coverageFigures.extend({ orgId: z.number(), orgName: z.string() })),
    /** Young employees in units on the list, and in those covered. */
    youngEmployees: z.object({ total: z.number(), covered: z.number() }),
    /** New members by the sector of their organization, by year of joining (this year and the four before). */
    newMembers: z.object({ years: z.array(z.number()), rows: z.array(z.object({ sector: z.enum(SECTORS), label: z.string(), counts: z.array(z.number()) })), social: z.array(z.number()) }),
  }),
  refs: { 'query.orgId': 'org' },
  readReplica: true,
});

export const newSectorImportTemplate = contract({
  method: 'GET',
  path: '/api/registries/new-sector/import-template',
  permission: 'org:edit',
  tag: TAG_NEW_SECTOR,
  summary: '下载“三新”应覆盖单位导入模板（市场监管、民政名录整理后导入）',
  response: z.any(),
  file: true,
});

export const newSectorImportResult = sheetImportResult;
export type NewSectorImportResult = z.infer<typeof newSectorImportResult>;

export const importNewSectorUnits = contract({
  method: 'POST',
  path: '/api/registries/new-sector/import',
  permission: 'org:edit',
  tag: TAG_NEW_SECTOR,
  summary: '导入应覆盖单位名录（Excel/CSV）：逐行校验，全部无误才写入；同一信用代码（或同名同站点）的单位更新',
  body: z.object({ orgId: bodyId('导入到组织'), dryRun: z.boolean().default(false).describe('仅校验'), ...importFile }),
  bodyLimit: IMPORT_BODY_LIMIT,
  response: newSectorImportResult,
  refs: { 'body.orgId': 'org' },
  longRunning: true,
});

/* ==================================================================== honors */

const TAG_HONORS = '荣誉记录';
const level = z.enum(HONOR_LEVELS, { error: '授予层级无效' }).describe('授予层级');
const recipientKind = z.enum(RECIPIENT_KINDS, { error: '获得者类别无效' }).describe('获得者类别');

export const honorAwardItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  recipientKind,
  personId: z.number().nullable(),
  recipientOrgId: z.number().nullable(),
  recipientName: z.string(),
  awardType: z.string(),
  title: z.string(),
  level,
  awardingBody: z.string(),
  year: z.number(),
  awardedOn: z.string().nullable(),
  certificateNo: z.string().nullable(),
  note: z.string().nullable(),
  certificates: z.number(),
});
export type HonorAwardItem = z.infer<typeof honorAwardItem>;

const honorFilters = z.object({
  under: queryId('组织').optional(),
  year: field.yearQuery(),
  level: level.optional(),
  awardType: z.string().trim().max(50).optional().describe('荣誉类型'),
  recipientKind: recipientKind.optional(),
  q: z.string().trim().max(50, '关键词不能超过50个字').optional().describe('关键词'),
});

export const listHonorAwards = contract({
  method: 'GET',
  path: '/api/registries/honors',
  permission: 'person:read',
  tag: TAG_HONORS,
  summary: '荣誉记录：上级授予及本级授予的各类荣誉（含青字号），按层级统计个人与集体',
  query: honorFilters.extend(pageQuery),
  response: paged(honorAwardItem).extend({
    tally: z.array(z.object({ level, label: z.string(), individuals: z.number(), collectives: z.number() })),
  }),
  refs: { 'query.under': 'org' },
});

export const exportHonorAwards = contract({
  method: 'GET',
  path: '/api/registries/honors/export',
  permission: 'person:read',
  tag: TAG_HONORS,
  summary: '导出荣誉记录（Excel）',
  query: honorFilters,
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const createHonorAward = contract({
  method: 'POST',
  path: '/api/registries/honors',
  permission: 'person:write',
  tag: TAG_HONORS,
  summary: '登记一项荣誉（个人记在其所在组织，团组织记在该组织，其他集体记在所选组织）',
  body: z.object({
    orgId: bodyId('所属组织').nullish(),
    recipientKind,
    personId: bodyId('获得者').nullish(),
    recipientOrgId: bodyId('获得的团组织').nullish(),
    recipientName: optionalText('获得集体', 100),
    awardType: text('荣誉类型', 1, 50),
    title: text('荣誉名称', 2, 100),
    level,
    awardingBody: text('授予机关', 2, 100),
    year: field.yearBody(),
    awardedOn: date('授予日期').nullish(),
    certificateNo: optionalText('证书编号', 50),
    note: optionalText('备注', 500),
  }),
  response: honorAwardItem,
  refs: { 'body.orgId': 'org', 'body.personId': 'person', 'body.recipientOrgId': 'org' },
});

export const honorImportTemplate = contract({
  method: 'GET',
  path: '/api/registries/honors/import-template',
  permission: 'person:write',
  tag: TAG_HONORS,
  summary: '下载荣誉记录导入模板',
  response: z.any(),
  file: true,
});

export const importHonorAwards = contract({
  method: 'POST',
  path: '/api/registries/honors/import',
  permission: 'person:write',
  tag: TAG_HONORS,
  summary: '导入荣誉记录（Excel/CSV）：个人按身份证号（或唯一姓名）、团组织按全称或简称、其他集体按名称；逐行校验，全部无误才写入；同一获得者同年度同一荣誉再次导入时更新',
  body: z.object({ orgId: bodyId('导入到组织'), dryRun: z.boolean().default(false).describe('仅校验'), ...importFile }),
  bodyLimit: IMPORT_BODY_LIMIT,
  response: newSectorImportResult,
  refs: { 'body.orgId': 'org' },
  longRunning: true,
});

export const getHonorAward = contract({
  method: 'GET',
  path: '/api/registries/honors/:id',
  permission: 'person:read',
  tag: TAG_HONORS,
  summary: '一项荣誉及其证书扫描件',
  params: idParam,
  response: honorAwardItem.extend({ attachments: z.array(attachmentItem) }),
  refs: { 'params.id': 'honorAward' },
});

export const uploadHonorCertificate = contract({
  method: 'POST',
  path: '/api/registries/honors/:id/certificates',
  permission: 'person:write',
  tag: TAG_HONORS,
  summary: '上传荣誉证书扫描件（图片或 PDF）',
  params: idParam,
  body: uploadBody,
  bodyLimit: UPLOAD_BODY_LIMIT,
  response: attachmentItem,
  refs: { 'params.id': 'honorAward' },
});

export const honorOfItem = z.object({
  source: z.enum(['award', 'campaign']),
  id: z.number(),
  awardType: z.string(),
  title: z.string(),
  level: level.nullable(),
  awardingBody: z.string(),
  year: z.number(),
  awardedOn: z.string().nullable(),
});

export const getHonorsOf = contract({
  method: 'GET',
  path: '/api/registries/honors-of',
  permission: 'person:read',
  tag: TAG_HONORS,
  summary: '一个人或一个团组织获得的全部荣誉：本级评优表彰授予的与上级授予的',
  query: z.object({ personId: queryId('人员').optional(), orgId: queryId('组织').optional() }),
  response: z.object({ items: z.array(honorOfItem) }),
  refs: { 'query.personId': 'person', 'query.orgId': 'org' },
});

/* ============================================== assessment: manual indicators */

const TAG_ASSESSMENT = '改革考核';

export const listManualScores = contract({
  method: 'GET',
  path: '/api/registries/assessment/schemes/:id/manual-scores',
  permission: 'stats:read',
  tag: TAG_ASSESSMENT,
  summary: '考核方案中人工评分指标的得分与佐证（被考核单位看到本单位的）',
  params: idParam,
  response: z.object({
    canScore: z.boolean(),
    items: z.array(
      z.object({
        id: z.number(),
        orgId: z.number(),
        orgName: z.string(),
        indicatorKey: z.string(),
        indicatorLabel: z.string(),
        score: z.number(),
        note: z.string().nullable(),
        scoredOn: z.string(),
        attachments: z.array(attachmentItem),
      }),
    ),
  }),
  refs: { 'params.id': 'assessmentScheme' },
});

export const putManualScore = contract({
  method: 'PUT',
  path: '/api/registries/assessment/schemes/:id/manual-scores',
  permission: 'org:manage',
  tag: TAG_ASSESSMENT,
  summary: '考核单位为被考核单位的人工评分指标评分（附佐证说明；再次评分即更正）',
  params: idParam,
  body: z.object({
    orgId: bodyId('被考核单位'),
    indicatorKey: text('指标编码', 1, 32),
    score: z.number({ error: '请填写得分' }).min(0, '得分不能为负').max(100, '得分不能超过100').describe('得分'),
    note: optionalText('佐证说明', 1000),
  }),
  response: z.object({ id: z.number() }),
  refs: { 'params.id': 'assessmentScheme', 'body.orgId': 'org' },
});

export const uploadManualEvidence = contract({
  method: 'POST',
  path: '/api/registries/assessment/manual-scores/:id/evidence',
  permission: 'org:manage',
  tag: TAG_ASSESSMENT,
  summary: '上传人工评分的佐证材料',
  params: idParam,
  body: uploadBody,
  bodyLimit: UPLOAD_BODY_LIMIT,
  response: attachmentItem,
  refs: { 'params.id': 'assessmentScore' },
});

/* ========================================================= 换届 campaigns */

const TAG_CAMPAIGNS = '换届选举';

export const campaignTargetItem = z.object({
  id: z.number(),
  campaignId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  electionId: z.number().nullable(),
  state: z.enum(CAMPAIGN_TARGET_STATES),
  stepsDone: z.number(),
  stepsTotal: z.number(),
  stepLabel: z.string(),
  overdue: z.boolean(),
});

export const campaignItem = z.object({
  id: z.number(),
  title: z.string(),
  deadline: z.string(),
  startedOn: z.string(),
  targets: z.array(campaignTargetItem),
  completed: z.number(),
  overdue: z.number(),
});
export type CampaignItem = z.infer<typeof campaignItem>;

export const listElectionCampaigns = contract({
  method: 'GET',
  path: '/api/registries/election-campaigns',
  permission: 'org:read',
  tag: TAG_CAMPAIGNS,
  summary: '换届工作部署：上级限期换届的组织及各组织的换届进度（被部署的组织看到本单位的）',
  query: z.object({ under: queryId('组织').optional() }),
  response: z.array(campaignItem),
  refs: { 'query.under': 'org' },
});

export const exportElectionCampaigns = contract({
  method: 'GET',
  path: '/api/registries/election-campaigns/export',
  permission: 'org:read',
  tag: TAG_CAMPAIGNS,
  summary: '导出换届工作部署：每个组织一行（部署名称、完成期限、换届进度、状态、是否逾期）',
  query: z.object({ under: queryId('组织').optional() }),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const createElectionCampaign = contract({
  method: 'POST',
  path: '/api/registries/election-campaigns',
  permission: 'org:manage',
  tag: TAG_CAMPAIGNS,
  summary: '部署限期换届：选定下级组织（如任期届满未换届的乡镇团委）和完成期限',
  body: z.object({
    orgId: bodyId('部署单位'),
    title: text('部署名称', 2, 60),
    deadline: date('完成期限'),
    targetIds: z.array(bodyId('换届组织')).max(500, '一次最多部署500个组织').describe('换届组织'),
  }),
  response: z.object({ id: z.number() }),
  refs: { 'body.orgId': 'org', 'body.targetIds': 'org' },
});
