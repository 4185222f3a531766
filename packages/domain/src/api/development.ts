import { z } from 'zod';
import { DEVELOPMENT_STEPS } from '../people/development.js';
import { contract, dateString, idParam, paged, pageQuery } from './contract.js';

export const CASE_STATUSES = ['in_progress', 'admitted', 'stopped', 'revoked'] as const;
const step = z.enum(DEVELOPMENT_STEPS, { error: '步骤无效' }).describe('步骤');

export const stepInput = z.object({
  actedOn: dateString.describe('办理日期'),
  actor: z.string().trim().min(2, '请填写经办人姓名').max(30).describe('经办人'),
  hours: z.number().min(0).max(40).optional().describe('学时'),
  kind: z.enum(['pioneer', 'member', 'branch']).optional().describe('推荐方式'),
  points: z.number().int().min(0).max(1000).optional().describe('积分'),
  sponsorIds: z.array(z.number().int().positive()).max(5).optional().describe('入团介绍人'),
  contactMemberId: z.number().int().positive().optional().describe('培养联系人'),
  entitled: z.number().int().min(0).max(1000).optional().describe('应到会有表决权团员数'),
  present: z.number().int().min(0).max(1000).optional().describe('实到会人数'),
  votesFor: z.number().int().min(0).max(1000).optional().describe('赞成票'),
  note: z.string().trim().max(500).optional().describe('备注'),
});

export const recordedStep = z.object({
  id: z.number(),
  step: z.enum(DEVELOPMENT_STEPS),
  actedOn: z.string(),
  actor: z.string(),
  data: z.record(z.string(), z.unknown()),
  recordedAt: z.string(),
});

export const caseItem = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  gender: z.enum(['male', 'female']),
  age: z.number(),
  branchId: z.number(),
  branchName: z.string(),
  stage: z.enum(DEVELOPMENT_STEPS),
  status: z.enum(CASE_STATUSES),
  startedOn: z.string(),
  approvedOn: z.string().nullable(),
  flags: z.array(z.string()),
  flagsReviewedBy: z.string().nullable(),
});

export const quotaLine = z.object({ orgId: z.number(), orgName: z.string(), quota: z.number().nullable(), used: z.number() });

