// Contracts of the ledgers (台账) generated from the records. Issue 6.
import { z } from 'zod';
import { LEDGER_KINDS, LEDGER_PERIODS, LEDGERS } from '../stats/ledgers.js';
import { contract, pageQuery } from './contract.js';

const TAG = '统计';
const ledgerKey = z.enum(LEDGERS.map((l) => l.key) as [string, ...string[]], { error: '台账无效' }).describe('台账');
const ledgerKind = z.enum(LEDGER_KINDS, { error: '台账类别无效' }).describe('台账类别');
const orgId = z.coerce.number().int().positive().describe('组织');
const year = z.coerce.number().int().min(1950, '年度无效').max(2100, '年度无效').optional().describe('年度（默认本年）');

export const ledgerColumn = z.object({ key: z.string(), label: z.string(), width: z.number(), align: z.enum(['right']).optional() });
export const ledgerInfo = z.object({
  key: z.string(),
  kind: z.enum(LEDGER_KINDS),
  title: z.string(),
  period: z.enum(LEDGER_PERIODS),
  description: z.string(),
  permission: z.enum(['stats:read', 'person:read']),
  columns: z.array(ledgerColumn),
});
export type LedgerInfo = z.infer<typeof ledgerInfo>;

export const listLedgers = contract({
  method: 'GET',
  path: '/api/stats/ledgers',
  permission: 'stats:read',
  tag: TAG,
  readReplica: true,
  summary: '台账目录：组织台账、工作台账、青年台账及其栏目',
  response: z.array(ledgerInfo),
});

const cell = z.union([z.string(), z.number(), z.null()]);
export const ledgerPage = z.object({
  key: z.string(),
  title: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  /** 2026年度 / 截至2026-11-27 */
  periodText: z.string(),
  columns: z.array(ledgerColumn),
  /** One array of cells per record, in column order. */
  items: z.array(z.array(cell)),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type LedgerPage = z.infer<typeof ledgerPage>;

export const getLedger = contract({
  method: 'GET',
  path: '/api/stats/ledgers/:ledger',
  permission: 'stats:read',
  tag: TAG,
  readReplica: true,
  summary: '一本台账：组织（含下级）在所选期间的记录，分页',
  params: z.object({ ledger: ledgerKey }),
  query: z.object({ orgId, year, ...pageQuery }),
  response: ledgerPage,
  refs: { 'query.orgId': 'org' },
});

export const exportLedger = contract({
  method: 'GET',
  path: '/api/stats/ledgers/:ledger/export',
  permission: 'stats:read',
  tag: TAG,
  readReplica: true,
  summary: '导出一本台账（Excel）',
  params: z.object({ ledger: ledgerKey }),
  query: z.object({ orgId, year }),
  response: z.any(),
  file: true,
  refs: { 'query.orgId': 'org' },
});

export const exportLedgerKind = contract({
  method: 'GET',
  path: '/api/stats/ledger-kinds/:kind/export',
  permission: 'stats:read',
  tag: TAG,
  readReplica: true,
  summary: '导出一类台账（一个工作簿，每本台账一个工作表）',
  params: z.object({ kind: ledgerKind }),
  query: z.object({ orgId, year }),
  response: z.any(),
  file: true,
  refs: { 'query.orgId': 'org' },
});
