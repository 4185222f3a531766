import { z } from 'zod';
import { ORG_TYPES, SECTORS } from '../org/types.js';
import { contract } from './contract.js';
import { getPeopleOverview } from './people.js';
import { getDue, studyStats } from './org-life.js';
import { duesReport } from './daily-work.js';
import { getFunnel } from './development.js';

export const orgOverview = z.object({
  org: z.object({ id: z.number(), name: z.string(), type: z.enum(ORG_TYPES) }),
  total: z.number(),
  byType: z.array(z.object({ type: z.enum(ORG_TYPES), count: z.number() })),
  bySector: z.array(z.object({ sector: z.enum(SECTORS), count: z.number() })),
  coverage: z.object({ units: z.number(), covered: z.number(), villages: z.number(), villagesCovered: z.number(), communities: z.number(), communitiesCovered: z.number() }),
  children: z.array(z.object({ id: z.number(), name: z.string(), shortName: z.string(), type: z.enum(ORG_TYPES), total: z.number(), branches: z.number() })),
  dissolved: z.number(),
});
export type OrgOverview = z.infer<typeof orgOverview>;

export const getOrgOverview = contract({
  method: 'GET',
  path: '/api/stats/org-overview',
  permission: 'stats:read',
  tag: '统计',
  readReplica: true,
  summary: '子树组织概况：按类型、按领域计数，村（社区）覆盖，下级对比',
  query: z.object({ orgId: z.coerce.number().int().positive().describe('组织') }),
  response: orgOverview,
  refs: { 'query.orgId': 'org' },
});

/**
 * 团支部首页 in one round trip (issue 13, the phone's first screen): the figures the branch home shows, each
 * the answer of its own contract (people overview, this period's due meetings, this month's dues, 青年大学习,
 * development funnel) for the branch, computed in one scoped transaction.
 */
export const branchHome = contract({
  method: 'GET',
  path: '/api/stats/branch-home',
  permission: 'stats:read',
  tag: '统计',
  summary: '团支部首页数据（一次取回：团员青年、本期组织生活、本月团费、青年大学习、团员发展）',
  query: z.object({
    orgId: z.coerce.number().int().positive().describe('组织'),
    year: z.coerce.number().int().min(2000).max(2100).optional().describe('年度（默认本年）'),
    month: z.string().regex(/^\d{4}-\d{2}$/, { error: '月份格式应为YYYY-MM' }).optional().describe('团费月份（默认本月）'),
  }),
  response: z.object({
    people: getPeopleOverview.response,
    due: getDue.response,
    dues: duesReport.response,
    study: studyStats.response,
    funnel: getFunnel.response,
  }),
  refs: { 'query.orgId': 'org' },
});
