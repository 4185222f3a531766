import { z } from 'zod';
import { DEVELOPMENT_STEPS } from '../people/development.js';
import { ORG_TYPES, SECTORS } from '../org/types.js';
import { contract } from './contract.js';

const count = z.number().int();

export const dashboard = z.object({
  org: z.object({ id: z.number(), name: z.string(), type: z.enum(ORG_TYPES) }),
  year: z.number(),
  orgs: z.object({
    total: count,
    dissolved: count,
    byType: z.array(z.object({ type: z.enum(ORG_TYPES), count })),
    bySector: z.array(z.object({ sector: z.enum(SECTORS), count })),
  }),
  people: z.object({
    registered: count,
    /** Youth by year of birth: aged 14–35 this year (按出生年份计算). */
    youth: count,
    members: count,
    students: count,
    studentMembers: count,
    male: count,
    female: count,
    memberYouthRatio: z.number().nullable(),
    memberStudentRatio: z.number().nullable(),
    /** Members reaching the age limit this year. */
    membersReachingLimit: count,
    ageBands: z.array(z.object({ band: z.string(), members: count, youth: count })),
  }),
  development: z.object({
    stages: z.array(z.object({ stage: z.enum(DEVELOPMENT_STEPS), count })),
    approvedThisYear: count,
  }),
  children: z.array(z.object({ id: z.number(), name: z.string(), type: z.enum(ORG_TYPES), orgs: count, members: count, youth: count })),
});
export type Dashboard = z.infer<typeof dashboard>;

export const getDashboard = contract({
  method: 'GET',
  path: '/api/stats/dashboard',
  permission: 'stats:read',
  tag: '统计',
  readReplica: true,
  summary: '子树概况（来自与记录同一事务维护的汇总，任意规模下恒定耗时）',
  query: z.object({ orgId: z.coerce.number().int().positive().describe('组织') }),
  response: dashboard,
  refs: { 'query.orgId': 'org' },
});

export const snapshotItem = z.object({ month: z.string(), takenAt: z.string(), metrics: z.record(z.string(), z.number()) });

export const listSnapshots = contract({
  method: 'GET',
  path: '/api/stats/snapshots',
  permission: 'stats:read',
  tag: '统计',
  readReplica: true,
  summary: '月末快照（历史数字不随后来的记录变化）',
  query: z.object({ orgId: z.coerce.number().int().positive().describe('组织') }),
  response: z.array(snapshotItem),
  refs: { 'query.orgId': 'org' },
});
