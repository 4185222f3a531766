import { z } from 'zod';
import { contract } from './contract.js';
import { dashboard } from './dashboard.js';

/**
 * The national tier (docs/scaling.md): a national server reads every province's rollups through
 * postgres_fdw; these figures come from one query over all provinces. Answered only by a server in
 * national mode (NATIONAL_PROVINCES), to a platform administrator or an account of the central committee.
 */
const figures = dashboard.pick({ orgs: true, people: true, development: true });

export const nationalOverview = z.object({
  year: z.number(),
  provinces: z.array(
    z.object({ code: z.string(), name: z.string(), orgId: z.number(), orgName: z.string() }).extend(figures.shape),
  ),
  total: figures,
});
export type NationalOverview = z.infer<typeof nationalOverview>;

export const getOverview = contract({
  method: 'GET',
  path: '/api/national/overview',
  permission: 'stats:read',
  tag: '全国',
  summary: '全国概况：各省组织、团员、青年、发展团员（一次查询读取各省汇总）',
  response: nationalOverview,
});

const month = z.string().regex(/^\d{4}-\d{2}$/, '月份格式为 YYYY-MM');

export const nationalStatTable = z.object({
  month: z.string(),
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      /** Month-end figures of the province's committee (null: no snapshot of that month yet). */
      orgs: z.number().nullable(),
      members: z.number().nullable(),
      people: z.number().nullable(),
      casesInProgress: z.number().nullable(),
      approvedThisYear: z.number().nullable(),
    }),
  ),
});
export type NationalStatTable = z.infer<typeof nationalStatTable>;

export const getStatTable = contract({
  method: 'GET',
  path: '/api/national/stat-table',
  permission: 'stats:read',
  tag: '全国',
  summary: '全国统计表：各省月末快照（组织、团员、登记青年、发展团员），一次查询',
  query: z.object({ month: month.describe('月份') }),
  response: nationalStatTable,
});
