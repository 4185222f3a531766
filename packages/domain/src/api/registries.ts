import { z } from 'zod';
import { NEW_SECTOR_KINDS } from '../registries/new-sector.js';
import { SECTORS } from '../org/types.js';
import { contract, field, idParam, paged, pageQuery, phoneString } from './contract.js';
import { IMPORT_BODY_LIMIT, importFile } from './import-upload.js';

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

export const newSectorImportResult = z.object({
  total: z.number(),
  valid: z.number(),
  created: z.number(),
  updated: z.number(),
  /** True when written: only a file without errors is written (fix the rows and upload again). */
  written: z.boolean(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
});
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
