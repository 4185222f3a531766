import { z } from 'zod';
import { ORG_TYPES, SECTORS, ORG_STATUSES, SCHOOL_STAGES, ADMIN_UNIT_KINDS } from '../org/types.js';
import { contract, dateString, idParam, okResponse, paged, pageQuery, phoneString } from './contract.js';

const orgType = z.enum(ORG_TYPES, { error: '组织类型无效' }).describe('组织类型');
const sector = z.enum(SECTORS, { error: '所属领域无效' }).describe('所属领域');

export const orgSummary = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  type: z.enum(ORG_TYPES),
  sector: z.enum(SECTORS),
  status: z.enum(ORG_STATUSES),
  childCount: z.number(),
});
export type OrgSummary = z.infer<typeof orgSummary>;

export const orgDetail = orgSummary.extend({
  path: z.string(),
  shortName: z.string().nullable(),
  schoolStage: z.enum(SCHOOL_STAGES).nullable(),
  adminUnitId: z.number().nullable(),
  adminUnitName: z.string().nullable(),
  foundedOn: z.string().nullable(),
  dissolvedOn: z.string().nullable(),
  dissolvedReason: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  version: z.number(),
  /** Ancestors visible to the caller, root first (breadcrumb). */
  ancestors: z.array(z.object({ id: z.number(), name: z.string() })),
  /** What the caller may do with this organization (the client shows only these). */
  can: z.object({ edit: z.boolean(), manage: z.boolean(), move: z.boolean(), dissolve: z.boolean(), restore: z.boolean() }),
});
export type OrgDetail = z.infer<typeof orgDetail>;

const optionalText = (label: string, max = 200) =>
  z.string().trim().max(max, `${label}不能超过${max}个字`).nullish().describe(label);

const orgFields = {
  name: z.string().trim().min(2, '组织名称至少2个字').max(100, '组织名称不能超过100个字').describe('组织名称'),
  shortName: optionalText('简称', 30),
  type: orgType,
  sector,
  schoolStage: z.enum(SCHOOL_STAGES, { error: '学段无效' }).nullish().describe('学段'),
  adminUnitId: z.number().int().positive().nullish().describe('服务的村（社区）'),
  foundedOn: dateString.nullish().describe('成立日期'),
  contactName: optionalText('联系人', 30),
  contactPhone: phoneString.nullish().describe('联系电话'),
  address: optionalText('地址'),
};

export const listRoots = contract({
  method: 'GET',
  path: '/api/orgs/roots',
  permission: 'org:read',
  tag: '组织',
  summary: '当前账号可见的顶层组织',
  response: z.array(orgSummary),
});

export const listChildren = contract({
  method: 'GET',
  path: '/api/orgs/:id/children',
  permission: 'org:read',
  tag: '组织',
  summary: '下级组织',
  params: idParam,
  query: z.object({ includeDissolved: z.stringbool().default(false).describe('包含已撤销') }),
  response: z.array(orgSummary),
  refs: { 'params.id': 'org' },
});

export const getOrg = contract({
  method: 'GET',
  path: '/api/orgs/:id',
  permission: 'org:read',
  tag: '组织',
  summary: '组织详情',
  params: idParam,
  response: orgDetail,
  refs: { 'params.id': 'org' },
});

export const orgListQuery = z.object({
  q: z.string().trim().max(50).optional().describe('名称关键字'),
  under: z.coerce.number().int().positive().optional().describe('上级组织'),
  type: orgType.optional(),
  sector: sector.optional(),
  status: z.enum(ORG_STATUSES).optional().describe('状态'),
  ...pageQuery,
});

export const searchOrgs = contract({
  method: 'GET',
  path: '/api/orgs',
  permission: 'org:read',
  tag: '组织',
  summary: '查询组织（限本账号范围）',
  query: orgListQuery,
  response: paged(orgSummary.extend({ parentName: z.string().nullable(), path: z.string() })),
  refs: { 'query.under': 'org' },
});

