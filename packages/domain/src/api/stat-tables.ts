import { z } from 'zod';
import { STAT_TABLES } from '../stats/tables.js';
import { contract } from './contract.js';

const tableKey = z.enum(STAT_TABLES.map((t) => t.key) as [string, ...string[]], { error: '统计表无效' }).describe('统计表');
const query = z.object({
  orgId: z.coerce.number().int().positive().describe('组织'),
  /** Month-end snapshot (YYYY-MM); omitted = now. */
  asOf: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '统计时点应为 YYYY-MM').optional().describe('统计时点'),
});

export const statTableResult = z.object({
  key: z.string(),
  title: z.string(),
  orgName: z.string(),
  asOf: z.string().nullable(),
  columns: z.array(z.object({ key: z.string(), group: z.string().nullable(), label: z.string(), unit: z.string() })),
  /** orgShortName: the 简称 shown on screen where the name column is narrow (the printed form keeps orgName). */
  rows: z.array(z.object({ orgId: z.number(), orgName: z.string(), orgShortName: z.string().nullable(), values: z.array(z.number()) })),
  total: z.array(z.number()),
});
export type StatTableResult = z.infer<typeof statTableResult>;

export const getStatTable = contract({
  method: 'GET',
  path: '/api/stats/tables/:table',
  permission: 'stats:read',
  tag: '统计',
  readReplica: true,
  summary: '统计表：下级组织逐行、合计行，可选月末时点',
  params: z.object({ table: tableKey }),
  query,
  response: statTableResult,
  refs: { 'query.orgId': 'org' },
});

export const exportStatTable = contract({
  method: 'GET',
  path: '/api/stats/tables/:table/export',
  permission: 'stats:read',
  tag: '统计',
  readReplica: true,
  summary: '导出统计表（Excel，合并表头、单位、合计）',
  params: z.object({ table: tableKey }),
  query,
  response: z.any(),
  file: true,
  refs: { 'query.orgId': 'org' },
});
