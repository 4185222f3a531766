import { z } from 'zod';
import { ORG_TYPES, SECTORS } from '../org/types.js';
import { contract } from './contract.js';

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