export const caseDetail = caseItem.extend({
  steps: z.array(recordedStep),
  trainingHours: z.number(),
  memberNo: z.string().nullable(),
  stopReason: z.string().nullable(),
  /** What comes next, and what (time, hours, quota, warnings) stands in the way today. */
  next: z.object({
    step: z.enum(DEVELOPMENT_STEPS).nullable(),
    canAddTraining: z.boolean(),
    blockers: z.array(z.string()),
    earliestOn: z.string().nullable(),
  }),
  /** Quota at every level above the branch, for the approval decision. */
  quota: z.array(quotaLine),
  can: z.object({ record: z.boolean(), approve: z.boolean(), reviewFlags: z.boolean() }),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const listCases = contract({
  method: 'GET',
  path: '/api/development/cases',
  permission: 'person:read',
  tag: '团员发展',
  summary: '团员发展对象名单（按阶段）',
  query: z.object({
    under: z.coerce.number().int().positive().optional().describe('组织'),
    stage: step.optional(),
    status: z.enum(CASE_STATUSES).optional().describe('状态'),
    flagged: z.stringbool().optional().describe('仅看预警'),
    q: z.string().trim().max(30).optional().describe('姓名'),
    ...pageQuery,
  }),
  response: paged(caseItem),
  refs: { 'query.under': 'org' },
});

export const startCase = contract({
  method: 'POST',
  path: '/api/development/cases',
  permission: 'development:write',
  tag: '团员发展',
  summary: '登记入团申请（开始发展程序）',
  body: z.object({ personId: z.number().int().positive().describe('申请人'), application: stepInput }),
  response: caseDetail,
  refs: { 'body.personId': 'person', 'body.application.sponsorIds': 'person', 'body.application.contactMemberId': 'person' },
});

export const getCase = contract({
  method: 'GET',
  path: '/api/development/cases/:id',
  permission: 'person:read',
  tag: '团员发展',
  summary: '发展程序详情：已办步骤、下一步及受阻原因、指标',
  params: idParam,
  response: caseDetail,
  refs: { 'params.id': 'developmentCase' },
});

export const recordStep = contract({
  method: 'POST',
  path: '/api/development/cases/:id/steps',
  permission: 'development:write',
  tag: '团员发展',
  summary: '办理下一步（顺序、年龄、学时、考察期、介绍人、表决、时限、指标逐项校验）',
  params: idParam,
  body: stepInput.extend({ step }),
  response: caseDetail,
  refs: { 'params.id': 'developmentCase', 'body.sponsorIds': 'person', 'body.contactMemberId': 'person' },
});

export const stopCase = contract({
  method: 'POST',
  path: '/api/development/cases/:id/stop',
  permission: 'development:write',
  tag: '团员发展',
  summary: '终止发展程序（记录原因）',
  params: idParam,
  body: z.object({ reason: z.string().trim().min(2, '请填写终止原因').max(300).describe('原因') }),
  response: caseDetail,
  refs: { 'params.id': 'developmentCase' },
});

export const reviewFlags = contract({
  method: 'POST',
  path: '/api/development/cases/:id/review-flags',
  permission: 'development:approve',
  tag: '团员发展',
  summary: '县级团委复核预警（突击发展、全员入团）',
  params: idParam,
  body: z.object({
    decision: z.enum(['accept', 'stop']).describe('复核结论'),
    note: z.string().trim().min(2, '请填写复核意见').max(300).describe('复核意见'),
  }),
  response: caseDetail,
  refs: { 'params.id': 'developmentCase' },
});

export const quotaOverview = z.object({
  org: quotaLine,
  year: z.number(),
  /** Quota of the organization above (what this one was given from), if visible. */
  assignedToChildren: z.number(),
  children: z.array(quotaLine),
});

export const getQuotas = contract({
  method: 'GET',
  path: '/api/development/quotas',
  permission: 'person:read',
  tag: '团员发展',
  summary: '年度发展指标及使用情况（本级及下级）',
  query: z.object({
    orgId: z.coerce.number().int().positive().describe('组织'),
    year: z.coerce.number().int().min(2000).max(2100).optional().describe('年度（默认本年）'),
  }),
  response: quotaOverview,
  refs: { 'query.orgId': 'org' },
});

export const setQuota = contract({
  method: 'PUT',
  path: '/api/development/quotas',
  permission: 'development:approve',
  tag: '团员发展',
  summary: '下达或调整下级组织的年度发展指标',
  body: z.object({
    orgId: z.number().int().positive().describe('下级组织'),
    year: z.number().int().min(2000).max(2100).describe('年度'),
    amount: z.number().int().min(0, '指标不能为负').max(100_000).describe('指标数'),
  }),
  response: quotaOverview,
  refs: { 'body.orgId': 'org' },
});

export const funnel = z.object({
  year: z.number(),
  stages: z.array(z.object({ stage: z.enum(DEVELOPMENT_STEPS), count: z.number() })),
  admitted: z.number(),
  flagged: z.number(),
  quota: z.number().nullable(),
  used: z.number(),
});

export const getFunnel = contract({
  method: 'GET',
  path: '/api/stats/development-funnel',
  permission: 'stats:read',
  tag: '统计',
  readReplica: true,
  summary: '发展漏斗：各阶段人数与指标使用',
  query: z.object({
    orgId: z.coerce.number().int().positive().describe('组织'),
    year: z.coerce.number().int().min(2000).max(2100).optional().describe('年度（默认本年）'),
  }),
  response: funnel,
  refs: { 'query.orgId': 'org' },
});