export const exportOrgs = contract({
  method: 'GET',
  path: '/api/orgs/export',
  permission: 'org:read',
  tag: '组织',
  summary: '导出组织名册（Excel）',
  query: orgListQuery.omit({ page: true, pageSize: true }),
  response: z.any(),
  file: true,
  refs: { 'query.under': 'org' },
});

export const createOrg = contract({
  method: 'POST',
  path: '/api/orgs',
  permission: 'org:manage',
  tag: '组织',
  summary: '新建组织',
  body: z.object({ parentId: z.number().int().positive().describe('上级组织'), ...orgFields }),
  response: orgDetail,
  refs: { 'body.parentId': 'org', 'body.adminUnitId': 'adminUnit' },
});

export const updateOrg = contract({
  method: 'PATCH',
  path: '/api/orgs/:id',
  permission: 'org:edit',
  tag: '组织',
  summary: '修改组织信息（含更名）',
  params: idParam,
  body: z
    .object({ ...orgFields, version: z.number().int().describe('版本号') })
    .partial()
    .required({ version: true }),
  response: orgDetail,
  refs: { 'params.id': 'org', 'body.adminUnitId': 'adminUnit' },
});

export const moveOrg = contract({
  method: 'POST',
  path: '/api/orgs/:id/move',
  permission: 'org:manage',
  tag: '组织',
  summary: '调整隶属关系（整棵子树移动）',
  params: idParam,
  body: z.object({ parentId: z.number().int().positive().describe('新的上级组织') }),
  response: orgDetail,
  refs: { 'params.id': 'org', 'body.parentId': 'org' },
});

export const dissolveOrg = contract({
  method: 'POST',
  path: '/api/orgs/:id/dissolve',
  permission: 'org:manage',
  tag: '组织',
  summary: '撤销组织（保留历史）',
  params: idParam,
  body: z.object({
    dissolvedOn: dateString.describe('撤销日期'),
    reason: z.string().trim().min(2, '请填写撤销原因').max(500).describe('撤销原因'),
  }),
  response: orgDetail,
  refs: { 'params.id': 'org' },
});

export const restoreOrg = contract({
  method: 'POST',
  path: '/api/orgs/:id/restore',
  permission: 'org:manage',
  tag: '组织',
  summary: '恢复已撤销的组织',
  params: idParam,
  response: orgDetail,
  refs: { 'params.id': 'org' },
});

export const adminUnit = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(ADMIN_UNIT_KINDS),
  townshipOrgId: z.number(),
  townshipOrgName: z.string(),
  branchCount: z.number(),
});
export type AdminUnit = z.infer<typeof adminUnit>;

export const listAdminUnits = contract({
  method: 'GET',
  path: '/api/admin-units',
  permission: 'org:read',
  tag: '组织',
  summary: '村（社区）及其团组织覆盖情况',
  query: z.object({
    under: z.coerce.number().int().positive().optional().describe('上级组织'),
    uncovered: z.stringbool().default(false).describe('仅看未建团组织的'),
  }),
  response: z.array(adminUnit),
  refs: { 'query.under': 'org' },
});

export const createAdminUnit = contract({
  method: 'POST',
  path: '/api/admin-units',
  permission: 'org:manage',
  tag: '组织',
  summary: '登记村（社区）',
  body: z.object({
    code: z.string().trim().regex(/^\d{12}$/, '区划代码应为12位数字').describe('区划代码'),
    name: z.string().trim().min(2).max(50).describe('名称'),
    kind: z.enum(ADMIN_UNIT_KINDS, { error: '类别应为村或社区' }).describe('类别'),
    townshipOrgId: z.number().int().positive().describe('所属乡镇（街道）团组织'),
  }),
  response: adminUnit,
  refs: { 'body.townshipOrgId': 'org' },
});

export { okResponse };
